"""Tests for extractor.readers.txt_cells: one-cell-per-line text (LibreOffice's text export) regrouped into rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.document import Cell, Paragraph, Table
from extractor.readers.txt import read_txt
from extractor.readers.txt_cells import (
    AMOUNT,
    EMPTY,
    INTEGER,
    LOWER_TEXT,
    NOTE_REGROUPED,
    NUMBERED_TEXT,
    ORDINAL,
    PERCENT,
    ROMAN_TEXT,
    TEXT,
    YEAR,
    RegroupSettings,
    column_candidates,
    find_header_blocks,
    header_items,
    header_rows,
    line_kind,
    opens_breakdown_header,
    read_cell_blocks,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def export(rows: list[list[str | None]]) -> list[str]:
    """Write table rows the way LibreOffice's text export does.

    Each cell is one line per paragraph ("\\n" in the cell text); a cell
    covered by a vertical merge (None) is an empty line; a horizontally
    merged cell is simply one cell of the row.
    """
    out: list[str] = []
    for row in rows:
        for cell in row:
            out.extend([""] if cell is None else cell.split("\n"))
    return out


FUNDING_HEADER = [
    ["№ з/п", "Найменування завдання", "Перелік заходів", "Строк виконання", "Виконавці",
     "Обсяг фінансування, тис. грн", "Фактично профінансовано, тис. грн", "Відсоток виконання, %"],
    [None, None, None, None, None, "2021 рік", "2022 рік", "2023 рік", "2022 рік", None],
]
FUNDING_BODY = [
    ["1.", "Розвиток фізичної культури", "1.1 Проведення заходів", "2021-2023", "Управління спорту",
     "850,0", "900,0", "950,0", "312,4", "34,7%"],
    [None, None, "1.2 Організація роботи майданчиків", "2021-2023", "Управління спорту",
     "420,0", "460,0", "480,0", "218,6", "47,5%"],
    ["2.", "Розвиток спорту вищих досягнень", "2.1 Підготовка спортсменів", "2021-2023", "Управління спорту",
     "1 250,0", "1 400,0", "1 500,0", "1 225,0", "87,5%"],
    [None, None, "2.2 Виплата стипендій", "2022-2023", "Управління спорту", "–", "650,0", "700,0", "–", "0,0%"],
    ["3.", "Розвиток інфраструктури", "3.1 Ремонт стадіону", "2021-2022", "Управління будівництва",
     "2 400,0", "3 100,0", "–", "–", "–"],
]


def tables(blocks) -> list[Table]:
    return [b for b in blocks if isinstance(b, Table)]


def body_texts(table: Table) -> list[list[str]]:
    return [table.text_grid()[r.index] for r in table.rows if not r.is_header]


# -- 1. tokens ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, kind",
    [
        ("", EMPTY), ("   ", EMPTY), ("1.", ORDINAL), ("2.1", ORDINAL), ("IV.", ORDINAL), ("12", INTEGER),
        ("1 250,0", AMOUNT), ("–", AMOUNT), ("-3,5", AMOUNT), ("34,7%", PERCENT), ("2021-2023", YEAR),
        ("2022 рік", YEAR), ("1.1 Проведення заходів", NUMBERED_TEXT), ("ІІ. Показники продукту", ROMAN_TEXT),
        ("тис. грн", LOWER_TEXT), ("Управління освіти", TEXT), ("%", TEXT),
        ("Завдання 1. Енергоефективна модернізація", ROMAN_TEXT), ("Напрям №3: Дороги", ROMAN_TEXT),
        ("Завдання", TEXT), ("Завдання програми", TEXT), ("Показники затрат", ROMAN_TEXT),
        ("Показники продукту:", ROMAN_TEXT), ("Показники затрат на утримання мережі", TEXT),
        ("Пріоритет 1: Модернізація бази", ROMAN_TEXT), ("Ремонт 2 поверху", TEXT), ("протягом 2023 року", YEAR), ("ІІ квартал 2023 р.", YEAR), ("2022–2024 роки", YEAR), ("до 2025 року", YEAR),
    ],
)
def test_line_kinds(line, kind):
    assert line_kind(line) == kind


# -- 2. and 3. header -------------------------------------------------------------------------


def test_header_items_keep_a_cell_split_by_an_empty_paragraph_and_its_unit_lines():
    lines = ["№", "", "з/п", "Одиниця", "", "виміру", "Орієнтовний обсяг", "фінансування,", "тис. грн.", "", ""]
    assert header_items(lines) == ["№\nз/п", "Одиниця\nвиміру", "Орієнтовний обсяг\nфінансування,\nтис. грн.", "", ""]


def test_header_items_in_lower_case_that_name_a_column_are_cells_of_their_own():
    lines = ["Значення показника", "Причини", "", "", "планове", "фактичне", ""]
    assert header_items(lines) == ["Значення показника", "Причини", "", "", "планове", "фактичне", ""]


def test_header_items_a_percent_sign_alone_continues_a_cell_but_percent_and_words_open_one():
    lines = ["Відхилення (+/-), грн", "% виконання", "Відсоток виконання,", "%", "Обсяг", "(%)"]
    assert header_items(lines) == ["Відхилення (+/-), грн", "% виконання", "Відсоток виконання,\n%", "Обсяг\n(%)"]


def test_a_lower_header_row_of_units_only_adds_the_unit_to_the_cells_above():
    """"тис. грн" merged over the two money columns, the other cells covered by the upper row's."""
    lines = ["№ з/п", "Зміст заходу", "Термін виконання", "Передбачено на 2022 рік", "Фактично профінансовано",
             "Відсоток виконання", "", "", "", "тис. грн", ""]
    assert header_items(lines) == ["№ з/п", "Зміст заходу", "Термін виконання", "Передбачено на 2022 рік\nтис. грн",
                                   "Фактично профінансовано\nтис. грн", "Відсоток виконання"]


def test_a_total_row_first_under_the_header_ends_the_header():
    header = [["№ з/п", "Найменування заходу", "Строк виконання", "Відповідальні виконавці",
               "Передбачено програмою, тис. грн", "Фактично використано, тис. грн", "Рівень виконання, %"]]
    body = [["Всього по Програмі", "15 437,428", "15 262,962", "98,9%"],
            ["1.", "Реконструкція водогону", "2023", "ММКП «Миколаївводоканал»", "12 345,678", "11 998,102", "97,2%"],
            ["2.", "Заміна аварійних ділянок", "2023", "ММКП «Миколаївводоканал»", "2 150,500", "2 419,860", "112,5%"]]
    (block,) = find_header_blocks(export(header + body))
    assert block.body == 7
    (table,) = tables(read_cell_blocks("\n".join(export(header + body))))
    rows = [r for r in table.rows if not r.is_header]
    assert [(c.text, c.col, c.col_span) for c in rows[0].cells][0] == ("Всього по Програмі", 0, 4)
    assert body_texts(table)[1:] == body[1:]


