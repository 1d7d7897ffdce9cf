#!/usr/bin/python3
"""Expected values for tests/unit/test_stats.c, computed independently of
src/monitor/stats.c with SciPy/NumPy and exact rational arithmetic.

Run with Debian's python3-scipy and python3-statsmodels
(apt-get install -y python3-scipy python3-statsmodels):

    /usr/bin/python3 tests/stats/gen_expected.py > tests/unit/stats_expected.h

The header is committed; the C tests never run Python.

Sources of truth, per figure:
  Fisher  R's rule (sum of P(x) <= P(obs) * (1 + 1e-7)) evaluated in
          60-digit decimal arithmetic: log-factorials from Stirling's
          series (exact factorials below 1000), probabilities walked by
          exact ratios. Checked against scipy.stats.fisher_exact
          (two-sided) to 5e-9, and for N <= 400 against the exact sum in
          fractions to 1e-15. SciPy is not used as the expected value
          because, at margins of 10^6 to 10^7, its hypergeometric
          probabilities drift by about 1e-9 relative (0.82365491568 where
          the 60-digit sum and an exact big-integer sum both give
          0.82365491465). SciPy 1.10 also uses a tie tolerance of 1e-14
          rather than R's 1e-7; the two agree on every table here.
  z test  scipy.stats.chi2_contingency(correction=False) p-value; z from
          the pooled formula in exact fractions; the script checks
          chi2 == z^2 and 2*norm.sf(|z|) == p.
  RR      the observed ratio in exact fractions. Katz: SE^2 in exact
          fractions, then scipy.stats.norm.ppf for z. Score interval:
          statsmodels' score test (test_proportions_2indep, compare
          "ratio", Miettinen-Nurminen correction) inverted with scipy's
          brentq, and checked against statsmodels'
          confint_proportions_2indep(method="score") where that closed
          form has real roots (statsmodels 0.13's closed form picks the
          wrong root when a group is full, e.g. 1 of 1 against 10 of
          100 gives 9.18 to 18.16, while its own score test gives
          p = 0.34 at 5 and 0.05 at 1.91: the inversion is kept).
  Holm/BH the textbook definitions as double loops (O(m^2)), not the
          running max/min used in C.
  Four-fifths and mirror boundaries: exact fractions.
  Pay gap numpy mean/median and a plain sort for the quartile bands.
"""
import math
import sys
from decimal import Decimal, getcontext
from fractions import Fraction as F

import numpy as np
from scipy import optimize, stats
import statsmodels
import statsmodels.stats.proportion as smprop

R_TOL = 1e-7


def exact_fisher(a, n1, c, n2):
    """Two-sided Fisher p by R's rule, in exact fractions."""
    k, n = a + c, n1 + n2
    lo, hi = max(0, k - n2), min(n1, k)
    den = math.comb(n, k)
    probs = {x: F(math.comb(n1, x) * math.comb(n2, k - x), den) for x in range(lo, hi + 1)}
    obs = probs[a]
    lim = obs * (1 + F(R_TOL))
    return float(sum(p for p in probs.values() if p <= lim))


getcontext().prec = 60
# pi to 60 digits (a constant, not computed here)
PI = Decimal("3.14159265358979323846264338327950288419716939937510582097494459")
HALF_LN_2PI = (2 * PI).ln() / 2
# Bernoulli numbers B2..B20 for Stirling's series
BERN = [F(1, 6), F(-1, 30), F(1, 42), F(-1, 30), F(5, 66), F(-691, 2730), F(7, 6),
        F(-3617, 510), F(43867, 798), F(-174611, 330)]


def dec(fr):
    return Decimal(fr.numerator) / Decimal(fr.denominator)


def lnfact(n):
    """ln n! to about 50 significant digits."""
    if n < 1000:
        return Decimal(math.factorial(n)).ln()
    d = Decimal(n)
    s = (d + Decimal("0.5")) * d.ln() - d + HALF_LN_2PI
    for k, b in enumerate(BERN, start=1):
        s += dec(b / (2 * k * (2 * k - 1))) / d ** (2 * k - 1)
    return s


