"""`peerdesk stats`: a period's figures in the terms funders use; `peerdesk report`: the period as
a PDF a supervisor can print (and `review --report`: a team's)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from typing import TYPE_CHECKING, Any

from .cli import EXIT_OK, EXIT_USAGE, CliError, _common, _opened, _subcommand, _workspace
from .i18n import _

if TYPE_CHECKING:
    from .domain.report import TeamReport, WorkerReport
    from .domain.taxonomy import Taxonomy
    from .exchange.review import ReviewResult



def declare_stats(sub: Any) -> None:
    stats = _subcommand(sub, "stats", help=_("a period's figures in the terms funders use"))
    _common(stats, suppress=True)
    stats.add_argument("--from", dest="start", required=True, metavar=_("YYYY-MM-DD"))
    stats.add_argument("--to", dest="end", required=True, metavar=_("YYYY-MM-DD"))
    stats.add_argument("--json", action="store_true", help=_("the figures as one JSON object"))

    report = _subcommand(sub, "report", help=_("write a period's report as a PDF to print, file or send on"))
    _common(report, suppress=True)
    report.add_argument("--from", dest="start", required=True, metavar=_("YYYY-MM-DD"))
    report.add_argument("--to", dest="end", required=True, metavar=_("YYYY-MM-DD"))
    report.add_argument("--out", required=True, metavar=_("FILE.pdf"),
                        help=_("replaced only once the report is complete"))
    report_options(report)


def report_options(parser: Any) -> None:
    """The options of every report (`report`, `review --report`)."""
    parser.add_argument("--paper", choices=("a4", "letter"),
                        help=_("default: the system's (Letter in North America)"))
    parser.add_argument("--organisation", metavar=_("NAME"), help=_("in each page's header (default: the setting)"))
    parser.add_argument("--notes", action="store_true", help=_("add a list of the entries with their notes"))
    parser.add_argument("--client-refs", action="store_true",
                        help=_("add a list of the entries with their client refs"))


def cmd_stats(args: argparse.Namespace) -> int:
    from .operations.reporting import period_figures

    try:
        start, end = date.fromisoformat(args.start), date.fromisoformat(args.end)
    except ValueError:
        raise CliError(_("--from and --to are days written YYYY-MM-DD"), EXIT_USAGE) from None
    ws = _workspace(args)
    with _opened(ws) as store:
        try:
            got = period_figures(store, ws.taxonomy, start, end)
        except ValueError as exc:
            raise CliError(str(exc), EXIT_USAGE) from None
    print_figures(got, ws.taxonomy, as_json=args.json)
    return EXIT_OK


def print_figures(got: dict[str, Any], taxonomy: Taxonomy, *, as_json: bool = False) -> None:
    from .domain.entry import count_of, format_minutes
    from .domain.stats import LABELS

    if as_json:
        print(json.dumps(got, ensure_ascii=False, indent=2))
        return
    print(_("{first} to {last}").format(first=got["from"], last=got["to"]))
    if not got["minutes_by_category"]:
        print(_("No entries in this period."))
        return
    names = {key: _(label) for key, label in LABELS.items()}  # the figures' names, marked in domain/stats.py
    width = max(56, *(len(name) for name in names.values()))
    for key, name in names.items():
        print(f"{name:<{width}} {got[key]:>6}")
    print(_("time by work type:"))
    for key, minutes in got["minutes_by_work_type"].items():
        print(f"  {key:<46} {format_minutes(minutes):>8}")
    print(_("time by category:"))
    for key, minutes in got["minutes_by_category"].items():
        print(f"  {taxonomy.category_label(key):<46} {format_minutes(minutes):>8}")
    for system, codes in got["minutes_by_code"].items():
        print(_("by {system} code:").format(system=system))
        for code, cell in codes.items():
            entries = count_of(cell["entries"], "entry", "entries")
            print(f"  {code:<46} {format_minutes(cell['minutes']):>8} ({entries})")


def _period(args: argparse.Namespace) -> tuple[date, date]:
    try:
        start, end = date.fromisoformat(args.start), date.fromisoformat(args.end)
    except ValueError:
        raise CliError(_("--from and --to are days written YYYY-MM-DD"), EXIT_USAGE) from None
    if end < start:
        raise CliError(_("the period ends ({end}) before it starts ({start})").format(end=end, start=start), EXIT_USAGE)
    return start, end


def cmd_report(args: argparse.Namespace) -> int:
    from .operations.reporting import worker_report_of

    start, end = _period(args)
    ws = _workspace(args)
    with _opened(ws) as store:
        settings = ws.settings
        report = worker_report_of(
            store, ws.taxonomy, start, end, worker=store.actor() or str(settings.get("worker")),
            contracted_hours=float(settings.get("contracted_hours") or 0), entry_list=args.notes or args.client_refs,
        )
        organisation = args.organisation if args.organisation is not None else str(settings.get("organisation"))
        _write(args, args.out, report, ws.taxonomy, organisation, store=store)
    return EXIT_OK


def write_team_report(args: argparse.Namespace, result: ReviewResult, taxonomy: Taxonomy) -> None:
    from .operations.reporting import team_report_of

    start = date.fromisoformat(args.start) if args.start else None
    end = date.fromisoformat(args.end) if args.end else None
    try:
        report = team_report_of(result, taxonomy, start, end, entry_list=args.notes or args.client_refs)
    except ValueError as exc:
        raise CliError(str(exc), EXIT_USAGE) from None
    _write(args, args.report, report, taxonomy, args.organisation or "")


def _write(args: argparse.Namespace, out: str, report: WorkerReport | TeamReport, taxonomy: Taxonomy,
           organisation: str, store: Any = None) -> None:
    from .domain.entry import count_of
    from .operations.reporting import ReportError, write_report

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a report needs fonts, never a display
    from PySide6.QtWidgets import QApplication

    from .reports.pdf import Options, default_paper, pdf_bytes

    # fonts need an application; a QApplication (not only a QGuiApplication), so that whatever runs
    # later in the same process (the window after a report, a test session) may still show widgets
    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841
    options = Options(organisation=organisation, paper=args.paper or default_paper(), notes=args.notes,
                      client_refs=args.client_refs)
    try:
        path = write_report(out, report, lambda r: pdf_bytes(r, taxonomy, options), store=store,
                            notes=args.notes, client_refs=args.client_refs)
    except ReportError as exc:
        raise CliError(str(exc), EXIT_USAGE) from None
    what = _("no entries in the period") if report.empty else count_of(report.entries, "entry", "entries")
    print(_("report written to {path} ({what})").format(path=path, what=what))
