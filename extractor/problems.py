"""Every problem extractor can name, declared once: code, severity, message template, description.

A problem is either an **error** (the file gave no report: ``corrupt-file``,
``timeout``, ...; raised as an ``extractor.errors`` class whose ``code`` is
the problem's) or a **warning** in a report (``unknown-column``,
``scanned-page``, ...; a reader note or an extraction finding), or a
**notice** (``check`` and ``batch`` say it, nothing fails by it).

The code is the contract: it never changes with the language and is what
manifests, check reports and scripts match on. The template and the
description are texts for people, in the catalogue (``extractor.i18n``):
``problem.message(**fields)`` fills the template in the current language
(Ukrainian unless ``--lang en``). Templates use ``str.format`` fields.

How they are used::

    SCANNED_PAGE.note(page=3)                 # a reader's Document.notes entry: (code, message)
    TABLE_NOT_FOUND.finding("funding", ...)   # a report warning (models.Finding)
    class CorruptFile(InputError): code = CORRUPT_FILE.code

``tests/test_problems.py`` scans the source for emitted codes and fails on
one not declared here.
"""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import N_, _

ERROR = "error"
WARNING = "warning"
NOTICE = "notice"
SEVERITIES = (ERROR, WARNING, NOTICE)


@dataclass(frozen=True)
class Problem:
    """One kind of problem: its stable code, how bad it is, what it says and what it means."""

    code: str
    severity: str
    #: the message, with ``{field}`` placeholders (marked for the catalogue; ``message`` translates it)
    template: str
    #: what the problem means for a reader, one or two sentences (marked for the catalogue)
    description: str

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"{self.code}: severity must be one of {SEVERITIES}, got {self.severity!r}")
        if not self.code or self.code != self.code.lower() or " " in self.code:
            raise ValueError(f"problem code must be kebab-case, got {self.code!r}")

    def message(self, **fields: object) -> str:
        """The template filled in, in the current language."""
        return _(self.template).format(**fields)

    def note(self, **fields: object) -> tuple[str, str]:
        """A reader note for ``Document.notes``: (code, message)."""
        return (self.code, self.message(**fields))

    def finding(self, path: str | None = None, **fields: object):
        """A report warning (``models.Finding``) pointing at ``path`` ("funding[3]"; None: the whole report)."""
        from .models import Finding

        return Finding(code=self.code, message=self.message(**fields), path=path)

    def describe(self) -> str:
        """The description in the current language."""
        return _(self.description)


#: every declared problem by code, in declaration order
PROBLEMS: dict[str, Problem] = {}


def declare(code: str, severity: str, template: str, description: str) -> Problem:
    if code in PROBLEMS:
        raise ValueError(f"problem {code!r} is declared twice")
    problem = Problem(code, severity, template, description)
    PROBLEMS[code] = problem
    return problem


def problem(code: str) -> Problem:
    """The declared problem of a code; KeyError naming the code when it is not declared."""
    try:
        return PROBLEMS[code]
    except KeyError as exc:
        raise KeyError(f"problem code {code!r} is not declared in extractor.problems") from exc


def codes(severity: str | None = None) -> list[str]:
    return [p.code for p in PROBLEMS.values() if severity is None or p.severity == severity]


# -- errors: the file gave no report (extractor.errors, runner, batch) -----------------------------------------

EXTRACTOR_ERROR = declare("extractor-error", ERROR, N_("{reason}"),
                          N_("An error extractor raised on purpose, without a more specific code."))
INPUT_ERROR = declare("input-error", ERROR, N_("cannot read the input: {reason}"),
                      N_("The input could not be opened or read as a report."))
FILE_ACCESS = declare("file-access", ERROR, N_("cannot access the file: {reason}"),
                      N_("The path does not exist, is a folder, or cannot be read."))
UNSUPPORTED_FORMAT = declare("unsupported-format", ERROR, N_("not a report format: {reason}"),
                             N_("The bytes are not a report format extractor reads (an image, an archive, ...)."))
MISSING_COMPONENT = declare("missing-component", ERROR, N_("a program is missing: {reason}"),
                            N_("The file's format needs a program this installation lacks (LibreOffice for DOC, "
                               "RTF, ODT, XLS, ODS)."))
OCR_UNAVAILABLE = declare("ocr-unavailable", ERROR, N_("OCR is not available: {reason}"),
                          N_("A scanned PDF page needs OCR, but Tesseract, its language data or the ocr extra "
                             "is not installed."))
