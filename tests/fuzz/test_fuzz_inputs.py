"""Fuzzing: mutated DOCX, PDF and TXT files must give a Report or one of extractor's own errors.

Each example takes a corpus file (a bundled sample, or a small hand-made
file), applies a few byte mutations (flip, insert, delete, overwrite a run,
truncate) and parses the result as ``extractor parse`` would. Anything other
than a ``Report`` or an ``ExtractorError`` (a bare ``KeyError`` from a
library, a pydantic error, a hang) fails the test. The DOCX is fuzzed twice:
as raw bytes (which mostly breaks the zip) and with the mutations applied to
``word/document.xml`` inside an intact zip (which reaches the XML reader).

Budgets: a few examples in the normal test run, hundreds with a deadline
under ``make fuzz`` (the ``fuzz`` hypothesis profile, see tests/conftest.py).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from extractor.errors import ExtractorError
from extractor.models import Report
from extractor.pipeline import parse_file
from extractor.readers.txt import read_txt
from extractor.document import Document
from fuzzing import fuzz_settings, no_hang
from hostile_files import TEXT_PAGE, docx_bytes, pdf_bytes, report_paragraphs, w_table

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
DOCX_SAMPLE = SAMPLES / "rivne-pytna-voda-2021.docx"
PDF_SAMPLE = SAMPLES / "poltava-sportyvna-poltava-2022-07-01.pdf"
TXT_SAMPLE = SAMPLES / "rivne-pytna-voda-2021.txt"

#: mutations applied to one input, at most
MAX_MUTATIONS = 6
#: longest run of bytes one mutation inserts or overwrites
MAX_RUN = 64


@st.composite
def mutations(draw) -> list[tuple]:
    """A short list of byte mutations; positions are fractions of the length, so they fit any input."""
    position = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
    op = st.one_of(
        st.tuples(st.just("flip"), position, st.integers(1, 255)),
        st.tuples(st.just("insert"), position, st.binary(min_size=1, max_size=MAX_RUN)),
        st.tuples(st.just("delete"), position, st.integers(1, MAX_RUN)),
        st.tuples(st.just("overwrite"), position, st.binary(min_size=1, max_size=MAX_RUN)),
        st.tuples(st.just("truncate"), position, st.just(None)),
    )
    return draw(st.lists(op, min_size=1, max_size=MAX_MUTATIONS))


def mutate(data: bytes, ops: list[tuple]) -> bytes:
    """Apply the mutations in order."""
    buf = bytearray(data)
    for kind, where, arg in ops:
        i = min(int(where * len(buf)), max(len(buf) - 1, 0))
        if kind == "flip" and buf:
            buf[i] ^= arg
        elif kind == "insert":
            buf[i:i] = arg
        elif kind == "delete":
            del buf[i:i + arg]
        elif kind == "overwrite":
            buf[i:i + len(arg)] = arg
        elif kind == "truncate":
            del buf[i:]
    return bytes(buf)


def test_mutate_applies_each_kind():
    data = b"abcdef"
    assert mutate(data, [("flip", 0.0, 1)]) == b"`bcdef"
    assert mutate(data, [("insert", 0.5, b"XY")]) == b"abcXYdef"
    assert mutate(data, [("delete", 0.5, 2)]) == b"abcf"
    assert mutate(data, [("overwrite", 1.0, b"ZZ")]) == b"abcdeZZ"
    assert mutate(data, [("truncate", 0.5, None)]) == b"abc"


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def parse_outcome(path: Path, data: bytes):
    """Parse the bytes as a file at ``path``: a Report or an ExtractorError; anything else propagates."""
    path.write_bytes(data)
    with no_hang():
        try:
            return parse_file(path)
        except ExtractorError as e:
            return e


def check_outcome(outcome, path: Path) -> None:
    assert isinstance(outcome, (Report, ExtractorError)), type(outcome)
    if isinstance(outcome, ExtractorError):
        message = str(outcome)
        assert message.startswith(str(path) + ": ") and "\n" not in message.strip(), message
    else:
        Report.model_validate_json(outcome.to_json())  # what the CLI writes reads back


def _rezip(docx: bytes, ops: list[tuple]) -> bytes:
    """The DOCX with the mutations applied to word/document.xml, the zip itself intact."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == "word/document.xml":
                content = mutate(content, ops)
            dst.writestr(info.filename, content)
    return out.getvalue()


DOCX_DATA = DOCX_SAMPLE.read_bytes()
PDF_DATA = PDF_SAMPLE.read_bytes()
TXT_DATA = TXT_SAMPLE.read_bytes()
#: a small DOCX with a table written as plain XML, and a small uncompressed-structure PDF
SMALL_DOCX = docx_bytes(report_paragraphs() + w_table([["№", "Назва заходу", "План", "Факт"], ["1", "Захід", "1,5", "2"]]))
SMALL_PDF = pdf_bytes([TEXT_PAGE, b"BT /F1 10 Tf 72 700 Td (Row 1   12,5   13) Tj ET"])


@fuzz_settings(12)
@given(ops=mutations())
def test_mutated_docx_bytes(workdir, ops):
    path = workdir / "mutated.docx"
    check_outcome(parse_outcome(path, mutate(DOCX_DATA, ops)), path)


@fuzz_settings(12)
@given(ops=mutations(), small=st.booleans())
def test_mutated_docx_xml(workdir, ops, small):
    path = workdir / "mutated-xml.docx"
    check_outcome(parse_outcome(path, _rezip(SMALL_DOCX if small else DOCX_DATA, ops)), path)


@fuzz_settings(6)
@given(ops=mutations(), small=st.booleans())
def test_mutated_pdf(workdir, ops, small):
    path = workdir / "mutated.pdf"
    check_outcome(parse_outcome(path, mutate(SMALL_PDF if small else PDF_DATA, ops)), path)


@fuzz_settings(12)
@given(ops=mutations())
def test_mutated_txt(workdir, ops):
    path = workdir / "mutated.txt"
    check_outcome(parse_outcome(path, mutate(TXT_DATA, ops)), path)


# -- the TXT reader on any bytes ---------------------------------------------------------

#: characters that steer the TXT reader: cell TABs, layout gaps, page breaks, line ends
_TXT_ALPHABET = st.sampled_from(
    ["\t", "\n", "\r", "\r\n", "\f", " ", "   ", "\x00", "1", "12,5", "2021", "-", "№", "Разом", "Захід", "план", "%",
     "а", "І", "x", "\u00a0", "\u00ad"]
)
_ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "cp1251", "koi8_u", "cp866", "utf-16", "utf-16-le", "utf-16-be"])


def _read_txt_outcome(data: bytes):
    with no_hang():
        try:
            return read_txt(data, path="any.txt")
        except ExtractorError as e:
            return e


@fuzz_settings(40)
@given(data=st.binary(max_size=2048))
def test_txt_reader_on_any_bytes(data):
    outcome = _read_txt_outcome(data)
    assert isinstance(outcome, (Document, ExtractorError)), type(outcome)


@fuzz_settings(40)
@given(pieces=st.lists(_TXT_ALPHABET, max_size=400), encoding=_ENCODINGS)
def test_txt_reader_on_table_like_text(pieces, encoding):
    data = "".join(pieces).encode(encoding, errors="replace")
    outcome = _read_txt_outcome(data)
    assert isinstance(outcome, (Document, ExtractorError)), type(outcome)
    if isinstance(outcome, Document):
        for table in outcome.tables:  # every cell inside its table's grid
            for row in table.rows:
                assert all(0 <= c.col and c.col + c.col_span <= table.n_cols for c in row.cells)
