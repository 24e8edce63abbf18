"""Batch conversion: many report files into one output folder.

``run_batch(inputs, outdir, options)`` parses each input (in parallel worker
processes, or on a dask cluster) and writes:

- ``OUTDIR/reports/<key>.json``: the contract JSON of each input that has a
  report (status ok, warning or no-tables); ``<key>`` is the input's stable
  key (``extractor.inputs``: its path under the folder argument, or its file
  name, e.g. ``2021/zvit.docx``);
- ``reports.csv``, ``decisions.csv``, ``funding.csv``, ``breakdown.csv``,
  ``indicators.csv``, ``warnings.csv``: the rows of the reports counted,
  first column ``report`` = the key;
- ``reports.xlsx``: the same tables as sheets (when openpyxl is installed);
- ``datapackage.json``: a Frictionless Data Package describing the CSVs;
- ``manifest.csv``: one line per input (see ``MANIFEST_COLUMNS``), with its
  status (``extractor.status``);
- ``index.html``: the same inputs as a page to read (status, counts,
  coverage, errors, a link to each report JSON), written last.

**Duplicates.** Inputs with the same bytes (SHA-256) are parsed once: the
first by key is the original, each other copy's manifest line names it in
``duplicate_of`` and shares its status and report. Different files that
yield the same report (the DOCX and the PDF of one report:
``extractor.duplicates``) are each parsed and written, but the consolidated
tables count one of them, the one read most exactly; the others name it in
``duplicate_of`` and say why in ``duplicate_reason``.
``keep_duplicates`` counts them all (they are still named).

**An earlier run.** An output folder that holds the outputs of an earlier
batch is refused unless ``resume`` (reuse the report of each input whose
JSON holds its SHA-256) or ``force`` (remove them first). Either way the
folder then holds this run's outputs only: report JSONs of inputs that are
not in this run, and outputs this run does not write, are removed.

Every file is written atomically. The consolidated files are rebuilt at the
end from the per-report JSONs, in key order, so they are byte-identical
whatever the job count, the completion order or how the paths were typed,
and ``--resume`` gives the same result as an uninterrupted run.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import duplicates, problems
from .errors import ExtractorError, UnsupportedFormat
from .i18n import _, ngettext
from .inputs import (
    OUTPUT_MARKER,
    InputFile,
    UsageError,
    as_input,
    assign_keys,
    expand_inputs,
    file_sha256,
)
from .limits import DEFAULT_LIMITS, DEFAULT_TIMEOUT_SECONDS, Limits
from .settings import Settings
from .models import Report
from .progress import Progress
from .runner import INTERNAL_ERROR_CODE, Outcome, Work, convert, describe, outcome_report, run_dask, run_local
from .status import PARSED, UNSUPPORTED_FORMAT, Status, never_a_report, report_status, summary
from .writers.atomic import atomic_write_bytes, atomic_write_text
from .writers.csv import CSV_SUFFIX, UTF8_BOM, csv_bytes, format_cell, write_tables_csv
from .writers.datapackage import DESCRIPTOR_NAME, write_datapackage
from .writers.tables import TABLES, build_tables

__all__ = [
    "BatchOptions",
    "BatchResult",
    "ManifestEntry",
    "OutputExists",
    "UsageError",
    "expand_inputs",
    "run_batch",
]

#: folder of the per-report JSON files inside OUTDIR
REPORTS_DIR = "reports"
REPORT_JSON_SUFFIX = ".json"
MANIFEST_NAME = OUTPUT_MARKER
XLSX_NAME = "reports.xlsx"
#: the page listing every input with its status, counts and coverage
INDEX_NAME = "index.html"
MANIFEST_COLUMNS = (
    "path",  # the input as given or found
    "report",  # its key: the report column of the tables; empty when it has no report
    "sha256",  # of the input bytes; empty when unreadable
    "format",  # sniffed format: docx, pdf, txt; empty when unknown
    "status",  # ok, warning, no-tables, failed or skipped (extractor.status)
    "decisions",
    "funding",
    "indicators",
    "warnings",
    "coverage",  # share of the numbers of its recognised tables read into fields (0-1); empty without a report
    "error_code",  # ExtractorError code (corrupt-file, timeout, ...), crash, internal-error, unsupported-format
    "error",  # the one-line error message (why it failed or was skipped)
    "seconds",  # time spent on the input; empty when --resume or a copy took an earlier result
    "resumed",  # "true" when --resume took an earlier result
    "duplicate_of",  # the input counted in its place: same bytes, or the same report read more exactly
    "duplicate_reason",  # why that one is counted and this one is not
)
#: duplicate_reason of a file with the same bytes as another
SAME_BYTES_REASON = "same bytes (SHA-256) as {path}; parsed once"
KEPT_TOO = "; counted too (--keep-duplicates)"


class OutputExists(UsageError):
    """The output folder holds an earlier batch's outputs, and neither resume nor force was asked."""

    code = problems.OUTPUT_EXISTS.code


