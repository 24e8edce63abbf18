"""HTML reader: council web pages and Word's "Save as Web Page", built in the tests."""

from __future__ import annotations

import pytest

from extractor.document import Paragraph, Table
from extractor.limits import DEFAULT_LIMITS
from extractor.readers import load, read, read_input
from extractor.readers.html import NOTE_DOCTYPE, NOTE_ENCODING, declared_encoding, read_html


def read_page(html: str | bytes, encoding: str = "utf-8"):
    data = html.encode(encoding) if isinstance(html, str) else html
    return read_html(data, path="page.html", limits=DEFAULT_LIMITS)


def texts(doc) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, Paragraph)]


# -- encoding ------------------------------------------------------------------------------------------

PAGE = "<html><head>{head}</head><body><p>Інформація про виконання програми</p></body></html>"


@pytest.mark.parametrize(
    "head",
    [
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">',
        "<meta charset=windows-1251>",
        "<META HTTP-EQUIV=Content-Type CONTENT='text/html; charset=Windows-1251'>",
    ],
)
def test_cp1251_page_read_by_its_declared_charset(head):
    doc = read_page(PAGE.format(head=head), "cp1251")
    assert texts(doc) == ["Інформація про виконання програми"]
    assert not doc.notes


def test_xml_declaration_names_the_encoding():
    data = '<?xml version="1.0" encoding="windows-1251"?><html><body><p>Звіт</p></body></html>'.encode("cp1251")
    assert declared_encoding(data) == "cp1251"
    assert texts(read_page(data)) == ["Звіт"]


def test_page_without_a_charset_is_detected_as_cp1251_with_a_note():
    doc = read_page(PAGE.format(head="<title>x</title>"), "cp1251")
    assert texts(doc) == ["Інформація про виконання програми"]
    assert dict(doc.notes)[NOTE_ENCODING] == "the page declares no charset; read as cp1251"


def test_bom_wins_over_a_wrong_declaration():
    data = b"\xef\xbb\xbf" + PAGE.format(head="<meta charset=windows-1251>").encode("utf-8")
    assert texts(read_page(data)) == ["Інформація про виконання програми"]


def test_utf16_page_with_bom():
    assert texts(read_page(PAGE.format(head=""), "utf-16")) == ["Інформація про виконання програми"]


def test_cyrillic_page_mislabelled_as_latin_is_read_as_cp1251():
    doc = read_page(PAGE.format(head="<meta charset=iso-8859-1>"), "cp1251")
    assert texts(doc) == ["Інформація про виконання програми"]
    assert "cp1251" in dict(doc.notes)[NOTE_ENCODING]


def test_declared_utf8_that_is_not_falls_back_to_detection():
    doc = read_page(PAGE.format(head="<meta charset=utf-8>"), "cp1251")
    assert texts(doc) == ["Інформація про виконання програми"]
    assert "declares utf-8 but its bytes are not" in dict(doc.notes)[NOTE_ENCODING]


# -- site furniture ---------------------------------------------------------------------------------------

COUNCIL_PAGE = """<!DOCTYPE html><html lang="uk"><head><meta charset="utf-8">
<meta name="description" content="description"><title>Міська рада</title>
<style>p { color: red }</style><script>var menu = "Головна";</script></head>
<body>
<header class="site"><h1>Міська рада</h1></header>
<nav><ul><li><a href="/">Головна</a></li><li>Новини</li></ul></nav>
<ul class="main-menu"><li>Документи</li></ul>
<div id="breadcrumbs">Головна / Звіти</div>
<div class="content">
 <article><header><h2>Звіт про виконання програми «Питна вода»</h2></header>
 <p>Відповідальний виконавець: управління ЖКГ</p>
 <script>document.write("реклама")</script>
 <p style="display:none">прихований текст</p>
 </article>
</div>
<aside><p>Новини міста</p></aside>
<div class="moduletable"><p>Погода</p></div>
<div role="navigation"><p>Карта сайту</p></div>
<footer><p>© Міська рада</p></footer>
<noscript>Увімкніть JavaScript</noscript>
</body></html>"""


def test_site_furniture_is_left_out_and_the_article_kept():
    assert texts(read_page(COUNCIL_PAGE)) == [
        "Звіт про виконання програми «Питна вода»",
        "Відповідальний виконавець: управління ЖКГ",
    ]


def test_meta_description_never_becomes_text():
    """Regression: a council page's program name came out as "description", from a <meta> tag."""
    assert all("description" not in t for t in texts(read_page(COUNCIL_PAGE)))


# -- tables -------------------------------------------------------------------------------------------------

TABLE = """<html><body><p>3. Фінансування</p>
<table border=1>
<thead><tr><th rowspan=2>№</th><th rowspan=2>Захід</th><th colspan=2>Фінансування, тис. грн</th></tr>
<tr><th>план</th><th>факт</th></tr></thead>
<tbody>
<tr><td rowspan=2>1.</td><td>Ремонт<br>мереж</td><td>1&nbsp;445,0</td><td>1 200,0</td></tr>
<tr><td><p>Заміна</p><p>насосів</p></td><td>0,5</td><td>–</td></tr>
<tr><td colspan=2>Разом</td><td>1 445,5</td><td>1 200,0</td></tr>
</tbody></table>
<p>Начальник управління</p></body></html>"""


