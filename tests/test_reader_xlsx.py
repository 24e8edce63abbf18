"""XLSX reader: workbooks built in the tests (openpyxl, or raw SpreadsheetML for what openpyxl cannot write)."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest

openpyxl = pytest.importorskip("openpyxl")
from openpyxl.styles import Border, Side  # noqa: E402

from extractor.document import Paragraph, Table  # noqa: E402
from extractor.errors import CorruptFile, InflatedTooLarge, LimitExceeded, UnsafeContent  # noqa: E402
from extractor.limits import DEFAULT_LIMITS, Limits  # noqa: E402
from extractor.readers.xlsx import NOTE_FORMULA_WITHOUT_VALUE, NOTE_HIDDEN, read_xlsx  # noqa: E402

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def workbook_bytes(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def read(data: bytes, limits: Limits = DEFAULT_LIMITS):
    return read_xlsx(data, path="zvit.xlsx", limits=limits)


def council_sheet(bordered: bool = True):
    """A council's report sheet: title rows merged across, a table with a merged header and task cell, a signature."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Звіт 2021"
    ws["A1"] = "Інформація про виконання програми «Питна вода» за 2021 рік"
    ws.merge_cells("A1:E1")
    ws["E2"] = "тис. грн"
    rows = [
        ["№ з/п", "Зміст заходу", "Фінансування", None, "Виконавець"],
        [None, None, "план", "факт", None],
        ["1.", "Ремонт мереж", 1445.04, 1200, "КП «Водоканал»"],
        [None, "Заміна насосів", 0.5, None, "КП «Водоканал»"],
        ["Разом", None, 1445.54, 1200, None],
    ]
    for r, values in enumerate(rows, start=4):
        for c, v in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=v)
            if bordered:
                cell.border = BOX
            if isinstance(v, float) or isinstance(v, int):
                cell.number_format = "#,##0.0"
    ws.merge_cells("A4:A5")
    ws.merge_cells("B4:B5")
    ws.merge_cells("C4:D4")
    ws.merge_cells("E4:E5")
    ws.merge_cells("A6:A7")
    ws["A10"] = "Начальник управління"
    ws["D10"] = "О.П. Петренко"
    return wb


def test_title_rows_become_paragraphs_and_the_bordered_rows_a_table():
    doc = read(workbook_bytes(council_sheet()))
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["Paragraph", "Paragraph", "Table", "Paragraph"]
    assert doc.blocks[0].text.startswith("Інформація про виконання")
    assert doc.blocks[1].text == "тис. грн"
    assert doc.blocks[3].text == "Начальник управління\tО.П. Петренко"  # cells joined by a TAB, as Word lays it out


def test_merged_ranges_become_spans():
    table = read(workbook_bytes(council_sheet())).tables[0]
    assert table.n_cols == 5 and len(table.rows) == 5
    first = {c.col: c for c in table.rows[0].cells}
    assert (first[0].text, first[0].row_span) == ("№ з/п", 2)
    assert (first[2].text, first[2].col_span) == ("Фінансування", 2)
    task = next(c for c in table.rows[2].cells if c.col == 0)
    assert (task.text, task.row_span) == ("1.", 2)
    assert table.text_grid()[1] == ["", "", "план", "факт", ""]


def test_numbers_show_their_number_format_and_keep_their_exact_value():
    table = read(workbook_bytes(council_sheet())).tables[0]
    cells = {c.col: c for c in table.rows[2].cells}
    assert cells[2].text == "1\u00a0445,0"  # what a person sees in a Ukrainian spreadsheet
    assert cells[2].value == Decimal("1445.04")
    assert cells[3].text == "1\u00a0200,0" and cells[3].value == Decimal("1200")
    assert next(c for c in table.rows[3].cells if c.col == 2).text == "0,5"


def test_rows_say_their_sheet_and_row_number():
    table = read(workbook_bytes(council_sheet())).tables[0]
    assert [(r.index, r.sheet, r.sheet_row) for r in table.rows[:2]] == [(0, "Звіт 2021", 4), (1, "Звіт 2021", 5)]


def test_sheet_without_borders_finds_the_table_by_filled_cells():
    doc = read(workbook_bytes(council_sheet(bordered=False)))
    tables = doc.tables
    assert len(tables) == 1 and len(tables[0].rows) == 5
    assert doc.blocks[0].text.startswith("Інформація")


