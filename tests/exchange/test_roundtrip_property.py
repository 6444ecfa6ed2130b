"""Property: any entry text that validation accepts survives export and reading back, unchanged."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from peerdesk.domain.entry import MAX_CLIENT_REF, MAX_NOTE, MAX_WORKER, ValidationError, validate
from peerdesk.domain.weeks import Week
from peerdesk.exchange.csv_export import export_entries
from peerdesk.exchange.csv_read import read_entries

from .cell_text import cell_text, line_chars, note_chars

TODAY = dt.date(2030, 1, 1)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    note=cell_text(note_chars, MAX_NOTE),
    client_ref=cell_text(line_chars, MAX_CLIENT_REF),
    worker=cell_text(line_chars, MAX_WORKER),
    day=st.dates(min_value=dt.date(2000, 1, 1), max_value=TODAY),
    start=st.one_of(st.none(), st.times().map(lambda t: t.replace(second=0, microsecond=0))),
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
    }
