"""The window as users meet it: a real X server (Xvfb) with a window manager (openbox), the
program started as `peerdesk` starts it, and real key presses (xdotool).

Offscreen tests have no window manager and deliver keys straight to a widget; here a key
goes through the X server, Qt's xcb platform and its shortcut map, as on a ward PC, and the
window gets a title bar and a frame. Tools needed (Debian): xvfb, openbox, xdotool,
x11-utils, and Qt's xcb libraries (libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1).
Without them these tests are skipped, unless PEERDESK_REQUIRE_X11=1 (set by .ci/run),
when they fail.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

TOOLS = ("Xvfb", "openbox", "xdotool", "xprop", "xwininfo")
SCREENS = {"1366x768": (1366, 768), "1280x720": (1280, 720)}


def _tools_or_skip() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        message = f"a real X server needs {', '.join(missing)} (Debian: xvfb openbox xdotool x11-utils)"
        if os.environ.get("PEERDESK_REQUIRE_X11") == "1":
            pytest.fail(message)
        pytest.skip(message)


def _wait(condition, timeout: float, what: str):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


@dataclass
class Display:
    name: str  # ":12"
    width: int
    height: int

    def env(self) -> dict[str, str]:
        env = dict(os.environ, DISPLAY=self.name, QT_QPA_PLATFORM="xcb")
        env.pop("QT_SCALE_FACTOR", None)
        return env

    def run(self, *args: str) -> str:
        done = subprocess.run(args, env=self.env(), capture_output=True, text=True, timeout=20, check=False)
        return done.stdout


@pytest.fixture(scope="module", params=list(SCREENS), ids=list(SCREENS))
def display(request, tmp_path_factory):
    """An X server of a ward PC's screen size with openbox managing its windows."""
    _tools_or_skip()
    width, height = SCREENS[request.param]
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    shown = Display(f":{number}", width, height)
    manager = subprocess.Popen(["openbox"], env=shown.env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(lambda: "window id" in shown.run("xprop", "-root", "_NET_SUPPORTING_WM_CHECK"), 10, "openbox")
        yield shown
    finally:
        for process in (manager, server):
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()


class Running:
    """PeerDesk started as a worker starts it, on a data folder of its own."""

    def __init__(self, display: Display, folder: Path, text_scale: float | None = None,
                 language: str | None = None, demo_weeks: int = 0) -> None:
        self.display = display
        self.data = folder / "data"
        if demo_weeks:  # a record to open on: the week has entries, its table and charts fill in
            from peerdesk import demo

            demo.create_demo_folder(self.data, weeks=demo_weeks)
        else:
            self.data.mkdir()
        settings = {"worker": "PW-07"} | ({"language": language} if language else {})
        (self.data / "settings.json").write_text(json.dumps(settings), "utf-8")
        home = folder / "home"  # Qt's own settings (the text size) of a user of its own
        home.mkdir()
        if text_scale is not None:  # View ▸ Larger text, as remembered from an earlier session
            conf = home / ".config" / "PeerDesk"
            conf.mkdir(parents=True)
            (conf / "PeerDesk.conf").write_text(f"[view]\ntext_scale={text_scale}\n", "utf-8")
        env = display.env() | {"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "peerdesk", "--data-dir", str(self.data)],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        self.window = _wait(lambda: self.find("PW-07"), 20, "the PeerDesk window")
        _wait(lambda: self.active_title().startswith("PeerDesk") or "PW-07" in self.active_title(), 10, "focus")
        _wait(lambda: (self.data / "peerdesk.db").exists(), 10, "the database")
        if demo_weeks:  # the file was there before: the day's first backup says the store is open
            from peerdesk.storage.backups import backup_folder

            _wait(lambda: any(backup_folder(self.data / "peerdesk.db").glob("*.db")), 20, "the day's backup")
        time.sleep(0.5)  # the form is built after the first paint

    def find(self, title: str) -> str | None:
        ids = self.display.run("xdotool", "search", "--onlyvisible", "--name", title).split()
        return ids[0] if ids else None

    def active_title(self) -> str:
        return self.display.run("xdotool", "getactivewindow", "getwindowname").strip()

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.display.run("xdotool", "key", "--clearmodifiers", key)
            time.sleep(0.05)

    def type(self, text: str) -> None:
        self.display.run("xdotool", "type", "--delay", "20", text)

    def wait_active(self, title: str, timeout: float = 5) -> None:
        _wait(lambda: title in self.active_title(), timeout, f"a window titled {title!r} (now {self.active_title()!r})")

    def frame(self) -> tuple[int, int, int, int]:
        """The window with its frame, as the window manager placed it: x, y, width, height."""
        info = self.display.run("xwininfo", "-id", self.window)
        value = {
            key.strip(): int(rest.split()[0])
            for key, _, rest in (line.partition(":") for line in info.splitlines())
            if key.strip() in ("Absolute upper-left X", "Absolute upper-left Y", "Width", "Height")
        }
        extents = self.display.run("xprop", "-id", self.window, "_NET_FRAME_EXTENTS").partition("=")[2]
        left, right, top, bottom = (int(n) for n in extents.split(",")) if extents.strip() else (0, 0, 0, 0)
        return (
            value["Absolute upper-left X"] - left,
            value["Absolute upper-left Y"] - top,
            value["Width"] + left + right,
            value["Height"] + top + bottom,
        )

    def entries(self) -> list[tuple]:
        """What is on disk: (worker, minutes, category, client_ref, note) of every entry."""
        conn = sqlite3.connect(f"file:{self.data / 'peerdesk.db'}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT worker, minutes, category, client_ref, note FROM entries").fetchall()
        except sqlite3.OperationalError:  # not made yet: the store is still being opened
            return []
        finally:
            conn.close()

    def wait_entries(self, count: int, timeout: float = 10) -> list[tuple]:
        return _wait(lambda: len(rows := self.entries()) >= count and rows, timeout, f"{count} entries on disk")

    def quit(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()


@pytest.fixture
def peerdesk(display, tmp_path):
    running = Running(display, tmp_path)
    try:
        yield running
    finally:
        running.quit()
