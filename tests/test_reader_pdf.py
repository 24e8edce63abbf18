"""Tests of the PDF reader (extractor.readers.pdf and its pdf_* helpers).

* The bundled sample PDFs (LibreOffice exports of the .docx beside them):
  table shapes, spans, page numbers of rows, joined page breaks and merged
  cells as the corpus README describes them, and a cell-by-cell cross-check
  against the DOCX reader.
* Table assembly rules on hand-made cell geometry (no PDF needed).
* Paragraph grouping on hand-made text lines.
* Broken inputs built here: truncated, encrypted, no text layer, too many
  pages (minimal PDFs written by hand).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractor.document import Paragraph, Table
from extractor.errors import CorruptFile, EncryptedFile, ScannedDocument, TooManyPages
from extractor.limits import DEFAULT_LIMITS, Limits
from extractor.readers import read
from extractor.readers.ocr import OcrSettings
from extractor.readers.pdf import read_pdf
from extractor.readers.pdf_page import TextLine
from extractor.readers.pdf_tables import PageTable, RawCell, TableDraft
from extractor.readers.pdf_text import furniture, group_paragraphs, page_number_part

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
ZHYTOMYR = "zhytomyr-bezpechne-misto-2017-2019"
RIVNE = "rivne-pytna-voda-2021"
POLTAVA = "poltava-sportyvna-poltava-2022-07-01"
STEMS = (ZHYTOMYR, RIVNE, POLTAVA)

_DOCS: dict[str, object] = {}


def pdf_doc(stem: str):
    if stem not in _DOCS:
        _DOCS[stem] = read(SAMPLES / f"{stem}.pdf")
    return _DOCS[stem]


def squash(text: str) -> str:
    """Text with whitespace, hyphens and soft hyphens removed (line-end hyphenation may differ)."""
    return re.sub(r"[\s\-\u00ad]+", "", text)


# -- the samples --------------------------------------------------------------------


@pytest.mark.parametrize(
    "stem, shapes",
    [
        # (rows, cols, first page, last page) per table, from the corpus README
        (ZHYTOMYR, [(22, 8, 2, 6), (27, 7, 6, 8)]),
        (RIVNE, [(14, 14, 1, 2), (19, 6, 3, 3)]),
        (POLTAVA, [(10, 10, 1, 2), (9, 6, 2, 3)]),
    ],
)
def test_sample_table_shapes_and_pages(stem, shapes):
    doc = pdf_doc(stem)
    assert doc.format == "pdf"
    got = [(len(t.rows), t.n_cols, t.rows[0].page, t.rows[-1].page) for t in doc.tables]
    assert got == shapes
    for i, t in enumerate(doc.tables):
        assert t.index == i
        assert t.page == t.rows[0].page
        assert [r.index for r in t.rows] == list(range(len(t.rows)))
        pages = [r.page for r in t.rows]
        assert pages == sorted(pages)
        for r in t.rows:
            assert all(c.row == r.index for c in r.cells)


def test_sample_page_counts():
    assert [pdf_doc(s).pages for s in STEMS] == [8, 3, 3]


def test_repeated_header_rows_dropped_and_marked():
    rivne = pdf_doc(RIVNE).tables[0]
    assert [r.is_header for r in rivne.rows[:4]] == [True, True, True, False]
    numbers = [c.text for c in rivne.rows[2].cells]
    assert numbers == [str(i) for i in range(1, 15)]
    # the column-number row appears once in the whole table
    assert sum(1 for r in rivne.rows if [c.text for c in r.cells] == numbers) == 1
    poltava = pdf_doc(POLTAVA).tables[0]
    assert [r.is_header for r in poltava.rows[:3]] == [True, True, False]
    assert poltava.rows[2].page == 1 and poltava.rows[-1].page == 2
    # Zhytomyr repeats no header: nothing can be marked
    assert not any(r.is_header for r in pdf_doc(ZHYTOMYR).tables[0].rows)


def test_merged_task_cell_over_three_pages_is_one_cell():
    table = pdf_doc(ZHYTOMYR).tables[0]
    first = table.rows[1].cells
    assert (first[0].text, first[0].row_span) == ("1.", 12)
    assert first[1].row_span == 12 and first[1].text.startswith("Створення")
    grid = table.grid()
    assert all(grid[r][0] is first[0] for r in range(1, 13))
    assert grid[13][0] is not first[0]


def test_merged_cell_split_at_page_break_is_rejoined_with_its_text():
    table = pdf_doc(RIVNE).tables[0]
    number, task = table.rows[3].cells[:2]
    assert (number.text, number.row_span) == ("1.", 3)
    assert task.row_span == 3
    assert " ".join(task.text.split()) == "Реконструкція та модернізація систем централізованого водопостачання"
    # the continuation row on page 2 starts with the measure, not a new task
    assert table.rows[4].page == 2
    assert table.rows[4].cells[0].col == 2


def test_merged_cell_blank_on_next_page():
    table = pdf_doc(POLTAVA).tables[0]
    task2 = next(c for r in table.rows for c in r.cells if c.col == 0 and c.text == "2.")
    assert task2.row_span == 3
    assert {table.rows[r].page for r in range(task2.row, task2.row + task2.row_span)} == {1, 2}


def test_text_keeps_line_breaks_and_hyphens():
    table = pdf_doc(ZHYTOMYR).tables[0]
    assert table.rows[0].cells[0].text == "№\nз/п"
    texts = [c.text for r in table.rows for c in r.cells]
    assert any("-\n" in t for t in texts)


@pytest.mark.parametrize("stem", STEMS)
def test_tables_match_docx_reader(stem):
    """Same tables as the DOCX: shape, spans and texts (after removing whitespace and hyphens)."""
    pytest.importorskip("extractor.readers.docx")
    docx_doc = read(SAMPLES / f"{stem}.docx")
    pdf = pdf_doc(stem)
    assert len(pdf.tables) == len(docx_doc.tables)
    for tp, td in zip(pdf.tables, docx_doc.tables):
        assert (len(tp.rows), tp.n_cols) == (len(td.rows), td.n_cols)
        for rp, rd in zip(tp.rows, td.rows):
            got = [(c.col, c.row_span, c.col_span, squash(c.text)) for c in rp.cells]
            want = [(c.col, c.row_span, c.col_span, squash(c.text)) for c in rd.cells]
            assert got == want, f"table {tp.index} row {rp.index}"
        assert [[squash(x) for x in row] for row in tp.text_grid()] == [
            [squash(x) for x in row] for row in td.text_grid()
        ]


@pytest.mark.parametrize("stem", STEMS)
def test_body_paragraphs_match_docx_except_signature(stem):
    """Outside tables, the body paragraphs are the DOCX's non-empty ones.

    Allowed difference: a manual line break inside a paragraph (the
    signatory's position) cannot be told from a paragraph end in a PDF, so
    the PDF may split such a paragraph into its lines.
    """
    pytest.importorskip("extractor.readers.docx")
    docx_doc = read(SAMPLES / f"{stem}.docx")
    want = [" ".join(p.text.split()) for p in docx_doc.paragraphs if p.part == "body" and p.text.strip()]
    got = [" ".join(p.text.split()) for p in pdf_doc(stem).paragraphs if p.part == "body"]
    assert " ".join(got) == " ".join(want)
    assert len(want) <= len(got) <= len(want) + 3


def test_reading_order_interleaves_tables_and_paragraphs():
    blocks = pdf_doc(ZHYTOMYR).blocks
    kinds = []
    for b in blocks:
        if isinstance(b, Table):
            kinds.append(f"T{b.index}")
        elif b.text.startswith(("3. Фінансування", "4. Виконання", "5. Оцінка")):
            kinds.append(b.text[:2])
    assert kinds == ["3.", "T0", "4.", "5.", "T1"]
    assert isinstance(blocks[-1], Paragraph) and blocks[-1].page == 8


def test_page_numbers_are_not_emitted():
    paras = pdf_doc(POLTAVA).paragraphs
    assert [p.text for p in paras if p.text.strip() in ("2", "3")] == []
    assert {p.part for p in paras} == {"body"}


def test_signatory_name_separated_by_tab():
    last = pdf_doc(POLTAVA).paragraphs[-1]
    position, name = last.text.split("\t")
    assert position.strip() == "Полтавської міської ради"
    assert name == "Олена ДОВГАЛЬ"
    # a name on its own line stays alone
    assert pdf_doc(ZHYTOMYR).paragraphs[-1].text == "М.В. Дідківський"


def test_paragraph_lines_are_grouped():
    para = next(p for p in pdf_doc(ZHYTOMYR).paragraphs if p.text.startswith("Відповідальний"))
    assert para.text.split("\n") == [
        "Відповідальний виконавець Програми: управління з питань надзвичайних ситуацій та",
        "цивільного захисту населення міської ради",
    ]
    assert para.page == 1


# -- table assembly on hand-made geometry --------------------------------------------

XS = [0.0, 20.0, 100.0, 200.0]  # three columns


def piece(page: int, rows: list[list[tuple[int, int, int, str]]], top: float = 0.0, height: float = 10.0) -> PageTable:
    """A page piece from rows of (first col, last col + 1, row span, text) cells."""
    cells = []
    for r, row in enumerate(rows):
        for c0, c1, span, text in row:
            y = top + r * height
            cells.append(RawCell(XS[c0], y, XS[c1], y + span * height, text))
    return PageTable(page=page, cells=cells)


def test_grid_spans_from_cell_rectangles():
    draft = TableDraft.start(piece(1, [[(0, 1, 2, "1."), (1, 3, 1, "head")], [(1, 2, 1, "a"), (2, 3, 1, "b")]]))
    table = draft.to_table(0)
    assert table.n_cols == 3 and len(table.rows) == 2
    first = table.rows[0].cells
    assert [(c.col, c.row_span, c.col_span) for c in first] == [(0, 2, 1), (1, 1, 2)]
    assert [(c.col, c.text) for c in table.rows[1].cells] == [(1, "a"), (2, "b")]


def test_blank_multi_row_piece_continues_merged_cell():
    draft = TableDraft.start(piece(1, [[(0, 1, 2, "1."), (1, 2, 2, "Task"), (2, 3, 1, "1.1")], [(2, 3, 1, "1.2")]]))
    draft.append(piece(2, [[(0, 1, 2, ""), (1, 2, 2, ""), (2, 3, 1, "1.3")], [(2, 3, 1, "1.4")]]))
    table = draft.to_table(0)
    assert len(table.rows) == 4
    assert [(c.text, c.row_span) for c in table.rows[0].cells[:2]] == [("1.", 4), ("Task", 4)]
    assert [c.text for c in table.rows[2].cells] == ["1.3"]
    assert [r.page for r in table.rows] == [1, 1, 2, 2]


def test_text_piece_beside_continued_cell_is_appended():
    draft = TableDraft.start(piece(1, [[(0, 1, 1, "1."), (1, 2, 1, "Reconstruction of"), (2, 3, 1, "1.1")]]))
    draft.append(piece(2, [[(0, 1, 2, ""), (1, 2, 2, "Water supply"), (2, 3, 1, "1.2")], [(2, 3, 1, "1.3")]]))
    cells = draft.to_table(0).rows[0].cells
    assert [(c.text, c.row_span) for c in cells[:2]] == [("1.", 3), ("Reconstruction of\nWater supply", 3)]


def test_new_task_at_top_of_page_is_not_joined():
    draft = TableDraft.start(piece(1, [[(0, 1, 2, "1."), (1, 2, 2, "Task one"), (2, 3, 1, "1.1")], [(2, 3, 1, "1.2")]]))
    draft.append(piece(2, [[(0, 1, 2, "2."), (1, 2, 2, "Task two"), (2, 3, 1, "2.1")], [(2, 3, 1, "2.2")]]))
    table = draft.to_table(0)
    assert [(c.text, c.row_span) for c in table.rows[2].cells] == [("2.", 2), ("Task two", 2), ("2.1", 1)]
    assert table.rows[0].cells[0].row_span == 2


def test_lower_case_continuation_without_left_neighbour():
    draft = TableDraft.start(piece(1, [[(0, 1, 2, "Task that is"), (1, 3, 1, "1.1")], [(1, 3, 1, "1.2")]]))
    draft.append(piece(2, [[(0, 1, 1, "cut in two"), (1, 3, 1, "1.3")]]))
    first = draft.to_table(0).rows[0].cells[0]
    assert (first.text, first.row_span) == ("Task that is\ncut in two", 3)


def test_leading_blank_pieces_continue_the_cells_above():
    # a one-row piece of a merged task cell on each page (rule 5)
    draft = TableDraft.start(piece(1, [[(0, 1, 1, "1."), (1, 2, 1, "Task"), (2, 3, 1, "1.1 Build")]]))
    draft.append(piece(2, [[(0, 1, 1, ""), (1, 2, 1, ""), (2, 3, 1, "1.2 Buy")]]))
    table = draft.to_table(0)
    assert [(c.text, c.row_span) for c in table.rows[0].cells] == [("1.", 2), ("Task", 2), ("1.1 Build", 1)]
    assert [(c.col, c.text) for c in table.rows[1].cells] == [(2, "1.2 Buy")]


def test_blank_piece_after_text_stays_apart():
    draft = TableDraft.start(piece(1, [[(0, 1, 1, "1."), (1, 2, 1, "x"), (2, 3, 1, "note")]]))
    draft.append(piece(2, [[(0, 1, 1, "2."), (1, 2, 1, "y"), (2, 3, 1, "")]]))
    table = draft.to_table(0)
    assert len(table.rows[1].cells) == 3 and table.rows[0].cells[2].row_span == 1


def test_empty_row_at_page_top_stays_a_row():
    draft = TableDraft.start(piece(1, [[(0, 1, 1, "1."), (1, 2, 1, "x"), (2, 3, 1, "y")]]))
    draft.append(piece(2, [[(0, 1, 1, ""), (1, 2, 1, ""), (2, 3, 1, "")], [(0, 1, 1, "2."), (1, 2, 1, "z"), (2, 3, 1, "w")]]))
    table = draft.to_table(0)
    assert len(table.rows) == 3 and all(c.row_span == 1 for r in table.rows for c in r.cells)


def test_repeated_header_rows_dropped_even_with_a_clipped_character():
    header = [[(0, 1, 2, "№"), (1, 3, 1, "Amounts, thousand")], [(1, 2, 1, "plan"), (2, 3, 1, "actual, %")]]
    draft = TableDraft.start(piece(1, header + [[(0, 1, 1, "1."), (1, 2, 1, "5,0"), (2, 3, 1, "4,0")]]))
    repeated = [header[0], [(1, 2, 1, "plan"), (2, 3, 1, "actual,")]]
    draft.append(piece(2, repeated + [[(0, 1, 1, "2."), (1, 2, 1, "6,0"), (2, 3, 1, "6,0")]]))
    table = draft.to_table(0)
    assert len(table.rows) == 4
    assert [r.is_header for r in table.rows] == [True, True, False, False]
    assert [c.text for c in table.rows[3].cells] == ["2.", "6,0", "6,0"]


def test_accepts_only_the_same_column_structure():
    draft = TableDraft.start(piece(1, [[(0, 1, 1, "a"), (1, 2, 1, "b"), (2, 3, 1, "c")]]))
    same = piece(2, [[(0, 1, 1, "d"), (1, 2, 1, "e"), (2, 3, 1, "f")]])
    same.cells[1].x1 += 1.5  # drawn a little apart
    assert draft.accepts(same)
    assert draft.accepts(piece(2, [[(0, 3, 1, "full-width row")]]))
    other = PageTable(page=2, cells=[RawCell(0, 0, 60, 10, "x"), RawCell(60, 0, 200, 10, "y")])
    assert not draft.accepts(other)
    narrower = PageTable(page=2, cells=[RawCell(0, 0, 20, 10, "x"), RawCell(20, 0, 150, 10, "y")])
    assert not draft.accepts(narrower)


# -- paragraphs from lines -------------------------------------------------------------


def line(text, x0, x1, top, size=12.0, bold=False):
    first = text.split()[0]
    return TextLine(text, x0, x1, top, top + size, size, bold, first_word_width=len(first) * size * 0.5)


def test_group_paragraphs_by_indent_gap_and_short_lines():
    lines = [
        line("First paragraph starts indented and runs", 120, 566, 100),
        line("to the right edge then wraps here.", 85, 300, 114),
        line("Second paragraph, indented again", 120, 400, 128),
        line("Third after an empty line", 85, 300, 156),
        line("Bold heading", 85, 200, 170, bold=True),
    ]
    paras = group_paragraphs(lines, column=(85, 567), page=3)
    assert [p.text.split("\n")[0] for _, p, _ in paras] == [
        "First paragraph starts indented and runs",
        "Second paragraph, indented again",
        "Third after an empty line",
        "Bold heading",
    ]
    assert paras[0][1].text.count("\n") == 1 and paras[0][1].page == 3
    assert paras[0][0] == 100 and len(paras[0][2]) == 2


def test_short_line_whose_next_word_would_fit_ends_the_paragraph():
    lines = [line("164 cameras in schools;", 120, 550, 100), line("26 cameras in hospitals;", 120, 318, 114)]
    assert len(group_paragraphs(lines, column=(85, 567), page=1)) == 2


def test_right_aligned_lines_stay_apart():
    lines = [line("Додаток 1", 480, 567, 40), line("до рішення виконавчого комітету", 380, 567, 54)]
    assert len(group_paragraphs(lines, column=(85, 567), page=1)) == 2


def test_page_number_lines():
    assert page_number_part(line("2", 309, 315, 22), 842) == "header"
    assert page_number_part(line("- 7 -", 300, 320, 800), 842) == "footer"
    assert page_number_part(line("Стор. 2 з 5", 280, 330, 810), 842) == "footer"
    assert page_number_part(line("2", 309, 315, 400), 842) is None
    assert page_number_part(line("Додаток 2", 400, 470, 22), 842) is None


# -- broken and unusual PDFs, built by hand ----------------------------------------------


def make_pdf(pages: list[bytes | None], *, encrypt: bool = False, image_pages: set[int] = frozenset()) -> bytes:
    """A minimal PDF (tests/hostile_files.pdf_bytes); pages in ``image_pages`` draw a 1x1 image instead."""
    from hostile_files import pdf_bytes

    drawn = [b"q 200 0 0 200 100 400 cm /Im1 Do Q" if i in image_pages else content for i, content in enumerate(pages)]
    return pdf_bytes(drawn, encrypt=encrypt)


TEXT_PAGE = b"BT /F1 12 Tf 72 720 Td (Hello report) Tj ET"
#: scanned pages only noted, not read (OCR has its own tests, tests/test_ocr_*.py)
NO_OCR = OcrSettings(mode="never")


def test_hand_made_pdf_reads():
    doc = read_pdf(make_pdf([TEXT_PAGE]), path="x.pdf", limits=DEFAULT_LIMITS)
    assert [p.text for p in doc.paragraphs] == ["Hello report"]
    assert doc.pages == 1 and doc.notes == []


def test_page_without_text_layer_is_noted():
    doc = read_pdf(make_pdf([TEXT_PAGE, None], image_pages={1}), path="x.pdf", limits=DEFAULT_LIMITS, ocr=NO_OCR)
    assert doc.notes == [("scanned-page", "page 2 has no text layer")]
    assert doc.pages == 2


def test_scanned_page_with_a_stamp_of_text_is_noted():
    stamp = b"q 500 0 0 700 50 80 cm /Im1 Do Q BT /F1 8 Tf 500 20 Td (p. 2) Tj ET"
    doc = read_pdf(make_pdf([TEXT_PAGE, stamp]), path="x.pdf", limits=DEFAULT_LIMITS, ocr=NO_OCR)
    assert doc.notes == [("scanned-page", "page 2 has no text layer")]


def test_small_image_on_a_text_page_is_not_a_scan():
    logo = b"q 40 0 0 40 50 780 cm /Im1 Do Q BT /F1 8 Tf 100 780 Td (Logo) Tj ET"
    doc = read_pdf(make_pdf([TEXT_PAGE, logo]), path="x.pdf", limits=DEFAULT_LIMITS)
    assert doc.notes == []


def test_pdf_without_any_text_is_scanned(tmp_path):
    f = tmp_path / "scan.pdf"
    f.write_bytes(make_pdf([None, None], image_pages={0, 1}))
    with pytest.raises(ScannedDocument) as e:
        read(f)
    assert "scan.pdf" in str(e.value)


def test_encrypted_pdf(tmp_path):
    f = tmp_path / "locked.pdf"
    f.write_bytes(make_pdf([TEXT_PAGE], encrypt=True))
    with pytest.raises(EncryptedFile) as e:
        read(f)
    assert "locked.pdf" in str(e.value) and "encrypted" in str(e.value)


@pytest.mark.parametrize("keep", [0.3, 0.6])
def test_truncated_pdf_is_corrupt(tmp_path, keep):
    data = (SAMPLES / f"{POLTAVA}.pdf").read_bytes()
    f = tmp_path / "cut.pdf"
    f.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(CorruptFile) as e:
        read(f)
    assert "cut.pdf" in str(e.value)


def test_garbage_after_header_is_corrupt():
    with pytest.raises(CorruptFile):
        read_pdf(b"%PDF-1.4\n" + b"\x00garbage" * 50, path="g.pdf", limits=DEFAULT_LIMITS)


def test_too_many_pages():
    with pytest.raises(TooManyPages) as e:
        read_pdf(make_pdf([TEXT_PAGE] * 3), path="big.pdf", limits=Limits(max_pages=2))
    assert "big.pdf" in str(e.value) and "3 pages" in str(e.value)


# -- page furniture and joins over whole documents ------------------------------------------

from extractor.readers.pdf import _assemble  # noqa: E402
from extractor.readers.pdf_page import PageContent  # noqa: E402


def test_running_header_kept_once_and_page_numbers_dropped():
    pages = [
        (1, 842.0, [line("Звіт про виконання програми", 200, 400, 20), line("Body text", 85, 300, 100)]),
        (2, 842.0, [line("Звіт про виконання програми", 200, 400, 20), line("2", 300, 306, 810)]),
        (3, 842.0, [line("Звіт про виконання програми", 200, 400, 21), line("- 3 -", 295, 310, 810)]),
    ]
    assert furniture(pages) == {(1, 0): "header", (2, 0): None, (2, 1): None, (3, 0): None, (3, 1): None}


def _table_page(number: int, lines: list[TextLine], rows: list[list[tuple[int, int, int, str]]], top: float) -> PageContent:
    return PageContent(number=number, width=595, height=842, lines=lines, tables=[piece(number, rows, top=top)], has_text=True)


def test_continuation_mark_does_not_stop_a_join():
    pages = [
        _table_page(1, [line("Таблиця 1", 85, 150, 100)], [[(0, 1, 1, "1."), (1, 3, 1, "a")]], top=700),
        _table_page(2, [line("Продовження таблиці 1", 85, 250, 40)], [[(0, 1, 1, "2."), (1, 3, 1, "b")]], top=60),
    ]
    blocks = _assemble(pages)
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Table"]
    assert [r.page for r in blocks[1].rows] == [1, 2]


def test_paragraph_running_on_to_next_page_is_one_paragraph():
    pages = [
        PageContent(1, 595, 842, lines=[line("Decisions: from 29.12.2016 No 508, from", 120, 566, 780)], has_text=True),
        PageContent(2, 595, 842, lines=[line("09.03.2017 No 564.", 85, 200, 57), line("Next one", 120, 300, 71)], has_text=True),
    ]
    paras = _assemble(pages)
    assert [(p.text, p.page) for p in paras] == [
        ("Decisions: from 29.12.2016 No 508, from\n09.03.2017 No 564.", 1),
        ("Next one", 2),
    ]


def test_paragraph_before_table_starts_a_new_table():
    pages = [
        _table_page(1, [], [[(0, 1, 1, "1."), (1, 3, 1, "a")]], top=700),
        _table_page(2, [line("Таблиця 2", 85, 150, 40)], [[(0, 1, 1, "1."), (1, 3, 1, "b")]], top=60),
    ]
    blocks = _assemble(pages)
    assert [type(b).__name__ for b in blocks] == ["Table", "Paragraph", "Table"]
    assert [b.index for b in blocks if isinstance(b, Table)] == [0, 1]


def ruled_table_content(rows: list[list[str]], top: float, col_x: list[float], row_h: float = 30.0) -> bytes:
    """PDF content drawing a ruled grid (PDF y grows upwards) with one text per cell."""
    out = [b"0.5 w"]
    for r, row in enumerate(rows):
        y = 842 - top - (r + 1) * row_h
        for c, text in enumerate(row):
            x0, x1 = col_x[c], col_x[c + 1]
            out.append(b"%.1f %.1f %.1f %.1f re S" % (x0, y, x1 - x0, row_h))
            if text:
                out.append(b"BT /F1 10 Tf %.1f %.1f Td (%s) Tj ET" % (x0 + 3, y + 10, text.encode("latin-1")))
    return b"\n".join(out)


def test_hand_made_ruled_table_over_two_pages():
    cols = [72.0, 120.0, 300.0, 400.0]
    header = [["No", "Measure", "Sum"]]
    page1 = (
        b"BT /F1 12 Tf 72 780 Td (Funding) Tj ET\n"
        + ruled_table_content(header + [["1.", "Build", "5,0"], ["2.", "Buy", "6,0"]], top=100, col_x=cols)
    )
    page2 = b"BT /F1 10 Tf 300 820 Td (2) Tj ET\n" + ruled_table_content(
        header + [["3.", "Repair", "7,0"]], top=60, col_x=cols
    ) + b"\nBT /F1 12 Tf 72 600 Td (Head of department) Tj 200 0 Td (J. Smith) Tj ET"
    doc = read_pdf(make_pdf([page1, page2]), path="t.pdf", limits=DEFAULT_LIMITS)
    assert [p.text for p in doc.paragraphs] == ["Funding", "Head of department\tJ. Smith"]
    (table,) = doc.tables
    assert table.text_grid() == [["No", "Measure", "Sum"], ["1.", "Build", "5,0"], ["2.", "Buy", "6,0"], ["3.", "Repair", "7,0"]]
    assert [(r.page, r.is_header) for r in table.rows] == [(1, True), (1, False), (1, False), (2, False)]
    assert isinstance(doc.blocks[0], Paragraph) and isinstance(doc.blocks[1], Table)


def test_table_row_broken_across_pages_is_one_row():
    # five columns: №, measure, term, amount, percent; the measure text runs over the break
    xs = [0.0, 20.0, 150.0, 190.0, 240.0, 280.0]

    def cells(page, rows, top):
        out = []
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                out.append(RawCell(xs[c], top + r * 10, xs[c + 1], top + r * 10 + 10, text))
        return PageTable(page=page, cells=out)

    draft = TableDraft.start(cells(1, [["1.", "Build a road", "2021", "5,0", "100"], ["2.", "Repair of the", "2021", "6,0", "90"]], 700))
    draft.append(cells(2, [["", "old bridge", "", "", ""], ["3.", "Buy", "2022", "7,0", "80"]], 40))
    table = draft.to_table(0)
    assert [r.page for r in table.rows] == [1, 1, 2]
    assert table.text_grid()[1] == ["2.", "Repair of the\nold bridge", "2021", "6,0", "90"]
    assert all(c.row_span == 1 for r in table.rows for c in r.cells)


def test_row_broken_across_pages_with_text_in_every_column():
    # №, task, measure, term, executor, amounts: long texts and stacked amounts continue after the break
    xs = [0.0, 20.0, 80.0, 150.0, 190.0, 250.0, 290.0, 330.0, 370.0]

    def cells(page, rows, top):
        return PageTable(
            page=page,
            cells=[
                RawCell(xs[c], top + r * 10, xs[c + 1], top + r * 10 + 10, text)
                for r, row in enumerate(rows)
                for c, text in enumerate(row)
            ],
        )

    before = ["6.", "Створення", "Придбання та", "2017-", "Управління", "704,0", "–", "–"]
    after = ["", "(будівництво) системи", "встановлення камер", "2019", "комунального господарства", "128,0\n120,0", "–\n–", "–\n–"]
    draft = TableDraft.start(cells(1, [before], 700))
    draft.append(cells(2, [after, ["7.", "Створення", "Придбання", "2019", "Департамент", "800,0", "–", "–"]], 40))
    table = draft.to_table(0)
    assert len(table.rows) == 2 and [r.page for r in table.rows] == [1, 2]
    assert table.text_grid()[0][3] == "2017-\n2019"
    assert table.text_grid()[0][5] == "704,0\n128,0\n120,0"
    assert table.rows[1].cells[0].text == "7."


def test_new_unnumbered_indicator_row_is_not_a_row_remainder():
    xs = [0.0, 20.0, 150.0, 190.0, 240.0, 280.0, 400.0]
    before = ["5.", "Кількість стипендіатів", "осіб", "30", "30", "Виконано"]
    after = ["", "Кількість учасників", "осіб", "15 000", "4 320", "Обмеження"]
    draft = TableDraft.start(PageTable(1, [RawCell(xs[c], 700, xs[c + 1], 710, t) for c, t in enumerate(before)]))
    draft.append(PageTable(2, [RawCell(xs[c], 40, xs[c + 1], 50, t) for c, t in enumerate(after)]))
    table = draft.to_table(0)
    assert len(table.rows) == 2
    assert [c.text for c in table.rows[1].cells] == after[1:]
    assert table.rows[0].cells[0].row_span == 2  # rule 5: the blank number continues "5."


def test_a_subtotal_opening_the_next_page_is_a_row_of_its_own():
    """numbered-task-headings-blank-subtotal-and-total-rows-grn (Calc print): the page breaks after measure
    3.3; the task's subtotal (no label, amounts only) opens the next page under the measure's amounts."""
    xs = [0.0, 20.0, 150.0, 190.0, 240.0, 280.0, 320.0, 360.0]
    before = ["3.3.", "Модернізація системи", "2021-2023", "КП «Луцьксвітло»", "2 743 803,39", "–", "–"]
    after = ["", "", "", "", "9 120 529,89", "5 064 091,47", "55,5"]
    draft = TableDraft.start(PageTable(1, [RawCell(xs[c], 700, xs[c + 1], 710, t) for c, t in enumerate(before)]))
    draft.append(PageTable(2, [RawCell(xs[c], 40, xs[c + 1], 50, t) for c, t in enumerate(after)]))
    table = draft.to_table(0)
    assert len(table.rows) == 2 and [r.page for r in table.rows] == [1, 2]
    assert table.text_grid()[0][4:] == ["2 743 803,39", "–", "–"]
    assert table.text_grid()[1][4:] == ["9 120 529,89", "5 064 091,47", "55,5"]


def test_header_row_broken_across_pages_is_one_row():
    xs = [0.0, 20.0, 150.0, 190.0]
    before = ["№\nз/", "Найменування", "Одини"]
    after = ["п", "", "ця"]
    draft = TableDraft.start(PageTable(1, [RawCell(xs[c], 800, xs[c + 1], 810, t) for c, t in enumerate(before)]))
    draft.append(PageTable(2, [RawCell(xs[c], 40, xs[c + 1], 50, t) for c, t in enumerate(after)]))
    table = draft.to_table(0)
    assert table.text_grid() == [["№\nз/\nп", "Найменування", "Одини\nця"]]
    assert [r.page for r in table.rows] == [1]


# -- re-laid-out samples (needs LibreOffice) --------------------------------------------------

import shutil  # noqa: E402
import subprocess  # noqa: E402
import zipfile  # noqa: E402


def _docx_variant(src: Path, dst: Path, *edits) -> Path:
    """A copy of a DOCX with its document.xml passed through ``edits`` (str -> str)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8")
                for edit in edits:
                    xml = edit(xml)
                data = xml.encode("utf-8")
            zout.writestr(item, data)
    return dst


def _rows_may_split(xml: str) -> str:
    return xml.replace("<w:cantSplit/>", "")


def _table_font(half_points: int):
    def edit(xml: str) -> str:
        return re.sub(
            r"<w:tbl>.*?</w:tbl>",
            lambda m: re.sub(r'<w:sz w:val="\d+"/>', f'<w:sz w:val="{half_points}"/>', m.group(0)),
            xml,
            flags=re.S,
        )

    return edit


def _repeat_first_row(xml: str) -> str:
    return re.sub(
        r"(<w:tbl>.*?<w:tr[^>]*>)(<w:trPr>)?",
        lambda m: m.group(1) + ("<w:trPr><w:tblHeader/>" if m.group(2) else "<w:trPr><w:tblHeader/></w:trPr>"),
        xml,
        flags=re.S,
    )


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_relaid_out_samples_match_docx(tmp_path):
    """Bigger table fonts and splittable rows move the page breaks: rows, header rows and
    one-row pieces of merged cells are cut at new places; the PDF must still give the DOCX's tables."""
    pytest.importorskip("extractor.readers.docx")
    variants = [
        _docx_variant(SAMPLES / f"{ZHYTOMYR}.docx", tmp_path / "z-split-big.docx", _rows_may_split, _table_font(24)),
        _docx_variant(SAMPLES / f"{ZHYTOMYR}.docx", tmp_path / "z-header.docx", _repeat_first_row, _rows_may_split),
        _docx_variant(SAMPLES / f"{POLTAVA}.docx", tmp_path / "p-big.docx", _table_font(24)),
        _docx_variant(SAMPLES / f"{RIVNE}.docx", tmp_path / "r-split-big.docx", _rows_may_split, _table_font(24)),
    ]
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path)]
        + [str(v) for v in variants],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for v in variants:
        docx_doc, pdf = read(v), read(v.with_suffix(".pdf"))
        assert pdf.pages > 1
        assert len(pdf.tables) == len(docx_doc.tables), v.name
        for tp, td in zip(pdf.tables, docx_doc.tables):
            assert (len(tp.rows), tp.n_cols) == (len(td.rows), td.n_cols), v.name
            for rp, rd in zip(tp.rows, td.rows):
                got = [(c.col, c.row_span, c.col_span, squash(c.text)) for c in rp.cells]
                want = [(c.col, c.row_span, c.col_span, squash(c.text)) for c in rd.cells]
                assert got == want, f"{v.name} table {tp.index} row {rp.index}"


