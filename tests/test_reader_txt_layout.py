"""Tests for extractor.readers.txt_layout: tables from pdftotext -layout text."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.document import Paragraph, Table
from extractor.readers.txt import looks_like_layout
from extractor.readers.txt_layout import read_layout_blocks

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

POLTAVA = "poltava-sportyvna-poltava-2022-07-01"


def norm(text: str) -> str:
    """Collapse whitespace the way the normalizer does; keep line-end hyphens."""
    return re.sub(r"\s+", " ", re.sub(r"-\n", "-", text)).strip()


def render(rows: list[list[str]], widths: list[int], right: set[int] = frozenset(), gap: int = 3) -> list[str]:
    """Lay out rows of cells ("\\n" = wrapped line) the way pdftotext -layout does."""
    out = []
    for row in rows:
        parts = [cell.split("\n") if cell else [] for cell in row]
        height = max((len(p) for p in parts), default=1) or 1
        for k in range(height):
            line = ""
            for c, p in enumerate(parts):
                text = p[k] if k < len(p) else ""
                line += (text.rjust(widths[c]) if c in right else text.ljust(widths[c])) + " " * gap
            out.append(line.rstrip())
    return out


def tables(blocks) -> list[Table]:
    return [b for b in blocks if isinstance(b, Table)]


def paragraphs(blocks) -> list[Paragraph]:
    return [b for b in blocks if isinstance(b, Paragraph)]


# -- the Poltava sample against its DOCX twin ------------------------------------------------


@pytest.fixture(scope="module")
def poltava_blocks():
    text = (SAMPLES / f"{POLTAVA}.txt").read_text(encoding="utf-8")
    blocks = read_layout_blocks(text)
    assert blocks is not None
    return blocks


@pytest.fixture(scope="module")
def docx_grids():
    docx = pytest.importorskip("docx")
    d = docx.Document(str(SAMPLES / f"{POLTAVA}.docx"))
    return [[[c.text for c in row.cells] for row in t.rows] for t in d.tables]


def test_poltava_is_layout_text():
    assert looks_like_layout((SAMPLES / f"{POLTAVA}.txt").read_text(encoding="utf-8"))


def test_poltava_table_shapes(poltava_blocks, docx_grids):
    tabs = tables(poltava_blocks)
    assert [(len(t.rows), t.n_cols) for t in tabs] == [(len(g), len(g[0])) for g in docx_grids]
    assert [t.index for t in tabs] == [0, 1]
    assert [sum(r.is_header for r in t.rows) for t in tabs] == [2, 1]


def test_poltava_cells_match_docx(poltava_blocks, docx_grids):
    for table, grid in zip(tables(poltava_blocks), docx_grids):
        ours = table.text_grid(carry=True)
        for r, (mine, truth) in enumerate(zip(ours, grid)):
            for c, (a, b) in enumerate(zip(mine, truth)):
                if table.rows[r].is_header or a or not b:
                    assert norm(a) == norm(b), (table.index, r, c)
                else:
                    # a blank text cell stands for a vertical merge in the DOCX
                    assert r > 0 and norm(grid[r - 1][c]) == norm(b), (table.index, r, c)


def test_poltava_header_spans(poltava_blocks):
    funding = tables(poltava_blocks)[0]
    row0, row1 = funding.rows[0].cells, funding.rows[1].cells
    span = next(c for c in row0 if norm(c.text) == "Обсяг фінансування, тис. грн")
    assert (span.col, span.col_span, span.row_span) == (5, 3, 1)
    actual = next(c for c in row0 if c.col == 8)
    assert norm(actual.text).startswith("Фактично") and actual.row_span == 1
    assert [(c.col, norm(c.text)) for c in row1] == [
        (5, "2021 рік"), (6, "2022 рік"), (7, "2023 рік"), (8, "2022 рік")
    ]
    assert all(c.row_span == 2 for c in row0 if c.col not in (5, 8))


def test_poltava_rows_pages_and_continuation(poltava_blocks):
    funding, indicators = tables(poltava_blocks)
    assert [r.index for r in funding.rows] == list(range(10))
    assert [r.page for r in funding.rows] == [1, 1, 1, 1, 1, 2, 2, 2, 2, 2]
    assert [r.page for r in indicators.rows] == [2] * 7 + [3, 3]
    assert funding.page == 1 and indicators.page == 2
    # the repeated headers on pages 2 and 3 are gone from the bodies
    for t in (funding, indicators):
        for row in t.rows:
            if not row.is_header:
                assert all("Найменування" not in c.text for c in row.cells)
    assert norm(funding.rows[5].cells[2].text).startswith("2.2 Виплата")
    assert [norm(c.text) for c in funding.rows[9].cells[:2]] == [
        "4.", "Забезпечення діяльності комунального підприємства «Спортивні споруди»"
    ]
    # cell origins sit at their grid positions
    for t in (funding, indicators):
        for row in t.rows:
            assert all(c.row == row.index for c in row.cells)


def test_poltava_paragraphs(poltava_blocks):
    paras = paragraphs(poltava_blocks)
    body = [p for p in paras if p.part == "body"]
    assert [(p.part, p.text, p.page) for p in paras if p.part != "body"] == [("header", "2", 2), ("header", "3", 3)]
    assert body[0].text == "Додаток 2"
    assert any(norm(p.text) == "Інформація" for p in body)
    signature = body[-1]
    assert signature.page == 3
    assert signature.text.endswith("Полтавської міської ради\tОлена ДОВГАЛЬ")
    assert signature.text.startswith("Начальник управління фізичної культури\n")
    # running text is one paragraph per first-line indent
    assert any(p.text.startswith("Міську цільову") and p.text.endswith("№ 998/19).") for p in body)
    # the titles around the tables stay paragraphs, in reading order
    kinds = ["T" if isinstance(b, Table) else b.text for b in poltava_blocks]
    assert kinds.index("Фінансування заходів Програми") + 1 == kinds.index("T")


# -- synthetic layouts -------------------------------------------------------------------------


WIDTHS4 = [4, 24, 8, 10]


def four_column_rows():
    return [
        ["№", "Назва заходу", "Рік", "Сума"],
        ["1.", "Ремонт доріг у\nцентральній частині\nміста", "2021", "1 250,0"],
        ["2.", "Освітлення", "2022", "80,5"],
        ["3.", "Будівництво\nмайданчика", "2023", "–"],
    ]


def test_four_column_table_with_wrapped_text_and_right_numbers():
    lines = ["Звіт про виконання", ""] + render(four_column_rows(), WIDTHS4, right={3}) + ["", "Підпис"]
    blocks = read_layout_blocks("\n".join(lines))
    assert blocks is not None
    (table,) = tables(blocks)
    assert table.n_cols == 4
    assert table.text_grid() == [
        ["№", "Назва заходу", "Рік", "Сума"],
        ["1.", "Ремонт доріг у\nцентральній частині\nміста", "2021", "1 250,0"],
        ["2.", "Освітлення", "2022", "80,5"],
        ["3.", "Будівництво\nмайданчика", "2023", "–"],
    ]
    assert [r.is_header for r in table.rows] == [True, False, False, False]
    assert [p.text for p in paragraphs(blocks)] == ["Звіт про виконання", "Підпис"]


def test_single_line_rows_without_numbering_are_separate_rows():
    rows = [["Показник", "Од.", "План", "Факт"], ["Кількість шкіл", "од.", "12", "10"],
            ["Кількість учнів", "осіб", "1 200", "1 150"], ["Витрати", "тис. грн", "5,5", "6,0"]]
    text = "\n".join(render(rows, [18, 9, 6, 6], right={2, 3}))
    (table,) = tables(read_layout_blocks(text))
    assert len(table.rows) == 4
    assert [norm(r.cells[0].text) for r in table.rows[1:]] == ["Кількість шкіл", "Кількість учнів", "Витрати"]


def test_table_across_form_feed_with_repeated_header():
    header = four_column_rows()[0]
    page1 = render([header] + four_column_rows()[1:3], WIDTHS4, right={3})
    page2 = render([header, ["4.", "Озеленення\nпарків", "2023", "300,0"], ["5.", "Інше", "2023", "1,0"]],
                   [5, 26, 9, 11], right={3})
    text = "\n".join(page1) + "\n\f" + "                2\n" + "\n".join(page2) + "\n\nКінець\n"
    blocks = read_layout_blocks(text)
    (table,) = tables(blocks)
    assert [norm(r.cells[0].text) for r in table.rows] == ["№", "1.", "2.", "4.", "5."]
    assert [r.page for r in table.rows] == [1, 1, 1, 2, 2]
    assert [r.index for r in table.rows] == [0, 1, 2, 3, 4]
    assert table.rows[3].cells[1].text == "Озеленення\nпарків"
    assert [(p.part, p.text) for p in paragraphs(blocks)] == [("header", "2"), ("body", "Кінець")]


def test_table_continues_on_next_page_without_header():
    page1 = render(four_column_rows(), WIDTHS4, right={3})
    page2 = render([["4.", "Озеленення", "2023", "300,0"], ["5.", "Інше", "2023", "1,0"]], WIDTHS4, right={3})
    blocks = read_layout_blocks("\n".join(page1) + "\f" + "\n".join(page2))
    (table,) = tables(blocks)
    assert len(table.rows) == 6 and table.rows[-1].page == 2


def test_different_table_on_next_page_is_a_new_table():
    page1 = render(four_column_rows(), WIDTHS4, right={3})
    other = render([["Показник", "Од.", "План", "Факт"], ["Кількість шкіл", "од.", "12", "10"],
                    ["Кількість учнів", "осіб", "1 200", "1 150"]], [18, 9, 6, 6], right={2, 3})
    blocks = read_layout_blocks("\n".join(page1) + "\f" + "\n".join(other))
    assert [(t.index, t.page, len(t.rows)) for t in tables(blocks)] == [(0, 1, 4), (1, 2, 3)]


INDENTED_PROSE = """\
      Міську цільову програму затверджено рішенням міської ради від 23 грудня
