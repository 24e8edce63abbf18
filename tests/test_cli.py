from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest

from extractor import __version__


def run(*args):
    return subprocess.run([sys.executable, "-m", "extractor", *args], capture_output=True, text=True)


def test_version_flag():
    r = run("--version")
    assert r.returncode == 0 and __version__ in r.stdout


def test_missing_file_is_one_line_error_naming_the_file(tmp_path):
    missing = tmp_path / "немає звіту.pdf"
    r = run("parse", str(missing))
    assert r.returncode == 1
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "немає звіту.pdf" in lines[0] and "no such file" in lines[0]


def test_directory_given_as_file(tmp_path):
    r = run("parse", str(tmp_path))
    assert r.returncode == 1 and "directory" in r.stderr


def test_usage_error_exits_2():
    r = run("parse")
    assert r.returncode == 2
    r = run("no-such-command")
    assert r.returncode == 2


# -- batch, demo, check ------------------------------------------------------------------

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
DOCX_SAMPLES = sorted(SAMPLES.glob("*.docx"))


def _bad_files(folder):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "corrupt.docx").write_bytes(b"PK\x03\x04" + bytes(300))
    return folder


def _manifest(outdir):
    return list(csv.DictReader(io.StringIO((outdir / "manifest.csv").read_text("utf-8-sig"))))