def lnchoose(n, k):
    return lnfact(n) - lnfact(k) - lnfact(n - k)


def fisher_hp(a, n1, c, n2):
    """Two-sided Fisher p by R's rule in 60-digit decimals."""
    k, n = a + c, n1 + n2
    if n1 == 0 or n2 == 0 or k == 0 or k == n:
        return 1.0
    lo, hi = max(0, k - n2), min(n1, k)
    m = (n1 + 1) * (k + 1) // (n + 2)
    pobs = (lnchoose(n1, a) + lnchoose(n2, k - a) - lnchoose(n, k)).exp()
    thr = pobs * (1 + Decimal(R_TOL))
    tiny = thr * Decimal("1e-30")
    total = pobs
    # walk up from a, past the mode, until the terms are negligible
    p, x = pobs, a
    while x < hi:
        p = p * (n1 - x) * (k - x) / ((x + 1) * (n2 - k + x + 1))
        x += 1
        if p <= thr:
            total += p
        if x > m and p < tiny:
            break
    p, x = pobs, a
    while x > lo:
        p = p * x * (n2 - k + x) / ((n1 - x + 1) * (k - x + 1))
        x -= 1
        if p <= thr:
            total += p
        if x < m and p < tiny:
            break
    return float(min(total, Decimal(1)))


def z_exact(a, n1, c, n2):
    """Pooled two-proportion z; (0, 1) when the pooled rate is 0 or 1."""
    k, n = a + c, n1 + n2
    if k == 0 or k == n:
        return 0.0, 1.0
    pooled = F(k, n)
    var = pooled * (1 - pooled) * (F(1, n1) + F(1, n2))
    diff = F(a, n1) - F(c, n2)
    z2 = diff * diff / var
    z = math.copysign(math.sqrt(float(z2)), float(diff)) if diff != 0 else 0.0
    table = np.array([[a, n1 - a], [c, n2 - c]])
    chi2, p, dof, _ = stats.chi2_contingency(table, correction=False)
    assert dof == 1
    assert math.isclose(chi2, float(z2), rel_tol=1e-9, abs_tol=1e-12), (a, n1, c, n2, chi2, z2)
    p2 = 2 * stats.norm.sf(abs(z))
    assert math.isclose(p, p2, rel_tol=1e-9, abs_tol=1e-300), (a, n1, c, n2, p, p2)
    return z, float(p)


def katz(a, n1, c, n2, conf):
    """Katz's log interval in exact fractions (every cell non-zero)."""
    A, N1, C, N2 = F(a), F(n1), F(c), F(n2)
    rr = (A / N1) / (C / N2)
    se2 = 1 / A - 1 / N1 + 1 / C - 1 / N2
    z = stats.norm.ppf(0.5 + conf / 2)
    se = math.sqrt(float(se2))
    lrr = math.log(float(rr))
    return float(rr), math.exp(lrr - z * se), math.exp(lrr + z * se)


def score_pvalue(a, n1, c, n2, r):
    """statsmodels' two-sided score test of p1/p2 = r (Miettinen-Nurminen)."""
    return smprop.test_proportions_2indep(np.float64(a), np.float64(n1), np.float64(c),
                                          np.float64(n2), value=r, compare="ratio",
                                          method="score", correction=True).pvalue


