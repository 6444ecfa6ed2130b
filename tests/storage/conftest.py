"""Fixtures for the storage tests: real SQLite files under tmp_path, no mocks."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine

from peerdesk.domain import taxonomy as taxonomy_mod
from peerdesk.domain.entry import Entry, validate
from peerdesk.storage import migrations
from peerdesk.storage.store import Store

# Far enough ahead that every date the tests use passes "not later than tomorrow".
TODAY = dt.date(2030, 1, 1)


@pytest.fixture(scope="session")
def taxonomy() -> taxonomy_mod.Taxonomy:
    return taxonomy_mod.load_default()


@pytest.fixture
def make_entry(taxonomy) -> Callable[..., Entry]:
    """``make_entry(date="2026-11-25", minutes=30, ...)`` → a validated Entry."""

    def make(**fields: Any) -> Entry:
        raw: dict[str, Any] = {
            "worker": "W-07",
            "date": "2026-11-25",
            "minutes": "45",
            "category": "advocacy",
        }
        raw.update(fields)
        created_at = raw.pop("created_at", None)
        entry_id = raw.pop("id", None)
        return validate(raw, taxonomy, today=TODAY, entry_id=entry_id, created_at=created_at)

    return make


@pytest.fixture
def db_path(data_dir: Path) -> Path:
    return data_dir / "peerdesk.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    s = Store(db_path)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def alembic_upgrade() -> Callable[[Path, str], None]:
    """Bring the file at *path* to *revision* with Alembic alone (no Store)."""

    def upgrade(path: Path, revision: str, script_location: str | None = None) -> None:
        cfg = Config()
        cfg.set_main_option("script_location", script_location or migrations.SCRIPT_LOCATION)
        engine = create_engine(f"sqlite:///{path}")
        try:
            with engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, revision)
        finally:
            engine.dispose()

    return upgrade


@pytest.fixture
def snapshot() -> Callable[[Path], tuple[bytes, int, list[str]]]:
    """What must not change when a file is refused: bytes, mtime and the folder's files."""

    def take(path: Path) -> tuple[bytes, int, list[str]]:
        return path.read_bytes(), path.stat().st_mtime_ns, sorted(p.name for p in path.parent.iterdir())

    return take


def sql(path: Path, query: str, *args: Any) -> list[tuple]:
    """Run one query on *path* through plain sqlite3 (not the store's connection)."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(query, args).fetchall()
        conn.commit()
        return rows
    finally:
        conn.close()


@pytest.fixture
def run_sql() -> Callable[..., list[tuple]]:
    return sql
