"""One writer at a time, across threads and processes.

The SQLite inside many Python builds (3.40 here) can corrupt a WAL database
when two connections write at the same moment (the WAL-reset race, fixed in
SQLite 3.51.3 and back-ported to 3.50.7 and 3.44.6). PeerDesk therefore never
lets two writers overlap: every write transaction holds an exclusive lock on a
lock taken with ``flock`` on POSIX and ``msvcrt.locking`` on Windows. A writer
that finds the lock taken reports "busy, retrying" once and keeps trying for up
to ``timeout`` seconds.

What is locked must outlive anyone's tidying up: on POSIX it is the data folder
itself (a lock file beside the database, once deleted while a writer held it,
let the next writer take a fresh file's lock at once); on Windows it is
``peerdesk.db.lock``, which Windows does not let anyone delete while it is open.
A file system that cannot lock a folder (some network mounts) gets the lock file.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..i18n import _

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class LockTimeout(Exception):
    pass


def _open_folder_lock(folder: Path) -> int | None:
    """The folder opened for ``flock``, or None where folders cannot be locked."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)  # a probe: can this file system lock a folder?
        fcntl.flock(fd, fcntl.LOCK_UN)
    except BlockingIOError:
        return fd  # it can: someone holds it now
    except OSError:
        os.close(fd)
        return None
    return fd


def hold_file_lock(path: Path) -> int | None:
    """Take an exclusive lock on *path* (made if missing) and keep it until
    :func:`release_file_lock`; None, at once, when someone else holds it. The
    operating system lets go of it when the process ends, even by a crash."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    if _try_lock(fd):
        return fd
    os.close(fd)
    return None


def release_file_lock(fd: int) -> None:
    _unlock(fd)
    os.close(fd)


class WriteLock:
    def __init__(self, path: Path, *, timeout: float = 15.0) -> None:
        self.path = path
        self.timeout = timeout
        self._thread_lock = threading.Lock()
        self._fd: int | None = None

    def _open(self) -> int:
        if self._fd is None:
            self._fd = _open_folder_lock(self.path.parent) if sys.platform != "win32" else None
            if self._fd is None:
                self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        return self._fd

    @contextmanager
    def hold(self, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
        deadline = time.monotonic() + self.timeout
        if not self._thread_lock.acquire(timeout=self.timeout):
            raise LockTimeout(_("another save in this program did not finish within {seconds} s").format(
                seconds=f"{self.timeout:.0f}"))
        try:
            fd = self._open()
            waited = False
            while not _try_lock(fd):
                if not waited and on_wait is not None:
                    on_wait()
                waited = True
                if time.monotonic() > deadline:
                    raise LockTimeout(
                        _("another PeerDesk (window or command) kept the database busy for {seconds} s; "
                          "nothing was saved, try again").format(seconds=f"{self.timeout:.0f}")
                    )
                time.sleep(0.02)
            try:
                yield
            finally:
                _unlock(fd)
        finally:
            self._thread_lock.release()

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
