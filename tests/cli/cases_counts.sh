# End-to-end cases for aggregate count tables (sourced by tests/cli/run.sh):
# a US relative rate index table read with the us-omb categories, a US
# person-level extract, suppressed cells, bad cells, rounded counts.
CM="$T/counts.db"
MF="$FIX/monitor"

# jq-like checks of a report's JSON with Debian's python3: pycheck FILE EXPR
# (EXPR is Python over d, the report, and cmp(unit, group, outcome); true
# passes).
pycheck() {
  python3 - "$1" "$2" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
def cmp(unit, group, outcome):
    for c in d["comparisons"]:
        if c["unit"] == unit and c["group"] == group and c["outcome"] == outcome:
            return c
    raise SystemExit("no comparison %s %s %s" % (unit, group, outcome))
sys.exit(0 if eval(sys.argv[2]) else 1)
PY
}

# ---- a US RRI-style case-processing table, us-omb categories
t rri-import 0 'imported juvenile 2024 from .*rri.csv: counts for 2 units' '' -- "$P" --db "$CM" data import-counts "$MF/rri.csv" --dataset juvenile --config "$MF/rri.conf"
"$P" --db "$CM" report diversity --period 2024 --dataset juvenile --format json >"$T/rri.json" 2>/dev/null
"$P" --db "$CM" report diversity --period 2024 --dataset juvenile --format csv >"$T/rri.csv" 2>/dev/null
# the relative rate worked out by hand from the table: the detention rate
# of Black or African American youth referred, over White youth's, both
# districts added up
rri_rr() { # UNIT GROUP OUTCOME: the RR from rri.csv (units added up for All)
  python3 - "$MF/rri.csv" "$@" <<'PY'
import csv, sys
f, unit, group, outcome = sys.argv[1:5]
n = {}
for r in csv.DictReader(open(f)):
    if r["outcome"] != outcome or unit not in ("All", r["unit"]):
        continue
    if r["group"] in (group, "White"):
        a = n.setdefault(r["group"], [0, 0])
        a[0] += int(r["numerator"]); a[1] += int(r["denominator"])
g, w = n[group], n["White"]
print(repr((g[0] / g[1]) / (w[0] / w[1])))
PY
}
rr1=$(rri_rr All Black detained)
c rri-rr-all-by-hand pycheck "$T/rri.json" "abs(cmp('All', 'Black or African American', 'detained')['rr'] - $rr1) < 1e-9 * $rr1"
c rri-rr-all-is-1.59 pycheck "$T/rri.json" "abs(cmp('All', 'Black or African American', 'detained')['rr'] - (244/1080)/(142/1000)) < 1e-9"
rr2=$(rri_rr "South District" AIAN arrested)
c rri-rr-unit-by-hand pycheck "$T/rri.json" "abs(cmp('South District', 'American Indian or Alaska Native', 'arrested')['rr'] - $rr2) < 1e-9 * $rr2"
c rri-reference-white pycheck "$T/rri.json" "all(c['reference'] == 'White' for c in d['comparisons'])"
c rri-flag-detained pycheck "$T/rri.json" "cmp('All', 'Black or African American', 'detained')['flag']"
c rri-groups-in-rri-order test "$(grep '^2024,All,ethnicity,.*,arrested,' "$T/rri.csv" | cut -d, -f4 | tr '\n' '|')" = "Black or African American|Hispanic or Latino|Asian|Native Hawaiian or Other Pacific Islander|American Indian or Alaska Native|Two or more races|"
c rri-suppressed-not-available pycheck "$T/rri.json" "not cmp('North District', 'American Indian or Alaska Native', 'placed')['available'] and cmp('North District', 'American Indian or Alaska Native', 'placed')['rr'] is None"
c rri-all-with-suppressed-part pycheck "$T/rri.json" "(lambda c: not c['available'] and c['why'] == 'suppressed' and c['numerator'] is None and c['denominator'] == 56 and not c['flag'])(cmp('All', 'American Indian or Alaska Native', 'placed'))"
c rri-suppressed-both-known-south pycheck "$T/rri.json" "cmp('South District', 'American Indian or Alaska Native', 'placed')['available']"
c rri-stage-stored pycheck "$T/rri.json" "d['rounded'] is None"
t rri-text-not-available 0 'North District: ethnicity Native Hawaiian or Other Pacific Islander vs White, placed: not available \(suppressed in the source table\)' '' -- "$P" --db "$CM" report diversity --period 2024 --dataset juvenile
t rri-html 0 'wrote .*rri.html' '' -- "$P" --db "$CM" report diversity --period 2024 --dataset juvenile -o "$T/rri.html"
c rri-html-stage grep -q 'Rates are out of the people at the stage before (adjudicated)' "$T/rri.html"
c rri-html-suppressed grep -q 'suppressed / 56' "$T/rri.html"
t rri-auto-does-not-read-us 1 '' "rri.csv:4:[0-9]+: column 'group': ethnicity: 'Hispanic' is not a known value" -- "$P" --db "$CM" data import-counts "$MF/rri.csv" --dataset juvenile
t rri-config-needs-section 2 '' "rri.conf has no '\[dataset counts\]' section" -- "$P" --db "$CM" data import-counts "$MF/rri.csv" --config "$MF/rri.conf"
printf 'unit,period,characteristic,group,outcome,numerator,denominator\nAll,2024,race,White,detained,90,600\nAll,2024,race,All Minorities,detained,200,900\n' >"$T/minorities.csv"
t rri-all-minorities-refused 1 '' "minorities.csv:3:[0-9]+: column 'group': ethnicity: 'All Minorities' is not one group" -- "$P" --db "$CM" data import-counts "$T/minorities.csv" --dataset juvenile --config "$MF/rri.conf"

