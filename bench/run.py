"""``make bench``: how much the pipeline costs on top of reading the file, on this machine.

Sections (each prints its numbers and whether its target holds):

pdf      ``extractor.pipeline.parse_file`` vs. pdfplumber's extract_tables() +
         extract_text() on every page, per sample PDF, in process; also the
         pipeline with the fast PDFium page source switched off
         (EXTRACTOR_PDF_ENGINE=pdfplumber). Target: ratio <= 1.2.
docx     parse_file vs. python-docx reading every paragraph's and cell's
         text. Target: ratio <= 1.5.
txt      parse_file per TXT sample (wall clock; the process's CPU time beside
         it shows what waiting for a busy CPU added). Target: <= 20 ms each.
startup  the CLI's process start-up: ``extractor parse`` as a command vs. the
         same parse in process (reported, no target).
batch    ``extractor batch --jobs 2`` vs. ``--jobs 1`` over 90 files (the
         samples copied ten times), the whole command timed; also one file,
         to show the fixed cost of a batch (start-up, consolidated outputs).
         Target: throughput >= 1.7x. Interleaved with the batch runs: two
         CPU-bound Python processes vs. one, unpinned and pinned to a CPU
         each: the parallelism the machine gives meanwhile (reported).
ocr      scanned PDFs parsed with OCR, each in a fresh process (Tesseract's
         models loaded before the clock starts): seconds per page (wall and
         CPU), peak RSS, and the answer scored against the expected JSON
         with the corpus scorer's rules (tests/scoring.py): the scanned
         sample, and grey JPEG scans of the born-digital sample PDFs made at
         300 and at 200 dpi by tests/scanbuild.py, and black-and-white
         (fax-like) scans of them at 200 dpi, all read at the default 300 dpi
         (the scanned sample also read at 200 dpi, reported only).
         Targets: field accuracy >= 0.98 and row precision >= 0.99 for
         300-dpi scans, >= 0.95 for 200-dpi scans.
large    a generated 160-page PDF (a funding table across pages) and a DOCX
         with a 3,000-row table, each parsed in a fresh process (after one
         parse of the sample it was made from, so imports are not timed):
         time, peak RSS, and time per page/row against a quarter-size input.
         Targets: peak RSS <= 400 MB; time linear in size: the per-unit time
         at full size at most 1.5x the quarter size's (a quadratic step would
         make it about 4x; the margin is for a machine shared with others).
finder   the table finder over positioned words on the pinned renderings
         without drawn cells (tests/cases/): its steps' milliseconds per
         PDF page, and the whole parse per page of layout text and of
         one-cell-per-line text. Reported, no target.
formats  the same report in XLSX, HTML, XLS, DOC, RTF, ODT (those in samples/)
         beside its DOCX, parse_file in process; the LibreOffice formats
         through the process's warm LibreOffice. Also the conversion alone,
         cold (a fresh LibreOffice started, used once and stopped) and warm.
         Reported, no target.

Every timing is the median of several interleaved runs after a warm-up
(``bench/measure.py``). The results are written between the markers in
``bench/RESULTS.md`` with the machine, Python version and date; the rest of
that file (the notes) is kept. With ``--only``, only the chosen sections'
rows are replaced (the others keep their last numbers) and a line under the
table says when and on what those sections were measured.

Usage: ``python bench/run.py [--runs N] [--only pdf,docx,...] [--no-write]``
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import baselines  # noqa: E402
import inputs  # noqa: E402
from measure import command_seconds, interleaved, interleaved_with_cpu, run_child  # noqa: E402

SAMPLES = ROOT / "samples"
RESULTS = HERE / "RESULTS.md"
START_MARK = "<!-- bench:start -->"
END_MARK = "<!-- bench:end -->"

DEFAULT_RUNS = 7
#: targets from the issue
PDF_MAX_RATIO = 1.2
DOCX_MAX_RATIO = 1.5
TXT_MAX_MS = 20.0
BATCH_MIN_SPEEDUP = 1.7
BATCH_COPIES = 10  # 9 samples x 10 = 90 files
LARGE_MAX_RSS_MB = 400.0
#: scanned samples (image-only PDFs read by OCR) end in this; the pdf and batch sections leave them to ``ocr``
SCAN_SUFFIX = "-scan"
OCR_MIN_ACCURACY = {300: 0.98, 200: 0.95}
OCR_MIN_PRECISION = {300: 0.99, 200: 0.95}
LINEAR_MAX_RATIO = 1.5
#: the large PDF: the Zhytomyr sample's pages 3-5 hold only its funding table, continued
LARGE_PDF_SAMPLE = "zhytomyr-bezpechne-misto-2017-2019.pdf"
LARGE_PDF_HEAD = 2
LARGE_PDF_BODY = (2, 4)
LARGE_PDF_PAGES = 160
LARGE_DOCX_SAMPLE = "zhytomyr-bezpechne-misto-2017-2019.docx"
LARGE_DOCX_ROWS = 3000
SMALL_SHARE = 4  # the quarter-size input the linearity check compares with


@dataclass
class Line:
    """One result line: what, the numbers, the target and whether it holds."""

    section: str
    name: str
    value: str
    target: str
    ok: bool | None  # None: reported only


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def bench_pdf(runs: int) -> list[Line]:
    out = []
    for path in sorted(p for p in SAMPLES.glob("*.pdf") if not p.stem.endswith(SCAN_SUFFIX)):
        t = interleaved({
            "base": lambda: baselines.pdf_baseline(path),
            "parse": lambda: baselines.parse(path),
            "reference": lambda: baselines.parse_with_reference_pdf_engine(path),
        }, runs)
        ratio = t["parse"] / t["base"]
        out.append(Line("pdf", path.stem, f"parse {_ms(t['parse'])} / pdfplumber {_ms(t['base'])} = {ratio:.2f}x "
                        f"(pdfplumber-only engine: {_ms(t['reference'])} = {t['reference'] / t['base']:.2f}x)",
                        f"<= {PDF_MAX_RATIO}x", ratio <= PDF_MAX_RATIO))
    return out


def bench_docx(runs: int) -> list[Line]:
    out = []
    for path in sorted(SAMPLES.glob("*.docx")):
        t = interleaved({"base": lambda: baselines.docx_baseline(path), "parse": lambda: baselines.parse(path)}, runs)
        ratio = t["parse"] / t["base"]
        out.append(Line("docx", path.stem, f"parse {_ms(t['parse'])} / python-docx {_ms(t['base'])} = {ratio:.2f}x",
                        f"<= {DOCX_MAX_RATIO}x", ratio <= DOCX_MAX_RATIO))
    return out


def bench_txt(runs: int) -> list[Line]:
    out = []
    for path in sorted(SAMPLES.glob("*.txt")):
        wall, cpu = interleaved_with_cpu({"parse": lambda: baselines.parse(path)}, runs)
        t = wall["parse"]
        out.append(Line("txt", path.stem, f"parse {t * 1000:.1f} ms (CPU {cpu['parse'] * 1000:.1f} ms)",
                        f"<= {TXT_MAX_MS:g} ms", t * 1000 <= TXT_MAX_MS))
    return out


def bench_startup(runs: int) -> list[Line]:
    path = sorted(SAMPLES.glob("*.txt"))[0]
    in_process = interleaved({"parse": lambda: baselines.parse(path)}, runs)["parse"]
    bare = command_seconds([sys.executable, "-c", "pass"], runs)
    imports = command_seconds([sys.executable, "-c", "import extractor.cli, extractor.pipeline, extractor.extract"], runs)
    cli = command_seconds([sys.executable, "-m", "extractor", "parse", str(path), "-o", os.devnull], runs)
    return [
        Line("startup", "python -c pass", _ms(bare), "", None),
        Line("startup", "import extractor (cli, pipeline, extract)", _ms(imports), "", None),
        Line("startup", f"extractor parse {path.name} (command)", f"{_ms(cli)}; in process {_ms(in_process)}; "
             f"start-up {_ms(cli - in_process)}", "", None),
    ]


def bench_batch(runs: int) -> list[Line]:
    files = sorted(p for p in SAMPLES.iterdir()
                   if p.suffix in {".pdf", ".docx", ".txt"} and not p.stem.endswith(SCAN_SUFFIX))
    with tempfile.TemporaryDirectory(prefix="extractor-bench-") as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        for k in range(BATCH_COPIES):
            for p in files:
                shutil.copy(p, src / f"{p.stem}-{k}{p.suffix}")
        n = len(list(src.iterdir()))

        def batch(jobs: int) -> None:
            outdir = Path(tmp) / f"out{jobs}"
            shutil.rmtree(outdir, ignore_errors=True)
            subprocess.run(
                [sys.executable, "-m", "extractor", "batch", str(src), "-o", str(outdir), "--jobs", str(jobs),
                 "--quiet", "--no-xlsx"],
                check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )

        # the machine's parallelism is measured in the same interleaved runs, so both see the same load
        t = interleaved({
            "j1": lambda: batch(1),
            "j2": lambda: batch(2),
            "one": lambda: _spin(1, False),
            "two": lambda: _spin(2, False),
            "two pinned": lambda: _spin(2, True),
        }, max(2, runs // 2), warmup=0)
        one = Path(tmp) / "one"
        one.mkdir()
        shutil.copy(files[0], one / files[0].name)
        fixed = command_seconds(
            [sys.executable, "-m", "extractor", "batch", str(one), "-o", str(Path(tmp) / "out-one"), "--jobs", "1",
             "--quiet", "--no-xlsx", "--force"], max(1, runs // 2))
    speedup = t["j1"] / t["j2"]
    ceiling = 2 * t["one"] / t["two pinned"]
    return [
        Line("machine", "2 CPU-bound processes vs 1 (unpinned)", f"{2 * t['one'] / t['two']:.2f}x", "", None),
        Line("machine", "2 CPU-bound processes vs 1 (each pinned to a CPU)", f"{ceiling:.2f}x", "", None),
        Line("batch", f"{n} files, --jobs 2 vs --jobs 1",
             f"{t['j1']:.2f} s / {t['j2']:.2f} s = {speedup:.2f}x ({n / t['j1']:.1f} vs {n / t['j2']:.1f} files/s; "
             f"{speedup / ceiling:.0%} of the machine's pinned 2-process speed-up)",
             f">= {BATCH_MIN_SPEEDUP}x", speedup >= BATCH_MIN_SPEEDUP),
        Line("batch", "a batch of one TXT file (fixed cost)", f"{fixed:.2f} s", "", None),
    ]


#: a CPU-bound loop of about a second, to see how many cores the machine really gives
SPIN_CODE = "x = 0\nfor i in range(12_000_000):\n    x += i"


def _spin(processes: int, pinned: bool) -> None:
    """Run ``processes`` copies of the CPU-bound loop at once (pinned: each to a CPU of its own)."""
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []

    def pin(k: int):
        return (lambda: os.sched_setaffinity(0, {cpus[k % len(cpus)]})) if pinned and cpus else None

    procs = [subprocess.Popen([sys.executable, "-c", SPIN_CODE], preexec_fn=pin(k)) for k in range(processes)]
    for p in procs:
        p.wait()


def _ocr_case(name: str, path: Path, dpi: int, golden: Path, tmp: Path, target: int | None) -> Line:
    """One scanned PDF parsed with OCR at ``dpi`` in a fresh process, scored (against the targets of ``target`` dpi)."""
    import json

    sys.path.insert(0, str(ROOT / "tests"))
    from scoring import score_pair

    out = tmp / f"{path.stem}-{dpi}.json"
    done = subprocess.run([sys.executable, str(HERE / "ocr_child.py"), str(path), str(dpi), str(out)],
                          check=True, capture_output=True, text=True)
    r = json.loads(done.stdout.strip().splitlines()[-1])
    score = score_pair(json.loads(golden.read_text(encoding="utf-8")), json.loads(out.read_text(encoding="utf-8")))
    fa, rp = float(score.field_accuracy), float(score.row_precision)
    pages = r["pages"] or 1
    value = (f"{r['seconds'] / pages:.1f} s/page (CPU {r['cpu'] / pages:.1f} s), peak RSS {r['peak_mb']:.0f} MB; "
             f"field accuracy {fa:.3f}, row precision {rp:.3f}")
    if target is None:
        return Line("ocr", f"{name}, {pages} pages, read at {dpi} dpi", value, "", None)
    ok = fa >= OCR_MIN_ACCURACY[target] and rp >= OCR_MIN_PRECISION[target]
    return Line("ocr", f"{name}, {pages} pages, read at {dpi} dpi", value,
                f">= {OCR_MIN_ACCURACY[target]} / {OCR_MIN_PRECISION[target]}", ok)


def bench_ocr(runs: int) -> list[Line]:
    sys.path.insert(0, str(ROOT / "tests"))
    from dataclasses import replace

    from scanbuild import SAMPLE_LOOK, ScanLook, scan_pdf

    out = []
    with tempfile.TemporaryDirectory(prefix="extractor-bench-") as tmp:
        tmp = Path(tmp)
        for path in sorted(SAMPLES.glob(f"*{SCAN_SUFFIX}.pdf")):
            golden = ROOT / "tests" / "golden" / "scanned" / f"{path.stem}.expected.json"
            out.append(_ocr_case(f"{path.name} (black and white, 300 dpi, stamp)", path, 300, golden, tmp, 300))
            # the same scan rendered at 200 dpi: fewer pixels than it has, reported only
            out.append(_ocr_case(f"{path.name} (black and white, 300 dpi, stamp)", path, 200, golden, tmp, None))
        for scan_dpi in (300, 200):
            for path in sorted(p for p in SAMPLES.glob("*.pdf") if not p.stem.endswith(SCAN_SUFFIX)):
                scan = tmp / f"{path.stem}-grey-{scan_dpi}.pdf"
                scan.write_bytes(scan_pdf(path.read_bytes(), ScanLook(dpi=scan_dpi, stamp=True)))
                out.append(_ocr_case(f"{path.stem}: grey JPEG scan at {scan_dpi} dpi, stamp", scan, 300,
                                     ROOT / "tests" / "golden" / f"{path.stem}.expected.json", tmp, scan_dpi))
        # fax-like: black and white at 200 dpi (dust, a stamp), the poorest scan offices send
        for path in sorted(p for p in SAMPLES.glob("*.pdf") if not p.stem.endswith(SCAN_SUFFIX)):
            scan = tmp / f"{path.stem}-bw-200.pdf"
            scan.write_bytes(scan_pdf(path.read_bytes(), replace(SAMPLE_LOOK, dpi=200)))
            out.append(_ocr_case(f"{path.stem}: black-and-white scan at 200 dpi, stamp, dust", scan, 300,
                                 ROOT / "tests" / "golden" / f"{path.stem}.expected.json", tmp, 200))
    return out


def _large(kind: str, unit: str, full: int, make, runs: int, warmup: Path) -> list[Line]:
    with tempfile.TemporaryDirectory(prefix="extractor-bench-") as tmp:
        big = Path(tmp) / f"large.{kind}"
        small = Path(tmp) / f"small.{kind}"
        big.write_bytes(make(full))
        small.write_bytes(make(full // SMALL_SHARE))
        r_big = run_child("parse", big, runs, warmup)
        r_small = run_child("parse", small, runs, warmup)
    n_big = r_big["found"].get("pages", full) if kind == "pdf" else full
    n_small = r_small["found"].get("pages", full // SMALL_SHARE) if kind == "pdf" else full // SMALL_SHARE
    per_big = r_big["seconds"] / n_big
    per_small = r_small["seconds"] / n_small
    growth = per_big / per_small
    return [
        Line("large", f"{kind.upper()} {n_big} {unit}s", f"{r_big['seconds']:.2f} s ({per_big * 1000:.1f} ms/{unit}), "
             f"peak RSS {r_big['peak_mb']:.0f} MB", f"RSS <= {LARGE_MAX_RSS_MB:g} MB",
             r_big["peak_mb"] <= LARGE_MAX_RSS_MB),
        Line("large", f"{kind.upper()} linearity", f"{per_small * 1000:.1f} ms/{unit} at {n_small} {unit}s, "
             f"{per_big * 1000:.1f} at {n_big}: {growth:.2f}x", f"<= {LINEAR_MAX_RATIO}x", growth <= LINEAR_MAX_RATIO),
        Line("large", f"{kind.upper()} {n_big} {unit}s: what was found", str(r_big["found"]), "", None),
    ]


def bench_large(runs: int) -> list[Line]:
    pdf_sample = SAMPLES / LARGE_PDF_SAMPLE
    docx_sample = SAMPLES / LARGE_DOCX_SAMPLE
    child_runs = max(2, runs // 2)
    return _large(
        "pdf", "page", LARGE_PDF_PAGES,
        lambda n: inputs.long_pdf(pdf_sample, LARGE_PDF_HEAD, LARGE_PDF_BODY, n), child_runs, pdf_sample,
    ) + _large("docx", "row", LARGE_DOCX_ROWS, lambda n: inputs.long_docx(docx_sample, n), child_runs, docx_sample)


#: the formats a report is compared in, beside its DOCX (those of them in samples/)
FORMATS_COMPARED = ("xlsx", "html", "xls", "doc", "rtf", "odt")
#: LibreOffice starts timed for the cold figure (each a fresh LibreOffice, profile included)
COLD_RUNS = 2


def bench_formats(runs: int) -> list[Line]:
    """Per-file time of each new format beside the same report's DOCX; DOC and friends via a warm LibreOffice."""
    from extractor.limits import DEFAULT_LIMITS
    from extractor.readers import libreoffice

    out = []
    lo = libreoffice.installation()
    for docx in sorted(SAMPLES.glob("*.docx")):
        others = [docx.with_suffix("." + f) for f in FORMATS_COMPARED if docx.with_suffix("." + f).exists()]
        if not others:
            continue
        usable = [p for p in others if p.suffix[1:] not in libreoffice.CONVERTED_FORMATS or lo.available]
        # the shared converter is started by the warm-up run, so the converted formats are timed warm
        t = interleaved({"docx": lambda: baselines.parse(docx), **{p.suffix[1:]: (lambda p=p: baselines.parse(p))
                                                                   for p in usable}}, runs)
        for p in usable:
            fmt = p.suffix[1:]
            how = " (warm LibreOffice: conversion + DOCX/XLSX reader)" if fmt in libreoffice.CONVERTED_FORMATS else ""
            out.append(Line("formats", f"{docx.stem} {fmt.upper()}", f"parse {_ms(t[fmt])} vs DOCX {_ms(t['docx'])} "
                            f"= {t[fmt] / t['docx']:.1f}x{how}", "", None))
        for p in usable:
            fmt = p.suffix[1:]
            if fmt not in libreoffice.CONVERTED_FORMATS:
                continue
            data = p.read_bytes()

            def cold() -> None:
                with libreoffice.Converter() as conv:
                    conv.convert(data, fmt, path=p.name, limits=DEFAULT_LIMITS)

            def warm() -> None:
                libreoffice.shared_converter().convert(data, fmt, path=p.name, limits=DEFAULT_LIMITS)

            tc = interleaved({"cold": cold, "warm": warm}, COLD_RUNS, warmup=0)
            out.append(Line("formats", f"{p.name}: LibreOffice conversion alone",
                            f"cold {tc['cold']:.2f} s (start + convert + stop), warm {_ms(tc['warm'])}", "", None))
    libreoffice.close_shared_converter()
    return out


