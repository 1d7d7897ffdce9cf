# tests/http/plan_import.sh: the plan's import page, /plan/import (issue
# 14) — who may open it, checking a plan (the columns read, nothing saved),
# naming columns the guess misses, errors at their fields in the web's own
# words, importing a new version of the plan the web shows (one
# transaction with its audit entry), plans written as labelled blocks, and
# spreadsheets. Sourced by tests/http/run.sh after the main server has
# stopped: it serves a copy of $DB (the demo plan and the accounts), since
# importing replaces the plan. Uses $P, $DB, $T, $PW, $ROOT and lib.sh.

cp "$DB" "$T/import.db"
IDB="$T/import.db"
start_server import "$IDB" || { fail=$((fail+1)); echo "FAIL plan import server did not start"; return 0; }
IM="$T/import-mo.jar" IV="$T/import-vi.jar"
login "$IM" mo "$PW"
login "$IV" vi "$PW"
IFIX="$ROOT/tests/fixtures/plan"
# plan_upload JAR FILE STEP [FIELD=VALUE...]: the import form as a browser
# sends it (token in the form and in the action's query).
plan_upload() {
  local jar=$1 file=$2 step=$3; shift 3
  req "$jar" GET /plan/import
  local tok; tok=$(csrf_from_body)
  local act; act=$(sed -n 's/.*action="\(\/plan\/import[^"]*\)".*/\1/p' "$T/body" | head -1)
  local args=(-F "csrf=$tok" -F "step=$step" -F "file=@$file") f
  for f in "$@"; do args+=(-F "$f"); done
  req "$jar" POST "${act:-/plan/import}" "${args[@]}"
}
plans() { sqlite3 "$IDB" "SELECT count(*) FROM plan; SELECT count(*) FROM action; SELECT count(*) FROM audit_log" | md5sum; }

req "$IV" GET /plan/import
h "a viewer may not import the plan (403)" 403
req "$IV" GET /plan
c "a viewer's plan page has no import link" sh -c "! grep -q 'href=\"/plan/import\"' '$T/body'"
req "$IM" GET /plan
c "a monitor's plan page links the import page" grep -q 'href="/plan/import">Import a new version of the plan' "$T/body"
req "$IM" GET /plan/import
h "a monitor gets the import form" 200 'enctype="multipart/form-data"'
c "the form's action carries the token (uploads are judged before their body)" grep -qE 'action="/plan/import\?csrf=[0-9a-f]+"' "$T/body"
c "import form: every input has its label" sh -c "for f in file sheet col-actions col-lead col-timescale col-area col-duties col-status col-id; do grep -q \"for=\\\"\$f\\\"\" '$T/body' || exit 1; done"

before=$(plans)
plan_upload "$IM" "$IFIX/layout-own-words.md" check
h "a plan whose columns are not found is refused at the file field (400)" 400 'id="file-error"'
c "the refusal says what to do in the web's words" grep -q 'Name the columns yourself' "$T/body"
c "no command-line wording on the page" sh -c "! grep -qE -- '--columns|parity plan|docs/plan-import' '$T/body'"
plan_upload "$IM" "$IFIX/layout-own-words.md" check "col-actions=What happens" "col-lead=Person in charge" "col-timescale=Finish by"
h "checking with the columns named shows how they were read" 200 'layout-own-words.md can be imported'
c "check: the named lead column is shown, and why" sh -c "grep -q '<td class=\"govuk-table__cell\">Person in charge</td><td class=\"govuk-table__cell\">you named it</td>' '$T/body'"
c "check: the form keeps the named columns" grep -q 'value="Person in charge"' "$T/body"
c "check saved nothing" test "$before" = "$(plans)"
plan_upload "$IM" "$IFIX/layout-own-words.md" check "col-lead=Owner" "col-actions=What happens"
h "a named header the plan does not have is an error at its field (400)" 400 'id="col-lead-error"'
c "the message lists the headers there are" grep -q 'the tables.* top rows read: &quot;Ref&quot;' "$T/body"
plan_upload "$IM" "$IFIX/layout-own-words.md" check 'col-lead=Person "in" charge'
h "a header with double quotes is an error at its field (400)" 400 'id="col-lead-error"'
plan_upload "$IM" "$ROOT/tests/fixtures/doc/truncated.docx" import
h "a damaged Word file is refused, naming it (400)" 400 'truncated.docx'
c "refusals saved nothing" test "$before" = "$(plans)"

