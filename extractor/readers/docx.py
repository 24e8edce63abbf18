"""DOCX reader: WordprocessingML into the format-neutral Document.

The reader works on the XML of the package directly (lxml, one linear pass
over each part), not through python-docx: the table grid is rebuilt from
``w:tbl``/``w:tr``/``w:tc`` with ``w:gridBefore``, ``w:gridSpan`` and
``w:vMerge`` in time linear in the number of cells, and the text comes out of
the markup real Word files carry.

What comes out, in order:

1. the paragraphs of every header part (``Paragraph(part="header")``), in
   the order the section properties reference them, each part once; empty
   header paragraphs are dropped;
2. the body: ``Paragraph(part="body")`` for every paragraph, empty ones
   included (extraction needs them as line positions), and a ``Table`` for
   every table, in document order;
3. the paragraphs of every footer part (``Paragraph(part="footer")``), the
   same way as headers.

Text boxes (``w:txbxContent``) give ``Paragraph(part="textbox")`` blocks
placed right after the top-level body block (paragraph or table) that
anchors them, or after the header/footer paragraph that anchors them;
empty ones are dropped. Tables inside headers, footers and text boxes are
flattened into paragraphs of that part (one per cell line), they are not
Table blocks.

Nested tables: a table inside a cell is kept twice, on purpose. Its text is
flattened into the parent cell (the lines of its origin cells, row by row,
after the cell's paragraphs that precede it) so values stacked in a nested
table stay in the cell they belong to; and it is emitted as a Table block of
its own right after the parent table (depth first), so a report laid out
inside a wrapper table still shows its real tables. ``Table.index`` counts
the emitted Table blocks in order.

Tables:

* ``Row.index`` counts the table's rows from 0; rows deleted as a tracked
  change are not rows. ``Row.is_header`` is set by ``w:tblHeader``.
* ``n_cols`` is the grid width: the larger of ``w:tblGrid`` and the widest
  row (``gridBefore`` + spans + ``gridAfter``).
* Only origin cells are stored. A ``w:vMerge`` continuation extends the
  row span of the cell above that starts at the same grid column (any cell,
  restart or not, as Word and LibreOffice do); should a continuation cell
  hold text of its own, its lines are appended to the origin cell so that
  nothing is lost. A continuation with nothing above starts a new cell. The
  legacy ``w:hMerge`` continuation widens the cell to its left.
* Cell text: each paragraph of the cell is one line, joined by "\\n"; empty
  paragraphs stay as empty lines.

Inline text:

* ``w:t`` as is (soft hyphens, no-break spaces, doubled spaces kept),
  ``w:tab``/``w:ptab`` → TAB, ``w:br`` (text wrapping) and ``w:cr`` → "\\n"
  (page and column breaks give nothing), ``w:noBreakHyphen`` → "-",
  ``w:softHyphen`` → U+00AD, ``w:sym`` → its character (Symbol-font codes
  mapped for the few signs reports use, private-use codes shifted down).
* Runs split mid-word are joined; ``w:proofErr``, bookmarks, comments
  ranges and permission marks are ignored; ``w:hyperlink``, ``w:smartTag``,
  ``w:customXml``, ``w:sdt`` (``w:sdtContent``, at block, row, cell and run
  level), ``w:dir``/``w:bdo`` and ``w:fldSimple`` are read through.
* Complex fields (``w:fldChar`` begin/separate/end) give their displayed
  result, never the instruction (``w:instrText``). A field whose instruction
  is still open at the end of a paragraph is treated as showing its text
  from there on, so a broken field cannot swallow the document.
* Tracked changes are read as accepted: ``w:del``/``w:delText`` and
  ``w:moveFrom`` are skipped, ``w:ins`` and ``w:moveTo`` are read; a
  paragraph whose mark was deleted joins the next paragraph.
* ``mc:AlternateContent``: the first ``mc:Choice`` is read, else the
  ``mc:Fallback``; never both.
* ``w:altChunk`` (an embedded foreign document) is ignored; runs hidden
  with ``w:vanish`` are not read; math (``m:oMath``) gives its ``m:t`` text.
* Content controls are read even when they show their placeholder text.

Footnotes, endnotes and comments are not read.

``Document.notes`` records what a careful reader should know: tracked
changes read as accepted (``docx-tracked-changes``), embedded chunks not read
(``docx-alt-chunk``), tables nested in cells (``docx-nested-table``) and
header or footer parts skipped because their XML is malformed
(``docx-part-skipped``; a malformed main document part is fatal).
"""