#: the pinned renderings whose table cells are not drawn (tests/cases/), timed by the finder section
FINDER_CASES = ROOT / "tests" / "cases"
FINDER_PDFS = ("libreoffice-no-rules.pdf", "libreoffice-header-ruled.pdf", "libreoffice-calc-header-ruled.pdf",
               "chromium-print-no-borders.pdf")
FINDER_TEXTS = ("pdftotext-layout.txt", "libreoffice-text-export.txt")


def _finder_pdf_ms(path: Path, runs: int) -> tuple[float, int]:
    """Median milliseconds the finder's steps take on a PDF's pages (pages read once, outside the clock)."""
    import copy
    import statistics
    import time

    from extractor.limits import DEFAULT_LIMITS
    from extractor.readers.pdf import _read_pages
    from extractor.readers.unruled import complete_ruled_tables, read_unruled, rule_found_tables

    pages = _read_pages(path.read_bytes(), str(path), DEFAULT_LIMITS)
    times = []
    for _ in range(runs + 1):
        work = copy.deepcopy(pages)
        t0 = time.perf_counter()
        if not rule_found_tables(work):
            read_unruled(work)
        complete_ruled_tables(work)
        times.append(time.perf_counter() - t0)
    return statistics.median(times[1:]) * 1000, len(pages)


