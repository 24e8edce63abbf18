"""Running-text lines of a PDF page → paragraphs; page-number lines.

A PDF keeps lines, not paragraphs. Consecutive lines (with no table between
them) are one paragraph when the later line *continues* the earlier one
(the thresholds are ``settings.PdfSettings``'):

* the vertical gap between them is under ``paragraph_gap_em`` times the font
  size (an empty paragraph or paragraph spacing makes a wider gap);
* they have the same font size and weight;
* the earlier line is full: the room left before the text column's right
  edge is narrower than the later line's first word (plus
  ``wrap_slack_em``), so the word had to wrap; a line ended short was ended
  on purpose; and it starts left of the column's centre (a short
  right-aligned line such as "Додаток 1" is full but never wraps);
* in justified text, the earlier line reaches the right edge (within
  ``justified_slack_em``): there every line of a paragraph but its last is
  stretched to the edge, so a line ending short ends its paragraph even when
  the next line's first word would not have fitted after it. A web page
  printed by a browser separates paragraphs by nothing else: no spacing, no
  indent ("Відповідальний виконавець: управління …" over "Протягом
  звітного періоду …"). Text is justified (``justified``) when at least
  half of the lines of running text that the other rules would let wrap
  end at the right edge, at least one of them;
* the later line does not start to the right of the earlier one (a first-line
  indent opens a new paragraph).

Two lines centred in the column (within ``centre_tolerance``) are one
paragraph, a wrapped title, when the earlier is full: the column had no
room for the later line's first word ("про виконання Програми … на 2022-"
over "2024 роки").

Short centred lines (a title's own lines) therefore come out one paragraph
per line, and so do the lines of a manual line break. A paragraph that runs on from one page to
the next is one paragraph (the same test without the gap), kept on the page
where it starts.

Page furniture (``furniture``), in the top or bottom ``margin_band`` of a
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
from ..settings import DEFAULT_PDF, PdfSettings
from .common.furniture import repeated_on_pages
from .common.tokens import is_page_number
from .pdf_page import TextLine

#: "Продовження таблиці 2", "Продовження додатка 1", "Закінчення табл. 3"
CONTINUATION_MARK = regex.compile(
    r"^\s*(?:продовження|закінчення)\s+(?:табл(?:иці|\.)|додатк[ау]|додатка)?[\s\d.№]*$",
    regex.IGNORECASE,
)


def continues(
    prev: TextLine,
    line: TextLine,
    column: tuple[float, float],
    *,
    new_page: bool = False,
    justified: bool = False,
    settings: PdfSettings = DEFAULT_PDF,
) -> bool:
    """Whether ``line`` is the next line of the paragraph that ``prev`` belongs to.

    ``column`` is the (left, right) extent of the page's text column; ``justified``: the document's running text
    is justified (``justified``). With ``new_page`` (``prev`` ended the previous page, ``line`` starts this one)
    the vertical gap is not considered.
    """
    size = max(prev.size, line.size)
    if not new_page and line.top - prev.bottom > settings.paragraph_gap_em * size:
        return False
    if abs(prev.size - line.size) > 0.5 or prev.bold != line.bold:
        return False
    if _centred(prev, column, settings) and _centred(line, column, settings):
        # a centred title wrapped: the next line's first word did not fit in the column after the line
        width = column[1] - column[0]
        return width - (prev.x1 - prev.x0) <= line.first_word_width + settings.wrap_slack_em * size
    if not _may_wrap(prev, line, column, settings):
        return False
    if justified and "\t" not in prev.text and column[1] - prev.x1 > settings.justified_slack_em * prev.size:
        return False  # a line with a tab stop ends where its tab puts it
    return line.x0 <= prev.x0 + settings.indent_tolerance


def _centred(line: TextLine, column: tuple[float, float], settings: PdfSettings) -> bool:
    """The line stands centred in the column (within ``centre_tolerance``), clear of its left edge."""
    left, right = column
    return (abs((line.x0 + line.x1) / 2 - (left + right) / 2) <= settings.centre_tolerance
            and line.x0 - left > settings.centre_tolerance)


def _may_wrap(prev: TextLine, line: TextLine, column: tuple[float, float], settings: PdfSettings) -> bool:
    """``prev`` is full (``line``'s first word did not fit after it) and starts left of the column's centre."""
    left, right = column
    if right - prev.x1 > line.first_word_width + settings.wrap_slack_em * max(prev.size, line.size):
        return False
    return prev.x0 <= (left + right) / 2  # a right-aligned or centred short line never wraps


def justified(pages: list[tuple[list[TextLine], tuple[float, float]]], settings: PdfSettings = DEFAULT_PDF) -> bool:
    """Whether the running text of a document is justified (see the module docstring).

    ``pages`` holds each page's body lines and text column. The lines looked
    at are the ones that may wrap into the next (``_may_wrap``), span half
    the column or more from within ``indent_em`` of its left edge (a centred
    title may be what sets the right edge) and are no table row (no TAB in
    them or the next).
    """
    wrapping = at_edge = 0
    for lines, column in pages:
        left, right = column
        for prev, line in zip(lines, lines[1:]):
            if ("\t" in prev.text or "\t" in line.text or prev.x1 - prev.x0 < (right - left) / 2
                    or prev.x0 - left > settings.indent_em * prev.size
                    or abs(prev.size - line.size) > 0.5 or not _may_wrap(prev, line, column, settings)):
                continue
            wrapping += 1
            at_edge += right - prev.x1 <= settings.justified_slack_em * prev.size
    return at_edge > 0 and 2 * at_edge >= wrapping


def margin_part(line: TextLine, page_height: float, settings: PdfSettings = DEFAULT_PDF) -> str | None:
    """"header" or "footer" when the line stands in the page's top or bottom margin band, else None."""
    if line.bottom <= page_height * settings.margin_band:
        return "header"
    if line.top >= page_height * (1 - settings.margin_band):
        return "footer"
    return None


def page_number_part(line: TextLine, page_height: float, settings: PdfSettings = DEFAULT_PDF) -> str | None:
    """"header" or "footer" when the line is a lone page number in the page's margin band, else None."""
    return margin_part(line, page_height, settings) if is_page_number(line.text) else None


def _running_key(line: TextLine, part: str, settings: PdfSettings) -> tuple[str, str, int]:
    return (part, regex.sub(r"\d+", "#", " ".join(line.text.split())), round(line.top / settings.running_tolerance))


def furniture(
    pages: list[tuple[int, float, list[TextLine]]], settings: PdfSettings = DEFAULT_PDF
) -> dict[tuple[int, int], str | None]:
    """Page furniture among the lines of all pages (see the module docstring).

    ``pages`` holds (page number, page height, lines). The answer maps
    (page number, line index) to ``None`` for a line to drop, or to "header" /
    "footer" for a running line kept as such; lines not in it are body text.
    """
    out: dict[tuple[int, int], str | None] = {}
    candidates = []
    for number, height, lines in pages:
        for i, line in enumerate(lines):
            part = margin_part(line, height, settings)
            if part is None:
                continue
            if is_page_number(line.text):
                out[(number, i)] = None
                continue
            candidates.append((number, i, _running_key(line, part, settings), part))
    running = repeated_on_pages((number, key) for number, _i, key, _part in candidates)
    kept: set[tuple[str, str, int]] = set()
    for number, i, key, part in candidates:
        if key not in running:
            continue
        out[(number, i)] = None if key in kept else part
        kept.add(key)
    return out


def group_paragraphs(
    lines: list[TextLine],
    column: tuple[float, float],
    page: int,
    *,
    justified: bool = False,
    settings: PdfSettings = DEFAULT_PDF,
) -> list[tuple[float, Paragraph, list[TextLine]]]:
    """Paragraphs from consecutive body lines, each with the top of its first line and its lines."""
    out: list[tuple[float, Paragraph, list[TextLine]]] = []
    current: list[TextLine] = []

    def close() -> None:
        out.append((current[0].top, Paragraph("\n".join(l.text for l in current), page=page), current))

    for line in lines:
        if current and not continues(current[-1], line, column, justified=justified, settings=settings):
            close()
            current = []
        current.append(line)
    if current:
        close()
    return out
