"""Scanned PDFs read by OCR (Tesseract with ukr+eng): the scanned sample, scans made here, and the edges.

Scans are made from the born-digital samples in the tests (tests/scanbuild.py:
rendered, turned by a fraction of a degree, blurred, noisy, JPEG or black and
white, stamped over the signature). OCR costs seconds a page, so the scanned
pages are few and each is read once per module.
"""

from __future__ import annotations

import io
import json

import pytest

from conftest import GOLDEN, SAMPLES
from extractor import parse
from extractor.errors import OcrUnavailable, ScannedDocument
from extractor.limits import DEFAULT_LIMITS
from extractor.normalize.numbers import try_number
from extractor.readers.ocr import OcrSettings
from extractor.readers.pdf import read_pdf
from hostile_files import IMAGE_PAGE, pdf_bytes
from scanbuild import ScanLook, scan_pdf
from scoring import score_pair

RIVNE = "rivne-pytna-voda-2021"
SCANNED_SAMPLE = SAMPLES / f"{RIVNE}-scan.pdf"
SCANNED_GOLDEN = GOLDEN / "scanned" / f"{RIVNE}-scan.expected.json"

tesserocr = pytest.importorskip("tesserocr")


@pytest.fixture(scope="module")
def sample_report():
    return json.loads(parse(SCANNED_SAMPLE).to_json())


def test_scanned_sample_scores_as_its_born_digital_pdf(sample_report):
    golden = json.loads(SCANNED_GOLDEN.read_text(encoding="utf-8"))
    score = score_pair(golden, sample_report)
    assert score.field_accuracy >= 0.98, "\n".join(score.lost[:30])
    assert score.row_precision >= 0.99, "\n".join(score.lost[:30])


def test_scanned_sample_says_it_was_read_by_ocr(sample_report):
    assert sample_report["source"]["file"] == SCANNED_SAMPLE.name and sample_report["source"]["pages"] == 3
    notes = [w["message"] for w in sample_report["warnings"] if w["code"] == "ocr-pages"]
    assert len(notes) == 1 and notes[0].startswith("pages 1\u20133 read by OCR")
    rows = sample_report["funding"] + sample_report["indicators"]
    assert rows and all(0 <= r["location"]["ocr"]["confidence"] <= 1 for r in rows)
    # every printed number has its own confidence
    assert all(set(r["location"]["ocr"]["values"]) == set(r["raw"]) for r in rows)


@pytest.fixture(scope="module")
def grey_page():
    """Page 3 of the Rivne PDF (the indicator table and the signature) as a grey JPEG scan, and as printed."""
    data = (SAMPLES / f"{RIVNE}.pdf").read_bytes()
    scan = scan_pdf(data, ScanLook(max_angle=0.6, noise=10, seed=3), pages=[2])
    born = read_pdf(data, path="born.pdf", limits=DEFAULT_LIMITS)
    return read_pdf(scan, path="scan.pdf", limits=DEFAULT_LIMITS), born


def _table_on_page(doc, page):
    return next(t for t in doc.tables if t.page == page)


def test_scanned_table_has_the_grid_of_the_printed_one(grey_page):
    scanned, born = grey_page
    a, b = _table_on_page(scanned, 1), _table_on_page(born, 3)
    assert (len(a.rows), a.n_cols) == (len(b.rows), b.n_cols)
    shape = [[(c.col, c.row_span, c.col_span) for c in row.cells] for row in a.rows]
    assert shape == [[(c.col, c.row_span, c.col_span) for c in row.cells] for row in b.rows]


def test_scanned_numbers_read_as_printed(grey_page):
    scanned, born = grey_page
    a, b = _table_on_page(scanned, 1), _table_on_page(born, 3)
    compared = 0
    for row_a, row_b in zip(a.rows, b.rows):
        for cell_a, cell_b in zip(row_a.cells, row_b.cells):
            value, numeric = try_number(cell_b.text)
            if numeric and value is not None:
                assert try_number(cell_a.text)[0] == value, (cell_a.text, cell_b.text)
                assert cell_a.ocr is not None and 0 < cell_a.ocr <= 1
                compared += 1
    assert compared >= 25


