"""Verified, rotating backups of the PeerDesk database, and restoring one.

Every backup is written with ``VACUUM INTO`` to a temporary file in the backup
folder, checked (``PRAGMA integrity_check`` and PeerDesk's own markers), synced
to disk and only then renamed into place, so a half-made or damaged copy never
replaces a good one. Automatic backups are named by day
(``peerdesk-YYYY-MM-DD.db``); the newest 7 days and the newest backup of each
of the 4 weeks before them are kept (both configurable).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

from ..config import BACKUPS_FOLDER
from ..files import StagedFile, copy_atomically
from ..i18n import _
from . import crypto
from .crypto import Cipher
from .failures import read_only_drive

T = TypeVar("T")

BACKUP_FOLDER = BACKUPS_FOLDER
DAILY_RE = re.compile(r"^peerdesk-(\d{4}-\d{2}-\d{2})\.db$")
SQLITE_MAGIC = b"SQLite format 3\x00"
APPLICATION_ID = 0x5065446B  # the same mark as the store's


class BackupError(Exception):
    pass


class OutputRefused(BackupError):
    """The chosen file is the database or one of PeerDesk's own files: nothing was written."""


@dataclass(frozen=True)
class FileCheck:
    ok: bool
    message: str
    entries: int | None = None
    revision: str | None = None


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made: dt.datetime
    check: FileCheck


def backup_folder(db_path: Path) -> Path:
    return db_path.parent / BACKUP_FOLDER


def check_file(path: Path, cipher: Cipher | None = None) -> FileCheck:
    """Is *path* a complete, undamaged PeerDesk database? Opens it read-only
    (with *cipher* when it is encrypted)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return FileCheck(False, _("cannot be read ({why})").format(why=exc.strerror))
    if size == 0:
        return FileCheck(False, _("is empty (0 bytes)"))
    journal = Path(f"{path}-journal")
    if journal.exists() and journal.stat().st_size > 0:
        return FileCheck(
            False,
            _("has the journal of a change that was cut short beside it ({journal}); a read-only check cannot "
              "roll it back. Opening it in PeerDesk (the window or any command that writes) rolls it back with "
              "nothing committed lost").format(journal=journal.name),
        )
    if cipher is not None:
        return _check_encrypted(path, cipher)
    with path.open("rb") as fh:
        if fh.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            return FileCheck(False, _("is not a SQLite database"))
    try:
        return _read_only(path, _inspect)
    except sqlite3.Error as exc:
        said = _("cannot be opened ({why})") if isinstance(exc, _NotOpened) else _("is damaged ({why})")
        return FileCheck(False, said.format(why=exc))


def _check_encrypted(path: Path, cipher: Cipher) -> FileCheck:
    if not crypto.looks_encrypted(path):
        return FileCheck(False, _("is not encrypted"))
    try:
        conn = crypto.connect(path, "ro", cipher)
    except crypto.WrongPassphrase:
        return FileCheck(False, _("does not open with this passphrase"))
    except Exception as exc:  # noqa: BLE001 - any failure to open is the answer
        return FileCheck(False, _("cannot be opened ({why})").format(why=exc))
    try:
        return _inspect(conn)
    except Exception as exc:  # noqa: BLE001 - sqlcipher3 has its own exception classes
        return FileCheck(False, _("is damaged ({why})").format(why=exc))
    finally:
        conn.close()


def _inspect(conn) -> FileCheck:
    result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    if result != ["ok"]:
        return FileCheck(False, _("is damaged: {why}").format(why="; ".join(result[:3])))
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not {"entries", "alembic_version"} <= tables:
        return FileCheck(False, _("is not a PeerDesk database"))
    revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    entries = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    return FileCheck(True, "ok", int(entries), revision[0] if revision else None)


def audit_report(path: Path, cipher: Cipher | None = None):
    """The audit log's chain and triggers checked, read without writing anything."""
    from .audit_chain import chain_key, verify

    key = chain_key(cipher.key if cipher is not None else None)
    if cipher is not None:
        conn = crypto.connect(path, "ro", cipher)
        try:
            return verify(conn, key)
        finally:
            conn.close()
    return _read_only(path, lambda conn: verify(conn, key))


