"""The corpus scorer's rules, for the pinned cases (tests/cases/).

Copied from ``shared/tools/score.py`` (output contract version 1), the scorer
the reference corpus is judged with; CI has only this repository, so the rules
live here too. ``test_scoring.py`` checks that the two agree whenever score.py
is present (``$SCORER``, or ``shared/tools/score.py`` in a folder above the
repository). Change nothing here without the same change there.

Points, each worth 1: metadata (7 fields); one per golden decision whose
(date, number) is in the output; funding rows matched by (number, object) earn
one per field of 11 and one per breakdown entry found; indicator rows matched
by (group, number) one per field of 7. field_accuracy = points / golden
points; row_precision = matched output rows / all output rows (1 when none).
Text is compared after NFC, casefold, Latin look-alikes read as Cyrillic and
deleting whitespace, dashes, soft hyphens and quotes, then by a difflib ratio
of at least 0.95; numbers within 1e-6; null equals only null.
"""

from __future__ import annotations

import difflib
import math
import unicodedata
from dataclasses import dataclass, field
from fractions import Fraction

DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"
SOFT_HYPHEN = "\u00ad"
QUOTES = "\u00ab\u00bb\"\u201c\u201d\u201e'\u2019\u02bc`"
_DELETE = frozenset(DASHES + SOFT_HYPHEN + QUOTES)
_LOOKALIKES = str.maketrans("aceiopxykmthb", "асеіорхукмтнв")
RATIO = 0.95
EPS = 1e-6

METADATA_FIELDS = [
    ("document", "title"),
    ("document", "kind"),
    ("program", "name"),
    ("program", "period"),
    ("program", "responsible_executor"),
    ("signatory", "name"),
    ("funding_unit",),
]
FUNDING_FIELDS = ["task_number", "task", "measure", "object", "term", "years",
                  "executor", "planned", "actual", "percent", "kind"]
INDICATOR_FIELDS = ["name", "unit", "planned", "actual", "reason", "remedy", "group_title"]
NUMBER_FIELDS = {"planned", "actual", "percent"}


# -- comparisons ---------------------------------------------------------------------------

def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _as_text(value):
    if isinstance(value, str):
        return value
    if _is_number(value):
        return str(value)
    return None


def norm_text(value):
    """Normalized form of a text value; None for null."""
    if value is None:
        return None
    s = _as_text(value)
    if s is None:  # a list, an object, a boolean: never equal to real text
        return "\x00" + repr(value)
    s = unicodedata.normalize("NFC", s).casefold().translate(_LOOKALIKES)
    return "".join(ch for ch in s if not ch.isspace() and ch not in _DELETE)


def text_eq(golden, output) -> bool:
    if golden is None or output is None:
        return golden is None and output is None
    if _as_text(golden) is None or _as_text(output) is None:
        return False
    a, b = norm_text(golden), norm_text(output)
    if a == b:
        return True
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= RATIO


def num_eq(golden, output) -> bool:
    if golden is None or output is None:
        return golden is None and output is None
    if not (_is_number(golden) and _is_number(output)):
        return False
    return abs(golden - output) <= EPS


def years_eq(golden, output) -> bool:
    if golden is None or output is None:
        return golden is None and output is None
    if not isinstance(golden, list) or not isinstance(output, list):
        return False
    return len(golden) == len(output) and all(num_eq(a, b) for a, b in zip(golden, output))


def period_eq(golden, output) -> bool:
    if golden is None or output is None:
        return golden is None and output is None
    if not isinstance(golden, dict) or not isinstance(output, dict):
        return False
    return num_eq(golden.get("start"), output.get("start")) and num_eq(golden.get("end"), output.get("end"))


def field_eq(name: str, golden, output) -> bool:
    if name == "years":
        return years_eq(golden, output)
    if name == "period":
        return period_eq(golden, output)
    if name in NUMBER_FIELDS:
        return num_eq(golden, output)
    return text_eq(golden, output)


# -- one pair ------------------------------------------------------------------------------

def _dig(doc, *keys):
    cur = doc
    for k in keys:
        if not isinstance(cur, dict):
            return None
        cur = cur.get(k)
    return cur


def _rows(doc, key):
    rows = doc.get(key) if isinstance(doc, dict) else None
    return rows if isinstance(rows, list) else []


def _get(row, key):
    return row.get(key) if isinstance(row, dict) else None


def _breakdown(row):
    b = _get(row, "breakdown")
    return [e for e in b if isinstance(e, dict)] if isinstance(b, list) else []


@dataclass
class Score:
    points: int = 0
    total: int = 0
    matched_rows: int = 0
    output_rows: int = 0
    lost: list[str] = field(default_factory=list)   # one line per lost point or spurious row

    @property
    def field_accuracy(self) -> Fraction:
        return Fraction(self.points, self.total) if self.total else Fraction(0)

    @property
    def row_precision(self) -> Fraction:
        return Fraction(self.matched_rows, self.output_rows) if self.output_rows else Fraction(1)


