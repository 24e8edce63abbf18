"""Regression cases pinned from the generated layouts: variant id -> (case directory name under tests/cases/, what it pins)."""

CASES = {
 "v01-grn-nbsp-vmerge": ("grn-nbsp-thousands-merged-task-cells",
   "sums in грн with a no-break space between thousands; tasks as vertically merged cells; measure numbers as a dotted prefix of the measure text; a 'Всього по програмі' total row; indicator groups with Cyrillic numerals; the signature after a TAB"),
 "v02-heading-tasks-passport": ("interim-task-heading-rows-subtotals-passport-table",
   "an interim (half-year) report whose tasks are heading rows with a subtotal each; funding-source text and deviation columns; metadata and decisions in a passport table with long dates; Latin group numerals; the signature in separate lines"),
 "v03-years-planfact-final": ("final-report-plan-fact-by-year-repeated-tasks",
   "a final report with plan and fact per year under two header rows (landscape, header repeated on each page); the task repeated on every measure row; a measure-number column of its own; an annex block; decisions written '№ N від DATE'; the signature in a borderless table"),
 "v04-sources-total-landscape": ("sources-breakdown-with-total-columns-cp1251",
   "a breakdown by funding source with 'Усього' planned and actual columns and a total row; indicators without group headings; landscape with the header repeated on each page; a cp1251 text export"),
 "v05-sources-nototal-dash": ("sources-breakdown-without-total-columns-hyphen-nulls",
   "a breakdown by funding source without total columns (planned and actual are the sums); '-' for an empty value; decisions in a narrative paragraph; ' –' as the metadata separator"),
 "v06-colorder-srctext-colnums": ("reordered-columns-source-text-column-numbers",
   "money columns after a funding-source text, executor and term in a different order; a '1 2 3 …' column-number row under the header; a measure-number column of its own; indicators with a deviation column and no group headings"),
 "v07-grn-nosep-longtable": ("grn-unseparated-thousands-rows-broken-across-pages",
   "sums in грн without a thousands separator; terms with ' р.'; a long funding table whose rows may break across pages"),
 "v08-years-planonly-total": ("plan-by-year-with-total-actual-for-report-year-passport",
   "planned amounts per year plus an 'Усього' column and the actual amount of the reporting year only; no percent column; metadata in a passport table"),
 "v09-nopct-subtotals-repeat": ("no-percent-column-task-subtotals-cp1251",
   "sums in грн with no percent column; the task repeated on every measure row with a subtotal row per task and a 'Всього' total; a cp1251 text export"),
 "v10-heading-numbered-landscape": ("numbered-task-heading-rows-landscape",
   "tasks as heading rows numbered '1. …' with dotted measure numbers; landscape with the header repeated on each page; indicators numbered continuously across groups"),
 "v11-final-reversed-long": ("final-report-narrow-portrait-columns-long-dates",
   "a final report on a portrait page (narrow columns, much wrapping); decisions written '№ N від <day month year>'; Latin group numerals; the signature in a borderless table"),
 "v12-sources-interim": ("interim-as-of-date-two-sources-breakdown",
   "an interim report 'станом на 01.10.2022' with a breakdown by two funding sources and their totals; percents without a % sign"),
 "v13-stacked-objects": ("objects-stacked-in-one-cell-with-dash-bullets",
   "several objects listed in one cell with dash bullets and their amounts stacked line by line in the money cells: one funding row per object"),
 "v14-grn-kopecks-deviation": ("grn-with-kopecks-task-title-rows-deviation-column",
   "sums in грн with kopecks; tasks as 'Завдання N. …' rows spanning the table; a deviation column; a 'Разом' total row; indicators with deviation and percent columns"),
 "v15-split-table-9months": ("funding-table-split-by-a-page-break-9-months",
   "a nine-month report whose funding table is two Word tables separated by a page break (the second without a header); decisions with 'р.' after the date; metadata after dashes"),
 "v16-passport-caps-header-annex": ("capitals-title-passport-table-annex-in-page-header",
   "a title in capitals; a numbered passport table holding the decisions with their titles; the annex line in the Word page header; measures with no task; an indicator row of dashes"),
 "v17-wide-years-sources": ("wide-table-years-by-sources-four-header-rows",
   "a 19-column table at 8 pt: planned and actual per year and per funding source under four header rows (the last one column numbers), with totals"),
 "v18-final-bullets-secretary": ("final-report-dash-listed-decisions-secretary-signs",
   "a final report ('Підсумковий звіт') with no period in the title; decisions as a dash-bulleted list; the unit as a line above the table; signed by the city council secretary"),
 "v19-unitrow-mayor-cp1251": ("unit-in-second-header-row-mayor-signs-cp1251",
   "the money unit in a second header row spanning the money columns; merged task cells; signed by the mayor; a cp1251 text export"),
 "v20-total-first-softhyph-3dec": ("total-row-first-soft-hyphens-three-decimals",
   "the total row right under the header; soft hyphens inside words; sums with three decimals; percents with a % sign; decisions with dates in words"),
 "v21-term-variants-numpara": ("term-wordings-multiline-executors-numbered-measures",
   "terms as 'ІІ квартал 2023 р.', '2022–2024 роки', '2023 рік', 'протягом 2023 року'; executors on several lines; measure numbers in a paragraph of their own"),
 "v22-task-number-rows-quarter": ("task-title-rows-with-numbers-quarter-report-cp1251",
   "a first-quarter report whose tasks are numbered bold rows spanning the table; indicator groups without numerals; a cp1251 text export"),
}

#: renderings of the reference corpus (shared/corpus) that samples/ does not hold:
#: stem -> (case directory name, what it pins, renderings made from the corpus files)
CORPUS = {
    "zhytomyr-bezpechne-misto-2017-2019": (
        "corpus-real-final-report-layout-text-and-cp1251",
        "the real report of the corpus as pdftotext -layout prints its PDF (a funding table over five pages, "
        "a merged task cell blank on continuation pages) and its Word TAB export saved in cp1251",
        ["pdftotext-layout.txt", "word-tab-export-cp1251.txt"]),
    "rivne-pytna-voda-2021": (
        "corpus-information-report-layout-text",
        "an 'Інформація про виконання' report as pdftotext -layout prints its PDF",
        ["pdftotext-layout.txt"]),
    "poltava-sportyvna-poltava-2022-07-01": (
        "corpus-layout-text-cp1251",
        "a pdftotext -layout text saved in cp1251",
        ["pdftotext-layout-cp1251.txt"]),
}
