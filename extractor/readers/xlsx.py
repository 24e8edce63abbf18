"""XLSX reader: SpreadsheetML workbooks into the format-neutral Document.

The workbook is read from its XML parts through the same hardened package
access as a DOCX (``ooxml.Package``: size and ratio limits, inflation capped
while streaming, no DOCTYPE), and each sheet is parsed row by row
(``iterparse``), so memory follows the cells, not Excel's markup.

What a sheet becomes, in order (visible sheets in workbook order):

1. **Cells.** A cell's text is what a person sees: a shared or inline
   string as written (rich-text runs joined, phonetic guides dropped, line
   breaks kept), a number rendered with its number format in a Ukrainian
   locale (``numfmt``: ``1445.04`` under ``#,##0.0`` is ``"1 445,0"``, a
   date serial under ``dd.mm.yyyy`` is ``"29.12.2016"``), a boolean as
   ``TRUE``/``FALSE``, an error as its code (``#DIV/0!``). A numeric cell
   keeps its exact stored value in ``Cell.value`` (15 significant digits,
   as spreadsheets hold them). Formulas give their cached result; a formula
   saved without one reads as empty and is named in a note
   (``xlsx-formula-without-value``).
2. **Tables.** Rows are grouped into tables and lines of text:
   * in a sheet that draws cell borders, a row belongs to a table when one
     of its filled cells (or merged ranges) has a border, or when it stands
     right below such rows and reads as a table row (two or more filled
     cells, or one between such rows): a table ruled only in its header;
     consecutive such rows form one table, less the one-cell rows it opens
     with (a title boxed or underlined with the table is a line of text
     above it); the sheet's unruled rows elsewhere are read as below;
   * in a sheet without borders, rows with two or more filled cells are
     table rows; a one-cell row between two table rows (a task heading
     spanning the table) stays in the table; a table needs two rows.
   Merged ranges become cells with ``row_span``/``col_span``; every other
   position in a table's column range is a cell (empty ones included, as a
   DOCX table has them). ``Row.index`` counts the table's rows from 0;
   ``Row.sheet`` and ``Row.sheet_row`` say where the row stands in the
   workbook (the sheet's name and the row number the spreadsheet shows).
3. **Paragraphs.** Every other row with text (title, program, decisions,
   executor above the table; notes and signature below) is a paragraph, its
   cells' texts joined by TABs in column order, in row order with the
   tables. Empty rows give nothing.

Hidden sheets, rows and columns are not read, and a note says so
(``xlsx-hidden``): a person reading the workbook does not see them either.
Charts, images, comments and data validation are not read.
"""

from __future__ import annotations

import io
import posixpath
import re
from dataclasses import dataclass, field
from decimal import Decimal

from lxml import etree

from ..document import Cell, Document, Paragraph, Row, Table
from ..errors import CorruptFile, LimitExceeded, UnsafeContent
from ..i18n import _
from ..limits import DEFAULT_LIMITS, Limits
from ..problems import XLSX_FORMULA_WITHOUT_VALUE, XLSX_HIDDEN
from . import numfmt
from .ooxml import _HARDENED, NS, Package, has_doctype

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT_MAIN_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main"
STRICT_REL_NS = "http://purl.oclc.org/ooxml/officeDocument/relationships"
_S = "{%s}" % MAIN_NS
_R_ID = "{%s}id" % NS["r"]
#: where the workbook part lives when the package relationships do not say
DEFAULT_WORKBOOK = "xl/workbook.xml"
#: the largest sheet accepted, in cells of its used range (a hostile "A1:XFD1048576" is refused)
MAX_SHEET_COLUMNS = 16384
MAX_SHEET_ROWS = 1_048_576
#: how many formula cells without a cached value are named in the note
NAMED_CELLS = 10

NOTE_FORMULA_WITHOUT_VALUE = XLSX_FORMULA_WITHOUT_VALUE.code
NOTE_HIDDEN = XLSX_HIDDEN.code

_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
_TRUE_VALUES = ("1", "true")