def category_usage(path: Path, cipher: Cipher | None = None) -> dict[str, int]:
    """How many entries use each category, read without writing anything."""
    query = "SELECT category, count(*) FROM entries GROUP BY category"
    if cipher is not None:
        conn = crypto.connect(path, "ro", cipher)
        try:
            return {c: int(n) for c, n in conn.execute(query)}
        finally:
            conn.close()
    return _read_only(path, lambda conn: {c: int(n) for c, n in conn.execute(query)})


class _NotOpened(sqlite3.OperationalError):
    """The file could not even be opened (not a failure while reading it)."""


def _read_only(path: Path, read: Callable[[sqlite3.Connection], T]) -> T:
    """*read* on a read-only connection to a plain database, writing nothing beside it.

    Without a -wal file nobody has the database open and everything committed is in the file
    itself: it is read as it stands (``immutable=1``), so no -wal or -shm file is left beside
    it. Should that read fail (someone opened it meanwhile), it is read again through SQLite's
    locking. With a -wal file it is read through the locking, and as it stands only if the
    folder is read-only and the -wal file has gone meanwhile.
    """
    ways = (True, False) if not Path(f"{path}-wal").exists() else (False, True)
    for attempt, immutable in enumerate(ways):
        uri = f"file:{quote(str(path))}?mode=ro" + ("&immutable=1" if immutable else "")
        try:
            conn = sqlite3.connect(uri, uri=True)
        except sqlite3.Error as exc:
            raise _NotOpened(str(exc)) from None
        try:
            return read(conn)
        except sqlite3.DatabaseError as exc:
            if attempt == 0 and (immutable or _unshareable_wal_file(path, exc)):
                continue
            raise
        finally:
            conn.close()
    raise AssertionError("unreachable")


def _unshareable_wal_file(path: Path, exc: sqlite3.DatabaseError) -> bool:
    """A WAL-mode file in a folder that cannot be written cannot get its -shm file, so even a
    read-only connection fails (SQLITE_READONLY_DIRECTORY). Without a -wal file nobody can be
    writing it there, and it can be read as it stands (``immutable=1``): it is not damaged."""
    return getattr(exc, "sqlite_errorname", "").startswith("SQLITE_READONLY") and not Path(f"{path}-wal").exists()


def make_backup(db_path: Path, target: Path, cipher: Cipher | None = None) -> FileCheck:
    """Copy the live database to *target* (atomically, checked). Returns the copy's check.

    An encrypted database is copied with ``sqlcipher_export`` under the same key and
    salt, so the backup opens with the same passphrase and is never plain text."""
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # filled by SQLite itself: VACUUM INTO takes an empty file
        staged = StagedFile(target, mode=None, reuse_name=True)
    except OSError as exc:
        raise BackupError(_("backup of {path} failed: cannot write in {folder} ({why})").format(
            path=db_path, folder=target.parent, why=exc.strerror)) from None
    try:
        if cipher is not None:
            try:
                crypto.export_copy(db_path, staged.path, cipher)
            except Exception as exc:  # noqa: BLE001 - sqlcipher3 has its own exception classes
                raise BackupError(_("backup of {path} failed: {why}").format(path=db_path, why=exc)) from None
        else:
            # on a read-only drive a file with no WAL beside it is read as it stands (no -shm can be made)
            still = read_only_drive(db_path) and not Path(f"{db_path}-wal").exists()
            uri = f"file:{quote(str(db_path))}?mode=ro" + ("&immutable=1" if still else "")
            src = sqlite3.connect(uri, uri=True, timeout=10)
            try:
                src.execute("VACUUM INTO ?", (str(staged.path),))
            except sqlite3.Error as exc:
                raise BackupError(_("backup of {path} failed: {why}").format(path=db_path, why=exc)) from None
            finally:
                src.close()
        check = check_file(staged.path, cipher)
        if not check.ok:
            raise BackupError(_("the backup copy {problem}; the older backups were kept").format(problem=check.message))
        staged.commit()
    finally:
        staged.discard()  # (nothing left to do once committed)
    return check


