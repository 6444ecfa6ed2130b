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
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

from . import __version__
from .i18n import N_, _, ngettext

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


class CliError(Exception):
    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.code = code


def prefixed(name: str, message: object) -> str:
    """``--out: …``, ``peerdesk: …``: a message about an option or from the program, whose name
    stays as typed in every language (scripts read the shape)."""
    return f"{name}: {message}"


def _common(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--data-dir",
        # TRANSLATORS: a placeholder in the command line's help (in capitals): a folder
        metavar=_("DIR"),
        default=default,
        help=_("data folder (default: $PEERDESK_DATA_DIR, else the user data folder for PeerDesk)"),
    )
    parser.add_argument(
        "--taxonomy",
        # TRANSLATORS: a placeholder in the command line's help (in capitals): a file
        metavar=_("FILE"),
        default=default,
        help=_("an organisation's taxonomy file extending the built-in one"),
    )
    parser.add_argument(
        "--lang",
        choices=("en", "fr"),
        default=default,
        help=_("the language of the messages and the window (default: the language setting, else the system's)"),
    )
    parser.add_argument(
        "--passphrase-file",
        metavar=_("FILE"),
        default=default,
        help=_("the passphrase of an encrypted store, read from FILE (never from the command line)"),
    )


def choose_language(argv: list[str]) -> str:
    """The language of this run, chosen before any text is made: ``--lang``, else the data
    folder's ``language`` setting, else the system's. argparse's own words follow it too."""
    from . import i18n

    wanted = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            wanted = argv[i + 1]
        elif arg.startswith("--lang="):
            wanted = arg.partition("=")[2]
    if wanted is None:
        wanted = _language_setting(argv)
    chosen = i18n.set_language(wanted)
    argparse._ = i18n._  # type: ignore[attr-defined]  # argparse's usage, errors and help headings
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]
    return chosen