def read_xlsx(data: bytes, *, path: str, limits: Limits) -> Document:
    """Read XLSX bytes into a Document (format "xlsx", no pages).

    Raises CorruptFile for a package that is not a workbook or holds
    malformed XML, InflatedTooLarge for a part over the size limits and
    UnsafeContent for a part with a DOCTYPE.
    """
    with Package(data, path=path, limits=limits, kind="XLSX") as pkg:
        book = _Workbook.open(pkg)
        blocks: list[Paragraph | Table] = []
        notes = _Notes()
        for sheet in book.sheets:
            if sheet.hidden:
                notes.hidden_sheets.append(sheet.name)
                continue
            cells, merges, hidden_rows, hidden_cols = _read_sheet(pkg, sheet, book, notes)
            if hidden_rows or hidden_cols:
                notes.hidden_lines.append((sheet.name, hidden_rows, hidden_cols))
            try:
                blocks.extend(layout_sheet(sheet.name, cells, merges, hidden_rows, hidden_cols,
                                           limits.max_table_columns, limits.max_merged_positions))
            except LimitExceeded as e:
                raise LimitExceeded(path, e.reason) from e
    index = 0
    for block in blocks:
        if isinstance(block, Table):
            block.index = index
            index += 1
    return Document(blocks=blocks, format="xlsx", pages=None, notes=notes.render())


# -- workbook parts ---------------------------------------------------------------------


@dataclass
class _Sheet:
    name: str
    part: str
    hidden: bool


@dataclass
class _Style:
    code: str
    border: bool


@dataclass
class _Workbook:
    sheets: list[_Sheet]
    strings: list[str]
    styles: list[_Style]
    date1904: bool

    @classmethod
    def open(cls, pkg: Package) -> "_Workbook":
        main = _workbook_part(pkg)
        root = _xml(pkg, main)
        if root.tag != _S + "workbook":
            raise CorruptFile(pkg.path, _("not an Excel workbook: {part} is not a workbook part").format(part=main))
        rels = {rel.rid: rel for rel in pkg.relationships(main) if not rel.external}
        pr = root.find(_S + "workbookPr")
        date1904 = pr is not None and (pr.get("date1904") or "").lower() in _TRUE_VALUES
        sheets = []
        for el in root.iter(_S + "sheet"):
            rel = rels.get(el.get(_R_ID) or el.get("{%s}id" % STRICT_REL_NS) or "")
            if rel is None or not pkg.has(rel.target) or rel.type not in ("worksheet",):
                continue  # chart sheets and dialog sheets hold no cells
            sheets.append(_Sheet(el.get("name") or "", rel.target, (el.get("state") or "visible") != "visible"))
        strings = styles_part = None
        for rel in rels.values():
            if rel.type == "sharedStrings" and pkg.has(rel.target):
                strings = _shared_strings(_xml(pkg, rel.target))
            elif rel.type == "styles" and pkg.has(rel.target):
                styles_part = rel.target
        styles = _styles(_xml(pkg, styles_part)) if styles_part else []
        return cls(sheets, strings or [], styles, date1904)


def _workbook_part(pkg: Package) -> str:
    for rel in pkg.relationships(""):
        if rel.type == "officeDocument" and not rel.external and pkg.has(rel.target):
            return rel.target
    if pkg.has(DEFAULT_WORKBOOK):
        return DEFAULT_WORKBOOK
    raise CorruptFile(pkg.path, _("not an Excel workbook: {part} is missing").format(part=DEFAULT_WORKBOOK))


def _xml(pkg: Package, name: str) -> etree._Element:
    return _normalise_ns(pkg.xml(name))


def _normalise_ns(root: etree._Element) -> etree._Element:
    """Strict SpreadsheetML namespaces renamed to transitional ones, so one vocabulary is read."""
    if STRICT_MAIN_NS in (root.tag or ""):
        for el in root.iter():
            if isinstance(el.tag, str) and el.tag.startswith("{" + STRICT_MAIN_NS):
                el.tag = _S + el.tag.split("}", 1)[1]
    return root


