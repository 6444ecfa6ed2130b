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


def test_a_supervisor_opens_the_team_from_the_server_in_the_review_window(qtbot, server, tmp_path):
    from datetime import date as day

    from PySide6.QtCore import QDate, QTimer
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from peerdesk.ui.team_review import TeamServerDialog, open_team_server

    tax = load_default()
    for role, minutes in (("pw01", 30), ("pw02", 45)):
        url = server.add("worker", role, "north")
        ws = Workspace(tmp_path / role)
        store = ws.open_store()
        ops.add_entry(store, validate({"worker": role.upper(), "date": day(2026, 11, 17), "minutes": minutes,
                                       "category": "advocacy"}, tax, today=TODAY))
        syncing.sync_now(store, url)
        ws.close()
    boss = server.add("supervisor", "sup_north", "north")
    window, ws = open_window(qtbot, tmp_path / "supervisor", "")
    seen = []

    def answer():
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, TeamServerDialog) and w.isVisible())
        if not seen:  # first a team that is not theirs: told in the dialog, which stays open
            dialog.url.setText(boss)
            dialog.team.setText("south")
        else:
            seen.append(dialog.problem.text())
            dialog.team.setText("north")
        seen.append("asked")
        assert dialog.start.date() == QDate(2026, 11, 16)  # the last full week before TODAY
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Open).click()
        QTimer.singleShot(300, answer) if len(seen) < 3 else None

    QTimer.singleShot(0, answer)
    try:
        review = open_team_server(window)
        assert review is not None
        assert "supervises north on the server, not south" in seen[1]
        assert review.windowTitle() == "PeerDesk review — team north, 2026-11-16 to 2026-11-22 (server)"
        assert sorted(review.result.workers()) == ["PW01", "PW02"]
        review.grab().save(str(tmp_path / "review.png"))
        review.close()
    finally:
        window.close()
        ws.close()


def test_the_worker_picks_a_conflicts_other_side_in_the_window_and_can_undo_it(qtbot, server, tmp_path):
    import time

    from peerdesk.ui.conflicts_dialog import ConflictsDialog

    url = server.add("worker", "PW-01", "north")
    tax = load_default()
    stores = {}
    for name in ("a", "b"):
        ws = Workspace(tmp_path / name)
        stores[name] = (ws, ws.open_store())
    (ws_a, a), (ws_b, b) = stores["a"], stores["b"]
    entry = ops.add_entry(a, validate({"worker": "PW-01", "date": TODAY, "minutes": 30, "category": "advocacy"},
                                      tax, today=TODAY)).entry
    syncing.sync_now(a, url)
    syncing.sync_now(b, url)
    ops.update_entry(a, a.get(entry.id).with_changes(minutes=50))
    time.sleep(1.1)
    ops.update_entry(b, b.get(entry.id).with_changes(minutes=60))
    syncing.sync_now(a, url)
    assert syncing.sync_now(b, url).conflicts == 1
    ws_a.close()
    ws_b.close()

    window, ws = open_window(qtbot, tmp_path / "b", url)
    try:
        dialog = ConflictsDialog(window)
        qtbot.addWidget(dialog)
        assert dialog.list.count() == 1
        assert dialog.list.item(0).text() == ("In place (this PC's change): 2026-11-25, 60 min of Advocacy\n"
                                              "The other: 2026-11-25, 50 min of Advocacy")
        dialog.use_other.click()
        assert window.store.get(entry.id).minutes == 50 and dialog.list.count() == 0
        assert dialog.intro.text() == "No conflicts: every sync agreed."
        window.history.undo_action.trigger()  # changed their mind: Ctrl+Z
        assert window.store.get(entry.id).minutes == 60
    finally:
        window.close()
        ws.close()
