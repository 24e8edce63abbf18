"""Readers turn file bytes into a format-neutral Document.

``read(path)`` is the one entry point: it checks the file, sniffs its real
type (``sniff.identify``), dispatches to the reader of that format, and maps
third-party exceptions into the project's own errors at one place.

``load(path)`` alone tells whether a file is a report format at all: it
raises ``UnsupportedFormat`` (with ``detected`` set to what the bytes are,
e.g. ``png``) for files extractor does not read, and ``EncryptedFile`` for
password-protected Office files. ``REPORT_SUFFIXES`` are the file name
endings of the report formats: a file that bears one but whose bytes are
no report format is broken (``failed``), one that does not is foreign
(``skipped``; ``extractor.status``).

Whatever the reader, the Document that comes out is bounded: a paragraph or
cell longer than ``MAX_BLOCK_CHARS`` is cut there (a ``text-truncated``
note says so), so that a hostile 50 MB line cannot make extraction run for
minutes. A file whose name promises another format than its bytes is read
by its bytes, with a ``format-mismatch`` note.

Libraries under the readers talk on their own: pdfminer logs a warning per
broken xref entry, and any of them may ``warnings.warn``. None of that
reaches the user's terminal (an error is one line); what matters is turned
into the reader's notes and errors.
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
import warnings
from dataclasses import dataclass
from pathlib import Path

from ..document import Document, Paragraph, Table
from ..errors import READ, EncryptedFile, FileAccessError, FileTooLarge, UnsupportedFormat, mapped
from ..limits import DEFAULT_LIMITS, MAX_BLOCK_CHARS, Limits  # noqa: F401 (MAX_BLOCK_CHARS: callers import it here)
from ..i18n import N_, _
from ..problems import ENCRYPTED_FILE, FILE_TOO_LARGE, FORMAT_MISMATCH, TEXT_TRUNCATED
from .errormaps import for_format
from ..settings import Settings, settings_of
from .ocr.settings import OcrSettings
from .sniff import DOC, DOCX, HTML, ODS, ODT, PDF, RTF, TXT, XLS, XLSX, identify

#: file suffixes that name a report format, and the format they name
SUFFIX_FORMATS = {
    ".docx": DOCX, ".docm": DOCX, ".pdf": PDF, ".txt": TXT,
    ".doc": DOC, ".rtf": RTF, ".odt": ODT,
    ".xlsx": XLSX, ".xlsm": XLSX, ".xls": XLS, ".ods": ODS,
    ".htm": HTML, ".html": HTML,
}
#: file name endings of the report formats (lower case; compare with ``suffix.lower()``)
REPORT_SUFFIXES = tuple(SUFFIX_FORMATS)
#: formats LibreOffice converts for the DOCX (XLSX) reader
CONVERTED_FORMATS = frozenset({DOC, RTF, ODT, XLS, ODS})
#: formats this version has a reader for
READ_FORMATS = frozenset({DOCX, PDF, TXT, XLSX, HTML, DOC, RTF, ODT, XLS, ODS})
#: the readable formats as a user names them
READABLE_NAMES = N_("DOCX, DOC, RTF, ODT, XLSX, XLS, ODS, HTML, PDF and text files")
#: ``formats()``'s name for PDF pages that are images (read by OCR)
SCANNED_PDF = "pdf-scan"
#: loggers of the libraries under the readers, kept off stderr unless the application configures logging
QUIET_LOGGERS = ("pdfminer", "pdfplumber", "charset_normalizer")

for _name in QUIET_LOGGERS:
    logging.getLogger(_name).addHandler(logging.NullHandler())


@dataclass
class Input:
    """The bytes of one input file and what is known of it before parsing."""

    path: Path
    data: bytes
    sha256: str
    format: str


def load(path: str | os.PathLike, settings: Settings | Limits | None = None) -> Input:
    """Read a file's bytes and sniff its type; raise a named error if it is unusable.

    ``settings`` are the root ``Settings`` (or only their ``Limits``).

    Only regular files are read (a FIFO would block, ``/dev/zero`` never
    ends), and never more than ``limits.max_file_bytes`` + 1 bytes, even when
    the file grows after it was checked.
    """
    settings = settings_of(settings)
    limits = settings.limits
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError as exc:
        raise FileAccessError(p, _("no such file")) from exc
    except NotADirectoryError as exc:
        raise FileAccessError(p, _("no such file (a part of the path is not a folder)")) from exc
    except PermissionError as exc:
        raise FileAccessError(p, _("permission denied")) from exc
    except OSError as e:
        raise FileAccessError(p, _("cannot access file ({error})").format(error=e.strerror or e)) from e
    if stat.S_ISDIR(st.st_mode):
        raise FileAccessError(p, _("is a directory, not a file"))
    if not stat.S_ISREG(st.st_mode):
        raise FileAccessError(p, _("is not a regular file (a device, pipe or socket)"))
    if st.st_size > limits.max_file_bytes:
        raise _too_large(p, st.st_size, limits)
    try:
        with open(p, "rb") as fh:
            data = fh.read(limits.max_file_bytes + 1)
    except PermissionError as exc:
        raise FileAccessError(p, _("permission denied")) from exc
    except IsADirectoryError as exc:
        raise FileAccessError(p, _("is a directory, not a file")) from exc
    except OSError as e:
        raise FileAccessError(p, _("cannot read file ({error})").format(error=e.strerror or e)) from e
    return load_bytes(data, p, settings)


def load_bytes(data: bytes, path: str | os.PathLike, settings: Settings | Limits | None = None) -> Input:
    """Sniff the type of bytes read elsewhere (a file, ``parse(bytes)``, a stream); ``path`` names them."""
    settings = settings_of(settings)
    limits = settings.limits
    p = Path(path)
    if len(data) > limits.max_file_bytes:
        raise _too_large(p, len(data), limits)
    if not data:
        raise UnsupportedFormat(p, _("file is empty"), detected="empty")
    found = identify(data, settings.text)
    if found.encrypted:
        raise EncryptedFile(p, ENCRYPTED_FILE.message(what=_(found.description)))
    if found.format is None:
        if found.kind == "unknown":
            raise UnsupportedFormat(
                p, _("not a report format: {what} (extractor reads {formats})").format(
                    what=_(found.description), formats=_(READABLE_NAMES)), detected=found.kind
            )
        raise UnsupportedFormat(p, _("{what}, not a report format").format(what=_(found.description)),
                                detected=found.kind)
    if found.format not in READ_FORMATS:
        raise UnsupportedFormat(p, _("{what}: this version does not read it").format(what=_(found.description)),
                                detected=found.kind)
    return Input(path=p, data=data, sha256=hashlib.sha256(data).hexdigest(), format=found.format)


def _too_large(p: Path, size: int, limits: Limits) -> FileTooLarge:
    return FileTooLarge(p, FILE_TOO_LARGE.message(size=f"{size / 1048576:.1f}", limit=f"{limits.max_file_bytes / 1048576:g}"))


def read_input(inp: Input, settings: Settings | Limits | None = None, ocr: OcrSettings | None = None) -> Document:
    """Run the reader for the sniffed format, mapping foreign errors to ours; bound the Document's texts.

    ``settings`` are the root ``Settings`` (or only their ``Limits``); ``ocr``, when given, replaces
    ``settings.ocr`` (which pages of a PDF are read by OCR, ``extractor.readers.ocr``).
    """
    settings = settings_of(settings, ocr)
    doc = _read_format(inp, settings)
    named = SUFFIX_FORMATS.get(inp.path.suffix.lower())
    if named is not None and named != inp.format:
        doc.notes.append(FORMAT_MISMATCH.note(suffix=inp.path.suffix, format=inp.format.upper()))
    bound_texts(doc, settings.limits.max_block_chars)
    return doc


def _read_format(inp: Input, settings: Settings) -> Document:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _dispatch(inp, settings)


def _dispatch(inp: Input, settings: Settings) -> Document:
    """The format's reader, under its mapping table (``readers.errormaps``): a library's failure on the file
    is the file's error, any other exception an internal error of the read stage, chained either way."""
    path = str(inp.path)
    limits = settings.limits
    with mapped(for_format(inp.format), path, READ):
        if inp.format == DOCX:
            from .docx import read_docx

            return read_docx(inp.data, path=path, limits=limits)
        if inp.format == PDF:
            from .pdf import read_pdf

            return read_pdf(inp.data, path=path, limits=limits, ocr=settings.ocr, finder=settings.finder,
                            settings=settings.pdf)
        if inp.format == TXT:
            from .txt import read_txt

            return read_txt(inp.data, path=path, limits=limits, text_settings=settings.text, finder=settings.finder,
                            regroup=settings.regroup, tabbed=settings.tabbed)
        if inp.format == HTML:
            from .html import read_html

            return read_html(inp.data, path=path, limits=limits, text_settings=settings.text)
        if inp.format == XLSX:
            from .xlsx import read_xlsx

            return read_xlsx(inp.data, path=path, limits=limits)
        if inp.format in CONVERTED_FORMATS:
            return _read_converted(inp, limits)
    raise UnsupportedFormat(path, _("format {format} is not supported").format(format=repr(inp.format)))


