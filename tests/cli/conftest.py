"""Fixtures for the command-line tests.

Two ways to run ``peerdesk``:

* ``cli(...)`` calls :func:`peerdesk.cli.main` in this process and captures its
  output: fast, used for most cases.
* ``run_peerdesk(...)`` runs the real entry point (``python -m peerdesk``) as a
  subprocess, for the end-to-end paths (exit codes through ``sys.exit``, the
  environment variable, the offscreen screenshot).

Every run names its data folder (``--data-dir`` or ``PEERDESK_DATA_DIR``) so the
real user data folder is never touched.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from peerdesk.cli import main


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.strip().splitlines()


@pytest.fixture
def yesterday() -> date:
    return date.today() - timedelta(days=1)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """``cli("add", "--date", ...)`` → Result(code, out, err), in this process."""

    def run(*args: str | os.PathLike[str]) -> Result:
        capsys.readouterr()  # drop anything printed before
        code = main([os.fspath(a) for a in args])
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    """A copy of the environment without PEERDESK_DATA_DIR, Qt offscreen, UTF-8 pipes."""
    env = os.environ.copy()
    env.pop("PEERDESK_DATA_DIR", None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    # The JSON and table output is UTF-8 text; pin it so the tests do not depend
    # on the platform's pipe encoding (see the CLI report about non-UTF-8 pipes).
    env["PYTHONIOENCODING"] = "utf-8"
    return env


@pytest.fixture
def run_peerdesk(tmp_path: Path, cli_env: dict[str, str]) -> Callable[..., Result]:
    """``run_peerdesk("list", "--json", env=...)`` → Result, via ``python -m peerdesk``."""

    def run(*args: str | os.PathLike[str], env: dict[str, str] | None = None) -> Result:
        proc = subprocess.run(
            [sys.executable, "-m", "peerdesk", *(os.fspath(a) for a in args)],
            env=cli_env if env is None else env,
            cwd=tmp_path,
            capture_output=True,
            encoding="utf-8",
            timeout=120,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    return run


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
