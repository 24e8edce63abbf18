"""One report as a person reads it: the view model shared by the HTML and Markdown views.

``report_view(report, sources)`` arranges a Report for reading: its
metadata, decisions, the funding table (task headings, the printed total
rows, one column pair per year or source of the breakdown, a computed sum of
the measure rows under them), the indicator table by group, and every
warning beside the row it concerns (the rest at the top). Every number
carries its printed text and a link to its source:

- PDF: an anchor on the page image, the value's cell box (``location.cells``)
  or else the row's box (``location.bbox``), or else the page itself;
- DOCX, TXT: the row of the source table as read (``Document``), the cell
  when the printed text is found in exactly one cell of that row;
- a report without its source (read back from JSON): the location in words.

Pure functions over plain data; the writers only render what comes out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from ..document import Document, Table
from ..i18n import _, ngettext
from ..models import Finding, FundingKind, Report
from ..normalize.text import clean_text

#: a warning path that points at one row: funding[12], indicators[3], decisions[0]
_ROW_PATH = re.compile(r"^(funding|indicators|decisions)\[(\d+)\]")
#: no-break space: groups thousands in the Ukrainian view
NBSP = "\u00a0"


# -- numbers for reading -------------------------------------------------------------------


def format_number(value: Decimal | None, lang: str = "uk") -> str:
    """A number as a reader of ``lang`` writes it: "1 445,5" (uk), "1,445.5" (en); "" for null.

    The digits after the decimal mark are those of the exact value (as printed).
    """
    if value is None:
        return ""
    text = f"{value:f}"
    sign = "-" if text.startswith("-") else ""
    whole, _, frac = text.lstrip("-").partition(".")
    group = NBSP if lang == "uk" else ","
    point = "," if lang == "uk" else "."
    grouped = ""
    while len(whole) > 3:
        grouped = group + whole[-3:] + grouped
        whole = whole[:-3]
    grouped = whole + grouped
    return sign + grouped + (point + frac if frac else "")


# -- sources ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageImage:
    """A rendered PDF page: its size in PDF points and the image (PNG bytes)."""

    number: int
    width: float
    height: float
    png: bytes


@dataclass
class Sources:
    """What the view can link numbers to: the Document as read, and PDF page images."""

    document: Document | None = None
    pages: dict[int, PageImage] = field(default_factory=dict)


@dataclass(frozen=True)
class Box:
    """A highlight on a page image, in percent of the page (so it scales with the image)."""

    anchor: str
    left: float
    top: float
    width: float
    height: float
    label: str
    back: str  # the anchor of the table row it belongs to


@dataclass
class PageView:
    number: int
    image: PageImage
    boxes: list[Box] = field(default_factory=list)


@dataclass
class SourceCell:
    text: str
    anchor: str | None
    row_span: int
    col_span: int


@dataclass
class SourceRow:
    anchor: str
    index: int
    page: int | None
    header: bool
    cells: list[SourceCell]


@dataclass
class SourceTable:
    index: int
    anchor: str
    rows: list[SourceRow]


# -- the view ------------------------------------------------------------------------------


@dataclass
class Value:
    """One number of the view: shown text, printed text, and where its source is."""

    text: str
    raw: str | None = None
    href: str | None = None
    where: str = ""


@dataclass
class ViewRow:
    anchor: str
    kind: str  # measure, subtotal, total, task (a heading), group (indicator group heading)
    cells: list[str | Value]
    warnings: list[Finding] = field(default_factory=list)
    source: Value | None = None


@dataclass
class TableView:
    columns: list[str]
    numeric: list[bool]
    rows: list[ViewRow]
    footer: list[str | Value] | None = None
    footer_label: str = ""
    #: a header row above ``columns``: (label, number of columns it spans); "" over single columns
    groups: list[tuple[str, int]] | None = None


@dataclass
class ReportView:
    title: str
    facts: list[tuple[str, str]]
    decisions: list[tuple[str, str, str]]
    general_warnings: list[Finding]
    funding: TableView
    indicators: TableView
    unit: str | None
    pages: list[PageView]
    source_tables: list[SourceTable]
    counts: dict[str, int]
    lang: str
    #: (percent text, numbers read, numbers counted) of the report's coverage; None for a report without one
    coverage: tuple[str, int, int] | None = None


def warnings_by_row(warnings: Iterable[Finding]) -> tuple[dict[tuple[str, int], list[Finding]], list[Finding]]:
    """Warnings that point at one row, by (list, index); the others, in order."""
    by_row: dict[tuple[str, int], list[Finding]] = {}
    general: list[Finding] = []
    for w in warnings:
        m = _ROW_PATH.match(w.path or "")
        if m:
            by_row.setdefault((m.group(1), int(m.group(2))), []).append(w)
        else:
            general.append(w)
    return by_row, general


def _location_words(page: int | None, table: int | None, row: int | None, sheet: str | None = None,
                    sheet_row: int | None = None) -> str:
    if sheet is not None:  # a spreadsheet: where the spreadsheet program shows it
        return _("sheet {sheet}, row {n}").format(sheet=sheet, n=sheet_row) if sheet_row else sheet
    parts = []
    if page is not None:
        parts.append(_("page {n}").format(n=page))
    if table is not None:
        parts.append(_("table {n}").format(n=table + 1))
    if row is not None:
        parts.append(_("row {n}").format(n=row + 1))
    return ", ".join(parts)


class _Linker:
    """Finds the anchor of each number's source and collects the page boxes and source tables."""

    def __init__(self, sources: Sources | None):
        self.sources = sources or Sources()
        self.pages: dict[int, PageView] = {
            n: PageView(n, img) for n, img in sorted(self.sources.pages.items())
        }
        doc = self.sources.document
        self.tables: dict[int, Table] = {t.index: t for t in doc.tables} if doc else {}
        self.used_tables: set[int] = set()
        self.cell_anchors: set[str] = set()

    def _box(self, page: int, bbox, anchor: str, label: str, back: str) -> str | None:
        view = self.pages.get(page)
        if view is None or not bbox or view.image.width <= 0 or view.image.height <= 0:
            return None
        x0, top, x1, bottom = bbox
        w, h = view.image.width, view.image.height
        view.boxes.append(Box(anchor, 100 * x0 / w, 100 * top / h, 100 * (x1 - x0) / w, 100 * (bottom - top) / h,
                              label, back))
        return anchor

    def row_source(self, prefix: str, location, back: str) -> str | None:
        """The anchor of a row's source: its box on the page, its row in the source table, or its page."""
        anchor = f"src-{prefix}"
        if location.page is not None and location.page in self.pages:
            if self._box(location.page, getattr(location, "bbox", None), anchor, back, back):
                return anchor
            return f"page-{location.page}"
        if location.table is not None and location.table in self.tables and location.row is not None:
            self.used_tables.add(location.table)
            return f"src-t{location.table}-r{location.row}"
        return None

    def value_source(self, prefix: str, key: str, raw: str | None, location, row_anchor: str | None,
                     back: str) -> str | None:
        """The anchor of one value: its cell box on the page, its cell in the source table, else its row's."""
        cells = getattr(location, "cells", None) or {}
        anchor = f"src-{prefix}-{_slug(key)}"
        if location.page is not None and location.page in self.pages and key in cells:
            if self._box(location.page, cells[key], anchor, raw or "", back):
                return anchor
        if raw and location.table in self.tables and location.row is not None and row_anchor and \
                row_anchor.startswith("src-t"):
            col = self._unique_cell(self.tables[location.table], location.row, raw)
            if col is not None:
                cell_anchor = f"src-t{location.table}-r{location.row}-c{col}"
                self.cell_anchors.add(cell_anchor)
                return cell_anchor
        return row_anchor

    @staticmethod
    def _unique_cell(table: Table, row_index: int, raw: str) -> int | None:
        """The grid column of the one cell of the row whose text reads ``raw``; None when none or several do."""
        target = clean_text(raw)
        found = [c.col for r in table.rows if r.index == row_index for c in r.cells if clean_text(c.text) == target]
        return found[0] if len(found) == 1 else None

    def source_tables(self) -> list[SourceTable]:
        out = []
        for index in sorted(self.used_tables):
            table = self.tables[index]
            rows = []
            for r in table.rows:
                cells = []
                for c in r.cells:
                    anchor = f"src-t{index}-r{r.index}-c{c.col}"
                    cells.append(SourceCell(c.text, anchor if anchor in self.cell_anchors else None,
                                            c.row_span, c.col_span))
                rows.append(SourceRow(f"src-t{index}-r{r.index}", r.index, r.page, r.is_header, cells))
            out.append(SourceTable(index, f"src-t{index}", rows))
        return out


