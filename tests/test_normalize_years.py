"""Tests for extractor.normalize.years: term cells and program periods."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.normalize.years import parse_period, parse_years
from extractor.settings import DEFAULT_EXTRACT

YEARS = [
    ("2019", [2019]),
    ("2019 рік", [2019]),
    ("2021\nрік", [2021]),
    ("2017-2019", [2017, 2018, 2019]),
    ("2017 – 2019 роки", [2017, 2018, 2019]),
    ("2017-2019 рр.", [2017, 2018, 2019]),
    ("2021-\n2023", [2021, 2022, 2023]),
    ("2022-\n2023", [2022, 2023]),
    ("2017—2019", [2017, 2018, 2019]),
    ("2017−2019", [2017, 2018, 2019]),
    ("2017\u00ad-2019", [2017, 2018, 2019]),
    ("2017-19", [2017, 2018, 2019]),
    ("з 2017 по 2019 роки", [2017, 2018, 2019]),
    ("2019/2020", [2019, 2020]),
    ("2019, 2020", [2019, 2020]),
    ("2019,2020", [2019, 2020]),
    ("2019 та 2020 роки", [2019, 2020]),
    ("2020, 2017-2018", [2017, 2018, 2020]),
    ("2019-2019", [2019]),
    ("протягом року", []),
    ("постійно", []),
    ("", []),
    (None, []),
    ("–", []),
    ("І квартал 2020 року", [2020]),
    ("до 31.12.2019", [2019]),
    ("1990-2050", [1990, 2050]),  # wider than the span limit: only the printed years
    ("2019-2017", [2017, 2019]),  # reversed: only the printed years
    ("1985", []),
    ("2101", []),
    ("1445,0", []),
    ("2000,5", []),  # an amount, not a year
    ("20190", []),
    ("12 камер", []),
]


@pytest.mark.parametrize(("text", "expected"), YEARS)
def test_parse_years(text, expected):
    assert parse_years(text) == expected


PERIODS = [
    ("на 2017-2019 роки", (2017, 2019)),
    ("Термін реалізації Програми: 2017 – 2019 роки", (2017, 2019)),
    ("Заключний звіт … програми «Безпечне місто» на 2017-2019 роки", (2017, 2019)),
    ("рішення від 29.12.2016 № 508 про програму на 2017-2019 роки", (2017, 2019)),
    ("за 2021 рік", (2021, 2021)),
    ("програма на 2021-2023 роки за 2021 рік", (2021, 2023)),
    ("на 2019-2017 роки", (2017, 2019)),
    ("постійно", None),
    ("", None),
    (None, None),
]


@pytest.mark.parametrize(("text", "expected"), PERIODS)
def test_parse_period(text, expected):
    assert parse_period(text) == expected


@given(st.integers(1990, 2100), st.integers(0, DEFAULT_EXTRACT.max_range_span), st.sampled_from(["-", "–", " – ", "—", "-\n"]))
def test_ranges_expand(start, span, dash):
    end = min(start + span, 2100)
    assert parse_years(f"{start}{dash}{end} роки") == list(range(start, end + 1))
    assert parse_period(f"на {start}{dash}{end} роки") == (start, end)


@given(st.text())
def test_parse_years_never_raises(text):
    years = parse_years(text)
    assert years == sorted(set(years))
    assert all(1990 <= y <= 2100 for y in years)
