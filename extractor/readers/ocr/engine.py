"""Tesseract, through tesserocr: words with boxes and confidences, and regions read again.

Why tesserocr and not pytesseract: tesserocr links libtesseract and keeps one
``TessBaseAPI`` per process, loaded once (about half a second for ukr+eng)
and reused for every page and every cell; it gives each word's box and
confidence, its text line and baseline from the result iterator, and reads a
rectangle of the page already set (``SetRectangle``) without copying or
re-encoding the image. pytesseract starts the ``tesseract`` program for every
call and parses its TSV output: the model is loaded again each time, so
reading a hundred cells of a page again would cost a hundred process starts.
tesserocr's wheels for Linux (manylinux, CPython 3.8–3.13) bundle
libtesseract and Leptonica, so ``pip install`` needs no compiler and no -dev
headers; the language data comes from the system (Debian:
``tesseract-ocr-ukr``), found by ``tessdata_path``.

The Python binding and the language data are looked up only when a page
needs OCR; anything missing raises ``OcrUnavailable`` with what to install.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import OcrUnavailable
from ...i18n import _

#: where Debian, Fedora, Homebrew and source builds put the language data
TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/usr/local/share/tesseract-ocr/tessdata",
    "/opt/homebrew/share/tessdata",
)
INSTALL_HINT = "apt-get install tesseract-ocr {packages}"

#: Tesseract page segmentation modes used here
PSM_AUTO = 3
PSM_BLOCK = 6
PSM_LINE = 7
PSM_SPARSE = 11


@dataclass(frozen=True)
class Word:
    """One recognised word, in image pixels; ``confidence`` is 0–1."""

    text: str
    x0: int
    top: int
    x1: int
    bottom: int
    confidence: float
    #: index of the text line the word belongs to (on its page, in reading order)
    line: int


@dataclass(frozen=True)
class Line:
    """A recognised text line: its box, baseline height at its middle, and the font's height in pixels."""

    x0: int
    top: int
    x1: int
    bottom: int
    baseline: float
    size: float


@dataclass
class Recognition:
    """What Tesseract read on a page (or a region of it)."""

    words: list[Word]
    lines: list[Line]

    @property
    def text(self) -> str:
        out: list[str] = []
        current = None
        for w in self.words:
            if current is not None:
                out.append(" " if w.line == current else "\n")
            out.append(w.text)
            current = w.line
        return "".join(out)

    @property
    def confidence(self) -> float | None:
        return min((w.confidence for w in self.words), default=None)


def debian_package(lang: str) -> str:
    return "tesseract-ocr-" + lang.lower().replace("_", "-")


def tessdata_path(languages: list[str], path: str) -> str:
    """The folder holding ``<lang>.traineddata`` for every language, or ``OcrUnavailable``.

    ``TESSDATA_PREFIX``, when set, is where the data is (the folder itself or
    its ``tessdata`` subfolder), as it is for Tesseract itself: a user who
    points it somewhere means that folder, so the system folders are not
    searched behind it. Otherwise the usual system folders are searched. The
    error names the missing files, where they were looked for and the
    Debian package that brings each.
    """
    prefix = os.environ.get("TESSDATA_PREFIX")
    candidates = [prefix, os.path.join(prefix, "tessdata")] if prefix else list(TESSDATA_DIRS)
    folders = [Path(c) for c in candidates if Path(c).is_dir()]
    for folder in folders:
        if all((folder / f"{lang}.traineddata").is_file() for lang in languages):
            return str(folder) + os.sep
    missing = [
        lang for lang in languages
        if not any((folder / f"{lang}.traineddata").is_file() for folder in folders)
    ] or languages
    packages = " ".join(debian_package(lang) for lang in missing)
    what = ", ".join(f"{lang}.traineddata" for lang in missing)
    where = f"TESSDATA_PREFIX={prefix}" if prefix else ", ".join(str(f) for f in folders) or "no tessdata folder"
    fix = INSTALL_HINT.format(packages=packages)
    if prefix:
        fix += f" (and unset TESSDATA_PREFIX), or copy {what} into {prefix}"
    raise OcrUnavailable(
        path,
        f"the PDF has scanned pages and OCR needs Tesseract's language data {what}, which {'are' if len(missing) > 1 else 'is'} not installed "
        f"(looked in {where}): {fix}",
    )


