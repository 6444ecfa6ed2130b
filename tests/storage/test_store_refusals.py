"""Files the store refuses, without changing a byte; a vanished file is never recreated."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest

from peerdesk.storage.open_checks import SQLITE_MAGIC
from peerdesk.storage.store import NewerDatabaseError, Store, StoreError


def _age(path: Path) -> None:
    """An mtime in the past, so that any write would show."""
    past = time.time() - 3600
    os.utime(path, (past, past))


def _assert_refused(path: Path, snapshot, exc_type: type[Exception], match: str | None, **kwargs) -> Exception:
    _age(path)
    before = snapshot(path)
    with pytest.raises(exc_type, match=match) as info:
        Store(path, **kwargs)
    assert snapshot(path) == before, "a refused file must not change (bytes, mtime, sidecar files)"
    assert not (path.parent / "backups").exists()
    return info.value


# ------------------------------------------------------------ not SQLite at all


@pytest.mark.parametrize("create", [True, False])
def test_empty_file_is_refused(db_path, snapshot, create):
    db_path.write_bytes(b"")
    err = _assert_refused(db_path, snapshot, StoreError, "empty", create=create)
    assert str(db_path) in str(err)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"date,minutes\n2026-11-25,30\n", id="csv-text"),
        pytest.param(b"SQLite", id="shorter-than-the-magic"),
        pytest.param("ünïcødé notes 🙂\n".encode() * 200, id="utf8-text"),
        pytest.param(b"\x00" * 4096, id="zeros"),
    ],
)
def test_non_sqlite_file_is_refused(db_path, snapshot, content):
    db_path.write_bytes(content)
    err = _assert_refused(db_path, snapshot, StoreError, "not a SQLite database")
    assert "not change" in str(err) or "will not open or overwrite" in str(err)


def test_damaged_sqlite_file_is_not_changed(db_path, snapshot):
    # The right magic, then garbage: whatever the error, the file must stay as it was.
    db_path.write_bytes(SQLITE_MAGIC + bytes(range(256)) * 16)
    _assert_refused(db_path, snapshot, Exception, None)


# ------------------------------------------------------------ someone else's SQLite


def _foreign_db(path: Path, *, wal: bool = False, app_id: int | None = None, table: bool = True) -> None:
    conn = sqlite3.connect(path)
    try:
        if wal:
            conn.execute("PRAGMA journal_mode=WAL")
        if app_id is not None:
            conn.execute(f"PRAGMA application_id={app_id}")
        if table:
            conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
            conn.execute("INSERT INTO photos (name) VALUES ('holiday.jpg')")
        conn.commit()
    finally:
        conn.close()


@pytest.mark.parametrize(
    "kwargs, names",
    [
        pytest.param({}, "photos", id="rollback-journal"),
        pytest.param({"wal": True}, "photos", id="wal"),
        pytest.param({"app_id": 0x12345678}, "photos", id="other-app-id"),
        pytest.param({"app_id": 0x12345678, "table": False}, "application id", id="only-app-id"),
    ],
)
def test_other_apps_database_is_refused(db_path, snapshot, run_sql, kwargs, names):
    _foreign_db(db_path, **kwargs)
    err = _assert_refused(db_path, snapshot, StoreError, "not a PeerDesk database")
    assert names in str(err)
    assert not isinstance(err, NewerDatabaseError)
    # Still the other app's file, in its own journal mode.
    expected_mode = "wal" if kwargs.get("wal") else "delete"
    assert run_sql(db_path, "PRAGMA journal_mode") == [(expected_mode,)]


# ------------------------------------------------------------ a newer PeerDesk's file


def test_newer_database_is_refused(db_path, snapshot, make_entry, run_sql):
    with Store(db_path) as store:
        added = store.add(make_entry())
    run_sql(db_path, "UPDATE alembic_version SET version_num = '9999'")
    err = _assert_refused(db_path, snapshot, NewerDatabaseError, "newer PeerDesk")
    assert isinstance(err, StoreError)
    assert "9999" in str(err)
    assert run_sql(db_path, "SELECT id FROM entries") == [(added.id,)]


def test_newer_database_in_rollback_journal_mode_is_not_switched_to_wal(db_path, snapshot, alembic_upgrade, run_sql):
    alembic_upgrade(db_path, "0001")
    run_sql(db_path, "UPDATE alembic_version SET version_num = '9999'")
    assert run_sql(db_path, "PRAGMA journal_mode") == [("delete",)]
    _assert_refused(db_path, snapshot, NewerDatabaseError, "newer PeerDesk")
    assert run_sql(db_path, "PRAGMA journal_mode") == [("delete",)]


# ------------------------------------------------------------ missing files


def test_missing_file_with_create_false_is_refused(data_dir):
    path = data_dir / "not-here" / "peerdesk.db"
    with pytest.raises(StoreError, match="does not exist"):
        Store(path, create=False)
    assert not path.exists()
    assert not path.parent.exists()


def test_file_deleted_while_open_is_not_recreated(db_path, make_entry):
    store = Store(db_path)
    try:
        store.add(make_entry())
        store.disconnect()  # no connection holds the old file open any more
        for leftover in (db_path, db_path.with_name(db_path.name + "-wal"), db_path.with_name(db_path.name + "-shm")):
            leftover.unlink(missing_ok=True)

        with pytest.raises(Exception):
            store.add(make_entry())
        assert not db_path.exists()
        with pytest.raises(Exception):
            store.count()
        assert not db_path.exists()
    finally:
        store.close()
    assert not db_path.exists()
    # only the write-lock file (which holds no data) may remain
    assert [p.name for p in db_path.parent.iterdir() if p.name != db_path.name + ".lock"] == []


def test_file_deleted_while_open_main_file_only(db_path, make_entry):
    """Someone deletes only the .db (the -wal/-shm are left): still no new empty database."""
    store = Store(db_path)
    try:
        store.add(make_entry())
        store.disconnect()
        db_path.unlink()
        with pytest.raises(Exception):
            store.add(make_entry())
    finally:
        store.close()
    assert not db_path.exists()
