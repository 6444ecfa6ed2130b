"""Entries: check what was typed, then add, edit, delete or restore it; undo and redo.

:func:`check_entry` turns typed values into an :class:`EntryCheck`: the
entry, or one message per field that is wrong, and the likely identifiers in
its note or client ref (which the worker removes, or confirms identify no
one). The window shows the messages beside the fields; the command line maps
them to its flags. Either then calls :func:`add_entry` or :func:`update_entry`.

Every change returns a :class:`Change`: the entry as stored, what it was
before, the weeks it touched and the store's data version after it.
:func:`undo` and :func:`redo` apply a change's inverse or the change again
and return the change they made; a store that refuses raises
:class:`~peerdesk.storage.store.StoreError` and nothing is changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from ..domain.entry import Entry, ValidationError, validate
from ..domain.weeks import Week
from ..i18n import _

if TYPE_CHECKING:
    from ..domain.identifiers import Finding
    from ..domain.taxonomy import Taxonomy
    from ..storage.store import Store

ChangeKind = Literal["add", "edit", "delete", "restore"]


@dataclass(frozen=True)
class EntryCheck:
    """What checking a typed entry found."""

    entry: Entry | None  # the valid entry (not yet stored), None when a field is wrong
    errors: Mapping[str, str] = field(default_factory=dict)  # field -> what is wrong, in form order
    findings: tuple[Finding, ...] = ()  # likely identifiers in the note or client ref

    @property
    def valid(self) -> bool:
        return self.entry is not None

    @property
    def may_identify(self) -> bool:
        """Valid, but the note or client ref may identify someone: the worker decides."""
        return self.entry is not None and bool(self.findings)


def check_entry(
    raw: Mapping[str, Any], taxonomy: Taxonomy, *, worker: str, today: date, before: Entry | None = None
) -> EntryCheck:
    """Check typed values (*raw*, as a form or the command line holds them).

    *worker* is written on a new entry; an edited one (*before*) keeps its own
    worker, id and creation time. Identifiers are looked for only once every
    field is valid.
    """
    values = dict(raw)
    values["worker"] = before.worker if before is not None else worker
    try:
        entry = validate(
            values,
            taxonomy,
            today=today,
            entry_id=before.id if before is not None else None,
            created_at=before.created_at if before is not None else None,
        )
    except ValidationError as exc:
        return EntryCheck(None, dict(exc.errors))
    from ..domain.identifiers import find_identifiers  # (its patterns are compiled at the first check, not at start)

    return EntryCheck(entry, {}, tuple(find_identifiers(entry.note, entry.client_ref, today=today)))


@dataclass(frozen=True)
class Change:
    """What one change to the entries did."""

    kind: ChangeKind
    entry: Entry  # as stored now; for "delete", as it was when it was removed
    before: Entry | None = None  # "edit": the entry as it was
    version: int = 0  # the store's data version once the change was made

    @property
    def weeks(self) -> frozenset[Week]:
        """The weeks whose entries and sums changed."""
        days = [self.entry.date] + ([self.before.date] if self.before is not None else [])
        return frozenset(Week.of(d) for d in days)


def add_entry(store: Store, entry: Entry) -> Change:
    """Store a new, checked entry (one transaction, with its audit line)."""
    from .weeks import check_open

    check_open(store, entry.date)
    stored = store.add(entry)
    return Change("add", stored, version=store.version())


def update_entry(store: Store, entry: Entry) -> Change:
    """Store the new version of an existing entry; the change knows the old one."""
    before = store.get(entry.id)
    if before is None:
        from ..storage.store import EntryNotFound

        raise EntryNotFound(_("entry {id} is not in the database (deleted meanwhile?)").format(id=entry.id))
    from .weeks import check_open

    check_open(store, before.date, entry.date)
    stored = store.update(entry)
    return Change("edit", stored, before, version=store.version())


def delete_entry(store: Store, entry_id: str) -> Change:
    """Remove an entry; the change keeps it, so it can be put back."""
    from .weeks import check_open

    before = store.get(entry_id)
    if before is not None:
        check_open(store, before.date)
    gone = store.delete(entry_id)
    return Change("delete", gone, version=store.version())


def restore_entry(store: Store, entry: Entry) -> Change:
    """Put back an entry exactly as it was (same id and timestamps)."""
    from .weeks import check_open

    check_open(store, entry.date)
    stored = store.restore(entry)
    return Change("restore", stored, version=store.version())


def undo(store: Store, change: Change) -> Change:
    """Take *change* back; returns the change that did so."""
    if change.kind in ("add", "restore"):
        return delete_entry(store, change.entry.id)
    if change.kind == "edit":
        assert change.before is not None
        return update_entry(store, change.before)
    return restore_entry(store, change.entry)


def redo(store: Store, change: Change) -> Change:
    """Make *change* again after it was undone; returns the change made."""
    if change.kind in ("add", "restore"):
        return restore_entry(store, change.entry)
    if change.kind == "edit":
        return update_entry(store, change.entry)
    return delete_entry(store, change.entry.id)


USUAL_WEEKS = 8  # how far back a worker's usual entries are looked for


def usual_lines(store: Store, taxonomy: Taxonomy, *, today: date, default_mode: str, limit: int = 8
                ) -> list[tuple[str, int]]:
    """The worker's most usual entries of the last weeks as quick-entry lines (``team
    communication 60``), newest habits first among equals, with how often each was made: the
    window's list one key from the quick line, and ``peerdesk log --usual``."""
    from datetime import timedelta

    from ..domain.quick_entry import frequent

    recent = store.entries_between(today - timedelta(weeks=USUAL_WEEKS), today)
    recent.sort(key=lambda e: (e.date, e.start_time is not None, e.start_time), reverse=True)
    return frequent(recent, taxonomy, default_mode=default_mode, limit=limit)
