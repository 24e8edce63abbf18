"""Layout variants v32–v36: forms councils print that v01–v31 do not show; hand-built documents and answers.

The annual "Інформація про виконання програми" form with a text "Стан виконання" column and no percent, its
decision named only in the title sentence; the money header split into "усього" and "у тому числі:" sources
under three header rows; task headings numbered with Latin or Cyrillic Roman numerals; the money unit stated
only in the caption line above the table; amounts in грн with kopecks after a comma and spaces between
thousands; indicator groups numbered in a number column of their own, or an indicator header whose values
sit under "Значення показника" split into plan and fact. Expected answers follow the corpus conventions
(variants_b's docstring).
"""
from gen import V, Para, Table, fmt
from variants_b import CABINET, C, F, HC, IND, TOT, num, report, sig_lines, sig_tab, span, title_paras

GROUPS = [("cost", "Показники затрат"), ("product", "Показники продукту"),
          ("efficiency", "Показники ефективності"), ("quality", "Показники якості")]


def _sum(xs, dec):
    xs = [num(x) for x in xs if num(x) is not None]
    return round(sum(xs), dec) if xs else None


def _pct(p, a):
    if p in (None, 0) or a is None:
        return None
    return round(a / p * 100, 1)


def _d(x, dec=1):
    return "–" if x is None else fmt(x, dec)


def numbered_group_indicators(hdrs, groups):
    """Indicator table whose group rows hold their Arabic number in the № column and their title in the name
    column ("1." | "Показники затрат"); the indicators below are numbered "1.1", "1.2" …
    groups: {gkey: [(name, unit, planned, actual, reason)]}."""
    n = len(hdrs)
    grid = [[HC(h) for h in hdrs]]
    exp = []
    gi = 0
    for g, title in GROUPS:
        if g not in groups:
            continue
        gi += 1
        grid.append([C(f"{gi}.", bold=True), C(title, bold=True)] + [C("") for _ in range(n - 2)])
        for ii, (name, unit, p, a, reason) in enumerate(groups[g], 1):
            no = f"{gi}.{ii}"
            grid.append([C(no), C(name), C(unit, align="center"), C(p, align="center"), C(a, align="center"),
                         C(reason or "")])
            exp.append(IND(g, title, no, name, unit, p, a, reason))
    return Table(grid, [1.1, 6, 1.8, 2, 2, 5], header_rows=1), exp