def bench_finder(runs: int) -> list[Line]:
    """The table finder over positioned words: milliseconds per page on the pinned renderings without drawn cells.

    PDFs: the finder's steps alone (gutters, header, rows under virtual or
    partial rules) on pages read beforehand; texts: the whole parse, per page
    (form feeds) or per 60 lines of a one-cell-per-line export. Reported, no target.
    """
    out = []
    cases = sorted(d for d in FINDER_CASES.iterdir() if (d / "case.json").is_file())
    pdf_ms, pdf_pages = 0.0, 0
    for d in cases:
        for name in FINDER_PDFS:
            if (d / name).is_file():
                ms, n = _finder_pdf_ms(d / name, runs)
                pdf_ms += ms
                pdf_pages += n
    if pdf_pages:
        out.append(Line("finder", f"PDFs without drawn cells ({pdf_pages} pages)",
                        f"{pdf_ms / pdf_pages:.1f} ms per page (finder steps only)", "", None))
    for name in FINDER_TEXTS:
        files = [d / name for d in cases if (d / name).is_file()]
        if not files:
            continue
        total, units = 0.0, 0
        for f in files:
            t = interleaved({"parse": lambda f=f: baselines.parse(f)}, runs)["parse"]
            text = f.read_bytes().decode("utf-8", "replace")
            total += t
            units += text.count("\f") + 1 if name.startswith("pdftotext") else max(1, text.count("\n") // 60)
        out.append(Line("finder", f"{name} ({len(files)} files, {units} pages)",
                        f"{total / units * 1000:.1f} ms per page (whole parse)", "", None))
    return out


SECTIONS = {
    "pdf": bench_pdf,
    "docx": bench_docx,
    "txt": bench_txt,
    "startup": bench_startup,
    "batch": bench_batch,
    "ocr": bench_ocr,
    "large": bench_large,
    "formats": bench_formats,
    "finder": bench_finder,
}


def machine() -> str:
    """Cores, CPU model, Python and library versions, load: what the numbers depend on."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import PackageNotFoundError, version

    libs = []
    for name in ("pdfplumber", "pdfminer.six", "pypdfium2", "python-docx", "lxml", "tesserocr"):
        try:
            libs.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            pass
    try:
        import tesserocr

        libs.append(f"Tesseract {tesserocr.tesseract_version().split()[1]}")
    except (ImportError, IndexError):
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{os.cpu_count()} cores ({model}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}; {', '.join(libs)}; load average at start {load:.2f}"
    )


def render(lines: list[Line], runs: int, machine_text: str, started: str) -> str:
    out = [
        f"Measured {started} by `make bench` (median of {runs} interleaved runs after a warm-up).",
        "",
        f"Machine: {machine_text}.",
        "",
        "| section | case | result | target | holds |",
        "|---|---|---|---|---|",
    ]
    for l in lines:
        mark = "" if l.ok is None else ("yes" if l.ok else "**NO**")
        out.append(f"| {l.section} | {l.name} | {l.value} | {l.target} | {mark} |")
    return "\n".join(out) + "\n"


def write_results(table: str) -> None:
    """Put the table between the markers of RESULTS.md, keeping the rest of the file."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else f"# Benchmark results\n\n{START_MARK}\n{END_MARK}\n"
    if START_MARK not in text or END_MARK not in text:
        text = text.rstrip("\n") + f"\n\n{START_MARK}\n{END_MARK}\n"
    head, rest = text.split(START_MARK, 1)
    _, tail = rest.split(END_MARK, 1)
    RESULTS.write_text(f"{head}{START_MARK}\n{table}{END_MARK}{tail}", encoding="utf-8")


def _section_of(row: str) -> str | None:
    cells = [c.strip() for c in row.strip().strip("|").split("|")]
    return cells[0] if row.startswith("| ") and cells and cells[0] not in ("section", "---") else None


def merge_sections(lines: list[Line], chosen: list[str], runs: int, machine_text: str, started: str) -> str:
    """The table in RESULTS.md with only the ``chosen`` sections' rows replaced by ``lines`` (the rest kept).

    A section measured on its own keeps the others' last numbers; a note
    under the table says which sections were measured when, and on what.
    """
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    if START_MARK not in text or END_MARK not in text:
        return render(lines, runs, machine_text, started)
    old = text.split(START_MARK, 1)[1].split(END_MARK, 1)[0].strip("\n").splitlines()
    table_start = next((i for i, row in enumerate(old) if row.startswith("| section |")), None)
    if table_start is None:
        return render(lines, runs, machine_text, started)
    new_rows = render(lines, runs, machine_text, started).splitlines()[6:]
    head, body, after = old[:table_start + 2], [], []
    placed = False
    for row in old[table_start + 2:]:
        if not row.startswith("|"):
            after.append(row)
            continue
        if _section_of(row) in chosen:
            if not placed:
                body.extend(new_rows)
                placed = True
            continue
        body.append(row)
    if not placed:
        body.extend(new_rows)
    note = f"Section{'s' if len(chosen) > 1 else ''} {', '.join(chosen)} measured {started} (machine: {machine_text})."
    after = [a for a in after if not any(a.startswith(f"Section{p} {', '.join(chosen)} measured") for p in ("", "s"))]
    if after and after[0].strip():
        after.insert(0, "")
    return "\n".join(head + body + (after or [""]) + [note]) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=DEFAULT_RUNS, help="timed runs per case (default: %(default)s)")
    ap.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections (default: all)")
    ap.add_argument("--no-write", action="store_true", help="do not update bench/RESULTS.md")
    args = ap.parse_args(argv)
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = [s for s in chosen if s not in SECTIONS]
    if unknown:
        ap.error(f"unknown section(s): {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    machine_text = machine()
    started = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    print(f"machine: {machine_text}", flush=True)
    lines: list[Line] = []
    for name in chosen:
        section = SECTIONS[name](args.runs)
        for l in section:
            mark = "" if l.ok is None else ("ok  " if l.ok else "FAIL")
            print(f"{mark:4} {l.section:8} {l.name:45} {l.value}  [{l.target}]", flush=True)
        lines.extend(section)
    table = render(lines, args.runs, machine_text, started)
    if not args.no_write:
        # all sections: the table anew; some: only their rows replaced, the others' kept
        write_results(table if set(chosen) == set(SECTIONS) else merge_sections(lines, chosen, args.runs,
                                                                                 machine_text, started))
        print(f"written to {RESULTS.relative_to(ROOT)}")
    failed = [l for l in lines if l.ok is False]
    print(f"{len(lines) - len(failed)} lines, {len(failed)} target(s) missed" if failed else "every target holds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
