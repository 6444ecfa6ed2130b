"""The Review window's tables for a team: the files' status, the worker × week pivot, each
worker's averages and the entries themselves (Qt's model/view; the figures come from
:mod:`peerdesk.exchange.team_views`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from ..domain.entry import FORMATS, MODES, format_minutes
from ..domain.weeks import Week
from ..exchange.reading import ReviewEntry
from ..exchange.team_views import Average, FileStatus, Pivot
from . import plain_text

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.UserRole + 1
_RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)


class ReadOnlyTable(QAbstractTableModel):
    """A read-only table of *rows*; subclasses say a row's cells (shown, and to sort by)."""

    columns: Sequence[str] = ()
    numeric: frozenset[int] = frozenset()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.columns[section]
        return None

    def text(self, row: Any, column: int) -> str:
        raise NotImplementedError

    def key(self, row: Any, column: int) -> Any:
        return self.text(row, column)

    def tip(self, row: Any, column: int) -> str | None:
        return None

    def data(self, index: Index, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.DisplayRole:
            return self.text(row, column)
        if role == SORT_ROLE:
            return self.key(row, column)
        if role == Qt.ToolTipRole:
            return plain_text.tip(self.tip(row, column) or "")
        if role == Qt.TextAlignmentRole and column in self.numeric:
            return _RIGHT
        return None


def sorted_view_model(model: QAbstractTableModel, parent) -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterCaseSensitivity(Qt.CaseInsensitive)
    proxy.setFilterKeyColumn(-1)  # the text filter looks in every column
    return proxy


class FilesModel(ReadOnlyTable):
    """One row per file opened: what it holds and what became of its rows."""

    columns = ("File", "Kind", "Worker", "Days covered", "Rows kept", "Left out", "Notes", "Status")
    numeric = frozenset({4, 5, 6})

    def text(self, row: FileStatus, column: int) -> str:
        return (
            Path(row.file).name, row.kind, ", ".join(row.workers), row.period_text(),
            f"{row.kept:,}", f"{row.left_out:,}" if row.left_out else "", str(row.notes) if row.notes else "",
            row.state(),
        )[column]

    def key(self, row: FileStatus, column: int) -> Any:
        return (row.kept, row.left_out, row.notes)[column - 4] if column in self.numeric else self.text(row, column)

    def tip(self, row: FileStatus, column: int) -> str | None:
        return row.file if column == 0 else row.state() if column == 7 else None

    def data(self, index: Index, role: int = Qt.DisplayRole) -> Any:
        if role == Qt.ForegroundRole and index.isValid():
            status = self.rows[index.row()]
            if status.refused or status.left_out:
                return QColor("#b00020")
        return super().data(index, role)


class PivotModel(ReadOnlyTable):
    """Workers down, weeks across; a cell is the week's hours, shaded by its direct share."""

    def __init__(self, share_label: str, parent=None) -> None:
        super().__init__(parent)
        self.grid = Pivot([], [], {})
        self.share_label = share_label

    def set_pivot(self, grid: Pivot) -> None:
        self.beginResetModel()
        self.grid = grid
        self.rows = grid.workers
        self.columns = ["Worker", *(f"W{Week.parse(w).number}" for w in grid.weeks)]
        self.numeric = frozenset(range(1, len(self.columns)))
        self.endResetModel()

    def _cell(self, worker: str, column: int):
        return self.grid.cell(worker, self.grid.weeks[column - 1])

    def text(self, row: str, column: int) -> str:
        if column == 0:
            return row
        cell = self._cell(row, column)
        return f"{cell.total / 60:.1f}" if cell is not None and cell.total else ""

    def key(self, row: str, column: int) -> Any:
        if column == 0:
            return row
        cell = self._cell(row, column)
        return cell.total if cell is not None else 0

    def tip(self, row: str, column: int) -> str | None:
        if column == 0:
            return row
        week = Week.parse(self.grid.weeks[column - 1])
        cell = self._cell(row, column)
        if cell is None or not cell.total:
            return f"{row} · {week.label()}\nnothing logged"
        parts = ", ".join(f"{wt} {format_minutes(m)}" for wt, m in cell.by_work_type.items() if m)
        return f"{row} · {week.label()}\n{format_minutes(cell.total)}: {parts}\n{cell.share():.0f}% {self.share_label}"

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.ToolTipRole and section > 0:
            return Week.parse(self.grid.weeks[section - 1]).label()
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.DisplayRole) -> Any:
        if role == Qt.BackgroundRole and index.isValid() and index.column() > 0:
            cell = self._cell(self.rows[index.row()], index.column())
            if cell is not None and cell.total:
                return share_shade(cell.share())
        if role == Qt.ForegroundRole and index.isValid() and index.column() > 0:
            return QColor("#000000")  # on the light shades, in a dark theme too
        return super().data(index, role)


def share_shade(percent: float) -> QColor:
    """A light blue, deeper as the direct share grows (0 % white, 100 % the direct colour's tint)."""
    f = max(0.0, min(1.0, percent / 100))
    return QColor(round(255 - 165 * f), round(255 - 95 * f), round(255 - 25 * f))


class AveragesModel(ReadOnlyTable):
    """Each worker over the weeks chosen."""

    columns = ("Worker", "Weeks logged", "h/week logged", "h/week in range", "Direct %")
    header_tips = (
        None,
        "Weeks with any time logged, of the weeks in the range",
        "Hours per week over the weeks with anything logged",
        "Hours per week over every week of the range: leave and sickness count as none",
        "The share of the worker's time that was direct work",
    )

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.ToolTipRole:
            return self.header_tips[section]
        return super().headerData(section, orientation, role)
    numeric = frozenset({1, 2, 3, 4})

    def text(self, row: Average, column: int) -> str:
        return (
            row.worker, f"{row.weeks_logged} of {row.weeks}", f"{row.hours_per_week_logged():.1f}",
            f"{row.hours_per_week():.1f}", f"{row.direct_share():.0f}%",
        )[column]

    def key(self, row: Average, column: int) -> Any:
        return (
            row.worker, row.weeks_logged, row.hours_per_week_logged(), row.hours_per_week(), row.direct_share()
        )[column]

    def tip(self, row: Average, column: int) -> str | None:
        if column == 3:
            return "Over every week of the range: weeks with nothing logged (leave, sickness) count as none"
        if column == 2:
            return "Over the weeks with anything logged"
        return None


class EntriesModel(ReadOnlyTable):
    """The entries of the files (after the window's filters), with their notes and client refs."""

    columns = (
        "Date", "Worker", "Start", "Minutes", "Category", "Mode", "Format", "People", "Client ref", "Tags", "Note",
    )
    numeric = frozenset({3, 7})

    def text(self, row: ReviewEntry, column: int) -> str:
        if column == 0:
            return row.date.isoformat()
        if column == 1:
            return row.worker
        if column == 2:
            return row.start_time
        if column == 3:
            return format_minutes(row.minutes)
        if column == 4:
            return row.category_label
        if column == 5:
            return MODES.get(row.mode, row.mode)
        if column == 6:
            return FORMATS.get(row.format, row.format)
        if column == 7:
            return str(row.people)
        if column == 8:
            return row.client_ref
        if column == 9:
            return ", ".join(row.tags)
        return row.note.replace("\n", " ⏎ ")

    def key(self, row: ReviewEntry, column: int) -> Any:
        if column == 3:
            return row.minutes
        if column == 7:
            return row.people
        return self.text(row, column)

    def tip(self, row: ReviewEntry, column: int) -> str | None:
        if column == 10 and row.note:
            return row.note
        return f"{Path(row.source).name}, line {row.line}"
