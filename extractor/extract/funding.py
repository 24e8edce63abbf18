"""Funding table → FundingRow list.

Rows are read top to bottom after the header. Each row is classified by
small predicates, one per case, in this order:

* empty (skipped);
* a total or subtotal row, told by its label ("Усього", "Разом", vocabulary);
* a task heading: a label with a task-heading word ("Завдання 2. …"), a
  numbered text spanning the measure and money columns, a bare number with
  only a text beside it, or a numbered task with no measure and no amounts;
  it opens a task for the rows below it;
* a measure row, read by ``_read_measure``. Its task is the task cell of the
  row (a merged cell, read through the grid), or the task carried down from
  the rows above when the cell is blank (text formats cannot show a merge). A
  task cell with text but no task number continues the open task (a merged
  cell cut by a page break).

A measure row whose amount cell stacks several values against a list of
dash-bulleted objects in its task or measure cell is split into one row per
object (``object`` set, each with its own line in ``raw``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import regex

from ..i18n import _
from ..models import Breakdown, FundingKind, FundingRow
from ..problems import INFERRED_TOTAL, NON_NUMERIC_AMOUNT, NOT_COMPARABLE
from ..normalize.numbers import try_number
from ..normalize.text import clean_text, fold, normalize_item_number, strip_number_prefix, text_value
from ..normalize.years import parse_years
from ..readers.common.tokens import ROMAN, is_bullet_line, item_depth, strip_bullet
from ..settings import DEFAULT_EXTRACT, ExtractSettings
from .cells import GridView, nonempty_lines, row_location
from .columns import ColumnSpec, TableLayout
from .vocab import Vocabulary

#: a heading row's label word the vocabulary lacks, then the task number: "Ціль 2. …", "Пріоритет №3: …"
_LABELLED_NUMBER_RE = regex.compile(r"^\p{L}{3,}\s*(?:№\s*)?(\d{1,3}(?:\.\d{1,3})*)\s*[.:)]\s*(\S.*)$", regex.S)
#: a Roman numeral standing alone, its period optional ("ІІ.", "IV")
_ROMAN_NUMBER_RE = regex.compile(rf"{ROMAN}\.?")
#: the text columns a funding row may have
TEXT_COLUMNS = ("number", "task", "measure_number", "measure", "term", "executor")


@dataclass(frozen=True)
class FundingSettings:
    """Thresholds of reading a funding table."""

    #: money units a sum may differ by per summed row (printed rounding), as the checks allow
    sum_slack_per_row: Decimal = Decimal("0.05")
    #: an unlabelled last row is the total when its amount is within this share of the rows' sum above it
    closing_total_share: Decimal = Decimal("0.1")
    #: at least this many measure rows above a row whose amounts are their sum
    min_summed_rows: int = 2

    def __post_init__(self) -> None:
        if self.sum_slack_per_row < 0 or not 0 <= self.closing_total_share < 1 or self.min_summed_rows < 1:
            raise ValueError("sum_slack_per_row >= 0, closing_total_share in [0, 1), min_summed_rows >= 1")


DEFAULT_FUNDING = FundingSettings()

Problem = tuple[int, str, str]


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


@dataclass(slots=True)
class RowView:
    """What one table row shows, column by column (texts as printed)."""

    view: GridView
    r: int
    col: dict[str, int | None]
    number: str
    task: str
    #: the measure cell, carried down a vertical merge
    measure: str
    #: the measure cell only where it starts in this row
    measure_own: str
    amounts: dict[int, str]
    #: the text of a measure cell spanning over the money columns ("" when none)
    spanning: str
    #: some amount cell holds text
    has_amounts: bool
    #: the first text of the row: number, task or measure cell
    label: str

    @property
    def term(self) -> str:
        """The term cell where it starts in this row (read when a rule asks)."""
        return self.view.text(self.r, self.col["term"])

    @property
    def executor(self) -> str:
        return self.view.text(self.r, self.col["executor"])


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


def row_view(view: GridView, r: int, col: dict[str, int | None], money: list[ColumnSpec]) -> RowView:
    measure_col = col["measure"]
    number, task, measure_own = view.text(r, col["number"]), view.text(r, col["task"]), view.text(r, measure_col)
    amounts = {spec.col: view.text(r, spec.col) for spec in money}
    return RowView(
        view=view,
        r=r,
        col=col,
        number=number,
        task=task,
        measure=view.text(r, measure_col, carry=True) if measure_col is not None else "",
        measure_own=measure_own,
        amounts=amounts,
        spanning=_spanning_measure_text(view, r, measure_col, money),
        has_amounts=any(clean_text(t) for t in amounts.values()),
        label=next((clean_text(t) for t in (number, task, measure_own) if clean_text(t)), ""),
    )


# -- row classifiers: one predicate per case ----------------------------------------------


def total_kind(label: str, vocab: Vocabulary, settings: ExtractSettings = DEFAULT_EXTRACT) -> FundingKind | None:
    """total / subtotal when the label is a total label of the vocabulary ("Усього по Програмі:"), followed by at
    most ``settings.max_total_label_extra`` characters."""
    folded = fold(label)
    if not folded:
        return None
    name, length = vocab.totals.starts(folded)
    if name is None or len(folded) > length + settings.max_total_label_extra:
        return None
    return FundingKind.total if name == "total" else FundingKind.subtotal


def is_spanning_task_heading(row: RowView) -> bool:
    """"1." | a text spanning the measure and money columns, no amounts, no task column."""
    return (row.col["task"] is None and not row.has_amounts and bool(row.spanning)
            and bool(clean_text(row.number)))


def numbers_a_section(number: str) -> bool:
    """The number column of a task heading row: one level ("2.", "2") or a Roman numeral ("ІІ.", "IV"), never
    a measure's nested number ("2.1"). Roman numerals number sections, so a row they open heads a task."""
    return item_depth(number) == 1 or _ROMAN_NUMBER_RE.fullmatch(number) is not None


