"""Named date ranges for exports: this week, last week, this month, last month.

Weeks are ISO weeks (Monday to Sunday), as everywhere in PeerDesk.
"""

from __future__ import annotations

from datetime import date, timedelta

from ..i18n import N_, _
from .weeks import Week

# key -> name, in English: shown translated, _(PERIODS[key])
PERIODS: dict[str, str] = {
    "this_week": N_("This week"),
    "last_week": N_("Last week"),
    "this_month": N_("This month"),
    "last_month": N_("Last month"),
}


def period(key: str, today: date) -> tuple[date, date]:
    """The first and last day (inclusive) of the period *key* around *today*."""
    if key == "this_week":
        week = Week.of(today)
        return week.start, week.end
    if key == "last_week":
        week = Week.of(today).previous()
        return week.start, week.end
    if key == "this_month":
        return _month(today.year, today.month)
    if key == "last_month":
        first = today.replace(day=1) - timedelta(days=1)
        return _month(first.year, first.month)
    raise ValueError(_("unknown period '{key}'; choose one of: {keys}").format(key=key, keys=", ".join(PERIODS)))


def _month(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    return first, following - timedelta(days=1)
