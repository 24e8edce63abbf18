"""One-cell-per-line text (LibreOffice's plain-text export): its cells regrouped into table rows.

LibreOffice's "Text" export writes every paragraph of a table cell as a line
of its own, row after row, with no TAB and no row marker. A cell covered by a
vertical merge shows as an empty line; a horizontally merged cell is written
once. The rows can still be told apart: the header fixes the number of
columns, and the kinds of the values (item number, text, term, amounts,
percent) repeat from row to row, column by column.

Steps, each a pure function:

1. **Tokens** (``line_kind``): every line gets a kind: empty, item number
   ("1.", "2.1", "IV."), small integer, amount (or dash), percent, year or
   year range, text opening with an item number, a group heading (text
   opening with a Roman numeral, or a task-heading word of the vocabulary
   and its number: "Завдання 2. …"), text in lower case, text.
2. **Header blocks** (``find_header_blocks``): a table starts at a line that
   opens with a column name of the header vocabulary (``vocab/headers.yaml``)
   followed closely by more such lines (``RegroupSettings.min_header_names``).
   The header runs until the first line that reads as table data (an item
   number, a value, a numbered text, a group heading, a total label followed
   by an amount: a total row first) and must itself hold
   that many names; a column-numbering row 1, 2, …, N under
   it is one more header row and fixes the column count.
3. **Header items** (``header_items``): the header's lines grouped into
   cells: a line in lower case, a unit ("тис. грн", "%") or "з/п" continues
   the cell above (not "у тому числі:", a cell over a total's parts), and an
   empty line between two parts of one cell belongs to it; other empty lines
   are cells covered by a vertical merge. A lower
   header row naming only units ("тис. грн" under the money columns) adds
   them to the cells above.
4. **Rows** (``segment_rows``): for a column count N, a dynamic programme
   cuts the body's lines into rows of N cells, each cell one or more lines,
   a full-width cell (a group heading) or a label spanning the leading
   columns (a total row's "Усього") standing for several cells; a total row
   may close with empty cells after its sums (``total_row_shapes``), and a
   group row may stand in the columns, its number, its name and empty cells
   (``is_group_row``). The cost of a
   cell is how unlikely its lines' kinds are in its column (a numbered
   heading, "1." then its text over the rest of the row, costs as a group
   heading does); the column
   profiles are learnt from the rows themselves (a few rounds of cutting and
   re-counting, starting from no knowledge). The table ends at a row
   boundary where the remaining lines cost less as running text. Column
   counts near the header's (``column_candidates``: all its items, those
   from its first covered cell on, the counts it stacks over in three rows or
   more) are tried, and the one whose rows fit best wins, unless a numbering
   row fixed it.
5. **Header rows** (``header_rows``): with N known, a header of more items
   than N is two rows: the last N items are the lower row (empty items are
   cells merged down from the upper row), the upper row's cells span the runs
   of sub-headers under them (a run split where its labels start repeating,
   "2021 рік, 2022 рік | 2022 рік").

6. **Passport tables** (``passport_rows``): between the tables, a run of
   rows each a lone item number 1., 2., 3., …, a label and its value is a
   headerless table of three columns (a programme's passport).

The reader adds the ``regrouped-table`` note: the rows were inferred, not read
from markup, and a user may want to check them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Sequence

from ..document import Block, Cell, Paragraph, Row, Table
from ..normalize.text import LATIN_TO_CYRILLIC, fold
from ..problems import REGROUPED_TABLE
from .common.tokens import column_number, first_year, is_amount, is_item_number, is_percent, is_small_integer, is_year_heading, split_item_number

NOTE_REGROUPED = REGROUPED_TABLE.code

#: line kinds
EMPTY, ORDINAL, INTEGER, AMOUNT, PERCENT, YEAR, NUMBERED_TEXT, ROMAN_TEXT, LOWER_TEXT, TEXT = (
    "E", "O", "I", "A", "P", "Y", "N", "R", "L", "T",
)
KINDS = (EMPTY, ORDINAL, INTEGER, AMOUNT, PERCENT, YEAR, NUMBERED_TEXT, ROMAN_TEXT, LOWER_TEXT, TEXT)
_TEXT_KINDS = frozenset((NUMBERED_TEXT, ROMAN_TEXT, LOWER_TEXT, TEXT))
_VALUE_KINDS = frozenset((ORDINAL, INTEGER, AMOUNT, PERCENT, YEAR))
_PLAIN_TEXT = frozenset((LOWER_TEXT, TEXT))


@dataclass(frozen=True)
class RegroupSettings:
    """Thresholds of the regrouping (validated on creation)."""

    #: a header needs this many lines naming columns ...
    min_header_names: int = 3
    #: ... within this many lines of its first one
    header_window: int = 16
    #: a header line is at most this long (running text is longer) ...
    max_header_line: int = 160
    #: ... and one that counts as a column name by a planned / actual / percent word alone at most this long
    max_worded_header_line: int = 60
    #: most lines one cell may take (paragraphs in a cell)
    max_cell_lines: int = 12
    #: fewest and most columns a regrouped table may have
    min_columns: int = 3
    max_columns: int = 30
    #: column counts tried on each side of the header's estimates
    column_slack: int = 0
    #: rounds of cutting rows and re-learning the column profiles
    rounds: int = 6
    #: cost (nats) of a line left outside the table as running text ...
    paragraph_line_cost: float = 3.0
    #: ... and of an empty line
    empty_paragraph_cost: float = 0.3
    #: most lines of a text cell merged over several columns inside a row (a reason spanning reason and remedy)
    span_max_lines: int = 3
    #: prior share of rows that are one full-width cell (group headings)
    heading_share: float = 0.1
    #: prior share of rows opening with a label spanning leading columns (totals)
    label_share: float = 0.03
    #: pseudo-count added to every kind when a column profile is re-counted
    smoothing: float = 0.5
    #: how many cells the prior of a column's role weighs against the counted ones
    prior_weight: float = 4.0
    #: share of the even distribution mixed into a role's prior (no kind of line is ruled out)
    prior_even_share: float = 0.3
    #: cost (nats) of an empty line standing between two rows, in no cell (a page broke the table there)
    stray_line_cost: float = 4.0
    #: most header rows stacked over a table (covered cells under cells merged over rows and columns) ...
    max_header_rows: int = 5
    #: ... and most layouts of its rows tried (guards the search)
    max_header_layouts: int = 5000
    #: lines looked at per table (guards the quadratic worst case)
    max_body_lines: int = 20000
    #: cost (nats) taken off a line opening a cell in a column whose one-line cells opened with the same words
    anchor_bonus: float = 6.0
    #: words a line's opening words are compared by for that
    anchor_words: int = 3
    #: a headerless table of numbered label / value rows (a passport table) needs this many rows
    min_passport_rows: int = 3
    #: cost (nats) of each empty cell closing a total row after its sums (the text columns right of the money
    #: left empty: "Усього", "9 335,0", "6 175,8", "") or a group row after its name ("1", "затрат", "", …),
    #: and per column of one empty cell merged over a row's last text columns; the columns' own profiles
    #: would price them as rare
    closing_empty_cost: float = 0.5

    def __post_init__(self) -> None:
        if self.min_header_names < 2 or self.header_window < self.min_header_names:
            raise ValueError("a header needs at least two names within its window")
        if not 1 <= self.max_cell_lines <= 100:
            raise ValueError("max_cell_lines must lie in 1..100")
        if not 2 <= self.min_columns <= self.max_columns <= 200:
            raise ValueError("column bounds must satisfy 2 <= min_columns <= max_columns <= 200")
        if self.column_slack < 0 or self.rounds < 1:
            raise ValueError("column_slack must be >= 0 and rounds >= 1")
        if min(self.paragraph_line_cost, self.smoothing, self.prior_weight, self.stray_line_cost) <= 0:
            raise ValueError("paragraph_line_cost, smoothing, prior_weight and stray_line_cost must be positive")
        if self.max_header_rows < 2 or self.max_header_layouts < 1:
            raise ValueError("max_header_rows must be >= 2 and max_header_layouts >= 1")
        if self.empty_paragraph_cost <= 0 or self.span_max_lines < 1:
            raise ValueError("empty_paragraph_cost must be positive and span_max_lines >= 1")
        for name in ("heading_share", "label_share", "prior_even_share"):
            if not 0 < getattr(self, name) < 1:
                raise ValueError(f"{name} must lie strictly between 0 and 1")
        if self.max_body_lines < 1 or self.max_header_line < 1 or self.max_worded_header_line < 1:
            raise ValueError("line limits must be positive")
        if self.anchor_bonus < 0 or self.anchor_words < 1:
            raise ValueError("anchor_bonus must be >= 0 and anchor_words >= 1")
        if self.min_passport_rows < 2:
            raise ValueError("min_passport_rows must be >= 2")
        if self.closing_empty_cost < 0:
            raise ValueError("closing_empty_cost must be >= 0")


DEFAULT_SETTINGS = RegroupSettings()

# -- 1. tokens ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _vocabulary():
    from ..extract.vocab import load_vocabulary

    return load_vocabulary()


@lru_cache(maxsize=1)
def _longest_group_phrase() -> int:
    return max(len(phrase) for phrase, _, _ in _vocabulary().indicator_groups.by_length)


#: a heading the vocabulary lacks: a word, a number and a colon before its text ("Пріоритет 1: Модернізація …")
_LABELLED_HEADING_RE = re.compile(r"^[^\W\d_]{3,}\s*(?:№\s*)?\d{1,3}(?:\.\d{1,3})*\s*:\s*[^\W\d_]")
#: the same with the number closed by a dot, the text opening with a capital ("Ціль 1. Капітальний ремонт …")
_DOTTED_HEADING_RE = re.compile(r"^[^\W\d_]{3,}\s+\d{1,3}(?:\.\d{1,3})*\.\s+[^\W\d_a-zа-яіїєґ]")


def _group_heading(text: str) -> bool:
    """A group heading row's one cell that no Roman numeral opens: a task heading ("Завдання 2. Розвиток …",
    "Напрям №3: …": vocabulary words, then a number; "Пріоритет 1: …": any word, a number and a colon; "Ціль 1.
    Капітальний …": a capitalised word, a number closed by a dot and a capitalised text) or an indicator group
    ("Показники затрат")."""
    if not text[:1].isalpha():
        return False
    vocab = _vocabulary()
    if vocab.task_heading.match(text) is not None or _LABELLED_HEADING_RE.match(text) or (
            text[0].isupper() and _DOTTED_HEADING_RE.match(text)):
        return True
    if len(text) > 2 * _longest_group_phrase():
        return False  # the whole line names the group: a longer one cannot (and is not folded)
    folded = fold(text)
    name, length = vocab.indicator_groups.starts(folded)
    return name is not None and len(folded.rstrip(" :.")) == length


def line_kind(line: str) -> str:
    """The kind of one line (see the module docstring, step 1)."""
    t = line.strip()
    if not t:
        return EMPTY
    if is_item_number(t, dotted=True, roman=True, parens=True):
        return ORDINAL
    if is_small_integer(t):
        return INTEGER
    if is_percent(t):
        return PERCENT
    if is_year_heading(t):
        return YEAR
    if is_amount(t):
        return AMOUNT
    if ((s := split_item_number(t, roman=True, arabic=False)) and s[1]) or _group_heading(t):
        return ROMAN_TEXT
    if (s := split_item_number(t, roman=True)) and s[1]:
        return NUMBERED_TEXT
    if t[0].islower():
        return LOWER_TEXT
    return TEXT


# -- 2. header blocks -----------------------------------------------------------------------

#: a line that continues the header cell above it rather than opening one
#: ("%" alone or closing a bracket; "% виконання" opens a cell of its own)
_HEADER_CONTINUATION_RE = re.compile(r"^(?:\(|тис\.|грн|%\s*\)?\s*$|з/п|п/п)", re.IGNORECASE)
_HEADER_STOP_KINDS = frozenset((ORDINAL, INTEGER, AMOUNT, PERCENT, NUMBERED_TEXT, ROMAN_TEXT))


#: marks a header line may open with that the vocabulary ignores
_LEADING_MARKS = " \t\u00a0\"'«„“*•·-–—("


@lru_cache(maxsize=1)
def _header_phrases() -> tuple[tuple, frozenset[str]]:
    """The phrase sets naming columns and sub-headers, and the first two characters of their phrases."""
    from ..extract.vocab import load_vocabulary

    vocab = load_vocabulary()
    sets = (vocab.funding_columns, vocab.indicator_columns, vocab.funding_sources, vocab.funding_total_columns)
    prefixes = frozenset(phrase[:2].translate(LATIN_TO_CYRILLIC) for ps in sets for phrase, _, _ in ps.by_length)
    return sets, prefixes


def _names_number_column(line: str) -> bool:
    """Whether a line names the item-number column ("№ з/п", "№ п/п")."""
    folded = fold(line)
    vocab = _vocabulary()
    return bool(folded) and "number" in (vocab.funding_columns.best(folded)[0], vocab.indicator_columns.best(folded)[0])


def _worded_column(line: str) -> bool:
    """Whether a line holds a planned / actual / percent word of the vocabulary or closes with a unit
    ("…, тис. грн", "…, %"): a header cell the vocabulary lacks."""
    folded = fold(line)
    vocab = _vocabulary()
    return bool(folded) and (vocab.column_words.best(folded)[0] is not None or _unit_role(line, vocab) is not None)


def _names_column(line: str) -> bool:
    """Whether a line opens with a column name of the header vocabulary."""
    sets, prefixes = _header_phrases()
    # a cheap look at the first characters first: most lines of a report name no column
    head = line.lstrip(_LEADING_MARKS)[:2].casefold().translate(LATIN_TO_CYRILLIC)
    if head[:2] not in prefixes and head[:1] not in prefixes:
        return False
    folded = fold(line)
    return bool(folded) and any(ps.starts(folded)[0] is not None for ps in sets)


@dataclass
class HeaderBlock:
    """Where a regrouped table's header stands: lines [top, body), numbering row lines [numbers, body)."""

    top: int
    numbers: int
    body: int
    #: the column count a numbering row fixes (1, 2, ..., N), else None
    numbered: int | None = None


