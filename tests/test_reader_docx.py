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
from hypothesis import given, settings
from hypothesis import strategies as st

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
    assert zhytomyr.notes == []
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


# -- grids: merges and spans ----------------------------------------------------------------


def test_python_docx_merges_become_spans():
    def build(d):
        t = d.add_table(rows=4, cols=3)
        for r in range(4):
            for c in range(3):
                t.cell(r, c).text = f"{r}{c}"
        t.cell(1, 0).merge(t.cell(3, 0))  # vertical: rows 1-3 of column 0
        t.cell(0, 1).merge(t.cell(0, 2))  # horizontal: columns 1-2 of row 0

    table = _read(_docx_bytes(build)).tables[0]
    assert (len(table.rows), table.n_cols) == (4, 3)
    assert [(c.col, c.col_span) for c in table.rows[0].cells] == [(0, 1), (1, 2)]
    merged = table.rows[1].cells[0]
    assert (merged.row, merged.col, merged.row_span) == (1, 0, 3)
    assert merged.lines[0] == "10"  # python-docx moves the merged texts into the top cell
    assert [c.col for c in table.rows[2].cells] == [1, 2]
    assert table.grid()[3][0] is merged


def test_vmerge_restart_continue_and_orphan_continuation():
    rows = [
        _tr(_tc(_p("A"), '<w:vMerge w:val="restart"/>') + _tc(_p("x"))),
        _tr(_tc("", "<w:vMerge/>") + _tc(_p("y"))),
        _tr(_tc("", '<w:vMerge w:val="continue"/>') + _tc(_p("z"), "<w:vMerge/>")),
    ]
    table = _read(_with_body(_tbl(rows, 2))).tables[0]
    a = table.rows[0].cells[0]
    assert (a.text, a.row_span) == ("A", 3)
    # the continuation in column 1 of row 2 extends the plain cell "y" above it
    y = table.rows[1].cells[0]
    assert (y.text, y.col, y.row_span) == ("y\nz", 1, 2)
    assert table.rows[2].cells == []


def test_vmerge_continuation_without_cell_above_starts_a_cell():
    rows = [_tr(_tc(_p("only"), '<w:gridSpan w:val="2"/>')),
            _tr(_tc(_p("left")) + _tc(_p("orphan"), "<w:vMerge/>"))]
    table = _read(_with_body(_tbl(rows, 2))).tables[0]
    assert [(c.text, c.col, c.row_span) for c in table.rows[1].cells] == [("left", 0, 1), ("orphan", 1, 1)]


def test_grid_before_after_span_and_short_rows():
    rows = [
        _tr(_tc(_p("h"), '<w:gridSpan w:val="4"/>')),
        _tr(_tc(_p("b")) + _tc(_p("c")), '<w:gridBefore w:val="1"/><w:gridAfter w:val="1"/>'),
        _tr(_tc(_p("short"))),
        _tr(_tc(_p("w"), '<w:gridSpan w:val="3"/>') + _tc(_p("e"), '<w:gridSpan w:val="2"/>')),
    ]
    table = _read(_with_body(_tbl(rows, 4))).tables[0]
    assert table.n_cols == 5  # the last row is wider than the declared grid
    assert [(c.text, c.col, c.col_span) for c in table.rows[1].cells] == [("b", 1, 1), ("c", 2, 1)]
    assert [(c.text, c.col) for c in table.rows[2].cells] == [("short", 0)]
    assert [(c.col, c.col_span) for c in table.rows[3].cells] == [(0, 3), (3, 2)]
    assert table.text_grid()[1] == ["", "b", "c", "", ""]


def test_vmerge_under_grid_span_keeps_its_width():
    rows = [_tr(_tc(_p("x")) + _tc(_p("wide"), '<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>')),
            _tr(_tc(_p("y")) + _tc("", '<w:gridSpan w:val="2"/><w:vMerge/>'))]
    table = _read(_with_body(_tbl(rows, 3))).tables[0]
    wide = table.rows[0].cells[1]
    assert (wide.col, wide.col_span, wide.row_span) == (1, 2, 2)
    assert table.grid()[1][2] is wide


