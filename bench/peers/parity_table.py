#!/usr/bin/python3
"""bench/peers/parity_table.py: parity's numbers as the canonical table.

Reads the JSON of `parity analyze FILE --dataset service-users --format json`
and prints, tab-separated with a header, one row per unit (each ldu, and
"All"), characteristic and group:

    unit  characteristic  group  n  referred  started  completed  breached

(unit order is as parity gives it; bench/analyze.sh sorts every table the
same way before comparing). parity's JSON has no plain count table: the
counts are the numerators and denominators of its comparisons, one per
non-reference group and outcome, with the reference group's counts beside
each as ref_numerator/ref_denominator. Following the process:

    n         = denominator of 'referred' (everyone)
    referred  = numerator of 'referred'   = denominator of 'started'
    started   = numerator of 'started'    = denominator of 'completed' and 'breached'
    completed = numerator of 'completed'
    breached  = numerator of 'breached'

Every number that is given twice is checked to agree, and the n of each
unit and characteristic is checked against the completeness table's total;
a disagreement is an error (exit 1). Only the characteristics the peers
compute are printed (age is left out). Groups are named as parity names
them: ethnicity White/Mixed/Asian/Black/Other/Not stated/Missing.
"""
import json
import sys

CHARS = ("ethnicity", "sex", "disability", "religion", "sexual_orientation")
OUTCOMES = ("referred", "started", "completed", "breached")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: parity_table.py REPORT.json")
    with open(sys.argv[1], encoding="utf-8") as f:
        report = json.load(f)
    # (unit, characteristic, group) -> outcome -> (numerator, denominator)
    cells = {}
    problems = []

    def put(unit, ch, group, outcome, num, den):
        key = (unit, ch, group)
        old = cells.setdefault(key, {}).get(outcome)
        if old is not None and old != (num, den):
            problems.append(f"{key} {outcome}: {old} and {(num, den)}")
        cells[key][outcome] = (num, den)

    for c in report["comparisons"]:
        if c["characteristic"] not in CHARS or c["outcome"] not in OUTCOMES:
            continue
        put(c["unit"], c["characteristic"], c["group"], c["outcome"], c["numerator"], c["denominator"])
        put(c["unit"], c["characteristic"], c["reference"], c["outcome"], c["ref_numerator"], c["ref_denominator"])

    rows = []
    totals = {}
    for (unit, ch, group), o in cells.items():
        missing = [x for x in OUTCOMES if x not in o]
        if missing:
            problems.append(f"{(unit, ch, group)}: no {', '.join(missing)}")
            continue
        n = o["referred"][1]
        referred, started = o["referred"][0], o["started"][0]
        completed, breached = o["completed"][0], o["breached"][0]
        if o["started"][1] != referred:
            problems.append(f"{(unit, ch, group)}: started denominator {o['started'][1]} != referred {referred}")
        for x in ("completed", "breached"):
            if o[x][1] != started:
                problems.append(f"{(unit, ch, group)}: {x} denominator {o[x][1]} != started {started}")
        if n == 0:
            continue  # a group with no rows: peers that GROUP BY never see it
        totals[(unit, ch)] = totals.get((unit, ch), 0) + n
        rows.append((unit, ch, group, n, referred, started, completed, breached))

    for c in report.get("completeness", []):
        key = (c["unit"], c["characteristic"])
        if c["characteristic"] in CHARS and key in totals and totals[key] != c["total"]:
            problems.append(f"{key}: groups add up to {totals[key]}, completeness total {c['total']}")

    if problems:
        for p in problems[:20]:
            print("parity_table.py: " + p, file=sys.stderr)
        sys.exit(1)
    out = sys.stdout
    out.write("unit\tcharacteristic\tgroup\tn\treferred\tstarted\tcompleted\tbreached\n")
    for r in rows:
        out.write("\t".join(str(x) for x in r) + "\n")


if __name__ == "__main__":
    main()
