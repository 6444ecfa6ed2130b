"""The per-week charts, driven through the real window over a real SQLite file.

Every number a chart draws is read back from its QBarSets / QPieSlices and
compared with the store's own sums, after each kind of change (add, edit,
delete, undo). No waits: a change is on the charts as soon as the call returns.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFontMetricsF, QImage

from peerdesk.domain.entry import FORMATS, MODES, format_minutes, validate
from peerdesk.domain.weeks import Week
from peerdesk.ui import palette

TODAY = date(2026, 11, 25)  # the window fixture's today (see conftest): 2026-W48
W48 = Week(2026, 48)


# ------------------------------------------------------------------ helpers


def add(window, day, minutes, category, *, mode="in_person", fmt="individual", people=None):
    """Store one validated entry (test set-up), as the form would."""
    raw = {"worker": "PW-07", "date": day, "minutes": minutes, "category": category, "mode": mode, "format": fmt}
    if people is not None:
        raw["people"] = people
    return window.store.add(validate(raw, window.taxonomy, today=TODAY))


def store_sums(window, week):
    """(by category, by work type, total) straight from the store's SQL sums."""
    by_cat: dict[str, int] = defaultdict(int)
    by_wt: dict[str, int] = defaultdict(int)
    for row in window.store.totals_between(week.start, week.end):
        by_cat[row.category] += row.minutes
        by_wt[window.taxonomy.work_type_of(row.category)] += row.minutes
    by_cat = {k: v for k, v in by_cat.items() if v}
    by_wt = {k: v for k, v in by_wt.items() if v}
    return by_cat, by_wt, sum(by_cat.values())


def assert_week_chart_matches_store(window, week=None):
    week = week or window.week
    chart = window.week_view.week_chart
    by_cat, by_wt, total = store_sums(window, week)
    assert chart.category_minutes() == by_cat
    assert chart.split_minutes() == by_wt
    # the same numbers as the totals panel beside the table
    totals = window.week_view.totals
    assert totals.week_total.text() == (format_minutes(total) if total else "–")
    assert sum(chart.category_minutes().values()) == sum(chart.split_minutes().values()) == total
    for wt, minutes in by_wt.items():
        label = window.taxonomy.work_types[wt].label
        assert f"{label}: {format_minutes(minutes)}" in totals.split_label.text().replace("\N{NO-BREAK SPACE}", " ")
    return by_cat, by_wt, total


def type_and_save(qtbot, window, *, day, minutes, category):
    form = window.form
    form.set_values({"date": day, "category": category})
    form.minutes_edit.setFocus()
    qtbot.keyClicks(form.minutes_edit, minutes)
    qtbot.keyClick(form.minutes_edit, Qt.Key_Return)


def edit_minutes(qtbot, window, entry_id, minutes, category=None):
    row = window.week_view.model.row_of(entry_id)
    assert row >= 0
    window.week_view.table.setFocus()
    window.week_view.table.selectRow(row)
    qtbot.keyClick(window.week_view.table, Qt.Key_Return)  # Enter opens the entry
    dialog = window.edit_dialog
    assert dialog is not None and dialog.isVisible()
    if category:
        dialog.form.set_values({"category": category})
    dialog.form.minutes_edit.clear()
    qtbot.keyClicks(dialog.form.minutes_edit, minutes)
    qtbot.keyClick(dialog.form.minutes_edit, Qt.Key_Return)
    assert not dialog.isVisible()


def visible_legend(chart, series):
    legend = chart.legend()
    # Qt lays the legend out on the next pass of the event loop; do it now instead of waiting
    legend.layout().activate()
    return {m.label() for m in legend.markers(series) if m.isVisible()}


def distinct_colours(image: QImage, step: int = 3) -> int:
    return len({image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)})


@pytest.fixture
def save_to(saved_in):
    return saved_in("exports", "chart.png")


# ------------------------------------------------------------------ this week