def golden_points(golden: dict) -> int:
    return (len(METADATA_FIELDS) + len(_rows(golden, "decisions"))
            + len(FUNDING_FIELDS) * len(_rows(golden, "funding"))
            + sum(len(_breakdown(r)) for r in _rows(golden, "funding"))
            + len(INDICATOR_FIELDS) * len(_rows(golden, "indicators")))


def _match(golden_rows, output_rows, passes):
    """Greedy matching in document order; returns {golden index: output index}."""
    used: set[int] = set()
    pairs: dict[int, int] = {}
    for same in passes:
        for gi, g in enumerate(golden_rows):
            if gi in pairs:
                continue
            for oi, o in enumerate(output_rows):
                if oi in used or not isinstance(o, dict):
                    continue
                if same(g, o):
                    pairs[gi] = oi
                    used.add(oi)
                    break
    return pairs


def _score_rows(s, section, grows, orows, pairs, fields, label):
    s.matched_rows += len(pairs)
    s.output_rows += len(orows)
    for gi, g in enumerate(grows):
        if gi not in pairs:
            s.lost.append(f"{section} missing row [{label(g)}] (-{len(fields)})")
            continue
        o = orows[pairs[gi]]
        for f in fields:
            if field_eq(f, _get(g, f), _get(o, f)):
                s.points += 1
            else:
                s.lost.append(f"{section} [{label(g)}] {f}: expected {_get(g, f)!r}, found {_get(o, f)!r}")
    for oi in sorted(set(range(len(orows))) - set(pairs.values())):
        o = orows[oi]
        s.lost.append(f"{section} spurious row [{label(o) if isinstance(o, dict) else o!r}]")


def _score_breakdown(s, grows, orows, pairs):
    for gi, g in enumerate(grows):
        gb = _breakdown(g)
        if not gb or gi not in pairs:
            continue
        ob = _breakdown(orows[pairs[gi]])
        for e in gb:
            if any(_get(e, "year") == _get(x, "year")
                   and text_eq(_get(e, "funding_source"), _get(x, "funding_source"))
                   and num_eq(_get(e, "planned"), _get(x, "planned"))
                   and num_eq(_get(e, "actual"), _get(x, "actual")) for x in ob):
                s.points += 1
            else:
                s.lost.append(f"funding [{_get(g, 'number')}] breakdown {e!r} not found")


def score_pair(golden: dict, output: dict) -> Score:
    s = Score(total=golden_points(golden))

    for keys in METADATA_FIELDS:
        g, o = _dig(golden, *keys), _dig(output, *keys)
        if field_eq(keys[-1], g, o):
            s.points += 1
        else:
            s.lost.append(f"metadata {'.'.join(keys)}: expected {g!r}, found {o!r}")

    gd, od = _rows(golden, "decisions"), _rows(output, "decisions")

    def dec_key(r):
        return (norm_text(_get(r, "date")), norm_text(_get(r, "number")))

    pairs = _match(gd, od, [lambda g, o: dec_key(g) == dec_key(o)])
    s.points += len(pairs)
    s.matched_rows += len(pairs)
    s.output_rows += len(od)
    s.lost += [f"decision missing: {_get(g, 'date')} № {_get(g, 'number')}"
               for gi, g in enumerate(gd) if gi not in pairs]
    s.lost += [f"decision spurious: {od[oi]!r}" for oi in sorted(set(range(len(od))) - set(pairs.values()))]

    gf, of = _rows(golden, "funding"), _rows(output, "funding")

    def same_number(g, o):
        return norm_text(_get(g, "number")) == norm_text(_get(o, "number"))

    passes = [
        lambda g, o: same_number(g, o) and norm_text(_get(g, "object")) == norm_text(_get(o, "object")),
        lambda g, o: same_number(g, o) and text_eq(_get(g, "object"), _get(o, "object")),
    ]
    pairs = _match(gf, of, passes)
    _score_rows(s, "funding", gf, of, pairs, FUNDING_FIELDS,
                lambda r: f"{_get(r, 'number')}" + (f" / {_get(r, 'object')}" if _get(r, "object") else ""))
    _score_breakdown(s, gf, of, pairs)

    gi_rows, oi_rows = _rows(golden, "indicators"), _rows(output, "indicators")

    def ind_key(r):
        return (norm_text(_get(r, "group")), norm_text(_get(r, "number")))

    pairs = _match(gi_rows, oi_rows, [lambda g, o: ind_key(g) == ind_key(o)])
    _score_rows(s, "indicators", gi_rows, oi_rows, pairs, INDICATOR_FIELDS,
                lambda r: f"{_get(r, 'group')} {_get(r, 'number')}")
    return s


def fmt_ratio(value: Fraction) -> str:
    """A ratio truncated (not rounded) to three decimals, as the scorer prints it: 1.000 means nothing lost."""
    q = value.numerator * 1000 // value.denominator
    return f"{q // 1000}.{q % 1000:03d}"
