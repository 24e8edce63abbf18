"""Ruled tables laid out unusually, in hand-built PDFs: a table drawn inside a cell of another
(nested), and pages or tables turned by 90, 180 or 270 degrees."""

from __future__ import annotations

import pytest

from extractor.limits import DEFAULT_LIMITS
from extractor.readers.pdf import ENGINE_AUTO, ENGINE_REFERENCE, NOTE_NESTED_TABLE, read_pdf
from test_reader_pdf import make_pdf, ruled_table_content

ENGINES = [ENGINE_AUTO, ENGINE_REFERENCE]
PAGE_HEIGHT = 842


def _text(x: float, y: float, words: str, size: int = 10) -> bytes:
    return b"BT /F1 %d Tf %.1f %.1f Td (%s) Tj ET" % (size, x, y, words.encode())


def _grid(cols: list[float], tops: list[float]) -> list[bytes]:
    """Rectangles of a ruled grid; ``tops`` are distances from the top of the page."""
    out = []
    for r in range(len(tops) - 1):
        for c in range(len(cols) - 1):
            y1, y0 = PAGE_HEIGHT - tops[r], PAGE_HEIGHT - tops[r + 1]
            out.append(b"%.1f %.1f %.1f %.1f re S" % (cols[c], y0, cols[c + 1] - cols[c], y1 - y0))
    return out


def _nested_grid_page() -> bytes:
    """A 3-column table whose measure cell holds a caption, a 2x2 ruled grid, and a line under it."""
    out = [b"0.5 w", *_grid([72, 150, 400, 500], [100, 130, 250])]
    out += [_text(75, 717, "No"), _text(153, 717, "Measure"), _text(403, 717, "Sum")]
    out += [_text(75, 692, "1."), _text(155, 697, "Outer words"), _text(405, 692, "5,0")]
    out += _grid([170, 260, 380], [160, 190, 220])
    out += [_text(173, 662, "Year"), _text(263, 662, "Plan"), _text(173, 632, "2021"), _text(263, 632, "3,5")]
    out += [_text(155, 602, "After inner")]
    return b"\n".join(out)


@pytest.mark.parametrize("engine", ENGINES)
def test_nested_ruled_grid_in_a_cell_is_a_table_of_its_own(engine):
    doc = read_pdf(make_pdf([_nested_grid_page()]), path="n.pdf", limits=DEFAULT_LIMITS, engine=engine)
    outer, inner = doc.tables
    assert outer.text_grid() == [["No", "Measure", "Sum"], ["1.", "Outer words\nAfter inner", "5,0"]]
    assert inner.text_grid() == [["Year", "Plan"], ["2021", "3,5"]]
    assert [code for code, _ in doc.notes] == [NOTE_NESTED_TABLE]


def test_nested_table_does_not_stop_the_outer_table_joining_the_next_page():
    cols = [72.0, 150.0, 400.0, 500.0]
    page2 = ruled_table_content([["2.", "Buy", "6,0"]], top=60, col_x=cols)
    doc = read_pdf(make_pdf([_nested_grid_page(), page2]), path="n.pdf", limits=DEFAULT_LIMITS)
    outer, inner = doc.tables
    assert [row[0] for row in outer.text_grid()] == ["No", "1.", "2."]
    assert [r.page for r in outer.rows] == [1, 1, 2]
    assert inner.text_grid() == [["Year", "Plan"], ["2021", "3,5"]]


# -- turned pages and tables ---------------------------------------------------------------

COLS = [72.0, 120.0, 300.0, 400.0]
ROWS = [["No", "Measure", "Sum"], ["1.", "Build roads", "5,0"], ["2.", "Buy buses", "6,0"]]


def _table_pdf(content: bytes, rotate: int = 0) -> bytes:
    from hostile_files import pdf_bytes

    return pdf_bytes([content], rotate=rotate)


@pytest.mark.parametrize("rotate", [90, 180, 270])
@pytest.mark.parametrize("engine", ENGINES)
def test_page_with_rotate_is_read_as_printed(rotate, engine):
    content = b"BT /F1 12 Tf 72 780 Td (Funding of the programme) Tj ET\n" + ruled_table_content(ROWS, 100, COLS)
    doc = read_pdf(_table_pdf(content, rotate), path="r.pdf", limits=DEFAULT_LIMITS, engine=engine)
    (table,) = doc.tables
    assert table.text_grid() == ROWS
    assert [p.text for p in doc.paragraphs] == ["Funding of the programme"]


#: the whole drawing turned 90 degrees counter-clockwise about the page's bottom-left corner, then moved
#: onto the page: text runs bottom to top, the table's rows are columns of the page
SIDEWAYS = b"q 0 1 -1 0 595 0 cm\n"


@pytest.mark.parametrize("engine", ENGINES)
def test_landscape_table_drawn_sideways_on_a_portrait_page_reads_in_order(engine):
    content = SIDEWAYS + ruled_table_content(ROWS, 300, COLS) + b"\nQ"
    doc = read_pdf(_table_pdf(content), path="s.pdf", limits=DEFAULT_LIMITS, engine=engine)
    (table,) = doc.tables
    assert table.text_grid() == ROWS  # not reversed ("sdaor dliuB"), rows still rows


@pytest.mark.parametrize("engine", ENGINES)
def test_table_with_vertical_text_on_an_upright_page_is_turned_alone(engine):
    prose = b"".join(
        b"BT /F1 11 Tf 72 %d Td (This paragraph of the report runs upright above the table.) Tj ET\n" % y
        for y in (800, 786, 772, 758)
    )
    content = prose + SIDEWAYS + ruled_table_content(ROWS, 300, COLS) + b"\nQ"
    doc = read_pdf(_table_pdf(content), path="v.pdf", limits=DEFAULT_LIMITS, engine=engine)
    (table,) = doc.tables
    assert table.text_grid() == ROWS
    assert doc.paragraphs[0].text.startswith("This paragraph of the report runs upright")
