"""Run the per-file work (parse one report) for many files, isolated and time-boxed.

``convert(path, settings)`` is the unit of work: it parses one file with the
root ``Settings`` (or bare ``Limits``) and returns an ``Outcome`` (the report
JSON, or the one-line error), never raising; the runners hand every worker
the caller's settings.
Two runners hand it out:

- ``run_local``: a pool of worker processes on this machine. A file whose
  worker runs past the timeout has its worker killed (not abandoned) and a
  fresh worker takes its place; a worker that dies (a crash in a native
  library) is recorded as a crash; the other files go on.
- ``run_dask``: the same work on a running dask.distributed cluster. Each
  file's bytes travel with the task (no shared filesystem needed) and the
  worker parses them in a child Python process that is killed at the
  timeout, so a hung file never blocks a dask worker.

Both yield one Outcome per input as they finish, in completion order; callers
sort. CLI and batch only orchestrate: nothing here parses.
"""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import os
import pickle
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait as wait_ready
from pathlib import Path

from . import problems
from .errors import ContractInvalid, ExtractorError, Timeout, contract_error  # noqa: F401 (ContractInvalid: its old home)
from .i18n import _, language, set_language
from .limits import DEFAULT_LIMITS, DEFAULT_TIMEOUT_SECONDS, Limits
from .settings import Settings, settings_of
from .status import error_status


#: error code of a file whose work raised an unexpected exception or killed its worker
CRASH_CODE = problems.CRASH.code
#: error code of a file whose result could not be recorded (a failure on our side, not the file's)
INTERNAL_ERROR_CODE = problems.INTERNAL_ERROR.code
#: seconds a stopping worker gets to exit before it is killed
WORKER_STOP_GRACE_SECONDS = 2.0
#: tasks kept in flight per dask worker thread (bounds the client's memory)
DASK_TASKS_PER_THREAD = 2
#: extra seconds a dask task may run beyond the per-file timeout (child start-up)
DASK_STARTUP_ALLOWANCE_SECONDS = 10.0


@dataclass
class Outcome:
    """What became of one input file."""

    path: str
    status: str  # a Status value (ok, warning, no-tables, failed, skipped)
    report_json: str | None = None
    format: str | None = None
    error: str | None = None
    error_code: str | None = None
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


def outcome_report(outcome: Outcome):
    """The Report of a parsed outcome, validated again on this side.

    The worker validated it before sending it; a failure here (a text that
    cannot be encoded, a result damaged on the way) is extractor's, not the
    file's, and callers record it as an internal error.
    """
    from .models import Report

    return Report.model_validate_json(outcome.report_json)


def describe(exc: BaseException) -> str:
    """``TypeName: message`` on one line: how an unexpected exception is named in a message."""
    return " ".join(f"{type(exc).__name__}: {exc}".split())


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def error_outcome(path: str, code: str, message: str, seconds: float = 0.0, fmt: str | None = None) -> Outcome:
    """The Outcome of an input with no report (failed, or skipped when not a format extractor reads)."""
    return Outcome(
        path=path,
        status=error_status(code, path).value,
        format=fmt,
        error=_one_line(message),
        error_code=code,
        seconds=seconds,
    )


def _sniffed_format(path: str, limits: Limits) -> str | None:
    """The sniffed format of a file that failed, for the manifest; None when unknown."""
    try:
        from .readers.sniff import sniff

        p = Path(path)
        st = p.stat()
        if not stat.S_ISREG(st.st_mode) or st.st_size > limits.max_file_bytes:
            return None  # a pipe would block, a device never ends
        with open(p, "rb") as fh:
            return sniff(fh.read(limits.max_file_bytes))
    except Exception:
        return None


def convert(path: str, settings: Settings | Limits = DEFAULT_LIMITS) -> Outcome:
    """Parse one file into an Outcome: report JSON and status, or the error; never raises."""
    from pydantic import ValidationError

    from . import pipeline

    settings = settings_of(settings)
    limits = settings.limits

    start = time.monotonic()
    try:
        report = pipeline.parse_file(path, settings)
    except ExtractorError as e:
        detected = getattr(e, "detected", None)  # what a file that is no report is (png, zip, pptx)
        fmt = detected if detected not in (None, "empty", "unknown") else _sniffed_format(path, limits)
        return error_outcome(path, e.code, str(e), time.monotonic() - start, fmt)
    except ValidationError as e:
        error = contract_error(path, e)
        return error_outcome(path, error.code, str(error), time.monotonic() - start, _sniffed_format(path, limits))
    except Exception as e:  # a bug or a library failure: record it, the batch goes on
        message = f"{path}: {type(e).__name__}: {e}"
        return error_outcome(path, CRASH_CODE, message, time.monotonic() - start, _sniffed_format(path, limits))
    from .status import report_status

    return Outcome(
        path=path,
        status=report_status(report).value,
        report_json=report.to_json(),
        format=report.source.format.value if report.source.format else None,
        seconds=time.monotonic() - start,
    )


