"""Every window and dialog: each Alt+letter reaches one thing, and reaches something; each window
key (Ctrl+E, Ctrl+1 …) belongs to one action and works from every field of the form."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMenuBar,
    QTabWidget,
    QWidget,
)

from peerdesk.ui.entry_editing import EntryDialog
from peerdesk.ui.export_dialog import ExportDialog
from peerdesk.ui.history import HistoryDialog
from peerdesk.ui.settings_dialog import SettingsDialog

_MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def mnemonics(root: QWidget) -> list[tuple[str, str, QWidget | None]]:
    """(letter, text, what it reaches) of every mnemonic shown in *root* (a window or a dialog);
    a label's reaches its buddy (None: a dead one). Hidden widgets count: they show later."""
    found: list[tuple[str, str, QWidget | None]] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget is not root and widget.window() is not root:
            continue  # another window's (a dialog parented to this one)
        if isinstance(widget, QLabel) and widget.textFormat() != Qt.TextFormat.RichText:
            if letter := mnemonic(widget.text()):
                found.append((letter, widget.text(), widget.buddy()))
        elif isinstance(widget, QAbstractButton):
            if letter := mnemonic(widget.text()):
                found.append((letter, widget.text(), widget))
        elif isinstance(widget, QGroupBox):
            if letter := mnemonic(widget.title()):
                found.append((letter, widget.title(), widget))
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                if letter := mnemonic(widget.tabText(i)):
                    found.append((letter, widget.tabText(i), widget))  # the tab bar switches to it
        elif isinstance(widget, QMenuBar):
            for menu_action in widget.actions():
                if letter := mnemonic(menu_action.text()):
                    found.append((letter, menu_action.text(), widget))
    return found


def assert_unique_and_alive(root: QWidget) -> None:
    found = mnemonics(root)
    assert found, "no mnemonics at all"
    by_letter: dict[str, list[str]] = {}
    for letter, text, _target in found:
        by_letter.setdefault(letter, []).append(text)
    clashes = {letter: texts for letter, texts in by_letter.items() if len(texts) > 1}
    assert clashes == {}, f"{root.windowTitle()}: Alt+letters that reach more than one thing"
    dead = [text for _letter, text, target in found if target is None]
    assert dead == [], f"{root.windowTitle()}: labels whose Alt+letter reaches nothing"
    unfocusable = [
        text for _letter, text, target in found
        if isinstance(target, QWidget) and not isinstance(target, (QMenuBar, QAbstractButton, QGroupBox, QTabWidget))
        and (target.focusProxy() or target).focusPolicy() == Qt.FocusPolicy.NoFocus
    ]
    assert unfocusable == [], f"{root.windowTitle()}: Alt+letters of fields that take no focus"


def test_the_main_window(window):
    assert_unique_and_alive(window)


def test_the_dialogs(window, qtbot):
    dialogs = [
        EntryDialog(window.taxonomy, window),
        ExportDialog("PW-07", window.today(), window, count=window.store.count_between),
        SettingsDialog(window.workspace.settings, window),
        HistoryDialog(window.store.audit_log(), window),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        if isinstance(dialog, HistoryDialog):
            assert mnemonics(dialog) == [] or assert_unique_and_alive(dialog) is None
        else:
            assert_unique_and_alive(dialog)


def test_every_window_key_belongs_to_one_action(window):
    owners: dict[str, list[str]] = {}
    for made in window.actions():
        for sequence in made.shortcuts():
            owners.setdefault(sequence.toString(), []).append(made.text())
    assert {key: names for key, names in owners.items() if len(names) > 1} == {}


FIELDS = ("date_edit", "start_edit", "minutes_edit", "people_spin", "client_ref_edit", "note_edit")


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize(("key", "index"), [(Qt.Key_1, 0), (Qt.Key_2, 1), (Qt.Key_3, 2)])
def test_ctrl_and_a_number_shows_a_chart_from_every_field(qtbot, window, field, key, index):
    window.activateWindow()
    getattr(window.form, field).setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    window.week_view.chart_tabs.setCurrentIndex((index + 1) % 3)
    qtbot.keyClick(QApplication.focusWidget(), key, Qt.ControlModifier)
    assert window.week_view.chart_tabs.currentIndex() == index


def test_the_tags_are_one_tab_stop_with_the_arrows_inside(qtbot, window):
    form = window.form
    boxes = list(form.tag_boxes.values())
    window.activateWindow()
    form.client_ref_edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.client_ref_edit)
    qtbot.keyClick(form.client_ref_edit, Qt.Key_Tab)
    assert QApplication.focusWidget() is boxes[0]
    qtbot.keyClick(boxes[0], Qt.Key_Right)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Down)
    assert QApplication.focusWidget() is boxes[3]
    qtbot.keyClick(boxes[3], Qt.Key_Space)
    assert [b.isChecked() for b in boxes].count(True) == 1 and boxes[3].isChecked()
    qtbot.keyClick(boxes[3], Qt.Key_Tab)  # one Tab from any tag: the note
    assert QApplication.focusWidget() is form.note_edit
    qtbot.keyClick(form.note_edit, Qt.Key_Backtab)  # back to the tag last visited
    assert QApplication.focusWidget() is boxes[3]
    form.minutes_edit.setFocus()
    qtbot.keyClick(form.minutes_edit, Qt.Key_G, Qt.AltModifier)  # the Tags label's Alt+G
    assert QApplication.focusWidget() is boxes[3]


def test_the_review_window(qtbot, team_exports, dialogs):
    from peerdesk.ui.review_window import ReviewWindow

    review = ReviewWindow(taxonomy=team_exports.taxonomy, paths=team_exports.entry_paths, dialogs=dialogs)
    qtbot.addWidget(review)
    assert_unique_and_alive(review)


@pytest.mark.parametrize("key", [Qt.Key_F6, Qt.Key_L])
def test_f6_or_ctrl_l_moves_between_the_form_and_the_week_table(qtbot, window, key):
    from datetime import date

    from peerdesk.domain.entry import validate

    window.store.add(validate({"worker": "PW-07", "date": "2026-11-24", "minutes": "30", "category": "advocacy"},
                              window.taxonomy, today=date(2026, 11, 25)))
    window.refresh()
    window.activateWindow()
    window.form.minutes_edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.form.minutes_edit)
    modifier = Qt.ControlModifier if key == Qt.Key_L else Qt.NoModifier
    qtbot.keyClick(window.form.minutes_edit, key, modifier)
    assert QApplication.focusWidget() is window.week_view.table
    assert window.week_view.table.currentIndex().row() == 0  # a row to act on, with Enter or Delete
    qtbot.keyClick(window.week_view.table, key, modifier)
    assert QApplication.focusWidget() is window.form.date_edit
