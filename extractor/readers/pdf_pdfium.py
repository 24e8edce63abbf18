"""The fast PDF page source: characters, ruling edges and images read with PDFium.

pdfplumber (on pdfminer.six) is the reference PDF engine of this project and
the slow part of reading a PDF: interpreting a page's content stream in
Python takes 150–350 ms a page. PDFium (through pypdfium2) does it in a few
milliseconds. This module reads with PDFium what ``extractor.readers.pdf_page``
needs from a page *in pdfplumber's geometry*, so that the rest of the reader
is the same code whichever engine read the page:

* characters as pdfplumber's char dicts (``text``, ``x0``, ``x1``, ``top``,
  ``bottom``, ``size``, ``fontname``, ``upright``, ``doctop``). x runs from
  the glyph's origin over its advance; y is pdfminer's: from the baseline
  plus the font's descent, one font size high. The descent, the advance
  widths and the font name are pdfminer's own, read with pdfminer from the
  page's font resources alone (no content stream is interpreted, which is
  the costly part); ``FontTable`` matches PDFium's fonts to them;
* ruling edges as pdfplumber's ``page.edges``: every painted path is split
  into subpaths and classified as pdfminer does (line, rectangle, curve) and
  turned into edges as pdfplumber does; the table finder is pdfplumber's own
  ``TableFinder`` run on those edges;
* images' bounding boxes (for the scanned-page test).

PDFium's text page is a text extractor with heuristics of its own, undone
here: the spaces and line breaks it generates are left out (pdfminer has no
such characters); a line-end hyphen it marks (U+0002) gets its character
back; whitespace it drops (a real space after a space it generated, a text
object holding only inkless glyphs such as a lone no-break space) is put
back, since whitespace separates words.

Whenever a page holds something this module does not reproduce exactly, it
raises ``NeedsReference`` and the caller reads that page with pdfplumber
instead (``FastDocument.read_page``; what concerns the whole file, such as
PDFium and pdfminer counting its pages differently, declines the file when
it is opened): rotated pages, a media box not at the origin or a crop box unlike
it, rotated, mirrored or vertical text, Type 3 fonts, fonts without a
``/ToUnicode`` map, characters PDFium cannot map to Unicode, a font that
cannot be matched to one resource, a character whose advance cannot be
told, a text object PDFium's text page skips that may hold ink (it skips one
drawn twice at the same place; pdfminer keeps both), an unreadable or
encrypted file, or any unexpected error. So a PDF is read the fast way only
when the fast way sees what pdfplumber sees; ``tests/test_reader_pdf_pdfium.py``
checks that on the samples.

PDFium gives each character as UTF-16 code units: a character outside the
Basic Multilingual Plane (𝛂, 𝑡, emoji) comes as two entries, a high and a
low surrogate, joined here into the one character pdfminer reports.

Known, accepted differences: PDFium drops a character drawn twice at nearly
the same place within a line (fake bold), which pdfminer reports twice; it
splits the ligature characters U+FB00–FB06 into their letters; and a glyph
whose ToUnicode text is an unpaired surrogate (no character at all), which
pdfminer drops, is kept here and becomes U+FFFD with a note
(``extractor.readers.pdf_page``).
"""

from __future__ import annotations

import ctypes
import functools
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdffont import PDFCIDFont, PDFType3Font
from pdfminer.pdfinterp import PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1
from pdfminer.psparser import PSLiteral

from ..limits import Limits
from ..settings import DEFAULT_PDF, PdfSettings
from .pdf_page import PageContent, find_tables_on_edges, page_content

try:  # an optional accelerator: without it every PDF is read with pdfplumber
    import pypdfium2.raw as pdfium_c
except ImportError:  # pragma: no cover - pypdfium2 is a declared dependency
    pdfium_c = None

#: how deep Form XObjects may nest before the fast path gives up
MAX_FORM_DEPTH = 8
#: UTF-16 code units that make a character outside the Basic Multilingual Plane (first, last)
HIGH_SURROGATES = (0xD800, 0xDBFF)
LOW_SURROGATES = (0xDC00, 0xDFFF)
#: the only characters PDFium's text page generates (a space, a line break): only these are asked about
GENERATED = frozenset((0x20, 0x0D, 0x0A))
#: PDFium's text page puts this in place of a hyphen that ends a line
PDFIUM_LINE_END_HYPHEN = 0x2
HYPHEN = "-"
SPACE = 0x20
NO_BREAK_SPACE = "\u00a0"
SOFT_HYPHEN = "\u00ad"
#: points within which two of PDFium's box edges are the same (it computes in single precision)
BOX_EPSILON = 1e-3
#: PDFium's text page skips text objects narrower than this (points)
ZERO_WIDTH = 0.01
#: a subset font's name starts with six capitals and a plus ("BAAAAA+Arial")
SUBSET_TAG_LENGTH = 7


class NeedsReference(Exception):
    """The fast path cannot promise pdfplumber's result for this file; read it with pdfplumber."""


class MinerCannotRead(NeedsReference):
    """pdfminer cannot open the file or finds no page in it (the reference engine will fail too)."""


def available() -> bool:
    """Whether PDFium (pypdfium2) is installed."""
    return pdfium_c is not None


# -- fonts: pdfminer's descent per font name ---------------------------------------


@dataclass(frozen=True, eq=False)
class FontInfo:
    """What pdfminer makes of one font resource, as far as character boxes go."""

    fontname: str
    descent: float  # in text space units per unit of font size (negative)
    #: what a line-end hyphen PDFium marks (U+0002) stood for: "-" or a soft
    #: hyphen, whichever the font's ToUnicode map has; None when it has both or neither
    hyphen: str | None
    #: advance width (text space units per unit of font size) of each character
    #: text the font's ToUnicode map produces; None where codes of different
    #: widths give the same text
    widths: dict[str, float | None]
    #: whether some visible character of the font has no advance width
    zero_width_ink: bool


