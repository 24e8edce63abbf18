"""One status model: batch, check, the manifest, JUnit and the progress line agree on every file.

The tests build a mixed folder (reports, a text that is no report, a file
named as a PDF holding text, broken files, foreign files, an earlier output)
and run the real commands on it.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from extractor.check import check_files
from extractor.inputs import expand_inputs
from extractor.models import Finding, Report, Source
from extractor.status import Status, error_status, report_status, summary

from conftest import GOLDEN, SAMPLES, STEMS

DOCX = SAMPLES / f"{STEMS[1]}.docx"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))


def cli(*args, cwd=None, stdin=None):
    return subprocess.run([sys.executable, "-m", "extractor", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, input=stdin, timeout=300)


def manifest(outdir: Path) -> dict[str, dict]:
    return {r["path"]: r for r in csv.DictReader(io.StringIO((outdir / "manifest.csv").read_text("utf-8")))}


def mixed_folder(root: Path) -> Path:
    """One file of each status, plus what a walk leaves out."""
    folder = root / "звіти"
    (folder / "2021").mkdir(parents=True)
    (folder / "report.docx").write_bytes(DOCX.read_bytes())
    (folder / "2021" / "copy of report.docx").write_bytes(DOCX.read_bytes())  # same bytes
    (folder / "tiny.txt").write_text("Привіт\n", "utf-8")  # text, but no report
    (folder / "notreally.pdf").write_text("Звіт про виконання програми\nбез таблиць\n", "utf-8")
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04" + bytes(300))
    (folder / "photo.png").write_bytes(PNG)
    (folder / "notes.json").write_text('{"a": 1}', "utf-8")
    (folder / "~$report.docx").write_bytes(b"lock")  # an Office lock file: left out
    (folder / ".hidden.pdf").write_bytes(b"%PDF-1.4")  # hidden: left out
    earlier = folder / "out-2020"  # an earlier batch's output folder: left out
    (earlier / "reports").mkdir(parents=True)
    (earlier / "manifest.csv").write_text("path,report,sha256,format,status\n", "utf-8")
    (earlier / "funding.csv").write_text("report,index\n", "utf-8")
    (earlier / "reports" / "report.docx.json").write_text("{}", "utf-8")
    return folder


EXPECTED = {
    "report.docx": {"ok", "warning"},
    "2021/copy of report.docx": {"ok", "warning"},
    "tiny.txt": {"no-tables"},
    "notreally.pdf": {"no-tables"},
    "empty.pdf": {"failed"},
    "broken.docx": {"failed"},
    "photo.png": {"skipped"},
    "notes.json": {"skipped"},
}


def test_batch_and_check_give_the_same_status_to_every_file_of_a_mixed_folder(tmp_path):
    folder = mixed_folder(tmp_path)
    out = tmp_path / "out"
    b = cli("batch", folder, "-o", out, "--jobs", "2", "--no-xlsx")
    assert b.returncode == 1, b.stderr  # two files failed
    rows = manifest(out)
    batch_status = {Path(p).relative_to(folder).as_posix(): r["status"] for p, r in rows.items()}
    assert set(batch_status) == set(EXPECTED)  # every file found has exactly one line, and nothing else
    for name, status in batch_status.items():
        assert status in EXPECTED[name], (name, status, rows[str(folder / name)]["error"])
    assert batch_status["2021/copy of report.docx"] == batch_status["report.docx"]
    assert rows[str(folder / "photo.png")]["format"] == "png"  # what a skipped file is

    c = cli("check", folder, "--format", "junit", "-o", tmp_path / "junit.xml", "--jobs", "2")
    assert c.returncode == 1
    cases = ET.parse(tmp_path / "junit.xml").getroot().find("testsuite").findall("testcase")
    check_status = {}
    for case in cases:
        name = Path(case.get("name")).relative_to(folder).as_posix()
        if case.find("skipped") is not None:
            check_status[name] = "skipped"
        elif case.find("failure") is not None:
            check_status[name] = case.find("failure").get("message").split(":")[0]
        else:  # passed: with warnings listed in its output, or clean
            out = case.find("system-out")
            check_status[name] = "warning" if out is not None and "warning: " in out.text else "ok"
    assert check_status == batch_status

    # the summary lines agree, word for word
    batch_summary = b.stderr.strip().splitlines()[-1]
    check_summary = c.stderr.strip().splitlines()[-1]
    assert batch_summary.startswith("extractor: 8 files: ") and check_summary.startswith("extractor: 8 files: ")
    assert batch_summary.split(";")[0] == check_summary
    assert "2 without report tables, 2 failed, 2 skipped" in check_summary
    # the progress line of each file names its status
    progress = [line for line in b.stderr.splitlines() if line.startswith("[")]
    assert len(progress) == 8
    for line in progress:
        status = line.split("]", 1)[1].split()[0]
        assert any(str(folder / name) in line and status == s for name, s in batch_status.items()), line
    assert "out-2020: left out, it holds the outputs of an extractor batch" in b.stderr


def test_a_text_with_no_report_tables_is_its_own_status_in_batch_and_fails_check(tmp_path):
    """batch said "0 ok, 2 with warnings" and exited 0 where check failed both files."""
    tiny = tmp_path / "tiny.txt"
    tiny.write_text("Привіт\n", "utf-8")
    notreally = tmp_path / "notreally.pdf"
    notreally.write_text("Звіт про виконання програми\nбез таблиць\n", "utf-8")
    b = cli("batch", tiny, notreally, "-o", tmp_path / "out", "--no-xlsx")
    assert b.returncode == 0, b.stderr  # they were read: batch does not fail, it counts them apart
    assert "2 files: 0 ok, 0 with warnings, 2 without report tables, 0 failed, 0 skipped" in b.stderr
    assert {r["status"] for r in manifest(tmp_path / "out").values()} == {"no-tables"}
    c = cli("check", tiny, notreally)
    assert c.returncode == 1
    assert c.stdout.splitlines()[-1] == "2 files: 0 ok, 0 with warnings, 2 without report tables, 0 failed, 0 skipped"


def test_report_status_is_no_tables_when_a_table_is_missing_or_there_are_no_rows():
    golden = Report.model_validate_json((GOLDEN / f"{STEMS[0]}.expected.json").read_text("utf-8"))
    assert report_status(golden) in (Status.OK, Status.WARNING)
    assert report_status(Report(source=Source(file="a.txt"))) == Status.NO_TABLES
    missing = golden.model_copy(update={"warnings": [Finding(code="table-not-found", message="no indicator table")]})
    assert report_status(missing) == Status.NO_TABLES


@pytest.mark.parametrize(
    "name, code, status",
    [("photo.png", "unsupported-format", "skipped"), ("data", "unsupported-format", "skipped"),
     ("zvit.pdf", "unsupported-format", "failed"), ("zvit.DOCX", "unsupported-format", "failed"),
     ("photo.png", "file-access", "failed"), ("zvit.pdf", "corrupt-file", "failed"),
     ("zvit.doc", "missing-component", "failed"), ("slides.pptx", "unsupported-format", "skipped")],
)
def test_a_foreign_file_is_skipped_and_a_file_named_as_a_report_is_failed(name, code, status):
    assert error_status(code, name) == status


def test_summary_lists_every_status_in_one_order():
    assert summary(["ok", "failed", "ok", "skipped"]) == (
        "4 files: 2 ok, 0 with warnings, 0 without report tables, 1 failed, 1 skipped")
    assert summary([]) == "0 files: 0 ok, 0 with warnings, 0 without report tables, 0 failed, 0 skipped"


def test_the_output_folder_of_the_batch_itself_is_never_an_input(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "report.docx").write_bytes(DOCX.read_bytes())
    out = folder / "out"  # inside the input folder
    first = cli("batch", folder, "-o", out, "--no-xlsx")
    assert first.returncode == 0, first.stderr
    again = cli("batch", folder, "-o", out, "--no-xlsx", "--force")
    assert again.returncode == 0, again.stderr
    assert list(manifest(out)) == [str(folder / "report.docx")]


# -- zero inputs ---------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["batch", "check"])
def test_zero_inputs_exit_non_zero_with_a_message_unless_allow_empty(tmp_path, command):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / ".hidden.pdf").write_bytes(b"x")
    out = ["-o", tmp_path / "out"] if command == "batch" else []
    r = cli(command, empty, *out)
    assert r.returncode == 1
    assert f"no file to read in {empty}" in r.stderr and "--allow-empty" in r.stderr
    if command == "batch":
        assert not (tmp_path / "out").exists()  # nothing written
    r = cli(command, empty, *out, "--allow-empty")
    assert r.returncode == 0, r.stderr
    if command == "batch":
        assert (tmp_path / "out" / "manifest.csv").read_text("utf-8").count("\n") == 1  # the header only


@pytest.mark.parametrize("command", ["batch", "check"])
def test_only_skipped_files_count_as_nothing_to_read(tmp_path, command):
    folder = tmp_path / "pictures"
    folder.mkdir()
    (folder / "photo.png").write_bytes(PNG)
    out = ["-o", tmp_path / "out", "--no-xlsx"] if command == "batch" else []
    r = cli(command, folder, *out)
    assert r.returncode == 1 and "no report among the 1 file (all skipped)" in r.stderr
    assert cli(command, folder, *out, *(["--force"] if command == "batch" else []), "--allow-empty").returncode == 0


# -- check and batch from Python ----------------------------------------------------------------


def test_check_files_and_batch_share_the_planning_of_same_bytes(tmp_path):
    from test_batch import golden_work, make_inputs

    inputs = make_inputs(tmp_path / "a", STEMS[:2])
    copy = tmp_path / "b" / "copy.docx"
    copy.parent.mkdir()
    copy.write_bytes(inputs[0].read_bytes())
    verdicts = check_files(expand_inputs([str(tmp_path / "a"), str(copy)]), jobs=2, work=golden_work)
    by_file = {Path(v.file).name: v for v in verdicts}
    original, duplicate = by_file["copy.docx"], by_file[inputs[0].name]  # "copy.docx" comes first by key
    assert duplicate.status == original.status and original.status in ("ok", "warning")
    assert duplicate.findings[-1].code == "duplicate" and not any(f.code == "duplicate" for f in original.findings)
    assert f"same bytes as {copy}; checked once" == duplicate.findings[-1].message
    assert duplicate.findings[:-1] == [type(f)(str(inputs[0]), f.severity, f.code, f.message, f.path)
                                       for f in original.findings]
