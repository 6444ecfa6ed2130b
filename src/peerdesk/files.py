"""Writing a file so that it is always either the old file or the whole new one.

Every file PeerDesk writes (settings, the entry draft, CSV exports, review
summaries, backups, restored databases) goes through :class:`StagedFile`:

1. a temporary file is created beside the target with :func:`tempfile.mkstemp`,
   so it is owner-only (0600) from its first byte and its name is unique;
2. the new content is written to it, flushed and ``fsync``\\ ed;
3. it is renamed over the target (:func:`os.replace`, atomic on one file system);
4. the folder is ``fsync``\\ ed, so the rename itself survives a power cut (POSIX).

A failure or an exception at any step removes the temporary file and leaves
the target as it was. A writer killed midway leaves its temporary file
(``.NAME.peerdesk-unfinished.XXXX.part``): the next writer in that folder, and
every start of PeerDesk in its data folder, removes such leftovers once they are
older than the running process (:func:`sweep_leftovers`). Pure standard library: no Qt, usable from every layer.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO, Any

# The longest part of the target's name kept in the temporary name, so that the
# temporary name stays within any file system's limit (255 bytes) even for long targets.
_NAME_PART = 100
# Every temporary file says whose it is and what it is: ".november.csv.peerdesk-unfinished.k3j2.part".
MARK = "peerdesk-unfinished"
# A leftover is a marked file last written before this process started, and not in the last
# minute (a writer that is still at work keeps its file's time fresh).
STARTED = time.time()
_QUIET = 60.0


class StagedFile:
    """A new version of *target*, written under a temporary name beside it.

    With *mode* ``"w"`` (text) or ``"wb"`` (bytes) :attr:`fh` is the open file
    to write; with *mode* None nothing is opened and another writer (SQLite's
    ``VACUUM INTO``, a copy) fills :attr:`path` itself. :meth:`commit` puts
    the file in the target's place; :meth:`discard` (or leaving a ``with``
    block by an exception) removes it. The target's folder must exist.

    The temporary name is unique, so two writers never share one. With
    *reuse_name* it is always ``.<target name>.part`` instead, and what a
    writer killed earlier left there (with SQLite's ``-journal``) is removed
    first: for large copies written by one process at a time (backups), so a
    killed copy never stays behind beside the next one.
    """

    def __init__(
        self,
        target: str | os.PathLike[str],
        *,
        mode: str | None = "w",
        encoding: str | None = "utf-8",
        newline: str | None = None,
        buffering: int = -1,
        reuse_name: bool = False,
    ) -> None:
        self.target = Path(target)
        folder = self.target.parent
        sweep_leftovers(folder)  # what a writer killed here earlier left behind
        if reuse_name:
            self.path = folder / f".{self.target.name[:_NAME_PART]}.{MARK}.part"
            for leftover in (self.path, Path(f"{self.path}-journal")):
                leftover.unlink(missing_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        else:
            fd, name = tempfile.mkstemp(
                prefix=f".{self.target.name[:_NAME_PART]}.{MARK}.", suffix=".part", dir=folder
            )
            self.path = Path(name)
        self.fh: IO[Any] | None = None
        self._done = False
        try:
            if mode is None:
                os.close(fd)
            elif "b" in mode:
                self.fh = open(fd, mode, buffering=buffering)  # noqa: SIM115 - closed by finish()
            else:
                self.fh = open(fd, mode, encoding=encoding, newline=newline, buffering=buffering)  # noqa: SIM115
        except BaseException:
            self.discard()
            raise

    def finish(self) -> None:
        """Flush everything to the disk and close, still under the temporary name."""
        if self.fh is not None and not self.fh.closed:
            self.fh.flush()
            os.fsync(self.fh.fileno())
            self.fh.close()
        elif self.fh is None:
            fsync_file(self.path)

    def commit(self) -> Path:
        """Replace the target with the finished file (durably); returns the target."""
        if self._done:  # discarded already: the target stays as it was
            return self.target
        self.finish()
        os.replace(self.path, self.target)
        self._done = True
        fsync_folder(self.target.parent)
        return self.target

    def discard(self) -> None:
        """Remove the temporary file; the target is left as it was. Never raises."""
        if self._done:
            return
        self._done = True
        if self.fh is not None:
            with contextlib.suppress(OSError):
                self.fh.close()
        with contextlib.suppress(OSError):
            self.path.unlink(missing_ok=True)

    def __enter__(self) -> StagedFile:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if kind is None:
            try:
                self.commit()
            except BaseException:
                self.discard()
                raise
        else:
            self.discard()


_LEFTOVER = re.compile(rf"^\..*\.{MARK}(\.[^.]+)?\.part(-journal)?$")
_OLD_LEFTOVER = re.compile(r"^\..+\.part(-journal)?$")  # before the mark: only in PeerDesk's own folders


def sweep_leftovers(folder: str | os.PathLike[str], *, own_folder: bool = False) -> list[Path]:
    """Remove the temporary files a killed PeerDesk left in *folder* (marked with MARK; in
    *own_folder*, the data folder and its backups, also the unmarked ones older versions made)
    that were last written before this process started and not in the last minute. Returns
    what was removed; never raises."""
    removed: list[Path] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    cutoff = min(STARTED, time.time() - _QUIET)
    for name in names:
        if not (_LEFTOVER.match(name) or (own_folder and _OLD_LEFTOVER.match(name))):
            continue
        path = Path(folder) / name
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed.append(path)
        except OSError:
            continue
    return removed


def write_atomically(target: str | os.PathLike[str], content: str | bytes, *, encoding: str = "utf-8") -> Path:
    """*content* as the whole of *target*, through a :class:`StagedFile`; returns the target."""
    binary = isinstance(content, bytes)
    with StagedFile(target, mode="wb" if binary else "w", encoding=None if binary else encoding, newline="") as out:
        assert out.fh is not None
        out.fh.write(content)
    return Path(target)


def copy_atomically(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> Path:
    """A byte-for-byte copy of *source* as *target*, through a :class:`StagedFile`."""
    with StagedFile(target, mode="wb") as out, open(source, "rb") as src:
        assert out.fh is not None
        while chunk := src.read(1 << 20):
            out.fh.write(chunk)
    return Path(target)


def write_through(target: str | os.PathLike[str], write: Callable[[Path], bool]) -> bool:
    """Let *write* fill a temporary file beside *target* by its name (a writer that only takes
    a file name, such as Qt's image saving); the target is replaced only when it returns True."""
    with StagedFile(target, mode=None) as staged:
        if not write(staged.path):
            staged.discard()
            return False
    return True


def fsync_file(path: str | os.PathLike[str]) -> None:
    """Make a file's content durable (a writer that is not ours wrote it)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(folder: str | os.PathLike[str]) -> None:
    """Make a rename in *folder* durable (POSIX); neither possible nor needed on Windows."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def lies_within(target: str | os.PathLike[str], folder: str | os.PathLike[str]) -> bool:
    """Whether *target* (which need not exist yet) is *folder* or anything inside it, however
    it is spelt: through symbolic links, ``..``, or another case on a file system that ignores
    case. Each existing folder on the target's way up is compared with *folder* as the same file."""
    folder_path = Path(folder)
    if not folder_path.exists():
        return False
    here = Path(os.path.abspath(Path(target).expanduser()))
    for step in (here, *here.parents):
        try:
            if step.exists() and os.path.samefile(step, folder_path):
                return True
        except OSError:
            continue
    return False
