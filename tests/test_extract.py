"""Extraction on small hand-made Documents: layouts of the genre beyond the samples."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from docbuild import LEFT as L, UP as U, make_document, make_table
from extractor.pipeline import build_report
from extractor.extract.columns import analyse_table
from extractor.extract import decision_lines
from extractor.extract.decisions import find_decisions
from extractor.extract.metadata import document_kind, find_title, read_signatory
from extractor.models import IndicatorGroup, Source

SOURCE = Source(file="test.docx", format="docx")

IND_HEADER = ["№ з/п", "Найменування показника", "Одиниця виміру", "План", "Факт", "Причини відхилення"]
INDICATORS = [IND_HEADER, ["1", "Кількість заходів", "од.", "10", "9", "Погода"]]


def report(*blocks):
    return build_report(make_document(*blocks), SOURCE)


def codes(rep):
    return [w.code for w in rep.warnings]


def test_years_split_into_plan_and_fact_under_each_year():
    table = [
        ["№", "Зміст заходу", "Обсяг фінансування, грн", L, L, L, "Виконавець"],
        [U, U, "2020 рік", L, "2021 рік", L, U],
        [U, U, "план", "факт", "план", "факт", U],
        ["1.1", "Ремонт", "1 000,00", "900,00", "2 000,00", "–", "КП «Дороги»"],
    ]
    rep = report(table, INDICATORS)
    row = rep.funding[0]
    assert [(b.year, b.planned, b.actual) for b in row.breakdown] == [
        (2020, Decimal("1000.00"), Decimal("900.00")),
        (2021, Decimal("2000.00"), None),
    ]
    assert row.planned == Decimal("3000") and row.actual == Decimal("900")
    assert rep.funding_unit == "грн"
    assert row.raw["breakdown[1].planned"] == "2 000,00"
    assert row.number == "1.1" and row.executor == "КП «Дороги»"


def test_task_heading_rows_and_measure_numbers_in_the_number_column():
    table = [
        ["№ з/п", "Назва заходу", "Термін виконання", "Передбачено, тис. грн", "Профінансовано, тис. грн"],
        ["Завдання 1. Ремонт доріг", L, L, L, L],
        ["1.1.", "Ямковий ремонт", "2021", "100,0", "90,0"],
        ["1.2.", "Розмітка", "2021-2022", "50,0", "50,0"],
        ["Завдання 2. Освітлення", L, L, L, L],
        ["2.1", "Заміна ламп", "2022", "10,0", "–"],
        ["Усього", L, L, "160,0", "140,0"],
    ]
    rep = report(table, INDICATORS)
    rows = [(r.kind.value, r.task_number, r.task, r.number, r.measure) for r in rep.funding]
    assert rows == [
        ("measure", "1", "Ремонт доріг", "1.1", "Ямковий ремонт"),
        ("measure", "1", "Ремонт доріг", "1.2", "Розмітка"),
        ("measure", "2", "Освітлення", "2.1", "Заміна ламп"),
        ("total", None, None, None, "Усього"),
    ]
    assert rep.funding[1].years == [2021, 2022]
    assert rep.funding_unit == "тис. грн"
    assert "total-sum-mismatch" not in codes(rep)


def test_subtotal_and_total_rows_are_told_apart_and_checked():
    table = [
        ["№", "Пріоритетні завдання", "Зміст заходів", "Обсяг фінансування", "Фактично профінансовано"],
        ["1.", "Завдання", "1.1 Захід", "10,0", "10,0"],
        [U, U, "1.2 Захід", "20,0", "20,0"],
        ["Разом за завданням 1", L, L, "30,0", "30,0"],
        ["Усього по Програмі", L, L, "35,0", "30,0"],
    ]
    rep = report(table, INDICATORS)
    assert [r.kind.value for r in rep.funding] == ["measure", "measure", "subtotal", "total"]
    mismatch = [w for w in rep.warnings if w.code == "total-sum-mismatch"]
    assert len(mismatch) == 1 and mismatch[0].path == "funding[3]"


def test_merged_task_cell_carries_down_and_unnumbered_measure_takes_task_number():
    table = [
        ["№", "Завдання", "Заходи", "План", "Факт", "%"],
        ["1.", "Безпека", "1.1 Камери", "5,0", "5,0", "100"],
        [U, U, "1.2 Сервер", "3,0", "1,5", "50,0"],
        ["2.", "Утримання", "Обслуговування системи", "2,0", "2,0", "100"],
    ]
    rep = report(table, INDICATORS)
    assert [(r.task_number, r.task, r.number) for r in rep.funding] == [
        ("1", "Безпека", "1.1"), ("1", "Безпека", "1.2"), ("2", "Утримання", "2")]
    assert not [w for w in rep.warnings if w.code == "percent-vs-amounts"]


def test_stacked_amounts_against_dash_listed_objects_split_into_object_rows():
    table = [
        ["№", "Завдання", "Заходи", "План", "Факт"],
        ["3.", "Відеонагляд на об'єктах:\n- школа № 1;\n\n- ліцей № 2", "Встановлення камер", "10,0\n\n20,0", "–\n\n15,0"],
    ]
    rep = report(table, INDICATORS)
    assert [(r.object, r.planned, r.actual, r.raw) for r in rep.funding] == [
        ("школа № 1", Decimal("10.0"), None, {"planned": "10,0", "actual": "–"}),
        ("ліцей № 2", Decimal("20.0"), Decimal("15.0"), {"planned": "20,0", "actual": "15,0"}),
    ]
    assert {r.task for r in rep.funding} == {"Відеонагляд на об'єктах:"}
    assert rep.funding[0].location == rep.funding[1].location


def test_percent_contradicting_amounts_is_a_warning_and_values_stay():
    table = [
        ["№", "Завдання", "Заходи", "План", "Факт", "Відсоток виконання"],
        ["1.", "Т", "1.1 А", "200,0", "100,0", "100"],
        [U, U, "1.2 Б", "–", "–", "100"],
        [U, U, "1.3 В", "200,0", "99,9", "50,0"],
    ]
    rep = report(table, INDICATORS)
    paths = [w.path for w in rep.warnings if w.code == "percent-vs-amounts"]
    assert paths == ["funding[0]", "funding[1]"]
    assert rep.funding[0].percent == Decimal("100")


def test_breakdown_not_summing_to_printed_total_is_a_warning():
    table = [
        ["№", "Заходи", "Планові обсяги фінансування", L, L],
        [U, U, "Усього", "міський бюджет", "обласний бюджет"],
        ["1", "Захід", "100,0", "60,0", "30,0"],
    ]
    rep = report(table, INDICATORS)
    row = rep.funding[0]
    assert row.planned == Decimal("100.0")
    assert [(b.funding_source, b.planned) for b in row.breakdown] == [
        ("міський бюджет", Decimal("60.0")), ("обласний бюджет", Decimal("30.0"))]
    assert [w.path for w in rep.warnings if w.code == "breakdown-sum-mismatch"] == ["funding[0]"]


def test_unknown_header_column_is_named_in_a_warning():
    table = [
        ["№", "Заходи", "План", "Факт", "Куратор напряму"],
        ["1", "Захід", "1,0", "1,0", "Іваненко"],
    ]
    rep = report(table, INDICATORS)
    unknown = [w for w in rep.warnings if w.code == "unknown-column"]
    assert len(unknown) == 1 and "Куратор напряму" in unknown[0].message


def test_document_without_tables_reports_table_not_found():
    rep = report("Інформація", "про виконання програми «Тест» на 2020-2021 роки")
    assert rep.funding == [] and rep.indicators == []
    missing = sorted(w.path for w in rep.warnings if w.code == "table-not-found")
    assert missing == ["funding", "indicators"]
    assert rep.program.name == "Тест"
    assert rep.program.period.start == 2020 and rep.program.period.end == 2021


def test_indicator_groups_with_arabic_numbers_and_text_values():
    table = [
        ["Показник", "Одиниця виміру", "Планове значення", "Фактичне значення"],
        ["1. Показники затрат", L, L, L],
        ["Обсяг видатків", "тис. грн", "10,0", "9,5"],
        ["2. Показники якості", L, L, L],
        ["Стан виконання", "-", "так", "в процесі"],
    ]
    rep = report(table)
    assert [(r.group, r.group_title) for r in rep.indicators] == [
        (IndicatorGroup.cost, "Показники затрат"), (IndicatorGroup.quality, "Показники якості")]
    last = rep.indicators[1]
    assert last.unit is None and last.planned is None and last.raw == {"planned": "так", "actual": "в процесі"}


def test_group_heading_cut_into_cells_by_a_reader_is_still_a_group_heading():
    """sources-in-that-number-under-three-header-rows, printed by Calc: a heading across the row that no drawn
    cell holds comes back cut at the column gutters ("ІІ. Показники" | "продукту" under the unit and the planned
    column); a row with no number, no name and no number among its values is that heading, not an indicator.
    A row with a name, or with a number under planned, stays an indicator."""
    table = [
        ["№", "Найменування показника", "Одиниця виміру", "Планове", "Фактичне"],
        ["І. Показники затрат", L, L, L, L],
        ["1", "Обсяг видатків", "тис. грн", "10,0", "9,5"],
        ["", "", "ІІ. Показники", "продукту", ""],
        ["1", "Кількість камер", "од.", "13", "10"],
        ["", "", "Показники", "12", "якості"],
    ]
    rep = report(table)
    assert [(r.group, r.number, r.name) for r in rep.indicators] == [
        (IndicatorGroup.cost, "1", "Обсяг видатків"), (IndicatorGroup.product, "1", "Кількість камер"),
        (IndicatorGroup.product, None, None)]
    assert rep.indicators[1].group_title == "Показники продукту"


def test_indicator_cell_spanning_reason_and_remedy_is_the_reason():
    table = [
        ["№", "Найменування показника", "Одиниця виміру", "Планове", "Фактичне", "Причини невиконання",
         "Що зроблено"],
        ["I. Показники продукту", L, L, L, L, L, L],
        ["1.", "Камери", "од.", "13", "10", "Не профінансовано", L],
        ["2.", "Сервери", "од.", "2", "2", "", "Виконано"],
    ]
    rep = report(table)
    assert [(r.number, r.reason, r.remedy) for r in rep.indicators] == [
        ("1", "Не профінансовано", None), ("2", None, "Виконано")]
    assert rep.indicators[0].planned == Decimal("13")


def test_headerless_table_right_after_funding_table_continues_it():
    first = make_table([
        ["№", "Заходи", "План", "Факт"],
        ["1", "1.1 А", "1,0", "1,0"],
    ], index=0)
    second = make_table([["", "1.2 Б", "2,0", "2,0"]], index=1)
    rep = report(first, second, make_table(INDICATORS, index=2))
    assert [r.number for r in rep.funding] == ["1.1", "1.2"]
    assert rep.funding[1].location.table == 1


def test_analyse_table_rejects_a_table_without_known_header():
    assert analyse_table(make_table([["Назва", "Значення"], ["а", "б"]])) is None


def test_decisions_in_every_printed_form_and_foreign_acts_skipped():
    lines = [
        "Програму затверджено рішенням міської ради від 23 грудня 2020 року № 112 (зі змінами від 25.03.2021 № 245/8 "
        "та від «17» грудня 2021 р. N 998/19), рішення № 1004-34/2017 від 01.02.2017.",
        "Відповідно до постанови Кабінету Міністрів України від 09.06.2021 № 590, від 10.06.2021 № 591 затверджено порядок.",
        "Зміни: рішення від 31.02.2019 № 77.",
    ]
    decisions, problems = find_decisions(lines)
    assert [(d.date, d.number) for d in decisions] == [
        (date(2020, 12, 23), "112"), (date(2021, 3, 25), "245/8"), (date(2021, 12, 17), "998/19"),
        (date(2017, 2, 1), "1004-34/2017"), (None, "77")]
    assert decisions[0].text == "від 23 грудня 2020 року № 112"
    assert len(problems) == 1 and "31.02.2019" in problems[0]


def test_invalid_decision_date_becomes_a_warning():
    rep = report("Програму затверджено рішенням від 31.02.2019 № 5", INDICATORS)
    assert "invalid-date" in codes(rep)
    assert rep.decisions[0].date is None and rep.decisions[0].number == "5"


def test_invalid_date_warning_names_the_printed_date_in_the_session_language():
    from extractor.i18n import using

    with using("uk"):
        rep = report("Програму затверджено рішенням від 31.02.2019 № 5", INDICATORS)
    message = next(w.message for w in rep.warnings if w.code == "invalid-date")
    assert message == "дати 31.02.2019 немає в календарі"


def test_title_kinds():
    assert document_kind("Звіт про виконання програми за 2019 рік").value == "annual"
    assert document_kind("Інформація про виконання програми за І півріччя 2020 року").value == "interim"
    assert document_kind("Заключний звіт про виконання програми").value == "final"
    assert document_kind("Програма розвитку") is None
    assert find_title(["ЗАТВЕРДЖЕНО", "ЗВІТ", "ПРО ВИКОНАННЯ ПРОГРАМИ «А»", "Текст звіту."]) == \
        "ЗВІТ ПРО ВИКОНАННЯ ПРОГРАМИ «А»"


def test_signatory_variants():
    s = read_signatory(["", "Начальник управління з питань", "ЦЗН міської ради", "", "М.В. Дідківський"])
    assert (s.position, s.name) == ("Начальник управління з питань ЦЗН міської ради", "М.В. Дідківський")
    s = read_signatory(["Начальник управління", "освіти ради\tОлена ДОВГАЛЬ", ""])
    assert (s.position, s.name) == ("Начальник управління освіти ради", "Олена ДОВГАЛЬ")
    s = read_signatory(["Директор департаменту                     Петренко П.П."])
    assert (s.position, s.name) == ("Директор департаменту", "Петренко П.П.")
    assert read_signatory(["Разом виконано 5 заходів."]) is None


def test_signature_in_a_borderless_table_after_the_data():
    sign = make_table([["Начальник управління освіти", "Іван ПЕТРЕНКО"]], index=1)
    rep = report(make_table(INDICATORS, index=0), sign)
    assert rep.signatory.name == "Іван ПЕТРЕНКО"
    assert rep.signatory.position == "Начальник управління освіти"


def test_passport_table_gives_executor_and_decisions():
    passport = make_table([
        ["1.", "Дата, номер рішення про затвердження програми", "рішення міської ради від 29.12.2016 № 508"],
        ["2.", "Відповідальний виконавець програми", "управління освіти"],
    ], index=0)
    rep = report("Звіт про виконання програми «Освіта» за 2020 рік", passport, make_table(INDICATORS, index=1))
    assert rep.program.responsible_executor == "управління освіти"
    assert [(d.date, d.number) for d in rep.decisions] == [(date(2016, 12, 29), "508")]
    assert rep.document.kind.value == "annual"


def test_header_synonyms_of_other_cities_map_to_the_same_fields():
    from extractor.extract.columns import FUNDING, INDICATORS

    funding = analyse_table(make_table([
        ["№ п/п", "Найменування заходу", "Строк виконання", "Відповідальний за виконання",
         "Запланований обсяг фінансування, грн", "Касове виконання, грн", "Рівень виконання, %", "Примітка"],
        ["1", "Захід", "2020", "УЖКГ", "1,0", "1,0", "100", ""],
    ]))
    assert funding.kind == FUNDING
    assert [c.field for c in funding.columns] == [
        "number", "measure", "term", "executor", "planned", "actual", "percent", "ignore"]
    indicators = analyse_table(make_table([
        ["№", "Показники", "Од. виміру", "Передбачено програмою", "Фактично досягнуте значення",
         "Пояснення причин відхилення", "Вжиті заходи"],
        ["1", "Показник", "од.", "1", "1", "", ""],
    ]))
    assert indicators.kind == INDICATORS
    assert [c.field for c in indicators.columns] == [
        "number", "name", "unit", "planned", "actual", "reason", "remedy"]


def test_every_vocabulary_phrase_keeps_its_words_when_folded():
    """A phrase whose fold loses a sign ("% виконання" → "виконання") would match far too much."""
    import yaml
    from importlib import resources

    from extractor.normalize.text import fold

    data = yaml.safe_load(resources.files("extractor.vocab").joinpath("headers.yaml").read_text(encoding="utf-8"))

    def phrases(node):
        if isinstance(node, dict):
            for v in node.values():
                yield from phrases(v)
        elif isinstance(node, list):
            for v in node:
                yield from phrases(v)
        else:
            yield node

    for phrase in phrases(data):
        key = fold(phrase)
        signs = [ch for ch in phrase if not ch.isalnum() and not ch.isspace() and ch not in "-/.,()"]
        assert key, phrase
        assert all(ch in key for ch in signs), f"{phrase!r} folds to {key!r}"


def test_measure_number_column_beside_task_number_column():
    table = [
        ["№ з/п", "Завдання програми", "№ заходу", "Перелік заходів", "Стан виконання, %",
         "Обсяг фінансування, тис. грн", "Фактично освоєно, тис. грн"],
        ["1.", "Медицина", "1.1", "Томограф", "75,7", "2 806,3", "2 123,8"],
        [U, U, "1.2", "Ремонт", "98,3", "464,6", "456,7"],
    ]
    rep = report(table, INDICATORS)
    assert [(r.task_number, r.number, r.measure, r.percent) for r in rep.funding] == [
        ("1", "1.1", "Томограф", Decimal("75.7")), ("1", "1.2", "Ремонт", Decimal("98.3"))]


def test_a_closing_razom_row_is_the_total_when_no_total_is_printed():
    table = [
        ["№", "Заходи", "План", "Факт"],
        ["1", "1.1 А", "1,0", "1,0"],
        ["Разом", L, "1,0", "1,0"],
    ]
    assert [r.kind.value for r in report(table, INDICATORS).funding] == ["measure", "total"]


def test_reversed_decisions_pair_each_number_with_its_own_date():
    decisions, _ = find_decisions([
        "Рішення про затвердження: № 67 від 24.12.2020, № 15/3 від 20 грудня 2021 року",
        "Програму затверджено рішенням від 29.12.2016 № 508, від 09.03.2017 № 564",
    ])
    assert [(d.number, d.date) for d in decisions] == [
        ("67", date(2020, 12, 24)), ("15/3", date(2021, 12, 20)),
        ("508", date(2016, 12, 29)), ("564", date(2017, 3, 9))]


def test_the_decision_an_annex_is_attached_to_is_not_a_program_decision():
    rep = report("Додаток 3", "до рішення виконавчого комітету", "від 15.02.2024 № 143",
                 "Звіт про виконання програми «Дороги» за 2023 рік",
                 "Програму затверджено рішенням міської ради від 20.12.2022 № 10", INDICATORS)
    assert rep.document.annex == "Додаток 3"
    assert [d.number for d in rep.decisions] == ["10"]


def test_signature_rows_glued_to_the_last_table_go_to_the_signatory():
    table = INDICATORS + [["Директор департаменту", "Ірина ПЕТРЕНКО"]]
    rep = report(table)
    assert len(rep.indicators) == 1
    assert (rep.signatory.position, rep.signatory.name) == ("Директор департаменту", "Ірина ПЕТРЕНКО")


def test_metadata_lines_run_together_in_one_paragraph_are_read_apart():
    rep = report("Звіт про виконання програми «Освіта» за 2021 рік",
                 "Відповідальний виконавець Програми: управління освіти\nТермін реалізації Програми: 2021-2023 роки",
                 INDICATORS)
    assert rep.program.responsible_executor == "управління освіти"


def test_header_words_broken_without_hyphen_are_glued_only_when_that_names_a_column():
    table = [
        ["№", "Заходи", "Термін\nвиконанн\nя", "Передбачено, тис. грн", L, "Фактичн\nе виконання"],
        [U, U, U, "міський\nі обласний", "державни\nй бюджет", U],
        ["1", "Захід", "2021", "1,0", "2,0", "3,0"],
    ]
    layout = analyse_table(make_table(table))
    fields = [(c.field, c.source) for c in layout.columns]
    assert fields[2] == ("term", None)
    assert fields[3] == ("planned", "міський і обласний")
    assert fields[4] == ("planned", "державний бюджет")
    assert fields[5] == ("actual", None)


def test_title_with_the_program_name_running_on_to_a_capitalised_line():
    assert find_title(["Заключний звіт про виконання Програми «Розвиток міста", "Луцька» на 2019-2021 роки",
                       "1. Основні дані"]) == "Заключний звіт про виконання Програми «Розвиток міста Луцька» на 2019-2021 роки"


def test_task_heading_row_then_its_single_measure_numbered_like_the_task():
    table = [
        ["№ з/п", "Зміст заходів", "План", "Факт"],
        ["3. Підтримка обдарованої молоді", L, L, L],
        ["3.", "Виплата премій", "4 698,8", "4 693,3"],
    ]
    rep = report(table, INDICATORS)
    assert [(r.task_number, r.task, r.number, r.measure) for r in rep.funding] == [
        ("3", "Підтримка обдарованої молоді", "3", "Виплата премій")]


def test_task_row_with_text_spanning_the_measure_and_money_columns():
    table = [
        ["№ з/п", "Найменування заходу", "Виконавці", "Обсяг фінансування, тис. грн", "Фактично профінансовано"],
        ["1.", "Розвиток первинної медичної допомоги", L, L, L],
        ["1.1", "Закупівля обладнання", "УОЗ", "10,0", "9,0"],
    ]
    rep = report(table, INDICATORS)
    assert [(r.task_number, r.task, r.number, r.measure) for r in rep.funding] == [
        ("1", "Розвиток первинної медичної допомоги", "1.1", "Закупівля обладнання")]


def test_flat_list_of_measures_without_a_task_column_has_no_task():
    table = [["№", "Назва заходу", "План", "Факт"], ["1", "Перший", "1,0", "1,0"], ["2", "Другий", "2,0", "2,0"]]
    rep = report(table, INDICATORS)
    assert [(r.task_number, r.number, r.measure) for r in rep.funding] == [(None, "1", "Перший"), (None, "2", "Другий")]


def test_unit_alone_in_a_header_row_is_header_and_gives_the_unit():
    table = [
        ["№", "Завдання", "Зміст заходу", "Передбачено на 2022 рік", "Фактично профінансовано"],
        [U, U, U, "тис. грн", L],
        ["1.", "Молодь", "1.1 Конкурс", "350,0", "350,0"],
    ]
    rep = report(table, INDICATORS)
    assert rep.funding_unit == "тис. грн"
    assert [r.number for r in rep.funding] == ["1.1"]
    assert "non-numeric-amount" not in codes(rep)


def test_years_by_sources_with_year_totals():
    table = [
        ["№", "Назва заходу", "Обсяг фінансування, тис. грн", L, L, L, L, L, "Фактично профінансовано, тис. грн"],
        [U, U, "2022 рік", L, L, "2023 рік", L, L, U],
        [U, U, "міський бюджет", "державний бюджет", "Усього", "міський бюджет", "державний бюджет", "Усього", U],
        ["1", "Ремонт", "100,0", "50,0", "150,0", "10,0", "–", "10,0", "120,0"],
    ]
    rep = report(table, INDICATORS)
    row = rep.funding[0]
    assert [(b.year, b.funding_source, b.planned) for b in row.breakdown] == [
        (2022, "міський бюджет", Decimal("100.0")), (2022, "державний бюджет", Decimal("50.0")),
        (2023, "міський бюджет", Decimal("10.0")), (2023, "державний бюджет", None)]
    assert row.planned == Decimal("160.0") and row.actual == Decimal("120.0")
    assert row.raw["planned[2022]"] == "150,0"


def test_decisions_listed_one_per_line_under_a_lead_in():
    decisions, _ = find_decisions([
        "Програму затверджено та змінено рішеннями міської ради:",
        "– від 19.12.2019 N 520/2589;",
        "– від 21.05.2020 № 530/2700.",
        "Мета програми – розвиток; наказ від 01.01.2020 № 1.",
    ])
    assert [d.number for d in decisions] == ["520/2589", "530/2700"]


def test_numbered_row_with_only_a_text_and_no_money_is_a_task_heading():
    table = [
        ["№ з/п", "Найменування заходу", "Виконавці", "Термін", "Обсяг фінансування", "Фактично профінансовано"],
        ["2.", "Забезпечення пільгових категорій", "", "", "", ""],
        ["2.1.", "Відшкодування вартості ліків", "УОЗ", "2023", "10,0", "–"],
    ]
    rep = report(table, INDICATORS)
    assert [(r.task_number, r.task, r.number) for r in rep.funding] == [
        ("2", "Забезпечення пільгових категорій", "2.1")]


def test_lines_typed_one_per_row_join_where_a_line_cannot_end():
    """A spreadsheet or a text typed line by line breaks a sentence after "від", "№", a comma or a word's
    hyphen ("Івано-"); the next line continues it though it starts with a digit or a capital."""
    from extractor.document import Paragraph
    from extractor.extract.lines import logical_lines

    lines = logical_lines([Paragraph(t) for t in (
        "Дата і номер рішення міської ради, яким затверджено Програму: від",
        "16.12.2021 № 345-21, від 20.04.2023 №",
        "112-35.",
        "Відповідальний виконавець Програми: управління з питань надзвичайних ситуацій Івано-",
        "Франківської міської ради",
        "Термін реалізації Програми: 2022-2024 роки",
        "1. Основні дані")])
    assert lines == [
        "Дата і номер рішення міської ради, яким затверджено Програму: від 16.12.2021 № 345-21, від 20.04.2023 № "
        "112-35.",
        "Відповідальний виконавець Програми: управління з питань надзвичайних ситуацій Івано-Франківської міської ради",
        "Термін реалізації Програми: 2022-2024 роки",
        "1. Основні дані"]


def test_signatory_name_glued_to_the_position_by_a_lost_gap():
    """Web pages of the generated layouts: a reader that loses the TAB between the position and the name
    ("…міської радиІрина ПЕТРЕНКО") still gives both."""
    s = read_signatory(["Начальник управління освіти", "Хмельницької міської радиІрина ПЕТРЕНКО"])
    assert (s.position, s.name) == ("Начальник управління освіти Хмельницької міської ради", "Ірина ПЕТРЕНКО")
    assert read_signatory(["Директор департаменту", "Луцької міської радиКоваль В.М."]).name == "Коваль В.М."


def test_decisions_named_only_in_the_title_sentence_are_read_and_stamps_above_it_are_not():
    """status-text-column-decision-in-title: "Інформація про виконання програми …, затвердженої рішенням … від …
    № … (зі змінами), за 2023 рік" names the program's decisions in its title and nowhere else; the stamp above
    the title names the act the report is attached to."""
    title = ("Інформація про виконання програми «Доступне житло» на 2022-2026 роки, затвердженої рішенням міської "
             "ради від 21.12.2021 № 12/345, зі змінами, внесеними рішенням від 31.08.2023 № 1490, за 2023 рік")
    lines = ["ЗАТВЕРДЖЕНО рішенням виконавчого комітету від 15.02.2024 № 143", title, "Відповідальний виконавець: УЖП"]
    decisions, _ = find_decisions(decision_lines(lines, title))
    assert [(d.date, d.number) for d in decisions] == [(date(2021, 12, 21), "12/345"), (date(2023, 8, 31), "1490")]
    assert decision_lines(lines, None) == lines


def test_a_list_of_decisions_whose_first_item_runs_into_its_lead_in_is_read_whole():
    """final-report-dash-listed-decisions-secretary-signs in layout text: the printed lines put the first
    "– від …" on the lead-in's line, so that line no longer ends with ":"; the items below are still the list's."""
    lines = ["Програму затверджено рішенням міської ради та змінено рішеннями: – від 19.12.2019 N 520/2589;",
             "– від 25.06.2021 № 611/2731; – від 16.12.2022 № 1004-34/2022.",
             "Відповідальний виконавець: управління економічного розвитку"]
    decisions, _ = find_decisions(lines)
    assert [(d.date, d.number) for d in decisions] == [
        (date(2019, 12, 19), "520/2589"), (date(2021, 6, 25), "611/2731"), (date(2022, 12, 16), "1004-34/2022")]
    # a lead-in that names one decision and ends in a period opens no list
    alone, _ = find_decisions(["Програму затверджено рішенням від 19.12.2019 № 520.", "– від 25.06.2021 № 611"])
    assert [d.number for d in alone] == ["520"]
