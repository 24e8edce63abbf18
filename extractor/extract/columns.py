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
from ..readers.common.tokens import column_number, has_decimals, is_dash, is_numbering_row
from ..settings import DEFAULT_EXTRACT, ExtractSettings
from .classify import DEFAULT_CLASSIFY, Inferred, classify_columns, text_stem_field
from .vocab import PhraseSet, Vocabulary, load_vocabulary

FUNDING = "funding"
INDICATORS = "indicators"

#: fields that make a header a funding table header
FUNDING_CORE = ("task", "measure")
FUNDING_MONEY = ("planned", "actual", "percent")



@dataclass
class ColumnSpec:
    """What one grid column holds."""

    col: int
    field: str | None  # a vocabulary field, "ignore", or None when not understood
    header: str  # the column's header texts joined with " / "
    year: int | None = None
    source: str | None = None
    is_total: bool = False  # the printed total of a split planned/actual group
    is_year_total: bool = False  # a year's total beside the year's funding-source columns

    @property
    def is_split(self) -> bool:
        return (self.year is not None or self.source is not None) and not self.is_year_total


@dataclass
class TableLayout:
    """A table recognised as a funding or indicator table."""

    kind: str
    table: Table
    header_rows: int
    columns: list[ColumnSpec]
    score: int
    unknown: list[ColumnSpec] = field(default_factory=list)
    #: rows from here on are not data (a signature block glued to the table)
    body_end: int = -1
    #: columns the vocabulary does not know, classified from their words, content and position
    inferred: list[Inferred] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.body_end < 0:
            self.body_end = len(self.table.rows)

    def cols(self, name: str) -> list[ColumnSpec]:
        return [c for c in self.columns if c.field == name]

    def first(self, name: str) -> ColumnSpec | None:
        found = self.cols(name)
        return found[0] if found else None


def _origin_cells(table: Table, r: int) -> list[Cell]:
    return table.rows[r].cells


def _is_numbering_row(texts: list[str]) -> bool:
    """A row of column numbers "1 2 3 …" printed under the header."""
    return is_numbering_row(texts, gaps=True, dot=True)


def _header_like(text: str, columns: PhraseSet, vocab: Vocabulary) -> bool:
    folded = fold(text)
    if not folded:
        return True
    if vocab.year_header.match(folded) or _is_unit(text, vocab):
        return True
    if vocab.indicator_groups.best(folded)[0] is not None:
        return False  # a group heading opens the body
    for phrases in (columns, vocab.funding_total_columns, vocab.funding_sources, vocab.column_words):
        if phrases.best(folded)[0] is not None:
            return True
    return False


def _is_unit(text: str, vocab: Vocabulary) -> bool:
    """A header cell that only names a unit ("тис. грн", "(грн)", "%")."""
    return bool(vocab.unit_header.match(clean_text(text)))


def _row_fields(table: Table, r: int, columns: PhraseSet, vocab: Vocabulary) -> set[str]:
    """The fields a row's cells name: by the column vocabulary, and by planned/actual/percent word
    stems and the text-column stems of the table's kind (on a header's first word) where the vocabulary
    names at least one."""
    found, by_words = set(), set()
    kind = FUNDING if columns is vocab.funding_columns else INDICATORS
    for cell in _origin_cells(table, r):
        folded = fold(cell.text)
        name, _ = columns.best(folded)
        if name and name != "ignore":
            found.add(name)
        elif name is None:
            by_words.add(vocab.column_words.best(folded)[0])
            text = text_stem_field(cell.text, kind, vocab) if folded else None
            by_words.add(text[0] if text else None)
    return found | (by_words - {None}) if found else found


