"""The team server in the window: a sync in the background when a server is set (at start, a
little after each change, and every few minutes), never on the form's thread; and the status
bar's word on it: "synced 2 min ago", "offline — 14 entries waiting", "syncing…". The sync
itself is :func:`peerdesk.operations.syncing.sync_now`, as for `peerdesk sync`, over a store
of its own on the same file (SQLite's locking and PeerDesk's write lock keep the two apart),
opened at the first sync and kept for the next ones, so the file is checked once, not every
five minutes; it is opened again when the window's store was (a backup restored)."""

from __future__ import annotations

import datetime as dt
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from ..i18n import _, ngettext

if TYPE_CHECKING:
    from ..storage.store import Store
    from .main_window import MainWindow

EVERY_MS = 5 * 60 * 1000  # a sync every five minutes while the window is open
AFTER_CHANGE_MS = 10 * 1000  # and ten seconds after the queue grows
LOOK_MS = 2000  # how often the queue and the clock are looked at


def ago(when: dt.datetime, now: dt.datetime) -> str:
    """``2 min ago``, ``3 h ago``, ``on Tue 24 Nov``: for "synced …", in the user's language."""
    minutes = int((now - when).total_seconds() // 60)
    if minutes < 1:
        return _("just now")
    if minutes < 60:
        return _("{n} min ago").format(n=minutes)
    hours = minutes // 60
    if hours < 24:
        return _("{n} h ago").format(n=hours)
    day = when.astimezone()
    return _("on {date}").format(date=QLocale().toString(QDate(day.year, day.month, day.day), "ddd dd MMM"))


class BackgroundSync(QObject):
    finished = Signal(object, str)  # the SyncReport (or None), and the error's text

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.label = QLabel(objectName="sync_status")
        self.label.setAccessibleName(_("Team server sync"))
        self.label.setContentsMargins(12, 0, 0, 0)  # apart from the worker's name
        window.statusBar().addPermanentWidget(self.label)
        self.thread: threading.Thread | None = None
        self.store: Store | None = None  # the sync's own store, used by one sync's thread at a time
        self._beside: Store | None = None  # the window's store it was opened beside
        self.error = ""
        self.waiting = 0
        self.finished.connect(self._finished)
        self.every = QTimer(self, interval=EVERY_MS, timeout=self.start)
        self.soon = QTimer(self, singleShot=True, interval=AFTER_CHANGE_MS, timeout=self.start)
        self.look = QTimer(self, interval=LOOK_MS, timeout=self.show_state)
        self.every.start()
        self.look.start()
        self.show_state()

    def url(self) -> str:
        return str(self.window.workspace.settings.get("server_url") or "")

    def start(self) -> bool:
        """Begin a sync unless one is running, no server is set or the store is not open."""
        store = self.window.store
        if not self.url() or store is None or self.busy():
            return False
        if self._beside is not store:  # the window's store was opened again: so is the sync's
            self._close_store()
            self._beside = store
        path, cipher, url = store.path, store.cipher, self.url()
        self.thread = threading.Thread(target=self._run, args=(path, cipher, url), name="peerdesk-sync", daemon=True)
        self.thread.start()
        self.show_state()
        return True

    def busy(self) -> bool:
        return self.thread is not None and self.thread.is_alive()

    def _run(self, path, cipher, url: str) -> None:  # on the sync's own thread: no widget here
        from ..operations.syncing import sync_now
        from ..storage.store import Store, StoreError

        try:
            if self.store is None:
                self.store = Store(path, create=False, cipher=cipher)
            report = sync_now(self.store, url)
        except Exception as exc:  # noqa: BLE001 - told in the status bar; the next sync tries again
            if isinstance(exc, StoreError):  # the file, not the server: opened afresh next time
                self._close_store()
            self.finished.emit(None, str(exc))
            return
        self.finished.emit(report, "")

    def _close_store(self) -> None:
        store, self.store = self.store, None
        if store is not None:
            store.close()

    def _finished(self, report, error: str) -> None:
        self.error = error
        if report is not None and (report.received or report.conflicts or report.reviewed):
            self.window.refresh()  # entries from the worker's other PCs
            if report.conflicts:
                self.window.status(_("Team server: {report}").format(report=report.line()), 15000)
        self.show_state()

    def show_state(self) -> None:
        store = self.window.store
        if not self.url() or store is None:
            self.label.hide()
            return
        from ..operations import syncing  # (and OpenSSL's hashing: only where a server is set)

        self.label.show()
        waiting = syncing.waiting(store)
        if waiting > self.waiting and not self.soon.isActive():
            self.soon.start()  # a change: sent in a few seconds
        self.waiting = waiting
        last = syncing.last_sync(store)
        if self.busy():
            text = _("syncing…")
        elif self.error:
            text = ngettext("offline — {n} entry waiting", "offline — {n} entries waiting", waiting).format(n=waiting)
        elif last:
            when = ago(dt.datetime.fromisoformat(last), dt.datetime.now(dt.UTC))
            text = (_("synced {when}, {n} waiting").format(when=when, n=waiting) if waiting
                    else _("synced {when}").format(when=when))
        else:
            text = _("not synced yet — {n} waiting").format(n=waiting)
        self.label.setText(text)
        self.label.setToolTip(self.error or _("Team server: {url}").format(url=self.url()))

    def stop(self, wait_s: float = 5.0) -> None:
        """At close: no new sync; one under way is given a few seconds (if cut off, the next
        sync goes on from where it stopped)."""
        for timer in (self.every, self.soon, self.look):
            timer.stop()
        if self.thread is not None:
            self.thread.join(wait_s)
        if not self.busy():
            self._close_store()
