"""One scanned page image → the same ``PageContent`` a PDF text layer gives.

The page is made to look like a born-digital page source: its ruling lines
become pdfplumber edges and its recognised words become characters, and
both go through the PDF reader's own page code
(``extractor.readers.pdf_page.page_content``: pdfplumber's table finder on
the edges, each character sorted into the cell holding its centre, the rest
grouped into text lines). Spans, page joins, repeated headers and paragraphs
are therefore decided by the same rules as for a born-digital PDF.

Steps, for a page image at ``settings.dpi`` (``OcrSettings`` holds every
threshold):

1. coloured ink (a blue stamp or signature) is turned to paper, the skew is
   measured and undone, ruling lines are found, and the text's ink is what
   is left without the rules and without dust (``image``);
2. the page outside its ruled tables is read once with Tesseract's own
   layout analysis (``Engine.page``);
3. each table cell is read on its own (``read_cell``), inside its borders:
   as one line when its ink makes one band of rows, else as a block. Page
   layout analysis over a table mixes the lines of neighbouring cells (a
   header cell of three lines beside one of two) and reads the dots of the
   letters of one as a line of its own; a cell alone has none of that;
4. a cell whose reading looks like a number is read a second time by the
   digits reader (English, which has "%" where the Ukrainian model has
   none, with only digits, spaces, separators, signs and "%" allowed): when
   only one reading is a number, that one is kept; when both are and agree,
   the surer; when they give different numbers, the digits reading, trusted
   no more than ``settings.disputed``. A digits reading that is a percent
   sign alone is kept too: a unit cell "%", which the Ukrainian model reads
   as "96". A cell that does not read as a
   number keeps its text (extraction then leaves the value empty, its text
   in ``raw``, with a warning), so no digit is ever made up;
5. a short, unsure reading of a cell whose ink is one short bar is a dash
   (``image.is_dash``); a cell holding only an item number closed by a
   comma ("1,") had its period misread;
6. each word becomes one character dict whose box is the word's across and
   its text line's down (every word of a line shares the line's box and
   font size, so that lines and cell texts are grouped as for typeset
   text), with a space character between neighbouring words of a line;
7. every table cell gets the lowest confidence of its words
   (``RawCell.ocr``, 0–1), or the confidence its numbers' readings left it.

A page with text but no ruled table whose lines look like columns (several
lines with wide gaps) says so (``ScannedPage.columns_without_rules``): the PDF
reader gives it to the table finder over positioned words like any page
without rules, and names it in an ``ocr-no-rules`` note when that finds no
table there either.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable

import numpy as np
import regex
from PIL import Image

from ...normalize.numbers import try_number
from ..pdf_page import PageContent, page_content
from .engine import Engine, Line, Recognition, Word
from .image import Rules, clean, despeckle, find_rules, ink, ink_box, is_dash, skew_angle, without_colour
from .rules import find_tables, segment_edges
from .settings import OcrSettings
from .text import fix_header_words, fix_words, header_vocabulary, is_stray_mark

#: characters a number cell may hold (digits, group spaces, separators, signs, percent)
NUMBER_CHARS = "0123456789 ,.%-\u2013\u2212"
_ITEM_COMMA = regex.compile(r"^\d{1,3}(?:\.\d{1,3})*,$")
#: what a cell holding only a printed dash reads as, unless Tesseract read one of ``DASH_TEXTS``
DASH = "\u2013"
DASH_TEXTS = ("-", "\u2013", "\u2014", "\u2212")
#: a cell text that is meant to be a number: digits and number signs, maybe a misread letter or two
_NUMERIC_LOOKING = regex.compile(r"^[\d\s,.:;'%\-\u2013\u2212OoОоЗзlІі|]+$")


@dataclass
class ScannedPage:
    """A page read by OCR: its content, and what the reading was like."""

    content: PageContent
    skew: float
    words: int
    #: mean word confidence over the page (None: no word)
    confidence: float | None
    #: no ruled table, but lines that look like columns (several wide gaps)
    columns_without_rules: bool = False


def _snap_sizes(sizes: list[float], snap: float) -> list[float]:
    """Font sizes of the lines of one reading (the page, or a cell) with the scatter of OCR measurement taken out.

    A size within ``snap`` (a share) of the median size becomes the median,
    so that body lines of one font compare equal (paragraphs are grouped by
    equal size); headings in a clearly larger font keep theirs.
    """
    if not sizes:
        return []
    median = float(np.median(sizes))
    return [median if abs(s - median) <= snap * median else s for s in sizes]


def glyph_box(line: Line, settings: OcrSettings) -> tuple[float, float]:
    """The top and bottom (image pixels) of a recognised line's glyphs as typeset text has them.

    A typeset character's box runs from its font's ascent above the
    baseline to one font size below that top, whatever letters it holds;
    the box Tesseract gives a line grows with the ascenders and descenders
    it happens to hold ("у", "Д", brackets), so lines of one row of a table
    without rules, read as separate lines, would not share a top.
    Tesseract's measured size (``Line.size``: row height less descenders) is
    larger than the font size: ``settings.glyph_height`` and
    ``settings.ascent`` are shares of it.
    """
    top = line.baseline - settings.ascent * line.size
    return top, top + settings.glyph_height * line.size


def _chars(rec: Recognition, sx: float, sy: float, settings: OcrSettings) -> list[dict[str, Any]]:
    """pdfplumber-style character dicts: one per word, a space between the words of a line.

    A word's box is its glyphs' (``glyph_box``) down and its ink's widened by
    ``settings.side_bearing`` on each side across: a typeset glyph's box
    holds the white beside its ink, and the table finder tells a word space
    from a column gutter by how wide the white between two boxes is.
    """
    out: list[dict[str, Any]] = []
    previous: Word | None = None
    prev_x1 = 0.0
    for w in rec.words:
        line = rec.lines[w.line]
        size = line.size * sy
        top, bottom = (v * sy for v in glyph_box(line, settings))
        bearing = settings.side_bearing * line.size
        x0, x1 = w.x0 - bearing, w.x1 + bearing
        if previous is not None and previous.line == w.line and x0 > prev_x1:
            out.append(_char(" ", prev_x1 * sx, x0 * sx, top, bottom, size, None))
        out.append(_char(w.text, x0 * sx, x1 * sx, top, bottom, size, w.confidence))
        prev_x1 = x1
        previous = w
    return out


def _char(text: str, x0: float, x1: float, top: float, bottom: float, size: float, conf: float | None) -> dict:
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "size": size,
            "fontname": "OCR", "upright": True, "ocr": conf}


def _fixed(rec: Recognition) -> Recognition:
    return Recognition(fix_words(rec.words), rec.lines)


def _looks_numeric(text: str) -> bool:
    """Whether a cell's reading is meant to be a number: digits and number signs, or a digit's look-alike alone ("З")."""
    squeezed = "".join(text.split())
    if not squeezed or not _NUMERIC_LOOKING.match(squeezed):
        return False
    return any(ch.isdigit() for ch in squeezed) or len(squeezed.rstrip(".,")) == 1


def _item_number(rec: Recognition) -> Recognition:
    """A cell holding only an item number closed by a comma ("1,"): the comma is a misread period.

    An item number is never followed by a comma in print; the period after
    it is thin and often read as one.
    """
    if len(rec.words) == 1 and _ITEM_COMMA.match(rec.words[0].text):
        return Recognition([replace(rec.words[0], text=rec.words[0].text[:-1] + ".")], rec.lines)
    return rec


def _merge(recognitions: list[Recognition], snap: float) -> Recognition:
    """One recognition of several (the page outside tables, each cell): line numbers made page-wide."""
    words: list[Word] = []
    lines: list[Line] = []
    for rec in recognitions:
        offset = len(lines)
        words.extend(replace(w, line=w.line + offset) for w in rec.words)
        sizes = _snap_sizes([line.size for line in rec.lines], snap)
        lines.extend(replace(line, size=size) for line, size in zip(rec.lines, sizes))
    return Recognition(words, lines)


def _overlaps(a: Word, b: Word) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.top < b.bottom and b.top < a.bottom


def with_missed_words(layout: Recognition, sparse: Recognition, min_confidence: float) -> Recognition:
    """The layout reading of a page with the words only the sparse reading found added, each on its line.

    Tesseract's page layout analysis drops now and then a piece of text
    standing alone in the white of a table printed without rules: an amount
    or a dash in a column of its own ("1523,08" beside "1732,4" read). The
    sparse reading looks for text everywhere, so it finds such a word, but
    it reads the page in no order and cuts its lines at every gap. So the
    layout reading stays the reading, and a word of the sparse one is added
    when it overlaps no word of the layout reading and was read with at
    least ``min_confidence`` (a sparse reading of a blot is unsure).
    """
    words = list(layout.words)
    lines = list(layout.lines)
    added: dict[int, int] = {}
    for w in sparse.words:
        if w.confidence < min_confidence or is_stray_mark(w.text) or any(_overlaps(w, k) for k in layout.words):
            continue
        if w.line not in added:
            added[w.line] = len(lines)
            lines.append(sparse.lines[w.line])
        words.append(replace(w, line=added[w.line]))
    return Recognition(words, lines)


def number_runs(rec: Recognition, gap: float) -> list[list[int]]:
    """Indexes of the words of a reading that make one printed number: numeric-looking words of one line
    closer than ``gap`` font sizes ("1619" and "277,64" of "1 619 277,64", its group space read as a word space)."""
    runs: list[list[int]] = []
    for i, w in enumerate(rec.words):
        if not _looks_numeric(w.text):
            continue
        if runs:
            last = rec.words[runs[-1][-1]]
            if (last.line == w.line and runs[-1][-1] == i - 1
                    and w.x0 - last.x1 < gap * rec.lines[w.line].size):
                runs[-1].append(i)
                continue
        runs.append([i])
    return runs


def with_numbers_reread(rec: Recognition, read: Callable[[tuple[int, int, int, int]], Recognition],
                        settings: OcrSettings) -> Recognition:
    """A page reading whose numbers are each read again by the digits reader, as a table cell's are.

    Outside ruled tables the page is read by the text model alone, which has
    no "%" ("53,4%" comes out "53,49") and reads a group space as a word
    space. Each run of numeric-looking words (``number_runs``) is read again
    in its box, a little enlarged, by ``read`` (the digits reader), and the
    two readings are weighed as a cell's are (``_choose_number``); a run
    whose chosen reading is the digits reader's becomes one word.
    """
    words = list(rec.words)
    replaced: dict[int, Word | None] = {}
    pad = settings.pixels(settings.cell_inset_mm)
    for run in number_runs(rec, settings.number_group_gap):
        first, last = rec.words[run[0]], rec.words[run[-1]]
        box = (first.x0 - pad, min(rec.words[i].top for i in run) - pad,
               last.x1 + pad, max(rec.words[i].bottom for i in run) + pad)
        own = Recognition([rec.words[i] for i in run], rec.lines)
        digits = read(box)
        chosen, confidence = _choose_number(own, digits, settings.disputed)
        if chosen is own:
            continue
        text = " ".join(chosen.text.split())
        replaced[run[0]] = replace(first, text=text, x1=last.x1, confidence=confidence or 0.0,
                                   top=min(first.top, last.top), bottom=max(first.bottom, last.bottom))
        replaced.update({i: None for i in run[1:]})
    out = [replaced.get(i, w) for i, w in enumerate(words)]
    return Recognition([w for w in out if w is not None], rec.lines)


def text_bands(region: np.ndarray) -> int:
    """How many bands of rows with ink, separated by rows without, a cell's ink makes (its text lines, roughly)."""
    rows = region.any(axis=1)
    starts = np.count_nonzero(rows[1:] & ~rows[:-1]) + int(rows[0]) if len(rows) else 0
    return int(starts)