@dataclass
class BatchOptions:
    """How to run a batch; the defaults are the command line's. Validated on creation.

    ``timeout`` is the per-file time limit in seconds (the worker is killed);
    ``limits.timeout_seconds``, when set, is taken for it when ``timeout`` is
    left at its default, and must agree with it otherwise. ``settings`` are
    the root settings every file is parsed with (``extractor.settings``);
    their ``limits`` are ``limits`` (give one or the other, or the same).
    """

    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    timeout: float | None = DEFAULT_TIMEOUT_SECONDS
    limits: Limits = DEFAULT_LIMITS
    bom: bool = False
    resume: bool = False
    force: bool = False
    keep_duplicates: bool = False
    dask: object | None = None  # scheduler address or distributed.Client
    xlsx: bool = True
    #: how the CSVs are written (writers.csv.CsvStyle); None: plain, or with a BOM when ``bom``
    csv_style: object | None = None
    #: the settings of every parse; None: the defaults with ``limits``
    settings: Settings | None = None

    def __post_init__(self) -> None:
        if self.settings is None:
            self.settings = Settings(limits=self.limits)
        elif self.limits == DEFAULT_LIMITS:
            self.limits = self.settings.limits
        elif self.limits != self.settings.limits:
            raise ValueError("limits and settings.limits disagree; give one of them")
        if not isinstance(self.jobs, int) or self.jobs < 1:
            raise ValueError(f"jobs must be a positive integer, got {self.jobs!r}")
        if self.timeout is not None and not self.timeout > 0:
            raise ValueError(f"timeout must be a positive number of seconds or None, got {self.timeout!r}")
        if self.resume and self.force:
            raise ValueError("resume and force exclude each other: resume reuses an earlier run, force replaces it")
        wanted = self.limits.timeout_seconds
        if wanted is not None and wanted != self.timeout:
            if self.timeout != DEFAULT_TIMEOUT_SECONDS:
                raise ValueError(f"timeout {self.timeout!r} and limits.timeout_seconds {wanted!r} disagree")
            self.timeout = wanted


@dataclass(eq=False)
class ManifestEntry:
    """One input and what became of it: one line of the manifest."""

    path: str
    name: str  # the key
    sha256: str | None = None
    format: str | None = None
    status: Status = Status.FAILED
    decisions: int | None = None
    funding: int | None = None
    indicators: int | None = None
    warnings: int | None = None
    coverage: float | None = None
    error_code: str | None = None
    error: str | None = None
    seconds: float | None = None
    resumed: bool = False
    duplicate_of: str | None = None
    duplicate_reason: str | None = None
    #: the input with the same bytes whose result this one shares
    same_bytes_as: ManifestEntry | None = field(default=None, repr=False)
    #: whether its rows are in the consolidated tables
    counted: bool = True

    @property
    def failed(self) -> bool:
        return self.status == Status.FAILED

    @property
    def has_report(self) -> bool:
        """Whether a report JSON of its own is written for it."""
        return self.status in PARSED and self.same_bytes_as is None

    def row(self) -> list[str]:
        values = {
            "path": self.path,
            "report": self.name if self.status in PARSED else "",
            "sha256": self.sha256,
            "format": self.format,
            "status": self.status.value,
            "decisions": self.decisions,
            "funding": self.funding,
            "indicators": self.indicators,
            "warnings": self.warnings,
            "coverage": self.coverage,
            "error_code": self.error_code,
            "error": self.error,
            "seconds": None if self.seconds is None else f"{self.seconds:.2f}",
            "resumed": "true" if self.resumed else "false",
            "duplicate_of": self.duplicate_of,
            "duplicate_reason": self.duplicate_reason,
        }
        return [format_cell(values[c]) for c in MANIFEST_COLUMNS]