def test_task_title_rows_end_the_header_and_are_full_width_rows():
    """A task title row ("Завдання 1. …") right under the header is the first body row, not a header cell."""
    header = [["№ з/п", "Найменування заходу", "Відповідальний виконавець", "Термін виконання",
               "Передбачено програмою, грн", "Фактично профінансовано, грн", "Відхилення (+/-), грн", "% виконання"]]
    body = [
        ["Завдання 1. Енергоефективна модернізація будівель"],
        ["1.1", "Термомодернізація будівлі ЗДО № 15", "Управління капітального будівництва", "2023",
         "4 856 320,00", "4 612 004,87", "-244 315,13", "95,0"],
        ["1.2", "Заміна віконних блоків", "Управління освіти", "2023", "1 234 567,89", "1 290 115,40", "55 547,51",
         "104,5"],
        ["Завдання 2. Розвиток відновлюваної енергетики"],
        ["2.1", "Встановлення сонячних електростанцій", "Управління освіти", "2023", "2 450 000,00",
         "2 449 999,99", "-0,01", "100,0"],
    ]
    (table,) = tables(read_cell_blocks("\n".join(export(header + body))))
    assert table.n_cols == 8
    rows = [r for r in table.rows if not r.is_header]
    assert [(c.text, c.col_span) for c in rows[0].cells] == [("Завдання 1. Енергоефективна модернізація будівель", 8)]
    assert [(c.text, c.col_span) for c in rows[3].cells] == [("Завдання 2. Розвиток відновлюваної енергетики", 8)]
    assert body_texts(table)[1] == body[1] and body_texts(table)[4] == body[4]


def test_two_header_rows_from_covered_cells_and_a_run_of_sub_headers_split_where_years_repeat():
    items = header_items(export(FUNDING_HEADER))
    assert column_candidates(items) == [10, 18]  # two rows, or all items in one row
    upper, lower = header_rows(items, 10)
    assert [(c.col, c.col_span, c.row_span) for c in upper] == [
        (0, 1, 2), (1, 1, 2), (2, 1, 2), (3, 1, 2), (4, 1, 2), (5, 3, 1), (8, 1, 1), (9, 1, 2)
    ]
    assert [(c.col, c.text) for c in lower] == [(5, "2021 рік"), (6, "2022 рік"), (7, "2023 рік"), (8, "2022 рік")]


def test_three_header_rows_stack_years_over_sources_under_the_money_headers():
    """Money headers over years over funding sources: each covered cell stands under the cell that covers it."""
    years = ["2022 рік", "2023 рік", "Усього"]
    sources = ["міський бюджет", "державний бюджет"] * 2
    header = [
        ["№ з/п", "Назва заходу", "Обсяг фінансування, тис. грн", "Фактично профінансовано, тис. грн", "Відсоток"],
        [None, None, *years, *years, None],
        [None, None, *sources, None, *sources, None, None],
    ]
    items = header_items(export(header))
    rows = header_rows(items, 13)
    assert [[(c.col, c.col_span, c.row_span, c.text) for c in row] for row in rows] == [
        [(0, 1, 3, "№ з/п"), (1, 1, 3, "Назва заходу"), (2, 5, 1, "Обсяг фінансування, тис. грн"),
         (7, 5, 1, "Фактично профінансовано, тис. грн"), (12, 1, 3, "Відсоток")],
        [(2, 2, 1, "2022 рік"), (4, 2, 1, "2023 рік"), (6, 1, 2, "Усього"),
         (7, 2, 1, "2022 рік"), (9, 2, 1, "2023 рік"), (11, 1, 2, "Усього")],
        [(c, 1, 1, t) for c, t in zip((2, 3, 4, 5, 7, 8, 9, 10), sources * 2)],
    ]


def test_header_block_ends_at_the_first_data_line_and_a_numbering_row_fixes_the_columns():
    lines = ["Вступ", *export([["№ з/п", "Зміст заходів", "Виконавці", "Обсяг фінансування"]]), "1", "2", "3", "4",
             "1.", "Захід", "Управління", "10,0"]
    (block,) = find_header_blocks(lines)
    assert (block.top, block.numbers, block.body, block.numbered) == (1, 5, 9, 4)


def test_a_row_naming_columns_above_a_later_header_opens_no_header_of_its_own():
    """The window of a row's lines reaches the next table's header names; the header itself names too few."""
    lines = ["3.3", "Забезпечення слуховими апаратами", "Бюджет міської територіальної громади",
             "Департамент охорони здоров’я", "2022", "1 038,4", "647,9", "62,4", "",
             "3. Виконання показників Програми", "№ з/п", "Найменування показника", "Одиниця виміру",
             "Передбачено програмою", "Фактично досягнуто", "Показники затрат", "1"]
    (block,) = find_header_blocks(lines)
    assert (block.top, block.body) == (10, 15)


def test_empty_lines_closing_a_header_are_the_empty_cells_of_a_group_heading_row():
    header = [["№ з/п", "Назва показника", "Одиниця виміру", "Планове значення", "Фактичне значення",
               "Причини невиконання"]]
    body = [
        [None, "Показники затрат", None, None, None, None],
        ["1", "Обсяг видатків на заходи програми", "тис. грн", "7 070,0", "4 191,1", "Фінансування за 9 місяців"],
        [None, "Показники продукту", None, None, None, None],
        ["2", "Кількість проведених фестивалів", "од.", "3", "2", "Один фестиваль заплановано на грудень"],
        ["3", "Кількість придбаних примірників книг", "од.", "5 000", "4 100", "Зміна постачальника"],
    ]
    (block,) = find_header_blocks(export(header + body))
    assert block.body == 6
    (table,) = tables(read_cell_blocks("\n".join(export(header + body))))
    assert table.n_cols == 6
    assert body_texts(table) == [[c or "" for c in row] for row in body]


