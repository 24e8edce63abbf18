"""Scanned PDFs made from born-digital ones, the way an office scanner makes them.

``scan_pdf`` renders each page of a PDF with PDFium, then degrades the image
as a scan of the printed page would be: turned by a fraction of a degree,
blurred, sprinkled with noise, JPEG-compressed, and wraps the images as an
image-only PDF (Pillow writes it; each page is one JPEG, no text layer).
Everything is seeded, so the same arguments give the same bytes.

``python tests/scanbuild.py IN.pdf OUT.pdf`` writes one (the scanned sample in
``samples/`` was made so).
"""

from __future__ import annotations

import io
import random
import sys
from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter


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
    seed: int = 1


def scanned_page(page: pdfium.PdfPage, look: ScanLook, rng: random.Random) -> Image.Image:
    """One page rendered and degraded as a scanner would (grey, turned, blurred, noisy)."""
    image = page.render(scale=look.dpi / 72, grayscale=True).to_pil().convert("L")
    angle = rng.uniform(-look.max_angle, look.max_angle)
    image = image.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
    if look.blur:
        image = image.filter(ImageFilter.GaussianBlur(look.blur))
    if look.noise:
        pixels = np.asarray(image, dtype=np.float32)
        noise = np.random.default_rng(rng.randrange(2**32)).normal(0.0, look.noise, pixels.shape)
        image = Image.fromarray(np.clip(pixels + noise, 0, 255).astype(np.uint8), "L")
    return image


def draw_stamp(image: Image.Image, centre: tuple[int, int], radius: int) -> Image.Image:
    """A round stamp (two rings and a star), dark enough to cover what lies under it in part."""
    stamped = image.copy()
    draw = ImageDraw.Draw(stamped)
    x, y = centre
    for r, width in ((radius, 6), (int(radius * 0.72), 3)):
        draw.ellipse((x - r, y - r, x + r, y + r), outline=110, width=width)
    draw.regular_polygon((x, y, int(radius * 0.3)), 5, fill=130)
    return stamped


def signature_point(page: pdfium.PdfPage) -> tuple[float, float]:
    """Where a stamp goes (points from the top left): on the page's last text line, a third of the way in from the right."""
    width, height = page.get_size()
    text = page.get_textpage()
    lowest = None
    for i in range(text.count_chars()):
        box = text.get_charbox(i)
        if box[3] > box[1] and (lowest is None or box[1] < lowest):
            lowest = box[1]
    text.close()
    bottom = height - (lowest if lowest is not None else height * 0.1)
    return width * 0.66, bottom - 6


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
                image = draw_stamp(image, (int(x * scale), int(y * scale)), int(look.dpi * 0.7))
            images.append(jpeg(image, look.jpeg_quality))
    finally:
        doc.close()
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=float(look.dpi))
    return out.getvalue()


def main(argv: list[str]) -> int:
    src, dst = argv[1], argv[2]
    with open(src, "rb") as fh:
        data = fh.read()
    with open(dst, "wb") as fh:
        fh.write(scan_pdf(data))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