def score_ci(a, n1, c, n2, conf):
    """The score interval: the ratios statsmodels' score test does not
    reject at 1 - conf, found with scipy's brentq. Checked against
    confint_proportions_2indep(compare="ratio", method="score") wherever
    that closed form gives real numbers."""
    alpha = 1 - conf
    rr = F(a, n1) / F(c, n2)
    f_ = lambda r: score_pvalue(a, n1, c, n2, r) - alpha
    # the test is not defined at rr itself when both groups are full (a
    # pooled rate of 1), so each search starts a hair away from it
    lo = 0.0 if a == 0 else optimize.brentq(f_, 1e-12, float(rr) * (1 - 1e-12), xtol=1e-300,
                                             rtol=1e-15, maxiter=500)
    # (statsmodels' restricted rate loses its digits to cancellation at
    # tiny r with large n, and at r = 1 with both groups full: start at
    # the first point of the ladder where its test is still defined and
    # does not reject)
    ladder = [float(rr) * (1 + d) for d in (1e-12, 1e-9, 1e-6)] if a > 0 else \
        [1e-3, 1e-4, 1e-5]
    start = next(x for x in ladder if f_(x) > 0)
    top = max(start, 1e-12) * 2
    while f_(top) > 0 and top < 1e12:
        top *= 2
    hi = math.inf if f_(top) > 0 else optimize.brentq(f_, start, top, xtol=1e-300, rtol=1e-15,
                                                       maxiter=500)
    if conf == 0.95 and a < n1 and c < n2:
        cf = smprop.confint_proportions_2indep(a, n1, c, n2, compare="ratio", method="score",
                                               alpha=alpha)
        if all(isinstance(v, float) or np.isreal(v) for v in cf):
            assert math.isclose(float(np.real(cf[0])), lo, rel_tol=1e-6, abs_tol=1e-9), \
                (a, n1, c, n2, cf, lo)
            assert math.isclose(float(np.real(cf[1])), hi, rel_tol=1e-6), (a, n1, c, n2, cf, hi)
    return float(rr), lo, hi


def rr_expected(a, n1, c, n2, conf):
    """The rule of stats_rr: (rr, lo, hi, method) with method 0 none, 1
    Katz, 2 score."""
    if c == 0:
        return math.nan, math.nan, math.nan, 0
    if min(a, n1 - a, c, n2 - c) >= 5:
        return katz(a, n1, c, n2, conf) + (1,)
    return score_ci(a, n1, c, n2, conf) + (2,)


def uses_fisher(a, n1, c, n2):
    k, n = a + c, n1 + n2
    expected = [F(r * col, n) for r in (n1, n2) for col in (k, n - k)]
    return int(min(expected) < 5), float(min(expected))


