"""Command line: ``extractor parse|dump|schema ...``.

The CLI only orchestrates: it calls the pipeline and the writers and turns
errors into one line on stderr and an exit code. It never parses.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__
from .errors import ExtractorError
from .limits import DEFAULT_LIMITS, Limits

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def _add_limit_flags(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("limits")
    g.add_argument("--max-file-mb", type=float, default=DEFAULT_LIMITS.max_file_bytes / 1048576,
                   help="largest input file accepted, in MB (default: %(default)s)")
    g.add_argument("--max-pages", type=int, default=DEFAULT_LIMITS.max_pages,
                   help="most PDF pages read (default: %(default)s)")
    g.add_argument("--max-inflated-mb", type=float, default=DEFAULT_LIMITS.max_inflated_bytes / 1048576,
                   help="largest uncompressed DOCX part, in MB (default: %(default)s)")


def _limits(args: argparse.Namespace) -> Limits:
    return Limits(
        max_file_bytes=int(args.max_file_mb * 1048576),
        max_pages=args.max_pages,
        max_inflated_bytes=int(args.max_inflated_mb * 1048576),
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="extractor",
        description="Turn Ukrainian municipal program reports (DOCX, PDF, TXT) into validated JSON and CSV.",
    )
    parser.add_argument("--version", action="version", version=f"extractor {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("parse", help="parse one report and print its JSON (or write CSV)")
    p.add_argument("file", help="a .docx, .pdf or .txt report")
    p.add_argument("--format", choices=["json", "csv"], default="json", help="output format (default: json)")
    p.add_argument("-o", "--output", help="output file (json) or directory (csv); default: stdout for json")
    p.add_argument("--excel-csv", action="store_true", help="write CSV with a UTF-8 BOM for spreadsheets")
    p.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    _add_limit_flags(p)

    d = sub.add_parser("dump", help="show what the reader saw: paragraphs and tables as grids")
    d.add_argument("file")
    d.add_argument("--json", action="store_true", help="print the Document as JSON")
    d.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    _add_limit_flags(d)

    sub.add_parser("schema", help="print the JSON Schema of the output contract")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse exits 2 on usage errors, 0 on --help
        return int(e.code or 0)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return _COMMANDS[args.command](args)
    except ExtractorError as e:
        if getattr(args, "debug", False):
            raise
        print(f"extractor: error: {e}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        print("extractor: interrupted", file=sys.stderr)
        return 130


def _cmd_schema(args: argparse.Namespace) -> int:
    from .models import json_schema

    sys.stdout.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


def _cmd_parse(args: argparse.Namespace) -> int:
    from .pipeline import parse_file

    report = parse_file(args.file, _limits(args))
    if args.format == "json":
        text = report.to_json() + "\n"
        if args.output:
            from .writers.atomic import atomic_write_text

            atomic_write_text(Path(args.output), text)
        else:
            sys.stdout.write(text)
        return EXIT_OK
    from .writers.csv import write_report_csvs

    outdir = Path(args.output or ".")
    write_report_csvs([report], outdir, bom=args.excel_csv)
    return EXIT_OK


def _cmd_dump(args: argparse.Namespace) -> int:
    from .readers import read
    from .render import render_document

    doc = read(args.file, _limits(args))
    if args.json:
        sys.stdout.write(json.dumps(doc.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render_document(doc))
    return EXIT_OK


_COMMANDS = {"parse": _cmd_parse, "schema": _cmd_schema, "dump": _cmd_dump}
