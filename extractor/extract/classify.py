"""Classify a column whose header the vocabulary does not know.

The vocabulary stays the first and exact source (``columns.map_column``);
this module is asked only about the columns it left unread, and answers
with a field and the reason, which the report names in an
``inferred-column`` warning. The evidence, in order:

1. the header's words: a phrase of the column vocabulary misspelt by a letter
   or two (tolerant matching), a planned/actual/percent phrase of the other
   table's vocabulary (shared synonyms), or a planned/actual/percent word stem
   of ``column_words`` opening a word that is not a verbal noun ("виконано",
   "фактичні" name an amount; "Рік виконання", "Ступінь виконання" name the
   doing, not its amount); a money field so named must hold numbers;
2. the column's content and position: a column of years is the term, of
   organisation names the executor, of long texts the measure (or the
   indicator's name) where none was found, of short unit words the
   indicator's unit; of long texts left of the measure column (or left of
   another column of long texts) the task; a column of values equal to
   actual / planned × 100 is the percent; a column of amounts (under a money
   unit, or printed with decimals) between the measure and the percent column
   is planned, then actual, whichever is still missing; in an indicator table
   the columns of numbers right of the name are planned, then actual, and the
   columns of texts right of those the reason, then the remedy;
3. last, for a column of texts none of this classified, a word stem of
   ``text_words`` opening the header's first word (the head of the phrase: in
   "Куратор напряму" the curator, not the direction) and naming a text field
   of the table that no column holds yet ("Відповідальна особа" over names of
   people is the executor, "Строки" over "І квартал" the term).

A column none of this classifies stays unread and is named in an
``unknown-column`` warning.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher

import regex

from ..document import Table
from ..i18n import _
from ..normalize.numbers import try_number
from ..normalize.text import clean_text, fold
from ..readers.common.tokens import has_decimals, is_years
from .vocab import PhraseSet, Vocabulary

FUNDING = "funding"
MONEY = ("planned", "actual", "percent")


@dataclass(frozen=True)
class ClassifySettings:
    """Thresholds of column classification."""

    #: similarity (0..1) of a header to a vocabulary phrase for a misspelling to count as that phrase
    min_similarity: float = 0.86
    #: shortest vocabulary phrase compared tolerantly (short words differ by a letter from other words)
    min_phrase_length: int = 6
    #: share of a column's non-empty cells that must agree with a content rule
    min_share: float = 0.8
    #: percentage points a percent value may differ from actual / planned × 100
    percent_slack: Decimal = Decimal("0.6")
    #: mean length of a text column's cells for it to be a measure or indicator name
    min_text_length: int = 20
    #: longest cell of a unit column
    max_unit_length: int = 12

    def __post_init__(self) -> None:
        if not 0 < self.min_similarity <= 1 or not 0 < self.min_share <= 1:
            raise ValueError("min_similarity and min_share must be in (0, 1]")
        if self.min_phrase_length < 1 or self.min_text_length < 1 or self.max_unit_length < 1:
            raise ValueError("lengths must be positive")


DEFAULT_CLASSIFY = ClassifySettings()

#: a verbal noun ("виконання", "використанню", "освоєнням"): names the doing, not an amount
_VERBAL_NOUN_RE = regex.compile(r"(?:нн|тт)(?:я|ю|ям|і)$")
_WORD_RE = regex.compile(r"\p{L}+")
#: a word broken in a narrow header cell without a hyphen: its tail of one or two letters alone ("виконан ня")
_BROKEN_TAIL_RE = regex.compile(r"(?<=\p{L}{3}) (\p{L}{1,2})(?=[\s,.;:)/]|$)")
#: short words that stand alone in a header (never a broken word's tail)
_SHORT_WORDS = frozenset({"в", "у", "з", "і", "й", "та", "на", "до", "за", "по", "із", "зі", "що", "чи", "не", "от"})


def glue_tails(folded: str) -> str:
    """A folded header with the tails of broken words joined back ("ступінь виконан ня" → "ступінь виконання")."""
    return _BROKEN_TAIL_RE.sub(lambda m: m.group(0) if m.group(1) in _SHORT_WORDS else m.group(1), folded)


@dataclass(frozen=True)
class Inferred:
    """A column classified from evidence other than the vocabulary."""

    col: int
    header: str
    field: str
    why: str


@dataclass(frozen=True)
class ColumnContent:
    """The non-empty body cells of one column, as printed, by row."""

    by_row: dict[int, str]

    @classmethod
    def of(cls, grid: list, header_rows: int, c: int) -> "ColumnContent":
        by_row = {}
        for r in range(header_rows, len(grid)):
            cell = grid[r][c] if c < len(grid[r]) else None
            if cell is not None and cell.col == c and cell.row == r and clean_text(cell.text):
                by_row[r] = clean_text(cell.text)
        return cls(by_row)

    @property
    def texts(self) -> list[str]:
        return list(self.by_row.values())

    def share(self, predicate) -> float:
        if not self.texts:
            return 0.0
        return sum(1 for t in self.texts if predicate(t)) / len(self.texts)

    def numeric_share(self) -> float:
        return self.share(lambda t: try_number(t)[1])


#: per thread, a SequenceMatcher per vocabulary phrase with the phrase's index built once (``set_seq1`` changes
#: a matcher, so threads do not share them)
_matchers = threading.local()


def _matcher(phrase: str) -> SequenceMatcher:
    by_phrase = getattr(_matchers, "by_phrase", None)
    if by_phrase is None:
        by_phrase = _matchers.by_phrase = {}
    matcher = by_phrase.get(phrase)
    if matcher is None:
        matcher = by_phrase[phrase] = SequenceMatcher(None, "", phrase)
    return matcher


def _similar_phrase(folded: str, phrases: PhraseSet, settings: ClassifySettings) -> tuple[str, str] | None:
    """(field, phrase) of a vocabulary phrase the header spells with a letter or two off."""
    words = folded.split()
    best: tuple[float, str, str] | None = None
    for phrase, _pattern, name in phrases.by_length:
        if len(phrase) < settings.min_phrase_length or name == "ignore":
            continue
        n = len(phrase.split())
        matcher = _matcher(phrase)  # the phrase's index is built once, as in difflib.get_close_matches
        for i in range(max(1, len(words) - n + 1)):
            matcher.set_seq1(" ".join(words[i:i + n]))
            # the quick ratios bound ratio() from above: a window they rule out could never pass
            if matcher.real_quick_ratio() < settings.min_similarity or matcher.quick_ratio() < settings.min_similarity:
                continue
            ratio = matcher.ratio()
            if ratio >= settings.min_similarity and (best is None or ratio > best[0]):
                best = (ratio, name, phrase)
    return (best[1], best[2]) if best else None


def classify_by_words(header: str, kind: str, vocab: Vocabulary,
                      settings: ClassifySettings = DEFAULT_CLASSIFY) -> tuple[str, str] | None:
    """(field, why) from the header's words alone, or None."""
    folded = glue_tails(fold(header))
    if not folded:
        return None
    own, other = ((vocab.funding_columns, vocab.indicator_columns) if kind == FUNDING
                  else (vocab.indicator_columns, vocab.funding_columns))
    close = _similar_phrase(folded, own, settings)
    if close:
        return close[0], _("its header is close to the vocabulary phrase {phrase}").format(phrase=repr(close[1]))
    name, length = other.best(folded)
    if name in MONEY:
        phrase = next(p for p, _pat, n in other.by_length if n == name and len(p) == length and p in folded)
        return name, _("{phrase} names {field} in the other table's vocabulary").format(phrase=repr(phrase), field=name)
    found = stem_field(folded, vocab)
    if found is not None:
        name, stem = found
        return name, _("the word {stem}… names {field}").format(stem=repr(stem), field=name)
    return None


