"""A table model over one week's entries: plain Entry values in, cells out."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ..domain.entry import FORMATS, MODES, Entry, format_minutes
from ..domain.taxonomy import Taxonomy

COLUMNS = ("Day", "Start", "Time", "Work type", "Category", "Mode", "Format", "People", "Client ref", "Tags", "Note")
ENTRY_ROLE = Qt.UserRole + 1

Index = QModelIndex | QPersistentModelIndex
_ROLES = frozenset({ENTRY_ROLE, Qt.ToolTipRole, Qt.TextAlignmentRole})
# Qt's enum members looked up once: each ``Qt.X`` costs PySide a few microseconds, and the
# view asks data() some thousands of times for a busy week (sizes and painting)
_DISPLAY, _TOOLTIP, _ALIGNMENT = int(Qt.DisplayRole), int(Qt.ToolTipRole), int(Qt.TextAlignmentRole)
_HORIZONTAL = Qt.Horizontal
_RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)


class WeekTableModel(QAbstractTableModel):
    def __init__(self, taxonomy: Taxonomy, parent=None) -> None:
        super().__init__(parent)
        self.taxonomy = taxonomy
        self._entries: list[Entry] = []
        self._cells: list[tuple[str, ...]] = []

    def set_entries(self, entries: list[Entry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        # every cell's text worked out once: views ask for it many times (sizes, painting)
        self._cells = [tuple(self._display(e, col) for col in COLUMNS) for e in self._entries]
        self.endResetModel()

    def entry(self, row: int) -> Entry:
        return self._entries[row]

    def row_of(self, entry_id: str) -> int:
        for i, e in enumerate(self._entries):
            if e.id == entry_id:
                return i
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if role == _DISPLAY and orientation == _HORIZONTAL:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.DisplayRole) -> Any:
        if role == _DISPLAY:
            return self._cells[index.row()][index.column()] if index.isValid() else None
        if role not in _ROLES or not index.isValid():
            return None
        e = self._entries[index.row()]
        col = COLUMNS[index.column()]
        if role == ENTRY_ROLE:
            return e
        if role == _TOOLTIP:
            if col == "Category":
                cat = self.taxonomy.categories.get(e.category)
                return cat.description if cat else None
            if col == "Note" and e.note:
                return e.note
            if col == "Time":
                return f"{e.minutes} minutes"
        if role == _ALIGNMENT and col in ("Time", "People"):
            return _RIGHT
        return None

    def _display(self, e: Entry, col: str) -> str:
        if col == "Day":
            return e.date.strftime("%a %d %b")
        if col == "Start":
            return e.start_time.strftime("%H:%M") if e.start_time else ""
        if col == "Time":
            return format_minutes(e.minutes)
        if col == "Work type":
            cat = self.taxonomy.categories.get(e.category)
            wt = self.taxonomy.work_types.get(cat.work_type) if cat else None
            return wt.label if wt else "?"
        if col == "Category":
            return self.taxonomy.category_label(e.category)
        if col == "Mode":
            return MODES.get(e.mode, e.mode)
        if col == "Format":
            return FORMATS.get(e.format, e.format)
        if col == "People":
            return str(e.people)
        if col == "Client ref":
            return e.client_ref
        if col == "Tags":
            return ", ".join(self.taxonomy.tags[t].label if t in self.taxonomy.tags else t for t in e.tags)
        if col == "Note":
            first = e.note.split("\n", 1)[0]
            return first if len(first) <= 60 and "\n" not in e.note else first[:57].rstrip() + "…"
        return ""
