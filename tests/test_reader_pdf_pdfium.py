"""Tests of the fast PDF page source (extractor.readers.pdf_pdfium) against the reference engine.

The promise of the fast path is that it reads a PDF only when it sees what
pdfplumber sees: on every sample, the characters (text and geometry), the
ruling edges and the final Document must be pdfplumber's. PDFs built here
with PDFium's own writer (a producer other than LibreOffice, with embedded
Type 0 fonts) must agree too; what the fast path does not reproduce (a
rotated page, rotated text, fonts without a ToUnicode map) must send the
file to pdfplumber, with the same result.
"""

from __future__ import annotations

import ctypes
import io
from pathlib import Path

import pdfplumber
import pytest

pdfium = pytest.importorskip("pypdfium2")
import pypdfium2.raw as pdfium_c  # noqa: E402

from extractor.limits import DEFAULT_LIMITS  # noqa: E402
from extractor.readers import pdf as pdf_reader  # noqa: E402
from extractor.readers import pdf_pdfium  # noqa: E402
from extractor.readers.pdf import ENGINE_AUTO, ENGINE_REFERENCE, read_pdf  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PDFS = sorted((ROOT / "samples").glob("*.pdf"))
FONT_FILE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
#: how far apart (points) the two engines may put a character edge: PDFium computes in single precision
GEOMETRY_TOLERANCE = 1e-3


def _both(data: bytes):
    fast = read_pdf(data, path="x.pdf", limits=DEFAULT_LIMITS, engine=ENGINE_AUTO)
    reference = read_pdf(data, path="x.pdf", limits=DEFAULT_LIMITS, engine=ENGINE_REFERENCE)
    return fast, reference


# -- the samples ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", SAMPLE_PDFS, ids=lambda p: p.stem)
def test_sample_is_read_fast_and_gives_the_reference_document(path):
    data = path.read_bytes()
    pdf_pdfium.read_pages_fast(data, DEFAULT_LIMITS)  # no NeedsReference: the fast path takes it
    fast, reference = _both(data)
    fast_doc, reference_doc = fast.to_dict(), reference.to_dict()
    fast_boxes, reference_boxes = _boxes(fast_doc), _boxes(reference_doc)
    assert fast_doc == reference_doc
    assert len(fast_boxes) == len(reference_boxes) > 0
    for a, b in zip(fast_boxes, reference_boxes):
        assert a == pytest.approx(b, abs=GEOMETRY_TOLERANCE)


def _boxes(doc: dict) -> list[list[float]]:
    """The cell and row boxes of a Document's dict, taken out of it (the engines agree on them within a tolerance)."""
    found = []
    for block in doc["blocks"]:
        for row in block.get("rows", ()):
            if "bbox" in row:
                found.append(row.pop("bbox"))
            for cell in row["cells"]:
                if "bbox" in cell:
                    found.append(cell.pop("bbox"))
    return found


def _fast_pages(data: bytes):
    """(chars, edges) per page, straight from the fast path's page readers."""
    out = []
    import pdfminer.pdfdocument
    import pdfminer.pdfinterp
    import pdfminer.pdfpage
    import pdfminer.pdfparser

    miner = list(pdfminer.pdfpage.PDFPage.create_pages(
        pdfminer.pdfdocument.PDFDocument(pdfminer.pdfparser.PDFParser(io.BytesIO(data)))
    ))
    manager = pdfminer.pdfinterp.PDFResourceManager(caching=True)
    document = pdfium.PdfDocument(data)
    for index, page in enumerate(document):
        raw = page.raw
        width, height = pdf_pdfium._page_box(raw)
        objects = pdf_pdfium._Objects(edges=[], images=[], text_objects={})
        pdf_pdfium._walk(
            [pdfium_c.FPDFPage_GetObject(raw, i) for i in range(pdfium_c.FPDFPage_CountObjects(raw))],
            None, height, objects,
        )
        textpage = page.get_textpage()
        chars = pdf_pdfium._chars(textpage.raw, height, pdf_pdfium._page_fonts(manager, miner[index]),
                                  objects.text_objects)
        out.append((chars, objects.edges))
    return out


