"""``extractor parse`` outputs: format from the extension, folders, one CSV table, stderr lines, errors.

Each test is named after a case a new user ran into.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import threading
from decimal import Decimal
from pathlib import Path

import pytest

from extractor import cli, parse
from extractor.output import OutputPlan, plan_output
from extractor.batch import UsageError
from extractor.writers.tables import TABLES

from conftest import SAMPLES

DOCX = SAMPLES / "rivne-pytna-voda-2021.docx"  # has a breakdown by year and source


@pytest.fixture(scope="module")
def report():
    return parse(DOCX)


def run_cli(capsys, *args) -> tuple[int, str, str]:
    code = cli.main([*map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def read_csv(path_or_text, delimiter=",") -> list[dict[str, str]]:
    text = path_or_text.read_text("utf-8-sig") if isinstance(path_or_text, Path) else path_or_text
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


# -- stdout is UTF-8 whatever the locale --------------------------------------------------


def test_parse_redirected_on_a_cp1251_locale_writes_utf8_json(tmp_path):
    env = {**os.environ, "PYTHONIOENCODING": "cp1251", "LC_ALL": "C", "PYTHONUTF8": "0"}
    target = tmp_path / "zvit.json"
    with open(target, "wb") as fh:
        done = subprocess.run([sys.executable, "-m", "extractor", "parse", str(DOCX)], stdout=fh,
                              stderr=subprocess.PIPE, env=env)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert b"internal error" not in done.stderr
    data = json.loads(target.read_bytes().decode("utf-8"))
    assert data["program"]["name"] == parse(DOCX).program.name  # Ukrainian text, unharmed


def test_csv_table_on_stdout_on_a_cp1251_locale_is_utf8(tmp_path):
    env = {**os.environ, "PYTHONIOENCODING": "cp1251"}
    done = subprocess.run([sys.executable, "-m", "extractor", "parse", str(DOCX), "--format", "csv",
                           "--table", "funding"], capture_output=True, env=env)
    assert done.returncode == 0
    rows = read_csv(done.stdout.decode("utf-8"))
    assert rows and all(row["report"] == DOCX.name for row in rows)


# -- where the output goes ----------------------------------------------------------------


def test_parse_output_xlsx_by_extension_writes_a_workbook(tmp_path, capsys, report):
    openpyxl = pytest.importorskip("openpyxl")
    code, out, err = run_cli(capsys, "parse", DOCX, "-o", tmp_path / "zvit.xlsx", "--lang", "uk")
    assert code == 0 and out == ""
    wb = openpyxl.load_workbook(tmp_path / "zvit.xlsx")
    assert wb.sheetnames == ["Звіти", "Рішення", "Фінансування", "Розподіл фінансування", "Показники",
                             "Попередження"]  # Ukrainian first
    funding = list(wb["Фінансування"].iter_rows(values_only=True))
    assert len(funding) == 1 + len(report.funding)
    assert "zvit.xlsx" in err and err.startswith("extractor: записано книгу")
    assert [c.value for c in wb["Фінансування"][1]][:3] == ["report", "index", "kind"]  # field names stay


def test_parse_output_x_csv_without_format_writes_csv_not_json(tmp_path, capsys, report):
    code, _, err = run_cli(capsys, "parse", DOCX, "-o", tmp_path / "x.csv")
    assert code == 0
    rows = read_csv(tmp_path / "x.csv")
    assert len(rows) == len(report.funding) and "measure" in rows[0]
    assert "funding table" in err and str(tmp_path / "x.csv") in err


def test_parse_output_funding_csv_with_format_csv_is_a_file_not_a_folder(tmp_path, capsys, report):
    code, _, _ = run_cli(capsys, "parse", DOCX, "--format", "csv", "-o", tmp_path / "funding.csv")
    assert code == 0
    assert (tmp_path / "funding.csv").is_file()
    assert len(read_csv(tmp_path / "funding.csv")) == len(report.funding)


def test_parse_output_table_chooses_the_csv_table(tmp_path, capsys, report):
    code, _, _ = run_cli(capsys, "parse", DOCX, "-o", tmp_path / "i.csv", "--table", "indicators")
    assert code == 0
    assert [row["name"] for row in read_csv(tmp_path / "i.csv")] == [i.name or "" for i in report.indicators]


def test_parse_format_wins_over_the_extension(tmp_path, capsys, report):
    code, _, _ = run_cli(capsys, "parse", DOCX, "--format", "json", "-o", tmp_path / "x.csv")
    assert code == 0
    assert json.loads((tmp_path / "x.csv").read_text("utf-8"))["source"]["file"] == DOCX.name


def test_parse_output_newdir_slash_is_a_folder_not_a_file(tmp_path, capsys):
    target = f"{tmp_path / 'newdir'}/"
    code, _, err = run_cli(capsys, "parse", DOCX, "-o", target)
    assert code == 0
    assert (tmp_path / "newdir").is_dir()
    written = tmp_path / "newdir" / f"{DOCX.name}.json"
    assert json.loads(written.read_text("utf-8"))["source"]["file"] == DOCX.name
    assert str(written) in err


def test_parse_csv_into_a_folder_writes_every_table_and_the_datapackage(tmp_path, capsys, report):
    code, _, err = run_cli(capsys, "parse", DOCX, "--format", "csv", "-o", f"{tmp_path / 'out'}/")
    assert code == 0
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == sorted([f"{t}.csv" for t in TABLES] + ["datapackage.json"])
    assert len(err.strip().splitlines()) == 1 and "breakdown.csv" in err


def test_parse_csv_without_output_asks_for_a_table_and_writes_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "funding.csv").write_text("mine\n", "utf-8")
    code, out, err = run_cli(capsys, "parse", DOCX, "--format", "csv")
    assert code == 2 and out == ""
    assert "--table" in err and "-o" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["funding.csv"]
    assert (tmp_path / "funding.csv").read_text("utf-8") == "mine\n"  # nothing overwritten


def test_parse_csv_table_to_stdout(capsys, report):
    code, out, err = run_cli(capsys, "parse", DOCX, "--format", "csv", "--table", "breakdown")
    assert code == 0 and err == ""
    rows = read_csv(out)
    assert len(rows) == sum(len(f.breakdown) for f in report.funding) > 0


def test_parse_output_unknown_extension_is_refused_before_parsing(tmp_path, capsys):
    code, _, err = run_cli(capsys, "parse", DOCX, "-o", tmp_path / "zvit.pdf")
    assert code == 2 and "'.pdf'" in err and "--format" in err
    assert not (tmp_path / "zvit.pdf").exists()


def test_parse_output_that_is_the_input_is_refused(tmp_path, capsys):
    copy = tmp_path / "zvit.json"
    copy.write_bytes(DOCX.read_bytes())
    code, _, err = run_cli(capsys, "parse", copy, "-o", copy)
    assert code == 2 and "input" in err
    assert copy.read_bytes() == DOCX.read_bytes()


def test_parse_xlsx_to_stdout_asks_for_an_output_file(capsys):
    code, out, err = run_cli(capsys, "parse", DOCX, "--format", "xlsx")
    assert code == 2 and out == "" and "-o" in err


def test_parse_quiet_names_no_file(tmp_path, capsys):
    code, _, err = run_cli(capsys, "parse", DOCX, "-o", tmp_path / "z.json", "-q")
    assert code == 0 and err == ""


def test_parse_json_file_output_keeps_working_without_an_extension(tmp_path, capsys):
    code, _, _ = run_cli(capsys, "parse", DOCX, "-o", tmp_path / "zvit")
    assert code == 0 and json.loads((tmp_path / "zvit").read_text("utf-8"))["funding"]


def test_parse_output_to_a_named_pipe_writes_into_the_pipe(tmp_path, capsys):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    code, _, _ = run_cli(capsys, "parse", DOCX, "-o", fifo)
    reader.join(10)
    assert code == 0
    assert json.loads(got[0].decode("utf-8"))["source"]["file"] == DOCX.name
    assert fifo.is_fifo()  # still the pipe, not replaced by a file


@pytest.mark.parametrize(
    "output, fmt, table, expected",
    [
        (None, None, None, OutputPlan("json")),
        ("a.xlsx", None, None, OutputPlan("xlsx", Path("a.xlsx"))),
        ("a.HTML", None, None, OutputPlan("html", Path("a.HTML"))),
        ("a.md", None, None, OutputPlan("md", Path("a.md"))),
        ("a.csv", None, None, OutputPlan("csv", Path("a.csv"), table="funding")),
        ("a.csv", "csv", "warnings", OutputPlan("csv", Path("a.csv"), table="warnings")),
        ("d/", "csv", None, OutputPlan("csv", Path("d"), folder=True)),
        ("d/", None, None, OutputPlan("json", Path("d"), folder=True)),
    ],
)
def test_plan_output(output, fmt, table, expected):
    assert plan_output(output, fmt, table, "zvit.docx") == expected


@pytest.mark.parametrize(
    "output, fmt, table",
    [(None, "csv", None), (None, "xlsx", None), ("a.pdf", None, None), ("a.json", None, "funding"),
     (None, "csv", "no-such-table")],
)
def test_plan_output_refuses(output, fmt, table):
    with pytest.raises(UsageError):
        plan_output(output, fmt, table, "zvit.docx")


# -- output errors name the output --------------------------------------------------------


def test_output_under_a_file_names_the_output_not_the_input(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", "utf-8")
    code, _, err = run_cli(capsys, "parse", DOCX, "-o", blocker / "zvit.json")
    assert code == 1
    assert "internal error" not in err and DOCX.name not in err
    assert str(blocker / "zvit.json") in err and "is a file, not a folder" in err


def test_output_errors_speak_ukrainian_with_lang_uk(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", "utf-8")
    code, _, err = run_cli(capsys, "--lang", "uk", "parse", DOCX, "-o", blocker / "zvit.json")
    assert code == 1
    assert err.strip() == (f"extractor: помилка: {blocker / 'zvit.json'}: не вдалося записати результат: "
                           f"{blocker} — файл, а не тека")
    code, _, err = run_cli(capsys, "--lang", "uk", "batch", DOCX, "-o", blocker)
    assert code != 0 and "результати пишуться в теку, а це файл" in err


def test_output_folder_not_writable_names_the_output_and_the_reason(tmp_path, capsys, monkeypatch):
    import extractor.writers.atomic as atomic

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    code, _, err = run_cli(capsys, "parse", DOCX, "-o", tmp_path / "zvit.json")
    assert code == 1
    assert err.strip() == f"extractor: error: {tmp_path / 'zvit.json'}: cannot write the output (Permission denied)"


def test_output_slash_on_a_file_is_refused(tmp_path, capsys):
    blocker = tmp_path / "out"
    blocker.write_text("x", "utf-8")
    code, _, err = run_cli(capsys, "parse", DOCX, "-o", f"{blocker}/")
    assert code == 2 and "is a file, not a folder" in err
    assert blocker.read_text("utf-8") == "x"


def test_batch_output_disk_full_names_the_output_file(tmp_path, capsys, monkeypatch):
    import extractor.writers.atomic as atomic

    real = atomic.os.replace

    def full(src, dst):
        if str(dst).endswith("funding.csv"):
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", full)
    code, _, err = run_cli(capsys, "batch", DOCX, "-o", tmp_path / "out", "-q", "--jobs", "1")
    assert code == 1
    assert "internal error" not in err
    assert f"{tmp_path / 'out' / 'funding.csv'}: cannot write the output (No space left on device)" in err
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.endswith(".tmp")]


def test_batch_dask_without_dask_is_a_usage_error_naming_the_option(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    code, _, err = run_cli(capsys, "batch", DOCX, "-o", tmp_path / "out", "--dask", "tcp://127.0.0.1:1")
    assert code == 2
    assert "internal error" not in err and "--dask" in err and "pip install" in err
    assert not (tmp_path / "out").exists()


# -- Excel-locale CSV -------------------------------------------------------------------


def test_parse_excel_locale_csv_opens_in_a_ukrainian_spreadsheet(tmp_path, capsys, report):
    code, _, _ = run_cli(capsys, "parse", DOCX, "-o", tmp_path / "f.csv", "--excel-locale")
    assert code == 0
    raw = (tmp_path / "f.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = read_csv(tmp_path / "f.csv", delimiter=";")
    assert len(rows) == len(report.funding)
    for row, item in zip(rows, report.funding):
        if item.planned is not None:
            assert "." not in row["planned"]
            assert Decimal(row["planned"].replace(",", ".")) == item.planned


def test_batch_excel_locale_csv_and_its_datapackage(tmp_path, capsys, report):
    frictionless = pytest.importorskip("frictionless")
    out = tmp_path / "out"
    code, _, err = run_cli(capsys, "batch", DOCX, "-o", out, "--excel-locale", "-q", "--jobs", "1", "--no-xlsx")
    assert code == 0, err
    parts = read_csv(out / "breakdown.csv", delimiter=";")
    assert len(parts) == sum(len(f.breakdown) for f in report.funding)
    assert any("," in row["planned"] for row in parts) and not any("." in row["planned"] for row in parts)
    result = frictionless.validate(str(out / "datapackage.json"))
    assert result.valid, result.flatten(["type", "fieldName", "rowNumber", "note"])


def test_parse_format_xlsx_exists_for_one_report(tmp_path, capsys, report):
    openpyxl = pytest.importorskip("openpyxl")
    code, _, _ = run_cli(capsys, "parse", DOCX, "--format", "xlsx", "-o", tmp_path / "zvit")
    assert code == 0
    wb = openpyxl.load_workbook(io.BytesIO((tmp_path / "zvit").read_bytes()))
    assert len(wb.sheetnames) == len(TABLES)
    assert wb.worksheets[list(TABLES).index("funding")].max_row == 1 + len(report.funding)
