"""The pipeline's stages: extraction reads, the checks stage judges, in that order and nowhere else."""

from __future__ import annotations

from docbuild import make_document
from extractor.extract import extract_report
from extractor.models import Source
from extractor.pipeline import build_report, check_report

SOURCE = Source(file="test.docx", format="docx")

FUNDING = [
    ["№ з/п", "Зміст заходу", "Передбачено, тис. грн", "Профінансовано, тис. грн", "Відсоток виконання", "Резерв"],
    ["1.1", "Ремонт", "100,0", "90,0", "50,0", "7,0"],  # 50 % printed for 90 of 100; a number in an unknown column
]


def codes(report):
    return [w.code for w in report.warnings]


def test_extraction_runs_no_check_and_the_check_stage_adds_them_in_order():
    doc = make_document("Звіт", FUNDING)
    extraction = extract_report(doc, SOURCE)
    assert extraction.kinds_found == {"funding"}
    assert codes(extraction.report) == ["unknown-column"] and extraction.report.coverage is None
    report = check_report(extraction, doc)
    assert codes(report) == ["unknown-column", "table-not-found", "percent-vs-amounts", "unread-cell", "low-coverage"]
    assert report.coverage is not None and report.coverage.cells == 4 and report.coverage.read == 3


def test_build_report_is_extraction_then_checks():
    doc = make_document("Звіт", FUNDING)
    assert build_report(doc, SOURCE) == check_report(extract_report(doc, SOURCE), doc)