CONVERSION_FAILED = declare("conversion-failed", ERROR, N_("conversion failed: {reason}"),
                            N_("A converter (LibreOffice) could not turn the file into a format the readers know."))
CORRUPT_FILE = declare("corrupt-file", ERROR, N_("broken {format}: {reason}"),
                       N_("The file claims a known format but its structure is broken."))
UNSAFE_CONTENT = declare("unsafe-content", ERROR, N_("refused unread: {reason}"),
                         N_("The file carries a construct only an attack needs (an XML DOCTYPE in an OOXML part)."))
ENCRYPTED_FILE = declare("encrypted-file", ERROR, N_("{what} protected by a password; save a copy without the password"),
                         N_("The file is password-protected."))
SCANNED_DOCUMENT = declare("scanned-document", ERROR, N_("the PDF has no text layer (a scan?): {reason}"),
                           N_("The PDF has no text layer (a scan) and OCR was turned off or found no text."))
LIMIT_EXCEEDED = declare("limit-exceeded", ERROR, N_("a limit was hit: {reason}"),
                         N_("A configured resource limit was hit; the file was not processed further."))
FILE_TOO_LARGE = declare("file-too-large", ERROR, N_("file is {size} MB, over the {limit} MB limit (see --max-file-mb)"),
                         N_("The input file is larger than the maximum file size."))
TOO_MANY_PAGES = declare("too-many-pages", ERROR, N_("the PDF has {pages} pages, over the limit of {limit}"),
                         N_("The PDF has more pages than the maximum."))
INFLATED_TOO_LARGE = declare("inflated-too-large", ERROR, N_("a compressed part would inflate past the limit: {reason}"),
                             N_("A compressed part would inflate past the limit (a zip bomb)."))
TIMEOUT = declare("timeout", ERROR, N_("processing took longer than {seconds} s; the worker was stopped"),
                  N_("Processing took longer than the per-file time limit."))
EXTRACTION_ERROR = declare("extraction-error", ERROR, N_("no report could be built: {reason}"),
                           N_("The document was read but a report could not be built from it."))
OUTPUT_ERROR = declare("output-error", ERROR, N_("cannot write the output: {reason}"),
                       N_("An output file or folder could not be written; names the output path, not the input."))
USAGE = declare("usage", ERROR, N_("{reason}"), N_("The command line names no usable input or output."))
OUTPUT_EXISTS = declare("output-exists", ERROR, N_("{reason}"),
                        N_("The output folder holds an earlier batch's outputs, and neither --resume nor --force "
                           "was given."))
VOCABULARY_ERROR = declare("vocabulary-error", ERROR, N_("the vocabulary does not follow its schema: {reason}"),
                           N_("The vocabulary file (vocab/headers.yaml) has a key the extractor does not know, lacks "
                              "a list, or is not valid YAML; nothing is read until it is fixed."))
INTERNAL_ERROR = declare("internal-error", ERROR, N_("internal error while {stage} ({detail})"),
                         N_("extractor failed on its own side (a bug), not because of the file; the stage is named."))
CRASH = declare("crash", ERROR, N_("internal error while {stage} ({detail})"),
                N_("The work on a file raised an unexpected exception or its worker process died."))
CONTRACT_INVALID = declare("contract-invalid", ERROR, N_("report does not fit the output contract: {where}: {detail}"),
                           N_("A report that does not validate against the output contract (a bug of extraction)."))
NO_DATA = declare("no-data", ERROR, N_("no funding or indicator rows found"),
                  N_("The report has neither funding nor indicator rows."))

# -- notices of check and batch ---------------------------------------------------------------------------------

DUPLICATE = declare("duplicate", NOTICE, N_("same bytes as {file}; checked once"),
                    N_("The file has the same bytes as another input; it was read once."))
SKIPPED = declare("skipped", NOTICE, N_("{reason}"), N_("The input was not read (not a report format)."))

# -- report warnings: consistency checks (extractor.checks) -------------------------------------------------------

PERCENT_VS_AMOUNTS = declare("percent-vs-amounts", WARNING, N_("{detail}"),
                             N_("The printed percent of execution does not agree with actual / planned."))
BREAKDOWN_SUM_MISMATCH = declare("breakdown-sum-mismatch", WARNING,
                                 N_("{name} total {total} but its parts add up to {sum}."),
                                 N_("The parts of a row split by year or funding source do not add up to its "
                                    "printed total."))
