"""Tables in a Word "TAB export" of a report (the seed text's convention).

The format
----------
Outside tables each line is one paragraph and an empty line is an empty
paragraph. In a table every cell starts on a line that begins with a TAB
(a *T-line*); the cell's further paragraphs follow on lines without a
leading TAB (they may be empty, because cells hold empty paragraphs); every
row ends with one empty line. A cell covered by a vertical merge is a lone
TAB, exactly like an empty cell, so it becomes an empty ``Cell``. A cell
spanning several columns appears once, so a row can have fewer cells than
the table has columns. A manual line break is just another line.

Call the lines between one T-line and the next the cell's *tail*. The
ambiguities and how they are settled:

1. **Where a table ends.** A table can only end after a tail line that is
   empty (the row end) and is followed by text (paragraphs between tables).
   A tail like that also occurs inside cells ("Створення", "", "(будівництво)
   …"). Walking forward, the table ends there when either

   * the tail holds two empty lines followed by text (row end + the empty
     paragraph that follows a table; cells rarely hold two empty paragraphs
     in the middle), or
   * continuing would make a row wider than any row so far in this table:
     the cells since the last possible row end plus the cells up to the next
     possible row end, or (when the tail also ends with an empty line, so a
     new row could start after it) the next row alone.

   The row end is then the first empty line of that double blank (or the
   first empty line), the lines before it close the cell and the lines after
   it are paragraphs. The last T-line of the file closes the last table the
   same way.
2. **Row ends.** Inside a table, an empty line right before a T-line is a row
   end or an empty paragraph closing the cell. All other tails are cell text.
   A dynamic programme over the possible row ends picks the partition into
   rows with the least cost: a row with the table's full column count costs
   how badly its cells fit their columns (below); a one-cell row spanning
   the width costs a little when it is empty (a spacer) and is followed by a
   text-led row or the table end, a little more when it holds text (a group
   heading), and much more when it holds a number or is a spacer before a
   data row; any other short row costs a little plus how badly its cells
   align with the columns (below); passing over a possible row end (keeping
   the empty line as a paragraph of the cell) costs ``TabbedSettings.cont_cost`` (more for
   an otherwise empty cell: Word exports an empty cell as a lone TAB). The
   column
   count ``W`` is chosen first with a profile-free version of the costs
   (missing columns priced flat, plus a small price per column beyond the
   widest minimal row) over a few candidates (sums of up to three adjacent
   minimal rows), then the partition is re-run with the alignment cost,
   which uses the column profile of the full rows. A "table" with fewer than
   two rows or columns was TAB-indented paragraphs and stays paragraphs.
3. **Spans.** A row with ``k < W`` cells has to place ``W - k`` extra columns.
   * One cell: it spans the whole width.
   * Header rows (the leading rows before the first row that holds a number
     or is a single cell), resolved bottom-up: a header cell spans the
     columns under which the row below has its own text (sub-headers);
     columns where the row below is empty (a lone TAB: the vertical merge of
     a single-column header) are not spanned, and one header does not stand
     over the same sub-header text twice (Рівне's "Усього, міський, обласний,
     інші" twice means two groups of four). Remaining ties put the spans
     further left (Полтава's "2021, 2022, 2023 | 2022": three and one).
     These rows, and a following row that numbers the columns 1, 2, 3 …,
     get ``Row.is_header``.
   * Other rows align by cell kind with the column profile: each column's
     shares of the kinds empty, dash, ordinal/integer ("1.", "2019", "ІІ."), other
     number ("1 250,5", "97,6%"), numbered text ("1.1 Ремонт", "I. Показники")
     and text, first from the full rows, then (a few rounds, one row at a
     time) from all other data rows as placed. A cell pays for how badly its
     kind fits the column it starts in (``_FIT``); a numeric cell never
     spans (high cost); a text cell may span, cheaply over text columns and
     less cheaply over numeric ones; an empty cell fits anywhere and spans
     cheaply. So numbers line up with the
     numeric columns on the right, and the text or empty cell next to the gap
     takes the span: the total row's "Усього" spans the label columns left of
     the amounts, and an indicator row whose explanation covers both
     "Причини" and "Що зроблено" gives that last cell two columns.

Everything is linear in the number of lines, apart from the row programme,
which is O(cells x W x W) per table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields

from ..document import Block, Cell, Paragraph, Row, Table
from .common.finder_settings import DEFAULT_FINDER_SETTINGS
from .common.tokens import is_dash, is_item_number, is_numbering_row, is_value, split_item_number

TAB = "\t"


@dataclass(frozen=True)
class TabbedSettings:
    """Costs and bounds of reading a TAB export's tables (validated on creation); see the module docstring."""

    #: T-lines needed before a text is treated as a TAB export
    min_tab_lines: int = 2
    #: column counts tried per table
    max_width_candidates: int = 6
    #: tables with more cells skip the alignment-aware second pass (it is the costly one) and keep the
    #: profile-free partition
    max_cells_for_alignment: int = 50_000
    #: at most this many rounds of re-placing short rows against the others
    realign_rounds: int = 3
    #: a row numbering the columns (1, 2, …, N) fixes their count when it has at least this many cells
    numbering_min_columns: int = 3
    #: tables need at least this many rows and columns, otherwise their lines were TAB-indented paragraphs
    min_table_rows: int = 2
    min_table_columns: int = 2
    #: cost of keeping a possible row end as an empty paragraph of the cell ...
    cont_cost: float = 0.3
    #: ... and extra for it when the cell is otherwise empty (Word exports an empty cell as a lone TAB; two
    #: empty paragraphs in one cell are rarer)
    cont_empty_cell_cost: float = 0.2
    #: cost of a one-cell row (it spans the width) ...
    one_cell_row_cost: float = 0.05
    #: ... and extra when it holds text (a heading) or a number (rare: headings are text and spacers empty)
    one_cell_text_cost: float = 0.15
    one_cell_number_cost: float = 1.0
    #: extra cost of an empty one-cell row (a spacer) followed by a row not starting with text: spacers stand
    #: before headings or end a table
    spacer_before_data_cost: float = 0.3
    #: base cost of any other row with fewer cells than columns
    short_row_cost: float = 0.05
    #: profile-free cost per missing column (used to choose the column count)
    missing_column_cost: float = 0.1
    #: cost per column beyond the widest minimal row (prefers the narrower grid)
    extra_width_cost: float = 0.05
    #: alignment costs (see the module docstring): the most a misplaced number / text costs at the start
    #: column, scaled by how badly it fits the column; a column with no profile yet
    number_misfit: float = 1.0
    text_misfit: float = 0.5
    unknown_column: float = 0.25
    #: cost of a cell also covering a further column: a number, a text (plus more over a numeric column),
    #: an empty cell
    number_span: float = 1.0
    text_span: float = 0.1
    text_span_over_number: float = 0.3
    empty_span: float = 0.1
    #: a header cell: per extra column it spans, and per empty column, repeated sub-header or cut cell under it
    header_span: float = 0.1
    header_span_over_empty: float = 1.0
    #: per-column bonus that breaks ties between equally good header placements
    tie_break: float = 1e-3

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise ValueError(f"{f.name} must be a number >= 0, got {value!r}")
        for name in ("min_tab_lines", "max_width_candidates", "max_cells_for_alignment", "realign_rounds",
                     "numbering_min_columns",
                     "min_table_rows", "min_table_columns"):
            if not isinstance(getattr(self, name), int) or getattr(self, name) < 1:
                raise ValueError(f"{name} must be a positive integer, got {getattr(self, name)!r}")
        if self.min_table_columns < 2:
            raise ValueError("a table has at least two columns (min_table_columns >= 2)")


