#!/usr/bin/env python3
"""Compare contract fields that score.py does not score: document.annex, signatory.position, decisions[].text,
funding row count/kinds. Text compared after the scorer's normalization (casefold, no spaces/dashes/quotes)."""
import json
import sys
import unicodedata
from pathlib import Path

DEL = set("-\u2010\u2011\u2012\u2013\u2014\u2212\u00ad\u00ab\u00bb\"\u201c\u201d\u201e'\u2019\u02bc`")


def norm(s):
    if s is None:
        return None
    s = unicodedata.normalize("NFC", str(s)).casefold()
    return "".join(c for c in s if not c.isspace() and c not in DEL)


base = Path(sys.argv[1]).parent
for line in open(sys.argv[1]):
    g, o = line.rstrip("\n").split("\t")
    try:
        G = json.load(open(base / g))
        O = json.load(open(base / o))
    except Exception as e:  # noqa: BLE001
        print(f"{o}: unreadable ({e})")
        continue
    probs = []
    for path in (("document", "annex"), ("signatory", "position")):
        gv, ov = G, O
        for k in path:
            gv = (gv or {}).get(k)
            ov = (ov or {}).get(k)
        if norm(gv) != norm(ov):
            probs.append(f"{'.'.join(path)}: expected {gv!r} got {ov!r}")
    gt = [norm(d["text"]) for d in G["decisions"]]
    ot = [norm(d["text"]) for d in O.get("decisions", [])]
    if gt != ot:
        probs.append(f"decision texts: expected {[d['text'] for d in G['decisions']]} got {[d['text'] for d in O.get('decisions', [])]}")
    if probs:
        print(f"{Path(o).name}:\n  " + "\n  ".join(probs))
