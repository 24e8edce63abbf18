"""Header words a narrow ruled cell cut at its right edge, with no hyphen, are put back together (pdf_page)."""

from __future__ import annotations

from pathlib import Path

from extractor.readers.pdf_page import _rejoin_cut_words, _rejoin_header_words
from extractor.readers.pdf_tables import RawCell

CASES = Path(__file__).resolve().parent / "cases"

#: glyph width of every hand-made character (a space too), points
W = 6.0


def _line(text: str, x0: float, top: float) -> list[dict]:
    return [{"text": ch, "x0": x0 + i * W, "x1": x0 + (i + 1) * W, "top": top, "bottom": top + 10}
            for i, ch in enumerate(text)]


def _cell(*lines: str, x0: float = 0.0) -> list[dict]:
    return [ch for i, text in enumerate(lines) for ch in _line(text, x0, 12.0 * i)]


def test_a_word_filling_the_cell_before_a_lower_case_rest_is_one_word():
    # "Найменуван" fills a cell 10 glyphs wide: "ня" is the rest of the word
    assert _rejoin_cut_words("Найменуван\nня заходу", _cell("Найменуван", "ня заходу"), 10 * W) == \
        "Найменування заходу"


def test_a_line_with_room_for_the_next_letter_ends_a_word():
    assert _rejoin_cut_words("Найменуван\nня", _cell("Найменуван", "ня"), 11.5 * W) == "Найменуван\nня"


def test_a_line_with_a_space_drawn_after_it_or_two_words_is_no_cut():
    assert _rejoin_cut_words("Зміст\nзавдання", _cell("Зміст ", "завдання"), 6 * W) == "Зміст\nзавдання"
    assert _rejoin_cut_words("за адр\nесами", _cell("за адр", "есами"), 6 * W) == "за адр\nесами"


def test_a_capital_or_a_vocabulary_word_is_never_glued():
    assert _rejoin_cut_words("Департамент\nЖКК", _cell("Департамент", "ЖКК"), 11 * W) == "Департамент\nЖКК"
    # "Обсяг" fills its cell and "фінансування" follows: both are words columns are known by
    assert _rejoin_cut_words("Обсяг\nфінансування", _cell("Обсяг", "фінансування"), 5 * W) == "Обсяг\nфінансування"


def test_a_rest_opening_with_the_words_own_hyphen_is_glued():
    assert _rejoin_cut_words("Відсот\n-ок", _cell("Відсот", "-ок"), 6 * W) == "Відсот-ок"


def test_only_the_cells_above_the_first_numbered_or_amount_row_are_rejoined():
    header = RawCell(0, 0, 8 * W, 24, "Утриманн\nя")
    body = RawCell(0, 30, 8 * W, 54, "Утриманн\nя")
    amount = RawCell(8 * W, 30, 16 * W, 54, "1 250,0")
    chars = [_cell("Утриманн", "я"), [{**ch, "top": ch["top"] + 30} for ch in _cell("Утриманн", "я")],
             _line("1 250,0", 8 * W, 30)]
    _rejoin_header_words([header, body, amount], chars)
    assert (header.text, body.text) == ("Утримання", "Утриманн\nя")


def test_objects_stacked_in_one_cell_with_dash_bullets_libreoffice_pdf_reads_its_money_columns():
    from extractor.readers import read

    doc = read(CASES / "objects-stacked-in-one-cell-with-dash-bullets" / "libreoffice.pdf")
    header = [c.text for c in doc.tables[0].rows[0].cells]
    assert "Найменування заходу" in header
    assert any(t.startswith("Обсяг\nфінанс-\nування") for t in header)
