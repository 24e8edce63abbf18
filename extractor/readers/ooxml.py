"""Safe access to the parts of an Office Open XML package (the zip of a DOCX).

This module knows zips, relationships and XML parsing, nothing about Word
content. Every part is checked before it is inflated and parsed with a
hardened parser:

* a member whose declared uncompressed size is over
  ``Limits.max_inflated_bytes``, or whose size/compressed-size ratio is over
  ``Limits.max_compression_ratio``, raises ``InflatedTooLarge`` naming the
  file and the part; inflation is also capped while streaming, so a member
  that lies about its size cannot grow past the limit either;
* a part that carries a DOCTYPE is refused before it is parsed, with
  ``UnsafeContent`` (OOXML never has one; entity bombs and external
  entities need one); should a DOCTYPE slip past that byte check (an exotic
  encoding), lxml parses with entity resolution, network access, DTD loading
  and huge trees off and the DOCTYPE is refused after parsing, so entities
  are never expanded, and no file or URL is ever read;
* malformed XML raises ``CorruptFile`` naming the part.

Strict OOXML namespaces are renamed to their transitional equivalents before
parsing, so readers handle one vocabulary.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass

from lxml import etree

from ..errors import CorruptFile, InflatedTooLarge, UnsafeContent
from ..i18n import _
from ..limits import Limits

#: namespaces of WordprocessingML and the packaging conventions around it
NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
}

#: Strict OOXML namespaces and their transitional equivalents: a Strict file
#: is read by renaming its namespaces, so the reader knows one vocabulary
STRICT_NAMESPACES = {
    b"http://purl.oclc.org/ooxml/wordprocessingml/main": NS["w"].encode(),
    b"http://purl.oclc.org/ooxml/officeDocument/relationships": NS["r"].encode(),
    b"http://purl.oclc.org/ooxml/officeDocument/math": NS["m"].encode(),
}
_STRICT_MARK = b"http://purl.oclc.org/ooxml/"

#: relationship types (the last path segment is enough to tell them apart,
#: and it is shared by the transitional and strict flavours of OOXML)
REL_OFFICE_DOCUMENT = "officeDocument"
REL_HEADER = "header"
REL_FOOTER = "footer"

#: where the main document part lives in every Word file we have seen
DEFAULT_MAIN_PART = "word/document.xml"
PACKAGE_RELS = "_rels/.rels"

#: a DOCTYPE in the encodings an XML part may use (UTF-8 and its ASCII subsets, UTF-16)
_DOCTYPE_MARKS = tuple("<!DOCTYPE".encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be"))
#: chunk size used when streaming a member out of the zip
_READ_CHUNK = 1024 * 1024


#: the hardened XML settings, for the tree parser and the pruning iterparse alike:
#: no entities resolved, no DTD loaded, no network, no huge trees
_HARDENED = dict(
    resolve_entities=False,
    no_network=True,
    huge_tree=False,
    load_dtd=False,
    dtd_validation=False,
    remove_comments=True,
    remove_pis=True,
)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(**_HARDENED)


@dataclass(frozen=True)
class Pruning:
    """What to strip from a part while it is parsed.

    ``tags`` are removed (with their content) from inside every ``at``
    element as soon as that element has been read, and from inside every
    ``at_unless_in`` element that does not stand directly in an element of
    ``inside`` (which will be pruned with its container). Stripping happens
    in C (``etree.strip_elements``) once per such container, not once per
    removed element.
    """

    tags: frozenset[str]
    at: frozenset[str]
    at_unless_in: frozenset[str] = frozenset()
    inside: frozenset[str] = frozenset()


def _parse(data: bytes, prune: Pruning | None) -> etree._Element | None:
    """Parse XML bytes with the hardened settings, pruning as the parse goes."""
    if prune is None:
        return etree.fromstring(data, parser=_parser())
    events = etree.iterparse(
        io.BytesIO(data),
        events=("end",),
        tag=prune.at | prune.at_unless_in,
        **_HARDENED,
    )
    tags = tuple(prune.tags)
    for _, el in events:
        if el.tag in prune.at_unless_in:
            parent = el.getparent()
            if parent is not None and parent.tag in prune.inside:
                continue
        etree.strip_elements(el, *tags, with_tail=False)
    return events.root


def has_doctype(data: bytes) -> bool:
    """Whether XML bytes carry a DOCTYPE (in UTF-8 or UTF-16): no Office part needs one, attacks do."""
    return any(mark in data for mark in _DOCTYPE_MARKS)


def _mb(n: int) -> str:
    return _("{size} MB").format(size=f"{n / 1048576:.1f}")


def _doctype_refused(path: str, name: str) -> UnsafeContent:
    return UnsafeContent(
        path,
        _("part {name}: a DOCTYPE is not allowed in OOXML (XML entity declarations are how billion-laughs and "
          "external-entity attacks work); refused without expanding or fetching anything").format(name=name),
    )


@dataclass(frozen=True)
class Relationship:
    """One relationship of a part: its id, type (last segment) and resolved target part name."""

    rid: str
    type: str
    target: str
    external: bool


class Package:
    """An open OOXML zip; reads and parses its parts under the given limits."""

    def __init__(self, data: bytes, *, path: str, limits: Limits, kind: str = "DOCX"):
        self.path = path
        self.limits = limits
        #: what the package is, for messages ("broken XLSX (zip)")
        self.kind = kind
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile as e:
            raise CorruptFile(path, _("broken {kind} (zip): {error}").format(kind=kind, error=e)) from e
        self._infos = {info.filename: info for info in self._zip.infolist()}

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> "Package":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def has(self, name: str) -> bool:
        return name in self._infos

    def names(self) -> list[str]:
        return list(self._infos)

    def read_bytes(self, name: str) -> bytes:
        """Inflate one member after checking its declared size and ratio against the limits."""
        info = self._infos[name]
        limit = self.limits.max_inflated_bytes
        if info.file_size > limit:
            raise InflatedTooLarge(
                self.path,
                _("part {name} would inflate to {size}, over the {limit} limit (a zip bomb? see --max-inflated-mb)")
                .format(name=name, size=_mb(info.file_size), limit=_mb(limit)),
            )
        if info.file_size >= self.limits.ratio_check_min_bytes:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > self.limits.max_compression_ratio:
                raise InflatedTooLarge(
                    self.path,
                    _("part {name} has a compression ratio of {ratio}:1, over the {limit}:1 limit (a zip bomb?)")
                    .format(name=name, ratio=f"{ratio:.0f}", limit=self.limits.max_compression_ratio),
                )
        chunks: list[bytes] = []
        total = 0
        try:
            with self._zip.open(info) as fh:
                while True:
                    chunk = fh.read(_READ_CHUNK)
                    if not chunk:
                        break
                    total += len(chunk)
                    if total > limit:
                        raise InflatedTooLarge(
                            self.path, _("part {name} inflates past the {limit} limit (a zip bomb?)").format(
                                name=name, limit=_mb(limit))
                        )
                    chunks.append(chunk)
        except zipfile.BadZipFile as e:
            if "CRC" in str(e):  # zipfile stops at the declared size; the checksum then fails
                raise CorruptFile(
                    self.path,
                    _("broken {kind} (zip): part {name} does not match its declared size and checksum (damaged, or "
                      "a zip bomb hiding its size); it was not inflated further").format(kind=self.kind, name=name),
                ) from e
            raise CorruptFile(self.path, _("broken {kind} (zip): part {name}: {error}").format(
                kind=self.kind, name=name, error=e)) from e
        except (zlib.error, EOFError, NotImplementedError, RuntimeError) as e:
            raise CorruptFile(self.path, _("broken {kind} (zip): part {name} cannot be inflated: {error}").format(
                kind=self.kind, name=name, error=e)) from e
        return b"".join(chunks)

    def xml(self, name: str, prune: "Pruning | None" = None) -> etree._Element:
        """Parse one member as XML with the hardened parser; CorruptFile names the part.

        With ``prune``, elements the caller never reads are removed while the
        part is parsed, so that they never all sit in memory at once (Word's
        formatting properties can outnumber the text elements three to one).
        """
        data = self.read_bytes(name)
        if has_doctype(data):
            raise _doctype_refused(self.path, name)
        if _STRICT_MARK in data:
            for strict, transitional in STRICT_NAMESPACES.items():
                data = data.replace(strict, transitional)
        try:
            root = _parse(data, prune)
        except etree.XMLSyntaxError as e:
            raise CorruptFile(self.path, _("malformed XML in {name}: {error}").format(name=name, error=e)) from e
        del data
        if root is None:
            raise CorruptFile(self.path, _("malformed XML in {name}: empty document").format(name=name))
        docinfo = root.getroottree().docinfo
        if docinfo.doctype or docinfo.internalDTD is not None:
            raise _doctype_refused(self.path, name)
        return root

    def relationships(self, part: str) -> list[Relationship]:
        """The relationships of ``part`` (from its ``_rels/<name>.rels``), targets resolved to part names."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if not self.has(rels_name):
            return []
        root = self.xml(rels_name)
        out = []
        for rel in root.iter(f"{{{NS['pr']}}}Relationship"):
            target = rel.get("Target") or ""
            external = rel.get("TargetMode") == "External"
            if not external:
                if target.startswith("/"):
                    target = target.lstrip("/")
                else:
                    target = posixpath.normpath(posixpath.join(folder, target))
            rtype = (rel.get("Type") or "").rstrip("/").rsplit("/", 1)[-1]
            out.append(Relationship(rel.get("Id") or "", rtype, target, external))
        return out

    def main_part(self) -> str:
        """Name of the main document part: the package's officeDocument relationship, else word/document.xml."""
        if self.has(PACKAGE_RELS):
            try:
                root = self.xml(PACKAGE_RELS)
            except UnsafeContent:
                raise
            except CorruptFile:
                root = None
            if root is not None:
                for rel in root.iter(f"{{{NS['pr']}}}Relationship"):
                    rtype = (rel.get("Type") or "").rstrip("/").rsplit("/", 1)[-1]
                    target = (rel.get("Target") or "").lstrip("/")
                    if rtype == REL_OFFICE_DOCUMENT and rel.get("TargetMode") != "External" and self.has(target):
                        return target
        if self.has(DEFAULT_MAIN_PART):
            return DEFAULT_MAIN_PART
        raise CorruptFile(self.path, _("not a Word document: {part} is missing").format(part=DEFAULT_MAIN_PART))
