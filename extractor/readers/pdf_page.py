"""One PDF page → its ruled tables (cell rectangles with text) and its text lines.

``read_page`` is called once per pdfplumber page. It finds the ruled tables
once (``page.find_tables()``), then sorts every character of the page once:
a character whose centre lies in a table cell goes to that cell, the others
make the page's running text. Cell text is built from the cell's own
characters (lines joined by ``"\\n"``), never by cropping the page per cell.

A page with no text, or next to none, and an image over most of it is
flagged ``scanned`` (``ScanRule``).

A character inside a table's outline but in no detected cell (a border the
table finder missed) goes to the nearest cell rather than being lost.

A word a narrow header cell cut at its right edge, with no hyphen
("Найменуван" over "ня заходу", as LibreOffice prints a word wider than its
column), is put back together when the layout shows the cut
(``_rejoin_header_words``).

A ruled table drawn inside a cell of another (a nested table) is found by
the table finder as a table of its own; each character goes to the
innermost table whose outline holds it, so the inner grid gets its text
and the outer cell keeps only what lies outside the inner grid. The inner
table is marked ``nested``.

Turned text is turned upright before the table finder: a page whose text
mostly runs bottom to top, top to bottom or upside down (a page with
``/Rotate``, a landscape page drawn sideways) is turned as a whole,
characters and ruling edges, so its tables are found and read as printed
(``PageContent.turned``); a table whose own text runs turned on an upright
page (a wide table set sideways) is turned about its corner, so its rows
are rows and its cell text reads in order, never reversed.

Running text is grouped into words and the words into lines. Within a line,
a gap wider than ``PdfSettings.tab_gap_em`` times the font size (a tab stop: a position
on the left and a name at the right margin) is kept as a TAB, so the two
parts can be told apart downstream.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from pdfminer.layout import LTChar, LTContainer
from pdfplumber.container import Container
from pdfplumber.table import TableFinder, TableSettings
from pdfplumber.utils import extract_text
from pdfplumber.page import fix_fontname_bytes

from ..normalize.text import fold
from ..settings import DEFAULT_PDF, PdfSettings
from .common.broken_words import _vocabulary_words as vocabulary_words
from .common.words import Word as LineWord
from .pdf_tables import PageTable, RawCell, cluster_positions
from .pdf_words import Word as CharWord
from .pdf_words import words

#: what stands in for a character that is no valid Unicode
REPLACEMENT_CHARACTER = "\ufffd"
#: a UTF-16 surrogate code point left unpaired in a Python string
SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class ScanRule:
    """When a page is a scan: (next to) no text and an image over most of it; validated on creation."""

    #: a page with at most this many characters and a big image is a scan (a stamp or page number aside)
    max_chars: int = 20
    #: share of the page area images must cover for a nearly textless page to count as scanned
    min_image_share: float = 0.5
    #: a page where PDFium reads at least this many characters has real text and is never a scan,
    #: whatever pdfminer makes of it (``extractor.readers.pdf``)
    text_chars: int = 100

    def __post_init__(self) -> None:
        if not isinstance(self.max_chars, int) or self.max_chars < 0:
            raise ValueError(f"max_chars must be a non-negative integer, got {self.max_chars!r}")
        if not 0 < self.min_image_share <= 1:
            raise ValueError(f"min_image_share must be in (0, 1], got {self.min_image_share!r}")
        if not isinstance(self.text_chars, int) or self.text_chars <= self.max_chars:
            raise ValueError(f"text_chars must be an integer over max_chars, got {self.text_chars!r}")


SCAN_RULE = ScanRule()


@dataclass
class TextLine:
    """One line of running text on a page."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    #: width of the line's first word, to tell a wrapped line from a short one
    first_word_width: float


@dataclass
class PageContent:
    """What one page holds, free of pdfplumber objects."""

    number: int  # 1-based
    width: float
    height: float
    lines: list[TextLine] = field(default_factory=list)
    tables: list[PageTable] = field(default_factory=list)
    has_text: bool = False
    has_images: bool = False
    #: an image covers most of the page and there is (next to) no text: a scanned page
    scanned: bool = False
    #: much of the text is glyphs with no Unicode mapping ("(cid:123)"): unreadable
    unmapped: bool = False
    #: the words of ``lines`` (outside ruled tables), for the finder of tables without rules
    words: list[LineWord] = field(default_factory=list)
    #: characters whose text was no valid Unicode (an unpaired UTF-16 surrogate), replaced by U+FFFD
    replaced: int = 0
    #: degrees the page was turned by so that its text runs left to right (0: it did already)
    turned: int = 0
    #: why the page was read with PDFium alone (``pdf_pdfium.LastResortDocument``); empty when it was not
    last_resort: str = ""


