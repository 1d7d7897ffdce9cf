#!/usr/bin/python3
"""bench/peers/pandas_peer.py FILE.csv: the benchmark's core table with
pandas (Debian python3-pandas, run with /usr/bin/python3): read_csv of the
columns needed (text as categories), then for each characteristic one
groupby-sum by ldu and code, codes relabelled to parity's group names
(ethnicity to its five groups), and the all-ldu rows added up from those.
Prints the canonical tab-separated table (see parity_table.py), unsorted."""
import sys

import pandas as pd

OUTS = ["referred", "started", "completed", "breached"]
ETH = {"W": "White", "M": "Mixed", "A": "Asian", "B": "Black", "O": "Other"}
RELABEL = {
    "ethnicity": lambda v: "Missing" if v == "" else "Not stated" if v == "NS" else ETH[v[0]],
    "sex": lambda v: v or "Missing",
    "disability": lambda v: {"Yes": "Disabled", "No": "Not disabled", "": "Missing"}.get(v, v),
    "religion": lambda v: v or "Missing",
    "sexual_orientation": lambda v: {"Heterosexual": "Heterosexual or straight",
                                     "Gay or Lesbian": "Gay or lesbian",
                                     "Other": "Other sexual orientation", "": "Missing"}.get(v, v),
}


def main():
    text = ["ldu"] + list(RELABEL)
    df = pd.read_csv(sys.argv[1], usecols=text + OUTS, keep_default_na=False,
                     dtype={**{c: "category" for c in text}, **{c: "int64" for c in OUTS}})
    df["n"] = 1
    cols = ["n"] + OUTS
    parts = []
    for ch, relabel in RELABEL.items():
        byldu = df.groupby(["ldu", ch], observed=True)[cols].sum().reset_index()
        byldu["group"] = byldu[ch].astype(str).map(relabel)
        byldu = byldu.groupby(["ldu", "group"])[cols].sum().reset_index()
        all_ = byldu.groupby("group")[cols].sum().reset_index()
        all_["ldu"] = "All"
        both = pd.concat([byldu, all_])
        both.insert(1, "characteristic", ch)
        parts.append(both)
    out = pd.concat(parts).rename(columns={"ldu": "unit"})
    out = out[["unit", "characteristic", "group"] + cols]
    out.to_csv(sys.stdout, sep="\t", index=False)


if __name__ == "__main__":
    main()
