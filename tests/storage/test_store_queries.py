"""Week lists, totals summed in SQL, category usage."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict

import pytest

from peerdesk.domain.entry import FORMATS, MODES, Entry, new_id
from peerdesk.domain.summary import TotalRow
from peerdesk.domain.weeks import Week

WEEK = Week(2026, 48)  # Monday 23 – Sunday 29 November 2026


def _ids(entries: list[Entry]) -> list[str]:
    return [e.id for e in entries]


def test_week_fixture_is_what_the_tests_assume():
    assert WEEK.start == dt.date(2026, 11, 23) and WEEK.start.weekday() == 0
    assert WEEK.end == dt.date(2026, 11, 29) and WEEK.end.weekday() == 6


def test_list_week_orders_by_date_then_start_time_untimed_last(store, make_entry):
    rows = [
        ("wed-untimed", "2026-11-25", ""),
        ("wed-1400", "2026-11-25", "14:00"),
        ("wed-0905", "2026-11-25", "09:05"),
        ("mon-untimed", "2026-11-23", ""),
        ("sun-2359", "2026-11-29", "23:59"),
        ("mon-0000", "2026-11-23", "00:00"),
        ("wed-2330", "2026-11-25", "23:30"),
        ("tue-1000", "2026-11-24", "10:00"),
    ]
    for entry_id, day, start in rows:
        store.add(make_entry(id=entry_id, date=day, start_time=start))
    assert _ids(store.list_week(WEEK)) == [
        "mon-0000",
        "mon-untimed",
        "tue-1000",
        "wed-0905",
        "wed-1400",
        "wed-2330",
        "wed-untimed",
        "sun-2359",
    ]


def test_list_week_breaks_ties_by_creation_order(store, make_entry):
    base = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
    # Added out of creation order on purpose; created_at decides.
    for entry_id, offset, start in [("b", 2, "10:00"), ("a", 1, "10:00"), ("d", 4, ""), ("c", 3, "")]:
        store.add(make_entry(id=entry_id, start_time=start, created_at=base + dt.timedelta(minutes=offset)))
    assert _ids(store.list_week(WEEK)) == ["a", "b", "c", "d"]


def test_list_week_day_boundaries(store, make_entry):
    rows = [
        ("prev-sunday-late", "2026-11-22", "23:59"),
        ("prev-sunday-untimed", "2026-11-22", ""),
        ("monday-midnight", "2026-11-23", "00:00"),
        ("sunday-late", "2026-11-29", "23:59"),
        ("sunday-untimed", "2026-11-29", ""),
        ("next-monday-midnight", "2026-11-30", "00:00"),
        ("next-monday-untimed", "2026-11-30", ""),
    ]
    for entry_id, day, start in rows:
        store.add(make_entry(id=entry_id, date=day, start_time=start))
    assert _ids(store.list_week(WEEK)) == ["monday-midnight", "sunday-late", "sunday-untimed"]
    assert _ids(store.list_week(WEEK.previous())) == ["prev-sunday-late", "prev-sunday-untimed"]
    assert _ids(store.list_week(WEEK.next())) == ["next-monday-midnight", "next-monday-untimed"]


def test_list_week_across_the_new_year(store, make_entry):
    week = Week(2026, 53)  # Monday 28 December 2026 – Sunday 3 January 2027
    assert (week.start, week.end) == (dt.date(2026, 12, 28), dt.date(2027, 1, 3))
    for entry_id, day in [
        ("dec27", "2026-12-27"),
        ("dec28", "2026-12-28"),
        ("jan01", "2027-01-01"),
        ("jan03", "2027-01-03"),
        ("jan04", "2027-01-04"),
    ]:
        store.add(make_entry(id=entry_id, date=day))
    assert _ids(store.list_week(week)) == ["dec28", "jan01", "jan03"]
    assert _ids(store.list_week(Week(2027, 1))) == ["jan04"]


def test_list_week_of_an_empty_week(store, make_entry):
    store.add(make_entry(date="2026-11-25"))
    assert store.list_week(Week(2026, 1)) == []


def test_entries_between_is_inclusive(store, make_entry):
    for day in range(20, 31):
        store.add(make_entry(id=f"d{day}", date=f"2026-11-{day}"))
    got = store.entries_between(dt.date(2026, 11, 22), dt.date(2026, 11, 24))
    assert _ids(got) == ["d22", "d23", "d24"]


def test_totals_between_sums_per_day_and_category(store, make_entry):
    for day, category, minutes, people in [
        ("2026-11-23", "advocacy", 30, 1),
        ("2026-11-23", "advocacy", 45, 2),
        ("2026-11-23", "administration", 60, 0),
        ("2026-11-25", "group_facilitation", 90, 12),
        ("2026-11-29", "advocacy", 720, 3),
        ("2026-11-30", "advocacy", 100, 1),  # next week: outside
        ("2026-11-22", "advocacy", 100, 1),  # previous week: outside
    ]:
        store.add(make_entry(date=day, category=category, minutes=str(minutes), people=str(people)))
    assert store.totals_between(WEEK.start, WEEK.end) == [
        TotalRow(dt.date(2026, 11, 23), "administration", 60, 1, 0),
        TotalRow(dt.date(2026, 11, 23), "advocacy", 75, 2, 3),
        TotalRow(dt.date(2026, 11, 25), "group_facilitation", 90, 1, 12),
        TotalRow(dt.date(2026, 11, 29), "advocacy", 720, 1, 3),
    ]


def test_totals_between_of_nothing_is_empty(store):
    assert store.totals_between(WEEK.start, WEEK.end) == []


def test_category_usage(store, make_entry):
    assert store.category_usage() == {}
    assert store.categories_used() == set()
    for category in ["advocacy", "advocacy", "administration", "legitimizing_role", "advocacy"]:
        store.add(make_entry(category=category))
    assert store.category_usage() == {"advocacy": 3, "administration": 1, "legitimizing_role": 1}
    assert sum(store.category_usage().values()) == store.count()
    assert store.categories_used() == {"advocacy", "administration", "legitimizing_role"}


# ------------------------------------------------------------ randomised


def _random_entries(rng: random.Random, taxonomy, n: int, first: dt.date, days: int) -> list[Entry]:
    categories = list(taxonomy.categories)
    tags = list(taxonomy.tags)
    out = []
    for _ in range(n):
        category = rng.choice(categories)
        direct = taxonomy.work_type_of(category) == "direct"
        start = None
        if rng.random() < 0.7:
            start = dt.time(rng.randrange(24), rng.randrange(60))
        out.append(
            Entry(
                id=new_id(),
                worker=rng.choice(["W-01", "W-02", "Ana"]),
                date=first + dt.timedelta(days=rng.randrange(days)),
                start_time=start,
                minutes=rng.randint(1, 720),
                category=category,
                mode=rng.choice(list(MODES)),
                format=rng.choice(list(FORMATS)),
                people=rng.randint(1, 40) if direct else rng.randint(0, 3),
                client_ref=rng.choice(["", "C-1", "C-22"]),
                tags=tuple(t for t in tags if rng.random() < 0.2),
                note=rng.choice(["", "short", "two\nlines 🙂"]),
            )
        )
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_totals_agree_with_summing_list_week_for_random_entries(store, taxonomy, seed):
    rng = random.Random(seed)
    first_week = Week(2026, 45)
    weeks = [first_week.shift(i) for i in range(5)]
    # A few days before and after the weeks too, which no week may pick up.
    entries = _random_entries(rng, taxonomy, 300, first_week.start - dt.timedelta(days=3), 7 * 5 + 6)
    for entry in entries:
        store.add(entry)
    assert store.count() == 300
    assert store.category_usage() == dict(Counter(e.category for e in entries))
    assert store.categories_used() == {e.category for e in entries}

    seen: set[str] = set()
    for week in weeks:
        listed = store.list_week(week)
        expected_ids = {e.id for e in entries if week.start <= e.date <= week.end}
        assert {e.id for e in listed} == expected_ids
        seen |= expected_ids

        # The order the week view relies on.
        keys = [(e.date, e.start_time is None, e.start_time or dt.time.min) for e in listed]
        assert keys == sorted(keys)

        sums: dict[tuple[dt.date, str], list[int]] = defaultdict(lambda: [0, 0, 0])
        for e in listed:
            acc = sums[(e.date, e.category)]
            acc[0] += e.minutes
            acc[1] += 1
            acc[2] += e.people
        expected = [TotalRow(d, c, m, n, p) for (d, c), (m, n, p) in sorted(sums.items())]
        assert store.totals_between(week.start, week.end) == expected

    outside = [e for e in entries if e.id not in seen]
    assert outside, "the random set should include entries outside the weeks"
    assert all(not any(e.date in w for w in weeks) for e in outside)

    # And every stored entry reads back equal to what was added (timestamps aside).
    by_id = {e.id: e for e in entries}
    for e in store.entries_between(dt.date(2000, 1, 1), dt.date(2100, 1, 1)):
        assert e.with_changes(created_at=None, updated_at=None) == by_id[e.id]
