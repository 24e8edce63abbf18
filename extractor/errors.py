"""The project's errors: one base class, a small grouped hierarchy.

Every error names the file it concerns, so that ``str(error)`` is the one line
a user sees ("report.pdf: the PDF is encrypted"). Third-party exceptions
(zipfile, lxml, pdfminer, ...) are mapped into these by a table per reader
(``ErrorMap``, ``extractor.readers.errormaps``), chained with ``from exc`` so
that ``--debug`` shows the library's frames; an exception no table knows is
an ``InternalError`` naming the stage (read, extract, write), never blamed on
the file. Codes, severities and message templates are declared in
``extractor.problems``.
"""

from __future__ import annotations

import struct
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from . import problems
from .i18n import N_, _


class ExtractorError(Exception):
    """Base class of every error extractor raises on purpose."""

    #: stable machine-readable code, used in manifests and check reports (declared in ``extractor.problems``)
    code = problems.EXTRACTOR_ERROR.code

    def __init__(self, path: str | Path | None, reason: str):
        self.path = str(path) if path is not None else None
        #: always one line: library messages (lxml, pdfminer) may carry line breaks
        self.reason = " ".join(str(reason).split())
        super().__init__(self.__str__())

    def __str__(self) -> str:
        return f"{_printable(self.path)}: {self.reason}" if self.path else self.reason


def _printable(path: str) -> str:
    """The path with control characters (a newline in a hostile file name) escaped, so the message stays one line."""
    if path.isprintable():
        return path
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in path)


# -- input could not be read at all -------------------------------------------------


class InputError(ExtractorError):
    """The input could not be opened or read as a report."""

    code = problems.INPUT_ERROR.code


class FileAccessError(InputError, OSError):
    """The path does not exist, is a directory, or cannot be read.

    Also an ``OSError``, so code that handles file errors the usual way
    (``except OSError``) handles this one too; ``filename`` is the path.
    """

    code = problems.FILE_ACCESS.code

    def __init__(self, path: str | Path | None, reason: str):
        super().__init__(path, reason)
        self.filename = self.path


class UnsupportedFormat(InputError):
    """The bytes are not a report format extractor reads (an image, an archive, a presentation, ...).

    ``detected`` is the short name of what the bytes are (``png``, ``zip``,
    ``pptx``, ``unknown``, ...), for a batch manifest's "skipped" line.
    """

    code = problems.UNSUPPORTED_FORMAT.code

    def __init__(self, path: str | Path | None, reason: str, detected: str | None = None):
        self.detected = detected
        super().__init__(path, reason)


class MissingComponent(InputError):
    """The file's format needs a program this installation lacks (LibreOffice for DOC, RTF, ODT, XLS, ODS)."""

    code = problems.MISSING_COMPONENT.code


class OcrUnavailable(MissingComponent):
    """A scanned PDF page needs OCR, but Tesseract, its language data or the ``ocr`` extra is not installed."""

    code = problems.OCR_UNAVAILABLE.code


class ConversionFailed(InputError):
    """A converter (LibreOffice) could not turn the file into a format the readers know."""

    code = problems.CONVERSION_FAILED.code


class CorruptFile(InputError):
    """The file claims a known format but its structure is broken."""

    code = problems.CORRUPT_FILE.code


class UnsafeContent(CorruptFile):
    """The file carries a construct only an attack needs (an XML DOCTYPE in an OOXML part); refused unread."""

    code = problems.UNSAFE_CONTENT.code


class EncryptedFile(InputError):
    """The file is password-protected."""

    code = problems.ENCRYPTED_FILE.code


class ScannedDocument(InputError):
    """The PDF has no text layer (a scan) and OCR was turned off (``--ocr never``)."""

    code = problems.SCANNED_DOCUMENT.code


# -- resource limits ------------------------------------------------------------------


class LimitExceeded(ExtractorError):
    """A configured resource limit was hit; the file was not processed further."""

    code = problems.LIMIT_EXCEEDED.code


class FileTooLarge(LimitExceeded):
    """The input file is larger than the maximum file size."""

    code = problems.FILE_TOO_LARGE.code


class TooManyPages(LimitExceeded):
    """The PDF has more pages than the maximum."""

    code = problems.TOO_MANY_PAGES.code


class InflatedTooLarge(LimitExceeded):
    """A compressed part would inflate past the limit (a zip bomb)."""

    code = problems.INFLATED_TOO_LARGE.code


class Timeout(LimitExceeded):
    """Processing took longer than the per-file time limit."""

    code = problems.TIMEOUT.code


# -- the report was read but does not fit the contract ------------------------------


class ExtractionError(ExtractorError):
    """The document was read but a report could not be built from it."""

    code = problems.EXTRACTION_ERROR.code


# -- an output could not be written -------------------------------------------------


class OutputError(ExtractorError):
    """An output file or folder could not be written; names the output path, not the input."""

    code = problems.OUTPUT_ERROR.code


