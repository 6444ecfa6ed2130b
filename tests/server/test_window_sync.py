"""The window with a team server set: it syncs in the background (the form stays free), says
so in the status bar, and shows the entries the worker made on another PC."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from peerdesk.domain.entry import validate
from peerdesk.domain.taxonomy import load_default
from peerdesk.operations import entries as ops
from peerdesk.operations import syncing
from peerdesk.ui import sync_status
from peerdesk.ui.dialogs import Dialogs
from peerdesk.ui.main_window import MainWindow
from peerdesk.workspace import Workspace

TODAY = date(2026, 11, 25)


def open_window(qtbot, folder, url):
    ws = Workspace(folder)
    ws.settings.set("worker", "PW-01")
    ws.settings.set("server_url", url)
    ws.settings.save()
    window = MainWindow(ws, dialogs=Dialogs(), today=lambda: TODAY)
    qtbot.addWidget(window)
    window.set_store(ws.open_store())
    window.show()
    qtbot.waitExposed(window)
    return window, ws


def test_the_window_syncs_in_the_background_and_shows_the_other_pcs_entries(qtbot, server, tmp_path, monkeypatch):
    monkeypatch.setattr(sync_status, "AFTER_CHANGE_MS", 200)
    url = server.add("worker", "PW-01", "north")
    other = Workspace(tmp_path / "ward-b")  # the same worker on another PC, synced earlier
    store = other.open_store()
    made = ops.add_entry(store, validate({"worker": "PW-01", "date": TODAY, "minutes": 45,
                                          "category": "advocacy"}, load_default(), today=TODAY)).entry
    syncing.sync_now(store, url)
    other.close()

    window, ws = open_window(qtbot, tmp_path / "ward-a", url)
    try:
        label = window.sync.label
        qtbot.waitUntil(lambda: label.text().startswith("synced"), timeout=10000)
        assert label.text() == "synced just now"
        assert window.week_view.model.entry(0).id == made.id  # shown without a restart
        window.form.quick.focus()
        qtbot.keyClicks(window.form.quick.edit, "team 60")
        qtbot.keyClick(window.form.quick.edit, Qt.Key_Return)
        qtbot.waitUntil(lambda: "waiting" not in label.text() and not window.sync.busy(), timeout=10000)
        qtbot.waitUntil(lambda: syncing.waiting(window.store) == 0, timeout=10000)
        window.grab().save(str(tmp_path / "synced.png"))
    finally:
        window.close()
        ws.close()
    import psycopg

    with psycopg.connect(server.admin) as conn:
        assert conn.execute("SELECT count(*) FROM peerdesk.entries").fetchone() == (2,)


def test_an_unreachable_server_says_offline_and_what_waits(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(sync_status, "AFTER_CHANGE_MS", 100)
    window, ws = open_window(qtbot, tmp_path / "ward", "postgresql://PW-01@/peerdesk?host=/nonexistent&port=1")
    try:
        window.form.quick.focus()
        qtbot.keyClicks(window.form.quick.edit, "team 60")
        qtbot.keyClick(window.form.quick.edit, Qt.Key_Return)
        assert window.store.count_between(TODAY, TODAY) == 1  # saved here at once, whatever the server
        label = window.sync.label
        qtbot.waitUntil(lambda: label.text() == "offline — 1 entry waiting", timeout=10000)
        assert "cannot reach the team server" in label.toolTip()
    finally:
        window.close()
        ws.close()