def test_sheet_without_borders_keeps_a_one_cell_task_heading_inside_the_table():
    wb = openpyxl.Workbook()
    ws = wb.active
    for r, values in enumerate([["№", "Захід", "План"], ["Завдання 1. Ремонт доріг"], ["1.1", "Ямковий ремонт", 10],
                                ["1.2", "Розмітка", 5]], start=1):
        for c, v in enumerate(values, start=1):
            ws.cell(row=r, column=c, value=v)
    ws.merge_cells("A2:C2")
    table = read(workbook_bytes(wb)).tables[0]
    assert len(table.rows) == 4
    assert (table.rows[1].cells[0].text, table.rows[1].cells[0].col_span) == ("Завдання 1. Ремонт доріг", 3)


def test_two_tables_on_a_sheet_with_a_title_line_between_them():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Захід", "План"])
    ws.append(["Ремонт", 1])
    ws.append(["2. Результативні показники"])
    ws.append(["Показник", "План"])
    ws.append(["Кількість", 3])
    for row in ws.iter_rows():
        for cell in row:
            if cell.row != 3:
                cell.border = BOX
    doc = read(workbook_bytes(wb))
    assert [type(b).__name__ for b in doc.blocks] == ["Table", "Paragraph", "Table"]
    assert [t.index for t in doc.tables] == [0, 1]


def test_a_table_ruled_only_in_its_header_keeps_its_plain_body_rows_and_group_headings():
    """A spreadsheet user boxes the header and types the body in plain cells: the body is the table's."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Звіт про виконання програми"])
    ws.append(["№", "Показник", "План", "Факт"])
    ws.append(["Показники затрат"])
    ws.append([1, "Обсяг видатків", 7001.3, 4796.9])
    ws.append([2, "Кількість закладів", 463, 354])
    ws.append(["Всього", None, 7464.3, 5150.9])
    ws.append([])
    ws.append(["Начальник управління", None, None, "І. ПЕТРЕНКО"])
    for cell in ws[2]:
        cell.border = BOX
    doc = read(workbook_bytes(wb))
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph", "Table", "Paragraph"]
    (table,) = doc.tables
    assert [[c.text for c in r.cells if c.text] for r in table.rows] == [
        ["№", "Показник", "План", "Факт"], ["Показники затрат"], ["1", "Обсяг видатків", "7001,3", "4796,9"],
        ["2", "Кількість закладів", "463", "354"], ["Всього", "7464,3", "5150,9"]]
    assert doc.blocks[-1].text == "Начальник управління\tІ. ПЕТРЕНКО"  # after an empty row: not the table's


def test_unruled_label_value_rows_of_a_sheet_that_rules_its_main_table_are_a_table_of_their_own():
    """A passport (number, label, value) typed without borders above a boxed table is read as a table, as in a
    sheet without any borders; a line of text between them stays a paragraph."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["1. Паспорт програми"])
    ws.append(["1.", "Відповідальний виконавець", "управління освіти"])
    ws.append(["2.", "Термін реалізації", "2021-2023 роки"])
    ws.append(["2. Виконання заходів"])
    ws.append(["Захід", "План"])
    ws.append(["Ремонт", 1])
    for row in ws.iter_rows(min_row=5):
        for cell in row:
            cell.border = BOX
    doc = read(workbook_bytes(wb))
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph", "Table", "Paragraph", "Table"]
    passport = doc.tables[0]
    assert [[c.text for c in r.cells] for r in passport.rows] == [
        ["1.", "Відповідальний виконавець", "управління освіти"], ["2.", "Термін реалізації", "2021-2023 роки"]]


def test_every_visible_sheet_is_read_in_order_and_hidden_ones_are_named():
    wb = openpyxl.Workbook()
    wb.active.title = "Фінансування"
    wb.active.append(["перший лист"])
    hidden = wb.create_sheet("Довідник")
    hidden.append(["прихований"])
    hidden.sheet_state = "hidden"
    wb.create_sheet("Показники").append(["другий лист"])
    doc = read(workbook_bytes(wb))
    assert [b.text for b in doc.paragraphs] == ["перший лист", "другий лист"]
    assert any(code == NOTE_HIDDEN and "«Довідник»" in msg for code, msg in doc.notes)


