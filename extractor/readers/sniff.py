"""Tell the real type of an input from its bytes, not its name."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass

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
    DOCX: "a Word document (DOCX)",
    PDF: "a PDF document",
    TXT: "a text file",
    XLSX: "an Excel workbook (XLSX)",
    HTML: "a web page (HTML)",
    DOC: "a Word 97-2003 document (DOC)",
    XLS: "an Excel 97-2003 workbook (XLS)",
    RTF: "a Rich Text document (RTF)",
    ODT: "an OpenDocument text (ODT)",
    ODS: "an OpenDocument spreadsheet (ODS)",
}

_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
#: how far into the file a PDF header may start (some producers prepend junk)
_PDF_HEADER_WINDOW = 1024
_TEXT_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
#: bytes looked at to decide whether a file is text
TEXT_SAMPLE_BYTES = 65536
#: share of NUL bytes in BOM-less UTF-16 (every other byte in Latin text)
UTF16_NUL_SHARE = (0.3, 0.6)
#: text may carry a few stray NUL bytes (a broken export, padding); more make it binary
MAX_STRAY_NUL_SHARE = 0.1
#: share of control bytes (other than TAB, LF, FF, CR) that text may hold
MAX_CONTROL_SHARE = 0.01
#: every byte but the control bytes that do not occur in text (deleting these leaves the control bytes)
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if b >= 32 or b in (9, 10, 12, 13))
#: single-byte code pages a non-UTF-8 text may be in (the TXT reader's candidates)
SINGLE_BYTE_CANDIDATES = ("cp1251", "koi8_u", "cp866")
#: share of a non-UTF-8 sample that must read as prose in one candidate code page
MIN_PROSE_SHARE = 0.9
#: signs that stand in prose and tables besides letters, digits and white space
_PROSE_SIGNS = frozenset(".,;:!?()[]\"'-+*=/%№§«»–—…‘’‚“”„•·")
#: Latin letters that Ukrainian texts often type in place of their Cyrillic look-alikes
_SCRIPT_NEUTRAL = frozenset("iI")

#: bytes at the start of an HTML file looked at for its markup
HTML_SAMPLE_BYTES = 4096
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
    b"application/vnd.oasis.opendocument.presentation": ("odp", "an OpenDocument presentation (ODP)"),
    b"application/vnd.oasis.opendocument.graphics": ("odg", "an OpenDocument drawing (ODG)"),
    b"application/vnd.oasis.opendocument.text-template": ("ott", "an OpenDocument text template (OTT)"),
    b"application/epub+zip": ("epub", "an EPUB e-book"),
}
#: magic numbers of common files that are not reports: (prefix, short type, description)
_OTHER_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "png", "a PNG image"),
    (b"\xff\xd8\xff", "jpeg", "a JPEG image"),
    (b"GIF87a", "gif", "a GIF image"),
    (b"GIF89a", "gif", "a GIF image"),
    (b"II*\x00", "tiff", "a TIFF image"),
    (b"MM\x00*", "tiff", "a TIFF image"),
    (b"AT&TFORM", "djvu", "a DjVu document"),
    (b"7z\xbc\xaf\x27\x1c", "7z", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "rar", "a RAR archive"),
    (b"\x1f\x8b", "gzip", "a gzip archive"),
    (b"BZh", "bzip2", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz", "an xz archive"),
    (b"%!PS", "postscript", "a PostScript file"),
    (b"\x7fELF", "elf", "a program (ELF executable)"),
    (b"MZ", "exe", "a Windows program (EXE/DLL)"),
    (b"PK\x05\x06", "zip", "an empty ZIP archive"),
)
_RIFF_TYPES = {b"WEBP": ("webp", "a WebP image"), b"AVI ": ("avi", "an AVI video"), b"WAVE": ("wav", "a WAV sound")}


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


UNKNOWN = _other("unknown", "unrecognised content")
EMPTY = _other("empty", "an empty file")


def sniff(data: bytes) -> str | None:
    """The format extractor reads these bytes as (one of ``FORMATS``), or None; see ``identify``."""
    return identify(data).format


def identify(data: bytes) -> Sniffed:
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
    head = _ascii_head(data)
    if head.lstrip().startswith(b"{\\rtf"):
        return _known(RTF)
    if _looks_like_html(head):
        return _known(HTML)
    if _MHTML.match(head):
        return _other("mhtml", "a web archive (MHTML, \"single file web page\")")
    if data.startswith(_TEXT_BOMS) or looks_like_text(data[:TEXT_SAMPLE_BYTES]):
        if head.lstrip().startswith(b"<?xml"):
            return _other("xml", "an XML file")
        return _known(TXT)
    for magic, kind, description in _OTHER_MAGIC:
        if data.startswith(magic):
            return _other(kind, description)
    if data.startswith(b"RIFF") and data[8:12] in _RIFF_TYPES:
        return _other(*_RIFF_TYPES[data[8:12]])
    return UNKNOWN


def _ascii_head(data: bytes) -> bytes:
    """The first bytes, lower-cased, with a BOM removed and UTF-16 narrowed to ASCII-compatible bytes."""
    head = data[:HTML_SAMPLE_BYTES]
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
            return _other("xlsb", "an Excel binary workbook (XLSB)")
        return _known(XLSX)
    if mimetype in _ODF_MIMETYPES:
        return _known(_ODF_MIMETYPES[mimetype])
    if mimetype in _ODF_OTHER:
        return _other(*_ODF_OTHER[mimetype])
    if "ppt/presentation.xml" in names:
        return _other("pptx", "a PowerPoint presentation (PPTX)")
    if "[Content_Types].xml" in names:
        return _known(DOCX)  # an OOXML package without its main part: the DOCX reader names what is missing
    return _other("zip", "a ZIP archive holding no Office document")


def _identify_ole(data: bytes) -> Sniffed:
    cf = ole.open_compound(data)
    if cf is None:
        return _other("ole2", "a damaged OLE2 compound file (Word 97-2003, Excel 97-2003 or other Office file)")
    names = cf.stream_names()
    if "EncryptedPackage" in names:
        return _other("encrypted-office", "a password-protected Office document (an encrypted DOCX or XLSX)",
                      encrypted=True)
    if "WordDocument" in names:
        return _known(DOC, encrypted=ole.word_encrypted(cf.peek("WordDocument", 64)))
    for stream in ("Workbook", "Book"):
        if stream in names:
            return _known(XLS, encrypted=ole.excel_encrypted(cf.peek(stream)))
    if "PowerPoint Document" in names:
        return _other("ppt", "a PowerPoint 97-2003 presentation (PPT)")
    if any(n.startswith("__substg1.0_") for n in names):
        return _other("msg", "an Outlook message (MSG)")
    return _other("ole2", "an OLE2 compound file that is neither a Word nor an Excel document")


def looks_like_text(sample: bytes) -> bool:
    """Whether the bytes (the start of a file) are text in an encoding the TXT reader knows."""
    if not sample:
        return False
    nuls = sample.count(0)
    if nuls:
        share = nuls / len(sample)
        low, high = UTF16_NUL_SHARE
        if low < share < high:
            return True  # BOM-less UTF-16: the TXT reader tells it apart from binary
        if share > MAX_STRAY_NUL_SHARE:
            return False
        sample = sample.replace(b"\x00", b"")
    control = len(sample.translate(None, _NOT_CONTROL_BYTES))
    if control > len(sample) * MAX_CONTROL_SHARE:
        return False
    if _is_utf8(sample):
        return True
    return max(prose_share(sample.decode(enc, errors="replace")) for enc in SINGLE_BYTE_CANDIDATES) >= MIN_PROSE_SHARE


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
