"""Tests for extractor.readers.common.gutters: tables printed without rules, from their words' geometry.

The words are built here as an OCR engine or a PDF would give them: text
10 units high, 5 units per character, a word space of 2.5 units.
"""

from __future__ import annotations

from extractor.readers.common.gutters import find_gutter_tables
from extractor.readers.common.words import Word

CHAR = 5.0
SPACE = 2.5
PITCH = 12.0


def words_at(items: list[tuple[float, float, str]]) -> list[Word]:
    """Words of (x, line number, text) items; a text's words a space apart, lines ``PITCH`` apart."""
    out = []
    lines = sorted({line for _, line, _ in items})
    for x, line, text in items:
        for word in text.split(" "):
            top = 100 + line * PITCH
            out.append(Word(word, x, x + CHAR * len(word), top, top + 10, lines.index(line)))
            x += CHAR * len(word) + SPACE
    return out


def grid(found, row: int) -> list[tuple[int, int, str]]:
    return [(c.col, c.col_span, c.text) for c in found.header if c.row == row]


# columns: number, measure, executor, plan 2022, fact 2022; gutters of 10 units
X = (50, 75, 200, 300, 360)


def body(first: int) -> list[tuple[float, float, str]]:
    return [
        (X[0], first, "1."), (X[1], first, "Ремонт даху"), (X[2], first, "Управління"), (X[3], first, "120,0"),
        (X[4], first, "110,5"),
        (X[1], first + 1, "школи № 5"), (X[2], first + 1, "освіти"),
        (X[0], first + 2, "2."), (X[1], first + 2, "Заміна вікон"), (X[2], first + 2, "Управління"),
        (X[3], first + 2, "80,0"), (X[4], first + 2, "80,0"),
    ]


def test_a_header_cell_over_two_columns_spans_them_and_the_columns_under_it_are_its_sub_header():
    items = [
        (X[0], 0, "№"), (X[1], 0, "Назва заходу"), (X[2], 0, "Виконавці"), (298.75, 0, "Фінансування 2022"),
        (X[0], 1, "з/п"), (X[3], 1, "план"), (X[4], 1, "факт"),
        *body(2),
    ]
    (found,) = find_gutter_tables(words_at(items))
    assert found.n_cols == 5 and found.header_rows == 2
    assert grid(found, 0) == [(0, 1, "№\nз/п"), (1, 1, "Назва заходу"), (2, 1, "Виконавці"), (3, 2, "Фінансування 2022")]
    assert grid(found, 1) == [(3, 1, "план"), (4, 1, "факт")]
    # the edges lie in the gutters: every body word stands between the edges of its column
    e = found.edges
    assert e[0] < X[0] and X[0] + 10 < e[1] < X[1] and 75 + 60 < e[2] < X[2] and e[3] < X[3] < 325 < e[4] < X[4]
    assert found.body_top > 100 + PITCH + 10 - 0.01


def test_running_text_justified_with_wide_spaces_is_no_table():
    """Justified text spreads its words with equal gaps: columns of numbers it is not."""
    words = []
    for line, texts in enumerate([["від", "09.06.2021", "№", "590", "«Про", "порядок»"], ["на", "2021", "рік", "15", "000", "осіб"]] * 2):
        x = 50.0
        for t in texts:
            words.append(Word(t, x, x + CHAR * len(t), 100 + line * PITCH, 110 + line * PITCH, line))
            x += CHAR * len(t) + 14.0
    assert find_gutter_tables(words) == []


def test_a_group_heading_under_the_header_opens_the_body():
    items = [
        (X[0], 0, "№"), (X[1], 0, "Найменування показника"), (X[2], 0, "Одиниця"), (X[3], 0, "План"), (X[4], 0, "Факт"),
        (172.5, 1, "I. Показники затрат"),
        *body(2),
    ]
    (found,) = find_gutter_tables(words_at(items))
    assert found.header_rows == 1 and found.header_lines == {0}
    assert "Показники" not in " ".join(c.text for c in found.header)


