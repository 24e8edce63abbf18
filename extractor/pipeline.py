"""The one-way pipeline: file -> Document -> Report (with checks)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from .document import Document
from .limits import DEFAULT_LIMITS, Limits
from .models import Format, Report, Source
from .readers import Input, load, read_input
from .readers.ocr.settings import DEFAULT_OCR, OcrSettings


@dataclass
class Parsed:
    """A report with what it was read from: the input bytes and the Document (for views of the sources)."""

    report: Report
    document: Document
    input: Input


def parse_input(path: str | os.PathLike, limits: Limits = DEFAULT_LIMITS, ocr: OcrSettings = DEFAULT_OCR) -> Parsed:
    return parse_loaded(load(path, limits), limits, ocr)


def parse_loaded(inp: Input, limits: Limits = DEFAULT_LIMITS, ocr: OcrSettings = DEFAULT_OCR) -> Parsed:
    """Read and extract an input whose bytes are loaded (``readers.load`` or ``readers.load_bytes``).

    ``ocr`` says which PDF pages are read by OCR, and how.
    """
    doc = read_input(inp, limits, ocr)
    source = Source(
        file=inp.path.name,
        format=Format(inp.format),
        sha256=inp.sha256,
        pages=doc.pages if inp.format == "pdf" else None,
    )
    from .extract import build_report
    from .provenance import attach_boxes

    return Parsed(attach_boxes(build_report(doc, source, ocr), doc), doc, inp)


def parse_file(path: str | os.PathLike, limits: Limits = DEFAULT_LIMITS, ocr: OcrSettings = DEFAULT_OCR) -> Report:
    return parse_input(path, limits, ocr).report
