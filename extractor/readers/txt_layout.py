"""Tables and paragraphs from layout-preserving text (``pdftotext -layout`` style).

In such text every line is one printed line of the page: table columns are
aligned with runs of spaces, a wrapped cell continues on the following lines
in its own column, and a form feed (``\\f``) separates the pages. Nothing
marks where a table starts or where a cell ends, so the structure is rebuilt
from geometry alone by the table finder over positioned words
(``extractor.readers.common``): each character's column is its x, its line
number its y. It never looks at particular words.
"""

from __future__ import annotations

import re
from collections import Counter

from ..document import Block
from .common.assemble import find_tables
from .common.finder_settings import DEFAULT_FINDER_SETTINGS, FinderSettings
from .common.words import text_lines

#: detector: lines looked at, aligned lines needed (count and share), share of TAB-led lines that rules it out
DETECT_MAX_LINES = 5000
DETECT_MIN_ALIGNED_LINES = 4
DETECT_ALIGNED_SHARE = 0.15
DETECT_TAB_LINE_SHARE = 0.2

_GAP_RE = re.compile(r"(?<=[^ ]) {2,}(?=[^ ])")


def looks_like_layout(text: str) -> bool:
    """Whether ``text`` looks like layout-preserving text (pdftotext -layout).

    True when there are form feeds, or when enough lines have inner runs of
    two or more spaces whose ends line up with those of other lines. Text
    whose lines often start with a TAB (a Word text export) is not layout text.
    """
    lines = text.split("\n", DETECT_MAX_LINES)[:DETECT_MAX_LINES]
    nonblank = [ln for ln in lines if ln.strip()]
    if not nonblank:
        return False
    tab_lines = sum(1 for ln in nonblank if ln.startswith("\t"))
    if tab_lines >= DETECT_TAB_LINE_SHARE * len(nonblank):
        return False
    if "\f" in text:
        return True
    positions: list[list[int]] = []
    counts: Counter[int] = Counter()
    for ln in nonblank:
        ends = [m.end() for m in _GAP_RE.finditer(ln.expandtabs(8))]
        positions.append(ends)
        counts.update(set(ends))
    aligned = sum(1 for ends in positions if any(counts[x] >= 3 for x in ends))
    return aligned >= max(DETECT_MIN_ALIGNED_LINES, DETECT_ALIGNED_SHARE * len(nonblank))


def read_layout_blocks(text: str, cfg: FinderSettings = DEFAULT_FINDER_SETTINGS) -> list[Block] | None:
    """Paragraphs and tables of layout-preserving text, in reading order; None when it has no table.

    Pages are counted from 1 at each form feed.
    """
    pages = text.split("\f")
    if len(pages) > 1 and not pages[-1].strip():
        pages.pop()  # the form feed that ends the last page
    return find_tables([text_lines(page, cfg=cfg) for page in pages], cfg=cfg)