def test_a_column_numbering_row_is_a_header_row_of_its_own():
    items = [
        (X[0], 0, "№"), (X[1], 0, "Зміст заходів"), (X[2], 0, "Виконавці"), (X[3], 0, "План"), (X[4], 0, "Факт"),
        (X[0], 1, "1"), (X[1], 1, "2"), (X[2], 1, "3"), (X[3], 1, "4"), (X[4], 1, "5"),
        *body(2),
    ]
    (found,) = find_gutter_tables(words_at(items))
    assert found.header_rows == 2
    assert [t for _, _, t in grid(found, 0)] == ["№", "Зміст заходів", "Виконавці", "План", "Факт"]
    assert [t for _, _, t in grid(found, 1)] == ["1", "2", "3", "4", "5"]


def test_a_column_named_in_the_header_and_empty_in_every_row_is_a_column():
    items = [
        (X[0], 0, "№"), (X[1], 0, "Зміст заходів"), (X[2], 0, "Виконавці"), (X[3], 0, "План"), (X[4], 0, "Факт"),
        (420, 0, "Примітка"),
        *body(1),
    ]
    (found,) = find_gutter_tables(words_at(items))
    assert found.n_cols == 6 and grid(found, 0)[-1] == (5, 1, "Примітка")


def test_a_title_over_the_table_in_larger_type_is_not_its_header():
    title = [Word(w, x, x + 9 * len(w), 76, 92, 0) for w, x in (("Фінансування", 120.0), ("заходів", 232.0))]
    items = [(X[0], 0, "№"), (X[1], 0, "Зміст заходів"), (X[2], 0, "Виконавці"), (X[3], 0, "План"), (X[4], 0, "Факт"), *body(1)]
    words = title + [Word(w.text, w.x0, w.x1, w.top, w.bottom, w.line + 1) for w in words_at(items)]
    (found,) = find_gutter_tables(words)
    assert 0 not in found.header_lines and grid(found, 0)[0] == (0, 1, "№")


def test_rows_of_a_table_going_on_from_the_page_before_have_no_header_here():
    """Wrapped text over a row of values at the top of a page is the end of a row, not a header."""
    items = [(X[1], 0, "та фасаду"), (X[2], 0, "культури"), *body(1)]
    assert find_gutter_tables(words_at(items)) == []


def test_a_section_heading_centred_over_the_header_is_not_a_spanning_header_cell():
    """'3. Фінансування заходів Програми' over the header, in the header's type, centred over middle columns."""
    items = [
        (210, 0, "3. Фінансування заходів"),
        (X[0], 1, "№"), (X[1], 1, "Зміст заходів"), (X[2], 1, "Виконавці"), (X[3], 1, "План"), (X[4], 1, "Факт"),
        *body(2),
    ]
    (found,) = find_gutter_tables(words_at(items))
    assert 0 not in found.header_lines and found.header_rows == 1
    assert [c.text for c in found.header] == ["№", "Зміст заходів", "Виконавці", "План", "Факт"]


def test_a_header_over_the_last_column_alone_may_run_out_of_the_table():
    """A narrow column of percents under a header wider than its values: the header is still the table's."""
    items = [
        (X[0], 0, "№"), (X[1], 0, "Зміст заходів"), (X[2], 0, "Виконавці"), (X[3], 0, "План"), (352, 0, "Рівень"),
        (X[0], 1, "з/п"), (331, 1, "виконання заходу,"),
        *body(2),
    ]
    (found,) = find_gutter_tables(words_at(items))
    assert found.n_cols == 5 and 0 in found.header_lines and 1 in found.header_lines
    assert grid(found, 0)[-1] == (4, 1, "Рівень\nвиконання заходу,")


