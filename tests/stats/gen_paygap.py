#!/usr/bin/python3
"""Expected pay gap figures for tests/unit/test_stats.c, computed
independently of src/monitor/stats.c, in exact rational arithmetic.

Run with Debian's python3 (standard library only):

    /usr/bin/python3 tests/stats/gen_paygap.py > tests/unit/paygap_expected.h

The header is committed; the C tests never run Python.

What the figures follow (docs/methods.md, "Pay gap figures"):
  - Every person is a relevant employee and counts in the bonus figures:
    the share paid a bonus (bonus > 0) out of everyone in the group, and
    the mean and median bonus of those paid one.
  - Only full-pay relevant employees (an hourly pay, and not marked as on
    reduced pay) count in the hourly figures and the quartiles.
  - Gaps are (A - B) / A x 100 against the comparator A; not available
    (NaN) when A is not positive or either figure is missing.
  - Quartiles (regulation 13): the full-pay people ranked by hourly pay,
    cut into four bands of n // 4, the n % 4 left over going one each to
    the upper, upper middle and lower middle bands. For every hourly rate,
    the people on it occupy a block of places in the ranking; a band that
    takes k of the m places of the block takes k/m of each group on that
    rate (regulation 13(2): the same proportion in each band), as an exact
    fraction. This is worked out here from the places each rate occupies,
    band by band, with Fractions; stats.c walks runs of equal pay.
"""
import math
import random
import sys
from fractions import Fraction as F

NAN = float("nan")


def median(v):
    v = sorted(v)
    n = len(v)
    if n == 0:
        return None
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


def mean(v):
    return sum(v, F(0)) / len(v) if v else None


def gap(a, b):
    if a is None or b is None or not a > 0:
        return None
    return (a - b) / a * 100


def expected(people, n_groups, comparator):
    """people: (hourly or None, bonus, group, not_full_pay)."""
    full = [(F(str(h)), g) for h, b, g, nf in people if not nf]
    n = len(full)
    q, r = divmod(n, 4)
    sizes = [q] * 4
    for k in range(r):
        sizes[3 - k] += 1
    starts = [sum(sizes[:k]) for k in range(4)]
    # the block of places each hourly rate occupies in the ranking
    rates = sorted({h for h, _ in full})
    share = [[F(0)] * 4 for _ in range(n_groups)]
    place = 0
    for rate in rates:
        on = [g for h, g in full if h == rate]
        lo, hi = place, place + len(on)
        for k in range(4):
            overlap = max(0, min(hi, starts[k] + sizes[k]) - max(lo, starts[k]))
            for g in range(n_groups):
                share[g][k] += F(overlap * on.count(g), len(on))
        place = hi
    assert place == n
    res = []
    for g in range(n_groups):
        hourly = [F(str(h)) for h, b, gg, nf in people if gg == g and not nf]
        everyone = [F(str(b)) for h, b, gg, nf in people if gg == g]
        paid = [b for b in everyone if b > 0]
        res.append(dict(
            n=len(hourly), n_relevant=len(everyone), n_bonus=len(paid),
            mean=mean(hourly), median=median(hourly), bmean=mean(paid), bmedian=median(paid),
            bpct=F(len(paid) * 100, len(everyone)) if everyone else None,
            band_n=share[g],
            band_pct=[share[g][k] * 100 / sizes[k] if sizes[k] else None for k in range(4)]))
        assert sum(share[g]) == len(hourly)
    A = res[comparator]
    for x in res:
        x["mean_gap"] = gap(A["mean"], x["mean"])
        x["median_gap"] = gap(A["median"], x["median"])
        x["bmean_gap"] = gap(A["bmean"], x["bmean"])
        x["bmedian_gap"] = gap(A["bmedian"], x["bmedian"])
    return res, sizes


# The worked example of docs/methods.md ("Pay quarters"), group 0 men, 1 women:
# eight on full pay, a run of three on 10.00 (two women, a man) across the
# edge of the lower and lower middle quarters; a woman with no hourly pay
# known and a man on reduced pay count in the bonus figures only.
DOCS = [
    (9.00, 0, 1, 0), (10.00, 150, 1, 0), (10.00, 0, 1, 0), (10.00, 100, 0, 0),
    (12.00, 0, 0, 0), (12.00, 300, 1, 0), (15.00, 500, 0, 0), (15.00, 0, 0, 0),
    (None, 200, 1, 1), (6.00, 0, 0, 1),
]

# A run of eight on one rate across all four bands (sizes 2, 2, 3, 3).
ACROSS = [(9.00, 0, 0, 0)] + [(12.00, 0, g, 0) for g in (1, 0, 1, 1, 0, 1, 0, 1)] + \
    [(30.00, 0, 1, 0)]