# =====================================================================================================
def v32():
    """The annual "Інформація про виконання програми … за 2023 рік" form: the decision only in the title
    sentence ("затвердженої рішенням … від … № … (зі змінами)"), a text "Стан виконання" column (some of
    its texts with numbers and years in them) and no percent column."""
    v = dict(id="v32-status-text-column-decision-in-title", landscape=True)
    exe = "управління житлової політики Вінницької міської ради"
    title = ["Інформація", "про виконання міської цільової програми «Доступне житло» на 2022-2026 роки,",
             "затвердженої рішенням міської ради від 21.12.2021 № 12/345 (зі змінами),", "за 2023 рік"]
    blocks = title_paras(title) + [
        Para(f"Відповідальний виконавець програми: {exe}."),
        CABINET]
    hdr = [HC("№ з/п"), HC("Назва напряму діяльності (пріоритетні завдання)"), HC("Перелік заходів програми"),
           HC("Строк виконання заходу"), HC("Виконавці"), HC("Передбачено на 2023 рік, тис. грн"),
           HC("Фактично профінансовано, тис. грн"), HC("Стан виконання")]
    uszn, ukb, ujp = "Управління соціального захисту населення", "Управління капітального будівництва", \
        "Управління житлової політики"
    data = [("1", "Забезпечення житлом дітей-сиріт та дітей, позбавлених батьківського піклування", [
                ("1.1", "Придбання квартир для дітей-сиріт", "2023", uszn, "4 800,0", "4 652,3",
                 "Придбано 4 квартири для дітей-сиріт"),
                ("1.2", "Капітальний ремонт соціального гуртожитку по вул. Шкільній, 12", "2023-2024", ukb,
                 "2 350,0", "1 120,5", "Роботи тривають, завершення у 2024 році")]),
            ("2", "Підтримка молодих сімей", [
                ("2.1", "Часткова компенсація відсотків за кредитами молодим сім’ям", "2022-2026", ujp, "600,0",
                 "318,0", "Виконано частково: компенсацію виплачено 12 сім’ям"),
                ("2.2", "Надання пільгових довгострокових кредитів", "2023",
                 "Регіональне відділення Держмолодьжитла", "1 500,0", "–",
                 "Не виконано у зв’язку з відсутністю фінансування")]),
            ("3", "Облік громадян, які потребують поліпшення житлових умов", [
                ("3", "Ведення електронного реєстру квартирного обліку", "2023", ujp, "85,0", "85,0", "Виконано")])]
    grid = [hdr]
    fexp = []
    for tn, t, ms in data:
        for mi, (no, m, term, ex, p, a, st) in enumerate(ms):
            mt = m if len(ms) == 1 else f"{no}. {m}"
            grid.append([C(tn + ".") if mi == 0 else V, C(t) if mi == 0 else V, C(mt), C(term, align="center"),
                         C(ex), C(p, align="center"), C(a, align="center"), C(st)])
            fexp.append(F(tn, t, no, m, term, ex, p, a, None))
    allm = [m for _, _, ms in data for m in ms]
    P, A = _sum([m[4] for m in allm], 1), _sum([m[5] for m in allm], 1)
    grid.append(span(C("Усього", bold=True), 5) + [C(fmt(P), bold=True), C(fmt(A), bold=True), C("")])
    fexp.append(TOT("Усього", P, A, None))
    ftab = Table(grid, [1, 3.6, 4.5, 1.8, 3, 2, 2, 4], header_rows=1)
    itab, iexp = numbered_group_indicators(
        ["№ з/п", "Найменування показника", "Одиниця виміру", "Планове значення", "Фактичне значення",
         "Причини невиконання"], {
            "cost": [("Обсяг видатків на виконання програми", "тис. грн", "9 335,0", "6 175,8",
                      "Не надійшло фінансування кредитної програми")],
            "product": [("Кількість придбаних квартир", "од.", "4", "4", None),
                        ("Кількість сімей, що отримали компенсацію", "сімей", "20", "12",
                         "Зменшення кількості заявників")],
            "efficiency": [("Середня вартість однієї квартири", "тис. грн", "1 200,0", "1 163,1", None)],
            "quality": [("Частка забезпечених житлом дітей-сиріт від потреби", "%", "25,0", "25,0", None)]})
    pos = ["Начальник управління житлової політики"]
    blocks += [Para("Виконання заходів програми", bold=True, align="center"), ftab, Para(""),
               Para("Результативні показники програми", bold=True, align="center"), itab, Para(""), Para(""),
               sig_tab(pos, "Василь БОНДАР")]
    exp = report(v, title, "annual", "Доступне житло", (2022, 2026), exe,
                 [("2021-12-21", "12/345", "від 21.12.2021 № 12/345")], fexp, "тис. грн", iexp, pos, "Василь БОНДАР")
    return v, blocks, exp


