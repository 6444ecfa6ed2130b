"""One PeerDesk window per data folder: a second start brings the first forward.

The window holds an exclusive lock on ``peerdesk.instance.lock`` in its data
folder for as long as it is open (the operating system lets go of it if
PeerDesk crashes, so no stale lock is ever left). A second start on the same
folder finds the lock taken, leaves a ``peerdesk.show-request`` file there
and exits; the first sees the folder change (QFileSystemWatcher), removes the
file and comes to the front. Files and QtCore only: a local socket would load
QtNetwork, about 2.5 MB and 8 ms at every start.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, Signal

from ..files import write_atomically
from ..storage.locking import hold_file_lock, release_file_lock

LOCK_NAME = "peerdesk.instance.lock"
REQUEST_NAME = "peerdesk.show-request"


class InstanceServer(QObject):
    """The open window's claim on its data folder; emits ``show_requested`` when
    a later start on the same folder asks for the window."""

    show_requested = Signal()

    @classmethod
    def claim(cls, data_dir: Path, parent: QObject | None = None) -> InstanceServer | None:
        """The claim on *data_dir*, or None when another PeerDesk holds it."""
        fd = hold_file_lock(Path(data_dir) / LOCK_NAME)
        return None if fd is None else cls(Path(data_dir), fd, parent)

    def __init__(self, data_dir: Path, fd: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.request = data_dir / REQUEST_NAME
        self.request.unlink(missing_ok=True)  # left by a start while an earlier window crashed
        self._fd: int | None = fd
        self.watcher = QFileSystemWatcher([str(data_dir)], self)
        self.watcher.directoryChanged.connect(self._changed)

    def _changed(self, _path: str) -> None:
        if self._fd is not None and self.request.exists():
            self.request.unlink(missing_ok=True)
            self.show_requested.emit()

    def close(self) -> None:
        """Let go of the folder (the window is closing)."""
        if self._fd is not None:
            self.watcher.removePaths(self.watcher.directories())
            release_file_lock(self._fd)
            self._fd = None


def ask_running_instance(data_dir: Path) -> None:
    """Ask the PeerDesk that holds *data_dir* to come to the front."""
    write_atomically(Path(data_dir) / REQUEST_NAME, b"show")  # appears whole, in one step