def stem_field(folded: str, vocab: Vocabulary) -> tuple[str, str] | None:
    """(field, stem) of the longest word stem of ``column_words`` opening a word of the header that is not a
    verbal noun ("Фактичні витрати" → actual; "Ступінь виконання" → None)."""
    for stem, pattern, name in vocab.column_words.by_length:
        for match in pattern.finditer(folded):
            word = _WORD_RE.match(folded, match.start())
            if word is not None and not _VERBAL_NOUN_RE.search(word.group()):
                return name, stem
    return None


def _is_years(text: str) -> bool:
    return is_years(text)


def _decimal_or_blank(text: str) -> bool:
    """An amount printed with decimals ("1 250,0"), or a dash."""
    return has_decimals(text) or try_number(text) == (None, True)


class _Context:
    """What the table's known columns already tell."""

    def __init__(self, kind: str, fields: dict[int, str | None], long_text_left: frozenset[int] = frozenset()):
        self.kind = kind
        self.fields = fields
        #: unread columns of long texts with another such column right of them (a task beside its measures)
        self.long_text_left = long_text_left

    def has(self, name: str) -> bool:
        return name in self.fields.values()

    def first(self, name: str) -> int | None:
        return next((c for c, f in sorted(self.fields.items()) if f == name), None)

    def all(self, name: str) -> list[int]:
        return [c for c, f in sorted(self.fields.items()) if f == name]