def _choose_number(cell: Recognition, digits: Recognition, disputed: float) -> tuple[Recognition, float | None]:
    """A numeric cell's reading against its digits-only reading (see the module docstring)."""
    conf_a, conf_b = cell.confidence or 0.0, digits.confidence or 0.0
    if "".join(digits.text.split()) == "%":
        return digits, conf_b  # a percent sign alone (a unit cell), which the text model cannot read: "96"
    value_b, numeric_b = try_number(digits.text) if digits.words else (None, False)
    if not numeric_b or value_b is None:
        return cell, cell.confidence
    value_a, numeric_a = try_number(cell.text)
    if not numeric_a or value_a is None:
        return digits, conf_b
    if value_a == value_b:
        return (cell if conf_a >= conf_b else digits), max(conf_a, conf_b)
    # two readings, two numbers: the digits reader's, trusted no more than ``disputed``
    return digits, min(conf_a, conf_b, disputed)


def _dash(region: np.ndarray, box: tuple[int, int, int, int], text: str, settings: OcrSettings) -> Recognition:
    """A recognition holding the one dash a cell shows (told by its shape)."""
    x0, top, x1, bottom = ink_box(region) or (0, 0, region.shape[1], region.shape[0])
    dx, dy = box[0], box[1]
    word = Word(text if text in DASH_TEXTS else DASH, x0 + dx, top + dy, x1 + dx, bottom + dy,
                settings.dash_confidence, 0)
    # a dash stands at half the x-height: its line's baseline lies about a quarter of a font size below it
    size = settings.dash_font_size * settings.dpi / 72
    return Recognition([word], [Line(word.x0, word.top, word.x1, word.bottom, bottom + dy + size / 4, size)])