def header_row_count(table: Table, columns: PhraseSet, vocab: Vocabulary,
                     settings: ExtractSettings = DEFAULT_EXTRACT) -> int:
    """Number of header rows at the top of the table (0 when no header is recognised).

    The header opens with a row naming at least two known columns (after at
    most ``settings.max_caption_rows`` full-width caption rows) and goes on while every
    cell of a row is header-like (a known phrase, a year, a funding source,
    empty) or the row numbers the columns 1, 2, 3, …, for at most ``settings.max_header_rows`` rows.
    """
    n = len(table.rows)
    start = None
    for r in range(min(n, settings.max_caption_rows + 1)):
        if len(_row_fields(table, r, columns, vocab)) >= 2:
            start = r
            break
        cells = [c for c in _origin_cells(table, r) if clean_text(c.text)]
        if len(cells) > 1:
            break
    if start is None:
        return 0
    end = start + 1
    while end < n and end - start < settings.max_header_rows:
        cells = [c for c in _origin_cells(table, end) if clean_text(c.text)]
        if len(cells) == 1 and cells[0].col_span >= table.n_cols - 1 > 0:
            break  # a full-width row below the header is a heading of the body
        nonempty = [clean_text(c.text) for c in cells]
        if nonempty and _is_numbering_row(nonempty):
            end += 1
            continue
        if nonempty and (all(_header_like(t, columns, vocab) for t in nonempty)
                         or _under_group_headers(table, end, start, cells)):
            # a row of only empty/covered cells is header only if the header's
            # vertical spans still cover it
            end += 1
            continue
        if not nonempty and _covered_by_header(table, end, start):
            end += 1
            continue
        break
    return end


def _under_group_headers(table: Table, r: int, start: int, cells: list[Cell]) -> bool:
    """Every text cell of row r stands under a header cell spanning several columns (a sub-header row)."""
    groups = [c for row in table.rows[start:r] for c in row.cells if c.col_span > 1]
    if not groups:
        return False
    for cell in cells:
        if has_decimals(cell.text) or is_dash(cell.text):
            return False
        if not any(g.col <= cell.col < g.col + g.col_span for g in groups):
            return False
    return True


def _covered_by_header(table: Table, r: int, start: int) -> bool:
    return any(c.row + c.row_span > r for row in table.rows[start:r] for c in row.cells if c.row_span > 1)


_BROKEN_TAIL_RE = regex.compile(r"(?<=\p{Ll})[ \t]*\n[ \t]*(\p{Ll}{1,2})(?=[\s,.;:)]|$)")


def glue_broken_words(text: str) -> str:
    """Re-join a word a narrow header cell broke without a hyphen ("виконанн\nя", "державни\nй бюджет").

    Only a tail of one or two lower-case letters alone at a line start is
    glued back: no Ukrainian word of the header vocabulary is that short.
    """
    return _BROKEN_TAIL_RE.sub(r"\1", text)


def _match_length(text: str, columns: PhraseSet, vocab: Vocabulary) -> int:
    folded = fold(text)
    return max(p.best(folded)[1] for p in (columns, vocab.funding_sources, vocab.funding_total_columns))


def _best_reading(text: str, columns: PhraseSet, vocab: Vocabulary) -> str:
    """The cell text, with broken words glued back only when that makes it a known header."""
    plain = clean_text(text)
    glued = clean_text(glue_broken_words(text))
    if glued != plain and _match_length(glued, columns, vocab) > _match_length(plain, columns, vocab):
        return glued
    return plain


def column_paths(table: Table, header_rows: int, columns: PhraseSet, vocab: Vocabulary) -> list[list[str]]:
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
            text = _best_reading(cell.text, columns, vocab)
            if text and column_number(text, dot=True) is None:
                texts.append(text)
        paths.append(texts)
    return paths