def test_this_week_chart_follows_add_edit_delete_and_undo(qtbot, window, dialogs):
    chart = window.week_view.week_chart
    add(window, date(2026, 11, 23), 40, "advocacy")
    add(window, date(2026, 11, 24), 25, "administration")
    window.refresh()
    assert_week_chart_matches_store(window)
    assert chart.category_minutes() == {"advocacy": 40, "administration": 25}
    assert chart.split_minutes() == {"direct": 40, "indirect": 25}

    # add through the form, with the keyboard
    type_and_save(qtbot, window, day=date(2026, 11, 25), minutes="35", category="legitimizing_role")
    assert window.store.count() == 3
    assert_week_chart_matches_store(window)
    assert chart.category_minutes() == {"advocacy": 40, "administration": 25, "legitimizing_role": 35}
    assert chart.split_minutes() == {"direct": 40, "indirect": 25, "role": 35}
    assert window.week_view.totals.week_total.text() == "1h 40m"

    # a second entry of a category already drawn adds to its bar
    type_and_save(qtbot, window, day=date(2026, 11, 25), minutes="20", category="advocacy")
    assert_week_chart_matches_store(window)
    assert chart.category_minutes()["advocacy"] == 60

    # edit through the edit dialog: new minutes and a new category
    role_entry = next(e for e in window.store.list_week(W48) if e.category == "legitimizing_role")
    edit_minutes(qtbot, window, role_entry.id, "50", category="staff_relationships")
    assert window.store.get(role_entry.id).minutes == 50
    by_cat, _by_wt, _ = assert_week_chart_matches_store(window)
    assert "legitimizing_role" not in by_cat and by_cat["staff_relationships"] == 50
    assert chart.split_minutes()["role"] == 50

    # delete with the Delete key (confirmed)
    admin = next(e for e in window.store.list_week(W48) if e.category == "administration")
    dialogs.confirm_answer = True
    window.week_view.table.setFocus()
    window.week_view.table.selectRow(window.week_view.model.row_of(admin.id))
    qtbot.keyClick(window.week_view.table, Qt.Key_Delete)
    assert window.store.get(admin.id) is None
    assert_week_chart_matches_store(window)
    assert "administration" not in chart.category_minutes()
    assert "indirect" not in chart.split_minutes()

    # undo the delete, then the edit
    qtbot.keyClick(window.week_view.table, Qt.Key_Z, Qt.ControlModifier)
    assert window.store.get(admin.id) is not None
    assert_week_chart_matches_store(window)
    assert chart.split_minutes()["indirect"] == 25
    qtbot.keyClick(window.week_view.table, Qt.Key_Z, Qt.ControlModifier)
    assert window.store.get(role_entry.id).minutes == 35
    assert_week_chart_matches_store(window)
    assert chart.category_minutes()["legitimizing_role"] == 35
    assert "staff_relationships" not in chart.category_minutes()
    # and redo (Edit ▸ Redo; its key differs between platforms)
    window.history.redo_action.trigger()
    assert_week_chart_matches_store(window)
    assert chart.category_minutes()["staff_relationships"] == 50


def test_a_saved_entry_is_on_every_chart_at_once(window):
    chart, trend, how = window.week_view.charts
    window.form.set_values({"date": TODAY, "category": "group_facilitation", "minutes": "75", "people": 6})
    window.form.format_combo.setCurrentIndex(window.form.format_combo.findData("group"))
    window.save_new_entry()  # no wait of any kind below
    assert chart.category_minutes() == {"group_facilitation": 75}
    assert chart.split_minutes() == {"direct": 75}
    assert trend.week_minutes()[trend.weeks.index(W48)]["direct"] == 75
    assert how.format_minutes()["group"] == 75
    assert how.mode_minutes()["in_person"] == 75
    assert not any(card.is_empty() for card in window.week_view.charts)


