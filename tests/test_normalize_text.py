"""Tests for extractor.normalize.text: cleanup, null cells, keys, item numbers."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.normalize.text import clean_text, fold, normalize_item_number, strip_number_prefix, text_value

CLEAN = [
    ("відео-\nспостереження", "відеоспостереження"),
    ("відео-\r\nспостереження", "відеоспостереження"),
    ("відео- \n  спостереження", "відеоспостереження"),
    ("відеоспостере-\nження  ліцею", "відеоспостереження ліцею"),
    ("ІР-\nкамер", "ІР-камер"),
    ("2017-\n2019", "2017-2019"),
    ("міста-\nЖитомира", "міста-Житомира"),
    ("Житомир-водоканал", "Житомир-водоканал"),
    ("ІР-камер", "ІР-камер"),
    ("відео-спостереження", "відео-спостереження"),
    ("заходи -\nвиконано", "заходи - виконано"),  # a spaced dash is not a hyphenated word
    ("Встанов\u00adлення", "Встановлення"),
    ("відео\u200bкамер", "відеокамер"),
    ("\ufeffТекст", "Текст"),
    ("  a\u00a0 b\tc\n\nd\u202fe\u2009f  ", "a b c d e f"),
    ("рядок\u2028другий", "рядок другий"),
    ("i\u0308", "ï"),  # NFC
    ("", ""),
    (None, ""),
    ("   ", ""),
]


@pytest.mark.parametrize(("text", "expected"), CLEAN)
def test_clean_text(text, expected):
    assert clean_text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("–", None),
        ("-", None),
        (" — ", None),
        ("", None),
        (None, None),
        ("\u00ad", None),
        ("од.", "од."),
        ("тис.\u00a0грн.", "тис. грн."),
        ("- 3", "- 3"),
    ],
)
def test_text_value(text, expected):
    assert text_value(text) == expected


FOLD = [
    ("вико-нання", "виконання"),
    ("профінансо-вано", "профінансовано"),
    ("Профінансо-\nвано", "профінансовано"),
    ("вико- нання", "виконання"),
    ("Найменування заходу:", "найменування заходу"),
    ("  Виконавець  ", "виконавець"),
    ("П’ятий", "п'ятий"),
    ("Пʼятий", "п'ятий"),
    ("П`ятий", "п'ятий"),
    ("(тис. грн)", "тис. грн"),
    ("Обсяг фінансування, тис.\u00a0грн.", "обсяг фінансування, тис. грн"),
    ("Bиконання", "виконання"),  # Latin B in a Cyrillic word
    ("ПOKAЗНИKИ ЗATPAT", "показники затрат"),  # Latin O K A T P in Cyrillic words
    ("II. Показники", "ii. показники"),  # an all-Latin word stays Latin
    ("Їжак", "їжак"),
    ("Йорданія", "йорданія"),
    ("ЁЛКА", "ёлка"),
    ("%", "%"),
    ("Video", "video"),  # a Latin word keeps its letters
    ("ІР-камер", "іркамер"),
    ("2017-2019", "2017-2019"),
]


@pytest.mark.parametrize(("text", "expected"), FOLD)
def test_fold(text, expected):
    assert fold(text) == expected


def test_fold_matches_header_variants():
    variants = ["Стан виконання", "СТАН ВИКО-НАННЯ", "стан\u00a0вико-\nнання:", "Стан виконання."]
    assert {fold(v) for v in variants} == {"стан виконання"}


PREFIXES = [
    ("1.1 Встановлення", ("1.1", "Встановлення")),
    ("1.1. Текст", ("1.1", "Текст")),
    ("1.1\u00a0Текст", ("1.1", "Текст")),
    ("1.2.3. Текст", ("1.2.3", "Текст")),
    ("1.1Текст", ("1.1", "Текст")),
    ("2) Текст", ("2", "Текст")),
    ("2. Текст", ("2", "Текст")),
    ("2.Текст", ("2", "Текст")),
    ("ІІ. Показники продукту", ("ІІ", "Показники продукту")),
    ("IV. Показники якості", ("IV", "Показники якості")),
    ("ІV. Показники якості", ("ІV", "Показники якості")),  # Cyrillic І + Latin V
    ("а) заміна", ("а", "заміна")),
    ("Завдання 2. Ремонт доріг", ("2", "Ремонт доріг")),
    ("Завдання 3: Ремонт", ("3", "Ремонт")),
    ("Текст", (None, "Текст")),
    ("12 камер", (None, "12 камер")),
    ("І квартал 2020 року", (None, "І квартал 2020 року")),
    ("29.12.2016 рішення", (None, "29.12.2016 рішення")),
    ("2017-2019 роки", (None, "2017-2019 роки")),
    ("3", ("3", "")),
    ("1.1.", ("1.1", "")),
    ("", (None, "")),
    (None, (None, "")),
]


@pytest.mark.parametrize(("text", "expected"), PREFIXES)
def test_strip_number_prefix(text, expected):
    assert strip_number_prefix(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1.", "1"), ("1.1.", "1.1"), (" 3 ", "3"), ("ІІ.", "ІІ"), ("2)", "2"), ("1.1", "1.1"), ("–", None), ("", None)],
)
def test_normalize_item_number(text, expected):
    assert normalize_item_number(text) == expected


@given(st.text())
def test_clean_text_is_idempotent_and_tidy(text):
    cleaned = clean_text(text)
    assert clean_text(cleaned) == cleaned
    assert cleaned == cleaned.strip()
    assert "  " not in cleaned and "\n" not in cleaned and "\u00ad" not in cleaned
    assert unicodedata.is_normalized("NFC", cleaned)


@given(st.text())
def test_fold_is_idempotent(text):
    folded = fold(text)
    assert fold(folded) == folded


@given(st.text())
def test_strip_number_prefix_never_raises(text):
    number, rest = strip_number_prefix(text)
    assert number is None or number
    assert rest == clean_text(rest)