class _CellIndex:
    """Finds the cell of one table that contains a point, by bisection on its grid lines."""

    def __init__(self, bbox: tuple[float, float, float, float], cells: list[tuple[float, float, float, float]],
                 tolerance: float = DEFAULT_PDF.edge_tolerance):
        self.bbox = bbox
        self.cells = cells
        self.xs = cluster_positions([c[0] for c in cells] + [c[2] for c in cells], tolerance)
        self.ys = cluster_positions([c[1] for c in cells] + [c[3] for c in cells], tolerance)
        self.slots: dict[tuple[int, int], int] = {}
        for i, (x0, top, x1, bottom) in enumerate(cells):
            for r in range(self._slot(self.ys, top + 0.1), self._slot(self.ys, bottom - 0.1) + 1):
                for c in range(self._slot(self.xs, x0 + 0.1), self._slot(self.xs, x1 - 0.1) + 1):
                    self.slots.setdefault((r, c), i)

    @staticmethod
    def _slot(lines: list[float], v: float) -> int:
        return max(0, min(len(lines) - 2, bisect.bisect_right(lines, v) - 1))

    def contains(self, x: float, y: float) -> bool:
        x0, top, x1, bottom = self.bbox
        return x0 <= x <= x1 and top <= y <= bottom

    def find(self, x: float, y: float) -> int:
        """The cell containing the point, or, in a gap no cell covers, the nearest cell."""
        i = self.slots.get((self._slot(self.ys, y), self._slot(self.xs, x)))
        if i is not None:
            return i

        def distance(cell: tuple[float, float, float, float]) -> float:
            x0, top, x1, bottom = cell
            return max(x0 - x, 0.0, x - x1) + max(top - y, 0.0, y - bottom)

        return min(range(len(self.cells)), key=lambda j: distance(self.cells[j]))


def _area(box: tuple[float, float, float, float]) -> float:
    return (box[2] - box[0]) * (box[3] - box[1])


def _inside(inner: tuple[float, float, float, float], outer: tuple[float, float, float, float]) -> bool:
    """Whether ``inner`` lies within ``outer`` and is smaller (a table drawn in a cell of another)."""
    return (
        outer[0] <= inner[0] and inner[2] <= outer[2] and outer[1] <= inner[1] and inner[3] <= outer[3]
        and _area(inner) < _area(outer)
    )


# -- turning pages and tables upright --------------------------------------------------------

Box = tuple[float, float, float, float]


def _direction(ch: dict[str, Any]) -> int:
    """Which way a character's baseline runs, in degrees counter-clockwise from left-to-right: 0, 90, 180 or 270.

    pdfminer's text matrix says it (page rotation included); a character
    without one (a page source that only reads upright text) runs left to right.
    """
    matrix = ch.get("matrix")
    if not matrix:
        return 0
    a, b = matrix[0], matrix[1]
    return round(math.degrees(math.atan2(b, a)) / 90) % 4 * 90


def _dominant(chars: list[dict[str, Any]]) -> int:
    """The direction of more than half of the characters with ink, else 0 (upright)."""
    if not chars or not chars[0].get("matrix"):  # a page source that reads upright text only
        return 0
    counts: dict[int, int] = {}
    n = 0
    for ch in chars:
        if not ch["text"].isspace():
            n += 1
            d = _direction(ch)
            counts[d] = counts.get(d, 0) + 1
    best = max(counts, key=counts.__getitem__, default=0)
    return best if counts.get(best, 0) * 2 > n else 0


