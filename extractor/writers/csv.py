"""CSV output: the flat tables of ``writers.tables`` as UTF-8 CSV files.

``write_report_csvs`` writes ``reports.csv``, ``decisions.csv``,
``funding.csv``, ``indicators.csv`` and ``warnings.csv`` into a folder, one
header line each and one line per item of all the given reports (and
``breakdown.csv``, the funding rows' parts by year or source). Numbers are
written with a decimal point and no thousands separator; ``null`` is an empty
cell; lines end with ``\\n``; a UTF-8 BOM is written only on request (for
spreadsheet programs that otherwise guess a legacy encoding). Each file is
written atomically, so an interrupted run never leaves a half-written CSV.

A ``CsvStyle`` says how: ``PLAIN`` (the default above), ``EXCEL`` (plus the
BOM) or ``EXCEL_LOCALE`` (``;`` between cells and a decimal comma, with the
BOM: what a spreadsheet program set to Ukrainian, or any comma-decimal
regional settings, opens into columns on a double click). Only number cells
take the decimal comma; the JSON text of ``breakdown`` and ``raw`` stays JSON.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..models import Report
from .atomic import atomic_write_bytes
from .tables import TABLES, Cell, Column, Row, build_tables, decimal_text

#: the UTF-8 byte order mark written with ``bom=True``
UTF8_BOM = b"\xef\xbb\xbf"
#: line terminator of every CSV line
LINE_TERMINATOR = "\n"
#: file suffix of the CSV files
CSV_SUFFIX = ".csv"


@dataclass(frozen=True)
class CsvStyle:
    """How CSV text is written: cell separator, decimal mark, byte order mark."""

    delimiter: str = ","
    decimal: str = "."
    bom: bool = False

    def __post_init__(self) -> None:
        if self.delimiter not in (",", ";", "\t"):
            raise ValueError(f"delimiter must be ',', ';' or a tab, got {self.delimiter!r}")
        if self.decimal not in (".", ","):
            raise ValueError(f"decimal must be '.' or ',', got {self.decimal!r}")
        if self.delimiter == self.decimal:
            raise ValueError("the decimal mark cannot be the cell separator")


#: comma-separated, decimal point, no BOM: for programs and scripts
PLAIN = CsvStyle()
#: the same with a UTF-8 BOM, so spreadsheet programs read the Ukrainian text as UTF-8
EXCEL = CsvStyle(bom=True)
#: semicolon-separated with a decimal comma and a BOM: a spreadsheet with Ukrainian regional settings
EXCEL_LOCALE = CsvStyle(delimiter=";", decimal=",", bom=True)


def format_cell(value: Cell, decimal: str = ".") -> str:
    """The CSV text of one cell: '' for null, a plain decimal for numbers (with ``decimal`` as the mark), ISO for dates."""
    if value is None:
        return ""
    if isinstance(value, bool):  # not expected, but never write Python's True
        return "true" if value else "false"
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, Decimal):
        text = decimal_text(value)
        return text.replace(".", decimal) if decimal != "." else text
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _style(bom: bool, style: CsvStyle | None) -> CsvStyle:
    """The style asked for; ``bom=True`` alone is the EXCEL style (the older way of asking)."""
    if style is not None:
        return style
    return EXCEL if bom else PLAIN


def csv_text(columns: Sequence[Column], rows: Sequence[Row], style: CsvStyle = PLAIN) -> str:
    """One table as CSV text: the header line, then one line per row."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=style.delimiter, lineterminator=LINE_TERMINATOR)
    writer.writerow([c.name for c in columns])
    for row in rows:
        writer.writerow([format_cell(row.get(c.name), style.decimal) for c in columns])
    return buf.getvalue()


def csv_bytes(
    columns: Sequence[Column], rows: Sequence[Row], bom: bool = False, style: CsvStyle | None = None
) -> bytes:
    """CSV text encoded as UTF-8, with a BOM only when the style (or ``bom``) asks for it."""
    style = _style(bom, style)
    data = csv_text(columns, rows, style).encode("utf-8")
    return UTF8_BOM + data if style.bom else data


def write_tables_csv(
    tables: dict[str, list[Row]], outdir: Path, bom: bool = False, style: CsvStyle | None = None,
    names: Sequence[str] | None = None,
) -> dict[str, Path]:
    """Write each flat table (or those in ``names``) as ``OUTDIR/<name>.csv``; return name -> path."""
    outdir = Path(outdir)
    paths: dict[str, Path] = {}
    for name, columns in TABLES.items():
        if names is not None and name not in names:
            continue
        path = outdir / f"{name}{CSV_SUFFIX}"
        atomic_write_bytes(path, csv_bytes(columns, tables.get(name, []), bom=bom, style=style))
        paths[name] = path
    return paths


def write_report_csvs(
    reports: Sequence[Report], outdir: Path, bom: bool = False, labels: Sequence[str] | None = None,
    style: CsvStyle | None = None,
) -> dict[str, Path]:
    """Write the CSV tables of the reports into ``outdir``; return table name -> path.

    ``labels`` gives the ``report`` column of each report (default: its source
    file name); a batch passes names that are unique across its inputs.
    """
    return write_tables_csv(build_tables(reports, labels), outdir, bom=bom, style=style)
