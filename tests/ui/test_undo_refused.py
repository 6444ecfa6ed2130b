"""Undo and redo when the store refuses: the window says so and its history stays where it was.

The store is made to refuse the way SQLite refuses a read-only file
(``PRAGMA query_only``), on the window's own connection; the file is read back
with a fresh reader, so what is asserted is what is on disk.
"""

from datetime import date

from PySide6.QtCore import Qt

from peerdesk.domain.weeks import Week
from peerdesk.storage.store import Reader

W48 = Week(2026, 48)


def save_entry(qtbot, window, minutes: str) -> None:
    """Type an entry's minutes into the form and press Enter, as a worker does."""
    form = window.form
    form.minutes_edit.setFocus()
    qtbot.keyClicks(form.minutes_edit, minutes)
    qtbot.keyClick(form.minutes_edit, Qt.Key_Return)


def press(qtbot, window, action) -> None:
    """Press *action*'s own shortcut (the platform's Undo or Redo key) in the week table."""
    combo = action.shortcut()[0]
    table = window.week_view.table
    table.setFocus()
    qtbot.keyClick(table, combo.key(), combo.keyboardModifiers())


def ids_in_file(window) -> list[str]:
    reader = Reader(window.store.path)
    try:
        return [e.id for e in reader.list_week(W48)]
    finally:
        reader.close()


def test_an_undo_the_store_refuses_is_not_claimed(qtbot, window):
    history = window.history
    save_entry(qtbot, window, "45")
    [entry] = window.store.list_week(W48)
    assert window.week_view.model.rowCount() == 1
    index = history.stack.index()
    assert index == 1 and history.undo_action.isEnabled()

    window.store.pragma("query_only=ON")
    press(qtbot, window, history.undo_action)
    assert ids_in_file(window) == [entry.id]  # the entry is still there
    message = window.statusBar().currentMessage()
    assert message.startswith("Add 45m on Wed 25 Nov was not undone")
    assert "read-only" in message and message.endswith("Nothing was changed.")
    assert history.stack.index() == index
    assert history.undo_action.isEnabled() and not history.redo_action.isEnabled()
    assert window.week_view.model.rowCount() == 1

    window.store.pragma("query_only=OFF")
    press(qtbot, window, history.undo_action)
    assert ids_in_file(window) == []
    assert window.week_view.model.rowCount() == 0
    assert window.week_view.totals.week_total.text() == "–"
    assert history.stack.index() == index - 1
    assert history.redo_action.isEnabled() and not history.undo_action.isEnabled()


def test_a_redo_the_store_refuses_is_not_claimed(qtbot, window):
    history = window.history
    save_entry(qtbot, window, "1h30")
    [entry] = window.store.list_week(W48)
    press(qtbot, window, history.undo_action)
    assert ids_in_file(window) == [] and history.stack.index() == 0

    window.store.pragma("query_only=ON")
    press(qtbot, window, history.redo_action)
    assert ids_in_file(window) == []  # not put back
    message = window.statusBar().currentMessage()
    assert message.startswith("Add 1h 30m on Wed 25 Nov was not redone")
    assert "read-only" in message
    assert history.stack.index() == 0
    assert history.redo_action.isEnabled() and not history.undo_action.isEnabled()
    assert window.week_view.model.rowCount() == 0

    window.store.pragma("query_only=OFF")
    press(qtbot, window, history.redo_action)
    assert ids_in_file(window) == [entry.id]
    assert window.store.get(entry.id) == entry  # same id and timestamps
    assert window.week_view.model.rowCount() == 1
    assert window.week_view.totals.week_total.text() == "1h 30m"
    assert history.stack.index() == 1
    assert history.undo_action.isEnabled() and not history.redo_action.isEnabled()


def test_an_edit_whose_undo_is_refused_stays_edited_on_screen_and_on_disk(qtbot, window):
    history = window.history
    save_entry(qtbot, window, "45")
    [entry] = window.store.list_week(W48)
    window.week_view.table.setFocus()
    window.week_view.table.selectRow(0)
    qtbot.keyClick(window.week_view.table, Qt.Key_Return)  # Enter opens the entry
    dialog = window.edit_dialog
    dialog.form.set_values({"date": date(2026, 11, 23)})
    dialog.form.minutes_edit.clear()
    qtbot.keyClicks(dialog.form.minutes_edit, "20")
    qtbot.keyClick(dialog.form.minutes_edit, Qt.Key_Return)
    assert window.store.get(entry.id).minutes == 20
    index = history.stack.index()

    window.store.pragma("query_only=ON")
    press(qtbot, window, history.undo_action)
    assert "was not undone" in window.statusBar().currentMessage()
    assert history.stack.index() == index
    assert window.week_view.totals.week_total.text() == "20m"
    reader = Reader(window.store.path)
    try:
        assert (reader.get(entry.id).minutes, reader.get(entry.id).date) == (20, date(2026, 11, 23))
    finally:
        reader.close()

    window.store.pragma("query_only=OFF")
    press(qtbot, window, history.undo_action)
    assert (window.store.get(entry.id).minutes, window.store.get(entry.id).date) == (45, date(2026, 11, 25))
    assert window.week_view.totals.week_total.text() == "45m"
    assert history.stack.index() == index - 1
