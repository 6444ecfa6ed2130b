"""`peerdesk init` (the database made now, encrypted or not) and `peerdesk passphrase` (an
encrypted store's passphrase changed)."""

from __future__ import annotations

import argparse

from .cli import EXIT_OK, EXIT_USAGE, CliError, _daily_backup, _open_store, _workspace
from .i18n import _


def cmd_init(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    if ws.db_path.exists():
        raise CliError(_("{path} already exists; nothing was changed").format(path=ws.db_path), EXIT_USAGE)
    if args.encrypt:
        from .storage import crypto

        if not crypto.available():
            raise CliError(_("--encrypt: the sqlcipher3 package is not installed"))
        if not ws.passphrase:
            raise CliError(_("--encrypt: give the passphrase with --passphrase-file FILE"), EXIT_USAGE)
    from .operations.opening import Opened, open_store

    outcome = open_store(ws, ws.passphrase, encrypt=args.encrypt)
    store = outcome.store if isinstance(outcome, Opened) else _open_store(ws)  # (the latter says why not)
    path = store.path
    ws.close()
    print((_("{path} created (encrypted)") if args.encrypt else _("{path} created")).format(path=path))
    return EXIT_OK


def cmd_passphrase(args: argparse.Namespace) -> int:
    from .storage import crypto

    ws = _workspace(args)
    from .cli_checks import read_passphrase

    new = read_passphrase(args.new_passphrase_file, "--new-passphrase-file")
    if not ws.encrypted:
        raise CliError(_("{path} is not encrypted; there is no passphrase to change").format(path=ws.db_path),
                       EXIT_USAGE)
    store = _open_store(ws)  # proves the old passphrase
    _daily_backup(store)
    old = store.cipher
    ws.close()
    assert new is not None and old is not None  # a required flag; an encrypted store
    try:
        with store.write_lock.hold():
            crypto.rekey(ws.db_path, old, new)
    except crypto.CryptoError as exc:
        raise CliError(str(exc)) from None
    print(_("{path}: passphrase changed; backups made before now still open with the old one").format(path=ws.db_path))
    return EXIT_OK