def _strip_subset(name: str) -> str:
    if len(name) > SUBSET_TAG_LENGTH and name[6] == "+" and name[:6].isalpha() and name[:6].isupper():
        return name[SUBSET_TAG_LENGTH:]
    return name


def _name(value: Any) -> str | None:
    value = resolve1(value)
    if isinstance(value, PSLiteral):
        value = value.name
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    return value if isinstance(value, str) else None


def _font_specs(resources: Any, depth: int = 0) -> list[tuple[int | None, dict]]:
    """Every font resource reachable from a resource dict, Form XObjects included."""
    resources = resolve1(resources)
    if not isinstance(resources, dict):
        return []
    out: list[tuple[int | None, dict]] = []
    fonts = resolve1(resources.get("Font"))
    if isinstance(fonts, dict):
        for spec in fonts.values():
            objid = spec.objid if isinstance(spec, PDFObjRef) else None
            spec = resolve1(spec)
            if isinstance(spec, dict):
                out.append((objid, spec))
    xobjects = resolve1(resources.get("XObject"))
    if isinstance(xobjects, dict):
        for xobj in xobjects.values():
            xobj = resolve1(xobj)
            if isinstance(xobj, PDFStream) and _name(xobj.get("Subtype")) == "Form":
                if resolve1(xobj.get("BBox")) is None:
                    raise NeedsReference("a Form XObject without a /BBox (pdfminer does not draw it)")
                if depth >= MAX_FORM_DEPTH:
                    raise NeedsReference("Form XObjects nested too deeply")
                out.extend(_font_specs(xobj.get("Resources"), depth + 1))
    return out


def _hyphen(font: Any) -> str | None:
    """The one hyphen character ("-" or U+00AD) the font's ToUnicode map produces, if just one."""
    mapping = getattr(getattr(font, "unicode_map", None), "cid2unichr", None) or {}
    found = {v for v in mapping.values() if v in (HYPHEN, SOFT_HYPHEN)}
    return found.pop() if len(found) == 1 else None


def _widths(font: Any) -> dict[str, float | None]:
    """pdfminer's advance width per character text of the font (see ``FontInfo.widths``)."""
    out: dict[str, float | None] = {}
    mapping = getattr(getattr(font, "unicode_map", None), "cid2unichr", None) or {}
    for cid, text in mapping.items():
        width = font.char_width(cid)
        if text in out and out[text] != width:
            out[text] = None
        else:
            out[text] = width
    return out


def _zero_width_ink(font: Any) -> bool:
    mapping = getattr(getattr(font, "unicode_map", None), "cid2unichr", None) or {}
    return any(font.char_width(cid) == 0 and not text.isspace() for cid, text in mapping.items())


@dataclass(frozen=True)
class _FontResource:
    """One font resource of a page: the names it goes by, pdfminer's metrics, its font program's size."""

    names: frozenset[str]
    info: FontInfo
    program_size: int | None


def _program_size(spec: dict, font: Any) -> int | None:
    """The decoded size of the embedded font program (FontFile, FontFile2 or FontFile3), if any."""
    descriptor = getattr(font, "descriptor", None) or {}
    for key in ("FontFile", "FontFile2", "FontFile3"):
        stream = resolve1(descriptor.get(key))
        if isinstance(stream, PDFStream):
            return len(stream.get_data())
    return None


class FontTable:
    """The page's fonts as pdfminer sees them, looked up by the font PDFium names.

    PDFium gives a font's base name, with the subset tag for some font
    types and without it for others; several subsets of one font share the
    name without the tag. A name that fits more than one resource is told
    apart by the size of the embedded font program; a font that cannot be
    told apart makes the file go to the reference engine.
    """

    def __init__(self, resources: list[_FontResource]):
        self.resources = resources
        self._cache: dict[int, FontInfo] = {}

    def lookup(self, font: Any) -> FontInfo:
        key = _address(font)
        info = self._cache.get(key)
        if info is None:
            info = self._cache[key] = self._resolve(font)
        return info

    def _resolve(self, font: Any) -> FontInfo:
        if not _address(font):
            raise NeedsReference("a text object without a font")
        name = _font_name(font)
        candidates = [r for r in self.resources if name in r.names]
        if len({r.info for r in candidates}) != 1:
            bare = _strip_subset(name)
            candidates = [r for r in self.resources if bare in {_strip_subset(n) for n in r.names}]
        if len({r.info for r in candidates}) > 1:
            size = ctypes.c_ulong()
            if pdfium_c.FPDFFont_GetFontData(font, None, 0, size):
                candidates = [r for r in candidates if r.program_size == size.value]
        infos = {r.info for r in candidates}
        if len(infos) != 1:
            raise NeedsReference(f"the font {name!r} is not one of the page's font resources")
        return infos.pop()


def _page_fonts(manager: PDFResourceManager, page: PDFPage, known: dict[int, _FontResource] | None = None) -> FontTable:
    """pdfminer's view of every font the page's resources hold.

    ``known`` keeps what was found for each font object (by its object
    number) for the next pages, which mostly share their fonts.
    """
    known = {} if known is None else known
    resources = []
    for objid, spec in _font_specs(page.resources):
        resource = known.get(objid) if objid is not None else None
        if resource is None:
            resource = _font_resource(manager, objid, spec)
            if objid is not None:
                known[objid] = resource
        resources.append(resource)
    return FontTable(resources)