def _stub_page(chars, images=()):
    """``page_content`` of a 595 x 842 page holding ``chars`` and ``images`` and no ruled table."""
    from extractor.readers.pdf_page import page_content

    return page_content(1, 595.0, 842.0, chars, list(images), lambda: [])


def _char(text, x0, top=100.0, size=12.0):
    return {"text": text, "x0": x0, "x1": x0 + 6, "top": top, "bottom": top + size, "size": size,
            "fontname": "Serif", "upright": True, "doctop": top, "y0": 0, "y1": 0, "width": 6, "height": size}


def test_unmapped_glyphs_are_noted():
    content = _stub_page([_char("(cid:12)", 72 + 6 * i) for i in range(10)])
    assert content.unmapped and content.has_text
    assert not _stub_page([_char("Ж", 72 + 6 * i) for i in range(10)]).unmapped


def test_unpaired_surrogate_from_any_engine_is_replaced_and_counted():
    chars = [_char("a", 72), _char("\ud835", 78), _char("b\udc00", 84)]
    content = _stub_page(chars)
    assert content.replaced == 2
    assert [l.text for l in content.lines] == ["a\ufffdb\ufffd"]


# -- words as pdfplumber groups them ------------------------------------------------------------


def _plumber_words(chars, x_tolerance=3.0, y_tolerance=3.0):
    from pdfplumber.utils import extract_words

    found = extract_words(chars, x_tolerance=x_tolerance, y_tolerance=y_tolerance, return_chars=True)
    return [(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], [id(c) for c in w["chars"]]) for w in found]