2020 року № 112. Відповідальний виконавець Програми – управління освіти.
      Станом на 01.07.2022 проведено 54 заходи, в яких взяли участь 4 320
осіб. Спортсмени міста взяли участь у 38 чемпіонатах.
"""


def test_indented_paragraphs_are_not_a_table():
    assert read_layout_blocks(INDENTED_PROSE) is None
    assert not looks_like_layout(INDENTED_PROSE)


def test_paragraphs_around_a_table_keep_their_lines():
    text = INDENTED_PROSE + "\n".join(render(four_column_rows(), WIDTHS4, right={3}))
    blocks = read_layout_blocks(text)
    paras = paragraphs(blocks)
    assert [p.text.split("\n")[0] for p in paras] == [
        "Міську цільову програму затверджено рішенням міської ради від 23 грудня",
        "Станом на 01.07.2022 проведено 54 заходи, в яких взяли участь 4 320",
    ]
    assert isinstance(blocks[-1], Table) and len(blocks[-1].rows) == 4


SPAN_HEADER = """\
                                 Обсяг фінансування,
 №     Назва заходу                  тис. грн             Відсоток
                               2021       2022    2023    виконання
 1.    Ремонт доріг у          100,0      200,0   300,0   50,0%
       центрі
 2.    Освітлення              10,0       20,0    30,0    75,0%
