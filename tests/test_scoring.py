"""tests/scoring.py: the corpus scorer's rules, and their agreement with the scorer itself.

The agreement tests run when score.py is found ($SCORER, or shared/tools/score.py
in a folder above the repository) and are skipped otherwise (CI checks out only
this repository); the rule tests run everywhere.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import os
import random
from fractions import Fraction
from pathlib import Path

import pytest

from pinned import all_cases
from scoring import FUNDING_FIELDS, INDICATOR_FIELDS, fmt_ratio, golden_points, score_pair, text_eq

ROOT = Path(__file__).resolve().parent.parent
CASES = all_cases()
GOLDENS = sorted({c.expected for c in CASES})


def _find_score_py() -> Path | None:
    if os.environ.get("SCORER"):
        return Path(os.environ["SCORER"])
    for base in ROOT.parents:
        candidate = base / "shared" / "tools" / "score.py"
        if candidate.is_file():
            return candidate
    return None


@pytest.fixture(scope="module")
def reference_scorer():
    path = _find_score_py()
    if path is None or not path.is_file():
        pytest.skip("score.py not found (set SCORER=path/to/score.py)")
    spec = importlib.util.spec_from_file_location("reference_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _golden(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _counts(s) -> tuple[int, int, int, int]:
    return s.points, s.total, s.matched_rows, s.output_rows


# -- perturbed outputs: every kind of loss the scorer can count ----------------------------

def _mutate(doc: dict, rng: random.Random) -> dict:
    out = copy.deepcopy(doc)
    for _ in range(rng.randint(1, 6)):
        section = rng.choice(["funding", "indicators", "decisions", "meta"])
        rows = out.get(section) if section != "meta" else None
        kind = rng.randrange(9)
        if section == "meta":
            block = rng.choice(["document", "program", "signatory"])
            key = rng.choice(list(out[block]))
            out[block][key] = rng.choice([None, "інше", 2021, {"start": 2020, "end": None}])
        elif not rows:
            continue
        elif kind == 0:
            del rows[rng.randrange(len(rows))]
        elif kind == 1:
            rows.insert(rng.randrange(len(rows) + 1), copy.deepcopy(rng.choice(rows)))
        elif kind == 2:
            i, j = rng.randrange(len(rows)), rng.randrange(len(rows))
            rows[i], rows[j] = rows[j], rows[i]
        else:
            row = rng.choice(rows)
            key = rng.choice(list(row))
            value = row[key]
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                row[key] = rng.choice([value + 1, value + 1e-9, None, str(value)])
            elif isinstance(value, str):
                row[key] = rng.choice([value + "х", value.upper(), "– " + value + "»", value[: len(value) // 2],
                                       value.replace("і", "i"), None, ""])
            elif isinstance(value, list) and value:
                if isinstance(value[0], dict):
                    entry = rng.choice(value)
                    entry[rng.choice(list(entry))] = rng.choice([None, 1.5, "державний бюджет"])
                else:
                    row[key] = value[:-1]
            else:
                row[key] = rng.choice(["2023", 0, [2023]])
    return out


@pytest.mark.parametrize("golden_path", GOLDENS, ids=[p.parent.name if p.name == "expected.json" else p.name
                                                      for p in GOLDENS])
def test_scoring_agrees_with_score_py_on_perturbed_answers(golden_path, reference_scorer):
    golden = _golden(golden_path)
    rng = random.Random(golden_path.parent.name + golden_path.name)
    for _ in range(25):
        output = _mutate(golden, rng)
        assert _counts(score_pair(golden, output)) == _counts(reference_scorer.score_pair(golden, output))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_scoring_agrees_with_score_py_on_parsed_cases(case, case_output, reference_scorer):
    golden = _golden(case.expected)
    for name in case.inputs():
        output = case_output(case, name)
        assert _counts(score_pair(golden, output)) == _counts(reference_scorer.score_pair(golden, output)), name


def test_ratio_printing_agrees_with_score_py(reference_scorer):
    for num, den in [(0, 7), (1999, 2000), (352, 414), (29, 100), (414, 414)]:
        assert fmt_ratio(Fraction(num, den)) == reference_scorer.fmt_ratio(num, den, "")


# -- the rules themselves (run without score.py too) ---------------------------------------

def test_an_answer_scores_full_marks_against_itself():
    golden = _golden(GOLDENS[0])
    s = score_pair(golden, golden)
    assert s.points == s.total == golden_points(golden) and s.matched_rows == s.output_rows and not s.lost


def test_a_wrong_number_costs_one_point_and_a_lost_row_all_its_fields():
    golden = _golden(GOLDENS[0])
    wrong = copy.deepcopy(golden)
    wrong["funding"][0]["planned"] = (wrong["funding"][0]["planned"] or 0) + 1.0
    assert score_pair(golden, wrong).points == golden_points(golden) - 1
    dropped = copy.deepcopy(golden)
    del dropped["indicators"][-1]
    assert score_pair(golden, dropped).points == golden_points(golden) - len(INDICATOR_FIELDS)


def test_a_duplicated_row_is_spurious_and_costs_no_points():
    golden = _golden(GOLDENS[0])
    extra = copy.deepcopy(golden)
    extra["funding"].append(copy.deepcopy(extra["funding"][-1]))
    s = score_pair(golden, extra)
    assert s.points == s.total and s.output_rows == s.matched_rows + 1 and s.row_precision < 1


def test_text_rule_ignores_case_dashes_quotes_and_lookalikes_but_not_other_words():
    assert text_eq("Створення відео-спостереження «Раді Вас бачити»", "створення відеоспостереження \"раді вас бачити\"")
    assert text_eq("ІV. Показники якості", "IV. Показники якості")
    assert not text_eq("2019", "2018") and not text_eq(None, "") and text_eq(None, None)
    assert len(FUNDING_FIELDS) == 11


def test_ratios_print_truncated_never_rounded_up():
    assert fmt_ratio(Fraction(1999, 2000)) == "0.999" and fmt_ratio(Fraction(1)) == "1.000"
