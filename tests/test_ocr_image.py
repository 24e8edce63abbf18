"""Page-image steps of OCR (extractor.readers.ocr.image) on images drawn in the tests: no Tesseract needed."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from extractor.readers.ocr.image import (
    clean,
    despeckle,
    find_rules,
    ink,
    is_dash,
    otsu_threshold,
    skew_angle,
    without_colour,
)

DPI = 300
MM = DPI / 25.4


def page(width: int = 1600, height: int = 1000) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("L", (width, height), 245)
    return image, ImageDraw.Draw(image)


def text_bars(draw: ImageDraw.ImageDraw, top: int, lines: int, left: int = 100, right: int = 1500) -> None:
    """Rows of short dark blobs standing for words of text."""
    for k in range(lines):
        y = top + k * 50
        x = left
        while x < right:
            draw.rectangle((x, y, x + 60, y + 22), fill=30)
            x += 85


def grid(draw: ImageDraw.ImageDraw, xs: list[int], ys: list[int], width: int = 3) -> None:
    for x in xs:
        draw.line((x, ys[0], x, ys[-1]), fill=20, width=width)
    for y in ys:
        draw.line((xs[0], y, xs[-1], y), fill=20, width=width)


def test_otsu_threshold_lies_between_ink_and_paper():
    gray = np.full((100, 100), 240, dtype=np.uint8)
    gray[40:60, 10:90] = 25
    t = otsu_threshold(gray)
    assert 25 <= t < 240
    assert ink(gray).sum() == 20 * 80


def test_blank_page_has_no_ink():
    gray = np.random.default_rng(0).normal(240, 3, (200, 200)).clip(0, 255).astype(np.uint8)
    assert not ink(gray).any()


@pytest.mark.parametrize("angle", [0.0, 0.35, -0.6, 1.2])
def test_skew_angle_finds_how_far_the_page_is_turned(angle):
    image, draw = page()
    text_bars(draw, 150, 12)
    turned = image.rotate(angle, resample=Image.BILINEAR, fillcolor=245)
    found = skew_angle(ink(np.asarray(turned)))
    assert abs(found - angle) <= 0.05


def test_grid_lines_are_found_with_their_positions():
    image, draw = page()
    xs, ys = [100, 400, 900, 1500], [100, 300, 500, 700]
    grid(draw, xs, ys)
    rules = find_rules(ink(np.asarray(image)), round(6 * MM), round(5 * MM), round(2.5 * MM))
    horizontal = sorted(round(s.y0) for s in rules.segments if s.horizontal)
    vertical = sorted(round(s.x0) for s in rules.segments if not s.horizontal)
    assert horizontal == ys and vertical == xs
    assert rules.mask[300, 200] and not rules.mask[200, 200]


def test_rule_broken_by_a_scan_stays_one_rule():
    image, draw = page()
    draw.line((100, 400, 1500, 400), fill=20, width=2)
    for x in range(150, 1500, 97):  # gaps of two pixels, as a faint thin line gets
        draw.line((x, 399, x + 1, 401), fill=245)
    rules = find_rules(ink(np.asarray(image)), round(6 * MM), round(5 * MM))
    found = [s for s in rules.segments if s.horizontal]
    assert len(found) == 1 and abs(found[0].x0 - 100) <= 1 and abs(found[0].x1 - 1500) <= 1


def test_bold_word_with_touching_serifs_is_not_a_rule():
    image, draw = page()
    # a long run of ink along the letters' foot, with the letters' bodies standing on it
    draw.rectangle((200, 500, 900, 503), fill=20)
    for x in range(200, 900, 18):
        draw.rectangle((x, 470, x + 9, 500), fill=20)
    rules = find_rules(ink(np.asarray(image)), round(6 * MM), round(5 * MM))
    assert not [s for s in rules.segments if s.horizontal]


def test_low_row_cell_border_between_two_rules_is_kept():
    """A vertical border 3.5 mm high (a one-line row) is shorter than a free-standing rule must be."""
    image, draw = page()
    grid(draw, [100, 1500], [300, 341])
    draw.line((700, 300, 700, 341), fill=20, width=3)
    rules = find_rules(ink(np.asarray(image)), round(6 * MM), round(5 * MM), round(2.5 * MM))
    assert 700 in [round(s.x0) for s in rules.segments if not s.horizontal]


def test_letter_stem_standing_on_a_column_line_is_cut_off_it():
    """The stem of an "ф" in a heading row over a column line: the column line ends at the rule above it."""
    image, draw = page()
    grid(draw, [100, 1500], [200, 260, 600])
    draw.line((800, 260, 800, 600), fill=20, width=3)  # a column line from the heading row's rule down
    draw.line((800, 215, 800, 262), fill=20, width=4)  # a letter's stem touching it from the heading row
    draw.ellipse((785, 228, 815, 248), outline=20, width=3)
    rules = find_rules(ink(np.asarray(image)), round(6 * MM), round(5 * MM), round(2.5 * MM))
    column = [s for s in rules.segments if not s.horizontal and round(s.x0) == 800]
    assert len(column) == 1 and column[0].y0 >= 255


def test_dash_is_told_by_its_shape():
    cell = np.zeros((60, 200), dtype=bool)
    cell[30:33, 85:112] = True
    assert is_dash(cell, DPI)
    digit = np.zeros((60, 200), dtype=bool)
    digit[15:45, 95:99] = True  # a "1"
    assert not is_dash(digit, DPI)
    both = cell | digit
    assert not is_dash(both, DPI)
    assert not is_dash(np.zeros((60, 200), dtype=bool), DPI)


def test_cell_holding_only_a_speck_is_empty_and_one_holding_a_digit_or_a_dash_is_not():
    from extractor.readers.ocr.page import _only_dust
    from extractor.readers.ocr.settings import OcrSettings

    settings = OcrSettings(dpi=DPI)
    cell = np.zeros((60, 200), dtype=bool)
    cell[20:25, 40:45] = True  # a speck of 5 pixels a side (0.4 mm at 300 dpi)
    assert _only_dust(cell, settings)
    digit = cell.copy()
    digit[15:45, 95:99] = True  # a "1" beside it
    assert not _only_dust(digit, settings)
    dash = np.zeros((60, 200), dtype=bool)
    dash[30:33, 85:112] = True
    assert not _only_dust(dash, settings)


def test_dust_goes_and_periods_dashes_and_dots_stay():
    mask = np.zeros((200, 400), dtype=bool)
    mask[50:52, 300:302] = True  # a speck alone on the paper
    mask[100:130, 100:104] = True  # a "1"
    mask[127:131, 107:111] = True  # its period
    mask[160:163, 200:230] = True  # a dash alone in its cell
    out = despeckle(mask, int(0.25 * MM * MM), round(0.35 * MM), round(0.8 * MM))
    assert not out[50:52, 300:302].any()
    assert out[127:131, 107:111].all() and out[160:163, 200:230].all() and out[100:130, 100:104].all()


def test_period_set_further_from_its_number_than_the_clearance_stays_and_dust_beside_nothing_goes():
    """'1.' of an item number in a wide serif face: the period stands about 0.9 mm right of the '1'."""
    mask = np.zeros((200, 400), dtype=bool)
    mask[100:130, 100:104] = True  # a "1"
    mask[126:130, 115:119] = True  # its period, 11 pixels (0.93 mm at 300 dpi) right of it
    mask[60:64, 115:119] = True  # a speck of the same size above the line, nothing to its left
    args = (int(0.25 * MM * MM), round(0.35 * MM), round(0.8 * MM))
    assert not despeckle(mask, *args)[126:130, 115:119].any()  # without the period rule it went as dust
    out = despeckle(mask, *args, lead=round(1.5 * MM))
    assert out[126:130, 115:119].all()
    assert not out[60:64, 115:119].any()


def test_coloured_stamp_turns_to_paper_and_print_under_it_stays():
    rgb = np.full((100, 100, 3), 245, dtype=np.uint8)
    rgb[20:80, 40:44] = (20, 20, 20)  # a black stroke of print
    rgb[48:52, 10:90] = (60, 60, 180)  # a blue stroke of a stamp across it
    rgb[48:52, 40:44] = (6, 5, 14)  # where both lie (stamp ink darkens the black print), the print stays
    rgb[70:72, 10:30] = (175, 170, 205)  # a thin stroke of the stamp, paled by blur and JPEG
    rgb[75:77, 10:30] = (200, 200, 204)  # the soft edge of a black letter
    rgb[85:87, 10:30] = (104, 101, 124)  # a thin dark stroke of the stamp, its blue nearly gone
    gray = without_colour(rgb, 12, 0.25, 18)
    assert gray[85:87, 10:30].min() == 255
    assert gray[70:72, 10:30].min() == 255 and gray[75:77, 10:30].max() < 255
    assert gray[48:52, 10:30].min() == 255
    assert gray[30, 41] < 60 and gray[50, 41] < 60


def test_clean_keeps_only_the_text_ink():
    gray = np.full((50, 50), 200, dtype=np.uint8)
    gray[10:20, 10:20] = 30
    text = np.zeros((50, 50), dtype=bool)
    text[10:20, 10:20] = True
    out = clean(gray, text)
    assert out[15, 15] == 30 and out[40, 40] == 255


def test_grey_levels_of_a_colour_scan_are_its_luminance():
    """Dark print stays dark and paper stays light across the whole range (no integer overflow)."""
    rgb = np.zeros((2, 3, 3), dtype=np.uint8)
    rgb[0] = [(250, 250, 250), (128, 128, 128), (10, 10, 10)]
    rgb[1] = [(255, 255, 255), (200, 200, 200), (0, 0, 0)]
    gray = without_colour(rgb, 12, 0.25, 18)
    assert gray.tolist() == [[250, 128, 10], [255, 200, 0]]
