#!/usr/bin/env python3
"""The crawler of the public pages (issue 16): starting from /public, follow
every link under /public (pages, CSV downloads; spreadsheets are checked to
be spreadsheets) and check that every number a page or download shows is a
number the releases publish — a released cell's value, a rate or share
worked out from two published values, a year, a day of a date, or a number
of the rules (threshold, rounding, small group) — and that a withheld cell
shows as [c].

Usage: publish_crawl.py BASE RELEASE.json... ; or, to check the draft
tables of a saved check page: publish_crawl.py --page FILE DRAFT.json...
The JSON files are `parity publish tables --format json` of each release.
Prints what it checked; exits 1 with each offending number and where.
"""
import csv
import html
import io
import json
import re
import sys
import urllib.parse
import urllib.request

MONTHS = ("January February March April May June July August September "
          "October November December").split()
DATE_RE = re.compile(r"\b\d{1,2} (?:%s) \d{4}\b" % "|".join(MONTHS))
TIME_RE = re.compile(r"\b\d{1,2}:\d\d(?:am|pm)\b")
NUM_RE = re.compile(r"\d[\d,]*(?:\.\d+)?%?")


def allowed_numbers(releases):
    """Every number the releases let a page show, as the page writes it."""
    ok = set()
    for d in releases:
        r = d["rules"]
        for v in (1, r["threshold"], r["threshold"] - 1, r["rounding"], r["small_group"], 5, 10):
            ok.add(str(v))
        vals = {}
        for c in d["cells"]:
            if c["value"] is not None:
                ok.add(f'{c["value"]:,}')
                vals[(c["unit"], c["characteristic"], c["group"], c["outcome"],
                      c["measure"])] = c["value"]
        for (u, ch, g, o, m), v in vals.items():
            if m != "numerator":
                continue
            den = vals.get((u, ch, g, o, "denominator"))
            if den:  # as the pages work it out (a fraction, then times 100)
                ok.add(f"{v / den * 100.0:.1f}%")
        for (u, ch, g, o, m), v in vals.items():  # shares of the workforce
            if m != "denominator":
                continue
            tot = vals.get((u, ch, "All", o, "denominator"))
            if tot:
                ok.add(f"{100.0 * v / tot:.1f}%")
    return ok


def withheld(releases):
    """(dataset, period, unit, characteristic, group, outcome, measure) of
    each suppressed cell, and every cell's published value."""
    sup, pub = set(), {}
    for d in releases:
        for c in d["cells"]:
            k = (d["dataset"], d["period"], c["unit"], c["characteristic"], c["group"],
                 c["outcome"], c["measure"])
            if c["value"] is None:
                sup.add(k)
            else:
                pub[k] = c["value"]
    return sup, pub


def page_text(body):
    main = body
    i, j = body.find("<main"), body.find("</main>")
    if i >= 0 and j > i:
        main = body[i:j]
    main = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", main)
    text = html.unescape(re.sub(r"<[^>]*>", " ", main))
    text = DATE_RE.sub(" ", text)
    return TIME_RE.sub(" ", text)


def check_text(where, text, ok, bad):
    for m in NUM_RE.finditer(text):
        n = m.group(0).rstrip(",")
        if re.fullmatch(r"(19|20)\d\d", n):  # a year
            continue
        if n not in ok:
            ctx = text[max(0, m.start() - 40):m.end() + 20].replace("\n", " ")
            bad.append(f"{where}: {n!r} is no published number (…{ctx}…)")


def check_csv(where, body, sup, pub, bad):
    rows = list(csv.DictReader(io.StringIO(body)))
    if not rows:
        bad.append(f"{where}: no rows")
    for r in rows:
        k = (r["dataset"], r["period"], r["unit"], r["characteristic"], r["group"],
             r["outcome"], r["measure"])
        if k in sup:
            if r["value"] != "[c]":
                bad.append(f"{where}: withheld cell {k} shows {r['value']!r}")
        elif k in pub:
            if r["value"] != str(pub[k]):
                bad.append(f"{where}: {k} shows {r['value']!r}, released {pub[k]}")
        else:
            bad.append(f"{where}: {k} is in no release")
    return len(rows)


def crawl(base, releases):
    ok = allowed_numbers(releases)
    sup, pub = withheld(releases)
    seen, todo, bad = set(), ["/public"], []
    pages = csvs = xlsxs = cells = 0
    while todo:
        path = todo.pop(0)
        if path in seen:
            continue
        seen.add(path)
        with urllib.request.urlopen(base + path) as resp:
            ctype = resp.headers.get("Content-Type", "")
            data = resp.read()
        if "text/csv" in ctype:
            csvs += 1
            cells += check_csv(path, data.decode("utf-8"), sup, pub, bad)
            continue
        if "spreadsheetml" in ctype:
            xlsxs += 1
            if not data.startswith(b"PK"):
                bad.append(f"{path}: not a spreadsheet")
            continue
        body = data.decode("utf-8")
        pages += 1
        check_text(path, page_text(body), ok, bad)
        for href in re.findall(r'href="([^"#?]+)', body):
            href = html.unescape(href)
            u = urllib.parse.urlparse(href)
            if u.scheme or u.netloc:
                continue
            if href.startswith("/public") and href not in seen:
                todo.append(href)
    print(f"crawled {pages} pages, {csvs} CSV files ({cells} rows), {xlsxs} spreadsheets; "
          f"{len(bad)} problems")
    return bad


def main():
    args = sys.argv[1:]
    if args and args[0] == "--page":
        # the check page: its draft tables (what will be published); the
        # counts of withheld numbers above them are counts of cells
        releases = [json.load(open(f)) for f in args[2:]]
        bad = []
        body = open(args[1], encoding="utf-8").read()
        i = body.find("The tables as they will be published")
        if i < 0:
            bad.append(f"{args[1]}: no draft tables")
        check_text(args[1], page_text(body[i:]), allowed_numbers(releases), bad)
        print(f"checked the draft tables of {args[1]}; {len(bad)} problems")
    else:
        releases = [json.load(open(f)) for f in args[1:]]
        bad = crawl(args[0], releases)
    for b in bad[:40]:
        print(b)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
