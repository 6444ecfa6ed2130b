"""ISO-8601 weeks: Monday to Sunday, week 1 holds the year's first Thursday."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

_WEEK_RE = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, order=True)
class Week:
    year: int
    number: int

    def __post_init__(self) -> None:
        if not 1 <= self.number <= weeks_in_year(self.year):
            raise ValueError(f"{self.year} has no week {self.number} (it has {weeks_in_year(self.year)})")

    # -- construction
    @classmethod
    def of(cls, day: date) -> Week:
        iso = day.isocalendar()
        return cls(iso.year, iso.week)

    @classmethod
    def parse(cls, text: str) -> Week:
        """``2026-W48`` (also ``2026W48``); raises ValueError with the reason."""
        m = _WEEK_RE.match(text.strip())
        if not m:
            raise ValueError(f"'{text}' is not a week; write it like 2026-W48")
        return cls(int(m.group(1)), int(m.group(2)))

    # -- days
    @property
    def start(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range(7)]

    def __contains__(self, day: object) -> bool:
        if isinstance(day, datetime):
            day = day.date()
        return isinstance(day, date) and self.start <= day <= self.end

    # -- navigation
    def shift(self, weeks: int) -> Week:
        return Week.of(self.start + timedelta(weeks=weeks))

    def next(self) -> Week:
        return self.shift(1)

    def previous(self) -> Week:
        return self.shift(-1)

    # -- text
    def __str__(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    def label(self) -> str:
        """``Week 48 · 23–29 Nov 2026``; spans months and years when the week does."""
        s, e = self.start, self.end
        if s.year != e.year:
            span = f"{s.day} {_MONTHS[s.month - 1]} {s.year} – {e.day} {_MONTHS[e.month - 1]} {e.year}"
        elif s.month != e.month:
            span = f"{s.day} {_MONTHS[s.month - 1]} – {e.day} {_MONTHS[e.month - 1]} {e.year}"
        else:
            span = f"{s.day}–{e.day} {_MONTHS[s.month - 1]} {e.year}"
        return f"Week {self.number} · {span}"


def weeks_in_year(year: int) -> int:
    """52 or 53: 28 December always lies in the year's last ISO week."""
    return date(year, 12, 28).isocalendar().week
