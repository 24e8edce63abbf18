"""Ukrainian first, English available: the language of messages, views, sheets and titles.

Contract field names, warning codes and CSV columns never change with the language.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from extractor import cli
from extractor.i18n import LANGUAGES, _, default_language, translations, using
from extractor.writers.tables import TABLE_TITLES, TABLES

from conftest import ROOT, SAMPLES

DOCX = SAMPLES / "zhytomyr-bezpechne-misto-2017-2019.docx"
sys.path.insert(0, str(ROOT / "tools"))


@pytest.mark.parametrize("environ, lang", [
    ({}, "uk"),
    ({"LANG": "C.UTF-8"}, "uk"),
    ({"LANG": "uk_UA.UTF-8"}, "uk"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "en_GB.UTF-8", "LC_ALL": "uk_UA.UTF-8"}, "uk"),  # LC_ALL wins over LANG
    ({"LANGUAGE": "en_US:en", "LANG": "uk_UA.UTF-8"}, "en"),  # LANGUAGE wins over both
    ({"LANG": "de_DE.UTF-8"}, "uk"),  # a language extractor does not have: Ukrainian
    ({"LANGUAGE": "de:en"}, "en"),  # the first one extractor has
])
def test_default_language_is_ukrainian_unless_the_locale_says_english(environ, lang):
    assert default_language(environ) == lang


@pytest.mark.parametrize("argv, environ, lang, rest", [
    (["parse", "z.pdf"], {}, "uk", ["parse", "z.pdf"]),
    (["--lang", "en", "parse", "z.pdf"], {}, "en", ["parse", "z.pdf"]),
    (["parse", "z.pdf", "--lang=en"], {}, "en", ["parse", "z.pdf"]),
    (["parse", "z.pdf"], {"EXTRACTOR_LANG": "en"}, "en", ["parse", "z.pdf"]),
    (["parse", "z.pdf", "--lang", "uk"], {"EXTRACTOR_LANG": "en", "LANG": "en_US.UTF-8"}, "uk", ["parse", "z.pdf"]),
    (["parse", "--", "--lang"], {}, "uk", ["parse", "--", "--lang"]),
])
def test_lang_flag_before_or_after_the_command_then_env_then_locale(argv, environ, lang, rest):
    assert cli.take_language(argv, environ) == (lang, rest)


def test_unknown_language_is_a_usage_error(capsys):
    assert cli.main(["--lang", "fr", "schema"]) == 2
    assert "fr" in capsys.readouterr().err


def test_ukrainian_catalogue_has_every_text_of_the_code_translated_and_compiled():
    messages = pytest.importorskip("messages")  # tools/messages.py, needs Babel
    assert messages.problems() == []


def test_ukrainian_catalogue_keeps_the_placeholders_of_each_text():
    import re

    from babel.messages.pofile import read_po

    with open(ROOT / "extractor/locale/uk/LC_MESSAGES/extractor.po", "rb") as fh:
        catalog = read_po(fh)
    for m in catalog:
        if not m.id:
            continue
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        strings = [m.string] if isinstance(m.string, str) else list(m.string)
        placeholder = r"\{[^}]*\}|%\([a-z_]+\)[rsd]|%[rsd]"
        wanted = sorted(re.findall(placeholder, ids[-1]))
        for s in strings:
            assert sorted(re.findall(placeholder, s)) == wanted, m.id


@pytest.mark.parametrize("lang", LANGUAGES)
def test_sheet_names_fit_a_spreadsheet_in_every_language(lang):
    with using(lang):
        names = [_(TABLE_TITLES[t]) for t in TABLES]
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    assert len(set(names)) == len(names)


def test_views_and_titles_in_ukrainian_and_in_english(tmp_path):
    from extractor import parse
    from extractor.writers.datapackage import datapackage_descriptor
    from extractor.writers.html import html_view

    report = parse(DOCX)
    uk, en = html_view(report, lang="uk"), html_view(report, lang="en")
    assert '<html lang="uk">' in uk and "Фінансування" in uk and "Заплановано" in uk
    assert '<html lang="en">' in en and "Funding" in en and "Фінансування" not in en.split("<body>")[1].split(report.program.name)[0]
    with using("uk"):
        desc = datapackage_descriptor({t: f"{t}.csv" for t in TABLES})
    assert desc["title"].startswith("Звіти про виконання") and desc["resources"][2]["title"] == "Фінансування"
    assert [r["name"] for r in desc["resources"]] == list(TABLES)  # names stay


def test_contract_json_and_csv_columns_do_not_change_with_the_language(tmp_path, capsys):
    outputs = {}
    for lang in LANGUAGES:
        assert cli.main(["parse", str(DOCX), "--lang", lang, "-o", str(tmp_path / lang) + "/", "--format", "csv"]) == 0
        assert cli.main(["parse", str(DOCX), "--lang", lang, "-o", str(tmp_path / f"{lang}.json")]) == 0
        report = json.loads((tmp_path / f"{lang}.json").read_text("utf-8"))
        for w in report["warnings"]:
            w.pop("message")  # the one text meant for people
        outputs[lang] = report
        header = (tmp_path / lang / "funding.csv").read_text("utf-8").splitlines()[0]
        assert header.startswith("report,index,kind,task_number")
    assert outputs["uk"] == outputs["en"]
    err = capsys.readouterr().err
    assert "записано" in err and "wrote" in err


def test_the_ukrainian_catalogue_is_found_where_the_package_is():
    assert translations("uk").gettext("Indicators") == "Показники"
    assert translations("en").gettext("Indicators") == "Indicators"


def test_help_and_usage_errors_in_ukrainian(capsys):
    assert cli.main(["--lang", "uk", "parse", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("використання: extractor parse")
    assert "показати цю довідку і вийти" in out and "показати версію програми" in out
    assert "формат виводу" in out and "обмеження" in out
    assert cli.main(["parse", "--lang", "uk"]) == 2
    err = capsys.readouterr().err
    assert "помилка" in err and "потрібні такі аргументи: file" in err


def test_command_line_messages_in_ukrainian(tmp_path, capsys):
    assert cli.main(["parse", str(DOCX), "--lang", "uk", "-o", str(tmp_path / "zvit.pdf")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("extractor: помилка: ") and "не можу визначити формат" in err
    assert cli.main(["parse", str(DOCX), "--lang", "uk", "-o", str(tmp_path / "zvit.html")]) == 0
    assert capsys.readouterr().err.startswith("extractor: записано HTML-подання звіту")
    assert cli.main(["dump", str(DOCX), "--lang", "uk"]) == 0
    assert "умовні позначки:" in capsys.readouterr().out


def test_batch_and_check_summary_in_ukrainian():
    from extractor.status import summary

    with using("uk"):
        assert summary(["ok", "failed", "ok", "skipped"]) == (
            "4 файли: 2 успішно, 0 з попередженнями, 0 без таблиць звіту, 1 з помилками, 1 пропущено")
        assert summary(["ok"] * 5).startswith("5 файлів:") and summary(["ok"]).startswith("1 файл:")
