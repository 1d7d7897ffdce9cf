#!/usr/bin/env python3
"""attacker.py: try to recover suppressed cells from what parity publishes.

Independent of parity's C code: reads only the JSON of
`parity publish tables --format json` for one or more releases (files on
the command line) and, from the public structure alone, bounds every
suppressed (null) cell by linear programming (scipy HiGHS) over ALL the
releases together, confirming with integer programming (scipy milp) any
interval that LP leaves at most 2 wide. Prints each null cell's interval;
exits 1, listing them, if a cell with "status": "primary" is pinned to
one value, or if the published values contradict the structure; 2 on
bad input.

What the attacker assumes (all public):
- within a release, for each (characteristic, outcome, measure, unit) the
  groups other than "All" add up to the "All" group, and for each
  (characteristic, outcome, measure, group) the units other than "All"
  add up to the "All" unit;
- the (unit, "All" group) cell is one number in every characteristic;
- an outcome with "of": X has its denominator equal to X's numerator;
- a numerator is at most its denominator; counts are whole and >= 0;
- across releases of one dataset a period is the sum of the periods in
  it (months; "2011" = 2011Q1..Q4, "FY2011-12" = April 2011..March 2012).
  Months inside a released period that no release covers on its own are
  unknown tables of the same structure (one unknown table per set of
  months that the same releases cover);
- with rules.rounding R > 0 a published v is a count in
  v - floor(R/2) .. v + floor(R/2) (and >= 0);
- with --know-status, a "primary" cell is also known to be 1 ..
  threshold-1 (off by default: parity's own audit does not assume it).
"""
import json
import re
import sys

try:
    import numpy as np
    from scipy.optimize import linprog, milp, LinearConstraint, Bounds
    from scipy.sparse import coo_matrix
except ImportError:
    print("attacker.py: needs python3-scipy", file=sys.stderr)
    sys.exit(3)

TOL = 1e-6


def months(period):
    """The set of months (year*12 + month-1) a period covers."""
    m = re.fullmatch(r"(\d{4})", period)
    if m:
        y = int(m[1])
        return frozenset(y * 12 + k for k in range(12))
    m = re.fullmatch(r"(\d{4})[Qq]([1-4])", period)
    if m:
        y, q = int(m[1]), int(m[2])
        return frozenset(y * 12 + 3 * (q - 1) + k for k in range(3))
    m = re.fullmatch(r"(\d{4})-(\d{2})", period)
    if m and 1 <= int(m[2]) <= 12:
        return frozenset([int(m[1]) * 12 + int(m[2]) - 1])
    m = re.fullmatch(r"[Ff][Yy](\d{4})-(\d{2})", period)
    if m:
        y = int(m[1])
        return frozenset(y * 12 + 3 + k for k in range(12))
    raise ValueError(f"unknown period {period!r}")


class Problem:
    """Variables, and rows lo <= sum coef*x <= hi."""

    def __init__(self):
        self.nvar = 0
        self.rows = []  # (dict var->coef, lo, hi)

    def var(self):
        self.nvar += 1
        return self.nvar - 1

    def row(self, terms, lo, hi):
        d = {}
        for v, c in terms:
            d[v] = d.get(v, 0) + c
        d = {v: c for v, c in d.items() if c}
        self.rows.append((d, lo, hi))


def attack(releases, know_status, every_cell=False):
    """Returns (lines, pinned, contradiction)."""
    by_ds = {}
    for r in releases:
        by_ds.setdefault(r["dataset"], []).append(r)
    lines, pinned = [], []
    for ds, rels in sorted(by_ds.items()):
        ls, pn, bad = attack_dataset(ds, rels, know_status, every_cell)
        lines += ls
        pinned += pn
        if bad:
            return lines, pinned, bad
    return lines, pinned, None


