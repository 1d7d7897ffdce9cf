# tests/http/uploads.sh: the monitoring data pages of issue 15 — a unit's
# report counts the unit's records; a wrong-period upload is summed up in
# one message in the web's words, with identical problems together and
# columns named with their letters; replacing an imported period asks
# first (check, then confirm or cancel, the file uploaded once); count
# tables uploaded on the web as on the command line; dataset configs kept
# and chosen on the upload page; the Diversity Report split into an
# overview and one page per characteristic. Sourced by tests/http/run.sh
# after the main server has stopped: it serves a copy of $DB (the accounts
# and what monitor.sh imported). Uses $P, $DB, $T, $PW, $ROOT, lib.sh and
# monitor.sh's upload and mon_state.

cp "$DB" "$T/uploads.db"
[ -f "$DB.key" ] && cp "$DB.key" "$T/uploads.db.key"
UDB="$T/uploads.db"
start_server uploads "$UDB" || { fail=$((fail+1)); echo "FAIL uploads server did not start"; return 0; }
UM="$T/up-mo.jar" UV="$T/up-vi.jar" UA="$T/up-admin.jar"
login "$UM" mo "$PW"
login "$UV" vi "$PW"
login "$UA" admin2 "$PW"
# (imports shown: a hidden one left by the main server, which has gone,
# is removed by the first upload here)
ustate() {
  sqlite3 "$UDB" "SELECT id, dataset, period, kind, rows, imported_at FROM mon_import i WHERE NOT EXISTS (SELECT 1 FROM mon_stage s WHERE s.import_id = i.id) ORDER BY id;
    SELECT count(*), sum(rows) FROM mon_block b WHERE NOT EXISTS (SELECT 1 FROM mon_stage s WHERE s.import_id = b.import_id); SELECT id, state FROM mon_flag ORDER BY id;
    SELECT count(*) FROM mon_count" | md5sum
}
# no_cli_words: the page names no command, option or bare documentation path
no_cli_words() { ! grep -qE -- '--(period|config|benchmark|dataset|sheet|rounded)|parity (data|report|flags)|docs/[a-z-]+\.md' "$T/body"; }

# --- a unit's report counts the unit's own records (it showed the
# organisation's)
unit=$(sqlite3 "$UDB" "SELECT value FROM mon_dict d JOIN mon_import i ON i.id = d.import_id WHERE i.period = '2011Q3' AND i.dataset = 'service-users' AND d.kind = 'unit' ORDER BY value LIMIT 1")
ucol=$(head -1 "$T/q3.csv" | tr ',' '\n' | grep -n '^ldu$' | cut -d: -f1)
want=$(awk -F, -v c="$ucol" -v u="$unit" 'NR > 1 && $c == u' "$T/q3.csv" | wc -l)
want=$(python3 -c "print(f'{$want:,}')")
req "$UV" GET "/monitoring/report?dataset=service-users&period=2011Q3&unit=$(python3 -c "import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1]))" "$unit")"
h "a unit's report counts the unit's own records ($unit: $want)" 200 "Equality monitoring of service users: $want records for July to September 2011"
c "…not the organisation's 5,000" sh -c "! grep -q '5,000 records' '$T/body'"
"$P" --db "$UDB" report diversity --period 2011Q3 --unit "$unit" --format json >"$T/unit.json" 2>/dev/null
c "…and so does report diversity --unit" python3 -c "import json; assert json.load(open('$T/unit.json'))['rows'] == int('$want'.replace(',', ''))"