def test_running_text_naming_columns_is_no_header():
    lines = ["Виконавці програми працювали добре.", "Завдання виконано.", "Заходи тривають.", "1.", "2."]
    assert find_header_blocks(["x" * 200, *lines[1:]]) == []
    assert read_cell_blocks("Звичайний текст\nбез таблиць\n") is None


# -- 4. rows ----------------------------------------------------------------------------------


def test_rows_regrouped_with_covered_cells_and_a_two_row_header():
    text = "\n".join(["Фінансування заходів", *export(FUNDING_HEADER + FUNDING_BODY), "Начальник управління"]) + "\n"
    blocks = read_cell_blocks(text)
    (table,) = tables(blocks)
    assert table.n_cols == 10
    assert [r.is_header for r in table.rows] == [True, True] + [False] * 5
    assert body_texts(table) == [[c or "" for c in row] for row in FUNDING_BODY]
    assert isinstance(blocks[0], Paragraph) and blocks[0].text == "Фінансування заходів"
    assert isinstance(blocks[-1], Paragraph) and blocks[-1].text == "Начальник управління"


def test_cells_of_several_paragraphs_stay_one_cell():
    header = [["№ з/п", "Зміст заходів", "Виконавці", "Обсяг фінансування", "Фактично профінансовано"]]
    body = [
        ["1.", "Придбання камер\nдля ліцею № 25", "Управління освіти", "20,0", "20,0"],
        ["2.", "Обслуговування системи", "КП «Інформаційний центр»\nміської ради", "1 732,4", "1 523,1"],
        ["3.", "Монтаж", "Управління\n\nкультури", "300,0", "–"],
    ]
    (table,) = tables(read_cell_blocks("\n".join(export(header + body))))
    assert body_texts(table) == [[c for c in row] for row in body]


def test_a_task_and_a_measure_of_several_paragraphs_are_cut_where_the_measure_opens_as_in_one_line_rows():
    """Two text columns side by side: where the task ends and the measure begins shows in the rows whose
    cells take one line each ("Придбання та встановлення …" opens a measure there)."""
    header = [["№ з/п", "Пріоритетні завдання", "Зміст заходів", "Виконавці", "Обсяг фінансування",
               "Фактично профінансовано"]]
    body = [
        ["1.", "Обслуговування системи", "Витрати на утримання системи", "КП «Центр»", "1 732,4", "1 523,1"],
        ["2.", "Створення системи в лікарнях", "Придбання та встановлення відеокамер", "Управління охорони здоров’я",
         "554,3", "–"],
        ["3.", "Створення\n\n(будівництво) системи в закладах культури", "Придбання та встановлення відеокамер\nРоботи провайдера.",
         "Управління культури", "300,0", "–"],
        ["4.", "Облаштування ліцею № 25\n(кошти з обласного бюджету)",
         "Придбання та встановлення камер\nМонтажні роботи.\nРоботи провайдера.", "Департамент освіти", "150,0", "150,0"],
    ]
    (table,) = tables(read_cell_blocks("\n".join(export(header + body))))
    assert [row[1:3] for row in body_texts(table)] == [row[1:3] for row in body]


def test_a_numbered_task_heading_is_its_number_and_a_text_over_the_rest_of_the_row():
    header = [["№ з/п", "Найменування заходу", "Виконавці", "Термін виконання", "Обсяг фінансування, тис. грн",
               "Фактично профінансовано, тис. грн", "Відсоток виконання"]]
    body = [
        ["1.", "Розвиток первинної медичної допомоги"],
        ["1.1.", "Придбання медичного обладнання", "Управління охорони здоров’я", "2023", "620,0", "155,0", "25,0"],
        ["1.2.", "Ремонт амбулаторії № 4", "КНП «ЦПМСД»", "2023", "1 340,0", "–", "–"],
        ["2.", "Забезпечення пільгових категорій населення"],
        ["2.1.", "Безоплатне зубопротезування", "Управління охорони здоров’я", "2023-2025", "480,0", "131,2", "27,3"],
    ]
    (table,) = tables(read_cell_blocks("\n".join(export(header + body))))
    rows = [r for r in table.rows if not r.is_header]
    assert len(rows) == 5
    assert [(c.text, c.col, c.col_span) for c in rows[0].cells] == [("1.", 0, 1), ("Розвиток первинної медичної допомоги", 1, 6)]
    assert body_texts(table)[1] == body[1]


TASK_COLUMN_HEADER = [["№ з/п", "Пріоритетні завдання", "Зміст заходів", "Термін виконання", "Виконавці",
                       "Обсяг фінансування, тис. грн", "Фактично профінансовано, тис. грн", "Відсоток виконання"]]


def test_measure_cells_opening_with_their_number_on_a_line_of_its_own_beside_a_task_column():
    """With a task column, "1." "Облаштування …" is the number and the task, not a numbered heading row, and
    "1.1." on a line of its own opens the measure cell ("1.1." "Ремонт …"); terms worded in full stay terms."""
    body = [
        ["1.", "Облаштування захисних споруд", "1.1.\nРемонт найпростіших укриттів", "ІІ квартал 2023 р.",
         "Управління з питань НС\nміської ради", "1 800,0", "1 260,4", "70,0"],
        [None, None, "1.2.\nОблаштування укриттів системами вентиляції", "2022–2024 роки",
         "Управління з питань НС\nміської ради", "2 600,0", "910,0", "35,0"],
        ["2.", "Розвиток системи оповіщення", "2.1.\nВстановлення електросирен", "2023 рік",
         "КП «Теплокомуненерго»\nУправління з питань НС", "740,0", "740,0", "100,0"],
        [None, None, "2.2.\nМодернізація системи оповіщення", "протягом 2023 року",
         "Управління з питань НС\nміської ради", "1 150,0", "–", "–"],
    ]
    (table,) = tables(read_cell_blocks("\n".join(export(TASK_COLUMN_HEADER + body))))
    assert body_texts(table) == [[c or "" for c in row] for row in body]


def test_a_lone_empty_line_between_two_rows_is_in_no_cell():
    """Where a page broke the table, an empty line stands between two rows; it is no trailing part of a value."""
    body = [
        ["1.", "Збереження культурної спадщини", "1.1 Реставрація фасаду", "2023", "Управління культури",
         "3 200,0", "1 450,0", "45,3"],
        [None, None, "1.2 Облаштування підсвітки", "2023", "КП «Міськсвітло»", "860,0", "860,0", "100,0"],
        ["2.", "Підтримка творчих колективів", "2.1 Проведення фестивалю", "2023", "Управління культури",
         "1 100,0", "1 020,3", "92,8"],
    ]
    lines = export(TASK_COLUMN_HEADER + body[:2]) + [""] + export(body[2:])
    (table,) = tables(read_cell_blocks("\n".join(lines)))
    assert body_texts(table) == [[c or "" for c in row] for row in body]


