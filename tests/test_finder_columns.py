"""Tests for extractor.readers.common.columns: column cores of tables without rules, on hand-built lines."""

from __future__ import annotations

from extractor.readers.common.columns import body_columns, split_at_edges
from extractor.readers.common.finder_settings import DEFAULT_FINDER_SETTINGS as CFG
from extractor.readers.common.words import text_lines

ROWS_ONE_SPACE_APART = """\
1. Обсяг видатків    165,0    -   Захід програми не Виконання заходу
                                  фінансувався        враховано у
                                                      проєкті
2. Обсяг видатків    187,0    -   Захід програми не Виконання заходу
                                  фінансувався        враховано у
                                                      проєкті
3. Кількість камер   146    196   Розширено мережу до 20 камер"""


def test_an_edge_seen_only_in_the_wrapped_lines_splits_two_cells_printed_one_space_apart():
    lines = text_lines(ROWS_ONE_SPACE_APART, cfg=CFG)
    cores, _ = body_columns(lines, range(len(lines)), cfg=CFG)
    texts = [[ln.text[a:b].strip() for a, b in cores] for ln in lines[:1]]
    assert texts == [["1. Обсяг видатків", "165,0", "-", "Захід програми не", "Виконання заходу"]]


def test_without_wrapped_lines_showing_it_a_coincidental_word_start_is_no_edge():
    full = [ln for ln in text_lines(ROWS_ONE_SPACE_APART, cfg=CFG) if len(ln.frags) >= 3][:2]
    core = [34, 70]
    assert split_at_edges(full, [core], cfg=CFG) == [core]


def test_an_amount_wrapped_at_its_thousands_beside_a_year_range_wrapped_at_its_hyphen_stays_one_row():
    from extractor.readers.common.rows import body_rows

    text = """\
1.  Підготовка   2021-   1        1        225,0
    спортсменів  2023    250,0    400,0
2.  Стипендії    2021    360,0    396,0    198,0"""
    lines = text_lines(text, cfg=CFG)
    cores, bridging = body_columns(lines, range(len(lines)), cfg=CFG)
    rows = body_rows(lines, range(len(lines)), cores, bridging, cfg=CFG)
    assert [[t for t, _, _ in r.cells] for r in rows] == [
        ["1.", "Підготовка\nспортсменів", "2021-\n2023", "1\n250,0", "1\n400,0", "225,0"],
        ["2.", "Стипендії", "2021", "360,0", "396,0", "198,0"],
    ]


def _pdf_words(items: list[tuple[float, int, str]]) -> list:
    """PDF words of (x, line, text) items: 5 points per character, a 3-point word space, lines 12 points apart."""
    from extractor.readers.common.words import Word

    out = []
    for x, line, text in items:
        for word in text.split(" "):
            out.append(Word(word, x, x + 5 * len(word), 100 + 12 * line, 110 + 12 * line, line))
            x += 5 * len(word) + 3
    return out


# number, indicator, planned, actual, reason, remedy
EDGES = [45, 62, 160, 200, 240, 320, 420]


def _rows(items):
    from extractor.readers.common.rows import body_rows
    from extractor.readers.common.words import MERGED_SPACE, column_lines

    grid = column_lines(_pdf_words(items), EDGES, cfg=CFG)
    rows = body_rows(grid.lines, range(len(grid.lines)), grid.cores, grid.crossing, cfg=CFG)
    return [[(t.replace(MERGED_SPACE, " "), a, b) for t, a, b in r.cells] for r in rows]


