#!/usr/bin/env python3
"""Generate synthetic target-program reports in layouts the bundled samples do not show, with expected JSON.

Two kinds of variants feed the same machinery:
  variants_a.VARIANTS   (v01–v12): declarative specs; build_doc() derives content and answers from a seeded RNG;
  variants_b.VARIANTS_B (v13–v22) and variants_d.VARIANTS_D (v32–v36): hand-built blocks and expected JSON;
  variants_c.VARIANTS_C (v23–v31): specs like variants_a, in wordings the vocabulary lacks.
For each variant it writes <out>/<id>.{docx,txt,expected.json}, optionally <id>.cp1251.txt, and through
LibreOffice (`soffice --headless`) and poppler (`pdftotext -layout`) <id>.pdf and <id>.layout.txt; and
with undrawn table cells <id>.calc.pdf (a spreadsheet printed by LibreOffice Calc, only the header ruled),
<id>.web.pdf (a borderless web page printed by headless Chromium) and <id>.lotext.txt (LibreOffice's Text
export: one cell per line); and the spreadsheet and the web page themselves: <id>.xlsx (amounts as numbers)
and <id>.html.

Usage (with an interpreter that has python-docx, e.g. the project venv):
    python qa/gen.py [--out DIR] [VARIANT_ID ...]
"""
import argparse
import sys

import json
import random
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

QA_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(QA_DIR))
from content import REASONS, REMEDIES, THEMES  # noqa: E402


DEFAULT_OUT = QA_DIR / "out"
SOFFICE_TIMEOUT_S = 180
NBSP = "\u00a0"
MONTHS = ["січня", "лютого", "березня", "квітня", "травня", "червня", "липня",
          "серпня", "вересня", "жовтня", "листопада", "грудня"]
GROUP_TITLES = {"cost": "Показники затрат", "product": "Показники продукту",
                "efficiency": "Показники ефективності", "quality": "Показники якості"}
GROUP_ORDER = ["cost", "product", "efficiency", "quality"]
NUMERALS = {"cyr": ["І.", "ІІ.", "ІІІ.", "ІV."], "lat": ["I.", "II.", "III.", "IV."],
            "arab": ["1.", "2.", "3.", "4."], "none": ["", "", "", ""]}


# ---------------------------------------------------------------- model
@dataclass
class Cell:
    paras: list
    bold: bool = False
    align: str = "left"


H = "H"  # covered by the cell to the left (gridSpan)
V = "V"  # covered by the cell above (vMerge continue)


@dataclass
class Table:
    grid: list            # rows of Cell|H|V
    widths: list          # relative widths
    header_rows: int = 0
    repeat_header: bool = False
    borders: bool = True
    cant_split: bool = True
    no_hyphenate: bool = False   # leave header words whole (e.g. small table font)
    wcols_from: object = None    # Table whose column widths this one reuses (a table continued after a page break)


@dataclass
class Para:
    text: str             # "\n" = manual line break; "\t" = tab
    bold: bool = False
    align: str = "justify"
    tab_right: bool = False
    page_break: bool = False  # paragraph holding a manual page break (Ctrl+Enter)


# ---------------------------------------------------------------- numbers
def fmt(x, dec=1, sep=" "):
    s = f"{abs(x):.{dec}f}"
    ip, _, fp = s.partition(".")
    groups = []
    while len(ip) > 3:
        groups.insert(0, ip[-3:])
        ip = ip[:-3]
    groups.insert(0, ip)
    out = sep.join(groups) + ("," + fp if dec else "")
    return ("-" if x < 0 else "") + out


def years_of(term):
    ys = [int(y) for y in re.findall(r"20\d\d", term)]
    if len(ys) >= 2:
        return list(range(ys[0], ys[1] + 1))
    return ys


def collapse(s):
    return re.sub(r"\s+", " ", s.replace(NBSP, " ")).strip()


# ---------------------------------------------------------------- data
def make_data(v, rng):
    """Semantic content of one report: tasks/measures with amounts."""
    th = THEMES[v["theme"]]
    scale = 1000 if v["unit"] == "грн" else 1
    dec = 2 if v["unit"] == "грн" else v.get("dec", 1)
    bd = v.get("breakdown")  # None | ("sources", [...], total_col) | ("years", [...], mode)
    tasks = []
    for ti, (ttext, measures) in enumerate(th["tasks"], 1):
        ms = []
        for mi, (mtext, mexec, term) in enumerate(measures, 1):
            m = dict(text=mtext, executor=mexec, term=term)
            if bd and bd[0] == "sources":
                parts_p, parts_a = [], []
                for si, _ in enumerate(bd[1]):
                    if si == 0 or rng.random() < 0.5:
                        p = round(rng.uniform(50, 3000) * scale, dec)
                        a = round(p * rng.uniform(0.6, 1.0), dec) if rng.random() < 0.85 else None
                    else:
                        p, a = None, None
                    parts_p.append(p)
                    parts_a.append(a)
                m["bp"], m["ba"] = parts_p, parts_a
            elif bd and bd[0] == "years":
                parts_p, parts_a = [], []
                for y in bd[1]:
                    p = round(rng.uniform(50, 3000) * scale, dec) if rng.random() < 0.85 else None
                    a = round(p * rng.uniform(0.5, 1.0), dec) if (p is not None and rng.random() < 0.85) else None
                    parts_p.append(p)
                    parts_a.append(a)
                if all(p is None for p in parts_p):
                    parts_p[0] = round(500.0 * scale, dec)
                m["bp"], m["ba"] = parts_p, parts_a
            else:
                p = round(rng.uniform(50, 5000) * scale, dec)
                a = round(p * rng.uniform(0.5, 1.0), dec) if rng.random() < 0.8 else None
                m["bp"], m["ba"] = [p], [a]
            ms.append(m)
        tasks.append(dict(text=ttext, measures=ms))
    inds = {}
    for g in GROUP_ORDER:
        lst = []
        for name, unit in th["indicators"][g]:
            if unit == "%":
                p = round(rng.uniform(60, 100), 1)
            elif "грн" in unit:
                p = round(rng.uniform(10, 9000), 1)
            else:
                p = float(rng.randint(2, 1500))
            a = round(p * rng.uniform(0.6, 1.05), 1) if "грн" in unit or unit == "%" else float(int(p * rng.uniform(0.6, 1.0)))
            if rng.random() < 0.1:
                a = None
            under = a is None or a < p
            reason = rng.choice(REASONS) if under and rng.random() < 0.8 else None
            remedy = rng.choice(REMEDIES) if reason else None
            lst.append(dict(name=name, unit=unit, planned=p, actual=a, reason=reason, remedy=remedy))
        inds[g] = lst
    return th, tasks, inds, dec


