#!/usr/bin/env python3
"""Independent check of 'parity eia pool --format json' (tests/cli/
cases_pool.sh): from the same staff extract, count in plain Python each
group's staff, at risk, selected, redeployed and retained; the four-fifths
rule on retention (of those at risk) and redeployment (of those selected)
against the highest rate of a group with at least MIN_COUNT people and 2%
of the pool; each recorded group against everyone else recorded (the
difference with Newcombe's hybrid score interval from Wilson intervals, p
by Fisher's exact test when an expected count is below 5, else the
two-proportion z test); Holm's adjustment across every comparison; and
that the evidence gives no count from 1 to 9.

usage: pool_stats.py POOL.csv RESULT.json MIN_COUNT
POOL.csv has columns Ethnicity (CJ codes W1.., NS or blank), Gender (F/M),
At risk, selected, REDEPLOYED (yes/no/blank).
"""
import csv, json, re, sys

from stats_ref import holm, newcombe, ptest

def close(x, y, what):
    assert x is not None and abs(x - y) <= 1e-9 + 1e-7 * abs(y), (what, x, y)

ETH = {"W": "White", "M": "Mixed", "A": "Asian", "B": "Black", "O": "Other"}

def ethnicity(v):
    v = v.strip()
    if v == "":
        return "Missing"
    if v == "NS":
        return "Not stated"
    return ETH[v[0]]

def sex(v):
    return {"F": "Female", "M": "Male", "": "Missing"}[v.strip()]

def yes(v):
    return v.strip().lower() in ("yes", "y", "true", "1")

def main():
    rows = list(csv.DictReader(open(sys.argv[1])))
    res = json.load(open(sys.argv[2]))
    min_count = int(sys.argv[3])
    people = [(ethnicity(r["Ethnicity"]), sex(r["Gender"]), yes(r["At risk"]),
               yes(r["selected"]), yes(r["REDEPLOYED"])) for r in rows]
    assert res["staff"] == len(people)
    assert res["at_risk"] == sum(p[2] for p in people)
    assert res["selected"] == sum(p[3] for p in people)
    assert res["redeployed"] == sum(p[4] for p in people)
    assert res["min_count"] == min_count
    unrecorded = ("Not stated", "Missing")
    comparisons = []  # (json object, p)
    mirrors = []      # (json object, the one it mirrors)
    n_adverse = 0
    for ch in res["characteristics"]:
        col = {"ethnicity": 0, "sex": 1}[ch["characteristic"]]
        counts = {}
        for p in people:
            c = counts.setdefault(p[col], [0, 0, 0, 0])
            c[0] += 1; c[1] += p[2]; c[2] += p[3]; c[3] += p[4]
        got = {g["group"]: g for g in ch["groups"]}
        assert set(got) == set(counts), (set(got), set(counts))
        recorded = [g for g in counts if g not in unrecorded]
        for g, (st, ar, se, re_) in counts.items():
            o = got[g]
            assert (o["staff"], o["at_risk"], o["selected"], o["redeployed"], o["retained"]) == \
                (st, ar, se, re_, ar - se), (g, o)
            assert o["recorded"] == (g in recorded)
            close(o["selection_rate"], se / ar, "selection") if ar else None
            if g not in recorded:
                assert "retention" not in o and "compared_with_rest" not in o
        # the four-fifths rule on the two favourable outcomes
        for name, num, den in (("retention", lambda c: c[1] - c[2], lambda c: c[1]),
                               ("redeployment", lambda c: c[3], lambda c: c[2])):
            pool = sum(den(counts[g]) for g in recorded)
            big = [g for g in recorded if den(counts[g]) >= min_count and den(counts[g]) * 50 >= pool]
            best = max(big, key=lambda g: num(counts[g]) / den(counts[g]), default=None)
            hi = ch[name + "_highest"]
            if best is None:
                assert hi is None, hi
            else:
                best_rate = num(counts[best]) / den(counts[best])
                close(hi["rate"], best_rate, name + " highest")
                assert num(counts[hi["group"]]) / den(counts[hi["group"]]) == best_rate
            for g in recorded:
                x = got[g][name]
                assert x["too_few"] == (g not in big), (g, name, x)
                if best is None or den(counts[g]) == 0 or best_rate == 0:
                    assert x["impact_ratio"] is None and not x["adverse_impact"], (g, x)
                    continue
                ratio = num(counts[g]) / den(counts[g]) / best_rate
                close(x["impact_ratio"], ratio, name + " ratio " + g)
                assert x["adverse_impact"] == (ratio < 0.8 * (1 - 1e-12)), (g, x)
                n_adverse += x["adverse_impact"]
        # each recorded group against everyone else recorded
        for key, num, den in (("at_risk", 1, 0), ("selected", 2, 1), ("redeployed", 3, 2)):
            k = sum(counts[g][num] for g in recorded)
            n = sum(counts[g][den] for g in recorded)
            pair = []
            for g in recorded:
                a, n1 = counts[g][num], counts[g][den]
                cmp = got[g]["compared_with_rest"][key]
                if n1 == 0 or n - n1 == 0:
                    assert cmp is None, (g, key, cmp)
                    continue
                pair.append(cmp)
                d, lo, hi = newcombe(a, n1, k - a, n - n1)
                p, test = ptest(a, n1, k - a, n - n1)
                close(cmp["difference"], d, "difference")
                close(cmp["ci_low"], lo, "ci_low")
                close(cmp["ci_high"], hi, "ci_high")
                close(cmp["p"], p, "p %s %s" % (g, key))
                assert cmp["test"] == test, (cmp["test"], test)
                comparisons.append((cmp, p))
            # two groups: one test seen from both sides, counted once
            if len(pair) == 2:
                mirrors.append((pair[1], pair[0]))
                comparisons = [x for x in comparisons if x[0] is not pair[1]]
        # the evidence: no count from 1 to 9 (a percentage is no count)
        for m in re.finditer(r"(?<![\d.])(\d+)(?![\d.%])", ch["evidence"]):
            v = int(m.group(1))
            assert v == 0 or v >= 10 or v == min_count, (v, ch["evidence"])
    assert res["comparisons"] == len(comparisons), (res["comparisons"], len(comparisons))
    for (cmp, _), adj in zip(comparisons, holm([p for _, p in comparisons])):
        close(cmp["p_adjusted"], adj, "p_adjusted")
    for cmp, of in mirrors:
        assert cmp["p_adjusted"] == of["p_adjusted"] and abs(cmp["difference"] + of["difference"]) < 1e-12, (cmp, of)
    print("checked %d comparisons and %d adverse impact findings" % (len(comparisons), n_adverse))

main()
