"""A week's work logged from the keyboard alone, as a new worker does it on a ward PC: 18
entries, each field reached by its Alt+letter (no Tab counting), the day typed as it is said
(`mon`, `yesterday`), Enter to save. Every key is counted and every entry is checked on disk.

Keys (a chord such as Alt+M counts as one): 242 for the 18 entries, 13.4 an entry, no Tab;
with start times typed as HH:MM, as the Start field required before it took `9`, `930` or
`14`, the same week took 56 more. The figure is asserted, so a change that costs the worker
keys shows here. A list's type-ahead takes the first letters of a name (`sk` Skill building);
a space in a list opens it, so no name is typed with its spaces.
"""

from __future__ import annotations

import warnings
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from peerdesk.ui.main_window import MainWindow

FRIDAY = date(2026, 11, 27)  # the worker logs on Friday of 2026-W48

# day as typed, start, minutes, work type, category (as typed into its list), mode, format, people
WEEK = [
    ("mon", "9", "30", "i", "t", "in person", "group", "0"),
    ("mon", "930", "60", "d", "a", "in person", "individual", "1"),
    ("mon", "11", "90", "d", "g", "in person", "group", "6"),
    ("mon", "14", "45", "i", "a", "in person", "individual", "0"),
    ("tue", "9", "45", "d", "c", "phone", "individual", "1"),
    ("tue", "10", "60", "d", "e", "in person", "individual", "1"),
    ("tue", "13", "30", "i", "s", "in person", "individual", "0"),
    ("tue", "15", "20", "i", "i", "phone", "individual", "0"),
    ("wed", "9", "30", "i", "t", "in person", "group", "0"),
    ("wed", "10", "120", "d", "g", "in person", "group", "8"),
    ("wed", "14", "45", "d", "sk", "video", "individual", "1"),
    ("-1", "9", "60", "r", "b", "in person", "individual", "0"),
    ("-1", "11", "30", "d", "so", "in person", "individual", "1"),
    ("-1", "13", "45", "i", "e", "in person", "group", "0"),
    ("yesterday", "15", "30", "i", "r", "in person", "individual", "0"),
    ("today", "9", "60", "d", "r", "in person", "individual", "1"),
    ("today", "1030", "45", "d", "a", "phone", "individual", "1"),
    ("today", "13", "30", "i", "a", "in person", "individual", "0"),
]
DAYS = {"mon": date(2026, 11, 23), "tue": date(2026, 11, 24), "wed": date(2026, 11, 25),
        "-1": date(2026, 11, 26), "yesterday": date(2026, 11, 26), "today": FRIDAY}


def hhmm(start: str) -> str:
    """A start time as typed (9, 930, 14) as the store gives it back (09:00, 09:30, 14:00)."""
    return f"{start.zfill(2)}:00" if len(start) <= 2 else f"{start[:-2].zfill(2)}:{start[-2:]}"


class Keys:
    """Presses keys where the focus is, counting them."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.count = 0
        self.tabs = 0
        self.by = {}
        self.last = ""

    def press(self, key, modifier=Qt.NoModifier) -> None:
        self.qtbot.keyClick(QApplication.focusWidget(), key, modifier)
        self.count += 1
        self.tabs += key in (Qt.Key_Tab, Qt.Key_Backtab)

    def alt(self, letter: str) -> None:
        self.last = letter
        self.by.setdefault(letter, 0)
        self.press(getattr(Qt, f"Key_{letter.upper()}"), Qt.AltModifier)

    def type(self, text: str) -> None:
        for char in text:
            self.qtbot.keyClicks(QApplication.focusWidget(), char)
            self.count += 1
            self.by[self.last] += 1


def test_a_week_logged_by_keyboard_alone(qtbot, workspace, dialogs):
    window = MainWindow(workspace, dialogs=dialogs, today=lambda: FRIDAY)
    qtbot.addWidget(window)
    window.set_store(workspace.open_store())
    window.show()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(window)
    form, keys = window.form, Keys(qtbot)
    interval = QApplication.keyboardInputInterval()
    QApplication.setKeyboardInputInterval(100)
    try:
        log_the_week(window, form, keys)
    finally:
        QApplication.setKeyboardInputInterval(interval)
    check_the_week(window, keys)


def log_the_week(window, form, keys) -> None:
    qtbot = keys.qtbot
    shown = {"work_type": lambda: form.work_type_combo.currentText()[:1].lower(),
             "mode": lambda: form.mode_combo.currentText().lower(),
             "format": lambda: form.format_combo.currentText().lower()}
    for day, start, minutes, work_type, category, mode, fmt, people in WEEK:
        if form.values()["date"] != DAYS[day]:  # the form keeps the day of the last entry
            keys.alt("d")
            keys.type(day)
        keys.alt("t")
        keys.type(start)
        keys.alt("m")
        keys.type(minutes)
        if shown["work_type"]() != work_type:
            keys.alt("w")
            keys.type(work_type)
        if not form.category_combo.currentText().lower().startswith(category):
            keys.alt("c")
            keys.type(category)
        if shown["mode"]() != mode:
            keys.alt("o")
            keys.type(mode[:1])
        if shown["format"]() != fmt:
            keys.alt("a")
            keys.type(fmt[:1])
        if str(form.people_spin.value()) != people:
            keys.alt("p")  # the number is selected: typing replaces it
            keys.type(people)
        before = window.store.count_between(DAYS["mon"], FRIDAY)
        keys.press(Qt.Key_Return)
        assert window.store.count_between(DAYS["mon"], FRIDAY) == before + 1, (day, start, category)
        # a list's type-ahead joins letters typed within its interval: between two entries more
        # time passes than that (the interval is shortened to keep this test quick)
        qtbot.wait(QApplication.keyboardInputInterval() + 50)


def check_the_week(window, keys) -> None:
    saved = sorted(window.store.entries_between(DAYS["mon"], FRIDAY), key=lambda e: (e.date, e.start_time))
    expected = sorted(WEEK, key=lambda row: (DAYS[row[0]], hhmm(row[1])))
    assert len(saved) == 18
    for entry, (day, start, minutes, _wt, category, mode, fmt, people) in zip(saved, expected, strict=True):
        label = window.taxonomy.category_label(entry.category).lower()
        assert (entry.date, entry.start_time.strftime("%H:%M"), entry.minutes) == (DAYS[day], hhmm(start), int(minutes))
        assert label.startswith(category), (label, category)
        assert (entry.mode.replace("_", " "), entry.format, entry.people) == (mode, fmt, int(people))
    assert keys.tabs == 0  # no Tab count to learn
    assert keys.count <= 242, f"{keys.count} keys for 18 entries {keys.by}"
