"""Find a table's header rows and map its columns to contract fields.

The chain is small and pure: ``header_row_count`` decides where the header
ends, ``column_paths`` reads each column's header texts top to bottom, and
``map_columns`` turns each path into a ``ColumnSpec`` with the vocabulary.
``analyse_table`` runs the chain for both table kinds and keeps the one the
header supports best.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..document import Cell, Table
from ..normalize.text import clean_text, fold
from .vocab import PhraseSet, Vocabulary, load_vocabulary

FUNDING = "funding"
INDICATORS = "indicators"

#: fields that make a header a funding table header
FUNDING_CORE = ("task", "measure")
FUNDING_MONEY = ("planned", "actual", "percent")
#: at most this many full-width rows (a caption) may stand above the header
MAX_CAPTION_ROWS = 2
#: a header has at most this many rows
MAX_HEADER_ROWS = 5

_YEAR_HEADER_RE = regex.compile(r"^(?:на\s+|у\s+|в\s+|за\s+)?(\d{4})(?:\s*(?:рік|року|р\.?|рр\.?))?$")
_INT_RE = regex.compile(r"^\d{1,2}\.?$")


@dataclass
class ColumnSpec:
    """What one grid column holds."""

    col: int
    field: str | None  # a vocabulary field, "ignore", or None when not understood
    header: str  # the column's header texts joined with " / "
    year: int | None = None
    source: str | None = None
    is_total: bool = False  # the printed total of a split planned/actual group

    @property
    def is_split(self) -> bool:
        return self.year is not None or self.source is not None


@dataclass
class TableLayout:
    """A table recognised as a funding or indicator table."""

    kind: str
    table: Table
    header_rows: int
    columns: list[ColumnSpec]
    score: int
    unknown: list[ColumnSpec] = field(default_factory=list)

    def cols(self, name: str) -> list[ColumnSpec]:
        return [c for c in self.columns if c.field == name]

    def first(self, name: str) -> ColumnSpec | None:
        found = self.cols(name)
        return found[0] if found else None


def _origin_cells(table: Table, r: int) -> list[Cell]:
    return table.rows[r].cells


def _is_numbering_row(texts: list[str]) -> bool:
    """A row of column numbers "1 2 3 …" printed under the header."""
    if len(texts) < 3 or not all(_INT_RE.match(t) for t in texts):
        return False
    nums = [int(t.rstrip(".")) for t in texts]
    return nums == sorted(nums) and nums[0] <= 2 and len(set(nums)) == len(nums)


def _header_like(text: str, columns: PhraseSet, vocab: Vocabulary) -> bool:
    folded = fold(text)
    if not folded:
        return True
    if _YEAR_HEADER_RE.match(folded):
        return True
    if vocab.indicator_groups.best(folded)[0] is not None:
        return False  # a group heading opens the body
    for phrases in (columns, vocab.funding_total_columns, vocab.funding_sources):
        if phrases.best(folded)[0] is not None:
            return True
    return False


def _row_fields(table: Table, r: int, columns: PhraseSet) -> set[str]:
    found = set()
    for cell in _origin_cells(table, r):
        name, _ = columns.best(fold(cell.text))
        if name and name != "ignore":
            found.add(name)
    return found


def header_row_count(table: Table, columns: PhraseSet, vocab: Vocabulary) -> int:
    """Number of header rows at the top of the table (0 when no header is recognised).

    The header opens with a row naming at least two known columns (after at
    most ``MAX_CAPTION_ROWS`` full-width caption rows) and goes on while every
    cell of a row is header-like (a known phrase, a year, a funding source,
    empty) or the row numbers the columns 1, 2, 3, ….
    """
    n = len(table.rows)
    start = None
    for r in range(min(n, MAX_CAPTION_ROWS + 1)):
        if len(_row_fields(table, r, columns)) >= 2:
            start = r
            break
        cells = [c for c in _origin_cells(table, r) if clean_text(c.text)]
        if len(cells) > 1:
            break
    if start is None:
        return 0
    end = start + 1
    while end < n and end - start < MAX_HEADER_ROWS:
        texts = [clean_text(c.text) for c in _origin_cells(table, end)]
        nonempty = [t for t in texts if t]
        if nonempty and _is_numbering_row(nonempty):
            end += 1
            continue
        if nonempty and all(_header_like(t, columns, vocab) for t in nonempty):
            # a row of only empty/covered cells is header only if the header's
            # vertical spans still cover it
            end += 1
            continue
        if not nonempty and _covered_by_header(table, end, start):
            end += 1
            continue
        break
    return end


def _covered_by_header(table: Table, r: int, start: int) -> bool:
    return any(c.row + c.row_span > r for row in table.rows[start:r] for c in row.cells if c.row_span > 1)


def column_paths(table: Table, header_rows: int) -> list[list[str]]:
    """Each column's distinct header texts, top to bottom (numbering rows left out)."""
    grid = table.grid()
    paths: list[list[str]] = []
    for c in range(table.n_cols):
        seen: list[int] = []
        texts: list[str] = []
        for r in range(header_rows):
            cell = grid[r][c]
            if cell is None or id(cell) in seen:
                continue
            seen.append(id(cell))
            text = clean_text(cell.text)
            if text and not _INT_RE.match(text):
                texts.append(text)
        paths.append(texts)
    return paths


