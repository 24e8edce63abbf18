"""Tests for extractor.readers.unruled: PDF tables drawn without rules, or with only some of them.

The PDFs are built by hand (tests/hostile_files.pdf_bytes): text in a font
of 5 points per character at 10 pt, whose ToUnicode map gives Cyrillic
letters, and ruling lines drawn as strokes where a test wants them.
"""

from __future__ import annotations

from hostile_files import pdf_bytes

from extractor.document import Paragraph, Table
from extractor.limits import DEFAULT_LIMITS
from extractor.readers.pdf import read_pdf

PAGE_TOP = 800
LINE = 14  # points from one printed line to the next


def text_pdf(pages: list[list[tuple[float, int, str]]], rules: list[list[tuple[float, float, float, float]]] | None = None) -> bytes:
    """A PDF whose pages print (x, line number, text) items and optional rules (x0, y0, x1, y1 from the top)."""
    chars = sorted({ch for page in pages for _, _, text in page for ch in text if ch != " "})
    assert len(chars) <= 94, "the test font has 94 codes"
    code = {" ": 32, **{ch: 33 + i for i, ch in enumerate(chars)}}
    to_unicode = {c: f"{ord(ch):04X}" for ch, c in code.items()}
    streams = []
    for n, page in enumerate(pages):
        ops = []
        for x, line, text in page:
            hex_text = "".join(f"{code[ch]:02X}" for ch in text)
            ops.append(f"BT /F1 10 Tf {x} {PAGE_TOP - line * LINE} Td <{hex_text}> Tj ET")
        for x0, y0, x1, y1 in (rules or [[]] * len(pages))[n]:
            ops.append(f"0.5 w {x0} {842 - y0} m {x1} {842 - y1} l S")
        streams.append("\n".join(ops).encode())
    return pdf_bytes(streams, to_unicode=to_unicode)


def read(pdf: bytes):
    return read_pdf(pdf, path="t.pdf", limits=DEFAULT_LIMITS)


COLUMNS = (50, 80, 260, 330, 400)
HEADER = ["№", "Зміст заходів", "Виконавці", "План", "Факт"]
ROWS = [
    ["1.", "Ремонт даху", "Управління", "120,0", "110,5"],
    ["2.", "Заміна вікон", "Управління", "80,0", "80,0"],
    ["3.", "Фарбування стін", "Школа № 5", "45,5", "–"],
    ["4.", "Огорожа", "Школа № 7", "30,0", "12,0"],
]


def table_lines(first_line: int, rows: list[list[str]]) -> list[tuple[float, int, str]]:
    return [(x, first_line + r, text) for r, row in enumerate(rows) for x, text in zip(COLUMNS, row)]


def test_a_table_printed_without_rules_is_read_as_a_table():
    page = [(50, 0, "Інформація про виконання програми"), *table_lines(2, [HEADER, *ROWS]), (50, 9, "Начальник управління")]
    doc = read(text_pdf([page]))
    (table,) = doc.tables
    assert table.n_cols == 5 and table.page == 1
    grid = table.text_grid()
    assert grid[0] == HEADER and table.rows[0].is_header
    assert grid[1:] == ROWS
    paragraphs = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert paragraphs[0] == "Інформація про виконання програми" and paragraphs[-1] == "Начальник управління"


def test_a_rule_less_table_crossing_a_page_break_is_one_table():
    first = [(50, 0, "Фінансування заходів"), *table_lines(2, [HEADER, *ROWS[:2]])]
    second = table_lines(0, ROWS[2:])
    doc = read(text_pdf([first, second]))
    (table,) = doc.tables
    assert table.text_grid()[1:] == ROWS
    assert [r.page for r in table.rows] == [1, 1, 1, 2, 2]


