"""``extractor serve``: a local web page where a person drops report files and reads them.

The page (``GET /``) takes one or more files (drag and drop, or the file
chooser); ``POST /parse`` parses them and answers with one page: a line per
file (status, counts, downloads as JSON, CSV and XLSX) and the view of each
report, every number linked to its highlighted source, as in
``parse -o zvit.html``.

How it stays safe and small:

- each file is parsed in a worker process by the same runner as ``batch``
  (``runner.run_local``): the same limits, the same per-file timeout (the
  worker is killed past it), the same one-line errors for bad files;
- a request holds at most ``max_files`` files and at most ``max_files`` times
  the file size limit in bytes (refused before it is read); parses run at
  most ``max_parallel`` requests at a time;
- uploads go into a private temporary folder that is removed before the
  answer is sent; the downloads travel inside the answer (data URIs), so
  nothing is kept on the server unless ``keep`` names a folder for it;
- it listens on 127.0.0.1 unless told otherwise.

Starlette (a small, well-kept ASGI toolkit) and uvicorn (its usual server)
do the HTTP; the pages are the package's Jinja2 templates, autoescaped.
"""

from __future__ import annotations

import asyncio
import base64
import io
import json
import os
import re
import shutil
import socket
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import BinaryIO

from .errors import ExtractorError
from .i18n import DEFAULT_LANGUAGE, LANGUAGES, _, using
from .limits import DEFAULT_TIMEOUT_SECONDS, Limits
from .settings import Settings, default_settings, settings_of
from .runner import Outcome, convert, run_local

#: files one request may carry
DEFAULT_MAX_FILES = 20
#: requests parsed at the same time (each uses up to ``jobs`` worker processes)
DEFAULT_MAX_PARALLEL = 2
#: bytes of a request beyond its files (multipart boundaries, headers, form fields)
REQUEST_OVERHEAD_BYTES = 1024 * 1024
#: longest file name kept from an upload (characters)
MAX_NAME_CHARS = 120
#: the form field of the files
FILES_FIELD = "files"


