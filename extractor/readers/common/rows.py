"""Body rows of a table without rules: which grid lines open a row, and the cells they fill.

**Rows** (cells are top-aligned). A body line starts a new row when:
it is the first body line; it is a bridging line after a non-bridging one
or the reverse (the short last line of a wrapped heading stays with it);
a bridging line under one it does not fit inside, or under a total row
that carries values;
the key column (the first column, when most of its fragments are
ordinals like "1.", "2.1", "IV.") holds an ordinal; at least
``min_resumed_columns`` columns that were blank on the line above get text
(the previous row's shorter cells ended and new cells begin); or a column
holds a value-like fragment (number, percent, dash) right under another
complete value (values do not wrap, so this is a new single-line row;
except a long amount wrapped at a thousands group, "1 587" over "425,36",
or a short integer over a three-digit tail, "12" over "345,678", when every
number on the line is such a tail and its texts continue in lower case).
Every other line only adds wrapped text to its columns ("\n"-joined,
one printed line per line).
A row holding nothing but one spanning text is a full-width row (a group
heading). A merged cell taller than its first row spills its last lines
into the next one: a cell of a row with an empty first column that starts
in lower case right under the cell above, which does not end a sentence,
goes back up. Rows opened only by amounts printed one under another
(first column empty, texts continuing in lower case) join the row above
when a text column of them all lists one dash item ("- вул. Гоголя")
per row and no row's text opens with one: the amount cells then stack
the values line by line against the objects.
"""

from __future__ import annotations

import re

from dataclasses import dataclass

from .broken_words import names_indicator_group
from .columns import line_pieces
from .finder_settings import FinderSettings
from .tokens import is_amount, is_bullet_line, is_grouped_integer, is_groups_tail, is_item_number, is_ordinal, is_small_integer, is_value
from .words import Frag, Line, merge_intervals


_CONTINUES_RE = re.compile(r"[-–—,/(+]$")


@dataclass
class BodyRow:
    """One body row: its first line and (text, first column, last column) cells."""

    line: int
    cells: list[tuple[str, int, int]]


def join_lines(parts: list[tuple[int, int, str]]) -> str:
    """(line, x0, text) parts as text: same line joined by a space, lines by "\\n"."""
    by_line: dict[int, list[str]] = {}
    for line, _, text in sorted(parts):
        by_line.setdefault(line, []).append(text)
    return "\n".join(" ".join(ts) for ts in by_line.values())