UNKNOWN_WORDINGS_HEADER = [["№ з/п", "Напрям використання коштів", "Перелік робіт", "Рік виконання",
                            "Відповідальна установа", "Обсяг видатків, затверджений програмою, грн", "Сплачено, грн",
                            "Ступінь виконання"]]


def test_a_header_of_wordings_the_vocabulary_lacks_and_rows_of_sums_under_an_empty_label():
    """The header counts its planned / actual / percent words; an empty line then one value per money column
    is a row of sums (the empty cell spans the columns left of the money), not more lines of the cell above."""
    body = [
        ["1.", "Капітальний ремонт доріг", "1.1 Ремонт вул. Винниченка", "2021", "Департамент ЖКГ",
         "1 999 418,90", "1 710 025,62", "85,5"],
        [None, None, "1.2 Ремонт тротуарів", "2021-2022", "Департамент ЖКГ", "3 148 992,51", "–", "–"],
        [None, "5 148 411,41", "1 710 025,62", "33,2"],
        ["2.", "Утримання доріг", "2.1 Ямковий ремонт", "2021-2023", "КП «Луцькдорсервіс»", "4 589 369,41", "–", "–"],
        [None, None, "2.2 Нанесення розмітки", "2021", "КП «Луцькдорсервіс»", "2 399 429,46", "1 437 474,70", "59,9"],
        [None, "6 988 798,87", "1 437 474,70", "20,6"],
    ]
    lines = export(UNKNOWN_WORDINGS_HEADER + body)
    (block,) = find_header_blocks(lines)
    assert (block.top, block.body) == (0, 8)
    (table,) = tables(read_cell_blocks("\n".join(lines)))
    rows = [r for r in table.rows if not r.is_header]
    assert len(rows) == 6
    assert [(c.col, c.col_span, c.text) for c in rows[2].cells] == [
        (0, 5, ""), (5, 1, "5 148 411,41"), (6, 1, "1 710 025,62"), (7, 1, "33,2")]
    assert [(c.col, c.text) for c in rows[5].cells][1:] == [(5, "6 988 798,87"), (6, "1 437 474,70"), (7, "20,6")]


def test_a_task_s_sums_and_the_total_s_swallowed_by_the_last_value_cell_are_rows_of_their_own():
    from extractor.readers.txt_cells import _RowCut, split_sums_row

    lines = ["4.2.", "Встановлення велопарковок", "2021", "КП «Луцькдорсервіс»", "4 100 289,08", "–", "–",
             "", "7 458 165,25", "3 172 832,25", "42,5", "", "33 078 348,10", "19 824 957,43", "59,9"]
    kinds = [line_kind(ln) for ln in lines]
    row = _RowCut(0, 15, [(0, 1, 0, 1), (1, 1, 1, 2), (2, 1, 2, 3), (3, 1, 3, 4), (4, 1, 4, 5), (5, 1, 5, 6),
                          (6, 1, 6, 15)])
    rows = split_sums_row(row, kinds, 7)
    assert [r.cells for r in rows] == [
        row.cells[:6] + [(6, 1, 6, 7)],
        [(0, 4, 7, 8), (4, 1, 8, 9), (5, 1, 9, 10), (6, 1, 10, 11)],
        [(0, 4, 11, 12), (4, 1, 12, 13), (5, 1, 13, 14), (6, 1, 14, 15)],
    ]
    stacked = _RowCut(0, 15, row.cells[:5] + [(5, 1, 5, 7), (6, 1, 7, 15)])  # another cell of several values
    assert split_sums_row(stacked, kinds, 7) == [stacked]


def test_a_header_of_unit_worded_cells_opened_by_a_known_column_is_found():
    lines = ["№ з/п", "Найменування об’єкта", "Терміни реалізації", "Структурний підрозділ",
             "Сума за програмою, тис. грн", "Видатки звітного року, тис. грн", "Рівень освоєння, %",
             "Пріоритет 1: Модернізація матеріально-технічної бази", "1.1.", "Ремонт покрівлі ліцею № 4", "2022",
             "Управління освіти", "924,2", "660,7", "71,5%"]
    (block,) = find_header_blocks(lines)
    assert (block.top, block.body) == (0, 7)


def test_column_roles_from_units_and_from_the_place_left_of_the_money():
    from extractor.readers.txt_cells import column_roles

    header = [[Cell(t, 0, c) for c, t in enumerate(["№ з/п", "Найменуван-ня напряму", "Учасники",
                                                    "Потреба в коштах, тис. грн", "Рівень виконан-ня, %"])]]
    assert column_roles(header, 5) == ["number", "words", "words", "amount", "percent"]


def test_amounts_stacked_line_by_line_in_every_money_cell_are_cut_evenly_between_the_money_columns():
    from extractor.readers.txt_cells import _RowCut, restack_values

    lines = ["6.", "Створення системи", "Управління", "", "міської ради", "",
             "704,0", "", "128,0", "120,0", "–", "", "–", "–", "–", "", "–", "–"]
    kinds = [line_kind(ln) for ln in lines]
    roles = ["number", "text", "text", "amount", "amount", "percent"]
    # cut by likelihood: the amounts went to the executor's cell
    row = _RowCut(0, 18, [(0, 1, 0, 1), (1, 1, 1, 2), (2, 1, 2, 10), (3, 1, 10, 11), (4, 1, 11, 14), (5, 1, 14, 18)])
    cut = restack_values(row, kinds, roles)
    assert [(col, lines[a:b]) for col, _, a, b in cut.cells][2:] == [
        (2, ["Управління", "", "міської ради", ""]),
        (3, ["704,0", "", "128,0", "120,0"]), (4, ["–", "", "–", "–"]), (5, ["–", "", "–", "–"]),
    ]
    # values that do not stack alike stay as they were cut
    uneven = _RowCut(0, 17, [(0, 1, 0, 1), (1, 1, 1, 2), (2, 1, 2, 10), (3, 1, 10, 11), (4, 1, 11, 14), (5, 1, 14, 17)])
    assert restack_values(uneven, kinds[:17], roles) == uneven