class _Turn:
    """Turns a frame (``width`` x ``height``, top-down coordinates, its corner at ``origin``) so that text
    running ``angle`` degrees (counter-clockwise) runs left to right."""

    def __init__(self, angle: int, width: float, height: float, origin: tuple[float, float] = (0.0, 0.0)):
        self.angle, self.width, self.height, self.origin = angle, width, height, origin

    @property
    def size(self) -> tuple[float, float]:
        """The turned frame's width and height."""
        return (self.height, self.width) if self.angle in (90, 270) else (self.width, self.height)

    def point(self, x: float, y: float) -> tuple[float, float]:
        ox, oy = self.origin
        x, y = x - ox, y - oy
        if self.angle == 90:
            x, y = self.height - y, x
        elif self.angle == 180:
            x, y = self.width - x, self.height - y
        elif self.angle == 270:
            x, y = y, self.width - x
        return x + ox, y + oy

    def box(self, x0: float, top: float, x1: float, bottom: float) -> Box:
        (ax, ay), (bx, by) = self.point(x0, top), self.point(x1, bottom)
        return (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))

    def char(self, ch: dict[str, Any]) -> dict[str, Any]:
        x0, top, x1, bottom = self.box(ch["x0"], ch["top"], ch["x1"], ch["bottom"])
        direction = (_direction(ch) - self.angle) % 360
        radians = math.radians(direction)
        out = {**ch, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "upright": direction == 0,
               "matrix": (math.cos(radians), math.sin(radians), -math.sin(radians), math.cos(radians), 0.0, 0.0)}
        if self.angle in (90, 270) and direction == 0:
            out["size"] = bottom - top  # pdfminer's size of a turned glyph is its advance; upright, its height
        return out

    def edge(self, e: dict[str, Any]) -> dict[str, Any]:
        x0, top, x1, bottom = self.box(e["x0"], e["top"], e["x1"], e["bottom"])
        orientation = e.get("orientation")
        if self.angle in (90, 270) and orientation in ("h", "v"):
            orientation = "v" if orientation == "h" else "h"
        return {**e, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "width": x1 - x0,
                "height": bottom - top, "orientation": orientation}


class _EdgePage:
    """The part of a pdfplumber Page that ``TableFinder`` reads with the default ("lines") settings."""

    def __init__(self, edges: list[dict], bbox: Box):
        self.edges = edges
        self.bbox = bbox


def find_tables_on_edges(
    edges: list[dict[str, Any]], width: float = 0.0, height: float = 0.0, bbox: Box | None = None
) -> list[Any]:
    """pdfplumber's ruled tables (default settings) over a page's edges; the page is ``bbox``, else
    ``width`` x ``height`` from the origin."""
    return TableFinder(_EdgePage(edges, bbox or (0, 0, width, height)), TableSettings.resolve(None)).tables


def _turned_table(cells: list[Box], chars: list[list[dict[str, Any]]]) -> tuple[list[Box], list[list[dict]]]:
    """A table whose text runs turned, turned upright about its own corner (cells and their characters)."""
    angle = _dominant([ch for cell in chars for ch in cell])
    if not angle:
        return cells, chars
    x0, top = min(c[0] for c in cells), min(c[1] for c in cells)
    turn = _Turn(angle, max(c[2] for c in cells) - x0, max(c[3] for c in cells) - top, (x0, top))
    return [turn.box(*c) for c in cells], [[turn.char(ch) for ch in cell] for cell in chars]


@functools.lru_cache(maxsize=1024)
def _is_bold(fontname: str) -> bool:
    name = fontname.lower()
    return "bold" in name or "black" in name or "heavy" in name


def _lines_from_chars(
    chars: list[dict[str, Any]], words_out: list[LineWord] | None = None, settings: PdfSettings = DEFAULT_PDF
) -> list[TextLine]:
    """Running-text lines (top to bottom) from the page's characters outside tables.

    ``words_out``, when given, receives the lines' words as positioned words
    (``Word.line`` is the line's index), the input of the table finder for
    tables drawn without rules.
    """
    if not chars:
        return []
    found = words(chars, x_tolerance=settings.word_gap, y_tolerance=settings.line_tolerance)
    found.sort(key=lambda w: (w.top, w.x0))
    groups: list[list[CharWord]] = []
    for w in found:
        if groups and abs(w.top - groups[-1][0].top) <= settings.line_tolerance:
            groups[-1].append(w)
        else:
            groups.append([w])
    lines = []
    for group in groups:
        line = _line(group, settings.tab_gap_em)
        if words_out is not None:
            words_out.extend(LineWord(w.text, w.x0, w.x1, w.top, w.bottom, len(lines)) for w in group)
        lines.append(line)
    return lines


