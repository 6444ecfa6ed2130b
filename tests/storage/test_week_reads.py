"""The week view's reads: Store.week_rows and the WeekLoader that keeps the trend's totals.

Everything is compared with the store's own per-query reads (list_week, totals_between,
mode_format_totals) and with summarize_trend over a fresh read, after each kind of write,
including writes the loader never saw (another window, the command line).
"""

from __future__ import annotations

import datetime as dt

import pytest

from peerdesk.domain.entry import FORMATS, MODES, Entry
from peerdesk.domain.summary import summarize_how, summarize_trend, summarize_week
from peerdesk.domain.weeks import Week
from peerdesk.week_data import WeekEntries, WeekLoader, load_week, trend_weeks

TODAY = dt.date(2026, 11, 25)  # 2026-W48
W48 = Week(2026, 48)


@pytest.fixture
def filled(store, make_entry):
    """Entries over weeks 40–48 of 2026, several a day, in all three work types."""
    categories = ["advocacy", "administration", "legitimizing_role", "group_facilitation"]
    n = 0
    for week in range(40, 49):
        for day in Week(2026, week).days()[:4]:
            for i, category in enumerate(categories[: 1 + (week + day.day) % 4]):
                n += 1
                store.add(
                    make_entry(
                        date=day.isoformat(), minutes=str(15 + 5 * ((n * 7) % 11)), category=category,
                        start=f"{8 + i}:{(n * 5) % 60:02d}" if n % 3 else "", mode=list(MODES)[n % 5],
                        format="group" if n % 4 == 0 else "individual", people=str(1 + n % 3),
                        tags="presence;challenge" if n % 5 == 0 else "", note=f"note {n}\nsecond line" if n % 2 else "",
                    )
                )
    return store


def reference(store, taxonomy, week, count):
    """What the week view shows, from the store's plain per-query reads."""
    weeks = trend_weeks(week, count, TODAY)
    return (
        store.list_week(week),
        summarize_week(week, store.totals_between(week.start, week.end), taxonomy),
        summarize_trend(weeks, store.totals_between(weeks[0].start, weeks[-1].end), taxonomy),
        summarize_how(store.mode_format_totals(week.start, week.end), MODES, FORMATS),
    )


def assert_same(data, store, taxonomy, count=12):
    entries, summary, trend, how = reference(store, taxonomy, data.week, count)
    assert list(data.entries) == entries
    assert data.summary == summary
    assert data.trend == trend
    assert data.how == how


def test_week_rows_are_the_stores_own_reads(filled, taxonomy):
    week = Week(2026, 46)
    version, rows, totals, how, trend = filled.week_rows(week.start, week.end, (Week(2026, 40).start, week.end))
    assert [r.to_entry() for r in rows] == filled.list_week(week)
    assert totals == filled.totals_between(week.start, week.end)
    assert how == filled.mode_format_totals(week.start, week.end)
    assert trend == filled.totals_between(Week(2026, 40).start, week.end)
    assert version == len(filled.audit_log())  # one audit line per write
    assert filled.week_rows(week.start, week.end)[4] == []  # no trend asked for


def test_week_entries_are_made_only_when_asked_for(filled):
    made = []

    def make(row):
        made.append(row.id)
        return row.to_entry()

    rows = filled.week_rows(W48.start, W48.end)[1]
    entries = WeekEntries(rows, make)
    assert len(entries) == len(rows) > 3 and made == []
    assert entries[1] == filled.get(rows[1].id)
    assert entries[-1].id == rows[-1].id
    assert entries[1] is entries[1] and len(made) == 2  # each made once
    assert [e.id for e in entries[:2]] == [r.id for r in rows[:2]]
    assert list(entries) == filled.list_week(W48)


@pytest.mark.parametrize("count", [4, 12, 26])
def test_the_loader_shows_what_the_store_holds_week_after_week(filled, taxonomy, count):
    loader = WeekLoader(filled, taxonomy)
    for number in (48, 47, 46, 47, 30, 12, 44, 48):  # neighbours, far weeks, empty weeks, back
        data = loader.load(Week(2026, number), trend_count=count, today=TODAY)
        assert_same(data, filled, taxonomy, count)
    assert loader.load(W48, trend_count=count, today=TODAY).trend == load_week(
        filled, taxonomy, W48, trend_count=count, today=TODAY
    ).trend


