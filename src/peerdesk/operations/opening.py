"""Opening a data folder's store, and checking one without writing to it.

:func:`open_store` never raises for a store that cannot be opened: it says
what came of trying, as one of four outcomes the window turns into dialogs
and the command line into a message and an exit code:

* :class:`Opened`: the store, checked (and upgraded if a migration was due);
* :class:`NeedsPassphrase`: the file is encrypted and no passphrase, or a
  wrong one, was given;
* :class:`Damaged`: the file cannot be used as it is (empty, truncated,
  foreign, damaged); it was not changed, and the newest backup that passes
  its check is named, if there is one;
* :class:`Refused`: the file is fine but this PeerDesk will not open it (made
  by a newer PeerDesk, a taxonomy that lacks categories its entries use,
  another program holding it); restoring a backup would not help.

:func:`check_store` is ``peerdesk check``: read-only from the first byte.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.taxonomy import TaxonomyError
from ..i18n import _

if TYPE_CHECKING:
    from ..storage.backups import BackupInfo
    from ..storage.crypto import Cipher
    from ..storage.store import Store
    from ..workspace import Workspace


@dataclass(frozen=True)
class Opened:
    store: Store


@dataclass(frozen=True)
class NeedsPassphrase:
    message: str
    wrong: bool  # a passphrase was given and does not open the file


@dataclass(frozen=True)
class Damaged:
    message: str
    newest_good: BackupInfo | None  # the newest backup that passes its check


@dataclass(frozen=True)
class Refused:
    message: str
    taxonomy: bool = False  # the taxonomy lacks categories stored entries use


OpenOutcome = Opened | NeedsPassphrase | Damaged | Refused


def open_store(workspace: Workspace, passphrase: str | None = None, *, encrypt: bool = False) -> OpenOutcome:
    """Open (create, check, upgrade) the workspace's store.

    With *encrypt* and no database yet, the new store is encrypted with
    *passphrase* (a shared computer). A file that cannot be opened is never
    changed.
    """
    from ..storage.crypto import CryptoError
    from ..storage.store import (
        NewerDatabaseError,
        PassphraseNeeded,
        StoreBusy,
        StoreError,
        StoreUnwritable,
        WrongPassphrase,
    )

    try:
        if encrypt and passphrase and not workspace.db_path.exists():
            return Opened(workspace.create_encrypted(passphrase))
        return Opened(workspace.open_store(passphrase))
    except PassphraseNeeded as exc:
        return NeedsPassphrase(str(exc), wrong=False)
    except WrongPassphrase as exc:
        return NeedsPassphrase(str(exc), wrong=True)
    except TaxonomyError as exc:
        return Refused(str(exc), taxonomy=True)
    except (NewerDatabaseError, StoreBusy, StoreUnwritable) as exc:  # the file is fine: no backup is offered
        return Refused(str(exc))
    except (StoreError, CryptoError) as exc:  # CryptoError: an encrypted file too short to hold its salt
        from ..storage import backups  # (the backups are looked at only for a file that will not open)

        return Damaged(str(exc), backups.newest_good_backup(workspace.db_path, backup_cipher(workspace, passphrase)))


def backup_cipher(workspace: Workspace, passphrase: str | None = None) -> Cipher | None:
    """The key the workspace's backups open with: the open store's, or for an encrypted file that
    did not open (the workspace keeps no key then), one made from *passphrase* and the salt of
    the file or, when the file has lost it, of a backup (a backup keeps its store's key and salt).
    None for a plain store."""
    if workspace.cipher is not None:
        return workspace.cipher
    passphrase = passphrase or workspace.passphrase
    if not passphrase or not workspace.encrypted:
        return None
    from ..storage import backups, crypto

    for path in (workspace.db_path, *sorted(backups.backup_folder(workspace.db_path).glob("*.db"))):
        if crypto.looks_encrypted(path):
            try:
                return crypto.Cipher.for_file(path, passphrase)
            except (crypto.CryptoError, OSError):
                continue
    return None


class CheckFailed(Exception):
    """``peerdesk check`` found a problem; the message says what (and names the newest good backup)."""

    def __init__(self, message: str, *, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage  # the problem is in how the check was asked for (a missing passphrase)


@dataclass(frozen=True)
class CheckReport:
    path: Path
    entries: int
    revision: str
    upgrade_due: bool  # an older schema, upgraded when PeerDesk next opens the file
    audit_lines: int = 0  # lines of the audit log, their chain verified


def check_store(workspace: Workspace) -> CheckReport:
    """Check the workspace's database without writing anything (so it also works in a
    read-only folder): integrity, schema revision, and that the taxonomy covers its
    categories. Raises :class:`CheckFailed`."""
    from ..storage import backups, migrations

    path = workspace.db_path
    if not path.exists():
        raise CheckFailed(_("{path} does not exist yet (PeerDesk creates it on first start)").format(path=path))
    cipher = None
    if workspace.encrypted:
        from ..storage.crypto import Cipher, CryptoError

        if not workspace.passphrase:
            raise CheckFailed(
                _("{path} is encrypted; give its passphrase with --passphrase-file FILE").format(path=path), usage=True)
        try:
            cipher = Cipher.for_file(path, workspace.passphrase)
        except CryptoError as exc:
            raise CheckFailed(str(exc)) from None
    from ..storage import wal

    if problem := wal.damage(path):
        raise CheckFailed(_("{path}: {problem}; the changes saved most recently may be missing from what PeerDesk "
                            "reads. Open PeerDesk to keep a copy of it aside, and ask IT before deleting it").format(
            path=path, problem=problem))
    result = backups.check_file(path, cipher)
    if not result.ok or result.entries is None or result.revision is None:
        good = backups.newest_good_backup(path, cipher)
        if good is None:
            raise CheckFailed(f"{path} {result.message}")
        raise CheckFailed(_("{path} {problem}; the newest good backup is {backup} ({entries} entries)").format(
            path=path, problem=result.message, backup=good.path, entries=good.check.entries))
    if result.revision != migrations.HEAD:
        if not migrations.is_known(result.revision):
            raise CheckFailed(
                _("{path} was made by a newer PeerDesk (schema revision {revision}); update PeerDesk to open "
                  "it").format(path=path, revision=result.revision)
            )
        return CheckReport(path, result.entries, result.revision, upgrade_due=True)
    usage = backups.category_usage(path, cipher)
    missing = workspace.taxonomy.missing_keys(usage)
    if missing:
        raise CheckFailed(_("{path}: entries use categories the taxonomy lacks: {categories}").format(
            path=path, categories=", ".join(missing)))
    audit = backups.audit_report(path, cipher)
    if not audit.ok:
        raise CheckFailed(_("{path}: the entries are intact, but the audit log was tampered with:").format(path=path)
                          + "\n  " + "\n  ".join(audit.problems))
    return CheckReport(path, result.entries, result.revision, upgrade_due=False, audit_lines=audit.lines)
