"""PDF tables drawn without rules, read by the table finder over positioned words.

Spreadsheet programs print most cells without borders, web pages printed to
PDF and some Word tables have none at all: pdfplumber's table finder, which
follows ruling lines, sees no table there, and the text would come out as
paragraphs. On a page with no ruled table, ``rule_found_tables`` finds such
tables from the real geometry of the page's words
(``extractor.readers.common.gutters``: columns in the gutters between the
columns' text, the header above the first row of values) and gives each
header virtual rules: a ruled table holding the header's cells.

A table ruled only in part (a spreadsheet that rules its header and prints
the rows bare), and a header ruled that way, keep the rules they have:
``complete_ruled_tables`` reads the rows printed under such a header on the
columns its rules give, over page breaks too.

When no page has a ruled or a found table, ``read_unruled`` puts the words
of the pages on a character grid (``extractor.readers.common.words.grid_lines``)
and reads them with the table finder that reads layout text
(``extractor.readers.common.assemble.find_tables``); when that finds no table
either, the PDF reader goes on as before.
"""

from __future__ import annotations

import bisect
import re
import statistics
from collections import Counter
from dataclasses import replace
from typing import Callable, Sequence

from ..document import Block
from .common.assemble import find_tables
from .common.broken_words import rejoin_broken_words
from .common.finder_settings import DEFAULT_FINDER_SETTINGS, FinderSettings
from .common.gutters import FoundTable, continuation_edges, find_gutter_tables, find_numbered_lists
from .common.join import column_map, header_words, repeats_header
from .common.rows import BodyRow, body_rows
from .common.tokens import is_body_value, is_item_number, is_page_number
from .common.words import MERGED_SPACE, Word, column_lines, grid_lines
from .pdf_page import PageContent
from .pdf_tables import EdgeMove, PageTable, RawCell, cluster_positions


def read_unruled(pages: Sequence[PageContent], cfg: FinderSettings = DEFAULT_FINDER_SETTINGS) -> list[Block] | None:
    """Paragraphs and tables of a PDF none of whose pages has a ruled table; None when the finder finds no table.

    Scanned pages (no words) stay empty pages. Page numbers are the PDF's.
    """
    if any(p.tables for p in pages) or sum(len(p.words) for p in pages) < cfg.unruled_min_words:
        return None
    return find_tables([grid_lines(p.words, cfg=cfg) for p in pages], cfg=cfg)



def rule_found_tables(pages: Sequence[PageContent], cfg: FinderSettings = DEFAULT_FINDER_SETTINGS) -> bool:
    """Give the tables printed without rules on pages with no ruled table virtual header rules (in place).

    The tables come from their words' geometry
    (``extractor.readers.common.gutters.find_gutter_tables``): each becomes
    a ruled table holding its header cells (``PageTable.header_rows`` set),
    whose lines are no longer running text; ``complete_ruled_tables`` then
    reads the rows under it on its columns, as under a header a spreadsheet
    ruled. A table whose columns match (within ``cfg.same_edges_share`` of a
    column) those of the last table found on the page before takes its
    edges, so the pieces join as one table. A header left at the foot of
    a page, its rows all on the next, heads them there
    (``_with_header_from_page_before``). Returns whether any was found.
    """
    found_any = False
    last: tuple[float, ...] | None = None
    last_header: Counter[str] | None = None  # the words of the header of the last table found
    prev: PageContent | None = None  # the page before, when it has no ruled table
    prev_bottom = 0.0  # where the bodies of the tables found on it end
    for page in pages:
        if page.tables or not page.words:
            last, last_header, prev = None, None, None
            continue
        tables = find_gutter_tables(page.words, cfg)
        if prev is not None and not _opens_page(page, tables):
            tables = _with_header_from_page_before(prev, prev_bottom, page, tables, cfg)
        prev, prev_bottom = page, max((t.body_bottom for t in tables), default=0.0)
        taken = _numbered_lists(page, tables, cfg)
        found_any = found_any or bool(taken)
        for found in tables:
            edges = _same_edges(found.edges, last, cfg)
            table = PageTable(page.number, _header_cells(found, edges), header_rows=found.header_rows)
            words = header_words(c.text for c in found.header)
            if edges != last and last is not None and last_header is not None:
                table.moved_edges = _repeated_on_moved_columns(found, words, last, last_header, cfg)
                if table.moved_edges is not None:
                    edges = last
                    table.repeats_header = True
            page.tables.append(table)
            taken |= found.header_lines
            last, last_header = edges, words
            found_any = True
        if taken:
            _drop_lines(page, taken)
    return found_any


