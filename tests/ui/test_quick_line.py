"""The quick-entry line in the window: understood as it is typed, saved with Enter through the
form's checks, recalled with Up, reached with Ctrl+K from anywhere."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
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


class Keys:
    """Presses keys where Qt sends them (an open list first, else the focused field), counting
    each: a chord such as Ctrl+K is one key, as is a character typed with Shift."""

    def __init__(self, qtbot) -> None:
        self.qtbot, self.count = qtbot, 0

    def _target(self):
        return QApplication.activePopupWidget() or QApplication.focusWidget()

    def type(self, text: str) -> None:
        for char in text:
            self.qtbot.keyClicks(self._target(), char)
            self.count += 1

    def press(self, key, modifier=Qt.NoModifier) -> None:
        self.qtbot.keyClick(self._target(), key, modifier)
        self.count += 1


# a worker's typical day, each line as typed; the key counts include Enter
DAY = [
    ("team 60", {"category": "team_communication", "minutes": 60, "mode": "in_person", "people": 0}),
    ("adv 45 @p C-12", {"category": "advocacy", "minutes": 45, "mode": "phone", "client_ref": "C-12"}),
    ("gf 90 x6 #p", {"category": "group_facilitation", "minutes": 90, "format": "group", "people": 6,
                     "tags": ("presence",), "mode": "in_person", "client_ref": ""}),
    ("adm 20", {"category": "administration", "minutes": 20, "format": "individual", "people": 0, "tags": ()}),
    ("14-14:45 sup", {"category": "supervision_training", "minutes": 45, "start_time": "14:00"}),
    ("rel 10 @t", {"category": "relationship_building", "minutes": 10, "mode": "text", "people": 1}),
]


def test_a_days_six_entries_from_the_keyboard_in_at_most_15_keys_each(qtbot, window):
    keys = Keys(qtbot)
    keys.press(Qt.Key_K, Qt.ControlModifier)  # once: after each save the line keeps the focus
    counts = []
    for line, expected in DAY:
        before = keys.count
        keys.type(line)
        keys.press(Qt.Key_Return)
        counts.append(keys.count - before)
        [entry] = [e for e in window.store.entries_between(TODAY, TODAY) if e.category == expected["category"]]
        shown = {k: (entry.start_time.strftime("%H:%M") if k == "start_time" else getattr(entry, k)) for k in expected}
        assert shown == expected, line
        assert entry.date == TODAY
    assert counts == [8, 15, 12, 7, 13, 10], counts  # the form's fields took 14–21 an entry
    assert max(counts) <= 15 and keys.count == sum(counts) + 1


def test_a_word_not_understood_is_underlined_in_the_line(qtbot, window):
    from peerdesk.ui.style import ERROR_COLOUR

    quick = window.form.quick
    quick.focus()

    def underline_columns() -> set[int]:
        image = quick.edit.grab().toImage()
        red = QColor(ERROR_COLOUR)
        return {x for x in range(image.width()) for y in range(image.height())
                if (c := image.pixelColor(x, y)).red() > 120 and abs(c.red() - red.red()) < 60
                and c.green() < 80 and c.blue() < 90}

    qtbot.keyClicks(quick.edit, "juggling 30")
    columns = underline_columns()
    assert columns, "no underline drawn"
    word_end = quick.edit.cursorRect().right() - quick.edit.fontMetrics().horizontalAdvance(" 30")
    assert max(columns) <= word_end + 2  # under 'juggling', not under '30'
    quick.edit.selectAll()
    qtbot.keyClicks(quick.edit, "advocacy 30")
    assert quick.underlined == [] and not underline_columns()


def test_the_line_is_the_whole_entry_nothing_left_over_from_the_one_before(qtbot, window):
    quick = window.form.quick
    quick.focus()
    qtbot.keyClicks(quick.edit, "adv 45 @p C-12 #pres")
    qtbot.keyClick(quick.edit, Qt.Key_Return)
    qtbot.keyClicks(quick.edit, "connecting 30")
    values = window.form.values()
    assert (values["mode"], values["client_ref"], values["tags"], values["minutes"]) == ("in_person", "", [], "30")


def test_enter_without_a_category_asks_for_one(qtbot, window):
    quick = window.form.quick
    quick.focus()
    qtbot.keyClicks(quick.edit, "45 @p")
    qtbot.keyClick(quick.edit, Qt.Key_Return)
    assert "Say what kind of work" in quick.status.text()
    assert window.store.count_between(TODAY, TODAY) == 0


def test_usual_entries_are_one_key_from_an_empty_line(qtbot, window):
    from peerdesk.domain.entry import validate
    from peerdesk.operations.entries import add_entry

    made = {1: ["team", "call", "admin"], 2: ["team", "call"], 3: ["team"]}  # admin once: no habit yet
    kinds = {"team": {"minutes": 60, "category": "team_communication"},
             "call": {"minutes": 45, "category": "advocacy", "mode": "phone"},
             "admin": {"minutes": 20, "category": "administration"}}
    for day, names in made.items():
        for raw in (kinds[name] for name in names):
            add_entry(window.store, validate({"worker": "PW-07", "date": TODAY.replace(day=20 + day), **raw},
                                             window.taxonomy, today=TODAY))
    keys = Keys(qtbot)
    keys.press(Qt.Key_K, Qt.ControlModifier)
    keys.press(Qt.Key_Down)
    popup = window.form.quick.usual.popup()
    assert popup.isVisible()
    assert [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())] == [
        "team communication 60", "advocacy 45 @phone"]
    keys.press(Qt.Key_Return)  # the first, chosen already
    assert window.form.quick.edit.text() == "team communication 60 "
    keys.press(Qt.Key_Return)
    assert keys.count == 4
    assert [e.category for e in window.store.entries_between(TODAY, TODAY)] == ["team_communication"]
