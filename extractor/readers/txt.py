"""Read a plain-text report into the format-neutral Document.

Three steps, each a pure function:

1. **Decode** (``decode_text``). A BOM decides first (UTF-8, UTF-16 LE/BE,
   UTF-32). Otherwise strict UTF-8 is tried (the fast path: most files are
   UTF-8). UTF-16 without a BOM is recognised by its regular NUL bytes.
   Anything else is a single-byte Cyrillic code page: cp1251 by default;
   KOI8-U, cp866 or cp1125 (Ukrainian DOS) only when charset-normalizer proposes it *and* the text
   decoded that way reads as more plausible Ukrainian than cp1251 (mostly
   lower-case Cyrillic letters, few box-drawing or control characters).
   Line ends are normalised (CRLF, CR → LF) and NUL characters removed.
2. **Dispatch** (``detect_style``): the text is either
   * a Word "TAB export" – every table cell starts on a line beginning with a
     TAB (``extractor.readers.txt_tabbed``);
   * a ``pdftotext -layout`` rendering – form feeds and columns aligned by
     runs of spaces (``extractor.readers.txt_layout``, written separately and
     imported lazily);
   * plain running text. A LibreOffice "Text" export of a document with
     tables falls here: LibreOffice writes each table cell's paragraphs as
     ordinary lines with no separator, so the table cannot be recovered.
     The reader then yields paragraphs only and adds the note
     ``no-table-markup`` to ``Document.notes``.
3. **Build** the Document: ``Document(format="txt", pages=None)``. Outside
   tables every line is one ``Paragraph`` (empty lines included, as the DOCX
   reader keeps empty paragraphs); characters are kept as they are (no-break
   spaces, soft hyphens): clean-up belongs to ``extractor.normalize``.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from ..document import Block, Document, Paragraph
from ..errors import CorruptFile, UnsupportedFormat
from ..limits import DEFAULT_LIMITS, Limits
from ..problems import DECODING, NO_TABLE_MARKUP, REGROUPED_TABLE
from .txt_cells import read_cell_blocks
from .txt_tabbed import looks_tabbed, read_tabbed_blocks

#: style names returned by ``detect_style``
STYLE_TABBED = "tabbed"
STYLE_LAYOUT = "layout"
STYLE_PLAIN = "plain"

#: the single-byte code page assumed when the bytes are not UTF-8/UTF-16
DEFAULT_SINGLE_BYTE = "cp1251"
#: other single-byte Cyrillic code pages accepted from charset-normalizer
#: (cp1125 is the Ukrainian DOS code page: cp866 with І, і, Ґ, ґ)
ALTERNATIVE_SINGLE_BYTE = ("koi8_u", "cp866", "cp1125")
#: how many bytes charset-normalizer looks at (it is slow on large inputs)
DETECTION_SAMPLE_BYTES = 256 * 1024
#: share of the two commonest high bytes that marks BOM-less UTF-16
UTF16_HIGH_BYTE_SHARE = 0.9
#: share of code units that must be ASCII (spaces, digits: a NUL high byte)
UTF16_MIN_ASCII_SHARE = 0.05
#: a decoded text with more than this share of control characters is not text
MAX_CONTROL_SHARE = 0.05
#: the control characters that do not occur in text
_CONTROL_CHARS = tuple(chr(c) for c in range(32) if chr(c) not in "\t\n\f\v")
#: how much more plausible an alternative code page must read than cp1251
PLAUSIBILITY_MARGIN = 0.1

#: lines looked at to recognise a pdftotext -layout rendering
LAYOUT_SAMPLE_LINES = 400
#: characters of each sample line looked at (a 50 MB line costs no more)
LAYOUT_LINE_CHARS = 4096
#: a gap of at least this many spaces between words separates layout columns
LAYOUT_GAP = 3
#: lines with a column gap needed (besides form feeds) to call text "layout"
LAYOUT_MIN_GAPPED_LINES = 5

NOTE_NO_TABLE_MARKUP = NO_TABLE_MARKUP.code
NOTE_DECODING = DECODING.code

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_LAYOUT_GAP_RE = re.compile(r"\S {%d,}\S" % LAYOUT_GAP)


def read_txt(data: bytes, *, path: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read TXT bytes into a Document (paragraphs and, when marked up, tables)."""
    text, encoding = decode_text(data, path=path)
    notes: list[tuple[str, str]] = []
    if encoding not in ("utf-8", "ascii"):
        notes.append(DECODING.note(file=path, encoding=encoding))
    style = detect_style(text)
    blocks: list[Block] | None = None
    if style == STYLE_TABBED:
        blocks = read_tabbed_blocks(text)
        if not any(not isinstance(b, Paragraph) for b in blocks):
            blocks = None  # TAB-led lines but no table survived: try the rest
    if blocks is None and (style == STYLE_LAYOUT or (style == STYLE_TABBED and looks_like_layout(text))):
        blocks = _read_layout(text)
    if blocks is None:
        blocks = read_cell_blocks(text)
        if blocks is not None:
            n = sum(1 for b in blocks if not isinstance(b, Paragraph))
            notes.append(REGROUPED_TABLE.note(file=path, count=n))
    if blocks is None:
        blocks = plain_paragraphs(text)
    doc = Document(blocks=blocks, format="txt", pages=None, notes=notes)
    if not doc.tables:
        doc.notes.append(NO_TABLE_MARKUP.note(file=path))
    return doc


# -- decoding ---------------------------------------------------------------------------


