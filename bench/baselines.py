"""What is timed: the pipeline and the "just read the file" baselines it is compared with.

* ``parse``: ``extractor.pipeline.parse_file`` (read, extract, check), in process;
  ``parse_with_reference_pdf_engine`` the same with PDFs read by pdfplumber only.
* ``pdf_baseline``: pdfplumber opens the file and runs ``extract_tables()``
  and ``extract_text()`` on every page.
* ``docx_baseline``: python-docx opens the file and reads every paragraph's
  and every cell's text.
"""

from __future__ import annotations

from pathlib import Path


def parse(path: Path):
    """The pipeline on one file, as on a file never seen before: the text caches start empty."""
    from extractor.normalize.text import clear_caches
    from extractor.pipeline import parse_file

    clear_caches()
    return parse_file(path)


def parse_with_reference_pdf_engine(path: Path):
    """``parse`` with the PDF read by pdfplumber only (the fast PDFium page source switched off)."""
    from extractor.normalize.text import clear_caches
    from extractor.pipeline import parse_file
    from extractor.readers.pdf import ENGINE_REFERENCE
    from extractor.settings import PdfSettings, Settings

    clear_caches()
    return parse_file(path, Settings(pdf=PdfSettings(engine=ENGINE_REFERENCE)))


def pdf_baseline(path: Path) -> int:
    """pdfplumber's own cost of reading a PDF's tables and text; returns the number of table rows."""
    import pdfplumber

    rows = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            rows += sum(len(t) for t in page.extract_tables())
            page.extract_text()
            page.close()
    return rows


def docx_baseline(path: Path) -> int:
    """python-docx's own cost of reading a DOCX's texts; returns the number of table rows."""
    import docx

    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    rows = 0
    for table in document.tables:
        for row in table.rows:
            rows += 1
            texts.extend(cell.text for cell in row.cells)
    return rows


def summary(result: object) -> dict:
    """A few counts that show the task read the input (pages, rows, funding lines)."""
    if isinstance(result, int):
        return {"table_rows": result}
    if result is None:
        return {}
    data = result.model_dump() if hasattr(result, "model_dump") else {}
    out = {}
    source = data.get("source") or {}
    if source.get("pages"):
        out["pages"] = source["pages"]
    for key, value in data.items():
        if isinstance(value, list):
            out[key] = len(value)
    return out
