"""Reference statistics for the independent checks in tests/cli
(pool_stats.py, survey_stats.py): Wilson's score interval, Newcombe's
hybrid score interval for a difference, Fisher's exact test, the
two-proportion z test, the choice between them (an expected count below
5) and Holm's adjustment, in plain Python from their published formulas.
"""
import math

Z = 1.959963984540054

def wilson(k, n):
    p = k / n
    den = 1 + Z * Z / n
    centre = (p + Z * Z / (2 * n)) / den
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / den
    lo, hi = max(0.0, centre - half), min(1.0, centre + half)
    return (0.0 if k == 0 else lo), (1.0 if k == n else hi)

def newcombe(a, n1, c, n2):
    p1, p2 = a / n1, c / n2
    l1, u1 = wilson(a, n1)
    l2, u2 = wilson(c, n2)
    d = p1 - p2
    return d, d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)

def fisher(a, n1, c, n2):
    k, n = a + c, n1 + n2
    if k == 0 or k == n:
        return 1.0, "Fisher's exact test"
    lo, hi = max(0, k - n2), min(k, n1)
    def lp(x):
        return (math.lgamma(n1 + 1) - math.lgamma(x + 1) - math.lgamma(n1 - x + 1)
                + math.lgamma(n2 + 1) - math.lgamma(k - x + 1) - math.lgamma(n2 - k + x + 1)
                - math.lgamma(n + 1) + math.lgamma(k + 1) + math.lgamma(n - k + 1))
    thr = lp(a) + math.log1p(1e-7)
    return min(1.0, sum(math.exp(lp(x)) for x in range(lo, hi + 1) if lp(x) <= thr)), "Fisher's exact test"

def ztest(a, n1, c, n2):
    k, n = a + c, n1 + n2
    if k == 0 or k == n:
        return 1.0, "z test"
    pool = k / n
    se = math.sqrt(pool * (1 - pool) * (1 / n1 + 1 / n2))
    z = (a / n1 - c / n2) / se
    return min(1.0, math.erfc(abs(z) / math.sqrt(2))), "z test"

def ptest(a, n1, c, n2):
    k, n = a + c, n1 + n2
    least = min(n1 * k, n1 * (n - k), n2 * k, n2 * (n - k))
    return fisher(a, n1, c, n2) if least < 5 * n else ztest(a, n1, c, n2)

def holm(ps):
    m = len(ps)
    order = sorted(range(m), key=lambda i: ps[i])
    out, run = [0.0] * m, 0.0
    for rank, i in enumerate(order):
        run = max(run, min(1.0, (m - rank) * ps[i]))
        out[i] = run
    return out