def test_table_with_rowspan_and_colspan_becomes_spans():
    doc = read_page(TABLE)
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph", "Table", "Paragraph"]
    table = doc.tables[0]
    assert table.n_cols == 4 and len(table.rows) == 5
    head = {c.col: c for c in table.rows[0].cells}
    assert (head[0].row_span, head[2].col_span, head[2].text) == (2, 2, "Фінансування, тис. грн")
    assert [r.is_header for r in table.rows] == [True, True, False, False, False]
    assert table.text_grid()[2] == ["1.", "Ремонт\nмереж", "1\u00a0445,0", "1 200,0"]
    assert table.text_grid(carry=True)[3][:2] == ["1.", "Заміна\nнасосів"]  # <p> in a cell: one line each
    total = table.rows[4].cells[0]
    assert (total.text, total.col_span) == ("Разом", 2)


def test_rowspan_zero_runs_to_the_last_row_and_huge_colspan_is_cut():
    doc = read_page("<table><tr><td rowspan=0>a</td><td colspan=999999>b</td></tr><tr><td>c</td></tr>"
                    "<tr><td>d</td></tr></table>")
    table = doc.tables[0]
    first = table.rows[0].cells
    assert first[0].row_span == 3 and first[1].col_span == 999 and table.n_cols == 1000
    assert table.rows[1].cells[0].col == 1


def test_layout_table_is_read_as_content_and_its_data_table_found():
    page = ("<html><body><table width=100%><tr><td class=left><p>Головна</p><p>Документи</p></td>"
            "<td><p>Звіт про виконання</p><table><tr><td>Захід</td><td>План</td></tr>"
            "<tr><td>Ремонт</td><td>10</td></tr></table></td></tr></table></body></html>")
    doc = read_page(page)
    assert len(doc.tables) == 1 and doc.tables[0].text_grid() == [["Захід", "План"], ["Ремонт", "10"]]
    assert "Звіт про виконання" in texts(doc)


def test_nested_table_in_a_data_cell_gives_its_lines_to_the_cell():
    rows = "".join(f"<tr><td>{i}</td><td>захід {i}</td><td>x</td></tr>" for i in range(6))
    page = (f"<table>{rows}<tr><td>7</td><td><table><tr><td>об'єкт 1</td></tr><tr><td>об'єкт 2</td></tr></table>"
            "</td><td>y</td></tr></table>")
    table = read_page(page).tables[0]
    assert len(table.rows) == 7 and table.text_grid()[6][1] == "об'єкт 1\nоб'єкт 2"


# -- Word's filtered HTML -------------------------------------------------------------------------------------

WORD_HTML = """<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=windows-1251">
<meta name=Generator content="Microsoft Word 15 (filtered)">
<style><!-- p.MsoNormal {margin:0cm; font-size:12.0pt;} @page WordSection1 {size:595.3pt 841.9pt;} --></style>
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]-->
</head>
<body lang=UK style='tab-interval:35.4pt'>
<div class=WordSection1>
<p class=MsoNormal align=center style='text-align:center'><b><span lang=UK>Заключний звіт<o:p></o:p></span></b></p>
<p class=MsoNormal><span lang=UK>&nbsp;<o:p></o:p></span></p>
<p class=MsoNormal><span lang=UK>Термін реалізації&nbsp;Програми:
2017 – 2019 роки<o:p></o:p></span></p>
<p class=MsoListParagraph><![if !supportLists]><span>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;
</span></span><![endif]><span lang=UK>Основні дані</span></p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;border:none'>
 <tr style='mso-yfti-irow:0'>
  <td width=38 valign=top style='width:28.4pt;border:solid windowtext 1.0pt'>
  <p class=MsoNormal><span lang=UK>№<o:p></o:p></span></p>
  <p class=MsoNormal><span lang=UK>з/п<o:p></o:p></span></p></td>
  <td width=200 valign=top><p class=MsoNormal><span lang=UK>Зміст заходів<o:p></o:p></span></p></td>
  <td width=80 valign=top><p class=MsoNormal><span lang=UK>Обсяг, тис.&nbsp;грн<o:p></o:p></span></p></td>
 </tr>
 <tr>
  <td rowspan=2 valign=top><p class=MsoNormal><span lang=UK>1.<o:p></o:p></span></p></td>
  <td valign=top><p class=MsoNormal><span lang=UK>Встановлення відео</span><span lang=UK>камер<o:p></o:p></span></p></td>
  <td valign=top><p class=MsoNormal align=right><span lang=UK>1&nbsp;445,0<o:p></o:p></span></p></td>
 </tr>
 <tr>
  <td valign=top><p class=MsoNormal><span lang=UK>Обслуговування<o:p></o:p></span></p>
  <p class=MsoNormal><span lang=UK><o:p>&nbsp;</o:p></span></p></td>
  <td valign=top><p class=MsoNormal><span lang=UK>–<o:p></o:p></span></p></td>
 </tr>
 <![if !supportMisalignedColumns]>
 <tr height=0><td width=38 style='border:none'></td><td width=200 style='border:none'></td>
  <td width=80 style='border:none'></td><td width=20 style='border:none'></td></tr>
 <![endif]>
</table>
<p class=MsoNormal><span lang=UK><o:p>&nbsp;</o:p></span></p>
</div>
</body>
</html>"""


