"""Batch conversion: inputs, names, outputs, manifest, parallelism, timeouts, resume.

Most tests run the real batch machinery (worker processes, atomic writes,
consolidation) with a per-file work function that builds reports from the
reference answers, so they do not depend on the extraction step; the
end-to-end tests at the bottom run the real pipeline over samples/.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import multiprocessing
import os
import time
from pathlib import Path

import pytest

from extractor import runner
from extractor.batch import (
    MANIFEST_COLUMNS,
    BatchOptions,
    UsageError,
    expand_inputs,
    run_batch,
)
from extractor.inputs import InputFile, assign_keys
from extractor.models import Report
from extractor.runner import Outcome, convert
from extractor.status import report_status

from conftest import GOLDEN, SAMPLES, STEMS

GOLDEN_PREFIX = b"GOLDEN:"
TABLE_FILES = ("reports.csv", "decisions.csv", "funding.csv", "indicators.csv", "warnings.csv")


# -- per-file work functions run in the workers (top level, so they pickle) ---------------


def golden_work(path: str, limits) -> Outcome:
    """A file holding b"GOLDEN:<stem>" becomes that reference report; anything else goes the real way."""
    data = Path(path).read_bytes()
    if not data.startswith(GOLDEN_PREFIX):
        return convert(path, limits)
    stem = data[len(GOLDEN_PREFIX):].decode().strip()
    report = Report.model_validate(json.loads((GOLDEN / f"{stem}.expected.json").read_text("utf-8")))
    report.source.file = Path(path).name
    report.source.sha256 = hashlib.sha256(data).hexdigest()
    return Outcome(
        path=path,
        status=report_status(report).value,
        report_json=report.to_json(),
        format="docx",
        seconds=0.01,
    )


def hanging_work(path: str, limits) -> Outcome:
    """Hangs on files named hang*: writes its pid beside the file, then sleeps far past any timeout."""
    if Path(path).name.startswith("hang"):
        Path(path).with_suffix(".pid").write_text(str(os.getpid()))
        time.sleep(600)
    return golden_work(path, limits)


def crashing_work(path: str, limits) -> Outcome:
    """Kills its own process on files named crash* (as a segfault in a native library would)."""
    if Path(path).name.startswith("crash"):
        os._exit(3)
    return golden_work(path, limits)


def refusing_work(path: str, limits) -> Outcome:
    """Fails every file: used to prove that --resume did not parse a file again."""
    return runner.error_outcome(path, "not-expected", f"{path}: parsed again")


def _sleep_then(work, seconds):
    def inner(path, limits):
        time.sleep(seconds)
        return work(path, limits)

    return inner


# -- helpers -----------------------------------------------------------------------------


def make_inputs(root: Path, stems=STEMS) -> list[Path]:
    root.mkdir(parents=True, exist_ok=True)
    paths = []
    for stem in stems:
        p = root / f"{stem}.docx"
        p.write_bytes(GOLDEN_PREFIX + stem.encode())
        paths.append(p)
    return paths


def plant_bad_files(root: Path) -> dict[str, Path]:
    root.mkdir(parents=True, exist_ok=True)
    bad = {
        "empty": root / "empty.pdf",
        "corrupt-zip": root / "corrupt.docx",
        "random": root / "random.pdf",
    }
    bad["empty"].write_bytes(b"")
    bad["corrupt-zip"].write_bytes(b"PK\x03\x04" + os.urandom(300))
    bad["random"].write_bytes(bytes(range(256)) * 8)
    return bad


def manifest(outdir: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((outdir / "manifest.csv").read_text("utf-8"))))


def tables(outdir: Path) -> dict[str, bytes]:
    return {name: (outdir / name).read_bytes() for name in TABLE_FILES}


def stable_manifest(outdir: Path) -> list[dict[str, str]]:
    return [{k: v for k, v in row.items() if k not in ("seconds", "resumed")} for row in manifest(outdir)]


def opts(**kw) -> BatchOptions:
    kw.setdefault("jobs", 2)
    kw.setdefault("timeout", 20)
    kw.setdefault("xlsx", False)
    return BatchOptions(**kw)


@pytest.fixture(autouse=True)
def no_leftover_workers():
    yield
    assert multiprocessing.active_children() == []


# -- inputs and names --------------------------------------------------------------------


def test_expand_inputs_walks_folders_and_lists_every_file_but_hidden_and_lock_files(tmp_path):
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    for rel in ["a/x.DOCX", "a/deep/y.pdf", "a/z.Txt", "a/notes.json", "a/.secret.pdf", "a/~$x.docx",
                "a/data.xlsx", ".hidden/h.pdf"]:
        (tmp_path / rel).write_bytes(b"x")
    found = expand_inputs([str(tmp_path)])
    assert [f.path.relative_to(tmp_path).as_posix() for f in found] == [
        "a/data.xlsx", "a/deep/y.pdf", "a/notes.json", "a/x.DOCX", "a/z.Txt"]
    assert [f.key for f in found] == ["a/data.xlsx", "a/deep/y.pdf", "a/notes.json", "a/x.DOCX", "a/z.Txt"]


def test_expand_inputs_files_globs_stdin_and_duplicates(tmp_path):
    for name in ["a.pdf", "b.docx", "c.txt", "odd.bin", "~$b.docx"]:
        (tmp_path / name).write_bytes(b"x")
    explicit = expand_inputs([str(tmp_path / "odd.bin")])
    assert [(f.path.name, f.key, f.root) for f in explicit] == [("odd.bin", "odd.bin", None)]
    globbed = expand_inputs([str(tmp_path / "*")])  # every file the pattern matches, lock files left out
    assert [f.key for f in globbed] == ["a.pdf", "b.docx", "c.txt", "odd.bin"]
    stdin = io.StringIO(f"{tmp_path / 'c.txt'}\n\n{tmp_path / 'a.pdf'}\n")
    both = expand_inputs(["-", str(tmp_path / "a.pdf")], stdin=stdin)
    assert [f.path.name for f in both] == ["a.pdf", "c.txt"]


@pytest.mark.parametrize("arg", ["no-such-folder", "no-such-*.pdf"])
def test_expand_inputs_rejects_what_names_nothing(tmp_path, arg):
    with pytest.raises(UsageError) as e:
        expand_inputs([str(tmp_path / arg)])
    assert arg in str(e.value)


def test_keys_tell_same_names_apart_by_root_then_by_content_hash():
    files = [InputFile(Path("x/zvit.docx"), "zvit.docx", "x"), InputFile(Path("x/zvit.pdf"), "zvit.pdf", "x"),
             InputFile(Path("y/zvit.docx"), "zvit.docx", "y"), InputFile(Path("y/other.txt"), "other.txt", "y"),
             InputFile(Path("p/ZVIT.DOCX"), "ZVIT.DOCX", None), InputFile(Path("q/zvit.docx"), "zvit.docx", None)]
    shas = ["1" * 64, "2" * 64, "3" * 64, "4" * 64, "abcdef0123" + "5" * 54, "6" * 64]
    keys = assign_keys(files, shas)
    assert keys[1] == "zvit.pdf" and keys[3] == "other.txt"
    # two roots of different names: the root's name goes first; files named directly: a content hash
    assert keys[0] == "x/zvit.docx" and keys[2] == "y/zvit.docx"
    assert keys[4] == "ZVIT.abcdef01.DOCX" and keys[5] == "zvit.66666666.docx"
    assert len({k.casefold() for k in keys}) == len(keys)
    assert assign_keys(files, shas) == keys  # deterministic


# -- the batch ---------------------------------------------------------------------------


def test_batch_writes_every_output_and_a_manifest(tmp_path):
    good = make_inputs(tmp_path / "in")
    bad = plant_bad_files(tmp_path / "in")
    out = tmp_path / "out"
    result = run_batch(good + list(bad.values()), out, opts(xlsx=True), work=golden_work)
    assert result.exit_code == 1 and result.failed == len(bad)
    for p in good:
        data = json.loads((out / "reports" / f"{p.name}.json").read_text("utf-8"))
        assert data["source"]["file"] == p.name
    assert sorted(os.listdir(out / "reports")) == sorted(f"{p.name}.json" for p in good)
    rows = {Path(r["path"]).name: r for r in manifest(out)}
    assert list(manifest(out)[0]) == list(MANIFEST_COLUMNS)
    assert len(rows) == len(good) + len(bad)
    for p in good:
        row = rows[p.name]
        report = Report.model_validate_json((GOLDEN / f"{p.stem}.expected.json").read_text("utf-8"))
        assert row["status"] == report_status(report).value
        assert row["funding"] == str(len(report.funding)) and row["indicators"] == str(len(report.indicators))
        assert row["sha256"] == hashlib.sha256(p.read_bytes()).hexdigest() and row["report"] == p.name
    assert rows["empty.pdf"]["error_code"] == "unsupported-format" and "empty" in rows["empty.pdf"]["error"]
    assert rows["corrupt.docx"]["error_code"] == "corrupt-file" and rows["corrupt.docx"]["format"] == "docx"
    assert rows["random.pdf"]["status"] == "failed" and rows["random.pdf"]["report"] == ""
    for row in rows.values():
        if row["status"] == "failed":
            assert "\n" not in row["error"] and row["path"] in row["error"]
    funding = list(csv.DictReader(io.StringIO((out / "funding.csv").read_text("utf-8"))))
    assert sorted({r["report"] for r in funding}) == sorted(p.name for p in good)
    assert (out / "reports.xlsx").exists() and (out / "datapackage.json").exists()
    assert not [p for p in out.rglob("*.tmp")]


def test_csvs_are_byte_identical_whatever_the_job_count(tmp_path):
    inputs = make_inputs(tmp_path / "in") + list(plant_bad_files(tmp_path / "in").values())
    run_batch(inputs, tmp_path / "one", opts(jobs=1), work=golden_work)
    run_batch(list(reversed(inputs)), tmp_path / "two", opts(jobs=3), work=golden_work)
    assert tables(tmp_path / "one") == tables(tmp_path / "two")
    assert stable_manifest(tmp_path / "one") == stable_manifest(tmp_path / "two")
    assert (tmp_path / "one" / "datapackage.json").read_bytes() == (tmp_path / "two" / "datapackage.json").read_bytes()


def test_interrupted_batch_then_resume_equals_an_uninterrupted_one(tmp_path):
    inputs = make_inputs(tmp_path / "in") + list(plant_bad_files(tmp_path / "in").values())
    run_batch(inputs, tmp_path / "full", opts(), work=golden_work)

    out = tmp_path / "resumed"
    seen = []

    def stop_after_three(entry):  # inputs run in path order: corrupt, empty, then the first good one
        seen.append(entry)
        if len(seen) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(inputs, out, opts(jobs=1), work=golden_work, on_entry=stop_after_three)
    assert not (out / "manifest.csv").exists() and not [p for p in out.rglob("*.tmp")]
    finished = sorted(os.listdir(out / "reports"))
    assert finished == [f"{STEMS[0]}.docx.json"]

    result = run_batch(inputs, out, opts(resume=True), work=golden_work)
    assert tables(out) == tables(tmp_path / "full")
    assert stable_manifest(out) == stable_manifest(tmp_path / "full")
    resumed = {Path(e.path).name for e in result.entries if e.resumed}
    assert resumed == set(finished_name[: -len(".json")] for finished_name in finished)


def test_resume_parses_nothing_again_but_a_changed_file(tmp_path):
    inputs = make_inputs(tmp_path / "in")
    run_batch(inputs, tmp_path / "out", opts(), work=golden_work)
    before = tables(tmp_path / "out")
    result = run_batch(inputs, tmp_path / "out", opts(resume=True), work=refusing_work)
    assert result.exit_code == 0 and all(e.resumed for e in result.entries)
    assert tables(tmp_path / "out") == before
    inputs[0].write_bytes(inputs[0].read_bytes() + b" ")  # new bytes, new sha256
    result = run_batch(inputs, tmp_path / "out", opts(resume=True), work=refusing_work)
    changed = [e for e in result.entries if not e.resumed]
    assert [Path(e.path) for e in changed] == [inputs[0]] and changed[0].error_code == "not-expected"
    # the failed input's earlier JSON is gone, and so are its rows
    assert not (tmp_path / "out" / "reports" / f"{inputs[0].name}.json").exists()
    assert inputs[0].name not in (tmp_path / "out" / "funding.csv").read_text("utf-8")


def test_hung_file_is_killed_at_the_timeout_and_the_batch_goes_on(tmp_path):
    inputs = make_inputs(tmp_path / "in", STEMS[:2])
    hang = tmp_path / "in" / "hang.docx"
    hang.write_bytes(b"GOLDEN:" + STEMS[0].encode() + b"\n")  # not the same bytes as the first input
    result = run_batch(inputs + [hang], tmp_path / "out", opts(jobs=2, timeout=1), work=hanging_work)
    entry = {Path(e.path).name: e for e in result.entries}
    assert entry["hang.docx"].error_code == "timeout" and "1 s" in entry["hang.docx"].error
    assert all(not entry[p.name].failed for p in inputs)
    pid = int(hang.with_suffix(".pid").read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # the hung worker was killed and reaped, not abandoned
    assert result.exit_code == 1


def test_worker_that_dies_is_a_crash_and_the_batch_goes_on(tmp_path):
    inputs = make_inputs(tmp_path / "in", STEMS[:2])
    crash = tmp_path / "in" / "crash.pdf"
    crash.write_bytes(b"x")
    result = run_batch(inputs + [crash], tmp_path / "out", opts(), work=crashing_work)
    entry = {Path(e.path).name: e for e in result.entries}
    assert entry["crash.pdf"].error_code == "crash" and "exit code 3" in entry["crash.pdf"].error
    assert all(entry[p.name].status in ("ok", "warning") for p in inputs)


def test_unexpected_exception_is_recorded_with_its_type(tmp_path, monkeypatch):
    from extractor import pipeline

    def boom(path, limits):
        raise RuntimeError("boom in extraction")

    monkeypatch.setattr(pipeline, "parse_file", boom)  # workers are forked after this
    (tmp_path / "a.txt").write_text("текст")
    outcome = next(runner.run_local([str(tmp_path / "a.txt")], jobs=1, timeout=20))
    assert outcome.error_code == "crash" and "RuntimeError: boom in extraction" in outcome.error


def test_same_file_name_in_two_folders_gives_two_reports(tmp_path):
    a = make_inputs(tmp_path / "a", STEMS[:1])
    b = make_inputs(tmp_path / "b", STEMS[:1])
    b[0].write_bytes(b[0].read_bytes() + b"\n")  # other bytes, the same report
    # named directly: no root tells them apart, their content hashes do
    result = run_batch(a + b, tmp_path / "out", opts(keep_duplicates=True), work=golden_work)
    names = [e.name for e in result.entries]
    digests = [hashlib.sha256(p.read_bytes()).hexdigest()[:8] for p in (a[0], b[0])]
    assert sorted(names) == sorted(f"{STEMS[0]}.{d}.docx" for d in digests)
    files = [p.relative_to(tmp_path / "out" / "reports").as_posix() for p in (tmp_path / "out" / "reports").rglob("*.json")]
    assert sorted(files) == sorted(f"{n}.json" for n in names)
    reports = list(csv.DictReader(io.StringIO((tmp_path / "out" / "reports.csv").read_text("utf-8"))))
    assert sorted(r["report"] for r in reports) == sorted(names)
    # found under two folder arguments: each folder's name goes first
    result = run_batch(expand_inputs([str(tmp_path / "a"), str(tmp_path / "b")]), tmp_path / "out2",
                       opts(keep_duplicates=True), work=golden_work)
    assert [e.name for e in result.entries] == [f"a/{STEMS[0]}.docx", f"b/{STEMS[0]}.docx"]
    assert (tmp_path / "out2" / "reports" / "b" / f"{STEMS[0]}.docx.json").exists()


def test_batch_datapackage_validates(tmp_path):
    frictionless = pytest.importorskip("frictionless")
    inputs = make_inputs(tmp_path / "in") + list(plant_bad_files(tmp_path / "in").values())
    run_batch(inputs, tmp_path / "out", opts(bom=True), work=golden_work)
    assert (tmp_path / "out" / "funding.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    report = frictionless.validate(str(tmp_path / "out" / "datapackage.json"))
    assert report.valid, report.flatten(["type", "fieldName", "rowNumber", "note"])


def test_empty_input_list_writes_empty_tables(tmp_path):
    result = run_batch([], tmp_path / "out", opts())
    assert result.exit_code == 0 and result.entries == []
    assert (tmp_path / "out" / "funding.csv").read_text("utf-8").startswith("report,index,")
    assert manifest(tmp_path / "out") == []


# -- dask --------------------------------------------------------------------------------


def test_dask_runs_the_same_work_as_local_processes(tmp_path):
    pytest.importorskip("distributed")
    from distributed import Client, LocalCluster

    inputs = [SAMPLES / f"{STEMS[0]}.docx", SAMPLES / f"{STEMS[1]}.docx"]
    bad = plant_bad_files(tmp_path)
    inputs += [bad["empty"], bad["corrupt-zip"]]
    local = run_batch(inputs, tmp_path / "local", opts())
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=":0") as cluster:
        with Client(cluster) as client:
            remote = run_batch(inputs, tmp_path / "dask", opts(dask=client))
    assert tables(tmp_path / "dask") == tables(tmp_path / "local")
    assert stable_manifest(tmp_path / "dask") == stable_manifest(tmp_path / "local")
    assert remote.exit_code == local.exit_code == 1


# -- end to end over samples/ (the real pipeline) -----------------------------------------

def sample_inputs() -> list[Path]:
    """Every DOCX and TXT sample and one PDF (PDFs are the slow ones; the golden tests cover them all)."""
    return sorted([*SAMPLES.glob("*.docx"), *SAMPLES.glob("*.txt"), SAMPLES / f"{STEMS[1]}.pdf"])


def test_batch_over_samples_with_planted_bad_files(tmp_path):
    bad = plant_bad_files(tmp_path / "bad")
    text_as_docx = tmp_path / "bad" / "text.docx"
    text_as_docx.write_text("Звіт про виконання програми\nбез таблиць\n", "utf-8")
    samples = sample_inputs()
    result = run_batch(samples + list(bad.values()) + [text_as_docx], tmp_path / "out", opts(jobs=2))
    assert result.exit_code == 1
    rows = {r["path"]: r for r in manifest(tmp_path / "out")}
    for p in samples:
        row = rows[str(p)]
        assert row["status"] in ("ok", "warning"), row["error"]
        data = json.loads((tmp_path / "out" / "reports" / f"{p.name}.json").read_text("utf-8"))
        report = Report.model_validate(data)
        assert report.source.sha256 == row["sha256"] == hashlib.sha256(p.read_bytes()).hexdigest()
        assert row["format"] == p.suffix.lstrip(".") == report.source.format.value
        assert (row["funding"], row["indicators"], row["decisions"], row["warnings"]) == tuple(
            str(len(x)) for x in (report.funding, report.indicators, report.decisions, report.warnings))
        assert row["status"] == report_status(report).value
    assert {rows[str(p)]["status"] for p in bad.values()} == {"failed"}
    assert rows[str(text_as_docx)]["format"] == "txt"  # sniffed from the bytes, not the name
    # the TXT and PDF of a report are the DOCX's duplicates: named, and counted once
    for p in samples:
        docx = p.with_suffix(".docx")
        assert rows[str(p)]["duplicate_of"] == ("" if p == docx else str(docx))
        if p != docx:
            assert "DOCX is read from the document's structure" in rows[str(p)]["duplicate_reason"]
    counted = [p for p in samples if not rows[str(p)]["duplicate_of"]] + [text_as_docx]
    funding = list(csv.DictReader(io.StringIO((tmp_path / "out" / "funding.csv").read_text("utf-8"))))
    assert len(funding) == sum(int(rows[str(p)]["funding"] or 0) for p in counted)
    assert {r["report"] for r in funding} == {p.name for p in samples if p.suffix == ".docx"}


def test_real_batch_is_byte_identical_with_one_or_two_jobs(tmp_path):
    inputs = sample_inputs() + [plant_bad_files(tmp_path)["corrupt-zip"]]
    run_batch(inputs, tmp_path / "one", opts(jobs=1))
    run_batch(inputs, tmp_path / "two", opts(jobs=2))
    assert tables(tmp_path / "one") == tables(tmp_path / "two")
    for name in os.listdir(tmp_path / "one" / "reports"):
        assert (tmp_path / "one" / "reports" / name).read_bytes() == (tmp_path / "two" / "reports" / name).read_bytes()


# -- one file's failure never costs the others (issue 10, item 2) ---------------------------

VICTIM = STEMS[1]


def surrogate_work(path: str, limits) -> Outcome:
    """The victim's report carries a lone surrogate (a PDF glyph outside the BMP read as one UTF-16 unit)."""
    outcome = golden_work(path, limits)
    if Path(path).stem == VICTIM:
        report = Report.model_validate_json(outcome.report_json)
        report.document.title = "Звіт \ud835 про виконання"
        outcome.report_json = report.to_json()
    return outcome


