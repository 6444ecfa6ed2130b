"""The store: one PeerDesk database file, opened by path, upgraded on open.

Every write is one short transaction. The file is SQLite in WAL mode with
``synchronous=FULL`` so a committed entry survives a crash or power cut.
An existing file is opened with ``mode=rw`` so a file that vanished is never
silently replaced by a new, empty database; a 0-byte or foreign file is
refused, not overwritten.

The schema is defined by the typed SQLAlchemy models (models.py) and made by
Alembic migrations; both are imported only when a file has to be created or
upgraded. Day to day the store talks to SQLite through the standard library's
``sqlite3`` (or SQLCipher's module of the same shape): importing SQLAlchemy
costs more time and memory than a bare Qt window, and PeerDesk starts on old
ward computers. tests/storage/test_store_schema.py keeps the SQL here in step
with the models.
"""

from __future__ import annotations

import datetime as dt
import getpass
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..domain.entry import Entry
from ..i18n import _
from . import audit_chain, crypto, migrations, wal
from .crypto import Cipher
from .errors import (
    DuplicateEntry,
    EntryNotFound,
    NewerDatabaseError,
    PassphraseNeeded,
    StoreBusy,
    StoreError,
    StoreUnwritable,
    WeekLocked,
    WrongPassphrase,
)
from .failures import explain, medium_problem, read_only_drive
from .locking import LockTimeout, WriteLock
from .open_checks import FullCheck, NoVerdict, QuickCheck, check_file, hot_journal, remove_made_beside
from .reader import Reader, _connect
from .rows import ENTRY_COLUMNS as _ENTRY_COLUMNS
from .rows import ENTRY_FIELDS as _FIELDS
from .rows import EntryRow, as_entry_row, db_time, utc_time

# PRAGMA application_id marks a file as PeerDesk's ("PeDk").
APPLICATION_ID = 0x5065446B


@dataclass(frozen=True)
class AuditRecord:
    at: dt.datetime
    worker: str
    action: str
    entry_id: str | None
    detail: str
    account: str = ""  # the operating-system account the computer was used under


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


