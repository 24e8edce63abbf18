"""Every setting of a parse, as data: one frozen, validated root gathering the per-algorithm settings.

``Settings`` is what ``parse(..., settings=...)``, ``batch`` and the command
line hand down; each stage takes the part it needs:

========== ======================================================= ==========================================
field      what it tunes                                            class
========== ======================================================= ==========================================
limits     resource limits (file size, pages, inflation, timeout)  ``extractor.limits.Limits``
text       decoding and sniffing text (code pages, control bytes)  ``TextSettings``
pdf        the PDF reader (engine, page geometry)                  ``PdfSettings``
finder     the table finder over positioned words                  ``readers.common.finder_settings.FinderSettings``
regroup    tables written one cell per line                        ``readers.txt_cells.RegroupSettings``
tabbed     tables of a Word "TAB export" (cells on TAB-led lines)  ``readers.txt_tabbed.TabbedSettings``
ocr        OCR of scanned pages                                    ``readers.ocr.settings.OcrSettings``
extract    extraction (captions, header rows, labels, years)       ``ExtractSettings``
coverage   when a report's coverage is worth a warning             ``extract.coverage.CoverageSettings``
checks     the consistency checks' tolerances                      ``CheckSettings``
========== ======================================================= ==========================================

Nothing below the command line reads the environment: the CLI turns
``$EXTRACTOR_PDF_ENGINE`` into ``PdfSettings.engine``. Change one part with
``dataclasses.replace(default_settings(), limits=Limits(max_pages=10))``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from decimal import Decimal

from typing import TYPE_CHECKING

from .limits import DEFAULT_LIMITS, Limits

if TYPE_CHECKING:  # imported when first needed: the readers import this module
    from .extract.coverage import CoverageSettings
    from .readers.common.finder_settings import FinderSettings
    from .readers.ocr.settings import OcrSettings
    from .readers.txt_cells import RegroupSettings
    from .readers.txt_tabbed import TabbedSettings
    from .extract.classify import ClassifySettings
    from .extract.funding import FundingSettings


def _shares(obj: object, *names: str) -> None:
    for name in names:
        value = getattr(obj, name)
        if not 0 < value <= 1:
            raise ValueError(f"{name} is a share and must lie in (0, 1], got {value!r}")


def _positive(obj: object, *names: str) -> None:
    for name in names:
        value = getattr(obj, name)
        if isinstance(value, bool) or not value > 0:
            raise ValueError(f"{name} must be positive, got {value!r}")


@dataclass(frozen=True)
class TextSettings:
    """Telling text from binary and decoding it: shared by the sniffer, the TXT and the HTML reader."""

    #: single-byte code pages a text that is not UTF-8 may be in; the first is the default
    code_pages: tuple[str, ...] = ("cp1251", "koi8_u", "cp866", "cp1125")
    #: share of control characters (other than TAB, LF, VT, FF, CR) text may hold; more is binary
    max_control_share: float = 0.01
    #: bytes at the start of a file looked at to decide whether it is text
    sniff_sample_bytes: int = 65536
    #: bytes looked at to tell an encoding (BOM-less UTF-16, a single-byte code page)
    detection_sample_bytes: int = 256 * 1024
    #: share of NUL bytes in BOM-less UTF-16 (every other byte in Latin text): (lowest, highest)
    utf16_nul_share: tuple[float, float] = (0.3, 0.6)
    #: BOM-less UTF-16: the two most frequent high bytes cover at least this share ...
    utf16_high_byte_share: float = 0.9
    #: ... and at least this share of the high bytes are NUL (ASCII: digits, spaces, punctuation)
    utf16_min_ascii_share: float = 0.05
    #: text may carry a few stray NUL bytes (a broken export, padding); more make it binary
    max_stray_nul_share: float = 0.1
    #: share of a non-UTF-8 sample that must read as prose in one of the code pages
    min_prose_share: float = 0.9
    #: another code page beats the default only when its text is this much more plausibly Cyrillic
    plausibility_margin: float = 0.1
    #: an HTML page declared Latin-1 is read as cp1251 when that gives this much more Cyrillic
    mislabel_margin: float = 0.3
    #: bytes at the start of an HTML file looked at for its markup and for its declared charset
    html_sample_bytes: int = 4096
    #: an HTML table holding tables of its own in at most this many cells lays out the page (its cells are read
    #: as the page's flow), a bigger one is data
    html_layout_max_cells: int = 12
    #: text style: lines looked at to recognise a pdftotext -layout rendering ...
    layout_sample_lines: int = 400
    #: ... characters of each of them (a 50 MB line costs no more) ...
    layout_line_chars: int = 4096
    #: ... a gap of at least this many spaces between words separates layout columns ...
    layout_gap: int = 3
    #: ... and this many lines with such a gap (besides form feeds) make the text "layout"
    layout_min_gapped_lines: int = 5

    def __post_init__(self) -> None:
        if not self.code_pages:
            raise ValueError("code_pages must name at least one code page")
        import codecs

        for name in self.code_pages:
            codecs.lookup(name)  # LookupError for a code page Python does not know
        _shares(self, "max_control_share", "utf16_high_byte_share", "utf16_min_ascii_share", "max_stray_nul_share",
                "min_prose_share", "plausibility_margin", "mislabel_margin")
        _positive(self, "sniff_sample_bytes", "detection_sample_bytes", "html_sample_bytes", "html_layout_max_cells",
                  "layout_sample_lines", "layout_line_chars", "layout_gap", "layout_min_gapped_lines")
        low, high = self.utf16_nul_share
        if not 0 < low < high < 1:
            raise ValueError("utf16_nul_share must be (low, high) with 0 < low < high < 1")

    @property
    def default_code_page(self) -> str:
        return self.code_pages[0]


#: the PDF engines: PDFium where it can promise pdfplumber's result (auto), or pdfplumber only
PDF_ENGINES = ("auto", "pdfplumber")


@dataclass(frozen=True)
class PdfSettings:
    """The PDF reader's choices and its page geometry (lengths in points, or in ems of the font size)."""

    #: auto = PDFium where it proves to give pdfplumber's result, else pdfplumber; pdfplumber = always
    engine: str = "auto"
    #: pages whose widths differ by less than this share one text column (``readers.pdf``)
    page_width_tolerance: float = 2.0
    #: characters: a horizontal gap wider than this separates words (pdfplumber's default x tolerance) ...
    word_gap: float = 3.0
    #: ... and words whose tops are this close share a line (pdfplumber's default y tolerance)
    line_tolerance: float = 3.0
    #: a gap of this many ems between two words of a line is a tab stop, kept as a TAB
    tab_gap_em: float = 3.0
    #: share of a page's characters with no Unicode mapping ("(cid:N)") that makes its text unreadable
    unmapped_share: float = 0.1
    #: ruled tables: cell edges within this many points are one grid line (``readers.pdf_tables``)
    edge_tolerance: float = 3.0
    #: paragraphs (``readers.pdf_text``): a wider gap between two lines than this many ems separates them ...
    paragraph_gap_em: float = 1.0
    #: ... a line is full when the room left is narrower than the next line's first word plus this many ems ...
    wrap_slack_em: float = 0.3
    #: ... a line may start this far right of the one before and still continue it ...
    indent_tolerance: float = 2.0
    #: ... and in justified text a line ending more than this many ems short of the right edge ends its paragraph;
    justified_slack_em: float = 0.15
    #: a paragraph's first line starts at most this many ems right of the text column's left edge (indent)
    indent_em: float = 4.0
    #: a line whose middle is this many points or fewer from the column's middle is centred
    centre_tolerance: float = 3.0
    #: share of the page height at its top and bottom where page numbers and running headers stand
    margin_band: float = 0.1
    #: a running header or footer stands at the same height, within this, on every page
    running_tolerance: float = 3.0

    def __post_init__(self) -> None:
        if self.engine not in PDF_ENGINES:
            raise ValueError(f"unknown PDF engine {self.engine!r}; choose from {', '.join(PDF_ENGINES)}")
        _shares(self, "unmapped_share")
        _positive(self, "page_width_tolerance", "word_gap", "line_tolerance", "tab_gap_em", "edge_tolerance",
                  "paragraph_gap_em", "wrap_slack_em", "indent_tolerance",
                  "justified_slack_em", "indent_em", "centre_tolerance", "running_tolerance")
        if not 0 < self.margin_band < 0.5:
            raise ValueError(f"margin_band is a share of the page height under one half, got {self.margin_band!r}")