def test_a_section_title_ends_the_header_upwards_and_the_running_text_above_it_is_not_looked_at():
    """A justified line whose wide spaces set a date apart ('від  11.03.2022  №  252') above the section title."""
    items = [
        (X[0], 0, "України"), (110, 0, "від"), (140, 0, "11.03.2022"), (210, 0, "№"), (230, 0, "252"), (260, 0, "видатки"),
        (150, 1, "2. Виконання заходів"),
        (X[0], 2, "№"), (X[1], 2, "Зміст заходів"), (X[2], 2, "Виконавці"), (X[3], 2, "План"), (X[4], 2, "Факт"),
        *body(3),
    ]
    (found,) = find_gutter_tables(words_at(items))
    assert sorted(found.header_lines) == [2] and grid(found, 0)[0] == (0, 1, "№")


def test_column_names_printed_a_word_space_apart_head_their_own_columns():
    items = [
        (X[0], 0, "№"), (X[1], 0, "Зміст заходів"), (X[2], 0, "Виконавці"), (302.5, 0, "Планове Фактичне"),
        (X[3], 1, "значення"), (X[4], 1, "значення"),
        *body(2),
    ]
    (found,) = find_gutter_tables(words_at(items))
    assert found.n_cols == 5
    assert [t for _, _, t in grid(found, 0)][-2:] == ["Планове\nзначення", "Фактичне\nзначення"]


def test_sub_headers_spaced_evenly_over_their_columns_are_header_not_justified_text():
    """"план факт план факт план факт" under year cells: equal gaps, like justified text, but each word over a
    column of its own."""
    xs = (50, 75, 200, 260, 320, 380, 440, 500)
    years = [(198.75 + 120 * k, 0, f"Фінансування {2021 + k}") for k in range(3)]
    values = ["10,0", "9,0", "12,0", "11,5", "7,0", "6,5"]
    items = [
        (xs[0], 0, "№"), (xs[1], 0, "Назва заходу"), *years,
        *[(x, 1, t) for x, t in zip(xs[2:], ["план", "факт"] * 3)],
        (xs[0], 2, "1."), (xs[1], 2, "Ремонт даху"), *[(x, 2, v) for x, v in zip(xs[2:], values)],
        (xs[0], 3, "2."), (xs[1], 3, "Заміна вікон"), *[(x, 3, v) for x, v in zip(xs[2:], reversed(values))],
    ]
    (found,) = find_gutter_tables(words_at(items))
    assert found.n_cols == 8 and found.header_rows == 2
    assert grid(found, 0)[2:] == [(2, 2, "Фінансування 2021"), (4, 2, "Фінансування 2022"), (6, 2, "Фінансування 2023")]
    assert grid(found, 1) == [(c, 1, t) for c, t in zip(range(2, 8), ["план", "факт"] * 3)]


def test_a_table_opening_with_its_total_row_takes_the_columns_of_the_rows_under_it():
    """total-row-first-soft-hyphens-three-decimals: the total's label runs over the number and measure
    columns; seeded there, the body would merge them."""
    items = [
        (X[0], 0, "№"), (X[1], 0, "Назва заходу"), (X[2], 0, "Виконавці"), (X[3], 0, "План"), (X[4], 0, "Факт"),
        (X[0], 1, "Всього по Програмі разом"), (X[3], 1, "200,0"), (X[4], 1, "190,5"),
        *body(2),
    ]
    (found,) = find_gutter_tables(words_at(items))
    assert found.n_cols == 5
    assert grid(found, 0) == [(0, 1, "№"), (1, 1, "Назва заходу"), (2, 1, "Виконавці"), (3, 1, "План"), (4, 1, "Факт")]


def test_a_group_heading_centred_on_a_table_whose_last_column_is_empty_opens_the_body():
    """A heading at the header's foot centred on the columns the header names (the last one empty in every
    row), not on the body's: "І. Показники затрат" is a row, not a header cell over the columns it crosses."""
    items = [
        (X[0], 0, "№"), (X[1], 0, "Назва заходу"), (X[2], 0, "Виконавці"), (X[3], 0, "План"), (X[4], 0, "Факт"),
        (420, 0, "Примітка"),
        (188.75, 1, "І. Показники затрат програми"),
        *body(2),
    ]
    (found,) = find_gutter_tables(words_at(items))
    assert found.n_cols == 6 and found.header_rows == 1
    assert not any("Показники" in c.text for c in found.header)