def raising_work(path: str, limits) -> Outcome:
    if Path(path).stem == VICTIM:
        raise MemoryError("in the victim's parse")
    return golden_work(path, limits)


def garbled_result_work(path: str, limits) -> Outcome:
    outcome = golden_work(path, limits)
    if Path(path).stem == VICTIM:
        outcome.report_json = '{"schema_version": "1", "source": '
    return outcome


class _FailingProgress:
    """A Progress whose line for the victim raises (a terminal that cannot show it)."""

    def __init__(self, total):
        from extractor.progress import Progress

        self.inner = Progress(total, silent=True)

    def advance(self, status, path, seconds=None, error=None, note=None):
        if Path(path).stem == VICTIM and status != "failed":
            raise UnicodeEncodeError("ascii", path, 0, 1, "the terminal cannot show it")
        self.inner.advance(status, path, seconds, error)

    def note(self, message):
        pass

    def close(self):
        pass


def _inject(stage: str, monkeypatch) -> dict:
    """Arrange for the victim's handling to fail at ``stage``; the run_batch keyword arguments that do it."""
    from extractor import batch

    victim_json = f"{VICTIM}.docx.json"
    if stage == "parse":
        return {"work": raising_work}
    if stage == "surrogate-in-report-text":
        return {"work": surrogate_work}
    if stage == "garbled-result":
        return {"work": garbled_result_work}
    if stage == "json-write":
        real = batch.atomic_write_text

        def write(path, text, encoding="utf-8"):
            if Path(path).name == victim_json:
                raise OSError(28, "No space left on device")
            return real(path, text, encoding)

        monkeypatch.setattr(batch, "atomic_write_text", write)
    elif stage == "counting":
        real_counts = batch._counts

        def counts(entry, report):
            if Path(entry.path).stem == VICTIM:
                raise ZeroDivisionError("while counting")
            return real_counts(entry, report)

        monkeypatch.setattr(batch, "_counts", counts)
    elif stage == "consolidation-input":
        real_build = batch.build_tables

        def build(reports, labels=None):
            if labels and any(label.startswith(VICTIM) for label in labels):
                raise ValueError("a row that cannot be flattened")
            return real_build(reports, labels)

        monkeypatch.setattr(batch, "build_tables", build)
    elif stage == "progress-line":
        return {"progress": "failing"}
    elif stage == "caller-hook":
        def hook(entry):
            if Path(entry.path).stem == VICTIM:
                raise RuntimeError("the caller's hook failed")

        return {"on_entry": hook}
    return {}