def test_colour_stamp_and_signature_over_the_name_do_not_hide_it(tmp_path):
    """A colour scan: black print, a blue stamp and a blue signature over the signatory's name."""
    data = (SAMPLES / f"{RIVNE}.pdf").read_bytes()
    f = tmp_path / "stamped.pdf"
    f.write_bytes(scan_pdf(data, ScanLook(colour=True, stamp=True, noise=6, seed=5), pages=[2]))
    report = parse(f)
    assert report.signatory is not None and report.signatory.name == "Сергій ПАНАСЮК"
    assert "ради" in report.signatory.position


def test_ocr_never_refuses_a_scan_as_before(tmp_path):
    f = tmp_path / "скан.pdf"
    f.write_bytes(scan_pdf((SAMPLES / f"{RIVNE}.pdf").read_bytes(), ScanLook(dpi=100), pages=[0]))
    with pytest.raises(ScannedDocument) as e:
        parse(f, ocr=OcrSettings(mode="never"))
    assert "скан.pdf" in str(e.value) and "--ocr never" in str(e.value)


def test_blank_scan_is_a_scan_ocr_found_nothing_in():
    with pytest.raises(ScannedDocument) as e:
        read_pdf(pdf_bytes([IMAGE_PAGE]), path="blank.pdf", limits=DEFAULT_LIMITS)
    assert "OCR found no text" in str(e.value)


def test_missing_language_data_names_the_file_and_what_to_install():
    with pytest.raises(OcrUnavailable) as e:
        read_pdf(pdf_bytes([IMAGE_PAGE]), path="скан.pdf", limits=DEFAULT_LIMITS, ocr=OcrSettings(lang="xyz"))
    assert str(e.value).startswith("скан.pdf: ") and "apt-get install tesseract-ocr tesseract-ocr-xyz" in str(e.value)


def test_tessdata_prefix_without_ukrainian_data_fails_the_command_naming_the_file_and_the_package(
        tmp_path, monkeypatch, capsys):
    """TESSDATA_PREFIX set to a folder without ukr.traineddata: that folder is meant, the system's is not used."""
    from extractor.cli import main

    empty = tmp_path / "tessdata"
    empty.mkdir()
    monkeypatch.setenv("TESSDATA_PREFIX", str(empty))
    scan = tmp_path / "скан.pdf"
    scan.write_bytes(scan_pdf((SAMPLES / f"{RIVNE}.pdf").read_bytes(), ScanLook(dpi=72), pages=[0]))
    out = tmp_path / "out"
    assert main(["parse", str(scan), "-o", f"{out}/"]) == 1
    err = capsys.readouterr().err
    assert "скан.pdf" in err and "ukr.traineddata" in err and f"TESSDATA_PREFIX={empty}" in err
    assert "apt-get install tesseract-ocr tesseract-ocr-ukr" in err
    assert not out.exists() or not any(out.iterdir())  # nothing half-written


def _searchable_pdf(tmp_path) -> bytes:
    """A scan with an invisible text layer over its image, as Tesseract (and ocrmypdf) write one."""
    import pypdfium2 as pdfium

    data = (SAMPLES / f"{RIVNE}.pdf").read_bytes()
    page = pdfium.PdfDocument(scan_pdf(data, ScanLook(dpi=150, noise=0), pages=[2]))[0]
    image = tmp_path / "page.png"
    page.render(scale=150 / 72).to_pil().save(image, dpi=(150, 150))
    from extractor.readers.ocr.engine import tessdata_path

    with tesserocr.PyTessBaseAPI(path=tessdata_path(["ukr", "eng"], "x"), lang="ukr+eng") as api:
        api.SetVariable("tessedit_create_pdf", "1")
        assert api.ProcessPages(str(tmp_path / "searchable"), str(image))
    return (tmp_path / "searchable.pdf").read_bytes()


def test_invisible_text_layer_of_an_ocr_pdf_is_read_as_text(tmp_path):
    data = _searchable_pdf(tmp_path)
    doc = read_pdf(data, path="ocred.pdf", limits=DEFAULT_LIMITS)
    assert not [n for n in doc.notes if n[0] in ("ocr-pages", "scanned-page")]
    text = " ".join(p.text for p in doc.paragraphs)
    assert "ПАНАСЮК" in text and "Показники" in text
    again = read_pdf(data, path="ocred.pdf", limits=DEFAULT_LIMITS, ocr=OcrSettings(mode="always", dpi=150))
    assert [n[0] for n in again.notes][:1] == ["ocr-pages"]


