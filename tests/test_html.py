"""The HTML and Markdown views of one report: self-contained, every number linked to its source."""

from __future__ import annotations

import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest

from extractor import cli
from extractor.models import Breakdown, Finding, FundingKind, FundingRow, IndicatorRow, Location, Report, Source
from extractor.pipeline import parse_input
from extractor.writers.html import html_view
from extractor.writers.markdown import markdown_view
from extractor.writers.pages import referenced_pages, render_pages, report_sources
from extractor.writers.view import PageImage, Sources, format_number, report_view

from conftest import SAMPLES

ZHYTOMYR_DOCX = SAMPLES / "zhytomyr-bezpechne-misto-2017-2019.docx"  # has row warnings
RIVNE_PDF = SAMPLES / "rivne-pytna-voda-2021.pdf"  # breakdown by source


class Page(HTMLParser):
    """The ids, links, resources and elements of a page, with the text inside each id'd table row."""

    def __init__(self, text: str):
        super().__init__()
        self.ids: list[str] = []
        self.links: list[tuple[str, str]] = []  # (href, text)
        self.resources: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.rows: list[tuple[str, str]] = []  # (id or class, text) of each <tr>
        self._link: list | None = None
        self._row: list | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "a" and "href" in a:
            self._link = [a["href"], ""]
        if tag in ("img", "script", "link", "iframe") and (a.get("src") or a.get("href")):
            self.resources.append(a.get("src") or a.get("href"))
        if tag == "tr":
            self._row = [a.get("id") or a.get("class") or "", ""]

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            self.links.append(tuple(self._link))
            self._link = None
        if tag == "tr" and self._row is not None:
            self.rows.append(tuple(self._row))
            self._row = None

    def handle_data(self, data):
        if self._link is not None:
            self._link[1] += data
        if self._row is not None:
            self._row[1] += data


def view_of(path, lang="uk"):
    parsed = parse_input(path)
    sources = report_sources(parsed.report, parsed.document, parsed.input.data)
    return parsed, html_view(parsed.report, sources, lang=lang)


def small_report() -> Report:
    return Report(
        source=Source(file="звіт.pdf", format="pdf", sha256="ab" * 32, pages=1),
        funding=[
            FundingRow(number="1.1", measure="Ремонт <script>alert(1)</script> доріг", planned=Decimal("1445.0"),
                       actual=Decimal("1000"), raw={"planned": "1 445,0", "actual": "1 000"},
                       location=Location(page=1, table=0, row=2)),
            FundingRow(number="1.2", measure="Освітлення | вулиць\nі парків", planned=Decimal("55"),
                       breakdown=[Breakdown(year=2019, planned=Decimal("55"))],
                       raw={"planned": "55", "breakdown[0].planned": "55"}, location=Location(page=1, table=0, row=3)),
            FundingRow(kind=FundingKind.total, measure="Усього", planned=Decimal("1500.0"), raw={"planned": "1 500,0"},
                       location=Location(page=1, table=0, row=4)),
        ],
        funding_unit="тис. грн",
        indicators=[IndicatorRow(name="Кількість камер", unit="од.", planned=Decimal("12"), raw={"planned": "12", "actual": "так"},
                                 location=Location(page=1, table=1, row=2))],
        warnings=[Finding(code="total-sum-mismatch", message="Усього не дорівнює сумі", path="funding[2]"),
                  Finding(code="unknown-column", message="невідомий стовпчик «Примітка»", path=None)],
    )


# -- self-contained -----------------------------------------------------------------------


def test_html_view_opens_from_disk_without_network():
    _, text = view_of(RIVNE_PDF)
    page = Page(text)
    assert page.resources and all(r.startswith("data:image/png;base64,") for r in page.resources)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text)
    assert "<script" not in text and "@import" not in text and "url(" not in text


