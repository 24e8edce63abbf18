"""Funding table → FundingRow list.

Rows are read top to bottom after the header. Each row is one of:

* empty (skipped);
* a total or subtotal row, told by its label ("Усього", "Разом", vocabulary);
* a task heading ("Завдання 2. …" or a numbered task with no measure and no
  amounts): it opens a task for the rows below it;
* a measure row. Its task is the task cell of the row (a merged cell, read
  through the grid), or the task carried down from the rows above when the
  cell is blank (text formats cannot show a merge). A task cell with text
  but no task number continues the open task (a merged cell cut by a page
  break).

A measure row whose amount cell stacks several values against a list of
dash-bulleted objects in its task or measure cell is split into one row per
object (``object`` set, each with its own line in ``raw``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import regex

from ..models import Breakdown, FundingKind, FundingRow
from ..problems import NON_NUMERIC_AMOUNT
from ..normalize.numbers import try_number
from ..normalize.text import clean_text, fold, normalize_item_number, strip_number_prefix, text_value
from ..normalize.years import parse_years
from .cells import GridView, nonempty_lines, row_location
from .columns import ColumnSpec, TableLayout
from .vocab import Vocabulary

_BULLET_RE = regex.compile(r"^\s*[-–—•·▪]\s*")
_SINGLE_NUMBER_RE = regex.compile(r"^\d{1,3}\.?$")
_SUBNUMBER_RE = regex.compile(r"^\d{1,3}\.\d{1,3}(?:\.\d{1,3})*\.?$")
#: a total label is the phrase plus at most this many characters ("Усього по Програмі:")
MAX_TOTAL_LABEL_EXTRA = 40


@dataclass
class _Task:
    number: str | None
    lines: list[str] = field(default_factory=list)
    head_only: str | None = None  # task text before a list of objects

    @property
    def text(self) -> str | None:
        if self.head_only is not None:
            return text_value(self.head_only)
        return text_value("\n".join(self.lines))


@dataclass
class _Pending:
    row: FundingRow
    task: _Task | None


def _money_columns(layout: TableLayout) -> list[ColumnSpec]:
    return [c for c in layout.columns if c.field in ("planned", "actual", "percent")]


def _spanning_measure_text(view: GridView, r: int, measure_col: int | None, money: list[ColumnSpec]) -> str:
    """The text of a measure cell that spans over the money columns (a heading), else ""."""
    cell = view.cell(r, measure_col)
    if cell is None or not money:
        return ""
    end = cell.col + cell.col_span
    if any(cell.col < spec.col < end for spec in money):
        return clean_text(cell.text)
    return ""


def _total_kind(label: str, vocab: Vocabulary) -> FundingKind | None:
    folded = fold(label)
    name, length = vocab.totals.starts(folded)
    if name is None or len(folded) > length + MAX_TOTAL_LABEL_EXTRA:
        return None
    return FundingKind.total if name == "total" else FundingKind.subtotal


def split_objects(text: str) -> tuple[str, list[str]]:
    """Split a cell into its head text and a list of dash-bulleted objects.

    Lines after a bullet that carry no bullet of their own continue it (a
    wrapped line). Each object loses its bullet and a final ";" or ",".
    """
    head: list[str] = []
    objects: list[list[str]] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        if _BULLET_RE.match(line) and _BULLET_RE.sub("", line).strip():
            objects.append([_BULLET_RE.sub("", line, count=1)])
        elif objects:
            objects[-1].append(line)
        else:
            head.append(line)
    cleaned = [clean_text("\n".join(o)).rstrip(";,. ").strip() for o in objects]
    return "\n".join(head), cleaned


def _value_lines(text: str) -> list[str] | None:
    """The non-empty lines of a stacked amount cell, or None when it is not a stack."""
    lines = nonempty_lines(text)
    if len(lines) < 2:
        return None
    if all(try_number(line)[1] for line in lines):
        return lines
    return None


def _stack_size(view: GridView, r: int, money: list[ColumnSpec]) -> int:
    for spec in money:
        lines = _value_lines(view.text(r, spec.col))
        if lines:
            return len(lines)
    return 1


def _fill_amounts(row: FundingRow, money: list[ColumnSpec], texts: dict[int, str]) -> list[str]:
    """Set planned/actual/percent/breakdown/raw of ``row`` from printed texts per column.

    Returns the columns whose text was not numeric (for a warning).
    """
    entries: dict[tuple[int | None, str | None], Breakdown] = {}
    order: list[tuple[int | None, str | None]] = []
    totals: dict[str, Decimal | None] = {}
    non_numeric: list[str] = []
    for spec in money:
        if spec.field in ("planned", "actual") and spec.is_split:
            key = (spec.year, spec.source)
            if key not in entries:
                entries[key] = Breakdown(year=spec.year, funding_source=spec.source)
                order.append(key)
    for spec in money:
        text = texts.get(spec.col, "")
        value, numeric = try_number(text)
        if not numeric:
            non_numeric.append(spec.header or f"column {spec.col}")
        raw = clean_text(text)
        if spec.field in ("planned", "actual") and spec.is_split:
            idx = order.index((spec.year, spec.source))
            setattr(entries[(spec.year, spec.source)], spec.field, value)
            if raw:
                row.raw[f"breakdown[{idx}].{spec.field}"] = raw
        elif spec.is_year_total:
            if raw:  # a year's printed total beside its sources: kept for checking by eye
                row.raw[f"{spec.field}[{spec.year}]"] = raw
        elif spec.field not in totals:
            totals[spec.field] = value
            if raw:
                row.raw[spec.field] = raw
    row.breakdown = [entries[k] for k in order]
    for name in ("planned", "actual"):
        if name in totals:
            setattr(row, name, totals[name])
        else:
            parts = [getattr(b, name) for b in row.breakdown if getattr(b, name) is not None]
            setattr(row, name, sum(parts, Decimal(0)) if parts else None)
            if parts:
                row.derived.append(name)  # computed, not printed
    row.percent = totals.get("percent")
    return non_numeric


def _promote_final_subtotal(pending: list[_Pending]) -> None:
    """A "Разом" row that closes the table, with no total printed, is the table's total."""
    if not pending or any(p.row.kind == FundingKind.total for p in pending):
        return
    last = pending[-1].row
    subtotals = [p for p in pending if p.row.kind == FundingKind.subtotal]
    if len(subtotals) == 1 and last.kind == FundingKind.subtotal and not regex.search(r"\d", last.measure or ""):
        last.kind = FundingKind.total