TOTAL_SUM_MISMATCH = declare("total-sum-mismatch", WARNING,
                             N_("total {name} {total} but the rows above add up to {sum}."),
                             N_("A total row does not equal the sum of the rows it totals."))
TABLE_NOT_FOUND = declare("table-not-found", WARNING, N_("no {table} table was found"),
                          N_("An expected table (funding or indicators) was not found in the document."))

# -- report warnings: extraction ---------------------------------------------------------------------------------

UNKNOWN_COLUMN = declare("unknown-column", WARNING,
                         N_("table {table}: column {column} header {header} is not in the vocabulary; its values "
                            "are not read (add it to vocab/headers.yaml)"),
                         N_("A header column is not in the vocabulary and could not be classified; its values "
                            "were not read."))
INFERRED_TOTAL = declare("inferred-total", WARNING,
                         N_("row {label} is not a total label of the vocabulary; read as {kind}: {why}"),
                         N_("A row whose label is not a total label of the vocabulary was read as a total or "
                            "subtotal from its amounts (the sum of the rows above) or its place (closing the table)."))
NOT_COMPARABLE = declare("not-comparable", WARNING,
                         N_("planned is the sum of the plans for {planned}, actual covers {actual} only; they are "
                            "not comparable and no percent is computed across them"),
                         N_("Planned is the sum of several years' plans while actual covers fewer years; the two "
                            "are not comparable and no percent is computed across them."))
INFERRED_COLUMN = declare("inferred-column", WARNING,
                          N_("table {table}: column {column} header {header} is not in the vocabulary; read as "
                             "{field}: {why}"),
                          N_("A header column is not in the vocabulary; it was classified from its words, content "
                             "and position and read as the field named."))
INVALID_DATE = declare("invalid-date", WARNING, N_("date {date} does not exist in the calendar"),
                       N_("A printed date does not exist in the calendar (e.g. 31.02.2019)."))
NON_NUMERIC_AMOUNT = declare("non-numeric-amount", WARNING, N_("column {header} holds text"),
                             N_("An amount cell holds text instead of a number; the value is null, the text is "
                                "in raw."))
UNREAD_CELL = declare("unread-cell", WARNING,
                      N_("{where}table {table}, row {row}, {column}: the number {text} is in no output field"),
                      N_("A cell of a recognised table holds a number no output field holds; the message names the "
                         "table, row, column and the text."))
UNREAD_LINE = declare("unread-line", WARNING,
                      N_("{where}a line outside the tables holds the numbers {numbers} in no output field: {line}"),
                      N_("A line of text outside the recognised tables holds the numbers of a table row (cells "
                         "split by TABs, two numbers or more): a row a table lost; none of its numbers is read."))
LOW_COVERAGE = declare("low-coverage", WARNING, N_("coverage {ratio} is below {minimum}: {what}"),
                       N_("Fewer of the numbers of the recognised tables were read than the coverage setting asks (or "
                          "no table was recognised)."))
OCR_LOW_CONFIDENCE = declare("ocr-low-confidence", WARNING, N_("{detail}"),
                             N_("A value read by OCR is doubtful: low confidence, not a number, or its row fails a "
                                "cross-check; check it against the scan."))

# -- report warnings: readers (Document.notes) --------------------------------------------------------------------

SCANNED_PAGE = declare("scanned-page", WARNING, N_("page {page} has no text layer"),
                       N_("A PDF page has no text layer (probably a scan) and OCR read nothing from it (or was "
                          "turned off)."))
OCR_PAGES = declare("ocr-pages", WARNING, N_("{detail}"),
                    N_("Pages of a scan were read by OCR; the message names them and the mean word confidence."))
OCR_NO_RULES = declare("ocr-no-rules", WARNING,
                       N_("page {page}: the scan shows columns of text but no ruling lines, and no table was found "
                          "in its words; its text was kept as paragraphs"),
                       N_("A scanned page shows columns but no ruling lines; its text was kept as paragraphs."))
UNMAPPED_GLYPHS = declare("unmapped-glyphs", WARNING,
                          N_("page {page}: the font has no Unicode mapping, text reads as (cid:N)"),
                          N_("A PDF page prints glyphs without a text mapping ((cid:N)); its text may be garbled."))