def _font_resource(manager: PDFResourceManager, objid: int | None, spec: dict) -> _FontResource:
    if resolve1(spec.get("ToUnicode")) is None:
        raise NeedsReference("a font has no ToUnicode map")
    font = manager.get_font(objid, spec)
    if isinstance(font, PDFType3Font) or font.is_vertical():
        raise NeedsReference("a Type 3 or vertical font")
    info = FontInfo(
        fontname=str(font.fontname),
        descent=font.get_descent(),
        hyphen=_hyphen(font),
        widths=_widths(font),
        zero_width_ink=_zero_width_ink(font),
    )
    names = {_name(spec.get("BaseFont")), _name(font.fontname)}
    if isinstance(font, PDFCIDFont):
        for descendant in resolve1(spec.get("DescendantFonts")) or []:
            descendant = resolve1(descendant)
            if isinstance(descendant, dict):
                names.add(_name(descendant.get("BaseFont")))
    return _FontResource(frozenset(names - {None}), info, _program_size(spec, font))


# -- PDFium helpers -----------------------------------------------------------------


def _address(handle: Any) -> int:
    """The address a PDFium handle holds (0 for NULL); cheaper than ``ctypes.cast``, and it is asked per character."""
    return ctypes.c_void_p.from_buffer(handle).value or 0


def _matrix(obj: Any) -> tuple[float, float, float, float, float, float]:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        raise NeedsReference("an object without a matrix")
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _multiply(m: tuple, n: tuple) -> tuple:
    """The matrix that applies ``m`` first, then ``n`` (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _font_name(font: Any) -> str:
    size = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
    buf = ctypes.create_string_buffer(max(1, size))
    pdfium_c.FPDFFont_GetBaseFontName(font, buf, size)
    return buf.value.decode("utf-8", "replace")


# -- paths → edges, as pdfminer classifies and pdfplumber converts ---------------------


def _subpaths(obj: Any, ctm: tuple) -> list[list[tuple[str, float, float]]]:
    """The path's subpaths as pdfminer's operators with their end points, in page space.

    PDFium keeps a Bézier curve as three points; pdfminer keeps the end point
    only. PDFium marks a closed subpath on its last point, after which
    pdfminer has an ``h`` operator standing at the subpath's start.
    """
    n = pdfium_c.FPDFPath_CountSegments(obj)
    if n < 0:
        raise NeedsReference("an unreadable path")
    a, b, c, d, e, f = ctm
    x, y = ctypes.c_float(), ctypes.c_float()
    subpaths: list[list[tuple[str, float, float]]] = []
    current: list[tuple[str, float, float]] = []
    bezier = 0
    for i in range(n):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        pdfium_c.FPDFPathSegment_GetPoint(seg, x, y)
        px, py = x.value, y.value
        point = (a * px + c * py + e, b * px + d * py + f)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            if current:
                subpaths.append(current)
            current = [("m", *point)]
            bezier = 0
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO:
            current.append(("l", *point))
        elif kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier % 3 == 0:
                current.append(("c", *point))
        else:
            raise NeedsReference("an unknown path segment")
        if pdfium_c.FPDFPathSegment_GetClose(seg) and current:
            current.append(("h", current[0][1], current[0][2]))
    if current:
        subpaths.append(current)
    return subpaths


def _subpath_objects(ops: list[tuple[str, float, float]], height: float) -> list[dict]:
    """pdfplumber's line/rect/curve dict for one subpath (pdfminer's ``paint_path`` rules)."""
    shape = "".join(op for op, _, _ in ops)
    pts = [(x, y) for _, x, y in ops]
    if shape[:1] != "m":
        return []
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in {"mlh", "ml"}:
        return [_bounded("line", [pts[0], pts[1]], height)]
    if shape in {"mlllh", "mllll"}:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        closed = pts[0] == pts[4]
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if closed and square:
            return [_bounded("rect", [pts[0], pts[2]], height)]
    return [_bounded("curve", pts, height)]


def _bounded(kind: str, pts: list[tuple[float, float]], height: float) -> dict:
    x0 = min(p[0] for p in pts)
    x1 = max(p[0] for p in pts)
    y0 = min(p[1] for p in pts)
    y1 = max(p[1] for p in pts)
    obj = {
        "object_type": kind,
        "x0": x0,
        "x1": x1,
        "y0": y0,
        "y1": y1,
        "width": x1 - x0,
        "height": y1 - y0,
        "top": height - y1,
        "bottom": height - y0,
    }
    obj["doctop"] = obj["top"]
    if kind == "curve":
        obj["pts"] = [(x, height - y) for x, y in pts]
    return obj


def _edges(obj: dict) -> list[dict]:
    """pdfplumber's edges of a line, rect or curve dict (``pdfplumber.utils.obj_to_edges``)."""
    kind = obj["object_type"]
    if kind == "line":
        return [{**obj, "orientation": "h" if obj["top"] == obj["bottom"] else "v"}]
    if kind == "rect":
        edge = {k: obj[k] for k in ("x0", "x1", "top", "bottom", "doctop", "width", "height")}
        return [
            {**edge, "object_type": "rect_edge", "height": 0, "bottom": obj["top"], "orientation": "h"},
            {**edge, "object_type": "rect_edge", "height": 0, "top": obj["top"] + obj["height"],
             "doctop": obj["doctop"] + obj["height"], "orientation": "h"},
            {**edge, "object_type": "rect_edge", "width": 0, "x1": obj["x0"], "orientation": "v"},
            {**edge, "object_type": "rect_edge", "width": 0, "x0": obj["x1"], "orientation": "v"},
        ]
    out = []
    pts = obj["pts"]
    for (px0, py0), (px1, py1) in zip(pts, pts[1:]):
        top = min(py0, py1)
        out.append({
            "object_type": "curve_edge",
            "x0": min(px0, px1),
            "x1": max(px0, px1),
            "top": top,
            "doctop": top,
            "bottom": max(py0, py1),
            "width": abs(px0 - px1),
            "height": abs(py0 - py1),
            "orientation": "v" if px0 == px1 else ("h" if py0 == py1 else None),
        })
    return out


