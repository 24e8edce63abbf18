"""Timing helpers for the benchmark: medians of interleaved runs, child-process runs.

Runs of the things compared are interleaved (A B A B ...), after a warm-up
run of each, so that a burst of load from another process on the machine
hits both sides alike; the median of each side is reported.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path

CHILD = Path(__file__).with_name("child.py")


def timed(fn: Callable[[], object]) -> float:
    """Wall-clock seconds of one call (time.perf_counter)."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def interleaved(cases: Mapping[str, Callable[[], object]], runs: int, warmup: int = 1) -> dict[str, float]:
    """Median wall-clock seconds per case over ``runs`` interleaved runs, after ``warmup`` runs of each."""
    return interleaved_with_cpu(cases, runs, warmup)[0]


def interleaved_with_cpu(
    cases: Mapping[str, Callable[[], object]], runs: int, warmup: int = 1
) -> tuple[dict[str, float], dict[str, float]]:
    """Median wall-clock and median CPU seconds (this process) per case, as ``interleaved``.

    On a machine shared with other work the wall clock also counts the time
    the process waited for a CPU; the CPU time shows what the work itself
    cost.
    """
    for _ in range(warmup):
        for fn in cases.values():
            fn()
    wall: dict[str, list[float]] = {name: [] for name in cases}
    cpu: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, fn in cases.items():
            c0 = time.process_time()
            wall[name].append(timed(fn))
            cpu[name].append(time.process_time() - c0)
    return (
        {name: statistics.median(values) for name, values in wall.items()},
        {name: statistics.median(values) for name, values in cpu.items()},
    )


def run_child(task: str, path: Path, runs: int = 1, warmup: Path | None = None) -> dict:
    """Run one task in a fresh Python process (``bench/child.py``) and return what it reports.

    The child times the task itself (after a run on ``warmup``, if given)
    and reports its own peak RSS (``ru_maxrss``), so the numbers cover
    exactly one input.
    """
    out = subprocess.run(
        [sys.executable, str(CHILD), task, str(path), str(runs)] + ([str(warmup)] if warmup else []),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def command_seconds(argv: list[str], runs: int, warmup: int = 1) -> float:
    """Median wall-clock seconds of a command (output discarded); it must succeed."""

    def once() -> None:
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    return interleaved({"cmd": once}, runs, warmup)["cmd"]