def decode_text(data: bytes, *, path: str) -> tuple[str, str]:
    """Decode report bytes; return (text with LF line ends and no NULs, encoding name).

    Raises ``CorruptFile`` when a BOM promises an encoding the bytes break,
    and ``UnsupportedFormat`` when no supported encoding yields text.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as e:
                raise CorruptFile(path, f"the text declares {encoding} by its BOM but byte {e.start} is invalid") from e
            return _clean(text, path), encoding
    # BOM-less UTF-16 first: Cyrillic UTF-16 is also valid (control-ridden) UTF-8
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        try:
            return _clean(data.decode(utf16), path), utf16
        except UnicodeDecodeError:
            pass
    try:
        return _clean(data.decode("utf-8"), path), "utf-8"
    except UnicodeDecodeError:
        pass
    encoding = _guess_single_byte(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UnsupportedFormat(
            path, "cannot decode the text: it is not UTF-8, UTF-16, cp1251, KOI8-U, cp866 or cp1125"
        ) from exc
    return _clean(text, path), encoding


def _clean(text: str, path: str) -> str:
    """Normalise line ends, drop NULs, and reject text that is mostly control characters."""
    if "\x00" in text:
        text = text.replace("\x00", "")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    sample = text[:65536]
    if sample:
        control = sum(sample.count(ch) for ch in _CONTROL_CHARS)
        if control > len(sample) * MAX_CONTROL_SHARE:
            raise UnsupportedFormat(path, "the bytes decode to control characters, not text")
    return text


def _bomless_utf16(data: bytes) -> str | None:
    """Return "utf-16-le"/"utf-16-be" for BOM-less UTF-16, else None.

    In UTF-16 text the high bytes of the code units take very few values
    (0x00 for ASCII, 0x04 for Cyrillic, 0x20 for punctuation), while the low
    bytes vary; the high bytes sit at odd positions in LE and even ones in BE.
    """
    sample = data[:DETECTION_SAMPLE_BYTES]
    if len(sample) < 4 or 0 not in sample:
        return None
    sample = sample[: len(sample) // 2 * 2]
    even, odd = sample[0::2], sample[1::2]
    for high, low, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        nul = high.count(0)
        if (
            _concentration(high) >= UTF16_HIGH_BYTE_SHARE
            and nul >= len(high) * UTF16_MIN_ASCII_SHARE
            and nul > low.count(0) * 4
        ):
            return name
    return None


def _concentration(data: bytes) -> float:
    """Share of the two most frequent byte values in ``data``."""
    counts = sorted((data.count(bytes([v])) for v in set(data)), reverse=True)
    return sum(counts[:2]) / len(data) if data else 0.0


def _guess_single_byte(data: bytes) -> str:
    """cp1251 unless charset-normalizer and a plausibility check both prefer KOI8-U, cp866 or cp1125."""
    sample = data[:DETECTION_SAMPLE_BYTES]
    proposed = None
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(sample, cp_isolation=[DEFAULT_SINGLE_BYTE, *ALTERNATIVE_SINGLE_BYTE]).best()
        if best is not None:
            proposed = codecs.lookup(best.encoding).name
    except Exception:  # the detector is only a hint; never let it fail the read
        proposed = None
    default = codecs.lookup(DEFAULT_SINGLE_BYTE).name
    if proposed is None or proposed == default:
        return DEFAULT_SINGLE_BYTE
    if proposed not in {codecs.lookup(e).name for e in ALTERNATIVE_SINGLE_BYTE}:
        return DEFAULT_SINGLE_BYTE
    try:
        alt = cyrillic_plausibility(sample.decode(proposed, errors="replace"))
        base = cyrillic_plausibility(sample.decode(DEFAULT_SINGLE_BYTE, errors="replace"))
    except LookupError:
        return DEFAULT_SINGLE_BYTE
    return proposed if alt > base + PLAUSIBILITY_MARGIN else DEFAULT_SINGLE_BYTE


def cyrillic_plausibility(text: str) -> float:
    """Score in [0, 1]: how much the non-ASCII part of ``text`` reads like Ukrainian prose.

    Prose is mostly lower-case letters; a wrong code page turns Cyrillic into
    upper case (KOI8 vs cp1251), box-drawing signs or symbols (cp866 vs cp1251).
    """
    letters = lower = other = 0
    for ch in text:
        if ch < "\x80":
            continue
        cat = unicodedata.category(ch)
        if cat.startswith("L"):
            letters += 1
            if cat == "Ll":
                lower += 1
        else:
            other += 1
    total = letters + other
    if not total:
        return 0.0
    return (lower / total) * 0.7 + (letters / total) * 0.3


# -- dispatch ----------------------------------------------------------------------------


def detect_style(text: str) -> str:
    """Which table markup the text uses: "tabbed", "layout" or "plain"."""
    if looks_tabbed(text):
        return STYLE_TABBED
    if looks_like_layout(text):
        return STYLE_LAYOUT
    return STYLE_PLAIN


def looks_like_layout(text: str) -> bool:
    """A pdftotext -layout rendering: form feeds, or several lines with wide space gaps."""
    if "\f" in text:
        return True
    gapped = 0
    for i, line in enumerate(_iter_lines(text)):
        if i >= LAYOUT_SAMPLE_LINES:
            break
        if _LAYOUT_GAP_RE.search(line, 0, LAYOUT_LINE_CHARS):
            gapped += 1
            if gapped >= LAYOUT_MIN_GAPPED_LINES:
                return True
    return False


def _iter_lines(text: str):
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start:end]
        start = end + 1


def _read_layout(text: str) -> list[Block] | None:
    """The pdftotext -layout reader's blocks; None when it declines.

    Imported here, not at the top, only to keep the cost of the table finder off
    texts that never need it; a failing import is a bug and raises.
    """
    from .txt_layout import read_layout_blocks

    return read_layout_blocks(text)


def plain_paragraphs(text: str) -> list[Block]:
    """Every line one paragraph (the final line end does not open an empty paragraph)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [Paragraph(line) for line in lines]
