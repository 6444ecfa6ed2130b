"""Each chart has a text alternative a screen reader and the keyboard reach: its values as the
chart's accessible description, told again when the week changes, and "Show as table", which
puts the same numbers in a table and back; chart colours follow a high-contrast theme."""

from __future__ import annotations

import warnings
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from peerdesk.domain.entry import format_minutes, validate
from peerdesk.ui import style

from .accessibility import description_of, name_of

TODAY = date(2026, 11, 25)


def add(window, day: str, minutes: int, category: str, **more) -> None:
    values = {"worker": "PW-07", "date": day, "minutes": str(minutes), "category": category, **more}
    window.store.add(validate(values, window.taxonomy, today=TODAY))


@pytest.fixture
def filled(window):
    add(window, "2026-11-23", 90, "advocacy", mode="phone", people="2")
    add(window, "2026-11-24", 30, "administration")
    add(window, "2026-11-25", 45, "experiential_sharing", mode="video")
    window.refresh()
    return window


def activate(window) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(window)


def test_the_weeks_chart_tells_the_minutes_the_totals_show(filled):
    view = filled.week_view
    chart, totals, tax = view.week_chart, view.totals, filled.taxonomy
    drawn = chart.category_minutes()
    assert drawn == {"advocacy": 90, "administration": 30, "experiential_sharing": 45}
    told = description_of(chart.bars_view)  # read as a screen reader reads it
    assert told == "Advocacy 1h 30m, Experiential sharing 45m, Administration 30m".replace(
        "Advocacy", tax.category_label("advocacy")).replace(
        "Experiential sharing", tax.category_label("experiential_sharing")).replace(
        "Administration", tax.category_label("administration"))
    # the week's total and the split are the totals panel's, in the split's text alternative
    assert totals.week_total.text() == format_minutes(sum(drawn.values()))
    split = description_of(chart.split_view)
    shown = totals.split_label.text().replace("\N{NO-BREAK SPACE}", " ")  # it wraps only between its parts
    for work_type, minutes in chart.split_minutes().items():
        assert format_minutes(minutes) in split and format_minutes(minutes) in shown, work_type
    assert "Direct 2h 15m (82%)" in split and "Indirect 30m (18%)" in split
    # each day's total is in the chart's numbers too
    days = [totals.day_values[i].text() for i in range(3)]
    assert days == ["1h 30m", "30m", "45m"]
    assert name_of(chart.bars_view) == "Time by category"
    # the whole card's values ride on its "Show as table" button, which the keyboard reaches
    assert told in description_of(chart.table_button) and split in description_of(chart.table_button)


def test_the_text_alternative_follows_the_week(filled):
    chart = filled.week_view.week_chart
    add(filled, "2026-11-26", 60, "advocacy")
    filled.refresh()
    assert description_of(chart.bars_view).startswith(f"{filled.taxonomy.category_label('advocacy')} 2h 30m")
    filled.week_view.previous_requested.emit()  # week 47: nothing logged
    assert chart.is_empty()
    assert description_of(chart.bars_view) == chart.empty_label.text().replace("\n", " ")
    assert "47" in description_of(chart.table_button)


def test_show_as_table_with_the_keyboard_and_back(qtbot, filled):
    view = filled.week_view
    chart = view.week_chart
    activate(filled)
    view.chart_tabs.tabBar().setFocus(Qt.TabFocusReason)
    qtbot.keyClick(view.chart_tabs.tabBar(), Qt.Key_Tab)  # the tab bar, then the chart's toggle
    assert QApplication.focusWidget() is chart.table_button
    assert name_of(chart.table_button) == "Show as table"
    qtbot.keyClick(chart.table_button, Qt.Key_Space)
    assert chart.table_button.isChecked() and chart.table_action.isChecked()
    assert chart.table.isVisible() and not chart.bars_view.isVisible()
    with_focus = chart.table_button.grab().toImage()

    table = chart.table
    assert chart.table_headers() == ["Category", "Work type", "Time", "Share of the week"]
    rows = {table.item(r, 0).text(): table.item(r, 2).data(Qt.UserRole) for r in range(table.rowCount())}
    label = filled.taxonomy.category_label
    drawn = chart.category_minutes()
    assert {k: rows[label(k)] for k in drawn} == drawn  # the chart's own numbers
    assert rows["Week total"] == sum(drawn.values())
    assert rows["All Direct work"] == chart.split_minutes()["direct"]
    assert [table.item(r, 2).text() for r in range(3)] == ["1h 30m", "45m", "30m"]
    assert name_of(table) == "Time this week as a table"

    # Tab goes on to the table, and its focus shows
    qtbot.keyClick(chart.table_button, Qt.Key_Tab)
    assert QApplication.focusWidget() is table
    assert chart.table_button.grab().toImage() != with_focus  # the toggle showed where the focus was
    focused = table.grab().toImage()
    qtbot.keyClick(table, Qt.Key_Down)
    assert table.currentIndex().row() == 1  # the arrows walk its cells
    table.clearFocus()
    assert table.grab().toImage() != focused

    # the next week's numbers come into the table shown
    add(filled, "2026-11-26", 15, "administration")
    filled.refresh()
    rows = {table.item(r, 0).text(): table.item(r, 2).data(Qt.UserRole) for r in range(table.rowCount())}
    assert rows[label("administration")] == 45

    # and back to the chart, from the keyboard
    chart.table_button.setFocus(Qt.BacktabFocusReason)
    qtbot.keyClick(chart.table_button, Qt.Key_Space)
    assert not chart.table_button.isChecked() and not chart.table_action.isChecked()
    assert chart.bars_view.isVisible() and not table.isVisible()


