"""Rules of the funding and indicator extractors, each pinned by a small document built here."""

from __future__ import annotations

import json
from decimal import Decimal

from docbuild import LEFT as L, UP as U, make_document
from extractor.pipeline import build_report
from extractor.models import Source

SOURCE = Source(file="test.docx", format="docx")

IND_HEADER = ["№ з/п", "Найменування показника", "Одиниця виміру", "План", "Факт", "Причини відхилення"]
INDICATORS = [IND_HEADER, ["1", "Кількість заходів", "од.", "10", "9", "Погода"]]


def report(*blocks):
    return build_report(make_document(*blocks), SOURCE)


def warnings_of(rep, code):
    return [w for w in rep.warnings if w.code == code]


def test_planned_summed_from_year_columns_is_marked_derived_in_json_and_csv():
    table = [
        ["№", "Зміст заходу", "Обсяг фінансування, грн", L, "Фактично профінансовано, грн"],
        [U, U, "2020 рік", "2021 рік", U],
        ["1.1", "Ремонт", "1 000,00", "2 000,00", "2 500,00"],
    ]
    rep = report(table, INDICATORS)
    row = rep.funding[0]
    assert row.planned == Decimal("3000.00") and row.actual == Decimal("2500.00")
    assert row.derived == ["planned"]
    assert json.loads(rep.to_json())["funding"][0]["derived"] == ["planned"]
    assert next(rep.rows("funding"))["derived"] == "planned"


def test_actual_of_one_year_column_is_printed_not_derived():
    """plan-by-year-under-unknown-header-task-number-in-cell: the actual of the reporting year alone is one printed
    column, not a sum we computed; planned summed from three years' columns is."""
    table = [
        ["№", "Зміст заходу", "Обсяг фінансування, грн", L, L, "Фактично профінансовано, грн"],
        [U, U, "2021 рік", "2022 рік", "2023 рік", "2022 рік"],
        ["1.1", "Ремонт", "1 000,00", "2 000,00", "3 000,00", "1 500,00"],
    ]
    row = report(table, INDICATORS).funding[0]
    assert row.actual == Decimal("1500.00") and row.derived == ["planned"]


def test_printed_amounts_carry_no_derived_key():
    table = [
        ["№", "Зміст заходу", "Обсяг фінансування", "Фактично профінансовано"],
        ["1", "Ремонт", "10,0", "9,0"],
    ]
    rep = report(table, INDICATORS)
    assert rep.funding[0].derived == []
    assert "derived" not in json.loads(rep.to_json())["funding"][0]


# -- the vocabulary as validated data -------------------------------------------------------

import pytest  # noqa: E402

from extractor.extract.vocab import VocabularyError, load_vocabulary, parse_vocabulary  # noqa: E402
from importlib import resources  # noqa: E402


def _packaged_vocabulary() -> str:
    return resources.files("extractor.vocab").joinpath("headers.yaml").read_text(encoding="utf-8")


def test_vocabulary_typo_actuall_fails_at_load_naming_file_key_and_line():
    text = _packaged_vocabulary()
    lines = text.split("\n")
    line = next(i for i, l in enumerate(lines) if l == "    actual:") + 1
    broken = text.replace("\n    actual:\n", "\n    actuall:\n", 1)
    with pytest.raises(VocabularyError) as info:
        parse_vocabulary(broken, "vocab/headers.yaml")
    message = str(info.value)
    assert message.startswith("vocab/headers.yaml: ")
    assert f"line {line}: unknown key 'funding.columns.actuall'" in message
    assert "missing key 'funding.columns.actual'" in message


def test_vocabulary_missing_list_fails_at_load_naming_its_parent_line():
    text = _packaged_vocabulary()
    start = text.index("  task_headings:\n")
    end = text.index("  # sub-headers under a planned/actual header that name a total column")
    broken = text[:start] + text[end:]
    with pytest.raises(VocabularyError) as info:
        parse_vocabulary(broken, "headers.yaml")
    line = broken[:broken.index("\nfunding:")].count("\n") + 2
    assert f"line {line}: missing key 'funding.task_headings'" in str(info.value)


def test_vocabulary_empty_phrase_list_is_refused():
    broken = _packaged_vocabulary().replace('  task_headings:\n    - "завдання"\n    - "напрям"\n    - "розділ"\n',
                                            "  task_headings: []\n", 1)
    with pytest.raises(VocabularyError, match="funding.task_headings"):
        parse_vocabulary(broken, "headers.yaml")


