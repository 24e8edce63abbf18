"""Compare a report with a reference answer the way the corpus scorer reads them.

Text is compared after NFC, case folding and deleting whitespace, hyphens,
dashes, soft hyphens and quote marks (a hyphen at a line wrap cannot be told
from a printed one, and the references drop manual hyphenations); numbers
exactly; ``source``, ``location.page``, ``location.sheet``, ``location.sheet_row``, ``location.bbox``,
``location.cells`` and ``warnings`` are left out (they say where in one file a row stands, which differs between the formats of a report),
and so is ``coverage`` (a measure of the reading, not a value of the report; the scorer ignores it too).
Returns a list of differences, empty when the report matches.
"""

from __future__ import annotations

import unicodedata

_DELETE = dict.fromkeys(map(ord, "-\u2010\u2011\u2012\u2013\u2014\u2212\u00ad\u00ab\u00bb\"\u201c\u201d\u201e'\u2019\u02bc`"))


def norm_text(value):
    if not isinstance(value, str):
        return value
    text = unicodedata.normalize("NFC", value).casefold().translate(_DELETE)
    return "".join(text.split())


def _norm(value, key=None):
    if isinstance(value, dict):
        return {k: _norm(v, k) for k, v in value.items()
                if k not in ("page", "sheet", "sheet_row", "bbox", "cells", "source", "warnings", "coverage")}
    if isinstance(value, list):
        return [_norm(v) for v in value]
    if isinstance(value, float):
        return round(value, 9)
    return norm_text(value)


def differences(golden: dict, output: dict, path: str = "") -> list[str]:
    out: list[str] = []
    g, o = _norm(golden), _norm(output)

    def walk(a, b, p):
        if isinstance(a, dict) and isinstance(b, dict):
            for k in sorted(set(a) | set(b)):
                walk(a.get(k), b.get(k), f"{p}.{k}")
        elif isinstance(a, list) and isinstance(b, list):
            if len(a) != len(b):
                out.append(f"{p}: {len(a)} items expected, {len(b)} found")
            for i, (x, y) in enumerate(zip(a, b)):
                walk(x, y, f"{p}[{i}]")
        elif a != b:
            out.append(f"{p}: expected {a!r}, found {b!r}")

    walk(g, o, path)
    return out
