"""Drive the real main window over a real SQLite file, as a worker would."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from peerdesk.domain.weeks import Week

TODAY = date(2026, 11, 25)  # the window fixture's today (see conftest)


def type_entry(qtbot, form, *, minutes, start="", note=""):
    form.start_edit.setFocus()
    if start:
        qtbot.keyClicks(form.start_edit, start)
    qtbot.keyClicks(form.minutes_edit, minutes)
    if note:
        qtbot.keyClicks(form.note_edit, note)


def table_cells(window, column):
    model = window.week_view.model
    col = model.headerData  # noqa: F841 - documents intent
    from peerdesk.ui.week_model import COLUMNS

    c = COLUMNS.index(column)
    return [model.index(r, c).data() for r in range(model.rowCount())]


def test_opens_on_this_week_with_label_and_empty_state(window):
    assert window.week_view.week_label.text().startswith("Week 48 · 23–29 Nov 2026")
    assert window.week_view.model.rowCount() == 0
    assert window.week_view.empty_label.isVisible()
    assert window.week_view.totals.week_total.text() == "–"
    assert window.windowTitle() == "PW-07"  # shown as "PW-07 — PeerDesk": the platform adds the name


def test_type_an_entry_with_the_keyboard_and_see_it_in_the_week(qtbot, window, workspace):
    form = window.form
    qtbot.keyClick(window, Qt.Key_N, Qt.ControlModifier)  # Ctrl+N focuses the form
    assert QApplication.focusWidget() is form.date_edit
    type_entry(qtbot, form, minutes="1h30", start="09:30")
    qtbot.keyClick(form.minutes_edit, Qt.Key_Return)  # Enter saves

    assert window.week_view.model.rowCount() == 1
    assert table_cells(window, "Time") == ["1h 30m"]
    assert table_cells(window, "Start") == ["09:30"]
    assert table_cells(window, "Category") == ["Advocacy"]
    assert window.week_view.totals.week_total.text() == "1h 30m"
    assert window.week_view.totals.day_values[2].text() == "1h 30m"  # Wednesday
    # (no-break spaces inside each part: the line wraps only between them)
    assert "Direct: 1h 30m (100%)" in window.week_view.totals.split_label.text().replace("\N{NO-BREAK SPACE}", " ")
    # on disk, not only on screen
    stored = workspace.open_store().list_week(Week(2026, 48))
    assert [(e.minutes, e.category, e.worker) for e in stored] == [(90, "advocacy", "PW-07")]
    # form is ready for the next entry, keeping the day and work type
    assert form.minutes_edit.text() == ""
    assert form.work_type_combo.currentData() == "direct"
    assert form.values()["date"] == TODAY


def shown(tip: str) -> str:
    """A tooltip's text as Qt shows it (rich text rendered)."""
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setHtml(tip)
    return doc.toPlainText()


def test_category_list_follows_work_type_and_carries_descriptions(qtbot, window):
    form = window.form
    form.work_type_combo.setFocus()
    qtbot.keyClick(form.work_type_combo, Qt.Key_Down)  # Direct -> Indirect
    assert form.work_type_combo.currentData() == "indirect"
    keys = [form.category_combo.itemData(i) for i in range(form.category_combo.count())]
    assert "administration" in keys and "advocacy" not in keys
    tip = form.category_combo.itemData(0, Qt.ToolTipRole)
    assert tip and shown(tip) == window.taxonomy.categories[keys[0]].description
    assert form.people_spin.value() == 0  # indirect work reaches nobody by default


def test_remembers_work_type_and_mode_for_the_next_entry(qtbot, window):
    form = window.form
    form.work_type_combo.setCurrentIndex(form.work_type_combo.findData("indirect"))
    form.mode_combo.setCurrentIndex(form.mode_combo.findData("phone"))
    type_entry(qtbot, form, minutes="30")
    qtbot.keyClick(form.minutes_edit, Qt.Key_Return)
    assert window.week_view.model.rowCount() == 1
    assert form.work_type_combo.currentData() == "indirect"
    assert form.mode_combo.currentData() == "phone"