def test_vocabulary_column_groups_are_the_contract_fields():
    from extractor.extract.vocab import FUNDING_COLUMN_NAMES, INDICATOR_COLUMN_NAMES

    assert set(FUNDING_COLUMN_NAMES) == {"number", "task", "measure", "term", "executor", "planned", "actual",
                                         "percent", "measure_number", "ignore"}
    assert set(INDICATOR_COLUMN_NAMES) == {"number", "name", "unit", "planned", "actual", "reason", "remedy",
                                           "ignore"}


def test_half_year_header_is_a_year_of_the_actual_column():
    table = [
        ["№", "Зміст заходу", "Обсяг фінансування, тис. грн", "Фактично профінансовано, тис. грн"],
        [U, U, "2022 рік", "І півріччя 2022 року"],
        ["1", "Ремонт", "100,0", "40,0"],
    ]
    rep = report(table, INDICATORS)
    row = rep.funding[0]
    assert [(b.year, b.funding_source, b.planned, b.actual) for b in row.breakdown] == [
        (2022, None, Decimal("100.0"), Decimal("40.0"))]
    assert load_vocabulary().money_unit.of("тис. гривень") == "тис. грн"


# -- row classifiers, one predicate per case ---------------------------------------------------

from docbuild import make_table  # noqa: E402
from extractor.extract.cells import GridView  # noqa: E402
from extractor.extract.columns import analyse_table  # noqa: E402
from extractor.extract.funding import (  # noqa: E402
    TEXT_COLUMNS, _money_columns, is_bare_numbered_heading, is_spanning_task_heading, is_task_heading_row,
    numbers_a_section, row_view, total_kind,
)
from extractor.models import FundingKind  # noqa: E402


def _rows_of(rows):
    layout = analyse_table(make_table(rows), load_vocabulary())
    col = {name: (layout.first(name).col if layout.first(name) else None) for name in TEXT_COLUMNS}
    view, money = GridView.of(layout.table), _money_columns(layout)
    return [row_view(view, r, col, money) for r in range(layout.header_rows, len(rows))]


FLAT_HEADER = ["№ з/п", "Найменування заходу", "Виконавці", "Термін", "Обсяг фінансування", "Фактично профінансовано"]


def test_total_label_with_a_short_tail_is_a_total_and_razom_a_subtotal():
    vocab = load_vocabulary()
    assert total_kind("Усього по Програмі:", vocab) == FundingKind.total
    assert total_kind("Разом за завданням 1", vocab) == FundingKind.subtotal
    assert total_kind("Усього " + "x" * 60, vocab) is None
    assert total_kind("Ремонт доріг", vocab) is None


def test_numbered_text_spanning_measure_and_money_columns_is_a_task_heading():
    rows = _rows_of([FLAT_HEADER, ["1.", "Освіта", L, L, L, L], ["1.1", "Ремонт", "УО", "2021", "5,0", "5,0"]])
    assert [is_spanning_task_heading(r) for r in rows] == [True, False]


def test_bare_number_beside_a_lone_text_is_a_task_heading():
    rows = _rows_of([FLAT_HEADER, ["2.", "Пільги", "", "", "", ""], ["2.1", "Ліки", "УОЗ", "2023", "10,0", "–"]])
    assert [is_bare_numbered_heading(r) for r in rows] == [True, False]


def test_roman_numeral_beside_a_lone_text_is_a_task_heading():
    """cyrillic-numeral-task-rows-two-row-indicator-header: task rows "ІІ." | the task, printed as two cells (a
    TAB export, a layout the merged cells are lost in); Roman numerals in Latin or Cyrillic letters number
    sections, never measures, with or without their period."""
    rows = _rows_of([FLAT_HEADER, ["І.", "Спадщина", "", "", "", ""], ["1.", "Ремонт музею", "УК", "2024", "5,0", "–"],
                     ["IV", "Бібліотеки", "", "", "", ""], ["1.1", "Книги", "", "", "", ""]])
    assert [is_bare_numbered_heading(r) for r in rows] == [True, False, True, False]
    assert [numbers_a_section(n) for n in ("ІІ.", "IV", "2.", "3", "2.1", "1.1.", "Ремонт")] == [
        True, True, True, True, False, False, False]


def test_task_row_without_measure_and_amounts_is_a_task_heading():
    header = ["№", "Завдання", "Заходи", "План", "Факт"]
    rows = _rows_of([header, ["1.", "Безпека", "", "", ""], ["", "", "1.1 Камери", "5,0", "5,0"],
                     ["Завдання 2. Освітлення", L, L, L, L]])
    vocab = load_vocabulary()
    assert [is_task_heading_row(r, vocab) for r in rows] == [True, False, True]


# -- columns classified, not only looked up ----------------------------------------------------


