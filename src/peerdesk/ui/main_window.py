"""The main window: a frame that wires the work area's widgets to the application layer.

The widgets show; the operations (:mod:`peerdesk.operations`) decide. The
window checks, saves, backs up and restores only through them, exactly as the
command line does, and shows what they return. The frame paints first; its
content (:mod:`.work_area`) is imported and built after that first paint.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow, QMenu, QWidget

from ..domain.weeks import Week
from ..i18n import N_, _
from ..workspace import Workspace
from .dialogs import Dialogs
from .drops import OPEN_FILTER, take_csv_drag, take_csv_drop
from .fitting import first_size, fit_to_screen

if TYPE_CHECKING:
    from ..domain.entry import Entry
    from ..domain.taxonomy import Taxonomy
    from ..operations.drafts import Drafts
    from ..storage.store import Reader, Store
    from ..week_data import WeekLoader
    from .chart_card import ChartCard
    from .commands import UndoHistory
    from .daily_backup import DailyBackup
    from .entry_editing import EntryDialog
    from .entry_form import EntryForm
    from .guide import RoleGuide
    from .idle_lock import IdleWatcher
    from .settings_dialog import SettingsDialog
    from .sync_status import BackgroundSync
    from .week_view import WeekView
    from .work_area import WorkArea

MENUS = (N_("&File"), N_("&Edit"), N_("&View"), N_("&Help"))  # keys of menu(); shown translated


class MainWindow(QMainWindow):
    first_painted = Signal()  # once, right after the window first reaches the screen
    week_shown = Signal()  # the week's table and charts were filled (from the store or a first look)

    # made by build_menus() with the form
    export_action: QAction
    export_chart_action: QAction
    review_action: QAction
    backup_action: QAction
    restore_action: QAction
    settings_action: QAction
    new_action: QAction
    save_action: QAction
    edit_action: QAction
    delete_action: QAction
    larger_action: QAction
    smaller_action: QAction
    normal_text_action: QAction
    guide_action: QAction
    history_action: QAction
    demo_action: QAction
    window_keys: QObject  # lets the window's keys through every field (menus.WindowKeys)
    open_folder_button: QWidget  # after an export, for a while (window_help.offer_folder)
    folder_shown: Path

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
        self.store: Store | None = None
        self.first_look: Reader | None = None  # shows the week read-only while the store opens
        self.instance_server: QObject | None = None  # this window's claim on its data folder (app.launch sets it)
        self.successor: MainWindow | None = None  # the window on another data folder chosen instead
        self.week = week or Week.of(today())
        self.area: WorkArea | None = None
        self.week_view: WeekView | None = None
        self.form: EntryForm | None = None
        self.history: UndoHistory | None = None
        self.idle: IdleWatcher | None = None
        self.drafts: Drafts | None = None
        self.edit_dialog: EntryDialog | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.restore_dialog: QDialog | None = None
        self.export_dialog: QDialog | None = None
        self.report_dialog: QDialog | None = None  # File ▸ Report… (ui/report_dialog.py)
        self.history_dialog: QDialog | None = None
        self.guide: RoleGuide | None = None
        self.review_windows: list[QWidget] = []  # File ▸ Review exported files…, dropped files
        self.setAcceptDrops(True)  # .csv exports dropped on the window open in a review window
        self.text_scale = 1.0
        self.built = False
        self._loader: WeekLoader | None = None  # the reader of the store (or first look) last shown
        self._painted = False
        self._expose_watch: _FirstExpose | None = None
        self._menus: dict[str, QMenu] = {}
        self.sync: BackgroundSync | None = None  # the team server's background sync, with the store
        self.daily_backup: DailyBackup | None = None  # the first start of a day's backup, on its thread

        self.setWindowTitle("PeerDesk")
        first_size(self, 1280, 800)  # all of a small screen
        self.statusBar().showMessage(_("Opening the database…"))
        if not staged:
            self.build()

    # ------------------------------------------------------------ building

    def build(self) -> None:
        """Everything but the frame: the week, then the form and the menus."""
        self.build_week()
        self.build_form()

    def build_week(self) -> None:
        """The work area with the week (and a place kept for the form), the status bar's
        worker and the menu bar: the week can be shown before the form is built."""
        if self.area is not None:
            return
        from .work_area import WorkArea

        self.taxonomy: Taxonomy = self.workspace.taxonomy
        self.area = WorkArea(self.taxonomy, demo=bool(self.workspace.settings.get("demo")))
        self.week_view = view = self.area.week_view
        # the form and the week scroll each in its own pane (WorkArea): the window never does
        self.setCentralWidget(self.area)
        from .text_size import remembered_scale

        self.apply_text_scale(remembered_scale())
        self.worker_label = QLabel()
        self.statusBar().addPermanentWidget(self.worker_label)
        bar = self.menuBar()  # its menus now, their entries with the form: the week does not move then
        self._menus = {name: bar.addMenu(_(name)) for name in MENUS}
        view.previous_requested.connect(self.show_previous_week)
        view.next_requested.connect(self.show_next_week)
        view.this_week_requested.connect(self.show_this_week)
        view.edit_requested.connect(self.edit_row)
        view.delete_requested.connect(self.delete_row)
        view.week_clicked.connect(self.go_to_week)
        view.trend_weeks_changed.connect(lambda _n: self.refresh_trend())
        view.save_chart_requested.connect(self.save_chart)
        self.area.unlocked.connect(self.unlock)
        self._update_worker_label()
        view.week_label.setText(self.week.label())

    def build_form(self) -> None:
        """The form (in the place kept for it), the menus, the undo history, the idle lock."""
        if self.built:
            return
        self.build_week()
        assert self.area is not None
        from .commands import UndoHistory
        from .idle_lock import IdleWatcher
        from .menus import build_menus

        self.form = form = self.area.build_form()
        form.date_edit.today = self.today  # the steps and the calendar stop at the window's tomorrow
        form.set_mode(self.workspace.settings.get("default_mode"))
        form.set_values({"date": self.today()})
        if form.quick is not None:
            form.quick.usual_source = self.usual_lines
        form.setEnabled(self.store is not None)
        self.idle = IdleWatcher(self)
        self.idle.idle.connect(self.lock)
        self.apply_idle_setting()
        # a refused undo or redo is said in the status bar; the history stays where it was
        self.history = UndoHistory(self, lambda: self.store, self._changed, lambda text: self.status(text, 15000))
        build_menus(self)
        form.submitted.connect(self.save_new_entry)
        self.draft_timer = QTimer(self, singleShot=True, interval=400)
        self.draft_timer.timeout.connect(self.save_draft)
        form.changed.connect(self.draft_timer.start)
        form.guide_requested.connect(self.open_guide)
        self.built = True

    def fit_to_screen(self) -> None:
        """Keep the whole window, its frame included, inside its screen's free area: a ward
        PC's 1366×768 screen is shorter than the default 800 px and a title bar."""
        fit_to_screen(self)

    def switch_focus(self) -> None:
        """F6 or Ctrl+L: from the form to the week's table (its current row, else the first) and back."""
        from PySide6.QtCore import Qt  # (made as needed: Qt's namespace costs 15 ms before the first paint)

        view, form = self.week_view, self.form
        if view is None or form is None:
            return
        if form.isAncestorOf(QApplication.focusWidget()):
            if not view.model.rowCount():
                self.status(_("No entries in week {number} to move to.").format(number=self.week.number), 4000)
                return
            table = view.table
            if not table.currentIndex().isValid() and view.model.rowCount():
                table.setCurrentIndex(view.model.index(0, 0))
            table.setFocus(Qt.ShortcutFocusReason)
        else:
            form.date_edit.setFocus(Qt.ShortcutFocusReason)

    def show_chart(self, index: int) -> None:
        """View ▸ the chart tab *index* (0 this week, 1 trend, 2 how)."""
        if self.week_view is not None:
            self.week_view.chart_tabs.setCurrentIndex(index)

    def menu(self, name: str) -> QMenu:
        return self._menus[name]

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self.area is not None:
            self.area.fit_form_pane()  # widgets take their (possibly larger) font when first shown
        handle = self.windowHandle()
        if not self._painted and handle is not None and self._expose_watch is None:
            self._expose_watch = _FirstExpose(self)
            handle.installEventFilter(self._expose_watch)

    def _exposed(self) -> None:
        if not self._painted:
            self._painted = True
            self.windowHandle().removeEventFilter(self._expose_watch)
            QTimer.singleShot(0, self.first_painted.emit)  # after the expose has been painted

    def paint_now(self) -> None:
        """Lay out and paint what is pending now, before a long step that blocks the event loop."""
        QApplication.sendPostedEvents()
        self.repaint()

    # ------------------------------------------------------------ store

    def show_first_look(self, reader: Reader) -> None:
        """The week read from a read-only *reader* while the store is still being opened
        (and checked); the form stays disabled until :meth:`set_store`."""
        self.first_look = reader
        self.refresh()

    def _drop_first_look(self) -> None:
        if self.first_look is not None:
            self.first_look.close()
            self.first_look = None

    def set_store(self, store: Store) -> None:
        from ..operations.drafts import Drafts

        self.store = store
        self.drafts = Drafts(self.workspace.data_dir, encrypted=store.cipher is not None)
        if self.sync is None and self.workspace.settings.get("server_url"):  # a team server is set
            from .sync_status import BackgroundSync

            self.sync = BackgroundSync(self)
        if self.sync is not None:
            QTimer.singleShot(0, self.sync.start)
        self._drop_first_look()
        if self.form is not None:
            self.form.setEnabled(True)
        self.statusBar().clearMessage()
        # the week from the store: nothing to redo (the table's place and selection kept) when it is
        # the first look's, as it is unless a change was written to the file in between
        self.refresh(unless_shown=True)
        self.restore_draft()
        for warning in getattr(store, "warnings", ()):  # a damaged write-ahead log, kept aside
            QTimer.singleShot(0, lambda text=warning: self.dialogs.error(self, _("Recent changes may be missing"),
                                                                         text))

    def status(self, message: str, ms: int = 8000) -> None:
        self.statusBar().showMessage(message, ms)

    def offer_folder(self, folder: Path) -> None:
        """An "Open folder" button beside the status line for a while, after an export."""
        from .window_help import offer_folder

        offer_folder(self, folder)

    # ------------------------------------------------------------ draft

    def save_draft(self) -> None:
        """Keep what is typed but not saved, so a closed window or a crash loses nothing."""
        self.draft_timer.stop()
        if self.drafts is None or self.form is None:
            return
        values = self.form.values() if self.form.has_typed_text() else None
        try:
            self.drafts.keep(values)
        except OSError as exc:
            self.status(_("Could not keep a draft of the entry: {reason}").format(reason=exc.strerror))

    def restore_draft(self) -> None:
        values = self.drafts.load() if self.drafts is not None else None
        if values is None or self.form is None:
            return
        try:
            self.form.set_values(values)
        except (TypeError, ValueError):
            return
        self.status(_("Restored the entry you had not saved yet."), 10000)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.built and self.draft_timer.isActive():
            self.save_draft()
        if self.sync is not None:
            self.sync.stop()
        if self.daily_backup is not None and self.daily_backup.running():  # never cut short:
            self.hide()  # the window goes at once; today's copy ends first (a second or two)
            self.daily_backup.wait()
        if self.instance_server is not None:
            self.instance_server.close()  # another start on this folder may open its own window now
        self._drop_first_look()
        super().closeEvent(event)

    # ------------------------------------------------------------ the week

    def show_week(self, week: Week) -> None:
        self.week = week
        self.refresh()

    def go_to_week(self, week: Week) -> None:
        """The worker moved to *week* (the week keys, a trend column): the form's date follows,
        to today in the current week and to the week's Monday in another, so the next entry
        lands in the week on screen."""
        if self.form is not None:
            qd = self.form.date_edit.date()
            if Week.of(date(qd.year(), qd.month(), qd.day())) != week:
                today = self.today()
                self.form.set_values({"date": today if Week.of(today) == week else week.start})
        self.show_week(week)

    def show_previous_week(self) -> None:
        self.go_to_week(self.week.previous())

    def show_next_week(self) -> None:
        self.go_to_week(self.week.next())

    def show_this_week(self) -> None:
        self.go_to_week(Week.of(self.today()))

    def _source(self) -> Reader | None:
        """Where the week is read from: the store, or the first look while it opens."""
        return self.store if self.store is not None else self.first_look

    def refresh(self, *, unless_shown: bool = False) -> None:
        """The week read again and shown; with *unless_shown*, left as it is when the view shows
        the same already (the store's week after the first look's, the file unchanged between)."""
        source, view = self._source(), self.week_view
        if view is None:
            return
        if source is None:
            view.week_label.setText(self.week.label())
            return
        data = self._week_loader(source).load(self.week, trend_count=view.trend_weeks(), today=self.today())
        shown = {"is_current": self.week == Week.of(self.today()), "contracted_hours": self.contracted_hours()}
        if not (unless_shown and view.shows(data, **shown)):
            view.show_data(data, **shown)
        self.week_shown.emit()

    def refresh_trend(self) -> None:
        source = self._source()
        if source is None or self.week_view is None:
            return
        chart = self.week_view.trend_chart
        trend = self._week_loader(source).trend(self.week, chart.weeks_count(), self.today())
        chart.show_trend(trend, self.week, self.contracted_hours())

    def _week_loader(self, source: Reader) -> WeekLoader:
        """The reader of *source*'s weeks, which keeps the trend's totals from week to week."""
        if self._loader is None or self._loader.store is not source:
            from ..week_data import WeekLoader

            self._loader = WeekLoader(source, self.taxonomy)
        return self._loader

    def contracted_hours(self) -> float:
        return self.workspace.settings.number("contracted_hours")

    def current_row(self) -> int:
        return self.week_view.current_row() if self.week_view is not None else -1

    def _changed(self, entry: Entry) -> None:
        """After any change (or its undo): show the entry's week, refreshed."""
        if entry.date not in self.week:
            self.week = Week.of(entry.date)
        self.refresh()
        if self.week_view is not None:
            self.week_view.select_entry(entry.id)

    # ------------------------------------------------------------ entries

    def worker(self) -> str:
        return self.workspace.settings.worker()

    def focus_form(self) -> None:
        if self.form is not None:
            self.form.focus_first()

    def focus_quick(self) -> None:
        """Ctrl+K: the quick-entry line, from anywhere in the window."""
        if self.form is not None and self.form.quick is not None:
            self.form.quick.focus()

    def usual_lines(self) -> list[tuple[str, int]]:
        """The worker's usual entries as quick lines (Down on an empty quick line)."""
        if self.store is None:
            return []
        mode = self.workspace.settings.get("default_mode")
        from ..operations.entries import usual_lines

        return usual_lines(self.store, self.taxonomy, today=self.today(), default_mode=mode)

    def save_new_entry(self) -> None:
        from .entry_editing import save_new_entry

        save_new_entry(self)

    def row_entry(self, row: int) -> Entry | None:
        """The entry in the week table's *row*, when the store is open."""
        view = self.week_view
        if self.store is None or view is None or row < 0 or row >= view.model.rowCount():
            return None
        return view.model.entry(row)

    def edit_row(self, row: int) -> None:
        from .entry_editing import edit_entry

        edit_entry(self, row)

    def delete_row(self, row: int) -> None:
        from .entry_editing import delete_entry

        delete_entry(self, row)

    # ------------------------------------------------------------ settings and the worker

    def _update_worker_label(self) -> None:
        worker = self.workspace.settings.get("worker")
        self.worker_label.setText(_("Worker: {worker}").format(worker=worker) if worker else _("Worker not set"))
        # the platform adds the application's name: "PW-07 — PeerDesk"
        self.setWindowTitle(worker or "PeerDesk")

    def ask_worker_if_unset(self) -> None:
        from .window_help import ask_worker_if_unset

        ask_worker_if_unset(self)

    def open_settings(self) -> None:
        from .settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.workspace.settings, self)
        dialog.accepted.connect(lambda: self._settings_accepted(dialog))
        dialog.finished.connect(lambda _r: setattr(self, "settings_dialog", None))
        self.settings_dialog = dialog
        dialog.open()

    def _settings_accepted(self, dialog: SettingsDialog) -> None:
        before = self.workspace.settings.get("default_mode")
        dialog.apply()
        self.workspace.settings.save()
        mode = self.workspace.settings.get("default_mode")
        if self.form is not None and mode != before:  # OK alone leaves the entry being typed as it is
            self.form.set_mode(mode)
        self._update_worker_label()
        self.apply_idle_setting()
        self.refresh()

    # ------------------------------------------------------------ idle lock

    def apply_idle_setting(self) -> None:
        if self.idle is not None:
            self.idle.set_timeout_ms(int(self.workspace.settings.number("idle_lock_minutes") * 60_000))

    def is_locked(self) -> bool:
        return self.area is not None and self.area.is_locked()

    def lock(self) -> None:
        """Hide everything the window shows (dialogs included) until unlocked."""
        if self.area is None or self.is_locked():
            return
        if self.built:
            self.save_draft()
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()
        screen = self.area.lock_screen
        cipher = self.store.cipher if self.store is not None else None
        screen.prepare(
            self.workspace.settings.get("pin_hash") or "", passphrase_check=cipher.matches if cipher else None
        )
        self.area.show_lock()
        self.menuBar().setEnabled(False)
        self.statusBar().hide()
        if self.idle is not None:
            self.idle.pause()

    def unlock(self) -> None:
        if self.area is None:
            return
        self.area.show_work()
        self.menuBar().setEnabled(True)
        self.statusBar().show()
        if self.idle is not None:
            self.idle.resume()
        self.focus_form()

    def bring_forward(self) -> None:
        """Another start on the same folder asked for this window."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        self.status(_("PeerDesk is already open for this data folder."), 5000)

    # ------------------------------------------------------------ backups

    def begin_daily_backup(self) -> None:
        """Today's backup, when due, on a thread of its own (ui/daily_backup.py)."""
        from .daily_backup import DailyBackup

        self.daily_backup = self.daily_backup or DailyBackup(self)
        self.daily_backup.start()

    def backup_now(self) -> None:
        from .restore_dialog import back_up_now

        back_up_now(self)

    def restore_from_backup(self) -> None:
        from .restore_dialog import choose_and_restore

        if self.daily_backup is not None:  # the backups folder as today's copy leaves it
            self.daily_backup.wait()
        choose_and_restore(self)

    # ------------------------------------------------------------ exports and charts

    def save_chart(self, card: ChartCard | None = None) -> None:
        if self.week_view is None:
            return
        from .chart_card import save_card_png

        card = card or self.week_view.current_chart()
        suggested = self.workspace.data_dir.parent / f"peerdesk_{card.name}_{self.week}.png"
        save_card_png(self, self.dialogs, card, str(suggested))

    def export_csv(self) -> None:
        """File ▸ Export…: ask what, then where; write it with a cancellable progress dialog."""
        if self.store is None:
            return
        from .export_dialog import ExportDialog, ask_and_export

        dialog = ExportDialog(self.worker(), self.today(), self, count=self.store.count_between)

        def export() -> None:
            if self.store is not None:
                message, folder = ask_and_export(self, self.dialogs, self.store, self.taxonomy, dialog.choice())
                if message:
                    self.status(message, 15000)
                if folder is not None:
                    self.offer_folder(folder)

        dialog.accepted.connect(export)
        dialog.finished.connect(lambda _r: setattr(self, "export_dialog", None))
        self.export_dialog = dialog
        dialog.open()

    # ------------------------------------------------------------ supervisor review

    def review_exported_files(self) -> None:
        """File ▸ Review exported files…: workers' CSV exports, read-only, in a review window."""
        paths = self.dialogs.ask_open_paths(self, _("Review exported files"), _(OPEN_FILTER))
        if paths:
            self.open_review(paths)

    def open_review(self, paths: list[str]) -> QWidget:
        """A review window over *paths*; it never touches this window's store."""
        from PySide6.QtCore import Qt

        from ..operations.reviewing import trusted_keys
        from .review_window import open_review
        from .week_actions import files_sign_off

        window = open_review(paths, self.taxonomy, dialogs=self.dialogs, parent=self,
                             trusted=trusted_keys(self.workspace.data_dir))  # the keys this PC registered
        window.sign_off_with = files_sign_off(self, paths)  # receipts for the files of trusted workers
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.review_windows.append(window)
        window.destroyed.connect(lambda _obj=None, w=window: self._review_closed(w))
        return window

    def _review_closed(self, window: QWidget) -> None:
        if window in self.review_windows:
            self.review_windows.remove(window)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        if not take_csv_drag(event):
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt API
        if not take_csv_drag(event):
            super().dragMoveEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        if not take_csv_drop(event, self.open_review):
            super().dropEvent(event)

    # ------------------------------------------------------------ help and view

    def open_guide(self, category: str = "") -> None:
        """The role guide, at *category* (or at the form's current category from F1)."""
        from .guide import RoleGuide

        form = self.form
        if not category and form is not None and form.isAncestorOf(QApplication.focusWidget()):
            category = form.category_combo.currentData() or ""
        if self.guide is None:
            self.guide = RoleGuide(self.taxonomy, self)
            self.guide.setFont(self.font())
        self.guide.open_at(f"category:{category}" if category else "intro")
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()

    def open_history(self) -> None:
        if self.store is None:
            return
        from .history import HistoryDialog

        self.history_dialog = HistoryDialog(self.store.audit_log(), self)
        self.history_dialog.open()

    def start_demo(self) -> None:
        """Open the demo in its own process, on its own throwaway folder."""
        from .window_help import start_demo

        start_demo(self)

    def step_text_scale(self, step: int) -> None:
        from .text_size import stepped

        self.apply_text_scale(stepped(self.text_scale, step), remember=True)

    def apply_text_scale(self, scale: float, *, remember: bool = False) -> None:
        """Scale every font in the window (for projectors); layouts grow with the text."""
        from . import text_size

        self.text_scale = text_size.clamp(scale)
        font = text_size.apply_scale(self.text_scale)
        if self.week_view is not None:
            self.week_view.week_label.setFont(text_size.title_font(font))
        if self.guide is not None:
            self.guide.setFont(font)
        if self.area is not None:
            self.area.fit_form_pane()
        if self.store is not None:
            self.refresh()  # charts take their fonts when drawn
        if self.isVisible():
            self.fit_to_screen()  # larger text never takes the window past its screen
        if remember:
            text_size.remember(self.text_scale)
            self.status(_("Text size {percent}%").format(percent=round(self.text_scale * 100)), 3000)

    def show_about(self) -> None:
        from .window_help import show_about

        show_about(self)


class _FirstExpose(QObject):
    """Tells the window when its native window is first exposed (and so painted)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Expose and obj.isExposed():
            self.window._exposed()
        return False