def test_ctrl_s_saves_from_the_note(qtbot, window):
    form = window.form
    type_entry(qtbot, form, minutes="20", note="Walked to the shop together")
    qtbot.keyClick(form.note_edit, Qt.Key_Return)  # Enter in the note is a new line
    assert window.week_view.model.rowCount() == 0
    qtbot.keyClick(form.note_edit, Qt.Key_S, Qt.ControlModifier)
    assert window.week_view.model.rowCount() == 1
    assert window.store.list_week(Week(2026, 48))[0].note == "Walked to the shop together"


def test_bad_input_is_shown_beside_its_field_and_nothing_is_saved(qtbot, window):
    form = window.form
    type_entry(qtbot, form, minutes="1000", note="x" * 2001)
    qtbot.keyClick(form.minutes_edit, Qt.Key_Return)
    assert "between 1 and 720" in form.error_text("minutes")
    assert "at most 2,000" in form.error_text("note")
    assert window.store.count() == 0
    assert form.minutes_edit.text() == "1000"  # what was typed is kept
    assert QApplication.focusWidget() is form.minutes_edit  # first wrong field

    form.minutes_edit.clear()
    qtbot.keyClicks(form.minutes_edit, "0")
    form.note_edit.clear()
    qtbot.keyClick(form.minutes_edit, Qt.Key_Return)
    assert "between 1 and 720" in form.error_text("minutes")
    assert form.error_text("note") == ""
    assert window.store.count() == 0


def test_future_date_and_zero_people_are_refused(qtbot, window):
    form = window.form
    form.set_values({"date": date(2026, 11, 27)})  # two days ahead
    form.people_spin.setValue(0)
    qtbot.keyClicks(form.minutes_edit, "30")
    qtbot.keyClick(form.minutes_edit, Qt.Key_Return)
    assert "later than tomorrow" in form.error_text("date")
    assert "at least 1 person" in form.error_text("people")
    assert window.store.count() == 0
    form.set_values({"date": date(2026, 11, 26)})  # tomorrow is fine
    form.people_spin.setValue(1)
    qtbot.keyClick(form.minutes_edit, Qt.Key_Return)
    assert form.error_text("date") == "" and window.store.count() == 1


def test_edit_an_entry_from_the_table(qtbot, window, monkeypatch):
    form = window.form
    type_entry(qtbot, form, minutes="45")
    qtbot.keyClick(form.minutes_edit, Qt.Key_Return)
    entry_id = window.store.list_week(Week(2026, 48))[0].id

    window.week_view.table.setFocus()
    window.week_view.table.selectRow(0)
    qtbot.keyClick(window.week_view.table, Qt.Key_Return)  # Enter opens the entry
    dialog = window.edit_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.isModal()
    assert dialog.form.minutes_edit.text() == "45"
    dialog.form.minutes_edit.clear()
    qtbot.keyClicks(dialog.form.minutes_edit, "2000")
    qtbot.keyClick(dialog.form.minutes_edit, Qt.Key_Return)
    assert "between 1 and 720" in dialog.form.error_text("minutes")
    assert dialog.isVisible() and window.store.get(entry_id).minutes == 45
    dialog.form.minutes_edit.clear()
    qtbot.keyClicks(dialog.form.minutes_edit, "1:15")
    qtbot.keyClick(dialog.form.minutes_edit, Qt.Key_Return)
    assert not dialog.isVisible()
    assert table_cells(window, "Time") == ["1h 15m"]
    assert window.week_view.totals.week_total.text() == "1h 15m"
    stored = window.store.get(entry_id)
    assert stored.minutes == 75


