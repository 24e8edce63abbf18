"""extractor: Ukrainian municipal program reports (DOCX, PDF, TXT) into validated open data.

Public API::

    from extractor import parse
    report = parse("zvit.docx")        # -> extractor.models.Report
    print(report.to_json())
"""

from __future__ import annotations

import os

from .limits import DEFAULT_LIMITS, Limits
from .models import Report

__version__ = "0.1.0"
__all__ = ["parse", "Report", "Limits", "__version__"]


def parse(path: str | os.PathLike, limits: Limits = DEFAULT_LIMITS) -> Report:
    """Parse one report file into the contract model.

    Raises an ``extractor.errors.ExtractorError`` subclass naming the file
    when the file cannot be read.
    """
    from .pipeline import parse_file

    return parse_file(path, limits)
