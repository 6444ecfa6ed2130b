"""A chart card: a chart area with an empty state, fonts that follow the text size, a text
alternative, and "Save chart as PNG…" in its context menu (written atomically).

The text alternative, for whoever cannot see the chart: each chart view's accessible
description tells its values ("Advocacy 1h 30m, Administration 30m"), told again after each
change of what it shows (:meth:`ChartCard.alternative_changed`, which the cards call), and the
card's "Show as table" toggle (a button, Tab-reachable, and the same action in the context
menu) puts a table of the same numbers in the chart's place. A card says what its charts
show with :meth:`~ChartCard.descriptions` and :meth:`~ChartCard.table_contents`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCharts import (
    QChart,
    QChartView,
)
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..files import write_through
from ..i18n import N_, _
from . import style
from .chart_parts import Cell, apply_fonts, follow_palette

if TYPE_CHECKING:
    from PySide6.QtGui import QImage  # (imported when an image is made: its enum classes wait for it)


class ChartCard(QWidget):
    """A chart area with an empty state, a text alternative (accessible descriptions and a
    "Show as table" toggle) and a context menu to save it as PNG."""

    save_requested = Signal(object)
    TITLE = N_("Chart")  # what the card shows, in a few words (its table's accessible name)

    def __init__(self, name: str, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.setObjectName(f"chart_{name}")
        self.body = QWidget()
        self.body_layout = QHBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.empty_label = QLabel(empty_text, alignment=Qt.AlignCenter, wordWrap=True)
        self.empty_label.setObjectName(f"empty_{name}")
        style.muted(self.empty_label)
        self.empty_label.setMargin(24)
        self.empty_label.setAutoFillBackground(True)
        self.table = QTableWidget(objectName=f"table_{name}")
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move inside it
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.body)
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.table)
        self._empty = False
        self._views: list[QChartView] = []
        self._painted: dict[int, tuple] = {}  # per chart: the palette and axes it was last coloured for
        self.table_button = QPushButton(_("Show as table"), objectName=f"show_table_{name}")
        self.table_button.setCheckable(True)
        self.table_button.setToolTip(_("The chart's numbers in a table (and back to the chart)"))
        # (the actions' parent first: with the text first PySide weighs QAction(QIcon, …) too,
        # and makes QIcon's enum classes, 150 theme icons, before the week is shown)
        self.table_action = QAction(self, text=_("Show as table"), checkable=True)
        self.table_button.toggled.connect(self.show_table)
        self.table_action.toggled.connect(self.show_table)
        self.header = QHBoxLayout()
        self.header.addStretch(1)
        self.header.addWidget(self.table_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.header)
        layout.addWidget(self.stack, 1)
        self.save_action = QAction(self, text=_("Save chart as PNG…"))
        self.save_action.triggered.connect(lambda: self.save_requested.emit(self))
        self._font_key = ""

    def _view(self, chart: QChart, object_name: str, accessible_name: str) -> QChartView:
        view = QChartView(chart, objectName=object_name)
        view.setRenderHint(QPainter.Antialiasing)
        view.setContextMenuPolicy(Qt.NoContextMenu)  # the card's own menu handles it
        # nothing in it answers keys (Ctrl+1/2/3 and Alt+arrows do), and it could show no focus:
        # no Tab stop, nor a click (its viewport took the focus for it). A screen reader reads
        # its name and description; the keyboard reaches its numbers through "Show as table".
        view.setFocusPolicy(Qt.NoFocus)
        # The view's viewport is one made here, not the one Qt made: the first C++-made plain
        # widget handed to Python makes PySide load every widget class of QtWidgets to find
        # its type (about 70 enum classes, 20 ms of the start).
        viewport = QWidget()
        view.setViewport(viewport)
        viewport.setFocusPolicy(Qt.NoFocus)  # after: the view gives its viewport its own policy
        view.setAccessibleName(accessible_name)
        view.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        view.setMinimumSize(160, 160)
        self._views.append(view)
        return view

    @staticmethod
    def _scrolling(content: QWidget, name: str) -> QScrollArea:
        """*content* in a frameless area inside the card, scrolling up and down where the card is
        lower than it (never sideways, and no Tab stop)."""
        area = QScrollArea(objectName=name)
        area.setWidget(content)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        area.setFocusPolicy(Qt.NoFocus)
        return area

    # -- the text alternative
    def descriptions(self) -> list[tuple[QWidget, str]]:
        """Each chart view's values, as text (while the card is not empty)."""
        return []

    def table_contents(self) -> tuple[list[str], list[list[Cell]]]:
        """The column headers and the rows of the card's numbers as a table."""
        return [], []

    def alternative_changed(self) -> None:
        """Tell the text alternative again: after each change of what the charts show."""
        if self._empty:
            whole = self.empty_label.text().replace("\n", " ")
            for view in self._views:
                if view.accessibleDescription() != whole:
                    view.setAccessibleDescription(whole)
        else:
            parts = []
            for view, text in self.descriptions():
                if view.accessibleDescription() != text:
                    view.setAccessibleDescription(text)
                parts.append(_("{chart}: {values}").format(chart=view.accessibleName(), values=text))
            whole = "; ".join(parts)
        self.table_button.setAccessibleDescription(whole)
        self._follow_palette()
        if self.showing_table() and not self._empty:
            self._fill_table()

    def text_alternative(self) -> str:
        """The whole card's values as text (what the "Show as table" button describes)."""
        return self.table_button.accessibleDescription()

    def showing_table(self) -> bool:
        return self.table_button.isChecked()

    def show_table(self, on: bool = True) -> None:
        """The card's numbers in a table instead of the chart (or the chart again)."""
        for control in (self.table_button, self.table_action):
            if control.isChecked() != on:
                control.setChecked(on)  # the other one follows; the same state again emits nothing
        if on and not self._empty:
            self._fill_table()
        self._show_page()

    def _fill_table(self) -> None:
        headers, rows = self.table_contents()
        table = self.table
        table.setUpdatesEnabled(False)
        try:
            table.clearContents()
            table.setColumnCount(len(headers))
            table.setRowCount(len(rows))
            table.setHorizontalHeaderLabels(headers)
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    item = QTableWidgetItem(cell[0] if isinstance(cell, tuple) else cell)
                    if isinstance(cell, tuple):  # a number: on the right, and kept as the cell's number
                        item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                        if cell[1] is not None:
                            item.setData(Qt.UserRole, cell[1])
                    table.setItem(r, c, item)
            # the names take what the numbers leave (a long one is shortened: the cell is whole
            # for a screen reader); each number column as wide as its widest cell
            header = table.horizontalHeader()
            for column in range(len(headers)):
                header.setSectionResizeMode(column, QHeaderView.ResizeToContents if column else QHeaderView.Stretch)
            table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        finally:
            table.setUpdatesEnabled(True)
        table.setAccessibleName(_("{chart} as a table").format(chart=_(self.TITLE)))

    def table_cells(self) -> list[list[str]]:
        """The table's texts, row by row (for tests and checks)."""
        t = self.table
        return [[t.item(r, c).text() if t.item(r, c) else "" for c in range(t.columnCount())]
                for r in range(t.rowCount())]

    def table_headers(self) -> list[str]:
        t = self.table
        return [t.horizontalHeaderItem(c).text() for c in range(t.columnCount())]

    def _show_page(self) -> None:
        page = self.empty_label if self._empty else self.table if self.showing_table() else self.body
        if self.stack.currentWidget() is not page:
            self.stack.setCurrentWidget(page)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() == QEvent.PaletteChange:  # a theme (a high-contrast one) chosen while shown
            self._follow_palette()

    def _follow_palette(self) -> None:
        """Each chart's background, titles, legend and axes in the palette's colours, for the
        palette and axes it has not been coloured for yet."""
        colours = self.palette()
        for view in self._views:
            chart = view.chart()
            axes = chart.axes()
            key = (colours.cacheKey(), *map(id, axes))
            if self._painted.get(id(chart), ((),))[0] != key:
                follow_palette(chart, colours)
                self._painted[id(chart)] = (key, axes)  # (the axes kept: no new one takes an old one's id)

    def _take_font(self) -> bool:
        """Whether the card's font changed (View ▸ Larger text) since its charts last took it; if it
        did, each of its charts takes it now (titles and legend: see chart_parts.apply_fonts)."""
        key = self.font().key()
        if key == self._font_key:
            return False
        self._font_key = key
        for view in self._views:
            apply_fonts(view.chart(), self)
        return True

    def set_empty(self, empty: bool, text: str | None = None) -> None:
        if text:
            self.empty_label.setText(text)
        self._empty = empty
        self._show_page()
        if empty:
            self.alternative_changed()

    def is_empty(self) -> bool:
        return self._empty

    def contextMenuEvent(self, event) -> None:  # noqa: N802 - Qt API
        """Right-click, or the Menu key on the card's button or table."""
        menu = QMenu(self)
        menu.addAction(self.table_action)
        menu.addAction(self.save_action)
        menu.exec(event.globalPos())

    def render_image(self) -> QImage:
        """The chart as shown (or its empty state), for saving as PNG, at the card's full size."""
        # Qt lays out axes, legend and titles on the next event-loop pass; do it now, so an
        # image taken right after a change is complete rather than bare bars.
        QApplication.sendPostedEvents(None, QEvent.LayoutRequest)
        header_above = self.stack.geometry() != self.rect()  # the card's buttons: not in the image
        as_table = self.showing_table() and not self._empty
        if as_table:  # the chart, even while its numbers are shown as a table
            self.stack.setCurrentWidget(self.body)
        if header_above:
            self.stack.setGeometry(self.rect())
            QApplication.sendPostedEvents(None, QEvent.LayoutRequest)
        image = self.stack.currentWidget().grab().toImage()
        if as_table:
            self.stack.setCurrentWidget(self.table)
        if header_above:
            self.layout().invalidate()
            self.layout().activate()
        return image


def save_card_png(window, dialogs, card: ChartCard, suggested: str) -> None:
    """Ask where (through *window*'s dialogs seam) and save *card* as PNG; report in its status bar."""
    path = dialogs.ask_save_path(window, _("Save chart as PNG"), suggested, _("PNG images (*.png)"))
    if not path:
        return
    if not path.lower().endswith(".png"):
        path += ".png"
    try:
        saved = write_through(path, lambda staged: card.render_image().save(str(staged), "PNG"))
    except OSError as exc:
        saved, reason = False, exc.strerror or str(exc)
    else:
        reason = _("the image could not be written")
    if saved:
        window.statusBar().showMessage(_("Chart saved to {path}").format(path=path), 8000)
    else:
        dialogs.error(window, _("Chart not saved"), _("Could not write {path} ({reason}).").format(
            path=path, reason=reason))
