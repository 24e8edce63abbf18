from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = ROOT / "tests" / "golden"

STEMS = sorted(p.name[: -len(".expected.json")] for p in GOLDEN.glob("*.expected.json"))
FORMATS = ("docx", "pdf", "txt")


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: takes over ten seconds (big hostile inputs); deselect with -m 'not slow'")


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def golden_dir() -> Path:
    return GOLDEN


# -- hypothesis profiles -------------------------------------------------------------------

from datetime import timedelta  # noqa: E402

from hypothesis import HealthCheck, settings  # noqa: E402

#: ``make fuzz`` runs tests/fuzz with ``--hypothesis-profile=fuzz``: many more
#: examples, and a deadline per example (a hang or a blow-up is a failure).
FUZZ_PROFILE = "fuzz"
settings.register_profile(
    FUZZ_PROFILE,
    max_examples=300,
    deadline=timedelta(seconds=15),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
