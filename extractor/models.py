"""The output contract (version 1.1) as pydantic models.

These models are the single source of truth for the JSON that extractor emits;
``schemas/report.schema.json`` is generated from them. Amounts are exact
``Decimal`` values inside the program and plain JSON numbers outside.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date as Date
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, PrivateAttr, WithJsonSchema

SCHEMA_VERSION = "1.1"


def _decimal_to_json(value: Decimal) -> float | int:
    return float(value)


#: An exact amount: Decimal in Python, a JSON number in the output.
Amount = Annotated[
    Decimal,
    PlainSerializer(_decimal_to_json, return_type=float, when_used="json"),
    WithJsonSchema({"type": "number"}),
]


class _Model(BaseModel):
    # the docstring under each field is its description, in help() and in the JSON Schema
    model_config = ConfigDict(extra="forbid", use_enum_values=False, use_attribute_docstrings=True)


class Format(str, Enum):
    """Input format of a report, sniffed from its bytes: docx, pdf, txt; since 1.1 also xlsx and html (read
    directly) and doc, rtf, odt, xls, ods (converted by LibreOffice, then read as docx or xlsx)."""

    docx = "docx"
    pdf = "pdf"
    txt = "txt"
    xlsx = "xlsx"
    html = "html"
    doc = "doc"
    rtf = "rtf"
    odt = "odt"
    xls = "xls"
    ods = "ods"


class DocumentKind(str, Enum):
    """Kind of report: final = заключний звіт; annual = звіт / інформація за рік; interim = за півріччя,
    квартал, станом на дату."""

    final = "final"
    annual = "annual"
    interim = "interim"


class FundingKind(str, Enum):
    """A measure row, or a printed subtotal ("Разом" for one task or direction) or total ("Усього", "Всього"
    for the whole table)."""

    measure = "measure"
    subtotal = "subtotal"
    total = "total"


class IndicatorGroup(str, Enum):
    """Indicator groups: показники затрат (cost), продукту (product), ефективності (efficiency), якості
    (quality)."""

    cost = "cost"
    product = "product"
    efficiency = "efficiency"
    quality = "quality"


class Source(_Model):
    """The input file the report came from."""

    file: str
    """File name of the input (without its folder)."""
    format: Format | None = None
    """Format read from the bytes (docx, pdf, txt, xlsx, html; doc, rtf, odt, xls, ods since 1.1)."""
    sha256: str | None = None
    """SHA-256 hex digest of the input bytes (null only in reference answers that stand for every format)."""
    pages: int | None = None
    """Page count of a PDF; null for formats without pages."""


class DocumentInfo(_Model):
    """What the document says it is."""

    title: str | None = None
    """Title of the report as printed, whitespace collapsed."""
    kind: DocumentKind | None = None
    """final, annual or interim; null when the title does not say."""
    annex: str | None = None
    """Annex label printed above the report, e.g. "Додаток 1"."""


class Period(_Model):
    """The years a program runs, both included."""

    start: int
    """First year of the program."""
    end: int
    """Last year of the program (equal to start for a one-year program)."""


class Program(_Model):
    """The target program the report is about."""

    name: str | None = None
    """Name of the program, without the surrounding quotes and "програма" words."""
    period: Period | None = None
    """The years the program runs, from its title or its "Термін реалізації" line; null where not stated."""
    responsible_executor: str | None = None
    """Responsible executor of the program as printed."""


class Decision(_Model):
    """A council decision that approved or amended the program."""

    date: Date | None = None
    """Date of the decision (ISO YYYY-MM-DD); null when not printed or not a real date."""
    number: str | None = None
    """Decision number as printed, without № / N and spaces ("508", "520/2589", "1004-34/2017")."""
    text: str
    """The text span the decision was read from, whitespace collapsed."""


class OcrReading(_Model):
    """How sure OCR was of a row read from a scanned page image (since contract version 1.1).

    Confidences run from 0 to 1 (Tesseract's word confidences): a cell's is
    the lowest of its words', and a number whose two readings (the text
    model's and the digits model's) give different numbers is trusted no
    more than 0.5. A value below the OCR setting ``low_confidence`` (0.8 by
    default) is also named in an ``ocr-low-confidence`` warning.
    """

    confidence: float = Field(ge=0, le=1, description="The lowest confidence of the cells the row was read from.")
    values: dict[str, float] = Field(
        default_factory=dict,
        description="The confidence of each printed value, keyed as in the row's raw.",
    )


class Location(_Model):
    """Where a row stands in the source: 1-based PDF page, 0-based table and row; for a spreadsheet also
    the sheet's name and the row number the spreadsheet program shows; for a PDF also the row's box and
    each value's cell box on the page; for a row read by OCR from a scanned page, how sure the reading was
    (``ocr``: the key is there only for such rows) (since 1.1)."""

    page: int | None = Field(None, description="1-based page of a PDF; null in formats without pages")
    table: int | None = Field(None, description="0-based index of the table in the document")
    row: int | None = Field(None, description="0-based row index inside the table, header rows counted")
    sheet: str | None = Field(None, description="XLSX, XLS, ODS: the name of the sheet the row is on; "
                                                "null in other formats (since 1.1)")
    sheet_row: int | None = Field(None, description="XLSX, XLS, ODS: the row number the spreadsheet program "
                                                    "shows (1-based, counted in the sheet); null in other formats "
                                                    "(since 1.1)")
    bbox: list[float] | None = Field(
        None, description="PDF: the row's box on its page, [x0, top, x1, bottom] in PDF points from the page's "
                          "top-left corner (as pdfplumber counts), so the row can be found and highlighted on the "
                          "page; null where the reader knows no box (other formats) (since 1.1)")
    cells: dict[str, list[float]] = Field(
        default_factory=dict,
        description="PDF: the box of the cell each value was read from, keyed like raw ('planned', "
                    "'breakdown[0].actual', ...), same coordinates as bbox; a value whose printed text stands in "
                    "no cell of the row, or in several and not in the column it was read from, has none (its "
                    "row's box shows it); empty in other formats (since 1.1)")
    ocr: OcrReading | None = Field(
        default=None,
        exclude_if=lambda value: value is None,
        description="Scanned pages: the OCR confidence of the row and of each printed value; absent for rows "
                    "read from a text layer or markup (since 1.1)",
    )
    #: the grid column each value was read from, keyed like raw; extraction records it so that a value
    #: printed twice in a row ("20,0" planned and "20,0" actual) is boxed in its own cell. Not written out.
    _columns: dict[str, int] = PrivateAttr(default_factory=dict)

    def read_from(self, key: str, col: int) -> None:
        """Record that the value ``key`` (a raw key) was read from grid column ``col``."""
        self._columns[key] = col

    def column_of(self, key: str) -> int | None:
        """The grid column the value ``key`` was read from, when extraction recorded it."""
        return self._columns.get(key)

    def __eq__(self, other: object) -> bool:
        # the recorded columns are extraction's working notes, not part of the location: a report read back
        # from its JSON (a worker process, a file) equals the one extraction made
        if isinstance(other, Location):
            return self.model_dump() == other.model_dump()
        return NotImplemented


class Breakdown(_Model):
    """One year's or one funding source's share of a funding row."""

    year: int | None = None
    """The year this part is for; null when the split is by funding source only."""
    funding_source: str | None = None
    """The funding source this part is for (e.g. "міський бюджет"); null when the split is by year only."""
    planned: Amount | None = None
    """Planned amount of this part, in the report's funding_unit."""
    actual: Amount | None = None
    """Actual amount of this part, in funding_unit; null where the table has no actual column for it."""