def _slug(key: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", key).strip("-")


def _value(value: Decimal | None, raw: str | None, href: str | None, where: str, lang: str) -> Value:
    return Value(format_number(value, lang), raw, href, where)


def _breakdown_keys(report: Report) -> list[tuple[int | None, str | None]]:
    keys: list[tuple[int | None, str | None]] = []
    for f in report.funding:
        for b in f.breakdown:
            if (b.year, b.funding_source) not in keys:
                keys.append((b.year, b.funding_source))
    return keys


def _part_label(key: tuple[int | None, str | None]) -> str:
    year, source = key
    return " · ".join(str(x) for x in (year, source) if x is not None) or "—"


def _funding_view(report: Report, linker: _Linker, warned, lang: str) -> TableView:
    keys = _breakdown_keys(report)
    columns = [_("No."), _("Measure"), _("Term"), _("Executor"), _("Planned"), _("Actual"), _("%")]
    numeric = [False, False, False, False, True, True, True]
    groups: list[tuple[str, int]] = [("", 1)] * 4 + [(_("Total"), 3)]
    for key in keys:
        columns += [_("planned"), _("actual")]
        numeric += [True, True]
        groups.append((_part_label(key), 2))
    columns.append(_("Source"))
    numeric.append(False)
    groups.append(("", 1))
    rows: list[ViewRow] = []
    task_seen: tuple | None = None
    sums: dict[str, Decimal] = {}
    for i, f in enumerate(report.funding):
        back = f"funding-{i}"
        if f.kind == FundingKind.measure and f.task and (f.task_number, f.task) != task_seen:
            task_seen = (f.task_number, f.task)
            rows.append(ViewRow(f"task-{i}", "task", [f.task_number or "", f.task]))
        loc = f.location
        where = _location_words(loc.page, loc.table, loc.row, loc.sheet, loc.sheet_row)
        row_anchor = linker.row_source(f"f{i}", loc, back)

        def val(name: str, amount: Decimal | None, key: str) -> Value:
            raw = f.raw.get(key)
            href = linker.value_source(f"f{i}", key, raw, loc, row_anchor, back)
            return _value(amount, raw, href, where, lang)

        measure = f.measure or ""
        if f.object:
            measure = f"{measure} — {f.object}" if measure else f.object
        cells: list[str | Value] = [
            f.number or "", measure, f.term or "", f.executor or "",
            val("planned", f.planned, "planned"), val("actual", f.actual, "actual"), val("percent", f.percent, "percent"),
        ]
        parts = {(b.year, b.funding_source): (j, b) for j, b in enumerate(f.breakdown)}
        for key in keys:
            if key in parts:
                j, b = parts[key]
                cells += [val("planned", b.planned, f"breakdown[{j}].planned"), val("actual", b.actual, f"breakdown[{j}].actual")]
            else:
                cells += ["", ""]
        rows.append(ViewRow(back, f.kind.value, cells, warned.get(("funding", i), []),
                            Value(where, None, row_anchor, where)))
        if f.kind == FundingKind.measure:
            for k, amount in (("planned", f.planned), ("actual", f.actual)):
                if amount is not None:
                    sums[k] = sums.get(k, Decimal(0)) + amount
            for key in keys:
                if key in parts:
                    for k in ("planned", "actual"):
                        amount = getattr(parts[key][1], k)
                        if amount is not None:
                            sums[f"{key}:{k}"] = sums.get(f"{key}:{k}", Decimal(0)) + amount
    footer: list[str | Value] = ["", "", "", ""]
    footer += [Value(format_number(sums.get("planned"), lang)), Value(format_number(sums.get("actual"), lang)), ""]
    for key in keys:
        footer += [Value(format_number(sums.get(f"{key}:planned"), lang)),
                   Value(format_number(sums.get(f"{key}:actual"), lang))]
    footer.append("")
    return TableView(columns, numeric, rows, footer if report.funding else None,
                     _("Sum of the measure rows (computed, to compare with the printed totals)"),
                     groups if keys else None)


def _indicator_view(report: Report, linker: _Linker, warned, lang: str) -> TableView:
    columns = [_("No."), _("Indicator"), _("Unit"), _("Planned"), _("Actual"), _("Reason for a deviation"),
               _("Measures taken"), _("Source")]
    numeric = [False, False, False, True, True, False, False, False]
    rows: list[ViewRow] = []
    group_seen = None
    for i, ind in enumerate(report.indicators):
        back = f"indicators-{i}"
        title = ind.group_title or (ind.group.value if ind.group else None)
        if title and title != group_seen:
            group_seen = title
            rows.append(ViewRow(f"group-{i}", "group", ["", title]))
        loc = ind.location
        where = _location_words(loc.page, loc.table, loc.row, loc.sheet, loc.sheet_row)
        row_anchor = linker.row_source(f"i{i}", loc, back)

        def val(amount: Decimal | None, key: str) -> Value:
            raw = ind.raw.get(key)
            return _value(amount, raw, linker.value_source(f"i{i}", key, raw, loc, row_anchor, back), where, lang)

        cells: list[str | Value] = [ind.number or "", ind.name or "", ind.unit or "",
                                    val(ind.planned, "planned"), val(ind.actual, "actual"),
                                    ind.reason or "", ind.remedy or ""]
        # a value printed as text ("так") has no number: show the printed text
        for pos, key in ((3, "planned"), (4, "actual")):
            v = cells[pos]
            if isinstance(v, Value) and not v.text and v.raw:
                v.text = v.raw
        rows.append(ViewRow(back, "measure", cells, warned.get(("indicators", i), []),
                            Value(where, None, row_anchor, where)))
    return TableView(columns, numeric, rows)


def report_view(report: Report, sources: Sources | None = None, lang: str = "uk") -> ReportView:
    """The report arranged for reading, every number linked to its source."""
    linker = _Linker(sources)
    warned, general = warnings_by_row(report.warnings)
    for (name, i), found in sorted(warned.items()):
        if name == "decisions":  # shown at the top, naming the decision
            general.extend(found)
    prog = report.program
    period = f"{prog.period.start}–{prog.period.end}" if prog.period else ""
    src = report.source
    facts = [
        (_("Program"), prog.name or ""),
        (_("Period"), period),
        (_("Report kind"), {"final": _("final"), "annual": _("annual"), "interim": _("interim")}.get(
            report.document.kind.value if report.document.kind else "", "")),
        (_("Annex"), report.document.annex or ""),
        (_("Responsible executor"), prog.responsible_executor or ""),
        (_("Money unit of the funding table"), report.funding_unit or ""),
        (_("Signed by"), " ".join(x for x in ((report.signatory.position, report.signatory.name)
                                               if report.signatory else ()) if x)),
        (_("Source file"), src.file + (f" ({src.format.value.upper()}" if src.format else "")
         + (", " + ngettext("{n} page", "{n} pages", src.pages).format(n=src.pages) if src.pages else "") + (")" if src.format else "")),
        (_("SHA-256 of the file"), src.sha256 or ""),
    ]
    decisions = [(d.date.isoformat() if d.date else "", d.number or "", d.text) for d in report.decisions]
    funding = _funding_view(report, linker, warned, lang)
    indicators = _indicator_view(report, linker, warned, lang)
    pages = [p for p in linker.pages.values()]
    return ReportView(
        title=report.document.title or prog.name or src.file,
        facts=[(k, v) for k, v in facts if v],
        decisions=decisions,
        general_warnings=general,
        funding=funding,
        indicators=indicators,
        unit=report.funding_unit,
        pages=pages,
        source_tables=linker.source_tables(),
        counts={"decisions": len(report.decisions), "funding": len(report.funding),
                "indicators": len(report.indicators), "warnings": len(report.warnings)},
        lang=lang,
        coverage=_coverage_line(report, lang),
    )


def _coverage_line(report: Report, lang: str) -> tuple[str, int, int] | None:
    """The report's coverage as a percent with one decimal (floored, so 100,0 only when nothing is unread)."""
    cov = report.coverage
    if cov is None:
        return None
    per_mille = int(Decimal(str(cov.ratio)) * 1000)
    return format_number((Decimal(per_mille) / 10).quantize(Decimal("0.1")), lang), cov.read, cov.cells