# -- a failure on extractor's own side ------------------------------------------------


#: the stages of the pipeline an internal error names
READ = "read"
EXTRACT = "extract"
WRITE = "write"
STAGES = (READ, EXTRACT, WRITE)
_STAGE_WORDS = {READ: N_("reading"), EXTRACT: N_("extracting"), WRITE: N_("writing")}


class InternalError(ExtractorError):
    """extractor failed on its own side (a bug) while reading, extracting or writing: the file is not blamed.

    ``stage`` is ``read``, ``extract`` or ``write`` (None when not known);
    the exception that caused it is chained (``__cause__``), so ``--debug``
    shows where it happened.
    """

    code = problems.INTERNAL_ERROR.code

    def __init__(self, path: str | Path | None, reason: str, stage: str | None = None):
        self.stage = stage
        super().__init__(path, reason)

    @classmethod
    def during(cls, stage: str, path: str | Path | None, exc: BaseException) -> "InternalError":
        """The internal error of ``exc`` raised while at ``stage``."""
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())
        return cls(path, problems.INTERNAL_ERROR.message(stage=_(_STAGE_WORDS[stage]), detail=detail), stage)


class ContractInvalid(ExtractorError):
    """A report that does not validate against the output contract (a bug of extraction, named as such)."""

    code = problems.CONTRACT_INVALID.code


def contract_error(path: str | Path | None, error) -> ContractInvalid:
    """The one-line error for a pydantic ValidationError raised on a report of ``path``."""
    first = error.errors()[0] if error.errors() else {}
    where = ".".join(str(x) for x in first.get("loc", ()))
    return ContractInvalid(path, problems.CONTRACT_INVALID.message(where=where, detail=first.get("msg", error)))


# -- mapping other libraries' exceptions ------------------------------------------------

#: exception types a library raises from its own code when the input breaks its assumptions; raised
#: from a frame of a library an ``ErrorMap`` names, they mean a bad file (pdfminer fails on a broken
#: cross-reference table with a KeyError), raised from extractor's own code they are a bug
LIBRARY_FAILURES: tuple[type[BaseException], ...] = (
    ValueError, TypeError, KeyError, IndexError, AttributeError, AssertionError, EOFError, OverflowError,
    ZeroDivisionError, NotImplementedError, RuntimeError, UnicodeError, LookupError, struct.error,
)


@dataclass(frozen=True)
class ErrorMap:
    """How one reader's third-party exceptions become extractor's errors (httpx-style mapping table).

    ``types`` lists (exception type, error class, message template) in the
    order they are tried; a template may use ``{format}`` and ``{detail}``
    (the exception as ``TypeName: message``). ``libraries`` are the top-level
    modules whose ``LIBRARY_FAILURES`` mean a bad file. Anything else is an
    ``InternalError`` naming the stage: a bug of extractor, not the file's fault.
    """

    format: str
    types: tuple[tuple[type[BaseException], type[ExtractorError], str], ...] = ()
    libraries: tuple[str, ...] = ()

    def error(self, exc: BaseException, path: str | Path | None, stage: str = READ) -> ExtractorError:
        """The error ``exc`` maps to (raise it ``from exc``)."""
        detail = _detail(exc)
        for kind, error, template in self.types:
            if isinstance(exc, kind):
                return error(path, _(template).format(format=self.format, detail=detail))
        library = _raised_in(exc, self.libraries)
        if library is not None and isinstance(exc, LIBRARY_FAILURES):
            return CorruptFile(path, _("cannot read {format}: {library} failed on it ({detail})").format(
                format=self.format, library=library, detail=detail))
        return InternalError.during(stage, path, exc)

    def extend(self, other: "ErrorMap") -> "ErrorMap":
        """This map with ``other``'s rows and libraries after its own, named by ``other``'s format."""
        return ErrorMap(other.format, self.types + other.types, self.libraries + other.libraries)


def _detail(exc: BaseException) -> str:
    return " ".join(f"{type(exc).__name__}: {exc}".split())


def _raised_in(exc: BaseException, libraries: tuple[str, ...]) -> str | None:
    """The library (of ``libraries``) whose code raised ``exc``: the module of its innermost frame."""
    tb = exc.__traceback__
    if tb is None or not libraries:
        return None
    while tb.tb_next is not None:
        tb = tb.tb_next
    module = tb.tb_frame.f_globals.get("__name__", "") or ""
    top = module.split(".", 1)[0]
    return top if top in libraries else None


@contextmanager
def mapped(errors: ErrorMap, path: str | Path | None, stage: str = READ) -> Iterator[None]:
    """Run the block with ``errors`` applied: extractor's errors pass, others are mapped and chained (``from exc``)."""
    try:
        yield
    except ExtractorError:
        raise
    except Exception as exc:
        raise errors.error(exc, path, stage) from exc


#: the stages with no library of their own (extract, write): every foreign exception there is extractor's bug
OWN_CODE = ErrorMap("report")
