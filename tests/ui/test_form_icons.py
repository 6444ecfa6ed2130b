"""The form's two drawn icons, as they show on screen: the date's calendar arrow in the text's
colour and the role guide's mark in the highlight's, under the theme given and under a
high-contrast one chosen while the window is open."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette


def colours_in(icon, size=32) -> set[str]:
    """The opaque colours of *icon* drawn at *size*, as #rrggbb (its smoothed edges left out)."""
    image = icon.pixmap(size, size).toImage()
    return {QColor(image.pixel(x, y)).name() for x in range(image.width()) for y in range(image.height())
            if QColor.fromRgba(image.pixel(x, y)).alpha() == 255}


def shown_icon(form, which):
    return form.date_edit.opener.icon() if which == "arrow" else form.guide_button.icon()


def high_contrast() -> QPalette:
    dark = QPalette()
    for role, colour in ((QPalette.Window, "#000000"), (QPalette.Base, "#000000"), (QPalette.Text, "#ffff00"),
                         (QPalette.WindowText, "#ffff00"), (QPalette.Highlight, "#00ffff"),
                         (QPalette.HighlightedText, "#000000")):
        dark.setColor(role, QColor(colour))
    return dark


def test_the_arrow_and_the_guide_mark_take_the_themes_colours(window):
    form = window.form
    text, highlight = form.palette().color(QPalette.Text).name(), form.palette().color(QPalette.Highlight).name()
    assert colours_in(shown_icon(form, "arrow")) == {text}
    assert {highlight, form.palette().color(QPalette.HighlightedText).name()} <= colours_in(shown_icon(form, "mark"))
    window.setPalette(high_contrast())  # a high-contrast theme chosen while the window is open
    assert colours_in(shown_icon(form, "arrow")) == {"#ffff00"}
    assert {"#00ffff", "#000000"} <= colours_in(shown_icon(form, "mark"))
