"""Layout variants v23–v31: header wordings, task labels and total labels that the vocabulary does not hold.

The extractor must read these from evidence (word stems, content, position,
sums), naming what it inferred in warnings; none of the wordings below may be
added to vocab/headers.yaml, or the variants stop testing that.
"""
TITLE_ANNUAL = ["Звіт", "про виконання міської цільової програми «{name}»", "на {p0}-{p1} роки за 2022 рік"]

VARIANTS_C = [
    # every column but the task and its number named in words the vocabulary lacks; the task number printed in
    # the task cell too; subtotal and total rows labelled in words the vocabulary lacks
    dict(id="v23-unknown-headers-numbered-task-cells", theme="osvita", unit="тис. грн", taskmode="vmerge",
         task_numbered=True, numcol="prefix",
         headers=dict(task="Завдання", measure="Опис заходу", term="Роки реалізації", executor="Хто виконує",
                      planned="Кошторисні призначення, тис. грн", actual="Спрямовано коштів, тис. грн",
                      pct="Частка освоєння"),
         subtotals="Підсумок за напрямом {n}", total="Загалом за програмою", groups="cyr", period=(2021, 2023),
         decisions=[((2020, 12, 22), "917"), ((2021, 6, 24), "1205/21")], no_sign="№",
         title=TITLE_ANNUAL, kind="annual", sign_mode="tab", sign_name="Ірина ПЕТРЕНКО"),
    # tasks as heading rows labelled "Ціль N." (not a task-heading word of the vocabulary); a limit column
    # told only by its unit and place; a percent column told by its values; a total labelled "Підсумок"
    dict(id="v24-goal-heading-rows-limit-index-columns", theme="dorohy", unit="грн", taskmode="heading",
         task_label="Ціль {n}. ", mno_dot=True, pct_sign="", dash="—",
         headers=dict(measure="Найменування робіт", term="Період", executor="Відповідальний",
                      planned="Ліміт асигнувань, грн", actual="Фактичні витрати, грн", pct="Індекс виконання"),
         total="Підсумок", groups="lat", period=(2021, 2023),
         decisions=[((2020, 12, 23), "69/3"), ((2022, 1, 27), "25/11")],
         title=TITLE_ANNUAL, kind="annual", sign_mode="lines", sign_name="Коваль В.М."),
    # a breakdown by year under a planned header the vocabulary lacks, the actual of the reporting year only,
    # the task number inside a repeated task cell, and a total row with a label the vocabulary lacks
    dict(id="v25-plan-by-year-unknown-header-task-in-cell", theme="zdorovia", unit="тис. грн", report_year=2022,
         breakdown=("years", [2021, 2022, 2023], "planonly+total"), has_pct=False, taskmode="repeat",
         task_numbered=True, numcol="prefix",
         headers=dict(task="Пріоритетні завдання", measure="Зміст заходів", term="Термін виконання",
                      executor="Виконавці", planned="Прогнозні обсяги видатків, тис. грн",
                      actual="Витрачено, тис. грн"),
         total="Загалом", groups="cyr", period=(2021, 2023),
         decisions=[((2020, 12, 24), "2512"), ((2021, 12, 23), "801")],
         title=TITLE_ANNUAL, kind="annual", sign_mode="tab", sign_name="Олена КРАВЧУК"),
    # sums in грн; every funding column named in words the vocabulary lacks, some of them opening with a money
    # word stem of another field ("Напрям використання…", "Рік виконання", "Ступінь виконання"); a sum row
    # without any label under each task's measures; an indicator table whose headers the vocabulary lacks
    dict(id="v26-unlabelled-subtotals-misleading-stems-grn", theme="dorohy", unit="грн", taskmode="vmerge",
         numcol="prefix", sep="\u00a0",
         headers=dict(task="Напрям використання коштів", measure="Перелік робіт", term="Рік виконання",
                      executor="Відповідальна установа", planned="Обсяг видатків, затверджений програмою, грн",
                      actual="Сплачено, грн", pct="Ступінь виконання"),
         ind_hdr=dict(name="Назва індикатора", unit="Одиниця вимірювання", planned="Цільове значення",
                      actual="Отримане значення", reason="Обґрунтування відхилень"),
         subtotals="", total="Загальна сума", groups="cyr", period=(2021, 2023),
         decisions=[((2020, 12, 23), "69/3"), ((2022, 1, 27), "25/11")],
         title=TITLE_ANNUAL, kind="annual", sign_mode="tab", sign_name="Коваль В.М."),
    # tasks as heading rows "Пріоритет N: …"; planned and actual told only by their unit and place; a percent
    # column named by its sign and a stem of another field; subtotal and total labels the vocabulary lacks
    dict(id="v27-priority-headings-amounts-by-place", theme="osvita", unit="тис. грн", taskmode="heading",
         task_label="Пріоритет {n}: ", mno_dot=True, pct_sign="%",
         headers=dict(no="№ з/п", measure="Найменування об’єкта", term="Терміни реалізації",
                      executor="Структурний підрозділ", planned="Сума за програмою, тис. грн",
                      actual="Видатки звітного року, тис. грн", pct="Рівень освоєння, %"),
         subtotals="Сума по завданню {n}", total="Підсумкова сума", groups="lat", period=(2021, 2023),
         decisions=[((2020, 12, 22), "917"), ((2021, 6, 24), "1205/21")],
         title=TITLE_ANNUAL, kind="annual", sign_mode="lines", sign_name="Ірина ПЕТРЕНКО"),
    # the task repeated in every row under a header the vocabulary lacks; known planned and unknown actual
    # and percent headers; an unlabelled total closing the table; no indicator table at all
    dict(id="v28-repeated-goal-cells-unlabelled-total-no-indicators", theme="zdorovia", unit="тис. грн",
         taskmode="repeat", task_numbered=True, numcol="prefix",
         headers=dict(task="Мета", measure="Зміст заходу", term="Строки", executor="Установа-виконавець",
                      planned="Обсяг фінансування, передбачений програмою, тис. грн",
                      actual="Оплачено, тис. грн", pct="Частка"),
         total="", no_indicators=True, period=(2021, 2023),
         decisions=[((2020, 12, 24), "2512"), ((2021, 12, 23), "801")],
         title=TITLE_ANNUAL, kind="annual", sign_mode="tab", sign_name="Олена КРАВЧУК"),
    # a breakdown by funding source under planned and actual headers the vocabulary lacks (each over "Усього"
    # and two sources); unlabelled sum rows under each task, a "Разом …" row closing the table summing them all
    dict(id="v29-sources-under-unknown-headers-razom-total", theme="osvita", unit="тис. грн",
         breakdown=("sources", ["державний бюджет", "міський бюджет"], True), numcol="prefix", taskmode="vmerge",
         headers=dict(task="Найменування напряму", measure="Опис робіт", term="Терміни реалізації", executor="Учасники",
                      planned="Потреба в коштах, тис. грн", actual="Надійшло коштів, тис. грн", pct="Рівень освоєння"),
         ind_hdr=dict(name="Показник результату", unit="Од. вим.", planned="Очікуване значення",
                      actual="Досягнуте значення", reason="Коментар"),
         subtotals="", total="Разом коштів", groups="cyr", period=(2021, 2023),
         decisions=[((2020, 12, 22), "917")], title=TITLE_ANNUAL, kind="annual", sign_mode="tab",
         sign_name="Ірина ПЕТРЕНКО"),
    # tasks as numbered heading rows; sums in грн; every sum row, subtotal and total, without a label
    dict(id="v30-numbered-headings-blank-sum-rows-grn", theme="dorohy", unit="грн", taskmode="heading",
         task_label="{n}. ", mno_dot=True,
         headers=dict(no="№", measure="Види робіт", term="Рік виконання", executor="Виконавець робіт",
                      planned="Вартість за програмою, грн", actual="Оплачено, грн", pct="Виконання, %"),
         subtotals="", total="", groups="lat", period=(2021, 2023),
         decisions=[((2020, 12, 23), "69/3")], title=TITLE_ANNUAL, kind="annual", sign_mode="lines",
         sign_name="Коваль В.М."),
    # only "№ з/п" is a vocabulary header: the task, term and executor named by the stems of their first words
    # ("Напрям", "Рік", "Установа"), the rest by content and place; the indicator table likewise
    dict(id="v31-only-the-number-header-known", theme="dorohy", unit="грн", numcol="prefix", taskmode="vmerge",
         headers=dict(task="Напрям", measure="Перелік робіт", term="Рік", executor="Установа",
                      planned="Сума за програмою, грн", actual="Оплачено, грн", pct="Частка"),
         subtotals="", total="Загальна сума", groups="cyr", period=(2021, 2023),
         ind_hdr=dict(name="Індикатор", unit="Вимір", planned="Ціль", actual="Результат", reason="Коментар",
                      remedy="Дії"),
         decisions=[((2020, 12, 23), "69/3")], title=TITLE_ANNUAL, kind="annual", sign_mode="tab",
         sign_name="Коваль В.М."),
]
