"""Broken, mislabelled, huge and malicious inputs, end to end through the command line.

Every file is built here (tests/hostile_files.py has the builders); each test
states how extractor must answer it: a report (perhaps with a warning), or
an error that is one line on stderr naming the file and the reason, exit
code 1, no traceback unless ``--debug``. The big inputs run in a child
process whose wall time and peak memory are measured against the issue's
bounds (30 s, 600 MB); those are bound checks, far above what the inputs
need, not benchmarks. In ``batch`` the same errors go to the manifest and
the good files still give their outputs.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from extractor.cli import main as cli_main
from extractor.errors import (
    CorruptFile,
    EncryptedFile,
    FileAccessError,
    FileTooLarge,
    InflatedTooLarge,
    ScannedDocument,
    TooManyPages,
    UnsafeContent,
    UnsupportedFormat,
)
from extractor.limits import DEFAULT_LIMITS, DEFAULT_TIMEOUT_SECONDS, Limits
from extractor.readers import MAX_BLOCK_CHARS, read
from hostile_files import (
    IMAGE_PAGE,
    TEXT_PAGE,
    big_table_docx,
    docx_bytes,
    docx_package,
    document_xml,
    pdf_bytes,
    report_paragraphs,
    w_paragraph,
    zip_bomb_docx,
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DOCX_SAMPLE = SAMPLES / "rivne-pytna-voda-2021.docx"
PDF_SAMPLE = SAMPLES / "rivne-pytna-voda-2021.pdf"
TXT_SAMPLE = SAMPLES / "rivne-pytna-voda-2021.txt"

#: the issue's bounds for ``extractor parse`` on any hostile input: CPU seconds of the
#: parse (user + system, what the code costs whatever else the machine runs) and peak
#: memory; the wall clock only guards against a hang (four times the CPU bound)
BOUND_SECONDS = 30
BOUND_MB = 600
MB = 1024 * 1024


# -- running the command line -------------------------------------------------------------


def cli(*args, timeout: float = 300, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "extractor", *map(str, args)], capture_output=True, text=True, timeout=timeout, **kwargs
    )


def error_line(r: subprocess.CompletedProcess, path: Path) -> str:
    """Check that the command failed as every error must, and return its one stderr line.

    Exit code 1, nothing on stdout, exactly one line on stderr that names the
    file, and no traceback.
    """
    assert r.returncode == 1, (r.returncode, r.stderr)
    assert r.stdout == ""
    assert "Traceback" not in r.stderr
    lines = r.stderr.splitlines()
    assert len(lines) == 1, r.stderr
    assert str(path) in lines[0], lines[0]
    return lines[0]


def report_of(r: subprocess.CompletedProcess) -> dict:
    """The report JSON of a successful ``parse``; nothing on stderr."""
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    return json.loads(r.stdout)


def warning_codes(report: dict) -> list[str]:
    return [w["code"] for w in report["warnings"]]


_MEASURE = r"""
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
seconds = usage.ru_utime + usage.ru_stime
peak_kb = usage.ru_maxrss
sys.stdout.write(f"{done.returncode} {seconds} {peak_kb}\n")
sys.stdout.write(done.stderr.decode("utf-8", "replace"))
"""


def parse_measured(path: Path, *flags, output: Path | None = None) -> tuple[int, str, float, float]:
    """Run ``extractor parse`` in a fresh child; return (exit code, stderr, CPU seconds, peak RSS in MB).

    The child is started by a small Python of its own, so the peak RSS
    (RUSAGE_CHILDREN) is that of this one run; the JSON goes to ``output``.
    """
    args = [sys.executable, "-m", "extractor", "parse", str(path), *map(str, flags)]
    if output is not None:
        args += ["-o", str(output)]
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *args], capture_output=True, text=True, timeout=BOUND_SECONDS * 4
    )
    first, _, stderr = done.stdout.partition("\n")
    code, seconds, peak_kb = first.split()
    return int(code), stderr, float(seconds), int(peak_kb) / 1024


def assert_bounded(seconds: float, peak_mb: float) -> None:
    assert seconds < BOUND_SECONDS, f"took {seconds:.1f} CPU seconds"
    assert peak_mb < BOUND_MB, f"peak memory {peak_mb:.0f} MB"


# -- not a report at all --------------------------------------------------------------------


def test_empty_file(tmp_path):
    f = tmp_path / "порожній.pdf"
    f.write_bytes(b"")
    assert "file is empty" in error_line(cli("parse", f), f)


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_a_few_random_bytes(tmp_path, seed):
    f = tmp_path / "random.docx"
    f.write_bytes(random.Random(seed).randbytes(16))
    assert "not a report format: unrecognised content" in error_line(cli("parse", f), f)


def test_binary_bytes_with_nuls_are_not_text(tmp_path):
    f = tmp_path / "image.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert "a PNG image, not a report format" in error_line(cli("parse", f), f)


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_text_file_named_pdf_or_docx_is_read_as_text(tmp_path, suffix):
    f = tmp_path / f"report{suffix}"
    f.write_text("Інформація про виконання програми за 2021 рік\n\nТаблиць немає.\n", "utf-8")
    report = report_of(cli("parse", f))
    assert report["source"]["format"] == "txt"
    assert "format-mismatch" in warning_codes(report)
    assert report["document"]["title"] == "Інформація про виконання програми за 2021 рік"


def test_docx_named_pdf_is_read_as_docx(tmp_path):
    f = tmp_path / "report.pdf"
    f.write_bytes(DOCX_SAMPLE.read_bytes())
    as_pdf = report_of(cli("parse", f))
    as_docx = report_of(cli("parse", DOCX_SAMPLE))
    assert as_pdf["source"]["format"] == "docx"
    mismatch = [w for w in as_pdf["warnings"] if w["code"] == "format-mismatch"]
    assert len(mismatch) == 1 and "named .pdf" in mismatch[0]["message"]
    assert as_pdf["funding"] == as_docx["funding"] and as_pdf["indicators"] == as_docx["indicators"]
    assert [w for w in as_pdf["warnings"] if w["code"] != "format-mismatch"] == as_docx["warnings"]


# -- broken PDFs ----------------------------------------------------------------------------


@pytest.mark.parametrize("keep", [0.05, 0.5, 0.95])
def test_truncated_pdf(tmp_path, keep):
    data = PDF_SAMPLE.read_bytes()
    f = tmp_path / "обрізаний.pdf"
    f.write_bytes(data[: int(len(data) * keep)])
    line = error_line(cli("parse", f), f)
    assert "broken PDF" in line or "cannot read PDF" in line
    with pytest.raises(CorruptFile):
        read(f)


def _pdf_with_two_text_pages() -> bytes:
    return pdf_bytes([TEXT_PAGE, b"BT /F1 12 Tf 72 700 Td (Second page) Tj ET"])


def test_pdf_whose_startxref_points_nowhere_is_recovered(tmp_path):
    good = _pdf_with_two_text_pages()
    xref = good.rindex(b"xref\n0 ")
    f = tmp_path / "startxref.pdf"
    f.write_bytes(good.replace(b"startxref\n%d" % xref, b"startxref\n999999"))
    doc = read(f)
    assert [p.text for p in doc.paragraphs] == ["Hello report\nSecond page"]


def _garbage_xref(pdf: bytes) -> bytes:
    """The PDF with every xref entry's offset overwritten by garbage (startxref and trailer intact)."""
    start = pdf.rindex(b"xref\n0 ")
    end = pdf.index(b"trailer", start)
    table = pdf[start:end]
    lines = table.split(b"\n")
    broken = lines[:3] + [b"zzzzzzzzzz zzzzz n " for _ in lines[3:-1]] + lines[-1:]
    return pdf[:start] + b"\n".join(broken) + pdf[end:]


