# End-to-end cases, sourced by tests/cli/run.sh (which defines t, c, skip,
# dump, $P the binary, $DB a fresh database path, $T a temp folder,
# $SEED the real action plan, $FIX the fixtures folder).

# ---- the command line itself
t help-lists-commands 0 'plan import' '' -- "$P" help
t help-command 0 'usage: parity plan import FILE' '' -- "$P" help plan import
t dash-help 0 'usage: parity plan list' '' -- "$P" plan list --help
t version 0 '^parity [0-9]+\.[0-9]+' '' -- "$P" version
t no-args-usage 2 '' 'usage: parity' -- "$P"
t unknown-command 2 '' "no command 'frobnicate'" -- "$P" frobnicate
t group-without-sub 2 '' "'plan' needs a subcommand" -- "$P" plan
t unknown-sub 2 '' "no command 'plan zap'" -- "$P" plan zap
t unknown-option 2 '' "unknown option '--bogus' for 'plan list'" -- "$P" --db "$DB" plan list --bogus
t unknown-option-hint 2 '' "see 'parity help plan list'" -- "$P" --db "$DB" plan list --bogus
t option-needs-value 2 '' 'option --as-of of .plan list. needs a value' -- "$P" --db "$DB" plan list --as-of
t no-plan-yet 1 '' 'no action plan in this database yet' -- "$P" --db "$DB" plan list
t env-db 1 '' 'no action plan' -- env PARITY_DB="$T/env.db" "$P" plan list
c env-db-created test -f "$T/env.db"

# ---- timescale reading
t ts-json-quarter 0 '"start": "2011-10-01"' '' -- "$P" plan timescale "3rd Qtr 2011-12" --format json
t ts-json-fy 0 '"due": "2012-03-31"' '' -- "$P" plan timescale "2011-12" --format json
t ts-json-null 0 '"due": null' '' -- "$P" plan timescale "Ongoing" --format json
t ts-text-rrule 0 'rrule: +FREQ=YEARLY;BYMONTH=1' '' -- "$P" plan timescale "Each Jan"
t ts-needs-text 2 '' 'needs the phrase' -- "$P" plan timescale
t ts-bad-format 2 '' "unknown format 'xml'" -- "$P" plan timescale "Dec 2011" --format xml