def _language_setting(argv: list[str]) -> str | None:
    """The ``language`` setting of the data folder this run will use, if it says one."""
    from . import i18n
    from .config import SETTINGS_FILENAME, resolve_data_dir

    given = next((argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "--data-dir"), None)
    given = given or next((a.partition("=")[2] for a in argv if a.startswith("--data-dir=")), None)
    try:
        settings = json.loads((resolve_data_dir(given) / SETTINGS_FILENAME).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    value = settings.get("language") if isinstance(settings, dict) else None
    return value if isinstance(value, str) and value in i18n.LANGUAGES else None  # others: refused by Settings


def _subcommand(sub, name: str, **kwargs) -> argparse.ArgumentParser:
    return sub.add_parser(name, allow_abbrev=False, **kwargs)


def _top_parser(*, whole: bool = True) -> argparse.ArgumentParser:
    """``peerdesk``'s own options, the window's; :func:`build_parser` adds the commands to it.
    Without *whole*: no --help or --version, and a mistake raises instead of exiting."""
    parser = argparse.ArgumentParser(
        prog="peerdesk", add_help=whole, exit_on_error=whole,
        allow_abbrev=False,  # "--passphrase X" must never be taken for --passphrase-file
        description=_("Log peer support work day by day and see it week by week. "
                      "Without a command, opens the window."))
    if whole:
        parser.add_argument("--version", action="version", version=f"PeerDesk {__version__}",
                            help=_("show program's version number and exit"))  # argparse's own, not marked there
    _common(parser, suppress=False)
    parser.add_argument("--screenshot", metavar=_("FILE.png"),
                        help=_("render the window offscreen to a PNG and exit"))
    # TRANSLATORS: how a week is typed (year, W, week number), as in the messages; French: AAAA-Wss
    parser.add_argument("--week", metavar=_("YYYY-Www"), help=_("the week to show (default: this week)"))
    return parser


def window_args(argv: list[str]) -> argparse.Namespace | None:
    """The window's start (no command): its few options read without making every command's
    parser (14 ms of each start). None when *argv* holds anything else (a command, --help,
    --version, a mistake): :func:`build_parser`'s parser then reads it and says what is wrong."""
    try:
        args, rest = _top_parser(whole=False).parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    args.command = None
    return None if rest else args


def build_parser() -> argparse.ArgumentParser:
    parser = _top_parser()
    # TRANSLATORS: a placeholder in the command line's help (in capitals): a sub-command such as add or export
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"))

    add = _subcommand(sub, "add", help=_("log one entry; prints its id"))
    _common(add, suppress=True)
    # TRANSLATORS: how a day is typed (year, month, day), as in the messages; French: AAAA-MM-JJ
    add.add_argument("--date", required=True, metavar=_("YYYY-MM-DD"))
    add.add_argument("--minutes", required=True, metavar="N", help=_("1–720; 90, 1h30 and 1:30 all work"))
    add.add_argument("--category", required=True, metavar=_("KEY"),
                     help=_("a category key (see `peerdesk categories`)"))
    add.add_argument("--start", metavar="HH:MM")
    add.add_argument("--mode", metavar="M", help=_("in_person, phone, text, video or other"))
    add.add_argument("--format", metavar="F", help=_("individual or group"))
    add.add_argument("--people", metavar="N")
    add.add_argument("--client-ref", metavar="R", help=_("a de-identified code, never a name"))
    add.add_argument("--tag", action="append", default=[], metavar="T", help=_("an enactment; repeat for more"))
    add.add_argument("--note", metavar=_("TEXT"))
    add.add_argument("--worker", metavar=_("NAME"), help=_("default: the worker in settings, else the OS user"))
    add.add_argument(
        "--accept-identifiers",
        action="store_true",
        help=_("save even if the note or client ref seems to hold an identifier (phone, e-mail, a name, …)"),
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

    lst = _subcommand(sub, "list", help=_("print one week's entries"))
    _common(lst, suppress=True)
    # SUPPRESS, like --data-dir: a default here would overwrite `peerdesk --week W list`.
    lst.add_argument("--week", default=argparse.SUPPRESS, metavar=_("YYYY-Www"), help=_("default: this week"))
    lst.add_argument("--json", action="store_true", help=_("a JSON list instead of a table"))

    chart = _subcommand(sub, "chart", help=_("render one chart of a week to a PNG (offscreen) and exit"))
    _common(chart, suppress=True)
    chart.add_argument("--week", metavar=_("YYYY-Www"), default=argparse.SUPPRESS, help=_("default: this week"))
    chart.add_argument("--kind", choices=("week", "trend", "mode"), default="week",
                       help=_("week: time by category and the split; trend: hours per week; mode: by mode and format"))
    chart.add_argument("--weeks", type=int, choices=(4, 12, 26, 52), default=12,
                       help=_("weeks in the trend (default 12)"))
    chart.add_argument("--out", required=True, metavar=_("FILE.png"))

    demo = _subcommand(sub, "demo", help=_(
        "open the window on fictional sample data in a throwaway folder (or write it with --into)"))
    demo.add_argument("--seed", type=int, default=None, metavar="N", help=_("sample data seed (default: fixed)"))
    demo.add_argument("--weeks", type=int, default=None, metavar="N", help=_("weeks of sample data (default 8)"))
    demo.add_argument("--into", metavar=_("DIR"), help=_("write the demo data folder to DIR and exit"))
    demo.add_argument("--worker", metavar=_("NAME"), help=_(
        "the worker on every entry (default 'Demo worker'; with --team, the prefix of the workers' codes, "
        "default PW)"))
    demo.add_argument("--end", metavar=_("YYYY-MM-DD"), help=_(
        "the last day of the record (default today): the same seed and --end give the same record on any day"))
    demo.add_argument("--team", type=int, metavar="N", help=_(
        "with --into: N workers of different habits, each a data folder DIR/PW-01 … and its exports "
        "DIR/peerdesk_PW-01_….csv, for the Review window"))
    demo.add_argument("--screenshot", metavar=_("FILE.png"), help=_("render the demo window offscreen and exit"))
    demo.add_argument("--week", metavar=_("YYYY-Www"), default=argparse.SUPPRESS, help=_("the week to show"))

    backup = _subcommand(sub, "backup", help=_("make a checked backup of the database now"))
    _common(backup, suppress=True)
    backup.add_argument("--out", metavar=_("FILE"), help=_("where to write it (default: the backups folder)"))

    check = _subcommand(sub, "check", help=_(
        "check the database (integrity and schema); exit 0 only when all is well"))
    _common(check, suppress=True)

    audit = _subcommand(sub, "audit", help=_(
        "print the audit log: who created, changed, deleted or exported what, when"))
    _common(audit, suppress=True)
    audit.add_argument("--json", action="store_true", help=_("a JSON list instead of lines"))
    audit.add_argument("--limit", type=int, metavar="N", help=_("only the newest N records"))

    init = _subcommand(sub, "init", help=_("create the database now (with --encrypt: an encrypted one)"))
    _common(init, suppress=True)
    init.add_argument(
        "--encrypt", action="store_true", help=_("encrypt the store (SQLCipher); needs --passphrase-file")
    )

    rekey = _subcommand(sub, "passphrase", help=_("change the passphrase of an encrypted store"))
    _common(rekey, suppress=True)
    rekey.add_argument("--new-passphrase-file", required=True, metavar=_("FILE"), help=_("the new passphrase"))

    cats = _subcommand(sub, "categories", help=_("print the work types and category keys"))
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
    argv = sys.argv[1:] if argv is None else list(argv)
    choose_language(argv)
    args = window_args(argv)
    if args is None:
        args = build_parser().parse_args(argv)
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
        from . import ui  # noqa: F401 - first: PySide then reads no module's source (ui/pyside_features.py)
        from .app import run

        return run(data_dir=args.data_dir, taxonomy_file=args.taxonomy, week=_week(args.week))
    except CliError as exc:
        print(prefixed("peerdesk", exc), file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return EXIT_ERROR
    except BrokenPipeError:  # `peerdesk categories | head`: the reader has all it wanted
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # nothing more is written to the closed pipe at exit
        return EXIT_ERROR
    except RecursionError:
        print(_("peerdesk: a file given is nested too deeply to be read"), file=sys.stderr)
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
        raise CliError(_("cannot use the data folder: {reason}").format(reason=exc)) from None
    return ws


def _open_store(ws):
    from .operations.opening import Damaged, NeedsPassphrase, Opened, Refused, open_store

    outcome = open_store(ws)
    if isinstance(outcome, Opened):
        for warning in outcome.store.warnings:
            warn(warning)
        return outcome.store
    if isinstance(outcome, NeedsPassphrase):
        if outcome.wrong:
            raise CliError(outcome.message, EXIT_USAGE)
        raise CliError(_("{reason}; give it with --passphrase-file FILE").format(reason=outcome.message), EXIT_USAGE)
    if isinstance(outcome, Refused):
        raise CliError(outcome.message, EXIT_USAGE if outcome.taxonomy else EXIT_ERROR)
    assert isinstance(outcome, Damaged)
    good = outcome.newest_good
    if good is None:
        raise CliError(outcome.message)
    if good.check.entries is None:
        raise CliError(_("{reason}; the newest good backup is {path}").format(reason=outcome.message, path=good.path))
    from .domain.entry import count_of

    raise CliError(_("{reason}; the newest good backup is {path} ({entries})").format(
        reason=outcome.message, path=good.path, entries=count_of(good.check.entries, "entry", "entries")))


def warn(message: str) -> None:
    """A warning on stderr: ``peerdesk: warning: …`` (the command goes on)."""
    print(_("peerdesk: warning: {message}").format(message=message), file=sys.stderr)


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
        warn(_("today's backup was not made: {reason}").format(reason=exc))


def _week(text: str | None):
    from .domain.weeks import Week

    if not text:
        return None
    import re

    from .domain.entry import EARLIEST_DATE

    if not re.fullmatch(r"\d{4}-W\d{2}", text, re.ASCII):  # exactly as documented
        raise CliError(_("--week: '{text}' is not a week; write it as YYYY-Www, e.g. 2026-W48").format(text=text),
                       EXIT_USAGE)
    try:
        week = Week.parse(text)
        week.start  # noqa: B018 - a week the calendar has (2026-W53 is not one)
    except ValueError:
        raise CliError(_("--week: {text} is not a week of the calendar (that year has fewer)").format(text=text),
                       EXIT_USAGE) from None
    latest = date.today() + timedelta(days=366)
    if not EARLIEST_DATE <= week.start <= latest:
        raise CliError(_("--week: {text} is outside {first}–{last}").format(
            text=text, first=EARLIEST_DATE.year, last=latest.year), EXIT_USAGE)
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
        if flags:
            return f"--{_FLAGS.get(field, field)}"
        return _(_FIELDS[field]) if field in _FIELDS else field.replace("_", " ")

    check = check_entry(raw, ws.taxonomy, worker=args.worker or ws.settings.worker(), today=date.today())
    if check.entry is None:
        field, message = next(iter(check.errors.items()))
        raise CliError(f"{name(field)}: {message}", EXIT_USAGE)
    if check.findings and not args.accept_identifiers:
        first = check.findings[0]
        raise CliError(
            _("{field}: looks like it holds a {kind}{more}; remove it, or add --accept-identifiers if it "
              "identifies no one").format(field=name(first.field), kind=first.label, more=and_more(check.findings)),
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
# Each entry field as `peerdesk log` names it in a message (in English: the field, "_" as a space)
_FIELDS = {"worker": N_("worker"), "date": N_("date"), "start_time": N_("start time"), "minutes": N_("minutes"),
           "work_type": N_("work type"), "category": N_("category"), "mode": N_("mode"), "format": N_("format"),
           "people": N_("people"), "client_ref": N_("client ref"), "tags": N_("tags"), "note": N_("note")}
# A week's state as `list` shows it after the week (an open week shows none)
_STATES = {"submitted": N_("submitted"), "reviewed": N_("reviewed")}
# TRANSLATORS: the seven weekdays' short names, Monday first, separated by single spaces (French: lun. mar. …)
_WEEKDAYS = N_("Mon Tue Wed Thu Fri Sat Sun")


def and_more(found: Sequence[object]) -> str:
    """`` (and 2 more)`` after the first of *found*; nothing when it is the only one."""
    n = len(found) - 1
    return ngettext(" (and {n} more)", " (and {n} more)", n).format(n=n) if n > 0 else ""


def weekday_names() -> list[str]:
    """Monday … Sunday's short names in the user's language, padded to one width."""
    names = _(_WEEKDAYS).split()
    names = names if len(names) == 7 else _WEEKDAYS.split()
    width = max(len(n) for n in names)
    return [n.ljust(width) for n in names]


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
    state_shown = "" if week_state == "open" else f" — {_(_STATES.get(week_state, week_state))}"
    print(f"{week.label()} ({week}){state_shown}")
    if not entries:
        print(_("No entries."))
        return EXIT_OK
    days = weekday_names()
    for e in entries:
        start = e.start_time.strftime("%H:%M") if e.start_time else "     "
        mode = _(MODES[e.mode]) if e.mode in MODES else e.mode
        print(
            f"{days[e.date.weekday()]} {e.date:%Y-%m-%d} {start} {format_minutes(e.minutes):>7}  "
            f"{tax.work_type_of(e.category) if e.category in tax.categories else '?':<8} "
            f"{tax.category_label(e.category):<40} {mode:<9} {e.id}"
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
        # TRANSLATORS: `peerdesk categories`: a work type's key (direct) and its label (keep the key first)
        print(_("{key}: {label}").format(key=wt.key, label=wt.label))
        for cat in tax.categories_of(wt.key):
            print(f"  {cat.key:<40} {cat.label}")
    # TRANSLATORS: `peerdesk categories`' last line: the keys --tag takes (keep "tags" or say --tag)
    print(_("tags: {keys}").format(keys=", ".join(tax.tags)))
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
    from .domain.entry import count_of

    seed = demo.DEFAULT_SEED if args.seed is None else args.seed
    weeks = demo.DEFAULT_WEEKS if args.weeks is None else args.weeks
    if not 1 <= weeks <= 520:
        raise CliError(_("--weeks: must be from 1 to 520"), EXIT_USAGE)
    week = _week(getattr(args, "week", None))
    end = None
    if args.end:
        from .domain.entry import parse_date

        try:
            end = parse_date(args.end)
        except ValueError as exc:
            raise CliError(prefixed("--end", exc), EXIT_USAGE) from None
    if args.team is not None:
        if not args.into:
            raise CliError(_("--team: needs --into DIR, the folder for the team's data and exports"), EXIT_USAGE)
        if not 1 <= args.team <= 200:
            raise CliError(_("--team: must be from 1 to 200"), EXIT_USAGE)
        try:
            team = demo.create_team(args.into, args.team, seed=seed, weeks=weeks, today=end, prefix=args.worker or "PW")
        except demo.DemoFolderError as exc:
            raise CliError(str(exc), EXIT_USAGE) from None
        for member in team:
            print(_("{worker} ({habit}): {entries}; {file}").format(
                worker=member.worker, habit=member.habit.name, entries=count_of(member.entries, "entry", "entries"),
                file=member.files[0]))
        command = "peerdesk review " + os.path.join(args.into, "peerdesk_*.csv")
        print(_("review them: {command}").format(command=command))
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
        print(ngettext("{n} demo entry written to {folder}", "{n} demo entries written to {folder}", count).format(
            n=count, folder=args.into))
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
            raise CliError(prefixed("--out", exc), EXIT_USAGE) from None
        except BackupError as exc:
            raise CliError(str(exc)) from None
    print(_("{path} ({entries}, checked)").format(path=made.path, entries=count_of(made.entries, "entry", "entries")))
    if made.unrecorded:
        warn(_("the backup is not in the audit log: {reason}").format(reason=made.unrecorded))
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
        print(_("{path}: integrity ok, {entries}; schema revision {revision} will be upgraded to {head} when "
                "PeerDesk opens it").format(path=report.path, entries=count_of(report.entries, "entry", "entries"),
                                            revision=report.revision, head=migrations.HEAD))
        return EXIT_OK
    print(_("{path}: ok ({entries}, schema {revision}, integrity ok, audit log of {lines} chained and intact)").format(
        path=report.path, entries=count_of(report.entries, "entry", "entries"), revision=report.revision,
        lines=count_of(report.audit_lines, "line")))
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
