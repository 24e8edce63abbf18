"""The project's errors: one base class, a small grouped hierarchy.

Every error names the file it concerns, so that ``str(error)`` is the one line
a user sees ("report.pdf: the PDF is encrypted"). Third-party exceptions
(zipfile, lxml, pdfminer, UnicodeDecodeError, ...) are mapped into these at
the readers' edge, in ``extractor.readers.read``.
"""

from __future__ import annotations

from pathlib import Path


class ExtractorError(Exception):
    """Base class of every error extractor raises on purpose."""

    #: stable machine-readable code, used in manifests and check reports
    code = "extractor-error"

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

    code = "input-error"


class FileAccessError(InputError, OSError):
    """The path does not exist, is a directory, or cannot be read.

    Also an ``OSError``, so code that handles file errors the usual way
    (``except OSError``) handles this one too; ``filename`` is the path.
    """

    code = "file-access"

    def __init__(self, path: str | Path | None, reason: str):
        super().__init__(path, reason)
        self.filename = self.path


class UnsupportedFormat(InputError):
    """The bytes are not a report format extractor reads (an image, an archive, a presentation, ...).

    ``detected`` is the short name of what the bytes are (``png``, ``zip``,
    ``pptx``, ``unknown``, ...), for a batch manifest's "skipped" line.
    """

    code = "unsupported-format"

    def __init__(self, path: str | Path | None, reason: str, detected: str | None = None):
        self.detected = detected
        super().__init__(path, reason)


class MissingComponent(InputError):
    """The file's format needs a program this installation lacks (LibreOffice for DOC, RTF, ODT, XLS, ODS)."""

    code = "missing-component"


class OcrUnavailable(MissingComponent):
    """A scanned PDF page needs OCR, but Tesseract, its language data or the ``ocr`` extra is not installed."""

    code = "ocr-unavailable"


class ConversionFailed(InputError):
    """A converter (LibreOffice) could not turn the file into a format the readers know."""

    code = "conversion-failed"


class CorruptFile(InputError):
    """The file claims a known format but its structure is broken."""

    code = "corrupt-file"


class UnsafeContent(CorruptFile):
    """The file carries a construct only an attack needs (an XML DOCTYPE in an OOXML part); refused unread."""

    code = "unsafe-content"


class EncryptedFile(InputError):
    """The file is password-protected."""

    code = "encrypted-file"


class ScannedDocument(InputError):
    """The PDF has no text layer (a scan) and OCR was turned off (``--ocr never``)."""

    code = "scanned-document"


# -- resource limits ------------------------------------------------------------------


class LimitExceeded(ExtractorError):
    """A configured resource limit was hit; the file was not processed further."""

    code = "limit-exceeded"


class FileTooLarge(LimitExceeded):
    """The input file is larger than the maximum file size."""

    code = "file-too-large"


class TooManyPages(LimitExceeded):
    """The PDF has more pages than the maximum."""

    code = "too-many-pages"


class InflatedTooLarge(LimitExceeded):
    """A compressed part would inflate past the limit (a zip bomb)."""

    code = "inflated-too-large"


class Timeout(LimitExceeded):
    """Processing took longer than the per-file time limit."""

    code = "timeout"


# -- the report was read but does not fit the contract ------------------------------


class ExtractionError(ExtractorError):
    """The document was read but a report could not be built from it."""

    code = "extraction-error"


# -- an output could not be written -------------------------------------------------


class OutputError(ExtractorError):
    """An output file or folder could not be written; names the output path, not the input."""

    code = "output-error"
