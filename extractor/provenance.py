"""Where on the page each value was printed: boxes from the Document onto the Report's locations.

``attach_boxes(report, document)`` gives every funding and indicator row whose
source row has a box (a PDF row) its ``location.bbox``, and each of its values
the box of the cell that printed it (``location.cells``, keyed like ``raw``):
the one cell covering the row whose text reads as the printed value. A value
whose text stands in no cell of the row, or in several (planned and actual
both "20,0"), gets no box of its own: the row's box stands for it, so a box
never points at the wrong cell. Boxes are rounded to 0.1 pt.
"""

from __future__ import annotations

from .document import BBox, Document, Table
from .models import Report
from .normalize.text import clean_text

#: decimals kept of a box coordinate (PDF points)
BOX_DECIMALS = 1


def _box(bbox: BBox) -> list[float]:
    return [round(float(v), BOX_DECIMALS) for v in bbox]


class RowCells:
    """A table's rows by index, each with the distinct cells covering it (merged cells from above included).

    Also how OCR confidences find their cells (``extract/ocr.py``).
    """

    def __init__(self, table: Table):
        grid = table.grid()
        self.rows = {}
        for r, row in enumerate(table.rows):
            seen: dict[int, object] = {}
            for cell in grid[r]:
                if cell is not None:
                    seen.setdefault(id(cell), cell)
            self.rows[row.index] = (row, list(seen.values()))


def attach_boxes(report: Report, document: Document) -> Report:
    """The report with the boxes of its rows and values filled in where the Document has them (in place)."""
    boxed = {t.index: t for t in document.tables if any(r.bbox is not None for r in t.rows)}
    rows_of: dict[int, RowCells] = {}
    for item in (*report.funding, *report.indicators):
        loc = item.location
        if loc.table not in boxed or loc.row is None:
            continue
        if loc.table not in rows_of:
            rows_of[loc.table] = RowCells(boxed[loc.table])
        row, cells = rows_of[loc.table].rows.get(loc.row, (None, []))
        if row is None or row.bbox is None:
            continue
        loc.bbox = _box(row.bbox)
        for key, printed in item.raw.items():
            text = clean_text(printed)
            found = [c for c in cells if c.bbox is not None and text and clean_text(c.text) == text]
            if len(found) == 1:
                loc.cells[key] = _box(found[0].bbox)
    return report
