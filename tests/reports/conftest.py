import pytest

from peerdesk.domain.entry import validate
from peerdesk.domain.taxonomy import load
from peerdesk.workspace import Workspace

# A hand-made November 2026 (Sunday 1 to Monday 30: ISO weeks 44, cut to its Sunday, to 49, cut
# to its Monday) whose figures are known, and one entry in December that no November report counts.
MONTH = [
    dict(date="2026-11-02", minutes="45", category="advocacy", client_ref="C-102", tags=["presence"],
         note="Talked through the housing form"),
    dict(date="2026-11-03", minutes="30", category="advocacy", client_ref="C-102", mode="phone"),
    dict(date="2026-11-04", minutes="20", category="advocacy"),
    dict(date="2026-11-05", minutes="90", category="group_facilitation", format="group", people="6",
         tags=["presence", "role_modeling"]),
    dict(date="2026-11-06", minutes="60", category="team_communication"),
    dict(date="2026-11-30", minutes="15", category="administration"),
    dict(date="2026-12-01", minutes="60", category="advocacy", client_ref="C-999"),
]


@pytest.fixture
def month_workspace(tmp_path):
    """A data folder holding MONTH for PW-07, contracted for 30 hours a week."""
    ws = Workspace(tmp_path / "data")
    ws.settings.set("worker", "PW-07")
    ws.settings.set("contracted_hours", 30.0)
    ws.settings.set("organisation", "Riverside Peer Services")
    ws.settings.save()
    store = ws.open_store()
    taxonomy = load(None)
    for fields in MONTH:
        from datetime import date

        store.add(validate({"worker": "PW-07", **fields}, taxonomy, today=date(2026, 12, 3)))
    ws.close()
    return ws
