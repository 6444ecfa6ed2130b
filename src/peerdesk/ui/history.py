"""Help ▸ Activity history: the audit log, newest first, read-only."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableView, QVBoxLayout

from .fitting import open_size

COLUMNS = ("When", "Worker", "Account", "Action", "Entry", "Detail")
ACTIONS = {
    "create": "Created",
    "edit": "Edited",
    "delete": "Deleted",
    "restore": "Brought back",
    "import": "Imported",
    "export": "Exported",
    "backup": "Backed up",
    "restore_backup": "Restored a backup",
}


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
            return COLUMNS[section]
        return None

    def data(self, index, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        r = self.records[index.row()]
        col = COLUMNS[index.column()]
        if col == "When":
            return r.at.astimezone().strftime("%a %d %b %Y %H:%M:%S")
        if col == "Worker":
            return r.worker
        if col == "Account":  # the computer's login, beside the worker code
            return r.account
        if col == "Action":
            return ACTIONS.get(r.action, r.action)
        if col == "Entry":
            return (r.entry_id or "")[:8] if role == Qt.DisplayRole else r.entry_id
        return r.detail


class HistoryDialog(QDialog):
    def __init__(self, records, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Activity history")
        open_size(self, 820, 480)  # grown with larger text, within the screen
        self.model = HistoryModel(records, self)
        self.table = QTableView(objectName="history_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Who created, changed, deleted, exported or restored what, and when (newest first). "
                                "This record cannot be changed.", wordWrap=True))
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
