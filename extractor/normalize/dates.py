"""Dates as printed in Ukrainian reports and council decisions.

Supported forms (no-break and other spaces tolerated everywhere):

* numeric: ``29.12.2016``, ``29/12/2016``, ``29.12.16`` (two-digit year:
  00–69 → 20xx, 70–99 → 19xx; a two-digit year needs a two-digit day and
  month, so item numbers such as ``1.2.10`` are not read as dates);
* with words: ``29 грудня 2016``, ``«29» грудня 2016`` (month in genitive,
  nominative or a common misspelling, any case);
* each optionally followed by ``р.``, ``р``, ``року``, ``рік`` (``29.12.2016р.``,
  ``29.12.2016 року``).

:data:`DATE_PATTERN` is a regex source (for the ``regex`` module; it also
compiles with ``re``) matching one date in any of these forms, with no anchors
and no capturing groups, so other modules can embed it in their own patterns.
:func:`parse_date` never raises: a date that does not exist (``31.02.2019``)
or a text that is not a date comes back as ``value=None`` with a ``problem``.
"""

from __future__ import annotations

import datetime
from typing import Callable, NamedTuple

import regex

from extractor.normalize.text import clean_text

#: month names (lower case) → month number: genitive, nominative, misspellings
MONTHS_GENITIVE: dict[str, int] = {
    "січня": 1,
    "лютого": 2,
    "березня": 3,
    "квітня": 4,
    "травня": 5,
    "червня": 6,
    "липня": 7,
    "серпня": 8,
    "вересня": 9,
    "жовтня": 10,
    "листопада": 11,
    "грудня": 12,
    # nominative
    "січень": 1,
    "лютий": 2,
    "березень": 3,
    "квітень": 4,
    "травень": 5,
    "червень": 6,
    "липень": 7,
    "серпень": 8,
    "вересень": 9,
    "жовтень": 10,
    "листопад": 11,
    "грудень": 12,
    # common misspellings / Russianisms
    "листопаду": 11,
    "лютаго": 2,
    "жовня": 10,
    "вересеня": 9,
}

#: two-digit years up to this value are 20xx, above it 19xx
TWO_DIGIT_YEAR_PIVOT = 69

_OPEN_QUOTES = "«\"„“'‘"
_CLOSE_QUOTES = "»\"”“'’"
_MONTH_ALT = "|".join(sorted(MONTHS_GENITIVE, key=len, reverse=True))
_SUFFIX = r"(?:\s*(?:року|рік|р\.|р(?![\w])))?"
_NUM_SEP = r"\s{0,2}[./]\s{0,2}"


def _build(group: Callable[[str, str], str]) -> str:
    """The date pattern; ``group(name, body)`` wraps the parts to be read back."""
    numeric4 = (
        rf"(?<![0-9]){group('d', '[0-3]?[0-9]')}{_NUM_SEP}{group('m', '[0-1]?[0-9]')}"
        rf"{_NUM_SEP}{group('y', '[0-9]{4}')}(?![0-9])"
    )
    numeric2 = (
        rf"(?<![0-9.]){group('d2', '[0-3][0-9]')}\.{group('m2', '[0-1][0-9]')}"
        rf"\.{group('y2', '[0-9]{2}')}(?![0-9]|\.[0-9])"
    )
    words = (
        rf"(?<![0-9])(?:[{_OPEN_QUOTES}]\s{{0,2}})?{group('d3', '[0-3]?[0-9]')}"
        rf"(?:\s{{0,2}}[{_CLOSE_QUOTES}])?\s*{group('m3', f'(?i:{_MONTH_ALT})')}(?![\w])"
        rf"\s*{group('y3', '[0-9]{4}')}(?![0-9])"
    )
    return rf"(?:(?:{numeric4}|{numeric2}|{words}){_SUFFIX})"


#: regex source matching one date, no anchors, non-capturing groups only
DATE_PATTERN: str = _build(lambda name, body: f"(?:{body})")

_DATE_RE = regex.compile(_build(lambda name, body: f"(?P<{name}>{body})"))
_FIND_RE = regex.compile(DATE_PATTERN)


class ParsedDate(NamedTuple):
    """A parsed date, or ``value=None`` with a human-readable ``problem``."""

    value: datetime.date | None
    problem: str | None


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year <= TWO_DIGIT_YEAR_PIVOT else 1900
    return year


def _from_match(match: regex.Match, printed: str) -> ParsedDate:
    if match["d"] is not None:
        day, month, year = int(match["d"]), int(match["m"]), _year(match["y"])
    elif match["d2"] is not None:
        day, month, year = int(match["d2"]), int(match["m2"]), _year(match["y2"])
    else:
        day, month, year = int(match["d3"]), MONTHS_GENITIVE[match["m3"].casefold()], int(match["y3"])
    try:
        return ParsedDate(datetime.date(year, month, day), None)
    except ValueError:
        return ParsedDate(None, f"date {printed} does not exist")


def parse_date(text: str | None) -> ParsedDate:
    """The one date that makes up ``text`` (surrounding spaces and a final
    period or comma allowed). Never raises."""
    cleaned = clean_text(text)
    candidate = cleaned.rstrip(",;")
    match = _DATE_RE.fullmatch(candidate)
    if match is None and candidate.endswith("."):
        match = _DATE_RE.fullmatch(candidate[:-1])
    if match is None:
        return ParsedDate(None, f"not a date: {cleaned!r}")
    return _from_match(match, match.group(0))


def find_dates(text: str | None) -> list[tuple[int, int, ParsedDate]]:
    """``(start, end, parsed)`` for every date in ``text``, spans into ``text``."""
    if not text:
        return []
    found = []
    for match in _FIND_RE.finditer(text):
        inner = _DATE_RE.fullmatch(match.group(0))
        if inner is None:  # pragma: no cover - the two patterns are built alike
            continue
        found.append((match.start(), match.end(), _from_match(inner, clean_text(match.group(0)))))
    return found
