"""PDF reader: a PDF's text layer → the format-neutral Document.

``read_pdf`` opens the PDF once and reads each page once
(``extractor.readers.pdf_page``): ruled tables from pdfplumber's table finder
with the page's characters sorted into their cells, and the remaining
characters as text lines. Pages are released as soon as they are read. The
characters, ruling lines and images of a page come from PDFium
(``extractor.readers.pdf_pdfium``, several times faster) when it can promise
what pdfplumber would give for that page, else from pdfplumber, the
reference: a page the fast source declines costs only that page, not the
document. ``PdfSettings.engine`` set to "pdfplumber" (on the command line:
the ``EXTRACTOR_PDF_ENGINE`` environment variable) always uses the reference. Then, over the whole document:

* text lines become paragraphs (``extractor.readers.pdf_text``); page
  furniture is sorted out first: lone page numbers are dropped, a running
  header or footer is kept once (``part="header"`` / ``"footer"``), and a
  "Продовження таблиці" mark above a continued table is dropped;
* tables and paragraphs are put in reading order, top to bottom on each page;
  a paragraph running on to the next page stays one paragraph;
* a ruled table drawn inside a cell of another (``pdf_page``) is a table
  of its own, placed after the outer table's piece, and noted
  (``pdf-nested-table``); it never takes part in a page join;
* a table that is the first body block of a page continues the table that
  was the last body block of the page before when their columns agree; the
  pieces are joined into one Table, repeated header rows are dropped and
  merged cells cut by the page break are rejoined
  (``extractor.readers.pdf_tables`` has the rules).

Rows carry the page they were printed on; ``Table.page`` is the first page.

Pages with no text layer but an image (or next to no text and an image over
most of the page) get a ``scanned-page`` note; if no page has a real text
layer, ``ScannedDocument`` is raised. Pages whose font has no Unicode
mapping (pdfminer gives "(cid:N)" for such glyphs) get an ``unmapped-glyphs``
note. A character whose text is no valid Unicode (an unpaired UTF-16
surrogate in a font's ToUnicode map) is replaced with U+FFFD, and the page
gets an ``invalid-unicode`` note. Encrypted PDFs raise
``EncryptedFile`` and unreadable ones ``CorruptFile``: pdfminer's exceptions
are mapped here, in ``_pdf_errors``, by the table ``errormaps.PDF_ERRORS``;
an exception of extractor's own page code is an internal error.
"""

from __future__ import annotations

import io
from collections import defaultdict
from contextlib import contextmanager
from typing import Iterator

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdftypes import resolve1
from pdfplumber.utils.exceptions import PdfminerException

from ..document import Block, Document, Paragraph, Table
from ..errors import LIBRARY_FAILURES, CorruptFile, EncryptedFile, ExtractorError, ScannedDocument, TooManyPages
from ..i18n import N_, _
from ..limits import Limits
from ..problems import INVALID_UNICODE, PDF_LAST_RESORT, PDF_NESTED_TABLE, SCANNED_PAGE, TOO_MANY_PAGES, UNMAPPED_GLYPHS
from ..settings import DEFAULT_PDF, PDF_ENGINES, PdfSettings
from . import pdf_pdfium
from .common.finder_settings import DEFAULT_FINDER_SETTINGS, FinderSettings
from .errormaps import PDF_ERRORS
from .ocr import DEFAULT_OCR, OcrSettings, ocr_notes, read_scanned_pages, unruled_notes
from .pdf_page import SCAN_RULE, PageContent, TextLine, read_page
from .pdf_tables import PageTable, TableDraft
from .pdf_text import CONTINUATION_MARK, continues, furniture, group_paragraphs, justified
from .unruled import complete_ruled_tables, read_unruled, rule_found_tables

#: PDFium where it sees what pdfplumber sees (``extractor.readers.pdf_pdfium``), else pdfplumber
ENGINE_AUTO = "auto"
#: pdfplumber only: the reference
ENGINE_REFERENCE = "pdfplumber"
#: the engines (``settings.PdfSettings.engine``; the command line takes it from $EXTRACTOR_PDF_ENGINE)
ENGINES = PDF_ENGINES

#: note: characters whose text was no valid Unicode were replaced with U+FFFD
NOTE_INVALID_UNICODE = INVALID_UNICODE.code

#: note: pages pdfminer cannot parse were read with PDFium alone
NOTE_LAST_RESORT = PDF_LAST_RESORT.code

