"""The header of a table without rules: header text pieces into cells with spans.

**Header.** Header fragments are assigned to columns like body ones,
except that a fragment at the top of its columns (no one-column header
text above) is not cut where two cells would meet: it is a spanning
cell ("2022 рік" over "план", "факт").
Fragments overlapping several columns are spanning cells; a spanning
cell's wrapped lines are the pieces just below it (at most
``span_continuation_gap`` lines), alone within its columns on their line,
inside its x-extent and roughly centred. The pieces below a spanning cell
in its columns are its sub-header, built recursively. A column under no
spanning cell is one cell merged down over all header rows, unless it has
text above and below the first sub-header line, with a blank line between,
and two vertically centred cells (upper band, lower band) fit its text
better than one cell centred on the whole header ("Фактично
профінансовано…" over "2022 рік", but "№" over "з/п" is one cell). A
cell's text is its pieces top to bottom, "\n"-joined. The column
numbering row is one more header row.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .broken_words import names_indicator_group, opens_column_name
from .columns import cut_fragment, overlapping_cores, owning_cores, slot_of
from .finder_settings import FinderSettings
from .join import header_words
from .tokens import has_decimals, is_item_number, is_percent, is_value
from .words import WORD_RE, Frag, Line, merge_intervals


@dataclass(eq=False)
class HPiece:
    """A header text piece at (line, x0..x1) over columns a..b."""

    line: int
    x0: int
    x1: int
    text: str
    a: int
    b: int


@dataclass(eq=False)
class HCell:
    """A header cell being built: its pieces and grid rectangle (relative rows)."""

    pieces: list[HPiece]
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1

    @property
    def text(self) -> str:
        return join_pieces(self.pieces)


def join_pieces(pieces: list[HPiece]) -> str:
    lines: dict[int, list[HPiece]] = {}
    for p in sorted(pieces, key=lambda p: (p.line, p.x0)):
        lines.setdefault(p.line, []).append(p)
    return "\n".join(" ".join(p.text for p in ps) for ps in lines.values())


def carries_amounts(line: Line) -> bool:
    """Whether a line prints at least two amounts with decimals or percents ("7 873 834,66   78,2"), or one
    among three values ("15   15   98,9%"): a body row.

    Header cells name columns, years and column numbers; no header line
    holds two such values (a dotted item number, "1.1", is not counted).
    """
    n = values = 0
    for f in line.frags:
        t = f.text.strip()
        if is_item_number(t, dotted=True):
            continue
        if (is_value(t) and has_decimals(t)) or is_percent(t):
            n += 1
        if is_value(t):
            values += 1
    return n >= 2 or (n >= 1 and values >= 3)


def body_in_header_zone(lines: list[Line], top: int, body_top: int, first_column_end: int | None = None) -> int:
    """Where the body really starts in a header zone ``[top, body_top)`` that ends in body rows.

    A region opening a page may begin with the last rows of a table's
    group (a subtotal under the previous page's rows, printed over the
    next group's heading): the region finder takes them for header lines,
    as they have fewer cells than the full rows under them. The first line
    that ``carries_amounts`` and every line after it are body; so are the
    last lines of one text each that name an indicator group
    ("Показники затрат" printed in the name column under the header), and
    a last line opening with a dotted item number in the first column (a
    task's title row, "1.   Розвиток первинної медичної допомоги": no
    header line is numbered so).
    """
    end = next((k for k in range(top, body_top) if carries_amounts(lines[k])), body_top)
    if end > top and first_column_end is not None and opens_with_item_number(lines[end - 1], first_column_end):
        return end - 1
    for start in range(top, end):
        if all(len(lines[k].frags) == 1 for k in range(start, end)) and names_indicator_group(
            "\n".join(lines[k].frags[0].text for k in range(start, end))
        ):
            return start
    return end


def opens_with_item_number(line: Line, first_column_end: int) -> bool:
    """Whether a line's first fragment is a dotted item number ("1.", "2.1") inside the first column."""
    return bool(line.frags) and line.frags[0].x0 < first_column_end and is_item_number(
        line.frags[0].text.split(" ")[0], dotted=True, roman=True
    )


def header_line_pieces(
    lines: list[Line], rows: range, cores: list[list[int]], slots: list[list[int]] | None = None, *, cfg: FinderSettings
) -> list[HPiece]:
    """Header text pieces line by line.

    Two header cells meet at a gutter only in the middle of their columns'
    text: a fragment crossing a gutter with no one-column header text above
    it in those columns is the top of a spanning cell ("2022 рік" over
    "план" and "факт"), and it is cut only at columns' left edges. Header
    words of narrow columns printed one space apart ("бюдже бюдже" under
    "держа" and "міськи") are cut at column names as the columns' header
    text above spreads them (``cut_at_column_names`` over the columns
    widened by their one-column header pieces so far).
    """
    out = []
    started: set[int] = set()  # columns with one-column header text so far
    spread = [list(c) for c in cores]  # each column with its one-column header text so far
    for i in rows:
        line = lines[i]
        alone = len(line.frags) == 1
        found = []
        for f in line.frags:
            meet = any(c in started for c in overlapping_cores(cores, f.x0, f.x1))
            cut = (
                cut_at_column_names(f, cores, started, cfg.broken_word_min_letters)
                or cut_at_column_names(f, spread, started, cfg.broken_word_min_letters)
                or word_under_its_column(f, cores, spread, started)
            )
            for p, (a, b) in cut or cut_fragment(f, cores, alone, meet, cfg=cfg):
                if slots and a == b and not overlapping_cores(cores, p.x0, p.x1):
                    # in a gutter: the column whose cell holds it
                    a = b = slot_of(slots, p.x0, p.x1, a)
                found.append(HPiece(i, p.x0, p.x1, p.text, a, b))
        started.update(p.a for p in found if p.a == p.b)
        for p in found:
            if p.a == p.b:
                spread[p.a] = [min(spread[p.a][0], p.x0), max(spread[p.a][1], p.x1)]
        out.extend(found)
    give_to_headerless_neighbours(out, len(cores))
    return out


def word_under_its_column(
    frag: Frag, cores: list[list[int]], spread: list[list[int]], started: set[int]
) -> list[tuple[Frag, tuple[int, int]]] | None:
    """One header word over two columns that both have header text above: the one its middle stands under.

    A narrow column's header breaks its words under its name ("Термін" over
    "виконанн" over "я"), and a broken word may reach a character or two
    into the next column's data. When every column it overlaps already has
    a header text of its own above, it is no spanning cell: it goes to
    the column whose header text so far (``spread``) holds its middle.
    """
    hits = overlapping_cores(cores, frag.x0, frag.x1)
    if len(hits) < 2 or len(frag.text.split()) != 1 or any(c not in started for c in hits):
        return None
    mid = (frag.x0 + frag.x1) / 2
    under = [c for c in hits if spread[c][0] <= mid < spread[c][1]]
    return [(frag, (under[0], under[0]))] if len(under) == 1 else None


def give_to_headerless_neighbours(pieces: list[HPiece], n_cols: int) -> None:
    """Two header texts of one line in one column: the outer one heads the neighbouring column with no header.

    A cell's line of header text is one fragment; two fragments of a line
    falling in one column (Word centres a header over a wide cell while
    the data stands flush left, "Термін" beside "Обсяг" both over the
    amounts) mean one of them belongs to a neighbour. When the column on
    the left has no one-column header text at all, the left one goes
    there; else, when the column on the right has none, the right one
    does; a text of that line over the neighbour and one more column
    keeps the other column (in place).
    """
    headed = {p.a for p in pieces if p.a == p.b}
    by_line: dict[tuple[int, int], list[HPiece]] = {}
    for p in pieces:
        if p.a == p.b:
            by_line.setdefault((p.line, p.a), []).append(p)
    moved: set[tuple[int, int]] = set()
    for (line, c), ps in by_line.items():
        if len(ps) < 2:
            continue
        ps.sort(key=lambda p: p.x0)
        if c > 0 and c - 1 not in headed:
            ps[0].a = ps[0].b = c - 1
            moved.add((line, c - 1))
        elif c + 1 < n_cols and c + 1 not in headed:
            ps[-1].a = ps[-1].b = c + 1
            moved.add((line, c + 1))
    for p in pieces:
        # a text over two columns gives up the one that took a header text of its line ("Виконавці")
        if p.b == p.a + 1 and (p.line, p.b) in moved:
            p.b = p.a
        elif p.b == p.a + 1 and (p.line, p.a) in moved:
            p.a = p.b


def widen_spanning_pieces(pieces: list[HPiece], cores: list[list[int]]) -> None:
    """Widen each spanning header piece over the columns its cell really spans (in place).

    A wide header ("Обсяг фінансування, тис. грн" over years over sources)
    prints its top cell's text centred on the cell, often narrower than
    the columns under it; the text then overlaps only the middle ones, and
    the sub-headers at its ends ("2022 рік" over two narrow columns) look
    like cells of their own. A spanning piece takes in, from the next line
    with header text: a spanning piece reaching out of it (partly under
    it), and a spanning piece beside its columns in columns that hold no
    text on its own line (a sibling of the sub-headers under it). Then it
    takes in neighbouring columns free on its line, one at a time, while
    the text stands closer to the middle of the columns it covers (a
    column's own header merged down, "Усього", stays with the spanning cell
    it is centred under).
    """
    by_line: dict[int, list[HPiece]] = {}
    for p in pieces:
        by_line.setdefault(p.line, []).append(p)
    order = sorted(by_line)
    for n, line in enumerate(order):
        if n + 1 >= len(order):
            break
        below = [q for q in by_line[order[n + 1]] if q.b > q.a]
        taken = {c for p in by_line[line] for c in range(p.a, p.b + 1)}
        for p in by_line[line]:
            if p.b == p.a:
                spread_over_sub_headers(p, by_line[order[n + 1]], cores, taken)
                continue
            a, b = p.a, p.b
            grown = True
            while grown:
                grown = False
                for q in below:
                    inside = a <= q.a and q.b <= b
                    partly = q.a <= b and a <= q.b and not inside
                    beside = (q.b == a - 1 or q.a == b + 1) and not any(
                        c in taken for c in range(q.a, q.b + 1)
                    )
                    if partly and all(c in taken and a <= c <= b or c not in taken for c in range(q.a, q.b + 1)):
                        a, b, grown = min(a, q.a), max(b, q.b), True
                    elif beside and any(a <= r.a and r.b <= b for r in below):
                        a, b, grown = min(a, q.a), max(b, q.b), True
            mid = (p.x0 + p.x1) / 2

            def off(lo: int, hi: int) -> float:
                return abs((cores[lo][0] + cores[hi][1]) / 2 - mid)

            while True:
                steps = [(lo, hi) for lo, hi in ((a - 1, b), (a, b + 1)) if 0 <= lo and hi < len(cores)]
                steps = [(lo, hi) for lo, hi in steps if (lo if lo < a else hi) not in taken]
                best = min(steps, key=lambda s: off(*s), default=None)
                if best is None or off(*best) >= off(a, b):
                    break
                a, b = best
            for c in range(a, b + 1):
                taken.add(c)
            p.a, p.b = a, b


def spread_over_sub_headers(p: HPiece, below: list[HPiece], cores: list[list[int]], taken: set[int]) -> None:
    """Make a one-column header piece span a neighbour column when it stands over both columns' sub-headers.

    Narrow columns print a spanning cell's text ("2021 рік" over "план"
    and "факт") wider than the data of the column it overlaps: it sticks
    out of its column, the line below has header text in that column and
    in a neighbouring one (free on the piece's line) under the piece, and
    the text stands closer to the middle of both columns' texts below than
    of its own column's.
    """
    a = p.a
    if cores[a][0] <= p.x0 and p.x1 <= cores[a][1]:
        return
    under = [q for q in below if q.a == q.b == a]
    if not under:
        return
    mid = (p.x0 + p.x1) / 2

    def off(qs: list[HPiece]) -> float:
        return abs((min(q.x0 for q in qs) + max(q.x1 for q in qs)) / 2 - mid)

    for c in (a - 1, a + 1):
        if c < 0 or c >= len(cores) or c in taken:
            continue
        beside = [q for q in below if q.a == q.b == c and q.x0 < p.x1 and p.x0 < q.x1]
        if beside and off(under + beside) < off(under):
            p.a, p.b = min(a, c), max(a, c)
            taken.add(c)
            return


def cut_at_column_names(
    frag: Frag, cores: list[list[int]], started: set[int] = frozenset(), cut_short: int = 0
) -> list[tuple[Frag, tuple[int, int]]] | None:
    """A header fragment over several columns cut where each column's name begins, or None.

    Header words of neighbouring columns may print one space apart
    ("Планове Фактичне" over "значення   значення"): one fragment that would
    read as a cell spanning both. It is cut at the single spaces between
    words over one column and words over a later one when every piece fits
    one column and opens with a word that opens a column name of the header
    vocabulary ("2022 рік" over "план" and "факт" stays one spanning cell),
    or goes on with a column's own header text above it (``started``:
    "виміру показника показника" under "Одиниця", "Планове", "Фактичне").
    """
    if len(overlapping_cores(cores, frag.x0, frag.x1)) < 2:
        return None
    words = [(frag.x0 + m.start(), frag.x0 + m.end()) for m in WORD_RE.finditer(frag.text)]
    groups: list[list[tuple[int, int]]] = []
    last = -1
    for x0, x1 in words:
        own = owning_cores(cores, x0, x1)
        if len(own) != 1:
            return None
        if own[0] != last:
            if own[0] < last:
                return None
            groups.append([])
            last = own[0]
        groups[-1].append((x0, x1))
    if len(groups) < 2:
        return None
    out = []
    for g in groups:
        x0, x1 = g[0][0], g[-1][1]
        text = frag.text[x0 - frag.x0 : x1 - frag.x0]
        col = owning_cores(cores, x0, x1)[0]
        if col not in started and not opens_column_name(text, cut_short=cut_short):
            return None
        out.append((Frag(x0, x1, text), (col, col)))
    return out


def header_extra_cores(
    pieces: list[HPiece], cores: list[list[int]], slots: list[list[int]] | None = None
) -> list[list[int]]:
    """Cores for header text standing clear of every column and of spanning text.

    Text inside a column's slot (see ``column_slots``) is that column's header
    when no header text over the column's data stands beside it: a centred
    "№ з/п" over left-aligned "1." stands clear of the numbers but is their
    header; "Примітка" printed beside "Захід" over an empty column is not.
    """
    spans = [(p.x0, p.x1) for p in pieces if p.b > p.a]
    cands = []
    for p in pieces:
        if overlapping_cores(cores, p.x0 - 1, p.x1 + 1) or any(a < p.x1 and p.x0 < b for a, b in spans):
            continue
        cands.append((p.x0, p.x1))
    out = []
    for a, b in merge_intervals(cands):
        k = next((k for k, (sa, sb) in enumerate(slots or []) if sa <= a and b <= sb), None)
        if k is not None:
            over = [
                q for q in pieces if q.a == q.b == k and overlapping_cores(cores[k : k + 1], q.x0 - 1, q.x1 + 1)
            ]
            if not over or any(q.x0 < b and a < q.x1 for q in over):
                continue  # the column's own header, centred off its data
        out.append([a, b])
    return out


def header_level(
    pieces: list[HPiece], a: int, b: int, top: int, bottom: int, *, cfg: FinderSettings
) -> tuple[list[HCell], int]:
    """Header cells for columns a..b from their pieces, rows relative; and the depth.

    ``top`` and ``bottom`` are the first and last line of the header band
    these pieces stand in.
    """
    if not pieces:
        return [], 0
    pieces = sorted(pieces, key=lambda p: (p.line, p.x0))
    # spanning cells: spanning pieces on near lines over overlapping columns
    scs: list[dict] = []
    for p in pieces:
        if p.b == p.a:
            continue
        for sc in scs:
            if sc["a"] <= p.b and p.a <= sc["b"] and 0 <= p.line - sc["last"] <= cfg.span_continuation_gap and not (
                p.line > sc["last"] and siblings_under(p, pieces, sc["a"], sc["b"])
            ):
                sc["pieces"].append(p)
                sc["a"], sc["b"] = min(sc["a"], p.a), max(sc["b"], p.b)
                sc["x0"], sc["x1"] = min(sc["x0"], p.x0), max(sc["x1"], p.x1)
                sc["last"] = p.line
                break
        else:
            scs.append({"pieces": [p], "a": p.a, "b": p.b, "x0": p.x0, "x1": p.x1, "first": p.line, "last": p.line})
    used = {id(p) for sc in scs for p in sc["pieces"]}
    by_line: dict[int, list[HPiece]] = {}
    for p in pieces:
        by_line.setdefault(p.line, []).append(p)
    # a spanning cell's wrapped lines: alone in its columns, inside it, centred
    for sc in scs:
        for p in pieces:
            if id(p) in used or p.line <= sc["last"]:
                continue
            if p.line - sc["last"] > cfg.span_continuation_gap:
                break
            mates = [q for q in by_line[p.line] if q is not p and q.a <= sc["b"] and sc["a"] <= q.b]
            width = sc["x1"] - sc["x0"]
            centred = abs((p.x0 + p.x1) - (sc["x0"] + sc["x1"])) / 2 <= max(2, 0.25 * width)
            if not mates and p.x0 >= sc["x0"] - 1 and p.x1 <= sc["x1"] + 1 and centred:
                sc["pieces"].append(p)
                sc["last"] = p.line
                used.add(id(p))
    # only the outermost spanning cells belong to this level
    outer: list[dict] = []
    for sc in sorted(scs, key=lambda s: (s["first"], s["a"])):
        if any(o["a"] <= sc["a"] and sc["b"] <= o["b"] for o in outer):
            for p in sc["pieces"]:
                used.discard(id(p))  # nested: built inside the outer one, from its sub-header pieces
            continue
        if any(o["a"] <= sc["b"] and sc["a"] <= o["b"] for o in outer):
            for p in sc["pieces"]:
                used.discard(id(p))  # partial overlap: treat as plain pieces
            continue
        outer.append(sc)
    cells: list[HCell] = []
    subs: list[tuple[dict, list[HCell], int]] = []
    lower_start: int | None = None
    covered: set[int] = set()
    for sc in outer:
        own = set(map(id, sc["pieces"]))
        above = [p for p in pieces if id(p) not in own and sc["a"] <= p.a and p.b <= sc["b"] and p.line < sc["first"]]
        sc["pieces"].extend(above)
        used.update(map(id, above))
        sub = [p for p in pieces if id(p) not in own and id(p) not in used and sc["a"] <= p.a and p.b <= sc["b"]]
        for p in sub:
            used.add(id(p))
        sub_cells, depth = header_level(sub, sc["a"], sc["b"], sc["last"] + 1, bottom, cfg=cfg)
        subs.append((sc, sub_cells, depth))
        if sub:
            first_sub = min(p.line for p in sub)
            lower_start = first_sub if lower_start is None else min(lower_start, first_sub)
        covered.update(range(sc["a"], sc["b"] + 1))
    # free columns: one cell each, or an upper and a lower cell
    free: dict[int, list[HPiece]] = {c: [] for c in range(a, b + 1) if c not in covered}
    for p in pieces:
        if id(p) in used:
            continue
        target = next((c for c in range(p.a, p.b + 1) if c in free), None)
        if target is not None:
            free[target].append(p)
        else:
            owner = next((sc for sc in outer if sc["a"] <= p.a <= sc["b"]), None)
            if owner is not None:
                owner["pieces"].append(p)
    splits: dict[int, tuple[list[HPiece], list[HPiece]]] = {}
    if lower_start is not None:
        for c, ps in free.items():
            upper = [p for p in ps if p.line < lower_start]
            lower = [p for p in ps if p.line >= lower_start]
            if upper and lower and min(p.line for p in lower) - max(p.line for p in upper) >= 2:
                if split_fits_better(upper, lower, top, lower_start, bottom):
                    splits[c] = (upper, lower)
    depth = max([1] + [1 + d for _, _, d in subs] + [2 for _ in splits])
    for sc, sub_cells, d in subs:
        cells.append(HCell(sc["pieces"], 0, sc["a"], depth if d == 0 else 1, sc["b"] - sc["a"] + 1))
        for cell in sub_cells:
            cell.row += 1
            if cell.row + cell.row_span == d + 1:
                cell.row_span += depth - 1 - d
            cells.append(cell)
    for c, ps in free.items():
        if c in splits:
            upper, lower = splits[c]
            cells.append(HCell(upper, 0, c))
            cells.append(HCell(lower, 1, c, depth - 1))
        else:
            cells.append(HCell(ps, 0, c, depth))
    return cells, depth


def siblings_under(p: HPiece, pieces: list[HPiece], a: int, b: int) -> bool:
    """Whether spanning piece ``p`` has a spanning neighbour on its line under columns a..b.

    Two spanning texts side by side under a spanning cell ("2022 рік",
    "2023 рік" under "Обсяг фінансування") are its sub-headers, not its
    wrapped text.
    """
    return any(
        q is not p and q.line == p.line and q.b > q.a and q.a <= b and a <= q.b for q in pieces
    )


def split_fits_better(upper: list[HPiece], lower: list[HPiece], top: int, mid: int, bottom: int) -> bool:
    """Whether a column's header text reads better as two stacked cells than as one.

    Header cells are vertically centred: one cell merged down is centred on
    the whole band [top, bottom]; an upper and a lower cell are centred on
    [top, mid - 1] and [mid, bottom]. The split must fit strictly better.
    """

    def centre(ps: list[HPiece]) -> float:
        return (min(p.line for p in ps) + max(p.line for p in ps)) / 2

    merged = abs(centre(upper + lower) - (top + bottom) / 2)
    split = abs(centre(upper) - (top + mid - 1) / 2) + abs(centre(lower) - (mid + bottom) / 2)
    return split < merged


def header_signature(pieces: list[HPiece]) -> Counter[str]:
    """The header's words (``common.join.header_words``), compared with a page's header by ``join.repeats_header``."""
    return header_words(p.text for p in pieces)
