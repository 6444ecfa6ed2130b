"""The week panel: navigation, the entries table and the week's totals."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
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
from ..i18n import _
from ..week_data import WeekData
from . import style
from .chart_card import ChartCard
from .charts import ThisWeekChart
from .fitting import Rearranging
from .totals import TotalsPanel
from .week_model import COLUMNS, WeekTableModel

if TYPE_CHECKING:
    from .how_chart import HowChart
    from .trend_chart import TrendChart


class WeekHeader(Rearranging):
    """The week's title with its buttons beside it, or under it where the row is narrower than
    both (larger text on a small screen); the title wraps only where it alone is wider."""

    def __init__(self, title: QLabel, buttons: list[QPushButton]) -> None:
        super().__init__()
        self.title = title
        self.buttons = QWidget()
        row = QHBoxLayout(self.buttons)
        row.setContentsMargins(0, 0, 0, 0)
        for button in buttons:
            row.addWidget(button)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(0, 1)
        self._under: bool | None = None
        self._place(False)

    def _place(self, under: bool) -> None:
        if under == self._under:
            return
        self._under = under
        self.grid.removeWidget(self.title)
        self.grid.removeWidget(self.buttons)
        self.grid.addWidget(self.title, 0, 0)
        if under:
            self.grid.addWidget(self.buttons, 1, 0, Qt.AlignLeft)
        else:
            self.grid.addWidget(self.buttons, 0, 1, Qt.AlignRight)

    def refit(self) -> None:
        title = self.title
        one_line = title.fontMetrics().horizontalAdvance(title.text()) + 2 * title.margin() + 2
        self._place(self.width() < one_line + self.grid.horizontalSpacing() + self.buttons.sizeHint().width())

    def least_width(self) -> int:
        return max(self.title.minimumSizeHint().width(), self.buttons.minimumSizeHint().width())


class WeekView(QWidget):
    """The week: navigation, the entries table, the totals and the chart tabs.

    The trend and how cards are made when their tab is first shown (or a caller asks
    for them): until then their tabs hold empty pages, so the first week on screen does
    not wait for two charts nobody is looking at yet, nor for the trend's weeks of sums
    (:meth:`trend_weeks` is 0 until the trend card is made; making it emits
    ``trend_weeks_changed``, and whoever shows the weeks answers with the trend). Once
    made, a card is filled with every week shown, like the week's own chart.
    """

    previous_requested = Signal()
    next_requested = Signal()
    this_week_requested = Signal()
    edit_requested = Signal(int)  # row
    delete_requested = Signal(int)  # row
    week_clicked = Signal(object)  # a trend column: its Week
    trend_weeks_changed = Signal(int)  # the trend's number of weeks
    save_chart_requested = Signal(object)  # a card's "Save chart as PNG…"

    def __init__(self, taxonomy: Taxonomy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.taxonomy = taxonomy
        self.model = WeekTableModel(taxonomy, self)

        self.prev_button = QPushButton(_("◀ Previous"))
        self.prev_button.setToolTip(_("Previous week (Alt+Left)"))
        self.prev_button.setAccessibleName(_("Previous week"))  # not "left-pointing triangle, Previous"
        self.this_button = QPushButton(_("This week"))
        self.this_button.setToolTip(_("This week (Alt+Home)"))
        self.next_button = QPushButton(_("Next ▶"))
        self.next_button.setToolTip(_("Next week (Alt+Right)"))
        self.next_button.setAccessibleName(_("Next week"))
        for b in (self.prev_button, self.this_button, self.next_button):
            b.setFocusPolicy(Qt.TabFocus)
        # wrapped: with larger text on a small screen the week's title takes two lines rather
        # than pushing the window past the screen
        self.week_label = QLabel(objectName="week_label", wordWrap=True)
        font = self.week_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.week_label.setFont(font)

        # the week's state (submitted; reviewed by whom, when, with the comment): its own line,
        # wrapped, so a long comment never widens the window
        self.state_label = QLabel(objectName="week_state", wordWrap=True, textFormat=Qt.PlainText)
        self.state_label.setAccessibleName(_("The week's state"))
        self.state_label.hide()

        nav_row = WeekHeader(self.week_label, [self.prev_button, self.this_button, self.next_button])

        self.table = QTableView(objectName="week_table")
        self.table.setAccessibleName(_("Entries of the week"))  # then "Entries of week 48", once shown
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move inside it
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        # Each column as wide as its widest text (fit_columns), as ResizeToContents would make
        # it, but measured here once per distinct text: Qt would ask the model for every cell's
        # size hint, eight calls into Python per cell, on every week shown.
        header.setSectionResizeMode(QHeaderView.Fixed)
        # the free texts share what is left (Qt shortens them, a tooltip gives them whole); the
        # others are as wide as their widest cell (the English names: COLUMNS is marked N_)
        self._stretched = (COLUMNS.index("Category"), COLUMNS.index("Tags"), COLUMNS.index("Note"))
        for column in self._stretched:
            header.setSectionResizeMode(column, QHeaderView.Stretch)
        self._text_widths: dict[str, int] = {}
        self._widths_font = ""
        self._padding = 0  # what a cell adds to its text, per font (see _cell_padding)
        self._header_widths: list[int] = []
        self._need_width = 0  # every column at its width (fit_columns)
        self._least_stretched = 0  # a free text's column at its narrowest: its longest header
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.empty_label = QLabel(
            _("No entries this week. Log what you did in the form on the left."),
            alignment=Qt.AlignCenter,
            objectName="empty_week",
        )
        style.muted(self.empty_label)

        self.totals = TotalsPanel()

        self.week_chart = ThisWeekChart(taxonomy)
        self.week_chart.save_requested.connect(self.save_chart_requested)
        self._trend_chart: TrendChart | None = None
        self._how_chart: HowChart | None = None
        # the week last shown (its data, contracted hours, whether it is this week), for a card made later
        self._shown: tuple[WeekData, float, bool] | None = None
        self.chart_tabs = QTabWidget(objectName="chart_tabs")
        self.chart_tabs.setAccessibleName(_("Charts"))
        # no mnemonics: Alt+W, Alt+R and Alt+H are the form's and the Help menu's; the charts
        # are chosen with Ctrl+1, Ctrl+2 and Ctrl+3 (View menu) from anywhere in the window
        self.chart_tabs.addTab(self.week_chart, _("This week"))
        self.chart_tabs.addTab(QWidget(), _("Trend"))  # its card comes when first shown
        self.chart_tabs.addTab(QWidget(), _("How"))
        self.chart_tabs.currentChanged.connect(self._tab_shown)

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
        layout.addWidget(nav_row)
        layout.addWidget(self.state_label)
        layout.addWidget(self.splitter, 1)

        self.prev_button.clicked.connect(self.previous_requested)
        self.next_button.clicked.connect(self.next_requested)
        self.this_button.clicked.connect(self.this_week_requested)
        self.table.doubleClicked.connect(lambda index: self.edit_requested.emit(index.row()))
        # Enter and Delete act on the table only while it has the keyboard focus.
        self.table.installEventFilter(self)
        self.fit_columns()

    # ------------------------------------------------------------ chart cards

    @property
    def trend_chart(self) -> TrendChart:
        """The trend card (made now if its tab was never shown)."""
        if self._trend_chart is None:
            from .trend_chart import TrendChart  # not on the way to the week's first paint

            card = self._trend_chart = TrendChart(self.taxonomy)
            card.week_clicked.connect(self.week_clicked)
            card.weeks_changed.connect(self.trend_weeks_changed)
            self._place(card, 1)
            if self._shown is not None and self._shown[0].trend:
                data, contracted_hours, _current = self._shown
                card.show_trend(data.trend, data.week, contracted_hours)
            else:
                self.trend_weeks_changed.emit(card.weeks_count())  # the weeks shown so far had no trend
        return self._trend_chart

    @property
    def how_chart(self) -> HowChart:
        """The how card (made now if its tab was never shown)."""
        if self._how_chart is None:
            from .how_chart import HowChart  # its tab is the last: not on the way to the week's first paint

            card = self._how_chart = HowChart()
            self._place(card, 2)
            if self._shown is not None:
                data = self._shown[0]
                card.show_how(data.how, data.week)
        return self._how_chart

    def _card(self, index: int) -> ChartCard:
        """The card of tab *index* (made now if need be)."""
        if index == 1:
            return self.trend_chart
        if index == 2:
            return self.how_chart
        return self.week_chart

    @property
    def charts(self) -> tuple[ChartCard, ...]:
        """Every card, in tab order (made now if need be)."""
        return tuple(self._card(i) for i in range(self.chart_tabs.count()))

    def current_chart(self) -> ChartCard:
        return self._card(self.chart_tabs.currentIndex())

    def trend_weeks(self) -> int:
        """How many weeks of trend to read with each week: the trend card's choice, or 0
        while there is no trend card."""
        return self._trend_chart.weeks_count() if self._trend_chart is not None else 0

    def _place(self, card: ChartCard, index: int) -> None:
        """Put *card* in its tab instead of the empty page, the same tab staying current."""
        tabs = self.chart_tabs
        card.save_requested.connect(self.save_chart_requested)
        current, label, page = tabs.currentIndex(), tabs.tabText(index), tabs.widget(index)
        tabs.blockSignals(True)
        try:
            tabs.removeTab(index)
            tabs.insertTab(index, card, label)
            tabs.setCurrentIndex(current)
        finally:
            tabs.blockSignals(False)
        page.deleteLater()

    def _tab_shown(self, index: int) -> None:
        self._card(index)  # made on first sight

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if obj is self.table and event.type() in (QEvent.FontChange, QEvent.StyleChange):
            self.fit_columns()
        elif obj is self.table and event.type() == QEvent.Resize:
            self.fit_stretched()
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

    def shows(self, data: WeekData, *, is_current: bool, contracted_hours: float = 0.0) -> bool:
        """Whether the view shows *data* already, as :meth:`show_data` would show it."""
        return self._shown == (data, contracted_hours, is_current)

    def show_data(self, data: WeekData, *, is_current: bool, contracted_hours: float = 0.0) -> None:
        # one repaint for the whole week, once everything below has changed
        self.setUpdatesEnabled(False)
        try:
            label = data.week.label() + ("  " + _("(this week)") if is_current else "")
            if data.state != "open":  # at a glance: the week is with the supervisor, or back from them
                label += "  " + (_("· reviewed ✓") if data.reviewed_by else _("· submitted, locked"))
            if self.week_label.text() != label:
                self.week_label.setText(label)
            state = (_("Reviewed by {name}").format(name=data.reviewed_by) if data.reviewed_by else
                     _("Submitted: its entries are locked (Edit ▸ Reopen week… to change them)")
                     if data.state != "open" else "")
            self.state_label.setText(state)
            self.state_label.setVisible(bool(state))
            self.model.set_entries(data.entries)
            table_name = _("Entries of week {number}").format(number=data.week.number)
            if self.table.accessibleName() != table_name:
                self.table.setAccessibleName(table_name)
            self.fit_columns()
            # lay the rows out now rather than on a timer after the first paint, which would
            # paint the table a second time
            self.table.doItemsLayout()
            empty = not data.entries
            if empty:
                self.empty_label.setText(
                    _("No entries this week yet. Log what you did in the form on the left.")
                    if is_current
                    else _("No entries in week {number}. To log one, set the form's date to one of its days.").format(
                        number=data.week.number)
                )
            if self.empty_label.isVisibleTo(self) != empty:
                self.empty_label.setVisible(empty)
            if (self.table.focusPolicy() == Qt.NoFocus) != empty:
                # an empty table is no Tab stop: it could show no focus, and holds nothing to act on
                self.table.setFocusPolicy(Qt.NoFocus if empty else Qt.StrongFocus)
            self.totals.show_summary(data.summary)
            self.week_chart.show_summary(data.summary)
            self._shown = (data, contracted_hours, is_current)
            if self._trend_chart is not None:
                self._trend_chart.show_trend(data.trend, data.week, contracted_hours)
            if self._how_chart is not None:
                self._how_chart.show_how(data.how, data.week)
        finally:
            self.setUpdatesEnabled(True)

    def fit_columns(self) -> None:
        """Each column but the stretched ones as wide as its widest text or its header.

        The width QStyledItemDelegate and QHeaderView's ResizeToContents give a cell of
        plain text: the text's advance, the style's focus-frame margin + 1 on each side and
        the grid line. Each distinct text is measured once per font.
        """
        table, header = self.table, self.table.horizontalHeader()
        font = table.font()
        key = font.key()
        if key != self._widths_font:
            self._widths_font = key
            self._text_widths.clear()
            self._header_widths = [
                max(header.sectionSizeHint(c), header.minimumSectionSize()) for c in range(len(COLUMNS))
            ]
            self._padding = self._cell_padding(font)
        margin = self._padding
        widths = self._text_widths
        metrics = None
        sizes = {}
        for column in range(len(COLUMNS)):
            if column in self._stretched:
                continue
            widest = 0
            for text in self.model.column_texts(column):
                width = widths.get(text)
                if width is None:
                    metrics = metrics or QFontMetricsF(font)
                    width = widths[text] = math.ceil(metrics.horizontalAdvance(text))
                widest = max(widest, width)
            size = min(max(widest + margin, self._header_widths[column]), header.maximumSectionSize())
            if header.sectionSize(column) != size:
                sizes[column] = size
        # every column at its own width and the stretched ones at their headers': where the table
        # is narrower than that (larger text, a small screen), it scrolls sideways inside itself
        # rather than cutting "Category" to "C…" or widening the window past its screen
        least = math.ceil(QFontMetricsF(font).averageCharWidth() * 12) + margin  # a stretched column's "Team communi…"
        # the stretched columns share what is left equally: each needs room for the longest of their headers
        stretched = max(max(header.sectionSizeHint(c), least) for c in self._stretched)
        need = sum(stretched if c in self._stretched else sizes.get(c, header.sectionSize(c))
                   for c in range(len(COLUMNS)))
        need += table.verticalScrollBar().sizeHint().width() + 2 * table.frameWidth()
        self._least_stretched, self._need_width = stretched, need
        if not sizes:
            self.fit_stretched()
            return
        # All at once, as ResizeToContents does: the stretched columns share what is left
        # only once every other column has its width (one at a time, they would take their
        # share of a space about to go and keep it when none is left).
        for column in self._stretched:
            header.setSectionResizeMode(column, QHeaderView.Fixed)
        for column, size in sizes.items():
            header.resizeSection(column, size)
        self.fit_stretched()

    def fit_stretched(self) -> None:
        """The free texts share what the table has left where that is enough for each; else each
        keeps the width its longest header needs and the table scrolls sideways. Decided by the
        table's own width, which the columns do not change (its scroll bars come and go inside it)."""
        mode = QHeaderView.Stretch if self.table.width() >= self._need_width else QHeaderView.Fixed
        header = self.table.horizontalHeader()
        first = self._stretched[0]  # the header says how they are now: all three alike
        if header.sectionResizeMode(first) == mode and (
                mode == QHeaderView.Stretch or header.sectionSize(first) == self._least_stretched):
            return
        for column in self._stretched:
            header.setSectionResizeMode(column, mode)
            if mode == QHeaderView.Fixed:
                header.resizeSection(column, self._least_stretched)

    def _cell_padding(self, font) -> int:
        """What a cell adds to its text's advance (the style's focus-frame margin + 1 on each
        side, and the grid line), measured by Qt itself on a one-cell table in *font*.

        Asking the style from Python (``table.style().pixelMetric(...)``) would be shorter, but
        the first Python handle on a style makes its Python enum classes: about 5 ms at
        every start, before the week can be shown.
        """
        from PySide6.QtGui import QStandardItem, QStandardItemModel

        cells = QStandardItemModel(1, 1)
        cells.setItem(0, 0, QStandardItem("0"))
        probe = QTableView()
        probe.setFont(font)
        probe.setShowGrid(self.table.showGrid())
        probe.setModel(cells)
        width = probe.sizeHintForColumn(0)
        probe.deleteLater()
        return width - math.ceil(QFontMetricsF(font).horizontalAdvance("0"))

    def select_entry(self, entry_id: str) -> None:
        row = self.model.row_of(entry_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