def daily_backup_if_due(
    db_path: Path,
    *,
    today: dt.date | None = None,
    keep_daily: int = 7,
    keep_weekly: int = 4,
    cipher: Cipher | None = None,
    before: Callable[[], object] | None = None,
) -> Path | None:
    """On the first start of a day, back up and prune; returns the new backup or None.
    *before()* is called once the backup is due, before the copy (the store's full check)."""
    today = today or dt.date.today()
    folder = backup_folder(db_path)
    target = folder / f"peerdesk-{today.isoformat()}.db"
    if target.exists():
        return None
    if before is not None:
        before()
    make_backup(db_path, target, cipher)
    prune(folder, keep_daily=keep_daily, keep_weekly=keep_weekly)
    return target


def prune(folder: Path, *, keep_daily: int = 7, keep_weekly: int = 4) -> list[Path]:
    """Remove automatic daily backups beyond the newest *keep_daily* days and the
    newest one of each of the *keep_weekly* ISO weeks before them. Other files stay."""
    dated = []
    for path in folder.glob("peerdesk-*.db"):
        m = DAILY_RE.match(path.name)
        if m:
            try:
                dated.append((dt.date.fromisoformat(m.group(1)), path))
            except ValueError:
                continue  # not one of ours (no such day): left alone
    dated.sort(reverse=True)
    keep = {p for _d, p in dated[:keep_daily]}
    weeks_kept: set[tuple[int, int]] = set()
    for day, path in dated[keep_daily:]:
        week = day.isocalendar()[:2]
        if week not in weeks_kept and len(weeks_kept) < keep_weekly:
            weeks_kept.add(week)
            keep.add(path)
    removed = []
    for _day, path in dated:
        if path not in keep:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def list_backups(db_path: Path, cipher: Cipher | None = None) -> list[BackupInfo]:
    """Every backup in the folder, newest first, each with its check and entry count."""
    infos = []
    for path in backup_folder(db_path).glob("*.db"):
        made = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
        infos.append(BackupInfo(path, made, check_file(path, cipher)))
    infos.sort(key=lambda b: b.made, reverse=True)
    return infos


def newest_good_backup(db_path: Path, cipher: Cipher | None = None) -> BackupInfo | None:
    for info in list_backups(db_path, cipher):
        if info.check.ok:
            return info
    return None


def restore_backup(
    db_path: Path, backup: Path, *, now: dt.datetime | None = None, cipher: Cipher | None = None
) -> Path | None:
    """Replace the database with *backup* (checked first); the current file is kept as a backup.

    The store must be closed; the write lock is held throughout, so no other PeerDesk
    process writes meanwhile. Returns where the replaced file was kept (None when
    there was no current file).
    """
    from .locking import LockTimeout, WriteLock

    check = check_file(backup, cipher)
    if not check.ok:
        raise BackupError(_("{backup} {problem}; nothing was changed").format(backup=backup, problem=check.message))
    lock = WriteLock(Path(f"{db_path}.lock"))
    try:
        with lock.hold():
            return _replace_with(db_path, backup, now, cipher)
    except LockTimeout as exc:
        raise BackupError(_("{why}; nothing was changed").format(why=exc)) from None
    except OSError as exc:  # a folder that cannot be written, a full disk: the database is as it was
        raise BackupError(_("{path} could not be replaced ({why}); nothing was changed").format(
            path=db_path, why=exc.strerror or exc)) from None
    finally:
        lock.close()


def _replace_with(db_path: Path, backup: Path, now: dt.datetime | None, cipher: Cipher | None) -> Path | None:
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%SZ")
    folder = backup_folder(db_path)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    kept = folder / f"peerdesk-before-restore-{stamp}.db"
    n = 1
    while kept.exists():  # a second restore within the same second must not replace the first's copy
        kept = folder / f"peerdesk-before-restore-{stamp}-{n}.db"
        n += 1
    wal = Path(f"{db_path}-wal")
    existed = db_path.exists()
    if existed and check_file(db_path, cipher).ok:
        make_backup(db_path, kept, cipher)  # folds in the WAL, so nothing committed is lost
    elif existed:
        # damaged: keep its bytes as they are, with its write-ahead log (it may hold the newest saves)
        for source, target in ((db_path, kept), (wal, Path(f"{kept}-wal"))):
            if source.exists():
                copy_atomically(source, target)
    with StagedFile(db_path, mode="wb") as staged, backup.open("rb") as source_file:
        assert staged.fh is not None
        shutil.copyfileobj(source_file, staged.fh, 1 << 20)
        for suffix in ("-wal", "-shm"):  # the old file's log must not be replayed into the new one
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    return kept if existed else None
