"""Running-text lines of a PDF page → paragraphs; page-number lines.

A PDF keeps lines, not paragraphs. Consecutive lines (with no table between
them) are one paragraph when the later line *continues* the earlier one:

* the vertical gap between them is under ``PARAGRAPH_GAP_EM`` times the font
  size (an empty paragraph or paragraph spacing makes a wider gap);
* they have the same font size and weight;
* the earlier line is full: the room left before the text column's right
  edge is narrower than the later line's first word (plus
  ``WRAP_SLACK_EM``), so the word had to wrap; a line ended short was ended
  on purpose; and it starts left of the column's centre (a short
  right-aligned line such as "Додаток 1" is full but never wraps);
* the later line does not start to the right of the earlier one (a first-line
  indent opens a new paragraph).

Centred lines (titles) therefore come out one paragraph per line, and so do
the lines of a manual line break. A paragraph that runs on from one page to
the next is one paragraph (the same test without the gap), kept on the page
where it starts.

Page furniture (``furniture``), in the top or bottom ``MARGIN_BAND`` of a
page:

* a line that holds only a page number ("2", "- 2 -", "Стор. 2 з 5") is
  dropped: it is not content, and a table continued below it still counts as
  the first thing on its page;
* a running header or footer (the same text, digits aside, at the same
  height on two or more pages) is kept once, where it first appears, as a
  ``part="header"`` / ``part="footer"`` paragraph (as the DOCX reader gives a
  header part once), and dropped elsewhere.

A continuation mark ("Продовження таблиці 2", "Закінчення додатка") is
recognised by ``CONTINUATION_MARK``; the reader drops it when it stands
directly above a table at the top of a page.
"""

from __future__ import annotations

import regex

from ..document import Paragraph
from .common.tokens import is_page_number
from .pdf_page import TextLine

#: a wider gap between lines than this many ems separates paragraphs
PARAGRAPH_GAP_EM = 1.0
#: the space before a wrapped word plus a little tolerance, in ems
WRAP_SLACK_EM = 0.3
#: points by which a line may start right of the previous one and still continue it
INDENT_TOLERANCE = 2.0
#: share of the page height at the top and bottom where page numbers stand
MARGIN_BAND = 0.1

#: points within which a running header stands at the same height on every page
RUNNING_TOLERANCE = 3.0

#: "Продовження таблиці 2", "Продовження додатка 1", "Закінчення табл. 3"
CONTINUATION_MARK = regex.compile(
    r"^\s*(?:продовження|закінчення)\s+(?:табл(?:иці|\.)|додатк[ау]|додатка)?[\s\d.№]*$",
    regex.IGNORECASE,
)


def continues(prev: TextLine, line: TextLine, column: tuple[float, float], *, new_page: bool = False) -> bool:
    """Whether ``line`` is the next line of the paragraph that ``prev`` belongs to.

    ``column`` is the (left, right) extent of the page's text column. With ``new_page`` (``prev`` ended the previous page, ``line`` starts this
    one) the vertical gap is not considered.
    """
    size = max(prev.size, line.size)
    if not new_page and line.top - prev.bottom > PARAGRAPH_GAP_EM * size:
        return False
    if abs(prev.size - line.size) > 0.5 or prev.bold != line.bold:
        return False
    left, right = column
    if right - prev.x1 > line.first_word_width + WRAP_SLACK_EM * size:
        return False
    if prev.x0 > (left + right) / 2:  # a right-aligned or centred short line never wraps
        return False
    return line.x0 <= prev.x0 + INDENT_TOLERANCE


def margin_part(line: TextLine, page_height: float) -> str | None:
    """"header" or "footer" when the line stands in the page's top or bottom margin band, else None."""
    if line.bottom <= page_height * MARGIN_BAND:
        return "header"
    if line.top >= page_height * (1 - MARGIN_BAND):
        return "footer"
    return None


def page_number_part(line: TextLine, page_height: float) -> str | None:
    """"header" or "footer" when the line is a lone page number in the page's margin band, else None."""
    return margin_part(line, page_height) if is_page_number(line.text) else None


def _running_key(line: TextLine, part: str) -> tuple[str, str, int]:
    return (part, regex.sub(r"\d+", "#", " ".join(line.text.split())), round(line.top / RUNNING_TOLERANCE))


def furniture(pages: list[tuple[int, float, list[TextLine]]]) -> dict[tuple[int, int], str | None]:
    """Page furniture among the lines of all pages (see the module docstring).

    ``pages`` holds (page number, page height, lines). The answer maps
    (page number, line index) to ``None`` for a line to drop, or to "header" /
    "footer" for a running line kept as such; lines not in it are body text.
    """
    out: dict[tuple[int, int], str | None] = {}
    seen: dict[tuple[str, str, int], set[int]] = {}
    candidates = []
    for number, height, lines in pages:
        for i, line in enumerate(lines):
            part = margin_part(line, height)
            if part is None:
                continue
            if is_page_number(line.text):
                out[(number, i)] = None
                continue
            key = _running_key(line, part)
            seen.setdefault(key, set()).add(number)
            candidates.append((number, i, key, part))
    kept: set[tuple[str, str, int]] = set()
    for number, i, key, part in candidates:
        if len(seen[key]) < 2:
            continue
        out[(number, i)] = None if key in kept else part
        kept.add(key)
    return out


def group_paragraphs(lines: list[TextLine], column: tuple[float, float], page: int) -> list[tuple[float, Paragraph, list[TextLine]]]:
    """Paragraphs from consecutive body lines, each with the top of its first line and its lines."""
    out: list[tuple[float, Paragraph, list[TextLine]]] = []
    current: list[TextLine] = []

    def close() -> None:
        out.append((current[0].top, Paragraph("\n".join(l.text for l in current), page=page), current))

    for line in lines:
        if current and not continues(current[-1], line, column):
            close()
            current = []
        current.append(line)
    if current:
        close()
    return out