def _row_sum(columns: list[ColumnContent], r: int) -> Decimal | None:
    values = [try_number(c.by_row.get(r))[0] for c in columns]
    values = [v for v in values if v is not None]
    return sum(values, Decimal(0)) if values else None


def _percent_of_amounts(planned: list[ColumnContent], actual: list[ColumnContent], values: ColumnContent,
                        settings: ClassifySettings) -> bool:
    """Most rows with a planned and an actual value print actual / planned × 100 in this column (the amounts of
    a field split over several columns summed)."""
    checked = agree = 0
    for r, value in values.by_row.items():
        p = _row_sum(planned, r)
        a = _row_sum(actual, r)
        v = try_number(value.replace("%", ""))[0]
        if p is None or a is None or v is None or p == 0:
            continue
        checked += 1
        agree += abs(a / p * 100 - v) <= settings.percent_slack
    return checked > 0 and agree / checked >= settings.min_share


def classify_by_content(c: int, header: str, grid: list, header_rows: int, ctx: _Context, vocab: Vocabulary,
                        settings: ClassifySettings = DEFAULT_CLASSIFY) -> tuple[str, str] | None:
    """(field, why) from the column's cells and its place among the known columns, or None."""
    content = ColumnContent.of(grid, header_rows, c)
    if not content.texts:
        return None
    if not ctx.has("term") and ctx.kind == FUNDING and content.share(_is_years) >= settings.min_share:
        return "term", _("its cells are years")
    numeric = content.numeric_share() >= settings.min_share
    if numeric:
        return _classify_numbers(c, header, grid, header_rows, content, ctx, vocab, settings)
    organisations = vocab.organisation_words
    if (ctx.kind == FUNDING and not ctx.has("executor")
            and content.share(lambda t: organisations.best(fold(t))[0] is not None) >= settings.min_share):
        return "executor", _("its cells name organisations")
    mean = sum(len(t) for t in content.texts) / len(content.texts)
    if ctx.kind != FUNDING and not ctx.has("unit") and max(len(t) for t in content.texts) <= settings.max_unit_length:
        return "unit", _("its cells are short unit words")
    long_texts = mean >= settings.min_text_length
    if ctx.kind == FUNDING and long_texts and not ctx.has("task"):
        measure = ctx.first("measure")
        if (measure is not None and c < measure) or (measure is None and c in ctx.long_text_left):
            return "task", _("its cells are long texts left of the measures")
    text_field = "measure" if ctx.kind == FUNDING else "name"
    if not ctx.has(text_field) and long_texts:
        return text_field, _("its cells are long texts and no other column holds them")
    if ctx.kind != FUNDING and ctx.has("name"):
        values = [ctx.first(n) for n in ("planned", "actual") if ctx.has(n)]
        if values and c > max(values):
            for name in ("reason", "remedy"):
                if not ctx.has(name):
                    return name, _("its cells are texts right of the indicator's values, and no {field} column "
                                   "was found").format(field=name)
    return _text_by_words(header, ctx, vocab)


def _text_by_words(header: str, ctx: _Context, vocab: Vocabulary) -> tuple[str, str] | None:
    """A text field a word stem opening the header's first word names, when no column holds it yet."""
    found = text_stem_field(header, ctx.kind, vocab, taken=frozenset(f for f in ctx.fields.values() if f))
    if found is None:
        return None
    return found[0], _("the word {stem}… names {field}").format(stem=repr(found[1]), field=found[0])


def text_stem_field(header: str, kind: str, vocab: Vocabulary,
                    taken: frozenset[str] = frozenset()) -> tuple[str, str] | None:
    """(field, stem) of the ``text_words`` stem of the table's kind opening the header's first word (its head),
    skipping the fields in ``taken``; None when none does."""
    words = vocab.funding_text_words if kind == FUNDING else vocab.indicator_text_words
    first = _WORD_RE.search(glue_tails(fold(header)))
    if first is None:
        return None
    for stem, pattern, name in words.by_length:
        if name not in taken and pattern.match(first.group()):
            return name, stem
    return None