def is_bare_numbered_heading(row: RowView) -> bool:
    """"2." or "ІІ." | a text and nothing else (no term, executor, amounts; the text has no number of its own)."""
    return (row.col["task"] is None and not row.spanning and not row.has_amounts
            and numbers_a_section(clean_text(row.number))
            and not clean_text(row.term) and not clean_text(row.executor)
            and strip_number_prefix(row.measure)[0] is None and bool(clean_text(row.measure)))


def is_task_heading_row(row: RowView, vocab: Vocabulary) -> bool:
    """No amounts and no measure text, and either a task-heading label ("Завдання 2. …") or a task or number."""
    if row.has_amounts or clean_text(row.measure_own):
        return False
    if row.label and vocab.task_heading.match(row.label):
        return True
    return row.col["measure"] is not None and bool(clean_text(row.task) or clean_text(row.number))


def task_cell_label(text: str) -> tuple[str | None, str]:
    """A task cell split into its printed number and its text: "2. Ремонт доріг" → ("2", "Ремонт доріг")."""
    if not clean_text(text):
        return None, ""
    num, rest = strip_number_prefix(text)
    if num is None:
        return None, text
    return normalize_item_number(num), rest


def _opens_with_number_of(task_text: str, number: str) -> bool:
    """The task cell opens with the task number of a measure number ("2. Ремонт" for "2.1")."""
    cell_num = task_cell_label(task_text)[0]
    return cell_num is not None and number.startswith(cell_num + ".")


def heading_task(row: RowView, vocab: Vocabulary) -> _Task:
    """The task a heading row opens."""
    if is_spanning_task_heading(row) or is_bare_numbered_heading(row):
        text = row.spanning or clean_text(row.measure)
        return _Task(normalize_item_number(strip_number_prefix(row.number)[0] or row.number), [text])
    heading = vocab.task_heading.match(row.label) if row.label else None
    if heading is None and row.label and not clean_text(row.task):
        heading = _LABELLED_NUMBER_RE.match(row.label)  # a heading row whose label word the vocabulary lacks
    if heading:
        return _Task(normalize_item_number(heading.group(1)), [heading.group(2)])
    num, rest = strip_number_prefix(row.number if clean_text(row.number) else row.task)
    if clean_text(row.number) and clean_text(row.task):
        cell_num, cell_text = task_cell_label(row.task)
        task_text = cell_text if cell_num is not None and cell_num == normalize_item_number(num or row.number) else row.task
        rest = (rest + "\n" + task_text) if clean_text(rest) else task_text
    return _Task(normalize_item_number(num) if num else None, [rest] if clean_text(rest) else [])


def is_heading(row: RowView, vocab: Vocabulary) -> bool:
    return is_spanning_task_heading(row) or is_bare_numbered_heading(row) or is_task_heading_row(row, vocab)