def _only_dust(region: np.ndarray, settings: OcrSettings) -> bool:
    """Whether a cell's ink fits in a square smaller than any printed character (and is no dash): dust."""
    box = ink_box(region, min_pixels=1)
    if box is None:
        return True
    side = settings.pixels(settings.min_text_mm)
    return box[2] - box[0] < side and box[3] - box[1] < side and not is_dash(region, settings.dpi)


@dataclass(frozen=True)
class Readers:
    """The Tesseract instances a page is read with: one for text, one for numbers (may be the same)."""

    text: Engine
    digits: Engine

    def set_image(self, image: Image.Image, dpi: int) -> None:
        self.text.set_image(image, dpi)
        if self.digits is not self.text:
            self.digits.set_image(image, dpi)


def read_cell(readers: Readers, region: np.ndarray, box: tuple[int, int, int, int],
              settings: OcrSettings) -> tuple[Recognition, float | None]:
    """One table cell read on its own: its words and its confidence (see the module docstring).

    ``box`` is the cell's inside (x0, top, x1, bottom) in image pixels and
    ``region`` the ink mask of that box, rules left out.
    """
    if int(region.sum()) < settings.area(settings.min_cell_ink_mm2):
        return Recognition([], []), None
    if _only_dust(region, settings):
        return Recognition([], []), None
    one_line = text_bands(region) == 1
    rec = _fixed(readers.text.region(box, one_line=one_line))
    if not rec.words and not one_line:
        rec = _fixed(readers.text.region(box, one_line=True))
    text = "".join(rec.text.split())
    unsure = rec.confidence is None or rec.confidence < settings.reread_below
    if len(text) <= settings.short_reading and unsure and is_dash(region, settings.dpi):
        dash = _dash(region, box, text, settings)
        return dash, dash.confidence
    if _looks_numeric(rec.text):
        digits = _fixed(readers.digits.region(box, one_line=one_line, whitelist=NUMBER_CHARS))
        return _choose_number(_item_number(rec), _item_number(digits), settings.disputed)
    return _item_number(rec), rec.confidence


