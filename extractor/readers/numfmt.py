"""Spreadsheet number formats: the text a person sees in a cell, from its stored value and format code.

A workbook stores ``1445.04`` and the format code ``#,##0.0``; Excel or
LibreOffice in a Ukrainian locale shows ``1 445,0``. That displayed text is
what the report "says", so the XLSX reader gives it as the cell text (the
exact value is kept beside it). Format codes are stored in the en-US
notation (``,`` groups thousands, ``.`` marks decimals) and shown in the
reader's locale; ``Locale`` holds the signs used (Ukrainian by default:
decimal comma, no-break space between thousands, dd.mm.yyyy dates).

Supported: ``General``; digit placeholders ``0 # ?`` with grouping, decimals,
thousands scaling (trailing commas), percent and scientific notation;
literals (quoted text, ``\\x``, ``_x`` spaces, ``*x`` fills dropped,
``[$грн.-422]`` currency texts); colours, locale tags and conditions in
brackets; two to four sections (positive; negative; zero; text); date and
time codes (``d dd ddd dddd m mm mmm mmmm yy yyyy h hh m mm s ss AM/PM``);
the built-in format ids. Fractions (``# ?/?``) fall back to ``General``.

Every function is pure; ``render`` never raises on a strange code (the
``General`` text is the fallback).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from ..normalize.numbers import group_thousands

#: significant digits a spreadsheet keeps and shows (IEEE doubles as Excel displays them)
SIGNIFICANT_DIGITS = 15


@dataclass(frozen=True)
class Locale:
    """The signs a number is shown with."""

    decimal: str = ","
    group: str = "\u00a0"
    short_date: str = "dd.mm.yyyy"
    months: tuple[str, ...] = ("січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня",
                               "вересня", "жовтня", "листопада", "грудня")
    months_short: tuple[str, ...] = ("січ", "лют", "бер", "кві", "тра", "чер", "лип", "сер", "вер", "жов", "лис",
                                     "гру")
    days: tuple[str, ...] = ("понеділок", "вівторок", "середа", "четвер", "п'ятниця", "субота", "неділя")
    days_short: tuple[str, ...] = ("пн", "вт", "ср", "чт", "пт", "сб", "нд")


UKRAINIAN = Locale()

#: built-in number formats (ECMA-376 18.8.30), with the locale-dependent ones as a Ukrainian Excel shows them
BUILTIN_FORMATS = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00",
    12: "# ?/?", 13: "# ??/??", 14: "dd.mm.yyyy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "dd.mm.yyyy h:mm", 37: "#,##0 ;(#,##0)",
    38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)", 40: "#,##0.00;[Red](#,##0.00)", 45: "mm:ss",
    46: "[h]:mm:ss", 47: "mm:ss.0", 48: "##0.0E+0", 49: "@",
}

_DATE_LETTERS = frozenset("ymdhs")
_BRACKET = re.compile(r"\[([^\]]*)\]")
_CONDITION = re.compile(r"^(<=|>=|<>|<|>|=)\s*(-?[\d.]+)$")
_EPOCH_1900 = datetime(1899, 12, 30)
_EPOCH_1904 = datetime(1904, 1, 1)


def exact(text: str) -> Decimal | None:
    """The stored number as the spreadsheet holds it: 15 significant digits (``0.95899999999999996`` → 0.959)."""
    try:
        value = Decimal(text.strip())
    except (InvalidOperation, ValueError):
        return None
    if not value.is_finite():
        return None
    if value == 0:
        return Decimal(0)
    shift = SIGNIFICANT_DIGITS - value.adjusted() - 1
    return value.scaleb(shift).quantize(Decimal(1), rounding=ROUND_HALF_UP).scaleb(-shift).normalize()


def format_code(num_fmt_id: int, custom: dict[int, str]) -> str:
    """The format code of a style's ``numFmtId``: a custom one from styles.xml, else the built-in one."""
    if num_fmt_id in custom:
        return custom[num_fmt_id]
    return BUILTIN_FORMATS.get(num_fmt_id, "General")


def render(value: Decimal, code: str, *, date1904: bool = False, locale: Locale = UKRAINIAN) -> str:
    """The text a cell holding ``value`` shows under the format ``code``."""
    try:
        return _render(value, code or "General", date1904, locale)
    except (InvalidOperation, ValueError, OverflowError, IndexError):
        return general(value, locale)


