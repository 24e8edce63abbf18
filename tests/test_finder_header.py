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
