"""The ``peerdesk`` command: the window, and small sub-commands beside it.

Exit codes: 0 done, 2 bad input or usage, 1 anything else; always with a
message on stderr when not 0. Heavy imports (Qt, the domain, the store) happen
inside the command that needs them.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

from . import __version__

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


class CliError(Exception):
    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.code = code


def _common(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="data folder (default: $PEERDESK_DATA_DIR, else the user data folder for PeerDesk)",
    )
    parser.add_argument(
        "--taxonomy",
        metavar="FILE",
        default=default,
        help="an organisation's taxonomy file extending the built-in one",
    )
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        default=default,
        help="the passphrase of an encrypted store, read from FILE (never from the command line)",
    )


def _subcommand(sub, name: str, **kwargs) -> argparse.ArgumentParser:
    return sub.add_parser(name, allow_abbrev=False, **kwargs)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="peerdesk",
        allow_abbrev=False,  # "--passphrase X" must never be taken for --passphrase-file
        description="Log peer support work day by day and see it week by week. "
        "Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"PeerDesk {__version__}")
    _common(parser, suppress=False)
    parser.add_argument("--screenshot", metavar="FILE.png", help="render the window offscreen to a PNG and exit")
    parser.add_argument("--week", metavar="YYYY-Www", help="the week to show (default: this week)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    add = _subcommand(sub, "add", help="log one entry; prints its id")
    _common(add, suppress=True)
    add.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    add.add_argument("--minutes", required=True, metavar="N", help="1–720; 90, 1h30 and 1:30 all work")
    add.add_argument("--category", required=True, metavar="KEY", help="a category key (see `peerdesk categories`)")
    add.add_argument("--start", metavar="HH:MM")
    add.add_argument("--mode", metavar="M", help="in_person, phone, text, video or other")
    add.add_argument("--format", metavar="F", help="individual or group")
    add.add_argument("--people", metavar="N")
    add.add_argument("--client-ref", metavar="R", help="a de-identified code, never a name")
    add.add_argument("--tag", action="append", default=[], metavar="T", help="an enactment; repeat for more")
    add.add_argument("--note", metavar="TEXT")
    add.add_argument("--worker", metavar="NAME", help="default: the worker in settings, else the OS user")
    add.add_argument(
        "--accept-identifiers",
        action="store_true",
        help="save even if the note or client ref seems to hold an identifier (phone, e-mail, a name, …)",
    )

    from .cli_export import declare_export
    from .cli_log import declare_log
    from .cli_review import declare_review
    from .cli_server import declare_server
    from .cli_stats import declare_stats
    from .cli_weeks import declare_weeks

    declare_log(sub)
    declare_server(sub)
    declare_weeks(sub)
    declare_stats(sub)
    declare_review(sub)
    declare_export(sub)

    lst = _subcommand(sub, "list", help="print one week's entries")
    _common(lst, suppress=True)
    # SUPPRESS, like --data-dir: a default here would overwrite `peerdesk --week W list`.
    lst.add_argument("--week", default=argparse.SUPPRESS, metavar="YYYY-Www", help="default: this week")
    lst.add_argument("--json", action="store_true", help="a JSON list instead of a table")

    chart = _subcommand(sub, "chart", help="render one chart of a week to a PNG (offscreen) and exit")
    _common(chart, suppress=True)
    chart.add_argument("--week", metavar="YYYY-Www", default=argparse.SUPPRESS, help="default: this week")
    chart.add_argument("--kind", choices=("week", "trend", "mode"), default="week",
                       help="week: time by category and the split; trend: hours per week; mode: by mode and format")
    chart.add_argument("--weeks", type=int, choices=(4, 12, 26, 52), default=12, help="weeks in the trend (default 12)")
    chart.add_argument("--out", required=True, metavar="FILE.png")

    demo = _subcommand(sub,
        "demo", help="open the window on fictional sample data in a throwaway folder (or write it with --into)"
    )
    demo.add_argument("--seed", type=int, default=None, metavar="N", help="sample data seed (default: fixed)")
    demo.add_argument("--weeks", type=int, default=None, metavar="N", help="weeks of sample data (default 8)")
    demo.add_argument("--into", metavar="DIR", help="write the demo data folder to DIR and exit")
    demo.add_argument("--worker", metavar="NAME", help="the worker on every entry (default 'Demo worker'; "
                      "with --team, the prefix of the workers' codes, default PW)")
    demo.add_argument("--end", metavar="YYYY-MM-DD", help="the last day of the record (default today): "
                      "the same seed and --end give the same record on any day")
    demo.add_argument("--team", type=int, metavar="N", help="with --into: N workers of different habits, "
                      "each a data folder DIR/PW-01 … and its exports DIR/peerdesk_PW-01_….csv, for the Review window")
    demo.add_argument("--screenshot", metavar="FILE.png", help="render the demo window offscreen and exit")
    demo.add_argument("--week", metavar="YYYY-Www", default=argparse.SUPPRESS, help="the week to show")

    backup = _subcommand(sub, "backup", help="make a checked backup of the database now")
    _common(backup, suppress=True)
    backup.add_argument("--out", metavar="FILE", help="where to write it (default: the backups folder)")

    check = _subcommand(sub, "check", help="check the database (integrity and schema); exit 0 only when all is well")
    _common(check, suppress=True)

    audit = _subcommand(sub, "audit", help="print the audit log: who created, changed, deleted or exported what, when")
    _common(audit, suppress=True)
    audit.add_argument("--json", action="store_true", help="a JSON list instead of lines")
    audit.add_argument("--limit", type=int, metavar="N", help="only the newest N records")

    init = _subcommand(sub, "init", help="create the database now (with --encrypt: an encrypted one)")
    _common(init, suppress=True)
    init.add_argument(
        "--encrypt", action="store_true", help="encrypt the store (SQLCipher); needs --passphrase-file"
    )

    rekey = _subcommand(sub, "passphrase", help="change the passphrase of an encrypted store")
    _common(rekey, suppress=True)
    rekey.add_argument("--new-passphrase-file", required=True, metavar="FILE", help="the new passphrase")

    cats = _subcommand(sub, "categories", help="print the work types and category keys")
    _common(cats, suppress=True)
    return parser


_ELSEWHERE = {"log": (".cli_log", "cmd_log"), "server": (".cli_server", "cmd_server"),
              "sync": (".cli_server", "cmd_sync"), "init": (".cli_store", "cmd_init"),
              "passphrase": (".cli_store", "cmd_passphrase"), "submit": (".cli_weeks", "cmd_submit"),
              "reopen": (".cli_weeks", "cmd_reopen"), "key": (".cli_weeks", "cmd_key"),
              "receipt": (".cli_weeks", "cmd_receipt"), "stats": (".cli_stats", "cmd_stats"),
              "report": (".cli_stats", "cmd_report"), "review": (".cli_review", "cmd_review"),
              "export": (".cli_export", "cmd_export")}


def main(argv: list[str] | None = None) -> int:
    if hasattr(os, "umask"):
        os.umask(0o077)  # the data folder, backups and exports are the user's alone
    for stream in (sys.stdout, sys.stderr):
        # A console that cannot show a character gets a replacement, not a traceback.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        from .cli_checks import text_is_text

        text_is_text(args)
        if args.command == "add":
            return cmd_add(args)
        if args.command in _ELSEWHERE:  # commands kept in modules of their own
            module, name = _ELSEWHERE[args.command]
            return getattr(importlib.import_module(module, __package__), name)(args)
        if args.command == "list":
            return cmd_list(args)
        if args.command == "categories":
            return cmd_categories(args)
        if args.command == "chart":
            return cmd_chart(args)
        if args.command == "demo":
            return cmd_demo(args)
        if args.command == "audit":
            return cmd_audit(args)
        if args.command == "backup":
            return cmd_backup(args)
        if args.command == "check":
            return cmd_check(args)
        if args.screenshot:
            return cmd_screenshot(args)
        from .app import run

        return run(data_dir=args.data_dir, taxonomy_file=args.taxonomy, week=_week(args.week))
    except CliError as exc:
        print(f"peerdesk: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return EXIT_ERROR
    except BrokenPipeError:  # `peerdesk categories | head`: the reader has all it wanted
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # nothing more is written to the closed pipe at exit
        return EXIT_ERROR
    except RecursionError:
        print("peerdesk: a file given is nested too deeply to be read", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - anything unforeseen still ends with a message and exit 1
        own = type(exc).__module__.startswith("peerdesk.")  # our own errors say what happened in words
        print(f"peerdesk: {exc}" if own else f"peerdesk: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_ERROR


# ------------------------------------------------------------------ helpers


def _workspace(args: argparse.Namespace):
    from .domain.taxonomy import TaxonomyError
    from .settings import SettingsError
    from .workspace import Workspace

    try:
        from .cli_checks import read_passphrase

        passphrase = read_passphrase(getattr(args, "passphrase_file", None), "--passphrase-file")
        ws = Workspace(getattr(args, "data_dir", None), getattr(args, "taxonomy", None), passphrase=passphrase)
        ws.taxonomy  # noqa: B018 - load now so a bad file is reported as usage
    except (TaxonomyError, SettingsError) as exc:
        raise CliError(str(exc), EXIT_USAGE) from None
    except OSError as exc:
        raise CliError(f"cannot use the data folder: {exc}") from None
    return ws


def _open_store(ws):
    from .operations.opening import Damaged, NeedsPassphrase, Opened, Refused, open_store

    outcome = open_store(ws)
    if isinstance(outcome, Opened):
        for warning in outcome.store.warnings:
            print(f"peerdesk: warning: {warning}", file=sys.stderr)
        return outcome.store
    if isinstance(outcome, NeedsPassphrase):
        hint = "" if outcome.wrong else "; give it with --passphrase-file FILE"
        raise CliError(outcome.message + hint, EXIT_USAGE)
    if isinstance(outcome, Refused):
        raise CliError(outcome.message, EXIT_USAGE if outcome.taxonomy else EXIT_ERROR)
    assert isinstance(outcome, Damaged)
    good = outcome.newest_good
    hint = f"; the newest good backup is {good.path} ({good.check.entries} entries)" if good else ""
    raise CliError(outcome.message + hint)


@contextmanager
def _opened(ws) -> Iterator:
    """The workspace's store, open for the block; the workspace closed after it, whatever happens."""
    try:
        yield _open_store(ws)
    finally:
        ws.close()


