# End-to-end check of objectives' measures from released tables (issue
# 20; src/publish/measure.c, sourced by run.sh): two quarters of demo
# service users and their year released with 'parity publish release';
# publish_measure_values (through test_publish_measure's dump, a unit test
# linking the library: no command shows these values by themselves) gives
# for each release the share, rate, ratio and completeness an independent
# computation (python, below) makes from 'parity publish tables --format
# json' — the released cells only; a count the release withheld gives
# null with counts -1, and such cases occur.
PMB="$T/pubmeasure.db"
PMF="$T/pubmeasure"
mkdir -p "$PMF"
PMU="$ROOT/build/tests/test_publish_measure"
[ -x "$PMU" ] || make -C "$ROOT" --no-print-directory -s build/tests/test_publish_measure >/dev/null 2>&1
for q in 1 2; do
  "$P" demo generate --dataset service-users --rows 3000 --seed $((70 + q)) --period 2011Q$q -o "$PMF/q$q.csv" >/dev/null 2>&1
  "$P" --db "$PMB" data import "$PMF/q$q.csv" --dataset service-users --period 2011Q$q >/dev/null 2>&1
done
t pm-release-q1 0 'released' '' -- "$P" --db "$PMB" publish release --dataset service-users --period 2011Q1
t pm-release-q2 0 'released' '' -- "$P" --db "$PMB" publish release --dataset service-users --period 2011Q2 --round 5
for p in 2011Q1 2011Q2; do
  "$P" --db "$PMB" publish tables --dataset service-users --period $p --format json -o "$PMF/rel-$p.json" >/dev/null 2>&1
done
SPECS="share:ethnicity:Black:;share:ethnicity:Other:;share:religion:Sikh:;share:sex:Female:"
SPECS="$SPECS;rate:ethnicity:Black:breached;rate:religion:Jewish:completed;rate:age:65+:started"
SPECS="$SPECS;ratio:ethnicity:Black:breached;ratio:ethnicity:Mixed:completed;ratio:religion:Muslim:breached;ratio:sex:Female:started"
SPECS="$SPECS;completeness:ethnicity::;completeness:sexual_orientation::;completeness:religion::"
t pm-dump 0 '' '' -- env PARITY_MEASURE_DB="$PMB" PARITY_MEASURE_DATASET=service-users \
  PARITY_MEASURE_SPECS="$SPECS" PARITY_MEASURE_OUT="$PMF/values.jsonl" "$PMU" --filter 'publish_measure/dump'
c pm-values-match-released-tables python3 - "$PMF/values.jsonl" "$PMF/rel-2011Q1.json" "$PMF/rel-2011Q2.json" <<'PY'
import json, math, sys
Z = 1.959963984540054
NOT_RECORDED = {'Not stated', 'Missing'}

def wilson(k, n):
    p = k / n; d = 1 + Z * Z / n
    c = (p + Z * Z / (2 * n)) / d
    h = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / d
    lo, hi = max(0.0, c - h), min(1.0, c + h)
    return (0.0 if k == 0 else lo), (1.0 if k == n else hi)

vals = [json.loads(l) for l in open(sys.argv[1])]
rel = {}
for f in sys.argv[2:]:
    d = json.load(open(f))
    head_of = next(o['outcome'] for o in d['outcomes'] if o['of'] is None)
    cells = {}
    groups = {}
    for c in d['cells']:
        if c['unit'] != 'All':
            continue
        cells[(c['characteristic'], c['group'], c['outcome'], c['measure'])] = \
            c['value'] if c['status'] == 'published' else None
        if c['group'] != 'All':
            groups.setdefault(c['characteristic'], []).append(c['group'])
    rel[d['period']] = (cells, {k: list(dict.fromkeys(v)) for k, v in groups.items()}, head_of)

def expect(v):
    cells, groups, head_of = rel[v['period']]
    ch, g, out = v['characteristic'], v['group'], v['outcome']
    head = lambda grp: cells.get((ch, grp, head_of, 'denominator'))
    cell = lambda grp, m: cells.get((ch, grp, out, m))
    rec = [x for x in groups[ch] if x not in NOT_RECORDED]
    nrec = [x for x in groups[ch] if x in NOT_RECORDED]
    def recorded():
        hs = [head(x) for x in rec]
        if None not in hs:
            return sum(hs)
        hn = [head(x) for x in nrec]
        if head('All') is not None and None not in hn:
            return head('All') - sum(hn)
        return None
    if v['kind'] == 'share':
        k, n = head(g), recorded()
    elif v['kind'] == 'completeness':
        k, n = recorded(), head('All')
        if n is None and None not in [head(x) for x in groups[ch]]:
            n = sum(head(x) for x in groups[ch])
    elif v['kind'] == 'rate':
        k, n = cell(g, 'numerator'), cell(g, 'denominator')
    else:
        ref = 'White' if ch == 'ethnicity' else max(
            (x for x in rec if head(x) is not None), key=lambda x: head(x))
        assert v['reference'] == ref, (v, ref)
        a, n1, c, n2 = cell(g, 'numerator'), cell(g, 'denominator'), cell(ref, 'numerator'), cell(ref, 'denominator')
        if None in (a, n1, c, n2):
            return None, -1, -1
        assert (v['ref_numerator'], v['ref_denominator']) == (c, n2), v
        return (a / n1) / (c / n2) if n1 and c and n2 else None, a, n1
    if k is None or n is None:
        return None, -1, -1
    return (100 * k / n if n else None), k, n

withheld = computed = 0
for v in vals:
    want, k, n = expect(v)
    assert (v['numerator'], v['denominator']) == (k, n), (v, k, n)
    if want is None:  # withheld (counts -1), or not defined (nobody counted)
        assert v['value'] is None and v['low'] is None and v['high'] is None, v
        withheld += k == -1
        continue
    assert v['value'] is not None and abs(v['value'] - want) < 1e-9 * max(1, abs(want)), (v, want)
    if v['kind'] != 'ratio':
        lo, hi = wilson(k, n)
        assert abs(v['low'] - 100 * lo) < 1e-9 and abs(v['high'] - 100 * hi) < 1e-9, v
    else:
        assert v['low'] <= v['value'] <= v['high'], v
    computed += 1
periods = {v['period'] for v in vals}
assert periods == {'2011Q1', '2011Q2'}, periods
assert withheld >= 2 and computed >= 10, (withheld, computed)
print(withheld, "withheld", computed, "computed")
PY
