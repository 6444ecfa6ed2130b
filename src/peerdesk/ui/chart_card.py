"""A chart card: a chart area with an empty state, fonts that follow the text size, and
"Save chart as PNG…" in its context menu (written atomically)."""

from __future__ import annotations

from PySide6.QtCharts import (
    QChart,
    QChartView,
)
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QImage, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..files import write_through
from . import style


class ChartCard(QWidget):
    """A chart area with an empty state and a context menu to save it as PNG."""

    save_requested = Signal(object)

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
        self.stack = QStackedWidget()
        self.stack.addWidget(self.body)
        self.stack.addWidget(self.empty_label)
        self.header = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.header)
        layout.addWidget(self.stack, 1)
        self.save_action = QAction("Save chart as PNG…", self)
        self.save_action.triggered.connect(lambda: self.save_requested.emit(self))
        self._font_key = ""

    def _view(self, chart: QChart) -> QChartView:
        view = QChartView(chart)
        view.setRenderHint(QPainter.Antialiasing)
        view.setContextMenuPolicy(Qt.NoContextMenu)  # the card's own menu handles it
        view.setFocusPolicy(Qt.NoFocus)  # nothing in it answers keys: Ctrl+1/2/3 and Alt+arrows do
        view.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        view.setMinimumSize(160, 160)
        return view

    def _fonts_changed(self) -> bool:
        """Whether the card's font changed (View ▸ Larger text) since its charts last took it."""
        key = self.font().key()
        if key == self._font_key:
            return False
        self._font_key = key
        return True

    def set_empty(self, empty: bool, text: str | None = None) -> None:
        if text:
            self.empty_label.setText(text)
        self.stack.setCurrentWidget(self.empty_label if empty else self.body)

    def is_empty(self) -> bool:
        return self.stack.currentWidget() is self.empty_label

    def contextMenuEvent(self, event) -> None:  # noqa: N802 - Qt API
        menu = QMenu(self)
        menu.addAction(self.save_action)
        menu.exec(event.globalPos())

    def render_image(self) -> QImage:
        """The chart as shown (or its empty state), for saving as PNG, at the card's full size."""
        # Qt lays out axes, legend and titles on the next event-loop pass; do it now, so an
        # image taken right after a change is complete rather than bare bars.
        QApplication.sendPostedEvents(None, QEvent.LayoutRequest)
        header_above = self.stack.geometry() != self.rect()  # the trend's weeks box: not in the image
        if header_above:
            self.stack.setGeometry(self.rect())
            QApplication.sendPostedEvents(None, QEvent.LayoutRequest)
        image = self.stack.currentWidget().grab().toImage()
        if header_above:
            self.layout().invalidate()
            self.layout().activate()
        return image


def save_card_png(window, dialogs, card: ChartCard, suggested: str) -> None:
    """Ask where (through *window*'s dialogs seam) and save *card* as PNG; report in its status bar."""
    path = dialogs.ask_save_path(window, "Save chart as PNG", suggested, "PNG images (*.png)")
    if not path:
        return
    if not path.lower().endswith(".png"):
        path += ".png"
    try:
        saved = write_through(path, lambda staged: card.render_image().save(str(staged), "PNG"))
    except OSError as exc:
        saved, reason = False, exc.strerror or str(exc)
    else:
        reason = "the image could not be written"
    if saved:
        window.statusBar().showMessage(f"Chart saved to {path}", 8000)
    else:
        dialogs.error(window, "Chart not saved", f"Could not write {path} ({reason}).")