def test_numbered_task_title_rows_under_the_header_and_between_rows_belong_to_the_body():
    """task-title-rows-with-numbers-quarter-report-cp1251: "1. | Розвиток первинної медичної допомоги" opens
    the body under the header and "2. | ..." stands between measures; the header is still found."""
    items = [
        (X[0], 0, "№"), (X[1], 0, "Назва заходу"), (X[2], 0, "Виконавці"), (X[3], 0, "План"), (X[4], 0, "Факт"),
        (X[0], 1, "1."), (X[1], 1, "Розвиток первинної медичної допомоги"),
        (X[0], 2, "1.1."), (X[1], 2, "Ремонт даху"), (X[2], 2, "Управління"), (X[3], 2, "120,0"), (X[4], 2, "110,5"),
        (X[0], 3, "2."), (X[1], 3, "Забезпечення пільгових категорій населення"),
        (X[0], 4, "2.1."), (X[1], 4, "Заміна вікон"), (X[2], 4, "Управління"), (X[3], 4, "80,0"), (X[4], 4, "80,0"),
    ]
    (found,) = find_gutter_tables(words_at(items))
    assert found.n_cols == 5 and found.header_rows == 1 and found.header_lines == {0}
    assert found.body_bottom == 100 + 4 * PITCH + 10


def test_a_heading_from_the_tables_left_edge_over_the_first_row_and_a_wrapped_line_of_many_words_stay_in_the_table():
    """interim-task-heading-rows-subtotals-passport-table: "Завдання 1. ..." set like running text between
    the header and the first row, from left of the first column's values, and a cell's wrapped line of five
    words (equal word spaces, as justified text has) do not end the table; its edges enclose the heading."""
    items = [
        (X[0], 0, "№"), (X[1], 0, "Назва заходу"), (X[2], 0, "Виконавці"), (X[3], 0, "План"), (X[4], 0, "Факт"),
        (40, 1, "Завдання 1. Ремонт вулиць і доріг міста"),
        (X[0], 2, "1.1"), (X[1], 2, "Ремонт даху"), (X[2], 2, "Управління"), (X[3], 2, "120,0"), (X[4], 2, "110,5"),
        (X[1], 3, "Волі до вул. Кривий Вал"),
        (X[0], 4, "1.2"), (X[1], 4, "Заміна вікон"), (X[2], 4, "Управління"), (X[3], 4, "80,0"), (X[4], 4, "80,0"),
    ]
    (found,) = find_gutter_tables(words_at(items))
    assert found.n_cols == 5 and found.header_lines == {0}
    assert found.body_bottom == 100 + 4 * PITCH + 10
    assert found.edges[0] < 40


def test_the_header_of_a_second_table_does_not_reach_into_the_rows_of_the_first():
    """final-report-dash-listed-decisions-secretary-signs: a title centred over the second table's middle
    columns reads as a spanning header cell; the header then stops under the first table's last row instead
    of reaching it (a row of values: no header) and giving the second table up."""
    first_header = [(X[0], 0, "№"), (X[1], 0, "Назва заходу"), (X[2], 0, "Виконавці"), (X[3], 0, "План"),
                    (X[4], 0, "Факт")]
    xs = (50, 75, 250, 310, 370)
    items = [
        *first_header, *body(1),
        (242.5, 4, "Виконання показників"),
        (xs[0], 5, "№"), (xs[1], 5, "Найменування показника програми"), (xs[2], 5, "Од."), (xs[3], 5, "План"),
        (xs[4], 5, "Факт"),
        (xs[0], 6, "1"), (xs[1], 6, "Обсяг видатків"), (xs[2], 6, "грн"), (xs[3], 6, "10,0"), (xs[4], 6, "9,0"),
        (xs[0], 7, "2"), (xs[1], 7, "Кількість шкіл"), (xs[2], 7, "од."), (xs[3], 7, "5"), (xs[4], 7, "4"),
    ]
    first, second = find_gutter_tables(words_at(items))
    assert first.header_lines == {0} and second.n_cols == 5 and min(second.header_lines) == 4