"""


def test_two_line_header_with_spanning_cell():
    (table,) = tables(read_layout_blocks(SPAN_HEADER))
    assert table.n_cols == 6
    head0, head1 = table.rows[0], table.rows[1]
    assert head0.is_header and head1.is_header and not table.rows[2].is_header
    spans = {(c.col, c.row_span, c.col_span): norm(c.text) for c in head0.cells}
    assert spans[(2, 1, 3)] == "Обсяг фінансування, тис. грн"
    assert spans[(0, 2, 1)] == "№" and spans[(1, 2, 1)] == "Назва заходу"
    assert spans[(5, 2, 1)] == "Відсоток виконання"
    assert [(c.col, c.text) for c in head1.cells] == [(2, "2021"), (3, "2022"), (4, "2023")]
    assert table.text_grid()[2] == ["1.", "Ремонт доріг у\nцентрі", "100,0", "200,0", "300,0", "50,0%"]
    assert len(table.rows) == 4


def test_column_number_row_is_a_header_row_and_dropped_when_repeated():
    head = ["№", "Назва заходу", "Рік", "Сума"]
    nums = ["1", "2", "3", "4"]
    page1 = render([head, nums] + four_column_rows()[1:], WIDTHS4, right={3})
    page2 = render([head, nums, ["4.", "Озеленення", "2023", "300,0"]], WIDTHS4, right={3})
    (table,) = tables(read_layout_blocks("\n".join(page1) + "\f" + "\n".join(page2)))
    assert [r.is_header for r in table.rows] == [True, True, False, False, False, False]
    assert [norm(r.cells[0].text) for r in table.rows] == ["№", "1", "1.", "2.", "3.", "4."]


def test_spanning_group_heading_in_body():
    rows = [["№", "Показник", "Од.", "План"], ["1.", "Кількість шкіл", "од.", "12"],
            ["2.", "Кількість учнів", "осіб", "1 200"], ["3.", "Витрати", "тис. грн", "5,5"]]
    lines = render(rows, [4, 18, 9, 6], right={3})
    lines.insert(1, "      Показники продукту")
    lines.insert(1, "I. Показники затрат та продукту разом узяті")
    (table,) = tables(read_layout_blocks("\n".join(lines)))
    heading = table.rows[1].cells
    assert len(heading) == 1 and heading[0].col_span == 4
    assert norm(heading[0].text) == "I. Показники затрат та продукту разом узяті Показники продукту"
    assert [norm(r.cells[0].text) for r in table.rows[2:]] == ["1.", "2.", "3."]


def test_signature_gap_becomes_tab():
    text = "\n".join(render(four_column_rows(), WIDTHS4, right={3})) + (
        "\n\n\nНачальник управління\nосвіти міської ради" + " " * 30 + "Іван ПЕТРЕНКО\n"
    )
    paras = paragraphs(read_layout_blocks(text))
    assert paras[-1].text == "Начальник управління\nосвіти міської ради\tІван ПЕТРЕНКО"


def test_tab_export_is_not_layout():
    tab_text = "Заголовок\n\t№\n\tНазва\n\tСума\n\n\t1.\n\tРемонт\n\t100,0\n\n"
    assert not looks_like_layout(tab_text)


def test_large_table_rows_are_all_read():
    body = [[f"{i}.", f"Захід номер {i}\nпродовження", "2022", f"{i},0"] for i in range(1, 3001)]
    text = "\n".join(render([["№", "Назва", "Рік", "Сума"]] + body, [6, 16, 6, 9], right={3}))
    (table,) = tables(read_layout_blocks(text))
    assert len(table.rows) == 3001
    assert table.rows[-1].cells[3].text == "3000,0"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list(" \n\f\t\r№.,–-%0123456789абвгд ІV   ")), max_size=600))
def test_never_raises_on_random_text(text):
    blocks = read_layout_blocks(text)
    looks_like_layout(text)
    if blocks is not None:
        for t in tables(blocks):
            for row in t.rows:
                for c in row.cells:
                    assert 0 <= c.col < t.n_cols and c.col + c.col_span <= t.n_cols


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(st.text(alphabet="аб1,. ", min_size=0, max_size=8), min_size=3, max_size=5),
                min_size=1, max_size=8))
def test_never_raises_on_random_grids(rows):
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    text = "\n".join(render(rows, [8] * width))
    blocks = read_layout_blocks(text)
    if blocks is not None:
        for t in tables(blocks):
            assert all(c.row == r.index for r in t.rows for c in r.cells)


# -- narrow columns: cells printed one space apart ------------------------------------------


NARROW = """\
№     Завдання      Захід                 Рік     Сума
1. Створення        1.1 Встановлення      2019    100,0
   системи          камер на вулицях
   міста Житомира 1.2 Придбання та        2017    20,0
                    камер для ОСББ
                    1.3 Ремонт            2019    30,0
2. Утримання        Витрати на            2018    40,0
   системи відео- обслуговування
   спостереження    системи
"""


def test_cells_printed_one_space_apart_are_cut_at_column_edges():
    (table,) = tables(read_layout_blocks(NARROW))
    assert table.n_cols == 5
    grid = table.text_grid()
    assert [norm(r[0]) for r in grid] == ["№", "1.", "", "", "2."]
    assert norm(grid[1][1]) == "Створення системи міста Житомира"  # the task's last line spilled into 1.2
    assert norm(grid[2][1]) == ""
    assert norm(grid[2][2]) == "1.2 Придбання та камер для ОСББ"
    assert norm(grid[4][1]) == "Утримання системи відео-спостереження"
    assert norm(grid[4][2]) == "Витрати на обслуговування системи"
    assert [r[4] for r in grid[1:]] == ["100,0", "20,0", "30,0", "40,0"]


def test_thousands_groups_are_not_cut():
    rows = [["№", "Назва", "План", "Факт"], ["1.", "Ремонт", "1 250,0", "12 687,5"],
            ["2.", "Освітлення", "850,0", "900,0"], ["3.", "Інше", "5 150,0", "–"]]
    (table,) = tables(read_layout_blocks("\n".join(render(rows, [3, 12, 7, 8], right={2, 3}, gap=2))))
    assert table.n_cols == 4
    assert [r.cells[2].text for r in table.rows[1:]] == ["1 250,0", "850,0", "5 150,0"]
    assert [r.cells[3].text for r in table.rows[1:]] == ["12 687,5", "900,0", "–"]


# -- tables across blank lines, group headings and pages ------------------------------------


GROUPED = """\
№    Показник                  Од.      План    Факт
                     I. Показники затрат