def test_group_headings_span_the_row_and_a_total_label_spans_the_text_columns():
    header = [["№ з/п", "Найменування показника", "Одиниця виміру", "Планове значення", "Фактичне значення"]]
    body = [
        ["І. Показники затрат"],
        ["1", "Обсяг видатків", "тис. грн", "8 450,5", "8 172,3"],
        ["2", "Обсяг видатків на ремонт", "тис. грн", "864,0", "851,2"],
        ["ІІ. Показники продукту"],
        ["1", "Протяжність мереж", "км", "2,4", "2,1"],
        ["2", "Кількість бюветів", "од.", "2", "1"],
        ["Усього", "9 316,9", "9 026,0"],
    ]
    (table,) = tables(read_cell_blocks("\n".join(export(header + body))))
    rows = [r for r in table.rows if not r.is_header]
    assert [[(c.col, c.col_span) for c in r.cells] for r in (rows[0], rows[3])] == [[(0, 5)], [(0, 5)]]
    assert [(c.col, c.col_span, c.text) for c in rows[-1].cells] == [
        (0, 3, "Усього"), (3, 1, "9 316,9"), (4, 1, "9 026,0")
    ]
    assert body_texts(table)[1] == ["1", "Обсяг видатків", "тис. грн", "8 450,5", "8 172,3"]


def test_a_signature_after_the_last_row_is_running_text():
    header = [["№ з/п", "Найменування показника", "Одиниця виміру", "Планове значення", "Фактичне значення",
               "Причини відхилення"]]
    body = [
        ["1.", "Кількість заходів", "од.", "120", "54", "Скасовано"],
        ["2.", "Кількість учасників", "осіб", "15 000", "4 320", ""],
        ["3.", "Частка населення", "%", "22,0", "18,5", ""],
    ]
    lines = export(header + body) + ["", "", "Начальник управління", "Полтавської міської ради\tОлена ДОВГАЛЬ"]
    blocks = read_cell_blocks("\n".join(lines))
    (table,) = tables(blocks)
    assert body_texts(table) == body
    assert [b.text for b in blocks if isinstance(b, Paragraph)][-2:] == [
        "Начальник управління", "Полтавської міської ради\tОлена ДОВГАЛЬ"
    ]


def test_settings_are_validated():
    with pytest.raises(ValueError):
        RegroupSettings(min_columns=1)
    with pytest.raises(ValueError):
        RegroupSettings(heading_share=1.5)
    with pytest.raises(ValueError):
        RegroupSettings(max_cell_lines=0)
    for bad in (dict(empty_paragraph_cost=0), dict(span_max_lines=0), dict(prior_even_share=1.0),
                dict(stray_line_cost=-1)):
        with pytest.raises(ValueError):
            RegroupSettings(**bad)


# -- the reader -----------------------------------------------------------------------------


def test_rivne_libreoffice_export_reads_its_tables_with_a_note():
    """samples/rivne-*.docx exported by LibreOffice as Text: every table comes back, rows inferred."""
    doc = read_txt((FIXTURES / "rivne-libreoffice-export.txt").read_bytes(), path="rivne.txt")
    codes = [code for code, _ in doc.notes]
    assert NOTE_REGROUPED in codes and "no-table-markup" not in codes
    funding, indicators = doc.tables
    assert funding.n_cols == 14 and indicators.n_cols == 6
    assert sum(r.is_header for r in funding.rows) == 3  # two header rows and the numbering row
    total = funding.rows[-1].cells
    assert (total[0].text, total[0].col_span, total[1].text) == ("Усього", 5, "21 137,0")
    headings = [r.cells[0].text for r in indicators.rows if len(r.cells) == 1]
    assert headings == ["I. Показники затрат", "II. Показники продукту", "III. Показники ефективності",
                        "IV. Показники якості"]


def test_a_run_of_sub_headers_is_cut_where_a_year_comes_again_after_a_total():
    from extractor.readers.txt_cells import _split_run

    assert _split_run(["2021 рік", "2022 рік", "2023 рік", "Усього", "2022 рік"], 2) == [4, 1]
    assert _split_run(["2022 рік", "2023 рік", "Усього", "2022 рік", "2023 рік", "Усього"], 2) == [3, 3]


def test_a_header_opened_by_the_number_column_may_name_the_others_in_unknown_words():
    """"№ з/п" then short cells the vocabulary lacks ("Індикатор", "Вимір", "Ціль"): a header, so the table
    above it ends there instead of running on through it."""
    lines = ["Звіт", "№ з/п", "Індикатор", "Вимір", "Ціль", "Результат", "Коментар",
             "І. Показники затрат", "1", "Обсяг видатків на ремонт доріг", "тис. грн", "8 123,5", "5 850,7", ""]
    (block,) = find_header_blocks(lines)
    assert (block.top, block.body) == (1, 7)
    assert find_header_blocks(["Звіт", "№ з/п", "Індикатор", "1", "Обсяг"]) == []


def test_an_indicator_table_s_unknown_columns_after_its_unit_are_not_text():
    from extractor.readers.txt_cells import column_roles

    header = [[Cell(t, 0, c) for c, t in enumerate(["№ з/п", "Показник результату", "Од. вим.", "Очікуване значення",
                                                    "Досягнуте значення", "Коментар"])]]
    roles = column_roles(header, 6)
    assert roles[0] == "number" and roles[2] == "unit" and roles[3] not in ("text", "words")



def test_a_task_cell_does_not_run_on_into_the_numbered_measure_beside_it():
    """A measure listing its objects on dash lines: "3.1 …" opens the measure cell, not one more task line."""
    body = [
        ["1.", "Утримання зелених насаджень", "1.1 Видалення аварійних дерев", "2023", "КП «Черкасизеленбуд»",
         "1 250,0", "1 187,5", "95,0"],
        ["3.", "Облаштування майданчиків",
         "3.1 Встановлення ігрових комплексів за адресами\n- вул. Гоголя, 250;\n- бульв. Шевченка, 117",
         "2023", "Департамент ЖКК", "312,0", "312,0", "100,0"],
        ["4.", "Ліквідація сміттєзвалищ", "4.1 Вивезення відходів", "2023", "КП «Служба чистоти»", "520,0", "518,3",
         "99,7"],
    ]
    (table,) = tables(read_cell_blocks("\n".join(export(TASK_COLUMN_HEADER + body))))
    assert [row[1:3] for row in body_texts(table)] == [row[1:3] for row in body]


