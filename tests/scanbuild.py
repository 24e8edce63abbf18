"""Scanned PDFs made from born-digital ones, the way an office scanner makes them.

``scan_pdf`` renders each page of a PDF with PDFium, then degrades the image
as a scan of the printed page would be: turned by a fraction of a degree,
blurred, sprinkled with noise, JPEG-compressed (or cut to black and white, as
a fax-like office scan is, and stored with CCITT G4), optionally stamped over
the signature, and wraps the images as an image-only PDF (Pillow writes it;
one image per page, no text layer).
Everything is seeded, so the same arguments give the same bytes.

``python tests/scanbuild.py IN.pdf OUT.pdf`` writes a black-and-white scan
with a stamp (the scanned sample in ``samples/`` was made so).
"""

from __future__ import annotations

import io
import math
import random
import sys
from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageDraw, ImageFilter


@dataclass(frozen=True)
class ScanLook:
    """How a page is degraded (defaults: an ordinary office scan)."""

    dpi: int = 300
    #: each page is turned by an angle drawn from ±max_angle degrees
    max_angle: float = 0.6
    blur: float = 0.7  # Gaussian radius in pixels
    noise: float = 12.0  # standard deviation of the grey-level noise
    jpeg_quality: int = 70
    #: a round stamp drawn over the signature: across the last text line of the last page, right of centre
    stamp: bool = False
    #: black and white (a fax-like scan: the grey page cut at ``threshold``, stored with CCITT G4)
    #: instead of grey JPEG
    bilevel: bool = False
    threshold: int = 150
    #: a colour scan: the print black, the stamp and signature blue (instead of all grey)
    colour: bool = False
    #: dark specks of dust per page
    specks: int = 0
    seed: int = 1


#: how the scanned sample in samples/ looks: black and white, 300 dpi, turned, specks, a stamp
SAMPLE_LOOK = ScanLook(noise=8.0, blur=0.7, stamp=True, bilevel=True, specks=200)


def scanned_page(page: pdfium.PdfPage, look: ScanLook, rng: random.Random) -> Image.Image:
    """One page rendered and degraded as a scanner would (turned, blurred, noisy; grey, or RGB for ``colour``)."""
    image = page.render(scale=look.dpi / 72, grayscale=not look.colour).to_pil()
    return degraded(image.convert("RGB" if look.colour else "L"), look, rng)


def degraded(image: Image.Image, look: ScanLook, rng: random.Random) -> Image.Image:
    """A clean page image (at ``look.dpi``) as the scanner sees it: turned, blurred, noisy."""
    angle = rng.uniform(-look.max_angle, look.max_angle)
    image = image.rotate(angle, resample=Image.BICUBIC, fillcolor=(255, 255, 255) if look.colour else 255)
    if look.blur:
        image = image.filter(ImageFilter.GaussianBlur(look.blur))
    if look.noise:
        pixels = np.asarray(image, dtype=np.float32)
        noise = np.random.default_rng(rng.randrange(2**32)).normal(0.0, look.noise, pixels.shape)
        image = Image.fromarray(np.clip(pixels + noise, 0, 255).astype(np.uint8), image.mode)
    return image