def inferred(rep):
    return [w.message for w in warnings_of(rep, "inferred-column")]


def test_unknown_planned_and_actual_headers_classified_by_word_stems():
    table = [
        ["№ з/п", "Зміст заходу", "Кошторисні призначення, тис. грн", "Фактичні витрати, тис. грн"],
        ["1", "Ремонт даху", "100,0", "90,0"],
    ]
    rep = report(table, INDICATORS)
    row = rep.funding[0]
    assert (row.planned, row.actual) == (Decimal("100.0"), Decimal("90.0"))
    messages = inferred(rep)
    assert len(messages) == 2 and not warnings_of(rep, "unknown-column")
    assert "'Кошторисні призначення, тис. грн'" in messages[0] and "read as planned" in messages[0]
    assert "'кошторисн'" in messages[0]
    assert "read as actual" in messages[1]


def test_misspelt_vocabulary_header_is_matched_tolerantly():
    table = [
        ["№ з/п", "Зміст заходу", "Обсяг фінансування", "Фактичне фінансуванння"],
        ["1", "Ремонт даху", "100,0", "90,0"],
    ]
    rep = report(table, INDICATORS)
    assert rep.funding[0].actual == Decimal("90.0")
    assert "close to the vocabulary phrase 'фактичне фінансування'" in inferred(rep)[0]


def test_actual_synonym_of_the_indicator_table_reads_in_the_funding_table():
    table = [
        ["№ з/п", "Зміст заходу", "Обсяг фінансування", "Досягнуто"],
        ["1", "Ремонт даху", "100,0", "90,0"],
    ]
    rep = report(table, INDICATORS)
    assert rep.funding[0].actual == Decimal("90.0")
    assert "names actual in the other table's vocabulary" in inferred(rep)[0]


def test_columns_of_years_and_organisations_are_term_and_executor():
    table = [
        ["№ з/п", "Зміст заходу", "Роки", "Хто відповідає", "Обсяг фінансування", "Профінансовано"],
        ["1", "Ремонт даху школи", "2021-2022", "Управління освіти", "100,0", "90,0"],
        ["2", "Заміна вікон", "2022", "КП «Теплоенерго»", "50,0", "50,0"],
    ]
    rep = report(table, INDICATORS)
    assert [(r.term, r.years, r.executor) for r in rep.funding] == [
        ("2021-2022", [2021, 2022], "Управління освіти"), ("2022", [2022], "КП «Теплоенерго»")]
    assert ["read as term: its cells are years" in m for m in inferred(rep)] == [True, False]
    assert "read as executor: its cells name organisations" in inferred(rep)[1]


def test_amount_column_under_a_money_unit_between_measure_and_percent_is_planned():
    table = [
        ["№ з/п", "Зміст заходу", "Ліміт, тис. грн", "Профінансовано", "Відсоток виконання"],
        ["1", "Ремонт даху", "100,0", "90,0", "90,0"],
    ]
    rep = report(table, INDICATORS)
    assert rep.funding[0].planned == Decimal("100.0")
    assert "a column of amounts under 'тис. грн' between the measure and the percent column" in inferred(rep)[0]


def test_column_of_actual_over_planned_values_is_the_percent():
    table = [
        ["№ з/п", "Зміст заходу", "Обсяг фінансування", "Профінансовано", "Стан"],
        ["1", "Ремонт даху", "200,0", "150,0", "75,0"],
        ["2", "Заміна вікон", "50,0", "50,0", "100"],
    ]
    rep = report(table, INDICATORS)
    assert [r.percent for r in rep.funding] == [Decimal("75.0"), Decimal("100")]
    assert "read as percent: its values are actual / planned × 100" in inferred(rep)[0]


def test_money_word_over_a_column_of_text_is_not_money():
    table = [
        ["№ з/п", "Зміст заходу", "Обсяг фінансування", "Профінансовано", "Фактичний стан"],
        ["1", "Ремонт даху", "200,0", "150,0", "роботи тривають"],
    ]
    rep = report(table, INDICATORS)
    assert not inferred(rep)
    assert len(warnings_of(rep, "unknown-column")) == 1


def test_unclassifiable_column_stays_an_unknown_column():
    table = [
        ["№ з/п", "Зміст заходу", "Обсяг фінансування", "Профінансовано", "Шифр"],
        ["1", "Ремонт даху", "200,0", "150,0", "17"],
    ]
    rep = report(table, INDICATORS)
    assert not inferred(rep)
    assert "'Шифр'" in warnings_of(rep, "unknown-column")[0].message


# -- rows ------------------------------------------------------------------------------------


