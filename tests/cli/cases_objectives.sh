# End-to-end cases for equality objectives (issue 20; sourced by run.sh):
# every 'parity objective' command, refusals leaving the database as it
# was, the list's JSON contract, values against an independent computation
# from the extracts (objective_stats.py), status at its boundaries through
# the real data, and the flag an objective off track raises.
OB="$T/objectives.db"
OD="$T/objectives"
mkdir -p "$OD"
O() { "$P" --db "$OB" "$@"; }
O plan import "$ROOT/data/demo/action-plan.md" >/dev/null 2>&1
O people add ZQ 'Zara Quinn' >/dev/null
for y in 2021 2022 2023; do
  "$P" demo generate --dataset staff --rows 4000 --seed $((y - 2000)) --period $y -o "$OD/staff-$y.csv" >/dev/null 2>&1
  O data import "$OD/staff-$y.csv" --dataset staff --period $y >/dev/null 2>&1
done
# today, for the status: within 2024, before the deadlines below
export PARITY_NOW=1717232400   # 2024-06-01 09:00 UTC

t objective-list-empty 0 'no objectives yet' '' -- O objective list
t objective-list-empty-json 0 '^\[\]$' '' -- O objective list --format json
t objective-add 0 '^\{"id": 1\}$' '' -- O objective add 'A senior workforce that reflects the community' --by 2028-03-31 --duty 1 --duty 3 --area 3 --owner zq --review 2027-03-31 --format json
t objective-add-text 0 '^added objective 2: Fair pay$' '' -- O objective add 'Fair pay' --by 31/3/2027

before=$(dump "$OB")
t objective-add-no-title 2 '' 'say what the objective is: parity objective add TITLE --by DATE' -- O objective add --by 2028-03-31
t objective-add-blank-title 2 '' 'say what the objective is' -- O objective add '  ' --by 2028-03-31
t objective-add-no-by 2 '' '--by DATE is needed' -- O objective add 'X'
t objective-add-bad-by 1 '' '--by' -- O objective add 'X' --by 2028-02-30
t objective-add-bad-duty 1 '' "--duty: 99 is not one of the plan's duties" -- O objective add 'X' --by 2028-03-31 --duty 99
t objective-add-duty-word 2 '' "--duty takes a number, not 'one'" -- O objective add 'X' --by 2028-03-31 --duty one
t objective-add-bad-area 1 '' '--area: the plan has no area 42' -- O objective add 'X' --by 2028-03-31 --area 42
t objective-add-bad-plan 1 '' "--plan: there is no plan 'other'" -- O objective add 'X' --by 2028-03-31 --area 1 --plan other
t objective-add-bad-owner 1 '' "--owner: 'QQ' is not the initials of anyone active" -- O objective add 'X' --by 2028-03-31 --owner QQ
t objective-add-bad-format 2 '' '--format takes text or json' -- O objective add 'X' --by 2028-03-31 --format xml
t objective-add-unknown-opt 2 '' 'objective add' -- O objective add 'X' --by 2028-03-31 --colour blue
c objective-add-refusals-unchanged test "$before" = "$(dump "$OB")"

# ---- measures: one of each kind
t objective-measure-share 0 '^\{"id": 1\}$' '' -- O objective measure 1 --dataset staff --share ethnicity=Black --where grade=SPO,Manager --at-least 12 --format json
t objective-measure-rate 0 '^added measure 2 to objective 1$' '' -- O objective measure 1 --dataset staff --rate promoted --of ethnicity=Black --at-least 5%
t objective-measure-ratio 0 '' '' -- O objective measure 1 --dataset staff --ratio promoted --of ethnicity=Black --at-least 0.8 --label 'Promotion of Black staff against White'
t objective-measure-completeness 0 '' '' -- O objective measure 1 --dataset staff --completeness ethnicity --at-least 80
t objective-measure-paygap-mean 0 '' '' -- O objective measure 2 --dataset staff --pay-gap sex --mean --at-most 5
t objective-measure-paygap-median 0 '' '' -- O objective measure 2 --dataset staff --pay-gap ethnicity --median --at-most 5

