"""Where on the page each value was printed: cell and row boxes from the PDF reader to location.bbox/cells."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor import parse
from extractor.document import Cell, Document, Row, Table
from extractor.models import FundingRow, Location, Report, Source
from extractor.provenance import attach_boxes
from extractor.readers import read

from conftest import SAMPLES
from hostile_files import pdf_bytes

#: a ruled table drawn on an A4 page: column edges and row edges in PDF points (y up from the bottom)
XS = (72, 200, 300, 400)
YS = (700, 680, 660)  # two rows
TEXTS = (("Measure", "Planned", "Actual"), ("Roads", "120,5", "99,0"))


def ruled_table_pdf() -> bytes:
    ops = [b"0.5 w"]
    for x in XS:
        ops.append(b"%d %d m %d %d l S" % (x, YS[0], x, YS[-1]))
    for y in YS:
        ops.append(b"%d %d m %d %d l S" % (XS[0], y, XS[-1], y))
    for r, texts in enumerate(TEXTS):
        for c, text in enumerate(texts):
            ops.append(b"BT /F1 10 Tf %d %d Td (%s) Tj ET" % (XS[c] + 4, YS[r + 1] + 6, text.encode()))
    return pdf_bytes([b"\n".join(ops)])


def test_pdf_reader_gives_each_cell_and_row_its_box_on_the_page(tmp_path):
    path = tmp_path / "ruled.pdf"
    path.write_bytes(ruled_table_pdf())
    (table,) = read(path).tables
    page_height = 842
    for r, row in enumerate(table.rows):
        top, bottom = page_height - YS[r], page_height - YS[r + 1]
        assert row.bbox == pytest.approx((XS[0], top, XS[-1], bottom), abs=1)
        for cell in row.cells:
            assert cell.bbox == pytest.approx((XS[cell.col], top, XS[cell.col + 1], bottom), abs=1)
    assert [c.text for c in table.rows[1].cells] == list(TEXTS[1])


def boxed_document() -> Document:
    def cell(text, col, x0, x1, top=100.0, bottom=120.0, row=1, row_span=1):
        return Cell(text, row, col, row_span=row_span, bbox=(x0, top, x1, bottom))

    merged = cell("Task 1", 0, 10, 50, top=80, bottom=120, row=0, row_span=2)
    rows = [
        Row([merged, cell("Header", 1, 50, 300, top=80, bottom=100, row=0)], 0, page=1, bbox=(10, 80, 300, 100)),
        Row([cell("20,0", 1, 50, 100), cell("20,0", 2, 100, 150), cell("15,5", 3, 150, 200), cell("так", 4, 200, 300)],
            1, page=1, bbox=(10, 100, 300, 120)),
    ]
    return Document(blocks=[Table(rows, 0, 5, page=1)], format="pdf", pages=1)


def test_each_value_gets_the_box_of_the_one_cell_that_printed_it():
    row = FundingRow(planned=Decimal("20"), actual=Decimal("20"), percent=Decimal("15.5"),
                     raw={"planned": "20,0", "actual": "20,0", "percent": "15,5", "term": "так", "task": "Task 1"},
                     location=Location(page=1, table=0, row=1))
    report = attach_boxes(Report(source=Source(file="z.pdf"), funding=[row]), boxed_document())
    loc = report.funding[0].location
    assert loc.bbox == [10.0, 100.0, 300.0, 120.0]
    assert loc.cells["percent"] == [150.0, 100.0, 200.0, 120.0]
    assert loc.cells["term"] == [200.0, 100.0, 300.0, 120.0]
    assert loc.cells["task"] == [10.0, 80.0, 50.0, 120.0]  # a cell merged down from the row above covers it
    # planned and actual both print "20,0": which cell is which is not known, so neither gets a box
    assert "planned" not in loc.cells and "actual" not in loc.cells


def test_a_value_printed_twice_in_a_row_gets_the_cell_of_the_column_it_was_read_from():
    location = Location(page=1, table=0, row=1)
    location.read_from("planned", 1)
    location.read_from("actual", 2)
    row = FundingRow(planned=Decimal("20"), actual=Decimal("20"), raw={"planned": "20,0", "actual": "20,0"},
                     location=location)
    loc = attach_boxes(Report(source=Source(file="z.pdf"), funding=[row]), boxed_document()).funding[0].location
    assert loc.cells["planned"] == [50.0, 100.0, 100.0, 120.0]
    assert loc.cells["actual"] == [100.0, 100.0, 150.0, 120.0]
    # the recorded column is not written out: the JSON keeps the contract
    assert "_columns" not in loc.model_dump_json() and "read_from" not in loc.model_dump_json()


def test_a_recorded_column_that_holds_neither_copy_gives_no_box():
    location = Location(page=1, table=0, row=1)
    location.read_from("planned", 3)  # the column of "15,5", not of either "20,0"
    row = FundingRow(planned=Decimal("20"), raw={"planned": "20,0"}, location=location)
    loc = attach_boxes(Report(source=Source(file="z.pdf"), funding=[row]), boxed_document()).funding[0].location
    assert "planned" not in loc.cells


def test_rivne_pdf_values_printed_twice_in_their_row_each_point_at_their_own_cell():
    report = parse(SAMPLES / "rivne-pytna-voda-2021.pdf")
    twice = 0
    for row in (*report.funding, *report.indicators):
        texts = list(row.raw.values())
        keys = [k for k, v in row.raw.items() if texts.count(v) > 1 and not k.startswith(("task", "measure"))]
        for key in keys:
            assert key in row.location.cells, (row.location.row, key)
        boxes = [tuple(row.location.cells[k]) for k in keys]
        assert len(set(boxes)) == len(boxes)  # no two values share a box
        twice += len(keys)
    assert twice > 20  # the sample prints many equal planned/actual pairs


def test_the_recorded_columns_do_not_make_a_report_differ_from_its_json():
    location = Location(page=1, table=0, row=1)
    location.read_from("planned", 1)
    row = FundingRow(planned=Decimal("20"), raw={"planned": "20,0"}, location=location)
    report = Report(source=Source(file="z.pdf"), funding=[row])
    assert Report.model_validate_json(report.to_json()) == report
    assert location != Location(page=2, table=0, row=1)