def test_every_card_of_the_window_has_its_table(qtbot, filled):
    view = filled.week_view
    for index in range(view.chart_tabs.count()):
        view.chart_tabs.setCurrentIndex(index)
        card = view.current_chart()
        card.table_button.click()
        assert card.table.isVisible() and card.table.rowCount(), card.name
        assert description_of(card.table_button), card.name
    trend, how = view.trend_chart, view.how_chart
    weeks = trend.week_minutes()
    table = trend.table
    assert table.rowCount() == len(weeks)
    direct = trend.table_headers().index("Direct")
    assert [table.item(r, direct).data(Qt.UserRole) for r in range(table.rowCount())] == [
        w.get("direct", 0) for w in weeks]
    assert "W48 2h 45m" in description_of(trend.view)
    modes = {how.table.item(r, 0).text(): how.table.item(r, 1).data(Qt.UserRole) for r in range(how.table.rowCount())}
    assert modes["Phone"] == how.mode_minutes()["phone"] == 90
    assert modes["Video"] == how.mode_minutes()["video"] == 45
    assert "Phone 1h 30m" in description_of(how.mode_view)
    # the context menu carries the same toggle
    assert view.week_chart.table_action.text() == "Show as table"


def test_the_review_share_chart_has_its_table(qtbot, team_exports, dialogs):
    from peerdesk.ui.review_window import ReviewWindow

    review = ReviewWindow(taxonomy=team_exports.taxonomy, paths=team_exports.entry_paths, dialogs=dialogs)
    qtbot.addWidget(review)
    review.show()
    qtbot.waitExposed(review)
    card = review.share_chart
    shares = card.shares()
    assert shares and description_of(card.view)
    card.show_table(True)
    table, headers = card.table, card.table_headers()
    for worker, by_week in shares.items():
        column = headers.index(worker)
        got = {card.weeks[r].label(): table.item(r, column).data(Qt.UserRole) for r in range(table.rowCount())
               if table.item(r, column).data(Qt.UserRole) is not None}
        assert sorted(got.values()) == sorted(by_week.values())
    for worker in shares:
        assert worker in description_of(card.view)
    for other in review.charts:  # every card of the review, through the base class
        assert other.table_button.text() == "Show as table"


def test_chart_text_and_lines_follow_a_high_contrast_theme(qtbot, filled):
    app = QApplication.instance()
    before = app.palette()
    dark = QPalette()
    for role, colour in ((QPalette.Window, "#000000"), (QPalette.WindowText, "#ffffff"), (QPalette.Base, "#000000"),
                         (QPalette.Text, "#ffff00"), (QPalette.Button, "#000000"), (QPalette.ButtonText, "#ffffff"),
                         (QPalette.PlaceholderText, "#404040"), (QPalette.Highlight, "#00ffff")):
        dark.setColor(role, QColor(colour))
    try:
        app.setPalette(dark)
        qtbot.wait(10)
        chart = filled.week_view.week_chart.bars_chart
        yellow = QColor("#ffff00")
        assert chart.backgroundBrush().color() == QColor("#000000")
        assert chart.titleBrush().color() == yellow
        assert chart.legend().labelColor() == yellow
        for axis in chart.axes():
            assert axis.labelsBrush().color() == yellow and axis.titleBrush().color() == yellow
        # text colours of their own stand out from the theme's background
        label = filled.week_view.empty_label
        style.muted(label)
        assert style.contrast(label.palette().color(QPalette.WindowText), QColor("#000000")) >= 4.5
        style.error(label)
        assert style.contrast(label.palette().color(QPalette.WindowText), QColor("#000000")) >= 4.5
    finally:
        app.setPalette(before)