def _render(value: Decimal, code: str, date1904: bool, locale: Locale) -> str:
    sections = split_sections(code)
    section, absolute = _pick_section(sections, value)
    if section is None:
        return general(value, locale)
    if absolute:
        value = abs(value)
    body = section
    placeholders = _strip(body).strip().lower()
    if placeholders == "@":
        return general(value, locale)  # a number in a text-formatted cell shows as General
    if not placeholders or not any(ch in "0#?" for ch in placeholders) and "general" not in placeholders \
            and not is_date_code(body):
        return _literal(body)  # no placeholder: the section's text alone ("–" for zero; ";;;" hides the value)
    if "general" in placeholders:
        prefix, _, suffix = _split_general(body)
        text = general(abs(value) if absolute else value, locale)
        return _literal(prefix) + text + _literal(suffix)
    if is_date_code(body):
        return _render_date(value, body, date1904, locale)
    return _render_number(value, body, locale)


def split_sections(code: str) -> list[str]:
    """The ``;``-separated sections of a format code (semicolons in quotes or after ``\\`` do not split)."""
    out, cur, i = [], [], 0
    quoted = False
    while i < len(code):
        ch = code[i]
        if ch == '"':
            quoted = not quoted
        elif ch == "\\" and not quoted and i + 1 < len(code):
            cur.append(code[i:i + 2])
            i += 2
            continue
        elif ch == ";" and not quoted:
            out.append("".join(cur))
            cur = []
            i += 1
            continue
        cur.append(ch)
        i += 1
    out.append("".join(cur))
    return out


def _pick_section(sections: list[str], value: Decimal) -> tuple[str | None, bool]:
    """The section that applies to ``value``, and whether it shows the absolute value (the sign is its own)."""
    numeric = sections[:3]
    conditions = [_condition(s) for s in numeric]
    if any(c is not None for c in conditions):
        for s, c in zip(numeric, conditions):
            if c is None or c(value):
                return s, c is not None and value < 0 and "-" not in s
        return None, False
    if value > 0 or len(numeric) == 1:
        return numeric[0], False
    if value < 0:
        return (numeric[1], True) if len(numeric) >= 2 else (numeric[0], False)
    return (numeric[2] if len(numeric) >= 3 else numeric[0]), False


def _condition(section: str):
    for m in _BRACKET.finditer(section):
        c = _CONDITION.match(m.group(1).strip())
        if c:
            op, limit = c.group(1), Decimal(c.group(2))
            return {
                "<": lambda v: v < limit, ">": lambda v: v > limit, "=": lambda v: v == limit,
                "<=": lambda v: v <= limit, ">=": lambda v: v >= limit, "<>": lambda v: v != limit,
            }[op]
    return None


def _strip(section: str) -> str:
    """The section without brackets and literals: what its placeholders are."""
    out, i, quoted = [], 0, False
    while i < len(section):
        ch = section[i]
        if ch == '"':
            quoted = not quoted
        elif quoted:
            pass
        elif ch == "\\" or ch in "_*":
            i += 2
            continue
        elif ch == "[":
            end = section.find("]", i)
            i = len(section) if end < 0 else end + 1
            continue
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def is_date_code(code: str) -> bool:
    """Whether a format section shows a date or time (y, m, d, h, s outside literals and brackets)."""
    stripped = _strip(code).lower()
    if "general" in stripped:
        return False
    return any(ch in _DATE_LETTERS for ch in stripped) and not any(ch in "0#?" for ch in stripped.replace(".0", ""))


def general(value: Decimal, locale: Locale = UKRAINIAN) -> str:
    """The ``General`` text: up to 15 significant digits, no grouping, no trailing zeros."""
    value = exact(str(value)) or Decimal(0)
    if value == 0:
        return "0"
    if abs(value) >= Decimal("1e15") or abs(value) < Decimal("1e-9"):
        mantissa, exp = f"{value:.5E}".split("E")
        mantissa = mantissa.rstrip("0").rstrip(".")
        return mantissa.replace(".", locale.decimal) + "E" + ("+" if int(exp) >= 0 else "-") + f"{abs(int(exp)):02d}"
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", locale.decimal)


def _split_general(section: str) -> tuple[str, str, str]:
    low = section.lower()
    i = low.find("general")
    if i < 0:
        return section, "", ""
    return section[:i], section[i:i + 7], section[i + 7:]


def _literal(part: str) -> str:
    """The visible text of the literal parts of a section (quotes, escapes, spaces, currency brackets)."""
    return "".join(text for kind, text in _tokens(part) if kind == "lit")


# -- numbers ---------------------------------------------------------------------------


