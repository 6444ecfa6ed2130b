"""A write the disk or the file refuses ends in a message a worker can act on, and changes nothing."""

from datetime import date

import pytest

from peerdesk.domain.entry import Entry
from peerdesk.storage.store import Store, StoreError


def entry(n: int, note: str = "") -> Entry:
    return Entry(id=f"e-{n}", worker="PW", date=date(2026, 11, 2), minutes=30, category="advocacy", note=note)


def test_read_only_database_says_so(tmp_path):
    store = Store(tmp_path / "peerdesk.db")
    try:
        store.add(entry(1))
        store.pragma("query_only=ON")  # SQLite answers SQLITE_READONLY, as for a read-only file
        with pytest.raises(StoreError, match="read-only"):
            store.add(entry(2))
    finally:
        store.close()
    again = Store(tmp_path / "peerdesk.db")
    assert again.count() == 1
    again.close()


def test_full_disk_says_so_and_keeps_what_was_there(tmp_path):
    store = Store(tmp_path / "peerdesk.db")
    try:
        store.add(entry(1))
        pages = store.pragma("page_count")
        store.pragma(f"max_page_count={pages}")  # SQLite answers SQLITE_FULL
        with pytest.raises(StoreError, match="disk is full"):
            store.add(entry(2, note="x" * 2000 * 10))
    finally:
        store.close()
    again = Store(tmp_path / "peerdesk.db")
    assert [e.id for e in again.entries_between(date(2026, 11, 1), date(2026, 11, 30))] == ["e-1"]
    again.close()


def test_a_second_entry_with_the_same_id_is_refused_in_the_stores_own_words(tmp_path):
    from peerdesk.storage.store import DuplicateEntry

    store = Store(tmp_path / "peerdesk.db")
    try:
        first = store.add(entry(1, note="first"))
        lines = len(store.audit_log())
        with pytest.raises(DuplicateEntry, match="already in the database; nothing was written"):
            store.add(entry(1, note="second"))
        with pytest.raises(DuplicateEntry):
            store.restore(first.with_changes(note="third"))
        assert [e.note for e in store.entries_between(date(2026, 11, 1), date(2026, 11, 30))] == ["first"]
        assert len(store.audit_log()) == lines  # no audit line for what was not written
    finally:
        store.close()


def test_a_read_the_database_refuses_is_a_store_error(tmp_path):
    import sqlite3

    store = Store(tmp_path / "peerdesk.db")
    try:
        store.add(entry(1))
        other = sqlite3.connect(tmp_path / "peerdesk.db")
        other.execute("DROP TABLE entries")  # what a damaged or foreign file looks like to a read
        other.commit()
        other.close()
        with pytest.raises(StoreError, match="could not be read"):
            store.count()
        with pytest.raises(StoreError, match="could not be read"):
            store.week_rows(date(2026, 11, 2), date(2026, 11, 8))
        with pytest.raises(StoreError, match="could not be read"):
            list(store.iter_entry_rows(date(2026, 11, 2), date(2026, 11, 8)))
    finally:
        store.close()
