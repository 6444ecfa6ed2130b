"""Sync, offline-first: send this PC's changed entries to the team server, then receive the
worker's own entries written on other PCs.

* **Send** (in batches, each one server transaction, then confirmed here): an entry is written
  over the server's version it was changed from (``base_version``); a delete goes as a tombstone.
  When the server's version moved on meanwhile (the entry was changed on another PC), the later
  change is kept and the other becomes a conflict the worker can pick from; when the server
  already holds exactly this change (a sync cut off after the server's commit), it is simply
  confirmed. An entry leaves the outbox only once the server holds it.
* **Receive**: the worker's rows written by transactions from the oldest one still running at
  the last pull (so a row committed late is never skipped); what this PC has already is skipped,
  an entry changed here since is left for the next send to reconcile.

Idempotent and resumable: run it again at any moment and it goes on from where it stopped.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..domain.entry import Entry
from ..i18n import _, ngettext
from ..storage.server_migrations import SCHEMA
from ..storage.sync_local import Ledger, Pending, digest
from .connection import ServerError, ServerRefused, connect, explain

if TYPE_CHECKING:
    from ..storage.store import Store

BATCH = 2000
_COLUMNS = ("id", "worker", "date", "start_time", "minutes", "category", "mode", "format", "people",
            "client_ref", "tags", "note", "created_at", "updated_at")
_TEAM = f"(SELECT team FROM {SCHEMA}.members WHERE role = current_user AND kind = 'worker' LIMIT 1)"
# one batch, in three statements, each given its rows as one JSON array of arrays (dumped and
# parsed in C at both ends): the new entries, the changed ones (each over the server's version it
# was made from: `base`) and the tombstones; a row comes back for each change the server took
_TYPES = ("uuid", "text", "date", "time", "integer", "text", "text", "text", "integer", "text", "text", "text",
          "timestamptz", "timestamptz", "integer")
_ROWS = ("(SELECT " + ", ".join(f"(r->>{n})::{t} AS {c}" for n, (c, t) in enumerate(zip((*_COLUMNS, "base"), _TYPES,
                                                                                       strict=True)))
         + " FROM jsonb_array_elements(%s::jsonb) AS r)")
_INSERT_NEW = (
    f"INSERT INTO {SCHEMA}.entries ({', '.join(_COLUMNS)}, team) SELECT {', '.join(_COLUMNS)}, {_TEAM} "
    f"FROM {_ROWS} AS u ON CONFLICT (id) DO NOTHING RETURNING id::text, version"
)
_UPDATE_OVER = (
    f"UPDATE {SCHEMA}.entries e SET "
    + ", ".join(f"{c} = u.{c}" for c in _COLUMNS[1:] if c != "created_at")
    + f", deleted = false FROM {_ROWS} AS u WHERE e.id = u.id AND e.version = u.base RETURNING e.id::text, e.version"
)
_TOMBSTONE_OVER = (
    f"UPDATE {SCHEMA}.entries e SET deleted = true, updated_at = u.updated_at FROM {_ROWS} AS u "
    "WHERE e.id = u.id AND e.version = u.base RETURNING e.id::text, e.version"
)
_UPSERT = (
    f"INSERT INTO {SCHEMA}.entries AS e ({', '.join(_COLUMNS)}, team) "
    f"VALUES ({', '.join(['%s'] * len(_COLUMNS))}, {_TEAM}) "
    "ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{c} = EXCLUDED.{c}" for c in _COLUMNS[1:] if c != "created_at")
    + ", deleted = false WHERE e.version = %s RETURNING e.version"
)
_TOMBSTONE = (f"UPDATE {SCHEMA}.entries SET deleted = true, updated_at = %s WHERE id = %s AND version = %s "
              "RETURNING version")
_READ = f"SELECT {', '.join(_COLUMNS)}, deleted, version FROM {SCHEMA}.entries"


@dataclass
class SyncReport:
    sent: int = 0
    received: int = 0
    conflicts: int = 0
    waiting: int = 0  # still in the outbox after the sync
    reviewed: list[str] = field(default_factory=list)  # weeks a supervisor signed off, brought back
    notes_sent: bool = False
    pushed_in: list[str] = field(default_factory=list)  # the server transactions that took this PC's changes
    at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    def line(self) -> str:
        """What the sync did, in the user's language: ``sent 3, received 1, 2 still waiting``."""
        parts = [_("sent {sent}, received {received}").format(sent=self.sent, received=self.received)]
        if self.conflicts:
            parts.append(ngettext("{n} conflict to look at (peerdesk sync --conflicts)",
                                  "{n} conflicts to look at (peerdesk sync --conflicts)", self.conflicts).format(
                n=self.conflicts))
        if self.waiting:
            parts.append(_("{n} still waiting").format(n=self.waiting))
        text = ", ".join(parts)
        if self.reviewed:
            # TRANSLATORS: the weeks a supervisor signed off, after the rest: "sent 3, received 1; reviewed: 2026-W48"
            text = _("{done}; reviewed: {weeks}").format(done=text, weeks=", ".join(self.reviewed))
        return text

    def record(self) -> str:
        """The same in English, for the audit logs (here and on the server): written, not shown."""
        text = f"sent {self.sent}, received {self.received}"
        if self.conflicts:
            text += f", {self.conflicts} conflict{'s' * (self.conflicts != 1)} to look at (peerdesk sync --conflicts)"
        if self.waiting:
            text += f", {self.waiting} still waiting"
        if self.reviewed:
            text += f"; reviewed: {', '.join(self.reviewed)}"
        return text