class Store(Reader):
    """Entries in one SQLite file. ``Store(path)`` creates or upgrades it.

    Reads and writes through one connection, opened on first use; meant for
    one thread at a time (the window's, or one command's).
    """

    _mode = "rw"
    _deferred = False  # the full integrity check left to its own thread (the file's schema is current)

    def __init__(self, path: str | Path, *, create: bool = True, cipher: Cipher | None = None,
                 early: QuickCheck | None = None) -> None:
        self.path = Path(path)
        self.cipher = cipher
        self._early = early  # the open's quick_check, begun earlier by the window (open_checks)
        db = crypto.dbapi() if cipher is not None else sqlite3
        self._error, self._integrity = db.Error, db.IntegrityError
        self.warnings: list[str] = []  # what the worker must hear though the store opened
        if problem := wal.damage(self.path):  # SQLite would ignore it and the next close delete it
            from .backups import backup_folder

            try:
                _copy, told = wal.keep_aside(self.path, backup_folder(self.path), problem)
            except OSError as exc:
                raise StoreError(_("{problem}, and it could not be copied aside ({why}); {path} was not opened, so "
                                   "nothing in it is lost yet").format(problem=problem, why=exc.strerror,
                                                                       path=self.path)) from None
            self.warnings.append(told)
        if self.path.exists() and not self.path.is_file():
            raise StoreError(_("{path} is a folder or a device, not a database; PeerDesk leaves it as it is").format(
                path=self.path))
        if self.path.exists():
            if cipher is None:
                if crypto.looks_encrypted(self.path) and self.path.stat().st_size % 512 == 0:
                    raise PassphraseNeeded(_("{path} is encrypted: PeerDesk needs its passphrase to open it").format(
                        path=self.path))
                check_file(self.path)
            else:
                if self.path.stat().st_size == 0:
                    raise StoreError(_("{path} is empty (0 bytes); PeerDesk will not open or overwrite it").format(
                        path=self.path))
                if not crypto.looks_encrypted(self.path):
                    raise StoreError(_("{path} is not encrypted; open it without a passphrase").format(path=self.path))
                try:
                    if hot_journal(self.path):
                        # a change killed midway left its journal, which a read-only open cannot
                        # roll back; rolled back with the key it belongs to, the file is whole again
                        crypto.connect(self.path, "rw", cipher).close()
                    crypto.connect(self.path, "ro", cipher).close()
                except crypto.WrongPassphrase as exc:
                    raise WrongPassphrase(str(exc)) from None
                except crypto.CryptoError as exc:
                    if problem := medium_problem(self.path):  # a full or read-only drive, not damage
                        raise StoreUnwritable(_("{path} cannot be opened: {why}").format(
                            path=self.path, why=problem)) from None
                    raise StoreError(str(exc)) from None
        elif create:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            conn = _connect(self.path, "rwc", cipher=cipher)
            conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
            conn.close()
        else:
            raise StoreError(_("{path} does not exist").format(path=self.path))
        # who is working, written into the audit log: the worker code (a function, so that a code
        # chosen after the store opened, as on the first start, is the one written) and the
        # operating-system account beside it
        self.actor: Callable[[], str] = str
        self.account = _account()
        self.write_lock = WriteLock(Path(f"{self.path}.lock"))
        self.on_busy: Callable[[], None] | None = None  # told once when a write has to wait
        # Until the file is checked (and upgraded) connections must not switch it to WAL.
        self._checked = False
        if self.path.exists() and read_only_drive(self.path):
            # its records can be read (listed, exported, shown); a save says why it cannot be
            self._mode = "ro"
            self._immutable = cipher is None and not Path(f"{self.path}-wal").exists()
        absent = [p for p in (Path(f"{self.path}-wal"), Path(f"{self.path}-shm")) if not p.exists()]
        absent += early.absent_beside if early is not None else []
        try:
            self._opened_checked()
        except BaseException:
            self.disconnect()
            remove_made_beside(absent)  # a refused file is left as it was found: nothing beside it
            raise
        self._checked = True
        self._connection()  # now with WAL on
        if self._deferred:
            self._full = FullCheck(self.path, lambda: _connect(
                self.path, "ro", wal=False, cipher=self.cipher, immutable=self._immutable))
        if self._mode == "rw":
            self._restore_audit_triggers()

    def _opened_checked(self) -> None:
        """Check (and upgrade) the file, in words: damaged, foreign, newer, on a failing medium."""
        try:
            self._upgrade()
        except LockTimeout as exc:
            raise StoreBusy(str(exc)) from None
        except (self._error, StoreError) as exc:
            cause = exc if isinstance(exc, self._error) else exc.__cause__
            if not isinstance(cause, self._error):
                raise  # the check's own verdict (damaged, foreign, newer), already in words
            if problem := medium_problem(self.path, cause):
                raise StoreUnwritable(_("{path} cannot be opened: {why}").format(path=self.path, why=problem)
                                      ) from cause
            raise StoreError(
                _("{path} is damaged or not a PeerDesk database ({why}); it was not changed").format(
                    path=self.path, why=cause)
            ) from cause
        finally:
            self.disconnect()

    # ------------------------------------------------------------ schema

    def revision(self) -> str | None:
        names = {r[0] for r in self._rows("SELECT name FROM sqlite_master WHERE type='table'")}
        app_id = self.pragma("application_id")
        if "alembic_version" not in names:
            foreign = sorted(n for n in names if not n.startswith("sqlite_"))
            if foreign or app_id not in (0, APPLICATION_ID):
                if foreign:
                    said = _("{path} is not a PeerDesk database (it has tables {tables}); it was not changed")
                else:
                    said = _("{path} is not a PeerDesk database (application id {id}); it was not changed")
                raise StoreError(said.format(path=self.path, tables=", ".join(foreign), id=app_id))
            return None
        rows = self._rows("SELECT version_num FROM alembic_version")
        return rows[0][0] if rows else None

    def _quick_check(self, *, full: bool) -> None:
        # Every page of every b-tree read and checked before anything is written (a truncated
        # file, pages of garbage, a broken free list or record): quick_check; when the file is to
        # be migrated, the full integrity_check (an index held to its table too) before Alembic
        # writes. Otherwise the full check follows on its own thread (open_checks.FullCheck) and
        # every write and export waits for it: it costs six times as much (1.7 s against 0.26 s
        # at 100,000 entries on a busy 2-CPU machine). Read through a small cache (this connection
        # closes after the check), so opening a large file does not raise PeerDesk's peak memory.
        early, self._early = self._early, None
        try:
            problems = [early.verdict() or "ok"] if early is not None and not full else None
        except NoVerdict:  # it could not run to its end: checked here
            problems = None
        if early is not None and full:
            early.stop()
        if problems is None:
            self.pragma("cache_size=-512")
            problems = [r[0] for r in self._rows("PRAGMA integrity_check" if full else "PRAGMA quick_check")]
        if problems != ["ok"]:
            raise StoreError(_("{path} is damaged ({why}); it was not changed").format(
                path=self.path, why="; ".join(problems[:3])))

    def _upgrade(self) -> None:
        current = self.revision()
        self._deferred = current == migrations.HEAD
        self._quick_check(full=not self._deferred)
        if current == migrations.HEAD:
            return
        # Only now: Alembic and SQLAlchemy, for a new file or an older schema.
        from alembic import command
        from sqlalchemy import create_engine, event
        from sqlalchemy.pool import NullPool

        if current is not None and not migrations.is_known(current):
            raise NewerDatabaseError(
                _("{path} was made by a newer PeerDesk (schema revision {revision}); update PeerDesk to open it. "
                  "The file was not changed.").format(path=self.path, revision=current)
            )
        cfg = migrations.config()
        self.disconnect()
        extra = {"module": crypto.dbapi()} if self.cipher is not None else {}
        engine = create_engine(
            "sqlite+pysqlite://",
            creator=lambda: _connect(self.path, "rw", wal=False, cipher=self.cipher),
            poolclass=NullPool,
            **extra,  # SQLCipher's own DB-API module, so its errors are recognised
        )

        @event.listens_for(engine, "begin")
        def _begin(conn):  # the driver's own transaction handling is off; SQLAlchemy's recipe
            conn.exec_driver_sql("BEGIN")

        try:
            with self.write_lock.hold(self.on_busy):  # the lock file appears only for a checked file
                if current is not None:
                    self._backup_before_migration(current)
                with engine.begin() as conn:
                    cfg.attributes["connection"] = conn
                    command.upgrade(cfg, "head")
                    if current is not None and current < "0004":  # lines from before the chain: sealed now
                        audit_chain.seal_unchained(conn.connection.dbapi_connection, self._chain_key())
        except Exception as exc:
            orig = getattr(exc, "orig", None)  # SQLAlchemy wraps the driver's error
            if isinstance(orig, self._error):
                raise orig from exc
            raise
        finally:
            engine.dispose()

    def _backup_before_migration(self, current: str) -> Path:
        from . import backups

        stamp = _utcnow().strftime("%Y%m%dT%H%M%SZ")
        target = backups.backup_folder(self.path) / f"{self.path.stem}-before-migration-{current}-{stamp}.db"
        try:
            backups.make_backup(self.path, target, cipher=self.cipher)
        except backups.BackupError as exc:
            raise StoreError(_("the backup before migration failed ({why}); {path} was not changed").format(
                why=exc, path=self.path)) from None
        return target

    def close(self) -> None:
        if self._full is not None:
            self._full.stop()
        self.disconnect()
        self.write_lock.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator:
        """One write transaction, holding the write lock (one writer at a time)."""
        self.await_full_check()
        if self._mode == "ro":
            stopped = medium_problem(self.path) or _("{path} is open read-only").format(path=self.path)
            raise StoreUnwritable(_("{why}; nothing was saved").format(why=stopped))
        try:
            with self.write_lock.hold(self.on_busy):
                conn = self._connection()
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
        except LockTimeout as exc:
            raise StoreBusy(str(exc)) from None
        except OSError as exc:  # the lock beside the database cannot be made or taken
            if why := medium_problem(self.path, exc):
                raise StoreUnwritable(_("{why}; nothing was saved").format(why=why)) from exc
            raise StoreError(_("{path} cannot be used ({why}); nothing was saved").format(
                path=self.write_lock.path, why=exc.strerror)) from exc
        except self._integrity as exc:
            if "the week is submitted" in str(exc):
                raise WeekLocked(_("{why}; nothing was changed").format(why=_week_refused(exc))) from exc
            if "entries.id" in str(exc):
                raise DuplicateEntry(_("an entry with this id is already in the database; nothing was written")
                                     ) from exc
            raise StoreError(explain(exc)) from exc
        except self._error as exc:
            if why := medium_problem(self.path, exc):
                raise StoreUnwritable(_("{why}; nothing was saved").format(why=why)) from exc
            raise StoreError(_("{why}; nothing was saved").format(why=explain(exc))) from exc

    # ------------------------------------------------------------ writes

    def add(self, entry: Entry) -> Entry:
        now = _utcnow()
        stored = entry.with_changes(created_at=entry.created_at or now, updated_at=now)
        with self._write() as conn:
            conn.execute(_INSERT_ENTRY, EntryRow.of(stored))
            self._audit(conn, "create", stored.id)
        return stored

    def update(self, entry: Entry) -> Entry:
        with self._write() as conn:
            old = conn.execute(f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE id = ?", (entry.id,)).fetchone()
            if old is None:
                raise EntryNotFound(_("entry {id} is not in the database").format(id=entry.id))
            before = as_entry_row(old)
            stored = entry.with_changes(created_at=before.to_entry().created_at, updated_at=_utcnow())
            after = EntryRow.of(stored)
            changed = [
                name for name, a, b in zip(_FIELDS, before, after, strict=True)
                if name not in ("id", "created_at", "updated_at") and a != b
            ]
            conn.execute(_UPDATE_ENTRY, (*after[1:], after.id))
            # field names only: the audit log never copies what was written
            self._audit(conn, "edit", stored.id, "changed: " + (", ".join(changed) or "nothing"))
        return stored

    def delete(self, entry_id: str) -> Entry:
        """Remove an entry and return it, so it can be put back (undo)."""
        with self._write() as conn:
            row = conn.execute(f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE id = ?", (entry_id,)).fetchone()
            if row is None:
                raise EntryNotFound(_("entry {id} is not in the database").format(id=entry_id))
            conn.execute("DELETE FROM entries WHERE id = ?", (entry_id,))
            self._audit(conn, "delete", entry_id)
        return as_entry_row(row).to_entry()

    def restore(self, entry: Entry) -> Entry:
        """Put back an entry exactly as it was (same id and timestamps)."""
        with self._write() as conn:
            conn.execute(_INSERT_ENTRY, EntryRow.of(entry))
            self._audit(conn, "restore", entry.id)
        return entry

    def restore_many(self, entries: Iterable[Entry]) -> int:
        """Insert many entries as they are (ids and timestamps kept), in one transaction."""
        with self._write() as conn:
            count = conn.executemany(_INSERT_ENTRY, map(EntryRow.of, entries)).rowcount  # (not the outbox's rows)
            self._audit(conn, "import", None, f"{count} entries")
        return count

    # ------------------------------------------------------------ audit log

    def _audit(self, conn, action: str, entry_id: str | None = None, detail: str = "") -> None:
        """One line of the audit log, chained to the line before it (inside the write's transaction)."""
        last = conn.execute("SELECT id, chain FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        line_id, previous = (last[0] + 1, last[1]) if last else (1, audit_chain.START)
        row = (line_id, db_time(_utcnow()), self.actor() or "unknown", action, entry_id, detail, self.account)
        chain = audit_chain.link(previous, row, self._chain_key())
        conn.execute(f"INSERT INTO audit_log ({audit_chain.COLUMNS}, chain) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     (*row, chain))

    def _restore_audit_triggers(self) -> None:
        """Put back the triggers that keep the audit log append-only if another program dropped
        them, and say so in the log itself (``check`` still reports any line changed meanwhile)."""
        with self._reading() as conn:
            present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        missing = [name for name in audit_chain.TRIGGERS if name not in present]
        if not missing:
            return
        with self._write() as conn:
            for name in missing:
                verb = "UPDATE" if name.endswith("update") else "DELETE"
                conn.execute(f"CREATE TRIGGER {name} BEFORE {verb} ON audit_log "
                             "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END")
            self._audit(conn, "tamper", None, f"the audit log's append-only triggers were gone ({', '.join(missing)}); "
                        "put back")

    def _chain_key(self) -> bytes | None:
        return audit_chain.chain_key(self.cipher.key if self.cipher is not None else None)

    def verify_audit(self) -> audit_chain.ChainReport:
        """Walk the audit log's chain and its triggers (for ``peerdesk check``)."""
        with self._reading() as conn:
            return audit_chain.verify(conn, self._chain_key())

    def record(self, action: str, detail: str = "", entry_id: str | None = None) -> None:
        """Add a line to the audit log for an action outside the entries (export, backup, restore)."""
        with self._write() as conn:
            self._audit(conn, action, entry_id, detail)

    def audit_log(self, limit: int | None = None) -> list[AuditRecord]:
        """The audit log, newest first."""
        sql = "SELECT at, worker, action, entry_id, detail, account FROM audit_log ORDER BY id DESC"
        rows = self._rows(sql + " LIMIT ?", (limit,)) if limit else self._rows(sql)
        return [AuditRecord(utc_time(at), *rest) for at, *rest in rows]

_WEEK_REFUSED = "the week is submitted: reopen it to change its entries"  # the triggers' words (migration 0006)


def _week_refused(exc: Exception) -> str:
    """What the triggers of a submitted week said, in the user's language (they speak English)."""
    if str(exc) == _WEEK_REFUSED:
        return _("the week is submitted: reopen it to change its entries")
    return str(exc)


def _account() -> str:
    """The operating-system account this process runs under ("" if the system does not say)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name in the environment nor the user database
        return ""


_INSERT_ENTRY = f"INSERT INTO entries ({_ENTRY_COLUMNS}) VALUES ({', '.join('?' * len(_FIELDS))})"
_UPDATE_ENTRY = f"UPDATE entries SET {', '.join(f'{f} = ?' for f in _FIELDS[1:])} WHERE id = ?"