def map_column(c: int, path: list[str], columns: PhraseSet, vocab: Vocabulary) -> ColumnSpec:
    """Turn one column's header path into a ColumnSpec."""
    spec = ColumnSpec(col=c, field=None, header=" / ".join(path))
    field_level = -1
    ignored = False
    for level, text in enumerate(path):
        name, _ = columns.best(fold(text))
        if name == "ignore":
            ignored = True
        elif name is not None:
            spec.field, field_level = name, level
    if spec.field is None and ignored:
        spec.field = "ignore"
    # a sub-header below the field's header splits it by year or by source
    if spec.field in ("planned", "actual") and len(path) > field_level + 1:
        leaf = path[-1]
        folded = fold(leaf)
        year = _YEAR_HEADER_RE.match(folded)
        if year:
            spec.year = int(year.group(1))
        elif vocab.funding_total_columns.best(folded)[0]:
            spec.is_total = True
        else:
            spec.source = leaf
    elif spec.field is None and path:
        # a year or source column with no planned/actual word anywhere above it
        year = _YEAR_HEADER_RE.match(fold(path[-1]))
        if year and len(path) == 1:
            spec.field, spec.year = "planned", int(year.group(1))
    return spec


def map_columns(table: Table, header_rows: int, columns: PhraseSet, vocab: Vocabulary) -> list[ColumnSpec]:
    return [map_column(c, p, columns, vocab) for c, p in enumerate(column_paths(table, header_rows))]


def _score(kind: str, specs: list[ColumnSpec]) -> int:
    fields = {s.field for s in specs}
    if kind == FUNDING:
        if not (fields & set(FUNDING_CORE)) or not (fields & set(FUNDING_MONEY)):
            return 0
        return len(fields & {"number", "task", "measure", "term", "executor", "planned", "actual", "percent"})
    if "name" not in fields or not (fields & {"planned", "actual", "unit"}):
        return 0
    return len(fields & {"number", "name", "unit", "planned", "actual", "reason", "remedy"})


def analyse_table(table: Table, vocab: Vocabulary | None = None) -> TableLayout | None:
    """Recognise a funding or indicator table by its header; None when it is neither."""
    vocab = vocab or load_vocabulary()
    best: TableLayout | None = None
    for kind, columns in ((FUNDING, vocab.funding_columns), (INDICATORS, vocab.indicator_columns)):
        header_rows = header_row_count(table, columns, vocab)
        if header_rows == 0:
            continue
        specs = map_columns(table, header_rows, columns, vocab)
        score = _score(kind, specs)
        if score and (best is None or score > best.score):
            unknown = [s for s in specs if s.field is None and s.header]
            best = TableLayout(kind, table, header_rows, specs, score, unknown)
    return best


def continue_layout(previous: TableLayout, table: Table) -> TableLayout | None:
    """A headerless table right after a recognised one, with the same width, continues it."""
    if table.n_cols != previous.table.n_cols:
        return None
    return TableLayout(previous.kind, table, 0, previous.columns, previous.score, [])