def find_header_blocks(lines: Sequence[str], settings: RegroupSettings = DEFAULT_SETTINGS) -> list[HeaderBlock]:
    """Header blocks of one-cell-per-line tables, top to bottom (step 2)."""
    names = [
        bool(ln.strip()) and len(ln) <= settings.max_header_line and _names_column(ln) for ln in lines
    ]
    # a header of wordings the vocabulary lacks still opens with a column it knows ("№ з/п") and holds short
    # cells worded with planned / actual / percent words or units ("Обсяг видатків", "Сплачено, грн"): they count
    counted = [
        known or (0 < len(ln.strip()) <= settings.max_worded_header_line and _worded_column(ln))
        for known, ln in zip(names, lines)
    ]
    out: list[HeaderBlock] = []
    i = 0
    n = len(lines)
    while i < n:
        if not names[i]:
            i += 1
            continue
        window = range(i, min(n, i + settings.header_window))
        numbered = _names_number_column(lines[i])
        if not numbered and sum(counted[k] for k in window) < settings.min_header_names:
            i += 1
            continue
        # the header runs to the first line that reads as table data
        k = i + 1
        while k < n:
            t = lines[k].strip()
            if len(lines[k]) > settings.max_header_line:
                break
            if t and line_kind(t) in _HEADER_STOP_KINDS:
                break
            if t and k + 1 < n and _opens_total_row(t, lines[k + 1]):
                break
            k += 1
        if k >= n or k - i < settings.min_header_names:
            i = k + 1
            continue
        # a header opened by the number column ("№ з/п") may name the others in words the vocabulary lacks
        # ("Індикатор", "Вимір", "Ціль"): short lines count then
        held = (sum(0 < len(ln.strip()) <= settings.max_worded_header_line for ln in lines[i:k]) if numbered
                else sum(counted[i:k]))
        if held < settings.min_header_names:
            # the names were in the window but past the first data line: a row of a table whose header is
            # further down ("Бюджет громади", "Управління …", "2022", "1 038,4")
            i += 1
            continue
        k = _trailing_blanks_to_body(lines, i, k)
        numbers, body, numbered = k, k, None
        expect = 1
        while body < n and column_number(lines[body].strip()) == expect:
            expect += 1
            body += 1
        if expect - 1 >= settings.min_columns:
            numbered = expect - 1
        else:
            body = k
        out.append(HeaderBlock(i, numbers, body, numbered))
        i = body
    return out


