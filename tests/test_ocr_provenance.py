"""OCR provenance in the report: location.ocr on rows read from OCR cells, and ocr-low-confidence warnings.

Documents are built by hand (tests/docbuild.py) with OCR confidences put on
their cells, as the OCR page source puts them; no Tesseract needed.
"""

from __future__ import annotations

import json

from docbuild import LEFT as L, make_document
from extractor.document import Table
from extractor.pipeline import build_report
from extractor.models import Source

SOURCE = Source(file="scan.pdf", format="pdf")
HEADER = ["№ з/п", "Зміст заходу", "Передбачено, тис. грн", "Профінансовано, тис. грн", "Відсоток виконання, %"]
IND = [
    ["№ з/п", "Найменування показника", "Одиниця виміру", "План", "Факт", "Причини відхилення"],
    ["1", "Частка проб", "%", "97,5", "98,1", ""],
    ["2", "Зменшення аварій", "%", "10,0", "8,4", ""],
    ["3", "Рівень забезпечення", "%", "98,6", "98,6", ""],
]


def scanned(*blocks, confidence: dict[str, float] | None = None, default: float = 0.96):
    """A Document whose table cells were all read by OCR: ``default`` confidence, or the one given per text."""
    doc = make_document(*blocks)
    doc.format = "pdf"
    for table in doc.blocks:
        if isinstance(table, Table):
            for row in table.rows:
                for cell in row.cells:
                    if cell.text.strip():
                        cell.ocr = (confidence or {}).get(cell.text, default)
    return doc


def warnings_of(report, code="ocr-low-confidence"):
    return [(w.path, w.message) for w in report.warnings if w.code == code]


def test_rows_read_by_ocr_carry_their_confidence_per_value():
    table = [HEADER, ["1.1", "Ремонт", "296,4", "296,4", "100,0"], ["1.2", "Розмітка", "50,0", "40,0", "80,0"]]
    doc = scanned(table, IND, confidence={"Ремонт": 0.91, "80,0": 0.88})
    report = build_report(doc, SOURCE)
    first, second = (r.location.ocr for r in report.funding)
    assert first.confidence == 0.91  # the lowest cell of the row, text cells included
    assert first.values == {"planned": 0.96, "actual": 0.96, "percent": 0.96}
    assert second.values["percent"] == 0.88 and second.confidence == 0.88
    assert report.indicators[0].location.ocr.values == {"planned": 0.96, "actual": 0.96}


def test_equal_numbers_in_one_row_keep_their_own_cells_confidence():
    """planned and actual both print "296,4": each value takes its own cell's confidence, in column order."""
    table = [HEADER, ["1.1", "Ремонт", "296,4", "296,4", "100,0"]]
    doc = scanned(table, IND)
    cells = doc.tables[0].rows[1].cells
    cells[2].ocr, cells[3].ocr = 0.95, 0.42
    report = build_report(doc, SOURCE)
    assert report.funding[0].location.ocr.values["planned"] == 0.95
    assert report.funding[0].location.ocr.values["actual"] == 0.42
    assert [p for p, _ in warnings_of(report)] == ["funding[0].actual"]


def test_text_layer_rows_have_no_ocr_key_in_the_json():
    table = [HEADER, ["1.1", "Ремонт", "296,4", "290,0", "97,8"]]
    report = build_report(make_document(table, IND), SOURCE)
    data = json.loads(report.to_json())
    assert "ocr" not in data["funding"][0]["location"]
    assert not warnings_of(report)


def test_low_confidence_number_is_named_with_its_cell():
    table = [HEADER, ["1.1", "Ремонт", "1 250,5", "1 100,0", "88,0"]]
    report = build_report(scanned(table, IND, confidence={"1 100,0": 0.55}), SOURCE)
    [(path, message)] = warnings_of(report)
    assert path == "funding[0].actual"
    assert "'1 100,0'" in message and "0.55" in message and "table 0, row 1" in message