def draw_stamp(image: Image.Image, centre: tuple[int, int], radius: int, rng: random.Random) -> Image.Image:
    """A round stamp (two rings, strokes standing for its lettering, a star) and a handwritten signature over it.

    Grey on a grey page; on a colour page the stamp is violet-blue and the signature blue, as they are on paper.
    Stamp ink is translucent: it darkens what lies under it (the print stays black), so it is multiplied in.
    """
    layer = Image.new(image.mode, image.size, (255, 255, 255) if image.mode == "RGB" else 255)
    draw = ImageDraw.Draw(layer)
    colour = image.mode == "RGB"
    ring, mark, pen = ((70, 60, 170), (90, 80, 190), (20, 40, 150)) if colour else (90, 110, 40)
    x, y = centre
    for r, width in ((radius, max(2, radius // 40)), (int(radius * 0.72), max(1, radius // 80))):
        draw.ellipse((x - r, y - r, x + r, y + r), outline=ring, width=width)
    # the lettering between the rings: short strokes all round, like letters seen from afar
    for k in range(72):
        a = 2 * math.pi * k / 72
        r0, r1 = radius * 0.78, radius * 0.93
        draw.line((x + r0 * math.cos(a), y + r0 * math.sin(a), x + r1 * math.cos(a), y + r1 * math.sin(a)),
                  fill=mark, width=max(1, radius // 60))
    draw.regular_polygon((x, y, int(radius * 0.25)), 5, fill=mark)
    # the signature: a loose scribble across the stamp's left half
    points = []
    for k in range(40):
        t = k / 39
        points.append((x - radius * 1.2 + t * radius * 1.6 + rng.uniform(-8, 8),
                       y + radius * 0.25 * math.sin(t * 9) + rng.uniform(-6, 6)))
    draw.line(points, fill=pen, width=max(2, radius // 50))
    return ImageChops.multiply(image, layer)


def add_specks(image: Image.Image, count: int, rng: random.Random) -> Image.Image:
    """Dust on the scanner glass: ``count`` dark dots of one to three pixels."""
    specked = image.copy()
    draw = ImageDraw.Draw(specked)
    w, h = image.size
    for _ in range(count):
        px, py, r = rng.randrange(w), rng.randrange(h), rng.choice((0, 0, 1, 1, 2))
        draw.ellipse((px - r, py - r, px + r, py + r), fill=(30, 30, 30) if image.mode == "RGB" else 30)
    return specked


def signature_point(page: pdfium.PdfPage) -> tuple[float, float]:
    """Where a stamp goes (points from the top left): on the page's last text line, over the signature's place."""
    width, height = page.get_size()
    text = page.get_textpage()
    lowest = None
    for i in range(text.count_chars()):
        box = text.get_charbox(i)
        if box[3] > box[1] and (lowest is None or box[1] < lowest):
            lowest = box[1]
    text.close()
    bottom = height - (lowest if lowest is not None else height * 0.1)
    return width * 0.8, bottom - 6


def jpeg(image: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    image.save(buf, format="JPEG", quality=quality)
    buf.seek(0)
    return Image.open(buf)


def scan_pdf(data: bytes, look: ScanLook = ScanLook(), pages: list[int] | None = None) -> bytes:
    """An image-only PDF of the given PDF's pages (all, or the 0-based ``pages``), scanned as ``look`` says."""
    rng = random.Random(look.seed)
    doc = pdfium.PdfDocument(data)
    try:
        indexes = list(range(len(doc))) if pages is None else pages
        images = []
        for n, i in enumerate(indexes):
            image = scanned_page(doc[i], look, rng)
            if look.stamp and n == len(indexes) - 1:
                x, y = signature_point(doc[i])
                scale = look.dpi / 72
                image = draw_stamp(image, (int(x * scale), int(y * scale)), int(look.dpi * 0.7), rng)
            if look.specks:
                image = add_specks(image, look.specks, rng)
            if look.bilevel:
                images.append(image.point(lambda v: 255 if v > look.threshold else 0, mode="1"))
            else:
                images.append(jpeg(image, look.jpeg_quality))
    finally:
        doc.close()
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=float(look.dpi))
    return out.getvalue()


#: the font printed tables are drawn in (Debian: fonts-dejavu-core)
FONT_FILE = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
A4_MM = (210.0, 297.0)


def printed_table(rows: list[list[str]], widths_mm: list[float], *, title: str = "", dpi: int = 300,
                  font_pt: float = 11.0, smudged: frozenset[tuple[int, int]] = frozenset()) -> Image.Image:
    """A clean A4 page (grey, at ``dpi``) printing a title and a ruled table, as an office printer prints it.

    ``rows`` hold each cell's text ("\n" breaks a line); an empty string is
    an empty cell. Columns are ``widths_mm`` wide; numbers are set flush
    right, text flush left. For tests that need a table with given values
    on paper (a percent that disagrees with its amounts, a smudged digit).
    A cell (row, column) in ``smudged`` has an ink blot over its first
    character, as a drop of ink or a fold leaves one.
    """
    from PIL import ImageFont

    px = dpi / 25.4
    image = Image.new("L", (round(A4_MM[0] * px), round(A4_MM[1] * px)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT_FILE, round(font_pt * dpi / 72))
    line_h = round(font_pt * 1.35 * dpi / 72)
    pad = round(1.5 * px)
    x, y = round(20 * px), round(25 * px)
    if title:
        draw.text((x, y), title, font=font, fill=0)
        y += 2 * line_h
    xs = [x]
    for w in widths_mm:
        xs.append(xs[-1] + round(w * px))
    rule = max(2, round(0.25 * px))
    for r, row in enumerate(rows):
        height = max(len(text.split("\n")) for text in row) * line_h + 2 * pad
        draw.line((xs[0], y, xs[-1], y), fill=0, width=rule)
        for k, text in enumerate(row):
            for n, line in enumerate(text.split("\n")):
                numeric = bool(line) and all(ch in "0123456789 ,.%-\u2013" for ch in line)
                left = xs[k + 1] - pad - draw.textlength(line, font=font) if numeric else xs[k] + pad
                draw.text((left, y + pad + n * line_h), line, font=font, fill=0)
                if (r, k) in smudged and n == 0 and line:
                    x0, t0, x1, b0 = draw.textbbox((left, y + pad), line[0], font=font)
                    draw.ellipse((x0 - 2, t0 - 3, x1 + 2, b0 + 3), fill=40)
        y += height
    draw.line((xs[0], y, xs[-1], y), fill=0, width=rule)
    top = round(25 * px) + (2 * line_h if title else 0)
    for cx in xs:
        draw.line((cx, top, cx, y), fill=0, width=rule)
    return image


def scan_images(images: list[Image.Image], look: ScanLook = ScanLook()) -> bytes:
    """An image-only PDF of clean page images (at ``look.dpi``), each degraded as ``look`` says (no stamp)."""
    rng = random.Random(look.seed)
    pages = []
    for image in images:
        image = degraded(image.convert("RGB" if look.colour else "L"), look, rng)
        if look.specks:
            image = add_specks(image, look.specks, rng)
        pages.append(image.point(lambda v: 255 if v > look.threshold else 0, mode="1") if look.bilevel
                     else jpeg(image, look.jpeg_quality))
    out = io.BytesIO()
    pages[0].save(out, format="PDF", save_all=True, append_images=pages[1:], resolution=float(look.dpi))
    return out.getvalue()


def main(argv: list[str]) -> int:
    src, dst = argv[1], argv[2]
    with open(src, "rb") as fh:
        data = fh.read()
    with open(dst, "wb") as fh:
        fh.write(scan_pdf(data, SAMPLE_LOOK))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
