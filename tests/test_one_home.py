"""Each token rule has one home: extractor/readers/common/tokens.py.

Item numbers, values, page numbers, years, bulleted lines and column numbers
are recognised by the predicates of ``tokens``; a module that compiles its
own pattern for one of them drifts from the others (one reader takes
"01.07.20" for an item number, another does not). The test imports every
module of the package, collects its module-level compiled patterns (and the
literal patterns its functions hand to ``re``/``regex``) and runs each
against a probe set per rule: texts every variant of the rule accepts
and texts every variant rejects. A pattern that sorts a probe set the way
the rule does is a copy of the rule, unless it is listed in ``ALLOWED`` with
the reason it is another rule.

Below, the unit tests of each predicate, named after the case each pins.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from pathlib import Path

import pytest
import regex

import extractor
from extractor.readers.common import tokens
from extractor.readers.common.tokens import (
    column_number,
    column_numbers,
    counts_on,
    first_year,
    has_decimals,
    has_digit_besides_years,
    is_amount,
    is_body_value,
    is_bullet_line,
    is_dash,
    is_grouped_integer,
    is_groups_tail,
    is_item_number,
    is_numbering_row,
    is_ordinal,
    is_page_number,
    is_percent,
    is_small_integer,
    is_value,
    is_year_heading,
    is_years,
    item_depth,
    split_item_number,
    split_item_prefix,
    strip_bullet,
)

#: (rule, texts every variant of it accepts, texts every variant rejects)
PROBES = {
    "item number": (
        ["1.", "2.1", "3.2.1.", "12.", "4.10"],
        ["", "Назва", "1,5", "1 250", "2022 рік", "x", "-", "01.07.2022", "1.5 млн"],
    ),
    "item number opening a text": (
        ["1. Назва заходу", "2.1. Ремонт покрівлі", "3. Фінансування"],
        ["", "Назва", "1,5 тис.", "2022 рік", "- вул. Гоголя", "Іl. Назва", "01.07.2022 Рішення"],
    ),
    "value": (
        ["1 250,5", "97,6", "12", "0,5", "1250000"],
        ["", "Назва", "1.2.3.", "2021 рік", "x", "12 млн", "1. Назва"],
    ),
    "number with decimals": (
        ["1,5", "1 250,00", "план 12.5 %"],
        ["", "12", "1.", "2021", "Назва", "1,", "1, 2"],
    ),
    "dash": (
        ["-", "—", " – "],
        ["", "Назва", "1", "- 3 -", "-5", "x", ".", ",", "(", "«»"],
    ),
    "percent": (
        ["97,6%", "100 %", "3.5%"],
        ["97,6", "%", "Назва", "12", "1. Назва"],
    ),
    "page number": (
        ["3", "- 3 -", "12", "— 7 —"],
        ["", "Назва", "3 Назва", "1 250,5", "3,5", "Таблиця 3", "- вул. Гоголя"],
    ),
    "year": (
        ["2022", "2021", "1999"],
        ["22", "12345", "Назва", "1 250", "202", "3.1"],
    ),
    "bulleted line": (
        ["- вул. Гоголя, 25;", "• ремонт даху", "— пункт", "▪ об'єкт"],
        ["", "Назва", "1. Назва", "вул. Гоголя - 25", "2022", "«Назва»", "(примітка)"],
    ),
    "column number": (
        ["1", "2", "12", "125"],
        ["", "1234", "1,5", "Назва", "- 3 -", "1 250", "-3"],
    ),
}

#: patterns that classify a probe set like a rule but are another rule:
#: module -> {module-level name, or an inline pattern's source: reason}
ALLOWED = {
    "extractor.normalize.numbers": {
        "_NUMBER_RE": "the number parser: splits a value into sign, digits and decimals to compute it",
        r"[,.][0-9]": "the number parser: whether the number it joined from wrapped lines has decimals",
    },
    "extractor.normalize.years": {
        "_YEAR_RE": "the year parser: reads the year (and spans of years) out of a header text",
    },
}

_MODES = {
    "match": lambda p, s: p.match(s) is not None,
    "fullmatch": lambda p, s: p.fullmatch(s) is not None,
    "search": lambda p, s: p.search(s) is not None,
}


def _modules():
    names = [extractor.__name__] + [
        m.name for m in pkgutil.walk_packages(extractor.__path__, prefix="extractor.")
        if m.name not in (tokens.__name__, "extractor.__main__")  # __main__ runs the command line
    ]
    out = []
    for name in names:
        try:
            out.append(importlib.import_module(name))
        except ImportError as exc:  # an optional dependency missing here: nothing to scan in it
            if "extractor" in str(exc):
                raise
    return out


def _patterns(module):
    """(name, pattern) of the module-level compiled str patterns, also inside module-level tuples, lists, dicts."""
    for name, value in vars(module).items():
        items = [value]
        if isinstance(value, (tuple, list)):
            items = list(value)
        elif isinstance(value, dict):
            items = list(value.values())
        for item in items:
            if isinstance(item, (re.Pattern, regex.Pattern)) and isinstance(item.pattern, str):
                yield name, item


_RE_CALLS = {"compile", "match", "search", "fullmatch", "sub", "subn", "findall", "finditer", "split"}


def _inline_patterns(module):
    """(where, pattern) of the literal patterns a module's functions hand to ``re``/``regex`` directly
    (``regex.match(r"^\\d{1,2}\\.?$", text)``): a copy need not be a module-level name."""
    path = getattr(module, "__file__", None)
    if not path or not path.endswith(".py"):
        return
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    functions = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))]
    for node in (call for f in functions for call in ast.walk(f)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in ("re", "regex")
            and node.func.attr in _RE_CALLS
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            try:
                yield node.args[0].value, regex.compile(node.args[0].value)
            except regex.error:
                continue


def _sorts_like(pattern, accept, reject) -> str | None:
    for mode, hit in _MODES.items():
        try:
            if all(hit(pattern, s) for s in accept) and not any(hit(pattern, s) for s in reject):
                return mode
        except (TypeError, re.error):
            return None
    return None


def copies_of_token_rules() -> list[str]:
    """"module.NAME copies <rule> (<mode>)" for every module-level pattern that sorts a probe set like a rule."""
    found = []
    for module in _modules():
        allowed = ALLOWED.get(module.__name__, {})
        named = [(n, p) for n, p in _patterns(module) if n not in allowed and vars(tokens).get(n) is not p]
        for name, pattern in named + list(_inline_patterns(module)):
            if name in allowed:
                continue
            for rule, (accept, reject) in PROBES.items():
                mode = _sorts_like(pattern, accept, reject)
                if mode:
                    found.append(f"{module.__name__}.{name} copies the {rule} rule ({mode})")
    return found


def test_no_module_defines_its_own_token_rule():
    assert copies_of_token_rules() == []


def test_allowed_patterns_still_exist():
    """An allow-list entry whose pattern is gone is stale: keep the list true."""
    for module_name, names in ALLOWED.items():
        module = importlib.import_module(module_name)
        inline = {source for source, _ in _inline_patterns(module)}
        for name in names:
            assert isinstance(vars(module).get(name), (re.Pattern, regex.Pattern)) or name in inline, (
                f"{module_name}: {name}")


def test_inline_pattern_in_a_function_is_found(tmp_path):
    """A rule copied into a function call (not a module-level name) is found too."""
    import types

    path = tmp_path / "probe.py"
    path.write_text(
        'import regex\n\n\ndef first_cell_numbered(texts):\n'
        '    return regex.match(r"^\\d{1,3}(?:\\.\\d{1,3})*\\.?$", texts[0])\n',
        encoding="utf-8",
    )
    module = types.ModuleType("probe")
    module.__file__ = str(path)
    found = [_sorts_like(p, *PROBES["item number"]) for _, p in _inline_patterns(module)]
    assert found == ["match"]


@pytest.mark.parametrize(
    "source",
    [
        r"^\d{1,3}(?:\.\d{1,3})*\.?$",  # the row readers' item number
        r"^\d{1,3}(?:\.\d{1,3})*\.$|^\d{1,3}(?:\.\d{1,3})+$",  # an item number with its dot
        r"^\s*\d{1,3}(?:\.\d{1,3})*\.(?:\s|$)|^\s*\d{1,3}(?:\.\d{1,3})+(?:\s|$)",  # one opening a cell's text
        r"^(?:\d{1,2}\.)+\s+[^\W\d_]",  # a numbered section heading
        r"^(?:[-+−–—]?\s?[\d\u00a0 ]*\d(?:[.,]\d+)?\s?%?|[-–—]+)$",  # a value cell
        r"^[-+−–]?\s?\d+(?:[.,]\d+)?\s?%$",  # a percent
        r"^[-–—]?\s*\d{1,4}\s*[-–—]?$",  # a page number
        r"^\W*\d{1,4}\W*$",  # a looser page number
        r"(?<!\d)(?:19|20)\d\d(?!\d)",  # a year in a text
        r"^\s*[-–—•·▪]\s+\S",  # a bulleted line
        r"^\d{1,3}$",  # a column number
        r"\d[,.]\d",  # a number with decimals somewhere in a text
        r"^\s*[-–—]\s*$",  # a dash for no value
    ],
)
def test_probe_sets_catch_the_copies_there_were(source):
    """The probes would have caught the copies the readers and extract kept before tokens.py."""
    pattern = re.compile(source)
    assert any(_sorts_like(pattern, a, r) for a, r in PROBES.values())


@pytest.mark.parametrize(
    "rule,predicate",
    [
        ("item number", lambda s: is_item_number(s, dotted=True)),
        ("item number opening a text", lambda s: bool((m := split_item_number(s, roman=True)) and m[1])),
        ("value", is_value),
        ("number with decimals", has_decimals),
        ("dash", is_dash),
        ("percent", is_percent),
        ("page number", is_page_number),
        ("year", is_year_heading),
        ("year", is_years),
        ("bulleted line", is_bullet_line),
        ("column number", lambda s: column_number(s) is not None),
    ],
)
def test_each_rule_sorts_its_own_probe_set(rule, predicate):
    """The probes say what the rule in tokens.py says (else the copy test would look for another rule)."""
    accept, reject = PROBES[rule]
    assert [s for s in accept if not predicate(s)] == []
    assert [s for s in reject if predicate(s)] == []


# -- item numbers ------------------------------------------------------------------------------


def test_item_number_bare_and_dotted_levels():
    assert all(is_item_number(s) for s in ("1", "1.", "2.1", "3.2.1.", "125"))
    assert not any(is_item_number(s) for s in ("", "1234", "1,5", "1.2345", "a1", "1.5 млн", "ІІ"))


def test_item_number_with_a_leading_zero_is_a_date_not_an_item():
    assert not is_item_number("01.07.20")
    assert not is_item_number("01.07.20", dotted=True)
    assert not is_body_value("01.07.20")


def test_item_number_dotted_wants_a_dot():
    assert is_item_number("3.", dotted=True) and is_item_number("3.2", dotted=True)
    assert not is_item_number("3", dotted=True)


def test_item_number_roman_and_parentheses():
    assert is_item_number("ІІ.", roman=True, dotted=True) and is_item_number("(2.)", dotted=True, parens=True)
    assert not is_item_number("ІІ", roman=True, dotted=True)
    assert is_item_number("ІІ", roman=True)
    assert not is_item_number("(2)")


def test_item_number_any_length_takes_a_year_as_a_plain_number():
    assert is_item_number("2019", any_length=True) and is_item_number("1234.5", any_length=True)
    assert not is_item_number("2019")


def test_ordinal_of_a_number_column():
    assert all(is_ordinal(s) for s in ("1", "1.", "2.1", "(3)", "3)", "ІІ", "IV.", "XII"))
    assert not any(is_ordinal(s) for s in ("Назва", "1,5", "2022", "І кв."))


def test_item_depth_tells_task_from_measure():
    assert item_depth("2.") == 1 and item_depth("2") == 1
    assert item_depth("2.1") == 2 and item_depth("3.2.1.") == 3
    assert item_depth("Назва") is None and item_depth("0.5") is None


def test_split_item_number_opening_a_text():
    assert split_item_number("3.2 Ремонт покрівлі") == ("3.2", "Ремонт покрівлі")
    assert split_item_number("2.") == ("2.", "")
    assert split_item_number("1.Назва") is None
    assert split_item_number("1.Назва", glued=True) == ("1.", "Назва")
    assert split_item_number("1.5 млн", dotted=True) is not None  # "1.5" is an item number's form


def test_split_item_number_roman_needs_its_dot_before_a_text():
    assert split_item_number("ІІ. Показники затрат", roman=True) == ("ІІ.", "Показники затрат")
    assert split_item_number("І Показники", roman=True) is None
    assert split_item_number("2. Завдання", roman=True, arabic=False) is None


def test_split_item_prefix_reads_every_printed_form_of_a_cell_opening_with_its_number():
    """The item number extract splits from a task, measure or heading cell (normalize.text.strip_number_prefix):
    wider than split_item_number (glued, closing ")", lettered, after a label), the number without its marks."""
    assert split_item_prefix("1.1Текст") == ("1.1", "Текст")
    assert split_item_prefix("2) Текст") == ("2", "Текст")
    assert split_item_prefix("2.Текст") == ("2", "Текст")
    assert split_item_prefix("ІІ. Показники") == ("ІІ", "Показники")
    assert split_item_prefix("а) заміна") == ("а", "заміна")
    assert split_item_prefix("3") == ("3", "")
    assert split_item_prefix("Розділ № ІІ: Дороги", ("розділ",)) == ("ІІ", "Дороги")
    assert split_item_prefix("Розділ ІІ: Дороги") == (None, "Розділ ІІ: Дороги")  # no labels given
    for text in ("12 камер", "І квартал 2020 року", "29.12.2016 рішення", "01.07 Текст", "0. Текст"):
        assert split_item_prefix(text) == (None, text)


def test_split_item_number_dotted_rejects_a_bare_integer():
    assert split_item_number("3 Фінансування", dotted=True) is None
    assert split_item_number("3. Фінансування", dotted=True) == ("3.", "Фінансування")


# -- values ------------------------------------------------------------------------------------


def test_value_loose_about_groups():
    assert all(is_value(s) for s in ("1 250,5", " 97,6 % ", "12", "-", "—", "12 34"))
    assert not any(is_value(s) for s in ("x", "Назва", "12 млн", "1.2.3"))


def test_amount_strict_about_groups_and_takes_no_value_marks():
    assert all(is_amount(s) for s in ("1 250 000,50", "-12,5", "2019", "-", "x", "х"))
    assert not is_amount("12 34")


def test_decimals_anywhere_in_a_text():
    assert has_decimals("1 250,0") and has_decimals("план 12.5 %") and has_decimals("1 ,5")
    assert not has_decimals("12") and not has_decimals("2021-2023") and not has_decimals("1.")


def test_dash_marks_no_value():
    assert is_dash("-") and is_dash(" — ") and is_dash("--") and is_dash("−")
    assert not is_dash("") and not is_dash("-5") and not is_dash("x")


def test_percent():
    assert all(is_percent(s) for s in ("97,6%", "100 %", "-3.5%"))
    assert not any(is_percent(s) for s in ("97,6", "%", "1 250 %"))


def test_body_value_holds_decimals_percents_and_dotted_items_not_integers():
    assert all(is_body_value(s) for s in ("1 250,5", "97 %", "1.", "2.1", " 3,0 "))
    assert not any(is_body_value(s) for s in ("12", "2022", "Назва", "-"))


def test_small_integer_and_its_sign():
    assert is_small_integer("125") and not is_small_integer("1250") and not is_small_integer("-12")
    assert is_small_integer("-12", signed=True)


def test_wrapped_thousands_head_and_tail():
    assert is_grouped_integer("1 587") and is_grouped_integer("-12 345 678") and not is_grouped_integer("1587")
    assert is_groups_tail("425,36") and is_groups_tail("345 678,5") and not is_groups_tail("42,36")


# -- page numbers, years, bullets ----------------------------------------------------------------


def test_page_number_forms():
    assert all(is_page_number(s) for s in ("3", "- 3 -", "— 12 —", "стор. 3", "Сторінка 3 з 10", "3/10"))


def test_page_number_is_not_a_year_or_an_item():
    assert not any(is_page_number(s) for s in ("2022", "3.", "Таблиця 3", "3 Назва"))


def test_year_heading():
    assert all(is_year_heading(s) for s in ("2022", "2021-2023 рр.", "ІІ кв. 2022", "2022 рік", "протягом 2023 року"))
    assert not any(is_year_heading(s) for s in ("22", "план на 2022 рік", "20222", "2021, 2022"))


def test_years_only_lists_years():
    assert all(is_years(s) for s in ("2021", "2021-2023 рр.", "2021, 2022 роки", "2021 р. 2022 р."))
    assert not any(is_years(s) for s in ("ІІ кв. 2022", "план на 2022 рік", "22"))


def test_first_year_of_a_label():
    assert first_year("план на 2022 рік") == 2022 and first_year("2021-2023") == 2021
    assert first_year("20221") is None and first_year("Назва") is None


def test_digits_besides_years_are_data():
    assert not has_digit_besides_years("на 2022 рік, тис. грн")
    assert not has_digit_besides_years("2021-2023")
    assert has_digit_besides_years("2022 12,5")
    assert has_digit_besides_years("20222")


def test_bullet_line_spaced_or_not():
    assert is_bullet_line("- вул. Гоголя, 25;") and is_bullet_line("  • ремонт")
    assert not is_bullet_line("-5") and is_bullet_line("-вул. Гоголя", spaced=False)
    assert not is_bullet_line("- ", spaced=False)
    assert strip_bullet("  — вул. Гоголя, 25;") == "вул. Гоголя, 25;"


# -- column numbering --------------------------------------------------------------------------


def test_column_number_with_and_without_dot():
    assert column_number("3") == 3 and column_number("3.") is None and column_number("3.", dot=True) == 3
    assert column_numbers(["1", "2", "x"]) is None and column_numbers(["1", "2"]) == [1, 2]


def test_counts_on_from_a_start():
    assert counts_on([1, 2, 3]) and counts_on([5, 6, 7]) and counts_on([4, 5], start=4)
    assert not counts_on([1, 3]) and not counts_on([]) and not counts_on([2, 3], start=1)


def test_numbering_row_broken_across_lines_runs_on():
    assert is_numbering_row(["1", "2", "3", "4"]) and is_numbering_row(["5", "6"])
    assert not is_numbering_row(["1", "3"]) and not is_numbering_row(["1", "Назва"])
    assert is_numbering_row(["1.", "2.", "3."], dot=True, start=1) and not is_numbering_row(["2", "3"], start=1)


def test_numbering_row_of_a_grid_with_merged_cells_may_skip():
    assert is_numbering_row(["1", "2", "4", "5"], gaps=True)
    assert is_numbering_row(["1.", "2.", "3."], gaps=True, dot=True)
    assert not is_numbering_row(["1", "2"], gaps=True)  # two numbers prove nothing
    assert not is_numbering_row(["3", "4", "5"], gaps=True)  # starts late: values, not column numbers
    assert not is_numbering_row(["1", "2", "2"], gaps=True)
