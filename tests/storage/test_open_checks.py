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
from peerdesk.storage.open_checks import QuickCheck, early_quick_check
from peerdesk.storage.store import Store, StoreError
from peerdesk.workspace import Workspace

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


def damage_file(db_path: Path, damage: str) -> None:
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


@pytest.mark.parametrize("begun", ["by the open", "early, by the window"])
@pytest.mark.parametrize("damage", ["garbage over a page", "cut short", "a page's header zeroed"])
def test_a_damaged_file_is_refused_at_open_before_any_write(db_path, make_entry, snapshot, damage, begun):
    filled(db_path, make_entry)
    damage_file(db_path, damage)
    workspace = Workspace(db_path.parent)
    before = snapshot(db_path)
    if begun == "early, by the window":
        workspace.begin_checks()  # as the window does, before it builds the week
        assert not workspace.opens_at_once or workspace._early is not None
    with pytest.raises(StoreError) as info:
        workspace.open_store()
    assert str(db_path) in str(info.value) and "damaged" in str(info.value)
    assert snapshot(db_path) == before  # not a byte, not its time, no file beside it


def test_the_open_takes_the_early_checks_verdict(db_path, make_entry, tmp_path):
    """The verdict the open acts on is the early check's: an early check that read a damaged copy
    refuses the sound file (what it found is named), and one that read the sound file lets it open."""
    filled(db_path, make_entry)
    copy = tmp_path / "copy.db"
    copy.write_bytes(db_path.read_bytes())
    damage_file(copy, "garbage over a page")
    with pytest.raises(StoreError, match="damaged"):
        Store(db_path, early=early_quick_check(copy))
    store = Store(db_path, early=early_quick_check(db_path))
    try:
        assert store.count() == 400
    finally:
        store.close()


def test_an_early_check_that_cannot_run_leaves_the_check_to_the_open(db_path, make_entry):
    """An early check whose connection failed says nothing about the file: the open checks it
    itself, so a damaged file is still refused and a sound one is not called damaged."""
    def cannot_connect():
        raise sqlite3.OperationalError("unable to open database file")

    filled(db_path, make_entry)
    store = Store(db_path, early=QuickCheck(db_path, cannot_connect))
    store.close()
    damage_file(db_path, "a page's header zeroed")
    with pytest.raises(StoreError, match="damaged"):
        Store(db_path, early=QuickCheck(db_path, cannot_connect))


def test_no_early_check_for_a_file_the_open_must_explain(data_dir):
    """Empty, foreign or absent files are the open's to explain: nothing is begun early."""
    db_path = data_dir / "peerdesk.db"
    assert early_quick_check(db_path) is None
    db_path.write_bytes(b"")
    assert early_quick_check(db_path) is None
    db_path.write_bytes(b"not a database at all" * 100)
    assert early_quick_check(db_path) is None


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
