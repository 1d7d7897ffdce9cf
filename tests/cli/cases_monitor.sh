# End-to-end cases for diversity monitoring (sourced by tests/cli/run.sh).
M="$T/mon.db"
MF="$FIX/monitor"

# ---- demo data
t demo-gen-su 0 'wrote .*su.csv \(20000 rows\)' '' -- "$P" demo generate --dataset service-users --rows 20000 --seed 7 -o "$T/su.csv"
"$P" demo generate --dataset service-users --rows 20000 --seed 7 -o "$T/su2.csv" >/dev/null 2>&1
c demo-gen-repeatable cmp "$T/su.csv" "$T/su2.csv"
t demo-gen-header 0 '^person_id,ldu,quarter,sex,age,ethnicity,religion,disability,sexual_orientation,referred,started,completed,breached' '' -- head -1 "$T/su.csv"
t demo-gen-comma-ldu 0 '"Riverside, North"' '' -- head -50 "$T/su.csv"
t demo-gen-bad 2 '' '--rows' -- "$P" demo generate --dataset service-users
"$P" demo generate --dataset service-users --rows 20000 --seed 8 --period 2011Q2 -o "$T/q2.csv" >/dev/null 2>&1
"$P" demo generate --dataset service-users --rows 20000 --seed 9 --null -o "$T/null.csv" >/dev/null 2>&1

# ---- analyze straight from CSV: the built-in effects are flagged, the null data is not
t analyze-text 0 'ethnicity Black vs White, breached' '' -- "$P" analyze "$T/su.csv" --dataset service-users
t analyze-mixed 0 'ethnicity Mixed vs White, completed' '' -- "$P" analyze "$T/su.csv" --dataset service-users
t analyze-disabled 0 'All: disability .* started' '' -- "$P" analyze "$T/su.csv" --dataset service-users
t analyze-null 0 '^  none$' '' -- "$P" analyze "$T/null.csv" --dataset service-users
t analyze-json 0 '"completeness"' '' -- "$P" analyze "$T/su.csv" --dataset service-users --format json
t analyze-json-fields 0 '"impact_ratio"' '' -- "$P" analyze "$T/su.csv" --dataset service-users --format json
t analyze-period-filter 0 '\(0 records\)|^Diversity report' '' -- "$P" analyze "$T/su.csv" --dataset service-users --period 2011Q2
t analyze-bh 0 '"adjustment": "benjamini-hochberg"' '' -- "$P" analyze "$T/su.csv" --dataset service-users --format json --adjust bh
t analyze-bad-ref 2 '' '--reference must be' -- "$P" analyze "$T/su.csv" --dataset service-users --reference biggest
t analyze-no-dataset 2 '' 'give --dataset NAME' -- "$P" analyze "$T/su.csv"
t analyze-config 0 'service-users, 2011Q3 \(4 records\)' '' -- "$P" analyze "$MF/renamed.csv" --dataset service-users --config "$MF/renamed.conf"
t analyze-config-cj16 0 '"group": "Black"' '' -- "$P" analyze "$MF/renamed.csv" --dataset service-users --config "$MF/renamed.conf" --format json

# ---- bad input: every problem named with line, column and value; nothing imported
t import-bad-rows 1 '' 'bad-rows.csv: [0-9]+ errors in 6 rows; nothing was imported' -- "$P" --db "$M" data import "$MF/bad-rows.csv" --dataset service-users --period 2011Q3
t import-bad-code 1 '' "bad-rows.csv:3:[0-9]+: column 'ethnicity': .*Z9" -- "$P" --db "$M" data import "$MF/bad-rows.csv" --dataset service-users --period 2011Q3
t import-bad-age 1 '' "bad-rows.csv:4:[0-9]+: column 'age': .*abc" -- "$P" --db "$M" data import "$MF/bad-rows.csv" --dataset service-users --period 2011Q3
t import-bad-number 1 '' "bad-rows.csv:5:[0-9]+: column 'started': 'maybe' is not 0 or 1" -- "$P" --db "$M" data import "$MF/bad-rows.csv" --dataset service-users --period 2011Q3
t import-bad-stage 1 '' "bad-rows.csv:6:[0-9]+: column 'completed': completed is 1 but started is 0" -- "$P" --db "$M" data import "$MF/bad-rows.csv" --dataset service-users --period 2011Q3
t import-duplicate 1 '' "bad-rows.csv:7:1: column 'person_id': person 'P1' appears more than once" -- "$P" --db "$M" data import "$MF/bad-rows.csv" --dataset service-users --period 2011Q3
t import-missing-col 1 '' "no column 'ethnicity'" -- "$P" --db "$M" data import "$MF/no-ethnicity.csv" --dataset service-users --period 2011Q3
t import-wrong-period 1 '' "is for period '2011Q3', not 2011Q4" -- "$P" --db "$M" data import "$T/su.csv" --dataset service-users --period 2011Q4
t import-no-period 2 '' 'give the period' -- "$P" --db "$M" data import "$T/su.csv" --dataset service-users
t import-empty 1 '' 'empty.md' -- "$P" --db "$M" data import "$FIX/doc/empty.md" --dataset service-users --period 2011Q3
t import-junk 1 '' 'junk.bin' -- "$P" --db "$M" data import "$FIX/doc/junk.bin" --dataset service-users --period 2011Q3
t data-list-empty 0 'nothing imported yet' '' -- "$P" --db "$M" data list

