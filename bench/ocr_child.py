"""One scanned PDF parsed with OCR in a fresh process: ``ocr_child.py PATH DPI OUT.json``.

Prints one JSON line: wall-clock and CPU seconds of the parse, the peak
resident set size of this process in MB, and the number of pages; writes the
report's JSON to OUT.json (for scoring). Tesseract's models are loaded by a
warm-up read of one blank scanned page first, so the seconds are the pages'
own (the models' load, about a second, is paid once per process in a batch).
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def peak_kb() -> int:
    """This process's peak resident set size in KiB: VmHWM, else ru_maxrss.

    On Linux ``ru_maxrss`` keeps the high-water mark of the memory the
    process had before ``exec``: a copy of its parent's at ``fork``, so a
    child of a large parent (the bench, holding scanned pages it made) would
    report the parent's size. VmHWM belongs to the program that runs.
    """
    try:
        for line in open("/proc/self/status", encoding="ascii"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def main(argv: list[str]) -> int:
    from extractor.readers.ocr import OcrSettings, make_readers
    from extractor.pipeline import parse_file

    path, dpi, out = Path(argv[0]), int(argv[1]), Path(argv[2])
    settings = OcrSettings(dpi=dpi)
    make_readers(settings, str(path))  # load the models once, as a batch worker does
    start, cpu = time.perf_counter(), time.process_time()
    report = parse_file(path, ocr=settings)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    out.write_text(report.to_json(), encoding="utf-8")
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": peak_kb() / 1024, "pages": report.source.pages}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