def test_legacy_hmerge_widens_the_cell():
    rows = [_tr(_tc(_p("a"), '<w:hMerge w:val="restart"/>') + _tc("", "<w:hMerge/>") + _tc(_p("b")))]
    table = _read(_with_body(_tbl(rows, 3))).tables[0]
    assert [(c.text, c.col, c.col_span) for c in table.rows[0].cells] == [("a", 0, 2), ("b", 2, 1)]


def test_header_rows_from_tbl_header():
    rows = [_tr(_tc(_p("h")), "<w:tblHeader/>"), _tr(_tc(_p("n")), '<w:tblHeader w:val="0"/>'), _tr(_tc(_p("d")))]
    table = _read(_with_body(_tbl(rows, 1))).tables[0]
    assert [r.is_header for r in table.rows] == [True, False, False]


def test_cell_lines_keep_empty_paragraphs_and_breaks():
    cell = _p("704,0") + "<w:p/>" + _p("128,0") + "<w:p><w:r><w:t>a</w:t><w:br/><w:t>b</w:t></w:r></w:p>"
    table = _read(_with_body(_tbl([_tr(_tc(cell))], 1))).tables[0]
    assert table.rows[0].cells[0].lines == ["704,0", "", "128,0", "a", "b"]


def test_large_table_reads_every_row():
    """A 3,000-row table with a long vertical merge reads in one linear pass (shape checked, no timing)."""
    n = 3000
    first = _tr(_tc(_p("T"), '<w:vMerge w:val="restart"/>') + _tc(_p("0")) + _tc(_p("v0")))
    rest = [_tr(_tc("", "<w:vMerge/>") + _tc(_p(str(i))) + _tc(_p(f"v{i}"))) for i in range(1, n)]
    table = _read(_with_body(_tbl([first] + rest, 3))).tables[0]
    assert len(table.rows) == n and table.rows[0].cells[0].row_span == n
    assert table.rows[-1].cells[-1].text == f"v{n - 1}"


# -- nested tables ---------------------------------------------------------------------------


def test_nested_table_is_flattened_into_the_cell_and_emitted_after_its_parent():
    inner = _tbl([_tr(_tc(_p("704,0"))), _tr(_tc(_p("128,0"))), _tr(_tc(_p("120,0")))], 1)
    outer = _tbl([_tr(_tc(_p("objects")) + _tc(_p("before") + inner + _p("after")))], 2)
    doc = _read(_with_body(outer + _p("between") + _tbl([_tr(_tc(_p("next")))], 1)))
    kinds = [(type(b).__name__, getattr(b, "index", None)) for b in doc.blocks]
    assert kinds == [("Table", 0), ("Table", 1), ("Paragraph", None), ("Table", 2)]
    parent, nested, following = doc.tables
    assert parent.rows[0].cells[1].lines == ["before", "704,0", "128,0", "120,0", "after"]
    assert (len(nested.rows), nested.n_cols, nested.rows[2].cells[0].text) == (3, 1, "120,0")
    assert following.rows[0].cells[0].text == "next"
    assert [code for code, _ in doc.notes] == ["docx-nested-table"]


# -- inline text traps -----------------------------------------------------------------------


def test_split_runs_proof_errors_bookmarks_and_hyperlinks_join():
    p = ('<w:p><w:bookmarkStart w:id="0" w:name="x"/><w:r><w:t>Вико</w:t></w:r><w:proofErr w:type="spellStart"/>'
         '<w:r><w:rPr><w:b/></w:rPr><w:t>нання</w:t></w:r><w:proofErr w:type="spellEnd"/><w:bookmarkEnd w:id="0"/>'
         '<w:r><w:t xml:space="preserve"> </w:t></w:r>'
         '<w:hyperlink r:id="rId99"><w:r><w:t>посилання</w:t></w:r></w:hyperlink>'
         '<w:smartTag w:uri="u" w:element="e"><w:smartTagPr/><w:r><w:t xml:space="preserve"> тег</w:t></w:r></w:smartTag>'
         '<w:customXml w:element="c"><w:r><w:t>!</w:t></w:r></w:customXml></w:p>')
    assert _body_texts(_read(_with_body(p))) == ["Виконання посилання тег!"]


