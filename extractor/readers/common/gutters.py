"""Tables printed without rules, found from where their words stand (PDF points, OCR pixels).

The entry point is ``find_gutter_tables(words)``: the positioned words of one
page (``Word``: text, x0, x1, top, bottom, line; any one unit, y growing
downwards, words of one printed line sharing ``line``) in, the tables found
on the page out, each as its column edges and its header cells with their
boxes (``FoundTable``). Its body rows are then read on those columns by the
row rules (``rows.body_rows`` over ``words.column_lines``), as the rows
printed bare under a ruled header are: a found table is a header with
virtual rules. Lengths are measured in the page's text height (the median
height of its words), so the unit does not matter.

**Blocks.** On a printed line, words closer than ``geo_join_gap`` text
heights (a word space) form a block: one cell's text on that line.

**Body.** A table's body opens with a line of at least
``seed_min_fragments`` blocks holding a digit that is not part of a year
(a row of values). Its *cores* are the x-extents its blocks cover; lines
below join the body while they stand close (``geo_max_row_gap`` line
pitches) and within its width, and their blocks widen the cores (cores
closer than ``geo_min_gutter`` merge, as a cell's wrapped text fills them);
a line whose one block runs across a gutter, or whose first block does
while the others stay in their columns (a total row's label), is a
*bridging* line (a group heading, a total label) and shapes no core; a line
of several blocks running across a gutter, or running out of the table,
ends it. The body needs ``min_columns`` cores and rows whose blocks fill
most of them (``full_line_ratio``).

**Header.** The lines above the body belong to its header while they
stand close (``geo_header_gap`` line pitches), within the table's width
(a header over the first or last column alone may run out of it), and hold no running text (a block as wide as ``paragraph_width_ratio`` of
the table starting at its left edge). A lone line at the top that is set
in a larger type than the header, is numbered like a section of the
document ("3. Фінансування заходів"), or crosses columns without reading as a
spanning header cell (centred on the columns it touches, covering most of
them, with header text under two of them), is a title and ends the header
upwards. A header needs a line of several blocks. Header blocks over no
core (a column empty in every row) make columns of their own. A block goes
to the columns whose cores it overlaps; the header's lines are numbered
by their height on the page in line pitches, and the cells with their
spans come from ``header.header_level`` (spanning cells, their wrapped
lines and sub-headers, merged-down cells). A row of column numbers
(1, 2, 3, ...) at the header's foot is one more header row.

**Columns.** The edge between two columns lies in the middle of the
gutter between their cores; the outer edges half a gutter outside the
text.

Cost: each line is looked at a bounded number of times per table, and
the header by ``header.header_level`` (bounded by ``max_header_pieces``).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field, replace
from typing import Sequence

from .finder_settings import DEFAULT_FINDER_SETTINGS, FinderSettings
from .broken_words import opens_column_name
from .columns import is_section_heading
from .header import HCell, HPiece, header_level
from .join import reads_as_rest
from .tokens import (
    column_numbers, counts_on, has_digit_besides_years, is_body_value, is_item_number, is_numbering_row, is_page_number,
)
from .words import Word


@dataclass(frozen=True)
class HeaderCell:
    """A header cell of a found table: its text, its box, and its place in the header's grid."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1


@dataclass(frozen=True)
class FoundTable:
    """A table found on a page from its words' geometry: columns and header (see the module docstring)."""

    #: column edges, left to right (one more than the columns)
    edges: tuple[float, ...]
    #: the header's cells, row by row
    header: tuple[HeaderCell, ...]
    #: rows of the header grid (a column-numbering row included)
    header_rows: int
    #: ``Word.line`` of the printed lines the header takes
    header_lines: frozenset[int]
    #: where the body starts (the header's foot)
    body_top: float
    #: where the body as found from the gutters ends (its last line's bottom)
    body_bottom: float = 0.0

    @property
    def n_cols(self) -> int:
        return len(self.edges) - 1


@dataclass
class _Block:
    x0: float
    x1: float
    text: str
    #: its words: (x0, x1, text)
    words: list[tuple[float, float, str]] = field(default_factory=list)


@dataclass
class _Line:
    line: int
    top: float
    bottom: float
    height: float
    blocks: list[_Block]
    #: every word space of the line is equally wide and splits it into blocks: justified running text
    #: (one block of equal word spaces is any line of words)
    even: bool = False

    @property
    def x0(self) -> float:
        return self.blocks[0].x0

    @property
    def x1(self) -> float:
        return self.blocks[-1].x1


