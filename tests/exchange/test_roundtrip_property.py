"""Property: any entry text that validation accepts survives export and reading back, unchanged."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from peerdesk.domain.entry import MAX_CLIENT_REF, MAX_NOTE, MAX_WORKER, ValidationError, validate
from peerdesk.domain.weeks import Week
from peerdesk.exchange.csv_export import export_entries
from peerdesk.exchange.csv_format import DANGEROUS_PREFIXES
from peerdesk.exchange.csv_read import read_entries

TODAY = dt.date(2030, 1, 1)

# What validate() lets through: no control characters but line breaks and tabs in notes, none at all in
# client refs and worker names. Surrogates cannot be stored as UTF-8 and are left out.
_NOT_STORED = {"Cs"}
_CONTROLS = [chr(c) for c in range(32)] + ["\x7f"]
note_chars = st.characters(
    codec="utf-8", exclude_categories=_NOT_STORED, exclude_characters=[c for c in _CONTROLS if c not in "\t\n\r"]
)
line_chars = st.characters(codec="utf-8", exclude_categories=_NOT_STORED, exclude_characters=_CONTROLS)
risky = st.sampled_from([*DANGEROUS_PREFIXES, "'", "''", '"', ",", " ", "\r\n", "=cmd|' /C calc'!A0", "-1"])


def _text(chars, max_size):
    plain = st.text(chars, max_size=max_size)
    # often start with something a spreadsheet would run, or with quotes and commas
    prefixed = st.tuples(risky, plain).map(lambda t: (t[0] + t[1])[:max_size])
    mixed = st.lists(st.one_of(risky, plain), max_size=6).map(lambda parts: "".join(parts)[:max_size])
    return st.one_of(plain, prefixed, mixed)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    note=_text(note_chars, MAX_NOTE),
    client_ref=_text(line_chars, MAX_CLIENT_REF),
    worker=_text(line_chars, MAX_WORKER),
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
