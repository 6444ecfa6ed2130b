"""Backups: one now, the first of each day, and putting one back.

Each backup is checked before it takes its name (:mod:`peerdesk.storage.backups`)
and recorded in the store's audit log. Restoring closes the store, keeps the
current file as a backup of its own, puts the chosen copy in its place and
opens the store again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import owned_by_peerdesk, owned_refusal
from ..i18n import _
from .opening import Opened, OpenOutcome, backup_cipher, open_store

if TYPE_CHECKING:
    from ..storage.store import Store
    from ..workspace import Workspace


@dataclass(frozen=True)
class BackupMade:
    path: Path
    entries: int
    unrecorded: str = ""  # why the audit log could not record it (busy, a read-only drive), if so


def back_up_now(store: Store, out: str | Path | None = None, *, now: datetime | None = None) -> BackupMade:
    """A checked copy of the store at *out*, or in the backups folder under a manual
    backup's name. *out* never replaces a file of the data folder (the database, its journal,
    a backup): only a new name in the backups folder is taken there. Raises
    :class:`~peerdesk.storage.backups.BackupError` (:class:`~peerdesk.storage.backups.OutputRefused`)."""
    from ..storage import backups

    store.await_full_check()  # never a copy of a file the full integrity check finds damaged
    if out is not None:
        target = Path(out).expanduser()
        folder = backups.backup_folder(store.path)
        new_backup = not target.exists() and folder.is_dir() and target.parent.is_dir() and (
            os.path.samefile(target.parent, folder)  # a new name in the backups folder
        )
        if owned_by_peerdesk(target, store.path.parent) and not new_backup:
            raise backups.OutputRefused(
                _("{refusal} (a new name in the backups folder, or none, will do)").format(
                    refusal=owned_refusal(target, store.path.parent))
            )
    else:
        stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
        target = backups.backup_folder(store.path) / f"peerdesk-manual-{stamp}.db"
    check = backups.make_backup(store.path, target, store.cipher)
    entries = check.entries or 0
    from ..storage.store import StoreError

    try:
        store.record("backup", f"{target} ({entries} entries)")
    except StoreError as exc:  # the copy is whole and checked: it is reported made, and this said
        return BackupMade(target, entries, unrecorded=str(exc))
    return BackupMade(target, entries)


def daily_backup(store: Store) -> Path | None:
    """On the first start of each day, a checked backup and the old ones pruned;
    the new backup's path, or None when today's exists. Raises BackupError.

    Its two steps are also called apart: the window makes the copy on a thread of its own
    (:func:`daily_copy`, which waits for the full integrity check, seconds on a large file)
    and records it (:func:`record_daily_backup`) back on the window's thread."""
    made = daily_copy(store)
    if made is not None:
        record_daily_backup(store, made)
    return made


def daily_copy(store: Store) -> Path | None:
    """Today's checked copy and the old ones pruned, when today's is not made yet (else None).
    It reads the file on a connection of its own and writes nothing to the store, so it may
    run on any thread. Raises BackupError, or StoreError when the full check finds the file
    damaged."""
    from ..storage import backups

    # a backup is made only of a file the full integrity check found sound (it may still be running)
    return backups.daily_backup_if_due(store.path, cipher=store.cipher, before=store.await_full_check)


def record_daily_backup(store: Store, made: Path) -> None:
    """The audit log's line for today's backup (on the store's own thread). Raises StoreError."""
    store.record("backup", f"automatic: {made.name}")


@dataclass(frozen=True)
class Restored:
    source: Path  # the backup chosen
    entries: int  # what it holds
    kept: Path | None  # where the replaced file was kept (None when there was none)
    outcome: OpenOutcome  # what came of opening the store again
    error: str = ""  # why the backup was not put back (the store was opened again as it was)


def restore_backup(workspace: Workspace, backup: Path, *, passphrase: str | None = None) -> Restored:
    """Put *backup* in place of the workspace's database and open the store again.

    The backup is checked before anything changes (a backup that fails its check
    raises :class:`~peerdesk.storage.backups.BackupError` and the store stays open
    as it was). Then the store is closed, the current file (damaged or not) is kept
    in the backups folder and the backup takes its place; should that fail, the
    file is left as it was and opened again, and :attr:`Restored.error` says why.
    """
    from ..storage import backups

    cipher = backup_cipher(workspace, passphrase)  # also when a damaged encrypted file did not open
    check = backups.check_file(backup, cipher)
    if not check.ok:
        raise backups.BackupError(_("{backup} {problem}; nothing was changed").format(backup=backup,
                                                                                      problem=check.message))
    workspace.close()
    try:
        kept = backups.restore_backup(workspace.db_path, backup, cipher=cipher)
    except backups.BackupError as exc:
        return Restored(backup, check.entries or 0, None, open_store(workspace, passphrase), str(exc))
    outcome = open_store(workspace, passphrase)
    if isinstance(outcome, Opened):
        where = f"; the previous file is kept as {kept.name}" if kept is not None else ""
        outcome.store.record("restore_backup", f"from {backup.name}{where}")
    return Restored(backup, check.entries or 0, kept, outcome)
