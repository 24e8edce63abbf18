from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = ROOT / "tests" / "golden"

STEMS = sorted(p.name[: -len(".expected.json")] for p in GOLDEN.glob("*.expected.json"))
FORMATS = ("docx", "pdf", "txt", "xlsx", "html", "doc", "rtf", "odt", "xls", "ods")


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


# -- pinned cases (tests/cases/) -----------------------------------------------------------

@pytest.fixture(scope="session")
def case_output():
    """The parsed JSON of a pinned case's input, parsed once per test session."""
    from pinned import parse_to_json

    cache: dict = {}

    def get(case, name):
        key = (case.name, name)
        if key not in cache:
            cache[key] = parse_to_json(case.folder / name)
        return cache[key]

    return get


def pytest_terminal_summary(terminalreporter):
    from pinned import IMPROVEMENTS

    if IMPROVEMENTS:
        terminalreporter.section("pinned cases above their floors (record with: make floors)")
        for line in IMPROVEMENTS:
            terminalreporter.write_line(line)


# -- language ----------------------------------------------------------------------------------

import os  # noqa: E402

#: messages in the tests are English unless a test asks for Ukrainian (--lang uk, using("uk"), lang="uk"),
#: whatever the machine's locale: the command line through $EXTRACTOR_LANG, the library in this thread
os.environ["EXTRACTOR_LANG"] = "en"

from extractor.i18n import set_language  # noqa: E402

set_language("en")