# ---- a US person-level extract with ethnicity_codes = us-omb
"$P" analyze "$MF/us-people.csv" --dataset service-users --config "$MF/us-people.conf" --format json >"$T/usp-file.json" 2>/dev/null
c usomb-analyze-groups pycheck "$T/usp-file.json" "[c['group'] for c in d['comparisons'] if c['unit'] == 'All' and c['outcome'] == 'breached' and c['characteristic'] == 'ethnicity'] == ['Black or African American', 'Hispanic or Latino', 'Asian', 'Native Hawaiian or Other Pacific Islander', 'American Indian or Alaska Native', 'Two or more races', 'Not stated', 'Missing']"
t usomb-import 0 'imported service-users 2024Q1 from .*us-people.csv: 300 rows' '' -- "$P" --db "$T/usp.db" data import "$MF/us-people.csv" --dataset service-users --period 2024Q1 --config "$MF/us-people.conf"
"$P" --db "$T/usp.db" report diversity --period 2024Q1 --format json >"$T/usp-db.json" 2>/dev/null
c usomb-stored-equals-file same_report "$T/usp-db.json" "$T/usp-file.json"
c usomb-stored-codes test "$(sqlite3 "$T/usp.db" "SELECT count(*) FROM mon_dict WHERE value LIKE 'us-omb:%'")" = 7

# ---- suppressed cells: *, <5, c, .., x, [c] and a status column
t supp-import 0 '9 counts were suppressed in the table: comparisons that need them are reported as not available' '' -- "$P" --db "$CM" data import-counts "$MF/suppressed-counts.csv"
"$P" --db "$CM" report diversity --period 2013 --dataset counts --format json >"$T/supp.json" 2>/dev/null
c supp-only-east-available pycheck "$T/supp.json" "all(c['available'] == (c['unit'] == 'East') for c in d['comparisons'])"
c supp-never-tested-or-flagged pycheck "$T/supp.json" "all(c['rr'] is None and c['p'] is None and c['p_adj'] is None and c['test'] is None and not c['flag'] and not c['adverse_impact'] and c['why'] == 'suppressed' for c in d['comparisons'] if c['unit'] != 'East')"
c supp-null-counts pycheck "$T/supp.json" "(lambda c: c['numerator'] is None and c['denominator'] == 200 and c['ref_numerator'] == 300 and c['rate'] is None)(cmp('North', 'Black', 'completed'))"
c supp-reference-suppressed pycheck "$T/supp.json" "(lambda c: c['rate'] == 0.2 and c['ref_numerator'] is None and c['ref_rate'] is None and c['rr'] is None)(cmp('South', 'Black', 'completed'))"
c supp-east-flagged pycheck "$T/supp.json" "(lambda c: c['available'] and c['why'] is None and c['flag'] and abs(c['rr'] - 0.4) < 1e-12)(cmp('East', 'Black', 'completed'))"
c supp-method-note pycheck "$T/supp.json" "'suppressed' in d['method']['suppressed_counts']"
c supp-stored-unknown test "$(sqlite3 "$CM" "SELECT c.unknown, c.numerator FROM mon_count c JOIN mon_import i ON i.id = c.import_id WHERE i.period = '2013' AND c.unit = 'North' AND c.grp = 'Black'")" = "1|0"
c supp-stored-status test "$(sqlite3 "$CM" "SELECT c.unknown FROM mon_count c JOIN mon_import i ON i.id = c.import_id WHERE i.period = '2013' AND c.unit = 'South' AND c.grp = 'Other'")" = 3
t supp-no-flags-listed 0 '' '' -- "$P" --db "$CM" flags list --state open
c supp-only-east-flag test "$("$P" --db "$CM" flags list --format json | grep -c '"period": "2013"')" = 1
t supp-text 0 'North: ethnicity Black vs White, completed: not available \(suppressed in the source table\)' '' -- "$P" --db "$CM" report diversity --period 2013 --dataset counts
t supp-text-sex 0 'North: sex Female vs Male, completed: not available' '' -- "$P" --db "$CM" report diversity --period 2013 --dataset counts
t supp-csv 0 '^2013,North,ethnicity,Black,White,completed,favourable,,200,,300,600,0.5,,,,,,,,0,0,0,,0,suppressed,0' '' -- "$P" --db "$CM" report diversity --period 2013 --dataset counts --format csv
t supp-html 0 'wrote' '' -- "$P" --db "$CM" report diversity --period 2013 --dataset counts -o "$T/supp.html"
c supp-html-not-available grep -q 'not available' "$T/supp.html"
c supp-html-method grep -q 'Suppressed counts' "$T/supp.html"
t supp-xlsx 0 'wrote' '' -- "$P" --db "$CM" report diversity --period 2013 --dataset counts -o "$T/supp.xlsx"

