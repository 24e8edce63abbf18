"""``extractor serve`` in a real browser: Chromium from the system packages, driven by Playwright.

A person's path: open the page, choose a report, read its tables, click a
number and see its source highlighted. Screenshots are written to
``out/browser/`` (or ``$EXTRACTOR_SCREENSHOTS``) for a person to look at.
The browser is the system's (``/usr/bin/chromium``), never one downloaded
by Playwright, started headless with a fresh profile and no background
network.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor import parse

from conftest import ROOT, SAMPLES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
SCREENSHOTS = Path(os.environ.get("EXTRACTOR_SCREENSHOTS") or ROOT / "out" / "browser")
#: what the highlight of a targeted source looks like (the view's --mark colour)
MARK_RGB = "rgb(212, 0, 0)"

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server():
    """``extractor serve`` on a free port, in its own process; its URL."""
    proc = subprocess.Popen([sys.executable, "-m", "extractor", "serve", "--port", "0", "--jobs", "2", "--lang", "uk"],
                            stderr=subprocess.PIPE, text=True)
    try:
        line = ""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and "http://" not in line:
            line = proc.stderr.readline()
            if not line and proc.poll() is not None:
                break
        match = re.search(r"http://\S+/", line)
        assert match, f"serve did not start: {line!r}"
        yield match.group(0)
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture()
def browser_page(tmp_path):
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1000}, accept_downloads=True,
        )
        try:
            yield context.pages[0] if context.pages else context.new_page()
        finally:
            context.close()


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    page.screenshot(path=str(path))
    return path


def upload(page, url: str, *files: Path) -> None:
    page.goto(url)
    page.set_input_files("#files", [str(f) for f in files])
    page.click("#submit")
    page.wait_for_selector("#files-table", timeout=120_000)


def highlighted(page, selector: str) -> dict:
    """The target's outline and whether it is on screen."""
    return page.eval_on_selector(selector, """el => {
        const s = getComputedStyle(el), r = el.getBoundingClientRect();
        return {outline: s.outlineColor, style: s.outlineStyle, visible: r.bottom > 0 && r.top < innerHeight && r.width > 0};
    }""")


def test_browser_upload_a_pdf_read_its_tables_and_see_a_number_highlighted_on_its_page(server, browser_page):
    pdf = SAMPLES / "rivne-pytna-voda-2021.pdf"
    report = parse(pdf)
    page = browser_page
    upload(page, server, pdf)
    assert page.inner_text("#r0-file").startswith(pdf.name)
    rows = page.query_selector_all("#r0-funding-table tbody tr.measure, #r0-funding-table tbody tr.subtotal, "
                                   "#r0-funding-table tbody tr.total")
    assert len(rows) == len(report.funding)
    first = report.funding[0]
    cells = [c.inner_text() for c in rows[0].query_selector_all("td")]
    assert cells[0] == first.number and cells[4] == "3\u00a0650,5"  # planned, as a Ukrainian reader writes it
    # the page image is there, and the number leads to its source on the page
    assert page.eval_on_selector("#r0-page-1 img", "img => img.naturalWidth") > 500
    link = rows[0].query_selector("td.num a")
    target = link.get_attribute("href")
    link.click()
    page.wait_for_function("h => location.hash === h", arg=target)
    assert target == "#r0-src-f0-planned"  # a box drawn over the cell on the page image
    state = highlighted(page, target)
    assert state["outline"] == MARK_RGB and state["style"] == "solid" and state["visible"]
    # the box stands where the contract says the cell is: same share of the page image
    box = page.eval_on_selector(target, """el => {
        const r = el.getBoundingClientRect(), img = el.parentElement.querySelector('img').getBoundingClientRect();
        return [(r.left - img.left) / img.width, (r.top - img.top) / img.height];
    }""")
    x0, top = first.location.cells["planned"][:2]
    assert box == pytest.approx([x0 / 842, top / 595], abs=0.01)  # the sample's pages are A4 landscape
    shot = screenshot(page, "serve-pdf-source.png")
    assert shot.stat().st_size > 10_000
    # and back from the source to the row
    page.goto(page.url.split("#")[0] + "#r0-funding-0")
    assert highlighted(page, "#r0-funding-0")["visible"]


def test_browser_docx_number_highlights_its_cell_in_the_source_table(server, browser_page):
    docx = SAMPLES / "zhytomyr-bezpechne-misto-2017-2019.docx"
    page = browser_page
    upload(page, server, docx)
    screenshot(page, "serve-docx-tables.png")
    link = page.query_selector("#r0-funding-table a.n[href*='-c']")
    assert link is not None
    printed = link.get_attribute("title")
    target = link.get_attribute("href")
    link.click()
    page.wait_for_function("h => location.hash === h", arg=target)
    state = highlighted(page, target)
    assert state["outline"] == MARK_RGB and state["visible"]
    cell_text = " ".join(page.inner_text(target).split())
    assert cell_text and cell_text in printed  # the title says what was printed, the cell shows it
    screenshot(page, "serve-docx-source.png")


def test_browser_bad_file_shows_the_command_line_message(server, browser_page, tmp_path):
    bad = tmp_path / "порожній.pdf"
    bad.write_bytes(b"")
    page = browser_page
    upload(page, server, bad)
    text = page.inner_text("#r0-file")
    assert "порожній.pdf: файл порожній" in text and "не вдалося прочитати" in text  # the error in the page's language
