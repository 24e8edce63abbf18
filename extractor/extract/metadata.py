"""Report metadata from running text: title, kind, annex, program, executor, signatory."""

from __future__ import annotations

import regex

from ..models import DocumentInfo, DocumentKind, Period, Program, Signatory
from ..normalize.text import clean_text, fold
from ..normalize.years import parse_period
from ..readers.common.tokens import is_page_number
from ..settings import DEFAULT_EXTRACT, ExtractSettings
from .vocab import load_vocabulary

_ANNEX_RE = regex.compile(r"(?<![\p{L}])Додаток\s*(?:№\s*)?(\d+|[IVXІ]+)(?![\p{L}\p{N}])", regex.I)
_QUOTED_RE = regex.compile(r"«((?:[^«»]|«[^«»]*»)+)»|\"([^\"]+)\"|“([^”]+)”")
_TITLE_PERIOD_RE = regex.compile(r"на\s+(\d{4})\s*[-‐‑‒–—−]\s*(\d{4})\s*(?:роки|рр|р\.|рік)?", regex.I)
_RANGE_RE = regex.compile(r"(?<![\d.])(\d{4})\s*[-‐‑‒–—−]\s*(\d{4})(?![\d.])")
_TITLE_YEAR_RE = regex.compile(r"на\s+(\d{4})\s*(?:рік|р\.)", regex.I)
_TERM_RE = regex.compile(r"^(?:термін|строк|період)\w*\s+(?:реалізації|виконання|дії)", regex.I)
_EXECUTOR_RE = regex.compile(
    r"^(?:головний\s+)?відповідальн\w*\s+виконав\w*(?:\s+(?:міської\s+)?(?:цільової\s+)?програми)?\s*[:–—\-]\s*(.+)$",
    regex.I,
)
_ANNUAL_RE = regex.compile(r"(?:за|у|в)\s+\d{4}\s*(?:рік|році|р\.)|річн", regex.I)

# signatory names: "М.В. Дідківський", "Дідківський М.В.", "Олена ДОВГАЛЬ", "Сергій Панасюк"
_UP = r"[\p{Lu}]"
_LOW = r"[\p{Ll}’'ʼ\-]"
_NAME_PATTERNS = (
    rf"(?:{_UP}\.\s?){{1,2}}\s?{_UP}{_LOW}+",
    rf"{_UP}{_LOW}+\s+(?:{_UP}\.\s?){{1,2}}",
    rf"{_UP}{_LOW}+\s+{_UP}[\p{{Lu}}’'ʼ\-]+",
    rf"{_UP}[\p{{Lu}}’'ʼ\-]+\s+(?:{_UP}\.\s?){{1,2}}",
)
_NAME_RE = regex.compile(r"^(?:" + "|".join(_NAME_PATTERNS) + r")$")
#: a name ending a line after a gap, or glued to the position's last word by a reader that lost the gap
#: ("…міської радиІрина ПЕТРЕНКО": a lower-case letter right before the name's capital)
_NAME_AT_END_RE = regex.compile(r"(?:^|\s|(?<=\p{Ll}))(" + "|".join(_NAME_PATTERNS) + r")\s*$")
_PLAIN_NAME_RE = regex.compile(rf"^{_UP}{_LOW}+\s+{_UP}{_LOW}+$")
_GAP_RE = regex.compile(r"\t+|\s{3,}")


def find_title(lines: list[str], settings: ExtractSettings = DEFAULT_EXTRACT) -> str | None:
    """The report title: the first logical line opening with a title phrase (within ``settings.title_window``)."""
    starts = load_vocabulary().title_starts
    for i, line in enumerate(lines[:settings.title_window]):
        folded = fold(line)
        if any(folded.startswith(p) for p in starts) and len(folded) < 600:
            following = iter(lines[i + 1:i + 4])
            while line.count("«") > line.count("»"):
                nxt = next(following, None)  # the program's name runs on to the next line
                if nxt is None:
                    break
                line = f"{line} {nxt}"
            if _is_upper(line):
                # "ЗВІТ" / "ПРО ВИКОНАННЯ ПРОГРАМИ …": upper-case lines go on the title
                for nxt in lines[i + 1:i + 4]:
                    if not _is_upper(nxt) or len(nxt) > 300:
                        break
                    line = f"{line} {nxt}"
            return line
    return None


def _is_upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def document_kind(title: str | None) -> DocumentKind | None:
    if not title:
        return None
    folded = fold(title)
    vocab = load_vocabulary()
    if any(m in folded for m in vocab.final_marks):
        return DocumentKind.final
    if any(m in folded for m in vocab.interim_marks):
        return DocumentKind.interim
    if _ANNUAL_RE.search(folded):
        return DocumentKind.annual
    return None


