"""Positioned words on a character grid: the input of the table finder over words.

The finder reads tables whose cells are not drawn: PDF pages without (or with
few) ruling lines, layout text (``pdftotext -layout``) and OCR words. Its input
is a plain list of positioned words (``Word``: text, x0, x1, top, bottom,
line). ``grid_lines`` puts them on a character grid, as ``pdftotext -layout``
does: x in character widths, one grid line per printed line, blank grid lines
where the printed lines stand further apart than usual. Layout text is
already on that grid (``text_lines``: each character's column is its x, its
line its y).

On a grid line, a *fragment* is a run of words joined by single spaces (two
or more spaces separate fragments); the steps of the finder (``columns``,
``regions``, ``header``, ``rows``, ``assemble`` beside this module) work on
fragments and on the word breaks inside them.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from typing import Sequence

from .finder_settings import FinderSettings
from .tokens import has_decimals, is_amount, is_dash


FRAGMENT_RE = re.compile(r"[^ ]+(?: [^ ]+)*")
WORD_RE = re.compile(r"[^ ]+")


@dataclass(frozen=True, slots=True)
class Word:
    """One printed word: its text and where it stands.

    x0 < x1 and top < bottom in any one unit (PDF points, OCR pixels, or
    character columns and line numbers of layout text); ``line`` numbers the
    printed line the word belongs to (words of one line share it), counted
    top to bottom on the page.
    """

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    line: int


@dataclass
class Frag:
    """A run of text on one line: [x0, x1) in character columns."""

    x0: int
    x1: int
    text: str


@dataclass
class Line:
    """One line of a page with its fragments."""

    text: str
    frags: list[Frag]

    @property
    def blank(self) -> bool:
        return not self.frags

    @property
    def x0(self) -> int:
        return self.frags[0].x0

    @property
    def x1(self) -> int:
        return self.frags[-1].x1


def words_from_text(page: str) -> list[Word]:
    """The words of one page of layout text: x is the character column, the line number is y."""
    out = []
    for n, raw in enumerate(page.split("\n")):
        text = raw.rstrip("\r").expandtabs(8)
        # other control characters would break the column arithmetic
        text = "".join(" " if (ord(ch) < 32) else ch for ch in text)
        out.extend(Word(m.group(), m.start(), m.end(), n, n + 1, n) for m in WORD_RE.finditer(text))
    return out


def text_lines(page: str, *, cfg: FinderSettings) -> list[Line]:
    """One page of layout text as grid lines (its words are on the grid already).

    Amounts printed one space apart are separate fragments (``split_packed_amounts``).
    """
    words = words_from_text(page)
    n_lines = page.count("\n") + 1
    by_line: list[list[Word]] = [[] for _ in range(n_lines)]
    for w in words:
        by_line[w.line].append(w)
    return [split_packed_amounts(place_words(ws, 1.0, 0.0, cfg=cfg), unit_letters=cfg.unit_before_amounts_letters)
            for ws in by_line]


def closed_amounts(words: list[str]) -> list[tuple[int, int]] | None:
    """Words (split at single spaces) read as amounts that end with their decimals, as (first, end) word spans.

    "2 474,5 2 474,5" reads as two amounts: an amount with decimals ends
    with them, so the next word opens the next one. A dash is an amount of
    its own (no value). None when the words do not all read so.
    """
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        if is_dash(words[i]):
            out.append((i, i + 1))
            i += 1
            continue
        j = next(
            (j for j in range(i + 1, len(words) + 1)
             if has_decimals(" ".join(words[i:j])) and is_amount(" ".join(words[i:j]))),
            None,
        )
        if j is None:
            return None
        out.append((i, j))
        i = j
    return out


def split_packed_amounts(line: Line, *, unit_letters: int) -> Line:
    """The line with fragments of amounts printed one space apart cut into one fragment per amount.

    Narrow number columns print their values one space apart
    ("2 474,5 2 474,5"): one fragment, read as one cell. An amount with
    decimals ends with them, so a fragment made only of such amounts (or
    dashes) separated by single spaces is cut between them; a number
    without decimals ("1 250 300") is never cut, its groups may be
    thousands. So is a short text of letters (a unit, "тис. грн", at most
    ``unit_letters`` characters) printed one space before such amounts.
    """
    if not any(" " in f.text for f in line.frags):
        return line
    out: list[Frag] = []
    for f in line.frags:
        words = f.text.split(" ")
        cut = None
        if len(words) > 1:
            for k in range(len(words)):
                unit = " ".join(words[:k])
                if k and (len(unit) > unit_letters or any(ch.isdigit() for ch in unit)):
                    break
                spans = closed_amounts(words[k:])
                if spans is not None and (len(spans) > 1 or k) and (not k or any(ch.isalpha() for ch in unit)):
                    if k and not any(ch.isdigit() for ch in f.text):
                        break
                    cut = (k, spans)
                    break
        if cut is None:
            out.append(f)
            continue
        k, spans = cut
        starts = [0]
        for w in words[:-1]:
            starts.append(starts[-1] + len(w) + 1)
        if k:
            out.append(Frag(f.x0, f.x0 + starts[k] - 1, " ".join(words[:k])))
        for a, b in spans:
            x = f.x0 + starts[k + a]
            text = " ".join(words[k + a : k + b])
            out.append(Frag(x, x + len(text), text))
    return Line(line.text, out) if len(out) != len(line.frags) else line


def place_words(words: Sequence[Word], unit: float, origin: float, *, cfg: FinderSettings) -> Line:
    """One printed line's words (left to right) on the character grid.

    A word starts at its x in character widths (``unit``) from ``origin``,
    but after the word before it: one space after it when the real gap is
    narrower than ``cfg.fragment_gap`` character widths (the same fragment),
    at least two spaces otherwise (a new fragment).
    """
    chars: list[str] = []
    prev: Word | None = None
    for w in sorted(words, key=lambda w: w.x0):
        col = round((w.x0 - origin) / unit)
        end = len(chars)
        if prev is not None:
            if (w.x0 - prev.x1) / unit < cfg.fragment_gap:
                col = end + 1
            else:
                col = max(col, end + 2)
        col = max(col, end)
        chars.extend(" " * (col - end))
        chars.extend(w.text)
        prev = w
    text = "".join(chars)
    return Line(text, [Frag(m.start(), m.end(), m.group()) for m in FRAGMENT_RE.finditer(text)])


def char_width(words: Sequence[Word]) -> float:
    """The typical width of one character of the words (the grid unit); 1.0 when there are none."""
    widths = [(w.x1 - w.x0) / len(w.text) for w in words if w.text and w.x1 > w.x0]
    return statistics.median(widths) if widths else 1.0


def grid_lines(
    words: Sequence[Word],
    *,
    cfg: FinderSettings,
    unit: float | None = None,
    origin: float | None = None,
    spans_out: list[tuple[float, float] | None] | None = None,
) -> list[Line]:
    """Measured words (PDF, OCR) on the character grid, as ``pdftotext -layout`` lays a page out.

    One grid line per printed line (words sharing ``Word.line``), top to
    bottom; where two printed lines stand further apart than
    ``cfg.blank_line_pitch`` times the usual distance, blank grid lines
    (at most ``cfg.max_blank_lines``) stand between them, as an empty
    paragraph would print. x is counted in character widths (``unit``, by
    default ``char_width``) from ``origin`` (by default the leftmost word).
    ``spans_out`` receives each grid line's (top, bottom), None for a blank one.
    """
    if not words:
        return []
    unit = unit or char_width(words)
    if origin is None:
        origin = min(w.x0 for w in words)
    out: list[Line] = []
    for ws in _with_blank_lines(words, cfg, spans_out):
        out.append(place_words(ws, unit, origin, cfg=cfg) if ws else Line("", []))
    return out


def _with_blank_lines(
    words: Sequence[Word], cfg: FinderSettings, spans_out: list[tuple[float, float] | None] | None
) -> list[list[Word]]:
    """The printed lines' words top to bottom, an empty list for each blank grid line between them."""
    groups: dict[int, list[Word]] = {}
    for w in words:
        groups.setdefault(w.line, []).append(w)
    printed = sorted(groups.values(), key=lambda ws: statistics.median(w.top for w in ws))
    tops = [statistics.median(w.top for w in ws) for ws in printed]
    steps = [b - a for a, b in zip(tops, tops[1:]) if b > a]
    pitch = statistics.median(steps) if steps else 1.0
    out: list[list[Word]] = []
    for k, ws in enumerate(printed):
        if k:
            gap = (tops[k] - tops[k - 1]) / pitch
            if gap >= cfg.blank_line_pitch:
                blanks = min(cfg.max_blank_lines, max(1, round(gap) - 1))
                out.extend([] for _ in range(blanks))
                if spans_out is not None:
                    spans_out.extend(None for _ in range(blanks))
        out.append(ws)
        if spans_out is not None:
            spans_out.append((min(w.top for w in ws), max(w.bottom for w in ws)))
    return out