def test_every_internal_link_of_the_html_view_has_its_target():
    for path in (RIVNE_PDF, ZHYTOMYR_DOCX):
        _, text = view_of(path)
        page = Page(text)
        targets = [href[1:] for href, _ in page.links if href.startswith("#")]
        assert targets
        assert set(targets) <= set(page.ids), path
        assert len(page.ids) == len(set(page.ids)), "ids are unique"


def test_every_number_of_the_docx_view_links_to_its_source_row_or_cell():
    parsed, text = view_of(ZHYTOMYR_DOCX)
    page = Page(text)
    number_links = [(href, label) for href, label in page.links if href.startswith("#src-t")]
    printed = [f.raw[k] for f in parsed.report.funding for k in ("planned", "actual", "percent") if f.raw.get(k)]
    assert len(number_links) >= len(printed) > 0
    # a cell link points at the source cell that holds the printed text
    cells = {i: t for i, t in _cells_by_id(text).items()}
    checked = 0
    for f in parsed.report.funding:
        raw = f.raw.get("planned")
        link = f'src-t{f.location.table}-r{f.location.row}-c'
        hits = [h for h, _ in page.links if h.startswith("#" + link)]
        for h in hits:
            assert " ".join(cells[h[1:]].split()) in {" ".join(v.split()) for v in f.raw.values()}
            checked += 1
    assert checked > 0


def _cells_by_id(text: str) -> dict[str, str]:
    return {m.group(1): re.sub(r"<[^>]+>", "", m.group(2)) for m in re.finditer(r'<td id="([^"]+)"[^>]*>(.*?)</td>', text, re.S)}


def test_pdf_view_embeds_the_pages_the_rows_stand_on():
    parsed, text = view_of(RIVNE_PDF)
    pages = referenced_pages(parsed.report)
    assert pages == sorted({r.location.page for r in (*parsed.report.funding, *parsed.report.indicators)})
    page = Page(text)
    assert [i for i in page.ids if i.startswith("page-")] == [f"page-{n}" for n in pages]
    assert text.count("data:image/png;base64,") == len(pages)


def test_pdf_page_image_has_the_page_size_in_points():
    images = render_pages(RIVNE_PDF.read_bytes(), [1, 99])
    assert list(images) == [1]  # a page outside the document is skipped
    img = images[1]
    assert img.png.startswith(b"\x89PNG") and 500 < img.width < 900 and 500 < img.height < 900
    from PIL import Image
    import io

    w, h = Image.open(io.BytesIO(img.png)).size
    assert abs(w / h - img.width / img.height) < 0.01


def test_pdf_cell_box_is_highlighted_where_the_value_was_printed():
    """A value with its cell's box (location.cells) links to a box placed at that spot of the page image."""
    report = small_report()
    report.funding[0].location.bbox = [50.0, 100.0, 550.0, 120.0]
    report.funding[0].location.cells = {"planned": [400.0, 100.0, 460.0, 120.0]}
    sources = Sources(pages={1: PageImage(1, 600.0, 800.0, b"\x89PNG fake")})
    page = Page(html_view(report, sources, lang="uk"))
    link = next(href for href, label in page.links if label == "1\u00a0445,0")
    box = next(a for tag, a in page.tags if tag == "a" and a.get("id") == link[1:])
    assert "box" in box["class"] and box["href"] == "#funding-0"
    style = dict(part.split(":") for part in box["style"].split(";"))
    assert style["left"] == "66.667%" and style["top"] == "12.500%" and style["width"] == "10.000%"


# -- what a reader sees ------------------------------------------------------------------


def test_warning_stands_right_under_the_row_it_concerns():
    page = Page(html_view(small_report(), lang="uk"))
    ids = [rid for rid, _ in page.rows]
    at = ids.index("funding-2")
    assert page.rows[at + 1][0] == "warning" and "total-sum-mismatch" in page.rows[at + 1][1]
    # a warning about no row is listed at the top
    top = page.ids.index("warnings")
    assert top < page.ids.index("funding")


