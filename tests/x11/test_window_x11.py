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
    [(worker, minutes, _category, _ref, _note)] = peerdesk.wait_entries(1)
    assert (worker, minutes) == ("PW-07", 45)


def test_each_alt_letter_reaches_its_field_every_time(peerdesk):
    # twice over: a mnemonic two things share alternates between them, and the second round's
    # text would land in a chart tab, not in the field
    for round_ in ("1", "2"):
        peerdesk.keys("alt+m")
        peerdesk.type(f"3{round_}")
        peerdesk.keys("alt+r")
        peerdesk.type(f"C-{round_}")
        peerdesk.keys("alt+n")
        peerdesk.type(f"note {round_}")
        peerdesk.keys("ctrl+Return")
        peerdesk.wait_entries(int(round_))
    rows = sorted((minutes, ref, note) for _w, minutes, _c, ref, note in peerdesk.entries())
    assert rows == [(31, "C-1", "note 1"), (32, "C-2", "note 2")]


def test_the_title_names_the_worker_and_the_program_once(peerdesk):
    assert peerdesk.display.run("xdotool", "getwindowname", peerdesk.window).strip() == "PW-07 — PeerDesk"


def test_a_weekday_typed_in_the_date_files_the_entry_on_the_last_such_day(peerdesk):
    import datetime as dt
    import sqlite3

    today = dt.date.today()
    monday = today - dt.timedelta(days=today.weekday())
    peerdesk.keys("alt+d", "ctrl+a")
    peerdesk.type("mon")
    peerdesk.keys("alt+m")
    peerdesk.type("20")
    peerdesk.keys("Return")
    peerdesk.wait_entries(1)
    conn = sqlite3.connect(f"file:{peerdesk.data / 'peerdesk.db'}?mode=ro", uri=True)
    try:
        assert conn.execute("SELECT date, minutes FROM entries").fetchall() == [(monday.isoformat(), 20)]
    finally:
        conn.close()


@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_the_date_has_the_focus_at_start_over_a_record(display, tmp_path, scale):
    """Started on a week of entries, at the normal and a larger text size: what the worker
    types first goes into the date, not to the week's first button."""
    import datetime as dt
    import sqlite3

    from .conftest import Running

    day = dt.date.today() - dt.timedelta(days=2)  # a weekday that is not today's
    running = Running(display, tmp_path, text_scale=scale, demo_weeks=3)
    try:
        running.type(day.strftime("%a").lower())
        running.keys("alt+m")
        running.type("7")
        running.keys("alt+n")
        running.type("focus at start")
        running.keys("ctrl+Return")
        db = running.data / "peerdesk.db"

        def saved():
            conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            try:
                return conn.execute("SELECT date, minutes FROM entries WHERE note = 'focus at start'").fetchall()
            finally:
                conn.close()

        assert _eventually(saved) == [(day.isoformat(), 7)]
    finally:
        running.quit()


def _eventually(read, timeout: float = 10.0):
    import time

    end = time.monotonic() + timeout
    while not (found := read()) and time.monotonic() < end:
        time.sleep(0.1)
    return found


@pytest.mark.parametrize("scale", [1.3, 1.5, 2.0])
def test_larger_text_never_takes_the_window_past_the_screen(display, tmp_path, scale):
    from .conftest import Running

    running = Running(display, tmp_path, text_scale=scale)  # as remembered from the last session
    try:
        x, y, width, height = running.frame()
        assert x >= 0 and y >= 0 and x + width <= display.width and y + height <= display.height, (scale, width)
    finally:
        running.quit()


@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0])
def test_the_french_window_fits_the_screen_at_every_text_size(display, tmp_path, scale):
    """French text is longer: the window in French (its language setting), under the window
    manager, stays on the screen with its frame, and speaks French."""
    from .conftest import Running

    running = Running(display, tmp_path, text_scale=scale, language="fr")
    try:
        x, y, width, height = running.frame()
        assert x >= 0 and y >= 0 and x + width <= display.width and y + height <= display.height, (scale, width)
        running.keys("ctrl+e")  # Fichier ▸ Exporter…
        running.wait_active("Exporter")
        running.keys("Escape")
    finally:
        running.quit()


def test_view_larger_text_pressed_in_the_window_keeps_it_on_the_screen(peerdesk, display):
    import time

    for _ in range(4):  # Ctrl+= up to the largest size, as a trainer does before a projector
        peerdesk.keys("ctrl+equal")
        time.sleep(0.3)
    x, y, width, height = peerdesk.frame()
    assert x >= 0 and y >= 0 and x + width <= display.width and y + height <= display.height, (width, height)
