"""The supervisor's review window, over files the real exporter wrote for three workers.

Every number the table and the charts show is compared with the workers'
own entries; filters, the summary CSV, File ▸ Review exported files… and a
drop onto the main window are driven as a user would; and the supervisor's own
database is byte-for-byte the same afterwards.
"""

from __future__ import annotations

import warnings
from collections import defaultdict

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from peerdesk.domain.entry import MODES, format_minutes
from peerdesk.domain.weeks import Week
from peerdesk.exchange import review
from peerdesk.exchange.csv_format import BOM
from peerdesk.ui.review_window import ReviewWindow


@pytest.fixture
def open_window(qtbot, team_exports, dialogs):
    """``open_window(paths)`` → a shown ReviewWindow over those files."""

    def make(paths=None, **kwargs):
        paths = team_exports.entry_paths if paths is None else paths
        win = ReviewWindow(taxonomy=team_exports.taxonomy, paths=paths, dialogs=dialogs, **kwargs)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        return win

    return make


def entries_of(t, *, worker=None, weeks=None, work_type=None, category=None):
    out = []
    for e in t.entries.values():
        week = str(Week.of(e.date))
        if worker is not None and e.worker != worker:
            continue
        if weeks is not None and week not in weeks:
            continue
        if work_type is not None and t.taxonomy.work_type_of(e.category) != work_type:
            continue
        if category is not None and e.category != category:
            continue
        out.append(e)
    return out


def by_category(entries):
    sums = defaultdict(int)
    for e in entries:
        sums[e.category] += e.minutes
    return dict(sums)