def _trailing_blanks_to_body(lines: Sequence[str], top: int, end: int) -> int:
    """Where the header [top, end) ends once empty lines closing it are given to the body.

    A cell covered by a vertical merge in a header of two rows stands among
    the header's lines (under a cell of the upper row); when all its empty
    lines close it, they are the first row's empty cells ("", "Показники
    затрат", "", "", …), not covered header cells.
    """
    k = end
    while k > top and not lines[k - 1].strip():
        k -= 1
    if k == end or any(not ln.strip() for ln in lines[top:k]):
        return end
    return k


def _opens_total_row(line: str, next_line: str) -> bool:
    """A total label followed by an amount: a total row first under the header ("Всього по Програмі", "15 437,4"),
    not a sub-header "Усього" (other header cells or the first row's number follow one)."""
    if line_kind(next_line) not in (AMOUNT, PERCENT):
        return False
    folded = fold(line)
    return bool(folded) and _vocabulary().totals.starts(folded)[0] is not None


# -- 3. header items ------------------------------------------------------------------------


def header_items(lines: Sequence[str]) -> list[str]:
    """The header's lines grouped into cell texts; "" for a cell covered by a merge (step 3)."""
    units = _unit_row(lines)
    if units is not None:
        return units
    return _group_header_lines(lines)


def _unit_row(lines: Sequence[str]) -> list[str] | None:
    """A header whose lower row only names units: the upper row's items, each unit added to the cells above it.

    The lower row is the lines from the first empty one on: empty lines
    (cells covered by the upper row's) and units ("тис. грн") only. A unit
    stands under the column of its place in that row; a row shorter than the
    upper one has its unit merged over as many more columns.
    """
    first = next((k for k, ln in enumerate(lines) if not ln.strip()), None)
    if first is None or first == 0:
        return None
    lower = [ln.strip() for ln in lines[first:]]
    unit = _vocabulary().unit_header
    if not any(lower) or any(t and not unit.match(t) for t in lower):
        return None
    upper = _group_header_lines(lines[:first])
    if "" in upper or len(lower) > len(upper):
        return None
    extra = len(upper) - len(lower)  # columns more than the row's cells: the first unit spans them
    out = list(upper)
    col = 0
    for t in lower:
        span = 1
        if t:
            span += extra
            extra = 0
            for c in range(col, col + span):
                out[c] = f"{out[c]}\n{t}"
        col += span
    return out


#: a header cell over the parts of a total ("у тому числі:", "в т.ч.", "з них")
_BREAKDOWN_HEADER_RE = re.compile(r"^(?:[ув]\s+тому\s+числі|[ув]\s+т\.\s*ч\.?|з\s+них|із\s+них)\s*:?\s*$", re.IGNORECASE)


def opens_breakdown_header(line: str) -> bool:
    """Whether a header line is a cell of its own over the parts of a total: "у тому числі:", "у т.ч.", "з них".

    A money header splits into "усього" and, beside it, "у тому числі:"
    over the funding sources (a third header row); one-cell-per-line the
    two stand on successive lines in lower case, which otherwise reads as
    one cell's second paragraph ("Обсяг фінансування," "тис. грн").
    """
    return _BREAKDOWN_HEADER_RE.match(line.strip()) is not None


def _group_header_lines(lines: Sequence[str]) -> list[str]:
    items: list[list[str]] = []
    pending_blank = 0
    for raw in lines:
        t = raw.strip()
        if not t:
            pending_blank += 1
            continue
        if items and items[-1] and (_HEADER_CONTINUATION_RE.match(t) or (
                t[0].islower() and not _names_column(t) and not opens_breakdown_header(t))):
            items[-1].append(t)  # blank lines between two parts of one cell belong to it
        else:
            items.extend([] for _ in range(pending_blank))
            items.append([t])
        pending_blank = 0
    items.extend([] for _ in range(pending_blank))
    return ["\n".join(parts) for parts in items]


# -- 4. rows --------------------------------------------------------------------------------


@dataclass
class _Profile:
    """Per column: how likely each kind opens a cell, continues one, and how often cells run on."""

    first: list[dict[str, float]]
    more: list[dict[str, float]]
    multi: list[float]
    heading: dict[str, float]
    label: dict[str, float]
    heading_share: float
    label_share: float
    #: the columns' roles named by the header (``column_roles``)
    roles: list[str | None] = field(default_factory=list)
    #: per column, the opening words (``_anchor``) of the text cells it held alone in rows of one-line text cells
    anchors: list[frozenset[str]] = field(default_factory=list)


#: what the lines of a column are likely to be, by the role its header names
_ROLE_KINDS: dict[str | None, dict[str, float]] = {
    "number": {ORDINAL: 0.4, INTEGER: 0.3, EMPTY: 0.2},
    "text": {TEXT: 0.45, NUMBERED_TEXT: 0.15, LOWER_TEXT: 0.1, EMPTY: 0.2, ROMAN_TEXT: 0.01},
    "task": {TEXT: 0.45, NUMBERED_TEXT: 0.15, LOWER_TEXT: 0.1, EMPTY: 0.2, ROMAN_TEXT: 0.01},
    "words": {TEXT: 0.45, NUMBERED_TEXT: 0.15, LOWER_TEXT: 0.1, EMPTY: 0.2, ROMAN_TEXT: 0.01},
    "term": {YEAR: 0.6, EMPTY: 0.1, TEXT: 0.1, LOWER_TEXT: 0.05},
    "amount": {AMOUNT: 0.5, INTEGER: 0.15, EMPTY: 0.15, PERCENT: 0.05},
    "percent": {PERCENT: 0.4, AMOUNT: 0.35, INTEGER: 0.05, EMPTY: 0.1},
    "unit": {TEXT: 0.35, LOWER_TEXT: 0.35, EMPTY: 0.1, PERCENT: 0.05},
    None: {},
}
#: roles whose cells hold values, never running text
_VALUE_ROLES = frozenset(("number", "amount", "percent"))
#: per role, the kinds of line a cell of the column never runs on into
_NO_RUN_ON: dict[str | None, frozenset[str]] = {
    **{role: _TEXT_KINDS for role in _VALUE_ROLES},
    "text": frozenset((ORDINAL, AMOUNT, PERCENT, YEAR)),
    "task": frozenset((ORDINAL, AMOUNT, PERCENT, YEAR, NUMBERED_TEXT)),
    "words": frozenset((ORDINAL, AMOUNT, PERCENT)),
    "term": frozenset((ORDINAL, AMOUNT, PERCENT)),
}
#: roles of columns of text: a task column's text is a task's (a table with one has no task heading rows);
#: "words": a column the vocabulary does not know left of the money (text, a term or an executor, most likely)
_TEXT_ROLES = frozenset(("text", "task", "words"))
_FIELD_ROLES = {
    "task": "task", "number": "number", "measure_number": "number", "term": "term", "percent": "percent", "unit": "unit",
    "planned": "amount", "actual": "amount",
}
#: what a full-width row (a group heading) holds: "ІІ. Показники продукту", "Завдання 2. ..."
_HEADING_PRIOR = {k: 0.01 for k in KINDS} | {ROMAN_TEXT: 0.5, NUMBERED_TEXT: 0.2, TEXT: 0.19, LOWER_TEXT: 0.03}


def _unit_role(text: str, vocab) -> str | None:
    """The role a header the vocabulary does not know names by its unit: "…, %" percent, "…, тис. грн" amount."""
    tail = text.replace("\n", " ").rsplit(",", 1)[-1].strip(" ()")
    if not tail:
        return None
    if vocab.unit_header.match(tail):
        return "percent" if "%" in tail else "amount"
    return None


