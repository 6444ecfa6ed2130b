"""`peerdesk submit --week W` and `peerdesk reopen --week W --reason TEXT`: a week's entries
locked for the supervisor, and unlocked again with a reason (both in the audit log)."""

from __future__ import annotations

import argparse
from typing import Any

from .cli import EXIT_OK, EXIT_USAGE, CliError, _common, _opened, _subcommand, _week, _workspace


def declare_weeks(sub: Any) -> None:
    submit = _subcommand(sub, "submit", help="submit a week: its entries are locked until it is reopened")
    _common(submit, suppress=True)
    submit.add_argument("--week", required=True, metavar="YYYY-Www")
    reopen = _subcommand(sub, "reopen", help="reopen a submitted week, saying why (kept in the audit log)")
    _common(reopen, suppress=True)
    reopen.add_argument("--week", required=True, metavar="YYYY-Www")
    reopen.add_argument("--reason", required=True, metavar="TEXT")


def cmd_submit(args: argparse.Namespace) -> int:
    from .domain.entry import count_of, format_minutes
    from .operations import weeks

    week = _week(args.week)
    ws = _workspace(args)
    with _opened(ws) as store:
        try:
            weeks.submit_week(store, week)
        except weeks.WeekStateError as exc:
            raise CliError(str(exc), EXIT_USAGE) from None
        rows = store.list_week(week)
    print(f"week {week} submitted: {count_of(len(rows), 'entry', 'entries')}, "
          f"{format_minutes(sum(e.minutes for e in rows))}; its entries are locked")
    return EXIT_OK


def cmd_reopen(args: argparse.Namespace) -> int:
    from .operations import weeks

    week = _week(args.week)
    ws = _workspace(args)
    with _opened(ws) as store:
        try:
            weeks.reopen_week(store, week, args.reason)
        except weeks.WeekStateError as exc:
            raise CliError(str(exc), EXIT_USAGE) from None
    print(f"week {week} reopened; its entries can be changed again")
    return EXIT_OK
