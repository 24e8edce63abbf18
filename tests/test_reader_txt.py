"""TXT reader: decoding, dispatch, the Word TAB export and its tables."""

from __future__ import annotations

import codecs
import re

import pytest

from extractor.document import Paragraph, Table
from extractor.errors import CorruptFile, UnsupportedFormat
from extractor.limits import DEFAULT_LIMITS
from extractor.readers.txt import (
    NOTE_NO_TABLE_MARKUP,
    cyrillic_plausibility,
    decode_text,
    detect_style,
    read_txt,
)
from extractor.readers.txt_tabbed import read_tabbed_blocks

from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

UKR = (
    "Інформація про виконання міської цільової програми «Питна вода» на 2021-2023 роки\n"
    "Відповідальний виконавець: управління житлово-комунального господарства; "
    "фактично профінансовано 18 430,4 тис. грн (87,2 %). Їжак, ґанок, єнот, ЄДРПОУ.\n"
)
# KOI8-U and the DOS code pages have no guillemets
UKR_PLAIN = UKR.replace("«", '"').replace("»", '"')


def read(text: str | bytes, path: str = "report.txt"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return read_txt(data, path=path, limits=DEFAULT_LIMITS)


def tab(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def ws(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


# -- decoding -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data,encoding",
    [
        (UKR.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + UKR.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + UKR.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + UKR.encode("utf-16-be"), "utf-16-be"),
        (UKR.encode("utf-16-le"), "utf-16-le"),  # no BOM: regular NULs
        (UKR.encode("cp1251"), "cp1251"),
        (UKR_PLAIN.encode("koi8_u"), "koi8-u"),
        (UKR_PLAIN.encode("cp1125"), "cp1125"),
    ],
)
def test_decodes_every_supported_encoding_identically(data, encoding):
    text, used = decode_text(data, path="r.txt")
    assert text == (UKR_PLAIN if encoding in ("koi8-u", "cp1125") else UKR)
    assert used == encoding


def test_short_cp1251_line_stays_cp1251():
    data = "Звіт про виконання програми".encode("cp1251")
    assert decode_text(data, path="r.txt") == ("Звіт про виконання програми", "cp1251")


def test_plausibility_prefers_lower_case_cyrillic():
    good = UKR.encode("cp1251").decode("cp1251")
    koi_misread = UKR.encode("cp1251").decode("koi8_u")
    assert cyrillic_plausibility(good) > cyrillic_plausibility(koi_misread)


def test_non_utf8_document_records_its_encoding():
    doc = read(UKR.encode("cp1251"))
    assert ("decoding", "report.txt: decoded as cp1251") in doc.notes
    assert [p.text for p in doc.paragraphs] == UKR.rstrip("\n").split("\n")


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_ends_are_normalised(newline):
    doc = read(f"перший{newline}другий{newline}{newline}третій{newline}")
    assert [p.text for p in doc.paragraphs] == ["перший", "другий", "", "третій"]


def test_nul_bytes_are_removed():
    doc = read("пер\x00ший\nдру\x00\x00гий\n".encode("utf-8"))
    assert [p.text for p in doc.paragraphs] == ["перший", "другий"]


def test_broken_utf16_after_bom_is_corrupt_and_named():
    data = codecs.BOM_UTF16_LE + "текст".encode("utf-16-le") + b"\x00"  # odd length
    with pytest.raises(CorruptFile) as err:
        decode_text(data, path="bad.txt")
    assert "bad.txt" in str(err.value)


def test_control_bytes_are_not_text():
    with pytest.raises(UnsupportedFormat) as err:
        decode_text(bytes(range(1, 9)) * 200, path="bin.txt")
    assert "bin.txt" in str(err.value)


def test_long_single_line_is_one_paragraph():
    line = "слово " * 400_000  # 2.4 million characters, no line end
    doc = read(line)
    assert len(doc.paragraphs) == 1
    assert doc.paragraphs[0].text == line


def test_characters_are_kept_as_printed():
    text = "№\u00a01346 від-\u00adповідь  два пробіли \n"
    doc = read(text)
    assert doc.paragraphs[0].text == text.rstrip("\n")


# -- dispatch -----------------------------------------------------------------------------


def test_plain_text_gives_paragraphs_and_a_note():
    doc = read("Заголовок\n\nАбзац перший.\nАбзац другий.\n")
    assert doc.format == "txt" and doc.pages is None
    assert doc.tables == []
    assert [p.text for p in doc.paragraphs] == ["Заголовок", "", "Абзац перший.", "Абзац другий."]
    assert [code for code, _ in doc.notes] == [NOTE_NO_TABLE_MARKUP]
    assert "report.txt" in doc.notes[0][1]


def test_detect_style():
    assert detect_style(tab("a", "\tx", "\ty", "")) == "tabbed"
    assert detect_style("Сторінка 1\n\fСторінка 2\n") == "layout"
    layout = "\n".join("№     Назва заходу        100,0     50,0" for _ in range(6))
    assert detect_style(layout) == "layout"
    assert detect_style("Просто текст.\nЩе текст.\n") == "plain"


def test_tab_indented_paragraphs_are_not_a_table():
    doc = read(tab("\tПерший абзац з відступом.", "", "\tДругий абзац.", "", "Кінець"))
    assert doc.tables == []
    assert [p.text for p in doc.paragraphs] == ["\tПерший абзац з відступом.", "", "\tДругий абзац.", "", "Кінець"]


# -- the TAB export: small snippets ----------------------------------------------------------


def only_table(blocks) -> Table:
    tables = [b for b in blocks if isinstance(b, Table)]
    assert len(tables) == 1
    return tables[0]


def cells(table: Table) -> list[list[tuple[int, int, str]]]:
    return [[(c.col, c.col_span, c.text) for c in r.cells] for r in table.rows]


def test_cell_with_empty_inner_paragraphs_keeps_them():
    text = tab(
        "Таблиця:",
        "\tНомер", "\tОбсяг", "\tФакт", "",
        "\t6.", "\t704,0", "", "128,0", "", "120,0", "\t–", "", "–", "–", "",
        "\t7.", "\t800,0", "\t–", "",
        "",
        "Кінець",
    )
    blocks = read_tabbed_blocks(text)
    t = only_table(blocks)
    assert t.n_cols == 3 and len(t.rows) == 3
    assert cells(t)[1] == [(0, 1, "6."), (1, 1, "704,0\n\n128,0\n\n120,0"), (2, 1, "–\n\n–\n–")]
    assert [b.text for b in blocks if isinstance(b, Paragraph)] == ["Таблиця:", "", "Кінець"]


def test_lone_tab_is_an_empty_cell_and_trailing_empty_paragraphs_stay_in_the_cell():
    text = tab(
        "\t№", "\tЗавдання", "\tЗахід", "\tТермін", "",
        "\t1.", "\tЗавдання 1", "\t1.1 Захід", "\t2019", "", "", "",
        "\t", "\t", "\t1.2 Захід", "\t2020", "",
    )
    t = only_table(read_tabbed_blocks(text))
    assert t.n_cols == 4
    assert cells(t) == [
        [(0, 1, "№"), (1, 1, "Завдання"), (2, 1, "Захід"), (3, 1, "Термін")],
        [(0, 1, "1."), (1, 1, "Завдання 1"), (2, 1, "1.1 Захід"), (3, 1, "2019\n\n")],
        [(0, 1, ""), (1, 1, ""), (2, 1, "1.2 Захід"), (3, 1, "2020")],
    ]


def test_empty_line_is_an_empty_paragraph_when_the_row_is_not_full():
    # the first row's term cell ends with an empty paragraph: the empty line
    # before "Виконавець" cannot be a row end (the row would have 2 of 4 cells)
    text = tab(
        "\tЗахід", "\tТермін", "\tВиконавець", "\tСума", "",
        "\tРемонт", "\t2019", "", "\tУправління", "\t10,0", "",
        "\tБудівництво", "\t2020", "\tДепартамент", "\t20,0", "",
    )
    t = only_table(read_tabbed_blocks(text))
    assert [len(r.cells) for r in t.rows] == [4, 4, 4]
    assert t.rows[1].cells[1].text == "2019\n"


def test_one_cell_heading_row_spans_the_width():
    text = tab(
        "\t№", "\tПоказник", "\tПлан", "\tФакт", "",
        "\tI. Показники затрат", "",
        "\t1.", "\tОбсяг видатків", "\t10,0", "\t9,5", "",
        "\t", "",
        "\tII. Показники продукту", "",
        "\t1.", "\tКількість", "\t5", "\t5", "",
    )
    t = only_table(read_tabbed_blocks(text))
    assert [len(r.cells) for r in t.rows] == [4, 1, 4, 1, 1, 4]
    assert cells(t)[1] == [(0, 4, "I. Показники затрат")]
    assert cells(t)[3] == [(0, 4, "")]
    assert [r.index for r in t.rows] == list(range(6))
    assert all(c.row == r.index for r in t.rows for c in r.cells)


def test_spanning_header_row_aligns_with_the_sub_headers_below():
    text = tab(
        "\t№", "\tЗахід", "\tПлан, тис. грн", "\tФакт, тис. грн", "\t%", "",
        "\t", "\t", "\tУсього", "\tбюджет", "\tінші", "\tУсього", "\tбюджет", "\tінші", "\t", "",
        "\t1", "\tРемонт", "\t30,0", "\t20,0", "\t10,0", "\t25,0", "\t15,0", "\t10,0", "\t83,3", "",
    )
    t = only_table(read_tabbed_blocks(text))
    assert t.n_cols == 9
    assert [(c.col, c.col_span) for c in t.rows[0].cells] == [(0, 1), (1, 1), (2, 3), (5, 3), (8, 1)]


def test_unequal_header_groups_split_where_a_sub_header_repeats():
    text = tab(
        "\t№", "\tОбсяг фінансування", "\tФактично", "",
        "\t", "\t2021 рік", "\t2022 рік", "\t2023 рік", "\t2022 рік", "",
        "\t1", "\t10,0", "\t20,0", "\t30,0", "\t15,0", "",
    )
    t = only_table(read_tabbed_blocks(text))
    assert [(c.col, c.col_span) for c in t.rows[0].cells] == [(0, 1), (1, 3), (4, 1)]


def test_total_row_label_spans_the_columns_left_of_the_amounts():
    text = tab(
        "\t№", "\tЗахід", "\tТермін", "\tПлан", "\tФакт", "",
        "\t1.", "\tРемонт", "\t2021", "\t10,0", "\t9,0", "",
        "\t2.", "\tБудівництво", "\t2021-2022", "\t20,0", "\t18,0", "",
        "\tУсього", "\t30,0", "\t27,0", "",
    )
    t = only_table(read_tabbed_blocks(text))
    assert cells(t)[3] == [(0, 3, "Усього"), (3, 1, "30,0"), (4, 1, "27,0")]


def test_explanation_cell_next_to_the_gap_takes_the_span():
    full = ["\t1.", "\tОбсяг видатків", "\tтис. грн", "\t165,0", "\t-", "\tНе фінансувався", "\tВраховано", ""]
    text = tab(
        "\t№", "\tПоказник", "\tОдиниця", "\tПлан", "\tФакт", "\tПричини", "\tЩо зроблено", "",
        *full, *full,
        "\t3.", "\tКількість", "\tчол.", "\t13", "\t8", "\tАвтоматизація обробки", "",
        *full,
    )
    t = only_table(read_tabbed_blocks(text))
    assert cells(t)[3][-1] == (5, 2, "Автоматизація обробки")
    assert [c.col for c in t.rows[3].cells] == [0, 1, 2, 3, 4, 5]


def test_paragraphs_between_two_tables_end_the_first():
    text = tab(
        "Таблиця 1",
        "\tА", "\tБ", "\tВ", "",
        "\t1", "\t2", "\t3", "",
        "",
        "Таблиця 2",
        "\tX", "\tY", "",
        "\t7", "\t8", "",
    )
    blocks = read_tabbed_blocks(text)
    kinds = [type(b).__name__ for b in blocks]
    assert kinds == ["Paragraph", "Table", "Paragraph", "Paragraph", "Table"]
    t1, t2 = [b for b in blocks if isinstance(b, Table)]
    assert (t1.index, t1.n_cols, len(t1.rows)) == (0, 3, 2)
    assert (t2.index, t2.n_cols, len(t2.rows)) == (1, 2, 2)
    assert blocks[3].text == "Таблиця 2"


def test_text_after_an_empty_line_inside_a_cell_does_not_end_the_table():
    text = tab(
        "\t№", "\tЗавдання", "\tЗахід", "\tСума", "",
        "\t4.", "\tСтворення", "", "(будівництво) системи", "", "", "\tПридбання", "\t300,0", "",
        "\t5.", "\tОбслуговування", "\tВитрати", "\t100,0", "",
    )
    t = only_table(read_tabbed_blocks(text))
    assert [len(r.cells) for r in t.rows] == [4, 4, 4]
    assert t.rows[1].cells[1].text == "Створення\n\n(будівництво) системи\n\n"


def test_read_txt_uses_the_tab_reader_without_the_note():
    doc = read(tab("Вступ", "\tА", "\tБ", "", "\t1", "\t2", "", "", "Кінець"))
    assert len(doc.tables) == 1
    assert NOTE_NO_TABLE_MARKUP not in [code for code, _ in doc.notes]


# -- the sample reports -------------------------------------------------------------------


def sample(stem: str, ext: str = "txt"):
    path = SAMPLES / f"{stem}.{ext}"
    if ext == "txt":
        return read_txt(path.read_bytes(), path=str(path), limits=DEFAULT_LIMITS)
    from extractor.readers import read as read_any

    return read_any(path)


ZHYTOMYR = "zhytomyr-bezpechne-misto-2017-2019"
RIVNE = "rivne-pytna-voda-2021"


def test_zhytomyr_tables():
    doc = sample(ZHYTOMYR)
    funding, indicators = doc.tables
    assert (funding.n_cols, len(funding.rows)) == (8, 22)
    assert (indicators.n_cols, len(indicators.rows)) == (7, 27)
    assert all(len(r.cells) == 8 for r in funding.rows)
    g = funding.text_grid()
    assert g[1][:4] == ["1.", "Створення (будівництво) міського відео-спостереження міста Житомира",
                        "1.1\u00a0Встановлення відеокамер  на вулицях та майданах міста", "2019\n\n"]
    assert g[2][:3] == ["", "", "1.2 Придбання та встановлення камер відеоспостереження по вул.Народицька, 15 "]
    assert g[17][5] == "704,0\n\n128,0\n120,0"
    assert g[21][0] == "10." and g[21][6] == "1495,804"
    counts = [len(r.cells) for r in indicators.rows]
    assert counts.count(1) == 5 and counts.count(6) == 4 and counts.count(7) == 18
    heading_rows = [r.index for r in indicators.rows if len(r.cells) == 1]
    assert heading_rows == [1, 8, 16, 22, 23]
    assert indicators.rows[22].cells[0].text == ""
    for r in indicators.rows:
        if len(r.cells) == 6:
            assert [(c.col, c.col_span) for c in r.cells][-1] == (5, 2)
    assert ws(indicators.rows[21].cells[-1].text).startswith("Перевищення показника")
    assert indicators.rows[7].cells[5].text == "" and indicators.rows[7].cells[6].text.startswith("Збільшення")
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[-1] == "М.В. Дідківський"
    assert "4. Виконання заходів Програми" in paragraphs


def test_rivne_tables():
    doc = sample(RIVNE)
    funding, indicators = doc.tables
    assert (funding.n_cols, len(funding.rows)) == (14, 14)
    assert (indicators.n_cols, len(indicators.rows)) == (6, 19)
    assert [(c.col, c.col_span) for c in funding.rows[0].cells] == [
        (0, 1), (1, 1), (2, 1), (3, 1), (4, 1), (5, 4), (9, 4), (13, 1)
    ]
    assert [c.text for c in funding.rows[1].cells][:6] == ["", "", "", "", "", "Усього"]
    assert [c.text for c in funding.rows[2].cells] == [str(i) for i in range(1, 15)]
    total = funding.rows[13]
    assert [(c.col, c.col_span) for c in total.cells][:2] == [(0, 5), (5, 1)]
    assert total.cells[0].text == "Усього" and total.cells[-1].text == "87,2"
    assert funding.text_grid()[3][2].startswith("1.1 Реконструкція")
    assert [(c.col, c.col_span, c.text) for c in indicators.rows[0].cells][3] == (3, 2, "Значення показника")
    assert [len(r.cells) for r in indicators.rows].count(1) == 4
    assert indicators.rows[2].cells[0].col_span == 6


@pytest.mark.parametrize("stem", [ZHYTOMYR, RIVNE])
def test_txt_and_docx_give_the_same_table_grids(stem):
    pytest.importorskip("extractor.readers.docx")
    txt, docx = sample(stem), sample(stem, "docx")
    assert len(txt.tables) == len(docx.tables)
    for a, b in zip(txt.tables, docx.tables):
        assert (a.n_cols, len(a.rows)) == (b.n_cols, len(b.rows))
        ga = [[ws(x) for x in row] for row in a.text_grid()]
        gb = [[ws(x) for x in row] for row in b.text_grid()]
        for r, (ra, rb) in enumerate(zip(ga, gb)):
            assert ra == rb, f"table {a.index} row {r}"
        spans_a = [[(c.col, c.col_span) for c in r.cells if c.text.strip() or c.col_span > 1] for r in a.rows]
        spans_b = [[(c.col, c.col_span) for c in r.cells if c.text.strip() or c.col_span > 1] for r in b.rows]
        assert spans_a == spans_b


def test_zhytomyr_paragraphs_match_docx():
    pytest.importorskip("extractor.readers.docx")
    txt, docx = sample(ZHYTOMYR), sample(ZHYTOMYR, "docx")
    assert [p.text for p in txt.paragraphs] == [p.text for p in docx.paragraphs if p.part == "body"]


def test_header_rows_and_the_column_number_row_are_marked():
    text = tab(
        "\t№", "\tЗахід", "\tПлан", "\tФакт", "",
        "\t1", "\t2", "\t3", "\t4", "",
        "\t1.", "\tРемонт", "\t10,0", "\t9,0", "",
    )
    t = only_table(read_tabbed_blocks(text))
    assert [r.is_header for r in t.rows] == [True, True, False]


def test_table_at_the_end_of_the_file_without_a_row_end():
    t = only_table(read_tabbed_blocks("\tА\n\tБ\n\n\t1\n\t2"))
    assert cells(t) == [[(0, 1, "А"), (1, 1, "Б")], [(0, 1, "1"), (1, 1, "2")]]


def test_form_feeds_in_a_tab_export_are_dropped():
    blocks = read_tabbed_blocks("Вступ\n\f\n\tА\n\tБ\n\n\f\tВ\n\tГ\n\n")
    t = only_table(blocks)
    assert [[c.text for c in r.cells] for r in t.rows] == [["А", "Б"], ["В", "Г"]]
    assert [b.text for b in blocks if isinstance(b, Paragraph)] == ["Вступ"]


def test_utf16_tab_export_with_crlf_is_read_as_tables():
    text = "Вступ\r\n\tА\r\n\tБ\r\n\r\n\t1\r\n\t2\r\n\r\n"
    doc = read(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert [[c.text for c in r.cells] for r in doc.tables[0].rows] == [["А", "Б"], ["1", "2"]]


def test_a_run_of_tab_lines_wider_than_any_table_stays_paragraphs():
    lines = [f"\tрядок {i}" for i in range(100)] + ["", "\tще", ""]
    doc = read(tab(*lines))
    assert doc.tables == []
    assert doc.paragraphs[0].text == "\tрядок 0"


def test_layout_text_is_dispatched_to_the_layout_reader():
    text = (SAMPLES / "poltava-sportyvna-poltava-2022-07-01.txt").read_text(encoding="utf-8")
    assert detect_style(text) == "layout"


INDICATOR_HEAD = ("\t№", "\tПоказник", "\tОдиниця", "\tПлан", "\tФакт", "\tПричини", "\tЩо зроблено", "")
INDICATOR_ROW = ("\t1.", "\tОбсяг видатків", "\tтис. грн", "\t165,0", "\t-", "\tНе фінансувався", "\tВраховано", "")


def test_reason_with_an_empty_last_paragraph_keeps_its_remedy_in_the_row():
    text = tab(
        *INDICATOR_HEAD, *INDICATOR_ROW,
        "\t2.", "\tКількість", "\tод.", "\t15", "\t12", "\tЕкономія коштів", "", "\tПеренесено на 2022 рік", "",
        *INDICATOR_ROW,
    )
    t = only_table(read_tabbed_blocks(text))
    assert [len(r.cells) for r in t.rows] == [7, 7, 7, 7]
    assert t.rows[2].cells[5].text == "Економія коштів\n"
    assert t.rows[2].cells[6].text == "Перенесено на 2022 рік"


def test_an_empty_one_cell_row_is_a_spacer_only_before_a_heading():
    # as in the seed: a spanning explanation with an empty last paragraph, an
    # empty spacer row, then a group heading
    before_heading = tab(
        *INDICATOR_HEAD, *INDICATOR_ROW,
        "\t5.", "\tСередні видатки", "\tтис. грн", "\t69,08", "\t119,75", "\tПеревищення показника", "", "",
        "\t", "",
        "\tIV. Показники якості", "",
        *INDICATOR_ROW,
    )
    t = only_table(read_tabbed_blocks(before_heading))
    assert [len(r.cells) for r in t.rows] == [7, 7, 6, 1, 1, 7]
    assert [(c.col, c.col_span) for c in t.rows[2].cells][-1] == (5, 2)
    # the same lines before a data row: the empty cell is the row's last cell
    before_data = tab(
        *INDICATOR_HEAD, *INDICATOR_ROW,
        "\t5.", "\tСередні видатки", "\tтис. грн", "\t69,08", "\t119,75", "\tПеревищення показника", "", "",
        "\t", "",
        *INDICATOR_ROW,
    )
    t = only_table(read_tabbed_blocks(before_data))
    assert [len(r.cells) for r in t.rows] == [7, 7, 7, 7]
    assert t.rows[2].cells[5].text == "Перевищення показника\n\n" and t.rows[2].cells[6].text == ""


@pytest.mark.parametrize("prefix", ["", "x"])
def test_stray_nul_in_utf8_cyrillic_is_not_taken_for_utf16(prefix):
    text = prefix + "привітання" * 40 + "\x00" + "світ" * 30 + "\x00" + "кінець"
    decoded, encoding = decode_text(text.encode("utf-8"), path="r.txt")
    assert encoding == "utf-8"
    assert decoded == text.replace("\x00", "")


def test_libreoffice_text_export_tables_are_regrouped_with_a_note():
    """LibreOffice's "Text" export (made with soffice from samples/rivne-*.docx) writes every table cell
    paragraph as a bare line, with no cell or row markers: the rows are regrouped from the header's
    columns and the kinds of the values (extractor.readers.txt_cells), the report says so, and the
    running text is still read."""
    from pathlib import Path

    from extractor import parse

    report = parse(Path(__file__).parent / "fixtures" / "rivne-libreoffice-export.txt")
    codes = [w.code for w in report.warnings]
    assert codes == ["regrouped-table"]
    assert len(report.funding) == 11 and len(report.indicators) == 13
    assert (report.funding[0].number, report.funding[0].planned) == ("1.1", 3650.5)
    assert report.program.name == "Питна вода міста Рівного"
    assert [d.number for d in report.decisions] == ["67", "512", "1376"]
    assert report.signatory.name == "Сергій ПАНАСЮК"


# -- settings ---------------------------------------------------------------------------------


def test_tabbed_settings_are_validated():
    from extractor.readers.txt_tabbed import TabbedSettings

    for bad in (dict(min_tab_lines=0), dict(min_table_columns=1), dict(cont_cost=-0.1), dict(realign_rounds=1.5)):
        with pytest.raises(ValueError):
            TabbedSettings(**bad)


def test_parse_hands_the_tab_export_and_regroup_settings_down_to_the_txt_reader(tmp_path):
    """A TAB export needing more T-lines than it has is no TAB export; a regrouping that needs more header
    names than a header has finds no table."""
    import dataclasses

    from extractor.readers import read
    from extractor.readers.txt_cells import RegroupSettings
    from extractor.readers.txt_tabbed import TabbedSettings
    from extractor.settings import default_settings

    tabbed = tmp_path / "tabbed.txt"
    tabbed.write_text(tab("\tНомер", "\tОбсяг", "\tФакт", "", "\t1.", "\t10,0", "\t9,0", "", "\t2.", "\t5,0",
                          "\t5,0", ""), encoding="utf-8")
    cells = tmp_path / "cells.txt"
    cells.write_text("\n".join(["№ з/п", "Зміст заходів", "Виконавці", "Обсяг фінансування",
                                "1.", "Захід", "Управління", "10,0", "2.", "Ремонт", "Відділ", "5,0"]), encoding="utf-8")
    plain = default_settings()
    tuned = dataclasses.replace(plain, tabbed=TabbedSettings(min_tab_lines=1000),
                                regroup=RegroupSettings(min_header_names=5))
    for path in (tabbed, cells):
        assert read(path, settings=plain).tables
        assert not read(path, settings=tuned).tables


def test_a_column_numbering_row_fixes_the_width_of_a_header_of_three_rows():
    """Rows of 5, 7 and 11 cells over a numbering row 1..11: the numbering row says eleven columns, so the first
    two header rows (5 + 7 cells would make one twelve-column row, every other row one cell short) stay two."""
    years = ["\t2022 рік", "\t2023 рік"] * 2
    sources = ["\tміський", "\tдержавний"] * 4
    data = [f"\t{v},0" for v in range(1, 9)]
    text = tab(
        "Таблиця:",
        "\t№", "\tЗахід", "\tОбсяг фінансування", "\tФактично профінансовано", "\tВідсоток", "",
        "\t", "\t", *years, "\t", "",
        "\t", "\t", *sources, "\t", "",
        *[f"\t{k}" for k in range(1, 12)], "",
        "\t1.", "\tРемонт", *data, "\t93,3", "",
        "\t2.", "\tЗакупівля", *data, "\t100,0", "",
        "",
        "Кінець",
    )
    t = only_table(read_tabbed_blocks(text))
    assert t.n_cols == 11
    assert [len(r.cells) for r in t.rows] == [5, 7, 11, 11, 11, 11]
    assert [(c.col, c.col_span, c.text) for c in t.rows[0].cells][2:4] == [
        (2, 4, "Обсяг фінансування"), (6, 4, "Фактично профінансовано")]


@pytest.mark.parametrize("numeral", ["І.", "ІІ.", "ІІІ.", "IV.", "2."])
def test_cyrillic_numeral_task_rows_two_row_indicator_header_task_row_is_number_then_title(numeral):
    """A task heading row of a TAB export ("ІІ.", TAB, the task's title): the numeral in the № column, the title
    over the rest, whichever numeral it is, also right under the header (it ends the header rows)."""
    head = ("\t№", "\tЗахід", "\tВиконавці", "\tТермін", "\tОбсяг", "\tФактично", "\tВідсоток", "")
    row = ("\t1.", "\tРемонт музею", "\tУправління культури", "\t2024", "\t1 450,0", "\t612,3", "\t42,2", "")
    text = tab(*head, f"\t{numeral}", "\tЗбереження культурної спадщини", "", *row, *row,
               f"\t{numeral}", "\tРозвиток мистецької освіти", "", *row, "", "Кінець")
    t = only_table(read_tabbed_blocks(text))
    assert t.n_cols == 7
    assert [r.is_header for r in t.rows] == [True, False, False, False, False, False]
    for r in (1, 4):
        assert [(c.col, c.col_span) for c in t.rows[r].cells] == [(0, 1), (1, 6)]
        assert t.rows[r].cells[0].text == numeral


def test_is_number_cell_text_reads_roman_numerals_with_their_dot_only():
    from extractor.readers.txt_tabbed import is_number_cell_text

    assert all(is_number_cell_text(t) for t in ("1.", "2.1", "2019", "І.", "ІІ.", "II.", "ХІV."))
    assert not any(is_number_cell_text(t) for t in ("І", "V", "ІІ. Освіта", "1 250,5", "тис. грн"))