def may_be_sum_row(row: RowView) -> bool:
    """Amounts, but no item number, term or executor: a row that may print a sum under an unknown label."""
    if not row.has_amounts or row.term.strip() or row.executor.strip():
        return False
    return all(strip_number_prefix(text)[0] is None for text in (row.number, row.task, row.measure_own))


@dataclass(frozen=True)
class Block:
    """The measure rows a sum row may total: their count, and per amount field its sum and how many print it."""

    rows: int
    sums: dict[str, Decimal]
    counts: dict[str, int]
    tasks: int


@dataclass
class RunningSums:
    """Prefix sums of the measure rows read so far, so that any run of them is summed at once."""

    #: after each measure row: (planned sum, planned count, actual sum, actual count, task runs)
    prefix: list[tuple[Decimal, int, Decimal, int, int]] = field(
        default_factory=lambda: [(Decimal(0), 0, Decimal(0), 0, 0)])
    last_task: object = None
    #: where the run of the last task's rows starts
    task_start: int = 0

    def add(self, row: FundingRow, task: object) -> None:
        """Add a measure row of ``task`` (any value; equal values are one task: a task cell repeated on every row)."""
        ps, pn, as_, an, runs = self.prefix[-1]
        if row.planned is not None:
            ps, pn = ps + row.planned, pn + 1
        if row.actual is not None:
            as_, an = as_ + row.actual, an + 1
        if len(self.prefix) == 1 or task != self.last_task:
            runs += 1
            self.task_start = len(self.prefix) - 1
        self.last_task = task
        self.prefix.append((ps, pn, as_, an, runs))

    @property
    def mark(self) -> int:
        return len(self.prefix) - 1

    def since(self, start: int) -> Block:
        a, b = self.prefix[start], self.prefix[-1]
        return Block(rows=len(self.prefix) - 1 - start, sums={"planned": b[0] - a[0], "actual": b[2] - a[2]},
                     counts={"planned": b[1] - a[1], "actual": b[3] - a[3]}, tasks=b[4] - a[4])


def sums_rows(row: FundingRow, block: Block, settings: FundingSettings = DEFAULT_FUNDING, min_rows: int | None = None) -> bool:
    """The row's planned and actual (those it prints) equal the block's sums, and at least one of them sums
    ``min_rows`` (default: the settings') printed amounts or more.

    An amount that fewer rows print must still equal their sum (a subtotal's actual under a task where one
    measure alone was paid).
    """
    enough = False
    least = settings.min_summed_rows if min_rows is None else min_rows
    for name in ("planned", "actual"):
        total = getattr(row, name)
        if total is None:
            continue
        n = block.counts[name]
        if n == 0 or abs(block.sums[name] - total) > settings.sum_slack_per_row * n:
            return False
        enough = enough or n >= least
    return enough


def _first_word(label: str) -> str:
    words = fold(label).split()
    return words[0] if words else ""


def closes_with_total(row: FundingRow, block: Block, settings: FundingSettings = DEFAULT_FUNDING) -> bool:
    """The table's last row prints a planned amount near the sum of the rows above (a total that may not add up)."""
    total = block.sums["planned"]
    if row.planned is None or block.counts["planned"] < settings.min_summed_rows:
        return False
    return total > 0 and abs(row.planned - total) <= total * settings.closing_total_share


# -- amounts -------------------------------------------------------------------------------


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
        if is_bullet_line(line, spaced=False):
            objects.append([strip_bullet(line)])
        elif objects:
            objects[-1].append(line)
        else:
            head.append(line)
    cleaned = [clean_text("\n".join(o)).rstrip(";,. ").strip() for o in objects]
    return "\n".join(head), cleaned


def _value_lines(text: str) -> list[str] | None:
    """The non-empty lines of a stacked amount cell, or None when it is not a stack."""
    if "\n" not in text:
        return None  # one line: the common case, decided without splitting
    lines = nonempty_lines(text)
    if len(lines) < 2:
        return None
    if all(try_number(line)[1] for line in lines):
        return lines
    return None


