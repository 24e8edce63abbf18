"""One benchmark task in a fresh process: ``child.py TASK PATH [RUNS [WARMUP]]``.

Prints one JSON line: the median seconds of the task over RUNS runs, the
peak resident set size of this process in MB, and what the task found
(pages, table rows), so a broken input shows. With WARMUP (a small file of
the same format) the task first runs once on it, so that the timed runs do
not include importing the libraries.

Tasks: ``parse`` (``extractor.pipeline.parse_file``), ``pdf-baseline``
(pdfplumber: extract_tables and extract_text on every page),
``docx-baseline`` (python-docx: every paragraph's and cell's text).
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import baselines  # noqa: E402


def main(argv: list[str]) -> int:
    task, path = argv[0], Path(argv[1])
    runs = int(argv[2]) if len(argv) > 2 else 1
    warmup = Path(argv[3]) if len(argv) > 3 else None
    fn = {
        "parse": baselines.parse,
        "pdf-baseline": baselines.pdf_baseline,
        "docx-baseline": baselines.docx_baseline,
    }[task]
    if warmup is not None:
        fn(warmup)
    seconds = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn(path)
        seconds.append(time.perf_counter() - start)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(json.dumps({"seconds": statistics.median(seconds), "peak_mb": peak_kb / 1024, "found": baselines.summary(result)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
