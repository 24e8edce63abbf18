"""Paragraphs of PDF text lines (pdf_text): justified text, as a browser prints a web page, splits where a line ends
short of the right edge; ragged text keeps the older rule."""

from __future__ import annotations

import pytest

from extractor.readers.pdf_page import TextLine
from extractor.readers.pdf_text import continues, group_paragraphs, justified
from extractor.settings import PdfSettings

COLUMN = (63.0, 561.7)


def _line(text: str, x1: float, top: float, x0: float = 63.0, first_word: float = 60.0) -> TextLine:
    return TextLine(text=text, x0=x0, x1=x1, top=top, bottom=top + 11, size=11.0, bold=False,
                    first_word_width=first_word)


def _chromium_page() -> list[TextLine]:
    """A label line ending 50 pt short (the next paragraph's first word is 57 pt wide), then a justified paragraph."""
    return [
        _line("Відповідальний виконавець: управління економічного розвитку міської ради", 511.3, 167.1),
        _line("Протягом звітного періоду виконання заходів Програми здійснювалося в межах", 561.7, 179.8,
              first_word=57.2),
        _line("фактичного надходження коштів. Відповідно до постанови Кабінету Міністрів", 561.7, 192.6),
        _line("України від 11.03.2022 № 252 видатки спрямовувались насамперед на першочергові", 561.7, 205.3),
        _line("потреби.", 114.0, 218.1),
    ]


def test_final_report_dash_listed_decisions_chromium_print_label_line_is_a_paragraph_of_its_own():
    lines = _chromium_page()
    assert justified([(lines, COLUMN)])
    paras = group_paragraphs(lines, COLUMN, page=1, justified=True)
    assert [p.text.split("\n")[0][:14] for _, p, _ in paras] == ["Відповідальний", "Протягом звітн"]
    assert len(paras[1][2]) == 4


def test_ragged_text_keeps_joining_a_full_line_that_ends_short():
    lines = _chromium_page()
    assert len(group_paragraphs(lines, COLUMN, page=1)) == 1  # not told justified: the older rule
    ragged = [_line(l.text, l.x1 - 15.0 * (i % 2), l.top, first_word=l.first_word_width) for i, l in enumerate(lines)]
    assert not justified([(ragged, COLUMN)])


def test_a_centred_title_setting_the_right_edge_is_no_evidence_of_justified_text():
    title = _line("Звіт про виконання Програми «Енергоефективне місто» на 2021-2025 роки", 561.7, 73.2, x0=221.0)
    body = [_line("Протягом звітного періоду виконання заходів Програми здійснювалося", 540.0, 84.6),
            _line("Кабінету Міністрів України від 11.03.2022", 400.0, 97.3)]
    assert not justified([([title] + body, COLUMN)])


def test_a_line_with_a_tab_stop_continues_in_justified_text():
    sign = _line("Директор департаменту\tІрина ПЕТРЕНКО", 540.0, 700.0)
    rest = _line("житлово-комунального господарства", 250.0, 712.8, first_word=150.0)
    assert continues(sign, rest, COLUMN, justified=True)


def test_pdf_settings_are_validated():
    with pytest.raises(ValueError):
        PdfSettings(margin_band=0.6)
    with pytest.raises(ValueError):
        PdfSettings(justified_slack_em=0)
    assert PdfSettings(justified_slack_em=5.0).justified_slack_em == 5.0


def test_no_percent_column_libreoffice_pdf_wrapped_centred_title_is_one_paragraph():
    # "про виконання Програми … на 2022-" over "2024 роки", both centred in the column 71..813.6
    first = _line("про виконання Програми «Здоров’я населення Вінницької міської територіальної громади» на 2022-",
                  800.2, 70.1, x0=83.8, first_word=25.2)
    second = _line("2024 роки", 478.0, 84.2, x0=406.6, first_word=33.3)
    third = _line("за 2022 рік", 481.6, 98.3, x0=402.9, first_word=15.4)
    column = (71.0, 813.6)
    assert continues(first, second, column)
    assert not continues(second, third, column)  # "2024 роки" left the room for "за"