def _daily_backup(store) -> None:
    """The first writing command of a day makes the day's backup, as the window's start does:
    a worker who only uses the command line has backups too. A backup that fails is told,
    and the command goes on (it changes nothing the backup would have kept)."""
    from .operations.safekeeping import daily_backup
    from .storage.backups import BackupError

    try:
        daily_backup(store)
    except BackupError as exc:
        print(f"peerdesk: warning: today's backup was not made: {exc}", file=sys.stderr)


def _week(text: str | None):
    from .domain.weeks import Week

    if not text:
        return None
    import re

    from .domain.entry import EARLIEST_DATE

    if not re.fullmatch(r"\d{4}-W\d{2}", text, re.ASCII):  # exactly as documented
        raise CliError(f"--week: '{text}' is not a week; write it as YYYY-Www, e.g. 2026-W48", EXIT_USAGE)
    try:
        week = Week.parse(text)
        week.start  # noqa: B018 - a week the calendar has (2026-W53 is not one)
    except ValueError:
        raise CliError(f"--week: {text} is not a week of the calendar (that year has fewer)", EXIT_USAGE) from None
    latest = date.today() + timedelta(days=366)
    if not EARLIEST_DATE <= week.start <= latest:
        raise CliError(f"--week: {text} is outside {EARLIEST_DATE.year}–{latest.year}", EXIT_USAGE)
    return week