def test_image_only_pdf_written_by_pillow_is_recognised_as_a_scan():
    """The scans the tests make are what they claim: image-only pages, no text layer at all."""
    import pypdfium2 as pdfium

    scan = scan_pdf((SAMPLES / f"{RIVNE}.pdf").read_bytes(), ScanLook(dpi=72), pages=[0])
    page = pdfium.PdfDocument(io.BytesIO(scan))[0]
    assert page.get_textpage().count_chars() == 0


def test_command_line_takes_the_ocr_flags(capsys):
    from extractor.cli import main

    assert main(["parse", str(SCANNED_SAMPLE), "--ocr", "never"]) == 1
    assert SCANNED_SAMPLE.name in capsys.readouterr().err
    assert main(["parse", str(SCANNED_SAMPLE), "--ocr-dpi", "20"]) == 2
    assert main(["dump", str(SCANNED_SAMPLE), "--ocr-lang", "ukr eng"]) == 2


def test_scanned_table_printed_without_rules_goes_to_the_finder_over_positioned_words():
    """The indicator page with its rules painted out: the words' alignment still gives the table."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    from extractor.readers.ocr.image import find_rules, ink

    page = pdfium.PdfDocument(str(SAMPLES / f"{RIVNE}.pdf"))[2]
    gray = np.asarray(page.render(scale=300 / 72, grayscale=True).to_pil().convert("L")).copy()
    gray[find_rules(ink(gray), 71, 59, 30).mask] = 255
    buf = io.BytesIO()
    Image.fromarray(gray).save(buf, format="PDF", resolution=300.0)
    doc = read_pdf(buf.getvalue(), path="unruled.pdf", limits=DEFAULT_LIMITS)
    [table] = doc.tables
    assert (len(table.rows), table.n_cols) == (19, 6)
    assert "ocr-no-rules" not in [code for code, _ in doc.notes]


def test_lines_of_one_row_share_a_top_whatever_letters_they_hold():
    """Tesseract's line box grows with ascenders and descenders ("Д", "у", brackets); the glyph box does not."""
    from extractor.readers.ocr.engine import Line
    from extractor.readers.ocr.page import glyph_box

    plain = Line(x0=0, top=100, x1=50, bottom=130, baseline=130.0, size=30.0)
    tall = Line(x0=60, top=92, x1=120, bottom=141, baseline=130.0, size=30.0)
    settings = OcrSettings(ascent=0.8, glyph_height=1.0)
    assert glyph_box(plain, settings) == glyph_box(tall, settings) == (106.0, 136.0)


def test_scanned_funding_table_without_rules_keeps_its_rows_across_the_page():
    """A LibreOffice print of a report with no cell borders, scanned: the measures of the funding table under
    its header are rows of one table, each with its term and amounts, not paragraphs after a few rows."""
    from pinned import CASES_DIR

    pdf = (CASES_DIR / "corpus-final-report-no-drawn-cells" / "libreoffice-no-rules.pdf").read_bytes()
    doc = read_pdf(scan_pdf(pdf, pages=[1, 2]), path="scan.pdf", limits=DEFAULT_LIMITS)
    rows = [[c.text for c in row.cells] for table in doc.tables for row in table.rows]
    terms = [cells for cells in rows if any(text.strip().endswith(("2017", "2019")) for text in cells)]
    assert len(terms) >= 7, rows  # the measures 1.1–1.8 of these two pages


