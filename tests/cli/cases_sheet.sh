# End-to-end cases for spreadsheets (sourced by tests/cli/run.sh): a plan
# kept in .xlsx/.ods/.xls/.csv imported with --sheet, broken workbooks,
# and monitoring extracts and count tables from .xlsx read exactly as the
# CSV of the same data. Fixtures: tests/fixtures/sheet/ (make_fixtures.py).
SF="$FIX/sheet"
SDB="$T/sheet.db"
MF="$FIX/monitor"
MKX="$SF/make_fixtures.py"

# ---- plan import from a spreadsheet (the sheet whose header is row 1)
t sheet-plan-xlsx 0 "imported plan 'x' from .*plan.xlsx: 0 sections, 1 area, 5 actions" '' -- "$P" --db "$SDB" plan import "$SF/plan.xlsx" --sheet Simple --name x
t sheet-plan-xlsx-actions 0 '^1a .*2024-03-31 Head of HR +Publish the workforce profile on the intranet' '' -- "$P" --db "$SDB" plan list --plan x
t sheet-plan-xlsx-lead 0 '^1e .*2025-06-30 Communications off' '' -- "$P" --db "$SDB" plan list --plan x
# Progress is kept as a field ("Started" is not a status word, so the status stays not-started)
t sheet-plan-xlsx-status 0 '^1b .*not-started +2024-09-30 Learning manager' '' -- "$P" --db "$SDB" plan list --plan x
t sheet-plan-xlsx-progress 0 '"value": "Started"' '' -- "$P" --db "$SDB" plan show 1b --plan x --format json
"$P" --db "$SDB" plan list --plan x --format json >"$T/sheet-x.json" 2>/dev/null
for f in ods xls csv; do
  opt=--sheet=simple; [ $f = csv ] && opt=
  t "sheet-plan-$f" 0 "imported plan '$f' from .*plan.$f: 0 sections, 1 area, 5 actions" '' -- "$P" --db "$SDB" plan import "$SF/plan.$f" $opt --name $f
  "$P" --db "$SDB" plan list --plan $f --format json >"$T/sheet-$f.json" 2>/dev/null
  c "sheet-plan-$f-same-as-xlsx" cmp "$T/sheet-x.json" "$T/sheet-$f.json"
done
# the titled sheet: two title rows above the header, areas in merged cells
# carried down, two leads on two lines of one cell
for f in xlsx ods; do
  t "sheet-plan-titled-$f" 0 "imported plan 't$f' from .*plan.$f: 0 sections, 2 areas, 5 actions" '' -- "$P" --db "$SDB" plan import "$SF/plan.$f" --sheet Actions --name "t$f"
  t "sheet-plan-titled-$f-title" 0 '^table 1, header in row 3 \(line 3\): 5 actions$' '' -- "$P" --db "$SDB" plan import "$SF/plan.$f" --sheet Actions --dry-run
  t "sheet-plan-titled-$f-area" 0 '^1c,,1,Workforce,c,' '' -- "$P" --db "$SDB" plan list --plan "t$f" --format csv
  t "sheet-plan-titled-$f-two-leads" 0 '^2a,,2,Services,a,Review the complaints form for accessible formats,Customer services lead/Equality officer,' '' -- "$P" --db "$SDB" plan list --plan "t$f" --format csv
done
t sheet-plan-dry-run 0 'plan.xlsx: 0 sections, 1 area, 5 actions.*dry run' '' -- "$P" --db "$SDB" plan import "$SF/plan.xlsx" --sheet SIMPLE --dry-run
t sheet-plan-unknown-sheet 1 '' "plan.xlsx has no sheet named 'Plan'; its sheets are: 'Summary', 'Actions', 'Simple', 'Checks'" -- "$P" --db "$SDB" plan import "$SF/plan.xlsx" --sheet Plan
t sheet-plan-first-sheet 1 '' 'no table with an Actions column' -- "$P" --db "$SDB" plan import "$SF/plan.xlsx" --dry-run
t sheet-plan-sheet-not-spreadsheet 2 '' '--sheet is for spreadsheets .*outreach.md is not one' -- "$P" --db "$SDB" plan import "$FIX/doc/outreach.md" --sheet Actions
t sheet-plan-sheet-csv 2 '' 'CSV file, which has one sheet' -- "$P" --db "$SDB" plan import "$SF/plan.csv" --sheet plan
t sheet-plan-sheet-empty 2 '' '--sheet needs the name' -- "$P" --db "$SDB" plan import "$SF/plan.xlsx" --sheet ''
t sheet-plan-truncated 1 '' 'truncated.xlsx: not a readable Excel .xlsx workbook \(the zip archive is damaged or cut short' -- "$P" --db "$SDB" plan import "$SF/truncated.xlsx"
t sheet-plan-renamed-csv 1 '' 'renamed-csv.xlsx: not a readable Excel .xlsx spreadsheet: it is text, perhaps CSV' -- "$P" --db "$SDB" plan import "$SF/renamed-csv.xlsx"
t sheet-plan-bad-xml 1 '' 'bad-xml.xlsx, sheet Actions: xl/worksheets/sheet1.xml is not well-formed XML' -- "$P" --db "$SDB" plan import "$SF/bad-xml.xlsx"
t sheet-plan-bad-sst 1 '' 'bad-sst.xlsx, sheet Actions, cell B2: the cell refers to shared string' -- "$P" --db "$SDB" plan import "$SF/bad-sst.xlsx"
t sheet-plan-bomb 1 '' 'unpacks to more than 256 MiB' -- "$P" --db "$SDB" plan import "$SF/bomb.xlsx"
t sheet-plan-wide-ods 1 '' 'wide.ods, sheet Wide, row 1: the row has values beyond column XFD' -- "$P" --db "$SDB" plan import "$SF/wide.ods"
t sheet-plan-empty-sheet 1 '' 'sheet Dates: the sheet is empty|no table' -- "$P" --db "$SDB" plan import "$SF/date1904.xlsx" --dry-run
c sheet-plan-failed-changed-nothing test "$("$P" --db "$SDB" plan list --plan x --format json)" = "$(cat "$T/sheet-x.json")"