1.   Видатки на ремонт         тис. грн  100,0   90,0
2.   Видатки на освітлення     тис. грн   50,0   50,0

                     II. Показники продукту
1.   Кількість ламп            од.          40      38
2.   Протяжність мереж         км          2,4     2,1
\f                     III. Показники якості
1.   Частка справних ламп      %          95,0    97,0
2.   Частка відремонтованих    %          80,0    70,0
     мереж
"""


def test_group_headings_blank_lines_and_page_break_keep_one_table():
    blocks = read_layout_blocks(GROUPED)
    (table,) = tables(blocks)
    assert not paragraphs(blocks)
    grid = table.text_grid(carry=True)
    headings = [r for r, row in enumerate(table.rows) if len(row.cells) == 1]
    assert [norm(grid[r][0]) for r in headings] == [
        "I. Показники затрат", "II. Показники продукту", "III. Показники якості"
    ]
    assert all(table.rows[r].cells[0].col_span == 5 for r in headings)
    assert [norm(r[0]) for r in grid if norm(r[0]) in ("1.", "2.")] == ["1.", "2."] * 3
    assert table.rows[-1].page == 2 and norm(grid[-1][1]) == "Частка відремонтованих мереж"


def test_headerless_continuation_without_leading_columns_maps_to_the_right():
    page1 = render([["№", "Завдання", "Захід", "Рік", "Сума"],
                    ["1.", "Створення\nсистеми", "1.1 Встановлення\nкамер", "2019", "100,0"]],
                   [4, 12, 18, 6, 7], right={4})
    # pdftotext drops the empty left margin: the page starts at the measure column
    page2 = render([["1.2 Придбання\nкамер", "2017", "20,0"], ["1.3 Ремонт", "2019", "30,0"]],
                   [16, 5, 6], right={2})
    (table,) = tables(read_layout_blocks("\n".join(page1) + "\f" + "\n".join(page2)))
    grid = table.text_grid()
    assert [row[2:] for row in grid[2:]] == [["1.2 Придбання\nкамер", "2017", "20,0"], ["1.3 Ремонт", "2019", "30,0"]]
    assert [row[:2] for row in grid[2:]] == [["", ""], ["", ""]]


def test_merged_cell_text_cut_by_a_page_break_goes_back_up():
    page1 = render([["№", "Завдання", "Захід", "Сума"], ["1.", "Реконструкція\nмереж", "1.1 Ремонт\nмережі", "100,0"]],
                   [3, 16, 14, 7], right={3})
    page2 = render([["№", "Завдання", "Захід", "Сума"], ["", "водопостачання", "1.2 Заміна", "50,0"]],
                   [3, 16, 14, 7], right={3})
    (table,) = tables(read_layout_blocks("\n".join(page1) + "\f" + "\n".join(page2)))
    assert norm(table.rows[1].cells[1].text) == "Реконструкція мереж водопостачання"
    assert table.rows[2].cells[1].text == "" and norm(table.rows[2].cells[2].text) == "1.2 Заміна"


def test_wrapped_column_numbering_row_is_a_header_row():
    text = "\n".join([
        "№    Назва           План     Відсоток",
        "                              виконання,",
        "1      2               3        %",
        "                                4",
        "1.   Ремонт          100,0    50,0",
        "2.   Освітлення       20,0    75,0",
    ])
    (table,) = tables(read_layout_blocks(text))
    assert [r.is_header for r in table.rows] == [True, True, False, False]
    assert [c.text for c in table.rows[1].cells] == ["1", "2", "3", "4"]
    assert norm(table.rows[0].cells[3].text) == "Відсоток виконання, %"


# -- real pdftotext renderings of the other samples (when poppler is installed) -----------


def pdftotext_layout(pdf: Path) -> str:
    exe = shutil.which("pdftotext")
    if exe is None:
        pytest.skip("pdftotext is not installed")
    out = subprocess.run([exe, "-layout", str(pdf), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def test_rivne_pdftotext_rendering_matches_its_docx():
    docx = pytest.importorskip("docx")
    stem = "rivne-pytna-voda-2021"
    blocks = read_layout_blocks(pdftotext_layout(SAMPLES / f"{stem}.pdf"))
    truth = [[[c.text for c in row.cells] for row in t.rows] for t in docx.Document(str(SAMPLES / f"{stem}.docx")).tables]
    tabs = tables(blocks)
    assert [(len(t.rows), t.n_cols) for t in tabs] == [(len(g), len(g[0])) for g in truth]
    funding, indicators = tabs
    assert [sum(r.is_header for r in t.rows) for t in tabs] == [3, 2]
    head = {norm(c.text): (c.col, c.col_span) for c in funding.rows[0].cells}
    assert head["Планові обсяги фінансування, тис. грн"] == (5, 4)
    assert head["Фактично профінансовано, тис. грн"] == (9, 4)
    # every body cell equals the DOCX cell, or is blank under a vertical merge
    # (the total row's label spans five columns in the DOCX: not recoverable)
    for table, grid in zip(tabs, truth):
        ours = table.text_grid(carry=True)
        for r in range(len(grid)):
            if "Усього" in grid[r][0]:
                continue
            for c in range(len(grid[r])):
                a, b = ours[r][c], grid[r][c]
                if a or not b:
                    assert norm(a).replace("- ", "-") == norm(b).replace("- ", "-"), (table.index, r, c)
                else:
                    assert norm(grid[r - 1][c]) == norm(b), (table.index, r, c)
    groups = [norm(r.cells[0].text) for r in indicators.rows if len(r.cells) == 1]
    assert groups == ["I. Показники затрат", "II. Показники продукту", "III. Показники ефективності", "IV. Показники якості"]


def test_numbered_continuation_with_two_columns_run_together_keeps_its_numbers_column():
    head = ["№", "Показник", "Од.", "План", "Причини", "Що зроблено"]
    page1 = render([head, ["1.", "Кількість шкіл", "од.", "12", "Немає коштів", "Перенесено"],
                    ["2.", "Кількість учнів", "осіб", "1 200", "Карантин", "Нічого"]],
                   [3, 16, 5, 6, 13, 12], right={3})
    # on the next page the last two cells are printed one space apart on every row
    page2 = render([["3.", "Витрати", "грн", "5,5", "Захід програми не фінансувався Виконання заходу враховано"],
                    ["4.", "Частка", "%", "20,0", "Захід програми не фінансувався Виконання заходу враховано"]],
                   [3, 9, 4, 5, 60], right={3})
    (table,) = tables(read_layout_blocks("\n".join(page1) + "\f" + "\n".join(page2)))
    grid = table.text_grid()
    assert [row[:4] for row in grid[3:]] == [["3.", "Витрати", "грн", "5,5"], ["4.", "Частка", "%", "20,0"]]


TASK_HEADINGS = """\
   №         Захід                 Виконавець     Рік     Обсяг,     Факт,      %
                                                          тис.       тис.
                                                                     грн