def test_rows_printed_bare_under_a_ruled_header_join_its_columns():
    """A spreadsheet rules its header row only: the rows under it are cells of the same table."""
    edges = [45, 75, 255, 325, 395, 450]
    top, bottom = PAGE_TOP - 2 * LINE, PAGE_TOP - 2 * LINE  # header text line 2, baseline at y
    y_top, y_bottom = 842 - (top + 12), 842 - (bottom - 4)
    header_rules = [(x, y_top, x, y_bottom) for x in edges] + [(45, y_top, 450, y_top), (45, y_bottom, 450, y_bottom)]
    page = [(50, 0, "Фінансування заходів"), *table_lines(2, [HEADER, *ROWS]), (50, 10, "Начальник управління")]
    doc = read(text_pdf([page], [header_rules]))
    (table,) = doc.tables
    grid = table.text_grid()
    assert grid[0] == HEADER
    assert grid[1:] == ROWS
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)][-1] == "Начальник управління"


def test_running_text_under_a_ruled_table_stays_running_text():
    edges = [45, 75, 255, 325, 395, 450]
    rows = [HEADER, *ROWS]
    rules = [(x, 842 - (PAGE_TOP - 2 * LINE + 12), x, 842 - (PAGE_TOP - 5 * LINE - 4)) for x in edges]
    rules += [(45, 842 - (PAGE_TOP - (2 + k) * LINE + 12), 450, 842 - (PAGE_TOP - (2 + k) * LINE + 12)) for k in range(5)]
    rules += [(45, 842 - (PAGE_TOP - 5 * LINE - 4), 450, 842 - (PAGE_TOP - 5 * LINE - 4))]
    page = [*table_lines(2, rows[:4]), (20, 6, "Звіт підготовлено управлінням освіти міської ради на підставі даних")]
    doc = read(text_pdf([page], [rules]))
    (table,) = doc.tables
    assert len(table.rows) == 4
    assert isinstance(doc.blocks[-1], Paragraph) and doc.blocks[-1].text.startswith("Звіт підготовлено")


def test_prose_without_rules_is_no_table():
    page = [(50, k, f"Рядок тексту номер {k} про виконання програми") for k in range(12)]
    doc = read(text_pdf([page]))
    assert doc.tables == [] and len(doc.paragraphs) >= 1
    assert all(isinstance(b, Paragraph) for b in doc.blocks)


def test_a_ruled_table_is_not_read_by_the_finder():
    """Speed and fidelity: a page with a ruled table goes the ruled way, the finder is not asked."""
    import extractor.readers.unruled as unruled

    edges = [45, 75, 255, 325, 395, 450]
    rules = [(x, 842 - (PAGE_TOP - 2 * LINE + 12), x, 842 - (PAGE_TOP - 6 * LINE - 4)) for x in edges]
    rules += [(45, 842 - (PAGE_TOP - (2 + k) * LINE + 12), 450, 842 - (PAGE_TOP - (2 + k) * LINE + 12)) for k in range(5)]
    rules += [(45, 842 - (PAGE_TOP - 6 * LINE - 4), 450, 842 - (PAGE_TOP - 6 * LINE - 4))]
    calls = []
    original = unruled.find_tables
    unruled.find_tables = lambda *a, **k: calls.append(1) or original(*a, **k)
    try:
        doc = read(text_pdf([table_lines(2, [HEADER, *ROWS])], [rules]))
    finally:
        unruled.find_tables = original
    assert calls == []
    assert isinstance(doc.blocks[0], Table) and doc.tables[0].text_grid() == [HEADER, *ROWS]


def header_rules(line: int) -> list[tuple[float, float, float, float]]:
    """Rules around one header line of the COLUMNS table (its cells boxed, nothing below)."""
    edges = [45, 75, 255, 325, 395, 450]
    y_top, y_bottom = 842 - (PAGE_TOP - line * LINE + 12), 842 - (PAGE_TOP - line * LINE - 4)
    return [(x, y_top, x, y_bottom) for x in edges] + [(45, y_top, 450, y_top), (45, y_bottom, 450, y_bottom)]