def test_a_group_heading_after_a_row_ending_in_empty_cells_is_a_heading_not_an_item_number():
    header = [["№ з/п", "Назва індикатора", "Одиниця вимірювання", "Цільове значення", "Отримане значення",
               "Обґрунтування відхилень", "Що зроблено для виконання"]]
    body = [
        ["ІІ. Показники продукту"],
        ["1", "Площа відремонтованого покриття", "тис. м²", "1 379", "1 084", "Роботи перенесено", "Проведено закупівлю"],
        ["2", "Протяжність велосипедних доріжок", "км", "1 344", "828", None, None],
        ["ІІІ. Показники ефективності"],
        ["1", "Середня вартість ремонту 1 м² покриття", "грн", "4 317,9", "-", "Зростання вартості матеріалів", None],
        ["2", "Середня вартість світлофорного об’єкта", "тис. грн", "7 694,4", "6 973,5", "Зростання вартості", None],
        ["ІV. Показники якості"],
        ["1", "Частка доріг, що відповідають нормативам", "%", "87,8", "69,0", "Економія коштів", "Направлено претензію"],
    ]
    (table,) = tables(read_cell_blocks("\n".join(export(header + body))))
    rows = [r for r in table.rows if not r.is_header]
    assert [(c.col, c.col_span) for c in rows[3].cells] == [(0, 7)]
    assert body_texts(table)[4][:5] == body[4][:5]


STATUS_COLUMN_HEADER = [["№ з/п", "Назва напряму діяльності", "Перелік заходів програми", "Строк виконання заходу",
                         "Виконавці", "Передбачено на 2023 рік, тис. грн", "Фактично профінансовано, тис. грн",
                         "Стан виконання"]]
STATUS_COLUMN_BODY = [
    ["1.", "Забезпечення житлом", "1.1. Придбання квартир", "2023", "Управління соціального захисту",
     "4 800,0", "4 652,3", "Придбано 4 квартири"],
    [None, None, "1.2. Ремонт гуртожитку", "2023-2024", "Управління будівництва", "2 350,0", "1 120,5",
     "Роботи тривають"],
    ["2.", "Підтримка молодих сімей", "2.1. Компенсація відсотків", "2022-2026", "Управління житлової політики",
     "600,0", "318,0", "Виконано частково"],
]


def test_status_text_column_no_percent_decision_in_title_a_no_field_column_is_not_worded_into_values():
    """"Стан виконання" / "Очікуваний результат" right of the money: columns the vocabulary knows as holding no
    field hold text, though "виконан" and "очікуван" are actual / planned words; an unknown worded one holds values."""
    from extractor.readers.txt_cells import column_roles

    header = [[Cell(t, 0, c) for c, t in enumerate(
        ["№ з/п", "Перелік заходів", "Обсяг, тис. грн", "Фактично профінансовано, тис. грн",
         "Очікуваний результат", "Стан виконання", "Касові видатки"])]]
    assert column_roles(header, 7) == ["number", "text", "amount", "amount", None, None, "amount"]


@pytest.mark.parametrize("after", ["\n\nРезультативні показники програми\n", "\n"], ids=["paragraph", "file-end"])
def test_status_text_column_no_percent_decision_in_title_total_row_closing_with_an_empty_status_cell(after):
    """The last row "Усього", its two sums and an empty status cell, then the table's end (a paragraph, or the
    file's end): the sums stand in the money columns, not one column right (where the empty line would have
    been left to the running text)."""
    lines = export(STATUS_COLUMN_HEADER + STATUS_COLUMN_BODY + [["Усього", "7 750,0", "6 090,8", ""]])
    (table,) = tables(read_cell_blocks("\n".join(lines) + after))
    rows = [r for r in table.rows if not r.is_header]
    assert [(c.col, c.col_span, c.text) for c in rows[-1].cells] == [
        (0, 5, "Усього"), (5, 1, "7 750,0"), (6, 1, "6 090,8"), (7, 1, "")]
    assert body_texts(table)[:3] == [[t or "" for t in r] for r in STATUS_COLUMN_BODY]


def test_result_and_status_text_columns_unnumbered_indicators_group_rows_in_the_table_s_columns():
    """Group rows printed in the columns ("1", "затрат", then empty cells) over rows with an empty № cell: the
    table is regrouped, each group row its number, its name and empty cells."""
    header = [["№ з/п", "Показники", "Одиниця виміру", "Затверджено програмою", "Фактично досягнуто",
               "Причини відхилення"]]
    body = [
        ["1", "затрат", "", "", "", ""],
        ["", "Обсяг видатків на заходи програми", "тис. грн", "4 720,0", "3 762,6", "Закупівлю перенесено"],
        ["2", "продукту", "", "", "", ""],
        ["", "Кількість облаштованих укриттів", "од.", "12", "12", ""],
        ["", "Кількість встановлених генераторів", "од.", "16", "8", "Роботи тривають"],
        ["3", "ефективності", "", "", "", ""],
        ["", "Середня вартість одного укриття", "тис. грн", "200,0", "181,7", ""],
    ]
    text = "\n".join(["Результативні показники", *export(header + body), "", "", "Начальник управління"]) + "\n"
    (table,) = tables(read_cell_blocks(text))
    assert body_texts(table) == body


def test_is_group_row_needs_a_number_or_an_empty_cell_a_group_name_and_empty_cells_to_the_row_end():
    from extractor.readers.txt_cells import is_group_row

    def kinds(*lines):
        return [line_kind(t) for t in lines]

    assert is_group_row(kinds("1", "затрат", "", "", ""), 0, 5)
    assert is_group_row(kinds("", "Показники продукту", "", "", ""), 0, 5)
    assert is_group_row(kinds("2.", "якості", "", "", "", "1"), 0, 5)
    assert not is_group_row(kinds("1", "затрат", "", "", "7,5"), 0, 5)  # a value in the row
    assert not is_group_row(kinds("1", "Обсяг видатків", "", "", ""), 0, 5)  # no group's name
    assert not is_group_row(kinds("1", "затрат", "", ""), 0, 5)  # the lines end first


