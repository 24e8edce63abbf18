"""Rules of the funding and indicator extractors, each pinned by a small document built here."""

from __future__ import annotations

import json
from decimal import Decimal

from docbuild import LEFT as L, UP as U, make_document
from extractor.pipeline import build_report
from extractor.models import Source

SOURCE = Source(file="test.docx", format="docx")

IND_HEADER = ["№ з/п", "Найменування показника", "Одиниця виміру", "План", "Факт", "Причини відхилення"]
INDICATORS = [IND_HEADER, ["1", "Кількість заходів", "од.", "10", "9", "Погода"]]


def report(*blocks):
    return build_report(make_document(*blocks), SOURCE)


def warnings_of(rep, code):
    return [w for w in rep.warnings if w.code == code]


def test_planned_summed_from_year_columns_is_marked_derived_in_json_and_csv():
    table = [
        ["№", "Зміст заходу", "Обсяг фінансування, грн", L, "Фактично профінансовано, грн"],
        [U, U, "2020 рік", "2021 рік", U],
        ["1.1", "Ремонт", "1 000,00", "2 000,00", "2 500,00"],
    ]
    rep = report(table, INDICATORS)
    row = rep.funding[0]
    assert row.planned == Decimal("3000.00") and row.actual == Decimal("2500.00")
    assert row.derived == ["planned"]
    assert json.loads(rep.to_json())["funding"][0]["derived"] == ["planned"]
    assert next(rep.rows("funding"))["derived"] == "planned"


def test_printed_amounts_carry_no_derived_key():
    table = [
        ["№", "Зміст заходу", "Обсяг фінансування", "Фактично профінансовано"],
        ["1", "Ремонт", "10,0", "9,0"],
    ]
    rep = report(table, INDICATORS)
    assert rep.funding[0].derived == []
    assert "derived" not in json.loads(rep.to_json())["funding"][0]