@dataclass
class BatchResult:
    """The manifest entries (in key order), the files written, and what could not be written."""

    entries: list[ManifestEntry]
    outputs: dict[str, Path]
    #: one line per consolidated output that could not be written
    problems: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return sum(e.failed for e in self.entries)

    @property
    def duplicates(self) -> int:
        """Inputs not counted in the tables because another input holds their report."""
        return sum(e.duplicate_of is not None for e in self.entries)

    @property
    def nothing_read(self) -> bool:
        """No input, or only skipped ones."""
        return all(e.status == Status.SKIPPED for e in self.entries)

    @property
    def exit_code(self) -> int:
        """1 when an input failed or an output could not be written, else 0."""
        return 1 if self.failed or self.problems else 0

    def summary(self) -> str:
        """``9 files: 3 ok, ...; 6 duplicates counted once``: the same counts ``check`` gives."""
        line = summary(e.status for e in self.entries)
        if self.duplicates:
            line += "; " + ngettext("{n} duplicate counted once", "{n} duplicates counted once",
                                    self.duplicates).format(n=self.duplicates)
        return line


# -- planning ---------------------------------------------------------------------------------


def plan(inputs: Sequence[InputFile | str | os.PathLike]) -> list[ManifestEntry]:
    """One entry per input, in key order: keys assigned, copies with the same bytes linked, JSON files skipped."""
    files: dict[str, InputFile] = {}
    for item in map(as_input, inputs):
        files.setdefault(os.path.realpath(item.path), item)
    ordered = sorted(files.values(), key=lambda f: (f.key, f.path.as_posix()))
    shas = [file_sha256(f.path) for f in ordered]
    first: dict[str, int] = {}
    copy_of: dict[int, int] = {}
    for i, sha in enumerate(shas):
        if sha is not None and sha in first:
            copy_of[i] = first[sha]
        elif sha is not None:
            first[sha] = i
    originals = [i for i in range(len(ordered)) if i not in copy_of]
    keys = dict(zip(originals, assign_keys([ordered[i] for i in originals], [shas[i] for i in originals])))
    entries: dict[int, ManifestEntry] = {}
    for i in originals:
        entries[i] = ManifestEntry(path=str(ordered[i].path), name=keys[i], sha256=shas[i])
        if never_a_report(ordered[i].path):
            _skip_unread(entries[i])
    for i, j in copy_of.items():
        original = entries[j]
        entries[i] = ManifestEntry(
            path=str(ordered[i].path), name=original.name, sha256=shas[i], same_bytes_as=original, counted=False,
            duplicate_of=original.path, duplicate_reason=SAME_BYTES_REASON.format(path=original.path),
        )
    return sorted(entries.values(), key=lambda e: (e.name, e.path))


def _skip_unread(entry: ManifestEntry) -> None:
    entry.status = Status.SKIPPED
    entry.error_code = UNSUPPORTED_FORMAT
    entry.error = str(UnsupportedFormat(entry.path, "a JSON file (extractor's own outputs are JSON), not a report"))


def _share(copy: ManifestEntry, original: ManifestEntry) -> None:
    """Give a copy with the same bytes the result of its original."""
    copy.status, copy.format, copy.error_code = original.status, original.format, original.error_code
    copy.resumed = original.resumed
    if original.error is not None:
        copy.error = original.error.replace(original.path, copy.path, 1)
    copy.decisions = copy.funding = copy.indicators = copy.warnings = copy.coverage = None
    copy.seconds = None


# -- outputs ----------------------------------------------------------------------------------


def report_json_path(outdir: Path, name: str) -> Path:
    return Path(outdir) / REPORTS_DIR / f"{name}{REPORT_JSON_SUFFIX}"


def consolidated_paths(outdir: Path) -> list[Path]:
    """The files of OUTDIR a batch writes besides the report JSONs."""
    outdir = Path(outdir)
    return [outdir / f"{t}{CSV_SUFFIX}" for t in TABLES] + [
        outdir / XLSX_NAME, outdir / DESCRIPTOR_NAME, outdir / MANIFEST_NAME, outdir / INDEX_NAME]