def _binding(path: str) -> Any:
    try:
        import tesserocr
    except ImportError as exc:
        raise OcrUnavailable(
            path,
            "the PDF has scanned pages and OCR needs the Python package tesserocr, which is not installed: "
            "pip install 'extractor-zvit[ocr]'",
        ) from exc
    return tesserocr


class Engine:
    """One Tesseract instance for a set of languages; ``image`` once per page, then ``page`` and ``region``."""

    def __init__(self, languages: list[str], path: str):
        tesserocr = _binding(path)
        self._tesserocr = tesserocr
        datapath = tessdata_path(languages, path)
        try:
            self._api = tesserocr.PyTessBaseAPI(path=datapath, lang="+".join(languages), psm=PSM_AUTO)
        except RuntimeError as exc:
            raise OcrUnavailable(path, _("Tesseract could not load its language data from {folder}: {reason}").format(
                folder=datapath, reason=exc)) from exc
        self.version = tesserocr.tesseract_version().split()[1] if tesserocr.tesseract_version() else "?"
        self.languages = "+".join(languages)

    def set_image(self, image: Any, dpi: int) -> None:
        """The page image (a Pillow "L" image) that ``page`` and ``region`` read."""
        self._api.SetImage(image)
        self._api.SetSourceResolution(dpi)

    def page(self, *, sparse: bool = False) -> Recognition:
        """Every word of the page, with Tesseract's own page layout analysis; ``sparse``: as much text as can
        be found, in no particular order (each piece of text a line of its own)."""
        self._api.SetPageSegMode(PSM_SPARSE if sparse else PSM_AUTO)
        self._api.SetVariable("tessedit_char_whitelist", "")
        self._api.Recognize()
        return self._collect(0, 0)

    def region(self, box: tuple[int, int, int, int], *, one_line: bool, whitelist: str = "") -> Recognition:
        """The words of one rectangle (x0, top, x1, bottom) of the page image, read on their own."""
        x0, top, x1, bottom = box
        self._api.SetPageSegMode(PSM_LINE if one_line else PSM_BLOCK)
        self._api.SetVariable("tessedit_char_whitelist", whitelist)
        self._api.SetRectangle(x0, top, max(1, x1 - x0), max(1, bottom - top))
        try:
            self._api.Recognize()
            return self._collect(0, 0)
        finally:
            self._api.SetVariable("tessedit_char_whitelist", "")

    def _collect(self, dx: int, dy: int) -> Recognition:
        RIL = self._tesserocr.RIL
        it = self._api.GetIterator()
        words: list[Word] = []
        lines: list[Line] = []
        if it is None:
            return Recognition(words, lines)
        line = -1
        while True:
            if it.Empty(RIL.WORD):
                if not it.Next(RIL.WORD):
                    break
                continue
            if line < 0 or it.IsAtBeginningOf(RIL.TEXTLINE):
                line += 1
                lines.append(self._line(it, dx, dy))
            text = it.GetUTF8Text(RIL.WORD)
            box = it.BoundingBox(RIL.WORD)
            if text and text.strip() and box:
                x0, top, x1, bottom = box
                words.append(Word(text.strip(), x0 + dx, top + dy, x1 + dx, bottom + dy,
                                  round(it.Confidence(RIL.WORD) / 100, 3), line))
            if not it.Next(RIL.WORD):
                break
        return Recognition(words, lines)

    def _line(self, it: Any, dx: int, dy: int) -> Line:
        RIL = self._tesserocr.RIL
        x0, top, x1, bottom = it.BoundingBox(RIL.TEXTLINE)
        base = it.Baseline(RIL.TEXTLINE)
        if base:
            (bx0, by0), (bx1, by1) = base
            mid = (x0 + x1) / 2
            baseline = by0 + (by1 - by0) * ((mid - bx0) / (bx1 - bx0)) if bx1 != bx0 else by0
        else:
            baseline = bottom
        attrs = it.RowAttributes() or {}
        size = attrs.get("row_height", 0) - attrs.get("descenders", 0)
        if size <= 0:
            size = bottom - top
        return Line(x0 + dx, top + dy, x1 + dx, bottom + dy, baseline + dy, size)


_ENGINES: dict[tuple[str, str], Engine] = {}
_LOCK = threading.Lock()


def engine_for(languages: list[str], path: str) -> Engine:
    """The process's Tesseract instance for these languages (created once, then reused)."""
    key = ("+".join(languages), os.environ.get("TESSDATA_PREFIX", ""))
    with _LOCK:
        engine = _ENGINES.get(key)
        if engine is None:
            engine = _ENGINES[key] = Engine(languages, path)
        return engine
