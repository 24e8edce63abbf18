"""Build small (and a few big) input files byte by byte, for the hostile-input tests.

Nothing here uses python-docx or a PDF library: a DOCX is a zip of raw
WordprocessingML written with ``zipfile``, a PDF is objects, an xref table
and a trailer written by hand. That keeps every test's input visible in the
test, fast to build (a 20,000-row table or a 5,000-page PDF takes well under
a second) and free to break on purpose.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def w_paragraph(text: str) -> str:
    """One ``w:p`` holding ``text`` in one run."""
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def w_table(rows: list[list[str]]) -> str:
    """A ``w:tbl`` with one cell per string, no merges."""
    n_cols = max((len(r) for r in rows), default=0)
    grid = "".join('<w:gridCol w:w="1000"/>' for _ in range(n_cols))
    body = "".join(
        "<w:tr>" + "".join(f"<w:tc>{w_paragraph(text)}</w:tc>" for text in row) + "</w:tr>" for row in rows
    )
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>"


def document_xml(body: str, prolog: str = "") -> str:
    """A ``word/document.xml`` around the given body markup; ``prolog`` goes before the root (a DOCTYPE)."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        + prolog
        + f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{body}</w:body></w:document>'
    )


def docx_package(parts: dict[str, str | bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip of the given parts, plus the content types and package relationships unless given."""
    all_parts: dict[str, str | bytes] = {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": PACKAGE_RELS}
    all_parts.update(parts)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, content in all_parts.items():
            if content is None:
                continue
            zf.writestr(name, content.encode("utf-8") if isinstance(content, str) else content)
    return buf.getvalue()


def docx_bytes(body: str, prolog: str = "") -> bytes:
    """A minimal DOCX whose body is the given markup."""
    return docx_package({"word/document.xml": document_xml(body, prolog)})


def report_paragraphs(title: str = "Інформація про виконання програми за 2021 рік") -> str:
    """Body markup of a report heading with no tables."""
    return "".join(
        w_paragraph(t)
        for t in (
            title,
            "Програма розвитку міста на 2020-2022 роки",
            "Виконавець: управління житлово-комунального господарства",
        )
    )


def big_table_docx(n_rows: int, n_cols: int = 6, *, word_formatting: bool = False) -> bytes:
    """A DOCX with a report heading and one funding-like table of ``n_rows`` data rows, written as raw XML.

    With ``word_formatting`` every row, cell, paragraph and run carries the
    properties and revision ids Word writes (widths, fonts, sizes, language,
    rsids): the XML is five times larger, as a real Word table of that size is.
    """
    header = ["№ з/п", "Назва заходу", "Джерела фінансування", "План, тис. грн", "Факт, тис. грн", "Примітка"]
    header = (header + [f"Колонка {i}" for i in range(len(header), n_cols)])[:n_cols]
    row = w_word_row if word_formatting else w_table_row
    parts = [row(header)]
    for i in range(1, n_rows + 1):
        cells = [str(i), f"Захід номер {i} з благоустрою", "Міський бюджет", f"{i % 997},5", f"{i % 991},25", ""]
        parts.append(row((cells + [""] * n_cols)[:n_cols]))
    grid = "".join('<w:gridCol w:w="1500"/>' for _ in range(n_cols))
    props = '<w:tblPr><w:tblW w:w="9000" w:type="dxa"/><w:tblBorders><w:top w:val="single"/></w:tblBorders></w:tblPr>'
    table = f"<w:tbl>{props}<w:tblGrid>{grid}</w:tblGrid>{''.join(parts)}</w:tbl>"
    return docx_bytes(report_paragraphs() + table)


def w_table_row(cells: list[str]) -> str:
    return "<w:tr>" + "".join(f"<w:tc>{w_paragraph(t)}</w:tc>" for t in cells) + "</w:tr>"


def w_word_row(cells: list[str]) -> str:
    """A table row as Word writes it, every level with its formatting properties."""
    out = ['<w:tr w:rsidR="00A1B2C3" w:rsidTr="00D4E5F6"><w:trPr><w:cantSplit/></w:trPr>']
    for text in cells:
        out.append(
            '<w:tc><w:tcPr><w:tcW w:w="1500" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
            '<w:p w:rsidR="00A1B2C3" w:rsidRDefault="00A1B2C3" w:rsidP="00D4E5F6"><w:pPr><w:jc w:val="center"/>'
            '<w:rPr><w:sz w:val="20"/></w:rPr></w:pPr><w:r w:rsidRPr="00112233"><w:rPr>'
            '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="20"/><w:szCs w:val="20"/>'
            f'<w:lang w:val="uk-UA"/></w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p></w:tc>'
        )
    out.append("</w:tr>")
    return "".join(out)


# -- zip bombs ---------------------------------------------------------------------------

_BOMB_PIECE_BYTES = 1 << 20


def _deflate_raw(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def zip_bomb_docx(inflated_bytes: int, *, declared_bytes: int | None = None) -> bytes:
    """A DOCX whose word/document.xml inflates to ``inflated_bytes`` (an XML start tag, then spaces).

    Built without inflating anything: one megabyte of spaces is deflated
    once, ending on a full flush, and that piece is repeated (a deflate
    stream may be cut into such independent pieces). ``declared_bytes``
    makes the zip's directory lie about the uncompressed size (a bomb that
    hides from a declared-size check). Stays under 4 GiB (no zip64).
    """
    head = document_xml(w_paragraph("bomb")).encode()
    pieces = max(0, (inflated_bytes - len(head)) // _BOMB_PIECE_BYTES)
    spaces = b" " * _BOMB_PIECE_BYTES
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = c.compress(spaces) + c.flush(zlib.Z_FULL_FLUSH)
    end = zlib.compressobj(9, zlib.DEFLATED, -15).flush()  # an empty final block
    stream = first + piece * pieces + end
    crc = zlib.crc32(head)
    for _ in range(pieces):
        crc = zlib.crc32(spaces, crc)
    size = len(head) + pieces * _BOMB_PIECE_BYTES
    members = [
        ("[Content_Types].xml", CONTENT_TYPES.encode()),
        ("_rels/.rels", PACKAGE_RELS.encode()),
    ]
    entries = [(name, _deflate_raw(data), zlib.crc32(data), len(data)) for name, data in members]
    entries.append(("word/document.xml", stream, crc, size if declared_bytes is None else declared_bytes))
    return _zip_of(entries)


def _zip_of(entries: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip of already deflated members: (name, raw deflate stream, crc32, declared size)."""
    import struct

    out = bytearray()
    central = bytearray()
    for name, stream, crc, size in entries:
        fname = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(stream), size, len(fname), 0)
        out += fname + stream
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(stream), size, len(fname),
            0, 0, 0, 0, 0, offset,
        )
        central += fname
    cd_offset = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), cd_offset, 0)
    return bytes(out)


