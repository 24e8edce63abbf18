"""HTML reader: a report published as a web page (a council site's page, Word's "Save as Web Page").

Three steps:

1. **Decode** (``decode_html``): a BOM decides first; then the charset the
   page declares (``<meta charset>``, ``<meta http-equiv="Content-Type">``,
   an XML declaration) in its first 4 KB; then detection as for a text
   file (UTF-8, else cp1251 and the other Cyrillic code pages). A page that
   declares a Latin code page (ISO-8859-1, Windows-1252) while its bytes
   read as Cyrillic in cp1251 is read as cp1251, with a note: old council
   sites often say one and send the other.
2. **Parse** with lxml's HTML parser: forgiving, no network, comments and
   processing instructions dropped; entities other than HTML's own are
   never expanded (a DOCTYPE's internal subset is removed before parsing,
   with a note), so nothing outside the bytes is ever read.
3. **Walk** the body in document order into paragraphs and tables:

   * site furniture is left out: ``script``, ``style``, ``nav``, ``aside``,
     ``menu``, form controls, embedded objects, ``header``/``footer``
     outside an ``article``/``main``, elements whose ARIA role is a
     landmark of the site (navigation, banner, contentinfo, complementary,
     search) or whose id/class names a menu, navigation bar, sidebar,
     breadcrumbs, footer, site header, banner, social or share buttons,
     search, cookie notice or a CMS side module; hidden elements
     (``hidden``, ``display:none``, Word's ``mso-hide:all``);
   * every block element (``p``, ``div``, ``h1``…``h6``, ``li``, …) ends a
     paragraph; ``<br>`` is a line break inside it; white space collapses
     as a browser shows it; a paragraph holding only white space or
     ``&nbsp;`` is an empty paragraph (as Word's empty ``<p>&nbsp;</p>`` is
     an empty paragraph in the DOCX);
   * a ``<table>`` becomes a Table: rows from ``thead``/``tbody``/``tfoot``
     in order, cells placed by the HTML table model (``rowspan`` and
     ``colspan`` as spans; ``rowspan="0"`` runs to the last row), each
     cell's block elements and ``<br>`` giving its lines; a table nested in
     a cell gives its cells' lines to that cell; rows of ``thead`` are
     header rows;
   * a layout table (one that holds tables of its own in at most a dozen
     cells, or says ``role="presentation"``) is not data: its cells are
     read as running content, so the report's tables inside it are found.

Word's filtered HTML reads like the DOCX it came from: ``MsoNormal``
paragraphs, ``<o:p>`` (empty), conditional comments, ``div.WordSection1``
and the tables in it need no special case beyond the rules above.
"""

from __future__ import annotations

import codecs
import re

from lxml import etree

from ..document import Cell, Document, Paragraph, Row, Table
from ..i18n import _
from ..limits import DEFAULT_LIMITS, Limits
from ..problems import HTML_DOCTYPE_SUBSET, HTML_ENCODING
from ..settings import DEFAULT_TEXT, TextSettings
from .txt import cyrillic_plausibility, decode_text

#: Latin code pages a Cyrillic page is often mislabelled with
_LATIN_LABELS = frozenset({"latin-1", "iso8859-1", "cp1252", "ascii"})

NOTE_ENCODING = HTML_ENCODING.code
NOTE_DOCTYPE = HTML_DOCTYPE_SUBSET.code

