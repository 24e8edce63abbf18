"""The one-way pipeline: file -> Document -> Report (with checks)."""

from __future__ import annotations

import os

from .limits import DEFAULT_LIMITS, Limits
from .models import Format, Report, Source
from .readers import load, read_input


def parse_file(path: str | os.PathLike, limits: Limits = DEFAULT_LIMITS) -> Report:
    inp = load(path, limits)
    doc = read_input(inp, limits)
    source = Source(
        file=inp.path.name,
        format=Format(inp.format),
        sha256=inp.sha256,
        pages=doc.pages if inp.format == "pdf" else None,
    )
    from .extract import build_report

    return build_report(doc, source)
