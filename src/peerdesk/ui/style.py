"""Text colours set through palettes, not style sheets.

A widget with a style sheet stops following font changes, so View ▸ Larger
text would miss it; palettes leave the font alone.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

ERROR_COLOUR = "#b00020"


def _text_colour(widget: QWidget, colour: QColor) -> None:
    palette = widget.palette()
    palette.setColor(QPalette.WindowText, colour)
    palette.setColor(QPalette.Text, colour)
    widget.setPalette(palette)


def muted(widget: QWidget) -> None:
    """Secondary text: descriptions, counters, day names."""
    palette = widget.palette()
    _text_colour(widget, palette.color(QPalette.PlaceholderText))


def error(widget: QWidget) -> None:
    _text_colour(widget, QColor(ERROR_COLOUR))


def normal(widget: QWidget) -> None:
    widget.setPalette(QPalette())


def banner(widget: QWidget, background: str = "#F0E442", text: str = "#000000") -> None:
    palette = widget.palette()
    palette.setColor(QPalette.Window, QColor(background))
    palette.setColor(QPalette.WindowText, QColor(text))
    widget.setPalette(palette)
    widget.setAutoFillBackground(True)
