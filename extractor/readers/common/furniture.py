"""Page furniture: what a page prints because it is a page, not because the report says it.

A running header or footer ("Додаток 2", "Продовження додатка", the
program's name over every page) is a line printed in the same place on
several pages. Each reader knows where a page's margin lines are (the PDF
text reader by their position in the margin band, the finder of tables
without rules by the first and last line of a page of text) and what makes
two of them the same (their text with the digits aside, and for a PDF their
height on the page); the rule that decides is one, here:
``repeated_on_pages``. A page-number line is ``tokens.is_page_number``.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def repeated_on_pages(lines: Iterable[tuple[int, K]], min_pages: int = 2) -> set[K]:
    """The keys of margin lines (page, key) printed on at least ``min_pages`` different pages: running lines."""
    pages: dict[K, set[int]] = {}
    for page, key in lines:
        pages.setdefault(key, set()).add(page)
    return {key for key, on in pages.items() if len(on) >= min_pages}