def find_annex(lines: list[str], settings: ExtractSettings = DEFAULT_EXTRACT) -> str | None:
    for line in lines[:settings.title_window]:
        m = _ANNEX_RE.search(line)
        if m:
            return f"Додаток {m.group(1)}"
    return None


def program_name(title: str | None, lines: list[str]) -> str | None:
    for text in ([title] if title else []) + [l for l in lines if "програм" in fold(l)]:
        m = _QUOTED_RE.search(text)
        if m:
            return clean_text(next(g for g in m.groups() if g))
    return None


def program_period(title: str | None, lines: list[str], settings: ExtractSettings = DEFAULT_EXTRACT) -> Period | None:
    if title:
        m = _TITLE_PERIOD_RE.search(title)
        if m and int(m.group(1)) <= int(m.group(2)):
            return Period(start=int(m.group(1)), end=int(m.group(2)))
        m = _TITLE_YEAR_RE.search(title)
        if m:
            return Period(start=int(m.group(1)), end=int(m.group(1)))
        m = _RANGE_RE.search(title)
        if m and int(m.group(1)) <= int(m.group(2)):
            return Period(start=int(m.group(1)), end=int(m.group(2)))
    for line in lines:
        if _TERM_RE.match(line):
            found = parse_period(line, settings.min_year, settings.max_year, settings.max_range_span)
            if found:
                return Period(start=found[0], end=found[1])
    return None


def responsible_executor(lines: list[str]) -> str | None:
    for line in lines:
        m = _EXECUTOR_RE.match(line)
        if m:
            value = clean_text(m.group(1)).rstrip(" .;")
            return value or None
    return None


def read_program(title: str | None, lines: list[str], settings: ExtractSettings = DEFAULT_EXTRACT) -> Program:
    return Program(
        name=program_name(title, lines),
        period=program_period(title, lines, settings),
        responsible_executor=responsible_executor(lines),
    )


def read_document_info(lines: list[str], raw: list[str], settings: ExtractSettings = DEFAULT_EXTRACT) -> DocumentInfo:
    title = find_title(lines, settings)
    return DocumentInfo(title=title, kind=document_kind(title), annex=find_annex(raw, settings))


def _split_name(line: str) -> tuple[str, str | None]:
    """Split "position<gap>name" or a trailing name off a line: (left part, name)."""
    stripped = line.strip()
    parts = _GAP_RE.split(stripped)
    if len(parts) > 1 and _NAME_RE.match(clean_text(parts[-1])):
        return " ".join(parts[:-1]), clean_text(parts[-1])
    if _NAME_RE.match(clean_text(stripped)) or _PLAIN_NAME_RE.match(clean_text(stripped)):
        return "", clean_text(stripped)
    m = _NAME_AT_END_RE.search(stripped)
    if m and m.start(1) > 0:
        return stripped[: m.start(1)], clean_text(m.group(1))
    return stripped, None


def is_signature_row(texts: list[str]) -> bool:
    """A table row that is a signature: a few cells, the last one a person's name, no figures."""
    texts = [t for t in texts if t.strip()]
    if not 1 <= len(texts) <= 3 or any(regex.search(r"\d", t) for t in texts):
        return False
    return bool(_NAME_RE.match(clean_text(texts[-1])))


def read_signatory(lines: list[str], settings: ExtractSettings = DEFAULT_EXTRACT) -> Signatory | None:
    """Position and name of the person who signed, from the lines after the last table."""
    idx = len(lines) - 1
    while idx >= 0 and not lines[idx].strip():
        idx -= 1
    # the name may stand a few lines above the end (a date or an executor note below it)
    for end in range(idx, max(idx - 4, -1), -1):
        if not lines[end].strip():
            continue
        left, name = _split_name(lines[end])
        if name is None:
            continue
        position_lines = [left] if left.strip() else []
        i = end - 1
        skipped = 0
        if not position_lines:
            while i >= 0 and not lines[i].strip() and skipped < 2:
                i -= 1
                skipped += 1
        while i >= 0 and lines[i].strip() and len(position_lines) < settings.max_position_lines:
            text = lines[i].strip()
            if (text.endswith(".") and len(text) > 60) or is_page_number(text):
                break
            position_lines.insert(0, text)
            i -= 1
        position = clean_text(" ".join(position_lines)) or None
        return Signatory(position=position, name=name)
    return None
