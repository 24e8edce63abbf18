"""``extractor dump``: cells on one line, widths, an unambiguous line-break mark, the legend."""

from __future__ import annotations

import pytest

from extractor import cli
from extractor.render import (
    CELL_SEPARATOR,
    FROM_ABOVE,
    FROM_LEFT,
    LINE_BREAK,
    PIPE_IN_CELL,
    RenderOptions,
    cell_text,
    legend,
    render_document,
    render_table,
)

from conftest import SAMPLES
from docbuild import LEFT, UP, make_document, make_table

LONG = "Встановлення відеокамер на вулицях та майданах міста Житомира"


def table():
    return make_table([
        ["№", "Захід", LEFT],
        ["1", "Ремонт\nдоріг", "1 445,0"],
        [UP, LONG, "a | b"],
    ])


def row_cells(line: str) -> list[str]:
    return line.split(CELL_SEPARATOR)[1:]


def test_dump_line_break_in_a_cell_is_not_the_cell_separator():
    lines = render_table(table()).splitlines()
    assert row_cells(lines[2]) == ["1", f"Ремонт {LINE_BREAK} доріг", "1 445,0"]


def test_dump_pipe_inside_a_cell_cannot_pass_for_a_separator():
    lines = render_table(table(), RenderOptions(width=None)).splitlines()
    assert row_cells(lines[3]) == [FROM_ABOVE, LONG, f"a {PIPE_IN_CELL} b"]


def test_dump_cells_cut_at_40_by_default_wider_with_width_whole_with_full():
    assert cell_text(LONG) == LONG[:39] + "…"
    assert cell_text(LONG, 50) == LONG[:49] + "…"
    assert cell_text(LONG, None) == LONG


def test_dump_merge_markers_and_a_printed_marker_differ():
    lines = render_table(table()).splitlines()
    assert row_cells(lines[1]) == ["№", "Захід", FROM_LEFT]
    assert cell_text("^") == "'^'" and cell_text("<") == "'<'"


def test_dump_legend_explains_every_marker():
    for marker in ("¶", "H", LINE_BREAK, PIPE_IN_CELL, FROM_ABOVE, FROM_LEFT, "…", "--width", "--full",
                   CELL_SEPARATOR.strip()):
        assert marker in legend(), marker
    text = render_document(make_document("Звіт", table()))
    assert text.splitlines()[1] == legend().splitlines()[0]
    assert legend() not in render_document(make_document(table()), RenderOptions(legend=False))


def test_dump_width_below_the_minimum_is_refused():
    with pytest.raises(ValueError):
        RenderOptions(width=2)


def test_dump_cli_width_and_full(capsys):
    sample = SAMPLES / "zhytomyr-bezpechne-misto-2017-2019.docx"
    assert cli.main(["dump", str(sample), "--full"]) == 0
    full = capsys.readouterr().out
    assert cli.main(["dump", str(sample), "--width", "12"]) == 0
    narrow = capsys.readouterr().out
    cells = [c for line in narrow.splitlines() if line.strip().startswith("r") for c in row_cells(line)]
    assert cells and max(map(len, cells)) <= 12
    assert max(len(c) for line in full.splitlines() if line.strip().startswith("r") for c in row_cells(line)) > 40
    assert "legend:" in full
    assert cli.main(["dump", str(sample), "--width", "2"]) == 2
