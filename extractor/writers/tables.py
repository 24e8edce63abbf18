"""Flat tables of Reports: the one tabular view that CSV, XLSX and Data Package share.

Each list of the contract becomes a table with one row per item, nested
fields flattened, and a first column ``report`` naming the report, so that the
tables of many reports concatenate. Tables and their columns are declared once
here, with a type and a description, and every tabular writer uses them:

- ``reports``: one row per report (its metadata, counts of its lists, its coverage);
- ``decisions``, ``funding``, ``indicators``, ``warnings``: one row per item
  of that list, with ``index`` = the item's 0-based position in the list (the
  ``[12]`` of a warning path ``funding[12]``);
- ``breakdown``: the long form of the funding rows' ``breakdown``, one row per
  year or funding source of a funding row, ``index`` being that funding row's
  ``index``, so per-year and per-source amounts can be filtered and summed in
  a spreadsheet.

Flattening rules:

- ``location`` becomes ``location_page``, ``location_table``, ``location_row``, ``location_sheet``,
  ``location_sheet_row``, ``location_bbox`` (a JSON array), ``location_cells`` (a JSON object) and
  ``location_ocr`` (the row's OCR confidence; the per-value confidences stay in the JSON);
- ``years`` is the years joined by ``;`` (``"2017;2018;2019"``);
- ``breakdown`` and ``raw`` are compact JSON text (a JSON array / object) in
  the funding and indicator tables (``breakdown`` is also a table of its own);
  an empty list or object is an empty cell, like every ``null``;
- amounts stay exact ``Decimal`` values here; writers format them;
- the funding table repeats the report's ``funding_unit`` on every row, so
  that amounts of reports in thousands and in hryvnias are not mixed up.

Cell values are ``None``, ``str``, ``int``, ``Decimal`` or ``datetime.date``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from ..i18n import N_
from ..models import Format, Location, Report

#: separator of the years in the ``years`` column
YEARS_SEPARATOR = ";"

Cell = None | str | int | Decimal | date


@dataclass(frozen=True)
class Column:
    """One column of a flat table: its name, Table Schema type and meaning."""

    name: str
    type: str  # Table Schema type: string, integer, number, date, array, object
    description: str
    enum: tuple[str, ...] | None = None


_REPORT = Column(
    "report", "string", "The report the row comes from: its source file name (made unique within a batch)."
)
_INDEX = Column("index", "integer", "0-based position of the item in the report's list (the 12 of a warning path 'funding[12]').")
_LOCATION = (
    Column("location_page", "integer", "1-based page of the row in a PDF; empty for DOCX and TXT."),
    Column("location_table", "integer", "0-based index of the table in the document."),
    Column("location_row", "integer", "0-based row index inside that table, header rows counted."),
    Column("location_sheet", "string", "Spreadsheets (XLSX, XLS, ODS): the sheet the row is on; empty for other formats."),
    Column("location_sheet_row", "integer",
           "Spreadsheets: the row number the spreadsheet program shows (1-based); empty for other formats."),
    Column("location_bbox", "array",
           "PDF: the row's box on its page, JSON [x0, top, x1, bottom] in points from the page's top-left corner; "
           "empty for other formats."),
    Column("location_cells", "object",
           "PDF: the box of the cell each value was printed in, JSON object keyed like raw; empty for other formats."),
    Column("location_ocr", "number",
           "Scanned PDFs: the lowest OCR confidence (0-1) of the row's cells; empty for rows read from a text "
           "layer or markup."),
)

REPORT_COLUMNS: tuple[Column, ...] = (
    _REPORT,
    Column("format", "string", "Input format.", enum=tuple(f.value for f in Format)),
    Column("sha256", "string", "SHA-256 hex digest of the input bytes."),
    Column("pages", "integer", "Page count of a PDF; empty for other formats."),
    Column("title", "string", "Title of the report as printed."),
    Column("kind", "string", "final (заключний звіт), annual (за рік) or interim.", enum=("final", "annual", "interim")),
    Column("annex", "string", "Annex label printed above the report, e.g. 'Додаток 1'."),
    Column("program_name", "string", "Name of the target program."),
    Column("period_start", "integer", "First year of the program period."),
    Column("period_end", "integer", "Last year of the program period."),
    Column("responsible_executor", "string", "Responsible executor of the program."),
    Column("funding_unit", "string", "Money unit of the funding table: 'тис. грн' (thousand UAH) or 'грн' (UAH)."),
    Column("signatory_position", "string", "Position of the person who signed the report."),
    Column("signatory_name", "string", "Name of the person who signed the report."),
    Column("decisions", "integer", "Number of council decisions found."),
    Column("funding", "integer", "Number of funding rows."),
    Column("indicators", "integer", "Number of indicator rows."),
    Column("warnings", "integer", "Number of warnings."),
    Column("coverage", "number",
           "Share (0-1) of the numeric cells of the recognised funding and indicator tables that were read into "
           "fields (coverage.ratio); 0 when no table was recognised; empty for reports written before it existed."),
    Column("numeric_cells", "integer", "Numeric cells of the recognised tables counted for coverage (coverage.cells)."),
    Column("unread_cells", "integer", "Numbers of the tables no field holds, each named in an unread-cell or "
           "unread-line warning."),
)

DECISION_COLUMNS: tuple[Column, ...] = (
    _REPORT,
    _INDEX,
    Column("date", "date", "Date of the council decision (ISO YYYY-MM-DD)."),
    Column("number", "string", "Decision number as printed, without № and spaces."),
    Column("text", "string", "The text span the decision was read from."),
)

FUNDING_COLUMNS: tuple[Column, ...] = (
    _REPORT,
    _INDEX,
    Column("kind", "string", "measure, or subtotal/total for 'Разом'/'Усього' rows.", enum=("measure", "subtotal", "total")),
    Column("task_number", "string", "Number of the priority task the row belongs to."),
    Column("task", "string", "Text of the priority task."),
    Column("number", "string", "Number of the measure."),
    Column("measure", "string", "Text of the measure."),
    Column("object", "string", "Object named by this line when a row lists several objects; else empty."),
    Column("term", "string", "Term of the measure as printed."),
    Column("years", "string", f"Years the term covers, joined by '{YEARS_SEPARATOR}' (e.g. 2017{YEARS_SEPARATOR}2018)."),
    Column("executor", "string", "Executor of the measure."),
    Column("funding_unit", "string", "Money unit of planned, actual and breakdown amounts: 'тис. грн' or 'грн'."),
    Column("planned", "number", "Planned amount, in funding_unit."),
    Column("actual", "number", "Actual (spent) amount, in funding_unit."),
    Column("percent", "number", "Execution percentage as printed (%)."),
    Column(
        "breakdown",
        "array",
        "Split by year or funding source, JSON array of {year, funding_source, planned, actual} in funding_unit; "
        "empty when the table does not split.",
    ),
    Column("derived", "string", f"Amount fields computed from the breakdown rather than printed, joined by "
                                f"'{YEARS_SEPARATOR}' (e.g. planned); empty when every amount is printed."),
    Column("raw", "object", "Original text of every numeric cell, JSON object keyed by field."),
    *_LOCATION,
)

BREAKDOWN_COLUMNS: tuple[Column, ...] = (
    _REPORT,
    Column("index", "integer", "The index of the funding row this part belongs to (a row of the funding table)."),
    Column("year", "integer", "The year of this part; empty when the row splits by funding source only."),
    Column("funding_source", "string", "The funding source of this part (e.g. 'міський бюджет'); empty when the row splits by year only."),
    Column("funding_unit", "string", "Money unit of planned and actual: 'тис. грн' or 'грн'."),
    Column("planned", "number", "Planned amount of this part, in funding_unit."),
    Column("actual", "number", "Actual amount of this part, in funding_unit; empty where the table has no actual column for it."),
)

INDICATOR_COLUMNS: tuple[Column, ...] = (
    _REPORT,
    _INDEX,
    Column(
        "group", "string", "cost, product, efficiency or quality (затрат, продукту, ефективності, якості).",
        enum=("cost", "product", "efficiency", "quality"),
    ),
    Column("group_title", "string", "Group heading as printed."),
    Column("number", "string", "Number of the indicator."),
    Column("name", "string", "Name of the indicator."),
    Column("unit", "string", "Unit of planned and actual, as printed (e.g. 'тис. грн.', 'од.', '%')."),
    Column("planned", "number", "Planned value, in unit."),
    Column("actual", "number", "Actual value, in unit."),
    Column("reason", "string", "Reason for a deviation, as printed."),
    Column("remedy", "string", "Measures taken, as printed."),
    Column("raw", "object", "Original text of every numeric cell, JSON object keyed by field."),
    *_LOCATION,
)

WARNING_COLUMNS: tuple[Column, ...] = (
    _REPORT,
    _INDEX,
    Column("code", "string", "Stable kebab-case code of the warning."),
    Column("message", "string", "What a careful reader should look at."),
    Column("path", "string", "Where in the report the warning points, e.g. 'funding[12]'."),
)

#: every flat table, in the order writers emit them
TABLES: dict[str, tuple[Column, ...]] = {
    "reports": REPORT_COLUMNS,
    "decisions": DECISION_COLUMNS,
    "funding": FUNDING_COLUMNS,
    "breakdown": BREAKDOWN_COLUMNS,
    "indicators": INDICATOR_COLUMNS,
    "warnings": WARNING_COLUMNS,
}



@dataclass(frozen=True)
class Keys:
    """A table's primary key and the table its ``report`` (and ``index``) rows point into."""

    primary: tuple[str, ...] = ()
    #: (fields, referenced table, referenced fields)
    foreign: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()


