"""The first start of each day's checked backup, made beside the window, not in its way.

The copy waits for the store's full integrity check (a backup is only ever made of a sound
file) and then copies and checks the whole file: two seconds at 100,000 entries, in which
the window would not answer a key. So the copy runs on a thread of its own
(:func:`~peerdesk.operations.safekeeping.daily_copy`, on its own connection), and the
audit log's line is written back on the window's thread
(:func:`~peerdesk.operations.safekeeping.record_daily_backup`), as ``peerdesk`` does both in
one (:func:`~peerdesk.operations.safekeeping.daily_backup`). The status bar tells how it went.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..i18n import _

if TYPE_CHECKING:
    from ..storage.store import Store
    from .main_window import MainWindow


class DailyBackup(QObject):
    """Today's backup of the window's store, begun by :meth:`start` (once the store is open)."""

    finished = Signal(object, object, str)  # the store, the backup made (or None), why it failed

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.thread: threading.Thread | None = None
        self.ended = False  # the copy has ended and the window has said how (made, not due, failed)
        self.finished.connect(self._finished)

    def start(self) -> None:
        store = self.window.store
        if store is None or self.running():
            return
        # not a daemon: a window closed meanwhile lets the copy end (wait() is called on close)
        self.thread = threading.Thread(target=self._run, args=(store,), name="peerdesk-daily-backup")
        self.thread.start()

    def running(self) -> bool:
        return self.thread is not None and self.thread.is_alive()

    def wait(self) -> None:
        """Until the copy has ended (the window closes: the copy is never cut short)."""
        if self.thread is not None:
            self.thread.join()

    def _run(self, store: Store) -> None:
        from ..operations.safekeeping import daily_copy

        try:
            made = daily_copy(store)
        except Exception as exc:  # noqa: BLE001 - BackupError, StoreError or worse: told, never lost on a thread
            self.finished.emit(store, None, str(exc) or type(exc).__name__)
        else:
            self.finished.emit(store, made, "")

    def _finished(self, store: Store, made: Path | None, error: str) -> None:
        from ..operations.safekeeping import record_daily_backup
        from ..storage.store import StoreError

        window = self.window
        if not error and made is not None and window.store is store:
            try:
                record_daily_backup(store, made)
            except StoreError as exc:  # the copy is whole and checked; the log could not say so
                error = str(exc)
        if error:  # the app works on; the message says what failed
            window.status(_("Today's automatic backup failed: {reason}").format(reason=error), 20000)
        elif made is not None:
            window.status(_("Backed up to {file}").format(file=made.name), 5000)
        self.ended = True
