"""PDFium as the reader of last resort, and the scan rule: PDFs pdfminer cannot parse (or reads
next to nothing of) whose pages PDFium reads, built by hand."""

from __future__ import annotations

import binascii

import pytest

from extractor.errors import CorruptFile
from extractor.limits import DEFAULT_LIMITS
from extractor.readers import pdf as pdf_reader
from extractor.readers import pdf_pdfium
from extractor.readers.ocr import OcrSettings
from extractor.readers.pdf import ENGINE_AUTO, ENGINE_REFERENCE, NOTE_LAST_RESORT, read_pdf
from extractor.readers.pdf_page import ScanRule
from extractor.settings import DEFAULT_PDF

pytestmark = pytest.mark.skipif(not pdf_pdfium.available(), reason="pypdfium2 is not installed")

ENGINES = [ENGINE_AUTO, ENGINE_REFERENCE]
NO_OCR = OcrSettings(mode="never")
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
IMAGE = (
    b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
    b"/BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream"
)


def stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(content), extra) + content + b"\nendstream"


def build(pages: list[bytes], objects: list[bytes] = (), page_type: bytes = b"/Type /Page ") -> bytes:
    """A PDF with a correct cross-reference table: objects 1 catalog, 2 page tree, 3 font, 4 image,
    then ``objects`` (5, 6, ...), then each page's content stream and page (``/F1``, ``/Im1`` and
    every extra object as ``/XN`` for object N are in every page's resources)."""
    body = [b"", b"", FONT, IMAGE, *objects]
    extra = b" ".join(b"/X%d %d 0 R" % (n, n) for n in range(5, 5 + len(objects)))
    kids = []
    for content in pages:
        body.append(stream(content))
        body.append(
            b"<< %s/Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R %s >> >> >>" % (page_type, len(body), extra)
        )
        kids.append(len(body))
    body[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    body[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, obj in enumerate(body, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(body) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(body) + 1, xref)
    return bytes(out)


def text(words: str, y: int = 720) -> bytes:
    return b"BT /F1 12 Tf 72 %d Td (%s) Tj ET" % (y, words.encode())


def last_resort_notes(doc) -> list[str]:
    return [message for code, message in doc.notes if code == NOTE_LAST_RESORT]


@pytest.mark.parametrize("engine", ENGINES)
def test_page_tree_without_page_types_pdfminer_finds_no_page_is_read_by_pdfium(engine):
    data = build([text("Hello report"), text("Second page")], page_type=b"")
    doc = read_pdf(data, path="x.pdf", limits=DEFAULT_LIMITS, engine=engine)
    assert [p.text for p in doc.paragraphs] == ["Hello report\nSecond page"]
    assert doc.pages == 2
    assert last_resort_notes(doc) == [
        "pages 1, 2: pdfminer cannot parse it; read with PDFium alone (character boxes approximate)"
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_content_stream_pdfminer_cannot_decode_costs_only_its_page(engine):
    # pdfminer's ASCIIHexDecode raises on a stray non-hex digit; PDFium's stops there
    broken = stream(binascii.hexlify(text("Second page")) + b" zz>", b"/Filter /ASCIIHexDecode ")
    data = build([text("Hello report"), b"/X5 Do"], [broken.replace(b"<< /Length", b"<< /Type /XObject /Subtype /Form "
                                                                    b"/BBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Length")])
    doc = read_pdf(data, path="x.pdf", limits=DEFAULT_LIMITS, engine=engine)
    assert [p.text for p in doc.paragraphs] == ["Hello report\nSecond page"]
    assert last_resort_notes(doc) == [
        "page 2: pdfminer cannot parse it; read with PDFium alone (character boxes approximate)"
    ]


def test_last_resort_characters_sit_where_pdfminers_would():
    data = build([text("Hello report", y=700)])
    (page,) = pdf_reader._read_pages(data, "x.pdf", DEFAULT_LIMITS, ENGINE_REFERENCE)
    with pdf_pdfium.LastResortDocument(data) as last:
        plain = last.read_page(0, "test")
    assert plain.last_resort == "test" and not page.last_resort
    (ref_line,), (line,) = page.lines, plain.lines
    assert line.text == ref_line.text == "Hello report"
    for ours, theirs in [(line.x0, ref_line.x0), (line.x1, ref_line.x1), (line.top, ref_line.top),
                         (line.bottom, ref_line.bottom)]:
        assert ours == pytest.approx(theirs, abs=DEFAULT_PDF.word_gap)  # closer than a gap between words


@pytest.mark.parametrize("engine", ENGINES)
def test_form_without_bbox_over_a_page_image_is_text_not_a_scan(engine):
    # pdfminer does not draw a Form XObject without /BBox; PDFium does: hundreds of characters
    words = "Report on the programme of roads " * 8
    form = stream(text(words), b"/Type /XObject /Subtype /Form /Resources << /Font << /F1 3 0 R >> >> ")
    data = build([b"q 595 0 0 842 0 0 cm /Im1 Do Q /X5 Do"], [form])
    doc = read_pdf(data, path="x.pdf", limits=DEFAULT_LIMITS, engine=engine, ocr=NO_OCR)
    assert [p.text for p in doc.paragraphs] == [words.strip()]
    assert [code for code, _ in doc.notes] == [NOTE_LAST_RESORT]
    assert "pdfminer finds next to no text where PDFium reads" in doc.notes[0][1]


def test_real_scan_with_a_stamp_stays_a_scan():
    data = build([text("Hello report"), b"q 595 0 0 842 0 0 cm /Im1 Do Q " + text("p. 2", y=20)])
    doc = read_pdf(data, path="x.pdf", limits=DEFAULT_LIMITS, ocr=NO_OCR)
    assert doc.notes == [("scanned-page", "page 2 has no text layer")]


def test_file_neither_engine_can_read_is_still_corrupt():
    with pytest.raises(CorruptFile):
        read_pdf(b"%PDF-1.4\n" + b"\x00garbage" * 50, path="g.pdf", limits=DEFAULT_LIMITS)


def test_scan_rule_is_validated():
    assert ScanRule().text_chars > ScanRule().max_chars
    with pytest.raises(ValueError):
        ScanRule(max_chars=50, text_chars=40)
    with pytest.raises(ValueError):
        ScanRule(min_image_share=0)


# -- runs of inkless glyphs the fast source's text page leaves out ---------------------------


def _space(x0, x1, top=100.0):
    return {"text": " ", "x0": x0, "x1": x1, "top": top, "bottom": top + 12}


def test_run_of_spaces_alone_on_its_line_stands_as_one_space():
    words = [{**_space(10, 30), "text": "a"}, {**_space(80, 90), "text": "b"}, {**_space(20, 30, top=200), "text": "c"}]
    pdf_pdfium._check_runs([_space(40, 70)], words)  # nothing over the run: one space is exact


def test_dotted_leader_over_a_run_of_spaces_goes_to_the_reference():
    dots = [{**_space(x, x + 3), "text": "."} for x in (40, 45, 50)]
    with pytest.raises(pdf_pdfium.NeedsReference, match="inkless"):
        pdf_pdfium._check_runs([_space(40, 70)], dots)


@pytest.mark.parametrize("engine", ENGINES)
def test_stream_pdfminer_fails_to_decode_in_the_standard_library_costs_only_its_page(engine):
    # pdfminer hands ASCII85 data to base64, which raises ValueError ("Ascii85 overflow"): the file's fault
    broken = stream(b"uuuuu~>", b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Filter /ASCII85Decode ")
    data = build([text("Hello report") + b" /X5 Do", text("Second page")], [broken])
    doc = read_pdf(data, path="x.pdf", limits=DEFAULT_LIMITS, engine=engine)
    assert [p.text for p in doc.paragraphs] == ["Hello report\nSecond page"]
    assert [code for code, _ in doc.notes] == [NOTE_LAST_RESORT]
    assert doc.notes[0][1].startswith("page 1:")