_META_CHARSET = re.compile(rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_DOCTYPE_SUBSET = re.compile(r"<!DOCTYPE[^>\[]*\[.*?\]\s*>", re.I | re.S)
_SPACE = re.compile(r"[ \t\n\r\f]+")
_LINE_BREAK = "\x00"  # stands for <br> while white space collapses (NULs were removed from the text)
_TAB_STOP = "\x01"  # stands before a run floated to the right margin (removed from the text as well)
#: a CSS rule: its selectors and its declarations
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_FLOAT_RIGHT = re.compile(r"float\s*:\s*right", re.I)
_CSS_CLASS = re.compile(r"\.([A-Za-z_][\w-]*)")

_SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "iframe", "object", "embed", "applet", "svg", "math", "canvas",
    "nav", "aside", "menu", "button", "select", "textarea", "input", "option", "datalist", "head", "title",
    "meta", "link", "base", "map", "audio", "video", "source", "track", "img", "picture", "xml",
})
_BLOCK_TAGS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre",
    "address", "center", "section", "article", "main", "figure", "figcaption", "hr", "form", "fieldset",
    "legend", "caption", "details", "summary", "body", "html", "header", "footer", "dir", "listing", "xmp",
})
#: block elements whose emptiness is a paragraph of its own (a blank line the author typed)
_PARAGRAPH_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "pre"})
_LANDMARK_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar"})
#: words in an id or class that name site furniture (compared with the parts of the value split at - and _)
_FURNITURE_WORDS = frozenset({
    "menu", "mainmenu", "topmenu", "submenu", "menubar", "nav", "navbar", "navigation", "sidebar", "breadcrumb",
    "breadcrumbs", "footer", "banner", "social", "share", "sharing", "cookie", "cookies", "search", "moduletable",
    "widget", "pagination", "pager", "skiplink",
})
#: an id/class with "header" names the site's header unless it is the header of the content
_CONTENT_HEADER_WORDS = frozenset({"page", "article", "entry", "item", "content", "post", "table", "section"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|mso-hide\s*:\s*all|visibility\s*:\s*hidden", re.I)


def read_html(data: bytes, *, path: str, limits: Limits, text_settings: TextSettings = DEFAULT_TEXT) -> Document:
    """Read HTML bytes into a Document (format "html", no pages)."""
    text, notes = decode_html(data, path=path, settings=text_settings)
    text = text.replace(_TAB_STOP, "")
    text = _XML_DECLARATION.sub("", text, count=1)  # the bytes are decoded: lxml refuses a str that declares
    text, subset = _DOCTYPE_SUBSET.subn("<!DOCTYPE html>", text, count=1)
    if subset:
        notes.append(HTML_DOCTYPE_SUBSET.note())
    parser = etree.HTMLParser(recover=True, no_network=True, remove_comments=True, remove_pis=True,
                              default_doctype=False, collect_ids=False, huge_tree=True)
    root = etree.fromstring(text, parser) if text.strip() else None
    walker = _Walker(limits.max_table_columns, text_settings.html_layout_max_cells, _right_classes(root))
    if root is not None:
        body = root.find("body")
        walker.flow(body if body is not None else root)
    blocks = walker.finish()
    index = 0
    for block in blocks:
        if isinstance(block, Table):
            block.index = index
            index += 1
    return Document(blocks=blocks, format="html", pages=None, notes=notes)


# -- decoding -------------------------------------------------------------------------------


def declared_encoding(data: bytes, settings: TextSettings = DEFAULT_TEXT) -> str | None:
    """The encoding the page declares at its start (meta charset, http-equiv, XML declaration), as a codec name."""
    head = data[:settings.html_sample_bytes]
    for pattern in (_XML_ENCODING, _META_CHARSET):
        m = pattern.search(head)
        if m:
            try:
                name = codecs.lookup(m.group(1).decode("ascii")).name
            except (LookupError, UnicodeDecodeError):
                continue
            if name.startswith("utf-16") or name.startswith("utf-32"):
                return "utf-8"  # bytes that can be searched for ASCII are not UTF-16 (as browsers do)
            return name
    return None


def decode_html(data: bytes, *, path: str, settings: TextSettings = DEFAULT_TEXT) -> tuple[str, list[tuple[str, str]]]:
    """The page's text and reader notes: BOM, then the declared charset, then detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace").replace("\x00", ""), []
    declared = declared_encoding(data, settings)
    if declared is not None:
        try:
            text = data.decode(declared)
        except UnicodeDecodeError:
            text = None
        if text is not None:
            cyrillic = settings.default_code_page
            if declared in _LATIN_LABELS and any(b >= 0xC0 for b in data[:settings.sniff_sample_bytes]):
                alt = data.decode(cyrillic, errors="replace")
                if _cyrillic_share(alt) > _cyrillic_share(text) + settings.mislabel_margin \
                        and cyrillic_plausibility(alt) >= cyrillic_plausibility(text):
                    return alt.replace("\x00", ""), [HTML_ENCODING.note(detail=_(
                        "the page declares {declared} but its text is Cyrillic in {encoding}; read as {encoding}").format(
                        declared=declared, encoding=cyrillic))]
            return text.replace("\x00", ""), []
        detected_text, detected = decode_text(data, path=path, settings=settings)
        return detected_text, [HTML_ENCODING.note(detail=_(
            "the page declares {declared} but its bytes are not; read as {detected}").format(
            declared=declared, detected=detected))]
    text, detected = decode_text(data, path=path, settings=settings)
    notes = [] if detected in ("utf-8", "ascii") else [
        HTML_ENCODING.note(detail=_("the page declares no charset; read as {detected}").format(detected=detected))]
    return text, notes


def _cyrillic_share(text: str) -> float:
    """Share of the letters (beyond ASCII) that are Cyrillic: high for Ukrainian, nil for Latin-1 mojibake."""
    letters = [ch for ch in text[:65536] if ch.isalpha() and ord(ch) > 127]
    return sum(1 for ch in letters if "\u0400" <= ch <= "\u04ff") / len(letters) if letters else 0.0


# -- walking the tree -----------------------------------------------------------------------


def _tag(el) -> str:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def is_furniture(el: etree._Element) -> bool:
    """Whether an element is site furniture or hidden, to be left out with everything inside it."""
    tag = _tag(el)
    if not tag:
        return True  # comments, processing instructions, entities
    if tag in _SKIP_TAGS:
        return True
    if tag in ("header", "footer") and not _inside_content(el):
        return True
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
        return True
    style = el.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    role = (el.get("role") or "").lower()
    if role in _LANDMARK_ROLES:
        return True
    for attr in ("id", "class"):
        value = el.get(attr)
        if value and _names_furniture(value):
            return True
    return False


def _names_furniture(value: str) -> bool:
    for token in value.lower().split():
        parts = set(re.split(r"[-_]+", token))
        if parts & _FURNITURE_WORDS:
            return True
        if "header" in parts and not parts & _CONTENT_HEADER_WORDS:
            return True
    return False


def _inside_content(el: etree._Element) -> bool:
    parent = el.getparent()
    while parent is not None:
        if _tag(parent) in ("article", "main") or (parent.get("role") or "").lower() == "main":
            return True
        parent = parent.getparent()
    return False


def _collapse(text: str) -> str:
    """White space as a browser shows it: runs collapsed to one space; <br> marks become line breaks; a run
    floated to the right margin follows a TAB (none at the start of a line)."""
    text = _SPACE.sub(" ", text)
    if _TAB_STOP in text:
        text = re.sub(f" ?{_TAB_STOP} ?", _TAB_STOP, text)
        text = re.sub(f"(^|{_LINE_BREAK}){_TAB_STOP}+", r"\1", text)
        text = re.sub(f"{_TAB_STOP}+", "\t", text)
    if _LINE_BREAK not in text:
        return text
    return "\n".join(line.strip(" ") for line in text.split(_LINE_BREAK)).strip("\n")


def _right_classes(root: etree._Element | None) -> frozenset[str]:
    """The classes the page's style sheets float to the right (``.r { float: right; }``)."""
    if root is None:
        return frozenset()
    found = set()
    for style in root.iter("style"):
        for selectors, declarations in _CSS_RULE.findall(style.text or ""):
            if _FLOAT_RIGHT.search(declarations):
                found.update(_CSS_CLASS.findall(selectors))
    return frozenset(found)


def _floats_right(el: etree._Element, right_classes: frozenset[str]) -> bool:
    """The element is floated to the right margin, by its own style or by a class of the page's style sheet."""
    style = el.get("style")
    if style and _FLOAT_RIGHT.search(style):
        return True
    return bool(right_classes) and any(c in right_classes for c in (el.get("class") or "").split())


class _Walker:
    """Turns a subtree into blocks: paragraphs from inline runs, tables from data tables."""

    def __init__(self, max_columns: int = DEFAULT_LIMITS.max_table_columns,
                 layout_max_cells: int = DEFAULT_TEXT.html_layout_max_cells,
                 right_classes: frozenset[str] = frozenset()) -> None:
        self.blocks: list[Paragraph | Table] = []
        self._buf: list[str] = []
        #: widest table grid accepted (``Limits.max_table_columns``)
        self.max_columns = max_columns
        #: a table holding tables of its own in at most this many cells lays out the page
        #: (``TextSettings.html_layout_max_cells``)
        self.layout_max_cells = layout_max_cells
        #: classes the page's style sheet floats to the right margin (``_right_classes``)
        self.right_classes = right_classes

    def finish(self) -> list[Paragraph | Table]:
        self._flush(keep_empty=False)
        return self.blocks

    def _flush(self, keep_empty: bool) -> None:
        raw = "".join(self._buf)
        self._buf = []
        text = _collapse(raw)
        if text.strip():
            self.blocks.append(Paragraph(text.strip(" \u00a0")))
        elif keep_empty:
            self.blocks.append(Paragraph(""))

    def flow(self, el: etree._Element, pre: bool = False) -> None:
        """Walk ``el``'s content: its text, its children (each followed by its tail)."""
        if el.text:
            self._buf.append(_pre(el.text) if pre else el.text)
        for child in el:
            self._element(child, pre)
            if child.tail:
                self._buf.append(_pre(child.tail) if pre else child.tail)

    def _element(self, el: etree._Element, pre: bool) -> None:
        if is_furniture(el):
            return
        tag = _tag(el)
        if tag == "br":
            self._buf.append(_LINE_BREAK)
            return
        if tag == "table":
            self._flush(keep_empty=False)
            if _is_layout_table(el, self.layout_max_cells):
                for cell in _table_cells(el):
                    self.flow(cell)
                    self._flush(keep_empty=False)
            else:
                table = read_table(el, self.max_columns)
                if table is not None:
                    self.blocks.append(table)
            return
        if tag in _BLOCK_TAGS:
            self._flush(keep_empty=False)
            self.flow(el, pre or tag in ("pre", "listing", "xmp"))
            self._flush(keep_empty=tag in _PARAGRAPH_TAGS)
            return
        if _floats_right(el, self.right_classes):
            self._buf.append(_TAB_STOP)  # a name set at the right margin, as a TAB sets it in a word processor
        self.flow(el, pre)


def _pre(text: str) -> str:
    """Preformatted text: line breaks kept (as <br>), other white space as it is."""
    return text.replace("\r\n", "\n").replace("\n", _LINE_BREAK)


# -- tables -------------------------------------------------------------------------------------


def _rows(table: etree._Element) -> list[tuple[etree._Element, bool]]:
    """The table's own ``tr`` elements in order, with whether each is in ``thead``."""
    out = []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            out.append((child, False))
        elif tag in ("thead", "tbody", "tfoot"):
            out.extend((tr, tag == "thead") for tr in child if _tag(tr) == "tr")
    return out


def _cells(tr: etree._Element) -> list[etree._Element]:
    return [c for c in tr if _tag(c) in ("td", "th") and not _hidden(c)]


def _spacer_row(tr: etree._Element, cells: list[etree._Element]) -> bool:
    """Word's column-width row (``<tr height=0>`` of empty cells, for browsers without misaligned columns)."""
    return (tr.get("height") or "").strip() == "0" and not any("".join(c.itertext()).strip() for c in cells)


def _hidden(el: etree._Element) -> bool:
    style = el.get("style")
    return el.get("hidden") is not None or bool(style and _HIDDEN_STYLE.search(style))


def _table_cells(table: etree._Element, limit: int | None = None) -> list[etree._Element]:
    """The table's own cells in order (the first ``limit`` + 1 of them when a limit is given)."""
    out: list[etree._Element] = []
    for tr, _ in _rows(table):
        out.extend(_cells(tr))
        if limit is not None and len(out) > limit:
            break
    return out


def _is_layout_table(table: etree._Element, max_cells: int = DEFAULT_TEXT.html_layout_max_cells) -> bool:
    """A table that lays out the page: role="presentation", or at most ``max_cells`` cells holding a table."""
    if (table.get("role") or "").lower() in ("presentation", "none"):
        return True
    cells = _table_cells(table, max_cells)
    return len(cells) <= max_cells and any(cell.find(".//table") is not None for cell in cells)


def _span(value: str | None) -> int | None:
    """A rowspan/colspan attribute as a number (browsers read the leading digits); None when absent or bad."""
    if value is None:
        return None
    m = re.match(r"\s*(\d+)", value)
    return int(m.group(1)) if m else None


def cell_text(cell: etree._Element) -> str:
    """A cell's lines: one per block element or ``<br>``; a nested table gives its cells' lines."""
    if len(cell) == 0:  # text only: the common cell
        return _collapse(cell.text or "").strip(" \u00a0") if cell.text and cell.text.strip(" \t\n\r\f\u00a0") \
            else ""
    walker = _Walker()
    walker.flow(cell)
    lines: list[str] = []
    for block in walker.finish():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        else:
            lines.extend(line for row in block.rows for c in row.cells for line in c.lines)
    return "\n".join(lines)


def read_table(table: etree._Element, max_columns: int = DEFAULT_LIMITS.max_table_columns) -> Table | None:
    """A data table as a Table with spans (the HTML table model); None when it has no cells.

    A ``colspan`` reaching past ``max_columns`` is cut there."""
    rows = [(cells, head) for tr, head in _rows(table) if (cells := _cells(tr)) and not _spacer_row(tr, cells)]
    if not rows:
        return None
    n_rows = len(rows)
    #: positions of later rows taken by a cell spanning down into them
    occupied: set[tuple[int, int]] = set()
    out_rows: list[Row] = []
    n_cols = 0
    for r, (tds, head) in enumerate(rows):
        c = 0
        cells = []
        for td in tds:
            while (r, c) in occupied:
                c += 1
            if c >= max_columns:
                break
            rs = _span(td.get("rowspan"))
            rs = n_rows - r if rs == 0 else max(1, min(rs or 1, n_rows - r))
            cs = max(1, min(_span(td.get("colspan")) or 1, max_columns - c))
            for rr in range(r + 1, r + rs):
                for cc in range(c, c + cs):
                    occupied.add((rr, cc))
            cells.append(Cell(text=cell_text(td), row=r, col=c, row_span=rs, col_span=cs))
            c += cs
            n_cols = max(n_cols, c)
        out_rows.append(Row(cells=cells, index=r, is_header=head))
    return Table(rows=out_rows, index=0, n_cols=n_cols)