STAGES = ("parse", "surrogate-in-report-text", "garbled-result", "json-write", "counting",
          "consolidation-input", "progress-line", "caller-hook")


@pytest.mark.parametrize("stage", STAGES)
def test_a_failure_at_any_stage_of_one_files_handling_is_its_error_and_the_others_are_complete(
    tmp_path, monkeypatch, stage
):
    inputs = make_inputs(tmp_path / "in")
    others = [p for p in inputs if p.stem != VICTIM]
    run_batch(others, tmp_path / "baseline", opts(), work=golden_work)

    kwargs = _inject(stage, monkeypatch)
    kwargs.setdefault("work", golden_work)
    if kwargs.get("progress") == "failing":
        kwargs["progress"] = _FailingProgress(len(inputs))
    out = tmp_path / "out"
    result = run_batch(inputs, out, opts(), **kwargs)

    assert result.exit_code == 1 and result.problems == []
    rows = {Path(r["path"]).stem: r for r in manifest(out)}
    assert set(rows) == {p.stem for p in inputs}  # every input has its line
    victim = rows[VICTIM]
    assert victim["status"] == "failed" and victim["report"] == "" and "\n" not in victim["error"]
    assert victim["error"].startswith(str(tmp_path / "in" / f"{VICTIM}.docx") + ": ")
    if stage == "parse":
        assert victim["error_code"] == "crash" and "MemoryError" in victim["error"]
    else:
        assert victim["error_code"] == "internal-error" and "internal error while" in victim["error"]
    assert not (out / "reports" / f"{VICTIM}.docx.json").exists()
    # the others: the same outputs, byte for byte, as a batch that never saw the victim
    assert tables(out) == tables(tmp_path / "baseline")
    assert sorted(os.listdir(out / "reports")) == sorted(os.listdir(tmp_path / "baseline" / "reports"))
    baseline = {Path(r["path"]).stem: r for r in stable_manifest(tmp_path / "baseline")}
    assert {k: v for k, v in ((Path(r["path"]).stem, r) for r in stable_manifest(out)) if k != VICTIM} == baseline
    assert (out / "datapackage.json").exists()


