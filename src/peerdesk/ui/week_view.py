"""The week panel: navigation, the entries table and the week's totals."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.summary import WeekSummary
from ..domain.taxonomy import Taxonomy
from ..domain.weeks import Week
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
        header.setSectionResizeMode(COLUMNS.index("Category"), QHeaderView.Stretch)
        header.setSectionResizeMode(COLUMNS.index("Note"), QHeaderView.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.empty_label = QLabel(
            "No entries this week. Log what you did in the form on the left.",
            alignment=Qt.AlignCenter,
            objectName="empty_week",
        )
        self.empty_label.setStyleSheet("color: palette(mid);")

        self.totals = TotalsPanel()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(nav)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.totals)

        self.prev_button.clicked.connect(self.previous_requested)
        self.next_button.clicked.connect(self.next_requested)
        self.this_button.clicked.connect(self.this_week_requested)
        self.table.doubleClicked.connect(lambda index: self.edit_requested.emit(index.row()))
        for keys, slot in ((Qt.Key_Return, self._edit_current), (Qt.Key_Enter, self._edit_current),
                           (QKeySequence.Delete, self._delete_current)):
            shortcut = QShortcut(QKeySequence(keys), self.table)
            shortcut.setContext(Qt.WidgetShortcut)  # only while the table has focus
            shortcut.activated.connect(slot)

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

    def show_week(self, week: Week, entries, summary: WeekSummary, *, is_current: bool) -> None:
        self.week_label.setText(week.label() + ("  (this week)" if is_current else ""))
        self.model.set_entries(entries)
        self.empty_label.setVisible(not entries)
        self.totals.show_summary(summary)

    def select_entry(self, entry_id: str) -> None:
        row = self.model.row_of(entry_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