def _text_of(si: etree._Element) -> str:
    """A shared or inline string: its ``t`` elements, rich-text runs joined, phonetic runs (``rPh``) left out."""
    parts = []
    for el in si.iter(_S + "t"):
        parent = el.getparent()
        if parent is not None and parent.tag == _S + "rPh":
            continue
        parts.append(el.text or "")
    return _unescape("".join(parts))


_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _unescape(text: str) -> str:
    """OOXML's ``_xHHHH_`` escapes of characters XML cannot hold (``_x000D_`` is a carriage return)."""
    if "_x" not in text:
        return text
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text).replace("\r\n", "\n").replace("\r", "\n")


def _shared_strings(root: etree._Element) -> list[str]:
    return [_text_of(si) for si in root.iter(_S + "si")]


def _styles(root: etree._Element) -> list[_Style]:
    custom: dict[int, str] = {}
    for nf in root.iter(_S + "numFmt"):
        try:
            custom[int(nf.get("numFmtId") or "")] = nf.get("formatCode") or "General"
        except ValueError:
            continue
    borders: list[bool] = []
    borders_el = root.find(_S + "borders")
    if borders_el is not None:
        for border in borders_el.iterfind(_S + "border"):
            borders.append(any(
                (side.get("style") or "none") != "none"
                for side in border
                if isinstance(side.tag, str) and side.tag.split("}")[-1] in ("left", "right", "top", "bottom")
            ))
    out = []
    xfs = root.find(_S + "cellXfs")
    if xfs is not None:
        for xf in xfs.iterfind(_S + "xf"):
            fmt_id = _int(xf.get("numFmtId"), 0)
            border_id = _int(xf.get("borderId"), 0)
            out.append(_Style(numfmt.format_code(fmt_id, custom), 0 <= border_id < len(borders) and borders[border_id]))
    return out


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


# -- a sheet's cells -----------------------------------------------------------------------


@dataclass
class SheetCell:
    """One stored cell: its displayed text, exact number (if numeric) and whether it has a border."""

    text: str
    value: Decimal | None = None
    border: bool = False


@dataclass
class _Notes:
    formulas: list[str] = field(default_factory=list)
    formula_count: int = 0
    hidden_sheets: list[str] = field(default_factory=list)
    hidden_lines: list[tuple[str, list[int], list[int]]] = field(default_factory=list)

    def render(self) -> list[tuple[str, str]]:
        notes = []
        if self.formula_count:
            named = ", ".join(self.formulas)
            more = (_(" and {n} more").format(n=self.formula_count - len(self.formulas))
                    if self.formula_count > len(self.formulas) else "")
            notes.append(XLSX_FORMULA_WITHOUT_VALUE.note(count=self.formula_count, cells=named + more))
        parts = []
        if self.hidden_sheets:
            parts.append(_("hidden sheet(s)") + " " + ", ".join(f"«{n}»" for n in self.hidden_sheets))
        for name, rows, cols in self.hidden_lines:
            what = []
            if rows:
                what.append(_("rows {ranges}").format(ranges=_ranges(rows)))
            if cols:
                what.append(_("columns {ranges}").format(ranges=_ranges([_column_name(c) for c in cols])))
            parts.append(f"«{name}» " + _(" and ").join(what))
        if parts:
            notes.append(XLSX_HIDDEN.note(what="; ".join(parts)))
        return notes


def _ranges(items: list) -> str:
    if len(items) > 12:
        return ", ".join(map(str, items[:12])) + f" (and {len(items) - 12} more)"
    return ", ".join(map(str, items))


def _column_name(col: int) -> str:
    """1 → A, 27 → AA."""
    name = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        name = chr(65 + rem) + name
    return name


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def parse_ref(ref: str) -> tuple[int, int] | None:
    """``"B12"`` → (12, 2), 1-based row and column; None for a malformed reference."""
    m = _CELL_REF.match(ref.strip())
    if not m:
        return None
    col, row = _column_number(m.group(1)), int(m.group(2))
    if not (1 <= col <= MAX_SHEET_COLUMNS and 1 <= row <= MAX_SHEET_ROWS):
        return None
    return row, col


