"""``extractor serve``: uploads bounded, parsed in workers with batch's limits, nothing kept, clear errors.

The HTTP side is driven in-process by Starlette's test client; the real
browser test is tests/test_browser.py.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import tempfile
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

from extractor import parse  # noqa: E402
from extractor.limits import Limits  # noqa: E402
from extractor.settings import Settings  # noqa: E402
from extractor.serve import ServeSettings, create_app, safe_name  # noqa: E402

from conftest import SAMPLES  # noqa: E402

DOCX = SAMPLES / "zhytomyr-bezpechne-misto-2017-2019.docx"


def client(**settings) -> TestClient:
    return TestClient(create_app(ServeSettings(**{"jobs": 1, **settings})))


def upload(c: TestClient, *files: tuple[str, bytes], lang="uk", excel_locale=True):
    data = {"excel_locale": "1"} if excel_locale else {}
    return c.post(f"/parse?lang={lang}", files=[("files", (name, body)) for name, body in files], data=data)


def downloads(html: str) -> dict[str, bytes]:
    """The downloads offered on the page: file name -> bytes (decoded from their data URIs)."""
    found = re.findall(r'<a class="download" download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', html)
    return {name: base64.b64decode(data) for name, data in found}


def test_serve_page_offers_the_upload_form():
    r = client().get("/")
    assert r.status_code == 200
    assert 'type="file"' in r.text and "multiple" in r.text and 'action="/parse' in r.text
    assert re.search(r"20\D+100 МБ", r.text)  # the limits are stated, in Ukrainian first
    assert '<html lang="uk">' in r.text and "Перетягніть файли" in r.text
    en = client().get("/?lang=en")
    assert '<html lang="en">' in en.text and re.search(r"20\D+100 MB", en.text) and "Drop files" in en.text


def test_serve_upload_shows_the_report_tables_and_downloads():
    report = parse(DOCX)
    r = upload(client(), (DOCX.name, DOCX.read_bytes()))
    assert r.status_code == 200
    rows = re.findall(r'<tr class="(?:measure|subtotal|total)[^"]*" id="r0-funding-\d+"', r.text)
    assert len(rows) == len(report.funding)
    got = downloads(r.text)
    assert set(got) == {f"{DOCX.name}.json", f"{DOCX.name}.xlsx", f"{DOCX.name}.csv.zip"}
    assert json.loads(got[f"{DOCX.name}.json"])["funding"] == json.loads(report.to_json())["funding"]
    with zipfile.ZipFile(io.BytesIO(got[f"{DOCX.name}.csv.zip"])) as zf:
        assert "datapackage.json" in zf.namelist() and "breakdown.csv" in zf.namelist()
        funding = zf.read("funding.csv").decode("utf-8-sig")
    assert len(list(csv.DictReader(io.StringIO(funding), delimiter=";"))) == len(report.funding)
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.load_workbook(io.BytesIO(got[f"{DOCX.name}.xlsx"]))
    assert wb["Фінансування"].max_row == 1 + len(report.funding)


def test_serve_several_files_each_with_its_own_view_and_unique_ids():
    pdf = SAMPLES / "rivne-pytna-voda-2021.pdf"
    r = upload(client(jobs=2), (DOCX.name, DOCX.read_bytes()), (pdf.name, pdf.read_bytes()))
    assert r.status_code == 200
    ids = re.findall(r'\sid="([^"]+)"', r.text)
    assert len(ids) == len(set(ids))
    assert "r0-report" in ids and "r1-report" in ids and "r1-page-1" in ids
    for href in set(re.findall(r'href="#([^"]+)"', r.text)):
        assert href in ids, href


def test_serve_bad_file_gets_the_same_message_as_the_command_line(tmp_path):
    from extractor import cli

    bad = tmp_path / "зламаний.docx"
    bad.write_bytes(b"PK\x03\x04" + bytes(300))
    cli_message = _cli_error(cli, bad, "uk")  # the page's language
    r = upload(client(), (bad.name, bad.read_bytes()), (DOCX.name, DOCX.read_bytes()))
    assert r.status_code == 200
    shown = re.search(r'<div class="error">([^<]+)</div>', r.text).group(1)
    assert shown == cli_message.replace(str(bad), bad.name)
    assert "/tmp" not in shown and "extractor-serve" not in shown
    assert 'id="r1-report"' in r.text  # the good file is read all the same


def _cli_error(cli, path: Path, lang: str = "en") -> str:
    import contextlib

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert cli.main(["--lang", lang, "parse", str(path)]) == 1
    return re.sub(r"^extractor: [^:]+: ", "", err.getvalue().strip())


def test_serve_too_many_files_are_refused():
    r = upload(client(max_files=2), *[(f"{i}.docx", DOCX.read_bytes()) for i in range(3)])
    assert r.status_code == 413 and "2" in r.text


def test_serve_upload_larger_than_the_bound_is_refused_before_it_is_read():
    c = client(max_files=1, parse=Settings(limits=Limits(max_file_bytes=1000)))
    r = c.post("/parse", content=b"x" * 10, headers={"content-length": str(3 * 1024 * 1024),
                                                       "content-type": "multipart/form-data; boundary=x"})
    assert r.status_code == 413


def test_serve_file_over_the_size_limit_gets_the_limit_error():
    c = client(parse=Settings(limits=Limits(max_file_bytes=2000)))
    r = upload(c, (DOCX.name, DOCX.read_bytes()[:1500]), ("big.docx", DOCX.read_bytes()[:2500]))
    assert r.status_code == 200
    errors = re.findall(r'<div class="error">([^<]+)</div>', r.text)
    assert any(e.startswith("big.docx:") and "--max-file-mb" in e for e in errors), errors


def test_serve_file_past_the_timeout_is_stopped_with_the_batch_message():
    r = upload(client(timeout=0.05), ("zvit.pdf", (SAMPLES / "rivne-pytna-voda-2021.pdf").read_bytes()))
    assert r.status_code == 200
    error = re.search(r'<div class="error">([^<]+)</div>', r.text).group(1)
    assert error.startswith("zvit.pdf:") and "longer than" in error


def test_serve_no_file_chosen():
    r = TestClient(create_app(ServeSettings(jobs=1))).post("/parse", files=[("files", ("", b""))])
    assert r.status_code == 400


def test_serve_keeps_nothing_after_the_response(tmp_path, monkeypatch):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    r = upload(client(), (DOCX.name, DOCX.read_bytes()))
    assert r.status_code == 200 and 'id="r0-report"' in r.text
    assert list(scratch.iterdir()) == []


def test_serve_keep_writes_the_outputs_when_asked(tmp_path):
    r = upload(client(keep=tmp_path / "kept"), (DOCX.name, DOCX.read_bytes()))
    assert r.status_code == 200
    assert sorted(p.name for p in (tmp_path / "kept").iterdir()) == sorted(
        [f"{DOCX.name}.json", f"{DOCX.name}.xlsx", f"{DOCX.name}.csv.zip"])


@pytest.mark.parametrize("name, safe", [
    ("zvit.pdf", "zvit.pdf"), ("../../etc/passwd", "passwd"), ("C:\\Users\\a\\звіт.docx", "звіт.docx"),
    ("a\nb.pdf", "ab.pdf"), ("", "upload-1"), (".hidden", "hidden"), (None, "upload-1"),
])
def test_uploaded_file_name_keeps_no_folder_or_control_character(name, safe):
    assert safe_name(name, 0) == safe


def test_serve_settings_are_validated():
    with pytest.raises(ValueError):
        ServeSettings(max_files=0)
    with pytest.raises(ValueError):
        ServeSettings(lang="fr")


def test_uploads_are_parsed_with_the_pages_whole_settings_not_only_its_limits():
    """A part of the settings the page was started with (here: coverage warnings off) reaches the workers."""
    import io
    from dataclasses import replace

    from extractor.extract.coverage import CoverageSettings
    from extractor.serve import parse_uploads
    from extractor.settings import default_settings

    text = "Звіт про виконання програми\nбез таблиць\n".encode("utf-8")
    quiet = ServeSettings(jobs=1, parse=replace(default_settings(), coverage=CoverageSettings(0)))
    (default,) = parse_uploads([("a.txt", io.BytesIO(text))], ServeSettings(jobs=1), "en")
    (tuned,) = parse_uploads([("a.txt", io.BytesIO(text))], quiet, "en")
    assert "low-coverage" in default.html and "low-coverage" not in tuned.html