def attack_dataset(ds, rels, know_status, every_cell=False):
    per_months = [months(r["period"]) for r in rels]
    # atoms: months grouped by which releases cover them
    sig = {}
    for m in sorted(set().union(*per_months)):
        s = tuple(i for i, pm in enumerate(per_months) if m in pm)
        sig.setdefault(s, []).append(m)
    atoms = sorted(sig)
    of = {}
    for r in rels:
        for o in r.get("outcomes", []):
            of[o["outcome"]] = o.get("of")
    units, groups, outs = set(), {}, set()
    for r in rels:
        for c in r["cells"]:
            units.add(c["unit"])
            groups.setdefault(c["characteristic"], set()).add(c["group"])
            outs.add(c["outcome"])
    units.discard("All")
    for g in groups.values():
        g.discard("All")
    for o in outs:
        of.setdefault(o, None)

    def canon(u, ch, g, o, m):
        seen = 0
        while m == "denominator" and of.get(o) and seen < 50:
            o, m, seen = of[o], "numerator", seen + 1
        return (u, "*" if g == "All" else ch, g, o, m)

    P = Problem()
    var = {}  # (atom, canonical key) -> variable

    def x(a, key):
        k = (a, key)
        if k not in var:
            var[k] = P.var()
        return var[k]

    U = sorted(units) + ["All"]
    rowset = set()
    for a in range(len(atoms)):
        for ch, gs in sorted(groups.items()):
            G = sorted(gs)
            for o in sorted(outs):
                for m in ("numerator", "denominator"):
                    for u in U:
                        terms = tuple(sorted([(x(a, canon(u, ch, g, o, m)), 1) for g in G] +
                                             [(x(a, canon(u, ch, "All", o, m)), -1)]))
                        if terms not in rowset:
                            rowset.add(terms)
                            P.row(terms, 0, 0)
                    for g in G + ["All"]:
                        terms = tuple(sorted([(x(a, canon(u, ch, g, o, m)), 1) for u in U[:-1]] +
                                             [(x(a, canon("All", ch, g, o, m)), -1)]))
                        if terms not in rowset:
                            rowset.add(terms)
                            P.row(terms, 0, 0)
                for u in U:
                    for g in G + ["All"]:
                        n, d = x(a, canon(u, ch, g, o, "numerator")), x(a, canon(u, ch, g, o, "denominator"))
                        if n != d:
                            P.row([(n, 1), (d, -1)], -np.inf, 0)

    def expr(i, c):
        key = canon(c["unit"], c["characteristic"], c["group"], c["outcome"], c["measure"])
        return [(x(a, key), 1) for a, s in enumerate(atoms) if i in s]

    targets = []
    for i, r in enumerate(rels):
        R = int((r.get("rules") or {}).get("rounding") or 0)
        half = R // 2 if R > 1 else 0
        T = int((r.get("rules") or {}).get("threshold") or 10)
        for c in r["cells"]:
            e = expr(i, c)
            if c["value"] is None:
                if every_cell or c.get("status") == "primary":
                    targets.append((r["period"], c, e))
                if know_status and c.get("status") == "primary":
                    P.row(e, 1, T - 1)
            else:
                v = int(c["value"])
                P.row(e, max(0, v - half), v + half)

    n = P.nvar
    # components over variables (union-find)
    parent = list(range(n))

    def find(v):
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    # fix variables that equality rows pin, repeatedly (cheap presolve)
    fixed = {}
    changed = True
    while changed:
        changed = False
        for d, lo, hi in P.rows:
            if lo != hi:
                continue
            free = [v for v in d if v not in fixed]
            if len(free) == 1:
                v = free[0]
                fixed[v] = (lo - sum(c * fixed[w] for w, c in d.items() if w in fixed)) / d[v]
                changed = True
    for v, val in fixed.items():
        if val < -TOL or abs(val - round(val)) > TOL:
            return [], [], f"{ds}: the published values contradict the tables' structure"
    live = []
    for d, lo, hi in P.rows:
        free = [v for v in d if v not in fixed]
        const = sum(c * fixed[w] for w, c in d.items() if w in fixed)
        if not free:
            if const < lo - TOL or const > hi + TOL:
                return [], [], f"{ds}: the published values contradict the tables' structure"
            continue
        for v in free[1:]:
            ra, rb = find(free[0]), find(v)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
        live.append(({v: d[v] for v in free}, lo - const, hi - const))
    comp_rows = {}
    for row in live:
        comp_rows.setdefault(find(next(iter(row[0]))), []).append(row)
    comp_vars = {}
    for v in range(n):
        if v not in fixed:
            comp_vars.setdefault(find(v), []).append(v)

    cache = {}

    def lp_of(roots):
        key = tuple(sorted(roots))
        if key not in cache:
            vs = [v for r in key for v in comp_vars[r]]
            col = {v: j for j, v in enumerate(vs)}
            rows = [row for r in key for row in comp_rows.get(r, [])]
            ri, ci, cv, lo, hi = [], [], [], [], []
            for k, (d, l, h) in enumerate(rows):
                for v, c in d.items():
                    ri.append(k)
                    ci.append(col[v])
                    cv.append(c)
                lo.append(l)
                hi.append(h)
            A = coo_matrix((cv, (ri, ci)), shape=(len(rows), len(vs))).tocsr()
            cache[key] = (col, A, np.array(lo, float), np.array(hi, float), len(vs))
        return cache[key]

    def solve(roots, terms, sense):
        col, A, lo, hi, nv = lp_of(roots)
        c = np.zeros(nv)
        for v, k in terms:
            c[col[v]] += k
        eq = lo == hi
        kw = {}
        if eq.any():
            kw["A_eq"], kw["b_eq"] = A[eq], lo[eq]
        ub_rows = ~eq
        if ub_rows.any():
            Au, l, h = A[ub_rows], lo[ub_rows], hi[ub_rows]
            parts, rhs = [], []
            fin_h, fin_l = np.isfinite(h), np.isfinite(l)
            if fin_h.any():
                parts.append(Au[fin_h])
                rhs.append(h[fin_h])
            if fin_l.any():
                parts.append(-Au[fin_l])
                rhs.append(-l[fin_l])
            from scipy.sparse import vstack
            kw["A_ub"], kw["b_ub"] = vstack(parts).tocsr(), np.concatenate(rhs)
        res = linprog(sense * c, bounds=(0, None), method="highs", **kw)
        if res.status == 2:
            return "infeasible", None, None
        if res.status == 3:
            return "unbounded", None, None
        if res.status != 0:
            raise RuntimeError(res.message)
        return "ok", sense * res.fun, res.x

    def mip(roots, terms, sense):
        col, A, lo, hi, nv = lp_of(roots)
        c = np.zeros(nv)
        for v, k in terms:
            c[col[v]] += k
        cons = [LinearConstraint(A, lo, hi)] if A.shape[0] else []
        res = milp(sense * c, integrality=np.ones(nv), bounds=Bounds(0, np.inf),
                   constraints=cons)
        if res.status == 2:
            return None
        if res.status != 0:
            raise RuntimeError(res.message)
        return sense * res.fun

    # Screening: a few answers that fit everything published (every free
    # count pushed down together, then up together). A target these
    # answers already spread more than 2 apart has an interval wider than
    # any the whole-number step below would look at: not pinned, so its
    # own two solves are skipped (the interval printed is what the answers
    # showed, inside the true one).
    screens = {}

    def screen(roots):
        key = tuple(sorted(roots))
        if key not in screens:
            col, A, lo, hi, nv = lp_of(roots)
            pts = []
            rng = np.random.default_rng(len(col))
            for k in range(6):
                # down together, up together, then mixed directions
                w = [1] * len(col) if k < 2 else list(rng.choice([-1, 1], len(col)))
                st, _, xs = solve(roots, list(zip(col, w)), 1 if k != 1 else -1)
                if st == "ok":
                    pts.append(xs)
            screens[key] = pts
        return screens[key]

    lines = []
    memo = {}  # the same count shown in several tables is bounded once
    for period, c, e in targets:
        const = sum(k * fixed[v] for v, k in e if v in fixed)
        free = [(v, k) for v, k in e if v not in fixed]
        name = f"{period} {c['unit']} | {c['characteristic']} | {c['group']} | {c['outcome']} {c['measure']} ({c.get('status')})"
        if not free:
            lo = hi = int(round(const))
        elif tuple(sorted(free)) + (const,) in memo:
            lo, hi = memo[tuple(sorted(free)) + (const,)]
        else:
            roots = {find(v) for v, _ in free}
            col = lp_of(roots)[0]
            seen = [sum(k * x[col[v]] for v, k in free) + const for x in screen(roots)]
            if seen and np.ceil(min(seen) - TOL) + 2 < np.floor(max(seen) + TOL):
                lines.append((name, int(np.ceil(min(seen) - TOL)), int(np.floor(max(seen) + TOL)),
                              c.get("status")))
                continue
            st, vmin, xmin = solve(roots, free, 1)
            if st == "infeasible":
                return lines, [], f"{ds}: the published values contradict the tables' structure"
            st2, vmax, xmax = solve(roots, free, -1)
            lo = int(np.ceil(vmin + const - TOL))
            hi = None if st2 == "unbounded" else int(np.floor(vmax + const + TOL))
            if hi is not None and hi - lo <= 2:
                # settle on whole numbers, unless the LP points were whole
                if np.any(np.abs(xmin - np.round(xmin)) > TOL):
                    m = mip(roots, free, 1)
                    if m is None:
                        return lines, [], f"{ds}: no whole-number counts fit the published values"
                    lo = int(np.ceil(m + const - TOL))
                if np.any(np.abs(xmax - np.round(xmax)) > TOL):
                    m = mip(roots, free, -1)
                    hi = int(np.floor(m + const + TOL))
            memo[tuple(sorted(free)) + (const,)] = (lo, hi)
        lines.append((name, lo, hi, c.get("status")))
    pinned = [(nm, lo) for nm, lo, hi, st in lines if st == "primary" and lo == hi]
    return lines, pinned, None


def main(argv):
    know = "--know-status" in argv
    every = "--all" in argv
    files = [a for a in argv[1:] if a not in ("--know-status", "--all")]
    if not files:
        print("usage: attacker.py [--know-status] [--all] RELEASE.json...\n"
              "  bounds every primary cell (--all: every suppressed cell)", file=sys.stderr)
        return 2
    try:
        rels = [json.load(open(f)) for f in files]
        lines, pinned, bad = attack(rels, know, every)
    except (OSError, ValueError, KeyError, TypeError) as ex:
        print(f"attacker.py: {ex}", file=sys.stderr)
        return 2
    for name, lo, hi, _ in lines:
        print(f"{name}: {lo}..{'inf' if hi is None else hi}")
    if bad:
        print(f"CONTRADICTION {bad}")
        return 1
    for name, v in pinned:
        print(f"PINNED {name} = {v}")
    print(f"attacker: {len(lines)} suppressed cells, {len(pinned)} primary cells pinned")
    return 1 if pinned else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