def _numbered_lists(page: PageContent, tables: list[FoundTable], cfg: FinderSettings) -> set[int]:
    """Read the page's tables of numbered rows with no header (a passport, ``gutters.find_numbered_lists``)
    outside the tables found on it into ruled tables (in place); the text lines they took."""
    skip = [(min((c.top for c in t.header), default=t.body_top), t.body_bottom) for t in tables]
    lists = find_numbered_lists(page.words, cfg, skip)
    taken: set[int] = set()
    for found in lists:
        tops = [page.lines[k].top for k in found.lines]
        top = min(tops) - 1.0
        source = PageTable(page.number, [RawCell(a, top, b, top, "") for a, b in zip(found.edges, found.edges[1:])])
        got = _body_cells(page, source, list(found.lines), cfg, top=top)
        if got:
            page.tables.append(PageTable(page.number, got[0]))
            taken.update(got[1])
    return taken


def _opens_page(page: PageContent, tables: list[FoundTable]) -> bool:
    """Whether the page opens with the header of a table found on it."""
    if not tables or not page.lines:
        return False
    first = min(range(len(page.lines)), key=lambda k: page.lines[k].top)
    return first in tables[0].header_lines


def _with_header_from_page_before(
    prev: PageContent, prev_bottom: float, page: PageContent, tables: list[FoundTable], cfg: FinderSettings
) -> list[FoundTable]:
    """The page's tables, the first one with its header taken from the foot of the page before.

    A header printed at the foot of a page (perhaps with a group heading
    under it) whose rows all went to the next page is no table on either
    page. The last lines of the page before (under its own tables, close
    together, a page number aside) are set over the page's first line; when
    the finder then reads them as the header of a table opening the page,
    they move to this page (the rows' page) and leave the page before.
    """
    order = sorted(
        (k for k, ln in enumerate(prev.lines) if ln.top > prev_bottom), key=lambda k: prev.lines[k].top
    )
    while order and is_page_number(prev.lines[order[-1]].text):
        order.pop()
    if not order or not page.lines:
        return tables
    tail = [order[-1]]
    for k in reversed(order[:-1]):
        ln, below = prev.lines[k], prev.lines[tail[0]]
        if len(tail) >= cfg.max_header_lines or below.top - ln.bottom > cfg.unruled_body_gap * max(1.0, ln.bottom - ln.top):
            break
        tail.insert(0, k)
    first_top = min(ln.top for ln in page.lines)
    last = prev.lines[tail[-1]]
    shift = first_top - last.bottom - max(1.0, (last.bottom - last.top) * 0.5)
    moved = {k: n for n, k in enumerate(tail)}
    words = [Word(w.text, w.x0, w.x1, w.top + shift, w.bottom + shift, moved[w.line]) for w in prev.words if w.line in moved]
    words += [Word(w.text, w.x0, w.x1, w.top, w.bottom, w.line + len(tail)) for w in page.words]
    found = find_gutter_tables(words, cfg)
    if not found or not any(line < len(tail) for line in found[0].header_lines):
        return tables
    # the header and what stands under it move to this page, over its first line
    page.lines = [replace(prev.lines[k], top=prev.lines[k].top + shift, bottom=prev.lines[k].bottom + shift) for k in tail] + page.lines
    page.words = words
    _drop_lines(prev, set(tail))
    return found


