# tests/http/monitor.sh: the monitoring pages — uploading an extract (good,
# with bad rows, by a viewer), the Diversity Report page and its downloads,
# the flags, the question on a flag's page and its steps, and escaping. Sourced by
# tests/http/run.sh: $P, $DB, $T, $PW, $BASE and the helpers of lib.sh.

MV="$T/mon-vi.jar" MM="$T/mon-mo.jar"
login "$MV" vi "$PW"
login "$MM" mo "$PW"
"$P" demo generate --dataset service-users --rows 5000 --seed 11 -o "$T/q3.csv" >/dev/null 2>&1
"$P" demo generate --dataset service-users --rows 5000 --seed 12 --period 2011Q2 -o "$T/q2.csv" >/dev/null 2>&1
MFIX="$ROOT/tests/fixtures/monitor"

# upload JAR FILE DATASET PERIOD: the import form as a browser sends it
# (multipart/form-data to the form's action, which carries the token in
# its query; the token is in the body too).
upload() {
  req "$1" GET /monitoring
  local tok; tok=$(csrf_from_body)
  local act; act=$(sed -n 's/.*action="\(\/monitoring\/upload[^"]*\)".*/\1/p' "$T/body" | head -1)
  req "$1" POST "${act:-/monitoring/upload}" -F "csrf=$tok" -F "dataset=$3" -F "period=$4" -F "file=@$2;type=text/csv"
}
# mon_state: what the monitoring tables hold (for "nothing changed").
mon_state() {
  sqlite3 "$DB" "SELECT dataset, period, kind, rows, imported_at FROM mon_import ORDER BY id;
    SELECT count(*), sum(rows), hex(max(pid)) FROM mon_block; SELECT count(*) FROM mon_dict; SELECT id, state FROM mon_flag ORDER BY id;
    SELECT count(*) FROM mon_flag_event" | md5sum
}

# headings_ok FILE: inside <main>, one h1, and no heading more than one
# level deeper than the one before it (h1 h2 h3, never h2 h4).
headings_ok() {
  python3 - "$1" <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
main = html[html.find("<main"):html.find("</main>")]
levels = [int(m) for m in re.findall(r"<h([1-6])[ >]", main)]
last = 0
for lv in levels:
    if lv > last + 1 and last:
        sys.exit("h%d after h%d" % (lv, last))
    last = lv
sys.exit(0 if levels.count(1) == 1 else "%d h1" % levels.count(1))
PY
}

# --- the data page
req "$MV" GET /monitoring
h "monitoring page for a viewer" 200 'Nothing has been imported yet' 'action="/monitoring/upload'
req "$MM" GET /monitoring
h "a monitor sees the upload form" 200 'enctype="multipart/form-data"'
c "upload form: every input has its label" sh -c "grep -q 'for=\"dataset\"' '$T/body' && grep -q 'for=\"period\"' '$T/body' && grep -q 'for=\"file\"' '$T/body'"
c "upload form: dataset presets offered" sh -c "grep -q 'value=\"service-users\"' '$T/body' && grep -q 'value=\"staff\"' '$T/body' && grep -q 'value=\"applicants\"' '$T/body'"
c "monitoring page: headings in order, one h1" headings_ok "$T/body"