from __future__ import annotations

from typing import Iterator

from lxml import etree

from ..document import Cell, Document, Paragraph, Row, Table
from ..errors import CorruptFile, UnsafeContent
from ..i18n import _
from ..limits import DEFAULT_LIMITS, Limits
from ..problems import DOCX_ALT_CHUNK, DOCX_NESTED_TABLE, DOCX_PART_SKIPPED, DOCX_TRACKED_CHANGES
from .ooxml import NS, REL_FOOTER, REL_HEADER, Package, Pruning

_W = "{%s}" % NS["w"]
_R = "{%s}" % NS["r"]
_MC = "{%s}" % NS["mc"]
_M = "{%s}" % NS["m"]


def _w(name: str) -> str:
    return _W + name


# -- tags -----------------------------------------------------------------------------
P, TBL, TR, TC, R, T = _w("p"), _w("tbl"), _w("tr"), _w("tc"), _w("r"), _w("t")
PPR, RPR, TRPR, TCPR, TBLGRID, GRIDCOL = _w("pPr"), _w("rPr"), _w("trPr"), _w("tcPr"), _w("tblGrid"), _w("gridCol")
SDT, SDTCONTENT = _w("sdt"), _w("sdtContent")
TAB, PTAB, BR, CR = _w("tab"), _w("ptab"), _w("br"), _w("cr")
NOBREAKHYPHEN, SOFTHYPHEN, SYM = _w("noBreakHyphen"), _w("softHyphen"), _w("sym")
FLDCHAR, FLDSIMPLE = _w("fldChar"), _w("fldSimple")
DEL, INS, MOVEFROM, MOVETO = _w("del"), _w("ins"), _w("moveFrom"), _w("moveTo")
TXBXCONTENT = _w("txbxContent")
VANISH = _w("vanish")
GRIDSPAN, VMERGE, HMERGE = _w("gridSpan"), _w("vMerge"), _w("hMerge")
GRIDBEFORE, GRIDAFTER, TBLHEADER = _w("gridBefore"), _w("gridAfter"), _w("tblHeader")
RUBY, RUBYBASE = _w("ruby"), _w("rubyBase")
BODY = _w("body")
HEADERREF, FOOTERREF = _w("headerReference"), _w("footerReference")
ALTERNATE, CHOICE, FALLBACK = _MC + "AlternateContent", _MC + "Choice", _MC + "Fallback"
M_T = _M + "t"
OMATH, OMATHPARA = _M + "oMath", _M + "oMathPara"
VAL = _w("val")
R_ID = _R + "id"

#: block-level elements whose content is never part of the accepted text
_BLOCK_SKIP = frozenset(
    {DEL, MOVEFROM, _w("altChunk"), _w("sdtPr"), _w("sdtEndPr"), _w("sectPr"), _w("customXmlPr"),
     _w("tblPr"), _w("tblGrid"), TRPR, TCPR, _w("tblPrEx")}
)
#: paragraph-level elements skipped when reading inline text
_INLINE_SKIP = frozenset(
    {PPR, RPR, DEL, MOVEFROM, _w("sdtPr"), _w("sdtEndPr"), _w("customXmlPr"), _w("smartTagPr"),
     _w("fldData"), _w("rt")}
)
#: run children that produce text or breaks, and the text they produce
_RUN_CHARS = {TAB: "\t", PTAB: "\t", CR: "\n", NOBREAKHYPHEN: "-", SOFTHYPHEN: "\u00ad"}
#: w:br types that end a line (a missing type means textWrapping)
_LINE_BREAK_TYPES = (None, "textWrapping")
#: run children that can hold drawings with text boxes
_DRAWING_TAGS = frozenset({_w("drawing"), _w("pict"), _w("object")})
#: Symbol-font code points (after removing the private-use offset) for signs reports use
_SYMBOL_FONT = {0x2D: "\u2212", 0xB0: "\u00b0", 0xB1: "\u00b1", 0xB4: "\u00d7", 0xB3: "\u2265",
                0xA3: "\u2264", 0xB9: "\u2260", 0xBE: "\u2014", 0xD7: "\u22c5", 0xB7: "\u2022"}
#: private-use offset Word uses for symbol-font characters
_SYMBOL_PUA_BASE = 0xF000
_FALSE_VALUES = ("0", "false", "off")
ALTCHUNK = _w("altChunk")

