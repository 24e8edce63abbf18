"""Tests of the DOCX reader (extractor.readers.docx).

Two kinds: the bundled sample reports (table shapes, spans and texts as the
corpus README describes them, and a round trip to the sample's text export),
and small DOCX files built here with python-docx whose XML is then edited to
inject the constructs real Word files carry (merges, tracked changes,
fields, content controls, text boxes, ...).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from extractor.document import Paragraph, Table
from extractor.errors import CorruptFile, InflatedTooLarge
from extractor.limits import Limits
from extractor.readers import read
from extractor.readers.docx import read_docx

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
ZHYTOMYR = SAMPLES / "zhytomyr-bezpechne-misto-2017-2019.docx"
RIVNE = SAMPLES / "rivne-pytna-voda-2021.docx"
POLTAVA = SAMPLES / "poltava-sportyvna-poltava-2022-07-01.docx"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECL = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


# -- helpers ---------------------------------------------------------------------------


def _text_export(doc) -> str:
    """The corpus's text-export convention, rebuilt from a Document (see samples README).

    Body paragraphs are lines; each table row lists its cells once each, a
    cell starting with TAB, a position covered by a vertical merge as a lone
    TAB; every row ends with an empty line.
    """
    out = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            if block.part == "body":
                out.append(block.text + "\n")
            continue
        grid = block.grid()
        for r, _row in enumerate(block.rows):
            seen: list = []
            for c in range(block.n_cols):
                cell = grid[r][c]
                if cell is None or any(cell is s for s in seen):
                    continue
                seen.append(cell)
                out.append("\t" + (cell.text if cell.row == r else "") + "\n")
            out.append("\n")
    return "".join(out)


def _docx_bytes(build) -> bytes:
    """A DOCX made by python-docx; ``build(document)`` adds the content."""
    d = docx.Document()
    build(d)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _with_body(body_xml: str, *, extra_parts: dict[str, str] | None = None,
               sect_refs: str = "", rels: str = "") -> bytes:
    """A DOCX whose w:body is replaced by ``body_xml`` (raw WordprocessingML, w: prefix).

    ``extra_parts`` adds or replaces zip members; ``sect_refs`` goes into the
    final w:sectPr (header/footer references); ``rels`` adds relationships to
    word/_rels/document.xml.rels.
    """
    base = _docx_bytes(lambda d: None)
    doc_xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {NSDECL}>'
        f"<w:body>{body_xml}<w:sectPr>{sect_refs}</w:sectPr></w:body></w:document>"
    )
    return _rewrite(base, {"word/document.xml": doc_xml, **(extra_parts or {})}, rels=rels)


def _rewrite(data: bytes, parts: dict[str, str | bytes], *, rels: str = "", drop: tuple[str, ...] = ()) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in parts or info.filename in drop:
                continue
            content = src.read(info.filename)
            if info.filename == "word/_rels/document.xml.rels" and rels:
                content = content.replace(b"</Relationships>", rels.encode() + b"</Relationships>")
            dst.writestr(info.filename, content)
        for name, content in parts.items():
            dst.writestr(name, content.encode("utf-8") if isinstance(content, str) else content)
    return out.getvalue()


def _read(data: bytes, limits: Limits = Limits()):
    return read_docx(data, path="test.docx", limits=limits)


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def _tc(inner: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{inner or '<w:p/>'}</w:tc>"


def _tbl(rows: list[str], n_grid: int, tblpr: str = "") -> str:
    grid = "".join("<w:gridCol w:w=\"1000\"/>" for _ in range(n_grid))
    return f"<w:tbl><w:tblPr>{tblpr}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def _tr(cells: str, trpr: str = "") -> str:
    return f"<w:tr><w:trPr>{trpr}</w:trPr>{cells}</w:tr>"


def _body_texts(doc) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, Paragraph) and b.part == "body"]


# -- the sample reports ----------------------------------------------------------------


@pytest.fixture(scope="module")
def zhytomyr():
    return read(ZHYTOMYR)


@pytest.fixture(scope="module")
def rivne():
    return read(RIVNE)


@pytest.fixture(scope="module")
def poltava():
    return read(POLTAVA)


def test_zhytomyr_table_shapes(zhytomyr):
    assert zhytomyr.format == "docx" and zhytomyr.pages is None
    shapes = [(t.index, len(t.rows), t.n_cols) for t in zhytomyr.tables]
    assert shapes == [(0, 22, 8), (1, 27, 7)]
    assert all(r.index == i for t in zhytomyr.tables for i, r in enumerate(t.rows))


def test_zhytomyr_task1_cells_merged_over_measures(zhytomyr):
    funding = zhytomyr.tables[0]
    first = funding.rows[1].cells
    assert (first[0].text, first[0].row_span) == ("1.", 12)
    assert first[1].row_span == 12 and first[1].text.startswith("Створення (будівництво)")
    # measure rows 1.2 .. 1.12 hold only their own 6 cells, starting at column 2
    for row in funding.rows[2:13]:
        assert [c.col for c in row.cells] == [2, 3, 4, 5, 6, 7]
    grid = funding.grid()
    assert all(grid[r][1] is first[1] for r in range(1, 13))
    assert grid[13][1] is not first[1]


def test_zhytomyr_cell_texts_keep_lines_and_characters(zhytomyr):
    funding = zhytomyr.tables[0]
    task6 = next(r for r in funding.rows if r.cells and r.cells[0].text == "6.")
    amounts = next(c for c in task6.cells if c.col == 5)
    assert amounts.lines == ["704,0", "", "128,0", "120,0"]
    term_11 = funding.rows[1].cells[3]
    assert term_11.lines == ["2019", "", ""]
    assert "1.1\u00a0Встановлення" in funding.rows[1].cells[2].text  # no-break space kept


def test_zhytomyr_indicator_spans(zhytomyr):
    ind = zhytomyr.tables[1]
    heading_rows = [r for r in ind.rows if len(r.cells) == 1]
    assert all(r.cells[0].col_span == 7 for r in heading_rows)
    assert [r.cells[0].text.split(".")[0] for r in heading_rows] == ["І", "ІІ", "ІІІ", "", "ІV"]
    six_cell_rows = [r for r in ind.rows if len(r.cells) == 6]
    assert len(six_cell_rows) == 4 and all(r.cells[-1].col_span == 2 for r in six_cell_rows)


def test_zhytomyr_round_trips_to_its_text_export(zhytomyr):
    """The .txt is Word's text export of the report: rebuilding it from the Document gives it byte for byte."""
    assert _text_export(zhytomyr) == ZHYTOMYR.with_suffix(".txt").read_text(encoding="utf-8")


