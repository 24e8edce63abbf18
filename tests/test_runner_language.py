"""Worker processes speak the language of the command that started them (--lang en / uk)."""

from __future__ import annotations

import multiprocessing
import json
import subprocess
import sys

import pytest

from extractor import i18n, runner
from extractor.errors import ExtractorError
from extractor.limits import DEFAULT_LIMITS


def language_work(path, limits):
    """A Work that reports the language its process translates into."""
    return runner.error_outcome(path, "probe", i18n.language())


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_a_spawned_worker_speaks_the_parents_language(monkeypatch, lang):
    """spawn (macOS, Windows) starts a fresh interpreter: the language must be handed over, not inherited."""
    monkeypatch.setattr(runner, "_mp_context", lambda: multiprocessing.get_context("spawn"))
    with i18n.using(lang):
        outcomes = list(runner.run_local(["a.docx"], jobs=1, timeout=120, work=language_work))
    assert [o.error for o in outcomes] == [lang]


def test_the_dask_child_process_is_told_the_clients_language(monkeypatch):
    seen = []

    def fake_run(cmd, **kwargs):
        seen.append(cmd)
        return subprocess.CompletedProcess(cmd, 1, b"", b"boom")

    monkeypatch.setattr(runner.subprocess, "run", fake_run)
    with i18n.using("en"):
        runner.convert_isolated("a.docx", b"x", None, 10)
    runner.convert_isolated("a.docx", b"x", None, 10, "uk")
    assert [cmd[-1] for cmd in seen] == ["en", "uk"]


def test_run_dask_without_dask_installed_is_the_projects_error_in_ukrainian(monkeypatch):
    """The library path (not only the CLI) names the missing extra instead of raising ImportError."""
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    with i18n.using("uk"), pytest.raises(ExtractorError) as info:
        list(runner.run_dask(["a.docx"], "tcp://127.0.0.1:1", 10, DEFAULT_LIMITS))
    assert "extractor-zvit[dask]" in str(info.value) and "потрібен" in str(info.value)
    assert isinstance(info.value.__cause__, ImportError)


def test_the_dask_child_process_parses_with_the_clients_whole_settings():
    """Not only the limits: a part the client tuned (here coverage warnings turned off) reaches the child."""
    from dataclasses import replace

    from extractor.extract.coverage import CoverageSettings
    from extractor.settings import default_settings

    text = "Звіт про виконання програми\nбез таблиць\n".encode("utf-8")
    default = runner.convert_isolated("a.txt", text, None, 120, "en")
    quiet = runner.convert_isolated("a.txt", text, replace(default_settings(), coverage=CoverageSettings(0)), 120, "en")
    codes = [[w["code"] for w in json.loads(o["report_json"])["warnings"]] for o in (default, quiet)]
    assert "low-coverage" in codes[0] and "low-coverage" not in codes[1]
