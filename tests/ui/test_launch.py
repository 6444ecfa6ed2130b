"""Starting the app as `peerdesk` does: first paint, then the store, then the first-run question."""

import gc
import getpass
import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from peerdesk import app as peerdesk_app


class Answers:
    def __init__(self, name="PW-11", choice="Quit"):
        self.name = name
        self.errors = []
        self.asked = []
        self.choices = []
        self.choice = choice

    def choose(self, parent, title, text, options):
        self.choices.append((title, text, options))
        return next((i for i, o in enumerate(options) if o.startswith(self.choice)), 0)

    def ask_text(self, parent, title, label, default=""):
        self.asked.append((title, default))
        return self.name

    def error(self, parent, title, text):
        self.errors.append((title, text))

    def info(self, parent, title, text):
        pass

    def confirm(self, parent, title, text, ok="Delete"):
        return True


def close(window):
    window.close()
    window.workspace.close()
    window.deleteLater()


def test_first_run_opens_the_store_after_the_first_paint_and_asks_the_worker(qtbot, data_dir):
    answers = Answers()
    window = peerdesk_app.launch(data_dir=str(data_dir), dialogs=answers)
    try:
        assert window.store is None  # the window is up before the database
        assert not window.built  # only its frame: the content is built after the first paint
        qtbot.waitUntil(lambda: window.store is not None, timeout=5000)
        assert (data_dir / "peerdesk.db").exists()
        assert answers.asked and answers.asked[0][0] == "Welcome to PeerDesk"
        assert json.loads((data_dir / "settings.json").read_text("utf-8"))["worker"] == "PW-11"
        assert window.windowTitle() == "PW-11"
        assert window.form.isEnabled()
        assert QApplication.focusWidget() is window.form.date_edit
    finally:
        close(window)


def test_second_run_does_not_ask_again(qtbot, data_dir):
    from PySide6.QtGui import QIcon

    (data_dir / "settings.json").write_text('{"worker": "PW-12"}', "utf-8")
    QApplication.setWindowIcon(QIcon())  # none yet, whatever an earlier test set
    answers = Answers()
    window = peerdesk_app.launch(data_dir=str(data_dir), dialogs=answers)
    try:
        qtbot.waitUntil(lambda: window.store is not None, timeout=5000)
        assert answers.asked == []
        assert window.windowTitle() == "PW-12"
        # the icon comes once the store is open, at every size shipped
        qtbot.waitUntil(lambda: not QApplication.windowIcon().isNull(), timeout=5000)
        assert {s.width() for s in QApplication.windowIcon().availableSizes()} >= {16, 32, 48, 256}
    finally:
        close(window)


def test_the_garbage_collector_waits_for_the_start_and_runs_again_after_it(qtbot, data_dir):
    from peerdesk import demo

    demo.create_demo_folder(data_dir, weeks=2)  # a file to take a first look at
    assert gc.isenabled()
    seen = {}
    window = peerdesk_app.launch(data_dir=str(data_dir), dialogs=Answers())
    try:
        assert not gc.isenabled()  # paused while the week and the form are made
        window.week_shown.connect(lambda: seen.setdefault("at week shown", gc.isenabled()))
        qtbot.waitUntil(lambda: window.store is not None, timeout=5000)
        assert seen == {"at week shown": False}
        assert gc.isenabled()
    finally:
        close(window)
    gc.enable()


def test_the_garbage_collector_runs_again_when_the_start_fails(qtbot, data_dir):
    (data_dir / "peerdesk.db").write_bytes(b"")
    answers = Answers(choice="Quit")
    window = peerdesk_app.launch(data_dir=str(data_dir), dialogs=answers)
    try:
        qtbot.waitUntil(lambda: bool(answers.choices), timeout=5000)
        assert gc.isenabled()
    finally:
        close(window)
    gc.enable()


def test_a_damaged_database_is_explained_and_left_alone(qtbot, data_dir):
    db = data_dir / "peerdesk.db"
    db.write_bytes(b"")
    answers = Answers(choice="Quit")
    window = peerdesk_app.launch(data_dir=str(data_dir), dialogs=answers)
    try:
        qtbot.waitUntil(lambda: bool(answers.choices), timeout=5000)
        title, text, options = answers.choices[0]
        assert "cannot open" in title and "empty" in text and "Nothing was changed" in text
        assert options == ["Open another folder…", "Quit"]  # no backup to offer
        assert window.store is None
        assert db.read_bytes() == b""
    finally:
        close(window)


