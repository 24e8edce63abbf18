"""OCR provenance on extracted rows, and the warnings that point at doubtful values.

A table cell read by OCR from a scanned page carries its confidence
(``Cell.ocr``). After the rows are extracted, ``attach_ocr`` gives every row
that came from such cells a ``location.ocr``: the lowest confidence of the
cells of its table row (merged cells included) and, for each printed value
in ``raw``, the confidence of the cell it was read from (found by its text,
or by one line of it for a stacked cell, in column order).

``ocr_findings`` then names, in ``ocr-low-confidence`` warnings:

* every value read with less than ``OcrSettings.low_confidence``;
* every value OCR could not read as a number (null, its text in ``raw``);
* every row read by OCR that fails a cross-check (``percent-vs-amounts``,
  ``breakdown-sum-mismatch``, ``total-sum-mismatch``): one of its numbers
  may be misread, so they are all named with their confidences;
* every number printed with another count of decimals than the others of
  its kind in its table (funding: the amounts, the percents; indicators:
  the values of one unit) when
  at least ``OcrSettings.decimals_majority`` of the column's (at least
  ``decimals_min_values``) numbers agree: a scan loses a decimal comma
  ("98,1" read as "981") more easily than any other character, and two
  readers lose it alike.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import regex

from ..document import Cell, Document
from ..i18n import _
from ..models import Finding, FundingRow, IndicatorRow, OcrReading, Report
from ..normalize.numbers import is_no_value, try_number
from ..problems import BREAKDOWN_SUM_MISMATCH, OCR_LOW_CONFIDENCE, PERCENT_VS_AMOUNTS, TOTAL_SUM_MISMATCH
from ..provenance import prints, rows_with_cells
from ..readers.ocr.settings import OcrSettings

#: cross-check findings that make the OCR reading of their row doubtful
CROSS_CHECKS = (PERCENT_VS_AMOUNTS.code, BREAKDOWN_SUM_MISMATCH.code, TOTAL_SUM_MISMATCH.code)
_DECIMALS = regex.compile(r"[,.](\d*)\s*%?\s*$")


def reading(cells: list[Cell], raw: dict[str, str]) -> OcrReading | None:
    """The OCR reading of a row read from these cells; None when no cell was read by OCR.

    ``raw`` lists the printed values in column order, as extraction reads
    them; each is matched to the next cell (left to right) that holds its
    text, so that two cells printing the same number ("296,4" planned and
    "296,4" from the city budget) keep their own confidences. A value found
    out of that order takes the lowest confidence of the cells holding it.
    """
    confidences = [c.ocr for c in cells if c.ocr is not None]
    if not confidences:
        return None
    ordered = sorted(cells, key=lambda c: c.col)
    values = {}
    at = 0
    for key, text in raw.items():
        found = next((i for i in range(at, len(ordered)) if prints(ordered[i], text, by_line=True)), None)
        if found is not None:
            at = found + 1
            if ordered[found].ocr is not None:
                values[key] = ordered[found].ocr
            continue
        anywhere = [c.ocr for c in ordered if c.ocr is not None and prints(c, text, by_line=True)]
        if anywhere:
            values[key] = min(anywhere)
    return OcrReading(confidence=min(confidences), values=values)


def attach_ocr(rows: list[FundingRow] | list[IndicatorRow], doc: Document) -> None:
    """Set ``location.ocr`` on every row read from table cells that OCR read (see the module docstring)."""
    tables = {t.index: t for t in doc.tables if any(c.ocr is not None for r in t.rows for c in r.cells)}
    for row, _, cells in rows_with_cells(rows, tables):
        row.location.ocr = reading(cells, row.raw)


def _where(row: FundingRow | IndicatorRow) -> str:
    loc = row.location
    return _("page {page}, table {table}, row {row}").format(page=loc.page, table=loc.table, row=loc.row)


def _value_findings(section: str, i: int, row: FundingRow | IndicatorRow, low: float) -> list[Finding]:
    out = []
    ocr = row.location.ocr
    for key, text in row.raw.items():
        path = f"{section}[{i}].{key}"
        numeric = try_number(text)[1]
        if not numeric and not is_no_value(text):
            out.append(OCR_LOW_CONFIDENCE.finding(path, detail=_(
                "{key} was read by OCR as {text} ({where}), which is not a number; the value is left empty: check "
                "it against the scan").format(key=key, text=repr(text), where=_where(row))))
            continue
        conf = ocr.values.get(key)
        if conf is not None and conf < low:
            out.append(OCR_LOW_CONFIDENCE.finding(path, detail=_(
                "{key} {text} was read by OCR with confidence {confidence} ({where}): check it against the "
                "scan").format(key=key, text=repr(text), confidence=f"{conf:.2f}", where=_where(row))))
    return out


def decimals(text: str) -> int:
    """How many digits a printed number has after its decimal separator ("1 250,5" → 1, "981" → 0)."""
    match = _DECIMALS.search(text)
    return len(match.group(1)) if match else 0


def _column_kind(row: FundingRow | IndicatorRow, key: str) -> str | None:
    """What a printed number counts, for comparing decimals: money or percent (funding), the unit (indicators)."""
    if isinstance(row, IndicatorRow):
        return row.unit
    return "percent" if key == "percent" else "money"


def _decimals_findings(report: Report, settings: OcrSettings) -> list[Finding]:
    columns: dict[tuple, list[tuple[str, int, str, str]]] = defaultdict(list)
    for section, rows in (("funding", report.funding), ("indicators", report.indicators)):
        for i, row in enumerate(rows):
            if row.location.ocr is None:
                continue
            for key, text in row.raw.items():
                value, numeric = try_number(text)
                if numeric and value is not None:
                    columns[(section, row.location.table, _column_kind(row, key))].append((section, i, key, text))
    out = []
    for values in columns.values():
        if len(values) < settings.decimals_min_values:
            continue
        counts = Counter(decimals(text) for _, _, _, text in values)
        usual, n = counts.most_common(1)[0]
        if n < settings.decimals_majority * len(values):
            continue
        for section, i, key, text in values:
            if decimals(text) != usual:
                out.append(OCR_LOW_CONFIDENCE.finding(f"{section}[{i}].{key}", detail=_(
                    "{key} {text} was read by OCR with {decimals} decimal(s) where the other numbers of its column "
                    "have {usual}: a decimal comma may be lost or misread; check it against the scan").format(
                    key=key, text=repr(text), decimals=decimals(text), usual=usual)))
    return out


def ocr_findings(report: Report, settings: OcrSettings) -> list[Finding]:
    """The ``ocr-low-confidence`` warnings of a report (see the module docstring)."""
    out: list[Finding] = []
    for section, rows in (("funding", report.funding), ("indicators", report.indicators)):
        for i, row in enumerate(rows):
            if row.location.ocr is not None:
                out.extend(_value_findings(section, i, row, settings.low_confidence))
    named = set()
    for finding in report.warnings:
        if finding.code not in CROSS_CHECKS or not finding.path or not finding.path.startswith("funding["):
            continue
        i = int(finding.path[len("funding["):].split("]")[0])
        row = report.funding[i]
        if row.location.ocr is None or (i, finding.code) in named:
            continue
        named.add((i, finding.code))
        values = ", ".join(
            f"{key} {text!r} ({row.location.ocr.values[key]:.2f})" if key in row.location.ocr.values else f"{key} {text!r}"
            for key, text in row.raw.items()
        )
        out.append(OCR_LOW_CONFIDENCE.finding(f"funding[{i}]", detail=_(
            "the row fails a cross-check ({code}) and its numbers were read by OCR ({where}): {values}; one of "
            "them may be misread").format(code=finding.code, where=_where(row), values=values)))
    named_values = {f.path for f in out}
    out.extend(f for f in _decimals_findings(report, settings) if f.path not in named_values)
    return out