def test_bare_rows_going_on_over_a_page_break_under_a_header_ruled_once():
    first = [(50, 0, "Фінансування заходів"), *table_lines(2, [HEADER, *ROWS[:2]])]
    second = [*table_lines(0, ROWS[2:]), (50, 4, "Начальник управління")]
    doc = read(text_pdf([first, second], [header_rules(2), []]))
    (table,) = doc.tables
    assert table.text_grid()[1:] == ROWS
    assert [r.page for r in table.rows] == [1, 1, 1, 2, 2]


def test_a_group_heading_across_the_columns_of_bare_rows_is_a_full_width_row():
    heading = "Розділ другий: ремонт шкільних приміщень та подвір'я"
    page = [*table_lines(2, [HEADER, *ROWS[:2]]), (60, 5, heading), *table_lines(6, ROWS[2:]),
            (50, 9, "Текст після таблиці, що йде через усю ширину сторінки і ще далі")]
    doc = read(text_pdf([page], [header_rules(2)]))
    (table,) = doc.tables
    row = table.rows[3]
    assert [(c.col, c.col_span, c.text) for c in row.cells] == [(0, 5, heading)]
    assert table.text_grid()[4:] == ROWS[2:]
    assert doc.blocks[-1].text.startswith("Текст після таблиці")


def test_a_header_ruled_at_the_foot_of_a_page_takes_the_bare_rows_of_the_next():
    first = [(50, 0, "Вступ до звіту"), *table_lines(40, [HEADER])]
    second = [*table_lines(0, ROWS), (50, 6, "Начальник управління")]
    doc = read(text_pdf([first, second], [header_rules(40), []]))
    (table,) = doc.tables
    assert table.text_grid() == [HEADER, *ROWS]
    assert [r.page for r in table.rows] == [1, 2, 2, 2, 2]


def test_a_rule_less_table_whose_header_is_repeated_on_the_next_page_is_one_table_under_one_header():
    """Each page's header gets virtual rules from the words' geometry; the repeated one is dropped."""
    first = [(50, 0, "Фінансування заходів"), *table_lines(2, [HEADER, *ROWS[:2]])]
    second = table_lines(0, [HEADER, *ROWS[2:]])
    doc = read(text_pdf([first, second]))
    (table,) = doc.tables
    grid = table.text_grid()
    assert grid[0] == HEADER and grid[1:] == ROWS
    assert [r.is_header for r in table.rows] == [True, False, False, False, False]
    assert [r.page for r in table.rows] == [1, 1, 1, 2, 2]
    # cells keep their boxes on the page: the header cell "План" stands over its amounts
    plan = table.rows[0].cells[3]
    assert plan.bbox is not None and plan.bbox[0] < COLUMNS[3] < plan.bbox[2]


def test_a_header_left_at_the_foot_of_a_page_heads_the_rows_on_the_next():
    """No row of the table fits under its header: the header and a group heading close page 1, the rows fill page 2."""
    first = [(50, 0, "Оцінка ефективності виконання програми"), *table_lines(52, [HEADER]), (190, 53, "І. Показники затрат")]
    second = table_lines(0, ROWS)
    doc = read(text_pdf([first, second]))
    (table,) = doc.tables
    grid = table.text_grid()
    assert grid[0] == HEADER and table.rows[0].is_header
    assert grid[1][0] == "І. Показники затрат" and grid[2:] == ROWS
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)] == ["Оцінка ефективності виконання програми"]


def test_a_wide_value_printed_over_its_column_edge_stays_in_its_column():
    """On the next page a value wider than any on the first runs over the edge the first page's gutters gave."""
    first = [(50, 0, "Фінансування"), *table_lines(2, [HEADER, *ROWS])]
    wide = [["5.", "Нова огорожа", "Школа № 9", "1234567,50", "120,0"]]
    doc = read(text_pdf([first, table_lines(0, wide)]))
    (table,) = doc.tables
    assert table.text_grid()[-1] == wide[0]