def test_a_reason_merged_over_the_reason_and_remedy_columns_is_one_cell_of_its_row():
    rows = _rows([
        (48, 0, "5."), (65, 0, "Кількість"), (165, 0, "13"), (205, 0, "8"), (245, 0, "Фактичне значення показника"),
        (65, 1, "операторів"), (245, 1, "пов’язане з застосуванням"),
        (245, 2, "модулів автоматизованої обробки"),
        (48, 3, "6."), (65, 3, "Кількість"), (165, 3, "146"), (205, 3, "196"), (325, 3, "Збільшення"),
    ])
    assert rows[0] == [
        ("5.", 0, 0), ("Кількість\nоператорів", 1, 1), ("13", 2, 2), ("8", 3, 3),
        ("Фактичне значення показника\nпов’язане з застосуванням\nмодулів автоматизованої обробки", 4, 5),
    ]
    assert rows[1][-2:] == [("", 4, 4), ("Збільшення", 5, 5)]


def test_a_group_heading_across_the_columns_is_still_a_full_width_row():
    rows = _rows([
        (48, 0, "1."), (65, 0, "Кількість"), (165, 0, "13"), (205, 0, "8"),
        (150, 1, "ІІ. Показники продукту"),
        (48, 2, "1."), (65, 2, "Кількість"), (165, 2, "15"), (205, 2, "-"),
    ])
    assert rows[1] == [("ІІ. Показники продукту", 0, 5)]


def test_amounts_stacked_against_dash_listed_objects_stay_one_row_when_a_wrapped_word_goes_on_with_a_bracket():
    from extractor.readers.common.rows import body_rows

    text = """\
6.  Створення (будівництво       704,0       –
    ) системи відеоспостере      128,0       –
    ження на об’єктах            120,0       –
    управління
    - насосна станція;
    - сквер;
    - підземний перехід
7.  Облаштування                 150,0   150,0"""
    lines = text_lines(text, cfg=CFG)
    cores, bridging = body_columns(lines, range(len(lines)), cfg=CFG)
    rows = body_rows(lines, range(len(lines)), cores, bridging, cfg=CFG)
    assert len(rows) == 2
    assert "704,0\n128,0\n120,0" in [t for t, _, _ in rows[0].cells]


def test_a_measure_text_under_its_number_beside_amounts_wrapped_at_their_thousands_stays_one_row():
    from extractor.readers.common.rows import body_rows

    text = """\
1.  Підготовка    1.1 Турніри       2021-   Управління    360,0    396,0
2.  Розвиток      3.2               2021-   Управління    1        1
                  Облаштування      2023    освіти        800,0    200,0
                  майданчиків
3.  Утримання     4.1 Підтримка     2021    КП            120,0    130,0"""
    lines = text_lines(text, cfg=CFG)
    cores, bridging = body_columns(lines, range(len(lines)), cfg=CFG)
    rows = body_rows(lines, range(len(lines)), cores, bridging, cfg=CFG)
    assert len(rows) == 3
    assert [t for t, _, _ in rows[1].cells][2:] == ["3.2\nОблаштування\nмайданчиків", "2021-\n2023", "Управління\nосвіти", "1\n800,0", "1\n200,0"]


def test_a_cell_merged_over_two_columns_printed_one_space_apart_does_not_hide_their_edge():
    text = """\
1. Обсяг видатків    165,0    -   Захід програми не Виконання заходу
                                  фінансувався      враховано у
2. Обсяг видатків    187,0    -   Захід програми не Виконання заходу
                                  фінансувався      враховано у
3. Обсяг видатків    23,2     -   Захід програми не Виконання заходу
                                  фінансувався      враховано у
5. Обсяг видатків    28,9     -   Захід програми не Виконання заходу
                                  фінансувався      враховано у
6. Обсяг видатків    11,0     -   Захід програми не Виконання заходу
                                  фінансувався      враховано у
4. Кількість камер   146    196   Перевищення показника пов’язано з
                                  підвищенням рівня"""
    lines = text_lines(text, cfg=CFG)
    cores, _ = body_columns(lines, range(len(lines)), cfg=CFG)
    assert [lines[0].text[a:b + 1].strip() for a, b in cores][3:] == ["Захід програми не", "Виконання заходу"]


