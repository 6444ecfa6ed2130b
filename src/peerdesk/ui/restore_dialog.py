"""File ▸ Back up now and Restore from backup…: the backups with their date and entry count, checked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout

from ..domain.entry import count_of
from ..i18n import _
from ..storage.backups import BackupError, BackupInfo
from .fitting import open_size
from .locale_text import moment_text

if TYPE_CHECKING:
    from .main_window import MainWindow

PATH_ROLE = Qt.UserRole + 1


def describe(info: BackupInfo) -> str:
    made = moment_text(info.made)
    if info.check.ok:
        return _("{made} — {entries} — {file}").format(
            made=made, entries=count_of(info.check.entries, "entry", "entries"), file=info.path.name)
    return _("{made} — cannot be used: {reason} — {file}").format(
        made=made, reason=info.check.message, file=info.path.name)


class RestoreDialog(QDialog):
    def __init__(self, infos: list[BackupInfo], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Restore from backup"))
        open_size(self, 640, 360)  # grown with larger text, within the screen
        self.list = QListWidget(objectName="backup_list")
        self.list.setAccessibleName(_("Backups, newest first"))
        self.list.setAccessibleDescription(_("A backup that failed its check is listed but cannot be chosen."))
        for info in infos:
            item = QListWidgetItem(describe(info))
            item.setData(PATH_ROLE, info)
            if not info.check.ok:
                item.setFlags(item.flags() & ~Qt.ItemIsEnabled)
            self.list.addItem(item)
        first_ok = next((i for i in range(self.list.count()) if self.list.item(i).data(PATH_ROLE).check.ok), -1)
        self.list.setCurrentRow(first_ok)
        note = QLabel(
            _("The chosen backup replaces the current data. The current file is kept as a backup "
              "too, so this can be undone by restoring it."),
            wordWrap=True,
        )
        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.restore_button = self.buttons.addButton(_("Restore"), QDialogButtonBox.AcceptRole)
        self.restore_button.setAccessibleDescription(note.text())
        self.restore_button.setEnabled(first_ok >= 0)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout = QVBoxLayout(self)
        heading = QLabel(_("&Backups, newest first:"))
        heading.setBuddy(self.list)
        layout.addWidget(heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(note)
        layout.addWidget(self.buttons)

    def chosen(self) -> BackupInfo | None:
        item = self.list.currentItem()
        info = item.data(PATH_ROLE) if item else None
        return info if info is not None and info.check.ok else None


# ------------------------------------------------------------------ the window's backup actions


def back_up_now(window: MainWindow) -> None:
    """File ▸ Back up now: a checked copy in the backups folder, recorded in the audit log."""
    if window.store is None:
        return
    from ..operations.safekeeping import back_up_now as make
    from ..storage.store import StoreError

    try:
        made = make(window.store)
    except (BackupError, StoreError) as exc:
        window.dialogs.error(window, _("Backup failed"), str(exc))
        return
    entries = count_of(made.entries, "entry", "entries")
    if made.unrecorded:
        message = _("Backed up {entries} to {path}; it is not in the audit log: {reason}").format(
            entries=entries, path=made.path, reason=made.unrecorded)
    else:
        message = _("Backed up {entries} to {path}").format(entries=entries, path=made.path)
    window.status(message, 10000)


def choose_and_restore(window: MainWindow) -> None:
    """File ▸ Restore from backup…: the backups listed, the chosen one put back."""
    from ..storage import backups

    infos = backups.list_backups(window.workspace.db_path, window.workspace.cipher)
    if not infos:
        window.dialogs.info(window, _("No backups yet"), _("PeerDesk makes a backup on the first start of each day."))
        return
    dialog = RestoreDialog(infos, window)
    dialog.accepted.connect(lambda: restore(window, dialog.chosen()))
    window.restore_dialog = dialog
    dialog.open()


def restore(window: MainWindow, info: BackupInfo | None) -> None:
    """Put the backup *info* in place of the store and show what it holds."""
    if info is None:
        return
    from ..operations.opening import Opened
    from ..operations.safekeeping import restore_backup

    try:
        restored = restore_backup(window.workspace, info.path)
    except BackupError as exc:  # it failed its check: nothing was changed, the store is still open
        window.dialogs.error(window, _("Backup not restored"), str(exc))
        return
    window.store = None  # closed by the restore, and opened again below
    if restored.error:
        window.dialogs.error(window, _("Backup not restored"), restored.error)
    outcome = restored.outcome
    if not isinstance(outcome, Opened):
        window.dialogs.error(window, _("PeerDesk cannot open its data"), outcome.message)
        if window.form is not None:
            window.form.setEnabled(False)
        return
    window.set_store(outcome.store)
    if restored.error:
        return
    if window.history is not None:
        window.history.clear()  # the undo history belonged to the data that was replaced
    entries = count_of(restored.entries, "entry", "entries")
    if restored.kept is not None:
        message = _("Restored {entries} from {file}; the previous data is kept as {kept}").format(
            entries=entries, file=info.path.name, kept=restored.kept.name)
    else:
        message = _("Restored {entries} from {file}").format(entries=entries, file=info.path.name)
    window.status(message, 15000)