def _report_jsons(outdir: Path) -> list[Path]:
    folder = Path(outdir) / REPORTS_DIR
    return sorted(folder.rglob(f"*{REPORT_JSON_SUFFIX}")) if folder.is_dir() else []


def earlier_outputs(outdir: Path) -> list[Path]:
    """The outputs of an earlier batch found in OUTDIR."""
    return [p for p in consolidated_paths(outdir) if p.exists()] + _report_jsons(outdir)


def prepare_output(outdir: Path, options: BatchOptions) -> None:
    """Refuse an output folder holding an earlier run (unless resume or force); with force, empty it of it."""
    outdir = Path(outdir)
    if outdir.exists() and not outdir.is_dir():
        raise UsageError(outdir, _("output must be a folder, and this is a file"))
    earlier = earlier_outputs(outdir)
    if not earlier or options.resume:
        return
    if not options.force:
        raise OutputExists(
            outdir,
            _("holds the outputs of an earlier batch; --resume reuses them for the inputs that did not change, "
              "--force replaces them"),
        )
    for p in earlier:
        p.unlink(missing_ok=True)
    _remove_empty_folders(outdir / REPORTS_DIR)


def _remove_empty_folders(folder: Path) -> None:
    if not folder.is_dir():
        return
    for current, _dirs, _files in sorted(os.walk(folder), key=lambda t: -len(t[0])):
        if Path(current) != folder:
            try:
                Path(current).rmdir()
            except OSError:
                pass


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
    entry.coverage = report.coverage.ratio if report.coverage is not None else None
    entry.status = report_status(report)
    entry.format = report.source.format.value if report.source.format else entry.format


def manifest_bytes(entries: Sequence[ManifestEntry], bom: bool = False) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(MANIFEST_COLUMNS)
    for e in entries:
        writer.writerow(e.row())
    data = buf.getvalue().encode("utf-8")
    return UTF8_BOM + data if bom else data


def _mark_duplicates(loaded: list[tuple[ManifestEntry, Report]], keep: bool) -> None:
    """Name the inputs whose report another input holds; count one of each group unless ``keep``."""
    for group in duplicates.groups([report for _, report in loaded]):
        members = [loaded[i] for i in group]
        kept_entry, kept_report = members[duplicates.pick([r for _, r in members])]
        for entry, report in members:
            if entry is kept_entry:
                continue
            entry.duplicate_of = kept_entry.path
            entry.duplicate_reason = duplicates.reason(kept_report, kept_entry.path, report) + (KEPT_TOO if keep else "")
            entry.counted = keep


def write_consolidated(
    outdir: Path,
    entries: Sequence[ManifestEntry],
    bom: bool = False,
    xlsx: bool = True,
    keep_duplicates: bool = False,
    csv_style=None,
) -> tuple[dict[str, Path], list[str]]:
    """Rebuild the tables, workbook, data package and manifest from the per-report JSONs.

    Each report is taken into the tables on its own: one whose JSON is
    missing or whose rows cannot be written becomes that input's error and
    the others are written. Reports that another input's report duplicates
    are named and (unless ``keep_duplicates``) left out of the tables. Each
    output is written on its own too: the one-line problems of those that
    could not be written are returned beside the paths of those that were.
    Report JSONs and outputs that are not this run's are removed. The
    manifest is written last, with every status final; when even it cannot
    be written, the error is raised.
    """
    outdir = Path(outdir)
    loaded: list[tuple[ManifestEntry, Report]] = []
    parts: dict[int, dict[str, list]] = {}
    for e in entries:
        if not e.has_report:
            continue
        report = _load_report(report_json_path(outdir, e.name))
        if report is None:  # vanished or damaged since: record it, do not guess
            e.status, e.error_code = Status.FAILED, "output-missing"
            e.error = f"{report_json_path(outdir, e.name)}: report JSON missing or unreadable"
            continue
        try:
            part = build_tables([report], [e.name])
            for name, columns in TABLES.items():
                csv_bytes(columns, part[name])  # a text the CSV cannot hold fails here, for this report alone
        except Exception as exc:
            _fail_internally(outdir, e, "adding it to the consolidated tables", exc)
            continue
        parts[id(e)] = part
        loaded.append((e, report))
    _mark_duplicates(loaded, keep_duplicates)
    for e in entries:  # a copy with the same bytes follows its original's fate
        if e.same_bytes_as is not None:
            _share(e, e.same_bytes_as)
    tables: dict[str, list] = {name: [] for name in TABLES}
    for e in entries:
        if id(e) in parts and e.counted:
            for name in TABLES:
                tables[name].extend(parts[id(e)][name])

    outputs: dict[str, Path] = {}
    problems: list[str] = []

    def attempt(what: Path, write: Callable[[], None]) -> None:
        try:
            write()
        except Exception as exc:
            problems.append(str(ExtractorError(what, f"not written ({describe(exc)})")))

    attempt(outdir, lambda: outputs.update(write_tables_csv(tables, outdir, bom=bom, style=csv_style)))
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
        attempt(outdir / DESCRIPTOR_NAME,
                lambda: outputs.update(datapackage=write_datapackage(outdir, csvs, bom=bom, style=csv_style)))
    attempt(outdir / REPORTS_DIR, lambda: _remove_stale(outdir, entries, set(outputs.values())))
    manifest = outdir / MANIFEST_NAME
    try:
        atomic_write_bytes(manifest, manifest_bytes(entries, bom=bom))
    except OSError as exc:
        raise ExtractorError(manifest, _("cannot write the manifest ({reason})").format(reason=exc.strerror or exc)) from exc
    outputs["manifest"] = manifest
    attempt(outdir / INDEX_NAME, lambda: outputs.update(index=_write_index(outdir, entries, loaded, outputs)))
    return outputs, problems


