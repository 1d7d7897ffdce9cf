# End-to-end cases for periods and the pay gap measures (issue 12; sourced
# by tests/cli/run.sh). Periods: docs/datasets.md, "Periods"; pay gaps:
# docs/methods.md, "Pay gap figures".
PD="$T/periods.db"
PF="$T/periods"
mkdir -p "$PF"
"$P" demo generate --dataset service-users --rows 3000 --seed 11 --period 2011Q2 -o "$PF/q2.csv" >/dev/null 2>&1
"$P" demo generate --dataset service-users --rows 3000 --seed 12 --period 2011Q3 -o "$PF/q3.csv" >/dev/null 2>&1
"$P" demo generate --dataset service-users --rows 3000 --seed 13 --period 2011Q3 -o "$PF/m7-src.csv" >/dev/null 2>&1
"$P" demo generate --dataset service-users --rows 3000 --seed 14 --period 2011Q3 -o "$PF/fy-src.csv" >/dev/null 2>&1
sed 's/,2011Q3,/,2011-07,/' "$PF/m7-src.csv" >"$PF/m7.csv"
sed 's/,2011Q3,/,FY2011-12,/' "$PF/fy-src.csv" >"$PF/fy.csv"
FORMS='Write a year \(2011\), a quarter \(2011Q3\), a month \(2011-07\) or a financial year, April to March \(FY2011-12\)'

# ---- only the documented forms; the three examples of the issue
t period-day-import 2 '' "^parity: error: --period: '2011-02-30' is not a period: it looks like a day, but February 2011 has no day 30.*$FORMS; for February 2011: 2011-02" -- "$P" --db "$PD" data import "$PF/q3.csv" --dataset service-users --period 2011-02-30
t period-month13-import 2 '' "^parity: error: --period: '2016-13' is not a period: there is no month 13 \(months run from 2016-01 to 2016-12\)\. $FORMS" -- "$P" --db "$PD" data import "$PF/q3.csv" --dataset service-users --period 2016-13
t period-banana-import 2 '' "^parity: error: --period: 'banana' is not a period\. $FORMS" -- "$P" --db "$PD" data import "$PF/q3.csv" --dataset service-users --period banana
c period-bad-imports-nothing test ! -s "$PD" -o "$(sqlite3 "$PD" 'SELECT count(*) FROM mon_import' 2>/dev/null || echo 0)" = 0
t period-banana-analyze 2 '' "--period: 'banana' is not a period" -- "$P" analyze "$PF/q3.csv" --dataset service-users --period banana
t period-day-report 2 '' "--period: '2011-02-30' is not a period" -- "$P" --db "$PD" report diversity --period 2011-02-30
t period-fy-years-follow 2 '' "'FY2011-13' is not a period: .*second year is the year after the first.*for April 2011 to March 2012: FY2011-12" -- "$P" --db "$PD" report diversity --period FY2011-13
# the rows' period column: line and column of each bad cell
printf 'person_id,ldu,quarter,sex,age,ethnicity,religion,disability,sexual_orientation,referred,started,completed,breached\nA1,North,2011Q3,Male,35,B1,None,No,Heterosexual,1,1,0,0\nA2,North,2011-02-30,Male,35,B1,None,No,Heterosexual,1,1,0,0\nA3,North,banana,Male,35,B1,None,No,Heterosexual,1,1,0,0\n' >"$PF/rows.csv"
t period-row-import 1 '' "rows.csv:3:10: column 'quarter': '2011-02-30' is not a period: it looks like a day" -- "$P" --db "$PD" data import "$PF/rows.csv" --dataset service-users --period 2011Q3
t period-row-import-2 1 '' "rows.csv:4:10: column 'quarter': 'banana' is not a period\. $FORMS" -- "$P" --db "$PD" data import "$PF/rows.csv" --dataset service-users --period 2011Q3
t period-row-analyze 1 '' "rows.csv:4:10: column 'quarter': 'banana' is not a period" -- "$P" analyze "$PF/rows.csv" --dataset service-users --period 2011Q3
t period-row-analyze-all 1 '' "rows.csv:3:10: column 'quarter': '2011-02-30' is not a period" -- "$P" analyze "$PF/rows.csv" --dataset service-users
printf 'unit,period,characteristic,group,outcome,numerator,denominator\nNorth,2012,ethnicity,White,appointed,60,300\nNorth,2016-13,ethnicity,Black,appointed,6,80\n' >"$PF/counts.csv"
t period-counts-row 1 '' "counts.csv:3:7: column 'period': '2016-13' is not a period: there is no month 13" -- "$P" --db "$PD" data import-counts "$PF/counts.csv"
# Q and FY in lower case are read as the canonical form
t period-lower-case 0 'imported service-users 2011Q3 from' '' -- "$P" --db "$PD" data import "$PF/q3.csv" --dataset service-users --period 2011q3
t period-lower-case-report 0 'Diversity report: service-users, 2011Q3' '' -- "$P" --db "$PD" report diversity --period 2011q3

