"""Coverage: every number of a recognised table is read into a field or named in an unread-cell warning."""

from __future__ import annotations

import pytest

from docbuild import LEFT as L, UP as U, make_document, make_table
from extractor.document import Document
from extractor.pipeline import build_report
from extractor.extract.coverage import CoverageSettings, measure_coverage, numbers_in
from extractor.models import Finding, Source

SOURCE = Source(file="test.docx", format="docx")

FUNDING_HEADER = ["№ з/п", "Зміст заходу", "Термін виконання", "Передбачено, тис. грн", "Профінансовано, тис. грн",
                  "Відсоток виконання"]
FUNDING = [
    FUNDING_HEADER,
    ["1", "2", "3", "4", "5", "6"],
    ["1.1", "Ямковий ремонт", "2021", "100,0", "90,0", "90,0"],
    ["1.2", "Розмітка", "2021-2022", "50,0", "50,0", "100,0"],
    ["Усього", L, L, "150,0", "140,0", "93,3"],
]
INDICATORS = [
    ["№ з/п", "Найменування показника", "Одиниця виміру", "План", "Факт"],
    ["Показники продукту", L, L, L, L],
    ["1", "Кількість заходів", "од.", "10", "9"],
]


def report(*blocks, settings: CoverageSettings | None = None):
    doc = make_document(*blocks)
    return build_report(doc, SOURCE, coverage=settings) if settings else build_report(doc, SOURCE)


def unread(rep):
    return [w for w in rep.warnings if w.code == "unread-cell"]


def codes(rep):
    return [w.code for w in rep.warnings]


def test_all_numbers_read_gives_coverage_one_and_no_warning():
    rep = report("Звіт", FUNDING, INDICATORS)
    cov = rep.coverage
    # 3 amounts in each of 3 rows, the term "2021", 2 indicator values; item numbers and the "1 2 3" row not counted
    assert (cov.ratio, cov.cells, cov.read, cov.tables) == (1.0, 12, 12, [0, 1])
    assert not unread(rep) and "low-coverage" not in codes(rep)


def test_unrecognised_indicator_table_beside_a_read_funding_table_is_not_covered():
    """unlabelled-sums-verbal-noun-headers-grn: with no indicator table recognised, a table of numbers no row was
    read from counts, its numbers unread (its first column's item numbers aside); a report truly without one
    keeps its full coverage, and a table of one row of numbers is no data table."""
    unknown = [["№", "Пункт", "Міра", "А", "Б"], ["1", "Кількість заходів", "од.", "10", "9"],
               ["2", "Кількість учасників", "осіб", "120", "95"]]
    rep = report("Звіт", FUNDING, unknown)
    assert "table-not-found" in codes(rep)
    assert (rep.coverage.cells, rep.coverage.read, rep.coverage.tables) == (14, 10, [0, 1])
    assert [w.message.count("'А'") + w.message.count("'Б'") for w in unread(rep)] == [1, 1, 1, 1]
    assert "low-coverage" in codes(rep)
    assert report("Звіт", FUNDING).coverage.ratio == 1.0
    assert report("Звіт", FUNDING, unknown[:2]).coverage.ratio == 1.0


def test_table_row_lost_to_the_text_is_an_unread_line_and_lowers_coverage():
    """priority-heading-rows-amounts-by-unit-and-place (web print): rows a table lost stand as lines of TAB-separated
    cells outside it; their numbers count, unread, item numbers aside; prose with a number stays out."""
    from extractor.document import Paragraph

    doc = make_document("Звіт", FUNDING, INDICATORS)
    doc.blocks.insert(2, Paragraph("1.3\tЗаміна вікон\t2022\t1 326,2\t912,4\t68,8%"))
    doc.blocks.insert(3, Paragraph("Видатки склали 1 326,2 тис. грн, або 68,8 % плану."))
    rep = build_report(doc, SOURCE)
    lines = [w for w in rep.warnings if w.code == "unread-line"]
    assert len(lines) == 1 and "'1 326,2'" in lines[0].message and "'1.3'" not in lines[0].message
    assert (rep.coverage.cells, rep.coverage.read) == (16, 12)
    assert "low-coverage" in codes(rep)


def test_number_in_an_unknown_column_is_an_unread_cell_and_lowers_coverage():
    table = [row[:] for row in FUNDING]
    for row in table:
        row.append("")
    table[0][-1] = "Економія коштів"  # a column the vocabulary does not know
    table[1][-1] = "7"
    table[2][-1] = "10,0"
    rep = report(table, INDICATORS)
    found = unread(rep)
    assert len(found) == 1
    message = found[0].message
    assert "table 0" in message and "row 2" in message and "column 7" in message and "'10,0'" in message
    assert "Економія коштів" in message
    assert found[0].path == "funding[0]"
    assert rep.coverage.cells == 13 and rep.coverage.read == 12
    assert rep.coverage.ratio == pytest.approx(0.923, abs=1e-3) and rep.coverage.ratio < 1
    assert "low-coverage" in codes(rep)


