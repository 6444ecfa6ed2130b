"""Switching weeks in the real window: what is drawn is still the store's data, every time.

The week view updates its table and charts in place (no new series, axes or slices
per week) and sizes its columns itself; these tests switch back and forth between
busy, small, empty and odd weeks and compare everything drawn with the store.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
from PySide6.QtCharts import QValueAxis
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QHeaderView

from peerdesk.domain.entry import FORMATS, MODES, Entry, validate
from peerdesk.domain.weeks import Week
from peerdesk.ui.chart_parts import nice_range
from peerdesk.ui.week_model import COLUMNS, ENTRY_ROLE, WeekTableModel

TODAY = dt.date(2026, 11, 25)  # the window fixture's today: 2026-W48
CATEGORIES = [
    "advocacy", "connecting_to_resources", "experiential_sharing", "building_community", "relationship_building",
    "group_facilitation", "skill_building_mentoring_goal_setting", "socialization_self_esteem",
    "group_planning_development", "administration", "team_communication", "supervision_training",
    "receiving_support", "education_awareness", "information_gathering_verification", "staff_relationships",
    "legitimizing_role",
]


def add(window, day, minutes, category, **more):
    raw = {"worker": "PW-07", "date": day, "minutes": minutes, "category": category, **more}
    return window.store.add(validate(raw, window.taxonomy, today=TODAY))


@pytest.fixture
def weeks(window):
    """W48 busy (every category), W47 with most, W46 with two, W45 empty, W44 with an old category."""
    n = 0
    for week, categories in ((48, CATEGORIES), (47, CATEGORIES[2:-3]), (46, ["advocacy", "legitimizing_role"])):
        for i, category in enumerate(categories):
            for day in Week(2026, week).days()[: 1 + i % 3]:
                n += 1
                add(window, day, 10 + (n * 13) % 90, category, mode=list(MODES)[n % 5],
                    format="group" if n % 3 == 0 else "individual", people=1 + n % 4,
                    tags=["presence"] if n % 4 == 0 else [], note="a\nnote" if n % 5 == 0 else "")
    at = dt.datetime(2026, 10, 27, 9, tzinfo=dt.UTC)
    window.store.restore(Entry(id="old-key", worker="PW-07", date=dt.date(2026, 10, 27), minutes=150,
                               category="retired_key", mode="carrier_pigeon", created_at=at, updated_at=at))
    window.refresh()
    return window


def work_type(window, category):
    cat = window.taxonomy.categories.get(category)
    return cat.work_type if cat else "unknown"


def assert_shows_the_store(window):
    view, store, week = window.week_view, window.store, window.week
    entries = store.list_week(week)
    # the table: the same rows and cells as a model fed with the store's Entry objects
    model = view.model
    reference = WeekTableModel(window.taxonomy)
    reference.set_entries(entries)
    assert model.rowCount() == reference.rowCount() == len(entries)
    for row, entry in enumerate(entries):
        assert model.entry(row) == entry
        for col in range(len(COLUMNS)):
            index, ref = model.index(row, col), reference.index(row, col)
            for role in (Qt.DisplayRole, Qt.ToolTipRole, Qt.TextAlignmentRole, ENTRY_ROLE):
                assert model.data(index, role) == reference.data(ref, role), (row, COLUMNS[col], role)
    assert view.empty_label.isVisibleTo(view) == (not entries)

    by_cat, by_wt, how_mode, how_format = defaultdict(int), defaultdict(int), defaultdict(int), defaultdict(int)
    for row in store.totals_between(week.start, week.end):
        by_cat[row.category] += row.minutes
        by_wt[work_type(window, row.category)] += row.minutes
    for row in store.mode_format_totals(week.start, week.end):
        how_mode[row.mode] += row.minutes
        how_format[row.format] += row.minutes
    chart = view.week_chart
    if not by_cat:
        assert chart.is_empty() and view.how_chart.is_empty()
        assert chart.category_minutes() == {} and view.how_chart.mode_minutes() == {}
    else:
        assert chart.category_minutes() == dict(by_cat)
        assert chart.split_minutes() == dict(by_wt)
        # one axis row per category drawn, and a legend of the work types drawn
        (axis,) = chart.bars_chart.axes(Qt.Vertical)
        assert len(axis.categories()) == len(by_cat)
        legend = chart.bars_chart.legend()
        legend.layout().activate()
        shown = {m.label() for m in legend.markers(chart.bar_series) if m.isVisible()}
        assert shown == {window.taxonomy.work_types[k].label for k in by_wt if k in window.taxonomy.work_types}
        assert view.how_chart.mode_minutes() == {m: how_mode.get(m, 0) for m in [*MODES, *how_mode]}
        assert view.how_chart.format_minutes() == {f: how_format.get(f, 0) for f in [*FORMATS, *how_format]}
    trend = view.trend_chart
    drawn_weeks = trend.week_minutes() or [{} for _ in trend.weeks]  # nothing drawn: all empty
    assert trend.is_empty() == (trend.week_minutes() == [])
    for w, drawn in zip(trend.weeks, drawn_weeks, strict=True):
        sums = defaultdict(int)
        for row in store.totals_between(w.start, w.end):
            key = work_type(window, row.category)
            if key in window.taxonomy.work_types:  # the trend's columns are the taxonomy's work types
                sums[key] += row.minutes
        assert {k: v for k, v in drawn.items() if v} == dict(sums), w
    assert trend.selected_index() == (-1 if trend.is_empty() else trend.weeks.index(week))


def test_switching_weeks_back_and_forth_shows_each_weeks_data(weeks):
    window = weeks
    assert_shows_the_store(window)
    for number in (47, 46, 45, 44, 48, 46, 47, 45, 48, 30, 44):
        window.show_week(Week(2026, number))
        assert_shows_the_store(window)


def test_charts_are_updated_in_place(weeks):
    window, view = weeks, weeks.week_view
    chart, trend, how = view.week_chart, view.trend_chart, view.how_chart
    drawn = (chart.bar_series, chart.pie_series, trend.series, how.mode_set, how.format_set)
    axes = [c.axes() for c in (chart.bars_chart, trend.chart, how.mode_chart, how.format_chart)]
    for number in (47, 46, 45, 44, 48):
        window.show_week(Week(2026, number))
    assert (chart.bar_series, chart.pie_series, trend.series, how.mode_set, how.format_set) == drawn
    assert [c.axes() for c in (chart.bars_chart, trend.chart, how.mode_chart, how.format_chart)] == axes
    # a category drawn in another week keeps its (zero) set: the series is never rebuilt
    assert len(chart.bar_series.barSets()) > len(chart.category_minutes())


def settle():
    """What the event loop does next: posted events (layouts), then zero timers."""
    for _ in range(3):
        QApplication.processEvents()


def qt_widths(view):
    """The widths Qt's own ResizeToContents gives the table's columns, over every row."""
    header = view.table.horizontalHeader()
    header.setResizeContentsPrecision(-1)
    free_texts = {COLUMNS.index(name) for name in ("Category", "Tags", "Note")}  # they share what is left
    fitted = [c for c in range(len(COLUMNS)) if c not in free_texts]
    for c in fitted:
        header.setSectionResizeMode(c, QHeaderView.ResizeToContents)
    header.resizeSections()
    widths = [header.sectionSize(c) for c in range(len(COLUMNS))]
    for c in fitted:
        header.setSectionResizeMode(c, QHeaderView.Fixed)
    return widths


@pytest.mark.parametrize("steps", [0, 2])
def test_columns_are_as_wide_as_qt_would_make_them(weeks, steps):
    window = weeks
    view = window.week_view
    window.step_text_scale(steps)
    for number in (48, 46, 45, 47):
        window.show_week(Week(2026, number))
        settle()
        header = view.table.horizontalHeader()
        ours = [header.sectionSize(c) for c in range(len(COLUMNS))]
        assert ours == qt_widths(view), number


def test_the_table_is_painted_once_per_switch(weeks, qtbot):
    window = weeks
    paints = []

    class Count(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Paint:
                paints.append(obj)
            return False

    counter = Count()
    viewport = window.week_view.table.viewport()
    viewport.installEventFilter(counter)
    try:
        for number in (47, 48):
            paints.clear()
            window.show_week(Week(2026, number))
            for _ in range(3):
                QApplication.processEvents()
            assert len(paints) == 1
    finally:
        viewport.removeEventFilter(counter)


@pytest.mark.parametrize(
    "top", [0.5, 1.0, 1.1, 2.2, 3.3, 5.5, 7.04, 9.9, 11.0, 13.2, 33.0, 44.0, 99.0, 110.0, 132.0, 487.3, 1999.0]
)
def test_nice_range_is_qts_own(top):
    axis = QValueAxis()
    axis.setRange(0, top)
    axis.applyNiceNumbers()
    assert nice_range(0.0, top, 5) == (axis.min(), axis.max(), axis.tickCount())


def test_larger_text_keeps_every_column_as_wide_as_its_header_and_scrolls_the_table(weeks):
    """At the largest text every column keeps at least its header's width, the free texts room
    for a dozen characters, and the table scrolls sideways inside itself, instead of cutting
    "Category" to "C…" or widening the window; back at the normal size they share the room again."""
    window, view = weeks, weeks.week_view
    window.resize(1280, 800)
    window.show_week(Week(2026, 48))
    settle()
    window.step_text_scale(4)
    settle()
    header = view.table.horizontalHeader()
    narrow = [COLUMNS[c] for c in range(len(COLUMNS)) if header.sectionSize(c) < header.sectionSizeHint(c)]
    assert narrow == []
    free_texts = [COLUMNS.index(name) for name in ("Category", "Tags", "Note")]
    twelve = view.table.fontMetrics().averageCharWidth() * 12
    assert all(header.sectionSize(c) >= twelve for c in free_texts)
    assert view.table.horizontalScrollBar().isVisible()
    assert not window.area.week_scroll.horizontalScrollBar().isVisible()  # the week's pane does not
    assert window.width() <= 1280  # the window itself did not grow
    window.step_text_scale(-4)
    settle()
    assert not view.table.horizontalScrollBar().isVisible()
    assert all(header.sectionResizeMode(c) == QHeaderView.Stretch for c in free_texts)
    assert header.length() == view.table.viewport().width()  # the free texts fill the table again
