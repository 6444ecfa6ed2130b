"""ISO-8601 weeks: Monday to Sunday, week 1 holds the year's first Thursday."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..i18n import N_, _

_WEEK_RE = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)
# TRANSLATORS: the twelve months' short names, in order, separated by single spaces (French: janv. févr. …)
_MONTHS = N_("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec")


def month_abbreviation(month: int) -> str:
    """``11`` → ``Nov`` (French ``nov.``): a month's short name in the user's language."""
    names = _(_MONTHS).split()
    return (names if len(names) == 12 else _MONTHS.split())[month - 1]


@dataclass(frozen=True, order=True)
class Week:
    year: int
    number: int

    def __post_init__(self) -> None:
        if not 1 <= self.number <= weeks_in_year(self.year):
            raise ValueError(_("{year} has no week {number} (it has {count})").format(
                year=self.year, number=self.number, count=weeks_in_year(self.year)))

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
            raise ValueError(_("'{text}' is not a week; write it like 2026-W48").format(text=text))
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
        """``Week 48 · 23–29 Nov 2026``; spans months and years when the week does (in the user's
        language: ``Semaine 48 · 23–29 nov. 2026``)."""
        s, e = self.start, self.end
        first, last = month_abbreviation(s.month), month_abbreviation(e.month)
        if s.year != e.year:
            # TRANSLATORS: a week across two years: 28 Dec 2026 – 3 Jan 2027
            span = _("{first} {first_month} {first_year} – {last} {last_month} {last_year}").format(
                first=s.day, first_month=first, first_year=s.year, last=e.day, last_month=last, last_year=e.year)
        elif s.month != e.month:
            # TRANSLATORS: a week across two months: 30 Nov – 6 Dec 2026
            span = _("{first} {first_month} – {last} {last_month} {year}").format(
                first=s.day, first_month=first, last=e.day, last_month=last, year=e.year)
        else:
            # TRANSLATORS: a week in one month: 23–29 Nov 2026
            span = _("{first}–{last} {month} {year}").format(first=s.day, last=e.day, month=first, year=e.year)
        # TRANSLATORS: Week 48 · 23–29 Nov 2026
        return _("Week {number} · {span}").format(number=self.number, span=span)


def weeks_in_year(year: int) -> int:
    """52 or 53: 28 December always lies in the year's last ISO week."""
    return date(year, 12, 28).isocalendar().week