def test_rivne_text_export_matches_up_to_blank_lines(rivne):
    ref = [line for line in RIVNE.with_suffix(".txt").read_text(encoding="utf-8").split("\n") if line]
    mine = [line for line in _text_export(rivne).split("\n") if line]
    assert mine == ref


def test_rivne_funding_header_and_total(rivne):
    funding, indicators = rivne.tables
    assert (len(funding.rows), funding.n_cols) == (14, 14)
    assert [r.is_header for r in funding.rows[:4]] == [True, True, True, False]
    spans = [(c.text, c.col, c.col_span) for c in funding.rows[0].cells if c.col_span > 1]
    assert spans == [("Планові обсяги фінансування, тис. грн", 5, 4), ("Фактично профінансовано, тис. грн", 9, 4)]
    merged_down = [c.col for c in funding.rows[0].cells if c.row_span == 2]
    assert merged_down == [0, 1, 2, 3, 4, 13]
    assert [c.text for c in funding.rows[2].cells] == [str(i) for i in range(1, 15)]
    total = funding.rows[-1].cells[0]
    assert (total.text, total.col, total.col_span) == ("Усього", 0, 5)
    assert (indicators.n_cols, [r.is_header for r in indicators.rows[:3]]) == (6, [True, True, False])


def test_poltava_funding_shape_and_header(poltava):
    funding = poltava.tables[0]
    assert funding.n_cols == 10 and len(poltava.tables) == 2
    assert [r.is_header for r in funding.rows[:3]] == [True, True, False]
    assert [c.text for c in funding.rows[1].cells] == ["2021 рік", "2022 рік", "2023 рік", "2022 рік"]
    assert [c.col for c in funding.rows[1].cells] == [5, 6, 7, 8]
    # the page number of the header comes first, as a header paragraph
    assert poltava.blocks[0] == Paragraph(text="2", part="header")


def test_cli_dump_renders_the_merged_grid(capsys):
    from extractor.cli import main

    assert main(["dump", str(ZHYTOMYR)]) == 0
    out = capsys.readouterr().out
    assert "== table 0: 22 rows x 8 cols" in out and "== table 1: 27 rows x 7 cols" in out
    row2 = next(line for line in out.splitlines() if line.strip().startswith("r2 |"))
    assert row2.split(" | ")[1:3] == ["^", "^"]
