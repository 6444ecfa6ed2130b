"""`peerdesk export`: the entries of a date range (or their weekly summary) as a CSV file, or both
in one Excel workbook (`--format xlsx`, or an `--out` ending in .xlsx)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .cli import EXIT_OK, EXIT_USAGE, CliError, _common, _opened, _subcommand, _workspace, prefixed, warn
from .i18n import _

CSV, XLSX = "csv", "xlsx"


def declare_export(sub: Any) -> None:
    export = _subcommand(
        sub, "export",
        help=_("write the entries (or the weekly summary) of a date range to a CSV file, or both to an Excel workbook"),
    )
    _common(export, suppress=True)
    export.add_argument("--from", dest="date_from", required=True, metavar=_("YYYY-MM-DD"), help=_("first day"))
    export.add_argument("--to", dest="date_to", required=True, metavar=_("YYYY-MM-DD"), help=_("last day (inclusive)"))
    export.add_argument(
        "--out", required=True, metavar=_("FILE"),
        help=_("the CSV file (or .xlsx workbook) to write (replaced only once complete)"),
    )
    export.add_argument(
        "--format", choices=(CSV, XLSX), default=None,
        # TRANSLATORS: Entries, Weekly summary and Charts are the workbook's sheet names: they stay in English
        help=_("csv: one file, the entries or (--summary) the weekly summary; xlsx: one workbook with sheets Entries, "
               "Weekly summary and Charts (default: xlsx when --out ends in .xlsx, else csv)"),
    )
    export.add_argument("--summary", action="store_true",
                        help=_("write the weekly summary instead of the entries (CSV)"))
    export.add_argument("--include-notes", action="store_true",
                        help=_("include notes (left out by default: notes may identify clients)"))
    export.add_argument(
        "--no-client-refs", action="store_true", help=_("leave the client reference column empty (minimum necessary)")
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
        raise CliError(_("--from: {start} is after --to {end}; the range must start before it ends").format(
            start=start, end=end), EXIT_USAGE)
    out = Path(args.out).expanduser()
    workbook = out.suffix.lower() == ".xlsx"
    kind = args.format or (XLSX if workbook else CSV)
    if kind == XLSX and args.summary:
        raise CliError(_("--summary: a workbook holds the weekly summary on a sheet of its own, beside the entries; "
                         "leave out --summary"), EXIT_USAGE)
    if kind == XLSX and not workbook:
        raise CliError(_("--out: {name} does not end in .xlsx, as a workbook's name must for a spreadsheet "
                         "to open it").format(name=out.name), EXIT_USAGE)
    if kind == CSV and workbook:
        raise CliError(_("--out: {name} ends in .xlsx but --format csv writes a CSV file; give a .csv name, "
                         "or --format xlsx").format(name=out.name), EXIT_USAGE)
    if args.summary and args.include_notes:
        raise CliError(_("--include-notes: the weekly summary has no notes; leave out one of the two"), EXIT_USAGE)
    if out.is_dir():
        raise CliError(_("--out: {path} is a folder; give a file name").format(path=out), EXIT_USAGE)
    if not out.parent.is_dir():
        raise CliError(_("--out: the folder {folder} does not exist").format(folder=out.parent), EXIT_USAGE)

    from .exchange.csv_export import ExportError, OutputRefused, OutputUnwritable
    from .operations.exporting import export_period

    ws = _workspace(args)
    with _opened(ws) as store:
        try:
            [result] = export_period(
                store, ws.taxonomy, start, end, entries_path=None if args.summary else out,
                summary_path=out if args.summary else None, workbook=kind == XLSX,
                include_notes=args.include_notes, include_client_refs=not args.no_client_refs,
            )
        except (OutputRefused, OutputUnwritable) as exc:  # the file asked for cannot be: a usage error
            raise CliError(prefixed("--out", exc), EXIT_USAGE) from None
        except ExportError as exc:
            raise CliError(str(exc)) from None
    print(f"{result.path} ({result.counted()})")
    if result.signature is not None:  # every week of it submitted
        print(_("{path} (signed with your key)").format(path=result.signature))
    if result.unrecorded:
        warn(_("the export is not in the audit log: {reason}").format(reason=result.unrecorded))
    return EXIT_OK