# --- a file of another period: one summary in the web's words
before=$(ustate)
upload "$UM" "$T/q2.csv" service-users 2011Q4
h "an upload of 2011Q2 rows as 2011Q4 is refused" 400 'All 5,000 rows are for 2011Q2, not 2011Q4: choose period 2011Q2, or upload the extract for 2011Q4'
c "…in one message of the error summary, linked to the period" test "$(sed -n '/govuk-error-summary__list/,/<\/ul>/p' "$T/body" | grep -o '<li>' | wc -l)" = 1
c "…the link goes to the period field" grep -q 'href="#period">All 5,000 rows' "$T/body"
c "…the identical problems are one row of the table, with their count" grep -qE '<td[^>]*>5,000</td><td[^>]*>2, 3, 4, 5, 6 and 4,995 more</td><td[^>]*>quarter \(column C\)</td><td[^>]*><code>2011Q2</code>' "$T/body"
c "…and only one" test "$(grep -o '<code>2011Q2</code>' "$T/body" | wc -l)" = 1
c "…names no command, option or file path" no_cli_words
c "…and nothing changed" test "$before" = "$(ustate)"
# a few rows of another period among the right ones
{ cat "$T/q3.csv"; sed -n '2,4p' "$T/q2.csv" | sed 's/^[^,]*/X&/'; } >"$T/mixed.csv"
upload "$UM" "$T/mixed.csv" service-users 2011Q3
h "a file with 3 rows of another period says how many" 400 '3 of the 5,003 rows are for 2011Q2, not 2011Q3'
c "…in the web's words" no_cli_words

# --- columns by name and letter (it was a character position)
upload "$UM" "$MFIX/bad-rows.csv" service-users 2011Q3
h "a CSV's problems name the column and its letter" 400 '<td[^>]*>ethnicity \(column F\)</td><td[^>]*><code>Z9</code>'
c "…on its line" grep -qE '<td[^>]*>1</td><td[^>]*>3</td><td[^>]*>ethnicity \(column F\)' "$T/body"
c "…and no character position is shown as a column" sh -c "! grep -qE '<td[^>]*>25</td>' '$T/body'"
c "…names no command, option or file path" no_cli_words
upload "$UM" "$MFIX/no-ethnicity.csv" service-users 2011Q3
h "a missing column is worded for the web" 400 'choose a dataset config that names the column'
c "…names no command, option or file path" no_cli_words
c "…and nothing changed" test "$before" = "$(ustate)"