before=$(dump "$OB")
t objective-measure-no-kind 2 '' 'give one of --share, --rate, --ratio, --completeness or --pay-gap' -- O objective measure 1 --dataset staff --at-least 1
t objective-measure-two-kinds 2 '' 'give one of --share' -- O objective measure 1 --dataset staff --share sex=Female --completeness sex --at-least 1
t objective-measure-no-target 2 '' 'give one target: --at-least X or --at-most X' -- O objective measure 1 --dataset staff --share sex=Female
t objective-measure-two-targets 2 '' 'give one target' -- O objective measure 1 --dataset staff --share sex=Female --at-least 1 --at-most 2
t objective-measure-bad-target 2 '' "--at-least takes a number .* not 'lots'" -- O objective measure 1 --dataset staff --share sex=Female --at-least lots
t objective-measure-target-range 2 '' 'the target is a percentage from 0 to 100, not 150' -- O objective measure 1 --dataset staff --share sex=Female --at-least 150
t objective-measure-ratio-zero 2 '' "a relative rate's target is above 0" -- O objective measure 1 --dataset staff --ratio promoted --of sex=Female --at-least 0
t objective-measure-no-dataset 2 '' 'give --dataset D' -- O objective measure 1 --share sex=Female --at-least 1
t objective-measure-bad-share 2 '' '--share takes CHARACTERISTIC=GROUP' -- O objective measure 1 --dataset staff --share Female --at-least 1
t objective-measure-rate-no-of 2 '' '--rate needs --of CHARACTERISTIC=GROUP' -- O objective measure 1 --dataset staff --rate promoted --at-least 1
t objective-measure-paygap-bad 2 '' "--pay-gap takes sex or ethnicity, not 'age'" -- O objective measure 1 --dataset staff --pay-gap age --mean --at-most 1
t objective-measure-paygap-stat 2 '' '--pay-gap needs one of --mean or --median' -- O objective measure 1 --dataset staff --pay-gap sex --at-most 1
t objective-measure-mean-alone 2 '' '--mean and --median go with --pay-gap' -- O objective measure 1 --dataset staff --share sex=Female --mean --at-least 1
t objective-measure-bad-where 2 '' '--where takes COLUMN=VALUE1,VALUE2' -- O objective measure 1 --dataset staff --share sex=Female --where grade --at-least 1
t objective-measure-unknown-dataset 1 '' 'nosuch' -- O objective measure 1 --dataset nosuch --share sex=Female --at-least 1
t objective-measure-unknown-group 2 '' 'Martian' -- O objective measure 1 --dataset staff --share ethnicity=Martian --at-least 1
t objective-measure-unknown-outcome 2 '' 'flown' -- O objective measure 1 --dataset staff --rate flown --of sex=Female --at-least 1
t objective-measure-unknown-where-column 2 '' 'shoe_size' -- O objective measure 1 --dataset staff --share sex=Female --where shoe_size=9 --at-least 1
t objective-measure-unknown-where-value 2 '' 'Astronaut' -- O objective measure 1 --dataset staff --share sex=Female --where grade=Astronaut --at-least 1
t objective-measure-no-objective 1 '' 'no objective 9' -- O objective measure 9 --dataset staff --share sex=Female --at-least 1
t objective-measure-not-a-number 2 '' "'x' is not an objective number" -- O objective measure x --dataset staff --share sex=Female --at-least 1
c objective-measure-refusals-unchanged test "$before" = "$(dump "$OB")"

# ---- the list's JSON contract (issue 20), values oldest first
O objective list --format json >"$OD/list.json"
c objective-list-contract python3 - "$OD/list.json" <<'PY'
import json, math, sys
objs = json.load(open(sys.argv[1]))
assert [o["id"] for o in objs] == [1, 2], objs
for o in objs:
    for k in ("id", "title", "by", "measures"):
        assert k in o, k
    for m in o["measures"]:
        for k in ("id", "label", "kind", "target", "direction", "values", "status"):
            assert k in m, k
        assert m["direction"] in ("at-least", "at-most")
        assert m["status"] in ("met", "on-track", "at-risk", "off-track", "no-data")
        assert [v["period"] for v in m["values"]] == ["2021", "2022", "2023"], m["values"]
        for v in m["values"]:
            assert set(("period", "value", "numerator", "denominator", "low", "high")) <= set(v)
            if m["kind"] != "pay-gap":
                assert isinstance(v["numerator"], int) and isinstance(v["denominator"], int)
            if v["low"] is not None:
                assert v["low"] <= v["value"] <= v["high"], v