# ---- trends and "periods before" in time order, not string order: a
# quarter, a month, a quarter and a financial year (string order would give
# 2011-07, 2011Q2, 2011Q3 before FY2011-12, and 2011-07 before 2011Q2)
"$P" --db "$PD" data import "$PF/fy.csv" --dataset service-users --period fy2011-12 >/dev/null 2>&1
"$P" --db "$PD" data import "$PF/q2.csv" --dataset service-users --period 2011Q2 >/dev/null 2>&1
"$P" --db "$PD" data import "$PF/m7.csv" --dataset service-users --period 2011-07 >/dev/null 2>&1
trend_of() { # the trend periods of the report's first comparison that has all of them
  "$P" --db "$PD" report diversity --period "$1" --format json | python3 -c '
import json, sys
cmp = json.load(sys.stdin)["comparisons"]
print(",".join(t["period"] for t in max((c["trend"] for c in cmp), key=len)))'
}
c period-trend-fy test "$(trend_of FY2011-12)" = "2011Q2,2011-07,2011Q3"
c period-trend-q3 test "$(trend_of 2011Q3)" = "2011Q2,2011-07"
c period-trend-month test "$(trend_of 2011-07)" = "2011Q2"
c period-list-in-time test "$("$P" --db "$PD" data list | awk 'NR > 1 { printf "%s ", $2 }')" = "2011Q2 2011-07 2011Q3 FY2011-12 "
c period-keys-stored test "$(sqlite3 "$PD" "SELECT group_concat(period_key, ' ') FROM (SELECT period_key FROM mon_import ORDER BY period_key)")" = "2011062 2011071 2011092 2012033"

# ---- pay gaps by the regulations (docs/methods.md, "Pay gap figures"):
# staff-pay.csv is the worked example of docs/methods.md. Bonus figures
# count every relevant employee (S09 has a blank hourly pay and a bonus);
# hourly figures and quarters only those on full pay (S10's full_pay is
# 0); the run of three on 10.00 is shared across the quarter edge.
SP="$FIX/monitor/staff-pay.csv"
# pay_is FILE.json FIELD=VALUE...: the Female-vs-Male pay gap has those values (1e-6)
pay_is() {
  python3 - "$@" <<'PY'
import json, sys
rep = json.load(open(sys.argv[1]))
gap = [p for p in rep["pay_gaps"] if p["by"] == "sex" and p["group"] == "Female"][0]
for kv in sys.argv[2:]:
    k, v = kv.split("=")
    got = gap[k]
    want = [float(x) for x in v.split(",")] if "," in v else float(v)
    got = got if isinstance(got, list) else [got]
    want = want if isinstance(want, list) else [want]
    if len(got) != len(want) or any(abs(g - w) > 1e-6 for g, w in zip(got, want)):
        sys.exit("%s: got %s, want %s" % (k, gap[k], v))
PY
}
"$P" analyze "$SP" --dataset staff --format json >"$PF/sp.json" 2>/dev/null
c pay-bonus-counts-blank-pay pay_is "$PF/sp.json" bonus_share_pct=60 n_relevant=5 n=4
c pay-full-pay-0-not-hourly pay_is "$PF/sp.json" n_comparator=4 n_relevant_comparator=5 bonus_share_comparator_pct=40 mean_gap_pct=21.153846153846153
c pay-quartile-ties-shared pay_is "$PF/sp.json" quartile_share_pct=83.33333333,66.66666667,50,0
# stored as column blocks, full_pay included, the report equals analyze's
rm -f "$PF/sp.db"
t pay-import 0 'imported staff 2011 from .*staff-pay.csv: 10 rows' '' -- "$P" --db "$PF/sp.db" data import "$SP" --dataset staff --period 2011
"$P" --db "$PF/sp.db" report diversity --period 2011 --format json >"$PF/sp-db.json" 2>/dev/null
c pay-blocks-equal-analyze python3 -c '
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
for d in (a, b):
    d.pop("open_flags", None)
sys.exit(0 if a == b else 1)' "$PF/sp-db.json" "$PF/sp.json"
c pay-blocks-hold-full-pay test "$(sqlite3 "$PF/sp.db" 'SELECT hex(full_pay) FROM mon_block')" = 01010101010101010100
# a block stored before migration 006 has no full_pay: everyone on full pay
sqlite3 "$PF/sp.db" 'UPDATE mon_block SET full_pay = NULL'
"$P" --db "$PF/sp.db" report diversity --period 2011 --format json >"$PF/sp-old.json" 2>/dev/null
c pay-old-blocks-full-pay pay_is "$PF/sp-old.json" n_comparator=5 bonus_share_pct=60
sqlite3 "$PF/sp.db" "UPDATE mon_block SET full_pay = X'01010101010101010102'"
t pay-blocks-damaged 1 '' 'stored rows of import 1 are damaged \(full pay column\)' -- "$P" --db "$PF/sp.db" report diversity --period 2011
# a full_pay cell that is not 0 or 1 is an error at its line and column
sed 's/^S10,\(.*\),0$/S10,\1,half/' "$SP" >"$PF/sp-bad.csv"
t pay-full-pay-bad 1 '' "sp-bad.csv:11:[0-9]+: column 'full_pay': 'half' is not 0 or 1 \(1: on full pay; 0: on reduced pay" -- "$P" analyze "$PF/sp-bad.csv" --dataset staff
# without the column, or mapped to none, everyone is on full pay
cut -d, -f1-20 "$SP" >"$PF/sp-nofp.csv"
"$P" analyze "$PF/sp-nofp.csv" --dataset staff --format json >"$PF/sp-nofp.json" 2>/dev/null
c pay-no-full-pay-column pay_is "$PF/sp-nofp.json" n_comparator=5 bonus_share_pct=60
printf '[dataset staff]\nfull_pay = none\n' >"$PF/nofp.conf"
"$P" analyze "$SP" --dataset staff --config "$PF/nofp.conf" --format json >"$PF/sp-none.json" 2>/dev/null
c pay-full-pay-none pay_is "$PF/sp-none.json" n_comparator=5