def team_table(win) -> list[tuple]:
    """The team table as shown (display text), row by row."""
    model = win.team_view.model()
    return [
        tuple(model.index(r, c).data() for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]


def broken_copy(source, target):
    lines = source.read_bytes()[len(BOM):].decode("utf-8").split("\r\n")
    cells = lines[2].split(",")
    cells[5] = "721"
    lines[2] = ",".join(cells)
    target.write_bytes(BOM + "\r\n".join(lines).encode("utf-8"))


# ------------------------------------------------------------------ opening


def test_opens_files_with_progress_and_shows_the_summary_line(open_window, team_exports):
    calls = []
    win = open_window(progress=lambda done, total: calls.append((done, total)))
    t = team_exports
    assert calls == [(1, 3), (2, 3), (3, 3)]
    assert win.windowTitle() == "PeerDesk review — 3 files"
    assert win.summary_label.text().startswith(f"3 files, {len(t.entries)} entries, 0 problems")
    assert win.problem_lines() == []
    assert win.problems_view.isHidden()
    assert [win.worker_combo.itemText(i) for i in range(win.worker_combo.count())] == [
        "All workers", *sorted(t.workers)
    ]
    weeks = [win.week_from_combo.itemData(i) for i in range(win.week_from_combo.count())]
    assert weeks == ["2026-W43", "2026-W44", "2026-W45", "2026-W47", "2026-W48"]  # W46: everyone on leave
    assert (win.week_from_combo.currentData(), win.week_to_combo.currentData()) == ("2026-W43", "2026-W48")


def test_reading_can_be_stopped(open_window):
    win = open_window(progress=lambda done, total: done < 1)
    assert win.windowTitle() == "PeerDesk review — 1 file"
    assert win.statusBar().currentMessage() == "Reading stopped: 1 file of 3 were read."


def test_problems_are_listed_and_valid_rows_still_shown(open_window, team_exports, tmp_path):
    t = team_exports
    bad = tmp_path / "bad.csv"
    broken_copy(t.entry_paths[0], bad)
    win = open_window([bad, t.entry_paths[1], t.entry_paths[1]])
    assert win.problem_lines() == [
        f"{bad}:3:minutes: 721 is out of range (1–720)",
        f"{t.entry_paths[1]}:1:(file): is the same file as {t.entry_paths[1]}, opened twice; its rows are counted once",
    ]
    assert win.problems_view.isVisibleTo(win)
    n = len(entries_of(t, worker=t.workers[0])) - 1 + len(entries_of(t, worker=t.workers[1]))
    assert win.summary_label.text().startswith(f"3 files, {n} entries, 2 problems")
    assert {row[0] for row in team_table(win)} == {t.workers[0], t.workers[1]}


def test_a_result_can_be_given_instead_of_paths(qtbot, team_exports):
    result = review.read_files(team_exports.summary_paths, team_exports.taxonomy)
    win = ReviewWindow(result, taxonomy=team_exports.taxonomy)
    qtbot.addWidget(win)
    assert win.windowTitle() == "PeerDesk review — 3 files"
    assert len(win.team_rows) == len(result.team(result.combined_summary(), team_exports.taxonomy.work_types))


# ------------------------------------------------------------------ the team table


def test_team_table_shows_each_worker_week(open_window, team_exports):
    t = team_exports
    win = open_window()
    rows = team_table(win)
    assert win.team_model.columns == ["Worker", "Week", "Direct", "Indirect", "Role", "Total", "Direct %"]
    expected = []
    for week in ["2026-W43", "2026-W44", "2026-W45", "2026-W47", "2026-W48"]:
        for worker in sorted(t.workers):
            mine = entries_of(t, worker=worker, weeks={week})
            wt = defaultdict(int)
            for e in mine:
                wt[t.taxonomy.work_type_of(e.category)] += e.minutes
            total = sum(wt.values())
            expected.append((
                worker, week, format_minutes(wt["direct"]), format_minutes(wt["indirect"]),
                format_minutes(wt["role"]), format_minutes(total), f"{100 * wt['direct'] / total:.0f}%",
            ))
    assert rows == expected


def test_team_table_sorts_by_a_column(open_window):
    win = open_window()
    win.team_view.sortByColumn(5, Qt.DescendingOrder)  # Total
    model = win.team_view.model()
    totals = [model.index(r, 5).data(Qt.UserRole + 1) for r in range(model.rowCount())]
    assert totals == sorted(totals, reverse=True)


# ------------------------------------------------------------------ filters and charts


def test_worker_filter_changes_the_table_and_the_charts(open_window, team_exports):
    t = team_exports
    win = open_window()
    everyone = by_category(t.entries.values())
    assert win.week_chart.category_minutes() == everyone
    win.worker_combo.setCurrentIndex(win.worker_combo.findData("PW-01"))
    assert {row[0] for row in team_table(win)} == {"PW-01"}
    mine = entries_of(t, worker="PW-01")
    assert win.week_chart.category_minutes() == by_category(mine)
    assert sum(win.week_chart.split_minutes().values()) == sum(e.minutes for e in mine)
    assert "PW-01" in win.week_chart.bars_chart.title()
    assert win.how_chart.mode_minutes() == {
        m: sum(e.minutes for e in mine if e.mode == m) for m in reversed(list(MODES))
    }
    trend = win.trend_chart.week_minutes()
    assert [w for w in win.trend_chart.weeks] == [Week(2026, n) for n in range(43, 49)]
    assert [sum(d.values()) for d in trend] == [
        sum(e.minutes for e in mine if Week.of(e.date) == Week(2026, n)) for n in range(43, 49)
    ]


def test_week_range_filter(open_window, team_exports):
    t = team_exports
    win = open_window()
    win.week_from_combo.setCurrentIndex(win.week_from_combo.findData("2026-W45"))
    win.week_to_combo.setCurrentIndex(win.week_to_combo.findData("2026-W47"))
    assert {row[1] for row in team_table(win)} == {"2026-W45", "2026-W47"}
    chosen = entries_of(t, weeks={"2026-W45", "2026-W46", "2026-W47"})
    assert win.week_chart.category_minutes() == by_category(chosen)
    assert win.trend_chart.weeks == [Week(2026, 45), Week(2026, 46), Week(2026, 47)]
    # the range never runs backwards: moving the start past the end moves the end too
    win.week_from_combo.setCurrentIndex(win.week_from_combo.findData("2026-W48"))
    assert win.week_to_combo.currentData() == "2026-W48"
    assert {row[1] for row in team_table(win)} == {"2026-W48"}


def test_work_type_and_category_filters(open_window, team_exports):
    t = team_exports
    win = open_window()
    win.work_type_combo.setCurrentIndex(win.work_type_combo.findData("role"))
    categories = [win.category_combo.itemData(i) for i in range(win.category_combo.count())]
    assert categories == [None, "staff_relationships", "legitimizing_role"]
    assert win.week_chart.category_minutes() == by_category(entries_of(t, work_type="role"))
    assert all(row[2] == "0m" and row[3] == "0m" for row in team_table(win))
    win.category_combo.setCurrentIndex(win.category_combo.findData("legitimizing_role"))
    assert win.week_chart.category_minutes() == by_category(entries_of(t, category="legitimizing_role"))
    # back to every work type: the category chosen is kept
    win.work_type_combo.setCurrentIndex(0)
    assert win.category_combo.currentData() == "legitimizing_role"
    assert win.selection() == review.Selection(None, "2026-W43", "2026-W48", None, "legitimizing_role")


def test_a_filter_with_nothing_in_it_shows_empty_states(open_window):
    win = open_window()
    win.set_filters(worker="PW-01", first_week="2026-W48", last_week="2026-W48", category="legitimizing_role")
    assert team_table(win) == []
    assert win.week_chart.is_empty()
    assert win.week_chart.empty_label.text() == "Nothing in these files matches the filters."
    assert win.team_totals.text() == "Nothing in these files matches the filters."


def test_direct_share_chart_has_one_line_per_worker(open_window, team_exports):
    t = team_exports
    win = open_window()
    shares = win.share_chart.shares()
    assert list(shares) == sorted(t.workers)
    for worker in t.workers:
        for week in ["2026-W43", "2026-W44", "2026-W45", "2026-W47", "2026-W48"]:
            mine = entries_of(t, worker=worker, weeks={week})
            direct = sum(e.minutes for e in mine if t.taxonomy.work_type_of(e.category) == "direct")
            assert shares[worker][week] == pytest.approx(100 * direct / sum(e.minutes for e in mine))
        assert "2026-W46" not in shares[worker]
    assert [s.name() for s in win.share_chart.chart.series()] == sorted(t.workers)
    # one worker: one line; a work type filter does not change a share
    win.set_filters(worker="Zoë (PW-02)", work_type="indirect")
    assert list(win.share_chart.shares()) == ["Zoë (PW-02)"]
    assert win.share_chart.shares()["Zoë (PW-02)"] == shares["Zoë (PW-02)"]


def test_clicking_a_week_column_shows_that_week_alone(open_window):
    win = open_window()
    win.trend_chart.week_clicked.emit(Week(2026, 44))
    assert (win.week_from_combo.currentData(), win.week_to_combo.currentData()) == ("2026-W44", "2026-W44")


def test_summary_files_give_the_team_but_no_how(open_window, team_exports):
    t = team_exports
    win = open_window(t.summary_paths)
    assert win.week_chart.category_minutes() == by_category(t.entries.values())
    assert win.how_chart.is_empty()
    assert "summary files hold no mode or format" in win.how_chart.empty_label.text()
    assert list(win.share_chart.shares()) == sorted(t.workers)


# ------------------------------------------------------------------ saving


def test_save_summary_writes_the_filtered_rows(open_window, team_exports, dialogs, tmp_path):
    asked = []
    target = tmp_path / "out" / "team_pw01"
    target.parent.mkdir()
    dialogs.ask_save_path = lambda parent, title, suggested, filters: asked.append(suggested) or str(target)
    win = open_window()
    win.set_filters(worker="PW-01")
    win.save_summary_action.trigger()
    written = target.with_suffix(".csv")
    assert asked and asked[0].endswith("peerdesk_review_2026-W43_2026-W48_summary.csv")
    assert asked[0].startswith(str(team_exports.folder))
    back = review.read_files([written], team_exports.taxonomy)
    assert back.problems == []
    assert [(r.worker, r.week, r.category, r.minutes, r.entries, r.people) for r in back.summary_rows] == [
        (r.worker, r.week, r.category, r.minutes, r.entries, r.people) for r in win.rows
    ]
    assert {r.worker for r in back.summary_rows} == {"PW-01"}
    assert sum(r.minutes for r in back.summary_rows) == sum(e.minutes for e in entries_of(team_exports, worker="PW-01"))
    assert written.read_bytes().startswith(BOM)
    assert win.statusBar().currentMessage() == f"{len(win.rows)} summary rows saved to {written}"


def test_save_summary_cancelled_or_onto_a_reviewed_file(open_window, team_exports, dialogs):
    before = team_exports.entry_paths[0].read_bytes()
    dialogs.ask_save_path = lambda *a: None
    win = open_window()
    win.save_summary()
    assert dialogs.errors == []
    dialogs.ask_save_path = lambda *a: str(team_exports.entry_paths[0])
    win.save_summary()
    assert dialogs.errors[0][0] == "Summary not saved"
    assert team_exports.entry_paths[0].read_bytes() == before


def test_save_chart_as_png(open_window, dialogs, tmp_path):
    target = tmp_path / "share.png"
    dialogs.ask_save_path = lambda *a: str(target)
    win = open_window()
    win.chart_tabs.setCurrentWidget(win.share_chart)
    win.save_chart_action.trigger()
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# ------------------------------------------------------------------ from the main window


def _db_files(workspace):
    """The database file and its write-ahead log (the -shm index changes on any read, so it is left out)."""
    db = workspace.db_path
    files = [db, db.with_name(db.name + "-wal")]
    return {p.name: p.read_bytes() for p in files if p.exists()}


def _drag_events(paths):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    with warnings.catch_warnings():  # PySide flags the constructor, though Qt 6 has no other
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(QPoint(50, 50), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    drop = QDropEvent(QPointF(50, 50), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    return mime, enter, drop


def test_dropping_exports_on_the_main_window_opens_a_review(qtbot, window, workspace, team_exports):
    store = window.store
    entries, audit = store.count(), len(store.audit_log())
    before = _db_files(workspace)
    assert window.acceptDrops()
    paths = [*team_exports.entry_paths, team_exports.summary_paths[0]]
    _mime, enter, drop = _drag_events(paths)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window, drop)
    qtbot.waitUntil(lambda: len(window.review_windows) == 1)
    review_window = window.review_windows[0]
    assert review_window.result.files == [str(p) for p in paths]
    assert review_window.isVisible()
    assert review_window.windowTitle() == "PeerDesk review — 4 files"
    assert review_window.result.problems == []
    # nothing was written to the supervisor's own records
    assert store.count() == entries and len(store.audit_log()) == audit
    assert "peerdesk.db" in before and _db_files(workspace) == before
    review_window.close()
    qtbot.waitUntil(lambda: window.review_windows == [])
    assert _db_files(workspace) == before


def test_dropping_other_files_is_refused(window, tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("hello", "utf-8")
    _mime, enter, _drop = _drag_events([text])
    enter.setAccepted(False)
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()
    assert window.review_windows == []


def test_file_menu_review_exported_files(qtbot, window, workspace, dialogs, team_exports):
    before = _db_files(workspace)
    asked = []
    dialogs.ask_open_paths = lambda parent, title, filters: asked.append((title, filters)) or []
    window.review_action.trigger()
    assert asked == [("Review exported files", "PeerDesk exports (*.csv *.xlsx);;All files (*)")]
    assert window.review_windows == []  # cancelled
    dialogs.ask_open_paths = lambda *a: [str(p) for p in team_exports.entry_paths]
    window.review_action.trigger()
    (opened,) = window.review_windows
    assert opened.windowTitle() == "PeerDesk review — 3 files"
    assert opened.isWindow() and opened.parent() is window
    assert _db_files(workspace) == before


def test_run_review_shows_the_window_and_runs_the_event_loop(qtbot, monkeypatch, team_exports):
    """``peerdesk review FILE...`` without --check: app.run_review."""
    import peerdesk.app

    seen = []
    before = set(QApplication.topLevelWidgets())

    class FakeApp:
        def exec(self):
            seen.extend(
                w for w in QApplication.topLevelWidgets()
                if isinstance(w, ReviewWindow) and w.isVisible() and w not in before
            )
            return 0

    monkeypatch.setattr(peerdesk.app, "_application", FakeApp)
    assert peerdesk.app.run_review([str(p) for p in team_exports.entry_paths], team_exports.taxonomy) == 0
    (shown,) = seen
    qtbot.addWidget(shown)
    assert shown.windowTitle() == "PeerDesk review — 3 files"
    assert shown.result.problems == []


def test_run_review_has_the_text_size_the_user_chose(qtbot, monkeypatch, team_exports):
    """``peerdesk review FILE...`` on its own, after View ▸ Larger text at 150 % in the window:
    the review's text is as large (the size is the computer's user's, kept in Qt's settings)."""
    import peerdesk.app
    from peerdesk.ui import text_size

    normal = text_size.base_font().pointSizeF()
    text_size.remember(1.5)
    seen = []

    class FakeApp:
        def exec(self):
            seen.extend(w for w in QApplication.topLevelWidgets() if isinstance(w, ReviewWindow) and w.isVisible())
            return 0

    monkeypatch.setattr(peerdesk.app, "_application", FakeApp)
    assert peerdesk.app.run_review([str(p) for p in team_exports.entry_paths], team_exports.taxonomy) == 0
    shown = seen[-1]
    qtbot.addWidget(shown)
    assert shown.team_view.font().pointSizeF() == pytest.approx(normal * 1.5)


def test_files_with_nothing_valid_show_only_their_problems(open_window, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    other = tmp_path / "other.csv"
    other.write_text("Date,Hours\n2026-11-25,3\n", "utf-8")
    win = open_window([empty, other])
    assert win.problem_lines() == [
        f"{empty}:1:(file): is empty: no header row",
        f"{other}:1:entry_id: wrong header: 'Date', 'Hours' are not the columns of a PeerDesk export (an entries file's"
        " header begins 'entry_id,worker,date', a summary's 'worker,week,week_start')",
    ]
    assert win.summary_label.text().startswith("2 files, 0 entries, 2 problems")
    assert team_table(win) == []
    assert win.week_from_combo.count() == 0
    assert all(card.is_empty() for card in win.charts)
    assert win.week_chart.empty_label.text() == "No valid rows in these files."