def test_surrogate_in_a_report_text_names_the_stage_and_the_encoder(tmp_path):
    inputs = make_inputs(tmp_path / "in")
    result = run_batch(inputs, tmp_path / "out", opts(), work=surrogate_work)
    (victim,) = [e for e in result.entries if e.failed]
    assert Path(victim.path).stem == VICTIM
    assert "while recording its result" in victim.error
    assert sum(not e.failed for e in result.entries) == len(inputs) - 1


def test_an_output_that_cannot_be_written_is_a_problem_and_the_manifest_is_still_written(tmp_path, monkeypatch):
    from extractor import batch

    def no_datapackage(outdir, paths, bom=False, **style):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(batch, "write_datapackage", no_datapackage)
    inputs = make_inputs(tmp_path / "in")
    result = run_batch(inputs, tmp_path / "out", opts(), work=golden_work)
    assert result.exit_code == 1 and not result.failed
    (problem,) = result.problems
    assert "datapackage.json" in problem and "No space left on device" in problem
    assert len(manifest(tmp_path / "out")) == len(inputs) and (tmp_path / "out" / "funding.csv").exists()


def test_runner_failing_midway_records_every_unfinished_input(tmp_path, monkeypatch):
    from extractor import batch

    real = batch.run_local

    def breaks_after_one(paths, *args, **kwargs):
        it = real(paths, *args, **kwargs)
        yield next(it)
        it.close()
        raise RuntimeError("the pool broke")

    monkeypatch.setattr(batch, "run_local", breaks_after_one)
    inputs = make_inputs(tmp_path / "in")
    result = run_batch(inputs, tmp_path / "out", opts(jobs=1), work=golden_work)
    rows = manifest(tmp_path / "out")
    assert len(rows) == len(inputs)
    assert sum(r["status"] != "failed" for r in rows) == 1
    assert all("the pool broke" in r["error"] for r in rows if r["status"] == "failed")
    assert result.exit_code == 1