# --- replacing an imported period: check first, then confirm
rows_before=$(sqlite3 "$UDB" "SELECT rows FROM mon_import WHERE dataset = 'service-users' AND period = '2011Q3'")
head -3001 "$T/q3.csv" >"$T/q3-short.csv"
upload "$UM" "$T/q3-short.csv" service-users 2011Q3
h "uploading a period already imported asks first" 303
hdr "…on the check page" '^location: /monitoring/replace\?id=[0-9]+'
held=$(sed -n 's/^[Ll]ocation: .*id=\([0-9]*\).*/\1/p' "$T/headers" | tr -d '\r')
c "…and nothing shown has changed yet" test "$before" = "$(ustate)"
c "…the checked rows wait, hidden, under the upload" test "$(sqlite3 "$UDB" "SELECT who || '|' || dataset || '|' || period FROM mon_held WHERE import_id = $held")" = "mo|service-users|2011Q3"
req "$UM" GET "/monitoring/replace?id=$held"
h "the check page says what will be replaced" 200 'Service users, July to September 2011, is already imported: replace it\?'
c "…the rows now and after" sh -c "grep -q 'Rows now</dt><dd class=\"govuk-summary-list__value\">5,000' '$T/body' && grep -q 'Rows after replacing</dt><dd class=\"govuk-summary-list__value\">3,000' '$T/body'"
c "…and the flags raised again" grep -q 'Open flags removed' "$T/body"
c "…with Confirm and Cancel, and no file field" sh -c "grep -q 'value=\"confirm\"' '$T/body' && grep -q 'value=\"cancel\"' '$T/body' && ! grep -q 'type=\"file\"' '$T/body'"
c "…headings in order, one h1" headings_ok "$T/body"
req "$UA" GET "/monitoring/replace?id=$held"
h "someone else cannot see or confirm another's upload" 404
req "$UV" GET "/monitoring/replace?id=$held"
h "a viewer cannot open the check page" 403
FORM_PAGE="/monitoring/replace?id=$held" post "$UM" /monitoring/replace "id=$held" do=cancel
h "Cancel changes nothing" 303
c "…the data is as it was" test "$before" = "$(ustate)"
c "…and the checked rows are gone" test "$(sqlite3 "$UDB" "SELECT count(*) FROM mon_import WHERE id = $held") $(sqlite3 "$UDB" "SELECT count(*) FROM mon_held")" = "0 0"
upload "$UM" "$T/q3-short.csv" service-users 2011Q3
held=$(sed -n 's/^[Ll]ocation: .*id=\([0-9]*\).*/\1/p' "$T/headers" | tr -d '\r')
audits=$(sqlite3 "$UDB" "SELECT count(*) FROM audit_log WHERE what = 'data.import'")
FORM_PAGE="/monitoring/replace?id=$held" post "$UM" /monitoring/replace "id=$held" do=confirm
h "Confirm replaces the period" 303
hdr "…and opens its report" '^location: /monitoring/report\?dataset=service-users&period=2011Q3'
c "…with the new rows" test "$(sqlite3 "$UDB" "SELECT rows FROM mon_import WHERE dataset = 'service-users' AND period = '2011Q3'")" = 3000
c "…the checked import itself, not a second reading of the file" test "$(sqlite3 "$UDB" "SELECT id FROM mon_import WHERE dataset = 'service-users' AND period = '2011Q3'")" = "$held"
c "…nothing left hidden" test "$(sqlite3 "$UDB" "SELECT count(*) FROM mon_stage") $(sqlite3 "$UDB" "SELECT count(*) FROM mon_held")" = "0 0"
c "…and one audit entry, before and after" test "$(sqlite3 "$UDB" "SELECT count(*) FROM audit_log WHERE what = 'data.import'")-$(sqlite3 "$UDB" "SELECT before || '|' || after FROM audit_log WHERE what = 'data.import' ORDER BY id DESC LIMIT 1")" = "$((audits + 1))-$rows_before rows|3000 rows from q3-short.csv"
req "$UM" GET "/monitoring/report?dataset=service-users&period=2011Q3"
h "…the flash says it replaced the earlier import" 200 'Imported Service users, July to September 2011, from q3-short.csv: 3,000 rows, replacing the earlier import'
FORM_PAGE=/monitoring post "$UM" /monitoring/replace "id=$held" do=confirm
h "confirming twice is refused" 404
# an upload kept by a server process that has stopped (a restart) cannot
# be swapped in: it says so, changes nothing, and the kept rows go
before=$(ustate)
upload "$UM" "$T/q3.csv" service-users 2011Q3
held=$(sed -n 's/^[Ll]ocation: .*id=\([0-9]*\).*/\1/p' "$T/headers" | tr -d '\r')
sqlite3 "$UDB" "UPDATE mon_stage SET owner = 2147483646 WHERE import_id = $held"
FORM_PAGE="/monitoring/replace?id=$held" post "$UM" /monitoring/replace "id=$held" do=confirm
h "confirming an upload kept before a restart says to upload again" 404 'the server was restarted since it was checked'
c "…nothing changed, and the kept rows are gone" test "$before-0" = "$(ustate)-$(sqlite3 "$UDB" "SELECT count(*) FROM mon_import WHERE id = $held")"