@pytest.mark.parametrize("path", SAMPLE_PDFS, ids=lambda p: p.stem)
def test_sample_characters_and_edges_are_pdfplumbers(path):
    data = path.read_bytes()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page, (chars, edges) in zip(pdf.pages, _fast_pages(data)):
            def ink(cs):
                return sorted((c for c in cs if not c["text"].isspace()), key=lambda c: (round(c["top"]), c["x0"]))

            mine, theirs = ink(chars), ink(page.chars)
            assert [c["text"] for c in mine] == [c["text"] for c in theirs]
            for a, b in zip(mine, theirs):
                for key in ("x0", "x1", "top", "bottom", "size"):
                    assert a[key] == pytest.approx(b[key], abs=GEOMETRY_TOLERANCE), (a["text"], key)
                assert a["fontname"] == b["fontname"]

            def edge_keys(es):
                return sorted(
                    (e["orientation"], e["object_type"], *(round(e[k], 2) for k in ("x0", "x1", "top", "bottom")))
                    for e in es
                )

            assert edge_keys(edges) == edge_keys(page.edges)


def test_every_whitespace_run_keeps_a_character():
    """PDFium drops some real spaces; each run of whitespace pdfminer has must keep one, or words run together."""
    data = (ROOT / "samples" / "zhytomyr-bezpechne-misto-2017-2019.pdf").read_bytes()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page, (chars, _) in zip(pdf.pages, _fast_pages(data)):
            mine = [c for c in chars if c["text"].isspace()]
            theirs = page.chars
            for k, c in enumerate(theirs):
                if not c["text"].isspace() or (k and theirs[k - 1]["text"].isspace()):
                    continue  # the first of each run
                assert any(abs(m["x0"] - c["x0"]) < 0.5 and abs(m["top"] - c["top"]) < 1 for m in mine), (
                    page.page_number, c["x0"], c["top"])


# -- PDFs written by PDFium: another producer, Type 0 fonts --------------------------------