@dataclass
class _Objects:
    """What a page's object tree holds, besides its text."""

    edges: list[dict]
    images: list[dict]
    text_objects: dict[int, tuple[Any, tuple | None]]  # address -> (handle, matrix of the enclosing form)


def _walk(objects: list[Any], parent: tuple | None, height: float, out: _Objects, depth: int = 0) -> None:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    for obj in objects:
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            out.text_objects[_address(obj)] = (obj, parent)
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            if not pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke):
                raise NeedsReference("a path without a draw mode")
            if fill.value == pdfium_c.FPDF_FILLMODE_NONE and not stroke.value:
                continue  # "n": a clipping path, never painted
            ctm = _matrix(obj) if parent is None else _multiply(_matrix(obj), parent)
            for ops in _subpaths(obj, ctm):
                for item in _subpath_objects(ops, height):
                    out.edges.extend(_edges(item))
        elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            left, bottom, right, top = (ctypes.c_float() for _ in range(4))
            if pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                out.images.append(
                    {"x0": left.value, "x1": right.value, "top": height - top.value, "bottom": height - bottom.value}
                )
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            if depth >= MAX_FORM_DEPTH:
                raise NeedsReference("Form XObjects nested too deeply")
            matrix = _matrix(obj) if parent is None else _multiply(_matrix(obj), parent)
            children = [pdfium_c.FPDFFormObj_GetObject(obj, i) for i in range(pdfium_c.FPDFFormObj_CountObjects(obj))]
            _walk(children, matrix, height, out, depth + 1)


# -- characters -----------------------------------------------------------------------


def _chars(textpage: Any, height: float, fonts: FontTable, text_objects: dict[int, tuple]) -> list[dict]:
    """pdfplumber's char dicts for the page's characters (see ``_PageChars``)."""
    return _PageChars(textpage, height, fonts).read(text_objects)