def map_column(c: int, path: list[str], columns: PhraseSet, vocab: Vocabulary) -> ColumnSpec:
    """Turn one column's header path into a ColumnSpec.

    The deepest header that names a field decides the field ("Обсяг
    фінансування" / "2021" / "план" is planned); the other levels may split it
    by year ("2021 рік"), by funding source ("міський бюджет", or any other
    sub-header under a planned/actual header) or mark the printed total
    ("Усього").
    """
    spec = ColumnSpec(col=c, field=None, header=" / ".join(path))
    field_level = -1
    ignored = False
    others: list[tuple[int, str]] = []
    for level, text in enumerate(path):
        folded = fold(text)
        year = vocab.year_header.match(folded)
        if year:
            spec.year = int(year.group(1))
            continue
        if vocab.funding_total_columns.starts(folded)[0] and len(folded) < 30:
            spec.is_total = True
            continue
        name, _ = columns.best(folded)
        if name == "ignore":
            ignored = True
        elif name is not None and not vocab.funding_sources.best(folded)[0]:
            spec.field, field_level = name, level
        else:
            others.append((level, text))
    if spec.field is None:
        if spec.year is not None and len(path) == 1:
            spec.field = "planned"  # a bare year column under no money header
        elif ignored:
            spec.field = "ignore"
        spec.is_total = False
        return spec
    if spec.field in ("planned", "actual"):
        below = [text for level, text in others if level > field_level and not _is_unit(text, vocab)]
        if below and not spec.is_total:
            spec.source = below[-1]
        if spec.year is not None and spec.is_total:
            spec.is_year_total = True  # "2023 рік" / "Усього" beside that year's sources
        elif spec.is_split:
            spec.is_total = False
    else:
        spec.year, spec.is_total = None, False
    return spec


def map_columns(table: Table, header_rows: int, columns: PhraseSet, vocab: Vocabulary) -> list[ColumnSpec]:
    specs = [map_column(c, p, columns, vocab) for c, p in enumerate(column_paths(table, header_rows, columns, vocab))]
    numbers = [s for s in specs if s.field == "number"]
    if len(numbers) > 1 and not any(s.field == "measure_number" for s in specs):
        # "№ з/п" twice: the task's number, then the measure's
        numbers[1].field = "measure_number"
    for spec in specs:
        if spec.field in (None, "ignore") and "%" in spec.header and "відхил" not in fold(spec.header):
            spec.field = "percent"  # "Стан виконання, %": a percent column named by its sign
    return specs


def _score(kind: str, specs: list[ColumnSpec]) -> int:
    return _score_fields(kind, {s.field for s in specs})


def _score_fields(kind: str, fields: set[str | None]) -> int:
    if kind == FUNDING:
        if not (fields & set(FUNDING_CORE)) or not (fields & set(FUNDING_MONEY)):
            return 0
        return len(fields & {"number", "task", "measure", "term", "executor", "planned", "actual", "percent"})
    if "name" not in fields or not (fields & {"planned", "actual", "unit"}):
        return 0
    return len(fields & {"number", "name", "unit", "planned", "actual", "reason", "remedy"})


def _worth_inferring(kind: str, specs: list[ColumnSpec], vocab: Vocabulary) -> bool:
    """The vocabulary (or a planned/actual/percent word stem) names a text or money column of the kind: the
    table may be one, worth classifying the rest."""
    fields = {s.field for s in specs} | {vocab.column_words.best(fold(s.header))[0] for s in specs if s.field is None}
    fields |= {found[0] for s in specs if s.field is None and s.header
               for found in [text_stem_field(s.header, kind, vocab)] if found}
    if kind == FUNDING:
        return bool(fields & {*FUNDING_CORE, *FUNDING_MONEY})
    # the reason or remedy columns are an indicator table's own
    return bool("name" in fields or fields & {"reason", "remedy"} or (fields & {"unit"} and fields & {"planned", "actual"}))


def _source_groups(specs: list[ColumnSpec], vocab: Vocabulary) -> dict[int, list[ColumnSpec]]:
    """Unread columns under one header the vocabulary lacks, split by sub-headers that are neither years nor a
    total ("Потреба в коштах" / "державний бюджет", "міський бюджет"): first column -> the group's columns."""
    groups: dict[str, list[ColumnSpec]] = {}
    for spec in specs:
        if spec.field is None and spec.year is None and " / " in spec.header:
            groups.setdefault(spec.header.split(" / ", 1)[0], []).append(spec)
    out = {}
    for members in groups.values():
        subs = [m.header.split(" / ", 1)[1] for m in members]
        parts = [s for s in subs if not vocab.funding_total_columns.starts(fold(s))[0]]
        if len(members) > 1 and parts and [m.col for m in members] == list(range(members[0].col, members[-1].col + 1)):
            out[members[0].col] = members
    return out