def test_a_numbered_row_after_a_tall_spreadsheet_row_still_joins_the_table_under_its_ruled_header():
    """Rows printed bare under a ruled header, one of them followed by empty space several lines tall."""
    edges = [45, 75, 255, 325, 395, 450]
    top = PAGE_TOP - 2 * LINE
    y_top, y_bottom = 842 - (top + 12), 842 - (top - 4)
    header_rules = [(x, y_top, x, y_bottom) for x in edges] + [(45, y_top, 450, y_top), (45, y_bottom, 450, y_bottom)]
    page = [*table_lines(2, [HEADER, *ROWS[:2]]), *table_lines(11, ROWS[2:]), (50, 20, "Начальник управління")]
    doc = read(text_pdf([page], [header_rules]))
    (table,) = doc.tables
    assert table.text_grid()[1:] == ROWS


def test_the_finder_settings_of_a_parse_reach_the_pdf_reader():
    """``parse(settings=)``'s finder settings decide the PDF's rule-less tables: seeds of more fragments than
    any line has find none."""
    from extractor.readers import load_bytes, read_input
    from extractor.readers.common.finder_settings import FinderSettings
    from extractor.settings import Settings

    page = [(50, 0, "Інформація про виконання програми"), *table_lines(2, [HEADER, *ROWS])]
    pdf = text_pdf([page])
    assert len(read_input(load_bytes(pdf, "t.pdf")).tables) == 1
    strict = Settings(finder=FinderSettings(seed_min_fragments=50, unruled_min_words=10_000))
    assert read_input(load_bytes(pdf, "t.pdf", strict), strict).tables == []


def test_a_subtotal_whose_label_runs_over_two_columns_stays_a_row_of_the_bare_rows():
    """interim-task-heading-rows-subtotals-passport-table (Calc print): "Разом за завданням 1" runs over the
    number and measure columns after a blank line; its sums in their columns keep it, and the rows after it,
    in the table."""
    rows = [*ROWS[:2], ["Разом за завданням 1", "", "", "200,0", "190,5"], *ROWS[2:]]
    page = [
        *table_lines(2, [HEADER, *ROWS[:2]]),
        (55, 6, "Разом за завданням 1"), (330, 6, "200,0"), (400, 6, "190,5"),
        *table_lines(7, ROWS[2:]),
        (50, 14, "Начальник управління"),
    ]
    doc = read(text_pdf([page], [header_rules(2)]))
    (table,) = doc.tables
    grid = table.text_grid()
    assert [r[0] for r in grid[1:]] == [r[0] for r in rows] and grid[3][3:] == ["200,0", "190,5"]


def test_a_measure_row_far_under_its_task_cell_repeated_at_the_top_of_a_page_goes_on_with_the_table():
    """interim-as-of-date-two-sources-breakdown (Calc print): the task cell merged over its measures is
    printed again at the head of the next page, and its next measure, numbered in the measure column,
    stands several lines below it."""
    first = [*table_lines(2, [HEADER, *ROWS[:2]])]
    second = [
        (50, 0, "2."), (80, 0, "Ремонт шкіл"),
        (80, 6, "2.2"), (100, 6, "Фарбування"), (260, 6, "Школа № 5"), (330, 6, "45,5"), (400, 6, "40,0"),
        (50, 12, "Начальник управління"),
    ]
    doc = read(text_pdf([first, second], [header_rules(2), []]))
    (table,) = doc.tables
    assert [r.page for r in table.rows] == [1, 1, 1, 2, 2]
    assert table.text_grid()[-1][3:] == ["45,5", "40,0"]


