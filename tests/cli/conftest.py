"""Fixtures for the command-line tests.

Two ways to run ``peerdesk``, both from tests/conftest.py:

* ``cli(...)`` calls :func:`peerdesk.cli.main` in this process and captures its
  output: fast, used for most cases.
* ``run_peerdesk(...)`` runs the real entry point (``python -m peerdesk``) as a
  subprocess, for the end-to-end paths (exit codes through ``sys.exit``, the
  environment variable, the offscreen screenshot).

Every run names its data folder (``--data-dir`` or ``PEERDESK_DATA_DIR``) so the
real user data folder is never touched.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest


@pytest.fixture
def yesterday() -> date:
    return date.today() - timedelta(days=1)


@pytest.fixture
def count_entries() -> Callable[[Path], int]:
    """Rows in the entries table of *data_dir*'s database, whatever their week (0 if no file)."""

    def count(data_dir: Path) -> int:
        db = data_dir / "peerdesk.db"
        if not db.exists():
            return 0
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if "entries" not in tables:
                return 0
            return conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
        finally:
            conn.close()

    return count
