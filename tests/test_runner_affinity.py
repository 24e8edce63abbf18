"""Batch workers each keep to a CPU of their own (extractor.runner._pin_to_cpu).

Some virtual machines pack runnable processes onto one vCPU unless told
otherwise; pinned workers use every core. These tests check who is pinned
where, not how fast anything runs.
"""

from __future__ import annotations

import os

import pytest

from extractor.limits import DEFAULT_LIMITS
from extractor.runner import Outcome, run_local
from extractor.status import Status

pytestmark = pytest.mark.skipif(
    not hasattr(os, "sched_getaffinity") or len(os.sched_getaffinity(0)) < 2,
    reason="needs CPU affinity and at least two CPUs",
)


def _report_affinity(path: str, limits) -> Outcome:
    """Work function (top level, so it pickles): the CPUs this worker may run on."""
    return Outcome(path=path, status=Status.OK.value, error=",".join(str(c) for c in sorted(os.sched_getaffinity(0))))


def test_two_workers_run_on_two_different_cpus():
    outcomes = list(run_local([f"f{i}" for i in range(6)], jobs=2, timeout=60, limits=DEFAULT_LIMITS,
                              work=_report_affinity))
    masks = {o.error for o in outcomes}
    assert all("," not in m for m in masks)  # each worker on exactly one CPU
    assert len(masks) == 2
    assert {int(m) for m in masks} <= os.sched_getaffinity(0)


def test_a_single_worker_keeps_every_cpu():
    (outcome,) = run_local(["f0"], jobs=1, timeout=60, limits=DEFAULT_LIMITS, work=_report_affinity)
    assert outcome.error == ",".join(str(c) for c in sorted(os.sched_getaffinity(0)))