def test_special_characters():
    p = ('<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:noBreakHyphen/><w:t>c</w:t><w:softHyphen/><w:t>d</w:t>'
         '<w:br/><w:t>e</w:t><w:br w:type="page"/><w:t>f</w:t><w:cr/><w:t xml:space="preserve">g\u00a0 h</w:t>'
         '<w:sym w:font="Symbol" w:char="F0B1"/><w:sym w:font="Wingdings" w:char="F041"/></w:r></w:p>')
    assert _body_texts(_read(_with_body(p))) == ["a\tb-c\u00add\nef\ng\u00a0 h\u00b1A"]


def test_hidden_runs_are_not_read():
    p = '<w:p><w:r><w:t>shown</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r></w:p>'
    assert _body_texts(_read(_with_body(p))) == ["shown"]


def test_tracked_changes_read_as_accepted():
    body = (
        '<w:p><w:r><w:t xml:space="preserve">Обсяг </w:t></w:r>'
        '<w:del w:id="1" w:author="a"><w:r><w:delText>100,0</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="a"><w:r><w:t>120,0</w:t></w:r></w:ins>'
        '<w:moveFrom w:id="3" w:author="a"><w:r><w:t>старе</w:t></w:r></w:moveFrom>'
        '<w:moveTo w:id="4" w:author="a"><w:r><w:t xml:space="preserve"> нове</w:t></w:r></w:moveTo></w:p>'
        # a paragraph whose mark was deleted joins the next one
        '<w:p><w:pPr><w:rPr><w:del w:id="5" w:author="a"/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">пер</w:t></w:r></w:p>'
        + _p("ший")
    )
    doc = _read(_with_body(body))
    assert _body_texts(doc) == ["Обсяг 120,0 нове", "перший"]
    assert [code for code, _ in doc.notes] == ["docx-tracked-changes"]


def test_deleted_table_row_is_not_a_row():
    rows = [_tr(_tc(_p("keep"))), _tr(_tc(_p("gone")), '<w:del w:id="1" w:author="a"/>'), _tr(_tc(_p("last")))]
    table = _read(_with_body(_tbl(rows, 1))).tables[0]
    assert [(r.index, r.cells[0].text) for r in table.rows] == [(0, "keep"), (1, "last")]


def test_fields_give_their_displayed_result():
    body = (
        '<w:p><w:fldSimple w:instr=" PAGE "><w:r><w:t>7</w:t></w:r></w:fldSimple></w:p>'
        '<w:p><w:r><w:t xml:space="preserve">Сума: </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> =SUM(ABOVE) </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1 250,5</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> грн</w:t></w:r></w:p>'
        # a nested field inside an instruction contributes nothing; the outer result shows
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>IF </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:instrText> = 1 "так" "ні"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t>так</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        # a field never separated does not swallow the paragraphs after it
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:t>instr</w:t></w:r></w:p>' + _p("after")
    )
    assert _body_texts(_read(_with_body(body))) == ["7", "Сума: 1 250,5 грн", "так", "", "after"]


def test_content_controls_around_paragraphs_runs_rows_and_cells():
    sdt = '<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>'
    row_with_sdt_cell = "<w:tr>" + _tc(_p("a")) + sdt.format(_tc(_p("b"), '<w:gridSpan w:val="2"/>')) + "</w:tr>"
    table = _tbl([row_with_sdt_cell, sdt.format(_tr(_tc(_p("c")) + _tc(_p("d")) + _tc(_p("e"))))], 3)
    run_sdt = "<w:p><w:r><w:t>Дата: </w:t></w:r>" + sdt.format("<w:r><w:t>01.07.2022</w:t></w:r>") + "</w:p>"
    doc = _read(_with_body(sdt.format(_p("in block sdt")) + run_sdt + table))
    assert _body_texts(doc) == ["in block sdt", "Дата: 01.07.2022"]
    t = doc.tables[0]
    assert [[(c.text, c.col, c.col_span) for c in r.cells] for r in t.rows] == [
        [("a", 0, 1), ("b", 1, 2)], [("c", 0, 1), ("d", 1, 1), ("e", 2, 1)]]


