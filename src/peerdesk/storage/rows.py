"""An entry as the store holds it: :class:`EntryRow`, and the one mapping to and from :class:`Entry`.

The week's table, the CSV export and the store's own writes all work on these
plain rows (one per entry, its values as stored), so a busy week or a year's
export never builds an :class:`Entry` per row; an Entry is made only for the
row that is edited, deleted or restored (:meth:`EntryRow.to_entry`).

Values are stored as SQLAlchemy's SQLite types store them (models.py): dates as
``YYYY-MM-DD``, times as ``HH:MM:SS.ffffff``, UTC datetimes as
``YYYY-MM-DD HH:MM:SS.ffffff``; tags are their keys joined with ``;``.
No sqlite3 here: the week's table imports this module before the store opens.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import NamedTuple

from ..domain.entry import Entry

TAG_SEPARATOR = ";"


class EntryRow(NamedTuple):
    """One row of the ``entries`` table, in its column order, values as stored."""

    id: str
    worker: str
    date: str  # YYYY-MM-DD
    start_time: str | None  # HH:MM:SS.ffffff (or HH:MM where a reader asks for that), None when not given
    minutes: int
    category: str
    mode: str
    format: str
    people: int
    client_ref: str
    tags: str  # keys joined with ';'
    note: str  # "" where a reader left notes out
    created_at: str | None  # None where a reader left the timestamps out
    updated_at: str | None

    @staticmethod
    def of(entry: Entry) -> EntryRow:
        """*entry* as the store writes it."""
        start = entry.start_time
        return EntryRow(
            entry.id,
            entry.worker,
            entry.date.isoformat(),
            None if start is None else start.strftime("%H:%M:%S.%f"),
            entry.minutes,
            entry.category,
            entry.mode,
            entry.format,
            entry.people,
            entry.client_ref,
            TAG_SEPARATOR.join(entry.tags),
            entry.note,
            db_time(entry.created_at),
            db_time(entry.updated_at),
        )

    def to_entry(self) -> Entry:
        """The :class:`Entry` this row stores (exactly: same id, values and timestamps)."""
        return Entry(
            id=self.id,
            worker=self.worker,
            date=dt.date.fromisoformat(self.date),
            start_time=None if self.start_time is None else dt.time.fromisoformat(self.start_time),
            minutes=self.minutes,
            category=self.category,
            mode=self.mode,
            format=self.format,
            people=self.people,
            client_ref=self.client_ref,
            tags=tuple(t for t in self.tags.split(TAG_SEPARATOR) if t),
            note=self.note,
            created_at=from_db_time(self.created_at),
            updated_at=from_db_time(self.updated_at),
        )

    def short_start(self) -> str:
        """The start time as ``HH:MM``, or ``""``."""
        return self.start_time[:5] if self.start_time else ""


ENTRY_FIELDS: tuple[str, ...] = EntryRow._fields
ENTRY_COLUMNS = ", ".join(ENTRY_FIELDS)

# A database row (a plain tuple in the column order above) as an EntryRow, at C speed:
# ``list(map(as_entry_row, rows))`` costs a few milliseconds for 100,000 rows.
as_entry_row = partial(tuple.__new__, EntryRow)


def db_time(value: dt.datetime | None) -> str | None:
    """A datetime as stored: naive UTC text."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def from_db_time(value: str | None) -> dt.datetime | None:
    """Stored datetime text as an aware UTC datetime (None stays None)."""
    return None if value is None else utc_time(value)


def utc_time(value: str) -> dt.datetime:
    """Stored datetime text as an aware UTC datetime."""
    return dt.datetime.fromisoformat(value).replace(tzinfo=dt.UTC)
