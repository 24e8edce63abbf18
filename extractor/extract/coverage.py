"""Coverage: which numbers of the recognised tables the report holds, and which it does not.

A report is judged by how much of its tables it really understood. For every
table recognised as a funding or indicator table (the layouts the extractor
found, and any table a row of the report points at through
``location.table``), every cell of its body that holds a number is looked at:

* it is **read** when a row of the report at that table row holds it: an
  amount, percent or indicator value whose printed text is in the row's
  ``raw`` under a field that has a value (each ``raw`` entry stands for one
  cell only, so two equal numbers in one row need two entries), or a number
  printed in a text column (a term "2021") that the row's text fields hold;
* otherwise it is **unread**, and named in an ``unread-cell`` warning.

What counts as a number is ``normalize.numbers``' rule (a cell of stacked
numbers counts once; a dash or a blank is no number). Not data, so counted
neither way: the header rows, the rows after the table's body (a signature
block), a row that numbers the columns ("1 2 3 4"), a row of year headers no
row of the report was read from, and item numbers ("1", "2.3.") in the
columns of numbers, tasks, measures and other texts. Numbers in a column the
vocabulary names as no output field (a deviation, a budget code) are counted
apart as ``ignored``.

A line of text outside the tables whose TAB-separated parts hold two numbers
or more (item numbers aside) is a table row a reader could not keep in its
table: its numbers count too, all unread, named in an ``unread-line``
warning, so that rows a table lost never leave the report looking complete.

When one kind of table (funding or indicators) was not recognised, a table
the report holds that looks like a data table (at least ``min_data_rows``
rows with at least two numbers each) and that no row was read from counts
too, all its numbers unread but for the item numbers of its first column: a
report whose indicator table went unrecognised is not covered in full only
because its funding table was read.

``ratio`` is read cells over all numeric cells, floored to four decimals, so
1.0 means that nothing was left unread. A report with no recognised table,
or whose tables hold no number at all, has 0, never 1.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import regex

from .. import problems
from ..document import Cell, Document, Paragraph, Table
from ..i18n import _
from ..models import Coverage, Finding, FundingRow, IndicatorRow
from ..normalize.numbers import NotNumeric, parse_number, try_number
from ..normalize.text import clean_text, fold
from ..readers.common.tokens import is_item_number
from .columns import FUNDING, INDICATORS, _is_numbering_row, TableLayout
from .vocab import load_vocabulary

#: fields whose printed text a row keeps in ``raw``
VALUE_FIELDS = frozenset({"planned", "actual", "percent"})
#: the vocabulary's name for a known column that feeds no output field
IGNORED_FIELD = "ignore"
_DIGIT_RE = regex.compile(r"[0-9]")
#: an item number: "1", "12.", "2.3", "1.1.2."
#: a raw key: "planned", "breakdown[2].actual", "planned[2023]"
_RAW_KEY_RE = regex.compile(r"^(?:breakdown\[(?P<part>\d+)\]\.)?(?P<field>[a-z_]+)(?:\[(?P<year>\d+)\])?$")
#: the string fields of a row a number printed in a text column can feed
_TEXT_FIELDS = ("task_number", "task", "number", "measure", "object", "term", "executor", "group_title", "name",
                "unit", "reason", "remedy")

UNREAD_CELL = problems.UNREAD_CELL.code
LOW_COVERAGE = problems.LOW_COVERAGE.code

Row = FundingRow | IndicatorRow


@dataclass(frozen=True)
class CoverageSettings:
    """When a report's coverage is worth a warning; validated on creation."""

    #: a report whose coverage is below this gets a ``low-coverage`` warning (0 turns it off)
    low_coverage: float = 0.99
    #: with a kind of table unrecognised, a table with this many rows of two numbers or more counts as data
    min_data_rows: int = 2

    def __post_init__(self) -> None:
        if isinstance(self.min_data_rows, bool) or not isinstance(self.min_data_rows, int) or self.min_data_rows < 1:
            raise ValueError(f"min_data_rows must be a whole number of at least 1, got {self.min_data_rows!r}")
        if isinstance(self.low_coverage, bool) or not isinstance(self.low_coverage, (int, float)) \
                or not 0 <= self.low_coverage <= 1:
            raise ValueError(f"low_coverage must be a number from 0 to 1, got {self.low_coverage!r}")


DEFAULT_COVERAGE = CoverageSettings()


@dataclass(frozen=True)
class UnreadCell:
    """A numeric cell of a recognised table that no output field holds."""

    table: int
    row: int  # the row's index in the table (as location.row)
    col: int  # 0-based grid column
    text: str
    header: str = ""
    page: int | None = None
    #: the report path of the row read from the same table row ("funding[4]"), None when there is none
    path: str | None = None


@dataclass(frozen=True)
class UnreadLine:
    """A line outside the tables holding the numbers of a table row."""

    text: str
    numbers: tuple[str, ...]
    page: int | None = None


@dataclass
class Measured:
    """The coverage of a report and the cells and lines it left unread."""

    coverage: Coverage
    unread: list[UnreadCell] = field(default_factory=list)
    lines: list[UnreadLine] = field(default_factory=list)