def test_rows_of_a_table_without_rules_going_on_over_a_page_break_on_columns_laid_out_anew_keep_their_cells():
    """funding-table-split-by-a-page-break-9-months (Chromium print): the table's second part sets its
    columns apart from the first part's; read on the first part's edges its words ran across them. (Under
    a ruled header the rules fix the columns: text running across them overflows its cell.)"""
    first = [(50, 0, "Фінансування заходів"), *table_lines(2, [HEADER, *ROWS[:2]])]
    second = [
        (x, r, text) for r, row in enumerate(ROWS[2:]) for x, text in zip((50, 80, 230, 320, 390), row)
    ] + [(50, 4, "Начальник управління")]
    doc = read(text_pdf([first, second]))
    (table,) = doc.tables
    assert table.text_grid()[1:] == ROWS
    assert [r.page for r in table.rows] == [1, 1, 1, 2, 2]


def test_a_header_repeated_over_columns_the_next_pages_gutters_set_apart_joins_the_table_on_its_columns():
    """corpus-interim-report-no-drawn-cells (LibreOffice, no rules): page 2 repeats the header, and its
    longer texts move a column edge by more than ``same_edges_share`` of a column; read on its own columns,
    its cells take the first page's edges, and the two pieces are one table."""
    first = [(50, 0, "Фінансування заходів"), *table_lines(2, [HEADER, *ROWS[:2]])]
    cols = (50, 80, 215, 330, 400)
    rows = [HEADER, ["3.", "Фарбування стін у класах", "Школа № 5", "45,5", "–"], ROWS[3]]
    second = [(x, r, text) for r, row in enumerate(rows) for x, text in zip(cols, row)]
    doc = read(text_pdf([first, second]))
    (table,) = doc.tables
    grid = table.text_grid()
    assert grid[0] == HEADER and grid[3][1] == "Фарбування стін у класах" and grid[4] == ROWS[3]
    assert [r.page for r in table.rows] == [1, 1, 1, 2, 2]


def test_rows_going_on_laid_out_anew_with_a_column_empty_on_their_page_keep_their_cells():
    """The second part of a table without rules sets its executor column left of where the first part's
    gutters put it and prints nothing in the last column: its own gutters give one column less, which map
    onto the first part's (``join.column_map``); the empty column keeps the first part's edge."""
    cols = (50, 80, 260, 360, 460)
    first = [(50, 0, "Фінансування заходів")] + [
        (x, 2 + r, text) for r, row in enumerate([HEADER, *ROWS[:2]]) for x, text in zip(cols, row)]
    rows = [["3.", "Фарбування стін", "Школа № 5", "45,5"], ["4.", "Огорожа", "Школа № 7", "30,0"]]
    second = [(x, r, text) for r, row in enumerate(rows) for x, text in zip((50, 80, 195, 360), row)]
    second.append((50, 4, "Начальник управління"))
    doc = read(text_pdf([first, second]))
    (table,) = doc.tables
    assert table.text_grid()[3:] == [[*row, ""] for row in rows]
    assert [r.page for r in table.rows] == [1, 1, 1, 2, 2]


def test_a_line_standing_a_row_gap_apart_in_one_column_opens_a_row_of_its_own():
    """funding-table-split-by-a-page-break-9-months (Chromium print, no borders): rows stand a cell's
    padding further apart than the lines inside them; "Показники продукту" in the name column, as far
    under the row above as the rows are apart, is a row (a group heading), not the name's wrapped line."""
    from extractor.readers.common.finder_settings import DEFAULT_FINDER_SETTINGS
    from extractor.readers.unruled import row_gap_starts

    tops = [0.0, 10.5, 23.3, 36.1, 46.6, 59.4, 69.9]  # rows open at 0, 23.3 (heading), 36.1, 59.4
    spans = [(t, t + 9.0) for t in tops]
    lone = {1: 10.5, 2: 12.8, 4: 10.5, 6: 10.5}  # lines with text in one column, their gap in that column
    assert row_gap_starts(spans, [0, 3, 5], DEFAULT_FINDER_SETTINGS, lone) == [2]
    # status-text-column-no-percent-decision-in-title: a measure's wrapped line stands a line pitch under the
    # measure's text, though a merged task cell beside it set the line above higher
    assert row_gap_starts(spans, [0, 3, 5], DEFAULT_FINDER_SETTINGS, {**lone, 2: 10.5}) == []
    # rows printed at the lines' own pitch give no row gap to tell
    even = [(10.5 * k, 10.5 * k + 9.0) for k in range(7)]
    assert row_gap_starts(even, [0, 3, 5], DEFAULT_FINDER_SETTINGS, {k: 10.5 for k in range(1, 7)}) == []


