"""The one-way pipeline: read -> repair -> extract -> check -> write, each stage a plain function.

=========  ==========================================  ======================================
stage      function                                    from -> to
=========  ==========================================  ======================================
read       ``readers.read_input``                      input bytes -> Document
repair     ``repair_document`` (``extractor.repair``)  Document -> Document
extract    ``extract.extract_report``                  Document -> Extraction (a Report and
                                                       the tables it recognised)
check      ``check_report``                            Extraction -> Report with findings
write      ``extractor.output``, ``extractor.writers`` Report -> JSON, CSV, XLSX, pages
=========  ==========================================  ======================================

``parse_loaded`` runs read, repair, extract and check; ``build_report`` runs
repair, extract and check for a Document at hand (tests, the Python API).
A failure after reading (in repair, extract or check) is extractor's own:
an ``InternalError`` of the extract stage, never blamed on the file.

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
from .repair import repair
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


def repair_document(doc: Document, settings: Settings | None = None) -> Document:
    """The Document cleaned of what no reader should hand to extraction (``extractor.repair``)."""
    return repair(doc, settings_of(settings).extract)


def extract_and_check(doc: Document, source: Source, settings: Settings | None = None) -> Report:
    """Extract the report a repaired Document holds, then check it."""
    from .extract import extract_report

    settings = settings_of(settings)
    return check_report(extract_report(doc, source, settings.extract), doc, settings=settings)


def build_report(doc: Document, source: Source, ocr: OcrSettings | None = None,
                 coverage: CoverageSettings | None = None, *, settings: Settings | None = None) -> Report:
    """Repair a Document at hand, extract the report it holds, then check it."""
    settings = _with_parts(settings, ocr, coverage)
    return extract_and_check(repair_document(doc, settings), source, settings)


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
    with mapped(OWN_CODE, inp.path, EXTRACT):  # the repair is extractor's own code: its failure is a bug of ours
        doc = repair_document(doc, settings)
    source = Source(
        file=inp.path.name,
        format=Format(inp.format),
        sha256=inp.sha256,
        pages=doc.pages if inp.format == "pdf" else None,
    )
    return Parsed(extract(doc, source, settings, inp.path), doc, inp)


def extract(doc: Document, source: Source, settings: Settings | None = None,
            path: str | os.PathLike | None = None) -> Report:
    """The checked Report of a repaired Document; a failure here is extractor's (an ``InternalError`` of the
    extract stage), a report that does not fit the contract a ``ContractInvalid``."""
    from pydantic import ValidationError

    from .provenance import attach_boxes

    settings = settings_of(settings)
    with mapped(OWN_CODE, path, EXTRACT):
        try:
            return attach_boxes(extract_and_check(doc, source, settings), doc)
        except ValidationError as exc:
            raise contract_error(path, exc) from exc


def parse_file(path: str | os.PathLike, settings: Settings | Limits | None = None,
               ocr: OcrSettings | None = None) -> Report:
    return parse_input(path, settings, ocr).report