@dataclass(frozen=True)
class ExtractSettings:
    """Extraction's windows and bounds (``extractor.extract``, and the years of ``normalize.years``)."""

    #: how many blocks above a funding table may hold its unit caption ("(тис. грн)")
    caption_window: int = 3
    #: how many rows at the end of a data table may form a signature block
    signature_rows: int = 3
    #: at most this many full-width rows (a caption) may stand above a table's header
    max_caption_rows: int = 2
    #: a table's header has at most this many rows
    max_header_rows: int = 5
    #: a total row's label is a total phrase plus at most this many characters ("Усього по Програмі:")
    max_total_label_extra: int = 40
    #: how many logical lines from the top the title may stand at
    title_window: int = 15
    #: at most this many lines above the signatory's name make up the position
    max_position_lines: int = 4
    #: the earliest and the latest year read as a year (of a term, of the program's period)
    min_year: int = 1990
    max_year: int = 2100
    #: a range of years wider than this is not expanded into its years ("1990-2100": the two years only)
    max_range_span: int = 30
    #: how columns the vocabulary does not know are classified (``extract.classify.ClassifySettings``;
    #: None: its defaults; the class lives beside the code it tunes, which imports this module)
    classify: "ClassifySettings | None" = None
    #: how a funding table's sum rows are told (``extract.funding.FundingSettings``; None: its defaults)
    funding: "FundingSettings | None" = None

    def __post_init__(self) -> None:
        parts = [name for name in ("classify", "funding") if getattr(self, name) is not None]
        for name, kind in (_extract_parts().items() if parts else ()):
            if name in parts and not isinstance(getattr(self, name), kind):
                raise TypeError(f"ExtractSettings.{name} must be a {kind.__name__}, got {type(getattr(self, name)).__name__}")
        _positive(self, "caption_window", "signature_rows", "max_header_rows", "title_window", "max_position_lines",
                  "min_year", "max_year", "max_range_span")
        for name in ("max_caption_rows", "max_total_label_extra"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{name} must be a whole number >= 0, got {value!r}")
        if not self.min_year < self.max_year:
            raise ValueError(f"min_year must be below max_year, got {self.min_year!r} and {self.max_year!r}")


@dataclass(frozen=True)
class CheckSettings:
    """Tolerances of the consistency checks (``extractor.checks``)."""

    #: percentage points always allowed on top of the printed rounding
    percent_slack: Decimal = Decimal("0.1")
    #: money units allowed per summed part (printed rounding)
    sum_slack_per_part: Decimal = Decimal("0.05")

    def __post_init__(self) -> None:
        for name in ("percent_slack", "sum_slack_per_part"):
            value = getattr(self, name)
            if not isinstance(value, Decimal) or value < 0:
                raise ValueError(f"{name} must be a Decimal >= 0, got {value!r}")


@dataclass(frozen=True)
class Settings:
    """The settings of a parse (see the module docstring); every part validated when it was made."""

    limits: Limits = DEFAULT_LIMITS
    text: TextSettings = field(default_factory=TextSettings)
    pdf: PdfSettings = field(default_factory=PdfSettings)
    finder: FinderSettings = field(default_factory=lambda: _kinds()["finder"]())
    regroup: RegroupSettings = field(default_factory=lambda: _kinds()["regroup"]())
    tabbed: TabbedSettings = field(default_factory=lambda: _kinds()["tabbed"]())
    ocr: OcrSettings = field(default_factory=lambda: _kinds()["ocr"]())
    extract: ExtractSettings = field(default_factory=ExtractSettings)
    checks: CheckSettings = field(default_factory=CheckSettings)
    coverage: CoverageSettings = field(default_factory=lambda: _kinds()["coverage"]())

    def __post_init__(self) -> None:
        kinds = _kinds()
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, kinds[f.name]):
                raise TypeError(f"Settings.{f.name} must be a {kinds[f.name].__name__}, got {type(value).__name__}")