def test_legend_lists_the_work_types_present_and_bars_are_shades_of_their_hue(window):
    for day, minutes, category in [
        (date(2026, 11, 23), 30, "advocacy"),
        (date(2026, 11, 23), 45, "experiential_sharing"),
        (date(2026, 11, 24), 20, "socialization_self_esteem"),
        (date(2026, 11, 24), 15, "legitimizing_role"),
        (date(2026, 11, 25), 10, "staff_relationships"),
    ]:
        add(window, day, minutes, category)
    window.refresh()
    chart = window.week_view.week_chart
    tax = window.taxonomy
    assert visible_legend(chart.bars_chart, chart.bar_series) == {"Direct", "Role"} == {
        tax.work_types[k].label for k in ("direct", "role")
    }

    bars = [b for b in chart.bar_series.barSets() if b.property("category")]
    assert {b.property("category") for b in bars} == set(chart.category_minutes())
    shades = set()
    for bar in bars:
        key = bar.property("category")
        base = palette.work_type_colour(tax, tax.work_type_of(key))
        colour = bar.color()
        assert colour.hslSaturationF() > 0.05, key
        assert abs(colour.hslHueF() - base.hslHueF()) < 0.02, (key, colour.name(), base.name())
        shades.add(colour.name())
    assert len(shades) == len(bars)  # each category its own shade
    # the legend markers carry the base hues themselves
    markers = [b for b in chart.bar_series.barSets() if not b.property("category")]
    assert {m.color().name() for m in markers} == {
        palette.work_type_colour(tax, "direct").name(),
        palette.work_type_colour(tax, "role").name(),
    }
    # the pie's slices are the work-type hues, labelled with their share
    slices = {s.property("work_type"): s for s in chart.pie_series.slices()}
    assert set(slices) == {"direct", "role"}
    for key, piece in slices.items():
        assert piece.color().name() == palette.work_type_colour(tax, key).name()
    assert slices["direct"].label() == "Direct 79%"  # 95 of 120


def test_axis_is_in_minutes_up_to_two_hours_then_in_hours(window):
    chart = window.week_view.week_chart
    add(window, date(2026, 11, 23), 120, "advocacy")
    add(window, date(2026, 11, 24), 30, "administration")
    window.refresh()
    (axis,) = chart.bars_chart.axes(Qt.Horizontal)
    assert axis.titleText() == "Minutes"
    assert axis.max() >= 120
    assert chart.category_minutes() == {"advocacy": 120, "administration": 30}

    add(window, date(2026, 11, 25), 1, "advocacy")  # 121 min in one category
    window.refresh()
    (axis,) = chart.bars_chart.axes(Qt.Horizontal)
    assert axis.titleText() == "Hours"
    assert 121 / 60 <= axis.max() < 10
    # the values are in hours now, and still read back as exact minutes
    assert chart.category_minutes() == {"advocacy": 121, "administration": 30}
    assert_week_chart_matches_store(window)

    # the How chart chooses its unit the same way
    how = window.week_view.how_chart
    (how_axis,) = how.mode_chart.axes(Qt.Horizontal)
    assert how_axis.titleText() == "Hours"
    # one colour, each bar named on its axis: no legend takes the lines its axes' labels need
    assert not how.mode_chart.legend().isVisible() and not how.format_chart.legend().isVisible()


# ------------------------------------------------------------------ empty state


def test_an_empty_week_shows_the_empty_state_not_bare_axes(qtbot, window):
    view = window.week_view
    for i, card in enumerate(view.charts):
        view.chart_tabs.setCurrentIndex(i)
        assert card.is_empty(), card.name
        assert card.empty_label.isVisible(), card.name
        assert not card.body.isVisible(), card.name
        assert "48" in card.empty_label.text(), card.empty_label.text()
    assert view.week_chart.category_minutes() == {} and view.week_chart.bars_chart.series() == []
    assert view.trend_chart.week_minutes() == [] and view.trend_chart.selected_index() == -1
    assert view.how_chart.mode_minutes() == {} and view.how_chart.mode_chart.series() == []

    view.chart_tabs.setCurrentIndex(0)
    type_and_save(qtbot, window, day=TODAY, minutes="30", category="advocacy")
    for i, card in enumerate(view.charts):
        view.chart_tabs.setCurrentIndex(i)
        assert not card.is_empty(), card.name
        assert card.body.isVisible() and not card.empty_label.isVisible(), card.name
    assert view.week_chart.category_minutes() == {"advocacy": 30}

    # another empty week names its own number
    window.show_week(Week(2026, 44))
    assert view.week_chart.is_empty() and view.how_chart.is_empty()
    assert "44" in view.week_chart.empty_label.text()
    assert "44" in view.how_chart.empty_label.text()
    assert not view.trend_chart.is_empty()  # week 48's entry is among the trend's weeks


# ------------------------------------------------------------------ trend