def _repeated_on_moved_columns(
    found: FoundTable, words: Counter[str], last: tuple[float, ...], last_header: Counter[str], cfg: FinderSettings
) -> EdgeMove | None:
    """Where the cells of ``found`` move to join the table found before it, when it repeats that table's header
    on columns its own gutters set apart (``common.join.column_map``); else None.

    A word processor repeats a table's header on each page it runs on; without rules the finder takes each
    piece's columns from its own words, and a page of longer texts narrows a gutter by more than
    ``cfg.same_edges_share`` of a column. The piece is read on its own columns, its cells then take the
    table's edges.
    """
    if not repeats_header(words, last_header, cfg.header_match_ratio):
        return None
    mapping = column_map(found.edges, last)
    return None if mapping is None else EdgeMove(tuple(found.edges), tuple(last[j] for j in mapping))


def _same_edges(edges: tuple[float, ...], last: tuple[float, ...] | None, cfg: FinderSettings) -> tuple[float, ...]:
    if last is None or len(last) != len(edges):
        return edges
    narrowest = min(b - a for a, b in zip(last, last[1:]))
    return last if all(abs(a - b) <= cfg.same_edges_share * narrowest for a, b in zip(edges, last)) else edges


def _header_cells(found: FoundTable, edges: tuple[float, ...]) -> list[RawCell]:
    return [RawCell(edges[c.col], c.top, edges[c.col + c.col_span], c.bottom, rejoin_broken_words(c.text)) for c in found.header]


def complete_ruled_tables(pages: Sequence[PageContent], cfg: FinderSettings = DEFAULT_FINDER_SETTINGS) -> None:
    """Give ruled tables the rows printed under them without rules (in place).

    A spreadsheet often rules only the header and prints the rows below it
    bare: pdfplumber finds the header alone and the rows come out as running
    text. Under a ruled table that holds header cells only (no cell with an
    amount, a percent or an item number), the text lines right under it, inside its left and
    right edges, with no wider gap between them than
    ``cfg.unruled_body_gap`` line heights, are such rows when one of them has
    words in at least ``cfg.min_columns`` of the table's columns. The
    table's column edges are fixed boundaries: the rows are read by the
    finder's row rules (``extractor.readers.common.rows.body_rows``) on the
    columns the rules give, and become cells of the table, as if ruled; the
    lines they took are no longer running text.
    """
    carry: PageTable | None = None  # a table whose bare rows ran to the foot of the previous page
    found = False  # ... with a header found from its words' geometry (no rules drawn at all)
    for page in pages:
        if not page.words:
            carry = None
            continue
        taken: set[int] = set()
        tables = sorted(page.tables, key=lambda t: t.bbox[1])
        if carry is not None:
            # bare rows opening the page go on with the table of the last page: a piece of it, on its columns
            limit = tables[0].bbox[1] if tables else page.height
            piece = PageTable(page=page.number, cells=[], moved_edges=carry.moved_edges)
            source, to_carried = _on_own_columns(page, carry, cfg) if found else (carry, lambda x: x)
            body = _lines_under(page, source, limit, taken, top=0.0, cfg=cfg)
            got = _body_cells(page, source, body, cfg, top=0.0) if body else None
            if got:
                piece.cells.extend(replace(c, x0=to_carried(c.x0), x1=to_carried(c.x1)) for c in got[0])
                page.tables.append(piece)
                taken.update(got[1])
            carry = piece if got and not tables and _reaches_foot(page, got[1], taken) else None
        for n, table in enumerate(tables):
            if not _header_only(table):
                continue  # a table with ruled rows of values ends where its rules end
            for cell in table.cells:
                cell.text = rejoin_broken_words(cell.text)  # words its narrow header cells broke
            limit = tables[n + 1].bbox[1] if n + 1 < len(tables) else page.height
            body = _lines_under(page, table, limit, taken, cfg=cfg)
            got = _body_cells(page, table, body, cfg) if body else None
            last = n + 1 == len(tables)
            if not got and body and last and _reaches_foot(page, body, taken):
                got = _headings_closing_page(page, table, body)
            if got:
                table.cells.extend(got[0])
                taken.update(got[1])
            if last and (_reaches_foot(page, got[1], taken) if got else _nothing_under(page, table, taken, cfg)):
                carry = table  # its rows go on over the page break
                found = table.header_rows > 0
        if taken:
            _drop_lines(page, taken)
    for page in pages:
        for table in page.tables:
            _move_to_joined_columns(table)


