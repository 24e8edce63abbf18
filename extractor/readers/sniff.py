"""Tell the real type of an input from its bytes, not its name."""

from __future__ import annotations

import io
import zipfile

PDF = "pdf"
DOCX = "docx"
TXT = "txt"

_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
#: how far into the file a PDF header may start (some producers prepend junk)
_PDF_HEADER_WINDOW = 1024
_TEXT_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def sniff(data: bytes) -> str | None:
    """Return "pdf", "docx" or "txt" for the bytes, or None when they are none of these.

    A zip is DOCX only when it holds ``word/document.xml``; other zips
    (XLSX, ODT, plain archives) are not reports. Text is bytes that decode
    as UTF-8/UTF-16 with a BOM, or that hold no control bytes other than
    whitespace (cp1251 and other single-byte encodings pass this test).
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
    return TXT if _looks_like_text(data[:65536]) else None


def _looks_like_text(sample: bytes) -> bool:
    if b"\x00" in sample:
        # UTF-16 without BOM: every other byte is NUL in Latin text; accept
        # only when the NULs are regular, otherwise it is binary.
        nul_share = sample.count(b"\x00") / len(sample)
        if not (0.3 < nul_share < 0.6):
            return False
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control <= len(sample) * 0.01
