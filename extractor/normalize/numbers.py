"""Ukrainian numeric table cells to exact ``Decimal`` values.

Reports print amounts the Ukrainian way: ``"21 137,0"``, ``"87,5 %"``,
``"1445,0"``. :func:`parse_number` turns one such cell into a ``Decimal``
holding exactly the printed digits (``"23,065"`` → ``Decimal("23.065")``), or
``None`` when the cell states no value.

Rules
-----
* **No value.** ``None``, an empty or whitespace-only cell, or a cell holding
  only dash characters (any of :data:`DASHES`) is ``None``.
* **Decimal separator.** A comma is *always* decimal (``"23,065"`` is 23.065,
  never 23065). A dot is decimal when the cell has no comma (``"1445.0"``).
  Dots as thousands separators are accepted only together with a decimal comma
  and correct three-digit groups (``"1.445,0"``); several dots without a comma
  (``"1.1.1"``) are not a number. A trailing separator is dropped
  (``"120."`` → 120).
* **Thousands separators.** Space, no-break space U+00A0, narrow no-break
  space U+202F, thin space U+2009, figure space U+2007 and tabs, between
  correct three-digit groups (``"21 137,0"``). Digits may also be written
  ungrouped (``"21137,0"``).
* **Percent.** A trailing ``%``, with or without whitespace before it.
* **Invisible characters.** Soft hyphens U+00AD and zero-width characters are
  dropped; surrounding whitespace is ignored.
* **Sign.** A minus sign written *directly* before the digits makes a negative
  number: hyphen-minus ``-``, minus sign U+2212, and also en dash U+2013 and
  hyphen U+2010/U+2011 (word processors turn a typed minus into these).
  A dash *followed by whitespace* (``"– 3,0"``) is not a signed number: it reads
  as "dash, then a note", so it raises :class:`NotNumeric` rather than being
  guessed. Em dash and other long dashes before digits are not signs either.
  A ``+`` directly before the digits is accepted.
* **Wrapped cells.** A narrow cell may break one number over lines. Lines are
  joined when, together, they form ONE valid number: the break falls between
  thousands groups (``"17\\n914,7"``), right after the decimal separator
  (``"1445,\\n0"``), before it (``"1445\\n,0"``) or before the ``%``.
  A break between thousands groups is accepted only in a number with a
  decimal part: ``"704\\n128"`` could be one wrapped integer or two stacked
  ones, so it raises :class:`NotNumeric`.
  Anything else with several lines — notably stacked values such as
  ``"704,0\\n\\n128,0"`` or ``"704,0\\n128,0"``, or any cell with an empty line
  between its lines — raises :class:`NotNumeric`; callers that expect stacked
  cells split them into lines themselves.
* **Text** (``"так"``, ``"в процесі"``, ``"100 шт"``, ``"(12,5)"``) raises
  :class:`NotNumeric`; nothing is ever guessed.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import regex

#: every character that, alone in a cell, means "no value"
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d"

#: characters that may stand directly before the digits as a minus sign
MINUS_SIGNS = "-\u2010\u2011\u2013\u2212"

#: characters removed before parsing (soft hyphen, zero-width spaces/joiners, BOM)
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"

#: horizontal whitespace accepted as a thousands separator
GROUP_SEPARATORS = " \t\u00a0\u202f\u2009\u2007\u2008\u200a"

#: line-break characters that may wrap a number inside a narrow cell
LINE_BREAKS = "\n\r\v\f\x85\u2028\u2029"

_INVISIBLE_RE = regex.compile(f"[{regex.escape(INVISIBLE)}]")
_SEP = f"[{regex.escape(GROUP_SEPARATORS)}]"
_SEP_RE = regex.compile(_SEP)
_LINE_SPLIT_RE = regex.compile(f"\r\n|[{regex.escape(LINE_BREAKS)}]")

# sign, integer part (grouped by whitespace, grouped by dots, or plain), decimal part, percent
_NUMBER_RE = regex.compile(
    rf"""
    (?P<sign>[{regex.escape(MINUS_SIGNS)}+])?
    (?:
        (?P<int>[0-9]{{1,3}}(?:{_SEP}+[0-9]{{3}})+ | [0-9]+)
        (?:(?P<sep>[,.])(?P<frac>[0-9]*))?
      |
        (?P<dint>[0-9]{{1,3}}(?:\.[0-9]{{3}})+)
        ,(?P<dfrac>[0-9]*)
      |
        (?P<sep2>[,.])(?P<frac2>[0-9]+)
    )
    (?:{_SEP}*%)?
    """,
    regex.VERBOSE,
)


class NotNumeric(ValueError):
    """A cell that holds text, not a number; ``text`` is the cell as given."""

    def __init__(self, text: str, reason: str = "not a number"):
        self.text = text
        self.reason = reason
        super().__init__(f"{reason}: {text!r}")


def _strip_invisible(text: str) -> str:
    return _INVISIBLE_RE.sub("", text)


def is_no_value(text: str | None) -> bool:
    """True for ``None``, an empty/whitespace-only cell, or a cell of dashes only."""
    if text is None:
        return True
    core = "".join(_strip_invisible(text).split())
    return core == "" or all(ch in DASHES for ch in core)


def _parse_line(line: str) -> Decimal:
    """Parse one line that has no line breaks and is not a "no value" cell."""
    match = _NUMBER_RE.fullmatch(line)
    if match is None:
        raise NotNumeric(line)
    sign = "-" if match["sign"] and match["sign"] != "+" else ""
    if match["dint"] is not None:
        integer, frac = match["dint"].replace(".", ""), match["dfrac"]
    elif match["int"] is not None:
        integer = _SEP_RE.sub("", match["int"])
        frac = match["frac"] or ""
        if match["sep"] == "." and "," in line:  # pragma: no cover - grammar excludes it
            raise NotNumeric(line)
    else:
        integer, frac = "0", match["frac2"]
    literal = f"{sign}{integer}.{frac}" if frac else f"{sign}{integer}"
    try:
        return Decimal(literal)
    except InvalidOperation as exc:  # pragma: no cover - the grammar only lets digits through
        raise NotNumeric(line) from exc


def _join_wrapped(lines: list[str], original: str) -> str:
    """Join the lines of one wrapped number, or raise NotNumeric for anything else.

    Line breaks are allowed between thousands groups, just after/before the
    decimal separator and before the percent sign (breaks between groups only
    when the number has a decimal part). The joined text is then
    checked by the one-line grammar, so a break inside a group is rejected.
    """
    joined = lines[0]
    group_wrap = False
    for nxt in lines[1:]:
        prev_tail = joined[-1]
        if prev_tail in ",.":
            # "1445,\n0": the decimal part continues
            if not regex.fullmatch(r"[0-9]+(?:\s*%)?", nxt):
                raise NotNumeric(original, "not one number")
            joined += nxt
        elif nxt == "%":
            # "87,5\n%"
            joined += nxt
        elif nxt[0] in ",.":
            # "1445\n,0"
            if "," in joined or (nxt[0] == "." and "." in joined):
                raise NotNumeric(original, "not one number")
            joined += nxt
        elif regex.match(r"[0-9]{3}(?![0-9])", nxt) and regex.fullmatch(
            rf"[{regex.escape(MINUS_SIGNS)}+]?[0-9]{{1,3}}(?:{_SEP}[0-9]{{3}})*", joined
        ):
            # "17\n914,7": the break stands for a thousands separator
            joined += " " + nxt
            group_wrap = True
        else:
            raise NotNumeric(original, "not one number")
    if group_wrap and not regex.search(r"[,.][0-9]", joined):
        # "704\n128" may be one wrapped integer or two stacked ones: never guess
        raise NotNumeric(original, "ambiguous: wrapped or stacked integers")
    return joined


def parse_number(text: str | None) -> Decimal | None:
    """One Ukrainian numeric cell as an exact ``Decimal``; ``None`` for "no value".

    Raises :class:`NotNumeric` for text that is not exactly one number (see the
    module docstring for the rules).
    """
    if text is None:
        return None
    cleaned = _strip_invisible(text)
    if is_no_value(cleaned):
        return None
    raw_lines = _LINE_SPLIT_RE.split(cleaned)
    # blank lines at the ends are padding; blank lines inside separate values
    while raw_lines and not raw_lines[0].strip():
        raw_lines.pop(0)
    while raw_lines and not raw_lines[-1].strip():
        raw_lines.pop()
    lines = [line.strip(GROUP_SEPARATORS) for line in raw_lines]
    if any(not line for line in lines):
        raise NotNumeric(text, "several values")
    single = lines[0] if len(lines) == 1 else _join_wrapped(lines, text)
    try:
        return _parse_line(single)
    except NotNumeric as exc:
        raise NotNumeric(text) from exc


def try_number(text: str | None) -> tuple[Decimal | None, bool]:
    """``(value, is_numeric)`` without raising.

    ``is_numeric`` is True for a number and for a "no value" cell (dash/empty),
    False for text: ``"так"`` → ``(None, False)``, ``"–"`` → ``(None, True)``.
    """
    try:
        return parse_number(text), True
    except NotNumeric:
        return None, False


def group_thousands(digits: str, sep: str) -> str:
    """``"1234567"`` → ``"1 234 567"`` with ``sep`` between groups of three digits, counted from the right."""
    head = len(digits) % 3 or 3
    return sep.join([digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)])


def format_ukrainian(
    value: Decimal,
    *,
    thousands: str = " ",
    decimal: str = ",",
    min_decimals: int = 0,
    percent: str = "",
) -> str:
    """Format ``value`` the Ukrainian way: ``Decimal("21137.0")`` → ``"21 137,0"``.

    All digits of ``value`` are kept (no rounding); ``min_decimals`` pads the
    fraction with zeros; ``percent`` is appended as given (``"%"`` or ``" %"``).
    Negative numbers get a hyphen-minus directly before the digits.
    """
    text = format(value, "f")
    sign = ""
    if text.startswith("-"):
        sign, text = "-", text[1:]
    integer, _, frac = text.partition(".")
    if len(frac) < min_decimals:
        frac = frac + "0" * (min_decimals - len(frac))
    body = group_thousands(integer, thousands)
    if frac:
        body += decimal + frac
    return f"{sign}{body}{percent}"