def test_alternate_content_reads_one_branch_and_alt_chunk_is_ignored():
    alt = ('<w:p><w:r><mc:AlternateContent><mc:Choice Requires="w14"><w:t>choice</w:t></mc:Choice>'
           '<mc:Fallback><w:t>fallback</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>'
           '<mc:AlternateContent><mc:Fallback>' + _p("only fallback") + '</mc:Fallback></mc:AlternateContent>'
           '<w:altChunk r:id="rId77"/>')
    doc = _read(_with_body(alt))
    assert _body_texts(doc) == ["choice", "only fallback"]
    assert [code for code, _ in doc.notes] == ["docx-alt-chunk"]


# -- headers, footers, text boxes ------------------------------------------------------------

HDR = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr {ns}>{body}</w:hdr>'
FTR = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr {ns}>{body}</w:ftr>'
REL = '<Relationship Id="{rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{target}"/>'


def _textbox(text: str) -> str:
    """A text box the way Word 2010+ writes it: DrawingML choice, VML fallback, same text in both."""
    box = _p(text)
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
        f'<wps:wsp><wps:txbx><w:txbxContent>{box}</w:txbxContent></wps:txbx></wps:wsp>'
        '</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
        f'<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{box}</w:txbxContent></v:textbox></v:shape>'
        '</w:pict></mc:Fallback></mc:AlternateContent></w:r>'
    )


def test_headers_first_footers_last_textboxes_after_their_anchor():
    header = HDR.format(ns=NSDECL, body=_p("Додаток 2") + "<w:p/>" + _tbl([_tr(_tc(_p("ЗАТВЕРДЖЕНО")))], 1))
    footer = FTR.format(ns=NSDECL, body='<w:p><w:fldSimple w:instr="PAGE"><w:r><w:t>3</w:t></w:r></w:fldSimple></w:p>')
    body = f"<w:p>{_textbox('Інформація про виконання')}</w:p>" + _p("Текст")
    data = _with_body(
        body,
        extra_parts={"word/header9.xml": header, "word/footer9.xml": footer},
        sect_refs='<w:headerReference w:type="default" r:id="rIdH9"/><w:footerReference w:type="default" r:id="rIdF9"/>',
        rels=REL.format(rid="rIdH9", kind="header", target="header9.xml")
        + REL.format(rid="rIdF9", kind="footer", target="footer9.xml"),
    )
    doc = _read(data)
    assert [(b.part, b.text) for b in doc.blocks] == [
        ("header", "Додаток 2"),
        ("header", "ЗАТВЕРДЖЕНО"),
        ("body", ""),
        ("textbox", "Інформація про виконання"),
        ("body", "Текст"),
        ("footer", "3"),
    ]


def test_textbox_in_a_table_cell_follows_the_table():
    cell = f"<w:p><w:r><w:t>cell</w:t></w:r>{_textbox('boxed')}</w:p>"
    doc = _read(_with_body(_tbl([_tr(_tc(cell))], 1) + _p("after")))
    assert doc.tables[0].rows[0].cells[0].text == "cell"
    assert [(type(b).__name__, getattr(b, "part", None)) for b in doc.blocks] == [
        ("Table", None), ("Paragraph", "textbox"), ("Paragraph", "body")]


# -- broken and hostile files ----------------------------------------------------------------


def test_zip_without_document_xml_is_not_a_word_document():
    data = _rewrite(_docx_bytes(lambda d: d.add_paragraph("x")), {}, drop=("word/document.xml",))
    with pytest.raises(CorruptFile, match=r"test\.docx: not a Word document: word/document\.xml is missing"):
        _read(data)


