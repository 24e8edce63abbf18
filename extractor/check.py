"""``extractor check``: parse reports and judge whether they parse cleanly (for CI).

A report is an **error** when it cannot be read, when no funding or indicator
table was found (a ``table-not-found`` warning, or no funding and no indicator
rows at all), or when its output does not validate against the contract; it
gets a **warning** for each other warning of the report. Findings are
rendered as text lines, a JSON list, JUnit XML or GitHub Actions annotations.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pydantic import ValidationError

from .limits import DEFAULT_LIMITS, DEFAULT_TIMEOUT_SECONDS, Limits
from .models import Report
from .runner import CONTRACT_CODE, INTERNAL_ERROR_CODE, Outcome, Work, convert, run_local

SEVERITY_ERROR = "error"
SEVERITY_WARNING = "warning"
#: a report warning with this code makes the report an error
TABLE_NOT_FOUND = "table-not-found"
#: code of the finding for a report with no funding and no indicator rows
NO_DATA_CODE = "no-data"
FORMATS = ("text", "json", "junit", "github")
#: JUnit testsuite name and testcase classname
JUNIT_SUITE = "extractor check"
JUNIT_CLASSNAME = "extractor.check"


@dataclass
class CheckFinding:
    """One thing wrong with one file."""

    file: str
    severity: str  # error or warning
    code: str
    message: str
    path: str | None = None  # where in the report, e.g. funding[12]

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Verdict:
    """The findings of one file."""

    file: str
    findings: list[CheckFinding] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def errors(self) -> list[CheckFinding]:
        return [f for f in self.findings if f.severity == SEVERITY_ERROR]

    @property
    def warnings(self) -> list[CheckFinding]:
        return [f for f in self.findings if f.severity == SEVERITY_WARNING]

    def fails(self, strict: bool = False) -> bool:
        return bool(self.errors or (strict and self.warnings))


def _reason(file: str, message: str) -> str:
    """An error message without the leading "file: " (the finding names the file)."""
    for prefix in (f"{file}: ", f"{Path(file).name}: "):
        if message.startswith(prefix):
            return message[len(prefix):]
    return message


def judge_report(report: Report, file: str) -> list[CheckFinding]:
    """The findings of a parsed report."""
    findings = []
    for w in report.warnings:
        severity = SEVERITY_ERROR if w.code == TABLE_NOT_FOUND else SEVERITY_WARNING
        findings.append(CheckFinding(file, severity, w.code, w.message, w.path))
    if not report.funding and not report.indicators and not any(f.code == TABLE_NOT_FOUND for f in findings):
        findings.append(CheckFinding(file, SEVERITY_ERROR, NO_DATA_CODE, "no funding or indicator rows found"))
    findings.sort(key=lambda f: f.severity != SEVERITY_ERROR)  # errors first, order kept otherwise
    return findings


def judge_outcome(outcome: Outcome) -> Verdict:
    """The verdict on one file from the result of its work."""
    verdict = Verdict(file=outcome.path, seconds=outcome.seconds)
    if outcome.report_json is None:
        code = outcome.error_code or "error"
        verdict.findings.append(
            CheckFinding(outcome.path, SEVERITY_ERROR, code, _reason(outcome.path, outcome.error or "cannot be parsed"))
        )
        return verdict
    try:
        report = Report.model_validate_json(outcome.report_json)
    except ValidationError as e:
        first = e.errors()[0] if e.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()))
        verdict.findings.append(
            CheckFinding(outcome.path, SEVERITY_ERROR, CONTRACT_CODE, f"output does not fit the contract: {where}: {first.get('msg', '')}")
        )
        return verdict
    verdict.findings = judge_report(report, outcome.path)
    return verdict


def check_files(
    paths: Sequence[Path | str],
    jobs: int = 1,
    timeout: float | None = DEFAULT_TIMEOUT_SECONDS,
    limits: Limits = DEFAULT_LIMITS,
    work: Work = convert,
) -> list[Verdict]:
    """Parse and judge each file (in worker processes, killed at ``timeout``); verdicts in path order."""
    names = [str(p) for p in paths]
    verdicts: dict[str, Verdict] = {}
    try:
        for outcome in run_local(names, jobs, timeout, limits, work):
            try:
                verdicts[outcome.path] = judge_outcome(outcome)
            except Exception as exc:  # ours, not the file's: this file's error, the others go on
                verdicts[outcome.path] = _internal_verdict(outcome.path, "judging its result", exc, outcome.seconds)
    except Exception as exc:  # the runner itself failed: the files it did not finish say so
        for n in names:
            verdicts.setdefault(n, _internal_verdict(n, "running the check", exc))
    return [verdicts.get(n) or _internal_verdict(n, "running the check", RuntimeError("no result came back"))
            for n in names]


def _internal_verdict(file: str, stage: str, exc: BaseException, seconds: float = 0.0) -> Verdict:
    detail = " ".join(f"{type(exc).__name__}: {exc}".split())
    finding = CheckFinding(file, SEVERITY_ERROR, INTERNAL_ERROR_CODE, f"internal error while {stage} ({detail})")
    return Verdict(file=file, findings=[finding], seconds=seconds)


def exit_code(verdicts: Iterable[Verdict], strict: bool = False) -> int:
    """0 when nothing fails, 1 when a file has an error (or, under ``strict``, a warning)."""
    return 1 if any(v.fails(strict) for v in verdicts) else 0


# -- renderings ---------------------------------------------------------------------------


def render_text(verdicts: Sequence[Verdict], strict: bool = False) -> str:
    lines = []
    for v in verdicts:
        if not v.findings:
            lines.append(f"{v.file}: ok")
        for f in v.findings:
            where = f" ({f.path})" if f.path else ""
            lines.append(f"{v.file}: {f.severity}: {f.code}: {f.message}{where}")
    errors = sum(bool(v.errors) for v in verdicts)
    warned = sum(bool(v.warnings) and not v.errors for v in verdicts)
    clean = len(verdicts) - errors - warned
    lines.append(
        f"{len(verdicts)} file{'s' if len(verdicts) != 1 else ''}: {clean} ok, {warned} with warnings, "
        f"{errors} with errors{' (strict: warnings fail)' if strict else ''}"
    )
    return "\n".join(lines) + "\n"


def render_json(verdicts: Sequence[Verdict], strict: bool = False) -> str:
    findings = [f.to_dict() for v in verdicts for f in v.findings]
    return json.dumps(findings, ensure_ascii=False, indent=2) + "\n"


def render_junit(verdicts: Sequence[Verdict], strict: bool = False) -> str:
    failures = sum(v.fails(strict) for v in verdicts)
    total_time = f"{sum(v.seconds for v in verdicts):.3f}"
    attrs = {"name": JUNIT_SUITE, "tests": str(len(verdicts)), "failures": str(failures), "errors": "0", "time": total_time}
    root = ET.Element("testsuites", attrs)
    suite = ET.SubElement(root, "testsuite", {**attrs, "skipped": "0"})
    for v in verdicts:
        case = ET.SubElement(
            suite, "testcase", {"classname": JUNIT_CLASSNAME, "name": v.file, "file": v.file, "time": f"{v.seconds:.3f}"}
        )
        failing = v.errors + (v.warnings if strict else [])
        if failing:
            first = failing[0]
            failure = ET.SubElement(case, "failure", {"type": first.code, "message": f"{first.code}: {first.message}"})
            failure.text = "\n".join(_finding_line(f) for f in failing)
        rest = [f for f in v.findings if f not in failing]
        if rest:
            ET.SubElement(case, "system-out").text = "\n".join(_finding_line(f) for f in rest)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _finding_line(f: CheckFinding) -> str:
    where = f" ({f.path})" if f.path else ""
    return f"{f.severity}: {f.code}: {f.message}{where}"


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(verdicts: Sequence[Verdict], strict: bool = False) -> str:
    """GitHub Actions workflow commands; under ``strict`` warnings are annotated as errors."""
    lines = []
    for v in verdicts:
        for f in v.findings:
            level = "error" if f.severity == SEVERITY_ERROR or strict else "warning"
            where = f" ({f.path})" if f.path else ""
            lines.append(f"::{level} file={_gh_property(v.file)},title={_gh_property('extractor ' + f.code)}::{_gh_data(f.message + where)}")
    return "\n".join(lines) + ("\n" if lines else "")


RENDERERS = {"text": render_text, "json": render_json, "junit": render_junit, "github": render_github}


def render(verdicts: Sequence[Verdict], fmt: str = "text", strict: bool = False) -> str:
    """The verdicts in one of FORMATS."""
    return RENDERERS[fmt](verdicts, strict)