class _PageChars:
    """The characters of one PDFium text page as pdfplumber's char dicts.

    x0 is the character's origin, x1 the origin plus pdfminer's advance
    width; each (font, size, character) is checked once against PDFium's
    box (``_right_edge``). Characters outside the Basic Multilingual
    Plane are joined from their two UTF-16 code units.

    PDFium's text page drops some whitespace pdfminer reports; as whitespace
    separates words, it is put back (``_whitespace``):

    * a real space that followed a space PDFium generated (from a gap left by
      a ``TJ`` offset) is deleted as a double space; the generated space
      then stands at the deleted one's origin, not at the next character's;
    * a text object whose glyphs have no ink (a lone space or no-break
      space, a run of spaces) is skipped whole (``_left_out``).
    """

    def __init__(self, textpage: Any, height: float, fonts: FontTable):
        self.textpage, self.height, self.fonts = textpage, height, fonts
        self.per_object: dict[int, _ObjectInfo] = {}
        #: the characters whose advance was checked, per (font, points of advance per unit)
        self.checked: dict[tuple[FontInfo, float], set[str]] = {}
        self.box = pdfium_c.FS_RECTF()
        self.ox, self.oy = ctypes.c_double(), ctypes.c_double()

    def read(self, text_objects: dict[int, tuple]) -> list[dict]:
        """The characters; ``text_objects`` (address -> handle, matrix of the enclosing form or None)
        lists every text object of the page, to put back what the text page left out."""
        n = pdfium_c.FPDFText_CountChars(self.textpage)
        if n < 0:
            raise NeedsReference("no text page")
        calls, textpage = _text_calls(), _address(self.textpage)
        ox, oy = ctypes.addressof(self.ox), ctypes.addressof(self.oy)
        chars: list[dict] = []
        pending: tuple[float, float, int] | None = None  # a generated space of a text object: x, y, object
        skip = -1  # the index of a low surrogate already joined to its high one
        last_key, known, checked, widths, advance = 0, None, set(), {}, 0.0
        height, drop, size, fontname = self.height, 0.0, 0.0, ""  # drop: the descent below the baseline
        for i in range(n):
            if i == skip:
                continue
            code = calls.unicode(textpage, i)
            if code in GENERATED and calls.is_generated(textpage, i):
                pending = self._generated_space(i) if code == SPACE else None
                continue
            if calls.map_error(textpage, i):
                raise NeedsReference("a character without a Unicode mapping")
            key = calls.text_object(textpage, i) or 0
            if key != last_key or known is None:
                known, last_key = self._object(key, i), key
                checked = self.checked.setdefault((known.font, known.advance), set())
                widths, advance = known.font.widths, known.advance
                drop, size, fontname = known.font.descent * known.size, known.size, known.font.fontname
            if not calls.origin(textpage, i, ox, oy):
                raise NeedsReference("a character without an origin")
            x0, baseline = self.ox.value, self.oy.value
            if PDFIUM_LINE_END_HYPHEN < code < HIGH_SURROGATES[0]:
                text = chr(code)
            else:
                text = _text(code, textpage, i, n, known.font)
                if len(text) == 1 and ord(text) > 0xFFFF:
                    skip = i + 1
            if pending is not None:
                px, py, pkey = pending
                pending = None
                if pkey == key and abs(px - x0) > BOX_EPSILON and abs(py - baseline) <= BOX_EPSILON:
                    chars.append(_whitespace(px, x0, py, known, self.height))
            if text in checked:
                x1 = x0 + widths[text] * advance
            else:
                x1 = self._right_edge(i, x0, text, known, checked)
            # ``_char``, written out: it runs for every character of the page
            y0 = baseline + drop
            top = height - (y0 + size)
            chars.append({"text": text, "x0": x0, "x1": x1, "top": top, "bottom": height - y0, "doctop": top,
                          "size": size, "fontname": fontname, "upright": True})
        runs = []
        for key in text_objects.keys() - self.per_object.keys():
            obj, parent = text_objects[key]
            space, run = _left_out(obj, parent, self.fonts, self.height)
            chars.append(space)
            if run:
                runs.append(space)
        if runs:
            _check_runs(runs, chars)
        return chars

    def _object(self, key: int, index: int) -> "_ObjectInfo":
        """What the characters of the text object at ``key`` (address) share; ``index`` is one of them."""
        known = self.per_object.get(key)
        if known is None:
            if not key:
                raise NeedsReference("a character without a text object")
            obj = pdfium_c.FPDFText_GetTextObject(self.textpage, index)
            known = self.per_object[key] = _object_info(self.textpage, index, obj, self.fonts)
        return known

    def _generated_space(self, index: int) -> tuple[float, float, int] | None:
        key = _address(pdfium_c.FPDFText_GetTextObject(self.textpage, index))
        if key and pdfium_c.FPDFText_GetCharOrigin(self.textpage, index, self.ox, self.oy):
            return (self.ox.value, self.oy.value, key)
        return None

    def _loose_right(self, index: int) -> float:
        if not pdfium_c.FPDFText_GetLooseCharBox(self.textpage, index, self.box):
            raise NeedsReference("a character without a box")
        return float(self.box.right)

    def _right_edge(self, index: int, x0: float, text: str, known: "_ObjectInfo", checked: set[str]) -> float:
        """pdfminer's x1 of a character: its origin plus its advance.

        PDFium's loose box is the union of the advance (origin to origin +
        advance) and the glyph's own box, so its right edge is the advance's
        unless the glyph reaches past it. With the font's width for the
        character the advance is computed, and checked against the loose box
        once per font, size and character; without it the glyph box tells
        whether the loose edge is the advance's.
        """
        if _unpaired_surrogate(text):  # pdfminer drops it; it is kept, to be replaced and noted
            return max(x0, self._loose_right(index))
        width = known.font.widths.get(text)
        if width is not None:
            right = x0 + width * known.advance
            loose_right = self._loose_right(index)
            if abs(right - loose_right) > BOX_EPSILON and loose_right <= right:
                raise NeedsReference("an advance width unlike PDFium's")
            checked.add(text)
            return right
        loose_right = self._loose_right(index)
        left, tight_right, bottom, top = (ctypes.c_double() for _ in range(4))
        if not pdfium_c.FPDFText_GetCharBox(self.textpage, index, left, tight_right, bottom, top):
            raise NeedsReference("a character without a glyph box")
        if loose_right > tight_right.value + BOX_EPSILON:
            return loose_right
        raise NeedsReference("a character whose advance width is not known")


class _TextCalls:
    """The per-character PDFium text functions, with plain C types: handles as addresses (ints).

    The bindings convert every handle and out-parameter on each call; over
    thousands of characters a page that costs more than PDFium's own work.
    """

    def __init__(self) -> None:
        def prototype(function: Any, restype: Any, *argtypes: Any) -> Any:
            return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(function, ctypes.c_void_p).value)

        handle, index = ctypes.c_void_p, ctypes.c_int
        self.unicode = prototype(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint, handle, index)
        self.is_generated = prototype(pdfium_c.FPDFText_IsGenerated, ctypes.c_int, handle, index)
        self.map_error = prototype(pdfium_c.FPDFText_HasUnicodeMapError, ctypes.c_int, handle, index)
        self.text_object = prototype(pdfium_c.FPDFText_GetTextObject, handle, handle, index)
        self.origin = prototype(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int, handle, index, handle, handle)


@functools.cache
def _text_calls() -> _TextCalls:
    return _TextCalls()


def _text(code: int, textpage: int, index: int, count: int, font: FontInfo) -> str:
    """The text of the character at ``index``.

    PDFium gives UTF-16 code units, so a character outside the Basic
    Multilingual Plane comes as two entries (a high and a low surrogate),
    joined here; an unpaired surrogate is returned as it is
    (``extractor.readers.pdf_page`` replaces it). A line-end hyphen PDFium
    marks gets the font's hyphen character back.
    """
    if code == PDFIUM_LINE_END_HYPHEN:
        if font.hyphen is None:
            raise NeedsReference("a line-end hyphen whose character the font does not tell")
        return font.hyphen
    if HIGH_SURROGATES[0] <= code <= HIGH_SURROGATES[1] and index + 1 < count:
        low = _text_calls().unicode(textpage, index + 1)
        if LOW_SURROGATES[0] <= low <= LOW_SURROGATES[1]:
            return chr(0x10000 + ((code - HIGH_SURROGATES[0]) << 10) + (low - LOW_SURROGATES[0]))
    return chr(code)


def _unpaired_surrogate(text: str) -> bool:
    return HIGH_SURROGATES[0] <= ord(text[0]) <= LOW_SURROGATES[1]