def test_a_damaged_database_can_be_replaced_by_the_newest_good_backup(qtbot, data_dir):
    from peerdesk import demo
    from peerdesk.storage import backups

    demo.create_demo_folder(data_dir, weeks=3)
    db = data_dir / "peerdesk.db"
    good = backups.daily_backup_if_due(db)
    entries = backups.check_file(good).entries
    (data_dir / "backups" / "peerdesk-broken.db").write_bytes(b"not a database")  # newer, but fails its check
    damaged = db.read_bytes()[:4096] + b"\0" * 4096
    db.write_bytes(damaged)
    for suffix in ("-wal", "-shm"):
        (data_dir / f"peerdesk.db{suffix}").unlink(missing_ok=True)

    answers = Answers(choice="Restore the backup")
    window = peerdesk_app.launch(data_dir=str(data_dir), dialogs=answers)
    try:
        qtbot.waitUntil(lambda: window.store is not None, timeout=5000)
        assert f"({entries} entries)" in answers.choices[0][2][0]
        assert window.store.count() == entries
        kept = list((data_dir / "backups").glob("peerdesk-before-restore-*.db"))
        assert len(kept) == 1 and kept[0].read_bytes() == damaged  # the damaged file is kept, as it was
    finally:
        close(window)


def test_a_bad_taxonomy_file_stops_the_start_with_its_line(qtbot, data_dir, tmp_path):
    bad = tmp_path / "org.toml"
    bad.write_text('[categories.x]\nwork_type = "direkt"\nlabel = "X"\n', "utf-8")
    answers = Answers()
    result = peerdesk_app.launch(data_dir=str(data_dir), taxonomy_file=str(bad), dialogs=answers)
    assert result == 2
    assert f"{bad}:1:" in answers.errors[0][1] and "direkt" in answers.errors[0][1]
    assert gc.isenabled()  # no window, no start: the collector is not left paused


def test_a_second_start_on_the_same_folder_brings_the_first_forward(qtbot, data_dir, tmp_path):
    first = peerdesk_app.launch(data_dir=str(data_dir), dialogs=Answers())
    try:
        qtbot.waitUntil(lambda: first.store is not None, timeout=5000)
        with qtbot.waitSignal(first.instance_server.show_requested, timeout=5000):
            second = peerdesk_app.launch(data_dir=str(data_dir), dialogs=Answers())
        assert second == 0  # no second window on the same data
        assert "already open" in first.statusBar().currentMessage()
        other = tmp_path / "other"
        other.mkdir()
        separate = peerdesk_app.launch(data_dir=str(other), dialogs=Answers())
        assert separate != 0  # another folder is another instance
        close(separate)
    finally:
        close(first)


def test_the_week_is_shown_read_only_before_the_store_is_open(qtbot, data_dir, monkeypatch):
    from datetime import date

    from peerdesk import demo
    from peerdesk.domain.weeks import Week

    demo.create_demo_folder(data_dir, weeks=3)
    db = data_dir / "peerdesk.db"
    before = db.read_bytes()
    seen = []
    opened = peerdesk_app.open_store_into

    def open_store_into(window, dialogs):  # what the window shows when the store starts to open
        form = window.form  # its buttons too, which sit outside it, below its scroll area
        usable = form.isEnabled() or form.save_button.isEnabled() or form.clear_button.isEnabled()
        seen.append((window.store, usable, window.week_view.model.rowCount()))
        assert db.read_bytes() == before  # the first look wrote nothing
        return opened(window, dialogs)

    monkeypatch.setattr(peerdesk_app, "open_store_into", open_store_into)
    window = peerdesk_app.launch(data_dir=str(data_dir), week=Week.of(date.today()).previous(), dialogs=Answers())
    try:
        qtbot.waitUntil(lambda: window.store is not None, timeout=5000)
        shown = window.week_view.model.rowCount()
        assert shown > 0  # a demo week
        assert seen == [(None, False, shown)]  # the same week, read before the store was open
        assert window.first_look is None  # its read-only connection is closed
        assert window.form.isEnabled() and window.form.save_button.isEnabled()
    finally:
        close(window)