def _lines(words: Sequence[Word], join: float, cfg: FinderSettings) -> list[_Line]:
    by_line: dict[int, list[Word]] = {}
    for w in words:
        by_line.setdefault(w.line, []).append(w)
    out = []
    for k, ws in by_line.items():
        ws.sort(key=lambda w: w.x0)
        blocks: list[_Block] = []
        for w in ws:
            if blocks and w.x0 - blocks[-1].x1 < join:
                b = blocks[-1]
                b.x1 = max(b.x1, w.x1)
                b.text += " " + w.text
                b.words.append((w.x0, w.x1, w.text))
            else:
                blocks.append(_Block(w.x0, w.x1, w.text, [(w.x0, w.x1, w.text)]))
        heights = sorted(w.bottom - w.top for w in ws)
        gaps = [b.x0 - a.x1 for a, b in zip(ws, ws[1:])]
        even = len(blocks) > 1 and len(gaps) >= cfg.justified_min_gaps and max(gaps) - min(gaps) <= cfg.justified_gap_spread * heights[len(heights) // 2]
        out.append(
            _Line(k, min(w.top for w in ws), max(w.bottom for w in ws), heights[len(heights) // 2], blocks, even)
        )
    out.sort(key=lambda ln: ln.top)
    return out


def _text_height(words: Sequence[Word]) -> float:
    heights = [w.bottom - w.top for w in words if w.bottom > w.top]
    return statistics.median(heights) if heights else 1.0


def _join_gap(words: Sequence[Word], h: float, cfg: FinderSettings) -> float:
    """The widest gap between two words of one block: ``geo_join_gap`` text heights, or more in a font of wide spaces.

    A line's narrowest gap is a word space; the median of those over the
    lines (a fixed-pitch font's space is half a text height) times
    ``geo_word_space_margin`` is taken when larger, up to ``geo_max_join_gap`` text heights.
    """
    by_line: dict[int, list[Word]] = {}
    for w in words:
        by_line.setdefault(w.line, []).append(w)
    spaces = []
    for ws in by_line.values():
        ws.sort(key=lambda w: w.x0)
        gaps = [b.x0 - a.x1 for a, b in zip(ws, ws[1:]) if b.x0 > a.x1]
        if gaps:
            spaces.append(min(gaps))
    space = statistics.median(spaces) if spaces else 0.0
    return max(cfg.geo_join_gap * h, min(cfg.geo_word_space_margin * space, cfg.geo_max_join_gap * h))


def _pitch(lines: list[_Line], h: float) -> float:
    """The usual distance from one printed line to the next."""
    steps = [b.top - a.top for a, b in zip(lines, lines[1:]) if 0.8 * h <= b.top - a.top <= 2.0 * h]
    return statistics.median(steps) if steps else 1.2 * h


def _has_data_digit(line: _Line) -> bool:
    return any(has_digit_besides_years(b.text) for b in line.blocks)


def _touching(cores: list[list[float]], x0: float, x1: float, slack: float = 0.0) -> list[int]:
    return [i for i, (a, b) in enumerate(cores) if a < x1 - slack and x0 + slack < b]


def _crosses(cores: list[list[float]], block: _Block) -> bool:
    """Whether the block runs across a gutter (from one core into the next)."""
    return any(block.x0 < cores[i][1] and block.x1 > cores[i + 1][0] for i in range(len(cores) - 1))


def _add(cores: list[list[float]], x0: float, x1: float, min_gutter: float) -> None:
    """Widen the cores by [x0, x1], merging cores that come closer than ``min_gutter``."""
    cores.append([x0, x1])
    cores.sort()
    merged: list[list[float]] = []
    for a, b in cores:
        if merged and a - merged[-1][1] < min_gutter:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    cores[:] = merged


@dataclass
class _Body:
    start: int
    end: int  # index after the last body line
    cores: list[list[float]]
    bridging: set[int]
    full: int


def _grow_body(
    lines: list[_Line], s: int, pitch: float, min_gutter: float, cfg: FinderSettings
) -> _Body | None:
    """The body opening at line ``s``, and its cores (see the module docstring)."""
    cores: list[list[float]] = []
    for b in lines[s].blocks:
        _add(cores, b.x0, b.x1, min_gutter)
    if len(cores) < cfg.min_columns:
        return None
    bridging: set[int] = set()
    run: list[int] = []  # bridging lines in a row so far
    k = s + 1
    while k < len(lines):
        ln = lines[k]
        if ln.top - lines[k - 1].top > cfg.geo_max_row_gap * pitch or (ln.even and not _in_columns(ln, cores)):
            break  # far below, or justified running text (a cell's wrapped line stays in its column)
        crossing = [b for b in ln.blocks if _crosses(cores, b)]
        if crossing:
            label_only = (
                crossing == ln.blocks[:1] and all(len(_touching(cores, b.x0, b.x1)) <= 1 for b in ln.blocks[1:])
            ) or _numbered_heading(ln, cores)
            # a total row's label may start left of the first column's values (at the table's edge), and so
            # may a group heading, by up to the first column's width (its values stand centred in it)
            total = label_only and len(ln.blocks) > 1 and all(_has_data_digit(_Line(0, 0, 0, 0, [b])) for b in ln.blocks[1:])
            first_width = cores[1][0] - cores[0][0] if len(cores) > 1 else min_gutter
            left = cores[0][0] - (first_width if len(ln.blocks) == 1 else min_gutter)
            inside = (total or left <= ln.x0) and ln.x1 <= cores[-1][1] + min_gutter
            if (len(ln.blocks) == 1 or label_only) and inside and len(run) < cfg.max_heading_lines:
                bridging.add(k)
                run.append(k)
                k += 1
                continue
            break
        n_before = len(cores)
        trial = [list(c) for c in cores]
        for b in ln.blocks:
            _add(trial, b.x0, b.x1, min_gutter)
        if len(trial) < n_before:
            break  # a line closing gutters of the body is not one of its rows
        cores = trial
        run = []
        k += 1
    for i in run:  # running text after the table, not group headings inside it
        bridging.discard(i)
    k -= len(run)
    need = max(cfg.min_columns, int(-(-cfg.full_line_ratio * len(cores) // 1)))
    full = sum(
        1
        for i in range(s, k)
        if i not in bridging and len({j for b in lines[i].blocks for j in _touching(cores, b.x0, b.x1)}) >= need
    )
    rows = sum(1 for i in range(s + 1, k) if i not in bridging)
    if len(cores) < cfg.min_columns or len(cores) > cfg.max_columns or not full or not rows:
        return None
    return _Body(s, k, cores, bridging, full)


def _split_label_seed(lines: list[_Line], body: _Body, pitch: float, min_gutter: float, cfg: FinderSettings) -> _Body:
    """The body, on the columns of its next row when its first row opens with a label across columns.

    A table may open with its total row ("Всього по Програмі" over the
    number, task and measure columns, then the sums): seeded there, the
    label's block merges the columns it runs over into one core. When the
    next line that could seed a body gives more columns, and the lines
    before it fit them (the first block of the first line across columns,
    every other block over one column), the body takes that line's cores
    and keeps its start; the label lines are bridging lines.
    """
    s = body.start
    t = next((i for i in range(s + 1, body.end) if _seeds(lines[i], cfg)), None)
    if t is None or t - s > cfg.max_heading_lines:
        return body
    other = _grow_body(lines, t, pitch, min_gutter, cfg)
    if other is None or len(other.cores) <= len(body.cores):
        return body
    cores = other.cores
    left, right = cores[0][0] - min_gutter, cores[-1][1] + min_gutter
    label = lines[s].blocks[0]
    if not _crosses(cores, label) or any(ch.isdigit() for ch in label.text):
        return body
    for i in range(s, t):
        ln = lines[i]
        rest = ln.blocks[1:] if i == s else ln.blocks
        if ln.x0 < left or ln.x1 > right or any(len(_touching(cores, b.x0, b.x1)) > 1 for b in rest):
            return body
    bridging = other.bridging | {i for i in range(s, t) if any(_crosses(cores, b) for b in lines[i].blocks)}
    return _Body(s, other.end, cores, bridging, other.full)


def _numbered_heading(line: _Line, cores: list[list[float]], roman: bool = False) -> bool:
    """Whether the line is an item number in the first column and one text across columns after it
    ("1. | Розвиток первинної медичної допомоги": a task's title row; with ``roman`` a Roman numeral too,
    "І. | Збереження культурної спадщини")."""
    if len(line.blocks) != 2:
        return False
    number, text = line.blocks
    return (
        is_item_number(number.text, dotted=True, roman=roman) and _touching(cores, number.x0, number.x1) == [0]
        and _crosses(cores, text) and not _touching(cores, text.x0, text.x1)[:1] == [0]
    )


def _numbered_group_name(line: _Line, cores: list[list[float]]) -> bool:
    """Whether the line is an item number in the first column and a name of words in the second alone
    ("1 | затрат": an indicator group's row), or, when only such rows number the table (its first column
    holds no values), an item number left of the columns and a name in the first."""
    if len(line.blocks) != 2 or len(cores) < 3:
        return False
    number, name = line.blocks
    if not is_item_number(number.text) or any(ch.isdigit() for ch in name.text):
        return False
    where = _touching(cores, number.x0, number.x1)
    return (where == [0] and _touching(cores, name.x0, name.x1) == [1]) or (
        not where and number.x1 < cores[0][0] and _touching(cores, name.x0, name.x1) == [0]
    )


def _in_columns(line: _Line, cores: list[list[float]]) -> bool:
    """Whether every block of the line stands over one column (a row's wrapped cell texts)."""
    return all(len(_touching(cores, b.x0, b.x1)) == 1 for b in line.blocks)


def _with_headings_above(lines: list[_Line], body: _Body, floor: int, h: float, cfg: FinderSettings) -> _Body:
    """The body with the group headings right above its first row put in it.

    A task title row ("1. | Розвиток ...") is no header line (it opens
    with an item number), nor is a group's number and name ("1 | затрат"),
    and a heading from the table's left edge across
    the columns ("Завдання 1. Капітальний ремонт ...") may be set like
    running text; neither seeds a body: without them the header above
    would stand a line too far from the body.
    """
    cores = body.cores

    def heading(ln: _Line) -> bool:
        if _numbered_heading(ln, cores) or _numbered_group_name(ln, cores):
            return True
        return len(ln.blocks) == 1 and _crosses(cores, ln.blocks[0]) and ln.x0 <= cores[0][0] + cfg.geo_join_gap * h and (
            ln.x1 <= cores[-1][1]
        )

    s = body.start
    while s - 1 >= floor and body.start - (s - 1) <= cfg.max_heading_lines and heading(lines[s - 1]):
        s -= 1
    if s == body.start:
        return body
    return _Body(s, body.end, body.cores, body.bridging | set(range(s, body.start)), body.full)


def _seeds(line: _Line, cfg: FinderSettings) -> bool:
    """Whether a body may open with the line: several blocks, a digit of a value, no justified text or numbering."""
    return len(line.blocks) >= cfg.seed_min_fragments and not line.even and _has_data_digit(line) and not _numbering(line)


def _is_title(
    line: _Line, cores: list[list[float]], below: list[_Line], header_height: float, h: float, cfg: FinderSettings
) -> bool:
    """Whether a lone line at the top of a header is a title over the table, not a spanning header cell."""
    if len(line.blocks) != 1:
        return False
    if line.height > cfg.geo_title_height * header_height:
        return True  # set in a larger type than the header
    b = line.blocks[0]
    if is_section_heading(b.text):
        return True  # numbered like a section of the document ("3. Фінансування"; no header cell opens so)
    hits = _touching(cores, b.x0, b.x1)
    if len(hits) < 2:
        return False
    if b.x0 <= cores[0][0] + cfg.geo_join_gap * h:
        return True  # starts at the table's left edge: running text or a heading
    a, z = cores[hits[0]][0], cores[hits[-1]][1]
    span = max(1e-6, z - a)
    coverage = (b.x1 - b.x0) / span
    off = abs((b.x0 + b.x1) - (a + z)) / 2 / span
    under = {j for ln in below for c in ln.blocks for j in _touching(cores, c.x0, c.x1) if j in hits}
    return not (coverage >= cfg.span_min_coverage and off <= cfg.span_max_offcentre and len(under) >= 2)


def _header_lines(
    lines: list[_Line], body: _Body, h: float, pitch: float, cfg: FinderSettings, floor: int = 0
) -> list[int]:
    """Indexes of the header's lines above the body, top to bottom (empty: no header).

    Lines above ``floor`` belong to a table found already: the header does not reach them.
    """
    cores = body.cores
    left, right = cores[0][0], cores[-1][1]
    width = right - left
    slack = cfg.geo_header_overhang * h
    gutter = cfg.geo_min_gutter * h
    out: list[int] = []
    k = body.start - 1
    while k >= floor and len(out) < cfg.max_header_lines:
        ln = lines[k]
        if lines[k + 1].top - ln.top > cfg.geo_header_gap * pitch or (k == 0 and _is_page_number(ln)):
            break
        if out and len(ln.blocks) == 1 and _is_title(
            ln, cores, [lines[i] for i in reversed(out)], statistics.median(lines[i].height for i in out), h, cfg
        ):
            break  # a title over the header: what stands above it is none of the table's
        if any(is_body_value(b.text) for b in ln.blocks):
            return []  # rows of a table above (going on from the last page): no header here
        if (ln.even and not _over_own_columns(ln, cores)) or any(
            b.x0 < x < b.x1 and _touching(cores, b.x0, b.x1) != [outer] and not (gutter <= b.x0 - right or gutter <= left - b.x1)
            for b in ln.blocks
            for x, outer in ((left - slack, 0), (right + slack, len(cores) - 1))
        ):
            # runs out of the table: running text (a column beyond its body, empty in every row, is one
            # block a gutter away from the body's outer column)
            break
        if any(b.x1 - b.x0 >= cfg.paragraph_width_ratio * width and b.x0 <= left + slack for b in ln.blocks):
            break
        out.append(k)
        k -= 1
    out.reverse()
    if out:
        hh = statistics.median(lines[i].height for i in out)
        while out and _is_title(lines[out[0]], cores, [lines[i] for i in out[1:]], hh, h, cfg):
            out.pop(0)
    if not any(len(lines[i].blocks) >= 2 for i in out):
        return []
    named = {j for i in out for b in lines[i].blocks for j in _touching(cores, b.x0, b.x1)}
    if 2 * len(named) < len(cores):
        return []  # a header names most columns
    return out


def _over_own_columns(line: _Line, cores: list[list[float]]) -> bool:
    """Whether each block of the line stands over one column of its own (sub-headers "план факт план факт"
    spaced evenly over their columns, not justified running text, whose words fall into the gutters too)."""
    hits = [_touching(cores, b.x0, b.x1) for b in line.blocks]
    return all(len(h) == 1 for h in hits) and len({h[0] for h in hits}) == len(hits)


def _numbering(line: _Line) -> bool:
    """Whether the line numbers columns: integers running on by one from left to right."""
    return is_numbering_row([b.text for b in line.blocks])


def _heading_lines(lines: list[_Line], header: list[int], cores: list[list[float]], h: float, cfg: FinderSettings) -> int:
    """How many of the header's last lines are a group heading opening the body.

    A lone block running across columns at the header's foot that starts
    at the table's left edge or is centred on the table ("I. Показники
    затрат") is a body row; a spanning header cell has sub-headers under it.
    """
    left, right = cores[0][0], cores[-1][1]
    n = 0
    for k in range(len(header) - 1, -1, -1):
        ln = lines[header[k]]
        if len(ln.blocks) != 1:
            break
        b = ln.blocks[0]
        # centred on the table as its header spans it (a last column named in the header may be empty in
        # every row), or on the body's columns
        wide = [c for i in header[:k] for c in lines[i].blocks]
        lo, hi = min([left] + [c.x0 for c in wide]), max([right] + [c.x1 for c in wide])
        centred = any(
            abs((b.x0 + b.x1) - (a + z)) / 2 <= cfg.heading_tight_centre * (z - a) for a, z in ((left, right), (lo, hi))
        )
        if not (centred or (b.x0 <= left + cfg.geo_join_gap * h and _crosses(cores, b))):
            break
        n += 1
    return n


def _cut_row_lines(lines: list[_Line], header: list[int], cores: list[list[float]], h: float, cfg: FinderSettings) -> int:
    """How many of the header's last lines are the rest of a row a page break cut, printed under a repeated header.

    A table going on over a page break repeats its header, and a row the
    break cut prints the rest of its cells' text right under it, with no
    row of values yet: the finder would read that text as more header. It
    is told by its lines standing each block over one column, a blank line
    (``cfg.geo_cut_row_gap`` text heights) or more under the header text
    of each column it stands in, that text over that column alone (a
    spanning cell's sub-headers stand under it the same way), and its first
    line going on with a text (``join.reads_as_rest``: in lower case).
    """
    n = 0
    while n < len(header) - 1 and all(len(_touching(cores, b.x0, b.x1)) == 1 for b in lines[header[-1 - n]].blocks):
        n += 1
    for cut in range(n, 0, -1):
        rest = header[-cut:]
        first = lines[rest[0]]
        if not any(reads_as_rest("", b.text) for b in first.blocks):
            continue
        cols = {_touching(cores, b.x0, b.x1)[0] for i in rest for b in lines[i].blocks}
        ok = True
        for col in cols:
            above = [(lines[i], b) for i in header[:-cut] for b in lines[i].blocks if col in _touching(cores, b.x0, b.x1)]
            if not above:
                ok = False
                break
            ln, b = above[-1]
            if len(_touching(cores, b.x0, b.x1)) != 1 or first.top - ln.bottom < cfg.geo_cut_row_gap * h:
                ok = False
                break
        if ok:
            return cut
    return 0


def _group_heading_at_foot(lines: list[_Line], header: list[int], body: _Body, h: float, cfg: FinderSettings) -> int:
    """How many of the header's last lines are a group heading printed in one column, opening the body.

    A group heading may stand in the name column alone ("Показники
    затрат" over the cost indicators), set flush with the column's values
    while the column's name above is centred, and a row gap (the cells'
    padding: ``cfg.row_gap_excess`` text heights more than the header's
    line pitch) under the header's text: it is the body's first row.
    """
    if len(header) < 2:
        return 0
    n = 0
    while n < len(header) - 1 and len(lines[header[-1 - n]].blocks) == 1:
        n += 1
    return max((cut for cut in range(1, n + 1) if _heading_in_one_column(lines, header, cut, body, h, cfg)), default=0)


def _heading_in_one_column(lines: list[_Line], header: list[int], cut: int, body: _Body, h: float, cfg: FinderSettings) -> bool:
    """Whether the header's last ``cut`` lines (one block each) are a group heading (``_group_heading_at_foot``)."""
    cores = body.cores
    rest = header[-cut:]
    cols = {tuple(_touching(cores, lines[i].blocks[0].x0, lines[i].blocks[0].x1)) for i in rest}
    if len(cols) != 1 or len(next(iter(cols))) != 1:
        return False
    col = next(iter(cols))[0]
    starts = [b.x0 for i in range(body.start, body.end) for b in lines[i].blocks if _touching(cores, b.x0, b.x1) == [col]]
    if not starts:
        return False
    left, slack = min(starts), cfg.geo_join_gap * h
    if any(abs(lines[i].blocks[0].x0 - left) > slack for i in rest):
        return False
    above = [b.x0 for i in header[:-cut] for b in lines[i].blocks if col in _touching(cores, b.x0, b.x1)]
    if not above or min(above) <= left + slack:
        return False  # the column's name stands flush left too: its last line is no heading
    tops = [lines[i].top for i in header[:-cut]]
    pitch = statistics.median(b - a for a, b in zip(tops, tops[1:])) if len(tops) > 1 else h
    return lines[rest[0]].top - lines[header[-1 - cut]].top >= pitch + cfg.row_gap_excess * h


def _is_page_number(line: _Line) -> bool:
    return len(line.blocks) == 1 and is_page_number(line.blocks[0].text)


def _number_lines(lines: list[_Line], header: list[int], n_cols: int, cfg: FinderSettings) -> list[int]:
    """The header's last lines when they number the columns (1, 2, 3, ...)."""
    out: list[int] = []
    expected = None
    for i in reversed(header):
        nums = column_numbers(b.text for b in lines[i].blocks)
        if not nums or not counts_on(nums) or (expected is not None and nums[-1] + 1 != expected):
            break
        expected = nums[0]
        out.append(i)
        if expected == 1:
            break
    if expected != 1 or sum(len(lines[i].blocks) for i in out) < min(cfg.min_columns, n_cols):
        return []
    return sorted(out)


def _enclosing(edges: list[float], lines: list[_Line], pad: float) -> list[float]:
    """The column edges with the outer ones moved out to enclose every line of the table.

    A group heading, a total's label or a header cell may start left of
    the first column's values (a cell's padding, "Разом за завданням 1" from
    the table's edge): the rows under virtual rules are read only inside them.
    """
    left = min(ln.x0 for ln in lines) - pad
    right = max(ln.x1 for ln in lines) + pad
    return [min(edges[0], left)] + list(edges[1:-1]) + [max(edges[-1], right)]


def _edges(cores: list[list[float]]) -> list[float]:
    gaps = [cores[i + 1][0] - cores[i][1] for i in range(len(cores) - 1)]
    pad = min(gaps) / 2 if gaps else 1.0
    return [cores[0][0] - pad] + [(cores[i][1] + cores[i + 1][0]) / 2 for i in range(len(cores) - 1)] + [cores[-1][1] + pad]


def _header_cells(
    lines: list[_Line], header: list[int], numbers: list[int], cores: list[list[float]], body_top: float,
    h: float, min_gutter: float, cfg: FinderSettings,
) -> tuple[list[HeaderCell], int, list[float]] | None:
    """Header cells with boxes, the header's grid rows, and the column edges (header-only columns added)."""
    text_lines = [i for i in header if i not in numbers]
    slack = cfg.geo_join_gap * h / 2
    cores = _first_column_named(lines, text_lines, cores)
    # header text over no core: a column empty in every row (the first column's name, centred over its
    # short numbers printed flush left, may reach into them by less than the slack: it names them)
    extra: list[list[float]] = []
    for i in text_lines:
        for b in lines[i].blocks:
            if not _touching(cores, b.x0, b.x1, slack) and _touching(cores, b.x0, b.x1) != [0]:
                _add(extra, b.x0, b.x1, min_gutter)
    if extra:
        cores = sorted([list(c) for c in cores] + extra)
    if len(cores) > cfg.max_columns:
        return None
    edges = _edges(cores)
    n = len(cores)
    top0 = lines[header[0]].top
    hh = statistics.median(lines[i].height for i in header)
    step = cfg.geo_header_pitch * hh
    tops: dict[int, float] = {}
    pieces: list[HPiece] = []
    started: set[int] = set()  # columns with header text of their own so far
    for i in text_lines:
        q = round((lines[i].top - top0) / step)
        tops[q] = min(tops.get(q, lines[i].top), lines[i].top)
        for b in lines[i].blocks:
            hits = _touching(cores, b.x0, b.x1, slack) or _touching(cores, b.x0, b.x1)
            if not hits:
                continue
            for part, a, z in _column_names(b, cores, hits, started, slack):
                pieces.append(HPiece(q, part.x0, part.x1, part.text, a, z))
        started.update(p.a for p in pieces if p.a == p.b)
    if not pieces or len(pieces) > cfg.max_header_pieces:
        return None
    pieces = spans_by_centre(pieces, n, cfg)
    cells, depth = header_level(pieces, 0, n - 1, 0, max(p.line for p in pieces), cfg=cfg)
    cells, depth = nested_spans(cells, depth)
    cells = own_sub_headers(cells, depth, tops, hh, cfg)
    # row boundaries: each row starts just above the highest text of the cells starting in it
    first = {r: min(tops[p.line] for c in cells if c.row == r for p in c.pieces) for r in range(depth) if any(c.row == r and c.pieces for c in cells)}
    header_top = lines[header[0]].top - 1.0
    text_bottom = max(lines[i].bottom for i in text_lines) if text_lines else header_top + 1.0
    foot = (max(lines[i].bottom for i in header) + body_top) / 2
    numbers_top = (text_bottom + lines[numbers[0]].top) / 2 if numbers else foot
    ys = [header_top]
    for r in range(1, depth):
        y = first.get(r, ys[-1]) - 1.0
        ys.append(min(max(y, ys[-1] + 1.0), numbers_top - (depth - r)))
    ys.append(numbers_top)
    out = [
        HeaderCell(c.text, edges[c.col], ys[c.row], edges[c.col + c.col_span], ys[c.row + c.row_span], c.row, c.col, c.row_span, c.col_span)
        for c in cells
    ]
    covered = {(c.row + r, c.col + k) for c in cells for r in range(c.row_span) for k in range(c.col_span)}
    for r in range(depth):
        for col in range(n):
            if (r, col) not in covered:
                out.append(HeaderCell("", edges[col], ys[r], edges[col + 1], ys[r + 1], r, col))
    rows = depth
    if numbers:
        texts: dict[int, list[str]] = {}
        for i in numbers:
            for b in lines[i].blocks:
                hits = _touching(cores, b.x0, b.x1) or [min(range(n), key=lambda j: abs((cores[j][0] + cores[j][1]) / 2 - (b.x0 + b.x1) / 2))]
                texts.setdefault(hits[0], []).append(b.text)
        for col in range(n):
            out.append(HeaderCell(" ".join(texts.get(col, [])), edges[col], numbers_top, edges[col + 1], foot, depth, col))
        rows += 1
    out.sort(key=lambda c: (c.row, c.col))
    return out, rows, edges


def spans_by_centre(pieces: list[HPiece], n: int, cfg: FinderSettings) -> list[HPiece]:
    """The header's pieces, a spanning cell's text widened to the columns it is centred on.

    A header cell spanning many columns ("Обсяг фінансування, тис. грн"
    over three years by two sources and a total) prints its text centred
    and often narrower than the columns it spans: its words touch only the
    middle ones, or one ("2022 рік" over its two sources). Such a text
    spans the run of columns around it that print no header text as high
    as it does (a text spanning them all above aside), have header text
    under it on every column, and cut no
    lower text over several columns, and whose header text under it is
    centred on it (within ``cfg.span_max_offcentre`` of the narrowest text
    there: the sub-headers stand centred in their cells as it does in its
    one): the widest such run (a column whose header starts lower than its
    neighbours' stands under a spanning cell).
    """
    out = list(pieces)
    for k in sorted(range(len(out)), key=lambda k: (out[k].line, out[k].x0)):
        p = out[k]
        # a text spanning the columns over this one (its parent) does not bound it
        others = [q for q in out if q is not p and not (q.line < p.line and q.a <= p.a and p.b <= q.b and q.b > q.a)]

        def free(c: int) -> bool:
            return not any(q.a <= c <= q.b and q.line <= p.line for q in others) and any(
                q.a <= c <= q.b and q.line > p.line for q in others
            )

        def cuts(c: int) -> bool:  # a boundary between columns c - 1 and c cuts a lower text over both
            return any(q.a < c <= q.b and q.line > p.line for q in others)

        lefts, rights = [p.a], [p.b]
        while lefts[-1] > 0 and free(lefts[-1] - 1):
            lefts.append(lefts[-1] - 1)
        while rights[-1] < n - 1 and free(rights[-1] + 1):
            rights.append(rights[-1] + 1)
        if len(lefts) + len(rights) == 2:
            continue
        mid = (p.x0 + p.x1) / 2
        lower = sorted((q for q in others if q.line > p.line and lefts[-1] <= q.a and q.b <= rights[-1]), key=lambda q: q.b)
        best = None
        for a in lefts:
            # the header text under columns a..b, b growing: its extent and its narrowest text
            pool = [q for q in lower if q.a >= a]
            taken, lo, hi, narrowest = 0, float("inf"), float("-inf"), float("inf")
            for b in sorted(rights):
                while taken < len(pool) and pool[taken].b <= b:
                    q = pool[taken]
                    lo, hi, narrowest = min(lo, q.x0), max(hi, q.x1), min(narrowest, q.x1 - q.x0)
                    taken += 1
                if lo > hi or ((a, b) != (p.a, p.b) and (cuts(a) or cuts(b + 1))):
                    continue
                off = abs((lo + hi) / 2 - mid)
                if off <= cfg.span_max_offcentre * narrowest and (
                    best is None or (b - a, -off) > (best[2] - best[1], -best[0])
                ):
                    best = (off, a, b)
        if best is not None and (best[1], best[2]) != (p.a, p.b):
            out[k] = HPiece(p.line, p.x0, p.x1, p.text, best[1], best[2])
    return out


def nested_spans(cells: list[HCell], depth: int) -> tuple[list[HCell], int]:
    """The header's cells and depth, sub-headers spanning columns under a spanning cell given a row of their own.

    Under "Обсяг фінансування" spanning three years by two sources each
    stand the years ("2022 рік" over two columns, "2023 рік" over two),
    and under them the sources. The years read as wrapped lines of the cell
    above them (text over several of its columns on the next line); two or
    more texts on one line of a spanning cell, each over two columns or
    more and fewer than the cell's, side by side, are such sub-headers: a
    header row of their own between the cell and the row under it
    (columns of the cell they do not cover take that row into the cell
    under it).
    """
    for _ in range(depth):
        nested: dict[int, list[HPiece]] = {}
        row = None
        for c in cells:
            if c.col_span < 2 or (row is not None and c.row != row):
                continue
            last = c.col + c.col_span - 1
            by_line: dict[int, list[HPiece]] = {}
            for p in c.pieces:
                if p.b > p.a and (p.a > c.col or p.b < last):
                    by_line.setdefault(p.line, []).append(p)
            lines = [ln for ln, ps in by_line.items() if len(ps) >= 2]
            if not lines or min(p.line for p in c.pieces) == min(lines):
                continue
            subs = [p for ln in lines for p in by_line[ln]]
            subs.sort(key=lambda p: p.a)
            if any(a.b >= b.a and (a.a, a.b) != (b.a, b.b) for a, b in zip(subs, subs[1:])):
                continue
            nested[id(c)] = subs
            row = c.row
        if not nested or row is None:
            break
        owners = [c for c in cells if id(c) in nested]
        out: list[HCell] = []
        for c in cells:
            if id(c) in nested:
                taken = set(map(id, nested[id(c)]))
                out.append(HCell([p for p in c.pieces if id(p) not in taken], c.row, c.col, c.row_span, c.col_span))
            elif c.row > row:
                under = next((o for o in owners if o.col <= c.col < o.col + o.col_span and c.row == row + o.row_span), None)
                covered = under is not None and any(p.a <= c.col <= p.b for p in nested[id(under)])
                if under is not None and not covered:
                    out.append(HCell(c.pieces, c.row, c.col, c.row_span + 1, c.col_span))
                else:
                    out.append(HCell(c.pieces, c.row + 1, c.col, c.row_span, c.col_span))
            elif c.row + c.row_span > row:
                out.append(HCell(c.pieces, c.row, c.col, c.row_span + 1, c.col_span))
            else:
                out.append(c)
        for o in owners:
            spans: dict[tuple[int, int], list[HPiece]] = {}
            for p in nested[id(o)]:
                spans.setdefault((p.a, p.b), []).append(p)
            for (a, b), ps in spans.items():
                out.append(HCell(ps, o.row + o.row_span, a, 1, b - a + 1))
        cells, depth = out, depth + 1
    return cells, depth


def own_sub_headers(cells: list[HCell], depth: int, tops: dict[int, float], hh: float, cfg: FinderSettings) -> list[HCell]:
    """The header's cells with a column's own sub-header split off the name it stands under.

    Under a header cell spanning several columns stand their sub-headers
    ("2021 рік", "2022 рік"); a column beside it may print a sub-header of
    its own in that last row ("Фактично профінансовано, тис. грн" over
    "2022 рік"). Without a rule between them the two read as one cell over
    every header row. The text of such a cell that stands within the lines
    of the last row's sub-headers, further below the text above it than
    the header's lines stand apart (by ``cfg.row_gap_excess`` header text
    heights ``hh``: a cell's padding, or a blank line), is a cell of the
    last row (text under the sub-headers' last line is no sub-header: the
    rest of a row a page break cut, say). ``tops`` gives each header line's
    top.
    """
    if depth < 2:
        return cells
    last_row = [p.line for c in cells if c.row == depth - 1 for p in c.pieces]
    if not last_row:
        return cells
    start, end = min(last_row), max(last_row)
    levels = sorted(tops.values())
    steps = [b - a for a, b in zip(levels, levels[1:])]
    pitch = statistics.median(steps) if steps else hh
    out: list[HCell] = []
    for c in cells:
        if c.col_span == 1 and c.row == 0 and c.row_span == depth:
            upper = [p for p in c.pieces if p.line < start]
            lower = [p for p in c.pieces if p.line >= start]
            if (
                upper and lower and max(p.line for p in lower) <= end
                and tops[min(p.line for p in lower)] - tops[max(p.line for p in upper)] >= pitch + cfg.row_gap_excess * hh
            ):
                out.append(HCell(upper, 0, c.col, depth - 1, 1))
                out.append(HCell(lower, depth - 1, c.col, 1, 1))
                continue
        out.append(c)
    return out


def _first_column_named(lines: list[_Line], text_lines: list[int], cores: list[list[float]]) -> list[list[float]]:
    """The cores, the first one widened under its name when that stands right of its values.

    A number column prints its short numbers flush left ("1.", "2.") and
    its name centred ("№ з/п"): in a wide cell the name stands right of the
    numbers, over no column's values. When no header text stands over the
    first column's values and some stands between them and the second
    column's, that text is the first column's name, not a column empty in
    every row.
    """
    if len(cores) < 2:
        return cores
    blocks = [b for i in text_lines for b in lines[i].blocks]
    if any(_touching(cores[:1], b.x0, b.x1) for b in blocks):
        return cores
    names = [b for b in blocks if cores[0][1] <= b.x0 and b.x1 < cores[1][0]]
    if not names:
        return cores
    return [[cores[0][0], max(b.x1 for b in names)]] + [list(c) for c in cores[1:]]


def _column_names(
    block: _Block, cores: list[list[float]], hits: list[int], started: set[int], slack: float
) -> list[tuple[_Block, int, int]]:
    """A header block over several columns cut where each column's name begins, else the block whole.

    Names of neighbouring columns may print a word space apart ("Одиниця
    Планове Фактичне"): the block is cut between words over different
    columns when every piece stands over one column and opens a column name
    of the header vocabulary, or goes on with its column's own header text
    above it ("виміру значення значення").
    """
    whole = [(block, hits[0], hits[-1])]
    if len(hits) < 2:
        return whole
    groups: list[tuple[int, list[tuple[float, float, str]]]] = []
    for w in block.words:
        own = _touching(cores, w[0], w[1], slack) or _touching(cores, w[0], w[1])
        if len(own) != 1 or (groups and own[0] < groups[-1][0]):
            return whole
        if groups and groups[-1][0] == own[0]:
            groups[-1][1].append(w)
        else:
            groups.append((own[0], [w]))
    if len(groups) < 2:
        return whole
    out = []
    for col, ws in groups:
        text = " ".join(t for _, _, t in ws)
        if col not in started and not opens_column_name(text):
            return whole
        out.append((_Block(ws[0][0], ws[-1][1], text, ws), col, col))
    return out


def find_gutter_tables(words: Sequence[Word], cfg: FinderSettings = DEFAULT_FINDER_SETTINGS) -> list[FoundTable]:
    """The tables printed without rules among one page's words, top to bottom (see the module docstring)."""
    if not words:
        return []
    h = _text_height(words)
    join = _join_gap(words, h, cfg)
    min_gutter = max(cfg.geo_min_gutter * h, join)
    lines = _lines(words, join, cfg)
    pitch = _pitch(lines, h)
    out: list[FoundTable] = []
    floor = 0  # lines above belong to a table found already
    s = 0
    while s < len(lines):
        ln = lines[s]
        if not _seeds(ln, cfg):
            s += 1
            continue
        body = _grow_body(lines, s, pitch, min_gutter, cfg)
        if body is None:
            s += 1
            continue
        body = _with_headings_above(lines, _split_label_seed(lines, body, pitch, min_gutter, cfg), floor, h, cfg)
        header = _header_lines(lines, body, h, pitch, cfg, floor)
        if not header:
            s += 1
            continue
        cut = _cut_row_lines(lines, header, body.cores, h, cfg)
        if cut:
            header = header[:-cut]
        heading = (
            _heading_lines(lines, header, body.cores, h, cfg)
            or _group_heading_at_foot(lines, header, body, h, cfg)
            or int(len(header) > 1 and _numbered_heading(lines[header[-1]], body.cores, roman=True))
        )
        if heading:
            header = header[:-heading]
            if not any(len(lines[i].blocks) >= 2 for i in header):
                s += 1
                continue
        numbers = _number_lines(lines, header, len(body.cores), cfg)
        body_top = lines[header[-1] + 1].top
        got = _header_cells(lines, header, numbers, body.cores, body_top, h, min_gutter, cfg)
        if got is None:
            s += 1
            continue
        cells, rows, edges = got
        edges = _enclosing(edges, [lines[i] for i in range(header[0], body.end)], cfg.geo_join_gap * h / 2)
        cells = [replace(c, x0=edges[c.col]) if c.col == 0 else c for c in cells]
        cells = [replace(c, x1=edges[-1]) if c.col + c.col_span == len(edges) - 1 else c for c in cells]
        out.append(FoundTable(tuple(edges), tuple(cells), rows, frozenset(lines[i].line for i in header), body_top,
                              lines[body.end - 1].bottom))
        floor = s = body.end
    return out


@dataclass(frozen=True)
class NumberedList:
    """A table of numbered rows with no header (a programme's passport): column edges and its lines."""

    #: column edges, left to right: the numbers, the labels, the values
    edges: tuple[float, ...]
    #: ``Word.line`` of its printed lines, top to bottom
    lines: tuple[int, ...]


def find_numbered_lists(
    words: Sequence[Word], cfg: FinderSettings = DEFAULT_FINDER_SETTINGS, skip: Sequence[tuple[float, float]] = ()
) -> list[NumberedList]:
    """Tables without rules and without a header whose rows are numbered 1., 2., 3., ...: a passport.

    A report opens with its programme's passport: numbered rows of a label
    ("Відповідальний виконавець програми") and its value, printed as a
    table with no header, often without borders. Such a table is told by
    ``cfg.numbered_list_min_rows`` or more lines opening with item numbers
    running on by one ("1.", "2.", ...), each with a number, a label and a
    value: three blocks or more, the labels starting at one x and the
    values at one x (within a word space); the lines between them (wrapped
    labels and values) start no further left than the labels. Lines within
    the y-ranges ``skip`` (the tables found already) are not looked at.
    """
    if not any(w.text == "1." for w in words):
        return []  # no row opens the list (most pages: nothing more to look at)
    h = _text_height(words)
    join = _join_gap(words, h, cfg)
    lines = [ln for ln in _lines(words, join, cfg) if not any(a <= ln.top <= b for a, b in skip)]
    pitch = _pitch(lines, h)
    slack = cfg.geo_join_gap * h * 2

    def number(ln: _Line) -> int | None:
        text = ln.blocks[0].text
        return int(text[:-1]) if len(ln.blocks) >= 3 and text.endswith(".") and text[:-1].isdigit() else None

    out: list[NumberedList] = []
    k = 0
    while k < len(lines):
        if number(lines[k]) != 1:
            k += 1
            continue
        first = lines[k]
        label, value = first.blocks[1].x0, first.blocks[2].x0
        rows, taken, expected = 1, [k], 2
        j = k + 1
        while j < len(lines) and lines[j].top - lines[j - 1].top <= cfg.geo_max_row_gap * pitch:
            ln = lines[j]
            n = number(ln)
            if n == expected and abs(ln.blocks[1].x0 - label) <= slack and abs(ln.blocks[-1].x0 - value) <= slack:
                rows, expected = rows + 1, expected + 1
            elif n is not None or ln.x0 < label - slack or len(ln.blocks) > 2 or (
                len(ln.blocks) == 2 and abs(ln.blocks[1].x0 - value) > slack
            ):
                break
            taken.append(j)
            j += 1
        if rows >= cfg.numbered_list_min_rows:
            # the edges in the middle of the gutters the rows leave
            blocks = [b for i in taken for b in lines[i].blocks]
            numbers = max(b.x1 for b in blocks if b.x0 < label - slack)
            labels = max((b.x1 for b in blocks if label - slack <= b.x0 < value - slack), default=label)
            values = min(b.x0 for b in blocks if b.x0 >= value - slack)
            left = min(lines[i].x0 for i in taken) - join
            right = max(lines[i].x1 for i in taken) + join
            edges = (left, (numbers + label) / 2, (labels + values) / 2, right)
            out.append(NumberedList(edges, tuple(lines[i].line for i in taken)))
            k = j
        else:
            k += 1
    return out


def continuation_edges(
    words: Sequence[Word], n_cols: int, cfg: FinderSettings = DEFAULT_FINDER_SETTINGS
) -> tuple[list[float], set[int]] | None:
    """Column edges of rows opening a page with no header over them, when they make at most ``n_cols`` columns,
    and the ``Word.line`` of the rows' printed lines.

    A table going on from the page before (or printed in two parts, the
    second one laid out anew) may set its columns a little apart from the
    page before: the rows' own gutters give where its columns are (fewer
    of them when a column prints nothing on the page; which of the table's
    they are tells ``join.column_map``). A full row must open the page (a
    page number may stand over it); None when none does, or the rows give
    more columns.
    """
    if not words:
        return None
    h = _text_height(words)
    join = _join_gap(words, h, cfg)
    min_gutter = max(cfg.geo_min_gutter * h, join)
    lines = _lines(words, join, cfg)
    pitch = _pitch(lines, h)
    s = 1 if len(lines) > 1 and _is_page_number(lines[0]) else 0
    if s >= len(lines) or not _seeds(lines[s], cfg) or len(lines[s].blocks) < cfg.full_line_ratio * n_cols:
        return None  # the page does not open with a full row
    body = _grow_body(lines, s, pitch, min_gutter, cfg)
    if body is None:
        return None
    body = _split_label_seed(lines, body, pitch, min_gutter, cfg)
    if len(body.cores) > n_cols:
        return None
    rows = lines[s:body.end]
    return _enclosing(_edges(body.cores), rows, cfg.geo_join_gap * h / 2), {ln.line for ln in rows}
