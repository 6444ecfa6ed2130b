"""Entries through the application layer: check, add, edit, delete, restore, undo and redo.

Every change is read back from the file with a fresh reader (not the store's own
connection), so what is asserted is what another window or command would see.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3

import pytest

from peerdesk.domain.entry import FIELDS, Entry
from peerdesk.domain.identifiers import FULL_NAME, PHONE
from peerdesk.domain.weeks import Week
from peerdesk.operations import entries as ops
from peerdesk.storage.store import DuplicateEntry, EntryNotFound, Store, StoreError

from .helpers import TODAY, WORKER, entry, stored

WEEK_47, WEEK_48 = Week(2026, 47), Week(2026, 48)
MONDAY_48 = dt.date(2026, 11, 23)
MONDAY_47 = dt.date(2026, 11, 16)


def check(raw, taxonomy, **kwargs):
    kwargs.setdefault("worker", WORKER)
    kwargs.setdefault("today", TODAY)
    return ops.check_entry(raw, taxonomy, **kwargs)


def in_file(store: Store, entry_id: str) -> Entry | None:
    """The entry as the file holds it, or None."""
    return {e.id: e for e in stored(store.path)[0]}.get(entry_id)


def same_but_updated_at(a: Entry | None, b: Entry | None) -> bool:
    """Equal in every field a worker typed, the id and the creation time (an edit's undo
    is itself an edit, with its own updated_at)."""
    assert a is not None and b is not None
    return a.with_changes(updated_at=None) == b.with_changes(updated_at=None)


# ------------------------------------------------------------ check_entry


def test_a_valid_entry_is_the_entry_to_store(taxonomy):
    raw = {
        "date": "2026-11-24",
        "start_time": "9:30",
        "minutes": "1h30",
        "work_type": "direct",
        "category": "advocacy",
        "mode": "phone",
        "people": "2",
        "tags": ["presence", "experience"],
        "note": "  Went to the housing office together  ",
    }
    result = check(raw, taxonomy)
    assert result.valid and not result.may_identify
    assert result.errors == {} and result.findings == ()
    got = result.entry
    assert (got.worker, got.date, got.start_time, got.minutes) == (WORKER, dt.date(2026, 11, 24), dt.time(9, 30), 90)
    assert (got.category, got.mode, got.format, got.people) == ("advocacy", "phone", "individual", 2)
    assert got.tags == ("experience", "presence")  # the taxonomy's order
    assert got.note == "Went to the housing office together"
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}", got.id)
    assert got.created_at is None and got.updated_at is None  # the store sets them


def test_one_message_per_wrong_field_in_the_forms_order(taxonomy):
    # typed in an order unlike the form's, to show the order is the form's, not the typing's
    raw = {
        "note": "x" * 2001,
        "tags": ["bogus"],
        "mode": "carrier pigeon",
        "category": "nope",
        "minutes": "1000",
        "start_time": "25:00",
        "date": "2026-11-30",  # five days after TODAY
        "client_ref": "C-7",  # a code: nothing to ask about
    }
    result = check(raw, taxonomy)
    assert not result.valid and not result.may_identify and result.entry is None
    assert list(result.errors) == ["date", "start_time", "minutes", "category", "mode", "tags", "note"]
    assert list(result.errors) == [f for f in FIELDS if f in result.errors]
    assert "later than tomorrow (2026-11-26)" in result.errors["date"]
    assert "not a time of day" in result.errors["start_time"]
    assert "between 1 and 720" in result.errors["minutes"]
    assert "unknown category 'nope'" in result.errors["category"]
    assert "unknown mode 'carrier pigeon'" in result.errors["mode"]
    assert "unknown tag 'bogus'" in result.errors["tags"]
    assert "at most 2,000" in result.errors["note"]


def test_an_empty_form_names_what_is_required(taxonomy):
    result = check({}, taxonomy)
    assert list(result.errors) == ["date", "minutes", "category"]
    assert all("required" in message for message in result.errors.values())


def test_likely_identifiers_are_looked_for_only_once_every_field_is_valid(taxonomy):
    raw = {
        "date": "2026-11-24",
        "minutes": "1000",
        "category": "advocacy",
        "client_ref": "Jane Smith",
        "note": "call her on 0412 345 678",
    }
    wrong = check(raw, taxonomy)
    assert list(wrong.errors) == ["minutes"] and wrong.findings == () and not wrong.may_identify

    right = check({**raw, "minutes": "45"}, taxonomy)
    assert right.valid and right.may_identify
    assert [(f.field, f.kind, f.text) for f in right.findings] == [
        ("client_ref", FULL_NAME, "Jane Smith"),
        ("note", PHONE, "0412 345 678"),
    ]
    assert right.entry.note == "call her on 0412 345 678"  # the worker decides; nothing is changed


def test_an_edit_keeps_the_entrys_worker_id_and_creation_time(taxonomy, store):
    before = ops.add_entry(store, entry(1, worker="PW-01")).entry
    raw = {"worker": "Mallory", "date": "2026-11-20", "minutes": "75", "category": "advocacy"}
    result = check(raw, taxonomy, worker="PW-99", before=before)
    assert result.valid
    assert (result.entry.id, result.entry.worker, result.entry.created_at) == (before.id, "PW-01", before.created_at)
    assert (result.entry.date, result.entry.minutes) == (dt.date(2026, 11, 20), 75)
    new = check(raw, taxonomy, worker="PW-99")
    assert new.entry.worker == "PW-99" and new.entry.id != before.id and new.entry.created_at is None


# ------------------------------------------------------------ changes


def test_add_returns_the_stored_entry_and_it_is_in_the_file(store):
    start = store.version()
    change = ops.add_entry(store, entry(1, MONDAY_48))
    assert change.kind == "add" and change.before is None
    assert change.entry.id == "e-1" and change.entry.created_at is not None
    assert change.entry.updated_at == change.entry.created_at
    assert in_file(store, "e-1") == change.entry
    assert change.weeks == {WEEK_48}
    assert change.version > start and change.version == store.version() == stored(store.path)[2]
    assert stored(store.path)[1][-1] == ("create", "e-1", "")


def test_an_edit_knows_the_entry_before_and_touches_both_weeks_when_it_moves(store):
    first = ops.add_entry(store, entry(1, MONDAY_48, minutes=30)).entry
    change = ops.update_entry(store, first.with_changes(date=MONDAY_47, minutes=75))
    assert change.kind == "edit" and change.before == first
    assert in_file(store, "e-1") == change.entry
    assert (change.entry.date, change.entry.minutes) == (MONDAY_47, 75)
    assert (change.entry.id, change.entry.created_at) == (first.id, first.created_at)
    assert change.weeks == {WEEK_47, WEEK_48}
    assert change.version == store.version() == stored(store.path)[2]
    assert stored(store.path)[1][-1] == ("edit", "e-1", "changed: date, minutes")

    same_week = ops.update_entry(store, change.entry.with_changes(note="later that day"))
    assert same_week.weeks == {WEEK_47}
    assert same_week.version > change.version


def test_delete_keeps_the_entry_it_removed(store):
    added = ops.add_entry(store, entry(1, MONDAY_47)).entry
    change = ops.delete_entry(store, "e-1")
    assert change.kind == "delete" and change.before is None
    assert change.entry == added  # as it was, timestamps included, so it can be put back
    assert in_file(store, "e-1") is None
    assert change.weeks == {WEEK_47}
    assert change.version == store.version() == stored(store.path)[2]
    assert stored(store.path)[1][-1] == ("delete", "e-1", "")


def test_restore_puts_back_the_entry_exactly(store):
    gone = ops.delete_entry(store, ops.add_entry(store, entry(1)).entry.id).entry
    change = ops.restore_entry(store, gone)
    assert change.kind == "restore" and change.entry == gone
    assert in_file(store, "e-1") == gone  # same id, same created_at and updated_at
    assert change.weeks == {Week.of(gone.date)}
    assert change.version == store.version() == stored(store.path)[2]
    assert stored(store.path)[1][-1] == ("restore", "e-1", "")


def test_the_version_grows_with_every_change_whoever_reads_it(store):
    versions = [store.version()]
    a = ops.add_entry(store, entry(1))
    versions.append(a.version)
    b = ops.update_entry(store, a.entry.with_changes(minutes=90))
    versions.append(b.version)
    c = ops.delete_entry(store, "e-1")
    versions.append(c.version)
    d = ops.restore_entry(store, c.entry)
    versions.append(d.version)
    versions.append(ops.undo(store, d).version)
    versions.append(ops.redo(store, d).version)
    assert versions == sorted(set(versions)), versions  # strictly growing
    assert versions[-1] == store.version() == stored(store.path)[2]


# ------------------------------------------------------------ undo and redo


def test_undo_and_redo_of_an_add(store):
    change = ops.add_entry(store, entry(1))
    undone = ops.undo(store, change)
    assert undone.kind == "delete" and undone.entry == change.entry
    assert in_file(store, "e-1") is None
    redone = ops.redo(store, change)
    assert redone.entry == change.entry
    assert in_file(store, "e-1") == change.entry  # id, created_at and updated_at all kept


def test_undo_and_redo_of_an_edit(store):
    first = ops.add_entry(store, entry(1, MONDAY_48, minutes=30, note="first")).entry
    change = ops.update_entry(store, first.with_changes(date=MONDAY_47, minutes=75, note="second"))

    undone = ops.undo(store, change)
    assert undone.kind == "edit" and undone.weeks == {WEEK_47, WEEK_48}
    back = in_file(store, "e-1")
    assert same_but_updated_at(back, first)
    assert (back.id, back.created_at) == (first.id, first.created_at)

    redone = ops.redo(store, change)
    assert redone.kind == "edit"
    again = in_file(store, "e-1")
    assert same_but_updated_at(again, change.entry)
    assert (again.date, again.minutes, again.note) == (MONDAY_47, 75, "second")
    assert (again.id, again.created_at) == (first.id, first.created_at)


def test_undo_and_redo_of_a_delete(store):
    added = ops.add_entry(store, entry(1)).entry
    change = ops.delete_entry(store, "e-1")
    undone = ops.undo(store, change)
    assert undone.kind == "restore"
    assert in_file(store, "e-1") == added  # exactly as it was
    redone = ops.redo(store, change)
    assert redone.kind == "delete" and redone.entry == added
    assert in_file(store, "e-1") is None


def test_undo_and_redo_of_a_restore(store):
    gone = ops.delete_entry(store, ops.add_entry(store, entry(1)).entry.id).entry
    change = ops.restore_entry(store, gone)
    assert ops.undo(store, change).kind == "delete"
    assert in_file(store, "e-1") is None
    assert ops.redo(store, change).kind == "restore"
    assert in_file(store, "e-1") == gone


def test_undo_after_undo_and_redo_leaves_the_other_entries_alone(store):
    keep = ops.add_entry(store, entry(1)).entry
    change = ops.add_entry(store, entry(2))
    ops.undo(store, change)
    ops.redo(store, change)
    ops.undo(store, change)
    assert stored(store.path)[0] == [keep]
    actions = [a for a, _id, _d in stored(store.path)[1]]
    assert actions == ["create", "create", "delete", "restore", "delete"]


# ------------------------------------------------------------ refusals


def test_updating_an_entry_deleted_meanwhile_says_so_and_brings_nothing_back(store):
    first = ops.add_entry(store, entry(1)).entry
    other = Store(store.path)  # another window or command on the same folder
    try:
        other.delete("e-1")
    finally:
        other.close()
    before = stored(store.path)
    with pytest.raises(EntryNotFound, match="e-1"):
        ops.update_entry(store, first.with_changes(minutes=99))
    assert stored(store.path) == before
    assert in_file(store, "e-1") is None


def test_undoing_an_edit_of_an_entry_deleted_meanwhile_says_so(store):
    first = ops.add_entry(store, entry(1)).entry
    change = ops.update_entry(store, first.with_changes(minutes=99))
    other = Store(store.path)
    try:
        other.delete("e-1")
    finally:
        other.close()
    before = stored(store.path)
    with pytest.raises(EntryNotFound):
        ops.undo(store, change)
    with pytest.raises(EntryNotFound):
        ops.undo(store, ops.Change("add", first))  # an add's undo deletes: nothing to delete
    assert stored(store.path) == before


def test_a_duplicate_id_is_refused_and_nothing_is_written(store):
    first = ops.add_entry(store, entry(1, note="first")).entry
    before = stored(store.path)
    with pytest.raises(DuplicateEntry, match="already in the database; nothing was written"):
        ops.add_entry(store, entry(1, note="second"))
    with pytest.raises(DuplicateEntry):
        ops.restore_entry(store, first.with_changes(note="third"))
    assert stored(store.path) == before  # the entry, the audit log (no line) and the version
    assert in_file(store, "e-1").note == "first"
    assert isinstance(DuplicateEntry("x"), StoreError)  # the window and the command line catch one type


@pytest.fixture
def refusing(store):
    """A store with entries and changes to undo and redo, that then refuses every write
    the way SQLite refuses a read-only file (SQLITE_READONLY)."""
    kept = ops.add_entry(store, entry(1, note="kept")).entry
    added = ops.add_entry(store, entry(2))
    edited = ops.update_entry(store, kept.with_changes(minutes=99))
    deleted = ops.delete_entry(store, ops.add_entry(store, entry(3)).entry.id)
    undone_add = ops.add_entry(store, entry(4))
    ops.undo(store, undone_add)
    store.pragma("query_only=ON")
    yield {"kept": edited.entry, "added": added, "edited": edited, "deleted": deleted, "undone_add": undone_add}
    store.pragma("query_only=OFF")


OPERATIONS = {
    "add": lambda s, c: ops.add_entry(s, entry(5)),
    "update": lambda s, c: ops.update_entry(s, c["kept"].with_changes(minutes=5)),
    "delete": lambda s, c: ops.delete_entry(s, c["kept"].id),
    "restore": lambda s, c: ops.restore_entry(s, c["deleted"].entry),
    "undo-add": lambda s, c: ops.undo(s, c["added"]),
    "undo-edit": lambda s, c: ops.undo(s, c["edited"]),
    "undo-delete": lambda s, c: ops.undo(s, c["deleted"]),
    "redo-add": lambda s, c: ops.redo(s, c["undone_add"]),
    "redo-edit": lambda s, c: ops.redo(s, ops.Change("edit", c["kept"].with_changes(minutes=7), c["kept"])),
    "redo-delete": lambda s, c: ops.redo(s, ops.Change("delete", c["added"].entry)),
}


@pytest.mark.parametrize("operation", OPERATIONS.values(), ids=OPERATIONS.keys())
def test_a_store_that_refuses_raises_store_error_and_the_file_is_unchanged(store, refusing, operation):
    before = stored(store.path)
    version = store.version()
    with pytest.raises(StoreError, match="read-only") as raised:
        operation(store, refusing)
    assert not isinstance(raised.value.__cause__, EntryNotFound | DuplicateEntry)
    assert isinstance(raised.value.__cause__, sqlite3.Error)  # the database's refusal, in the store's words
    assert stored(store.path) == before
    assert store.version() == version
    # the same operation goes through once the store writes again (it was the refusal, nothing else)
    store.pragma("query_only=OFF")
    operation(store, refusing)
    assert store.version() > version