Завдання 1. Ремонт доріг та тротуарів міста
   1.1       Ремонт вул.           Управління     2021     100,0      90,0    90,0
             Лесі Українки         ЖКГ
   1.2       Ремонт тротуарів      Управління     2022      50,0      40,0    80,0
Разом за завданням 1                                       150,0     130,0    86,7
Завдання 2. Освітлення вулиць
   2.1       Заміна ламп           КП «Світло»    2021      20,0      20,0   100,0
Разом за завданням 2                                        20,0      20,0   100,0
"""


def test_task_heading_under_the_header_keeps_the_header_and_splits_from_totals():
    (table,) = tables(read_layout_blocks(TASK_HEADINGS))
    assert [r.is_header for r in table.rows[:2]] == [True, False]
    assert norm(table.rows[0].cells[4].text) == "Обсяг, тис."
    assert norm(table.rows[0].cells[5].text) == "Факт, тис. грн"
    firsts = [norm(r.cells[0].text) for r in table.rows[1:]]
    assert firsts == ["Завдання 1. Ремонт доріг та тротуарів міста", "1.1", "1.2", "Разом за завданням 1",
                      "Завдання 2. Освітлення вулиць", "2.1", "Разом за завданням 2"]
    headings = [r for r in table.rows if len(r.cells) == 1]
    assert [h.cells[0].col_span for h in headings] == [7, 7]
    total = table.rows[4]
    assert [c.text for c in total.cells if c.col >= 4] == ["150,0", "130,0", "86,7"]


def test_lone_title_line_above_a_headerless_table_is_a_paragraph():
    text = "\n".join([
        "Звіт за 2023 рік",
        "",
        "                          1. Паспорт програми",
        "1.      Назва програми             Програма розвитку доріг",
        "2.      Виконавець                 Управління ЖКГ",
        "3.      Термін                     2021-2023 роки",
    ])
    blocks = read_layout_blocks(text)
    (table,) = tables(blocks)
    assert not any(r.is_header for r in table.rows)
    assert [norm(r.cells[0].text) for r in table.rows] == ["1.", "2.", "3."]
    assert [p.text for p in paragraphs(blocks)] == ["Звіт за 2023 рік", "1. Паспорт програми"]


YEARS_PLAN_FACT = """\
                        2. Виконання заходів
 №    Захід            Рік      2021 рік        2022 рік     Відсоток
                             план    факт    план    факт
 1.   Ремонт доріг     2021  100,0   90,0   200,0   150,0     80,0
 2.   Освітлення       2022   10,0    5,0    20,0    20,0     83,3
"""


def test_section_title_over_a_nested_header_and_narrow_year_cells_spanning_plan_and_fact():
    blocks = read_layout_blocks(YEARS_PLAN_FACT)
    (table,) = tables(blocks)
    assert [p.text for p in paragraphs(blocks)] == ["2. Виконання заходів"]
    head0 = {(c.col, c.col_span): norm(c.text) for c in table.rows[0].cells}
    assert head0[(3, 2)] == "2021 рік"
    # "2022 рік" is printed one space from the gutter: the top of a spanning cell
    assert head0[(5, 2)] == "2022 рік"
    assert [c.text for c in table.rows[1].cells] == ["план", "факт", "план", "факт"]
    assert table.text_grid()[2][3:7] == ["100,0", "90,0", "200,0", "150,0"]


HEADINGS_IN_NUMBERS = """\
 №    Показник            Од.                   План                Факт      Причини
                                      Показники затрат
 1.1  Обсяг видатків на   тис. грн             371,2               366,1      Немає коштів
      обладнання                                                              у бюджеті
 1.2  Обсяг видатків      тис. грн           5 644,3             5 132,7      Карантин
                                    Показники продукту
 2.1  Кількість одиниць   од.                    394                 260
      обладнання
 2.2  Кількість осіб      осіб                 1 286                 785
