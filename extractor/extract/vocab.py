"""The vocabulary (vocab/headers.yaml): validated at load, compiled for matching.

The file is data: every phrase the extractor matches (column headers, total
labels, units, year-header forms, task-heading words, title and decision
words). It is read through a pydantic schema whose field names come from
the contract models, so a key the extractor does not know (a typo such as
``actuall:``) or a list left out fails at load with the file, the key and
its line, instead of silently leaving a column unread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Annotated

import regex
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from .. import problems
from ..errors import ExtractorError
from ..models import FundingKind, FundingRow, IndicatorGroup, IndicatorRow
from ..normalize.text import fold

VOCAB_FILE = "headers.yaml"

# -- the schema -----------------------------------------------------------------------

#: contract fields that no header column names (they come from other evidence)
_FUNDING_NOT_COLUMNS = ("kind", "task_number", "object", "years", "breakdown", "derived", "raw", "location")
_INDICATOR_NOT_COLUMNS = ("group", "group_title", "raw", "location")
#: column groups of the vocabulary that are not contract fields
_FUNDING_EXTRA_COLUMNS = ("measure_number", "ignore")
_INDICATOR_EXTRA_COLUMNS = ("ignore",)

Phrase = Annotated[str, Field(min_length=1)]
Phrases = Annotated[list[Phrase], Field(min_length=1)]


class VocabularyError(ExtractorError):
    """The vocabulary file does not follow its schema (an unknown key, a missing list, a wrong type)."""

    code = problems.VOCABULARY_ERROR.code


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _groups_model(name: str, names: tuple[str, ...]) -> type[BaseModel]:
    """A model with one required phrase list per name."""
    return create_model(name, __base__=_Strict, **{n: (Phrases, ...) for n in names})


def _column_names(model: type[BaseModel], not_columns: tuple[str, ...], extra: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(n for n in model.model_fields if n not in not_columns) + extra


FUNDING_COLUMN_NAMES = _column_names(FundingRow, _FUNDING_NOT_COLUMNS, _FUNDING_EXTRA_COLUMNS)
INDICATOR_COLUMN_NAMES = _column_names(IndicatorRow, _INDICATOR_NOT_COLUMNS, _INDICATOR_EXTRA_COLUMNS)

FundingColumns = _groups_model("FundingColumns", FUNDING_COLUMN_NAMES)
IndicatorColumns = _groups_model("IndicatorColumns", INDICATOR_COLUMN_NAMES)
IndicatorGroups = _groups_model("IndicatorGroups", tuple(g.value for g in IndicatorGroup))
TotalLabels = _groups_model("TotalLabels", tuple(k.value for k in FundingKind if k != FundingKind.measure))


class ColumnWords(_Strict):
    """Words that classify a header the column vocabulary does not know (shared by both tables)."""

    planned: Phrases
    actual: Phrases
    percent: Phrases


class FundingTextWords(_Strict):
    task: Phrases
    measure: Phrases
    term: Phrases
    executor: Phrases


class IndicatorTextWords(_Strict):
    name: Phrases
    unit: Phrases
    reason: Phrases
    remedy: Phrases


class TextWords(_Strict):
    """Word stems naming the text columns of each table, for headers the column vocabulary does not know."""

    funding: FundingTextWords
    indicators: IndicatorTextWords


class FundingSection(_Strict):
    columns: FundingColumns  # type: ignore[valid-type]
    total_columns: Phrases
    funding_sources: Phrases
    task_headings: Phrases


class IndicatorSection(_Strict):
    columns: IndicatorColumns  # type: ignore[valid-type]
    groups: IndicatorGroups  # type: ignore[valid-type]


class MoneyUnits(_Strict):
    """Money units: the currency word and the scale words, each scale with its output name."""

    currency: Phrases
    base: Phrase
    scales: dict[Phrase, Phrases]


class Units(_Strict):
    money: MoneyUnits
    percent: Phrases


class YearHeaders(_Strict):
    """Forms of a header naming one year: "2021", "на 2021 рік", "І півріччя 2022"."""

    before: Phrases
    after: Phrases
    periods: Phrases


class TitleWords(_Strict):
    starts: Phrases
    final: Phrases
    interim: Phrases


class DecisionWords(_Strict):
    context: Phrases
    own: Phrases
    foreign: Phrases


class VocabularyFile(_Strict):
    """The whole of vocab/headers.yaml."""

    funding: FundingSection
    indicators: IndicatorSection
    column_words: ColumnWords
    text_words: TextWords
    organisations: Phrases
    totals: TotalLabels  # type: ignore[valid-type]
    units: Units
    year_headers: YearHeaders
    titles: TitleWords
    decisions: DecisionWords


# -- phrase matching --------------------------------------------------------------------


@dataclass(frozen=True)
class PhraseSet:
    """Named groups of phrases, each compiled to a word-bounded pattern."""

    groups: tuple[tuple[str, tuple[tuple[str, regex.Pattern], ...]], ...]
    #: (phrase, pattern, group name), longest phrase first; equal lengths keep the groups' order
    by_length: tuple[tuple[str, regex.Pattern, str], ...] = field(default=(), compare=False, repr=False)

    @classmethod
    def build(cls, mapping: dict[str, list[str]], stems: bool = False) -> "PhraseSet":
        """With ``stems`` a phrase matches the start of a word ("фактичн" in "фактичні витрати")."""
        groups = []
        for name, phrases in mapping.items():
            compiled = tuple((fold(p), _compile(fold(p), stems)) for p in phrases)
            groups.append((name, compiled))
        flat = [(phrase, pattern, name) for name, compiled in groups for phrase, pattern in compiled if phrase]
        flat.sort(key=lambda item: -len(item[0]))  # stable: ties stay in the groups' order
        return cls(tuple(groups), tuple(flat))

    def best(self, folded: str, anchored: bool = False) -> tuple[str | None, int]:
        """The group whose longest phrase occurs in ``folded`` (already folded text), with that length.

        With ``anchored`` the phrase must open the text. Of equally long
        phrases, the one listed first wins.
        """
        for phrase, pattern, name in self.by_length:
            # the plain substring test is cheap and rules out nearly every phrase
            if anchored:
                if folded.startswith(phrase) and pattern.match(folded):
                    return name, len(phrase)
            elif phrase in folded and pattern.search(folded):
                return name, len(phrase)
        return None, 0

    def match(self, text: str | None) -> str | None:
        return self.best(fold(text))[0] if text else None

    def starts(self, folded: str) -> tuple[str | None, int]:
        """Like ``best`` but the phrase must open the text."""
        return self.best(folded, anchored=True)


def _compile(phrase: str, stem: bool = False) -> regex.Pattern:
    end = "" if stem else r"(?![\p{L}\p{N}])"
    return regex.compile(r"(?<![\p{L}\p{N}])" + regex.escape(phrase) + end)


def _alternatives(words: list[str], optional_dot: bool = False) -> str:
    """A regex alternation of folded words, longest first; with ``optional_dot`` a final "." may be left out."""
    out = []
    for word in sorted({w.casefold().strip() for w in words}, key=len, reverse=True):
        if optional_dot and word.endswith("."):
            out.append(regex.escape(word[:-1]) + r"\.?")
        else:
            out.append(regex.escape(word))
    return "(?:" + "|".join(out) + ")"


def _year_header_re(y: YearHeaders) -> regex.Pattern:
    """"2021", "на 2021 рік", "2021 р.", "І півріччя 2022 року", "за 9 місяців 2022" (folded text); group 1 is the year."""
    numeral = r"(?:[ivxіх]{1,4}|\d{1,2})"
    period = rf"(?:{numeral}\s*)?{_alternatives(y.periods)}\s*"
    return regex.compile(
        rf"^(?:{_alternatives(y.before)}\s+)?(?:{period})?(\d{{4}})(?:\s*{_alternatives(y.after, optional_dot=True)})?$")


def _unit_header_re(u: Units) -> regex.Pattern:
    """A header cell that only names a unit: "тис. грн", "(грн)", "%", "(%)"."""
    scales = _alternatives([w for forms in u.money.scales.values() for w in forms], optional_dot=True)
    money = rf"\(?\s*(?:{scales}\.?\s*)?{_alternatives(u.money.currency)}\.?\s*\)?"
    percent = _alternatives(u.percent)
    return regex.compile(rf"^(?:{money}|{percent}|\({percent}\))$", regex.I)


def _task_heading_re(words: list[str]) -> regex.Pattern:
    """"Завдання 2. …", "Напрям №3: …": group 1 is the number, group 2 the text."""
    return regex.compile(rf"^{_alternatives(words)}\s*(?:№\s*)?(\d+(?:\.\d+)*)\.?\s*[:.)]?\s*(.*)$", regex.I | regex.S)


def _stems_re(stems: list[str]) -> regex.Pattern:
    return regex.compile(_alternatives(stems), regex.I)


@dataclass(frozen=True)
class MoneyUnit:
    """Tells the money unit a text names: the currency word, then a scale word."""

    currency: regex.Pattern
    base: str
    scales: tuple[tuple[str, regex.Pattern], ...]

    def of(self, text: str) -> str | None:
        """"тис. грн", "млн грн" or "грн" when the text names a money unit, else None."""
        folded = fold(text)
        if not self.currency.search(folded):
            return None
        for name, pattern in self.scales:
            if pattern.search(folded):
                return name
        return self.base


def _money_unit(m: MoneyUnits) -> MoneyUnit:
    def word(words: list[str]) -> regex.Pattern:
        return regex.compile(r"(?<![\p{L}])" + _alternatives(words))

    return MoneyUnit(word(m.currency), m.base, tuple((name, word(forms)) for name, forms in m.scales.items()))


@dataclass(frozen=True)
class Vocabulary:
    funding_columns: PhraseSet
    funding_total_columns: PhraseSet
    funding_sources: PhraseSet
    funding_source_phrases: tuple[str, ...]
    indicator_columns: PhraseSet
    indicator_groups: PhraseSet
    totals: PhraseSet
    #: planned / actual / percent words of a header the column vocabulary lacks
    column_words: PhraseSet
    #: word stems of organisation names (an executor column told by its cells)
    organisation_words: PhraseSet
    #: word stems naming the text columns of a funding / an indicator table (classification's last resort)
    funding_text_words: PhraseSet
    indicator_text_words: PhraseSet
    year_header: regex.Pattern
    unit_header: regex.Pattern
    money_unit: MoneyUnit
    task_heading: regex.Pattern
    title_starts: tuple[str, ...]
    final_marks: tuple[str, ...]
    interim_marks: tuple[str, ...]
    decision_context: regex.Pattern
    decision_own: regex.Pattern
    decision_foreign: regex.Pattern


def compile_vocabulary(data: VocabularyFile) -> Vocabulary:
    f, i = data.funding, data.indicators
    return Vocabulary(
        funding_columns=PhraseSet.build(f.columns.model_dump()),
        funding_total_columns=PhraseSet.build({"total": f.total_columns}),
        funding_sources=PhraseSet.build({"source": f.funding_sources}),
        funding_source_phrases=tuple(f.funding_sources),
        indicator_columns=PhraseSet.build(i.columns.model_dump()),
        indicator_groups=PhraseSet.build(i.groups.model_dump()),
        totals=PhraseSet.build(data.totals.model_dump()),
        column_words=PhraseSet.build(data.column_words.model_dump(), stems=True),
        organisation_words=PhraseSet.build({"executor": data.organisations}, stems=True),
        funding_text_words=PhraseSet.build(data.text_words.funding.model_dump(), stems=True),
        indicator_text_words=PhraseSet.build(data.text_words.indicators.model_dump(), stems=True),
        year_header=_year_header_re(data.year_headers),
        unit_header=_unit_header_re(data.units),
        money_unit=_money_unit(data.units.money),
        task_heading=_task_heading_re(f.task_headings),
        title_starts=tuple(fold(p) for p in data.titles.starts),
        final_marks=tuple(fold(p) for p in data.titles.final),
        interim_marks=tuple(fold(p) for p in data.titles.interim),
        decision_context=_stems_re(data.decisions.context),
        decision_own=_stems_re(data.decisions.own),
        decision_foreign=_stems_re(data.decisions.foreign),
    )


# -- loading ------------------------------------------------------------------------------


def _line_of(node: yaml.Node | None, loc: tuple) -> tuple[int | None, str]:
    """The 1-based line of the deepest node on ``loc`` in the composed YAML, and how far the path got."""
    line = node.start_mark.line + 1 if node is not None else None
    reached: list[str] = []
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            found = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == str(key)),
                         None)
            if found is None:
                break
            node = found[1]
            line = found[0].start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            break
        reached.append(str(key))
    return line, ".".join(reached)


def _describe(error: dict, root: yaml.Node | None) -> str:
    loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    key = ".".join(str(p) for p in loc) or "(top level)"
    line, _ = _line_of(root, loc)
    where = f"line {line}: " if line else ""
    if error["type"] == "extra_forbidden":
        what = f"unknown key {key!r}"
    elif error["type"] == "missing":
        what = f"missing key {key!r} (a list of phrases)"
    else:
        what = f"{key}: {error['msg']}"
    return where + what


def parse_vocabulary(text: str, name: str | Path) -> Vocabulary:
    """Validate and compile vocabulary text; ``name`` is the file named in errors."""
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise VocabularyError(name, problems.VOCABULARY_ERROR.message(reason=f"not valid YAML: {exc}")) from exc
    try:
        validated = VocabularyFile.model_validate(data)
    except ValidationError as exc:
        found = "; ".join(_describe(e, root) for e in exc.errors())
        raise VocabularyError(name, problems.VOCABULARY_ERROR.message(reason=found)) from exc
    return compile_vocabulary(validated)


@lru_cache(maxsize=None)
def load_vocabulary() -> Vocabulary:
    """Load, validate and compile vocab/headers.yaml (once per process)."""
    resource = resources.files("extractor.vocab").joinpath(VOCAB_FILE)
    return parse_vocabulary(resource.read_text(encoding="utf-8"), str(resource))
