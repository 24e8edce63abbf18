"""DOC, RTF, ODT, XLS and ODS through LibreOffice: converted to DOCX or XLSX, then read by those readers.

One ``Converter`` keeps one LibreOffice for many files. Its lifecycle:

* **start lazily**: nothing runs until the first ``convert()``;
* **reuse**: later conversions go to the same LibreOffice (about a tenth of
  a second for a report, against seconds for a cold start);
* **stop**: ``close()`` (or the ``with`` block's end) stops LibreOffice and
  removes every temporary file. ``shared_converter()`` gives each process
  one Converter that is closed when the process exits (also a
  ``multiprocessing`` worker), so a batch worker keeps one LibreOffice for
  all the files it parses; ``close_shared_converter()`` stops it earlier.

How it runs. LibreOffice (``soffice.bin``) is started headless with a
private profile in a private temporary folder, listening on a named pipe
(no TCP port), in a session of its own and with the parent-death signal
set, so it dies with the process that started it even when that process
is killed. A small UNO bridge (``lo_bridge.py``, run by the Python that
has LibreOffice's ``uno`` module: Debian's ``python3-uno``) takes one
conversion request per line. Each conversion has a time limit; past it
LibreOffice and the bridge are killed (the next file starts a fresh one)
and ``Timeout`` is raised. Input and output files live in the private
folder only while one conversion runs; the folder of a process that was
killed outright is swept by the next Converter that starts.

Without ``python3-uno`` each file is converted by a cold
``soffice --convert-to`` run (same profile, same limits, slower). Without
LibreOffice, ``MissingComponent`` names the file and what to install.

Before LibreOffice sees an ODT or ODS, its zip is checked under the same
limits as a DOCX (declared sizes, compression ratio, inflation capped while
streaming, no DOCTYPE in an XML part): a zip bomb is refused unopened.
"""

from __future__ import annotations

import atexit
import ctypes
import json
import os
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import ConversionFailed, MissingComponent, Timeout, UnsafeContent
from ..i18n import _
from ..limits import Limits
from .sniff import DOC, FORMAT_NAMES, ODS, ODT, RTF, XLS

#: what to install where LibreOffice is missing (Debian package names)
INSTALL_HINT = "apt-get install libreoffice-writer-nogui libreoffice-calc-nogui python3-uno"
#: formats LibreOffice turns into DOCX, and those it turns into XLSX: (target suffix, export filter)
TEXT_FORMATS = frozenset({DOC, RTF, ODT})
SHEET_FORMATS = frozenset({XLS, ODS})
CONVERTED_FORMATS = TEXT_FORMATS | SHEET_FORMATS
_TARGETS = {"docx": "MS Word 2007 XML", "xlsx": "Calc MS Excel 2007 XML"}
#: most seconds one conversion may take (a batch's per-file timeout lowers it, see ``conversion_timeout``)
CONVERT_SECONDS = 60.0
#: share of the per-file timeout a conversion may use, so the reader still has time after it
TIMEOUT_SHARE = 0.8
#: most seconds LibreOffice may take to start and accept the bridge
START_SECONDS = 60.0
#: seconds LibreOffice gets to stop on its own before it is killed
STOP_GRACE_SECONDS = 3.0
#: exit code of soffice.bin after it created a fresh profile: start it again
_RESTART_EXIT_CODE = 81
#: prefix of the private temporary folders (followed by the owner's pid)
TEMP_PREFIX = "extractor-lo-"
_BRIDGE = Path(__file__).with_name("lo_bridge.py")
#: where soffice.bin is looked for besides the PATH's soffice
_SOFFICE_CANDIDATES = ("/usr/lib/libreoffice/program/soffice.bin", "/opt/libreoffice/program/soffice.bin",
                       "/Applications/LibreOffice.app/Contents/MacOS/soffice")
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Installation:
    """What this machine has for conversions: the LibreOffice binary and a Python with ``uno``."""

    soffice: str | None
    uno_python: str | None
    version: str | None

    @property
    def available(self) -> bool:
        return self.soffice is not None

    @property
    def warm(self) -> bool:
        """Whether one LibreOffice can serve many files (the UNO bridge can run)."""
        return self.soffice is not None and self.uno_python is not None


@lru_cache(maxsize=1)
def installation() -> Installation:
    """Find LibreOffice (``EXTRACTOR_SOFFICE`` overrides) and a Python that imports ``uno``; cached."""
    soffice = _find_soffice()
    if soffice is None:
        return Installation(None, None, None)
    return Installation(soffice, _find_uno_python(soffice), _version(soffice))


