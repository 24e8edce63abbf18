"""Consistency checks: warnings for a careful reader, never dropped data.

Each finding has a stable code listed in ``CATALOG`` with a one-line
description, so that a validation report is data, not prose.
"""

from __future__ import annotations

from decimal import Decimal

from .models import Finding, FundingKind, FundingRow, Report

#: code -> description (what the finding means for a reader)
CATALOG: dict[str, str] = {
    "percent-vs-amounts": "The printed percent of execution does not agree with actual / planned.",
    "breakdown-sum-mismatch": "The parts of a row split by year or funding source do not add up to its printed total.",
    "total-sum-mismatch": "A total row does not equal the sum of the rows it totals.",
    "table-not-found": "An expected table (funding or indicators) was not found in the document.",
    "unknown-column": "A header column is not in the vocabulary; its values were not read.",
    "invalid-date": "A printed date does not exist in the calendar (e.g. 31.02.2019).",
    "non-numeric-amount": "An amount cell holds text instead of a number; the value is null, the text is in raw.",
    "scanned-page": "A PDF page has no text layer (probably a scan) and OCR read nothing from it (or was turned off).",
    "ocr-pages": "Pages of a scan were read by OCR; the message names them and the mean word confidence.",
    "ocr-low-confidence": "A value read by OCR is doubtful: low confidence, not a number, or its row fails a "
                          "cross-check; check it against the scan.",
    "ocr-no-rules": "A scanned page shows columns but no ruling lines; its text was kept as paragraphs.",
    "no-table-markup": "The text file shows no table structure that could be read.",
    "regrouped-table": "A table written one cell per line (a LibreOffice text export) was regrouped into rows "
    "inferred from its header and the kinds of its values; the rows are worth a check.",
    "unmapped-glyphs": "A PDF page prints glyphs without a text mapping ((cid:N)); its text may be garbled.",
    "invalid-unicode": "A PDF page maps glyphs to text that is no valid Unicode; those characters read as U+FFFD.",
    "pdf-nested-table": "A PDF table was drawn inside a cell of another; it was read as a table of its own, and the "
                        "outer cell keeps only the text outside it.",
    "pdf-last-resort": "PDF pages pdfminer cannot parse were read with PDFium alone; their text positions are "
                       "PDFium's, close to but not exactly the reference engine's.",
    "decoding": "The text file was not UTF-8; it was decoded in the encoding named.",
    "format-mismatch": "The file's name says one format, its bytes another; it was read by its bytes.",
    "text-truncated": "A very long text block was cut to a bounded length.",
    "docx-tracked-changes": "The DOCX has tracked changes; they were read as accepted.",
    "docx-alt-chunk": "The DOCX embeds other documents (altChunk) that were not read.",
    "docx-nested-table": "Tables nested in table cells were read both as cell text and as tables of their own.",
    "docx-part-skipped": "A header or footer part of the DOCX was broken and was skipped.",
    "unread-cell": "A cell of a recognised table holds a number no output field holds; the message names the "
                   "table, row, column and the text.",
    "low-coverage": "Fewer of the numbers of the recognised tables were read than the coverage setting asks "
                    "(or no table was recognised).",
}

#: percentage points always allowed on top of the printed rounding
PERCENT_SLACK = Decimal("0.1")
#: money units allowed per summed part (printed rounding)
SUM_SLACK_PER_PART = Decimal("0.05")


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


def check_percent(row: FundingRow, path: str) -> Finding | None:
    """Percent against actual / planned, for the totals and each year's plan with an actual."""
    if row.percent is None:
        return None
    label = f"Measure {row.number}" if row.number else (row.measure or "Row")
    if row.planned is None and row.actual is None:
        return Finding(code="percent-vs-amounts", path=path,
                       message=f"{label} reports {_fmt(row.percent)} % executed but prints no planned or actual amount.")
    if row.actual is None or row.planned is None:
        return None
    bases = [row.planned]
    with_actual = [b for b in row.breakdown if b.actual is not None and b.planned is not None]
    if with_actual:
        bases.append(sum((b.planned for b in with_actual), Decimal(0)))
    tolerance = Decimal(5) / (Decimal(10) ** (_decimals(row.raw.get("percent")) + 1)) + PERCENT_SLACK
    computed = []
    for base in bases:
        if base == 0:
            continue
        value = row.actual / base * 100
        computed.append(value)
        if abs(value - row.percent) <= tolerance:
            return None
    if not computed:
        return None
    return Finding(code="percent-vs-amounts", path=path,
                   message=f"{label} reports {_fmt(row.percent)} % executed, but {_fmt(row.actual)} of "
                           f"{_fmt(row.planned)} is {computed[0]:.1f} %.")


def check_breakdown(row: FundingRow, path: str) -> list[Finding]:
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
        if abs(s - total) > SUM_SLACK_PER_PART * len(present):
            out.append(Finding(code="breakdown-sum-mismatch", path=path,
                               message=f"{name} total {_fmt(total)} but its parts add up to {_fmt(s)}."))
    return out


def check_totals(rows: list[FundingRow]) -> list[Finding]:
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
            if abs(s - total) > SUM_SLACK_PER_PART * len(values):
                out.append(Finding(code="total-sum-mismatch", path=f"funding[{i}]",
                                   message=f"total {name} {_fmt(total)} but the rows above add up to {_fmt(s)}."))
    return out


def run_checks(report: Report, layouts_found: set[str]) -> list[Finding]:
    out: list[Finding] = []
    if "funding" not in layouts_found:
        out.append(Finding(code="table-not-found", path="funding", message="no funding table was found"))
    if "indicators" not in layouts_found:
        out.append(Finding(code="table-not-found", path="indicators", message="no indicator table was found"))
    for i, row in enumerate(report.funding):
        path = f"funding[{i}]"
        finding = check_percent(row, path)
        if finding:
            out.append(finding)
        out.extend(check_breakdown(row, path))
    out.extend(check_totals(report.funding))
    return out