def extract_funding(layout: TableLayout, vocab: Vocabulary) -> tuple[list[FundingRow], list[tuple[int, str, str]]]:
    """Read the funding rows of a recognised funding table.

    Returns the rows and per-row problems as (row index in the list, code, message).
    """
    table = layout.table
    view = GridView.of(table)
    col = {name: (layout.first(name).col if layout.first(name) else None)
           for name in ("number", "task", "measure_number", "measure", "term", "executor")}
    money = _money_columns(layout)
    pending: list[_Pending] = []
    problems: list[tuple[int, str, str]] = []
    task: _Task | None = None

    for r in range(layout.header_rows, layout.body_end):
        if view.row_is_empty(r):
            continue
        row_meta = table.rows[r]
        location = row_location(table, r)
        number_text = view.text(r, col["number"])
        task_text = view.text(r, col["task"])
        measure_text = view.text(r, col["measure"], carry=True) if col["measure"] is not None else ""
        amount_texts = {spec.col: view.text(r, spec.col) for spec in money}
        has_amounts = any(clean_text(t) for t in amount_texts.values())

        label = next((clean_text(t) for t in (number_text, task_text, view.text(r, col["measure"]))
                      if clean_text(t)), "")
        kind = _total_kind(label, vocab) if label else None
        if kind is not None:
            row = FundingRow(kind=kind, measure=label, location=location)
            bad = _fill_amounts(row, money, amount_texts)
            pending.append(_Pending(row, None))
            for header in bad:
                problems.append((len(pending) - 1, *NON_NUMERIC_AMOUNT.note(header=repr(header))))
            continue

        # a task heading row: "Завдання 2. …", or a task with no measure and no money
        heading = vocab.task_heading.match(clean_text(label)) if label else None
        opens_task = heading or (col["measure"] is not None and (clean_text(task_text) or clean_text(number_text)))
        spanning_text = _spanning_measure_text(view, r, col["measure"], money)
        if (not spanning_text and not has_amounts and col["task"] is None and _SINGLE_NUMBER_RE.match(clean_text(number_text))
                and not clean_text(view.text(r, col["term"])) and not clean_text(view.text(r, col["executor"]))
                and strip_number_prefix(measure_text)[0] is None):
            spanning_text = clean_text(measure_text)  # "2." | a text and nothing else: a task heading
        if not has_amounts and spanning_text and clean_text(number_text) and col["task"] is None:
            # "1." | a text spanning the measure and money columns: a task heading
            task = _Task(normalize_item_number(strip_number_prefix(number_text)[0] or number_text), [spanning_text])
            continue
        if not has_amounts and not clean_text(view.text(r, col["measure"])) and opens_task:
            if heading:
                task = _Task(normalize_item_number(heading.group(1)), [heading.group(2)])
            else:
                num, rest = strip_number_prefix(number_text if clean_text(number_text) else task_text)
                if clean_text(number_text) and clean_text(task_text):
                    rest = (rest + "\n" + task_text) if clean_text(rest) else task_text
                task = _Task(normalize_item_number(num) if num else None, [rest] if clean_text(rest) else [])
            continue

        # a multi-level number ("1.1") in the number column is the measure's own number
        own_number = None
        if _SUBNUMBER_RE.match(clean_text(number_text)) and not clean_text(task_text):
            own_number, number_text = normalize_item_number(number_text), ""
            if task is None:
                task = _Task(own_number.split(".")[0])

        if col["task"] is None and col["measure_number"] is None and clean_text(number_text) and not own_number:
            # no task column: the number column numbers the measures; tasks come from heading rows only
            num = normalize_item_number(strip_number_prefix(number_text)[0] or number_text)
            if task is None or num != task.number:
                own_number = num
            number_text = ""

        # the task this row belongs to
        if col["number"] is not None and clean_text(number_text):
            num = normalize_item_number(strip_number_prefix(number_text)[0] or number_text)
            if not (task is not None and num == task.number and not clean_text(task_text)):
                # (the number of the task a heading row opened is this row's own number)
                task = _Task(num, [task_text] if clean_text(task_text) else [])
        elif clean_text(task_text):
            num, rest = strip_number_prefix(task_text)
            if num is not None:
                task = _Task(normalize_item_number(num), [rest])
            elif task is not None and col["number"] is not None:
                task.lines.append(task_text)  # a merged task cell cut by a page break
            else:
                task = _Task(None, [task_text])

        number, measure_rest = strip_number_prefix(measure_text)
        printed_number = normalize_item_number(view.text(r, col["measure_number"])) if col["measure_number"] is not None else None
        number = printed_number or (normalize_item_number(number) if number else None) or own_number or (
            task.number if task else None)
        term = text_value(view.text(r, col["term"], carry=True))
        executor = text_value(view.text(r, col["executor"], carry=True))

        k = _stack_size(view, r, money)
        objects: list[str] = []
        if k > 1:
            for source in ("task", "measure"):
                text = task_text if source == "task" else measure_text
                head, found = split_objects(text)
                if len(found) == k:
                    objects = found
                    if source == "task" and task is not None:
                        task.head_only = head
                    else:
                        measure_rest = strip_number_prefix(head)[1]
                    break
        measure = text_value(measure_rest)

        if not objects:
            row = FundingRow(kind=FundingKind.measure, number=number, measure=measure, term=term,
                             years=parse_years(term), executor=executor, location=location)
            bad = _fill_amounts(row, money, amount_texts)
            pending.append(_Pending(row, task))
            for header in bad:
                problems.append((len(pending) - 1, *NON_NUMERIC_AMOUNT.note(header=repr(header))))
            continue

        stacks = {c: nonempty_lines(t) for c, t in amount_texts.items()}
        for i, obj in enumerate(objects):
            texts = {}
            for c, lines in stacks.items():
                if len(lines) == len(objects):
                    texts[c] = lines[i]
                elif i == 0:
                    texts[c] = "\n".join(lines)
            row = FundingRow(kind=FundingKind.measure, number=number, measure=measure, object=obj, term=term,
                             years=parse_years(term), executor=executor, location=location)
            bad = _fill_amounts(row, money, texts)
            pending.append(_Pending(row, task))
            for header in bad:
                problems.append((len(pending) - 1, *NON_NUMERIC_AMOUNT.note(header=repr(header))))

    _promote_final_subtotal(pending)
    rows = []
    for p in pending:
        if p.task is not None and p.row.kind == FundingKind.measure:
            p.row.task_number = p.task.number
            p.row.task = p.task.text
        rows.append(p.row)
    return rows, problems