def test_a_neighbouring_week_reads_no_trend_again(filled, taxonomy, monkeypatch):
    loader = WeekLoader(filled, taxonomy)
    asked = []
    week_rows = filled.week_rows
    monkeypatch.setattr(filled, "week_rows", lambda s, e, trend=None: asked.append(trend) or week_rows(s, e, trend))
    loader.load(W48, trend_count=12, today=TODAY)
    assert asked == [(Week(2026, 37).start, Week(2026, 47).end)]  # the other eleven weeks
    asked.clear()
    for number in (47, 46, 48, 47):  # all among the twelve weeks up to this week
        assert_same(loader.load(Week(2026, number), trend_count=12, today=TODAY), filled, taxonomy)
    assert asked == [None] * 4
    asked.clear()
    loader.load(Week(2025, 30), trend_count=12, today=TODAY)  # far away: its own twelve weeks
    assert asked == [(Week(2025, 19).start, Week(2025, 29).end)]


def test_no_trend_asked_for_reads_none_and_keeps_the_week_the_same(filled, taxonomy, monkeypatch):
    loader = WeekLoader(filled, taxonomy)
    asked = []
    week_rows = filled.week_rows
    monkeypatch.setattr(filled, "week_rows", lambda s, e, trend=None: asked.append(trend) or week_rows(s, e, trend))
    data = loader.load(W48, trend_count=0, today=TODAY)  # the week view before its trend card is made
    assert asked == [None] and data.trend == []
    entries, summary, _trend, how = reference(filled, taxonomy, W48, 12)
    assert list(data.entries) == entries and data.summary == summary and data.how == how
    asked.clear()
    assert_same(loader.load(W48, trend_count=12, today=TODAY), filled, taxonomy)  # then the trend is wanted
    assert asked == [(Week(2026, 37).start, Week(2026, 47).end)]


def test_kept_totals_are_dropped_after_any_write_whoever_made_it(filled, taxonomy, make_entry, db_path):
    from peerdesk.storage.store import Store

    loader = WeekLoader(filled, taxonomy)
    loader.load(W48, trend_count=12, today=TODAY)
    other = Store(db_path)  # another writer on the same file: the loader's store never hears of it
    other.actor = lambda: "elsewhere"
    try:
        added = other.add(make_entry(date="2026-11-10", minutes="600", category="advocacy"))  # W46
        data = loader.load(Week(2026, 47), trend_count=12, today=TODAY)
        assert_same(data, filled, taxonomy)
        assert data.trend[-3].by_work_type["direct"] >= 600

        edited = other.update(added.with_changes(minutes=5, category="administration"))
        assert_same(loader.load(W48, trend_count=12, today=TODAY), filled, taxonomy)
        other.delete(edited.id)
        assert_same(loader.load(Week(2026, 47), trend_count=12, today=TODAY), filled, taxonomy)
        other.restore(edited)
        assert_same(loader.load(W48, trend_count=12, today=TODAY), filled, taxonomy)
    finally:
        other.close()
    # and through the loader's own store
    gone = filled.delete(filled.list_week(Week(2026, 45))[0].id)
    assert_same(loader.load(Week(2026, 47), trend_count=12, today=TODAY), filled, taxonomy)
    filled.restore(gone)
    assert_same(loader.load(W48, trend_count=12, today=TODAY), filled, taxonomy)


def test_categories_outside_the_taxonomy_count_as_unknown(store, taxonomy):
    now = dt.datetime(2026, 11, 24, 9, tzinfo=dt.UTC)
    store.restore(Entry(id="old-1", worker="W", date=dt.date(2026, 11, 24), minutes=40, category="retired_key",
                        mode="carrier_pigeon", created_at=now, updated_at=now))
    data = WeekLoader(store, taxonomy).load(W48, trend_count=4, today=TODAY)
    assert_same(data, store, taxonomy, 4)
    assert data.trend[-1].by_work_type["unknown"] == 40
    assert data.how.by_mode["carrier_pigeon"].minutes == 40
