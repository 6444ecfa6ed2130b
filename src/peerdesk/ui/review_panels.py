"""The Review window's panels for a team: the team tabs (worker × week pivot, averages, the
worker-week rows, the entries) and the files panel (each file's status above its problems)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QItemSelection, QStringListModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.taxonomy import Taxonomy
from ..domain.weeks import Week
from ..exchange.reading import ReviewEntry
from ..exchange.review import ReviewResult, TeamRow
from ..exchange.team_views import averages, file_status, pivot
from ..i18n import _, ngettext
from ..reports.pdf import number
from .review_tables import AveragesModel, EntriesModel, FilesModel, PivotModel, sorted_view_model


def table(name: str, model, parent, label: str = "", description: str = "") -> tuple[QTableView, object]:
    """A sortable, read-only table view of *model*, sized for thousands of rows; *label* is its
    name for a screen reader, *description* what it holds."""
    proxy = sorted_view_model(model, parent)
    view = QTableView(objectName=name)
    view.setAccessibleName(label)
    view.setAccessibleDescription(description)
    view.setModel(proxy)
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.setEditTriggers(QAbstractItemView.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.setWordWrap(False)
    view.setSortingEnabled(True)
    view.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
    view.horizontalHeader().setResizeContentsPrecision(50)
    return view, proxy


class TeamTabs(QTabWidget):
    """The team, four ways: worker × week hours, each worker's averages, the worker-week rows
    (the window's own table) and the entries behind them."""

    def __init__(self, taxonomy: Taxonomy, rows_view: QTableView, result: ReviewResult) -> None:
        super().__init__(objectName="review_team_tabs")
        share = taxonomy.work_types["direct"].label if "direct" in taxonomy.work_types else "direct"
        self.result = result
        self.setAccessibleName(_("Team tables"))
        self.pivot_model = PivotModel(share.lower(), self)
        self.pivot_view, self.pivot_proxy = table(
            "review_pivot", self.pivot_model, self, _("Hours: worker × week"),
            _("Each worker's hours in each week; a cell's tip gives the time by work type and the direct share"))
        self.averages_model = AveragesModel(self)
        self.averages_view, _proxy = table(
            "review_averages", self.averages_model, self, _("Averages"),
            _("Each worker's weeks logged, hours per week and direct share over the weeks chosen"))
        self.entries_model = EntriesModel(self, taxonomy)
        self.entries_view, self.entries_proxy = table(
            "review_entries", self.entries_model, self, _("Entries"),
            _("The entries of the files, after the filters and the search"))
        self.entries_filter = QLineEdit(objectName="review_entries_filter", clearButtonEnabled=True)
        self.entries_filter.setPlaceholderText(_("Find in the entries: a worker, a category, a word of a note…"))
        self.entries_filter.setAccessibleName(_("Find in the entries"))
        self.entries_filter.setAccessibleDescription(_("Shows only the entries holding these words, in any column"))
        self.entries_filter.textChanged.connect(self.entries_proxy.setFilterFixedString)
        self.entries_label = QLabel(objectName="review_entries_count")
        entries = QWidget()
        layout = QVBoxLayout(entries)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.entries_filter)
        layout.addWidget(self.entries_view, 1)
        layout.addWidget(self.entries_label)
        self.addTab(self.pivot_view, _("Hours: worker × week"))
        self.addTab(self.averages_view, _("Averages"))
        self.addTab(rows_view, _("Worker-weeks"))
        self.addTab(entries, _("Entries"))
        self.entries_proxy.rowsInserted.connect(self._count)
        self.entries_proxy.rowsRemoved.connect(self._count)
        self.entries_proxy.modelReset.connect(self._count)
        self.entries_proxy.layoutChanged.connect(self._count)

    def show_team(
        self, team_rows: Sequence[TeamRow], weeks: Sequence[Week], keep: Callable[[ReviewEntry], bool]
    ) -> None:
        self.pivot_model.set_pivot(pivot(team_rows, weeks))
        self.averages_model.set_rows(averages(team_rows, len(weeks)))
        self.entries_model.set_rows([e for e in self.result.entries if keep(e)])
        for view in (self.pivot_view, self.averages_view):
            view.resizeColumnsToContents()
        self.entries_view.resizeColumnsToContents()
        self.entries_view.setColumnWidth(10, max(self.entries_view.columnWidth(10), 240))
        self._count()

    def _count(self, *_args) -> None:
        shown, held = self.entries_proxy.rowCount(), self.entries_model.rowCount()
        if not self.result.entries:
            text = _("Weekly summary files hold no entries; open the entries files to read them.")
        elif shown == held:
            text = ngettext("{n} entry", "{n} entries", held).format(n=number(held))
        else:
            text = ngettext("{shown} of {n} entry", "{shown} of {n} entries", held).format(
                shown=number(shown), n=number(held))
        self.entries_label.setText(text)


class FilesPanel(QWidget):
    """Each file's status (kind, worker, days, rows kept and left out, refused and why), above
    the problems; choosing files shows only their problems."""

    def __init__(self, result: ReviewResult, problems_model: QStringListModel, problems_view: QListView) -> None:
        super().__init__()
        self.problems = [str(p) for p in result.problems]
        self.by_file = {status.file: status for status in file_status(result)}
        self.problems_model = problems_model
        self.files_model = FilesModel(self)
        self.files_model.set_rows(list(self.by_file.values()))
        self.files_view, self.files_proxy = table(
            "review_files", self.files_model, self, _("Files"),
            _("Each file read: its kind, workers, days, rows kept and left out; choose files to see only their "
              "problems"))
        self.files_view.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.files_view.resizeColumnsToContents()
        rows = min(len(self.by_file), 6) + 1
        self.files_view.setMaximumHeight(self.files_view.verticalHeader().defaultSectionSize() * rows + 8)
        self.files_view.selectionModel().selectionChanged.connect(self._chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.files_view)
        layout.addWidget(problems_view, 1)

    def statuses(self) -> list[str]:
        """Each file's row as shown: name, status (for tests and checks)."""
        return [f"{self.files_model.text(s, 0)}: {s.state()}" for s in self.files_model.rows]

    def _chosen(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = {self.files_proxy.mapToSource(i).row() for i in self.files_view.selectionModel().selectedRows()}
        chosen = [self.files_model.rows[r].file for r in rows]
        if not chosen:
            self.problems_model.setStringList(self.problems)
            return
        # a problem line starts with its file's name and a colon
        self.problems_model.setStringList([p for p in self.problems if any(p.startswith(f"{f}:") for f in chosen)])
