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
        signed_off(folder, Path(tmp))
        ws = Workspace(folder)
        code |= screenshot(ws, ws.open_store(), IMAGES / "signed-off-week.png", week=WEEK, today=TODAY)
        return code


def signed_off(folder: Path, tmp: Path) -> None:
    """The loop once: the worker submits the week and exports it (signed), the supervisor
    signs it off, the worker opens the receipt."""
    from peerdesk.exchange.csv_export import export_entries
    from peerdesk.exchange.signatures import fingerprint
    from peerdesk.operations import weeks
    from peerdesk.storage import signing_key

    ws = Workspace(folder)
    store = ws.open_store()
    weeks.submit_week(store, WEEK)
    export = tmp / "week-47.csv"
    export_entries(store, ws.taxonomy, WEEK.start, WEEK.end, export)
    trusted = {fingerprint(signing_key.public_key(store) or b""): store.actor()}
    supervisor = Workspace(tmp / "supervisor")
    receipt = weeks.sign_off(export, by="S. Khan", comment="a full week; let's talk about the group on Tuesday",
                             trusted=trusted, store=supervisor.open_store())
    supervisor.close()
    weeks.import_receipt(store, receipt)
    ws.close()


if __name__ == "__main__":
    sys.exit(main())