INVALID_UNICODE = declare("invalid-unicode", WARNING,
                          N_("page {page}: {count} character(s) with no valid Unicode text (an unpaired UTF-16 "
                             "surrogate) were replaced with U+FFFD"),
                          N_("A PDF page maps glyphs to text that is no valid Unicode; those characters read as "
                             "U+FFFD."))
PDF_LAST_RESORT = declare("pdf-last-resort", WARNING,
                          N_("{pages}: {reason}; read with PDFium alone (character boxes approximate)"),
                          N_("PDF pages pdfminer cannot parse were read with PDFium alone; their text positions are "
                             "PDFium's, close to but not exactly the reference engine's."))
PDF_NESTED_TABLE = declare("pdf-nested-table", WARNING,
                           N_("page {page}: {count} table(s) drawn inside a cell of another were read as tables of "
                              "their own; the outer cell keeps the text outside them"),
                           N_("A PDF table was drawn inside a cell of another; it was read as a table of its own, and "
                              "the outer cell keeps only the text outside it."))
NO_TABLE_MARKUP = declare("no-table-markup", WARNING,
                          N_("{file}: no table markup recognised (TAB-led cells or space-aligned columns); the text "
                             "was read as paragraphs only (a LibreOffice plain-text export loses tables)"),
                          N_("The text file shows no table structure that could be read."))
REGROUPED_TABLE = declare("regrouped-table", WARNING,
                          N_("{file}: {count} table(s) written one cell per line (a LibreOffice text export) were "
                             "regrouped into rows from the header's columns and the kinds of the values; check the "
                             "rows"),
                          N_("A table written one cell per line (a LibreOffice text export) was regrouped into rows "
                             "inferred from its header and the kinds of its values; the rows are worth a check."))
DECODING = declare("decoding", WARNING, N_("{file}: decoded as {encoding}"),
                   N_("The text file was not UTF-8; it was decoded in the encoding named."))
HTML_ENCODING = declare("html-encoding", WARNING, N_("{detail}"),
                        N_("The HTML page declares no charset or a wrong one; the encoding it was read in is named."))
HTML_DOCTYPE_SUBSET = declare("html-doctype-subset", WARNING,
                              N_("the page declares entities in its DOCTYPE; they were ignored, not expanded"),
                              N_("The HTML page declares entities in its DOCTYPE; they were not expanded."))
FORMAT_MISMATCH = declare("format-mismatch", WARNING,
                          N_("the file is named {suffix} but its content is {format}; it was read as {format}"),
                          N_("The file's name says one format, its bytes another; it was read by its bytes."))
TEXT_TRUNCATED = declare("text-truncated", WARNING,
                         N_("{count} paragraph(s) or cell(s) longer than {limit} characters (the longest has "
                            "{longest}) were cut to their first {limit} characters; no report text is that long"),
                         N_("A very long text block was cut to a bounded length."))
DOCX_TRACKED_CHANGES = declare("docx-tracked-changes", WARNING,
                               N_("the document has tracked changes; they were read as accepted"),
                               N_("The DOCX has tracked changes; they were read as accepted."))
DOCX_ALT_CHUNK = declare("docx-alt-chunk", WARNING,
                         N_("{count} embedded document chunk(s) (w:altChunk) were not read"),
                         N_("The DOCX embeds other documents (altChunk) that were not read."))
DOCX_NESTED_TABLE = declare("docx-nested-table", WARNING,
                            N_("{count} table(s) nested in table cells: their text is in the parent cell and each is "
                               "also a table of its own"),
                            N_("Tables nested in table cells were read both as cell text and as tables of their own."))
DOCX_PART_SKIPPED = declare("docx-part-skipped", WARNING, N_("{part} not read: {reason}"),
                            N_("A header or footer part of the DOCX was broken and was skipped."))
XLSX_FORMULA_WITHOUT_VALUE = declare("xlsx-formula-without-value", WARNING,
                                     N_("{count} formula cell(s) were saved without a computed value and read as "
                                        "empty ({cells}); open and save the workbook in a spreadsheet program to "
                                        "fill them"),
                                     N_("Formula cells of the workbook carry no computed value; they were read as "
                                        "empty."))
XLSX_HIDDEN = declare("xlsx-hidden", WARNING, N_("not read, as hidden in the workbook: {what}"),
                      N_("Hidden sheets, rows or columns of the workbook were not read."))
