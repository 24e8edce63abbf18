"""``extractor check``: parse reports and judge whether they parse cleanly (for CI).

Each file gets the status ``batch`` gives it (``extractor.status``), from the
same inputs (``extractor.inputs``): files with the same bytes are parsed once
and share a verdict. A file **fails** when its status is ``failed`` (it
cannot be read, or its output does not fit the contract) or ``no-tables``
(no funding or indicator table was found, or no row at all), or when its
coverage is below ``min_coverage`` (a ``low-coverage`` error); under
``strict`` a ``warning`` fails too; ``skipped`` (not a format extractor
reads) never fails. Each of its problems is a finding: an **error** for what
makes it fail, a **warning** for each other warning of the report, a
**notice** for what is only said (skipped, same bytes as another file).
Verdicts are rendered as text lines, a JSON list, JUnit XML or GitHub
Actions annotations.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import problems
from .i18n import _, ngettext
from .inputs import InputFile
from .limits import DEFAULT_LIMITS, DEFAULT_TIMEOUT_SECONDS, Limits
from .models import Report
from .runner import INTERNAL_ERROR_CODE, Outcome, Work, convert, describe, outcome_report, run_local
from .status import (
    FAILS_CHECK,
    LOW_COVERAGE,
    NO_DATA_CODE,
    PARSED,
    TABLE_NOT_FOUND,
    Status,
    error_status,
    report_status,
    severity_word,
    status_word,
    summary,
    coverage_problem,
    table_problems,
)

__all__ = ["CheckFinding", "Verdict", "check_files", "exit_code", "render", "NO_DATA_CODE", "TABLE_NOT_FOUND"]

SEVERITY_ERROR = "error"
SEVERITY_WARNING = "warning"
SEVERITY_NOTICE = "notice"
#: code of the notice on a file with the same bytes as another
SAME_BYTES_CODE = problems.DUPLICATE.code
FORMATS = ("text", "json", "junit", "github")
#: JUnit testsuite name and testcase classname
JUNIT_SUITE = "extractor check"
JUNIT_CLASSNAME = "extractor.check"


@dataclass
class CheckFinding:
    """One thing to say about one file."""

    file: str
    severity: str  # error, warning or notice
    code: str
    message: str
    path: str | None = None  # where in the report, e.g. funding[12]

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Verdict:
    """The status and findings of one file."""

    file: str
    findings: list[CheckFinding] = field(default_factory=list)
    seconds: float = 0.0
    status: Status = Status.OK

    @property
    def errors(self) -> list[CheckFinding]:
        return [f for f in self.findings if f.severity == SEVERITY_ERROR]

    @property
    def warnings(self) -> list[CheckFinding]:
        return [f for f in self.findings if f.severity == SEVERITY_WARNING]

    def fails(self, strict: bool = False) -> bool:
        return self.status in FAILS_CHECK or bool(self.errors) or (strict and bool(self.warnings))

    @property
    def below_coverage(self) -> bool:
        return any(f.code == LOW_COVERAGE and f.severity == SEVERITY_ERROR for f in self.findings)


def _reason(file: str, message: str) -> str:
    """An error message without the leading "file: " (the finding names the file)."""
    for prefix in (f"{file}: ", f"{Path(file).name}: "):
        if message.startswith(prefix):
            return message[len(prefix):]
    return message


def judge_report(report: Report, file: str, min_coverage: float | None = None) -> list[CheckFinding]:
    """The findings of a parsed report: its table problems and a coverage below ``min_coverage`` as errors first,
    then its other warnings."""
    problems = table_problems(report)
    findings = [CheckFinding(file, SEVERITY_ERROR, code, message, path) for code, message, path in problems
                if code != TABLE_NOT_FOUND]
    low = coverage_problem(report, min_coverage)
    if low is not None:
        findings.append(CheckFinding(file, SEVERITY_ERROR, *low))
    for w in report.warnings:
        if low is not None and w.code == LOW_COVERAGE:
            continue  # said once, as the error
        severity = SEVERITY_ERROR if w.code == TABLE_NOT_FOUND else SEVERITY_WARNING
        findings.append(CheckFinding(file, severity, w.code, w.message, w.path))
    findings.sort(key=lambda f: f.severity != SEVERITY_ERROR)  # errors first, order kept otherwise
    return findings


def judge_outcome(outcome: Outcome, min_coverage: float | None = None) -> Verdict:
    """The verdict on one file from the result of its work."""
    verdict = Verdict(file=outcome.path, seconds=outcome.seconds, status=Status(outcome.status))
    if outcome.report_json is None or verdict.status not in PARSED:
        code = outcome.error_code or problems.EXTRACTOR_ERROR.code
        if verdict.status in PARSED:  # a parsed status without a report: not a report after all
            verdict.status = error_status(code, outcome.path)
        severity = SEVERITY_NOTICE if verdict.status == Status.SKIPPED else SEVERITY_ERROR
        verdict.findings.append(CheckFinding(outcome.path, severity, code, _reason(outcome.path, outcome.error or "cannot be parsed")))
        return verdict
    report = outcome_report(outcome)  # a failure here is ours: check_files records it as an internal error
    verdict.status = report_status(report)
    verdict.findings = judge_report(report, outcome.path, min_coverage)
    return verdict


def check_files(
    paths: Sequence[InputFile | Path | str],
    jobs: int = 1,
    timeout: float | None = DEFAULT_TIMEOUT_SECONDS,
    limits: Limits = DEFAULT_LIMITS,
    work: Work = convert,
    min_coverage: float | None = None,
) -> list[Verdict]:
    """Parse and judge each file (in worker processes, killed at ``timeout``); verdicts in key order.

    ``min_coverage`` (0-1) fails a report whose coverage is below it.

    The inputs are planned as ``batch`` plans them: files with the same bytes
    are parsed once, JSON files are skipped unread.
    """
    from .batch import plan

    entries = plan(paths)
    originals = [e for e in entries if e.same_bytes_as is None]
    todo = [e.path for e in originals if e.status != Status.SKIPPED]
    verdicts: dict[str, Verdict] = {}
    for e in originals:
        if e.status == Status.SKIPPED:
            verdicts[e.path] = Verdict(e.path, [CheckFinding(e.path, SEVERITY_NOTICE, e.error_code or problems.SKIPPED.code,
                                                             _reason(e.path, e.error or ""))], status=Status.SKIPPED)
    try:
        for outcome in run_local(todo, jobs, timeout, limits, work):
            try:
                verdicts[outcome.path] = judge_outcome(outcome, min_coverage)
            except Exception as exc:  # ours, not the file's: this file's error, the others go on
                verdicts[outcome.path] = _internal_verdict(outcome.path, _("judging its result"), exc, outcome.seconds)
    except Exception as exc:  # the runner itself failed: the files it did not finish say so
        for n in todo:
            verdicts.setdefault(n, _internal_verdict(n, _("running the check"), exc))
    out = []
    for e in entries:
        source = e.same_bytes_as.path if e.same_bytes_as is not None else e.path
        verdict = verdicts.get(source) or _internal_verdict(source, _("running the check"), RuntimeError("no result came back"))
        if e.same_bytes_as is not None:
            verdict = _copy_verdict(verdict, e.path)
        out.append(verdict)
    return out


def _copy_verdict(verdict: Verdict, file: str) -> Verdict:
    """The verdict of a file with the same bytes as the one judged."""
    findings = [CheckFinding(file, f.severity, f.code, f.message, f.path) for f in verdict.findings]
    findings.append(CheckFinding(file, SEVERITY_NOTICE, SAME_BYTES_CODE, problems.DUPLICATE.message(file=verdict.file)))
    return Verdict(file=file, findings=findings, seconds=0.0, status=verdict.status)


def _internal_verdict(file: str, stage: str, exc: BaseException, seconds: float = 0.0) -> Verdict:
    finding = CheckFinding(file, SEVERITY_ERROR, INTERNAL_ERROR_CODE, problems.INTERNAL_ERROR.message(stage=stage, detail=describe(exc)))
    return Verdict(file=file, findings=[finding], seconds=seconds, status=Status.FAILED)


def exit_code(verdicts: Iterable[Verdict], strict: bool = False) -> int:
    """0 when nothing fails, 1 when a file fails (see the module docstring)."""
    return 1 if any(v.fails(strict) for v in verdicts) else 0


def summary_line(verdicts: Sequence[Verdict], strict: bool = False) -> str:
    """The same counts ``batch`` gives for the same files, and how many fall short of the coverage asked."""
    line = summary(v.status for v in verdicts)
    low = sum(v.below_coverage for v in verdicts)
    if low:
        line += "; " + ngettext("{n} below the minimum coverage", "{n} below the minimum coverage", low).format(n=low)
    return line + (" " + _("(strict: warnings fail)") if strict else "")


# -- renderings ---------------------------------------------------------------------------


def render_text(verdicts: Sequence[Verdict], strict: bool = False) -> str:
    lines = []
    for v in verdicts:
        if not v.findings:
            lines.append(f"{v.file}: {status_word(v.status)}")
        for f in v.findings:
            where = f" ({f.path})" if f.path else ""
            label = (status_word(Status.SKIPPED) if v.status == Status.SKIPPED and f.severity == SEVERITY_NOTICE
                     else severity_word(f.severity))
            lines.append(f"{v.file}: {label}: {f.code}: {f.message}{where}")
    lines.append(summary_line(verdicts, strict))
    return "\n".join(lines) + "\n"


def render_json(verdicts: Sequence[Verdict], strict: bool = False) -> str:
    """A list of findings, each with the status of its file."""
    findings = [{**f.to_dict(), "status": v.status.value} for v in verdicts for f in v.findings]
    return json.dumps(findings, ensure_ascii=False, indent=2) + "\n"


def render_junit(verdicts: Sequence[Verdict], strict: bool = False) -> str:
    failures = sum(v.fails(strict) for v in verdicts)
    skipped = sum(v.status == Status.SKIPPED for v in verdicts)
    total_time = f"{sum(v.seconds for v in verdicts):.3f}"
    attrs = {"name": JUNIT_SUITE, "tests": str(len(verdicts)), "failures": str(failures), "errors": "0", "time": total_time}
    root = ET.Element("testsuites", attrs)
    suite = ET.SubElement(root, "testsuite", {**attrs, "skipped": str(skipped)})
    for v in verdicts:
        case = ET.SubElement(
            suite, "testcase", {"classname": JUNIT_CLASSNAME, "name": v.file, "file": v.file, "time": f"{v.seconds:.3f}"}
        )
        failing = v.errors + (v.warnings if strict else []) if v.fails(strict) else []
        if failing:
            first = failing[0]
            failure = ET.SubElement(case, "failure", {"type": first.code, "message": f"{v.status.value}: {first.code}: {first.message}"})
            failure.text = "\n".join(_finding_line(f) for f in failing)
        elif v.status == Status.SKIPPED:
            first = v.findings[0] if v.findings else None
            ET.SubElement(case, "skipped", {"message": f"{first.code}: {first.message}" if first else "skipped"})
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
            if f.severity == SEVERITY_NOTICE:
                level = "notice"
            else:
                level = "error" if f.severity == SEVERITY_ERROR or strict else "warning"
            where = f" ({f.path})" if f.path else ""
            lines.append(f"::{level} file={_gh_property(v.file)},title={_gh_property('extractor ' + f.code)}::{_gh_data(f.message + where)}")
    return "\n".join(lines) + ("\n" if lines else "")


RENDERERS = {"text": render_text, "json": render_json, "junit": render_junit, "github": render_github}


def render(verdicts: Sequence[Verdict], fmt: str = "text", strict: bool = False) -> str:
    """The verdicts in one of FORMATS."""
    return RENDERERS[fmt](verdicts, strict)
