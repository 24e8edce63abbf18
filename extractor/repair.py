"""Repair: the clean-up every reader's Document needs before extraction (Document -> Document).

Readers report what the file holds; some of it is no part of the report's
text or tables, whatever the format: a signature block glued onto the last
rows of a table (a text export cannot tell where a borderless table ends),
a page number left at the head or foot of a page. ``repair`` runs a chain of small
pure functions over the Document, each returning a new Document and leaving
its input untouched, so that ``extract`` meets one shape from every reader.

Page furniture that needs the page's geometry (running headers and page
numbers in a PDF page's margins, lines repeated at the head of every page
of a ``pdftotext -layout`` text) is removed by the readers, where the
positions are known: a table crossing a page is joined over them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from .document import Block, Cell, Document, Paragraph, Row, Table
from .normalize.text import clean_text
from .readers.common.tokens import is_page_number
from .settings import DEFAULT_EXTRACT, ExtractSettings

#: one repair: a pure function from a Document to a Document
Repair = Callable[[Document, ExtractSettings], Document]


def signature_rows_start(table: Table, settings: ExtractSettings = DEFAULT_EXTRACT) -> int:
    """Index of the first row of a signature block closing ``table`` (``len(table.rows)`` when none).

    A signature row holds one to three cells, the last a person's name, and
    no figure (``extract.metadata.is_signature_row``); the block opens on one
    of the table's last ``settings.signature_rows`` rows and runs to its end
    (a date may follow the name), under rows that hold a figure (a table of
    data, not a table of signatures).
    """
    from .extract.metadata import is_signature_row

    n = len(table.rows)
    for r in range(max(1, n - settings.signature_rows), n):
        if is_signature_row([clean_text(c.text) for c in table.rows[r].cells]):
            figures = any(ch.isdigit() for row in table.rows[:r] for c in row.cells for ch in c.text)
            return r if figures else n
    return n


def _row_text(row: Row) -> str:
    """A table row read as a line of text: its non-empty cells, one line each, joined by tabs."""
    return "\t".join(c.text.replace("\n", " ") for c in row.cells if c.text.strip())


def _cut_rows(table: Table, end: int) -> Table:
    """The table without its rows from ``end`` on (a merge running into them stops at ``end``)."""
    rows = []
    for row in table.rows[:end]:
        cells = [
            replace(c, row_span=min(c.row_span, end - c.row)) if c.row + c.row_span > end else c for c in row.cells
        ]
        rows.append(replace(row, cells=cells))
    return replace(table, rows=rows)


def detach_signatures(doc: Document, settings: ExtractSettings = DEFAULT_EXTRACT) -> Document:
    """A signature block glued onto a table's last rows becomes paragraphs after the table.

    "Секретар ради | І. Петренко" read as the last row of the funding table
    is the report's signature, not a row of data: each such row becomes a
    paragraph (its cells joined by tabs) right after the table, where the
    signatory is read from.
    """
    blocks: list[Block] = []
    changed = False
    for block in doc.blocks:
        if isinstance(block, Table):
            start = signature_rows_start(block, settings)
            if start < len(block.rows):
                changed = True
                page = block.rows[start].page
                blocks.append(_cut_rows(block, start))
                blocks.extend(Paragraph(_row_text(row), page=row.page or page) for row in block.rows[start:])
                continue
        blocks.append(block)
    return replace(doc, blocks=blocks, notes=list(doc.notes)) if changed else doc


def _page_edges(doc: Document) -> set[int]:
    """Indexes of the first and the last block of each page (blocks that know their page)."""
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for i, block in enumerate(doc.blocks):
        if block.page is not None:
            first.setdefault(block.page, i)
            last[block.page] = i
    return set(first.values()) | set(last.values())


def drop_page_numbers(doc: Document, settings: ExtractSettings = DEFAULT_EXTRACT) -> Document:
    """A paragraph that is nothing but a page number ("- 3 -", "стор. 3") at the head or foot of its page
    becomes blank.

    It is page furniture a reader left among the text. Only a paragraph
    whose page is known and that opens or closes the page counts: a lone
    "3" elsewhere (a text without pages, a table's cell read as a line) may
    be an item number or a value. A blank paragraph keeps its place (a
    paragraph of running text does not go on over one).
    """
    edges = _page_edges(doc)
    blocks: list[Block] = []
    changed = False
    for i, block in enumerate(doc.blocks):
        if (
            i in edges
            and isinstance(block, Paragraph)
            and block.part == "body"
            and block.text.strip()
            and is_page_number(block.text.strip())
        ):
            blocks.append(replace(block, text=""))
            changed = True
        else:
            blocks.append(block)
    return replace(doc, blocks=blocks, notes=list(doc.notes)) if changed else doc


#: the repairs, in the order they run
REPAIRS: tuple[Repair, ...] = (detach_signatures, drop_page_numbers)


def repair(doc: Document, settings: ExtractSettings = DEFAULT_EXTRACT) -> Document:
    """The Document with every repair of ``REPAIRS`` applied (a new Document; ``doc`` is left as it was)."""
    for step in REPAIRS:
        doc = step(doc, settings)
    return doc
