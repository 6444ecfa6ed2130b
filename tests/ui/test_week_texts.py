"""Small texts of the week that must say the truth: an empty past week, a day as the form writes it."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QApplication

from peerdesk.domain.entry import validate
from peerdesk.domain.weeks import Week


def test_an_empty_week_says_whether_it_is_this_week(window):
    view = window.week_view
    window.show_week(Week(2026, 48))  # the window's today is in 2026-W48
    assert view.empty_label.text() == "No entries this week yet. Log what you did in the form on the left."
    window.show_week(Week(2026, 40))
    assert view.empty_label.text() == "No entries in week 40. To log one, set the form's date to one of its days."


def test_the_table_writes_a_day_as_the_form_does(window):
    entry = validate({"worker": "PW-07", "date": "2026-11-02", "minutes": "30", "category": "advocacy"},
                     window.taxonomy, today=date(2026, 11, 25))
    window.store.add(entry)
    window.show_week(Week(2026, 45))
    model = window.week_view.model
    texts = [model.index(0, c).data() for c in range(model.columnCount())]
    assert "Mon 2 Nov" in texts and "Mon 02 Nov" not in texts


def test_the_forms_date_follows_the_week_the_worker_goes_to(qtbot, window):
    from PySide6.QtCore import Qt

    def form_day():
        qd = window.form.date_edit.date()
        return date(qd.year(), qd.month(), qd.day())

    assert form_day() == date(2026, 11, 25)
    qtbot.keyClick(window.form.minutes_edit, Qt.Key_Left, Qt.AltModifier)  # Alt+Left: the week before
    assert window.week == Week(2026, 47) and form_day() == date(2026, 11, 16)  # its Monday
    window.form.set_values({"date": date(2026, 11, 19)})
    window.show_next_week()
    window.show_previous_week()
    assert form_day() == date(2026, 11, 16)
    window.show_this_week()
    assert form_day() == date(2026, 11, 25)  # today, in the current week


def test_ok_in_settings_leaves_the_mode_being_typed(window):
    window.form.set_mode("phone")
    window.open_settings()
    window.settings_dialog.accept()
    assert window.form.values()["mode"] == "phone"


def test_the_note_counter_counts_as_the_limit_does(window):
    form = window.form
    form.note_edit.setPlainText("x" * 2000 + "\n")  # a line break typed at the end is not kept
    assert form.note_count.text() == "2,000 / 2,000"
    form.minutes_edit.setText("30")
    window.save_new_entry()
    assert form.error_text("note") == ""  # 2,000 is allowed, and the counter said 2,000
    form.note_edit.setPlainText("x" * 2001)
    assert form.note_count.text() == "2,001 / 2,000"
    form.minutes_edit.setText("30")
    window.save_new_entry()
    assert "2,001 characters" in form.error_text("note")


def test_an_entry_saved_in_another_week_says_where_it_went(window):
    form = window.form
    form.set_values({"date": date(2026, 11, 2)})
    form.minutes_edit.setText("30")
    window.save_new_entry()
    assert window.week == Week(2026, 45)  # the week it went to is shown
    message = window.statusBar().currentMessage()
    assert message.startswith("Saved 30m of") and "on Mon 2 Nov, in week 45" in message
    assert message.endswith("now shown in place of week 48")


def test_after_a_delete_the_table_cursor_stays_in_place(window, qtbot):
    for day in ("2026-11-23", "2026-11-24", "2026-11-25"):
        window.store.add(validate({"worker": "PW-07", "date": day, "minutes": "30", "category": "advocacy"},
                                  window.taxonomy, today=date(2026, 11, 25)))
    window.refresh()
    view = window.week_view
    view.table.setCurrentIndex(view.model.index(1, 0))
    window.delete_row(1)
    assert view.model.rowCount() == 2
    assert view.table.currentIndex().row() == 1  # the next entry, not the first row


def test_a_groups_size_stays_for_the_next_entry(window):
    form = window.form
    form.set_values({"format": "group", "people": 6, "minutes": "60"})
    window.save_new_entry()
    assert form.minutes_edit.text() == ""  # saved
    assert form.values()["format"] == "group" and form.values()["people"] == 6
    form.set_values({"format": "individual", "minutes": "30"})
    window.save_new_entry()
    assert form.values()["people"] == 1


def test_the_edit_dialogs_note_counter_sits_under_the_note(qtbot, window):
    from peerdesk.ui.entry_editing import EntryDialog

    dialog = EntryDialog(window.taxonomy, window)
    qtbot.addWidget(dialog)
    dialog.form.set_values({"note": "A short note", "minutes": "30"})
    dialog.show()
    qtbot.waitExposed(dialog)
    note, count = dialog.form.note_edit, dialog.form.note_count
    assert count.geometry().top() >= note.geometry().bottom()  # under it, not drawn over it
    assert count.height() >= count.sizeHint().height() and count.visibleRegion().boundingRect().height() > 0


def test_the_donuts_legend_goes_beside_it_when_its_labels_do_not_fit_under_it(qtbot, window):
    from PySide6.QtCore import Qt

    window.store.add(validate({"worker": "PW-07", "date": "2026-11-24", "minutes": "30", "category": "advocacy"},
                              window.taxonomy, today=date(2026, 11, 25)))
    window.store.add(validate({"worker": "PW-07", "date": "2026-11-24", "minutes": "30", "category": "administration"},
                              window.taxonomy, today=date(2026, 11, 25)))
    window.refresh()
    card = window.week_view.week_chart
    card.resize(1400, 420)
    QApplication.processEvents()
    assert card.split_chart.legend().alignment() == Qt.AlignBottom
    window.apply_text_scale(2.0)
    card.resize(560, 420)  # "Direct 50%  Indirect 50%" no longer fits across: one per line, beside
    QApplication.processEvents()
    assert card.split_chart.legend().alignment() == Qt.AlignRight