# =====================================================================================================
def v33():
    """Planned and actual each split into "усього" and "у тому числі:" / "у т.ч." sources under three header
    rows (merged header cells: the money header across three columns, "усього" down two rows)."""
    v = dict(id="v33-sources-in-that-number-three-header-rows", landscape=True)
    exe = "управління соціальної політики Луцької міської ради"
    title = ["Звіт", "про виконання Програми «Місто без бар’єрів» на 2023-2025 роки", "за 2023 рік"]
    blocks = title_paras(title) + [
        Para("1. Основні дані", bold=True, align="left"),
        Para("Дата і номер рішення міської ради, яким затверджено Програму та зміни до неї: від 22.12.2022 № 38/61, "
             "від 27.04.2023 № 43/12."),
        Para(f"Відповідальний виконавець Програми: {exe}"),
        Para("Термін реалізації Програми: 2023-2025 роки"),
        CABINET, Para("2. Виконання заходів Програми", bold=True, align="center")]
    srcs = ["міський бюджет", "інші джерела"]
    r1 = [HC("№ з/п"), HC("Зміст заходу"), HC("Виконавець"), HC("Термін виконання")] + \
        span(HC("Обсяг фінансування, тис. грн"), 3) + span(HC("Фактично профінансовано, тис. грн"), 3) + \
        [HC("Відсоток виконання")]
    r2 = [V] * 4 + [HC("усього")] + span(HC("у тому числі:"), 2) + [HC("усього")] + span(HC("у т.ч."), 2) + [V]
    r3 = [V] * 4 + [V, HC(srcs[0]), HC(srcs[1]), V, HC(srcs[0]), HC(srcs[1]), V]
    grid = [r1, r2, r3]
    uo = "Управління освіти"
    meas = [("Облаштування пандусів у закладах освіти", uo, "2023", ["850,0", "–"], ["812,4", "–"]),
            ("Встановлення тактильної плитки на пішохідних переходах", "Управління житлово-комунального господарства",
             "2023-2025", ["740,0", "500,0"], ["740,0", "275,7"]),
            ("Придбання низькопідлогових автобусів", "КП «Луцьктранс»", "2023", ["4 800,0", "4 800,0"],
             ["4 800,0", "4 800,0"]),
            ("Адаптація вебсайтів комунальних установ для людей з порушеннями зору", "Відділ цифрового розвитку",
             "2023", ["120,0", "–"], ["–", "–"])]
    fexp = []
    for i, (m, ex, term, bp, ba) in enumerate(meas, 1):
        P, A = _sum(bp, 1), _sum(ba, 1)
        pc = _pct(P, A)
        grid.append([C(f"{i}."), C(m), C(ex), C(term, align="center"), C(_d(P)), C(bp[0]), C(bp[1]), C(_d(A)),
                     C(ba[0]), C(ba[1]), C(_d(pc))])
        bd = [dict(year=None, funding_source=s, planned=num(bp[k]), actual=num(ba[k])) for k, s in enumerate(srcs)]
        fexp.append(F(None, None, str(i), m, term, ex, P, A, pc, bd=bd))
    tp = [_sum([m[3][k] for m in meas], 1) for k in range(2)]
    ta = [_sum([m[4][k] for m in meas], 1) for k in range(2)]
    TP, TA = _sum([_d(x) for x in tp], 1), _sum([_d(x) for x in ta], 1)
    tpc = _pct(TP, TA)
    grid.append(span(C("Усього по програмі", bold=True), 4) + [C(_d(TP), bold=True)] + [C(_d(x)) for x in tp] +
                [C(_d(TA), bold=True)] + [C(_d(x)) for x in ta] + [C(_d(tpc))])
    fexp.append(TOT("Усього по програмі", TP, TA, tpc,
                    bd=[dict(year=None, funding_source=s, planned=tp[k], actual=ta[k]) for k, s in enumerate(srcs)]))
    ftab = Table(grid, [0.9, 5, 3, 1.6, 1.7, 1.7, 1.7, 1.7, 1.7, 1.7, 1.6], header_rows=3)
    from variants_b import IND7, indicator_table
    itab, iexp = indicator_table(IND7, {
        "cost": [("Обсяг видатків на заходи програми", "тис. грн", "11 810,0", "11 428,1", "Економія коштів", "")],
        "product": [("Кількість облаштованих пандусів", "од.", "17", "16", "Роботи на одному об’єкті перенесено",
                     "Роботи включено до плану на 2024 рік"),
                    ("Кількість придбаних автобусів", "од.", "4", "4")],
        "efficiency": [("Середня вартість облаштування одного пандуса", "тис. грн", "50,0", "50,8")],
        "quality": [("Частка доступних закладів освіти", "%", "60,0", "58,0")]})
    pos = ["Начальник управління соціальної політики"]
    blocks += [ftab, Para(""), Para("3. Виконання показників Програми", bold=True, align="center"), itab, Para(""),
               Para("")] + sig_lines(pos, "Ірина СТАСЮК")
    exp = report(v, title, "annual", "Місто без бар’єрів", (2023, 2025), exe,
                 [("2022-12-22", "38/61", "від 22.12.2022 № 38/61"), ("2023-04-27", "43/12", "від 27.04.2023 № 43/12")],
                 fexp, "тис. грн", iexp, pos, "Ірина СТАСЮК")
    return v, blocks, exp