@dataclass(frozen=True)
class ServeSettings:
    """How the web page runs; validated on creation."""

    host: str = "127.0.0.1"
    port: int = 8000
    #: the settings every upload is parsed with (limits, PDF engine, OCR, …), as batch has them
    parse: Settings = field(default_factory=default_settings)
    timeout: float | None = DEFAULT_TIMEOUT_SECONDS
    max_files: int = DEFAULT_MAX_FILES
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    max_parallel: int = DEFAULT_MAX_PARALLEL
    lang: str = DEFAULT_LANGUAGE
    #: a folder where each upload's outputs are kept; None keeps nothing
    keep: Path | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.port <= 65535:
            raise ValueError(f"port must be 0-65535, got {self.port}")
        for name in ("max_files", "jobs", "max_parallel"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, got {getattr(self, name)}")
        if self.lang not in LANGUAGES:
            raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, got {self.lang!r}")

    @property
    def limits(self) -> Limits:
        return self.parse.limits

    @property
    def max_request_bytes(self) -> int:
        return self.max_files * self.limits.max_file_bytes + REQUEST_OVERHEAD_BYTES


# -- the work done in a worker process ------------------------------------------------------


@dataclass
class ViewOutcome(Outcome):
    """An Outcome with what the page shows: the report's view and its downloads (file name -> bytes)."""

    html: str | None = None
    downloads: dict[str, bytes] = field(default_factory=dict)
    view_error: str | None = None


def downloads_of(report, name: str, csv_style=None) -> dict[str, bytes]:
    """The report as JSON, XLSX and a zip of its CSV tables with their datapackage.json."""
    from .writers.csv import EXCEL_LOCALE, csv_bytes
    from .writers.datapackage import DESCRIPTOR_NAME, datapackage_descriptor
    from .writers.tables import TABLES, build_tables
    from .writers.xlsx import xlsx_bytes

    style = csv_style or EXCEL_LOCALE
    tables = build_tables([report])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for table, columns in TABLES.items():
            zf.writestr(f"{table}.csv", csv_bytes(columns, tables[table], style=style))
        descriptor = datapackage_descriptor({t: f"{t}.csv" for t in TABLES}, style=style)
        zf.writestr(DESCRIPTOR_NAME, json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n")
    return {
        f"{name}.json": (report.to_json() + "\n").encode("utf-8"),
        f"{name}.xlsx": xlsx_bytes(tables),
        f"{name}.csv.zip": buf.getvalue(),
    }


def view_work(path: str, settings: Settings | Limits, lang: str = DEFAULT_LANGUAGE, prefix: str = "",
              csv_style=None) -> Outcome:
    """Parse one upload (``runner.convert``: the batch's errors) and draw its view and downloads; never raises.

    Everything is in ``lang``: the messages of the report and the view.
    """
    with using(lang):
        return _view_work(path, settings_of(settings), lang, prefix, csv_style)


def _view_work(path: str, settings: Settings, lang: str, prefix: str, csv_style) -> Outcome:
    outcome = convert(path, settings)
    if outcome.report_json is None:
        return outcome
    result = ViewOutcome(**outcome.to_dict())
    try:
        from .models import Report
        from .writers.html import html_fragment
        from .writers.pages import report_sources

        report = Report.model_validate_json(outcome.report_json)
        result.downloads = downloads_of(report, Path(path).name, csv_style)
        if report.source.format is not None and report.source.format.value == "pdf":
            sources = report_sources(report, None, Path(path).read_bytes())
        else:
            from .readers import read

            sources = report_sources(report, read(path, settings))
        result.html = html_fragment(report, sources, lang, prefix)
    except Exception as e:  # extractor's own failure: the report stands, the view is missing
        result.view_error = f"internal error while drawing the view ({type(e).__name__}: {' '.join(str(e).split())})"
    return result


# -- uploads -------------------------------------------------------------------------------


def safe_name(name: str | None, index: int) -> str:
    """The upload's file name without folders or control characters, bounded; ``upload-N`` when nothing is left."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(ch for ch in unicodedata.normalize("NFC", base) if ch.isprintable()).strip().lstrip(".")
    if len(base) > MAX_NAME_CHARS:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: MAX_NAME_CHARS - len(ext) - 1] + dot + ext) if dot and len(ext) <= 10 else base[:MAX_NAME_CHARS]
    return base or f"upload-{index + 1}"


@dataclass
class FileResult:
    """One uploaded file on the answer page."""

    name: str
    status: str
    prefix: str
    error: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    coverage: float | None = None
    html: str | None = None
    downloads: list[tuple[str, str, str]] = field(default_factory=list)  # (label, file name, data URI)
    view_error: str | None = None


_MEDIA = {".json": "application/json", ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          ".zip": "application/zip"}
_LABELS = {".json": "JSON", ".xlsx": "XLSX", ".zip": "CSV"}


def file_result(name: str, prefix: str, outcome: Outcome, upload_path: str) -> FileResult:
    """What the page shows of one outcome; messages name the uploaded file, not the temporary path."""
    error = outcome.error.replace(upload_path, name) if outcome.error else None
    result = FileResult(name=name, status=outcome.status, prefix=prefix, error=error)
    if outcome.report_json is not None:
        data = json.loads(outcome.report_json)
        result.counts = {k: len(data.get(k) or []) for k in ("decisions", "funding", "indicators", "warnings")}
        coverage = data.get("coverage")
        if isinstance(coverage, dict) and isinstance(coverage.get("ratio"), (int, float)):
            result.coverage = float(coverage["ratio"])
    if isinstance(outcome, ViewOutcome):
        result.html = outcome.html
        result.view_error = outcome.view_error
        for file_name, data in outcome.downloads.items():
            suffix = Path(file_name).suffix
            uri = f"data:{_MEDIA[suffix]};base64,{base64.b64encode(data).decode('ascii')}"
            result.downloads.append((_LABELS[suffix], file_name, uri))
    return result


def keep_outputs(folder: Path, outcome: Outcome) -> None:
    """Write an upload's downloads into ``folder`` (asked for with ``keep``)."""
    from .writers.atomic import atomic_write_bytes

    if isinstance(outcome, ViewOutcome):
        for file_name, data in outcome.downloads.items():
            atomic_write_bytes(folder / file_name, data)


def parse_uploads(files: list[tuple[str | None, BinaryIO]], settings: ServeSettings, lang: str,
                  excel_locale: bool = True) -> list[FileResult]:
    """Parse the uploads (file name, readable file) in worker processes; the temporary folder is gone when this returns."""
    from .writers.csv import EXCEL, EXCEL_LOCALE

    work = partial(view_work, lang=lang, csv_style=EXCEL_LOCALE if excel_locale else EXCEL)
    with tempfile.TemporaryDirectory(prefix="extractor-serve-") as tmp:
        paths: list[str] = []
        names: dict[str, tuple[int, str]] = {}
        for i, (name, data) in enumerate(files):
            folder = Path(tmp) / str(i)
            folder.mkdir()
            path = folder / safe_name(name, i)
            with open(path, "wb") as out:
                shutil.copyfileobj(data, out)
            paths.append(str(path))
            names[str(path)] = (i, path.name)
        outcomes: dict[int, Outcome] = {}
        prefixed = partial(_prefixed_work, work=work, places={p: names[p][0] for p in paths})
        for outcome in run_local(paths, min(settings.jobs, len(paths)), settings.timeout, settings.parse, prefixed):
            outcomes[names[outcome.path][0]] = outcome
        results = []
        for path in paths:
            i, name = names[path]
            outcome = outcomes[i]
            if settings.keep is not None:
                keep_outputs(settings.keep, outcome)
            results.append(file_result(name, f"r{i}-", outcome, path))
        return results


def _prefixed_work(path: str, settings: Settings, work, places: dict[str, int]) -> Outcome:
    """The view work of one path of several, with the id prefix of its place on the page."""
    return work(path, settings, prefix=f"r{places[path]}-")


# -- the web application ---------------------------------------------------------------------


def _lang(request, settings: ServeSettings) -> str:
    lang = request.query_params.get("lang") or settings.lang
    return lang if lang in LANGUAGES else settings.lang


def create_app(settings: ServeSettings = ServeSettings()):
    """The Starlette application of ``extractor serve``."""
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, PlainTextResponse
    from starlette.routing import Route

    from .writers.html import render_page, status_words

    gate = asyncio.Semaphore(settings.max_parallel)

    def page(name: str, lang: str, status: int = 200, **context) -> HTMLResponse:
        with using(lang):
            return HTMLResponse(render_page(name, lang=lang, settings=settings, languages=LANGUAGES, **context),
                                status_code=status)

    def problem(lang: str, status: int, message: str) -> HTMLResponse:
        return page("serve_index.html", lang, status, message=message)

    async def index(request: Request):
        return page("serve_index.html", _lang(request, settings), message=None)

    async def health(request: Request):
        return PlainTextResponse("ok")

    async def parse(request: Request):
        lang = _lang(request, settings)
        length = request.headers.get("content-length")
        if length is None or not length.isdigit():
            with using(lang):
                return problem(lang, 411, _("The upload did not say its size; send it from the page's form."))
        if int(length) > settings.max_request_bytes:
            with using(lang):
                return problem(lang, 413, _("The files are too large together: at most {n} files of {mb} MB each.")
                               .format(n=settings.max_files, mb=_mb(settings.limits.max_file_bytes)))
        try:
            form = await request.form(max_files=settings.max_files, max_fields=10)
        except Exception as e:  # starlette: too many files or fields, a broken multipart body
            with using(lang):
                detail = getattr(e, "detail", None) or str(e)
                if "files" in str(detail).lower():
                    message = _("Too many files at once: at most {n}.").format(n=settings.max_files)
                    return problem(lang, 413, message)
                return problem(lang, 400, _("The upload could not be read ({detail}).").format(detail=detail))
        try:
            uploads = [u for u in form.getlist(FILES_FIELD) if hasattr(u, "read") and (u.filename or u.size)]
            if not uploads:
                with using(lang):
                    return problem(lang, 400, _("No file was chosen."))
            files = [(u.filename, u.file) for u in uploads]
            excel_locale = form.get("excel_locale") is not None
            async with gate:
                results = await run_in_threadpool(parse_uploads, files, settings, lang, excel_locale)
        finally:
            await form.close()  # the spooled uploads are deleted here
        with using(lang):
            statuses = status_words()
        return page("serve_results.html", lang, results=results, statuses=statuses)

    return Starlette(routes=[
        Route("/", index),
        Route("/health", health),
        Route("/parse", parse, methods=["POST"]),
    ])


def _mb(n: int) -> str:
    return f"{n / 1048576:g}"


def bound_socket(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (port 0: a free one), for the server and for telling its address."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as e:
        sock.close()
        raise ExtractorError(f"{host}:{port}", _("cannot listen there ({reason})").format(reason=e.strerror or e)) from e
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def serve(settings: ServeSettings, announce=None) -> None:
    """Run the web page until interrupted; ``announce(url)`` is called once it listens."""
    try:
        import uvicorn
    except ImportError as exc:
        raise ExtractorError(None, _("serve needs uvicorn and starlette: pip install 'extractor-zvit'")) from exc
    if settings.keep is not None:
        settings.keep.mkdir(parents=True, exist_ok=True)
    sock = bound_socket(settings.host, settings.port)
    host, port = sock.getsockname()[:2]
    url = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
    config = uvicorn.Config(create_app(settings), log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    if announce:
        announce(url)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()