kinds = [m["kind"] for o in objs for m in o["measures"]]
assert kinds == ["share", "rate", "ratio", "completeness", "pay-gap", "pay-gap"], kinds
m = objs[0]["measures"][0]
assert m["where"] == {"column": "grade", "values": ["SPO", "Manager"]}, m["where"]
assert m["label"].startswith("Share of Black"), m["label"]
assert objs[0]["measures"][2]["label"] == "Promotion of Black staff against White"
assert objs[1]["measures"][1]["values"][0]["low"] is None  # a median pay gap: no interval
assert objs[0]["duties"] == [1, 3] and objs[0]["areas"][0]["no"] == 3
assert objs[0]["owner"] == "ZQ" and objs[0]["owner_name"] == "Zara Quinn"
PY

# ---- every value against an independent computation from the extracts
# (tests/cli/objective_stats.py reads the CSVs itself): counts exactly,
# values and intervals to 1e-9
measure_json() { python3 -c "import json,sys; json.dump(json.load(open(sys.argv[1]))[$1]['measures'][$2], open(sys.argv[2], 'w'))" "$OD/list.json" "$OD/m-$1-$2.json"; }
check_values() { # NAME OBJ MEASURE ARGS...: the reference agrees with the stored measure
  local name=$1 o=$2 m=$3; shift 3
  measure_json "$o" "$m"
  t "$name" 0 '' '' -- python3 "$ROOT/tests/cli/objective_stats.py" "$@" --against "$OD/m-$o-$m.json" "$OD/staff-2021.csv" "$OD/staff-2022.csv" "$OD/staff-2023.csv"
}
check_values objective-values-share 0 0 --kind share --char ethnicity --group Black --where grade=SPO,Manager
check_values objective-values-rate 0 1 --kind rate --char ethnicity --group Black --outcome promoted
check_values objective-values-ratio 0 2 --kind ratio --char ethnicity --group Black --outcome promoted
check_values objective-values-completeness 0 3 --kind completeness --char ethnicity
check_values objective-values-paygap-mean 1 0 --kind pay-gap --char sex
check_values objective-values-paygap-median 1 1 --kind pay-gap --char ethnicity --median
# the comparison itself fails on a wrong value (the check is not vacuous)
python3 -c "import json,sys; m=json.load(open(sys.argv[1])); m['values'][1]['numerator'] += 1; json.dump(m, open(sys.argv[1], 'w'))" "$OD/m-0-0.json"
t objective-values-wrong-caught 1 '' '' -- python3 "$ROOT/tests/cli/objective_stats.py" --kind share --char ethnicity --group Black --where grade=SPO,Manager --against "$OD/m-0-0.json" "$OD/staff-2021.csv" "$OD/staff-2022.csv" "$OD/staff-2023.csv"

# ---- status through the real data: targets either side of the latest value
latest() { O objective show "$1" --format json | python3 -c "import json,sys; m=json.load(sys.stdin)['measures'][$2]; print(m['values'][-1]['value'])"; }
status_of() { O objective show "$1" --format json | python3 -c "import json,sys; print(json.load(sys.stdin)['measures'][$2]['status'])"; }
O objective add 'Boundaries' --by 2030-03-31 >/dev/null   # objective 3
v=$(latest 1 3)                                            # completeness of ethnicity in 2023
O objective measure 3 --dataset staff --completeness ethnicity --at-least "$v" >/dev/null
c objective-status-met-at-target test "$(status_of 3 0)" = met
O objective measure 3 --dataset staff --completeness ethnicity --at-most "$v" >/dev/null
c objective-status-met-at-most test "$(status_of 3 1)" = met
O objective measure 3 --dataset staff --completeness ethnicity --at-least 100 >/dev/null
c objective-status-unreachable-off-track test "$(status_of 3 2)" = off-track
c objective-status-worst-of-measures test "$(O objective show 3 --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')" = off-track

# ---- an objective off track raises one flag, explained like any other
t objective-flag-raised 0 'Objective 3' '' -- O flags list
t objective-check-again 0 '^0 flags raised' '' -- O objective check
nflags=$(sqlite3 "$OB" "SELECT COUNT(*) FROM mon_flag_external WHERE source = 'objective'")
c objective-flag-once test "$nflags" -ge 1
fid=$(sqlite3 "$OB" "SELECT flag_id FROM mon_flag_external WHERE source = 'objective' ORDER BY flag_id LIMIT 1")
t objective-flag-explain 0 '' '' -- O flags explain "$fid" --note 'Recording improved; target revised next year'
c objective-flag-explained test "$(sqlite3 "$OB" "SELECT state FROM mon_flag WHERE id = $fid")" = explained