Work = Callable[[str, Limits], Outcome]


def timeout_outcome(path: str, timeout: float) -> Outcome:
    error = Timeout(path, problems.TIMEOUT.message(seconds=f"{timeout:g}"))
    return error_outcome(path, error.code, str(error), timeout)


# -- local process pool ----------------------------------------------------------------


def _mp_context():
    """fork where the OS has it (workers inherit the imported code), spawn elsewhere."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _pin_to_cpu(slot: int) -> None:
    """Keep worker ``slot`` on its own CPU of those this process may use (round-robin).

    Some virtual machines pack runnable processes onto as few vCPUs as they
    can (a Firecracker guest booted with ``sched_vcpu_pack``): two unpinned
    workers then share one core and ``--jobs 2`` gains nothing (two
    CPU-bound processes there take twice as long as one). A worker pinned
    to a CPU of its own uses that core. Where affinity cannot be set, nothing
    changes.
    """
    try:
        cpus = sorted(os.sched_getaffinity(0))
        if len(cpus) > 1:
            os.sched_setaffinity(0, {cpus[slot % len(cpus)]})
    except (AttributeError, OSError):
        pass


def _worker_loop(conn, work: Work, limits: Settings | Limits, slot: int | None = None, lang: str | None = None) -> None:
    """A worker process: take (index, path), send back (index, Outcome), until told to stop.

    With a ``slot`` (one of several workers) the worker is pinned to a CPU of its own.
    ``lang`` is the language of the parent's messages (a spawned process starts
    with the default one, so it is passed explicitly).
    """
    if lang is not None:
        set_language(lang)
    if slot is not None:
        _pin_to_cpu(slot)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler, if it set one
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, path = task
        try:
            outcome = work(path, limits)
        except BaseException as e:  # work is meant not to raise; keep the worker alive anyway
            outcome = error_outcome(path, CRASH_CODE, f"{path}: {type(e).__name__}: {e}")
        conn.send((index, outcome))


class _Worker:
    def __init__(self, ctx, work: Work, limits: Settings | Limits, slot: int | None = None):
        self.slot = slot
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_loop, args=(child, work, limits, slot, language()), daemon=True)
        self.process.start()
        child.close()
        self.task: tuple[int, str] | None = None
        self.deadline = 0.0
        self.started = 0.0

    def assign(self, index: int, path: str, timeout: float | None) -> None:
        self.conn.send((index, path))
        self.task = (index, path)
        self.started = time.monotonic()
        self.deadline = self.started + timeout if timeout else float("inf")

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.process.join(WORKER_STOP_GRACE_SECONDS)
        self.kill()


def run_local(
    paths: Iterable[str],
    jobs: int,
    timeout: float | None = DEFAULT_TIMEOUT_SECONDS,
    limits: Settings | Limits = DEFAULT_LIMITS,
    work: Work = convert,
) -> Iterator[Outcome]:
    """Run ``work`` on each path in up to ``jobs`` worker processes; yield Outcomes as they finish.

    A worker past ``timeout`` seconds on one file is killed and replaced; a
    worker that dies is replaced. Closing the iterator (or Ctrl-C in the
    caller) stops every worker.
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    pending = deque(enumerate(paths))
    if not pending:
        return
    ctx = _mp_context()
    if ctx.get_start_method() == "fork":
        from . import pipeline  # noqa: F401  (imported once here, inherited by every worker)
    n_workers = min(jobs, len(pending))
    workers = [_Worker(ctx, work, limits, slot if n_workers > 1 else None) for slot in range(n_workers)]
    try:
        while True:
            for w in workers:
                if w.task is None and pending:
                    w.assign(*pending.popleft(), timeout)
            busy = [w for w in workers if w.task is not None]
            if not busy:
                return
            wait_for = min(w.deadline for w in busy) - time.monotonic()
            handles = [w.conn for w in busy] + [w.process.sentinel for w in busy]
            ready = set(wait_ready(handles, timeout=None if wait_for == float("inf") else max(0.0, wait_for)))
            now = time.monotonic()
            for i, w in enumerate(workers):
                if w.task is None:
                    continue
                index, path = w.task
                outcome = None
                replace = False
                if w.conn in ready or w.process.sentinel in ready:
                    try:
                        if w.conn.poll():
                            _, outcome = w.conn.recv()
                    except (EOFError, OSError):
                        outcome = None
                    if outcome is None and not w.process.is_alive():
                        code = w.process.exitcode
                        outcome = error_outcome(
                            path, CRASH_CODE, f"{path}: worker process died (exit code {code})", now - w.started
                        )
                        replace = True
                elif now >= w.deadline:
                    outcome = timeout_outcome(path, now - w.started if timeout is None else timeout)
                    replace = True
                if outcome is None:
                    continue
                if replace:
                    w.kill()
                    workers[i] = _Worker(ctx, work, limits, w.slot)
                else:
                    w.task = None
                yield outcome
    finally:
        for w in workers:
            if w.task is not None:
                w.kill()
            else:
                w.stop()