# -- PDF ---------------------------------------------------------------------------------

TEXT_PAGE = b"BT /F1 12 Tf 72 720 Td (Hello report) Tj ET"
IMAGE_PAGE = b"q 500 0 0 700 50 80 cm /Im1 Do Q"


def to_unicode_cmap(mapping: dict[int, str]) -> bytes:
    """A ToUnicode CMap for a one-byte font: code -> UTF-16BE hex ("D835DEC2" for U+1D6C2)."""
    lines = b"".join(b"<%02X> <%s>\n" % (code, hex_text.encode()) for code, hex_text in sorted(mapping.items()))
    return (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"/CMapName /Report-UTF16 def /CMapType 2 def\n"
        b"1 begincodespacerange <00> <FF> endcodespacerange\n"
        b"%d beginbfchar\n" % len(mapping) + lines + b"endbfchar\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )


def pdf_bytes(
    pages: list[bytes | None],
    *,
    encrypt: bool = False,
    shared_content: bool = False,
    to_unicode: dict[int, str] | None = None,
    rotate: int = 0,
) -> bytes:
    """A minimal PDF, one page per content stream (None = an empty page), Helvetica and one image.

    With ``shared_content`` every page points at one content stream object
    (the first page's), which keeps a PDF of thousands of pages small. With
    ``encrypt`` the trailer carries a standard-security /Encrypt dictionary
    whose user password is not empty. With ``to_unicode`` (see
    ``to_unicode_cmap``) the font is a non-embedded "ReportSans" whose codes
    32-126 are 500 units wide and whose text is given by that ToUnicode map
    alone. ``rotate`` is every page's /Rotate.
    """
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")
    pages_obj = add(b"")
    if to_unicode is None:
        font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    else:
        cmap = to_unicode_cmap(to_unicode)
        cmap_obj = add(b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream")
        font = add(
            b"<< /Type /Font /Subtype /Type1 /BaseFont /ReportSans /FirstChar 32 /LastChar 126 /Widths [%s] "
            b"/ToUnicode %d 0 R >>" % (b" ".join([b"500"] * 95), cmap_obj)
        )
    image = add(
        b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream"
    )
    kids = []
    shared = None
    for content in pages:
        if shared_content and shared is not None:
            cs = shared
        else:
            stream = zlib.compress(content or b"")
            cs = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream")
            shared = cs
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Rotate %d "
                b"/Resources << /Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >> >> >>"
                % (pages_obj, cs, rotate, font, image)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    encrypt_ref = b""
    if encrypt:
        enc = add(b"<< /Filter /Standard /V 1 /R 2 /O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32 + b"> /P -44 >>")
        encrypt_ref = b" /Encrypt %d 0 R" % enc
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += (
        b"trailer\n<< /Size %d /Root %d 0 R /ID [<0123456789abcdef0123456789abcdef> "
        b"<0123456789abcdef0123456789abcdef>]" % (len(objects) + 1, catalog)
        + encrypt_ref
        + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    )
    return bytes(out)


def break_xref(pdf: bytes) -> bytes:
    """The PDF with its xref table overwritten by junk and its startxref pointing into the middle of an object."""
    start = pdf.rindex(b"xref\n0 ")
    end = pdf.index(b"trailer", start)
    junk = b"x" * (end - start)
    tail = pdf[end:]
    tail = tail[: tail.index(b"startxref")] + b"startxref\n17\n%%EOF\n"
    return pdf[:start] + junk + tail
