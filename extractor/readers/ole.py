"""Just enough of the OLE2 compound file format (CFB) to tell what a legacy Office file is.

Word 97–2003 (.doc), Excel 97–2003 (.xls), PowerPoint, Outlook messages and
password-protected OOXML files all share the compound-file container: a FAT
file system inside one file. This module lists the streams of its root
storage and reads the first bytes of a stream, which is all the sniffer
needs (``WordDocument`` is Word, ``Workbook``/``Book`` is Excel,
``EncryptedPackage`` is an encrypted DOCX/XLSX) and tells whether a DOC or
XLS is password-protected (the FIB's ``fEncrypted`` flag, an Excel
``FILEPASS`` record).

Every read is bounds-checked and every sector chain is followed at most as
many steps as the file has sectors, so a damaged or hostile file gives
``None`` (not a compound file we understand), never an exception or a loop.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HEADER_BYTES = 512
#: sector numbers at or above this mark the end of a chain or a free sector
_MAX_REGULAR_SECTOR = 0xFFFFFFFA
_DIR_ENTRY_BYTES = 128
_HEADER_DIFAT_ENTRIES = 109
_TYPE_STORAGE, _TYPE_STREAM, _TYPE_ROOT = 1, 2, 5
#: how much of a stream the sniffer ever needs
PEEK_BYTES = 65536


@dataclass(frozen=True)
class Entry:
    """One directory entry: a stream or storage of the compound file."""

    name: str
    type: int
    start: int
    size: int


class CompoundFile:
    """A parsed compound file: its FAT, mini FAT and directory (read-only, in memory)."""

    def __init__(self, data: bytes):
        if not data.startswith(MAGIC) or len(data) < HEADER_BYTES:
            raise ValueError("not a compound file")
        self.data = data
        shift = _u16(data, 0x1E)
        mini_shift = _u16(data, 0x20)
        if shift not in (9, 12) or mini_shift != 6:
            raise ValueError("bad sector size")
        self.sector_size = 1 << shift
        self.mini_size = 1 << mini_shift
        self.mini_cutoff = _u32(data, 0x38)
        self.n_sectors = max(0, (len(data) - self.sector_size) // self.sector_size + 1)
        self.fat = self._read_fat()
        self.entries = self._read_directory(_u32(data, 0x30))
        root = self.entries[0] if self.entries else None
        if root is None or root.type != _TYPE_ROOT:
            raise ValueError("no root entry")
        self.mini_stream = self._chain_bytes(root.start, root.size)
        self.mini_fat = _u32_list(self._chain_bytes(_u32(data, 0x3C), _u32(data, 0x40) * self.sector_size))

    # -- sectors ---------------------------------------------------------------------

    def _sector(self, n: int) -> bytes:
        off = (n + 1) * self.sector_size
        if off >= len(self.data):
            raise ValueError("sector past the end")
        return self.data[off:off + self.sector_size]

    def _read_fat(self) -> list[int]:
        difat = [_u32(self.data, 0x4C + 4 * i) for i in range(_HEADER_DIFAT_ENTRIES)]
        n_fat = _u32(self.data, 0x2C)
        nxt, n_difat = _u32(self.data, 0x44), _u32(self.data, 0x48)
        per = self.sector_size // 4 - 1
        for _ in range(min(n_difat, self.n_sectors)):
            if nxt >= _MAX_REGULAR_SECTOR:
                break
            words = _u32_list(self._sector(nxt))
            difat.extend(words[:per])
            nxt = words[per]
        fat_sectors = [s for s in difat[:n_fat] if s < _MAX_REGULAR_SECTOR]
        return _u32_list(b"".join(self._sector(s) for s in fat_sectors[: self.n_sectors]))

    def _chain(self, start: int, table: list[int], limit: int) -> list[int]:
        out: list[int] = []
        seen: set[int] = set()
        n = start
        while n < _MAX_REGULAR_SECTOR and n < len(table) and n not in seen and len(out) < limit:
            seen.add(n)
            out.append(n)
            n = table[n]
        if n < _MAX_REGULAR_SECTOR and len(out) < limit and n not in seen:
            out.append(n)  # the last sector of a chain whose FAT entry lies past the table
        return out

    def _chain_bytes(self, start: int, size: int) -> bytes:
        if start >= _MAX_REGULAR_SECTOR or size <= 0:
            return b""
        want = -(-size // self.sector_size)
        sectors = self._chain(start, self.fat, min(want, self.n_sectors))
        return b"".join(self._sector(s) for s in sectors)[:size]

    def _read_directory(self, start: int) -> list[Entry]:
        raw = self._chain_bytes(start, self.n_sectors * self.sector_size)
        entries = []
        for off in range(0, len(raw) - _DIR_ENTRY_BYTES + 1, _DIR_ENTRY_BYTES):
            e = raw[off:off + _DIR_ENTRY_BYTES]
            name_len = min(_u16(e, 64), 64)
            name = e[: max(name_len - 2, 0)].decode("utf-16-le", errors="replace")
            size = struct.unpack_from("<Q", e, 120)[0] if self.sector_size == 4096 else _u32(e, 120)
            entries.append(Entry(name=name, type=e[66], start=_u32(e, 116), size=size))
        return entries

    # -- public ------------------------------------------------------------------------

    def stream_names(self) -> set[str]:
        """Names of every stream and storage (the sniffer does not need the tree)."""
        return {e.name for e in self.entries[1:] if e.type in (_TYPE_STORAGE, _TYPE_STREAM)}

    def peek(self, name: str, size: int = PEEK_BYTES) -> bytes:
        """The first ``size`` bytes of the first stream called ``name`` (b"" when absent)."""
        for e in self.entries:
            if e.type == _TYPE_STREAM and e.name == name:
                want = min(e.size, size)
                if e.size < self.mini_cutoff:
                    return self._mini_bytes(e.start, want)
                return self._chain_bytes(e.start, want)
        return b""

    def _mini_bytes(self, start: int, size: int) -> bytes:
        want = -(-size // self.mini_size)
        sectors = self._chain(start, self.mini_fat, want)
        return b"".join(self.mini_stream[s * self.mini_size:(s + 1) * self.mini_size] for s in sectors)[:size]


def open_compound(data: bytes) -> CompoundFile | None:
    """The parsed compound file, or None when the bytes are not one (or too damaged to read)."""
    try:
        return CompoundFile(data)
    except (ValueError, struct.error, IndexError, MemoryError):
        return None


#: the FIB flag word of a Word binary file and its fEncrypted bit
_FIB_IDENT = 0xA5EC
_FIB_ENCRYPTED = 0x0100
#: Excel BIFF record types
_BIFF_FILEPASS = 0x002F
_BIFF_BOUNDSHEET = 0x0085
_BIFF_EOF = 0x000A
_BIFF_MAX_RECORDS = 200


def word_encrypted(fib: bytes) -> bool:
    """Whether a WordDocument stream's FIB says the document is encrypted (or XOR-obfuscated)."""
    return len(fib) >= 12 and _u16(fib, 0) == _FIB_IDENT and bool(_u16(fib, 0x0A) & _FIB_ENCRYPTED)


def excel_encrypted(workbook: bytes) -> bool:
    """Whether an Excel workbook stream carries a FILEPASS record before its sheets (a password to open)."""
    off = 0
    for _ in range(_BIFF_MAX_RECORDS):
        if off + 4 > len(workbook):
            return False
        rtype, length = struct.unpack_from("<HH", workbook, off)
        if rtype == _BIFF_FILEPASS:
            return True
        if rtype in (_BIFF_BOUNDSHEET, _BIFF_EOF):
            return False
        off += 4 + length
    return False


def _u16(b: bytes, off: int) -> int:
    return struct.unpack_from("<H", b, off)[0]


def _u32(b: bytes, off: int) -> int:
    return struct.unpack_from("<I", b, off)[0]


def _u32_list(b: bytes) -> list[int]:
    n = len(b) // 4
    return list(struct.unpack_from(f"<{n}I", b, 0)) if n else []