# ---- import, replace, trend, flags
t import-q2 0 'imported service-users 2011Q2 from .*: 20000 rows, 0 warnings, 0 errors' '' -- "$P" --db "$M" data import "$T/q2.csv" --dataset service-users --period 2011Q2
t import-q3 0 'flags? raised \(some recur' '' -- "$P" --db "$M" data import "$T/su.csv" --dataset service-users --period 2011Q3
mon_before=$(dump "$M")
t import-bad-keeps-db 1 '' 'nothing was imported' -- "$P" --db "$M" data import "$MF/bad-rows.csv" --dataset service-users --period 2011Q3
c import-bad-db-unchanged test "$mon_before" = "$(dump "$M")"
c rows-stored-as-blocks test "$(sqlite3 "$M" "SELECT sum(b.rows) FROM mon_block b JOIN mon_import i ON i.id = b.import_id WHERE i.period = '2011Q3'")" = 20000
c no-mon-row-rows test "$(sqlite3 "$M" 'SELECT count(*) FROM mon_row')" = 0
id1=$(sed -n 2p "$T/su.csv" | cut -d, -f1)
c no-raw-ids-stored sh -c "sqlite3 '$M' 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null && ! grep -a -q -- '$id1' '$M'"
t import-replace 0 'replaced the earlier import' '' -- "$P" --db "$M" data import "$T/su.csv" --dataset service-users --period 2011Q3
t data-list 0 '^service-users +2011Q3 +rows +20000' '' -- "$P" --db "$M" data list
c data-list-one-q3 test "$("$P" --db "$M" data list | grep -c 2011Q3)" = 1
"$P" --db "$M" analyze "$T/su.csv" --dataset service-users --format csv >"$T/an.csv" 2>/dev/null
"$P" --db "$M" report diversity --period 2011Q3 --format csv >"$T/rd.csv" 2>/dev/null
c analyze-equals-report cmp "$T/an.csv" "$T/rd.csv"
t report-json-trend 0 '"period": "2011Q2"' '' -- "$P" --db "$M" report diversity --period 2011Q3 --format json
t report-unit 0 'Ashby Vale' '' -- "$P" --db "$M" report diversity --period 2011Q3 --unit 'Ashby Vale' --format csv
t report-unit-only 1 '' "no unit 'Nowhere'" -- "$P" --db "$M" report diversity --period 2011Q3 --unit Nowhere
t report-no-period 2 '' 'give --period' -- "$P" --db "$M" report diversity
t report-unknown-period 1 '' 'nothing imported for period 2030Q1' -- "$P" --db "$M" report diversity --period 2030Q1
t report-json-file 0 'wrote .*rd.json' '' -- "$P" --db "$M" report diversity --period 2011Q3 -o "$T/rd.json"
c report-json-file-valid grep -q '"comparisons"' "$T/rd.json"
t flags-list 0 'ethnicity Black vs White, breached' '' -- "$P" --db "$M" flags list --state open
t flags-recur 0 '2011Q3 All: ethnicity Black vs White, breached.*\[recurs\]' '' -- "$P" --db "$M" flags list
fid=$("$P" --db "$M" flags list --format json | grep -B3 '"period": "2011Q3"' | sed -n 's/.*"id": \([0-9]*\).*/\1/p' | head -1)
fid2=$("$P" --db "$M" flags list --format json | grep '"id"' | sed -n 's/.*"id": \([0-9]*\).*/\1/p' | tail -1)
t flags-explain 0 "flag #$fid explained" '' -- "$P" --db "$M" flags explain "$fid" --note 'Unit moved to a new court area this quarter' --as 'Unit Manager'
t flags-explain-shown 0 'note: Unit moved to a new court area' '' -- "$P" --db "$M" flags list --state explained
t flags-explain-needs-note 2 '' 'give the explanation with --note' -- "$P" --db "$M" flags explain "$fid"
# the lead is someone in the list of people (issue 15: any --lead was taken)
t flags-act-no-people 1 '' "--lead 'MD' is not the initials of anyone active in the list of people" -- "$P" --db "$M" flags act "$fid2" --lead MD --due 2012-03-31 --text 'Review breach decisions with unit managers'
"$P" --db "$M" plan import "$ROOT/data/demo/action-plan.md" >/dev/null 2>&1
t flags-act-unknown-lead 1 '' "--lead 'ZZ' is not the initials of anyone active in the list of people; see 'parity people' \(add someone" -- "$P" --db "$M" flags act "$fid2" --lead ZZ --due 2012-03-31 --text 'Review breach decisions with unit managers'
t flags-act-group-lead 1 '' "--lead 'DMG' is not the initials" -- "$P" --db "$M" flags act "$fid2" --lead DMG --due 2012-03-31 --text 'Review breach decisions with unit managers'
t flags-act-bad-duties 2 '' "--duties takes duty numbers such as 1,3 or 6-8; got 'x'" -- "$P" --db "$M" flags act "$fid2" --lead MD --due 2012-03-31 --duties x --text 'Review'
t flags-act-unknown-duty 1 '' "duty 99 is not one of the plan's duties" -- "$P" --db "$M" flags act "$fid2" --lead MD --due 2012-03-31 --duties 99 --text 'Review'
t flags-act 0 "flag #$fid2 actioned: action F$fid2 added to plan 'main'" '' -- "$P" --db "$M" flags act "$fid2" --lead md --due 2012-03-31 --duties 1,3-4 --text 'Review breach decisions with unit managers'
c flags-act-lead-is-the-person test "$(sqlite3 "$M" "SELECT lead_text FROM action WHERE code = 'F$fid2'")" = MD
c flags-act-duties test "$(sqlite3 "$M" "SELECT count(*) FROM action_duty d JOIN action a ON a.id = d.action_id WHERE a.code = 'F$fid2' AND d.duty IN (1, 3, 4)")" = 3
c flags-act-history-not-imported test "$(sqlite3 "$M" "SELECT kind FROM action_event e JOIN action a ON a.id = e.action_id WHERE a.code = 'F$fid2'")" = flag
t flags-act-again 1 '' 'already has an action' -- "$P" --db "$M" flags act "$fid2" --lead MD --due 2012-03-31 --text 'Again'
t flags-act-plan 0 "Created from flag #$fid2 by " '' -- "$P" --db "$M" plan show "F$fid2"
t flags-act-list 0 "action F$fid2" '' -- "$P" --db "$M" flags list --state actioned
t flags-act-bad-date 1 '' "not a valid date" -- "$P" --db "$M" flags act "$fid" --lead MD --due 2012-02-30 --text x
t flags-close 0 "flag #$fid closed" '' -- "$P" --db "$M" flags close "$fid"
t flags-unknown 1 '' 'no flag #9999' -- "$P" --db "$M" flags close 9999
t flags-bad-id 2 '' 'a flag is named by its number' -- "$P" --db "$M" flags close abc
"$P" --db "$M" plan import "$ROOT/data/demo/action-plan.md" >/dev/null 2>&1
t flag-action-survives-reimport 0 "^F$fid2 " '' -- "$P" --db "$M" plan list
c flag-action-section-survives-reimport test "$(sqlite3 "$M" "SELECT s.title FROM action a JOIN area ar ON ar.id = a.area_id JOIN section s ON s.id = ar.section_id WHERE a.code = 'F$fid2'")" = 'Responses to diversity monitoring flags'

