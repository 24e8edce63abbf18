"""Where and how ``extractor parse`` writes one report.

``plan_output`` turns the command line's ``-o``, ``--format`` and
``--table`` into an ``OutputPlan`` (or a ``UsageError`` that says what to
give instead); ``write_report`` carries the plan out and returns one line per
file written, for stderr. The rules:

- the format is ``--format`` when given, else the output's extension
  (``.json``, ``.csv``, ``.xlsx``, ``.html``/``.htm``, ``.md``), else JSON;
  an extension that is none of these is refused rather than guessed (``-o
  zvit.pdf`` would overwrite a report);
- an output ending in ``/`` (or an existing folder) is a folder: CSV writes
  every table there (``funding.csv``, ``breakdown.csv``, … and
  ``datapackage.json``), the other formats write ``<input file name>.<ext>``
  (``zvit.pdf.json``, as ``batch`` names them);
- CSV into one file or onto stdout is one table: ``--table`` (into a file,
  ``funding`` when not given); on stdout without ``--table`` the user is asked
  for ``--table`` or ``-o``, since the report has several tables;
- XLSX is never written to stdout; a terminal gets no binary;
- an output that is the input file itself is refused.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .batch import UsageError
from .i18n import N_, _, ngettext
from .models import Report

#: output formats of ``parse``
FORMATS = ("json", "csv", "xlsx", "html", "md")
#: the format an output file's extension stands for
FORMAT_BY_SUFFIX = {
    ".json": "json",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".html": "html",
    ".htm": "html",
    ".md": "md",
    ".markdown": "md",
}
#: the extension of a file written into a folder
SUFFIX_BY_FORMAT = {"json": ".json", "csv": ".csv", "xlsx": ".xlsx", "html": ".html", "md": ".md"}
#: the table a CSV file gets when ``--table`` is not given
DEFAULT_TABLE = "funding"


@dataclass(frozen=True)
class OutputPlan:
    """What ``parse`` writes: the format, and a file, a folder or stdout (``target`` None)."""

    format: str
    target: Path | None = None
    folder: bool = False
    #: the one table of a CSV file or of CSV on stdout; None with a folder means every table
    table: str | None = None

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ValueError(f"unknown output format {self.format!r}")
        if self.folder and self.target is None:
            raise ValueError("a folder output needs a target")


def _names_a_folder(output: str) -> bool:
    return output.endswith(("/", os.sep)) or Path(output).is_dir()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _not_a_table(fmt: str) -> str:
    return _("chooses a CSV table; {format} holds the whole report").format(format=fmt.upper())


def plan_output(output: str | None, fmt: str | None, table: str | None, input_path: str | Path) -> OutputPlan:
    """The plan for ``-o output --format fmt --table table``; raises UsageError when it cannot be done."""
    from .writers.tables import TABLES

    if table is not None and table not in TABLES:
        raise UsageError("--table", _("no table named {table!r}; the tables are {tables}").format(
            table=table, tables=", ".join(TABLES)))
    if output is None or output == "-":
        fmt = fmt or "json"
        if fmt == "xlsx":
            raise UsageError(None, _("XLSX is a file, not text: give -o zvit.xlsx"))
        if fmt == "csv" and table is None:
            raise UsageError(None, _(
                "a report has several CSV tables: give -o FOLDER/ for all of them, -o FILE.csv for one "
                "({default} unless --table says which), or --table NAME to print one ({tables})"
            ).format(default=DEFAULT_TABLE, tables=", ".join(TABLES)))
        if table is not None and fmt != "csv":
            raise UsageError("--table", _not_a_table(fmt))
        return OutputPlan(format=fmt, table=table)
    if _names_a_folder(output):
        folder = Path(output)
        if folder.exists() and not folder.is_dir():
            raise UsageError(output, _("ends with '/' but is a file, not a folder"))
        fmt = fmt or "json"
        if table is not None and fmt != "csv":
            raise UsageError("--table", _not_a_table(fmt))
        return OutputPlan(format=fmt, target=folder, folder=True, table=table)
    path = Path(output)
    if fmt is None:
        suffix = path.suffix.lower()
        if suffix and suffix not in FORMAT_BY_SUFFIX:
            known = " ".join(sorted(FORMAT_BY_SUFFIX))
            raise UsageError(output, _("cannot tell the output format from '{suffix}' (known: {known}); give --format")
                             .format(suffix=path.suffix, known=known))
        fmt = FORMAT_BY_SUFFIX.get(suffix, "json")
    if _same_file(path, Path(input_path)):
        raise UsageError(output, _("is the input file; choose another output"))
    if table is not None and fmt != "csv":
        raise UsageError("--table", _not_a_table(fmt))
    return OutputPlan(format=fmt, target=path, table=(table or DEFAULT_TABLE) if fmt == "csv" else None)


# -- writing -----------------------------------------------------------------------------


def write_report(
    report: Report,
    plan: OutputPlan,
    input_path: str | Path,
    csv_style=None,
    stdout: TextIO | None = None,
    sources=None,
) -> list[str]:
    """Write the report as planned; return one line per file written ("the funding table (12 rows) to out/f.csv").

    ``sources`` (``writers.view.Sources``: the Document, PDF page images) is
    what the HTML view links numbers to; without it the view names locations in words.
    """
    from .writers.atomic import atomic_write_bytes
    from .writers.csv import PLAIN, csv_bytes, write_tables_csv
    from .writers.tables import TABLES, build_tables

    stdout = stdout or sys.stdout
    style = csv_style or PLAIN
    fmt = plan.format
    if fmt == "csv":
        tables = build_tables([report])
        if plan.target is None or not plan.folder:
            name = plan.table or DEFAULT_TABLE
            data = csv_bytes(TABLES[name], tables[name], style=style)
            if plan.target is None:
                stdout.write(data.decode("utf-8"))
                return []
            atomic_write_bytes(plan.target, data)
            return [_table_line(name, len(tables[name]), plan.target)]
        from .writers.datapackage import write_datapackage

        names = [plan.table] if plan.table else list(TABLES)
        paths = write_tables_csv(tables, plan.target, style=style, names=names)
        if plan.table is not None:
            return [_table_line(plan.table, len(tables[plan.table]), paths[plan.table])]
        descriptor = write_datapackage(plan.target, paths, style=style)
        counts = ", ".join(f"{p.name} {_rows(len(tables[n]))}" for n, p in paths.items())
        return [_("wrote {n} CSV tables and {descriptor} to {folder} ({counts})").format(
            n=len(paths), descriptor=descriptor.name, folder=f"{plan.target}{os.sep}", counts=counts)]
    if fmt == "xlsx":
        from .writers.xlsx import xlsx_bytes

        target = _file_in(plan, input_path)
        tables = build_tables([report])
        atomic_write_bytes(target, xlsx_bytes(tables))
        from .writers.xlsx import sheet_name

        return [_("wrote the workbook (sheets: {sheets}) to {path}").format(
            sheets=", ".join(sheet_name(t) for t in TABLES), path=target)]
    text = render_text(report, fmt, sources)
    if plan.target is None:
        stdout.write(text)
        return []
    target = _file_in(plan, input_path)
    atomic_write_bytes(target, text.encode("utf-8"))
    return [_(_WROTE[fmt]).format(path=target)]


_WROTE = {
    "json": N_("wrote the report JSON to {path}"),
    "html": N_("wrote the HTML view of the report to {path}"),
    "md": N_("wrote the Markdown view of the report to {path}"),
}


def _table_line(table: str, rows: int, path) -> str:
    return _("wrote the {table} table ({rows}) to {path}").format(table=table, rows=_rows(rows), path=path)


def render_text(report: Report, fmt: str, sources=None) -> str:
    """The whole report in a text format: the contract JSON, or a view for people (HTML, Markdown)."""
    if fmt == "json":
        return report.to_json() + "\n"
    if fmt == "html":
        from .writers.html import html_view

        return html_view(report, sources)
    if fmt == "md":
        from .writers.markdown import markdown_view

        return markdown_view(report)
    raise ValueError(f"{fmt} is not a whole-report text format")


def _file_in(plan: OutputPlan, input_path: str | Path) -> Path:
    """The file to write: the target, or ``<input file name>.<ext>`` inside a folder target."""
    assert plan.target is not None
    if plan.folder:
        return plan.target / f"{Path(input_path).name}{SUFFIX_BY_FORMAT[plan.format]}"
    return plan.target


def _rows(n: int) -> str:
    return ngettext("{n} row", "{n} rows", n).format(n=n)