def test_a_last_column_empty_in_every_row_keeps_its_header_line_when_the_name_starts_close_to_the_body():
    """final-report-narrow-portrait-columns-long-dates: "Що зроблено" heads a column no row on the page
    fills; starting a gutter right of the last values, it is a column of its own, not running text."""
    items = [
        (X[0], 0, "№"), (X[1], 0, "Назва заходу"), (X[2], 0, "Виконавці"), (X[3], 0, "План"), (X[4], 0, "Факт"),
        (392, 0, "Що зроблено"),
        (X[1], 1, "показника"), (400, 1, "для"),
        *body(2),
    ]
    (found,) = find_gutter_tables(words_at(items))
    assert found.header_lines == {0, 1} and found.n_cols == 6
    assert grid(found, 0)[-1] == (5, 1, "Що зроблено\nдля")


def test_a_subtotal_label_starting_left_of_the_first_columns_values_does_not_end_the_body():
    """no-percent-column-task-subtotals-cp1251: "Усього за завданням 1" starts at the table's edge, left of
    the centred item numbers, and runs over the number and measure columns; the rows after it are the
    same table's."""
    items = [
        (X[0], 0, "№"), (X[1], 0, "Назва заходу"), (X[2], 0, "Виконавці"), (X[3], 0, "План"), (X[4], 0, "Факт"),
        *body(1),
        (30, 4, "Усього за завданням 1"), (X[3], 4, "200,0"), (X[4], 4, "190,5"),
        *body(5),
    ]
    (found,) = find_gutter_tables(words_at(items))
    assert found.body_bottom == 100 + 7 * PITCH + 10


def test_a_group_heading_of_many_words_from_the_tables_edge_under_a_subtotal_stays_in_the_body():
    """priority-heading-rows-amounts-by-unit-and-place (Chromium print): "Пріоритет 4: Безпечне освітнє
    середовище" starts at the table's edge, left of the centred item numbers, with equal word spaces like
    justified text; the rows under it are still the table's."""
    items = [
        (X[0], 0, "№"), (X[1], 0, "Назва заходу"), (X[2], 0, "Виконавці"), (X[3], 0, "План"), (X[4], 0, "Факт"),
        *body(1),
        (30, 4, "Сума по завданню 1"), (X[3], 4, "200,0"), (X[4], 4, "190,5"),
        (30, 5, "Пріоритет 2: Безпечне освітнє середовище"),
        *body(6),
    ]
    (found,) = find_gutter_tables(words_at(items))
    assert found.body_bottom == 100 + 8 * PITCH + 10


