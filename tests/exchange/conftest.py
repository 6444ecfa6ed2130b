"""Fixtures for the CSV export tests: real SQLite files and real CSV files under tmp_path."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from peerdesk.domain import taxonomy as taxonomy_mod
from peerdesk.domain.entry import Entry
from peerdesk.storage.store import Store

GOLDEN = Path(__file__).parent / "golden"
# The golden export covers these days: ISO weeks 2026-W48 to 2026-W53 (2027-01-01 is in 2026-W53).
GOLDEN_START = dt.date(2026, 11, 23)
GOLDEN_END = dt.date(2027, 1, 3)
BASE_TIME = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="session")
def taxonomy() -> taxonomy_mod.Taxonomy:
    return taxonomy_mod.load_default()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "data" / "peerdesk.db")
    s.actor = lambda: "PW-07"
    try:
        yield s
    finally:
        s.close()


def fixed_entry(n: int, **fields) -> Entry:
    """An entry with a fixed id (…000n) and fixed timestamps, so exports are byte-for-byte stable."""
    at = BASE_TIME + dt.timedelta(minutes=n)
    values = {
        "id": f"00000000-0000-4000-8000-{n:012d}",
        "worker": "PW-07",
        "date": GOLDEN_START,
        "minutes": 30,
        "category": "advocacy",
        "created_at": at,
        "updated_at": at,
    }
    values.update(fields)
    return Entry(**values)


def golden_entries() -> list[Entry]:
    """Accents, emoji, commas, quotes, line breaks and every kind of risky first character."""
    d = dt.date
    t = dt.time
    return [
        fixed_entry(
            1, date=d(2026, 11, 23), start_time=t(9, 30), minutes=90, category="advocacy",
            client_ref="C-102", tags=("experience", "presence"),
            note='Helped with the housing form, "urgent" — café after',
        ),
        fixed_entry(
            2, date=d(2026, 11, 23), start_time=None, minutes=45, category="team_communication",
            mode="phone", people=0, note='=HYPERLINK("http://example.org","click")',
        ),
        fixed_entry(
            3, date=d(2026, 11, 24), start_time=t(14, 0), minutes=120, category="group_facilitation",
            format="group", people=6, client_ref="-12", tags=("approach",),
            note="Line one\nLine two, with a comma\nZoë 🙂",
        ),
        fixed_entry(
            4, worker="Zoë (PW-09)", date=d(2026, 11, 26), start_time=t(10, 0), minutes=30,
            category="legitimizing_role", mode="video", people=0, client_ref="'quoted",
            note="@mention +plus\tand a tab",
        ),
        fixed_entry(
            5, date=d(2027, 1, 1), start_time=t(8, 15), minutes=60, category="supervision_training", people=0,
            note="-minus first; ends here",
        ),
        fixed_entry(
            6, date=d(2026, 11, 23), start_time=t(9, 30), minutes=15, category="advocacy",
            client_ref="C-103", note="same day and time as 1, created later",
        ),
        # outside the golden range: must not appear
        fixed_entry(7, date=d(2027, 1, 4), start_time=t(9, 0), minutes=20, note="next year's week 1"),
        fixed_entry(8, date=d(2026, 11, 22), start_time=t(9, 0), minutes=20, note="the Sunday before"),
    ]


@pytest.fixture
def golden_store(store: Store) -> Store:
    store.restore_many(golden_entries())
    return store


class Golden:
    """The golden data set and its range, for tests (conftest modules cannot be imported by tests)."""

    folder = GOLDEN
    start = GOLDEN_START
    end = GOLDEN_END
    entry = staticmethod(fixed_entry)

    @staticmethod
    def entries() -> list[Entry]:
        return golden_entries()


@pytest.fixture
def gold() -> type[Golden]:
    return Golden
