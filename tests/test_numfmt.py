"""Number formats render as a Ukrainian spreadsheet shows them.

Every expected text below is what LibreOffice 7.4 showed for the value under
the format in a uk-UA locale (``soffice --convert-to csv`` with "save cell
contents as shown"): the renderer is held to a real spreadsheet, not to
itself. ``test_matches_libreoffice_live`` repeats the comparison against the
installed LibreOffice where there is one.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest

from extractor.readers.numfmt import exact, general, is_date_code, render, serial_to_datetime, split_sections

NBSP = "\u00a0"

#: (stored value, format code, what LibreOffice showed in uk-UA)
SHOWN = [
    ("1445.04", "#,##0.0", f"1{NBSP}445,0"),
    ("1445", "0.0", "1445,0"),
    ("1445", "General", "1445"),
    ("0.959", "0.0%", "95,9%"),
    ("0.95899999999999996", "General", "0,959"),
    ("-1234.5", "#,##0.00", f"-1{NBSP}234,50"),
    ("-1234.5", "#,##0.00;(#,##0.00)", f"(1{NBSP}234,50)"),
    ("0", '#,##0.0;-#,##0.0;"–"', "–"),
    ("1234567.891", "#,##0.00\\ [$грн.-422]", f"1{NBSP}234{NBSP}567,89 грн."),
    ("42733", "dd.mm.yyyy", "29.12.2016"),
    ("42733", "d mmmm yyyy", "29 грудня 2016"),
    ("12.5", "0.00E+00", "1,25E+01"),
    ("1500000", "#,##0.0,", f"1{NBSP}500,0"),
    ("0.5", "#", "1"),
    ("2.675", "0.00", "2,68"),
    ("1445", "#,##0.0_ ;-#,##0.0\\ ", f"1{NBSP}445,0 "),
    ("100", '0" %"', "100 %"),
    ("2017", "0", "2017"),
    ("1445.5", "# ##0.0", "1 445,5"),
    ("23.065", "General", "23,065"),
    ("0.333333333333333", "General", "0,333333333333333"),
    ("12345678.9", "General", "12345678,9"),
    ("42733", "mmm yy", "гру 16"),
    ("0.25", "h:mm", "6:00"),
    ("42733.5", "dd.mm.yyyy hh:mm:ss", "29.12.2016 12:00:00"),
    ("1445.04", '#,##0.00 "грн"', f"1{NBSP}445,04 грн"),
    ("-5", '0;-0;"–"', "-5"),
    ("0", '0;-0;"–"', "–"),
    ("0.123", "0.0%;-0.0%", "12,3%"),
    ("1445", "[$-422]#,##0.0", f"1{NBSP}445,0"),
    ("1445.25", "#,##0.0#", f"1{NBSP}445,25"),
]


@pytest.mark.parametrize("value,code,shown", SHOWN, ids=[f"{c}:{v}" for v, c, _ in SHOWN])
def test_renders_as_a_ukrainian_spreadsheet_shows_it(value, code, shown):
    assert render(exact(value), code) == shown


def test_exact_value_keeps_fifteen_significant_digits():
    assert exact("0.95899999999999996") == Decimal("0.959")
    assert exact("1445.04") == Decimal("1445.04")
    assert exact("not a number") is None and exact("inf") is None


def test_sections_split_outside_quotes_and_escapes():
    assert split_sections('0;"a;b";\\;x') == ["0", '"a;b"', "\\;x"]


def test_date_codes_are_told_from_number_codes():
    assert is_date_code("dd.mm.yyyy") and is_date_code("h:mm") and is_date_code('d "грудня" yyyy')
    assert not is_date_code("#,##0.0") and not is_date_code('0.0" днів"') and not is_date_code("General")


def test_1900_date_system_counts_the_phantom_leap_day():
    assert serial_to_datetime(Decimal(1)).date().isoformat() == "1900-01-01"
    assert serial_to_datetime(Decimal(61)).date().isoformat() == "1900-03-01"
    assert serial_to_datetime(Decimal(0), date1904=True).date().isoformat() == "1904-01-01"


def test_general_switches_to_exponent_for_huge_and_tiny_numbers():
    assert general(Decimal("1e20")) == "1E+20"
    assert general(Decimal("1.5e-12")) == "1,5E-12"


def test_strange_codes_never_raise():
    for code in ("[", '"', "0.0.0", "[h]:mm:ss", "[>100]0;[<=100]0.0", "# ?/?", "\\", "*", "_", "0E+"):
        assert isinstance(render(Decimal("1234.5"), code), str)


def _libreoffice_shows(values_and_codes):
    """What the installed LibreOffice shows for each (value, code), in a uk-UA locale."""
    openpyxl = pytest.importorskip("openpyxl")
    from extractor.readers.libreoffice import installation

    lo = installation()
    if not lo.available:
        pytest.skip("LibreOffice is not installed")
    wb = openpyxl.Workbook()
    for i, (value, code) in enumerate(values_and_codes, start=1):
        wb.active.cell(row=i, column=1, value=float(value)).number_format = code
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "formats.xlsx"
        wb.save(src)
        env = dict(os.environ, LC_ALL="uk_UA.UTF-8", LANG="uk_UA.UTF-8")
        out = Path(tmp) / "formats.csv"
        for _ in range(2):  # a fresh profile makes the first run exit asking to be started again
            subprocess.run([lo.soffice, f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}", "--headless",
                            "--convert-to", "csv:Text - txt - csv (StarCalc):9,34,76,1,,1058,false,true,true,true",
                            "--outdir", tmp, str(src)], env=env, capture_output=True, timeout=300)
            if out.exists():
                break
        return [row[0] for row in csv.reader(io.StringIO(out.read_text(encoding="utf-8")), delimiter="\t")]


def test_matches_libreoffice_live():
    cases = [(v, c) for v, c, _ in SHOWN]
    shown = _libreoffice_shows(cases)
    ours = [render(exact(v), c) for v, c in cases]
    assert ours == shown
