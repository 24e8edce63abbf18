"""Resource limits applied to every input, with named defaults.

Each limit, when hit, raises a named ``LimitExceeded`` error (or cuts a text
with a note, for ``max_block_chars``). The command line exposes them as flags
(``--max-file-mb`` ...). ``Limits`` is one part of the root settings
(``extractor.settings.Settings``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Resource limits for reading one file; validated on creation.

    ``timeout_seconds`` is no limit by default: ``parse()`` then reads in
    the calling process. When set, ``parse()`` reads in a child process that
    is killed at the limit (raising ``Timeout``); ``batch`` and ``check``
    always kill a worker past their ``--timeout`` (``BATCH_TIMEOUT_SECONDS``
    by default).
    """

    #: largest input file, on disk (100 MiB)
    max_file_bytes: int = 100 * 1024 * 1024
    #: most PDF pages read
    max_pages: int = 2000
    #: largest part of a zip package (one DOCX or XLSX part), uncompressed (256 MiB)
    max_inflated_bytes: int = 256 * 1024 * 1024
    #: largest declared size / compressed size of a zip member (a zip bomb beyond it) ...
    max_compression_ratio: int = 200
    #: ... checked for members that inflate to at least this many bytes (small parts compress well)
    ratio_check_min_bytes: int = 64 * 1024
    timeout_seconds: float | None = None
    #: widest table a document's markup may declare (DOCX grid, HTML, XLSX); no report comes near it,
    #: a hostile file would otherwise make every row that wide
    max_table_columns: int = 1000
    #: longest paragraph or cell text passed on to extraction (characters); longer ones are cut with a
    #: note. No report paragraph comes near it; a hostile 50 MB line would make extraction run for minutes.
    max_block_chars: int = 100_000
    #: most filled cells read from one spreadsheet sheet
    max_sheet_cells: int = 2_000_000
    #: most grid positions all merged ranges of a sheet may cover; merges past it are read as separate cells
    max_merged_positions: int = 1_000_000

    def __post_init__(self) -> None:
        for name in ("max_file_bytes", "max_pages", "max_inflated_bytes", "max_compression_ratio",
                     "ratio_check_min_bytes", "max_table_columns", "max_block_chars", "max_sheet_cells",
                     "max_merged_positions"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ValueError(f"{name} must be a positive integer, got {value!r}")
        if self.timeout_seconds is not None and self.timeout_seconds <= 0:
            raise ValueError(f"timeout_seconds must be positive or None, got {self.timeout_seconds!r}")


DEFAULT_LIMITS = Limits()

#: seconds one file may take in ``batch``, ``check`` and ``serve`` before its worker is killed (their --timeout)
BATCH_TIMEOUT_SECONDS = 120.0
DEFAULT_TIMEOUT_SECONDS = BATCH_TIMEOUT_SECONDS  # the name callers knew
#: the longest text block, as the readers knew it
MAX_BLOCK_CHARS = DEFAULT_LIMITS.max_block_chars