def sumn(xs, dec):
    xs = [x for x in xs if x is not None]
    return round(sum(xs), dec) if xs else None


def pct(p, a):
    if p in (None, 0) or a is None:
        return None
    return round(a / p * 100, 1)


# ---------------------------------------------------------------- funding table
def build_funding(v, tasks, dec, rng):
    """Returns (Table, expected funding rows, funding_unit)."""
    sep = v.get("sep", " ")
    dash = v.get("dash", "–")
    pcts = v.get("pct_sign", "")
    bd = v.get("breakdown")
    unit_label = v.get("unit_label", "тис. грн" if v["unit"] == "тис. грн" else "грн")
    taskmode = v.get("taskmode", "vmerge")   # vmerge | repeat | heading
    numcol = v.get("numcol", "prefix")       # prefix | prefixdot | own
    has_pct = v.get("has_pct", True)
    extra = v.get("extra", [])               # "sources_text", "deviation"
    HD = v["headers"]

    def num(x):
        return dash if x is None else fmt(x, dec, sep)

    # ---- columns (logical)
    cols = []  # (key, header1, header2 or None)
    if taskmode != "heading":
        cols.append(("tno", HD.get("no", "№ з/п"), None))
        cols.append(("task", HD["task"], None))
    else:
        cols.append(("mno", HD.get("no", "№ з/п"), None))
    if numcol == "own" and taskmode != "heading":
        cols.append(("mno", HD.get("mno", "№ заходу"), None))
    cols.append(("measure", HD["measure"], None))
    order_tail = v.get("order", ["term", "executor", "src", "money", "dev", "pct"])
    for key in order_tail:
        if key == "term":
            cols.append(("term", HD["term"], None))
        elif key == "executor":
            cols.append(("executor", HD["executor"], None))
        elif key == "src" and "sources_text" in extra:
            cols.append(("srctext", "Джерела фінансування", None))
        elif key == "money":
            if bd is None:
                cols.append(("planned", HD["planned"], None))
                cols.append(("actual", HD["actual"], None))
            elif bd[0] == "sources":
                if bd[2]:
                    cols.append(("planned", HD["planned"], "Усього"))
                for i, s in enumerate(bd[1]):
                    cols.append((f"bp{i}", HD["planned"], s))
                if bd[2]:
                    cols.append(("actual", HD["actual"], "Усього"))
                for i, s in enumerate(bd[1]):
                    cols.append((f"ba{i}", HD["actual"], s))
            elif bd[0] == "years":
                mode = bd[2]
                if mode == "planfact":
                    for i, y in enumerate(bd[1]):
                        cols.append((f"bp{i}", f"{y} рік", "план"))
                        cols.append((f"ba{i}", f"{y} рік", "факт"))
                elif mode == "planonly+total":
                    for i, y in enumerate(bd[1]):
                        cols.append((f"bp{i}", HD["planned"], f"{y} рік"))
                    cols.append(("planned", HD["planned"], "Усього"))
                    cols.append(("actual", HD["actual"], f"{v['report_year']} рік"))
        elif key == "dev" and "deviation" in extra:
            cols.append(("dev", "Відхилення (+/-), " + unit_label, None))
        elif key == "pct" and has_pct:
            cols.append(("pct", HD["pct"], None))
    two = any(c[2] for c in cols)
    # actual col in planonly+total mode belongs to reporting year
    ncol = len(cols)
    grid = []
    # header rows
    if two:
        r1, r2 = [], []
        i = 0
        while i < ncol:
            key, h1, h2 = cols[i]
            if h2 is None:
                r1.append(Cell([h1], bold=True, align="center"))
                r2.append(V)
                i += 1
            else:
                j = i
                while j < ncol and cols[j][1] == h1 and cols[j][2] is not None:
                    j += 1
                r1.append(Cell([h1], bold=True, align="center"))
                r1.extend([H] * (j - i - 1))
                for k in range(i, j):
                    r2.append(Cell([cols[k][2]], bold=True, align="center"))
                i = j
        grid += [r1, r2]
    else:
        grid.append([Cell([c[1]], bold=True, align="center") for c in cols])
    nhdr = len(grid)
    if v.get("colnums"):
        grid.append([Cell([str(i + 1)], align="center") for i in range(ncol)])
        nhdr += 1
    exp = []
    keys = [c[0] for c in cols]
    tot = {"planned": [], "actual": [], "bp": None, "ba": None}

    def money_cells(m_bp, m_ba, planned, actual, percent, raw_total_printed=True):
        vals = {}
        for i, x in enumerate(m_bp):
            vals[f"bp{i}"] = num(x)
        for i, x in enumerate(m_ba):
            vals[f"ba{i}"] = num(x)
        vals["planned"] = num(planned)
        vals["actual"] = num(actual)
        vals["pct"] = dash if percent is None else fmt(percent, 1, sep) + pcts
        if "dev" in keys:
            dv = None if (planned is None or actual is None) else round(actual - planned, dec)
            vals["dev"] = num(dv)
        return vals

    def row_for(vals_by_key):
        row = []
        for k in keys:
            val = vals_by_key.get(k, "")
            row.append(val if isinstance(val, (Cell, str)) and not isinstance(val, str) else Cell(val.split("\n") if isinstance(val, str) else val))
        return row

    def compute(m):
        bp, ba = m["bp"], m["ba"]
        if bd is None:
            planned, actual = bp[0], ba[0]
            ebd = []
        elif bd[0] == "sources":
            planned, actual = sumn(bp, dec), sumn(ba, dec)
            ebd = [dict(year=None, funding_source=s, planned=bp[i], actual=ba[i]) for i, s in enumerate(bd[1])]
        else:
            mode = bd[2]
            if mode == "planfact":
                planned, actual = sumn(bp, dec), sumn(ba, dec)
                ebd = [dict(year=y, funding_source=None, planned=bp[i], actual=ba[i]) for i, y in enumerate(bd[1])]
            else:  # planonly+total: actual only for the reporting year (last year listed)
                ry = v["report_year"]
                ba = [a if y == ry else None for a, y in zip(ba, bd[1])]
                m["ba"] = ba
                planned, actual = sumn(bp, dec), sumn(ba, dec)
                ebd = [dict(year=y, funding_source=None, planned=bp[i], actual=ba[i]) for i, y in enumerate(bd[1])]
        # now and then the printed total actual is a dash; only a layout that prints that total can show it
        # (under plan/fact by year or by source without total columns the parts stay printed and sum to it), and
        # where it is the reporting year's column of a plan-by-year table that column is the year's actual too
        if actual is not None and rng.random() < 0.05 and "actual" in keys:
            actual = None
            if bd is not None and bd[0] == "years":
                m["ba"] = [None] * len(m["ba"])
                ebd = [dict(b, actual=None) for b in ebd]
        return planned, actual, ebd

    def total_row(label, rows_ms, kind):
        bp_n = len(rows_ms[0]["bp"])
        bps = [sumn([m["bp"][i] for m in rows_ms], dec) for i in range(bp_n)]
        bas = [sumn([m["ba"][i] for m in rows_ms], dec) for i in range(bp_n)]
        planned = sumn([m["_planned"] for m in rows_ms], dec)
        actual = sumn([m["_actual"] for m in rows_ms], dec)
        percent = pct(planned, actual) if has_pct else None
        vals = money_cells(bps if bd else [], bas if bd else [], planned, actual, percent)
        # label spans the text columns
        first_money = min(i for i, k in enumerate(keys) if k in ("planned", "actual") or k.startswith(("bp", "ba")))
        row = [Cell([label], bold=True)] + [H] * (first_money - 1)
        for k in keys[first_money:]:
            row.append(Cell([vals.get(k, "")], bold=True))
        e = dict(kind=kind, task_number=None, task=None, number=None, measure=label or None, object=None,
                 term=None, years=[], executor=None, planned=planned, actual=actual, percent=percent,
                 breakdown=[] if bd is None else [dict(b, planned=bps[i], actual=bas[i]) for i, b in enumerate(base_bd)])
        return row, e

    base_bd = []
    if bd:
        base_bd = [dict(year=None, funding_source=s) for s in bd[1]] if bd[0] == "sources" else \
                  [dict(year=y, funding_source=None) for y in bd[1]]
    all_ms = []
    for ti, t in enumerate(tasks, 1):
        if taskmode == "heading":
            lbl = v.get("task_label", "Завдання {n}. ").format(n=ti)
            grid.append([Cell([lbl + t["text"]], bold=True)] + [H] * (ncol - 1))
        nm = len(t["measures"])
        start_row = len(grid)
        for mi, m in enumerate(t["measures"], 1):
            single = nm == 1 and v.get("single_unnumbered", True)
            mno = str(ti) if single else f"{ti}.{mi}"
            planned, actual, ebd = compute(m)
            m["_planned"], m["_actual"] = planned, actual
            percent = pct(planned, actual) if has_pct else None
            vals = money_cells(m["bp"], m["ba"], planned, actual, percent)
            if numcol == "prefix" and not single:
                mtext = f"{mno}{NBSP if mi == 2 else ' '}{m['text']}"
            elif numcol == "prefixdot" and not single:
                mtext = f"{mno}. {m['text']}"
            else:
                mtext = m["text"]
            cells = dict(vals)
            cells["measure"] = mtext
            cells["term"] = m["term"] + v.get("term_suffix", "")
            cells["executor"] = m["executor"]
            cells["srctext"] = v.get("srctext", "Бюджет міської територіальної громади")
            tno_txt = f"{ti}{v.get('tno_dot', '.')}"
            if taskmode == "heading":
                cells["mno"] = mno + ("." if v.get("mno_dot") else "") if not single else str(ti) + "."
            else:
                if mi == 1 or taskmode == "repeat":
                    cells["tno"] = tno_txt
                    # task_numbered: the task cell prints the task's number too ("2. Ремонт доріг")
                    cells["task"] = (f"{ti}. " if v.get("task_numbered") else "") + t["text"]
                else:
                    cells["tno"] = V
                    cells["task"] = V
                cells["mno"] = (mno + ("." if v.get("mno_dot") else "")) if not single else ""
            row = []
            for k in keys:
                val = cells.get(k, "")
                row.append(val if val == V else Cell(val.split("\n"), align="left" if k in ("task", "measure", "executor", "srctext") else "center"))
            grid.append(row)
            term_printed = cells["term"]
            e = dict(kind="measure", task_number=str(ti), task=t["text"], number=mno, measure=m["text"], object=None,
                     term=term_printed, years=years_of(term_printed), executor=m["executor"],
                     planned=planned, actual=actual, percent=percent,
                     breakdown=[dict(b, planned=m["bp"][i], actual=m["ba"][i]) for i, b in enumerate(base_bd)])
            exp.append(e)
            all_ms.append(m)
        if v.get("subtotals") is not None:  # "" = a sum row without a label
            lbl = v["subtotals"].format(n=ti)
            row, e = total_row(lbl, t["measures"], "subtotal")
            grid.append(row)
            exp.append(e)
    if v.get("total") is not None:
        row, e = total_row(v["total"], all_ms, "total")
        grid.append(row)
        exp.append(e)
    widths = []
    for k in keys:
        widths.append({"tno": 1.0, "mno": 1.1, "task": 3.2, "measure": 4.5, "term": 1.6, "executor": 3.0,
                       "srctext": 2.4, "pct": 1.6, "dev": 1.8}.get(k, 2.0))
    tb = Table(grid, widths, header_rows=nhdr, repeat_header=v.get("repeat_header", False),
               cant_split=v.get("cant_split", True))
    return tb, exp