def test_pdf_with_a_broken_xref_is_recovered_or_corrupt_never_a_scan(tmp_path):
    f = tmp_path / "xref.pdf"
    f.write_bytes(_garbage_xref(_pdf_with_two_text_pages()))
    r = cli("parse", f)
    assert "Traceback" not in r.stderr and len(r.stderr.splitlines()) <= 1
    if r.returncode == 0:
        assert json.loads(r.stdout)["source"]["pages"] == 2
    else:
        line = error_line(r, f)
        assert "scan" not in line and ("broken" in line or "corrupt" in line), line


def test_pdf_with_a_broken_xref_gives_one_line_without_library_noise(tmp_path):
    """pdfminer logs a warning per broken xref entry; none of it reaches stderr (PDFium may read the file)."""
    f = tmp_path / "broken.pdf"
    f.write_bytes(_garbage_xref(_pdf_with_two_text_pages()))
    r = cli("parse", f)
    assert r.returncode in (0, 1) and len(r.stderr.splitlines()) == r.returncode, r.stderr
    assert "Not adding object" not in r.stderr


def test_password_protected_pdf(tmp_path):
    f = tmp_path / "захищений.pdf"
    f.write_bytes(pdf_bytes([TEXT_PAGE], encrypt=True))
    assert "encrypted" in error_line(cli("parse", f), f)
    with pytest.raises(EncryptedFile):
        read(f)