# =====================================================================================================
def v34():
    """Task heading rows numbered with Latin Roman numerals ("I. …", "II. …") spanning the table, measures
    numbered on across them; the money unit only in the caption line ("…, грн"), not in any header; amounts
    in грн with kopecks after a comma and spaces between thousands."""
    v = dict(id="v34-roman-task-headings-unit-in-caption-grn", landscape=True)
    exe = "департамент житлово-комунального господарства Кропивницької міської ради"
    title = ["Звіт про виконання Програми «Безпечна вода» на 2021-2025 роки за 2023 рік"]
    blocks = title_paras(title) + [
        Para("Програму затверджено рішенням міської ради від 17.12.2020 № 3-2/2020, зміни до неї внесено рішеннями "
             "від 16.02.2023 № 28-5/2023 та від 22.06.2023 № 31-14/2023."),
        Para(f"Відповідальний виконавець Програми: {exe}"),
        Para("Термін реалізації Програми: 2021-2025 роки"),
        CABINET, Para("Виконання заходів Програми у 2023 році, грн", bold=True, align="center")]
    hdr = [HC("№ з/п"), HC("Найменування заходу"), HC("Виконавець"), HC("Строк виконання"),
           HC("Передбачено програмою"), HC("Фактично профінансовано"), HC("Відсоток виконання")]
    vk, dep = "КП «Водоканал»", "Департамент ЖКГ"
    data = [("I", "Модернізація водопровідних мереж", [
                ("Заміна аварійних ділянок водопроводу по вул. Великій Перспективній", vk, "2023",
                 "2 456 780,00", "2 398 114,56"),
                ("Реконструкція водопровідної насосної станції № 3", vk, "2022-2024", "8 120 000,00",
                 "3 050 412,18")]),
            ("II", "Підвищення якості питної води", [
                ("Встановлення установок доочищення води в закладах освіти", dep, "2023", "645 300,00",
                 "645 300,00"),
                ("Лабораторний контроль якості води у розподільчій мережі", vk, "2023", "98 450,50", "–")]),
            ("III", "Водовідведення", [
                ("Ремонт каналізаційного колектора по вул. Дворцовій", vk, "2023", "1 310 000,00",
                 "1 287 645,09")])]
    grid = [hdr]
    fexp = []
    k = 0
    for tn, t, ms in data:
        grid.append(span(C(f"{tn}. {t}", bold=True), 7))
        for m, ex, term, p, a in ms:
            k += 1
            pc = _pct(num(p), num(a))
            grid.append([C(f"{k}."), C(m), C(ex), C(term, align="center"), C(p, align="right"), C(a, align="right"),
                         C(_d(pc), align="center")])
            fexp.append(F(tn, t, str(k), m, term, ex, p, a, pc))
    allm = [m for _, _, ms in data for m in ms]
    P, A = _sum([m[3] for m in allm], 2), _sum([m[4] for m in allm], 2)
    tpc = _pct(P, A)
    grid.append(span(C("Всього по програмі", bold=True), 4) + [C(fmt(P, 2), bold=True), C(fmt(A, 2), bold=True),
                                                               C(_d(tpc), bold=True)])
    fexp.append(TOT("Всього по програмі", P, A, tpc))
    ftab = Table(grid, [1, 6, 3, 1.8, 2.6, 2.6, 1.6], header_rows=1)
    from variants_b import IND7, indicator_table
    itab, iexp = indicator_table(IND7, {
        "cost": [("Обсяг видатків на заходи програми", "грн", "12 630 530,50", "7 381 472,33",
                  "Роботи з реконструкції насосної станції тривають", "")],
        "product": [("Протяжність замінених мереж водопроводу", "км", "3,2", "3,1")],
        "efficiency": [("Середня вартість заміни 1 км мережі", "грн", "767 743,75", "773 585,34")],
        "quality": [("Частка проб води, що відповідають нормативам", "%", "98,0", "99,1")]},
        numerals=("I.", "II.", "III.", "IV."))
    pos = ["Директор департаменту", "житлово-комунального господарства"]
    blocks += [ftab, Para(""), Para("Виконання показників Програми", bold=True, align="center"), itab, Para(""),
               Para(""), sig_tab(pos, "Олег КОВАЛЬЧУК")]
    exp = report(v, title, "annual", "Безпечна вода", (2021, 2025), exe,
                 [("2020-12-17", "3-2/2020", "від 17.12.2020 № 3-2/2020"),
                  ("2023-02-16", "28-5/2023", "від 16.02.2023 № 28-5/2023"),
                  ("2023-06-22", "31-14/2023", "від 22.06.2023 № 31-14/2023")],
                 fexp, "грн", iexp, pos, "Олег КОВАЛЬЧУК")
    return v, blocks, exp


