# End-to-end cases for safe publication (issue 16; sourced by run.sh):
# four quarters of service users (8,000 a quarter) imported, released one by one, then the
# year; the tables in every format; the audit; refusals that leave the
# database as it was; and an independent attacker (tests/publish/
# attacker.py, SciPy) bounding every suppressed cell over all releases.
PB="$T/publish.db"
PBF="$T/publish"
mkdir -p "$PBF"
for q in 1 2 3 4; do
  "$P" demo generate --dataset service-users --rows 8000 --seed $((40 + q)) --period 2011Q$q -o "$PBF/q$q.csv" >/dev/null 2>&1
  "$P" --db "$PB" data import "$PBF/q$q.csv" --dataset service-users --period 2011Q$q >/dev/null 2>&1
done
SU="--dataset service-users"

t pub-help 0 'publish release' '' -- "$P" help
t pub-help-release 0 'replace --reason' '' -- "$P" help publish release
t pub-no-period 2 '' 'give --period' -- "$P" --db "$PB" publish tables $SU
t pub-bad-period 2 '' "period: '2011Q5'" -- "$P" --db "$PB" publish tables $SU --period 2011Q5
t pub-no-dataset 2 '' 'give --dataset' -- "$P" --db "$PB" publish tables --period 2011Q1
t pub-bad-threshold 2 '' '--threshold takes' -- "$P" --db "$PB" publish tables $SU --period 2011Q1 --threshold 1
t pub-bad-round 2 '' '--round takes' -- "$P" --db "$PB" publish tables $SU --period 2011Q1 --round x
t pub-bad-aon 2 '' 'off, all .* or both' -- "$P" --db "$PB" publish tables $SU --period 2011Q1 --all-or-none some
t pub-bad-format 2 '' "unknown format 'pdf'" -- "$P" --db "$PB" publish tables $SU --period 2011Q1 --format pdf
t pub-not-imported 1 '' 'no imported period of service-users lies within 2012Q1' -- "$P" --db "$PB" publish tables $SU --period 2012Q1
t pub-unknown-dataset 1 '' 'nothing of staff has been imported' -- "$P" --db "$PB" publish tables --dataset staff --period 2011Q1
t pub-list-empty 0 'nothing released yet' '' -- "$P" --db "$PB" publish list

# the draft of a quarter: the JSON contract, additive, primary cells null
t pub-draft-json 0 'wrote' '' -- "$P" --db "$PB" publish tables $SU --period 2011Q1 --format json -o "$PBF/draft-q1.json"
c pub-draft-contract python3 - "$PBF/draft-q1.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["dataset"] == "service-users" and d["period"] == "2011Q1" and d["released"] is False
assert d["rules"]["threshold"] == 10 and d["rules"]["rounding"] == 0
assert d["covers"] == ["2011Q1"]
keys = {"unit", "characteristic", "group", "outcome", "measure", "value", "status"}
cells = d["cells"]
assert cells and all(set(c) == keys for c in cells)
prim = [c for c in cells if c["status"] == "primary"]
sec = [c for c in cells if c["status"] == "secondary"]
assert prim and sec, (len(prim), len(sec))
assert all(c["value"] is None for c in prim + sec)
assert all(isinstance(c["value"], int) and (c["value"] == 0 or c["value"] >= 10)
           for c in cells if c["status"] == "published"), "a published count under 10"
assert any(c["unit"] == "All" for c in cells) and any(c["group"] == "All" for c in cells)
PY
# the true count of a suppressed cell is in no output: no format writes a
# number where the JSON has null (checked cell by cell on the CSV)
t pub-draft-csv 0 'wrote' '' -- "$P" --db "$PB" publish tables $SU --period 2011Q1 -o "$PBF/draft-q1.csv"
c pub-draft-csv-same python3 - "$PBF/draft-q1.json" "$PBF/draft-q1.csv" <<'PY'
import csv, json, sys
d = json.load(open(sys.argv[1]))
rows = list(csv.DictReader(open(sys.argv[2], newline="")))
assert len(rows) == len(d["cells"])
assert "status" not in rows[0], "the public CSV says nothing of why a cell is withheld"
for c, r in zip(d["cells"], rows):
    assert r["value"] == ("[c]" if c["value"] is None else str(c["value"])), (c, r)