def test_an_encrypted_folder_gets_no_first_look(data_dir):
    (data_dir / "settings.json").write_text('{"worker": "PW-12", "encrypted": true}', "utf-8")
    (data_dir / "peerdesk.db").write_bytes(b"\x8f" * 4096)
    from peerdesk.workspace import Workspace

    ws = Workspace(data_dir)
    try:
        assert peerdesk_app.first_look(ws) is None
    finally:
        ws.close()


def test_the_week_comes_before_the_form_and_does_not_move_when_it_comes(qtbot, data_dir, monkeypatch):
    from peerdesk import demo
    from peerdesk.ui.main_window import MainWindow

    demo.create_demo_folder(data_dir, weeks=2)
    first = peerdesk_app.launch(data_dir=str(data_dir), dialogs=Answers())
    qtbot.waitUntil(lambda: first.store is not None, timeout=5000)  # remembers the form's width
    close(first)

    seen = []
    build_form = MainWindow.build_form

    def watched(window):
        seen.append((window.form, window.week_view.model.rowCount(), window.week_view.geometry()))
        build_form(window)

    monkeypatch.setattr(MainWindow, "build_form", watched)
    window = peerdesk_app.launch(data_dir=str(data_dir), dialogs=Answers())
    try:
        qtbot.waitUntil(lambda: window.store is not None, timeout=5000)
        [(form, rows, geometry)] = seen
        assert form is None and rows > 0  # the week was filled before the form was built
        assert window.week_view.geometry() == geometry  # and it stayed where it was
        assert window.area.form_scroll.width() >= window.area.form_scroll.minimumWidth() > 0
    finally:
        close(window)


def test_open_another_folder_starts_again_there_and_leaves_the_damaged_one_alone(qtbot, data_dir, tmp_path):
    from peerdesk import demo
    from peerdesk.storage.locking import hold_file_lock, release_file_lock
    from peerdesk.ui.single_instance import LOCK_NAME

    db = data_dir / "peerdesk.db"
    db.write_bytes(b"")
    other = tmp_path / "other"
    demo.create_demo_folder(other, weeks=2)

    class Elsewhere(Answers):
        def ask_folder(self, parent, title):
            return str(other)

    answers = Elsewhere(choice="Open another folder")
    window = peerdesk_app.launch(data_dir=str(data_dir), dialogs=answers)
    try:
        qtbot.waitUntil(lambda: window.successor is not None and window.successor.store is not None, timeout=5000)
        moved = window.successor
        assert not window.isVisible() and window.store is None
        assert moved.isVisible() and moved.workspace.data_dir == other
        assert moved.store.count() > 0 and moved.week_view.model.rowCount() >= 0
        assert db.read_bytes() == b""  # the damaged file was not touched
        # the new window holds the other folder (a second start there brings it forward) and let go of the first
        assert hold_file_lock(other / LOCK_NAME) is None
        claim = hold_file_lock(data_dir / LOCK_NAME)
        assert claim is not None
        release_file_lock(claim)
    finally:
        close(window)
        if window.successor is not None:
            close(window.successor)


def test_the_activity_history_names_the_worker_chosen_on_the_first_run_and_the_account_beside_it(qtbot, data_dir):
    # the store opens before the worker is asked: what it writes afterwards names the worker chosen
    window = peerdesk_app.launch(data_dir=str(data_dir), dialogs=Answers(name="PW-11"))
    try:
        qtbot.waitUntil(lambda: window.store is not None and window.form.isEnabled(), timeout=5000)
        form = window.form
        form.minutes_edit.setFocus()
        qtbot.keyClicks(form.minutes_edit, "30")
        qtbot.keyClick(form.minutes_edit, Qt.Key_Return)
        assert form.minutes_edit.text() == "", "the entry was not saved"
        window.history_action.trigger()
        model = window.history_dialog.model
        columns = [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())]
        newest = {name: model.index(0, c).data() for c, name in enumerate(columns)}
        assert (newest["Worker"], newest["Action"]) == ("PW-11", "Created")
        assert newest["Account"] == getpass.getuser() != "PW-11"
        window.history_dialog.close()
    finally:
        close(window)