# =====================================================================================================
def v35():
    """An interim report whose tasks are bold rows numbered with Cyrillic Roman numerals in the № column
    ("ІІ." | the task across the rest), measures numbered anew under each; the unit in the caption line in
    words ("(тис. гривень)"); an indicator header whose values sit under "Значення показника" split into
    "план" and "факт" (two header rows)."""
    v = dict(id="v35-cyrillic-numeral-task-rows-two-row-indicator-header", portrait=True)
    exe = "управління культури Житомирської міської ради"
    title = ["Інформація", "про хід виконання Програми розвитку культури «Житомир культурний» на 2024-2026 роки",
             "за І півріччя 2024 року"]
    blocks = title_paras(title) + [
        Para("Програму розвитку культури «Житомир культурний» на 2024-2026 роки (далі – Програма) затверджено рішенням міської ради "
             "від 14.12.2023 № 1120."),
        Para(f"Відповідальний виконавець Програми – {exe}."),
        Para("Термін реалізації Програми – 2024-2026 роки."),
        CABINET, Para("Виконання заходів Програми (тис. гривень)", bold=True, align="center")]
    hdr = [HC("№ з/п"), HC("Найменування заходу"), HC("Виконавці"), HC("Термін виконання"),
           HC("Обсяг фінансування"), HC("Фактично профінансовано"), HC("Відсоток виконання")]
    uk = "Управління культури"
    data = [("І", "Збереження культурної спадщини", [
                ("Ремонт будинку-музею С. Корольова", uk, "2024", "1 450,0", "612,3"),
                ("Виготовлення охоронних дошок на пам’ятки архітектури", uk, "2024", "96,0", "96,0")]),
            ("ІІ", "Розвиток мистецької освіти", [
                ("Придбання музичних інструментів для мистецьких шкіл", "Мистецькі школи міста", "2024-2026",
                 "780,0", "355,8"),
                ("Проведення міського конкурсу юних виконавців", uk, "2024", "64,0", "–"),
                ("Ремонт концертної зали музичної школи № 1", "Музична школа № 1", "2024", "520,0", "0,0")]),
            ("ІІІ", "Бібліотечна справа", [
                ("Поповнення бібліотечних фондів", "Централізована бібліотечна система", "2024", "210,0", "98,4")])]
    grid = [hdr]
    fexp = []
    for tn, t, ms in data:
        grid.append([C(tn + ".", bold=True)] + span(C(t, bold=True), 6))
        for k, (m, ex, term, p, a) in enumerate(ms, 1):
            pc = _pct(num(p), num(a))
            grid.append([C(f"{k}."), C(m), C(ex), C(term, align="center"), C(p, align="center"),
                         C(a, align="center"), C(_d(pc), align="center")])
            fexp.append(F(tn, t, str(k), m, term, ex, p, a, pc))
    ftab = Table(grid, [1.1, 6, 3, 1.6, 2, 2, 1.6], header_rows=1)
    r1 = [HC("№ з/п"), HC("Найменування показника"), HC("Одиниця виміру")] + span(HC("Значення показника"), 2) + \
        [HC("Причини невиконання")]
    r2 = [V, V, V, HC("план"), HC("факт"), V]
    igrid = [r1, r2]
    iexp = []
    inds = {"cost": [("Обсяг видатків на заходи програми", "тис. грн", "3 120,0", "1 162,5", "Звіт за півріччя")],
            "product": [("Кількість придбаних музичних інструментів", "од.", "35", "14", "Закупівлю продовжено"),
                        ("Кількість придбаних книг", "прим.", "1 800", "920", "")],
            "efficiency": [("Середня вартість одного інструмента", "тис. грн", "22,3", "25,4", "")],
            "quality": [("Частка відремонтованих об’єктів культури", "%", "40,0", "0,0", "Роботи тривають")]}
    for g, gt in GROUPS:
        igrid.append(span(HC(gt), 6))
        for ii, (name, unit, p, a, reason) in enumerate(inds[g], 1):
            igrid.append([C(str(ii), align="center"), C(name), C(unit, align="center"), C(p, align="center"),
                          C(a, align="center"), C(reason)])
            iexp.append(IND(g, gt, str(ii), name, unit, p, a, reason))
    itab = Table(igrid, [1, 6, 1.8, 2, 2, 5], header_rows=2)
    pos = ["Начальник управління культури"]
    blocks += [ftab, Para(""), Para("Виконання показників Програми", bold=True, align="center"), itab, Para(""),
               Para("")] + sig_lines(pos, "Наталія ГОРДІЙЧУК")
    exp = report(v, title, "interim", "Житомир культурний", (2024, 2026), exe,
                 [("2023-12-14", "1120", "від 14.12.2023 № 1120")], fexp, "тис. грн", iexp, pos, "Наталія ГОРДІЙЧУК")
    return v, blocks, exp