def _classify_numbers(c: int, header: str, grid: list, header_rows: int, content: ColumnContent, ctx: _Context,
                      vocab: Vocabulary, settings: ClassifySettings) -> tuple[str, str] | None:
    planned, actual = ctx.first("planned"), ctx.first("actual")
    if not ctx.has("percent") and planned is not None and actual is not None and c > max(planned, actual):
        if content.share(lambda t: t.endswith("%")) >= settings.min_share:
            return "percent", _("its values are printed with %")
        firsts = [ColumnContent.of(grid, header_rows, planned)], [ColumnContent.of(grid, header_rows, actual)]
        every = ([ColumnContent.of(grid, header_rows, k) for k in ctx.all("planned")],
                 [ColumnContent.of(grid, header_rows, k) for k in ctx.all("actual")])
        if _percent_of_amounts(*firsts, content, settings) or _percent_of_amounts(*every, content, settings):
            return "percent", _("its values are actual / planned × 100")
    unit = vocab.money_unit.of(header)
    decimals = content.share(_decimal_or_blank) >= settings.min_share
    if ctx.kind != FUNDING:
        return _indicator_value(c, ctx)
    if not (unit or decimals):
        return None
    text_col = ctx.first("measure")
    percent = ctx.first("percent")
    if text_col is None or c < text_col or (percent is not None and c > percent):
        return None
    for name in ("planned", "actual"):
        if not ctx.has(name):
            where = _("under {unit}").format(unit=repr(unit)) if unit else _("printed with decimals")
            bounds = _("between the measure and the percent column") if percent is not None else _("right of the texts")
            return name, _("a column of amounts {where} {bounds}, and no {field} column was found").format(
                where=where, bounds=bounds, field=name)
    return None


def _indicator_value(c: int, ctx: _Context) -> tuple[str, str] | None:
    """An indicator table's column of numbers right of the name (and its unit): planned, then actual."""
    name = ctx.first("name")
    unit = ctx.first("unit")
    if name is None or c < name or (unit is not None and c < unit):
        return None
    for field_name in ("planned", "actual"):
        if not ctx.has(field_name):
            later = ctx.first("actual") if field_name == "planned" else None
            if later is not None and c > later:
                return None  # planned stands left of actual
            return field_name, _("a column of numbers right of the indicator's name, and no {field} column was "
                                 "found").format(field=field_name)
    return None


def _long_text_columns(grid: list, header_rows: int, columns: list[int], vocab: Vocabulary,
                       settings: ClassifySettings) -> list[int]:
    """The columns of long texts that are neither numbers nor organisation names (task and measure candidates)."""
    out = []
    organisations = vocab.organisation_words
    for c in columns:
        content = ColumnContent.of(grid, header_rows, c)
        texts = content.texts
        if (texts and sum(len(t) for t in texts) / len(texts) >= settings.min_text_length
                and content.numeric_share() < settings.min_share
                and content.share(lambda t: organisations.best(fold(t))[0] is not None) < settings.min_share):
            out.append(c)
    return out


def classify_columns(kind: str, table: Table, header_rows: int, fields: dict[int, str | None],
                     headers: dict[int, str], vocab: Vocabulary, by_year: frozenset[int] = frozenset(),
                     settings: ClassifySettings = DEFAULT_CLASSIFY,
                     members: dict[int, tuple[int, ...]] | None = None) -> list[Inferred]:
    """Fields for the unread columns of a table (``fields`` holds the vocabulary's answer per column).

    Words are tried first for every unread column, then content and position,
    left to right, each answer counting as known for the next column. A field
    is given to one column only, unless the columns split it by year
    (``by_year``: the columns whose header names a year). ``members`` maps a column that stands for a group
    (one header over several funding sources) to the group's other columns, which take its field in the
    context of the columns classified after it.
    """
    members = members or {}
    fields = dict(fields)
    grid = table.grid()
    out: list[Inferred] = []
    unread = [c for c, f in sorted(fields.items()) if f is None and headers.get(c)]
    pending = []
    for c in unread:
        found = classify_by_words(headers[c], kind, vocab, settings)
        if found and found[0] in MONEY:
            content = ColumnContent.of(grid, header_rows, c)
            if content.texts and content.numeric_share() < settings.min_share:
                found = None  # money named in words but the cells hold text
        if found and found[0] in fields.values() and c not in by_year:
            found = None  # the field is another column's already
        if found and found[0] != "ignore":
            fields[c] = found[0]
            fields.update({m: found[0] for m in members.get(c, ())})
            out.append(Inferred(c, headers[c], *found))
        else:
            pending.append(c)
    long_texts = _long_text_columns(grid, header_rows, pending, vocab, settings) if kind == FUNDING else []
    left = frozenset(long_texts[:-1])
    for c in pending:
        found = classify_by_content(c, headers[c], grid, header_rows, _Context(kind, fields, left), vocab, settings)
        if found:
            fields[c] = found[0]
            fields.update({m: found[0] for m in members.get(c, ())})
            out.append(Inferred(c, headers[c], *found))
    return sorted(out, key=lambda i: i.col)