PY
t pub-draft-xlsx 0 'wrote' '' -- "$P" --db "$PB" publish tables $SU --period 2011Q1 --format xlsx -o "$PBF/draft-q1.xlsx"
t pub-xlsx-needs-file 2 '' 'give -o FILE.xlsx' -- "$P" --db "$PB" publish tables $SU --period 2011Q1 --format xlsx
c pub-draft-xlsx-cells python3 - "$PBF/draft-q1.json" "$PBF/draft-q1.xlsx" <<'PY'
import json, re, sys, zipfile
d = json.load(open(sys.argv[1]))
z = zipfile.ZipFile(sys.argv[2])
names = z.namelist()
assert any(n.startswith("xl/worksheets/sheet") for n in names)
text = "".join(z.read(n).decode() for n in names if n.startswith("xl/"))
assert "[c]" in text
# every number in the workbook's sheets is a published value
published = {c["value"] for c in d["cells"] if c["value"] is not None}
for n in names:
    if n.startswith("xl/worksheets/sheet"):
        nums = re.findall(r'<c r="[A-Z]+[0-9]+"(?: s="[0-9]+")?><v>([0-9]+)</v>', z.read(n).decode())
        assert all(int(v) in published for v in nums), n
PY

# the ONS 10-5 rule: under 10 withheld, the rest rounded to 5 (totals from
# the exact figures, so they need not add up)
t pub-round 0 'wrote' '' -- "$P" --db "$PB" publish tables $SU --period 2011Q1 --round 5 --format json -o "$PBF/round-q1.json"
c pub-round-values python3 - "$PBF/round-q1.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["rules"]["rounding"] == 5
vals = [c["value"] for c in d["cells"] if c["value"] is not None]
assert vals and all(v % 5 == 0 for v in vals), "a count not rounded to 5"
assert all(v == 0 or v >= 10 for v in vals), "a count under 10 published"
PY
# a page of tables for people: [c] for withheld cells, escaped, no scripts
t pub-html 0 'wrote' '' -- "$P" --db "$PB" publish tables $SU --period 2011Q1 --format html -o "$PBF/q1.html"
c pub-html-cells sh -c "grep -q '\[c\]' '$PBF/q1.html' && grep -q '<table' '$PBF/q1.html' && ! grep -qi '<script' '$PBF/q1.html'"

# releases: quarter by quarter, then the year
t pub-release-q1 0 'released service-users, 2011Q1 \(January to March 2011\): [0-9]+ cells' '' -- "$P" --db "$PB" publish release $SU --period 2011Q1 --as analyst
t pub-release-again 1 '' 'was released on .* by analyst; .*--replace --reason' -- "$P" --db "$PB" publish release $SU --period 2011Q1
t pub-replace-no-reason 2 '' 'say why the release is replaced' -- "$P" --db "$PB" publish release $SU --period 2011Q1 --replace
t pub-reason-alone 2 '' '--reason goes with --replace' -- "$P" --db "$PB" publish release $SU --period 2011Q1 --reason x
t pub-replace-nothing 1 '' 'has not been released, so there is nothing to replace' -- "$P" --db "$PB" publish release $SU --period 2011Q2 --replace --reason x
t pub-tables-released 0 'wrote' '' -- "$P" --db "$PB" publish tables $SU --period 2011Q1 -o "$PBF/q1.json" --format json
t pub-tables-released-json 0 '"released": true' '' -- cat "$PBF/q1.json"
c pub-released-same-as-draft cmp <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(json.dumps(d["cells"]))' "$PBF/draft-q1.json") <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(json.dumps(d["cells"]))' "$PBF/q1.json")
t pub-release-q2 0 '"period":"2011Q2","cells":[0-9]+,"primary":[0-9]+' '' -- "$P" --db "$PB" publish release $SU --period 2011Q2 --format json
# every interval (publish audit; the year's, tied to four quarters, takes
# about a minute: docs/publication.md)
t pub-audit 0 'between [0-9]+ and [0-9]+' '' -- "$P" --db "$PB" publish audit $SU --period 2011Q1
t pub-audit-json 0 '"pinned": 0' '' -- "$P" --db "$PB" publish audit $SU --period 2011Q2 --format json
t pub-audit-draft 0 'draft, not released' '' -- "$P" --db "$PB" publish audit $SU --period 2011Q3
t pub-release-q3 0 'released' '' -- "$P" --db "$PB" publish release $SU --period 2011Q3
t pub-release-q4 0 'released' '' -- "$P" --db "$PB" publish release $SU --period 2011Q4
t pub-release-year 0 'released service-users, 2011 \(2011\)' '' -- "$P" --db "$PB" publish release $SU --period 2011
for p in 2011Q1 2011Q2 2011Q3 2011Q4 2011; do
  "$P" --db "$PB" publish tables $SU --period $p --format json -o "$PBF/rel-$p.json" >/dev/null 2>&1
