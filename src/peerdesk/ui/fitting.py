"""Windows and dialogs that fit the screen they are on: a ward PC's 1366×768 or 1280×720 screen,
at any text size. A window is never larger than the screen's free area (its frame included);
what it holds scrolls instead of being clipped."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtWidgets import QApplication, QFrame, QGridLayout, QScrollArea, QVBoxLayout, QWidget
from shiboken6 import isValid

FRAME_GUESS = QSize(16, 48)  # a window manager's borders and title bar, until they are known


def frame_of(window: QWidget) -> QSize:
    """What the window manager adds around *window* (guessed until it has framed it)."""
    frame = window.frameGeometry().size() - window.geometry().size()
    if frame.width() <= 0 and frame.height() <= 0:
        return QSize(FRAME_GUESS)
    return frame


def room_for(window: QWidget) -> QSize:
    """The largest size *window* may take on its screen, its frame left out."""
    screen = window.screen()
    if screen is None:
        return QSize(16777215, 16777215)
    return screen.availableGeometry().size() - frame_of(window)


def first_size(window: QWidget, width: int, height: int) -> None:
    """*window* at *width* × *height*, or the whole free area of a screen too small for that
    (a ward PC's 1366×768): a window a little narrower than such a screen would only give up
    room its content needs at larger text."""
    room = room_for(window)
    if room.width() < width or room.height() < height:
        window.resize(room)
    else:
        window.resize(width, height)


def fit_to_screen(window: QWidget) -> None:
    """Shrink *window* to its screen's free area (never below its minimum size) and move it
    back inside it."""
    screen = window.screen()
    if screen is None or window.isMaximized() or window.isFullScreen():
        return
    room = screen.availableGeometry()
    space = room_for(window)
    width = max(window.minimumWidth(), min(window.width(), space.width()))
    height = max(window.minimumHeight(), min(window.height(), space.height()))
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    outer = window.frameGeometry()
    if outer.size() == window.size():  # not framed yet: leave room for the frame to come
        outer.setSize(window.size() + frame_of(window))
    x = min(max(outer.left(), room.left()), max(room.left(), room.right() + 1 - outer.width()))
    y = min(max(outer.top(), room.top()), max(room.top(), room.bottom() + 1 - outer.height()))
    if (x, y) != (outer.left(), outer.top()):
        window.move(x, y)


def scrolling(content: QWidget, name: str = "", accessible_name: str = "") -> QScrollArea:
    """*content* in a frameless scroll area that gives it all the room there is, scrolls when
    there is less than it needs, and brings the field with the focus into view however it got
    there (Tab, an Alt+letter, a field with an error). *accessible_name* is what a screen
    reader calls the area (translated by the caller)."""
    from PySide6.QtCore import Qt  # (made as needed: Qt's namespace costs 15 ms before the first paint)

    area = QScrollArea(objectName=name, widgetResizable=True)
    if accessible_name:
        area.setAccessibleName(accessible_name)
    area.setFrameShape(QFrame.NoFrame)
    area.setFocusPolicy(Qt.NoFocus)  # a Tab stop that shows nothing: the fields inside take the focus
    area.setWidget(content)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.focusChanged.connect(_FocusInView(area).follow)
    return area


class _FocusInView(QObject):
    """Scrolls its area to the widget that takes the focus inside it (gone with the area)."""

    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)
        self.area = area

    def follow(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not isValid(self.area):  # the focus moves while the area is being deleted
            return
        content = self.area.widget()
        if new is not None and content is not None and content.isAncestorOf(new):
            self.area.ensureWidgetVisible(new, 8, 8)


class WrappingRow(QFrame):
    """A row holding wrapped text beside other widgets (the week's title and its buttons): as
    tall as the text needs at the width the row is given.

    It does not tell the layouts above it that their height follows their width: a scroll area
    whose content says so takes the content's preferred height as its least one (QScrollArea
    with widgetResizable), and the window would scroll with room to spare. A subclass that
    rearranges what it holds with its width says how narrow and how wide it can be."""

    def least_width(self) -> int:
        layout = self.layout()
        return layout.totalMinimumSize().width() if layout is not None else 0

    def preferred_width(self) -> int:
        layout = self.layout()
        return layout.totalSizeHint().width() if layout is not None else 0

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return False

    def _tall(self, height: int) -> int:
        """*height* (the layout's least or preferred), or what the text needs at the row's width."""
        layout = self.layout()
        if layout is None or not layout.hasHeightForWidth():  # no wrapped text shown
            return height
        return layout.totalHeightForWidth(max(self.width(), self.least_width()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        layout = self.layout()
        if layout is None:
            return super().minimumSizeHint()
        return QSize(self.least_width(), self._tall(layout.totalMinimumSize().height()))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        layout = self.layout()
        if layout is None:
            return super().sizeHint()
        return QSize(self.preferred_width(), self._tall(layout.totalSizeHint().height()))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # its height follows: the layout above asks again


def wrapping_row(label: QWidget) -> WrappingRow:
    """*label* (wrapped text: a banner, a note) alone in a :class:`WrappingRow`, so that the
    scroll area it sits in does not take its preferred height as its least."""
    row = WrappingRow()
    layout = QVBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(label)
    return row


class Rearranging(WrappingRow):
    """A row that rearranges what it holds with its width (:meth:`refit`): on a resize, and when
    its contents ask for a new layout (a new text, a new font)."""

    def refit(self) -> None:
        raise NotImplementedError

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.LayoutRequest:
            self.refit()
        return super().event(event)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.refit()
        super().resizeEvent(event)


class Bands(Rearranging):
    """Cells of a few widgets each (a label and its field side by side; a day's name over its
    total) in one row, or where the row is too narrow for that, in bands of fewer cells, as many
    a band as fit (of *choices*), their columns lined up from band to band."""

    def __init__(self, cells: Sequence[Sequence[QWidget]], *, across: bool, choices: Sequence[int] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cells = [list(cell) for cell in cells]
        self.across = across  # a cell's widgets side by side, else one over the other
        self.choices = sorted(set(choices or range(1, len(self.cells) + 1)), reverse=True)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.per_band = 0
        self._arrange(self.choices[0])

    def _arrange(self, per_band: int) -> None:
        if per_band == self.per_band:
            return
        self.per_band = per_band
        for cell in self.cells:
            for widget in cell:
                self.grid.removeWidget(widget)
        for i, cell in enumerate(self.cells):
            band, column = divmod(i, per_band)
            for k, widget in enumerate(cell):
                if self.across:
                    self.grid.addWidget(widget, band, column * len(cell) + k)
                else:
                    self.grid.addWidget(widget, band * len(cell) + k, column)

    def band_width(self, per_band: int) -> int:
        """The row's width with its cells in bands of *per_band*."""
        parts = len(self.cells[0])
        columns = []
        for column in range(per_band):
            cells = self.cells[column::per_band]
            if self.across:  # each widget of a cell has a grid column of its own
                columns += [max(cell[k].sizeHint().width() for cell in cells) for k in range(parts)]
            else:
                columns.append(max(widget.sizeHint().width() for cell in cells for widget in cell))
        margins = self.contentsMargins()
        return sum(columns) + self.grid.horizontalSpacing() * (len(columns) - 1) + margins.left() + margins.right()

    def least_width(self) -> int:
        return self.band_width(self.choices[-1])

    def preferred_width(self) -> int:
        return self.band_width(self.choices[0])

    def refit(self) -> None:
        width = self.width()
        self._arrange(next((n for n in self.choices if self.band_width(n) <= width), self.choices[-1]))


def text_ratio(widget: QWidget) -> float:
    """How much larger *widget*'s text is than the normal size (View ▸ Larger text), at least 1."""
    from .text_size import DEFAULT_POINT_SIZE, base_font

    base = base_font().pointSizeF()
    size = widget.font().pointSizeF()
    return max(1.0, size / (base if base > 0 else DEFAULT_POINT_SIZE)) if size > 0 else 1.0


def open_size(window: QWidget, width: int, height: int) -> None:
    """Give *window* the size *width* × *height* has at the normal text size, grown with larger
    text, and never past its screen's free area."""
    ratio = text_ratio(window)
    room = room_for(window)
    window.resize(min(round(width * ratio), room.width()), min(round(height * ratio), room.height()))


def grow_to_contents(dialog: QWidget) -> None:
    """Grow *dialog* (never shrink it) to the height its contents need at its width: a wrapped
    warning shown must not squeeze the rows above it or be cut."""
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    width = dialog.width()
    need = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else layout.totalSizeHint().height()
    need = max(need, layout.totalMinimumSize().height())
    if dialog.height() < need:
        dialog.resize(width, need)
