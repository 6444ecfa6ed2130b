"""A focus you can see on every control: the platform's own style, with a ring drawn inside a
push button that has the focus.

The default button of a form or dialog ("Save entry", "OK") already wears the highlighted
frame a focused button gets, so with the keyboard on it nothing showed where the focus was.

The ring is a small widget of its own laid over the focused button, shown and hidden as the
focus moves (``QApplication.focusChanged``), so nothing of PeerDesk runs while Qt paints
anything else. (A proxy style drawing it made every control's painting go through Python, each
cell of the week's table and each header section included: 5 ms of a cold start and of every
week switch.)
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

# Qt's namespace, QEvent and QPainter are imported where used: this module is imported before the
# first paint, and their enum classes cost 20 ms to make (the first focus on a button makes them).

RING_NAME = "focus_ring"
INSET = 4  # px inside the button's edge, within its own frame


class Ring(QWidget):
    """The ring over one push button: a child of the button, as large as it, seen through."""

    def __init__(self, button: QPushButton) -> None:
        from PySide6.QtCore import Qt

        super().__init__(button)
        self.setObjectName(RING_NAME)
        self.setAttribute(Qt.WA_TransparentForMouseEvents)  # clicks and hover reach the button
        self.setFocusPolicy(Qt.NoFocus)
        self.setGeometry(button.rect())
        button.installEventFilter(self)  # to keep its size

    def eventFilter(self, watched: QObject, event) -> bool:  # noqa: N802 - Qt API
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Resize and watched is self.parentWidget():
            self.setGeometry(self.parentWidget().rect())
        return False

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt API
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QPainter, QPalette, QPen

        button = self.parentWidget()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setPen(QPen(button.palette().color(QPalette.Active, QPalette.Highlight), 2, Qt.DotLine))
        painter.setBrush(Qt.NoBrush)
        painter.drawRoundedRect(self.rect().adjusted(INSET, INSET, -INSET, -INSET), 2, 2)
        painter.end()


def ring_of(button: QPushButton) -> Ring | None:
    """The ring made for *button* (at its first focus), or None."""
    from PySide6.QtCore import Qt

    return button.findChild(Ring, RING_NAME, Qt.FindDirectChildrenOnly)


class FocusWatch(QObject):
    """Shows the ring of the push button that takes the focus, hides that of the one that loses it."""

    def moved(self, old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(old, QPushButton) and (ring := ring_of(old)) is not None:
            ring.hide()
        if isinstance(new, QPushButton):
            ring = ring_of(new) or Ring(new)
            ring.setGeometry(new.rect())
            ring.show()
            ring.raise_()


_watching: list[QApplication] = []  # the application install() was called for (not findChild: 11 ms)


def install(app: QApplication) -> None:
    """Show (once per application) which push button has the focus, in every window and dialog."""
    if any(seen is app for seen in _watching):
        return
    _watching[:] = [app]
    watch = FocusWatch(app)
    app.focusChanged.connect(watch.moved)