done
t pub-year-covers 0 '"covers": \["2011Q1", "2011Q2", "2011Q3", "2011Q4"\]' '' -- cat "$PBF/rel-2011.json"
t pub-list 0 'service-users +2011 +released' '' -- "$P" --db "$PB" publish list
t pub-list-json 0 '"period": "2011Q3"' '' -- "$P" --db "$PB" publish list --format json

# the attacker: every release together, bounded by an independent solver
# the attacker needs SciPy (Debian python3-scipy, under /usr/bin/python3)
PYS=
for py in python3 /usr/bin/python3; do
  if "$py" -c 'import scipy.optimize' 2>/dev/null; then PYS=$py; break; fi
done
if [ -n "$PYS" ]; then
  t pub-attack-quarter 0 '' '' -- "$PYS" "$ROOT/tests/publish/attacker.py" "$PBF/rel-2011Q1.json"
  t pub-attack-next-quarter 0 '' '' -- "$PYS" "$ROOT/tests/publish/attacker.py" "$PBF/rel-2011Q1.json" "$PBF/rel-2011Q2.json"
  t pub-attack-year 0 '' '' -- "$PYS" "$ROOT/tests/publish/attacker.py" "$PBF/rel-2011Q1.json" "$PBF/rel-2011Q2.json" "$PBF/rel-2011Q3.json" "$PBF/rel-2011Q4.json" "$PBF/rel-2011.json"
else
  skip pub-attack "python3-scipy is not installed"
fi

# the same input gives the same pattern every time
"$P" --db "$PB" publish tables $SU --period 2011Q1 --format json -o "$PBF/again.json" >/dev/null 2>&1
c pub-deterministic cmp "$PBF/q1.json" "$PBF/again.json"

# a refused release changes nothing
before=$(dump "$PB")
t pub-refused-release 1 '' 'was released' -- "$P" --db "$PB" publish release $SU --period 2011Q3
c pub-refused-unchanged test "$before" = "$(dump "$PB")"

# replacing: a reason, the old release kept, the year checked again
# a higher threshold for a quarter of a released year: its new small
# counts can be worked out from the year and the other quarters
t pub-replace-stricter 1 '' 'is a small count under these rules, but it can be worked out from releases already published' -- "$P" --db "$PB" publish release $SU --period 2011Q2 --replace --reason "stricter" --threshold 12
t pub-replace 0 'earlier release is replaced' '' -- "$P" --db "$PB" publish release $SU --period 2011Q2 --replace --reason "data corrected"
t pub-replace-list 0 '2011Q2 .*\(a replacement\)' '' -- "$P" --db "$PB" publish list
c pub-replace-history test "$(sqlite3 "$PB" "SELECT reason FROM pub_release_old WHERE period = '2011Q2'")" = "data corrected"
"$P" --db "$PB" publish tables $SU --period 2011Q2 --format json -o "$PBF/rel-2011Q2b.json" >/dev/null 2>&1
if [ -n "$PYS" ]; then
  t pub-attack-after-replace 0 '' '' -- "$PYS" "$ROOT/tests/publish/attacker.py" "$PBF/rel-2011Q1.json" "$PBF/rel-2011Q2b.json" "$PBF/rel-2011Q3.json" "$PBF/rel-2011Q4.json" "$PBF/rel-2011.json"
fi

# a suppressed cell's value is never stored
c pub-no-suppressed-values test "$(sqlite3 "$PB" "SELECT COUNT(*) FROM pub_cell WHERE status <> 1 AND value IS NOT NULL")" = 0
