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
from functools import lru_cache

from ..document import Block, Document, Paragraph
from ..errors import CorruptFile, UnsupportedFormat
from ..i18n import _
from ..limits import DEFAULT_LIMITS, Limits
from ..problems import DECODING, NO_TABLE_MARKUP, REGROUPED_TABLE
from ..settings import DEFAULT_TEXT, TextSettings
from .common.finder_settings import DEFAULT_FINDER_SETTINGS, FinderSettings
from .sniff import TEXT_CONTROLS
from .txt_cells import DEFAULT_SETTINGS as DEFAULT_REGROUP
from .txt_cells import RegroupSettings
from .txt_cells import read_cell_blocks
from .txt_tabbed import DEFAULT_TABBED, TabbedSettings, looks_tabbed, read_tabbed_blocks

#: style names returned by ``detect_style``
STYLE_TABBED = "tabbed"
STYLE_LAYOUT = "layout"
STYLE_PLAIN = "plain"

#: the control characters that do not occur in text (``sniff.TEXT_CONTROLS`` do)
_CONTROL_CHARS = tuple(chr(c) for c in range(32) if chr(c) not in TEXT_CONTROLS)

NOTE_NO_TABLE_MARKUP = NO_TABLE_MARKUP.code

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def read_txt(data: bytes, *, path: str, limits: Limits = DEFAULT_LIMITS, text_settings: TextSettings = DEFAULT_TEXT,
             finder: FinderSettings = DEFAULT_FINDER_SETTINGS, regroup: RegroupSettings = DEFAULT_REGROUP,
             tabbed: TabbedSettings = DEFAULT_TABBED) -> Document:
    """Read TXT bytes into a Document (paragraphs and, when marked up, tables)."""
    text, encoding = decode_text(data, path=path, settings=text_settings)
    notes: list[tuple[str, str]] = []
    if encoding not in ("utf-8", "ascii"):
        notes.append(DECODING.note(file=path, encoding=encoding))
    style = detect_style(text, text_settings, tabbed)
    blocks: list[Block] | None = None
    if style == STYLE_TABBED:
        blocks = read_tabbed_blocks(text, finder.max_columns, tabbed)
        if not any(not isinstance(b, Paragraph) for b in blocks):
            blocks = None  # TAB-led lines but no table survived: try the rest
    if blocks is None and (style == STYLE_LAYOUT or (style == STYLE_TABBED and looks_like_layout(text, text_settings))):
        blocks = _read_layout(text, finder)
    if blocks is None:
        blocks = read_cell_blocks(text, regroup)
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


