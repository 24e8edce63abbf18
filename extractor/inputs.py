"""Which files ``batch`` and ``check`` work on, and the stable key of each.

An argument is a file (taken whatever its name), a folder (every regular
file under it, recursively), a glob pattern (``reports/**/*.pdf``) or ``-``
(more arguments, one per line, from standard input). A folder walk leaves
out hidden files and folders (``.name``), Office lock files (``~$name``),
and folders holding the outputs of an extractor batch (a ``manifest.csv``
of extractor's, the batch's own output folder included): their JSON and CSV
files are outputs, not reports. Every other file found gets a status
(``.json`` files, for instance, are ``skipped``).

**Keys.** Each input has a key, its name in the ``report`` column of the
tables and of its ``reports/<key>.json``. The key depends only on the file
and the argument that found it, never on how that argument was typed:

- a file under a folder or glob argument: its path relative to that folder
  (the glob's part before its first wildcard), ``/``-separated
  (``2021/zvit.docx``);
- a file named directly (or on standard input): its file name.

When two inputs would get the same key (compared case-insensitively, since
outputs may land on a case-insensitive filesystem), each found under a root
folder of a name of its own is prefixed with that name (``a/zvit.docx``,
``b/zvit.docx``); the others that still clash get the first 8 hex digits of
the file's SHA-256 before their extension (``zvit.1a2b3c4d.docx``), their
content hash, since no root tells them apart. So ``batch reports`` and
``batch /home/me/reports`` give the same keys, file names and tables.
"""

from __future__ import annotations

import glob
import hashlib
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import problems
from .errors import ExtractorError
from .i18n import _

#: name prefixes of files and folders a walk leaves out (hidden files, Office lock files)
SKIPPED_PREFIXES = (".", "~$")
#: the file that marks a folder as holding a batch's outputs, and the start of its header line
OUTPUT_MARKER = "manifest.csv"
OUTPUT_MARKER_HEADER = b"path,report,sha256,"
#: hex digits of the content hash that tells apart inputs with the same key
KEY_HASH_DIGITS = 8


class UsageError(ExtractorError):
    """The command line names no usable input or output."""

    code = problems.USAGE.code


@dataclass(frozen=True)
class InputFile:
    """One input: where it is, its candidate key and the root it was found under."""

    path: Path  # as given or found: messages and the manifest name it so
    key: str  # path relative to its root, '/'-separated (the file name for a file named directly)
    root: str | None = None  # the name of the root folder (resolved); None for a file named directly

    @classmethod
    def named(cls, path: str | os.PathLike) -> InputFile:
        """A file named directly: its key is its file name."""
        p = Path(path)
        return cls(path=p, key=p.name or str(p))


def as_input(item: InputFile | str | os.PathLike) -> InputFile:
    return item if isinstance(item, InputFile) else InputFile.named(item)


def _left_out(name: str) -> bool:
    return name.startswith(SKIPPED_PREFIXES)


def is_output_folder(folder: Path) -> bool:
    """Whether the folder holds the outputs of an extractor batch (its manifest)."""
    try:
        with open(Path(folder) / OUTPUT_MARKER, "rb") as fh:
            return fh.read(len(OUTPUT_MARKER_HEADER) + 3).lstrip(b"\xef\xbb\xbf").startswith(OUTPUT_MARKER_HEADER)
    except OSError:
        return False


def _root_name(folder: Path) -> str:
    return Path(os.path.realpath(folder)).name or "root"


def walk(folder: Path, root: Path | None = None, exclude: frozenset[str] = frozenset(),
         notes: list[str] | None = None) -> list[InputFile]:
    """Every regular file under ``folder`` but hidden files, lock files and output folders; keys relative to ``root``."""
    root = folder if root is None else root
    root_name = _root_name(root)
    found: list[InputFile] = []
    for current, dirs, files in os.walk(folder):
        here = Path(current)
        if os.path.realpath(here) in exclude or is_output_folder(here):
            if notes is not None:
                notes.append(f"{here}: left out, it holds the outputs of an extractor batch")
            dirs[:] = []
            continue
        dirs[:] = sorted(d for d in dirs if not _left_out(d))
        for name in sorted(files):
            p = here / name
            if _left_out(name) or not _regular(p):
                continue
            found.append(InputFile(path=p, key=p.relative_to(root).as_posix(), root=root_name))
    return found