def _our_words(chars, x_tolerance=3.0, y_tolerance=3.0):
    from extractor.readers.pdf_words import words

    return [(w.text, w.x0, w.x1, w.top, w.bottom, [id(c) for c in w.chars]) for w in words(chars, x_tolerance, y_tolerance)]


@pytest.mark.parametrize("stem", STEMS)
def test_words_are_pdfplumbers_on_every_sample_page(stem):
    import pdfplumber

    with pdfplumber.open(SAMPLES / f"{stem}.pdf") as pdf:
        for page in pdf.pages:
            assert _our_words(page.chars) == _plumber_words(page.chars), page.page_number


@pytest.mark.parametrize("seed", range(40))
def test_words_are_pdfplumbers_on_random_characters(seed):
    import random

    rng = random.Random(seed)
    chars = []
    for _ in range(rng.randint(1, 120)):
        x0 = rng.choice([rng.uniform(0, 300), round(rng.uniform(0, 300)), 100.0])
        top = rng.choice([rng.uniform(0, 60), round(rng.uniform(0, 60), 1), 20.0])
        size = rng.choice([8.0, 10.0, 12.0])
        chars.append({
            "text": rng.choice(["a", "Б", " ", "\u00a0", "ﬁ", "", "7", ".", "\t"]),
            "x0": x0, "x1": x0 + rng.uniform(0, 8), "top": top, "bottom": top + size,
            "upright": rng.random() > 0.15, "size": size, "doctop": top, "fontname": "F",
        })
    for xt, yt in ((3.0, 3.0), (1.0, 5.0), (0, 0)):
        assert _our_words(chars, xt, yt) == _plumber_words(chars, xt, yt)


@pytest.mark.parametrize("stem", STEMS)
def test_reference_characters_edges_and_images_are_pdfplumbers(stem):
    import pdfplumber

    from extractor.readers.pdf_page import reference_objects

    keys = ("text", "x0", "x1", "top", "bottom", "doctop", "size", "fontname", "upright", "matrix")
    with pdfplumber.open(SAMPLES / f"{stem}.pdf") as ours, pdfplumber.open(SAMPLES / f"{stem}.pdf") as theirs:
        for page, reference in zip(ours.pages, theirs.pages):
            chars, objects = reference_objects(page)
            assert chars == [{k: ch[k] for k in keys} for ch in reference.chars], page.page_number
            assert objects.edges == reference.edges
            assert [im["srcsize"] for im in objects.images] == [im["srcsize"] for im in reference.images]