_TO_REPORTS = ((("report",), "reports", ("report",)),)

#: each table's title for people: XLSX sheet names and Data Package titles (translated where shown, at most 31
#: characters: a sheet name's limit)
TABLE_TITLES: dict[str, str] = {
    "reports": N_("Reports"),
    "decisions": N_("Decisions"),
    "funding": N_("Funding"),
    "breakdown": N_("Funding by year and source"),
    "indicators": N_("Indicators"),
    "warnings": N_("Warnings"),
}

#: what each table holds, for the Data Package (translated where written)
TABLE_DESCRIPTIONS: dict[str, str] = {
    "reports": N_("One row per report: its source, metadata and the counts of its lists."),
    "decisions": N_("Council decisions that approved or amended each program, in document order."),
    "funding": N_("Funding table rows (measures, subtotals, totals) of each report; amounts in funding_unit."),
    "breakdown": N_("Funding rows split by year or funding source, one row per part; index is the funding row's index."),
    "indicators": N_("Performance indicators (cost, product, efficiency, quality) of each report; values in unit."),
    "warnings": N_("Warnings a careful reader should look at; path points into the report (e.g. funding[12])."),
}

#: keys of each table: every item table is keyed by report and index, breakdown parts point at their funding row
TABLE_KEYS: dict[str, Keys] = {
    "reports": Keys(primary=("report",)),
    "decisions": Keys(primary=("report", "index"), foreign=_TO_REPORTS),
    "funding": Keys(primary=("report", "index"), foreign=_TO_REPORTS),
    "breakdown": Keys(foreign=(*_TO_REPORTS, (("report", "index"), "funding", ("report", "index")))),
    "indicators": Keys(primary=("report", "index"), foreign=_TO_REPORTS),
    "warnings": Keys(primary=("report", "index"), foreign=_TO_REPORTS),
}

