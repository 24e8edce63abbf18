"""Ruled PDF tables: page pieces → grids, joined across pages.

A table drawn in a PDF is, per page, a set of cell rectangles (what
pdfplumber's ``find_tables()`` reports in ``Table.cells``) each with the text
found inside it. This module turns those rectangles into grid cells with
explicit spans and joins the pieces of one table that crosses pages into one
``extractor.document.Table``. It knows nothing of pdfplumber: it works on
plain bounding boxes, so it can be tested with hand-made geometry.

Grid
    The column boundaries of a table are the distinct x positions of all cell
    edges (left and right) of all its pieces, clustered within
    the edge tolerance; the row boundaries of a piece are the distinct
    y positions of its cell edges. A cell's column is the index of the
    boundary nearest its left edge and its column span runs to the boundary
    nearest its right edge; rows likewise. The edge tolerance is
    ``settings.PdfSettings.edge_tolerance``, which a ``TableDraft`` is given.

Page join
    A table piece that is the first body block of page N+1 continues the
    table that was the last body block of page N when both have the same
    outer left and right edges and one set of column boundaries is contained
    in the other (normally they are equal; a piece whose rows happen not to
    use a column line is still accepted), all within the edge tolerance.

Repeated header rows
    The leading rows of a continuation piece that repeat the table's first
    rows (same cell edges and spans, not all blank, and the same header by
    the rule tables found without rules are joined by too:
    ``extractor.readers.common.join``, whose ``header_match_ratio`` the
    draft is given; a repeated header row may be drawn shorter and lose a
    clipped character to the row below, as LibreOffice does) are
    header rows repeated by the word processor: they are dropped, and the
    table's first rows are marked ``is_header``. A table whose header
    is not repeated has no rows marked as header (a PDF cannot tell).

Vertically merged cells cut by a page break
    A word processor draws a vertically merged cell as one rectangle per
    page. Let Q be the cell covering the table's last row in a column and P
    the cell starting in the continuation's first row with the same left and
    right edges. P is the rest of Q (Q's row span is extended over P's rows,
    P's text appended to Q's after a line break) when

    1. P is blank and Q or P spans more than one row (a merged cell whose
       text fitted on the earlier page: a blank piece, or a cell still
       spanning rows, cannot start a new record); or
    2. P has text, the cell to P's left was joined to the cell left of Q by
       these rules, and P has the same row extent as its left neighbour and Q
       the same as Q's left neighbour (the cell belongs to the same merged
       group as the one beside it, whose text was cut at the break); or
    3. P has text starting with a lower-case letter and Q or P spans more
       than one row, or Q's text ends with a hyphen (a sentence cut in two);
    4. a whole table row may break across pages (Word's default). The
       continuation's first row is the rest of the table's last row when
       each of its cells lies under a cell ending in that last row, its
       cells not joined by rules 1–3 all span one row, some have text, none
       opens with an item number ("2.", "1.2 …"), its cells with text are not
       all amounts under cells of the last row that hold text already (a
       subtotal opening the page, its label cells blank), and either its first cell
       is blank and more than half of those cells are blank (the short
       values fitted before the break), or more of its cells with text read
       as cut ("common.join.reads_as_rest": they open in lower case, or the cell above ends
       in a hyphen) than not.
       Then every cell of that row is joined to the cell above it and the
       two rows are one;
    5. otherwise, the leading blank cells of the continuation's first row
       (left of its first cell with text) continue the cells with text above
       them: a record with no number and no task of its own, right after a
       page break, belongs to the task above (a one-row piece of a merged
       cell on each page looks exactly like that).

    Blank pieces elsewhere in the row, under single-row cells, stay separate
    cells: no geometry tells a merged cell from an empty one there, and
    extraction carries task cells down anyway.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import regex

from ..document import Cell, Row, Table
from ..settings import DEFAULT_PDF
from .common.finder_settings import DEFAULT_FINDER_SETTINGS
from .common.join import header_words, reads_as_rest, repeats_header
from .common.tokens import is_body_value, split_item_number


@dataclass
class RawCell:
    """One cell rectangle of a table on one page, with its text."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str = ""
    #: the recognition confidence (0–1) when the text was read from a page image by OCR
    ocr: float | None = None


