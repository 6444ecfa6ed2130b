"""`peerdesk review`: workers' exports (or a team server's rows) read for a supervisor: checked,
summed, reported on and signed off; the supervisor's own database is never touched."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from .cli import EXIT_ERROR, EXIT_OK, EXIT_USAGE, CliError, _common, _subcommand
from .cli_stats import report_options
from .i18n import _, ngettext


def declare_review(sub: Any) -> None:
    review = _subcommand(sub, "review", help=_(
        "open workers' exports (CSV files or workbooks), read-only: check them or see the team's weeks"))
    _common(review, suppress=True)
    review.add_argument("files", nargs="*", metavar=_("FILE"),
                        help=_("entry or weekly summary exports (CSV files or workbooks)"))
    review.add_argument("--server", metavar="URL", help=_("read the team from the team server instead, as this role"))
    # TRANSLATORS: a placeholder in the command line's help (in capitals): a team's name
    review.add_argument("--team", metavar=_("TEAM"), help=_("with --server: the team"))
    review.add_argument("--from", dest="start", metavar="DATE",
                        help=_("with --server, --report, --stats: the first day"))
    review.add_argument("--to", dest="end", metavar="DATE", help=_("with --server, --report, --stats: the last day"))
    review.add_argument("--check", action="store_true",
                        help=_("print every problem and a summary line; exit 1 if any"))
    review.add_argument("--summary-out", metavar=_("OUT.csv"),
                        help=_("write the combined weekly summary of all valid rows"))
    review.add_argument("--trust-key", action="append", metavar=_("FILE"),
                        help=_("register a worker's key (key --show)"))
    review.add_argument("--accept-changed", action="store_true", help=_("count files changed after they were signed"))
    review.add_argument("--sign-off", action="store_true", help=_("sign off the signed files: a receipt beside each"))
    review.add_argument("--by", metavar=_("NAME"), help=_("with --sign-off: your name, as the worker will see it"))
    review.add_argument("--comment", default="", metavar=_("TEXT"), help=_("with --sign-off: one line for the worker"))
    review.add_argument("--stats", action="store_true", help=_("print the team's figures in the terms funders use"))
    review.add_argument("--json", action="store_true", help=_("with --stats: the figures as one JSON object"))
    review.add_argument("--report", metavar=_("FILE.pdf"),
                        help=_("write the team's report: a team page, a page per worker"))
    report_options(review)


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(_("'{text}' is not a day; write it YYYY-MM-DD").format(text=text), EXIT_USAGE) from None


def cmd_review(args: argparse.Namespace) -> int:
    """Supervisor review of exported files; never touches the supervisor's own database."""
    from .domain import taxonomy as taxonomy_mod
    from .domain.taxonomy import TaxonomyError
    from .operations import reporting, reviewing

    try:
        taxonomy = taxonomy_mod.load(getattr(args, "taxonomy", None))
    except TaxonomyError as exc:
        raise CliError(str(exc), EXIT_USAGE) from None
    if args.sign_off:
        from .cli_weeks import sign_off_files

        return sign_off_files(args)
    if args.server:
        from .cli_server import review_from_server

        result = review_from_server(args, taxonomy)
    elif not args.files:
        raise CliError(_("give the exported files to review, or --server URL --team TEAM --from DATE --to DATE"),
                       EXIT_USAGE)
    elif not (args.check or args.summary_out or args.report or args.stats):
        from .app import run_review
        from .cli_weeks import trusted_for

        return run_review(args.files, taxonomy, trusted=trusted_for(args))
    else:
        from .cli_weeks import review_signed

        result = review_signed(args, taxonomy)
    listing = sys.stderr if args.stats and args.json else sys.stdout  # the JSON alone on stdout
    for problem in result.problems:
        print(problem, file=listing)
    print(result.summary_line(), file=listing)
    if args.stats:
        from .cli_stats import print_figures

        print_figures(reporting.review_figures(result, taxonomy, _day(args.start), _day(args.end)), taxonomy,
                      as_json=args.json)
    if args.report:
        from .cli_stats import write_team_report

        write_team_report(args, result, taxonomy)
    if args.summary_out:
        from .cli_checks import not_in_data_folder

        not_in_data_folder("--summary-out", args.summary_out, args)
        try:
            count = reviewing.save_summary(result.combined_summary(), args.summary_out)
        except OSError as exc:
            raise CliError(_("cannot write {path}: {reason}").format(path=args.summary_out, reason=exc.strerror)) \
                from None
        print(ngettext("{n} summary row written to {path}", "{n} summary rows written to {path}", count).format(
            n=count, path=args.summary_out))
    # a file refused or a row left out: a script must not take the summary for the whole record
    return EXIT_ERROR if result.lost() else EXIT_OK
