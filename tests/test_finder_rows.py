"""Tests for extractor.readers.common.rows: body rows of tables without rules, on hand-built lines."""

from __future__ import annotations

from extractor.readers.common.columns import body_columns
from extractor.readers.common.finder_settings import DEFAULT_FINDER_SETTINGS as CFG
from extractor.readers.common.rows import body_rows
from extractor.readers.common.words import text_lines

GROUPS_IN_THE_NAME_COLUMN = """\
  1    Обсяг видатків на          тис. грн    7 070,0      4 191,1    Фінансування
       заходи програми                                                за 9 місяців
       Показники
       продукту
  2    Кількість проведених         од.         3            2        Один фестиваль
       фестивалів                                                     заплановано
  3    Кількість придбаних          од.       2 500        1 740
       Показники якості
  4    Динаміка кількості            %         105          97,3"""


def test_an_indicator_groups_name_printed_in_the_name_column_is_a_full_width_row():
    lines = text_lines(GROUPS_IN_THE_NAME_COLUMN, cfg=CFG)
    cores, bridging = body_columns(lines, range(len(lines)), cfg=CFG)
    rows = body_rows(lines, range(len(lines)), cores, bridging, cfg=CFG)
    firsts = [(r.cells[0][0], r.cells[0][2] - r.cells[0][1] + 1) for r in rows]
    assert firsts == [("1", 1), ("Показники\nпродукту", len(cores)), ("2", 1), ("3", 1),
                      ("Показники якості", len(cores)), ("4", 1)]
    assert rows[0].cells[1][0] == "Обсяг видатків на\nзаходи програми"


def test_a_group_name_whose_second_line_is_the_wider_stays_one_row():
    """'Показники' over 'ефективності' (wider than the line above it) in the name column: one heading row."""
    text = GROUPS_IN_THE_NAME_COLUMN.replace("       продукту\n", "       ефективності\n")
    lines = text_lines(text, cfg=CFG)
    cores, bridging = body_columns(lines, range(len(lines)), cfg=CFG)
    rows = body_rows(lines, range(len(lines)), cores, bridging, cfg=CFG)
    assert [r.cells[0][0] for r in rows][:3] == ["1", "Показники\nефективності", "2"]


TITLE_ROWS = """\
1.       Розвиток первинної медичної допомоги
1.1.     Придбання          Управління 2023       620,0      155,0
         медичного          охорони
1.2.     Ремонт амбулаторії КНП         2023      1 340,0    –
                                 Показники продукту
1        Кількість          осіб       2023       120,0      33,0"""


def test_a_numbered_title_cut_at_columns_by_chance_and_a_group_name_stay_one_text():
    lines = text_lines(TITLE_ROWS, cfg=CFG)
    cores = [[0, 4], [9, 27], [28, 38], [39, 44], [50, 57], [61, 66]]
    rows = body_rows(lines, range(len(lines)), cores, cfg=CFG)
    assert rows[0].cells[:2] == [("1.", 0, 0), ("Розвиток первинної медичної допомоги", 1, 5)]
    assert rows[1].cells[2] == ("Управління\nохорони", 2, 2) and rows[1].cells[3] == ("2023", 3, 3)
    assert rows[3].cells == [("Показники продукту", 0, 5)]


def test_a_percent_sign_wrapped_under_its_value_does_not_open_a_row():
    from extractor.readers.common.rows import wrapped_at_thousands

    above = {3: "2", 4: "2", 5: "112,5"}
    assert wrapped_at_thousands(above, {2: "«Миколаївводо", 3: "150,500", 4: "419,860", 5: "%"})
    assert not wrapped_at_thousands(above, {3: "150,500", 4: "419,860", 5: "Примітка"})
