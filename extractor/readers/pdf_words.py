"""Characters → words, exactly as pdfplumber's ``extract_words`` groups them, several times faster.

The PDF reader groups a page's running-text characters into words and the
words into lines (``extractor.readers.pdf_page``). pdfplumber's
``WordExtractor`` does the first step for any settings and direction, and
builds a dict per word; on a page of a few thousand characters that is a
large part of reading the page. ``words`` does the same for the one setting
the reader uses (``extract_words(chars, x_tolerance=X, y_tolerance=Y)``,
everything else pdfplumber's default) with plain tuples:

1. consecutive characters with the same ``upright`` value form a group;
2. an upright group is cut into lines by clustering the characters' ``top``
   values (sorted distinct values, a new cluster where a value is more than
   ``y_tolerance`` above the previous one), lines top to bottom, and each
   line's characters are sorted by ``x0``; a group of rotated characters is
   cut into columns by ``x0`` (``x_tolerance``), each sorted by
   (``top``, ``bottom``). Sorting is stable, so ties keep the page's order;
3. along a line, a whitespace character ends the word (and belongs to
   none), a character with no text (a glyph pdfminer could not map) is a
   word of its own; a character starts a new word when it begins before the previous
   one, more than ``x_tolerance`` after its end, or more than
   ``y_tolerance`` off its line (for rotated text, x and y swap roles, with
   the tolerances swapped as pdfplumber swaps them);
4. a word's text is its characters' texts, ligatures (U+FB00–FB06) spelt
   out; its box is the union of theirs.

``tests/test_reader_pdf.py`` checks the result against pdfplumber's on the
samples and on random characters.
"""

from __future__ import annotations

import itertools
from operator import itemgetter
from typing import Any, NamedTuple

#: pdfplumber spells these ligature characters out in a word's text (``pdfplumber.utils.text.LIGATURES``)
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}

#: (start, end, across) keys of a character along its line: upright text runs left to right,
#: rotated text top to bottom
UPRIGHT_AXES = ("x0", "x1", "top")
ROTATED_AXES = ("top", "bottom", "x0")


class Word(NamedTuple):
    """One word: its text, box and characters (pdfplumber's char dicts)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    chars: list[dict[str, Any]]


def words(chars: list[dict[str, Any]], x_tolerance: float, y_tolerance: float) -> list[Word]:
    """The words of ``chars`` in pdfplumber's order (see the module docstring)."""
    out: list[Word] = []
    for upright, group in itertools.groupby(chars, key=lambda ch: ch["upright"]):
        group = list(group)
        if upright:
            lines = _clusters(group, "top", y_tolerance, lambda ch: ch["x0"])
            for line in lines:
                _split(line, UPRIGHT_AXES, x_tolerance, y_tolerance, out)
        else:
            columns = _clusters(group, "x0", x_tolerance, lambda ch: (ch["top"], ch["bottom"]))
            for column in columns:
                _split(column, ROTATED_AXES, y_tolerance, x_tolerance, out)
    return out


def _clusters(chars: list[dict[str, Any]], key: str, tolerance: float, order: Any) -> list[list[dict[str, Any]]]:
    """``chars`` cut into clusters of close ``key`` values (pdfplumber's ``cluster_objects``), each sorted by ``order``."""
    index: dict[float, int] = {}
    last = None
    n = -1
    for value in sorted({ch[key] for ch in chars}):
        if last is None or value > last + tolerance:
            n += 1
        index[value] = n
        last = value
    clusters: list[list[dict[str, Any]]] = [[] for _ in range(n + 1)]
    for ch in chars:
        clusters[index[ch[key]]].append(ch)
    for cluster in clusters:
        cluster.sort(key=order)
    return clusters


def _split(line: list[dict[str, Any]], axes: tuple[str, str, str], gap: float, off: float, out: list[Word]) -> None:
    """Cut one line into words. ``axes`` names the keys of a character's start and end along the line and
    its position across it; ``gap`` is the widest gap inside a word, ``off`` how far a character may stand
    off the line."""
    start, end, across = axes
    word: list[dict[str, Any]] = []
    for ch in line:
        if ch["text"].isspace() or not ch["text"]:
            if word:
                out.append(_merge(word))
                word = []
            if not ch["text"]:
                out.append(_merge([ch]))
            continue
        if word:
            prev = word[-1]
            if ch[start] < prev[start] or ch[start] > prev[end] + gap or abs(ch[across] - prev[across]) > off:
                out.append(_merge(word))
                word = []
        word.append(ch)
    if word:
        out.append(_merge(word))


_X0, _X1, _TOP, _BOTTOM = (itemgetter(key) for key in ("x0", "x1", "top", "bottom"))


def _merge(chars: list[dict[str, Any]]) -> Word:
    if len(chars) == 1:
        ch = chars[0]
        return Word(LIGATURES.get(ch["text"], ch["text"]), ch["x0"], ch["x1"], ch["top"], ch["bottom"], chars)
    return Word(
        "".join([LIGATURES.get(ch["text"], ch["text"]) for ch in chars]),
        min(map(_X0, chars)),
        max(map(_X1, chars)),
        min(map(_TOP, chars)),
        max(map(_BOTTOM, chars)),
        chars,
    )