def test_pdf_without_a_text_layer_says_scanned(tmp_path):
    f = tmp_path / "скан.pdf"
    f.write_bytes(pdf_bytes([IMAGE_PAGE, IMAGE_PAGE]))
    assert "scan" in error_line(cli("parse", f), f)
    with pytest.raises(ScannedDocument):
        read(f)


def test_pdf_with_one_scanned_page_warns(tmp_path):
    f = tmp_path / "partly.pdf"
    f.write_bytes(pdf_bytes([TEXT_PAGE, IMAGE_PAGE]))
    report = report_of(cli("parse", f))
    scanned = [w for w in report["warnings"] if w["code"] == "scanned-page"]
    assert len(scanned) == 1 and "page 2" in scanned[0]["message"]


# -- broken DOCX ----------------------------------------------------------------------------


def test_docx_that_is_not_a_zip(tmp_path):
    f = tmp_path / "report.docx"
    f.write_bytes(b"PK\x03\x04" + bytes(300))
    assert "broken DOCX (zip)" in error_line(cli("parse", f), f)


def test_zip_without_word_document(tmp_path):
    f = tmp_path / "archive.docx"
    f.write_bytes(docx_package({"word/styles.xml": "<styles/>"}))
    assert "word/document.xml is missing" in error_line(cli("parse", f), f)


def test_plain_zip_is_not_a_report(tmp_path):
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("photo.jpg", b"\xff\xd8\xff")
    f = tmp_path / "photos.docx"
    f.write_bytes(buf.getvalue())
    assert "a ZIP archive holding no Office document, not a report format" in error_line(cli("parse", f), f)


@pytest.mark.parametrize(
    "xml",
    [
        "<w:document><w:body>",  # prefix never declared
        document_xml(w_paragraph("x"))[:-20],  # cut short
        document_xml("<w:p><w:r><w:t>x</w:r></w:p>"),  # tags cross
    ],
)
def test_docx_whose_xml_is_malformed(tmp_path, xml):
    f = tmp_path / "malformed.docx"
    f.write_bytes(docx_package({"word/document.xml": xml}))
    assert "malformed XML in word/document.xml" in error_line(cli("parse", f), f)


# -- zip bombs --------------------------------------------------------------------------------


def test_zip_bomb_rejected_by_declared_size(tmp_path):
    """1 GiB of document.xml in a 1 MB file: refused from the zip directory, never inflated."""
    f = tmp_path / "bomb.docx"
    f.write_bytes(zip_bomb_docx(1 << 30))
    code, stderr, seconds, peak = parse_measured(f)
    assert code == 1
    assert "would inflate to 1023.0 MB, over the 256.0 MB limit" in stderr and str(f) in stderr
    assert peak < 150, f"{peak:.0f} MB: the part was inflated"
    assert_bounded(seconds, peak)
    with pytest.raises(InflatedTooLarge):
        read(f)


def test_zip_bomb_under_the_size_limit_rejected_by_ratio(tmp_path):
    f = tmp_path / "bomb.docx"
    f.write_bytes(zip_bomb_docx(200 * MB))
    code, stderr, seconds, peak = parse_measured(f)
    assert code == 1 and "compression ratio" in stderr and "zip bomb" in stderr
    assert peak < 150, f"{peak:.0f} MB: the part was inflated"
    with pytest.raises(InflatedTooLarge):
        read(f)


def test_zip_bomb_lying_about_its_size_is_never_inflated_past_it(tmp_path):
    """The directory declares 10 kB; zipfile stops there and the checksum fails."""
    f = tmp_path / "liar.docx"
    f.write_bytes(zip_bomb_docx(1 << 30, declared_bytes=10_000))
    code, stderr, seconds, peak = parse_measured(f)
    assert code == 1 and "does not match its declared size" in stderr
    assert peak < 150, f"{peak:.0f} MB: the part was inflated"
    assert_bounded(seconds, peak)