"""


def test_group_heading_standing_in_a_number_column_is_a_full_width_row():
    (table,) = tables(read_layout_blocks(HEADINGS_IN_NUMBERS))
    grid = table.text_grid()
    headings = [r for r, row in enumerate(table.rows) if len(row.cells) == 1]
    assert [norm(table.rows[r].cells[0].text) for r in headings] == ["Показники затрат", "Показники продукту"]
    assert all(table.rows[r].cells[0].col_span == 6 for r in headings)
    assert [r.is_header for r in table.rows[:2]] == [True, False]
    assert grid[3][3] == "5 644,3" and grid[2][3] == "371,2"
    assert [norm(row[0]) for row in grid if row[0] and len(norm(row[0])) <= 3] == ["№", "1.1", "1.2", "2.1", "2.2"]


def test_amount_wrapped_in_a_narrow_column_stays_in_its_row():
    text = "\n".join([
        " №    Захід            Рік      План,      Факт,",
        "                                грн        грн",
        " 1.   Ремонт доріг     2021-    1 587      1 648",
        "      у центрі         2022     425,36     125,83",
        " 2.   Освітлення       2021     120        150,5",
        " 3.   Озеленення       2022     1 200      350,25",
    ])
    (table,) = tables(read_layout_blocks(text))
    grid = table.text_grid()
    assert [row[0] for row in grid[1:]] == ["1.", "2.", "3."]
    assert grid[1][3:] == ["1 587\n425,36", "1 648\n125,83"] and grid[1][2] == "2021-\n2022"


def test_group_heading_closing_a_page_joins_the_table_that_goes_on_or_stays_a_paragraph():
    rows = [["№", "Показник", "Од.", "План", "Факт"], ["1.", "Кількість шкіл", "од.", "12", "10"],
            ["2.", "Кількість учнів", "осіб", "1 200", "1 150"]]
    widths = [4, 18, 6, 7, 7]
    page1 = render(rows, widths, right={3, 4}) + ["", "                  II. Показники якості"]
    page2 = render([["1.", "Частка ремонтів", "%", "80,0", "70,0"], ["2.", "Частка шкіл", "%", "95,0", "97,0"]],
                   widths, right={3, 4})
    blocks = read_layout_blocks("\n".join(page1) + "\f" + "\n".join(page2))
    (table,) = tables(blocks)
    assert not paragraphs(blocks)
    heading = table.rows[3]
    assert [(c.col, c.col_span, norm(c.text)) for c in heading.cells] == [(0, 5, "II. Показники якості")]
    assert heading.page == 1 and [r.page for r in table.rows[4:]] == [2, 2]
    # a new table with its own header on the next page: the line stays a paragraph, in its place
    other = render([["Назва", "Сума", "Рік", "Примітка"], ["Ремонт", "100,0", "2021", "так"],
                    ["Освітлення", "50,0", "2022", "ні"]], [12, 7, 5, 9], right={1})
    blocks = read_layout_blocks("\n".join(page1) + "\f" + "\n".join(other))
    assert [type(b).__name__ for b in blocks] == ["Table", "Paragraph", "Table"]
    assert blocks[1].text == "II. Показники якості" and blocks[1].page == 1


def test_header_line_naming_a_year_inside_words_is_not_the_first_body_row():
    text = "\n".join([
        " №    Захід            Передбачено на 2022 рік, тис. грн     Відсоток",
        "                       Усього      міський     обласний",
        " 1.   Ремонт доріг     100,0       60,0        40,0          90,0",
        " 2.   Освітлення        50,0       50,0          –           80,0",
    ])
    (table,) = tables(read_layout_blocks(text))
    assert [r.is_header for r in table.rows] == [True, True, False, False]
    spans = {(c.col, c.col_span): norm(c.text) for c in table.rows[0].cells}
    assert spans[(2, 3)] == "Передбачено на 2022 рік, тис. грн"


def test_lone_lines_after_an_empty_paragraph_in_a_cell_keep_the_table_whole():
    text = "\n".join([
        "Захід                   Рік    Виконавець      План     Факт",
        "1.7 Придбання камер     2019   Управління       7,0      7,0",
        "для ОСББ «Селецька»            НС",
        "",
        "м.Житомир, вул.",
        "Селецька, 21",
        "1.8 Придбання камер     2019   Управління       8,0      8,0",
        "для ОСББ «Корольова»           НС",
    ])
    blocks = read_layout_blocks(text)
    (table,) = tables(blocks)
    assert not paragraphs(blocks)
    firsts = [norm(r.cells[0].text) for r in table.rows[1:]]
    assert firsts[0].startswith("1.7") and firsts[-1].startswith("1.8")
    assert "Селецька, 21" in " ".join(firsts)


def test_zhytomyr_pdftotext_rendering_keeps_two_whole_tables():
    blocks = read_layout_blocks(pdftotext_layout(SAMPLES / "zhytomyr-bezpechne-misto-2017-2019.pdf"))
    funding, indicators = tables(blocks)
    cells = [norm(c.text) for r in funding.rows for c in r.cells]
    for measure in ("1.7 Придбання", "1.8 Придбання", "1.12"):
        assert any(t.startswith(measure) for t in cells), measure
    # 21 indicators under 4 group headings, whatever rows the header takes
    assert sum(not r.is_header for r in indicators.rows) >= 25


# -- Word's default: centred header cells over flush-left data ------------------------------

CENTRED_HEADER_LEFT_DATA = """\
     № з/п       Зміст заходів            Виконавці           Обсяг,       Відсоток
                                                             тис. грн
1.           Ремонт доріг у            Управління            2 400,0      99,4
             центрі міста              ЖКГ
2.           Освітлення вулиць         Управління            312,0        95,7
             міста                     ЖКГ
3.           Озеленення парку          Управління            –            –
                                       ЖКГ