def test_document_without_a_recognised_table_has_coverage_zero_never_one():
    rep = report("Звіт про виконання програми", [["Показник", "Значення"], ["Обсяг", "100,0"]])
    assert rep.coverage.ratio == 0 and rep.coverage.cells == 0 and rep.coverage.tables == []
    assert "low-coverage" in codes(rep)


def test_recognised_tables_without_any_number_have_coverage_zero():
    rep = report([FUNDING_HEADER, ["1.1", "Ремонт", "постійно", "в межах кошторису", "–", "–"]])
    assert rep.coverage.tables == [0] and rep.coverage.cells == 0 and rep.coverage.ratio == 0


def test_equal_numbers_in_one_row_need_a_raw_entry_each():
    # planned and an unknown column print the same text: the planned entry of raw accounts for one cell only
    table = [FUNDING_HEADER + ["Резерв"], ["1.1", "Ремонт", "2021", "20,0", "20,0", "100,0", "20,0"]]
    rep = report(table, INDICATORS)
    assert [w.message.split(": ")[-1] for w in unread(rep)] == ["the number '20,0' is in no output field"]
    assert "column 7 ('Резерв')" in unread(rep)[0].message


def test_second_planned_column_not_read_into_a_field_is_unread():
    table = [["№ з/п", "Зміст заходу", "Передбачено", "Передбачено"], ["1.1", "Ремонт", "10,0", "12,0"]]
    rep = report(table, INDICATORS)
    assert [w.message for w in unread(rep)] and "'12,0'" in unread(rep)[0].message


def test_non_numeric_amount_is_not_a_numeric_cell():
    table = [FUNDING_HEADER, ["1.1", "Ремонт", "2021", "100,0", "в процесі", "–"]]
    rep = report(table, INDICATORS)
    assert rep.coverage.cells == 4 and rep.coverage.ratio == 1.0  # 100,0, the term 2021, 10 and 9


def test_stacked_amounts_split_into_objects_are_all_read():
    table = [FUNDING_HEADER,
             ["1.1", "Ремонт доріг:\n- вул. Шевченка;\n- вул. Франка", "2021", "704,0\n128,0", "700,0\n120,0", "–"]]
    rep = report(table, INDICATORS)
    assert len(rep.funding) == 2 and rep.coverage.ratio == 1.0 and rep.coverage.cells == 7


def test_stacked_amounts_left_unsplit_are_unread():
    table = [FUNDING_HEADER, ["1.1", "Ремонт доріг", "2021", "704,0\n128,0", "700,0", "–"]]
    rep = report(table, INDICATORS)
    texts = [w.message for w in unread(rep)]
    assert len(texts) == 2 and "'704,0'" in texts[0] and "'128,0'" in texts[1]


def test_year_headers_and_column_numbers_below_a_short_header_are_not_data():
    # a body row of years only and a row numbering the columns: header rows, wherever they stand
    table = make_table([FUNDING_HEADER, ["", "", "", "2021", "2021", ""], ["1", "2", "3", "4", "5", "6"],
                        ["1.1", "Ремонт", "2022", "5,0", "5,0", "100"]])
    layout_free = Document(blocks=[table])
    from extractor.extract.columns import analyse_table

    layout = analyse_table(table)
    layout.header_rows = 1  # as if the header were misjudged
    rep = build_report(Document(blocks=[table]), SOURCE)
    measured = measure_coverage(layout_free, [layout], rep.funding, rep.indicators)
    assert measured.coverage.ratio == 1.0 and measured.coverage.cells == 4


def test_ignored_column_numbers_are_counted_apart():
    table = [FUNDING_HEADER + ["Відхилення"], ["1.1", "Ремонт", "2021", "100,0", "90,0", "90,0", "10,0"]]
    rep = report(table, INDICATORS)
    assert rep.coverage.ignored == 1 and rep.coverage.ratio == 1.0 and not unread(rep)


def test_merged_amount_is_read_once_in_its_first_row():
    table = [FUNDING_HEADER, ["1.1", "Ремонт", "2021", "100,0", "90,0", "90,0"], ["1.2", "Фарбування", "2021", U, U, U]]
    rep = report(table, INDICATORS)
    assert rep.coverage.ratio == 1.0 and rep.coverage.cells == 7