def test_a_columns_own_sub_header_beside_a_spanning_cells_sub_headers_is_a_cell_of_the_last_header_row():
    """corpus-interim-report-no-drawn-cells (LibreOffice, no rules): "Фактично профінансовано" prints its own
    "2022 рік" in the row of the sub-headers under "Обсяг фінансування" (centred on their two lines), a blank
    line under its name."""
    x = (50, 75, 200, 300, 360, 420)
    items = [
        (x[0], 0, "№"), (x[1], 0, "Назва заходу"), (x[2], 0, "Виконавці"), (300, 0, "Обсяг фінансування,"), (x[5], 0, "Фактично"),
        (320, 1, "тис. грн"), (x[5], 1, "використано"),
        (x[3], 2.2, "2021"), (x[4], 2.2, "2022"), (x[5], 2.7, "2022 рік"),
        (x[3], 3.2, "рік"), (x[4], 3.2, "рік"),
        (x[0], 5, "1."), (x[1], 5, "Ремонт даху"), (x[2], 5, "Управління"), (x[3], 5, "120,0"), (x[4], 5, "130,0"),
        (x[5], 5, "110,5"),
        (x[0], 6, "2."), (x[1], 6, "Заміна вікон"), (x[2], 6, "Управління"), (x[3], 6, "80,0"), (x[4], 6, "90,0"),
        (x[5], 6, "80,0"),
    ]
    (found,) = find_gutter_tables(words_at(items))
    assert found.n_cols == 6 and found.header_rows == 2
    assert (5, 1, "Фактично\nвикористано") in grid(found, 0)
    assert grid(found, 1) == [(3, 1, "2021\nрік"), (4, 1, "2022\nрік"), (5, 1, "2022 рік")]
    # plan-by-year-with-total-actual-for-report-year-passport (Chromium print): a cell's padding under the
    # name, on the line of the other sub-headers, not a blank line
    items = [it if it[2] != "2022 рік" else (x[5], 2.2, "2022 рік") for it in items]
    (found,) = find_gutter_tables(words_at(items))
    assert grid(found, 1) == [(3, 1, "2021\nрік"), (4, 1, "2022\nрік"), (5, 1, "2022 рік")]


def test_the_rest_of_a_row_a_page_break_cut_under_the_repeated_header_is_no_header():
    """interim-as-of-date-two-sources-breakdown (Chromium print): the page repeats the header, then prints
    the rest of the cut row's measure and executor ("онкологічні захворювання") before the next row."""
    items = [
        (X[0], 0, "№"), (X[1], 0, "Назва заходу"), (X[2], 0, "Виконавці"), (X[3], 0, "План"), (X[4], 0, "Факт"),
        (X[0], 1, "з/п"), (X[3], 1, "2022"), (X[4], 1, "2022"),
        (X[1], 2, "школи № 5"), (X[2], 2, "освіти"),
        (X[1], 3, "та гімназії"),
        *body(4),
    ]
    (found,) = find_gutter_tables(words_at(items))
    assert found.header_rows == 1
    assert grid(found, 0) == [
        (0, 1, "№\nз/п"), (1, 1, "Назва заходу"), (2, 1, "Виконавці"), (3, 1, "План\n2022"), (4, 1, "Факт\n2022")]
    assert found.body_top <= 100 + 2 * PITCH
    # sub-headers under a spanning cell stand the same way, and stay header
    items = [
        (X[0], 0, "№"), (X[1], 0, "Назва заходу"), (X[2], 0, "Виконавці"), (298.75, 0, "Фінансування 2022"),
        (X[0], 1, "з/п"), (X[1], 1, "(об’єкта)"), (320, 1, "тис. грн"),
        (X[1], 2, "будівництва"),
        (X[3], 3, "план"), (X[4], 3, "факт"),
        *body(4),
    ]
    (found,) = find_gutter_tables(words_at(items))
    assert found.header_rows == 2 and grid(found, 1) == [(3, 1, "план"), (4, 1, "факт")]


