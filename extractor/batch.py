"""Batch conversion: many report files into one output folder.

``run_batch(inputs, outdir, options)`` parses each input (in parallel worker
processes, or on a dask cluster) and writes:

- ``OUTDIR/reports/<name>.json``: the contract JSON of each report that
  parsed, ``<name>`` being the input's file name with its extension
  (``zvit.docx.json``, ``zvit.pdf.json``); two inputs with the same file name
  from different folders get a short hash of their path before the extension
  (``zvit.1a2b3c4d.docx.json``);
- ``reports.csv``, ``decisions.csv``, ``funding.csv``, ``indicators.csv``,
  ``warnings.csv``: the rows of all reports, first column ``report`` = that
  name without ``.json``;
- ``reports.xlsx``: the same tables as sheets (when openpyxl is installed);
- ``datapackage.json``: a Frictionless Data Package describing the CSVs;
- ``manifest.csv``: one line per input (see ``MANIFEST_COLUMNS``).

Every file is written atomically. The consolidated files are rebuilt at the
end from the per-report JSONs of this batch's inputs, in input path order, so
they are byte-identical whatever the job count or the completion order, and
``--resume`` (skip inputs whose JSON holds the same sha256) gives the same
result as an uninterrupted run.
"""

from __future__ import annotations

import csv
import glob
import hashlib
import io
import json
import os
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ExtractorError
from .limits import DEFAULT_LIMITS, DEFAULT_TIMEOUT_SECONDS, Limits
from .models import Report
from .progress import Progress
from .runner import (
    INTERNAL_ERROR_CODE,
    STATUS_ERROR,
    STATUS_OK,
    STATUS_WARNING,
    Outcome,
    Work,
    convert,
    run_dask,
    run_local,
)
from .writers.atomic import atomic_write_bytes, atomic_write_text
from .writers.csv import UTF8_BOM, csv_bytes, format_cell, write_tables_csv
from .writers.datapackage import DESCRIPTOR_NAME, write_datapackage
from .writers.tables import TABLES, build_tables

#: file suffixes taken from folders (case-insensitive)
INPUT_SUFFIXES = (".docx", ".pdf", ".txt")
#: name prefixes of files never taken from folders (hidden files, Word lock files)
SKIPPED_PREFIXES = (".", "~$")
#: folder of the per-report JSON files inside OUTDIR
REPORTS_DIR = "reports"
REPORT_JSON_SUFFIX = ".json"
MANIFEST_NAME = "manifest.csv"
XLSX_NAME = "reports.xlsx"
#: hex digits of the path hash that tells apart inputs with the same file name
NAME_HASH_DIGITS = 8
#: status of an input skipped by --resume is the status of its earlier result
MANIFEST_COLUMNS = (
    "path",  # the input as found (argument, or file under a folder argument)
    "report",  # name in the report column of the CSVs; empty when the input failed
    "sha256",  # of the input bytes; empty when unreadable
    "format",  # sniffed format: docx, pdf, txt; empty when unknown
    "status",  # ok, warning (parsed, with warnings) or error (no report)
    "decisions",
    "funding",
    "indicators",
    "warnings",
    "error_code",  # ExtractorError code (corrupt-file, timeout, ...), crash, contract-invalid
    "error",  # the one-line error message
    "seconds",  # time spent on the input; empty when skipped by --resume
    "resumed",  # "true" when --resume took an earlier result
)


class UsageError(ExtractorError):
    """The command line names no usable input."""

    code = "usage"


@dataclass
class BatchOptions:
    """How to run a batch; the defaults are the command line's."""

    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    timeout: float | None = DEFAULT_TIMEOUT_SECONDS
    limits: Limits = DEFAULT_LIMITS
    bom: bool = False
    resume: bool = False
    dask: object | None = None  # scheduler address or distributed.Client
    xlsx: bool = True


@dataclass
class ManifestEntry:
    """One line of the manifest."""

    path: str
    name: str
    sha256: str | None = None
    format: str | None = None
    status: str = STATUS_ERROR
    decisions: int | None = None
    funding: int | None = None
    indicators: int | None = None
    warnings: int | None = None
    error_code: str | None = None
    error: str | None = None
    seconds: float | None = None
    resumed: bool = False

    @property
    def failed(self) -> bool:
        return self.status == STATUS_ERROR

    def row(self) -> list[str]:
        values = {
            "path": self.path,
            "report": "" if self.failed else self.name,
            "sha256": self.sha256,
            "format": self.format,
            "status": self.status,
            "decisions": self.decisions,
            "funding": self.funding,
            "indicators": self.indicators,
            "warnings": self.warnings,
            "error_code": self.error_code,
            "error": self.error,
            "seconds": None if self.seconds is None else f"{self.seconds:.2f}",
            "resumed": "true" if self.resumed else "false",
        }
        return [format_cell(values[c]) for c in MANIFEST_COLUMNS]