def _move_to_joined_columns(table: PageTable) -> None:
    """Move the cells of a piece read on its own columns onto the columns of the table it goes on (in place)."""
    move = table.moved_edges
    if move is not None:
        table.cells = [replace(c, x0=move(c.x0), x1=move(c.x1)) for c in table.cells]
        table.moved_edges = None


def _on_own_columns(page: PageContent, carry: PageTable, cfg: FinderSettings) -> tuple[PageTable, Callable[[float], float]]:
    """The table whose columns the rows opening ``page`` are read on, and how its edges map to ``carry``'s.

    Rows going on from the page before under a header found from its
    words' geometry (a table with no rules at all: a spreadsheet's ruled
    header fixes its columns, text overflowing a cell there runs across
    them) are read on ``carry``'s columns,
    unless their own gutters give columns that map onto ``carry``'s
    (``gutters.continuation_edges``: a table printed in two parts may lay
    its columns out anew, a column may print nothing on the page;
    ``join.column_map``) and their words run across ``carry``'s edges or
    stand in other columns on them than on their own: then on those,
    their cells taking ``carry``'s edges, so the pieces join.
    """
    carried = cluster_positions([c.x0 for c in carry.cells] + [c.x1 for c in carry.cells])
    found = continuation_edges(page.words, len(carried) - 1, cfg)
    if found is None:
        return carry, lambda x: x
    own, rows = found
    own[0], own[-1] = min(own[0], carried[0]), max(own[-1], carried[-1])
    mapping = column_map(own, carried)
    if mapping is None:
        return carry, lambda x: x
    words = [w for w in page.words if w.line in rows]
    if not any(w.x0 < e - cfg.edge_straddle and w.x1 > e + cfg.edge_straddle for w in words for e in carried[1:-1]) and all(
        mapping[bisect.bisect_right(own, mid) - 1] <= bisect.bisect_right(carried, mid) - 1 < mapping[bisect.bisect_right(own, mid)]
        for w in words
        if own[0] < (mid := (w.x0 + w.x1) / 2) < own[-1]
    ):
        return carry, lambda x: x
    # a column printing nothing on the page merged two of ``carry``'s: its edge stays where no word crosses it
    pairs = sorted(
        list(zip(own, mapping))
        + [
            (carried[j], j) for j in range(len(carried)) if j not in mapping
            and not any(w.x0 < carried[j] - cfg.edge_straddle and w.x1 > carried[j] + cfg.edge_straddle for w in words)
        ]
    )
    if any(b[1] <= a[1] for a, b in zip(pairs, pairs[1:])):
        return carry, lambda x: x
    own, mapping = [x for x, _ in pairs], [j for _, j in pairs]
    top, bottom = carry.bbox[1], carry.bbox[3]
    source = PageTable(page.number, [RawCell(a, top, b, bottom, "") for a, b in zip(own, own[1:])])

    def to_carried(x: float) -> float:
        return carried[mapping[min(range(len(own)), key=lambda i: abs(own[i] - x))]]

    return source, to_carried


def _headings_closing_page(
    page: PageContent, table: PageTable, body: list[int]
) -> tuple[list[RawCell], list[int]] | None:
    """Full-width rows for the lines under a header that close its page and fill no cells: a group heading
    ("І. Показники затрат") whose rows all went on to the next page.

    None when a line does not stand wholly under the table and the line
    before it (text beside the table or overlapping it, as a form prints
    it): such a line is no row of the table.
    """
    left, _, right, bottom = table.bbox
    cells = []
    for k in body:
        ln = page.lines[k]
        if ln.bottom + 1.0 <= bottom or ln.top < table.bbox[3]:
            return None
        cells.append(RawCell(left, max(bottom, ln.top - 1.0), right, ln.bottom + 1.0, ln.text))
        bottom = ln.bottom + 1.0
    return cells, list(body)


