"""Indicator table → IndicatorRow list.

Group heading rows ("І. Показники затрат", "II. Показники продукту", or the
same words with no numeral) set the group of the rows below them; a row
whose only text is not a known group (a spacer, a note) is skipped. A cell
that spans two columns belongs to the column it starts in, so an
explanation spanning "Причини" and "Що зроблено" is the reason.
"""

from __future__ import annotations

import regex

from ..models import IndicatorGroup, IndicatorRow
from ..normalize.numbers import try_number
from ..normalize.text import clean_text, fold, normalize_item_number, strip_number_prefix, text_value
from .cells import GridView, row_location
from .columns import TableLayout
from .vocab import Vocabulary

#: a group numeral: Roman in Latin or Cyrillic letters (І, Х), or Arabic
_NUMERAL_RE = regex.compile(r"^\s*(?:[IVXІХⅠⅡⅢⅣ]{1,4}|\d{1,2})\s*[.)]?\s+")


#: any short token closing with a period, parenthesis or comma: a numeral OCR misread ("Il.", "ПІ.", "I,")
_ANY_NUMERAL_RE = regex.compile(r"^\s*\S{1,4}[.),]\s+")


def group_heading(text: str, vocab: Vocabulary) -> tuple[IndicatorGroup, str] | None:
    """(group, title without its numeral) when ``text`` is a group heading.

    The numeral is a Roman or Arabic one; any short token closing with a
    period is taken for one too when the words after it name a group (a
    scan read by OCR turns "II." into "Il." or "П.").
    """
    cleaned = clean_text(text)
    for pattern in (_NUMERAL_RE, _ANY_NUMERAL_RE):
        title = clean_text(pattern.sub("", cleaned, count=1))
        if not title:
            return None
        name, length = vocab.indicator_groups.starts(fold(title))
        if name is not None and len(fold(title)) <= length + 40:
            return IndicatorGroup(name), title
    return None


def is_cut_heading(view: GridView, r: int, col: dict[str, int | None]) -> bool:
    """A row with neither a number nor a name and no number in its planned and actual cells: the words of a
    heading printed across the row and cut into cells by a reader that found no drawn cells ("ІІ. Показники" |
    "продукту" under the unit and planned columns); its texts joined are read as a group heading."""
    if any(clean_text(view.text(r, col[k])) for k in ("number", "name") if col[k] is not None):
        return False
    return all(try_number(view.text(r, col[k]))[0] is None for k in ("planned", "actual") if col[k] is not None)


def extract_indicators(layout: TableLayout, vocab: Vocabulary) -> list[IndicatorRow]:
    table = layout.table
    view = GridView.of(table)
    col = {name: (layout.first(name).col if layout.first(name) else None)
           for name in ("number", "name", "unit", "planned", "actual", "reason", "remedy")}
    rows: list[IndicatorRow] = []
    group: IndicatorGroup | None = None
    group_title: str | None = None
    for r in range(layout.header_rows, layout.body_end):
        texts = [t for t in view.origin_texts(r) if t]
        if not texts:
            continue
        values = [clean_text(view.text(r, col[k])) for k in ("unit", "planned", "actual")]
        if len(texts) == 1 or not any(values) or is_cut_heading(view, r, col):
            found = group_heading(texts[0] if len(texts) == 1 else " ".join(texts), vocab)
            if found is None and len(texts) > 1:
                found = group_heading(view.text(r, col["name"]), vocab)
            if found is not None:
                group, group_title = found
                continue
            if len(texts) == 1:
                continue  # a spacer or note spanning the row
        number = normalize_item_number(view.text(r, col["number"])) if col["number"] is not None else None
        name_text = view.text(r, col["name"])
        if number is None:
            num, rest = strip_number_prefix(name_text)
            if num is not None:
                number, name_text = normalize_item_number(num), rest
        row = IndicatorRow(
            group=group,
            group_title=group_title,
            number=number,
            name=text_value(name_text),
            unit=text_value(view.text(r, col["unit"])),
            reason=text_value(view.text(r, col["reason"])),
            remedy=text_value(view.text(r, col["remedy"])),
            location=row_location(table, r),
        )
        for key in ("planned", "actual"):
            if col[key] is None:
                continue
            text = view.text(r, col[key])
            value, _numeric = try_number(text)
            setattr(row, key, value)
            row.raw[key] = clean_text(text)
            row.location.read_from(key, col[key])
        rows.append(row)
    return rows
