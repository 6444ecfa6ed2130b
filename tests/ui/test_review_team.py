"""The Review window for a team: each file's status, the pivot, the averages, the entries and
the direct-share band of a large team, as the supervisor sees them."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from peerdesk import demo
from peerdesk.domain.weeks import Week
from peerdesk.exchange.csv_export import export_entries
from peerdesk.storage.store import Store
from peerdesk.ui.review_window import ReviewWindow


@pytest.fixture
def open_window(qtbot, team_exports, dialogs):
    def make(paths):
        win = ReviewWindow(taxonomy=team_exports.taxonomy, paths=paths, dialogs=dialogs)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        return win

    return make


def cells(view, column: int) -> list[str]:
    model = view.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_each_file_has_its_status_and_choosing_one_shows_its_problems(open_window, team_exports, tmp_path):
    refused = tmp_path / "notes.csv"
    refused.write_text("Date,Hours\r\n2026-11-25,3\r\n", "utf-8")
    win = open_window([*team_exports.entry_paths, refused])
    assert win.files_panel.statuses() == [
        "peerdesk_worker1.csv: read",
        "peerdesk_worker2.csv: read",
        "peerdesk_worker3.csv: read",
        f"notes.csv: refused: {win.result.problems[-1].message}",
    ]
    view = win.files_panel.files_view
    assert cells(view, 2)[:3] == list(team_exports.workers)
    assert cells(view, 3)[0] == f"{team_exports.start.isoformat()} to {team_exports.end.isoformat()}"
    assert win.problem_lines() == [str(p) for p in win.result.problems]
    one_row = QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows
    view.selectionModel().select(view.model().index(0, 0), one_row)
    assert win.problem_lines() == []  # the first file has none
    view.selectionModel().select(view.model().index(3, 0), one_row)
    assert win.problem_lines() == [str(win.result.problems[-1])]
    view.selectionModel().clearSelection()
    assert len(win.problem_lines()) == len(win.result.problems)


def test_the_pivot_averages_and_entries_show_the_team(open_window, team_exports, qtbot):
    t = team_exports
    win = open_window(t.entry_paths)
    tabs = win.team_tabs
    texts = [tabs.tabText(i) for i in range(tabs.count())]
    assert texts == ["Hours: worker × week", "Averages", "Worker-weeks", "Entries"]
    weeks = [Week.of(t.start).shift(i) for i in range(t.weeks)]
    pivot = tabs.pivot_view.model()
    assert cells(tabs.pivot_view, 0) == sorted(t.workers)
    headers = [pivot.headerData(c, Qt.Horizontal) for c in range(1, pivot.columnCount())]
    assert headers == [f"W{w.number}" for w in weeks]
    row = cells(tabs.pivot_view, 0).index("PW-01")
    minutes = sum(e.minutes for e in t.entries.values() if e.worker == "PW-01" and Week.of(e.date) == weeks[-1])
    assert pivot.index(row, len(weeks)).data() == f"{minutes / 60:.1f}"
    assert pivot.index(row, len(weeks)).data(Qt.BackgroundRole) is not None  # shaded by its direct share
    assert cells(tabs.averages_view, 0) == sorted(t.workers)
    assert cells(tabs.averages_view, 1)[0].endswith(f"of {t.weeks}")

    assert tabs.entries_label.text() == f"{len(t.entries):,} entries"
    noted = next(e for e in t.entries.values() if e.note and "\n" not in e.note)
    tabs.entries_filter.setText(noted.note)
    shown = cells(tabs.entries_view, 10)
    assert noted.note in shown and len(shown) < len(t.entries)
    assert tabs.entries_label.text() == f"{len(shown):,} of {len(t.entries):,} entries"

    win.set_filters(worker="PW-01")
    assert set(cells(tabs.entries_view, 1)) <= {"PW-01"}
    assert cells(tabs.pivot_view, 0) == ["PW-01"]


def test_a_team_of_fifty_is_a_band_with_the_chosen_worker_over_it(open_window, team_exports, tmp_path):
    today = dt.date(2026, 11, 27)
    paths = []
    for i in range(1, 51):  # fifty workers' exports, written by PeerDesk from fifty records
        store = Store(tmp_path / f"w{i}" / "peerdesk.db")
        try:
            made = list(demo.generate(seed=500 + i, weeks=4, today=today, worker=f"PW-{i:02d}"))
            store.restore_many(made)
            path = tmp_path / f"peerdesk_PW-{i:02d}.csv"
            export_entries(store, team_exports.taxonomy, min(e.date for e in made), today, path)
            paths.append(path)
        finally:
            store.close()
    win = open_window(paths)
    chart = win.share_chart
    weeks = len(win.result.weeks())
    assert set(chart.series) == {"Team median"}  # no 50-line legend of colour squares
    assert len(chart.band) == weeks and all(b.workers == 50 for b in chart.band)
    names = [m.label() for m in chart.chart.legend().markers()]
    assert names == ["Middle half of the team (50 workers)", "Team median"]
    win.set_filters(worker="PW-07")
    assert set(chart.series) == {"Team median", "PW-07"}
    assert chart.chart.title().startswith("Direct share of PW-07 against the team")
    assert len(chart.band) == weeks and all(b.workers == 50 for b in chart.band)  # still the whole team
