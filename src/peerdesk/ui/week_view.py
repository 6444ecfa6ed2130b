"""The week panel: navigation, the entries table and the week's totals."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.taxonomy import Taxonomy
from ..week_data import WeekData
from .charts import HowChart, ThisWeekChart, TrendChart
from . import style
from .totals import TotalsPanel
from .week_model import COLUMNS, WeekTableModel


class WeekView(QWidget):
    previous_requested = Signal()
    next_requested = Signal()
    this_week_requested = Signal()
    edit_requested = Signal(int)  # row
    delete_requested = Signal(int)  # row

    def __init__(self, taxonomy: Taxonomy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = WeekTableModel(taxonomy, self)

        self.prev_button = QPushButton("◀ Previous")
        self.prev_button.setToolTip("Previous week (Alt+Left)")
        self.this_button = QPushButton("This week")
        self.this_button.setToolTip("This week (Alt+Home)")
        self.next_button = QPushButton("Next ▶")
        self.next_button.setToolTip("Next week (Alt+Right)")
        for b in (self.prev_button, self.this_button, self.next_button):
            b.setFocusPolicy(Qt.TabFocus)
        self.week_label = QLabel(objectName="week_label")
        font = self.week_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.week_label.setFont(font)

        nav = QHBoxLayout()
        nav.addWidget(self.week_label, 1)
        nav.addWidget(self.prev_button)
        nav.addWidget(self.this_button)
        nav.addWidget(self.next_button)

        self.table = QTableView(objectName="week_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setResizeContentsPrecision(60)  # widths from the first rows: a busy week stays quick
        header.setSectionResizeMode(COLUMNS.index("Category"), QHeaderView.Stretch)
        header.setSectionResizeMode(COLUMNS.index("Note"), QHeaderView.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.empty_label = QLabel(
            "No entries this week. Log what you did in the form on the left.",
            alignment=Qt.AlignCenter,
            objectName="empty_week",
        )
        style.muted(self.empty_label)

        self.totals = TotalsPanel()

        self.week_chart = ThisWeekChart(taxonomy)
        self.trend_chart = TrendChart(taxonomy)
        self.how_chart = HowChart()
        self.chart_tabs = QTabWidget(objectName="chart_tabs")
        self.chart_tabs.addTab(self.week_chart, "This &week")
        self.chart_tabs.addTab(self.trend_chart, "T&rend")
        self.chart_tabs.addTab(self.how_chart, "&How")
        self.charts = (self.week_chart, self.trend_chart, self.how_chart)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table, 1)
        top_layout.addWidget(self.empty_label)
        top_layout.addWidget(self.totals)
        self.splitter = QSplitter(Qt.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.chart_tabs)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([300, 440])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(nav)
        layout.addWidget(self.splitter, 1)

        self.prev_button.clicked.connect(self.previous_requested)
        self.next_button.clicked.connect(self.next_requested)
        self.this_button.clicked.connect(self.this_week_requested)
        self.table.doubleClicked.connect(lambda index: self.edit_requested.emit(index.row()))
        # Enter and Delete act on the table only while it has the keyboard focus.
        self.table.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if obj is self.table and event.type() == QEvent.KeyPress and not event.modifiers():
            if event.key() in (Qt.Key_Return, Qt.Key_Enter):
                self._edit_current()
                return True
            if event.key() == Qt.Key_Delete:
                self._delete_current()
                return True
        return super().eventFilter(obj, event)

    def current_row(self) -> int:
        index = self.table.currentIndex()
        if index.isValid():
            return index.row()
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _edit_current(self) -> None:
        row = self.current_row()
        if row >= 0:
            self.edit_requested.emit(row)

    def _delete_current(self) -> None:
        row = self.current_row()
        if row >= 0:
            self.delete_requested.emit(row)

    def show_data(self, data: WeekData, *, is_current: bool, contracted_hours: float = 0.0) -> None:
        self.week_label.setText(data.week.label() + ("  (this week)" if is_current else ""))
        self.model.set_entries(data.entries)
        self.empty_label.setVisible(not data.entries)
        self.totals.show_summary(data.summary)
        self.week_chart.show_summary(data.summary)
        self.trend_chart.show_trend(data.trend, data.week, contracted_hours)
        self.how_chart.show_how(data.how, data.week)

    def select_entry(self, entry_id: str) -> None:
        row = self.model.row_of(entry_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