def _pdfium_pdf(draw) -> bytes:
    """A one-page A4 PDF written by PDFium; ``draw(text, line)`` puts text (DejaVu Serif) and lines on it."""
    if not FONT_FILE.exists():
        pytest.skip(f"{FONT_FILE} is not installed")
    document = pdfium.PdfDocument.new()
    page = document.new_page(595, 842)
    font_data = FONT_FILE.read_bytes()
    buffer = (ctypes.c_uint8 * len(font_data)).from_buffer_copy(font_data)
    font = pdfium_c.FPDFText_LoadFont(document.raw, buffer, len(font_data), pdfium_c.FPDF_FONT_TRUETYPE, True)

    def text(value: str, x: float, y: float, size: float = 11, matrix=(1, 0, 0, 1)) -> None:
        obj = pdfium_c.FPDFPageObj_CreateTextObj(document.raw, font, size)
        utf16 = (value + "\0").encode("utf-16-le")  # FPDF_WIDESTRING is UTF-16
        pdfium_c.FPDFText_SetText(obj, ctypes.cast(ctypes.c_char_p(utf16), ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
        pdfium_c.FPDFPageObj_Transform(obj, *matrix, x, y)
        pdfium_c.FPDFPage_InsertObject(page.raw, obj)

    def line(x0: float, y0: float, x1: float, y1: float) -> None:
        path = pdfium_c.FPDFPageObj_CreateNewPath(x0, y0)
        pdfium_c.FPDFPath_LineTo(path, x1, y1)
        pdfium_c.FPDFPath_SetDrawMode(path, 0, 1)
        pdfium_c.FPDFPage_InsertObject(page.raw, path)

    draw(text, line)
    pdfium_c.FPDFPage_GenerateContent(page.raw)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _table_page(text, line):
    text("Звіт про виконання програми", 72, 780, 14)
    xs, ys = [72, 230, 340, 450], [700, 670, 640, 610]
    for y in ys:
        line(xs[0], y, xs[-1], y)
    for x in xs:
        line(x, ys[0], x, ys[-1])
    rows = [["Захід", "План", "Факт"], ["Ремонт доріг", "1 200,5", "1 100,0"], ["Освітлення вулиць", "300", "250,7"]]
    for r, row in enumerate(rows):
        for k, value in enumerate(row):
            text(value, xs[k] + 4, ys[r] - 20)


def test_pdf_written_by_pdfium_is_read_fast_with_the_reference_result():
    data = _pdfium_pdf(_table_page)
    pdf_pdfium.read_pages_fast(data, DEFAULT_LIMITS)
    fast, reference = _both(data)
    assert fast.to_dict() == reference.to_dict()
    assert [[c.text for c in row.cells] for row in fast.tables[0].rows][1] == ["Ремонт доріг", "1 200,5", "1 100,0"]


def test_rotated_text_goes_to_the_reference_engine():
    def draw(text, line):
        _table_page(text, line)
        text("Затверджено", 520, 300, 11, matrix=(0, 1, -1, 0))

    data = _pdfium_pdf(draw)
    with pytest.raises(pdf_pdfium.NeedsReference, match="rotated"):
        pdf_pdfium.read_pages_fast(data, DEFAULT_LIMITS)
    fast, reference = _both(data)
    assert fast.to_dict() == reference.to_dict()


def test_rotated_page_goes_to_the_reference_engine():
    document = pdfium.PdfDocument(_pdfium_pdf(_table_page))
    document[0].set_rotation(90)
    out = io.BytesIO()
    document.save(out)
    with pytest.raises(pdf_pdfium.NeedsReference, match="rotated page"):
        pdf_pdfium.read_pages_fast(out.getvalue(), DEFAULT_LIMITS)


def test_font_without_unicode_map_goes_to_the_reference_engine():
    from tests.test_reader_pdf import TEXT_PAGE, make_pdf  # a Helvetica page written by hand

    data = make_pdf([TEXT_PAGE])
    with pytest.raises(pdf_pdfium.NeedsReference, match="ToUnicode"):
        pdf_pdfium.read_pages_fast(data, DEFAULT_LIMITS)
    assert [p.text for p in read_pdf(data, path="x.pdf", limits=DEFAULT_LIMITS).paragraphs] == ["Hello report"]


def test_broken_file_goes_to_the_reference_engine():
    with pytest.raises(pdf_pdfium.NeedsReference):
        pdf_pdfium.read_pages_fast(b"%PDF-1.4\n" + b"\x00garbage" * 50, DEFAULT_LIMITS)


def test_reference_engine_skips_the_fast_path(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("the fast path must not run")

    monkeypatch.setattr(pdf_reader.pdf_pdfium, "FastDocument", refuse)
    doc = read_pdf(SAMPLE_PDFS[0].read_bytes(), path="x.pdf", limits=DEFAULT_LIMITS, engine=ENGINE_REFERENCE)
    assert doc.tables


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="unknown PDF engine"):
        read_pdf(SAMPLE_PDFS[0].read_bytes(), path="x.pdf", limits=DEFAULT_LIMITS, engine="mupdf")


# -- pdfminer's path rules, on hand-made subpaths -------------------------------------------

H = 842.0


def test_closed_axis_aligned_subpath_is_a_rectangle_with_four_edges():
    ops = [("m", 10, 20), ("l", 110, 20), ("l", 110, 50), ("l", 10, 50), ("h", 10, 20)]
    (rect,) = pdf_pdfium._subpath_objects(ops, H)
    assert rect["object_type"] == "rect"
    assert (rect["x0"], rect["x1"], rect["top"], rect["bottom"]) == (10, 110, H - 50, H - 20)
    edges = pdf_pdfium._edges(rect)
    from pdfplumber.utils import obj_to_edges

    assert edges == [{k: e[k] for k in edges[0]} for e in obj_to_edges({**rect, "doctop": rect["top"]})]


def test_redundant_closing_line_is_dropped_as_pdfminer_does():
    ops = [("m", 10, 20), ("l", 110, 20), ("l", 110, 50), ("l", 10, 50), ("l", 10, 20), ("h", 10, 20)]
    assert pdf_pdfium._subpath_objects(ops, H)[0]["object_type"] == "rect"


def test_two_point_subpath_is_a_line_and_a_slanted_quad_a_curve():
    (line,) = pdf_pdfium._subpath_objects([("m", 10, 20), ("l", 200, 20)], H)
    assert line["object_type"] == "line"
    assert pdf_pdfium._edges(line)[0]["orientation"] == "h"
    quad = [("m", 10, 20), ("l", 110, 25), ("l", 110, 50), ("l", 10, 50), ("h", 10, 20)]
    (curve,) = pdf_pdfium._subpath_objects(quad, H)
    assert curve["object_type"] == "curve"
    orientations = [e["orientation"] for e in pdf_pdfium._edges(curve)]
    assert orientations == [None, "v", "h", "v"]


def test_subset_tag_is_stripped_only_when_it_is_one():
    assert pdf_pdfium._strip_subset("BAAAAA+LiberationSerif") == "LiberationSerif"
    assert pdf_pdfium._strip_subset("Arial+Bold") == "Arial+Bold"
    assert pdf_pdfium._strip_subset("abcdef+Arial") == "abcdef+Arial"


def test_matrix_product_applies_the_first_matrix_first():
    scale, shift = (2, 0, 0, 2, 0, 0), (1, 0, 0, 1, 10, 5)
    a, b, c, d, e, f = pdf_pdfium._multiply(scale, shift)
    assert (a * 1 + c * 1 + e, b * 1 + d * 1 + f) == (12, 7)  # (1, 1) scaled, then shifted


# -- characters outside the Basic Multilingual Plane ---------------------------------------

#: a font whose code "A" prints 𝛂 (U+1D6C2, UTF-16 D835 DEC2), "C" an unpaired high surrogate
ASTRAL_FONT = {0x20: "0020", 0x41: "D835DEC2", 0x43: "D835", **{c: f"{c:04X}" for c in range(0x61, 0x7B)}}


def _astral_pdf_pages(contents: list[bytes]) -> bytes:
    from hostile_files import pdf_bytes

    return pdf_bytes(contents, to_unicode=ASTRAL_FONT)


def _astral_pdf(content: bytes) -> bytes:
    return _astral_pdf_pages([content])


def test_astral_plane_glyph_reads_as_one_character():
    data = _astral_pdf(b"BT /F1 12 Tf 72 720 Td (alpha A and AA) Tj ET")
    pdf_pdfium.read_pages_fast(data, DEFAULT_LIMITS)  # the fast path takes it
    fast, reference = _both(data)
    assert fast.to_dict() == reference.to_dict()
    assert [p.text for p in fast.paragraphs] == ["alpha \U0001d6c2 and \U0001d6c2\U0001d6c2"]
    assert fast.notes == []


def test_unpaired_surrogate_reads_as_replacement_character_with_a_note():
    data = _astral_pdf(b"BT /F1 12 Tf 72 720 Td (x C y) Tj ET")
    doc = read_pdf(data, path="x.pdf", limits=DEFAULT_LIMITS, engine=ENGINE_AUTO)
    assert [p.text for p in doc.paragraphs] == ["x \ufffd y"]
    assert [code for code, _ in doc.notes] == [pdf_reader.NOTE_INVALID_UNICODE]
    assert "page 1: 1 character" in doc.notes[0][1]


# -- page-level fallback ----------------------------------------------------------------------


def test_page_the_fast_source_declines_is_the_only_one_read_with_pdfplumber(monkeypatch):
    upright = b"BT /F1 12 Tf 72 720 Td (page one) Tj ET"
    turned = b"BT /F1 12 Tf 0 1 -1 0 300 400 Tm (page two turned) Tj ET"
    data = _astral_pdf_pages([upright, turned, upright])
    with pdf_pdfium.FastDocument(data, DEFAULT_LIMITS) as fast:
        fast.read_page(0)
        with pytest.raises(pdf_pdfium.NeedsReference, match="rotated"):
            fast.read_page(1)
    by_reference = []
    real = pdf_reader._ReferencePages.read_page

    def spy(self, index):
        by_reference.append(index)
        return real(self, index)

    monkeypatch.setattr(pdf_reader._ReferencePages, "read_page", spy)
    fast, reference = _both(data)
    assert by_reference == [1] + [0, 1, 2]  # auto: page 2 only; then the reference engine: every page
    assert fast.to_dict() == reference.to_dict()
    assert sorted({p.page for p in fast.paragraphs}) == [1, 2, 3]
