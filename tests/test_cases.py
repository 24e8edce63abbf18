"""Pinned layouts (tests/cases/): every rendering of every case scores at least its floor.

A case folder is named after what it pins and holds one report rendered in
several formats, its reference answer and ``case.json`` with the floors (see
``pinned.py``). A score below a floor fails; a score above one passes and is
listed at the end of the run, to be recorded with ``make floors``.
"""

from __future__ import annotations

import re

import pytest

from pinned import CASE_FILE, CASES_DIR, MEASURES, IMPROVEMENTS, all_cases, as_floor, describe, measures, score_output

CASES = all_cases()
FILES = [(case, name) for case in CASES for name in case.inputs()]


@pytest.mark.parametrize("case,name", FILES, ids=[f"{c.name}/{n}" for c, n in FILES])
def test_pinned_case_scores_at_least_its_floor(case, name, case_output):
    score = score_output(case, case_output(case, name))
    now, floor = measures(score), case.floors[name]
    now_text, floor_text = as_floor(score), case.floors_text[name]
    below = [f"{m} {describe(now_text[m])} < floor {describe(floor_text[m])}" for m in MEASURES if now[m] < floor[m]]
    IMPROVEMENTS.extend(f"{case.name}/{name}: {m} {describe(floor_text[m])} -> {describe(now_text[m])}"
                        for m in MEASURES if now[m] > floor[m])
    assert not below, (f"{case.name}/{name} ({case.pins}):\n  " + "\n  ".join(below)
                       + "\nlost:\n  " + "\n  ".join(score.lost[:40]))


def test_cases_are_pinned():
    assert len(CASES) >= 25 and len(FILES) >= 95


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_input_of_a_case_has_a_floor(case):
    """An input file without a floor would never be scored; a floor without its file is stale."""
    files = {p.name for p in case.folder.iterdir() if p.is_file()} - {CASE_FILE, "expected.json"}
    assert files == set(case.floors)
    assert case.expected.is_file()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_is_named_after_what_it_pins(case):
    assert not re.match(r"v\d+", case.name), "name the case after the layout it pins, not its generator id"
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", case.name)
    assert len(case.pins) > 30
    assert case.folder.parent == CASES_DIR