Row = dict[str, Cell]


def compact_json(value: Any) -> str:
    """JSON text without spaces; Decimals as plain numbers (no exponent), Ukrainian kept as is."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, Enum):
        return compact_json(value.value)
    if isinstance(value, str):
        import json

        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return "{" + ",".join(f"{compact_json(str(k))}:{compact_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(compact_json(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def decimal_text(value: Decimal) -> str:
    """A Decimal with a decimal point, no exponent and no thousands separator ("1445.0", "0.05")."""
    text = format(value, "f")
    return "0" if text in ("-0", "-0.0") and not value else text


def _enum(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _location(loc: Location) -> Row:
    return {"location_page": loc.page, "location_table": loc.table, "location_row": loc.row,
            "location_sheet": loc.sheet, "location_sheet_row": loc.sheet_row,
            "location_bbox": compact_json(loc.bbox) if loc.bbox else None,
            "location_cells": compact_json(loc.cells) if loc.cells else None,
            "location_ocr": Decimal(str(loc.ocr.confidence)) if loc.ocr is not None else None}


def report_row(report: Report, label: str) -> Row:
    """The report's metadata and counts as one row of the ``reports`` table."""
    period = report.program.period
    sig = report.signatory
    return {
        "report": label,
        "format": _enum(report.source.format),
        "sha256": report.source.sha256,
        "pages": report.source.pages,
        "title": report.document.title,
        "kind": _enum(report.document.kind),
        "annex": report.document.annex,
        "program_name": report.program.name,
        "period_start": period.start if period else None,
        "period_end": period.end if period else None,
        "responsible_executor": report.program.responsible_executor,
        "funding_unit": report.funding_unit,
        "signatory_position": sig.position if sig else None,
        "signatory_name": sig.name if sig else None,
        "decisions": len(report.decisions),
        "funding": len(report.funding),
        "indicators": len(report.indicators),
        "warnings": len(report.warnings),
        **_coverage(report),
    }


