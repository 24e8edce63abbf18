"""One rule for a table crossing a page break (readers/common/join.py): the ruled PDF path and the finder of tables
without rules drop a repeated header by the same words-overlap test and the same setting."""

from __future__ import annotations

from collections import Counter

import pytest

from extractor.readers.common import assemble, join
from extractor.readers.common.finder_settings import DEFAULT_FINDER_SETTINGS, FinderSettings
from extractor.readers.common.join import header_overlap, header_words, repeats_header
from extractor.readers.pdf_tables import PageTable, RawCell, TableDraft

XS = [0.0, 40.0, 200.0, 300.0]
HEADER = [(0, 1, "№ з/п"), (1, 2, "Зміст заходів"), (2, 3, "Обсяг фінансування, тис. грн")]


def _piece(page: int, rows: list[list[tuple[int, int, str]]]) -> PageTable:
    return PageTable(page=page, cells=[RawCell(XS[c0], 10.0 * r, XS[c1], 10.0 * (r + 1), text)
                                       for r, row in enumerate(rows) for c0, c1, text in row])


def test_header_words_are_folded_runs_of_letters_and_digits():
    assert header_words(["Обсяг\nфінансу-\nвання, тис. грн", "2023 рік"]) == Counter(
        {"обсяг": 1, "фінансу": 1, "вання": 1, "тис": 1, "грн": 1, "2023": 1, "рік": 1})


def test_overlap_is_dice_over_word_multisets():
    a, b = Counter("a b c d".split()), Counter("a b c e".split())
    assert header_overlap(a, b) == pytest.approx(0.75)
    assert header_overlap(a, a) == 1.0
    assert header_overlap(Counter(), Counter()) == 0.0
    assert repeats_header(a, b, 0.75) and not repeats_header(a, b, 0.8)


def test_a_repeated_header_that_lost_a_clipped_word_is_dropped_on_the_next_page():
    draft = TableDraft.start(_piece(1, [HEADER, [(0, 1, "1."), (1, 2, "Ремонт"), (2, 3, "100,0")]]))
    clipped = [(0, 1, "№ з/п"), (1, 2, "Зміст заходів"), (2, 3, "Обсяг фінансування, тис.")]
    draft.append(_piece(2, [clipped, [(0, 1, "2."), (1, 2, "Будівництво"), (2, 3, "50,0")]]))
    table = draft.to_table(0)
    assert [[c.text for c in r.cells][0] for r in table.rows] == ["№ з/п", "1.", "2."]
    assert table.rows[0].is_header and not table.rows[1].is_header


def test_the_one_setting_decides_for_the_ruled_path():
    strict = TableDraft.start(_piece(1, [HEADER, [(0, 1, "1."), (1, 2, "Ремонт"), (2, 3, "100,0")]]),
                              header_match_ratio=1.0)
    clipped = [(0, 1, "№ з/п"), (1, 2, "Зміст заходів"), (2, 3, "Обсяг фінансування, тис.")]
    strict.append(_piece(2, [clipped, [(0, 1, "2."), (1, 2, "Будівництво"), (2, 3, "50,0")]]))
    assert len(strict.to_table(0).rows) == 4  # not the same header at 1.0: kept as a row


def test_another_header_is_no_repeat():
    draft = TableDraft.start(_piece(1, [HEADER, [(0, 1, "1."), (1, 2, "Ремонт"), (2, 3, "100,0")]]))
    other = [(0, 1, "№"), (1, 2, "Найменування показника"), (2, 3, "Планове значення")]
    draft.append(_piece(2, [other, [(0, 1, "1"), (1, 2, "Кількість"), (2, 3, "3")]]))
    assert len(draft.to_table(0).rows) == 4


def test_the_finder_joins_pages_by_the_same_rule_and_setting():
    assert assemble.repeats_header is join.repeats_header
    assert DEFAULT_FINDER_SETTINGS.header_match_ratio == TableDraft.header_match_ratio
    with pytest.raises(ValueError):
        FinderSettings(header_match_ratio=1.5)


# -- cells a page break cut ------------------------------------------------------------------------------


def test_text_in_lower_case_or_after_a_hyphen_reads_as_the_rest_of_the_cell_above():
    from extractor.readers.common.join import reads_as_rest

    assert reads_as_rest("Капітальний ремонт покрівлі", "ліцею № 4")
    assert reads_as_rest("Капітальний ремонт Івано-", "Франківської школи")  # a word broken at its hyphen
    assert reads_as_rest("Заміна вікон у закладах до\u00ad", "Шкільної освіти")  # a soft hyphen
    assert not reads_as_rest("Капітальний ремонт покрівлі", "Заміна вікон")
    assert not reads_as_rest("Ремонт", "120,5")


