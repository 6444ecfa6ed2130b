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
from ..domain.taxonomy import Taxonomy
from ..domain.weeks import Week
from ..exchange.reading import ReviewEntry
from ..exchange.team_views import Average, FileStatus, Pivot
from ..i18n import N_, _
from ..reports.pdf import number
from . import plain_text
from .chart_parts import week_short

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.UserRole + 1
_RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)

# what a file holds (FileStatus.kind, a key): its name as shown
KINDS = {"entries": N_("entries"), "summary": N_("summary"), "workbook": N_("workbook")}


def kind_text(kind: str) -> str:
    return _(KINDS[kind]) if kind in KINDS else kind


class ReadOnlyTable(QAbstractTableModel):
    """A read-only table of *rows*; subclasses say a row's cells (shown, and to sort by) and
    their column titles (in the user's language, set when the model is made)."""

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

    numeric = frozenset({4, 5, 6})

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.columns = (_("File"), _("Kind"), _("Worker"), _("Days covered"), _("Rows kept"), _("Left out"),
                        _("Notes"), _("Status"))

    def text(self, row: FileStatus, column: int) -> str:
        return (
            Path(row.file).name, kind_text(row.kind), ", ".join(row.workers), row.period_text(),
            number(row.kept), number(row.left_out) if row.left_out else "", number(row.notes) if row.notes else "",
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
        self.columns = [_("Worker"), *(week_short(Week.parse(w)) for w in grid.weeks)]  # W48 (S48 in French)
        self.numeric = frozenset(range(1, len(self.columns)))
        self.endResetModel()

    def _cell(self, worker: str, column: int):
        return self.grid.cell(worker, self.grid.weeks[column - 1])

    def text(self, row: str, column: int) -> str:
        if column == 0:
            return row
        cell = self._cell(row, column)
        return number(cell.total / 60, 1) if cell is not None and cell.total else ""

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
            return f"{row} · {week.label()}\n" + _("nothing logged")
        parts = ", ".join(f"{wt} {format_minutes(m)}" for wt, m in cell.by_work_type.items() if m)
        # TRANSLATORS: a pivot cell's tip, last line: "64% direct"
        share = _("{percent}% {work_type}").format(percent=round(cell.share()), work_type=self.share_label)
        return f"{row} · {week.label()}\n{format_minutes(cell.total)}: {parts}\n{share}"

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

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.columns = (_("Worker"), _("Weeks logged"), _("h/week logged"), _("h/week in range"), _("Direct %"))
        self.header_tips = (
            None,
            _("Weeks with any time logged, of the weeks in the range"),
            _("Hours per week over the weeks with anything logged"),
            _("Hours per week over every week of the range: leave and sickness count as none"),
            _("The share of the worker's time that was direct work"),
        )

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.ToolTipRole:
            return self.header_tips[section]
        return super().headerData(section, orientation, role)
    numeric = frozenset({1, 2, 3, 4})

    def text(self, row: Average, column: int) -> str:
        return (
            # TRANSLATORS: weeks logged of the weeks in the range: "4 of 6"
            row.worker, _("{logged} of {weeks}").format(logged=row.weeks_logged, weeks=row.weeks),
            number(row.hours_per_week_logged(), 1), number(row.hours_per_week(), 1),
            _("{value}%").format(value=round(row.direct_share())),
        )[column]

    def key(self, row: Average, column: int) -> Any:
        return (
            row.worker, row.weeks_logged, row.hours_per_week_logged(), row.hours_per_week(), row.direct_share()
        )[column]

    def tip(self, row: Average, column: int) -> str | None:
        if column == 3:
            return _("Over every week of the range: weeks with nothing logged (leave, sickness) count as none")
        if column == 2:
            return _("Over the weeks with anything logged")
        return None


class EntriesModel(ReadOnlyTable):
    """The entries of the files (after the window's filters), with their notes and client refs;
    categories and tags the *taxonomy* knows are named as it names them, in the user's language
    (the file's own label, or the key, otherwise)."""

    numeric = frozenset({3, 7})

    def __init__(self, parent=None, taxonomy: Taxonomy | None = None) -> None:
        super().__init__(parent)
        self.taxonomy = taxonomy
        self.columns = (_("Date"), _("Worker"), _("Start"), _("Minutes"), _("Category"), _("Mode"), _("Format"),
                        _("People"), _("Client ref"), _("Tags"), _("Note"))

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
            known = self.taxonomy.categories.get(row.category) if self.taxonomy is not None else None
            return known.label if known is not None else row.category_label
        if column == 5:
            return _(MODES[row.mode]) if row.mode in MODES else row.mode
        if column == 6:
            return _(FORMATS[row.format]) if row.format in FORMATS else row.format
        if column == 7:
            return str(row.people)
        if column == 8:
            return row.client_ref
        if column == 9:
            tags = self.taxonomy.tags if self.taxonomy is not None else {}
            return ", ".join(tags[t].label if t in tags else t for t in row.tags)
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
        return _("{file}, line {line}").format(file=Path(row.source).name, line=row.line)