def column_roles(header: list[list[Cell]], n_cols: int) -> list[str | None]:
    """What each column holds, as far as its header names it: number, text, term, amount, percent, unit.

    The deepest header cell over a column that the vocabulary knows decides;
    a year, a funding source or a total under a header names amounts. A
    header the vocabulary does not know may name its unit ("…, %", "…, тис.
    грн"); a column still unknown left of the first money column holds text,
    one right of it holds values when worded with a planned / actual /
    percent word. A column the vocabulary knows as holding no field is not
    worded so: "Очікуваний результат" and "Стан виконання" right of the money
    hold text though "очікуван" and "виконан" are planned / actual words, so
    they get no role and their rows tell what they hold.
    """
    from ..extract.vocab import load_vocabulary

    vocab = load_vocabulary()
    roles: list[str | None] = [None] * n_cols
    no_field: set[int] = set()  # columns under a header the vocabulary knows as holding no field
    for row in header:
        for cell in row:
            folded = fold(cell.text)
            if not folded:
                continue
            role = None
            if (
                is_year_heading(cell.text.strip())
                or vocab.funding_sources.best(folded)[0]
                or vocab.funding_total_columns.best(folded)[0]
            ):
                role = "amount"
            else:
                name = vocab.funding_columns.best(folded)[0] or vocab.indicator_columns.best(folded)[0]
                if name is not None and name != "ignore":
                    role = _FIELD_ROLES.get(name, "text")
                else:  # a column the vocabulary does not know, or knows as no field ("Відхилення", "Примітка")
                    role = _unit_role(cell.text, vocab)
                    if name == "ignore" and role is None:
                        no_field.update(range(cell.col, min(n_cols, cell.col + cell.col_span)))
            if role is None:
                continue
            for c in range(cell.col, min(n_cols, cell.col + cell.col_span)):
                if role == "amount" and roles[c] == "percent":
                    continue
                roles[c] = role
    # the columns left of the money hold the measure's words (its name, term, executor), however worded;
    # right of it, a header worded with a planned / actual / percent word the vocabulary lacks holds values
    first_value = next((c for c, role in enumerate(roles) if role in ("amount", "percent")), None)
    if first_value is None:
        return roles
    # (an indicator table's values start after its unit column)
    first_value = min(first_value, next((c + 1 for c, role in enumerate(roles) if role == "unit"), n_cols))
    for c in range(n_cols):
        if roles[c] is None:
            roles[c] = "words" if c < first_value else None if c in no_field else _worded_role(header, c, vocab)
    return roles


def _worded_role(header: list[list[Cell]], col: int, vocab) -> str | None:
    """Values ("percent" or "amount") when a header cell over ``col`` holds a planned / actual / percent word."""
    for row in header:
        for cell in row:
            if cell.col <= col < cell.col + cell.col_span:
                name = vocab.column_words.best(fold(cell.text))[0]
                if name is not None:
                    return "percent" if name == "percent" else "amount"
    return None


def _prior(role: str | None, settings: RegroupSettings) -> dict[str, float]:
    known = _ROLE_KINDS.get(role, {})
    rest = 1.0 - sum(known.values())
    others = [k for k in KINDS if k not in known]
    dist = {k: known.get(k, rest / len(others) if others else 0.0) for k in KINDS}
    even = settings.prior_even_share
    return {k: (1 - even) * v + even / len(KINDS) for k, v in dist.items()}


def _uniform_profile(n_cols: int, settings: RegroupSettings, roles: Sequence[str | None] = ()) -> _Profile:
    even = {k: 1.0 / len(KINDS) for k in KINDS}
    roles = list(roles) + [None] * (n_cols - len(roles))
    return _Profile(
        first=[_prior(r, settings) for r in roles],
        more=[dict(even) for _ in range(n_cols)],
        multi=[0.1] * n_cols,
        heading=_HEADING_PRIOR,
        label={k: (0.9 if k == TEXT else 0.1 / (len(KINDS) - 1)) for k in KINDS},
        heading_share=settings.heading_share,
        label_share=settings.label_share,
        roles=roles,
    )


@dataclass
class _RowCut:
    """One row of a cutting: its lines [start, end) and cells as (col, span, first line, end line)."""

    start: int
    end: int
    cells: list[tuple[int, int, int, int]] = field(default_factory=list)


def _distribution(counts: dict[str, float], smoothing: float) -> dict[str, float]:
    total = sum(counts.values()) + smoothing * len(KINDS)
    return {k: (counts.get(k, 0.0) + smoothing) / total for k in KINDS}


def _with_prior(counts: dict[str, float], prior: dict[str, float], settings: RegroupSettings) -> dict[str, float]:
    """Counts turned into a distribution, the role's prior weighing as ``settings.prior_weight`` counts."""
    w = settings.prior_weight
    total = sum(counts.values()) + w
    return {k: (counts.get(k, 0.0) + w * prior[k]) / total for k in KINDS}


def _anchor(line: str, settings: RegroupSettings) -> str | None:
    """A text line's first ``anchor_words`` words, folded; None for a shorter line."""
    words = fold(line).split()
    return " ".join(words[: settings.anchor_words]) if len(words) >= settings.anchor_words else None


def _anchors(rows: list[_RowCut], lines: Sequence[str], kinds: list[str], n_cols: int, settings: RegroupSettings) -> list[frozenset[str]]:
    """Per column, the opening words of its text cells in rows whose text cells all take one line.

    Such rows are cut the same way however the columns' texts are told
    apart, so they show which column a text belongs to ("Придбання та
    встановлення …" under the measure, not the task); a row whose text
    cells run over several lines may then be cut where its column opens
    with those words.
    """
    seen: list[set[str]] = [set() for _ in range(n_cols)]
    for row in rows:
        texts = [(col, a, b) for col, span, a, b in row.cells if span == 1 and kinds[a] in _TEXT_KINDS]
        if len(texts) < 2 or any(b - a > 1 for _, a, b in texts):
            continue
        for col, a, _ in texts:
            key = _anchor(lines[a], settings)
            if key:
                seen[col].add(key)
    owned = [frozenset(k for k in seen[c] if not any(k in seen[o] for o in range(n_cols) if o != c)) for c in range(n_cols)]
    return owned


def _learn(
    rows: list[_RowCut], kinds: list[str], n_cols: int, settings: RegroupSettings, roles: list[str | None]
) -> _Profile:
    first = [dict.fromkeys(KINDS, 0.0) for _ in range(n_cols)]
    more = [dict.fromkeys(KINDS, 0.0) for _ in range(n_cols)]
    cells = [0] * n_cols
    multi = [0] * n_cols
    heading = dict.fromkeys(KINDS, 0.0)
    label = dict.fromkeys(KINDS, 0.0)
    n_head = n_label = 0
    for row in rows:
        for col, span, a, b in row.cells:
            if span == n_cols and n_cols > 1:
                n_head += 1
                heading[kinds[a]] += 1
                continue
            if span > 1:
                if col == 0:
                    n_label += 1
                    label[kinds[a]] += 1
                continue
            cells[col] += 1
            split = (b - a > 1 and kinds[a] == ORDINAL and kinds[a + 1] in _PLAIN_TEXT
                     and col < len(roles) and roles[col] in _TEXT_ROLES)
            first[col][NUMBERED_TEXT if split else kinds[a]] += 1
            if b - a > 1:
                multi[col] += 1
                for k in range(a + 1, b):
                    more[col][kinds[k]] += 1
    n_rows = max(1, len(rows))
    return _Profile(
        first=[_with_prior(f, _prior(roles[c] if c < len(roles) else None, settings), settings) for c, f in enumerate(first)],
        more=[_distribution(m, settings.smoothing) for m in more],
        multi=[(multi[c] + 0.5) / (cells[c] + 2.0) for c in range(n_cols)],
        heading=_distribution(heading, settings.smoothing),
        label=_distribution(label, settings.smoothing),
        heading_share=min(0.5, (n_head + settings.heading_share * 10) / (n_rows + 10)),
        label_share=min(0.5, (n_label + settings.label_share * 10) / (n_rows + 10)),
        roles=roles,
    )


