"""Reading cell values out of a table grid, shared by the funding and indicator extractors."""

from __future__ import annotations

from dataclasses import dataclass

from ..document import Cell, Table
from ..models import Location
from ..normalize.text import clean_text


def row_location(table: Table, r: int) -> Location:
    """Where row ``r`` of a table stands in the source: page (PDF), table and row index, sheet and its row number."""
    row = table.rows[r]
    return Location(page=row.page, table=table.index, row=row.index, sheet=row.sheet, sheet_row=row.sheet_row)


@dataclass(frozen=True)
class GridView:
    """A table's dense grid with the rules for reading a position.

    A horizontally spanning cell belongs to the column it starts in; a
    vertically merged cell is read in later rows only when ``carry`` is asked
    (task, term, executor), never for amounts.
    """

    table: Table
    grid: list[list[Cell | None]]

    @classmethod
    def of(cls, table: Table) -> "GridView":
        return cls(table, table.grid())

    def cell(self, r: int, c: int | None, carry: bool = False) -> Cell | None:
        if c is None or c >= self.table.n_cols:
            return None
        cell = self.grid[r][c]
        if cell is None or cell.col != c:
            return None
        if cell.row != r and not carry:
            return None
        return cell

    def text(self, r: int, c: int | None, carry: bool = False) -> str:
        cell = self.cell(r, c, carry)
        return cell.text if cell is not None else ""

    def is_new(self, r: int, c: int | None) -> bool:
        """True when the cell at (r, c) starts in row r and holds text."""
        cell = self.cell(r, c)
        return cell is not None and bool(clean_text(cell.text))

    def row_is_empty(self, r: int) -> bool:
        return not any(clean_text(c.text) for c in self.table.rows[r].cells)

    def origin_texts(self, r: int) -> list[str]:
        return [clean_text(c.text) for c in self.table.rows[r].cells]


def nonempty_lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]