#: formatting elements the reader never looks at: stripped while the XML is parsed (from
#: each table row and each paragraph outside a cell as soon as it is read), so that a
#: table of many rows costs the memory of its text, not of Word's per-run formatting.
#: None of them holds text, a merge, a tracked change or a field (those are all kept).
PRUNED_TAGS = frozenset(
    _w(name)
    for name in (
        # run properties (w:vanish, w:del, w:ins, w:moveFrom stay)
        "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
        "emboss", "imprint", "noProof", "snapToGrid", "color", "spacing", "w", "kern", "position", "sz",
        "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang",
        "eastAsianLayout", "rStyle", "webHidden",
        # paragraph properties (w:rPr with its w:del/w:moveFrom stays)
        "pStyle", "keepNext", "keepLines", "pageBreakBefore", "widowControl", "numPr", "pBdr", "tabs",
        "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "autoSpaceDE", "autoSpaceDN",
        "adjustRightInd", "ind", "contextualSpacing", "jc", "textAlignment", "outlineLvl", "cnfStyle",
        # cell and row properties (w:gridSpan, w:vMerge, w:hMerge, w:gridBefore/After, w:tblHeader, w:del stay)
        "tcW", "vAlign", "tcBorders", "noWrap", "tcMar", "textDirection", "hideMark", "cantSplit", "trHeight",
        "wBefore", "wAfter",
        # table properties are never read; field instructions and deleted text give no text
        "tblPr", "instrText", "delText",
    )
)

PRUNING = Pruning(tags=PRUNED_TAGS, at=frozenset({TR}), at_unless_in=frozenset({P}), inside=frozenset({TC}))

NOTE_NESTED_TABLE = DOCX_NESTED_TABLE.code


def read_docx(data: bytes, *, path: str, limits: Limits) -> Document:
    """Read DOCX bytes into a Document (format "docx", no pages).

    Raises CorruptFile for a zip that is not a Word document or holds
    malformed XML, and InflatedTooLarge for a part over the size limits.
    """
    with Package(data, path=path, limits=limits) as pkg:
        main = pkg.main_part()
        root = pkg.xml(main, prune=PRUNING)
        body = root.find(BODY)
        if body is None:
            raise CorruptFile(path, _("not a Word document: {part} has no w:body").format(part=main))
        skipped: list[tuple[str, str]] = []
        try:
            headers, footers = _header_footer_parts(pkg, main, root)
        except UnsafeContent:
            raise
        except CorruptFile as e:
            headers, footers = [], []
            skipped.append(DOCX_PART_SKIPPED.note(part=_("headers and footers"), reason=e.reason))
        blocks: list[Paragraph | Table] = []
        for part in headers:
            blocks.extend(_side_story(pkg, part, "header", skipped))
        body_reader = _Reader(path, limits.max_table_columns)
        blocks.extend(body_reader.body(body))
        for part in footers:
            blocks.extend(_side_story(pkg, part, "footer", skipped))
    index = 0
    for block in blocks:
        if isinstance(block, Table):
            block.index = index
            index += 1
    return Document(blocks=blocks, format="docx", pages=None, notes=_notes(body, body_reader) + skipped)


def _side_story(pkg: Package, part: str, kind: str, skipped: list[tuple[str, str]]) -> list[Paragraph]:
    """The paragraphs of a header or footer part; a malformed one is skipped with a note, not fatal.

    Size limits and DOCTYPEs still raise: a bomb in a header is a bomb.
    """
    try:
        root = pkg.xml(part, prune=PRUNING)
    except UnsafeContent:
        raise
    except CorruptFile as e:
        skipped.append(DOCX_PART_SKIPPED.note(part=_("header") if kind == "header" else _("footer"), reason=e.reason))
        return []
    return _Reader(pkg.path).flat_story(root, kind)


def _notes(body: etree._Element, reader: "_Reader") -> list[tuple[str, str]]:
    """Reader notes on what a careful reader should know about how the body was read."""
    notes: list[tuple[str, str]] = []
    if next(body.iter(DEL, INS, MOVEFROM, MOVETO), None) is not None:
        notes.append(DOCX_TRACKED_CHANGES.note())
    chunks = sum(1 for _ in body.iter(ALTCHUNK))
    if chunks:
        notes.append(DOCX_ALT_CHUNK.note(count=chunks))
    if reader.nested_tables:
        notes.append(DOCX_NESTED_TABLE.note(count=reader.nested_tables))
    return notes


