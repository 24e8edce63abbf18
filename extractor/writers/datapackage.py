"""Frictionless Data Package descriptor (``datapackage.json``) for the CSV tables.

The descriptor lists each CSV written by ``writers.csv`` as a tabular data
resource with a Table Schema built from ``writers.tables``: field types,
descriptions (units included), enums, ``missingValues`` = empty cell, a
primary key (``report`` for the reports table, ``report`` + ``index`` for the
item tables) and a foreign key from every item table to the reports table.
``frictionless validate datapackage.json`` checks the CSVs against it.
The descriptor holds no timestamps, so the same tables give the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from .atomic import atomic_write_text
from .csv import CSV_SUFFIX, EXCEL, LINE_TERMINATOR, PLAIN, CsvStyle
from ..i18n import N_, _
from .tables import TABLE_DESCRIPTIONS, TABLE_KEYS, TABLE_TITLES, TABLES, Column

#: file name of the descriptor
DESCRIPTOR_NAME = "datapackage.json"
#: default package name (lower case, digits, "-", "_", ".")
DEFAULT_PACKAGE_NAME = "municipal-program-reports"
DEFAULT_TITLE = N_("Ukrainian municipal target-program reports: funding, indicators, decisions")



def field_descriptor(column: Column, decimal: str = ".") -> dict:
    """The Table Schema field of one column (number fields say their decimal mark when it is not a point)."""
    field: dict = {"name": column.name, "type": column.type, "description": column.description}
    if column.type == "number" and decimal != ".":
        field["decimalChar"] = decimal
    constraints: dict = {}
    if column.enum:
        constraints["enum"] = list(column.enum)
    if column.name in ("report", "index"):
        constraints["required"] = True
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema(name: str, decimal: str = ".") -> dict:
    """The Table Schema of one flat table, with its keys."""
    columns = TABLES[name]
    keys = TABLE_KEYS[name]
    schema: dict = {"fields": [field_descriptor(c, decimal) for c in columns], "missingValues": [""]}
    if keys.primary:
        schema["primaryKey"] = list(keys.primary)
    if keys.foreign:
        schema["foreignKeys"] = [
            {"fields": list(fields), "reference": {"resource": table, "fields": list(ref)}}
            for fields, table, ref in keys.foreign
        ]
    return schema


def datapackage_descriptor(
    paths: Mapping[str, Path | str],
    bom: bool = False,
    name: str = DEFAULT_PACKAGE_NAME,
    title: str = DEFAULT_TITLE,
    style: CsvStyle | None = None,
) -> dict:
    """The descriptor of the tables in ``paths`` (table name -> CSV path, relative to the descriptor)."""
    style = style or (EXCEL if bom else PLAIN)
    resources = []
    for table in TABLES:
        if table not in paths:
            continue
        resources.append(
            {
                "name": table,
                "path": Path(paths[table]).name if Path(paths[table]).is_absolute() else str(paths[table]),
                "profile": "tabular-data-resource",
                "title": _(TABLE_TITLES[table]),
                "description": _(TABLE_DESCRIPTIONS[table]),
                "format": CSV_SUFFIX.lstrip("."),
                "mediatype": "text/csv",
                "encoding": "utf-8-sig" if style.bom else "utf-8",
                "dialect": {"delimiter": style.delimiter, "lineTerminator": LINE_TERMINATOR, "quoteChar": '"', "header": True},
                "schema": table_schema(table, style.decimal),
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": name,
        "title": _(title),
        "description": (_("Produced by extractor from published reports. Amounts use a decimal point; "
                          "an empty cell means the report does not state the value.") if style.decimal == "."
                        else _("Produced by extractor from published reports. Amounts use a decimal comma; "
                               "an empty cell means the report does not state the value.")),
        "resources": resources,
    }


def write_datapackage(
    outdir: Path, paths: Mapping[str, Path | str], bom: bool = False, name: str = DEFAULT_PACKAGE_NAME,
    style: CsvStyle | None = None,
) -> Path:
    """Write ``OUTDIR/datapackage.json`` describing the CSVs in ``paths`` (which lie in ``outdir``)."""
    outdir = Path(outdir)
    relative = {t: Path(p).name for t, p in paths.items()}
    descriptor = datapackage_descriptor(relative, bom=bom, name=name, style=style)
    path = outdir / DESCRIPTOR_NAME
    atomic_write_text(path, json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n")
    return path
