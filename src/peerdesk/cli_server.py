"""`peerdesk server …` (IT's set-up of the team server) and `peerdesk sync` (a worker's PC and
the server). Passwords are never arguments: a new role's is asked for (or read from standard
input), a worker's own comes from the libpq password file (README: Team server)."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any

from .cli import EXIT_OK, EXIT_USAGE, CliError, _common, _opened, _subcommand, _workspace

URL_HELP = "postgresql://ROLE@HOST/DATABASE[?sslmode=verify-full]; no password in it"


def declare_server(sub: Any) -> None:
    server = _subcommand(sub, "server", help="set up the team server (IT, once): schema, teams, login roles")
    steps = server.add_subparsers(dest="step", required=True, metavar="STEP")
    init = steps.add_parser("init", help="create or upgrade the server's schema, roles and policies")
    init.add_argument("--notes", choices=("keep", "send"), help="notes stay on the PCs (keep, the default) or go up")
    init.add_argument("--client-refs", choices=("send", "keep"), help="client references go up (send, the default)")
    for kind in ("worker", "supervisor"):
        add = steps.add_parser(f"add-{kind}", help=f"a login role for a {kind} of a team (its password is asked for)")
        add.add_argument("role", metavar="CODE" if kind == "worker" else "NAME")
        add.add_argument("--team", required=True, metavar="TEAM")
    for step in steps.choices.values():
        step.add_argument("--server", required=True, metavar="URL", help=URL_HELP)

    sync = _subcommand(sub, "sync", help="send this PC's changes to the team server and receive your entries")
    _common(sync, suppress=True)
    sync.add_argument("--server", metavar="URL", help=URL_HELP + " (default: the server_url setting)")
    sync.add_argument("--json", action="store_true", help="print what was done as JSON")
    sync.add_argument("--conflicts", action="store_true", help="list the conflicts kept by earlier syncs; sync nothing")
    sync.add_argument("--take-other", type=int, metavar="N", help="put conflict N's other side in place; sync nothing")


def _new_password(role: str) -> str:
    if not sys.stdin.isatty():  # a script gives it on standard input
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass(f"Password for {role}: ")
    if getpass.getpass("Again: ") != first:
        raise CliError("the two passwords differ; nothing was changed", EXIT_USAGE)
    return first


def cmd_server(args: argparse.Namespace) -> int:
    from .teamserver import admin
    from .teamserver.connection import ServerError, check_url

    try:
        url = check_url(args.server)
        if args.step == "init":
            chosen = {k: v for k, v in (("notes", args.notes), ("client_refs", args.client_refs)) if v}
            done = admin.init(url, settings=chosen)
            print(f"schema {done.revision_before or 'none'} -> {done.revision}; "
                  + ", ".join(f"{k}: {v}" for k, v in sorted(done.settings.items())))
            return EXIT_OK
        kind = args.step.removeprefix("add-")
        admin.add_member(url, args.role, args.team, kind, _new_password(args.role))
        print(f"{kind} {args.role} in team {args.team}")
        return EXIT_OK
    except ServerError as exc:
        code = EXIT_USAGE if "URL" in str(exc) or "password" in str(exc) else 1
        raise CliError(str(exc), code) from None


def cmd_sync(args: argparse.Namespace) -> int:
    from .operations import syncing
    from .teamserver.connection import ServerError

    ws = _workspace(args)
    try:
        url = syncing.server_url(ws.settings, args.server) if not (args.conflicts or args.take_other) else ""
    except (syncing.NoServer, ServerError) as exc:
        raise CliError(str(exc), EXIT_USAGE) from None
    with _opened(ws) as store:
        if args.conflicts:
            found = syncing.conflicts(store)
            if args.json:
                print(json.dumps([c.__dict__ for c in found], ensure_ascii=False))
            for c in [] if args.json else found:
                other = "deleted" if c.other.get("deleted") else (
                    f"{c.other['date']} {c.other['minutes']} min {c.other['category']}")
                print(f"{c.id}: entry {c.entry_id}: kept the {c.kept} side; the other: {other}")
            return EXIT_OK
        if args.take_other is not None:
            try:
                syncing.take_other_side(store, args.take_other, worker=ws.settings.get("worker"))
            except KeyError as exc:
                raise CliError(str(exc.args[0]), EXIT_USAGE) from None
            print(f"conflict {args.take_other}: the other side is in place; the next sync sends it")
            return EXIT_OK
        try:
            report = syncing.sync_now(store, url)
        except ServerError as exc:
            waiting = syncing.waiting(store)
            raise CliError(f"{exc} ({waiting} entries waiting on this PC)", 1) from None
    if args.server and args.server != ws.settings.get("server_url"):
        ws.settings.set("server_url", args.server)  # this PC's server from now on
        ws.settings.save()
    if args.json:
        print(json.dumps({"sent": report.sent, "received": report.received, "conflicts": report.conflicts,
                          "waiting": report.waiting, "notes_sent": report.notes_sent}))
    else:
        print(f"synced: {report.line()}")
    return EXIT_OK


def _server_period(args: argparse.Namespace) -> tuple[str, str, Any, Any]:
    """The server, team and days of `review --server …`, checked."""
    from datetime import date

    from .teamserver.connection import ServerError, check_url

    if not (args.team and args.start and args.end):
        raise CliError("--server needs --team TEAM --from YYYY-MM-DD --to YYYY-MM-DD", EXIT_USAGE)
    try:
        start, end = date.fromisoformat(args.start), date.fromisoformat(args.end)
    except ValueError:
        raise CliError("--from and --to are days written YYYY-MM-DD", EXIT_USAGE) from None
    if end < start:
        raise CliError(f"--to ({end}) is before --from ({start})", EXIT_USAGE)
    try:
        return check_url(args.server), args.team, start, end
    except ServerError as exc:
        raise CliError(str(exc), EXIT_USAGE) from None


def review_from_server(args: argparse.Namespace, taxonomy: Any) -> Any:
    """`peerdesk review --server URL --team TEAM --from DATE --to DATE`: the team as files would give it."""
    from .operations import reviewing
    from .teamserver.connection import ServerError

    url, team, start, end = _server_period(args)
    try:
        return reviewing.review_server(url, team, start, end, taxonomy)
    except ServerError as exc:
        raise CliError(str(exc), 1) from None


def sign_off_on_server(args: argparse.Namespace) -> int:
    """`peerdesk review --server URL --team T --from D --to D --sign-off --by NAME [--comment TEXT]`:
    every submitted week of the team in those days, not signed off yet, signed off on the server
    (the workers' PCs bring it back at their next sync)."""
    from .teamserver.connection import ServerError
    from .teamserver.team import sign_off

    if not args.by:
        raise CliError("--sign-off needs --by NAME (your name, as the worker will see it)", EXIT_USAGE)
    url, team, start, end = _server_period(args)
    try:
        done = sign_off(url, team, start, end, by=args.by, comment=args.comment)
    except ServerError as exc:
        raise CliError(str(exc), 1) from None
    for worker, week in done:
        print(f"signed off: {worker} {week}")
    if not done:
        print("nothing to sign off: no submitted week of the team in those days is waiting")
    return EXIT_OK
