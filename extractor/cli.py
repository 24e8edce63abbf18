"""Command line: ``extractor parse|dump|schema|batch|check|demo ...``.

The CLI only orchestrates: it calls the pipeline and the writers and turns
errors into one line on stderr and an exit code. It never parses.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path

from . import __version__
from .errors import WRITE, ExtractorError, InternalError
from .i18n import LANGUAGES, N_, _, default_language, language, ngettext, using
from .limits import DEFAULT_LIMITS, DEFAULT_TIMEOUT_SECONDS, Limits
from .output import DEFAULT_TABLE, FORMATS
from .render import DEFAULT_WIDTH
from .writers.tables import TABLES

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def say_error(text: str) -> None:
    """One line on stderr: ``extractor: error: …`` (the word in the current language)."""
    print("extractor: " + _("error") + ": " + text, file=sys.stderr)


def say_note(text: str) -> None:
    print("extractor: " + _("note") + ": " + text, file=sys.stderr)


def _add_limit_flags(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group(_("limits"))
    g.add_argument("--max-file-mb", type=float, default=DEFAULT_LIMITS.max_file_bytes / 1048576,
                   help=_("largest input file accepted, in MB (default: %(default)s)"))
    g.add_argument("--max-pages", type=int, default=DEFAULT_LIMITS.max_pages,
                   help=_("most PDF pages read (default: %(default)s)"))
    g.add_argument("--max-inflated-mb", type=float, default=DEFAULT_LIMITS.max_inflated_bytes / 1048576,
                   help=_("largest uncompressed DOCX part, in MB (default: %(default)s)"))


def _add_ocr_flags(p: argparse.ArgumentParser) -> None:
    from .readers.ocr.settings import DEFAULT_OCR, MODES

    g = p.add_argument_group(_("OCR of scanned PDF pages"))
    g.add_argument("--ocr", choices=MODES, default=DEFAULT_OCR.mode,
                   help=_("which pages Tesseract reads: auto = pages without a text layer, always = every page, "
                          "never = none (default: %(default)s)"))
    g.add_argument("--ocr-lang", default=DEFAULT_OCR.lang, metavar="LANGS",
                   help=_("Tesseract languages joined by + (default: %(default)s)"))
    g.add_argument("--ocr-dpi", type=int, default=DEFAULT_OCR.dpi, metavar="DPI",
                   help=_("resolution pages are rendered at for OCR (default: %(default)s)"))


def _ocr(args: argparse.Namespace):
    from .readers.ocr.settings import OcrSettings

    try:
        return OcrSettings(mode=args.ocr, lang=args.ocr_lang, dpi=args.ocr_dpi)
    except ValueError as e:
        from .batch import UsageError

        raise UsageError(None, str(e)) from e


def _limits(args: argparse.Namespace) -> Limits:
    timeout = getattr(args, "timeout", DEFAULT_LIMITS.timeout_seconds)
    try:
        return Limits(
            max_file_bytes=int(args.max_file_mb * 1048576),
            max_pages=args.max_pages,
            max_inflated_bytes=int(args.max_inflated_mb * 1048576),
            timeout_seconds=timeout,
        )
    except ValueError as e:
        from .batch import UsageError

        raise UsageError(None, str(e)) from e


#: environment variable naming the PDF engine (``settings.PDF_ENGINES``): read here, and nowhere below the CLI
PDF_ENGINE_ENV = "EXTRACTOR_PDF_ENGINE"


def _settings(args: argparse.Namespace, environ=None):
    """The root settings of a command: its limit and OCR flags, and the PDF engine from $EXTRACTOR_PDF_ENGINE."""
    from .settings import PdfSettings, Settings

    env = os.environ if environ is None else environ
    try:
        pdf = PdfSettings(engine=env.get(PDF_ENGINE_ENV) or PdfSettings().engine)
    except ValueError as e:
        from .batch import UsageError

        raise UsageError(PDF_ENGINE_ENV, str(e)) from e
    if hasattr(args, "ocr"):
        return Settings(limits=_limits(args), pdf=pdf, ocr=_ocr(args))
    return Settings(limits=_limits(args), pdf=pdf)


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(_("must be at least 1, got {text}").format(text=text))
    return value


def _share(text: str) -> float:
    """A share from 0 to 1 ("0.99")."""
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(_("must be a number from 0 to 1, got {text}").format(text=text))
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(_("must be a positive number of seconds, got {text}").format(text=text))
    return value


def _width(text: str) -> int:
    from .render import MIN_WIDTH

    value = int(text)
    if value < MIN_WIDTH:
        raise argparse.ArgumentTypeError(_("must be at least {n}, got {text}").format(n=MIN_WIDTH, text=text))
    return value


def available_cpus() -> int:
    """The CPUs this process may run on (its affinity), else the machine's count."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _jobs(args: argparse.Namespace) -> int:
    """``--jobs``, capped at the CPUs there are (more workers only cost memory), with a note when capped.

    With ``--dask`` the work runs on the cluster and ``--jobs`` is not used.
    """
    cpus = available_cpus()
    if args.jobs > cpus and not getattr(args, "dask", None):
        say_note(ngettext("--jobs {jobs} is more than the {cpus} CPU available; using {cpus}",
                          "--jobs {jobs} is more than the {cpus} CPUs available; using {cpus}", cpus)
                 .format(jobs=args.jobs, cpus=cpus))
        return cpus
    return args.jobs


