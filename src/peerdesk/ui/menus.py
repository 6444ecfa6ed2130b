"""The main window's menus and their keys: each action declared once, wired to the window's slots."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from ..i18n import _

if TYPE_CHECKING:
    from .main_window import MainWindow

Key = QKeySequence.StandardKey


def action(
    window: MainWindow, text: str, slot: Callable[[], object], *shortcuts: QKeySequence | Key | str
) -> QAction:
    """An action of the window (its keys work wherever the focus is in it)."""
    made = QAction(text, window)
    # a standard key with no binding on this platform (Preferences on Linux) is left out
    keys = {QKeySequence(s).toString(): QKeySequence(s) for s in shortcuts}
    keys.pop("", None)
    if keys:
        made.setShortcuts(list(keys.values()))
    made.triggered.connect(lambda _checked=False: slot())
    window.addAction(made)
    return made


def build_menus(window: MainWindow) -> None:
    """Fill the window's File, Edit, View and Help menus (made empty with the frame)."""
    w = window
    file_menu = w.menu("&File")
    w.export_action = action(w, _("&Export…"), w.export_csv, "Ctrl+E")
    w.export_chart_action = action(w, _("Export &chart…"), w.save_chart)
    w.report_action = action(w, _("&Report…"), lambda: _open_report(w), Key.Print)
    w.review_action = action(w, _("Re&view exported files…"), w.review_exported_files)
    w.team_server_action = action(w, _("Open &team server…"), lambda: _open_team_server(w))
    w.receipt_action = action(w, _("Open rece&ipt…"), lambda: _week_action(w, "open_receipt"))
    w.backup_action = action(w, _("&Back up now"), w.backup_now)
    w.restore_action = action(w, _("&Restore from backup…"), w.restore_from_backup)
    w.settings_action = action(w, _("&Settings…"), w.open_settings, Key.Preferences, "Ctrl+,")
    file_menu.addActions([w.export_action, w.report_action, w.export_chart_action, w.review_action,
                          w.team_server_action, w.receipt_action])
    file_menu.addSeparator()
    file_menu.addActions([w.backup_action, w.restore_action, w.settings_action])
    file_menu.addSeparator()
    file_menu.addAction(action(w, _("&Quit"), w.close, Key.Quit, "Ctrl+Q"))

    edit_menu = w.menu("&Edit")
    w.new_action = action(w, _("&New entry"), w.focus_form, Key.New)
    w.quick_action = action(w, _("&Quick entry (one line)"), w.focus_quick, "Ctrl+K")
    w.save_action = action(w, _("&Save entry"), w.save_new_entry, Key.Save, "Ctrl+Return", "Ctrl+Enter")
    w.edit_action = action(w, _("&Edit selected entry…"), lambda: w.edit_row(w.current_row()))
    w.delete_action = action(w, _("&Delete selected entry…"), lambda: w.delete_row(w.current_row()))
    edit_menu.addActions([w.new_action, w.quick_action, w.save_action])
    edit_menu.addSeparator()
    assert w.history is not None
    for undoing in (w.history.undo_action, w.history.redo_action):
        w.addAction(undoing)
        edit_menu.addAction(undoing)
    edit_menu.addSeparator()
    edit_menu.addActions([w.edit_action, w.delete_action])
    edit_menu.addSeparator()
    w.submit_action = action(w, _("Su&bmit week…"), lambda: _week_action(w, "submit_week"))
    w.reopen_action = action(w, _("Re&open week…"), lambda: _week_action(w, "reopen_week"))
    edit_menu.addActions([w.submit_action, w.reopen_action])
    edit_menu.addSeparator()
    w.conflicts_action = action(w, _("Sync &conflicts…"), lambda: _open_conflicts(w))
    edit_menu.addAction(w.conflicts_action)

    view_menu = w.menu("&View")
    view_menu.addAction(action(w, _("&Previous week"), w.show_previous_week, "Alt+Left"))
    view_menu.addAction(action(w, _("&Next week"), w.show_next_week, "Alt+Right"))
    view_menu.addAction(action(w, _("&This week"), w.show_this_week, "Alt+Home"))
    view_menu.addAction(action(w, _("Form or week &table"), w.switch_focus, "F6", "Ctrl+L"))
    view_menu.addSeparator()
    charts = (_("Chart of this &week"), _("&Trend chart"), _("&How the work was done"))
    for index, text in enumerate(charts):
        view_menu.addAction(action(w, text, lambda i=index: w.show_chart(i), f"Ctrl+{index + 1}"))
    view_menu.addSeparator()
    w.larger_action = action(w, _("&Larger text"), lambda: w.step_text_scale(+1), "Ctrl+=", "Ctrl++")
    w.smaller_action = action(w, _("&Smaller text"), lambda: w.step_text_scale(-1), "Ctrl+-")
    w.normal_text_action = action(
        w, _("&Normal text size"), lambda: w.apply_text_scale(1.0, remember=True), "Ctrl+0"
    )
    view_menu.addActions([w.larger_action, w.smaller_action, w.normal_text_action])

    help_menu = w.menu("&Help")
    w.guide_action = action(w, _("&Role guide"), lambda: w.open_guide(""), Key.HelpContents)
    w.history_action = action(w, _("Activity &history"), w.open_history)
    w.demo_action = action(w, _("Start &demo"), w.start_demo)
    help_menu.addActions([w.guide_action, w.history_action, w.demo_action])
    help_menu.addSeparator()
    help_menu.addAction(action(w, _("&About PeerDesk"), w.show_about))
    w.window_keys = WindowKeys(w)


