"""The PDF reader's thresholds are PdfSettings fields, handed down from parse(settings=) to every page and join."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from extractor.document import Paragraph
from extractor.readers import read
from extractor.settings import PdfSettings, TextSettings, default_settings

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _with_pdf(**changes) -> object:
    return replace(default_settings(), pdf=PdfSettings(**changes))


def _tabbed(doc) -> int:
    return sum("\t" in b.text for b in doc.blocks if isinstance(b, Paragraph))


@pytest.mark.parametrize("engine", ["auto", "pdfplumber"])
def test_the_tab_stop_width_reaches_both_engines(engine):
    pdf = SAMPLES / "rivne-pytna-voda-2021.pdf"
    assert _tabbed(read(pdf, _with_pdf(engine=engine))) == 1  # "посада ⇥ ПІБ" of the signature
    assert _tabbed(read(pdf, _with_pdf(engine=engine, tab_gap_em=1000.0))) == 0


def test_the_edge_tolerance_reaches_the_page_join():
    pdf = SAMPLES / "zhytomyr-bezpechne-misto-2017-2019.pdf"
    assert [len(t.rows) for t in read(pdf).tables] == [22, 27]
    # edges that must coincide to a hundredth of a point: the pieces of a table no longer join
    assert len(read(pdf, _with_pdf(edge_tolerance=0.01)).tables) > 2


@pytest.mark.parametrize("changes", [{"word_gap": 0}, {"line_tolerance": -1.0}, {"tab_gap_em": 0},
                                     {"unmapped_share": 1.5}, {"edge_tolerance": 0}, {"page_width_tolerance": 0}])
def test_pdf_settings_refuse_nonsense(changes):
    with pytest.raises(ValueError):
        PdfSettings(**changes)


def test_the_html_layout_threshold_is_a_text_setting():
    assert TextSettings().html_layout_max_cells == 12
    with pytest.raises(ValueError):
        TextSettings(html_layout_max_cells=0)
