from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = ROOT / "tests" / "golden"

STEMS = sorted(p.name[: -len(".expected.json")] for p in GOLDEN.glob("*.expected.json"))
FORMATS = ("docx", "pdf", "txt")


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def golden_dir() -> Path:
    return GOLDEN