# -- dask.distributed ------------------------------------------------------------------


def convert_isolated(name: str, data: bytes, settings: Settings | Limits | None, timeout: float | None,
                     lang: str | None = None) -> dict:
    """Dask task: parse the bytes of one file in a child Python process, killed at ``timeout``.

    The bytes are written under their own file name into a private temporary
    folder, so the report names its source as usual. The child gets the whole
    root ``settings`` of the client (pickled on its stdin: the child is this
    package, never another program) and ``lang``, the language of the
    client's messages. Returns ``Outcome.to_dict()``.
    """
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="extractor-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        cmd = [sys.executable, "-m", "extractor.runner", str(path), lang or language()]
        try:
            done = subprocess.run(cmd, input=pickle.dumps(settings_of(settings)), capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:  # subprocess.run has killed the child
            return timeout_outcome(name, timeout or 0.0).to_dict()
        stdout = (done.stdout or b"").decode("utf-8", "replace")
        if done.returncode != 0 or not stdout.strip():
            lines = (done.stderr or b"").decode("utf-8", "replace").strip().splitlines()
            detail = lines[-1] if lines else f"exit code {done.returncode}"
            return error_outcome(name, CRASH_CODE, f"{name}: worker process died: {detail}", time.monotonic() - start).to_dict()
        outcome = json.loads(stdout)
        # messages name the temporary path; show the file name the user gave
        if outcome.get("error"):
            outcome["error"] = outcome["error"].replace(str(path), name)
        return outcome


def _dask_client(address):
    try:
        from distributed import Client
    except ImportError as exc:
        raise ExtractorError(
            None, _("--dask needs dask.distributed: pip install '{package}'").format(package="extractor-zvit[dask]")
        ) from exc
    if isinstance(address, Client):
        return address, False
    try:
        return Client(address, timeout="30s"), True
    except Exception as e:
        raise ExtractorError(None, _("cannot reach the dask scheduler at {address}: {error}").format(
            address=address, error=f"{type(e).__name__}: {e}")) from e


def run_dask(
    paths: Iterable[str],
    address,
    timeout: float | None = DEFAULT_TIMEOUT_SECONDS,
    limits: Settings | Limits = DEFAULT_LIMITS,
) -> Iterator[Outcome]:
    """Run the per-file work on a dask.distributed cluster; yield Outcomes as they finish.

    ``address`` is a scheduler address ("tcp://host:8786") or a ``distributed.Client``.
    The workers' child processes get the whole root settings (limits, readers, extraction, checks).
    Tasks are submitted a few at a time per worker thread, so the client never
    holds the bytes of the whole input in memory.
    """
    client, own = _dask_client(address)  # first: it turns a missing dask.distributed into the project's error
    from distributed import as_completed

    try:
        threads = sum(client.nthreads().values()) or 1
        window = max(1, threads * DASK_TASKS_PER_THREAD)
        settings = settings_of(limits)
        limits = settings.limits
        lang = language()
        todo = deque(paths)
        futures: dict = {}
        seq = as_completed()

        def submit_next() -> Outcome | None:
            path = todo.popleft()
            p = Path(path)
            try:
                st = p.stat()
                too_big = st.st_size > limits.max_file_bytes or not stat.S_ISREG(st.st_mode)
                data = b"" if too_big else p.read_bytes()
            except OSError:
                too_big = True
            if too_big:  # unreadable, over the limit or not a regular file: the local work reports it exactly
                return convert(path, settings)
            fut = client.submit(convert_isolated, p.name, data, settings, timeout, lang, pure=False)
            futures[fut] = path
            seq.add(fut)
            return None

        def fill() -> Iterator[Outcome]:
            while todo and len(futures) < window:
                immediate = submit_next()
                if immediate is not None:
                    yield immediate

        yield from fill()
        for fut in seq:
            path = futures.pop(fut)
            try:
                outcome = Outcome(**fut.result())
                name = Path(path).name
                if outcome.error and outcome.error.startswith(name + ":"):
                    outcome.error = path + outcome.error[len(name):]
                outcome.path = path
            except Exception as e:
                outcome = error_outcome(path, CRASH_CODE, f"{path}: dask task failed: {type(e).__name__}: {e}")
            yield outcome
            yield from fill()
    finally:
        if own:
            client.close()


def _child_main(argv: list[str]) -> int:
    """``python -m extractor.runner FILE [LANG]`` with the pickled root settings on stdin (``convert_isolated``):
    print the Outcome of one file as JSON."""
    path, *rest = argv
    if rest:
        set_language(rest[0])
    outcome = convert(path, settings_of(pickle.loads(sys.stdin.buffer.read())))
    sys.stdout.write(json.dumps(outcome.to_dict(), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(_child_main(sys.argv[1:]))