def sync(store: Store, url: str) -> SyncReport:
    """One sync of *store* with the server at *url* (as the role the URL names)."""
    import psycopg

    ledger = Ledger(store)
    report = SyncReport()
    with connect(url, autocommit=True) as conn:  # each step its own transaction, begun and ended here
        try:
            settings = dict(conn.execute(f"SELECT key, value FROM {SCHEMA}.settings").fetchall())
            notes, refs = settings.get("notes") == "send", settings.get("client_refs", "send") == "send"
            report.notes_sent = notes
            while batch := ledger.pending(BATCH):
                _send(conn, ledger, batch, notes=notes, refs=refs, report=report)
                if len(batch) < BATCH:
                    break
            _receive(conn, ledger, notes=notes, refs=refs, report=report)
            _weeks(conn, store, report)
        except psycopg.errors.InsufficientPrivilege as exc:
            raise ServerRefused(_("the server refused: {why}").format(why=explain(exc))) from None
        except psycopg.errors.UndefinedTable:
            raise ServerError(_("the server has no PeerDesk schema: ask IT to run peerdesk server init")) from None
        except psycopg.OperationalError as exc:
            raise ServerError(_("the connection to the team server was lost: {why}; nothing unconfirmed was taken "
                                "out of this PC's queue").format(why=explain(exc))) from None
    report.waiting = ledger.waiting()
    return report


def _values(entry: Entry, *, notes: bool, refs: bool) -> tuple:
    return (entry.id, entry.worker, entry.date, entry.start_time, entry.minutes, entry.category, entry.mode,
            entry.format, entry.people, entry.client_ref if refs else "", ";".join(entry.tags),
            entry.note if notes else "", entry.created_at, entry.updated_at)


def _send(conn: Any, ledger: Ledger, batch: list[Pending], *, notes: bool, refs: bool, report: SyncReport) -> None:
    sendable = [p for p in batch if p.row is not None or p.base_version > 0]
    never_sent = [(p.entry_id, p.queued_at) for p in batch if p.row is None and p.base_version == 0]
    taken: dict[str, int] = {}
    if sendable:
        new: list[tuple] = []
        changed: list[tuple] = []
        tombstones: list[tuple] = []
        for p in sendable:  # the rows as stored: text PostgreSQL reads as it is (times in UTC)
            if (r := p.row) is None:
                tombstones.append((p.entry_id, *[None] * 12, f"{p.queued_at}+00", p.base_version))
                continue
            row = (*r[:9], r.client_ref if refs else "", r.tags, r.note if notes else "",
                   f"{r.created_at}+00", f"{r.updated_at}+00", p.base_version)
            (changed if p.base_version else new).append(row)
        with conn.transaction():
            for statement, rows in ((_INSERT_NEW, new), (_UPDATE_OVER, changed), (_TOMBSTONE_OVER, tombstones)):
                if rows:
                    taken.update(conn.execute(statement, (json.dumps(rows, ensure_ascii=False),)).fetchall())
            report.pushed_in.append(conn.execute("SELECT pg_current_xact_id()::text").fetchone()[0])
    ledger.confirm((p.entry_id, p.queued_at, taken[p.entry_id], "") for p in sendable if p.entry_id in taken)
    report.sent += len(taken)
    if never_sent:  # made and deleted here before any sync: nothing for the server to know
        ledger.apply([], [], done=never_sent)
    refused = [p for p in sendable if p.entry_id not in taken]
    if refused:
        _reconcile(conn, ledger, refused, notes=notes, refs=refs, report=report)


