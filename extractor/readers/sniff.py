"""Tell the real type of an input from its bytes, not its name."""

from __future__ import annotations

import io
import unicodedata
import zipfile

PDF = "pdf"
DOCX = "docx"
TXT = "txt"

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


def sniff(data: bytes) -> str | None:
    """Return "pdf", "docx" or "txt" for the bytes, or None when they are none of these.

    A zip is DOCX only when it holds ``word/document.xml``; other zips
    (XLSX, ODT, plain archives) are not reports. Text is bytes that start
    with a UTF-8/UTF-16 BOM, or that hold no control bytes beyond white space
    (and a few stray NULs) and either decode as UTF-8 (or BOM-less UTF-16) or
    read as prose in a single-byte Cyrillic code page: cased words, digits,
    white space and common signs, which random or binary bytes never do.
    """
    if not data:
        return None
    if _PDF_MAGIC in data[:_PDF_HEADER_WINDOW]:
        return PDF
    if data.startswith(_ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return DOCX  # a broken zip: the DOCX reader reports it as corrupt
        return DOCX if "word/document.xml" in names or "[Content_Types].xml" in names else None
    if data.startswith(_TEXT_BOMS):
        return TXT
    return TXT if looks_like_text(data[:TEXT_SAMPLE_BYTES]) else None


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
