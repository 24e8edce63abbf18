"""Tests for extractor.normalize.dates: printed dates."""

from __future__ import annotations

import datetime
import re

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from extractor.normalize.dates import DATE_PATTERN, MONTHS_GENITIVE, ParsedDate, find_dates, parse_date

D = datetime.date

VALID = [
    ("29.12.2016", D(2016, 12, 29)),
    ("29.12.2016р.", D(2016, 12, 29)),
    ("29.12.2016 р.", D(2016, 12, 29)),
    ("29.12.2016 р", D(2016, 12, 29)),
    ("29.12.2016 року", D(2016, 12, 29)),
    ("29 грудня 2016 року", D(2016, 12, 29)),
    ("29 грудня 2016", D(2016, 12, 29)),
    ("«29» грудня 2016 р.", D(2016, 12, 29)),
    ("“29” грудня 2016 року", D(2016, 12, 29)),
    ('"29" грудня 2016 р.', D(2016, 12, 29)),
    ("29.12.16", D(2016, 12, 29)),
    ("29/12/2016", D(2016, 12, 29)),
    ("29\u00a0грудня\u00a02016\u00a0року", D(2016, 12, 29)),
    ("29.12.2016\u00a0р.", D(2016, 12, 29)),
    ("  29.12.2016  ", D(2016, 12, 29)),
    ("29.12.2016.", D(2016, 12, 29)),
    ("9.3.2017", D(2017, 3, 9)),
    ("09.03.2017", D(2017, 3, 9)),
    ("23 грудня 2020 року", D(2020, 12, 23)),
    ("17 ГРУДНЯ 2021 року", D(2021, 12, 17)),
    ("1 листопаду 2019", D(2019, 11, 1)),  # common misspelling
    ("5 березень 2018", D(2018, 3, 5)),  # nominative month
    ("01.07.2022", D(2022, 7, 1)),
    ("29.02.2020", D(2020, 2, 29)),
    ("29.12.1999", D(1999, 12, 29)),
    ("01.01.75", D(1975, 1, 1)),
    ("29. 12. 2016", D(2016, 12, 29)),
]


@pytest.mark.parametrize(("text", "expected"), VALID)
def test_parse_date_valid(text, expected):
    assert parse_date(text) == ParsedDate(expected, None)


@pytest.mark.parametrize("text", ["31.02.2019", "29.02.2019", "12.13.2019", "00.01.2020", "32 грудня 2020"])
def test_parse_date_impossible_dates_report_a_problem(text):
    parsed = parse_date(text)
    assert parsed.value is None
    assert "does not exist" in parsed.problem


def test_impossible_date_problem_names_the_date():
    assert parse_date("31.02.2019").problem == "date 31.02.2019 does not exist"


@pytest.mark.parametrize(
    "text", ["", "так", "2019", "2017-2019", "1.1.1", "1445,0", "29 грудня", "від 29.12.2016 № 508", "29.12", None]
)
def test_parse_date_not_a_date(text):
    parsed = parse_date(text)
    assert parsed.value is None
    assert parsed.problem.startswith("not a date")


def test_months_cover_all_twelve_genitive_forms():
    genitive = ["січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня",
                "жовтня", "листопада", "грудня"]  # fmt: skip
    assert [MONTHS_GENITIVE[name] for name in genitive] == list(range(1, 13))


def test_date_pattern_has_no_capturing_groups_and_composes():
    assert regex.compile(DATE_PATTERN).groups == 0
    assert re.compile(DATE_PATTERN).groups == 0
    decision = regex.compile(rf"від\s*({DATE_PATTERN})\s*(?:№|N)\s*([0-9][0-9/\-]*)")
    text = "затверджено рішенням від 29.12.2016  № 508, зміни від 17 грудня 2021 року № 998/19)."
    found = [(m.group(1), m.group(2)) for m in decision.finditer(text)]
    assert found == [("29.12.2016", "508"), ("17 грудня 2021 року", "998/19")]


def test_find_dates_spans():
    text = "рішення від 24.12.2020 № 67, від «5» березня 2018 р. № 12 та 31.02.2019"
    found = find_dates(text)
    assert [text[s:e] for s, e, _ in found] == ["24.12.2020", "«5» березня 2018 р.", "31.02.2019"]
    assert [p.value for _, _, p in found] == [D(2020, 12, 24), D(2018, 3, 5), None]
    assert found[2][2].problem == "date 31.02.2019 does not exist"


@pytest.mark.parametrize(
    "text",
    [
        "захід 1.2.10 виконано",  # item number, not a two-digit-year date
        "сума 1445,0 тис. грн",
        "на 2017-2019 роки",
        "129.12.20161",
    ],
)
def test_find_dates_ignores_non_dates(text):
    assert find_dates(text) == []


def test_find_dates_glued_to_number_sign():
    text = "від 25.01.2018р.№917"
    ((start, end, parsed),) = find_dates(text)
    assert text[start:end] == "25.01.2018р."
    assert parsed.value == D(2018, 1, 25)


def test_find_dates_empty():
    assert find_dates("") == []
    assert find_dates(None) == []


@given(st.text())
def test_parse_date_never_raises(text):
    parsed = parse_date(text)
    assert (parsed.value is None) != (parsed.problem is None)


@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2100, 12, 31)), st.sampled_from(["", "р.", " р.", " року"]))
def test_numeric_dates_round_trip(date, suffix):
    assert parse_date(f"{date:%d.%m.%Y}{suffix}").value == date


@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2100, 12, 31)))
def test_worded_dates_round_trip(date):
    genitive = {month: name for name, month in list(MONTHS_GENITIVE.items())[:12]}
    assert parse_date(f"«{date.day}» {genitive[date.month]} {date.year} року").value == date
