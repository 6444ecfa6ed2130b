"""Week summaries built from the store's per-day, per-category total rows."""

from __future__ import annotations

from datetime import date

import pytest

from peerdesk.domain.summary import TotalRow, summarize_week
from peerdesk.domain.taxonomy import load_default
from peerdesk.domain.weeks import Week

WEEK = Week(2026, 48)  # Mon 23 – Sun 29 Nov 2026
MON, TUE, WED, SUN = date(2026, 11, 23), date(2026, 11, 24), date(2026, 11, 25), date(2026, 11, 29)


@pytest.fixture(scope="module")
def tax():
    return load_default()


def test_empty_week(tax):
    s = summarize_week(WEEK, [], tax)
    assert list(s.by_day) == WEEK.days()
    assert all(v == 0 for v in s.by_day.values())
    assert s.by_work_type == {"direct": 0, "indirect": 0, "role": 0}
    assert s.by_category == {}
    assert (s.total, s.entries, s.people) == (0, 0, 0)
    for wt in ("direct", "indirect", "role"):
        assert s.percent(wt) == 0
    assert [(k, mins, pct) for k, _label, mins, pct in s.split()] == [
        ("direct", 0, 0),
        ("indirect", 0, 0),
        ("role", 0, 0),
    ]


def test_per_day_totals_include_zero_days(tax):
    rows = [
        TotalRow(MON, "advocacy", 60, 1, 1),
        TotalRow(MON, "administration", 30, 2, 0),
        TotalRow(WED, "group_facilitation", 90, 1, 8),
        TotalRow(SUN, "receiving_support", 15, 1, 0),
    ]
    s = summarize_week(WEEK, rows, tax)
    assert s.by_day == {
        date(2026, 11, 23): 90,
        date(2026, 11, 24): 0,
        date(2026, 11, 25): 90,
        date(2026, 11, 26): 0,
        date(2026, 11, 27): 0,
        date(2026, 11, 28): 0,
        date(2026, 11, 29): 15,
    }
    assert s.total == 195
    assert s.entries == 5
    assert s.people == 9


def test_per_work_type_minutes_and_percent(tax):
    rows = [
        TotalRow(MON, "advocacy", 60, 1, 1),
        TotalRow(TUE, "relationship_building", 60, 1, 1),
        TotalRow(TUE, "administration", 60, 1, 0),
        TotalRow(WED, "legitimizing_role", 20, 1, 0),
        TotalRow(WED, "legitimizing_role", 40, 1, 0),  # two groups, same category
    ]
    s = summarize_week(WEEK, rows, tax)
    assert s.by_work_type == {"direct": 120, "indirect": 60, "role": 60}
    assert s.by_category == {"advocacy": 60, "relationship_building": 60, "administration": 60, "legitimizing_role": 60}
    assert s.percent("direct") == pytest.approx(50.0)
    assert s.percent("indirect") == pytest.approx(25.0)
    assert s.percent("role") == pytest.approx(25.0)
    assert sum(s.percent(k) for k in s.by_work_type) == pytest.approx(100.0)


def test_percent_of_awkward_thirds_still_sums_to_100(tax):
    rows = [
        TotalRow(MON, "advocacy", 7, 1, 1),
        TotalRow(MON, "administration", 7, 1, 0),
        TotalRow(MON, "staff_relationships", 7, 1, 0),
    ]
    s = summarize_week(WEEK, rows, tax)
    assert sum(pct for *_rest, pct in s.split()) == pytest.approx(100.0)
    assert s.percent("direct") == pytest.approx(100 / 3)


def test_split_is_in_taxonomy_order_with_labels(tax):
    s = summarize_week(WEEK, [TotalRow(MON, "staff_relationships", 30, 1, 0)], tax)
    assert s.split() == [
        ("direct", "Direct", 0, 0.0),
        ("indirect", "Indirect", 0, 0.0),
        ("role", "Role", 30, pytest.approx(100.0)),
    ]


def test_rows_outside_the_week_are_ignored(tax):
    rows = [
        TotalRow(date(2026, 11, 22), "advocacy", 100, 1, 1),  # Sunday before
        TotalRow(date(2026, 11, 30), "advocacy", 100, 1, 1),  # Monday after
        TotalRow(date(2025, 11, 25), "advocacy", 100, 1, 1),  # same week number, other year
        TotalRow(WED, "advocacy", 45, 1, 1),
    ]
    s = summarize_week(WEEK, rows, tax)
    assert s.total == 45
    assert s.entries == 1 and s.people == 1
    assert set(s.by_day) == set(WEEK.days())
    assert s.by_work_type["direct"] == 45
    assert s.percent("direct") == pytest.approx(100.0)


def test_unknown_category_is_bucketed_as_unknown(tax):
    rows = [
        TotalRow(MON, "advocacy", 30, 1, 1),
        TotalRow(TUE, "retired_category", 90, 2, 0),
    ]
    s = summarize_week(WEEK, rows, tax)
    assert s.by_work_type == {"direct": 30, "indirect": 0, "role": 0, "unknown": 90}
    assert s.by_category["retired_category"] == 90
    assert s.by_day[TUE] == 90
    assert s.total == 120
    assert s.percent("unknown") == pytest.approx(75.0)
    assert s.split()[-1] == ("unknown", "Unknown", 90, pytest.approx(75.0))
    assert sum(s.percent(k) for k in s.by_work_type) == pytest.approx(100.0)


def test_week_spanning_the_year_end(tax):
    week = Week(2026, 53)
    rows = [
        TotalRow(date(2026, 12, 31), "advocacy", 30, 1, 1),
        TotalRow(date(2027, 1, 3), "administration", 30, 1, 0),
        TotalRow(date(2027, 1, 4), "administration", 500, 1, 0),
    ]
    s = summarize_week(week, rows, tax)
    assert s.total == 60
    assert s.by_day[date(2027, 1, 3)] == 30
    assert date(2027, 1, 4) not in s.by_day
