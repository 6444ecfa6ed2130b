"""The store's plain SQL and the typed SQLAlchemy models describe the same file.

The models (and the Alembic migrations made from them) define the schema; the
store reads and writes it through sqlite3 without importing SQLAlchemy. These
tests fail when the two drift apart: a column added to one and not the other,
or a value stored in a format SQLAlchemy would read differently.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from sqlalchemy import create_engine, inspect, select
from sqlalchemy.orm import Session

from peerdesk.storage import store as store_mod
from peerdesk.storage.models import AuditModel, EntryModel
from peerdesk.storage.store import Reader, Store, StoreError


def test_the_store_writes_every_column_of_the_model(db_path):
    Store(db_path).close()
    engine = create_engine(f"sqlite:///{db_path}")
    try:
        on_disk = [c["name"] for c in inspect(engine).get_columns("entries")]
    finally:
        engine.dispose()
    assert list(store_mod._FIELDS) == [c.name for c in EntryModel.__table__.columns] == on_disk


def test_what_the_store_writes_sqlalchemy_reads_back_the_same(store, db_path, make_entry):
    written = store.add(
        make_entry(
            date="2026-11-24", start_time="09:05", minutes="50", tags="presence;role_modeling", note="Ward round"
        )
    )
    engine = create_engine(f"sqlite:///{db_path}")
    try:
        with Session(engine) as s:
            row = s.scalars(select(EntryModel)).one()
            audit = s.scalars(select(AuditModel)).one()
    finally:
        engine.dispose()
    assert row.date == dt.date(2026, 11, 24)
    assert row.start_time == dt.time(9, 5)
    assert row.created_at == written.created_at.replace(tzinfo=None)
    assert row.updated_at == written.updated_at.replace(tzinfo=None)
    assert (row.minutes, row.tags, row.note) == (50, "presence;role_modeling", "Ward round")
    assert (audit.action, audit.entry_id) == ("create", written.id)


def test_what_sqlalchemy_writes_the_store_reads_back_the_same(store, db_path):
    created = dt.datetime(2026, 11, 24, 10, 30, 15, 250)
    engine = create_engine(f"sqlite:///{db_path}")
    try:
        with Session(engine) as s, s.begin():
            s.add(
                EntryModel(
                    id="e-1", worker="PW-01", date=dt.date(2026, 11, 24), start_time=dt.time(14, 0), minutes=30,
                    category="advocacy", mode="phone", format="individual", people=1, client_ref="",
                    tags="presence", note="", created_at=created, updated_at=created,
                )
            )
    finally:
        engine.dispose()
    got = store.get("e-1")
    assert got is not None
    expected = (dt.date(2026, 11, 24), dt.time(14, 0), 30, ("presence",))
    assert (got.date, got.start_time, got.minutes, got.tags) == expected
    assert got.created_at == created.replace(tzinfo=dt.UTC)
    assert [e.id for e in store.entries_between(dt.date(2026, 11, 23), dt.date(2026, 11, 29))] == ["e-1"]


def test_opening_a_current_file_does_not_import_sqlalchemy(db_path):
    Store(db_path).close()  # made (and migrated) here, with Alembic
    code = (
        "import sys; from peerdesk.storage.store import Store; "
        f"s = Store({str(db_path)!r}); s.count(); s.close(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_reader_sees_what_the_store_wrote_and_writes_nothing(store, db_path, make_entry):
    written = store.add(make_entry(date="2026-11-24", minutes="50"))
    store.close()
    before = (db_path.read_bytes(), db_path.stat().st_mtime_ns)
    reader = Reader.if_current(db_path)
    assert reader is not None
    try:
        assert [e.id for e in reader.entries_between(dt.date(2026, 11, 23), dt.date(2026, 11, 29))] == [written.id]
        assert reader.count() == 1
        with pytest.raises(StoreError, match="read-only"):
            reader._rows("DELETE FROM entries")
    finally:
        reader.close()
    assert (db_path.read_bytes(), db_path.stat().st_mtime_ns) == before


def test_a_reader_is_only_offered_for_a_current_plain_file(tmp_path, db_path, alembic_upgrade):
    assert Reader.if_current(tmp_path / "missing.db") is None
    (tmp_path / "text.db").write_text("not a database")
    assert Reader.if_current(tmp_path / "text.db") is None
    alembic_upgrade(db_path, "0001")  # an older schema: the store must upgrade it first
    assert Reader.if_current(db_path) is None


def test_an_audit_log_of_revision_0002_keeps_its_lines_and_gains_the_account(db_path, alembic_upgrade):
    import getpass
    import sqlite3

    alembic_upgrade(db_path, "0002")  # as PeerDesk left a file before the account column
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute(
            "INSERT INTO audit_log (at, worker, action, entry_id, detail) VALUES (?, ?, ?, ?, ?)",
            ("2026-11-30 09:00:00.000000", "PW-07", "export", None, "2026-11-23 to 2026-11-29"),
        )
    conn.close()
    store = Store(db_path)  # upgrades it
    try:
        store.actor = lambda: "PW-07"
        store.record("backup", "manual")
        newest, older = store.audit_log()
        assert (older.worker, older.action, older.account) == ("PW-07", "export", "")  # not guessed afterwards
        assert (newest.worker, newest.action, newest.account) == ("PW-07", "backup", getpass.getuser())
    finally:
        store.close()
    conn = sqlite3.connect(db_path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):  # the triggers still hold
            conn.execute("UPDATE audit_log SET account = 'someone'")
    finally:
        conn.close()