# ---------------------------------------------------------------- indicators
def build_indicators(v, inds):
    style = v.get("groups", "cyr")   # cyr|lat|arab|none|nogroups
    sep = v.get("sep", " ")
    idash = v.get("ind_dash", "-")
    cols = v.get("ind_cols", ["no", "name", "unit", "planned", "actual", "reason", "remedy"])
    hdr = {"no": "№ з/п", "name": "Найменування показника", "unit": "Одиниця виміру",
           "planned": "Планове значення", "actual": "Фактичне значення",
           "reason": "Причини невиконання", "remedy": "Що зроблено для виконання",
           "dev": "Відхилення (+/-)"}
    hdr.update(v.get("ind_hdr", {}))
    n = len(cols)
    grid = [[Cell([hdr[c]], bold=True, align="center") for c in cols]]
    exp = []
    counter = 0
    for gi, g in enumerate(GROUP_ORDER):
        if style != "nogroups":
            num = NUMERALS[style][gi]
            title = GROUP_TITLES[g]
            grid.append([Cell([(num + " " if num else "") + title], bold=True, align="center")] + [H] * (n - 1))
            if not v.get("ind_continuous"):
                counter = 0
        for it in inds[g]:
            counter += 1
            no = str(counter)
            if v.get("ind_arabic_sub") and style == "arab":
                no = f"{gi + 1}.{counter}"
            def fnum(x, unit):
                if x is None:
                    return idash
                d = 0 if x == int(x) and "грн" not in unit and unit != "%" else 1
                return fmt(x, d, sep)
            vals = {"no": no + v.get("ind_no_suffix", ""), "name": it["name"], "unit": it["unit"],
                    "planned": fnum(it["planned"], it["unit"]), "actual": fnum(it["actual"], it["unit"]),
                    "reason": it["reason"] or "", "remedy": it["remedy"] or "",
                    "dev": "" if it["actual"] is None else fmt(round(it["actual"] - it["planned"], 1), 1, sep)}
            grid.append([Cell([vals[c]], align="left" if c in ("name", "reason", "remedy") else "center") for c in cols])
            exp.append(dict(group=None if style == "nogroups" else g,
                            group_title=None if style == "nogroups" else GROUP_TITLES[g],
                            number=no, name=it["name"], unit=it["unit"], planned=it["planned"],
                            actual=it["actual"], reason=it["reason"],
                            remedy=it["remedy"] if "remedy" in cols else None))
    widths = [{"no": 1.0, "name": 6, "unit": 1.8, "planned": 2, "actual": 2, "reason": 5, "remedy": 4, "dev": 1.8}[c] for c in cols]
    return Table(grid, widths, header_rows=1, repeat_header=v.get("repeat_header", False)), exp