def _nothing_under(page: PageContent, table: PageTable, taken: set[int], cfg: FinderSettings) -> bool:
    """Whether nothing but a page number stands under ``table`` on its page."""
    bottom = table.bbox[3]
    return all(
        is_page_number(ln.text) for k, ln in enumerate(page.lines) if k not in taken and ln.top >= bottom - cfg.edge_slack
    )


def _header_only(table: PageTable) -> bool:
    """Whether a ruled table holds header cells only (names, years, column numbers), no row of values."""
    return not any(is_body_value(c.text) for c in table.cells if c.text)


def _reaches_foot(page: PageContent, body: list[int], taken: set[int]) -> bool:
    """Whether nothing but a page number stands under the rows ``body`` on the page."""
    bottom = max(page.lines[k].bottom for k in body)
    rest = [ln for k, ln in enumerate(page.lines) if k not in taken and ln.top > bottom]
    return all(is_page_number(ln.text) for ln in rest)


def _lines_under(
    page: PageContent, table: PageTable, limit: float, taken: set[int], top: float | None = None,
    cfg: FinderSettings = DEFAULT_FINDER_SETTINGS,
) -> list[int]:
    """Indexes of the text lines standing right under ``table`` and inside its edges, top to bottom.

    With ``top`` the lines are looked for from there (the head of a page
    going on with the table of the page before), a lone page number aside.
    """
    left, _, right, bottom = table.bbox
    if top is not None:
        bottom = top
    order = sorted(
        (k for k, ln in enumerate(page.lines) if k not in taken and bottom - cfg.edge_slack <= ln.top < limit),
        key=lambda k: page.lines[k].top,
    )
    if top is not None:
        while order and is_page_number(page.lines[order[0]].text):
            order.pop(0)
        if order:
            bottom = page.lines[order[0]].top
    out: list[int] = []
    edges = cluster_positions([c.x0 for c in table.cells] + [c.x1 for c in table.cells])
    by_line: dict[int, list[Word]] = {}
    for w in page.words:
        by_line.setdefault(w.line, []).append(w)
    prev = bottom
    for n, k in enumerate(order):
        ln = page.lines[k]
        height = max(1.0, ln.bottom - ln.top)
        gap = (ln.top - prev) / height
        if ln.x1 > right + cfg.edge_slack or (ln.x0 < left - cfg.edge_slack and not total_out_left(by_line.get(k, []), edges)):
            break
        if gap > cfg.unruled_body_gap:
            # empty paragraphs in the cells open wider gaps: a row of several cells may follow one,
            # or a group heading right over such a row
            nxt = order[n + 1] if n + 1 < len(order) else None
            heading = (
                nxt is not None
                and (page.lines[nxt].top - ln.bottom) / height <= cfg.unruled_body_gap
                and _fills_cells(by_line.get(nxt, []), edges, cfg)
            )
            numbered = _opens_numbered_row(by_line.get(k, []), edges, cfg) and _fills_cells(by_line.get(k, []), edges, cfg)
            if gap > (cfg.numbered_row_gap if numbered else cfg.unruled_row_gap) or not (
                _fills_cells(by_line.get(k, []), edges, cfg) or heading
            ):
                break
        out.append(k)
        prev = max(prev, ln.bottom)
    return out


def total_out_left(words: list[Word], edges: list[float]) -> bool:
    """Whether a line standing out of a table's left edge is its total row: a label starting left of the
    first column by less than the column's width (a cell merged over the first columns, its padding
    narrower than the column's text is set in), the rest of the line values."""
    if not words or len(edges) < 3:
        return False
    words = sorted(words, key=lambda w: w.x0)
    return words[0].x0 >= edges[0] - (edges[1] - edges[0]) and any(is_body_value(w.text) for w in words[1:])


def _opens_numbered_row(words: list[Word], edges: list[float], cfg: FinderSettings) -> bool:
    """Whether the line's first word is an item number ("3.", "2.1") standing in the first column, or in a
    later one when the line fills ``cfg.min_columns`` cells (a measure under its task's cell, merged over
    the measures: the task's text stands only on the page where the cell begins)."""
    if not words:
        return False
    first = min(words, key=lambda w: w.x0)
    if not is_item_number(first.text):
        return False
    return (first.x0 + first.x1) / 2 < edges[1] or len({bisect.bisect_right(edges, (w.x0 + w.x1) / 2) for w in words}) >= cfg.min_columns