@dataclass(frozen=True)
class _ObjectInfo:
    """What the characters of one text object share."""

    font: FontInfo
    fontsize: float
    scale_x: float  # the text matrix's horizontal scale
    size: float  # the characters' height: font size times the vertical scale
    advance: float  # points of advance per unit of glyph width: font size times the horizontal scale


def _object_info(textpage: Any, index: int, obj: Any, fonts: FontTable) -> _ObjectInfo:
    """The shared facts of the text object of character ``index`` (its matrix is every character's)."""
    c = pdfium_c
    if not _address(obj):
        raise NeedsReference("a character without a text object")
    info = fonts.lookup(c.FPDFTextObj_GetFont(obj))
    size_out = ctypes.c_float()
    if not c.FPDFTextObj_GetFontSize(obj, size_out) or size_out.value <= 0:
        raise NeedsReference("a text object without a font size")
    matrix = c.FS_MATRIX()
    if not c.FPDFText_GetMatrix(textpage, index, matrix):
        raise NeedsReference("a character without a matrix")
    return _shared(info, size_out.value, (matrix.a, matrix.b, matrix.c, matrix.d))


def _shared(font: FontInfo, fontsize: float, matrix: tuple[float, float, float, float]) -> _ObjectInfo:
    a, b, c, d = matrix
    if b != 0 or c != 0 or a <= 0 or d <= 0:
        raise NeedsReference("rotated or mirrored text")
    return _ObjectInfo(font=font, fontsize=fontsize, scale_x=a, size=d * fontsize, advance=fontsize * a)


def _char(text: str, x0: float, x1: float, baseline: float, known: _ObjectInfo, height: float) -> dict:
    """pdfplumber's char dict: pdfminer's box runs from the descent, one font size high."""
    y0 = baseline + known.font.descent * known.size
    top = height - (y0 + known.size)
    return {
        "text": text,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": height - y0,
        "doctop": top,
        "size": known.size,
        "fontname": known.font.fontname,
        "upright": True,
    }


def _whitespace(x0: float, x1: float, baseline: float, known: _ObjectInfo, height: float) -> dict:
    """A space PDFium dropped, from ``x0`` to ``x1`` on the baseline (only ever a word separator)."""
    return _char(" ", x0, max(x0, x1), baseline, known, height)


def _left_out(obj: Any, parent: tuple | None, fonts: FontTable, height: float) -> tuple[dict, bool]:
    """The whitespace of a text object the text page left out, and whether it stands for a run; or ``NeedsReference``.

    PDFium's text page skips a text object whose glyphs have no ink: its box
    has no width (LibreOffice writes a lone space or no-break space as one)
    or no height (a run of spaces, such as the blank of a dotted leader or a
    form field: its box spans the glyphs' origins on the baseline). pdfminer
    reports those characters; as whitespace they only separate words, so one
    space from the object's origin over its width stands for them
    (``_check_runs`` makes sure that is exact for a run). The text page also
    skips a text object drawn twice at the same place (pdfminer keeps both):
    that (its box has ink), or an inkless object in a font that has inkless
    visible characters, makes the page go to the reference engine.
    """
    c = pdfium_c
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        raise NeedsReference("PDFium's text page left out a text object without a box")
    wide = right.value - left.value >= ZERO_WIDTH
    if wide and top.value - bottom.value >= ZERO_WIDTH:
        raise NeedsReference("PDFium's text page left out a text object")
    info = fonts.lookup(c.FPDFTextObj_GetFont(obj))
    if info.zero_width_ink:
        raise NeedsReference("PDFium's text page left out a text object that may hold a character")
    size_out = ctypes.c_float()
    if not c.FPDFTextObj_GetFontSize(obj, size_out) or size_out.value <= 0:
        raise NeedsReference("a text object without a font size")
    matrix = _matrix(obj) if parent is None else _multiply(_matrix(obj), parent)
    known = _shared(info, size_out.value, matrix[:4])
    x0, baseline = matrix[4], matrix[5]
    if wide:  # a run of inkless glyphs: its box runs over their origins (in the enclosing form's space)
        scale = 1.0 if parent is None else parent[0]
        return _whitespace(x0, x0 + (right.value - left.value) * scale, baseline, known, height), True
    width = info.widths.get(" ") or info.widths.get(NO_BREAK_SPACE) or 0.0
    return _whitespace(x0, x0 + width * known.advance, baseline, known, height), False


def _check_runs(runs: list[dict], chars: list[dict]) -> None:
    """``NeedsReference`` unless each run of inkless glyphs (one space standing for several) is alone on its line.

    pdfminer reports a space per glyph of the run; a space ends a word, so
    one space stands for them exactly unless a visible character begins
    within the run on its line (a dotted leader drawn over a run of spaces),
    where each of pdfminer's spaces would cut a word of its own.
    """
    for run in runs:
        for ch in chars:
            if (
                run["x0"] - BOX_EPSILON <= ch["x0"] <= run["x1"] + BOX_EPSILON
                and ch["top"] < run["bottom"]
                and ch["bottom"] > run["top"]
                and not ch["text"].isspace()
            ):
                raise NeedsReference("a run of inkless glyphs with characters over it")


# -- pages ----------------------------------------------------------------------------


def _page_box(page: Any) -> tuple[float, float]:
    """The page's width and height; refuse pages pdfplumber would measure differently."""
    c = pdfium_c
    if c.FPDFPage_GetRotation(page) != 0:
        raise NeedsReference("a rotated page")
    media = [ctypes.c_float() for _ in range(4)]
    if not c.FPDFPage_GetMediaBox(page, *media):
        raise NeedsReference("a page without a media box")
    left, bottom, right, top = (v.value for v in media)
    if left != 0 or bottom != 0:
        raise NeedsReference("a media box not at the origin")
    crop = [ctypes.c_float() for _ in range(4)]
    if c.FPDFPage_GetCropBox(page, *crop) and [v.value for v in crop] != [left, bottom, right, top]:
        raise NeedsReference("a crop box unlike the media box")
    return right - left, top - bottom


