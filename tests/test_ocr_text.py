"""OCR settings, fix-ups of what the language data cannot read, and the Tesseract lookup errors."""

from __future__ import annotations

import pytest

from extractor.errors import OcrUnavailable
from extractor.readers.ocr import engine
from extractor.readers.ocr.engine import Word, tessdata_path
from extractor.readers.ocr.settings import OcrSettings
from extractor.readers.ocr.text import fix_words


def words(*items: tuple[str, int]) -> list[Word]:
    return [Word(text, 10 * i, 0, 10 * i + 8, 10, 0.9, line) for i, (text, line) in enumerate(items)]


def texts(ws: list[Word]) -> list[str]:
    return [w.text for w in ws]


@pytest.mark.parametrize("reading", ["No", "Мо", "Ne", "N", "Ме"])
def test_number_sign_read_as_letters_before_a_number_is_put_back(reading):
    out = fix_words(words(("від", 0), ("25.11.2021", 0), (reading, 0), ("1376.", 0)))
    assert texts(out) == ["від", "25.11.2021", "№", "1376."]


def test_number_sign_over_z_p_on_the_next_line_is_put_back():
    assert texts(fix_words(words(("Мо", 0), ("з/п", 1)))) == ["№", "з/п"]


@pytest.mark.parametrize("cut", ["з/", "3/", "п/"])
def test_number_sign_over_z_p_a_narrow_column_cut_after_its_stroke_is_put_back(cut):
    """"№ з/п" in a column too narrow for it prints as "№", "з/", "п" on three lines."""
    assert texts(fix_words(words(("Ne", 0), (cut, 1), ("п", 2))))[0] == "№"


def test_number_sign_over_z_p_is_put_back_when_the_reading_went_on_along_its_line():
    """The page's layout analysis read the header's first line across the table ("Ne", "Термін", …)
    before the line under "Ne": "з/" is the word under it, not the next one read."""
    reading = [Word("Ne", 10, 0, 30, 10, 0.9, 0), Word("Термі", 60, 0, 100, 10, 0.9, 0),
               Word("з/", 12, 12, 26, 22, 0.9, 1), Word("вико-", 60, 12, 100, 22, 0.9, 1)]
    assert texts(fix_words(reading)) == ["№", "Термі", "з/", "вико-"]


def test_letters_before_a_fraction_stroke_that_is_no_item_header_stay():
    assert texts(fix_words(words(("Ne", 0), ("км/", 1)))) == ["Ne", "км/"]


@pytest.mark.parametrize("reading", ["THC.", "тнс.", "ТНС.", "тHc."])
def test_thousand_before_hryvnias_is_put_back(reading):
    assert texts(fix_words(words(("програми,", 0), (reading, 1), ("грн.", 1)))) == ["програми,", "тис.", "грн."]


def test_latin_letters_not_before_hryvnias_stay():
    assert texts(fix_words(words(("THC", 0), ("камер", 0)))) == ["THC", "камер"]


def test_number_sign_glued_to_its_digits_is_put_back():
    assert texts(fix_words(words(("Ме1406,", 0), ("від", 0)))) == ["№1406,", "від"]


def test_letters_that_are_not_before_a_number_stay():
    assert texts(fix_words(words(("No", 0), ("problem", 0), ("Мо", 0)))) == ["No", "problem", "Мо"]
    # a number on the next line does not make a number sign
    assert texts(fix_words(words(("No", 0), ("12", 1)))) == ["No", "12"]


@pytest.mark.parametrize("reading, fixed", [("м3", "м³"), ("м2.", "м²."), ("км2", "км²"), ("дм3,", "дм³,")])
def test_unit_superscript_is_put_back(reading, fixed):
    assert texts(fix_words(words(("тис.", 0), (reading, 0)))) == ["тис.", fixed]


@pytest.mark.parametrize("reading", ["м30", "3м", "ім3", "м4"])
def test_other_words_with_digits_stay(reading):
    assert texts(fix_words(words((reading, 0)))) == [reading]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"mode": "sometimes"}, "auto, always, never"),
        ({"lang": "ukr eng"}, "joined by"),
        ({"lang": ""}, "joined by"),
        ({"dpi": 30}, "70 to 1200"),
        ({"dpi": 300.0}, "whole number"),
        ({"low_confidence": 1.5}, "within 0..1"),
    ],
)
def test_settings_refuse_nonsense(kwargs, message):
    with pytest.raises(ValueError, match=message):
        OcrSettings(**kwargs)


def test_settings_measure_paper_in_pixels():
    assert OcrSettings(dpi=300).pixels(25.4) == 300
    assert OcrSettings(dpi=200).languages == ["ukr", "eng"]


def test_missing_language_data_names_the_file_and_the_package(tmp_path, monkeypatch):
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))
    monkeypatch.setattr(engine, "TESSDATA_DIRS", ())
    (tmp_path / "eng.traineddata").write_bytes(b"")
    with pytest.raises(OcrUnavailable) as e:
        tessdata_path(["ukr", "eng"], "скан.pdf")
    message = str(e.value)
    assert message.startswith("скан.pdf: ")
    assert "ukr.traineddata" in message and "eng.traineddata" not in message
    assert "apt-get install tesseract-ocr tesseract-ocr-ukr" in message