# ---- aggregate counts
t counts-import 0 'imported counts 2012 from .*counts.csv' '' -- "$P" --db "$M" data import-counts "$MF/counts.csv"
t counts-report 0 '"group": "Black"' '' -- "$P" --db "$M" report diversity --period 2012 --dataset counts --format json
t counts-adverse 0 'North,ethnicity,Black,White,appointed,favourable,14,180' '' -- "$P" --db "$M" report diversity --period 2012 --format csv
c_before=$(dump "$M")
t counts-bad 1 '' "bad-counts.csv:3:12: column 'characteristic': unknown characteristic 'colour'" -- "$P" --db "$M" data import-counts "$MF/bad-counts.csv"
t counts-bad-group 1 '' "bad-counts.csv:4:22: column 'group': .*Martian" -- "$P" --db "$M" data import-counts "$MF/bad-counts.csv"
t counts-bad-num 1 '' 'bad-counts.csv:5:38: column .numerator.: the numerator 90 is more than the denominator 80' -- "$P" --db "$M" data import-counts "$MF/bad-counts.csv"
t counts-bad-dir 1 '' "bad-counts.csv:6:1: column 'direction': say whether 'mystery'" -- "$P" --db "$M" data import-counts "$MF/bad-counts.csv"
c counts-bad-db-unchanged test "$c_before" = "$(dump "$M")"

# ---- staff: pay gaps and representation against a benchmark
"$P" demo generate --dataset staff --rows 30000 --seed 3 -o "$T/staff.csv" >/dev/null 2>&1
t staff-import 0 'imported staff 2011 ' '' -- "$P" --db "$M" data import "$T/staff.csv" --dataset staff --period 2011
t staff-paygap 0 '"mean_gap_pct"' '' -- "$P" --db "$M" report diversity --period 2011 --dataset staff --format json
t staff-bench 0 '"benchmark_pct": 6' '' -- "$P" --db "$M" report diversity --period 2011 --dataset staff --format json --benchmark "$MF/benchmark.csv"

# ---- stored column blocks (migration 005) give the report the file gives
# (same_report is in run.sh: the count tables use it too)
for th in 1 2; do
  rm -f "$T/blk$th.db"
  PARITY_THREADS=$th "$P" --db "$T/blk$th.db" data import "$T/su.csv" --dataset service-users --period 2011Q3 >/dev/null 2>&1
  PARITY_THREADS=$th "$P" --db "$T/blk$th.db" report diversity --period 2011Q3 --format json >"$T/blk$th.json" 2>/dev/null
done
"$P" analyze "$T/su.csv" --dataset service-users --format json >"$T/blk-file.json" 2>/dev/null
c blocks-report-equals-analyze same_report "$T/blk1.json" "$T/blk-file.json"
c blocks-report-1-vs-2-threads cmp "$T/blk1.json" "$T/blk2.json"
c blocks-two-parts-stored test "$(sqlite3 "$T/blk2.db" 'SELECT count(*) FROM mon_block')" = 2
c blocks-dict-1-vs-2-threads test "$(sqlite3 "$T/blk1.db" 'SELECT kind, code, value FROM mon_dict ORDER BY 1, 2' | md5sum)" = "$(sqlite3 "$T/blk2.db" 'SELECT kind, code, value FROM mon_dict ORDER BY 1, 2' | md5sum)"
rm -f "$T/blks.db"
"$P" --db "$T/blks.db" data import "$T/staff.csv" --dataset staff --period 2011 >/dev/null 2>&1
"$P" --db "$T/blks.db" report diversity --period 2011 --format json >"$T/blks.json" 2>/dev/null
"$P" analyze "$T/staff.csv" --dataset staff --format json >"$T/blks-file.json" 2>/dev/null
c blocks-staff-pay-grades-equal-analyze same_report "$T/blks.json" "$T/blks-file.json"
c blocks-staff-has-pay-gaps grep -q '"mean_gap_pct"' "$T/blks.json"
# a damaged block is an error that says what to do, not wrong numbers
cp "$T/blk1.db" "$T/dmg.db"
sqlite3 "$T/dmg.db" "UPDATE mon_block SET cats = substr(cats, 2) WHERE seq = 0"
t blocks-damaged 1 '' 'stored rows of import 1 are damaged \(characteristic columns\); import the file again' -- "$P" --db "$T/dmg.db" report diversity --period 2011Q3
cp "$T/blk1.db" "$T/dmg2.db"
sqlite3 "$T/dmg2.db" "UPDATE mon_block SET unit = zeroblob(length(unit)) WHERE seq = 0; UPDATE mon_dict SET code = 9 WHERE kind = 'sex' AND code = 1"
t blocks-damaged-codes 1 '' 'are damaged \(category codes\)' -- "$P" --db "$T/dmg2.db" report diversity --period 2011Q3
# an import made before migration 005 (one mon_row per person) still reports
printf 'person_id,ldu,quarter,sex,age,ethnicity,religion,disability,sexual_orientation,referred,started,completed,breached\nA1,North,2011Q3,Male,35,B1,No religion,Yes,Heterosexual,1,1,0,0\nA2,North,2011Q3,Male,35,B1,No religion,Yes,Heterosexual,1,1,0,0\n' >"$T/two.csv"
rm -f "$T/legacy.db"
"$P" --db "$T/legacy.db" data import "$T/two.csv" --dataset service-users --period 2011Q3 >/dev/null 2>&1
"$P" --db "$T/legacy.db" report diversity --period 2011Q3 --format json >"$T/legacy-blocks.json" 2>/dev/null
sqlite3 "$T/legacy.db" "INSERT INTO mon_row(import_id, pid, unit, grade, cats, outcomes) VALUES
  (1, 'p1', 'North', '', 'cj18:B1|M|35-44|Y|NONE|HET|||', 3), (1, 'p2', 'North', '', 'cj18:B1|M|35-44|Y|NONE|HET|||', 3);
  DELETE FROM mon_block; DELETE FROM mon_dict;"
