"""Years and year ranges in term cells and program titles.

A year is a four-digit number from ``min_year`` to ``max_year`` not
glued to other digits and not the integer part of a decimal amount
(``"2000,5"``); the year of a date counts (``"до 31.12.2019"`` → 2019).
A range is two years joined by a dash (any of :data:`DASHES`, spaces and line
breaks allowed around it), a slash, or ``по``/``до`` (``"з 2017 по 2019"``),
also with a two-digit end (``"2017-19"``). A range covers every year from start
to end, unless it is reversed or spans more than ``max_range_span`` years,
in which case only the two printed years are taken. The three bounds are
parameters (``ExtractSettings`` holds them and their defaults); the functions
stay pure.
"""

from __future__ import annotations

import regex

from extractor.normalize.dates import find_dates
from extractor.normalize.numbers import DASHES, INVISIBLE
from extractor.settings import DEFAULT_EXTRACT

_MIN, _MAX, _SPAN = DEFAULT_EXTRACT.min_year, DEFAULT_EXTRACT.max_year, DEFAULT_EXTRACT.max_range_span

_INVISIBLE_RE = regex.compile(f"[{regex.escape(INVISIBLE)}]")
_YEAR = r"(?<![0-9])[0-9]{4}(?![0-9])(?![.,][0-9]{1,3}(?![0-9]))"
_RANGE_RE = regex.compile(
    rf"(?P<a>{_YEAR})\s*(?:[{regex.escape(DASHES)}/]|(?<=\s)(?:по|до)(?=\s))\s*"
    rf"(?:(?P<b>{_YEAR})|(?P<b2>(?<![0-9])[0-9]{{2}}(?![0-9])(?![.,][0-9])))"
)
_YEAR_RE = regex.compile(rf"(?P<a>{_YEAR})")


def _range_years(match: regex.Match, min_year: int, max_year: int, max_range_span: int) -> list[int] | None:
    """The years of one range match, or None when it is not a plausible range."""
    start = int(match["a"])
    if match["b"] is not None:
        end = int(match["b"])
    else:
        end = start // 100 * 100 + int(match["b2"])
        if end <= start:
            return None  # "2019-15" is not a range of years
    if not (min_year <= start <= max_year and min_year <= end <= max_year):
        return None
    if start <= end and end - start <= max_range_span:
        return list(range(start, end + 1))
    return [start, end]


def _scan(text: str, min_year: int, max_year: int, max_range_span: int) -> list[tuple[int, list[int], bool]]:
    """``(position, years, is_range)`` for every year or range, in text order."""
    text = _INVISIBLE_RE.sub("", text)
    found: list[tuple[int, list[int], bool]] = []
    taken: list[tuple[int, int]] = []
    for match in _RANGE_RE.finditer(text, overlapped=False):
        years = _range_years(match, min_year, max_year, max_range_span)
        if years is not None:
            found.append((match.start(), years, True))
            taken.append(match.span())
    for match in _YEAR_RE.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        year = int(match["a"])
        if min_year <= year <= max_year:
            found.append((match.start(), [year], False))
    found.sort(key=lambda item: item[0])
    return found


def parse_years(text: str | None, min_year: int = _MIN, max_year: int = _MAX, max_range_span: int = _SPAN) -> list[int]:
    """All years a text covers, ascending without repeats (``"2017-2019"`` →
    ``[2017, 2018, 2019]``; ``"постійно"`` → ``[]``)."""
    if not text:
        return []
    years: set[int] = set()
    for _, found, _ in _scan(text, min_year, max_year, max_range_span):
        years.update(found)
    return sorted(years)


def parse_period(text: str | None, min_year: int = _MIN, max_year: int = _MAX,
                 max_range_span: int = _SPAN) -> tuple[int, int] | None:
    """``(start, end)`` of the first year range in ``text``, else of its first
    single year (``(2019, 2019)``); years that belong to dates are ignored
    (``"рішення від 29.12.2016 … на 2017-2019 роки"`` → ``(2017, 2019)``).
    A reversed range is returned in ascending order. ``None`` when no year."""
    if not text:
        return None
    masked = text
    for start, end, _ in reversed(find_dates(text)):
        masked = masked[:start] + " " * (end - start) + masked[end:]
    found = _scan(masked, min_year, max_year, max_range_span)
    for _, years, is_range in found:
        if is_range:
            return min(years), max(years)
    if found:
        year = found[0][1][0]
        return year, year
    return None
