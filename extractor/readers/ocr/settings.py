"""OCR settings: one frozen, validated dataclass.

``mode`` decides which PDF pages are recognised: ``auto`` only pages without
a text layer (a scan), ``always`` every page (for a text layer that is
garbage), ``never`` none (a scanned page is then only named in a warning, as
before OCR existed). The rest tunes the recognition; every threshold has one
home here.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

MODES = ("auto", "always", "never")
#: Tesseract language names: "ukr", "eng", "ukr+eng"
_LANG = regex.compile(r"^[A-Za-z_]{3,}(?:\+[A-Za-z_]{3,})*$")


@dataclass(frozen=True)
class OcrSettings:
    """How scanned pages are read (see the module docstring); validated on creation."""

    mode: str = "auto"
    #: Tesseract languages, "+"-joined; the first is the main one
    lang: str = "ukr+eng"
    #: resolution the page is rendered at for recognition
    dpi: int = 300
    #: a page turned by more than this (degrees) is not looked at for skew beyond it
    max_skew: float = 3.0
    #: shortest horizontal / vertical ruling line, in millimetres on paper
    min_rule_mm: float = 6.0
    min_vertical_rule_mm: float = 5.0
    #: shortest vertical line that is a rule when it runs from one horizontal rule to another
    #: (the border between two cells of a one-line table row)
    min_cell_border_mm: float = 2.5
    #: a word or cell read with a confidence below this is named in an ``ocr-low-confidence`` warning
    low_confidence: float = 0.80
    #: a cell whose words' lowest confidence is below this is read again on its own
    reread_below: float = 0.97

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"OCR mode must be one of {', '.join(MODES)}, got {self.mode!r}")
        if not isinstance(self.lang, str) or not _LANG.match(self.lang):
            raise ValueError(f"OCR languages must be Tesseract names joined by '+' (e.g. ukr+eng), got {self.lang!r}")
        if not isinstance(self.dpi, int) or not 70 <= self.dpi <= 1200:
            raise ValueError(f"OCR resolution must be a whole number of dpi from 70 to 1200, got {self.dpi!r}")
        if not 0 <= self.max_skew <= 45:
            raise ValueError(f"max_skew must be within 0..45 degrees, got {self.max_skew!r}")
        for name in ("min_rule_mm", "min_vertical_rule_mm", "min_cell_border_mm"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive, got {getattr(self, name)!r}")
        for name in ("low_confidence", "reread_below"):
            if not 0 <= getattr(self, name) <= 1:
                raise ValueError(f"{name} must be within 0..1, got {getattr(self, name)!r}")

    @property
    def languages(self) -> list[str]:
        return self.lang.split("+")

    def pixels(self, millimetres: float) -> int:
        """A length on paper in pixels at this resolution."""
        return max(1, round(millimetres / 25.4 * self.dpi))


DEFAULT_OCR = OcrSettings()
