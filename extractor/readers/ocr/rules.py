"""Ruling lines found in a page image → pdfplumber edges → ruled tables.

A rule found in the image (``image.Segment``, pixels) is given to
pdfplumber's table finder exactly as a line drawn in a PDF would be: an edge
dict in points, top-left origin. The finder runs with its default settings,
the same as for born-digital pages, so a scanned table and its PDF original
give the same cells.
"""

from __future__ import annotations

from typing import Any

from pdfplumber.table import TableFinder, TableSettings

from .image import Segment


def segment_edges(segments: list[Segment], sx: float, sy: float) -> list[dict[str, Any]]:
    """pdfplumber line edges for image segments; ``sx``, ``sy`` are points per pixel."""
    edges = []
    for s in segments:
        x0, x1 = s.x0 * sx, s.x1 * sx
        top, bottom = s.y0 * sy, s.y1 * sy
        edges.append({
            "object_type": "line",
            "orientation": "h" if s.horizontal else "v",
            "x0": x0,
            "x1": x1,
            "top": top,
            "bottom": bottom,
            "doctop": top,
            "width": x1 - x0,
            "height": bottom - top,
            "linewidth": s.width * (sy if s.horizontal else sx),
        })
    return edges


class _EdgePage:
    """The part of a pdfplumber Page that ``TableFinder`` reads with the default ("lines") settings."""

    def __init__(self, edges: list[dict[str, Any]], bbox: tuple[float, float, float, float]):
        self.edges = edges
        self.bbox = bbox


def find_tables(edges: list[dict[str, Any]], width: float, height: float) -> list[Any]:
    """pdfplumber's ruled tables (``Table`` objects: ``bbox``, ``cells``) over the given edges."""
    return TableFinder(_EdgePage(edges, (0, 0, width, height)), TableSettings.resolve(None)).tables