def decode_text(data: bytes, *, path: str, settings: TextSettings = DEFAULT_TEXT) -> tuple[str, str]:
    """Decode report bytes; return (text with LF line ends and no NULs, encoding name).

    Raises ``CorruptFile`` when a BOM promises an encoding the bytes break,
    and ``UnsupportedFormat`` when no supported encoding yields text.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as e:
                raise CorruptFile(path, _("the text declares {encoding} by its BOM but byte {byte} is invalid").format(
                    encoding=encoding, byte=e.start)) from e
            return _clean(text, path, settings), encoding
    # BOM-less UTF-16 first: Cyrillic UTF-16 is also valid (control-ridden) UTF-8
    utf16 = _bomless_utf16(data, settings)
    if utf16 is not None:
        try:
            return _clean(data.decode(utf16), path, settings), utf16
        except UnicodeDecodeError:
            pass
    try:
        return _clean(data.decode("utf-8"), path, settings), "utf-8"
    except UnicodeDecodeError:
        pass
    encoding = _guess_single_byte(data, settings)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UnsupportedFormat(
            path, f"cannot decode the text: it is not UTF-8, UTF-16 or one of {', '.join(settings.code_pages)}"
        ) from exc
    return _clean(text, path, settings), encoding


def _clean(text: str, path: str, settings: TextSettings = DEFAULT_TEXT) -> str:
    """Normalise line ends, drop NULs, and reject text that is mostly control characters."""
    if "\x00" in text:
        text = text.replace("\x00", "")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    sample = text[:settings.sniff_sample_bytes]
    if sample:
        control = sum(sample.count(ch) for ch in _CONTROL_CHARS)
        if control > len(sample) * settings.max_control_share:
            raise UnsupportedFormat(path, _("the bytes decode to control characters, not text"))
    return text


def _bomless_utf16(data: bytes, settings: TextSettings = DEFAULT_TEXT) -> str | None:
    """Return "utf-16-le"/"utf-16-be" for BOM-less UTF-16, else None.

    In UTF-16 text the high bytes of the code units take very few values
    (0x00 for ASCII, 0x04 for Cyrillic, 0x20 for punctuation), while the low
    bytes vary; the high bytes sit at odd positions in LE and even ones in BE.
    """
    sample = data[:settings.detection_sample_bytes]
    if len(sample) < 4 or 0 not in sample:
        return None
    sample = sample[: len(sample) // 2 * 2]
    even, odd = sample[0::2], sample[1::2]
    for high, low, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        nul = high.count(0)
        if (
            _concentration(high) >= settings.utf16_high_byte_share
            and nul >= len(high) * settings.utf16_min_ascii_share
            and nul > low.count(0) * 4
        ):
            return name
    return None


def _concentration(data: bytes) -> float:
    """Share of the two most frequent byte values in ``data``."""
    counts = sorted((data.count(bytes([v])) for v in set(data)), reverse=True)
    return sum(counts[:2]) / len(data) if data else 0.0


def _guess_single_byte(data: bytes, settings: TextSettings = DEFAULT_TEXT) -> str:
    """The default code page (cp1251) unless charset-normalizer and a plausibility check both prefer
    another of ``settings.code_pages`` (KOI8-U, cp866, cp1125)."""
    sample = data[:settings.detection_sample_bytes]
    default_name, *alternatives = settings.code_pages
    proposed = None
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(sample, cp_isolation=list(settings.code_pages)).best()
        if best is not None:
            proposed = codecs.lookup(best.encoding).name
    except Exception:  # the detector is only a hint; never let it fail the read
        proposed = None
    default = codecs.lookup(default_name).name
    if proposed is None or proposed == default:
        return default_name
    if proposed not in {codecs.lookup(e).name for e in alternatives}:
        return default_name
    try:
        alt = cyrillic_plausibility(sample.decode(proposed, errors="replace"))
        base = cyrillic_plausibility(sample.decode(default_name, errors="replace"))
    except LookupError:
        return default_name
    return proposed if alt > base + settings.plausibility_margin else default_name


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


def detect_style(text: str, settings: TextSettings = DEFAULT_TEXT, tabbed: TabbedSettings = DEFAULT_TABBED) -> str:
    """Which table markup the text uses: "tabbed", "layout" or "plain"."""
    if looks_tabbed(text, tabbed):
        return STYLE_TABBED
    if looks_like_layout(text, settings):
        return STYLE_LAYOUT
    return STYLE_PLAIN


def looks_like_layout(text: str, settings: TextSettings = DEFAULT_TEXT) -> bool:
    """A pdftotext -layout rendering: form feeds, or several lines with wide space gaps."""
    if "\f" in text:
        return True
    gap = _layout_gap_re(settings.layout_gap)
    gapped = 0
    for i, line in enumerate(_iter_lines(text)):
        if i >= settings.layout_sample_lines:
            break
        if gap.search(line, 0, settings.layout_line_chars):
            gapped += 1
            if gapped >= settings.layout_min_gapped_lines:
                return True
    return False


@lru_cache(maxsize=None)
def _layout_gap_re(spaces: int) -> re.Pattern:
    """Two words with at least ``spaces`` spaces between them (a layout column gap)."""
    return re.compile(r"\S {%d,}\S" % spaces)


def _iter_lines(text: str):
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start:end]
        start = end + 1


def _read_layout(text: str, finder: FinderSettings = DEFAULT_FINDER_SETTINGS) -> list[Block] | None:
    """The pdftotext -layout reader's blocks; None when it declines.

    Imported here, not at the top, only to keep the cost of the table finder off
    texts that never need it; a failing import is a bug and raises.
    """
    from .txt_layout import read_layout_blocks

    return read_layout_blocks(text, finder)


def plain_paragraphs(text: str) -> list[Block]:
    """Every line one paragraph (the final line end does not open an empty paragraph)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [Paragraph(line) for line in lines]
