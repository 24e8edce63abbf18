"""Tests for extractor.readers.common.broken_words: header words a narrow cell broke over two lines."""

from __future__ import annotations

from extractor.readers.common.broken_words import rejoin_broken_words


def test_words_broken_without_a_hyphen_in_a_narrow_header_cell_are_put_back():
    text = "Орієнтовн\nий обсяг\nфінансува\nння\nвідповідно\nдо\nпрограми,\nтис. грн."
    assert rejoin_broken_words(text) == "Орієнтовний обсяг\nфінансування\nвідповідно\nдо\nпрограми,\nтис. грн."


def test_a_break_before_a_hyphenated_rest_of_the_word_is_closed():
    assert rejoin_broken_words("Фактично\nпрофінан\nсо-вано у\nперіоді") == "Фактично\nпрофінансо-вано у\nперіоді"


def test_a_break_between_two_words_stays():
    """Both pieces are words, or the joined word is no header word: the break is between words."""
    assert rejoin_broken_words("Зміст\nзаходів") == "Зміст\nзаходів"
    assert rejoin_broken_words("відповідно\nдо") == "відповідно\nдо"
    assert rejoin_broken_words("Одиниця\nВиміру") == "Одиниця\nВиміру"


def test_the_name_of_an_indicator_group_alone_is_a_group_heading():
    from extractor.readers.common.broken_words import names_indicator_group

    assert names_indicator_group("Показники затрат")
    assert names_indicator_group("ІІ. Показники\nпродукту")
    assert not names_indicator_group("Показники затрат на одиницю")
    assert not names_indicator_group("затрат")  # a wrapped word of a name
    assert not names_indicator_group("Обсяг видатків")


def test_a_column_name_broken_by_a_narrow_cell_still_opens_a_column_name():
    from extractor.readers.common.broken_words import opens_column_name

    assert opens_column_name("Планов", cut_short=5) and opens_column_name("Фактич", cut_short=5)
    assert not opens_column_name("Планов")
    assert not opens_column_name("План", cut_short=0) or opens_column_name("План")  # "план" is a name itself
    assert not opens_column_name("Плано вий", cut_short=5)  # two words: not one broken word
    assert not opens_column_name("Рем", cut_short=5)  # too short to stand for a word
