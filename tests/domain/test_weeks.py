"""ISO-8601 weeks, especially where one year turns into the next."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import pairwise

import pytest

from peerdesk.domain.weeks import Week, weeks_in_year


@pytest.mark.parametrize("year, weeks", [(2020, 53), (2024, 52), (2025, 52), (2026, 53), (2027, 52), (2032, 53)])
def test_weeks_in_year(year, weeks):
    assert weeks_in_year(year) == weeks


@pytest.mark.parametrize(
    "day, year, number",
    [
        (date(2026, 12, 31), 2026, 53),
        (date(2027, 1, 1), 2026, 53),
        (date(2027, 1, 3), 2026, 53),
        (date(2027, 1, 4), 2027, 1),
        (date(2024, 12, 30), 2025, 1),
        (date(2025, 1, 1), 2025, 1),
        (date(2024, 12, 29), 2024, 52),
        (date(2026, 11, 25), 2026, 48),
    ],
)
def test_week_of_a_day(day, year, number):
    assert Week.of(day) == Week(year, number)


def test_week_53_exists_only_in_long_years():
    assert Week(2026, 53).start == date(2026, 12, 28)
    with pytest.raises(ValueError, match="2025 has no week 53"):
        Week(2025, 53)
    with pytest.raises(ValueError, match="no week 0"):
        Week(2026, 0)


@pytest.mark.parametrize("text", ["2026-W48", "2026W48", "2026-w48", " 2026-W48 "])
def test_parse(text):
    assert Week.parse(text) == Week(2026, 48)


def test_parse_single_digit_week():
    assert Week.parse("2027-W1") == Week(2027, 1)


@pytest.mark.parametrize("text", ["", "2026", "W48", "2026-48", "26-W48", "2026-W048", "2026-W4x", "next week"])
def test_parse_bad_text_says_how_to_write_it(text):
    with pytest.raises(ValueError) as info:
        Week.parse(text)
    assert "2026-W48" in str(info.value)


def test_parse_week_53_of_a_52_week_year_is_refused():
    with pytest.raises(ValueError) as info:
        Week.parse("2025-W53")
    msg = str(info.value)
    assert "2025" in msg and "53" in msg and "52" in msg


def test_parse_week_53_of_a_53_week_year_is_accepted():
    assert Week.parse("2026-W53") == Week(2026, 53)


@pytest.mark.parametrize("week, text", [(Week(2026, 48), "2026-W48"), (Week(2027, 1), "2027-W01")])
def test_str(week, text):
    assert str(week) == text
    assert Week.parse(str(week)) == week


def test_label_within_a_month():
    assert Week(2026, 48).label() == "Week 48 · 23–29 Nov 2026"


def test_label_spanning_two_months():
    assert Week(2026, 49).label() == "Week 49 · 30 Nov – 6 Dec 2026"


def test_label_spanning_two_years():
    assert Week(2026, 53).label() == "Week 53 · 28 Dec 2026 – 3 Jan 2027"
    assert Week(2025, 1).label() == "Week 1 · 30 Dec 2024 – 5 Jan 2025"


def test_next_and_previous_across_the_year_end():
    w52 = Week(2026, 52)
    assert w52.next() == Week(2026, 53)
    assert Week(2026, 53).next() == Week(2027, 1)
    assert Week(2027, 1).previous() == Week(2026, 53)
    assert Week(2026, 53).previous() == w52
    # a 52-week year goes straight to week 1
    assert Week(2025, 52).next() == Week(2026, 1)
    assert Week(2026, 1).previous() == Week(2025, 52)


def test_shift_by_many_weeks():
    assert Week(2026, 48).shift(6) == Week(2027, 1)
    assert Week(2027, 1).shift(-6) == Week(2026, 48)
    assert Week(2026, 48).shift(0) == Week(2026, 48)


def test_days_are_seven_consecutive_starting_monday():
    days = Week(2026, 53).days()
    assert len(days) == 7
    assert days[0] == date(2026, 12, 28)
    assert days[0].weekday() == 0  # Monday
    assert days[-1] == date(2027, 1, 3)
    assert days[-1].weekday() == 6  # Sunday
    assert all(b - a == timedelta(days=1) for a, b in pairwise(days))
    assert Week(2026, 53).start == days[0] and Week(2026, 53).end == days[-1]


def test_every_day_of_a_week_maps_back_to_it():
    for week in (Week(2026, 53), Week(2027, 1), Week(2025, 1)):
        assert {Week.of(d) for d in week.days()} == {week}


def test_contains():
    week = Week(2026, 53)
    assert date(2026, 12, 28) in week
    assert date(2027, 1, 3) in week
    assert date(2026, 12, 27) not in week
    assert date(2027, 1, 4) not in week
    assert "2026-12-30" not in week
    assert None not in week


def test_contains_a_datetime_by_its_day():
    week = Week(2026, 48)
    assert datetime(2026, 11, 29, 23, 59) in week
    assert datetime(2026, 11, 30, 0, 0) not in week


def test_weeks_order_across_years():
    assert Week(2026, 53) < Week(2027, 1) < Week(2027, 2)
    assert sorted([Week(2027, 1), Week(2025, 52), Week(2026, 53)]) == [Week(2025, 52), Week(2026, 53), Week(2027, 1)]