# =====================================================================================================
def v36():
    """The official "Інформація про виконання програми" form: a free-text "Джерела фінансування" column, an
    "Очікуваний результат" column and a "Стан виконання" column whose texts print percents and counts
    ("Виконано на 45 %"), none of them a percent column; the decisions only in the title sentence (two of them,
    "затвердженої рішенням … зі змінами, внесеними рішенням …"); result indicators whose group rows print a
    lower-case group word numbered in the № column ("1" | "затрат") over indicators without numbers."""
    v = dict(id="v36-result-and-status-text-columns-unnumbered-indicators", landscape=True)
    exe = "управління з питань надзвичайних ситуацій Чернівецької міської ради"
    title = ["Інформація про виконання міської програми «Захищене місто» на 2023-2025 роки,",
             "затвердженої рішенням міської ради від 29.12.2022 № 1187, зі змінами, внесеними рішенням "
             "від 31.08.2023 № 1490,", "за 2023 рік"]
    blocks = title_paras(title) + [
        Para(f"Відповідальний виконавець: {exe}."),
        CABINET]
    hdr = [HC("№ з/п"), HC("Назва напряму діяльності"), HC("Перелік заходів програми"), HC("Строк виконання"),
           HC("Виконавці"), HC("Джерела фінансування"), HC("Орієнтовні обсяги фінансування, тис. грн"),
           HC("Фактично профінансовано, тис. грн"), HC("Очікуваний результат"), HC("Стан виконання")]
    un, mb = "Управління з питань НС", "Бюджет міської територіальної громади"
    data = [("1", "Укриття населення", [
                ("1.1", "Облаштування найпростіших укриттів у закладах освіти", "2023", "Управління освіти",
                 "2 400,0", "2 180,6", "Облаштовано 12 укриттів", "Виконано на 91 %"),
                ("1.2", "Встановлення дизель-генераторів у захисних спорудах", "2023-2024", un, "960,0", "432,0",
                 "Встановлено 8 генераторів", "Виконано на 45 %, роботи тривають")]),
            ("2", "Оповіщення та зв’язок", [
                ("2.1", "Модернізація системи централізованого оповіщення", "2023", un, "1 150,0", "1 150,0",
                 "Охоплення оповіщенням 100 % території", "Виконано"),
                ("2.2", "Придбання радіостанцій для аварійних служб", "2023", un, "210,0", "–",
                 "Придбано 30 радіостанцій", "Не виконано, закупівлю перенесено на 2024 рік")])]
    grid = [hdr]
    fexp = []
    for tn, t, ms in data:
        for mi, (no, m, term, ex, p, a, res, st) in enumerate(ms):
            grid.append([C(tn + ".") if mi == 0 else V, C(t) if mi == 0 else V, C(f"{no}. {m}"),
                         C(term, align="center"), C(ex), C(mb), C(p, align="center"), C(a, align="center"), C(res),
                         C(st)])
            fexp.append(F(tn, t, no, m, term, ex, p, a, None))
    allm = [m for _, _, ms in data for m in ms]
    P, A = _sum([m[4] for m in allm], 1), _sum([m[5] for m in allm], 1)
    grid.append(span(C("Разом за програмою", bold=True), 6) + [C(fmt(P), bold=True), C(fmt(A), bold=True), C(""),
                                                                C("")])
    fexp.append(TOT("Разом за програмою", P, A, None))
    ftab = Table(grid, [0.9, 2.6, 4, 1.5, 2.4, 2.4, 1.8, 1.8, 2.8, 2.8], header_rows=1)
    ihdr = ["№ з/п", "Показники", "Одиниця виміру", "Затверджено програмою", "Фактично досягнуто",
            "Причини відхилення"]
    igrid = [[HC(h) for h in ihdr]]
    iexp = []
    inds = {"cost": [("Обсяг видатків на заходи програми", "тис. грн", "4 720,0", "3 762,6",
                      "Закупівлю радіостанцій перенесено")],
            "product": [("Кількість облаштованих укриттів", "од.", "12", "12", ""),
                        ("Кількість встановлених генераторів", "од.", "16", "8", "Роботи тривають")],
            "efficiency": [("Середня вартість облаштування одного укриття", "тис. грн", "200,0", "181,7", "")],
            "quality": [("Частка населення, забезпеченого місцями в укриттях", "%", "75,0", "68,0",
                         "Зростання кількості внутрішньо переміщених осіб")]}
    words = {"cost": "затрат", "product": "продукту", "efficiency": "ефективності", "quality": "якості"}
    for gi, (g, _) in enumerate(GROUPS, 1):
        igrid.append([C(str(gi), bold=True, align="center"), C(words[g], bold=True)] + [C("") for _ in range(4)])
        for name, unit, p, a, reason in inds[g]:
            igrid.append([C(""), C(name), C(unit, align="center"), C(p, align="center"), C(a, align="center"),
                          C(reason)])
            iexp.append(IND(g, words[g], None, name, unit, p, a, reason))
    itab = Table(igrid, [1, 6, 1.8, 2.2, 2.2, 5], header_rows=1)
    pos = ["Начальник управління з питань надзвичайних ситуацій"]
    blocks += [Para("Виконання заходів програми", bold=True, align="center"), ftab, Para(""),
               Para("Результативні показники", bold=True, align="center"), itab, Para(""), Para(""),
               sig_tab(pos, "Богдан ЛУЦЮК")]
    exp = report(v, title, "annual", "Захищене місто", (2023, 2025), exe,
                 [("2022-12-29", "1187", "від 29.12.2022 № 1187"), ("2023-08-31", "1490", "від 31.08.2023 № 1490")],
                 fexp, "тис. грн", iexp, pos, "Богдан ЛУЦЮК")
    return v, blocks, exp


VARIANTS_D = [v32, v33, v34, v35, v36]
