"""Text colours set through palettes, not style sheets.

A widget with a style sheet stops following font changes, so View ▸ Larger
text would miss it; palettes leave the font alone.

Every colour is taken from the widget's palette (the desktop theme's, a high-contrast one
included) or checked against it: a colour that would not stand out from the background by the
contrast WCAG asks of text (4.5:1) is moved towards the theme's own text colour until it does,
so no text vanishes on a dark or high-contrast theme.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

ERROR_COLOUR = "#b00020"  # on light backgrounds
ERROR_COLOUR_ON_DARK = "#ff8a80"  # on dark ones
TEXT_CONTRAST = 4.5  # WCAG 2 AA, normal text


def _luminance(colour: QColor) -> float:
    """WCAG 2's relative luminance."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b, _a = colour.getRgbF()
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast(one: QColor, other: QColor) -> float:
    """WCAG 2's contrast ratio of two opaque colours (1 to 21)."""
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _mix(colour: QColor, other: QColor, share: float) -> QColor:
    """*colour* with *share* (0–1) of *other* in it, opaque."""
    a, b = colour.getRgbF(), other.getRgbF()
    return QColor.fromRgbF(*((1 - share) * x + share * y for x, y in zip(a[:3], b[:3], strict=True)), 1.0)


def readable(colour: QColor, background: QColor, text: QColor) -> QColor:
    """*colour* (drawn over *background*, its transparency too), or as little of the theme's
    *text* colour mixed into it as makes it stand out from *background* as text must."""
    opaque = _mix(background, colour, colour.alphaF()) if colour.alpha() < 255 else QColor(colour)
    for step in range(11):
        candidate = _mix(opaque, text, step / 10)
        if contrast(candidate, background) >= TEXT_CONTRAST:
            return candidate
    return QColor(text)


def _text_colour(widget: QWidget, colour: QColor) -> None:
    palette = widget.palette()
    palette.setColor(QPalette.WindowText, colour)
    palette.setColor(QPalette.Text, colour)
    widget.setPalette(palette)


def _theme(widget: QWidget) -> QPalette:
    """The colours *widget* takes from around it (not the text colour set on it before)."""
    parent = widget.parentWidget()
    return parent.palette() if parent is not None else QApplication.palette(widget)


def muted(widget: QWidget) -> None:
    """Secondary text: descriptions, counters, day names."""
    palette = _theme(widget)
    back, text = palette.color(QPalette.Window), palette.color(QPalette.WindowText)
    _text_colour(widget, readable(palette.color(QPalette.PlaceholderText), back, text))


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.Window).lightness() < 128


def error(widget: QWidget) -> None:
    palette = _theme(widget)
    back, text = palette.color(QPalette.Window), palette.color(QPalette.WindowText)
    _text_colour(widget, readable(QColor(ERROR_COLOUR_ON_DARK if is_dark(palette) else ERROR_COLOUR), back, text))


def normal(widget: QWidget) -> None:
    widget.setPalette(QPalette())


def banner(widget: QWidget, background: str = "#F0E442", text: str = "#000000") -> None:
    """A strip in its own two colours (black on yellow by default: 15:1 whatever the theme)."""
    palette = widget.palette()
    palette.setColor(QPalette.Window, QColor(background))
    palette.setColor(QPalette.WindowText, QColor(text))
    widget.setPalette(palette)
    widget.setAutoFillBackground(True)
