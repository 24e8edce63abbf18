"""The root settings (extractor/settings.py): validated, frozen, handed down from parse(), batch and the CLI;
the environment read only by the command line."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from pathlib import Path

import pytest

from extractor import Limits, Settings, parse
from extractor.errors import TooManyPages
from extractor.settings import CheckSettings, ExtractSettings, PdfSettings, TextSettings, settings_of

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
PDF = next(p for p in sorted(SAMPLES.glob("*.pdf")) if "scan" not in p.name)


def test_settings_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Settings().limits = Limits()  # type: ignore[misc]


@pytest.mark.parametrize("make", [
    lambda: PdfSettings(engine="mupdf"),
    lambda: TextSettings(code_pages=()),
    lambda: TextSettings(code_pages=("no-such-code-page",)),
    lambda: TextSettings(max_control_share=1.5),
    lambda: TextSettings(utf16_nul_share=(0.6, 0.3)),
    lambda: ExtractSettings(caption_window=0),
    lambda: ExtractSettings(min_year=2100, max_year=1990),
    lambda: ExtractSettings(max_total_label_extra=-1),
    lambda: ExtractSettings(max_header_rows=0),
    lambda: CheckSettings(percent_slack=Decimal("-1")),
    lambda: Limits(max_table_columns=0),
], ids=["engine", "no-code-page", "unknown-code-page", "share", "nul-range", "window", "years", "label-extra",
        "header-rows", "slack", "columns"])
def test_a_bad_setting_is_refused_when_made(make):
    with pytest.raises((ValueError, LookupError)):
        make()


def test_a_part_of_the_wrong_kind_is_refused():
    with pytest.raises(TypeError, match="Settings.text"):
        Settings(text=Limits())  # type: ignore[arg-type]


def test_bare_limits_and_an_ocr_part_make_root_settings():
    limits = Limits(max_pages=3)
    root = settings_of(limits)
    assert root.limits == limits and root.text == TextSettings()
    assert settings_of(None) == Settings()


def test_parse_honours_the_limits_of_its_settings():
    with pytest.raises(TooManyPages):
        parse(PDF, settings=Settings(limits=Limits(max_pages=1)))


def test_parse_hands_the_pdf_engine_down_to_the_reader(monkeypatch):
    from extractor.readers import pdf

    def refuse(*_args, **_kwargs):
        raise AssertionError("the fast PDF source must not run with the pdfplumber engine")

    monkeypatch.setattr(pdf.pdf_pdfium, "FastDocument", refuse)
    report = parse(PDF, settings=Settings(pdf=PdfSettings(engine="pdfplumber")))
    assert report.funding or report.indicators


def test_settings_and_limits_that_disagree_are_refused():
    with pytest.raises(ValueError, match="disagree"):
        parse(PDF, settings=Settings(limits=Limits(max_pages=5)), limits=Limits(max_pages=6))


def test_the_runner_parses_with_the_settings_it_is_given():
    from extractor.runner import convert

    outcome = convert(str(PDF), Settings(limits=Limits(max_pages=1)))
    assert outcome.error_code == "too-many-pages"


def test_batch_options_take_root_settings():
    from extractor.batch import BatchOptions

    settings = Settings(limits=Limits(max_pages=7))
    options = BatchOptions(jobs=1, settings=settings)
    assert options.settings is settings and options.limits.max_pages == 7
    with pytest.raises(ValueError, match="disagree"):
        BatchOptions(jobs=1, settings=settings, limits=Limits(max_pages=8))


def test_the_pdf_engine_variable_is_read_by_the_command_line_only():
    import argparse

    from extractor.batch import UsageError
    from extractor.cli import PDF_ENGINE_ENV, _settings, build_parser

    args = build_parser().parse_args(["dump", "x.pdf"])
    assert _settings(args, {PDF_ENGINE_ENV: "pdfplumber"}).pdf.engine == "pdfplumber"
    assert _settings(args, {}).pdf.engine == "auto"
    with pytest.raises(UsageError, match=PDF_ENGINE_ENV):
        _settings(args, {PDF_ENGINE_ENV: "mupdf"})
    assert isinstance(args, argparse.Namespace)


#: modules that may read the environment, and why: the command line (settings), the locale (language),
#: where LibreOffice and Tesseract's data are installed (finding programs, not tuning a parse)
ENVIRONMENT_READERS = {"cli.py", "i18n.py", "readers/libreoffice.py", "readers/ocr/engine.py"}


def test_nothing_below_the_command_line_reads_the_environment_to_tune_a_parse():
    found = set()
    for path in (ROOT / "extractor").rglob("*.py"):
        if re.search(r"os\.environ|os\.getenv", path.read_text("utf-8")):
            found.add(path.relative_to(ROOT / "extractor").as_posix())
    assert found <= ENVIRONMENT_READERS, found - ENVIRONMENT_READERS


def test_sniffer_and_txt_reader_share_one_code_page_list_and_control_share():
    """Text in cp1125 (Ukrainian DOS) is text to the sniffer and to the TXT reader alike."""
    from extractor.readers.sniff import identify
    from extractor.readers.txt import decode_text

    data = ("Звіт про виконання програми розвитку міста; їжа, ґанок, Ірпінь, Єнакієве.\n" * 40).encode("cp1125")
    assert identify(data).format == "txt"
    text, encoding = decode_text(data, path="x.txt")
    assert "Ірпінь" in text and encoding in TextSettings().code_pages


def test_a_text_with_control_characters_over_the_share_is_refused_by_both():
    from extractor.errors import UnsupportedFormat
    from extractor.readers.sniff import looks_like_text
    from extractor.readers.txt import decode_text

    share = TextSettings().max_control_share
    n = 1000
    data = ("а" * int(n * (1 - 5 * share)) + "\x01" * int(n * 5 * share)).encode("utf-8")
    assert not looks_like_text(data)
    with pytest.raises(UnsupportedFormat):
        decode_text(data, path="x.txt")


def test_the_year_bounds_of_extract_settings_reach_the_term_years():
    from extractor.normalize.years import parse_period, parse_years

    assert parse_years("2021-2023") == [2021, 2022, 2023]
    assert parse_years("2021-2023", min_year=2022) == [2023]  # no range with an end out of bounds, its years alone
    assert parse_years("2021-2023", max_range_span=1) == [2021, 2023]
    assert parse_period("на 1985-1987 роки") is None
    assert parse_period("на 1985-1987 роки", min_year=1980) == (1985, 1987)


def test_parse_hands_the_extraction_settings_down():
    """A funding table's total label with a long tail is a total label under the default; when the setting allows
    no extra characters the row is a total only by its sums (named in an inferred-total warning); the title is
    not looked for beyond the title window."""
    from extractor.extract import extract_report
    from extractor.models import Source
    from extractor.document import Document, Paragraph
    from docbuild import make_table

    table = make_table([
        ["№ з/п", "Зміст заходів", "Виконавці", "Обсяг фінансування, тис. грн", "Фактично профінансовано, тис. грн"],
        ["1", "Ремонт покрівлі школи", "Управління освіти", "100,0", "90,0"],
        ["2", "Заміна вікон у садочку", "Управління освіти", "50,0", "40,0"],
        ["", "Усього по програмі за рік", "", "150,0", "130,0"],
    ])
    doc = Document(blocks=[Paragraph("Звіт про виконання Програми «А» на 2021-2023 роки"), table])
    source = Source(file="x.docx", format="docx")
    kinds = [r.kind.value for r in extract_report(doc, source).report.funding]
    assert kinds == ["measure", "measure", "total"]
    assert not [w for w in extract_report(doc, source).report.warnings if w.code == "inferred-total"]
    strict = ExtractSettings(max_total_label_extra=0)
    assert [w.path for w in extract_report(doc, source, strict).report.warnings if w.code == "inferred-total"] == [
        "funding[2]"]
    assert extract_report(doc, source).report.document.title is not None
    late = Document(blocks=[Paragraph("Вступ.")] * 3 + doc.blocks)
    assert extract_report(late, source, ExtractSettings(title_window=2)).report.document.title is None