def _sign(p: Pending, notes: bool, refs: bool) -> str:
    stamp = p.entry.updated_at if p.entry is not None else p.queued_at
    return digest(p.entry, p.entry_id, stamp, notes=notes, refs=refs)


def _stamp(queued_at: str) -> dt.datetime:
    return dt.datetime.fromisoformat(queued_at).replace(tzinfo=dt.UTC)


def _server_entry(row: tuple) -> tuple[Entry | None, str, int, dt.datetime]:
    """A row of the server's entries as (entry or None for a tombstone, id, version, updated at)."""
    values = dict(zip((*_COLUMNS, "deleted", "version"), row, strict=True))
    entry_id, version, updated = str(values["id"]), values["version"], values["updated_at"]
    if values["deleted"]:
        return None, entry_id, version, updated
    entry = Entry(id=entry_id, worker=values["worker"], date=values["date"], start_time=values["start_time"],
                  minutes=values["minutes"], category=values["category"], mode=values["mode"],
                  format=values["format"], people=values["people"], client_ref=values["client_ref"],
                  tags=tuple(t for t in values["tags"].split(";") if t), note=values["note"],
                  created_at=values["created_at"].astimezone(dt.UTC), updated_at=updated.astimezone(dt.UTC))
    return entry, entry_id, version, updated


def _keep_local_fields(entry: Entry | None, local: Entry | None, *, notes: bool, refs: bool) -> Entry | None:
    """What the server does not hold (notes, and client refs where they stay on the PC) stays as it is here."""
    if entry is None or local is None:
        return entry
    return entry.with_changes(note=entry.note if notes else local.note,
                              client_ref=entry.client_ref if refs else local.client_ref)


def _as_dict(entry: Entry | None, entry_id: str, updated: Any) -> dict:
    if entry is None:
        return {"id": entry_id, "deleted": True, "updated_at": str(updated)}
    return {"id": entry.id, "worker": entry.worker, "date": entry.date.isoformat(),
            "start_time": entry.start_time.strftime("%H:%M") if entry.start_time else "", "minutes": entry.minutes,
            "category": entry.category, "mode": entry.mode, "format": entry.format, "people": entry.people,
            "client_ref": entry.client_ref, "tags": list(entry.tags), "note": entry.note,
            "updated_at": str(entry.updated_at)}


def _reconcile(conn: Any, ledger: Ledger, refused: list[Pending], *, notes: bool, refs: bool,
               report: SyncReport) -> None:
    """Changes the server did not take over its current version: already there, or a conflict."""
    ids = [p.entry_id for p in refused]
    rows = {str(r[0]): r for r in conn.execute(f"{_READ} WHERE id = ANY(%s::uuid[])", (ids,)).fetchall()}
    confirmed: list[tuple[str, str, int, str]] = []
    for p in refused:
        row = rows.get(p.entry_id)
        if row is None:  # not this worker's (or gone): say so, keep it here
            raise ServerRefused(_("the server did not take entry {id} and shows it to no one of this role").format(
                id=p.entry_id))
        theirs, _id, version, updated = _server_entry(row)
        theirs_sign = digest(theirs, p.entry_id, updated, notes=notes, refs=refs)
        mine_sign = _sign(p, notes, refs)
        if theirs_sign == mine_sign:  # sent before, the confirmation lost: nothing to decide
            confirmed.append((p.entry_id, p.queued_at, version, mine_sign))
            report.sent += 1
            continue
        mine_at = p.entry.updated_at if p.entry is not None else _stamp(p.queued_at)
        report.conflicts += 1
        if mine_at is not None and mine_at > updated:  # this PC's change is the later one: it goes over
            with conn.transaction():
                if p.entry is not None:
                    got = conn.execute(_UPSERT, (*_values(p.entry, notes=notes, refs=refs), version)).fetchone()
                else:
                    got = conn.execute(_TOMBSTONE, (mine_at, p.entry_id, version)).fetchone()
            if got is None:  # changed on the server yet again: left for the next sync
                report.conflicts -= 1
                continue
            ledger.apply([], [(p.entry_id, "local", _as_dict(theirs, p.entry_id, updated))])
            confirmed.append((p.entry_id, p.queued_at, got[0], mine_sign))
            report.sent += 1
        else:  # the server's is the later one: it comes here; this PC's is kept as the conflict
            kept = _keep_local_fields(theirs, p.entry, notes=notes, refs=refs)
            ledger.apply([(kept, p.entry_id, version, theirs_sign)],
                         [(p.entry_id, "server", _as_dict(p.entry, p.entry_id, mine_at))],
                         done=[(p.entry_id, p.queued_at)])
            report.received += 1
    ledger.confirm(confirmed)