def random_case(seed, n, n_groups, levels):
    """n people in n_groups groups on a few hourly rates (so that runs of
    equal pay straddle the band edges), some with no pay or on reduced pay."""
    rng = random.Random(seed)
    rates = sorted(round(rng.uniform(9, 40), 2) for _ in range(levels))
    people = []
    for _ in range(n):
        g = rng.randrange(n_groups)
        h = rates[min(levels - 1, int(rng.random() ** (1 + 0.3 * g) * levels))]
        b = round(rng.uniform(50, 2000), 2) if rng.random() < 0.35 else 0.0
        u = rng.random()
        nf = 1 if u < 0.12 else 0
        if u < 0.06:
            h = None  # no hourly pay known
        people.append((h, b, g, nf))
    return people


CASES = [
    ("the worked example of docs/methods.md", DOCS, 2, 0),
    ("a run of equal pay across all four bands", ACROSS, 2, 0),
    ("61 people, 3 groups, 6 rates", random_case(12, 61, 3, 6), 3, 0),
    ("7 people, 2 groups, 2 rates", random_case(7, 7, 2, 2), 2, 0),
    ("250 people, 4 groups, 9 rates", random_case(2017, 250, 4, 9), 4, 0),
    ("103 people, 3 groups, 25 rates", random_case(406, 103, 3, 25), 3, 1),
]


def f(x):
    if x is None:
        return "NAN"
    return repr(float(x))


def cstr(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    out = []
    w = out.append
    w("/* Generated by tests/stats/gen_paygap.py (Python %d.%d, standard library)."
      % sys.version_info[:2])
    w(" * Do not edit; change the script and run")
    w(" *   /usr/bin/python3 tests/stats/gen_paygap.py > tests/unit/paygap_expected.h */")
    w("#ifndef PARITY_PAYGAP_EXPECTED_H")
    w("#define PARITY_PAYGAP_EXPECTED_H")
    w("")
    w("#include <math.h>")
    w("#include <stddef.h>")
    w("")
    w("#define EXP_PG_MAX_GROUPS 4")
    w("")
    w("/* The figures of one group (NAN: not available). */")
    w("struct exp_pg_group {")
    w("\tsize_t n, n_relevant, n_bonus;")
    w("\tdouble mean, median, bonus_mean, bonus_median, bonus_percent;")
    w("\tdouble mean_gap, median_gap, bonus_mean_gap, bonus_median_gap;")
    w("\tdouble band_n[4], band_percent[4];")
    w("};")
    w("")
    w("/* One workforce: hourly (NAN: none known), bonus, group, not on full pay. */")
    w("struct exp_pg_case {")
    w("\tconst char *why;")
    w("\tsize_t n, n_groups, comparator;")
    w("\tconst double *hourly, *bonus;")
    w("\tconst size_t *group;")
    w("\tconst int *not_full_pay;")
    w("\tsize_t band_size[4];")
    w("\tstruct exp_pg_group groups[EXP_PG_MAX_GROUPS];")
    w("};")
    w("")
    for i, (why, people, ng, comp) in enumerate(CASES):
        w("static const double exp_pg%d_hourly[] = {%s};" % (i, ", ".join(f(p[0]) for p in people)))
        w("static const double exp_pg%d_bonus[] = {%s};" % (i, ", ".join(f(p[1]) for p in people)))
        w("static const size_t exp_pg%d_group[] = {%s};" % (i, ", ".join(str(p[2]) for p in people)))
        w("static const int exp_pg%d_not_full_pay[] = {%s};"
          % (i, ", ".join(str(p[3]) for p in people)))
    w("")
    w("static const struct exp_pg_case exp_pg_cases[] = {")
    for i, (why, people, ng, comp) in enumerate(CASES):
        assert ng <= 4
        res, sizes = expected(people, ng, comp)
        w("\t{%s, %d, %d, %d, exp_pg%d_hourly, exp_pg%d_bonus, exp_pg%d_group, "
          "exp_pg%d_not_full_pay, {%s}, {" % (cstr(why), len(people), ng, comp, i, i, i, i,
                                             ", ".join(str(s) for s in sizes)))
        for x in res:
            w("\t\t{%d, %d, %d, %s, %s, %s, %s, %s, %s, %s, %s, %s, {%s}, {%s}}," % (
                x["n"], x["n_relevant"], x["n_bonus"], f(x["mean"]), f(x["median"]),
                f(x["bmean"]), f(x["bmedian"]), f(x["bpct"]), f(x["mean_gap"]),
                f(x["median_gap"]), f(x["bmean_gap"]), f(x["bmedian_gap"]),
                ", ".join(f(v) for v in x["band_n"]), ", ".join(f(v) for v in x["band_pct"])))
        w("\t}},")
    w("};")
    w("")
    w("#endif")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
