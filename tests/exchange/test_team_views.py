"""A team's files as the Review window reads them off: each file's status, the worker × week
pivot, each worker's averages and the band of direct shares (Qt-free)."""

from __future__ import annotations

import csv
import io
import statistics

from peerdesk.domain.weeks import Week
from peerdesk.exchange import review
from peerdesk.exchange.review import read_files
from peerdesk.exchange.team_views import averages, file_status, pivot, share_band


def test_each_file_says_what_it_holds_and_what_became_of_its_rows(team_exports, tmp_path):
    t = team_exports
    rows = list(csv.reader(io.StringIO(t.entry_paths[0].read_text("utf-8-sig"), newline="")))
    rows[2][5] = "721"  # one row's minutes out of range
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    broken = tmp_path / "broken.csv"
    broken.write_text(buffer.getvalue(), "utf-8-sig", newline="")
    refused = tmp_path / "notes.csv"
    refused.write_text("Date,Hours\r\n2026-11-25,3\r\n", "utf-8")
    result = read_files([broken, t.summary_paths[1], refused], t.taxonomy)
    first, second, third = file_status(result)

    expected_rows = len(rows) - 1  # the header aside
    assert (first.file, first.kind, first.workers) == (str(broken), "entries", ("PW-01",))
    assert (first.kept, first.left_out, first.refused) == (expected_rows - 1, 1, "")
    assert first.state() == "1 row left out"
    assert first.period_text() == f"{t.start.isoformat()} to {t.end.isoformat()}"

    assert (second.kind, second.workers, second.left_out, second.state()) == ("summary", ("Zoë (PW-02)",), 0, "read")
    assert second.kept == sum(1 for s in result.summary_rows if s.source == str(t.summary_paths[1]))
    assert second.period is not None and second.period[1] == t.end

    assert (third.kind, third.kept, third.workers) == ("", 0, ())
    assert third.state().startswith("refused: wrong header: 'Date', 'Hours' are not the columns of a PeerDesk export")


def test_the_pivot_and_the_averages_add_up_to_the_team_table(team_exports):
    t = team_exports
    result = read_files(t.entry_paths, t.taxonomy)
    team = result.team(result.combined_summary(), t.taxonomy.work_types)
    weeks = [Week.of(t.start).shift(i) for i in range(t.weeks)]
    grid = pivot(team, weeks)
    assert grid.workers == sorted(t.workers) and grid.weeks == [str(w) for w in weeks]
    for row in team:
        assert grid.cell(row.worker, row.week) is row
    per_worker = {a.worker: a for a in averages(team, len(weeks))}
    for worker in t.workers:
        minutes = sum(e.minutes for e in t.entries.values() if e.worker == worker)
        direct = sum(
            e.minutes for e in t.entries.values()
            if e.worker == worker and t.taxonomy.work_type_of(e.category) == "direct"
        )
        logged = len({str(Week.of(e.date)) for e in t.entries.values() if e.worker == worker})
        a = per_worker[worker]
        assert (a.minutes, a.direct, a.weeks_logged, a.weeks) == (minutes, direct, logged, t.weeks)
        assert a.hours_per_week() == minutes / 60 / t.weeks
        assert a.hours_per_week_logged() == minutes / 60 / logged
        assert round(a.direct_share(), 6) == round(100 * direct / minutes, 6)


def test_the_share_band_is_the_quartiles_of_the_workers_shares(team_exports):
    t = team_exports
    result = read_files(t.entry_paths, t.taxonomy)
    shares = review.shares(result.team(result.combined_summary(), t.taxonomy.work_types))
    weeks = result.weeks()
    band = share_band(shares, weeks)
    assert [b.week for b in band] == weeks
    for b in band:
        values = sorted(by_week[b.week] for by_week in shares.values() if b.week in by_week)
        assert b.workers == len(values)
        assert b.median == statistics.median(values)
        assert b.low <= b.median <= b.high
        assert min(values) <= b.low and b.high <= max(values)
