"""No new module-level tuning constant: thresholds live in the settings dataclasses (extractor/settings.py and the
per-algorithm classes it gathers), where parse() and batch can hand them down.

A module-level number is allowed only when it is listed below with its reason: a fact of a file format or
of a program extractor talks to, a presentation or operations value (progress bar, web server, worker
processes) that tunes no parse, or a threshold still waiting for its settings class (``PENDING``: to move,
not to copy). A number not listed fails the test; so does a listed one that is gone (keep the list true).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "extractor"

#: facts of a file format, a standard or a program extractor talks to: not ours to tune
FORMAT_FACTS = {
    "cli.py": {"EXIT_OK", "EXIT_FAILED", "EXIT_USAGE"},
    "readers/docx.py": {"_SYMBOL_PUA_BASE"},
    "readers/libreoffice.py": {"_RESTART_EXIT_CODE", "_PR_SET_PDEATHSIG"},
    "readers/lo_bridge.py": {"_NEVER_EXECUTE", "_NO_UPDATE"},
    "readers/numfmt.py": {"SIGNIFICANT_DIGITS"},
    "readers/ocr/engine.py": {"PSM_AUTO", "PSM_BLOCK", "PSM_LINE", "PSM_SPARSE"},
    "readers/ole.py": {"HEADER_BYTES", "_MAX_REGULAR_SECTOR", "_DIR_ENTRY_BYTES", "_HEADER_DIFAT_ENTRIES", "PEEK_BYTES",
                       "_FIB_IDENT", "_FIB_ENCRYPTED", "_BIFF_FILEPASS", "_BIFF_BOUNDSHEET", "_BIFF_EOF",
                       "_BIFF_MAX_RECORDS"},
    "readers/pdf_pdfium.py": {"HIGH_SURROGATES", "LOW_SURROGATES", "PDFIUM_LINE_END_HYPHEN", "SPACE",
                              "SUBSET_TAG_LENGTH", "BOX_EPSILON", "ZERO_WIDTH", "MAX_FORM_DEPTH"},
    "readers/sniff.py": {"_PDF_HEADER_WINDOW"},
    "readers/xlsx.py": {"MAX_SHEET_COLUMNS", "MAX_SHEET_ROWS"},
    "writers/xlsx.py": {"MAX_CELL_CHARS", "MAX_SHEET_NAME_CHARS"},
    "normalize/dates.py": {"TWO_DIGIT_YEAR_PIVOT"},
}

#: presentation and operations: how output looks, how workers and the web page run; no parse depends on them
OPERATIONS = {
    "duplicates.py": {"SCAN_RANK", "UNKNOWN_RANK"},
    "inputs.py": {"KEY_HASH_DIGITS"},
    "limits.py": {"BATCH_TIMEOUT_SECONDS"},
    "normalize/text.py": {"CACHE_MAX_CHARS", "CACHE_ENTRIES"},
    "progress.py": {"BAR_WIDTH", "REDRAW_SECONDS", "STATUS_WIDTH"},
    "provenance.py": {"BOX_DECIMALS"},
    "readers/libreoffice.py": {"CONVERT_SECONDS", "TIMEOUT_SHARE", "START_SECONDS", "STOP_GRACE_SECONDS"},
    "readers/lo_bridge.py": {"CONNECT_SECONDS"},
    "readers/ocr/image.py": {"BAND_ROWS"},
    "readers/ooxml.py": {"_READ_CHUNK"},
    "readers/xlsx.py": {"NAMED_CELLS"},
    "render.py": {"DEFAULT_WIDTH", "MIN_WIDTH"},
    "runner.py": {"WORKER_STOP_GRACE_SECONDS", "DASK_TASKS_PER_THREAD", "DASK_STARTUP_ALLOWANCE_SECONDS"},
    "serve.py": {"DEFAULT_MAX_FILES", "DEFAULT_MAX_PARALLEL", "REQUEST_OVERHEAD_BYTES", "MAX_NAME_CHARS"},
    "writers/pages.py": {"DEFAULT_SCALE", "MAX_PAGES"},
    "writers/xlsx.py": {"MAX_COLUMN_WIDTH", "MIN_COLUMN_WIDTH"},
}

#: tuning thresholds still to be moved into a settings class (the PDF reader's geometry into PdfSettings, the
#: text readers' costs into their finder/regroup settings)
PENDING = {
}


def _numeric(node: ast.AST) -> bool:
    """A number, a sum/product of numbers, a tuple of numbers or a Decimal("...")."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, (int, float)) and not isinstance(node.value, bool)
    if isinstance(node, ast.UnaryOp):
        return _numeric(node.operand)
    if isinstance(node, ast.BinOp):
        return _numeric(node.left) and _numeric(node.right)
    if isinstance(node, ast.Tuple):
        return bool(node.elts) and all(_numeric(e) for e in node.elts)
    return isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Decimal"


def module_numbers(source: str) -> set[str]:
    """Names a module binds to a number at its top level."""
    found = set()
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        if _numeric(value):
            found |= {t.id for t in targets if isinstance(t, ast.Name)}
    return found


def _allowed() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for table in (FORMAT_FACTS, OPERATIONS, PENDING):
        for module, names in table.items():
            out.setdefault(module, set()).update(names)
    return out


def _found() -> dict[str, set[str]]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        names = module_numbers(path.read_text("utf-8"))
        if names:
            out[path.relative_to(PACKAGE).as_posix()] = names
    return out


def test_no_module_defines_an_unlisted_numeric_constant():
    allowed = _allowed()
    new = {m: sorted(names - allowed.get(m, set())) for m, names in _found().items() if names - allowed.get(m, set())}
    assert new == {}, "put these thresholds in a settings dataclass (extractor/settings.py) and hand them down"


def test_the_allowed_list_names_only_constants_that_exist():
    found = _found()
    stale = {m: sorted(names - found.get(m, set())) for m, names in _allowed().items() if names - found.get(m, set())}
    assert stale == {}


def test_the_scan_sees_a_tuning_constant():
    assert module_numbers("THRESHOLD = 0.5\nLIMIT = 64 * 1024\nPAIR = (0.3, 0.6)\nNAME = 'x'\n") == {
        "THRESHOLD", "LIMIT", "PAIR"}
