"""What opening a store checks, and when.

At open, before anything is written: the file's first bytes and size (check_file), a rollback
journal left by an unfinished change (hot_journal), then SQLite's ``quick_check`` of every page of
every b-tree (store.py). The window begins that ``quick_check`` as it starts, on a thread of its
own (:func:`early_quick_check`), while it builds and paints the week; the store's open waits for
its verdict instead of checking again (and checks itself when the early check could not run to
its end). The full ``integrity_check``, which also holds every index to its table and costs six
times as much, runs after the open on a thread of its own (:class:`FullCheck`): the window is
ready to save at once, and every write and every export waits for its verdict, so nothing is
written to, or read out of, a file it finds damaged. A file refused at open is left as it was
found: the WAL and shared-memory files SQLite made beside it are removed (remove_made_beside).
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..i18n import _
from .errors import StoreError

SQLITE_MAGIC = b"SQLite format 3\x00"


class BackgroundCheck:
    """One of SQLite's checks of the file (``PRAGMA integrity_check`` or ``quick_check``) on a thread
    of its own, with a connection of its own, begun by :meth:`start`; :meth:`problem` waits for it."""

    pragma = "integrity_check"

    def __init__(self, path: Path, connect: Callable[[], Any]) -> None:
        self.path = path
        self._connect = connect
        self._done = threading.Event()
        self._problem: str | None = None
        self._failed = False  # the check could not run to its end (its connection failed, say)
        self._conn: Any = None
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name=f"peerdesk-{self.pragma}", daemon=True)
        self._begun = threading.Lock()

    def start(self) -> None:
        with self._begun:
            if not self._thread.is_alive() and not self._done.is_set():
                self._thread.start()

    def _run(self) -> None:
        with contextlib.suppress(AttributeError, OSError):  # Linux: this thread alone, below the window's
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
        try:
            conn = self._conn = self._connect()
            try:
                conn.execute("PRAGMA cache_size=-512")  # every page read once: no large cache kept
                found = [r[0] for r in conn.execute(f"PRAGMA {self.pragma}")]
                if found != ["ok"]:
                    self._problem = "; ".join(found[:3])
            finally:
                self._conn = None
                conn.close()
        except Exception as exc:  # noqa: BLE001 - any failure of the check is its verdict
            if not self._stopped:
                self._problem, self._failed = str(exc), True
        finally:
            self._done.set()

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def problem(self) -> str | None:
        """Wait for the check (begun now if it was not): what it found wrong, or None."""
        self.start()
        self._done.wait()
        return None if self._stopped else self._problem

    def stop(self) -> None:
        """Stop a check still running (the store closes) and wait for its thread."""
        self._stopped = True
        with self._begun:
            if not self._thread.is_alive() and not self._done.is_set():
                self._done.set()  # never begun: nothing to stop
                return
        conn = self._conn
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.interrupt()
        self._thread.join(timeout=30)


class FullCheck(BackgroundCheck):
    """The full ``integrity_check`` after the open, begun by :meth:`start` (the window, once it has
    painted the week: the check must not slow that down) or at the latest by :meth:`verdict`."""

    def verdict(self) -> None:
        """Wait for the check (begun now if it was not); raise StoreError when it found the file damaged."""
        if self.problem() is not None:
            raise StoreError(_("{path} is damaged ({why}); nothing was written to it or read out of it. Close "
                               "PeerDesk and restore the newest good backup, or ask IT").format(
                path=self.path, why=self._problem))


class QuickCheck(BackgroundCheck):
    """The ``quick_check`` the store's open would run, begun earlier (:func:`early_quick_check`)."""

    pragma = "quick_check"

    def __init__(self, path: Path, connect: Callable[[], Any]) -> None:
        super().__init__(path, connect)
        # the WAL and shared-memory files its connection may make: a refused file is left as found
        self.absent_beside = [p for p in (Path(f"{path}-wal"), Path(f"{path}-shm")) if not p.exists()]

    def verdict(self) -> str | None:
        """What the check found wrong, None when the file passed; raises :class:`NoVerdict` when
        it could not run to its end (the open then checks the file itself)."""
        problem = self.problem()
        if self._failed or self._stopped:
            raise NoVerdict(problem or "stopped")
        return problem


class NoVerdict(Exception):
    """An early check that could not run to its end: it says nothing about the file."""


def early_quick_check(path: Path) -> QuickCheck | None:
    """Begin the open's ``quick_check`` of *path* now, on a thread, read-only, when the file is a
    plain SQLite file with no unfinished change beside it (anything else is the open's to look at
    and explain); the store's open takes its verdict (``Store(path, early=…)``)."""
    import sqlite3
    from urllib.parse import quote

    from . import wal

    try:
        check_file(path)
    except StoreError:
        return None
    if hot_journal(path) or wal.damage(path):
        return None
    check = QuickCheck(path, lambda: sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True,
                                                     isolation_level=None, check_same_thread=False))
    check.start()
    return check


def hot_journal(path: Path) -> bool:
    """Whether a rollback journal of an unfinished change lies beside *path*."""
    journal = Path(f"{path}-journal")
    try:
        return journal.stat().st_size > 0
    except OSError:
        return False


def check_file(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise StoreError(_("{path}: cannot be read ({why})").format(path=path, why=exc.strerror)) from None
    if size == 0:
        raise StoreError(_("{path} is empty (0 bytes); PeerDesk will not open or overwrite it").format(path=path))
    with path.open("rb") as fh:
        head = fh.read(len(SQLITE_MAGIC))
    if head != SQLITE_MAGIC:
        raise StoreError(_("{path} is not a SQLite database; PeerDesk will not open or overwrite it").format(
            path=path))


def remove_made_beside(made: list[Path]) -> None:
    """Remove the WAL and shared-memory files SQLite made beside a file it was refused for
    (only those that were not there before, and only while the WAL holds nothing)."""
    wal = next((p for p in made if p.name.endswith("-wal")), None)
    if wal is not None and wal.exists() and wal.stat().st_size:
        return  # something was written to it: kept, never thrown away
    for path in made:
        with contextlib.suppress(OSError):
            path.unlink()
