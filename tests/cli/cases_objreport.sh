# Cases for the equality objectives' section of the Board report (issue
# 20; src/plan/objective_report.c; sourced by run.sh): no section without
# objectives; after adding two with a measure each, 'plan report' in text,
# Markdown, HTML and JSON gives each objective with its measure's latest
# figure (its counts checked against the extract), target, status and
# reason; the JSON's objectives are what 'objective show' gives; retired
# objectives leave the report, and with none left the section goes.
OR="$T/objreport.db"
ORF="$T/objreport"
mkdir -p "$ORF"
ORU() { "$P" --db "$OR" "$@"; }
"$P" --db "$OR" plan import "$ROOT/data/demo/action-plan.md" --as t >/dev/null
for y in 2023 2024 2025; do
  "$P" demo generate --dataset staff --rows 1200 --seed "${y#20}" --period "$y" -o "$ORF/s$y.csv" >/dev/null 2>&1
  "$P" --db "$OR" data import "$ORF/s$y.csv" --dataset staff --period "$y" >/dev/null 2>&1
done
orj() { # EXPR over r, the report's JSON
  "$P" --db "$OR" plan report --as-of 2026-12-01 --format json >"$ORF/r.json" 2>/dev/null
  python3 -c "import json,sys; r=json.load(open('$ORF/r.json')); sys.exit(0 if ($1) else 1)"
}

# ---- no objectives: no section
t objr-none-text 0 'Duty coverage' '' -- ORU plan report --as-of 2026-12-01
c objr-none-no-section sh -c "! grep -q 'Equality objectives' '$T/out'"
t objr-none-md 0 '^## Duty coverage' '' -- ORU plan report --as-of 2026-12-01 --format md
c objr-none-md-no-section sh -c "! grep -q 'Equality objectives' '$T/out'"
t objr-none-html 0 '<h2>Duty coverage</h2>' '' -- ORU plan report --as-of 2026-12-01 --format html
c objr-none-html-no-section sh -c "! grep -q 'Equality objectives' '$T/out'"
c objr-none-json orj 'r["objectives"] == []'

# ---- two objectives with a measure each
t objr-add1 0 '"id": 1' '' -- ORU objective add "Know everyone's ethnicity" --by 2030-03-31 --duty 1 --format json
t objr-measure1 0 '' '' -- ORU objective measure 1 --dataset staff --completeness ethnicity --at-least 50
t objr-add2 0 '"id": 2' '' -- ORU objective add 'Recruitment & progression' --by 2030-03-31 --format json
t objr-measure2 0 '' '' -- ORU objective measure 2 --dataset staff --share ethnicity=Black --at-least 60 --label 'Share of Black staff'

