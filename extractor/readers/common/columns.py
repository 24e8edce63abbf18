"""Columns of a table without rules: cores, gutters, slots, and fragments cut into cells.

Vocabulary: a *core* is the x-interval a table column occupies in the body
lines; a *gutter* is the blank interval between two cores.

**Columns.** *Full lines* are body lines with at least
``full_line_ratio`` of the largest fragment count (row starts); a line
with more than ``max_columns`` fragments is no row. The full lines'
fragment extents, merged, give the reference cores. Narrow tables print
some cells one space apart, merging two cores; a core is split again
where a column's left edge runs through it (``edge_min_starts`` full lines
start text there, or a word of it inside a fragment, one line shows text before it, and every line running
through has a word break within ``edge_word_slack`` before it, not inside
a number's thousands groups), and an item number is split off when every
fragment at the core's left edge opens with an ordinal one space before
its text and the other lines start where that text starts ("1. Створення"
over "   (будівництво)"). A body line with a piece overlapping two cores is
a *bridging* line (a group heading or a total label) and does not shape
the columns; every other piece widens its core (never past the middle of
the gutter), and pieces that overlap (or touch) no core make new cores (a
column that is empty on every row start). A lone line of words in a number
column, wider than its numbers and centred on the table, is a group
heading too (numbers never wrap into words). Bridging lines that carry
values (total rows) do not count towards ``max_bridging_share``. Each
column also has a *slot*, the x-extent of its cells: Word centres header
cells over flush-left data, so a cell runs from just before a flush-left
column's text (just after a flush-right column's text, else the middle
of the gutter) to the next one. Header text standing clear of every
core goes to the column whose slot holds it ("№ з/п" beside "1."),
unless header text over that column's data stands beside it; then, like
text beyond the table and under no spanning header, it makes one more
(empty) column.

**Fragments to cells.** A fragment goes to the core(s) it overlaps (the
nearest core if none). A fragment overlapping several cores is cut at
word breaks between its columns when each piece then fits one core and
either both pieces start at their columns' left edges (within
``edge_jitter``) or they meet at their shared gutter ("01.07.2022,
нання,"); otherwise it is one cell spanning those columns. A lone
fragment on its line is cut only in the first way.
"""

from __future__ import annotations

from collections import Counter
from typing import Sequence

from .finder_settings import FinderSettings
from .tokens import has_digit_besides_years, is_item_number, is_ordinal, is_value, split_item_number
from .words import Frag, Line, WORD_RE, merge_intervals, word_breaks


def overlapping_cores(cores: list[list[int]], x0: int, x1: int) -> list[int]:
    return [i for i, (a, b) in enumerate(cores) if a < x1 and x0 < b]


def owning_cores(cores: list[list[int]], x0: int, x1: int) -> list[int]:
    """Cores a word overlaps, ignoring a one-character brush with a neighbour."""
    hits = overlapping_cores(cores, x0, x1)
    if len(hits) > 1:
        deep = [i for i in hits if min(x1, cores[i][1]) - max(x0, cores[i][0]) > 1]
        if len(deep) == 1:
            return deep
    return hits


def nearest_core(cores: list[list[int]], x0: int, x1: int) -> int:
    mid = (x0 + x1) / 2

    def key(i: int) -> tuple[float, float]:
        a, b = cores[i]
        dist = a - x1 if x1 <= a else (x0 - b if x0 >= b else 0)
        return (dist, abs((a + b) / 2 - mid))

    return min(range(len(cores)), key=key)