# --- count tables on the web, as data import-counts
before=$(ustate)
cupload() { # JAR FILE DATASET [FIELD=VALUE...]
  local jar=$1 file=$2 ds=$3; shift 3
  req "$jar" GET /monitoring
  local tok; tok=$(csrf_from_body)
  local act; act=$(sed -n 's/.*action="\(\/monitoring\/upload-counts[^"]*\)".*/\1/p' "$T/body" | head -1)
  local args=(-F "csrf=$tok" -F "dataset=$ds" -F "file=@$file;type=text/csv") f
  for f in "$@"; do args+=(-F "$f"); done
  req "$jar" POST "${act:-/monitoring/upload-counts}" "${args[@]}"
}
req "$UM" GET /monitoring
h "the monitoring page has a form for count tables" 200 'action="/monitoring/upload-counts\?csrf='
cupload "$UM" "$MFIX/bad-counts.csv" counts
h "a count table with bad rows is refused" 400 'nothing was imported'
c "…in the web's words" no_cli_words
c "…and nothing changed" test "$before" = "$(ustate)"
cupload "$UM" "$MFIX/counts.csv" "Bad name!"
h "a bad dataset name is refused at its field" 400 'href="#counts-dataset"'
cupload "$UV" "$MFIX/counts.csv" counts
h "a viewer cannot upload count tables" 403
c "…and nothing changed" test "$before" = "$(ustate)"
cupload "$UM" "$MFIX/counts.csv" counts
h "a count table imports" 303
"$P" --db "$T/cli-counts.db" data import-counts "$MFIX/counts.csv" --as mo >"$T/cli-counts.out" 2>&1
c "…the same counts as data import-counts" test "$(sqlite3 "$UDB" "SELECT c.unit, c.characteristic, c.grp, c.outcome, c.numerator, c.denominator FROM mon_count c JOIN mon_import i ON i.id = c.import_id WHERE i.dataset = 'counts' ORDER BY 1,2,3,4" | md5sum)" = "$(sqlite3 "$T/cli-counts.db" "SELECT c.unit, c.characteristic, c.grp, c.outcome, c.numerator, c.denominator FROM mon_count c JOIN mon_import i ON i.id = c.import_id WHERE i.dataset = 'counts' ORDER BY 1,2,3,4" | md5sum)"
c "…the same flags" test "$(sqlite3 "$UDB" "SELECT unit, characteristic, grp, outcome FROM mon_flag WHERE dataset = 'counts' ORDER BY 1,2,3,4" | md5sum)" = "$(sqlite3 "$T/cli-counts.db" "SELECT unit, characteristic, grp, outcome FROM mon_flag WHERE dataset = 'counts' ORDER BY 1,2,3,4" | md5sum)"
c "…with an audit entry" test "$(sqlite3 "$UDB" "SELECT who || '|' || target FROM audit_log WHERE what = 'data.import-counts' ORDER BY id DESC LIMIT 1")" = "mo|counts 2012"
# the same table again: its period is imported, so it asks first
before=$(ustate)
cupload "$UM" "$MFIX/counts.csv" counts
h "uploading a count table whose period is imported asks first" 303
hdr "…on its check page" '^location: /monitoring/replace-counts\?id=[0-9]+'
hc=$(sed -n 's/^[Ll]ocation: .*id=\([0-9]*\).*/\1/p' "$T/headers" | tr -d '\r')
c "…and nothing has changed yet" test "$before" = "$(ustate)"
req "$UM" GET "/monitoring/replace-counts?id=$hc"
h "…the check page names the period and its rows now" 200 'Periods replaced</dt><dd class="govuk-summary-list__value">2012 \([0-9,]+ rows now\)'
c "…headings in order, one h1" headings_ok "$T/body"
req "$UA" GET "/monitoring/replace-counts?id=$hc"
h "…someone else cannot see it" 404
FORM_PAGE="/monitoring/replace-counts?id=$hc" post "$UM" /monitoring/replace-counts "id=$hc" do=cancel
h "…Cancel changes nothing" 303
c "…the data is as it was, and the held table is gone" test "$before-$(sqlite3 "$UDB" "SELECT count(*) FROM mon_held_counts")" = "$(ustate)-0"
cupload "$UM" "$MFIX/counts.csv" counts
hc=$(sed -n 's/^[Ll]ocation: .*id=\([0-9]*\).*/\1/p' "$T/headers" | tr -d '\r')
FORM_PAGE="/monitoring/replace-counts?id=$hc" post "$UM" /monitoring/replace-counts "id=$hc" do=confirm
h "…Confirm imports it from the table kept, not a second upload" 303
c "…replacing the period, with an audit entry, nothing left held" test "$(sqlite3 "$UDB" "SELECT count(*) FROM mon_import WHERE dataset = 'counts'")-$(sqlite3 "$UDB" "SELECT count(*) FROM audit_log WHERE what = 'data.import-counts'")-$(sqlite3 "$UDB" "SELECT count(*) FROM mon_held_counts")" = "1-2-0"
req "$UM" GET /monitoring
h "…listed as aggregate counts" 200 'Counts</th><td class="govuk-table__cell"><a class="govuk-link" href="/monitoring/report\?dataset=counts&amp;period=2012">2012'

