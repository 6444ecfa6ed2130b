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
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..domain.entry import Entry
from ..i18n import _, ngettext
from ..storage.rows import ENTRY_FIELDS
from ..storage.server_migrations import SCHEMA
from ..storage.sync_local import Ledger, Pending, digest
from .connection import ServerError, ServerRefused, connect, explain

if TYPE_CHECKING:
    from ..storage.store import Store

BATCH = 5000  # changes a server transaction takes: a year of a worker's entries goes in one
_COLUMNS = ENTRY_FIELDS  # the entry's columns, the same on both ends (Ledger.pending sends them in this order)
_TEAM = f"(SELECT team FROM {SCHEMA}.members WHERE role = current_user COLLATE \"default\" AND kind = 'worker' LIMIT 1)"
# one batch, in three statements, each given its rows as one JSON array of arrays (made by SQLite
# here, parsed in C there): the new entries, the changed ones (each over the server's version it
# was made from: `base`) and the tombstones; a row comes back for each change the server took
_TYPES = ("uuid", "text", "date", "time", "integer", "text", "text", "text", "integer", "text", "text", "text",
          "timestamptz", "timestamptz", "integer")
_ROWS = ("(SELECT " + ", ".join(f"(r->>{n})::{t} AS {c}" for n, (c, t) in enumerate(zip((*_COLUMNS, "base"), _TYPES,
                                                                                       strict=True)))
         + " FROM jsonb_array_elements(%s::jsonb) AS r)")
_INSERT = (f"INSERT INTO {SCHEMA}.entries ({', '.join(_COLUMNS)}, team) SELECT {', '.join(_COLUMNS)}, {_TEAM} "
           f"FROM {_ROWS} AS u")
# the new entries, as a rule none of them on the server yet: a plain insert (all rows or an error),
# counted there, with the transaction's id; when one is there already (a sync cut off after the
# server's commit), the batch is tried again skipping those, and each row taken comes back
_INSERT_ALL = (f"WITH new AS ({_INSERT} RETURNING version) "
               "SELECT count(*), min(version), max(version), pg_current_xact_id()::text FROM new")
_INSERT_NEW = f"{_INSERT} ON CONFLICT (id) DO NOTHING RETURNING id::text, version"
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
# the id as text: a uuid column would have psycopg import Python's uuid module (and platform,
# with its regular expressions) on a sync's first read, 15 ms of a short-lived process
_READ = f"SELECT id::text, {', '.join(_COLUMNS[1:])}, deleted, version FROM {SCHEMA}.entries"
# "the role's own rows", in a form the (owner, ...) indexes serve: current_user is a name, whose
# collation ("C") is not the column's, and a comparison of the two is no index condition (the
# policies' own ``owner = current_user`` still applies on top, as a filter)
_MINE = 'owner = current_user COLLATE "default"'


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
            while batch := ledger.pending(BATCH, notes=notes, refs=refs):
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
    new: list[Pending] = []
    changed: list[Pending] = []
    tombstones: list[Pending] = []
    never_sent: list[tuple[str, str]] = []
    for p in batch:
        if p.values is not None:
            (changed if p.base_version else new).append(p)
        elif p.base_version:
            tombstones.append(p)
        else:
            never_sent.append((p.entry_id, p.queued_at))
    taken: dict[str, int] = {}
    if new or changed or tombstones:
        taken = _write(conn, new, changed, tombstones, report=report, all_new=True)
    ledger.confirm((p.entry_id, p.queued_at, version, "") for p in batch
                   if (version := taken.get(p.entry_id)) is not None)
    report.sent += len(taken)
    if never_sent:  # made and deleted here before any sync: nothing for the server to know
        ledger.apply([], [], done=never_sent)
    refused = [p for p in (*new, *changed, *tombstones) if p.entry_id not in taken]
    if refused:
        _reconcile(conn, ledger, refused, notes=notes, refs=refs, report=report)


def _write(conn: Any, new: list[Pending], changed: list[Pending], tombstones: list[Pending], *,
           report: SyncReport, all_new: bool) -> dict[str, int]:
    """One batch in one server transaction: the changes the server took (entry id: its version).
    *all_new*: the new entries go in with a plain insert (the first try); when one of them is on
    the server already, the transaction is undone and the batch tried again without it."""
    import psycopg

    taken: dict[str, int] = {}
    xact = None
    try:
        with conn.transaction():
            if new:
                rows = _array(p.values for p in new)
                if all_new:
                    count, low, high, xact = conn.execute(_INSERT_ALL, (rows,)).fetchone()
                    if (count, low) == (len(new), high):  # each new row at the same first version
                        taken = dict.fromkeys([p.entry_id for p in new], low)
                    else:  # (a schema that numbers them otherwise): each row as the server has it
                        taken.update(conn.execute(f"SELECT id::text, version FROM {SCHEMA}.entries "
                                                  "WHERE id = ANY(%s::uuid[])", ([p.entry_id for p in new],)))
                else:
                    taken.update(conn.execute(_INSERT_NEW, (rows,)).fetchall())
            if changed:
                taken.update(conn.execute(_UPDATE_OVER, (_array(p.values for p in changed),)).fetchall())
            if tombstones:  # the time of the delete is the time it was queued (times in UTC)
                rows = json.dumps([(p.entry_id, *[None] * 12, f"{p.queued_at}+00", p.base_version) for p in tombstones])
                taken.update(conn.execute(_TOMBSTONE_OVER, (rows,)).fetchall())
            if xact is None:
                xact = conn.execute("SELECT pg_current_xact_id()::text").fetchone()[0]
    except psycopg.errors.UniqueViolation:
        if not all_new:
            raise
        return _write(conn, new, changed, tombstones, report=report, all_new=False)
    report.pushed_in.append(xact)
    return taken


