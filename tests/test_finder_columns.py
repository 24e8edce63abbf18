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
