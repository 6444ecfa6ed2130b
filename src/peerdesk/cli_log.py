"""`peerdesk log "LINE"`: one entry written in the quick-entry grammar (:mod:`.domain.quick_entry`),
saved through the same checks as `add` and the form; `peerdesk log --usual` prints the worker's
usual entries as lines (the window's list under the Quick line)."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from .cli import EXIT_OK, EXIT_USAGE, CliError, _common, _opened, _subcommand, _workspace, and_more, save_checked
from .i18n import _


def declare_log(sub: Any) -> None:
    log = _subcommand(sub, "log", help=_("log one entry written as one line, e.g. \"mon advocacy 45 @phone\""))
    _common(log, suppress=True)
    # TRANSLATORS: a placeholder in the command line's help (in capitals): the entry written as one line
    log.add_argument("line", metavar=_("LINE"), nargs="?",
                     help=_("the entry in one line (see the README's Quick entry)"))
    log.add_argument("--worker", metavar=_("NAME"), help=_("default: the worker in settings, else the OS user"))
    log.add_argument("--accept-identifiers", action="store_true", help=_("as for add"))
    log.add_argument("--dry-run", action="store_true", help=_("print the entry it would add as JSON; add nothing"))
    log.add_argument("--json", action="store_true", help=_("with --dry-run or --usual"))
    log.add_argument("--usual", action="store_true",
                     help=_("print your usual entries of the last 8 weeks as lines, most made first; add nothing"))


def cmd_log(args: argparse.Namespace) -> int:
    from .domain.quick_entry import parse

    ws = _workspace(args)
    if args.usual:
        return _usual(args, ws)
    if not args.line:
        raise CliError(_('give the entry as one line, e.g. peerdesk log "team 60" (or --usual)'), EXIT_USAGE)
    parsed = parse(args.line, ws.taxonomy, today=date.today())
    if parsed.problems:
        first = parsed.problems[0]
        raise CliError(f"'{first.text}' {first.reason}{and_more(parsed.problems)}", EXIT_USAGE)
    raw = {"date": date.today(), "mode": ws.settings.get("default_mode"), **parsed.raw}
    return save_checked(args, ws, raw, flags=False, dry_run=args.dry_run)


def _usual(args: argparse.Namespace, ws: Any) -> int:
    from .operations.entries import usual_lines

    with _opened(ws) as store:
        lines = usual_lines(store, ws.taxonomy, today=date.today(), default_mode=ws.settings.get("default_mode"))
    if args.json:
        print(json.dumps([{"line": line, "times": n} for line, n in lines], ensure_ascii=False))
    else:
        for line, n in lines:
            print(f"{n:>4}×  {line}")
    return EXIT_OK