def _regular(p: Path) -> bool:
    try:
        return stat.S_ISREG(p.stat().st_mode)
    except OSError:
        return False


def _glob_root(pattern: str) -> Path:
    """The folder part of a pattern before its first wildcard (``.`` for ``*.pdf``)."""
    parts = Path(pattern).parts
    fixed = []
    for part in parts[:-1]:
        if glob.has_magic(part):
            break
        fixed.append(part)
    return Path(*fixed) if fixed else Path(".")


def expand_inputs(
    args: Sequence[str | os.PathLike],
    stdin: Iterable[str] | None = None,
    exclude: Iterable[str | os.PathLike] = (),
    notes: list[str] | None = None,
) -> list[InputFile]:
    """The input files named by the arguments, each once, sorted by key then path.

    ``exclude`` names folders never walked into (the batch's output folder);
    ``notes`` collects a line for each folder left out. Raises UsageError for
    an argument that names nothing.
    """
    excluded = frozenset(os.path.realpath(e) for e in exclude)
    found: list[InputFile] = []
    queue = [str(a) for a in args]
    while queue:
        arg = queue.pop(0)
        if arg == "-":
            if stdin is None:
                raise UsageError(None, "'-' given but no standard input to read paths from")
            queue[:0] = [line.strip() for line in stdin if line.strip() and line.strip() != "-"]
            stdin = None
            continue
        p = Path(arg)
        if p.is_dir():
            found.extend(walk(p, exclude=excluded, notes=notes))
        elif p.exists() or p.is_symlink():
            found.append(InputFile.named(p))
        elif glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                raise UsageError(arg, _("no file matches this pattern"))
            root = _glob_root(arg)
            root_name = _root_name(root)
            for m in map(Path, matches):
                if m.is_dir():
                    found.extend(walk(m, root=root, exclude=excluded, notes=notes))
                elif not _left_out(m.name) and _regular(m):
                    key = Path(os.path.relpath(m, root)).as_posix()
                    found.append(InputFile(path=m, key=m.name if ".." in key.split("/") else key, root=root_name))
        else:
            raise UsageError(arg, _("no such file or folder"))
    unique: dict[str, InputFile] = {}
    for f in found:
        unique.setdefault(os.path.realpath(f.path), f)
    return sorted(unique.values(), key=lambda f: (f.key, f.path.as_posix()))


def file_sha256(path: str | os.PathLike) -> str | None:
    """Hex SHA-256 of a file's bytes, read in chunks; None when it cannot be read or is not a regular file.

    A named pipe would block the batch on open, a device like /dev/zero never ends.
    """
    h = hashlib.sha256()
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


def _clashes(keys: Sequence[str]) -> list[list[int]]:
    groups: dict[str, list[int]] = {}
    for i, k in enumerate(keys):
        groups.setdefault(k.casefold(), []).append(i)
    return [g for g in groups.values() if len(g) > 1]


def _with_hash(key: str, digest: str) -> str:
    folder, _sep, name = key.rpartition("/")
    stem, dot, suffix = name.rpartition(".")
    hashed = f"{stem}.{digest[:KEY_HASH_DIGITS]}.{suffix}" if dot and stem else f"{name}.{digest[:KEY_HASH_DIGITS]}"
    return f"{folder}/{hashed}" if folder else hashed


def assign_keys(files: Sequence[InputFile], sha256s: Sequence[str | None]) -> list[str]:
    """A unique key per input (see the module docstring); deterministic, independent of how paths were typed."""
    keys = [f.key for f in files]
    for group in _clashes(keys):
        roots = [files[i].root.casefold() for i in group if files[i].root is not None]
        for i in group:
            root = files[i].root
            if root is not None and roots.count(root.casefold()) == 1:
                keys[i] = f"{root}/{keys[i]}"
    for group in _clashes(keys):
        for i in group:
            digest = sha256s[i] or hashlib.sha256(os.path.realpath(files[i].path).encode("utf-8", "surrogateescape")).hexdigest()
            keys[i] = _with_hash(keys[i], digest)
    return keys