def _with_header_words(cells: list[tuple[tuple, Recognition]], min_length: int) -> list[Recognition]:
    """A table's cell readings with the words of its header band put back where misread by one letter.

    The header band is the rows above the first row that holds a number
    (its item numbers, or the column numbers under the header); a table
    continued from the page before has none (``text.fix_header_words``); words shorter than
    ``min_length`` letters are left as read.
    """
    numeric_tops = [cell[1] for cell, rec in cells if rec.words and try_number(rec.text)[0] is not None]
    body = min(numeric_tops, default=None)
    known, index = header_vocabulary(min_length)
    return [
        Recognition(fix_header_words(rec.words, known, index, min_length), rec.lines) if body is not None and cell[1] < body
        else rec
        for cell, rec in cells
    ]


def _tabular_lines(content: PageContent, parts: int) -> int:
    return sum(1 for line in content.lines if len([p for p in line.text.split("\t") if p.strip()]) >= parts)


def _inside(cell: tuple[float, float, float, float], sx: float, sy: float, shape: tuple[int, int],
            inset: int) -> tuple[int, int, int, int]:
    """A cell's box in pixels, ``inset`` pixels in from its border lines (clipped to the image)."""
    h, w = shape
    x0, top, x1, bottom = cell
    return (
        max(0, int(x0 / sx) + inset),
        max(0, int(top / sy) + inset),
        min(w, int(x1 / sx) - inset),
        min(h, int(bottom / sy) - inset),
    )