def _stack_size(amounts: dict[int, str], money: list[ColumnSpec]) -> int:
    for spec in money:
        lines = _value_lines(amounts.get(spec.col, ""))
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
            key = f"breakdown[{idx}].{spec.field}"
        elif spec.is_year_total:  # a year's printed total beside its sources: kept for checking by eye
            key = f"{spec.field}[{spec.year}]"
        elif spec.field not in totals:
            totals[spec.field] = value
            key = spec.field
        else:
            continue
        if raw:
            row.raw[key] = raw
            row.location.read_from(key, spec.col)
    row.breakdown = [entries[k] for k in order]
    for name in ("planned", "actual"):
        if name in totals:
            setattr(row, name, totals[name])
        else:
            parts = [getattr(b, name) for b in row.breakdown if getattr(b, name) is not None]
            setattr(row, name, sum(parts, Decimal(0)) if parts else None)
            columns = sum(1 for spec in money if spec.field == name and spec.is_split)
            if parts and columns > 1:
                row.derived.append(name)  # computed from several columns, not printed (one column is printed)
    row.percent = totals.get("percent")
    return non_numeric


def years_of(money: list[ColumnSpec], name: str) -> frozenset[int]:
    """The years the ``name`` columns split by."""
    return frozenset(s.year for s in money if s.field == name and s.year is not None and not s.is_year_total)


def not_comparable(row: FundingRow, planned_years: frozenset[int], actual_years: frozenset[int]) -> tuple[str, str] | None:
    """The years of planned and of actual (as text) when the two are not comparable, or None.

    They are not when planned is the sum of several years' columns and the
    actual columns cover only some of those years ("Обсяг фінансування" for
    2021, 2022, 2023 beside "Фактично профінансовано" for 2022).
    """
    if ("planned" not in row.derived or row.planned is None or row.actual is None or len(planned_years) < 2
            or not actual_years or not actual_years < planned_years):
        return None
    return ", ".join(str(y) for y in sorted(planned_years)), ", ".join(str(y) for y in sorted(actual_years))


def _promote_final_subtotal(pending: list[_Pending]) -> None:
    """A "Разом" row that closes the table, with no total printed, is the table's total."""
    if not pending or any(p.row.kind == FundingKind.total for p in pending):
        return
    last = pending[-1].row
    subtotals = [p for p in pending if p.row.kind == FundingKind.subtotal]
    if len(subtotals) == 1 and last.kind == FundingKind.subtotal and not regex.search(r"\d", last.measure or ""):
        last.kind = FundingKind.total


# -- the reader ----------------------------------------------------------------------------


