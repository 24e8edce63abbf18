"""CSV output: the flat tables of ``writers.tables`` as UTF-8 CSV files.

``write_report_csvs`` writes ``reports.csv``, ``decisions.csv``,
``funding.csv``, ``indicators.csv`` and ``warnings.csv`` into a folder, one
header line each and one line per item of all the given reports. Numbers are
written with a decimal point and no thousands separator; ``null`` is an empty
cell; lines end with ``\\n``; a UTF-8 BOM is written only on request (for
spreadsheet programs that otherwise guess a legacy encoding). Each file is
written atomically, so an interrupted run never leaves a half-written CSV.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
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


def format_cell(value: Cell) -> str:
    """The CSV text of one cell: '' for null, a plain decimal for numbers, ISO for dates."""
    if value is None:
        return ""
    if isinstance(value, bool):  # not expected, but never write Python's True
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, float):
        return decimal_text(Decimal(repr(value)))
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def csv_text(columns: Sequence[Column], rows: Sequence[Row]) -> str:
    """One table as CSV text: the header line, then one line per row."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator=LINE_TERMINATOR)
    writer.writerow([c.name for c in columns])
    for row in rows:
        writer.writerow([format_cell(row.get(c.name)) for c in columns])
    return buf.getvalue()


def csv_bytes(columns: Sequence[Column], rows: Sequence[Row], bom: bool = False) -> bytes:
    """CSV text encoded as UTF-8, with a BOM only when ``bom`` is true."""
    data = csv_text(columns, rows).encode("utf-8")
    return UTF8_BOM + data if bom else data


def write_tables_csv(tables: dict[str, list[Row]], outdir: Path, bom: bool = False) -> dict[str, Path]:
    """Write each flat table as ``OUTDIR/<name>.csv``; return name -> path."""
    outdir = Path(outdir)
    paths: dict[str, Path] = {}
    for name, columns in TABLES.items():
        path = outdir / f"{name}{CSV_SUFFIX}"
        atomic_write_bytes(path, csv_bytes(columns, tables.get(name, []), bom=bom))
        paths[name] = path
    return paths


def write_report_csvs(
    reports: Sequence[Report], outdir: Path, bom: bool = False, labels: Sequence[str] | None = None
) -> dict[str, Path]:
    """Write the CSV tables of the reports into ``outdir``; return table name -> path.

    ``labels`` gives the ``report`` column of each report (default: its source
    file name); a batch passes names that are unique across its inputs.
    """
    return write_tables_csv(build_tables(reports, labels), outdir, bom=bom)
