"""How far a number read from a scan is trusted: confidences, cross-checks and unreadable cells, on a built scan.

One page is printed with a ruled funding table whose values were chosen for
the cases below (tests/scanbuild.printed_table), scanned as an office
scanner scans (turned, blurred, noisy, JPEG) and parsed with OCR:

    1.1  a percent that disagrees with its amounts (98,0 % of 1 100,0 / 1 250,5)
    1.2  a row whose numbers agree
    1.3  an amount printed in words ("за кошторисом")
    1.4  an actual amount with an ink blot over its first digit
    total  an actual total that is not the sum of the rows above it
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor import parse

from scanbuild import ScanLook, printed_table, scan_images

pytest.importorskip("tesserocr")

ROWS = [
    ["№\nз/п", "Зміст заходу", "Передбачено,\nтис. грн", "Профінансовано,\nтис. грн", "Відсоток\nвиконання, %"],
    ["1.1", "Ремонт доріг", "1 250,5", "1 100,0", "98,0"],
    ["1.2", "Освітлення вулиць", "300,0", "250,7", "83,6"],
    ["1.3", "Розмітка", "за кошторисом", "40,0", "–"],
    ["1.4", "Огорожа", "80,0", "64,0", "80,0"],
    ["", "Усього", "1 630,5", "1 554,7", "95,3"],
]
WIDTHS_MM = [14, 60, 32, 36, 30]
SMUDGED = frozenset({(4, 3)})  # the 6 of "64,0"
CODE = "ocr-low-confidence"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    page = printed_table(ROWS, WIDTHS_MM, title="Інформація про виконання програми", smudged=SMUDGED)
    path = tmp_path_factory.mktemp("scan") / "таблиця-скан.pdf"
    path.write_bytes(scan_images([page], ScanLook(seed=7)))
    return parse(path)


def _row(report, measure_text: str) -> tuple[int, object]:
    [(i, row)] = [(i, r) for i, r in enumerate(report.funding) if r.measure and measure_text in r.measure]
    return i, row


def _named(report, i: int) -> list[str]:
    """The ocr-low-confidence messages naming funding row ``i`` or one of its values."""
    return [w.message for w in report.warnings
            if w.code == CODE and w.path and (w.path == f"funding[{i}]" or w.path.startswith(f"funding[{i}]."))]


def test_scanned_table_rows_all_found(report):
    assert [r.measure for r in report.funding if r.measure][:4] == ["Ремонт доріг", "Освітлення вулиць", "Розмітка",
                                                                     "Огорожа"]
    assert report.funding[-1].kind.value == "total"


def test_every_value_read_from_a_scan_carries_its_confidence(report):
    for row in report.funding:
        ocr = row.location.ocr
        assert ocr is not None and 0 <= ocr.confidence <= 1
        assert set(ocr.values) == set(row.raw)
        assert all(0 <= c <= 1 for c in ocr.values.values())


def test_scanned_row_whose_numbers_agree_has_no_ocr_warning(report):
    i, row = _row(report, "Освітлення")
    assert (row.planned, row.actual, row.percent) == (Decimal("300.0"), Decimal("250.7"), Decimal("83.6"))
    assert _named(report, i) == []


def test_scanned_percent_that_disagrees_with_its_amounts_gets_ocr_low_confidence(report):
    i, row = _row(report, "Ремонт доріг")
    assert "percent-vs-amounts" in [w.code for w in report.warnings if w.path == f"funding[{i}]"]
    [message] = [m for m in _named(report, i) if "percent-vs-amounts" in m]
    assert "planned '1 250,5'" in message and "percent '98,0'" in message  # each number with its confidence


def test_scanned_total_that_disagrees_with_its_rows_gets_ocr_low_confidence(report):
    i = len(report.funding) - 1
    assert any("total-sum-mismatch" in m and "actual '1 554,7'" in m for m in _named(report, i))


def test_scanned_amount_printed_in_words_stays_text_in_raw_with_a_warning(report):
    i, row = _row(report, "Розмітка")
    assert row.planned is None and row.raw["planned"].startswith("за кошторис")
    assert any("not a number" in m for m in _named(report, i))


def test_smudged_digit_never_gives_a_number_without_a_warning(report):
    """An ink blot over the 6 of "64,0": the reading is right, or empty with its text in raw, or it is named."""
    i, row = _row(report, "Огорожа")
    if row.actual == 64:
        return
    assert row.actual is None or _named(report, i), (row.actual, row.raw)
    if row.actual is None:
        assert row.raw.get("actual")
