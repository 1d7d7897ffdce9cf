# tests/http/objectives_public.sh: the public page of the equality
# objectives (issue 20; src/plan/objective_public.c) and the objectives in
# the Board report download. Staff of one unit in 2022 and 2023 (released)
# and 2024 (imported, never released), with a group of 3 to 5 people whose
# count every release withholds. Signed out: the page opens, names no one,
# says the objectives are not yet published and then when they were and
# when the next set is due; each measure's figures come from the releases
# only — the small group's share is [c] (and its status no data), the
# unreleased year and its counts never appear, a pay gap and a measure of
# one grade say they are not published; the status is judged on the
# published figures; a retired objective is gone. Sourced by
# tests/http/run.sh; its own database.

ODB="$T/objpub.db"
OPF="$T/objpub"
mkdir -p "$OPF"
# ogen PERIOD W B NS BUD: staff rows of one unit — W White British (the
# first BUD of them Buddhist), B Black Caribbean, NS ethnicity not stated;
# everyone else Christian, nobody promoted, everyone trained
ogen() {
  python3 - "$@" <<'PY'
import sys
period, w, b, ns, bud = sys.argv[1], *map(int, sys.argv[2:6])
print("person_id,unit,grade,period,sex,age,ethnicity,religion,disability,sexual_orientation,"
      "gender_reassignment,marital_status,pregnancy_maternity,promoted,trained,grievance,"
      "disciplinary,left,hourly_pay,bonus")
i = 0
for code, n in (("W1", w), ("B1", b), ("NS", ns)):
    for k in range(n):
        i += 1
        religion = "Buddhist" if code == "W1" and k < bud else "Christian"
        print(f"P{period}{i:05d},Head office,{'SPO' if i % 4 == 0 else 'PO'},{period},"
              f"{'Female' if i % 2 else 'Male'},40,{code},{religion},No,Heterosexual,No,Married,No,"
              f"0,1,0,0,0,{15 + i % 7}.50,0")
PY
}
ogen 2022 300 40 20 3 >"$OPF/s2022.csv"
ogen 2023 300 50 20 4 >"$OPF/s2023.csv"
ogen 2024 300 77 20 5 >"$OPF/s2024.csv"
"$P" --db "$ODB" plan import "$ROOT/data/demo/action-plan.md" >/dev/null
"$P" --db "$ODB" plan duties set 1 'Eliminate unlawful discrimination' >/dev/null
"$P" --db "$ODB" people add JW 'Jo Whitfield' >/dev/null
for y in 2022 2023 2024; do
  "$P" --db "$ODB" data import "$OPF/s$y.csv" --dataset staff --period "$y" >/dev/null 2>&1
done
"$P" --db "$ODB" publish release --dataset staff --period 2022 >/dev/null 2>&1
"$P" --db "$ODB" publish release --dataset staff --period 2023 >/dev/null 2>&1
printf '%s\n' "$PW" | "$P" --db "$ODB" user add ovi --role viewer --password-stdin >/dev/null
"$P" --db "$ODB" objective add 'A workforce that reflects <our> community' --by 2030-03-31 --duty 1 \
  --owner JW --review 2027-05-31 --description 'More Black staff & fewer gaps in what we know.' >/dev/null
"$P" --db "$ODB" objective measure 1 --dataset staff --share ethnicity=Black --at-least 12 --label 'Share of Black staff' >/dev/null
"$P" --db "$ODB" objective measure 1 --dataset staff --share religion=Buddhist --at-least 5 --label 'Share of Buddhist staff' >/dev/null
"$P" --db "$ODB" objective measure 1 --dataset staff --pay-gap sex --mean --at-most 5 --label 'Mean gender pay gap' >/dev/null
"$P" --db "$ODB" objective measure 1 --dataset staff --share ethnicity=Black --where grade=SPO --at-least 10 --label 'Black staff in senior grades' >/dev/null
"$P" --db "$ODB" objective add 'Retired one' --by 2030-03-31 >/dev/null
"$P" --db "$ODB" objective retire 2 --reason 'Replaced' >/dev/null

start_server objpub "$ODB" || { fail=$((fail+1)); echo "FAIL objectives public: server did not start"; return 0; }
ON="$T/objpub-anon.jar" OV="$T/objpub-vie.jar"
rm -f "$ON"
login "$OV" ovi "$PW"