# ---- bad input: clear error, exit 1, database unchanged
"$P" --db "$DB" plan import "$ROOT/data/demo/action-plan.md" >/dev/null 2>&1
before=$(dump "$DB")
t bad-empty 1 '' 'empty.md.*empty' -- "$P" --db "$DB" plan import "$FIX/doc/empty.md"
t bad-junk 1 '' 'junk.bin' -- "$P" --db "$DB" plan import "$FIX/doc/junk.bin"
t bad-truncated-docx 1 '' 'truncated.docx.*not a readable Word' -- "$P" --db "$DB" plan import "$FIX/doc/truncated.docx"
t bad-no-actions-col 1 '' 'no-actions.md: no table with an Actions column' -- "$P" --db "$DB" plan import "$FIX/plan/no-actions.md"
# issue 14: a table whose columns are named otherwise ("Measure", "Lead
# responsibility") is read by meaning
LM="$T/layout-measure.db"
t layout-measure-import 0 '2 actions' '' -- "$P" --db "$LM" plan import "$FIX/plan/layout-measure.md"
t layout-measure-leads 0 '1b .*Head of People +Train every panel member' '' -- "$P" --db "$LM" plan list
# initials in brackets after a job title name the person; the title stays
LT="$T/layout-title.db"
t layout-title-import 0 '2 actions, 2 people' '' -- "$P" --db "$LT" plan import "$FIX/plan/layout-title-initials.md"
t layout-title-lead-fm 0 '^1a .*Offer evening courses' '' -- "$P" --db "$LT" plan list --lead FM
t layout-title-lead-jo 0 '^1b .*Publish course uptake' '' -- "$P" --db "$LT" plan list --lead JO
# --columns names what the guess cannot; --dry-run shows the mapping and saves nothing
LC="$T/layout-columns.db"
t layout-columns-guess-fails 1 '' 'no table with an Actions column.*--columns' -- "$P" --db "$LC" plan import "$FIX/plan/layout-own-words.md"
t layout-columns-dry-run-table 0 '^table 1, header in row 1 \(line 3\): 2 actions$' '' -- "$P" --db "$LC" plan import "$FIX/plan/layout-own-words.md" --dry-run --columns 'actions="What happens",lead="Person in charge",timescale="Finish by"'
t layout-columns-dry-run-actions 0 '^  actions +<- "What happens" \(named by --columns\)$' '' -- "$P" --db "$LC" plan import "$FIX/plan/layout-own-words.md" --dry-run --columns 'actions="What happens",lead="Person in charge",timescale="Finish by"'
t layout-columns-dry-run-lead 0 '^  lead +<- "Person in charge" \(named by --columns\)$' '' -- "$P" --db "$LC" plan import "$FIX/plan/layout-own-words.md" --dry-run --columns 'actions="What happens",lead="Person in charge",timescale="Finish by"'
t layout-columns-dry-run-timescale 0 '^  timescale +<- "Finish by" \(named by --columns\)$' '' -- "$P" --db "$LC" plan import "$FIX/plan/layout-own-words.md" --dry-run --columns 'actions="What happens",lead="Person in charge",timescale="Finish by"'
t layout-columns-dry-run-saved-nothing 1 '' 'no action plan' -- "$P" --db "$LC" plan list
t layout-columns-import 0 '2 actions' '' -- "$P" --db "$LC" plan import "$FIX/plan/layout-own-words.md" --columns 'actions="What happens",lead="Person in charge",timescale="Finish by"'
t layout-columns-lead 0 '^2 .*Estates Manager +Offer a hearing loop' '' -- "$P" --db "$LC" plan list
t layout-columns-unknown-header 1 '' 'the lead column was named "Owner", but no header row has a cell that reads so; the tables.* top rows read: "Ref", "What happens", "Person in charge"' -- "$P" --db "$LC" plan import "$FIX/plan/layout-own-words.md" --columns 'actions="What happens",lead=Owner'
t layout-columns-bad-key 2 '' "unknown column 'who'" -- "$P" --db "$LC" plan import "$FIX/plan/layout-own-words.md" --columns 'who=Lead'
t layout-measure-dry-run-actions 0 '^  actions +<- "Measure" \(matched "measure"\)$' '' -- "$P" --db "$LM" plan import "$FIX/plan/layout-measure.md" --dry-run
t layout-measure-dry-run-lead 0 '^  lead +<- "Lead responsibility" \(matched "lead responsibility"\)$' '' -- "$P" --db "$LM" plan import "$FIX/plan/layout-measure.md" --dry-run
# labelled blocks (no tables): the same plan as Markdown, HTML and Word
for f in md html docx; do
  t layout-blocks-$f-import 0 '2 areas, 3 actions, 2 people' '' -- "$P" --db "$T/blocks-$f.db" plan import "$FIX/plan/layout-blocks.$f"
  t layout-blocks-$f-lead 0 'not-started +2026-03-31 JO/Recruitment' '' -- "$P" --db "$T/blocks-$f.db" plan list --lead JO --as-of 2026-01-01
  t layout-blocks-$f-dry-run 0 '^  actions +<- "WRES action 1" \(a numbered label starts each\)$' '' -- "$P" --db "$T/blocks-$f.db" plan import "$FIX/plan/layout-blocks.$f" --dry-run
