"""Tables crossing a page break: whether a piece on the next page repeats the table's header.

A word processor repeats a table's header rows at the top of every page it
runs on; a piece of the table that opens the next page and starts with
them continues the table, and the repeated rows are dropped. Both readers
of tables that cross pages ask this module, so one rule decides for both:

* the ruled PDF path (``extractor.readers.pdf_tables``), row by row over the
  leading rows of a continuation piece;
* the finder of tables without rules (``extractor.readers.common.assemble``),
  over the header words of a region that opens a page.

Two headers are the same when the words they print (runs of letters and
digits, case folded: ``header_words``) overlap by at least
``header_match_ratio`` (Dice's coefficient over the two multisets of
words: twice the shared words over all words). Words are compared, not
characters: a repeated header may be drawn shorter and lose a clipped
character, break its words at other places (``"викона-"`` over ``"ння"``)
or take in a line of the row below it, and the order pdftotext gives the
words of a header in is not the printed one. ``header_match_ratio`` is the
one setting: ``FinderSettings.header_match_ratio``, handed to both paths.

A cell a page break cut (a merged task cell going on printing its text on the
next page, a row's text running over the break) is told by one rule too:
``reads_as_rest`` (the text opens in lower case, or the text above ends in a
hyphen). The ruled path asks it of a continuation's first row to decide
whether it is the rest of the last row; ``rejoin_split_cells`` gives such
text back to its cell above in a table the finder assembled.

A piece of a table without rules has the columns its own words' gutters
give, and those shift from page to page (a page of short texts leaves wider
gutters), or merge where a column prints nothing on the page. Whether the
piece's columns are the table's is told by ``column_map``: each of its
edges must stand nearer one edge of the table than half a neighbouring
column, in the same order, outer edges on outer edges.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Sequence

from ...document import Table

#: a header word: a run of letters and digits
_WORD_RE = re.compile(r"\w+")


def header_words(texts: Iterable[str]) -> Counter[str]:
    """The words of a header's texts, case folded, with how often each is printed."""
    return Counter(w.casefold() for text in texts for w in _WORD_RE.findall(text))


def header_overlap(a: Counter[str], b: Counter[str]) -> float:
    """Dice's coefficient of two word multisets: 1.0 for the same words, 0.0 for none shared or no words."""
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 0.0


def repeats_header(a: Counter[str], b: Counter[str], header_match_ratio: float) -> bool:
    """Whether two headers (their ``header_words``) are the same header printed twice."""
    return header_overlap(a, b) >= header_match_ratio


def reads_as_rest(before: str, after: str) -> bool:
    """Whether ``after`` reads as the rest of ``before`` that a page break cut off: it opens in lower case, or
    ``before`` ends in a hyphen (a plain or a soft one)."""
    head = after.strip()[:1]
    return (head.isalpha() and head.islower()) or before.rstrip().endswith(("-", "\u00ad"))


def rejoin_split_cells(table: Table, r: int) -> None:
    """Give back to the cells above the text a page break cut off them.

    On a continuation page a merged cell (a task spanning its measures) goes
    on printing its text in the first row. When that row's first column is
    empty, a cell whose text ``reads_as_rest`` of the nearest non-empty cell
    above in its column moves there.
    """
    if r >= len(table.rows) or r == 0:
        return
    row = table.rows[r]
    if any(c.col == 0 and c.text.strip() for c in row.cells):
        return
    for cell in row.cells:
        if not cell.text.strip():
            continue
        for above in reversed(table.rows[:r]):
            if above.is_header:
                break
            origin = next((c for c in above.cells if c.col == cell.col and c.col_span == cell.col_span), None)
            if origin is not None and origin.text.strip():
                if reads_as_rest(origin.text, cell.text):
                    origin.text = origin.text + "\n" + cell.text
                    cell.text = ""
                break


def column_map(own: Sequence[float], table: Sequence[float]) -> list[int] | None:
    """Which of a table's column edges ``table`` each edge of a piece's columns ``own`` stands for, or None.

    A piece of a table printed without rules (the rows a page break carried
    over, with or without a repeated header) finds its column edges in its
    own gutters: they lie a little apart from the table's (a column of
    shorter texts leaves a wider gutter) and, where a column prints nothing
    on the piece's page, two of the table's columns make one. The piece is
    on the table's columns when each of its edges stands nearer to one edge
    of the table than half the narrower column beside that edge (so no
    other edge of the table could be meant), the edges map in their order
    to distinct table edges, and the outer edges map onto the outer edges.
    """
    if len(own) < 2 or len(table) < 2 or len(own) > len(table):
        return None
    out: list[int] = []
    for x in own:
        j = min(range(len(table)), key=lambda i: abs(table[i] - x))
        beside = [table[j] - table[j - 1]] if j > 0 else []
        beside += [table[j + 1] - table[j]] if j + 1 < len(table) else []
        if abs(table[j] - x) >= min(beside) / 2 or (out and j <= out[-1]):
            return None
        out.append(j)
    return out if out[0] == 0 and out[-1] == len(table) - 1 else None