def _words(line: int, items: list[tuple[float, str]], char: float = 5.0) -> list:
    from extractor.readers.common.words import Word

    return [Word(text, x, x + char * len(text), 10.0 * line, 10.0 * line + 9.0, line) for x, text in items]


def test_a_group_heading_centred_across_columns_with_a_word_space_on_the_boundary_is_one_text():
    """unlabelled-sums-verbal-noun-headers-grn (Chromium print, no borders): "ІV. Показники якості" is
    centred on the indicators table; the space before "якості" falls on a column boundary, so no word of it
    is printed across one, and it read as two cells."""
    from extractor.readers.common.finder_settings import DEFAULT_FINDER_SETTINGS as cfg
    from extractor.readers.unruled import centred_headings_whole

    edges = [0.0, 40.0, 220.0, 260.0, 320.0, 400.0]
    # 155 .. 252.5, centred on the table; the boundary at 220 between "Показники" and "якості"
    heading = _words(3, [(155.0, "ІV."), (172.5, "Показники"), (222.5, "якості")])
    row = _words(4, [(5.0, "1"), (45.0, "Частка"), (205.0, "%"), (265.0, "87,8"), (325.0, "69,0")])
    out = centred_headings_whole(heading + row, edges, cfg)
    assert [w.text for w in out if w.line == 3] == ["ІV. Показники якості"]
    assert [w.text for w in out if w.line == 4] == ["1", "Частка", "%", "87,8", "69,0"]
    # off the table's centre (a heading flush left), it stays words
    left = _words(3, [(45.0, "Пріоритет"), (95.0, "1:"), (107.5, "Ремонт"), (142.5, "шкіл"), (165.0, "міста")])
    assert len(centred_headings_whole(left, edges, cfg)) == 5


def test_a_total_row_whose_label_starts_left_of_the_first_column_stays_in_the_table():
    """unlabelled-sums-verbal-noun-headers-grn (Chromium print): "Загальна сума" in a cell merged over the
    first columns starts left of the number column's text, by less than the column's width; the rest of
    its line is values."""
    from extractor.readers.unruled import total_out_left

    edges = [76.0, 111.0, 229.0, 549.0, 640.0]
    assert total_out_left(_words(1, [(67.0, "Загальна"), (118.7, "сума"), (554.6, "30 486 962,82")]), edges)
    assert not total_out_left(_words(1, [(20.0, "Загальна"), (71.7, "сума"), (554.6, "30 486 962,82")]), edges)
    assert not total_out_left(_words(1, [(67.0, "Директор"), (118.7, "департаменту")]), edges)


def test_a_group_heading_under_a_header_ruled_at_the_foot_of_a_page_heads_the_bare_rows_of_the_next():
    """objects-stacked-in-one-cell-with-dash-bullets (Calc print, header ruled): the header and the first
    group heading ("І. Показники затрат") close page 1, the rows fill page 2."""
    first = [(50, 0, "Вступ до звіту"), *table_lines(40, [HEADER]), (190, 41, "І. Показники затрат")]
    second = [*table_lines(0, ROWS), (50, 6, "Начальник управління")]
    doc = read(text_pdf([first, second], [header_rules(40), []]))
    (table,) = doc.tables
    grid = table.text_grid()
    assert grid[0] == HEADER and grid[1][0] == "І. Показники затрат" and grid[2:] == ROWS
    assert [r.page for r in table.rows] == [1, 1, 2, 2, 2, 2]