SPREAD = [  # (day, minutes, category) over weeks 45–48 of 2026
    (date(2026, 11, 2), 60, "advocacy"),  # W45
    (date(2026, 11, 3), 30, "administration"),  # W45
    (date(2026, 11, 11), 90, "experiential_sharing"),  # W46
    (date(2026, 11, 12), 45, "legitimizing_role"),  # W46
    (date(2026, 11, 13), 15, "team_communication"),  # W46
    (date(2026, 11, 17), 200, "group_facilitation"),  # W47
    (date(2026, 11, 24), 40, "advocacy"),  # W48
    (date(2026, 11, 25), 20, "supervision_training"),  # W48
]


@pytest.fixture
def spread(window):
    for day, minutes, category in SPREAD:
        add(window, day, minutes, category)
    window.refresh()
    return window


def expected_trend(window, weeks):
    out = [{k: 0 for k in window.taxonomy.work_types} for _ in weeks]
    for day, minutes, category in SPREAD:
        w = Week.of(day)
        if w in weeks:
            out[weeks.index(w)][window.taxonomy.work_type_of(category)] += minutes
    return out


def test_trend_columns_are_the_weekly_sums_by_work_type(spread):
    window = spread
    trend = window.week_view.trend_chart
    assert len(trend.weeks) == 12 and trend.weeks[-1] == W48
    drawn = trend.week_minutes()
    assert drawn == expected_trend(window, trend.weeks)
    assert drawn[trend.weeks.index(Week(2026, 46))] == {"direct": 90, "indirect": 15, "role": 45}
    # the same as the store's sums, week by week
    for week, minutes in zip(trend.weeks, drawn, strict=True):
        _, by_wt, total = store_sums(window, week)
        assert {k: v for k, v in minutes.items() if v} == by_wt
        assert sum(minutes.values()) == total
    # a week over 2 hours: hours on the axis
    (axis,) = trend.chart.axes(Qt.Vertical)
    assert axis.titleText() == "Hours"
    assert [b.property("work_type") for b in trend.series.barSets()] == list(window.taxonomy.work_types)
    for bar in trend.series.barSets():
        assert bar.color().name() == palette.work_type_colour(window.taxonomy, bar.property("work_type")).name()


def test_the_trend_and_how_cards_are_made_when_their_tab_is_first_shown(qtbot, spread):
    window = spread
    view = window.week_view
    tabs = view.chart_tabs
    assert view._trend_chart is None and view._how_chart is None  # the week is shown without them
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["This week", "Trend", "How"]
    assert view.current_chart() is view.week_chart  # what File ▸ Export chart saves: the others stay unmade
    assert view._trend_chart is None and view._how_chart is None

    window.show_week(Week(2026, 47))  # weeks shown before the tab: the card takes the last one
    qtbot.keyClick(tabs.tabBar(), Qt.Key_Right)  # the keyboard's way to the next tab
    assert tabs.currentIndex() == 1
    trend = view._trend_chart
    assert trend is not None and tabs.currentWidget() is trend and trend.view.isVisible()
    assert trend.selected == Week(2026, 47) and trend.weeks[-1] == W48
    assert trend.week_minutes() == expected_trend(window, trend.weeks)
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["This week", "Trend", "How"]
    assert view._how_chart is None

    window.show_week(W48)  # once made, it follows every week shown
    assert trend.selected == W48

    tabs.setCurrentIndex(2)
    how = view._how_chart
    assert how is not None and tabs.currentWidget() is how and how.mode_chart.series()
    by_mode = {m: 0 for m in MODES}
    for row in window.store.mode_format_totals(W48.start, W48.end):
        by_mode[row.mode] += row.minutes
    assert how.mode_minutes() == by_mode and sum(by_mode.values()) > 0


def test_trend_highlights_the_selected_week_and_follows_adds(spread):
    window = spread
    trend = window.week_view.trend_chart
    assert trend.selected_index() == trend.weeks.index(window.week) == 11
    for bar in trend.series.barSets():
        assert bar.selectedBars() == [11]

    window.show_week(Week(2026, 46))
    assert trend.weeks[-1] == W48  # the trend does not shift while its weeks hold the selection
    assert trend.selected_index() == trend.weeks.index(Week(2026, 46)) == 9

    window.form.set_values({"date": date(2026, 11, 10), "category": "advocacy", "minutes": "25"})
    window.save_new_entry()
    assert trend.week_minutes()[9]["direct"] == 115
    assert trend.selected_index() == 9