def _read_sheet(pkg: Package, sheet: _Sheet, book: _Workbook, notes: _Notes):
    """The sheet's cells {(row, col): SheetCell}, merged ranges, hidden row and column numbers."""
    data = pkg.read_bytes(sheet.part)
    if has_doctype(data):
        raise UnsafeContent(pkg.path, _("part {part}: a DOCTYPE is not allowed in OOXML; refused unread").format(
            part=sheet.part))
    if STRICT_MAIN_NS.encode() in data:
        data = data.replace(STRICT_MAIN_NS.encode(), MAIN_NS.encode())
    cells: dict[tuple[int, int], SheetCell] = {}
    merges: list[tuple[int, int, int, int]] = []
    hidden_rows: list[int] = []
    hidden_cols: set[int] = set()
    tags = (_S + "row", _S + "col", _S + "mergeCell")
    try:
        events = etree.iterparse(io.BytesIO(data), events=("end",), tag=tags, **_HARDENED)
        next_row = 1
        for _event, el in events:
            if el.tag == _S + "row":
                row_no = _int(el.get("r"), next_row)
                next_row = row_no + 1
                if (el.get("hidden") or "").lower() in _TRUE_VALUES:
                    hidden_rows.append(row_no)
                _read_row(el, row_no, cells, book, sheet.name, notes)
                el.clear(keep_tail=False)
                if len(cells) > pkg.limits.max_sheet_cells:
                    raise LimitExceeded(pkg.path, _("sheet «{sheet}» has more than {limit} filled cells; no report is "
                                                    "that large").format(sheet=sheet.name,
                                                                         limit=f"{pkg.limits.max_sheet_cells:,}"))
            elif el.tag == _S + "col":
                if (el.get("hidden") or "").lower() in _TRUE_VALUES:
                    lo, hi = _int(el.get("min"), 0), _int(el.get("max"), 0)
                    hidden_cols.update(range(max(lo, 1), min(hi, MAX_SHEET_COLUMNS) + 1))
            else:
                span = _range(el.get("ref") or "")
                if span is not None:
                    merges.append(span)
    except etree.XMLSyntaxError as e:
        raise CorruptFile(pkg.path, _("malformed XML in {name}: {error}").format(name=sheet.part, error=e)) from e
    del data
    used_cols = {c for _, c in cells}
    hidden = sorted(c for c in hidden_cols if c in used_cols or any(c1 <= c <= c2 for _, c1, _, c2 in merges))
    hidden_rows = [r for r in hidden_rows if any((r, c) in cells for c in used_cols)]
    return cells, merges, hidden_rows, hidden


def _range(ref: str) -> tuple[int, int, int, int] | None:
    first, _, last = ref.partition(":")
    a, b = parse_ref(first), parse_ref(last or first)
    if a is None or b is None:
        return None
    return min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])


def _read_row(row: etree._Element, row_no: int, cells: dict, book: _Workbook, sheet: str, notes: _Notes) -> None:
    next_col = 1
    for c in row.iterfind(_S + "c"):
        pos = parse_ref(c.get("r") or "")
        col = pos[1] if pos is not None else next_col
        next_col = col + 1
        style = book.styles[_int(c.get("s"), 0)] if 0 <= _int(c.get("s"), 0) < len(book.styles) else None
        cell = _cell(c, style, book)
        if cell is None:
            if c.find(_S + "f") is not None:
                notes.formula_count += 1
                if len(notes.formulas) < NAMED_CELLS:
                    notes.formulas.append(f"«{sheet}»!{_column_name(col)}{row_no}")
            if style is not None and style.border:
                cells[(row_no, col)] = SheetCell("", None, True)
            continue
        cell.border = style is not None and style.border
        cells[(row_no, col)] = cell


def _cell(c: etree._Element, style: _Style | None, book: _Workbook) -> SheetCell | None:
    """The displayed text (and exact number) of one ``c`` element; None when it shows nothing."""
    kind = c.get("t") or "n"
    v = c.find(_S + "v")
    raw = v.text if v is not None and v.text is not None else None
    if kind == "inlineStr":
        is_ = c.find(_S + "is")
        return SheetCell(_text_of(is_)) if is_ is not None else None
    if raw is None:
        return None
    if kind == "s":
        i = _int(raw, -1)
        return SheetCell(book.strings[i]) if 0 <= i < len(book.strings) else None
    if kind in ("str", "e"):
        return SheetCell(_unescape(raw))
    if kind == "b":
        return SheetCell("TRUE" if raw.strip() in _TRUE_VALUES else "FALSE")
    if kind == "d":
        return SheetCell(raw.replace("T", " ").strip())
    value = numfmt.exact(raw)
    if value is None:
        return SheetCell(raw)
    code = style.code if style is not None else "General"
    return SheetCell(numfmt.render(value, code, date1904=book.date1904), value)


