"""The form's two small icons, drawn in the palette's colours: the date's calendar arrow and the
category's role-guide mark.

They were the style's standard pixmaps (``SP_ArrowDown``, ``SP_MessageBoxInformation``), but the
first Python handle on the style makes PySide build the enum classes of ``QStyle`` (566 members:
about 8 ms of every start, before the form can be used). Drawn here, they also take the
theme's colours, so a high-contrast theme shows them as it shows text.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QIcon, QPainter, QPalette, QPixmap, QPolygonF

SIZE = 64  # drawn large, shown small: Qt scales an icon down smoothly, at any screen's density


def _drawn(paint) -> QIcon:
    canvas = QPixmap(SIZE, SIZE)
    canvas.fill(Qt.transparent)
    painter = QPainter(canvas)
    painter.setRenderHint(QPainter.Antialiasing)
    painter.setPen(Qt.NoPen)
    paint(painter)
    painter.end()
    return QIcon(canvas)


def down_arrow(colours: QPalette) -> QIcon:
    """A triangle pointing down, in the text's colour (the calendar opens below the date)."""

    def paint(painter: QPainter) -> None:
        painter.setBrush(colours.color(QPalette.Text))
        painter.drawPolygon(QPolygonF([QPointF(SIZE * 0.2, SIZE * 0.36), QPointF(SIZE * 0.8, SIZE * 0.36),
                                       QPointF(SIZE * 0.5, SIZE * 0.7)]))

    return _drawn(paint)


def guide_mark(colours: QPalette) -> QIcon:
    """An "i" in a disc, in the highlight's pair of colours (the role guide's button)."""

    def paint(painter: QPainter) -> None:
        painter.setBrush(colours.color(QPalette.Highlight))
        painter.drawEllipse(QRectF(SIZE * 0.06, SIZE * 0.06, SIZE * 0.88, SIZE * 0.88))
        font = QFont()
        font.setBold(True)
        font.setPixelSize(int(SIZE * 0.62))
        painter.setFont(font)
        painter.setPen(colours.color(QPalette.HighlightedText))
        painter.drawText(QRectF(0, 0, SIZE, SIZE), Qt.AlignCenter, "i")

    return _drawn(paint)