plan_upload "$IM" "$IFIX/layout-own-words.md" import "col-actions=What happens" "col-lead=Person in charge" "col-timescale=Finish by"
h "importing redirects to the plan (303)" 303
c "the plan the web shows now has the 2 actions, with their leads" sh -c "[ \"\$(sqlite3 '$IDB' \"SELECT group_concat(a.code || '=' || a.lead_text, '|') FROM action a JOIN plan p ON p.id = a.plan_id WHERE p.name = 'main' AND a.removed = 0 AND a.origin = 'document' ORDER BY a.id\")\" = '1=Estates Manager|2=Estates Manager' ]"
c "the import wrote its audit row" sh -c "[ \"\$(sqlite3 '$IDB' \"SELECT who || '|' || target || '|' || after FROM audit_log WHERE what = 'plan.import' ORDER BY id DESC LIMIT 1\")\" = 'mo|plan main|2 actions from layout-own-words.md: 2 added, 19 removed, 0 reworded' ]"
req "$IM" GET /plan
c "the plan page says what was imported" grep -q 'Imported layout-own-words.md: 2 actions (2 added, 19 removed, 0 reworded)' "$T/body"

plan_upload "$IM" "$IFIX/layout-blocks.docx" check
h "a Word plan written as labelled blocks can be imported" 200 'Actions written as labelled blocks: 3 actions'
c "check: the block labels are listed" grep -q '<td class="govuk-table__cell">Measure of success</td><td class="govuk-table__cell">a label in each block</td>' "$T/body"
plan_upload "$IM" "$IFIX/layout-blocks.docx" import
h "importing the blocks plan redirects (303)" 303
c "the plan now has the 3 actions of the blocks" test "$(sqlite3 "$IDB" "SELECT count(*) FROM action a JOIN plan p ON p.id = a.plan_id WHERE p.name = 'main' AND a.removed = 0 AND a.origin = 'document'")" = 3

# spreadsheets: the sheet is named in its own field
SFIX="$ROOT/tests/fixtures/sheet"
plan_upload "$IM" "$SFIX/plan.xlsx" check sheet=Actions
h "a spreadsheet's named sheet is checked, header found below its title rows" 200 'Table 1, header in row 3: 5 actions'
plan_upload "$IM" "$SFIX/plan.xlsx" check sheet=Plan
h "a sheet the workbook lacks is an error at the sheet field (400)" 400 'id="sheet-error"'
c "…listing the sheets there are" grep -q "its sheets are: &#39;Summary&#39;, &#39;Actions&#39;" "$T/body"
plan_upload "$IM" "$IFIX/layout-blocks.md" check sheet=Actions
h "a sheet named for a Markdown file is an error at the sheet field (400)" 400 'Leave the sheet blank'
c "no command-line wording about sheets" sh -c "! grep -q -- '--sheet' '$T/body'"
plan_upload "$IM" "$SFIX/plan.xlsx" import sheet=actions
h "importing the named sheet redirects (303)" 303
c "the plan now has the sheet's 2 areas and 5 actions" test "$(sqlite3 "$IDB" "SELECT count(DISTINCT a.area_id) || '/' || count(*) FROM action a JOIN plan p ON p.id = a.plan_id WHERE p.name = 'main' AND a.removed = 0 AND a.origin = 'document'")" = 2/5
c "web imports never make a second plan" test "$(sqlite3 "$IDB" "SELECT count(*) FROM plan")" = 1

# the demo plan imported again: its 19 actions come back, with their history
plan_upload "$IM" "$ROOT/data/demo/action-plan.docx" import
h "importing the demo plan again redirects (303)" 303
c "its 19 actions are current again" test "$(sqlite3 "$IDB" "SELECT count(*) FROM action a JOIN plan p ON p.id = a.plan_id WHERE p.name = 'main' AND a.removed = 0 AND a.origin = 'document'")" = 19
c "…restored, with their history" test "$(sqlite3 "$IDB" "SELECT count(DISTINCT e.action_id) FROM action_event e WHERE e.kind = 'restored'")" -ge 19
# the id column named on the page, as --columns id= does
plan_upload "$IM" "$IFIX/layout-own-words.md" check "col-actions=What happens" "col-lead=Person in charge" "col-id=Ref"
h "the id column can be named on the page" 200 '<td class="govuk-table__cell">Ref</td><td class="govuk-table__cell">you named it</td>'
stop_server