#: note: ruled tables drawn inside a cell of another were read as tables of their own
NOTE_NESTED_TABLE = PDF_NESTED_TABLE.code

#: why a page is read with PDFium alone (``pdf_pdfium.LastResortDocument``)
UNPARSED = N_("pdfminer cannot parse it")
#: why a page taken for a scan is read with PDFium alone
SCAN_WITH_TEXT = N_("pdfminer finds next to no text where PDFium reads {count} characters")

def _page_list(numbers: list[int]) -> str:
    """ "page 3" or "pages 1, 2, 5" """
    if len(numbers) == 1:
        return _("page {page}").format(page=numbers[0])
    return _("pages {pages}").format(pages=", ".join(map(str, numbers)))


def _root_cause(e: BaseException) -> BaseException:
    """pdfplumber wraps pdfminer's exceptions; find the original one."""
    while isinstance(e, PdfminerException):
        inner = e.args[0] if e.args and isinstance(e.args[0], BaseException) else e.__cause__
        if inner is None:
            break
        e = inner
    return e


@contextmanager
def _pdf_errors(path: str) -> Iterator[None]:
    """Map pdfminer/pdfplumber exceptions to the project's errors by ``PDF_ERRORS`` (an encrypted file first)."""
    try:
        yield
    except ExtractorError:
        raise
    except Exception as exc:
        e = _root_cause(exc)
        if isinstance(e, (PDFPasswordIncorrect, PDFEncryptionError)) or "password" in str(e).lower():
            raise EncryptedFile(path, _("the PDF is encrypted (password-protected)")) from exc
        library = _failing_library(e)
        if library is not None and isinstance(e, LIBRARY_FAILURES):
            # pdfminer failed in code of the standard library it called (base64's Ascii85 decoder, zlib ...)
            raise CorruptFile(path, _("cannot read {format}: {library} failed on it ({detail})").format(
                format="PDF", library=library, detail=" ".join(f"{type(e).__name__}: {e}".split()))) from exc
        raise PDF_ERRORS.error(e, path) from exc


def _failing_library(exc: BaseException) -> str | None:
    """The PDF library (``PDF_ERRORS.libraries``) whose code ran last when ``exc`` was raised, or None when
    extractor's own code ran after it: the innermost frame of either, past the standard library's."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        top = (tb.tb_frame.f_globals.get("__name__", "") or "").split(".", 1)[0]
        if top in PDF_ERRORS.libraries:
            found = top
        elif top == "extractor":
            found = None
        tb = tb.tb_next
    return found


def _declared_page_count(pdf: pdfplumber.PDF) -> int | None:
    """The page count the page tree declares (/Count), read before any page object is built."""
    try:
        count = resolve1(resolve1(pdf.doc.catalog.get("Pages")).get("Count"))
    except Exception:  # a broken page tree: let pdfplumber's own page walk decide
        return None
    return count if isinstance(count, int) else None


def _read_pages(
    data: bytes, path: str, limits: Limits, engine: str | None = None, settings: PdfSettings = DEFAULT_PDF
) -> list[PageContent]:
    """Every page's content: with PDFium where it can promise pdfplumber's result, else with pdfplumber;
    with PDFium alone (``_LastResort``) what pdfminer cannot parse."""
    engine = engine or settings.engine
    if engine not in ENGINES:
        raise ValueError(f"unknown PDF engine {engine!r}; choose from {', '.join(ENGINES)}")
    with _ReferencePages(data, path, limits, settings) as reference, _LastResort(data, path, limits, settings) as last:
        if engine == ENGINE_AUTO and pdf_pdfium.available():
            try:
                fast = pdf_pdfium.FastDocument(data, limits, settings)
            except pdf_pdfium.MinerCannotRead:
                # pdfminer was given its chance: opening the file again for pdfplumber would only repeat it
                pages = last.read_all()
                if pages:
                    return pages
            except pdf_pdfium.NeedsReference:
                pass
            else:
                with fast:
                    pages = [_fast_or_reference(fast, reference, last, index) for index in range(fast.page_count)]
                return _with_text_of_scans(pages, last)
        try:
            pages = [_reference_or_last(reference, last, index) for index in range(reference.page_count)]
        except CorruptFile:
            pages = last.read_all()
            if not pages:
                raise
        return _with_text_of_scans(pages, last) if pages else last.read_all()


def _with_text_of_scans(pages: list[PageContent], last: "_LastResort") -> list[PageContent]:
    """The pages, each page taken for a scan read with PDFium alone where PDFium reads real text on it.

    pdfminer leaves out some text PDFium draws (a Form XObject without a
    /BBox, for one); a page with an image over it then looks like a scan.
    A page where PDFium reads ``ScanRule.text_chars`` characters or more is
    no scan (``extractor.readers.pdf_page.ScanRule``).
    """
    out = []
    for page in pages:
        if page.scanned and not page.last_resort:
            found = last.text_chars(page.number - 1)
            if found >= SCAN_RULE.text_chars:
                again = last.read_page(
                    page.number - 1, _(SCAN_WITH_TEXT).format(count=found)
                )
                page = again if again is not None and not again.scanned else page
        out.append(page)
    return out


def _fast_or_reference(
    fast: pdf_pdfium.FastDocument, reference: "_ReferencePages", last: "_LastResort", index: int
) -> PageContent:
    """One page, with PDFium unless it cannot promise pdfplumber's result for this page."""
    try:
        return fast.read_page(index)
    except pdf_pdfium.NeedsReference:
        return _reference_or_last(reference, last, index)


