"""The review's team table: one row per worker × week, minutes per work type, the total and the direct share."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from ..domain.entry import format_minutes
from ..domain.taxonomy import Taxonomy
from ..domain.weeks import Week
from ..exchange.review import TeamRow

SHARE_OF = "direct"  # the work type whose share the table and the share chart show
SORT_ROLE = Qt.UserRole + 1
Index = QModelIndex | QPersistentModelIndex

class TeamModel(QAbstractTableModel):
    """Worker × week rows: minutes per work type, the total and the direct share."""

    def __init__(self, taxonomy: Taxonomy, parent=None) -> None:
        super().__init__(parent)
        self.work_types = list(taxonomy.work_types)
        labels = [wt.label for wt in taxonomy.work_types.values()]
        share_label = taxonomy.work_types[SHARE_OF].label if SHARE_OF in taxonomy.work_types else SHARE_OF
        self.columns = ["Worker", "Week", *labels, "Total", f"{share_label} %"]
        self.share_tip = f"{share_label} share: the part of the week's time that was {share_label.lower()} work"
        self.rows: list[TeamRow] = []

    def set_rows(self, rows: Iterable[TeamRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Horizontal:
            return None
        if role == Qt.DisplayRole:
            return self.columns[section]
        if role == Qt.ToolTipRole and section == len(self.columns) - 1:
            return self.share_tip
        return None

    def value(self, row: int, column: int) -> str | int | float:
        """The raw value of a cell: text, minutes, or a percentage."""
        t = self.rows[row]
        if column == 0:
            return t.worker
        if column == 1:
            return t.week
        if column < 2 + len(self.work_types):
            return t.by_work_type.get(self.work_types[column - 2], 0)
        if column == 2 + len(self.work_types):
            return t.total
        return t.share(SHARE_OF)

    def data(self, index: Index, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        last = len(self.columns) - 1
        if role == Qt.DisplayRole:
            value = self.value(row, col)
            if col < 2:
                return value
            return f"{value:.0f}%" if col == last else format_minutes(value)
        if role == SORT_ROLE:
            return self.value(row, col)
        if role == Qt.TextAlignmentRole and col >= 2:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.ToolTipRole:
            if col == 1:
                try:
                    return Week.parse(self.rows[row].week).label()
                except ValueError:
                    return None
            if col == last:
                return f"{self.value(row, col):.1f}% of {format_minutes(self.rows[row].total)}"
            if col >= 2:
                return f"{self.value(row, col)} minutes"
        return None