def test_years_over_two_sources_each_under_a_cell_spanning_them_all_are_a_header_row_of_their_own():
    """wide-table-years-by-sources-four-header-rows (Chromium print, no borders): "Обсяг фінансування" stands
    centred over years by sources and a total, its words over the middle columns only; each year stands
    centred over its two sources. The spanning cell takes every column its sub-headers are centred under,
    and the years are a row between it and the sources (the total's cell reaches up to them)."""
    x = (50, 75, 200, 250, 300, 350, 400)
    items = [
        (x[0], 0, "№"), (x[1], 0, "Назва заходу"), (271.25, 0, "Обсяг фінансування"),
        (218.75, 1, "2022 рік"), (318.75, 1, "2023 рік"), (x[6], 1, "Усього"),
        (x[2], 2, "міськ."), (x[3], 2, "держ."), (x[4], 2, "міськ."), (x[5], 2, "держ."),
    ]
    for line in (3, 4):
        items += [(x[0], line, f"{line - 2}."), (x[1], line, "Ремонт"), (x[2], line, "100,0"), (x[3], line, "50,0"),
                  (x[4], line, "120,0"), (x[5], line, "–"), (x[6], line, "270,0")]
    (found,) = find_gutter_tables(words_at(items))
    assert found.n_cols == 7 and found.header_rows == 3
    assert grid(found, 0) == [(0, 1, "№"), (1, 1, "Назва заходу"), (2, 5, "Обсяг фінансування")]
    assert grid(found, 1) == [(2, 2, "2022 рік"), (4, 2, "2023 рік"), (6, 1, "Усього")]
    assert grid(found, 2) == [(2, 1, "міськ."), (3, 1, "держ."), (4, 1, "міськ."), (5, 1, "держ.")]


def test_a_group_heading_flush_with_its_columns_values_a_row_gap_under_a_centred_header_opens_the_body():
    """funding-table-split-by-a-page-break-9-months (Chromium print, no borders): "Показники затрат" stands
    in the name column alone under the header, flush left as the names are while the column's name is
    centred, a cell's padding further down than the header's lines."""
    items = [
        (X[0], 0, "№"), (90, 0, "Назва"), (X[2], 0, "Виконавці"), (X[3], 0, "План"), (X[4], 0, "Факт"),
        (90, 1, "заходу"),
        (X[1], 2.25, "Показники затрат"),
        *body(3.5),
    ]
    (found,) = find_gutter_tables(words_at(items))
    assert found.header_rows == 1 and (1, 1, "Назва\nзаходу") in grid(found, 0)
    assert found.body_top <= 100 + 2.25 * PITCH
    # the same line at the header's line pitch is the header's
    items = [*items[:6], (X[1], 2, "Показники затрат"), *body(3)]
    (found,) = find_gutter_tables(words_at(items))
    assert (1, 1, "Назва\nзаходу\nПоказники затрат") in grid(found, 0)


def test_a_passport_of_numbered_rows_with_no_header_is_a_table_of_numbers_labels_and_values():
    """plan-by-year-with-total-actual-for-report-year-passport (Chromium print, no borders): the passport's
    rows 1.-4. print a number, a label and a value with no header over them; wrapped labels and values
    stand under their own."""
    from extractor.readers.common.gutters import find_numbered_lists

    items = [
        (50, 0, "1."), (90, 0, "Найменування програми"), (260, 0, "Міська цільова програма"),
        (260, 1, "на 2021-2023 роки"),
        (50, 2, "2."), (90, 2, "Дата і номер документа про"), (260, 2, "Рішення від 23.12.2020 № 69/3"),
        (90, 3, "затвердження програми"), (260, 3, "№ 25/11)"),
        (50, 4, "3."), (90, 4, "Відповідальний виконавець"), (260, 4, "департамент"),
        (50, 5, "4."), (90, 5, "Термін реалізації"), (260, 5, "2021-2023 роки"),
        (50, 7, "Протягом звітного періоду програму виконано"),
    ]
    (found,) = find_numbered_lists(words_at(items))
    assert found.lines == (0, 1, 2, 3, 4, 5)
    left, numbers, labels, right = found.edges
    assert left < 50 < 60 < numbers < 90 and 90 + 5 * 24 < labels < 260 and right > 260 + 5 * 25
    # numbered paragraphs (one block after the number) are no such table
    prose = [(50, k, f"{k + 1}.") for k in range(4)] + [(65, k, "Текст пункту звіту") for k in range(4)]
    assert find_numbered_lists(words_at(prose)) == []


