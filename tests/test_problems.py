"""The problem registry (extractor/problems.py) and the error mapping: every code declared once, every
emitted code declared, a bug of extractor never blamed on the file, causes chained for --debug."""

from __future__ import annotations

import ast
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from extractor import errors, problems
from extractor.errors import CorruptFile, ExtractorError, InternalError
from extractor.i18n import translations, using

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "extractor"
SAMPLES = ROOT / "samples"
#: a string that can be a problem code where the context says it is one
CODE_RE = re.compile(r"^[a-z]+(?:-[a-z]+)*$")
#: a string taken for a code by its form alone (the first item of a (code, message) pair)
KEBAB_RE = re.compile(r"^[a-z]+(?:-[a-z]+)+$")
#: names whose assigned string is a problem code
CODE_NAME_RE = re.compile(r"(^|_)CODES?$|^NOTE_|^code$|^error_code$")
#: calls whose positional argument at this index is a problem code
CODE_ARGS = {"error_outcome": 1, "CheckFinding": 2, "problem": 0}


def _strings(node: ast.AST) -> list[ast.Constant]:
    """The string constants of a node that is a constant, or a tuple/list/set/frozenset(...) of them."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node]
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return [e for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    if isinstance(node, ast.Call) and node.args and getattr(node.func, "id", None) in ("frozenset", "set", "tuple"):
        return _strings(node.args[0])
    if isinstance(node, ast.BoolOp):  # e.error_code or "skipped"
        return [s for v in node.values for s in _strings(v)]
    if isinstance(node, ast.IfExp):
        return _strings(node.body) + _strings(node.orelse)
    return []


def _is_code_attribute(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr in ("code", "error_code")


def emitted_codes(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, code) of every string literal used as a problem code in a module."""
    found: list[ast.Constant] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            names = [t.id if isinstance(t, ast.Name) else getattr(t, "attr", "") for t in node.targets]
            if any(CODE_NAME_RE.search(n) for n in names):
                found += _strings(node.value)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            if CODE_NAME_RE.search(node.target.id) and node.value is not None:
                found += _strings(node.value)
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            found += [s for k in node.keywords if k.arg in ("code", "error_code") for s in _strings(k.value)]
            if name in CODE_ARGS and len(node.args) > CODE_ARGS[name]:
                found += _strings(node.args[CODE_ARGS[name]])
        elif isinstance(node, ast.Compare) and (_is_code_attribute(node.left)
                                                 or any(_is_code_attribute(c) for c in node.comparators)):
            for side in [node.left, *node.comparators]:
                found += _strings(side)
        elif isinstance(node, ast.Tuple) and len(node.elts) == 2:
            # the old note form: ("code", "message") or ("code", f"message {x}")
            first, second = node.elts
            if (isinstance(first, ast.Constant) and isinstance(first.value, str) and KEBAB_RE.match(first.value)
                    and isinstance(second, (ast.JoinedStr, ast.Constant)) and isinstance(getattr(second, "value", ""), str)
                    and " " in ast.unparse(second)):
                found.append(first)
    return [(c.lineno, c.value) for c in found if CODE_RE.match(c.value)]


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name != "problems.py":
            yield path, ast.parse(path.read_text("utf-8"), str(path))


def test_every_code_the_source_emits_is_declared_in_the_registry():
    undeclared = [f"{path.relative_to(ROOT)}:{line}: {code}"
                  for path, tree in _modules() for line, code in emitted_codes(tree) if code not in problems.PROBLEMS]
    assert undeclared == []


def test_the_source_scan_finds_an_undeclared_code():
    tree = ast.parse('notes.append(("made-up-code", f"page {n} is odd"))\n'
                     'Finding(code="another-made-up", message="x")\n'
                     'class E(ExtractorError):\n    code = "third-made-up"\n'
                     'if w.code == "fourth-made-up": pass\n')
    assert sorted(code for _, code in emitted_codes(tree)) == sorted(
        ["made-up-code", "another-made-up", "third-made-up", "fourth-made-up"])