def numbers_in(text: str) -> list[str]:
    """The printed numbers of a cell, whitespace collapsed: one for a number, one per line for a stack, none for
    text, a dash or a blank."""
    if not _DIGIT_RE.search(text):
        return []  # no digit, no number: most text cells end here without the parser
    try:
        value = parse_number(text)
    except NotNumeric:
        lines = [line for line in text.split("\n") if line.strip()]
        if len(lines) > 1 and all(try_number(line)[1] for line in lines) \
                and any(try_number(line)[0] is not None for line in lines):
            return [clean_text(line) for line in lines if try_number(line)[0] is not None]
        return []
    return [clean_text(text)] if value is not None else []


def _is_year_header(text: str) -> bool:
    return bool(load_vocabulary().year_header.match(fold(text)))


@dataclass
class _Entry:
    """One printed value of ``raw``: it can account for one cell."""

    field: str
    text: str
    has_value: bool
    used: bool = False


def _raw_value(row: Row, key: str) -> tuple[str | None, bool]:
    """(field, whether the value is in a field) of a raw key; a key for a text kept only in raw counts as held."""
    match = _RAW_KEY_RE.match(key)
    if match is None:
        return None, True
    name = match["field"]
    if match["year"] is not None:
        return name, True  # a year's printed total beside its sources: kept in raw for checking by eye
    if match["part"] is not None:
        parts = getattr(row, "breakdown", [])
        i = int(match["part"])
        return name, i < len(parts) and getattr(parts[i], name, None) is not None
    return name, getattr(row, name, None) is not None


def _entries(rows: Iterable[Row]) -> list[_Entry]:
    out = []
    for row in rows:
        for key, text in row.raw.items():
            name, has_value = _raw_value(row, key)
            out.append(_Entry(name or key, text, has_value))
    return out


def _take(entries: list[_Entry], text: str, field_name: str | None) -> bool:
    """Use up the raw entry that holds ``text`` (one of the column's field first); False when none does."""
    candidates = [e for e in entries if not e.used and e.text == text]
    if not candidates:
        return False
    best = next((e for e in candidates if e.field == field_name), candidates[0])
    best.used = True
    return best.has_value


def _in_text_fields(rows: Iterable[Row], text: str) -> bool:
    wanted = fold(text).replace(" ", "")
    for row in rows:
        for name in _TEXT_FIELDS:
            value = getattr(row, name, None)
            if isinstance(value, str) and wanted in fold(value).replace(" ", ""):
                return True
    return False


@dataclass(frozen=True)
class _Shape:
    """What coverage needs of a recognised table: where its body is and what each column feeds."""

    table: Table
    body_start: int
    body_end: int
    fields: dict[int, str | None]
    headers: dict[int, str]


def row_numbers(line: str) -> tuple[str, ...]:
    """The numbers of a line's TAB-separated parts (item numbers aside): a table row's, when two or more."""
    if "\t" not in line:
        return ()
    found = []
    for part in line.split("\t"):
        text = clean_text(part)
        if text and not is_item_number(text):
            found.extend(numbers_in(text))
    return tuple(found) if len(found) >= 2 else ()


def lost_rows(doc: Document) -> list[UnreadLine]:
    """The lines outside the tables that hold a table row's numbers."""
    out = []
    for block in doc.blocks:
        if isinstance(block, Paragraph) and "\t" in block.text:
            for line in block.text.split("\n"):
                numbers = row_numbers(line)
                if numbers:
                    out.append(UnreadLine(clean_text(line.replace("\t", " | ")), numbers, block.page))
    return out


def _looks_like_data(table: Table, min_rows: int) -> bool:
    """At least ``min_rows`` rows of the table hold two numbers or more (outside its first column)."""
    rows = 0
    for row in table.rows:
        if sum(1 for cell in row.cells if cell.col > 0 and numbers_in(cell.text)) >= 2:
            rows += 1
            if rows >= min_rows:
                return True
    return False


def _shapes(doc: Document, layouts: Sequence[TableLayout], pointed: set[int],
            settings: CoverageSettings = DEFAULT_COVERAGE) -> list[_Shape]:
    shapes: dict[int, _Shape] = {}
    for layout in layouts:
        shapes[layout.table.index] = _Shape(
            layout.table, layout.header_rows, layout.body_end,
            {c.col: c.field for c in layout.columns}, {c.col: c.header for c in layout.columns})
    for table in doc.tables:
        if table.index in pointed and table.index not in shapes:
            # a table rows were read from without a layout: its whole height, no column known
            shapes[table.index] = _Shape(table, 0, len(table.rows), {}, {})
    if {layout.kind for layout in layouts} != {FUNDING, INDICATORS}:
        for table in doc.tables:
            if table.index not in shapes and _looks_like_data(table, settings.min_data_rows):
                # a data table of a kind not recognised: its numbers unread, its first column's item numbers no data
                headers = {c.col: clean_text(c.text) for c in table.rows[0].cells} if table.rows else {}
                shapes[table.index] = _Shape(table, 0, len(table.rows), {0: "number"}, headers)
    return [shapes[i] for i in sorted(shapes)]