def test_low_coverage_threshold_comes_from_the_settings():
    table = [FUNDING_HEADER + ["Резерв"], ["1.1", "Ремонт", "2021", "100,0", "90,0", "90,0", "5,0"]]
    assert "low-coverage" in codes(report(table, INDICATORS))
    assert "low-coverage" not in codes(report(table, INDICATORS, settings=CoverageSettings(low_coverage=0.5)))


@pytest.mark.parametrize("bad", [-0.1, 1.5, "0.9", True])
def test_coverage_settings_refuse_a_threshold_outside_zero_to_one(bad):
    with pytest.raises(ValueError, match="low_coverage"):
        CoverageSettings(low_coverage=bad)


@pytest.mark.parametrize("text,numbers", [
    ("21 137,0", ["21 137,0"]), ("87,5 %", ["87,5 %"]), ("–", []), ("", []), ("так", []),
    ("704,0\n128,0", ["704,0", "128,0"]), ("704,0\n\n–", ["704,0"]), ("100 шт", []),
])
def test_numbers_in_a_cell_follow_the_number_parser(text, numbers):
    assert numbers_in(text) == numbers


# -- coverage in check, the manifest, reports.csv and the index page ------------------------------------------

from pathlib import Path  # noqa: E402

from conftest import GOLDEN, STEMS  # noqa: E402
from extractor.batch import BatchOptions, run_batch  # noqa: E402
from extractor.check import check_files, exit_code, judge_outcome, summary_line  # noqa: E402
from extractor.models import Coverage, Report  # noqa: E402
from extractor.runner import Outcome  # noqa: E402
from extractor.status import report_status  # noqa: E402

COVERAGE_PREFIX = b"COVERAGE:"


def report_with_coverage(name: str, read: int | None, cells: int = 20, stem: str = STEMS[0]) -> Report:
    report = Report.model_validate_json((GOLDEN / f"{stem}.expected.json").read_text("utf-8"))
    report.source.file = name
    report.warnings = []
    if read is not None:
        report.coverage = Coverage(ratio=read / cells, cells=cells, read=read, tables=[0, 1])
    return report


def coverage_work(path: str, limits) -> Outcome:
    """A file holding b"COVERAGE:<read>:<stem>" becomes that reference report, clean, with <read> of 20 numbers read
    ("none": no coverage)."""
    text, stem = Path(path).read_bytes()[len(COVERAGE_PREFIX):].decode().strip().split(":")
    report = report_with_coverage(Path(path).name, None if text == "none" else int(text), stem=stem)
    return Outcome(path=path, status=report_status(report).value, report_json=report.to_json())


def coverage_inputs(root: Path, reads: dict[str, str]) -> list[Path]:
    root.mkdir(parents=True, exist_ok=True)
    paths = []
    for (name, read), stem in zip(reads.items(), STEMS):  # a report each: equal reports would be counted once
        p = root / name
        p.write_bytes(COVERAGE_PREFIX + f"{read}:{stem}".encode())
        paths.append(p)
    return paths


def test_check_min_coverage_fails_a_report_below_it_and_passes_one_at_it():
    low = Outcome(path="low.docx", status="ok", report_json=report_with_coverage("low.docx", 19).to_json())
    full = Outcome(path="full.docx", status="ok", report_json=report_with_coverage("full.docx", 20).to_json())
    old = Outcome(path="old.docx", status="ok", report_json=report_with_coverage("old.docx", None).to_json())
    asked = [judge_outcome(o, min_coverage=0.99) for o in (low, full, old)]
    assert [v.fails() for v in asked] == [True, False, True]
    assert [f.code for f in asked[0].errors] == ["low-coverage"] and "0.9500" in asked[0].errors[0].message
    assert asked[0].status.value == "ok"  # the status stays; the coverage error fails it
    assert exit_code(asked[1:2]) == 0 and exit_code(asked) == 1
    assert "2 below the minimum coverage" in summary_line(asked)
    not_asked = [judge_outcome(o) for o in (low, full, old)]
    assert not any(v.fails() for v in not_asked) and exit_code(not_asked) == 0


def test_check_min_coverage_zero_passes_a_report_without_tables_coverage_but_not_its_status():
    report = report_with_coverage("none.docx", 0)
    verdict = judge_outcome(Outcome(path="none.docx", status="ok", report_json=report.to_json()), min_coverage=0)
    assert not verdict.fails()


def test_check_min_coverage_says_the_coverage_error_once(tmp_path):
    report = report_with_coverage("low.docx", 10)
    report.warnings = [Finding(code="low-coverage", message="coverage 0.5 is below 0.99")]
    verdict = judge_outcome(Outcome(path="low.docx", status="warning", report_json=report.to_json()), min_coverage=0.9)
    assert [(f.severity, f.code) for f in verdict.findings] == [("error", "low-coverage")]


