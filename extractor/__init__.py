"""extractor: Ukrainian municipal program reports (DOCX, PDF, TXT) into validated open data.

Public API::

    from extractor import parse
    report = parse("zvit.docx")                    # a path, bytes or a binary stream -> Report
    report.to_json()                               # the contract JSON
    report.to_csv("out/")                          # funding.csv, indicators.csv, ... and datapackage.json
    for row in report.rows("funding"):             # the rows of one table, as dicts
        print(row["measure"], row["planned"])

Every error extractor raises on purpose is an ``ExtractorError`` (exported
here with its subclasses) whose message names the file and the reason.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import IO, Union

from .errors import (
    ContractInvalid,
    ConversionFailed,
    CorruptFile,
    EncryptedFile,
    ExtractionError,
    ExtractorError,
    FileAccessError,
    FileTooLarge,
    InflatedTooLarge,
    InputError,
    InternalError,
    LimitExceeded,
    MissingComponent,
    OcrUnavailable,
    OutputError,
    ScannedDocument,
    Timeout,
    TooManyPages,
    UnsafeContent,
    UnsupportedFormat,
)
from .i18n import _
from .limits import Limits
from .models import Report
from .readers.ocr.settings import OcrSettings
from .settings import CheckSettings, ExtractSettings, PdfSettings, Settings, TextSettings, settings_of

__version__ = "0.1.0"
__all__ = [
    "parse",
    "Report",
    "Settings",
    "Limits",
    "TextSettings",
    "PdfSettings",
    "ExtractSettings",
    "CheckSettings",
    "OcrSettings",
    "Source",
    "__version__",
    "ExtractorError",
    "InputError",
    "FileAccessError",
    "UnsupportedFormat",
    "CorruptFile",
    "UnsafeContent",
    "EncryptedFile",
    "ScannedDocument",
    "LimitExceeded",
    "FileTooLarge",
    "TooManyPages",
    "InflatedTooLarge",
    "Timeout",
    "ExtractionError",
    "OutputError",
    "MissingComponent",
    "OcrUnavailable",
    "ConversionFailed",
    "InternalError",
    "ContractInvalid",
]

#: what ``parse`` reads: a path, the bytes of a file, or a binary stream (an open file, ``io.BytesIO``)
Source = Union[str, os.PathLike, bytes, bytearray, memoryview, IO[bytes]]
#: the name given to bytes and to a stream that has none
UNNAMED = "<bytes>"


def parse(
    source: Source,
    *,
    name: str | None = None,
    settings: Settings | Limits | None = None,
    limits: Limits | None = None,
    ocr: OcrSettings | None = None,
) -> Report:
    """Parse one report into the contract model.

    ``source`` is a path, the bytes of a file, or a binary stream (read to
    its end, never more than the file size limit). The type is read from the
    bytes, not from a name.

    ``name`` is the file name the report gives as ``source.file`` and error
    messages give: by default the path, the stream's ``name``, or
    ``"<bytes>"``. Its extension counts as a file's would: a name that
    promises another format than the bytes gets a ``format-mismatch``
    warning.

    ``settings`` are the root ``Settings`` (``extractor.settings``: limits,
    text decoding, the PDF engine, the table finder, OCR, extraction and the
    checks' tolerances), each part validated when made; bare ``Limits`` are
    accepted too, and as ``limits=`` (both at once must agree). With
    ``Limits(timeout_seconds=N)`` the file is read in a child process that is
    killed after N seconds, raising ``Timeout``; without it, in this process.

    Raises an ``ExtractorError`` subclass naming the file when the file
    cannot be read (``FileAccessError`` is also an ``OSError``), ``TypeError``
    for a source of another type or a text stream.

    ``ocr``, when given, replaces ``settings.ocr``: which pages of a scanned
    PDF are read by OCR, and how (by default pages without a text layer,
    Ukrainian and English, 300 dpi).
    """
    settings = _settings(settings, limits, ocr)
    limits = settings.limits
    if limits.timeout_seconds is not None:
        return _parse_in_child(source, name, settings)
    from .pipeline import parse_loaded
    from .readers import load

    if isinstance(source, (str, os.PathLike)):
        inp = load(source, settings)
        if name is not None:
            inp.path = Path(name)
    else:
        inp = _load_unnamed(source, name, settings)
    return parse_loaded(inp, settings).report


def _settings(settings: object, limits: Limits | None, ocr: OcrSettings | None) -> Settings:
    """The root settings of ``parse``'s arguments."""
    if settings is not None and not isinstance(settings, (Settings, Limits)):
        raise TypeError(f"settings must be an extractor.Settings or Limits, got {type(settings).__name__}")
    if limits is not None and not isinstance(limits, Limits):
        raise TypeError(f"limits must be an extractor.Limits, got {type(limits).__name__}")
    root = settings_of(settings, ocr)
    if limits is not None:
        if settings is not None and root.limits != limits:
            raise ValueError("settings and limits disagree; give one of them")
        root = replace(root, limits=limits)
    return root


def _read_source(source: object, name: str | None, limits: Limits) -> tuple[bytes, str]:
    """The bytes of a bytes-like or binary-stream source, and its name."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), name or UNNAMED
    read = getattr(source, "read", None)
    if read is None:
        raise TypeError(f"parse() reads a path, bytes or a binary stream, not {type(source).__name__}")
    stream_name = getattr(source, "name", None)
    label = name or (os.fspath(stream_name) if isinstance(stream_name, (str, os.PathLike)) else UNNAMED)
    try:
        data = read(limits.max_file_bytes + 1)
    except OSError as e:
        raise FileAccessError(label, _("cannot read the stream ({reason})").format(reason=e.strerror or e)) from e
    if isinstance(data, str):
        raise TypeError("parse() needs a binary stream (open the file with 'rb'), got a text stream")
    return bytes(data), label


def _load_unnamed(source: object, name: str | None, settings: Settings):
    from .readers import load_bytes

    data, label = _read_source(source, name, settings.limits)
    return load_bytes(data, label, settings)


def _parse_in_child(source: Source, name: str | None, settings: Settings) -> Report:
    """Parse in a worker process killed at ``settings.limits.timeout_seconds``; errors raised as in this process."""
    from .runner import convert, run_local

    limits = settings.limits
    timeout = limits.timeout_seconds
    with tempfile.TemporaryDirectory(prefix="extractor-") as tmp:
        if isinstance(source, (str, os.PathLike)):
            path, label = os.fspath(source), name
        else:
            data, label = _read_source(source, name, limits)
            path = str(Path(tmp) / (Path(label).name if label != UNNAMED else "input"))
            Path(path).write_bytes(data)
        (outcome,) = run_local([path], 1, timeout, settings, convert)
    shown = label or path
    if outcome.report_json is not None:
        report = Report.model_validate_json(outcome.report_json)
        if label is not None:
            report.source.file = Path(label).name
        return report
    reason = outcome.error or "cannot be read"
    if reason.startswith(f"{path}: "):
        reason = reason[len(path) + 2:]
    cls = _error_class(outcome.error_code)
    if cls is ExtractorError:  # the worker crashed or failed on our side: say whose failure it is
        reason = f"internal error ({reason})"
    raise cls(shown, reason)


def _error_class(code: str | None) -> type[ExtractorError]:
    """The error class of a code (the most derived one that declares it), ExtractorError when none does."""
    found: type[ExtractorError] = ExtractorError
    queue: list[type[ExtractorError]] = [ExtractorError]
    while queue:
        cls = queue.pop()
        if cls.__dict__.get("code") == code:
            found = cls
        queue.extend(cls.__subclasses__())
    return found