class FundingRow(_Model):
    """One row of the funding table: a measure, or a printed subtotal or total."""

    kind: FundingKind = FundingKind.measure
    """measure, or subtotal / total for a printed sum row."""
    task_number: str | None = None
    """Number of the priority task the row belongs to, trailing period dropped."""
    task: str | None = None
    """Text of the priority task, without its number and label."""
    number: str | None = None
    """Number of the measure ("1.1"); equals task_number for a task's single unnumbered measure."""
    measure: str | None = None
    """Text of the measure, without its number."""
    object: str | None = None
    """The object this row is for, when one cell lists several objects against stacked amounts; else null."""
    term: str | None = None
    """Term of the measure as printed ("2017-2019")."""
    years: list[int] = Field(default_factory=list)
    """The years the term covers ([2017, 2018, 2019]); empty when it names none."""
    executor: str | None = None
    """Executor of the measure as printed."""
    planned: Amount | None = None
    """Planned amount in funding_unit: the printed total, or the sum of the breakdown where none is printed."""
    actual: Amount | None = None
    """Actual (spent) amount in funding_unit, as planned."""
    percent: Amount | None = None
    """Execution percentage as printed (95.9 for "95,9 %")."""
    breakdown: list[Breakdown] = Field(default_factory=list)
    """The amounts split by year or funding source, one part per year or source the columns split by."""
    derived: list[Literal["planned", "actual"]] = Field(
        default_factory=list,
        exclude_if=lambda value: not value,
        description="The amount fields that were computed (the sum of the breakdown) rather than printed, e.g. "
                    "[\"planned\"]; absent when every amount is as printed.",
    )
    raw: dict[str, str] = Field(default_factory=dict)
    """The printed text of every numeric cell, keyed by field, for checking by eye."""
    location: Location = Field(default_factory=Location)
    """Where the row stands in the source."""