# --- a good upload
upload "$MM" "$T/q2.csv" service-users 2011Q2
h "upload of 2011Q2 imports and redirects" 303
upload "$MM" "$T/q3.csv" service-users 2011Q3
h "upload of 2011Q3 imports and redirects" 303
hdr "…to the period's report" '^location: /monitoring/report\?dataset=service-users&period=2011Q3'
req "$MM" GET "/monitoring/report?dataset=service-users&period=2011Q3"
h "flash says what was imported" 200 'Imported Service users, July to September 2011, from q3.csv: 5,000 rows'
req "$MV" GET /monitoring
h "the new period is listed with a link to its report" 200 'href="/monitoring/report\?dataset=service-users&amp;period=2011Q3"'
c "data list agrees" sh -c "'$P' --db '$DB' data list | grep -qE '^service-users +2011Q3 +rows +5000'"
# the server finds the key file from its --db path (issue 13, finding 4)
c "the upload's pseudonym key is in the key file beside the database, not in it" sh -c "k=\$(sed -n 's/^pseudonym //p' '$DB.key') && [ \$(stat -c %a '$DB.key') = 600 ] && [ \${#k} = 32 ] && ! grep -q \"\$k\" '$DB'"
c "the upload wrote an audit row" sh -c "[ \"\$(sqlite3 '$DB' \"SELECT who || '|' || target || '|' || after FROM audit_log WHERE what = 'data.import' ORDER BY id DESC LIMIT 1\")\" = 'mo|service-users 2011Q3|5000 rows from q3.csv' ]"
c "the rows are stored as column blocks" test "$(sqlite3 "$DB" "SELECT sum(b.rows) FROM mon_block b JOIN mon_import i ON i.id = b.import_id WHERE i.period = '2011Q3'")" = 5000
id1=$(sed -n 2p "$T/q3.csv" | cut -d, -f1)
c "no raw person ids stored" sh -c "! sqlite3 '$DB' \"SELECT count(*) FROM mon_block WHERE instr(pid, CAST('$id1' AS BLOB))\" | grep -qv '^0$' && ! grep -a -q -- '$id1' '$DB'"

# --- uploads that change nothing
before=$("$P" --db "$DB" data list --format json | md5sum) mbefore=$(mon_state)
upload "$MM" "$MFIX/bad-rows.csv" service-users 2011Q3
h "upload with bad rows is refused with 400" 400 'There is a problem'
c "…the summary links to the file field" grep -q 'href="#file"' "$T/body"
c "…names line, column and value of each problem" grep -qE '<td[^>]*>3</td><td[^>]*>ethnicity \(column F\)</td><td[^>]*><code>Z9</code>' "$T/body"
c "…and the stage error of line 6" grep -qE '<td[^>]*>6</td>.*completed is 1 but started is 0' "$T/body"
c "…and the duplicate person of line 7" grep -qE "<td[^>]*>7</td>.*person &#39;P1&#39; appears more than once" "$T/body"
c "…says nothing was imported" grep -q 'nothing imported' "$T/body"
c "…data list is unchanged" test "$before" = "$("$P" --db "$DB" data list --format json | md5sum)"
c "…monitoring tables are unchanged" test "$mbefore" = "$(mon_state)"
# issue 12: more problems than the table lists row by row, all counted by
# kind and value over the whole file, in words of the web (no options)
awk -F, 'NR > 1 && NR % 20 == 0 { sub(/,W1,/, ",W4,"); sub(/,B1,/, ",W4,") }
         NR > 1 && NR % 37 == 0 { $1 = "" } { print }' OFS=, "$T/q3.csv" >"$T/many-bad.csv"