def _cut(
    kinds: list[str], n_cols: int, profile: _Profile, settings: RegroupSettings, keys: Sequence[str | None] = ()
) -> tuple[float, list[_RowCut]]:
    """The cheapest cutting of the lines into rows of ``n_cols`` cells, then running text (step 4).

    ``keys`` are the lines' opening words (``_anchor``), matched against the profile's anchors.
    """
    n = len(kinds)
    kmax = settings.max_cell_lines
    inf = math.inf
    log = math.log
    # per column: cost of a line opening a cell, of a line continuing one
    # (a text cell never opens with a bare amount or percent: that is a value of a money column; nor an
    # item-number cell with text: "ІІІ. Показники ефективності" is a heading over the row)
    c_first = [
        [inf if (role in _TEXT_ROLES and k in (AMOUNT, PERCENT)) or (role == "number" and k in _TEXT_KINDS)
         else -log(profile.first[c][k]) for k in kinds]
        for c, role in enumerate(list(profile.roles[:n_cols]) + [None] * (n_cols - len(profile.roles)))
    ]
    for c, anchors in enumerate(profile.anchors[:n_cols]):
        for i, key in enumerate(keys):
            if key is not None and key in anchors:
                c_first[c][i] -= settings.anchor_bonus
    c_more = [[-log(profile.more[c][k]) for k in kinds] for c in range(n_cols)]
    # a text cell of several lines opening with a bare item number opens as a numbered text ("1.1." "Ремонт …")
    split = [kinds[i] == ORDINAL and i + 1 < n and kinds[i + 1] in _PLAIN_TEXT for i in range(n)]
    c_split = [
        [-log(profile.first[c][NUMBERED_TEXT]) if split[i] else c_first[c][i] for i in range(n)]
        if c < len(profile.roles) and profile.roles[c] in _TEXT_ROLES else c_first[c]
        for c in range(n_cols)
    ]
    # a column of values never runs on into text, nor a column of text or terms into a bare item number or a
    # value (its cell ended; what follows is the next cell: "1.1." opens the measure, "1 800,0" the amount)
    blocked = [
        [k in _NO_RUN_ON.get(profile.roles[c], ()) for k in kinds] if c < len(profile.roles) else [False] * n
        for c in range(n_cols)
    ]
    roles = list(profile.roles[:n_cols]) + [None] * (n_cols - len(profile.roles))
    # a numbered heading row ("1." "Розвиток …" over the rest) opens a task where no column holds the tasks
    numbered_headings = n_cols > 2 and "task" not in profile.roles
    label_end = next((c for c, role in enumerate(profile.roles) if role in ("amount", "percent")), 2)
    ends_open = [c < len(profile.roles) and profile.roles[c] in _VALUE_ROLES for c in range(n_cols)]
    # prefix sums of the continuation costs, per column
    pre_more = []
    for c in range(n_cols):
        acc = [0.0]
        for v in c_more[c]:
            acc.append(acc[-1] + v)
        pre_more.append(acc)
    one = [-log(1 - profile.multi[c]) for c in range(n_cols)]
    run_on = [-log(profile.multi[c]) for c in range(n_cols)]
    p_head, p_label = profile.heading_share, profile.label_share
    p_plain = max(1e-6, 1 - p_head - p_label)
    row_plain, row_head, row_label = -log(p_plain), -log(p_head), -log(p_label)
    c_head = [-log(profile.heading[k]) for k in kinds]
    c_label = [-log(profile.label[k]) for k in kinds]

    # dp[c][i]: cheapest cost of the lines before i, standing before column c of a row
    dp = [[inf] * (n + 1) for _ in range(n_cols)]
    back: list[list[tuple[int, int, int] | None]] = [[None] * (n + 1) for _ in range(n_cols)]
    dp[0][0] = 0.0
    for i in range(n + 1):
        for c in range(n_cols):
            base = dp[c][i]
            if base == inf or i == n:
                continue
            if c == 0 and kinds[i] == EMPTY and 0 < i < n - 1 and kinds[i - 1] != EMPTY and kinds[i + 1] != EMPTY:
                # a stray empty line between two rows (where a page broke the table), in no cell; one alone:
                # empty lines next to others are the covered cells of a row
                total = base + settings.stray_line_cost
                if total < dp[0][i + 1]:
                    dp[0][i + 1] = total
                    back[0][i + 1] = (0, i, 0)
            for k in range(1, min(kmax, n - i) + 1):
                if k > 1 and (kinds[i] == EMPTY or blocked[c][i + k - 1]
                              or kinds[i] in (AMOUNT, PERCENT) and kinds[i + k - 1] in _TEXT_KINDS):
                    # an empty line is a cell of its own (covered or empty), never a cell's first
                    # paragraph; a value cell (by its column or its first line) does not run on into text
                    break
                if k > 1 and kinds[i + k - 1] == EMPTY and (ends_open[c] or kinds[i] in (AMOUNT, PERCENT)):
                    continue  # nor a value cell's last (by its column or its first line): the empty lines after it are the next cells
                cost = (c_first[c][i] + one[c]) if k == 1 else (
                    c_split[c][i] + run_on[c] + pre_more[c][i + k] - pre_more[c][i + 1])
                if c == 0:
                    cost += row_plain
                nc = c + 1
                if nc == n_cols:
                    nc = 0
                total = base + cost
                if total < dp[nc][i + k]:
                    dp[nc][i + k] = total
                    back[nc][i + k] = (c, i, 1)
            if c > 0 and kinds[i] in _TEXT_KINDS:
                # a text cell merged over the next columns (a reason spanning reason and remedy)
                for k in range(1, min(settings.span_max_lines, n - i) + 1):
                    if k > 1 and blocked[c][i + k - 1]:
                        break
                    cost = c_first[c][i] + row_label + (pre_more[c][i + k] - pre_more[c][i + 1] if k > 1 else 0.0)
                    for span in range(2, n_cols - c + 1):
                        nc = c + span
                        if nc == n_cols:
                            nc = 0
                        total = base + cost + 0.5 * (span - 2)
                        if total < dp[nc][i + k]:
                            dp[nc][i + k] = total
                            back[nc][i + k] = (c, i, span)
            if c > 0 and kinds[i] == EMPTY and n_cols - c >= 2 and merged_empty_closes_row(kinds, i, c, n_cols, roles):
                # an empty cell merged over the row's last text columns (no reason and no remedy): one line
                total = base + settings.closing_empty_cost * (n_cols - c)
                if total < dp[0][i + 1]:
                    dp[0][i + 1] = total
                    back[0][i + 1] = (c, i, n_cols - c)
            if c == 1 and numbered_headings and kinds[i] in _TEXT_KINDS and i > 0 and kinds[i - 1] == ORDINAL:
                # a numbered heading: its number, then its text over the rest of the row ("1." "Розвиток …")
                total = base + row_head + c_head[i]
                if total < dp[0][i + 1]:
                    dp[0][i + 1] = total
                    back[0][i + 1] = (1, i, n_cols - 1)
            if c == 0 and n_cols > 1 and kinds[i] in _TEXT_KINDS:
                # a full-width cell (a group heading): one line
                total = base + row_head + c_head[i]
                if total < dp[0][i + 1]:
                    dp[0][i + 1] = total
                    back[0][i + 1] = (0, i, n_cols)
            if c == 0 and n_cols > 1 and kinds[i] == EMPTY:
                # a row of sums under an empty cell spanning the leading columns: one value per remaining
                # column, and the next row opening right after them (not one more value or empty line) or
                # the table ending
                for span in range(2, n_cols):
                    j = i + 1 + n_cols - span
                    if j > n or any(kinds[x] not in _VALUE_KINDS for x in range(i + 1, j)):
                        continue
                    if j < n and (kinds[j] in _VALUE_KINDS or kinds[j] == EMPTY and j + 1 < n and kinds[j + 1] != EMPTY):
                        continue  # (two empty lines after it end the table)
                    total = base + row_label + c_label[i] + 0.5 * abs(span - label_end)
                    total += sum(c_first[span + x][i + 1 + x] + one[span + x] for x in range(n_cols - span))
                    if total < dp[0][j]:
                        dp[0][j] = total
                        back[0][j] = (-1, i, span)
            if c == 0 and n_cols > 2 and is_group_row(kinds, i, n_cols):
                # a group row in the table's columns: its number (or an empty № cell), the group's name, then
                # empty cells ("1", "затрат", "", "", "", "")
                total = base + row_head + c_first[0][i] + c_head[i + 1] + settings.closing_empty_cost * (n_cols - 2)
                j = i + n_cols
                if total < dp[0][j]:
                    dp[0][j] = total
                    back[0][j] = (-1, i, 1)  # cells one line each, as a row of sums under a one-column label
            if c == 0 and n_cols > 2 and kinds[i] in _TEXT_KINDS:
                # a total row closing with empty cells: its label over the leading columns, its sums, then the
                # columns right of them empty ("Усього", "9 335,0", "6 175,8", "" under a status column)
                for span, j in total_row_shapes(kinds, i, n_cols):
                    total = base + row_label + c_label[i] + 0.5 * abs(span - label_end)
                    values = sum(1 for x in range(i + 1, j) if kinds[x] != EMPTY)
                    total += sum(c_first[span + x][i + 1 + x] + one[span + x] for x in range(values))
                    total += settings.closing_empty_cost * (j - i - 1 - values)
                    if total < dp[0][j]:
                        dp[0][j] = total
                        back[0][j] = (-1, i, span)  # cells one line each after the label, as a row of sums
            if c == 0 and n_cols > 1 and kinds[i] in _TEXT_KINDS:
                # a label spanning the leading columns, the row going on after it ("Усього"); it reaches the
                # first column of values, where the header tells it
                for span in range(2, n_cols):
                    total = base + row_label + c_label[i] + 0.5 * abs(span - label_end)
                    if total < dp[span][i + 1]:
                        dp[span][i + 1] = total
                        back[span][i + 1] = (0, i, span)
    # the table ends at a row boundary; the rest is running text
    best, end = inf, 0
    rest = [0.0] * (n + 1)  # cost of lines i.. as running text (an empty line costs little)
    for i in range(n - 1, -1, -1):
        rest[i] = rest[i + 1] + (settings.paragraph_line_cost if kinds[i] != EMPTY else settings.empty_paragraph_cost)
    for i in range(n + 1):
        if dp[0][i] < inf:
            total = dp[0][i] + rest[i]
            if total < best:
                best, end = total, i
    # walk back
    cells: list[tuple[int, int, int, int]] = []
    c, i = 0, end
    while i > 0:
        step = back[c][i]
        assert step is not None
        pc, pi, span = step
        if pc < 0:  # a row of sums under an empty label: its cells one line each
            cells.extend((span + x, 1, pi + 1 + x, pi + 2 + x) for x in reversed(range(i - pi - 1)))
            cells.append((0, span, pi, pi + 1))
        elif span:
            cells.append((pc, span, pi, i))
        c, i = max(pc, 0), pi
    cells.reverse()
    rows: list[_RowCut] = []
    for col, span, a, b in cells:
        if col == 0:
            rows.append(_RowCut(a, b))
        rows[-1].cells.append((col, span, a, b))
        rows[-1].end = b
    return best, rows


