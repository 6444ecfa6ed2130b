"""The ring that shows which push button has the focus: drawn inside the focused button (the
default Save looked the same with the focus and without), gone when the focus moves on, and kept
to the button's size."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication

from peerdesk.ui.focus_ring import INSET, ring_of


def ring_pixels(button) -> int:
    """How many pixels of the button's left inner edge (where the ring runs) are the highlight colour."""
    image: QImage = button.grab().toImage()
    highlight = button.palette().color(QPalette.Active, QPalette.Highlight)
    scale = image.devicePixelRatio()
    x = round(INSET * scale)
    found = 0
    for y in range(round((INSET + 2) * scale), round((button.height() - INSET - 2) * scale)):
        for dx in (-1, 0, 1):
            pixel = QColor(image.pixel(x + dx, y))
            if max(abs(pixel.red() - highlight.red()), abs(pixel.green() - highlight.green()),
                   abs(pixel.blue() - highlight.blue())) < 60:
                found += 1
                break
    return found


def test_the_focused_default_button_shows_a_ring_and_loses_it_with_the_focus(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    save = window.form.save_button
    assert save.isDefault()  # the button whose frame looks focused already
    window.form.minutes_edit.setFocus(Qt.TabFocusReason)
    qtbot.waitUntil(lambda: window.form.minutes_edit.hasFocus())
    without = ring_pixels(save)

    save.setFocus(Qt.TabFocusReason)
    qtbot.waitUntil(lambda: save.hasFocus())
    ring = ring_of(save)
    assert ring is not None and ring.isVisible()
    assert ring.geometry() == save.rect()
    assert ring.testAttribute(Qt.WA_TransparentForMouseEvents)  # a click still presses the button
    with_ring = ring_pixels(save)
    assert with_ring >= 3 and with_ring > without + 2, (with_ring, without)

    window.form.clear_button.setFocus(Qt.TabFocusReason)
    qtbot.waitUntil(lambda: window.form.clear_button.hasFocus())
    assert not ring.isVisible()
    assert ring_of(window.form.clear_button).isVisible()
    assert ring_pixels(save) <= without + 1


def test_the_ring_keeps_to_a_button_that_grows(window, qtbot):
    window.activateWindow()
    save = window.form.save_button
    save.setFocus(Qt.TabFocusReason)
    qtbot.waitUntil(lambda: save.hasFocus())
    save.resize(save.width() + 40, save.height() + 10)
    qtbot.waitUntil(lambda: ring_of(save).geometry() == save.rect())