def test_batch_exit_codes_and_log_lines(tmp_path):
    out = tmp_path / "out"
    r = run("batch", *map(str, DOCX_SAMPLES[:2]), "-o", str(out), "--jobs", "2")
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""
    # not a terminal: one plain line per file, then a summary
    assert sum(line.startswith("[") for line in r.stderr.splitlines()) == 2
    assert "2 files: " in r.stderr.splitlines()[-1]
    assert all(row["status"] in ("ok", "warning") for row in _manifest(out))

    bad = _bad_files(tmp_path / "bad")
    r = run("batch", str(bad), str(DOCX_SAMPLES[0]), "-o", str(tmp_path / "out2"), "--quiet", "--excel-csv")
    assert r.returncode == 1
    assert all(line.startswith("failed: ") for line in r.stderr.splitlines()) and len(r.stderr.splitlines()) == 2
    assert (tmp_path / "out2" / "funding.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    rows = {Path(row["path"]).name: row for row in _manifest(tmp_path / "out2")}
    assert rows["empty.pdf"]["status"] == "failed" and rows["corrupt.docx"]["error_code"] == "corrupt-file"


@pytest.mark.parametrize(
    "args",
    [["batch", "no-such-folder", "-o", "x"], ["batch", "samples", "-o", "x", "--jobs", "0"],
     ["batch", "samples"], ["check", "no-such.pdf"], ["demo", "no-such-folder", "-o", "x"],
     ["check", "samples", "--format", "xml"]],
)
def test_batch_check_demo_usage_errors_exit_2(args, tmp_path):
    args = [str(tmp_path / a) if a.startswith("no-such") else a for a in args]
    r = run(*args)
    assert r.returncode == 2, r.stderr
    assert r.stderr.strip() and "Traceback" not in r.stderr


def test_batch_reads_paths_from_stdin(tmp_path):
    paths = "\n".join(str(p) for p in DOCX_SAMPLES[:2]) + "\n"
    r = subprocess.run([sys.executable, "-m", "extractor", "batch", "-", "-o", str(tmp_path), "-q"],
                       input=paths, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == sorted(f"{p.name}.json" for p in DOCX_SAMPLES[:2])


def test_demo_prints_a_summary_table(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for p in DOCX_SAMPLES:
        (folder / p.name).write_bytes(p.read_bytes())
    r = run("--lang", "en", "demo", str(folder), "-o", str(tmp_path / "out"), "-q")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["report", "format", "status", "decisions", "funding", "indicators", "warnings",
                                "counted"]
    body = [line.split() for line in lines[2 : 2 + len(DOCX_SAMPLES)]]
    assert [cols[0] for cols in body] == [p.name for p in DOCX_SAMPLES]
    manifest = _manifest(tmp_path / "out")
    for cols, row in zip(body, manifest):
        assert cols[1:] == [row["format"], row["status"], row["decisions"], row["funding"], row["indicators"],
                            row["warnings"], "yes"]
    assert (tmp_path / "out" / "reports.xlsx").exists()
    uk = run("--lang", "uk", "demo", str(folder), "-o", str(tmp_path / "out-uk"), "-q").stdout.splitlines()
    assert uk[0].split()[:3] == ["звіт", "формат", "стан"] and uk[0].split()[-1] == "враховано"
    assert all(line.split()[-1] == "так" for line in uk[2: 2 + len(DOCX_SAMPLES)])


def test_check_cli_formats_and_exit_codes(tmp_path):
    bad = _bad_files(tmp_path / "bad")
    good = str(DOCX_SAMPLES[0])
    r = run("check", good, "--format", "json")
    findings = json.loads(r.stdout)
    assert r.returncode == (1 if any(f["severity"] == "error" for f in findings) else 0)
    r = run("check", good, str(bad), "--format", "junit", "-o", str(tmp_path / "junit.xml"))
    assert r.returncode == 1 and r.stdout == ""
    suite = ET.parse(tmp_path / "junit.xml").getroot().find("testsuite")
    assert int(suite.get("tests")) == 3 and int(suite.get("failures")) >= 2
    r = run("check", str(bad), "--format", "github")
    assert r.returncode == 1
    assert sorted(line.split(",")[0] for line in r.stdout.splitlines()) == [
        f"::error file={bad / 'corrupt.docx'}", f"::error file={bad / 'empty.pdf'}"]


def test_parse_format_csv_writes_the_tables(tmp_path):
    sample = DOCX_SAMPLES[0]
    r = run("parse", str(sample), "--format", "csv", "-o", str(tmp_path), "--excel-csv")
    assert r.returncode == 0, r.stderr
    report = json.loads(run("parse", str(sample)).stdout)
    raw = (tmp_path / "funding.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == len(report["funding"]) and {row["report"] for row in rows} == {sample.name}
    for f, row in zip(report["funding"], rows):
        if f["planned"] is None:
            assert row["planned"] == ""
        else:  # the same number, written as a plain decimal
            assert Decimal(row["planned"]) == Decimal(repr(f["planned"]))
            assert all(ch in "-.0123456789" for ch in row["planned"])


# -- global flags, before or after the command ------------------------------------------------

COMMAND_ARGS = {
    "parse": ["r.pdf"],
    "dump": ["r.pdf"],
    "schema": [],
    "batch": ["in", "-o", "out"],
    "check": ["in"],
    "demo": ["in", "-o", "out"],
    "serve": [],
    "formats": [],
}


@pytest.mark.parametrize("command", sorted(COMMAND_ARGS))
def test_debug_flag_before_or_after_any_command_has_the_same_effect(command):
    from extractor.cli import build_parser

    parser = build_parser()
    args = [command, *COMMAND_ARGS[command]]
    assert parser.parse_args(["--debug", *args]).debug is True
    assert parser.parse_args([*args, "--debug"]).debug is True
    assert parser.parse_args(args).debug is False


def test_every_command_takes_the_global_flags():
    from extractor.cli import _COMMANDS

    assert set(COMMAND_ARGS) == set(_COMMANDS)


@pytest.mark.parametrize("position", ["before", "after"])
def test_debug_before_the_command_shows_the_traceback_of_an_internal_error(monkeypatch, tmp_path, position):
    import extractor.readers
    from extractor.cli import main

    def broken(*_args, **_kwargs):
        raise KeyError("a bug")

    monkeypatch.setattr(extractor.readers, "read", broken)
    f = tmp_path / "r.pdf"
    f.write_bytes(b"%PDF-1.4\n")
    argv = ["--debug", "dump", str(f)] if position == "before" else ["dump", str(f), "--debug"]
    with pytest.raises(KeyError, match="a bug"):
        main(argv)
    assert main(["dump", str(f)]) == 1


def test_version_after_the_command():
    r = run("dump", "--version")
    assert r.returncode == 0 and __version__ in r.stdout
