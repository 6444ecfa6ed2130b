"""`peerdesk submit --week W` and `peerdesk reopen --week W --reason TEXT`: a week's entries
locked for the supervisor, and unlocked again with a reason (both in the audit log)."""

from __future__ import annotations

import argparse
from typing import Any

from .cli import EXIT_OK, EXIT_USAGE, CliError, _common, _opened, _subcommand, _week, _workspace, prefixed
from .i18n import _


def declare_weeks(sub: Any) -> None:
    submit = _subcommand(sub, "submit", help=_("submit a week: its entries are locked until it is reopened"))
    _common(submit, suppress=True)
    submit.add_argument("--week", required=True, metavar=_("YYYY-Www"))
    reopen = _subcommand(sub, "reopen", help=_("reopen a submitted week, saying why (kept in the audit log)"))
    _common(reopen, suppress=True)
    reopen.add_argument("--week", required=True, metavar=_("YYYY-Www"))
    reopen.add_argument("--reason", required=True, metavar=_("TEXT"))
    key = _subcommand(sub, "key", help=_("your signing key: give its public half to your supervisor once"))
    _common(key, suppress=True)
    key.add_argument("--show", action="store_true", required=True,
                     help=_("print the public key and its fingerprint"))
    receipt = _subcommand(sub, "receipt", help=_(
        "open a supervisor's receipt: the weeks it covers show as reviewed"))
    _common(receipt, suppress=True)
    receipt.add_argument("--import", dest="receipt", required=True, metavar=_("FILE"))


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
    print(_("week {week} submitted: {entries}, {time}; its entries are locked").format(
        week=week, entries=count_of(len(rows), "entry", "entries"), time=format_minutes(sum(e.minutes for e in rows))))
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
    print(_("week {week} reopened; its entries can be changed again").format(week=week))
    return EXIT_OK


def cmd_key(args: argparse.Namespace) -> int:
    import base64

    from .exchange.signatures import fingerprint
    from .storage import signing_key

    ws = _workspace(args)
    with _opened(ws) as store:
        public = signing_key.public_key(store)
        worker = store.actor()  # as the signatures name the worker
    if public is None:
        raise CliError(_("no signing key yet: it is made when you first submit a week (peerdesk submit)"), EXIT_USAGE)
    # a key file, read back by `review --trust-key`: its names are never translated
    key_file = {"worker": worker, "public-key": base64.b64encode(public).decode(), "fingerprint": fingerprint(public)}
    for name, value in key_file.items():
        print(f"{name}: {value}")
    return EXIT_OK


def trusted_for(args: argparse.Namespace) -> dict[str, str]:
    """The workers' keys the supervisor trusts (their data folder's), after registering any
    given with --trust-key."""
    from pathlib import Path

    from .config import resolve_data_dir
    from .operations import reviewing

    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    for key_file in args.trust_key or []:
        try:
            worker, fp = reviewing.trust_key(data_dir, Path(key_file).read_text("utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise CliError(prefixed(f"--trust-key {key_file}", exc), EXIT_USAGE) from None
        print(_("trusted: {worker}'s key {fingerprint}").format(worker=worker, fingerprint=fp))
    return reviewing.trusted_keys(data_dir)


def review_signed(args: argparse.Namespace, taxonomy: Any) -> Any:
    """`review FILES --check | --summary-out` with each file's signature checked."""
    from .operations import reviewing

    return reviewing.review_files(args.files, taxonomy, trusted=trusted_for(args), accept_changed=args.accept_changed)


def sign_off_files(args: argparse.Namespace) -> int:
    """`peerdesk review FILES --sign-off --by NAME [--comment TEXT]`: a receipt beside each."""
    from pathlib import Path

    from .operations import weeks

    if args.server:
        from .cli_server import sign_off_on_server

        return sign_off_on_server(args)
    if not args.files or not args.by:
        raise CliError(_("--sign-off needs the signed export files and --by NAME"), EXIT_USAGE)
    trusted = trusted_for(args)
    ws = _workspace(args)
    with _opened(ws) as store:  # the supervisor's own store: their signing key, their audit log
        receipts = weeks.sign_off_files(store, [Path(name) for name in args.files], by=args.by,
                                        comment=args.comment, trusted=trusted)
        try:
            for target in receipts:
                print(_("{path} (signed off by {name})").format(path=target, name=args.by))
        except weeks.WeekStateError as exc:
            raise CliError(str(exc), EXIT_USAGE) from None
    return EXIT_OK


def cmd_receipt(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .exchange.receipts import ReceiptError
    from .operations import weeks

    ws = _workspace(args)
    with _opened(ws) as store:
        try:
            done = weeks.import_receipt(store, Path(args.receipt))
        except ReceiptError as exc:
            raise CliError(_("{reason}; nothing was changed").format(reason=exc), EXIT_USAGE) from None
    print(_("reviewed: {weeks}").format(weeks=", ".join(str(w) for w in done)))
    return EXIT_OK