def _declined(exc: Exception) -> NeedsReference:
    """Whatever went wrong unexpectedly, the reference engine has the last word."""
    return exc if isinstance(exc, NeedsReference) else NeedsReference(f"unexpected {type(exc).__name__}: {exc}")


class _PdfiumFile:
    """A PDF held open by PDFium from a copy of its bytes; closed by ``close()`` or a ``with`` block."""

    _doc = None

    def _open(self, data: bytes) -> None:
        self._buffer = ctypes.create_string_buffer(data, len(data))  # PDFium reads it while the file is open
        self._doc = pdfium_c.FPDF_LoadMemDocument64(self._buffer, len(data), None)
        if not self._doc:
            raise NeedsReference("PDFium cannot open the file")

    def close(self) -> None:
        if self._doc:
            pdfium_c.FPDF_CloseDocument(self._doc)
            self._doc = None

    def __enter__(self):
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()


class FastDocument(_PdfiumFile):
    """A PDF open with PDFium, its page tree read with pdfminer (for the fonts); pages read one by one.

    Opening raises ``NeedsReference`` when the whole file must go to
    pdfplumber (pdfminer or PDFium cannot open it, they count its pages
    differently, it is over the page limit); ``read_page`` raises it when
    only that page must.
    """

    def __init__(self, data: bytes, limits: Limits, settings: PdfSettings = DEFAULT_PDF):
        if pdfium_c is None:
            raise NeedsReference("pypdfium2 is not installed")
        self._settings = settings
        try:
            document = PDFDocument(PDFParser(io.BytesIO(data)))
            self._miner_pages = list(PDFPage.create_pages(document))
        except Exception as exc:  # the reference reader reports a broken file properly
            raise MinerCannotRead(f"pdfminer cannot open the file: {type(exc).__name__}") from exc
        if not self._miner_pages:
            raise MinerCannotRead("pdfminer finds no page in the file")
        if len(self._miner_pages) > limits.max_pages:
            raise NeedsReference("over the page limit")
        self._manager = PDFResourceManager(caching=True)
        self._fonts: dict[int, _FontResource] = {}
        self._open(data)
        if pdfium_c.FPDF_GetPageCount(self._doc) != len(self._miner_pages):
            self.close()
            raise NeedsReference("PDFium and pdfminer count the pages differently")

    @property
    def page_count(self) -> int:
        return len(self._miner_pages)

    def read_page(self, index: int) -> PageContent:
        """Page ``index`` (from 0) read with PDFium; ``NeedsReference`` when pdfplumber must read it."""
        try:
            fonts = _page_fonts(self._manager, self._miner_pages[index], self._fonts)
            return _read_page(self._doc, index, fonts, self._settings)
        except MemoryError:
            raise
        except Exception as exc:
            raise _declined(exc) from exc


def read_pages_fast(data: bytes, limits: Limits, settings: PdfSettings = DEFAULT_PDF) -> list[PageContent]:
    """Every page's content read with PDFium; ``NeedsReference`` when pdfplumber must read some page."""
    try:
        with FastDocument(data, limits, settings) as document:
            return [document.read_page(index) for index in range(document.page_count)]
    except MemoryError:
        raise
    except Exception as exc:
        raise _declined(exc) from exc


def _read_pdfium_page(doc: Any, index: int, frame: Callable[[Any], tuple[float, float, tuple | None]],
                      characters: Callable[[Any, float, "_Objects"], list], settings: PdfSettings) -> PageContent:
    """Page ``index`` read with PDFium: the one place a page and its text page are opened and closed.

    ``frame(page)`` gives the page's width, height and the shift that puts its
    visible box at the origin (None when it is there already);
    ``characters(textpage, height, objects)`` reads its characters.
    """
    c = pdfium_c
    page = c.FPDF_LoadPage(doc, index)
    if not page:
        raise NeedsReference("PDFium cannot load a page")
    textpage = None
    try:
        width, height, shift = frame(page)
        objects = _Objects(edges=[], images=[], text_objects={})
        _walk([c.FPDFPage_GetObject(page, i) for i in range(c.FPDFPage_CountObjects(page))], shift, height, objects)
        textpage = c.FPDFText_LoadPage(page)
        if not textpage:
            raise NeedsReference("PDFium cannot read a page's text")
        chars = characters(textpage, height, objects)
        return page_content(
            index + 1, float(width), float(height), chars, objects.images,
            lambda: find_tables_on_edges(objects.edges, width, height), lambda: objects.edges, settings,
        )
    finally:
        if textpage:
            c.FPDFText_ClosePage(textpage)
        c.FPDF_ClosePage(page)


def _read_page(doc: Any, index: int, fonts: FontTable, settings: PdfSettings) -> PageContent:
    def frame(page: Any) -> tuple[float, float, None]:
        width, height = _page_box(page)
        return width, height, None

    return _read_pdfium_page(doc, index, frame,
                             lambda textpage, height, objects: _chars(textpage, height, fonts, objects.text_objects),
                             settings)


# -- the reader of last resort ----------------------------------------------------------


