#!/usr/bin/env python3
"""Pin generated layouts as regression cases under tests/cases/, or raise the floors of the pinned cases.

    python qa/pin.py [--out qa/out] [VARIANT_ID ...]   copy generated variants (qa/gen.py) into
                                                       tests/cases/<name>/ (names and descriptions in
                                                       qa/cases.py); floors = the scores they get now
    python qa/pin.py --add SUFFIX... [VARIANT_ID ...]   add only these renderings (.calc.pdf, .web.pdf,
                                                       .lotext.txt, .xlsx, .html) of generated variants to their pinned
                                                       cases, their floors = the scores they get now
    python qa/pin.py --corpus DIR                      pin renderings of the reference corpus (shared/corpus)
                                                       that samples/ does not hold (qa/cases.py CORPUS)
    python qa/pin.py --raise                           score every pinned case again and raise each floor
                                                       that improved (never lowers one); `make floors`

The committed files, not a fresh generation, are what the tests read: LibreOffice's PDF layout varies a
little between versions. To accept a lower score on purpose, edit that floor in the case's case.json.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "qa"))

from cases import CASES, CORPUS  # noqa: E402
from pinned import (CASE_FILE, CASES_DIR, all_cases, as_floor, describe, measures, parse_to_json,  # noqa: E402
                    score_output, write_case_file, write_floors)

#: generated file suffix -> name in the case folder (says how the rendering was made)
RENDERINGS = {
    ".docx": "word.docx",
    ".pdf": "libreoffice.pdf",
    ".txt": "word-tab-export.txt",
    ".layout.txt": "pdftotext-layout.txt",
    ".cp1251.txt": "word-tab-export-cp1251.txt",
    ".calc.pdf": "libreoffice-calc-header-ruled.pdf",
    ".web.pdf": "chromium-print-no-borders.pdf",
    ".lotext.txt": "libreoffice-text-export.txt",
    ".xlsx": "spreadsheet.xlsx",
    ".html": "web-page.html",
}


def _tool_version(cmd: list[str]) -> str:
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return "unknown version"
    return ((r.stdout or r.stderr).strip().splitlines() or ["unknown version"])[0]


def pin(out: Path, ids: list[str]) -> int:
    made_with = f"{_tool_version(['soffice', '--version'])}; {_tool_version(['pdftotext', '-v'])}"
    for vid, (name, pins) in CASES.items():
        if ids and vid not in ids:
            continue
        expected = out / f"{vid}.expected.json"
        if not expected.is_file():
            print(f"{vid}: not generated in {out}", file=sys.stderr)
            return 1
        folder = CASES_DIR / name
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        shutil.copyfile(expected, folder / "expected.json")
        files = []
        for suffix, target in RENDERINGS.items():
            src = out / f"{vid}{suffix}"
            if src.is_file():
                shutil.copyfile(src, folder / target)
                files.append(target)
        meta = {"pins": pins, "made_by": f"qa/gen.py variant {vid} ({made_with})", "expected": "expected.json",
                "floors": {}}
        write_case_file(folder, meta)
        _measure(name, files)
    return 0


def pin_renderings(out: Path, ids: list[str], suffixes: list[str]) -> int:
    """Add the renderings ``suffixes`` of generated variants to their pinned cases, floors = their scores now.

    The case's other files and floors stay as they are.
    """
    made_with = f"{_tool_version(['soffice', '--version'])}; {_tool_version(['chromium', '--version'])}"
    for vid, (name, _) in CASES.items():
        if ids and vid not in ids:
            continue
        folder = CASES_DIR / name
        if not (folder / CASE_FILE).is_file():
            print(f"{vid}: no pinned case {name}; pin the variant first", file=sys.stderr)
            return 1
        added = []
        for suffix in suffixes:
            src = out / f"{vid}{suffix}"
            if src.is_file():
                shutil.copyfile(src, folder / RENDERINGS[suffix])
                added.append(RENDERINGS[suffix])
        meta = json.loads((folder / CASE_FILE).read_text(encoding="utf-8"))
        case = next(c for c in all_cases() if c.name == name)
        for f in added:
            meta["floors"][f] = as_floor(score_output(case, parse_to_json(folder / f)))
            print(f"{name}/{f}: " + "  ".join(f"{m}={v}" for m, v in meta["floors"][f].items()))
        note = f"; {', '.join(added)} added by qa/pin.py --add ({made_with})"
        if added and note not in meta["made_by"]:
            meta["made_by"] += note
        write_case_file(folder, meta)
    return 0


def _render_corpus(corpus: Path, stem: str, target: str) -> bytes:
    if target.startswith("pdftotext-layout"):
        text = subprocess.run(["pdftotext", "-layout", str(corpus / f"{stem}.pdf"), "-"],
                              capture_output=True, check=True).stdout.decode("utf-8")
    else:
        text = (corpus / f"{stem}.txt").read_text(encoding="utf-8")
    return text.encode("cp1251") if target.endswith("-cp1251.txt") else text.encode("utf-8")


def pin_corpus(corpus: Path) -> int:
    made_with = _tool_version(["pdftotext", "-v"])
    for stem, (name, pins, targets) in CORPUS.items():
        folder = CASES_DIR / name
        folder.mkdir(parents=True, exist_ok=True)
        for target in targets:
            (folder / target).write_bytes(_render_corpus(corpus, stem, target))
        meta = {"pins": pins, "made_by": f"from shared/corpus/{stem} ({made_with})",
                "expected": f"../../golden/{stem}.expected.json", "floors": {}}
        write_case_file(folder, meta)
        _measure(name, targets)
    return 0


def _measure(name: str, files: list[str]) -> None:
    """Set the floors of a freshly pinned case to the scores its files get now."""
    case = next(c for c in all_cases() if c.name == name)
    floors = {}
    for f in files:
        floors[f] = as_floor(score_output(case, parse_to_json(case.folder / f)))
        print(f"{name}/{f}: " + "  ".join(f"{m}={v}" for m, v in floors[f].items()))
    write_floors(case.folder, floors)


def raise_floors() -> int:
    raised = 0
    for case in all_cases():
        meta = json.loads((case.folder / CASE_FILE).read_text(encoding="utf-8"))
        floors = meta["floors"]
        for f in case.inputs():
            score = score_output(case, parse_to_json(case.folder / f))
            now, new = measures(score), as_floor(score)
            for m in now:
                if now[m] > case.floors[f][m]:
                    print(f"{case.name}/{f}: {m} {describe(floors[f][m])} -> {describe(new[m])}")
                    floors[f][m] = new[m]
                    raised += 1
        write_floors(case.folder, floors)
    print(f"{raised} floor(s) raised")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "qa" / "out", help="qa/gen.py output folder (default: qa/out)")
    ap.add_argument("--raise", dest="raise_", action="store_true", help="raise the floors of the pinned cases")
    ap.add_argument("--corpus", type=Path, help="pin renderings of the reference corpus in this folder")
    ap.add_argument("--add", nargs="+", metavar="SUFFIX", choices=sorted(RENDERINGS),
                    help="only add these renderings (e.g. .calc.pdf .web.pdf .lotext.txt) to the pinned cases")
    ap.add_argument("ids", nargs="*", help="only these variant ids (default: all)")
    args = ap.parse_args(argv)
    if args.raise_:
        return raise_floors()
    if args.add:
        return pin_renderings(args.out, args.ids, args.add)
    if args.corpus:
        return pin_corpus(args.corpus)
    return pin(args.out, args.ids)


if __name__ == "__main__":
    sys.exit(main())