# --- dataset configs kept and chosen on the upload page
cfgup() { # JAR NAME FILE
  req "$1" GET /monitoring/configs
  local tok; tok=$(csrf_from_body)
  req "$1" POST "/monitoring/configs?csrf=$tok" -F "csrf=$tok" -F "name=$2" -F "file=@$3;type=text/plain"
}
req "$UM" GET /monitoring/configs
h "the dataset configs page" 200 'No dataset config is kept yet'
c "…headings in order, one h1" headings_ok "$T/body"
printf '[dataset service-users]\nid = case_ref\nfrobnicate = 3\n' >"$T/broken.conf"
cfgup "$UM" broken "$T/broken.conf"
h "a config with a bad line is refused at the file field, naming the line" 400 'href="#config-file">broken.conf:3: unknown setting'
c "…and nothing is kept" test "$(sqlite3 "$UDB" "SELECT count(*) FROM mon_config")" = 0
cfgup "$UM" "Bad Name" "$MFIX/renamed.conf"
h "a bad config name is refused at its field" 400 'href="#config-name"'
cfgup "$UV" casework "$MFIX/renamed.conf"
h "a viewer cannot keep a config" 403
cfgup "$UM" casework "$MFIX/renamed.conf"
h "a good config is kept" 303
c "…with its text and sections" test "$(sqlite3 "$UDB" "SELECT datasets || '|' || saved_by FROM mon_config WHERE name = 'casework'")" = "service-users|mo"
c "…and an audit entry" test "$(sqlite3 "$UDB" "SELECT count(*) FROM audit_log WHERE what = 'data.config' AND target = 'casework'")" = 1
req "$UM" GET /monitoring/configs
h "…listed" 200 '<th scope="row" class="govuk-table__header">casework</th><td class="govuk-table__cell">Service users</td>'
req "$UM" GET /monitoring
h "the upload form offers the kept config" 200 '<option value="casework">casework</option>'
# renamed.csv is of 2011Q3: with the config it reads, and asks before
# replacing the period
req "$UM" GET /monitoring
tok=$(csrf_from_body)
req "$UM" POST "/monitoring/upload?csrf=$tok" -F "csrf=$tok" -F dataset=service-users -F period=2011Q3 -F "file=@$MFIX/renamed.csv;type=text/csv"
h "without the config its columns are not found" 400 'no column &#39;person_id&#39;'
req "$UM" POST "/monitoring/upload?csrf=$tok" -F "csrf=$tok" -F dataset=service-users -F config=casework -F period=2011Q3 -F "file=@$MFIX/renamed.csv;type=text/csv"
h "with the kept config the file reads" 303
hdr "…and the replacement is checked first" '^location: /monitoring/replace\?id='
req "$UM" POST "/monitoring/upload?csrf=$tok" -F "csrf=$tok" -F dataset=service-users -F config=nosuch -F period=2011Q3 -F "file=@$MFIX/renamed.csv;type=text/csv"
h "a config that is not kept is refused at its field" 400 'href="#config"'