DEFAULT_TABBED = TabbedSettings()


#: cell kinds: empty, a dash (no value), an ordinal or integer ("1.", "1.1",
#: "2019"), another number ("1 250,5", "97,6%"), numbered text ("1.1 Ремонт",
#: "I. Показники затрат"), other text
EMPTY, DASH, ORDINAL, DECIMAL, LABEL, TEXT = "E", "D", "O", "N", "L", "T"
_TEXTUAL = frozenset((LABEL, TEXT))
_NUMERIC = frozenset((DASH, ORDINAL, DECIMAL))
#: how well a cell of one kind fits a column holding another kind (symmetric)
_FIT = {
    (ORDINAL, DECIMAL): 0.5,
    (ORDINAL, DASH): 0.5,
    (DECIMAL, DASH): 0.9,
    (TEXT, DASH): 0.3,
    (TEXT, ORDINAL): 0.1,
    (TEXT, DECIMAL): 0.0,
    (LABEL, TEXT): 0.6,
    (LABEL, ORDINAL): 0.3,
    (LABEL, DASH): 0.3,
}


def _fit(a: str, b: str) -> float:
    if a == b:
        return 1.0
    return _FIT.get((a, b), _FIT.get((b, a), 0.0))


def looks_tabbed(text: str, settings: TabbedSettings = DEFAULT_TABBED) -> bool:
    """True when enough lines begin with a TAB to try the TAB-export reader."""
    count = text.count("\n" + TAB) + (1 if text.startswith(TAB) else 0)
    return count >= settings.min_tab_lines


