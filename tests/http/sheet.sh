# tests/http/sheet.sh: uploading a monitoring extract kept in a
# spreadsheet (.xlsx) — its first sheet is read as its CSV would be, and
# problems are listed by row and column letter. Sourced by
# tests/http/run.sh after monitor.sh (whose upload helper and extracts it
# uses): $P, $DB, $T, $BASE, $MM, $MFIX.
MKX="$ROOT/tests/fixtures/sheet/make_fixtures.py"
python3 "$MKX" csv2xlsx "$MFIX/bad-rows.csv" "$T/bad-rows.xlsx"
mbefore=$(mon_state)
upload "$MM" "$T/bad-rows.xlsx" service-users 2011Q3
h "xlsx upload with bad rows is refused with 400" 400 'bad-rows.xlsx has [0-9]+ problems, listed below'
c "…the table counts rows, not lines" grep -q '>On rows</th>' "$T/body"
c "…names row, column letter and value of each problem" grep -qE '<td[^>]*>3</td><td[^>]*>ethnicity \(column F\)</td><td[^>]*><code>Z9</code>' "$T/body"
c "…and nothing changed" test "$mbefore" = "$(mon_state)"
upload "$MM" "$ROOT/tests/fixtures/sheet/truncated.xlsx" service-users 2011Q3
h "a damaged xlsx is refused with 400" 400 'truncated.xlsx: not a readable Excel .xlsx workbook.*nothing was imported'
python3 "$MKX" csv2xlsx "$T/q2.csv" "$T/q2.xlsx"
upload "$MM" "$T/q2.xlsx" service-users 2011Q2
h "a good xlsx upload of an imported period asks first" 303
held=$(sed -n 's/^[Ll]ocation: .*replace?id=\([0-9]*\).*/\1/p' "$T/headers" | tr -d '\r')
FORM_PAGE="/monitoring/replace?id=$held" post "$MM" /monitoring/replace "id=$held" do=confirm
h "…and imports when confirmed" 303
c "…its 5000 rows replace 2011Q2" sh -c "\"$P\" --db '$DB' data list --format json | grep -q '\"period\": \"2011Q2\"' && [ \"\$(sqlite3 '$DB' \"SELECT rows FROM mon_import WHERE period = '2011Q2'\")\" = 5000 ]"
