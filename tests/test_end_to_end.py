"""End to end: every sample report, in every format, gives its reference answer."""

from __future__ import annotations

import json

import pytest

from conftest import FORMATS, GOLDEN, SAMPLES, STEMS
from extractor import parse
from golden_compare import differences

CASES = [(stem, fmt) for stem in STEMS for fmt in FORMATS if (SAMPLES / f"{stem}.{fmt}").exists()]


@pytest.fixture(scope="module")
def reports():
    cache = {}

    def get(stem, fmt):
        if (stem, fmt) not in cache:
            cache[(stem, fmt)] = json.loads(parse(SAMPLES / f"{stem}.{fmt}").to_json())
        return cache[(stem, fmt)]

    return get


@pytest.mark.parametrize("stem,fmt", CASES)
def test_sample_matches_reference_answer(stem, fmt, reports):
    golden = json.loads((GOLDEN / f"{stem}.expected.json").read_text(encoding="utf-8"))
    diffs = differences(golden, reports(stem, fmt))
    assert not diffs, f"{stem}.{fmt}:\n" + "\n".join(diffs[:30])


@pytest.mark.parametrize("stem,fmt", CASES)
def test_source_block_describes_the_input(stem, fmt, reports):
    import hashlib

    path = SAMPLES / f"{stem}.{fmt}"
    source = reports(stem, fmt)["source"]
    assert source["file"] == path.name
    assert source["format"] == fmt
    assert source["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (source["pages"] is None) == (fmt != "pdf")


@pytest.mark.parametrize("stem", STEMS)
def test_formats_agree_apart_from_source_and_pages(stem, reports):
    """The three formats of one report give the same JSON, apart from source and page numbers
    (and hyphens at line wraps, see golden_compare)."""
    fmts = [f for f in FORMATS if (stem, f) in CASES]
    base = reports(stem, fmts[0])
    for fmt in fmts[1:]:
        other = reports(stem, fmt)
        diffs = differences(base, other)
        assert not diffs, f"{stem}: {fmts[0]} vs {fmt}:\n" + "\n".join(diffs[:30])
