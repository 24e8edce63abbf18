"""Council decisions that approved or amended the program.

Decisions are read from logical lines that speak of a decision ("рішення",
"рішенням", "затверджено", "зміни"): every date + number pair in them, in
the forms "від 29.12.2016 № 508", "№917", "N 520/2589", "від 23 грудня 2020
року № 112" and "№ 508 від 29.12.2016". A pair that follows a resolution or
order of another body ("постанови Кабінету Міністрів") is not a council
decision and is skipped.
"""

from __future__ import annotations

import regex

from ..models import Decision
from ..normalize.dates import DATE_PATTERN, parse_date
from ..normalize.text import clean_text, fold
from .vocab import Vocabulary, load_vocabulary

_NUM = r"(?:№|N|No\.?)\s*(\d[\p{L}\p{N}/\-–.]*)"
# no comma inside a pair: in "від A № 1, від B № 2" and "№ 1 від A, № 2 від B" the comma separates pairs
_DATE_FIRST_RE = regex.compile(rf"(?:від\s+)?({DATE_PATTERN})\s*(?:року|р\.)?\s*{_NUM}", regex.I)
_NUMBER_FIRST_RE = regex.compile(rf"{_NUM}\s+від\s+({DATE_PATTERN})", regex.I)
#: lines that name the decision a report is attached to, not the program's decisions
_ANNEX_LINE_RE = regex.compile(r"^\s*(?:додаток|до\s+рішення)", regex.I)
#: an item of a list of decisions under a lead-in ending with ":" ("– від 19.12.2019 № 520;")
_LIST_ITEM_RE = regex.compile(r"^\s*(?:[-–—•·]|\d{1,2}[.)]|від\s)", regex.I)
#: a lead-in: a line ending with ":", or with ":" and the list's first item on the same line (printed text
#: that runs the first "– від …" into the lead-in)
_LEAD_IN_RE = regex.compile(r":\s*(?:(?:[-–—•·]|\d{1,2}[.)]|від\s)[^:]*)?$", regex.I)


def _clean_number(text: str) -> str:
    return text.rstrip(".,;:)–-").strip()


def _foreign(prefix: str, vocab: Vocabulary) -> bool:
    """True when the text before a pair names another body's act after the last "рішення"."""
    last_foreign = max((m.end() for m in vocab.decision_foreign.finditer(prefix)), default=-1)
    last_own = max((m.end() for m in vocab.decision_own.finditer(prefix)), default=-1)
    return last_foreign > last_own


def find_decisions(lines: list[str]) -> tuple[list[Decision], list[str]]:
    """All decisions in document order, and the printed dates that do not exist in the calendar."""
    decisions: list[Decision] = []
    problems: list[str] = []
    seen: set[tuple] = set()
    lead_in = False
    vocab = load_vocabulary()
    for line in lines:
        if _ANNEX_LINE_RE.match(line):
            lead_in = False
            continue
        in_list = lead_in and _LIST_ITEM_RE.match(line)
        if vocab.decision_context.search(fold(line)):
            lead_in = bool(_LEAD_IN_RE.search(line.rstrip()))
        elif not in_list:
            lead_in = False
            continue
        matches = []
        for m in _DATE_FIRST_RE.finditer(line):
            matches.append((m.start(), m.end(), m.group(1), m.group(2)))
        taken = [(s, e) for s, e, *_ in matches]
        for m in _NUMBER_FIRST_RE.finditer(line):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                matches.append((m.start(), m.end(), m.group(2), m.group(1)))
        matches.sort()
        prev_end = 0
        foreign = False
        for start, end, date_text, number_text in matches:
            prefix = line[prev_end:start]
            prev_end = end
            if vocab.decision_foreign.search(prefix) or vocab.decision_own.search(prefix):
                foreign = _foreign(prefix, vocab)
            if foreign:
                continue
            number = _clean_number(number_text)
            parsed = parse_date(date_text)
            if parsed.problem and parsed.value is None:
                problems.append(clean_text(date_text))
            text = clean_text(line[start:end]).rstrip(".,;")
            key = (parsed.value, number)
            if key in seen:
                continue
            seen.add(key)
            decisions.append(Decision(date=parsed.value, number=number, text=text))
    return decisions, problems