class IndicatorRow(_Model):
    """One row of the performance indicators table."""

    group: IndicatorGroup | None = None
    """cost, product, efficiency or quality, from the group heading above; null where the table has no groups."""
    group_title: str | None = None
    """The group heading as printed ("Показники затрат")."""
    number: str | None = None
    """Number of the indicator as printed; null where the table has no number column (never invented)."""
    name: str | None = None
    """Name of the indicator."""
    unit: str | None = None
    """Unit of planned and actual as printed ("тис. грн.", "од.", "%")."""
    planned: Amount | None = None
    """Planned value in unit; null when the cell is not a number (its text is in raw)."""
    actual: Amount | None = None
    """Actual value in unit; null when the cell is not a number (its text is in raw)."""
    reason: str | None = None
    """Reason for a deviation, as printed."""
    remedy: str | None = None
    """Measures taken about a deviation, as printed."""
    raw: dict[str, str] = Field(default_factory=dict)
    """The printed text of every numeric cell, keyed by field, for checking by eye."""
    location: Location = Field(default_factory=Location)
    """Where the row stands in the source."""


class Signatory(_Model):
    """The person who signed the report."""

    position: str | None = None
    """Position as printed."""
    name: str | None = None
    """Name as printed ("М.В. Дідківський")."""


class Finding(_Model):
    """A warning for a careful reader; never a reason to drop data."""

    code: str
    """Stable kebab-case code (percent-vs-amounts, table-not-found, ...; extractor/checks.py lists them)."""
    message: str
    """What to look at, in words."""
    path: str | None = None
    """Where in the report the warning points ("funding[12]", "indicators"); null for the whole report."""


class Coverage(_Model):
    """How many numbers of the recognised tables the report holds (since contract version 1.1).

    Every cell of the body of a recognised funding or indicator table that holds
    a number is either read (a row at that table row holds its printed text in
    a field and in ``raw``) or named in an ``unread-cell`` warning. Header rows,
    rows that number the columns, year headers and item numbers are not counted.
    The numbers of a line outside the tables that holds a table row (TAB-separated
    cells, two numbers or more) count too, unread, named in an ``unread-line``
    warning.
    """

    ratio: float = Field(ge=0, le=1)
    """Read numeric cells / all numeric cells of the recognised tables, floored to 4 decimals (1.0 only when none
    is unread); 0 when no table was recognised or the tables hold no number."""
    cells: int = Field(ge=0)
    """Numeric cells in the bodies of the recognised tables (numbers in ignored columns left out)."""
    read: int = Field(ge=0)
    """Of those, the cells whose numbers are in the report's fields."""
    ignored: int = Field(0, ge=0)
    """Numeric cells in columns the vocabulary knows as no output field (a deviation, a budget code); not counted."""
    tables: list[int] = Field(default_factory=list)
    """0-based indexes of the tables counted (as location.table)."""