def _add_run_flags(p: argparse.ArgumentParser) -> None:
    """Flags of the commands that parse many files in worker processes."""
    p.add_argument("--jobs", "-j", type=_positive_int, default=available_cpus(),
                   help=_("files parsed in parallel worker processes, at most the CPUs there are "
                        "(default: the CPUs, %(default)s)"))
    p.add_argument("--timeout", type=_positive_float, default=DEFAULT_TIMEOUT_SECONDS,
                   help=_("seconds one file may take before its worker is killed (default: %(default)s)"))
    p.add_argument("--allow-empty", action="store_true",
                   help=_("exit 0 when there is no input to read (no file, or only skipped ones)"))


def _add_csv_flags(p: argparse.ArgumentParser) -> None:
    g = p.add_mutually_exclusive_group()
    g.add_argument("--excel-csv", action="store_true", help=_("write CSV with a UTF-8 BOM for spreadsheets"))
    g.add_argument("--excel-locale", action="store_true",
                   help=_("write CSV for a spreadsheet with comma-decimal regional settings (Ukrainian): "
                   "';' between cells, decimal comma, UTF-8 BOM"))


def _csv_style(args: argparse.Namespace):
    from .writers.csv import EXCEL, EXCEL_LOCALE, PLAIN

    if getattr(args, "excel_locale", False):
        return EXCEL_LOCALE
    return EXCEL if getattr(args, "excel_csv", False) else PLAIN


def _add_batch_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", required=True, metavar="OUTDIR", help=_("output folder"))
    _add_run_flags(p)
    again = p.add_mutually_exclusive_group()
    again.add_argument("--resume", action="store_true",
                       help=_("OUTDIR holds an earlier run: reuse the report of each input whose JSON in "
                            "OUTDIR/reports/ has the same sha256, replace the rest"))
    again.add_argument("--force", action="store_true",
                       help=_("OUTDIR holds an earlier run: remove its outputs first"))
    p.add_argument("--keep-duplicates", action="store_true",
                   help=_("count every file in the tables, also one that yields the same report as another "
                        "(the DOCX and the PDF of one report); they are named in the manifest either way"))
    _add_csv_flags(p)
    p.add_argument("--no-xlsx", action="store_true", help=_("do not write reports.xlsx"))
    p.add_argument("--dask", metavar="ADDRESS",
                   help=_("run on a dask.distributed scheduler (tcp://host:8786) instead of local processes"))
    p.add_argument("--quiet", "-q", action="store_true", help=_("no progress, only failures"))
    _add_limit_flags(p)