def test_delete_after_confirmation_and_undo_brings_it_back(qtbot, window, dialogs):
    form = window.form
    type_entry(qtbot, form, minutes="50")
    qtbot.keyClick(form.minutes_edit, Qt.Key_Return)
    entry = window.store.list_week(Week(2026, 48))[0]

    dialogs.confirm_answer = False
    window.week_view.table.setFocus()
    window.week_view.table.selectRow(0)
    qtbot.keyClick(window.week_view.table, Qt.Key_Delete)
    assert window.store.count() == 1  # cancelled: nothing removed

    dialogs.confirm_answer = True
    qtbot.keyClick(window.week_view.table, Qt.Key_Delete)
    assert "Delete 50m" in dialogs.confirms[-1][1]
    assert window.store.count() == 0
    assert window.week_view.model.rowCount() == 0
    assert window.week_view.totals.week_total.text() == "–"

    qtbot.keyClick(window.week_view.table, Qt.Key_Z, Qt.ControlModifier)
    assert window.store.get(entry.id) == entry  # same id, same timestamps
    assert window.week_view.model.rowCount() == 1
    assert window.week_view.totals.week_total.text() == "50m"


def test_week_navigation(qtbot, window):
    qtbot.mouseClick(window.week_view.next_button, Qt.LeftButton)
    assert window.week == Week(2026, 49)
    assert window.week_view.week_label.text() == "Week 49 · 30 Nov – 6 Dec 2026"
    qtbot.mouseClick(window.week_view.prev_button, Qt.LeftButton)
    qtbot.mouseClick(window.week_view.prev_button, Qt.LeftButton)
    assert window.week == Week(2026, 47)
    qtbot.mouseClick(window.week_view.this_button, Qt.LeftButton)
    assert window.week == Week(2026, 48)


def test_saving_an_entry_for_another_week_shows_that_week(qtbot, window):
    form = window.form
    form.set_values({"date": date(2026, 11, 16)})
    qtbot.keyClicks(form.minutes_edit, "25")
    qtbot.keyClick(form.minutes_edit, Qt.Key_Return)
    assert window.week == Week(2026, 47)
    assert window.week_view.model.rowCount() == 1


def test_a_failed_save_keeps_what_was_typed(qtbot, window):
    form = window.form
    qtbot.keyClicks(form.minutes_edit, "40")
    qtbot.keyClicks(form.note_edit, "Kept after failure")
    window.store.disconnect()
    window.store.path.unlink()  # the file vanished under us: never re-create it silently
    for extra in ("-wal", "-shm"):
        window.store.path.with_name(window.store.path.name + extra).unlink(missing_ok=True)
    qtbot.keyClick(form.minutes_edit, Qt.Key_Return)
    assert "Not saved" in form.general_error.text()
    assert form.minutes_edit.text() == "40"
    assert form.note_edit.toPlainText() == "Kept after failure"
    assert not window.store.path.exists()


def test_a_half_typed_entry_survives_the_window_closing(qtbot, window, workspace, dialogs):
    from peerdesk.ui.main_window import MainWindow

    form = window.form
    qtbot.keyClicks(form.minutes_edit, "35")
    qtbot.keyClicks(form.note_edit, "Half-typed note")
    window.close()  # closing keeps the draft even before its timer fires
    draft = workspace.data_dir / "draft.json"
    assert draft.exists()

    again = MainWindow(workspace, dialogs=dialogs, today=lambda: TODAY)
    qtbot.addWidget(again)
    again.set_store(workspace.open_store())
    assert again.form.minutes_edit.text() == "35"
    assert again.form.note_edit.toPlainText() == "Half-typed note"
    assert "Restored" in again.statusBar().currentMessage()
    qtbot.keyClick(again.form.minutes_edit, Qt.Key_Return)
    assert again.store.count() == 1
    assert not draft.exists()  # saved: the draft is gone


def test_the_edit_dialog_and_the_view_settings_need_no_window(qtbot):
    """Every UI module imports what it uses itself: nothing waits for a main window to be built."""
    from peerdesk.domain import taxonomy as taxonomy_mod
    from peerdesk.ui.entry_editing import EntryDialog
    from peerdesk.ui.view_settings import TEXT_SCALE, ui_settings

    dialog = EntryDialog(taxonomy_mod.load_default())
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Edit entry" and dialog.form.clear_button.isHidden()
    ui_settings().setValue(TEXT_SCALE, 1.3)
    assert ui_settings().value(TEXT_SCALE, type=float) == 1.3
