"""The quick-entry line in the window: understood as it is typed, saved with Enter through the
form's checks, recalled with Up, reached with Ctrl+K from anywhere."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

TODAY = date(2026, 11, 25)  # the window fixture's today, a Wednesday


def test_a_line_fills_the_form_as_it_is_typed_and_enter_saves_it(qtbot, window):
    form = window.form
    qtbot.keyClick(form.minutes_edit, Qt.Key_K, Qt.ControlModifier)  # Ctrl+K from a field
    assert QApplication.focusWidget() is form.quick.edit
    qtbot.keyClicks(form.quick.edit, "mon advocacy 45 @phone x3 #pres // called the housing office")
    values = form.values()
    assert values["date"] == date(2026, 11, 23) and values["minutes"] == "45"
    assert (values["category"], values["mode"], values["format"], values["people"]) == ("advocacy", "phone", "group", 3)
    assert values["tags"] == ["presence"] and values["note"] == "called the housing office"
    assert form.quick.status.text().startswith("Understood: ")
    qtbot.keyClick(form.quick.edit, Qt.Key_Return)
    [entry] = window.store.entries_between(date(2026, 11, 23), date(2026, 11, 23))
    assert (entry.minutes, entry.category, entry.mode, entry.people) == (45, "advocacy", "phone", 3)
    assert form.quick.edit.text() == ""
    qtbot.keyClick(form.quick.edit, Qt.Key_Up)  # the line again, for a second like it
    assert form.quick.edit.text() == "mon advocacy 45 @phone x3 #pres // called the housing office"


def test_a_word_not_understood_is_named_and_enter_saves_nothing(qtbot, window):
    form = window.form
    form.quick.focus()
    qtbot.keyClicks(form.quick.edit, "juggling 30")
    assert form.quick.status.isVisibleTo(form) and "'juggling' is no category" in form.quick.status.text()
    qtbot.keyClick(form.quick.edit, Qt.Key_Return)
    assert window.store.count_between(date(2026, 11, 1), date(2026, 11, 30)) == 0


def test_a_word_taken_back_out_gives_its_field_back(qtbot, window):
    form = window.form
    before = form.values()["mode"]
    form.quick.focus()
    qtbot.keyClicks(form.quick.edit, "advocacy 30 @video")
    assert form.values()["mode"] == "video"
    for _ in range(len(" @video")):
        qtbot.keyClick(form.quick.edit, Qt.Key_Backspace)
    assert form.values()["mode"] == before


def test_the_edit_dialog_has_no_quick_line(window):
    from peerdesk.ui.entry_editing import EntryDialog

    dialog = EntryDialog(window.taxonomy, window)
    assert dialog.form.quick is None
    dialog.deleteLater()
