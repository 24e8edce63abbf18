"""The table finder over positioned words: pages of grid lines → paragraphs and tables.

Each page is read in steps (``regions`` → ``columns`` → ``header`` and
``rows``), then the parts are put together here.

**Pages.** The text is split at ``\f``. A first or last non-blank line of
a page that holds only a page number ("2", "- 2 -") becomes
``Paragraph(part="header"/"footer")`` and takes no part in tables; so
does a one-fragment line opening (closing) several pages, a running
header ("Додаток 2"), given once as a DOCX section header is.

**Pages joined.** A region that opens a page (after the page number and
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

**Paragraphs.** Lines outside tables form paragraphs: a line continues the
current paragraph when it starts at the left margin and the previous line
ran to the right margin (wrapped running text), or when both belong to a
block of short left-aligned lines (a signature block). Indented,
centred and right-aligned lines start a new paragraph. Within a line a gap
of at least ``tab_gap`` spaces becomes a TAB (position ⇥ name of a
signature), and lines are joined by "\n".
 in the size of the text: each page is scanned a fixed
number of times, and per-region work is bounded by ``max_columns``,
``max_edge_candidates``, ``extend_rounds`` and ``max_header_pieces``.

Known limits (plain text cannot tell): a vertical merge reads as empty cells
below its first row; a label spanning several leading columns (a total row's
"Усього") stays in the column it is printed in; stacked values in one cell
without a matching dash list become several rows; header cells
printed one space apart with centred text may stay joined as one spanning
cell.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ...document import Block, Cell, Paragraph, Row, Table

from .columns import column_slots, has_data_digit
from .finder_settings import DEFAULT_FINDER_SETTINGS, FinderSettings
from .header import (
    HCell,
    HPiece,
    body_in_header_zone,
    header_extra_cores,
    header_level,
    header_line_pieces,
    header_signature,
    widen_spanning_pieces,
)
from .furniture import repeated_on_pages
from .join import rejoin_split_cells, repeats_header
from .regions import Region, find_regions, headings_only
from .rows import BodyRow, body_rows, join_lines
from .tokens import column_number, is_ordinal, is_page_number as is_page_number_text
from .words import Line, line_key, line_text


@dataclass
class Part:
    """A table as seen in one region: header cells, body rows, geometry."""

    page: int
    region: Region
    n_cols: int
    header: list[HCell]
    depth: int
    signature: Counter[str]
    number_row: BodyRow | None
    body: list[BodyRow]
    centers: list[float]
    #: the first column holds item numbers ("1.", "2.1") on most body rows
    numbered: bool = False


def build_part(lines: list[Line], region: Region, page: int, *, cfg: FinderSettings) -> Part | None:
    """Header cells, column-numbering row and body rows of one region."""
    cores = [list(c) for c in region.cores]
    body_top = body_in_header_zone(lines, region.top, region.body_top, cores[0][1])
    numbers_top = region.numbers_top if region.numbers_top >= 0 else region.body_top
    numbers_top = min(numbers_top, body_top)
    hrange = range(region.top, body_top)

    slots = column_slots(lines, range(body_top, region.bottom), cores, region.bridging, cfg=cfg)

    def header_pieces() -> tuple[list[HPiece], list[HPiece]]:
        pieces, numbers = [], []
        for p in header_line_pieces(lines, hrange, cores, slots, cfg=cfg):
            if p.line >= numbers_top and p.a == p.b and column_number(p.text) is not None:
                numbers.append(p)
            else:
                pieces.append(p)
        return pieces, numbers

    pieces, numbers = header_pieces()
    if len(pieces) > cfg.max_header_pieces:
        return None
    extra = header_extra_cores(pieces, cores, slots)
    if extra and len(cores) + len(extra) <= cfg.max_columns:
        cores = sorted(cores + extra)
        slots = column_slots(lines, range(body_top, region.bottom), cores, region.bridging, cfg=cfg)
        pieces, numbers = header_pieces()
    widen_spanning_pieces(pieces, cores)
    n_cols = len(cores)
    header, depth = (
        header_level(pieces, 0, n_cols - 1, region.top, max(p.line for p in pieces), cfg=cfg) if pieces else ([], 0)
    )
    body = body_rows(lines, range(body_top, region.bottom), cores, region.bridging, cfg=cfg)
    number_row = None
    if numbers:
        by_col: dict[int, list[tuple[int, int, str]]] = {}
        for p in numbers:
            by_col.setdefault(p.a, []).append((p.line, p.x0, p.text))
        number_row = BodyRow(numbers_top, [(join_lines(by_col.get(c, [])), c, c) for c in range(n_cols)])
    lo, hi = cores[0][0], cores[-1][1]
    centers = [((a + b) / 2 - lo) / max(1, hi - lo) for a, b in cores]
    sig = header_signature(pieces)
    sig.update(p.text for p in numbers)
    # (full-width rows, group headings, do not count)
    firsts = [t for br in body for t, a, b in br.cells[:1] if a == b == 0 and t.strip()]
    numbered = bool(firsts) and sum(1 for t in firsts if is_ordinal(t.split("\n")[0].strip())) >= (
        cfg.key_column_ordinal_share * len(firsts)
    )
    return Part(page, region, n_cols, header, depth, sig, number_row, body, centers, numbered)


def new_table(part: Part, index: int) -> Table:
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
    append_body(table, part, list(range(part.n_cols)))
    return table


def append_body(table: Table, part: Part, colmap: list[int]) -> None:
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


def map_columns(part: Part, centers: list[float], numbered: bool = False) -> list[int]:
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


def margins(para_lines: list[tuple[Line, Line | None]]) -> tuple[int, int]:
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


def layout_paragraphs(lines: list[Line], page: int, left: int, right: int, *, cfg: FinderSettings) -> list[Paragraph]:
    slack = max(3, cfg.full_paragraph_line_slack * max(1, right - left))
    out: list[Paragraph] = []
    cur: list[str] = []
    cur_full = False
    cur_margin = False
    prev: Line | None = None
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
            cur.append(line_text(ln, cfg=cfg))
            cur_full = cur_full or full
        else:
            if cur:
                out.append(Paragraph("\n".join(cur), page=page))
            cur = [line_text(ln, cfg=cfg)]
            cur_full, cur_margin = full, margin
        prev = ln
    if cur:
        out.append(Paragraph("\n".join(cur), page=page))
    return out


def is_page_number(line: Line) -> bool:
    return len(line.frags) == 1 and is_page_number_text(line.frags[0].text)


def running_lines(pages: list[list[Line]]) -> tuple[set[str], set[str]]:
    """Texts printed as the first (last) line of several pages: a running header (footer).

    Only a line of one fragment counts ("Додаток 2", "Продовження додатка"):
    a table header repeated on every page names several columns.
    """
    heads: list[tuple[int, str]] = []
    feet: list[tuple[int, str]] = []
    for page, lines in enumerate(pages):
        nonblank = [ln for ln in lines if not ln.blank]
        if nonblank and len(nonblank[0].frags) == 1:
            heads.append((page, line_key(nonblank[0])))
        if len(nonblank) > 1 and len(nonblank[-1].frags) == 1:
            feet.append((page, line_key(nonblank[-1])))
    return repeated_on_pages(heads), repeated_on_pages(feet)


def opening_headings(
    lines: list[Line], a: int, b: int, cores: list[list[int]], *, cfg: FinderSettings
) -> str | None:
    """The text of group headings opening a page (lines ``a..b``) above rows with no header, or None.

    A table going on from the previous page may open the page with the
    heading of its next group printed flush with the page's left margin
    ("Ціль 3. Безпека дорожнього руху"), left of the table's first column
    where running text would start. Such lines are at most
    ``max_heading_lines`` lines of one fragment each, none wider than
    ``paragraph_width_ratio`` of the table, ending inside its width; blank
    lines may stand around them. Their text ("\n"-joined) is one
    full-width row of the table that goes on.
    """
    texts = []
    width = max(1, cores[-1][1] - cores[0][0])
    for k in range(a, b):
        ln = lines[k]
        if ln.blank:
            continue
        if (
            len(texts) >= cfg.max_heading_lines
            or len(ln.frags) != 1
            or ln.x1 - ln.x0 >= cfg.paragraph_width_ratio * width
            or ln.x1 > cores[-1][1] + 1
        ):
            return None
        texts.append(ln.frags[0].text)
    return "\n".join(texts) if texts else None


def orphan_header(
    lines: list[Line], regions: list[Region], end: int, content_top: int, *, cfg: FinderSettings
) -> tuple[list[Line], int, int] | None:
    """A table header closing a page with no body under it: (the page's lines, first line, end), or None.

    A table that starts near the foot of a page may print only its header
    (and a group heading) there, its rows on the next page. After the
    page's last table region, such lines are: at least one line of
    ``seed_min_fragments`` fragments, the non-blank lines above it (the
    header's first lines, perhaps a numbered title), no line of several
    fragments holding a number but years and column numbers (header
    text, not rows), and under it at most
    ``max_heading_lines`` lines of one fragment (group headings) up to the
    end of the page's text (``end``).
    """
    floor = regions[-1].bottom if regions else content_top
    seeds = [k for k in range(floor, end) if len(lines[k].frags) >= cfg.seed_min_fragments]
    if not seeds:
        return None
    last = seeds[-1]
    after = [k for k in range(last + 1, end) if not lines[k].blank]
    if len(after) > cfg.max_heading_lines or any(len(lines[k].frags) != 1 for k in after):
        return None
    top = last
    while top - 1 >= max(floor, last - cfg.max_header_lines) and not lines[top - 1].blank:
        top -= 1
    for k in range(top, last + 1):
        texts = [f.text for f in lines[k].frags]
        if len(texts) > 1 and has_data_digit(lines[k]) and not all(column_number(t) is not None for t in texts):
            return None  # a row of values, not header text (a numbered title line above may hold a number)
    return lines, top, end


def take_orphan_header(
    carry: tuple[list[Line], int, int],
    lines: list[Line],
    regions: list[Region],
    content_top: int,
    *,
    cfg: FinderSettings,
) -> tuple[list[Line], list[Region]]:
    """A page's lines and regions with the header the page before closed on (``orphan_header``) put on top.

    Taken when the page opens with rows of no header of their own (its
    first region starts at ``content_top`` with its body) and, with the
    header lines put above them, the first region reaches up into the
    header and its body starts below them: the header heads those rows.
    The lines move off the page before (blanked there).
    """
    prev, a, b = carry
    if not regions or not (regions[0].top == regions[0].body_top == content_top):
        return lines, regions
    moved = prev[a:b]
    joined = lines[:content_top] + moved + lines[content_top:]
    got = find_regions(joined, content_top, cfg=cfg)
    seed = next(k for k, ln in enumerate(moved) if len(ln.frags) >= cfg.seed_min_fragments)
    if not got or not (got[0].top <= content_top + seed and got[0].body_top > content_top + seed):
        return lines, regions
    for k in range(a, b):
        prev[k] = Line("", [])
    return joined, got


def find_tables(pages: list[list[Line]], *, cfg: FinderSettings = DEFAULT_FINDER_SETTINGS) -> list[Block] | None:
    """Paragraphs and tables of pages of grid lines (``words.text_lines``, ``words.grid_lines``), in reading order.

    Returns None when no table is found (the caller then reads the text
    another way). Pages are counted from 1. The lines are changed in place
    (page furniture is blanked out).
    """
    running_heads, running_feet = running_lines(pages)
    said: set[str] = set()  # running headers and footers already given (once, as a DOCX section has them)
    prepared = []
    para_lines: list[tuple[Line, Line | None]] = []
    carry: tuple[list[Line], int, int] | None = None  # a header closing the page before, with no body under it
    for lines in pages:
        head = foot = None
        nonblank = [i for i, ln in enumerate(lines) if not ln.blank]
        if nonblank and (is_page_number(lines[nonblank[0]]) or line_key(lines[nonblank[0]]) in running_heads):
            head = line_text(lines[nonblank[0]], cfg=cfg)
            if line_key(lines[nonblank[0]]) in running_heads:
                head = None if head in said else head
                said.add(line_text(lines[nonblank[0]], cfg=cfg))
            lines[nonblank[0]] = Line("", [])
            nonblank.pop(0)
        if len(nonblank) > 1 and (
            is_page_number(lines[nonblank[-1]]) or line_key(lines[nonblank[-1]]) in running_feet
        ):
            foot = line_text(lines[nonblank[-1]], cfg=cfg)
            if line_key(lines[nonblank[-1]]) in running_feet:
                foot = None if foot in said else foot
                said.add(line_text(lines[nonblank[-1]], cfg=cfg))
            lines[nonblank[-1]] = Line("", [])
            nonblank.pop()
        content_top = nonblank[0] if nonblank else 0
        regions = find_regions(lines, content_top, cfg=cfg)
        if carry is not None:
            lines, regions = take_orphan_header(carry, lines, regions, content_top, cfg=cfg)
        carry = orphan_header(lines, regions, nonblank[-1] + 1 if nonblank else 0, content_top, cfg=cfg)
        inside = [False] * len(lines)
        for r in regions:
            for k in range(r.top, r.bottom):
                inside[k] = True
        for k, ln in enumerate(lines):
            if not ln.blank and not inside[k]:
                nxt = lines[k + 1] if k + 1 < len(lines) and not inside[k + 1] and not lines[k + 1].blank else None
                para_lines.append((ln, nxt))
        prepared.append((lines, head, foot, content_top, regions))
    left, right = margins(para_lines)

    blocks: list[Block] = []
    open_table: tuple[Table, Part] | None = None  # a table that ran to the end of a page
    # group headings that closed the last page under an open table: (text, page, index in blocks)
    pending: tuple[str, int, int] | None = None
    n_tables = 0
    for pno, (lines, head, foot, content_top, regions) in enumerate(prepared, 1):
        if head is not None:
            blocks.append(Paragraph(head, page=pno, part="header"))
        cursor = 0
        last_cores: list[list[int]] | None = None  # columns of the region ending at ``cursor``
        for r in regions:
            part = build_part(lines, r, pno, cfg=cfg)
            joined = False
            opening = (
                opening_headings(lines, content_top, r.top, r.cores, cfg=cfg)
                if open_table is not None and cursor == 0 and r.top > content_top
                else None
            )
            if part is not None and open_table is not None and (r.top == content_top or opening is not None):
                table, first = open_table
                if part.depth == 0 and part.number_row is None or (
                    opening is None and repeats_header(part.signature, first.signature, cfg.header_match_ratio)
                ):
                    if pending is not None:
                        n = len(table.rows)
                        table.rows.append(Row([Cell(pending[0], n, 0, 1, table.n_cols)], n, pending[1]))
                        pending = None
                    if opening is not None:
                        n = len(table.rows)
                        table.rows.append(Row([Cell(opening, n, 0, 1, table.n_cols)], n, pno))
                        cursor = r.top
                    start = len(table.rows)
                    append_body(table, part, map_columns(part, first.centers, first.numbered))
                    rejoin_split_cells(table, start)
                    joined = True
            if pending is not None:
                blocks.insert(pending[2], Paragraph(pending[0], page=pending[1]))
                pending = None
            if part is None or (not joined and r.seeds < 2):
                continue  # its lines are read as paragraphs below
            blocks.extend(layout_paragraphs(lines[cursor : r.top], pno, left, right, cfg=cfg))
            if not joined:
                table = new_table(part, n_tables)
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
            and headings_only(lines, cursor, len(lines), last_cores, cfg=cfg)
        ):
            # a group heading closing the page: the table goes on under it on
            # the next page, or it is a paragraph after all
            pending = ("\n".join(line_text(ln, cfg=cfg) for ln in tail), pno, len(blocks))
        else:
            blocks.extend(layout_paragraphs(rest, pno, left, right, cfg=cfg))
            if tail:
                open_table = None
        if foot is not None:
            blocks.append(Paragraph(foot, page=pno, part="footer"))
    return blocks if n_tables else None