def _read_converted(inp: Input, limits: Limits) -> Document:
    """DOC, RTF, ODT (XLS, ODS): LibreOffice makes a DOCX (XLSX) of the bytes, which its reader reads."""
    from . import libreoffice

    path = str(inp.path)
    if inp.format in (ODT, ODS):
        libreoffice.check_package(inp.data, path=path, limits=limits)
    converted = libreoffice.shared_converter().convert(inp.data, inp.format, path=path, limits=limits)
    target = libreoffice.target_of(inp.format)
    if target == DOCX:
        from .docx import read_docx

        doc = read_docx(converted, path=path, limits=limits)
    else:
        from .xlsx import read_xlsx

        doc = read_xlsx(converted, path=path, limits=limits)
    doc.format = inp.format
    return doc


#: how a format is read: directly; converted by a LibreOffice kept for many files, or started per file;
#: not at all for want of LibreOffice; by OCR (``FormatSupport.how``)
HOW_DIRECT = "direct"
HOW_LIBREOFFICE = "libreoffice"
HOW_LIBREOFFICE_COLD = "libreoffice-per-file"
HOW_MISSING = "missing"
#: scanned PDF pages: read by OCR, or not for want of Tesseract, its language data or the ``ocr`` extra
HOW_OCR = "ocr"
HOW_OCR_MISSING = "ocr-missing"


