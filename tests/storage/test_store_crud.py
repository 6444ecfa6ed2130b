"""Add, get, update, delete and restore entries; data survives reopening the file."""

from __future__ import annotations

import datetime as dt

import pytest

from peerdesk.domain.entry import MAX_NOTE, Entry
from peerdesk.storage import store as store_mod
from peerdesk.storage.store import EntryNotFound, Store, StoreError

NOTE = "Met at the café 👋🏽 — “first visit”\nsecond line\n\ttabbed line\n\nafter a blank line: ünïcødé, 中文, עברית"


def _is_utc(value: dt.datetime | None) -> bool:
    return value is not None and value.tzinfo is not None and value.utcoffset() == dt.timedelta(0)


class Clock:
    """A controllable stand-in for the store's own clock (only the time source, not SQLite)."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def tick(self, **delta: float) -> dt.datetime:
        self.now += dt.timedelta(**delta)
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    c = Clock(dt.datetime(2026, 11, 25, 9, 0, 0, tzinfo=dt.UTC))
    monkeypatch.setattr(store_mod, "_utcnow", c)
    return c


@pytest.fixture
def full_entry(make_entry) -> Entry:
    return make_entry(
        date="2026-11-24",
        start_time="14:05",
        minutes="1h30",
        category="group_facilitation",
        mode="video",
        format="group",
        people="7",
        client_ref="C-0042",
        tags="presence;experience challenge",
        note=NOTE,
    )


def test_add_returns_the_entry_with_utc_timestamps(store, full_entry):
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    added = store.add(full_entry)
    after = dt.datetime.now(dt.UTC)
    assert _is_utc(added.created_at) and _is_utc(added.updated_at)
    assert before <= added.created_at <= after
    assert added.created_at == added.updated_at
    assert added.with_changes(created_at=None, updated_at=None) == full_entry


def test_add_keeps_a_given_created_at(store, make_entry, clock):
    created = dt.datetime(2026, 11, 20, 8, 0, tzinfo=dt.UTC)
    added = store.add(make_entry(created_at=created))
    assert added.created_at == created
    assert added.updated_at == clock.now
    assert store.get(added.id) == added


def test_get_returns_an_equal_entry(store, full_entry):
    added = store.add(full_entry)
    got = store.get(added.id)
    assert got == added
    # Field by field, so a failure says which one did not round-trip.
    assert got.tags == ("experience", "presence", "challenge")  # taxonomy order, a tuple
    assert isinstance(got.tags, tuple)
    assert got.start_time == dt.time(14, 5)
    assert got.date == dt.date(2026, 11, 24)
    assert got.minutes == 90
    assert got.note == NOTE
    assert (got.mode, got.format, got.people, got.client_ref) == ("video", "group", 7, "C-0042")
    assert _is_utc(got.created_at) and _is_utc(got.updated_at)


def test_get_of_an_entry_without_optional_fields(store, make_entry):
    plain = make_entry(category="administration")
    added = store.add(plain)
    got = store.get(added.id)
    assert got == added
    assert got.start_time is None
    assert got.tags == ()
    assert got.note == ""
    assert got.client_ref == ""
    assert got.people == 0  # indirect work defaults to no people


def test_get_of_the_longest_note(store, make_entry):
    note = ("ß🙂\n" * (MAX_NOTE // 3))[: MAX_NOTE - 1] + "x"
    added = store.add(make_entry(note=note))
    assert store.get(added.id).note == note


def test_get_unknown_id_is_none(store):
    assert store.get("no-such-id") is None


def test_add_with_non_utc_created_at_is_stored_as_the_same_instant(store, make_entry):
    local = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    added = store.add(make_entry(created_at=local))
    got = store.get(added.id)
    assert got.created_at == local
    assert _is_utc(got.created_at)
    assert got.created_at.hour == 8


def test_update_changes_fields_keeps_created_at_and_bumps_updated_at(store, full_entry, clock):
    added = store.add(full_entry)
    clock.tick(minutes=5)
    changed = added.with_changes(
        minutes=20,
        category="administration",
        people=0,
        start_time=None,
        tags=("approach",),
        note="rewritten ✍️\nnew line",
        # A caller cannot move created_at, nor set updated_at itself.
        created_at=dt.datetime(2000, 1, 1, tzinfo=dt.UTC),
        updated_at=dt.datetime(2000, 1, 1, tzinfo=dt.UTC),
    )
    updated = store.update(changed)
    assert updated.created_at == added.created_at
    assert updated.updated_at == clock.now > added.updated_at
    got = store.get(added.id)
    assert got == updated
    assert (got.minutes, got.category, got.people, got.start_time) == (20, "administration", 0, None)
    assert got.tags == ("approach",)
    assert got.note == "rewritten ✍️\nnew line"
    assert store.count() == 1


def test_update_with_the_real_clock_never_goes_backwards(store, full_entry):
    added = store.add(full_entry)
    updated = store.update(added.with_changes(minutes=15))
    assert updated.created_at == added.created_at
    assert updated.updated_at >= added.updated_at
    assert _is_utc(updated.updated_at)


def test_update_unknown_id_raises(store, make_entry):
    with pytest.raises(EntryNotFound, match="not in the database"):
        store.update(make_entry(id="missing"))
    assert store.count() == 0


def test_delete_returns_the_deleted_entry(store, full_entry):
    added = store.add(full_entry)
    gone = store.delete(added.id)
    assert gone == added
    assert store.get(added.id) is None
    assert store.count() == 0


def test_delete_unknown_id_raises(store, make_entry):
    store.add(make_entry())
    with pytest.raises(EntryNotFound) as info:
        store.delete("missing")
    assert isinstance(info.value, StoreError)
    assert store.count() == 1


def test_delete_twice_raises_the_second_time(store, make_entry):
    added = store.add(make_entry())
    store.delete(added.id)
    with pytest.raises(EntryNotFound):
        store.delete(added.id)


def test_restore_puts_it_back_with_the_same_id_and_timestamps(store, full_entry, clock):
    added = store.add(full_entry)
    clock.tick(minutes=1)
    updated = store.update(added.with_changes(minutes=10))
    clock.tick(minutes=1)
    gone = store.delete(added.id)
    clock.tick(hours=1)
    restored = store.restore(gone)
    assert restored == gone == updated
    got = store.get(added.id)
    assert got == updated
    assert got.id == added.id
    assert got.created_at == added.created_at
    assert got.updated_at == updated.updated_at != added.updated_at


def test_count(store, make_entry):
    assert store.count() == 0
    ids = [store.add(make_entry(minutes=str(m))).id for m in (5, 10, 15)]
    assert store.count() == 3
    store.delete(ids[0])
    assert store.count() == 2


def test_data_survives_closing_and_reopening(db_path, full_entry, make_entry):
    first = Store(db_path)
    added = [first.add(full_entry)]
    added += [first.add(make_entry(date=f"2026-11-{d:02d}", minutes=str(d))) for d in range(1, 20)]
    removed = first.delete(added[5].id)
    kept = first.update(added[6].with_changes(note="changed before closing"))
    first.close()

    second = Store(db_path)
    try:
        assert second.count() == len(added) - 1
        assert second.get(removed.id) is None
        assert second.get(kept.id) == kept
        for entry in added:
            if entry.id not in (removed.id, kept.id):
                assert second.get(entry.id) == entry
        second.add(make_entry(id="after-reopen"))
    finally:
        second.close()

    with Store(db_path, create=False) as third:
        assert third.get("after-reopen") is not None
        assert third.count() == len(added)


def test_two_stores_on_the_same_file_see_each_others_commits(db_path, make_entry):
    with Store(db_path) as a, Store(db_path) as b:
        added = a.add(make_entry())
        assert b.get(added.id) == added
        b.delete(added.id)
        assert a.get(added.id) is None