def test_result_and_status_text_columns_unnumbered_indicators_total_row_shapes():
    """A label, its values, then empty lines: as many label spans as empty lines could close the row."""
    from extractor.readers.txt_cells import total_row_shapes

    kinds = [line_kind(t) for t in ["Разом за програмою", "4 720,0", "3 762,6", "", "", "", "Підпис"]]
    assert total_row_shapes(kinds, 0, 10) == [(7, 4), (6, 5), (5, 6)]
    assert total_row_shapes(kinds, 0, 5) == [(2, 4)]
    assert total_row_shapes(kinds[:3], 0, 10) == []  # no empty cell after the sums: the plain label row reads it
    assert total_row_shapes([line_kind(t) for t in ["Разом", "", ""]], 0, 5) == []  # no sums


IN_THAT_NUMBER_HEADER = [
    ["№ з/п", "Зміст заходу", "Виконавець", "Термін виконання", "Обсяг фінансування, тис. грн",
     "Фактично профінансовано, тис. грн", "Відсоток виконання"],
    [None, None, None, None, "усього", "у тому числі:", "усього", "у т.ч.", None],
    [None, None, None, None, None, "міський бюджет", "інші джерела", None, "міський бюджет", "інші джерела", None],
]


def test_sources_in_that_number_under_three_header_rows_in_that_number_is_a_header_cell_of_its_own():
    assert all(opens_breakdown_header(t) for t in ("у тому числі:", "у т.ч.", "в тому числі", "з них:", "У т. ч."))
    assert not any(opens_breakdown_header(t) for t in ("тис. грн", "у тому числі за рахунок", "усього"))
    items = header_items(export(IN_THAT_NUMBER_HEADER))
    assert items[7:15] == ["", "", "", "", "усього", "у тому числі:", "усього", "у т.ч."]
    # a lower-case second paragraph of a cell still continues it
    assert header_items(["Обсяг фінансування,", "тис. грн", "Зміст", "заходу"]) == [
        "Обсяг фінансування,\nтис. грн", "Зміст\nзаходу"]


def test_sources_in_that_number_under_three_header_rows_column_count_from_the_stacked_header():
    """Three header rows, the № column merged down them: the count over which the items stack (11) is a
    candidate; neither all the items (one row) nor those from the first covered cell on (two rows) is right."""
    from extractor.readers.txt_cells import stacked_column_counts

    items = header_items(export(IN_THAT_NUMBER_HEADER))
    assert stacked_column_counts(items) == [11]
    assert 11 in column_candidates(items)
    body = [
        ["1.", "Облаштування пандусів", "Управління освіти", "2023", "850,0", "850,0", "–", "812,4", "812,4", "–",
         "95,6"],
        ["2.", "Встановлення тактильної плитки", "Управління ЖКГ", "2023-2025", "1 240,0", "740,0", "500,0",
         "1 015,7", "740,0", "275,7", "81,9"],
        ["3.", "Придбання автобусів", "КП «Луцьктранс»", "2023", "9 600,0", "4 800,0", "4 800,0", "9 600,0",
         "4 800,0", "4 800,0", "100,0"],
        ["Усього по програмі", "11 690,0", "6 390,0", "5 300,0", "11 428,1", "6 352,4", "5 075,7", "97,8"],
    ]
    text = "\n".join(["Виконання заходів", *export(IN_THAT_NUMBER_HEADER + body), "", "Підпис"]) + "\n"
    (table,) = tables(read_cell_blocks(text))
    assert table.n_cols == 11
    assert body_texts(table)[:3] == body[:3]
    header = [r for r in table.rows if r.is_header]
    assert [[(c.col, c.col_span, c.text) for c in r.cells] for r in header[1:]] == [
        [(4, 1, "усього"), (5, 2, "у тому числі:"), (7, 1, "усього"), (8, 2, "у т.ч.")],
        [(5, 1, "міський бюджет"), (6, 1, "інші джерела"), (8, 1, "міський бюджет"), (9, 1, "інші джерела")],
    ]
    assert [(c.col, c.col_span) for c in table.rows[-1].cells][:2] == [(0, 4), (4, 1)]


PASSPORT = ["1. Паспорт програми", "1.", "Найменування програми", "Міська цільова програма «Турбота»",
            "2.", "Дата, номер і назва розпорядчого документа", "Рішення міської ради від 23.12.2021 № 8/12/134",
            "3.", "Відповідальний виконавець програми", "управління соціальної політики",
            "4.", "Термін реалізації програми", "2022-2024 роки", ""]


def test_interim_task_heading_rows_subtotals_passport_table_numbered_label_value_rows():
    """A headerless passport table: each row a lone number, a label, a value (of one or more text lines)."""
    from extractor.readers.txt_cells import passport_rows

    assert passport_rows(PASSPORT) == [[(1, 2, 4), (4, 5, 7), (7, 8, 10), (10, 11, 13)]]
    two_line_value = PASSPORT[:9] + ["управління соціальної", "політики"] + PASSPORT[10:]
    assert passport_rows(two_line_value)[0][2] == (7, 8, 11)
    assert passport_rows(PASSPORT[:7] + ["", "Текст"]) == []  # two rows are no table
    # a data table's rows (terms and amounts after the text) are no passport
    data = ["1.", "Ремонт школи", "2023", "Управління освіти", "850,0", "2.", "Ремонт садка", "2023",
            "Управління освіти", "120,0", "3.", "Ремонт ліцею", "2023"]
    assert passport_rows(data) == []


def test_plan_by_year_with_total_actual_for_report_year_passport_table_before_the_data_table():
    body = [["1.", "Ремонт покрівлі", "2023", "Управління освіти", "850,0", "812,4", "95,6"],
            ["2.", "Заміна вікон", "2023", "Управління освіти", "420,0", "400,0", "95,2"]]
    header = [["№ з/п", "Зміст заходів", "Термін виконання", "Виконавці", "Обсяг фінансування, тис. грн",
               "Фактично профінансовано, тис. грн", "Відсоток виконання"]]
    text = "\n".join(["Звіт", *PASSPORT, "2. Виконання заходів", *export(header + body), "", "Підпис"]) + "\n"
    blocks = read_cell_blocks(text)
    passport, data = tables(blocks)
    assert (passport.index, data.index, passport.n_cols) == (0, 1, 3)
    assert [c.text for c in passport.rows[2].cells] == ["3.", "Відповідальний виконавець програми",
                                                         "управління соціальної політики"]
    assert body_texts(data) == body
    assert [b.text for b in blocks if isinstance(b, Paragraph)][:2] == ["Звіт", "1. Паспорт програми"]


