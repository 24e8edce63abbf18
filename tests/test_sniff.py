"""The type of a file comes from its bytes: every report format, and the files that are not reports."""

from __future__ import annotations

import io
import zipfile

import pytest

from extractor.errors import EncryptedFile, UnsupportedFormat
from extractor.readers import REPORT_SUFFIXES, SUFFIX_FORMATS, load
from extractor.readers.sniff import FORMATS, identify, sniff
from olebuild import BOF, BOUNDSHEET, EOF, FILEPASS, biff_records, compound, word_fib


def zipped(members: dict[str, bytes | str], mimetype: str | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        if mimetype is not None:
            zf.writestr(zipfile.ZipInfo("mimetype"), mimetype)  # stored, first, as ODF requires
        for name, body in members.items():
            zf.writestr(name, body)
    return buf.getvalue()


# -- OLE2 compound files: DOC vs XLS by their streams -------------------------------------------


def test_compound_file_with_word_document_stream_is_doc():
    assert sniff(compound({"WordDocument": word_fib(), "1Table": b"\x00" * 10})) == "doc"


def test_compound_file_with_workbook_stream_is_xls():
    assert sniff(compound({"Workbook": biff_records(BOF, BOUNDSHEET, EOF)})) == "xls"


def test_excel_5_book_stream_is_xls():
    assert sniff(compound({"Book": biff_records(BOF, BOUNDSHEET, EOF)})) == "xls"


def test_word_stream_found_among_others_whatever_their_order():
    data = compound({"\x05SummaryInformation": b"x", "1Table": b"y", "WordDocument": word_fib()})
    assert sniff(data) == "doc"


def test_password_protected_doc_is_encrypted():
    found = identify(compound({"WordDocument": word_fib(encrypted=True)}))
    assert found.format == "doc" and found.encrypted


def test_xls_with_filepass_record_is_encrypted():
    found = identify(compound({"Workbook": biff_records(BOF, FILEPASS, BOUNDSHEET, EOF)}))
    assert found.format == "xls" and found.encrypted


def test_xls_without_filepass_is_not_encrypted():
    assert not identify(compound({"Workbook": biff_records(BOF, BOUNDSHEET, FILEPASS, EOF)})).encrypted


def test_encrypted_ooxml_in_a_compound_file_is_an_encrypted_office_document():
    found = identify(compound({"EncryptionInfo": b"\x04\x00\x04\x00", "EncryptedPackage": b"\x00" * 8}))
    assert found.format is None and found.kind == "encrypted-office" and found.encrypted


def test_powerpoint_compound_file_is_named_not_read():
    found = identify(compound({"PowerPoint Document": b"\x00" * 8}))
    assert (found.format, found.kind) == (None, "ppt")


def test_damaged_compound_file_is_named_not_guessed():
    found = identify(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    assert found.format is None and found.kind == "ole2" and "damaged" in found.description


def test_compound_file_whose_fat_chain_loops_does_not_hang():
    data = bytearray(compound({"WordDocument": word_fib()}))
    # FAT sector is sector 0 at offset 512; make the directory chain (sector 1) point to itself
    data[512 + 4:512 + 8] = (1).to_bytes(4, "little")
    assert sniff(bytes(data)) == "doc"


# -- zips: DOCX, XLSX, ODT, ODS and what is not a report ------------------------------------------


def test_zip_with_workbook_part_is_xlsx():
    assert sniff(zipped({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})) == "xlsx"


def test_zip_with_word_document_part_is_docx():
    assert sniff(zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})) == "docx"


@pytest.mark.parametrize(
    "mimetype,fmt",
    [("application/vnd.oasis.opendocument.text", "odt"), ("application/vnd.oasis.opendocument.spreadsheet", "ods")],
)
def test_opendocument_told_by_its_mimetype_member(mimetype, fmt):
    assert sniff(zipped({"content.xml": "<office:document-content/>"}, mimetype=mimetype)) == fmt


def test_opendocument_presentation_is_named_not_read():
    found = identify(zipped({"content.xml": "<x/>"}, mimetype="application/vnd.oasis.opendocument.presentation"))
    assert (found.format, found.kind) == (None, "odp")


def test_pptx_is_named_not_read():
    found = identify(zipped({"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>"}))
    assert (found.format, found.kind) == (None, "pptx")


# -- RTF and HTML, whatever the file is called ------------------------------------------------------


def test_rtf_by_its_opening_group():
    assert sniff(b"{\\rtf1\\ansi\\ansicpg1251\\deff0 {\\fonttbl{\\f0 Times New Roman;}} \\par}") == "rtf"