def _add_global_flags(p: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    """The flags every command takes, before or after the command's name, with the same effect.

    On a command's own parser they default to "not given" (``SUPPRESS``):
    argparse would otherwise reset a flag given before the command
    (``extractor --debug dump FILE``) to the command parser's default.
    """
    p.add_argument("--version", action="version", version=f"extractor {__version__}",
                   help=_("show program's version number and exit"))
    p.add_argument("--debug", action="store_true", default=False if top_level else argparse.SUPPRESS,
                   help=_("show tracebacks on errors"))
    # read (and taken off the command line) by take_language before argparse runs; declared for --help
    p.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=_(
        "language of messages, help and views, before or after the command "
        "(default: $EXTRACTOR_LANG, else the locale's language when it is one of these, else uk)"))


def _command(sub: argparse._SubParsersAction, name: str, **kwargs) -> argparse.ArgumentParser:
    """A command's parser, with the global flags."""
    p = sub.add_parser(name, **kwargs)
    _add_global_flags(p)
    return p


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="extractor",
        description=_("Turn Ukrainian municipal program reports (DOCX, PDF, TXT and more) into validated JSON, CSV and XLSX."),
    )
    _add_global_flags(parser, top_level=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = _command(
        sub,
        "parse",
        help=_("parse one report: JSON on stdout, or -o zvit.xlsx / .html / .csv / .json / FOLDER/"),
        description=_("Parse one report. Without -o the JSON goes to stdout. With -o the format follows the "
        "extension (.json, .csv, .xlsx, .html, .md) unless --format says otherwise; a path ending in / is a folder "
        "(CSV: every table and datapackage.json; other formats: <file name>.<ext>). Each file written is "
        "named on stderr."),
    )
    p.add_argument("file", help=_("a report: .docx, .pdf, .txt and the other formats extractor reads"))
    p.add_argument("--format", choices=FORMATS, default=None,
                   help=_("output format (default: from the -o extension, else json)"))
    p.add_argument("-o", "--output", metavar="PATH",
                   help=_("output file (zvit.xlsx, zvit.html, funding.csv, zvit.json) or folder (out/); default: stdout"))
    p.add_argument("--table", choices=tuple(TABLES), default=None,
                   help=_("the one CSV table for a .csv file or stdout (a file gets {table} unless given)")
                   .format(table=DEFAULT_TABLE))
    _add_csv_flags(p)
    p.add_argument("--quiet", "-q", action="store_true", help=_("do not name the files written on stderr"))
    _add_limit_flags(p)
    _add_ocr_flags(p)

    d = _command(sub, "dump", help=_("show what the reader saw: paragraphs and tables as grids"))
    d.add_argument("file")
    d.add_argument("--json", action="store_true", help=_("print the Document as JSON"))
    w = d.add_mutually_exclusive_group()
    w.add_argument("--width", type=_width, default=DEFAULT_WIDTH, metavar="N",
                   help=_("cut cells longer than N characters (default: %(default)s)"))
    w.add_argument("--full", action="store_true", help=_("never cut a cell"))
    d.add_argument("--no-legend", action="store_true", help=_("leave out the legend of the markers"))
    _add_limit_flags(d)
    _add_ocr_flags(d)

    _command(sub, "schema", help=_("print the JSON Schema of the output contract"))

    f = _command(sub, "formats", help=_("list the input formats this installation reads, and what is missing"))
    f.add_argument("--json", action="store_true", help=_("print the list as JSON"))

    b = _command(
        sub,
        "batch",
        help=_("convert files and folders into OUTDIR: per-report JSON, CSVs, XLSX, datapackage.json, manifest.csv, index.html"),
    )
    b.add_argument("inputs", nargs="+", metavar="INPUT",
                   help=_("a file, a folder (searched for .docx/.pdf/.txt), a glob, or - for paths on stdin"))
    _add_batch_flags(b)

    c = _command(sub, "check", help=_("parse reports and fail when one is unreadable or has no tables (for CI)"))
    c.add_argument("inputs", nargs="+", metavar="INPUT", help=_("files, folders, globs, or - for paths on stdin"))
    c.add_argument("--format", choices=["text", "json", "junit", "github"], default="text",
                   help=_("output format (default: %(default)s)"))
    c.add_argument("--strict", action="store_true", help=_("warnings fail too"))
    c.add_argument("--min-coverage", type=_share, metavar="RATIO",
                   help=_("fail a report whose coverage (the share of the numbers of its tables read into fields, "
                          "0-1) is below RATIO, e.g. 0.99"))
    c.add_argument("-o", "--output", help=_("write the findings to this file instead of stdout"))
    _add_run_flags(c)
    _add_limit_flags(c)

    v = _command(sub, "serve", help=_("a local web page: drop reports, read them, download JSON/CSV/XLSX"),
                      description=_("Serve a web page on this computer where reports are dropped and read. "
                      "Files are parsed in worker processes with the limits and timeout below; "
                      "nothing is kept after the answer unless --keep names a folder."))
    v.add_argument("--host", default="127.0.0.1",
                   help=_("address to listen on (default: %(default)s, this computer only)"))
    v.add_argument("--port", type=int, default=8000, help=_("port (default: %(default)s; 0 picks a free one)"))
    v.add_argument("--max-files", type=_positive_int, default=20, help=_("files per upload (default: %(default)s)"))
    v.add_argument("--keep", metavar="DIR", help=_("also keep each upload's JSON, XLSX and CSV in DIR"))
    v.add_argument("--open", action="store_true", help=_("open the page in the default browser"))
    _add_run_flags(v)
    _add_limit_flags(v)

    m = _command(sub, "demo", help=_("convert a folder like batch and print a summary table"))
    m.add_argument("folder", metavar="DIR", help=_("folder of reports, e.g. samples"))
    _add_batch_flags(m)
    return parser


def _utf8_stdout() -> None:
    """Write stdout as UTF-8 whatever the locale: JSON and CSV redirected on a cp1251 system stay whole."""
    try:
        sys.stdout.reconfigure(encoding="utf-8")
    except (AttributeError, ValueError, OSError):  # replaced by a stream without reconfigure
        pass


#: environment variable naming the language of messages, help and views (before the locale is asked)
LANG_ENV = "EXTRACTOR_LANG"


def take_language(argv: list[str], environ=None) -> tuple[str, list[str]]:
    """The language asked for, and the arguments without ``--lang``.

    ``--lang uk|en`` anywhere on the command line (before or after the
    command), else ``$EXTRACTOR_LANG``, else the locale's language when
    extractor has it (``LANG=en_US.UTF-8`` gives English), else Ukrainian.
    Raises ValueError for a language extractor does not have.
    """
    env = os.environ if environ is None else environ
    rest: list[str] = []
    lang: str | None = None
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            rest.extend(argv[i:])
            break
        if arg == "--lang":
            if i + 1 >= len(argv):
                raise ValueError("--lang needs a language: " + " or ".join(LANGUAGES))
            lang, i = argv[i + 1], i + 2
            continue
        if arg.startswith("--lang="):
            lang, i = arg.split("=", 1)[1], i + 1
            continue
        rest.append(arg)
        i += 1
    if lang is None:
        lang = env.get(LANG_ENV) or default_language(env)
    if lang not in LANGUAGES:
        raise ValueError(f"--lang: {lang!r} is not one of {', '.join(LANGUAGES)}")
    return lang, rest


#: argparse's own texts, here so that they are in the catalogue (Python 3.11-3.13 wordings)
_ARGPARSE_TEXTS = (
    N_("usage: "), N_("positional arguments"), N_("options"), N_("show this help message and exit"),
    N_("show program's version number and exit"), N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"), N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"), N_("argument %(argument_name)s: %(message)s"),
    N_("expected one argument"), N_("invalid %(type)s value: %(value)r"), N_("not allowed with argument %s"),
    N_("ambiguous option: %(option)s could match %(matches)s"), N_("one of the arguments %s is required"),
    N_("expected at least one argument"), N_("ignored explicit argument %r"),
)