@pytest.mark.parametrize("count", [4, 26, 52, 12])
def test_the_weeks_combo_sets_how_many_weeks_the_trend_shows(spread, count):
    window = spread
    trend = window.week_view.trend_chart
    trend.weeks_combo.setCurrentIndex(trend.weeks_combo.findData(count))
    assert len(trend.weeks) == count
    assert trend.weeks[-1] == W48
    assert trend.weeks == [W48.shift(i - count + 1) for i in range(count)]
    assert trend.week_minutes() == expected_trend(window, trend.weeks)
    assert trend.selected_index() == count - 1
    assert trend.series.barSets()[0].count() == count


def test_clicking_a_column_jumps_to_its_week(spread):
    window = spread
    view = window.week_view
    trend = view.trend_chart
    i = trend.weeks.index(Week(2026, 46))
    trend.series.clicked.emit(i, trend.series.barSets()[0])
    assert window.week == Week(2026, 46)
    assert view.week_label.text().startswith("Week 46 · 9–15 Nov 2026")
    assert view.model.rowCount() == 3
    assert {view.model.entry(r).date for r in range(3)} <= set(Week(2026, 46).days())
    assert view.totals.week_total.text() == "2h 30m"
    assert view.week_chart.category_minutes() == {
        "experiential_sharing": 90,
        "legitimizing_role": 45,
        "team_communication": 15,
    }
    assert trend.selected_index() == i  # same columns, the clicked one highlighted

    # an index outside the columns changes nothing
    trend.series.clicked.emit(len(trend.weeks), trend.series.barSets()[0])
    assert window.week == Week(2026, 46)


def column_point(trend, index):
    """Where column *index* is drawn, in the chart view's viewport coordinates."""
    total = sum(b.at(index) for b in trend.series.barSets())
    assert total > 0
    in_chart = trend.chart.mapToPosition(QPointF(index, total / 2), trend.series)
    return trend.view.mapFromScene(trend.chart.mapToScene(in_chart))


def test_a_mouse_click_on_a_column_jumps_to_its_week(qtbot, spread):
    window = spread
    view = window.week_view
    trend = view.trend_chart
    view.chart_tabs.setCurrentWidget(trend)
    assert trend.view.isVisible()
    i = trend.weeks.index(Week(2026, 47))
    point = column_point(trend, i)
    assert trend.view.viewport().rect().contains(point)
    qtbot.mouseClick(trend.view.viewport(), Qt.LeftButton, pos=point)
    assert window.week == Week(2026, 47)
    assert view.week_label.text().startswith("Week 47")
    assert view.week_chart.category_minutes() == {"group_facilitation": 200}

    i = trend.weeks.index(Week(2026, 45))
    qtbot.mouseClick(trend.view.viewport(), Qt.LeftButton, pos=column_point(trend, i))
    assert window.week == Week(2026, 45)
    assert trend.selected_index() == i


def test_contracted_hours_draw_a_guide_line(spread, workspace):
    window = spread
    trend = window.week_view.trend_chart
    assert trend.guide is None
    workspace.settings.set("contracted_hours", 7.5)
    window.refresh()
    assert trend.guide is not None
    assert trend.guide in trend.chart.series()
    (axis,) = trend.chart.axes(Qt.Vertical)
    assert axis.titleText() == "Hours"
    assert axis.max() >= 7.5
    points = trend.guide.points()
    assert [p.y() for p in points] == [7.5, 7.5]
    assert points[0].x() <= 0 and points[-1].x() >= len(trend.weeks) - 1
    assert "7.5" in trend.guide.name()
    assert trend.week_minutes() == expected_trend(window, trend.weeks)  # the guide is not a week

    # the guide also survives a change of the weeks shown
    trend.set_weeks_count(4)
    assert trend.guide is not None and trend.guide.points()[-1].x() >= 3

    workspace.settings.set("contracted_hours", 0)
    window.refresh()
    assert trend.guide is None
    assert all(s is trend.series for s in trend.chart.series())


def test_a_short_contract_keeps_minutes_and_puts_the_guide_at_its_level(window, workspace):
    add(window, date(2026, 11, 24), 40, "advocacy")
    workspace.settings.set("contracted_hours", 1.5)  # 90 minutes: still a minutes axis
    window.refresh()
    trend = window.week_view.trend_chart
    (axis,) = trend.chart.axes(Qt.Vertical)
    assert axis.titleText() == "Minutes"
    assert [p.y() for p in trend.guide.points()] == [90.0, 90.0]
    assert axis.max() >= 90