@pytest.mark.parametrize(
    "data",
    [
        b"<!DOCTYPE html>\n<html><body><p>\xd0\x97\xd0\xb2\xd1\x96\xd1\x82</p></body></html>",
        b"<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">\r\n<HTML><HEAD>",
        b"\xef\xbb\xbf<html lang=\"uk\"><head><meta charset=\"utf-8\"></head>",
        b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- saved -->\n<html xmlns=\"http://www.w3.org/1999/xhtml\">",
        b"  \r\n<!-- header --><!-- menu -->\n<head><title>\xc7\xe2\xb3\xf2</title></head>",
        b"<meta http-equiv=Content-Type content=\"text/html; charset=windows-1251\">\n<table><tr><td>1</td></tr></table>",
        "<html><body>Звіт</body></html>".encode("utf-16"),
    ],
    ids=["html5", "html4-upper", "bom", "xhtml", "comments-first", "fragment-cp1251", "utf16"],
)
def test_html_by_its_markup(data):
    assert sniff(data) == "html"


def test_word_html_saved_as_doc_is_html(tmp_path):
    """Word's "Save as Web page" kept under a .doc name: read as HTML (with a format-mismatch note later)."""
    word_html = (
        b'<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"\n'
        b'xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">\n'
        b'<head><meta http-equiv=Content-Type content="text/html; charset=windows-1251">'
        b'<meta name=Generator content="Microsoft Word 15"></head><body lang=UK><div class=WordSection1>'
        b"<p class=MsoNormal>\xc7\xe2\xb3\xf2<o:p></o:p></p></div></body></html>"
    )
    f = tmp_path / "zvit.doc"
    f.write_bytes(word_html)
    assert identify(word_html).format == "html"


def test_text_mentioning_html_tags_later_stays_text():
    assert sniff("Звіт про виконання програми\nу форматі <html> на сайті\n".encode("utf-8")) == "txt"


def test_mhtml_web_archive_is_named_not_read():
    data = b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart\"\r\n\r\n"
    assert identify(data).kind == "mhtml"


# -- the rules that were there before stay -------------------------------------------------------------


def test_pdf_docx_and_text_rules_unchanged():
    assert sniff(b"%PDF-1.7\n%\xe2\xe3") == "pdf"
    assert sniff(b"junk" * 10 + b"%PDF-1.4") == "pdf"
    assert sniff("Звіт\tпро виконання\n".encode("cp1251")) == "txt"
    assert sniff(b"PK\x03\x04" + bytes(30)) == "docx"  # a broken zip: the DOCX reader says it is corrupt


# -- what is not a report is named -------------------------------------------------------------------


@pytest.mark.parametrize(
    "data,kind,words",
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "png", "a PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)), "jpeg", "a JPEG image"),
        (b"\x1f\x8b\x08\x00" + bytes(range(256)), "gzip", "a gzip archive"),
        (b"Rar!\x1a\x07\x00" + bytes(range(256)), "rar", "a RAR archive"),
        (zipped({"photo.jpg": b"\xff\xd8\xff"}), "zip", "a ZIP archive"),
        (bytes(range(256)) * 4, "unknown", "unrecognised content"),
    ],
)
def test_files_that_are_not_reports_are_named(tmp_path, data, kind, words):
    f = tmp_path / "report.docx"
    f.write_bytes(data)
    with pytest.raises(UnsupportedFormat) as err:
        load(f)
    assert err.value.detected == kind
    assert words in str(err.value) and str(f) in str(err.value)


def test_png_error_reads_as_a_sentence(tmp_path):
    f = tmp_path / "scan.pdf"
    f.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with pytest.raises(UnsupportedFormat, match=r"scan\.pdf: a PNG image, not a report format$"):
        load(f)


@pytest.mark.parametrize(
    "data",
    [
        compound({"WordDocument": word_fib(encrypted=True)}),
        compound({"Workbook": biff_records(BOF, FILEPASS, BOUNDSHEET, EOF)}),
        compound({"EncryptionInfo": b"\x04\x00", "EncryptedPackage": b"\x00" * 8}),
    ],
    ids=["doc", "xls", "ooxml"],
)
def test_password_protected_office_files_are_an_encrypted_file_error(tmp_path, data):
    f = tmp_path / "zvit.doc"
    f.write_bytes(data)
    with pytest.raises(EncryptedFile, match="password"):
        load(f)


def test_report_suffixes_cover_every_format_and_name_one_place():
    assert set(SUFFIX_FORMATS.values()) == set(FORMATS)
    assert {".doc", ".rtf", ".odt", ".xlsx", ".xls", ".ods", ".htm", ".html", ".docx", ".pdf", ".txt"} <= set(
        REPORT_SUFFIXES
    )
    assert all(s == s.lower() and s.startswith(".") for s in REPORT_SUFFIXES)