@dataclass
class _Cell:
    first: str
    tail: list[str]
    kind: str = TEXT
    #: the cell's paragraphs when its row ends after it / when it does not
    content_break: list[str] = field(default_factory=list)
    content_cont: list[str] = field(default_factory=list)
    breakable: bool = False

    def raw_lines(self) -> list[str]:
        return [TAB + self.first, *self.tail]


def read_tabbed_blocks(text: str, max_columns: int = DEFAULT_FINDER_SETTINGS.max_columns,
                       settings: TabbedSettings = DEFAULT_TABBED) -> list[Block]:
    """Paragraphs and tables of a TAB-export text, in reading order; a table is at most ``max_columns`` wide
    (``FinderSettings.max_columns``, the widest table inferred from text in every reader)."""
    lines = _split_lines(text)
    blocks: list[Block] = []
    i = 0
    n = len(lines)
    while i < n and not lines[i].startswith(TAB):
        blocks.append(Paragraph(lines[i]))
        i += 1
    cells: list[_Cell] = []
    while i < n:
        j = i + 1
        while j < n and not lines[j].startswith(TAB):
            j += 1
        cells.append(_Cell(first=lines[i][1:], tail=lines[i + 1 : j]))
        i = j
    table_index = 0
    for group, after in _split_tables(cells):
        table = _build_table(group, table_index, max_columns, settings)
        if table is None:
            for c in group:
                blocks.extend(Paragraph(line) for line in c.raw_lines())
        else:
            blocks.append(table)
            table_index += 1
        blocks.extend(Paragraph(line) for line in after)
    return blocks


def _split_lines(text: str) -> list[str]:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if "\f" in text:  # page breaks carry no structure here
        lines = [ln.replace("\f", "") for ln in lines if ln.strip("\f") or not ln]
    return lines


# -- 1. table ends --------------------------------------------------------------------------


def _end_candidate(tail: list[str]) -> tuple[int | None, bool]:
    """Where a table could end in this tail: (index of the row-end line, strong?).

    Strong: two empty lines followed by text. Otherwise the first empty line
    that has text after it. None when the tail cannot end a table.
    """
    last_text = max((k for k, ln in enumerate(tail) if ln != ""), default=-1)
    first_blank = None
    for k in range(len(tail) - 1):
        if tail[k] == "" and k < last_text:
            if first_blank is None:
                first_blank = k
            if tail[k + 1] == "" and k + 1 < last_text:
                return k, True
    return first_blank, False


def _overflows(k: int, k_next: int, widest: int, can_break_row: bool) -> bool:
    """Would keeping the table going make a row wider than any so far?

    When the tail also ends in an empty line, the table can go on with a new
    row (``k_next`` cells); otherwise the current row goes on (``k + k_next``).
    """
    return (k_next if can_break_row else k + k_next) > widest


