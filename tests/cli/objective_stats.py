#!/usr/bin/env python3
"""Independent computation of an objective's measure (monitor_measure_values,
docs/objectives.md) from the extract CSVs themselves, in plain Python: each
FILE is one period of a staff or service-user extract; the rows a --where
keeps are counted, in the whole organisation, into

  share         the group's people over everyone whose characteristic is
                recorded (Not stated and Missing counted beside it), %,
                Wilson's 95% interval;
  rate          the group's rate of an outcome over its stage (the people
                who reached the stage before it), %, Wilson;
  ratio         that rate over the reference group's (White for ethnicity
                when the period has any White row, else the largest recorded
                group), with the Diversity Report's interval: Katz's log
                method when all four cells are at least 5, else the
                Miettinen-Nurminen score interval (docs/methods.md);
  completeness  the recorded over everyone, %, Wilson;
  pay-gap       (comparator's mean or median hourly pay - the group's) over
                the comparator's x 100, over the people on full pay with
                hourly pay; sex: women against men; ethnicity: every
                recorded group but White together (or --group) against
                White. The mean gap's interval: the normal approximation by
                the delta method from the two groups' sample SDs; the
                median's: none.

usage: objective_stats.py --kind share|rate|ratio|completeness|pay-gap
           --char CHAR [--group GROUP] [--outcome OUTCOME] [--median]
           [--where COLUMN=V1,V2...] [--against RESULT.json] FILE...
Prints JSON [{period, value, numerator, denominator, low, high, ...}],
oldest first, NaN as null. With --against, compares with the values list of
RESULT.json (a list of values, or an object with "values") instead and
exits 1 on the first difference.

Codes the test data use: ethnicity by the first letter of its 18+1 code
(W White, M Mixed, A Asian, B Black, O Other), NS Not stated, blank Missing;
sex F / M (or Female / Male). Other characteristics: the cell as its group.
"""
import argparse, csv, json, math, re, sys

from stats_ref import Z, wilson

ETH = {"W": "White", "M": "Mixed", "A": "Asian", "B": "Black", "O": "Other"}
SEX = {"F": "Female", "FEMALE": "Female", "M": "Male", "MALE": "Male"}

# The presets' columns (src/monitor/dataset.c): unit column, period column,
# outcomes with their stages (None: everyone).
PRESETS = {
    "staff": ("unit", "period", {"promoted": None, "trained": None, "grievance": None,
                                 "disciplinary": None, "left": None}),
    "service-users": ("ldu", "quarter", {"referred": None, "started": "referred",
                                         "completed": "started", "breached": "started"}),
}

def group_of(char, v):
    """(group, code, recorded) of a cell."""
    v = v.strip()
    if v == "" or v.lower() in ("missing", "unknown"):
        return "Missing", "MISSING", False
    if v.upper() == "NS" or v.lower() in ("not stated", "prefer not to say"):
        return "Not stated", "NS", False
    if char == "ethnicity":
        return ETH[v[0].upper()], v.upper(), True
    if char == "sex":
        g = SEX[v.upper()]
        return g, g[0], True
    return v, v, True

def flag(v):
    return v.strip().lower() in ("1", "yes", "y", "true")

def period_key(p):
    m = re.fullmatch(r"(\d{4})(?:Q([1-4])|-(\d\d))?", p)
    if m:
        y = int(m[1])
        return (y, (int(m[2]) - 1) * 3 + 1 if m[2] else int(m[3]) if m[3] else 1, p)
    m = re.fullmatch(r"FY(\d{4})-\d\d", p, re.I)
    return (int(m[1]), 4, p) if m else (9999, 0, p)

def num(x):
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else x

def katz(a, n1, c, n2):
    rr = (a / n1) / (c / n2)
    se = math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2)
    return rr * math.exp(-Z * se), rr * math.exp(Z * se)