def test_numbered_task_label_inside_the_task_cell_is_split_into_number_and_text():
    table = [
        ["№ з/п", "Завдання", "Зміст заходу", "Обсяг фінансування", "Профінансовано"],
        ["2.1", "2. Ремонт доріг комунальної власності", "Ямковий ремонт", "100,0", "90,0"],
        ["2.2", U, "Розмітка", "50,0", "50,0"],
    ]
    rep = report(table, INDICATORS)
    assert [(r.task_number, r.task, r.number) for r in rep.funding] == [
        ("2", "Ремонт доріг комунальної власності", "2.1"), ("2", "Ремонт доріг комунальної власності", "2.2")]


def test_task_number_printed_in_both_the_number_and_the_task_cell_is_not_kept_in_the_text():
    table = [
        ["№ з/п", "Завдання", "Зміст заходу", "Обсяг фінансування", "Профінансовано"],
        ["3.", "3. Освітлення вулиць", "Заміна ламп", "10,0", "9,0"],
    ]
    rep = report(table, INDICATORS)
    assert [(r.task_number, r.task) for r in rep.funding] == [("3", "Освітлення вулиць")]


def test_numbered_task_label_in_a_task_cell_without_number_column():
    table = [
        ["Завдання", "Зміст заходу", "Обсяг фінансування", "Профінансовано"],
        ["2. Ремонт доріг", "Ямковий ремонт", "100,0", "90,0"],
    ]
    rep = report(table, INDICATORS)
    assert [(r.task_number, r.task) for r in rep.funding] == [("2", "Ремонт доріг")]


def test_row_with_an_unknown_label_summing_the_rows_above_is_an_inferred_total():
    table = [
        ["№ з/п", "Зміст заходу", "Виконавець", "Обсяг фінансування", "Профінансовано"],
        ["1", "Ремонт", "УКБ", "100,0", "90,0"],
        ["2", "Розмітка", "УКБ", "50,0", "40,0"],
        ["Загалом по програмі", L, L, "150,0", "130,0"],
    ]
    rep = report(table, INDICATORS)
    assert [r.kind.value for r in rep.funding] == ["measure", "measure", "total"]
    assert rep.funding[2].measure == "Загалом по програмі" and rep.funding[2].planned == Decimal("150.0")
    found = warnings_of(rep, "inferred-total")
    assert [w.path for w in found] == ["funding[2]"]
    assert "'Загалом по програмі'" in found[0].message and "sum of the 2 measure rows above" in found[0].message


def test_row_summing_one_task_under_its_measures_is_an_inferred_subtotal():
    table = [
        ["№ з/п", "Завдання", "Зміст заходу", "Обсяг фінансування", "Профінансовано"],
        ["1.", "Дороги", "1.1 Ремонт", "100,0", "90,0"],
        [U, U, "1.2 Розмітка", "50,0", "40,0"],
        ["Підсумок", L, L, "150,0", "130,0"],
        ["2.", "Світло", "2.1 Лампи", "10,0", "10,0"],
        [U, U, "2.2 Опори", "20,0", "10,0"],
        ["Підсумок", L, L, "30,0", "20,0"],
        ["Загалом", L, L, "180,0", "150,0"],
    ]
    rep = report(table, INDICATORS)
    assert [r.kind.value for r in rep.funding] == ["measure", "measure", "subtotal", "measure", "measure",
                                                   "subtotal", "total"]
    assert len(warnings_of(rep, "inferred-total")) == 3
    assert not warnings_of(rep, "total-sum-mismatch")


def test_last_unlabelled_row_near_the_sum_is_a_total_by_its_place_and_checked():
    table = [
        ["№ з/п", "Зміст заходу", "Обсяг фінансування", "Профінансовано"],
        ["1", "Ремонт", "100,0", "90,0"],
        ["2", "Розмітка", "50,0", "40,0"],
        ["Підсумок", L, "155,0", "130,0"],
    ]
    rep = report(table, INDICATORS)
    assert rep.funding[-1].kind.value == "total"
    assert "closes the table" in warnings_of(rep, "inferred-total")[0].message
    assert [w.path for w in warnings_of(rep, "total-sum-mismatch")] == ["funding[2]"]


def test_unnumbered_measure_not_summing_the_rows_above_stays_a_measure():
    table = [
        ["№ з/п", "Зміст заходу", "Обсяг фінансування", "Профінансовано"],
        ["1", "Ремонт", "100,0", "90,0"],
        ["", "Поточний ремонт тротуарів", "30,0", "20,0"],
        ["2", "Розмітка", "50,0", "40,0"],
    ]
    rep = report(table, INDICATORS)
    assert [r.kind.value for r in rep.funding] == ["measure"] * 3
    assert not warnings_of(rep, "inferred-total")