def test_malformed_xml_names_the_part():
    data = _rewrite(_docx_bytes(lambda d: None), {"word/document.xml": "<w:document><w:body>"})
    with pytest.raises(CorruptFile, match=r"test\.docx: malformed XML in word/document\.xml"):
        _read(data)


def test_broken_zip_is_corrupt():
    with pytest.raises(CorruptFile, match="test.docx"):
        _read(b"PK\x03\x04" + b"\x00" * 100)


def test_declared_size_over_limit_raises_inflated_too_large():
    data = _with_body(_p("x" * 5000))
    with pytest.raises(InflatedTooLarge, match=r"test\.docx: part word/document\.xml would inflate"):
        _read(data, Limits(max_inflated_bytes=4000))


def test_compression_ratio_over_limit_raises_inflated_too_large():
    data = _with_body(_p("0" * 2_000_000))
    with pytest.raises(InflatedTooLarge, match=r"word/document\.xml has a compression ratio"):
        _read(data, Limits(max_compression_ratio=50))
    assert _body_texts(_read(data, Limits(max_compression_ratio=10_000))) == ["0" * 2_000_000]


def test_member_lying_about_its_size_is_caught():
    """A member whose directory entry declares a small size but inflates to more is refused."""
    data = bytearray(_with_body(_p("x" * 200_000)))
    entry = data.find(b"PK\x01\x02")  # central directory entries
    while entry != -1:
        name_len = int.from_bytes(data[entry + 28:entry + 30], "little")
        if bytes(data[entry + 46:entry + 46 + name_len]) == b"word/document.xml":
            data[entry + 24:entry + 28] = (1000).to_bytes(4, "little")  # declared uncompressed size
            break
        entry = data.find(b"PK\x01\x02", entry + 4)
    assert entry != -1
    with pytest.raises(CorruptFile, match=r"test\.docx: broken DOCX \(zip\): part word/document\.xml"):
        _read(bytes(data), Limits(max_inflated_bytes=50_000))


