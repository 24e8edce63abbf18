"""The format-neutral Document every reader produces.

A Document is an ordered list of blocks: ``Paragraph`` and ``Table``. Tables
store spans explicitly on each cell (docling-style); the dense grid is a view
derived from them. Every block carries its provenance (page for PDFs, table
and row index).

Conventions every reader follows:

* ``Cell.text`` keeps the cell's paragraphs as lines joined by ``"\\n"`` and
  keeps soft hyphens, no-break spaces and doubled spaces: clean-up belongs to
  ``extractor.normalize.text``.
* ``Table.rows[i].cells`` lists only the cells that *start* in row ``i``
  (origin cells), left to right, each with its grid column ``col`` and spans.
  A vertically merged cell appears once, in its first row, with
  ``row_span > 1``; ``Table.grid()`` repeats it at every position it covers.
* A table that crosses pages is one Table; repeated header rows are dropped.
* Formats that cannot tell a vertical merge from an empty cell (plain text)
  give an empty cell: extraction carries task cells down either way.

What a ``Paragraph`` holds depends on what the format knows of paragraphs:

========================  ===============================================================
reader                    one ``Paragraph`` is
========================  ===============================================================
DOCX (DOC, RTF, ODT)      one ``w:p`` paragraph, whole (its line breaks as ``"\n"``);
                          header, footer and text-box parts say so in ``part``
HTML                      the text of one block element (``<p>``, ``<h1>``, ``<li>``, …)
PDF (text layer, OCR)     a block of printed lines that run on (same column, usual line
                          spacing, no larger gap): a paragraph or part of one, lines
                          joined by ``"\n"``; page furniture kept has ``part`` header/footer
TXT                       one printed line (layout text: a block of lines, as a PDF's)
XLSX                      a sheet row outside any table, its cells joined by tabs
========================  ===============================================================

So a sentence may run over several Paragraphs: ``extract.lines.logical_lines``
joins a line with the next when the next goes on in lower case, the same way
for every format; nothing downstream depends on the unit.

``Row.is_header`` means one thing in every format: the reader knows the row
belongs to the table's header, from the source's markup (DOCX ``w:tblHeader``,
HTML ``<thead>``) or from the layout it found the table by (a ruled PDF
table's first rows repeated at the head of each page; the header the finder
over positioned words found above a table's first body row; the header block
of a text table, its column-numbering row included). False means "not known
to be a header", not "a body row": a DOCX table without header markup, or a
ruled PDF table whose header is not repeated, marks none.
Extraction tells header rows by their words and does not read the flag;
the source views (``render``, ``writers.view``) show it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterator, Literal, Union


#: a box on a PDF page: (x0, top, x1, bottom) in PDF points, from the page's top-left corner
BBox = tuple[float, float, float, float]


@dataclass
class Cell:
    """One cell of a table, stored once at its top-left grid position."""

    text: str
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    #: the exact stored number of a spreadsheet cell (``text`` is what was displayed); None elsewhere
    value: Decimal | None = None
    #: PDF: the cell's box on the page of its first row (``BBox``); None where the reader knows no box
    bbox: BBox | None = None
    #: recognition confidence (0–1, the lowest of its words) when the text was read by OCR from a
    #: page image; None for text that came from a text layer or markup
    ocr: float | None = None

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


@dataclass
class Row:
    """A table row: its origin cells and where it stood in the source."""

    cells: list[Cell]
    index: int
    page: int | None = None
    #: the reader knows the row is part of the header (markup or layout; see the module docstring)
    is_header: bool = False
    #: spreadsheets: the sheet's name and the row number the spreadsheet program shows (1-based)
    sheet: str | None = None
    sheet_row: int | None = None
    #: PDF: the row's box on its page (``BBox``); None where the reader knows no box
    bbox: BBox | None = None


@dataclass
class Table:
    """A table with explicit spans; ``grid()`` is the dense view."""

    rows: list[Row]
    index: int
    n_cols: int
    page: int | None = None  # page where the table starts (PDF)

    def grid(self) -> list[list[Cell | None]]:
        """Dense rows x columns view; a spanning cell fills every position it covers."""
        grid: list[list[Cell | None]] = [[None] * self.n_cols for _ in self.rows]
        for row in self.rows:
            for cell in row.cells:
                for r in range(cell.row, min(cell.row + cell.row_span, len(self.rows))):
                    for c in range(cell.col, min(cell.col + cell.col_span, self.n_cols)):
                        grid[r][c] = cell
        return grid

    def text_grid(self, carry: bool = False) -> list[list[str]]:
        """Cell texts as a dense grid.

        With ``carry=False`` a position covered by a vertical merge from an
        earlier row reads as "" (how a text export shows it), and a column
        covered by a horizontal span reads as "" too; with ``carry=True`` the
        spanning cell's text is repeated everywhere it covers.
        """
        out: list[list[str]] = []
        for r, cells in enumerate(self.grid()):
            line = []
            for c, cell in enumerate(cells):
                if cell is None:
                    line.append("")
                elif carry or (cell.row == r and cell.col == c):
                    line.append(cell.text)
                else:
                    line.append("")
            out.append(line)
        return out


@dataclass
class Paragraph:
    """Running text outside tables (lines joined by "\\n"): a whole paragraph, a block of lines or one
    printed line, as the format knows them (see the module docstring)."""

    text: str
    page: int | None = None
    part: Literal["body", "header", "footer", "textbox"] = "body"


Block = Union[Paragraph, Table]


@dataclass
class Document:
    """What a reader saw in one file, in reading order."""

    blocks: list[Block] = field(default_factory=list)
    format: str | None = None
    pages: int | None = None
    #: reader-level notes (e.g. "page 3 has no text layer"), as (code, message)
    notes: list[tuple[str, str]] = field(default_factory=list)

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    def iter_blocks(self) -> Iterator[Block]:
        return iter(self.blocks)

    def to_dict(self) -> dict:
        """A JSON-ready view, used by ``extractor dump --json``."""
        blocks = []
        for b in self.blocks:
            if isinstance(b, Paragraph):
                blocks.append({"type": "paragraph", "text": b.text, "page": b.page, "part": b.part})
            else:
                blocks.append(
                    {
                        "type": "table",
                        "index": b.index,
                        "n_cols": b.n_cols,
                        "page": b.page,
                        "rows": [
                            {
                                "index": r.index,
                                "page": r.page,
                                "is_header": r.is_header,
                                **({"sheet": r.sheet, "sheet_row": r.sheet_row} if r.sheet is not None else {}),
                                **({"bbox": list(r.bbox)} if r.bbox is not None else {}),
                                "cells": [
                                    {"text": c.text, "row": c.row, "col": c.col,
                                     "row_span": c.row_span, "col_span": c.col_span,
                                     **({"value": str(c.value)} if c.value is not None else {}),
                                     **({"bbox": list(c.bbox)} if c.bbox is not None else {}),
                                     **({"ocr": c.ocr} if c.ocr is not None else {})}
                                    for c in r.cells
                                ],
                            }
                            for r in b.rows
                        ],
                    }
                )
        return {"format": self.format, "pages": self.pages, "notes": [list(n) for n in self.notes], "blocks": blocks}
