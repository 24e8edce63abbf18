"""Where on the page each value was printed: boxes from the Document onto the Report's locations.

``attach_boxes(report, document)`` gives every funding and indicator row whose
source row has a box (a PDF row) its ``location.bbox``, and each of its values
the box of the cell that printed it (``location.cells``, keyed like ``raw``):
the one cell covering the row whose text reads as the printed value. A value
printed in several cells of the row (planned and actual both "20,0") gets
the cell of the grid column extraction read it from (``Location.column_of``).
A value whose text stands in no cell of the row, or in several and not in
that column, gets no box of its own: the row's box stands for it, so a box
never points at the wrong cell. Boxes are rounded to 0.1 pt.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

from .document import BBox, Cell, Document, Row, Table
from .models import FundingRow, IndicatorRow, Report
from .normalize.text import clean_text

Item = TypeVar("Item", FundingRow, IndicatorRow)

#: decimals kept of a box coordinate (PDF points)
BOX_DECIMALS = 1


def _box(bbox: BBox) -> list[float]:
    return [round(float(v), BOX_DECIMALS) for v in bbox]


class RowCells:
    """A table's rows by index, each with the distinct cells covering it (merged cells from above included)."""

    def __init__(self, table: Table):
        grid = table.grid()
        self.rows = {}
        for r, row in enumerate(table.rows):
            seen: dict[int, object] = {}
            for cell in grid[r]:
                if cell is not None:
                    seen.setdefault(id(cell), cell)
            self.rows[row.index] = (row, list(seen.values()))


def rows_with_cells(items: Iterable[Item], tables: dict[int, Table]) -> Iterator[tuple[Item, Row, list[Cell]]]:
    """Each report row (funding or indicator) read from one of ``tables`` (by index): its source Row and cells.

    The one walk from a report row's ``location`` to the cells that printed
    it, shared by the boxes here and the OCR confidences
    (``extract/ocr.py``); each table's grid is built once.
    """
    cells_of: dict[int, RowCells] = {}
    for item in items:
        loc = item.location
        if loc.table not in tables or loc.row is None:
            continue
        if loc.table not in cells_of:
            cells_of[loc.table] = RowCells(tables[loc.table])
        row, cells = cells_of[loc.table].rows.get(loc.row, (None, []))
        if row is not None:
            yield item, row, cells


def prints(cell: Cell, printed: str, *, by_line: bool = False) -> bool:
    """Whether a cell's text reads as a printed value (or, ``by_line``, one of its lines does: a stacked cell)."""
    text = clean_text(printed)
    if not text:
        return False
    return clean_text(cell.text) == text or (by_line and text in (clean_text(line) for line in cell.lines))


def attach_boxes(report: Report, document: Document) -> Report:
    """The report with the boxes of its rows and values filled in where the Document has them (in place)."""
    boxed = {t.index: t for t in document.tables if any(r.bbox is not None for r in t.rows)}
    for item, row, cells in rows_with_cells((*report.funding, *report.indicators), boxed):
        if row.bbox is None:
            continue
        loc = item.location
        loc.bbox = _box(row.bbox)
        for key, printed in item.raw.items():
            found = [c for c in cells if c.bbox is not None and prints(c, printed)]
            if len(found) > 1:  # printed twice in the row: the cell of the column it was read from
                col = loc.column_of(key)
                found = [c for c in found if col is not None and c.col <= col < c.col + c.col_span]
            if len(found) == 1:
                loc.cells[key] = _box(found[0].bbox)
    return report