many=$(grep -c ',W4,' "$T/many-bad.csv")
upload "$MM" "$T/many-bad.csv" service-users 2011Q3
h "upload with many bad rows is refused with 400" 400 'Every problem in the 5,000 rows of many-bad.csv, by kind'
c "…counts the unknown code over the whole file" grep -qE "<td[^>]*>ethnicity &#39;W4&#39; is not known</td><td[^>]*>$many</td><td[^>]*>20</td>" "$T/body"
c "…and the blank ids" grep -qE "<td[^>]*>person_id: a blank person id</td><td[^>]*>135</td><td[^>]*>37</td>" "$T/body"
c "…lists the first 100 problems, the same ones together" test "$(grep -o '<td class="govuk-table__cell"><code>' "$T/body" | wc -l)" = 2
c "…each with its count over the whole file" grep -qE "<td[^>]*>$many</td><td[^>]*>[0-9, ]+ and [0-9,]+ more</td><td[^>]*>ethnicity \(column F\)</td><td[^>]*><code>W4</code>" "$T/body"
c "…says how many there are in all" grep -q "many-bad.csv has $((many + 135)) problems, listed below" "$T/body"
c "…names no command or option" sh -c "! grep -qE 'parity data|--dataset|--config' '$T/body'"
c "…and nothing changed" test "$mbefore" = "$(mon_state)"
upload "$MM" "$MFIX/no-ethnicity.csv" service-users 2011Q3
h "upload missing a column is refused with 400" 400 "no column &#39;ethnicity&#39;"
upload "$MM" "$ROOT/tests/fixtures/doc/junk.bin" service-users 2011Q3
h "upload of a file that is not CSV is refused with 400" 400 'junk.bin.*nothing was imported'
{ head -3 "$MFIX/bad-rows.csv"; printf 'P9,North,2011Q3,Male,30,W1,Christian,No,Hetero"sexual,1,1,1,0\n'; } >"$T/broken.csv"
upload "$MM" "$T/broken.csv" service-users 2011Q3
h "upload with a bad row and then broken CSV names both" 400 'broken.csv has 1 problem.*|broken.csv:4:'
c "…both in the error summary" sh -c "grep -q 'broken.csv has 1 problem' '$T/body' && grep -q 'broken.csv:4:' '$T/body'"
upload "$MM" "$T/q3.csv" service-users 2011Q4
h "upload whose rows are for another period is refused" 400 'is for period .*2011Q3.*, not 2011Q4'
upload "$MM" "$T/q3.csv" service-users ""
h "upload without a period is refused" 400 'Enter the period'
c "…linked from the error summary" grep -q 'href="#period"' "$T/body"
upload "$MM" "$T/q3.csv" service-users 2011-02-30
h "upload for a day rather than a period is refused" 400 '2011-02-30&#39; is not a period: it looks like a day, but February 2011 has no day 30'
c "…says which forms are accepted" grep -q 'a quarter (2011Q3), a month (2011-07) or a financial year, April to March (FY2011-12)' "$T/body"
c "…linked from the error summary" grep -q 'href="#period"' "$T/body"
upload "$MM" "$T/q3.csv" "nonsense" 2011Q3
h "upload with an unknown dataset is refused" 400 'Choose the dataset'
c "…and nothing changed" test "$mbefore" = "$(mon_state)"
upload "$MV" "$T/q3.csv" service-users 2011Q3
h "a viewer's upload is refused with 403" 403
c "…and nothing changed" test "$mbefore" = "$(mon_state)"

# --- the report page and its downloads
req "$MV" GET "/monitoring/report?dataset=service-users&period=2011Q3"
h "report page renders" 200 'Comparisons by group'
c "report page has one h1" test "$(grep -o '<h1' "$T/body" | wc -l)" = 1
c "report fragment has no style element or attribute" sh -c "! grep -qiE '<style|style=' '$T/body'"
c "report fragment has no document of its own" test "$(grep -o '<html' "$T/body" | wc -l)" = 1
c "report tables have captions" sh -c "[ \$(grep -o '<table' '$T/body' | wc -l) = \$(grep -o '<caption' '$T/body' | wc -l) ]"
c "report headings in order, one h1" headings_ok "$T/body"
for k in html xlsx csv json; do
  c "download link: $k" grep -q "href=\"/monitoring/report.$k?dataset=service-users&amp;period=2011Q3\"" "$T/body"