def test_corpus_final_report_no_drawn_cells_an_empty_cell_merged_over_reason_and_remedy():
    """An indicator row without a reason and a remedy prints one empty cell over both: a single empty line
    closes the row, and the next row ("6.", …) is a row of its own, not more lines of the remedy."""
    header = [["№ з/п", "Найменування показника", "Одиниця виміру", "Планове значення показника",
               "Фактичне значення показника", "Причини невиконання", "Що зроблено для виправлення ситуації"]]
    body = [
        ["4.", "Кількість станцій моніторингу", "од.", "1", "-", "Захід не фінансувався", "Враховано у проєкті"],
        ["5.", "Кількість установ з доступом до моніторингу", "од.", "10", "12", ""],
        ["6.", "Кількість звернень про надання інформації", "од.", "220", "546", ""],
        ["7.", "Створення відомчих систем", "од.", "1", "-", "Захід не фінансувався", "Враховано у проєкті"],
    ]
    text = "\n".join(export(header + body) + ["", "Начальник управління"]) + "\n"
    (table,) = tables(read_cell_blocks(text))
    rows = [r for r in table.rows if not r.is_header]
    assert [(c.col, c.col_span, c.text) for c in rows[1].cells][-2:] == [(4, 1, "12"), (5, 2, "")]
    assert [c.text for c in rows[2].cells][:2] == ["6.", "Кількість звернень про надання інформації"]
    assert len(rows) == 4


def test_merged_empty_closes_row_only_over_text_columns_before_a_row_opening():
    from extractor.readers.txt_cells import merged_empty_closes_row

    kinds = [line_kind(t) for t in ["12", "", "6.", "Кількість"]]
    text_roles = ["number", "text", "unit", "amount", "amount", "text", "text"]
    assert merged_empty_closes_row(kinds, 1, 5, 7, text_roles)
    assert not merged_empty_closes_row(kinds, 1, 4, 7, text_roles)  # an amount column under it
    assert not merged_empty_closes_row([line_kind(t) for t in ["12", "", "Кількість"]], 1, 5, 7, text_roles)


def test_goal_heading_rows_limit_column_by_unit_and_place_a_worded_heading_ends_the_header():
    """A task heading worded with a word the vocabulary lacks ("Ціль 1. Капітальний ремонт …": a capitalised word,
    a number closed by a dot, a capitalised text) is a heading row over the table, not one more header cell."""
    assert line_kind("Ціль 1. Капітальний ремонт вулично-дорожньої мережі") == ROMAN_TEXT
    assert line_kind("Етап 2.1. Підготовчі роботи") == ROMAN_TEXT
    assert line_kind("Лікарня № 2. Заміна вікон") == TEXT and line_kind("Школа 5. ремонт") == TEXT
    header = [["№ з/п", "Найменування робіт", "Період", "Відповідальний", "Ліміт асигнувань, грн",
               "Фактичні витрати, грн", "Індекс виконання"]]
    body = [
        ["Ціль 1. Капітальний ремонт вулично-дорожньої мережі"],
        ["1.1.", "1.1 Капітальний ремонт проїзної частини", "2021", "Департамент ЖКГ", "920 371,68", "885 258,62",
         "96,2"],
        ["1.2.", "1.2 Капітальний ремонт тротуарів", "2021-2022", "Департамент ЖКГ", "232 143,34", "177 354,77",
         "76,4"],
        ["Ціль 2. Поточний ремонт та утримання доріг"],
        ["2.1.", "2.1 Ямковий ремонт", "2021-2023", "КП «Луцькдорсервіс»", "3 610 689,54", "1 893 873,96", "52,5"],
    ]
    (table,) = tables(read_cell_blocks("\n".join(export(header + body) + ["", "Підпис"]) + "\n"))
    assert table.n_cols == 7
    rows = [r for r in table.rows if not r.is_header]
    assert [[(c.col, c.col_span) for c in rows[k].cells] for k in (0, 3)] == [[(0, 7)], [(0, 7)]]
    assert body_texts(table)[1] == body[1]


def test_unlabelled_sums_verbal_noun_headers_grn_signature_right_after_the_table_stays_running_text():
    """The last indicator row closes with an empty reason and remedy and the signature follows with no empty
    paragraph between (a table exported from a web page): the row's two values stay one per column, not one
    cell of both ("87,8", "69,0", "", "") with the signature taken for the row's last cells."""
    header = [["№ з/п", "Назва індикатора", "Одиниця вимірювання", "Цільове значення", "Отримане значення",
               "Обґрунтування відхилень", "Що зроблено для виконання"]]
    body = [
        ["І. Показники затрат"],
        ["1", "Обсяг видатків на капітальний ремонт доріг", "тис. грн", "8 450,5", "8 172,3", "", ""],
        ["2", "Обсяг видатків на поточний ремонт доріг", "тис. грн", "3 085,0", "2 571,5", "", ""],
        ["3", "Обсяг видатків на заходи з безпеки руху", "тис. грн", "3 652,9", "3 758,1", "", ""],
        ["ІІ. Показники продукту"],
        ["1", "Площа відремонтованого покриття", "тис. м²", "1 379", "1 084", "Роботи перенесено",
         "Проведено повторну закупівлю"],
        ["2", "Кількість встановлених світлофорів", "од.", "678", "429", "Зростання вартості", "Проведено закупівлю"],
        ["3", "Протяжність велосипедних доріжок", "км", "1 344", "828", "", ""],
        ["ІІІ. Показники ефективності"],
        ["1", "Середня вартість ремонту 1 м² покриття", "грн", "4 317,9", "-", "Зростання вартості", ""],
        ["2", "Середня вартість одного світлофора", "тис. грн", "7 694,4", "6 973,5", "Зростання вартості", ""],
        ["ІV. Показники якості"],
        ["1", "Зменшення кількості пригод", "%", "83,3", "69,1", "Економія коштів", "Направлено претензію"],
        ["2", "Частка доріг, що відповідають нормативному стану", "%", "87,8", "69,0", "", ""],
    ]
    signature = ["Директор департаменту", "житлово-комунального господарства", "Луцької міської ради Коваль В.М."]
    blocks = read_cell_blocks("\n".join(export(header + body) + signature) + "\n")
    (table,) = tables(blocks)
    assert body_texts(table)[-1] == body[-1]
    assert [b.text for b in blocks if isinstance(b, Paragraph)][-3:] == signature
