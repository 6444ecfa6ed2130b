"""`peerdesk log "LINE"`: one entry written in the quick-entry grammar (:mod:`.domain.quick_entry`),
saved through the same checks as `add` and the form."""

from __future__ import annotations

import argparse
from datetime import date

from .cli import EXIT_USAGE, CliError, _workspace, save_checked


def cmd_log(args: argparse.Namespace) -> int:
    from .domain.quick_entry import parse

    ws = _workspace(args)
    parsed = parse(args.line, ws.taxonomy, today=date.today())
    if parsed.problems:
        first = parsed.problems[0]
        more = f" (and {len(parsed.problems) - 1} more)" if len(parsed.problems) > 1 else ""
        raise CliError(f"'{first.text}' {first.reason}{more}", EXIT_USAGE)
    raw = {"date": date.today(), "mode": ws.settings.get("default_mode"), **parsed.raw}
    return save_checked(args, ws, raw, flags=False, dry_run=args.dry_run)
