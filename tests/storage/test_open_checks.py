"""What the store's open checks (quick_check, every page read) and what is left to the daily backup
and `peerdesk check` (integrity_check: indexes against their tables): a damaged file is still
refused before any write; an index that disagrees with its table is found within a day."""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import date
from pathlib import Path

import pytest

from peerdesk.domain.weeks import Week
from peerdesk.storage import backups
from peerdesk.storage.store import Store, StoreError

PAGE = 4096


def filled(db_path: Path, make_entry, n: int = 400) -> None:
    store = Store(db_path)
    try:
        for i in range(n):
            store.add(make_entry(date=date(2026, 1, 1 + i % 28), minutes=30, note=f"entry {i} " + "x" * 200))
    finally:
        store.close()  # checkpointed: the WAL is empty, every page is in the file


def aged(path: Path) -> None:
    past = time.time() - 3600
    os.utime(path, (past, past))


@pytest.mark.parametrize("damage", ["garbage over a page", "cut short", "a page's header zeroed"])
def test_a_damaged_file_is_refused_at_open_before_any_write(db_path, make_entry, snapshot, damage):
    filled(db_path, make_entry)
    raw = bytearray(db_path.read_bytes())
    pages = len(raw) // PAGE
    assert pages > 20
    if damage == "garbage over a page":
        at = PAGE * (pages // 2)
        raw[at + 100 : at + PAGE] = bytes((i * 37) % 256 for i in range(PAGE - 100))
    elif damage == "cut short":
        raw = raw[: PAGE * (pages // 2)]
    else:
        at = PAGE * (pages - 3)
        raw[at : at + 12] = bytes(12)
    db_path.write_bytes(bytes(raw))
    aged(db_path)
    before = snapshot(db_path)
    with pytest.raises(StoreError) as info:
        Store(db_path)
    assert str(db_path) in str(info.value)
    assert snapshot(db_path) == before  # not a byte, not its time, no file beside it


def wrong_index(db_path: Path) -> None:
    """The category index made to describe another column: its entries no longer match the table
    (the damage quick_check does not read for)."""
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA writable_schema=ON")
    conn.execute("UPDATE sqlite_master SET sql='CREATE INDEX ix_entries_category ON entries (mode)' "
                 "WHERE name='ix_entries_category'")
    conn.commit()
    conn.close()


def test_an_index_that_disagrees_with_its_table_stops_every_write_export_and_backup(db_path, make_entry):
    from peerdesk.operations import safekeeping

    filled(db_path, make_entry, 50)
    older = backups.daily_backup_if_due(db_path, today=date(2026, 1, 30))
    wrong_index(db_path)
    aged(db_path)
    before = db_path.read_bytes(), db_path.stat().st_mtime_ns
    store = Store(db_path)  # quick_check at open: the pages are sound; the full check runs on
    try:
        assert store.list_week(Week.of(date(2026, 1, 5)))  # the week can be shown meanwhile
        with pytest.raises(StoreError, match="missing from index ix_entries_category") as info:
            store.add(make_entry(date=date(2026, 1, 6), minutes=30))
        assert str(db_path) in str(info.value) and "restore" in str(info.value)
        with pytest.raises(StoreError, match="damaged"):
            list(store.iter_entry_rows(date(2026, 1, 1), date(2026, 1, 31)))  # no export of it
        with pytest.raises(StoreError, match="damaged"):
            safekeeping.daily_backup(store)
    finally:
        store.close()
    assert (db_path.read_bytes(), db_path.stat().st_mtime_ns) == before  # nothing was written
    assert sorted(p.name for p in backups.backup_folder(db_path).glob("*.db")) == [older.name]  # kept
    check = backups.check_file(db_path)
    assert not check.ok and "missing from index" in check.message  # and `peerdesk check` says so


def test_a_sound_file_is_written_once_its_full_check_is_done(db_path, make_entry):
    filled(db_path, make_entry, 50)
    store = Store(db_path)
    try:
        store.add(make_entry(date=date(2026, 1, 6), minutes=30))
        assert store._full is not None and store._full.done
    finally:
        store.close()


def test_closing_during_the_full_check_stops_it(db_path, make_entry):
    filled(db_path, make_entry, 400)
    store = Store(db_path)
    store.close()  # the check's thread is interrupted and joined: nothing keeps the file open
    assert store._full is not None and store._full.done


def test_the_daily_backup_of_a_sound_file_still_passes(db_path, make_entry):
    filled(db_path, make_entry, 50)
    made = backups.daily_backup_if_due(db_path, today=date(2026, 1, 30))
    assert made is not None and backups.check_file(made).ok