# ------------------------------------------------------------------ commands


def cmd_add(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    raw: dict[str, Any] = {
        "date": args.date,
        "start_time": args.start,
        "minutes": args.minutes,
        "category": args.category,
        "mode": args.mode or ws.settings.get("default_mode"),
        "format": args.format,
        "people": args.people,
        "client_ref": args.client_ref,
        "tags": args.tag,
        "note": args.note,
    }
    return save_checked(args, ws, raw)


def save_checked(
    args: argparse.Namespace, ws, raw: dict[str, Any], *, flags: bool = True, dry_run: bool = False
) -> int:
    """An entry from the command line (`add`, `log`) through the form's checks, then saved; prints
    its id. A problem names the option (`--minutes`), or with *flags* off the field (`minutes`)."""
    from .operations.entries import add_entry, check_entry

    def name(field: str) -> str:
        return f"--{_FLAGS.get(field, field)}" if flags else field.replace("_", " ")

    check = check_entry(raw, ws.taxonomy, worker=args.worker or ws.settings.worker(), today=date.today())
    if check.entry is None:
        field, message = next(iter(check.errors.items()))
        raise CliError(f"{name(field)}: {message}", EXIT_USAGE)
    if check.findings and not args.accept_identifiers:
        first = check.findings[0]
        more = f" (and {len(check.findings) - 1} more)" if len(check.findings) > 1 else ""
        raise CliError(
            f"{name(first.field)}: looks like it holds a {first.kind}{more}; remove it, "
            "or add --accept-identifiers if it identifies no one",
            EXIT_USAGE,
        )
    entry = check.entry
    if dry_run:  # what would be added, as `list --json` shows it; nothing is written
        print(json.dumps(entry_json(entry, ws.taxonomy), ensure_ascii=False, indent=2))
        return EXIT_OK
    with _opened(ws) as store:
        store.actor = lambda: entry.worker  # the audit log names the worker the entry names
        _daily_backup(store)
        change = add_entry(store, entry)
    print(change.entry.id)
    return EXIT_OK


# The flag of each entry field whose name differs from it.
_FLAGS = {"start_time": "start", "client_ref": "client-ref", "tags": "tag", "note": "note"}


def cmd_list(args: argparse.Namespace) -> int:
    from .domain.entry import MODES, count_of, format_minutes
    from .domain.weeks import Week

    week = _week(args.week) or Week.of(date.today())
    ws = _workspace(args)
    with _opened(ws) as store:
        entries = store.list_week(week)
        from .operations.weeks import state

        week_state = state(store, week).state  # open, submitted or reviewed
    tax = ws.taxonomy
    if args.json:
        utf8 = (getattr(sys.stdout, "encoding", "") or "").lower().replace("-", "") == "utf8"
        rows = [entry_json(e, tax) | {"week_state": week_state} for e in entries]
        print(json.dumps(rows, ensure_ascii=not utf8, indent=2))
        return EXIT_OK
    print(f"{week.label()} ({week}){'' if week_state == 'open' else f' — {week_state}'}")
    if not entries:
        print("No entries.")
        return EXIT_OK
    for e in entries:
        start = e.start_time.strftime("%H:%M") if e.start_time else "     "
        print(
            f"{e.date:%a %Y-%m-%d} {start} {format_minutes(e.minutes):>7}  "
            f"{tax.work_type_of(e.category) if e.category in tax.categories else '?':<8} "
            f"{tax.category_label(e.category):<40} {MODES.get(e.mode, e.mode):<9} {e.id}"
        )
    total = sum(e.minutes for e in entries)
    print(f"{count_of(len(entries), 'entry', 'entries')}, {format_minutes(total)}")
    return EXIT_OK


def entry_json(entry, taxonomy) -> dict[str, Any]:
    return {
        "id": entry.id,
        "worker": entry.worker,
        "date": entry.date.isoformat(),
        "start_time": entry.start_time.strftime("%H:%M") if entry.start_time else None,
        "minutes": entry.minutes,
        "work_type": taxonomy.work_type_of(entry.category) if entry.category in taxonomy.categories else None,
        "category": entry.category,
        "mode": entry.mode,
        "format": entry.format,
        "people": entry.people,
        "client_ref": entry.client_ref,
        "tags": list(entry.tags),
        "note": entry.note,
        "created_at": entry.created_at.isoformat() if entry.created_at else None,
        "updated_at": entry.updated_at.isoformat() if entry.updated_at else None,
    }


def cmd_categories(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    tax = ws.taxonomy
    for wt in tax.work_types.values():
        print(f"{wt.key}: {wt.label}")
        for cat in tax.categories_of(wt.key):
            print(f"  {cat.key:<40} {cat.label}")
    print("tags: " + ", ".join(tax.tags))
    return EXIT_OK


def cmd_screenshot(args: argparse.Namespace) -> int:
    from .app import screenshot
    from .cli_checks import not_in_data_folder

    not_in_data_folder("--screenshot", args.screenshot, args)
    week = _week(args.week)
    ws = _workspace(args)
    return screenshot(ws, _open_store(ws), args.screenshot, week=week)


def cmd_chart(args: argparse.Namespace) -> int:
    from .app import render_chart
    from .cli_checks import not_in_data_folder

    not_in_data_folder("--out", args.out, args)
    week = _week(args.week)
    ws = _workspace(args)
    return render_chart(ws, _open_store(ws), args.kind, args.out, week=week, trend_weeks=args.weeks)


def cmd_demo(args: argparse.Namespace) -> int:
    """Sample data for trainers; never reads or writes the real data folder."""
    import shutil
    import tempfile

    from . import demo

    seed = demo.DEFAULT_SEED if args.seed is None else args.seed
    weeks = demo.DEFAULT_WEEKS if args.weeks is None else args.weeks
    if not 1 <= weeks <= 520:
        raise CliError("--weeks: must be from 1 to 520", EXIT_USAGE)
    week = _week(getattr(args, "week", None))
    end = None
    if args.end:
        from .domain.entry import parse_date

        try:
            end = parse_date(args.end)
        except ValueError as exc:
            raise CliError(f"--end: {exc}", EXIT_USAGE) from None
    if args.team is not None:
        if not args.into:
            raise CliError("--team: needs --into DIR, the folder for the team's data and exports", EXIT_USAGE)
        if not 1 <= args.team <= 200:
            raise CliError("--team: must be from 1 to 200", EXIT_USAGE)
        try:
            team = demo.create_team(args.into, args.team, seed=seed, weeks=weeks, today=end, prefix=args.worker or "PW")
        except demo.DemoFolderError as exc:
            raise CliError(str(exc), EXIT_USAGE) from None
        for member in team:
            print(f"{member.worker} ({member.habit.name}): {member.entries} entries; {member.files[0]}")
        print(f"review them: peerdesk review {os.path.join(args.into, 'peerdesk_*.csv')}")
        return EXIT_OK
    worker = args.worker or demo.DEMO_WORKER
    if end is not None and week is None:
        from .domain.weeks import Week

        week = Week.of(end)  # the record's last week, not today's
    if args.into:
        try:
            count = demo.create_demo_folder(args.into, seed=seed, weeks=weeks, today=end, worker=worker)
        except demo.DemoFolderError as exc:
            raise CliError(str(exc), EXIT_USAGE) from None
        print(f"{count} demo entries written to {args.into}")
        return EXIT_OK
    folder = tempfile.mkdtemp(prefix="peerdesk-demo-")
    try:
        demo.create_demo_folder(folder, seed=seed, weeks=weeks, today=end, worker=worker)
        if args.screenshot:
            from .app import screenshot
            from .workspace import Workspace

            ws = Workspace(folder)
            return screenshot(ws, _open_store(ws), args.screenshot, week=week)
        from .app import run

        return run(data_dir=folder, week=week)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def cmd_backup(args: argparse.Namespace) -> int:
    from .domain.entry import count_of
    from .operations.safekeeping import back_up_now
    from .storage.backups import BackupError, OutputRefused

    ws = _workspace(args)
    with _opened(ws) as store:  # refuses a damaged file before anything is copied
        try:
            made = back_up_now(store, args.out)
        except OutputRefused as exc:
            raise CliError(f"--out: {exc}", EXIT_USAGE) from None
        except BackupError as exc:
            raise CliError(str(exc)) from None
    print(f"{made.path} ({count_of(made.entries, 'entry', 'entries')}, checked)")
    if made.unrecorded:
        print(f"peerdesk: warning: the backup is not in the audit log: {made.unrecorded}", file=sys.stderr)
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from .domain.entry import count_of
    from .operations.opening import CheckFailed, check_store
    from .storage import migrations

    ws = _workspace(args)
    try:
        report = check_store(ws)
    except CheckFailed as exc:
        raise CliError(str(exc), EXIT_USAGE if exc.usage else EXIT_ERROR) from None
    if report.upgrade_due:
        print(f"{report.path}: integrity ok, {report.entries} entries; schema revision {report.revision} "
              f"will be upgraded to {migrations.HEAD} when PeerDesk opens it")
        return EXIT_OK
    count = count_of(report.entries, "entry", "entries")
    print(f"{report.path}: ok ({count}, schema {report.revision}, integrity ok, "
          f"audit log of {count_of(report.audit_lines, 'line')} chained and intact)")
    return EXIT_OK


def cmd_audit(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    with _opened(ws) as store:
        records = store.audit_log(args.limit)
    if args.json:
        rows = [
            {"at": r.at.isoformat(), "worker": r.worker, "account": r.account, "action": r.action,
             "entry_id": r.entry_id, "detail": r.detail}
            for r in records
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    for r in records:
        who = f"{r.worker} ({r.account})" if r.account else r.worker
        print(f"{r.at:%Y-%m-%d %H:%M:%S}Z  {who:<24} {r.action:<14} {r.entry_id or '':<36}  {r.detail}".rstrip())
    return EXIT_OK