def _reference_or_last(reference: "_ReferencePages", last: "_LastResort", index: int) -> PageContent:
    """One page with pdfplumber, or with PDFium alone when pdfminer cannot parse it."""
    try:
        return reference.read_page(index)
    except CorruptFile:
        page = last.read_page(index, UNPARSED)
        if page is None:
            raise
        return page


class _LastResort:
    """The PDF's pages read with PDFium alone (``pdf_pdfium.LastResortDocument``), opened when first asked.

    ``read_page`` and ``read_all`` give None and [] where PDFium cannot read
    the file either: the caller then reports pdfminer's error.
    """

    def __init__(self, data: bytes, path: str, limits: Limits, settings: PdfSettings = DEFAULT_PDF):
        self.data, self.path, self.limits, self.settings = data, path, limits, settings
        self._doc: pdf_pdfium.LastResortDocument | None = None
        self._failed = False

    def _open(self) -> pdf_pdfium.LastResortDocument | None:
        if self._doc is None and not self._failed:
            try:
                self._doc = pdf_pdfium.LastResortDocument(self.data, self.settings)
            except pdf_pdfium.NeedsReference:
                self._failed = True
                return None
            if self._doc.page_count > self.limits.max_pages:
                raise TooManyPages(
                    self.path, TOO_MANY_PAGES.message(pages=self._doc.page_count, limit=self.limits.max_pages)
                )
        return self._doc

    def read_page(self, index: int, reason: str) -> PageContent | None:
        doc = self._open()
        if doc is None or index >= doc.page_count:
            return None
        try:
            return doc.read_page(index, reason)
        except pdf_pdfium.NeedsReference:
            return None

    def text_chars(self, index: int) -> int:
        doc = self._open()
        return 0 if doc is None or index >= doc.page_count else doc.text_chars(index)

    def read_all(self) -> list[PageContent]:
        doc = self._open()
        if doc is None:
            return []
        try:
            return [doc.read_page(index, UNPARSED) for index in range(doc.page_count)]
        except pdf_pdfium.NeedsReference:  # a page PDFium cannot read either: pdfminer's error stands
            return []

    def __enter__(self) -> "_LastResort":
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._doc is not None:
            self._doc.close()


class _ReferencePages:
    """The PDF's pages read with pdfplumber (the reference engine), opened on the first page asked for."""

    def __init__(self, data: bytes, path: str, limits: Limits, settings: PdfSettings = DEFAULT_PDF):
        self.data, self.path, self.limits, self.settings = data, path, limits, settings
        self._pdf: pdfplumber.PDF | None = None
        self._pages: list | None = None

    def _open(self) -> list:
        if self._pages is None:
            with _pdf_errors(self.path):
                self._pdf = pdfplumber.open(io.BytesIO(self.data))
                declared = _declared_page_count(self._pdf)
                if declared is not None and declared > self.limits.max_pages:
                    raise TooManyPages(self.path, TOO_MANY_PAGES.message(pages=declared, limit=self.limits.max_pages))
                self._pages = self._pdf.pages
                if len(self._pages) > self.limits.max_pages:
                    raise TooManyPages(
                        self.path, TOO_MANY_PAGES.message(pages=len(self._pages), limit=self.limits.max_pages))
        return self._pages

    @property
    def page_count(self) -> int:
        return len(self._open())

    def read_page(self, index: int) -> PageContent:
        page = self._open()[index]
        with _pdf_errors(self.path):
            try:
                return read_page(page, index + 1, self.settings)
            finally:
                page.close()

    def __enter__(self) -> "_ReferencePages":
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._pdf is not None:
            self._pdf.close()