# ------------------------------------------------------------------ how


def test_how_chart_shows_minutes_by_mode_and_format_with_people_reached(qtbot, window, dialogs):
    how = window.week_view.how_chart
    add(window, date(2026, 11, 23), 60, "advocacy", mode="in_person", people=2)
    add(window, date(2026, 11, 23), 30, "advocacy", mode="phone", people=1)
    add(window, date(2026, 11, 24), 90, "group_facilitation", mode="in_person", fmt="group", people=8)
    add(window, date(2026, 11, 25), 20, "administration", mode="text")
    window.refresh()

    def expected():
        modes = {m: [0, 0] for m in MODES}
        formats = {f: [0, 0] for f in FORMATS}
        for row in window.store.mode_format_totals(W48.start, W48.end):
            modes[row.mode][0] += row.minutes
            modes[row.mode][1] += row.people
            formats[row.format][0] += row.minutes
            formats[row.format][1] += row.people
        return modes, formats

    def check():
        modes, formats = expected()
        assert how.mode_minutes() == {m: v[0] for m, v in modes.items()}
        assert how.format_minutes() == {f: v[0] for f, v in formats.items()}
        (mode_axis,) = how.mode_chart.axes(Qt.Vertical)
        (format_axis,) = how.format_chart.axes(Qt.Vertical)
        def reached(n):
            return "1 person" if n == 1 else f"{n} people"

        for m, (_minutes, people) in modes.items():
            assert f"{MODES[m]} · {reached(people)}" in mode_axis.categories()
        for f, (_minutes, people) in formats.items():
            assert f"{FORMATS[f]} · {reached(people)}" in format_axis.categories()
        return modes, formats

    modes, formats = check()
    assert how.mode_minutes() == {"in_person": 150, "phone": 30, "text": 20, "video": 0, "other": 0}
    assert how.format_minutes() == {"individual": 110, "group": 90}
    assert modes["in_person"][1] == 10 and formats["group"][1] == 8
    (mode_axis,) = how.mode_chart.axes(Qt.Vertical)
    assert "In person · 10 people" in mode_axis.categories()
    assert "Group · 8 people" in how.format_chart.axes(Qt.Vertical)[0].categories()
    assert "48" in how.mode_chart.title()

    # delete the group session, then undo
    group = next(e for e in window.store.list_week(W48) if e.format == "group")
    window.week_view.table.setFocus()
    window.week_view.table.selectRow(window.week_view.model.row_of(group.id))
    qtbot.keyClick(window.week_view.table, Qt.Key_Delete)
    check()
    assert how.format_minutes()["group"] == 0
    assert how.mode_minutes()["in_person"] == 60
    qtbot.keyClick(window.week_view.table, Qt.Key_Z, Qt.ControlModifier)
    check()
    assert how.format_minutes()["group"] == 90


def test_the_how_labels_fit_beside_their_bars_at_the_window_size(qapp, window):
    add(window, date(2026, 11, 23), 30, "advocacy", mode="phone", people=145)
    add(window, date(2026, 11, 24), 90, "group_facilitation", mode="in_person", fmt="group", people=104)
    window.refresh()
    view = window.week_view
    view.chart_tabs.setCurrentWidget(view.how_chart)
    qapp.sendPostedEvents()  # the charts laid out at the window's size
    for chart in (view.how_chart.mode_chart, view.how_chart.format_chart):
        (axis,) = chart.axes(Qt.Vertical)
        longest = max(axis.categories(), key=len)
        assert "people" in longest
        width = QFontMetricsF(axis.labelsFont()).horizontalAdvance(longest)
        # the labels sit between the chart's left edge and its plot area: all of the text fits there
        assert chart.plotArea().left() - chart.margins().left() >= width, (longest, chart.plotArea())


# ------------------------------------------------------------------ PNG export


def assert_png_of(card, path):
    assert path.is_file() and path.stat().st_size > 0
    image = QImage(str(path))
    assert not image.isNull()
    dpr = card.devicePixelRatioF()
    assert (image.width(), image.height()) == (round(card.width() * dpr), round(card.height() * dpr))
    assert image.width() >= 300 and image.height() >= 200
    return image