def cut_fragment(
    frag: Frag, cores: list[list[int]], alone: bool = False, meet: bool = True, *, cfg: FinderSettings
) -> list[tuple[Frag, tuple[int, int]]]:
    """A fragment as one or more (piece, (first column, last column)).

    A fragment overlapping several cores is cut at single spaces between a
    word in one core and a word in a later core (not inside a number's
    thousands groups) when every piece then fits one core and, at each cut,
    either both pieces start at their columns' left edges (left-aligned
    cells) or the left piece reaches the right end of its column and the
    right one starts no earlier than its column (two cells meeting at their
    shared gutter). Otherwise the fragment spans the columns. The only
    fragment of a line (``alone``), or one the caller marks ``meet=False``,
    is cut only in the first way: otherwise it is a spanning heading.
    """
    hits = overlapping_cores(cores, frag.x0, frag.x1)
    if len(hits) > 1 and len(frag.text.split()) == 1:
        hits = owning_cores(cores, frag.x0, frag.x1)  # one word brushing a neighbour by a character
    if len(hits) <= 1:
        col = hits[0] if hits else nearest_core(cores, frag.x0, frag.x1)
        return [(frag, (col, col))]
    words = [(frag.x0 + m.start(), frag.x0 + m.end()) for m in WORD_RE.finditer(frag.text)]
    owners = [owning_cores(cores, x0, x1) for x0, x1 in words]
    breaks = {frag.x0 + k for k in word_breaks(frag.text)}
    groups: list[list[tuple[int, int]]] = [[words[0]]]
    for k in range(1, len(words)):
        before, after = owners[k - 1], owners[k]
        if len(before) == 1 and len(after) == 1 and after[0] > before[0] and words[k][0] in breaks:
            groups.append([words[k]])
        else:
            groups[-1].append(words[k])
    if len(groups) > 1:
        pieces: list[tuple[Frag, tuple[int, int]]] = []
        for g in groups:
            x0, x1 = g[0][0], g[-1][1]
            h = owning_cores(cores, x0, x1)
            if len(h) != 1:
                break
            col = h[0]
            if pieces:
                left, (lcol, _) = pieces[-1]
                # pieces that sit in their columns: both start at the left edges
                aligned = (
                    abs(x0 - cores[col][0]) <= cfg.edge_jitter
                    and abs(left.x0 - cores[lcol][0]) <= 1
                    and left.x1 <= cores[lcol][1] + 1
                )
                # or two cells meeting at their shared gutter
                meeting = left.x1 >= cores[lcol][1] - 1 and x0 >= cores[col][0] - 1
                if col <= lcol or not (aligned or (meeting and meet and not alone)):
                    break
            pieces.append((Frag(x0, x1, frag.text[x0 - frag.x0 : x1 - frag.x0]), (col, col)))
        else:
            return pieces
    return [(frag, (hits[0], hits[-1]))]


def line_pieces(line: Line, cores: list[list[int]], *, cfg: FinderSettings) -> list[tuple[Frag, tuple[int, int]]]:
    alone = len(line.frags) == 1
    return [piece for f in line.frags for piece in cut_fragment(f, cores, alone, cfg=cfg)]


def has_data_digit(line: Line) -> bool:
    """A digit that is not part of a year ("2022", "2022 рік", "на 2022 рік, тис. грн", "2021-2023")."""
    return any(has_digit_besides_years(f.text) for f in line.frags)


