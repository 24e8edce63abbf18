"""Coverage: every number of a recognised table is read into a field or named in an unread-cell warning."""

from __future__ import annotations

import pytest

from docbuild import LEFT as L, UP as U, make_document, make_table
from extractor.document import Document
from extractor.extract import build_report
from extractor.extract.coverage import CoverageSettings, measure_coverage, numbers_in
from extractor.models import Source

SOURCE = Source(file="test.docx", format="docx")

FUNDING_HEADER = ["№ з/п", "Зміст заходу", "Термін виконання", "Передбачено, тис. грн", "Профінансовано, тис. грн",
                  "Відсоток виконання"]
FUNDING = [
    FUNDING_HEADER,
    ["1", "2", "3", "4", "5", "6"],
    ["1.1", "Ямковий ремонт", "2021", "100,0", "90,0", "90,0"],
    ["1.2", "Розмітка", "2021-2022", "50,0", "50,0", "100,0"],
    ["Усього", L, L, "150,0", "140,0", "93,3"],
]
INDICATORS = [
    ["№ з/п", "Найменування показника", "Одиниця виміру", "План", "Факт"],
    ["Показники продукту", L, L, L, L],
    ["1", "Кількість заходів", "од.", "10", "9"],
]


def report(*blocks, settings: CoverageSettings | None = None):
    doc = make_document(*blocks)
    return build_report(doc, SOURCE, coverage=settings) if settings else build_report(doc, SOURCE)


def unread(rep):
    return [w for w in rep.warnings if w.code == "unread-cell"]


def codes(rep):
    return [w.code for w in rep.warnings]


def test_all_numbers_read_gives_coverage_one_and_no_warning():
    rep = report("Звіт", FUNDING, INDICATORS)
    cov = rep.coverage
    # 3 amounts in each of 3 rows, the term "2021", 2 indicator values; item numbers and the "1 2 3" row not counted
    assert (cov.ratio, cov.cells, cov.read, cov.tables) == (1.0, 12, 12, [0, 1])
    assert not unread(rep) and "low-coverage" not in codes(rep)


def test_number_in_an_unknown_column_is_an_unread_cell_and_lowers_coverage():
    table = [row[:] for row in FUNDING]
    for row in table:
        row.append("")
    table[0][-1] = "Економія коштів"  # a column the vocabulary does not know
    table[1][-1] = "7"
    table[2][-1] = "10,0"
    rep = report(table, INDICATORS)
    found = unread(rep)
    assert len(found) == 1
    message = found[0].message
    assert "table 0" in message and "row 2" in message and "column 7" in message and "'10,0'" in message
    assert "Економія коштів" in message
    assert found[0].path == "funding[0]"
    assert rep.coverage.cells == 13 and rep.coverage.read == 12
    assert rep.coverage.ratio == pytest.approx(0.923, abs=1e-3) and rep.coverage.ratio < 1
    assert "low-coverage" in codes(rep)


def test_document_without_a_recognised_table_has_coverage_zero_never_one():
    rep = report("Звіт про виконання програми", [["Показник", "Значення"], ["Обсяг", "100,0"]])
    assert rep.coverage.ratio == 0 and rep.coverage.cells == 0 and rep.coverage.tables == []
    assert "low-coverage" in codes(rep)


def test_recognised_tables_without_any_number_have_coverage_zero():
    rep = report([FUNDING_HEADER, ["1.1", "Ремонт", "постійно", "в межах кошторису", "–", "–"]])
    assert rep.coverage.tables == [0] and rep.coverage.cells == 0 and rep.coverage.ratio == 0


def test_equal_numbers_in_one_row_need_a_raw_entry_each():
    # planned and an unknown column print the same text: the planned entry of raw accounts for one cell only
    table = [FUNDING_HEADER + ["Резерв"], ["1.1", "Ремонт", "2021", "20,0", "20,0", "100,0", "20,0"]]
    rep = report(table, INDICATORS)
    assert [w.message.split(": ")[-1] for w in unread(rep)] == ["the number '20,0' is in no output field"]
    assert "column 7 ('Резерв')" in unread(rep)[0].message


