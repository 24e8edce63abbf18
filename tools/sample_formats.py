"""Make the XLSX, HTML, DOC, RTF, ODT and XLS samples in samples/ from a sample DOCX.

    .venv/bin/python tools/sample_formats.py

Run once when a sample DOCX changes; the outputs are committed (small). The
samples stand for what councils publish in these formats:

* **XLSX**: the report laid out as a council's spreadsheet does it: title
  lines in merged rows above the table, the table with borders, merged task
  cells and headers, amounts stored as numbers under number formats with
  thousands grouping (``#,##0.0``: "1 445,0" on screen), the signature below.
  Written with openpyxl.
* **HTML**: the report as a page of a council web site: LibreOffice's HTML
  export of the DOCX (tables with rowspan/colspan, ``<p>`` in cells) inside
  a site template with a header, menus, a sidebar, a footer and scripts,
  in Windows-1251 with the charset in a ``<meta http-equiv>``.
* **DOC, RTF, ODT**: LibreOffice conversions of the DOCX; **XLS**: of the XLSX.

Needs LibreOffice (``soffice``) and openpyxl (``pip install 'extractor[xlsx]'``).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
sys.path.insert(0, str(ROOT))

from extractor.document import Paragraph, Table  # noqa: E402
from extractor.normalize.numbers import try_number  # noqa: E402
from extractor.readers import read  # noqa: E402

#: which sample becomes which formats
PLAN = {
    "zhytomyr-bezpechne-misto-2017-2019": ("xlsx", "xls"),
    "rivne-pytna-voda-2021": ("html", "doc", "rtf", "odt"),
}
_AMOUNT = re.compile(r"^-?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?$|^-?\d+(?:,\d+)?$")


def number_format(text: str) -> str | None:
    """The Excel format code that shows the number as the text prints it ("1 445,0" → "#,##0.0")."""
    text = text.strip()
    if not _AMOUNT.match(text):
        return None
    decimals = len(text.split(",", 1)[1]) if "," in text else 0
    grouped = " " in text or "\u00a0" in text
    base = "#,##0" if grouped else "0"
    return base + ("." + "0" * decimals if decimals else "")


def make_xlsx(docx: Path, out: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    doc = read(docx)
    wb = Workbook()
    ws = wb.active
    ws.title = "Звіт"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    width = max((t.n_cols for t in doc.tables), default=1)
    row = 1
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            if not block.text.strip():
                continue
            ws.cell(row=row, column=1, value=block.text)
            if width > 1:
                ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            ws.cell(row=row, column=1).alignment = Alignment(wrap_text=True)
            row += 1
            continue
        assert isinstance(block, Table)
        for r, trow in enumerate(block.rows):
            for c in range(block.n_cols):
                ws.cell(row=row + r, column=c + 1).border = border
            for cell in trow.cells:
                target = ws.cell(row=row + r, column=cell.col + 1)
                fmt = number_format(cell.text)
                if fmt is not None and "\n" not in cell.text:
                    value, _ = try_number(cell.text)
                    target.value = float(value) if value is not None else cell.text
                    target.number_format = fmt
                else:
                    target.value = cell.text
                target.alignment = Alignment(wrap_text=True, vertical="top")
                if r == 0:
                    target.font = Font(bold=True)
                if cell.row_span > 1 or cell.col_span > 1:
                    ws.merge_cells(start_row=row + r, start_column=cell.col + 1,
                                   end_row=row + r + cell.row_span - 1, end_column=cell.col + cell.col_span)
        row += len(block.rows) + 1  # an empty row after each table, as a person leaves one
    for c in range(1, width + 1):
        ws.column_dimensions[chr(64 + c)].width = 18
    wb.save(out)


SITE_TEMPLATE = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="uk">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1251" />
<title>Звіти про виконання програм | Міська рада</title>
<meta name="description" content="Офіційний сайт міської ради" />
<link rel="stylesheet" href="/templates/city/css/template.css" type="text/css" />
<style type="text/css">body {{ font-family: Arial; }} .menu li {{ display: inline; }}</style>
<script type="text/javascript">var _gaq = _gaq || []; _gaq.push(['_trackPageview']);</script>
</head>
<body>
<div id="header"><a href="/"><img src="/images/gerb.png" alt="Герб міста" /></a>
<h1 class="site-title">Міська рада</h1><p class="slogan">Офіційний веб-сайт</p></div>
<ul class="menu" id="mainmenu"><li><a href="/">Головна</a></li><li><a href="/rada">Міська рада</a></li>
<li><a href="/vykonkom">Виконавчий комітет</a></li><li><a href="/docs">Документи</a></li>
<li><a href="/programs">Цільові програми</a></li></ul>
<div class="breadcrumbs"><a href="/">Головна</a> / <a href="/programs">Цільові програми</a> / Звіт</div>
<div id="content">
<div class="item-page">
<div class="article-info">Опубліковано: 15.02.2022 | Переглядів: 312</div>
{body}
</div>
</div>
<div id="sidebar" class="moduletable"><h3>Новини</h3><ul><li><a href="/news/1">Сесія міської ради 24.02.2022</a></li>
<li><a href="/news/2">Графік прийому громадян</a></li></ul></div>
<div id="footer"><p>© 2022 Міська рада. Усі права захищено.</p><p>Адреса: вул. Соборна, 1</p></div>
<script type="text/javascript">document.getElementById('footer').className += ' ready';</script>
</body>
</html>
"""


def make_html(docx: Path, out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _soffice(tmp, "html:HTML (StarWriter)", docx)
        exported = (Path(tmp) / (docx.stem + ".html")).read_text(encoding="utf-8")
    body = re.search(r"<body[^>]*>(.*)</body>", exported, re.S | re.I).group(1)
    body = re.sub(r"<img[^>]*>", "", body)
    page = SITE_TEMPLATE.format(body=body.strip())
    out.write_bytes(page.encode("cp1251", errors="xmlcharrefreplace"))


def _soffice(outdir: str, target: str, src: Path) -> None:
    profile = Path(outdir) / "profile"
    env = dict(os.environ, TMPDIR=outdir)  # LibreOffice's own lu*.tmp files go with the temporary folder
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", target,
                    "--outdir", outdir, str(src)], check=True, capture_output=True, timeout=180, env=env)


def convert(src: Path, target: str, out: Path) -> None:
    filters = {"doc": "doc:MS Word 97", "rtf": "rtf:Rich Text Format", "odt": "odt:writer8",
               "xls": "xls:MS Excel 97"}
    with tempfile.TemporaryDirectory() as tmp:
        _soffice(tmp, filters[target], src)
        out.write_bytes((Path(tmp) / f"{src.stem}.{target}").read_bytes())


def main() -> None:
    for stem, formats in PLAN.items():
        docx = SAMPLES / f"{stem}.docx"
        for fmt in formats:
            out = SAMPLES / f"{stem}.{fmt}"
            if fmt == "xlsx":
                make_xlsx(docx, out)
            elif fmt == "html":
                make_html(docx, out)
            elif fmt == "xls":
                convert(SAMPLES / f"{stem}.xlsx", "xls", out)
            else:
                convert(docx, fmt, out)
            print(f"{out.relative_to(ROOT)}: {out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
