"""With the keyboard, the worker always sees where the focus is: every Tab stop of the window
and of its dialogs looks different with the focus than without, Tab goes round every control
once (it leaves the week's table instead of walking its cells), and nothing that shows no focus
(a scroll area, a chart) is a Tab stop."""

from __future__ import annotations

import warnings

import pytest
from PySide6.QtCharts import QChartView
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from peerdesk.domain.entry import validate
from peerdesk.ui.entry_editing import EntryDialog
from peerdesk.ui.export_dialog import ExportDialog
from peerdesk.ui.settings_dialog import SettingsDialog


def tab_stops(qtbot, first) -> list:
    """Press Tab from *first* until the focus comes back to it: (control, its look with the
    focus, its look once Tab has moved on) for each control visited, as a worker sees them."""
    first.setFocus(Qt.TabFocusReason)
    stops = [[first, None, None]]
    for _ in range(80):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
        here = QApplication.focusWidget()
        stops[-1][2] = stops[-1][0].grab().toImage()
        if here is first:
            stops[0][1] = first.grab().toImage()  # reached by Tab, as every other
            stops[0][2] = None if stops[-1][0] is first else stops[0][2]
            qtbot.keyClick(first, Qt.Key_Tab)
            stops[0][2] = first.grab().toImage()
            return stops
        assert here not in [stop for stop, *_ in stops], f"Tab went round without coming back to {first}"
        stops.append([here, here.grab().toImage(), None])
    raise AssertionError("Tab never came back to where it started")


def assert_focus_shows(stops) -> None:
    unseen = [f"{type(stop).__name__} {stop.objectName()}".strip() for stop, focused, left in stops if focused == left]
    assert unseen == [], f"Tab stops that look the same with the focus and without: {unseen}"
    hidden = [type(stop).__name__ for stop, *_ in stops if isinstance(stop, (QChartView, QScrollArea))]
    assert hidden == [], "Tab stops that can show no focus"


def activate(window) -> None:
    """Make *window* the active one, as a click on it would (offscreen has no window manager)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(window)
    assert QApplication.activeWindow() is window


def test_every_tab_stop_of_the_window_shows_the_focus(qtbot, window):
    window.store.add(validate({"worker": "PW-07", "date": "2026-11-24", "minutes": "45", "category": "advocacy"},
                              window.taxonomy, today=window.today()))
    window.refresh()
    activate(window)
    stops = tab_stops(qtbot, window.form.date_edit)
    controls = [stop for stop, *_ in stops]
    assert window.week_view.table in controls and window.form.save_button in controls
    assert len(stops) < 25  # the form, the week's buttons, its table, the chart tabs: once each
    assert_focus_shows(stops)


def test_an_empty_weeks_table_is_no_tab_stop(qtbot, window):
    activate(window)
    controls = [stop for stop, *_ in tab_stops(qtbot, window.form.date_edit)]
    assert window.week_view.table not in controls  # it could show no focus
    window.form.minutes_edit.setFocus()
    qtbot.keyClick(window.form.minutes_edit, Qt.Key_F6)
    assert QApplication.focusWidget() is window.form.minutes_edit
    assert window.statusBar().currentMessage() == "No entries in week 48 to move to."


@pytest.mark.parametrize("make", ["edit", "export", "settings"])
def test_every_tab_stop_of_a_dialog_shows_the_focus(qtbot, window, make):
    dialog = {
        "edit": lambda: EntryDialog(window.taxonomy, window),
        "export": lambda: ExportDialog("PW-07", window.today(), window, count=window.store.count_between),
        "settings": lambda: SettingsDialog(window.workspace.settings, window),
    }[make]()
    qtbot.addWidget(dialog)
    dialog.show()
    activate(dialog)
    first = next(w for w in dialog.findChildren(QWidget) if w.focusPolicy() & Qt.TabFocus and w.isVisibleTo(dialog)
                 and not w.focusProxy())
    stops = tab_stops(qtbot, first)
    assert len(stops) >= 2
    assert_focus_shows(stops)
