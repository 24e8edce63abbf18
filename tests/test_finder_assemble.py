"""Tests for extractor.readers.common.assemble: pages of grid lines put together, on hand-built lines."""

from __future__ import annotations

from extractor.document import Table
from extractor.readers.common.assemble import opening_headings
from extractor.readers.common.finder_settings import DEFAULT_FINDER_SETTINGS as CFG
from extractor.readers.common.words import text_lines
from extractor.readers.txt_layout import read_layout_blocks

CORES = [[3, 7], [11, 39], [42, 50], [55, 76], [84, 96]]


def test_a_heading_flush_with_the_margin_opening_a_page_is_a_group_heading():
    lines = text_lines("\nЦіль 3. Безпека руху\n   3.1.   Захід", cfg=CFG)
    assert opening_headings(lines, 0, 2, CORES, cfg=CFG) == "Ціль 3. Безпека руху"


def test_running_text_or_several_cells_opening_a_page_are_no_group_heading():
    wide = text_lines("Протягом звітного періоду виконання заходів Програми здійснювалося в межах", cfg=CFG)
    assert opening_headings(wide, 0, 1, CORES, cfg=CFG) is None
    cells = text_lines("Ціль 3      Безпека", cfg=CFG)
    assert opening_headings(cells, 0, 1, CORES, cfg=CFG) is None
    three = text_lines("Ціль 3\nЦіль 4\nЦіль 5", cfg=CFG)
    assert opening_headings(three, 0, 3, CORES, cfg=CFG) is None


def test_a_page_opening_with_a_margin_heading_over_headerless_rows_continues_the_table():
    page1 = [
        "  № з/п      Найменування робіт      Період     Відповідальний       Ліміт, грн     Індекс",
        "Ціль 1. Ремонт доріг",
        "   1.1.    1.1 Ремонт доріг           2021     Департамент        3 905 971,92      94,3",
        "   1.2.    1.2 Ремонт тротуарів       2022     Департамент        3 406 815,12      83,1",
    ]
    page2 = [
        "Ціль 2. Безпека руху",
        "   2.1.    2.1 Світлофори             2021-2022      Департамент         2 747 655,73       94,3",
        "   2.2.    2.2 Острівці               2021           КП                  1 745 864,28       72,6",
    ]
    blocks = read_layout_blocks("\n".join(page1) + "\f" + "\n".join(page2))
    (table,) = [b for b in blocks if isinstance(b, Table)]
    grid = table.text_grid()
    assert [row[0] for row in grid] == ["№ з/п", "Ціль 1. Ремонт доріг", "1.1.", "1.2.", "Ціль 2. Безпека руху", "2.1.", "2.2."]
    assert table.rows[4].cells[0].col_span == table.n_cols == 6


HEADER_AT_PAGE_FOOT = """\
Текст звіту закінчується тут.

                     3. Виконання показників Програми
 № з/п    Найменування       Одиниця    Планове    Фактичне     Причини
           показника          виміру    значення   значення   невиконання
                               І. Показники затрат"""

ROWS_OPENING_THE_NEXT_PAGE = """\
  1    Обсяг видатків на     тис. грн   6 975,0    6 399,9
       підтримку
                             ІІ. Показники продукту
  1    Кількість грантів       од.       20          18       Війна
  2    Кількість семінарів     од.       12          5        Обмеження"""


def test_a_header_closing_a_page_with_no_rows_under_it_is_an_orphan_header():
    from extractor.readers.common.assemble import orphan_header

    lines = text_lines(HEADER_AT_PAGE_FOOT, cfg=CFG)
    assert orphan_header(lines, [], len(lines), 0, cfg=CFG) == (lines, 2, 6)
    rows = text_lines(ROWS_OPENING_THE_NEXT_PAGE, cfg=CFG)
    assert orphan_header(rows, [], len(rows), 0, cfg=CFG) is None  # numbers: rows, not a header


def test_an_orphan_header_heads_the_rows_opening_the_next_page():
    blocks = read_layout_blocks(HEADER_AT_PAGE_FOOT + "\n\f" + ROWS_OPENING_THE_NEXT_PAGE + "\n")
    (table,) = [b for b in blocks if isinstance(b, Table)]
    grid = table.text_grid()
    assert grid[0][:4] == ["№ з/п", "Найменування\nпоказника", "Одиниця\nвиміру", "Планове\nзначення"]
    assert [row[0] for row in grid[1:]] == ["І. Показники затрат", "1", "ІІ. Показники продукту", "1", "2"]
    assert grid[2][3] == "6 975,0"