cupload "$UM" "$MFIX/counts.csv" counts config=casework
h "count tables with a config that has no section for their dataset are refused at the config" 400 'href="#counts-config">The dataset config casework has no section for counts'
c "…in the web's words" no_cli_words
printf '[dataset service-users]\nbase = nosuch\n' >"$T/base.conf"
cfgup "$UM" base "$T/base.conf"
h "a config based on no preset is refused in the web's words" 400 'base.conf:2: no dataset preset &#39;nosuch&#39;: base is service-users, staff or applicants'
c "…naming no option" no_cli_words

# a dataset the kept config defines (not a preset) is offered, and read
# with that config
cfgup "$UM" orders "$MFIX/events.conf"
h "a config defining datasets of its own is kept" 303
req "$UM" GET /monitoring
h "…its datasets are offered on the upload form" 200 '<option value="orders">orders</option>'
tok=$(csrf_from_body)
req "$UM" POST "/monitoring/upload?csrf=$tok" -F "csrf=$tok" -F dataset=orders -F period=2011Q3 -F "file=@$MFIX/events.csv;type=text/csv"
h "…choosing one without its config says to choose the config" 400 'href="#config">Choose the dataset config that defines orders'
req "$UM" POST "/monitoring/upload?csrf=$tok" -F "csrf=$tok" -F dataset=orders -F config=orders -F period=2011Q3 -F "file=@$MFIX/events.csv;type=text/csv"
h "…and with it the file is imported" 303
hdr "…to the new dataset's report" '^location: /monitoring/report\?dataset=orders&period=2011Q3'
c "…as events" test "$(sqlite3 "$UDB" "SELECT rows FROM mon_import WHERE dataset = 'orders' AND period = '2011Q3'")" = "$(($(wc -l <"$MFIX/events.csv") - 1))"

# --- the Diversity Report in pages
req "$UV" GET "/monitoring/report?dataset=service-users&period=2011Q2"
h "the report's overview" 200 'Flagged differences'
c "…links one page per characteristic" grep -q 'href="/monitoring/report/ethnicity?dataset=service-users&amp;period=2011Q2"' "$T/body"
c "…and keeps the downloads of the whole report" grep -q 'href="/monitoring/report.xlsx?dataset=service-users&amp;period=2011Q2"' "$T/body"
c "…without the comparison tables" sh -c "! grep -q 'id=\"comparisons\"' '$T/body'"
c "…headings in order, one h1" headings_ok "$T/body"
overview=$(wc -c <"$T/body")
req "$UV" GET "/monitoring/report/ethnicity?dataset=service-users&period=2011Q2&per=1000"
h "a characteristic's page" 200 '<h1 class="govuk-heading-l">Ethnicity</h1>'
c "…with its comparisons and completeness" sh -c "grep -q 'id=\"comparisons\"' '$T/body' && grep -q 'id=\"completeness\"' '$T/body'"
c "…of ethnicity alone" sh -c "! grep -qE 'caption--s\">(Sex|Sexual orientation|Age|Religion|Disability): |id=\"ref_sex\"' '$T/body'"
c "…keeping the choices in its links" grep -q 'href="/monitoring/report/sex?dataset=service-users&amp;period=2011Q2&amp;per=1000"' "$T/body"
c "…every table in a scroll container" sh -c "[ \$(grep -o '<table' '$T/body' | wc -l) = \$(grep -o '<div class=\"parity-table-scroll\"' '$T/body' | wc -l) ]"
c "…headings in order, one h1" headings_ok "$T/body"
req "$UV" GET "/monitoring/report/nonsense?dataset=service-users&period=2011Q2"
h "an unknown characteristic's page is 404" 404
req "$UV" GET "/monitoring/report.html?dataset=service-users&period=2011Q2"
c "the HTML download still holds the whole report" sh -c "grep -q 'id=\"comparisons\"' '$T/body' && grep -q 'id=\"summary\"' '$T/body'"
stop_server
