"""Tables crossing a page break: whether a piece on the next page repeats the table's header.

A word processor repeats a table's header rows at the top of every page it
runs on; a piece of the table that opens the next page and starts with
them continues the table, and the repeated rows are dropped. Both readers
of tables that cross pages ask this module, so one rule decides for both:

* the ruled PDF path (``extractor.readers.pdf_tables``), row by row over the
  leading rows of a continuation piece;
* the finder of tables without rules (``extractor.readers.common.assemble``),
  over the header words of a region that opens a page.

Two headers are the same when the words they print (runs of letters and
digits, case folded: ``header_words``) overlap by at least
``header_match_ratio`` (Dice's coefficient over the two multisets of
words: twice the shared words over all words). Words are compared, not
characters: a repeated header may be drawn shorter and lose a clipped
character, break its words at other places (``"викона-"`` over ``"ння"``)
or take in a line of the row below it, and the order pdftotext gives the
words of a header in is not the printed one. ``header_match_ratio`` is the
one setting: ``FinderSettings.header_match_ratio``, handed to both paths.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

#: a header word: a run of letters and digits
_WORD_RE = re.compile(r"\w+")


def header_words(texts: Iterable[str]) -> Counter[str]:
    """The words of a header's texts, case folded, with how often each is printed."""
    return Counter(w.casefold() for text in texts for w in _WORD_RE.findall(text))


def header_overlap(a: Counter[str], b: Counter[str]) -> float:
    """Dice's coefficient of two word multisets: 1.0 for the same words, 0.0 for none shared or no words."""
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 0.0


def repeats_header(a: Counter[str], b: Counter[str], header_match_ratio: float) -> bool:
    """Whether two headers (their ``header_words``) are the same header printed twice."""
    return header_overlap(a, b) >= header_match_ratio