# (a, n1, c, n2, why)
TABLES = [
    (3, 4, 1, 4, "tea tasting [[3,1],[1,3]]: p = 34/70 = 0.4857"),
    (15, 50, 5, 50, "hand example: z = 2.5 exactly"),
    (10, 100, 20, 100, "hand example: RR = 0.5, SE^2 = 0.13"),
    (0, 10, 5, 10, "zero cell a = 0"),
    (6, 12, 0, 9, "zero cell c = 0"),
    (8, 8, 3, 10, "zero cell a = n1"),
    (2, 10, 10, 10, "zero cell c = n2"),
    (0, 20, 0, 30, "no one has the outcome"),
    (20, 20, 30, 30, "everyone has the outcome"),
    (1, 1, 0, 1, "tiny: n = 1"),
    (1, 2, 0, 2, "tiny: n = 2"),
    (2, 3, 0, 3, "tiny: n = 3"),
    (1, 3, 2, 3, "tiny: n = 3, mixed"),
    (0, 1, 1, 2, "tiny: n = 1 against 2"),
    (3, 3, 0, 3, "tiny: all against none"),
    (7, 10, 3, 10, "expected count exactly 5: z test"),
    (7, 10, 2, 10, "expected count 4.5: Fisher"),
    (12, 25, 8, 75, "expected count exactly 5 (K = 20): z test"),
    (12, 25, 7, 75, "expected count 4.75 (K = 19): Fisher"),
    (3, 10, 22, 40, "expected count exactly 5 in the no-outcome column"),
    (2, 10, 22, 40, "expected count 4.8 in the no-outcome column"),
    (10, 100, 20, 200, "equal rates, z test: RR = 1, p = 1"),
    (5, 50, 5, 50, "equal rates, expected exactly 5: RR = 1, p = 1"),
    (2, 20, 2, 20, "equal rates, Fisher: RR = 1, p = 1"),
    (25, 100, 20, 100, "RR exactly 1.25"),
    (20, 100, 25, 100, "RR exactly 0.8"),
    (40, 60, 25, 70, "moderate, clearly different"),
    (8, 10, 1, 6, "scipy docs whales/sharks [[8,2],[1,5]]"),
    (50500, 1000000, 50000, 1000000, "large: n = 10^6, p about 0.1"),
    (5000, 1000000, 4000, 1000000, "large: n = 10^6, tiny p"),
    (3, 1000000, 15, 1000000, "large n, small counts"),
    (0, 2000000, 7, 3000000, "large n, zero cell"),
    (1000300, 10000000, 1000000, 10000000, "margins 10^7, p about 0.8"),
    (1003000, 10000000, 1000000, 10000000, "margins 10^7, p about 0.03"),
    (4990000, 9990000, 5000000, 10000000, "margins 10^7, rates near one half"),
    (120, 400, 90, 400, "moderate: n = 400"),
    (1, 35, 9, 40, "small counts, Fisher"),
    (0, 9, 1, 663, "issue 12: none of 9 against 1 of 663 (was 22.13)"),
    (0, 40, 0, 200, "issue 12: none in either group (was 4.90)"),
    (40, 40, 100, 200, "issue 12: full cell 40 of 40 (was 1.98)"),
    (1, 1, 10, 100, "issue 12: 1 of 1 against 10 of 100 (was 7.21)"),
    (4, 50, 30, 60, "a cell of 4: score"),
    (5, 50, 30, 60, "every cell at least 5: Katz"),
]

# Holm/BH vectors (None stands for NaN).
NAN = None
PVECS = [
    ("classic four", [0.01, 0.04, 0.03, 0.005]),
    ("ties and NaN", [0.02, NAN, 0.02, 0.04, 0.001, NAN, 0.5]),
    ("all tied", [0.03, 0.03, 0.03]),
    ("caps at 1", [0.3, 0.6, 0.9, 0.9]),
    ("zero and one", [0.0, 1.0, 0.5, 0.01]),
    ("single", [0.04]),
    ("only NaN", [NAN, NAN]),
    ("non-monotone raw", [0.001, 0.011, 0.012, 0.0125, 0.2, 0.04, 0.9, 0.0126]),
]


def holm(p):
    idx = [i for i, v in enumerate(p) if v is not None]
    m = len(idx)
    order = sorted(idx, key=lambda i: p[i])
    out = [None] * len(p)
    for r, i in enumerate(order):
        out[i] = min(1.0, max((m - j) * p[order[j]] for j in range(r + 1)))
    return out


def bh(p):
    idx = [i for i, v in enumerate(p) if v is not None]
    m = len(idx)
    order = sorted(idx, key=lambda i: p[i])
    out = [None] * len(p)
    for r, i in enumerate(order):
        out[i] = min(1.0, min(m * p[order[j]] / (j + 1) for j in range(r, m)))
    return out


# Four-fifths boundaries: (a, n1, a_high, n_high, why); adverse decided exactly.
FOUR_FIFTHS = [
    (40, 100, 50, 100, "exactly 0.8: not adverse"),
    (1, 3, 5, 12, "exactly 0.8, naive division gives 0.7999999999999999"),
    (8, 30, 10, 30, "exactly 0.8 in thirtieths"),
    (7999, 10000, 10000, 10000, "0.7999: adverse"),
    (79, 100, 100, 100, "0.79: adverse"),
    (81, 100, 100, 100, "0.81: not adverse"),
    (0, 10, 5, 10, "no one selected: adverse"),
    (5, 10, 5, 10, "the highest group itself: 1"),
]
# Mirror for unfavourable outcomes: (a, n1, c, n2, why); adverse when RR > 1.25.
MIRROR = [
    (25, 100, 20, 100, "exactly 1.25: not adverse"),
    (5, 12, 1, 3, "exactly 1.25 from twelfths and thirds"),
    (12501, 100000, 10000, 100000, "1.2501: adverse"),
    (12499, 100000, 10000, 100000, "1.2499: not adverse"),
    (30, 100, 20, 100, "1.5: adverse"),
]