def merged_empty_closes_row(kinds: Sequence[str], i: int, col: int, n_cols: int, roles: Sequence[str | None]) -> bool:
    """Whether the empty line ``i``, standing in column ``col``, may be one empty cell merged over the row's last
    columns.

    An indicator row without a reason and a remedy may print one empty cell
    over both: one-cell-per-line a single empty line closes the row, and the
    next row opens right after it ("12", "", "6.", …). Only columns of text
    close so (``roles``: an empty cell under values is an empty value), and
    the next line must open a row: an item number or the end of the lines.
    """
    if any(r in _VALUE_ROLES or r == "term" for r in roles[col:n_cols]):
        return False
    return i + 1 >= len(kinds) or kinds[i + 1] in (ORDINAL, INTEGER)


def is_group_row(kinds: Sequence[str], i: int, n_cols: int) -> bool:
    """Whether the lines from ``i`` are a group row laid out in the table's columns.

    An indicator table may print its group rows in its own columns instead of
    one cell over the row: the group's number in the № column (or nothing),
    the group's name in the name column, lower case as the end of "Показники
    …" ("1", "затрат"), and every other cell empty. One-cell-per-line that is
    a number or an empty line, a group heading (``line_kind`` ROMAN_TEXT),
    then an empty line per remaining column.
    """
    j = i + n_cols
    return (
        j <= len(kinds)
        and kinds[i] in (ORDINAL, INTEGER, EMPTY)
        and kinds[i + 1] == ROMAN_TEXT
        and all(kinds[x] == EMPTY for x in range(i + 2, j))
    )


def total_row_shapes(kinds: Sequence[str], i: int, n_cols: int) -> list[tuple[int, int]]:
    """Ways the lines from ``i`` make a total row that closes with empty cells: (label span, end line) pairs.

    A total row prints its label over the leading columns, its sums in the
    money columns and nothing in the text columns right of them (a result or
    status column): one-cell-per-line, the label, a run of values, then an
    empty line per empty cell ("Усього", "9 335,0", "6 175,8", "", then the
    table's end or the next row). All the run's values belong to the row;
    how many of the empty lines after it are its cells the label's span
    decides (the label plus the values plus the empty cells fill the row).
    """
    n = len(kinds)
    v = 0
    while i + 1 + v < n and kinds[i + 1 + v] in _VALUE_KINDS:
        v += 1
    e = 0
    while i + 1 + v + e < n and kinds[i + 1 + v + e] == EMPTY:
        e += 1
    if v == 0:
        return []
    out = []
    for t in range(1, e + 1):
        span = n_cols - v - t
        if span >= 2:
            out.append((span, i + 1 + v + t))
    return out


def segment_rows(
    lines: Sequence[str],
    n_cols: int,
    settings: RegroupSettings = DEFAULT_SETTINGS,
    roles: Sequence[str | None] = (),
) -> tuple[float, list[_RowCut]]:
    """Rows of ``n_cols`` cells from the body's lines, and their cost (step 4).

    ``roles`` (from ``column_roles``) seed the column profiles.
    """
    kinds = [line_kind(ln) for ln in lines]
    keys = [_anchor(ln, settings) if k in _TEXT_KINDS else None for ln, k in zip(lines, kinds)]
    profile = _uniform_profile(n_cols, settings, roles)
    best: tuple[float, list[_RowCut]] | None = None
    seen: set[tuple] = set()
    for _ in range(settings.rounds):
        cost, rows = _cut(kinds, n_cols, profile, settings, keys)
        key = tuple((c, s, a) for r in rows for c, s, a, _ in r.cells)
        if best is None or cost < best[0] or profile.anchors:
            # with anchors the costs are of another model: the latest cut is the one to keep
            best = (cost, rows)
        if key in seen:
            break
        seen.add(key)
        profile = _learn(rows, kinds, n_cols, settings, profile.roles)
        profile.anchors = _anchors(rows, lines, kinds, n_cols, settings)
    assert best is not None
    return best


def column_candidates(items: list[str], settings: RegroupSettings = DEFAULT_SETTINGS) -> list[int]:
    """Column counts the header suggests: all its items (one row), those from its first covered cell on (two
    rows), or a count its items stack into three rows or more over (``stacked_column_counts``)."""
    guesses = {len(items)}
    if "" in items:
        guesses.add(len(items) - items.index(""))
        guesses.update(stacked_column_counts(items, settings))
    out = set()
    for g in guesses:
        for n in range(g - settings.column_slack, g + settings.column_slack + 1):
            if settings.min_columns <= n <= settings.max_columns:
                out.add(n)
    return sorted(out)


def stacked_column_counts(items: list[str], settings: RegroupSettings = DEFAULT_SETTINGS) -> list[int]:
    """Column counts N over which a header of three rows or more stacks (``_stacked_header``).

    Under a № column merged down the header's rows, each lower row opens
    with a covered cell, so the lowest row is the last N items from an
    empty one on; its first empty item may follow the covered cells closing
    the row above (the percent column merged down too), so every empty item
    but the first run's (two rows, ``header_rows``) may open it. A count
    counts when the items above stack over the lowest row in two rows or
    more.
    """
    first = items.index("") if "" in items else len(items)
    while first < len(items) and not items[first]:
        first += 1  # the first run of covered cells opens the second row: two rows, a candidate already
    out = []
    for k in range(first, len(items)):
        n = len(items) - k
        if items[k] or not settings.min_columns <= n <= settings.max_columns:
            continue
        rows = _stacked_header(items, n, settings)
        if rows is not None and len(rows) >= 3:
            out.append(n)
    return out


# -- 5. header rows -------------------------------------------------------------------------


def _split_run(labels: list[str], parts: int) -> list[int]:
    """Cut a run of sub-header labels into ``parts`` groups; the sizes of the groups.

    A group starts again where the labels repeat the run's first label, or
    where a year label is not later than a year since the group began
    ("2021, 2022, 2023, Усього | 2022"); otherwise the run is cut evenly.
    """
    n = len(labels)
    if parts <= 1:
        return [n]
    norm = [re.sub(r"\W+", "", t).casefold() for t in labels]
    years = [first_year(t) for t in labels]
    starts: list[int] = []
    for k in range(1, n):
        # years since the group began (a total between two years does not part them)
        seen = [y for y in years[(starts[-1] if starts else 0):k] if y is not None]
        if norm[k] == norm[0] or (years[k] is not None and seen and years[k] <= max(seen)):
            starts.append(k)
    if len(starts) >= parts - 1:
        cuts = starts[: parts - 1] if len(starts) == parts - 1 else sorted(starts, key=lambda k: -k)[: parts - 1][::-1]
    else:
        cuts = [round(n * j / parts) for j in range(1, parts)]
    bounds = [0, *cuts, n]
    return [bounds[j + 1] - bounds[j] for j in range(parts)]