done
req "$MV" GET "/monitoring/report.html?dataset=service-users&period=2011Q3"
h "HTML download" 200 '<!DOCTYPE html>'
hdr "…is text/html" '^content-type: text/html'
hdr "…as an attachment" '^content-disposition: attachment; filename="diversity-service-users-2011Q3.html"'
c "…speaks no command-line words: no option, no docs path (issue 15)" sh -c "! grep -qE -- '--benchmark|--config|docs/[a-z-]+\.md' '$T/body'"
req "$MV" GET "/monitoring/report.xlsx?dataset=service-users&period=2011Q3"
h "XLSX download" 200
hdr "…is a spreadsheet" '^content-type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
c "…and a zip file" sh -c "head -c 2 '$T/body' | grep -q PK"
req "$MV" GET "/monitoring/report.csv?dataset=service-users&period=2011Q3"
h "CSV download" 200 'Black'
hdr "…is text/csv" '^content-type: text/csv'
req "$MV" GET "/monitoring/report.json?dataset=service-users&period=2011Q3"
h "JSON download" 200 '"completeness"'
hdr "…is application/json" '^content-type: application/json'
c "…and parses" python3 -c "import json,sys; json.load(open('$T/body'))"
"$P" --db "$DB" report diversity --period 2011Q3 --format csv >"$T/cli.csv" 2>/dev/null
req "$MV" GET "/monitoring/report.csv?dataset=service-users&period=2011Q3"
c "CSV download equals parity report diversity" cmp "$T/body" "$T/cli.csv"

# --- issue 12: who each group is compared with, chosen on the report page
req "$MV" GET "/monitoring/report?dataset=service-users&period=2011Q3"
h "report page offers the reference per characteristic" 200 'name="ref_ethnicity"'
c "…for sex too, with everyone else" sh -c "grep -q 'name=\"ref_sex\"' '$T/body' && grep -q '<option value=\"rest\">Everyone else</option>' '$T/body'"
req "$MV" GET "/monitoring/report?dataset=service-users&period=2011Q3&ref_ethnicity=Black&per=1000"
h "a chosen reference is used and kept" 200 '<option value="Black" selected>Black</option>'
c "…and rates per 1,000" grep -q 'per 1,000' "$T/body"
c "downloads keep the choice" grep -q 'report.json?dataset=service-users&amp;period=2011Q3&amp;ref_ethnicity=Black&amp;per=1000' "$T/body"
req "$MV" GET "/monitoring/report.json?dataset=service-users&period=2011Q3&ref_ethnicity=Black&ref_sex=rest"
h "JSON download with per-characteristic references" 200 '"ethnicity": "Black"'
c "…sex against everyone else" sh -c "grep -q '\"sex\": \"everyone else\"' '$T/body' && grep -q '\"reference\": \"Black\"' '$T/body'"
"$P" --db "$DB" report diversity --period 2011Q3 --reference ethnicity=Black --reference sex=rest --format csv >"$T/cli-ref.csv" 2>/dev/null
req "$MV" GET "/monitoring/report.csv?dataset=service-users&period=2011Q3&ref_ethnicity=Black&ref_sex=rest"
c "CSV with references equals the command line's" cmp "$T/body" "$T/cli-ref.csv"
req "$MV" GET "/monitoring/report?dataset=service-users&period=2011Q3&ref_ethnicity=%3Cb%3EPurple"
h "an unknown reference group is refused in words, escaped" 400 'Choose the group to compare with' '<b>Purple'
c "…naming the value escaped" grep -q '&lt;b&gt;Purple' "$T/body"
unit=$(sqlite3 "$DB" "SELECT value FROM mon_dict d JOIN mon_import i ON i.id = d.import_id WHERE i.period = '2011Q3' AND d.kind = 'unit' ORDER BY value LIMIT 1")
req "$MV" GET "/monitoring/report?dataset=service-users&period=2011Q3&unit=$(python3 -c "import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1]))" "$unit")"
h "report for one unit" 200 "<option value=\"$unit\" selected>"
req "$MV" GET "/monitoring/report?dataset=service-users&period=2011q3"
h "a period in small letters is the stored one" 200 'Service users, July to September 2011'
req "$MV" GET "/monitoring/report?dataset=service-users&period=2030Q1"
h "report of a period never imported is 404" 404 'no Service users data for January to March 2030'
req "$MV" GET "/monitoring/report?dataset=service-users&period=2011Q3&unit=Nowhere"
h "report of an unknown unit is 404" 404 "no unit"