def _write_index(outdir: Path, entries: Sequence[ManifestEntry], loaded, outputs: dict[str, Path]) -> Path:
    """OUTDIR/index.html: every input with its status, counts and coverage, linking its JSON and the tables."""
    from .writers.html import IndexRow, write_index_html

    rows = [
        IndexRow(name=e.name, path=e.path, status=e.status.value, format=e.format, decisions=e.decisions,
                 funding=e.funding, indicators=e.indicators, warnings=e.warnings, coverage=e.coverage,
                 error=e.error, json=f"{REPORTS_DIR}/{e.name}{REPORT_JSON_SUFFIX}" if e.has_report else None)
        for e in entries
    ]
    files = [p.name for k, p in outputs.items() if p.parent == outdir]
    return write_index_html(outdir / INDEX_NAME, rows, files)


def _remove_stale(outdir: Path, entries: Sequence[ManifestEntry], written: set[Path]) -> None:
    """Remove report JSONs of inputs not in this run, and outputs this run did not write."""
    keep = {report_json_path(outdir, e.name) for e in entries if e.has_report}
    for p in _report_jsons(outdir):
        if p not in keep:
            p.unlink(missing_ok=True)
    _remove_empty_folders(Path(outdir) / REPORTS_DIR)
    for p in consolidated_paths(outdir):
        if p.name != MANIFEST_NAME and p not in written:
            p.unlink(missing_ok=True)


def xlsx_available() -> bool:
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        return False
    return True