def _split_tables(cells: list[_Cell]) -> list[tuple[list[_Cell], list[str]]]:
    """Group cells into tables; return (cells, paragraph lines after the table) pairs.

    The last cell of each group has its tail cut at the row end.
    """
    n = len(cells)
    if not n:
        return []
    breakable = [bool(c.tail) and c.tail[-1] == "" for c in cells]
    ends = [_end_candidate(c.tail) for c in cells]
    # cells from i up to and including the next possible row end (or table end)
    to_break = [0] * (n + 1)
    for i in range(n - 1, -1, -1):
        stop = breakable[i] or ends[i][0] is not None or i == n - 1
        to_break[i] = 1 if stop else 1 + to_break[i + 1]
    out: list[tuple[list[_Cell], list[str]]] = []
    start = 0
    widest = 0
    k = 0
    for i, cell in enumerate(cells):
        k += 1
        last = i == n - 1
        e, strong = ends[i]
        if last:
            if e is None and "" in cell.tail:
                e = cell.tail.index("")
        elif e is None or not (strong or (widest > 0 and _overflows(k, to_break[i + 1], widest, breakable[i]))):
            if breakable[i]:
                widest = max(widest, k)
                k = 0
            continue
        group = cells[start : i + 1]
        tail = cell.tail
        if e is None:
            after: list[str] = []
            cut = _Cell(first=cell.first, tail=[*tail, ""])  # an implied row end
        else:
            after = tail[e + 1 :]
            cut = _Cell(first=cell.first, tail=tail[: e + 1])
        group[-1] = cut
        out.append((group, after))
        start = i + 1
        widest = 0
        k = 0
    return out


# -- 2. rows -----------------------------------------------------------------------------------


def is_number_cell_text(text: str) -> bool:
    """Whether a cell line is what a table's number column holds: an ordinal or integer ("1.", "2.1", "2019")
    or a Roman group numeral with its dot, in Latin or Cyrillic letters ("II.", "ІІ.", "ІV.").

    A task heading row prints its numeral alone in the № cell and the task's title over the rest of the
    width, as a two-cell row of a TAB export; every numeral has to be the same kind of cell so that the row
    is placed by what it holds (the numeral in the number column, the title over the rest) whichever numeral
    it is, and so that the row ends the header zone like any other numbered row. A bare Roman letter ("І",
    "V") without its dot stays text: it is as likely a word or a unit.
    """
    return is_item_number(text, any_length=True) or is_item_number(text, roman=True, dotted=True)


def _classify(text: str) -> str:
    """The kind of a cell: EMPTY, DASH, ORDINAL, DECIMAL, LABEL or TEXT (see ``_FIT``)."""
    kinds = set()
    for line in text.split("\n"):
        p = line.strip()
        if not p:
            continue
        if is_dash(p):
            kinds.add(DASH)
        elif is_number_cell_text(p):
            kinds.add(ORDINAL)
        elif is_value(p):
            kinds.add(DECIMAL)
        else:
            return TEXT if kinds or not split_item_number(p, roman=True, glued=True, any_length=True) else LABEL
    if not kinds:
        return EMPTY
    if len(kinds) == 1:
        return kinds.pop()
    return DECIMAL if kinds & {ORDINAL, DECIMAL} else DASH


def _prepare(cells: list[_Cell]) -> None:
    for idx, c in enumerate(cells):
        c.breakable = bool(c.tail) and c.tail[-1] == ""
        c.content_cont = list(c.tail)
        c.content_break = c.tail[:-1] if c.breakable else list(c.tail)
        c.kind = _classify("\n".join([c.first, *c.tail]))
    cells[-1].breakable = True  # _split_tables cut it at its row end


