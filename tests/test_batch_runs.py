"""Reproducible batches: stable keys, earlier runs in the output folder, duplicates, --jobs."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from extractor.batch import BatchOptions, OutputExists, run_batch
from extractor.inputs import expand_inputs

from conftest import SAMPLES, STEMS
from test_batch import TABLE_FILES, golden_work, make_inputs, opts, refusing_work
from test_status import cli, manifest


def tables(outdir: Path) -> dict[str, bytes]:
    return {name: (outdir / name).read_bytes() for name in TABLE_FILES}


def report_files(outdir: Path) -> list[str]:
    return sorted(p.relative_to(outdir / "reports").as_posix() for p in (outdir / "reports").rglob("*.json"))


# -- keys ----------------------------------------------------------------------------------------


def test_keys_are_identical_for_relative_and_absolute_invocations(tmp_path):
    """Two files with the same name got a hash of their path as typed: other keys, other funding.csv."""
    root = tmp_path / "archive"
    for sub in ("2020", "2021"):
        (root / sub).mkdir(parents=True)
        (root / sub / "zvit.docx").write_bytes((SAMPLES / f"{STEMS[0 if sub == '2020' else 1]}.docx").read_bytes())
    (root / "zvit.txt").write_bytes((SAMPLES / f"{STEMS[2]}.txt").read_bytes())
    rel = cli("batch", "archive", "-o", "out-rel", "--no-xlsx", "--jobs", "2", cwd=tmp_path)
    absolute = cli("batch", root, "-o", tmp_path / "out-abs", "--no-xlsx", "--jobs", "1", cwd="/")
    dotted = cli("batch", ".", "-o", tmp_path / "out-dot", "--no-xlsx", cwd=root)
    assert rel.returncode == absolute.returncode == dotted.returncode == 0, rel.stderr + absolute.stderr
    expected = ["2020/zvit.docx.json", "2021/zvit.docx.json", "zvit.txt.json"]
    for out in ("out-rel", "out-abs", "out-dot"):
        assert report_files(tmp_path / out) == expected
    assert tables(tmp_path / "out-rel") == tables(tmp_path / "out-abs") == tables(tmp_path / "out-dot")
    funding = list(csv.DictReader(io.StringIO((tmp_path / "out-abs" / "funding.csv").read_text("utf-8"))))
    assert {r["report"] for r in funding} == {"2020/zvit.docx", "2021/zvit.docx", "zvit.txt"}
    # the same files named one by one: keys are file names, same names get the content hash
    files = cli("batch", "archive/2020/zvit.docx", root / "2021" / "zvit.docx", "-o", "out-files", "--no-xlsx",
                cwd=tmp_path)
    assert files.returncode == 0, files.stderr
    keys = sorted(r["report"] for r in manifest(tmp_path / "out-files").values())
    assert len(keys) == 2 and all(k.startswith("zvit.") and k.endswith(".docx") and len(k) == len("zvit.12345678.docx")
                                  for k in keys)


def test_glob_keys_are_relative_to_the_folder_before_the_wildcard(tmp_path):
    make_inputs(tmp_path / "in" / "a", STEMS[:1])
    make_inputs(tmp_path / "in" / "b", STEMS[1:2])
    found = expand_inputs([str(tmp_path / "in" / "*" / "*.docx")])
    assert [f.key for f in found] == [f"a/{STEMS[0]}.docx", f"b/{STEMS[1]}.docx"]


# -- an earlier run in the output folder ---------------------------------------------------------


def test_an_output_folder_holding_an_earlier_run_is_refused_without_resume_or_force(tmp_path):
    inputs = make_inputs(tmp_path / "in")
    run_batch(inputs, tmp_path / "out", opts(), work=golden_work)
    before = {p: p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    with pytest.raises(OutputExists) as e:
        run_batch(inputs[:1], tmp_path / "out", opts(), work=golden_work)
    assert "--resume" in str(e.value) and "--force" in str(e.value)
    assert {p: p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()} == before  # untouched
    r = cli("batch", inputs[0], "-o", tmp_path / "out")
    assert r.returncode == 2 and "holds the outputs of an earlier batch" in r.stderr and "Traceback" not in r.stderr


def test_a_second_batch_replaces_the_earlier_run_completely(tmp_path):
    """A second batch rebuilt the CSVs from its own inputs and left the earlier reports/ JSONs, unmentioned."""
    inputs = make_inputs(tmp_path / "in")
    run_batch(inputs, tmp_path / "out", opts(xlsx=True), work=golden_work)
    (tmp_path / "out" / "notes.txt").write_text("a file of the user's", "utf-8")
    run_batch(inputs[:1], tmp_path / "fresh", opts(), work=golden_work)
    for flag in ("force", "resume"):
        out = tmp_path / f"out-{flag}"
        run_batch(inputs, out, opts(xlsx=True), work=golden_work)
        run_batch(inputs[:1], out, opts(**{flag: True}), work=golden_work)
        assert report_files(out) == [f"{inputs[0].name}.json"]
        assert tables(out) == tables(tmp_path / "fresh")
        assert not (out / "reports.xlsx").exists()  # not written this time: not left from the earlier run
        assert list(manifest(out)) == [str(inputs[0])]
    run_batch(inputs[:1], tmp_path / "out", opts(force=True), work=golden_work)
    assert (tmp_path / "out" / "notes.txt").exists()  # only extractor's outputs are replaced


def test_resume_and_force_exclude_each_other():
    with pytest.raises(ValueError):
        BatchOptions(resume=True, force=True)
    r = cli("batch", "samples", "-o", "x", "--resume", "--force")
    assert r.returncode == 2


# -- duplicates ----------------------------------------------------------------------------------


def test_identical_files_are_parsed_once_and_the_others_named_duplicate_of(tmp_path):
    inputs = make_inputs(tmp_path / "in", STEMS[:2])
    copy = tmp_path / "in" / "sub" / "same.docx"
    copy.parent.mkdir()
    copy.write_bytes(inputs[1].read_bytes())
    run_batch(expand_inputs([str(tmp_path / "in")]), tmp_path / "out", opts(), work=golden_work)
    rows = manifest(tmp_path / "out")
    original, duplicate = rows[str(inputs[1])], rows[str(copy)]  # the first by key is the original
    assert list(rows).index(str(copy)) == 2  # key "sub/same.docx" sorts after the stems
    assert duplicate["duplicate_of"] == original["path"] and original["duplicate_of"] == ""
    assert "same bytes (SHA-256)" in duplicate["duplicate_reason"] and "parsed once" in duplicate["duplicate_reason"]
    assert duplicate["status"] == original["status"] and duplicate["report"] == original["report"]
    assert duplicate["seconds"] == "" and duplicate["funding"] == ""
    assert len(report_files(tmp_path / "out")) == 2
    funding = (tmp_path / "out" / "funding.csv").read_text("utf-8")
    assert funding.count(f"\n{original['report']},") == int(original["funding"])


def counting_work(path, limits):
    """golden_work that leaves a mark per parse (the workers are other processes)."""
    marks = Path(path).parent / ".parsed"
    with open(marks, "a", encoding="utf-8") as fh:
        fh.write(Path(path).name + "\n")
    return golden_work(path, limits)


def test_identical_files_cost_one_parse(tmp_path):
    inputs = make_inputs(tmp_path / "in", STEMS[:1])
    for i in range(3):
        (tmp_path / "in" / f"copy{i}.docx").write_bytes(inputs[0].read_bytes())
    result = run_batch(expand_inputs([str(tmp_path / "in")]), tmp_path / "out", opts(), work=counting_work)
    assert len(result.entries) == 4 and result.duplicates == 3
    assert (tmp_path / "in" / ".parsed").read_text("utf-8").splitlines() == ["copy0.docx"]


def test_docx_and_pdf_of_one_report_are_counted_once_the_docx_kept(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    stem = STEMS[0]
    for suffix in (".pdf", ".docx"):
        (folder / f"звіт{suffix}").write_bytes((SAMPLES / f"{stem}{suffix}").read_bytes())
    r = cli("batch", folder, "-o", tmp_path / "out", "--no-xlsx", "--jobs", "2")
    assert r.returncode == 0, r.stderr
    assert "1 duplicate counted once" in r.stderr
    rows = manifest(tmp_path / "out")
    docx, pdf = rows[str(folder / "звіт.docx")], rows[str(folder / "звіт.pdf")]
    assert docx["duplicate_of"] == "" and pdf["duplicate_of"] == str(folder / "звіт.docx")
    assert "DOCX is read from the document's structure, this PDF is read from its page layout" in pdf["duplicate_reason"]
    assert report_files(tmp_path / "out") == ["звіт.docx.json", "звіт.pdf.json"]  # both read, both kept as JSON
    reports = list(csv.DictReader(io.StringIO((tmp_path / "out" / "reports.csv").read_text("utf-8"))))
    assert [r["report"] for r in reports] == ["звіт.docx"]
    funding = list(csv.DictReader(io.StringIO((tmp_path / "out" / "funding.csv").read_text("utf-8"))))
    assert {r["report"] for r in funding} == {"звіт.docx"} and len(funding) == int(docx["funding"])

    kept = cli("batch", folder, "-o", tmp_path / "all", "--no-xlsx", "--keep-duplicates")
    assert kept.returncode == 0, kept.stderr
    reports = list(csv.DictReader(io.StringIO((tmp_path / "all" / "reports.csv").read_text("utf-8"))))
    assert [r["report"] for r in reports] == ["звіт.docx", "звіт.pdf"]
    pdf = manifest(tmp_path / "all")[str(folder / "звіт.pdf")]
    assert pdf["duplicate_of"] == str(folder / "звіт.docx") and pdf["duplicate_reason"].endswith("counted too (--keep-duplicates)")


def test_reports_without_rows_are_never_duplicates_of_each_other(tmp_path):
    from extractor.duplicates import fingerprint
    from extractor.models import Report, Source

    assert fingerprint(Report(source=Source(file="a.txt"))) is None
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(f"Звіт {name}\n", "utf-8")
    r = cli("batch", folder, "-o", tmp_path / "out", "--no-xlsx")
    assert r.returncode == 0, r.stderr
    rows = manifest(tmp_path / "out").values()
    assert {row["status"] for row in rows} == {"no-tables"} and {row["duplicate_of"] for row in rows} == {""}


# -- --jobs --------------------------------------------------------------------------------------


def test_jobs_above_the_cpu_count_is_capped_with_a_note(tmp_path):
    """--jobs 40 on 2 cores started 40 workers (2.2 GB, slower than --jobs 2)."""
    from extractor.cli import available_cpus

    cpus = available_cpus()
    make_inputs(tmp_path / "in", STEMS[:1])
    r = cli("batch", tmp_path / "in", "-o", tmp_path / "out", "--jobs", str(cpus + 38), "--no-xlsx")
    assert f"--jobs {cpus + 38} is more than the {cpus} CPU" in r.stderr and f"using {cpus}" in r.stderr
    r = cli("check", tmp_path / "in", "--jobs", str(cpus + 38))
    assert f"using {cpus}" in r.stderr
    r = cli("check", tmp_path / "in", "--jobs", str(cpus))
    assert "--jobs" not in r.stderr


def test_resume_parses_nothing_again_and_keeps_duplicates_named(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for suffix in (".txt", ".docx"):
        (folder / f"z{suffix}").write_bytes((SAMPLES / f"{STEMS[1]}{suffix}").read_bytes())
    first = run_batch(expand_inputs([str(folder)]), tmp_path / "out", opts())
    again = run_batch(expand_inputs([str(folder)]), tmp_path / "out", opts(resume=True), work=refusing_work)
    assert all(e.resumed for e in again.entries)
    assert [(e.status, e.duplicate_of) for e in again.entries] == [(e.status, e.duplicate_of) for e in first.entries]
    assert [e.duplicate_of for e in again.entries] == [None, str(folder / "z.docx")]
    assert os.listdir(tmp_path / "out" / "reports") != []


# -- every documented option honoured or rejected -------------------------------------------------


def test_batch_options_are_validated_and_the_timeout_has_one_value():
    from extractor.limits import Limits

    with pytest.raises(ValueError, match="jobs"):
        BatchOptions(jobs=0)
    with pytest.raises(ValueError, match="timeout"):
        BatchOptions(timeout=-1)
    assert BatchOptions(limits=Limits(timeout_seconds=5)).timeout == 5  # the limit given is the one used
    with pytest.raises(ValueError, match="disagree"):
        BatchOptions(timeout=7, limits=Limits(timeout_seconds=5))


def test_a_run_that_cannot_start_is_the_commands_error_not_every_files(tmp_path, monkeypatch):
    from extractor import batch
    from extractor.errors import ExtractorError

    def unreachable(*args, **kwargs):
        raise ExtractorError(None, "cannot reach the dask scheduler at tcp://nowhere:8786")
        yield  # a generator, like run_dask

    monkeypatch.setattr(batch, "run_dask", unreachable)
    with pytest.raises(ExtractorError, match="cannot reach the dask scheduler"):
        run_batch(make_inputs(tmp_path / "in"), tmp_path / "out", opts(dask="tcp://nowhere:8786"))
    assert not (tmp_path / "out" / "manifest.csv").exists()


def test_parse_rejects_a_csv_option_for_another_format(tmp_path):
    for flag in ("--excel-csv", "--excel-locale"):
        r = cli("parse", SAMPLES / f"{STEMS[0]}.docx", flag)
        assert r.returncode == 2 and f"{flag}: applies to CSV output" in r.stderr
    r = cli("parse", SAMPLES / f"{STEMS[0]}.docx", "--excel-csv", "-o", tmp_path / "f.csv")
    assert r.returncode == 0 and (tmp_path / "f.csv").read_bytes().startswith(b"\xef\xbb\xbf")