def _render_number(value: Decimal, section: str, locale: Locale) -> str:
    """Placeholders ``0 # ?``, grouping, decimals, scaling commas, percent and exponent, amid literals."""
    tokens = _tokens(section)
    placeholders = [i for i, (kind, _) in enumerate(tokens) if kind == "digit"]
    if not placeholders:
        text = "".join(t for kind, t in tokens if kind == "lit")
        return ("-" if value < 0 else "") + text if "@" not in section else text
    first, last = placeholders[0], placeholders[-1]
    number_part = "".join(t for kind, t in tokens[first:last + 1])
    prefix = "".join(t for kind, t in tokens[:first] if kind == "lit")
    suffix = "".join(t for kind, t in tokens[last + 1:] if kind == "lit")
    # scaling commas stand right after the last placeholder
    trailing = tokens[last + 1:]
    scale = 0
    for kind, t in trailing:
        if kind == "comma":
            scale += 1
        else:
            break
    percent = sum(1 for kind, _ in tokens if kind == "percent")
    if percent:
        value = value * (Decimal(100) ** percent)
        suffix = suffix if "%" in suffix else suffix
    value = value / (Decimal(1000) ** scale) if scale else value
    exp_match = re.search(r"[eE]([+-])", number_part)
    if exp_match:
        body = _scientific(value, number_part, exp_match, locale)
    else:
        body = _fixed(value, number_part, locale)
    text = prefix + body + suffix
    if percent and "%" not in text:
        text += "%"
    return text


def _tokens(section: str) -> list[tuple[str, str]]:
    """(kind, text) pairs: digit placeholders, ``.``, ``,``, ``%``, exponent marks and visible literals."""
    out: list[tuple[str, str]] = []
    i, n = 0, len(section)
    while i < n:
        ch = section[i]
        if ch == '"':
            end = section.find('"', i + 1)
            end = n if end < 0 else end
            out.append(("lit", section[i + 1:end]))
            i = end + 1
            continue
        if ch == "\\" and i + 1 < n:
            out.append(("lit", section[i + 1]))
            i += 2
            continue
        if ch == "_" and i + 1 < n:
            out.append(("lit", " "))
            i += 2
            continue
        if ch == "*" and i + 1 < n:
            i += 2
            continue
        if ch == "[":
            end = section.find("]", i)
            end = n if end < 0 else end
            inner = section[i + 1:end]
            if inner.startswith("$"):
                out.append(("lit", inner[1:].split("-", 1)[0]))
            i = end + 1
            continue
        if ch in "0#?":
            out.append(("digit", ch))
        elif ch == ".":
            out.append(("point", ch))
        elif ch == ",":
            out.append(("comma", ch))
        elif ch == "%":
            out.append(("percent", ch))
            out.append(("lit", "%"))
        elif ch in "eE" and i + 1 < n and section[i + 1] in "+-":
            out.append(("digit", section[i:i + 2]))
            i += 2
            continue
        elif ch == "@":
            out.append(("lit", ""))
        else:
            out.append(("lit", ch))
        i += 1
    return out


def _fixed(value: Decimal, number_part: str, locale: Locale) -> str:
    """``value`` under a placeholder run such as ``#,##0.0#`` (no exponent)."""
    int_spec, _, dec_spec = number_part.partition(".")
    dec_digits = [c for c in dec_spec if c in "0#?"]
    min_dec = sum(1 for c in dec_digits if c == "0")
    max_dec = len(dec_digits)
    # "#,##0" groups with the locale's separator; "# ##0" (a literal space between placeholders, as some
    # Ukrainian templates write it) groups with that literal
    literal_group = re.search(r"[#0?]([ \u00a0])+[#0?]", int_spec)
    grouping = "," in int_spec.strip(",") or literal_group is not None
    group_sign = locale.group if "," in int_spec.strip(",") or literal_group is None else literal_group.group(1)
    min_int = sum(1 for c in int_spec if c == "0")
    value = exact(str(value)) or Decimal(0)
    rounded = value.quantize(Decimal(1).scaleb(-max_dec), rounding=ROUND_HALF_UP)
    negative = rounded < 0
    digits = format(abs(rounded), "f")
    int_text, _, dec_text = digits.partition(".")
    dec_text = dec_text.ljust(max_dec, "0")[:max_dec]
    while len(dec_text) > min_dec and dec_text.endswith("0"):
        dec_text = dec_text[:-1]
    int_text = int_text.lstrip("0")
    if len(int_text) < min_int:
        int_text = int_text.rjust(min_int, "0")
    if grouping and int_text:
        int_text = group_thousands(int_text, group_sign)
    literal_inside = "".join(c for c in int_spec if c not in "0#?, \u00a0")
    text = int_text + (locale.decimal + dec_text if dec_text or ("." in number_part and max_dec and min_dec) else "")
    if "." in number_part and not dec_text and max_dec == 0 and dec_spec == "":
        text = int_text + locale.decimal  # "0." shows the decimal sign with nothing after it
    if not text:
        text = "0" if min_int == 0 and not dec_text else text
    return ("-" if negative else "") + literal_inside + text