# ---- bad cells: file, line and column; nothing imported
cm_before=$(dump "$CM")
t bad-cell-abc 1 '' "bad-cells.csv:3:38: column 'numerator': 'abc' is not a count: write a whole number of 0 or more, or mark a suppressed count with \*, <5, c, x or \.\." -- "$P" --db "$CM" data import-counts "$MF/bad-cells.csv"
t bad-cell-negative 1 '' "bad-cells.csv:4:40: column 'denominator': '-3' is not a count" -- "$P" --db "$CM" data import-counts "$MF/bad-cells.csv"
t bad-cell-dash 1 '' "bad-cells.csv:5:38: column 'numerator': '-' is not a count: some tables print it for nil and others for not available; write 0" -- "$P" --db "$CM" data import-counts "$MF/bad-cells.csv"
t bad-cell-decimal 1 '' "bad-cells.csv:6:38: column 'numerator': '2.5' is not a count" -- "$P" --db "$CM" data import-counts "$MF/bad-cells.csv"
t bad-cells-nothing-imported 1 '' 'bad-cells.csv: 4 errors; nothing was imported' -- "$P" --db "$CM" data import-counts "$MF/bad-cells.csv"
c bad-cells-db-unchanged test "$cm_before" = "$(dump "$CM")"

# ---- rounded counts: said in every form; nothing flagged that the rounding could explain
t round-exact 0 '^3 flags raised' '' -- "$P" --db "$T/round0.db" data import-counts "$MF/rounded-counts.csv"
t round-import 0 'counts rounded to the nearest 100: intervals and p-values are approximate' '' -- "$P" --db "$T/round.db" data import-counts "$MF/rounded-counts.csv" --rounded 100
t round-two-flags 0 '^2 flags raised' '' -- "$P" --db "$T/round.db" data import-counts "$MF/rounded-counts.csv" --rounded 100
c round-stored test "$(sqlite3 "$T/round.db" "SELECT rounded FROM mon_import WHERE period = '2014'")" = 100
"$P" --db "$T/round.db" report diversity --period 2014 --format json >"$T/round.json" 2>/dev/null
c round-json-top pycheck "$T/round.json" "d['rounded'] == 100 and 'nearest 100' in d['method']['rounding']"
c round-small-not-flagged pycheck "$T/round.json" "(lambda c: c['within_rounding'] and not c['flag'] and c['p_adj'] < 0.001 and abs(c['rr'] - 10/7) < 1e-9)(cmp('Small', 'Black', 'breached'))"
c round-large-flagged pycheck "$T/round.json" "(lambda c: not c['within_rounding'] and c['flag'])(cmp('Large', 'Black', 'breached'))"
c round-all-flagged pycheck "$T/round.json" "(lambda c: not c['within_rounding'] and c['flag'])(cmp('All', 'Black', 'breached'))"
t round-text 0 'Counts rounded to the nearest 100: intervals and p-values are approximate' '' -- "$P" --db "$T/round.db" report diversity --period 2014
t round-html 0 'wrote' '' -- "$P" --db "$T/round.db" report diversity --period 2014 -o "$T/round.html"
c round-html-intervals grep -q 'Counts rounded to the nearest 100: intervals and p-values are approximate' "$T/round.html"
c round-html-status grep -q 'within rounding' "$T/round.html"
c round-html-method grep -q 'Rounded counts' "$T/round.html"
t round-csv 0 '^2014,Small,ethnicity,Black,.*,1,,1' '' -- "$P" --db "$T/round.db" report diversity --period 2014 --format csv
"$P" --db "$T/round0.db" report diversity --period 2014 --format json >"$T/round0.json" 2>/dev/null
c round-exact-not-rounded pycheck "$T/round0.json" "d['rounded'] is None and cmp('Small', 'Black', 'breached')['flag'] and not cmp('Small', 'Black', 'breached')['within_rounding']"
printf 'unit,period,characteristic,group,outcome,numerator,denominator\nAll,2014,sex,Female,breached,123,2000\nAll,2014,sex,Male,breached,200,2100\n' >"$T/offround.csv"
t round-not-multiple 0 'warning: 1 count is not a multiple of 100; check --rounded' '' -- "$P" --db "$T/round2.db" data import-counts "$T/offround.csv" --rounded 100
t round-bad 2 '' "--rounded needs the whole number the counts were rounded to" -- "$P" --db "$T/round2.db" data import-counts "$T/offround.csv" --rounded lots
t round-one 2 '' "--rounded needs" -- "$P" --db "$T/round2.db" data import-counts "$T/offround.csv" --rounded 1
t counts-help 0 '--rounded N' '' -- "$P" help data import-counts