# ---------------------------------------------------------------- document
def date_txt(d, long):
    y, m, dd = d
    if long:
        return f"{dd} {MONTHS[m - 1]} {y} року"
    return f"{dd:02d}.{m:02d}.{y}"


def unit_printed(ftab, v):
    """Whether the report names its money unit where a reader looks for it: the funding table's header rows or
    the caption line above it (the contract's funding_unit; a unit only in an indicator's row does not count)."""
    heads = [" ".join(c.paras) for row in ftab.grid[:ftab.header_rows] for c in row if isinstance(c, Cell)]
    return any("грн" in t for t in heads + [v.get("unit_line") or ""])


def build_doc(v, rng):
    th, tasks, inds, dec = make_data(v, rng)
    blocks = []
    name = th["name"]
    p0, p1 = v["period"]
    decisions = v["decisions"]  # list of ((y,m,d), number)
    if v.get("annex"):
        for line in v["annex"]:
            blocks.append(Para(line, align="right"))
    title_lines = [l.format(name=name, p0=p0, p1=p1) for l in v["title"]]
    for l in title_lines:
        blocks.append(Para(l, bold=True, align="center"))
    sepc = v.get("meta_sep", ":")
    long = v.get("long_dates", False)

    def dec_span(i, d):
        dt, no = d
        nos = v.get("no_sign", "№ ")
        if v.get("reversed_decisions"):
            return f"{nos}{no} від {date_txt(dt, long)}"
        return f"від {date_txt(dt, long)} {nos}{no}"

    spans = [dec_span(i, d) for i, d in enumerate(decisions)]
    exec_text = th["executor"]
    if v.get("passport"):
        rows = [["Найменування програми", f"Міська цільова програма «{name}» на {p0}-{p1} роки"],
                ["Дата, номер і назва розпорядчого документа про затвердження програми",
                 f"Рішення {th['city_gen']} міської ради {spans[0]}" +
                 (" (зі змінами: " + ", ".join(spans[1:]) + ")" if len(spans) > 1 else "")],
                ["Відповідальний виконавець програми", exec_text],
                ["Термін реалізації програми", f"{p0}-{p1} роки"]]
        grid = [[Cell(["1."]), Cell([a]), Cell([b])] for a, b in rows]
        for i, r in enumerate(grid):
            r[0] = Cell([f"{i + 1}."])
        blocks.append(Para("1. Паспорт програми", bold=True, align="center"))
        blocks.append(Table(grid, [0.8, 6, 9], header_rows=0))
        blocks.append(Para(""))
    else:
        if v.get("decision_para") == "narrative":
            txt = (f"Міську цільову програму «{name}» на {p0}-{p1} роки (далі {sepc} Програма) затверджено рішенням "
                   f"міської ради {spans[0]}" + (" (зі змінами " + " та ".join(spans[1:]) + ")." if len(spans) > 1 else "."))
            blocks.append(Para(txt))
            blocks.append(Para(f"Відповідальний виконавець Програми {sepc} {exec_text}."))
            blocks.append(Para(f"Термін реалізації Програми {sepc} {p0}-{p1} роки."))
        else:
            blocks.append(Para("1. Основні дані", bold=True, align="left"))
            blocks.append(Para(f"Дата і номер рішення міської ради, яким затверджено Програму та зміни до неї{sepc} "
                               + ", ".join(spans) + "."))
            blocks.append(Para(f"Відповідальний виконавець Програми{sepc} {exec_text}"))
            blocks.append(Para(f"Термін реалізації Програми{sepc} {p0}-{p1} роки"))
    blocks.append(Para("Протягом звітного періоду виконання заходів Програми здійснювалося в межах фактичного "
                       "надходження коштів. Відповідно до постанови Кабінету Міністрів України від 11.03.2022 № 252 "
                       "видатки спрямовувались насамперед на першочергові потреби."))
    blocks.append(Para(v.get("funding_heading", "2. Виконання заходів Програми"), bold=True, align="center"))
    if v.get("unit_line"):
        blocks.append(Para(v["unit_line"], align="right"))
    ftab, fexp = build_funding(v, tasks, dec, rng)
    blocks.append(ftab)
    blocks.append(Para(""))
    iexp = []
    if not v.get("no_indicators"):  # a report with a funding table only
        blocks.append(Para(v.get("ind_heading", "3. Виконання показників Програми"), bold=True, align="center"))
        itab, iexp = build_indicators(v, inds)
        blocks.append(itab)
    blocks.append(Para(""))
    blocks.append(Para(""))
    # signatory
    pos = th["sign_pos"]
    nm = v["sign_name"]
    sm = v.get("sign_mode", "tab")
    if sm == "tab":
        blocks.append(Para("\n".join(pos) + "\t" + nm, tab_right=True, align="left"))
    elif sm == "lines":
        for l in pos:
            blocks.append(Para(l, align="left"))
        blocks.append(Para(nm, align="right"))
    elif sm == "table":
        blocks.append(Table([[Cell(pos), Cell([nm], align="right")]], [10, 6], borders=False))
        blocks.append(Para(""))
    title = " ".join(title_lines)
    exp = {
        "schema_version": "1",
        "source": {"file": v["id"] + ".docx", "format": "docx", "sha256": None, "pages": None},
        "document": {"title": title, "kind": v["kind"], "annex": v["annex"][0] if v.get("annex") else None},
        "program": {"name": name, "period": {"start": p0, "end": p1}, "responsible_executor": exec_text},
        "decisions": [{"date": f"{d[0][0]:04d}-{d[0][1]:02d}-{d[0][2]:02d}", "number": d[1],
                       "text": collapse(spans[i])} for i, d in enumerate(decisions)],
        "funding": [dict(e, raw={}, location={"page": None, "table": None, "row": None}) for e in fexp],
        "funding_unit": v["unit"] if unit_printed(ftab, v) else None,
        "indicators": [dict(e, raw={}, location={"page": None, "table": None, "row": None}) for e in iexp],
        "signatory": {"position": " ".join(pos), "name": nm},
        "warnings": [],
    }
    return blocks, exp