def test_poltava_plan_for_three_years_against_one_year_actual_is_not_comparable():
    table = [
        ["№ з/п", "Перелік заходів", "Обсяг фінансування, тис. грн", L, L,
         "Фактично профінансовано станом на 01.07.2022, тис. грн", "Відсоток виконання, %"],
        [U, U, "2021 рік", "2022 рік", "2023 рік", "2022 рік", U],
        ["1.1", "Спортивні заходи", "850,0", "900,0", "950,0", "312,4", "34,7%"],
        ["1.2", "Майданчики", "420,0", "460,0", "480,0", "–", "–"],
    ]
    rep = report(table, INDICATORS)
    row = rep.funding[0]
    assert row.planned == Decimal("2700.0") and row.derived == ["planned"]  # the one 2022 actual column is printed
    found = warnings_of(rep, "not-comparable")
    assert [w.path for w in found] == ["funding[0]"]
    assert "2021, 2022, 2023" in found[0].message and "covers 2022 only" in found[0].message
    assert not warnings_of(rep, "percent-vs-amounts")


def test_percent_against_a_plan_of_more_years_is_checked_against_the_actual_years_only():
    table = [
        ["№ з/п", "Перелік заходів", "Обсяг фінансування, тис. грн", L, "Фактично профінансовано, тис. грн",
         "Відсоток виконання, %"],
        [U, U, "2021 рік", "2022 рік", "2022 рік", U],
        ["1.1", "Спортивні заходи", "1000,0", "500,0", "250,0", "25,0"],
    ]
    rep = report(table, INDICATORS)
    message = warnings_of(rep, "percent-vs-amounts")[0].message
    assert "250 of 500" in message and "50.0 %" in message


def test_heading_row_labelled_with_a_word_the_vocabulary_lacks_opens_a_numbered_task():
    table = [
        ["№ з/п", "Назва заходу", "Обсяг фінансування", "Профінансовано"],
        ["Ціль 2. Безпечні дороги", L, L, L],
        ["2.1", "Розмітка", "50,0", "40,0"],
    ]
    rep = report(table, INDICATORS)
    assert [(r.task_number, r.task, r.number) for r in rep.funding] == [("2", "Безпечні дороги", "2.1")]


def test_sum_row_of_a_single_measure_task_labelled_like_the_sum_rows_above_is_a_subtotal():
    table = [
        ["№ з/п", "Завдання", "Зміст заходу", "Обсяг фінансування", "Профінансовано"],
        ["1.", "Дороги", "1.1 Ремонт", "100,0", "90,0"],
        [U, U, "1.2 Розмітка", "50,0", "40,0"],
        ["Підсумок за напрямом 1", L, L, "150,0", "130,0"],
        ["2.", "Світло", "Заміна ламп", "10,0", "10,0"],
        ["Підсумок за напрямом 2", L, L, "10,0", "10,0"],
    ]
    rep = report(table, INDICATORS)
    assert [r.kind.value for r in rep.funding] == ["measure", "measure", "subtotal", "measure", "subtotal"]
    assert "opens like the sum rows above" in warnings_of(rep, "inferred-total")[1].message


def test_verbal_noun_headers_are_not_amounts():
    """unlabelled-sums-verbal-noun-headers-grn: "Рік виконання" and "Ступінь виконан ня" (a word a narrow PDF cell
    broke) name the doing, not an amount: a column of years is the term, of actual / planned × 100 the percent,
    and the amounts under "Сплачено" (no word the vocabulary knows) are actual by their place."""
    table = [
        ["№ з/п", "Зміст заходу", "Рік виконання", "Обсяг видатків, затверджений програмою, грн", "Сплачено, грн",
         "Ступінь виконан ня"],
        ["1", "Ремонт даху", "2021", "200,00", "150,00", "75,0"],
        ["2", "Заміна вікон", "2022", "50,00", "50,00", "100,0"],
    ]
    rep = report(table, INDICATORS)
    assert [(r.term, r.planned, r.actual, r.percent) for r in rep.funding] == [
        ("2021", Decimal("200.00"), Decimal("150.00"), Decimal("75.0")),
        ("2022", Decimal("50.00"), Decimal("50.00"), Decimal("100.0"))]
    assert not warnings_of(rep, "unknown-column")