def body_columns(lines: list[Line], body: range, *, cfg: FinderSettings) -> tuple[list[list[int]], set[int]] | None:
    """Column cores and bridging lines from the body lines (rule 3)."""
    maxfrag = max((len(lines[i].frags) for i in body), default=0)
    if maxfrag < 2 or maxfrag > cfg.max_columns:
        return None  # a line of more cells than a table has columns is not a row
    need = full_need(maxfrag, cfg=cfg)
    full = [lines[i] for i in body if len(lines[i].frags) >= need]
    ref = reference_cores(full)
    if len(ref) > cfg.max_columns:
        return None
    wrapped = [lines[i] for i in body if 1 < len(lines[i].frags) < need]
    ref = split_at_edges(full, ref, cfg=cfg, wrapped=wrapped)
    ref = split_ordinals([lines[i] for i in body], ref)
    cores = [list(c) for c in ref]
    bridging: set[int] = set()
    orphans: list[tuple[int, int]] = []
    value_cols = value_columns(full, ref, cfg=cfg)
    for i in body:
        pieces = [p for p, _ in line_pieces(lines[i], ref, cfg=cfg)]
        hits = [overlapping_cores(ref, p.x0, p.x1) for p in pieces]
        if any(len(h) > 1 for h in hits) or is_heading_in_values(lines[i], ref, value_cols, cfg=cfg):
            bridging.add(i)
            continue
        for p, h in zip(pieces, hits):
            if h:
                # widen, but never into the neighbouring column
                k = h[0]
                c = cores[k]
                c[0] = min(c[0], max(p.x0, (ref[k - 1][1] + ref[k][0] + 1) // 2 if k else p.x0))
                c[1] = max(c[1], min(p.x1, (ref[k][1] + ref[k + 1][0] + 1) // 2 if k + 1 < len(ref) else p.x1))
            else:
                orphans.append((p.x0, p.x1))
    for a, b in merge_intervals(orphans):
        # touching counts: no gutter, so no column of its own ("57,8" ending where "94,3" starts)
        h = overlapping_cores(cores, a - 1, b + 1)
        if len(h) == 1:
            c = cores[h[0]]
            c[0], c[1] = min(c[0], a), max(c[1], b)
        elif not h:
            cores.append([a, b])
    cores.sort()
    if len(cores) > cfg.max_columns:
        return None
    return cores, bridging


def is_section_heading(text: str) -> bool:
    """Whether a text is numbered like a section of the document and capitalised: "3. Фінансування заходів
    Програми", "5.1. Показники" (no header cell or group heading opens so)."""
    s = split_item_number(text, dotted=True)
    return bool(s) and s[1][:1].isupper()


def value_columns(full: list[Line], ref: list[list[int]], *, cfg: FinderSettings) -> set[int]:
    """Columns whose text on the row starts is mostly numbers (``key_column_ordinal_share``).

    A column of dotted item numbers alone ("1.1", "1.2", "2.1": a measure's
    number over its wrapped name in a narrow cell) is none: its words wrap.
    """
    seen: Counter[int] = Counter()
    values: Counter[int] = Counter()
    items: Counter[int] = Counter()
    for ln in full:
        for p, (a, b) in line_pieces(ln, ref, cfg=cfg):
            if a == b:
                seen[a] += 1
                values[a] += is_value(p.text)
                items[a] += is_item_number(p.text.strip(), dotted=True)
    return {k for k, n in seen.items() if values[k] >= cfg.key_column_ordinal_share * n and items[k] < n}


def is_heading_in_values(line: Line, ref: list[list[int]], value_cols: set[int], *, cfg: FinderSettings) -> bool:
    """A lone line of words in a number column, wider than its numbers, centred on the table.

    Numbers do not wrap, so such a line is a group heading ("2. Показники
    продукту") that happens to overlap one column only, when it is centred
    on the whole table within ``heading_tight_centre`` of its width, or
    centred within ``heading_centre_slack`` and wider than the cell could be
    (past the middle of a neighbouring gutter). A header cell's wrapped
    tail ("на 2022 рік") is centred on its own column instead.
    """
    if len(line.frags) != 1 or len(ref) < 2:
        return False
    f = line.frags[0]
    hits = overlapping_cores(ref, f.x0, f.x1)
    if len(hits) != 1 or hits[0] not in value_cols or is_value(f.text):
        return False
    k = hits[0]
    if not any(ch.isalpha() for ch in f.text):
        return False
    a, b = ref[k]
    if f.x0 >= a - cfg.edge_jitter and f.x1 <= b + cfg.edge_jitter:
        return False  # within the numbers' own extent
    left, right = ref[0][0], ref[-1][1]
    off = abs((f.x0 + f.x1) - (left + right)) / 2 / max(1, right - left)
    if off <= cfg.heading_tight_centre:
        return True  # centred on the whole table, as a merged row's text is
    # or wider than the cell could be: past the middle of a neighbouring gutter
    lo = (ref[k - 1][1] + a) / 2 if k else a - cfg.edge_jitter
    hi = (b + ref[k + 1][0]) / 2 if k + 1 < len(ref) else b + cfg.edge_jitter
    return (f.x0 < lo or f.x1 > hi) and off <= cfg.heading_centre_slack


def reference_cores(full: list[Line]) -> list[list[int]]:
    """Column cores of the full lines: x-runs that some fragment covers.

    A gutter is blank (between fragments) on every full line; columns whose
    cells some rows print one space apart are split afterwards by
    ``split_at_edges``. Difference arrays keep this linear.
    """
    lo = min(ln.x0 for ln in full)
    hi = max(ln.x1 for ln in full)
    inside = [0] * (hi - lo + 1)
    for ln in full:
        for f in ln.frags:
            inside[f.x0 - lo] += 1
            inside[f.x1 - lo] -= 1
    runs: list[list[int]] = []
    cover = 0
    for x in range(hi - lo):
        cover += inside[x]
        if cover > 0:
            if runs and runs[-1][1] == lo + x:
                runs[-1][1] = lo + x + 1
            else:
                runs.append([lo + x, lo + x + 1])
    return runs


def split_at_edges(
    full: list[Line], cores: list[list[int]], *, cfg: FinderSettings, wrapped: Sequence[Line] = ()
) -> list[list[int]]:
    """Split a core where a second column's left edge runs through it.

    Some rows print two cells one space apart, so no gutter is blank. A
    column edge still shows: at x, fragments of ``edge_min_starts`` lines
    start (left-aligned text), one line has text before it with a real gap
    (a full line, or a ``wrapped`` line of the rows, where the two cells'
    wrapped text stands apart), and every full line running through x has a
    word starting just before it, but for a few (``edge_merged_share`` of
    the lines starting at x) that run on unbroken: cells merged over both
    columns ("Перевищення показника пов’язано з" over reason and remedy).
    """
    out: list[list[int]] = []
    todo = [list(c) for c in reversed(cores)]
    while todo:
        core = todo.pop()
        cut = edge_in(full, core, cfg=cfg, wrapped=wrapped) if len(out) + len(todo) < cfg.max_columns else None
        if cut is None:
            out.append(core)
        else:
            out.append([core[0], cut - 1])
            todo.append([cut, core[1]])
    return out


def edge_in(
    full: list[Line], core: list[int], *, cfg: FinderSettings, wrapped: Sequence[Line] = ()
) -> int | None:
    """The x where a column edge runs through ``core`` (see ``split_at_edges``)."""
    a, b = core
    frags = [[f for f in ln.frags if a <= f.x0 < b] for ln in full]
    # wrapped lines show the edge too: their second cell's text, after a real gap
    tails = [f for ln in wrapped for f in [f for f in ln.frags if a <= f.x0 < b][1:]]
    inner: Counter[int] = Counter([f.x0 for fs in frags for f in fs[1:]] + [f.x0 for f in tails])
    if not inner:
        return None
    starts: Counter[int] = Counter([f.x0 for fs in frags for f in fs] + [f.x0 for f in tails])
    ranked = sorted(inner, key=lambda x: -sum(starts[x + d] for d in (-1, 0, 1)))[:cfg.max_edge_candidates]
    for x in sorted(ranked):
        if x <= a + 1 or sum(starts[x + d] for d in (-1, 0, 1)) + aligned_word_starts(frags, x) < cfg.edge_min_starts:
            continue
        edge = x - 1
        # a few lines may run through unbroken: cells merged over both columns
        merged_left = int(cfg.edge_merged_share * sum(starts[x + d] for d in (-1, 0, 1)))
        for fs in frags:
            for f in fs:
                if f.x0 < x - 1 and f.x1 > x + 1:  # runs through the edge
                    breaks = [
                        f.x0 + k
                        for k in word_breaks(f.text)
                        if x - cfg.edge_word_slack <= f.x0 + k <= x + 1
                    ]
                    if not breaks:
                        if f.x0 < x - cfg.edge_word_slack and merged_left > 0:
                            merged_left -= 1
                            continue
                        break
                    edge = min(edge, breaks[-1])
            else:
                continue
            break
        else:
            if edge - 1 > a:
                return edge
    return None


def aligned_word_starts(frags: list[list[Frag]], x: int) -> int:
    """Full lines whose text runs through x with a word starting there (within one character).

    Cells printed one space apart ("2021-2022 Департамент ЖКГ,") show the
    second column's edge as a word start inside the fragment, where other
    rows start it as a fragment of its own.
    """
    n = 0
    for fs in frags:
        for f in fs:
            if f.x0 < x - 1 and f.x1 > x + 1 and any(abs(f.x0 + k - x) <= 1 for k in word_breaks(f.text)):
                n += 1
    return n


def split_ordinals(body: list[Line], cores: list[list[int]]) -> list[list[int]]:
    """Split an item number off the text printed one space after it.

    When every fragment starting at a core's left edge opens with an ordinal
    ("1.", "2.1") and every other line of the core starts where the text
    after the ordinal starts, the ordinal is a column of its own (a narrow №
    column).
    """
    out: list[list[int]] = []
    for a, b in cores:
        ends: set[int] = set()
        text_x: set[int] = set()
        ok = True
        seen = others = 0
        for ln in body:
            for f in ln.frags:
                if not (a <= f.x0 < b):
                    continue
                if f.x0 <= a + 1:
                    m = WORD_RE.match(f.text)
                    rest = WORD_RE.search(f.text, m.end()) if m else None
                    if (
                        not m
                        or not is_ordinal(m.group())
                        or rest is None
                        or rest.start() != m.end() + 1
                        or not rest.group()[0].isalpha()  # "8 172,3" is a number
                    ):
                        ok = False
                        break
                    ends.add(f.x0 + m.end())
                    text_x.add(f.x0 + rest.start())
                    seen += 1
                else:
                    text_x.add(f.x0)
                    others += 1
            if not ok:
                break
        if ok and seen and others and len(ends) <= 2 and max(ends) < min(text_x) <= max(ends) + 2:
            cut = max(ends)
            out.append([a, cut])
            out.append([min(text_x), b])
        else:
            out.append([a, b])
    return out


def full_need(maxfrag: int, *, cfg: FinderSettings) -> int:
    """Fragments a line needs to count as a full line (a row start)."""
    return max(2, int(-(-cfg.full_line_ratio * maxfrag // 1)))


def fits_columns(line: Line, cores: list[list[int]], *, cfg: FinderSettings) -> bool:
    """Every fragment of the line stays within one column."""
    return all(a == b for _, (a, b) in line_pieces(line, cores, cfg=cfg))


def alignment(pieces: list[Frag], *, cfg: FinderSettings) -> str:
    """'L' when a column's body text is flush left, 'R' when flush right, else ''."""
    if len(pieces) < 2:
        return ""
    x0, x1 = min(p.x0 for p in pieces), max(p.x1 for p in pieces)
    left = sum(1 for p in pieces if p.x0 <= x0 + 1) >= cfg.aligned_share * len(pieces)
    right = sum(1 for p in pieces if p.x1 >= x1 - 1) >= cfg.aligned_share * len(pieces)
    if left and not right:
        return "L"
    if right and not left:
        return "R"
    return ""


def column_slots(
    lines: list[Line], body: range, cores: list[list[int]], bridging: set[int], *, cfg: FinderSettings
) -> list[list[int]]:
    """The x-extent of each column's cells, from how its body text is aligned.

    Word prints header cells centred and data flush left (its default), so
    a header often stands beside its data rather than over it. A cell runs
    from its left border to the next cell's: in front of a flush-left
    column the border is just before its text, after a flush-right column
    just after its text, otherwise in the middle of the gutter.
    """
    own: list[list[Frag]] = [[] for _ in cores]
    for i in body:
        if i in bridging:
            continue
        for p, (a, b) in line_pieces(lines[i], cores, cfg=cfg):
            if a == b:
                own[a].append(p)
    align = [alignment(ps, cfg=cfg) for ps in own]
    slots = [list(c) for c in cores]
    for k in range(len(cores) - 1):
        g0, g1 = cores[k][1], cores[k + 1][0]
        if align[k + 1] == "L" and align[k] != "R":
            cut = g1 - 1
        elif align[k] == "R" and align[k + 1] != "L":
            cut = g0 + 1
        else:
            cut = (g0 + g1 + 1) // 2
        cut = min(max(cut, g0), g1)
        slots[k][1], slots[k + 1][0] = cut, cut
    return slots


def slot_of(slots: list[list[int]], x0: int, x1: int, default: int) -> int:
    """The slot holding the middle of [x0, x1), else ``default``."""
    mid = (x0 + x1) / 2
    return next((k for k, (a, b) in enumerate(slots) if a <= mid < b), default)
