"""Tests for extractor.readers.common.words: positioned words on the character grid of the table finder."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.readers.common.finder_settings import DEFAULT_FINDER_SETTINGS as CFG
from extractor.readers.common.finder_settings import FinderSettings
from extractor.readers.common.words import Word, char_width, grid_lines, place_words, text_lines, words_from_text

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def pdf_word(text: str, x0: float, line: int, top: float, width: float = 5.0) -> Word:
    """A word as a PDF page prints it: ``width`` points per character."""
    return Word(text, x0, x0 + width * len(text), top, top + 10, line)


def test_layout_text_is_already_on_the_grid():
    page = "Заголовок\n\n№   Захід      Сума\n1.  Ремонт     10,0\n\tтаб"
    lines = text_lines(page, cfg=CFG)
    assert [ln.text.rstrip() for ln in lines[:4]] == page.split("\n")[:4]
    assert [(f.x0, f.x1, f.text) for f in lines[2].frags] == [(0, 1, "№"), (4, 9, "Захід"), (15, 19, "Сума")]
    assert lines[1].blank
    assert lines[4].frags[0].x0 == 8  # a TAB is expanded to the next multiple of eight


def test_words_of_layout_text_carry_their_column_and_line():
    words = words_from_text("ab  cd\n  e")
    assert words == [Word("ab", 0, 2, 0, 1, 0), Word("cd", 4, 6, 0, 1, 0), Word("e", 2, 3, 1, 2, 1)]


def test_every_sample_layout_text_line_comes_back_unchanged():
    text = (SAMPLES / "poltava-sportyvna-poltava-2022-07-01.txt").read_text(encoding="utf-8")
    for page in text.split("\f"):
        for raw, line in zip(page.split("\n"), text_lines(page, cfg=CFG)):
            assert line.text.rstrip() == raw.rstrip()


def test_words_a_space_apart_share_a_fragment_and_a_gap_separates_fragments():
    # 5 points a character: "Ремонт" ends at 30, a normal space (2 pt) keeps "даху" in the fragment,
    # a 20 pt gap (four characters) starts a new one at its own column
    line = place_words([pdf_word("Ремонт", 0, 0, 0), pdf_word("даху", 32, 0, 0), pdf_word("10,0", 72, 0, 0)], 5.0, 0.0,
                       cfg=CFG)
    assert [(f.x0, f.text) for f in line.frags] == [(0, "Ремонт даху"), (14, "10,0")]


def test_words_closer_than_their_text_is_long_are_pushed_right_but_kept_apart():
    line = place_words([pdf_word("1 250,0", 0, 0, 0, width=2.0), pdf_word("300", 18, 0, 0, width=2.0)], 2.0, 0.0,
                       cfg=CFG)
    assert [(f.x0, f.text) for f in line.frags] == [(0, "1 250,0"), (9, "300")]


def test_grid_lines_order_lines_by_their_top_and_put_blank_lines_in_wide_gaps():
    words = [
        pdf_word("Таблиця", 10, 7, 100),
        pdf_word("1.", 10, 3, 112), pdf_word("Ремонт", 40, 3, 112),
        pdf_word("2.", 10, 4, 124), pdf_word("Фарбування", 40, 4, 124),
        pdf_word("Підпис", 10, 9, 160),
    ]
    lines = grid_lines(words, cfg=CFG)
    assert [ln.text for ln in lines] == ["Таблиця", "1.    Ремонт", "2.    Фарбування", "", "", "Підпис"]


def test_char_width_is_the_typical_width_of_a_character():
    assert char_width([pdf_word("абв", 0, 0, 0, 4.0), pdf_word("где", 20, 0, 0, 6.0), pdf_word("є", 40, 0, 0, 6.0)]) == 6.0
    assert char_width([]) == 1.0


@pytest.mark.parametrize(
    "change", [{"full_line_ratio": 1.5}, {"min_columns": 1}, {"seed_min_fragments": 1}, {"fragment_gap": 0.5},
               {"extend_rounds": 0}, {"tab_gap": -1}, {"edge_jitter": "2"}],
)
def test_finder_settings_are_validated(change):
    with pytest.raises(ValueError):
        FinderSettings(**change)


@pytest.mark.parametrize(
    "change",
    [{"justified_min_gaps": 1}, {"same_edges_share": 1.5}, {"unruled_body_gap": 0}, {"unruled_row_gap": 1.0},
     {"edge_straddle": -1.0}, {"geo_word_space_margin": 0}],
)
def test_finder_settings_of_pdf_pages_are_validated(change):
    with pytest.raises(ValueError):
        FinderSettings(**change)


def test_amounts_printed_one_space_apart_are_one_fragment_each():
    # sources-breakdown-under-unknown-headers case: "Усього" and "державний бюджет" one space apart
    from extractor.readers.common.finder_settings import DEFAULT_FINDER_SETTINGS
    from extractor.readers.common.words import text_lines

    (line,) = text_lines("освіти   2 474,5 2 474,5   – 1,0   1 250 300   12 34", cfg=DEFAULT_FINDER_SETTINGS)
    assert [(f.x0, f.text) for f in line.frags] == [
        (0, "освіти"), (9, "2 474,5"), (17, "2 474,5"), (27, "–"), (29, "1,0"), (35, "1 250 300"), (47, "12 34")
    ]


def test_a_unit_printed_one_space_before_amounts_is_a_fragment_of_its_own():
    # narrow-portrait-columns case: "тис. грн 1 028,3" (unit and planned value one space apart)
    from extractor.readers.common.finder_settings import DEFAULT_FINDER_SETTINGS
    from extractor.readers.common.words import text_lines

    (line,) = text_lines("тис. грн 1 028,3   км 383   Економія коштів на 12,5   Захід –", cfg=DEFAULT_FINDER_SETTINGS)
    assert [f.text for f in line.frags] == ["тис. грн", "1 028,3", "км 383", "Економія коштів на 12,5", "Захід –"]