def read_scanned_page(
    image: Image.Image, number: int, width: float, height: float, settings: OcrSettings, readers: Readers
) -> ScannedPage:
    """One page image (colour or grey, at ``settings.dpi``) read into a ``PageContent`` (see the module docstring).

    ``width`` and ``height`` are the page's size in PDF points.
    """
    if image.mode in ("RGB", "RGBA"):
        image = Image.fromarray(without_colour(np.asarray(image.convert("RGB")), settings.colour_chroma,
                                               settings.colour_saturation, settings.colour_blue))
    image = image.convert("L")
    gray = np.asarray(image)
    mask = ink(gray)
    angle = skew_angle(mask, max_angle=settings.max_skew)
    if abs(angle) >= settings.min_skew:
        image = image.rotate(-angle, resample=Image.BILINEAR, fillcolor=255)
        gray = np.asarray(image)
        mask = ink(gray)
    rules: Rules = find_rules(mask, settings.pixels(settings.min_rule_mm), settings.pixels(settings.min_vertical_rule_mm),
                              settings.pixels(settings.min_cell_border_mm))
    h_px, w_px = gray.shape
    sx, sy = width / w_px, height / h_px
    tables = find_tables(segment_edges(rules.segments, sx, sy), width, height)
    # the ink of the text: rules left out, then dust (a speck by a rule is dust too)
    text_ink = despeckle(mask & ~rules.mask, settings.area(settings.speck_mm2),
                         settings.pixels(settings.speck_size_mm / 2), settings.pixels(settings.speck_clearance_mm),
                         settings.pixels(settings.period_lead_mm))
    clear = clean(gray, text_ink)
    # the page outside its tables, read with Tesseract's layout analysis
    outside = clear.copy()
    outside_ink = text_ink.copy()
    inset = settings.pixels(settings.cell_inset_mm)
    for table in tables:
        x0, top, x1, bottom = _inside(table.bbox, sx, sy, gray.shape, -inset)
        area = (slice(max(0, top), bottom), slice(max(0, x0), x1))
        outside[area] = 255
        outside_ink[area] = False
    parts = []
    outside_read = outside_ink.sum() >= settings.area(settings.min_cell_ink_mm2)
    if outside_read:
        readers.text.set_image(Image.fromarray(outside), settings.dpi)
        parts.append(_fixed(readers.text.page()))
    # each table cell read on its own
    confidence: dict[tuple[float, float, float, float], float | None] = {}
    if tables:
        readers.set_image(Image.fromarray(clear), settings.dpi)
    for table in tables:
        cells: list[tuple[tuple, Recognition]] = []
        for cell in table.cells:
            box = _inside(cell, sx, sy, gray.shape, inset)
            if box[2] - box[0] < 4 or box[3] - box[1] < 4:
                continue
            rec, conf = read_cell(readers, text_ink[box[1]:box[3], box[0]:box[2]], box, settings)
            cells.append((tuple(cell), rec))
            confidence[tuple(cell)] = conf
        parts.extend(_with_header_words(cells, settings.header_word_min))
    rec = _merge(parts, settings.size_snap)
    content = page_content(number, width, height, _chars(rec, sx, sy, settings), [], lambda: tables)
    if outside_read and _tabular_lines(content, settings.column_parts) >= settings.column_lines:
        # text in columns outside any ruled table: what the layout analysis dropped there is looked for again
        readers.set_image(Image.fromarray(outside), settings.dpi)
        parts[0] = with_missed_words(parts[0], _fixed(readers.text.page(sparse=True)), settings.sparse_confidence)
        parts[0] = with_numbers_reread(
            parts[0], lambda box: _fixed(readers.digits.region(box, one_line=True, whitelist=NUMBER_CHARS)), settings)
        rec = _merge(parts, settings.size_snap)
        content = page_content(number, width, height, _chars(rec, sx, sy, settings), [], lambda: tables)
    for piece in content.tables:
        for cell in piece.cells:
            cell.ocr = confidence.get((cell.x0, cell.top, cell.x1, cell.bottom))
    content.scanned = not content.has_text  # an image where OCR found nothing stays a scanned page
    confidences = [w.confidence for w in rec.words]
    return ScannedPage(
        content=content,
        skew=round(angle, 2),
        words=len(rec.words),
        confidence=round(float(np.mean(confidences)), 3) if confidences else None,
        columns_without_rules=not content.tables
        and _tabular_lines(content, settings.column_parts) >= settings.column_lines,
    )
