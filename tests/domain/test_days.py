"""The days a worker types, read the same everywhere (today is Wednesday 25 November 2026)."""

from datetime import date

import pytest

from peerdesk.domain.days import parse_day

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("today", TODAY),
        ("", None),
        ("yesterday", date(2026, 11, 24)),
        ("Tomorrow", date(2026, 11, 26)),
        ("-2", date(2026, 11, 23)),
        ("- 10", date(2026, 11, 15)),
        ("mon", date(2026, 11, 23)),  # the most recent Monday
        ("Monday", date(2026, 11, 23)),
        ("wed", TODAY),  # today is a Wednesday: today, not a week ago
        ("thu", date(2026, 11, 19)),  # never the future: last Thursday
        ("sun", date(2026, 11, 22)),
        ("t", None),  # Tuesday or Thursday: says nothing
        ("s", None),
        ("tu", date(2026, 11, 24)),
        ("2026-11-02", date(2026, 11, 2)),
        ("2026-02-30", None),
        ("3/11", date(2026, 11, 3)),  # day first, as the form shows it
        ("03/11/2026", date(2026, 11, 3)),
        ("3.11.26", date(2026, 11, 3)),
        ("28/12", date(2025, 12, 28)),  # no year and in the future: last year's
        ("26/11", date(2026, 11, 26)),  # tomorrow is allowed
        ("25 Nov", TODAY),
        ("Nov 25", TODAY),
        ("1 December 2025", date(2025, 12, 1)),
        ("Wed 25 Nov 2026", TODAY),  # what the field shows, typed back
        ("Tue 1 Dec", date(2025, 12, 1)),
        ("ma", None),  # march or may: no month, and no weekday either
        ("32/1", None),
        ("next week", None),
    ],
)
def test_a_typed_day(typed, day):
    assert parse_day(typed, TODAY) == day