done
# the timescale phrases other plans use are read; what stays words is flagged by lint
TS="$T/timescales.db"
t layout-ts-import 0 '1 area, 7 actions' '' -- "$P" --db "$TS" plan import "$FIX/plan/layout-timescales.md"
t layout-ts-area-is-plan-title 0 '"area": "Equality scheme action plan"' '' -- "$P" --db "$TS" plan show 1a --format json
t layout-ts-six-monthly 0 '"rrule": "FREQ=MONTHLY;INTERVAL=6"' '' -- "$P" --db "$TS" plan show 1a --format json
t layout-ts-quarterly 0 '"rrule": "FREQ=MONTHLY;INTERVAL=3"' '' -- "$P" --db "$TS" plan show 1b --format json
t layout-ts-ongoing 0 '"timescale_kind": "ongoing"' '' -- "$P" --db "$TS" plan show 1c --format json
t layout-ts-annually 0 '"rrule": "FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=31"' '' -- "$P" --db "$TS" plan show 1d --format json
t layout-ts-span-start 0 '"start": "2023-04-01"' '' -- "$P" --db "$TS" plan show 1e --format json
t layout-ts-span-due 0 '"due": "2023-06-30"' '' -- "$P" --db "$TS" plan show 1e --format json
t layout-ts-mm-yy 0 '"due": "2024-03-31"' '' -- "$P" --db "$TS" plan show 1f --format json
t layout-ts-lead-line 0 '"Equality Officer"' '' -- "$P" --db "$TS" plan show 1g --format json
t layout-ts-lint-words 1 '^words +1g: timescale "Within six months of new Council" stays words' '1 finding in plan' -- "$P" --db "$TS" plan lint
# the table layouts other bodies use read the same from every format they
# come in: the plan list JSON of .html, .docx (and .xlsx) equals the .md's
for lay in council trust scheme; do
  for f in md html docx xlsx; do
    [ -f "$FIX/plan/layout-$lay.$f" ] || continue
    LDB="$T/lay-$lay-$f.db"
    if [ "$f" = xlsx ] && [ "$lay" = trust ]; then # a sheet has no glossary
      "$P" --db "$LDB" people add SO "Sade Okonjo" >/dev/null
      "$P" --db "$LDB" people add PB "Priya Bhatt" >/dev/null
    fi
    t "layout-$lay-$f-import" 0 "imported plan 'main' from .*layout-$lay.$f" '' -- "$P" --db "$LDB" plan import "$FIX/plan/layout-$lay.$f"
    "$P" --db "$LDB" plan list --as-of 2026-01-01 --format json >"$T/lay-$lay-$f.json" 2>/dev/null
    [ "$f" = md ] || c "layout-$lay-$f-same-as-md" cmp "$T/lay-$lay-md.json" "$T/lay-$lay-$f.json"
  done
