"""Fix-ups for glyphs the language data cannot produce.

Tesseract's Ukrainian model (Debian's ``tesseract-ocr-ukr``) has no "№" in
its character set, so the number sign of "№ 67" and "№ з/п", which every
report prints, comes out as "No", "Мо", "N" or "Ne". A word that reads as
one of ``NUMBER_SIGN_READINGS`` and stands before a number (the next word
of its line starts with a digit) or before "з/п" / "п/п" (on its line or the
next, or right under it in its column, whatever order the page was read in), or before "з/" where a
narrow column cut "з/п" after its stroke, is put back as "№"; so is such
a prefix glued to the digits ("Мо1376" → "№1376"). Nothing else is changed:
the word must be exactly one of those readings, which are not Ukrainian
words.

The header of an item-number column, "з/п" or "п/п", is misread "3/n" or
"з/n" (a digit for the letter, a Latin n for п): such a word is put back
too, before the number sign in front of it is. Right after a number sign
(or what it is misread as) a worse reading of it ("з/ть", "з/ш": one or two
letters after the stroke) is put back as well; elsewhere such a word may be
a real abbreviation ("з/пл").

"КП «…»" (a communal enterprise: the executor of half the measures of
every report) comes out as "Kil «…»", "KI «…»", "Kn «…»": a word of a
Latin or Cyrillic K and one or two strokes ("i", "l", "I", "n", "ll") right
before a name in quotes is put back as "КП".

"тис. грн", the unit of most reports' amounts, comes out as "THC. грн" or
"тнс. грн": a word of "т", an "и" read as "н", "H" or "N", and "с" (in
either script) right before "грн" is put back as "тис.". Read as "грн" the
amounts would be off by a thousand.

Neither model has superscript digits: "м³" and "м²" come out as "м3" and
"м2". A word that is exactly a metric unit of area or volume with a plain
digit ("м3", "км2", "м3." …) gets its superscript back; "м3" means cubic
metres in every report.

A word of a table's header misread by one letter ("Змієт заходів" for
"Зміст заходів") leaves its column without a name, and the whole table
without its measures. In the header band of a table (its rows above the
first that holds a number) a word of at least ``OcrSettings.header_word_min`` letters
that is not a word of the header vocabulary, but is one letter away from
exactly one of them (same length), is put back as that word
(``fix_header_words``). Rows of values are never touched: a name or a
measure may be any word.

Dust that survives the image's despeckling (a speck too near the text, or
too large) is read as a word of its own made only of dots, strokes and
quote marks: ".", "'", "|:", "°". Print never sets such a word apart from
the text (a period or a colon follows its word without a space), so these
words are dropped (``STRAY_MARKS``); so is a '"' standing apart on a line
with other words (alone in its cell it is a ditto mark: "the same as
above"). Dashes, brackets and quotes that open or close a word stay.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from functools import lru_cache

import regex

from .engine import Word
from .settings import DEFAULT_OCR

NUMBER_SIGN = "\u2116"
#: what the number sign is read as by the Ukrainian and English models
NUMBER_SIGN_READINGS = frozenset({"No", "No.", "Nо", "Мо", "Mo", "N", "Ne", "Nе", "Ме", "Me", "Nº", "N°"})
_GLUED = regex.compile(r"^(?:No|Nо|Мо|Mo|Ne|Nе|Ме|Me|Nº|N°)(\d.*)$")
_DIGIT = regex.compile(r"^\d")
#: "м3", "км2", "дм3", "см2" with trailing punctuation, as a whole word
_UNIT_POWER = regex.compile(r"^((?:к|д|с|м)?м)([23])([.,;:)]*)$")
_SUPERSCRIPT = {"2": "\u00b2", "3": "\u00b3"}
#: "КП" misread before a quoted name
_KP = regex.compile(r"^[KК](?:il|ii|I|II|IT|ll|l|n|N|П|Ш|1|\|)$")
_QUOTED = regex.compile(r"^[«\"“„]")
#: "тис." (thousand, of "тис. грн") misread with Latin letters or "н" for "и" ("THC.", "тнс.") before "грн"
_THOUSAND = regex.compile(r"^[тТTt][иИнНHNn][сСcC](\.?)$")
_HRYVNIA = regex.compile(r"^(?:грн|гривень|гривні)", regex.IGNORECASE)
#: "з/" or "п/": the header "з/п" a narrow column cut after its stroke (the rest on the line below)
_ITEM_CUT = regex.compile(r"^([зЗ3]|[пПn])[/|]$")
#: "з/п" and "п/п" (the header of an item-number column), as printed and as misread ("3/n", "з/n")
_ITEM_ABBREVIATION = regex.compile(r"^([зЗ3]|[пПn])[/|]([пПn])([.,:]?)$")
_ITEM_LETTERS = {"з": "з", "З": "з", "3": "з", "п": "п", "П": "п", "n": "п"}
#: the same worse misread ("з/ть", "з/ш"): put back only right after a number sign, where nothing else stands
_ITEM_AFTER_SIGN = regex.compile(r"^([зЗ3]|[пПn])[/|]\p{L}{1,2}([.,:]?)$")


#: what a speck of dust reads as: a word made only of these is not print
STRAY_MARKS = frozenset(".,:;'`|!°·•¦‘’´˙¸")


_WORD = regex.compile(r"^(\p{P}*)(\p{L}+)(\p{P}*)$")


def one_letter_index(known: frozenset[str], min_length: int = DEFAULT_OCR.header_word_min) -> dict[str, set[str]]:
    """Every word of ``known`` of at least ``min_length`` letters under each of its one-letter wildcards
    ("з?іст" → {"зміст"})."""
    index: dict[str, set[str]] = {}
    for word in known:
        if len(word) >= min_length:
            for i in range(len(word)):
                index.setdefault(word[:i] + "?" + word[i + 1:], set()).add(word)
    return index


@lru_cache(maxsize=2)
def header_vocabulary(min_length: int = DEFAULT_OCR.header_word_min) -> tuple[frozenset[str], dict[str, set[str]]]:
    """The header vocabulary's words (folded, as the rule-less table finder knows them) and the wildcards of
    those of at least ``min_length`` letters."""
    from ..common.broken_words import _vocabulary_words

    known = _vocabulary_words()
    return known, one_letter_index(known, min_length)


def fix_header_words(words: list[Word], known: frozenset[str], index: dict[str, set[str]],
                     min_length: int = DEFAULT_OCR.header_word_min) -> list[Word]:
    """Header words misread by one letter put back as the one vocabulary word they nearly are (see the module docstring).

    ``known`` holds the header vocabulary's words (case-folded) and
    ``index`` their one-letter wildcards (``one_letter_index``); a word shorter than ``min_length``
    letters is left as read.
    """
    out = []
    for w in words:
        match = _WORD.match(w.text)
        if match and len(match.group(2)) >= min_length and match.group(2).casefold() not in known:
            letters = match.group(2)
            folded = letters.casefold()
            near = set().union(*(index.get(folded[:i] + "?" + folded[i + 1:], set()) for i in range(len(folded))))
            if len(near) == 1:
                (word,) = near
                if letters[0].isupper():
                    word = word.upper() if letters.isupper() else word[0].upper() + word[1:]
                w = replace(w, text=match.group(1) + word + match.group(3))
        out.append(w)
    return out


#: the ditto mark ("the same as above"), which dust also reads as
DITTO = '"'


def is_stray_mark(text: str) -> bool:
    """Whether a recognised word is only dots, strokes and quote marks: dust, not print."""
    return bool(text) and all(ch in STRAY_MARKS for ch in text)


def fix_words(words: list[Word]) -> list[Word]:
    """The words with what the models cannot read put back, and dust read as marks dropped (see the module docstring)."""
    shared = Counter(w.line for w in words)
    out = [w for w in words if not is_stray_mark(w.text) and not (w.text == DITTO and shared[w.line] > 1)]
    for i, w in enumerate(out):
        loose = _ITEM_AFTER_SIGN.match(w.text)
        if loose and i and (out[i - 1].text in NUMBER_SIGN_READINGS or out[i - 1].text == NUMBER_SIGN):
            out[i] = replace(w, text=f"{_ITEM_LETTERS[loose.group(1)]}/п{loose.group(2)}")
            continue
        item = _ITEM_ABBREVIATION.match(w.text)
        if item:
            out[i] = replace(w, text=f"{_ITEM_LETTERS[item.group(1)]}/п{item.group(3)}")
            continue
        if _KP.match(w.text) and i + 1 < len(out) and _QUOTED.match(out[i + 1].text):
            out[i] = replace(w, text="КП")
            continue
        thousand = _THOUSAND.match(w.text)
        if thousand and w.text[:3] != "тис" and i + 1 < len(out) and _HRYVNIA.match(out[i + 1].text):
            out[i] = replace(w, text="тис" + thousand.group(1))
            continue
        unit = _UNIT_POWER.match(w.text)
        if unit:
            out[i] = replace(w, text=unit.group(1) + _SUPERSCRIPT[unit.group(2)] + unit.group(3))
            continue
        glued = _GLUED.match(w.text)
        if glued:
            out[i] = replace(w, text=NUMBER_SIGN + glued.group(1))
            continue
        if w.text in NUMBER_SIGN_READINGS and i + 1 < len(out):
            after = out[i + 1]
            below = _word_below(w, out)
            if ((after.line == w.line and _DIGIT.match(after.text)) or _is_item_header(after.text)
                    or (below is not None and _is_item_header(below.text))):
                out[i] = replace(w, text=NUMBER_SIGN)
    return out


def _is_item_header(text: str) -> bool:
    return bool(_ITEM_ABBREVIATION.match(text) or _ITEM_AFTER_SIGN.match(text) or _ITEM_CUT.match(text))


def _word_below(word: Word, words: list[Word]) -> Word | None:
    """The nearest word under ``word`` in its column (overlapping it across, starting within three of its
    heights below it): where a header cell's next line is, whatever order the page's reading took."""
    height = word.bottom - word.top
    under = [w for w in words if w.x0 < word.x1 and word.x0 < w.x1 and word.bottom <= w.top < word.bottom + 3 * height]
    return min(under, key=lambda w: w.top, default=None)
