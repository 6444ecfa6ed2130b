"""The ``peerdesk`` command: the window, and small sub-commands beside it.

Exit codes: 0 done, 2 bad input or usage, 1 anything else; always with a
message on stderr when not 0. Heavy imports (Qt, SQLAlchemy) happen inside the
command that needs them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="peerdesk",
        description="Log peer support work day by day and see it week by week. "
        "Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"PeerDesk {__version__}")
    _common(parser, suppress=False)
    parser.add_argument("--screenshot", metavar="FILE.png", help="render the window offscreen to a PNG and exit")
    parser.add_argument("--week", metavar="YYYY-Www", help="the week to show (default: this week)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    add = sub.add_parser("add", help="log one entry; prints its id")
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

    lst = sub.add_parser("list", help="print one week's entries")
    _common(lst, suppress=True)
    # SUPPRESS, like --data-dir: a default here would overwrite `peerdesk --week W list`.
    lst.add_argument("--week", default=argparse.SUPPRESS, metavar="YYYY-Www", help="default: this week")
    lst.add_argument("--json", action="store_true", help="a JSON list instead of a table")

    chart = sub.add_parser("chart", help="render one chart of a week to a PNG (offscreen) and exit")
    _common(chart, suppress=True)
    chart.add_argument("--week", metavar="YYYY-Www", default=argparse.SUPPRESS, help="default: this week")
    chart.add_argument("--kind", choices=("week", "trend", "mode"), default="week",
                       help="week: time by category and the split; trend: hours per week; mode: by mode and format")
    chart.add_argument("--weeks", type=int, choices=(4, 12, 26, 52), default=12, help="weeks in the trend (default 12)")
    chart.add_argument("--out", required=True, metavar="FILE.png")

    demo = sub.add_parser(
        "demo", help="open the window on fictional sample data in a throwaway folder (or write it with --into)"
    )
    demo.add_argument("--seed", type=int, default=None, metavar="N", help="sample data seed (default: fixed)")
    demo.add_argument("--weeks", type=int, default=None, metavar="N", help="weeks of sample data (default 8)")
    demo.add_argument("--into", metavar="DIR", help="write the demo data folder to DIR and exit")
    demo.add_argument("--screenshot", metavar="FILE.png", help="render the demo window offscreen and exit")
    demo.add_argument("--week", metavar="YYYY-Www", default=argparse.SUPPRESS, help="the week to show")

    backup = sub.add_parser("backup", help="make a checked backup of the database now")
    _common(backup, suppress=True)
    backup.add_argument("--out", metavar="FILE", help="where to write it (default: the backups folder)")

    check = sub.add_parser("check", help="check the database (integrity and schema); exit 0 only when all is well")
    _common(check, suppress=True)

    audit = sub.add_parser("audit", help="print the audit log: who created, changed, deleted or exported what, when")
    _common(audit, suppress=True)
    audit.add_argument("--json", action="store_true", help="a JSON list instead of lines")
    audit.add_argument("--limit", type=int, metavar="N", help="only the newest N records")

    cats = sub.add_parser("categories", help="print the work types and category keys")
    _common(cats, suppress=True)
    return parser


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
        if args.command == "add":
            return cmd_add(args)
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
    except Exception as exc:  # anything unforeseen still ends with a message and exit 1
        print(f"peerdesk: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_ERROR


# ------------------------------------------------------------------ helpers


def _workspace(args: argparse.Namespace):
    from .domain.taxonomy import TaxonomyError
    from .settings import SettingsError
    from .workspace import Workspace

    try:
        ws = Workspace(getattr(args, "data_dir", None), getattr(args, "taxonomy", None))
        ws.taxonomy  # noqa: B018 - load now so a bad file is reported as usage
    except (TaxonomyError, SettingsError) as exc:
        raise CliError(str(exc), EXIT_USAGE) from None
    except OSError as exc:
        raise CliError(f"cannot use the data folder: {exc}") from None
    return ws


def _open_store(ws):
    from .domain.taxonomy import TaxonomyError
    from .storage.store import StoreError

    try:
        return ws.open_store()
    except TaxonomyError as exc:
        raise CliError(str(exc), EXIT_USAGE) from None
    except StoreError as exc:
        raise CliError(str(exc)) from None


def _week(text: str | None):
    from .domain.weeks import Week

    if not text:
        return None
    try:
        return Week.parse(text)
    except ValueError as exc:
        raise CliError(f"--week: {exc}", EXIT_USAGE) from None


# ------------------------------------------------------------------ commands


def cmd_add(args: argparse.Namespace) -> int:
    from .domain.entry import ValidationError, validate

    ws = _workspace(args)
    raw: dict[str, Any] = {
        "worker": args.worker or ws.settings.worker(),
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
    try:
        entry = validate(raw, ws.taxonomy, today=date.today())
    except ValidationError as exc:
        field, message = next(iter(exc.errors.items()))
        flag = {"start_time": "start", "client_ref": "client-ref", "tags": "tag"}.get(field, field)
        raise CliError(f"--{flag}: {message}", EXIT_USAGE) from None
    if not args.accept_identifiers:
        from .domain.identifiers import find_identifiers

        findings = find_identifiers(entry.note, entry.client_ref)
        if findings:
            first = findings[0]
            flag = "client-ref" if first.field == "client_ref" else "note"
            more = f" (and {len(findings) - 1} more)" if len(findings) > 1 else ""
            raise CliError(
                f"--{flag}: looks like it holds a {first.kind}{more}; remove it, or add --accept-identifiers "
                "if it identifies no one",
                EXIT_USAGE,
            )
    store = _open_store(ws)
    try:
        stored = store.add(entry)
    finally:
        ws.close()
    print(stored.id)
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from .domain.entry import MODES, format_minutes
    from .domain.weeks import Week

    week = _week(args.week) or Week.of(date.today())
    ws = _workspace(args)
    store = _open_store(ws)
    try:
        entries = store.list_week(week)
    finally:
        ws.close()
    tax = ws.taxonomy
    if args.json:
        utf8 = (getattr(sys.stdout, "encoding", "") or "").lower().replace("-", "") == "utf8"
        print(json.dumps([entry_json(e, tax) for e in entries], ensure_ascii=not utf8, indent=2))
        return EXIT_OK
    print(f"{week.label()} ({week})")
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
    print(f"{len(entries)} {'entry' if len(entries) == 1 else 'entries'}, {format_minutes(total)}")
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

    week = _week(args.week)
    return screenshot(args.screenshot, data_dir=args.data_dir, taxonomy_file=args.taxonomy, week=week)


def cmd_chart(args: argparse.Namespace) -> int:
    from .app import render_chart

    week = _week(args.week)
    ws = _workspace(args)
    _open_store(ws)
    return render_chart(ws, args.kind, args.out, week=week, trend_weeks=args.weeks)


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
    if args.into:
        try:
            count = demo.create_demo_folder(args.into, seed=seed, weeks=weeks)
        except demo.DemoFolderError as exc:
            raise CliError(str(exc), EXIT_USAGE) from None
        print(f"{count} demo entries written to {args.into}")
        return EXIT_OK
    folder = tempfile.mkdtemp(prefix="peerdesk-demo-")
    try:
        demo.create_demo_folder(folder, seed=seed, weeks=weeks)
        if args.screenshot:
            from .app import screenshot

            return screenshot(args.screenshot, data_dir=folder, week=week)
        from .app import run

        return run(data_dir=folder, week=week)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def cmd_backup(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime
    from pathlib import Path

    from .storage import backups

    ws = _workspace(args)
    store = _open_store(ws)  # refuses a damaged file before anything is copied
    try:
        if args.out:
            target = Path(args.out).expanduser()
        else:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            target = backups.backup_folder(store.path) / f"peerdesk-manual-{stamp}.db"
        try:
            check = backups.make_backup(store.path, target)
        except backups.BackupError as exc:
            raise CliError(str(exc)) from None
        store.record("backup", f"{target} ({check.entries} entries)")
    finally:
        ws.close()
    print(f"{target} ({check.entries} entries, checked)")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from .storage import backups, migrations

    ws = _workspace(args)
    path = ws.db_path
    if not path.exists():
        raise CliError(f"{path} does not exist yet (PeerDesk creates it on first start)")
    result = backups.check_file(path)
    if not result.ok:
        good = backups.newest_good_backup(path)
        hint = f"; the newest good backup is {good.path} ({good.check.entries} entries)" if good else ""
        raise CliError(f"{path} {result.message}{hint}")
    if result.revision != migrations.HEAD:
        print(f"{path}: integrity ok, {result.entries} entries; schema revision {result.revision} "
              f"will be upgraded to {migrations.HEAD} when PeerDesk opens it")
        return EXIT_OK
    usage_missing = []
    try:
        store = ws.open_store()
        usage_missing = ws.taxonomy.missing_keys(store.category_usage())
    except Exception as exc:  # noqa: BLE001 - reported, never raised
        raise CliError(f"{path}: {exc}") from None
    finally:
        ws.close()
    if usage_missing:
        raise CliError(f"{path}: entries use categories the taxonomy lacks: {', '.join(usage_missing)}")
    print(f"{path}: ok ({result.entries} entries, schema {result.revision}, integrity ok)")
    return EXIT_OK


def cmd_audit(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    store = _open_store(ws)
    try:
        records = store.audit_log(args.limit)
    finally:
        ws.close()
    if args.json:
        rows = [
            {"at": r.at.isoformat(), "worker": r.worker, "action": r.action, "entry_id": r.entry_id,
             "detail": r.detail}
            for r in records
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    for r in records:
        print(f"{r.at:%Y-%m-%d %H:%M:%S}Z  {r.worker:<16} {r.action:<14} {r.entry_id or '':<36}  {r.detail}".rstrip())
    return EXIT_OK
