"""extractor check: judging reports, exit codes and the four output formats."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pydantic import ValidationError

from extractor.check import (
    NO_DATA_CODE,
    check_files,
    exit_code,
    judge_outcome,
    judge_report,
    render,
)
from extractor.models import Finding, Report, Source
from extractor.runner import Outcome

from conftest import GOLDEN, STEMS
from test_batch import golden_work, plant_bad_files


def golden(stem: str) -> Report:
    return Report.model_validate_json((GOLDEN / f"{stem}.expected.json").read_text("utf-8"))


WARNED = next(s for s in STEMS if golden(s).warnings)
CLEAN = next(s for s in STEMS if not golden(s).warnings)


def outcome_of(report: Report, path: str) -> Outcome:
    return Outcome(path=path, status="ok", report_json=report.to_json())


@pytest.fixture
def verdicts():
    """A clean report, a report with warnings, one without tables, and an unreadable file."""
    empty = Report(source=Source(file="empty.docx"), warnings=[Finding(code="table-not-found", message="no funding table")])
    return [
        judge_outcome(outcome_of(golden(CLEAN), "in/clean.docx")),
        judge_outcome(outcome_of(golden(WARNED), "in/warned, 50%.pdf")),
        judge_outcome(outcome_of(empty, "in/empty.docx")),
        judge_outcome(Outcome(path="in/bad.pdf", status="failed", error="in/bad.pdf: not a DOCX, PDF or text file",
                              error_code="unsupported-format")),
    ]


def test_judge_report_severities():
    assert judge_report(golden(CLEAN), "a.docx") == []
    warned = golden(WARNED)
    findings = judge_report(warned, "b.pdf")
    assert [f.code for f in findings] == [w.code for w in warned.warnings]
    assert {f.severity for f in findings} == {"warning"} and findings[0].path == warned.warnings[0].path
    no_rows = Report(source=Source(file="c.txt"))
    (finding,) = judge_report(no_rows, "c.txt")
    assert finding.severity == "error" and finding.code == NO_DATA_CODE
    not_found = Report(source=Source(file="d.txt"), funding=golden(CLEAN).funding,
                       warnings=[Finding(code="table-not-found", message="no indicator table")])
    assert [(f.severity, f.code) for f in judge_report(not_found, "d.txt")] == [("error", "table-not-found")]


def test_a_result_that_does_not_validate_here_is_ours_and_a_read_error_is_the_files():
    bad_json = golden(CLEAN).model_dump(mode="json")
    bad_json["funding"][0]["planned"] = "багато"
    with pytest.raises(ValidationError):  # check_files records it as an internal error (tested below)
        judge_outcome(Outcome(path="x.docx", status="ok", report_json=json.dumps(bad_json)))
    v = judge_outcome(Outcome(path="x.pdf", status="failed", error="x.pdf: the PDF is encrypted", error_code="encrypted-file"))
    assert [(f.code, f.message) for f in v.findings] == [("encrypted-file", "the PDF is encrypted")]
    assert v.status == "failed" and v.fails()


def test_exit_codes(verdicts):
    clean, warned, empty, bad = verdicts
    assert exit_code([clean]) == 0
    assert exit_code([clean, warned]) == 0
    assert exit_code([clean, warned], strict=True) == 1
    assert exit_code([clean, empty]) == 1
    assert exit_code([bad]) == 1


def test_text_format(verdicts):
    lines = render(verdicts, "text").splitlines()
    assert lines[0] == "in/clean.docx: ok"
    assert any(line.startswith("in/bad.pdf: error: unsupported-format: not a DOCX") for line in lines)
    assert any(line.startswith("in/empty.docx: error: table-not-found") for line in lines)
    assert lines[-1] == "4 files: 1 ok, 1 with warnings, 1 without report tables, 1 failed, 0 skipped"


def test_text_format_speaks_ukrainian_while_json_keeps_the_codes(verdicts):
    from extractor.i18n import using

    with using("uk"):
        lines = render(verdicts, "text").splitlines()
        findings = json.loads(render(verdicts, "json"))
    assert lines[0] == "in/clean.docx: успішно"
    assert any(line.startswith("in/empty.docx: помилка: table-not-found") for line in lines)
    assert any(line.startswith("in/warned, 50%.pdf: попередження: ") for line in lines)
    assert {f["severity"] for f in findings} <= {"error", "warning", "notice"}
    assert {f["status"] for f in findings} == {"warning", "no-tables", "failed"}


def test_json_format_lists_findings(verdicts):
    findings = json.loads(render(verdicts, "json"))
    assert all(set(f) == {"file", "severity", "code", "message", "path", "status"} for f in findings)
    assert {f["file"]: f["status"] for f in findings} == {
        "in/warned, 50%.pdf": "warning", "in/empty.docx": "no-tables", "in/bad.pdf": "failed"}
    assert {f["file"] for f in findings} == {"in/warned, 50%.pdf", "in/empty.docx", "in/bad.pdf"}
    assert sum(f["severity"] == "error" for f in findings) == 2
    warned = [f for f in findings if f["file"] == "in/warned, 50%.pdf"]
    assert [f["code"] for f in warned] == [w.code for w in golden(WARNED).warnings]


@pytest.mark.parametrize("strict", [False, True])
def test_junit_format_one_testcase_per_file(verdicts, strict):
    root = ET.fromstring(render(verdicts, "junit", strict=strict))
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [v.file for v in verdicts]
    failed = [c.get("name") for c in cases if c.find("failure") is not None]
    expected = ["in/empty.docx", "in/bad.pdf"] if not strict else ["in/warned, 50%.pdf", "in/empty.docx", "in/bad.pdf"]
    assert failed == expected
    assert suite.get("failures") == str(len(expected)) and suite.get("tests") == "4"
    bad = cases[3].find("failure")
    assert bad.get("type") == "unsupported-format" and "not a DOCX" in bad.get("message")
    if not strict:  # warnings are listed, not failed
        assert golden(WARNED).warnings[0].code in cases[1].find("system-out").text


def test_github_format_annotations_escaped(verdicts):
    lines = render(verdicts, "github").splitlines()
    assert all(line.startswith(("::error ", "::warning ")) for line in lines)
    warned = [line for line in lines if "warned" in line]
    # ':' and ',' in a property and '%' anywhere are escaped per the workflow-command rules
    assert all(line.startswith("::warning file=in/warned%2C 50%25.pdf,title=extractor ") for line in warned)
    assert any(line.startswith("::error file=in/bad.pdf,title=extractor unsupported-format::not a DOCX") for line in lines)
    strict = render(verdicts, "github", strict=True).splitlines()
    assert not any(line.startswith("::warning") for line in strict)


def test_check_files_runs_workers_and_gives_verdicts_in_key_order(tmp_path):
    good = tmp_path / "b-good.docx"
    good.write_bytes(b"GOLDEN:" + CLEAN.encode())
    bad = plant_bad_files(tmp_path)
    paths = [good, bad["random"], bad["empty"]]
    verdicts = check_files(paths, jobs=2, timeout=20, work=golden_work)
    assert [v.file for v in verdicts] == [str(p) for p in (good, bad["empty"], bad["random"])]
    assert verdicts[0].findings == [] and verdicts[0].status == "ok"
    assert [f.code for f in verdicts[2].findings] == ["unsupported-format"] and verdicts[2].status == "failed"
    assert exit_code(verdicts) == 1


def test_pre_commit_hook_definition():
    import yaml

    hooks = yaml.safe_load((Path(__file__).resolve().parent.parent / ".pre-commit-hooks.yaml").read_text("utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "extractor-check"]
    assert hook["entry"] == "extractor check"
    import re

    pattern = re.compile(hook["files"])
    assert pattern.search("zvit/2021.PDF") and pattern.search("a/b.docx") and pattern.search("b.pdf") and pattern.search("c.txt")
    assert not pattern.search("d.json")


def test_check_records_a_file_whose_judging_fails_and_judges_the_others(tmp_path, monkeypatch):
    from extractor import check
    from test_batch import make_inputs

    inputs = make_inputs(tmp_path / "in", STEMS[:3])
    real = check.judge_outcome

    def judge(outcome, *args):
        if outcome.path == str(inputs[1]):
            raise UnicodeEncodeError("utf-8", "\ud835", 0, 1, "surrogates not allowed")
        return real(outcome, *args)

    clean = check_files(inputs, jobs=2, work=golden_work)
    monkeypatch.setattr(check, "judge_outcome", judge)
    verdicts = check_files(inputs, jobs=2, work=golden_work)
    assert [v.file for v in verdicts] == [str(p) for p in inputs]
    (finding,) = verdicts[1].findings
    assert finding.severity == "error" and finding.code == "internal-error" and "UnicodeEncodeError" in finding.message
    assert [v.findings for v in (verdicts[0], verdicts[2])] == [v.findings for v in (clean[0], clean[2])]