def _fills_cells(words: list[Word], edges: list[float], cfg: FinderSettings) -> bool:
    """Whether ``words`` stand in two or more of the columns between ``edges``, none across a boundary.

    A total row's label may run across boundaries ("Разом за завданням 1"
    over the number and measure columns) when what follows it holds a
    number and fills two or more columns.
    """
    straddling = [w for w in words if any(w.x0 < e - cfg.edge_straddle and w.x1 > e + cfg.edge_straddle for e in edges[1:-1])]
    if straddling:
        end = max(w.x1 for w in straddling)
        words = [w for w in words if w.x0 >= end]
        if not any(ch.isdigit() for w in words for ch in w.text):
            return False
    return len({bisect.bisect_right(edges, (w.x0 + w.x1) / 2) for w in words}) >= 2


def _body_cells(
    page: PageContent, table: PageTable, body: list[int], cfg: FinderSettings, top: float | None = None
) -> tuple[list[RawCell], list[int]] | None:
    """Cells for the rule-less rows ``body`` (text line indexes) on the ruled table's column edges.

    The first row starts at the table's foot, or at ``top`` when given.
    Returns the cells and the text lines they took.
    """
    edges = cluster_positions([c.x0 for c in table.cells] + [c.x1 for c in table.cells])
    if len(edges) < cfg.min_columns + 1:
        return None
    lines_of = set(body)
    words = centred_headings_whole(runs_split_at_boundaries([w for w in page.words if w.line in lines_of], edges, cfg), edges, cfg)

    def column(w: Word) -> int:
        return min(len(edges) - 2, max(0, bisect.bisect_right(edges, (w.x0 + w.x1) / 2) - 1))

    if not any(len({column(w) for w in words if w.line == k}) >= cfg.min_columns for k in body):
        return None
    spans: list[tuple[float, float] | None] = []
    grid = column_lines(words, edges, cfg=cfg, spans_out=spans)
    rows = body_rows(grid.lines, range(len(grid.lines)), grid.cores, grid.crossing, cfg=cfg)
    by_source: dict[int, dict[int, float]] = {}  # a text line's columns -> the top of its words there
    for w in words:
        cols = by_source.setdefault(w.line, {})
        cols[column(w)] = min(cols.get(column(w), w.top), w.top)
    # a line with text in one column, and how far under the text of the line above in that column it stands
    lone: dict[int, float] = {}
    for k in range(1, len(grid.sources)):
        src, above = grid.sources[k], grid.sources[k - 1]
        if src is None or above is None or len(by_source.get(src, {})) != 1:
            continue
        (col, top), = by_source[src].items()
        if col in by_source.get(above, {}):
            lone[k] = top - by_source[above][col]
        elif spans[k] is not None and spans[k - 1] is not None:
            lone[k] = spans[k][0] - spans[k - 1][0]
    opened = row_gap_starts(spans, [r.line for r in rows], cfg, lone)
    if opened:
        ends = [r.line for r in rows[1:]] + [len(grid.lines)]
        split: list[BodyRow] = []
        for row, end in zip(rows, ends):
            cuts = [row.line] + [k for k in opened if row.line < k < end] + [end]
            if len(cuts) == 2:
                split.append(row)
                continue
            for a, b in zip(cuts, cuts[1:]):
                split.extend(body_rows(grid.lines, range(a, b), grid.cores, grid.crossing, cfg=cfg))
        rows = split
    firsts = [r.line for r in rows]
    ends = firsts[1:] + [len(grid.lines)]
    # a table does not end with a text across the row (a heading or running text after it; a title's words
    # may fall each in a column), unless the page ends there: a group heading closing a page opens the
    # rows of the next
    foot = _reaches_foot(page, [grid.sources[k] for k in range(len(grid.lines)) if grid.sources[k] is not None], set(body))
    on_line: dict[int, list[Word]] = {}
    for w in words:
        on_line.setdefault(w.line, []).append(w)
    across = grid.crossing | {
        k for k, src in enumerate(grid.sources) if src is not None and _one_run(on_line.get(src, []), cfg)
    }
    while not foot and rows and firsts[-1] in across and all(
        grid.sources[k] is None or k in across for k in range(firsts[-1], ends[-1])
    ):
        rows.pop()
        firsts.pop()
        ends.pop()
    if not rows:
        return None
    # row boundaries halfway between one row's last line and the next row's first
    lasts = [max((k for k in range(a, b) if spans[k] is not None), default=a) for a, b in zip(firsts, ends)]
    tops = [table.bbox[3] if top is None else min(top, spans[firsts[0]][0] - 1.0)]
    for r in range(1, len(rows)):
        tops.append((spans[lasts[r - 1]][1] + spans[firsts[r]][0]) / 2)
    tops.append(spans[lasts[-1]][1] + 1.0)
    cells = []
    for r, row in enumerate(rows):
        for text, a, b in row.cells:
            text = text.replace(MERGED_SPACE, " ")
            cells.append(RawCell(edges[a], tops[r], edges[min(b + 1, len(edges) - 1)], tops[r + 1], text))
    used = [grid.sources[k] for k in range(ends[-1]) if grid.sources[k] is not None]
    return cells, used


