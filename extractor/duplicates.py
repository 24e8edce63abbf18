"""Duplicates among a batch's inputs: the same report read from different files.

Cities often publish one report twice (a DOCX and its PDF, or a PDF and a
scan of the printout). Two parsed reports are the same report when their
title, program name, program period and every funding and indicator row
agree. Texts are compared without case, spaces and punctuation (a PDF may
hyphenate a word at a line break where the DOCX does not); numbers exactly.
A report with no rows is never taken for a duplicate of another.

Of each group one report is kept for the consolidated tables: the one whose
reading is exact. DOCX (and the formats converted to it) is read from the
document's structure, a PDF from its page layout, a text file from plain
text, a scan by OCR; within one kind, the report with fewer warnings, then
the first by key. Files with the same bytes never get this far: a batch
parses them once (``batch.plan``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

import regex

from . import problems

if TYPE_CHECKING:
    from .models import Report

#: how exactly each format is read: lower is preferred
FORMAT_RANK: dict[str, int] = {
    "docx": 0, "odt": 1, "doc": 1, "rtf": 1, "xlsx": 1, "xls": 1, "html": 2, "pdf": 3, "txt": 4,
}
#: the rank of a report read (at least partly) from page images
SCAN_RANK = 5
#: rank of a format not listed above
UNKNOWN_RANK = 4
#: report warning codes that show page images were read (or could not be)
SCAN_CODES = frozenset({problems.SCANNED_PAGE.code})
SCAN_CODE_PREFIX = "ocr"
#: how each kind of input is read, for the manifest's reason
HOW_READ: dict[str, str] = {
    "docx": "read from the document's structure",
    "odt": "converted to DOCX and read from its structure",
    "doc": "converted to DOCX and read from its structure",
    "rtf": "converted to DOCX and read from its structure",
    "xlsx": "read from the workbook's cells",
    "xls": "converted and read from the workbook's cells",
    "html": "read from the page's markup",
    "pdf": "read from its page layout",
    "txt": "read from plain text",
    "scan": "read by OCR from page images",
}

_NOT_WORD = regex.compile(r"[^\p{L}\p{N}]+")


def _text(value: str | None) -> str:
    return _NOT_WORD.sub("", value.casefold()) if value else ""


def _number(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


def fingerprint(report: Report) -> str | None:
    """A digest of what makes two reports the same report; None for a report with no rows."""
    if not report.funding and not report.indicators:
        return None
    period = report.program.period
    data = {
        "title": _text(report.document.title),
        "program": _text(report.program.name),
        "period": [period.start, period.end] if period else None,
        "funding": [
            [r.kind.value, _text(r.number), _text(r.measure), _text(r.object),
             _number(r.planned), _number(r.actual), _number(r.percent)]
            for r in report.funding
        ],
        "indicators": [
            [r.group.value if r.group else None, _text(r.number), _text(r.name), _number(r.planned), _number(r.actual)]
            for r in report.indicators
        ],
    }
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def kind(report: Report) -> str:
    """How the report was read: its format, or ``scan`` when page images were read."""
    if any(w.code in SCAN_CODES or w.code.startswith(SCAN_CODE_PREFIX) for w in report.warnings):
        return "scan"
    return report.source.format.value if report.source.format else "unknown"


def rank(report: Report) -> int:
    k = kind(report)
    return SCAN_RANK if k == "scan" else FORMAT_RANK.get(k, UNKNOWN_RANK)


def pick(reports: Sequence[Report]) -> int:
    """The index of the report to keep among reports of one group (given in key order)."""
    return min(range(len(reports)), key=lambda i: (rank(reports[i]), len(reports[i].warnings), i))


def reason(kept: Report, kept_path: str, other: Report) -> str:
    """Why ``kept`` (at ``kept_path``) is counted instead of ``other``: one line for the manifest."""
    k, o = kind(kept), kind(other)
    why = f"the {k.upper()} is {HOW_READ.get(k, 'read')}"
    if k == o:
        why = (f"both are {k.upper()}; the one kept has fewer warnings" if len(kept.warnings) < len(other.warnings)
               else f"both are {k.upper()}; the one kept comes first")
    elif rank(kept) < rank(other):
        why += f", this {o.upper()} is {HOW_READ.get(o, 'read')}"
    return f"same title, program, period and rows as {kept_path}, which is counted ({why})"


def groups(reports: Sequence[Report | None]) -> list[list[int]]:
    """Indexes of reports that are the same report, groups of two or more, each in the given order."""
    by_print: dict[str, list[int]] = {}
    for i, report in enumerate(reports):
        digest = fingerprint(report) if report is not None else None
        if digest is not None:
            by_print.setdefault(digest, []).append(i)
    return [g for g in by_print.values() if len(g) > 1]