"""


def test_centred_header_beside_flush_left_numbers_heads_their_column():
    (table,) = tables(read_layout_blocks(CENTRED_HEADER_LEFT_DATA))
    grid = table.text_grid()
    assert table.n_cols == 5
    assert grid[0][0] == "№ з/п" and [row[0] for row in grid[1:]] == ["1.", "2.", "3."]
    assert norm(grid[0][3]) == "Обсяг, тис. грн" and grid[1][3] == "2 400,0"


def test_header_text_beside_another_columns_header_over_an_empty_column_is_a_column():
    text = "\n".join([
        " №    Захід             Примітка      План      Факт",
        " 1.   Ремонт доріг                    100,0     90,0",
        " 2.   Освітлення                      50,0      45,5",
        " 3.   Озеленення                      20,0      20,0",
    ])
    (table,) = tables(read_layout_blocks(text))
    grid = table.text_grid()
    assert grid[0] == ["№", "Захід", "Примітка", "План", "Факт"]
    assert grid[1] == ["1.", "Ремонт доріг", "", "100,0", "90,0"]


def test_table_with_its_own_header_after_a_heading_is_a_new_table_even_if_it_fits_the_columns():
    text = "\n".join([
        "     № з/п       Зміст заходів            Виконавці           Обсяг,       Відсоток",
        "1.           Ремонт доріг              Управління            2 400,0      99,4",
        "2.           Освітлення вулиць         Управління            312,0        95,7",
        "Всього                                                       2 712,0      99,0",
        "",
        "                     3. Виконання показників",
        "     № з/п     Показник              Одиниця     План        Факт",
        "       1       Кількість шкіл        од.         12          10",
        "       2       Кількість учнів       осіб        1 200       1 150",
    ])
    blocks = read_layout_blocks(text)
    funding, indicators = tables(blocks)
    assert [p.text for p in paragraphs(blocks)] == ["3. Виконання показників"]
    assert len(funding.rows) == 4 and funding.rows[-1].cells[0].text == "Всього"
    assert indicators.rows[0].is_header and norm(indicators.rows[0].cells[1].text) == "Показник"
    assert [r.cells[0].text for r in indicators.rows[1:]] == ["1", "2"]


def test_line_opening_every_page_is_a_running_header_not_a_table_row():
    rows = [["№", "Показник", "Од.", "План", "Факт"], ["1.", "Кількість шкіл", "од.", "12", "10"],
            ["2.", "Кількість учнів", "осіб", "1 200", "1 150"]]
    widths = [4, 18, 6, 7, 7]
    head = "                                              Додаток 2"
    page1 = [head] + render(rows, widths, right={3, 4})
    page2 = [head] + render([["3.", "Частка ремонтів", "%", "80,0", "70,0"],
                             ["4.", "Частка шкіл", "%", "95,0", "97,0"]], widths, right={3, 4})
    blocks = read_layout_blocks("\n".join(page1) + "\f" + "\n".join(page2))
    (table,) = tables(blocks)
    # given once, as a DOCX section header is
    assert [(p.text, p.part, p.page) for p in paragraphs(blocks)] == [("Додаток 2", "header", 1)]
    assert [r.cells[0].text for r in table.rows] == ["№", "1.", "2.", "3.", "4."]


STACKED_OBJECTS = """\
№ з/п      Завдання       Захід              Обсяг,     Факт,
                                             тис. грн   тис. грн
1.       Утримання      1.1 Видалення       1 250,0    1 187,5
         зелених        дерев
         насаджень
2.       Капітальний    Виготовлення        415,0      398,6
         ремонт         проєктно-
         зупинок        кошторисної         230,5      0,0
         громадськог    документації та     198,2      –
         о транспорту   ремонтних робіт
         - зупинка
         «Площа 700-
         річчя»;

         - зупинка
         «Вулиця
         Смілянська»;
         - зупинка
         «Річковий
         вокзал»
3.       Ремонт доріг   3.1 Ремонт вулиць   100,0      90,0
"""


def test_amounts_stacked_against_dash_listed_objects_stay_one_cell_line_by_line():
    (table,) = tables(read_layout_blocks(STACKED_OBJECTS))
    grid = table.text_grid()
    body = [row for row, r in zip(grid, table.rows) if not r.is_header]
    assert [row[0] for row in body] == ["1.", "2.", "3."]
    stacked = body[1]
    assert stacked[3].split("\n") == ["415,0", "230,5", "198,2"]
    assert stacked[4].split("\n") == ["398,6", "0,0", "–"]
    task_lines = stacked[1].split("\n")
    assert sum(1 for ln in task_lines if ln.startswith("- ")) == 3
    assert task_lines[task_lines.index("- зупинка") + 1] == "«Площа 700-"  # one printed line per "\n"


def test_rows_each_opening_with_a_dash_item_stay_separate_rows():
    text = "\n".join([
        " №    Завдання        Захід                  План      Факт",
        " 1.   Ремонт шкіл     - ремонт покрівлі      100,0     90,0",
        "                      - заміна вікон         200,0     150,0",
        "                      - утеплення            50,0      50,0",
        " 2.   Освітлення      Заміна ламп            20,0      20,0",
    ])
    (table,) = tables(read_layout_blocks(text))
    grid = table.text_grid()
    assert [row[3] for row in grid[1:]] == ["100,0", "200,0", "50,0", "20,0"]


def test_continuation_page_of_a_numbered_table_with_group_headings_starts_at_the_number_column():
    # group headings in the first column do not hide that it holds the item numbers
    page1 = [
        "     № з/п       Найменування           Одиниця        Планове       Фактичне       Причини           Що зроблено",
        "                  показника              виміру        значення      значення     невиконання             для",
        "                                                                                                      виконання",
        "                                                І. Показники затрат",
        "      1      Обсяг видатків на           тис. грн       6 975,0     6 399,9",
        "             підтримку",
        "                                             ІІ. Показники продукту",
        "      1      Кількість наданих             од.          20          20",
        "      2      Кількість проведених          од.               12          5       Обмеження         Семінари",
        "             семінарів                                                           воєнного стану    проведено",
        "                                           ІІІ. Показники ефективності",
        "      1      Середній розмір             тис. грн       75,0        75,0",
        "                                                 ІV. Показники якості",
    ]
    page2 = [
        "   1    Приріст кількості   %   5,0   -2,3   Воєнний стан",
        "        суб’єктів МСП",
    ]
    blocks = read_layout_blocks("\n".join(page1) + "\f" + "\n".join(page2))
    (table,) = tables(blocks)
    last = table.text_grid()[-1]
    assert last[:6] == ["1", "Приріст кількості\nсуб’єктів МСП", "%", "5,0", "-2,3", "Воєнний стан"]


def test_page_opening_with_a_group_heading_over_one_squeezed_row_continues_the_table():
    page1 = render([["№", "Показник", "Од.", "План", "Факт", "Причини"],
                    ["1", "Обсяг видатків", "грн", "9 685,39", "8 450,56", "Економія"],
                    ["2", "Кількість будівель", "од.", "2", "1", "Перенесено"]],
                   [4, 26, 6, 12, 12, 14], right={3, 4})
    page2 = [
        "                                                 IV. Якості",
        "   1      Економія теплової енергії   %   12,0                0,0   Не введено",
        "",
        "",
        "Начальник управління економіки",
    ]
    blocks = read_layout_blocks("\n".join(page1) + "\f" + "\n".join(page2))
    (table,) = tables(blocks)
    assert [p.text for p in paragraphs(blocks)] == ["Начальник управління економіки"]
    heading, row = table.rows[-2:]
    assert [(c.col, c.col_span, c.text) for c in heading.cells] == [(0, 6, "IV. Якості")]
    assert [c.text for c in row.cells][:5] == ["1", "Економія теплової енергії", "%", "12,0", "0,0"]


def test_amount_wrapped_at_its_thousands_space_stays_one_amount():
    text = "\n".join([
        " №    Захід              Рік     План,       Факт,       %",
        "                                 тис. грн    тис. грн",
        " 1.   Реконструкція      2023    12          11          97,2%",
        "      магістрального             345,678     998,102",
        "      водогону",
        " 2.   Заміна ділянок     2023    2 150,500   2 419,860   112,5%",
    ])
    (table,) = tables(read_layout_blocks(text))
    grid = table.text_grid()
    assert [row[0] for row in grid[1:]] == ["1.", "2."]
    assert grid[1][3:5] == ["12\n345,678", "11\n998,102"]


def test_short_integer_over_a_three_digit_amount_of_the_next_one_line_row_stays_two_rows():
    text = "\n".join([
        "Показник             Од.     План       Факт",
        "Кількість шкіл       од.     12         11",
        "Середня вартість     грн     345,678    998,102",
        "Кількість учнів      осіб    1 200      1 150",
    ])
    (table,) = tables(read_layout_blocks(text))
    assert [row[2] for row in table.text_grid()[1:]] == ["12", "345,678", "1 200"]


# -- header words of neighbouring columns printed one space apart ----------------------------

NAMES_ONE_SPACE_APART = """\
№    Найменування показника   Одиниця     Планове Фактичне    Причини
з/п                           виміру     значення   значення  невиконання
                                         показника показника
