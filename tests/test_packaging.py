"""What a clean ``pip install`` gets: the distribution's name, the command, the catalogue, the templates.

One wheel is built from the checkout (as pip would for an install) and read.
"""

from __future__ import annotations

import gettext
import io
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    (path,) = out.glob("*.whl")
    return zipfile.ZipFile(path)


def _member(wheel: zipfile.ZipFile, suffix: str) -> str:
    return wheel.read(next(n for n in wheel.namelist() if n.endswith(suffix))).decode("utf-8")


def test_distribution_is_not_the_unrelated_extractor_on_the_package_index(wheel):
    """'extractor' on the index is GNU libextractor's bindings: ours is extractor-zvit, import and command unchanged."""
    metadata = _member(wheel, ".dist-info/METADATA")
    assert "\nName: extractor-zvit\n" in metadata
    assert "extractor = extractor.cli:main" in _member(wheel, ".dist-info/entry_points.txt")
    assert "extractor/__init__.py" in wheel.namelist()
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "pip install 'extractor-zvit" in readme and "`extractor-zvit`" in readme


def test_clean_install_has_the_translations_and_the_templates(wheel):
    names = set(wheel.namelist())
    assert "extractor/locale/uk/LC_MESSAGES/extractor.mo" in names
    assert {"extractor/templates/base.html", "extractor/templates/report.html", "extractor/templates/report_body.html",
            "extractor/templates/style.css", "extractor/templates/serve_index.html",
            "extractor/templates/batch_index.html"} <= names
    mo = wheel.read("extractor/locale/uk/LC_MESSAGES/extractor.mo")
    assert gettext.GNUTranslations(io.BytesIO(mo)).gettext("Funding") == "Фінансування"