def _find_soffice() -> str | None:
    override = os.environ.get("EXTRACTOR_SOFFICE")
    if override is not None:
        return override if override and os.access(override, os.X_OK) else None
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        real = Path(os.path.realpath(found))
        binary = real.with_name("soffice.bin")
        return str(binary) if binary.exists() else str(real)
    return next((c for c in _SOFFICE_CANDIDATES if os.access(c, os.X_OK)), None)


def _find_uno_python(soffice: str) -> str | None:
    override = os.environ.get("EXTRACTOR_UNO_PYTHON")
    candidates = [override] if override is not None else [
        str(Path(soffice).with_name("python")), "/usr/bin/python3", shutil.which("python3") or ""]
    for python in candidates:
        if python and os.access(python, os.X_OK):
            try:
                done = subprocess.run([python, "-c", "import uno"], capture_output=True, timeout=30)
            except (OSError, subprocess.SubprocessError):
                continue
            if done.returncode == 0:
                return python
    return None


def _version(soffice: str) -> str | None:
    """The version from LibreOffice's ``program/versionrc`` (asking the binary costs a start)."""
    rc = Path(soffice).with_name("versionrc")
    try:
        for line in rc.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("ProductVersion="):
                return line.split("=", 1)[1].strip() or None
    except OSError:
        pass
    return None


def target_of(fmt: str) -> str:
    """``docx`` or ``xlsx``: what LibreOffice turns a file of this format into."""
    if fmt in TEXT_FORMATS:
        return "docx"
    if fmt in SHEET_FORMATS:
        return "xlsx"
    raise ValueError(f"LibreOffice conversion is not set up for {fmt!r}")


def conversion_timeout(limits: Limits) -> float:
    """Seconds one conversion may take: ``CONVERT_SECONDS``, less under a short per-file timeout."""
    if limits.timeout_seconds is None:
        return CONVERT_SECONDS
    return min(CONVERT_SECONDS, limits.timeout_seconds * TIMEOUT_SHARE)


def missing(path: str, fmt: str) -> MissingComponent:
    return MissingComponent(path, _("{what} is read through LibreOffice, which is not installed ({hint})").format(
        what=_(FORMAT_NAMES[fmt]), hint=INSTALL_HINT))


