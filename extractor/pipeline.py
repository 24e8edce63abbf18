"""The one-way pipeline: read -> extract -> check -> write, each stage a plain function.

``read_input`` turns a file into a Document; ``extract_report``
(``extractor.extract``) turns the Document into a Report and says which
tables it recognised; ``check_report`` adds what the checks find (sums and
percents, OCR confidence, coverage); the writers (``extractor.output``,
``extractor.writers``) write it. ``build_report`` is extract and check
together, for a Document at hand.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from .document import Document
from .errors import EXTRACT, OWN_CODE, contract_error, mapped
from .extract.coverage import DEFAULT_COVERAGE, CoverageSettings
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


def check_report(extraction, doc: Document, ocr: OcrSettings = DEFAULT_OCR,
                 coverage: CoverageSettings = DEFAULT_COVERAGE) -> Report:
    """The extracted report with the findings of the checks added: sums and percents, OCR confidence, coverage.

    ``extraction`` is what ``extract.extract_report`` made of ``doc``.
    """
    from .checks import run_checks
    from .extract.coverage import coverage_findings, measure_coverage
    from .extract.ocr import ocr_findings

    report = extraction.report
    report.warnings.extend(run_checks(report, layouts_found=extraction.kinds_found))
    report.warnings.extend(ocr_findings(report, ocr))
    measured = measure_coverage(doc, extraction.layouts, report.funding, report.indicators)
    report.coverage = measured.coverage
    report.warnings.extend(coverage_findings(measured, coverage))
    return report


def build_report(doc: Document, source: Source, ocr: OcrSettings = DEFAULT_OCR,
                 coverage: CoverageSettings = DEFAULT_COVERAGE) -> Report:
    """Extract the report a Document holds, then check it."""
    from .extract import extract_report

    return check_report(extract_report(doc, source), doc, ocr, coverage)


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
    return Parsed(extract(doc, source, ocr, inp.path), doc, inp)


def extract(doc: Document, source: Source, ocr: OcrSettings = DEFAULT_OCR, path: str | os.PathLike | None = None) -> Report:
    """The checked Report of a Document; a failure here is extractor's (an ``InternalError`` of the extract
    stage), a report that does not fit the contract a ``ContractInvalid``."""
    from pydantic import ValidationError

    from .provenance import attach_boxes

    with mapped(OWN_CODE, path, EXTRACT):
        try:
            return attach_boxes(build_report(doc, source, ocr), doc)
        except ValidationError as exc:
            raise contract_error(path, exc) from exc


def parse_file(path: str | os.PathLike, limits: Limits = DEFAULT_LIMITS, ocr: OcrSettings = DEFAULT_OCR) -> Report:
    return parse_input(path, limits, ocr).report