def test_long_text_column_left_of_the_measures_is_the_task():
    """repeated-goal-cells-unlabelled-total-no-indicators: a task column under a header the vocabulary lacks,
    left of the measures (known or not), is the task."""
    known_measure = [
        ["№ з/п", "Мета", "Зміст заходу", "Обсяг фінансування", "Профінансовано"],
        ["1.", "1. Доступна первинна медична допомога", "1.1 Придбання автомобілів", "100,0", "90,0"],
        ["2.", "2. Профілактика захворювань населення", "2.1 Скринінгові обстеження", "50,0", "40,0"],
    ]
    rep = report(known_measure, INDICATORS)
    assert [(r.task_number, r.task) for r in rep.funding] == [
        ("1", "Доступна первинна медична допомога"), ("2", "Профілактика захворювань населення")]
    both_unknown = [
        ["№ з/п", "Напрям використання коштів", "Перелік робіт", "Обсяг фінансування", "Профінансовано"],
        ["1.", "Капітальний ремонт вулично-дорожньої мережі", "1.1 Ремонт проїзної частини вулиці", "100,0", "90,0"],
        [U, U, "1.2 Ремонт тротуарів з пандусами", "50,0", "40,0"],
    ]
    rep = report(both_unknown, INDICATORS)
    assert [(r.task, r.measure) for r in rep.funding] == [
        ("Капітальний ремонт вулично-дорожньої мережі", "Ремонт проїзної частини вулиці"),
        ("Капітальний ремонт вулично-дорожньої мережі", "Ремонт тротуарів з пандусами")]


def test_indicator_table_under_unknown_headers_read_by_content_and_place():
    """unlabelled-sums-verbal-noun-headers-grn: name, unit, planned, actual and reason of an indicator table
    whose headers the vocabulary lacks (but for the number and the remedy)."""
    funding = [["№ з/п", "Зміст заходу", "Обсяг фінансування", "Профінансовано"], ["1", "Ремонт", "10,0", "9,0"]]
    indicators = [
        ["№ з/п", "Назва індикатора", "Одиниця вимірювання", "Цільове значення", "Отримане значення",
         "Обґрунтування відхилень", "Що зроблено для виконання"],
        ["1", "Кількість відремонтованих закладів освіти", "од.", "12", "10", "Зрив поставок матеріалів",
         "Укладено нові договори"],
        ["2", "Кількість придбаних ноутбуків для вчителів", "шт.", "300", "300", "", ""],
    ]
    rep = report(funding, indicators)
    assert [(i.name, i.unit, i.planned, i.actual, i.reason, i.remedy) for i in rep.indicators] == [
        ("Кількість відремонтованих закладів освіти", "од.", Decimal("12"), Decimal("10"),
         "Зрив поставок матеріалів", "Укладено нові договори"),
        ("Кількість придбаних ноутбуків для вчителів", "шт.", Decimal("300"), Decimal("300"), None, None)]
    assert not warnings_of(rep, "table-not-found")


def test_unlabelled_sum_rows_under_each_task_are_subtotals():
    """unlabelled-sums-verbal-noun-headers-grn: a row of amounts only under a task's measures is its subtotal,
    also when one measure alone prints an actual and when the task has one measure."""
    table = [
        ["№ з/п", "Завдання", "Зміст заходу", "Обсяг фінансування", "Профінансовано"],
        ["1.", "Дороги", "1.1 Ремонт", "100,0", "90,0"],
        [U, U, "1.2 Розмітка", "50,0", "–"],
        ["", L, L, "150,0", "90,0"],
        ["2.", "Світло", "2.1 Лампи", "10,0", "10,0"],
        ["", L, L, "10,0", "10,0"],
        ["Загальна сума", L, L, "160,0", "100,0"],
    ]
    rep = report(table, INDICATORS)
    assert [r.kind.value for r in rep.funding] == ["measure", "measure", "subtotal", "measure", "subtotal", "total"]
    assert not warnings_of(rep, "total-sum-mismatch")


def test_columns_split_by_source_under_unknown_headers_take_the_group_field():
    """A planned and an actual header the vocabulary lacks, each over a total and two funding sources: every
    column of a group takes the group's field (the sources as breakdown parts, "Усього" as the printed total)."""
    table = [
        ["№ з/п", "Зміст заходу", "Потреба в коштах, тис. грн", L, L, "Надійшло коштів, тис. грн", L, L],
        [U, U, "Усього", "державний бюджет", "міський бюджет", "Усього", "державний бюджет", "міський бюджет"],
        ["1", "Ремонт даху", "300,0", "100,0", "200,0", "250,0", "100,0", "150,0"],
        ["2", "Заміна вікон", "50,0", "–", "50,0", "40,0", "–", "40,0"],
    ]
    rep = report(table, INDICATORS)
    row = rep.funding[0]
    assert (row.planned, row.actual, row.derived) == (Decimal("300.0"), Decimal("250.0"), [])
    assert [(b.funding_source, b.planned, b.actual) for b in row.breakdown] == [
        ("державний бюджет", Decimal("100.0"), Decimal("100.0")), ("міський бюджет", Decimal("200.0"), Decimal("150.0"))]
    assert not warnings_of(rep, "unknown-column")


