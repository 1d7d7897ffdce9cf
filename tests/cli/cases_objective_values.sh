# End-to-end cases for the values of objectives' measures (issue 20;
# src/monitor/measure.c; sourced by run.sh): the hand-made extracts of
# tests/fixtures/objectives (three quarters of staff, one of service users;
# make.py there gives every count) and a count table, a measure of every
# kind with --where by grade, unit and characteristic, each compared by
# tests/cli/objective_stats.py with its own computation from the CSV files
# (counts exactly, values and intervals to 1e-7 relative); the refusals of
# measure.c through the command line, leaving the database as it was.
VB="$T/objective-values.db"
VD="$T/objective-values"
VF="$ROOT/tests/fixtures/objectives"
mkdir -p "$VD"
V() { PARITY_NOW=1325376000 "$P" --db "$VB" "$@"; }   # 2012-01-01
for q in 2011Q1 2011Q2 2011Q3; do
  V data import "$VF/staff-$q.csv" --dataset staff --period $q >/dev/null 2>&1
done
V data import "$VF/service-users-2011Q1.csv" --dataset service-users --period 2011Q1 >/dev/null 2>&1
printf '%s\n' unit,period,characteristic,group,outcome,numerator,denominator \
  All,2011Q1,ethnicity,White,appointed,20,100 All,2011Q1,ethnicity,Black,appointed,5,40 \
  All,2011Q2,ethnicity,White,appointed,22,100 'All,2011Q2,ethnicity,Black,appointed,*,45' \
  >"$VD/recruitment.csv"
V data import-counts "$VD/recruitment.csv" --dataset recruitment >/dev/null 2>&1
V objective add 'Measured by hand' --by 2014-03-31 >/dev/null

# measure N: the options, then the reference's; one line each
MEASURES=(
  "--share ethnicity=Black --where grade=PO,spo|--kind share --char ethnicity --group Black --where grade=PO,spo"
  "--rate promoted --of ethnicity=Black --where unit=South|--kind rate --char ethnicity --group Black --outcome promoted --where unit=South"
  "--ratio promoted --of ethnicity=Asian|--kind ratio --char ethnicity --group Asian --outcome promoted"
  "--ratio promoted --of sex=Male --where ethnicity=B1,b2,B9|--kind ratio --char sex --group Male --outcome promoted --where ethnicity=B1,b2,B9"
  "--ratio promoted --of sex=Female --where ethnicity=black|--kind ratio --char sex --group Female --outcome promoted --where ethnicity=black"
  "--ratio promoted --of ethnicity=Black --where grade=ACO|--kind ratio --char ethnicity --group Black --outcome promoted --where grade=ACO"
  "--completeness ethnicity --where unit=north|--kind completeness --char ethnicity --where unit=north"
  "--rate promoted --of ethnicity=Other|--kind rate --char ethnicity --group Other --outcome promoted"
  "--pay-gap sex --median|--kind pay-gap --char sex --median"
  "--pay-gap sex --mean --where grade=SPO,ACO|--kind pay-gap --char sex --where grade=SPO,ACO"
  "--pay-gap ethnicity --mean|--kind pay-gap --char ethnicity"
  "--pay-gap ethnicity --mean --of ethnicity=Black --where grade=PO|--kind pay-gap --char ethnicity --group Black --where grade=PO"
)
for i in "${!MEASURES[@]}"; do
  read -r -a opts <<<"${MEASURES[$i]%%|*}"
  target=--at-least; case "${opts[0]}" in --pay-gap) target=--at-most ;; esac
  t "objective-values-add-$i" 0 '^\{"id": [0-9]+\}$' '' -- V objective measure 1 --dataset staff "${opts[@]}" "$target" 1 --format json
done
V objective add 'Service users' --by 2014-03-31 >/dev/null
t objective-values-add-stage 0 '' '' -- V objective measure 2 --dataset service-users --rate completed --of ethnicity=Black --at-least 50
t objective-values-add-stage-ratio 0 '' '' -- V objective measure 2 --dataset service-users --ratio completed --of ethnicity=Black --at-least 0.8
t objective-values-add-counts 0 '' '' -- V objective measure 2 --dataset recruitment --rate appointed --of ethnicity=Black --at-least 10

V objective list --format json >"$VD/list.json"
vm() { # OBJECTIVE MEASURE: the measure's JSON (0-based) into $VD/m-O-M.json
  python3 -c "import json,sys; json.dump(json.load(open(sys.argv[1]))[$1]['measures'][$2], open(sys.argv[2], 'w'))" "$VD/list.json" "$VD/m-$1-$2.json"
}
for i in "${!MEASURES[@]}"; do
  vm 0 "$i"
  read -r -a ref <<<"${MEASURES[$i]#*|}"
  t "objective-values-agree-$i" 0 '3 values agree' '' -- python3 "$ROOT/tests/cli/objective_stats.py" "${ref[@]}" --against "$VD/m-0-$i.json" "$VF/staff-2011Q1.csv" "$VF/staff-2011Q2.csv" "$VF/staff-2011Q3.csv"