def _header_footer_parts(pkg: Package, main: str, root: etree._Element) -> tuple[list[str], list[str]]:
    """Header and footer part names, in the order the section properties reference them.

    Parts related to the document but never referenced follow, so that no
    header text is lost in a file with odd section properties.
    """
    rels = {rel.rid: rel for rel in pkg.relationships(main) if not rel.external and pkg.has(rel.target)}
    found: dict[str, list[str]] = {REL_HEADER: [], REL_FOOTER: []}
    for ref in root.iter(HEADERREF, FOOTERREF):
        rel = rels.get(ref.get(R_ID) or "")
        if rel is not None and rel.type in found and rel.target not in found[rel.type]:
            found[rel.type].append(rel.target)
    for rel in rels.values():
        if rel.type in found and rel.target not in found[rel.type]:
            found[rel.type].append(rel.target)
    return found[REL_HEADER], found[REL_FOOTER]


def _on(el: etree._Element | None) -> bool:
    """Whether an on/off property element (``<w:vanish/>``, ``<w:tblHeader w:val="0"/>``) is on."""
    return el is not None and (el.get(VAL) or "true").lower() not in _FALSE_VALUES


def _int_val(el: etree._Element | None, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(VAL) or default)
    except ValueError:
        return default


def _alternate_branch(alt: etree._Element) -> etree._Element | None:
    """The one branch of mc:AlternateContent to read: the first Choice, else the Fallback."""
    choice = alt.find(CHOICE)
    return choice if choice is not None else alt.find(FALLBACK)


def _mark_deleted(p: etree._Element) -> bool:
    """Whether the paragraph mark was deleted (or moved away) as a tracked change."""
    ppr = p.find(PPR)
    if ppr is None:
        return False
    rpr = ppr.find(RPR)
    return rpr is not None and (rpr.find(DEL) is not None or rpr.find(MOVEFROM) is not None)