"$P" --db "$T/legacy.db" report diversity --period 2011Q3 --format json >"$T/legacy-rows.json" 2>/dev/null
c legacy-mon-row-report-equals-blocks cmp "$T/legacy-blocks.json" "$T/legacy-rows.json"
c legacy-report-has-rows grep -q '"rows": 2' "$T/legacy-rows.json"
t staff-bench-bad 1 '' 'needs the columns unit, characteristic, group and share' -- "$P" --db "$M" report diversity --period 2011 --dataset staff --benchmark "$MF/counts.csv"
t staff-black-promoted 0 'ethnicity Black vs White, promoted' '' -- "$P" --db "$M" report diversity --period 2011 --dataset staff

# ---- HTML and XLSX reports
t report-html 0 'wrote .*rd.html' '' -- "$P" --db "$M" report diversity --period 2011Q3 --dataset service-users -o "$T/rd.html"
c report-html-summary grep -q 'times as likely as White service users to be breached' "$T/rd.html"
c report-html-svg grep -q '<svg' "$T/rd.html"
c report-html-no-script sh -c "! grep -q '<script' '$T/rd.html'"
t report-xlsx 0 'wrote .*rd.xlsx' '' -- "$P" --db "$M" report diversity --period 2011Q3 --dataset service-users --format xlsx -o "$T/rd.xlsx"
c report-xlsx-zip sh -c "head -c 2 '$T/rd.xlsx' | grep -q PK"
c report-xlsx-sheets sh -c "unzip -p '$T/rd.xlsx' xl/workbook.xml | grep -q Comparisons"
t report-xlsx-needs-file 2 '' 'needs -o FILE.xlsx' -- "$P" --db "$M" report diversity --period 2011Q3 --dataset service-users --format xlsx
t analyze-html 0 'wrote' '' -- "$P" analyze "$T/su.csv" --dataset service-users -o "$T/an.html"
c analyze-html-summary grep -q 'service users' "$T/an.html"
t report-open-flags-json 0 '"open_flags"' '' -- "$P" --db "$M" report diversity --period 2011Q3 --dataset service-users --format json
"$P" --db "$M" report diversity --period 2011Q3 --dataset service-users -o "$T/rf.html" >/dev/null 2>&1
c report-html-open-flags grep -q 'id="flags"' "$T/rf.html"
c report-html-flag-action grep -q ">F$fid2<" "$T/rf.html"
c report-html-flag-recurs grep -q 'Also flagged in April to June 2011, flag #[0-9]' "$T/rf.html"

# ---- null data: Holm keeps the chance of any false flag per report near 5%,
# so across 8 independent null datasets at most one report may flag anything.
nullflagged=0
for s in 31 32 33 34 35 36 37 38; do
  "$P" demo generate --dataset service-users --rows 10000 --seed $s --null -o "$T/n$s.csv" >/dev/null 2>&1
  if "$P" analyze "$T/n$s.csv" --dataset service-users --format json | grep -q '"flag": true'; then
    nullflagged=$((nullflagged + 1))
  fi
done
c null-false-flag-rate test "$nullflagged" -le 1
t effects-flagged-staff 0 'ethnicity Black vs White, disciplinary' '' -- "$P" analyze "$T/staff.csv" --dataset staff

# ---- analyze in parts (issue 5): a file of at least 1 MiB is shared out
# between threads in parts that each start after a line end. Whatever the
# file, one thread and two must give byte-identical JSON, messages and exit
# code; PARITY_DEBUG_PARTS=1 reports how many parts were read, to show
# that the split really happened (or, for a split inside quotes, that the
# file was read again in one part).
# parts NAME FILE PARTS: compare PARITY_THREADS=1 with =2 on FILE
parts() {
  local name=$1 f=$2 want=$3 k
  for k in 1 2; do
    PARITY_THREADS=$k "$P" analyze "$f" --dataset service-users --format json >"$T/pt$k.out" 2>"$T/pt$k.err"
    echo $? >"$T/pt$k.rc"
  done
  c "$name-json" cmp "$T/pt1.out" "$T/pt2.out"
  c "$name-stderr" cmp "$T/pt1.err" "$T/pt2.err"
  c "$name-exit" cmp "$T/pt1.rc" "$T/pt2.rc"
  PARITY_DEBUG_PARTS=1 PARITY_THREADS=2 "$P" analyze "$f" --dataset service-users --format json >/dev/null 2>"$T/ptd.err"
  c "$name-parts" grep -q "^parity: debug: read in $want parts\?$" "$T/ptd.err"
}
PT="$T/parts.csv"
"$P" demo generate --dataset service-users --rows 20000 --seed 7 -o "$PT" >/dev/null 2>&1
c parts-fixture-big test "$(wc -c <"$PT")" -gt 1048576
parts parts-plain "$PT" 2
sed 's/$/\r/' "$PT" >"$T/parts-crlf.csv"
parts parts-crlf "$T/parts-crlf.csv" 2
{ printf '\357\273\277'; cat "$PT"; } >"$T/parts-bom.csv"
parts parts-bom "$T/parts-bom.csv" 2
head -c -1 "$PT" >"$T/parts-nolf.csv"
c parts-nolf-fixture sh -c "tail -c 1 '$T/parts-nolf.csv' | od -c | grep -qv '\\\\n'"
parts parts-no-final-lf "$T/parts-nolf.csv" 2
# errors and duplicates in the second part: merged in file order with the
# duplicates that the second reading finds (a repeat of a part-1 id, and a
# repeat within part 2)
awk 'NR==15001 || NR==18001 { sub(/,[01],[01],[01],[01]$/, ",0,maybe,0,0") }
     NR==16001 { sub(/^[^,]*/, "SU0000002") }
     NR==17001 || NR==19001 { sub(/^[^,]*/, "SU0016500") }
     { print }' "$PT" >"$T/parts-err.csv"