# The keys a text field keeps for its own text even where the window has an action on them.
_EDITING_KEYS = (Key.Undo, Key.Redo, Key.SelectAll, Key.Copy, Key.Cut, Key.Paste, Key.Delete)


class WindowKeys(QObject):
    """Lets the window's own keys (Ctrl+E, Ctrl+N, Alt+Left …) work from every field.

    Before a key reaches a shortcut, Qt asks the field with the focus whether it wants the key
    for itself (a ShortcutOverride event). On X11 a line edit, and the line edit inside a date
    or a number field, claims Ctrl+E (the end of the line, as in Emacs) and so Export never
    ran from Date, Start, Minutes or People. This filter answers "no" for the window's keys,
    except those a field needs for its text (undo, copy, paste …).
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        editing = {seq.toString() for key in _EDITING_KEYS for seq in QKeySequence.keyBindings(key)}
        self.keys = {
            seq.toString()
            for made in window.actions()
            for seq in made.shortcuts()
            if seq.count() == 1 and seq.toString() not in editing
        }
        # on each of the window's widgets as it takes the focus (fields, the table, buttons, and
        # those made later), not on the whole application: a filter there would run in Python for
        # every event, repaints included; nor on all of them at once (finding them all made Python
        # objects for hundreds of Qt's own inner widgets: 11 ms of the start)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focused)
        self._focused(None, app.focusWidget())

    def _focused(self, _old: QWidget | None, now: QWidget | None) -> None:
        if now is not None and self.window.isAncestorOf(now):
            now.installEventFilter(self)  # (once: Qt keeps one of each filter on an object)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.ShortcutOverride or not isinstance(watched, QWidget):
            return False
        assert isinstance(event, QKeyEvent)
        if QKeySequence(event.keyCombination()).toString() in self.keys:
            event.ignore()  # not the field's: the window's action takes it
            return True
        return False


def _open_report(window: MainWindow) -> None:
    from .report_dialog import open_report_dialog

    open_report_dialog(window)


def _open_team_server(window: MainWindow) -> None:
    from .team_review import open_team_server

    open_team_server(window)


def _open_conflicts(window: MainWindow) -> None:
    from .conflicts_dialog import open_conflicts

    open_conflicts(window)


def _week_action(window: MainWindow, name: str) -> None:
    from . import week_actions

    getattr(week_actions, name)(window)