def _partition(cells: list[_Cell], width: int, settings: TabbedSettings, short_cost, full_cost=None
               ) -> tuple[float, list[int]]:
    """Least-cost row ends (as exclusive cell indices) for a table of ``width`` columns.

    ``short_cost(i, j)`` prices a row of cells i..j-1 with fewer cells than
    columns (on top of ``settings.short_row_cost``), ``full_cost(i, j)`` a full one.
    """
    n = len(cells)
    cand_prefix = [0.0] * (n + 1)
    for i, c in enumerate(cells):
        cand_prefix[i + 1] = cand_prefix[i] + (_cont_cost(c, settings) if c.breakable else 0.0)
    dp = [math.inf] * (n + 1)
    back = [-1] * (n + 1)
    dp[0] = 0.0
    for j in range(1, n + 1):
        if not cells[j - 1].breakable:
            continue
        best = math.inf
        arg = -1
        for i in range(max(0, j - width), j):
            if dp[i] == math.inf:
                continue
            k = j - i
            if k == width:
                rc = full_cost(i, j) if full_cost else 0.0
            elif k == 1:
                kind = cells[i].kind
                rc = settings.one_cell_row_cost + (
                    0.0 if kind == EMPTY else settings.one_cell_text_cost if kind in _TEXTUAL
                    else settings.one_cell_number_cost)
                if kind == EMPTY and j < n and cells[j].kind not in _TEXTUAL:
                    rc += settings.spacer_before_data_cost
            else:
                rc = settings.short_row_cost + short_cost(i, j)
            passed = cand_prefix[j - 1] - cand_prefix[i]
            cost = dp[i] + rc + passed
            if cost < best:
                best = cost
                arg = i
        dp[j] = best
        back[j] = arg
    ends = []
    j = n
    while j > 0:
        ends.append(j)
        j = back[j]
        if j < 0:
            return math.inf, []
    return dp[n], ends[::-1]


def _cont_cost(cell: _Cell, settings: TabbedSettings) -> float:
    """Cost of keeping the empty line that ends ``cell``'s tail as its paragraph."""
    if cell.kind == EMPTY:
        return settings.cont_cost + settings.cont_empty_cell_cost
    return settings.cont_cost


def _width_candidates(cells: list[_Cell], max_columns: int, settings: TabbedSettings) -> list[int]:
    """Column counts worth trying: the widest minimal row first, then the
    commonest sums of two or three adjacent minimal rows (at most
    ``settings.max_width_candidates`` in all)."""
    fine: list[int] = []
    k = 0
    for c in cells:
        k += 1
        if c.breakable:
            fine.append(k)
            k = 0
    widest = max(fine)
    counts: dict[int, int] = {}
    for a in range(len(fine)):
        total = fine[a]
        for b in range(a + 1, min(a + 3, len(fine))):
            total += fine[b]
            if widest < total <= max_columns:
                counts[total] = counts.get(total, 0) + 1
    others = sorted(counts, key=lambda w: (-counts[w], w))[: settings.max_width_candidates - 1]
    return [widest, *sorted(others)]


def _numbering_width(cells: list[_Cell], settings: TabbedSettings) -> int | None:
    """N when a minimal row (cells up to a possible row end) numbers the columns 1, 2, …, N (N at least
    ``settings.numbering_min_columns``)."""
    start = 0
    for k, c in enumerate(cells):
        if c.breakable:
            texts = [x.first for x in cells[start:k + 1]]
            if len(texts) >= settings.numbering_min_columns and _is_column_numbers(texts):
                return len(texts)
            start = k + 1
    return None


def _rows_from_ends(ends: list[int]) -> list[tuple[int, int]]:
    rows = []
    start = 0
    for e in ends:
        rows.append((start, e))
        start = e
    return rows


def _header_zone(cells: list[_Cell], rows: list[tuple[int, int]]) -> int:
    """Number of leading header rows: rows before the first that holds a number
    (a dash is no number) or is a single cell (a group heading)."""
    for r, (a, b) in enumerate(rows):
        if b - a == 1 or any(c.kind in (ORDINAL, DECIMAL) for c in cells[a:b]):
            return r
    return len(rows)


def _is_column_numbers(texts: list[str]) -> bool:
    """A row that numbers the columns 1, 2, 3, … (printed under the header)."""
    return len(texts) > 1 and is_numbering_row([t.strip() for t in texts], dot=True, start=1)


Profile = list["dict[str, float] | None"]