@dataclass
class PageTable:
    """The cells of one ruled table as drawn on one page."""

    page: int
    cells: list[RawCell]
    #: leading rows known to be the header (a table found from its words' geometry); 0: unknown
    header_rows: int = 0
    #: drawn inside a cell of another table of the page: a table of its own, never part of a page join
    nested: bool = False
    #: a piece of a table without rules whose columns its own gutters set apart from the table's on the page
    #: before: where its cells move for the page join (``common.join.column_map``)
    moved_edges: EdgeMove | None = None
    #: its ``header_rows`` repeat the header of the table it goes on (the finder matched their words): the page
    #: join drops them even where its cells are cut otherwise than the table's
    repeats_header: bool = False

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (
            min(c.x0 for c in self.cells),
            min(c.top for c in self.cells),
            max(c.x1 for c in self.cells),
            max(c.bottom for c in self.cells),
        )


@dataclass(frozen=True)
class EdgeMove:
    """A piece's own column edges and the table's edges they stand for (``common.join.column_map``)."""

    own: tuple[float, ...]
    table: tuple[float, ...]

    def __call__(self, x: float) -> float:
        """The table's edge for the piece's edge nearest ``x``."""
        return self.table[nearest_index(list(self.own), x)]


def cluster_positions(values: list[float], tolerance: float = DEFAULT_PDF.edge_tolerance) -> list[float]:
    """Sorted representative positions: values closer than ``tolerance`` to their neighbour form one group."""
    out: list[float] = []
    group: list[float] = []
    for v in sorted(values):
        if group and v - group[-1] > tolerance:
            out.append(sum(group) / len(group))
            group = []
        group.append(v)
    if group:
        out.append(sum(group) / len(group))
    return out


def nearest_index(positions: list[float], value: float) -> int:
    """Index of the position nearest ``value`` in a sorted list."""
    i = bisect.bisect_left(positions, value)
    if i == 0:
        return 0
    if i == len(positions):
        return len(positions) - 1
    return i if positions[i] - value < value - positions[i - 1] else i - 1


def _row_box(row: Row) -> tuple[float, float, float, float] | None:
    """The row's box: across all its cells, as high as its cells one row high (a merged cell reaches further)."""
    boxes = [c.bbox for c in row.cells if c.bbox is not None]
    high = [c.bbox for c in row.cells if c.bbox is not None and c.row_span == 1]
    if not high:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in high), max(b[2] for b in boxes), max(b[3] for b in high))


@dataclass
class _DraftCell:
    """A cell of a table being assembled: x extent, global rows, text, and its box's top and bottom on its page."""

    x0: float
    x1: float
    row: int
    row_span: int
    text: str
    top: float | None = None
    bottom: float | None = None
    ocr: float | None = None


def _lower(a: float | None, b: float | None) -> float | None:
    """The lower of two OCR confidences (None: not read by OCR)."""
    return b if a is None else a if b is None else min(a, b)


def _blank(text: str) -> bool:
    return not text.strip()


def _piece_cells(piece: PageTable, tolerance: float) -> tuple[list[_DraftCell], int]:
    """The piece's cells with local row indices (from 0) and its number of grid rows."""
    ys = cluster_positions([c.top for c in piece.cells] + [c.bottom for c in piece.cells], tolerance)
    out = []
    for c in piece.cells:
        r0 = nearest_index(ys, c.top)
        r1 = nearest_index(ys, c.bottom)
        out.append(_DraftCell(c.x0, c.x1, r0, max(1, r1 - r0), c.text, c.top, c.bottom, c.ocr))
    out.sort(key=lambda d: (d.row, d.x0))
    return out, max(1, len(ys) - 1)


def _is_row_remainder(
    first_row: list[_DraftCell],
    below: dict[int, _DraftCell],
    joined: dict[int, tuple[_DraftCell, int, int]],
    last: int,
) -> bool:
    """Whether a continuation's first row is the rest of the table's last row, cut by the page break.

    See rule 4 in the module docstring.
    """
    if not first_row or any(id(p) not in below for p in first_row):
        return False
    if any(below[id(p)].row + below[id(p)].row_span - 1 != last for p in first_row):
        return False
    free = [p for p in first_row if id(p) not in joined]
    if any(p.row_span != 1 for p in free):
        return False
    if all(_blank(p.text) for p in free) or any(split_item_number(p.text, dotted=True) for p in free):
        return False
    if all(is_body_value(p.text) and not _blank(below[id(p)].text) for p in free if not _blank(p.text)):
        return False  # fresh amounts under filled cells: a row of its own (a subtotal), not the rest of one
    blanks = sum(1 for p in free if _blank(p.text))
    if _blank(first_row[0].text) and blanks * 2 > len(free):
        return True
    texts = [p for p in free if regex.search(r"\p{L}", p.text)]
    cut = sum(1 for p in free if not _blank(p.text) and reads_as_rest(below[id(p)].text, p.text))
    return cut > len(texts) - sum(1 for p in texts if reads_as_rest(below[id(p)].text, p.text))


