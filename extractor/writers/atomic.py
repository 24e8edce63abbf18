"""Atomic file writes: a temp file in the target folder, then a rename.

An interrupted run never leaves a half-written output behind. A target that
exists and is not a regular file (``/dev/null``, a named pipe, ``/dev/stdout``)
is written into directly: renaming over it would replace the device or pipe
with a file. Any failure is an ``OutputError`` naming the output path and
the reason ("Permission denied", "No space left on device"), never an
error about the input.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from ..errors import OutputError
from ..i18n import _

#: permissions of a written file: read/write as a plain open() would give under the umask
_UMASK = os.umask(0)
os.umask(_UMASK)
FILE_MODE = 0o666 & ~_UMASK


def _reason(error: OSError) -> str:
    return f"cannot write the output ({error.strerror or error})"


def _special_target(path: Path) -> bool:
    """True when ``path`` exists and is neither a regular file nor a folder (a device, a pipe)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _make_folder(path: Path) -> None:
    """Create the folder a file goes into, naming a file that stands in its way."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        for ancestor in (folder, *folder.parents):
            if ancestor.exists() and not ancestor.is_dir():
                raise OutputError(path, _("cannot write the output: {ancestor} is a file, not a folder").format(
                    ancestor=ancestor)) from e
        raise OutputError(path, _("cannot create the folder {folder} ({reason})").format(
            folder=folder, reason=e.strerror or e)) from e


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path = Path(path)
    if path.is_dir():
        raise OutputError(path, _("cannot write the output: this is a folder"))
    _make_folder(path)
    try:
        if _special_target(path):
            with open(path, "wb") as fh:
                fh.write(data)
            return
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as e:
        raise OutputError(path, _reason(e)) from e
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, FILE_MODE)  # mkstemp makes 0600; outputs are meant to be shared
        os.replace(tmp, path)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(e, OSError):
            raise OutputError(path, _reason(e)) from e
        raise


def atomic_write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    atomic_write_bytes(path, text.encode(encoding))