def _text_columns(pages: list[PageContent], settings: PdfSettings = DEFAULT_PDF) -> dict[int, tuple[float, float]]:
    """The (left, right) extent of the text column per page, over all pages of the same width
    (within ``PdfSettings.page_width_tolerance``)."""
    groups: dict[int, list[PageContent]] = defaultdict(list)
    for p in pages:
        groups[round(p.width / settings.page_width_tolerance)].append(p)
    columns: dict[int, tuple[float, float]] = {}
    for group in groups.values():
        left = min((l.x0 for p in group for l in p.lines), default=0.0)
        right = max((l.x1 for p in group for l in p.lines), default=0.0)
        for p in group:
            columns[p.number] = (left, right)
    return columns


def _body_lines(page: PageContent, furniture: dict) -> list[TextLine]:
    """The page's lines that are no page furniture."""
    return [line for i, line in enumerate(page.lines) if (page.number, i) not in furniture]


def _page_items(
    page: PageContent,
    column: tuple[float, float],
    furniture: dict,
    para_lines: dict[int, list[TextLine]],
    justified_text: bool = False,
    settings: PdfSettings = DEFAULT_PDF,
) -> list[Paragraph | PageTable]:
    """A page's paragraphs and table pieces, top to bottom; paragraphs never run across a table.

    ``para_lines`` receives the lines of each body paragraph, by ``id``.
    """
    items: list[tuple[float, Paragraph | PageTable]] = []
    body: list[TextLine] = []
    for i, line in enumerate(page.lines):
        key = (page.number, i)
        if key not in furniture:
            body.append(line)
        elif furniture[key] is not None:
            items.append((line.top, Paragraph(line.text, page=page.number, part=furniture[key])))

    def add_run(run: list[TextLine]) -> None:
        for top, para, lines in group_paragraphs(run, column, page.number, justified=justified_text,
                                                 settings=settings):
            para_lines[id(para)] = lines
            items.append((top, para))

    tables = sorted(page.tables, key=lambda t: t.bbox[1])
    run: list[TextLine] = []
    t_i = 0
    for line in body:
        while t_i < len(tables) and tables[t_i].bbox[1] <= line.top:
            add_run(run)
            run = []
            items.append((tables[t_i].bbox[1], tables[t_i]))
            t_i += 1
        run.append(line)
    add_run(run)
    items.extend((t.bbox[1], t) for t in tables[t_i:])
    items.sort(key=lambda it: it[0])
    ordered = [item for _, item in items]
    # a continuation mark directly above the page's first table is page furniture
    body_items = [it for it in ordered if not (isinstance(it, Paragraph) and it.part != "body")]
    if (
        len(body_items) >= 2
        and isinstance(body_items[0], Paragraph)
        and isinstance(body_items[1], PageTable)
        and CONTINUATION_MARK.match(body_items[0].text)
    ):
        ordered.remove(body_items[0])
    return ordered


def _assemble(
    pages: list[PageContent], settings: PdfSettings = DEFAULT_PDF, finder: FinderSettings = DEFAULT_FINDER_SETTINGS
) -> list[Block]:
    """Blocks in reading order, with tables and paragraphs joined across pages (a repeated header is told by
    ``finder.header_match_ratio``, the rule of ``common.join`` for tables with and without rules)."""
    columns = _text_columns(pages, settings)
    furn = furniture([(p.number, p.height, p.lines) for p in pages], settings)
    justified_text = justified([(_body_lines(p, furn), columns[p.number]) for p in pages], settings)
    para_lines: dict[int, list[TextLine]] = {}
    blocks: list[Block] = []
    drafts: dict[int, TableDraft] = {}  # position in blocks -> draft, turned into a Table at the end
    open_draft: TableDraft | None = None  # the table that was the last body block so far
    open_para: Paragraph | None = None  # the paragraph that was the last body block so far
    for page in pages:
        first_body = True
        for item in _page_items(page, columns[page.number], furn, para_lines, justified_text, settings):
            if isinstance(item, Paragraph):
                if item.part != "body":
                    blocks.append(item)
                    continue
                lines = para_lines[id(item)]
                if (
                    first_body
                    and open_para is not None
                    and open_para.page == page.number - 1
                    and continues(para_lines[id(open_para)][-1], lines[0], columns[page.number], new_page=True,
                                  justified=justified_text, settings=settings)
                ):
                    open_para.text += "\n" + item.text
                    para_lines[id(open_para)] = para_lines[id(open_para)] + lines
                else:
                    blocks.append(item)
                    open_para = item
                open_draft = None
                first_body = False
                continue
            if item.nested:  # a table of its own inside a cell: the outer table stays open for a page join
                drafts[len(blocks)] = TableDraft.start(item, finder.header_match_ratio, settings.edge_tolerance)
                blocks.append(Table(rows=[], index=-1, n_cols=0))  # placeholder
                continue
            if (
                first_body
                and open_draft is not None
                and open_draft.last_page == page.number - 1
                and open_draft.accepts(item)
            ):
                open_draft.append(item)
            else:
                open_draft = TableDraft.start(item, finder.header_match_ratio, settings.edge_tolerance)
                drafts[len(blocks)] = open_draft
                blocks.append(Table(rows=[], index=-1, n_cols=0))  # placeholder
            open_para = None
            first_body = False
    for index, (pos, draft) in enumerate(sorted(drafts.items())):
        blocks[pos] = draft.to_table(index)
    return blocks


