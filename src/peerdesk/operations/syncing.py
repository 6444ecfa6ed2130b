"""The team server's use cases, the same for the command line and the window: which server,
sync now, the conflicts a sync kept and picking a side of one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import _
from ..storage.sync_local import Conflict, Ledger

if TYPE_CHECKING:
    from ..settings import Settings
    from ..storage.store import Store
    from ..teamserver.sync import SyncReport
    from .entries import Change


class NoServer(Exception):
    pass


def server_url(settings: Settings, given: str | None = None) -> str:
    """The server to use: *given* (an argument), else the PC's ``server_url`` setting."""
    from ..teamserver.connection import check_url

    url = given or settings.get("server_url")
    if not url:
        raise NoServer(_("no team server: give --server postgresql://ROLE@HOST/DATABASE once "
                         "(this PC then remembers it as server_url)"))
    return check_url(url)


def sync_now(store: Store, url: str) -> SyncReport:
    from ..teamserver.sync import sync

    return sync(store, url)


def waiting(store: Store) -> int:
    """Entries changed on this PC that the server has not confirmed yet."""
    return Ledger(store).waiting()


def last_sync(store: Store) -> str | None:
    return Ledger(store).state("last_sync")


def conflicts(store: Store) -> list[Conflict]:
    return Ledger(store).conflicts()


def take_other_side(store: Store, conflict_id: int, *, worker: str) -> Change | None:
    """Put the side of a conflict that was not kept in place of the one that was (an edit like
    any other: undoable, in the audit log, sent at the next sync), and close the conflict; the
    change made (None when there was nothing to change)."""
    from datetime import date, time

    from ..domain.entry import Entry
    from .entries import add_entry, delete_entry, update_entry

    found = {c.id: c for c in conflicts(store)}
    if conflict_id not in found:
        raise KeyError(_("no conflict {number}; peerdesk sync --conflicts lists them").format(number=conflict_id))
    other = found[conflict_id].other
    current = store.get(other["id"])
    change: Change | None = None
    if other.get("deleted"):
        if current is not None:
            change = delete_entry(store, current.id)
    else:
        start = other.get("start_time") or None
        entry = Entry(id=other["id"], worker=other["worker"] or worker, date=date.fromisoformat(other["date"]),
                      start_time=time.fromisoformat(start) if start else None, minutes=other["minutes"],
                      category=other["category"], mode=other["mode"], format=other["format"],
                      people=other["people"], client_ref=other["client_ref"], tags=tuple(other["tags"]),
                      note=other["note"])
        if current is None:
            change = add_entry(store, entry)
        else:
            change = update_entry(store, entry.with_changes(created_at=current.created_at))
    settle(store, conflict_id)
    return change


def settle(store: Store, conflict_id: int) -> None:
    """The worker keeps what is in place: the conflict is closed."""
    Ledger(store).settle(conflict_id)
