"""Property: any entry text that validation accepts survives export and reading back, unchanged."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from peerdesk.domain.entry import ValidationError, validate
from peerdesk.domain.weeks import Week
from peerdesk.exchange.csv_export import export_entries
from peerdesk.exchange.csv_read import read_entries

from .cell_text import ENTRY_TEXT_FIELDS, TODAY


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    **ENTRY_TEXT_FIELDS,
    tags=st.lists(st.sampled_from(["experience", "presence", "challenge"]), unique=True),
)
def test_any_valid_entry_text_survives_export_and_reading_back(
    store, taxonomy, tmp_path, note, client_ref, worker, day, start, tags
):
    raw = {
        "worker": worker, "date": day, "start_time": start, "minutes": 45, "category": "advocacy",
        "client_ref": client_ref, "tags": tags, "note": note,
    }
    try:
        entry = validate(raw, taxonomy, today=TODAY)
    except ValidationError as exc:
        event(f"refused by validation: {next(iter(exc.errors))}")
        assume(False)  # only what validation accepts can be stored, so only that must survive
    store.add(entry)
    try:
        out = tmp_path / "out.csv"
        export_entries(store, taxonomy, day, day, out, include_notes=True)
        (row,) = list(read_entries(out))
    finally:
        store.delete(entry.id)
    assert row == {
        "entry_id": entry.id,
        "worker": entry.worker,
        "date": day.isoformat(),
        "week": str(Week.of(day)),
        "start_time": entry.start_time.strftime("%H:%M") if entry.start_time else "",
        "minutes": 45,
        "work_type": "direct",
        "category": "advocacy",
        "category_label": "Advocacy",
        "mode": "in_person",
        "format": "individual",
        "people": 1,
        "client_ref": entry.client_ref,
        "tags": ";".join(entry.tags),
        "note": entry.note,
        "period_start": day.isoformat(),
        "period_end": day.isoformat(),
    }