def _recognise(data: bytes, pages: list[PageContent], path: str, ocr: OcrSettings) -> tuple[list[PageContent], dict]:
    """The pages with every page that needs OCR (``OcrSettings.mode``) read from its image; what OCR read, by page."""
    if ocr.mode == "never":
        return pages, {}
    # a page whose font has no Unicode mapping prints text that reads as (cid:N): its image is what is legible
    wanted = [p.number for p in pages if p.scanned or p.unmapped or ocr.mode == "always"]
    if not wanted:
        return pages, {}
    scanned = read_scanned_pages(data, wanted, ocr, path)
    return [scanned[p.number].content if p.number in scanned else p for p in pages], scanned


def read_pdf(data: bytes, *, path: str, limits: Limits, engine: str | None = None,
             ocr: OcrSettings = DEFAULT_OCR, finder: FinderSettings = DEFAULT_FINDER_SETTINGS,
             settings: PdfSettings = DEFAULT_PDF) -> Document:
    """Read a PDF's text layer into a Document (see the module docstring).

    ``settings`` tunes the reader (``PdfSettings``); ``engine``, one of ``ENGINES``, overrides its engine.
    Scanned pages are read by OCR as ``ocr`` says (``extractor.readers.ocr``); tables without rules are found as
    ``finder`` says.
    """
    pages = _read_pages(data, path, limits, engine, settings)
    if not pages:
        # pdfminer finds no page when it cannot follow a broken cross-reference table
        raise CorruptFile(path, _("broken PDF: no page could be read (damaged cross-reference table?)"))
    pages, scanned = _recognise(data, pages, path, ocr)
    notes = ocr_notes(scanned, ocr)
    if not any(p.has_text and not p.scanned for p in pages):
        if ocr.mode == "never":
            raise ScannedDocument(path, _("the PDF has no text layer (a scan?) and OCR is turned off (--ocr never)"))
        raise ScannedDocument(path, _("the PDF has no text layer (a scan?), and OCR found no text in its images"))
    notes += [SCANNED_PAGE.note(page=p.number) for p in pages if p.scanned]
    notes += [UNMAPPED_GLYPHS.note(page=p.number) for p in pages if p.unmapped]
    by_reason: dict[str, list[int]] = defaultdict(list)
    for p in pages:
        if p.last_resort:
            by_reason[p.last_resort].append(p.number)
    notes += [PDF_LAST_RESORT.note(pages=_page_list(numbers), reason=_(reason)) for reason, numbers in by_reason.items()]
    notes += [INVALID_UNICODE.note(page=p.number, count=p.replaced) for p in pages if p.replaced]
    notes += [PDF_NESTED_TABLE.note(page=p.number, count=n) for p in pages if (n := sum(1 for t in p.tables if t.nested))]
    # tables drawn without rules: virtual header rules from their words' geometry, else the finder over
    # positioned words on a character grid when no page has a ruled table
    blocks = None if rule_found_tables(pages, finder) else read_unruled(pages, finder)
    if blocks is None:
        complete_ruled_tables(pages, finder)  # rows printed without rules under a ruled header
        blocks = _assemble(pages, settings, finder)
    notes += unruled_notes(scanned, blocks)
    return Document(blocks=blocks, format="pdf", pages=len(pages), notes=notes)