@dataclass
class BatchResult:
    """The manifest entries (in input order) and the files written."""

    entries: list[ManifestEntry]
    outputs: dict[str, Path]
    #: one line per consolidated output that could not be written
    problems: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return sum(e.failed for e in self.entries)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed or self.problems else 0


# -- inputs ------------------------------------------------------------------------------


def _taken_from_folder(path: Path) -> bool:
    return path.suffix.lower() in INPUT_SUFFIXES and not path.name.startswith(SKIPPED_PREFIXES)


def _walk(folder: Path) -> list[Path]:
    """Report files under a folder, recursively, hidden files and folders skipped."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            p = Path(root) / name
            if _taken_from_folder(p) and p.is_file():
                found.append(p)
    return found


def expand_inputs(args: Sequence[str], stdin: Iterable[str] | None = None) -> list[Path]:
    """The input files named by the arguments, deduplicated and sorted by path.

    An argument is a file (taken whatever its name), a folder (searched
    recursively for .docx, .pdf and .txt), a glob pattern (``reports/**/*.pdf``)
    or ``-`` (more arguments, one per line, from ``stdin``).
    Raises UsageError for an argument that names nothing.
    """
    found: list[Path] = []
    queue = list(args)
    while queue:
        arg = queue.pop(0)
        if arg == "-":
            if stdin is None:
                raise UsageError(None, "'-' given but no standard input to read paths from")
            queue[:0] = [line.strip() for line in stdin if line.strip() and line.strip() != "-"]
            stdin = None
            continue
        p = Path(arg)
        if p.is_dir():
            found.extend(_walk(p))
        elif p.exists():
            found.append(p)
        elif glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                raise UsageError(arg, "no file matches this pattern")
            for m in map(Path, matches):
                if m.is_dir():
                    found.extend(_walk(m))
                elif _taken_from_folder(m):
                    found.append(m)
        else:
            raise UsageError(arg, "no such file or folder")
    unique: dict[str, Path] = {}
    for p in found:
        unique.setdefault(os.path.realpath(p), p)
    return sorted(unique.values(), key=lambda p: p.as_posix())


def output_names(paths: Sequence[Path]) -> list[str]:
    """A unique, deterministic report name per input: its file name, plus a path hash on a clash.

    Names are compared case-insensitively, since outputs may land on a
    case-insensitive filesystem.
    """
    by_name: dict[str, list[int]] = {}
    for i, p in enumerate(paths):
        by_name.setdefault(p.name.casefold(), []).append(i)
    names = [p.name for p in paths]
    for indexes in by_name.values():
        if len(indexes) < 2:
            continue
        for i in indexes:
            p = paths[i]
            digest = hashlib.sha1(p.as_posix().encode("utf-8")).hexdigest()
            stem, suffix = (p.name[: -len(p.suffix)], p.suffix) if p.suffix else (p.name, "")
            names[i] = f"{stem}.{digest[:NAME_HASH_DIGITS]}{suffix}"
    return names


def file_sha256(path: Path) -> str | None:
    """Hex SHA-256 of a file's bytes, read in chunks; None when it cannot be read or is not a regular file.

    A named pipe would block the batch on open, a device like /dev/zero never ends.
    """
    h = hashlib.sha256()
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


# -- outputs -----------------------------------------------------------------------------


def report_json_path(outdir: Path, name: str) -> Path:
    return Path(outdir) / REPORTS_DIR / f"{name}{REPORT_JSON_SUFFIX}"


def _load_report(path: Path) -> Report | None:
    try:
        return Report.model_validate(json.loads(path.read_text("utf-8")))
    except (OSError, ValueError):
        return None


def _counts(entry: ManifestEntry, report: Report) -> None:
    entry.decisions = len(report.decisions)
    entry.funding = len(report.funding)
    entry.indicators = len(report.indicators)
    entry.warnings = len(report.warnings)
    entry.status = STATUS_WARNING if report.warnings else STATUS_OK
    entry.format = report.source.format.value if report.source.format else entry.format


def manifest_bytes(entries: Sequence[ManifestEntry], bom: bool = False) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(MANIFEST_COLUMNS)
    for e in entries:
        writer.writerow(e.row())
    data = buf.getvalue().encode("utf-8")
    return UTF8_BOM + data if bom else data


def write_consolidated(
    outdir: Path, entries: Sequence[ManifestEntry], bom: bool = False, xlsx: bool = True
) -> tuple[dict[str, Path], list[str]]:
    """Rebuild the tables, workbook, data package and manifest from the per-report JSONs.

    Each report is taken into the tables on its own: one whose JSON is
    missing or whose rows cannot be written becomes that input's error and
    the others are written. Each output is written on its own too: the
    one-line problems of those that could not be written are returned beside
    the paths of those that were. The manifest is written last, with every
    status final; when even it cannot be written, the error is raised.
    """
    outdir = Path(outdir)
    tables: dict[str, list] = {name: [] for name in TABLES}
    for e in entries:
        if e.failed:
            continue
        report = _load_report(report_json_path(outdir, e.name))
        if report is None:  # vanished or damaged since: record it, do not guess
            e.status, e.error_code = STATUS_ERROR, "output-missing"
            e.error = f"{report_json_path(outdir, e.name)}: report JSON missing or unreadable"
            continue
        try:
            part = build_tables([report], [e.name])
            for name, columns in TABLES.items():
                csv_bytes(columns, part[name])  # a text the CSV cannot hold fails here, for this report alone
        except Exception as exc:
            _fail_internally(outdir, e, "adding it to the consolidated tables", exc)
            continue
        for name in TABLES:
            tables[name].extend(part[name])
    outputs: dict[str, Path] = {}
    problems: list[str] = []

    def attempt(what: Path, write: Callable[[], None]) -> None:
        try:
            write()
        except Exception as exc:
            detail = " ".join(f"{type(exc).__name__}: {exc}".split())
            problems.append(str(ExtractorError(what, f"not written ({detail})")))

    attempt(outdir, lambda: outputs.update(write_tables_csv(tables, outdir, bom=bom)))
    if xlsx:
        def workbook() -> None:
            from .writers.xlsx import write_tables_xlsx

            try:
                outputs["xlsx"] = write_tables_xlsx(tables, outdir / XLSX_NAME)
            except ExtractorError:
                pass  # openpyxl missing: the caller says so

        attempt(outdir / XLSX_NAME, workbook)
    csvs = {k: v for k, v in outputs.items() if k != "xlsx"}
    if csvs:
        attempt(outdir / DESCRIPTOR_NAME, lambda: outputs.update(datapackage=write_datapackage(outdir, csvs, bom=bom)))
    manifest = outdir / MANIFEST_NAME
    try:
        atomic_write_bytes(manifest, manifest_bytes(entries, bom=bom))
    except OSError as exc:
        raise ExtractorError(manifest, f"cannot write the manifest ({exc.strerror or exc})") from exc
    outputs["manifest"] = manifest
    return outputs, problems


def xlsx_available() -> bool:
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        return False
    return True


# -- the batch ---------------------------------------------------------------------------


def _resumable(outdir: Path, entry: ManifestEntry) -> Report | None:
    """The earlier report of this input when its JSON holds the same sha256."""
    if entry.sha256 is None:
        return None
    path = report_json_path(outdir, entry.name)
    if not path.exists():
        return None
    report = _load_report(path)
    if report is None or report.source.sha256 != entry.sha256:
        return None
    return report


def run_batch(
    inputs: Sequence[Path],
    outdir: Path,
    options: BatchOptions | None = None,
    progress: Progress | None = None,
    work: Work = convert,
    on_entry: Callable[[ManifestEntry], None] | None = None,
) -> BatchResult:
    """Convert the inputs into ``outdir``; see the module docstring for what is written.

    ``work`` is the per-file function run in the local workers (a test hook);
    ``on_entry`` is called with each entry as its input finishes.
    """
    options = options or BatchOptions()
    outdir = Path(outdir)
    paths = sorted(dict.fromkeys(Path(p) for p in inputs), key=lambda p: p.as_posix())
    names = output_names(paths)
    entries = [ManifestEntry(path=str(p), name=n, sha256=file_sha256(p)) for p, n in zip(paths, names)]
    by_path = {e.path: e for e in entries}
    progress = progress or Progress(len(entries), silent=True)

    todo: list[ManifestEntry] = []
    for e in entries:
        earlier = _resumable(outdir, e) if options.resume else None
        if earlier is None:
            todo.append(e)
            continue
        _counts(e, earlier)
        e.resumed = True
        progress.advance("skipped", e.path)
    if options.resume and len(todo) < len(entries):
        progress.note(f"resume: {len(entries) - len(todo)} of {len(entries)} inputs already converted")

    if options.dask is not None:
        outcomes = run_dask([e.path for e in todo], options.dask, options.timeout, options.limits)
    else:
        outcomes = run_local([e.path for e in todo], options.jobs, options.timeout, options.limits, work)
    waiting = {e.path: e for e in todo}
    try:
        for outcome in outcomes:
            entry = waiting.pop(outcome.path, None)
            if entry is None:  # not an input of this batch, or given twice: nothing to record
                continue
            _handle(outdir, entry, outcome, progress, on_entry)
    except Exception as exc:  # the runner itself failed: the inputs it did not finish are recorded as such
        for entry in waiting.values():
            _fail_internally(outdir, entry, "running the batch", exc)
            _show(progress, entry)
        waiting.clear()
    finally:
        close = getattr(outcomes, "close", None)
        if close:
            close()
        progress.close()
    for entry in waiting.values():  # the runner ended without a result for them
        _fail_internally(outdir, entry, "running the batch", RuntimeError("no result came back from the worker"))
    outputs, problems = write_consolidated(outdir, entries, bom=options.bom, xlsx=options.xlsx)
    return BatchResult(entries=entries, outputs=outputs, problems=problems)


def _handle(
    outdir: Path,
    entry: ManifestEntry,
    outcome: Outcome,
    progress: Progress,
    on_entry: Callable[[ManifestEntry], None] | None,
) -> None:
    """Record one input's outcome, show its progress line, call the hook: whatever fails is this input's error.

    A failure here is ours, not the file's (a report text the JSON encoder
    refuses, a full disk, a bug): the input becomes an ``internal-error``
    line of the manifest, its report JSON is removed, and the batch goes on.
    Ctrl-C (KeyboardInterrupt) is not caught.
    """
    stage = "recording its result"
    try:
        _record(outdir, entry, outcome)
        stage = "showing its progress line"
        progress.advance(entry.status, entry.path, entry.seconds, entry.error)
        stage = "reporting it to the caller"
        if on_entry:
            on_entry(entry)
    except Exception as exc:
        _fail_internally(outdir, entry, stage, exc)
        if stage == "recording its result":
            _show(progress, entry)


def _show(progress: Progress, entry: ManifestEntry) -> None:
    """The progress line of an input that failed on our side; a failure to show it changes nothing more."""
    try:
        progress.advance(entry.status, entry.path, entry.seconds, entry.error)
    except Exception:
        pass


def _fail_internally(outdir: Path, entry: ManifestEntry, stage: str, exc: BaseException) -> None:
    """Make ``entry`` an internal error raised while ``stage``; remove any report JSON written for it."""
    detail = " ".join(f"{type(exc).__name__}: {exc}".split())
    entry.status = STATUS_ERROR
    entry.error_code = INTERNAL_ERROR_CODE
    entry.error = str(ExtractorError(entry.path, f"internal error while {stage} ({detail})"))
    entry.decisions = entry.funding = entry.indicators = entry.warnings = None
    try:
        report_json_path(outdir, entry.name).unlink(missing_ok=True)
    except OSError:
        pass


def _record(outdir: Path, entry: ManifestEntry, outcome: Outcome) -> None:
    """Write a parsed report's JSON, or drop a stale one of a failed input; fill the entry."""
    entry.seconds = outcome.seconds
    entry.format = outcome.format
    target = report_json_path(outdir, entry.name)
    if outcome.status == STATUS_ERROR or outcome.report_json is None:
        entry.status = STATUS_ERROR
        entry.error_code = outcome.error_code
        entry.error = outcome.error
        target.unlink(missing_ok=True)
        return
    report = Report.model_validate_json(outcome.report_json)
    atomic_write_text(target, outcome.report_json + "\n")
    _counts(entry, report)