# The four-fifths rule on a whole unit: (why, favourable, groups as
# (name, num, den)); min count 30 and 2% of the pool, as the report's
# defaults. Names are high-level ethnic groups in display order.
IMPACT_CASES = [
    ("Uniform Guidelines example: 50%, 40%, 38%", 1,
     [("White", 50, 100), ("Black", 40, 100), ("Asian", 38, 100)]),
    ("a small group with the highest rate never serves as the highest", 1,
     [("White", 60, 200), ("Mixed", 5, 5), ("Black", 40, 200), ("Asian", 30, 100)]),
    ("under 2% of the pool never serves, though above the minimum count", 1,
     [("White", 1000, 4000), ("Other", 20, 40), ("Black", 150, 1000)]),
    ("unfavourable: the lowest rate against each rate", 0,
     [("White", 100, 1000), ("Black", 30, 200), ("Asian", 12, 100), ("Mixed", 0, 10)]),
    ("unfavourable: a lowest rate of 0 makes every other rate adverse", 0,
     [("White", 1, 663), ("Black", 0, 9), ("Asian", 0, 40)]),
    ("favourable: nobody selected anywhere", 1,
     [("White", 0, 100), ("Black", 0, 50)]),
    ("exactly four fifths is not adverse", 1,
     [("White", 5, 12 * 10), ("Black", 1 * 10, 3 * 10 * 10)]),
]


def impact_expected(fav, groups, min_den=30):
    pool = sum(d for _, _, d in groups)
    ok = [(n, F(a, d)) for n, a, d in groups if d >= min_den and 50 * d >= pool]
    best = None
    for n, r in ok:  # first in display order wins a tie
        if best is None or (r > best[1] if fav else r < best[1]):
            best = (n, r)
    out = []
    for n, a, d in groups:
        rate = F(a, d) if d else None
        too_few = int(not (d >= min_den and 50 * d >= pool))
        ratio = None
        if best is not None and rate is not None:
            if fav and best[1] > 0:
                ratio = rate / best[1]
            elif not fav and rate > 0:
                ratio = best[1] / rate
        adverse = int(ratio is not None and ratio < F(4, 5))
        out.append((n, a, d, best[0] if best else None, ratio, adverse, too_few))
    return out


def pay_case():
    """A pseudo-random workforce of 103 in three groups, distinct pay."""
    rng = np.random.default_rng(20170406)
    n = 103
    group = rng.integers(0, 3, n)
    hourly = np.round(rng.uniform(9.0, 40.0, n) + group * -1.5 + 2.0, 2)
    # make pay distinct so the bands are a plain sort
    hourly = hourly + np.arange(n) * 1e-4
    bonus = np.where(rng.random(n) < 0.4, np.round(rng.uniform(50, 2000, n), 2), 0.0)
    return hourly, bonus, group


