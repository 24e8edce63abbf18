"""Table regions of one page of grid lines: where a table without rules starts and ends.

**Table regions.** A *seed* is a line with at least
``seed_min_fragments`` fragments. Seeds joined by non-blank lines form a
cluster. Inside the cluster the first *body line* is the first line with
at least ``full_line_ratio`` of the cluster's largest fragment count that
also holds a digit outside a year (header lines are words, "на 2022
рік, тис. грн" or years; a data row carries numbers). Lines that only number the
columns 1, 2, 3, … (possibly wrapped, possibly sharing a line with a
header word such as "%") sit between header and body. Lines above are
the header zone, extended upwards over non-blank lines until running text
(a fragment wider than ``paragraph_width_ratio`` of the table, or a lone
fragment crossing a gutter from the table's left edge) or a title (a lone
fragment crossing a gutter that does not read as a spanning header cell:
covering ``span_min_coverage`` of its columns, centred on them, with
header text under it, and no header cell below reaching out of its
columns). A title-like line whose multi-cell header line stands above it
(perhaps over the wrapped tails of header cells) is a group heading under
the header. Lone spanning lines at the foot of the header zone that are
centred or flush left are group headings: body rows; so are lone lines of
words in a number column (see ``columns``). Lines above the body of a new
table that hold one fragment each are a title, not a header. Below the
last seed the region takes further lines whose fragments each stay in one
column (wrapped cell text), re-measuring the columns as it grows, and it
may cross ``max_blank_lines_in_table`` blank lines (empty paragraphs in a
cell) when the text after them is not flush left. A following region with
no header of its own (no line naming most columns), fitting the columns,
separated only by such blank lines and at most ``max_heading_lines``
group headings, is the same table. A cluster with a single seed line is
a table only at the top of a page; lone group-heading lines opening a
page over such rows are body rows spanning the table (even when
pdftotext squeezed the short page so they overlap no column).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .columns import (
    body_columns,
    fits_columns,
    full_need,
    has_data_digit,
    is_heading_in_values,
    is_section_heading,
    line_pieces,
    overlapping_cores,
    value_columns,
)
from .finder_settings import FinderSettings
from .tokens import column_number, counts_on, is_value
from .words import Line


@dataclass
class Region:
    """A table region of one page: lines [top, bottom), body from ``body_top``."""

    top: int
    body_top: int
    bottom: int
    cores: list[list[int]] = field(default_factory=list)
    bridging: set[int] = field(default_factory=set)
    seeds: int = 0
    #: first line of a column-numbering row (1, 2, 3, ...) between header and body
    numbers_top: int = -1


def is_title_like(
    lines: list[Line], i: int, body_top: int, cores: list[list[int]], width: int, *, cfg: FinderSettings
) -> bool:
    """Whether header-zone line ``i`` is really a paragraph (rule 2).

    Running text (a fragment wider than ``paragraph_width_ratio`` of the
    table) is. So is a lone fragment crossing a gutter, unless it reads as a
    spanning header cell: it does not start at the table's left edge, it
    covers at least ``span_min_coverage`` of the
    columns it touches, is centred on them, and two of them have header text
    below it.
    """
    line = lines[i]
    if any(f.x1 - f.x0 >= cfg.paragraph_width_ratio * width for f in line.frags):
        return True
    if len(line.frags) != 1:
        return False
    if is_section_heading(line.frags[0].text):
        return True  # numbered like a section of the document: "2. Виконання заходів Програми"
    hits = overlapping_cores(cores, line.x0, line.x1)
    if len(hits) < 2:
        return False
    if line.x0 <= cores[0][0] + 1:
        return True  # starts at the table's left edge: running text or a heading
    a, b = cores[hits[0]][0], cores[hits[-1]][1]
    span = max(1, b - a)
    coverage = (line.x1 - line.x0) / span
    off = abs((line.x0 + line.x1) - (a + b)) / 2 / span
    below = {
        c
        for k in range(i + 1, body_top)
        for f in lines[k].frags
        for c in overlapping_cores(cores, f.x0, f.x1)
        if c in hits and f.x1 - f.x0 < line.x1 - line.x0
    }
    # header cells nest: a cell below that reaches out of its columns means
    # the line is not a spanning cell over them (a section title above a
    # header whose "2021 рік" spans two columns)
    lo_c, hi_c = hits[0], hits[-1]
    crossing = any(
        a <= hi_c and lo_c <= b and not (lo_c <= a and b <= hi_c)
        for k in range(i + 1, body_top)
        for _, (a, b) in line_pieces(lines[k], cores, cfg=cfg)
    )
    return crossing or not (coverage >= cfg.span_min_coverage and off <= cfg.span_max_offcentre and len(below) >= 2)


def group_heading_top(
    lines: list[Line], top: int, body_top: int, cores: list[list[int]], value_cols: set[int] = frozenset(), *, cfg: FinderSettings
) -> int:
    """Move the body start above group-heading lines left at the header's foot.

    A spanning header cell always has sub-headers under it. A line at the
    foot of the header zone that is one fragment spanning columns, starting
    at the table's left edge or centred on the table, with nothing under it
    but its own wrapped text, is a body row (a group heading, "I. Показники
    затрат"). So is a lone line of words in a number column (see
    ``is_heading_in_values``).
    """
    k = body_top
    left, right = cores[0][0], cores[-1][1]
    for i in range(body_top - 1, top - 1, -1):
        frags = lines[i].frags
        if len(frags) != 1:
            break
        f = frags[0]
        spans = len(overlapping_cores(cores, f.x0, f.x1)) > 1 or is_heading_in_values(lines[i], cores, value_cols, cfg=cfg)
        if not spans:
            continue  # perhaps the wrapped tail of a heading above
        centred = abs((f.x0 + f.x1) - (left + right)) / 2 <= cfg.heading_centre_slack * (right - left)
        if not (centred or f.x0 <= left + 1):
            break
        tail_ok = all(
            len(lines[j].frags) <= 1 and all(f.x0 - 1 <= g.x0 and g.x1 <= f.x1 + 1 for g in lines[j].frags)
            for j in range(i + 1, k)
        )
        if not tail_ok:
            break
        k = i
    return k


def find_regions(lines: list[Line], content_top: int, *, cfg: FinderSettings) -> list[Region]:
    """Table regions of one page, top to bottom (rule 2).

    ``content_top`` is the first line after a page number: a region starting
    there may continue a table from the previous page even with one seed line.
    """
    clusters: list[list[int]] = []
    for i, ln in enumerate(lines):
        if len(ln.frags) < cfg.seed_min_fragments:
            continue
        if clusters and clusters[-1][-1] == i - 1:
            clusters[-1].append(i)
        elif clusters and no_blank_between(lines, clusters[-1][-1], i):
            clusters[-1].append(i)
        else:
            clusters.append([i])
    regions: list[Region] = []
    stale: set[int] = set()
    floor = 0  # lines above this belong to an earlier region
    for cl in clusters:
        first, last = cl[0], cl[-1]
        if first < floor:
            continue
        need = full_need(max(len(lines[i].frags) for i in cl), cfg=cfg)
        body_top = next(
            (i for i in cl if len(lines[i].frags) >= need and has_data_digit(lines[i])),
            None,
        )
        if body_top is None:
            continue
        numbers_top = body_top
        body_top = skip_number_lines(lines, body_top, last + 1, cfg=cfg)
        if body_top > last:
            continue
        got = body_columns(lines, range(body_top, last + 1), cfg=cfg)
        if got is None:
            continue
        bottom = last + 1
        for _ in range(cfg.extend_rounds):  # wrapped text seen so far sharpens the columns
            more = extend_down(lines, bottom, got[0], cfg=cfg)
            if more > bottom:
                bottom = more
                got = body_columns(lines, range(body_top, bottom), cfg=cfg)
                if got is None:
                    break
            else:
                break
        if got is None or len(got[0]) < cfg.min_columns:
            continue
        cores, bridging = got
        width = max(1, cores[-1][1] - cores[0][0])
        top = numbers_top
        lowest = max(floor, content_top, numbers_top - cfg.max_header_lines)
        while top - 1 >= lowest and not lines[top - 1].blank:
            if is_title_like(lines, top - 1, numbers_top, cores, width, cfg=cfg):
                # a group heading between the header and the body has a
                # multi-cell header line above it (perhaps over the wrapped
                # tails of header cells); a title does not
                if not header_line_above(lines, top - 2, lowest, numbers_top, cores, width, cfg=cfg):
                    break
            top -= 1
        if numbers_top == body_top:
            body = [lines[i] for i in range(body_top, bottom)]
            need = full_need(max(len(ln.frags) for ln in body), cfg=cfg)
            value_cols = value_columns([ln for ln in body if len(ln.frags) >= need], cores, cfg=cfg)
            k = group_heading_top(lines, top, body_top, cores, value_cols, cfg=cfg)
            bridging |= {i for i in range(k, body_top) if is_heading_in_values(lines[i], cores, value_cols, cfg=cfg)}
            body_top = numbers_top = k
        if top == content_top < body_top == numbers_top and headings_only(lines, top, body_top, cores, cfg=cfg):
            # a page opening with group headings over rows that fit no header:
            # the headings are rows of a table going on from the last page
            # (pdftotext may squeeze a short page so they overlap no column)
            opening = {i for i in range(top, body_top) if not lines[i].blank}
            bridging |= opening
            body_top = numbers_top = top
        else:
            opening = set()
        if top == body_top and top > content_top >= floor and headings_only(lines, content_top, top, cores, cfg=cfg):
            # a headerless table opening the page after a group heading: the
            # heading is its first row (the table continues from the last page)
            top = body_top = numbers_top = content_top
        nbody = sum(1 for i in range(body_top, bottom) if not lines[i].blank)
        # a bridging line carrying values is a total row, not running text
        wordy = [i for i in bridging - opening if not any(is_value(f.text) for f in lines[i].frags)]
        if len(wordy) > cfg.max_bridging_share * nbody:
            continue
        seeds = sum(1 for i in cl if i >= top)
        prev = regions[-1] if regions else None
        if (
            prev is not None
            and numbers_top == body_top
            and 0 <= top - prev.bottom <= cfg.max_blank_lines_in_table + cfg.max_heading_lines
            and sum(1 for k in range(prev.bottom, top) if lines[k].blank) <= cfg.max_blank_lines_in_table
            and headings_only(lines, prev.bottom, top, prev.cores, cfg=cfg)
            and all(fits_columns(lines[k], prev.cores, cfg=cfg) for k in range(top, bottom) if k not in bridging)
            and len(cores) <= len(prev.cores)
            and not own_header(lines, top, body_top, len(cores), cfg=cfg)
        ):
            # the same table after blank lines (empty paragraphs in cells):
            # lines that looked like a header fit its columns, so they are body
            prev.bottom = bottom
            prev.seeds += seeds
            stale.add(id(prev))
        elif seeds >= 2 or top == content_top:
            if top > content_top and all(len(lines[k].frags) <= 1 for k in range(top, numbers_top)):
                # a header names several columns on some line: lone lines
                # above the body of a new table are a title ("1. Паспорт програми")
                top = numbers_top
            regions.append(Region(top, body_top, bottom, cores, bridging, seeds, numbers_top))
        else:
            continue  # a lone seed line is a table only where a table may continue
        floor = bottom
    for r in regions:
        if id(r) in stale:
            got = body_columns(lines, range(r.body_top, r.bottom), cfg=cfg)
            if got is not None:
                r.cores, r.bridging = got
    return regions


def own_header(lines: list[Line], top: int, body_top: int, n_cols: int, *, cfg: FinderSettings) -> bool:
    """Whether lines top..body_top name most columns on one line (a header, not wrapped text)."""
    need = max(cfg.seed_min_fragments, full_need(n_cols, cfg=cfg))
    return any(len(lines[k].frags) >= need for k in range(top, body_top))


def header_line_above(
    lines: list[Line], k: int, lowest: int, body_top: int, cores: list[list[int]], width: int, *, cfg: FinderSettings
) -> bool:
    """Whether a multi-cell header line stands at or above line ``k``.

    Lines between are the wrapped tails of header cells: lone fragments
    within one column, with no blank line between.
    """
    while k >= lowest and not lines[k].blank:
        if len(lines[k].frags) >= 2:
            return not is_title_like(lines, k, body_top, cores, width, cfg=cfg)
        if not fits_columns(lines[k], cores, cfg=cfg):
            return False
        k -= 1
    return False


def headings_only(lines: list[Line], a: int, b: int, cores: list[list[int]], *, cfg: FinderSettings) -> bool:
    """Lines a..b are blank or at most ``max_heading_lines`` group headings.

    A group heading is one fragment inside the table's width that does not
    start at its left edge (running text would): "ІІ. Показники продукту".
    """
    headings = 0
    for k in range(a, b):
        ln = lines[k]
        if ln.blank:
            continue
        headings += 1
        if (
            headings > cfg.max_heading_lines
            or len(ln.frags) != 1
            or ln.x0 <= cores[0][0] + 1
            or ln.x1 > cores[-1][1] + 1
        ):
            return False
    return True


def extend_down(lines: list[Line], bottom: int, cores: list[list[int]], *, cfg: FinderSettings) -> int:
    """The end of a region below its last seed: wrapped cell text that fits the columns.

    Up to ``max_blank_lines_in_table`` blank lines (empty paragraphs in a
    cell) may be crossed when the text after them fits the columns and does
    not start at the table's left edge (where a paragraph would).
    """
    n = len(lines)
    while True:
        while bottom < n and not lines[bottom].blank and fits_columns(lines[bottom], cores, cfg=cfg):
            bottom += 1
        k = bottom
        while k < n and lines[k].blank and k - bottom < cfg.max_blank_lines_in_table:
            k += 1
        if (
            k == bottom
            or k >= n
            or lines[k].blank
            or len(lines[k].frags) >= cfg.seed_min_fragments
            or lines[k].x0 <= cores[0][0] + 1
            or not fits_columns(lines[k], cores, cfg=cfg)
        ):
            return bottom
        bottom = k


def number_sequence(line: Line, expected: int, *, cfg: FinderSettings) -> int | None:
    """The next expected number if ``line`` continues a column numbering 1, 2, 3, ...

    Integers must run on from ``expected`` left to right and make up most of
    the line (a header fragment such as "%" may share it); a first line needs
    ``min_columns`` of them.
    """
    ints = [n for f in line.frags if (n := column_number(f.text)) is not None]
    if not ints or len(ints) < cfg.full_line_ratio * len(line.frags):
        return None
    if expected == 1 and len(ints) < cfg.min_columns:
        return None
    if not counts_on(ints, expected):
        return None
    return expected + len(ints)


def skip_number_lines(lines: list[Line], k: int, end: int, *, cfg: FinderSettings) -> int:
    """The first line at or after ``k`` that is not part of a column numbering row."""
    expected = 1
    while k < end:
        nxt = number_sequence(lines[k], expected, cfg=cfg)
        if nxt is None:
            break
        expected, k = nxt, k + 1
    return k


def no_blank_between(lines: list[Line], a: int, b: int) -> bool:
    return all(not lines[k].blank for k in range(a + 1, b))
