"""Resource limits applied to every input, with named defaults.

Each limit, when hit, raises a named ``LimitExceeded`` error. The command
line exposes them as flags (``--max-file-mb`` ...).
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MAX_FILE_BYTES = 100 * 1024 * 1024  # 100 MiB on disk
DEFAULT_MAX_PAGES = 2000  # PDF pages
DEFAULT_MAX_INFLATED_BYTES = 256 * 1024 * 1024  # one DOCX part, uncompressed
DEFAULT_MAX_COMPRESSION_RATIO = 200  # declared size / compressed size of a zip member
DEFAULT_TIMEOUT_SECONDS = 120.0  # per file, in batch and check (their --timeout)


@dataclass(frozen=True)
class Limits:
    """Resource limits for reading one file; validated on creation.

    ``timeout_seconds`` is no limit by default: ``parse()`` then reads in
    the calling process. When set, ``parse()`` reads in a child process that
    is killed at the limit (raising ``Timeout``); ``batch`` and ``check``
    always kill a worker past their ``--timeout`` (120 s by default).
    """

    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    max_pages: int = DEFAULT_MAX_PAGES
    max_inflated_bytes: int = DEFAULT_MAX_INFLATED_BYTES
    max_compression_ratio: int = DEFAULT_MAX_COMPRESSION_RATIO
    timeout_seconds: float | None = None

    def __post_init__(self) -> None:
        for name in ("max_file_bytes", "max_pages", "max_inflated_bytes", "max_compression_ratio"):
            value = getattr(self, name)
            if not isinstance(value, int) or value <= 0:
                raise ValueError(f"{name} must be a positive integer, got {value!r}")
        if self.timeout_seconds is not None and self.timeout_seconds <= 0:
            raise ValueError(f"timeout_seconds must be positive or None, got {self.timeout_seconds!r}")


DEFAULT_LIMITS = Limits()

#: longest paragraph or cell text passed on to extraction (characters); longer
#: ones are cut with a note. No report paragraph comes near it; a hostile
#: 50 MB line would otherwise make extraction run for minutes.
MAX_BLOCK_CHARS = 100_000