def test_hidden_rows_and_columns_are_left_out_and_named():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Захід", "службове", "План"])
    ws.append(["Ремонт", "x", 10])
    ws.append(["Чернетка", "y", 99])
    ws.column_dimensions["B"].hidden = True
    ws.row_dimensions[3].hidden = True
    doc = read(workbook_bytes(wb))
    assert doc.tables[0].text_grid() == [["Захід", "План"], ["Ремонт", "10"]]
    note = dict(doc.notes)[NOTE_HIDDEN]
    assert "rows 3" in note and "columns B" in note


def test_percent_and_date_formats():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Відсоток", 0.959, "Дата", 42733])
    ws["B1"].number_format = "0.0%"
    ws["D1"].number_format = "dd.mm.yyyy"
    doc = read(workbook_bytes(wb))
    assert doc.paragraphs[0].text.split("\t") == ["Відсоток", "95,9%", "Дата", "29.12.2016"]


# -- raw SpreadsheetML: what openpyxl does not write ----------------------------------------------

CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="xml" ContentType="application/xml"/></Types>')
RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"'
        ' Target="xl/workbook.xml"/></Relationships>')
WB = ('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
      '<sheet name="Аркуш1" sheetId="1" r:id="rId1"/></sheets></workbook>')
WB_RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
           '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"'
           ' Target="worksheets/sheet1.xml"/></Relationships>')


