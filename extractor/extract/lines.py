"""Logical lines of running text, rebuilt from paragraphs and passport tables.

Readers give paragraphs that may be whole paragraphs (DOCX) or single
printed lines (PDF, layout text). ``logical_lines`` joins a line with the
next when the next one starts with a lower-case letter (a wrapped sentence),
so that "Відповідальний виконавець Програми – управління …" and its
continuation are read as one line in every format.

A two-column "passport" table (label cell, value cell) becomes lines of the
form "label: value", so metadata and decisions are read the same way
whether they stand in paragraphs or in such a table.
"""

from __future__ import annotations

import regex

from ..document import Document, Paragraph, Table
from ..normalize.text import clean_text
from ..readers.common.tokens import item_depth

_CONTINUES_RE = regex.compile(r"^\s*[\p{Ll}«(]")
#: a line that cannot end where it does: a word broken at its hyphen ("Івано-"), a comma, or a word that
#: needs what follows ("від", "№", "та", a preposition): the next line continues it, whatever its first letter
_OPEN_END_RE = regex.compile(
    r"(?:\p{L}[-\u2010]|,|(?:^|\s)(?:від|№|N|та|і|й|з|із|зі|у|в|на|до|за|по|про|для|щодо|рішенням|рішеннями))\s*$",
    regex.I)
#: lines that open a labelled metadata line or a numbered section heading
LABEL_STARTS = ("відповідальн", "термін реалізації", "строк реалізації", "термін виконання", "дата", "мета програми",
                "співвиконав", "обсяг фінансування", "загальний обсяг", "розробник", "головний розробник",
                "учасники програми", "виконавці програми")
_LABEL_START_RE = regex.compile(
    r"^\s*(?:\d{1,2}\.\s+\p{Lu}|(?:" + "|".join(LABEL_STARTS) + r"))", regex.I)


def raw_lines(paragraphs: list[Paragraph]) -> list[str]:
    """Every printed line of the paragraphs (an empty paragraph gives an empty line)."""
    out: list[str] = []
    for p in paragraphs:
        out.extend(p.text.split("\n"))
    return out


def logical_lines(paragraphs: list[Paragraph]) -> list[str]:
    """Join paragraphs into logical lines (cleaned text, no empties).

    The lines of one paragraph always belong together; a paragraph that
    opens with a lower-case letter, or follows a line that cannot end where
    it does ("… Івано-", "… від", "… №", a comma) and is no labelled line or
    numbered heading itself, continues the one before it (a wrapped
    sentence printed or typed as separate lines).
    """
    groups: list[list[str]] = []
    for p in paragraphs:
        if not p.text.strip():
            groups.append([])
            continue
        for i, part in enumerate(_split_at_labels(p.text)):
            if i == 0 and groups and groups[-1] and (
                    _CONTINUES_RE.match(part)
                    or (_OPEN_END_RE.search(groups[-1][-1]) and not _LABEL_START_RE.match(part))):
                groups[-1].append(part)
            else:
                groups.append([part])
    return [clean_text("\n".join(g)) for g in groups if g]


def _split_at_labels(text: str) -> list[str]:
    """Split a paragraph at lines that open a labelled line or a numbered heading.

    A PDF reader may run "Відповідальний виконавець: …" and "Термін
    реалізації: …" together into one paragraph when the spacing is even.
    """
    parts: list[list[str]] = []
    for line in text.split("\n"):
        if parts and _LABEL_START_RE.match(line):
            parts.append([line])
        elif parts:
            parts[-1].append(line)
        else:
            parts.append([line])
    return ["\n".join(p) for p in parts]


def passport_lines(table: Table) -> list[str]:
    """Rows of a label/value table as "label: value" lines."""
    out = []
    for row in table.rows:
        texts = [clean_text(c.text) for c in row.cells if clean_text(c.text)]
        if len(texts) >= 2 and item_depth(texts[0]) == 1:
            texts = texts[1:]
        if len(texts) >= 2:
            out.append(f"{texts[0].rstrip(':')}: {' '.join(texts[1:])}")
    return out


def split_document(doc: Document, data_tables: set[int]) -> tuple[list[Paragraph], list[Paragraph], list[str]]:
    """Paragraphs before the first data table, after the last one, and passport lines.

    ``data_tables`` holds the indexes of the funding and indicator tables;
    other tables are read as passport tables.
    """
    before: list[Paragraph] = []
    after: list[Paragraph] = []
    passport: list[str] = []
    seen_data = False
    for block in doc.blocks:
        if isinstance(block, Table):
            if block.index in data_tables:
                seen_data = True
                after = []
            elif seen_data:
                # a borderless table after the data (a signature block): its rows as lines
                for row in block.rows:
                    after.append(Paragraph("\t".join(c.text.replace("\n", " ") for c in row.cells if c.text.strip())))
            else:
                passport.extend(passport_lines(block))
            continue
        if block.part in ("header", "textbox") and not seen_data:
            before.append(block)
        elif block.part == "footer":
            continue
        elif not seen_data:
            before.append(block)
        else:
            after.append(block)
    if not seen_data:
        after = list(before)
    return before, after, passport