def infer_columns(kind: str, table: Table, header_rows: int, specs: list[ColumnSpec], vocab: Vocabulary,
                  settings: ExtractSettings = DEFAULT_EXTRACT) -> list[Inferred]:
    """Classify the columns the vocabulary left unread (classify.py) and set their fields.

    A group of columns under one unknown header split by funding sources is classified as one column (its
    first), and every column of it takes the field: the sources' columns as parts of the breakdown, a "Усього"
    column as the printed total.
    """
    if not any(s.field is None and s.header for s in specs) or not _worth_inferring(kind, specs, vocab):
        return []
    # a "Усього" sub-header under a header the vocabulary lacks: the printed total beside the year columns
    totals = {s.col for s in specs if s.field is None and " / " in s.header
              and vocab.funding_total_columns.starts(fold(s.header.rsplit(" / ", 1)[1]))[0]}
    groups = _source_groups(specs, vocab) if kind == FUNDING else {}
    hidden = {m.col for members in groups.values() for m in members[1:]}
    fields = {s.col: ("ignore" if s.col in hidden else s.field) for s in specs}
    headers = {s.col: (s.header.split(" / ", 1)[0] if s.col in groups else s.header) for s in specs}
    inferred = classify_columns(kind, table, header_rows, fields, headers, vocab,
                                by_year=frozenset(s.col for s in specs if s.year is not None) | totals,
                                settings=settings.classify or DEFAULT_CLASSIFY,
                                members={first: tuple(m.col for m in group[1:]) for first, group in groups.items()})
    by_col = {s.col: s for s in specs}
    out = []
    for found in inferred:
        members = groups.get(found.col, [by_col[found.col]]) if found.field in ("planned", "actual") else \
            [by_col[found.col]]
        for spec in members:
            spec.field = found.field
            sub_header = spec.header.split(" / ", 1)[1] if spec.col in groups or spec.col in hidden else None
            if spec.col in totals and found.field in ("planned", "actual"):
                spec.is_total = True
                spec.is_year_total = spec.year is not None
            elif sub_header is not None and not _is_unit(sub_header, vocab):
                spec.source = sub_header.rsplit(" / ", 1)[-1]
            out.append(Inferred(spec.col, spec.header, found.field, found.why))
    return sorted(out, key=lambda i: i.col)


def analyse_table(table: Table, vocab: Vocabulary | None = None,
                  settings: ExtractSettings = DEFAULT_EXTRACT) -> TableLayout | None:
    """Recognise a funding or indicator table by its header; None when it is neither.

    The kind whose vocabulary reads the header best wins; columns the
    vocabulary leaves unread are then classified (``infer_columns``), which
    can complete a table but never outweighs the vocabulary's choice of kind.
    """
    vocab = vocab or load_vocabulary()
    readings = []
    for kind, columns in ((FUNDING, vocab.funding_columns), (INDICATORS, vocab.indicator_columns)):
        header_rows = header_row_count(table, columns, vocab, settings)
        if header_rows == 0:
            continue
        specs = map_columns(table, header_rows, columns, vocab)
        readings.append((_score(kind, specs), kind, header_rows, specs))
    best: TableLayout | None = None
    best_key = (0, 0)
    # the kind the vocabulary reads better first (funding first on a tie): classifying the other kind's unread
    # columns could never outweigh it, so that is not done
    for exact, kind, header_rows, specs in sorted(readings, key=lambda r: -r[0]):
        if best is not None and exact < best_key[0]:
            continue
        inferred = infer_columns(kind, table, header_rows, specs, vocab, settings)
        score = _score(kind, specs)
        key = (exact, score)
        if score and key > best_key:
            unknown = [s for s in specs if s.field is None and s.header]
            best, best_key = TableLayout(kind, table, header_rows, specs, score, unknown, inferred=inferred), key
    return best


def continue_layout(previous: TableLayout, table: Table) -> TableLayout | None:
    """A headerless table right after a recognised one, with the same width, continues it."""
    if table.n_cols != previous.table.n_cols:
        return None
    return TableLayout(previous.kind, table, 0, previous.columns, previous.score, [])