def _profile(cells: list[_Cell], rows: list[tuple[int, int]], width: int, skip: int) -> Profile:
    """Per column, the shares of the non-empty cell kinds in the full rows below the header."""
    counts: list[dict[str, int]] = [{} for _ in range(width)]
    for r, (a, b) in enumerate(rows):
        if r < skip or b - a != width:
            continue
        for col, c in enumerate(cells[a:b]):
            if c.kind != EMPTY:
                counts[col][c.kind] = counts[col].get(c.kind, 0) + 1
    out: Profile = []
    for col in counts:
        total = sum(col.values())
        out.append({k: v / total for k, v in col.items()} if total else None)
    return out


def _placed_counts(cells: list[_Cell], a: int, b: int, spans: list[int], width: int) -> list[dict[str, int]]:
    counts: list[dict[str, int]] = [{} for _ in range(width)]
    col = 0
    for c, span in zip(cells[a:b], spans):
        if c.kind != EMPTY:
            counts[col][c.kind] = counts[col].get(c.kind, 0) + 1
        col += span
    return counts


def _shares(counts: list[dict[str, int]]) -> Profile:
    out: Profile = []
    for col in counts:
        total = sum(col.values())
        out.append({k: v / total for k, v in col.items() if v} if total else None)
    return out


def _realign_short_rows(
    cells: list[_Cell], rows: list[tuple[int, int]], spans_by_row: list[list[int]], width: int, skip: int,
    settings: TabbedSettings,
) -> bool:
    """Place each short data row again, against the profile of all *other*
    data rows of two or more cells as placed (a table with few full rows has
    a thin profile of full rows; leaving the row out keeps a misplaced row
    from confirming itself). Return whether any row moved."""
    per_row = {
        r: _placed_counts(cells, a, b, spans_by_row[r], width)
        for r, (a, b) in enumerate(rows)
        if r >= skip and b - a >= 2 and spans_by_row[r]
    }
    total: list[dict[str, int]] = [{} for _ in range(width)]
    for counts in per_row.values():
        _add_counts(total, counts, +1)
    changed = False
    for r, own in per_row.items():
        a, b = rows[r]
        if not 1 < b - a < width:
            continue
        _add_counts(total, own, -1)
        spans = _type_alignment([c.kind for c in cells[a:b]], width, _shares(total), settings)[1]
        if spans and spans != spans_by_row[r]:
            spans_by_row[r] = spans
            own = _placed_counts(cells, a, b, spans, width)
            changed = True
        _add_counts(total, own, +1)  # sequential updates: later rows see this one
    return changed


def _add_counts(total: list[dict[str, int]], counts: list[dict[str, int]], sign: int) -> None:
    for col, d in enumerate(counts):
        for k, v in d.items():
            total[col][k] = total[col].get(k, 0) + sign * v


def _numeric_share(column: "dict[str, float] | None") -> float:
    if column is None:
        return 0.5
    return sum(v for k, v in column.items() if k in _NUMERIC)


def _start_cost(kind: str, column: "dict[str, float] | None", settings: TabbedSettings) -> float:
    """Cost of a cell of ``kind`` starting in a column with this profile."""
    if kind == EMPTY:
        return 0.0
    if column is None:
        return settings.unknown_column
    fit = sum(share * _fit(kind, k) for k, share in column.items())
    return (settings.text_misfit if kind in _TEXTUAL else settings.number_misfit) * (1.0 - fit)


def _extend_cost(kind: str, column: "dict[str, float] | None", settings: TabbedSettings) -> float:
    """Cost of a cell of ``kind`` also covering a column with this profile."""
    if kind in _NUMERIC:
        return settings.number_span
    if kind == EMPTY:
        return settings.empty_span
    return settings.text_span + settings.text_span_over_number * _numeric_share(column)


