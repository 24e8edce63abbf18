"""Helpers of the fuzz tests: budgets (short in the normal test run, long under ``make fuzz``) and a hang guard."""

from __future__ import annotations

import signal
from contextlib import contextmanager

from hypothesis import HealthCheck, settings

#: the profile ``make fuzz`` loads (registered in tests/conftest.py)
FUZZ_PROFILE = "fuzz"
#: seconds one example may run before it counts as a hang (far above any real parse)
HANG_SECONDS = 60


def fuzz_active() -> bool:
    current = getattr(settings, "get_current_profile_name", None)
    name = current() if current else getattr(settings, "_current_profile", None)
    return name == FUZZ_PROFILE


def fuzz_settings(quick_examples: int) -> settings:
    """``quick_examples`` examples in the normal run (no deadline: CI machines vary); the fuzz profile's under ``make fuzz``."""
    if fuzz_active():
        return settings(settings.get_profile(FUZZ_PROFILE))
    return settings(
        max_examples=quick_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


class Hang(BaseException):
    """An example ran past HANG_SECONDS. A BaseException, so that no ``except Exception`` in the code under test can swallow it."""


@contextmanager
def no_hang(seconds: float = HANG_SECONDS):
    """Fail an example that runs longer than ``seconds`` (SIGALRM; the main thread only)."""

    def alarm(signum, frame):
        raise Hang(f"no result after {seconds} s")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
