"""The first start of a day backs the records up beside the window, not in its way: the copy
waits for the full integrity check and then copies the whole file (seconds on a large record),
while the worker can already type; the status bar and the audit log say when it is made, and a
window closed meanwhile lets the copy end."""

from __future__ import annotations

import shutil
import threading
from datetime import date

from peerdesk import app as peerdesk_app
from peerdesk import demo
from peerdesk.storage import backups

from .test_launch import Answers, close


def held_copy(monkeypatch):
    """The backup's copy held back until the returned gate is opened (the copy of a large file,
    made slow on purpose); *entered* is set once the copy has begun: the full check passed."""
    gate, entered = threading.Event(), threading.Event()
    copy = backups.make_backup

    def slow_copy(*args, **kwargs):
        entered.set()
        gate.wait(10)
        return copy(*args, **kwargs)

    monkeypatch.setattr(backups, "make_backup", slow_copy)
    return gate, entered


def first_start_of_the_day(data_dir):
    demo.create_demo_folder(data_dir, weeks=3)
    shutil.rmtree(data_dir / "backups", ignore_errors=True)
    return data_dir / "backups" / f"peerdesk-{date.today().isoformat()}.db"


def test_the_window_answers_while_the_days_backup_is_made(qtbot, data_dir, monkeypatch):
    today_backup = first_start_of_the_day(data_dir)
    gate, entered = held_copy(monkeypatch)
    window = peerdesk_app.launch(data_dir=str(data_dir), dialogs=Answers())
    try:
        qtbot.waitUntil(entered.is_set, timeout=5000)  # the copy has begun, on its own thread
        qtbot.keyClicks(window.form.minutes_edit, "45")
        assert window.form.minutes_edit.text() == "45"  # typed while the copy goes on
        assert not today_backup.exists()
        gate.set()
        qtbot.waitUntil(lambda: "Backed up to" in window.statusBar().currentMessage(), timeout=10000)
        assert window.statusBar().currentMessage() == f"Backed up to {today_backup.name}"
        assert backups.check_file(today_backup).ok
        assert [r.detail for r in window.store.audit_log() if r.action == "backup"] == [
            f"automatic: {today_backup.name}"]
    finally:
        gate.set()
        close(window)


def test_a_window_closed_during_the_copy_lets_it_end(qtbot, data_dir, monkeypatch):
    today_backup = first_start_of_the_day(data_dir)
    gate, entered = held_copy(monkeypatch)
    window = peerdesk_app.launch(data_dir=str(data_dir), dialogs=Answers())
    try:
        qtbot.waitUntil(entered.is_set, timeout=5000)
        threading.Timer(0.3, gate.set).start()  # the copy ends a moment after the close
        window.close()
        assert not window.isVisible()
        assert backups.check_file(today_backup).ok  # whole and checked when close() returned
    finally:
        gate.set()
        close(window)


def test_a_second_start_that_day_makes_no_other_backup(qtbot, data_dir):
    today_backup = first_start_of_the_day(data_dir)
    for _start in range(2):
        window = peerdesk_app.launch(data_dir=str(data_dir), dialogs=Answers())
        qtbot.waitUntil(lambda w=window: w.daily_backup is not None and w.daily_backup.ended, timeout=10000)
        close(window)
    assert sorted(p.name for p in today_backup.parent.iterdir()) == [today_backup.name]