#: a year or a years' range run together with the amount printed after it ("2022-20241" of "2022-2024" and "1 200,0")
_YEARS_THEN_AMOUNT = re.compile(r"^((?:19|20)\d\d(?:[-–](?:19|20)\d\d)?)(\d[\d,.]*)$")


def _run_together_cut(text: str) -> int | None:
    """Where ``text`` is two texts run together (see ``runs_split_at_boundaries``), else None."""
    m = _YEARS_THEN_AMOUNT.match(text)
    if m:
        return len(m.group(1))
    cuts = [k for k in range(1, len(text)) if text[k - 1].islower() and text[k].isupper()]
    return cuts[0] if len(cuts) == 1 else None


def runs_split_at_boundaries(words: list[Word], edges: list[float], cfg: FinderSettings) -> list[Word]:
    """The words, two texts run together across a column boundary split there.

    A spreadsheet prints a text that overflows its narrow column into the
    next, where another text starts flush left: their characters touch and
    read as one word printed across the boundary: a term and an amount
    ("2022-20241" of "2022-2024" and "1 200,0"), a measure and an executor
    ("сфериВідділ" of "сфери" and "Відділ"). A word across a boundary that
    is a year or a range of years followed by digits, or a word in lower
    case followed by a capitalised one, the boundary falling within a
    character of where the two meet (characters taken as equally wide), is
    the two texts.
    """
    out: list[Word] = []
    for w in words:
        edge = next((e for e in edges[1:-1] if w.x0 < e - cfg.edge_straddle and w.x1 > e + cfg.edge_straddle), None)
        k = _run_together_cut(w.text) if edge is not None else None
        if k is None or edge is None:
            out.append(w)
            continue
        width = (w.x1 - w.x0) / len(w.text)
        cut = w.x0 + width * k
        if abs(cut - edge) > width:
            out.append(w)
            continue
        # the two texts meet at the boundary: neither runs across it
        out.append(Word(w.text[:k], w.x0, edge, w.top, w.bottom, w.line))
        out.append(Word(w.text[k:], edge, w.x1, w.top, w.bottom, w.line))
    return out


