"""OCR settings: one frozen, validated dataclass.

``mode`` decides which PDF pages are recognised: ``auto`` pages without a
text layer (a scan) and pages whose text layer is unreadable (a font without
Unicode mapping: "(cid:N)"), ``always`` every page (for a text layer that is
garbage in another way), ``never`` none (a scanned page is then only named in a warning, as
before OCR existed). ``lang`` and ``dpi`` are the command line's
``--ocr-lang`` and ``--ocr-dpi``. The rest tunes the recognition; every
threshold of the OCR modules has its one home here.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

MODES = ("auto", "always", "never")
#: Tesseract language names: "ukr", "eng", "ukr+eng"
_LANG = regex.compile(r"^[A-Za-z_]{3,}(?:\+[A-Za-z_]{3,})*$")


@dataclass(frozen=True)
class OcrSettings:
    """How scanned pages are read (see the module docstring); validated on creation.

    Lengths on paper are in millimetres (turned into pixels at ``dpi``),
    confidences and shares within 0..1.
    """

    #: which pages are recognised: auto (pages without a text layer), always, never
    mode: str = "auto"
    #: Tesseract languages, "+"-joined; the first is the main one
    lang: str = "ukr+eng"
    #: resolution the page is rendered at for recognition
    dpi: int = 300
    #: a page turned by more than this (degrees) is not looked at for skew beyond it
    max_skew: float = 3.0
    #: a turn smaller than this (degrees) is not worth turning the image back for
    min_skew: float = 0.02
    #: shortest horizontal / vertical ruling line
    min_rule_mm: float = 6.0
    min_vertical_rule_mm: float = 5.0
    #: shortest vertical line that is a rule when it runs from one horizontal rule to another
    #: (the border between two cells of a one-line table row)
    min_cell_border_mm: float = 2.5
    #: paper kept clear of a cell's border lines (their middle) when the cell is read on its own:
    #: half a thick rule and the rough edge a scan gives it
    cell_inset_mm: float = 0.5
    #: ink (square millimetres, rules left out) a cell must hold to be read at all (a dash holds 0.4)
    min_cell_ink_mm2: float = 0.2
    #: ink of a cell that fits in a square of this side is dust, not text (the smallest character
    #: printed in a table, a period aside, is larger; a dash is told by its shape first)
    min_text_mm: float = 1.0
    #: dust: a mark of at most this area and size with no other ink within ``speck_clearance_mm``
    speck_mm2: float = 0.25
    speck_size_mm: float = 0.7
    speck_clearance_mm: float = 0.8
    #: ... unless other ink stands within this distance to its left in its rows: a period after its character
    period_lead_mm: float = 1.5
    #: coloured ink (stamps, signatures), not print: red, green and blue levels at least this far apart
    #: and by this share of the pixel's darkness, or blue above red and green by ``colour_blue``
    colour_chroma: int = 12
    colour_saturation: float = 0.25
    colour_blue: int = 18
    #: measured font sizes within this share of the median of their reading are that size
    size_snap: float = 0.2
    #: a value read with a confidence below this is named in an ``ocr-low-confidence`` warning
    low_confidence: float = 0.80
    #: a cell read with less than this may be a misread dash (a short reading) and is checked for one
    reread_below: float = 0.97
    #: the most a number is trusted when its two readings (text and digits models) give different numbers
    disputed: float = 0.5
    #: confidence given to a dash told by its shape (``image.is_dash`` is strict)
    dash_confidence: float = 0.95
    #: a reading of at most this many characters may be a misread dash or a stray mark
    short_reading: int = 3
    #: a page without rules whose lines show this many tab-separated parts, on this many lines,
    #: is named in an ``ocr-no-rules`` note
    column_parts: int = 3
    column_lines: int = 3
    #: a page whose reading shows columns is read a second time for the text its layout analysis dropped
    #: (Tesseract's sparse mode); a word only that reading found is kept when read with at least this confidence
    sparse_confidence: float = 0.6
    #: ... and its numbers read again by the digits reader, numeric words of a line closer than this many
    #: font sizes as one number (a group space read as a word space)
    number_group_gap: float = 0.6
    #: decimals check: a kind of number (amounts, percents, one unit) with at least this many values,
    #: this share of them with one count of decimals
    decimals_min_values: int = 3
    decimals_majority: float = 0.75
    #: font size (points) assumed for a cell that holds only a dash (places its line's baseline)
    dash_font_size: float = 11.0
    #: the shortest header word put back when misread by one letter (shorter words are too alike)
    header_word_min: int = 5
    #: a recognised line's glyph box, as typeset text has it (``page.glyph_box``), in shares of the size
    #: Tesseract measures (row height less descenders, about 1.18 of the font size): from ``ascent`` above
    #: the baseline, ``glyph_height`` tall; a word's box is widened by ``side_bearing`` on each side
    ascent: float = 0.68
    glyph_height: float = 0.85
    side_bearing: float = 0.06

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"OCR mode must be one of {', '.join(MODES)}, got {self.mode!r}")
        if not isinstance(self.lang, str) or not _LANG.match(self.lang):
            raise ValueError(f"OCR languages must be Tesseract names joined by '+' (e.g. ukr+eng), got {self.lang!r}")
        if not isinstance(self.dpi, int) or isinstance(self.dpi, bool) or not 70 <= self.dpi <= 1200:
            raise ValueError(f"OCR resolution must be a whole number of dpi from 70 to 1200, got {self.dpi!r}")
        if not 0 <= self.max_skew <= 45 or not 0 <= self.min_skew <= self.max_skew:
            raise ValueError(f"skew limits must satisfy 0 <= min_skew <= max_skew <= 45, got "
                             f"{self.min_skew!r} and {self.max_skew!r}")
        for name in ("min_rule_mm", "min_vertical_rule_mm", "min_cell_border_mm", "cell_inset_mm",
                     "min_cell_ink_mm2", "min_text_mm", "speck_mm2", "speck_size_mm", "speck_clearance_mm", "period_lead_mm",
                     "dash_font_size", "number_group_gap"):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or value <= 0:
                raise ValueError(f"{name} must be positive, got {value!r}")
        for name in ("colour_saturation", "size_snap", "low_confidence", "reread_below", "disputed",
                     "dash_confidence", "decimals_majority", "ascent", "glyph_height", "side_bearing",
                     "sparse_confidence"):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or not 0 <= value <= 1:
                raise ValueError(f"{name} must be within 0..1, got {value!r}")
        for name in ("colour_chroma", "colour_blue", "short_reading", "column_parts", "column_lines",
                     "decimals_min_values", "header_word_min"):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a whole number of at least 1, got {value!r}")

    @property
    def languages(self) -> list[str]:
        return self.lang.split("+")

    def pixels(self, millimetres: float) -> int:
        """A length on paper in pixels at this resolution."""
        return max(1, round(millimetres / 25.4 * self.dpi))

    def area(self, square_millimetres: float) -> int:
        """An area on paper in pixels at this resolution."""
        return max(1, round(square_millimetres * (self.dpi / 25.4) ** 2))


DEFAULT_OCR = OcrSettings()