def _receive(conn: Any, ledger: Ledger, *, notes: bool, refs: bool, report: SyncReport) -> None:
    cursor = ledger.state("cursor") or "0"
    with conn.transaction():
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        horizon = conn.execute("SELECT pg_snapshot_xmin(pg_current_snapshot())::text").fetchone()[0]
        rows = conn.execute(f"{_READ} WHERE owner = current_user AND txid >= %s::xid8 "
                            "AND NOT txid = ANY(%s::xid8[])", (cursor, report.pushed_in)).fetchall()
    server = [_server_entry(r) for r in rows]
    ids = [s[1] for s in server]
    have = ledger.versions(ids)
    waiting = ledger.queued(ids)
    received = []
    for entry, entry_id, version, _updated in server:
        if entry_id in waiting or have.get(entry_id, 0) >= version:
            continue  # changed here since (the next send reconciles it), or already here
        local = ledger.local(entry_id) if entry is not None and not (notes and refs) else None
        received.append((_keep_local_fields(entry, local, notes=notes, refs=refs), entry_id, version, ""))
    report.received += len(received)
    line = f"team server: {report.record()}"
    ledger.apply(received, [], state={"cursor": horizon, "last_sync": dt.datetime.now(dt.UTC).isoformat()},
                 audit=line)
    with conn.transaction():
        conn.execute(f"INSERT INTO {SCHEMA}.audit (action, detail) VALUES ('sync', %s)", (report.record(),))


def _weeks(conn: Any, store: Store, report: SyncReport) -> None:
    """The weeks submitted here go up (a reopened one comes down again); the sign-offs of the
    worker's weeks, as submitted here, come back and show the weeks reviewed."""
    from ..domain.weeks import Week
    from ..storage import week_states

    here = week_states.states(store)
    with conn.transaction():
        there = dict(conn.execute(f"SELECT week, submitted_at FROM {SCHEMA}.weeks WHERE owner = current_user"))
        for week, state in here.items():
            if there.get(week) != state.submitted_at:
                conn.execute(f"INSERT INTO {SCHEMA}.weeks (week, submitted_at, worker, team) VALUES (%s, %s, %s, "
                             f"{_TEAM}) ON CONFLICT (owner, week) DO UPDATE SET submitted_at = EXCLUDED.submitted_at",
                             (week, state.submitted_at, store.actor() or ""))
        gone = [week for week in there if week not in here]
        if gone:
            conn.execute(f"DELETE FROM {SCHEMA}.weeks WHERE owner = current_user AND week = ANY(%s)", (gone,))
        signed = conn.execute(f"SELECT week, submitted_at, by_name, at, comment FROM {SCHEMA}.signoffs "
                              "WHERE owner = current_user").fetchall()
    for week, submitted_at, by, at, comment in signed:
        mine = here.get(week)
        if mine is None or mine.submitted_at != submitted_at or mine.reviewed is not None:
            continue  # reopened since, or shown already
        week_states.mark_reviewed(store, Week.parse(week), {"by": by, "at": at.isoformat(), "comment": comment,
                                                            "server": True})
        report.reviewed.append(week)
