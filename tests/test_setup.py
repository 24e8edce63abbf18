"""Setup and release edges (make, .venv, the hook, the version): the interpreter check, .venv rebuilds, what make demo installs, the hook, the version."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import extractor

from conftest import ROOT

CHECK = ROOT / "tools" / "check_python.py"


def check_python(*args, cwd=ROOT):
    return subprocess.run([sys.executable, str(CHECK), *map(str, args)], capture_output=True, text=True, cwd=cwd)


def test_a_python_too_old_stops_make_with_a_clear_message_before_pip(tmp_path):
    """On a system whose python3 was 3.10, make demo failed inside pip."""
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text((ROOT / "pyproject.toml").read_text("utf-8").replace(
        'requires-python = ">=3.11"', 'requires-python = ">=3.99"'), "utf-8")
    venv = tmp_path / ".venv"
    r = check_python(venv, pyproject)
    version = ".".join(map(str, sys.version_info[:3]))
    assert r.returncode == 1
    assert f"extractor needs Python 3.99 or newer; {sys.executable} is Python {version}." in r.stderr
    assert "PYTHON=" in r.stderr and not venv.exists()
    assert check_python(venv).returncode == 0  # the project's own requirement is met by this interpreter


def _fake_venv(path: Path, version: str, executable: str) -> Path:
    path.mkdir(parents=True)
    (path / "pyvenv.cfg").write_text(
        f"home = {Path(executable).parent}\ninclude-system-site-packages = false\nversion = {version}\n"
        f"executable = {executable}\n", "utf-8")
    (path / ".installed-old").write_text("")
    return path


def test_a_venv_made_by_another_interpreter_is_rebuilt(tmp_path):
    """After choosing the right interpreter, make kept failing until .venv was removed by hand."""
    old = _fake_venv(tmp_path / "old", "3.10.12", "/usr/bin/python3.10")
    r = check_python(old)
    assert r.returncode == 0 and not old.exists()
    assert "rebuilding" in r.stderr and "made with Python 3.10.12" in r.stderr
    here = ".".join(map(str, sys.version_info[:3]))
    other = _fake_venv(tmp_path / "other", here, "/opt/elsewhere/python3")
    assert check_python(other).returncode == 0 and not other.exists()
    same = _fake_venv(tmp_path / "same", here, os.path.realpath(sys.executable))
    assert check_python(same).returncode == 0 and (same / ".installed-old").exists()
    broken = tmp_path / "broken"
    broken.mkdir()
    assert check_python(broken).returncode == 0 and not broken.exists()


def _make_dry_run(target: str, tmp_path: Path) -> list[str]:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    r = subprocess.run(["make", "-n", target, f"VENV={tmp_path / 'venv'}"], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    return r.stdout.splitlines()


def test_make_demo_installs_only_what_the_demo_needs(tmp_path):
    """make demo installed the test tools too (79 packages, 214 MB)."""
    demo = _make_dry_run("demo", tmp_path)
    installs = [line for line in demo if "pip install" in line and "--upgrade pip" not in line]
    # the demo converts samples/, which holds a scan: OCR (the ocr extra) is part of what it needs
    assert installs and all("'.[xlsx,ocr]'" in line for line in installs)
    assert not any("[test" in line for line in installs)
    assert any("tools/check_python.py" in line for line in demo)  # checked before anything is installed
    assert any(line.endswith("demo samples -o out --force") for line in demo)
    test = _make_dry_run("test", tmp_path)
    assert any("pip install" in line and "'.[test,xlsx,ocr]'" in line for line in test)


def test_the_install_stamp_names_the_interpreter():
    r = check_python("--id")
    assert r.returncode == 0 and re.fullmatch(r"py\d+\.\d+\.\d+-[0-9a-f]{8}\n", r.stdout)
    assert "$(VENV)/.installed-$(PY_ID)" in (ROOT / "Makefile").read_text("utf-8")


def _readme_yaml_after(marker: str) -> dict | list:
    readme = (ROOT / "README.md").read_text("utf-8")
    block = re.search(r"```yaml\n(.*?)```", readme[readme.index(marker):], re.S).group(1)
    return yaml.safe_load(block)


def test_pre_commit_hook_example_is_scoped_to_the_report_folder():
    """The hook matched every .txt: it failed on requirements.txt."""
    (hook,) = _readme_yaml_after("pre-commit (")["repos"][0]["hooks"]
    files = re.compile(hook["files"])
    assert files.search("reports/2021/zvit.PDF") and files.search("reports/a.docx")
    assert not files.search("requirements.txt") and not files.search("docs/notes.txt")
    assert not files.search("reports/notes.json")
    (definition,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    exclude = re.compile(definition["exclude"])
    for name in ("requirements.txt", "requirements-dev.txt", "sub/LICENSE.txt", "robots.txt"):
        assert exclude.search(name), name
    assert not exclude.search("reports/zvit.txt") and not exclude.search("reports/requirements-zvit.pdf")


def test_the_documented_release_tag_is_the_package_version():
    """The README pinned a tag that did not exist."""
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    version = re.search(r'^version = "([^"]+)"', pyproject, re.M).group(1)
    assert extractor.__version__ == version
    rev = _readme_yaml_after("pre-commit (")["repos"][0]["rev"]
    assert rev == f"v{version}"
    readme = (ROOT / "README.md").read_text("utf-8")
    assert f"git+https://github.com/OWNER/extractor@v{version}" in readme
    if shutil.which("git") is None:
        return
    tags = subprocess.run(["git", "tag", "--list", "v*"], capture_output=True, text=True, cwd=ROOT).stdout.split()
    if tags:  # a clone without tags (some CI checkouts) cannot tell
        assert rev in tags
