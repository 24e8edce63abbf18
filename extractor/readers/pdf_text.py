"""Running-text lines of a PDF page → paragraphs; page-number lines.

A PDF keeps lines, not paragraphs. Consecutive lines (with no table between
them) are one paragraph when the later line *continues* the earlier one:

* the vertical gap between them is under ``PARAGRAPH_GAP_EM`` times the font
  size (an empty paragraph or paragraph spacing makes a wider gap);
* they have the same font size and weight;
* the earlier line is full: the room left before the text column's right
  edge is narrower than the later line's first word (plus
  ``WRAP_SLACK_EM``), so the word had to wrap; a line ended short was ended
  on purpose;
* the later line does not start to the right of the earlier one (a first-line
  indent opens a new paragraph).

Centred lines (titles) therefore come out one paragraph per line, and so do
the lines of a manual line break.

Page numbers: a line in the top or bottom ``MARGIN_BAND`` of the page that
holds only a page number ("2", "- 2 -", "Стор. 2 з 5") is returned with
``part="header"`` (top) or ``part="footer"`` (bottom), so that extraction,
which reads body paragraphs, never sees it, and a table continued after it
still counts as the first thing on its page.
"""

from __future__ import annotations

import regex

from ..document import Paragraph
from .pdf_page import TextLine

#: a wider gap between lines than this many ems separates paragraphs
PARAGRAPH_GAP_EM = 1.0
#: the space before a wrapped word plus a little tolerance, in ems
WRAP_SLACK_EM = 0.3
#: points by which a line may start right of the previous one and still continue it
INDENT_TOLERANCE = 2.0
#: share of the page height at the top and bottom where page numbers stand
MARGIN_BAND = 0.1

PAGE_NUMBER = regex.compile(
    r"^[\s\-–—]*(?:(?:сторінка|стор|с|page|p)\.?\s*)?\d{1,4}(?:\s*(?:з|із|of|/)\s*\d{1,4})?[\s\-–—]*$",
    regex.IGNORECASE,
)


def continues(prev: TextLine, line: TextLine, right_edge: float) -> bool:
    """Whether ``line`` is the next line of the paragraph that ``prev`` belongs to."""
    size = max(prev.size, line.size)
    if line.top - prev.bottom > PARAGRAPH_GAP_EM * size:
        return False
    if abs(prev.size - line.size) > 0.5 or prev.bold != line.bold:
        return False
    if right_edge - prev.x1 > line.first_word_width + WRAP_SLACK_EM * size:
        return False
    return line.x0 <= prev.x0 + INDENT_TOLERANCE


def page_number_part(line: TextLine, page_height: float) -> str | None:
    """"header" or "footer" when the line is a lone page number in the page's margin band, else None."""
    if not PAGE_NUMBER.match(line.text):
        return None
    if line.bottom <= page_height * MARGIN_BAND:
        return "header"
    if line.top >= page_height * (1 - MARGIN_BAND):
        return "footer"
    return None


def group_paragraphs(lines: list[TextLine], right_edge: float, page: int) -> list[tuple[float, Paragraph]]:
    """Paragraphs (with the top of their first line) from consecutive body lines."""
    out: list[tuple[float, Paragraph]] = []
    current: list[TextLine] = []
    for line in lines:
        if current and not continues(current[-1], line, right_edge):
            out.append((current[0].top, Paragraph("\n".join(l.text for l in current), page=page)))
            current = []
        current.append(line)
    if current:
        out.append((current[0].top, Paragraph("\n".join(l.text for l in current), page=page)))
    return out
