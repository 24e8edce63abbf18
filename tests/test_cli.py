from __future__ import annotations

import subprocess
import sys

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
