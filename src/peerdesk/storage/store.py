"""The store: one PeerDesk database file, opened by path, upgraded on open.

Every write is one short transaction. The file is SQLite in WAL mode with
``synchronous=FULL`` so a committed entry survives a crash or power cut.
An existing file is opened with ``mode=rw`` so a file that vanished is never
silently replaced by a new, empty database; a 0-byte or foreign file is
refused, not overwritten.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, String, create_engine, delete, event, func, literal, select, type_coerce
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.pool import QueuePool
from sqlalchemy.orm import Session

from ..domain.entry import Entry
from ..domain.summary import HowRow, TotalRow
from ..domain.weeks import Week
from . import migrations
from . import crypto
from .crypto import Cipher
from .locking import LockTimeout, WriteLock
from .models import AuditRow, EntryRow

SQLITE_MAGIC = b"SQLite format 3\x00"
# PRAGMA application_id marks a file as PeerDesk's ("PeDk").
APPLICATION_ID = 0x5065446B
BUSY_TIMEOUT_S = 10.0


class StoreError(Exception):
    """The database cannot be opened or used; the message says why."""


class NewerDatabaseError(StoreError):
    pass


class EntryNotFound(StoreError):
    pass


@dataclass(frozen=True)
class AuditRecord:
    at: dt.datetime
    worker: str
    action: str
    entry_id: str | None
    detail: str


class PassphraseNeeded(StoreError):
    """The file is encrypted and no passphrase was given."""


class WrongPassphrase(StoreError):
    """The passphrase does not open the file; nothing was changed."""


class StoreBusy(StoreError):
    """Another writer held the database for too long; nothing was written."""


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _connect(path: Path, mode: str, *, wal: bool = True, cipher: Cipher | None = None):
    if cipher is not None:
        conn = crypto.connect(path, mode, cipher, timeout=BUSY_TIMEOUT_S, check=False)
    else:
        uri = f"file:{quote(str(path))}?mode={mode}"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_S)
    if wal:  # writes the file header: only once the file is known to be PeerDesk's
        conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def _check_file(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise StoreError(f"{path}: cannot be read ({exc.strerror})") from None
    if size == 0:
        raise StoreError(f"{path} is empty (0 bytes); PeerDesk will not open or overwrite it")
    with path.open("rb") as fh:
        head = fh.read(len(SQLITE_MAGIC))
    if head != SQLITE_MAGIC:
        raise StoreError(f"{path} is not a SQLite database; PeerDesk will not open or overwrite it")


class Store:
    """Entries in one SQLite file. ``Store(path)`` creates or upgrades it."""

    def __init__(self, path: str | Path, *, create: bool = True, cipher: Cipher | None = None) -> None:
        self.path = Path(path)
        self.cipher = cipher
        if self.path.exists():
            if cipher is None:
                if crypto.looks_encrypted(self.path) and self.path.stat().st_size % 512 == 0:
                    raise PassphraseNeeded(f"{self.path} is encrypted: PeerDesk needs its passphrase to open it")
                _check_file(self.path)
            else:
                if self.path.stat().st_size == 0:
                    raise StoreError(f"{self.path} is empty (0 bytes); PeerDesk will not open or overwrite it")
                if not crypto.looks_encrypted(self.path):
                    raise StoreError(f"{self.path} is not encrypted; open it without a passphrase")
                try:
                    crypto.connect(self.path, "ro", cipher).close()
                except crypto.WrongPassphrase as exc:
                    raise WrongPassphrase(str(exc)) from None
        elif create:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            conn = _connect(self.path, "rwc", cipher=cipher)
            conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
            conn.close()
        else:
            raise StoreError(f"{self.path} does not exist")
        self.actor = ""  # who is working: written into the audit log
        self.write_lock = WriteLock(Path(f"{self.path}.lock"))
        self.on_busy: Callable[[], None] | None = None  # told once when a write has to wait
        # Until the file is checked (and upgraded) connections must not switch it to WAL.
        self._checked = False
        extra = {"module": crypto.dbapi()} if cipher is not None else {}
        self.engine: Engine = create_engine(
            "sqlite+pysqlite://",
            creator=lambda: _connect(self.path, "rw", wal=self._checked, cipher=self.cipher),
            poolclass=QueuePool,  # a file database; the URL alone would pick the in-memory pool
            **extra,  # SQLCipher's own DB-API module, so its errors are recognised
        )

        @event.listens_for(self.engine, "begin")
        def _begin(conn):  # the driver's own transaction handling is off; SQLAlchemy's recipe
            conn.exec_driver_sql("BEGIN")

        try:
            self._upgrade()
        except LockTimeout as exc:
            self.engine.dispose()
            raise StoreBusy(str(exc)) from None
        except DBAPIError as exc:
            self.engine.dispose()
            raise StoreError(
                f"{self.path} is damaged or not a PeerDesk database ({exc.orig}); it was not changed"
            ) from exc
        except BaseException:
            self.engine.dispose()
            raise
        self._checked = True
        self.engine.dispose()  # reconnect, now with WAL on
        self.engine.connect().close()

    # ------------------------------------------------------------ schema

    def revision(self) -> str | None:
        with self.engine.connect() as conn:
            names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
            app_id = conn.exec_driver_sql("PRAGMA application_id").scalar()
            if "alembic_version" not in names:
                foreign = sorted(n for n in names if not n.startswith("sqlite_"))
                if foreign or app_id not in (0, APPLICATION_ID):
                    what = f"it has tables {', '.join(foreign)}" if foreign else f"application id {app_id}"
                    raise StoreError(f"{self.path} is not a PeerDesk database ({what}); it was not changed")
                return None
            return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()

    def _quick_check(self) -> None:
        with self.engine.connect() as conn:
            # integrity_check, not quick_check: an index that disagrees with its table is damage
            # too, and writing through it would spread it
            problems = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
        if problems != ["ok"]:
            raise StoreError(f"{self.path} is damaged ({'; '.join(problems[:3])}); it was not changed")

    def _upgrade(self) -> None:
        current = self.revision()
        self._quick_check()
        if current == migrations.HEAD:
            return
        from alembic.config import Config
        from alembic.script import ScriptDirectory

        cfg = Config()
        cfg.set_main_option("script_location", migrations.SCRIPT_LOCATION)
        script = ScriptDirectory.from_config(cfg)
        if current is not None:
            try:
                script.get_revision(current)
            except Exception:
                raise NewerDatabaseError(
                    f"{self.path} was made by a newer PeerDesk (schema revision {current}); "
                    "update PeerDesk to open it. The file was not changed."
                ) from None
        from alembic import command

        with self.write_lock.hold(self.on_busy):  # the lock file appears only for a checked file
            if current is not None:
                self._backup_before_migration(current)
            with self.engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")

    def _backup_before_migration(self, current: str) -> Path:
        from . import backups

        stamp = _utcnow().strftime("%Y%m%dT%H%M%SZ")
        target = backups.backup_folder(self.path) / f"{self.path.stem}-before-migration-{current}-{stamp}.db"
        try:
            backups.make_backup(self.path, target, cipher=self.cipher)
        except backups.BackupError as exc:
            raise StoreError(f"the backup before migration failed ({exc}); {self.path} was not changed") from None
        return target

    def close(self) -> None:
        self.engine.dispose()
        self.write_lock.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def _write(self) -> Iterator[Session]:
        """One write transaction, holding the write lock (one writer at a time)."""
        try:
            with self.write_lock.hold(self.on_busy), self._session() as session:
                yield session
        except LockTimeout as exc:
            raise StoreBusy(str(exc)) from None
        except OperationalError as exc:
            raise StoreError(_explain(exc)) from exc

    # ------------------------------------------------------------ writes

    def add(self, entry: Entry) -> Entry:
        now = _utcnow()
        stored = entry.with_changes(created_at=entry.created_at or now, updated_at=now)
        with self._write() as s:
            s.add(_to_row(stored))
            s.add(self._audit("create", stored.id))
        return stored

    def update(self, entry: Entry) -> Entry:
        with self._write() as s:
            row = s.get(EntryRow, entry.id)
            if row is None:
                raise EntryNotFound(f"entry {entry.id} is not in the database")
            stored = entry.with_changes(created_at=_from_db_time(row.created_at), updated_at=_utcnow())
            values = _row_values(stored)
            changed = [k for k, v in values.items() if k not in ("updated_at", "created_at") and getattr(row, k) != v]
            for key, value in values.items():
                setattr(row, key, value)
            # field names only: the audit log never copies what was written
            s.add(self._audit("edit", stored.id, "changed: " + (", ".join(changed) or "nothing")))
        return stored

    def delete(self, entry_id: str) -> Entry:
        """Remove an entry and return it, so it can be put back (undo)."""
        with self._write() as s:
            row = s.get(EntryRow, entry_id)
            if row is None:
                raise EntryNotFound(f"entry {entry_id} is not in the database")
            gone = _to_entry(row)
            s.execute(delete(EntryRow).where(EntryRow.id == entry_id))
            s.add(self._audit("delete", entry_id))
        return gone

    def restore(self, entry: Entry) -> Entry:
        """Put back an entry exactly as it was (same id and timestamps)."""
        with self._write() as s:
            s.add(_to_row(entry))
            s.add(self._audit("restore", entry.id))
        return entry

    def restore_many(self, entries: Iterable[Entry]) -> int:
        """Insert many entries as they are (ids and timestamps kept), in one transaction."""
        count = 0
        with self._write() as s:
            for entry in entries:
                s.add(_to_row(entry))
                count += 1
            s.add(self._audit("import", None, f"{count} entries"))
        return count

    # ------------------------------------------------------------ audit log

    def _audit(self, action: str, entry_id: str | None = None, detail: str = "") -> AuditRow:
        return AuditRow(
            at=_to_db_time(_utcnow()), worker=self.actor or "unknown", action=action, entry_id=entry_id, detail=detail
        )

    def record(self, action: str, detail: str = "", entry_id: str | None = None) -> None:
        """Add a line to the audit log for an action outside the entries (export, backup, restore)."""
        with self._write() as s:
            s.add(self._audit(action, entry_id, detail))

    def audit_log(self, limit: int | None = None) -> list[AuditRecord]:
        """The audit log, newest first."""
        stmt = select(AuditRow).order_by(AuditRow.id.desc())
        if limit:
            stmt = stmt.limit(limit)
        with self._session() as s:
            return [
                AuditRecord(_from_db_time(r.at), r.worker, r.action, r.entry_id, r.detail) for r in s.scalars(stmt)
            ]

    # ------------------------------------------------------------ reads

    def get(self, entry_id: str) -> Entry | None:
        with self._session() as s:
            row = s.get(EntryRow, entry_id)
            return _to_entry(row) if row else None

    def entries_between(self, start: dt.date, end: dt.date) -> list[Entry]:
        """Entries dated start..end inclusive, by day, start time, then entry order."""
        stmt = (
            select(EntryRow)
            .where(EntryRow.date >= start, EntryRow.date <= end)
            .order_by(EntryRow.date, EntryRow.start_time.is_(None), EntryRow.start_time, EntryRow.created_at)
        )
        with self._session() as s:
            return [_to_entry(r) for r in s.scalars(stmt)]

    def list_week(self, week: Week) -> list[Entry]:
        return self.entries_between(week.start, week.end)

    def totals_between(self, start: dt.date, end: dt.date) -> list[TotalRow]:
        """Minutes, entries and people per day and category, summed in SQL."""
        return [TotalRow(*row) for row in self._sums(EntryRow.date, EntryRow.category, start, end)]

    def mode_format_totals(self, start: dt.date, end: dt.date) -> list[HowRow]:
        """Minutes, entries and people per mode and format, summed in SQL."""
        return [HowRow(*row) for row in self._sums(EntryRow.mode, EntryRow.format, start, end)]

    def _sums(self, first, second, start: dt.date, end: dt.date) -> list[tuple]:
        """(first, second, minutes, entries, people) for entries dated start..end, grouped by
        the two columns (the date range uses the (date, category) index)."""
        stmt = (
            select(first, second, func.sum(EntryRow.minutes), func.count(), func.sum(EntryRow.people))
            .where(EntryRow.date >= start, EntryRow.date <= end)
            .group_by(first, second)
            .order_by(first, second)
        )
        with self.engine.connect() as conn:
            return [(a, b, int(m), int(n), int(p)) for a, b, m, n, p in conn.execute(stmt)]

    # The fields of the rows iter_entry_rows yields, in order.
    ENTRY_ROW_FIELDS = (
        "id", "worker", "date", "start_time", "minutes", "category",
        "mode", "format", "people", "client_ref", "tags", "note",
    )

    def iter_entry_rows(
        self, start: dt.date, end: dt.date, *, notes: bool = False, batch: int = 1000
    ) -> Iterator[Sequence[tuple]]:
        """Entries dated start..end inclusive, streamed as lists of at most *batch* plain tuples.

        Fields as :attr:`ENTRY_ROW_FIELDS`; ``date`` is ISO text, ``start_time``
        ``HH:MM`` text or None, ``tags`` the keys joined with ``;``; ``note`` is
        read only when *notes* is true (else ``""``). Ordered like
        :meth:`entries_between`, then by id. No ORM objects, for large exports;
        close the iterator (or exhaust it) to give the connection back.
        """
        stmt = (
            select(
                EntryRow.id,
                EntryRow.worker,
                type_coerce(EntryRow.date, String),
                func.substr(type_coerce(EntryRow.start_time, String), 1, 5),
                EntryRow.minutes,
                EntryRow.category,
                EntryRow.mode,
                EntryRow.format,
                EntryRow.people,
                EntryRow.client_ref,
                EntryRow.tags,
                EntryRow.note if notes else literal("", String),
            )
            .where(EntryRow.date >= start, EntryRow.date <= end)
            .order_by(
                EntryRow.date,
                EntryRow.start_time.is_(None),
                EntryRow.start_time,
                EntryRow.created_at,
                EntryRow.id,
            )
        )
        with self.engine.connect() as conn:
            result = conn.execution_options(yield_per=batch).execute(stmt)
            yield from result.partitions()

    def count_between(self, start: dt.date, end: dt.date) -> int:
        stmt = select(func.count()).select_from(EntryRow).where(EntryRow.date >= start, EntryRow.date <= end)
        with self.engine.connect() as conn:
            return int(conn.execute(stmt).scalar_one())

    def worker_day_totals(self, start: dt.date, end: dt.date) -> list[tuple[str, dt.date, str, int, int, int]]:
        """(worker, date, category, minutes, entries, people) per worker, day and category, summed in SQL."""
        stmt = (
            select(
                EntryRow.worker,
                EntryRow.date,
                EntryRow.category,
                func.sum(EntryRow.minutes),
                func.count(),
                func.sum(EntryRow.people),
            )
            .where(EntryRow.date >= start, EntryRow.date <= end)
            .group_by(EntryRow.worker, EntryRow.date, EntryRow.category)
            .order_by(EntryRow.date, EntryRow.worker, EntryRow.category)
        )
        with self.engine.connect() as conn:
            return [(w, d, c, int(m), int(n), int(p)) for w, d, c, m, n, p in conn.execute(stmt)]

    def category_usage(self) -> dict[str, int]:
        """How many entries use each category key (to check a taxonomy file)."""
        stmt = select(EntryRow.category, func.count()).group_by(EntryRow.category)
        with self.engine.connect() as conn:
            return {c: int(n) for c, n in conn.execute(stmt)}

    def count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(EntryRow)).scalar_one())


def _explain(exc: OperationalError) -> str:
    """A failed write in words a worker can act on."""
    text = str(exc.orig).lower()
    if "full" in text:
        return "the disk is full; free some space and save again"
    if "readonly" in text or "read-only" in text:
        return "the data folder or database file is read-only; ask IT to make it writable"
    if "locked" in text or "busy" in text:
        return "the database is busy in another program; try again in a moment"
    if "unable to open" in text or "disk i/o" in text:
        return "the database file cannot be reached (was it moved, or its drive removed?)"
    return f"the database refused the change ({exc.orig})"


# ---------------------------------------------------------------- mapping


def _from_db_time(value: dt.datetime | None) -> dt.datetime | None:
    return value.replace(tzinfo=dt.UTC) if value is not None and value.tzinfo is None else value


def _to_db_time(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def _row_values(entry: Entry) -> dict[str, object]:
    return {
        "worker": entry.worker,
        "date": entry.date,
        "start_time": entry.start_time,
        "minutes": entry.minutes,
        "category": entry.category,
        "mode": entry.mode,
        "format": entry.format,
        "people": entry.people,
        "client_ref": entry.client_ref,
        "tags": ";".join(entry.tags),
        "note": entry.note,
        "created_at": _to_db_time(entry.created_at),
        "updated_at": _to_db_time(entry.updated_at),
    }


def _to_row(entry: Entry) -> EntryRow:
    return EntryRow(id=entry.id, **_row_values(entry))


def _to_entry(row: EntryRow) -> Entry:
    return Entry(
        id=row.id,
        worker=row.worker,
        date=row.date,
        start_time=row.start_time,
        minutes=row.minutes,
        category=row.category,
        mode=row.mode,
        format=row.format,
        people=row.people,
        client_ref=row.client_ref,
        tags=tuple(t for t in row.tags.split(";") if t),
        note=row.note,
        created_at=_from_db_time(row.created_at),
        updated_at=_from_db_time(row.updated_at),
    )