def _coverage(report: Report) -> Row:
    cov = report.coverage
    if cov is None:
        return {"coverage": None, "numeric_cells": None, "unread_cells": None}
    return {"coverage": Decimal(str(cov.ratio)), "numeric_cells": cov.cells, "unread_cells": cov.cells - cov.read}


def decision_rows(report: Report, label: str) -> list[Row]:
    return [
        {"report": label, "index": i, "date": d.date, "number": d.number, "text": d.text}
        for i, d in enumerate(report.decisions)
    ]


def funding_rows(report: Report, label: str) -> list[Row]:
    rows = []
    for i, f in enumerate(report.funding):
        rows.append(
            {
                "report": label,
                "index": i,
                "kind": _enum(f.kind),
                "task_number": f.task_number,
                "task": f.task,
                "number": f.number,
                "measure": f.measure,
                "object": f.object,
                "term": f.term,
                "years": YEARS_SEPARATOR.join(str(y) for y in f.years) or None,
                "executor": f.executor,
                "funding_unit": report.funding_unit,
                "planned": f.planned,
                "actual": f.actual,
                "percent": f.percent,
                "breakdown": compact_json([dict(b) for b in f.breakdown]) if f.breakdown else None,
                "derived": YEARS_SEPARATOR.join(f.derived) or None,
                "raw": compact_json(f.raw) if f.raw else None,
                **_location(f.location),
            }
        )
    return rows


def breakdown_rows(report: Report, label: str) -> list[Row]:
    """One row per breakdown part of every funding row, ``index`` naming the funding row."""
    return [
        {
            "report": label,
            "index": i,
            "year": b.year,
            "funding_source": b.funding_source,
            "funding_unit": report.funding_unit,
            "planned": b.planned,
            "actual": b.actual,
        }
        for i, f in enumerate(report.funding)
        for b in f.breakdown
    ]


def indicator_rows(report: Report, label: str) -> list[Row]:
    rows = []
    for i, ind in enumerate(report.indicators):
        rows.append(
            {
                "report": label,
                "index": i,
                "group": _enum(ind.group),
                "group_title": ind.group_title,
                "number": ind.number,
                "name": ind.name,
                "unit": ind.unit,
                "planned": ind.planned,
                "actual": ind.actual,
                "reason": ind.reason,
                "remedy": ind.remedy,
                "raw": compact_json(ind.raw) if ind.raw else None,
                **_location(ind.location),
            }
        )
    return rows


def warning_rows(report: Report, label: str) -> list[Row]:
    return [
        {"report": label, "index": i, "code": w.code, "message": w.message, "path": w.path}
        for i, w in enumerate(report.warnings)
    ]


_ROW_BUILDERS = {
    "decisions": decision_rows,
    "funding": funding_rows,
    "breakdown": breakdown_rows,
    "indicators": indicator_rows,
    "warnings": warning_rows,
}


def report_labels(reports: Sequence[Report], labels: Sequence[str] | None = None) -> list[str]:
    """The ``report`` column value of each report: the given labels, else each source file name."""
    if labels is None:
        return [r.source.file for r in reports]
    if len(labels) != len(reports):
        raise ValueError(f"{len(labels)} labels for {len(reports)} reports")
    return list(labels)


def build_tables(reports: Iterable[Report], labels: Sequence[str] | None = None) -> dict[str, list[Row]]:
    """All flat tables of the reports, rows in report order then list order."""
    reports = list(reports)
    names = report_labels(reports, labels)
    tables: dict[str, list[Row]] = {name: [] for name in TABLES}
    for report, label in zip(reports, names):
        tables["reports"].append(report_row(report, label))
        for name, builder in _ROW_BUILDERS.items():
            tables[name].extend(builder(report, label))
    return tables