def test_inflated_size_limit_flag(tmp_path):
    f = tmp_path / "big.docx"
    rng = random.Random(1)
    words = " ".join("".join(rng.choice("абвгдеєжзиіїйклмнопрстуфхцчшщьюя") for _ in range(8)) for _ in range(150_000))
    f.write_bytes(docx_bytes(w_paragraph("Звіт") + w_paragraph(words)))  # 2.7 MB of XML, compresses 2:1
    line = error_line(cli("parse", f, "--max-inflated-mb", "1", "--max-file-mb", "10"), f)
    assert "over the 1.0 MB limit" in line and "--max-inflated-mb" in line
    with pytest.raises(InflatedTooLarge):
        read(f, Limits(max_inflated_bytes=MB))
    assert report_of(cli("parse", f))["source"]["format"] == "docx"  # under the default


# -- XML entity attacks -------------------------------------------------------------------------


def _billion_laughs() -> str:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    return f"<!DOCTYPE w:document [{''.join(entities)}]>\n"


def test_billion_laughs_is_refused_unexpanded(tmp_path):
    f = tmp_path / "laughs.docx"
    f.write_bytes(docx_bytes("<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>", prolog=_billion_laughs()))
    code, stderr, seconds, peak = parse_measured(f)
    assert code == 1 and "DOCTYPE is not allowed" in stderr and len(stderr.splitlines()) == 1
    assert peak < 150 and seconds < 10
    with pytest.raises(UnsafeContent):
        read(f)


def test_external_entity_to_a_local_file_is_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-42", "utf-8")
    prolog = f'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file://{secret}">]>\n'
    f = tmp_path / "xxe.docx"
    f.write_bytes(docx_bytes("<w:p><w:r><w:t>&x;</w:t></w:r></w:p>", prolog=prolog))
    r = cli("parse", f)
    assert "DOCTYPE is not allowed" in error_line(r, f)
    assert "TOP-SECRET" not in r.stdout + r.stderr


