"""The worker's window on a ward PC's screen, driven by real key presses through an X server."""

from __future__ import annotations

import pytest


def test_the_window_and_its_frame_fit_the_screen(peerdesk, display):
    x, y, width, height = peerdesk.frame()
    assert x >= 0 and y >= 0, (x, y)
    assert x + width <= display.width and y + height <= display.height, (x, y, width, height)


# How the cursor reaches each field: the date has the focus at start; the others by their mnemonic.
FIELDS = {"date": (), "start": ("alt+t",), "minutes": ("alt+m",), "people": ("alt+p",)}


@pytest.mark.parametrize("field", list(FIELDS))
def test_ctrl_e_opens_the_export_dialog_from_every_field(peerdesk, field):
    peerdesk.keys(*FIELDS[field])
    peerdesk.keys("ctrl+e")
    peerdesk.wait_active("Export to CSV")
    peerdesk.keys("Escape")
    peerdesk.wait_active("PW-07")


def test_an_entry_typed_and_saved_with_the_keyboard_lands_on_disk(peerdesk):
    peerdesk.keys("alt+m")
    peerdesk.type("45")
    peerdesk.keys("Return")
    [(worker, minutes, _category)] = peerdesk.wait_entries(1)
    assert (worker, minutes) == ("PW-07", 45)