# ---------------------------------------------------------------- writers
def set_cell_paras(cell, paras, bold, align, size):
    tc = cell._tc
    for p in list(tc.findall(qn("w:p"))):
        tc.remove(p)
    for text in paras:
        p = cell.add_paragraph()
        write_runs(p, text, bold, size)
        p.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                       "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
        p.paragraph_format.space_after = Pt(0)


def write_runs(p, text, bold, size=None):
    parts = re.split(r"(\n|\t)", text)
    run = None
    for part in parts:
        if part == "\n":
            (run or p.add_run()).add_break()
        elif part == "\t":
            run = p.add_run()
            run.add_tab()
        elif part:
            run = p.add_run(part)
            run.bold = bold
            if size:
                run.font.size = Pt(size)


def fit_widths(b, usable):
    """Each column at least as wide as its longest unbreakable word (amounts whole);
    the rest of the page width is shared in proportion to the relative widths."""
    ncol = len(b.grid[0])
    need = [0.0] * ncol
    for row in b.grid[b.header_rows:]:
        for c, cell in enumerate(row):
            if not isinstance(cell, Cell) or (c + 1 < ncol and row[c + 1] == H):
                continue
            for p in cell.paras:
                toks = [p] if re.fullmatch(r"[-\d \u00a0,.%–—]+", p) else p.replace("-", "- ").split()
                for w in toks:
                    need[c] = max(need[c], len(w) * (0.18 if cell.bold else 0.165) + 0.3)
    need = [Cm(max(x, 1.7)) for x in need]
    if sum(need) > usable:
        need = [int(x * usable / sum(need)) for x in need]
    free = max(0, usable - sum(need))
    tot = sum(b.widths)
    return [int(need[i] + free * b.widths[i] / tot) for i in range(ncol)]


