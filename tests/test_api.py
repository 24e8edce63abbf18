"""The library API: parse() of a path, bytes or a stream, Report outputs, errors, typing, documented models."""

from __future__ import annotations

import csv
import importlib.resources
import importlib.util
import inspect
import io
import re
import time

import pytest

import extractor
from extractor import FileAccessError, Limits, Report, Timeout, UnsupportedFormat, parse
from extractor import errors as errors_module
from extractor.models import json_schema

from conftest import ROOT, SAMPLES

DOCX = SAMPLES / "rivne-pytna-voda-2021.docx"
PDF = SAMPLES / "rivne-pytna-voda-2021.pdf"


def test_parse_accepts_a_path_bytes_and_a_binary_stream():
    """parse(bytes) and parse(io.BytesIO(...)) raised TypeError."""
    from_path = parse(DOCX)
    assert parse(str(DOCX)) == from_path
    assert parse(DOCX.read_bytes(), name=DOCX.name) == from_path
    assert parse(bytearray(DOCX.read_bytes()), name=DOCX.name) == from_path
    assert parse(io.BytesIO(DOCX.read_bytes()), name=DOCX.name) == from_path
    with open(DOCX, "rb") as fh:  # a file object names itself
        assert parse(fh) == from_path


def test_parse_names_bytes_by_name_and_the_name_counts_as_a_file_name():
    report = parse(DOCX.read_bytes())
    assert report.source.file == "<bytes>" and report.source.sha256 is not None
    with pytest.raises(UnsupportedFormat) as e:
        parse(b"", name="zvit.pdf")
    assert str(e.value) == "zvit.pdf: file is empty"
    mismatch = parse(DOCX.read_bytes(), name="zvit.pdf")
    assert "format-mismatch" in [w.code for w in mismatch.warnings] and mismatch.source.file == "zvit.pdf"
    assert parse(DOCX, name="renamed.docx").source.file == "renamed.docx"


def test_parse_refuses_a_text_stream_and_other_types():
    with pytest.raises(TypeError, match="binary stream"):
        parse(io.StringIO("Звіт"))
    with pytest.raises(TypeError, match="path, bytes or a binary stream"):
        parse(42)
    with pytest.raises(TypeError, match="Limits"):
        parse(DOCX, settings={"max_pages": 3})


def test_parse_settings_and_limits_are_one_option():
    small = Limits(max_file_bytes=1000)
    with pytest.raises(extractor.FileTooLarge):
        parse(DOCX, settings=small)
    with pytest.raises(extractor.FileTooLarge):
        parse(DOCX.read_bytes(), limits=small)
    with pytest.raises(ValueError, match="disagree"):
        parse(DOCX, settings=small, limits=Limits())


def _slow_parse_file(path, limits):
    time.sleep(60)


def test_limits_timeout_is_honoured_by_parse(monkeypatch):
    """Limits(timeout_seconds=...) was silently ignored by parse()."""
    from extractor import pipeline

    monkeypatch.setattr(pipeline, "parse_file", _slow_parse_file)  # the child process is forked after this
    start = time.monotonic()
    with pytest.raises(Timeout) as e:
        parse(DOCX.read_bytes(), name="slow.docx", limits=Limits(timeout_seconds=1))
    assert time.monotonic() - start < 30
    assert str(e.value).startswith("slow.docx: processing took longer than 1 s")
    monkeypatch.undo()
    assert parse(DOCX, limits=Limits(timeout_seconds=60)) == parse(DOCX)  # the child's report is the same
    with pytest.raises(UnsupportedFormat) as e:  # errors from the child are the same classes, same message
        parse(b"", name="e.pdf", limits=Limits(timeout_seconds=60))
    assert str(e.value) == "e.pdf: file is empty"
    assert Limits().timeout_seconds is None  # no limit unless asked: parse() then runs in this process


def test_errors_are_exported_from_extractor_and_file_access_error_is_an_oserror(tmp_path):
    """Error classes were only in extractor.errors, and FileAccessError was not an OSError."""
    declared = {name for name, obj in vars(errors_module).items()
                if inspect.isclass(obj) and issubclass(obj, errors_module.ExtractorError)}
    assert declared <= set(extractor.__all__)
    assert all(getattr(extractor, name) is getattr(errors_module, name) for name in declared)
    with pytest.raises(OSError) as e:
        parse(tmp_path / "немає.pdf")
    assert isinstance(e.value, FileAccessError) and e.value.filename == str(tmp_path / "немає.pdf")
    assert e.value.code == "file-access" and str(e.value).endswith("немає.pdf: no such file")


def test_package_is_typed():
    """No py.typed: type checkers treated the package as untyped."""
    assert (importlib.resources.files("extractor") / "py.typed").is_file()
    assert '"py.typed"' in (ROOT / "pyproject.toml").read_text("utf-8")
    hints = inspect.get_annotations(parse)
    assert set(hints) >= {"source", "name", "settings", "limits", "return"}


def test_report_writes_csv_xlsx_and_iterates_rows(tmp_path):
    report = parse(DOCX)
    paths = report.to_csv(tmp_path / "csv")
    funding = list(csv.DictReader(io.StringIO(paths["funding"].read_text("utf-8"))))
    assert len(funding) == len(report.funding) and funding[0]["report"] == DOCX.name
    assert (tmp_path / "csv" / "datapackage.json").exists()
    assert report.to_csv(tmp_path / "bom", excel=True)["funding"].read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(report.rows("funding"))
    assert [r["measure"] for r in rows] == [f.measure for f in report.funding]
    assert rows[0]["planned"] == report.funding[0].planned  # exact Decimal
    assert len(list(report.rows("indicators"))) == len(report.indicators)
    with pytest.raises(ValueError, match="unknown table"):
        list(report.rows("budget"))
    openpyxl = pytest.importorskip("openpyxl")
    from extractor.writers.tables import TABLES

    book = openpyxl.load_workbook(report.to_xlsx(tmp_path / "r.xlsx"))  # sheet names follow the language
    assert book.worksheets[list(TABLES).index("funding")].max_row == len(report.funding) + 1


def test_every_model_and_property_of_the_json_schema_has_a_description():
    """The models carried no docstrings: the JSON Schema described 0 of its properties."""
    schema = json_schema()
    undocumented = []
    for name, node in [("Report", schema), *schema["$defs"].items()]:
        if not node.get("description"):
            undocumented.append(name)
        for prop, value in node.get("properties", {}).items():
            if not value.get("description"):
                undocumented.append(f"{name}.{prop}")
    assert undocumented == []
    assert len(schema["properties"]) + sum(len(d.get("properties", {})) for d in schema["$defs"].values()) > 50
    assert Report.model_fields["funding_unit"].description.startswith("Money unit")


def test_readme_python_example_runs(tmp_path, monkeypatch, capsys):
    """The README documents the API with a short example: it must run as written."""
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme[readme.index("## From Python"):]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    (tmp_path / "samples").symlink_to(SAMPLES)
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {"__name__": "readme"})
    printed = capsys.readouterr().out
    assert "corrupt-file zvit.pdf: " in printed
    assert (tmp_path / "out" / "rivne" / "funding.csv").exists() and (tmp_path / "out" / "rivne.json").exists()
    if importlib.util.find_spec("openpyxl"):
        assert (tmp_path / "out" / "rivne.xlsx").exists()