def test_word_filtered_html_reads_like_the_docx():
    doc = read_page(WORD_HTML, "cp1251")
    assert texts(doc)[:4] == ["Заключний звіт", "", "Термін реалізації\u00a0Програми: 2017 – 2019 роки",
                              "1.\u00a0\u00a0\u00a0 Основні дані"]
    assert texts(doc)[-1] == ""  # Word's empty paragraph, as the DOCX has it
    table = doc.tables[0]
    assert table.text_grid() == [
        ["№\nз/п", "Зміст заходів", "Обсяг, тис.\u00a0грн"],
        ["1.", "Встановлення відеокамер", "1\u00a0445,0"],
        ["", "Обслуговування\n", "–"],  # an empty paragraph in a cell is an empty line, as in the DOCX
    ]
    assert table.rows[1].cells[0].row_span == 2
    assert table.n_cols == 3  # Word's column-width row (height=0, empty cells) is not a row of the table
    assert not doc.notes


def test_word_html_saved_as_doc_is_read_as_html_with_a_note(tmp_path):
    f = tmp_path / "zvit.doc"
    f.write_bytes(WORD_HTML.encode("cp1251"))
    inp = load(f)
    assert inp.format == "html"
    doc = read_input(inp)
    assert doc.tables and any(code == "format-mismatch" for code, _ in doc.notes)


# -- hostile pages ------------------------------------------------------------------------------------------------


def test_external_and_internal_entities_are_never_expanded():
    page = ('<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY lol "lollollollol">]>'
            "<html><body><p>Звіт &xxe; &lol;</p></body></html>")
    doc = read_page(page)
    text = " ".join(texts(doc))
    assert "root:" not in text and "lollol" not in text and "]>" not in text
    assert NOTE_DOCTYPE in dict(doc.notes)


def test_scripts_never_give_text_even_when_they_write_markup():
    page = ("<html><body><script>document.write('<p>Фальшивий звіт</p>');</script>"
            "<p>Справжній звіт</p><script src='http://example.invalid/x.js'></script></body></html>")
    assert texts(read_page(page)) == ["Справжній звіт"]


def test_a_50_mb_page_of_scripts_and_inline_images_gives_its_report(tmp_path):
    junk = "<script>" + "var x = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';\n" * 700_000 + "</script>"
    image = '<img src="data:image/png;base64,' + "A" * (25 * 1024 * 1024) + '">'
    page = f"<html><body>{junk}{image}<p>Звіт про виконання</p><table><tr><td>1</td><td>2</td></tr></table></body></html>"
    f = tmp_path / "big.html"
    f.write_bytes(page.encode())
    assert f.stat().st_size > 50 * 1024 * 1024
    doc = read(f)
    assert texts(doc) == ["Звіт про виконання"] and doc.tables[0].text_grid() == [["1", "2"]]


def test_a_50_mb_paragraph_is_cut_with_a_note(tmp_path):
    f = tmp_path / "long.html"
    f.write_bytes(b"<html><body><p>" + b"word " * (10 * 1024 * 1024) + b"</p></body></html>")
    doc = read(f)
    assert len(doc.paragraphs[0].text) == 100_000
    assert any(code == "text-truncated" for code, _ in doc.notes)


def test_empty_and_unclosed_markup_give_no_error():
    assert read_page("<html><body></body></html>").blocks == []
    doc = read_page("<html><body><table><tr><td>а<td>б<tr><td>в")
    assert doc.tables[0].text_grid() == [["а", "б"], ["в", ""]]
    assert isinstance(doc.blocks[0], Table)


def test_objects_stacked_web_page_signature_name_floated_right_follows_a_tab():
    """A web page sets the signatory's name at the right margin with a float, where a word processor uses a TAB."""
    page = ("<html><head><style>.r { float: right; }</style></head><body>"
            "<p>Директор департаменту<br>житлово-комунального комплексу<span class='r'>Олег ЛЕВЧЕНКО</span></p>"
            "<p>Начальник<span style='float:right'>І. ПЕТРЕНКО</span></p>"
            "<p><span class='r'>Додаток 1</span></p><p>Текст <span class='x'>без</span> відступу</p></body></html>")
    texts = [b.text for b in read_page(page).blocks if isinstance(b, Paragraph)]
    assert texts == ["Директор департаменту\nжитлово-комунального комплексу\tОлег ЛЕВЧЕНКО",
                     "Начальник\tІ. ПЕТРЕНКО", "Додаток 1", "Текст без відступу"]