def test_report_text_is_escaped_not_markup():
    text = html_view(small_report())
    assert "<script>alert(1)</script>" not in text and "&lt;script&gt;" in text


def test_funding_footer_sums_the_measure_rows_not_the_totals():
    view = report_view(small_report(), lang="uk")
    footer = view.funding.footer
    assert footer[4].text == "1\u00a0500,0"  # 1445.0 + 55, the total row left out
    assert footer[5].text == "1\u00a0000"
    assert footer[7].text == "55"  # the 2019 part


def test_indicator_printed_as_text_shows_the_text():
    view = report_view(small_report(), lang="uk")
    row = [r for r in view.indicators.rows if r.kind == "measure"][0]
    assert row.cells[4].text == "так" and row.cells[3].text == "12"


@pytest.mark.parametrize("value, lang, text", [
    (Decimal("1445.0"), "uk", "1\u00a0445,0"), (Decimal("-1234567.25"), "uk", "-1\u00a0234\u00a0567,25"),
    (Decimal("0.05"), "en", "0.05"), (Decimal("1E+3"), "en", "1,000"), (None, "uk", ""),
])
def test_format_number(value, lang, text):
    assert format_number(value, lang) == text


def test_markdown_view_keeps_each_row_on_one_line_and_pipes_escaped():
    text = markdown_view(small_report(), lang="uk")
    line = next(line for line in text.splitlines() if "Освітлення" in line)
    assert "Освітлення \\| вулиць і парків" in line
    assert "⚠ `total-sum-mismatch`" in text
    assert "&lt;script&gt;" in text and "<script>" not in text  # Markdown renderers pass HTML through
    funding = text.split("\n## ")[3]  # title, warnings, decisions, funding
    rows = [line for line in funding.splitlines() if line.startswith("|")]
    cells = {len(re.split(r"(?<!\\)\|", line)) for line in rows}
    assert len(rows) >= 5 and len(cells) == 1  # every row as wide as the header


# -- from the command line ---------------------------------------------------------------


def test_parse_output_zvit_html_writes_the_view(tmp_path, capsys):
    assert cli.main(["parse", str(RIVNE_PDF), "-o", str(tmp_path / "zvit.html")]) == 0
    text = (tmp_path / "zvit.html").read_text("utf-8")
    assert text.startswith("<!DOCTYPE html>") and "data:image/png;base64," in text
    assert "zvit.html" in capsys.readouterr().err


def test_parse_output_zvit_md_writes_the_markdown_view(tmp_path, capsys):
    assert cli.main(["parse", str(ZHYTOMYR_DOCX), "-o", str(tmp_path / "zvit.md")]) == 0
    text = (tmp_path / "zvit.md").read_text("utf-8")
    assert text.startswith("# ") and "percent-vs-amounts" in text


# -- batch index.html -------------------------------------------------------------------------


def test_batch_index_html_lists_every_input_with_status_counts_and_links(tmp_path):
    from extractor.batch import BatchOptions, run_batch

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.docx").write_bytes(ZHYTOMYR_DOCX.read_bytes())
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 broken")
    out = tmp_path / "out"
    result = run_batch(sorted(folder.iterdir()), out, BatchOptions(jobs=1, xlsx=False))
    text = (out / "index.html").read_text("utf-8")
    page = Page(text)
    rows = [text for rid, text in page.rows if rid.startswith("status-")]
    assert len(rows) == len(result.entries) == 2
    by_name = {e.name: e for e in result.entries}
    good = next(r for r in rows if "a.docx" in r)
    assert str(by_name["a.docx"].funding) in good and str(by_name["a.docx"].indicators) in good
    bad = next(r for r in rows if "broken.pdf" in r)
    assert by_name["broken.pdf"].error in bad
    links = [href for href, _ in page.links]
    assert "reports/a.docx.json" in links and "funding.csv" in links and "breakdown.csv" in links
    assert all((out / href).exists() for href in links)
