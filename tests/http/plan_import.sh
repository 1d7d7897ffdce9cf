# tests/http/plan_import.sh: the plan's import page, /plan/import (issue
# 14) — who may open it, checking a plan (the columns read, nothing saved),
# naming columns the guess misses, errors at their fields in the web's own
# words, importing (one transaction with its audit entry), and plans
# written as labelled blocks. Sourced by tests/http/run.sh: $P, $DB, $T,
# $PW, $BASE, $ROOT and the helpers of lib.sh.

IM="$T/import-mo.jar" IV="$T/import-vi.jar"
login "$IM" mo "$PW"
login "$IV" vi "$PW"
IFIX="$ROOT/tests/fixtures/plan"
# plan_upload JAR FILE STEP NAME [FIELD=VALUE...]: the import form as a
# browser sends it (token in the form and in the action's query).
plan_upload() {
  local jar=$1 file=$2 step=$3 name=$4; shift 4
  req "$jar" GET /plan/import
  local tok; tok=$(csrf_from_body)
  local act; act=$(sed -n 's/.*action="\(\/plan\/import[^"]*\)".*/\1/p' "$T/body" | head -1)
  local args=(-F "csrf=$tok" -F "step=$step" -F "name=$name" -F "file=@$file") f
  for f in "$@"; do args+=(-F "$f"); done
  req "$jar" POST "${act:-/plan/import}" "${args[@]}"
}
plans() { sqlite3 "$DB" "SELECT count(*) FROM plan; SELECT count(*) FROM action; SELECT count(*) FROM audit_log" | md5sum; }

req "$IV" GET /plan/import
h "a viewer may not import the plan (403)" 403
req "$IV" GET /plan
c "a viewer's plan page has no import link" sh -c "! grep -q 'href=\"/plan/import\"' '$T/body'"
req "$IM" GET /plan
c "a monitor's plan page links the import page" grep -q 'href="/plan/import">Import a new version of the plan' "$T/body"
req "$IM" GET /plan/import
h "a monitor gets the import form" 200 'enctype="multipart/form-data"'
c "the form's action carries the token (uploads are judged before their body)" grep -qE 'action="/plan/import\?csrf=[0-9a-f]+"' "$T/body"
c "import form: every input has its label" sh -c "for f in file name sheet col-actions col-lead col-timescale col-area col-duties col-status col-id; do grep -q \"for=\\\"\$f\\\"\" '$T/body' || exit 1; done"

before=$(plans)
plan_upload "$IM" "$IFIX/layout-own-words.md" check community
h "a plan whose columns are not found is refused at the file field (400)" 400 'id="file-error"'
c "the refusal says what to do in the web's words" grep -q 'Name the columns yourself' "$T/body"
c "no command-line wording on the page" sh -c "! grep -qE -- '--columns|parity plan|docs/plan-import' '$T/body'"
plan_upload "$IM" "$IFIX/layout-own-words.md" check community "col-actions=What happens" "col-lead=Person in charge" "col-timescale=Finish by"
h "checking with the columns named shows how they were read" 200 'layout-own-words.md can be imported'
c "check: the named lead column is shown, and why" sh -c "grep -q '<td class=\"govuk-table__cell\">Person in charge</td><td class=\"govuk-table__cell\">you named it</td>' '$T/body'"
c "check: the form keeps the named columns" grep -q 'value="Person in charge"' "$T/body"
c "check saved nothing" test "$before" = "$(plans)"
plan_upload "$IM" "$IFIX/layout-own-words.md" check community "col-lead=Owner" "col-actions=What happens"
h "a named header the plan does not have is an error at its field (400)" 400 'id="col-lead-error"'
c "the message lists the headers there are" grep -q 'the tables.* top rows read: &quot;Ref&quot;' "$T/body"
plan_upload "$IM" "$IFIX/layout-own-words.md" check community 'col-lead=Person "in" charge'
h "a header with double quotes is an error at its field (400)" 400 'id="col-lead-error"'
plan_upload "$IM" "$ROOT/tests/fixtures/doc/truncated.docx" import community
h "a damaged Word file is refused, naming it (400)" 400 'truncated.docx'
c "refusals saved nothing" test "$before" = "$(plans)"

plan_upload "$IM" "$IFIX/layout-own-words.md" import community "col-actions=What happens" "col-lead=Person in charge" "col-timescale=Finish by"
h "importing redirects to the plan (303)" 303
c "the plan 'community' has its 2 actions, with their leads" sh -c "[ \"\$(sqlite3 '$DB' \"SELECT group_concat(a.lead_text, '|') FROM action a JOIN plan p ON p.id = a.plan_id WHERE p.name = 'community' ORDER BY a.id\")\" = 'Estates Manager|Estates Manager' ]"
c "the import wrote its audit row" sh -c "[ \"\$(sqlite3 '$DB' \"SELECT who || '|' || target || '|' || after FROM audit_log WHERE what = 'plan.import' ORDER BY id DESC LIMIT 1\")\" = 'mo|plan community|2 actions from layout-own-words.md: 2 added, 0 removed, 0 reworded' ]"
req "$IM" GET /plan
c "the plan page says what was imported" grep -q 'Imported layout-own-words.md: 2 actions (2 added, 0 removed, 0 reworded)' "$T/body"

plan_upload "$IM" "$IFIX/layout-blocks.docx" check wres
h "a Word plan written as labelled blocks can be imported" 200 'Actions written as labelled blocks: 3 actions'
c "check: the block labels are listed" grep -q '<td class="govuk-table__cell">Measure of success</td><td class="govuk-table__cell">a label in each block</td>' "$T/body"
plan_upload "$IM" "$IFIX/layout-blocks.docx" import wres
h "importing the blocks plan redirects (303)" 303
c "the plan 'wres' has 3 actions" test "$(sqlite3 "$DB" "SELECT count(*) FROM action a JOIN plan p ON p.id = a.plan_id WHERE p.name = 'wres'")" = 3

# spreadsheets: the sheet is named in its own field
SFIX="$ROOT/tests/fixtures/sheet"
plan_upload "$IM" "$SFIX/plan.xlsx" check sheets sheet=Actions
h "a spreadsheet's named sheet is checked, header found below its title rows" 200 'Table 1, header in row 3: 5 actions'
plan_upload "$IM" "$SFIX/plan.xlsx" check sheets sheet=Plan
h "a sheet the workbook lacks is an error at the sheet field (400)" 400 'id="sheet-error"'
c "…listing the sheets there are" grep -q "its sheets are: &#39;Summary&#39;, &#39;Actions&#39;" "$T/body"
plan_upload "$IM" "$IFIX/layout-blocks.md" check sheets sheet=Actions
h "a sheet named for a Markdown file is an error at the sheet field (400)" 400 'Leave the sheet blank'
c "no command-line wording about sheets" sh -c "! grep -q -- '--sheet' '$T/body'"
plan_upload "$IM" "$SFIX/plan.xlsx" import sheets sheet=actions
h "importing the named sheet redirects (303)" 303
c "the plan 'sheets' has 2 areas and 5 actions" test "$(sqlite3 "$DB" "SELECT count(DISTINCT a.area_id) || '/' || count(*) FROM action a JOIN plan p ON p.id = a.plan_id WHERE p.name = 'sheets'")" = 2/5
# the id column named on the page, as --columns id= does
plan_upload "$IM" "$IFIX/layout-own-words.md" check community "col-actions=What happens" "col-lead=Person in charge" "col-id=Ref"
h "the id column can be named on the page" 200 '<td class="govuk-table__cell">Ref</td><td class="govuk-table__cell">you named it</td>'
