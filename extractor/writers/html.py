"""A self-contained HTML view of one report: one file, no network, opens from disk.

The page holds the report's metadata, decisions, funding and indicator
tables (task headings, printed totals, computed sums of the measure rows,
warnings beside the rows they concern) and its sources: for a PDF the pages
the rows stand on, as embedded images, with a box over every value's cell;
for DOCX and TXT the source tables as read. Every number links to its
source; the linked box or row is highlighted by CSS (``:target``), so the
page needs no script. Templates are Jinja2 with autoescaping on: the report's
text is data from an untrusted file, never markup.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..i18n import _, language, ngettext, using
from ..models import Report
from .view import Sources, report_view


@lru_cache(maxsize=1)
def _environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("extractor", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["b64"] = lambda data: base64.b64encode(data).decode("ascii")
    env.globals.update(_=lambda s: _(s), ngettext=lambda s, p, n: ngettext(s, p, n))
    return env


def html_view(report: Report, sources: Sources | None = None, lang: str | None = None) -> str:
    """The HTML page of one report (``lang`` defaults to the current language)."""
    lang = lang or language()
    with using(lang):
        view = report_view(report, sources, lang)
        template = _environment().get_template("report.html")
        return template.render(view=view, version=__version__, file=report.source.file, lang=view.lang)


def html_fragment(report: Report, sources: Sources | None = None, lang: str | None = None, prefix: str = "") -> str:
    """The report's sections without the page around them, every id prefixed (several reports on one page)."""
    lang = lang or language()
    with using(lang):
        view = report_view(report, sources, lang)
        template = _environment().get_template("report_body.html")
        return template.render(view=view, version=__version__, file=report.source.file, p=prefix)


def render_page(name: str, **context) -> str:
    """Another page of the package's templates (the web page of ``extractor serve``), in the current language."""
    return _environment().get_template(name).render(version=__version__, **context)


@dataclass(frozen=True)
class IndexRow:
    """One input of a batch on its index page."""

    name: str
    path: str
    status: str
    format: str | None = None
    decisions: int | None = None
    funding: int | None = None
    indicators: int | None = None
    warnings: int | None = None
    coverage: float | None = None
    error: str | None = None
    #: the report JSON, relative to the index page
    json: str | None = None

    @property
    def json_href(self) -> str | None:
        return quote(self.json) if self.json else None


def status_words() -> dict[str, str]:
    """Each input status (``extractor.status``) in words of the current language."""
    return {"ok": _("read"), "warning": _("read, with warnings"),
            "no-tables": _("read, but no funding or indicator table found"),
            "failed": _("could not be read"), "skipped": _("not a report format")}


def index_html(rows: list[IndexRow], files: list[str], lang: str | None = None) -> str:
    """The page of a batch: a line per input, the counts of each status, links to the consolidated files."""
    lang = lang or language()
    with using(lang):
        counts: dict[str, int] = {}
        for r in rows:
            counts[r.status] = counts.get(r.status, 0) + 1
        return render_page("batch_index.html", lang=lang, rows=rows, files=sorted(files), counts=counts,
                           statuses=status_words(), file_hrefs={f: quote(f) for f in files})


def write_index_html(path: Path, rows: list[IndexRow], files: list[str]) -> Path:
    from .atomic import atomic_write_text

    atomic_write_text(path, index_html(rows, files))
    return path
