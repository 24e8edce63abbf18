"""Text cleanup for report cells and lines, and a key form for vocabulary lookups.

* :func:`clean_text` — the printed text, tidied: Unicode NFC; soft hyphens and
  zero-width characters removed; words hyphenated at a line break re-joined
  when both sides are lower-case letters (``"відео-\\nспостереження"`` →
  ``"відеоспостереження"``); a hyphen at a line break after anything else stays
  and only the break goes (``"ІР-\\nкамер"`` → ``"ІР-камер"``,
  ``"2017-\\n2019"`` → ``"2017-2019"``); hyphens not at a line break are never
  touched; every whitespace run (newlines, tabs, no-break and thin spaces …)
  becomes one space; ends trimmed.
* :func:`text_value` — :func:`clean_text`, but ``None`` for an empty cell or a
  cell holding only a dash (the contract's "no value").
* :func:`fold` — a comparison key for table headers and labels (see there).
* :func:`strip_number_prefix` / :func:`normalize_item_number` — item numbers
  such as ``"1.1."`` or ``"ІІ."`` in front of a measure or heading.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

from extractor.normalize.numbers import DASHES, INVISIBLE
from extractor.readers.common.tokens import split_item_prefix

#: hyphen characters that can end a line in the middle of a word
LINE_HYPHENS = "-\u2010\u2011"

#: characters that end a line
LINE_BREAKS = "\n\r\v\f\x85\u2028\u2029"

#: apostrophe look-alikes unified to U+0027 by :func:`fold`
APOSTROPHES = "'\u2019\u02bc\u2018`\u00b4\u02b9\u2032\uff07"

#: Latin letters that look like Cyrillic ones, mapped by :func:`fold` inside
#: words that also contain Cyrillic letters (a common PDF/typing artefact)
#: (applied after case folding, so the upper-case look-alikes B H K M T map
#: through their lower-case forms)
LATIN_TO_CYRILLIC = str.maketrans(
    "aceiopxybhkmt",
    "асеіорхувнкмт",
)

#: labels that may precede an item number ("Завдання 2. Ремонт доріг")
ITEM_LABELS = (
    "завдання",
    "захід",
    "заходи",
    "напрям",
    "напрямок",
    "розділ",
    "пріоритет",
    "показник",
    "пункт",
)

_INVISIBLE_RE = regex.compile(f"[{regex.escape(INVISIBLE)}]")
_BREAK = f"[{regex.escape(LINE_BREAKS)}]"
_HYPH = f"[{regex.escape(LINE_HYPHENS)}]"
# lower-case letter, hyphen, (spaces), line break(s), (spaces), lower-case letter
_JOIN_RE = regex.compile(rf"(?<=\p{{Ll}}){_HYPH}[^\S{regex.escape(LINE_BREAKS)}]*{_BREAK}\s*(?=\p{{Ll}})")
# any other non-space character followed by a hyphen at a line break: keep the hyphen
_KEEP_RE = regex.compile(rf"(?<=\S)({_HYPH})[^\S{regex.escape(LINE_BREAKS)}]*{_BREAK}\s*(?=\S)")

_APOSTROPHE_RE = regex.compile(f"[{regex.escape(APOSTROPHES)}]")
_INNER_HYPHEN_RE = regex.compile(rf"(?<=\p{{L}}){_HYPH} ?(?=\p{{L}})")
_EDGE_PUNCT_RE = regex.compile(r"^[\p{P}\s]+|[\p{P}\s]+$")
_WORD_RE = regex.compile(r"[\p{L}\p{M}']+")
_CYRILLIC_RE = regex.compile(r"\p{Script=Cyrillic}")
_LOOKALIKE_RE = regex.compile("[aceiopxybhkmt]")

#: texts up to this long are remembered by :func:`clean_text` and :func:`fold`
#: (a report cleans the same cells and headers several times, a batch the same
#: headers in every file); longer ones are always worked out afresh
CACHE_MAX_CHARS = 1000
#: how many texts each of those caches keeps (least recently used go first)
CACHE_ENTRIES = 8192


def clean_text(text: str | None) -> str:
    """The text tidied for output (rules in the module docstring); ``None`` → ``""``."""
    if not text:
        return ""
    return _clean_cached(text) if len(text) <= CACHE_MAX_CHARS else _clean(text)


@lru_cache(maxsize=CACHE_ENTRIES)
def _clean_cached(text: str) -> str:
    return _clean(text)


def clear_caches() -> None:
    """Forget the remembered texts of :func:`clean_text` and :func:`fold` (to time a cold start)."""
    _clean_cached.cache_clear()
    _fold_cached.cache_clear()


def _clean(text: str) -> str:
    # the substitutions only run on texts that hold what they look for
    if any(ch in text for ch in INVISIBLE):
        text = _INVISIBLE_RE.sub("", text)
    text = unicodedata.normalize("NFC", text)
    if any(ch in text for ch in LINE_BREAKS):
        text = _JOIN_RE.sub("", text)
        text = _KEEP_RE.sub(r"\1", text)
    text = " ".join(text.split())
    return unicodedata.normalize("NFC", text)


def text_value(text: str | None) -> str | None:
    """:func:`clean_text`, or ``None`` when the result is empty or only dashes."""
    cleaned = clean_text(text)
    if not cleaned or all(ch in DASHES or ch.isspace() for ch in cleaned):
        return None
    return cleaned


def _fix_mixed_script(match: regex.Match) -> str:
    word = match.group(0)
    if _CYRILLIC_RE.search(word):
        return word.translate(LATIN_TO_CYRILLIC)
    return word


def fold(text: str | None) -> str:
    """A key form for matching headers and labels against a vocabulary.

    Steps: :func:`clean_text`; apostrophe look-alikes (’ ʼ ‘ ` ´) become ``'``;
    case folded; a hyphen between two letters is removed, also with one space
    after it (``"вико-нання"``, ``"вико- нання"`` → ``"виконання"``); Latin
    look-alike letters inside a word that has Cyrillic letters become Cyrillic
    (``"Bиконання"`` → ``"виконання"``); leading and trailing punctuation and
    whitespace stripped (``"Найменування заходу:"`` → ``"найменування
    заходу"``) unless nothing would remain. Letters keep their diacritics
    (``ї``, ``й``, ``ё`` stay). Inner punctuation and spacing otherwise stay.
    """
    if text and len(text) <= CACHE_MAX_CHARS:
        return _fold_cached(text)
    return _fold(text)


@lru_cache(maxsize=CACHE_ENTRIES)
def _fold_cached(text: str) -> str:
    return _fold(text)


def _fold(text: str | None) -> str:
    text = clean_text(text)
    text = _APOSTROPHE_RE.sub("'", text)
    text = text.casefold()
    text = _INNER_HYPHEN_RE.sub("", text)
    if _LOOKALIKE_RE.search(text):  # nothing to map otherwise
        text = _WORD_RE.sub(_fix_mixed_script, text)
    text = unicodedata.normalize("NFC", text)
    stripped = _EDGE_PUNCT_RE.sub("", text)
    return stripped if stripped else text.strip()


# -- item numbers ------------------------------------------------------------------

def strip_number_prefix(text: str | None) -> tuple[str | None, str]:
    """Split a leading item number from a text: ``"1.1. Текст"`` → ``("1.1", "Текст")``.

    Recognized numbers: dotted numbers (``"1.1"``, ``"1.1."``, ``"1.2.3)"``),
    an integer with a period or parenthesis (``"2."``, ``"2)"``), Roman
    numerals in Latin or Cyrillic letters with a period or parenthesis
    (``"ІІ."``), a letter with a parenthesis (``"а)"``), and any of these after
    a label such as ``"Завдання 2."`` (:data:`ITEM_LABELS`). A bare integer
    followed by text (``"12 камер"``) is NOT a number prefix: it reads as a
    count. A text that is only an integer (``"3"``) is a number with empty
    text. The text is :func:`clean_text`-ed; no number → ``(None, text)``.
    """
    return split_item_prefix(clean_text(text), ITEM_LABELS)


def normalize_item_number(text: str | None) -> str | None:
    """An item number as printed, without spaces and trailing ``.``/``)``.

    ``"1."`` → ``"1"``, ``"1.1."`` → ``"1.1"``, ``" 3 "`` → ``"3"``,
    ``"ІІ."`` → ``"ІІ"``; ``None`` for an empty or dash-only cell.
    """
    value = text_value(text)
    if value is None:
        return None
    value = value.rstrip(".) ").lstrip("№ ").strip()
    return value or None
