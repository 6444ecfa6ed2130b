"""The local side of the team server's sync: what waits to be sent (the outbox the triggers of
migration 0005 fill), what the server last confirmed, the pull cursor, conflicts; and writing
what the server sent, in one transaction with its audit line, without queueing it again."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, NamedTuple

from .rows import ENTRY_COLUMNS, ENTRY_FIELDS, EntryRow, as_entry_row, db_time

if TYPE_CHECKING:
    from ..domain.entry import Entry
    from .store import Store

_APPLYING = "INSERT OR REPLACE INTO sync_state (key, value) VALUES ('applying', '1')"
_E_COLUMNS = ", ".join(f"e.{c}" for c in ENTRY_FIELDS)
# an entry's columns as the server takes them (Ledger.pending): the client reference and the note
# only where they are sent (the two parameters), the times as UTC
_AS_SENT = ", ".join("CASE WHEN ? THEN e.client_ref ELSE '' END" if c == "client_ref" else
                     "CASE WHEN ? THEN e.note ELSE '' END" if c == "note" else
                     f"e.{c} || '+00'" if c in ("created_at", "updated_at") else f"e.{c}" for c in ENTRY_FIELDS)
_INSERT = f"INSERT OR REPLACE INTO entries ({ENTRY_COLUMNS}) VALUES ({', '.join('?' * len(ENTRY_FIELDS))})"


class Pending(NamedTuple):
    """An entry changed here since the server last confirmed it."""

    entry_id: str
    queued_at: str  # when it was (last) queued: this change's mark (a later change queues it anew)
    base_version: int  # the server's version this change was made over (0: never on the server)
    values: str | None  # the change as the server takes it (see Ledger.pending); None: deleted here


_as_pending = partial(tuple.__new__, Pending)  # a row of the query as a Pending, at C speed


@dataclass(frozen=True)
class Conflict:
    id: int
    entry_id: str
    found_at: str
    kept: str  # "local" or "server": the side now in the entries
    other: dict  # the side not kept (deleted: true for a tombstone)


def digest(entry: Entry | None, entry_id: str, updated_at: dt.datetime | str | None, *, notes: bool,
           refs: bool) -> str:
    """What identifies one version of an entry, over the fields the server holds."""
    if entry is None:
        body: list = [entry_id, "deleted"]
    else:
        body = [entry.id, entry.worker, entry.date.isoformat(),
                entry.start_time.strftime("%H:%M:%S") if entry.start_time else "", entry.minutes,
                entry.category, entry.mode, entry.format, entry.people, entry.client_ref if refs else "",
                ";".join(entry.tags), entry.note if notes else ""]
    stamp = updated_at if isinstance(updated_at, str) or updated_at is None else db_time(updated_at)
    body.append((stamp or "")[:19])  # to the second: what both ends keep
    return hashlib.sha256(json.dumps(body, ensure_ascii=False).encode()).hexdigest()


class Ledger:
    def __init__(self, store: Store) -> None:
        self.store = store

    def waiting(self) -> int:
        return self.store._rows("SELECT count(*) FROM sync_outbox")[0][0]

    def state(self, key: str) -> str | None:
        rows = self.store._rows("SELECT value FROM sync_state WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def pending(self, limit: int, *, notes: bool, refs: bool) -> list[Pending]:
        """The first *limit* changes in the outbox, by the order they were queued. Each change
        comes as the server takes it, made here by SQLite as JSON text (no Python object per
        value): an array of the entry's columns as stored, in ENTRY_FIELDS order, with the
        client reference and the note left empty unless *refs* and *notes* say they are sent,
        the two UTC times marked as UTC, and the base version last."""
        rows = self.store._rows(  # the first ones picked by their keys alone (a sort of short rows)
            "WITH o AS (SELECT entry_id, queued_at FROM sync_outbox ORDER BY queued_at, entry_id LIMIT ?) "
            "SELECT o.entry_id, o.queued_at, coalesce(v.version, 0), "
            f"CASE WHEN e.id IS NOT NULL THEN json_array({_AS_SENT}, coalesce(v.version, 0)) END FROM o "
            "LEFT JOIN entries e ON e.id = o.entry_id LEFT JOIN sync_versions v ON v.entry_id = o.entry_id",
            (limit, refs, notes))
        return list(map(_as_pending, rows))

    def changes(self, ids: Sequence[str]) -> dict[str, tuple[str, EntryRow | None]]:
        """For the entries of *ids* still in the outbox: when each was queued, and its row as
        stored (None: deleted here)."""
        rows = self._by_ids(f"SELECT o.entry_id, o.queued_at, e.id IS NOT NULL, {_E_COLUMNS} FROM sync_outbox o "
                            "LEFT JOIN entries e ON e.id = o.entry_id WHERE o.entry_id IN ({marks})", ids)
        return {r[0]: (r[1], as_entry_row(r[3:]) if r[2] else None) for r in rows}

    def _by_ids(self, sql: str, ids: Sequence[str]) -> list[tuple]:
        """*sql* (with ``{marks}`` for the ids) over *ids*, 500 at a time (SQLite's variable limit)."""
        rows: list[tuple] = []
        for start in range(0, len(ids), 500):
            chunk = list(ids[start:start + 500])
            rows += self.store._rows(sql.format(marks=", ".join("?" * len(chunk))), chunk)
        return rows

    def versions(self, ids: Sequence[str]) -> dict[str, int]:
        return dict(self._by_ids("SELECT entry_id, version FROM sync_versions WHERE entry_id IN ({marks})", ids))

    def queued(self, ids: Sequence[str]) -> set[str]:
        return {r[0] for r in self._by_ids("SELECT entry_id FROM sync_outbox WHERE entry_id IN ({marks})", ids)}

    def local(self, entry_id: str) -> Entry | None:
        rows = self.store._rows(f"SELECT {ENTRY_COLUMNS} FROM entries WHERE id = ?", (entry_id,))
        return as_entry_row(rows[0]).to_entry() if rows else None

    def confirm(self, confirmed: Iterable[tuple[str, str, int, str]]) -> None:
        """The server holds these changes (entry id, queued at, its version, digest): each leaves
        the outbox unless the entry changed again meanwhile."""
        items = list(confirmed)
        if not items:
            return
        with self.store._write() as conn:
            conn.executemany("INSERT OR REPLACE INTO sync_versions (entry_id, version, digest) VALUES (?, ?, ?)",
                             [(i, v, d) for i, _q, v, d in items])
            conn.executemany("DELETE FROM sync_outbox WHERE entry_id = ? AND queued_at = ?",
                             [(i, q) for i, q, _v, _d in items])

    def apply(self, received: Iterable[tuple[Entry | None, str, int, str]], conflicts: Iterable[tuple[str, str, dict]],
              *, done: Iterable[tuple[str, str]] = (), state: dict[str, str] | None = None,
              audit: str | None = None) -> None:
        """Write what the server sent (an entry, or None for a tombstone, its id, version and
        digest), record *conflicts* (entry id, the side kept, the other side), take the *done*
        items (entry id, queued at) out of the outbox, save *state* and the audit line: one
        transaction, the outbox triggers quiet."""
        now = db_time(dt.datetime.now(dt.UTC))
        with self.store._write() as conn:
            conn.execute(_APPLYING)
            try:
                for entry, entry_id, version, sign in received:
                    if entry is None:
                        conn.execute("DELETE FROM entries WHERE id = ?", (entry_id,))
                    else:
                        conn.execute(_INSERT, EntryRow.of(entry))
                    conn.execute("INSERT OR REPLACE INTO sync_versions (entry_id, version, digest) VALUES (?, ?, ?)",
                                 (entry_id, version, sign))
                conn.executemany("INSERT INTO sync_conflicts (entry_id, found_at, kept, other) VALUES (?, ?, ?, ?)",
                                 [(i, now, kept, json.dumps(other, ensure_ascii=False, default=str))
                                  for i, kept, other in conflicts])
                conn.executemany("DELETE FROM sync_outbox WHERE entry_id = ? AND queued_at = ?", list(done))
                for key, value in (state or {}).items():
                    conn.execute("INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)", (key, value))
                if audit is not None:
                    self.store._audit(conn, "sync", None, audit)
            finally:
                conn.execute("DELETE FROM sync_state WHERE key = 'applying'")

    def conflicts(self) -> list[Conflict]:
        rows = self.store._rows("SELECT id, entry_id, found_at, kept, other FROM sync_conflicts ORDER BY id")
        return [Conflict(i, e, f, k, json.loads(o)) for i, e, f, k, o in rows]

    def settle(self, conflict_id: int) -> None:
        with self.store._write() as conn:
            conn.execute("DELETE FROM sync_conflicts WHERE id = ?", (conflict_id,))