def test_cell_that_does_not_read_as_a_number_stays_text_with_a_warning():
    table = [HEADER, ["1.1", "Ремонт", "12S0,5", "1 100,0", "88,0"]]
    report = build_report(scanned(table, IND), SOURCE)
    row = report.funding[0]
    assert row.planned is None and row.raw["planned"] == "12S0,5"
    assert ("funding[0].planned" in [p for p, _ in warnings_of(report)])
    assert any("not a number" in m for _, m in warnings_of(report))


def test_row_failing_a_cross_check_names_its_ocr_numbers():
    """1 100,0 of 1 250,5 is 87.9 %, not 98,0 %: one of the three may be misread."""
    table = [HEADER, ["1.1", "Ремонт", "1 250,5", "1 100,0", "98,0"]]
    report = build_report(scanned(table, IND), SOURCE)
    assert "percent-vs-amounts" in [w.code for w in report.warnings]
    [(path, message)] = warnings_of(report)
    assert path == "funding[0]"
    assert "percent-vs-amounts" in message and "'1 250,5' (0.96)" in message and "percent '98,0'" in message


def test_totals_failing_against_rows_name_the_total_row():
    table = [HEADER, ["1.1", "Ремонт", "100,0", "90,0", "90,0"], ["1.2", "Розмітка", "50,0", "50,0", "100,0"],
             ["Усього", L, "160,0", "140,0", "87,5"]]
    report = build_report(scanned(table, IND), SOURCE)
    assert ("funding[2]", ) == tuple(p for p, m in warnings_of(report) if "total-sum-mismatch" in m)


def test_lost_decimal_comma_is_named():
    """"98,1" read as "981": both readers agree, the column's decimals do not."""
    ind = [row[:] for row in IND]
    ind[1][4] = "981"
    report = build_report(scanned([HEADER, ["1.1", "Ремонт", "10,0", "9,0", "90,0"]], ind), SOURCE)
    [(path, message)] = warnings_of(report)
    assert path == "indicators[0].actual" and "decimal" in message


def test_numbers_of_different_kinds_keep_their_own_decimals():
    """Counts ("12") beside percents ("97,5") in one indicator table: units differ, no warning."""
    ind = IND + [["4", "Кількість закладів", "од.", "12", "12", ""], ["5", "Кількість проб", "од.", "1200", "1264", ""]]
    report = build_report(scanned([HEADER, ["1.1", "Ремонт", "10,0", "9,0", "90,0"]], ind), SOURCE)
    assert not warnings_of(report)


def test_scanned_page_with_columns_but_no_table_is_named():
    from extractor.readers.ocr import unruled_notes
    from extractor.readers.ocr.page import ScannedPage
    from extractor.readers.pdf_page import PageContent

    scanned = {n: ScannedPage(PageContent(n, 595, 842), 0.0, 40, 0.9, columns_without_rules=n == 2) for n in (1, 2, 3)}
    doc = make_document("Текст", [HEADER, ["1.1", "Ремонт", "1,0", "1,0", "100,0"]])
    doc.tables[0].page = 3
    assert [(code, msg.split(":")[0]) for code, msg in unruled_notes(scanned, doc.blocks)] == [("ocr-no-rules", "page 2")]
    doc.tables[0].page = 2
    assert unruled_notes(scanned, doc.blocks) == []


def test_pages_chosen_for_ocr_by_mode(monkeypatch):
    """auto: scans and pages whose text reads as (cid:N); always: every page; never: none."""
    from extractor.readers import pdf
    from extractor.readers.ocr import OcrSettings
    from extractor.readers.pdf_page import PageContent

    asked = []

    def fake(data, numbers, settings, path):
        asked.append(numbers)
        return {}

    monkeypatch.setattr(pdf, "read_scanned_pages", fake)
    pages = [PageContent(1, 595, 842, has_text=True), PageContent(2, 595, 842, scanned=True),
             PageContent(3, 595, 842, has_text=True, unmapped=True)]
    for mode in ("auto", "always", "never"):
        pdf._recognise(b"", pages, "x.pdf", OcrSettings(mode=mode))
    assert asked == [[2, 3], [1, 2, 3]]
