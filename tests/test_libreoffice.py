"""DOC, RTF, ODT, XLS through LibreOffice: one process reused, time-limited, nothing left behind.

Tests that need LibreOffice skip where it is not installed (``make setup`` and
``.ci/run`` install it); the missing-LibreOffice path is tested everywhere.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES
from extractor.errors import EncryptedFile, InflatedTooLarge, MissingComponent, Timeout, UnsafeContent
from extractor.limits import DEFAULT_LIMITS, Limits
from extractor.readers import libreoffice, load, read
from extractor.readers.libreoffice import TEMP_PREFIX, Converter, Installation

LO = libreoffice.installation()
needs_lo = pytest.mark.skipif(not LO.available, reason="LibreOffice is not installed")
needs_bridge = pytest.mark.skipif(not LO.warm, reason="python3-uno is not installed")
FIXTURES = ROOT / "tests" / "fixtures"
STEM = "rivne-pytna-voda-2021"


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (exited, not yet reaped by its parent) is not running
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(") ", 1)[1][0] != "Z"
    except OSError:
        return False


def wait_gone(pids: list[int], seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(alive(p) for p in pids):
            return True
        time.sleep(0.1)
    return False


def own_folders() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob(f"{TEMP_PREFIX}{os.getpid()}-*")}


# -- without LibreOffice ----------------------------------------------------------------------


def test_missing_libreoffice_names_the_file_and_what_to_install():
    conv = Converter(Installation(None, None, None))
    with pytest.raises(MissingComponent) as err:
        conv.convert(b"{\\rtf1 x}", "rtf", path="zvit.rtf", limits=DEFAULT_LIMITS)
    message = str(err.value)
    assert message.startswith("zvit.rtf: ") and "apt-get install libreoffice-writer-nogui" in message
    assert err.value.code == "missing-component"


def test_parse_without_libreoffice_is_one_line_and_exit_1(tmp_path):
    f = tmp_path / "zvit.rtf"
    f.write_bytes(b"{\\rtf1\\ansi \\par}")
    env = dict(os.environ, EXTRACTOR_SOFFICE="")
    done = subprocess.run([sys.executable, "-m", "extractor", "parse", str(f)], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and str(f) in lines[0] and "LibreOffice" in lines[0] and "apt-get install" in lines[0]


def test_formats_command_says_what_is_missing():
    env = dict(os.environ, EXTRACTOR_SOFFICE="")
    done = subprocess.run([sys.executable, "-m", "extractor", "--lang", "en", "formats"], capture_output=True,
                          text=True, env=env, timeout=120)
    lines = {line.split()[0]: line for line in done.stdout.splitlines()}
    assert done.returncode == 1
    assert " yes " in lines["DOCX"] and " yes " in lines["XLSX"] and " yes " in lines["HTML"]
    assert " NO " in lines["DOC"] and "install: apt-get install libreoffice-writer-nogui" in lines["DOC"]
    uk = subprocess.run([sys.executable, "-m", "extractor", "--lang", "uk", "formats"], capture_output=True,
                        text=True, env=env, timeout=120)
    assert "потрібен LibreOffice" in uk.stdout and "встановіть: apt-get install" in uk.stdout


@needs_lo
def test_formats_command_lists_converted_formats_as_read():
    done = subprocess.run([sys.executable, "-m", "extractor", "formats", "--json"], capture_output=True, text=True,
                          timeout=120)
    import json

    found = {f["format"]: f for f in json.loads(done.stdout)}
    assert found["doc"]["available"] and found["doc"]["how"] in ("libreoffice", "libreoffice-per-file")
    assert found["docx"]["how"] == "direct" and found["xls"]["suffixes"] == [".xls"]
    assert done.returncode == (0 if LO.warm else 0)


# -- password, bombs: refused before LibreOffice sees them ---------------------------------------------


@pytest.mark.parametrize("name", ["encrypted.doc", "encrypted.xls"])
def test_password_protected_doc_and_xls_are_refused_before_conversion(name):
    with pytest.raises(EncryptedFile, match="password"):
        load(FIXTURES / name)


def odt_bytes(content: bytes, compress=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compress) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", content)
    return buf.getvalue()


def test_odt_zip_bomb_is_refused_without_starting_libreoffice(tmp_path, monkeypatch):
    started = []
    monkeypatch.setattr(Converter, "convert", lambda *a, **k: started.append(1))
    f = tmp_path / "bomb.odt"
    f.write_bytes(odt_bytes(b"<office:document-content>" + b" " * (64 * 1024 * 1024) + b"</office:document-content>"))
    with pytest.raises(InflatedTooLarge):
        read(f, Limits(max_inflated_bytes=8 * 1024 * 1024))
    assert not started


def test_odt_with_entity_declarations_is_refused_without_starting_libreoffice(tmp_path, monkeypatch):
    started = []
    monkeypatch.setattr(Converter, "convert", lambda *a, **k: started.append(1))
    f = tmp_path / "xxe.odt"
    f.write_bytes(odt_bytes(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'))
    with pytest.raises(UnsafeContent):
        read(f)
    assert not started


# -- with LibreOffice ----------------------------------------------------------------------------------


@needs_bridge
def test_one_libreoffice_serves_many_files_and_close_leaves_nothing():
    before = own_folders()
    with Converter() as conv:
        for fmt in ("doc", "rtf", "odt"):
            out = conv.convert((SAMPLES / f"{STEM}.{fmt}").read_bytes(), fmt, path=f"x.{fmt}", limits=DEFAULT_LIMITS)
            assert out.startswith(b"PK") and zipfile.ZipFile(io.BytesIO(out)).read("word/document.xml")
        assert (conv.starts, conv.conversions) == (1, 3)
        pids = conv.pids
        assert len(pids) == 2 and all(alive(p) for p in pids)
        folder = conv._folder
        assert folder is not None and list(folder.glob("in-*")) == [] and list(folder.glob("out-*")) == []
    assert wait_gone(pids)
    assert own_folders() == before


@needs_bridge
def test_xls_converts_to_a_workbook():
    with Converter() as conv:
        out = conv.convert((SAMPLES / "zhytomyr-bezpechne-misto-2017-2019.xls").read_bytes(), "xls", path="x.xls",
                           limits=DEFAULT_LIMITS)
    assert "xl/workbook.xml" in zipfile.ZipFile(io.BytesIO(out)).namelist()


@needs_bridge
def test_conversion_past_its_time_limit_stops_libreoffice_and_the_next_file_gets_a_fresh_one():
    data = (SAMPLES / f"{STEM}.doc").read_bytes()
    with Converter() as conv:
        conv.convert(data, "doc", path="warm.doc", limits=DEFAULT_LIMITS)
        pids = conv.pids
        with pytest.raises(Timeout, match="took longer than"):
            conv.convert(data, "doc", path="slow.doc", limits=Limits(timeout_seconds=0.001))
        assert wait_gone(pids) and conv.pids == []
        assert list(conv._folder.iterdir()) == [conv._folder / "profile"] or not list(conv._folder.glob("in-*"))
        out = conv.convert(data, "doc", path="again.doc", limits=DEFAULT_LIMITS)
        assert out.startswith(b"PK") and conv.starts == 2


@needs_lo
def test_cold_conversion_without_the_bridge():
    cold = Installation(LO.soffice, None, LO.version)
    with Converter(cold) as conv:
        out = conv.convert((SAMPLES / f"{STEM}.rtf").read_bytes(), "rtf", path="x.rtf", limits=DEFAULT_LIMITS)
        assert conv.pids == []
    assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(out)).namelist()


@needs_lo
def test_a_file_libreoffice_cannot_open_is_a_conversion_error(tmp_path):
    from extractor.errors import ConversionFailed

    f = tmp_path / "broken.doc"
    data = bytearray((SAMPLES / f"{STEM}.doc").read_bytes())
    data[4096:] = bytes(len(data) - 4096)  # the header and directory stay, the streams are gone
    f.write_bytes(bytes(data))
    with pytest.raises((ConversionFailed, Exception)) as err:
        read(f)
    assert str(f) in str(err.value)


_KILLED_WORKER = """
import sys, time
from extractor.limits import DEFAULT_LIMITS
from extractor.readers.libreoffice import shared_converter
conv = shared_converter()
conv.convert(open(sys.argv[1], "rb").read(), "doc", path="x.doc", limits=DEFAULT_LIMITS)
print(" ".join(map(str, conv.pids)), conv._folder, flush=True)
time.sleep(600)
"""


@needs_bridge
def test_a_worker_killed_outright_takes_its_libreoffice_along_and_its_folder_is_swept():
    child = subprocess.Popen([sys.executable, "-c", _KILLED_WORKER, str(SAMPLES / f"{STEM}.doc")],
                             stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        line = child.stdout.readline().split()
        pids, folder = [int(p) for p in line[:-1]], Path(line[-1])
        assert pids and folder.exists()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert wait_gone(pids), "LibreOffice outlived the process that started it"
    assert folder.exists()  # nothing could clean up after SIGKILL ...
    assert libreoffice.sweep_stale_folders() >= 1  # ... so the next converter's start sweeps it
    assert not folder.exists()


@needs_bridge
def test_shared_converter_is_stopped_when_the_process_exits():
    code = ("from extractor.limits import DEFAULT_LIMITS\n"
            "from extractor.readers.libreoffice import shared_converter\n"
            "import sys\n"
            "c = shared_converter()\n"
            "c.convert(open(sys.argv[1], 'rb').read(), 'doc', path='x.doc', limits=DEFAULT_LIMITS)\n"
            "print(' '.join(map(str, c.pids)), c._folder)\n")
    done = subprocess.run([sys.executable, "-c", code, str(SAMPLES / f"{STEM}.doc")], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)
    line = done.stdout.split()
    pids, folder = [int(p) for p in line[:-1]], Path(line[-1])
    assert wait_gone(pids) and not folder.exists()


def _office_pids(folder: str) -> set[int]:
    """Processes running a LibreOffice (or bridge) whose command line names ``folder``."""
    out = set()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        if folder.encode() in cmdline:
            if alive(int(proc.name)):
                out.add(int(proc.name))
    return out


@needs_bridge
def test_batch_of_doc_files_converts_them_all_and_leaves_no_libreoffice_or_folder(tmp_path):
    folder = tmp_path / "звіти"
    folder.mkdir()
    for i in range(3):
        (folder / f"zvit-{i}.doc").write_bytes((SAMPLES / f"{STEM}.doc").read_bytes() + bytes(i))  # distinct bytes
    (folder / "zvit.rtf").write_bytes((SAMPLES / f"{STEM}.rtf").read_bytes())
    private_tmp = tmp_path / "tmp"  # the batch's temporary folder: nothing of other processes lands there
    private_tmp.mkdir()
    env = dict(os.environ, TMPDIR=str(private_tmp))
    done = subprocess.run([sys.executable, "-m", "extractor", "batch", str(folder), "-o", str(tmp_path / "out"),
                           "--jobs", "2", "--quiet", "--no-xlsx"], capture_output=True, text=True, timeout=600, env=env)
    assert done.returncode == 0, done.stderr
    import csv

    rows = list(csv.DictReader((tmp_path / "out" / "manifest.csv").open(encoding="utf-8")))
    assert sorted(r["format"] for r in rows) == ["doc", "doc", "doc", "rtf"]
    assert all(r["status"] == "ok" for r in rows), rows
    assert wait_gone(list(_office_pids(str(private_tmp))))
    assert list(private_tmp.iterdir()) == []
