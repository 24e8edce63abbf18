"""Consistency checks: warnings for a careful reader, never dropped data.

Each finding has a stable code declared in ``extractor.problems`` with its
message template and a one-line description, so that a validation report
is data, not prose.
"""

from __future__ import annotations

from decimal import Decimal

from . import problems
from .i18n import _
from .models import Finding, FundingKind, FundingRow, Report
from .settings import DEFAULT_CHECKS, CheckSettings

#: code -> description of every report warning (what the finding means for a reader); declared in
#: ``extractor.problems``, here for the writers and docs that list them
CATALOG: dict[str, str] = {p.code: p.description for p in problems.PROBLEMS.values() if p.severity == problems.WARNING}



def _decimals(raw: str | None) -> int:
    if not raw:
        return 0
    text = raw.replace("%", "").strip()
    for sep in (",", "."):
        if sep in text:
            return len(text.rsplit(sep, 1)[1].strip())
    return 0


def _fmt(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def check_percent(row: FundingRow, path: str, settings: CheckSettings = DEFAULT_CHECKS) -> Finding | None:
    """Percent against actual / planned, for the totals and each year's plan with an actual."""
    if row.percent is None:
        return None
    label = _("Measure {number}").format(number=row.number) if row.number else (row.measure or _("Row"))
    if row.planned is None and row.actual is None:
        return problems.PERCENT_VS_AMOUNTS.finding(path, detail=_(
            "{label} reports {percent} % executed but prints no planned or actual amount.").format(
            label=label, percent=_fmt(row.percent)))
    if row.actual is None or row.planned is None:
        return None
    bases = [] if _planned_spans_more_years(row) else [row.planned]
    with_actual = [b for b in row.breakdown if b.actual is not None and b.planned is not None]
    if with_actual:
        bases.append(sum((b.planned for b in with_actual), Decimal(0)))
    tolerance = Decimal(5) / (Decimal(10) ** (_decimals(row.raw.get("percent")) + 1)) + settings.percent_slack
    computed = []
    for base in bases:
        if base == 0:
            continue
        value = row.actual / base * 100
        computed.append((base, value))
        if abs(value - row.percent) <= tolerance:
            return None
    if not computed:
        return None
    base, value = computed[0]
    return problems.PERCENT_VS_AMOUNTS.finding(path, detail=_(
        "{label} reports {percent} % executed, but {actual} of {planned} is {computed} %.").format(
        label=label, percent=_fmt(row.percent), actual=_fmt(row.actual), planned=_fmt(base),
        computed=f"{value:.1f}"))


def _planned_spans_more_years(row: FundingRow) -> bool:
    """Planned is summed over more years than actual has values for: never a base of a percent."""
    if "planned" not in row.derived:
        return False
    planned = {b.year for b in row.breakdown if b.planned is not None and b.year is not None}
    actual = {b.year for b in row.breakdown if b.actual is not None and b.year is not None}
    return bool(actual) and actual < planned


def check_breakdown(row: FundingRow, path: str, settings: CheckSettings = DEFAULT_CHECKS) -> list[Finding]:
    out = []
    for name in ("planned", "actual"):
        total = getattr(row, name)
        if name not in row.raw or total is None:
            continue  # no printed total: the total is the computed sum
        parts = [getattr(b, name) for b in row.breakdown]
        present = [p for p in parts if p is not None]
        if not present:
            continue
        s = sum(present, Decimal(0))
        if abs(s - total) > settings.sum_slack_per_part * len(present):
            out.append(problems.BREAKDOWN_SUM_MISMATCH.finding(path, name=name, total=_fmt(total), sum=_fmt(s)))
    return out


def check_totals(rows: list[FundingRow], settings: CheckSettings = DEFAULT_CHECKS) -> list[Finding]:
    """A total row against the measure rows above it (since the previous total)."""
    out = []
    start = 0
    for i, row in enumerate(rows):
        if row.kind != FundingKind.total:
            continue
        block = [r for r in rows[start:i] if r.kind == FundingKind.measure]
        start = i + 1
        for name in ("planned", "actual"):
            total = getattr(row, name)
            values = [getattr(r, name) for r in block if getattr(r, name) is not None]
            if total is None or not values:
                continue
            s = sum(values, Decimal(0))
            if abs(s - total) > settings.sum_slack_per_part * len(values):
                out.append(problems.TOTAL_SUM_MISMATCH.finding(f"funding[{i}]", name=name, total=_fmt(total),
                                                               sum=_fmt(s)))
    return out


def run_checks(report: Report, layouts_found: set[str], settings: CheckSettings = DEFAULT_CHECKS) -> list[Finding]:
    out: list[Finding] = []
    if "funding" not in layouts_found:
        out.append(problems.TABLE_NOT_FOUND.finding("funding", table=_("funding")))
    if "indicators" not in layouts_found:
        out.append(problems.TABLE_NOT_FOUND.finding("indicators", table=_("indicator")))
    for i, row in enumerate(report.funding):
        path = f"funding[{i}]"
        finding = check_percent(row, path, settings)
        if finding:
            out.append(finding)
        out.extend(check_breakdown(row, path, settings))
    out.extend(check_totals(report.funding, settings))
    return out
