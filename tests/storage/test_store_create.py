"""A new Store makes a PeerDesk database file with the settings DESIGN §4 asks for."""

from __future__ import annotations

import sqlite3

import pytest

from peerdesk.storage import migrations
from peerdesk.storage.store import APPLICATION_ID, Store


def test_new_store_creates_the_file(data_dir):
    path = data_dir / "nested" / "deeper" / "peerdesk.db"
    assert not path.exists()
    with Store(path) as store:
        assert path.is_file()
        assert store.path == path
        assert store.count() == 0


def test_journal_mode_is_wal_on_disk(db_path, run_sql):
    Store(db_path).close()
    # Read back through plain sqlite3: WAL is a property of the file, not of one connection.
    assert run_sql(db_path, "PRAGMA journal_mode") == [("wal",)]


def test_journal_mode_is_wal_while_open(store, db_path, run_sql):
    assert run_sql(db_path, "PRAGMA journal_mode") == [("wal",)]
    assert store.pragma("journal_mode") == "wal"


def test_synchronous_is_full_on_the_stores_connection(store):
    assert store.pragma("synchronous") == 2  # FULL


def test_synchronous_is_full_after_reconnect(store, make_entry):
    store.disconnect()  # every new connection must get it, not only the first
    store.add(make_entry())
    assert store.pragma("synchronous") == 2


def test_application_id_marks_the_file(db_path, run_sql):
    Store(db_path).close()
    assert run_sql(db_path, "PRAGMA application_id") == [(APPLICATION_ID,)]
    assert int.from_bytes(b"PeDk", "big") == APPLICATION_ID


def test_alembic_version_is_head(store, db_path, run_sql):
    assert run_sql(db_path, "SELECT version_num FROM alembic_version") == [(migrations.HEAD,)]
    assert store.revision() == migrations.HEAD


def test_schema_has_the_entries_table_and_indexes(store, db_path, run_sql):
    columns = [row[1] for row in run_sql(db_path, "PRAGMA table_info(entries)")]
    assert columns == [
        "id", "worker", "date", "start_time", "minutes", "category", "mode", "format",
        "people", "client_ref", "tags", "note", "created_at", "updated_at",
    ]  # fmt: skip
    indexes = {row[1] for row in run_sql(db_path, "PRAGMA index_list(entries)")}
    assert {"ix_entries_date_category", "ix_entries_category"} <= indexes


def test_check_constraints_are_enforced_by_the_file(store, db_path, make_entry):
    store.add(make_entry(id="a"))
    conn = sqlite3.connect(db_path)
    try:
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("UPDATE entries SET minutes = 0 WHERE id = 'a'")
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("UPDATE entries SET people = -1 WHERE id = 'a'")
    finally:
        conn.close()


def test_reopening_at_head_makes_no_backup(db_path, data_dir):
    Store(db_path).close()
    Store(db_path).close()
    with Store(db_path, create=False) as store:
        assert store.revision() == migrations.HEAD
    assert not (data_dir / "backups").exists()
