"""Make the README screenshots from a small, fictional week in a temporary folder.

    python docs/make_screenshots.py

Never touches a real data folder.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from peerdesk.app import screenshot
from peerdesk.domain.entry import validate
from peerdesk.domain.weeks import Week
from peerdesk.workspace import Workspace

HERE = Path(__file__).resolve().parent
WEEK = Week(2026, 48)

# (weekday, start, minutes, category, mode, format, people, tags, note)
SAMPLE = [
    (0, "09:00", 30, "team_communication", "in_person", "group", 0, [], "Morning handover"),
    (0, "10:00", 60, "relationship_building", "in_person", "individual", 1, ["presence"], "First meeting, new admission"),
    (0, "14:00", 90, "group_facilitation", "in_person", "group", 7, ["experience"], "Recovery group, session 3"),
    (1, "09:30", 45, "connecting_to_resources", "phone", "individual", 1, ["collaboration"], "Called housing worker together"),
    (1, "11:00", 60, "advocacy", "in_person", "individual", 1, ["approach"], "Care review: client's wishes on discharge"),
    (1, "15:00", 30, "administration", "other", "individual", 0, [], ""),
    (2, "10:00", 60, "supervision_training", "in_person", "individual", 0, [], "Fortnightly supervision"),
    (2, "13:30", 45, "skill_building_mentoring_goal_setting", "in_person", "individual", 1, ["role_modeling"], "Budget plan, week 2"),
    (2, "15:00", 20, "staff_relationships", "in_person", "individual", 0, [], "Introduced peer role to new OT"),
    (3, "09:00", 40, "experiential_sharing", "in_person", "individual", 1, ["experience"], ""),
    (3, "11:00", 50, "group_planning_development", "other", "individual", 0, [], "Planned next week's walking group"),
    (3, "14:00", 25, "socialization_self_esteem", "text", "individual", 1, [], "Check-in by text"),
]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace(Path(tmp) / "data")
        ws.settings.set("worker", "Demo worker")
        ws.settings.save()
        store = ws.open_store()
        for day, start, minutes, cat, mode, fmt, people, tags, note in SAMPLE:
            raw = dict(
                worker="Demo worker", date=WEEK.start + timedelta(days=day), start_time=start, minutes=minutes,
                category=cat, mode=mode, format=fmt, people=people, tags=tags, note=note,
            )
            store.add(validate(raw, ws.taxonomy, today=date(2026, 11, 27)))
        ws.close()
        return screenshot(HERE / "images" / "main-window.png", data_dir=str(Path(tmp) / "data"), week=WEEK)


if __name__ == "__main__":
    sys.exit(main())