def usable_width(v):
    return Cm(29.7 - 3) if v.get("landscape", not v.get("portrait")) else Cm(21.0 - 3.5)


def hyphenate_headers(blocks, usable):
    """Fix column widths, then hyphenate header words that do not fit (as typists do: "вико-нання")."""
    for b in blocks:
        if not isinstance(b, Table):
            continue
        b.wcols = fit_widths(b, usable)
        if b.no_hyphenate:
            continue
        for row in b.grid[:b.header_rows]:
            for c, cell in enumerate(row):
                if not isinstance(cell, Cell):
                    continue
                w = b.wcols[c]
                k = c + 1
                while k < len(row) and row[k] == H:
                    w += b.wcols[k]
                    k += 1
                cap = max(3, int((w / 360000 - 0.3) / 0.19))
                new = []
                for p in cell.paras:
                    words = []
                    for word in p.split(" "):
                        while len(word) > cap:
                            words.append(word[:cap - 1] + "-")
                            word = word[cap - 1:]
                        if words and words[-1].endswith("-") and not words[-1].endswith(" -"):
                            words[-1] = words[-1] + word
                        else:
                            words.append(word)
                    new.append(" ".join(words))
                cell.paras = new


def write_docx(v, blocks, path):
    d = Document()
    st = d.styles["Normal"]
    st.font.name = "Times New Roman"
    st.font.size = Pt(12)
    rpr = st.element.get_or_add_rPr()
    rf = rpr.find(qn("w:rFonts"))
    for a in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rf.set(qn(a), "Times New Roman")
    st.paragraph_format.space_after = Pt(0)
    st.paragraph_format.line_spacing = 1.0
    sec = d.sections[0]
    if v.get("landscape", not v.get("portrait")):
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
    else:
        sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin, sec.right_margin = Cm(2.5 if not v.get("landscape") else 2), Cm(1)
    sec.top_margin = sec.bottom_margin = Cm(2)
    usable = (sec.page_width - sec.left_margin - sec.right_margin)
    if v.get("header_text"):
        hp = sec.header.paragraphs[0]
        hp.text = v["header_text"]
        hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    # python-docx Document() starts with no paragraphs
    for b in blocks:
        if isinstance(b, Para):
            p = d.add_paragraph()
            write_runs(p, b.text, b.bold)
            if b.page_break:
                p.add_run().add_break(WD_BREAK.PAGE)
            p.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                           "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[b.align]
            if b.align == "justify":
                p.paragraph_format.first_line_indent = Cm(1.25)
            if b.tab_right:
                p.paragraph_format.tab_stops.add_tab_stop(usable - Cm(0.1), alignment=2)  # right
            continue
        nrow, ncol = len(b.grid), len(b.grid[0])
        t = d.add_table(rows=nrow, cols=ncol)
        if b.borders:
            t.style = d.styles["Table Grid"]
        wcols = b.wcols
        t.autofit = False
        for i, col in enumerate(t.columns):
            col.width = wcols[i]
            for c in col.cells:
                c.width = wcols[i]
        # merges
        for r in range(nrow):
            for c in range(ncol):
                cell = b.grid[r][c]
                if not isinstance(cell, Cell):
                    continue
                w = 1
                while c + w < ncol and b.grid[r][c + w] == H:
                    w += 1
                h = 1
                while r + h < nrow and b.grid[r + h][c] == V:
                    h += 1
                if w > 1 or h > 1:
                    t.cell(r, c).merge(t.cell(r + h - 1, c + w - 1))
        for r in range(nrow):
            for c in range(ncol):
                cell = b.grid[r][c]
                if isinstance(cell, Cell):
                    set_cell_paras(t.cell(r, c), cell.paras, cell.bold, cell.align, v.get("table_font", 10))
        for r, row in enumerate(t.rows):
            trPr = row._tr.get_or_add_trPr()
            if b.cant_split:
                trPr.append(OxmlElement("w:cantSplit"))
            if b.repeat_header and r < b.header_rows:
                trPr.append(OxmlElement("w:tblHeader"))
    d.save(path)


def tab_export(blocks):
    """Word 'text with TAB-cells' export from the model."""
    out = []
    for b in blocks:
        if isinstance(b, Para):
            out.append(b.text + ("\f" if b.page_break else ""))
            continue
        for row in b.grid:
            c = 0
            n = len(row)
            while c < n:
                cell = row[c]
                if cell == V:
                    out.append("\t")
                elif isinstance(cell, Cell):
                    out.append("\t" + cell.paras[0])
                    out.extend(cell.paras[1:])
                c += 1
            out.append("")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- renderings with undrawn cells
def _spans(grid, r, c):
    """(column span, row span) of the cell at grid[r][c]."""
    w = 1
    while c + w < len(grid[r]) and grid[r][c + w] == H:
        w += 1
    h = 1
    while r + h < len(grid) and grid[r + h][c] == V:
        h += 1
    return w, h


def _html_text(text):
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")).replace("\n", "<br>")


