"""One status per input file, the same in batch, check, the manifest, JUnit and the progress line.

Every input gets exactly one of:

- ``ok``: parsed, no warning;
- ``warning``: parsed, with warnings (data kept; ``check --strict`` fails it);
- ``no-tables``: read, but the funding or the indicator table was not found
  (a ``table-not-found`` warning), or the report holds no funding and no
  indicator row at all: a text that is not a program report, or a layout
  the vocabulary does not know yet. Its JSON and any rows it has are still
  written; ``check`` fails it and ``batch`` counts it apart;
- ``failed``: no report: the file is unreadable, corrupt, encrypted, over a
  limit, timed out, or extractor failed on it (``internal-error``);
- ``skipped``: not a format extractor reads (an image, an archive, a
  presentation, a JSON file). A file whose *name* promises a format
  extractor reads (``readers.REPORT_SUFFIXES``: ``.pdf``, ``.docx``, ...)
  but whose bytes are none is broken, not foreign: it is ``failed``.

A parsed report may also fall short of a minimum coverage (``check
--min-coverage``): ``coverage_problem`` says so; its status stays what it is
and ``check`` fails it by that error.

The status of a parsed report and of an error are decided here and nowhere
else; the worker computes it (``runner.convert``) and every command shows
what it computed.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from . import problems
from .i18n import N_, NC_, _, ngettext, pgettext

if TYPE_CHECKING:
    from .models import Report


class Status(str, Enum):
    """What became of one input file."""

    OK = "ok"
    WARNING = "warning"
    NO_TABLES = "no-tables"
    FAILED = "failed"
    SKIPPED = "skipped"

    def __str__(self) -> str:
        return self.value


#: statuses of an input that has a report (its JSON is written)
PARSED = frozenset({Status.OK, Status.WARNING, Status.NO_TABLES})
#: statuses that make ``check`` fail (``--strict`` adds WARNING)
FAILS_CHECK = frozenset({Status.NO_TABLES, Status.FAILED})
#: the words of each status in summary lines, in the order they are listed
SUMMARY_WORDS: dict[Status, str] = {
    Status.OK: N_("ok"),
    Status.WARNING: N_("with warnings"),
    Status.NO_TABLES: N_("without report tables"),
    Status.FAILED: N_("failed"),
    Status.SKIPPED: N_("skipped"),
}

#: the word of each status in a progress or check line (in English the code itself)
STATUS_WORDS: dict[Status, tuple[str, str]] = {
    Status.OK: NC_("status", "ok"),
    Status.WARNING: NC_("status", "warning"),
    Status.NO_TABLES: NC_("status", "no-tables"),
    Status.FAILED: NC_("status", "failed"),
    Status.SKIPPED: NC_("status", "skipped"),
}

#: the report warning that names a missing funding or indicator table
TABLE_NOT_FOUND = problems.TABLE_NOT_FOUND.code
#: the code of the finding for a report with no funding and no indicator rows
NO_DATA_CODE = problems.NO_DATA.code
#: the code of a report whose coverage is below the one asked for (``check --min-coverage``)
LOW_COVERAGE = problems.LOW_COVERAGE.code
#: the error code of a file that is not a format extractor reads
UNSUPPORTED_FORMAT = problems.UNSUPPORTED_FORMAT.code
#: suffixes of files that are never reports, skipped unread (JSON: extractor's own output)
NEVER_REPORT_SUFFIXES = (".json",)


def table_problems(report: Report) -> list[tuple[str, str, str | None]]:
    """Why a report counts as ``no-tables``: (code, message, path) of each missing table; empty when it has them."""
    found = [(w.code, w.message, w.path) for w in report.warnings if w.code == TABLE_NOT_FOUND]
    if not found and not report.funding and not report.indicators:
        found.append((NO_DATA_CODE, problems.NO_DATA.message(), None))
    return found


def coverage_problem(report: Report, min_coverage: float | None) -> tuple[str, str, str | None] | None:
    """(code, message, path) when the report's coverage is below ``min_coverage``; None when it is not, or
    when no minimum is asked. A report without a coverage (written before it existed) is below any minimum."""
    if min_coverage is None:
        return None
    ratio = report.coverage.ratio if report.coverage is not None else None
    if ratio is not None and ratio >= min_coverage:
        return None
    if ratio is None:
        what = _("the report has no coverage (it was written before coverage existed)")
        return LOW_COVERAGE, problems.LOW_COVERAGE.message(ratio="-", minimum=min_coverage, what=what), None
    cov = report.coverage
    what = _("{read} of {cells} numbers of the recognised tables are read into fields").format(read=cov.read,
                                                                                              cells=cov.cells)
    return LOW_COVERAGE, problems.LOW_COVERAGE.message(ratio=f"{ratio:.4f}", minimum=min_coverage, what=what), None


def report_status(report: Report) -> Status:
    """The status of a parsed report."""
    if table_problems(report):
        return Status.NO_TABLES
    return Status.WARNING if report.warnings else Status.OK


def _readable_suffixes() -> frozenset[str]:
    from .readers import REPORT_SUFFIXES

    return frozenset(REPORT_SUFFIXES)


def error_status(code: str | None, path: str | Path) -> Status:
    """The status of an input that gave no report: ``skipped`` for a foreign format, else ``failed``."""
    if code == UNSUPPORTED_FORMAT and Path(path).suffix.lower() not in _readable_suffixes():
        return Status.SKIPPED
    return Status.FAILED


def never_a_report(path: str | Path) -> bool:
    """Whether the file is skipped unread, by its name (a ``.json`` file, e.g. an earlier output)."""
    return Path(path).suffix.lower() in NEVER_REPORT_SUFFIXES


def counts(statuses: Iterable[Status | str]) -> dict[Status, int]:
    """How many inputs have each status (every status listed, zeros included)."""
    out = {s: 0 for s in Status}
    for s in statuses:
        out[Status(s)] += 1
    return out


def status_word(status: Status | str) -> str:
    """The status as people read it in a progress or check line, in the current language (``ok`` ->
    ``успішно``); files (manifest, JSON, JUnit) keep the code itself."""
    return pgettext(*STATUS_WORDS[Status(status)])


#: what a finding is, as people read it in a check line (files keep ``error``/``warning``/``notice``)
SEVERITY_WORDS: dict[str, tuple[str, str]] = {
    "error": NC_("severity", "error"), "warning": NC_("severity", "warning"), "notice": NC_("severity", "notice")}


def severity_word(severity: str) -> str:
    """``error``/``warning``/``notice`` in the current language; an unknown word is shown as it is."""
    return pgettext(*SEVERITY_WORDS[severity]) if severity in SEVERITY_WORDS else severity


def summary(statuses: Iterable[Status | str]) -> str:
    """``5 files: 2 ok, 1 with warnings, 1 without report tables, 1 failed, 0 skipped``: the same words everywhere,
    in the current language."""
    n = counts(statuses)
    total = sum(n.values())
    parts = ", ".join(f"{n[s]} {_(SUMMARY_WORDS[s])}" for s in Status)
    return ngettext("{n} file: {parts}", "{n} files: {parts}", total).format(n=total, parts=parts)