done
t layout-council-lead-line 0 '^1b +green +not-started +2024-09-30 Head of Policy +Audit the website' '' -- "$P" --db "$T/lay-council-xlsx.db" plan list --as-of 2024-01-01
t layout-council-characteristic-field 0 '"value": "Disability"' '' -- "$P" --db "$T/lay-council-docx.db" plan show 1b --format json
t layout-council-search 0 '^1c .*prayer room' '' -- "$P" --db "$T/lay-council-html.db" plan list --search 'religion or belief'
t layout-trust-ids 0 '^4b +red +not-started +2026-09-30 SO/PB +Review why staff leave' '' -- "$P" --db "$T/lay-trust-xlsx.db" plan list --as-of 2026-12-01
t layout-trust-kpi-field 0 '"name": "Key Performance Indicators"' '' -- "$P" --db "$T/lay-trust-docx.db" plan show 4b --format json
t layout-trust-lead-is-person 0 'SO = Sade Okonjo \(person\)' '' -- "$P" --db "$T/lay-trust-html.db" plan show 4b
t layout-scheme-areas 0 '^2c .*Survey service users' '' -- "$P" --db "$T/lay-scheme-docx.db" plan list --as-of 2023-01-01
t bad-missing-file 1 '' 'nope.md' -- "$P" --db "$DB" plan import "$T/nope.md"
# issue 13, finding 14: a 2 MiB action cell was imported; now the 1 MiB cap of a CSV field
{ printf '| Area | Actions | Lead |\n|---|---|---|\n| 1. Pay | (a) '; head -c 2097152 /dev/zero | tr '\0' x; printf ' | HR |\n'; } > "$T/big-cell.md"
t bad-cell-2mib 1 '' 'big-cell.md:3: table 1, row 2, column 2 \(Actions\): the cell holds 2.0 MiB of text; a table cell may hold at most 1 MiB' -- "$P" --db "$DB" plan import "$T/big-cell.md"
t bad-as-of 1 '' "--as-of: '2011-02-30' is not a valid date" -- "$P" --db "$DB" plan list --as-of 2011-02-30
t bad-unknown-id 1 '' "no action '99z' in the plan" -- "$P" --db "$DB" plan show 99z
t bad-update-id 1 '' "no action '99z'" -- "$P" --db "$DB" plan update 99z --status done
t bad-status 2 '' '--status must be' -- "$P" --db "$DB" plan update 1a --status finished
t bad-rag-no-reason 2 '' 'needs --reason' -- "$P" --db "$DB" plan update 1a --rag red
t bad-update-nothing 2 '' 'nothing to record' -- "$P" --db "$DB" plan update 1a
c db-unchanged-after-errors test "$before" = "$(dump "$DB")"
t bad-db-path 1 '' 'cannot open database .*no/such/dir/x.db' -- "$P" --db "$T/no/such/dir/x.db" plan list
printf 'not a database, just text\n%.0s' $(seq 200) >"$T/text.db"
t bad-db-file 1 '' 'text.db' -- "$P" --db "$T/text.db" plan list

# ---- a failure at the very end of an import rolls everything back
R="$T/rollback.db"
"$P" --db "$R" plan import "$ROOT/data/demo/action-plan.md" >/dev/null 2>&1
"$P" --db "$R" plan update 1b --note 'before the failed import' >/dev/null 2>&1
sqlite3 "$R" "CREATE TRIGGER fail_last BEFORE INSERT ON import_warning BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"
rb_before=$(dump "$R")
t rollback-import 1 '' 'import of .*misaligned.md failed, nothing was changed.*injected failure' -- "$P" --db "$R" plan import "$FIX/plan/misaligned.md"
c rollback-db-unchanged test "$rb_before" = "$(dump "$R")"
t rollback-plan-intact 0 '^19 of 19 actions' '' -- "$P" --db "$R" plan list
t warnings-shown 0 '1 warning \(dry run' 'area 1 \(Pay\): 3 lead values for 2 actions \(a-b\).*ignored: "EF"' -- "$P" --db "$T/warn.db" plan import "$FIX/plan/misaligned.md" --dry-run
t other-plan-name 0 "imported plan 'pay'" '' -- "$P" --db "$T/warn.db" plan import "$FIX/plan/misaligned.md" --name pay
t other-plan-list 0 '^2 of 2 actions' '' -- "$P" --db "$T/warn.db" plan list --plan pay
t other-plan-lint 1 '3 lead values for 2 actions' '' -- "$P" --db "$T/warn.db" plan lint --plan pay
t other-plan-missing 1 '' "no plan named 'main'" -- "$P" --db "$T/warn.db" plan list