def centred_headings_whole(words: list[Word], edges: list[float], cfg: FinderSettings) -> list[Word]:
    """The words, a group heading centred across columns made one word so it reads across them.

    A group heading centred on a table without borders ("ІV. Показники
    якості") runs across column boundaries; when a word space, not a
    word, falls on a boundary, no word is printed across it and the
    heading's words would be read as cells of the columns they stand in. A
    line that is one run of words (no gap wider than ``cfg.geo_max_join_gap``
    text heights) reaching over a boundary, holding no value (an amount, a
    percent, an item number) and centred on the table (within
    ``cfg.heading_tight_centre`` of its width) is one word.
    """
    by_line: dict[int, list[Word]] = {}
    for w in words:
        by_line.setdefault(w.line, []).append(w)
    left, right = edges[0], edges[-1]
    out: list[Word] = []
    for line, ws in by_line.items():
        ws = sorted(ws, key=lambda w: w.x0)
        h = max(w.bottom - w.top for w in ws)
        x0, x1 = ws[0].x0, ws[-1].x1
        if (
            len(ws) > 1
            and all(b.x0 - a.x1 <= cfg.geo_max_join_gap * h for a, b in zip(ws, ws[1:]))
            and any(x0 < e - cfg.edge_straddle and x1 > e + cfg.edge_straddle for e in edges[1:-1])
            and not any(is_body_value(w.text) for w in ws)
            and abs((x0 + x1) - (left + right)) / 2 <= cfg.heading_tight_centre * (right - left)
        ):
            out.append(Word(" ".join(w.text for w in ws), x0, x1, min(w.top for w in ws), max(w.bottom for w in ws), line))
        else:
            out.extend(ws)
    return out


def _one_run(words: list[Word], cfg: FinderSettings) -> bool:
    """Whether a text line's words are one run of words (no gap wider than ``cfg.geo_max_join_gap`` text
    heights), two or more, holding no value: a title or a heading printed across the columns."""
    ws = sorted(words, key=lambda w: w.x0)
    if len(ws) < 2 or any(is_body_value(w.text) for w in ws[1:]):
        return False
    h = max(w.bottom - w.top for w in ws)
    return all(b.x0 - a.x1 <= cfg.geo_max_join_gap * h for a, b in zip(ws, ws[1:]))


def row_gap_starts(
    spans: list[tuple[float, float] | None], starts: list[int], cfg: FinderSettings, candidates: dict[int, float]
) -> list[int]:
    """Grid lines that open a row by the wider gap rows stand apart by, besides the rows ``starts`` open.

    A web page printed without borders pads its cells: the lines of a row
    stand one line pitch apart, rows a padding more. A line with text in one
    column only opens no row by the row rules (a wrapped line of a name
    reads the same), but a group heading ("Показники продукту" in the name
    column) stands a row gap under the row above and over the row below.
    When the gaps before the rows that open (the median) exceed the gaps
    inside them (the median) by ``cfg.row_gap_excess`` text heights, a line
    standing at least halfway between the two under the line above (and not
    a blank line or more) opens a row too. ``spans`` are the grid lines'
    (top, bottom), None for a blank grid line; ``candidates`` the lines that
    may open a row, with how far under the line above each stands (the
    caller measures it in the line's own column: a merged cell beside it
    may set its text on other baselines).
    """
    gaps: dict[int, float] = {}
    for k in range(1, len(spans)):
        if spans[k] is not None and spans[k - 1] is not None:
            gaps[k] = spans[k][0] - spans[k - 1][0]
    opening = [gaps[k] for k in starts if k in gaps]
    inner = [g for k, g in gaps.items() if k not in set(starts)]
    if len(opening) < 2 or len(inner) < 2:
        return []
    heights = [b - t for t, b in (sp for sp in spans if sp is not None)]
    h = statistics.median(heights)
    row_pitch, line_pitch = statistics.median(opening), statistics.median(inner)
    if row_pitch - line_pitch < cfg.row_gap_excess * h:
        return []
    half = (row_pitch + line_pitch) / 2
    known = set(starts)
    return [k for k, g in sorted(candidates.items()) if k not in known and half <= g <= row_pitch + (row_pitch - line_pitch)]


def _drop_lines(page: PageContent, taken: set[int]) -> None:
    """Remove the text lines ``taken`` by tables, renumbering the words' lines."""
    keep = [k for k in range(len(page.lines)) if k not in taken]
    new_index = {k: i for i, k in enumerate(keep)}
    page.lines = [page.lines[k] for k in keep]
    page.words = [
        Word(w.text, w.x0, w.x1, w.top, w.bottom, new_index[w.line]) for w in page.words if w.line in new_index
    ]
