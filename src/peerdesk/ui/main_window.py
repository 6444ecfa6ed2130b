"""The main window: the entry form beside the week.

This is the container that wires widgets to the store; the widgets themselves
never reach for the application or the database.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget

from ..domain.weeks import Week
from ..workspace import Workspace
from .dialogs import Dialogs

if TYPE_CHECKING:
    from .idle_lock import LockScreen
    from .settings_dialog import SettingsDialog


def _import_week() -> None:
    """Import what the week's part of the window needs (once; later calls cost nothing).

    Not at the top of the module, so a staged window paints before these load:
    their Qt classes make about 150 Python enum classes on first use (the ``Qt``
    namespace alone 94), tens of milliseconds on a ward computer.
    """
    global Qt, QSettings, QFont, QHBoxLayout, QLabel, QSplitter, QStackedWidget, QVBoxLayout  # noqa: PLW0603
    global WeekLoader, style, WeekView
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QStackedWidget, QVBoxLayout

    from ..week_data import WeekLoader
    from . import style
    from .week_view import WeekView


def _import_form() -> None:
    """Import what the form, the menus and the undo history need (once)."""
    global QAction, QKeySequence, QUndoStack, QDialogButtonBox, QGroupBox, QScrollArea  # noqa: PLW0603
    global Entry, ValidationError, entry_to_raw, format_minutes, validate, commands, EntryForm, IdleWatcher
    from PySide6.QtGui import QAction, QKeySequence, QUndoStack
    from PySide6.QtWidgets import QDialogButtonBox, QGroupBox, QScrollArea

    from ..domain.entry import Entry, ValidationError, entry_to_raw, format_minutes, validate
    from . import commands
    from .entry_form import EntryForm
    from .idle_lock import IdleWatcher


DRAFT_FILENAME = "draft.json"
TEXT_SCALES = (0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0)


def _base_font() -> QFont:
    """The application's font before any scaling, remembered once per process."""
    app = QApplication.instance()
    saved = app.property("peerdesk_base_font")
    if not isinstance(saved, QFont):
        saved = QFont(QApplication.font())
        app.setProperty("peerdesk_base_font", saved)
    return QFont(saved)


