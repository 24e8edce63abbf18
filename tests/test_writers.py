"""Tabular writers: flat tables, CSV, XLSX and the Data Package descriptor."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

from extractor.models import (
    Breakdown,
    Decision,
    Finding,
    FundingRow,
    IndicatorRow,
    Location,
    Report,
    Source,
)
from extractor.writers.csv import UTF8_BOM, format_cell, write_report_csvs
from extractor.writers.tables import (
    BREAKDOWN_COLUMNS,
    DECISION_COLUMNS,
    FUNDING_COLUMNS,
    INDICATOR_COLUMNS,
    TABLES,
    WARNING_COLUMNS,
    build_tables,
    compact_json,
)

from conftest import GOLDEN, STEMS


def golden(stem: str) -> Report:
    return Report.model_validate(json.loads((GOLDEN / f"{stem}.expected.json").read_text("utf-8")))


def small_report(name: str = "звіт.docx") -> Report:
    return Report(
        source=Source(file=name, format="docx", sha256="ab" * 32),
        decisions=[Decision(date="2016-12-29", number="508", text="від 29.12.2016 № 508")],
        funding=[
            FundingRow(
                number="1.1",
                measure='Ремонт, "доріг"\nі тротуарів',
                term="2017-2019",
                years=[2017, 2018, 2019],
                planned=Decimal("1234567.5"),
                actual=Decimal("1E+3"),
                percent=None,
                breakdown=[Breakdown(year=2017, planned=Decimal("0.05")), Breakdown(year=2018)],
                raw={"planned": "1 234 567,5", "actual": "1 000"},
                location=Location(page=3, table=0, row=4),
            )
        ],
        funding_unit="тис. грн",
        indicators=[IndicatorRow(group="cost", name="Обсяг", unit="%", planned=Decimal("-2.50"))],
        warnings=[Finding(code="percent-vs-amounts", message="перевірте", path="funding[0]")],
    )


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))


# -- flat tables -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "model, columns",
    [(FundingRow, FUNDING_COLUMNS), (IndicatorRow, INDICATOR_COLUMNS), (Decision, DECISION_COLUMNS), (Finding, WARNING_COLUMNS)],
)
def test_every_model_field_has_a_column_in_model_order(model, columns):
    names = [c.name for c in columns]
    assert names[:2] == ["report", "index"]
    expected = []
    for field in model.model_fields:
        expected += ["location_" + f for f in Location.model_fields] if field == "location" else [field]
    # funding repeats the report's unit beside its amounts; everything else follows the model
    got = [n for n in names[2:] if n != "funding_unit"]
    assert got == expected


def test_breakdown_columns_follow_the_breakdown_model():
    names = [c.name for c in BREAKDOWN_COLUMNS]
    assert names[:2] == ["report", "index"]
    assert [n for n in names[2:] if n != "funding_unit"] == list(Breakdown.model_fields)


def test_breakdown_is_a_long_table_per_year_and_source_that_sums_in_a_spreadsheet():
    """A per-year or per-source amount can be filtered and summed: one row per part, not JSON in a cell."""
    report = small_report()
    report.funding.append(
        FundingRow(planned=Decimal("30"), breakdown=[
            Breakdown(funding_source="міський бюджет", planned=Decimal("10"), actual=Decimal("4")),
            Breakdown(funding_source="державний бюджет", planned=Decimal("20")),
        ])
    )
    rows = build_tables([report])["breakdown"]
    assert [(r["index"], r["year"], r["funding_source"], r["planned"], r["actual"]) for r in rows] == [
        (0, 2017, None, Decimal("0.05"), None),
        (0, 2018, None, None, None),
        (1, None, "міський бюджет", Decimal("10"), Decimal("4")),
        (1, None, "державний бюджет", Decimal("20"), None),
    ]
    assert {r["funding_unit"] for r in rows} == {"тис. грн"} and {r["report"] for r in rows} == {"звіт.docx"}
    assert sum(r["planned"] for r in rows if r["index"] == 1) == report.funding[1].planned


@pytest.mark.parametrize("stem", STEMS)
def test_breakdown_table_of_reference_reports_has_one_row_per_part(stem):
    report = golden(stem)
    rows = build_tables([report])["breakdown"]
    assert len(rows) == sum(len(f.breakdown) for f in report.funding)
    for row in rows:
        assert report.funding[row["index"]].breakdown  # points at a row that splits


def test_every_table_starts_with_report_and_has_unique_columns():
    for name, columns in TABLES.items():
        names = [c.name for c in columns]
        assert names[0] == "report", name
        assert len(names) == len(set(names)), name
        assert all(c.type in {"string", "integer", "number", "date", "array", "object"} for c in columns)


def test_compact_json_keeps_decimals_exact_and_ukrainian_readable():
    assert compact_json({"a": Decimal("1E+3"), "b": [None, "грн", 2]}) == '{"a":1000,"b":[null,"грн",2]}'
    assert compact_json(Decimal("0.050")) == "0.050"


@pytest.mark.parametrize("stem", STEMS)
def test_tables_of_reference_reports_have_one_row_per_item(stem):
    report = golden(stem)
    tables = build_tables([report])
    assert len(tables["funding"]) == len(report.funding)
    assert len(tables["indicators"]) == len(report.indicators)
    assert len(tables["decisions"]) == len(report.decisions)
    assert len(tables["warnings"]) == len(report.warnings)
    assert [r["report"] for r in tables["reports"]] == [report.source.file]
    for row, item in zip(tables["funding"], report.funding):
        assert row["planned"] == item.planned and row["location_row"] == item.location.row
        if item.breakdown:
            parsed = json.loads(row["breakdown"])
            assert [b["planned"] for b in parsed] == [None if b.planned is None else float(b.planned) for b in item.breakdown]
        else:
            assert row["breakdown"] is None


def test_labels_replace_the_report_column_and_must_match_in_number():
    r = small_report()
    tables = build_tables([r, r], labels=["a.docx", "b.docx"])
    assert [row["report"] for row in tables["funding"]] == ["a.docx", "b.docx"]
    with pytest.raises(ValueError):
        build_tables([r], labels=["a", "b"])


# -- CSV ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, text",
    [(None, ""), (Decimal("1445.0"), "1445.0"), (Decimal("1E+3"), "1000"), (Decimal("1234567.25"), "1234567.25"),
     (Decimal("-0.5"), "-0.5"), (2019, "2019"), ("–", "–")],
)
def test_format_cell(value, text):
    assert format_cell(value) == text


def test_csv_files_header_report_column_and_numbers(tmp_path):
    paths = write_report_csvs([small_report()], tmp_path)
    assert set(paths) == set(TABLES)
    for name, path in paths.items():
        assert path == tmp_path / f"{name}.csv"
        raw = path.read_bytes()
        assert not raw.startswith(UTF8_BOM)
        header = raw.decode("utf-8").splitlines()[0].split(",")
        assert header == [c.name for c in TABLES[name]]
    (row,) = read_csv(paths["funding"])
    assert row["report"] == "звіт.docx"
    assert row["planned"] == "1234567.5" and row["actual"] == "1000" and row["percent"] == ""
    assert row["years"] == "2017;2018;2019"
    assert row["measure"] == 'Ремонт, "доріг"\nі тротуарів'  # quoted and kept
    assert json.loads(row["breakdown"]) == [
        {"year": 2017, "funding_source": None, "planned": 0.05, "actual": None},
        {"year": 2018, "funding_source": None, "planned": None, "actual": None},
    ]
    assert json.loads(row["raw"]) == {"planned": "1 234 567,5", "actual": "1 000"}
    assert (row["location_page"], row["location_table"], row["location_row"]) == ("3", "0", "4")
    assert row["funding_unit"] == "тис. грн"
    (ind,) = read_csv(paths["indicators"])
    assert ind["planned"] == "-2.50" and ind["group"] == "cost" and ind["actual"] == ""
    (dec,) = read_csv(paths["decisions"])
    assert dec["date"] == "2016-12-29" and dec["number"] == "508"
    (warn,) = read_csv(paths["warnings"])
    assert warn["path"] == "funding[0]" and warn["code"] == "percent-vs-amounts"
    (rep,) = read_csv(paths["reports"])
    assert (rep["funding"], rep["indicators"], rep["decisions"], rep["warnings"]) == ("1", "1", "1", "1")


def test_excel_locale_csv_has_semicolons_decimal_commas_and_a_bom(tmp_path):
    from extractor.writers.csv import EXCEL_LOCALE

    paths = write_report_csvs([small_report()], tmp_path, style=EXCEL_LOCALE)
    raw = paths["funding"].read_bytes()
    assert raw.startswith(UTF8_BOM)
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0]["planned"] == "1234567,5" and rows[0]["actual"] == "1000"
    assert rows[0]["years"] == "2017;2018;2019"  # quoted, so still one cell
    assert json.loads(rows[0]["raw"]) == {"planned": "1 234 567,5", "actual": "1 000"}  # JSON stays JSON
    parts = list(csv.DictReader(io.StringIO(paths["breakdown"].read_text("utf-8-sig")), delimiter=";"))
    assert parts[0]["planned"] == "0,05"


def test_csv_style_refuses_a_decimal_mark_that_is_the_separator():
    from extractor.writers.csv import CsvStyle

    with pytest.raises(ValueError):
        CsvStyle(delimiter=",", decimal=",")


def test_bom_only_when_asked(tmp_path):
    plain = write_report_csvs([small_report()], tmp_path / "plain")
    excel = write_report_csvs([small_report()], tmp_path / "excel", bom=True)
    for name in TABLES:
        assert excel[name].read_bytes() == UTF8_BOM + plain[name].read_bytes()


def test_csv_of_reference_reports_concatenates_with_one_header(tmp_path):
    reports = [golden(s) for s in STEMS]
    paths = write_report_csvs(reports, tmp_path)
    rows = read_csv(paths["funding"])
    assert len(rows) == sum(len(r.funding) for r in reports)
    assert [r["report"] for r in rows] == [r.source.file for r in reports for _ in r.funding]
    text = paths["funding"].read_text("utf-8")
    assert text.count("report,index,") == 1
    for row in rows:
        for field in ("planned", "actual", "percent"):
            assert "," not in row[field] and " " not in row[field] and "E" not in row[field]


# -- XLSX --------------------------------------------------------------------------------


def test_xlsx_has_one_sheet_per_table_with_numeric_cells(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    from extractor.writers.xlsx import write_report_xlsx

    reports = [small_report(), golden(STEMS[0])]
    path = write_report_xlsx(reports, tmp_path / "reports.xlsx")
    wb = openpyxl.load_workbook(path)
    from extractor.writers.xlsx import sheet_name

    assert wb.sheetnames == [sheet_name(t) for t in TABLES]
    wb = {t: wb[sheet_name(t)] for t in TABLES}
    ws = wb["funding"]
    header = [c.value for c in ws[1]]
    assert header == [c.name for c in FUNDING_COLUMNS]
    rows = [dict(zip(header, (c.value for c in r))) for r in ws.iter_rows(min_row=2)]
    assert len(rows) == 1 + len(reports[1].funding)
    assert rows[0]["planned"] == 1234567.5 and isinstance(rows[0]["planned"], float)
    assert rows[0]["percent"] is None and rows[0]["report"] == "звіт.docx"
    dec = [c.value for c in wb["decisions"][2]]
    assert dec[2].date().isoformat() == "2016-12-29"
    parts = list(wb["breakdown"].iter_rows(min_row=2, values_only=True))
    assert len(parts) == sum(len(f.breakdown) for r in reports for f in r.funding)
    assert parts[0][:3] == ("звіт.docx", 0, 2017) and parts[0][5] == 0.05


def test_xlsx_drops_control_characters_and_cuts_huge_cells():
    pytest.importorskip("openpyxl")
    from extractor.writers.xlsx import MAX_CELL_CHARS, xlsx_value

    assert xlsx_value("а\x01б") == "аб"
    assert len(xlsx_value("я" * (MAX_CELL_CHARS + 10))) == MAX_CELL_CHARS
    assert xlsx_value(Decimal("2.5")) == 2.5


# -- Data Package ------------------------------------------------------------------------


def _write_package(outdir: Path, reports, bom=False, style=None):
    from extractor.writers.datapackage import write_datapackage

    paths = write_report_csvs(reports, outdir, bom=bom, style=style)
    return write_datapackage(outdir, paths, bom=bom, style=style)


def test_datapackage_descriptor_keys_and_types(tmp_path):
    path = _write_package(tmp_path, [small_report()])
    desc = json.loads(path.read_text("utf-8"))
    resources = {r["name"]: r for r in desc["resources"]}
    assert set(resources) == set(TABLES)
    funding = resources["funding"]
    assert funding["path"] == "funding.csv" and funding["encoding"] == "utf-8"
    fields = {f["name"]: f for f in funding["schema"]["fields"]}
    assert fields["planned"]["type"] == "number" and "funding_unit" in fields["planned"]["description"]
    assert fields["location_row"]["type"] == "integer"
    assert funding["schema"]["primaryKey"] == ["report", "index"]
    assert funding["schema"]["foreignKeys"][0]["reference"] == {"resource": "reports", "fields": ["report"]}
    assert resources["reports"]["schema"]["primaryKey"] == ["report"]


@pytest.mark.parametrize("bom", [False, True])
def test_datapackage_validates_with_frictionless(tmp_path, bom):
    frictionless = pytest.importorskip("frictionless")
    path = _write_package(tmp_path, [golden(s) for s in STEMS] + [small_report()], bom=bom)
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["type", "fieldName", "rowNumber", "note"])


def test_excel_locale_datapackage_validates_with_frictionless(tmp_path):
    """The descriptor says ';' and the decimal comma, so the Excel-locale CSVs are valid data too."""
    frictionless = pytest.importorskip("frictionless")
    from extractor.writers.csv import EXCEL_LOCALE

    path = _write_package(tmp_path, [golden(s) for s in STEMS] + [small_report()], style=EXCEL_LOCALE)
    desc = json.loads(path.read_text("utf-8"))
    funding = next(r for r in desc["resources"] if r["name"] == "funding")
    assert funding["dialect"]["delimiter"] == ";"
    assert {f.get("decimalChar") for f in funding["schema"]["fields"] if f["type"] == "number"} == {","}
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["type", "fieldName", "rowNumber", "note"])


def test_breakdown_rows_point_at_funding_rows_in_the_datapackage(tmp_path):
    frictionless = pytest.importorskip("frictionless")
    path = _write_package(tmp_path, [small_report()])
    parts = tmp_path / "breakdown.csv"
    parts.write_text(parts.read_text("utf-8").replace("звіт.docx,0,", "звіт.docx,7,", 1), "utf-8")
    report = frictionless.validate(str(path))
    assert not report.valid and "foreign-key" in {t[0] for t in report.flatten(["type"])}


def test_frictionless_catches_a_broken_cell(tmp_path):
    """The descriptor is strict enough to fail on a wrong type and on a dangling report name."""
    frictionless = pytest.importorskip("frictionless")
    path = _write_package(tmp_path, [small_report()])
    funding = tmp_path / "funding.csv"
    text = funding.read_text("utf-8").replace("1234567.5", "1 234 567,5", 1).replace("звіт.docx", "інший.docx", 1)
    funding.write_text(text, "utf-8")
    report = frictionless.validate(str(path))
    assert not report.valid
    types = {t[0] for t in report.flatten(["type"])}
    assert "type-error" in types and "foreign-key" in types