def _extract_parts() -> dict[str, type]:
    """The classes of the parts of ExtractSettings (they live beside the code they tune)."""
    from .extract.classify import ClassifySettings
    from .extract.funding import FundingSettings

    return {"classify": ClassifySettings, "funding": FundingSettings}


def _kinds() -> dict[str, type]:
    """The class of each part of Settings."""
    from .extract.coverage import CoverageSettings
    from .readers.common.finder_settings import FinderSettings
    from .readers.ocr.settings import OcrSettings
    from .readers.txt_cells import RegroupSettings
    from .readers.txt_tabbed import TabbedSettings

    return {"limits": Limits, "text": TextSettings, "pdf": PdfSettings, "finder": FinderSettings,
            "regroup": RegroupSettings, "tabbed": TabbedSettings, "ocr": OcrSettings, "extract": ExtractSettings, "checks": CheckSettings,
            "coverage": CoverageSettings}

#: the settings of a parse nobody tuned (made on first use: its parts live in the readers)
_default: Settings | None = None


def default_settings() -> Settings:
    global _default
    if _default is None:
        _default = Settings()
    return _default


#: the defaults of the parts the readers need without the whole root (no import of the readers)
DEFAULT_TEXT = TextSettings()
DEFAULT_PDF = PdfSettings()
DEFAULT_EXTRACT = ExtractSettings()
DEFAULT_CHECKS = CheckSettings()


def settings_of(value: "Settings | Limits | None", ocr: OcrSettings | None = None) -> Settings:
    """The root settings of what a caller gave: Settings as they are, bare Limits (the older API) inside defaults."""
    if value is None:
        value = default_settings()
    elif isinstance(value, Limits):
        value = Settings(limits=value)
    elif not isinstance(value, Settings):
        raise TypeError(f"settings must be an extractor.Settings (or Limits), got {type(value).__name__}")
    if ocr is not None and ocr != value.ocr:
        from dataclasses import replace

        value = replace(value, ocr=ocr)
    return value