def test_codes_are_declared_only_in_the_registry():
    """No module spells a declared code as a literal: it names the registry's problem instead."""
    literal = [f"{path.relative_to(ROOT)}:{line}: {code}"
               for path, tree in _modules() for line, code in emitted_codes(tree) if code in problems.PROBLEMS]
    assert literal == []


def test_every_error_class_has_a_declared_error_code():
    classes = [errors.ExtractorError]
    seen = []
    while classes:
        cls = classes.pop()
        seen.append(cls)
        classes.extend(cls.__subclasses__())
    for cls in seen:
        declared = problems.problem(cls.code)
        assert declared.severity == problems.ERROR, cls


@pytest.mark.parametrize("problem", list(problems.PROBLEMS.values()), ids=lambda p: p.code)
def test_problem_has_a_template_and_a_description_translated_with_the_same_fields(problem):
    assert problem.template and problem.description.endswith(".")
    fields = {f for _, f, _, _ in string.Formatter().parse(problem.template) if f}
    uk = translations("uk").gettext(problem.template)
    if problem.template.strip("{}") not in fields:  # more than a bare "{detail}": words to translate
        assert uk != problem.template
    assert {f for _, f, _, _ in string.Formatter().parse(uk) if f} == fields
    assert translations("uk").gettext(problem.description) != problem.description


def test_a_warning_comes_out_in_ukrainian_by_default_and_in_english_on_request():
    with using("uk"):
        assert problems.SCANNED_PAGE.note(page=3) == ("scanned-page", "сторінка 3 не має текстового шару")
    with using("en"):
        assert problems.SCANNED_PAGE.note(page=3) == ("scanned-page", "page 3 has no text layer")


def test_the_check_catalogue_is_the_registry_s_warnings():
    from extractor.checks import CATALOG

    assert set(CATALOG) == set(problems.codes(problems.WARNING))
    assert {"unknown-column", "invalid-unicode", "ocr-low-confidence", "regrouped-table"} <= set(CATALOG)


def test_a_code_is_declared_once():
    with pytest.raises(ValueError, match="declared twice"):
        problems.declare("scanned-page", problems.WARNING, "x", "x.")


# -- error mapping ------------------------------------------------------------------------------------


def test_no_from_none_in_the_package():
    """Every mapped error keeps its cause, so that --debug shows the library's frames."""
    offenders = [f"{p.relative_to(ROOT)}:{i}" for p in PACKAGE.rglob("*.py")
                 for i, line in enumerate(p.read_text("utf-8").splitlines(), 1) if re.search(r"\bfrom None\b", line)]
    assert offenders == []


def test_a_bug_in_a_reader_is_an_internal_error_of_the_read_stage_not_a_corrupt_file(monkeypatch):
    from extractor.readers import docx, read

    def broken(*args, **kwargs):
        raise KeyError("a bug in the reader")

    monkeypatch.setattr(docx, "_notes", broken)
    with pytest.raises(InternalError) as caught:
        read(SAMPLES / next(p.name for p in SAMPLES.glob("*.docx")))
    assert not isinstance(caught.value, CorruptFile)
    assert caught.value.code == "internal-error" and caught.value.stage == errors.READ
    assert isinstance(caught.value.__cause__, KeyError) and "reading" in str(caught.value)


def test_a_bug_in_extraction_is_an_internal_error_of_the_extract_stage(monkeypatch):
    from extractor import extract, parse

    def broken(*args, **kwargs):
        raise AttributeError("a bug in extraction")

    monkeypatch.setattr(extract, "extract_report", broken)
    with pytest.raises(InternalError) as caught:
        parse(SAMPLES / next(p.name for p in SAMPLES.glob("*.docx")))
    assert caught.value.stage == errors.EXTRACT and isinstance(caught.value.__cause__, AttributeError)


def test_the_runner_records_a_reader_bug_as_internal_error(monkeypatch):
    from extractor import runner
    from extractor.readers import docx

    def broken(*args, **kwargs):
        raise KeyError("a bug in the reader")

    monkeypatch.setattr(docx, "_notes", broken)
    outcome = runner.convert(str(SAMPLES / next(p.name for p in SAMPLES.glob("*.docx"))))
    assert outcome.error_code == "internal-error" and outcome.status == "failed"
    assert "KeyError" in outcome.error