class Report(_Model):
    """One parsed report: the whole output contract."""

    schema_version: Literal["1.1", "1"] = SCHEMA_VERSION
    """Version of this contract ("1.1"; "1" in reports written before 1.1); a backward-compatible addition
    raises the minor part."""
    source: Source
    """The input file: its name, format, SHA-256 and page count."""
    document: DocumentInfo = Field(default_factory=DocumentInfo)
    """What the document says it is: title, kind, annex."""
    program: Program = Field(default_factory=Program)
    """The target program: name, period, responsible executor."""
    decisions: list[Decision] = Field(default_factory=list)
    """Council decisions that approved or amended the program, in document order."""
    funding: list[FundingRow] = Field(default_factory=list)
    """The funding table's rows in document order: measures, subtotals and totals."""
    funding_unit: str | None = None
    """Money unit of every amount of the funding table: "тис. грн", "грн" or "млн грн"."""
    indicators: list[IndicatorRow] = Field(default_factory=list)
    """The performance indicators table's rows in document order."""
    signatory: Signatory | None = None
    """Who signed the report; null when no signature block was found."""
    warnings: list[Finding] = Field(default_factory=list)
    """What a careful reader should look at; data is never dropped for a warning."""
    coverage: Coverage | None = Field(
        default=None,
        exclude_if=lambda value: value is None,
        description="How many numbers of the recognised tables were read into fields (since 1.1); every report "
                    "extractor writes has it; absent in reports written before it existed and in reference answers",
    )

    def to_json(self, indent: int | None = 2) -> str:
        """The report as contract JSON (UTF-8 text, Ukrainian kept as is)."""
        import json

        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=indent)

    def rows(self, table: str = "funding") -> Iterator[dict[str, Any]]:
        """The rows of one flat table, as the CSV files hold them: dicts of column name to value.

        ``table`` is one of ``reports``, ``decisions``, ``funding``,
        ``breakdown``, ``indicators``, ``warnings`` (``extractor.writers.tables``
        describes the columns). Values are ``None``, ``str``, ``int``, exact
        ``Decimal`` amounts and ``datetime.date``; the ``report`` column is
        the source file name.
        """
        from .writers.tables import TABLES, build_tables

        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}; choose from {', '.join(TABLES)}")
        yield from build_tables([self])[table]

    def to_csv(self, folder: str | os.PathLike, *, excel: bool = False) -> dict[str, Path]:
        """Write every table as ``<table>.csv`` into ``folder`` (made if missing), with ``datapackage.json``.

        Returns table name -> path. ``excel`` adds a UTF-8 byte order mark
        for spreadsheet programs. Each file is written atomically.
        """
        from .writers.csv import EXCEL, PLAIN, write_tables_csv
        from .writers.datapackage import write_datapackage
        from .writers.tables import build_tables

        style = EXCEL if excel else PLAIN
        paths = write_tables_csv(build_tables([self]), Path(folder), style=style)
        write_datapackage(Path(folder), paths, style=style)
        return paths

    def to_xlsx(self, path: str | os.PathLike) -> Path:
        """Write every table as a sheet of one XLSX workbook at ``path`` (needs openpyxl: ``extractor-zvit[xlsx]``)."""
        from .writers.xlsx import write_report_xlsx

        return write_report_xlsx([self], Path(path))


def json_schema() -> dict:
    """The JSON Schema of the contract, as committed in schemas/report.schema.json."""
    schema = Report.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://github.com/extractor/extractor/schemas/report.schema.json"
    return schema