def test_check_files_passes_min_coverage_to_each_verdict(tmp_path):
    paths = coverage_inputs(tmp_path / "in", {"a.docx": "20", "b.docx": "12"})
    verdicts = check_files(paths, jobs=1, timeout=20, work=coverage_work, min_coverage=0.99)
    assert [(Path(v.file).name, v.fails()) for v in verdicts] == [("a.docx", False), ("b.docx", True)]


def test_manifest_reports_csv_and_index_carry_coverage(tmp_path):
    import csv
    import io

    paths = coverage_inputs(tmp_path / "in", {"a.docx": "20", "b.docx": "10", "c.docx": "none"})
    out = tmp_path / "out"
    run_batch(paths, out, BatchOptions(jobs=1, timeout=20, xlsx=False), work=coverage_work)
    manifest = list(csv.DictReader(io.StringIO((out / "manifest.csv").read_text("utf-8"))))
    header = list(manifest[0])
    assert header.index("coverage") == header.index("warnings") + 1
    assert {Path(r["path"]).name: r["coverage"] for r in manifest} == {"a.docx": "1.0", "b.docx": "0.5", "c.docx": ""}
    reports = list(csv.DictReader(io.StringIO((out / "reports.csv").read_text("utf-8"))))
    assert [(r["report"], r["coverage"], r["numeric_cells"], r["unread_cells"]) for r in reports] == [
        ("a.docx", "1.0", "20", "0"), ("b.docx", "0.5", "20", "10"), ("c.docx", "", "", "")]
    package = (out / "datapackage.json").read_text("utf-8")
    assert '"coverage"' in package and '"unread_cells"' in package
    index = (out / "index.html").read_text("utf-8")
    assert "100.0 %" in index and "50.0 %" in index


def test_check_command_line_min_coverage_passes_a_fully_read_sample_and_refuses_a_ratio_above_one(tmp_path, capsys):
    from extractor.cli import main

    sample = Path(__file__).resolve().parent.parent / "samples" / "rivne-pytna-voda-2021.docx"
    assert main(["--lang", "en", "check", "--min-coverage", "1", "--jobs", "1", str(sample)]) == 0
    assert "low-coverage" not in capsys.readouterr().out
    assert main(["--lang", "en", "check", "--min-coverage", "1.5", str(sample)]) == 2
    assert "from 0 to 1" in capsys.readouterr().err


def test_check_command_line_min_coverage_fails_a_report_below_it(tmp_path, capsys, monkeypatch):
    import extractor.check as check
    from extractor.cli import main

    paths = coverage_inputs(tmp_path / "in", {"a.docx": "12"})
    real = check.check_files
    monkeypatch.setattr(check, "check_files", lambda *a, **kw: real(*a, **{**kw, "work": coverage_work}))
    assert main(["--lang", "en", "check", "--jobs", "1", str(paths[0])]) == 0
    assert main(["--lang", "en", "check", "--min-coverage", "0.99", "--jobs", "1", str(paths[0])]) == 1
    out = capsys.readouterr().out
    assert "error: low-coverage: coverage 0.6000" in out and "1 below the minimum coverage" in out


@pytest.mark.parametrize("lang,read,line", [
    ("uk", 20, "Покриття: 100,0 % (прочитано в поля 20 з 20 чисел розпізнаних таблиць)"),
    ("en", 19, "Coverage: 95.0 % (19 of 20 numbers of the recognised tables read into fields)"),
])
def test_report_page_shows_its_coverage(lang, read, line):
    from extractor.writers.html import html_view

    assert line in html_view(report_with_coverage("a.docx", read), lang=lang)


def test_report_page_of_a_report_without_coverage_has_no_coverage_line():
    from extractor.writers.html import html_view

    assert "Coverage" not in html_view(report_with_coverage("a.docx", None), lang="en")


def test_check_min_coverage_error_speaks_ukrainian_by_default():
    from extractor.i18n import using

    low = Outcome(path="low.docx", status="ok", report_json=report_with_coverage("low.docx", 10).to_json())
    with using("uk"):
        (error,) = judge_outcome(low, min_coverage=0.99).errors
    assert error.code == "low-coverage" and error.message.startswith("покриття 0.5000 менше за 0.99")
    with using("en"):
        (english,) = judge_outcome(low, min_coverage=0.99).errors
    assert english.message == "coverage 0.5000 is below 0.99: 10 of 20 numbers of the recognised tables are read into fields"
