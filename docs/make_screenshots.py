"""Make the README screenshots from the demo record, in a temporary folder.

    python docs/make_screenshots.py

Never touches a real data folder. The week is fixed so the images only change
when the app or the demo changes.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

from peerdesk import demo
from peerdesk.app import render_chart, screenshot
from peerdesk.domain.weeks import Week
from peerdesk.workspace import Workspace

IMAGES = Path(__file__).resolve().parent / "images"
WEEK = Week(2026, 47)
TODAY = date(2026, 11, 27)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "demo"
        demo.create_demo_folder(folder, weeks=12, today=TODAY)
        ws = Workspace(folder)
        ws.settings.set("contracted_hours", 30)
        ws.settings.save()
        ws.close()
        ws = Workspace(folder)
        code = screenshot(ws, ws.open_store(), IMAGES / "main-window.png", week=WEEK, today=TODAY)
        ws = Workspace(folder)
        code |= render_chart(ws, ws.open_store(), "trend", IMAGES / "trend.png", week=WEEK, today=TODAY)
        return code


if __name__ == "__main__":
    sys.exit(main())
