"""Extraction: from a format-neutral Document to the contract Report.

``extract_report`` locates the funding and indicator tables by their header
vocabulary, reads their rows, and reads metadata and decisions from the
running text (and passport tables). It runs no check: the consistency
checks, the OCR findings and the coverage are the pipeline's next stage
(``extractor.pipeline``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..document import Document, Paragraph, Table
from .. import problems
from ..models import Finding, Report, Source
from ..settings import DEFAULT_EXTRACT, ExtractSettings
from .columns import FUNDING, TableLayout, analyse_table, continue_layout
from .decisions import find_decisions
from .funding import extract_funding
from .indicators import extract_indicators
from .lines import logical_lines, raw_lines, split_document
from .metadata import read_document_info, read_program, read_signatory
from .ocr import attach_ocr
from .vocab import load_vocabulary


def find_layouts(doc: Document, settings: ExtractSettings = DEFAULT_EXTRACT) -> list[TableLayout]:
    """Recognised data tables in document order; a headerless table of the same
    width right after a recognised one continues it."""
    vocab = load_vocabulary()
    layouts: list[TableLayout] = []
    previous: TableLayout | None = None
    for block in doc.blocks:
        if not isinstance(block, Table):
            continue
        layout = analyse_table(block, vocab, settings)
        if layout is None and previous is not None and previous.table.index == block.index - 1:
            layout = continue_layout(previous, block)
        if layout is not None:
            layouts.append(layout)
        previous = layout
    return layouts


def funding_unit(doc: Document, layouts: list[TableLayout], settings: ExtractSettings = DEFAULT_EXTRACT) -> str | None:
    """The money unit named in the funding table's header, or in a caption just above it."""
    unit_in = load_vocabulary().money_unit.of
    for layout in layouts:
        if layout.kind != FUNDING:
            continue
        for spec in layout.columns:
            if spec.field in ("planned", "actual"):
                unit = unit_in(spec.header)
                if unit:
                    return unit
        position = doc.blocks.index(layout.table)
        captions = [b for b in doc.blocks[max(0, position - settings.caption_window):position] if isinstance(b, Paragraph)]
        for paragraph in reversed(captions):
            unit = unit_in(paragraph.text)
            if unit:
                return unit
    return None


@dataclass
class Extraction:
    """What extraction made of a Document: its report, before any check, and the tables it recognised."""

    report: Report
    layouts: list[TableLayout]

    @property
    def kinds_found(self) -> set[str]:
        """The kinds of table recognised: ``funding``, ``indicators``."""
        return {layout.kind for layout in self.layouts}


def decision_lines(lines: list[str], title: str | None) -> list[str]:
    """The lines that may name the program's decisions: the title and what follows it.

    Above the title stand stamps ("ЗАТВЕРДЖЕНО рішенням …") and the annex line, which name the act the report
    is attached to; the title sentence itself may name the program's decision ("Інформація про виконання
    програми …, затвердженої рішенням міської ради від 21.12.2021 № 12/345 (зі змінами), за 2023 рік").
    """
    start = next((i for i, line in enumerate(lines) if title and title.startswith(line)), 0)
    return lines[start:]


def extract_report(doc: Document, source: Source, settings: ExtractSettings = DEFAULT_EXTRACT) -> Extraction:
    """The report a Document holds: tables, metadata, decisions, signatory, and the warnings of reading them.

    The checks of the report (sums, percents, OCR confidence, coverage) are
    the pipeline's next stage (``extractor.pipeline.check_report``).
    """
    vocab = load_vocabulary()
    layouts = find_layouts(doc, settings)
    warnings: list[Finding] = []

    funding = []
    indicators = []
    for layout in layouts:
        if layout.kind == FUNDING:
            rows, found = extract_funding(layout, vocab, settings)
            base = len(funding)
            funding.extend(rows)
            for i, code, message in found:
                warnings.append(Finding(code=code, message=message, path=f"funding[{base + i}]"))
        else:
            indicators.extend(extract_indicators(layout, vocab))
        for found in layout.inferred:
            warnings.append(problems.INFERRED_COLUMN.finding(
                None, table=layout.table.index, column=found.col + 1, header=repr(found.header), field=found.field,
                why=found.why))
        for spec in layout.unknown:
            warnings.append(problems.UNKNOWN_COLUMN.finding(
                None, table=layout.table.index, column=spec.col + 1, header=repr(spec.header)))

    data_tables = {layout.table.index for layout in layouts}
    before, after, passport = split_document(doc, data_tables)
    raw_before = raw_lines(before)
    lines = logical_lines(before) + passport
    info = read_document_info(lines, [l for l in raw_before if l.strip()], settings)
    program = read_program(info.title, lines, settings)
    decisions, date_problems = find_decisions(decision_lines(lines, info.title))
    for printed in date_problems:
        warnings.append(problems.INVALID_DATE.finding("decisions", date=printed))
    signatory = read_signatory(raw_lines(after), settings)

    for code, message in doc.notes:
        warnings.append(Finding(code=code, message=message, path=None))

    attach_ocr(funding, doc)
    attach_ocr(indicators, doc)
    report = Report(
        source=source,
        document=info,
        program=program,
        decisions=decisions,
        funding=funding,
        funding_unit=funding_unit(doc, layouts, settings),
        indicators=indicators,
        signatory=signatory,
        warnings=warnings,
    )
    return Extraction(report, layouts)