def test_a_merged_task_cells_text_printed_on_the_next_page_goes_back_to_the_cell():
    from extractor.document import Cell, Row, Table
    from extractor.readers.common.join import rejoin_split_cells

    rows = [
        Row([Cell("№", 0, 0), Cell("Завдання", 0, 1), Cell("Захід", 0, 2)], 0, is_header=True),
        Row([Cell("1.", 1, 0), Cell("Модернізація матеріально-", 1, 1), Cell("Ремонт покрівлі", 1, 2)], 1),
        Row([Cell("", 2, 0), Cell("технічної бази", 2, 1), Cell("Заміна вікон", 2, 2)], 2),  # the next page
    ]
    table = Table(rows, 0, 3)
    rejoin_split_cells(table, 2)
    assert [c.text for c in table.rows[1].cells] == ["1.", "Модернізація матеріально-\nтехнічної бази", "Ремонт покрівлі"]
    assert [c.text for c in table.rows[2].cells] == ["", "", "Заміна вікон"]  # a new measure stays its own


def test_a_row_that_opens_with_its_item_number_keeps_its_text():
    from extractor.document import Cell, Row, Table
    from extractor.readers.common.join import rejoin_split_cells

    rows = [Row([Cell("1.", 0, 0), Cell("Модернізація", 0, 1)], 0), Row([Cell("2.", 1, 0), Cell("ремонт доріг", 1, 1)], 1)]
    table = Table(rows, 0, 2)
    rejoin_split_cells(table, 1)
    assert table.rows[1].cells[1].text == "ремонт доріг"


# -- page furniture ------------------------------------------------------------------------------------


def test_a_margin_line_on_two_pages_is_running_one_on_a_single_page_is_not():
    from extractor.readers.common.furniture import repeated_on_pages

    lines = [(1, "Додаток 2"), (2, "Додаток 2"), (1, "Звіт"), (3, "Продовження"), (3, "Продовження")]
    assert repeated_on_pages(lines) == {"Додаток 2"}  # printed twice on one page is not running
    assert repeated_on_pages(lines, min_pages=3) == set()


def test_both_pdf_readers_ask_the_one_running_line_rule():
    from extractor.readers import pdf_text
    from extractor.readers.common import assemble, furniture

    assert pdf_text.repeated_on_pages is furniture.repeated_on_pages
    assert assemble.repeated_on_pages is furniture.repeated_on_pages


def test_a_pieces_columns_map_onto_the_tables_when_each_edge_is_nearest_one_of_the_tables_in_order():
    """corpus-interim-report-no-drawn-cells (no rules): the page-2 piece's own gutters set its second edge
    11 points right of page 1's; a column empty on the piece's page merges two of the table's."""
    table = [54.0, 75.0, 145.0, 253.0, 290.0, 356.0]
    assert join.column_map([55.0, 75.0, 156.0, 255.0, 290.0, 356.0], table) == [0, 1, 2, 3, 4, 5]
    assert join.column_map([54.0, 75.0, 253.0, 290.0, 356.0], table) == [0, 1, 3, 4, 5]  # one column empty
    # an edge halfway between two of the table's could stand for either: no map
    assert join.column_map([54.0, 75.0, 199.0, 253.0, 290.0, 356.0], table) is None
    # more columns than the table, or outer edges inside the table: another table
    assert join.column_map([54.0, 60.0, 75.0, 145.0, 253.0, 290.0, 356.0], table) is None
    assert join.column_map([75.0, 145.0, 253.0, 290.0, 356.0], table) is None


def test_a_header_the_finder_matched_by_its_words_is_dropped_though_its_cells_are_cut_otherwise():
    """sources-breakdown-under-unknown-headers-razom-total (Chromium print, no borders): page 3 repeats the
    header, but its gutters merge the number and the name columns; the finder matched its words to the
    table's header (``PageTable.repeats_header``), so the join drops it instead of adding it as a row."""
    draft = TableDraft.start(_piece(1, [HEADER, [(0, 1, "1."), (1, 2, "Ремонт"), (2, 3, "100,0")]]))
    merged = [(0, 2, "№ з/п Зміст заходів"), (2, 3, "Обсяг фінансування, тис. грн")]
    piece = _piece(2, [merged, [(0, 1, "2."), (1, 2, "Будівництво"), (2, 3, "50,0")]])
    piece.header_rows, piece.repeats_header = 1, True
    draft.append(piece)
    assert draft.to_table(0).text_grid()[1:] == [["1.", "Ремонт", "100,0"], ["2.", "Будівництво", "50,0"]]