class _Listener:
    """A local TCP server that records whether anyone connected."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self):
        self._stop.set()
        self._thread.join()
        self.sock.close()


@pytest.mark.parametrize("part", ["word/document.xml", "word/header1.xml", "_rels/.rels"])
def test_external_entity_to_a_url_fetches_nothing(tmp_path, part):
    listener = _Listener()
    try:
        url = f"http://127.0.0.1:{listener.port}/evil.dtd"
        prolog = f'<!DOCTYPE x [<!ENTITY % remote SYSTEM "{url}"> %remote; <!ENTITY x SYSTEM "{url}">]>\n'
        parts = {"word/document.xml": document_xml(w_paragraph("Звіт"))}
        if part == "word/document.xml":
            parts[part] = document_xml("<w:p><w:r><w:t>&x;</w:t></w:r></w:p>", prolog=prolog)
        elif part == "_rels/.rels":
            parts[part] = (
                prolog + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'
            )
        else:  # a header: malformed headers are skipped, but a DOCTYPE is refused like anywhere else
            hdr = f'<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{w_paragraph("&x;")}</w:hdr>'
            parts[part] = prolog + hdr
            parts["word/_rels/document.xml.rels"] = (
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" '
                'Target="header1.xml"/></Relationships>'
            )
        f = tmp_path / "xxe-url.docx"
        f.write_bytes(docx_package(parts))
        line = error_line(cli("parse", f), f)
        assert "DOCTYPE is not allowed" in line and part in line
    finally:
        listener.close()
    assert listener.connections == 0


# -- text encodings -----------------------------------------------------------------------------


def _comparable(report: dict) -> dict:
    """A report without what legitimately differs between encodings of one text."""
    out = {k: v for k, v in report.items() if k != "source"}
    out["warnings"] = [w for w in report["warnings"] if w["code"] not in ("decoding", "no-table-markup")]
    return out


def _mixed_line_ends(text: str) -> str:
    """The lines joined by CRLF, LF and CR in turn (a CR never directly before an empty line's LF)."""
    lines = text.split("\n")
    ends = ("\r\n", "\n", "\r")
    out = []
    for i, line in enumerate(lines[:-1]):
        end = ends[i % 3]
        if end == "\r" and lines[i + 1] == "":
            end = "\r\n"
        out.append(line + end)
    return "".join(out) + lines[-1]


_VARIANTS = {
    "cp1251": lambda t: t.encode("cp1251", errors="replace"),
    "utf-16-le-bom": lambda t: b"\xff\xfe" + t.encode("utf-16-le"),
    "utf-16-be-bom": lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
    "utf-8-bom": lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    "mixed-line-ends": lambda t: _mixed_line_ends(t).encode("utf-8"),
    "nul-bytes": lambda t: t.replace("\n", "\n\x00", 40).replace(" ", " \x00", 40).encode("utf-8"),
}


@pytest.mark.parametrize("variant", sorted(_VARIANTS))
def test_text_encodings_and_line_ends_give_the_same_report(tmp_path, variant):
    text = TXT_SAMPLE.read_text("utf-8")
    if variant == "cp1251":  # the sample's "м³" has no cp1251 byte: compare like with like
        text = text.encode("cp1251", errors="replace").decode("cp1251")
    plain = tmp_path / "plain.txt"
    plain.write_bytes(text.encode("utf-8"))
    f = tmp_path / f"звіт {variant}.txt"
    f.write_bytes(_VARIANTS[variant](text))
    expected = report_of(cli("parse", plain))
    assert expected["funding"], "the sample must give funding rows for the comparison to mean something"
    got = report_of(cli("parse", f))
    assert got["source"]["format"] == "txt"
    assert _comparable(got) == _comparable(expected)


def test_fifty_megabyte_single_line(tmp_path):
    f = tmp_path / "one line.txt"
    unit = "Звіт про виконання програми 2021 "
    f.write_bytes((unit * (50 * MB // len(unit.encode()) + 1)).encode("utf-8")[: 50 * MB].rsplit(b" ", 1)[0])
    out = tmp_path / "out.json"
    code, stderr, seconds, peak = parse_measured(f, output=out)
    assert code == 0, stderr
    assert_bounded(seconds, peak)
    report = json.loads(out.read_text("utf-8"))
    truncated = [w for w in report["warnings"] if w["code"] == "text-truncated"]
    assert len(truncated) == 1 and f"{MAX_BLOCK_CHARS}" in truncated[0]["message"]
    assert report["funding"] == [] and "table-not-found" in warning_codes(report)


# -- a report without tables ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["docx", "txt"])
def test_report_without_tables_is_a_valid_result(tmp_path, fmt):
    f = tmp_path / f"no tables.{fmt}"
    if fmt == "docx":
        f.write_bytes(docx_bytes(report_paragraphs()))
    else:
        f.write_text("Інформація про виконання програми за 2021 рік\nПрограма розвитку міста\n", "utf-8")
    report = report_of(cli("parse", f))
    assert report["funding"] == [] and report["indicators"] == [] and report["decisions"] == []
    not_found = [w for w in report["warnings"] if w["code"] == "table-not-found"]
    assert {w["path"] for w in not_found} == {"funding", "indicators"}
    assert report["document"]["title"] == "Інформація про виконання програми за 2021 рік"


# -- paths and file system ------------------------------------------------------------------------


def test_cyrillic_path_with_spaces(tmp_path):
    folder = tmp_path / "звіти міста" / "2021 рік"
    folder.mkdir(parents=True)
    f = folder / "Звіт про виконання (остаточний).docx"
    f.write_bytes(DOCX_SAMPLE.read_bytes())
    report = report_of(cli("parse", f))
    assert report["source"]["file"] == f.name and report["funding"]
    broken = folder / "Зламаний звіт.pdf"
    broken.write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 50)
    assert "Зламаний звіт.pdf" in error_line(cli("parse", broken), broken)


def test_directory_given_as_a_file(tmp_path):
    d = tmp_path / "folder.docx"
    d.mkdir()
    assert "is a directory" in error_line(cli("parse", d), d)
    with pytest.raises(FileAccessError):
        read(d)


def test_missing_file_and_a_path_through_a_file(tmp_path):
    missing = tmp_path / "немає.docx"
    assert "no such file" in error_line(cli("parse", missing), missing)
    (tmp_path / "file.txt").write_text("x")
    through = tmp_path / "file.txt" / "report.docx"
    assert "no such file" in error_line(cli("parse", through), through)


_DENY_OPEN = r"""
import builtins, errno, os, runpy, sys
target = os.path.abspath(sys.argv[1])
real_open = builtins.open
def guarded_open(file, *args, **kwargs):
    if isinstance(file, (str, os.PathLike)) and os.path.abspath(os.fspath(file)) == target:
        raise PermissionError(errno.EACCES, "Permission denied", os.fspath(file))
    return real_open(file, *args, **kwargs)
builtins.open = guarded_open
sys.argv = ["extractor", "parse", sys.argv[1]]
runpy.run_module("extractor", run_name="__main__")
"""


def test_unreadable_file(tmp_path):
    f = tmp_path / "закритий.docx"
    f.write_bytes(DOCX_SAMPLE.read_bytes())
    if os.geteuid() != 0:
        f.chmod(0)
        r = cli("parse", f)
    else:  # root reads any file: refuse the open() itself, as the kernel would for anyone else
        r = subprocess.run([sys.executable, "-c", _DENY_OPEN, str(f)], capture_output=True, text=True, timeout=60)
    assert "permission denied" in error_line(r, f)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_and_device_are_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert "not a regular file" in error_line(cli("parse", fifo), fifo)
    if Path("/dev/zero").exists():  # never ends: reading it would fill the memory
        assert "not a regular file" in error_line(cli("parse", "/dev/zero"), Path("/dev/zero"))


# -- big inputs -----------------------------------------------------------------------------------


def test_pdf_of_thousands_of_blank_pages(tmp_path):
    f = tmp_path / "blank.pdf"
    f.write_bytes(pdf_bytes([None] * 1900, shared_content=True))
    code, stderr, seconds, peak = parse_measured(f)
    assert code == 1 and "no text layer" in stderr and str(f) in stderr
    assert_bounded(seconds, peak)


def test_pdf_over_the_page_limit_is_refused_before_reading_pages(tmp_path):
    f = tmp_path / "huge.pdf"
    f.write_bytes(pdf_bytes([None] * 5000, shared_content=True))
    code, stderr, seconds, peak = parse_measured(f)
    assert code == 1 and "5000 pages, over the limit of 2000" in stderr
    assert_bounded(seconds, peak)
    line = error_line(cli("parse", f, "--max-pages", "6000", "--max-file-mb", "0.5"), f)
    assert "over the 0.5 MB limit" in line


def test_page_limit_flag(tmp_path):
    f = tmp_path / "six.pdf"
    f.write_bytes(pdf_bytes([TEXT_PAGE] * 6))
    assert "6 pages, over the limit of 5" in error_line(cli("parse", f, "--max-pages", "5"), f)
    with pytest.raises(TooManyPages):
        read(f, Limits(max_pages=5))
    assert report_of(cli("parse", f, "--max-pages", "6"))["source"]["pages"] == 6


@pytest.mark.slow
def test_docx_with_a_twenty_thousand_row_table(tmp_path):
    """Formatted as Word formats it: 53 MB of XML in a 0.6 MB file."""
    f = tmp_path / "rows.docx"
    f.write_bytes(big_table_docx(20_000, word_formatting=True))
    out = tmp_path / "rows.json"
    code, stderr, seconds, peak = parse_measured(f, output=out)
    assert code == 0, stderr
    assert_bounded(seconds, peak)
    report = json.loads(out.read_text("utf-8"))
    assert len(report["funding"]) == 20_000
    assert report["funding"][-1]["measure"] == "Захід номер 20000 з благоустрою"
    assert report["funding"][-1]["planned"] == 20_000 % 997 + 0.5


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.docx")), ids=lambda p: p.stem)
def test_formatting_pruned_while_parsing_changes_nothing_read(sample, monkeypatch):
    """The DOCX reader strips formatting elements during the parse (memory); the Document is the same without it."""
    import extractor.readers.docx as docx_reader

    pruned = read(sample)
    monkeypatch.setattr(docx_reader, "PRUNING", None)
    assert read(sample) == pruned


def test_file_size_limit_flag(tmp_path):
    f = tmp_path / "big.txt"
    f.write_bytes(("Звіт про виконання програми\n" * 60_000).encode())
    line = error_line(cli("parse", f, "--max-file-mb", "1"), f)
    assert "over the 1 MB limit" in line and "--max-file-mb" in line
    with pytest.raises(FileTooLarge):
        read(f, Limits(max_file_bytes=MB))


# -- limits, flags, --debug -----------------------------------------------------------------------


def test_every_limit_has_a_default_and_a_flag():
    parse_help = cli("parse", "--help").stdout
    batch_help = cli("batch", "--help").stdout
    for flag, default in (
        ("--max-file-mb", DEFAULT_LIMITS.max_file_bytes / MB),
        ("--max-pages", DEFAULT_LIMITS.max_pages),
        ("--max-inflated-mb", DEFAULT_LIMITS.max_inflated_bytes / MB),
    ):
        assert flag in parse_help and flag in batch_help
        assert f"(default: {default})" in " ".join(parse_help.split()), flag
    assert "--timeout" in batch_help and f"(default: {DEFAULT_TIMEOUT_SECONDS})" in " ".join(batch_help.split())


@pytest.mark.parametrize("flag", ["--max-file-mb", "--max-pages", "--max-inflated-mb"])
def test_a_limit_that_is_not_positive_is_a_usage_error(tmp_path, flag):
    r = cli("parse", DOCX_SAMPLE, flag, "0")
    assert r.returncode == 2 and "Traceback" not in r.stderr and len(r.stderr.splitlines()) == 1


def test_debug_shows_the_traceback(tmp_path):
    f = tmp_path / "empty.docx"
    f.write_bytes(b"")
    assert "Traceback" not in cli("parse", f).stderr
    r = cli("parse", f, "--debug")
    assert r.returncode != 0 and "Traceback" in r.stderr and "UnsupportedFormat" in r.stderr


# -- batch: every bad case in one folder ------------------------------------------------------------


def _bad_inputs(folder: Path) -> dict[str, tuple[bytes, str]]:
    """File name → (bytes, expected error code) for one file per bad case."""
    return {
        "empty.pdf": (b"", "unsupported-format"),
        "random.docx": (random.Random(7).randbytes(16), "unsupported-format"),
        "truncated.pdf": (PDF_SAMPLE.read_bytes()[:3000], "corrupt-file"),
        "locked.pdf": (pdf_bytes([TEXT_PAGE], encrypt=True), "encrypted-file"),
        "scan.pdf": (pdf_bytes([IMAGE_PAGE]), "scanned-document"),
        "not-a-zip.docx": (b"PK\x03\x04" + bytes(300), "corrupt-file"),
        "no-document.docx": (docx_package({"word/styles.xml": "<styles/>"}), "corrupt-file"),
        "malformed.docx": (docx_package({"word/document.xml": "<w:document><w:body>"}), "corrupt-file"),
        "bomb.docx": (zip_bomb_docx(1 << 30), "inflated-too-large"),
        "laughs.docx": (docx_bytes("<w:p/>", prolog=_billion_laughs()), "unsafe-content"),
        "many pages.pdf": (pdf_bytes([TEXT_PAGE] * 4), "too-many-pages"),
    }


def _manifest(outdir: Path) -> dict[str, dict]:
    rows = csv.DictReader(io.StringIO((outdir / "manifest.csv").read_text("utf-8-sig")))
    return {Path(r["path"]).name: r for r in rows}


def test_batch_over_every_bad_case_keeps_the_good_outputs(tmp_path, capsys):
    folder = tmp_path / "вхідні звіти"
    folder.mkdir()
    bad = _bad_inputs(folder)
    for name, (data, _) in bad.items():
        (folder / name).write_bytes(data)
    good = {"good.docx": DOCX_SAMPLE, "good.txt": TXT_SAMPLE, "text named.pdf": None}
    (folder / "good.docx").write_bytes(DOCX_SAMPLE.read_bytes())
    (folder / "good.txt").write_bytes(TXT_SAMPLE.read_bytes())
    (folder / "text named.pdf").write_text("Інформація про виконання програми за 2021 рік\n", "utf-8")
    out = tmp_path / "out"
    r = cli("batch", folder, "-o", out, "--quiet", "--jobs", "2", "--max-pages", "3", "--no-xlsx")
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    rows = _manifest(out)
    assert set(rows) == set(bad) | set(good)
    for name in good:
        expected = ("no-tables",) if name == "text named.pdf" else ("ok", "warning")  # one line of text
        assert rows[name]["status"] in expected, rows[name]["error"]
        assert (out / "reports" / f"{name}.json").exists()
    # the TXT is the same report as the DOCX: counted once, as the DOCX
    assert rows["good.txt"]["duplicate_of"] == str(folder / "good.docx")
    funding = list(csv.DictReader(io.StringIO((out / "funding.csv").read_text("utf-8"))))
    assert {row["report"] for row in funding} == {"good.docx"}
    for name, (_, code) in bad.items():
        row = rows[name]
        assert (row["status"], row["error_code"]) == ("failed", code), (name, row)
        assert not (out / "reports" / f"{name}.json").exists()
        # the same one-line message as `parse` gives on stderr (run in this process: the subprocess
        # path of each case is tested above)
        assert cli_main(["parse", str(folder / name), "--max-pages", "3"]) == 1
        captured = capsys.readouterr()
        assert captured.out == "" and captured.err == f"extractor: error: {row['error']}\n"
    # one stderr line per failed file with --quiet
    assert len([line for line in r.stderr.splitlines() if line.strip()]) == len(bad)


def test_batch_timeout_is_a_named_error_and_the_others_finish(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "slow.docx").write_bytes(big_table_docx(20_000, word_formatting=True))  # ~10 s to parse
    (folder / "good.docx").write_bytes(DOCX_SAMPLE.read_bytes())
    out = tmp_path / "out"
    r = cli("batch", folder, "-o", out, "--quiet", "--jobs", "2", "--timeout", "4", "--no-xlsx")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    rows = _manifest(out)
    assert rows["slow.docx"]["error_code"] == "timeout"
    assert "longer than 4 s" in rows["slow.docx"]["error"] and str(folder / "slow.docx") in rows["slow.docx"]["error"]
    assert rows["good.docx"]["status"] in ("ok", "warning")
    assert (out / "reports" / "good.docx.json").exists()


_CRASH = r"""
import runpy, sys
import extractor.pipeline

def broken(*args, **kwargs):
    raise KeyError("a bug\nover two lines")

extractor.pipeline.parse_input = broken  # parse_file and parse both go through it
sys.argv = ["extractor", *sys.argv[1:]]
runpy.run_module("extractor", run_name="__main__")
"""


def test_a_bug_is_still_one_line_and_its_traceback_needs_debug(tmp_path):
    f = tmp_path / "any.docx"
    f.write_bytes(DOCX_SAMPLE.read_bytes())
    r = subprocess.run([sys.executable, "-c", _CRASH, "parse", str(f)], capture_output=True, text=True, timeout=60)
    line = error_line(r, f)
    assert "internal error (KeyError: 'a bug\\nover two lines')" in line and "--debug" in line
    r = subprocess.run([sys.executable, "-c", _CRASH, "parse", str(f), "--debug"], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode != 0 and "Traceback" in r.stderr and "KeyError" in r.stderr


def test_a_line_break_in_the_file_name_or_a_library_message_keeps_the_error_one_line(tmp_path):
    f = tmp_path / "two\nlines.pdf"
    f.write_bytes(b"")
    r = cli("parse", f)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "two\\nlines.pdf: file is empty" in r.stderr
    # lxml's message for a NUL in the XML ends in a line break of its own
    g = tmp_path / "nul.docx"
    g.write_bytes(docx_package({"word/document.xml": document_xml(w_paragraph("x")) + "\x00"}))
    assert "malformed XML" in error_line(cli("parse", g), g)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_batch_given_a_named_pipe_and_a_device_does_not_block(tmp_path):
    fifo = tmp_path / "pipe.docx"
    os.mkfifo(fifo)
    inputs = [fifo, DOCX_SAMPLE] + ([Path("/dev/zero")] if Path("/dev/zero").exists() else [])
    out = tmp_path / "out"
    r = cli("batch", *inputs, "-o", out, "--quiet", "--no-xlsx", timeout=60)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    rows = {r["path"]: r for r in csv.DictReader(io.StringIO((out / "manifest.csv").read_text("utf-8")))}
    for special in inputs[::2]:
        assert rows[str(special)]["error_code"] == "file-access"
        assert "not a regular file" in rows[str(special)]["error"]
    assert rows[str(DOCX_SAMPLE)]["status"] in ("ok", "warning")
