"""The form's date, driven by the keyboard as a worker drives it (the window's today is Wed 25 Nov 2026)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

TODAY = date(2026, 11, 25)


def shown(window) -> str:
    return window.form.date_edit.text()


def day(window) -> date:
    qd = window.form.date_edit.date()
    return date(qd.year(), qd.month(), qd.day())


def type_day(qtbot, window, text: str) -> None:
    field = window.form.date_edit
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key_Tab)


@pytest.mark.parametrize(
    ("start", "keys", "expected"),
    [
        # a week across two months (Mon 26 Oct to Sun 1 Nov): a QDateEdit stepped the section under
        # the cursor and wrapped inside the month, leaving the week without a word
        (date(2026, 10, 31), [Qt.Key_Up], date(2026, 11, 1)),
        (date(2026, 11, 1), [Qt.Key_Down], date(2026, 10, 31)),
        (date(2026, 11, 24), [Qt.Key_Up, Qt.Key_Up, Qt.Key_Up], date(2026, 11, 26)),  # stops at tomorrow
        (date(2026, 11, 25), [Qt.Key_PageDown], date(2026, 11, 18)),
        (date(2026, 11, 18), [Qt.Key_PageUp, Qt.Key_PageUp], date(2026, 11, 26)),  # a week, but not past tomorrow
    ],
)
def test_arrows_step_a_day_and_page_keys_a_week(qtbot, window, start, keys, expected):
    window.form.set_values({"date": start})
    for key in keys:
        qtbot.keyClick(window.form.date_edit, key)
    assert day(window) == expected
    assert shown(window) == f"{expected:%a} {expected.day} {expected:%b %Y}"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("mon", date(2026, 11, 23)), ("yesterday", date(2026, 11, 24)), ("-2", date(2026, 11, 23)),
     ("today", TODAY), ("2/11", date(2026, 11, 2)), ("2026-10-30", date(2026, 10, 30)), ("thu", date(2026, 11, 19))],
)
def test_a_typed_day_is_read_and_shown(qtbot, window, typed, expected):
    type_day(qtbot, window, typed)
    assert day(window) == expected
    assert window.form.error_text("date") == ""


def test_a_text_that_names_no_day_is_said_next_to_the_field_and_nothing_is_saved(qtbot, window):
    count = window.store.count()
    type_day(qtbot, window, "x")
    assert "'x' is not a day" in window.form.error_text("date")
    window.form.minutes_edit.setText("30")
    window.save_new_entry()
    assert window.store.count() == count  # not saved on some other day
    assert window.form.error_text("date")
    type_day(qtbot, window, "mon")
    assert window.form.error_text("date") == ""  # cleared as soon as it names a day


def test_the_calendar_opens_from_the_keyboard_and_offers_no_day_after_tomorrow(qtbot, window):
    field = window.form.date_edit
    field.setFocus()
    qtbot.keyClick(field, Qt.Key_Down, Qt.AltModifier)
    calendar = field.calendar
    assert calendar is not None and calendar.isVisible()
    assert calendar.maximumDate().toPython() == date(2026, 11, 26)
    calendar.setSelectedDate(calendar.selectedDate().addDays(-3))
    qtbot.keyClick(calendar.findChild(QTableView), Qt.Key_Return)
    assert not calendar.isVisible() and day(window) == date(2026, 11, 22)
    qtbot.keyClick(field, Qt.Key_F4)
    assert calendar.isVisible()
