"""Build small Documents in tests, without any file format.

A table is given as rows of strings; ``"<"`` marks a position covered by the
cell to its left (a column span) and ``"^"`` one covered by the cell above
(a vertical merge).
"""

from __future__ import annotations

from extractor.document import Cell, Document, Paragraph, Row, Table

LEFT = "<"
UP = "^"


def make_table(rows: list[list[str]], index: int = 0, page: int | None = None) -> Table:
    n_cols = max(len(r) for r in rows)
    origin: dict[tuple[int, int], Cell] = {}
    out_rows: list[Row] = []
    for r, texts in enumerate(rows):
        cells = []
        for c, text in enumerate(texts):
            if text == LEFT:
                owner = origin[(r, c - 1)]
                if owner.row == r:
                    owner.col_span += 1
                origin[(r, c)] = owner
            elif text == UP:
                owner = origin[(r - 1, c)]
                if owner.col == c:
                    owner.row_span += 1
                origin[(r, c)] = owner
            else:
                cell = Cell(text=text, row=r, col=c)
                origin[(r, c)] = cell
                cells.append(cell)
        out_rows.append(Row(cells=cells, index=r, page=page))
    return Table(rows=out_rows, index=index, n_cols=n_cols, page=page)


def make_document(*blocks) -> Document:
    """Strings become paragraphs, lists of rows become tables (indexed in order)."""
    out = []
    t = 0
    for block in blocks:
        if isinstance(block, str):
            out.append(Paragraph(block))
        elif isinstance(block, Table):
            out.append(block)
            t += 1
        else:
            out.append(make_table(block, index=t))
            t += 1
    return Document(blocks=out, format="docx")
