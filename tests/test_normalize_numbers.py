"""Tests for extractor.normalize.numbers: Ukrainian numeric cells."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.normalize.numbers import (
    DASHES,
    NotNumeric,
    format_ukrainian,
    is_no_value,
    parse_number,
    try_number,
)

NUMBERS = [
    ("1445,0", "1445.0"),
    ("23,065", "23.065"),  # the comma is always decimal
    ("1445.0", "1445.0"),  # a dot is decimal when there is no comma
    ("21 137,0", "21137.0"),
    ("21\u00a0137,0", "21137.0"),
    ("21\u202f137,0", "21137.0"),
    ("21\u2009137,0", "21137.0"),
    ("1 234 567,25", "1234567.25"),
    ("87,5%", "87.5"),
    ("87,5 %", "87.5"),
    ("0,0 %", "0.0"),
    ("100%", "100"),
    ("1\u00ad445,0", "1445.0"),
    ("14\u00ad45,0\u00ad", "1445.0"),
    ("  1445,0  ", "1445.0"),
    ("\u00a01445,0\u00a0", "1445.0"),
    ("120.", "120"),
    ("120,", "120"),
    ("0,0", "0.0"),
    ("0", "0"),
    ("13", "13"),
    (",5", "0.5"),
    ("-12,5", "-12.5"),
    ("\u221212,5", "-12.5"),
    ("\u201312,5", "-12.5"),  # en dash directly before digits: a minus typed in Word
    ("+3,0", "3.0"),
    ("-1 445,0", "-1445.0"),
    ("17\n914,7", "17914.7"),
    ("1445,\n0", "1445.0"),
    ("1445\n,0", "1445.0"),
    ("87,5\n%", "87.5"),
    ("1\n234\n567,0", "1234567.0"),
    ("\n1445,0\n", "1445.0"),
    ("1445,0\n\n", "1445.0"),  # blank lines at the ends are padding
    ("1.445,0", "1445.0"),
    ("1.234.567,5", "1234567.5"),
    ("1\u200b445,0", "1445.0"),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERS)
def test_parse_number_values(text, expected):
    value = parse_number(text)
    assert value == Decimal(expected)
    assert isinstance(value, Decimal)


def test_parse_number_keeps_exact_digits():
    assert parse_number("23,065").as_tuple() == Decimal("23.065").as_tuple()
    assert parse_number("1445,0").as_tuple() == Decimal("1445.0").as_tuple()
    assert parse_number("13").as_tuple() == Decimal("13").as_tuple()


@pytest.mark.parametrize(
    "text", [None, "", "   ", "\n", "\u00a0", "-", "‐", "‑", "‒", "–", "—", "−", "\u2e3a", " – ", "--", "\u00ad"]
)
def test_parse_number_no_value(text):
    assert parse_number(text) is None
    assert is_no_value(text)
    assert try_number(text) == (None, True)


@pytest.mark.parametrize(
    "text",
    [
        "так",
        "в процесі",
        "100 шт",
        "– 3,0",  # a dash followed by a space is not a sign
        "- 3,0",
        "—3,0",  # em dash is never a minus
        "704,0\n\n128,0",  # stacked values: callers split them
        "704,0\n128,0",
        "12,5\n-",
        "1.1.1",
        "%",
        "(12,5)",
        "1 44,0",  # bad thousands group
        "21 1370,0",
        "1445,0 грн",
        "12, 5",
        "144\n5,0",  # a break inside a group
        "704\n128",  # wrapped or stacked integers: ambiguous
        "5\n10",
        "1,2,3",
        "1.445.0",
        "2017-2019",
        "+",
        "x1",
    ],
)
def test_parse_number_rejects_text(text):
    with pytest.raises(NotNumeric) as info:
        parse_number(text)
    assert repr(text) in str(info.value)
    assert info.value.text == text
    assert try_number(text) == (None, False)
    assert not is_no_value(text)


def test_not_numeric_is_value_error():
    assert issubclass(NotNumeric, ValueError)


def test_try_number_returns_value():
    assert try_number("21 137,0") == (Decimal("21137.0"), True)


def test_dashes_cover_common_dash_characters():
    for ch in "-‐‑‒–—−":
        assert ch in DASHES


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        (Decimal("21137.0"), {}, "21 137,0"),
        (Decimal("-1234567.891"), {}, "-1 234 567,891"),
        (Decimal("5"), {"min_decimals": 1}, "5,0"),
        (Decimal("87.5"), {"percent": " %"}, "87,5 %"),
        (Decimal("1000"), {"thousands": "\u00a0"}, "1\u00a0000"),
        (Decimal("1E+3"), {}, "1 000"),
    ],
)
def test_format_ukrainian(value, kwargs, expected):
    assert format_ukrainian(value, **kwargs) == expected


SEPARATORS = st.sampled_from([" ", "\u00a0", "\u202f", "\u2009", ""])
DECIMALS = st.decimals(
    min_value=Decimal("-1000000000"), max_value=Decimal("1000000000"), places=3, allow_nan=False, allow_infinity=False
)


@given(value=DECIMALS, sep=SEPARATORS, percent=st.sampled_from(["", "%", " %", "\u00a0%"]))
def test_ukrainian_format_round_trips(value, sep, percent):
    text = format_ukrainian(value, thousands=sep, percent=percent)
    assert parse_number(text) == value


@given(value=DECIMALS, places=st.integers(min_value=0, max_value=3))
def test_ukrainian_format_round_trips_with_padding(value, places):
    assert parse_number(format_ukrainian(value, min_decimals=places)) == value


@given(st.text())
def test_parse_number_raises_only_not_numeric(text):
    try:
        result = parse_number(text)
    except NotNumeric:
        return
    assert result is None or isinstance(result, Decimal)
    if result is not None:
        assert result.is_finite()