def test_a_roman_numbered_group_heading_under_the_header_and_a_number_columns_name_over_short_numbers():
    """cyrillic-numeral-task-rows-two-row-indicator-header (Chromium print, no borders): "І. Збереження
    культурної спадщини" opens the body under the header (a Roman numeral in the number column, one text
    across the next columns), and "№ з/п", centred over numbers printed flush left, reaches into them by
    less than a word space yet names their column."""
    x = (40, 90, 220, 320, 380)
    items = [
        (48.5, 0, "№ з/п"), (x[1], 0, "Назва заходу"), (x[2], 0, "Виконавці"), (x[3], 0, "План"), (x[4], 0, "Факт"),
        (x[1] + 10, 1, "(об’єкта)"),
        (40, 2, "І."), (x[1], 2, "Збереження культурної спадщини"),
    ]
    for line, (n, name) in enumerate([("1.", "Ремонт даху"), ("2.", "Заміна вікон")], 3):
        items += [(x[0], line, n), (x[1], line, name), (x[2], line, "Управління"), (x[3], line, "120,0"),
                  (x[4], line, "110,5")]
    (found,) = find_gutter_tables(words_at(items))
    assert found.n_cols == 5 and found.header_rows == 1
    assert grid(found, 0) == [(0, 1, "№ з/п"), (1, 1, "Назва заходу\n(об’єкта)"), (2, 1, "Виконавці"), (3, 1, "План"),
                              (4, 1, "Факт")]
    assert found.body_top <= 100 + 2 * PITCH


def test_the_number_columns_name_standing_right_of_its_numbers_names_them():
    """roman-task-headings-unit-in-caption-grn-kopecks (Chromium print, no borders): "№ з/п" stands centred in
    a wide number cell, right of the numbers printed flush left, over no column's values; it names the
    number column, not a column of its own."""
    x = (40, 110, 230, 330, 390)
    items = [(62, 0, "№ з/п"), (x[1], 0, "Назва заходу"), (x[2], 0, "Виконавці"), (x[3], 0, "План"), (x[4], 0, "Факт")]
    for line, (n, name) in enumerate([("1.", "Ремонт даху"), ("2.", "Заміна вікон"), ("3.", "Фарбування")], 1):
        items += [(x[0], line, n), (x[1], line, name), (x[2], line, "Управління"), (x[3], line, "120,0"),
                  (x[4], line, "110,5")]
    (found,) = find_gutter_tables(words_at(items))
    assert found.n_cols == 5
    assert grid(found, 0)[0] == (0, 1, "№ з/п")


def test_a_groups_number_and_name_row_over_the_first_row_opens_the_body():
    """status-text-column-no-percent-decision-in-title, result-and-status-text-columns-unnumbered-indicators
    (Chromium prints, no borders): "1 | затрат" (a group's number and its name) stands between the header
    and the first row; it is the body's, not a header line (it opens with an item number)."""
    x = (50, 90, 250, 320, 390)
    head = [(x[0], 0, "№ з/п"), (x[1], 0, "Показники"), (x[2], 0, "Одиниця"), (x[3], 0, "План"), (x[4], 0, "Факт")]
    rows = [(x[0], 1, "1"), (x[1], 1, "затрат"),
            (x[0], 2, "1.1"), (x[1], 2, "Обсяг видатків"), (x[2], 2, "тис. грн"), (x[3], 2, "4 720,0"), (x[4], 2, "3 762,6"),
            (x[0], 3, "2"), (x[1], 3, "продукту"),
            (x[0], 4, "2.1"), (x[1], 4, "Кількість укриттів"), (x[2], 4, "од."), (x[3], 4, "12"), (x[4], 4, "12")]
    (found,) = find_gutter_tables(words_at(head + rows))
    assert found.header_rows == 1 and grid(found, 0)[1] == (1, 1, "Показники")
    assert found.body_top <= 100 + PITCH
    # the groups alone number the table: their numbers stand left of the first column of values
    rows = [it for it in rows if not (it[0] == x[0] and "." in it[2])]
    (found,) = find_gutter_tables(words_at(head + rows))
    assert found.header_rows == 1 and found.body_top <= 100 + PITCH