# ---- after the four-fifths rewrite (impact array, references per characteristic)
c supp-impact-no-ratio pycheck "$T/supp.json" "all(m['impact_ratio'] is None and m['compared_with'] is None and not m['adverse_impact'] for m in d['impact'] if m['unit'] != 'East')"
c supp-impact-null-count pycheck "$T/supp.json" "[(m['numerator'], m['denominator'], m['why']) for m in d['impact'] if m['unit'] == 'North' and m['group'] == 'Black'] == [(None, 200, 'suppressed')]"
c supp-impact-east-ratio pycheck "$T/supp.json" "[m['impact_ratio'] for m in d['impact'] if m['unit'] == 'East' and m['group'] == 'Black'] == [0.4]"
t rri-reference-us-group 0 '"reference": "Hispanic or Latino"' '' -- "$P" --db "$CM" report diversity --period 2024 --dataset juvenile --reference 'ethnicity=hispanic or latino' --format json
t rri-reference-unknown-group 2 '' "reference 'Mixed' for ethnicity is not one of its groups \(White, Black or African American, Hispanic or Latino" -- "$P" --db "$CM" report diversity --period 2024 --dataset juvenile --reference ethnicity=Mixed

# ---- a config's own groups and references apply to count tables too
cp "$MF/rri.conf" "$T/api.conf"
printf 'group ethnicity Asian or Pacific Islander = Asian, NHPI\nreference ethnicity = rest\n' >>"$T/api.conf"
t counts-config-groups 0 'imported juvenile 2024 from .*rri.csv' '' -- "$P" --db "$T/api.db" data import-counts "$MF/rri.csv" --dataset juvenile --config "$T/api.conf"
"$P" --db "$T/api.db" report diversity --period 2024 --dataset juvenile --format json >"$T/api.json" 2>/dev/null
c counts-config-group-summed pycheck "$T/api.json" "(lambda c: (c['numerator'], c['denominator'], c['reference']) == (81 + 21, 4400 + 550, 'everyone else'))(cmp('All', 'Asian or Pacific Islander', 'arrested'))"
printf 'unit,period,characteristic,group,outcome,numerator,denominator\nAll,2024,race,White,detained,90,600\nAll,2024,race,Asian or Pacific Islander,detained,5,60\n' >"$T/api.csv"
t counts-config-group-cell 0 'counts for 1 unit \(replaced' '' -- "$P" --db "$T/api.db" data import-counts "$T/api.csv" --dataset juvenile --config "$T/api.conf"
"$P" --db "$T/api.db" report diversity --period 2024 --dataset juvenile --format json >"$T/api2.json" 2>/dev/null
c counts-config-group-cell-read pycheck "$T/api2.json" "(lambda c: (c['numerator'], c['denominator']) == (5, 60))(cmp('All', 'Asian or Pacific Islander', 'detained'))"