def test_entity_bomb_and_external_entities_do_nothing(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    bomb = (
        '<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
        f'<!ENTITY x SYSTEM "file://{secret}">]>'
        f'<w:document {NSDECL}><w:body><w:p><w:r><w:t>&c;&x;</w:t></w:r></w:p></w:body></w:document>'
    )
    data = _rewrite(_docx_bytes(lambda d: None), {"word/document.xml": bomb})
    with pytest.raises(CorruptFile, match="DOCTYPE is not allowed"):
        _read(data)


def test_read_maps_reader_errors_with_the_path(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(_rewrite(_docx_bytes(lambda d: None), {"word/document.xml": "<oops"}))
    with pytest.raises(CorruptFile, match=r"broken\.docx: malformed XML in word/document\.xml"):
        read(path)


def test_textbox_inside_a_textbox_is_read_once():
    inner = (f'<w:r><w:pict><v:shape><v:textbox><w:txbxContent>{_p("inner")}</w:txbxContent>'
             '</v:textbox></v:shape></w:pict></w:r>')
    outer = (f'<w:r><w:pict><v:group><v:shape><v:textbox><w:txbxContent>{_p("outer")}<w:p>{inner}</w:p>'
             '</w:txbxContent></v:textbox></v:shape></v:group></w:pict></w:r>')
    doc = _read(_with_body(f"<w:p>{outer}</w:p>"))
    assert [(b.part, b.text) for b in doc.blocks] == [("body", ""), ("textbox", "outer"), ("textbox", "inner")]


def test_strict_ooxml_namespaces_are_read():
    strict_w = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    rows = [_tr(_tc(_p("a"), '<w:vMerge w:val="restart"/>') + _tc(_p("b"))), _tr(_tc("", "<w:vMerge/>") + _tc(_p("c")))]
    data = _with_body(_p("Strict") + _tbl(rows, 2))
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8").replace(W_NS, strict_w)
    doc = _read(_rewrite(data, {"word/document.xml": xml}))
    assert _body_texts(doc) == ["Strict"]
    assert doc.tables[0].rows[0].cells[0].row_span == 2


def test_malformed_header_is_skipped_with_a_note_but_a_header_bomb_is_not():
    refs = '<w:headerReference w:type="default" r:id="rIdH9"/>'
    rel = REL.format(rid="rIdH9", kind="header", target="header9.xml")
    doc = _read(_with_body(_p("body"), extra_parts={"word/header9.xml": "<w:hdr"}, sect_refs=refs, rels=rel))
    assert [(b.part, b.text) for b in doc.blocks] == [("body", "body")]
    assert [code for code, _ in doc.notes] == ["docx-part-skipped"]
    assert doc.notes[0][1].startswith("header not read: malformed XML in word/header9.xml")
    big = HDR.format(ns=NSDECL, body=_p("0" * 300_000))
    data = _with_body(_p("body"), extra_parts={"word/header9.xml": big}, sect_refs=refs, rels=rel)
    with pytest.raises(InflatedTooLarge, match="word/header9.xml"):
        _read(data, Limits(max_compression_ratio=20))


def test_excessively_deep_xml_is_corrupt_not_a_crash():
    deep = "<w:sdt><w:sdtContent>" * 300 + _p("deep") + "</w:sdtContent></w:sdt>" * 300
    with pytest.raises(CorruptFile, match=r"malformed XML in word/document\.xml"):
        _read(_with_body(deep))


# -- property: any partition of a grid into rectangles round-trips through gridSpan/vMerge ----

@st.composite
def _partitions(draw):
    """A grid (rows x cols) cut into rectangles, as (row, col, row_span, col_span) tuples."""
    n_rows, n_cols = draw(st.integers(1, 6)), draw(st.integers(1, 6))
    taken = [[False] * n_cols for _ in range(n_rows)]
    rects = []
    for r in range(n_rows):
        for c in range(n_cols):
            if taken[r][c]:
                continue
            max_w = 0
            while c + max_w < n_cols and not taken[r][c + max_w]:
                max_w += 1
            w = draw(st.integers(1, max_w))
            h = draw(st.integers(1, n_rows - r))
            for rr in range(r, r + h):
                for cc in range(c, c + w):
                    taken[rr][cc] = True
            rects.append((r, c, h, w))
    return n_rows, n_cols, rects


@settings(max_examples=60, deadline=None)
@given(_partitions())
def test_any_merge_layout_round_trips(layout):
    n_rows, n_cols, rects = layout
    rows = []
    for r in range(n_rows):
        cells = ""
        for (r0, c0, h, w) in sorted((x for x in rects if x[0] <= r < x[0] + x[2]), key=lambda x: x[1]):
            props = f'<w:gridSpan w:val="{w}"/>' if w > 1 else ""
            if h > 1:
                props += '<w:vMerge w:val="restart"/>' if r == r0 else "<w:vMerge/>"
            cells += _tc(_p(f"{r0}.{c0}") if r == r0 else "", props)
        rows.append(_tr(cells))
    table = _read(_with_body(_tbl(rows, n_cols))).tables[0]
    got = sorted((c.row, c.col, c.row_span, c.col_span) for row in table.rows for c in row.cells)
    assert got == sorted(rects)
    assert all(c.text == f"{c.row}.{c.col}" for row in table.rows for c in row.cells)
    assert (len(table.rows), table.n_cols) == (n_rows, n_cols)


def test_absurd_grid_values_are_refused_or_ignored():
    wide = _tbl([_tr(_tc(_p("x"), '<w:gridSpan w:val="999999999"/>'))], 1)
    with pytest.raises(CorruptFile, match=r"test\.docx: a table is 999999999 grid columns wide"):
        _read(_with_body(wide))
    odd = _tbl([_tr(_tc(_p("x"), '<w:gridSpan w:val="-3"/>') + _tc(_p("y"), '<w:gridSpan w:val="two"/>'),
                    '<w:gridBefore w:val="-2"/>')], 2)
    table = _read(_with_body(odd)).tables[0]
    assert [(c.col, c.col_span) for c in table.rows[0].cells] == [(0, 1), (1, 1)]