class MainWindow(QMainWindow):
    first_painted = Signal()  # once, right after the window first reaches the screen
    week_shown = Signal()  # the week's table and charts were filled (from the store or a first look)
    _loader = None  # the WeekLoader of the store (or first look) last shown

    def __init__(
        self,
        workspace: Workspace,
        *,
        week: Week | None = None,
        dialogs: Dialogs | None = None,
        today: Callable[[], date] = date.today,
        staged: bool = False,
    ) -> None:
        """The window; with *staged* only its frame, so it paints at once, and :meth:`build`
        adds the form, the week and the menus after that first paint."""
        super().__init__()
        self.workspace = workspace
        self.dialogs = dialogs or Dialogs()
        self.today = today
        self.store = None
        self.first_look = None  # a read-only Reader that shows the week while the store opens
        self.instance_server = None  # this window's claim on its data folder (app.launch sets it)
        self.week = week or Week.of(today())
        self.edit_dialog: EntryDialog | None = None
        self.guide = None
        self.settings_dialog: SettingsDialog | None = None
        self.restore_dialog = None
        self.review_windows: list = []  # open review windows (File ▸ Review exported files…, dropped files)
        self.setAcceptDrops(True)  # .csv exports dropped on the window open in a review window
        self.text_scale = 1.0
        self._painted = False
        self.built = False
        self.form = self.week_view = None

        self.setWindowTitle("PeerDesk")
        self.resize(1280, 800)
        self.statusBar().showMessage("Opening the database…")
        if not staged:
            self.build()

    def build(self) -> None:
        """Everything but the frame: the week, then the form and the menus."""
        self.build_week()
        self.build_form()

    def build_week(self) -> None:
        """The week view, beside a place kept for the form as wide as the form was last
        time: the week can be shown before the form is built, and does not move when it is."""
        if self.week_view is not None:
            return
        _import_week()
        workspace = self.workspace
        self.taxonomy = workspace.taxonomy
        self.week_view = WeekView(self.taxonomy)
        self.form_pane = QWidget()  # the form comes into it with build_form()
        QVBoxLayout(self.form_pane).setContentsMargins(0, 0, 0, 0)
        self.form_pane.setMinimumWidth(self.ui_settings().value("view/form_width", 0, type=int))
        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(self.form_pane)
        splitter.addWidget(self.week_view)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.demo_banner = QLabel(
            "Demo — sample data. A fictional peer worker's record: nothing here is real, "
            "and nothing is written to your own records.",
            objectName="demo_banner",
            wordWrap=True,
        )
        style.banner(self.demo_banner)
        self.demo_banner.setMargin(6)
        bold = QFont()  # only the weight, so the size follows View ▸ Larger text
        bold.setBold(True)
        self.demo_banner.setFont(bold)
        self.demo_banner.setVisible(bool(workspace.settings.get("demo")))
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.addWidget(self.demo_banner)
        layout = QHBoxLayout()
        layout.addWidget(splitter)
        outer.addLayout(layout, 1)
        self._lock_screen: LockScreen | None = None  # made when first needed
        self.content_stack = QStackedWidget()
        self.content_stack.addWidget(central)
        self.setCentralWidget(self.content_stack)
        self.base_font = _base_font()
        self.apply_text_scale(self.ui_settings().value("view/text_scale", 1.0, type=float))

        self.worker_label = QLabel()
        self.statusBar().addPermanentWidget(self.worker_label)
        # The menu bar now, its entries with the form: the week does not move when they come.
        bar = self.menuBar()
        self._menus = {name: bar.addMenu(name) for name in ("&File", "&Edit", "&View", "&Help")}
        self.week_view.previous_requested.connect(lambda: self.show_week(self.week.previous()))
        self.week_view.next_requested.connect(lambda: self.show_week(self.week.next()))
        self.week_view.this_week_requested.connect(lambda: self.show_week(Week.of(self.today())))
        self.week_view.edit_requested.connect(self.edit_row)
        self.week_view.delete_requested.connect(self.delete_row)
        self.week_view.week_clicked.connect(self.show_week)
        self.week_view.trend_weeks_changed.connect(lambda _n: self.refresh_trend())
        self.week_view.save_chart_requested.connect(self.save_chart)
        self._update_worker_label()
        self._show_week_header_only()

    def build_form(self) -> None:
        """The form (in the place kept for it), the menus, the undo history, the idle lock."""
        if self.built:
            return
        self.build_week()
        _import_form()
        workspace, today = self.workspace, self.today
        self.undo_stack = QUndoStack(self)
        self.form = EntryForm(self.taxonomy)
        self.form.set_mode(workspace.settings.get("default_mode"))
        self.form.set_values({"date": today()})
        self.form.setEnabled(self.store is not None)
        form_box = QGroupBox("Log work")
        box_layout = QVBoxLayout(form_box)
        box_layout.addWidget(self.form)
        scroll = QScrollArea()
        scroll.setWidget(form_box)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        self.form_box, self.form_scroll = form_box, scroll
        self.form_pane.layout().addWidget(scroll)
        self._fit_form_pane()
        self.idle = IdleWatcher(self)
        self.idle.idle.connect(self.lock)
        self.apply_idle_setting()

        self._build_menus()
        self.form.submitted.connect(self.save_new_entry)
        self.draft_timer = QTimer(self, singleShot=True, interval=400)
        self.draft_timer.timeout.connect(self.save_draft)
        self.form.changed.connect(self.draft_timer.start)
        self.form.guide_requested.connect(self.open_guide)
        self.built = True

    def _fit_form_pane(self) -> None:
        """The form's pane as wide as the form needs at the current text size
        (remembered, so the next start keeps that much room for it)."""
        if self.form is None:
            return
        self.form_box.adjustSize()
        width = self.form_box.sizeHint().width() + 24
        self.form_scroll.setMinimumWidth(width)
        self.form_pane.setMinimumWidth(width)
        if self.ui_settings().value("view/form_width", 0, type=int) != width:
            self.ui_settings().setValue("view/form_width", width)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self.built:
            self._fit_form_pane()  # widgets take their (possibly larger) font when first shown
        handle = self.windowHandle()
        if not self._painted and handle is not None and not hasattr(self, "_expose_watch"):
            self._expose_watch = _FirstExpose(self)
            handle.installEventFilter(self._expose_watch)

    def _exposed(self) -> None:
        if not self._painted:
            self._painted = True
            self.windowHandle().removeEventFilter(self._expose_watch)
            QTimer.singleShot(0, self.first_painted.emit)  # after the expose has been painted

    # ------------------------------------------------------------ menus

    def _build_menus(self) -> None:
        file_menu = self._menus["&File"]
        self.export_action = self._action("&Export…", self.export_csv, QKeySequence("Ctrl+E"))
        file_menu.addAction(self.export_action)
        self.export_chart_action = self._action("Export &chart…", lambda: self.save_chart())
        file_menu.addAction(self.export_chart_action)
        self.review_action = self._action("Re&view exported files…", self.review_exported_files)
        file_menu.addAction(self.review_action)
        file_menu.addSeparator()
        self.backup_action = self._action("&Back up now", self.backup_now)
        self.restore_action = self._action("&Restore from backup…", self.restore_from_backup)
        file_menu.addAction(self.backup_action)
        file_menu.addAction(self.restore_action)
        self.settings_action = self._action("&Settings…", self.open_settings, QKeySequence.Preferences)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Quit", self.close, QKeySequence.Quit))

        edit_menu = self._menus["&Edit"]
        self.new_action = self._action("&New entry", self.focus_form, QKeySequence.New)
        self.save_action = self._action("&Save entry", self.save_new_entry, QKeySequence.Save)
        self.save_action.setShortcuts([QKeySequence.Save, QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence.Redo)
        self.edit_action = self._action("&Edit selected entry…", lambda: self.edit_row(self.week_view.current_row()))
        self.delete_action = self._action(
            "&Delete selected entry…", lambda: self.delete_row(self.week_view.current_row())
        )
        for a in (self.new_action, self.save_action):
            edit_menu.addAction(a)
        edit_menu.addSeparator()
        for a in (self.undo_action, self.redo_action):
            self.addAction(a)
            edit_menu.addAction(a)
        edit_menu.addSeparator()
        edit_menu.addAction(self.edit_action)
        edit_menu.addAction(self.delete_action)

        view_menu = self._menus["&View"]
        view_menu.addAction(
            self._action("&Previous week", lambda: self.show_week(self.week.previous()), QKeySequence("Alt+Left"))
        )
        view_menu.addAction(
            self._action("&Next week", lambda: self.show_week(self.week.next()), QKeySequence("Alt+Right"))
        )
        view_menu.addAction(
            self._action("&This week", lambda: self.show_week(Week.of(self.today())), QKeySequence("Alt+Home"))
        )

        view_menu.addSeparator()
        self.larger_action = self._action("&Larger text", lambda: self.step_text_scale(+1), QKeySequence("Ctrl+="))
        self.larger_action.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.smaller_action = self._action("&Smaller text", lambda: self.step_text_scale(-1), QKeySequence("Ctrl+-"))
        self.normal_text_action = self._action("&Normal text size", lambda: self.apply_text_scale(1.0, remember=True),
                                               QKeySequence("Ctrl+0"))
        for a in (self.larger_action, self.smaller_action, self.normal_text_action):
            view_menu.addAction(a)

        help_menu = self._menus["&Help"]
        self.guide_action = self._action("&Role guide", lambda: self.open_guide(""), QKeySequence.HelpContents)
        help_menu.addAction(self.guide_action)
        self.history_action = self._action("Activity &history", self.open_history)
        help_menu.addAction(self.history_action)
        self.demo_action = self._action("Start &demo", self.start_demo)
        help_menu.addAction(self.demo_action)
        help_menu.addSeparator()
        help_menu.addAction(self._action("&About PeerDesk", self.show_about))

    def _action(self, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # ------------------------------------------------------------ store

    def show_first_look(self, reader) -> None:
        """The week read from a read-only *reader* while the store is still being opened
        (and checked); the form stays disabled until :meth:`set_store`."""
        self.first_look = reader
        self.refresh()

    def _drop_first_look(self) -> None:
        if self.first_look is not None:
            self.first_look.close()
            self.first_look = None

    def paint_now(self) -> None:
        """Lay out and paint what is pending now, before a long step that blocks the event loop."""
        QApplication.sendPostedEvents()
        self.repaint()

    def set_store(self, store) -> None:
        self.store = store
        self._drop_first_look()
        self.form.setEnabled(True)
        self.statusBar().clearMessage()
        self.refresh()
        self.restore_draft()

    # ------------------------------------------------------------ draft

    @property
    def draft_path(self):
        return self.workspace.data_dir / DRAFT_FILENAME

    def save_draft(self) -> None:
        """Keep what is typed but not saved, so a closed window or a crash loses nothing."""
        self.draft_timer.stop()
        if self.store is None:
            return
        if self.store.cipher is not None:
            return  # an encrypted store keeps no plain-text draft beside it
        if not self.form.has_typed_text():
            self.draft_path.unlink(missing_ok=True)
            return
        values = dict(self.form.values())
        values["date"] = values["date"].isoformat()
        tmp = self.draft_path.with_suffix(".tmp")
        try:
            tmp.write_text(json.dumps(values, ensure_ascii=False), "utf-8")
            os.replace(tmp, self.draft_path)
        except OSError as exc:
            self.statusBar().showMessage(f"Could not keep a draft of the entry: {exc.strerror}", 8000)

    def restore_draft(self) -> None:
        try:
            values = json.loads(self.draft_path.read_text("utf-8"))
        except (OSError, ValueError):
            return
        if not isinstance(values, dict):
            return
        try:
            self.form.set_values(values)
        except (TypeError, ValueError):
            return
        self.statusBar().showMessage("Restored the entry you had not saved yet.", 10000)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.built and self.draft_timer.isActive():
            self.save_draft()
        if self.instance_server is not None:
            self.instance_server.close()  # another start on this folder may open its own window now
        self._drop_first_look()
        super().closeEvent(event)

    def _show_week_header_only(self) -> None:
        self.week_view.week_label.setText(self.week.label())

    def show_week(self, week: Week) -> None:
        self.week = week
        self.refresh()

    def _source(self):
        """Where the week is read from: the store, or the first look while it opens."""
        return self.store if self.store is not None else self.first_look

    def refresh(self) -> None:
        source = self._source()
        if source is None:
            self._show_week_header_only()
            return
        data = self._week_loader(source).load(
            self.week, trend_count=self.week_view.trend_weeks(), today=self.today()
        )
        self.week_view.show_data(
            data, is_current=self.week == Week.of(self.today()), contracted_hours=self.contracted_hours()
        )
        self.week_shown.emit()

    def refresh_trend(self) -> None:
        source = self._source()
        if source is None:
            return
        chart = self.week_view.trend_chart
        trend = self._week_loader(source).trend(self.week, chart.weeks_count(), self.today())
        chart.show_trend(trend, self.week, self.contracted_hours())

    def _week_loader(self, source):
        """The reader of *source*'s weeks, which keeps the trend's totals from week to week."""
        if self._loader is None or self._loader.store is not source:
            self._loader = WeekLoader(source, self.taxonomy)
        return self._loader

    def contracted_hours(self) -> float:
        try:
            return max(0.0, float(self.workspace.settings.get("contracted_hours") or 0))
        except (TypeError, ValueError):
            return 0.0

    # ------------------------------------------------------------ charts

    def save_chart(self, card=None) -> None:
        card = card or self.week_view.current_chart()
        from .charts import save_card_png

        save_card_png(self, self.dialogs, card, str(self.workspace.data_dir.parent / f"peerdesk_{card.name}_{self.week}.png"))

    def export_csv(self) -> None:
        """File ▸ Export…: ask what, then where; write it with a cancellable progress dialog."""
        from pathlib import Path

        from .export_dialog import ExportDialog, describe, run_export

        if self.store is None:
            return
        dialog = ExportDialog(self.worker(), self.today(), self, count=self.store.count_between)

        def export() -> None:
            choice = dialog.choice()
            suggested = str(Path.home() / choice.file_name())
            path = self.dialogs.ask_save_path(self, "Export to CSV", suggested, "CSV files (*.csv)")
            if not path:
                return
            if not path.lower().endswith(".csv"):
                path += ".csv"
            beside = choice.targets(path)[1] if choice.entries else None
            if beside is not None and beside.exists() and not self.dialogs.confirm(
                self, "Replace file", f"{beside.name} already exists beside it. Replace it?", ok="Replace"
            ):
                return
            try:
                results = run_export(self, self.store, self.taxonomy, choice, path)
            except Exception as exc:  # noqa: BLE001 - a folder that cannot be written, a full disk: shown
                self.dialogs.error(self, "Export failed", f"{exc}\n\nNo file was written.")
                return
            if results is None:
                self.statusBar().showMessage("Export cancelled; no file was written.", 8000)
            else:
                self.statusBar().showMessage(describe(results), 15000)

        dialog.accepted.connect(export)
        dialog.finished.connect(lambda _r: setattr(self, "export_dialog", None))
        self.export_dialog = dialog
        dialog.open()

    def _changed(self, entry: Entry) -> None:
        """After any change (or its undo): show the entry's week, refreshed."""
        if entry.date not in self.week:
            self.week = Week.of(entry.date)
        self.refresh()
        self.week_view.select_entry(entry.id)

    # ------------------------------------------------------------ entries

    def worker(self) -> str:
        return self.workspace.settings.worker()

    def _validate(self, form: EntryForm, *, entry_id: str | None = None, before: Entry | None = None) -> Entry | None:
        raw = form.values()
        raw["worker"] = before.worker if before else self.worker()
        try:
            entry = validate(
                raw,
                self.taxonomy,
                today=self.today(),
                entry_id=entry_id,
                created_at=before.created_at if before else None,
            )
        except ValidationError as exc:
            form.show_errors(exc.errors)
            return None
        form.clear_errors()
        return entry

    def _identifiers_ok(self, form: EntryForm, entry: Entry, parent=None) -> bool:
        """Likely identifiers in the note or client ref: show them and let the worker edit or confirm."""
        from ..domain.identifiers import find_identifiers

        findings = find_identifiers(entry.note, entry.client_ref, today=self.today())
        if not findings:
            return True
        messages: dict[str, str] = {}
        for f in findings:
            messages.setdefault(f.field, "May identify someone: " + f.describe())
        form.show_errors(messages)
        form.highlight_findings(findings)
        listed = "\n".join(f"• {f.describe()} in the {'note' if f.field == 'note' else 'client ref'}" for f in findings)
        choice = self.dialogs.choose(
            parent or self,
            "This entry may identify someone",
            f"PeerDesk keeps client identities out of the record. It found:\n\n{listed}\n\n"
            "Edit the entry to remove them, or save it as it is if they identify no one.",
            ["Edit the entry", "Save anyway"],
        )
        if choice == 1:
            form.clear_errors()
            form.highlight_findings([])
            return True
        return False

    def save_new_entry(self) -> None:
        if self.store is None or not self.form.isEnabled():
            return
        entry = self._validate(self.form)
        if entry is None or not self._identifiers_ok(self.form, entry):
            return
        try:
            stored = self.store.add(entry)
        except Exception as exc:  # disk full, read-only folder, locked file: keep what was typed
            self.form.show_errors({}, general=f"Not saved: {exc}. What you typed is kept; try again.")
            return
        self.undo_stack.push(commands.AddEntry(self.store, stored, self._changed))
        self.form.clear()
        self.save_draft()  # nothing left to keep
        self.form.start_edit.setFocus(Qt.OtherFocusReason)
        label = self.taxonomy.category_label(stored.category)
        self.statusBar().showMessage(
            f"Saved {format_minutes(stored.minutes)} of {label} on {stored.date:%a %d %b}", 5000
        )

    def edit_row(self, row: int) -> None:
        if self.store is None or row < 0 or row >= self.week_view.model.rowCount():
            return
        before = self.week_view.model.entry(row)
        dialog = EntryDialog(self.taxonomy, self)
        dialog.form.set_values(entry_to_raw(before, self.taxonomy))

        def submit() -> None:
            after = self._validate(dialog.form, entry_id=before.id, before=before)
            if after is None or not self._identifiers_ok(dialog.form, after, parent=dialog):
                return
            try:
                stored = self.store.update(after)
            except Exception as exc:
                dialog.form.show_errors({}, general=f"Not saved: {exc}. What you typed is kept; try again.")
                return
            self.undo_stack.push(commands.EditEntry(self.store, before, stored, self._changed))
            dialog.accept()

        dialog.form.submitted.connect(submit)
        dialog.finished.connect(lambda _result: setattr(self, "edit_dialog", None))
        self.edit_dialog = dialog
        dialog.open()  # window-modal, without a nested event loop
        dialog.activateWindow()
        dialog.form.minutes_edit.setFocus(Qt.OtherFocusReason)

    def delete_row(self, row: int) -> None:
        if self.store is None or row < 0 or row >= self.week_view.model.rowCount():
            return
        entry = self.week_view.model.entry(row)
        label = self.taxonomy.category_label(entry.category)
        text = (
            f"Delete {format_minutes(entry.minutes)} of {label} on {entry.date:%A %d %B}?\n\n"
            "You can bring it back with Undo (Ctrl+Z)."
        )
        if not self.dialogs.confirm(self, "Delete entry", text):
            return
        try:
            gone = self.store.delete(entry.id)
        except Exception as exc:
            self.dialogs.error(self, "Not deleted", str(exc))
            return
        self.undo_stack.push(commands.DeleteEntry(self.store, gone, self._changed))
        self.statusBar().showMessage("Entry deleted. Undo with Ctrl+Z.", 8000)

    def focus_form(self) -> None:
        self.form.focus_first()

    # ------------------------------------------------------------ settings

    def _update_worker_label(self) -> None:
        worker = self.workspace.settings.get("worker")
        self.worker_label.setText(f"Worker: {worker}" if worker else "Worker not set")
        self.setWindowTitle(f"PeerDesk — {worker}" if worker else "PeerDesk")

    def ask_worker_if_unset(self) -> None:
        if self.workspace.settings.get("worker"):
            return
        name = self.dialogs.ask_text(
            self,
            "Welcome to PeerDesk",
            "Your name or worker code (written on every entry and on your exports;\n"
            "you can change it later in File ▸ Settings):",
            self.worker(),
        )
        self.workspace.settings.set("worker", name or self.worker())
        self.workspace.settings.save()
        self._update_worker_label()

    def open_settings(self) -> None:
        from .settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.workspace.settings, self)
        dialog.accepted.connect(lambda: self._settings_accepted(dialog))
        dialog.finished.connect(lambda _r: setattr(self, "settings_dialog", None))
        self.settings_dialog = dialog
        dialog.open()

    def _settings_accepted(self, dialog: SettingsDialog) -> None:
        dialog.apply()
        self.workspace.settings.save()
        self.form.set_mode(self.workspace.settings.get("default_mode"))
        self._update_worker_label()
        self.apply_idle_setting()
        self.refresh()

    # ------------------------------------------------------------ idle lock

    def apply_idle_setting(self) -> None:
        try:
            minutes = max(0.0, float(self.workspace.settings.get("idle_lock_minutes") or 0))
        except (TypeError, ValueError):
            minutes = 0.0
        self.idle.set_timeout_ms(int(minutes * 60_000))

    @property
    def lock_screen(self) -> LockScreen:
        if self._lock_screen is None:
            from .idle_lock import LockScreen

            self._lock_screen = LockScreen()
            self.content_stack.addWidget(self._lock_screen)
            self._lock_screen.unlocked.connect(self.unlock)
        return self._lock_screen

    def is_locked(self) -> bool:
        return self._lock_screen is not None and self.content_stack.currentWidget() is self._lock_screen

    def lock(self) -> None:
        """Hide everything the window shows (dialogs included) until unlocked."""
        if self.is_locked():
            return
        self.save_draft()
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()
        cipher = self.store.cipher if self.store is not None else None
        self.lock_screen.prepare(
            self.workspace.settings.get("pin_hash") or "", passphrase_check=cipher.matches if cipher else None
        )
        self.content_stack.setCurrentWidget(self.lock_screen)
        self.menuBar().setEnabled(False)
        self.statusBar().hide()
        self.idle.pause()

    def unlock(self) -> None:
        self.content_stack.setCurrentIndex(0)
        self.menuBar().setEnabled(True)
        self.statusBar().show()
        self.idle.resume()
        self.focus_form()

    def bring_forward(self) -> None:
        """Another start on the same folder asked for this window."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        self.statusBar().showMessage("PeerDesk is already open for this data folder.", 5000)

    # ------------------------------------------------------------ backups

    def backup_now(self) -> None:
        from datetime import UTC, datetime

        from ..storage import backups

        if self.store is None:
            return
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = backups.backup_folder(self.store.path) / f"peerdesk-manual-{stamp}.db"
        try:
            check = backups.make_backup(self.store.path, target, self.store.cipher)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            self.dialogs.error(self, "Backup failed", str(exc))
            return
        self.store.record("backup", f"{target} ({check.entries} entries)")
        self.statusBar().showMessage(f"Backed up {check.entries} entries to {target}", 10000)

    def restore_from_backup(self) -> None:
        from ..storage import backups
        from .restore_dialog import RestoreDialog

        infos = backups.list_backups(self.workspace.db_path, self.workspace.cipher)
        if not infos:
            self.dialogs.info(self, "No backups yet", "PeerDesk makes a backup on the first start of each day.")
            return
        dialog = RestoreDialog(infos, self)
        dialog.accepted.connect(lambda: self._restore(dialog.chosen()))
        self.restore_dialog = dialog
        dialog.open()

    def _restore(self, info) -> None:
        from ..storage import backups

        if info is None:
            return
        self.workspace.close()
        self.store = None
        restored = False
        try:
            kept = backups.restore_backup(self.workspace.db_path, info.path, cipher=self.workspace.cipher)
            restored = True
        except backups.BackupError as exc:
            self.dialogs.error(self, "Backup not restored", str(exc))
            kept = None
        try:
            self.set_store(self.workspace.open_store())
        except Exception as exc:  # noqa: BLE001
            self.dialogs.error(self, "PeerDesk cannot open its data", str(exc))
            self.form.setEnabled(False)
            return
        self.undo_stack.clear()  # the undo history belonged to the data that was replaced
        if restored:
            where = f"; the previous data is kept as {kept.name}" if kept is not None else ""
            self.store.record("restore_backup", f"from {info.path.name}{where}")
            self.statusBar().showMessage(f"Restored {info.check.entries} entries from {info.path.name}{where}", 15000)

    # ------------------------------------------------------------ supervisor review

    def review_exported_files(self) -> None:
        """File ▸ Review exported files…: workers' CSV exports, read-only, in a review window."""
        paths = self.dialogs.ask_open_paths(
            self, "Review exported files", "PeerDesk CSV exports (*.csv);;All files (*)"
        )
        if paths:
            self.open_review(paths)

    def open_review(self, paths: list[str]):
        """A review window over *paths*; it never touches this window's store."""
        from .review_window import open_review

        window = open_review(paths, self.taxonomy, dialogs=self.dialogs, parent=self)
        window.setAttribute(Qt.WA_DeleteOnClose)
        self.review_windows.append(window)
        window.destroyed.connect(lambda _obj=None, w=window: self._review_closed(w))
        return window

    def _review_closed(self, window) -> None:
        if window in self.review_windows:
            self.review_windows.remove(window)

    @staticmethod
    def _dropped_csv_paths(mime) -> list[str]:
        if not mime.hasUrls():
            return []
        paths = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
        return [p for p in paths if p.lower().endswith(".csv")]

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._dropped_csv_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._dropped_csv_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        paths = self._dropped_csv_paths(event.mimeData())
        if not paths:
            super().dropEvent(event)
            return
        event.acceptProposedAction()
        # after the drop returns, so the file manager is not held while the files are read
        QTimer.singleShot(0, lambda: self.open_review(paths))

    # ------------------------------------------------------------ help and view

    def open_guide(self, category: str = "") -> None:
        """The role guide, at *category* (or at the form's current category from F1)."""
        from .guide import RoleGuide

        if not category and self.form.isAncestorOf(QApplication.focusWidget()):
            category = self.form.category_combo.currentData() or ""
        if self.guide is None:
            self.guide = RoleGuide(self.taxonomy, self)
            self.guide.setFont(self.font())
        self.guide.open_at(f"category:{category}" if category else "intro")
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()

    def open_history(self) -> None:
        from .history import HistoryDialog

        if self.store is None:
            return
        dialog = HistoryDialog(self.store.audit_log(), self)
        self.history_dialog = dialog
        dialog.open()

    def start_demo(self) -> None:
        """Open the demo in its own process, on its own throwaway folder."""
        if getattr(sys, "frozen", False):
            program, args = sys.executable, ["demo"]
        else:
            program, args = sys.executable, ["-m", "peerdesk", "demo"]
        from PySide6.QtCore import QProcess

        ok, _pid = QProcess.startDetached(program, args)
        if ok:
            self.statusBar().showMessage("Starting the demo in a new window…", 5000)
        else:
            self.dialogs.error(self, "Demo not started", f"Could not start {program} {' '.join(args)}.")

    @staticmethod
    def ui_settings() -> QSettings:
        """View preferences of this computer's user (not data: kept out of the data folder)."""
        return QSettings("PeerDesk", "PeerDesk")

    def step_text_scale(self, step: int) -> None:
        scales = TEXT_SCALES
        current = min(range(len(scales)), key=lambda i: abs(scales[i] - self.text_scale))
        self.apply_text_scale(scales[max(0, min(len(scales) - 1, current + step))], remember=True)

    def apply_text_scale(self, scale: float, *, remember: bool = False) -> None:
        """Scale every font in the window (for projectors); layouts grow with the text."""
        scale = min(max(scale, TEXT_SCALES[0]), TEXT_SCALES[-1])
        self.text_scale = scale
        font = QFont(self.base_font)
        base = self.base_font.pointSizeF() if self.base_font.pointSizeF() > 0 else 10.0
        font.setPointSizeF(base * scale)
        changed = QApplication.font() != font
        if changed:  # (not at every start at the normal size: every widget would hear of it)
            QApplication.setFont(font)  # every widget and dialog follows, style-sheeted ones included
        title = QFont(font)
        title.setPointSizeF(font.pointSizeF() * 1.3)
        title.setBold(True)
        self.week_view.week_label.setFont(title)
        if self.guide is not None:
            self.guide.setFont(font)
        if changed:
            QApplication.sendPostedEvents()  # the font change reaches every widget before sizes are read
        self._fit_form_pane()
        if self.store is not None:
            self.refresh()  # charts take their fonts when drawn
        if remember:
            self.ui_settings().setValue("view/text_scale", scale)
            self.statusBar().showMessage(f"Text size {scale:.0%}", 3000)

    def show_about(self) -> None:
        from .. import __version__

        self.dialogs.info(
            self,
            "About PeerDesk",
            f"PeerDesk {__version__}\n\nLog peer support work day by day and see it week by week.\n\n"
            f"Categories: {self.taxonomy.source}.\n\nData folder: {self.workspace.data_dir}",
        )


class _FirstExpose(QObject):
    """Tells the window when its native window is first exposed (and so painted)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Expose and obj.isExposed():
            self.window._exposed()
        return False


class EntryDialog(QDialog):
    """Edit one entry with the same form and the same checks as a new one."""

    def __init__(self, taxonomy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit entry")
        self.form = EntryForm(taxonomy, save_label="&Save changes")
        self.form.clear_button.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
