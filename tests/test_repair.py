"""The repair stage (extractor/repair.py) on hand-built Documents."""

from __future__ import annotations

import copy

import pytest

from docbuild import make_document, make_table

from extractor.document import Document, Paragraph, Table
from extractor.models import Source
from extractor.pipeline import build_report
from extractor.repair import detach_signatures, drop_page_numbers, repair, signature_rows_start
from extractor.settings import ExtractSettings

HEADER = ["№ з/п", "Назва заходу", "Виконавець", "Обсяг фінансування, тис. грн"]
ROWS = [["1.", "Ремонт покрівлі школи № 3", "Управління освіти", "120,5"],
        ["2.", "Заміна вікон", "Управління освіти", "80,0"]]
SIGNATURE = ["Секретар міської ради", "", "", "Іван ПЕТРЕНКО"]
SOURCE = Source(file="test.docx", format="docx")


def test_signature_glued_to_a_text_export_table_becomes_a_paragraph_after_it():
    doc = make_document("Звіт", [HEADER, *ROWS, SIGNATURE], "Дата")
    out = detach_signatures(doc)
    table = out.blocks[1]
    assert isinstance(table, Table) and len(table.rows) == 3
    assert [b.text for b in out.blocks[2:]] == ["Секретар міської ради\tІван ПЕТРЕНКО", "Дата"]


def test_signature_and_a_date_under_it_leave_the_table_together():
    date = ["25.01.2023", "", "", ""]
    table = make_table([HEADER, *ROWS, SIGNATURE, date])
    assert signature_rows_start(table) == 3


def test_signature_rows_are_looked_for_only_among_the_last_rows():
    table = make_table([HEADER, *ROWS, SIGNATURE, *ROWS, *ROWS])
    assert signature_rows_start(table, ExtractSettings(signature_rows=3)) == len(table.rows)


def test_table_of_signatures_without_figures_is_left_alone():
    doc = make_document([["Міський голова", "Олена КОВАЛЬ"], SIGNATURE[:1] + SIGNATURE[3:]])
    assert detach_signatures(doc) is doc


def test_signature_repair_leaves_its_input_untouched():
    doc = make_document([HEADER, *ROWS, SIGNATURE])
    before = copy.deepcopy(doc)
    repair(doc)
    assert doc == before


def test_merge_running_into_the_signature_stops_at_the_table_end():
    table = make_table([HEADER, ["1.", "Ремонт", "Управління освіти", "12,5"], ["^", "Секретар", "", "Іван ПЕТРЕНКО"]])
    out = detach_signatures(make_document(table))
    cut = out.blocks[0]
    assert len(cut.rows) == 2 and cut.rows[1].cells[0].row_span == 1
    assert len(cut.grid()) == 2


def test_report_reads_the_signatory_of_a_signature_glued_to_the_funding_table():
    report = build_report(make_document("ЗВІТ про виконання програми", [HEADER, *ROWS, SIGNATURE]), SOURCE)
    assert report.signatory is not None and report.signatory.name == "Іван ПЕТРЕНКО"
    assert len(report.funding) == 2


def _paged(*texts_by_page) -> Document:
    return Document([Paragraph(t, page=n) for n, texts in enumerate(texts_by_page, 1) for t in texts], format="pdf")


def test_page_number_at_the_foot_of_a_page_becomes_blank():
    doc = _paged(["Вступ", "Текст", "- 3 -"], ["стор. 4", "Далі", "2022"])
    out = drop_page_numbers(doc)
    assert [b.text for b in out.blocks] == ["Вступ", "Текст", "", "", "Далі", "2022"]


def test_lone_number_inside_a_page_is_a_value_not_a_page_number():
    doc = _paged(["Вступ", "3", "Текст"])
    assert drop_page_numbers(doc) is doc


def test_lone_number_line_of_a_text_without_pages_is_kept_one_cell_per_line_export():
    doc = make_document("І. Показники затрат", "1", "Обсяг видатків", "678")
    doc.format = "txt"
    assert drop_page_numbers(doc) is doc


def test_page_number_in_a_header_part_is_left_to_the_reader():
    doc = _paged(["Текст"])
    doc.blocks.append(Paragraph("3", page=1, part="footer"))
    assert drop_page_numbers(doc) is doc


def test_repair_of_a_clean_document_returns_it_as_it_was():
    doc = make_document("Звіт", [HEADER, *ROWS], "Секретар міської ради Іван ПЕТРЕНКО")
    assert repair(doc) is doc


def test_pipeline_repairs_what_it_reads_signature_under_a_tab_export_table():
    """parse runs read -> repair -> extract: the signature a TAB export glued to the funding table is a paragraph."""
    from pathlib import Path

    from extractor.pipeline import parse_input
    from extractor.readers import load, read_input

    path = Path(__file__).parent / "cases" / "final-report-narrow-portrait-columns-long-dates" / "word-tab-export.txt"
    read = read_input(load(path))
    parsed = parse_input(path)
    assert [len(t.rows) for t in parsed.document.tables] == [len(t.rows) for t in read.tables[:-1]] + [
        len(read.tables[-1].rows) - 1
    ]
    after = parsed.document.blocks[parsed.document.blocks.index(parsed.document.tables[-1]) + 1]
    assert isinstance(after, Paragraph) and after.text.endswith("Ірина ПЕТРЕНКО")
    assert parsed.report.signatory.name == "Ірина ПЕТРЕНКО"


def test_a_bug_in_the_repair_is_an_internal_error_not_the_files_fault(monkeypatch):
    from pathlib import Path

    from extractor import errors, parse, pipeline
    from extractor.errors import InternalError

    def broken(*args, **kwargs):
        raise AttributeError("a bug in the repair")

    monkeypatch.setattr(pipeline, "repair", broken)
    sample = next((Path(__file__).parent.parent / "samples").glob("*.docx"))
    with pytest.raises(InternalError) as caught:
        parse(sample)
    assert caught.value.stage == errors.EXTRACT and isinstance(caught.value.__cause__, AttributeError)