def body_rows(
    lines: list[Line], rows: range, cores: list[list[int]], bridging: set[int] = frozenset(), *, cfg: FinderSettings
) -> list[BodyRow]:
    """Segment the body lines into rows (rule 5) and gather their cells.

    A lone text on a ``bridging`` line (a group heading in a number
    column) spans the table.
    """
    placed: list[tuple[int, list[tuple[Frag, int, int]]]] = []
    for i in rows:
        ps = [(p, a, b) for p, (a, b) in line_pieces(lines[i], cores, cfg=cfg)]
        if len(ps) == 1 and len(cores) > 1 and (i in bridging or heading_under_amount(ps[0], placed)):
            ps = [(ps[0][0], 0, len(cores) - 1)]
        placed.append((i, ps))
    if len(cores) > 1:
        for k in range(len(placed) - 1):
            if is_title_line(placed[k][1], placed[k + 1][1]):
                i, ps = placed[k]
                rest = [p for p, _, _ in ps[1:]]
                whole = Frag(rest[0].x0, rest[-1].x1, " ".join(p.text for p in rest))
                placed[k] = (i, [ps[0], (whole, ps[1][1], len(cores) - 1)])
        heading = group_headings_in_a_column(placed)
        for k in heading:
            if k - 1 in heading:
                continue  # the heading's first line holds its whole name
            run = [k]
            while run[-1] + 1 in heading:
                run.append(run[-1] + 1)
            fs = [p for j in run for p, _, _ in placed[j][1]]
            text = "\n".join(" ".join(p.text for p, _, _ in placed[j][1]) for j in run)
            frag = Frag(min(f.x0 for f in fs), max(f.x1 for f in fs), text)
            placed[k] = (placed[k][0], [(frag, 0, len(cores) - 1)])
            for j in run[1:]:
                placed[j] = (placed[j][0], [])
    col0 = [p.text for _, ps in placed for p, a, b in ps if a == b == 0]
    key = bool(col0) and sum(1 for t in col0 if is_ordinal(t)) >= cfg.key_column_ordinal_share * len(col0)

    starts: list[int] = []
    prev_cols: dict[int, str] = {}
    prev_bridging: tuple[int, int] | None = None  # x-extent of a spanning line above
    prev_inner: set[tuple[int, int]] = set()  # columns of cells merged inside the row on the line above
    for k, (i, ps) in enumerate(placed):
        if not ps:
            prev_cols, prev_bridging = {}, None
            continue
        spanning = [p for p, a, b in ps if a < b]
        inner = {(a, b) for _, a, b in ps if a < b}
        if spanning and all(a > 0 for a, _ in inner) and (len(spanning) < len(ps) or inner <= prev_inner):
            spanning = []  # cells merged over columns inside a row, beside its other cells or going on from above
        prev_inner = inner if not spanning else set()
        bridging = (min(p.x0 for p in spanning), max(p.x1 for p in spanning)) if spanning else None
        cols: dict[int, str] = {}
        for p, a, b in ps:
            for c in range(a, b + 1):
                cols[c] = p.text if c not in cols else cols[c] + " " + p.text
        new = not starts
        if not new and bridging and not prev_bridging:
            new = True
        if not new and bridging and prev_bridging:
            # a spanning line under a spanning line wraps it only when it
            # stays inside it and the line above held no values (a total
            # row is complete on one line; the task heading under it is not
            # its continuation)
            lo, hi = prev_bridging
            inside = all(lo - 1 <= p.x0 and p.x1 <= hi + 1 for p, _, _ in ps)
            new = not inside or any(is_value(t) for t in prev_cols.values())
        if not new and prev_bridging and not bridging and not any(is_value(t) for t in prev_cols.values()):
            # the short last line of a wrapped spanning heading stays with it (under a total row, whose
            # label spans and whose values stand in their columns, a line goes by the rules below:
            # "15" over "437,428" is an amount wrapped at its thousands space)
            lo, hi = prev_bridging
            new = not (len(ps) == 1 and lo - 1 <= ps[0][0].x0 and ps[0][0].x1 <= hi + 1)
        if not new and key and 0 in cols and is_ordinal(cols[0]):
            new = True
        if not new and sum(1 for c in cols if c not in prev_cols) >= cfg.min_resumed_columns:
            new = True
        if not new and not wrapped_at_thousands(prev_cols, cols):
            new = any(
                c in prev_cols
                and is_value(t)
                and is_value(prev_cols[c])
                and not _CONTINUES_RE.search(prev_cols[c])
                and not wrapped_number(prev_cols[c], t)
                for c, t in cols.items()
            )
        if new:
            starts.append(k)
        prev_cols = cols
        prev_bridging = bridging or (prev_bridging if not new and prev_bridging else None)

    out: list[BodyRow] = []
    spans_of: list[dict[int, tuple[int, int]]] = []  # per row: column -> (first line, last line)
    for n, s in enumerate(starts):
        e = starts[n + 1] if n + 1 < len(starts) else len(placed)
        spans: list[tuple[int, int]] = []
        for _, ps in placed[s:e]:
            spans.extend((a, b) for _, a, b in ps if a < b)
        spans = [tuple(x) for x in merge_intervals([(a, b + 1) for a, b in spans])]
        owner: dict[int, tuple[int, int]] = {}
        for a, b1 in spans:
            for c in range(a, b1):
                owner[c] = (a, b1 - 1)
        parts: dict[tuple[int, int], list[tuple[int, int, str]]] = {}
        for i, ps in placed[s:e]:
            for p, a, b in ps:
                slot = owner.get(a, (a, a))
                parts.setdefault(slot, []).append((i, p.x0, p.text))
        cells = []
        c = 0
        while c < len(cores):
            slot = owner.get(c, (c, c))
            cells.append((join_lines(parts.get(slot, [])), slot[0], slot[1]))
            c = slot[1] + 1
        filled = [cell for cell in cells if cell[0]]
        if len(filled) == 1 and filled[0][1] < filled[0][2]:
            # a lone spanning text is a full-width row (a group heading)
            cells = [(filled[0][0], 0, len(cores) - 1)]
        out.append(BodyRow(placed[s][0], cells))
        spans_of.append({a: (min(q[0] for q in ps), max(q[0] for q in ps)) for (a, b), ps in parts.items() if a == b})
    give_back_overflow(out, spans_of)
    return stack_objects(out)