def html_page(v, blocks):
    """The report as a web page: tables without borders, headers in <thead> (a browser repeats them on each page)."""
    landscape = v.get("landscape", not v.get("portrait"))
    out = ["<!DOCTYPE html><html lang='uk'><head><meta charset='utf-8'><style>",
           f"@page {{ size: A4 {'landscape' if landscape else 'portrait'}; margin: 2cm 1cm 2cm 2cm; }}",
           "body { font-family: 'DejaVu Serif', serif; font-size: 11pt; }",
           "p { margin: 0; } table { border-collapse: collapse; width: 100%; margin: 4pt 0; font-size: 9pt; }",
           "td, th { border: none; vertical-align: top; padding: 1pt 4pt; text-align: left; font-weight: normal; }",
           ".r { float: right; }", "</style></head><body>"]
    for b in blocks:
        if isinstance(b, Para):
            style = f" style='text-align:{b.align}'" if b.align != "justify" else " style='text-align:justify'"
            if "\t" in b.text:
                left, _, right = b.text.partition("\t")
                out.append(f"<p{style}>{_html_text(left)}<span class='r'>{_html_text(right.strip())}</span></p>")
            else:
                out.append(f"<p{style}>{_html_text(b.text)}</p>")
            if b.page_break:
                out.append("<div style='break-after: page'></div>")
            continue
        total = sum(b.wcols)
        out.append("<table><colgroup>" + "".join(f"<col style='width:{100 * w / total:.1f}%'>" for w in b.wcols)
                   + "</colgroup>")
        for r, row in enumerate(b.grid):
            if r == 0 and b.header_rows:
                out.append("<thead>")
            if r == b.header_rows and b.header_rows:
                out.append("</thead><tbody>")
            tag = "th" if r < b.header_rows else "td"
            cells = []
            for c, cell in enumerate(row):
                if not isinstance(cell, Cell):
                    continue
                w, h = _spans(b.grid, r, c)
                attrs = (f" colspan='{w}'" if w > 1 else "") + (f" rowspan='{h}'" if h > 1 else "")
                align = f" style='text-align:{cell.align}'" if cell.align != "left" else ""
                text = "<br>".join(_html_text(t) for t in cell.paras)
                cells.append(f"<{tag}{attrs}{align}>{'<b>' + text + '</b>' if cell.bold else text}</{tag}>")
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</tbody></table>" if b.header_rows else "</table>")
    out.append("</body></html>")
    return "\n".join(out)


#: centimetres per unit of a spreadsheet column width (one character of the default font)
CALC_CM_PER_CHAR = 0.19
#: centimetres one character of 9-point DejaVu Serif takes, on average, in a wrapped cell
CALC_CM_PER_9PT_CHAR = 0.2


#: a body cell a spreadsheet user types as a number: "1 445,0", "12,35", "100", "-3,5" (not "1." or "2.1")
_SHEET_NUMBER = re.compile(r"^-?\d{1,3}(?:[ \u00a0]\d{3})*(?:,(\d+))?$")


def _sheet_number(text):
    """(value, number format) of a cell text a spreadsheet holds as a number, or None for text."""
    m = _SHEET_NUMBER.match(text.strip())
    if not m:
        return None
    decimals = len(m.group(1) or "")
    value = float(text.strip().replace(" ", "").replace("\u00a0", "").replace(",", "."))
    return value, "#,##0" + ("." + "0" * decimals if decimals else "")