# ---- the demo plan: .md and .docx read the same
D1="$T/md.db" D2="$T/docx.db"
t demo-md 0 '3 sections, 7 areas, 19 actions, 5 people, 5 terms' '' -- "$P" --db "$D1" plan import "$ROOT/data/demo/action-plan.md"
t demo-docx 0 '3 sections, 7 areas, 19 actions, 5 people, 5 terms' '' -- "$P" --db "$D2" plan import "$ROOT/data/demo/action-plan.docx"
"$P" --db "$D1" plan list --format json --as-of 2026-12-01 >"$T/l1.json"
"$P" --db "$D2" plan list --format json --as-of 2026-12-01 >"$T/l2.json"
c demo-md-equals-docx cmp "$T/l1.json" "$T/l2.json"
t demo-ditto 0 '^2b .*2026-09-30 TA/HRB' '' -- "$P" --db "$D1" plan list --as-of 2026-12-01
t demo-status-from-doc 0 '^1a +blue +done' '' -- "$P" --db "$D1" plan list --as-of 2026-12-01
t demo-lint-clean 0 'nothing to report' '' -- "$P" --db "$D1" plan lint
t demo-overdue 0 '^4a .*red' '' -- "$P" --db "$D1" plan list --overdue --as-of 2026-12-01
t demo-overdue-only 0 '^4 of 19 actions|^[0-9]+ of 19 actions' '' -- "$P" --db "$D1" plan list --overdue --as-of 2026-12-01
t demo-lead-filter 0 '^1 of 19 actions' '' -- "$P" --db "$D1" plan list --lead Estates
t demo-lead-person 0 '^3c ' '' -- "$P" --db "$D1" plan list --lead md
t demo-duty-filter 0 '^(3a|4a)' '' -- "$P" --db "$D1" plan list --duty 9
t demo-section-words 0 '^6a ' '' -- "$P" --db "$D1" plan list --section services
t demo-status-filter 0 '^2 of 19 actions' '' -- "$P" --db "$D1" plan list --status done
t demo-due-before 0 '^1b ' '' -- "$P" --db "$D1" plan list --due-before 2026-10-01
t demo-recurring-next 0 '"due": "2027-11-30"' '' -- "$P" --db "$D1" plan show 1c --format json --as-of 2026-12-01
t demo-recurring-this 0 '"due": "2026-11-30"' '' -- "$P" --db "$D1" plan show 1c --format json --as-of 2026-11-02
t demo-csv 0 '^id,section,area_no' '' -- "$P" --db "$D1" plan list --format csv

# ---- the same small plan as Markdown, HTML and Word gives the same register
for f in md html docx; do
  t "outreach-$f" 0 '2 sections, 3 areas, 6 actions' '' -- "$P" --db "$T/o-$f.db" plan import "$FIX/doc/outreach.$f"
  "$P" --db "$T/o-$f.db" plan list --format json --as-of 2024-06-01 >"$T/o-$f.json"
done
c outreach-html-equals-md cmp "$T/o-md.json" "$T/o-html.json"
c outreach-docx-equals-md cmp "$T/o-md.json" "$T/o-docx.json"
t outreach-ditto 0 '^1b .*2024-05-31 AB/CD' '' -- "$P" --db "$T/o-html.db" plan list --as-of 2024-06-01

# ---- tracking: update, history, RAG override, re-import keeps history
t update-status 0 'updated 4a' '' -- "$P" --db "$D1" plan update 4a --status in-progress --note 'Data request sent to HR <script>alert(1)</script>' --evidence 'https://intranet.example/4a' --as 'Alex Lead'
t show-history 0 'status +Alex Lead +-> in-progress Data request sent' '' -- "$P" --db "$D1" plan show 4a
t show-evidence 0 'evidence: https://intranet.example/4a' '' -- "$P" --db "$D1" plan show 4a
t rag-override 0 'updated 5c' '' -- "$P" --db "$D1" plan update 5c --rag amber --reason 'Data arrives late from the national system'
t rag-shown 0 'RAG: +amber.* set by hand: Data arrives late' '' -- "$P" --db "$D1" plan show 5c
t rag-clear 0 'updated 5c' '' -- "$P" --db "$D1" plan update 5c --clear-rag
t reimport-same 0 'changes: 0 added, 0 removed, 0 reworded' '' -- "$P" --db "$D1" plan import "$ROOT/data/demo/action-plan.md"
t history-kept 0 'Data request sent to HR' '' -- "$P" --db "$D1" plan show 4a
sed -e 's/Offer reverse mentoring between senior managers and network members/Offer reverse mentoring to every senior manager/' \
    -e '/b) Audit office buildings/d' \
    -e 's/^| | | c) Provide interpreters.*$/&\n| | | d) Translate the complaints leaflet into the five most used languages | PK | March 2027 | Not started |/' \
    "$ROOT/data/demo/action-plan.md" >"$T/v2.md"
