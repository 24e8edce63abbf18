"""XLSX output: the flat tables of ``writers.tables`` as sheets of one workbook.

One sheet per table (reports, decisions, funding, breakdown, indicators,
warnings), named in the current language (``Фінансування``), a bold frozen
header row of the field names with a filter, numbers as numeric cells and dates as
date cells, so a spreadsheet user can sum and sort without conversion.
Needs the optional dependency openpyxl (``pip install 'extractor-zvit[xlsx]'``).
The workbook is written atomically.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

from ..errors import ExtractorError
from ..models import Report
from .atomic import atomic_write_bytes
from ..i18n import _
from .tables import TABLE_TITLES, TABLES, Cell, Row, build_tables

#: Excel's limit on the characters of one cell
MAX_CELL_CHARS = 32767
#: widest column, in characters, when sizing columns to their content
MAX_COLUMN_WIDTH = 60
#: narrowest column, in characters
MIN_COLUMN_WIDTH = 6
#: Excel's limit on the characters of a sheet name
MAX_SHEET_NAME_CHARS = 31
#: what ends a cell cut at MAX_CELL_CHARS
TRUNCATION_MARK = "…"


def _openpyxl():
    try:
        import openpyxl
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ExtractorError(
            None, "XLSX output needs openpyxl: pip install 'extractor-zvit[xlsx]'"
        ) from exc
    return openpyxl


def xlsx_value(value: Cell) -> Cell | float:
    """The value of one sheet cell: numbers stay numbers, text loses characters XLSX cannot hold."""
    if value is None or isinstance(value, (int, date)):
        return value
    if isinstance(value, Decimal):
        return float(value)  # spreadsheets compute in binary floating point anyway
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - len(TRUNCATION_MARK)] + TRUNCATION_MARK
    return text


def sheet_name(table: str) -> str:
    """The sheet of a table, named in the current language ("Фінансування"); the columns keep the field names."""
    return _(TABLE_TITLES[table])[:MAX_SHEET_NAME_CHARS]


def xlsx_bytes(tables: dict[str, list[Row]]) -> bytes:
    """A workbook with one sheet per flat table, as XLSX bytes."""
    openpyxl = _openpyxl()
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    for name, columns in TABLES.items():
        ws = wb.create_sheet(title=sheet_name(name))
        ws.append([c.name for c in columns])
        for cell in ws[1]:
            cell.font = bold
        widths = [len(c.name) for c in columns]
        for row in tables.get(name, []):
            values = [xlsx_value(row.get(c.name)) for c in columns]
            ws.append(values)
            for i, v in enumerate(values):
                if v is not None:
                    widths[i] = max(widths[i], min(len(str(v)), MAX_COLUMN_WIDTH))
        for i, (column, width) in enumerate(zip(columns, widths), start=1):
            letter = get_column_letter(i)
            ws.column_dimensions[letter].width = max(MIN_COLUMN_WIDTH, width + 2)
            if column.type == "date":
                for cell in ws[letter][1:]:
                    cell.number_format = "yyyy-mm-dd"
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_tables_xlsx(tables: dict[str, list[Row]], path: Path) -> Path:
    """Write the flat tables as one XLSX workbook at ``path``."""
    path = Path(path)
    atomic_write_bytes(path, xlsx_bytes(tables))
    return path


def write_report_xlsx(reports: Sequence[Report], path: Path, labels: Sequence[str] | None = None) -> Path:
    """Write the reports' flat tables as one XLSX workbook at ``path``."""
    return write_tables_xlsx(build_tables(reports, labels), path)
