"""Database files PeerDesk must not open or overwrite: exit 1, message, file unchanged."""

from __future__ import annotations

import sqlite3

import pytest


def _add_args(data_dir, day):
    return ["add", "--data-dir", str(data_dir), "--date", day.isoformat(), "--minutes", "30", "--category", "advocacy"]


@pytest.mark.parametrize("command", ["list", "add"])
def test_empty_database_file_is_refused(cli, data_dir, yesterday, command):
    db = data_dir / "peerdesk.db"
    db.touch()
    args = ["list", "--data-dir", str(data_dir)] if command == "list" else _add_args(data_dir, yesterday)
    r = cli(*args)
    assert r.code == 1
    assert r.out == ""
    assert len(r.err_lines) == 1
    assert "empty" in r.err
    assert db.stat().st_size == 0
    assert sorted(p.name for p in data_dir.iterdir()) == ["peerdesk.db"]


@pytest.mark.parametrize("command", ["list", "add"])
def test_file_that_is_not_sqlite_is_refused(cli, data_dir, yesterday, command):
    db = data_dir / "peerdesk.db"
    content = b"these are my notes, not a database\n"
    db.write_bytes(content)
    args = ["list", "--data-dir", str(data_dir)] if command == "list" else _add_args(data_dir, yesterday)
    r = cli(*args)
    assert r.code == 1
    assert r.out == ""
    assert "not a SQLite database" in r.err
    assert db.read_bytes() == content


def test_foreign_sqlite_database_is_refused(cli, data_dir, yesterday):
    db = data_dir / "peerdesk.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    before = db.read_bytes()

    r = cli(*_add_args(data_dir, yesterday))
    assert r.code == 1
    assert r.out == ""
    assert "not a PeerDesk database" in r.err
    assert db.read_bytes() == before