parts parts-errors-part2 "$T/parts-err.csv" 2
c parts-errors-dup1 grep -q "parts-err.csv:16001:1: column 'person_id': person 'SU0000002' appears more than once" "$T/pt2.err"
c parts-errors-dup2 grep -q "parts-err.csv:19001:1: column 'person_id': person 'SU0016500' appears" "$T/pt2.err"
c parts-errors-maybe grep -q "parts-err.csv:18001:[0-9]*: column 'started': 'maybe' is not 0 or 1" "$T/pt2.err"
c parts-errors-count grep -q "parts-err.csv: 5 errors in 20000 rows" "$T/pt2.err"
# the duplicate check's second reading is done in the same parts, each
# part noting only ids (no cell classified)
c parts-errors-dup-parts grep -q "^parity: debug: duplicates checked in 2 parts$" "$T/ptd.err"
# the same file with ids that end in a letter: not numbered ids (no
# bitmap), so every id goes through the hash filter; the same repeats found
sed '2,$ s/^\([^,]*\),/\1x,/' "$T/parts-err.csv" >"$T/parts-errx.csv"
parts parts-errors-unnumbered "$T/parts-errx.csv" 2
c parts-unnumbered-dup1 grep -q "parts-errx.csv:16001:1: column 'person_id': person 'SU0000002x' appears more than once" "$T/pt2.err"
c parts-unnumbered-dup2 grep -q "parts-errx.csv:19001:1: column 'person_id': person 'SU0016500x' appears" "$T/pt2.err"
c parts-unnumbered-count grep -q "parts-errx.csv: 5 errors in 20000 rows" "$T/pt2.err"
# numbered ids and others mixed: the first id teaches the prefix, then a
# row in four has another prefix; repeats of both kinds across the parts
awk 'NR > 1 && NR % 4 == 0 { sub(/^SU/, "AB") }
     NR==15001 { sub(/^[^,]*/, "SU0000002") }
     NR==17001 { sub(/^[^,]*/, "AB0000003") }
     NR==18001 { sub(/^[^,]*/, "SU00000002") }
     { print }' "$PT" >"$T/parts-mixed.csv"
parts parts-mixed-ids "$T/parts-mixed.csv" 2
c parts-mixed-dup1 grep -q "parts-mixed.csv:15001:1: column 'person_id': person 'SU0000002' appears" "$T/pt2.err"
c parts-mixed-dup2 grep -q "parts-mixed.csv:17001:1: column 'person_id': person 'AB0000003' appears" "$T/pt2.err"
c parts-mixed-count grep -q "parts-mixed.csv: 2 errors in 20000 rows" "$T/pt2.err"
# more duplicates than the limit, all in part 2: ids of part 1 (first rows
# of their id in part 2 too) and repeats within part 2, merged in file order
awk 'NR>1 && NR<=40 { a[NR] = $0 } { print }
     NR>14000 && NR%200==0 { print a[2 + NR%39] }
     NR>14000 && NR%300==0 { print }' "$PT" >"$T/parts-dups.csv"
parts parts-dups-part2 "$T/parts-dups.csv" 2
c parts-dups-limit grep -q "parts-dups.csv: 50 errors in 20050 rows (the first 20 are listed)" "$T/pt2.err"
c parts-dups-summary grep -q "person_id: a person id seen on an earlier row: 50 rows, first at line 14,101" "$T/pt2.err"
c parts-dups-count sh -c "grep -c 'appears more than once' '$T/pt2.err' | grep -qx 20"
c parts-dups-first grep -q "parts-dups.csv:14202:1: column 'person_id': person 'SU0000005' appears" "$T/pt2.err"
# over the limit of 20 errors within part 2: the first 20 are listed, every
# one is counted (issue 12: the parts are no longer read again in one)
awk 'NR>12000 && NR%100==0 { sub(/,[01],[01],[01],[01]$/, ",0,maybe,0,0") } { print }' "$PT" >"$T/parts-limit.csv"
parts parts-limit-part2 "$T/parts-limit.csv" 2
c parts-limit-msg grep -q "80 errors in 20000 rows (the first 20 are listed)" "$T/pt2.err"
c parts-limit-summary grep -q "^parity:   started 'maybe' is not 0 or 1: 80 rows, first at line 12,100$" "$T/pt2.err"
c parts-limit-listed sh -c "grep -c \"is not 0 or 1 (also\" '$T/pt2.err' | grep -qx 20"
# a quoted line end exactly where the split lands: every row padded (in
# its person id) to one length, so the middle of the rows is the start of
# data row 10001, whose unit holds the line end inside quotes
awk -v mid=10002 '
  function row(s,  id, rest) {
    if (FNR != mid) return s
    match(s, /^[^,]*,/); id = substr(s, 1, RLENGTH - 1); rest = substr(s, RLENGTH + 1)
    if (substr(rest, 1, 1) == "\"") match(rest, /^"[^"]*",/); else match(rest, /^[^,]*,/)
    return id ",\"Riverside,\nNorth\"," substr(rest, RLENGTH + 1)
  }
  NR == FNR { if (FNR > 1 && length(row($0)) > w) w = length(row($0)); next }
  FNR == 1 { print; next }
  { s = row($0); pad = ""; while (length(s) + length(pad) < w) pad = pad "_"
    match(s, /^[^,]*/); print substr(s, 1, RLENGTH) pad substr(s, RLENGTH + 1) }