# --- flags
F=$(sqlite3 "$DB" "SELECT min(id) FROM mon_flag WHERE period = '2011Q3' AND state = 'open'")
c "the demo data raised a flag ($F)" test -n "$F"
req "$MV" GET /monitoring/flags
h "flags page lists open flags with links" 200 "href=\"/monitoring/flag/$F\""
c "…headings in order, one h1" headings_ok "$T/body"
req "$MV" GET "/monitoring/flags?state=closed"
h "flags filter: closed (none yet)" 200 'No flags match'
req "$MV" GET "/monitoring/flags?state=bogus"
h "flags filter: unknown state is a 400" 400
req "$MV" GET "/monitoring/flag/$F"
h "flag page for a viewer: the finding in a sentence" 200 'times as likely|less likely'
c "…with its figures and history" sh -c "grep -q 'Relative rate' '$T/body' && grep -q 'History' '$T/body'"
c "…and no forms for a viewer" sh -c "! grep -q 'name=\"do\"' '$T/body'"
c "…headings in order, one h1" headings_ok "$T/body"
req "$MV" GET /monitoring/flag/999999
h "unknown flag is 404" 404
req "$MV" GET /monitoring/flag/abc
h "flag that is not a number is 404" 404
req "$MM" GET "/monitoring/flag/$F"
# issue 15: the flag page asks one question; each answer has a page of its own
h "flag page for a monitor asks what to do" 200 'What do you want to do\?'
c "…explain, act, link or close, as radios" sh -c "for v in explain act link close; do grep -q \"name=\\\"do\\\" type=\\\"radio\\\" value=\\\"\$v\\\"\" '$T/body' || exit 1; done"
req "$MM" GET "/monitoring/flag/$F/explain"
h "the explain page" 200 'for="explain-note"'
req "$MM" GET "/monitoring/flag/$F/act"
h "the action page" 200 'for="act-text"'
c "…every field labelled" sh -c "for id in act-text act-lead act-due act-due-month act-due-year; do grep -q \"for=\\\"\$id\\\"\" '$T/body' || exit 1; done"
req "$MM" GET "/monitoring/flag/$F/close"
h "the close page" 200 'for="close-note"'

FORM_PAGE="/monitoring/flag/$F/explain" post "$MM" "/monitoring/flag/$F/explain" note=
h "explaining with no text is refused" 400 'Enter the explanation'
c "…linked from the summary" grep -q 'href="#explain-note"' "$T/body"
c "…and the field marked" grep -q 'id="explain-note-error"' "$T/body"
FORM_PAGE="/monitoring/flag/$F" post "$MV" "/monitoring/flag/$F/explain" note=hello
h "a viewer cannot explain a flag" 403
FORM_PAGE="/monitoring/flag/$F/explain" post "$MM" "/monitoring/flag/$F/explain" 'note=New court area <script>alert(1)</script> this quarter'
h "explaining a flag" 303
hdr "…redirects to the flag" "^location: /monitoring/flag/$F"
c "…the flag is explained" test "$(sqlite3 "$DB" "SELECT state FROM mon_flag WHERE id = $F")" = explained
c "…the event records who and what" test "$(sqlite3 "$DB" "SELECT author || '|' || kind FROM mon_flag_event WHERE flag_id = $F ORDER BY id DESC LIMIT 1")" = "mo|explained"
c "…and the audit log has it" sh -c "sqlite3 '$DB' \"SELECT who, before, after FROM audit_log WHERE what = 'flag.explain' AND target = 'flag $F'\" | grep -q '^mo|{\"state\":\"open\"}|{\"note\":\"New court area'"
req "$MV" GET "/monitoring/flag/$F"
h "the explanation comes back escaped" 200 '&lt;script&gt;alert\(1\)&lt;/script&gt;' '<script>alert'
req "$MV" GET "/monitoring/report?dataset=service-users&period=2011Q3"
h "…in the report page too" 200 '&lt;script&gt;alert\(1\)&lt;/script&gt;' '<script>alert'