def write_calc_xlsx(v, blocks, path, numbers=False):
    """The report as a spreadsheet user lays it out: text in column A line by line, the tables in cells with
    wrapped text, only the header rows ruled, printed to the page width. ``numbers``: amounts, percents and
    counts of the table bodies are numeric cells with a number format (as a spreadsheet of the report holds
    them), not text (as printed)."""
    import textwrap

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    landscape = v.get("landscape", not v.get("portrait"))
    usable_cm = (29.7 if landscape else 21.0) - 3.0
    wb = Workbook()
    ws = wb.active
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.6
    widest = max((b for b in blocks if isinstance(b, Table)), key=lambda b: len(b.wcols), default=None)
    ncol = len(widest.wcols) if widest else 1
    if widest:
        total = sum(widest.wcols)
        for c, w in enumerate(widest.wcols):
            ws.column_dimensions[chr(ord("A") + c)].width = usable_cm * w / total / CALC_CM_PER_CHAR
    line_chars = int(usable_cm / 0.2)
    thin = Side(style="thin")
    ruled = Border(left=thin, right=thin, top=thin, bottom=thin)
    row = 1
    for b in blocks:
        if isinstance(b, Para):
            text = b.text.replace("\t", "    ")
            lines = [ln for part in text.split("\n") for ln in (textwrap.wrap(part, line_chars) or [""])]
            for ln in lines:
                cell = ws.cell(row=row, column=1, value=ln)
                cell.font = Font(name="DejaVu Serif", size=10, bold=b.bold)
                if b.align == "center" and ncol > 1:
                    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncol)
                    cell.alignment = Alignment(horizontal="center")
                row += 1
            continue
        first = row
        for r, grow in enumerate(b.grid):
            for c, cell in enumerate(grow):
                target = ws.cell(row=first + r, column=c + 1)
                if r < b.header_rows:
                    target.border = ruled
                if not isinstance(cell, Cell):
                    continue
                target.value = "\n".join(cell.paras)
                number = _sheet_number(target.value) if numbers and r >= b.header_rows else None
                if number is not None:
                    target.value, target.number_format = number
                target.font = Font(name="DejaVu Serif", size=9, bold=cell.bold)
                target.alignment = Alignment(wrap_text=True, vertical="top",
                                             horizontal="center" if r < b.header_rows else cell.align)
                w, h = _spans(b.grid, r, c)
                if w > 1 or h > 1:
                    ws.merge_cells(start_row=first + r, start_column=c + 1, end_row=first + r + h - 1,
                                   end_column=c + w)
        # a spreadsheet user drags each row as tall as its wrapped text (no program does it on import)
        total = sum(b.wcols)
        for r, grow in enumerate(b.grid):
            lines = 1
            for c, cell in enumerate(grow):
                w, h = _spans(b.grid, r, c)
                if not isinstance(cell, Cell) or h > 1:
                    continue
                width_cm = usable_cm * sum(b.wcols[c:c + w]) / total - 0.2
                per_line = max(1, int(width_cm / CALC_CM_PER_9PT_CHAR))
                lines = max(lines, sum(max(1, -(-len(t) // per_line)) for t in cell.paras))
            ws.row_dimensions[first + r].height = 12 * lines + 2
        if b.repeat_header and b.header_rows:
            ws.print_title_rows = f"{first}:{first + b.header_rows - 1}"
        row = first + len(b.grid) + 1
    wb.save(path)


def _soffice(args, out_dir, timeout=SOFFICE_TIMEOUT_S):
    # a private LibreOffice profile: a soffice already running under the user's profile (another
    # conversion, an open office window) would otherwise take the job or refuse it
    with tempfile.TemporaryDirectory(prefix="qa-soffice-") as profile:
        return subprocess.run(["soffice", f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                               *args, "--outdir", str(out_dir)], capture_output=True, text=True, timeout=timeout)


def write_undrawn_renderings(v, blocks, base):
    """<id>.calc.pdf (Calc, only the header ruled), <id>.web.pdf (a borderless web page printed by Chromium),
    <id>.lotext.txt (LibreOffice's Text export of the DOCX: one cell per line); and the sources of two of them
    as files of their own: <id>.xlsx (the spreadsheet, its amounts as numbers) and <id>.html (the web page)."""
    base = Path(base)
    write_calc_xlsx(v, blocks, f"{base}.xlsx", numbers=True)
    with tempfile.TemporaryDirectory(prefix="qa-undrawn-") as tmp:
        tmp = Path(tmp)
        write_calc_xlsx(v, blocks, tmp / f"{v['id']}.xlsx")
        r = _soffice(["--convert-to", "pdf", str(tmp / f"{v['id']}.xlsx")], tmp)
        if (tmp / f"{v['id']}.pdf").exists():
            (tmp / f"{v['id']}.pdf").replace(f"{base}.calc.pdf")
        else:
            print("soffice (calc) failed", v["id"], r.stderr[-300:], file=sys.stderr)
        r = _soffice(["--convert-to", "txt:Text (encoded):UTF8", f"{base}.docx"], tmp)
        if (tmp / f"{v['id']}.txt").exists():
            (tmp / f"{v['id']}.txt").replace(f"{base}.lotext.txt")
        else:
            print("soffice (text) failed", v["id"], r.stderr[-300:], file=sys.stderr)
        html = tmp / f"{v['id']}.html"
        html.write_text(html_page(v, blocks), encoding="utf-8")
        Path(f"{base}.html").write_text(html_page(v, blocks), encoding="utf-8")
        r = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                            f"--print-to-pdf={base}.web.pdf", html.as_uri()],
                           capture_output=True, text=True, timeout=SOFFICE_TIMEOUT_S)
        if not Path(f"{base}.web.pdf").exists():
            print("chromium failed", v["id"], r.stderr[-300:], file=sys.stderr)


# ---------------------------------------------------------------- driver
def all_variants():
    """Yield (v, blocks, expected) for every variant, specs (variants_a, variants_c) first, then hand-built
    (variants_b, variants_d)."""
    from variants_a import VARIANTS
    from variants_b import VARIANTS_B
    from variants_c import VARIANTS_C
    from variants_d import VARIANTS_D
    for v in VARIANTS + VARIANTS_C:
        blocks, exp = build_doc(v, random.Random(v["id"]))
        yield v, blocks, exp
    for build in VARIANTS_B + VARIANTS_D:
        yield build()


def write_variant(v, blocks, exp, out):
    """Write all files of one variant into out; return the PDF page count (None if LibreOffice failed)."""
    hyphenate_headers(blocks, usable_width(v))
    for b in blocks:  # a table continued after a page break keeps the widths of its first part
        if isinstance(b, Table) and b.wcols_from is not None:
            b.wcols = b.wcols_from.wcols
    base = out / v["id"]
    write_docx(v, blocks, f"{base}.docx")
    txt = tab_export(blocks)
    Path(f"{base}.txt").write_text(txt, encoding="utf-8")
    if v.get("cp1251"):
        Path(f"{base}.cp1251.txt").write_bytes(txt.encode("cp1251"))
    Path(f"{base}.expected.json").write_text(json.dumps(exp, ensure_ascii=False, indent=1), encoding="utf-8")
    # a private LibreOffice profile: a soffice already running under the user's profile (another
    # conversion, an open office window) would otherwise take the job or refuse it
    with tempfile.TemporaryDirectory(prefix="qa-soffice-") as profile:
        r = subprocess.run(["soffice", f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                            "--convert-to", "pdf", "--outdir", str(out), f"{base}.docx"],
                           capture_output=True, text=True, timeout=SOFFICE_TIMEOUT_S)
    if r.returncode != 0 or not Path(f"{base}.pdf").exists():
        print("soffice failed", v["id"], r.stderr[-300:], file=sys.stderr)
        return None
    write_undrawn_renderings(v, blocks, base)
    subprocess.run(["pdftotext", "-layout", f"{base}.pdf", f"{base}.layout.txt"], check=True)
    info = subprocess.run(["pdfinfo", f"{base}.pdf"], capture_output=True, text=True).stdout
    pg = re.search(r"Pages:\s+(\d+)", info)
    return int(pg.group(1)) if pg else None


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: qa/out)")
    ap.add_argument("ids", nargs="*", help="only these variant ids (default: all)")
    args = ap.parse_args(argv)
    args.out = args.out.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    failed = 0
    for v, blocks, exp in all_variants():
        if args.ids and v["id"] not in args.ids:
            continue
        pages = write_variant(v, blocks, exp, args.out)
        failed += pages is None
        print(v["id"], "pages", pages if pages is not None else "?")
    return 1 if failed else 0


# variants_b imports the classes from module "gen": make that this very module when run as a script.
sys.modules.setdefault("gen", sys.modules[__name__])

if __name__ == "__main__":
    sys.exit(main())
