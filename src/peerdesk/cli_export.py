"""`peerdesk export`: the entries of a date range (or their weekly summary) as a CSV file, or both
in one Excel workbook (`--format xlsx`, or an `--out` ending in .xlsx)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .cli import EXIT_OK, EXIT_USAGE, CliError, _common, _opened, _subcommand, _workspace

CSV, XLSX = "csv", "xlsx"


def declare_export(sub: Any) -> None:
    export = _subcommand(
        sub, "export",
        help="write the entries (or the weekly summary) of a date range to a CSV file, or both to an Excel workbook",
    )
    _common(export, suppress=True)
    export.add_argument("--from", dest="date_from", required=True, metavar="YYYY-MM-DD", help="first day")
    export.add_argument("--to", dest="date_to", required=True, metavar="YYYY-MM-DD", help="last day (inclusive)")
    export.add_argument(
        "--out", required=True, metavar="FILE", help="the CSV file (or .xlsx workbook) to write (replaced only once "
        "complete)"
    )
    export.add_argument(
        "--format", choices=(CSV, XLSX), default=None,
        help="csv: one file, the entries or (--summary) the weekly summary; xlsx: one workbook with sheets Entries, "
        "Weekly summary and Charts (default: xlsx when --out ends in .xlsx, else csv)",
    )
    export.add_argument("--summary", action="store_true", help="write the weekly summary instead of the entries (CSV)")
    export.add_argument(
        "--include-notes", action="store_true", help="include notes (left out by default: notes may identify clients)"
    )
    export.add_argument(
        "--no-client-refs", action="store_true", help="leave the client reference column empty (minimum necessary)"
    )


def cmd_export(args: argparse.Namespace) -> int:
    from .domain.entry import parse_date

    dates = []
    for flag, text in (("--from", args.date_from), ("--to", args.date_to)):
        try:
            dates.append(parse_date(text))
        except ValueError as exc:
            raise CliError(f"{flag}: {exc}", EXIT_USAGE) from None
    start, end = dates
    if start > end:
        raise CliError(f"--from: {start} is after --to {end}; the range must start before it ends", EXIT_USAGE)
    out = Path(args.out).expanduser()
    workbook = out.suffix.lower() == ".xlsx"
    kind = args.format or (XLSX if workbook else CSV)
    if kind == XLSX and args.summary:
        raise CliError("--summary: a workbook holds the weekly summary on a sheet of its own, beside the entries; "
                       "leave out --summary", EXIT_USAGE)
    if kind == XLSX and not workbook:
        raise CliError(f"--out: {out.name} does not end in .xlsx, as a workbook's name must for a spreadsheet "
                       "to open it", EXIT_USAGE)
    if kind == CSV and workbook:
        raise CliError(f"--out: {out.name} ends in .xlsx but --format csv writes a CSV file; give a .csv name, "
                       "or --format xlsx", EXIT_USAGE)
    if args.summary and args.include_notes:
        raise CliError("--include-notes: the weekly summary has no notes; leave out one of the two", EXIT_USAGE)
    if out.is_dir():
        raise CliError(f"--out: {out} is a folder; give a file name", EXIT_USAGE)
    if not out.parent.is_dir():
        raise CliError(f"--out: the folder {out.parent} does not exist", EXIT_USAGE)

    from .exchange.csv_export import ExportError, OutputRefused, OutputUnwritable, export_entries, export_summary

    ws = _workspace(args)
    with _opened(ws) as store:
        try:
            if kind == XLSX:
                from .exchange.xlsx_export import export_workbook

                result = export_workbook(store, ws.taxonomy, start, end, out, include_notes=args.include_notes,
                                         include_client_refs=not args.no_client_refs)
            elif args.summary:
                result = export_summary(store, ws.taxonomy, start, end, out)
            else:
                result = export_entries(
                    store, ws.taxonomy, start, end, out, include_notes=args.include_notes,
                    include_client_refs=not args.no_client_refs,
                )
        except (OutputRefused, OutputUnwritable) as exc:  # the file asked for cannot be: a usage error
            raise CliError(f"--out: {exc}", EXIT_USAGE) from None
        except ExportError as exc:
            raise CliError(str(exc)) from None
    print(f"{result.path} ({result.counted()})")
    if result.signature is not None:  # every week of it submitted
        print(f"{result.signature} (signed with your key)")
    if result.unrecorded:
        print(f"peerdesk: warning: the export is not in the audit log: {result.unrecorded}", file=sys.stderr)
    return EXIT_OK