def _array(values: Iterable[str | None]) -> str:
    """JSON arrays (text) as one JSON array of them."""
    return "[" + ",".join(v for v in values if v is not None) + "]"


def _sign(entry: Entry | None, entry_id: str, queued_at: str, notes: bool, refs: bool) -> str:
    stamp = entry.updated_at if entry is not None else queued_at
    return digest(entry, entry_id, stamp, notes=notes, refs=refs)


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
    here = ledger.changes(ids)  # each change as it is here (the batch carried only what the server takes)
    confirmed: list[tuple[str, str, int, str]] = []
    for p in refused:
        row = rows.get(p.entry_id)
        if row is None:  # not this worker's (or gone): say so, keep it here
            raise ServerRefused(_("the server did not take entry {id} and shows it to no one of this role").format(
                id=p.entry_id))
        queued_at, stored = here.get(p.entry_id, ("", None))
        if queued_at != p.queued_at:  # changed here again while this sync ran: the next sync takes that
            continue
        mine = stored.to_entry() if stored is not None else None
        theirs, _id, version, updated = _server_entry(row)
        theirs_sign = digest(theirs, p.entry_id, updated, notes=notes, refs=refs)
        mine_sign = _sign(mine, p.entry_id, p.queued_at, notes, refs)
        if theirs_sign == mine_sign:  # sent before, the confirmation lost: nothing to decide
            confirmed.append((p.entry_id, p.queued_at, version, mine_sign))
            report.sent += 1
            continue
        mine_at = mine.updated_at if mine is not None else _stamp(p.queued_at)
        report.conflicts += 1
        if mine_at is not None and mine_at > updated:  # this PC's change is the later one: it goes over
            with conn.transaction():
                if mine is not None:
                    got = conn.execute(_UPSERT, (*_values(mine, notes=notes, refs=refs), version)).fetchone()
                else:
                    got = conn.execute(_TOMBSTONE, (mine_at, p.entry_id, version)).fetchone()
            if got is None:  # changed on the server yet again: left for the next sync
                report.conflicts -= 1
                continue
            ledger.apply([], [(p.entry_id, "local", _as_dict(theirs, p.entry_id, updated))])
            confirmed.append((p.entry_id, p.queued_at, got[0], mine_sign))
            report.sent += 1
        else:  # the server's is the later one: it comes here; this PC's is kept as the conflict
            kept = _keep_local_fields(theirs, mine, notes=notes, refs=refs)
            ledger.apply([(kept, p.entry_id, version, theirs_sign)],
                         [(p.entry_id, "server", _as_dict(mine, p.entry_id, mine_at))],
                         done=[(p.entry_id, p.queued_at)])
            report.received += 1
    ledger.confirm(confirmed)


def _receive(conn: Any, ledger: Ledger, *, notes: bool, refs: bool, report: SyncReport) -> None:
    cursor = ledger.state("cursor") or "0"
    # the rows of the transactions that took this PC's changes a moment ago are not read at all:
    # the index on (owner, txid) is read in the ranges around them
    pushed = sorted(report.pushed_in, key=int)
    ranges = list(zip([None, *pushed], [*pushed, None], strict=True))
    after, before = " AND txid > %s::xid8", " AND txid < %s::xid8"
    reads = " UNION ALL ".join(f"{_READ} WHERE {_MINE} AND txid >= %s::xid8" + after * (low is not None)
                               + before * (high is not None) for low, high in ranges)
    args = [a for low, high in ranges for a in (cursor, low, high) if a is not None]
    with conn.transaction():
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        horizon = conn.execute("SELECT pg_snapshot_xmin(pg_current_snapshot())::text").fetchone()[0]
        rows = conn.execute(reads, args).fetchall()
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
        there = dict(conn.execute(f"SELECT week, submitted_at FROM {SCHEMA}.weeks WHERE {_MINE}"))
        for week, state in here.items():
            if there.get(week) != state.submitted_at:
                conn.execute(f"INSERT INTO {SCHEMA}.weeks (week, submitted_at, worker, team) VALUES (%s, %s, %s, "
                             f"{_TEAM}) ON CONFLICT (owner, week) DO UPDATE SET submitted_at = EXCLUDED.submitted_at",
                             (week, state.submitted_at, store.actor() or ""))
        gone = [week for week in there if week not in here]
        if gone:
            conn.execute(f"DELETE FROM {SCHEMA}.weeks WHERE {_MINE} AND week = ANY(%s)", (gone,))
        signed = conn.execute(f"SELECT week, submitted_at, by_name, at, comment FROM {SCHEMA}.signoffs "
                              f"WHERE {_MINE}").fetchall()
    for week, submitted_at, by, at, comment in signed:
        mine = here.get(week)
        if mine is None or mine.submitted_at != submitted_at or mine.reviewed is not None:
            continue  # reopened since, or shown already
        week_states.mark_reviewed(store, Week.parse(week), {"by": by, "at": at.isoformat(), "comment": comment,
                                                            "server": True})
        report.reviewed.append(week)