def pay_expected(hourly, bonus, group, n_groups, comparator):
    res = []
    for g in range(n_groups):
        h = hourly[group == g]
        b = bonus[(group == g) & (bonus > 0)]
        res.append(dict(n=len(h), n_bonus=len(b), mean=float(np.mean(h)), median=float(np.median(h)),
                        bmean=float(np.mean(b)), bmedian=float(np.median(b)),
                        bpct=100.0 * len(b) / len(h)))
    A = res[comparator]
    for r in res:
        r["mean_gap"] = (A["mean"] - r["mean"]) / A["mean"] * 100
        r["median_gap"] = (A["median"] - r["median"]) / A["median"] * 100
        r["bmean_gap"] = (A["bmean"] - r["bmean"]) / A["bmean"] * 100
        r["bmedian_gap"] = (A["bmedian"] - r["bmedian"]) / A["bmedian"] * 100
    n = len(hourly)
    q, rem = divmod(n, 4)
    sizes = [q + (1 if k >= 4 - rem else 0) for k in range(4)]
    order = np.argsort(hourly, kind="stable")
    bands = np.empty(n, dtype=int)
    pos = 0
    for k in range(4):
        bands[order[pos:pos + sizes[k]]] = k
        pos += sizes[k]
    for g, r in enumerate(res):
        r["band_n"] = [int(np.sum((bands == k) & (group == g))) for k in range(4)]
        r["band_pct"] = [100.0 * r["band_n"][k] / sizes[k] for k in range(4)]
    return res, sizes


def f(x):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "NAN"
    if isinstance(x, float) and math.isinf(x):
        return "INFINITY" if x > 0 else "-INFINITY"
    return repr(float(x))