done
vm 1 0; vm 1 1
t objective-values-agree-stage 0 '1 values agree' '' -- python3 "$ROOT/tests/cli/objective_stats.py" --kind rate --char ethnicity --group Black --outcome completed --against "$VD/m-1-0.json" "$VF/service-users-2011Q1.csv"
t objective-values-agree-stage-ratio 0 '1 values agree' '' -- python3 "$ROOT/tests/cli/objective_stats.py" --kind ratio --char ethnicity --group Black --outcome completed --against "$VD/m-1-1.json" "$VF/service-users-2011Q1.csv"
# what the numbers are, by hand (make.py's table): Black of PO and SPO in
# 2011Q1 16 of 64; completed of those who started 3 of 6; no Other anywhere;
# Black women outnumber Black men (the reference: no ratio for women);
# the count table's suppressed 2011Q2 numerator leaves that period empty
c objective-values-by-hand python3 - "$VD/list.json" <<'PY'
import json, sys
objs = json.load(open(sys.argv[1]))
m = objs[0]["measures"]
v = m[0]["values"][0]
assert (v["period"], v["numerator"], v["denominator"]) == ("2011Q1", 16, 64), v
assert abs(v["value"] - 25) < 1e-9, v
assert all(x["value"] is None and x["low"] is None for x in m[7]["values"]), m[7]
assert all(x["value"] is None for x in m[4]["values"]), m[4]
assert [x["value"] is None for x in m[5]["values"]] == [True, True, False], m[5]
assert m[5]["values"][2]["value"] == 2, m[5]
assert all(x["low"] is None and x["high"] is None for x in m[8]["values"]), "a median gap has no interval"
s = objs[1]["measures"]
assert (s[0]["values"][0]["numerator"], s[0]["values"][0]["denominator"]) == (3, 6), s[0]
r = s[2]["values"]
assert [x["period"] for x in r] == ["2011Q1", "2011Q2"] and r[0]["value"] == 12.5, r
assert r[1]["value"] is None, r
PY
# the comparison fails on a wrong interval (it is not vacuous)
python3 -c "import json,sys; m=json.load(open(sys.argv[1])); m['values'][2]['high'] += 1e-4; json.dump(m, open(sys.argv[1], 'w'))" "$VD/m-0-2.json"
t objective-values-wrong-interval-caught 1 '' 'high' -- python3 "$ROOT/tests/cli/objective_stats.py" --kind ratio --char ethnicity --group Asian --outcome promoted --against "$VD/m-0-2.json" "$VF/staff-2011Q1.csv" "$VF/staff-2011Q2.csv" "$VF/staff-2011Q3.csv"

# ---- measure.c's refusals, in the command line's words
before=$(dump "$VB")
t objective-values-where-counts 1 '' '--where unit=All: recruitment 2011Q1 was imported as a count table' -- V objective measure 1 --dataset recruitment --completeness ethnicity --where unit=All --at-least 50
t objective-values-where-no-value 2 '' '--where grade=XX,PO: no row of staff has grade XX in any period; its values are PO, SPO, ACO' -- V objective measure 1 --dataset staff --completeness sex --where grade=XX,PO --at-least 50
t objective-values-where-no-group 2 '' 'its ethnicity groups are White, Black, Asian, Mixed, Not stated, Missing \(codes W1, W2, W9, B1' -- V objective measure 1 --dataset staff --completeness sex --where ethnicity=Purple --at-least 50
t objective-values-where-column 2 '' "'colour' is not a column of staff that rows can be chosen by; use one of: unit, grade, ethnicity" -- V objective measure 1 --dataset staff --completeness sex --where colour=red --at-least 50
t objective-values-no-dataset 1 '' '--dataset nosuch: nothing of that dataset has been imported; choose one of: recruitment, service-users, staff' -- V objective measure 1 --dataset nosuch --completeness sex --at-least 50
t objective-values-no-char 2 '' 'service-users has no marital_status column; its characteristics are: ethnicity, sex' -- V objective measure 1 --dataset service-users --completeness marital_status --at-least 50
t objective-values-share-not-stated 2 '' "'Not stated' is not a group of ethnicity whose answer is recorded; choose one of: White, Mixed, Asian, Black, Other" -- V objective measure 1 --dataset staff --share 'ethnicity=Not stated' --at-least 5
t objective-values-ratio-white 2 '' 'White is the group the report compares every other group of ethnicity with, so its ratio is always 1' -- V objective measure 1 --dataset staff --ratio promoted --of ethnicity=white --at-least 0.8
t objective-values-paygap-no-pay 2 '' '--pay-gap: service-users has no hourly pay column' -- V objective measure 1 --dataset service-users --pay-gap sex --mean --at-most 5
t objective-values-paygap-comparator 2 '' 'Male is the group every other is compared with' -- V objective measure 1 --dataset staff --pay-gap sex --mean --of sex=Male --at-most 5
t objective-values-unknown-outcome 2 '' "--rate flown: 'flown' is not an outcome of staff; its outcomes are: promoted, trained, grievance, disciplinary, left" -- V objective measure 1 --dataset staff --rate flown --of sex=Female --at-least 5
c objective-values-refusals-unchanged test "$before" = "$(dump "$VB")"