def test_a_total_row_whose_label_spans_the_first_columns_keeps_its_amounts_in_their_columns():
    """total-row-first-soft-hyphens-three-decimals: "Всього по Програмі" over the number and indicator
    columns, its amounts in theirs, the first one wrapped at its thousands space ("15" over "437,428")."""
    rows = _rows([
        (48, 0, "Всього по Програмі"), (165, 0, "15"), (205, 0, "15 262,962"),
        (165, 1, "437,428"),
        (48, 2, "1."), (65, 2, "Кількість"), (165, 2, "12"), (205, 2, "11 998,102"),
        (165, 3, "345,678"),
    ])
    assert rows[0][:3] == [("Всього по Програмі", 0, 1), ("15\n437,428", 2, 2), ("15 262,962", 3, 3)]
    assert rows[1][:4] == [("1.", 0, 0), ("Кількість", 1, 1), ("12\n345,678", 2, 2), ("11 998,102", 3, 3)]
    assert len(rows) == 2


def test_a_group_heading_inside_the_planned_values_column_under_an_amount_is_a_row_of_its_own():
    """reordered-columns-source-text-column-numbers (Chromium print): "Показники продукту" centred on the
    table falls inside the planned values' column, under the last row's amount; amounts do not wrap."""
    from extractor.readers.common.rows import body_rows
    from extractor.readers.common.words import column_lines

    edges = [45, 62, 160, 260, 320, 420]  # number, indicator, planned, actual, reason
    items = [
        (48, 0, "2"), (65, 0, "Обсяг видатків на"), (165, 0, "2 529,5"), (265, 0, "2 221,6"), (325, 0, "Роботи перенесено"),
        (65, 1, "ліки"), (325, 1, "на наступний рік"),
        (165, 2, "Показники продукту"),
        (48, 3, "1"), (65, 3, "Кількість одиниць"), (165, 3, "454"), (265, 3, "350"),
    ]
    grid = column_lines(_pdf_words(items), edges, cfg=CFG)
    rows = body_rows(grid.lines, range(len(grid.lines)), grid.cores, grid.crossing, cfg=CFG)
    assert [r.cells for r in rows][1] == [("Показники продукту", 0, 4)]
    assert rows[0].cells[2] == ("2 529,5", 2, 2) and len(rows) == 3


def test_a_value_touching_a_column_with_no_gutter_widens_it_instead_of_making_a_column():
    # goal-heading-rows case: a total row's percent printed ending where the percents above start
    rows = [
        "   1.1.    Ремонт     2021   3 905 971,92   2 000,00      94,3",
        "   1.2.    Ремонт     2022   3 406 815,12   2 829,14      83,1",
        "   1.3.    Ремонт     2023   3 406 815,12   2 829,14      72,6",
    ]
    total = ("Підсумок".ljust(28) + "10 719 602,16").ljust(len(rows[0]) - 8) + "57,8"
    text = "\n".join(rows + [total])
    lines = text_lines(text, cfg=CFG)
    cores, _ = body_columns(lines, range(len(lines)), cfg=CFG)
    assert len(cores) == 6
    assert cores[-1][0] <= lines[3].frags[-1].x0 and lines[0].frags[-1].x1 <= cores[-1][1]


def test_an_edge_shown_by_one_separate_cell_and_word_starts_in_the_packed_rows_splits_the_core():
    # interim-task-heading-rows case: "2021-2022 Департамент ЖКГ," printed one space apart
    text = """\
1.1   Ремонт     2021    Департамент ЖКГ    1 143,3
1.2   Ремонт   2021-2022 Департамент ЖКГ,   1 731,4
1.3   Ремонт   2022-2023 Департамент ЖКГ    1 700,6"""
    lines = text_lines(text, cfg=CFG)
    cores, _ = body_columns(lines, range(len(lines)), cfg=CFG)
    assert [[ln.text[a:b].strip() for a, b in cores] for ln in lines][1] == [
        "1.2", "Ремонт", "2021-2022", "Департамент ЖКГ,", "1 731,4"
    ]
