"""Header words: broken over two lines of a narrow cell, put back together; column names printed one space apart.

A column narrower than one of its header's words makes the program that
printed the table break the word where the cell ends, with no hyphen:
"Орієнтовн" over "ий обсяг", "фінансува" over "ння". Read line by line, the
header says "орієнтовн ий обсяг фінансува ння" and names no column. Which
breaks are inside a word cannot be told from the layout alone ("відповідно"
over "до" is a break between two words, and both fill the cell), so the
header vocabulary (``vocab/headers.yaml``) decides: a break between a letter
and a lower-case letter is closed when the word it makes is a word of the
vocabulary and the piece before the break is not.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...normalize.text import fold

#: the word before a line break and the word after it
_LEFT_RE = re.compile(r"[^\W\d_]+$")
_RIGHT_RE = re.compile(r"^[^\W\d_]+(?:-[^\W\d_]+)*")


@lru_cache(maxsize=1)
def _vocabulary_words() -> frozenset[str]:
    """Every word of the header vocabulary's phrases, folded."""
    from ...extract.vocab import load_vocabulary

    vocab = load_vocabulary()
    sets = (vocab.funding_columns, vocab.funding_total_columns, vocab.funding_sources, vocab.indicator_columns)
    return frozenset(w for ps in sets for phrase, _, _ in ps.by_length for w in re.findall(r"[^\W\d_]+", phrase))


@lru_cache(maxsize=1)
def _opening_words() -> frozenset[str]:
    """The first words of the header vocabulary's phrases ("планове", "фактичне", "одиниця"), folded."""
    from ...extract.vocab import load_vocabulary

    vocab = load_vocabulary()
    sets = (vocab.funding_columns, vocab.funding_total_columns, vocab.indicator_columns)
    return frozenset(phrase.split()[0] for ps in sets for phrase, _, _ in ps.by_length if phrase.split())


@lru_cache(maxsize=1)
def _group_phrases() -> frozenset[str]:
    """The vocabulary's names of indicator groups ("показники затрат", "продукту"), folded."""
    from ...extract.vocab import load_vocabulary

    return frozenset(phrase for phrase, _, _ in load_vocabulary().indicator_groups.by_length)


#: a group numeral before a group's name: "І.", "II", "2.", "2)"
_GROUP_NUMERAL_RE = re.compile(r"^\s*(?:[IVXІХ]{1,4}|\d{1,2})\s*[.)]?\s+")


def names_indicator_group(text: str) -> bool:
    """Whether a text (its lines joined) is the name of an indicator group and nothing else.

    "Показники затрат", "ІІ. Показники\nпродукту": a group heading, however
    narrow the cell it is printed in; "Показники затрат на одиницю" is not,
    nor is a word in lower case ("затрат" wrapped under "Обсяг").
    """
    name = _GROUP_NUMERAL_RE.sub("", text, count=1).strip()
    if not name[:1].isupper():
        return False  # "затрат" under "Обсяг" is a name's wrapped word
    return " ".join(fold(name).split()) in _group_phrases()


def opens_column_name(text: str, *, cut_short: int = 0) -> bool:
    """Whether a header text opens with a word that opens a column name of the vocabulary ("Планове значення").

    With ``cut_short`` (a number of letters) a header text of one word
    that a narrow cell broke ("Планов" of "Планове", at least that many
    letters) counts when it begins such an opening word.
    """
    first = text.split(" ", 1)[0] if text else ""
    if not first:
        return False
    folded = fold(first)
    if folded in _opening_words():
        return True
    if not cut_short or " " in text.strip() or len(folded) < cut_short or not folded.isalpha():
        return False
    return any(w.startswith(folded) for w in _opening_words())



def rejoin_broken_words(text: str) -> str:
    """A header cell's text (lines joined by ``"\\n"``) with the words its narrow cell broke put back together."""
    if "\n" not in text:
        return text
    known = _vocabulary_words()
    lines = text.split("\n")
    out = lines[0]
    for line in lines[1:]:
        left, right = _LEFT_RE.search(out), _RIGHT_RE.match(line)
        if left and right and right.group()[0].islower():
            whole = fold(left.group() + right.group())
            if whole in known and fold(left.group()) not in known:
                out += line
                continue
        out += "\n" + line
    return out