@contextmanager
def _argparse_in_language():
    """argparse's own texts ("usage:", "options", "the following arguments are required") through our catalogue."""
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = _, ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


def main(argv: list[str] | None = None) -> int:
    _utf8_stdout()
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        lang, argv = take_language(argv)
    except ValueError as e:
        say_error(str(e))
        return EXIT_USAGE
    with using(lang), _argparse_in_language():
        return _main(argv)


def _main(argv: list[str]) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse exits 2 on usage errors, 0 on --help
        return int(e.code or 0)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    from .batch import UsageError

    try:
        return _COMMANDS[args.command](args)
    except UsageError as e:
        say_error(str(e))
        return EXIT_USAGE
    except InternalError as e:
        if args.debug:
            raise
        say_error(str(e) + "; " + _("rerun with --debug for the traceback"))
        return EXIT_FAILED
    except ExtractorError as e:
        if args.debug:
            raise
        say_error(str(e))
        return EXIT_FAILED
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        print("extractor: " + _("interrupted"), file=sys.stderr)
        return 130
    except Exception as e:  # a bug, not the input's fault: still one line; the traceback with --debug
        if args.debug:
            raise
        where = getattr(args, "file", None)
        detail = " ".join(f"{type(e).__name__}: {e}".split())
        say_error((where + ": " if where else "")
                  + _("internal error ({detail}); rerun with --debug for the traceback").format(detail=detail))
        return EXIT_FAILED