def _line(group: list[CharWord], tab_gap_em: float = DEFAULT_PDF.tab_gap_em) -> TextLine:
    """One running-text line from its words (sorted here left to right); a gap over ``tab_gap_em`` is a TAB."""
    group.sort(key=lambda w: w.x0)
    sizes = sorted(ch["size"] for w in group for ch in w.chars)
    size = sizes[len(sizes) // 2]
    n_bold = sum(1 for w in group for ch in w.chars if _is_bold(ch["fontname"]))
    parts = [group[0].text]
    for prev, w in zip(group, group[1:]):
        parts.append("\t" if w.x0 - prev.x1 > tab_gap_em * size else " ")
        parts.append(w.text)
    return TextLine(
        text="".join(parts),
        x0=group[0].x0,
        x1=group[-1].x1,
        top=min(w.top for w in group),
        bottom=max(w.bottom for w in group),
        size=size,
        bold=n_bold * 2 > len(sizes),
        first_word_width=group[0].x1 - group[0].x0,
    )


# -- words a narrow header cell cut without a hyphen ------------------------------------------

#: a cell text that marks a table's body: an item number ("1.", "2.1") or an amount ("1 250,0")
BODY_MARK = re.compile(r"^\s*\d{1,3}(?:\.\d{1,3})*\.(?:\s|$)|^\s*\d{1,3}(?:\.\d{1,3})+(?:\s|$)|\d[,.]\d")


def _header_zone(cells: list[RawCell]) -> float:
    """The top of a table piece's first row with a body mark (``BODY_MARK``): the cells above may be its header."""
    return min((c.top for c in cells if BODY_MARK.search(c.text)), default=math.inf)


def _rejoin_header_words(
    cells: list[RawCell], chars: list[list[dict[str, Any]]], settings: PdfSettings = DEFAULT_PDF
) -> None:
    """Put back together the words the header cells of a table piece had cut at their right edge.

    A word wider than its cell is cut where the cell ends, with no hyphen
    ("Найменуван" over "ня заходу"); read line by line the header then names
    no column. Such a cut is told by the layout: the line is one word, with
    no space drawn after it, the next line opens with a lower-case letter,
    and the room left on the line is narrower than that letter. A line
    ending a word may fill its cell just as tightly ("Обсяг" over
    "фінансування" in a cell as wide as "Обсяг"), so no break next to a
    word of the header vocabulary (``common.broken_words``) is closed: a
    word a column is recognised by is never glued to another. What is left
    is a break between two words the vocabulary does not know that the
    layout cannot tell from a cut ("відповідно" over "до" where
    "відповідно" fills the cell); it is closed, at a cost to the header's
    spacing only. The rule is kept to the cells above the piece's first row
    with an item number or an amount (``_header_zone``): a header is read
    word by word against the vocabulary, where a cut word is lost; body text
    is left as printed.
    The room is measured against the cell's width less its padding on both
    sides, the padding being the narrowest gap between a header cell's left
    edge and its text.
    """
    zone = _header_zone(cells)
    header = [(cell, group) for cell, group in zip(cells, chars) if cell.top < zone - settings.word_gap and group]
    if not any("\n" in cell.text for cell, _ in header):
        return
    # the header's own padding: a header repeated on the next page is read the same whatever rows it heads
    pad = max(0.0, min(min(ch["x0"] for ch in group) - cell.x0 for cell, group in header))
    for cell, group in header:
        if "\n" in cell.text:
            cell.text = _rejoin_cut_words(cell.text, group, cell.x1 - cell.x0 - 2 * pad, settings.line_tolerance)


def _rejoin_cut_words(
    text: str, chars: list[dict[str, Any]], inner_width: float, line_tolerance: float = DEFAULT_PDF.line_tolerance
) -> str:
    """``text`` (its lines joined by "\\n") with each line break the layout shows to be inside a word removed."""
    lines = _char_lines(chars, line_tolerance)
    parts = text.split("\n")
    if len(lines) != len(parts) or any(" ".join("".join(ch["text"] for ch in l).split()) != p.strip()
                                       for l, p in zip(lines, parts)):
        return text  # the lines are not the ones extract_text made: leave the text as it is
    out = parts[0]
    for line, nxt, part in zip(lines, lines[1:], parts[1:]):
        ink = [ch for ch in line if not ch["text"].isspace()]
        opening = [ch for ch in nxt if not ch["text"].isspace()][:2]
        head = opening[0] if opening else None
        # the rest of the word opens in lower case, or with a hyphen the word had ("Відсот" over "-ок")
        letter = opening[-1]["text"] if head is not None and head["text"] in "-\u2010" else (head or {}).get("text", "")
        cut = (
            ink and head is not None and line[-1] is ink[-1]  # no space drawn after the line's last word
            and not any(ch["text"].isspace() for ch in line if ink[0]["x0"] < ch["x0"] < ink[-1]["x0"])
            and ink[-1]["text"].isalpha() and letter.isalpha() and letter.islower()
            and inner_width - (ink[-1]["x1"] - ink[0]["x0"]) < head["x1"] - head["x0"]
            and not {fold(_last_line(out)), fold(part.split(" ", 1)[0])} & vocabulary_words()
        )
        out += part if cut else "\n" + part
    return out


def _last_line(text: str) -> str:
    """The last line of ``text``."""
    return text.rsplit("\n", 1)[-1]


def _char_lines(chars: list[dict[str, Any]], tolerance: float) -> list[list[dict[str, Any]]]:
    """A cell's characters in lines, top to bottom, each left to right (tops within ``tolerance``)."""
    lines: list[list[dict[str, Any]]] = []
    last_top = -math.inf
    for ch in sorted(chars, key=lambda ch: ch["top"]):
        if lines and ch["top"] - last_top <= tolerance:
            lines[-1].append(ch)
        else:
            lines.append([ch])
        last_top = ch["top"]
    for line in lines:
        line.sort(key=lambda ch: ch["x0"])
    return lines


def valid_unicode(chars: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """The characters with every unpaired UTF-16 surrogate replaced by U+FFFD, and how many were replaced.

    A surrogate is no character: it cannot be written as UTF-8, so it must not reach the output.
    """
    try:
        "".join(ch["text"] for ch in chars).encode("utf-8")
        return chars, 0
    except UnicodeEncodeError:
        pass
    out, replaced = [], 0
    for ch in chars:
        text = SURROGATE.sub(REPLACEMENT_CHARACTER, ch["text"])
        if text != ch["text"]:
            replaced += 1
            ch = {**ch, "text": text}
        out.append(ch)
    return out, replaced


class _Objects(Container):
    """A page's objects other than characters, as pdfplumber makes them; its ``edges`` and ``images`` are pdfplumber's."""

    def __init__(self, objects: dict[str, list[dict[str, Any]]]):
        self._by_kind = objects

    @property
    def objects(self) -> dict[str, list[dict[str, Any]]]:
        return self._by_kind


def _layout_leaves(objects: list[Any]) -> Iterator[Any]:
    """The page layout's objects, containers (figures) opened, as pdfplumber walks them (no layout analysis)."""
    for obj in objects:
        if isinstance(obj, LTContainer):
            yield from _layout_leaves(obj._objs)
        else:
            yield obj


def reference_objects(page: Any) -> tuple[list[dict[str, Any]], _Objects]:
    """A pdfplumber page's characters and other objects.

    pdfplumber turns every layout object into a dict of all its attributes
    (colours, graphics state ...), the costly part of reading a page after
    pdfminer's own; a character here gets only what the reader uses, each
    value computed as pdfplumber computes it (``pdfplumber.Page.process_object``);
    the other objects are pdfplumber's own dicts.
    ``tests/test_reader_pdf.py`` checks the characters against ``page.chars``.
    """
    height = float(page.height)
    mb_x0, mb_top = page.mediabox[0], page.mediabox[1]
    doctop = page.initial_doctop
    chars: list[dict[str, Any]] = []
    others: dict[str, list[dict[str, Any]]] = {}
    for obj in _layout_leaves(page.layout._objs):
        if isinstance(obj, LTChar):
            fontname = obj.fontname
            if isinstance(fontname, bytes):
                fontname = fix_fontname_bytes(fontname)
            top = (height - obj.y1) + mb_top
            chars.append({
                "text": obj.get_text(),
                "x0": obj.x0 + mb_x0 if mb_x0 != 0 else obj.x0,
                "x1": obj.x1 + mb_x0 if mb_x0 != 0 else obj.x1,
                "top": top,
                "bottom": (height - obj.y0) + mb_top,
                "doctop": doctop + top,
                "size": obj.size,
                "fontname": fontname,
                "upright": obj.upright,
                "matrix": obj.matrix,
            })
        else:
            attr = page.process_object(obj)
            if attr["object_type"] != "anno":
                others.setdefault(attr["object_type"], []).append(attr)
    return chars, _Objects(others)


def read_page(page: Any, number: int, settings: PdfSettings = DEFAULT_PDF) -> PageContent:
    """Tables and text lines of one pdfplumber page (the page is only read, not kept)."""
    if page.pdf.unicode_norm is not None or page.pdf.laparams is not None:  # pdfplumber's own objects then
        chars, objects = page.chars, page
    else:
        chars, objects = reference_objects(page)
    return page_content(
        number, float(page.width), float(page.height), chars, objects.images,
        lambda: find_tables_on_edges(objects.edges, bbox=page.bbox), lambda: objects.edges, settings,
    )


def page_content(
    number: int,
    width: float,
    height: float,
    chars: list[dict[str, Any]],
    images: list[dict[str, Any]],
    find_tables: Callable[[], list[Any]],
    edges: Callable[[], list[dict[str, Any]]] | None = None,
    settings: PdfSettings = DEFAULT_PDF,
) -> PageContent:
    """Tables and text lines of one page from its characters and images (pdfplumber's dicts).

    ``find_tables`` returns the page's ruled tables as pdfplumber's
    ``Table`` objects (only ``bbox`` and ``cells`` are read); it is called
    only when the page has text. ``edges`` returns the page's ruling edges
    (pdfplumber's dicts): a page whose text mostly runs turned (a page
    rotated by ``/Rotate``, a landscape table drawn sideways) is turned
    upright, characters and edges, and its tables found on the turned edges.
    """
    chars, replaced = valid_unicode(chars)
    angle = _dominant(chars) if edges is not None else 0
    if angle:
        turn = _Turn(angle, width, height)
        width, height = turn.size
        chars = [turn.char(ch) for ch in chars]
        images = [dict(zip(("x0", "top", "x1", "bottom"), turn.box(im["x0"], im["top"], im["x1"], im["bottom"])))
                  for im in images]
        turned_edges = [turn.edge(e) for e in edges()]
        find_tables = lambda: find_tables_on_edges(turned_edges, width, height)  # noqa: E731
    content = PageContent(number=number, width=width, height=height, replaced=replaced, turned=angle)
    texts = [ch["text"] for ch in chars]
    n_text = len(texts) - sum(map(str.isspace, texts))
    content.has_text = n_text > 0
    n_unmapped = sum(1 for text in texts if text.startswith("(cid:")) if "(cid:" in "".join(texts) else 0
    content.unmapped = n_text > 0 and n_unmapped >= settings.unmapped_share * n_text
    content.has_images = bool(images)
    if n_text <= SCAN_RULE.max_chars and images:
        covered = sum(abs((im["x1"] - im["x0"]) * (im["bottom"] - im["top"])) for im in images)
        content.scanned = n_text == 0 or covered >= SCAN_RULE.min_image_share * content.width * content.height
    if not content.has_text:
        return content
    found = find_tables()
    indexes = [_CellIndex(t.bbox, [tuple(c) for c in t.cells], settings.edge_tolerance) for t in found if t.cells]
    cell_chars: list[list[list[dict[str, Any]]]] = [[[] for _ in ix.cells] for ix in indexes]
    outside: list[dict[str, Any]] = [] if indexes else chars
    # a table drawn inside a cell of another is asked first: its text is its own, not the outer cell's
    innermost_first = sorted(range(len(indexes)), key=lambda t: _area(indexes[t].bbox))
    for ch in chars if indexes else ():
        cx = (ch["x0"] + ch["x1"]) / 2
        cy = (ch["top"] + ch["bottom"]) / 2
        for t in innermost_first:
            ix = indexes[t]
            if ix.contains(cx, cy):
                cell_chars[t][ix.find(cx, cy)].append(ch)
                break
        else:
            outside.append(ch)
    for t, ix in enumerate(indexes):
        boxes, texts = _turned_table(ix.cells, cell_chars[t])
        cells = [
            RawCell(x0, top, x1, bottom, extract_text(texts[i]) if texts[i] else "")
            for i, (x0, top, x1, bottom) in enumerate(boxes)
        ]
        _rejoin_header_words(cells, texts, settings)
        nested = any(u != t and _inside(ix.bbox, other.bbox) for u, other in enumerate(indexes))
        content.tables.append(PageTable(page=number, cells=cells, nested=nested))
    content.lines = _lines_from_chars(outside, content.words, settings)
    return content
