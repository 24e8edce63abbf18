"""Plain-text rendering of a Document, for ``extractor dump``.

Each table row is one line: its tag (``r3 p2 H``: row index, PDF page,
header row); a paragraph is one line too (``p1 ¶ text``), then its cells separated by ``" | "``. Inside a cell a line
break shows as ``↵`` (never as the cell separator), a ``|`` printed in the
cell as ``¦``; a grid position covered by a merged cell shows ``^`` (merged
with the cell above) or ``<`` (merged with the cell to the left); a cell
longer than the width is cut with ``…``. ``legend()`` explains every marker
and heads the dump.
"""

from __future__ import annotations

from dataclasses import dataclass

from .document import Document, Paragraph, Table
from .i18n import _

#: between two cells of a row
CELL_SEPARATOR = " | "
#: a line break inside a cell
LINE_BREAK = "↵"
#: what a "|" inside a cell's text becomes, so it cannot pass for a separator
PIPE_IN_CELL = "¦"
#: a position covered by a cell merged down from an earlier row
FROM_ABOVE = "^"
#: a position covered by a cell merged across from an earlier column
FROM_LEFT = "<"
#: ends a cell cut at the width
CUT = "…"
#: the default width of a cell, in characters
DEFAULT_WIDTH = 40
#: the narrowest width that still shows something besides the cut mark
MIN_WIDTH = 5



def legend() -> str:
    """What every marker of the dump means, in the current language (three lines)."""
    return (
        _("legend: ¶ paragraph · pN page N · rN table row N · H header row · "
          "[header]/[footer]/[textbox] where a paragraph stands") + "\n        "
        + _("cells are separated by '{sep}' · {br} line break inside a cell · {pipe} a '|' printed in the cell")
        .format(sep=CELL_SEPARATOR.strip(), br=LINE_BREAK, pipe=PIPE_IN_CELL) + "\n        "
        + _("{above} merged with the cell above · {left} merged with the cell to the left · "
            "{cut} cut at the width (--width N, --full)").format(above=FROM_ABOVE, left=FROM_LEFT, cut=CUT) + "\n"
    )


@dataclass(frozen=True)
class RenderOptions:
    """How wide a cell may be (None: never cut) and whether the legend heads the dump."""

    width: int | None = DEFAULT_WIDTH
    legend: bool = True

    def __post_init__(self) -> None:
        if self.width is not None and self.width < MIN_WIDTH:
            raise ValueError(f"width must be at least {MIN_WIDTH}, got {self.width}")


def cell_text(text: str, width: int | None = DEFAULT_WIDTH) -> str:
    """A cell's text on one line: line breaks as ↵, '|' as ¦, a lone marker quoted, cut at ``width``."""
    lines = [line.strip() for line in text.replace(CELL_SEPARATOR.strip(), PIPE_IN_CELL).split("\n")]
    flat = f" {LINE_BREAK} ".join(line for line in lines if line)
    if flat in (FROM_ABOVE, FROM_LEFT):
        flat = f"'{flat}'"  # the printed character, not the merge marker
    if width is not None and len(flat) > width:
        flat = flat[: width - 1] + CUT
    return flat


def render_table(table: Table, options: RenderOptions = RenderOptions()) -> str:
    """A table as a grid, one line per row."""
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
                cells.append(FROM_ABOVE)
            elif cell.col != c:
                cells.append(FROM_LEFT)
            else:
                cells.append(cell_text(cell.text, options.width))
        tag = f"r{row.index}" + (f" p{row.page}" if row.page else "") + (" H" if row.is_header else "")
        lines.append(f"{tag:>9}{CELL_SEPARATOR}" + CELL_SEPARATOR.join(cells))
    return "\n".join(lines) + "\n"


def render_document(doc: Document, options: RenderOptions = RenderOptions()) -> str:
    out = [f"format: {doc.format}" + (f", pages: {doc.pages}" if doc.pages else "")]
    if options.legend:
        out.append(legend().rstrip("\n"))
    for code, message in doc.notes:
        out.append(f"note [{code}]: {message}")
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            page = f"p{block.page} " if block.page else ""
            part = "" if block.part == "body" else f"[{block.part}] "
            text = f" {LINE_BREAK} ".join(line.strip() for line in block.text.split("\n") if line.strip())
            out.append(f"{page}{part}¶ {text}")
        else:
            out.append(render_table(block, options).rstrip("\n"))
    return "\n".join(out) + "\n"