def _compositions(total: int, sizes: list[int]):
    """Ways to give ``total`` parents to runs of ``sizes`` cells (1..size each), the most even shares first."""
    out: list[tuple[int, ...]] = []

    def walk(j: int, left: int, acc: tuple[int, ...]) -> None:
        if j == len(sizes):
            if left == 0:
                out.append(acc)
            return
        rest_min = len(sizes) - j - 1
        rest_max = sum(sizes[j + 1:])
        for p in range(max(1, left - rest_max), min(sizes[j], left - rest_min) + 1):
            walk(j + 1, left - p, acc + (p,))

    walk(0, total, ())
    whole = sum(sizes)
    return sorted(out, key=lambda ps: sum(abs(p - total * s / whole) for p, s in zip(ps, sizes)))


def _parent_rows(items: list[str], child: list[tuple[int, int, str]], depth: int, budget: list[int]
                 ) -> list[list[tuple[int, int, str]]] | None:
    """The header rows above ``child`` made of ``items`` (top row first), or None when they cannot stack.

    Under a cell covered by a vertical merge (an empty item) the row above
    holds one item over the same columns (the cell that covers it, or one
    more covered cell); over a run of filled cells it holds one or more
    filled cells, each spanning a part of the run (``_split_run``). The top
    row has no covered cells.
    """
    if depth == 0:
        return None
    segments: list[tuple[int, int] | list[tuple[int, int, str]]] = []  # a covered cell (col, span) or a run of cells
    for col, span, text in child:
        if not text:
            segments.append((col, span))
        elif segments and isinstance(segments[-1], list):
            segments[-1].append((col, span, text))
        else:
            segments.append([(col, span, text)])
    runs = [s for s in segments if isinstance(s, list)]
    units = len(segments) - len(runs)
    sizes = [len(r) for r in runs]
    for m in range(units + len(runs), min(len(items), units + sum(sizes)) + 1):
        suffix, above = items[len(items) - m:], items[: len(items) - m]
        for shares in _compositions(m - units, sizes):
            budget[0] -= 1
            if budget[0] < 0:
                return None
            row = _lay_row(suffix, segments, shares)
            if row is None:
                continue
            if not above:
                if all(text for _, _, text in row):
                    return [row]
                continue
            up = _parent_rows(above, row, depth - 1, budget)
            if up is not None:
                return up + [row]
    return None


def _lay_row(suffix: list[str], segments, shares: tuple[int, ...]) -> list[tuple[int, int, str]] | None:
    row: list[tuple[int, int, str]] = []
    it = iter(suffix)
    share = iter(shares)
    for seg in segments:
        if isinstance(seg, tuple):
            row.append((seg[0], seg[1], next(it)))
            continue
        parts = next(share)
        k = 0
        for size in _split_run([t for _, _, t in seg], parts):
            text = next(it)
            if not text:
                return None
            cells = seg[k: k + size]
            row.append((cells[0][0], sum(s for _, s, _ in cells), text))
            k += size
    return row


def _stacked_header(items: list[str], n_cols: int, settings: RegroupSettings) -> list[list[Cell]] | None:
    """Three or more header rows (or two the simple split misses): the lowest row is the last ``n_cols`` items,
    each row above stacked on the one below it (``_parent_rows``); cells with their spans."""
    lower = [(c, 1, t) for c, t in enumerate(items[len(items) - n_cols:])]
    budget = [settings.max_header_layouts]
    above = None
    for depth in range(1, settings.max_header_rows):  # the fewest rows that stack
        above = _parent_rows(items[: len(items) - n_cols], lower, depth, budget)
        if above is not None:
            break
    if above is None:
        return None
    layout = above + [lower]
    rows: list[list[Cell]] = []
    origin: dict[tuple[int, int], Cell] = {}  # (col, span) -> the cell covering that place so far
    for r, cells in enumerate(layout):
        out: list[Cell] = []
        for col, span, text in cells:
            if text:
                cell = Cell(text, r, col, col_span=span)
                out.append(cell)
                origin[(col, span)] = cell
            else:
                origin[(col, span)].row_span += 1
        rows.append(out)
    return rows


def header_rows(items: list[str], n_cols: int, numbered: int | None = None,
                settings: RegroupSettings = DEFAULT_SETTINGS) -> list[list[Cell]]:
    """Header rows of cells with spans, from the header items and the column count (step 5)."""
    if len(items) > n_cols and "" in items[: len(items) - n_cols]:
        stacked = _stacked_header(items, n_cols, settings)  # covered cells above the lowest row: three rows or more
        if stacked is not None:
            return stacked
    if len(items) > n_cols:
        upper, lower = items[: len(items) - n_cols], items[len(items) - n_cols :]
        covered = [not t for t in lower]
        runs: list[tuple[int, int]] = []  # (first column, length) of sub-header runs
        c = 0
        while c < n_cols:
            if covered[c]:
                c += 1
                continue
            s = c
            while c < n_cols and not covered[c]:
                c += 1
            runs.append((s, c - s))
        parents = len(upper) - sum(covered)
        if parents >= len(runs) and parents <= sum(length for _, length in runs):
            # share the parents among the runs: one each, the rest to the longest runs
            share = [1] * len(runs)
            for _ in range(parents - len(runs)):
                j = max(range(len(runs)), key=lambda j: runs[j][1] - share[j])
                share[j] += 1
            row0: list[Cell] = []
            row1: list[Cell] = []
            it = iter(upper)
            c = 0
            run_i = 0
            while c < n_cols:
                if covered[c]:
                    row0.append(Cell(next(it), 0, c, row_span=2))
                    c += 1
                    continue
                s, length = runs[run_i]
                for size in _split_run(lower[s : s + length], share[run_i]):
                    row0.append(Cell(next(it), 0, c, col_span=size))
                    for k in range(c, c + size):
                        row1.append(Cell(lower[k], 1, k))
                    c += size
                run_i += 1
            return [row0, row1]
    # one row: the items in order (extra items joined into the last cell, missing ones empty)
    texts = list(items[: n_cols])
    if len(items) > n_cols:
        texts[-1] = "\n".join(t for t in items[n_cols - 1 :] if t)
    texts += [""] * (n_cols - len(texts))
    return [[Cell(t, 0, c) for c, t in enumerate(texts)]]


# -- the reader entry point -----------------------------------------------------------------


def restack_values(row: _RowCut, kinds: Sequence[str], roles: Sequence[str | None]) -> _RowCut:
    """A row whose value cells stack amounts line by line, cut evenly between its value columns.

    A cell listing several objects has one amount per object in each money
    cell, printed line by line ("704,0", "", "128,0", "120,0" beside "–", "",
    "–", "–"). Cut by how likely each cell's lines are, the amounts may go to
    the text cell before them. When the lines from the first value after
    the last text column's first line to the row's end are values and
    empty lines only, as many as the value columns times a whole number,
    and every column's share has its values and empty lines in the same
    places, those shares are the value cells.
    """
    cells = sorted(row.cells, key=lambda c: c[0])
    value_cols = []
    for col, span, a, b in reversed(cells):
        if span != 1 or col >= len(roles) or roles[col] not in _VALUE_ROLES:
            break
        value_cols.insert(0, (col, span, a, b))
    m = len(value_cols)
    if m < 2 or len(value_cols) == len(cells):
        return row
    text = cells[len(cells) - m - 1]
    if text[1] != 1 or text[0] + 1 != value_cols[0][0]:
        return row
    end = value_cols[-1][3]
    start = next((i for i in range(text[2] + 1, end) if kinds[i] in _VALUE_KINDS
                  and all(kinds[j] in _VALUE_KINDS or kinds[j] == EMPTY for j in range(i, end))), None)
    if start is None or (end - start) % m or end - start == m:
        return row
    size = (end - start) // m
    shares = [range(start + k * size, start + (k + 1) * size) for k in range(m)]
    pattern = [kinds[i] == EMPTY for i in shares[0]]
    if any([kinds[i] == EMPTY for i in sh] != pattern for sh in shares) or pattern[0]:
        return row
    new_cells = [c for c in cells[: len(cells) - m - 1]] + [(text[0], 1, text[2], start)]
    new_cells += [(col, 1, sh.start, sh.stop) for (col, _, _, _), sh in zip(value_cols, shares)]
    return _RowCut(row.start, row.end, new_cells)