def test_amount_the_layout_analysis_dropped_is_taken_from_the_sparse_reading():
    """'1523,08' printed alone between two amounts of a row without rules: the page's layout analysis read
    '1732,4' and '100' only; the sparse reading's copy of what was read is not added twice, nor a blot."""
    from extractor.readers.ocr.engine import Line, Recognition, Word
    from extractor.readers.ocr.page import with_missed_words

    row = Line(0, 100, 900, 130, 128.0, 28.0)
    layout = Recognition([Word("1732,4", 100, 100, 250, 130, 0.95, 0), Word("100", 700, 100, 780, 130, 0.96, 0)], [row])
    sparse = Recognition([Word("1732,4", 102, 101, 249, 129, 0.9, 0), Word("1523,08", 400, 101, 560, 130, 0.93, 1),
                          Word("~", 820, 400, 830, 410, 0.3, 2)], [row, row, Line(820, 400, 830, 410, 409.0, 10.0)])
    merged = with_missed_words(layout, sparse, min_confidence=0.6)
    assert [w.text for w in merged.words] == ["1732,4", "100", "1523,08"]
    assert merged.lines[merged.words[2].line] == row


def test_scanned_web_page_print_without_borders_reads_its_numbered_measures():
    """A Chromium print of a report whose tables have no borders, scanned: page 1's funding table is found
    (its item numbers keep their periods, '1.1.' not '11', and its title '2. Виконання заходів Програми' is not
    taken for a header line), each measure a row with its amounts."""
    from pinned import CASES_DIR

    pdf = (CASES_DIR / "grn-nbsp-thousands-merged-task-cells" / "chromium-print-no-borders.pdf").read_bytes()
    doc = read_pdf(scan_pdf(pdf, pages=[0]), path="scan.pdf", limits=DEFAULT_LIMITS)
    texts = [c.text for table in doc.tables for row in table.rows for c in row.cells]
    assert {"1.1. Капітальний ремонт покрівлі ліцею № 4 по вул. Проскурівській", "1.4. Придбання меблів та обладнання для кабінетів фізики і хімії"} <= {
        " ".join(t.split()) for t in texts}, texts


def test_percent_sign_alone_in_a_unit_cell_is_not_read_as_ninety_six():
    """The Ukrainian model has no '%': an indicator's unit cell '%' reads '96'; the digits reader, which has
    the sign, reads '%', and that reading is kept (the Zhytomyr scan's quality indicators)."""
    from extractor.readers.ocr.engine import Line, Recognition, Word
    from extractor.readers.ocr.page import _choose_number

    line = [Line(0, 0, 40, 30, 28.0, 28.0)]
    text_model = Recognition([Word("96", 0, 0, 40, 30, 0.91, 0)], line)
    digits_model = Recognition([Word("%", 0, 0, 40, 30, 0.88, 0)], line)
    chosen, confidence = _choose_number(text_model, digits_model, disputed=0.5)
    assert chosen.text == "%" and confidence == 0.88
    ninety_six = Recognition([Word("96", 0, 0, 40, 30, 0.9, 0)], line)
    assert _choose_number(text_model, ninety_six, disputed=0.5)[0].text == "96"


def test_numbers_outside_ruled_tables_are_read_again_by_the_digits_reader():
    """A row printed without rules, read by the text model: its percent '53,4%' came out '53,49' (the model
    has no '%') and '1 619 277,64' as two words; the digits reader's readings of their boxes replace them."""
    from extractor.readers.ocr.engine import Line, Recognition, Word
    from extractor.readers.ocr.page import number_runs, with_numbers_reread

    line = Line(0, 100, 2000, 140, 136.0, 40.0)
    rec = Recognition([Word("Управління", 100, 100, 400, 140, 0.95, 0), Word("1619", 800, 100, 890, 140, 0.93, 0),
                       Word("277,64", 905, 100, 1040, 140, 0.94, 0), Word("53,49", 1300, 100, 1420, 140, 0.9, 0)],
                      [line])
    assert number_runs(rec, gap=0.6) == [[1, 2], [3]]
    digits = {800: "1 619 277,64", 1300: "53,4%"}
    asked = []

    def read(box):
        asked.append(box)
        text = digits[box[0] + OcrSettings().pixels(OcrSettings().cell_inset_mm)]
        return Recognition([Word(text, box[0], box[1], box[2], box[3], 0.9, 0)], [line])

    out = with_numbers_reread(rec, read, OcrSettings())
    assert [w.text for w in out.words] == ["Управління", "1 619 277,64", "53,4%"]
    assert len(asked) == 2 and out.words[1].x1 == 1040