def _cmd_schema(args: argparse.Namespace) -> int:
    from .models import json_schema

    sys.stdout.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


def _cmd_parse(args: argparse.Namespace) -> int:
    from .output import plan_output, write_report
    from .pipeline import parse_input

    plan = plan_output(args.output, args.format, args.table, args.file)  # a usage error before the parse
    for flag, given in (("--excel-csv", args.excel_csv), ("--excel-locale", args.excel_locale)):
        if given and plan.format != "csv":
            from .batch import UsageError

            raise UsageError(flag, _("applies to CSV output, and this writes {format}").format(format=plan.format.upper()))
    if plan.format == "xlsx":
        _need_openpyxl()
    parsed = parse_input(args.file, _settings(args))
    sources = None
    if plan.format == "html":
        from .writers.pages import report_sources

        sources = report_sources(parsed.report, parsed.document, parsed.input.data)
    try:
        written = write_report(parsed.report, plan, args.file, csv_style=_csv_style(args), sources=sources)
    except (ExtractorError, OSError):  # OSError: a closed stdout (BrokenPipeError), handled by main
        raise
    except Exception as exc:  # a writer's bug, not the file's fault
        raise InternalError.during(WRITE, args.file, exc) from exc
    for line in written:
        if not args.quiet:
            print(f"extractor: {line}", file=sys.stderr)
    return EXIT_OK


def _need_openpyxl() -> None:
    from .batch import UsageError, xlsx_available

    if not xlsx_available():
        raise UsageError(None, _("XLSX output needs openpyxl: pip install '{package}'").format(
            package="extractor-zvit[xlsx]"))