def _is_header_like_row(texts: list[str]) -> bool:
    """A row that only numbers the columns, or only names years: a header row, wherever it stands."""
    if not texts:
        return False
    return _is_numbering_row(texts) or all(_is_year_header(t) for t in texts)


def _cell_kind(cell: Cell, field_name: str | None, line: str) -> str:
    """"value", "text" or "label" (not data) for one printed number of a cell."""
    if field_name in VALUE_FIELDS:
        return "value"
    if field_name is not None and field_name != IGNORED_FIELD and is_item_number(line):
        return "label"  # an item number in the number, task or measure column
    return "text" if field_name is not None and field_name != IGNORED_FIELD else "other"


def measure_coverage(doc: Document, layouts: Sequence[TableLayout], funding: Sequence[FundingRow],
                     indicators: Sequence[IndicatorRow], settings: CoverageSettings = DEFAULT_COVERAGE) -> Measured:
    """The coverage of a report whose rows were read from ``doc`` through ``layouts`` (pure)."""
    by_place: dict[tuple[int, int], list[tuple[str, Row]]] = {}
    for name, rows in (("funding", funding), ("indicators", indicators)):
        for i, row in enumerate(rows):
            loc = row.location
            if loc.table is not None and loc.row is not None:
                by_place.setdefault((loc.table, loc.row), []).append((f"{name}[{i}]", row))
    pointed = {t for t, _ in by_place}
    shapes = _shapes(doc, layouts, pointed, settings)

    cells = read = ignored = 0
    unread: list[UnreadCell] = []
    for shape in shapes:
        table = shape.table
        for r in range(shape.body_start, min(shape.body_end, len(table.rows))):
            row_meta = table.rows[r]
            here = by_place.get((table.index, row_meta.index), [])
            if not here and _is_header_like_row([t for t in (clean_text(c.text) for c in row_meta.cells) if t]):
                continue
            entries = _entries(row for _, row in here)
            # value columns first, so that a number in another column never takes a value's raw entry
            ordered = sorted(row_meta.cells, key=lambda c: (shape.fields.get(c.col) not in VALUE_FIELDS, c.col))
            for cell in ordered:
                field_name = shape.fields.get(cell.col)
                for line in numbers_in(cell.text):
                    kind = _cell_kind(cell, field_name, line)
                    if kind == "label":
                        continue
                    if field_name == IGNORED_FIELD:
                        ignored += 1
                        continue
                    cells += 1
                    if kind == "text":
                        ok = _in_text_fields(_rows_under(table, cell, by_place), line)
                    else:
                        ok = _take(entries, line, field_name)
                    if ok:
                        read += 1
                    else:
                        unread.append(UnreadCell(table.index, row_meta.index, cell.col, line,
                                                 shape.headers.get(cell.col, ""), row_meta.page,
                                                 here[0][0] if here else None))
    lines = lost_rows(doc)
    cells += sum(len(line.numbers) for line in lines)
    ratio = math.floor(read / cells * 10_000) / 10_000 if cells else 0.0
    coverage = Coverage(ratio=ratio, cells=cells, read=read, ignored=ignored, tables=[s.table.index for s in shapes])
    return Measured(coverage, unread, lines)


def _rows_under(table: Table, cell: Cell, by_place: dict[tuple[int, int], list[tuple[str, Row]]]) -> list[Row]:
    """The report rows read from the table rows a cell covers (its first row and the rows it merges)."""
    end = min(cell.row + cell.row_span, len(table.rows))
    return [row for pos in range(cell.row, end) for _, row in by_place.get((table.index, table.rows[pos].index), [])]


def coverage_findings(measured: Measured, settings: CoverageSettings = DEFAULT_COVERAGE) -> list[Finding]:
    """An ``unread-cell`` warning per unread cell, and ``low-coverage`` when the report is below the setting."""
    out = []
    for cell in measured.unread:
        where = _("page {page}, ").format(page=cell.page) if cell.page is not None else ""
        column = (_("column {n} ({header})").format(n=cell.col + 1, header=repr(cell.header)) if cell.header
                  else _("column {n} (no header)").format(n=cell.col + 1))
        out.append(problems.UNREAD_CELL.finding(cell.path, where=where, table=cell.table, row=cell.row, column=column,
                                                text=repr(cell.text)))
    for line in measured.lines:
        where = _("page {page}, ").format(page=line.page) if line.page is not None else ""
        out.append(problems.UNREAD_LINE.finding(None, where=where, numbers=", ".join(repr(n) for n in line.numbers),
                                                line=repr(line.text)))
    cov = measured.coverage
    if cov.ratio < settings.low_coverage:
        if not cov.tables:
            what = _("no funding or indicator table was recognised")
        elif not cov.cells:
            what = _("the recognised tables hold no number")
        else:
            what = _("{read} of {cells} numbers of the recognised tables are read into fields").format(
                read=cov.read, cells=cov.cells)
        out.append(problems.LOW_COVERAGE.finding(None, ratio=f"{cov.ratio:.4f}", minimum=settings.low_coverage,
                                                 what=what))
    return out