def test_language_data_is_found_through_tessdata_prefix(tmp_path, monkeypatch):
    (tmp_path / "tessdata").mkdir()
    for lang in ("ukr", "eng"):
        (tmp_path / "tessdata" / f"{lang}.traineddata").write_bytes(b"")
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))
    assert tessdata_path(["ukr", "eng"], "x.pdf").rstrip("/").endswith("tessdata")


def test_missing_binding_says_what_to_install(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_tesserocr(name, *args, **kwargs):
        if name == "tesserocr":
            raise ImportError("No module named 'tesserocr'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_tesserocr)
    with pytest.raises(OcrUnavailable) as e:
        engine._binding("скан.pdf")
    assert "tesserocr" in str(e.value) and "pip install" in str(e.value)


def test_missing_numpy_says_what_to_install(monkeypatch):
    import builtins

    from extractor.readers import ocr

    real_import = builtins.__import__

    def no_numpy(name, globals=None, locals=None, fromlist=(), level=0):
        if level == 1 and name == "page":
            raise ModuleNotFoundError("No module named 'numpy'", name="numpy")
        return real_import(name, globals, locals, fromlist, level)

    monkeypatch.setattr(builtins, "__import__", no_numpy)
    with pytest.raises(OcrUnavailable) as e:
        ocr._page_reader("скан.pdf")
    assert str(e.value).startswith("скан.pdf: ") and "numpy" in str(e.value) and "extractor-zvit[ocr]" in str(e.value)


def test_formats_lists_scanned_pdfs_and_what_they_need(tmp_path, monkeypatch):
    from extractor.readers import SCANNED_PDF, formats

    [scan] = [f for f in formats() if f.format == SCANNED_PDF]
    assert scan.suffixes == (".pdf",)
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))
    monkeypatch.setattr(engine, "TESSDATA_DIRS", ())
    [scan] = [f for f in formats() if f.format == SCANNED_PDF]
    assert not scan.available and scan.install == "apt-get install tesseract-ocr tesseract-ocr-ukr"


@pytest.mark.parametrize("reading, fixed", [("3/n", "з/п"), ("з/n", "з/п"), ("n/п", "п/п"), ("з/п", "з/п"), ("3|п.", "з/п.")])
def test_item_number_header_is_put_back_with_its_number_sign(reading, fixed):
    assert texts(fix_words(words(("Ne", 0), (reading, 1)))) == ["№", fixed]


def test_fractions_are_not_item_headers():
    assert texts(fix_words(words(("3/4", 0), ("1/2", 0)))) == ["3/4", "1/2"]


@pytest.mark.parametrize("reading", ["Kil", "KI", "Kn", "KII", "KIT", "КП"])
def test_communal_enterprise_before_its_quoted_name_is_put_back(reading):
    assert texts(fix_words(words((reading, 0), ("«Рівнеоблводоканал»", 1)))) == ["КП", "«Рівнеоблводоканал»"]


def test_k_words_not_before_a_quoted_name_stay():
    assert texts(fix_words(words(("Kil", 0), ("водоканал", 0)))) == ["Kil", "водоканал"]


@pytest.mark.parametrize("dust", [".", "|:", "°", "'", "·"])
def test_dust_read_as_a_mark_of_its_own_is_dropped(dust):
    assert texts(fix_words(words(("питної", 0), ("води", 0), (dust, 0)))) == ["питної", "води"]


@pytest.mark.parametrize("kept", ["1.", "–", "-", "(", '"', "%", "№"])
def test_marks_that_print_sets_apart_stay(kept):
    assert texts(fix_words(words((kept, 0)))) == [kept]


def test_quote_mark_apart_on_a_line_is_dust_and_alone_in_a_cell_a_ditto_mark():
    assert texts(fix_words(words(("Одиниця", 0), ('"', 1), ("виміру", 1)))) == ["Одиниця", "виміру"]
    assert texts(fix_words(words(('"', 0)))) == ['"']


KNOWN = frozenset({"зміст", "заходів", "виконання", "відсоток", "термін"})


def _header(*texts: str) -> list[str]:
    from extractor.readers.ocr.text import fix_header_words, one_letter_index

    return texts_of(fix_header_words(words(*((t, 0) for t in texts)), KNOWN, one_letter_index(KNOWN)))


def texts_of(ws: list[Word]) -> list[str]:
    return [w.text for w in ws]


def test_header_word_misread_by_one_letter_is_put_back():
    assert _header("Змієт", "заходів") == ["Зміст", "заходів"]
    assert _header("Відсоток", "виконанна,") == ["Відсоток", "виконання,"]
    assert _header("ТЕРМІН") == ["ТЕРМІН"] and _header("ТЕРМІИ") == ["ТЕРМІН"]


def test_header_words_two_letters_off_short_or_known_stay():
    assert _header("Змієн") == ["Змієн"]  # two letters off
    assert _header("Змістт") == ["Змістт"]  # a letter too many: not a misread letter
    assert _header("№", "з/п", "1.1") == ["№", "з/п", "1.1"]


@pytest.mark.parametrize("sign", ["Мо", "No", "№"])
def test_item_header_misread_worse_right_after_the_number_sign_is_put_back(sign):
    assert texts(fix_words(words((sign, 0), ("з/ть", 1)))) == ["№", "з/п"]


def test_abbreviation_with_a_stroke_elsewhere_stays():
    assert texts(fix_words(words(("оклад", 0), ("з/пл", 0)))) == ["оклад", "з/пл"]