t reimport-v2 0 '^changes: 1 added, 1 removed, 1 reworded' '' -- "$P" --db "$D1" plan import "$T/v2.md"
c reimport-v2-lines sh -c "'$P' --db '$D1' plan import '$ROOT/data/demo/action-plan.md' >'$T/v1.out' 2>&1 && '$P' --db '$D1' plan import '$T/v2.md' >'$T/v2.out' 2>&1"
c reimport-lists-reworded grep -q '^reworded 4b' "$T/v2.out"
c reimport-lists-added grep -qE '^(added|restored) +6d' "$T/v2.out"
c reimport-lists-removed grep -qE '^removed +6b' "$T/v2.out"
c reimport-restores grep -qE '^restored +6b' "$T/v1.out"
t reword-in-history 0 'reword .*text was: Offer reverse mentoring between' '' -- "$P" --db "$D1" plan show 4b

# ---- people and duties
t people-list 0 '^MD +Mohammed Darr' '' -- "$P" --db "$D1" people
t people-add 0 'added JW' '' -- "$P" --db "$D1" people add JW 'Jo Whitfield' --role 'Equality Officer'
t people-add-dup 1 '' "already has the initials 'JW'" -- "$P" --db "$D1" people add JW 'Someone Else'
t people-rename 0 'updated JW' '' -- "$P" --db "$D1" people rename JW --role 'Senior Equality Officer'
t people-reassign 0 'actions passed from PK to JW' '' -- "$P" --db "$D1" people reassign PK --to JW --as admin
t reassigned-lead 0 'PK = Jo Whitfield' '' -- "$P" --db "$D1" plan show 6a
t reassign-history 0 'handed over to JW' '' -- "$P" --db "$D1" plan show 6a
t people-left 0 'PK .*left; actions passed to JW' '' -- "$P" --db "$D1" people
t reassign-unknown 1 '' "no person with initials 'ZZ'" -- "$P" --db "$D1" people reassign ZZ --to JW
t duties-set 0 'duty 9: Advance equality of opportunity in progression' '' -- "$P" --db "$D1" plan duties set 9 'Advance equality of opportunity in progression'
t duties-list 0 '^9 +1 +Advance equality' '' -- "$P" --db "$D1" plan duties
t duties-bad 2 '' 'duty number must be' -- "$P" --db "$D1" plan duties set x Name

# ---- reports
t report-text 0 'Duty coverage' '' -- "$P" --db "$D1" plan report --as-of 2026-12-01
t report-md 0 '^\| Section \| Actions' '' -- "$P" --db "$D1" plan report --as-of 2026-12-01 --format md
t report-json 0 '"duty_coverage"' '' -- "$P" --db "$D1" plan report --as-of 2026-12-01 --format json
t report-csv 0 '^id,section,area,text' '' -- "$P" --db "$D1" plan report --format csv
t report-ics 0 '^BEGIN:VCALENDAR' '' -- "$P" --db "$D1" plan report --format ics
t report-ics-rrule 0 '^RRULE:FREQ=YEARLY;BYMONTH=11' '' -- "$P" --db "$D1" plan report --format ics --as-of 2026-12-01
t report-html-file 0 'wrote .*r.html' '' -- "$P" --db "$D1" plan report --as-of 2026-12-01 --format html -o "$T/r.html"
c report-html-doctype grep -q '<!DOCTYPE html>' "$T/r.html"
c report-html-overdue grep -q '<h2>Overdue</h2>' "$T/r.html"
c report-html-no-raw-script sh -c "! grep -q '<script' '$T/r.html'"
t report-bad-format 2 '' "unknown format 'pdf'" -- "$P" --db "$D1" plan report --format pdf
t report-docx-file 0 'wrote .*r.docx' '' -- "$P" --db "$D1" plan report --as-of 2026-12-01 --format docx -o "$T/r.docx"
c report-docx-zip unzip -tq "$T/r.docx"
c report-docx-document python3 -c "import zipfile,sys; sys.exit(0 if 'word/document.xml' in zipfile.ZipFile('$T/r.docx').namelist() else 1)"
t report-docx-reads-back 0 'actions' '' -- "$P" --db "$T/docx-back.db" plan import "$T/r.docx" --dry-run
t report-docx-needs-file 2 '' 'give --output FILE.docx' -- "$P" --db "$D1" plan report --format docx
t report-bad-dir 1 '' 'cannot write' -- "$P" --db "$D1" plan report -o "$T/no/such/dir/r.html"

