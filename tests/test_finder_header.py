"""Tests for extractor.readers.common.header: the header zone of tables without rules, on hand-built lines."""

from __future__ import annotations

from extractor.readers.common.finder_settings import DEFAULT_FINDER_SETTINGS as CFG
from extractor.readers.common.header import body_in_header_zone, carries_amounts
from extractor.readers.common.words import text_lines


def test_a_line_of_two_amounts_with_decimals_is_a_body_row_not_a_header_line():
    lines = text_lines(
        "Вартість за     Оплачено, грн   Виконання\n"
        "    2022 рік         1.1            2.1\n"
        "7 873 834,66     6 154 074,16      78,2\n"
        "   87 %   -",
        cfg=CFG,
    )
    assert [carries_amounts(ln) for ln in lines] == [False, False, True, False]


def test_a_subtotal_opening_a_page_above_a_group_heading_is_body():
    page = """\
                                  7 873 834,66   6 154 074,16   78,2
3. Безпека дорожнього руху
  3.1.  3.1 Встановлення   2021-2022   Департамент   3 078 631,75   2 482 561,25   80,6"""
    lines = text_lines(page, cfg=CFG)
    assert body_in_header_zone(lines, 0, 2) == 0
    header = text_lines("№     Захід      Рік     Виконавець     План     Факт     %\n1. Дороги", cfg=CFG)
    assert body_in_header_zone(header, 0, 1) == 1


def test_an_indicator_groups_name_at_the_foot_of_the_header_zone_is_body():
    lines = text_lines(
        " № з/п     Назва показника        Одиниця       Планове\n"
        "                                   виміру       значення\n"
        "          Показники затрат\n"
        "     1    Обсяг видатків            тис. грн    7 070,0",
        cfg=CFG,
    )
    assert body_in_header_zone(lines, 0, 3) == 2


WIDE_HEADER = """\
№     Назва       Термін             Обсяг, грн                 Відсо
                              2022 рік      2023 рік    Усього   ток
                             міськ  держ   міськ  держ
1.    Ремонт      2022       1,0    2,0    3,0    4,0    10,0    50,0
2.    Закупівля   2023       1,0    2,0    3,0    4,0    10,0    60,0"""


def test_a_top_cell_narrower_than_its_columns_spans_the_years_under_it_and_the_years_stay_sub_headers():
    # wide-table-years-by-sources case: years over sources, all under one centred top cell
    from extractor.document import Table
    from extractor.readers.txt_layout import read_layout_blocks

    (table,) = [b for b in read_layout_blocks(WIDE_HEADER) if isinstance(b, Table)]
    top, years, sources = ([(c.col, c.col_span, c.text) for c in r.cells] for r in table.rows[:3])
    assert (3, 4, "Обсяг, грн") in top
    assert years == [(3, 2, "2022 рік"), (5, 2, "2023 рік")]
    assert [c for c, _, _ in sources] == [3, 4, 5, 6]


def test_a_spanning_piece_takes_in_the_sub_headers_reaching_out_of_it_and_no_column_more_than_centring_asks():
    from extractor.readers.common.header import HPiece, widen_spanning_pieces

    cores = [[0, 4], [10, 14], [20, 24], [30, 34], [40, 44]]
    top = HPiece(0, 8, 26, "Обсяг фінансування", 1, 2)
    years = [HPiece(1, 0, 12, "2022 рік", 0, 1), HPiece(1, 20, 32, "2023 рік", 2, 3)]
    widen_spanning_pieces([top] + years, cores)
    assert (top.a, top.b) == (0, 3)


def test_one_word_brushing_a_neighbouring_column_by_a_character_stays_in_its_own():
    from extractor.readers.common.columns import cut_fragment
    from extractor.readers.common.words import Frag

    assert cut_fragment(Frag(127, 132, "міськ"), [[121, 128], [129, 132]], cfg=CFG) == [
        (Frag(127, 132, "міськ"), (1, 1))
    ]


