"""Large benchmark inputs, generated from the committed samples (nothing big is committed).

* ``long_pdf``: a report whose funding table runs over many pages. The pages
  of a sample PDF are imported into one new document with pypdfium2: the
  opening pages once, the pages that hold only the continued table (the
  table is the first block at the page top) repeated, then the closing
  pages. The resources (fonts) are shared, so 160 pages stay under 100 KB.
* ``long_docx``: a DOCX whose first table has thousands of rows: the body
  rows of a sample's first table are copied after it until the row count is
  reached, at the XML level (python-docx takes minutes for 3,000 rows).
"""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT_PART = "word/document.xml"


def long_pdf(sample: Path, head: int, body: tuple[int, int], pages: int) -> bytes:
    """A PDF of about ``pages`` pages: the sample's first ``head`` pages, its pages
    ``body[0]..body[1]`` (0-based, inclusive) repeated, then its remaining pages."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(sample))
    try:
        n = len(src)
        middle = list(range(body[0], body[1] + 1))
        tail = list(range(body[1] + 1, n))
        repeats = max(1, round((pages - head - len(tail)) / len(middle)))
        order = list(range(head)) + middle * repeats + tail
        out = pdfium.PdfDocument.new()
        try:
            out.import_pages(src, order)
            buf = io.BytesIO()
            out.save(buf)
            return buf.getvalue()
        finally:
            out.close()
    finally:
        src.close()


def long_docx(sample: Path, rows: int, header_rows: int = 1) -> bytes:
    """The sample DOCX with its first table grown to ``rows`` rows by repeating its body rows."""
    with zipfile.ZipFile(sample) as zin:
        parts = {info.filename: zin.read(info.filename) for info in zin.infolist()}
    root = etree.fromstring(parts[DOCUMENT_PART])
    table = next(root.iter(f"{{{W_NS}}}tbl"))
    trs = table.findall(f"{{{W_NS}}}tr")
    body = trs[header_rows:]
    count = len(trs)
    while count < rows:
        for tr in body:
            if count >= rows:
                break
            table.append(copy.deepcopy(tr))
            count += 1
    parts[DOCUMENT_PART] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts.items():
            zout.writestr(name, data)
    return buf.getvalue()