def split_sums_row(row: _RowCut, kinds: Sequence[str], n_cols: int) -> list[_RowCut]:
    """A row whose last cell ran on into a row of sums under an empty label: the two rows.

    Under a task's measures a row of sums may have no label: an empty cell
    over the leading columns (one empty line) and one value per column after
    it. Cut by likelihood, the empty line and the sums may stay in the last
    value cell of the row above ("–", "", "8 472 593,84", "4 685 535,73",
    "55,3"), a task's sums and the total's after them too. When that cell is
    one value, then runs of as many values each after one empty line, and
    the row's other cells are one line each (not amounts stacked per object,
    ``restack_values``), each empty line and its values are a row of their own.
    """
    col, span, a, b = max(row.cells, key=lambda c: c[0])
    if span != 1 or col != n_cols - 1 or b - a < 3 or kinds[a] not in _VALUE_KINDS:
        return [row]
    if any(c_b - c_a > 1 and kinds[c_a] in _VALUE_KINDS for c_col, _, c_a, c_b in row.cells if c_col != col):
        return [row]
    # the rest of the cell: runs of values, each after one empty line, all as long (one row of sums each)
    starts = [x for x in range(a + 1, b) if kinds[x] == EMPTY]
    if not starts:
        return [row]
    ends = starts[1:] + [b]
    sums = ends[0] - starts[0] - 1
    if (starts[0] != a + 1 or sums < 1 or n_cols - sums < 2
            or any(e - st - 1 != sums or any(kinds[x] not in _VALUE_KINDS for x in range(st + 1, e))
                   for st, e in zip(starts, ends))):
        return [row]
    label = n_cols - sums
    out = [_RowCut(row.start, a + 1, [c if c[0] != col else (col, 1, a, a + 1) for c in row.cells])]
    for st, e in zip(starts, ends):
        out.append(_RowCut(st, e, [(0, label, st, st + 1)] + [(label + x, 1, st + 1 + x, st + 2 + x)
                                                               for x in range(sums)]))
    return out


def _body_table(
    lines: Sequence[str], rows: list[_RowCut], header: list[list[Cell]], numbered: int | None, n_cols: int, index: int
) -> Table:
    table_rows: list[Row] = []
    for r, cells in enumerate(header):
        table_rows.append(Row([Cell(c.text, r, c.col, c.row_span, c.col_span) for c in cells], r, is_header=True))
    if numbered:
        r = len(table_rows)
        table_rows.append(Row([Cell(str(c + 1), r, c) for c in range(n_cols)], r, is_header=True))
    for cut in rows:
        r = len(table_rows)
        cells = [
            Cell("\n".join(ln.strip() for ln in lines[a:b]).strip("\n"), r, col, 1, span)
            for col, span, a, b in cut.cells
        ]
        table_rows.append(Row(cells, r))
    return Table(table_rows, index, n_cols)


def passport_rows(lines: Sequence[str], settings: RegroupSettings = DEFAULT_SETTINGS
                  ) -> list[list[tuple[int, int, int]]]:
    """Headerless tables of numbered label / value rows (a programme's passport): per table, its rows as
    (number line, label line, end line); the value is the lines after the label up to the end.

    A passport table prints no header: each row its number ("1.", "2.", …),
    a label ("Відповідальний виконавець програми") and a value
    ("департамент …"). One-cell-per-line, a lone item number opens a row
    (running text prints "1. Text" on one line), the next line is the label
    and the lines up to the next number the value (text, when it takes
    several lines: a data table's row holds terms and amounts); the last
    row's value is one line. The numbers run 1, 2, 3, … with at least
    ``settings.min_passport_rows`` rows.
    """
    n = len(lines)

    def number(k: int) -> int | None:
        t = lines[k].strip()
        return int(t[:-1]) if is_item_number(t, dotted=True) and t[:-1].isdigit() else None

    out: list[list[tuple[int, int, int]]] = []
    i = 0
    while i < n:
        if number(i) != 1:
            i += 1
            continue
        rows: list[tuple[int, int, int]] = []
        k = i
        while k + 2 < n and number(k) == len(rows) + 1 and lines[k + 1].strip():
            nxt = next((j for j in range(k + 2, min(n, k + 3 + settings.max_cell_lines))
                        if number(j) == len(rows) + 2 and j > k + 2), None)
            end = nxt if nxt is not None else k + 3
            if end > n or (end - k > 3 and any(line_kind(lines[x]) in _VALUE_KINDS for x in range(k + 2, end))):
                break  # a value of several lines is text: a row of amounts is a data table's
            rows.append((k, k + 1, end))
            if nxt is None:
                break
            k = nxt
        if len(rows) >= settings.min_passport_rows:
            out.append(rows)
            i = rows[-1][2]
        else:
            i += 1
    return out


def _paragraphs_and_passports(lines: Sequence[str], first_index: int, settings: RegroupSettings
                              ) -> tuple[list[Block], int]:
    """The lines as paragraphs, passport tables (``passport_rows``) as tables of three columns; and how many
    tables that made."""
    out: list[Block] = []
    cursor = 0
    made = 0
    for rows in passport_rows(lines, settings):
        out.extend(Paragraph(ln) for ln in lines[cursor : rows[0][0]])
        cells = [[Cell(lines[a].strip(), r, 0), Cell(lines[b].strip(), r, 1),
                  Cell("\n".join(ln.strip() for ln in lines[b + 1 : e]).strip("\n"), r, 2)]
                 for r, (a, b, e) in enumerate(rows)]
        out.append(Table([Row(c, r) for r, c in enumerate(cells)], first_index + made, 3))
        made += 1
        cursor = rows[-1][2]
    out.extend(Paragraph(ln) for ln in lines[cursor:])
    return out, made


def read_cell_blocks(text: str, settings: RegroupSettings = DEFAULT_SETTINGS) -> list[Block] | None:
    """Paragraphs and regrouped tables of one-cell-per-line text; None when no table header is found."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    blocks_at = find_header_blocks(lines, settings)
    if not blocks_at:
        return None
    out: list[Block] = []
    cursor = 0
    n_tables = data_tables = 0
    for j, hb in enumerate(blocks_at):
        limit = blocks_at[j + 1].top if j + 1 < len(blocks_at) else len(lines)
        limit = min(limit, hb.body + settings.max_body_lines)
        body = lines[hb.body : limit]
        items = header_items(lines[hb.top : hb.numbers])
        candidates = [hb.numbered] if hb.numbered else column_candidates(items, settings)
        best: tuple[float, int, list[_RowCut]] | None = None
        for n_cols in candidates:
            roles = column_roles(header_rows(items, n_cols, hb.numbered, settings), n_cols)
            cost, rows = segment_rows(body, n_cols, settings, roles)
            if best is None or cost < best[0]:
                best = (cost, n_cols, rows)
        if best is None or not best[2]:
            continue
        _, n_cols, rows = best
        roles = column_roles(header_rows(items, n_cols, hb.numbered, settings), n_cols)
        body_kinds = [line_kind(ln) for ln in body]
        rows = [restack_values(row, body_kinds, roles) for row in rows]
        rows = [part for row in rows for part in split_sums_row(row, body_kinds, n_cols)]
        # a table does not end with group headings or a row of bare text: they open what follows
        while rows and not any(line_kind(ln) in _VALUE_KINDS for ln in body[rows[-1].start : rows[-1].end]):
            rows.pop()
        if not rows:
            continue
        between, made = _paragraphs_and_passports(lines[cursor : hb.top], n_tables, settings)
        out.extend(between)
        n_tables += made
        header = header_rows(items, n_cols, hb.numbered, settings)
        out.append(_body_table(body, rows, header, hb.numbered, n_cols, n_tables))
        n_tables += 1
        data_tables += 1
        cursor = hb.body + rows[-1].end
    if not data_tables:
        return None
    out.extend(_paragraphs_and_passports(lines[cursor:], n_tables, settings)[0])
    return out