def _same_x(a: _DraftCell, b: _DraftCell, tolerance: float) -> bool:
    return abs(a.x0 - b.x0) <= tolerance and abs(a.x1 - b.x1) <= tolerance


def _contained(small: list[float], big: list[float], tolerance: float) -> bool:
    return all(abs(big[nearest_index(big, v)] - v) <= tolerance for v in small)


@dataclass
class TableDraft:
    """A table under assembly from one or more page pieces."""

    first_page: int
    xs: list[float]
    cells: list[_DraftCell] = field(default_factory=list)
    row_pages: list[int] = field(default_factory=list)
    header_rows: int = 0
    #: how alike a continuation's leading rows must be to the first rows to repeat them (``common.join``)
    header_match_ratio: float = DEFAULT_FINDER_SETTINGS.header_match_ratio
    #: points within which two cell edges are one grid line (``PdfSettings.edge_tolerance``)
    edge_tolerance: float = DEFAULT_PDF.edge_tolerance

    @classmethod
    def start(
        cls,
        piece: PageTable,
        header_match_ratio: float = DEFAULT_FINDER_SETTINGS.header_match_ratio,
        edge_tolerance: float = DEFAULT_PDF.edge_tolerance,
    ) -> "TableDraft":
        cells, n_rows = _piece_cells(piece, edge_tolerance)
        xs = cluster_positions([c.x0 for c in piece.cells] + [c.x1 for c in piece.cells], edge_tolerance)
        return cls(
            first_page=piece.page, xs=xs, cells=cells, row_pages=[piece.page] * n_rows, header_rows=piece.header_rows,
            header_match_ratio=header_match_ratio, edge_tolerance=edge_tolerance,
        )

    @property
    def n_rows(self) -> int:
        return len(self.row_pages)

    @property
    def last_page(self) -> int:
        return self.row_pages[-1]

    def accepts(self, piece: PageTable) -> bool:
        """Whether ``piece`` has this table's column structure (see the module docstring)."""
        tol = self.edge_tolerance
        xs = cluster_positions([c.x0 for c in piece.cells] + [c.x1 for c in piece.cells], tol)
        if len(xs) < 2 or abs(xs[0] - self.xs[0]) > tol or abs(xs[-1] - self.xs[-1]) > tol:
            return False
        return _contained(xs, self.xs, tol) or _contained(self.xs, xs, tol)

    # -- joining -------------------------------------------------------------------

    def _repeated_header_rows(self, cells: list[_DraftCell], n_rows: int) -> int:
        """How many leading rows of a continuation piece repeat this table's first rows."""
        best = 0
        for k in range(1, min(n_rows, self.n_rows) + 1):
            mine = sorted((c for c in self.cells if c.row == k - 1), key=lambda c: c.x0)
            theirs = sorted((c for c in cells if c.row == k - 1), key=lambda c: c.x0)
            if not mine or len(mine) != len(theirs):
                break
            if all(_blank(c.text) for c in mine):
                break
            if not all(_same_x(a, b, self.edge_tolerance) and a.row_span == b.row_span for a, b in zip(mine, theirs)):
                break
            if not repeats_header(header_words(c.text for c in mine), header_words(c.text for c in theirs),
                                  self.header_match_ratio):
                break
            # a matched block must not have cells hanging below it
            if all(c.row + c.row_span <= k for c in cells if c.row < k) and all(
                c.row + c.row_span <= k for c in self.cells if c.row < k
            ):
                best = k
        return best

    def append(self, piece: PageTable) -> None:
        """Join a continuation piece: drop repeated headers, rejoin cut merged cells, add its rows."""
        cells, n_rows = _piece_cells(piece, self.edge_tolerance)
        self.xs = cluster_positions(self.xs + [c.x0 for c in piece.cells] + [c.x1 for c in piece.cells],
                                    self.edge_tolerance)
        k = self._repeated_header_rows(cells, n_rows)
        if piece.repeats_header:
            k = max(k, min(piece.header_rows, n_rows))
        if k:
            self.header_rows = max(self.header_rows, k)
            cells = [c for c in cells if c.row >= k]
            for c in cells:
                c.row -= k
            n_rows -= k
        if n_rows <= 0 or not cells:
            return
        last = self.n_rows - 1
        covering_last = [c for c in self.cells if c.row <= last < c.row + c.row_span]
        joined: dict[int, tuple[_DraftCell, int, int]] = {}  # id(P) -> (Q, Q.row, Q.row_span before)
        first_row = sorted((c for c in cells if c.row == 0), key=lambda c: c.x0)
        below: dict[int, _DraftCell] = {}  # id(P) -> the aligned Q
        for p in first_row:
            q = next((c for c in covering_last if _same_x(c, p, self.edge_tolerance)), None)
            if q is None:
                continue
            below[id(p)] = q
            if self._continues(p, q, first_row, joined, self.edge_tolerance):
                joined[id(p)] = (q, q.row, q.row_span)
        split = _is_row_remainder(first_row, below, joined, last)
        if split:
            for p in first_row:
                joined.setdefault(id(p), (below[id(p)], below[id(p)].row, below[id(p)].row_span))
        elif any(not _blank(p.text) for p in first_row):
            # rule 5: the row's leading blank cells under cells with text continue them
            for p in first_row:
                if not _blank(p.text):
                    break
                q = below.get(id(p))
                if q is not None and id(p) not in joined and not _blank(q.text):
                    joined[id(p)] = (q, q.row, q.row_span)
        offset = last if split else self.n_rows
        for p in cells:
            p.row += offset
        for p in first_row:
            if id(p) in joined:
                q = joined[id(p)][0]
                q.row_span = max(q.row_span, p.row + p.row_span - q.row)
                if not _blank(p.text):
                    q.text = p.text if _blank(q.text) else q.text + "\n" + p.text
                    q.ocr = _lower(q.ocr, p.ocr)
        self.cells.extend(c for c in cells if id(c) not in joined)
        self.row_pages.extend([piece.page] * (n_rows - 1 if split else n_rows))

    @staticmethod
    def _continues(
        p: _DraftCell,
        q: _DraftCell,
        first_row: list[_DraftCell],
        joined: dict[int, tuple[_DraftCell, int, int]],
        tolerance: float,
    ) -> bool:
        multi_row = p.row_span > 1 or q.row_span > 1
        if _blank(p.text):
            return multi_row
        left = next((c for c in first_row if abs(c.x1 - p.x0) <= tolerance), None)
        if left is not None and id(left) in joined:
            q_left, q_left_row, q_left_span = joined[id(left)]
            if left.row_span == p.row_span and q_left_row == q.row and q_left_span == q.row_span:
                return True
        first = p.text.strip()[0]
        return first.isalpha() and first.islower() and (multi_row or q.text.rstrip().endswith(("-", "\u00ad")))

    # -- output --------------------------------------------------------------------

    def to_table(self, index: int) -> Table:
        """The assembled table with grid positions and spans."""
        xs = cluster_positions([c.x0 for c in self.cells] + [c.x1 for c in self.cells], self.edge_tolerance)
        n_cols = max(1, len(xs) - 1)
        rows = [Row(cells=[], index=r, page=p, is_header=r < self.header_rows) for r, p in enumerate(self.row_pages)]
        for c in sorted(self.cells, key=lambda c: (c.row, c.x0)):
            c0 = min(nearest_index(xs, c.x0), n_cols - 1)
            c1 = nearest_index(xs, c.x1)
            box = (c.x0, c.top, c.x1, c.bottom) if c.top is not None and c.bottom is not None else None
            rows[c.row].cells.append(
                Cell(text=c.text, row=c.row, col=c0, row_span=c.row_span, col_span=max(1, c1 - c0), bbox=box,
                     ocr=c.ocr)
            )
        for row in rows:
            row.bbox = _row_box(row)
        return Table(rows=rows, index=index, n_cols=n_cols, page=self.first_page)
