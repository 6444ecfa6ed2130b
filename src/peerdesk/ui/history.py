"""Help ▸ Activity history: the audit log, newest first, read-only."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableView, QVBoxLayout

from ..i18n import N_, _
from .fitting import open_size
from .locale_text import moment_text

# The columns' headings (shown as _(COLUMNS[i]); the model tells its columns apart by these).
COLUMNS = (N_("When"), N_("Worker"), N_("Account"), N_("Action"), N_("Entry"), N_("Detail"))
# The audit log's actions (its keys stay as written; the details stay in English, as the log keeps them).
ACTIONS = {
    "create": N_("Created"),
    "edit": N_("Edited"),
    "delete": N_("Deleted"),
    "restore": N_("Brought back"),
    "import": N_("Imported"),
    "export": N_("Exported"),
    "backup": N_("Backed up"),
    "restore_backup": N_("Restored a backup"),
}  # shown as _(ACTIONS[action])


class HistoryModel(QAbstractTableModel):
    def __init__(self, records, parent=None) -> None:
        super().__init__(parent)
        self.records = list(records)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return _(COLUMNS[section])
        return None

    def data(self, index, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        r = self.records[index.row()]
        col = COLUMNS[index.column()]
        if col == "When":
            return moment_text(r.at, "ddd d MMM yyyy HH:mm:ss")
        if col == "Worker":
            return r.worker
        if col == "Account":  # the computer's login, beside the worker code
            return r.account
        if col == "Action":
            return _(ACTIONS[r.action]) if r.action in ACTIONS else r.action
        if col == "Entry":
            return (r.entry_id or "")[:8] if role == Qt.DisplayRole else r.entry_id
        return r.detail


class HistoryDialog(QDialog):
    def __init__(self, records, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Activity history"))
        open_size(self, 820, 480)  # grown with larger text, within the screen
        self.model = HistoryModel(records, self)
        self.table = QTableView(objectName="history_table")
        self.table.setAccessibleName(_("Activity history, newest first"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        about = QLabel(_("Who created, changed, deleted, exported or restored what, and when (newest first). "
                         "This record cannot be changed."), wordWrap=True)
        self.table.setAccessibleDescription(about.text())
        layout.addWidget(about)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
