"""Helpers shared by the application layer's tests (no Qt)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
from pathlib import Path
from typing import Any

from peerdesk.domain.entry import Entry
from peerdesk.storage.store import Reader

# A Wednesday in ISO week 2026-W48; every date the tests use is on or before it.
TODAY = dt.date(2026, 11, 25)
WORKER = "PW-07"


def entry(n: int, day: dt.date = dt.date(2026, 11, 24), **fields: Any) -> Entry:
    """A valid entry with a readable id (``e-<n>``), not yet stored."""
    values: dict[str, Any] = {"worker": WORKER, "minutes": 30 + n, "category": "advocacy", "note": f"entry {n}"}
    values.update(fields)
    return Entry(id=f"e-{n}", date=day, **values)


def stored(path: Path) -> tuple[list[Entry], list[tuple[str, str | None, str]], int]:
    """What a fresh reader of the file finds: every entry, the audit log (action, entry, detail)
    oldest first, and the data version. Not the store's own connection, so not its cache."""
    reader = Reader(path)
    try:
        entries = reader.entries_between(dt.date(2000, 1, 1), dt.date(2100, 1, 1))
        version = reader.version()
    finally:
        reader.close()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        audit = conn.execute("SELECT action, entry_id, detail FROM audit_log ORDER BY id").fetchall()
    finally:
        conn.close()
    return entries, audit, version


def file_state(path: Path) -> tuple[str, int, list[str]]:
    """What must not change when a file is refused or only checked: its bytes (as a digest),
    its modification time and the names in its folder (no -wal, -shm or lock file appears)."""
    return (
        hashlib.sha256(path.read_bytes()).hexdigest(),
        path.stat().st_mtime_ns,
        sorted(p.name for p in path.parent.iterdir()),
    )


def mode_of(path: Path) -> int:
    return os.stat(path).st_mode & 0o777


def sql(path: Path, query: str, *args: Any) -> list[tuple]:
    """One query on *path* through plain sqlite3 (not PeerDesk), committed."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(query, args).fetchall()
        conn.commit()
        return rows
    finally:
        conn.close()