def test_lines_overlapping_each_other_under_a_header_at_the_foot_of_a_page_are_no_group_heading():
    """A form's footer under a ruled box at the page foot ('1040' and 'Form (2010)' on baselines a few points
    apart, the first reaching into the box): no heading row is made of them, and the page is read (a row of
    negative height had broken the table's grid)."""
    first = [(50, 0, "Вступ до звіту"), *table_lines(40, [HEADER]), (60, 40.9, "1040"), (300, 41.2, "Form (2010)")]
    second = [(50, 0, "Начальник управління")]
    doc = read(text_pdf([first, second], [header_rules(40), []]))
    (table,) = doc.tables
    assert table.text_grid() == [HEADER]
    assert "1040" in " ".join(b.text for b in doc.blocks if isinstance(b, Paragraph))


def test_texts_run_together_over_a_column_boundary_are_split_there():
    """wide-table-years-by-sources-four-header-rows (Calc print, header ruled): "2022-2024" overflows its
    narrow column and touches the "1" of "1 200,0": one word "2022-20241" across the boundary."""
    from extractor.readers.common.finder_settings import DEFAULT_FINDER_SETTINGS as cfg
    from extractor.readers.unruled import runs_split_at_boundaries

    edges = [0.0, 130.0, 177.0, 222.0, 260.0]
    run = _words(1, [(183.0, "2022-20241"), (229.7, "200,0")], char=4.4)  # 183 .. 227: "2022-2024" ends at 222.6
    out = runs_split_at_boundaries(run, edges, cfg)
    assert [w.text for w in out] == ["2022-2024", "1", "200,0"]
    assert out[0].x1 == out[1].x0 == 222.0
    # a wide amount over a boundary is one number; a range ending far from the boundary is left alone
    assert [w.text for w in runs_split_at_boundaries(_words(1, [(200.0, "12345678")], char=4.4), edges, cfg)] == ["12345678"]
    assert [w.text for w in runs_split_at_boundaries(_words(1, [(150.0, "2022-20241")], char=4.4), edges, cfg)] == [
        "2022-20241"]
    # grn-with-kopecks-task-title-rows-deviation-column: a measure overflowing into the executor's column
    run = _words(2, [(228.5, "сфериВідділ")], char=4.28)  # "сфери" ends at 249.9, the boundary at 253
    assert [w.text for w in runs_split_at_boundaries(run, [0.0, 105.0, 253.0, 376.0], cfg)] == ["сфери", "Відділ"]
    assert [w.text for w in runs_split_at_boundaries(run, [0.0, 105.0, 270.0, 376.0], cfg)] == ["сфериВідділ"]


def test_a_passport_printed_without_borders_is_a_table_of_its_numbered_rows():
    """capitals-title-passport-table-annex-in-page-header (Chromium print): the passport's numbered rows of a
    label and a value come out as a table, as a ruled passport does; a value's wrapped line stays in it."""
    page = [
        (50, 0, "1. Паспорт програми"),
        (50, 2, "1."), (80, 2, "Найменування програми"), (250, 2, "Міська цільова програма"),
        (250, 3, "«Турбота» на 2022-2024 роки"),
        (50, 4, "2."), (80, 4, "Відповідальний виконавець"), (250, 4, "управління освіти"),
        (50, 5, "3."), (80, 5, "Термін реалізації"), (250, 5, "2022-2024 роки"),
        (50, 7, "Начальник управління"),
    ]
    doc = read(text_pdf([page]))
    (table,) = doc.tables
    assert table.text_grid() == [
        ["1.", "Найменування програми", "Міська цільова програма\n«Турбота» на 2022-2024 роки"],
        ["2.", "Відповідальний виконавець", "управління освіти"],
        ["3.", "Термін реалізації", "2022-2024 роки"],
    ]
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)] == ["1. Паспорт програми", "Начальник управління"]
