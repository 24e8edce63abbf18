"""Page images: binarize, measure and undo the skew, find and erase ruling lines.

Pure functions over numpy arrays (grey levels 0–255, dark ink on white);
nothing here knows of Tesseract or PDF.

Colour
    A colour scan shows the print in black and stamps and signatures in blue
    or violet: coloured ink is turned to paper (``without_colour``) so that
    a stamp over a name or a number does not hide it.

Binarization
    Otsu's threshold over the grey-level histogram: ink is darker than it.

Skew
    A scanned page is turned by a fraction of a degree. ``skew_angle`` finds
    the angle at which the page's ink lines up best with the image rows: the
    ink pixels are projected onto the vertical axis after shearing by each
    candidate angle, and the angle whose row histogram is sharpest (largest
    sum of squares: text lines and rules pile up in few rows) wins. A coarse
    pass over ±``max_angle`` is refined around its best angle. Sample points,
    not the whole image, are projected, so it costs milliseconds.

Ruling lines
    A rule is a run of ink far longer than any stroke of a letter. Along each
    image row, runs of ink are found with the gaps a scan leaves in a thin
    line (up to ``gap`` pixels) bridged, after each row is OR-ed with its
    neighbours within ``reach`` pixels so that a line left a pixel off
    horizontal by the deskew stays one run. Runs of at least ``min_length``
    pixels are stroke pieces of a rule; pieces in adjacent rows that overlap
    make one rule, reported as one segment at its middle row. A rule is also
    thin: the bands of pixels just above and below it hold little ink (at
    most ``max_side_ink`` of their pixels; the letters of a bold word whose
    serifs touch make a long run too, but the rest of the letters stands
    right above or below it). Vertical rules are the same pass over the
    transposed image. This is the morphological opening with a long
    line-shaped element that OpenCV would do, written as run-lengths in numpy.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np


#: rows of a page image processed at a time where a step needs wide integers (keeps memory flat)
BAND_ROWS = 256


@dataclass(frozen=True)
class Segment:
    """A ruling line in image pixels: horizontal (``y0 == y1``) or vertical (``x0 == x1``)."""

    x0: float
    y0: float
    x1: float
    y1: float
    #: stroke thickness in pixels
    width: float

    @property
    def horizontal(self) -> bool:
        return self.y0 == self.y1


def without_colour(rgb: np.ndarray, min_chroma: int, min_saturation: float, min_blue: int,
                   fringe: int = 2, print_level: int = 110) -> np.ndarray:
    """The grey page of an RGB scan with coloured ink (a blue stamp or signature) turned to paper.

    Print is black or grey: its red, green and blue levels are close. A
    pixel is coloured ink when its levels spread by ``min_chroma`` or more
    and by at least ``min_saturation`` of its darkness (255 minus its grey
    level): a thin blue stroke that a scan's blur and JPEG have paled still
    has a tint out of proportion to how dark it is, a black letter's edge
    has none; and a pixel whose blue exceeds its red and green by
    ``min_blue`` is stamp ink too (the blue and violet of stamps and pens,
    however paled). Coloured pixels become white, and so does the paler rim a
    scan leaves around a coloured stroke (within ``fringe`` pixels, lighter
    than ``print_level``); where a stamp lies over a letter, the letter's
    black stays black. Worked out a band of rows at a time.
    """
    height = rgb.shape[0]
    gray = np.empty(rgb.shape[:2], dtype=np.uint8)
    coloured = np.empty(rgb.shape[:2], dtype=bool)
    for top in range(0, height, BAND_ROWS):
        band = rgb[top:top + BAND_ROWS].astype(np.int32)
        chroma = band.max(axis=2) - band.min(axis=2)
        level = (299 * band[..., 0] + 587 * band[..., 1] + 114 * band[..., 2]) // 1000
        gray[top:top + BAND_ROWS] = level
        blue = band[..., 2] - np.maximum(band[..., 0], band[..., 1])
        coloured[top:top + BAND_ROWS] = ((chroma >= min_chroma) & (chroma >= min_saturation * (255 - level))) | (
            blue >= min_blue)
    if coloured.any():
        near = _spread(_spread(coloured, fringe).T, fringe).T
        gray[coloured | (near & (gray > print_level))] = 255
    return gray


def histogram(gray: np.ndarray) -> np.ndarray:
    """How many pixels have each grey level 0–255 (counted a band of rows at a time)."""
    hist = np.zeros(256, dtype=np.int64)
    for top in range(0, gray.shape[0], BAND_ROWS):
        hist += np.bincount(gray[top:top + BAND_ROWS].ravel(), minlength=256)
    return hist


def otsu_threshold(gray: np.ndarray, hist: np.ndarray | None = None) -> int:
    """The grey level that best separates ink from paper (Otsu's method)."""
    hist = (histogram(gray) if hist is None else hist).astype(np.float64)
    total = hist.sum()
    if total == 0:
        return 128
    levels = np.arange(256, dtype=np.float64)
    weight_dark = np.cumsum(hist)
    weight_light = total - weight_dark
    mass_dark = np.cumsum(hist * levels)
    mean_dark = np.divide(mass_dark, weight_dark, out=np.zeros(256), where=weight_dark > 0)
    mean_light = np.divide(mass_dark[-1] - mass_dark, weight_light, out=np.zeros(256), where=weight_light > 0)
    between = weight_dark * weight_light * (mean_dark - mean_light) ** 2
    return int(np.argmax(between))


def ink(gray: np.ndarray) -> np.ndarray:
    """A boolean ink mask: pixels darker than Otsu's threshold (never on a blank page)."""
    hist = histogram(gray).astype(np.float64)
    threshold = otsu_threshold(gray, hist)
    levels = np.arange(256, dtype=np.float64)
    mean = float(np.dot(hist, levels) / max(hist.sum(), 1))
    spread = float(np.sqrt(np.dot(hist, (levels - mean) ** 2) / max(hist.sum(), 1)))
    if gray.min() > threshold - 32 and spread < 8:  # a blank page: no ink at all
        return np.zeros(gray.shape, dtype=bool)
    return gray <= threshold


def _projection_score(ys: np.ndarray, xs: np.ndarray, angle: float, height: int) -> float:
    shifted = np.round(ys - xs * np.tan(np.radians(angle))).astype(np.int64)
    shifted -= shifted.min()
    counts = np.bincount(shifted, minlength=1).astype(np.float64)
    return float(np.dot(counts, counts))


def skew_angle(mask: np.ndarray, max_angle: float = 3.0, step: float = 0.1, fine_step: float = 0.01,
               max_points: int = 200_000, seed: int = 0) -> float:
    """The angle (degrees, counter-clockwise positive as Pillow turns) by which the ink is turned.

    Turning the image by the negative of the answer makes its text lines
    horizontal. A page with (next to) no ink gives 0.
    """
    ys, xs = np.nonzero(mask)
    if len(ys) < 100:
        return 0.0
    if len(ys) > max_points:
        pick = np.random.default_rng(seed).choice(len(ys), max_points, replace=False)
        ys, xs = ys[pick], xs[pick]
    ys = ys.astype(np.float64)
    xs = xs.astype(np.float64) - mask.shape[1] / 2

    def best(angles: np.ndarray) -> float:
        scores = [_projection_score(ys, xs, a, mask.shape[0]) for a in angles]
        return float(angles[int(np.argmax(scores))])

    coarse = best(np.arange(-max_angle, max_angle + step / 2, step))
    fine = best(np.arange(coarse - step, coarse + step + fine_step / 2, fine_step))
    # image y grows downwards: ink sheared by +a in image rows is turned by -a counter-clockwise
    return -fine


def _runs(mask: np.ndarray, gap: int, min_length: int) -> list[tuple[int, int, int]]:
    """(row, start, end) of every run of True along the rows, gaps up to ``gap`` bridged, at least ``min_length`` long."""
    rows, width = mask.shape
    padded = np.zeros((rows, width + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    diff = np.diff(padded, axis=1)
    r_start, c_start = np.nonzero(diff == 1)
    r_end, c_end = np.nonzero(diff == -1)
    # np.nonzero runs row by row, left to right: starts and ends pair up in order
    if len(r_start) == 0:
        return []
    # bridge small gaps: a run whose start is within ``gap`` of the previous run's end on the same row joins it
    joins = (r_start[1:] == r_end[:-1]) & (c_start[1:] - c_end[:-1] <= gap)
    keep_start = np.concatenate(([True], ~joins))
    keep_end = np.concatenate((~joins, [True]))
    rs, cs = r_start[keep_start], c_start[keep_start]
    ce = c_end[keep_end]
    long = (ce - cs) >= min_length
    return list(zip(rs[long].tolist(), cs[long].tolist(), ce[long].tolist()))


def _spread(mask: np.ndarray, reach: int) -> np.ndarray:
    """Each row OR-ed with the rows within ``reach`` above and below it."""
    out = mask.copy()
    for d in range(1, reach + 1):
        out[d:] |= mask[:-d]
        out[:-d] |= mask[d:]
    return out


def _merge_runs(runs: list[tuple[int, int, int]], reach: int) -> list[tuple[Segment, list[tuple[int, int, int]]]]:
    """Runs in adjacent rows that overlap → one horizontal segment each (at the rows' middle), with its runs."""
    groups: list[list] = []  # [first row, last row, start, end, runs]
    open_groups: list[list] = []
    for row, start, end in sorted(runs):
        still_open = []
        placed = False
        for g in open_groups:
            if row - g[1] > reach + 1:
                continue
            still_open.append(g)
            if not placed and start < g[3] and end > g[2]:
                g[1], g[2], g[3] = row, min(g[2], start), max(g[3], end)
                g[4].append((row, start, end))
                placed = True
        if not placed:
            g = [row, row, start, end, [(row, start, end)]]
            groups.append(g)
            still_open.append(g)
        open_groups = still_open
    out = []
    for first, last, start, end, members in groups:
        # the spread made every row of a line ``reach`` rows thicker on each side
        thickness = max(1, last - first + 1 - 2 * reach)
        middle = (first + last) / 2
        out.append((Segment(float(start), middle, float(end), middle, float(thickness)), members))
    return out


def _thin(mask: np.ndarray, segment: Segment, reach: int, max_side_ink: float) -> bool:
    """Whether the bands just above and below a horizontal segment hold little ink (a rule, not letters)."""
    half = int(segment.width / 2 + reach)
    y, x0, x1 = int(segment.y0), int(segment.x0), int(segment.x1)
    above = mask[max(0, y - half - 4):max(0, y - half - 1), x0:x1]
    below = mask[y + half + 2:y + half + 5, x0:x1]
    return all(band.size == 0 or band.mean() <= max_side_ink for band in (above, below))


def _rules_along_rows(mask: np.ndarray, min_length: int, gap: int, reach: int,
                      max_side_ink: float) -> list[tuple[Segment, list[tuple[int, int, int]]]]:
    """The horizontal rules of a mask, each with the runs it is made of."""
    return [
        (segment, members)
        for segment, members in _merge_runs(_runs(_spread(mask, reach), gap, min_length), reach)
        if _thin(mask, segment, reach, max_side_ink)
    ]


@dataclass
class Rules:
    """The ruling lines of a page image: segments, and the mask of the pixels they cover (with a pixel of margin)."""

    segments: list[Segment]
    mask: np.ndarray


def _run_mask(shape: tuple[int, int], runs: list[tuple[int, int, int]]) -> np.ndarray:
    out = np.zeros(shape, dtype=bool)
    for row, start, end in runs:
        out[row, start:end] = True
    return out


def _trim(segment: Segment, horizontal: list[Segment], min_length: int, slack: float) -> Segment | None:
    """A vertical segment with short loose ends cut off at the rule they hang from, or None.

    A vertical rule ends at a horizontal rule. A piece of it that runs on
    past its last crossing by less than ``min_length`` is not a rule but
    letter strokes touching it (the stem of an "ф" in the heading row above
    a column line): it is cut off. What is left must be ``min_length`` long
    or run from one horizontal rule to another (a cell border in a low row).
    """
    crossings = sorted(
        h.y0 for h in horizontal
        if h.x0 - slack <= segment.x0 <= h.x1 + slack and segment.y0 - slack <= h.y0 <= segment.y1 + slack
    )
    y0, y1 = segment.y0, segment.y1
    if crossings:
        if slack < crossings[0] - y0 < min_length:
            y0 = crossings[0]
        if slack < y1 - crossings[-1] < min_length:
            y1 = crossings[-1]
    anchored = bool(crossings) and abs(crossings[0] - y0) <= slack and abs(y1 - crossings[-1]) <= slack
    if y1 - y0 < min_length and not (anchored and len(crossings) >= 2):
        return None
    return replace(segment, y0=y0, y1=y1)


def find_rules(mask: np.ndarray, min_length_h: int, min_length_v: int, min_length_anchored: int | None = None,
               gap: int = 3, reach: int = 1, max_side_ink: float = 0.2) -> Rules:
    """Horizontal and vertical ruling lines of an ink mask (see the module docstring).

    A vertical run shorter than ``min_length_v`` but at least
    ``min_length_anchored`` long is a rule only when it runs from one
    horizontal rule to another (a border between two cells of a low table
    row); a letter's stem never does. Loose ends of vertical rules are cut
    (``_trim``).
    """
    shortest = min(min_length_v, min_length_anchored or min_length_v)
    found_h = _rules_along_rows(mask, min_length_h, gap, reach, max_side_ink)
    horizontal = [segment for segment, _ in found_h]
    slack = max(3.0, shortest / 4)
    vertical: list[Segment] = []
    v_runs: list[tuple[int, int, int]] = []
    for s, members in _rules_along_rows(mask.T, shortest, gap, reach, max_side_ink):
        trimmed = _trim(Segment(s.y0, s.x0, s.y1, s.x1, s.width), horizontal, min_length_v, slack)
        if trimmed is None:
            continue
        vertical.append(trimmed)
        lo, hi = int(trimmed.y0) - reach - 1, int(trimmed.y1) + reach + 2
        v_runs.extend((row, max(start, lo), min(end, hi)) for row, start, end in members if start < hi and end > lo)
    h_runs = [run for _, members in found_h for run in members]
    # the band the runs were found in (each rule ``reach`` pixels wider on each side) and its blurred edge
    covered = _spread(_run_mask(mask.shape, h_runs), 1) | _spread(_run_mask(mask.T.shape, v_runs), 1).T
    return Rules(horizontal + vertical, covered)


def clean(gray: np.ndarray, text_ink: np.ndarray) -> np.ndarray:
    """The image as Tesseract should see it: only the text's ink, on white paper.

    ``text_ink`` is the ink mask without rules and dust. Ink keeps its grey
    levels (the soft edges of letters help recognition). Grain on the paper
    is what makes Tesseract slow: on a page of noise it analyses thousands
    of specks.
    """
    return np.where(text_ink, gray, np.uint8(255)).astype(np.uint8)


def ink_box(mask: np.ndarray, min_pixels: int = 2) -> tuple[int, int, int, int] | None:
    """(x0, top, x1, bottom) of the rows and columns holding at least ``min_pixels`` ink pixels; None if none."""
    rows = np.nonzero(mask.sum(axis=1) >= min_pixels)[0]
    cols = np.nonzero(mask.sum(axis=0) >= min_pixels)[0]
    if len(rows) == 0 or len(cols) == 0:
        return None
    return int(cols[0]), int(rows[0]), int(cols[-1]) + 1, int(rows[-1]) + 1


def is_dash(mask: np.ndarray, dpi: int) -> bool:
    """Whether the ink of a cell is one short horizontal bar: a printed dash ("–", "-", "—") and nothing else.

    The bar is 0.8–8 mm long, at most 0.7 mm thick, and fills most of its
    box (scattered specks of a noisy scan fill little of theirs).
    """
    box = ink_box(mask)
    if box is None:
        return False
    x0, top, x1, bottom = box
    mm = dpi / 25.4
    width, height = x1 - x0, bottom - top
    if not (0.8 * mm <= width <= 8 * mm and height <= 0.7 * mm):
        return False
    fill = mask[top:bottom, x0:x1].sum() / (width * height)
    outside = mask.sum() - mask[top:bottom, x0:x1].sum()
    return fill >= 0.5 and outside <= 0.1 * mask[top:bottom, x0:x1].sum()


def _box_counts(mask: np.ndarray, half: int) -> np.ndarray:
    """For every pixel, how many pixels of the mask lie in the square of side 2·half+1 around it.

    Summed along the rows, then along the columns, a band of rows at a time.
    """
    h, w = mask.shape
    size = 2 * half + 1
    # along each row: the count in the window [x - half, x + half]
    padded = np.zeros((h, w + size), dtype=np.int32)
    np.cumsum(mask, axis=1, dtype=np.int32, out=padded[:, half + 1:half + 1 + w])
    padded[:, half + 1 + w:] = padded[:, half + w:half + w + 1]
    across = (padded[:, size:size + w] - padded[:, 0:w]).astype(np.uint16)
    del padded
    out = np.empty((h, w), dtype=np.uint16)
    for top in range(0, h, BAND_ROWS):
        lo, hi = max(0, top - half), min(h, top + BAND_ROWS + half)
        running = np.zeros((hi - lo + 1, w), dtype=np.int32)
        np.cumsum(across[lo:hi], axis=0, dtype=np.int32, out=running[1:])
        rows = np.arange(top, min(h, top + BAND_ROWS))
        upper = np.minimum(rows + half + 1, hi) - lo
        lower = np.maximum(rows - half, lo) - lo
        out[top:top + len(rows)] = running[upper] - running[lower]
    return out


def despeckle(mask: np.ndarray, max_pixels: int, size: int, reach: int, lead: int = 0) -> np.ndarray:
    """The ink mask without dust: small round marks with no other ink near them.

    A pixel is dust when the square of ``reach`` pixels around it holds at
    most ``max_pixels`` ink pixels, all of them within the square of
    ``size`` pixels around it: a speck alone on the paper. A dash is longer
    than ``size`` and stays; so does the dot over an "і", which stands next
    to its letter. A period stands on its line after its character, in some
    fonts further from it than ``reach`` ("1." of an item number): a speck
    with other ink within ``lead`` pixels to its left in its own rows stays.
    """
    if not mask.any():
        return mask
    near = _box_counts(mask, reach)
    alone = mask & (near <= max_pixels)
    if not alone.any():
        return mask
    dust = alone & (near == _box_counts(mask, size))
    if lead > 0 and dust.any():
        dust &= ~_ink_to_the_left(mask & ~dust, lead)
    return mask & ~dust


def _ink_to_the_left(mask: np.ndarray, lead: int) -> np.ndarray:
    """For every pixel, whether the mask holds ink among the ``lead`` pixels left of it in its row."""
    h, w = mask.shape
    padded = np.zeros((h, w + 1), dtype=np.int32)
    np.cumsum(mask, axis=1, dtype=np.int32, out=padded[:, 1:])
    start = np.maximum(np.arange(w) - lead, 0)
    return (padded[:, np.arange(w)] - padded[:, start]) > 0
