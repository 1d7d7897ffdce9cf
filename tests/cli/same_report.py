#!/usr/bin/python3
"""Exit 0 when two Diversity Report JSON files give the same comparisons
and four-fifths entries (what a stored period and the file it came from
must share); print the first difference otherwise."""
import json
import sys

a, b = (json.load(open(p)) for p in sys.argv[1:3])
for key in ("comparisons", "impact"):
    if a.get(key) != b.get(key):
        for x, y in zip(a.get(key, []), b.get(key, [])):
            if x != y:
                print(key, x, y, sep="\n")
                break
        sys.exit(1)
sys.exit(0)