def _align(kinds: list[str], width: int, start_cost, extend_cost) -> tuple[float, list[int]]:
    """Place k cells over ``width`` columns in order; return (cost, spans).

    ``start_cost(m, c)``: cell m starts at column c; ``extend_cost(m, c)``:
    cell m also covers column c. O(k x width).
    """
    k = len(kinds)
    if k > width or k == 0:
        return math.inf, []
    inf = math.inf
    # f[c][m]: best cost with columns 0..c placed and column c covered by cell m
    f = [[inf] * k for _ in range(width)]
    src = [[False] * k for _ in range(width)]  # True: column c started cell m
    f[0][0] = start_cost(0, 0)
    src[0][0] = True
    for c in range(1, width):
        lo = max(0, k - (width - c))
        hi = min(k - 1, c)
        for m in range(lo, hi + 1):
            ext = f[c - 1][m] + extend_cost(m, c) if f[c - 1][m] < inf else inf
            new = f[c - 1][m - 1] + start_cost(m, c) if m > 0 and f[c - 1][m - 1] < inf else inf
            if new <= ext:
                f[c][m] = new
                src[c][m] = True
            else:
                f[c][m] = ext
    total = f[width - 1][k - 1]
    if total == inf:
        return inf, []
    spans = [0] * k
    m = k - 1
    for c in range(width - 1, -1, -1):
        spans[m] += 1
        if src[c][m]:
            m -= 1
    return total, spans


def _type_alignment(kinds: list[str], width: int, profile: Profile, settings: TabbedSettings
                    ) -> tuple[float, list[int]]:
    return _align(
        kinds,
        width,
        lambda m, c: _start_cost(kinds[m], profile[c], settings),
        lambda m, c: _extend_cost(kinds[m], profile[c], settings),
    )


def _header_alignment(k: int, width: int, below: list[tuple[int, str]], settings: TabbedSettings = DEFAULT_TABBED
                      ) -> tuple[float, list[int]]:
    """Spans of a header row's ``k`` cells from the row below it.

    ``below[c]`` is (identity of the cell covering column c, its text). A
    header cell spanning columns a..b-1 should stand over sub-headers: each
    empty column under it costs ``header_span_over_empty``, so does a
    sub-header text repeated under the same header (Рівне's "Усього, міський,
    обласний, інші" twice means two groups of four) and a cut through a cell
    below. Each extra column costs ``header_span``; ties go to the placement
    whose spans lie further left. O(width^3 + k x width^2).
    """
    if k > width or k == 0:
        return math.inf, []
    inf = math.inf
    # seg[a][b]: cost of one header cell over columns a..b-1
    seg = [[inf] * (width + 1) for _ in range(width + 1)]
    for a in range(width):
        seen: set[str] = set()
        empties = repeats = 0
        for b in range(a + 1, width + 1):
            c = b - 1
            cid, text = below[c]
            key = text.strip()
            if not key:
                empties += 1
            elif c == a or cid != below[c - 1][0]:
                if key in seen:
                    repeats += 1
                seen.add(key)
            span = b - a
            cost = 0.0 if span == 1 else (settings.header_span * (span - 1)
                                          + settings.header_span_over_empty * (empties + repeats))
            if a > 0 and below[a - 1][0] == below[a][0]:
                cost += settings.header_span_over_empty
            if b < width and below[b - 1][0] == below[b][0]:
                cost += settings.header_span_over_empty
            seg[a][b] = cost - settings.tie_break * a
    g = [[inf] * (width + 1) for _ in range(k + 1)]
    arg = [[-1] * (width + 1) for _ in range(k + 1)]
    g[0][0] = 0.0
    for m in range(1, k + 1):
        for b in range(m, width - (k - m) + 1):
            best, ba = inf, -1
            for a in range(m - 1, b):
                if g[m - 1][a] == inf or seg[a][b] == inf:
                    continue
                v = g[m - 1][a] + seg[a][b]
                if v < best:
                    best, ba = v, a
            g[m][b] = best
            arg[m][b] = ba
    if g[k][width] == inf:
        return inf, []
    spans = []
    b = width
    for m in range(k, 0, -1):
        a = arg[m][b]
        spans.append(b - a)
        b = a
    return g[k][width], spans[::-1]


# -- 3. the table ------------------------------------------------------------------------------


