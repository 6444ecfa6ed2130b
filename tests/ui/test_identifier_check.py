"""Before saving, the window shows likely identifiers and lets the worker edit or confirm."""

from PySide6.QtCore import Qt

from peerdesk.domain.weeks import Week


class Choosing:
    def __init__(self, dialogs, answer):
        self.dialogs, self.answer, self.asked = dialogs, answer, []

    def __call__(self, parent, title, text, options):
        self.asked.append((title, text, options))
        return options.index(self.answer)


def test_identifier_in_note_is_highlighted_and_nothing_saved_until_confirmed(qtbot, window, dialogs):
    chooser = Choosing(dialogs, "Edit the entry")
    dialogs.choose = chooser
    form = window.form
    qtbot.keyClicks(form.minutes_edit, "30")
    qtbot.keyClicks(form.note_edit, "Call back on 0412 555 123")
    qtbot.keyClick(form.minutes_edit, Qt.Key_Return)

    title, text, _options = chooser.asked[0]
    assert title == "This entry may identify someone"
    assert "phone number '0412 555 123'" in text
    assert "phone number" in form.error_text("note")
    assert form.highlighted == ["0412 555 123"]
    assert [s.cursor.selectedText() for s in form.note_edit.extraSelections()] == ["0412 555 123"]
    assert window.store.count() == 0
    assert form.note_edit.toPlainText() == "Call back on 0412 555 123"  # kept for editing

    chooser.answer = "Save anyway"
    qtbot.keyClick(form.minutes_edit, Qt.Key_Return)
    assert window.store.count() == 1
    assert window.store.list_week(Week(2026, 48))[0].note == "Call back on 0412 555 123"


def test_client_ref_that_looks_like_a_name_is_caught(qtbot, window, dialogs):
    chooser = Choosing(dialogs, "Edit the entry")
    dialogs.choose = chooser
    form = window.form
    qtbot.keyClicks(form.minutes_edit, "30")
    qtbot.keyClicks(form.client_ref_edit, "John Smith")
    qtbot.keyClick(form.minutes_edit, Qt.Key_Return)
    assert "person's name" in form.error_text("client_ref")
    assert form.client_ref_edit.selectedText() == "John Smith"
    assert window.store.count() == 0
    form.client_ref_edit.clear()
    qtbot.keyClicks(form.client_ref_edit, "C-102")
    qtbot.keyClick(form.minutes_edit, Qt.Key_Return)
    assert window.store.count() == 1
    assert len(chooser.asked) == 1  # an ordinary code raises no question


def test_ordinary_note_raises_no_question(qtbot, window, dialogs):
    dialogs.choose = lambda *a: (_ for _ in ()).throw(AssertionError("asked without reason"))
    qtbot.keyClicks(window.form.minutes_edit, "45")
    qtbot.keyClicks(window.form.note_edit, "met at 2pm, group of 6, week 3 of the program")
    qtbot.keyClick(window.form.minutes_edit, Qt.Key_Return)
    assert window.store.count() == 1