1.   Обсяг видатків           тис. грн.     165,0       -     Захід не
                                                              фінансувався
2.   Кількість камер          од.            146       196    Збільшення
"""


def test_column_names_printed_one_space_apart_head_their_own_columns():
    (table,) = tables(read_layout_blocks(NAMES_ONE_SPACE_APART))
    header = [norm(c.text) for c in table.rows[0].cells]
    assert table.n_cols == 6 and table.rows[0].is_header
    assert header[3].startswith("Планове значення") and header[4].startswith("Фактичне значення")
    assert table.text_grid()[-1][3:5] == ["146", "196"]


def test_a_year_over_plan_and_fact_printed_one_space_apart_still_spans_both():
    from extractor.readers.common.header import cut_at_column_names
    from extractor.readers.common.words import Frag

    cores = [[0, 6], [8, 14]]
    assert cut_at_column_names(Frag(2, 10, "2022 рік"), cores) is None
    pieces = cut_at_column_names(Frag(1, 13, "план факт"), [[0, 5], [6, 14]])
    assert [(p.text, cols) for p, cols in pieces] == [("план", (0, 0)), ("факт", (1, 1))]


SPLIT_TABLE_LAYOUT = """\
                     2. Виконання заходів Програми
№ з/п   Пріоритетні    Зміст       Термін   Виконавці     Обсяг     Фактично
        завдання       заходів                                     профін.
1.      Збереження     1.1         2023     Управління    3 200,0   1 450,0
        культурної     Реставрація          культури
        спадщини       фасаду
                       філармонії
                       1.2         2023     КП            860,0     860,0
                       Облаштування         «Світло»
                       підсвітки
                       архітектури
2.      Підтримка      2.1         2023     Управління    1 100,0   1 020,3
        колективів     Проведення           культури
                       фестивалю
"""


def test_a_section_title_over_the_header_and_the_wrapped_names_under_measure_numbers_stay_out_of_the_cells():
    """funding-table-split-by-a-page-break-9-months: "2. Виконання заходів Програми" centred over the
    header is a title, not a spanning header cell; the measure column holds item numbers over wrapped
    names, so a lone name line in it ("філармонії") is the name's last line, not a group heading."""
    blocks = read_layout_blocks(SPLIT_TABLE_LAYOUT)
    (table,) = tables(blocks)
    assert norm(table.rows[0].cells[2].text) == "Зміст заходів"
    grid = table.text_grid()
    assert len(grid) == 4 and grid[1][2].split("\n")[-1] == "філармонії"
    assert grid[2][2].split("\n")[-1] == "архітектури"


def test_page_opening_with_a_groups_subtotal_over_the_next_groups_heading_continues_the_table():
    # numbered-task-headings case: the subtotal of the last group printed above the next heading
    page1 = [
        "   №          Захід              Рік        Виконавець        Вартість, грн    Оплачено, грн   Виконання, %",
        "1. Ремонт доріг",
        "    1.1.   1.1 Ремонт доріг       2021      Департамент         142 875,17       103 862,67       72,7",
        "    1.2.   1.2 Ремонт тротуарів   2022      Департамент         187 386,22       189 205,67       54,4",
    ]
    page2 = [
        "                                                                 330 261,39       293 068,34           78,2",
        "2. Безпека руху",
        "    2.1.   2.1 Світлофори         2021-2022     Департамент,         3 078 631,75        2 482 561,25        80,6",
        "                                                поліція",
        "    2.2.   2.2 Острівці           2021          КП                   3 298 094,75        2 581 530,22        78,3",
    ]
    blocks = read_layout_blocks("\n".join(page1) + "\f" + "\n".join(page2))
    (table,) = tables(blocks)
    grid = table.text_grid()
    assert table.n_cols == 7 and len(grid) == 8
    assert grid[4][4:] == ["330 261,39", "293 068,34", "78,2"]
    assert grid[5][0] == "2. Безпека руху"
    assert grid[6][:2] == ["2.1.", "2.1 Світлофори"] and grid[6][6] == "80,6"