@dataclass(frozen=True)
class FormatSupport:
    """Whether this installation reads one format, how, and what to install where it does not."""

    format: str
    suffixes: tuple[str, ...]
    available: bool
    how: str
    install: str | None = None


def formats() -> list[FormatSupport]:
    """Every report format, whether this installation reads it, and what to install where it does not."""
    from . import libreoffice

    lo = libreoffice.installation()
    out = []
    for fmt in (DOCX, PDF, TXT, XLSX, HTML, DOC, RTF, ODT, XLS, ODS):
        suffixes = tuple(s for s, f in SUFFIX_FORMATS.items() if f == fmt)
        if fmt not in CONVERTED_FORMATS:
            out.append(FormatSupport(fmt, suffixes, True, HOW_DIRECT))
        elif not lo.available:
            out.append(FormatSupport(fmt, suffixes, False, HOW_MISSING, libreoffice.INSTALL_HINT))
        elif lo.warm:
            out.append(FormatSupport(fmt, suffixes, True, HOW_LIBREOFFICE))
        else:
            out.append(FormatSupport(fmt, suffixes, True, HOW_LIBREOFFICE_COLD, "apt-get install python3-uno"))
    from .ocr import availability

    available, missing = availability()
    out.append(FormatSupport(SCANNED_PDF, (".pdf",), available, HOW_OCR if available else HOW_OCR_MISSING, missing))
    return out


def bound_texts(doc: Document, max_chars: int = DEFAULT_LIMITS.max_block_chars) -> None:
    """Cut every paragraph and cell text longer than ``max_chars``, noting each cut in ``doc.notes``."""
    cut = 0
    longest = 0
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            if len(block.text) > max_chars:
                cut, longest = cut + 1, max(longest, len(block.text))
                block.text = block.text[:max_chars]
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    if len(cell.text) > max_chars:
                        cut, longest = cut + 1, max(longest, len(cell.text))
                        cell.text = cell.text[:max_chars]
    if cut:
        doc.notes.append(TEXT_TRUNCATED.note(count=cut, limit=max_chars, longest=longest))


def read(path: str | os.PathLike, settings: Settings | Limits | None = None, ocr: OcrSettings | None = None) -> Document:
    """Read any supported file into a Document (``settings``: the root ``Settings`` or only their ``Limits``)."""
    settings = settings_of(settings, ocr)
    return read_input(load(path, settings), settings)