def test_save_a_chart_from_its_context_menu_action(window, dialogs, save_to, spread):
    view = window.week_view
    card = view.week_chart
    card.save_action.trigger()
    path = save_to / "chart.png"
    image = assert_png_of(card, path)
    assert distinct_colours(image) > 50
    assert dialogs.save_asks[-1][1].endswith("peerdesk_week_2026-W48.png")
    assert "PNG" in dialogs.save_asks[-1][2]
    assert str(path) in window.statusBar().currentMessage()
    assert dialogs.errors == []

    # the How card, from its own action, to a name typed without ".png"
    dialogs.save_answer = str(save_to / "how")
    view.chart_tabs.setCurrentWidget(view.how_chart)
    view.how_chart.save_action.trigger()
    image = assert_png_of(view.how_chart, save_to / "how.png")
    assert distinct_colours(image) > 50
    assert dialogs.save_asks[-1][1].endswith("peerdesk_how_2026-W48.png")


def test_the_context_menu_offers_the_save_action(window):
    card = window.week_view.week_chart
    assert card.save_action.text() == "Save chart as PNG…"
    assert card.save_action.isEnabled()
    for chart_card in window.week_view.charts:
        assert chart_card.save_action.parent() is chart_card


def test_file_export_chart_saves_the_chart_on_the_current_tab(window, dialogs, save_to, spread):
    view = window.week_view
    view.chart_tabs.setCurrentWidget(view.trend_chart)
    dialogs.save_answer = str(save_to / "trend.png")
    window.export_chart_action.trigger()
    image = assert_png_of(view.trend_chart, save_to / "trend.png")
    assert distinct_colours(image) > 50
    assert dialogs.save_asks[-1][1].endswith("peerdesk_trend_2026-W48.png")
    # the weeks box above the trend is left out of the image, and back in place after it
    trend = view.trend_chart
    assert trend.stack.geometry().top() > trend.weeks_combo.geometry().bottom()
    assert trend.weeks_combo.isVisible()
    # not blank: the columns' own colours are in the image
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)}
    assert palette.work_type_colour(window.taxonomy, "direct").name() in colours

    view.chart_tabs.setCurrentWidget(view.week_chart)
    dialogs.save_answer = str(save_to / "week.png")
    window.export_chart_action.trigger()
    image = assert_png_of(view.week_chart, save_to / "week.png")
    assert distinct_colours(image) > 50
    assert sorted(p.name for p in save_to.iterdir()) == ["trend.png", "week.png"]


def test_an_empty_chart_saves_its_empty_state(window, dialogs, save_to):
    card = window.week_view.week_chart
    assert card.is_empty()
    card.save_action.trigger()
    image = assert_png_of(card, save_to / "chart.png")
    assert distinct_colours(image, step=1) > 2  # the message's text, not a blank rectangle


def test_cancelling_the_save_writes_nothing(window, dialogs, save_to, spread):
    dialogs.save_answer = None
    window.week_view.week_chart.save_action.trigger()
    window.export_chart_action.trigger()
    assert len(dialogs.save_asks) == 2
    assert list(save_to.iterdir()) == []
    assert dialogs.errors == []


def test_an_unwritable_path_is_reported(window, dialogs, save_to, spread):
    dialogs.save_answer = str(save_to / "no such folder" / "chart.png")
    window.export_chart_action.trigger()
    assert dialogs.errors and dialogs.errors[-1][0] == "Chart not saved"
    assert not (save_to / "no such folder").exists()


def test_an_export_taken_right_after_a_change_is_the_complete_chart(qapp, window, dialogs, save_to, spread):
    """Axes, legend and titles are laid out by Qt on the next event-loop pass; the PNG
    must not depend on whether that pass has happened yet."""
    view = window.week_view
    for i, card in enumerate(view.charts):
        view.chart_tabs.setCurrentIndex(i)
        add(window, TODAY, 5 + i, "administration")
        window.refresh()
        dialogs.save_answer = str(save_to / f"{card.name}.png")
        card.save_action.trigger()  # before any event is processed
        saved = QImage(str(save_to / f"{card.name}.png"))
        qapp.processEvents()  # not a wait: only runs what is already posted
        settled = card.render_image().convertToFormat(saved.format())
        assert saved == settled, card.name
