"""A Markdown view of one report: the same reading as the HTML view, as plain text tables.

For pasting into an article draft, a wiki or an issue: metadata, decisions,
the funding and indicator tables with the computed sums of the measure
rows, warnings under the rows they concern, and for every row where it
stands in the source (page, table, row). Cell text has its line breaks
and ``|`` escaped, so a cell never breaks the table.
"""

from __future__ import annotations

from ..i18n import _, language, using
from ..models import Report
from .view import TableView, Value, report_view


def _cell(value) -> str:
    """One line of text: line breaks as spaces, '|' escaped, '<' and '&' as entities (no HTML gets through)."""
    text = value.text or (value.raw or "") if isinstance(value, Value) else str(value or "")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return " ".join(text.split()).replace("|", "\\|")


def _columns(t: TableView) -> list[str]:
    """Column titles, each prefixed with the group above it (Markdown tables have one header row)."""
    if not t.groups:
        return list(t.columns)
    prefixes: list[str] = []
    for label, span in t.groups:
        prefixes += [label] * span
    return [f"{p}: {c}" if p else c for p, c in zip(prefixes, t.columns)]


def _table(t: TableView) -> list[str]:
    lines = ["| " + " | ".join(_cell(c) for c in _columns(t)) + " |",
             "| " + " | ".join("---:" if n else "---" for n in t.numeric) + " |"]
    width = len(t.columns)
    for row in t.rows:
        if row.kind in ("task", "group"):
            cells = [_cell(row.cells[0]), f"**{_cell(row.cells[1])}**"] + [""] * (width - 2)
        else:
            cells = [_cell(c) for c in row.cells] + [_cell(row.source) if row.source else ""]
            if row.kind in ("total", "subtotal"):
                cells = [f"**{c}**" if c else c for c in cells]
        lines.append("| " + " | ".join(cells) + " |")
        for w in row.warnings:
            lines.append("| " + " | ".join([f"⚠ `{w.code}` {_cell(w.message)}"] + [""] * (width - 1)) + " |")
    if t.footer:
        cells = [f"*{_cell(t.footer_label)}*", "", "", ""] + [_cell(c) for c in t.footer[4:]]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def markdown_view(report: Report, lang: str | None = None) -> str:
    """The report as a Markdown document (``lang`` defaults to the current language)."""
    lang = lang or language()
    with using(lang):
        view = report_view(report, None, lang)
        out = [f"# {view.title}", ""]
        out += [f"- **{k}:** {' '.join(v.split())}" for k, v in view.facts]
        out.append("")
        if view.general_warnings:
            out += [f"## {_('Warnings')}", ""]
            out += [f"- `{w.code}` {' '.join(w.message.split())}" + (f" ({w.path})" if w.path else "")
                    for w in view.general_warnings]
            out.append("")
        out += [f"## {_('Council decisions')}", ""]
        if view.decisions:
            out += [f"| {_('Date')} | {_('Number')} | {_('As printed')} |", "| --- | --- | --- |"]
            out += [f"| {d} | {_cell(n)} | {_cell(t)} |" for d, n, t in view.decisions]
        else:
            out.append(f"*{_('No decision was found.')}*")
        out.append("")
        for t, title in ((view.funding, _("Funding") + (f" ({view.unit})" if view.unit else "")),
                         (view.indicators, _("Indicators"))):
            out += [f"## {title}", ""]
            out += _table(t) if t.rows else [f"*{_('No such table was found.')}*"]
            out.append("")
        return "\n".join(out)
