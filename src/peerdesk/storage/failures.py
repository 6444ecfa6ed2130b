"""Why the store could not be opened or written, told from the medium itself (free space, a
read-only drive, permissions) and from SQLite's result codes and the system's errno, not from
the exception's class: a full disk called "damaged" had a worker restore a backup and lose the day."""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path

from ..i18n import _


def medium_problem(path: Path, exc: BaseException | None = None) -> str | None:
    """What stops PeerDesk writing at *path*, told from the medium itself and from SQLite's
    result code or the system's errno, not from the exception's class: a full disk, a
    read-only drive, a folder this account may not write, a lock held elsewhere. None when
    none of these is the case (the file itself is then the suspect)."""
    import errno
    import os
    import shutil

    folder = path.parent
    name = getattr(exc, "sqlite_errorname", "") or ""
    number = getattr(exc, "errno", None)
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        free = None
    read_only = False
    if hasattr(os, "statvfs"):
        with suppress(OSError):
            read_only = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    if number == errno.ENOSPC or (free is not None and free < 256 * 1024):
        return _("the disk holding {folder} is full ({free}); free some space and try again. "
                 "{name} is not damaged and was not changed").format(folder=folder, free=_size(free), name=path.name)
    if read_only or name.startswith("SQLITE_READONLY") or number == errno.EROFS:
        return _("{folder} is on a drive that can only be read (a read-only or write-protected medium); "
                 "PeerDesk can show its records but not save. {name} is not damaged").format(folder=folder,
                                                                                              name=path.name)
    writable = os.access(folder, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))
    if not writable or name in ("SQLITE_PERM", "SQLITE_AUTH") or number in (errno.EACCES, errno.EPERM):
        return _("this account may not write in {folder} (permission denied); ask IT to give it write "
                 "access. {name} is not damaged").format(folder=folder, name=path.name)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return _("the database is busy in another program; try again in a moment")
    return None


def read_only_drive(path: Path) -> bool:
    import os

    if not hasattr(os, "statvfs"):
        return False
    try:
        return bool(os.statvfs(path.parent).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _size(free: int | None) -> str:
    if not free:
        return _("no space left")
    if free < 1024 * 1024:
        return _("{size} KB free").format(size=f"{free / 1024:.0f}")
    return _("{size} MB free").format(size=f"{free / 1024 / 1024:.0f}")


def explain(exc: Exception, doing: str = "write") -> str:
    """A failed write (or read) in words a worker can act on."""
    return explain_at(None, exc, doing)


def explain_at(path: Path | None, exc: Exception, doing: str = "write") -> str:
    if path is not None and (problem := medium_problem(path, exc)):
        return problem
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name == "SQLITE_FULL" or "full" in text:
        return _("the disk is full; free some space and save again")
    if name.startswith("SQLITE_READONLY") or "readonly" in text or "read-only" in text:
        return _("the data folder or database file is read-only; ask IT to make it writable")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text or "busy" in text:
        return _("the database is busy in another program; try again in a moment")
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text or "disk i/o" in text:
        return _("the database file cannot be reached (was it moved, or its drive removed?)")
    if name in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or "malformed" in text or "not a database" in text:
        return _("the database file is damaged ({why}); run `peerdesk check`, or restore a backup").format(why=exc)
    if doing == "read":
        return _("the database could not be read ({why})").format(why=exc)
    return _("the database refused the change ({why})").format(why=exc)