def _cmd_dump(args: argparse.Namespace) -> int:
    from .readers import read
    from .render import RenderOptions, render_document

    doc = read(args.file, _settings(args))
    if args.json:
        sys.stdout.write(json.dumps(doc.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        options = RenderOptions(width=None if args.full else args.width, legend=not args.no_legend)
        sys.stdout.write(render_document(doc, options))
    return EXIT_OK


def _batch_options(args: argparse.Namespace):
    from .batch import BatchOptions, xlsx_available

    xlsx = not args.no_xlsx
    if xlsx and not xlsx_available():
        say_note(_("reports.xlsx not written: pip install '{package}'").format(package="extractor-zvit[xlsx]"))
        xlsx = False
    if args.dask:
        _need_dask()
    return BatchOptions(
        jobs=_jobs(args),
        timeout=args.timeout,
        settings=_settings(args),
        bom=args.excel_csv,
        csv_style=_csv_style(args),
        resume=args.resume,
        force=args.force,
        keep_duplicates=args.keep_duplicates,
        dask=args.dask,
        xlsx=xlsx,
    )


def _need_dask() -> None:
    """--dask without dask.distributed installed is a usage error naming the option, not a crash."""
    from .batch import UsageError

    try:
        import distributed  # noqa: F401
    except ImportError as exc:
        raise UsageError("--dask", _("needs dask.distributed: pip install '{package}'").format(
            package="extractor-zvit[dask]")) from exc


def _stop_on_sigterm() -> None:
    """Let ``kill`` stop a run like Ctrl-C does: workers killed, finished outputs kept."""
    import signal
    import threading

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, interrupt)


def _expand(args: argparse.Namespace, exclude=()) -> list:
    """The inputs of a batch or check; notes on folders left out go to stderr."""
    from .inputs import expand_inputs

    notes: list[str] = []
    found = expand_inputs(args.inputs, sys.stdin if "-" in args.inputs else None, exclude=exclude, notes=notes)
    if not getattr(args, "quiet", False):
        for note in notes:
            say_note(note)
    return found


def _nothing_to_read(args: argparse.Namespace, n_inputs: int) -> int | None:
    """Exit code 1 with a message when no input was read (none at all, or all skipped), unless --allow-empty."""
    if args.allow_empty:
        return None
    where = " ".join(str(a) for a in args.inputs)
    if n_inputs == 0:
        say_error(_("no file to read in {where}; --allow-empty accepts that").format(where=where))
    else:
        say_error(ngettext("no report among the {n} file (all skipped) to read in {where}; --allow-empty accepts that",
                           "no report among the {n} files (all skipped) to read in {where}; --allow-empty accepts that",
                           n_inputs).format(n=n_inputs, where=where))
    return EXIT_FAILED


def _run_batch(args: argparse.Namespace):
    """Run a batch; returns (result or None, exit code)."""
    from .batch import prepare_output, run_batch
    from .progress import Progress

    _stop_on_sigterm()
    options = _batch_options(args)
    outdir = Path(args.output)
    paths = _expand(args, exclude=[outdir])
    if not paths:
        code = _nothing_to_read(args, 0)
        if code is not None:
            return None, code
    prepare_output(outdir, options)  # refuse an earlier run before anything is written
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ExtractorError(outdir, _("cannot create the output folder ({reason})").format(reason=e.strerror or e)) from e
    progress = Progress(len(paths), quiet=args.quiet)
    result = run_batch(paths, outdir, options, progress=progress)
    for problem in result.problems:
        say_error(problem)
    if not args.quiet:
        print("extractor: " + _("{summary}; outputs in {folder}").format(summary=result.summary(), folder=args.output),
              file=sys.stderr)
    if result.entries and result.nothing_read:
        code = _nothing_to_read(args, len(result.entries))
        if code is not None:
            return result, code
    return result, result.exit_code


def _cmd_batch(args: argparse.Namespace) -> int:
    return _run_batch(args)[1]


_PARSED = ("ok", "warning", "no-tables")


def summary_table(entries) -> str:
    """The demo's summary: one line per input with its counts."""
    from .status import status_word

    header = (_("report"), _("format"), _("status"), _("decisions"), _("funding"), _("indicators"), _("warnings"),
              _("counted"))
    rows = [
        (
            e.name,
            e.format or "",
            status_word(e.status),
            *("" if v is None else str(v) for v in (e.decisions, e.funding, e.indicators, e.warnings)),
            (_("yes") if e.counted else _("no, duplicate of {path}").format(path=e.duplicate_of))
            if e.status.value in _PARSED else "",
        )
        for e in entries
    ]
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    numeric = {3, 4, 5, 6}

    def line(r) -> str:
        return "  ".join(str(v).rjust(w) if i in numeric else str(v).ljust(w) for i, (v, w) in enumerate(zip(r, widths))).rstrip()

    out = [line(header), "  ".join("-" * w for w in widths)] + [line(r) for r in rows]
    return "\n".join(out) + "\n"


def _cmd_demo(args: argparse.Namespace) -> int:
    from .batch import UsageError

    if not Path(args.folder).is_dir():
        raise UsageError(args.folder, _("not a folder"))
    args.inputs = [args.folder]
    result, code = _run_batch(args)
    if result is None:
        return code
    sys.stdout.write(summary_table(result.entries))
    for e in result.entries:
        if e.failed:
            sys.stdout.write(f"failed: {e.error}\n")
    sys.stdout.write(f"\nJSON in {Path(args.output) / 'reports'}; CSV, XLSX and datapackage.json in {args.output}\n")
    return code


def _cmd_check(args: argparse.Namespace) -> int:
    from .check import check_files, exit_code, render, summary_line
    from .status import Status

    _stop_on_sigterm()
    paths = _expand(args)
    if not paths:
        code = _nothing_to_read(args, 0)
        if code is not None:
            return code
    verdicts = check_files(paths, jobs=_jobs(args), timeout=args.timeout, limits=_settings(args),
                           min_coverage=args.min_coverage)
    text = render(verdicts, args.format, strict=args.strict)
    if args.output:
        from .writers.atomic import atomic_write_text

        atomic_write_text(Path(args.output), text)
    else:
        sys.stdout.write(text)
    if args.format != "text" or args.output:
        print(f"extractor: {summary_line(verdicts, args.strict)}", file=sys.stderr)
    if verdicts and all(v.status == Status.SKIPPED for v in verdicts):
        code = _nothing_to_read(args, len(verdicts))
        if code is not None:
            return code
    return exit_code(verdicts, strict=args.strict)


def _cmd_serve(args: argparse.Namespace) -> int:
    from .batch import UsageError
    from .serve import ServeSettings, serve

    try:
        settings = ServeSettings(
            host=args.host, port=args.port, parse=_settings(args), timeout=args.timeout, max_files=args.max_files,
            jobs=args.jobs, keep=Path(args.keep) if args.keep else None, lang=language(),
        )
    except ValueError as e:
        raise UsageError(None, str(e)) from e

    def announce(url: str) -> None:
        print("extractor: " + _("the page is at {url} (Ctrl-C stops it)").format(url=url), file=sys.stderr, flush=True)
        if args.open:
            import webbrowser

            webbrowser.open(url)

    _stop_on_sigterm()
    serve(settings, announce)
    return EXIT_OK


#: how each format is read, as ``extractor formats`` says it
_HOW_TEXT = {
    "direct": N_("read directly"),
    "libreoffice": N_("converted by LibreOffice (one process serves a whole run)"),
    "libreoffice-per-file": N_("converted by LibreOffice, started anew for every file (slower)"),
    "missing": N_("needs LibreOffice, which is not installed"),
    "ocr": N_("pages without a text layer read by OCR (Tesseract)"),
    "ocr-missing": N_("needs Tesseract with its Ukrainian data and the ocr extra, not all installed"),
}


def _cmd_formats(args: argparse.Namespace) -> int:
    """The formats this installation reads; exit 1 when one needs a program that is missing."""
    import dataclasses

    from .readers import formats

    found = formats()
    if args.json:
        sys.stdout.write(json.dumps([dataclasses.asdict(f) for f in found], ensure_ascii=False, indent=2) + "\n")
    else:
        yes, no = _("yes"), _("NO")
        mark_width = max(len(yes), len(no))
        for f in found:
            mark = (yes if f.available else no).ljust(mark_width)
            line = f"{f.format.upper():<4}  {mark}  {', '.join(f.suffixes):<14}  {_(_HOW_TEXT[f.how])}"
            if f.install:
                line += "; " + _("install: {command}").format(command=f.install)
            sys.stdout.write(line.rstrip() + "\n")
    return EXIT_OK if all(f.available for f in found) else EXIT_FAILED


_COMMANDS = {
    "serve": _cmd_serve,
    "formats": _cmd_formats,
    "parse": _cmd_parse,
    "schema": _cmd_schema,
    "dump": _cmd_dump,
    "batch": _cmd_batch,
    "check": _cmd_check,
    "demo": _cmd_demo,
}
