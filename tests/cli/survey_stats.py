#!/usr/bin/env python3
"""Independent check of 'parity survey results --format json' (tests/cli/
cases_surveys.sh): from the same responses spreadsheet, compute in plain
Python each group's count and share per choice (a scale: its top two
points), the difference from the reference group with Newcombe's hybrid
score interval (from Wilson intervals), p by Fisher's exact test when an
expected count is below 5 and the two-proportion z test otherwise, Holm's
adjustment across every comparison, and the publication threshold; and
compare with parity's answer.

usage: survey_stats.py RESPONSES.csv RESULTS.json SURVEY.json THRESHOLD
RESPONSES.csv has columns q1..qN and ethnicity (group names as parity's
high-level groups, or "Prefer not to say"); SURVEY.json is 'survey show
--format json'.
"""
import csv, json, sys

from stats_ref import holm, newcombe, ptest

def suppress_rest(total, n, hidden, groups, ref, th):
    """Secondary suppression: hide the smallest shown group but the
    reference while the total less the shown groups is 1 to th - 1;
    True when the total itself must go."""
    while True:
        rest = total - sum(n[g] for g in groups if not hidden[g])
        if rest <= 0 or rest >= th:
            return False
        pick = None
        for g in groups:
            if not hidden[g] and g != ref and n[g] > 0 and (pick is None or n[g] < n[pick]):
                pick = g
        if pick is None:
            return True
        hidden[pick] = True

def close(x, y, what):
    assert abs(x - y) <= 1e-9 + 1e-7 * abs(y), (what, x, y)

def main():
    rows = list(csv.DictReader(open(sys.argv[1])))
    res = json.load(open(sys.argv[2]))
    survey = json.load(open(sys.argv[3]))
    th = int(sys.argv[4])
    recorded = ["White", "Mixed", "Asian", "Black", "Other"]
    groups = recorded + ["Not stated", "Missing"]
    def grp(r):
        g = r.get("ethnicity", "")
        return "Not stated" if g == "Prefer not to say" else (g or "Missing")
    gn = {g: sum(1 for r in rows if grp(r) == g) for g in groups}
    assert res["threshold"] == th and res["by"] == "ethnicity"
    ref = "White" if gn["White"] >= th else max((g for g in recorded if gn[g] >= th), key=lambda g: gn[g])
    assert res["reference"] == ref, res["reference"]
    ghid = {g: gn[g] < th for g in groups}
    total_hidden = len(rows) < th or suppress_rest(len(rows), gn, ghid, groups, ref, th)
    assert res["responses"] == (None if total_hidden else len(rows))
    for go in res["groups"]:
        if not ghid[go["group"]]:
            assert go["responses"] == gn[go["group"]], go
        else:
            assert go.get("hidden") is True and "responses" not in go, go
    # every row: (question, choice) -> per group (k, n)
    expect = []
    secondary = [0]
    for q in survey["questions"]:
        key = "q%d" % q["number"]
        if q["type"] == "text":
            continue
        if q["type"] == "scale":
            top = q["scale"][1]
            outcomes = [(0, lambda v: int(v) >= top - 1)]
        else:
            outcomes = [(i + 1, (lambda c: lambda v: c in v.split(";"))(ch))
                        for i, ch in enumerate(q["choices"])]
        qn = {g: sum(1 for r in rows if r[key] != "" and grp(r) == g) for g in groups}
        all_n = sum(1 for r in rows if r[key] != "")
        hid = {g: qn[g] < th or ghid[g] for g in groups}
        hid["All"] = all_n < th or total_hidden or suppress_rest(all_n, qn, hid, groups, ref, th)
        if not hid["All"]:
            # all or none: the hidden groups of a row together answered
            # alike, so each hidden group's answer could be worked out:
            # hide the smallest shown group, the reference last
            def alike():
                for choice, fav in outcomes:
                    ans = [r[key] for r in rows if r[key] != "" and hid[grp(r)]]
                    kh = sum(1 for v in ans if fav(v))
                    if ans and (kh == 0 or kh == len(ans)):
                        return True
                return False
            while alike():
                shown = [g for g in groups if not hid[g] and qn[g] > 0]
                others = [g for g in shown if g != ref]
                pick = min(others or shown, key=lambda g: qn[g], default=None) if shown else None
                if pick is None:
                    break
                hid[pick] = True
        for choice, fav in outcomes:
            cells = {}
            for g in ["All"] + groups:
                ans = [r[key] for r in rows if r[key] != "" and (g == "All" or grp(r) == g)]
                cells[g] = (sum(1 for v in ans if fav(v)), len(ans), hid[g])
            expect.append((q["number"], choice, cells))
            secondary[0] += sum(1 for g in groups if hid[g] and qn[g] >= th)
    got = [(q["number"], row) for q in res["questions"] for row in q["rows"]]
    assert len(got) == len(expect), (len(got), len(expect))
    ps, where = [], []
    for (qn, row), (eq, ec, cells) in zip(got, expect):
        assert qn == eq and row["choice"] == ec, (qn, row["choice"], eq, ec)
        for g in ["All"] + groups:
            cell = row["all"] if g == "All" else row["groups"][g]
            k, n, hidden = cells[g]
            if hidden:
                assert cell.get("hidden") is True and "count" not in cell and "share" not in cell, (qn, g, cell)
                continue
            assert "hidden" not in cell, (qn, g, cell)
            assert cell["responses"] == n and cell["count"] == k, (qn, g, cell, k, n)
            close(cell["share"], k / n, "share")
            rk, rn, rhid = cells[ref]
            if g in recorded and g != ref and not rhid:
                d, lo, hi = newcombe(k, n, rk, rn)
                p, test = ptest(k, n, rk, rn)
                close(cell["difference"], d, "difference")
                close(cell["ci_low"], lo, "ci_low")
                close(cell["ci_high"], hi, "ci_high")
                close(cell["p"], p, "p %s %s" % (qn, g))
                assert cell["test"] == test, (cell["test"], test)
                ps.append(p)
                where.append(cell)
            else:
                assert "difference" not in cell, (qn, g, cell)
    assert res["comparisons"] == len(ps), (res["comparisons"], len(ps))
    for cell, adj in zip(where, holm(ps)):
        close(cell["p_adjusted"], adj, "p_adjusted")
    tests = {c["test"] for c in where}
    print("checked %d comparisons (%s); %d cells hidden by secondary suppression"
          % (len(ps), ", ".join(sorted(tests)), secondary[0]))

main()