def test_razom_summing_every_task_is_the_total_and_repeated_task_cells_are_one_task():
    """A "Разом" row (a subtotal label naming no task) whose amounts are the sum of several tasks is the total;
    a sum row under measures whose task cell is repeated on every row sums one task: a subtotal."""
    table = [
        ["№ з/п", "Завдання", "Зміст заходу", "Обсяг фінансування", "Профінансовано"],
        ["1.", "Дороги", "1.1 Ремонт", "100,0", "90,0"],
        ["1.", "Дороги", "1.2 Розмітка", "50,0", "40,0"],
        ["Сума по напряму", L, L, "150,0", "130,0"],
        ["2.", "Світло", "2.1 Лампи", "10,0", "10,0"],
        ["2.", "Світло", "2.2 Опори", "20,0", "10,0"],
        ["Сума по напряму", L, L, "30,0", "20,0"],
        ["Разом коштів", L, L, "180,0", "150,0"],
    ]
    rep = report(table, INDICATORS)
    assert [r.kind.value for r in rep.funding] == ["measure", "measure", "subtotal", "measure", "measure",
                                                   "subtotal", "total"]


def test_percent_column_checked_against_the_sums_of_year_columns():
    table = [
        ["№ з/п", "Зміст заходу", "2021 рік", L, "2022 рік", L, "Ступінь реалізації"],
        [U, U, "план", "факт", "план", "факт", U],
        ["1", "Ремонт даху", "100,0", "50,0", "100,0", "100,0", "75,0"],
        ["2", "Заміна вікон", "40,0", "40,0", "60,0", "30,0", "70,0"],
    ]
    rep = report(table, INDICATORS)
    assert [r.percent for r in rep.funding] == [Decimal("75.0"), Decimal("70.0")]


def test_text_columns_content_cannot_tell_are_named_by_header_word_stems():
    """"Відповідальна особа" over names of people is the executor, "Строки" over quarters the term: the last
    resort after content and place, named in an inferred-column warning."""
    table = [
        ["№ з/п", "Зміст заходу", "Строки", "Відповідальна особа", "Обсяг фінансування", "Профінансовано"],
        ["1", "Ремонт даху школи", "І квартал", "Петренко І.П.", "100,0", "90,0"],
        ["2", "Заміна вікон", "ІІ квартал", "Коваль В.М.", "50,0", "50,0"],
    ]
    rep = report(table, INDICATORS)
    assert [(r.term, r.executor) for r in rep.funding] == [("І квартал", "Петренко І.П."), ("ІІ квартал", "Коваль В.М.")]
    messages = inferred(rep)
    assert "'строк'" in messages[0] and "'відповідальн'" in messages[1]
    assert not warnings_of(rep, "unknown-column")


def test_percent_beside_source_groups_without_totals_is_checked_against_their_sums():
    """Unknown planned and actual headers over two funding sources each, no total column: the percent column
    (a verbal noun, "Освоєння") is told by actual / planned × 100 of the groups' sums."""
    table = [
        ["№ з/п", "Зміст заходу", "Заплановані кошти", L, "Використані кошти", L, "Освоєння"],
        [U, U, "міський бюджет", "обласний бюджет", "міський бюджет", "обласний бюджет", U],
        ["1", "Ремонт даху", "100,0", "100,0", "50,0", "100,0", "75,0"],
        ["2", "Заміна вікон", "40,0", "–", "30,0", "–", "75,0"],
    ]
    rep = report(table, INDICATORS)
    assert [(r.planned, r.actual, r.percent) for r in rep.funding] == [
        (Decimal("200.0"), Decimal("150.0"), Decimal("75.0")), (Decimal("40.0"), Decimal("30.0"), Decimal("75.0"))]