def raw_xlsx(sheet_data: str, *, sheet_head: str = "", compress=zipfile.ZIP_DEFLATED) -> bytes:
    sheet = ('<?xml version="1.0"?>' + sheet_head
             + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             f"<sheetData>{sheet_data}</sheetData></worksheet>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compress) as zf:
        zf.writestr("[Content_Types].xml", CT)
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("xl/workbook.xml", WB)
        zf.writestr("xl/_rels/workbook.xml.rels", WB_RELS)
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
    return buf.getvalue()


def test_formula_uses_its_cached_value():
    doc = read(raw_xlsx('<row r="1"><c r="A1" t="inlineStr"><is><t>Разом</t></is></c>'
                        '<c r="B1"><f>SUM(B2:B3)</f><v>1445.5</v></c></row>'))
    assert doc.paragraphs[0].text == "Разом\t1445,5"
    assert not doc.notes


def test_formula_without_cached_value_is_named_in_a_note():
    doc = read(raw_xlsx('<row r="1"><c r="A1" t="inlineStr"><is><t>Разом</t></is></c><c r="B1"><f>SUM(B2:B3)</f></c>'
                        '<c r="C1" t="str"><f>A1</f></c></row>'))
    assert doc.paragraphs[0].text == "Разом"
    message = dict(doc.notes)[NOTE_FORMULA_WITHOUT_VALUE]
    assert "2 formula cell(s)" in message and "«Аркуш1»!B1" in message and "«Аркуш1»!C1" in message


def test_rich_text_runs_are_joined_and_phonetic_guides_dropped():
    doc = read(raw_xlsx('<row r="1"><c r="A1" t="inlineStr"><is><r><t>Заклю</t></r><r><t>чний звіт</t></r>'
                        '<rPh sb="0" eb="1"><t>ignored</t></rPh></is></c></row>'))
    assert doc.paragraphs[0].text == "Заключний звіт"


def test_cells_without_a_reference_take_the_next_column():
    doc = read(raw_xlsx('<row><c t="inlineStr"><is><t>а</t></is></c><c t="inlineStr"><is><t>б</t></is></c></row>'
                        '<row><c t="inlineStr"><is><t>в</t></is></c><c><v>2</v></c></row>'))
    assert doc.tables[0].text_grid() == [["а", "б"], ["в", "2"]]


def test_sheet_with_a_doctype_is_refused_unread():
    data = raw_xlsx('<row r="1"><c r="A1"><v>1</v></c></row>',
                    sheet_head='<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>')
    with pytest.raises(UnsafeContent):
        read(data)


def test_sheet_zip_bomb_is_refused_before_inflating():
    rows = '<row r="1"><c r="A1"><v>1</v></c></row>' + " " * (8 * 1024 * 1024)
    with pytest.raises(InflatedTooLarge, match="compression ratio|inflate"):
        read(raw_xlsx(rows), Limits(max_inflated_bytes=4 * 1024 * 1024))


def test_zip_without_a_workbook_part_is_corrupt():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", CT)
    with pytest.raises(CorruptFile, match="not an Excel workbook"):
        read(buf.getvalue())


def test_truncated_sheet_xml_is_corrupt_naming_the_part():
    data = raw_xlsx('<row r="1"><c r="A1"><v>1</v></c></row>')
    buf_in = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for info in buf_in.infolist():
            body = buf_in.read(info)
            if info.filename.endswith("sheet1.xml"):
                body = body[: len(body) // 2]
            zf.writestr(info.filename, body)
    with pytest.raises(CorruptFile, match="sheet1.xml"):
        read(buf.getvalue())


def test_workbook_report_end_to_end_numbers_as_seen_with_sheet_locations(tmp_path):
    from extractor import parse

    f = tmp_path / "zvit.xlsx"
    f.write_bytes(workbook_bytes(council_sheet()))
    report = parse(f)
    assert report.source.format.value == "xlsx"
    first = report.funding[0]
    assert (first.number, first.measure) == ("1", "Ремонт мереж")
    assert first.planned == Decimal("1445.0") and first.raw["planned"] == "1 445,0"  # as shown
    assert (first.location.sheet, first.location.sheet_row, first.location.row) == ("Звіт 2021", 6, 2)


def test_an_empty_spacer_column_is_not_a_column_of_the_table():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Захід", None, "План"])
    ws.append(["Ремонт", None, 10])
    assert read(workbook_bytes(wb)).tables[0].text_grid() == [["Захід", "План"], ["Ремонт", "10"]]


def test_a_bordered_empty_column_stays_in_the_table():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Захід", "Причини", "План"])
    ws.append(["Ремонт", None, 10])
    for row in ws.iter_rows():
        for cell in row:
            cell.border = BOX
    assert read(workbook_bytes(wb)).tables[0].text_grid()[1] == ["Ремонт", "", "10"]


def test_a_stray_cell_far_right_does_not_widen_the_table():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Захід", "План"])
    ws.append(["Ремонт", 10])
    ws.cell(row=2, column=600, value="x")
    table = read(workbook_bytes(wb)).tables[0]
    assert table.n_cols == 3 and table.text_grid()[1] == ["Ремонт", "10", "x"]


def test_a_table_thousands_of_columns_wide_is_refused_naming_the_file():
    rows = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{_col(c)}{r}"><v>{c}</v></c>' for c in range(1, 1200)) + "</row>"
        for r in (1, 2)
    )
    with pytest.raises(LimitExceeded, match=r"^zvit\.xlsx: .*1199 columns wide"):
        read(raw_xlsx(rows))


def test_merged_ranges_past_the_budget_are_read_as_separate_cells():
    """Fifty merges of a million positions each: the first is expanded, the rest are not."""
    merges = "".join(f'<mergeCell ref="C{r}:ALL{r + 999}"/>' for r in range(10, 50_000, 1000))
    data = _with_merges(raw_xlsx('<row r="1"><c r="A1" t="inlineStr"><is><t>а</t></is></c><c r="B1"><v>1</v></c>'
                                 '</row><row r="2"><c r="A2" t="inlineStr"><is><t>б</t></is></c><c r="B2"><v>2</v>'
                                 "</c></row>"), merges)
    assert read(data).tables[0].text_grid() == [["а", "1"], ["б", "2"]]


def test_a_sheet_with_too_many_cells_is_refused():
    from extractor.readers.xlsx import read_xlsx

    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, 100))
    with pytest.raises(LimitExceeded, match="more than 50 filled cells"):
        read_xlsx(raw_xlsx(rows), path="t.xlsx", limits=Limits(max_sheet_cells=50))


def _col(n: int) -> str:
    from extractor.readers.xlsx import _column_name

    return _column_name(n)


def _with_merges(data: bytes, merges: str) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            body = src.read(info)
            if info.filename.endswith("sheet1.xml"):
                body = body.replace(b"</sheetData>", b"</sheetData><mergeCells>" + merges.encode() + b"</mergeCells>")
            zf.writestr(info.filename, body)
    return buf.getvalue()


def test_a_title_boxed_with_the_table_is_a_paragraph_above_it():
    wb = council_sheet()
    ws = wb.active
    ws["A3"] = "Фінансування заходів програми"
    ws.merge_cells("A3:E3")
    for c in "ABCDE":
        ws[f"{c}3"].border = BOX
    doc = read(workbook_bytes(wb))
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph", "Paragraph", "Paragraph", "Table", "Paragraph"]
    assert doc.blocks[2].text == "Фінансування заходів програми"
    assert doc.tables[0].rows[0].sheet_row == 4