' "$PT" "$PT" >"$T/parts-quoted.csv"
c parts-quoted-fixture sh -c "awk 'NR>1 && NR!=10002 && NR!=10003 { print length(\$0) }' '$T/parts-quoted.csv' | sort -u | wc -l | grep -qx 1"
parts parts-quoted-at-split "$T/parts-quoted.csv" 1
c parts-quoted-ok grep -q '"group": "Black"' "$T/pt2.out"
t parts-threads-option 0 '' 'read in 1 part$' -- env PARITY_DEBUG_PARTS=1 PARITY_THREADS=2 "$P" analyze "$PT" --dataset service-users --format json --threads 1
t parts-threads-bad 2 '' '--threads takes a whole number' -- "$P" analyze "$PT" --dataset service-users --threads 0

# ---- issue 12: observed relative rates, the four-fifths rule, references, groups
cat > "$T/zero.csv" <<'CSV'
unit,period,characteristic,group,outcome,numerator,denominator,direction
All,2011Q3,ethnicity,White,breached,1,663,unfavourable
All,2011Q3,ethnicity,Black,breached,0,9,unfavourable
All,2011Q3,sex,Male,appointed,100,200,favourable
All,2011Q3,sex,Female,appointed,40,40,favourable
CSV
Z="$T/zero.db"
"$P" --db "$Z" data import-counts "$T/zero.csv" >/dev/null 2>&1
t zero-rr-observed 0 '"rr": 0\.0,' '' -- "$P" --db "$Z" report diversity --period 2011Q3 --format json
t zero-rr-method 0 '"rr_method": "score"' '' -- "$P" --db "$Z" report diversity --period 2011Q3 --format json
t zero-no-22-times 0 '' '' -- sh -c "! '$P' --db '$Z' report diversity --period 2011Q3 --format json | grep -q '22\.1'"
t full-cell-rr-2 0 'Female vs Male, appointed: 100\.0% vs 50\.0%, RR 2\.00' '' -- "$P" --db "$Z" report diversity --period 2011Q3
t impact-array 0 '"impact": \[' '' -- "$P" --db "$Z" report diversity --period 2011Q3 --format json
t impact-compared-with 0 '"compared_with": "Female"' '' -- "$P" --db "$Z" report diversity --period 2011Q3 --format json
t per-1000 0 '1000\.0 per 1,000 vs 500\.0 per 1,000' '' -- "$P" --db "$Z" report diversity --period 2011Q3 --per 1000
t per-bad 2 '' '--per takes 100' -- "$P" --db "$Z" report diversity --period 2011Q3 --per 10
t ref-per-char 0 '"reference": "Female"' '' -- "$P" analyze "$T/su.csv" --dataset service-users --reference sex=female --reference ethnicity=Black --format json
t ref-per-char-eth 0 '"group": "White",' '' -- "$P" analyze "$T/su.csv" --dataset service-users --reference ethnicity=Black --format json
t ref-unknown-group 2 '' "reference 'Purple' for ethnicity is not one of its groups \(White, Mixed" -- "$P" analyze "$T/su.csv" --dataset service-users --reference ethnicity=Purple
t ref-unknown-char 2 '' "'colour' is not a characteristic" -- "$P" analyze "$T/su.csv" --dataset service-users --reference colour=rest
t group-bme 0 '"group": "BME"' '' -- "$P" analyze "$T/su.csv" --dataset service-users --config "$MF/groups.conf" --format json
t group-ref-config 0 '"sex": "Female"' '' -- "$P" analyze "$T/su.csv" --dataset service-users --config "$MF/groups.conf" --format json
t group-white-british 0 '"group": "White British"' '' -- "$P" analyze "$T/su.csv" --dataset service-users --config "$MF/white-british.conf" --format json
# the stored report keeps the groups: import with the config, report without it
G="$T/groups.db"
"$P" --db "$G" data import "$T/su.csv" --dataset service-users --period 2011Q3 --config "$MF/groups.conf" >/dev/null 2>&1
"$P" --db "$G" report diversity --period 2011Q3 --format json > "$T/g-stored.json" 2>/dev/null
"$P" analyze "$T/su.csv" --dataset service-users --config "$MF/groups.conf" --format json > "$T/g-file.json" 2>/dev/null
c group-stored-has-bme grep -q '"group": "BME"' "$T/g-stored.json"
c group-stored-equals-file python3 "$ROOT/tests/cli/same_report.py" "$T/g-stored.json" "$T/g-file.json"