@dataclass
class _Reader:
    """The state of reading one funding table: rows so far, their problems, the open task."""

    layout: TableLayout
    vocab: Vocabulary
    view: GridView
    col: dict[str, int | None]
    money: list[ColumnSpec]
    settings: FundingSettings = DEFAULT_FUNDING
    extract: ExtractSettings = DEFAULT_EXTRACT
    pending: list[_Pending] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    task: _Task | None = None
    #: the last row holding text (a total's place)
    last_row: int = -1
    #: the measure rows read, and where the runs since the last total and since the last total or subtotal start
    sums: RunningSums = field(default_factory=RunningSums)
    total_start: int = 0
    subtotal_start: int = 0
    #: the first words of the sum rows' labels so far ("підсумок"): a row opening the same way sums even one row
    sum_label_words: set[str] = field(default_factory=set)
    #: the years the planned and the actual columns split by
    planned_years: frozenset[int] = frozenset()
    actual_years: frozenset[int] = frozenset()

    def add(self, row: FundingRow, task: _Task | None, texts: dict[int, str]) -> None:
        if row.kind is not FundingKind.measure and row.measure:
            self.sum_label_words.add(_first_word(row.measure))
        """Fill the row's amounts from ``texts``, keep it, and name every non-numeric amount cell."""
        bad = _fill_amounts(row, self.money, texts)
        self.pending.append(_Pending(row, task))
        if row.kind is FundingKind.measure:
            self.sums.add(row, (task.number, task.text) if task is not None else None)
        else:
            self.subtotal_start = self.sums.mark
            if row.kind is FundingKind.total:
                self.total_start = self.sums.mark
        for header in bad:
            self.problems.append((len(self.pending) - 1, *NON_NUMERIC_AMOUNT.note(header=repr(header))))
        problem = "planned" in row.derived and not_comparable(row, self.planned_years, self.actual_years)
        if problem:
            self.problems.append((len(self.pending) - 1, *NOT_COMPARABLE.note(planned=problem[0], actual=problem[1])))

    def read_row(self, r: int) -> None:
        if self.view.row_is_empty(r):
            return
        row = row_view(self.view, r, self.col, self.money)
        kind = total_kind(row.label, self.vocab, self.extract)
        if kind is FundingKind.subtotal and not regex.search(r"\d", row.label) and self.sums_every_task(row):
            kind = FundingKind.total  # "Разом" (naming no task) under several tasks, summing them all
        if kind is not None:
            self.add(FundingRow(kind=kind, measure=row.label, location=row_location(self.layout.table, r)),
                     None, row.amounts)
        elif is_heading(row, self.vocab):
            self.task = heading_task(row, self.vocab)
        elif not (may_be_sum_row(row) and self.read_inferred_total(row)):
            self.read_measure(row)

    def sums_every_task(self, row: RowView) -> bool:
        """The row's amounts equal the sum of the measure rows of more than one task since the last total."""
        block = self.sums.since(self.total_start)
        if block.tasks < 2:
            return False
        candidate = FundingRow(kind=FundingKind.total)
        _fill_amounts(candidate, self.money, row.amounts)
        return sums_rows(candidate, block, self.settings)

    def read_inferred_total(self, row: RowView) -> bool:
        """A row whose label the vocabulary lacks, read as a total or subtotal by its amounts or place."""
        candidate = FundingRow(kind=FundingKind.total, measure=text_value(row.label),
                               location=row_location(self.layout.table, row.r))
        _fill_amounts(candidate, self.money, row.amounts)
        block = self.sums.since(self.total_start)
        # a subtotal sums its task's rows: the rows since the last sum row and since the task began
        task_block = self.sums.since(max(self.subtotal_start, self.sums.task_start))
        last = row.r == self.last_row
        if sums_rows(candidate, block, self.settings) and (last or block.tasks > 1):
            kind, why = FundingKind.total, _("its amounts equal the sum of the {n} measure rows above").format(n=block.rows)
        elif sums_rows(candidate, task_block, self.settings):
            kind, why = FundingKind.subtotal, _("its amounts equal the sum of the {n} measure rows above").format(n=task_block.rows)
        elif _first_word(row.label) in self.sum_label_words and sums_rows(candidate, task_block, self.settings, 1):
            kind, why = FundingKind.subtotal, _("its label opens like the sum rows above it and its amounts equal "
                                                "the {n} measure row(s) above").format(n=task_block.rows)
        elif not row.label and not clean_text(row.measure) and sums_rows(candidate, task_block, self.settings, 1):
            kind, why = FundingKind.subtotal, _("it holds amounts and no text, and its amounts equal the {n} "
                                                "measure row(s) above").format(n=task_block.rows)
        elif last and row.label and closes_with_total(candidate, block, self.settings):
            kind, why = FundingKind.total, _("it closes the table with no number, term or executor and its "
                                             "planned amount is near the sum of the rows above")
        else:
            return False
        candidate.kind = kind
        self.add(candidate, None, row.amounts)
        label = repr(row.label) if row.label else _("without a label")
        self.problems.append((len(self.pending) - 1, *INFERRED_TOTAL.note(label=label, kind=kind.value, why=why)))
        return True

    def _own_number(self, row: RowView) -> tuple[str | None, str]:
        """The measure's own number taken from the number column, and what is left of that column's text."""
        number_text = row.number
        own_number = None
        # a multi-level number ("1.1") in the number column is the measure's own number (beside a blank task
        # cell, or one whose printed task number opens it: "2.1" | "2. Ремонт доріг")
        if (item_depth(clean_text(number_text)) or 0) >= 2 and (
                not clean_text(row.task) or _opens_with_number_of(row.task, normalize_item_number(number_text))):
            own_number, number_text = normalize_item_number(number_text), ""
            if self.task is None:
                self.task = _Task(own_number.split(".")[0])
        if (self.col["task"] is None and self.col["measure_number"] is None and clean_text(number_text)
                and not own_number):
            # no task column: the number column numbers the measures; tasks come from heading rows only
            num = normalize_item_number(strip_number_prefix(number_text)[0] or number_text)
            if self.task is None or num != self.task.number:
                own_number = num
            number_text = ""
        return own_number, number_text

    def _follow_task(self, number_text: str, task_text: str) -> None:
        """Open, continue or keep the task this row belongs to."""
        task = self.task
        if self.col["number"] is not None and clean_text(number_text):
            num = normalize_item_number(strip_number_prefix(number_text)[0] or number_text)
            if not (task is not None and num == task.number and not clean_text(task_text)):
                # (the number of the task a heading row opened is this row's own number)
                cell_num, cell_text = task_cell_label(task_text)
                if cell_num is not None and cell_num == num:
                    task_text = cell_text  # "2." | "2. Ремонт доріг": the number printed twice
                self.task = _Task(num, [task_text] if clean_text(task_text) else [])
        elif clean_text(task_text):
            num, rest = strip_number_prefix(task_text)
            if num is not None:
                self.task = _Task(normalize_item_number(num), [rest])
            elif task is not None and self.col["number"] is not None:
                task.lines.append(task_text)  # a merged task cell cut by a page break
            else:
                self.task = _Task(None, [task_text])

    def read_measure(self, row: RowView) -> None:
        view, r, col = self.view, row.r, self.col
        own_number, number_text = self._own_number(row)
        self._follow_task(number_text, row.task)

        number, measure_rest = strip_number_prefix(row.measure)
        printed_number = normalize_item_number(view.text(r, col["measure_number"])) if col["measure_number"] is not None else None
        number = printed_number or (normalize_item_number(number) if number else None) or own_number or (
            self.task.number if self.task else None)
        if self.task is not None and self.task.number is None and number and (item_depth(number) or 0) >= 2:
            self.task.number = number.split(".")[0]  # a task printed without its number: its measures' "2.1" tell it
        term = text_value(view.text(r, col["term"], carry=True))
        executor = text_value(view.text(r, col["executor"], carry=True))
        location = row_location(self.layout.table, r)

        objects: list[str] = []
        k = _stack_size(row.amounts, self.money)
        if k > 1:
            objects, measure_rest = self._objects(row, k, measure_rest)
        measure = text_value(measure_rest)

        def new_row(obj: str | None) -> FundingRow:
            return FundingRow(kind=FundingKind.measure, number=number, measure=measure, object=obj, term=term,
                              years=parse_years(term, self.extract.min_year, self.extract.max_year,
                                                self.extract.max_range_span), executor=executor, location=location)

        if not objects:
            self.add(new_row(None), self.task, row.amounts)
            return
        stacks = {c: nonempty_lines(t) for c, t in row.amounts.items()}
        for i, obj in enumerate(objects):
            texts = {}
            for c, lines in stacks.items():
                if len(lines) == len(objects):
                    texts[c] = lines[i]
                elif i == 0:
                    texts[c] = "\n".join(lines)
            self.add(new_row(obj), self.task, texts)

    def _objects(self, row: RowView, k: int, measure_rest: str) -> tuple[list[str], str]:
        """The ``k`` dash-listed objects of the task or measure cell that the stacked amounts stand against."""
        for source in ("task", "measure"):
            text = row.task if source == "task" else row.measure
            head, found = split_objects(text)
            if len(found) == k:
                if source == "task" and self.task is not None:
                    self.task.head_only = head
                else:
                    measure_rest = strip_number_prefix(head)[1]
                return found, measure_rest
        return [], measure_rest

    def rows(self) -> list[FundingRow]:
        _promote_final_subtotal(self.pending)
        out = []
        for p in self.pending:
            if p.task is not None and p.row.kind == FundingKind.measure:
                p.row.task_number = p.task.number
                p.row.task = p.task.text
            out.append(p.row)
        return out


def extract_funding(layout: TableLayout, vocab: Vocabulary,
                    settings: ExtractSettings = DEFAULT_EXTRACT) -> tuple[list[FundingRow], list[Problem]]:
    """Read the funding rows of a recognised funding table.

    Returns the rows and per-row problems as (row index in the list, code, message).
    """
    col = {name: (layout.first(name).col if layout.first(name) else None) for name in TEXT_COLUMNS}
    view = GridView.of(layout.table)
    money = _money_columns(layout)
    reader = _Reader(layout, vocab, view, col, money, settings=settings.funding or DEFAULT_FUNDING, extract=settings,
                     planned_years=years_of(money, "planned"),
                     actual_years=years_of(money, "actual"))
    reader.last_row = next((r for r in range(layout.body_end - 1, layout.header_rows - 1, -1)
                            if not view.row_is_empty(r)), -1)
    for r in range(layout.header_rows, layout.body_end):
        reader.read_row(r)
    return reader.rows(), reader.problems