def test_a_library_failure_on_a_broken_file_is_corrupt_and_keeps_its_cause(tmp_path):
    from extractor.readers import read

    f = tmp_path / "cut.pdf"
    f.write_bytes((SAMPLES / next(p.name for p in SAMPLES.glob("*.pdf"))).read_bytes()[:3000])
    with pytest.raises(CorruptFile) as caught:
        read(f)
    assert caught.value.__cause__ is not None


def test_a_library_failure_raised_from_its_own_code_is_the_file_s_but_from_ours_a_bug():
    table = errors.ErrorMap("PDF", libraries=("json",))
    import json

    try:
        json.loads("{")
    except ValueError as exc:
        assert isinstance(table.error(exc, "a.pdf"), CorruptFile)
    try:
        int("x")
    except ValueError as exc:
        mapped = table.error(exc, "a.pdf", errors.READ)
        assert isinstance(mapped, InternalError) and not isinstance(mapped, CorruptFile)


def test_the_mapping_context_chains_and_lets_our_errors_pass():
    table = errors.ErrorMap("X", types=((ZeroDivisionError, CorruptFile, "broken {format}: {detail}"),))
    with pytest.raises(CorruptFile) as caught, errors.mapped(table, "f.x"):
        1 / 0
    assert isinstance(caught.value.__cause__, ZeroDivisionError) and "broken X: ZeroDivisionError" in str(caught.value)
    own = ExtractorError("f.x", "ours")
    with pytest.raises(ExtractorError) as caught, errors.mapped(table, "f.x"):
        raise own
    assert caught.value is own


def test_txt_reader_does_not_swallow_a_broken_import():
    source = (PACKAGE / "readers" / "txt.py").read_text("utf-8")
    assert "except ImportError" not in source


@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_before_or_after_the_command_shows_the_traceback_chain(tmp_path, where):
    f = tmp_path / "cut.pdf"
    f.write_bytes((SAMPLES / next(p.name for p in SAMPLES.glob("*.pdf"))).read_bytes()[:3000])
    args = ["--debug", "dump", str(f)] if where == "before" else ["dump", str(f), "--debug"]
    r = subprocess.run([sys.executable, "-m", "extractor", *args], capture_output=True, text=True, timeout=120)
    assert r.returncode != 0
    assert "Traceback" in r.stderr and "The above exception was the direct cause" in r.stderr
    assert "pdfminer" in r.stderr or "pdfplumber" in r.stderr  # the library's frames are shown
    assert "CorruptFile" in r.stderr


def test_without_debug_an_error_is_one_line(tmp_path):
    f = tmp_path / "cut.pdf"
    f.write_bytes((SAMPLES / next(p.name for p in SAMPLES.glob("*.pdf"))).read_bytes()[:3000])
    r = subprocess.run([sys.executable, "-m", "extractor", "dump", str(f)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 1 and "Traceback" not in r.stderr and r.stderr.count("\n") == 1


def _own_scope(node: ast.AST):
    for child in ast.iter_child_nodes(node):
        if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.ListComp,
                                  ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            yield child
            yield from _own_scope(child)


def test_no_function_both_translates_and_binds_the_underscore():
    """``_, x = ...`` in a function makes its ``_("...")`` call that value, not the catalogue."""
    found = []
    for path, tree in _modules():
        for fn in ast.walk(tree):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                nodes = list(_own_scope(fn))
                binds = any(isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store) for n in nodes)
                calls = any(isinstance(n, ast.Call) and getattr(n.func, "id", None) == "_" for n in nodes)
                if binds and calls:
                    found.append(f"{path.relative_to(ROOT)}:{fn.lineno} {fn.name}")
    assert found == []


def test_the_error_maps_do_not_load_the_pdf_libraries_at_start_up():
    """The PDF reader's table is made on first use: a DOCX or TXT run, and the CLI's start-up, never import pdfplumber."""
    code = "import sys, extractor.cli, extractor.pipeline, extractor.readers; print('pdfplumber' in sys.modules)"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert r.stdout.strip() == "False", r.stderr