class LastResortDocument(_PdfiumFile):
    """A PDF read with PDFium alone, for what pdfminer cannot parse at all.

    pdfminer gives up on some files PDFium reads (a cross-reference table
    it cannot follow, a content stream it cannot tokenise, an object it
    cannot find); the reference engine then has nothing to say about them.
    Their pages are read here without pdfminer: each character is PDFium's,
    its box PDFium's loose box (origin to advance, font ascent to descent),
    which puts it where pdfminer's would be to within less than a gap
    between words (PDFium may stand in another font for one not
    embedded); ruling edges and images are found as on the fast path. The
    caller notes every page read this way (``pdf-last-resort``).

    Opening raises ``NeedsReference`` when PDFium cannot open the file
    either, and ``read_page`` when it cannot read the page.
    """

    def __init__(self, data: bytes, settings: PdfSettings = DEFAULT_PDF):
        if pdfium_c is None:
            raise NeedsReference("pypdfium2 is not installed")
        self._settings = settings
        self._open(data)

    @property
    def page_count(self) -> int:
        return max(0, pdfium_c.FPDF_GetPageCount(self._doc))

    def read_page(self, index: int, reason: str) -> PageContent:
        """Page ``index`` (from 0) read with PDFium alone; ``reason`` (why) goes to ``last_resort``."""
        try:
            content = _read_plain_page(self._doc, index, self._settings)
        except MemoryError:
            raise
        except Exception as exc:
            raise _declined(exc) from exc
        content.last_resort = reason
        return content

    def text_chars(self, index: int) -> int:
        """How many characters other than whitespace PDFium reads on page ``index`` (0 where it cannot)."""
        c = pdfium_c
        page = c.FPDF_LoadPage(self._doc, index)
        if not page:
            return 0
        textpage = c.FPDFText_LoadPage(page)
        try:
            if not textpage:
                return 0
            codes = (c.FPDFText_GetUnicode(textpage, i) for i in range(max(0, c.FPDFText_CountChars(textpage))))
            return sum(1 for code in codes if code > SPACE and not chr(code).isspace())
        finally:
            if textpage:
                c.FPDFText_ClosePage(textpage)
            c.FPDF_ClosePage(page)


def _media_box(page: Any) -> tuple[float, float, float, float]:
    """The page's visible box (crop box, else media box) as (left, bottom, right, top)."""
    box = [ctypes.c_float() for _ in range(4)]
    if not (pdfium_c.FPDFPage_GetCropBox(page, *box) or pdfium_c.FPDFPage_GetMediaBox(page, *box)):
        return (0.0, 0.0, float(pdfium_c.FPDF_GetPageWidthF(page)), float(pdfium_c.FPDF_GetPageHeightF(page)))
    left, bottom, right, top = (v.value for v in box)
    return (min(left, right), min(bottom, top), max(left, right), max(bottom, top))


def _read_plain_page(doc: Any, index: int, settings: PdfSettings) -> PageContent:
    box: list[float] = []

    def frame(page: Any) -> tuple[float, float, tuple]:
        box[:] = _media_box(page)
        left, bottom, right, top = box
        return right - left, top - bottom, (1.0, 0.0, 0.0, 1.0, -left, -bottom)

    return _read_pdfium_page(doc, index, frame,
                             lambda textpage, height, objects: _plain_chars(textpage, box[0], box[3]), settings)


def _plain_chars(textpage: Any, left: float, top: float) -> list[dict]:
    """pdfplumber's char dicts from PDFium's text page alone (see ``LastResortDocument``).

    The spaces and line breaks PDFium generates are left out, as on the
    fast path; a character PDFium cannot map to Unicode reads "(cid:N)", as
    pdfminer writes it, so that the page is noted as unmapped.
    """
    c = pdfium_c
    n = c.FPDFText_CountChars(textpage)
    if n < 0:
        raise NeedsReference("no text page")
    box, matrix = c.FS_RECTF(), c.FS_MATRIX()
    name = ctypes.create_string_buffer(256)
    chars: list[dict] = []
    skip = -1
    for i in range(n):
        if i == skip:
            continue
        code = c.FPDFText_GetUnicode(textpage, i)
        if c.FPDFText_IsGenerated(textpage, i) == 1:
            continue
        if c.FPDFText_HasUnicodeMapError(textpage, i) == 1:
            text = f"(cid:{code})"
        elif code == PDFIUM_LINE_END_HYPHEN:
            text = HYPHEN
        elif HIGH_SURROGATES[0] <= code <= HIGH_SURROGATES[1] and i + 1 < n:
            low = c.FPDFText_GetUnicode(textpage, i + 1)
            if LOW_SURROGATES[0] <= low <= LOW_SURROGATES[1]:
                text, skip = chr(0x10000 + ((code - HIGH_SURROGATES[0]) << 10) + (low - LOW_SURROGATES[0])), i + 1
            else:
                text = chr(code)
        elif code == 0:
            continue
        else:
            text = chr(code)
        if not c.FPDFText_GetLooseCharBox(textpage, i, box):
            continue
        a = b = cc = 0.0
        d = 1.0
        if c.FPDFText_GetMatrix(textpage, i, matrix):
            a, b, cc, d = matrix.a, matrix.b, matrix.c, matrix.d
        size = float(c.FPDFText_GetFontSize(textpage, i))
        length = c.FPDFText_GetFontInfo(textpage, i, name, len(name), None)
        fontname = name.value.decode("utf-8", "replace") if length else ""
        x0, x1 = sorted((box.left - left, box.right - left))
        y_top, y_bottom = sorted((top - box.top, top - box.bottom))
        chars.append({
            "text": text,
            "x0": x0,
            "x1": x1,
            "top": y_top,
            "bottom": y_bottom,
            "doctop": y_top,
            "size": size,
            "fontname": fontname,
            "upright": a * d > 0 and b * cc <= 0,
            "matrix": (a, b, cc, d, 0.0, 0.0),
        })
    return chars
