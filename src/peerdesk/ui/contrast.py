"""Colours that stay legible under every theme, the high-contrast ones of Windows and Linux included.

PeerDesk's few colours of its own (an error's red, the demo banner's yellow, a work type's hue in
the role guide) are kept only where they read well against the background the theme gives
(WCAG's contrast ratio, 4.5:1 for text) and when the user did not ask the system for high
contrast; otherwise the theme's own roles are used (its text colour; its highlight pair for
what must stand out), so nothing vanishes on a black high-contrast desktop. Palettes, not style
sheets: a style sheet would stop the widget following View ▸ Larger text (:mod:`.style`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget

from .style import ERROR_COLOUR

TEXT_CONTRAST = 4.5  # WCAG 2 AA, normal text
BANNER = ("#F0E442", "#000000")  # the demo banner and a likely identifier: yellow, black text


def luminance(colour: QColor) -> float:
    """WCAG's relative luminance of *colour* (0 black … 1 white)."""

    def linear(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    rgb = colour.toRgb()
    return 0.2126 * linear(rgb.redF()) + 0.7152 * linear(rgb.greenF()) + 0.0722 * linear(rgb.blueF())


def ratio(one: QColor, other: QColor) -> float:
    """WCAG's contrast ratio of two colours (1 … 21)."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def high_contrast() -> bool:
    """Whether the user asked the system for high contrast (Qt 6.10+ knows; older Qt: no)."""
    hints = QGuiApplication.styleHints()
    accessibility = getattr(hints, "accessibility", None)
    preference = getattr(Qt, "ContrastPreference", None)
    if accessibility is None or preference is None:
        return False
    return accessibility().contrastPreference() == preference.HighContrast


def theme() -> QPalette:
    return QGuiApplication.palette()


def legible(colour: QColor, background: QColor, minimum: float = TEXT_CONTRAST) -> bool:
    return ratio(colour, background) >= minimum


def text_colour(colour: QColor | str, background: QColor) -> QColor:
    """*colour* for text on *background*; the theme's text colour where it would not read well."""
    wanted = QColor(colour)
    if not high_contrast() and legible(wanted, background):
        return wanted
    fallback = theme().color(QPalette.ColorRole.WindowText)
    return fallback if legible(fallback, background) else theme().color(QPalette.ColorRole.Text)


def shade_for(colour: QColor | str, background: QColor) -> QColor:
    """*colour*'s hue made dark (or light) enough to read on *background*; the theme's text
    colour under high contrast."""
    shade = QColor(colour)
    if high_contrast():
        return theme().color(QPalette.ColorRole.WindowText)
    dark_background = luminance(background) < 0.5
    for _step in range(12):
        if legible(shade, background):
            return shade
        shade = shade.lighter(125) if dark_background else shade.darker(125)
    return text_colour(shade, background)


def error_colour(widget: QWidget, role: QPalette.ColorRole = QPalette.ColorRole.Window) -> QColor:
    """An error's red on *widget*'s background (*role*), or the theme's text colour."""
    return text_colour(ERROR_COLOUR, widget.palette().color(role))


def error(widget: QWidget) -> None:
    """*widget*'s text in the error colour that reads on its background."""
    colour = error_colour(widget)
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, colour)
    palette.setColor(QPalette.ColorRole.Text, colour)
    widget.setPalette(palette)


def attention() -> tuple[QColor, QColor]:
    """(background, text) of what must stand out (the demo banner, a likely identifier): the
    banner's yellow and black, or the theme's highlight pair under high contrast."""
    if high_contrast():
        palette = theme()
        return palette.color(QPalette.ColorRole.Highlight), palette.color(QPalette.ColorRole.HighlightedText)
    return QColor(BANNER[0]), QColor(BANNER[1])


def banner(widget: QWidget) -> None:
    """*widget* on the attention background, filled."""
    background, text = attention()
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.Window, background)
    palette.setColor(QPalette.ColorRole.WindowText, text)
    widget.setPalette(palette)
    widget.setAutoFillBackground(True)
