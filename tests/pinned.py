"""The pinned regression cases under tests/cases/: loading, scoring, floors.

A case is a folder named after what it pins, holding the input files (one
report rendered in several formats), its reference answer and ``case.json``::

    {"pins": "what the layout shows that the case holds the reader to",
     "made_by": "how the files were made",
     "expected": "expected.json",          # path relative to the case folder
     "floors": {"word.docx": {"field_accuracy": "99/99", "row_precision": "12/12"}, ...}}

Floors are exact fractions (points / golden points, matched / output rows),
the scores the case had when it was pinned or last raised: a file scoring
below either floor fails ``make test``; one scoring above is an improvement,
reported at the end of the run and recorded with ``make floors``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from scoring import Score, fmt_ratio, score_pair

CASES_DIR = Path(__file__).resolve().parent / "cases"
CASE_FILE = "case.json"
MEASURES = ("field_accuracy", "row_precision")

#: improvements seen in this test run ("case/file: measure floor -> now"), listed at its end
IMPROVEMENTS: list[str] = []


@dataclass(frozen=True)
class Case:
    name: str
    folder: Path
    pins: str
    expected: Path
    floors: dict[str, dict[str, Fraction]]
    floors_text: dict[str, dict[str, str]]   # as case.json writes them: "points/total", "matched/rows"

    def inputs(self) -> list[str]:
        return sorted(self.floors)


def _fraction(text: str) -> Fraction:
    num, _, den = text.partition("/")
    return Fraction(int(num), int(den))


def load_case(folder: Path) -> Case:
    meta = json.loads((folder / CASE_FILE).read_text(encoding="utf-8"))
    floors = {name: {m: _fraction(f[m]) for m in MEASURES} for name, f in meta["floors"].items()}
    return Case(folder.name, folder, meta["pins"], (folder / meta["expected"]).resolve(), floors, meta["floors"])


def all_cases() -> list[Case]:
    return [load_case(d) for d in sorted(CASES_DIR.iterdir()) if (d / CASE_FILE).is_file()]


def parse_to_json(path: Path) -> dict:
    from extractor import parse

    return json.loads(parse(path).to_json())


def score_output(case: Case, output: dict) -> Score:
    golden = json.loads(case.expected.read_text(encoding="utf-8"))
    return score_pair(golden, output)


def measures(score: Score) -> dict[str, Fraction]:
    return {"field_accuracy": score.field_accuracy, "row_precision": score.row_precision}


def as_floor(score: Score) -> dict[str, str]:
    """The exact fractions of a score, as case.json stores them."""
    return {"field_accuracy": f"{score.points}/{score.total}",
            "row_precision": f"{score.matched_rows}/{score.output_rows}" if score.output_rows else "1/1"}


def describe(text: str) -> str:
    """ "352/414" -> "0.850 (352/414)" """
    return f"{fmt_ratio(_fraction(text))} ({text})"


def write_case_file(folder: Path, meta: dict) -> None:
    """Write case.json, one line per file's floors (a raised floor is a one-line diff)."""
    head = {k: v for k, v in meta.items() if k != "floors"}
    lines = [f" {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}," for k, v in head.items()]
    floors = [f"  {json.dumps(name)}: {json.dumps(f)}" for name, f in sorted(meta.get("floors", {}).items())]
    text = "{\n" + "\n".join(lines) + '\n "floors": {\n' + ",\n".join(floors) + "\n }\n}\n"
    (folder / CASE_FILE).write_text(text, encoding="utf-8")


def write_floors(folder: Path, floors: dict[str, dict[str, str]]) -> None:
    meta = json.loads((folder / CASE_FILE).read_text(encoding="utf-8"))
    write_case_file(folder, dict(meta, floors=floors))
