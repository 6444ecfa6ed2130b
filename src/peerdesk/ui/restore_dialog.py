"""File ▸ Restore from backup…: the backups with their date and entry count, checked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout

from ..storage.backups import BackupInfo

PATH_ROLE = Qt.UserRole + 1


def describe(info: BackupInfo) -> str:
    made = info.made.astimezone().strftime("%a %d %b %Y %H:%M")
    if info.check.ok:
        return f"{made} — {info.check.entries} entries — {info.path.name}"
    return f"{made} — cannot be used: {info.check.message} — {info.path.name}"


class RestoreDialog(QDialog):
    def __init__(self, infos: list[BackupInfo], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        self.resize(640, 360)
        self.list = QListWidget(objectName="backup_list")
        for info in infos:
            item = QListWidgetItem(describe(info))
            item.setData(PATH_ROLE, info)
            if not info.check.ok:
                item.setFlags(item.flags() & ~Qt.ItemIsEnabled)
            self.list.addItem(item)
        first_ok = next((i for i in range(self.list.count()) if self.list.item(i).data(PATH_ROLE).check.ok), -1)
        self.list.setCurrentRow(first_ok)
        note = QLabel(
            "The chosen backup replaces the current data. The current file is kept as a backup "
            "too, so this can be undone by restoring it.",
            wordWrap=True,
        )
        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.restore_button = self.buttons.addButton("Restore", QDialogButtonBox.AcceptRole)
        self.restore_button.setEnabled(first_ok >= 0)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Backups, newest first:"))
        layout.addWidget(self.list, 1)
        layout.addWidget(note)
        layout.addWidget(self.buttons)

    def chosen(self) -> BackupInfo | None:
        item = self.list.currentItem()
        info = item.data(PATH_ROLE) if item else None
        return info if info is not None and info.check.ok else None
