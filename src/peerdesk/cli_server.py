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
from .i18n import N_, _, ngettext

# shown translated, _(URL_HELP)
URL_HELP = N_("postgresql://ROLE@HOST/DATABASE[?sslmode=verify-full]; no password in it")
# what `server add-worker` and `server add-supervisor` do, and say they did
ADD_HELP = {"worker": N_("a login role for a worker of a team (its password is asked for)"),
            "supervisor": N_("a login role for a supervisor of a team (its password is asked for)")}
ADDED = {"worker": N_("worker {role} in team {team}"), "supervisor": N_("supervisor {role} in team {team}")}
# the side of a conflict a sync kept ("local" or "server")
SIDES = {"local": N_("kept the local side"), "server": N_("kept the server side")}


def declare_server(sub: Any) -> None:
    server = _subcommand(sub, "server", help=_("set up the team server (IT, once): schema, teams, login roles"))
    # TRANSLATORS: a placeholder in the command line's help (in capitals): a step of `peerdesk server`
    steps = server.add_subparsers(dest="step", required=True, metavar=_("STEP"))
    init = steps.add_parser("init", help=_("create or upgrade the server's schema, roles and policies"))
    init.add_argument("--notes", choices=("keep", "send"),
                      help=_("notes stay on the PCs (keep, the default) or go up"))
    init.add_argument("--client-refs", choices=("send", "keep"),
                      help=_("client references go up (send, the default)"))
    for kind in ("worker", "supervisor"):
        add = steps.add_parser(f"add-{kind}", help=_(ADD_HELP[kind]))
        add.add_argument("role", metavar="CODE" if kind == "worker" else _("NAME"))
        add.add_argument("--team", required=True, metavar=_("TEAM"))
    for step in steps.choices.values():
        step.add_argument("--server", required=True, metavar="URL", help=_(URL_HELP))

    sync = _subcommand(sub, "sync", help=_("send this PC's changes to the team server and receive your entries"))
    _common(sync, suppress=True)
    sync.add_argument("--server", metavar="URL",
                      help=_("{url} (default: the server_url setting)").format(url=_(URL_HELP)))
    sync.add_argument("--json", action="store_true", help=_("print what was done as JSON"))
    sync.add_argument("--conflicts", action="store_true",
                      help=_("list the conflicts kept by earlier syncs; sync nothing"))
    sync.add_argument("--take-other", type=int, metavar="N",
                      help=_("put conflict N's other side in place; sync nothing"))


def _new_password(role: str) -> str:
    if not sys.stdin.isatty():  # a script gives it on standard input
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass(_("Password for {role}: ").format(role=role))
    if getpass.getpass(_("Again: ")) != first:
        raise CliError(_("the two passwords differ; nothing was changed"), EXIT_USAGE)
    return first


def cmd_server(args: argparse.Namespace) -> int:
    from .teamserver import admin
    from .teamserver.connection import ServerError, check_url

    try:
        url = check_url(args.server)
        if args.step == "init":
            chosen = {k: v for k, v in (("notes", args.notes), ("client_refs", args.client_refs)) if v}
            done = admin.init(url, settings=chosen)
            settings = ", ".join(f"{k}: {v}" for k, v in sorted(done.settings.items()))  # keys and values
            if done.revision_before:
                print(_("schema {before} -> {after}; {settings}").format(
                    before=done.revision_before, after=done.revision, settings=settings))
            else:
                print(_("schema none -> {after}; {settings}").format(after=done.revision, settings=settings))
            return EXIT_OK
        kind = args.step.removeprefix("add-")
        admin.add_member(url, args.role, args.team, kind, _new_password(args.role))
        print(_(ADDED[kind]).format(role=args.role, team=args.team))
        return EXIT_OK
    except ServerError as exc:  # a URL, a setting or a password to mend is a usage error (exit 2)
        raise CliError(str(exc), EXIT_USAGE if exc.usage else 1) from None


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
                kept = _(SIDES[c.kept]) if c.kept in SIDES else _("kept the {side} side").format(side=c.kept)
                if c.other.get("deleted"):
                    print(_("{id}: entry {entry}: {kept}; the other: deleted").format(
                        id=c.id, entry=c.entry_id, kept=kept))
                else:
                    print(_("{id}: entry {entry}: {kept}; the other: {date} {minutes} min {category}").format(
                        id=c.id, entry=c.entry_id, kept=kept, date=c.other["date"], minutes=c.other["minutes"],
                        category=c.other["category"]))
            return EXIT_OK
        if args.take_other is not None:
            try:
                syncing.take_other_side(store, args.take_other, worker=ws.settings.get("worker"))
            except KeyError as exc:
                raise CliError(str(exc.args[0]), EXIT_USAGE) from None
            print(_("conflict {n}: the other side is in place; the next sync sends it").format(n=args.take_other))
            return EXIT_OK
        try:
            report = syncing.sync_now(store, url)
        except ServerError as exc:
            waiting = syncing.waiting(store)
            raise CliError(ngettext("{reason} ({n} entry waiting on this PC)",
                                    "{reason} ({n} entries waiting on this PC)", waiting).format(reason=exc, n=waiting),
                           1) from None
    if args.server and args.server != ws.settings.get("server_url"):
        ws.settings.set("server_url", args.server)  # this PC's server from now on
        ws.settings.save()
    if args.json:
        print(json.dumps({"sent": report.sent, "received": report.received, "conflicts": report.conflicts,
                          "waiting": report.waiting, "notes_sent": report.notes_sent}))
    else:
        print(_("synced: {what}").format(what=report.line()))
    return EXIT_OK


def _server_period(args: argparse.Namespace) -> tuple[str, str, Any, Any]:
    """The server, team and days of `review --server …`, checked."""
    from datetime import date

    from .teamserver.connection import ServerError, check_url

    if not (args.team and args.start and args.end):
        raise CliError(_("--server needs --team TEAM --from YYYY-MM-DD --to YYYY-MM-DD"), EXIT_USAGE)
    try:
        start, end = date.fromisoformat(args.start), date.fromisoformat(args.end)
    except ValueError:
        raise CliError(_("--from and --to are days written YYYY-MM-DD"), EXIT_USAGE) from None
    if end < start:
        raise CliError(_("--to ({end}) is before --from ({start})").format(end=end, start=start), EXIT_USAGE)
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
        raise CliError(_("--sign-off needs --by NAME (your name, as the worker will see it)"), EXIT_USAGE)
    url, team, start, end = _server_period(args)
    try:
        done = sign_off(url, team, start, end, by=args.by, comment=args.comment)
    except ServerError as exc:
        raise CliError(str(exc), 1) from None
    for worker, week in done:
        print(_("signed off: {worker} {week}").format(worker=worker, week=week))
    if not done:
        print(_("nothing to sign off: no submitted week of the team in those days is waiting"))
    return EXIT_OK