def _scientific(value: Decimal, number_part: str, match: re.Match, locale: Locale) -> str:
    mantissa_spec = number_part[:match.start()]
    exp_spec = number_part[match.end():]
    _, _, dec_spec = mantissa_spec.partition(".")
    max_dec = sum(1 for c in dec_spec if c in "0#?")
    text = f"{value:.{max_dec}E}"
    mantissa, exp = text.split("E")
    exp_int = int(exp)
    sign = "-" if exp_int < 0 else ("+" if match.group(1) == "+" else "")
    width = max(1, sum(1 for c in exp_spec if c == "0"))
    return mantissa.replace(".", locale.decimal) + "E" + sign + str(abs(exp_int)).rjust(width, "0")


# -- dates and times -------------------------------------------------------------------------


def serial_to_datetime(value: Decimal, date1904: bool = False) -> datetime:
    """A spreadsheet date serial as a datetime (1900 system with its phantom 29 February 1900; or 1904)."""
    days = float(value)
    if date1904:
        return _EPOCH_1904 + timedelta(days=days)
    if days < 60:
        days += 1  # serials before the phantom 1900-02-29 count from 1899-12-31
    return _EPOCH_1900 + timedelta(days=days)


_DATE_TOKEN = re.compile(
    r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.|am/pm|a/p|yyyy|yyy|yy|y|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|\.0+|.',
    re.I,
)


def _render_date(value: Decimal, section: str, date1904: bool, locale: Locale) -> str:
    when = serial_to_datetime(value, date1904)
    fraction_digits = 0
    m = re.search(r"s\.(0+)", section, re.I)
    if m:
        fraction_digits = len(m.group(1))
    else:
        when = when + timedelta(milliseconds=500)  # seconds are shown rounded
        when = when.replace(microsecond=0)
    tokens = _DATE_TOKEN.findall(section)
    twelve_hour = any(t.lower() in ("am/pm", "a/p") for t in tokens)
    out = []
    last_was_hour = False
    for i, t in enumerate(tokens):
        low = t.lower()
        if low.startswith('"'):
            out.append(t[1:-1])
        elif low.startswith("\\"):
            out.append(t[1:])
        elif low.startswith("["):
            inner = t[1:-1]
            if inner.lower() in ("h", "hh"):
                total = int((value * 24).to_integral_value(rounding="ROUND_FLOOR"))
                out.append(str(total).rjust(len(inner), "0"))
                last_was_hour = True
            elif inner.startswith("$"):
                out.append(inner[1:].split("-", 1)[0])
            continue
        elif low.startswith("_"):
            out.append(" ")
        elif low.startswith("*"):
            continue
        elif low in ("yyyy", "yyy"):
            out.append(f"{when.year:04d}")
        elif low in ("yy", "y"):
            out.append(f"{when.year % 100:02d}")
        elif low.startswith("m") and low in ("m", "mm") and (last_was_hour or _followed_by_seconds(tokens, i)):
            out.append(f"{when.minute:0{len(low)}d}")
        elif low == "mmmmm":
            out.append(locale.months[when.month - 1][0])
        elif low == "mmmm":
            out.append(locale.months[when.month - 1])
        elif low == "mmm":
            out.append(locale.months_short[when.month - 1])
        elif low in ("mm", "m"):
            out.append(f"{when.month:0{len(low)}d}")
        elif low == "dddd":
            out.append(locale.days[when.weekday()])
        elif low == "ddd":
            out.append(locale.days_short[when.weekday()])
        elif low in ("dd", "d"):
            out.append(f"{when.day:0{len(low)}d}")
        elif low in ("hh", "h"):
            hour = when.hour % 12 or 12 if twelve_hour else when.hour
            out.append(f"{hour:0{len(low)}d}")
            last_was_hour = True
            continue
        elif low in ("ss", "s"):
            out.append(f"{when.second:0{len(low)}d}")
        elif low.startswith(".0") and fraction_digits:
            frac = when.microsecond / 1e6
            out.append(locale.decimal + f"{frac:.{fraction_digits}f}"[2:])
        elif low in ("am/pm", "a/p"):
            out.append(("AM" if when.hour < 12 else "PM") if low == "am/pm" else ("A" if when.hour < 12 else "P"))
        else:
            out.append(t)
        if t.strip() and low not in (":",):
            last_was_hour = last_was_hour and low in (":",)
    return "".join(out)


def _followed_by_seconds(tokens: list[str], i: int) -> bool:
    for t in tokens[i + 1:]:
        low = t.lower()
        if low in ("s", "ss"):
            return True
        if low.isalpha():
            return False
    return False
