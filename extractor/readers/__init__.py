"""Readers turn file bytes into a format-neutral Document.

``read(path)`` is the one entry point: it checks the file, sniffs its real
type, dispatches to the DOCX, PDF or TXT reader, and maps third-party
exceptions into the project's own errors at one place.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..document import Document
from ..errors import (
    CorruptFile,
    ExtractorError,
    FileAccessError,
    FileTooLarge,
    UnsupportedFormat,
)
from ..limits import DEFAULT_LIMITS, Limits
from .sniff import DOCX, PDF, TXT, sniff


@dataclass
class Input:
    """The bytes of one input file and what is known of it before parsing."""

    path: Path
    data: bytes
    sha256: str
    format: str


def load(path: str | os.PathLike, limits: Limits = DEFAULT_LIMITS) -> Input:
    """Read a file's bytes and sniff its type; raise a named error if it is unusable."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise FileAccessError(p, "no such file") from None
    except OSError as e:
        raise FileAccessError(p, f"cannot access file ({e.strerror or e})") from None
    if p.is_dir():
        raise FileAccessError(p, "is a directory, not a file")
    if st.st_size > limits.max_file_bytes:
        raise FileTooLarge(
            p, f"file is {st.st_size / 1048576:.1f} MB, over the {limits.max_file_bytes / 1048576:.0f} MB limit"
        )
    try:
        data = p.read_bytes()
    except PermissionError:
        raise FileAccessError(p, "permission denied") from None
    except OSError as e:
        raise FileAccessError(p, f"cannot read file ({e.strerror or e})") from None
    if not data:
        raise UnsupportedFormat(p, "file is empty")
    fmt = sniff(data)
    if fmt is None:
        raise UnsupportedFormat(p, "not a DOCX, PDF or text file")
    return Input(path=p, data=data, sha256=hashlib.sha256(data).hexdigest(), format=fmt)


def read_input(inp: Input, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Run the reader for the sniffed format, mapping foreign errors to ours."""
    path = str(inp.path)
    try:
        if inp.format == DOCX:
            from .docx import read_docx

            return read_docx(inp.data, path=path, limits=limits)
        if inp.format == PDF:
            from .pdf import read_pdf

            return read_pdf(inp.data, path=path, limits=limits)
        if inp.format == TXT:
            from .txt import read_txt

            return read_txt(inp.data, path=path, limits=limits)
    except ExtractorError:
        raise
    except zipfile.BadZipFile as e:
        raise CorruptFile(path, f"broken DOCX (zip): {e}") from None
    except MemoryError:
        raise CorruptFile(path, "ran out of memory while reading the file") from None
    except RecursionError:
        raise CorruptFile(path, "file structure is nested too deeply") from None
    except Exception as e:  # pdfminer, lxml and friends: map at one place
        raise CorruptFile(path, f"cannot read {inp.format.upper()}: {type(e).__name__}: {e}") from None
    raise UnsupportedFormat(path, f"format {inp.format!r} is not supported")


def read(path: str | os.PathLike, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read any supported file into a Document."""
    return read_input(load(path, limits), limits)