req "$ON" GET /public
h "objectives public: the public home links the page" 200 'href="/public/objectives"'
req "$ON" GET /public/objectives
h "objectives public: opens signed out" 200 '<h1 class="govuk-heading-l">Equality objectives</h1>'
c "objectives public: ...not yet published as a set" grep -q 'have not yet been published as a set' "$T/body"
c "objectives public: ...the title and description, escaped" sh -c "grep -q 'A workforce that reflects &lt;our&gt; community' '$T/body' && grep -q 'More Black staff &amp; fewer gaps' '$T/body'"
c "objectives public: ...its deadline, duty and review date" sh -c "grep -q '31 March 2030' '$T/body' && grep -q 'Duty 1: Eliminate unlawful discrimination' '$T/body' && grep -q '31 May 2027' '$T/body'"
c "objectives public: ...no one named" sh -c "! grep -qE 'Jo Whitfield|JW' '$T/body'"
c "objectives public: ...a retired objective left out" sh -c "! grep -q 'Retired one' '$T/body'"
c "objectives public: ...the status judged on the published figures" grep -q 'Status, judged on the published figures' "$T/body"
# the Black share from the releases: 40 of 340 and 50 of 350 recorded
python3 - "$T/body" >"$T/objpub-black" <<'PY'
import re, sys
body = open(sys.argv[1]).read()
part = body.split(">Share of Black staff</h3>")[1].split("<h3")[0]
rows = re.findall(r'<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">([^<]*)</th>(.*?)</tr>', part)
for period, cells in rows:
    vals = re.findall(r'<td class="govuk-table__cell[^"]*">(.*?)</td>', cells)
    print(period, "|".join(re.sub("<[^>]+>", "", v) for v in vals))
PY
c "objectives public: the Black share's figures, period by period" grep -qx '2022 11.8%|40|340|[0-9.]*% to [0-9.]*%' "$T/objpub-black"
c "objectives public: ...2023 as released" grep -qx '2023 14.3%|50|350|[0-9.]*% to [0-9.]*%' "$T/objpub-black"
c "objectives public: ...with Wilson intervals worked out here" python3 - "$T/objpub-black" <<'PY'
import math, sys
def wilson(k, n, z=1.959963984540054):
    p = k / n; d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d; h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return f"{100 * (c - h):.1f}% to {100 * (c + h):.1f}%"
for line in open(sys.argv[1]):
    fig, k, n, ci = line.split(" ", 1)[1].strip().split("|")
    assert ci == wilson(int(k), int(n)), (line, wilson(int(k), int(n)))
PY
c "objectives public: ...only the released periods" test "$(cut -d' ' -f1 "$T/objpub-black" | tr '\n' ' ')" = "2022 2023 "
c "objectives public: ...with a chart of them and the target" grep -q 'Share of Black staff: the published figures by period, with their 95% interval and the target (at least 12%)' "$T/body"
# the small group: every release withholds 3 and 4 Buddhists, so their share is [c]
c "objectives public: a withheld count shows [c]" sh -c "sed -n '/>Share of Buddhist staff</,/<h3/p' '$T/body' | grep -q 'parity-suppressed\">\[c\]'"
c "objectives public: ...never the count itself" sh -c "! sed -n '/>Share of Buddhist staff</,/<h3/p' '$T/body' | grep -qE '>(3|4)<'"
c "objectives public: ...with no data to judge on" sh -c "sed -n '/>Share of Buddhist staff</,/<h3/p' '$T/body' | grep -q 'No data yet'"
c "objectives public: ...and no empty chart" sh -c "! sed -n '/>Share of Buddhist staff</,/<h3/p' '$T/body' | grep -q '<svg'"
c "objectives public: ...and [c] explained" grep -q 'means a number is confidential' "$T/body"
c "objectives public: the unreleased year never appears" sh -c "! grep -qE '2024|>77<|>377<' '$T/body'"
"$P" --db "$ODB" objective show 1 --format json >"$OPF/o1.json" 2>/dev/null
c "objectives public: ...though the staff figures have it" python3 -c "
import json; o = json.load(open('$OPF/o1.json'))
assert [v['period'] for v in o['measures'][0]['values']] == ['2022', '2023', '2024']
assert o['measures'][0]['values'][2]['numerator'] == 77"
c "objectives public: a pay gap is not published" sh -c "sed -n '/>Mean gender pay gap</,/<h3/p' '$T/body' | grep -q 'Not published: figures for this measure are not in the published tables'"
c "objectives public: ...nor a measure of some grades" sh -c "sed -n '/>Black staff in senior grades</,\$p' '$T/body' | grep -q 'Not published: figures for this measure are not in the published tables'"
c "objectives public: ...each with its target" sh -c "grep -q 'at most 5%' '$T/body' && grep -q 'at least 10%' '$T/body'"

"$P" --db "$ODB" objective publish --on 2025-06-30 >/dev/null 2>&1
req "$ON" GET /public/objectives
h "objectives public: published, and when the next set is due" 200 'last published on 30 June 2025'
c "objectives public: ...four years on" grep -q 'the next set is due by 30 June 2029' "$T/body"

# the Board report download: the section with the whole plan, not a filtered one
req "$OV" GET /plan/report.html
h "objectives public: the report download has the objectives' section" 200 '<h2>Equality objectives</h2>'
c "objectives public: ...the staff figures, 2024 included" grep -q 'for 2024 (77 of 377)' "$T/body"
req "$OV" GET '/plan/report.html?lead=MD'
h "objectives public: ...but not a report of some actions" 200 'Actions in this report' 'Equality objectives'
stop_server
