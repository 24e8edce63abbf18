"""Tell the real type of an input from its bytes, not its name."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass

from ..i18n import N_
from ..settings import DEFAULT_TEXT, TextSettings
from . import ole

PDF = "pdf"
DOCX = "docx"
TXT = "txt"
XLSX = "xlsx"
HTML = "html"
DOC = "doc"
XLS = "xls"
RTF = "rtf"
ODT = "odt"
ODS = "ods"

#: every format extractor reads (some only where LibreOffice is installed, see readers.formats)
FORMATS = (DOCX, PDF, TXT, XLSX, HTML, DOC, XLS, RTF, ODT, ODS)
#: human names of the formats, for messages
FORMAT_NAMES = {
    DOCX: N_("a Word document (DOCX)"),
    PDF: N_("a PDF document"),
    TXT: N_("a text file"),
    XLSX: N_("an Excel workbook (XLSX)"),
    HTML: N_("a web page (HTML)"),
    DOC: N_("a Word 97-2003 document (DOC)"),
    XLS: N_("an Excel 97-2003 workbook (XLS)"),
    RTF: N_("a Rich Text document (RTF)"),
    ODT: N_("an OpenDocument text (ODT)"),
    ODS: N_("an OpenDocument spreadsheet (ODS)"),
}

_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
#: how far into the file a PDF header may start (some producers prepend junk)
_PDF_HEADER_WINDOW = 1024
_TEXT_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
#: the control characters text holds (TAB, LF, VT, FF, CR); the others mark binary
#: (their share: ``TextSettings.max_control_share``, the same for the sniffer and the TXT reader)
TEXT_CONTROLS = "\t\n\v\f\r"
#: every byte but the control bytes that do not occur in text (deleting these leaves the control bytes)
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if b >= 32 or chr(b) in TEXT_CONTROLS)
#: signs that stand in prose and tables besides letters, digits and white space
_PROSE_SIGNS = frozenset(".,;:!?()[]\"'-+*=/%№§«»–—…‘’‚“”„•·")
#: Latin letters that Ukrainian texts often type in place of their Cyrillic look-alikes
_SCRIPT_NEUTRAL = frozenset("iI")

#: what an HTML file (or a fragment saved as a page) starts with, once white space,
#: an XML declaration and comments are skipped
_HTML_OPENINGS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title", b"<table", b"<style")
_XML_DECL = re.compile(rb"\A\s*<\?xml[^>]{0,200}\?>", re.I)
_HTML_COMMENT = re.compile(rb"\A\s*<!--.*?-->", re.S)
_MHTML = re.compile(rb"\A(?:[\w-]+:[^\r\n]*\r?\n){0,20}?content-type:\s*multipart/related", re.I)
#: ODF mimetypes (the first member of the zip, stored) and the formats they name
_ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": ODS,
}
_ODF_OTHER = {
    b"application/vnd.oasis.opendocument.presentation": ("odp", N_("an OpenDocument presentation (ODP)")),
    b"application/vnd.oasis.opendocument.graphics": ("odg", N_("an OpenDocument drawing (ODG)")),
    b"application/vnd.oasis.opendocument.text-template": ("ott", N_("an OpenDocument text template (OTT)")),
    b"application/epub+zip": ("epub", N_("an EPUB e-book")),
}
#: magic numbers of common files that are not reports: (prefix, short type, description)
_OTHER_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "png", N_("a PNG image")),
    (b"\xff\xd8\xff", "jpeg", N_("a JPEG image")),
    (b"GIF87a", "gif", N_("a GIF image")),
    (b"GIF89a", "gif", N_("a GIF image")),
    (b"II*\x00", "tiff", N_("a TIFF image")),
    (b"MM\x00*", "tiff", N_("a TIFF image")),
    (b"AT&TFORM", "djvu", N_("a DjVu document")),
    (b"7z\xbc\xaf\x27\x1c", "7z", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "rar", N_("a RAR archive")),
    (b"\x1f\x8b", "gzip", N_("a gzip archive")),
    (b"BZh", "bzip2", N_("a bzip2 archive")),
    (b"\xfd7zXZ\x00", "xz", N_("an xz archive")),
    (b"%!PS", "postscript", N_("a PostScript file")),
    (b"\x7fELF", "elf", N_("a program (ELF executable)")),
    (b"MZ", "exe", N_("a Windows program (EXE/DLL)")),
    (b"PK\x05\x06", "zip", N_("an empty ZIP archive")),
)
_RIFF_TYPES = {b"WEBP": ("webp", N_("a WebP image")), b"AVI ": ("avi", N_("an AVI video")), b"WAVE": ("wav", N_("a WAV sound"))}


@dataclass(frozen=True)
class Sniffed:
    """What the bytes of a file are.

    ``format`` is one of ``FORMATS`` when extractor reads the file (whether
    this installation can is ``readers.formats``' business), else None.
    ``kind`` is a short machine name of the type (the format, or ``png``,
    ``zip``, ``pptx``, ``encrypted-office``, ``unknown``, ...) and
    ``description`` a human one ("a PNG image"). ``encrypted`` marks a
    password-protected Office file, which no reader can open.
    """

    format: str | None
    kind: str
    description: str
    encrypted: bool = False


def _known(fmt: str, encrypted: bool = False) -> Sniffed:
    return Sniffed(fmt, fmt, FORMAT_NAMES[fmt], encrypted)


def _other(kind: str, description: str, encrypted: bool = False) -> Sniffed:
    return Sniffed(None, kind, description, encrypted)


UNKNOWN = _other("unknown", N_("unrecognised content"))
EMPTY = _other("empty", N_("an empty file"))


def sniff(data: bytes) -> str | None:
    """The format extractor reads these bytes as (one of ``FORMATS``), or None; see ``identify``."""
    return identify(data).format


def identify(data: bytes, settings: TextSettings = DEFAULT_TEXT) -> Sniffed:
    """Tell what the bytes are, from the bytes alone.

    * PDF: ``%PDF-`` within the first KB.
    * Zip: DOCX when it holds ``word/document.xml`` (or any other OOXML
      package that is not a workbook or presentation: the DOCX reader names
      what is missing), XLSX with ``xl/workbook.xml``, ODT/ODS by the
      ``mimetype`` member; a broken zip is DOCX (its reader reports it as
      corrupt); other zips are named and not read.
    * OLE2 compound file: DOC when it has a ``WordDocument`` stream, XLS with
      ``Workbook`` (or Excel 5's ``Book``); ``EncryptedPackage`` is a
      password-protected DOCX/XLSX; a DOC or XLS with a password is marked
      ``encrypted``.
    * RTF: ``{\\rtf``. HTML: markup at the start (``<!DOCTYPE html``,
      ``<html``, ``<head``, ``<body``, ``<meta``, ``<table``, ...) after white
      space, an XML declaration and comments, in any ASCII-compatible or
      UTF-16 encoding: whatever the file is named (Word saves "HTML as .doc").
    * Text: bytes that start with a UTF-8/UTF-16 BOM, or that hold no
      control bytes beyond white space (and a few stray NULs) and either
      decode as UTF-8 (or BOM-less UTF-16) or read as prose in a single-byte
      Cyrillic code page: cased words, digits, white space and common signs,
      which random or binary bytes never do.
    * Common other files (images, archives, programs, MHTML) are named, so
      that a skipped file says what it is.
    """
    if not data:
        return EMPTY
    if _PDF_MAGIC in data[:_PDF_HEADER_WINDOW]:
        return _known(PDF)
    if data.startswith(_ZIP_MAGIC):
        return _identify_zip(data)
    if data.startswith(ole.MAGIC):
        return _identify_ole(data)
    head = _ascii_head(data, settings.html_sample_bytes)
    if head.lstrip().startswith(b"{\\rtf"):
        return _known(RTF)
    if _looks_like_html(head):
        return _known(HTML)
    if _MHTML.match(head):
        return _other("mhtml", N_("a web archive (MHTML, \"single file web page\")"))
    if data.startswith(_TEXT_BOMS) or looks_like_text(data[:settings.sniff_sample_bytes], settings):
        if head.lstrip().startswith(b"<?xml"):
            return _other("xml", N_("an XML file"))
        return _known(TXT)
    for magic, kind, description in _OTHER_MAGIC:
        if data.startswith(magic):
            return _other(kind, description)
    if data.startswith(b"RIFF") and data[8:12] in _RIFF_TYPES:
        return _other(*_RIFF_TYPES[data[8:12]])
    return UNKNOWN


def _ascii_head(data: bytes, size: int) -> bytes:
    """The first bytes, lower-cased, with a BOM removed and UTF-16 narrowed to ASCII-compatible bytes."""
    head = data[:size]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    elif head.startswith((b"\xff\xfe", b"\xfe\xff")):
        enc = "utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be"
        head = head[2:].decode(enc, errors="replace").encode("utf-8", errors="replace")
    elif len(head) > 3 and head[1] == 0 and head[0] != 0 and head[3] == 0:
        head = head.decode("utf-16-le", errors="replace").encode("utf-8", errors="replace")
    return head.lower()


def _looks_like_html(head: bytes) -> bool:
    rest = _XML_DECL.sub(b"", head, count=1)
    for _ in range(20):
        stripped = _HTML_COMMENT.sub(b"", rest, count=1)
        if stripped == rest:
            break
        rest = stripped
    return rest.lstrip().startswith(_HTML_OPENINGS)


def _identify_zip(data: bytes) -> Sniffed:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            mimetype = zf.read("mimetype")[:100].strip() if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError, zlib.error, RuntimeError):
        return _known(DOCX)  # a broken zip: the DOCX reader reports it as corrupt
    if "word/document.xml" in names:
        return _known(DOCX)
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        if "xl/workbook.bin" in names and "xl/workbook.xml" not in names:
            return _other("xlsb", N_("an Excel binary workbook (XLSB)"))
        return _known(XLSX)
    if mimetype in _ODF_MIMETYPES:
        return _known(_ODF_MIMETYPES[mimetype])
    if mimetype in _ODF_OTHER:
        return _other(*_ODF_OTHER[mimetype])
    if "ppt/presentation.xml" in names:
        return _other("pptx", N_("a PowerPoint presentation (PPTX)"))
    if "[Content_Types].xml" in names:
        return _known(DOCX)  # an OOXML package without its main part: the DOCX reader names what is missing
    return _other("zip", N_("a ZIP archive holding no Office document"))


def _identify_ole(data: bytes) -> Sniffed:
    cf = ole.open_compound(data)
    if cf is None:
        return _other("ole2", N_("a damaged OLE2 compound file (Word 97-2003, Excel 97-2003 or other Office file)"))
    names = cf.stream_names()
    if "EncryptedPackage" in names:
        return _other("encrypted-office", N_("a password-protected Office document (an encrypted DOCX or XLSX)"),
                      encrypted=True)
    if "WordDocument" in names:
        return _known(DOC, encrypted=ole.word_encrypted(cf.peek("WordDocument", 64)))
    for stream in ("Workbook", "Book"):
        if stream in names:
            return _known(XLS, encrypted=ole.excel_encrypted(cf.peek(stream)))
    if "PowerPoint Document" in names:
        return _other("ppt", N_("a PowerPoint 97-2003 presentation (PPT)"))
    if any(n.startswith("__substg1.0_") for n in names):
        return _other("msg", N_("an Outlook message (MSG)"))
    return _other("ole2", N_("an OLE2 compound file that is neither a Word nor an Excel document"))


def looks_like_text(sample: bytes, settings: TextSettings = DEFAULT_TEXT) -> bool:
    """Whether the bytes (the start of a file) are text in an encoding the TXT reader knows."""
    if not sample:
        return False
    nuls = sample.count(0)
    if nuls:
        share = nuls / len(sample)
        low, high = settings.utf16_nul_share
        if low < share < high:
            return True  # BOM-less UTF-16: the TXT reader tells it apart from binary
        if share > settings.max_stray_nul_share:
            return False
        sample = sample.replace(b"\x00", b"")
    control = len(sample.translate(None, _NOT_CONTROL_BYTES))
    if control > len(sample) * settings.max_control_share:
        return False
    if _is_utf8(sample):
        return True
    return max(prose_share(sample.decode(enc, errors="replace")) for enc in settings.code_pages) >= settings.min_prose_share


def _is_utf8(sample: bytes) -> bool:
    """Valid UTF-8, allowing a character cut off at the end of the sample."""
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as e:
        return e.reason == "unexpected end of data" and e.start >= len(sample) - 3
    return True


def prose_share(text: str) -> float:
    """Share of the characters that read as prose: words of one case pattern and script, digits, spaces, signs.

    A word (a run of letters) counts when it is lower case, upper case or
    title case and in one script; random bytes decoded in a single-byte code
    page give words like "ЂwЖq" and signs like "‡™¤", which do not count.
    """
    if not text:
        return 0.0
    good = 0
    word_start = None
    for i, ch in enumerate(text + " "):
        if ch.isalpha():
            if word_start is None:
                word_start = i
            continue
        if word_start is not None:
            word = text[word_start:i]
            if _well_formed(word):
                good += len(word)
            word_start = None
        if i < len(text) and (ch.isspace() or ch.isdigit() or ch in _PROSE_SIGNS):
            good += 1
    return good / len(text)


def _well_formed(word: str) -> bool:
    if not (word.islower() or word.isupper() or word.istitle()):
        return False
    scripts = {_script(ch) for ch in word if ch not in _SCRIPT_NEUTRAL}
    return len(scripts) <= 1


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0]  # CYRILLIC, LATIN, GREEK, ...