def _die_with_parent() -> None:
    """preexec_fn: the child gets SIGKILL when the process that started it dies (Linux), even by SIGKILL."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_stale_folders(tmp: str | None = None) -> int:
    """Remove the private folders of converters whose process is gone (killed before it could clean up)."""
    root = Path(tmp or tempfile.gettempdir())
    removed = 0
    try:
        entries = list(root.glob(TEMP_PREFIX + "*"))
    except OSError:
        return 0
    for entry in entries:
        pid_text = entry.name[len(TEMP_PREFIX):].split("-", 1)[0]
        if pid_text.isdigit() and int(pid_text) != os.getpid() and not _pid_alive(int(pid_text)):
            shutil.rmtree(entry, ignore_errors=True)
            removed += 1
    return removed


class Converter:
    """One LibreOffice for many conversions; see the module docstring for its lifecycle."""

    def __init__(self, install: Installation | None = None):
        self.install = install or installation()
        self.owner_pid = os.getpid()
        self._lock = threading.Lock()
        self._folder: Path | None = None
        self._office: subprocess.Popen | None = None
        self._bridge: subprocess.Popen | None = None
        self._count = 0
        #: conversions done and LibreOffice starts, for the benchmark and the tests
        self.conversions = 0
        self.starts = 0

    # -- lifecycle ---------------------------------------------------------------------

    def __enter__(self) -> "Converter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def running(self) -> bool:
        return self._office is not None and self._office.poll() is None

    @property
    def pids(self) -> list[int]:
        """Process ids of the LibreOffice and bridge this converter runs (for tests that check nothing is left)."""
        return [p.pid for p in (self._office, self._bridge) if p is not None and p.poll() is None]

    def close(self) -> None:
        """Stop LibreOffice and the bridge, remove the private folder. The converter may be used again."""
        if os.getpid() != self.owner_pid:
            return  # a forked child: the processes belong to the parent
        with self._lock:
            self._stop(graceful=True)
            if self._folder is not None:
                shutil.rmtree(self._folder, ignore_errors=True)
                self._folder = None

    def _stop(self, graceful: bool) -> None:
        bridge, office = self._bridge, self._office
        self._bridge = self._office = None
        if bridge is not None:
            try:
                if bridge.stdin:
                    bridge.stdin.close()
            except OSError:
                pass
        if office is not None and office.poll() is None:
            if graceful:
                _signal_group(office, signal.SIGTERM)
                try:
                    office.wait(STOP_GRACE_SECONDS)
                except subprocess.TimeoutExpired:
                    pass
            _signal_group(office, signal.SIGKILL)
            office.wait()
        if bridge is not None:
            if bridge.poll() is None:
                try:
                    bridge.wait(STOP_GRACE_SECONDS if graceful else 0.1)
                except subprocess.TimeoutExpired:
                    pass
            if bridge.poll() is None:
                bridge.kill()
                bridge.wait()
            if bridge.stdout:
                bridge.stdout.close()

    def _ensure_folder(self) -> Path:
        if self._folder is None or not self._folder.exists():
            sweep_stale_folders()
            self._folder = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-"))
        return self._folder

    def _office_args(self, extra: list[str]) -> list[str]:
        profile = (self._ensure_folder() / "profile").as_uri()
        return [self.install.soffice or "soffice", f"-env:UserInstallation={profile}", "--headless", "--invisible",
                "--nologo", "--norestore", "--nodefault", "--nolockcheck", "--nofirststartwizard", *extra]

    def _spawn_office(self, extra: list[str]) -> subprocess.Popen:
        # LibreOffice's own temporary files (lu*.tmp) go into the private folder too, so they go with it
        tmp = self._ensure_folder() / "tmp"
        tmp.mkdir(exist_ok=True)
        env = dict(os.environ, TMPDIR=str(tmp), TMP=str(tmp), TEMP=str(tmp))
        return subprocess.Popen(self._office_args(extra), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True, preexec_fn=_die_with_parent,
                                env=env)

    def _start(self, path: str) -> None:
        """Start LibreOffice listening on a pipe, and the bridge; wait until the bridge is connected."""
        pipe = f"extractor-{os.getpid()}-{uuid.uuid4().hex[:12]}"
        accept = [f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"]
        self.starts += 1
        self._office = self._spawn_office(accept)
        self._bridge = subprocess.Popen(
            [self.install.uno_python, str(_BRIDGE), pipe], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, preexec_fn=_die_with_parent, start_new_session=True,
        )
        deadline = time.monotonic() + START_SECONDS
        restarted = False
        while True:
            line = self._read_line(min(0.5, max(0.0, deadline - time.monotonic())))
            if line is not None:
                if json.loads(line or "{}").get("ready"):
                    return
                self._stop(graceful=False)
                raise ConversionFailed(path, _("LibreOffice did not start (the UNO bridge could not connect)"))
            code = self._office.poll() if self._office is not None else None
            if code == _RESTART_EXIT_CODE and not restarted:
                restarted = True  # a fresh profile was just created: LibreOffice asks to be started again
                self._office = self._spawn_office(accept)
            elif code is not None or (self._bridge is not None and self._bridge.poll() is not None):
                self._stop(graceful=False)
                raise ConversionFailed(path, _("LibreOffice stopped while starting (exit code {code})").format(code=code))
            if time.monotonic() > deadline:
                self._stop(graceful=False)
                raise Timeout(path, _("LibreOffice did not start within {seconds} s").format(seconds=f"{START_SECONDS:g}"))

    def _read_line(self, timeout: float) -> str | None:
        """One line from the bridge within ``timeout`` seconds; None when none came; "" at its end."""
        bridge = self._bridge
        if bridge is None or bridge.stdout is None:
            return ""
        ready, _, _ = select.select([bridge.stdout], [], [], timeout)
        if not ready:
            return None
        return bridge.stdout.readline().decode("utf-8", errors="replace")

    # -- conversions -------------------------------------------------------------------

    def convert(self, data: bytes, fmt: str, *, path: str, limits: Limits) -> bytes:
        """Convert the bytes of a ``fmt`` file to DOCX or XLSX (``target_of(fmt)``) and return those bytes.

        Raises MissingComponent without LibreOffice, Timeout past
        ``conversion_timeout(limits)``, ConversionFailed when LibreOffice
        cannot open or save the file.
        """
        if not self.install.available:
            raise missing(path, fmt)
        if os.getpid() != self.owner_pid:  # inherited through fork: start afresh, leave the parent's alone
            self.__init__(self.install)
        target = target_of(fmt)
        timeout = conversion_timeout(limits)
        with self._lock:
            folder = self._ensure_folder()
            self._count += 1
            src = folder / f"in-{self._count}.{fmt}"
            out = folder / f"out-{self._count}.{target}"
            try:
                src.write_bytes(data)
                if self.install.warm:
                    self._convert_warm(src, out, target, timeout, path)
                else:
                    self._convert_cold(src, out, target, timeout, path)
                try:
                    result = out.read_bytes()
                except OSError as exc:
                    raise ConversionFailed(path, _("LibreOffice wrote no {format} for the file").format(
                        format=target.upper())) from exc
                self.conversions += 1
                return result
            finally:
                for f in (src, out):
                    try:
                        f.unlink()
                    except OSError:
                        pass

    def _convert_warm(self, src: Path, out: Path, target: str, timeout: float, path: str) -> None:
        if not self.running or self._bridge is None or self._bridge.poll() is not None:
            self._stop(graceful=False)
            self._start(path)
        request = {"in": str(src), "out": str(out), "filter": _TARGETS[target]}
        try:
            assert self._bridge is not None and self._bridge.stdin is not None
            self._bridge.stdin.write((json.dumps(request) + "\n").encode("utf-8"))
            self._bridge.stdin.flush()
        except (OSError, AssertionError) as exc:
            self._stop(graceful=False)
            raise ConversionFailed(path, _("LibreOffice stopped before the file could be converted")) from exc
        line = self._read_line(timeout)
        if line is None:
            self._stop(graceful=False)
            raise Timeout(path, _("LibreOffice took longer than {seconds} s to convert the file; it was stopped").format(
                seconds=f"{timeout:g}"))
        if not line:
            self._stop(graceful=False)
            raise ConversionFailed(path, _("LibreOffice stopped while converting the file (it crashed on it)"))
        answer = json.loads(line)
        if not answer.get("ok"):
            raise ConversionFailed(path, _("LibreOffice could not convert the file: {error}").format(
                error=answer.get("error", "")))

    def _convert_cold(self, src: Path, out: Path, target: str, timeout: float, path: str) -> None:
        """One ``soffice --convert-to`` run (no UNO bridge available)."""
        deadline = time.monotonic() + timeout
        self.starts += 1
        for _attempt in range(2):  # a fresh profile makes the first run exit asking for a restart
            office = self._spawn_office(["--convert-to", f"{target}:{_TARGETS[target]}", "--outdir",
                                         str(src.parent), str(src)])
            self._office = office
            try:
                code = office.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired as exc:
                self._stop(graceful=False)
                raise Timeout(path, _("LibreOffice took longer than {seconds} s to convert the file; it was stopped")
                              .format(seconds=f"{timeout:g}")) from exc
            self._office = None
            produced = src.with_suffix("." + target)
            if produced.exists():
                produced.replace(out)
                return
            if code != _RESTART_EXIT_CODE:
                break
        raise ConversionFailed(path, _("LibreOffice could not convert the file (exit code {code})").format(code=code))


def _signal_group(proc: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(proc.pid, sig)
    except (ProcessLookupError, PermissionError):
        try:
            proc.send_signal(sig)
        except ProcessLookupError:
            pass


# -- zips LibreOffice is given are checked first -----------------------------------------


def check_package(data: bytes, *, path: str, limits: Limits) -> None:
    """Refuse an ODT/ODS whose parts would inflate past the limits or carry a DOCTYPE, before LibreOffice opens it."""
    from .ooxml import Package, has_doctype

    with Package(data, path=path, limits=limits, kind="OpenDocument") as pkg:
        for name in pkg.names():
            if name.endswith("/"):
                continue
            body = pkg.read_bytes(name)
            if name.endswith(".xml") and has_doctype(body):
                raise UnsafeContent(path, _("part {name}: a DOCTYPE in an OpenDocument part (how XML entity attacks "
                                            "work); refused without opening it").format(name=name))


# -- one converter per process ------------------------------------------------------------

_shared: Converter | None = None
_shared_lock = threading.Lock()


def shared_converter() -> Converter:
    """This process's Converter, created on first use and closed when the process exits."""
    global _shared
    with _shared_lock:
        if _shared is None or _shared.owner_pid != os.getpid():
            _shared = Converter()
            _register_exit(_shared)
        return _shared


def close_shared_converter() -> None:
    """Stop this process's LibreOffice now (a worker that is about to end may call it; exit does it anyway)."""
    with _shared_lock:
        if _shared is not None and _shared.owner_pid == os.getpid():
            _shared.close()


def _register_exit(conv: Converter) -> None:
    atexit.register(conv.close)
    try:  # multiprocessing children leave through os._exit, which skips atexit but runs these
        from multiprocessing import util

        util.Finalize(conv, conv.close, exitpriority=10)
    except ImportError:
        pass
