"""The header vocabulary (vocab/headers.yaml) and phrase matching against it."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import regex
import yaml

from ..normalize.text import fold

VOCAB_FILE = "headers.yaml"


@dataclass(frozen=True)
class PhraseSet:
    """Named groups of phrases, each compiled to a word-bounded pattern."""

    groups: tuple[tuple[str, tuple[tuple[str, regex.Pattern], ...]], ...]
    #: (phrase, pattern, group name), longest phrase first; equal lengths keep the groups' order
    by_length: tuple[tuple[str, regex.Pattern, str], ...] = field(default=(), compare=False, repr=False)

    @classmethod
    def build(cls, mapping: dict[str, list[str]]) -> "PhraseSet":
        groups = []
        for name, phrases in mapping.items():
            compiled = tuple((fold(p), _compile(fold(p))) for p in phrases)
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


def _compile(phrase: str) -> regex.Pattern:
    return regex.compile(r"(?<![\p{L}\p{N}])" + regex.escape(phrase) + r"(?![\p{L}\p{N}])")


@dataclass(frozen=True)
class Vocabulary:
    funding_columns: PhraseSet
    funding_total_columns: PhraseSet
    funding_sources: PhraseSet
    funding_source_phrases: tuple[str, ...]
    indicator_columns: PhraseSet
    indicator_groups: PhraseSet
    totals: PhraseSet


@lru_cache(maxsize=None)
def load_vocabulary() -> Vocabulary:
    """Load and compile vocab/headers.yaml (once per process)."""
    text = resources.files("extractor.vocab").joinpath(VOCAB_FILE).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    f, i = data["funding"], data["indicators"]
    return Vocabulary(
        funding_columns=PhraseSet.build(f["columns"]),
        funding_total_columns=PhraseSet.build({"total": f["total_columns"]}),
        funding_sources=PhraseSet.build({"source": f["funding_sources"]}),
        funding_source_phrases=tuple(f["funding_sources"]),
        indicator_columns=PhraseSet.build(i["columns"]),
        indicator_groups=PhraseSet.build(i["groups"]),
        totals=PhraseSet.build(data["totals"]),
    )