def is_title_line(ps: list[tuple[Frag, int, int]], below: list[tuple[Frag, int, int]]) -> bool:
    """Whether a line is a numbered title over the rows it heads, its text cut at columns by chance.

    A task's title row ("1.   Розвиток первинної медичної допомоги") runs
    its words over the columns beside its number; where a word happens to
    start at a column's left edge the text is cut there like cells printed
    one space apart. It is one text when the line opens with a dotted item
    number in the first column, its other pieces stand one space apart
    (one printed fragment), none is a value, and the line under it opens
    with an item number (the first row it heads, "1.1.").
    """
    if len(ps) < 3 or not below:
        return False
    (first, a, b), rest = ps[0], ps[1:]
    if a != 0 or b != 0 or not is_item_number(first.text.strip(), dotted=True, roman=True):
        return False
    if any(p.x0 != q.x1 + 1 for (q, _, _), (p, _, _) in zip(rest, rest[1:])):
        return False
    if any(is_value(p.text) for p, _, _ in rest):
        return False
    nf, na, _ = below[0]
    return na == 0 and is_ordinal(nf.text.strip())


def group_headings_in_a_column(placed: list[tuple[int, list[tuple[Frag, int, int]]]]) -> list[int]:
    """Lines (indices into ``placed``) that print an indicator group's name inside one column.

    A narrow table may print its group headings ("Показники затрат",
    "Показники" over "продукту") in the name column, where the wrapped
    names stand. A run of lines each holding one text in one column ends
    with such a heading when its last lines, joined, name an indicator
    group (``broken_words.names_indicator_group``): those lines are a
    full-width row (``body_rows`` puts the whole name on its first line, so
    a second line wider than the first, "Показники" over "ефективності",
    does not open a row of its own).
    """
    out: list[int] = []
    k = 0
    while k < len(placed):
        if not lone_text(placed[k][1]):
            k += 1
            continue
        e = k
        while e < len(placed) and lone_text(placed[e][1]) and placed[e][1][0][1] == placed[k][1][0][1]:
            e += 1
        for start in range(k, e):
            if names_indicator_group("\n".join(" ".join(p.text for p, _, _ in placed[j][1]) for j in range(start, e))):
                out.extend(range(start, e))
                break
        k = e
    return out


def lone_text(ps: list[tuple[Frag, int, int]]) -> bool:
    """One printed text, not a value: one piece in one column, or pieces of one fragment cut at columns."""
    if not ps or any(a != b or is_value(p.text) for p, a, b in ps):
        return False
    return all(p.x0 == q.x1 + 1 for (q, _, _), (p, _, _) in zip(ps, ps[1:]))


def heading_under_amount(piece: tuple[Frag, int, int], above: list[tuple[int, list[tuple[Frag, int, int]]]]) -> bool:
    """Whether a lone text in one column under an amount in that column is a group heading.

    Amounts do not wrap: words under one (the text next above them in
    their column, on the lines ``above``; an amount with decimals or
    thousands groups, not a year or a count), opening with a capital and
    alone on their line ("Показники продукту" centred on the table, inside
    the planned values' column), are a heading row.
    """
    frag, a, b = piece
    text = frag.text.strip()
    if a != b or is_value(text) or not text[:1].isupper() or not any(ch.isalpha() for ch in text):
        return False
    for _, ps in reversed(above):
        for p, pa, pb in ps:
            if pa <= a <= pb:
                t = p.text.strip()
                return pa == pb and (is_grouped_integer(t) or (is_amount(t) and any(ch.isdigit() for ch in t) and ("," in t or "." in t)))
    return False


def stack_objects(rows: list[BodyRow]) -> list[BodyRow]:
    """Join rows that are one cell stacking amounts against a list of objects.

    A measure may list its objects as dash items ("- вул. Гоголя, 250;")
    with one amount each printed one under another in the amount cells.
    Each amount then looks like a new row, but the rows after the first
    have an empty first column, no text cell that opens a new text (each
    continues the one above: it starts in lower case) and a value in each
    of their non-empty number cells; when a text column of the rows taken
    together holds as many dash items as there are rows, and no row's text
    opens with one, they are one row whose amount cells stack the values
    line by line.
    """
    out: list[BodyRow] = []
    n = 0
    while n < len(rows):
        end = n + 1
        while end < len(rows) and continues_stack(rows[end]):
            end += 1
        best = n + 1
        for j in range(end, n + 1, -1):
            if bullets_match(rows[n:j]):
                best = j
                break
        if best > n + 1:
            out.append(merge_rows(rows[n:best]))
        else:
            out.append(rows[n])
        n = best
    return out