def mn_score(a, n1, c, n2, r):
    """Miettinen-Nurminen's score statistic for H0: p1 / p2 = r, its
    variance at the restricted maximum-likelihood rates (the smaller root
    of N r p^2 - (n1 r + a + n2 + c r) p + (a + c) = 0 for p2) times
    N / (N - 1)."""
    n = n1 + n2
    qa, qb, qc = n * r, -(n1 * r + a + n2 + c * r), a + c
    disc = max(qb * qb - 4 * qa * qc, 0.0)
    p2 = (-qb - math.sqrt(disc)) / (2 * qa)
    p1 = p2 * r
    d = a / n1 - r * c / n2
    var = (p1 * (1 - p1) / n1 + r * r * p2 * (1 - p2) / n2) * n / (n - 1)
    if d == 0:
        return 0.0
    if var <= 0:
        return math.inf if d > 0 else -math.inf
    return d / math.sqrt(var)

def score(a, n1, c, n2):
    rr = (a / n1) / (c / n2)
    def root(level, lo, hi):
        lo, hi = math.log(lo), math.log(hi)
        for _ in range(300):
            mid = (lo + hi) / 2
            if mn_score(a, n1, c, n2, math.exp(mid)) > level:
                lo = mid
            else:
                hi = mid
        return math.exp((lo + hi) / 2)
    low = 0.0 if a == 0 or mn_score(a, n1, c, n2, 1e-12) <= Z else root(Z, 1e-12, rr)
    high = math.inf if mn_score(a, n1, c, n2, 1e12) > -Z else root(-Z, max(rr, 1e-12), 1e12)
    return low, high