def cstr(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    out = []
    w = out.append
    w("/* Generated by tests/stats/gen_expected.py with SciPy %s, NumPy %s, statsmodels %s." % (
        __import__("scipy").__version__, np.__version__, statsmodels.__version__))
    w(" * Do not edit; change the script and run")
    w(" *   /usr/bin/python3 tests/stats/gen_expected.py > tests/unit/stats_expected.h */")
    w("#ifndef PARITY_STATS_EXPECTED_H")
    w("#define PARITY_STATS_EXPECTED_H")
    w("")
    w("#include <math.h>")
    w("#include <stddef.h>")
    w("")
    w("/* One 2x2 table: a of n1 against c of n2, and every figure about it. */")
    w("struct exp_table {")
    w("\tlong long a, n1, c, n2;")
    w("\tdouble fisher_p;      /* two-sided, R rule, 60-digit sum */")
    w("\tdouble z, z_p;        /* pooled z; chi2_contingency(correction=False) p */")
    w("\tdouble rr, lo, hi;    /* observed RR, 95% interval (NAN: not defined) */")
    w("\tint method;           /* 0 none, 1 Katz, 2 score (Miettinen-Nurminen) */")
    w("\tint fisher_chosen;    /* 1 when an expected count is below 5 */")
    w("\tdouble min_expected;  /* smallest expected count */")
    w("\tconst char *why;      /* what the case is for */")
    w("};")
    w("")
    w("static const struct exp_table exp_tables[] = {")
    for a, n1, c, n2, why in TABLES:
        fp = fisher_hp(a, n1, c, n2)
        sp = float(stats.fisher_exact([[a, n1 - a], [c, n2 - c]])[1])
        assert math.isclose(fp, sp, rel_tol=5e-9), (a, n1, c, n2, fp, sp)
        if n1 + n2 <= 400:
            ex = exact_fisher(a, n1, c, n2)
            assert math.isclose(fp, ex, rel_tol=1e-15), (a, n1, c, n2, fp, ex)
        z, zp = z_exact(a, n1, c, n2) if 0 < a + c < n1 + n2 else (0.0, 1.0)
        rr, lo, hi, corr = rr_expected(a, n1, c, n2, 0.95)
        fch, mine = uses_fisher(a, n1, c, n2)
        w("\t{%d, %d, %d, %d, %s, %s, %s, %s, %s, %s, %d, %d, %s, %s}," % (
            a, n1, c, n2, f(fp), f(z), f(zp), f(rr), f(lo), f(hi), corr, fch, f(mine), cstr(why)))
    w("};")
    w("")
    w("/* Fisher p for pseudo-random tables: small ones checked against exact")
    w(" * fractions, larger ones against SciPy (see the top of the script). */")
    w("struct exp_fisher {")
    w("\tlong long a, n1, c, n2;")
    w("\tdouble p;")
    w("};")
    w("")
    w("static const struct exp_fisher exp_fisher_sweep[] = {")
    rng = np.random.default_rng(2010)
    for i in range(160):
        top = 12 if i < 60 else (200 if i < 120 else 20000)
        n1, n2 = (int(v) for v in rng.integers(1, top + 1, 2))
        a, c = int(rng.integers(0, n1 + 1)), int(rng.integers(0, n2 + 1))
        fp = fisher_hp(a, n1, c, n2)
        sp = float(stats.fisher_exact([[a, n1 - a], [c, n2 - c]])[1])
        assert math.isclose(fp, sp, rel_tol=5e-9), (a, n1, c, n2, fp, sp)
        if n1 + n2 <= 400:
            ex = exact_fisher(a, n1, c, n2)
            assert math.isclose(fp, ex, rel_tol=1e-15), (a, n1, c, n2, fp, ex)
        w("\t{%d, %d, %d, %d, %s}," % (a, n1, c, n2, f(fp)))
    w("};")
    w("")
    w("/* Relative rate intervals at other confidence levels. */")
    w("struct exp_katz {")
    w("\tlong long a, n1, c, n2;")
    w("\tdouble confidence, rr, lo, hi;")
    w("\tint method;")
    w("};")
    w("")
    w("static const struct exp_katz exp_katz_levels[] = {")
    for (a, n1, c, n2) in [(10, 100, 20, 100), (0, 10, 5, 10), (120, 400, 90, 400), (3, 3, 1, 4)]:
        for conf in (0.80, 0.90, 0.99):
            rr, lo, hi, m = rr_expected(a, n1, c, n2, conf)
            w("\t{%d, %d, %d, %d, %s, %s, %s, %s, %d}," % (a, n1, c, n2, f(conf), f(rr), f(lo), f(hi), m))
    w("};")
    w("")
    w("/* Score intervals (95%) of pseudo-random small tables, zero and full")
    w(" * cells among them: statsmodels' score test inverted with brentq. */")
    w("static const struct exp_katz exp_score_sweep[] = {")
    rng = np.random.default_rng(2012)
    for i in range(120):
        n1, n2 = (int(v) for v in rng.integers(1, (12 if i < 60 else 80) + 1, 2))
        a, c = int(rng.integers(0, n1 + 1)), int(rng.integers(1, n2 + 1))
        if i % 10 == 0:
            a = 0
        elif i % 10 == 1:
            a = n1
        elif i % 10 == 2:
            c = n2
        rr, lo, hi, m = rr_expected(a, n1, c, n2, 0.95)
        w("\t{%d, %d, %d, %d, 0.95, %s, %s, %s, %d}," % (a, n1, c, n2, f(rr), f(lo), f(hi), m))
    w("};")
    w("")
    w("/* p-value vectors with their Holm and BH adjustments (NAN = no test). */")
    w("struct exp_adjust {")
    w("\tconst char *why;")
    w("\tsize_t n;")
    w("\tdouble p[8], holm[8], bh[8];")
    w("};")
    w("")
    w("static const struct exp_adjust exp_adjusts[] = {")
    for why, p in PVECS:
        assert len(p) <= 8
        hp, bp = holm(p), bh(p)
        w("\t{%s, %d, {%s}, {%s}, {%s}}," % (cstr(why), len(p), ", ".join(f(x) for x in p),
                                              ", ".join(f(x) for x in hp), ", ".join(f(x) for x in bp)))
    w("};")
    w("")
    w("/* Four-fifths rule: a/n1 against the highest rate a_high/n_high. */")
    w("struct exp_ratio {")
    w("\tlong long a, n1, c, n2;")
    w("\tint adverse;  /* decided in exact fractions */")
    w("\tconst char *why;")
    w("};")
    w("")
    w("static const struct exp_ratio exp_four_fifths[] = {")
    for a, n1, ah, nh, why in FOUR_FIFTHS:
        adverse = int(F(a, n1) / F(ah, nh) < F(4, 5))
        w("\t{%d, %d, %d, %d, %d, %s}," % (a, n1, ah, nh, adverse, cstr(why)))
    w("};")
    w("")
    w("/* Mirror rule: RR of a/n1 against c/n2 above 1.25 is adverse. */")
    w("static const struct exp_ratio exp_mirror[] = {")
    for a, n1, c, n2, why in MIRROR:
        adverse = int(F(a, n1) / F(c, n2) > F(5, 4))
        w("\t{%d, %d, %d, %d, %d, %s}," % (a, n1, c, n2, adverse, cstr(why)))
    w("};")
    w("")
    w("/* The four-fifths rule over a unit's groups, decided in exact fractions. */")
    w("struct exp_impact_group {")
    w("\tconst char *group;")
    w("\tlong long num, den;")
    w("\tconst char *compared_with; /* NULL: no group can serve */")
    w("\tdouble impact_ratio;       /* NAN: none */")
    w("\tint adverse, too_few;")
    w("};")
    w("struct exp_impact {")
    w("\tconst char *why;")
    w("\tint favourable;")
    w("\tsize_t n;")
    w("\tstruct exp_impact_group g[6];")
    w("};")
    w("")
    w("static const struct exp_impact exp_impacts[] = {")
    for why, fav, groups in IMPACT_CASES:
        rows = []
        for n, a, d, cw, ratio, adv, tf in impact_expected(fav, groups):
            rows.append("{%s, %d, %d, %s, %s, %d, %d}" % (
                cstr(n), a, d, cstr(cw) if cw else "NULL",
                f(float(ratio)) if ratio is not None else "NAN", adv, tf))
        w("\t{%s, %d, %d, {%s}}," % (cstr(why), fav, len(groups), ", ".join(rows)))
    w("};")
    w("")
    hourly, bonus, group = pay_case()
    res, sizes = pay_expected(hourly, bonus, group, 3, 0)
    w("/* A workforce of %d in three groups (group 0 the comparator), distinct pay. */" % len(hourly))
    w("#define EXP_PAY_N %d" % len(hourly))
    w("static const double exp_pay_hourly[EXP_PAY_N] = {%s};" % ", ".join(f(x) for x in hourly))
    w("static const double exp_pay_bonus[EXP_PAY_N] = {%s};" % ", ".join(f(x) for x in bonus))
    w("static const size_t exp_pay_group[EXP_PAY_N] = {%s};" % ", ".join(str(int(x)) for x in group))
    w("static const size_t exp_pay_band_size[4] = {%s};" % ", ".join(str(x) for x in sizes))
    w("")
    w("struct exp_pay_group {")
    w("\tsize_t n, n_bonus;")
    w("\tdouble mean, median, bonus_mean, bonus_median, bonus_percent;")
    w("\tdouble mean_gap, median_gap, bonus_mean_gap, bonus_median_gap;")
    w("\tsize_t band_n[4];")
    w("\tdouble band_percent[4];")
    w("};")
    w("")
    w("static const struct exp_pay_group exp_pay_groups[3] = {")
    for r in res:
        w("\t{%d, %d, %s, %s, %s, %s, %s, %s, %s, %s, %s, {%s}, {%s}}," % (
            r["n"], r["n_bonus"], f(r["mean"]), f(r["median"]), f(r["bmean"]), f(r["bmedian"]),
            f(r["bpct"]), f(r["mean_gap"]), f(r["median_gap"]), f(r["bmean_gap"]),
            f(r["bmedian_gap"]), ", ".join(str(x) for x in r["band_n"]),
            ", ".join(f(x) for x in r["band_pct"])))
    w("};")
    w("")
    w("#endif")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