# ---- monitoring: the same extract as CSV and as .xlsx gives the same report
"$P" demo generate --dataset service-users --rows 400 --seed 21 -o "$T/sx.csv" >/dev/null 2>&1
python3 "$MKX" csv2xlsx "$T/sx.csv" "$T/sx.xlsx" Extract
t sheet-data-import-csv 0 'imported service-users 2011Q3 from .*sx.csv: 400 rows' '' -- "$P" --db "$T/sheet-c.db" data import "$T/sx.csv" --dataset service-users --period 2011Q3
t sheet-data-import-xlsx 0 'imported service-users 2011Q3 from .*sx.xlsx: 400 rows' '' -- "$P" --db "$T/sheet-x.db" data import "$T/sx.xlsx" --dataset service-users --period 2011Q3
"$P" --db "$T/sheet-c.db" report diversity --period 2011Q3 --dataset service-users --format json >"$T/sx-c.json" 2>/dev/null
"$P" --db "$T/sheet-x.db" report diversity --period 2011Q3 --dataset service-users --format json >"$T/sx-x.json" 2>/dev/null
c sheet-data-import-same-report sh -c "[ -s '$T/sx-c.json' ] && cmp '$T/sx-c.json' '$T/sx-x.json'"
t sheet-data-import-sheet-named 0 'imported service-users 2011Q3 from .*sx.xlsx: 400 rows' '' -- "$P" --db "$T/sheet-x.db" data import "$T/sx.xlsx" --sheet extract --dataset service-users --period 2011Q3
t sheet-data-import-no-sheet 1 '' "sx.xlsx has no sheet named 'Q4'; its sheet is: 'Extract'" -- "$P" --db "$T/sheet-x.db" data import "$T/sx.xlsx" --sheet Q4 --dataset service-users --period 2011Q3
t sheet-data-import-sheet-on-csv 2 '' '--sheet is for spreadsheets' -- "$P" --db "$T/sheet-c.db" data import "$T/sx.csv" --sheet Q4 --dataset service-users --period 2011Q3
t sheet-analyze-xlsx 0 '"impact_ratio"' '' -- "$P" analyze "$T/sx.xlsx" --dataset service-users --format json
# bad rows: named by sheet, row and cell
python3 "$MKX" csv2xlsx "$MF/bad-rows.csv" "$T/bad-rows.xlsx"
t sheet-data-bad-code 1 '' "bad-rows.xlsx, sheet Data, cell F3 \(column 'ethnicity'\): ethnicity: 'Z9' is not a known value" -- "$P" --db "$T/sheet-x.db" data import "$T/bad-rows.xlsx" --dataset service-users --period 2011Q3
t sheet-data-bad-stage 1 '' "bad-rows.xlsx, sheet Data, cell L6 \(column 'completed'\): completed is 1 but started is 0" -- "$P" --db "$T/sheet-x.db" data import "$T/bad-rows.xlsx" --dataset service-users --period 2011Q3
t sheet-data-bad-summary 1 '' 'bad-rows.xlsx: [0-9]+ errors in 6 rows; nothing was imported' -- "$P" --db "$T/sheet-x.db" data import "$T/bad-rows.xlsx" --dataset service-users --period 2011Q3
t sheet-data-profile-xlsx 0 'Profile of .*bad-rows.xlsx for the dataset service-users: 6 rows' '' -- "$P" data profile "$T/bad-rows.xlsx" --dataset service-users
t sheet-data-import-broken 1 '' 'truncated.xlsx: not a readable Excel .xlsx workbook' -- "$P" --db "$T/sheet-x.db" data import "$SF/truncated.xlsx" --dataset service-users --period 2011Q3

# ---- count tables: the same from .xlsx as from CSV
python3 "$MKX" csv2xlsx "$MF/counts.csv" "$T/counts.xlsx" Counts
t sheet-counts-csv 0 'imported counts 2012 from .*counts.csv: counts for 2 units' '' -- "$P" --db "$T/sheet-cc.db" data import-counts "$MF/counts.csv"
t sheet-counts-xlsx 0 'imported counts 2012 from .*counts.xlsx: counts for 2 units' '' -- "$P" --db "$T/sheet-cx.db" data import-counts "$T/counts.xlsx" --sheet Counts
"$P" --db "$T/sheet-cc.db" report diversity --period 2012 --dataset counts --format json >"$T/sc-c.json" 2>/dev/null
"$P" --db "$T/sheet-cx.db" report diversity --period 2012 --dataset counts --format json >"$T/sc-x.json" 2>/dev/null
c sheet-counts-same-report sh -c "[ -s '$T/sc-c.json' ] && cmp '$T/sc-c.json' '$T/sc-x.json'"
python3 "$MKX" csv2xlsx "$MF/bad-counts.csv" "$T/bad-counts.xlsx"
t sheet-counts-bad-cell 1 '' "bad-counts.xlsx, sheet Data, cell [A-Z]+[0-9]+ \(column '[a-z]+'\)" -- "$P" --db "$T/sheet-cx.db" data import-counts "$T/bad-counts.xlsx"
