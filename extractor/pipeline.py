"""The one-way pipeline: read -> extract -> check -> write, each stage a plain function.

``read_input`` turns a file into a Document; ``extract_report``
(``extractor.extract``) turns the Document into a Report and says which
tables it recognised; ``check_report`` adds what the checks find (sums and
percents, OCR confidence, coverage); the writers (``extractor.output``,
``extractor.writers``) write it. ``build_report`` is extract and check
together, for a Document at hand.

Every function takes the root ``Settings`` (``extractor.settings``; bare
``Limits``, the older form, are accepted too) and hands each stage its part.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

from .document import Document
from .errors import EXTRACT, OWN_CODE, contract_error, mapped
from .extract.coverage import CoverageSettings
from .limits import Limits
from .models import Format, Report, Source
from .readers import Input, load, read_input
from .readers.ocr.settings import OcrSettings
from .settings import Settings, settings_of


@dataclass
class Parsed:
    """A report with what it was read from: the input bytes and the Document (for views of the sources)."""

    report: Report
    document: Document
    input: Input


def check_report(extraction, doc: Document, ocr: OcrSettings | None = None,
                 coverage: CoverageSettings | None = None, *, settings: Settings | None = None) -> Report:
    """The extracted report with the findings of the checks added: sums and percents, OCR confidence, coverage.

    ``extraction`` is what ``extract.extract_report`` made of ``doc``; ``settings`` the root settings
    (``ocr`` and ``coverage``, when given, replace their parts).
    """
    from .checks import run_checks
    from .extract.coverage import coverage_findings, measure_coverage
    from .extract.ocr import ocr_findings

    settings = _with_parts(settings, ocr, coverage)
    report = extraction.report
    report.warnings.extend(run_checks(report, layouts_found=extraction.kinds_found, settings=settings.checks))
    report.warnings.extend(ocr_findings(report, settings.ocr))
    measured = measure_coverage(doc, extraction.layouts, report.funding, report.indicators, settings.coverage)
    report.coverage = measured.coverage
    report.warnings.extend(coverage_findings(measured, settings.coverage))
    return report


def build_report(doc: Document, source: Source, ocr: OcrSettings | None = None,
                 coverage: CoverageSettings | None = None, *, settings: Settings | None = None) -> Report:
    """Extract the report a Document holds, then check it."""
    from .extract import extract_report

    settings = _with_parts(settings, ocr, coverage)
    return check_report(extract_report(doc, source, settings.extract), doc, settings=settings)


def _with_parts(settings: Settings | None, ocr: OcrSettings | None, coverage: CoverageSettings | None) -> Settings:
    settings = settings_of(settings, ocr)
    return settings if coverage is None else replace(settings, coverage=coverage)


def parse_input(path: str | os.PathLike, settings: Settings | Limits | None = None,
                ocr: OcrSettings | None = None) -> Parsed:
    settings = settings_of(settings, ocr)
    return parse_loaded(load(path, settings), settings)


def parse_loaded(inp: Input, settings: Settings | Limits | None = None, ocr: OcrSettings | None = None) -> Parsed:
    """Read and extract an input whose bytes are loaded (``readers.load`` or ``readers.load_bytes``).

    ``ocr``, when given, replaces ``settings.ocr`` (which PDF pages are read by OCR, and how).
    """
    settings = settings_of(settings, ocr)
    doc = read_input(inp, settings)
    source = Source(
        file=inp.path.name,
        format=Format(inp.format),
        sha256=inp.sha256,
        pages=doc.pages if inp.format == "pdf" else None,
    )
    return Parsed(extract(doc, source, settings, inp.path), doc, inp)


def extract(doc: Document, source: Source, settings: Settings | None = None,
            path: str | os.PathLike | None = None) -> Report:
    """The checked Report of a Document; a failure here is extractor's (an ``InternalError`` of the extract
    stage), a report that does not fit the contract a ``ContractInvalid``."""
    from pydantic import ValidationError

    from .provenance import attach_boxes

    settings = settings_of(settings)
    with mapped(OWN_CODE, path, EXTRACT):
        try:
            return attach_boxes(build_report(doc, source, settings=settings), doc)
        except ValidationError as exc:
            raise contract_error(path, exc) from exc


def parse_file(path: str | os.PathLike, settings: Settings | Limits | None = None,
               ocr: OcrSettings | None = None) -> Report:
    return parse_input(path, settings, ocr).report
