"""Plain-text rendering of a Document, for ``extractor dump``."""

from __future__ import annotations

from .document import Document, Paragraph, Table

_MAX_CELL = 40


def _short(text: str) -> str:
    flat = " | ".join(line.strip() for line in text.split("\n") if line.strip())
    return flat if len(flat) <= _MAX_CELL else flat[: _MAX_CELL - 1] + "…"


def render_table(table: Table) -> str:
    """Render a table as a grid; a cell covered by a span shows as ^ (from above) or < (from the left)."""
    lines = [f"== table {table.index}: {len(table.rows)} rows x {table.n_cols} cols"
             + (f", from page {table.page}" if table.page else "")]
    grid = table.grid()
    for r, row in enumerate(table.rows):
        cells = []
        for c in range(table.n_cols):
            cell = grid[r][c]
            if cell is None:
                cells.append("")
            elif cell.row != r:
                cells.append("^")
            elif cell.col != c:
                cells.append("<")
            else:
                cells.append(_short(cell.text))
        tag = f"r{row.index}" + (f" p{row.page}" if row.page else "") + (" H" if row.is_header else "")
        lines.append(f"{tag:>9} | " + " | ".join(cells))
    return "\n".join(lines) + "\n"


def render_document(doc: Document) -> str:
    out = [f"format: {doc.format}" + (f", pages: {doc.pages}" if doc.pages else "")]
    for code, message in doc.notes:
        out.append(f"note [{code}]: {message}")
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            page = f"p{block.page} " if block.page else ""
            part = "" if block.part == "body" else f"[{block.part}] "
            out.append(f"{page}{part}¶ {block.text}")
        else:
            out.append(render_table(block).rstrip("\n"))
    return "\n".join(out) + "\n"
