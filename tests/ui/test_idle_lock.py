"""The idle lock hides the window's content and needs the PIN to come back."""

from PySide6.QtCore import Qt

from peerdesk import pin as pin_mod


def make_window(open_main_window, workspace, *, minutes=0.005, pin=""):
    workspace.settings.set("idle_lock_minutes", minutes)  # 0.3 s
    workspace.settings.set("pin_hash", pin_mod.hash_pin(pin) if pin else "")
    return open_main_window(workspace)


def test_idle_window_locks_and_the_right_pin_unlocks(qtbot, workspace, open_main_window):
    win = make_window(open_main_window, workspace, pin="2468")
    qtbot.keyClicks(win.form.note_edit, "private note")
    qtbot.waitUntil(win.is_locked, timeout=3000)
    assert not win.form.isVisible() and not win.week_view.isVisible()
    assert win.area.lock_screen.isVisible() and not win.menuBar().isEnabled()
    assert (workspace.data_dir / "draft.json").exists()  # nothing typed is lost by locking

    qtbot.keyClicks(win.area.lock_screen.pin_edit, "1111")
    qtbot.keyClick(win.area.lock_screen.pin_edit, Qt.Key_Return)
    assert win.is_locked() and "not right" in win.area.lock_screen.error.text()

    qtbot.keyClicks(win.area.lock_screen.pin_edit, "2468")
    qtbot.keyClick(win.area.lock_screen.pin_edit, Qt.Key_Return)
    assert not win.is_locked() and win.form.isVisible()
    assert win.form.note_edit.toPlainText() == "private note"


def test_input_keeps_the_window_unlocked(qtbot, workspace, open_main_window):
    win = make_window(open_main_window, workspace, minutes=0.01)  # 0.6 s
    for _ in range(6):
        qtbot.wait(150)
        qtbot.keyClick(win.form.minutes_edit, Qt.Key_1)
    assert not win.is_locked()
    qtbot.waitUntil(win.is_locked, timeout=3000)


def test_no_lock_when_set_to_never(qtbot, workspace, open_main_window):
    win = make_window(open_main_window, workspace, minutes=0)
    assert not win.idle.timer.isActive()


def test_pin_is_stored_only_as_a_salted_hash():
    a, b = pin_mod.hash_pin("2468"), pin_mod.hash_pin("2468")
    assert a != b and "2468" not in a
    assert pin_mod.verify_pin("2468", a) and not pin_mod.verify_pin("2469", a)
    assert not pin_mod.verify_pin("2468", "garbage")
