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

from ..document import Block
from .common.assemble import find_tables
from .common.finder_settings import DEFAULT_FINDER_SETTINGS, FinderSettings
from .common.words import text_lines


def read_layout_blocks(text: str, cfg: FinderSettings = DEFAULT_FINDER_SETTINGS) -> list[Block] | None:
    """Paragraphs and tables of layout-preserving text, in reading order; None when it has no table.

    Pages are counted from 1 at each form feed.
    """
    pages = text.split("\f")
    if len(pages) > 1 and not pages[-1].strip():
        pages.pop()  # the form feed that ends the last page
    return find_tables([text_lines(page, cfg=cfg) for page in pages], cfg=cfg)