# -- layout: tables and paragraphs ------------------------------------------------------------


def layout_sheet(
    sheet: str,
    cells: dict[tuple[int, int], SheetCell],
    merges: list[tuple[int, int, int, int]],
    hidden_rows: list[int] = (),
    hidden_cols: list[int] = (),
    max_columns: int = DEFAULT_LIMITS.max_table_columns,
    max_merged_positions: int = DEFAULT_LIMITS.max_merged_positions,
) -> list[Paragraph | Table]:
    """The blocks of one sheet: tables and paragraphs in row order (see the module docstring)."""
    skip_rows, skip_cols = set(hidden_rows), set(hidden_cols)
    cells = {pos: c for pos, c in cells.items() if pos[0] not in skip_rows and pos[1] not in skip_cols}
    merge_of: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    budget = max_merged_positions
    for m in merges:
        r1, c1, r2, c2 = m
        size = (r2 - r1 + 1) * (c2 - c1 + 1)
        if size > budget:
            continue  # a hostile or absurd merge is read as separate cells rather than expanded
        budget -= size
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                merge_of[(r, c)] = m
    # every merged range's text and border live in its top-left cell; covered cells are dropped
    for (r, c) in list(cells):
        m = merge_of.get((r, c))
        if m is not None and (r, c) != (m[0], m[1]):
            covered = cells.pop((r, c))
            if covered.border and (m[0], m[1]) not in cells:
                cells[(m[0], m[1])] = SheetCell("", None, True)
            elif covered.border:
                cells[(m[0], m[1])].border = True
    rows: dict[int, list[int]] = {}
    for (r, c) in cells:
        rows.setdefault(r, []).append(c)
    bordered_sheet = any(cell.border for cell in cells.values())
    order = sorted(rows)
    filled = {r: sum(1 for c in rows[r] if cells[(r, c)].text.strip()) for r in order}
    if bordered_sheet:
        tabular = _continue_below_rules(order, {r: any(cells[(r, c)].border for c in rows[r]) for r in order}, filled)
    else:
        tabular = {r: filled[r] >= 2 for r in order}
    runs = [_peel_title_rows(run, filled) for run in _runs(order, tabular, filled, bordered_sheet)]
    if bordered_sheet:  # unruled rows away from the ruled tables: read as a sheet without borders is
        plain = {r: not tabular[r] and filled[r] >= 2 for r in order}
        runs = sorted(runs + _runs(order, plain, filled, False))
    blocks: list[Paragraph | Table] = []
    in_run = {r for run in runs for r in run}
    run_starts = {run[0]: run for run in runs}
    for r in order:
        if r in run_starts:
            blocks.append(_table(sheet, run_starts[r], cells, merge_of, skip_cols, max_columns))
        elif r not in in_run and filled[r]:
            texts = [cells[(r, c)].text for c in sorted(rows[r]) if cells[(r, c)].text.strip()]
            blocks.append(Paragraph("\t".join(texts)))
    return blocks


def _continue_below_rules(order: list[int], ruled: dict[int, bool], filled: dict[int, int]) -> dict[int, bool]:
    """Table rows of a sheet that draws borders: the ruled rows, and the unruled rows right below them that
    read as table rows (two or more filled cells), as when only a table's header is ruled and its body is
    plain cells; a one-cell row (a group heading) stays in when the row after it is such an unruled row (before
    a ruled row it is a title between two tables). The first row that is neither (an empty row, a line of
    text) ends the table."""
    out = dict(ruled)
    for i, r in enumerate(order):
        if out[r] or i == 0 or order[i - 1] != r - 1 or not out[order[i - 1]]:
            continue
        nxt = order[i + 1] if i + 1 < len(order) and order[i + 1] == r + 1 else None
        out[r] = filled[r] >= 2 or (filled[r] == 1 and nxt is not None and not ruled[nxt] and filled[nxt] >= 2)
    return out