class _Reader:
    """Reads the stories of one part; holds the state of open complex fields and found text boxes."""

    def __init__(self, path: str, max_columns: int = DEFAULT_LIMITS.max_table_columns) -> None:
        self.path = path
        #: widest table grid accepted (``Limits.max_table_columns``)
        self.max_columns = max_columns
        #: open complex fields, innermost last: "instr" until w:fldChar separate, then "result"
        self._fields: list[str] = []
        #: text boxes met while reading inline content, waiting to be emitted
        self._textboxes: list[etree._Element] = []
        #: how many tables nested in cells were met
        self.nested_tables = 0

    # -- stories -----------------------------------------------------------------------

    def body(self, body: etree._Element) -> list[Paragraph | Table]:
        """The body's paragraphs and tables, nested tables and text boxes after their anchor block."""
        out: list[Paragraph | Table] = []
        for kind, item in self._blocks(body):
            if kind == "p":
                out.append(Paragraph(text=item))
            else:
                nested: list[Table] = []
                out.append(self._table(item, nested))
                out.extend(nested)
            out.extend(self._drain_textboxes())
        return out

    def flat_story(self, root: etree._Element, part: str) -> list[Paragraph]:
        """A header, footer or text box as non-empty paragraphs; its tables give one paragraph per cell line."""
        out: list[Paragraph] = []
        for kind, item in self._blocks(root):
            if kind == "p":
                texts = [item]
            else:
                texts = _table_lines(self._table(item, []))
            out.extend(Paragraph(text=t, part=part) for t in texts if t.strip())
            out.extend(self._drain_textboxes())
        return out

    def _drain_textboxes(self) -> list[Paragraph]:
        out: list[Paragraph] = []
        while self._textboxes:
            pending, self._textboxes = self._textboxes, []
            for box in pending:
                saved, self._fields = self._fields, []
                out.extend(self.flat_story(box, "textbox"))
                self._fields = saved
        return out

    # -- block level -------------------------------------------------------------------

    def _blocks(self, container: etree._Element) -> Iterator[tuple[str, object]]:
        """Yield ("p", text) and ("tbl", element) in order, reading through wrappers.

        A paragraph whose mark was deleted is joined to the next paragraph.
        """
        carry: str | None = None
        for kind, el in self._block_elements(container):
            if kind == "p":
                text = self._paragraph(el)
                if carry is not None:
                    text, carry = carry + text, None
                if _mark_deleted(el):
                    carry = text
                    continue
                yield "p", text
            else:
                if carry is not None:
                    yield "p", carry
                    carry = None
                yield "tbl", el
        if carry is not None:
            yield "p", carry

    def _block_elements(self, container: etree._Element) -> Iterator[tuple[str, etree._Element]]:
        for child in container:
            tag = child.tag
            if not isinstance(tag, str) or tag in _BLOCK_SKIP:
                continue
            if tag == P:
                yield "p", child
            elif tag == TBL:
                yield "tbl", child
            elif tag == ALTERNATE:
                branch = _alternate_branch(child)
                if branch is not None:
                    yield from self._block_elements(branch)
            else:  # w:sdt, w:sdtContent, w:customXml, w:ins, w:moveTo and unknown wrappers
                yield from self._block_elements(child)

    # -- tables ------------------------------------------------------------------------

    def _table(self, tbl: etree._Element, nested: list[Table]) -> Table:
        """Build a Table from w:tbl; tables nested in its cells are appended to ``nested``."""
        grid = tbl.find(TBLGRID)
        n_cols = 0 if grid is None else min(sum(1 for c in grid if c.tag == GRIDCOL), self.max_columns)
        rows: list[Row] = []
        above: dict[int, Cell] = {}  # grid column -> cell covering it in the previous row, by start column
        for tr in _row_elements(tbl):
            trpr = tr.find(TRPR)
            if trpr is not None and trpr.find(DEL) is not None:
                continue  # row deleted as a tracked change
            r = len(rows)
            col = max(0, _int_val(trpr.find(GRIDBEFORE) if trpr is not None else None, 0))
            below: dict[int, Cell] = {}
            origins: list[Cell] = []
            last: Cell | None = None
            for tc in _cell_elements(tr):
                tcpr = tc.find(TCPR)
                span = max(1, _int_val(tcpr.find(GRIDSPAN) if tcpr is not None else None, 1))
                vmerge = tcpr.find(VMERGE) if tcpr is not None else None
                hmerge = tcpr.find(HMERGE) if tcpr is not None else None
                text = self._cell_text(tc, nested)
                continues = vmerge is not None and (vmerge.get(VAL) or "continue") != "restart"
                origin = above.get(col) if continues else None
                if origin is not None:
                    origin.row_span = r - origin.row + 1
                    if text.strip():
                        origin.text = origin.text + "\n" + text if origin.text else text
                    cell = origin
                elif (hmerge is not None and (hmerge.get(VAL) or "continue") != "restart"
                      and last is not None and last.row == r and last.col + last.col_span == col):
                    last.col_span += span
                    if text.strip():
                        last.text = last.text + "\n" + text if last.text else text
                    col += span
                    continue
                else:
                    cell = Cell(text=text, row=r, col=col, row_span=1, col_span=span)
                    origins.append(cell)
                below[col] = cell
                last = cell
                col += span
            col += max(0, _int_val(trpr.find(GRIDAFTER) if trpr is not None else None, 0))
            n_cols = max(n_cols, col)
            if n_cols > self.max_columns:
                raise CorruptFile(self.path, _("a table is {n} grid columns wide, more than the {limit} this reader "
                                               "accepts").format(n=n_cols, limit=self.max_columns))
            is_header = trpr is not None and _on(trpr.find(TBLHEADER))
            rows.append(Row(cells=origins, index=r, is_header=is_header))
            above = below
        return Table(rows=rows, index=0, n_cols=n_cols)

    def _cell_text(self, tc: etree._Element, nested: list[Table]) -> str:
        """A cell's paragraphs as lines; a nested table adds its cell lines and goes to ``nested``."""
        lines: list[str] = []
        for kind, item in self._blocks(tc):
            if kind == "p":
                lines.append(item)
            else:
                inner: list[Table] = []
                table = self._table(item, inner)
                lines.extend(_table_lines(table))
                nested.append(table)
                nested.extend(inner)
                self.nested_tables += 1
        return "\n".join(lines)

    # -- inline ------------------------------------------------------------------------

    def _paragraph(self, p: etree._Element) -> str:
        out: list[str] = []
        self._inline(p, out)
        if self._fields:
            # an instruction still open at the paragraph's end is malformed: show what follows
            self._fields = ["result" if f == "instr" else f for f in self._fields]
        return "".join(out)

    def _inline(self, el: etree._Element, out: list[str]) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _INLINE_SKIP:
                continue
            if tag == R:
                self._run(child, out)
            elif tag == ALTERNATE:
                branch = _alternate_branch(child)
                if branch is not None:
                    self._inline(branch, out)
            elif tag == M_T:
                if "instr" not in self._fields:
                    out.append(child.text or "")
            elif tag == TXBXCONTENT:
                self._textboxes.append(child)
            elif tag in (P, TBL):
                continue  # block content met inline (e.g. inside a math object): not paragraph text
            else:  # hyperlink, smartTag, customXml, sdt/sdtContent, fldSimple, ins, moveTo, dir, bdo, math
                self._inline(child, out)

    def _run(self, r: etree._Element, out: list[str]) -> None:
        rpr = r.find(RPR)
        hidden = rpr is not None and _on(rpr.find(VANISH))
        self._run_content(r, out, hidden)

    def _run_content(self, el: etree._Element, out: list[str], hidden: bool) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == FLDCHAR:
                self._field_char(child)
                continue
            if hidden or "instr" in self._fields:
                continue
            if tag == T:
                out.append(child.text or "")
            elif tag in _RUN_CHARS:
                out.append(_RUN_CHARS[tag])
            elif tag == BR:
                if child.get(_w("type")) in _LINE_BREAK_TYPES:
                    out.append("\n")
            elif tag == SYM:
                out.append(_symbol(child))
            elif tag in _DRAWING_TAGS:
                self._textboxes.extend(_outer_textboxes(child))
            elif tag == ALTERNATE:
                branch = _alternate_branch(child)
                if branch is not None:
                    self._run_content(branch, out, hidden)
            elif tag == RUBY:
                base = child.find(RUBYBASE)
                if base is not None:
                    self._inline(base, out)
            # w:instrText, w:delText, w:rPr, references and page marks give no text

    def _field_char(self, fld: etree._Element) -> None:
        kind = fld.get(_w("fldCharType"))
        if kind == "begin":
            self._fields.append("instr")
        elif kind == "separate":
            if self._fields:
                self._fields[-1] = "result"
        elif kind == "end":
            if self._fields:
                self._fields.pop()


