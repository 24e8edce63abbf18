"""Each reader's mapping table: the third-party exceptions it meets and the error each one means.

``extractor.readers.read_input`` applies the table of the format it reads
(``errors.mapped``); the PDF reader applies ``PDF_ERRORS`` where it calls
pdfplumber. Only the exception types listed here, and the generic failures
(``errors.LIBRARY_FAILURES``) raised from the listed libraries' own code,
are blamed on the file; anything else is an ``InternalError`` of the read
stage. Every mapped error is chained to the exception (``from exc``).
"""

from __future__ import annotations

import zipfile
import zlib
from functools import lru_cache

from lxml import etree

from ..errors import CorruptFile, ErrorMap, LimitExceeded
from ..i18n import N_

#: what any reader may run into on a hostile file
COMMON_ERRORS = ErrorMap(
    "file",
    types=(
        (MemoryError, LimitExceeded, N_("ran out of memory while reading the file")),
        (RecursionError, CorruptFile, N_("the file structure is nested too deeply")),
    ),
)

#: DOCX and XLSX: a zip of XML parts (``readers.ooxml`` maps most of it already, naming the part)
OOXML_ERRORS = ErrorMap(
    "OOXML",
    types=(
        (zipfile.BadZipFile, CorruptFile, N_("broken {format} (zip): {detail}")),
        (zlib.error, CorruptFile, N_("broken {format} (zip): {detail}")),
        (etree.XMLSyntaxError, CorruptFile, N_("malformed XML in the {format}: {detail}")),
    ),
    libraries=("zipfile", "zlib", "lxml", "xml"),
)


@lru_cache(maxsize=None)
def pdf_errors() -> ErrorMap:
    """pdfminer, pdfplumber and PDFium (imported on first use: a DOCX or TXT run never loads them)."""
    from pdfminer.pdfexceptions import PDFException
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    types: tuple = (
        (PDFException, CorruptFile, N_("broken {format}: {detail}")),
        (PSException, CorruptFile, N_("broken {format}: {detail}")),
        (MalformedPDFException, CorruptFile, N_("broken {format}: {detail}")),
        (PdfminerException, CorruptFile, N_("cannot read {format}: {detail}")),
    )
    try:
        from pypdfium2 import PdfiumError
    except ImportError:  # pragma: no cover - pypdfium2 is a declared dependency
        pass
    else:
        types += ((PdfiumError, CorruptFile, N_("cannot read {format}: {detail}")),)
    return ErrorMap("PDF", types=types, libraries=("pdfminer", "pdfplumber", "pypdfium2", "PIL"))


def __getattr__(name: str) -> ErrorMap:
    """``PDF_ERRORS``: ``pdf_errors()``, made when first asked for."""
    if name == "PDF_ERRORS":
        return pdf_errors()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

#: text files: decoding (``readers.txt`` names a bad byte itself)
TXT_ERRORS = ErrorMap(
    "TXT",
    types=((UnicodeDecodeError, CorruptFile, N_("cannot decode the {format} file: {detail}")),),
    libraries=("charset_normalizer", "encodings", "codecs"),
)

#: HTML pages: lxml's HTML parser and the decoders
HTML_ERRORS = ErrorMap(
    "HTML",
    types=(
        (etree.ParserError, CorruptFile, N_("cannot parse the {format} page: {detail}")),
        (etree.XMLSyntaxError, CorruptFile, N_("cannot parse the {format} page: {detail}")),
        (UnicodeDecodeError, CorruptFile, N_("cannot decode the {format} page: {detail}")),
    ),
    libraries=("lxml", "html5lib", "charset_normalizer", "encodings", "codecs"),
)


@lru_cache(maxsize=None)
def for_format(fmt: str) -> ErrorMap:
    """The mapping table of a format's reader (the common rows first)."""
    from .sniff import DOCX, HTML, PDF, TXT, XLSX

    if fmt == PDF:
        table = pdf_errors()
    else:
        table = {DOCX: OOXML_ERRORS, XLSX: OOXML_ERRORS, TXT: TXT_ERRORS, HTML: HTML_ERRORS}.get(
            fmt, OOXML_ERRORS  # DOC, RTF, ODT, XLS, ODS: converted to DOCX or XLSX
        )
    return COMMON_ERRORS.extend(ErrorMap(fmt.upper(), table.types, table.libraries))
