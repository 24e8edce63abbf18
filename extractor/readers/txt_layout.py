"""Tables and paragraphs from layout-preserving text (``pdftotext -layout`` style).

In such text every line is one printed line of the page: table columns are
aligned with runs of spaces, a wrapped cell continues on the following lines
in its own column, and a form feed (``\\f``) separates the pages. Nothing
marks where a table starts or where a cell ends, so this module rebuilds the
structure from geometry alone (character columns = x, line numbers = y). It
never looks at particular words.

Vocabulary used below: a *fragment* is a run of non-space characters joined
by single spaces (two or more spaces separate fragments); a *core* is the
x-interval a table column occupies in the body lines; a *gutter* is the blank
interval between two cores.

Rules, in order:

1. **Pages.** The text is split at ``\f``. A first or last non-blank line of
   a page that holds only a page number ("2", "- 2 -") becomes
   ``Paragraph(part="header"/"footer")`` and takes no part in tables; so
   does a one-fragment line opening (closing) several pages, a running
   header ("Додаток 2"), given once as a DOCX section header is.
2. **Table regions.** A *seed* is a line with at least
   ``SEED_MIN_FRAGMENTS`` fragments. Seeds joined by non-blank lines form a
   cluster. Inside the cluster the first *body line* is the first line with
   at least ``FULL_LINE_RATIO`` of the cluster's largest fragment count that
   also holds a digit outside a year (header lines are words, "на 2022
   рік, тис. грн" or years; a data row carries numbers). Lines that only number the
   columns 1, 2, 3, … (possibly wrapped, possibly sharing a line with a
   header word such as "%") sit between header and body. Lines above are
   the header zone, extended upwards over non-blank lines until running text
   (a fragment wider than ``PARAGRAPH_WIDTH_RATIO`` of the table, or a lone
   fragment crossing a gutter from the table's left edge) or a title (a lone
   fragment crossing a gutter that does not read as a spanning header cell:
   covering ``SPAN_MIN_COVERAGE`` of its columns, centred on them, with
   header text under it, and no header cell below reaching out of its
   columns). A title-like line whose multi-cell header line stands above it
   (perhaps over the wrapped tails of header cells) is a group heading under
   the header. Lone spanning lines at the foot of the header zone that are
   centred or flush left are group headings: body rows; so are lone lines of
   words in a number column (see rule 3). Lines above the body of a new
   table that hold one fragment each are a title, not a header. Below the
   last seed the region takes further lines whose fragments each stay in one
   column (wrapped cell text), re-measuring the columns as it grows, and it
   may cross ``MAX_BLANK_LINES_IN_TABLE`` blank lines (empty paragraphs in a
   cell) when the text after them is not flush left. A following region with
   no header of its own (no line naming most columns), fitting the columns,
   separated only by such blank lines and at most ``MAX_HEADING_LINES``
   group headings, is the same table. A cluster with a single seed line is
   a table only at the top of a page; lone group-heading lines opening a
   page over such rows are body rows spanning the table (even when
   pdftotext squeezed the short page so they overlap no column).
3. **Columns.** *Full lines* are body lines with at least
   ``FULL_LINE_RATIO`` of the largest fragment count (row starts); a line
   with more than ``MAX_COLUMNS`` fragments is no row. The full lines'
   fragment extents, merged, give the reference cores. Narrow tables print
   some cells one space apart, merging two cores; a core is split again
   where a column's left edge runs through it (``EDGE_MIN_STARTS`` full lines
   start text there, one line shows text before it, and every line running
   through has a word break within ``EDGE_WORD_SLACK`` before it, not inside
   a number's thousands groups), and an item number is split off when every
   fragment at the core's left edge opens with an ordinal one space before
   its text and the other lines start where that text starts ("1. Створення"
   over "   (будівництво)"). A body line with a piece overlapping two cores is
   a *bridging* line (a group heading or a total label) and does not shape
   the columns; every other piece widens its core (never past the middle of
   the gutter), and pieces that overlap no core make new cores (a column
   that is empty on every row start). A lone line of words in a number
   column, wider than its numbers and centred on the table, is a group
   heading too (numbers never wrap into words). Bridging lines that carry
   values (total rows) do not count towards ``MAX_BRIDGING_SHARE``. Each
   column also has a *slot*, the x-extent of its cells: Word centres header
   cells over flush-left data, so a cell runs from just before a flush-left
   column's text (just after a flush-right column's text, else the middle
   of the gutter) to the next one. Header text standing clear of every
   core goes to the column whose slot holds it ("№ з/п" beside "1."),
   unless header text over that column's data stands beside it; then, like
   text beyond the table and under no spanning header, it makes one more
   (empty) column.
4. **Fragments to cells.** A fragment goes to the core(s) it overlaps (the
   nearest core if none). A fragment overlapping several cores is cut at
   word breaks between its columns when each piece then fits one core and
   either both pieces start at their columns' left edges (within
   ``EDGE_JITTER``) or they meet at their shared gutter ("01.07.2022,
   нання,"); otherwise it is one cell spanning those columns. A lone
   fragment on its line is cut only in the first way.
5. **Rows** (cells are top-aligned). A body line starts a new row when:
   it is the first body line; it is a bridging line after a non-bridging one
   or the reverse (the short last line of a wrapped heading stays with it);
   a bridging line under one it does not fit inside, or under a total row
   that carries values;
   the key column (the first column, when most of its fragments are
   ordinals like "1.", "2.1", "IV.") holds an ordinal; at least
   ``MIN_RESUMED_COLUMNS`` columns that were blank on the line above get text
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
6. **Header.** Header fragments are assigned to columns like body ones,
   except that a fragment at the top of its columns (no one-column header
   text above) is not cut where two cells would meet: it is a spanning
   cell ("2022 рік" over "план", "факт").
   Fragments overlapping several columns are spanning cells; a spanning
   cell's wrapped lines are the pieces just below it (at most
   ``SPAN_CONTINUATION_GAP`` lines), alone within its columns on their line,
   inside its x-extent and roughly centred. The pieces below a spanning cell
   in its columns are its sub-header, built recursively. A column under no
   spanning cell is one cell merged down over all header rows, unless it has
   text above and below the first sub-header line, with a blank line between,
   and two vertically centred cells (upper band, lower band) fit its text
   better than one cell centred on the whole header ("Фактично
   профінансовано…" over "2022 рік", but "№" over "з/п" is one cell). A
   cell's text is its pieces top to bottom, "\n"-joined. The column
   numbering row is one more header row.
7. **Pages joined.** A region that opens a page (after the page number and
   any group heading) and follows a table that closed the previous page
   continues that table when its header matches the table's header (same
   words; then it is dropped, with a repeated numbering row) or when it has
   no header. Columns map by count; with fewer columns, onto the run of
   table columns that fits their positions best (pdftotext drops an empty
   left margin), else by nearest relative position; when both first
   columns hold item numbers (full-width group headings not counted) the
   run starts at the first column. Group headings closing
   the previous page go into the table as a full-width row when it goes on
   (else they stay paragraphs). Text of a merged cell
   cut off by the page break (lower case, first column empty) goes back to
   the cell it continues.
8. **Paragraphs.** Lines outside tables form paragraphs: a line continues the
   current paragraph when it starts at the left margin and the previous line
   ran to the right margin (wrapped running text), or when both belong to a
   block of short left-aligned lines (a signature block). Indented,
   centred and right-aligned lines start a new paragraph. Within a line a gap
   of at least ``TAB_GAP`` spaces becomes a TAB (position ⇥ name of a
   signature), and lines are joined by "\n".

Everything is linear in the size of the text: each page is scanned a fixed
number of times, and per-region work is bounded by ``MAX_COLUMNS``,
``MAX_EDGE_CANDIDATES``, ``EXTEND_ROUNDS`` and ``MAX_HEADER_PIECES``.

Known limits (plain text cannot tell): a vertical merge reads as empty cells
below its first row; a label spanning several leading columns (a total row's
"Усього") stays in the column it is printed in; stacked values in one cell
without a matching dash list become several rows; header cells
printed one space apart with centred text may stay joined as one spanning
cell.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..document import Block, Cell, Paragraph, Row, Table

#: a line needs this many fragments to seed a table region
SEED_MIN_FRAGMENTS = 3
#: a table needs at least this many columns
MIN_COLUMNS = 3
#: a region giving more columns than this is not a table (noise guard)
MAX_COLUMNS = 60
#: full lines whose text must start at an x to make it a column edge inside a core
EDGE_MIN_STARTS = 2
#: how far (characters) pdftotext may shift text printed one space after other text
EDGE_JITTER = 2
#: column edges tried per core (the most frequent text starts first)
MAX_EDGE_CANDIDATES = 16
#: a line running through a column edge must have a word starting this close before it
EDGE_WORD_SLACK = 3
#: a line with at least this share of the largest fragment count is a "full" line (row start)
FULL_LINE_RATIO = 0.6
#: a header fragment wider than this share of the table width is running text
PARAGRAPH_WIDTH_RATIO = 0.6
#: a lone header line crossing gutters is a spanning cell only if it covers this share of its columns
SPAN_MIN_COVERAGE = 0.75
#: ... and its centre is off the columns' centre by at most this share of their width
SPAN_MAX_OFFCENTRE = 0.1
#: rounds of extending a region downwards, re-measuring its columns in between
EXTEND_ROUNDS = 3
#: a group heading's centre lies within this share of the table width from the table's centre
HEADING_CENTRE_SLACK = 0.25
#: a lone line in a number column centred this close (share of width) on the table is a group heading
HEADING_TIGHT_CENTRE = 0.04
#: group-heading lines a table may carry between two of its parts
MAX_HEADING_LINES = 2
#: blank lines a table may contain between two of its parts
MAX_BLANK_LINES_IN_TABLE = 2
#: header zone height limit (lines) and size limit (pieces)
MAX_HEADER_LINES = 40
MAX_HEADER_PIECES = 400
#: a spanning header cell's wrapped line may stand this many lines below the previous one
SPAN_CONTINUATION_GAP = 2
#: columns that must start new text at once to open a new row
MIN_RESUMED_COLUMNS = 2
#: share of bridging lines without values (not total rows) above which a region is not a table
MAX_BRIDGING_SHARE = 0.34
#: share of a column's body texts starting (ending) at one x that makes it flush left (right)
ALIGNED_SHARE = 0.8
#: share of ordinals in the first column that makes it the key column
KEY_COLUMN_ORDINAL_SHARE = 0.6
#: a gap of this many spaces inside a paragraph line becomes a TAB
TAB_GAP = 6
#: a paragraph line ending this close to the right margin (share of width) is "full"
FULL_PARAGRAPH_LINE_SLACK = 0.12
#: a header word-overlap ratio at or above this means "the same header"
HEADER_MATCH_RATIO = 0.8
#: detector thresholds
DETECT_MAX_LINES = 5000
DETECT_MIN_ALIGNED_LINES = 4
DETECT_ALIGNED_SHARE = 0.15
DETECT_TAB_LINE_SHARE = 0.2

_FRAGMENT_RE = re.compile(r"[^ ]+(?: [^ ]+)*")
_WORD_RE = re.compile(r"[^ ]+")
_GAP_RE = re.compile(r"(?<=[^ ]) {2,}(?=[^ ])")
_ORDINAL_RE = re.compile(r"^\(?(?:\d{1,3}|[IVXІХ]{1,5})(?:[.)]\d{1,3})*[.)]?$")
_VALUE_RE = re.compile(r"^(?:[-+−–—]?\s?[\d\u00a0 ]*\d(?:[.,]\d+)?\s?%?|[-–—]+)$")
_PAGE_NUMBER_RE = re.compile(r"^[-–—]?\s*\d{1,4}\s*[-–—]?$")
_CONTINUES_RE = re.compile(r"[-–—,/(+]$")
_NORM_WORD_RE = re.compile(r"\w+")


# -- line model ---------------------------------------------------------------------------


@dataclass
class _Frag:
    """A run of text on one line: [x0, x1) in character columns."""

    x0: int
    x1: int
    text: str


@dataclass
class _Line:
    """One line of a page with its fragments."""

    text: str
    frags: list[_Frag]

    @property
    def blank(self) -> bool:
        return not self.frags

    @property
    def x0(self) -> int:
        return self.frags[0].x0

    @property
    def x1(self) -> int:
        return self.frags[-1].x1


def _make_line(raw: str) -> _Line:
    text = raw.rstrip("\r").expandtabs(8)
    # other control characters would break the column arithmetic
    text = "".join(" " if (ord(ch) < 32) else ch for ch in text)
    frags = [_Frag(m.start(), m.end(), m.group()) for m in _FRAGMENT_RE.finditer(text)]
    return _Line(text, frags)


def _split_pages(text: str) -> list[list[_Line]]:
    pages = text.split("\f")
    if len(pages) > 1 and not pages[-1].strip():
        pages.pop()  # the form feed that ends the last page
    return [[_make_line(raw) for raw in page.split("\n")] for page in pages]


# -- detector -------------------------------------------------------------------------------


def looks_like_layout(text: str) -> bool:
    """Whether ``text`` looks like layout-preserving text (pdftotext -layout).

    True when there are form feeds, or when enough lines have inner runs of
    two or more spaces whose ends line up with those of other lines. Text
    whose lines often start with a TAB (a Word text export) is not layout text.
    """
    lines = text.split("\n", DETECT_MAX_LINES)[:DETECT_MAX_LINES]
    nonblank = [ln for ln in lines if ln.strip()]
    if not nonblank:
        return False
    tab_lines = sum(1 for ln in nonblank if ln.startswith("\t"))
    if tab_lines >= DETECT_TAB_LINE_SHARE * len(nonblank):
        return False
    if "\f" in text:
        return True
    positions: list[list[int]] = []
    counts: Counter[int] = Counter()
    for ln in nonblank:
        ends = [m.end() for m in _GAP_RE.finditer(ln.expandtabs(8))]
        positions.append(ends)
        counts.update(set(ends))
    aligned = sum(1 for ends in positions if any(counts[x] >= 3 for x in ends))
    return aligned >= max(DETECT_MIN_ALIGNED_LINES, DETECT_ALIGNED_SHARE * len(nonblank))


# -- geometry helpers -----------------------------------------------------------------------


def _merge_intervals(intervals: list[tuple[int, int]]) -> list[list[int]]:
    """Union of half-open intervals, sorted; touching intervals are joined."""
    out: list[list[int]] = []
    for a, b in sorted(intervals):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return out


def _overlapping(cores: list[list[int]], x0: int, x1: int) -> list[int]:
    return [i for i, (a, b) in enumerate(cores) if a < x1 and x0 < b]


def _owners(cores: list[list[int]], x0: int, x1: int) -> list[int]:
    """Cores a word overlaps, ignoring a one-character brush with a neighbour."""
    hits = _overlapping(cores, x0, x1)
    if len(hits) > 1:
        deep = [i for i in hits if min(x1, cores[i][1]) - max(x0, cores[i][0]) > 1]
        if len(deep) == 1:
            return deep
    return hits


def _nearest(cores: list[list[int]], x0: int, x1: int) -> int:
    mid = (x0 + x1) / 2

    def key(i: int) -> tuple[float, float]:
        a, b = cores[i]
        dist = a - x1 if x1 <= a else (x0 - b if x0 >= b else 0)
        return (dist, abs((a + b) / 2 - mid))

    return min(range(len(cores)), key=key)


def _pieces(
    frag: _Frag, cores: list[list[int]], alone: bool = False, meet: bool = True
) -> list[tuple[_Frag, tuple[int, int]]]:
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
    hits = _overlapping(cores, frag.x0, frag.x1)
    if len(hits) <= 1:
        col = hits[0] if hits else _nearest(cores, frag.x0, frag.x1)
        return [(frag, (col, col))]
    words = [(frag.x0 + m.start(), frag.x0 + m.end()) for m in _WORD_RE.finditer(frag.text)]
    owners = [_owners(cores, x0, x1) for x0, x1 in words]
    breaks = {frag.x0 + k for k in _word_breaks(frag.text)}
    groups: list[list[tuple[int, int]]] = [[words[0]]]
    for k in range(1, len(words)):
        before, after = owners[k - 1], owners[k]
        if len(before) == 1 and len(after) == 1 and after[0] > before[0] and words[k][0] in breaks:
            groups.append([words[k]])
        else:
            groups[-1].append(words[k])
    if len(groups) > 1:
        pieces: list[tuple[_Frag, tuple[int, int]]] = []
        for g in groups:
            x0, x1 = g[0][0], g[-1][1]
            h = _owners(cores, x0, x1)
            if len(h) != 1:
                break
            col = h[0]
            if pieces:
                left, (lcol, _) = pieces[-1]
                # pieces that sit in their columns: both start at the left edges
                aligned = (
                    abs(x0 - cores[col][0]) <= EDGE_JITTER
                    and abs(left.x0 - cores[lcol][0]) <= 1
                    and left.x1 <= cores[lcol][1] + 1
                )
                # or two cells meeting at their shared gutter
                meeting = left.x1 >= cores[lcol][1] - 1 and x0 >= cores[col][0] - 1
                if col <= lcol or not (aligned or (meeting and meet and not alone)):
                    break
            pieces.append((_Frag(x0, x1, frag.text[x0 - frag.x0 : x1 - frag.x0]), (col, col)))
        else:
            return pieces
    return [(frag, (hits[0], hits[-1]))]


def _line_pieces(line: _Line, cores: list[list[int]]) -> list[tuple[_Frag, tuple[int, int]]]:
    alone = len(line.frags) == 1
    return [piece for f in line.frags for piece in _pieces(f, cores, alone)]


_YEAR_TOKEN_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _has_data_digit(line: _Line) -> bool:
    """A digit that is not part of a year ("2022", "2022 рік", "на 2022 рік, тис. грн", "2021-2023")."""
    return any(any(ch.isdigit() for ch in _YEAR_TOKEN_RE.sub("", f.text)) for f in line.frags)


def _is_value(text: str) -> bool:
    return bool(_VALUE_RE.match(text.strip()))


def _is_page_number(line: _Line) -> bool:
    return len(line.frags) == 1 and bool(_PAGE_NUMBER_RE.match(line.frags[0].text))


# -- regions --------------------------------------------------------------------------------


@dataclass
class _Region:
    """A table region of one page: lines [top, bottom), body from ``body_top``."""

    top: int
    body_top: int
    bottom: int
    cores: list[list[int]] = field(default_factory=list)
    bridging: set[int] = field(default_factory=set)
    seeds: int = 0
    #: first line of a column-numbering row (1, 2, 3, ...) between header and body
    numbers_top: int = -1


def _columns(lines: list[_Line], body: range) -> tuple[list[list[int]], set[int]] | None:
    """Column cores and bridging lines from the body lines (rule 3)."""
    maxfrag = max((len(lines[i].frags) for i in body), default=0)
    if maxfrag < 2 or maxfrag > MAX_COLUMNS:
        return None  # a line of more cells than a table has columns is not a row
    need = _full_need(maxfrag)
    full = [lines[i] for i in body if len(lines[i].frags) >= need]
    ref = _reference_cores(full)
    if len(ref) > MAX_COLUMNS:
        return None
    ref = _split_at_edges(full, ref)
    ref = _split_ordinals([lines[i] for i in body], ref)
    cores = [list(c) for c in ref]
    bridging: set[int] = set()
    orphans: list[tuple[int, int]] = []
    value_cols = _value_columns(full, ref)
    for i in body:
        pieces = [p for p, _ in _line_pieces(lines[i], ref)]
        hits = [_overlapping(ref, p.x0, p.x1) for p in pieces]
        if any(len(h) > 1 for h in hits) or _is_heading_in_values(lines[i], ref, value_cols):
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
    for a, b in _merge_intervals(orphans):
        h = _overlapping(cores, a, b)
        if len(h) == 1:
            c = cores[h[0]]
            c[0], c[1] = min(c[0], a), max(c[1], b)
        elif not h:
            cores.append([a, b])
    cores.sort()
    if len(cores) > MAX_COLUMNS:
        return None
    return cores, bridging


def _value_columns(full: list[_Line], ref: list[list[int]]) -> set[int]:
    """Columns whose text on the row starts is mostly numbers (``KEY_COLUMN_ORDINAL_SHARE``)."""
    seen: Counter[int] = Counter()
    values: Counter[int] = Counter()
    for ln in full:
        for p, (a, b) in _line_pieces(ln, ref):
            if a == b:
                seen[a] += 1
                values[a] += _is_value(p.text)
    return {k for k, n in seen.items() if values[k] >= KEY_COLUMN_ORDINAL_SHARE * n}


def _is_heading_in_values(line: _Line, ref: list[list[int]], value_cols: set[int]) -> bool:
    """A lone line of words in a number column, wider than its numbers, centred on the table.

    Numbers do not wrap, so such a line is a group heading ("2. Показники
    продукту") that happens to overlap one column only, when it is centred
    on the whole table within ``HEADING_TIGHT_CENTRE`` of its width, or
    centred within ``HEADING_CENTRE_SLACK`` and wider than the cell could be
    (past the middle of a neighbouring gutter). A header cell's wrapped
    tail ("на 2022 рік") is centred on its own column instead.
    """
    if len(line.frags) != 1 or len(ref) < 2:
        return False
    f = line.frags[0]
    hits = _overlapping(ref, f.x0, f.x1)
    if len(hits) != 1 or hits[0] not in value_cols or _is_value(f.text):
        return False
    k = hits[0]
    if not any(ch.isalpha() for ch in f.text):
        return False
    a, b = ref[k]
    if f.x0 >= a - EDGE_JITTER and f.x1 <= b + EDGE_JITTER:
        return False  # within the numbers' own extent
    left, right = ref[0][0], ref[-1][1]
    off = abs((f.x0 + f.x1) - (left + right)) / 2 / max(1, right - left)
    if off <= HEADING_TIGHT_CENTRE:
        return True  # centred on the whole table, as a merged row's text is
    # or wider than the cell could be: past the middle of a neighbouring gutter
    lo = (ref[k - 1][1] + a) / 2 if k else a - EDGE_JITTER
    hi = (b + ref[k + 1][0]) / 2 if k + 1 < len(ref) else b + EDGE_JITTER
    return (f.x0 < lo or f.x1 > hi) and off <= HEADING_CENTRE_SLACK


def _reference_cores(full: list[_Line]) -> list[list[int]]:
    """Column cores of the full lines: x-runs that some fragment covers.

    A gutter is blank (between fragments) on every full line; columns whose
    cells some rows print one space apart are split afterwards by
    ``_split_at_edges``. Difference arrays keep this linear.
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


def _split_at_edges(full: list[_Line], cores: list[list[int]]) -> list[list[int]]:
    """Split a core where a second column's left edge runs through it.

    Some rows print two cells one space apart, so no gutter is blank. A
    column edge still shows: at x, fragments of ``EDGE_MIN_STARTS`` full lines
    start (left-aligned text), one line has text before it with a real gap,
    and every line running through x has a word starting just before it.
    """
    out: list[list[int]] = []
    todo = [list(c) for c in reversed(cores)]
    while todo:
        core = todo.pop()
        cut = _edge_in(full, core) if len(out) + len(todo) < MAX_COLUMNS else None
        if cut is None:
            out.append(core)
        else:
            out.append([core[0], cut - 1])
            todo.append([cut, core[1]])
    return out


def _edge_in(full: list[_Line], core: list[int]) -> int | None:
    """The x where a column edge runs through ``core`` (see ``_split_at_edges``)."""
    a, b = core
    frags = [[f for f in ln.frags if a <= f.x0 < b] for ln in full]
    inner: Counter[int] = Counter(f.x0 for fs in frags for f in fs[1:])
    if not inner:
        return None
    starts: Counter[int] = Counter(f.x0 for fs in frags for f in fs)
    ranked = sorted(inner, key=lambda x: -sum(starts[x + d] for d in (-1, 0, 1)))[:MAX_EDGE_CANDIDATES]
    for x in sorted(ranked):
        if x <= a + 1 or sum(starts[x + d] for d in (-1, 0, 1)) < EDGE_MIN_STARTS:
            continue
        edge = x - 1
        for fs in frags:
            for f in fs:
                if f.x0 < x - 1 and f.x1 > x + 1:  # runs through the edge
                    breaks = [
                        f.x0 + k
                        for k in _word_breaks(f.text)
                        if x - EDGE_WORD_SLACK <= f.x0 + k <= x + 1
                    ]
                    if not breaks:
                        break
                    edge = min(edge, breaks[-1])
            else:
                continue
            break
        else:
            if edge - 1 > a:
                return edge
    return None


_DIGIT_GROUP_RE = re.compile(r"(?<![\d\w])[-+−–]?\d{1,3}$")
_NEXT_GROUP_RE = re.compile(r"\d{3}(?:[.,]\d+)?%?(?!\w)")


def _word_breaks(text: str) -> list[int]:
    """Offsets of words after a single space, except thousands groups of a number ("1 250,0")."""
    out = []
    for m in _WORD_RE.finditer(text):
        k = m.start()
        if k and not (_DIGIT_GROUP_RE.search(text, 0, k - 1) and _NEXT_GROUP_RE.match(text, k)):
            out.append(k)
    return out


def _split_ordinals(body: list[_Line], cores: list[list[int]]) -> list[list[int]]:
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
                    m = _WORD_RE.match(f.text)
                    rest = _WORD_RE.search(f.text, m.end()) if m else None
                    if (
                        not m
                        or not _ORDINAL_RE.match(m.group())
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


def _full_need(maxfrag: int) -> int:
    """Fragments a line needs to count as a full line (a row start)."""
    return max(2, int(-(-FULL_LINE_RATIO * maxfrag // 1)))


def _fits(line: _Line, cores: list[list[int]]) -> bool:
    """Every fragment of the line stays within one column."""
    return all(a == b for _, (a, b) in _line_pieces(line, cores))


def _is_title_like(lines: list[_Line], i: int, body_top: int, cores: list[list[int]], width: int) -> bool:
    """Whether header-zone line ``i`` is really a paragraph (rule 2).

    Running text (a fragment wider than ``PARAGRAPH_WIDTH_RATIO`` of the
    table) is. So is a lone fragment crossing a gutter, unless it reads as a
    spanning header cell: it does not start at the table's left edge, it
    covers at least ``SPAN_MIN_COVERAGE`` of the
    columns it touches, is centred on them, and two of them have header text
    below it.
    """
    line = lines[i]
    if any(f.x1 - f.x0 >= PARAGRAPH_WIDTH_RATIO * width for f in line.frags):
        return True
    if len(line.frags) != 1:
        return False
    hits = _overlapping(cores, line.x0, line.x1)
    if len(hits) < 2:
        return False
    if line.x0 <= cores[0][0] + 1:
        return True  # starts at the table's left edge: running text or a heading
    a, b = cores[hits[0]][0], cores[hits[-1]][1]
    span = max(1, b - a)
    coverage = (line.x1 - line.x0) / span
    off = abs((line.x0 + line.x1) - (a + b)) / 2 / span
    below = {
        c
        for k in range(i + 1, body_top)
        for f in lines[k].frags
        for c in _overlapping(cores, f.x0, f.x1)
        if c in hits and f.x1 - f.x0 < line.x1 - line.x0
    }
    # header cells nest: a cell below that reaches out of its columns means
    # the line is not a spanning cell over them (a section title above a
    # header whose "2021 рік" spans two columns)
    lo_c, hi_c = hits[0], hits[-1]
    crossing = any(
        a <= hi_c and lo_c <= b and not (lo_c <= a and b <= hi_c)
        for k in range(i + 1, body_top)
        for _, (a, b) in _line_pieces(lines[k], cores)
    )
    return crossing or not (coverage >= SPAN_MIN_COVERAGE and off <= SPAN_MAX_OFFCENTRE and len(below) >= 2)


def _group_heading_top(
    lines: list[_Line], top: int, body_top: int, cores: list[list[int]], value_cols: set[int] = frozenset()
) -> int:
    """Move the body start above group-heading lines left at the header's foot.

    A spanning header cell always has sub-headers under it. A line at the
    foot of the header zone that is one fragment spanning columns, starting
    at the table's left edge or centred on the table, with nothing under it
    but its own wrapped text, is a body row (a group heading, "I. Показники
    затрат"). So is a lone line of words in a number column (see
    ``_is_heading_in_values``).
    """
    k = body_top
    left, right = cores[0][0], cores[-1][1]
    for i in range(body_top - 1, top - 1, -1):
        frags = lines[i].frags
        if len(frags) != 1:
            break
        f = frags[0]
        spans = len(_overlapping(cores, f.x0, f.x1)) > 1 or _is_heading_in_values(lines[i], cores, value_cols)
        if not spans:
            continue  # perhaps the wrapped tail of a heading above
        centred = abs((f.x0 + f.x1) - (left + right)) / 2 <= HEADING_CENTRE_SLACK * (right - left)
        if not (centred or f.x0 <= left + 1):
            break
        tail_ok = all(
            len(lines[j].frags) <= 1 and all(f.x0 - 1 <= g.x0 and g.x1 <= f.x1 + 1 for g in lines[j].frags)
            for j in range(i + 1, k)
        )
        if not tail_ok:
            break
        k = i
    return k


def _find_regions(lines: list[_Line], content_top: int) -> list[_Region]:
    """Table regions of one page, top to bottom (rule 2).

    ``content_top`` is the first line after a page number: a region starting
    there may continue a table from the previous page even with one seed line.
    """
    clusters: list[list[int]] = []
    for i, ln in enumerate(lines):
        if len(ln.frags) < SEED_MIN_FRAGMENTS:
            continue
        if clusters and clusters[-1][-1] == i - 1:
            clusters[-1].append(i)
        elif clusters and _no_blank_between(lines, clusters[-1][-1], i):
            clusters[-1].append(i)
        else:
            clusters.append([i])
    regions: list[_Region] = []
    stale: set[int] = set()
    floor = 0  # lines above this belong to an earlier region
    for cl in clusters:
        first, last = cl[0], cl[-1]
        if first < floor:
            continue
        need = _full_need(max(len(lines[i].frags) for i in cl))
        body_top = next(
            (i for i in cl if len(lines[i].frags) >= need and _has_data_digit(lines[i])),
            None,
        )
        if body_top is None:
            continue
        numbers_top = body_top
        body_top = _skip_number_lines(lines, body_top, last + 1)
        if body_top > last:
            continue
        got = _columns(lines, range(body_top, last + 1))
        if got is None:
            continue
        bottom = last + 1
        for _ in range(EXTEND_ROUNDS):  # wrapped text seen so far sharpens the columns
            more = _extend_down(lines, bottom, got[0])
            if more > bottom:
                bottom = more
                got = _columns(lines, range(body_top, bottom))
                if got is None:
                    break
            else:
                break
        if got is None or len(got[0]) < MIN_COLUMNS:
            continue
        cores, bridging = got
        width = max(1, cores[-1][1] - cores[0][0])
        top = numbers_top
        lowest = max(floor, content_top, numbers_top - MAX_HEADER_LINES)
        while top - 1 >= lowest and not lines[top - 1].blank:
            if _is_title_like(lines, top - 1, numbers_top, cores, width):
                # a group heading between the header and the body has a
                # multi-cell header line above it (perhaps over the wrapped
                # tails of header cells); a title does not
                if not _header_line_above(lines, top - 2, lowest, numbers_top, cores, width):
                    break
            top -= 1
        if numbers_top == body_top:
            body = [lines[i] for i in range(body_top, bottom)]
            need = _full_need(max(len(ln.frags) for ln in body))
            value_cols = _value_columns([ln for ln in body if len(ln.frags) >= need], cores)
            k = _group_heading_top(lines, top, body_top, cores, value_cols)
            bridging |= {i for i in range(k, body_top) if _is_heading_in_values(lines[i], cores, value_cols)}
            body_top = numbers_top = k
        if top == content_top < body_top == numbers_top and _headings_only(lines, top, body_top, cores):
            # a page opening with group headings over rows that fit no header:
            # the headings are rows of a table going on from the last page
            # (pdftotext may squeeze a short page so they overlap no column)
            opening = {i for i in range(top, body_top) if not lines[i].blank}
            bridging |= opening
            body_top = numbers_top = top
        else:
            opening = set()
        if top == body_top and top > content_top >= floor and _headings_only(lines, content_top, top, cores):
            # a headerless table opening the page after a group heading: the
            # heading is its first row (the table continues from the last page)
            top = body_top = numbers_top = content_top
        nbody = sum(1 for i in range(body_top, bottom) if not lines[i].blank)
        # a bridging line carrying values is a total row, not running text
        wordy = [i for i in bridging - opening if not any(_is_value(f.text) for f in lines[i].frags)]
        if len(wordy) > MAX_BRIDGING_SHARE * nbody:
            continue
        seeds = sum(1 for i in cl if i >= top)
        prev = regions[-1] if regions else None
        if (
            prev is not None
            and numbers_top == body_top
            and 0 <= top - prev.bottom <= MAX_BLANK_LINES_IN_TABLE + MAX_HEADING_LINES
            and sum(1 for k in range(prev.bottom, top) if lines[k].blank) <= MAX_BLANK_LINES_IN_TABLE
            and _headings_only(lines, prev.bottom, top, prev.cores)
            and all(_fits(lines[k], prev.cores) for k in range(top, bottom) if k not in bridging)
            and len(cores) <= len(prev.cores)
            and not _own_header(lines, top, body_top, len(cores))
        ):
            # the same table after blank lines (empty paragraphs in cells):
            # lines that looked like a header fit its columns, so they are body
            prev.bottom = bottom
            prev.seeds += seeds
            stale.add(id(prev))
        elif seeds >= 2 or top == content_top:
            if top > content_top and all(len(lines[k].frags) <= 1 for k in range(top, numbers_top)):
                # a header names several columns on some line: lone lines
                # above the body of a new table are a title ("1. Паспорт програми")
                top = numbers_top
            regions.append(_Region(top, body_top, bottom, cores, bridging, seeds, numbers_top))
        else:
            continue  # a lone seed line is a table only where a table may continue
        floor = bottom
    for r in regions:
        if id(r) in stale:
            got = _columns(lines, range(r.body_top, r.bottom))
            if got is not None:
                r.cores, r.bridging = got
    return regions


def _own_header(lines: list[_Line], top: int, body_top: int, n_cols: int) -> bool:
    """Whether lines top..body_top name most columns on one line (a header, not wrapped text)."""
    need = max(SEED_MIN_FRAGMENTS, _full_need(n_cols))
    return any(len(lines[k].frags) >= need for k in range(top, body_top))


def _header_line_above(lines: list[_Line], k: int, lowest: int, body_top: int, cores: list[list[int]], width: int) -> bool:
    """Whether a multi-cell header line stands at or above line ``k``.

    Lines between are the wrapped tails of header cells: lone fragments
    within one column, with no blank line between.
    """
    while k >= lowest and not lines[k].blank:
        if len(lines[k].frags) >= 2:
            return not _is_title_like(lines, k, body_top, cores, width)
        if not _fits(lines[k], cores):
            return False
        k -= 1
    return False


def _headings_only(lines: list[_Line], a: int, b: int, cores: list[list[int]]) -> bool:
    """Lines a..b are blank or at most ``MAX_HEADING_LINES`` group headings.

    A group heading is one fragment inside the table's width that does not
    start at its left edge (running text would): "ІІ. Показники продукту".
    """
    headings = 0
    for k in range(a, b):
        ln = lines[k]
        if ln.blank:
            continue
        headings += 1
        if (
            headings > MAX_HEADING_LINES
            or len(ln.frags) != 1
            or ln.x0 <= cores[0][0] + 1
            or ln.x1 > cores[-1][1] + 1
        ):
            return False
    return True


def _extend_down(lines: list[_Line], bottom: int, cores: list[list[int]]) -> int:
    """The end of a region below its last seed: wrapped cell text that fits the columns.

    Up to ``MAX_BLANK_LINES_IN_TABLE`` blank lines (empty paragraphs in a
    cell) may be crossed when the text after them fits the columns and does
    not start at the table's left edge (where a paragraph would).
    """
    n = len(lines)
    while True:
        while bottom < n and not lines[bottom].blank and _fits(lines[bottom], cores):
            bottom += 1
        k = bottom
        while k < n and lines[k].blank and k - bottom < MAX_BLANK_LINES_IN_TABLE:
            k += 1
        if (
            k == bottom
            or k >= n
            or lines[k].blank
            or len(lines[k].frags) >= SEED_MIN_FRAGMENTS
            or lines[k].x0 <= cores[0][0] + 1
            or not _fits(lines[k], cores)
        ):
            return bottom
        bottom = k


def _number_sequence(line: _Line, expected: int) -> int | None:
    """The next expected number if ``line`` continues a column numbering 1, 2, 3, ...

    Integers must run on from ``expected`` left to right and make up most of
    the line (a header fragment such as "%" may share it); a first line needs
    ``MIN_COLUMNS`` of them.
    """
    ints = [f.text for f in line.frags if f.text.isdigit() and len(f.text) <= 3]
    if not ints or len(ints) < FULL_LINE_RATIO * len(line.frags):
        return None
    if expected == 1 and len(ints) < MIN_COLUMNS:
        return None
    if [int(t) for t in ints] != list(range(expected, expected + len(ints))):
        return None
    return expected + len(ints)


def _skip_number_lines(lines: list[_Line], k: int, end: int) -> int:
    """The first line at or after ``k`` that is not part of a column numbering row."""
    expected = 1
    while k < end:
        nxt = _number_sequence(lines[k], expected)
        if nxt is None:
            break
        expected, k = nxt, k + 1
    return k


def _no_blank_between(lines: list[_Line], a: int, b: int) -> bool:
    return all(not lines[k].blank for k in range(a + 1, b))


# -- header ---------------------------------------------------------------------------------


@dataclass(eq=False)
class _HPiece:
    """A header text piece at (line, x0..x1) over columns a..b."""

    line: int
    x0: int
    x1: int
    text: str
    a: int
    b: int


@dataclass(eq=False)
class _HCell:
    """A header cell being built: its pieces and grid rectangle (relative rows)."""

    pieces: list[_HPiece]
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1

    @property
    def text(self) -> str:
        return _join_pieces(self.pieces)


def _join_pieces(pieces: list[_HPiece]) -> str:
    lines: dict[int, list[_HPiece]] = {}
    for p in sorted(pieces, key=lambda p: (p.line, p.x0)):
        lines.setdefault(p.line, []).append(p)
    return "\n".join(" ".join(p.text for p in ps) for ps in lines.values())


def _header_pieces(
    lines: list[_Line], rows: range, cores: list[list[int]], slots: list[list[int]] | None = None
) -> list[_HPiece]:
    """Header text pieces line by line.

    Two header cells meet at a gutter only in the middle of their columns'
    text: a fragment crossing a gutter with no one-column header text above
    it in those columns is the top of a spanning cell ("2022 рік" over
    "план" and "факт"), and it is cut only at columns' left edges.
    """
    out = []
    started: set[int] = set()  # columns with one-column header text so far
    for i in rows:
        line = lines[i]
        alone = len(line.frags) == 1
        found = []
        for f in line.frags:
            meet = any(c in started for c in _overlapping(cores, f.x0, f.x1))
            for p, (a, b) in _pieces(f, cores, alone, meet):
                if slots and a == b and not _overlapping(cores, p.x0, p.x1):
                    # in a gutter: the column whose cell holds it
                    a = b = _slot_of(slots, p.x0, p.x1, a)
                found.append(_HPiece(i, p.x0, p.x1, p.text, a, b))
        started.update(p.a for p in found if p.a == p.b)
        out.extend(found)
    return out


def _slot_of(slots: list[list[int]], x0: int, x1: int, default: int) -> int:
    """The slot holding the middle of [x0, x1), else ``default``."""
    mid = (x0 + x1) / 2
    return next((k for k, (a, b) in enumerate(slots) if a <= mid < b), default)


def _header_extra_cores(
    pieces: list[_HPiece], cores: list[list[int]], slots: list[list[int]] | None = None
) -> list[list[int]]:
    """Cores for header text standing clear of every column and of spanning text.

    Text inside a column's slot (see ``_slots``) is that column's header
    when no header text over the column's data stands beside it: a centred
    "№ з/п" over left-aligned "1." stands clear of the numbers but is their
    header; "Примітка" printed beside "Захід" over an empty column is not.
    """
    spans = [(p.x0, p.x1) for p in pieces if p.b > p.a]
    cands = []
    for p in pieces:
        if _overlapping(cores, p.x0 - 1, p.x1 + 1) or any(a < p.x1 and p.x0 < b for a, b in spans):
            continue
        cands.append((p.x0, p.x1))
    out = []
    for a, b in _merge_intervals(cands):
        k = next((k for k, (sa, sb) in enumerate(slots or []) if sa <= a and b <= sb), None)
        if k is not None:
            over = [
                q for q in pieces if q.a == q.b == k and _overlapping(cores[k : k + 1], q.x0 - 1, q.x1 + 1)
            ]
            if not over or any(q.x0 < b and a < q.x1 for q in over):
                continue  # the column's own header, centred off its data
        out.append([a, b])
    return out


def _alignment(pieces: list[_Frag]) -> str:
    """'L' when a column's body text is flush left, 'R' when flush right, else ''."""
    if len(pieces) < 2:
        return ""
    x0, x1 = min(p.x0 for p in pieces), max(p.x1 for p in pieces)
    left = sum(1 for p in pieces if p.x0 <= x0 + 1) >= ALIGNED_SHARE * len(pieces)
    right = sum(1 for p in pieces if p.x1 >= x1 - 1) >= ALIGNED_SHARE * len(pieces)
    if left and not right:
        return "L"
    if right and not left:
        return "R"
    return ""


def _slots(lines: list[_Line], body: range, cores: list[list[int]], bridging: set[int]) -> list[list[int]]:
    """The x-extent of each column's cells, from how its body text is aligned.

    Word prints header cells centred and data flush left (its default), so
    a header often stands beside its data rather than over it. A cell runs
    from its left border to the next cell's: in front of a flush-left
    column the border is just before its text, after a flush-right column
    just after its text, otherwise in the middle of the gutter.
    """
    own: list[list[_Frag]] = [[] for _ in cores]
    for i in body:
        if i in bridging:
            continue
        for p, (a, b) in _line_pieces(lines[i], cores):
            if a == b:
                own[a].append(p)
    align = [_alignment(ps) for ps in own]
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


def _header_level(pieces: list[_HPiece], a: int, b: int, top: int, bottom: int) -> tuple[list[_HCell], int]:
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
            if sc["a"] <= p.b and p.a <= sc["b"] and 0 <= p.line - sc["last"] <= SPAN_CONTINUATION_GAP:
                sc["pieces"].append(p)
                sc["a"], sc["b"] = min(sc["a"], p.a), max(sc["b"], p.b)
                sc["x0"], sc["x1"] = min(sc["x0"], p.x0), max(sc["x1"], p.x1)
                sc["last"] = p.line
                break
        else:
            scs.append({"pieces": [p], "a": p.a, "b": p.b, "x0": p.x0, "x1": p.x1, "first": p.line, "last": p.line})
    used = {id(p) for sc in scs for p in sc["pieces"]}
    by_line: dict[int, list[_HPiece]] = {}
    for p in pieces:
        by_line.setdefault(p.line, []).append(p)
    # a spanning cell's wrapped lines: alone in its columns, inside it, centred
    for sc in scs:
        for p in pieces:
            if id(p) in used or p.line <= sc["last"]:
                continue
            if p.line - sc["last"] > SPAN_CONTINUATION_GAP:
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
            continue  # nested: built inside the outer one
        if any(o["a"] <= sc["b"] and sc["a"] <= o["b"] for o in outer):
            for p in sc["pieces"]:
                used.discard(id(p))  # partial overlap: treat as plain pieces
            continue
        outer.append(sc)
    cells: list[_HCell] = []
    subs: list[tuple[dict, list[_HCell], int]] = []
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
        sub_cells, depth = _header_level(sub, sc["a"], sc["b"], sc["last"] + 1, bottom)
        subs.append((sc, sub_cells, depth))
        if sub:
            first_sub = min(p.line for p in sub)
            lower_start = first_sub if lower_start is None else min(lower_start, first_sub)
        covered.update(range(sc["a"], sc["b"] + 1))
    # free columns: one cell each, or an upper and a lower cell
    free: dict[int, list[_HPiece]] = {c: [] for c in range(a, b + 1) if c not in covered}
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
    splits: dict[int, tuple[list[_HPiece], list[_HPiece]]] = {}
    if lower_start is not None:
        for c, ps in free.items():
            upper = [p for p in ps if p.line < lower_start]
            lower = [p for p in ps if p.line >= lower_start]
            if upper and lower and min(p.line for p in lower) - max(p.line for p in upper) >= 2:
                if _split_fits_better(upper, lower, top, lower_start, bottom):
                    splits[c] = (upper, lower)
    depth = max([1] + [1 + d for _, _, d in subs] + [2 for _ in splits])
    for sc, sub_cells, d in subs:
        cells.append(_HCell(sc["pieces"], 0, sc["a"], depth if d == 0 else 1, sc["b"] - sc["a"] + 1))
        for cell in sub_cells:
            cell.row += 1
            if cell.row + cell.row_span == d + 1:
                cell.row_span += depth - 1 - d
            cells.append(cell)
    for c, ps in free.items():
        if c in splits:
            upper, lower = splits[c]
            cells.append(_HCell(upper, 0, c))
            cells.append(_HCell(lower, 1, c, depth - 1))
        else:
            cells.append(_HCell(ps, 0, c, depth))
    return cells, depth


def _split_fits_better(upper: list[_HPiece], lower: list[_HPiece], top: int, mid: int, bottom: int) -> bool:
    """Whether a column's header text reads better as two stacked cells than as one.

    Header cells are vertically centred: one cell merged down is centred on
    the whole band [top, bottom]; an upper and a lower cell are centred on
    [top, mid - 1] and [mid, bottom]. The split must fit strictly better.
    """

    def centre(ps: list[_HPiece]) -> float:
        return (min(p.line for p in ps) + max(p.line for p in ps)) / 2

    merged = abs(centre(upper + lower) - (top + bottom) / 2)
    split = abs(centre(upper) - (top + mid - 1) / 2) + abs(centre(lower) - (mid + bottom) / 2)
    return split < merged


def _header_signature(pieces: list[_HPiece]) -> Counter[str]:
    return Counter(w.casefold() for p in pieces for w in _NORM_WORD_RE.findall(p.text))


def _same_header(a: Counter[str], b: Counter[str]) -> bool:
    total = sum(a.values()) + sum(b.values())
    if not total:
        return False
    return 2 * sum((a & b).values()) / total >= HEADER_MATCH_RATIO


# -- body rows ------------------------------------------------------------------------------


@dataclass
class _BodyRow:
    """One body row: its first line and (text, first column, last column) cells."""

    line: int
    cells: list[tuple[str, int, int]]


def _join_lines(parts: list[tuple[int, int, str]]) -> str:
    """(line, x0, text) parts as text: same line joined by a space, lines by "\\n"."""
    by_line: dict[int, list[str]] = {}
    for line, _, text in sorted(parts):
        by_line.setdefault(line, []).append(text)
    return "\n".join(" ".join(ts) for ts in by_line.values())


def _body_rows(
    lines: list[_Line], rows: range, cores: list[list[int]], bridging: set[int] = frozenset()
) -> list[_BodyRow]:
    """Segment the body lines into rows (rule 5) and gather their cells.

    A lone text on a ``bridging`` line (a group heading in a number
    column) spans the table.
    """
    placed: list[tuple[int, list[tuple[_Frag, int, int]]]] = []
    for i in rows:
        ps = [(p, a, b) for p, (a, b) in _line_pieces(lines[i], cores)]
        if i in bridging and len(ps) == 1 and len(cores) > 1:
            ps = [(ps[0][0], 0, len(cores) - 1)]
        placed.append((i, ps))
    col0 = [p.text for _, ps in placed for p, a, b in ps if a == b == 0]
    key = bool(col0) and sum(1 for t in col0 if _ORDINAL_RE.match(t)) >= KEY_COLUMN_ORDINAL_SHARE * len(col0)

    starts: list[int] = []
    prev_cols: dict[int, str] = {}
    prev_bridging: tuple[int, int] | None = None  # x-extent of a spanning line above
    for k, (i, ps) in enumerate(placed):
        if not ps:
            prev_cols, prev_bridging = {}, None
            continue
        spanning = [p for p, a, b in ps if a < b]
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
            new = not inside or any(_is_value(t) for t in prev_cols.values())
        if not new and prev_bridging and not bridging:
            # the short last line of a wrapped spanning heading stays with it
            lo, hi = prev_bridging
            new = not (len(ps) == 1 and lo - 1 <= ps[0][0].x0 and ps[0][0].x1 <= hi + 1)
        if not new and key and 0 in cols and _ORDINAL_RE.match(cols[0]):
            new = True
        if not new and sum(1 for c in cols if c not in prev_cols) >= MIN_RESUMED_COLUMNS:
            new = True
        if not new and not _wrapped_at_thousands(prev_cols, cols):
            new = any(
                c in prev_cols
                and _is_value(t)
                and _is_value(prev_cols[c])
                and not _CONTINUES_RE.search(prev_cols[c])
                and not _wrapped_number(prev_cols[c], t)
                for c, t in cols.items()
            )
        if new:
            starts.append(k)
        prev_cols = cols
        prev_bridging = bridging or (prev_bridging if not new and prev_bridging else None)

    out: list[_BodyRow] = []
    spans_of: list[dict[int, tuple[int, int]]] = []  # per row: column -> (first line, last line)
    for n, s in enumerate(starts):
        e = starts[n + 1] if n + 1 < len(starts) else len(placed)
        spans: list[tuple[int, int]] = []
        for _, ps in placed[s:e]:
            spans.extend((a, b) for _, a, b in ps if a < b)
        spans = [tuple(x) for x in _merge_intervals([(a, b + 1) for a, b in spans])]
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
            cells.append((_join_lines(parts.get(slot, [])), slot[0], slot[1]))
            c = slot[1] + 1
        filled = [cell for cell in cells if cell[0]]
        if len(filled) == 1 and filled[0][1] < filled[0][2]:
            # a lone spanning text is a full-width row (a group heading)
            cells = [(filled[0][0], 0, len(cores) - 1)]
        out.append(_BodyRow(placed[s][0], cells))
        spans_of.append({a: (min(q[0] for q in ps), max(q[0] for q in ps)) for (a, b), ps in parts.items() if a == b})
    _give_back_overflow(out, spans_of)
    return _stack_objects(out)


_BULLET_LINE_RE = re.compile(r"^\s*[-–—•·▪]\s+\S")


def _stack_objects(rows: list[_BodyRow]) -> list[_BodyRow]:
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
    out: list[_BodyRow] = []
    n = 0
    while n < len(rows):
        end = n + 1
        while end < len(rows) and _continues_stack(rows[end]):
            end += 1
        best = n + 1
        for j in range(end, n + 1, -1):
            if _bullets_match(rows[n:j]):
                best = j
                break
        if best > n + 1:
            out.append(_merge_rows(rows[n:best]))
        else:
            out.append(rows[n])
        n = best
    return out


def _continues_stack(row: _BodyRow) -> bool:
    values = 0
    for text, a, b in row.cells:
        t = text.strip()
        if not t:
            continue
        if a != b or a == 0:
            return False
        if _is_value(t):
            values += 1
        elif "\n" not in t and _is_value(t.split("\n")[0]):
            return False
        elif not t[0].islower() or _BULLET_LINE_RE.match(t):
            return False
    return values > 0


def _bullets_match(rows: list[_BodyRow]) -> bool:
    """Whether a text column of ``rows`` lists one dash item per row and every row has a value."""
    if any(not any(_is_value(t) for t, _, _ in r.cells if t.strip()) for r in rows):
        return False
    if any(a != b for r in rows for _, a, b in r.cells):
        return False
    cols = {a for r in rows for t, a, _ in r.cells if t.strip() and not _is_value(t)}
    for c in cols:
        texts = [t for r in rows for t, a, _ in r.cells if a == c and t.strip()]
        items = sum(1 for t in texts for ln in t.split("\n") if _BULLET_LINE_RE.match(ln))
        if items == len(rows):
            return True
    return False


def _merge_rows(rows: list[_BodyRow]) -> _BodyRow:
    cells = []
    for k, (text, a, b) in enumerate(rows[0].cells):
        parts = [text] + [r.cells[k][0] for r in rows[1:] if k < len(r.cells)]
        cells.append(("\n".join(t for t in parts if t), a, b))
    return _BodyRow(rows[0].line, cells)


_GROUPED_INT_RE = re.compile(r"^[-−–]?\d{1,3}(?: \d{3})+$")
_GROUPS_TAIL_RE = re.compile(r"^\d{3}(?: \d{3})*[.,]\d+$")


def _wrapped_number(above: str, below: str) -> bool:
    """Whether ``below`` ends a long amount wrapped in a narrow column.

    "1 587" over "425,36" is one amount, 1 587 425,36: the upper part is an
    integer with thousands groups, the lower one more groups and decimals.
    """
    return bool(_GROUPED_INT_RE.match(above.strip()) and _GROUPS_TAIL_RE.match(below.strip()))


_SHORT_INT_RE = re.compile(r"^[-−–]?\d{1,3}$")


def _wrapped_at_thousands(above: dict[int, str], cols: dict[int, str]) -> bool:
    """Whether a line ends amounts the line above began, wrapped at their thousands space.

    "12" over "345,678" is 12 345,678 when every number on the line is
    such a tail (three digits and decimals) under a short integer, and its
    text cells continue the text above (they start in lower case): a new
    row would open its own texts.
    """
    tails = 0
    for c, t in cols.items():
        t = t.strip()
        if _is_value(t):
            if not (c in above and _SHORT_INT_RE.match(above[c].strip()) and _GROUPS_TAIL_RE.match(t)):
                return False
            tails += 1
        elif not t[:1].islower() and not t.startswith("«"):
            return False
    return tails > 0


def _give_back_overflow(rows: list[_BodyRow], spans_of: list[dict[int, tuple[int, int]]]) -> None:
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


# -- one table part per region ----------------------------------------------------------


@dataclass
class _Part:
    """A table as seen in one region: header cells, body rows, geometry."""

    page: int
    region: _Region
    n_cols: int
    header: list[_HCell]
    depth: int
    signature: Counter[str]
    number_row: _BodyRow | None
    body: list[_BodyRow]
    centers: list[float]
    #: the first column holds item numbers ("1.", "2.1") on most body rows
    numbered: bool = False


def _build_part(lines: list[_Line], region: _Region, page: int) -> _Part | None:
    """Header cells, column-numbering row and body rows of one region."""
    cores = [list(c) for c in region.cores]
    numbers_top = region.numbers_top if region.numbers_top >= 0 else region.body_top
    hrange = range(region.top, region.body_top)

    slots = _slots(lines, range(region.body_top, region.bottom), cores, region.bridging)

    def header_pieces() -> tuple[list[_HPiece], list[_HPiece]]:
        pieces, numbers = [], []
        for p in _header_pieces(lines, hrange, cores, slots):
            if p.line >= numbers_top and p.a == p.b and p.text.isdigit():
                numbers.append(p)
            else:
                pieces.append(p)
        return pieces, numbers

    pieces, numbers = header_pieces()
    if len(pieces) > MAX_HEADER_PIECES:
        return None
    extra = _header_extra_cores(pieces, cores, slots)
    if extra and len(cores) + len(extra) <= MAX_COLUMNS:
        cores = sorted(cores + extra)
        slots = _slots(lines, range(region.body_top, region.bottom), cores, region.bridging)
        pieces, numbers = header_pieces()
    n_cols = len(cores)
    header, depth = (
        _header_level(pieces, 0, n_cols - 1, region.top, max(p.line for p in pieces)) if pieces else ([], 0)
    )
    body = _body_rows(lines, range(region.body_top, region.bottom), cores, region.bridging)
    number_row = None
    if numbers:
        by_col: dict[int, list[tuple[int, int, str]]] = {}
        for p in numbers:
            by_col.setdefault(p.a, []).append((p.line, p.x0, p.text))
        number_row = _BodyRow(numbers_top, [(_join_lines(by_col.get(c, [])), c, c) for c in range(n_cols)])
    lo, hi = cores[0][0], cores[-1][1]
    centers = [((a + b) / 2 - lo) / max(1, hi - lo) for a, b in cores]
    sig = _header_signature(pieces)
    sig.update(p.text for p in numbers)
    # (full-width rows, group headings, do not count)
    firsts = [t for br in body for t, a, b in br.cells[:1] if a == b == 0 and t.strip()]
    numbered = bool(firsts) and sum(1 for t in firsts if _ORDINAL_RE.match(t.split("\n")[0].strip())) >= (
        KEY_COLUMN_ORDINAL_SHARE * len(firsts)
    )
    return _Part(page, region, n_cols, header, depth, sig, number_row, body, centers, numbered)


def _new_table(part: _Part, index: int) -> Table:
    rows: list[Row] = []
    for r in range(part.depth):
        cells = [
            Cell(h.text, r, h.col, h.row_span, h.col_span)
            for h in sorted(part.header, key=lambda h: h.col)
            if h.row == r
        ]
        rows.append(Row(cells, r, part.page, is_header=True))
    if part.number_row is not None:
        r = len(rows)
        cells = [Cell(t, r, a, 1, b - a + 1) for t, a, b in part.number_row.cells]
        rows.append(Row(cells, r, part.page, is_header=True))
    table = Table(rows, index, part.n_cols, part.page)
    _append_body(table, part, list(range(part.n_cols)))
    return table


def _append_body(table: Table, part: _Part, colmap: list[int]) -> None:
    for br in part.body:
        r = len(table.rows)
        merged: dict[int, list] = {}
        for text, a, b in br.cells:
            ta, tb = colmap[a], colmap[b]
            if ta in merged:
                prev = merged[ta]
                prev[0] = prev[0] + ("\n" if prev[0] and text else "") + text
                prev[2] = max(prev[2], tb)
            else:
                merged[ta] = [text, ta, tb]
        cells = []
        covered = -1
        for ta in sorted(merged):
            text, a, b = merged[ta]
            if a <= covered:
                continue
            cells.append(Cell(text, r, a, 1, b - a + 1))
            covered = b
        table.rows.append(Row(cells, r, part.page))


def _rejoin_split_cells(table: Table, r: int) -> None:
    """Give back to the cells above the text a page break cut off them.

    On a continuation page a merged cell (a task spanning its measures) goes
    on printing its text in the first row. When that row's first column is
    empty and a cell starts in lower case, the text continues the nearest
    non-empty cell above in that column, and it moves there.
    """
    if r >= len(table.rows) or r == 0:
        return
    row = table.rows[r]
    if any(c.col == 0 and c.text.strip() for c in row.cells):
        return
    for cell in row.cells:
        text = cell.text.strip()
        if not text or not text[0].islower():
            continue
        for above in reversed(table.rows[:r]):
            if above.is_header:
                break
            origin = next((c for c in above.cells if c.col == cell.col and c.col_span == cell.col_span), None)
            if origin is not None and origin.text.strip():
                origin.text = origin.text + "\n" + cell.text
                cell.text = ""
                break


def _colmap(part: _Part, centers: list[float], numbered: bool = False) -> list[int]:
    """Map a part's columns onto a table's columns.

    Equal counts map in order. A part with fewer columns (its leading or
    trailing columns empty on that page, and pdftotext drops an empty
    margin) maps onto the run of consecutive table columns its column
    centres fit best under a stretch and a shift, unless mapping each column
    to the nearest relative position fits better (a page where two columns
    ran together); when both first columns hold item numbers, the run starts
    at the first column. More columns map to the nearest relative position.
    """
    k, n = len(part.centers), len(centers)
    if k == n:
        return list(range(n))
    nearest = [min(range(n), key=lambda j: abs(centers[j] - x)) for x in part.centers]
    if k > n or k < 2:
        return nearest
    best = sum((centers[j] - x) ** 2 for j, x in zip(nearest, part.centers))
    best_off = -1
    xs = part.centers
    mx = sum(xs) / k
    sxx = sum((x - mx) ** 2 for x in xs) or 1.0
    if numbered and part.numbered:
        # both first columns carry item numbers: the run starts at the first
        # column, and columns that ran together go to the first of them
        return list(range(k))
    for off in range(n - k + 1):
        ys = centers[off : off + k]
        my = sum(ys) / k
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
        if slope <= 0:
            continue
        err = sum((my + slope * (x - mx) - y) ** 2 for x, y in zip(xs, ys))
        if err < best:
            best, best_off = err, off
    return nearest if best_off < 0 else [best_off + j for j in range(k)]


# -- paragraphs -------------------------------------------------------------------------


def _line_text(line: _Line) -> str:
    out = []
    prev = None
    for f in line.frags:
        if prev is not None:
            gap = f.x0 - prev.x1
            out.append("\t" if gap >= TAB_GAP else " " * gap)
        out.append(f.text)
        prev = f
    return "".join(out)


def _margins(para_lines: list[tuple[_Line, _Line | None]]) -> tuple[int, int]:
    """Left margin and right margin of running text (rule 8)."""
    if not para_lines:
        return 0, 0
    left = min(ln.x0 for ln, _ in para_lines)
    wrapped = sorted(ln.x1 for ln, nxt in para_lines if nxt is not None and nxt.x0 - left <= 1)
    if wrapped:
        right = wrapped[len(wrapped) // 2]
    else:
        right = max(ln.x1 for ln, _ in para_lines)
    return left, right


def _paragraphs(lines: list[_Line], page: int, left: int, right: int) -> list[Paragraph]:
    slack = max(3, FULL_PARAGRAPH_LINE_SLACK * max(1, right - left))
    out: list[Paragraph] = []
    cur: list[str] = []
    cur_full = False
    cur_margin = False
    prev: _Line | None = None
    for ln in lines:
        if ln.blank:
            if cur:
                out.append(Paragraph("\n".join(cur), page=page))
            cur, prev = [], None
            continue
        margin = ln.x0 - left <= 1
        full = ln.x1 >= right - slack
        prev_full = prev is not None and prev.x1 >= right - slack
        joins = (
            cur
            and prev is not None
            and margin
            and (prev_full or (cur_margin and not cur_full and len(prev.frags) == 1))
        )
        if joins:
            cur.append(_line_text(ln))
            cur_full = cur_full or full
        else:
            if cur:
                out.append(Paragraph("\n".join(cur), page=page))
            cur = [_line_text(ln)]
            cur_full, cur_margin = full, margin
        prev = ln
    if cur:
        out.append(Paragraph("\n".join(cur), page=page))
    return out


# -- the entry point ----------------------------------------------------------------------


def _line_key(line: _Line) -> str:
    return " ".join(f.text for f in line.frags)


def _running_lines(pages: list[list[_Line]]) -> tuple[set[str], set[str]]:
    """Texts printed as the first (last) line of several pages: a running header (footer).

    Only a line of one fragment counts ("Додаток 2", "Продовження додатка"):
    a table header repeated on every page names several columns.
    """
    heads: Counter[str] = Counter()
    feet: Counter[str] = Counter()
    for lines in pages:
        nonblank = [ln for ln in lines if not ln.blank]
        if nonblank and len(nonblank[0].frags) == 1:
            heads[_line_key(nonblank[0])] += 1
        if len(nonblank) > 1 and len(nonblank[-1].frags) == 1:
            feet[_line_key(nonblank[-1])] += 1
    return {t for t, n in heads.items() if n >= 2}, {t for t, n in feet.items() if n >= 2}


def read_layout_blocks(text: str) -> list[Block] | None:
    """Paragraphs and tables of layout-preserving text, in reading order.

    Returns None when no table is found (the caller then reads the text
    another way). Pages are counted from 1 at each form feed.
    """
    pages = _split_pages(text)
    running_heads, running_feet = _running_lines(pages)
    said: set[str] = set()  # running headers and footers already given (once, as a DOCX section has them)
    prepared = []
    para_lines: list[tuple[_Line, _Line | None]] = []
    for lines in pages:
        head = foot = None
        nonblank = [i for i, ln in enumerate(lines) if not ln.blank]
        if nonblank and (_is_page_number(lines[nonblank[0]]) or _line_key(lines[nonblank[0]]) in running_heads):
            head = _line_text(lines[nonblank[0]])
            if _line_key(lines[nonblank[0]]) in running_heads:
                head = None if head in said else head
                said.add(_line_text(lines[nonblank[0]]))
            lines[nonblank[0]] = _Line("", [])
            nonblank.pop(0)
        if len(nonblank) > 1 and (
            _is_page_number(lines[nonblank[-1]]) or _line_key(lines[nonblank[-1]]) in running_feet
        ):
            foot = _line_text(lines[nonblank[-1]])
            if _line_key(lines[nonblank[-1]]) in running_feet:
                foot = None if foot in said else foot
                said.add(_line_text(lines[nonblank[-1]]))
            lines[nonblank[-1]] = _Line("", [])
            nonblank.pop()
        content_top = nonblank[0] if nonblank else 0
        regions = _find_regions(lines, content_top)
        inside = [False] * len(lines)
        for r in regions:
            for k in range(r.top, r.bottom):
                inside[k] = True
        for k, ln in enumerate(lines):
            if not ln.blank and not inside[k]:
                nxt = lines[k + 1] if k + 1 < len(lines) and not inside[k + 1] and not lines[k + 1].blank else None
                para_lines.append((ln, nxt))
        prepared.append((lines, head, foot, content_top, regions))
    left, right = _margins(para_lines)

    blocks: list[Block] = []
    open_table: tuple[Table, _Part] | None = None  # a table that ran to the end of a page
    # group headings that closed the last page under an open table: (text, page, index in blocks)
    pending: tuple[str, int, int] | None = None
    n_tables = 0
    for pno, (lines, head, foot, content_top, regions) in enumerate(prepared, 1):
        if head is not None:
            blocks.append(Paragraph(head, page=pno, part="header"))
        cursor = 0
        last_cores: list[list[int]] | None = None  # columns of the region ending at ``cursor``
        for r in regions:
            part = _build_part(lines, r, pno)
            joined = False
            if part is not None and open_table is not None and r.top == content_top:
                table, first = open_table
                if part.depth == 0 and part.number_row is None or _same_header(part.signature, first.signature):
                    if pending is not None:
                        n = len(table.rows)
                        table.rows.append(Row([Cell(pending[0], n, 0, 1, table.n_cols)], n, pending[1]))
                        pending = None
                    start = len(table.rows)
                    _append_body(table, part, _colmap(part, first.centers, first.numbered))
                    _rejoin_split_cells(table, start)
                    joined = True
            if pending is not None:
                blocks.insert(pending[2], Paragraph(pending[0], page=pending[1]))
                pending = None
            if part is None or (not joined and r.seeds < 2):
                continue  # its lines are read as paragraphs below
            blocks.extend(_paragraphs(lines[cursor : r.top], pno, left, right))
            if not joined:
                table = _new_table(part, n_tables)
                n_tables += 1
                blocks.append(table)
                open_table = (table, part)
            cursor = r.bottom
            last_cores = r.cores
        if pending is not None:  # a page without a table that could continue
            blocks.insert(pending[2], Paragraph(pending[0], page=pending[1]))
            pending = None
        rest = lines[cursor:]
        tail = [ln for ln in rest if not ln.blank]
        if (
            tail
            and open_table is not None
            and last_cores is not None
            and pno < len(prepared)
            and _headings_only(lines, cursor, len(lines), last_cores)
        ):
            # a group heading closing the page: the table goes on under it on
            # the next page, or it is a paragraph after all
            pending = ("\n".join(_line_text(ln) for ln in tail), pno, len(blocks))
        else:
            blocks.extend(_paragraphs(rest, pno, left, right))
            if tail:
                open_table = None
        if foot is not None:
            blocks.append(Paragraph(foot, page=pno, part="footer"))
    return blocks if n_tables else None