# ---- issue 12: real extracts read with only a config file
# map lines: W4 (and 'w4 ', trimmed, any case) read as W9, X as Not stated
t map-without-config 1 '' "ethnicity 'W4' is not known: 2 rows, first at line 2" -- "$P" analyze "$MF/w4-extract.csv" --dataset service-users
t map-without-config-x 1 '' "sex 'X' is not known: 1 row, first at line 4" -- "$P" analyze "$MF/w4-extract.csv" --dataset service-users
t map-reads-w4 0 '^2011Q3,All,ethnicity,Black,White,referred,favourable,1,1,1,3,4,.*,people.$' '' -- "$P" analyze "$MF/w4-extract.csv" --dataset service-users --config "$MF/w4.conf" --format csv
t map-reads-x 0 'sex +[0-9.]+%  \(5 recorded, 1 not stated, 0 missing\)' '' -- "$P" analyze "$MF/w4-extract.csv" --dataset service-users --config "$MF/w4.conf"
# maps are not chained: W4 -> W9 stays White although W9 is mapped to B1
t map-not-chained 0 '^2011Q3,All,ethnicity,Black,White,referred,favourable,1,1,1,3,4,.*,people.$' '' -- "$P" analyze "$MF/w4-extract.csv" --dataset service-users --config "$MF/chain.conf" --format csv
printf '[dataset service-users]\nmap ethnicity W4 = W99\n' >"$T/badmap.conf"
t map-unknown-target 1 '' "badmap.conf:2: 'W4' cannot be read as 'W99'" -- "$P" analyze "$MF/w4-extract.csv" --dataset service-users --config "$T/badmap.conf"
# rows = events: repeated and blank ids are fine, and the report says so
t events-as-people 1 '' "person_id: a person id seen on an earlier row: 3 rows, first at line 3" -- "$P" analyze "$MF/events.csv" --dataset service-users
t events-id-none 0 '^Diversity report: orders, 2011Q3 \(7 events: every row is counted' '' -- "$P" analyze "$MF/events.csv" --dataset orders --config "$MF/events.conf"
t events-ids-kept 0 '"counting": "events"' '' -- "$P" analyze "$MF/events.csv" --dataset orders-by-person --config "$MF/events.conf" --format json
t events-csv 0 '^2011Q3,All,ethnicity,Black,White,referred,favourable,2,3,.*,events.$' '' -- "$P" analyze "$MF/events.csv" --dataset orders --config "$MF/events.conf" --format csv
t people-csv 0 '^period,unit,.*,counting.$' '' -- "$P" analyze "$MF/override.csv" --dataset breaches --config "$MF/override.conf" --format csv
t events-json-people 0 '"counting": "people"' '' -- "$P" analyze "$MF/w4-extract.csv" --dataset service-users --config "$MF/w4.conf" --format json
"$P" analyze "$MF/events.csv" --dataset orders --config "$MF/events.conf" -o "$T/ev.html" >/dev/null 2>&1
c events-html grep -q 'This report counts events, not people' "$T/ev.html"
"$P" analyze "$MF/events.csv" --dataset orders --config "$MF/events.conf" -o "$T/ev.xlsx" >/dev/null 2>&1
c events-xlsx sh -c "unzip -p '$T/ev.xlsx' xl/sharedStrings.xml | grep -q 'events: every row is counted'"
printf '[dataset o]\nbase = service-users\nid = none\n' >"$T/idnone.conf"
t events-id-none-needs-events 1 '' "idnone.conf:3: 'id = none' needs 'rows = events'" -- "$P" analyze "$MF/events.csv" --dataset o --config "$T/idnone.conf"
# an outcome line with base = PRESET replaces the preset's (breaches over everyone)
t override-preset-stage 1 '' 'breached is 1 but started is 0: 2 rows, first at line 3' -- "$P" analyze "$MF/override.csv" --dataset service-users
t override-everyone 0 '^2011Q3,All,ethnicity,Black,White,breached,unfavourable,1,2,0.5,1,3,' '' -- "$P" analyze "$MF/override.csv" --dataset breaches --config "$MF/override.conf" --format csv
# more than 20 bad rows: the first 20 listed, every problem counted by kind and value
t summary-counts 1 '' "^parity:   ethnicity 'W4' is not known: 27 rows, first at line 2$" -- "$P" analyze "$MF/many-bad.csv" --dataset service-users
c summary-maybe grep -q "^parity:   started 'maybe' is not 0 or 1: 3 rows, first at line 11$" "$T/err"
c summary-x grep -q "^parity:   sex 'X' is not known: 1 row, first at line 34$" "$T/err"
c summary-total grep -q "many-bad.csv: 31 errors in 40 rows (the first 20 are listed); nothing was analysed" "$T/err"
c summary-listed sh -c "grep -c '^parity: .*many-bad.csv:[0-9]*:[0-9]*: column' '$T/err' | grep -qx 20"
c summary-profile-hint grep -q "'parity data profile .*many-bad.csv --dataset service-users' lists every value" "$T/err"
t summary-import 1 '' "^parity:   ethnicity 'W4' is not known: 27 rows, first at line 2$" -- "$P" --db "$T/mb.db" data import "$MF/many-bad.csv" --dataset service-users --period 2011Q3
# a stored report equals analyze's for a file read with maps, and for events
rm -f "$T/ev.db"
"$P" --db "$T/ev.db" data import "$MF/w4-extract.csv" --dataset service-users --config "$MF/w4.conf" --period 2011Q3 >/dev/null 2>&1
"$P" --db "$T/ev.db" data import "$MF/events.csv" --dataset orders --config "$MF/events.conf" --period 2011Q3 >/dev/null 2>&1
"$P" --db "$T/ev.db" data import "$MF/events.csv" --dataset orders-by-person --config "$MF/events.conf" --period 2011Q3 >/dev/null 2>&1
for d in service-users:w4-extract.csv:w4.conf orders:events.csv:events.conf orders-by-person:events.csv:events.conf; do
  IFS=: read -r dn df dc <<<"$d"
  "$P" --db "$T/ev.db" report diversity --dataset "$dn" --period 2011Q3 --format json >"$T/ev-rd.json" 2>/dev/null
  "$P" analyze "$MF/$df" --dataset "$dn" --config "$MF/$dc" --format json >"$T/ev-an.json" 2>/dev/null
  c "stored-equals-analyze-$dn" same_report "$T/ev-rd.json" "$T/ev-an.json"
done
c stored-events-counting grep -q '"counting": "events"' "$T/ev-rd.json"
c stored-definition-maps sh -c "sqlite3 '$T/ev.db' \"SELECT definition FROM mon_import WHERE dataset = 'service-users'\" | grep -q '\"maps\":\[{\"characteristic\":\"ethnicity\",\"known\":\"W9\",\"value\":\"W4\"}'"
c stored-definition-events sh -c "sqlite3 '$T/ev.db' \"SELECT definition FROM mon_import WHERE dataset = 'orders'\" | grep -q '\"rows\":\"events\"'"
t stored-events-rows 0 '^orders +2011Q3 +rows +7 ' '' -- "$P" --db "$T/ev.db" data list