def test_a_year_sticking_out_of_its_narrow_column_over_plan_and_fact_spans_both():
    # plan-fact-by-year case: "2021 рік" wider than the plan column's data, "факт" under its right end
    from extractor.readers.common.header import HPiece, spread_over_sub_headers

    cores = [[67, 74], [77, 78], [82, 89]]
    year = HPiece(0, 69, 77, "2021 рік", 0, 0)
    below = [HPiece(1, 67, 71, "план", 0, 0), HPiece(1, 75, 79, "факт", 1, 1), HPiece(1, 82, 86, "план", 2, 2)]
    spread_over_sub_headers(year, below, cores, {0})
    assert (year.a, year.b) == (0, 1)
    inside = HPiece(0, 67, 72, "Назва", 0, 0)  # within its column's data: its own
    spread_over_sub_headers(inside, below, cores, {0})
    assert (inside.a, inside.b) == (0, 0)


def test_header_words_of_narrow_columns_printed_one_space_apart_go_to_the_columns_their_names_spread():
    # sources-breakdown-under-unknown-headers case: "державний" / "міський бюджет" broken in narrow cells
    from extractor.readers.common.header import header_line_pieces

    lines = text_lines(
        "Усього  держа   міськи\n"
        "         вн-ий     й\n"
        "        бюдже бюдже\n"
        "2 474,5 2 474,5   –",
        cfg=CFG,
    )
    cores = [[0, 7], [8, 15], [18, 19]]
    pieces = header_line_pieces(lines, range(3), cores, cfg=CFG)
    assert [(p.line, p.text, p.a, p.b) for p in pieces if p.line == 2] == [(2, "бюдже", 1, 1), (2, "бюдже", 2, 2)]


def test_a_numbered_title_line_at_the_foot_of_the_header_zone_is_body():
    lines = text_lines(
        " № з/п     Найменування          Виконавці\n"
        "1.       Розвиток первинної медичної допомоги\n"
        "1.1.     Придбання          Управління 2023       620,0",
        cfg=CFG,
    )
    assert body_in_header_zone(lines, 0, 2, first_column_end=4) == 1
    assert body_in_header_zone(lines, 0, 1, first_column_end=4) == 1  # "№ з/п" is no item number


def test_two_header_texts_of_a_line_in_one_column_give_the_left_one_to_a_headerless_neighbour():
    # task-title case: "Термін" centred beside "Обсяг" over the amounts, the term column headed by nothing
    from extractor.readers.common.header import HPiece, give_to_headerless_neighbours

    pieces = [
        HPiece(0, 33, 42, "Виконавці", 2, 3), HPiece(0, 46, 52, "Термін", 4, 4), HPiece(0, 56, 61, "Обсяг", 4, 4),
        HPiece(1, 45, 52, "виконан", 4, 4), HPiece(1, 55, 62, "фінансу", 4, 4), HPiece(2, 55, 63, "тис. грн", 4, 4),
    ]
    give_to_headerless_neighbours(pieces, 6)
    assert [(p.text, p.a, p.b) for p in pieces] == [
        ("Виконавці", 2, 2), ("Термін", 3, 3), ("Обсяг", 4, 4), ("виконан", 3, 3), ("фінансу", 4, 4), ("тис. грн", 4, 4),
    ]


def test_a_broken_header_word_reaching_into_the_next_column_stays_under_its_columns_name():
    from extractor.readers.common.header import header_line_pieces

    lines = text_lines("    Термін        Виконавці\n   виконанн\n      я", cfg=CFG)
    cores = [[0, 9], [9, 26]]
    pieces = header_line_pieces(lines, range(3), cores, cfg=CFG)
    assert [(p.text, p.a, p.b) for p in pieces] == [("Термін", 0, 0), ("Виконавці", 1, 1), ("виконанн", 0, 0), ("я", 0, 0)]


def test_a_total_row_of_integers_and_a_percent_is_a_body_row():
    # total-row-first case: "Всього по Програмі   15   15   98,9%" (amounts wrapped at their thousands)
    (line,) = text_lines("Всього по Програмі      15        15        98,9%", cfg=CFG)
    assert carries_amounts(line)
    (years,) = text_lines("Обсяг     2022     2023     2024", cfg=CFG)
    assert not carries_amounts(years)


def test_a_title_line_numbered_with_a_roman_numeral_at_the_foot_of_the_header_zone_is_body():
    # cyrillic-numeral-task-rows case: "І.  Збереження культурної спадщини" (Cyrillic І)
    lines = text_lines(
        " № з/п     Найменування        Виконавці\n"
        "І.         Збереження культурної спадщини\n"
        "1.         Ремонт будинку-  Управління    2024          1 450,0",
        cfg=CFG,
    )
    assert body_in_header_zone(lines, 0, 2, first_column_end=2) == 1