# the completeness of ethnicity in 2025 counted from the extract: recorded
# (neither Not stated nor blank) of everyone, as the report writes them
read -r OR_REC OR_ALL <<<"$(python3 - "$ORF/s2025.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
rec = sum(1 for r in rows if r["ethnicity"].strip() not in ("", "NS"))
print(f"{rec:,} {len(rows):,}")
PY
)"
t objr-text 0 '^Equality objectives$' '' -- ORU plan report --as-of 2026-12-01
c objr-text-objective grep -q "^Objective 1: Know everyone's ethnicity$" "$T/out"
c objr-text-met grep -q '^  To be met by 31 March 2030. Status: Met.$' "$T/out"
c objr-text-latest grep -qE "for 2025 \($OR_REC of $OR_ALL\); target at least 50%. Met.$" "$T/out"
c objr-text-why grep -qE '^    The latest figure, [0-9.]+% for 2025, meets the target of at least 50%.$' "$T/out"
c objr-text-off-track sh -c "sed -n '/^Objective 2: Recruitment & progression/,\$p' '$T/out' | grep -q 'Status: Off track.'"
c objr-text-off-why sh -c "sed -n '/^Objective 2/,\$p' '$T/out' | grep -qE 'does not yet meet the target of at least 60%; the trend through 3 figures reaches'"
c objr-text-last sh -c "tail -n 12 '$T/out' | grep -q '^Objective 2'"
t objr-md 0 '^## Equality objectives$' '' -- ORU plan report --as-of 2026-12-01 --format md
c objr-md-heading grep -q "^### Objective 1: Know everyone's ethnicity$" "$T/out"
c objr-md-row grep -qE "^\| Ethnicity recorded, Staff \| [0-9.]+% for 2025 \($OR_REC of $OR_ALL\) \| at least 50% \| Met \| The latest figure" "$T/out"
c objr-md-off grep -qE '^\| Share of Black staff \| .* \| at least 60% \| Off track \|' "$T/out"
t objr-html 0 '<h2>Equality objectives</h2>' '' -- ORU plan report --as-of 2026-12-01 --format html
c objr-html-escaped grep -q '<h3>Objective 2: Recruitment &amp; progression</h3>' "$T/out"
c objr-html-status grep -q 'Status: <strong class="obj-off-track">Off track</strong>' "$T/out"
c objr-html-met grep -q '<td class="obj-met">Met</td>' "$T/out"
c objr-html-before-actions sh -c "grep -n -e '<h2>Equality objectives</h2>' -e '<h2>Actions by section</h2>' '$T/out' | head -1 | grep -q objectives"
c objr-json-two orj '[o["id"] for o in r["objectives"]] == [1, 2]'
c objr-json-status orj '[o["status"] for o in r["objectives"]] == ["met", "off-track"] and r["objectives"][1]["measures"][0]["status"] == "off-track"'
# the objectives of the JSON are what 'objective show' gives (same day)
ORU objective show 1 --format json >"$ORF/o1.json" 2>/dev/null
ORU objective show 2 --format json >"$ORF/o2.json" 2>/dev/null
c objr-json-same-as-show orj "r['objectives'] == [json.load(open('$ORF/o1.json')), json.load(open('$ORF/o2.json'))]"
# the Word document: the section after the actions, headings and
# paragraphs only, so that it still reads back as the same actions
t objr-docx 0 'wrote' '' -- ORU plan report --as-of 2026-12-01 --format docx -o "$ORF/r.docx"
c objr-docx-section python3 - "$ORF/r.docx" <<'PY'
import re, sys, zipfile
x = zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode()
text = re.sub(r"<[^>]+>", "", x)
assert '<w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">Equality objectives<' in x
assert '<w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t xml:space="preserve">Objective 2: Recruitment &amp; progression<' in x
assert "To be met by 31 March 2030. Status: Off track." in text
assert "meets the target of at least 50%." in text
assert x.rindex("</w:tbl>") < x.index("Equality objectives"), "not after the actions"
assert 'w:styleId="Heading2"' in zipfile.ZipFile(sys.argv[1]).read("word/styles.xml").decode()
PY
t objr-docx-reads-back 0 'actions' '' -- "$P" --db "$ORF/back.db" plan import "$ORF/r.docx" --dry-run
OR_N=$(ORU plan list --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
c objr-docx-same-actions grep -qE "r.docx: [0-9]+ sections, [0-9]+ areas, $OR_N actions, " "$T/out"
# a CSV report has no objectives; nor does the calendar
t objr-csv 0 '^id,section' '' -- ORU plan report --format csv
c objr-csv-none sh -c "! grep -q 'Recruitment' '$T/out'"

# ---- retired objectives leave the report; with none, the section goes
t objr-retire2 0 '' '' -- ORU objective retire 2 --reason 'Folded into the workforce objective'
t objr-after-retire 0 '^Objective 1: ' '' -- ORU plan report --as-of 2026-12-01
c objr-retired-gone sh -c "! grep -q 'Recruitment' '$T/out'"
c objr-json-one orj '[o["id"] for o in r["objectives"]] == [1]'
t objr-retire1 0 '' '' -- ORU objective retire 1 --reason 'Met for good'
t objr-all-retired 0 'Duty coverage' '' -- ORU plan report --as-of 2026-12-01 --format md
c objr-all-retired-no-section sh -c "! grep -q 'Equality objectives' '$T/out'"
c objr-all-retired-json orj 'r["objectives"] == []'
