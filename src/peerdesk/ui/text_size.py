"""View ▸ Larger text: every font of the application scaled in steps, for projectors and tired eyes.

The scale applies to the application's font, so every widget and dialog
follows (style-sheeted ones too); layouts grow with the text. The chosen
scale is remembered in the user's view preferences.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from .view_settings import TEXT_SCALE, ui_settings

TEXT_SCALES = (0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0)
DEFAULT_POINT_SIZE = 10.0


def base_font() -> QFont:
    """The application's font before any scaling, remembered once per process."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    saved = app.property("peerdesk_base_font")
    if not isinstance(saved, QFont):
        saved = QFont(QApplication.font())
        app.setProperty("peerdesk_base_font", saved)
    return QFont(saved)


def clamp(scale: float) -> float:
    return min(max(scale, TEXT_SCALES[0]), TEXT_SCALES[-1])


def remembered_scale() -> float:
    """The scale this user chose last (1.0 at first)."""
    return clamp(float(ui_settings().value(TEXT_SCALE, 1.0, type=float)))


def stepped(scale: float, step: int) -> float:
    """The scale *step* steps larger (or smaller) than the one nearest *scale*."""
    current = min(range(len(TEXT_SCALES)), key=lambda i: abs(TEXT_SCALES[i] - scale))
    return TEXT_SCALES[max(0, min(len(TEXT_SCALES) - 1, current + step))]


def apply_scale(scale: float) -> QFont:
    """Set the application's font to the base font × *scale*; returns that font.

    Nothing is sent to the widgets when the font is unchanged (at every start at the
    normal size, every widget would hear of it for nothing)."""
    base = base_font()
    font = QFont(base)
    font.setPointSizeF((base.pointSizeF() if base.pointSizeF() > 0 else DEFAULT_POINT_SIZE) * clamp(scale))
    if QApplication.font() != font:
        QApplication.setFont(font)
        QApplication.sendPostedEvents()  # the change reaches every widget before sizes are read
    return font


def remember(scale: float) -> None:
    ui_settings().setValue(TEXT_SCALE, clamp(scale))


def title_font(font: QFont) -> QFont:
    """A heading's font at *font*'s scale: larger and bold."""
    title = QFont(font)
    title.setPointSizeF(font.pointSizeF() * 1.3)
    title.setBold(True)
    return title