def _row_elements(tbl: etree._Element) -> Iterator[etree._Element]:
    """The w:tr of a table in order, read through content controls and other wrappers."""
    for child in tbl:
        tag = child.tag
        if not isinstance(tag, str) or tag in _BLOCK_SKIP:
            continue
        if tag == TR:
            yield child
        elif tag == ALTERNATE:
            branch = _alternate_branch(child)
            if branch is not None:
                yield from _row_elements(branch)
        elif tag not in (P, TBL, TC):
            yield from _row_elements(child)


def _cell_elements(tr: etree._Element) -> Iterator[etree._Element]:
    """The w:tc of a row in order, read through content controls and other wrappers."""
    for child in tr:
        tag = child.tag
        if not isinstance(tag, str) or tag in _BLOCK_SKIP:
            continue
        if tag == TC:
            yield child
        elif tag == ALTERNATE:
            branch = _alternate_branch(child)
            if branch is not None:
                yield from _cell_elements(branch)
        elif tag not in (P, TBL, TR):
            yield from _cell_elements(child)


def _outer_textboxes(drawing: etree._Element) -> list[etree._Element]:
    """The text boxes of a drawing that are not inside another of its text boxes (those are read with it)."""
    out = []
    for box in drawing.iter(TXBXCONTENT):
        ancestor = box.getparent()
        while ancestor is not None and ancestor is not drawing and ancestor.tag != TXBXCONTENT:
            ancestor = ancestor.getparent()
        if ancestor is None or ancestor is drawing:
            out.append(box)
    return out


def _table_lines(table: Table) -> list[str]:
    """The lines of a table's origin cells, row by row, left to right."""
    return [line for row in table.rows for cell in row.cells for line in cell.lines]


def _symbol(sym: etree._Element) -> str:
    """Best-effort character of a w:sym: Symbol-font signs mapped, private-use codes shifted down."""
    try:
        code = int(sym.get(_w("char")) or "", 16)
    except ValueError:
        return ""
    if code >= _SYMBOL_PUA_BASE:
        code -= _SYMBOL_PUA_BASE
    font = (sym.get(_w("font")) or "").lower()
    if font == "symbol" and code in _SYMBOL_FONT:
        return _SYMBOL_FONT[code]
    try:
        return chr(code) if code >= 0x20 else ""
    except ValueError:
        return ""
