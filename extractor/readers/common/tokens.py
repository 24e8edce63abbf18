"""What a short printed text is: the token rules every reader and ``extract`` share.

Program reports print the same small tokens in every format: item numbers
("1.", "2.1", "ІІ."), values ("1 250,5", "97,6 %", "-"), page numbers
("- 3 -", "стор. 3 з 10"), years ("2022", "2021-2023 рр."), bulleted lines
("- вул. Гоголя, 25;") and rows numbering the columns ("1 2 3 4"). Each rule
is written here once, as a pure predicate (and a compiled pattern where a
caller needs one); where callers need a different strictness the difference
is a named parameter, not a second copy of the rule. ``tests/test_one_home.py``
fails when another module defines its own copy again.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Sequence

import regex

# -- item numbers ------------------------------------------------------------------------------

#: a Roman numeral as typed in reports: Latin I, V, X, L and the Cyrillic І, Х that look the same
ROMAN = r"[IVXLІХ]{1,6}"


def _item_body(*, dotted: bool, roman: bool, any_length: bool, bare_roman: bool) -> str:
    # the first part opens with no zero: "01.07.2022" is a date
    first, d = (r"\d+", r"\d+") if any_length else (r"[1-9]\d{0,2}", r"\d{1,3}")
    a = rf"{first}(?:\.{d})*"
    alts = [rf"{a}\.|{first}(?:\.{d})+\.?" if dotted else rf"{a}\.?"]
    if roman:
        alts.append(rf"{ROMAN}\." if dotted or not bare_roman else rf"{ROMAN}\.?")
    return "|".join(alts)


@lru_cache(maxsize=None)
def item_number_re(
    *, dotted: bool = False, roman: bool = False, parens: bool = False, any_length: bool = False
) -> re.Pattern[str]:
    """The compiled rule of :func:`is_item_number` for one set of options (matched with ``fullmatch``)."""
    body = _item_body(dotted=dotted, roman=roman, any_length=any_length, bare_roman=True)
    return re.compile(rf"\(?(?:{body})\)?" if parens else rf"(?:{body})")


def is_item_number(
    text: str, *, dotted: bool = False, roman: bool = False, parens: bool = False, any_length: bool = False
) -> bool:
    """Whether ``text`` is an item number standing alone: "1", "1.", "2.1", "3.2.1.".

    Each part has one to three digits (a year or an amount is no item
    number) and the first opens with no zero ("01.07.20" is a date cut
    short). Options, for callers that need another strictness:

    * ``dotted``: a dot must be printed ("1.", "2.1", not "1"): a bare
      integer is as likely a value or a column number;
    * ``roman``: Roman group numerals count too ("ІІ.", and without
      ``dotted`` a bare "IV");
    * ``parens``: the number may stand in parentheses or close with one
      ("(1)", "1)");
    * ``any_length``: parts of any length, a zero first too ("2019",
      "1234.5", "0"): a reader that only tells numbers without decimals
      from other values.
    """
    return _ITEM_NUMBER[dotted, roman, parens, any_length].fullmatch(text) is not None


_ITEM_NUMBER = {
    (d, r, p, a): item_number_re(dotted=d, roman=r, parens=p, any_length=a)
    for d in (False, True) for r in (False, True) for p in (False, True) for a in (False, True)
}


def is_ordinal(text: str) -> bool:
    """Whether ``text`` numbers a row in any printed form: "1", "1.", "2.1", "(3)", "3)", "ІІ", "IV.".

    :func:`is_item_number` with Roman numerals and parentheses: what a
    table's number column holds.
    """
    return _ORDINAL.fullmatch(text) is not None


_ORDINAL = item_number_re(roman=True, parens=True)


_ITEM_DEPTH_RE = item_number_re()


def item_depth(text: str) -> int | None:
    """How many levels an item number has ("2." -> 1, "2.1" -> 2, "3.2.1." -> 3), None when ``text`` is none.

    A measure's own number ("1.1") nests under a task's ("1."): the depth
    tells them apart.
    """
    if not _ITEM_DEPTH_RE.fullmatch(text):
        return None
    return text.rstrip(".").count(".") + 1


def _opening_re(dotted: bool, roman: bool, arabic: bool, glued: bool, any_length: bool) -> re.Pattern[str]:
    alts = []
    if arabic:
        alts.append(_item_body(dotted=dotted, roman=False, any_length=any_length, bare_roman=False))
    if roman:
        alts.append(rf"{ROMAN}\.")
    number = "|".join(alts)
    if glued:
        return re.compile(rf"\s*({number})\s*([^\W\d_].*)", re.S)
    return re.compile(rf"\s*({number})(?:\s+(.*)|\s*)", re.S)


def split_item_number(
    text: str, *, dotted: bool = False, roman: bool = False, arabic: bool = True, glued: bool = False,
    any_length: bool = False,
) -> tuple[str, str] | None:
    """(item number, the text after it) when ``text`` opens with an item number, else None.

    "3.2 Ремонт покрівлі" -> ("3.2", "Ремонт покрівлі"); "2." -> ("2.", "").
    The number is followed by white space or ends the text; a Roman numeral
    opening a text needs its dot ("ІІ. Показники": a bare "І" opening a
    text is the word "і"). ``dotted``, ``roman`` and ``any_length`` are as
    in :func:`is_item_number`; ``arabic=False`` takes Roman numerals only;
    ``glued`` lets the text follow without a space ("1.Назва"), then it must
    open with a letter.
    """
    m = _OPENING[dotted, roman, arabic, glued, any_length].fullmatch(text)
    if m is None:
        return None
    return m.group(1), (m.group(2) or "").strip()


_OPENING = {
    (d, r, a, g, n): _opening_re(d, r, a, g, n)
    for d in (False, True) for r in (False, True) for a in (False, True) for g in (False, True) for n in (False, True)
    if a or r
}


@lru_cache(maxsize=None)
def _prefix_re(labels: tuple[str, ...]) -> regex.Pattern[str]:
    first, d = r"[1-9]\d{0,2}", r"\d{1,3}"  # as in an item number: a first part opening with zero is a date
    alts = [
        rf"(?P<dotted>{first}(?:\.{d})+)[.)]?(?=\s|\p{{L}}|$)",
        rf"(?P<simple>{first})[.)](?=\s|\p{{Lu}}|$)",
        rf"(?P<roman>{ROMAN})[.)](?=\s|$)",
        r"(?P<letter>[а-яіїєґa-z])\)(?=\s|$)",
        rf"(?P<bare>{first})$",
    ]
    if labels:
        label = "|".join(sorted(map(regex.escape, labels), key=len, reverse=True))
        alts.insert(0, rf"(?i:{label})\s*(?:№\s*)?(?P<labelled>{first}(?:\.{d})*|{ROMAN})\.?(?=[\s.:)\-–—]|$)")
    return regex.compile("^(?:" + "|".join(alts) + ")")


#: what stands between an item number and its text: spaces and closing marks ("2) ", "3: ", "1.1 – ")
_PREFIX_REST_LEAD = " \t\n\r\f\v\u00a0.:)-–—"


def split_item_prefix(text: str, labels: Sequence[str] = ()) -> tuple[str | None, str]:
    """(number, text after it) for the item number opening a cell's text in any form a cell prints it; (None,
    text) when none opens it.

    Wider than :func:`split_item_number`, which answers the readers' narrower question of a line opening with
    a number and white space: here a dotted number may be glued to its text ("1.1Текст"), a one-level number
    closes with "." or ")" and may be glued to a capital ("2.Текст", "2) Текст"), a Roman numeral needs its
    "." or ")" ("ІІ. Показники": a bare "І" is the word "і"), a letter closes with ")" ("а) заміна"), a number
    may stand alone ("3"), and a label of ``labels`` may precede the number ("Завдання 2. …", "Розділ № ІІ: …").
    A bare integer followed by text ("12 камер") is a count, not a number. The number comes without its label
    and closing mark ("1.1.", "2)" -> "1.1", "2"); the text loses the spaces and marks before it. The parts of
    an Arabic number are as in :func:`is_item_number` (one to three digits, the first not opening with zero).
    """
    match = _prefix_re(tuple(labels)).match(text)
    if match is None:
        return None, text
    number = next(g for g in match.groups() if g is not None)
    return number, text[match.end():].lstrip(_PREFIX_REST_LEAD)


# -- values ------------------------------------------------------------------------------------

#: a printed value as the positioned-word finder sees it: digits (spaces between thousands,
#: however printed), decimals after "," or ".", a percent sign; or a dash for "no value"
VALUE = re.compile(r"(?:[-+−–—]?\s?[\d\u00a0 ]*\d(?:[.,]\d+)?\s?%?|[-–—]+)")

#: an amount as a line of its own prints it: thousands in groups of three, or plain digits
AMOUNT = re.compile(
    r"(?:[-+−–]?\s?\d{1,3}(?:[\s\u00a0\u202f]\d{3})*(?:[.,]\d+)?|[-+−–]?\s?\d+(?:[.,]\d+)?|[-–—]+|x|х)"
)

PERCENT = re.compile(r"[-+−–]?\s?\d+(?:[.,]\d+)?\s?%")

#: a number with decimals, or a percent: values no header cell holds
_DECIMALS_OR_PERCENT = re.compile(r"[-−–]?\d[\d\s\u00a0]*[.,]\d+\s*%?|\d+(?:[.,]\d+)?\s*%")


def is_value(text: str) -> bool:
    """Whether ``text`` (trimmed) is one value: "1 250,5", "97,6 %", "12", "-" (no value).

    Loose about digit grouping ("12 34" passes): words set on a page may
    print thousands groups with any space, and a fragment may join two
    values. For a line of its own use :func:`is_amount`.
    """
    return bool(VALUE.fullmatch(text.strip()))


def is_amount(text: str) -> bool:
    """Whether a line is an amount: "1 250 000,50", "-12,5", "2019", or a no-value mark ("-", "—", "x").

    Strict about thousands groups (three digits each), so that "12 34" is
    text, not an amount.
    """
    return bool(AMOUNT.fullmatch(text))


def is_percent(text: str) -> bool:
    """Whether a text is a percent: "97,6%", "100 %", "-3.5%"."""
    return bool(PERCENT.fullmatch(text))


def is_body_value(text: str) -> bool:
    """Whether ``text`` is a value only a table's body holds, never its header.

    A number with decimals ("1 250,5"), a percent ("97 %") or a dotted item
    number ("1.", "2.1"). A header holds names, years and column numbers:
    integers alone prove nothing.
    """
    t = text.strip()
    return bool(_DECIMALS_OR_PERCENT.fullmatch(t)) or is_item_number(t, dotted=True)


#: the dashes a cell prints for "no value"
DASHES = frozenset("-–—−")


def is_dash(text: str) -> bool:
    """Whether a (trimmed) text is only dashes: "-", "—", "--", the mark of a cell with no value."""
    t = text.strip()
    return bool(t) and set(t) <= DASHES


_DECIMALS = re.compile(r"\d[\d\s]*[,.]\d")


def has_decimals(text: str) -> bool:
    """Whether ``text`` prints a number with decimals anywhere ("1 250,0", "план 12.5 %"): an amount, not a count."""
    return _DECIMALS.search(text) is not None


def is_small_integer(text: str, *, signed: bool = False) -> bool:
    """Whether ``text`` is an integer of one to three digits ("7", "125"; with ``signed`` also "-12")."""
    return bool((_SIGNED_SMALL if signed else _SMALL).fullmatch(text))


_SMALL = re.compile(r"\d{1,3}")
_SIGNED_SMALL = re.compile(r"[-−–]?\d{1,3}")
_GROUPED_INTEGER = re.compile(r"[-−–]?\d{1,3}(?: \d{3})+")
_GROUPS_TAIL = re.compile(r"\d{3}(?: \d{3})*[.,]\d+")


def is_grouped_integer(text: str) -> bool:
    """Whether ``text`` is an integer printed with thousands groups: "1 587", "-12 345 678"."""
    return bool(_GROUPED_INTEGER.fullmatch(text))


def is_groups_tail(text: str) -> bool:
    """Whether ``text`` ends a number cut at a thousands space: "425,36", "345 678,5" (groups, then decimals)."""
    return bool(_GROUPS_TAIL.fullmatch(text))


# -- page numbers ------------------------------------------------------------------------------

#: a lone page number: "3", "- 3 -", "— 12 —", "стор. 3", "Сторінка 3 з 10", "3/10";
#: three digits at most, so that a year ("2022") is none
PAGE_NUMBER = re.compile(
    r"[\s\-–—]*(?:(?:сторінка|стор|с|page|p)\.?\s*)?\d{1,3}(?:\s*(?:з|із|of|/)\s*\d{1,3})?[\s\-–—]*",
    re.IGNORECASE,
)


def is_page_number(text: str) -> bool:
    """Whether a printed line is nothing but a page number (see ``PAGE_NUMBER``)."""
    return bool(PAGE_NUMBER.fullmatch(text))


# -- years -------------------------------------------------------------------------------------

#: a year inside a text: four digits from 1900 to 2099, not part of a longer number
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")

#: a header cell or a term naming a year or a span of years: "2022", "2021-2023 рр.", "ІІ кв. 2022",
#: "ІІ квартал 2023 р.", "2022 рік", "протягом 2023 року", "до 2025 року"
YEAR_HEADING = re.compile(
    r"(?:(?:протягом|упродовж|до|у|в|на|з|із)\s+)?"
    r"(?:(?:І|ІІ|ІІІ|ІV|I|II|III|IV)\s+(?:кв\.?|квартал|квартали|півріччя)\s+)?(?:19|20)\d\d(?:\s*[-–—]\s*(?:19|20)\d\d)?"
    r"(?:\s*(?:р\.|рр\.|рік|року|роки|років))?",
    re.IGNORECASE,
)


def is_year_heading(text: str) -> bool:
    """Whether a (trimmed) text names a year or years and nothing else (see ``YEAR_HEADING``)."""
    return bool(YEAR_HEADING.fullmatch(text))


#: a text of years only: "2021", "2021-2023 рр.", "2021, 2022 роки", "2021 р. 2022 р."
YEARS = re.compile(r"(?:(?:19|20)\d{2}(?:\s*(?:р\.?|рік|роки|рр\.?))?(?:\s*[-‐‑‒–—−,;]\s*|\s+|$))+")


def is_years(text: str) -> bool:
    """Whether a text lists years and nothing else (see ``YEARS``): the header of year columns.

    Unlike :func:`is_year_heading` it takes a list ("2021, 2022") and no quarter.
    """
    return bool(YEARS.fullmatch(text))


def first_year(text: str) -> int | None:
    """The first year ``text`` names ("план на 2022 рік" -> 2022), None when it names none."""
    m = YEAR.search(text)
    return int(m.group()) if m else None


def has_digit_besides_years(text: str) -> bool:
    """Whether ``text`` holds a digit that is not part of a year ("2022 рік" no; "на 2022 рік, 12,5" yes).

    Years head the columns of a header; other digits are data.
    """
    return any(ch.isdigit() for ch in YEAR.sub("", text))


# -- bulleted lines ----------------------------------------------------------------------------

#: the marks a listed object opens with
BULLET_MARKS = "-–—•·▪"
_BULLET = re.compile(rf"\s*[{BULLET_MARKS}]\s*")
_SPACED_BULLET_LINE = re.compile(rf"\s*[{BULLET_MARKS}]\s+\S")
_BULLET_LINE = re.compile(rf"\s*[{BULLET_MARKS}]\s*\S")


def is_bullet_line(line: str, *, spaced: bool = True) -> bool:
    """Whether a line lists an object: a bullet mark, then text ("- вул. Гоголя, 25;", "• ремонт").

    ``spaced`` wants a space after the mark (a table's amounts "-5" are no
    bullet line); without it "-вул. Гоголя" counts too: inside a cell
    already known to list objects.
    """
    return bool((_SPACED_BULLET_LINE if spaced else _BULLET_LINE).match(line))


def strip_bullet(line: str) -> str:
    """The line without its opening bullet mark and the space after it."""
    return _BULLET.sub("", line, count=1)


# -- column numbering --------------------------------------------------------------------------

_COLUMN_NUMBER = re.compile(r"\d{1,3}")
_DOTTED_COLUMN_NUMBER = re.compile(r"\d{1,3}\.?")


def column_number(text: str, *, dot: bool = False) -> int | None:
    """The number a cell of a column-numbering row prints ("3"; "3." with ``dot``), else None."""
    if not (_DOTTED_COLUMN_NUMBER if dot else _COLUMN_NUMBER).fullmatch(text):
        return None
    return int(text.rstrip("."))


def column_numbers(texts: Iterable[str], *, dot: bool = False) -> list[int] | None:
    """The numbers of ``texts`` when every one is a column number (:func:`column_number`), else None."""
    out = []
    for t in texts:
        n = column_number(t, dot=dot)
        if n is None:
            return None
        out.append(n)
    return out


def counts_on(numbers: Sequence[int], start: int | None = None) -> bool:
    """Whether ``numbers`` run on by one from left to right (from ``start`` when given): 1 2 3, 5 6 7."""
    if not numbers:
        return False
    first = numbers[0] if start is None else start
    return list(numbers) == list(range(first, first + len(numbers)))


def is_numbering_row(
    texts: Sequence[str], *, gaps: bool = False, dot: bool = False, start: int | None = None
) -> bool:
    """Whether the texts of a row number the table's columns: "1 2 3 4 …".

    Without ``gaps`` the numbers run on by one, from ``start`` when given
    ("5 6 7" continues a row broken across lines). With ``gaps`` (the cells
    of a grid, where a merged cell hides numbers) at least three numbers
    rise from 1 or 2 without repeating ("1 2 4 5").
    """
    nums = column_numbers(texts, dot=dot)
    if not nums:
        return False
    if not gaps:
        return counts_on(nums, start)
    return len(nums) >= 3 and nums == sorted(nums) and nums[0] <= 2 and len(set(nums)) == len(nums)