# ---- parity data profile: every value of each column, unknown ones, map lines
t profile-help 0 'usage: parity data profile FILE.csv --dataset NAME' '' -- "$P" data profile --help
t profile-no-dataset 2 '' 'give --dataset NAME' -- "$P" data profile "$MF/w4-extract.csv"
t profile-bad-format 2 '' "unknown format 'xml'" -- "$P" data profile "$MF/w4-extract.csv" --dataset service-users --format xml
t profile-unknown-option 2 '' 'nope' -- "$P" data profile "$MF/w4-extract.csv" --dataset service-users --nope
t profile-text 0 '^ethnicity \(ethnicity, 18\+1 criminal-justice codes\): 5 values, 2 not known \(3 rows\)$' '' -- "$P" data profile "$MF/w4-extract.csv" --dataset service-users
c profile-text-count grep -qE '^ +2  W4 +NOT KNOWN, first at line 2$' "$T/out"
c profile-text-trimmed grep -qE "^ +1  'w4 ' +NOT KNOWN, first at line 3$" "$T/out"
c profile-text-known grep -qE '^ +1  B1 +B1: Caribbean \(Black\)$' "$T/out"
c profile-text-outcome grep -qE '^ +5  1 +1$' "$T/out"
c profile-text-map grep -qE '^# map ethnicity W4 = \? +# 3 rows, first at line 2$' "$T/out"
c profile-text-map-x grep -qE '^# map sex X = \? +# 1 row, first at line 4$' "$T/out"
c profile-text-codes grep -q '^The codes of sex: F (Female), M (Male), NS (Not stated), MISSING' "$T/out"
t profile-with-maps 0 '^ +2  W4 +map -> W9: Any other White background \(White\)$' '' -- "$P" data profile "$MF/w4-extract.csv" --dataset service-users --config "$MF/w4.conf"
c profile-with-maps-none-left sh -c "! grep -q 'Map lines' '$T/out'"
t profile-suggests 0 '^map ethnicity W 1 = W1 +# 1 row, first at line 2: written with a space' '' -- "$P" data profile "$MF/profile-typos.csv" --dataset service-users
c profile-suggests-zero grep -q '^map ethnicity W01 = W1 ' "$T/out"
c profile-suggests-typo grep -q '^map religion Chirstian = CHR ' "$T/out"
c profile-suggests-missing grep -q '^map sex U = MISSING ' "$T/out"
c profile-suggests-ns grep -q '^map sex pnts = NS ' "$T/out"
c profile-suggests-quoted grep -q '^# map ethnicity "a=b" = ? ' "$T/out"
c profile-wrong-fields grep -q '^1 row with the wrong number of fields (first at line 6) is not read below$' "$T/out"
c profile-outcome-unknown grep -qE '^ +1  maybe +NOT KNOWN, first at line 3$' "$T/out"
# the suggested lines, pasted into a config, read the file
{ echo '[dataset service-users]'; grep '^map ' "$T/out"; echo 'map ethnicity "a=b" = NS'; echo 'map sexual_orientation Hetero = HET'; } >"$T/suggested.conf"
t profile-suggested-config 0 '' '' -- "$P" data profile "$MF/profile-typos.csv" --dataset service-users --config "$T/suggested.conf"
c profile-suggested-config-known sh -c "! grep -q 'Map lines' '$T/out' && grep -q '^ *1  W 1 *map -> W1: ' '$T/out'"
t profile-missing-column 0 '^ethnicity \(ethnicity, 18\+1 criminal-justice codes\): not in the file.s header, which it must be$' '' -- "$P" data profile "$MF/no-ethnicity.csv" --dataset service-users
t profile-json 0 '"suggested_maps"' '' -- "$P" data profile "$MF/w4-extract.csv" --dataset service-users --format json
c profile-json-shape python3 - "$T/out" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
assert p["rows"] == 6 and p["dataset"] == "service-users" and p["counting"] == "people"
cols = {c["column"]: c for c in p["columns"]}
e = cols["ethnicity"]
assert e["reads"] == "ethnicity" and e["found"] and e["distinct"] == 5 and e["unknown_rows"] == 3
w4 = [v for v in e["values"] if v["value"] == "W4"][0]
assert w4 == {"value": "W4", "rows": 2, "first_line": 2, "known": False, "suggest": None}, w4
b1 = [v for v in e["values"] if v["value"] == "B1"][0]
assert b1["reads_as"] == {"code": "B1", "label": "Caribbean", "group": "Black"} and b1["mapped"] is False
assert cols["person_id"] == {"column": "person_id", "reads": "person id", "found": True, "required": True, "blank": 0}
assert [v["reads_as"] for v in cols["referred"]["values"]] == [1, 0]
m = p["suggested_maps"]
assert [x["line"] for x in m] == ["# map ethnicity W4 = ?", "# map sex X = ?"], m
assert m[0]["rows"] == 3 and m[0]["known"] is None
PY
# a large file is read in parts on every core, and gives what one thread gives
for k in 1 2; do
  PARITY_THREADS=$k PARITY_DEBUG_PARTS=1 "$P" data profile "$T/parts-err.csv" --dataset service-users --format json >"$T/prof$k.json" 2>"$T/prof$k.err"
done
c profile-parts-same cmp "$T/prof1.json" "$T/prof2.json"
c profile-parts-two grep -q '^parity: debug: read in 2 parts$' "$T/prof2.err"
c profile-parts-maybe python3 -c "import json,sys; p=json.load(open(sys.argv[1])); c=[c for c in p['columns'] if c['column']=='started'][0]; assert [v for v in c['values'] if v['value']=='maybe'][0]['rows']==2" "$T/prof2.json"
c profile-parts-quoted-one sh -c "PARITY_THREADS=2 PARITY_DEBUG_PARTS=1 '$P' data profile '$T/parts-quoted.csv' --dataset service-users 2>&1 >/dev/null | grep -q 'read in 1 part\$'"
t profile-events 0 '^Profile of .*events.csv for the dataset orders: 7 rows \(events: ids are not checked\)$' '' -- "$P" data profile "$MF/events.csv" --dataset orders --config "$MF/events.conf"
# -o naming a device or a pipe writes into it and leaves it one (it used
# to be replaced by a regular file: `-o /dev/null` run as root broke
# /dev/null for every program on the machine)
mkfifo "$T/report.fifo"
(timeout 20 cat "$T/report.fifo" >"$T/fifo.out" &)
t out-to-pipe 0 '' '' -- timeout 20 "$P" analyze "$MF/w4-extract.csv" --dataset service-users --config "$MF/w4.conf" --format json -o "$T/report.fifo"
c out-to-pipe-still-pipe test -p "$T/report.fifo"
sleep 1
c out-to-pipe-got-report grep -q '"counting": "people"' "$T/fifo.out"