def median(v):
    v = sorted(v)
    k = len(v)
    return v[k // 2] if k % 2 else (v[k // 2 - 1] + v[k // 2]) / 2

def sample_var(v):
    m = sum(v) / len(v)
    return sum((x - m) ** 2 for x in v) / (len(v) - 1)

def none_value(period, **more):
    d = dict(period=period, value=None, numerator=0, denominator=0, low=None, high=None)
    d.update(more)
    return d

def percent(period, k, n, **more):
    if n == 0:
        return none_value(period, **more)
    lo, hi = wilson(k, n)
    d = dict(period=period, value=100 * k / n, numerator=k, denominator=n,
             low=100 * lo, high=100 * hi)
    d.update(more)
    return d

def measure(args, path):
    rows = list(csv.DictReader(open(path, newline="")))
    header = rows[0].keys() if rows else []
    dataset = args.dataset or ("service-users" if "quarter" in header else "staff")
    unit_col, period_col, outcomes = PRESETS[dataset]
    period = rows[0][period_col].strip()
    char = args.char
    everyone = rows
    if args.where:
        col, _, vals = args.where.partition("=")
        want = [v.strip().lower() for v in vals.split(",")]
        def keep(r):
            if col in ("unit", unit_col, "grade"):
                return r[unit_col if col in ("unit", unit_col) else "grade"].strip().lower() in want
            g, code, _ = group_of(col, r[col])
            return g.lower() in want or code.lower() in want
        rows = [r for r in rows if keep(r)]
    people = [(group_of(char, r[char]), r) for r in rows]
    if args.kind in ("share", "completeness"):
        rec = sum(1 for (g, _, ok), _ in people if ok)
        if args.kind == "completeness":
            return percent(period, rec, len(people))
        k = sum(1 for (g, _, ok), _ in people if ok and g == args.group)
        return percent(period, k, rec, not_recorded=len(people) - rec)
    if args.kind in ("rate", "ratio"):
        stage = outcomes[args.outcome]
        def counts(members):
            den = [r for r in members if stage is None or flag(r[stage])]
            return sum(1 for r in den if flag(r[args.outcome])), len(den)
        by = {}
        for (g, _, ok), r in people:
            by.setdefault(g, []).append(r)
        a, n1 = counts(by.get(args.group, []))
        if args.kind == "rate":
            return percent(period, a, n1)
        # the reference: White when the period's file has any White row,
        # else the largest recorded group (the first of the file on a tie)
        order = []
        for r in everyone:
            g, _, ok = group_of(char, r[char])
            if ok and g not in order:
                order.append(g)
        if char == "ethnicity" and "White" in order:
            ref = "White"
        else:
            ref = max(order, key=lambda g: (len(by.get(g, [])), -order.index(g)))
        c, n2 = counts(by.get(ref, []))
        if n1 == 0 or n2 == 0 or args.group == ref:
            return none_value(period, ref_numerator=0, ref_denominator=0, reference=ref)
        more = dict(ref_numerator=c, ref_denominator=n2, reference=ref)
        if c == 0:
            return dict(period=period, value=None, numerator=a, denominator=n1, low=None,
                        high=None, **more)
        rr = (a / n1) / (c / n2)
        if min(a, n1 - a, c, n2 - c) >= 5:
            lo, hi = katz(a, n1, c, n2)
        else:
            lo, hi = score(a, n1, c, n2)
        return dict(period=period, value=rr, numerator=a, denominator=n1, low=lo,
                    high=None if math.isinf(hi) else hi, **more)
    # pay gap
    comp = "Male" if char == "sex" else "White"
    target = args.group or ("Female" if char == "sex" else None)
    pay = {0: [], 1: []}
    for (g, _, ok), r in people:
        if not ok or r["hourly_pay"].strip() == "" or (r.get("full_pay", "").strip() != ""
                                                       and not flag(r["full_pay"])):
            continue
        if g == comp:
            pay[0].append(float(r["hourly_pay"]))
        elif target is None or g == target:
            pay[1].append(float(r["hourly_pay"]))
    if not pay[0] or not pay[1]:
        return none_value(period, reference=comp)
    f = median if args.median else (lambda v: sum(v) / len(v))
    A, B = f(pay[0]), f(pay[1])
    gap = (A - B) / A * 100
    lo = hi = None
    if not args.median and len(pay[0]) >= 2 and len(pay[1]) >= 2:
        se = 100 / A * math.sqrt(sample_var(pay[1]) / len(pay[1]) +
                                 (B / A) ** 2 * sample_var(pay[0]) / len(pay[0]))
        lo, hi = gap - Z * se, gap + Z * se
    return dict(period=period, value=gap, numerator=len(pay[1]), denominator=len(pay[0]),
                low=lo, high=hi, reference=comp)

def close(x, y):
    if x is None or y is None:
        return x is None and y is None
    return abs(x - y) <= 1e-9 + 1e-7 * abs(y)

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kind", required=True,
                    choices=["share", "rate", "ratio", "completeness", "pay-gap"])
    ap.add_argument("--char", required=True)
    ap.add_argument("--group")
    ap.add_argument("--outcome")
    ap.add_argument("--median", action="store_true")
    ap.add_argument("--where")
    ap.add_argument("--dataset", choices=sorted(PRESETS))
    ap.add_argument("--against")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    values = sorted((measure(args, f) for f in args.files), key=lambda v: period_key(v["period"]))
    if not args.against:
        json.dump(values, sys.stdout, indent=1)
        print()
        return
    got = json.load(open(args.against))
    if isinstance(got, dict):
        got = got["values"]
    if len(got) != len(values):
        sys.exit(f"{len(got)} values, wanted {len(values)}")
    for g, w in zip(got, values):
        for k in ("period", "numerator", "denominator"):
            if g[k] != w[k]:
                sys.exit(f"{w['period']}: {k} {g[k]!r}, wanted {w[k]!r}")
        for k in ("value", "low", "high"):
            if not close(num(g[k]), w[k]):
                sys.exit(f"{w['period']}: {k} {g[k]!r}, wanted {w[k]!r}")
        for k in ("ref_numerator", "ref_denominator", "not_recorded"):
            if k in g and k in w and g[k] != w[k]:
                sys.exit(f"{w['period']}: {k} {g[k]!r}, wanted {w[k]!r}")
    print(f"{len(values)} values agree")

main()