def _runs(order: list[int], tabular: dict[int, bool], filled: dict[int, int], bordered: bool) -> list[list[int]]:
    """Consecutive table rows (rows numbered one after the other) grouped into tables."""
    runs: list[list[int]] = []
    cur: list[int] = []
    for i, r in enumerate(order):
        joins = tabular[r] or (
            not bordered and cur and filled[r] <= 1 and i + 1 < len(order)
            and order[i + 1] == r + 1 and tabular[order[i + 1]]
        )
        if joins and (not cur or r == cur[-1] + 1):
            cur.append(r)
            continue
        if cur:
            runs.append(cur)
        cur = [r] if joins else []
    if cur:
        runs.append(cur)
    if not bordered:
        runs = [run for run in runs if sum(1 for r in run if tabular[r]) >= 2]
    return [run for run in runs if any(filled[r] for r in run)]


def _peel_title_rows(run: list[int], filled: dict[int, int]) -> list[int]:
    """A run without its leading one-cell rows (a title underlined or boxed with the table), kept two rows long."""
    while len(run) > 2 and filled[run[0]] == 1 and filled[run[1]] >= 1:
        run = run[1:]
    return run


def _merges_at(merge_of: dict, run: list[int], col: int) -> set[tuple[int, int, int, int]]:
    """The merged ranges covering column ``col`` in the rows of a table."""
    return {m for r in run if (m := merge_of.get((r, col))) is not None}


def _table(sheet: str, run: list[int], cells: dict, merge_of: dict, skip_cols: set[int],
           max_columns: int = DEFAULT_LIMITS.max_table_columns) -> Table:
    """One table of a sheet; a table wider than ``max_columns`` (columns holding text or borders) raises."""
    first, last = run[0], run[-1]
    cols = sorted({c for (r, c) in cells if first <= r <= last})
    lo, hi = cols[0], cols[-1]
    for (r, c), m in merge_of.items():
        if first <= r <= last and lo <= c <= hi:
            lo, hi = min(lo, m[1]), max(hi, m[3])
    used = {c for (r, c), cell in cells.items() if first <= r <= last and (cell.text.strip() or cell.border)}
    used |= {m[1] for (r, c), m in merge_of.items() if first <= r <= last and (m[0], m[1]) in cells}
    # a column with neither text nor border in the table's rows is a spacer, not a column of the table
    visible = [c for c in range(lo, hi + 1) if c not in skip_cols and (c in used or any(
        m[1] < c <= m[3] and m[1] in used for m in _merges_at(merge_of, run, c)))]
    if len(visible) > max_columns:
        raise LimitExceeded(None, _("a table on sheet «{sheet}» is {n} columns wide; no report is wider than "
                                    "{limit}").format(sheet=sheet, n=len(visible), limit=max_columns))
    col_index = {c: i for i, c in enumerate(visible)}
    out_rows: list[Row] = []
    for i, r in enumerate(run):
        row_cells = []
        for c in visible:
            m = merge_of.get((r, c))
            if m is not None and (r, c) != (max(m[0], first), max(m[1], lo)):
                continue  # covered by a merged range that starts above or to the left
            sc = cells.get((r, c))
            row_span = col_span = 1
            if m is not None:
                row_span = min(m[2], last) - r + 1
                col_span = sum(1 for x in range(c, min(m[3], hi) + 1) if x in col_index)
                if sc is None and (m[0], m[1]) in cells:
                    sc = cells[(m[0], m[1])]
            row_cells.append(Cell(text=sc.text if sc else "", row=i, col=col_index[c], row_span=row_span,
                                  col_span=max(col_span, 1), value=sc.value if sc else None))
        out_rows.append(Row(cells=row_cells, index=i, sheet=sheet, sheet_row=r))
    return Table(rows=out_rows, index=0, n_cols=len(visible))
