"""Rows of exported files for the reader's tests: a good entries row and a good summary row, with cells changed."""

from __future__ import annotations

from peerdesk.exchange.csv_format import ENTRY_COLUMNS, SUMMARY_COLUMNS

GOOD = {
    "entry_id": "00000000-0000-4000-8000-000000000001",
    "worker": "PW-07",
    "date": "2026-11-25",
    "week": "2026-W48",
    "start_time": "09:30",
    "minutes": "45",
    "work_type": "direct",
    "category": "advocacy",
    "category_label": "Advocacy",
    "mode": "in_person",
    "format": "individual",
    "people": "1",
    "client_ref": "C-1",
    "tags": "experience;presence",
    "note": "",
    "period_start": "2026-01-01",
    "period_end": "2026-12-31",
}


def entry_row(n: int = 1, **cells: str) -> list[str]:
    """A valid entries row (id …000n), with *cells* changed."""
    row = dict(GOOD, entry_id=f"00000000-0000-4000-8000-{n:012d}")
    row.update(cells)
    return [row[c] for c in ENTRY_COLUMNS]


GOOD_SUMMARY = {
    "worker": "PW-07",
    "week": "2026-W48",
    "week_start": "2026-11-23",
    "work_type": "direct",
    "category": "advocacy",
    "category_label": "Advocacy",
    "minutes": "90",
    "entries": "2",
    "people": "3",
    "first_day": "2026-11-23",
    "last_day": "2026-11-29",
}


def summary_row(**cells: str) -> list[str]:
    row = dict(GOOD_SUMMARY)
    row.update(cells)
    return [row[c] for c in SUMMARY_COLUMNS]
