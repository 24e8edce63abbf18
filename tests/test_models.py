"""The pydantic models are the contract: goldens round-trip, the schema file is current."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

import pytest
from pydantic import ValidationError

from extractor.models import FundingRow, Report, json_schema
from conftest import GOLDEN, ROOT, STEMS


@pytest.mark.parametrize("stem", STEMS)
def test_golden_round_trips_through_models(stem):
    data = json.loads((GOLDEN / f"{stem}.expected.json").read_text(encoding="utf-8"))
    report = Report.model_validate(data)
    assert json.loads(report.to_json()) == data


def test_amounts_are_exact_decimals_inside_and_numbers_outside():
    row = FundingRow.model_validate({"planned": 1495.804, "actual": "23.065"})
    assert row.planned == Decimal("1495.804")
    assert row.actual == Decimal("23.065")
    dumped = row.model_dump(mode="json")
    assert dumped["planned"] == 1495.804 and isinstance(dumped["planned"], float)


def test_unknown_fields_and_bad_enums_are_rejected():
    with pytest.raises(ValidationError):
        FundingRow.model_validate({"kind": "grand-total"})
    with pytest.raises(ValidationError):
        FundingRow.model_validate({"colour": "red"})


def test_committed_schema_matches_models():
    committed = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(), "schemas/report.schema.json is stale: run `make schema`"


def test_schema_command_prints_the_schema():
    out = subprocess.run([sys.executable, "-m", "extractor", "schema"], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == json_schema()
