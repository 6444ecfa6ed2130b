"""The numbers a report draws, from a hand-made month whose figures are known."""

from __future__ import annotations

from datetime import date

import pytest

from peerdesk.domain.report import period_weeks, team_report, worker_report
from peerdesk.domain.taxonomy import load
from peerdesk.domain.weeks import Week
from peerdesk.operations.reporting import worker_report_of

NOV = (date(2026, 11, 1), date(2026, 11, 30))


@pytest.fixture
def report(month_workspace):
    store = month_workspace.open_store()
    try:
        yield worker_report_of(store, month_workspace.taxonomy, *NOV, worker="PW-07", contracted_hours=30)
    finally:
        month_workspace.close()


def test_the_weeks_of_november_cut_at_both_ends(report):
    assert [str(w.week) for w in report.weeks] == [f"2026-W{n}" for n in range(44, 50)]
    first, last = report.weeks[0], report.weeks[-1]
    assert (first.first, first.last, first.whole, first.weekdays) == (date(2026, 11, 1), date(2026, 11, 1), False, 0)
    assert (last.first, last.last, last.whole, last.weekdays) == (date(2026, 11, 30), date(2026, 11, 30), False, 1)
    assert [w.minutes for w in report.weeks] == [0, 245, 0, 0, 0, 15]
    assert report.weeks[1].by_work_type == {"direct": 185, "indirect": 60}


def test_totals_shares_and_contracted_hours(report):
    assert (report.minutes, report.entries) == (260, 6)  # December's entry is not counted
    assert report.minutes_of("direct") == 185 and report.minutes_of("indirect") == 75
    assert report.share() == pytest.approx(185 / 260)
    # 21 weekdays in November at 30 hours a week: 126 hours; the cut weeks 0 and 6 hours
    assert report.expected_minutes == 126 * 60
    assert [w.expected_minutes(30) for w in report.weeks] == [0, 1800, 1800, 1800, 1800, 360]
    assert report.average_week_minutes == pytest.approx(260 * 5 / 21)


def test_categories_how_and_tags(report):
    assert [(c.label, c.minutes, c.entries) for c in report.categories] == [
        ("Advocacy", 95, 3), ("Group facilitation", 90, 1), ("Team communication", 60, 1), ("Administration", 15, 1),
    ]
    assert report.by_mode["phone"].entries == 1 and report.by_mode["in_person"].entries == 5
    assert report.by_format["group"].people == 6
    assert report.people_reached == 1 + 1 + 1 + 6  # people in direct entries
    assert report.tags == {"presence": ("Presence", 2), "role_modeling": ("Role modeling", 1)}
    assert report.stats["individuals_served"] == 1 and report.stats["group_attendance"] == 6


def test_a_period_without_entries_is_empty_but_has_its_weeks():
    r = worker_report([], load(None), date(2027, 1, 1), date(2027, 1, 31), worker="PW-07")
    assert r.empty and r.minutes == 0 and len(r.weeks) == 5


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="ends"):
        period_weeks(date(2026, 11, 30), date(2026, 11, 1))


def test_a_team_keeps_every_worker_even_one_without_entries(report):
    class Row:
        def __init__(self, worker, day, minutes, category):
            self.worker, self.date, self.minutes, self.category = worker, day, minutes, category
            self.mode, self.format, self.people, self.client_ref, self.tags = "in_person", "individual", 1, "", ()

    rows = [Row("PW-01", date(2026, 11, 2), 60, "advocacy"), Row("PW-02", date(2026, 11, 9), 30, "administration"),
            Row("PW-02", date(2026, 12, 9), 30, "administration")]
    team = team_report(rows, load(None), *NOV, workers=["PW-01", "PW-02", "PW-03"])
    assert [(w.worker, w.minutes) for w in team.workers] == [("PW-01", 60), ("PW-02", 30), ("PW-03", 0)]
    assert team.minutes == 90 and team.stats["direct_interactions"] == 1
    assert team.weeks[1].week == Week(2026, 45)