# ---- past the deadline, unmet: off track
O objective add 'Past' --by 2023-12-31 >/dev/null           # objective 4
O objective measure 4 --dataset staff --completeness ethnicity --at-least 99.9 >/dev/null
c objective-status-past-deadline test "$(status_of 4 0)" = off-track

# ---- links, update, show, retire, publish
"$P" --db "$OB" eia new 'Promotion policy' --owner ZQ >/dev/null
t objective-link-action 0 '^linked action 3a to objective 1$' '' -- O objective link 1 --action 3a
t objective-link-eia 0 '^linked impact assessment 1 to objective 1$' '' -- O objective link 1 --eia 1
t objective-link-bad-action 1 '' "--action: the plan has no action '99z'" -- O objective link 1 --action 99z
t objective-link-bad-eia 1 '' '--eia: there is no impact assessment 7' -- O objective link 1 --eia 7
t objective-link-neither 2 '' 'give one of --action ID' -- O objective link 1
t objective-unlink-not-linked 1 '' 'action 3b is not linked to objective 1' -- O objective link 1 --action 3b --remove
t objective-show 0 'action 3a' '' -- O objective show 1
t objective-show-eia 0 'impact assessment 1: Promotion policy' '' -- O objective show 1
t objective-show-owner 0 'owner: Zara Quinn' '' -- O objective show 1
# overdue as the plan has it on the objectives' clock (2024-06-01)
due3a=$(sqlite3 "$OB" "SELECT COALESCE(ts_due, '') || '|' || status FROM action WHERE code = '3a'")
c objective-show-action-overdue python3 -c '
import json, sys
a = json.loads(sys.stdin.read())["actions"][0]
due, status = sys.argv[1].split("|")
assert a["code"] == "3a" and a["due"] == (due or None) and a["status"] == status, a
assert a["overdue"] == (bool(due) and due < "2024-06-01" and status not in ("done", "dropped")), a' "$due3a" <<<"$(O objective show 1 --format json)"
t objective-show-missing 1 '' "no objective 99; see 'parity objective list'" -- O objective show 99
t objective-update 0 'updated objective 2' '' -- O objective update 2 --title 'Fair pay for all' --review 2026-09-30
t objective-update-nothing 2 '' 'say what to change' -- O objective update 2
t objective-updated 0 'Fair pay for all' '' -- O objective list
t objective-median-no-interval 0 'latest 2023: -?[0-9.]+%$' '' -- O objective show 2
t objective-measure-remove 0 'removed measure 6 of objective 2' '' -- O objective measure 2 --remove 6
t objective-measure-remove-missing 1 '' 'objective 2 has no measure 6' -- O objective measure 2 --remove 6
t objective-retire-no-reason 2 '' '--reason TEXT is needed' -- O objective retire 4
t objective-retire 0 'retired objective 4' '' -- O objective retire 4 --reason 'Replaced by objective 3'
t objective-retired-unlisted 0 '' '' -- bash -c "! \"$P\" --db \"$OB\" objective list | grep -q Past"
t objective-retired-all 0 'Past \(retired\)' '' -- O objective list --all
t objective-retired-frozen 1 '' 'objective 4 is retired' -- O objective update 4 --title 'Again'
t objective-publish 0 'objectives published on 2024-04-01; the next set is due by 1 April 2028' '' -- O objective publish --on 2024-04-01
t objective-publish-bad 1 '' '--on' -- O objective publish --on 2024-13-01
t objective-help 0 'parity objective measure ID --dataset D' '' -- "$P" help objective measure
unset PARITY_NOW

# ---- the trend's projection stays within what a value can be (a share of
# 0% to 100%), however far the deadline
export PARITY_NOW=1717232400
O objective add 'Far away' --by 2090-12-31 >/dev/null       # objective 5
O objective measure 5 --dataset staff --share ethnicity=Black --where grade=Manager --at-least 99 >/dev/null
c objective-projection-within-range python3 -c '
import json, sys
m = json.loads(sys.stdin.read())["measures"][0]
p = m["projection"]
assert m["status"] != "met" and p["low"] is not None, m
assert 0 <= p["low"] <= p["value"] <= p["high"] <= 100, p' <<<"$(O objective show 5 --format json)"
O objective add 'Nothing yet' --by 2030-12-31 >/dev/null    # objective 6: no measures
c objective-no-measure-no-data test "$(O objective show 6 --format json | python3 -c 'import json,sys; o=json.load(sys.stdin); print(o["status"], len(o["measures"]))')" = "no-data 0"
unset PARITY_NOW