def test_tables_whose_only_known_header_is_the_number_are_found_by_head_word_stems():
    """Only "№ з/п" is a vocabulary phrase; "Напрям", "Рік", "Установа" name the task, term and executor by the
    stems of their first words, so the header is found and the rest read from content and place; the indicator
    table likewise ("Індикатор", "Вимір")."""
    funding = [
        ["№ з/п", "Напрям", "Перелік робіт", "Рік", "Установа", "Сума за програмою, грн", "Оплачено, грн", "Частка"],
        ["1.", "Капітальний ремонт вулично-дорожньої мережі", "1.1 Ремонт проїзної частини вулиці Винниченка",
         "2021", "Департамент ЖКГ", "200,00", "150,00", "75,0"],
        [U, U, "1.2 Ремонт тротуарів по вулиці Ковельській", "2022", "Департамент ЖКГ", "100,00", "50,00", "50,0"],
    ]
    indicators = [
        ["№ з/п", "Індикатор", "Вимір", "Ціль", "Результат"],
        ["1", "Кількість відремонтованих вулиць міста", "од.", "12", "10"],
        ["2", "Площа відремонтованих тротуарів міста", "м2", "3 000", "2 500"],
    ]
    rep = report(funding, indicators)
    assert [(r.task_number, r.number, r.term, r.executor, r.planned, r.actual, r.percent) for r in rep.funding] == [
        ("1", "1.1", "2021", "Департамент ЖКГ", Decimal("200.00"), Decimal("150.00"), Decimal("75.0")),
        ("1", "1.2", "2022", "Департамент ЖКГ", Decimal("100.00"), Decimal("50.00"), Decimal("50.0"))]
    assert [(i.unit, i.planned, i.actual) for i in rep.indicators] == [
        ("од.", Decimal("12"), Decimal("10")), ("м2", Decimal("3000"), Decimal("2500"))]


def test_task_heading_without_a_number_takes_it_from_its_measures():
    """A task heading row printed without its number ("Зміцнення матеріально-технічної бази"): the measures'
    numbers "1.1", "1.2" tell it."""
    table = [
        ["№ з/п", "Заходи програми", "Передбачено програмою", "Профінансовано"],
        ["Зміцнення матеріально-технічної бази", L, L, L],
        ["1.1.", "Придбання апарата", "100,0", "90,0"],
        ["1.2.", "Ремонт відділення", "50,0", "40,0"],
        ["Профілактика захворювань", L, L, L],
        ["2.1.", "Скринінг", "10,0", "10,0"],
    ]
    rep = report(table, INDICATORS)
    assert [(r.task_number, r.task, r.number) for r in rep.funding] == [
        ("1", "Зміцнення матеріально-технічної бази", "1.1"), ("1", "Зміцнення матеріально-технічної бази", "1.2"),
        ("2", "Профілактика захворювань", "2.1")]


# -- the classification and sum-row settings are reached through parse's settings --------------------------


def _report_with(extract_settings, *blocks):
    from dataclasses import replace

    from extractor.settings import default_settings

    return build_report(make_document(*blocks), SOURCE, settings=replace(default_settings(), extract=extract_settings))


def test_classify_settings_of_the_root_settings_reach_the_column_classifier():
    """The misspelt header is matched to the vocabulary phrase at the default similarity; asked for an exact match,
    it is not, and only a word of it in the other table's vocabulary classifies it."""
    from extractor.extract.classify import ClassifySettings
    from extractor.settings import ExtractSettings

    table = [
        ["№ з/п", "Зміст заходу", "Обсяг фінансування", "Фактичне фінансуванння"],
        ["1", "Ремонт даху", "100,0", "90,0"],
    ]
    tolerant = inferred(_report_with(ExtractSettings(), table, INDICATORS))
    strict = inferred(_report_with(ExtractSettings(classify=ClassifySettings(min_similarity=1.0)), table, INDICATORS))
    assert "close to the vocabulary phrase 'фактичне фінансування'" in tolerant[0]
    assert "close to the vocabulary phrase" not in strict[0] and "in the other table's vocabulary" in strict[0]


def test_funding_settings_of_the_root_settings_reach_the_sum_rows():
    """An unlabelled last row near the sum of two measures closes the table as its total by default; when the
    setting asks for three summed rows it is not a total by its place."""
    from extractor.extract.funding import FundingSettings
    from extractor.settings import ExtractSettings

    table = [
        ["№ з/п", "Зміст заходу", "Обсяг фінансування", "Профінансовано"],
        ["1", "Ремонт", "100,0", "90,0"],
        ["2", "Розмітка", "50,0", "40,0"],
        ["Підсумок", L, "155,0", "130,0"],
    ]
    assert _report_with(ExtractSettings(), table, INDICATORS).funding[-1].kind.value == "total"
    three = _report_with(ExtractSettings(funding=FundingSettings(min_summed_rows=3)), table, INDICATORS)
    assert three.funding[-1].kind.value != "total"


def test_extract_settings_refuse_a_part_of_the_wrong_kind():
    from extractor.extract.funding import FundingSettings
    from extractor.settings import ExtractSettings

    with pytest.raises(TypeError, match="ExtractSettings.classify must be a ClassifySettings"):
        ExtractSettings(classify=FundingSettings())