def continues_stack(row: BodyRow) -> bool:
    values = 0
    for text, a, b in row.cells:
        t = text.strip()
        if not t:
            continue
        if a != b or a == 0:
            return False
        if is_value(t):
            values += 1
        elif "\n" not in t and is_value(t.split("\n")[0]):
            return False
        elif not continues_text(t) or is_bullet_line(t):
            return False
    return values > 0


def continues_text(t: str) -> bool:
    """Whether a cell's text goes on from the line above: it starts in lower case or with closing punctuation."""
    return t[:1].islower() or t[:1] in _CLOSING


#: what a line may open with when it carries on the text above ("(будівництво" over ") системи")
_CLOSING = frozenset(")]»”,.;:")


def bullets_match(rows: list[BodyRow]) -> bool:
    """Whether a text column of ``rows`` lists one dash item per row and every row has a value."""
    if any(not any(is_value(t) for t, _, _ in r.cells if t.strip()) for r in rows):
        return False
    if any(a != b for r in rows for _, a, b in r.cells):
        return False
    cols = {a for r in rows for t, a, _ in r.cells if t.strip() and not is_value(t)}
    for c in cols:
        texts = [t for r in rows for t, a, _ in r.cells if a == c and t.strip()]
        items = sum(1 for t in texts for ln in t.split("\n") if is_bullet_line(ln))
        if items == len(rows):
            return True
    return False


def merge_rows(rows: list[BodyRow]) -> BodyRow:
    cells = []
    for k, (text, a, b) in enumerate(rows[0].cells):
        parts = [text] + [r.cells[k][0] for r in rows[1:] if k < len(r.cells)]
        cells.append(("\n".join(t for t in parts if t), a, b))
    return BodyRow(rows[0].line, cells)


def wrapped_number(above: str, below: str) -> bool:
    """Whether ``below`` ends a long amount wrapped in a narrow column.

    "1 587" over "425,36" is one amount, 1 587 425,36: the upper part is an
    integer with thousands groups, the lower one more groups and decimals.
    """
    return is_grouped_integer(above.strip()) and is_groups_tail(below.strip())




def wrapped_at_thousands(above: dict[int, str], cols: dict[int, str]) -> bool:
    """Whether a line ends amounts the line above began, wrapped at their thousands space.

    "12" over "345,678" is 12 345,678 when every number on the line is
    such a tail (three digits and decimals) under a short integer, and its
    text cells continue the text above (they start in lower case, go on
    from a line ending in a hyphen, "2021-" over "2023", or follow an item
    number left alone on the line above, "3.2" over "Облаштування"): a new
    row would open its own texts; a lone "%" under a value is its wrapped
    sign.
    """
    tails = 0
    for c, t in cols.items():
        t = t.strip()
        if c in above and _CONTINUES_RE.search(above[c].strip()):
            continue  # the rest of a text cut at a hyphen or a comma
        if c in above and not is_value(t) and is_item_number(above[c].strip(), dotted=True):
            continue  # a text after its item number left alone on the line above ("3.2")
        if is_value(t):
            if not (c in above and is_small_integer(above[c].strip(), signed=True) and is_groups_tail(t)):
                return False
            tails += 1
        elif t == "%" and c in above and is_value(above[c].strip()):
            continue  # the percent sign of the value above, wrapped ("112,5" over "%")
        elif not t[:1].islower() and not t.startswith("«"):
            return False
    return tails > 0


def give_back_overflow(rows: list[BodyRow], spans_of: list[dict[int, tuple[int, int]]]) -> None:
    """Move a merged cell's last lines back from the row they spilled into.

    A task cell merged over its measures may be taller than its first
    measure: its last lines then stand in the next row. A cell is such a
    spill when its row has an empty first column, it starts in lower case on
    the line right under the cell above, and that cell does not end a
    sentence.
    """
    for n in range(1, len(rows)):
        row, prev = rows[n], rows[n - 1]
        if any(a == 0 and text for text, a, _ in row.cells):
            continue
        for k, (text, a, b) in enumerate(row.cells):
            if a != b or not text or not text[0].islower() or a not in spans_of[n]:
                continue
            j = next((j for j, (t, pa, pb) in enumerate(prev.cells) if pa == a == pb and t), None)
            if j is None or a not in spans_of[n - 1]:
                continue
            first, last = spans_of[n][a]
            if spans_of[n - 1][a][1] != first - 1 or prev.cells[j][0].rstrip()[-1:] in ".;:!?":
                continue
            prev.cells[j] = (prev.cells[j][0] + "\n" + text, a, b)
            row.cells[k] = ("", a, b)
            spans_of[n - 1][a] = (spans_of[n - 1][a][0], last)
            del spans_of[n][a]
