"""PDF pages as images for the HTML view, rendered with PDFium (pypdfium2).

Only the pages that rows of the report stand on are rendered, in grayscale
PNG at ``DEFAULT_SCALE`` (about 108 dpi: small text stays legible, a page
is some 100-250 KB), and never more than ``MAX_PAGES`` of them, so the view
of a long report stays a file one can open and mail.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from ..models import Report
from .view import PageImage, Sources

#: pixels per PDF point (1.5 = 108 dpi)
DEFAULT_SCALE = 1.5
#: most pages rendered into one view
MAX_PAGES = 60


def referenced_pages(report: Report) -> list[int]:
    """The pages the funding and indicator rows stand on, in order."""
    pages = {row.location.page for row in (*report.funding, *report.indicators) if row.location.page is not None}
    return sorted(pages)


def render_pages(data: bytes, numbers: Iterable[int], scale: float = DEFAULT_SCALE,
                 max_pages: int = MAX_PAGES) -> dict[int, PageImage]:
    """The 1-based pages ``numbers`` of the PDF in ``data`` as grayscale PNG images with their size in points.

    A page number outside the document is skipped; at most ``max_pages`` are rendered.
    """
    import pypdfium2 as pdfium

    wanted = sorted(set(numbers))[:max_pages]
    out: dict[int, PageImage] = {}
    pdf = pdfium.PdfDocument(data)
    try:
        count = len(pdf)
        for number in wanted:
            if not 1 <= number <= count:
                continue
            page = pdf[number - 1]
            try:
                width, height = page.get_size()
                bitmap = page.render(scale=scale, grayscale=True)
                image = bitmap.to_pil()
                buf = io.BytesIO()
                image.save(buf, format="PNG", optimize=True)
                out[number] = PageImage(number, float(width), float(height), buf.getvalue())
            finally:
                page.close()
    finally:
        pdf.close()
    return out


def report_sources(report: Report, document=None, data: bytes | None = None) -> Sources:
    """What the HTML view links to: the Document, and for a PDF the images of the pages its rows stand on."""
    pages: dict[int, PageImage] = {}
    if data is not None and report.source.format is not None and report.source.format.value == "pdf":
        pages = render_pages(data, referenced_pages(report))
    return Sources(document=document, pages=pages)