def _build_table(cells: list[_Cell], index: int, max_columns: int, settings: TabbedSettings = DEFAULT_TABBED
                 ) -> Table | None:
    """Rows, column count and spans for one table; None when it is no table."""
    _prepare(cells)
    best: tuple[float, int, list[int]] | None = None
    candidates = _width_candidates(cells, max_columns, settings)
    widest = candidates[0]
    if _numbering_width(cells, settings) == widest:
        candidates = [widest]  # a row numbering the columns 1, 2, …, N under the header fixes their count
    if widest > max_columns:
        return None  # a run of TAB-led lines with no row ends: indented paragraphs
    for width in candidates:
        cost, ends = _partition(cells, width, settings,
                                lambda i, j, w=width: settings.missing_column_cost * (w - (j - i)))
        cost += settings.extra_width_cost * (width - widest)
        if ends and (best is None or cost < best[0]):
            best = (cost, width, ends)
    if best is None:
        return None
    _, width, ends = best
    rows = _rows_from_ends(ends)
    zone = _header_zone(cells, rows)
    profile = _profile(cells, rows, width, zone)
    memo: dict[tuple[int, int], float] = {}

    def short_cost(i: int, j: int) -> float:
        key = (i, j)
        if key not in memo:
            memo[key] = _type_alignment([c.kind for c in cells[i:j]], width, profile, settings)[0]
        return memo[key]

    def full_cost(i: int, j: int) -> float:
        return sum(_start_cost(c.kind, profile[col], settings) for col, c in enumerate(cells[i:j]))

    if len(cells) <= settings.max_cells_for_alignment:
        _, ends2 = _partition(cells, width, settings, short_cost, full_cost)
        if ends2:
            rows = _rows_from_ends(ends2)
    if len(rows) < settings.min_table_rows or width < settings.min_table_columns:
        return None
    zone = _header_zone(cells, rows)
    profile = _profile(cells, rows, width, zone)

    ends_set = {b for _, b in rows}
    texts = []
    for idx, c in enumerate(cells):
        content = c.content_break if (idx + 1) in ends_set else c.content_cont
        texts.append("\n".join([c.first, *content]))

    spans_by_row: list[list[int]] = [[] for _ in rows]
    # data rows first (type alignment), header rows bottom-up (alignment with the row below)
    for r, (a, b) in enumerate(rows):
        k = b - a
        if k == width:
            spans_by_row[r] = [1] * k
        elif k == 1:
            spans_by_row[r] = [width]
        elif r >= zone:
            spans_by_row[r] = _type_alignment([c.kind for c in cells[a:b]], width, profile, settings)[1]
    # refine against the profile of the other rows as placed, until stable
    for _ in range(settings.realign_rounds):
        if not _realign_short_rows(cells, rows, spans_by_row, width, zone, settings):
            break
    for r in range(min(zone, len(rows)) - 1, -1, -1):
        if spans_by_row[r]:
            continue
        a, b = rows[r]
        below = _below_vector(rows, spans_by_row, texts, r, width)
        if below is None:
            spans_by_row[r] = _type_alignment([c.kind for c in cells[a:b]], width, profile, settings)[1]
        else:
            spans_by_row[r] = _header_alignment(b - a, width, below, settings)[1]

    header_rows = zone
    if zone < len(rows) and zone > 0 and _is_column_numbers(texts[rows[zone][0] : rows[zone][1]]):
        header_rows += 1
    table_rows: list[Row] = []
    for r, (a, b) in enumerate(rows):
        col = 0
        out_cells = []
        for idx, span in zip(range(a, b), spans_by_row[r]):
            out_cells.append(Cell(text=texts[idx], row=r, col=col, row_span=1, col_span=span))
            col += span
        table_rows.append(Row(cells=out_cells, index=r, is_header=r < header_rows))
    return Table(rows=table_rows, index=index, n_cols=width)


def _below_vector(
    rows: list[tuple[int, int]], spans_by_row: list[list[int]], texts: list[str], r: int, width: int
) -> list[tuple[int, str]] | None:
    """(cell identity, text) per column of the nearest resolved row below with ≥ 2 cells."""
    for rb in range(r + 1, len(rows)):
        a, b = rows[rb]
        if b - a < 2 or not spans_by_row[rb]:
            continue
        vec: list[tuple[int, str]] = []
        for idx, span in zip(range(a, b), spans_by_row[rb]):
            vec.extend([(idx, texts[idx])] * span)
        return vec[:width]
    return None
