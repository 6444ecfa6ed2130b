"""The window's background sync keeps one store of its own on the file between syncs (the file
is checked once, not at every sync), and opens it again when the window's store was."""

from __future__ import annotations

from peerdesk.ui import sync_status
from peerdesk.ui.dialogs import Dialogs
from peerdesk.ui.main_window import MainWindow
from peerdesk.workspace import Workspace


def test_the_sync_keeps_its_store_between_syncs_and_follows_the_windows(qtbot, server, tmp_path, monkeypatch):
    monkeypatch.setattr(sync_status, "EVERY_MS", 3_600_000)  # only the syncs this test begins
    url = server.add("worker", "PW-07", "north")
    ws = Workspace(tmp_path / "ward")
    ws.settings.set("worker", "PW-07")
    ws.settings.set("server_url", url)
    ws.settings.save()
    window = MainWindow(ws, dialogs=Dialogs())
    qtbot.addWidget(window)
    window.set_store(ws.open_store())
    sync = window.sync
    try:
        qtbot.waitUntil(lambda: sync.label.text().startswith("synced"), timeout=10000)  # told once done
        first = sync.store
        assert first is not None and sync.error == ""
        assert sync.start()
        qtbot.waitUntil(lambda: not sync.busy(), timeout=10000)
        assert sync.store is first  # the same store: opened (and checked) once

        ws.close()  # the window's store opened again (as after a backup is restored)
        window.set_store(ws.open_store())
        assert sync.start() or sync.busy()
        qtbot.waitUntil(lambda: not sync.busy() and sync.store is not None, timeout=10000)
        assert sync.store is not first and sync.error == ""
    finally:
        window.close()
        ws.close()
    assert sync.store is None  # closed with the window
