"""Build OLE2 compound files (the container of .doc and .xls) byte by byte, for the sniffing tests.

``compound({"WordDocument": fib})`` writes a version-3 compound file with
512-byte sectors: the header, one FAT sector, one directory sector (up to
three streams) and each stream in its own chain of regular sectors (streams
are padded to the 4096-byte mini-stream cutoff, as Word's and Excel's main
streams always are). Enough for the sniffer, written plainly so a test can
break any part of it.
"""

from __future__ import annotations

import struct

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SECTOR = 512
FREE, END, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF
MINI_CUTOFF = 4096


def _entry(name: str, kind: int, start: int, size: int, child: int = NOSTREAM, right: int = NOSTREAM) -> bytes:
    raw = (name.encode("utf-16-le") + b"\x00\x00")[:64]
    return (
        raw.ljust(64, b"\x00")
        + struct.pack("<HBB", len(raw), kind, 1)
        + struct.pack("<III", NOSTREAM, right, child)
        + bytes(16 + 4 + 16)
        + struct.pack("<IIi", start, size, 0)
    )


def compound(streams: dict[str, bytes]) -> bytes:
    """A compound file holding ``streams`` (at most three) in its root storage."""
    assert len(streams) <= 3
    fat = [FATSECT, END]  # sector 0: the FAT; sector 1: the directory
    data_sectors: list[bytes] = []
    entries = []
    names = list(streams)
    for i, name in enumerate(names):
        body = streams[name].ljust(MINI_CUTOFF, b"\x00")
        n = -(-len(body) // SECTOR)
        start = len(fat)
        for k in range(n):
            fat.append(start + k + 1 if k < n - 1 else END)
        data_sectors.append(body.ljust(n * SECTOR, b"\x00"))
        right = i + 2 if i + 1 < len(names) else NOSTREAM
        entries.append(_entry(name, 2, start, len(streams[name]) if len(streams[name]) >= MINI_CUTOFF else len(body),
                              right=right))
    root = _entry("Root Entry", 5, END, 0, child=1 if names else NOSTREAM)
    directory = (root + b"".join(entries)).ljust(SECTOR, b"\x00")
    fat_sector = struct.pack(f"<{len(fat)}I", *fat).ljust(SECTOR, b"\xff")
    header = bytearray(SECTOR)
    header[0:8] = MAGIC
    struct.pack_into("<HHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9)
    struct.pack_into("<H", header, 0x20, 6)
    struct.pack_into("<I", header, 0x2C, 1)  # FAT sectors
    struct.pack_into("<I", header, 0x30, 1)  # first directory sector
    struct.pack_into("<I", header, 0x38, MINI_CUTOFF)
    struct.pack_into("<IIII", header, 0x3C, END, 0, END, 0)  # no mini FAT, no DIFAT sectors
    struct.pack_into("<I", header, 0x4C, 0)  # the FAT is sector 0
    for i in range(1, 109):
        struct.pack_into("<I", header, 0x4C + 4 * i, FREE)
    return bytes(header) + fat_sector + directory + b"".join(data_sectors)


def word_fib(encrypted: bool = False) -> bytes:
    """The start of a WordDocument stream: the FibBase's wIdent, nFib, lid, pnNext and flags (fEncrypted when asked)."""
    flags = 0x0100 if encrypted else 0
    return struct.pack("<HHHHHH", 0xA5EC, 0x00C1, 0, 0x0422, 0, flags) + bytes(52)


def biff_records(*records: tuple[int, bytes]) -> bytes:
    return b"".join(struct.pack("<HH", rtype, len(body)) + body for rtype, body in records)


BOF = (0x0809, struct.pack("<HHHH", 0x0600, 0x0005, 0, 0) + bytes(8))
FILEPASS = (0x002F, struct.pack("<H", 1) + bytes(52))
BOUNDSHEET = (0x0085, bytes(8))
EOF = (0x000A, b"")