FORM_PAGE="/monitoring/flag/$F/act" post "$MM" "/monitoring/flag/$F/act" text=Review lead=MD due-day=31 due-month=2 due-year=2027 duty=1
h "an action with an impossible due date is refused" 400 'Due date must be a real date'
FORM_PAGE="/monitoring/flag/$F/act" post "$MM" "/monitoring/flag/$F/act" 'text=Review breach decisions' lead=MD due-day=31 due-month=3 due-year=2027 duty=1
h "the action's answers are checked first" 200 'Check your answers before creating the action'
FORM_PAGE="/monitoring/flag/$F/act" post "$MM" "/monitoring/flag/$F/act" 'text=Review breach decisions' lead=MD due-day=31 due-month=3 due-year=2027 duty=1 confirm=yes
h "creating the flag's action" 303
c "…the action is in the plan" test "$(sqlite3 "$DB" "SELECT a.code || '|' || a.ts_due FROM action a JOIN mon_flag f ON f.action_id = a.id WHERE f.id = $F")" = "F$F|2027-03-31"
c "…and the flag is actioned" test "$(sqlite3 "$DB" "SELECT state FROM mon_flag WHERE id = $F")" = actioned
req "$MV" GET "/monitoring/flag/$F"
h "the flag links to its plan action" 200 "href=\"/plan/action/F$F\""
FORM_PAGE="/monitoring/flag/$F" post "$MM" "/monitoring/flag/$F/act" 'text=Again' lead=MD due-day=31 due-month=3 due-year=2027 duty=1 confirm=yes
h "a second action for the same flag is refused" 400 'already has action'
FORM_PAGE="/monitoring/flag/$F/close" post "$MM" "/monitoring/flag/$F/close" note=
h "closing needs a reason" 400 'Enter the reason'
FORM_PAGE="/monitoring/flag/$F/close" post "$MM" "/monitoring/flag/$F/close" 'note=Action complete'
h "closing asks to check the answers first" 200 'Check your answers before closing'
c "…and the flag is not closed yet" test "$(sqlite3 "$DB" "SELECT state FROM mon_flag WHERE id = $F")" = actioned
FORM_PAGE="/monitoring/flag/$F/close" post "$MM" "/monitoring/flag/$F/close" 'note=Action complete' confirm=yes
h "closing the flag" 303
c "…the flag is closed" test "$(sqlite3 "$DB" "SELECT state FROM mon_flag WHERE id = $F")" = closed
c "…with an audit row" test "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE what = 'flag.close' AND target = 'flag $F'")" = 1
req "$MV" GET "/monitoring/flags?state=closed"
h "the closed flag is listed under Closed" 200 "href=\"/monitoring/flag/$F\""
# a closed flag offers no forms, and explaining it does not reopen it (issue 15)
req "$MM" GET "/monitoring/flag/$F"
h "a closed flag's page says it is closed" 200 'id="closed"'
c "…and offers no explain, action or close form" sh -c "! grep -qE 'name=\"do\"|name=\"note\"' '$T/body'"
FORM_PAGE="/monitoring/flag/$F" post "$MM" "/monitoring/flag/$F" do=explain 'note=Sent after closing'
h "explaining a closed flag is refused (400)" 400 '<a href="#closed">Flag #[0-9]+ is closed'
c "…and it stays closed, with no new explanation" test "$(sqlite3 "$DB" "SELECT state FROM mon_flag WHERE id = $F")" = closed
FORM_PAGE="/monitoring/flag/$F" post "$MM" "/monitoring/flag/$F/explain" 'note=Sent after closing'
h "…from the explain page too (400)" 400 '<a href="#closed">Flag #[0-9]+ is closed'
c "…and it stays closed" test "$(sqlite3 "$DB" "SELECT state FROM mon_flag WHERE id = $F")" = closed
FORM_PAGE="/monitoring/flag/$F" post "$MM" "/monitoring/flag/$F" do=nothing
h "an unknown form action is a 400" 400