# ---- hostile text: CSV formulas defused, HTML escaped
H="$T/h.db"
t hostile-import 0 '1 area, 2 actions' '' -- "$P" --db "$H" plan import "$FIX/plan/hostile.md"
t hostile-csv 0 "'=HYPERLINK" '' -- "$P" --db "$H" plan list --format csv
t hostile-html 0 'wrote' '' -- "$P" --db "$H" plan report --format html -o "$T/h.html" --as-of 2026-01-01
c hostile-html-escaped grep -q '&lt;script&gt;alert' "$T/h.html"
c hostile-html-no-script sh -c "! grep -q '<script>' '$T/h.html'"

# ---- the real seed document
if [ -f "$SEED" ]; then
  S="$T/seed.db"
  t seed-import 0 '3 sections, 23 areas, 113 actions, 13 people, 30 terms' 'area 8 \(Training\): 6 lead values for 5 actions \(a-e\)' -- "$P" --db "$S" plan import "$SEED"
  "$P" --db "$S" plan list --format json --as-of 2011-10-01 >"$T/seed.json"
  c seed-json-11d grep -q '"id": "11d"' "$T/seed.json"
  t seed-11d-timescale 0 'Evidence activity by Dec 2010, then Ongoing' '' -- "$P" --db "$S" plan show 11d
  t seed-11d-leads 0 'DMG = Diversity Monitoring Group \(group\); Senior Managers \(role\)' '' -- "$P" --db "$S" plan show 11d
  t seed-4a-leads 0 'Board Chair \(role\); Chief Officer \(role\); LH = Lesley Hudson \(person\); GMack = Gaynor MacKenzie \(person\)' '' -- "$P" --db "$S" plan show 4a
  t seed-9b-ditto 0 'Timescale: +3rd Qtr 2011-12' '' -- "$P" --db "$S" plan show 9b
  t seed-13-split 0 'Timescale: +Make a decision by June 2011' '' -- "$P" --db "$S" plan show 13d
  t seed-13-lead-split 0 'Leads: +PG = .*; SMcl = Shuna McIntyre \(person\); KJ = Karen Jones' '' -- "$P" --db "$S" plan show 13d
  t seed-lint-ag 1 "lead 'AG' matches no person or group \(actions 11a, 11f\)" '' -- "$P" --db "$S" plan lint
  t seed-add-ag 0 'added AG' '' -- "$P" --db "$S" people add AG 'A. Person' --role 'Information Manager'
  c seed-lint-ag-gone sh -c "! '$P' --db '$S' plan lint | grep -q \"lead 'AG'\""
  t seed-ag-resolved 0 'AG = A. Person \(person\)' '' -- "$P" --db "$S" plan show 11f
  t seed-overdue 0 '^6c ' '' -- "$P" --db "$S" plan list --overdue --as-of 2011-10-01
  t seed-duty-11 0 '^20a ' '' -- "$P" --db "$S" plan list --duty 11
  t seed-lead-mack 0 '^[0-9]+ of 113 actions' '' -- "$P" --db "$S" plan list --lead GMcK
  t seed-reimport 0 'changes: 0 added, 0 removed, 0 reworded' '' -- "$P" --db "$S" plan import "$SEED"
else
  skip seed "../shared/seeds absent (as on a user's machine)"
fi
