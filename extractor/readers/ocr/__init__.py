"""OCR: scanned PDF pages read with Tesseract into the PDF reader's page content.

A page with no text layer (a scan) is rendered with PDFium at
``OcrSettings.dpi``, straightened, its ruling lines found and its words
recognised (``page.read_scanned_page``); what comes out is the same
``PageContent`` a text layer gives (text lines, ruled tables with their
cells), so the PDF reader joins tables across pages, drops repeated headers
and groups paragraphs for a scan exactly as for a born-digital PDF. Every
table cell read by OCR carries its confidence (``Cell.ocr``), which the
report shows in each row's ``location.ocr``.

Modules: ``settings`` (what to recognise, thresholds), ``image`` (binarize,
skew, ruling lines: numpy), ``rules`` (lines → pdfplumber's table finder),
``engine`` (Tesseract through tesserocr), ``text`` (fix-ups for glyphs the
language data cannot produce), ``page`` (one page image → ``PageContent``).
"""

from __future__ import annotations

from ...i18n import _
from ...problems import OCR_NO_RULES, OCR_PAGES
from .settings import DEFAULT_OCR, MODES, OcrSettings

__all__ = ["DEFAULT_OCR", "MODES", "OcrSettings", "NOTE_OCR_PAGES", "NOTE_NO_RULES", "ocr_notes", "read_scanned_pages",
           "unruled_notes"]

#: the note that names the pages read by OCR
NOTE_OCR_PAGES = OCR_PAGES.code
#: the note that names a scanned page that shows columns but no rules and no table was found on
NOTE_NO_RULES = OCR_NO_RULES.code


def _page_list(numbers: list[int]) -> str:
    """"1–3, 5" for [1, 2, 3, 5]."""
    parts: list[str] = []
    start = prev = None
    for n in sorted(numbers) + [None]:
        if start is not None and (n is None or n != prev + 1):
            parts.append(str(start) if start == prev else f"{start}\u2013{prev}")
            start = None
        if n is not None and start is None:
            start = n
        prev = n
    return ", ".join(parts)


def ocr_notes(scanned: dict, settings: OcrSettings) -> list[tuple[str, str]]:
    """One note naming the pages read by OCR and how sure the reading was."""
    if not scanned:
        return []
    pages = sorted(scanned)
    read = [scanned[n] for n in pages if scanned[n].confidence is not None]
    summary = (_("pages {pages} read by OCR (Tesseract, {lang}, {dpi} dpi)") if len(pages) > 1
               else _("page {pages} read by OCR (Tesseract, {lang}, {dpi} dpi)")).format(
        pages=_page_list(pages), lang=settings.lang, dpi=settings.dpi)
    if read:
        worst = min(read, key=lambda p: p.confidence)
        mean = sum(p.confidence * p.words for p in read) / sum(p.words for p in read)
        summary += _(": mean word confidence {mean}").format(mean=f"{mean:.2f}")
        if len(read) > 1:
            summary += _(", lowest page {page} ({confidence})").format(
                page=worst.content.number, confidence=f"{worst.confidence:.2f}")
    empty = [n for n in pages if scanned[n].confidence is None]
    if empty:
        summary += (_("; no text found on pages {pages}") if len(empty) > 1
                    else _("; no text found on page {pages}")).format(pages=_page_list(empty))
    return [OCR_PAGES.note(detail=summary)]


def unruled_notes(scanned: dict, blocks: list) -> list[tuple[str, str]]:
    """An ``ocr-no-rules`` note for each scanned page whose text shows columns but which holds no table."""
    from ...document import Table

    with_tables = {b.page for b in blocks if isinstance(b, Table)} | {
        row.page for b in blocks if isinstance(b, Table) for row in b.rows
    }
    return [
        OCR_NO_RULES.note(page=n)
        for n in sorted(scanned)
        if scanned[n].columns_without_rules and n not in with_tables
    ]


#: the Python packages OCR needs beyond the core ones (the ``ocr`` extra)
OCR_MODULES = ("numpy", "tesserocr")
INSTALL_EXTRA = "pip install 'extractor-zvit[ocr]'"


def _page_reader(path: str):
    """``page.read_scanned_page``; ``OcrUnavailable`` when a package of the ``ocr`` extra is missing."""
    from ...errors import OcrUnavailable

    try:
        from .page import read_scanned_page
    except ModuleNotFoundError as exc:
        if exc.name not in OCR_MODULES:
            raise
        raise OcrUnavailable(
            path, f"the PDF has scanned pages and OCR needs the Python package {exc.name}, which is not installed: "
                  f"{INSTALL_EXTRA}",
        ) from exc
    return read_scanned_page


def availability(settings: OcrSettings = DEFAULT_OCR) -> tuple[bool, str | None]:
    """(available, what to install) for OCR with these settings, without starting Tesseract."""
    import importlib.util

    from ...errors import OcrUnavailable
    from .engine import INSTALL_HINT, debian_package, tessdata_path

    if any(importlib.util.find_spec(name) is None for name in OCR_MODULES):
        return False, INSTALL_EXTRA
    try:
        tessdata_path(settings.languages, "")
    except OcrUnavailable:
        packages = " ".join(debian_package(lang) for lang in settings.languages if lang != "eng")
        return False, INSTALL_HINT.format(packages=packages)
    return True, None


#: the language whose model reads numbers (digits, separators and "%": the Ukrainian model has no "%")
DIGITS_LANGUAGE = "eng"


def make_readers(settings: OcrSettings, path: str):
    """The Tesseract instances for ``settings``: the text languages, and English for numbers when installed."""
    from ...errors import OcrUnavailable
    from .engine import engine_for
    from .page import Readers

    text = engine_for(settings.languages, path)
    try:
        digits = engine_for([DIGITS_LANGUAGE], path)
    except OcrUnavailable:
        digits = text
    return Readers(text, digits)


def read_scanned_pages(data: bytes, numbers: list[int], settings: OcrSettings, path: str) -> dict:
    """Each given page (1-based) of the PDF rendered and read by OCR: number → ``page.ScannedPage``.

    Raises ``OcrUnavailable`` (naming what to install) when Tesseract or its
    language data is missing.
    """
    import pypdfium2 as pdfium

    read_scanned_page = _page_reader(path)
    readers = make_readers(settings, path)
    out = {}
    doc = pdfium.PdfDocument(data)
    try:
        for number in numbers:
            page = doc[number - 1]
            try:
                # in colour: coloured ink (stamps, signatures) is told from print by its colour
                image = page.render(scale=settings.dpi / 72).to_pil()
            finally:
                page.close()
            width = image.width * 72 / settings.dpi
            height = image.height * 72 / settings.dpi
            out[number] = read_scanned_page(image, number, width, height, settings, readers)
            del image
    finally:
        doc.close()
    return out