# -- the batch --------------------------------------------------------------------------------


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
    inputs: Sequence[InputFile | str | os.PathLike],
    outdir: Path,
    options: BatchOptions | None = None,
    progress: Progress | None = None,
    work: Work = convert,
    on_entry: Callable[[ManifestEntry], None] | None = None,
) -> BatchResult:
    """Convert the inputs into ``outdir``; see the module docstring for what is written.

    ``inputs`` are ``InputFile``s (``expand_inputs``) or paths (a path's key
    is its file name). ``work`` is the per-file function run in the local
    workers (a test hook); ``on_entry`` is called with each entry as its
    input finishes. Raises ``OutputExists`` for an output folder holding an
    earlier run when neither ``options.resume`` nor ``options.force``.
    """
    options = options or BatchOptions()
    outdir = Path(outdir)
    prepare_output(outdir, options)
    entries = plan(inputs)
    progress = progress or Progress(len(entries), silent=True)
    copies: dict[int, list[ManifestEntry]] = {}
    for e in entries:
        if e.same_bytes_as is not None:
            copies.setdefault(id(e.same_bytes_as), []).append(e)

    def finished(entry: ManifestEntry, outcome: Outcome | None = None) -> None:
        if outcome is not None:
            _handle(outdir, entry, outcome, progress, on_entry)
        else:
            _show(progress, entry)
        for copy in copies.get(id(entry), ()):
            _share(copy, entry)
            _show(progress, copy, f"same bytes as {entry.path}")
            if on_entry:
                try:
                    on_entry(copy)
                except Exception as exc:
                    _fail_internally(outdir, copy, "reporting it to the caller", exc)

    todo: list[ManifestEntry] = []
    resumed = 0
    for e in entries:
        if e.same_bytes_as is not None:
            continue
        if e.status == Status.SKIPPED:  # never a report: not read
            finished(e)
            continue
        earlier = _resumable(outdir, e) if options.resume else None
        if earlier is None:
            todo.append(e)
            continue
        _counts(e, earlier)
        e.resumed = True
        resumed += 1
        finished(e)
    if resumed:
        progress.note(f"resume: {resumed} of {len(entries)} inputs already converted")

    if options.dask is not None:
        outcomes = run_dask([e.path for e in todo], options.dask, options.timeout, options.settings)
    else:
        outcomes = run_local([e.path for e in todo], options.jobs, options.timeout, options.settings, work)
    waiting = {e.path: e for e in todo}
    try:
        for outcome in outcomes:
            entry = waiting.pop(outcome.path, None)
            if entry is None:  # not an input of this batch, or given twice: nothing to record
                continue
            finished(entry, outcome)
    except ExtractorError:  # the run cannot start (the dask scheduler cannot be reached): the command's error
        raise
    except Exception as exc:  # the runner itself failed: the inputs it did not finish are recorded as such
        for entry in waiting.values():
            _fail_internally(outdir, entry, "running the batch", exc)
            finished(entry)
        waiting.clear()
    finally:
        close = getattr(outcomes, "close", None)
        if close:
            close()
        progress.close()
    for entry in waiting.values():  # the runner ended without a result for them
        _fail_internally(outdir, entry, "running the batch", RuntimeError("no result came back from the worker"))
        finished(entry)
    outputs, problems = write_consolidated(
        outdir, entries, bom=options.bom, xlsx=options.xlsx, keep_duplicates=options.keep_duplicates,
        csv_style=options.csv_style,
    )
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
        progress.advance(entry.status.value, entry.path, entry.seconds, entry.error)
        stage = "reporting it to the caller"
        if on_entry:
            on_entry(entry)
    except Exception as exc:
        _fail_internally(outdir, entry, stage, exc)
        if stage == "recording its result":
            _show(progress, entry)


def _show(progress: Progress, entry: ManifestEntry, note: str | None = None) -> None:
    """The progress line of an input; a failure to show it changes nothing more."""
    if entry.resumed:
        note = "resumed" if note is None else f"{note}, resumed"
    try:
        progress.advance(entry.status.value, entry.path, entry.seconds, entry.error, note=note)
    except Exception:
        pass


def _fail_internally(outdir: Path, entry: ManifestEntry, stage: str, exc: BaseException) -> None:
    """Make ``entry`` an internal error raised while ``stage``; remove any report JSON written for it."""
    entry.status = Status.FAILED
    entry.error_code = INTERNAL_ERROR_CODE
    entry.error = str(ExtractorError(entry.path, f"internal error while {stage} ({describe(exc)})"))
    entry.decisions = entry.funding = entry.indicators = entry.warnings = None
    if entry.same_bytes_as is None:  # a copy's key names its original's JSON
        try:
            report_json_path(outdir, entry.name).unlink(missing_ok=True)
        except OSError:
            pass


def _record(outdir: Path, entry: ManifestEntry, outcome: Outcome) -> None:
    """Write a parsed report's JSON, or drop a stale one of an input with no report; fill the entry."""
    entry.seconds = outcome.seconds
    entry.format = outcome.format
    status = Status(outcome.status)
    target = report_json_path(outdir, entry.name)
    if status not in PARSED or outcome.report_json is None:
        entry.status = status if status not in PARSED else Status.FAILED
        entry.error_code = outcome.error_code
        entry.error = outcome.error
        target.unlink(missing_ok=True)
        return
    report = outcome_report(outcome)
    atomic_write_text(target, outcome.report_json + "\n")
    _counts(entry, report)
