"""Pure functions that read Ukrainian notation: numbers, dates, years, text.

Modules: :mod:`.numbers` (numeric cells → ``Decimal``), :mod:`.dates`
(printed dates → ``datetime.date``), :mod:`.years` (term cells and titles →
years / periods), :mod:`.text` (cleanup, null cells, vocabulary keys, item
numbers). Nothing here does I/O or keeps state.
"""

from extractor.normalize.dates import DATE_PATTERN, MONTHS_GENITIVE, ParsedDate, find_dates, parse_date
from extractor.normalize.numbers import (
    DASHES,
    NotNumeric,
    format_ukrainian,
    is_no_value,
    parse_number,
    try_number,
)
from extractor.normalize.text import (
    clean_text,
    fold,
    normalize_item_number,
    strip_number_prefix,
    text_value,
)
from extractor.normalize.years import parse_period, parse_years

__all__ = [
    "DASHES",
    "DATE_PATTERN",
    "MONTHS_GENITIVE",
    "NotNumeric",
    "ParsedDate",
    "clean_text",
    "find_dates",
    "fold",
    "format_ukrainian",
    "is_no_value",
    "normalize_item_number",
    "parse_date",
    "parse_number",
    "parse_period",
    "parse_years",
    "strip_number_prefix",
    "text_value",
    "try_number",
]
