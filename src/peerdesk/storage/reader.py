"""The reading half of the store: one PeerDesk database's queries, on a connection of its own.

:class:`Reader` is what the week view, the exports and the checks read through;
:class:`~peerdesk.storage.store.Store` is a Reader that also opens, upgrades and writes. It lives
apart so the window's first look at the week (``Reader.if_current``, read-only, while the store
is still being opened) imports none of the writing side: the audit chain, the write lock, the
encryption and the write-ahead log's checks (about 5 ms of the way to the week shown).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Generator, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from ..domain.entry import Entry
from ..domain.summary import HowRow, TotalRow
from ..domain.weeks import Week
from ..i18n import _
from . import migrations
from .errors import StoreError
from .failures import explain_at
from .open_checks import SQLITE_MAGIC, FullCheck
from .rows import ENTRY_COLUMNS as _ENTRY_COLUMNS
from .rows import EntryRow, as_entry_row

if TYPE_CHECKING:
    from .crypto import Cipher

BUSY_TIMEOUT_S = 10.0


def _connect(path: Path, mode: str, *, wal: bool = True, cipher: Cipher | None = None, immutable: bool = False):
    if cipher is not None:
        from . import crypto

        conn = crypto.connect(path, mode, cipher, timeout=BUSY_TIMEOUT_S, check=False)
    else:
        uri = f"file:{quote(str(path))}?mode={mode}" + ("&immutable=1" if immutable else "")
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_S)
    if wal:  # writes the file header: only once the file is known to be PeerDesk's
        conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


class Reader:
    """Reads one PeerDesk database: the queries the week view, exports and checks use.

    A reader keeps one connection, opened on first use, and is meant for one
    thread at a time. ``Reader.if_current(path)`` opens a file read-only, for
    a first look at the week while the store itself is still being opened.
    """

    path: Path
    cipher: Cipher | None = None
    _conn = None
    _checked = True  # a Store switches this off until its file is checked
    _mode = "ro"
    _immutable = False  # a file on a read-only drive with no WAL beside it: read as it stands
    _error: type[Exception] = sqlite3.Error  # the driver's base error (SQLCipher's for an encrypted store)
    _full: FullCheck | None = None  # the full integrity check still to be waited for (open_checks)

    def await_full_check(self) -> None:
        """Before a write or an export: the full check's verdict (StoreError if damaged)."""
        if self._full is not None:
            self._full.verdict()

    def begin_full_check(self) -> None:
        """Begin the full integrity check now, on its own thread (else the first write begins it)."""
        if self._full is not None:
            self._full.start()

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    @staticmethod
    def if_current(path: str | Path) -> Reader | None:
        """A read-only reader of *path* when it is a plain PeerDesk file at the current schema,
        else None (the store's own open then says what is wrong). Nothing is written."""
        path = Path(path)
        try:
            with path.open("rb") as fh:
                if fh.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                    return None
        except OSError:
            return None
        reader = Reader(path)
        try:
            reader.pragma("cache_size=-512")  # a week's pages, not the default 2 MB
            if reader._rows("SELECT version_num FROM alembic_version") == [(migrations.HEAD,)]:
                return reader
        except StoreError:
            pass
        reader.disconnect()
        return None

    # ------------------------------------------------------------ connection

    def _connection(self):
        if self._conn is None:
            wal = self._checked and self._mode == "rw"
            try:
                self._conn = _connect(self.path, self._mode, wal=wal, cipher=self.cipher, immutable=self._immutable)
            except self._error as exc:
                raise StoreError(_("{path} cannot be opened: {why}").format(
                    path=self.path, why=explain_at(self.path, exc, "read"))) from exc
        return self._conn

    @contextmanager
    def _reading(self) -> Iterator:
        """The store's connection for a read; a database error becomes a :class:`StoreError`."""
        conn = self._connection()
        try:
            yield conn
        except self._error as exc:
            raise StoreError(explain_at(self.path, exc, "read")) from exc

    def disconnect(self) -> None:
        """Close the open connection; the next call opens a new one."""
        if self._conn is not None:
            conn, self._conn = self._conn, None
            conn.close()

    def close(self) -> None:
        self.disconnect()

    def _rows(self, sql: str, args: Sequence[object] = ()) -> list[tuple]:
        with self._reading() as conn:
            return conn.execute(sql, args).fetchall()

    def _entry_rows(self, where: str, args: Sequence[object]) -> list[EntryRow]:
        """EntryRows of the entries *where* selects, by day, start time, then entry order."""
        sql = (
            f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE {where} "
            "ORDER BY date, start_time IS NULL, start_time, created_at"
        )
        return list(map(as_entry_row, self._rows(sql, args)))

    def pragma(self, name: str) -> object:
        """``PRAGMA name`` (or ``name=value``) on the store's own connection; its value, if any."""
        rows = self._rows(f"PRAGMA {name}")
        return rows[0][0] if rows else None

    # ------------------------------------------------------------ reads

    def version(self) -> int:
        """The data's version: the audit log's last line. Every write adds one, whoever wrote."""
        return self._rows("SELECT coalesce(max(id), 0) FROM audit_log")[0][0]

    def get(self, entry_id: str) -> Entry | None:
        rows = self._entry_rows("id = ?", (entry_id,))
        return rows[0].to_entry() if rows else None

    def entries_between(self, start: dt.date, end: dt.date) -> list[Entry]:
        """Entries dated start..end inclusive, by day, start time, then entry order."""
        return [r.to_entry() for r in self._entry_rows("date >= ? AND date <= ?", (start.isoformat(), end.isoformat()))]

    def list_week(self, week: Week) -> list[Entry]:
        return self.entries_between(week.start, week.end)

    def totals_between(self, start: dt.date, end: dt.date) -> list[TotalRow]:
        """Minutes, entries and people per day and category, summed in SQL."""
        day = dt.date.fromisoformat
        return [TotalRow(day(d), c, m, n, p) for d, c, m, n, p in self._sums("date", "category", start, end)]

    def mode_format_totals(self, start: dt.date, end: dt.date) -> list[HowRow]:
        """Minutes, entries and people per mode and format, summed in SQL."""
        return [HowRow(*row) for row in self._sums("mode", "format", start, end)]

    def _sums(self, first: str, second: str, start: dt.date, end: dt.date) -> list[tuple]:
        """(first, second, minutes, entries, people) for entries dated start..end, grouped by
        the two columns (the date range uses the (date, category) index)."""
        sql = (
            f"SELECT {first}, {second}, sum(minutes), count(*), sum(people) FROM entries "
            f"WHERE date >= ? AND date <= ? GROUP BY {first}, {second} ORDER BY {first}, {second}"
        )
        return self._rows(sql, (start.isoformat(), end.isoformat()))

    def iter_entry_rows(
        self, start: dt.date, end: dt.date, *, notes: bool = False, batch: int = 1000
    ) -> Generator[list[EntryRow], None, None]:
        """Entries dated start..end inclusive, streamed as lists of at most *batch* EntryRows.

        For large exports: ``start_time`` is ``HH:MM`` (or None), ``note`` is read
        only when *notes* is true (else ``""``), and the timestamps are left out
        (None). Ordered like :meth:`entries_between`, then by id.
        """
        self.await_full_check()  # an export is read from a sound file
        sql = (
            "SELECT id, worker, date, substr(start_time, 1, 5), minutes, category, mode, format, people, "
            f"client_ref, tags, {'note' if notes else chr(39) * 2}, NULL, NULL FROM entries "
            "WHERE date >= ? AND date <= ? ORDER BY date, start_time IS NULL, start_time, created_at, id"
        )
        with self._reading() as conn:
            cursor = conn.execute(sql, (start.isoformat(), end.isoformat()))
            try:
                while rows := cursor.fetchmany(batch):
                    yield list(map(as_entry_row, rows))
            finally:
                cursor.close()

    def week_rows(
        self, start: dt.date, end: dt.date, trend: tuple[dt.date, dt.date] | None = None
    ) -> tuple[int, list[EntryRow], list[TotalRow], list[HowRow], list[TotalRow]]:
        """What the week view shows, read in one transaction: ``(version, entries, totals,
        how, trend_totals)``.

        The entries dated start..end as :class:`EntryRow` rows (in :meth:`entries_between`'s
        order), their sums per day and category and per mode and format, and the sums per
        day and category over *trend* (first day, last day) when given. ``version`` is
        :meth:`version`: a reader that keeps sums can tell whether anything changed since.
        """
        span = (start.isoformat(), end.isoformat())
        by_day = (
            "SELECT date, category, sum(minutes), count(*), sum(people) FROM entries "
            "WHERE date >= ? AND date <= ? GROUP BY date, category ORDER BY date, category"
        )
        with self._reading() as conn:
            conn.execute("BEGIN")  # one snapshot for the five queries
            try:
                version = conn.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0]
                entries = conn.execute(
                    f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE date >= ? AND date <= ? "
                    "ORDER BY date, start_time IS NULL, start_time, created_at",
                    span,
                ).fetchall()
                totals = conn.execute(by_day, span).fetchall()
                how = conn.execute(
                    "SELECT mode, format, sum(minutes), count(*), sum(people) FROM entries "
                    "WHERE date >= ? AND date <= ? GROUP BY mode, format ORDER BY mode, format",
                    span,
                ).fetchall()
                trend_totals = (
                    conn.execute(by_day, (trend[0].isoformat(), trend[1].isoformat())).fetchall() if trend else []
                )
            finally:
                conn.execute("COMMIT")
        days: dict[str, dt.date] = {}  # each day's text parsed once

        def total_rows(rows: list[tuple]) -> list[TotalRow]:
            return [TotalRow(days.get(d) or days.setdefault(d, dt.date.fromisoformat(d)), *rest) for d, *rest in rows]

        return (
            version, list(map(as_entry_row, entries)), total_rows(totals), [HowRow(*r) for r in how],
            total_rows(trend_totals),
        )

    def count_between(self, start: dt.date, end: dt.date) -> int:
        sql = "SELECT count(*) FROM entries WHERE date >= ? AND date <= ?"
        return self._rows(sql, (start.isoformat(), end.isoformat()))[0][0]

    def worker_day_totals(self, start: dt.date, end: dt.date) -> list[tuple[str, dt.date, str, int, int, int]]:
        """(worker, date, category, minutes, entries, people) per worker, day and category, summed in SQL."""
        self.await_full_check()
        sql = (
            "SELECT worker, date, category, sum(minutes), count(*), sum(people) FROM entries "
            "WHERE date >= ? AND date <= ? GROUP BY worker, date, category ORDER BY date, worker, category"
        )
        day = dt.date.fromisoformat
        return [(w, day(d), c, m, n, p) for w, d, c, m, n, p in self._rows(sql, (start.isoformat(), end.isoformat()))]

    def category_usage(self) -> dict[str, int]:
        """How many entries use each category key (to check a taxonomy file)."""
        return dict(self._rows("SELECT category, count(*) FROM entries GROUP BY category"))

    def categories_used(self) -> set[str]:
        """The category keys stored entries use, from the category index, one step per key
        (microseconds at 100,000 entries, where counting them all takes 7 ms)."""
        return {r[0] for r in self._rows(
            "WITH RECURSIVE used(key) AS (SELECT min(category) FROM entries UNION ALL SELECT "
            "(SELECT min(category) FROM entries WHERE category > key) FROM used WHERE key IS NOT NULL) "
            "SELECT key FROM used WHERE key IS NOT NULL")}

    def count(self) -> int:
        return self._rows("SELECT count(*) FROM entries")[0][0]