#: joins the words of a cell merged over columns on the grid (read back as a space)
MERGED_SPACE = "\u00a0"
#: a word of letters (no number), as a merged cell's text holds
_WORDLIKE_RE = re.compile(r"^[^\W\d_][^\d]*$")


def _word_space(printed: list[list[Word]]) -> float:
    """The usual word space: the median over the lines of their narrowest gap between two words."""
    gaps = []
    for ws in printed:
        ws = sorted(ws, key=lambda w: w.x0)
        inner = [b.x0 - a.x1 for a, b in zip(ws, ws[1:]) if b.x0 > a.x1]
        if inner:
            gaps.append(min(inner))
    return statistics.median(gaps) if gaps else 0.0


@dataclass
class ColumnGrid:
    """Grid lines of words on known columns (``column_lines``)."""

    lines: list[Line]
    cores: list[list[int]]
    #: per grid line, the ``Word.line`` it shows (None for a blank line)
    sources: list[int | None]
    #: grid lines whose text runs across a column boundary, word spaces and all: one text over the row
    crossing: set[int]


def column_lines(
    words: Sequence[Word],
    edges: Sequence[float],
    *,
    cfg: FinderSettings,
    spans_out: list[tuple[float, float] | None] | None = None,
) -> ColumnGrid:
    """Words on known columns (ruling lines at ``edges``, left to right) as grid lines, with the columns' cores.

    Each word goes to the column holding its middle; on the grid every
    column is as wide as its longest text on a line, and two spaces apart
    from the next, so no text runs over a column boundary however wide its
    letters print. A line with a word printed across a boundary (by more
    than ``cfg.edge_straddle`` on each side: no cell holds it) is one text (a
    group heading, or running text) placed in the first column and listed
    in ``ColumnGrid.crossing`` when that word runs on from the first column
    or the line holds nothing else; otherwise the word is a cell merged over
    the columns it reaches inside a row (a reason spanning the reason and
    remedy columns), its text placed to reach into its last column while the
    line's other words stay in theirs. Blank grid lines as in ``grid_lines``.
    """
    n = len(edges) - 1
    printed = _with_blank_lines(words, cfg, spans_out)
    texts: list[dict[int, str]] = []
    spans: list[dict[int, int]] = []  # per grid line: first column of a merged cell -> its last column
    crossing: set[int] = set()

    def column(x: float) -> int:
        return min(n - 1, max(0, next((i for i in range(n) if x < edges[i + 1]), n - 1)))

    heights = sorted(w.bottom - w.top for w in words)
    join = cfg.geo_join_gap * (heights[len(heights) // 2] if heights else 1.0)
    space = min(join, cfg.grid_word_space_margin * _word_space(printed))
    above: dict[int, int] = {}  # the merged cells of the printed line above
    for g, ws in enumerate(printed):
        ws = sorted(ws, key=lambda w: w.x0)
        cols: dict[int, list[str]] = {}
        for w in ws:
            cols.setdefault(column((w.x0 + w.x1) / 2), []).append(w.text)
        # blocks: words a word space apart; one holding a word across a boundary is a merged cell
        blocks: list[list[Word]] = []
        for w in ws:
            if blocks and w.x0 - blocks[-1][-1].x1 < join:
                blocks[-1].append(w)
            else:
                blocks.append([w])
        merged: dict[int, int] = {}
        for bl in blocks:
            if not any(_WORDLIKE_RE.match(w.text) for w in bl):
                continue  # a wide value printed over its column's edge stays in the column of its middle
            if any(w.x0 < e - cfg.edge_straddle and w.x1 > e + cfg.edge_straddle for w in bl for e in edges[1:-1]) or any(
                b.x0 - a.x1 < space and column(a.x1) < column(b.x0) and _WORDLIKE_RE.match(a.text) and _WORDLIKE_RE.match(b.text)
                for a, b in zip(bl, bl[1:])
            ):
                # a word printed across a boundary, or two words a word space apart on either side of one
                a, b = column(bl[0].x0 + cfg.edge_straddle), column(bl[-1].x1 - cfg.edge_straddle)
                if b > a:
                    merged[a] = max(b, merged.get(a, b))
        lone = len(blocks) == 1 and not (merged and merged == above)
        # a label over the first columns followed by values in the columns after it: a total row
        after = [w for w in ws if column((w.x0 + w.x1) / 2) > merged.get(0, n)]
        total = len(merged) == 1 and 0 in merged and bool(after) and not any(_WORDLIKE_RE.match(w.text) for w in after)
        if merged and len(cols) > 1 and (0 in merged or lone) and not total:
            # a text run across the row from its first column, or alone on its line (not going on
            # with a merged cell above): a heading or running text
            crossing.add(g)
            cols = {min(cols): [" ".join(w.text for w in ws)]}
            merged = {}
        if ws:
            above = merged
        line_texts = {c: " ".join(t) for c, t in cols.items()}
        for a, b in merged.items():
            # a cell merged over columns a..b inside a row (a reason spanning reason and remedy), its
            # words joined by no-break spaces (MERGED_SPACE) so that no step cuts it at a column again
            parts = [line_texts.pop(c) for c in range(a, b + 1) if c in line_texts]
            line_texts[a] = MERGED_SPACE.join(" ".join(parts).split(" "))
        texts.append(line_texts)
        spans.append(merged)
    widths = [max([len(t.get(c, "")) for t, m in zip(texts, spans) if c not in m] + [1]) for c in range(n)]
    for t, m in zip(texts, spans):
        for a, b in m.items():
            room = sum(widths[a : b + 1]) + 2 * (b - a)
            if len(t[a]) > room:
                widths[b] += len(t[a]) - room
    starts = [sum(widths[:c]) + 2 * c for c in range(n)]
    cores = [[starts[c], starts[c] + widths[c]] for c in range(n)]
    lines = []
    for t, m in zip(texts, spans):
        chars: list[str] = []
        for c in sorted(t):
            at = starts[c]
            if c in m:
                # a merged cell's text reaches into its last column, so it reads as spanning
                at = max(starts[c], min(starts[c] + widths[c] - 1, starts[m[c]] - len(t[c]) + 1))
            chars.extend(" " * (at - len(chars)))
            chars.extend(t[c])
        text = "".join(chars)
        lines.append(Line(text, [Frag(m_.start(), m_.end(), m_.group()) for m_ in FRAGMENT_RE.finditer(text)]))
    sources = [ws[0].line if ws else None for ws in printed]
    return ColumnGrid(lines, cores, sources, crossing)


_DIGIT_GROUP_RE = re.compile(r"(?<![\d\w])[-+−–]?\d{1,3}$")


_NEXT_GROUP_RE = re.compile(r"\d{3}(?:[.,]\d+)?%?(?!\w)")


def word_breaks(text: str) -> list[int]:
    """Offsets of words after a single space, except thousands groups of a number ("1 250,0")."""
    out = []
    for m in WORD_RE.finditer(text):
        k = m.start()
        if k and not (_DIGIT_GROUP_RE.search(text, 0, k - 1) and _NEXT_GROUP_RE.match(text, k)):
            out.append(k)
    return out


def merge_intervals(intervals: list[tuple[int, int]]) -> list[list[int]]:
    """Union of half-open intervals, sorted; touching intervals are joined."""
    out: list[list[int]] = []
    for a, b in sorted(intervals):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return out


def line_text(line: Line, *, cfg: FinderSettings) -> str:
    out = []
    prev = None
    for f in line.frags:
        if prev is not None:
            gap = f.x0 - prev.x1
            out.append("\t" if gap >= cfg.tab_gap else " " * gap)
        out.append(f.text)
        prev = f
    return "".join(out)


def line_key(line: Line) -> str:
    return " ".join(f.text for f in line.frags)