def test_second_planned_column_not_read_into_a_field_is_unread():
    table = [["№ з/п", "Зміст заходу", "Передбачено", "Передбачено"], ["1.1", "Ремонт", "10,0", "12,0"]]
    rep = report(table, INDICATORS)
    assert [w.message for w in unread(rep)] and "'12,0'" in unread(rep)[0].message


def test_non_numeric_amount_is_not_a_numeric_cell():
    table = [FUNDING_HEADER, ["1.1", "Ремонт", "2021", "100,0", "в процесі", "–"]]
    rep = report(table, INDICATORS)
    assert rep.coverage.cells == 4 and rep.coverage.ratio == 1.0  # 100,0, the term 2021, 10 and 9


def test_stacked_amounts_split_into_objects_are_all_read():
    table = [FUNDING_HEADER,
             ["1.1", "Ремонт доріг:\n- вул. Шевченка;\n- вул. Франка", "2021", "704,0\n128,0", "700,0\n120,0", "–"]]
    rep = report(table, INDICATORS)
    assert len(rep.funding) == 2 and rep.coverage.ratio == 1.0 and rep.coverage.cells == 7


def test_stacked_amounts_left_unsplit_are_unread():
    table = [FUNDING_HEADER, ["1.1", "Ремонт доріг", "2021", "704,0\n128,0", "700,0", "–"]]
    rep = report(table, INDICATORS)
    texts = [w.message for w in unread(rep)]
    assert len(texts) == 2 and "'704,0'" in texts[0] and "'128,0'" in texts[1]


def test_year_headers_and_column_numbers_below_a_short_header_are_not_data():
    # a body row of years only and a row numbering the columns: header rows, wherever they stand
    table = make_table([FUNDING_HEADER, ["", "", "", "2021", "2021", ""], ["1", "2", "3", "4", "5", "6"],
                        ["1.1", "Ремонт", "2022", "5,0", "5,0", "100"]])
    layout_free = Document(blocks=[table])
    from extractor.extract.columns import analyse_table

    layout = analyse_table(table)
    layout.header_rows = 1  # as if the header were misjudged
    rep = build_report(Document(blocks=[table]), SOURCE)
    measured = measure_coverage(layout_free, [layout], rep.funding, rep.indicators)
    assert measured.coverage.ratio == 1.0 and measured.coverage.cells == 4


def test_ignored_column_numbers_are_counted_apart():
    table = [FUNDING_HEADER + ["Відхилення"], ["1.1", "Ремонт", "2021", "100,0", "90,0", "90,0", "10,0"]]
    rep = report(table, INDICATORS)
    assert rep.coverage.ignored == 1 and rep.coverage.ratio == 1.0 and not unread(rep)


def test_merged_amount_is_read_once_in_its_first_row():
    table = [FUNDING_HEADER, ["1.1", "Ремонт", "2021", "100,0", "90,0", "90,0"], ["1.2", "Фарбування", "2021", U, U, U]]
    rep = report(table, INDICATORS)
    assert rep.coverage.ratio == 1.0 and rep.coverage.cells == 7


def test_low_coverage_threshold_comes_from_the_settings():
    table = [FUNDING_HEADER + ["Резерв"], ["1.1", "Ремонт", "2021", "100,0", "90,0", "90,0", "5,0"]]
    assert "low-coverage" in codes(report(table, INDICATORS))
    assert "low-coverage" not in codes(report(table, INDICATORS, settings=CoverageSettings(low_coverage=0.5)))


@pytest.mark.parametrize("bad", [-0.1, 1.5, "0.9", True])
def test_coverage_settings_refuse_a_threshold_outside_zero_to_one(bad):
    with pytest.raises(ValueError, match="low_coverage"):
        CoverageSettings(low_coverage=bad)


@pytest.mark.parametrize("text,numbers", [
    ("21 137,0", ["21 137,0"]), ("87,5 %", ["87,5 %"]), ("–", []), ("", []), ("так", []),
    ("704,0\n128,0", ["704,0", "128,0"]), ("704,0\n\n–", ["704,0"]), ("100 шт", []),
])
def test_numbers_in_a_cell_follow_the_number_parser(text, numbers):
    assert numbers_in(text) == numbers
