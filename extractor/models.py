"""The output contract (version 1.1) as pydantic models.

These models are the single source of truth for the JSON that extractor emits;
``schemas/report.schema.json`` is generated from them. Amounts are exact
``Decimal`` values inside the program and plain JSON numbers outside.
"""

from __future__ import annotations

from datetime import date as Date
from decimal import Decimal
from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, WithJsonSchema

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
    model_config = ConfigDict(extra="forbid", use_enum_values=False)


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
    """final = заключний звіт; annual = звіт за рік; interim = за період / станом на дату."""

    final = "final"
    annual = "annual"
    interim = "interim"


class FundingKind(str, Enum):
    """A measure row, or a printed subtotal/total row ("Разом", "Усього")."""

    measure = "measure"
    subtotal = "subtotal"
    total = "total"


class IndicatorGroup(str, Enum):
    """Indicator groups: показники затрат, продукту, ефективності, якості."""

    cost = "cost"
    product = "product"
    efficiency = "efficiency"
    quality = "quality"


class Source(_Model):
    """The input file the report came from."""

    file: str
    format: Format | None = None
    sha256: str | None = None
    pages: int | None = None


class DocumentInfo(_Model):
    title: str | None = None
    kind: DocumentKind | None = None
    annex: str | None = None


class Period(_Model):
    start: int
    end: int


class Program(_Model):
    name: str | None = None
    period: Period | None = None
    responsible_executor: str | None = None


class Decision(_Model):
    """A council decision that approved or amended the program."""

    date: Date | None = None
    number: str | None = None
    text: str


class Location(_Model):
    """Where a row stands in the source: 1-based PDF page, 0-based table and row; for a spreadsheet also
    the sheet's name and the row number the spreadsheet program shows; for a PDF also the row's box and
    each value's cell box on the page (since 1.1)."""

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
                    "no cell or in several cells of the row has none (its row's box shows it); empty in other "
                    "formats (since 1.1)")


class Breakdown(_Model):
    """One year's or one funding source's share of a funding row."""

    year: int | None = None
    funding_source: str | None = None
    planned: Amount | None = None
    actual: Amount | None = None


class FundingRow(_Model):
    kind: FundingKind = FundingKind.measure
    task_number: str | None = None
    task: str | None = None
    number: str | None = None
    measure: str | None = None
    object: str | None = None
    term: str | None = None
    years: list[int] = Field(default_factory=list)
    executor: str | None = None
    planned: Amount | None = None
    actual: Amount | None = None
    percent: Amount | None = None
    breakdown: list[Breakdown] = Field(default_factory=list)
    raw: dict[str, str] = Field(default_factory=dict)
    location: Location = Field(default_factory=Location)


class IndicatorRow(_Model):
    group: IndicatorGroup | None = None
    group_title: str | None = None
    number: str | None = None
    name: str | None = None
    unit: str | None = None
    planned: Amount | None = None
    actual: Amount | None = None
    reason: str | None = None
    remedy: str | None = None
    raw: dict[str, str] = Field(default_factory=dict)
    location: Location = Field(default_factory=Location)


class Signatory(_Model):
    position: str | None = None
    name: str | None = None


class Finding(_Model):
    """A warning for a careful reader; never a reason to drop data."""

    code: str
    message: str
    path: str | None = None


class Report(_Model):
    """One parsed report: the whole output contract."""

    schema_version: Literal["1.1", "1"] = SCHEMA_VERSION
    source: Source
    document: DocumentInfo = Field(default_factory=DocumentInfo)
    program: Program = Field(default_factory=Program)
    decisions: list[Decision] = Field(default_factory=list)
    funding: list[FundingRow] = Field(default_factory=list)
    funding_unit: str | None = None
    indicators: list[IndicatorRow] = Field(default_factory=list)
    signatory: Signatory | None = None
    warnings: list[Finding] = Field(default_factory=list)

    def to_json(self, indent: int | None = 2) -> str:
        """The report as contract JSON (UTF-8 text, Ukrainian kept as is)."""
        import json

        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=indent)


def json_schema() -> dict:
    """The JSON Schema of the contract, as committed in schemas/report.schema.json."""
    schema = Report.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://github.com/extractor/extractor/schemas/report.schema.json"
    return schema
