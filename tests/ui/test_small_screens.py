"""The window on a ward PC's screen (1366×768 here, tests/offscreen_screen.json) at every text
size: the form's buttons always in sight, the form and the week side by side, each scrolling in
its own pane; the week's table scrolls sideways inside itself, its totals and its title take more
lines, rather than the window growing past the screen or scrolling."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from peerdesk.domain.entry import validate

from .test_fit_every_screen import assert_how_bars_named, assert_legend_whole, assert_on_screen
from .test_visible_focus import activate


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def in_sight(widget: QWidget) -> bool:
    """Wholly drawn on the screen: no part of it scrolled away or covered by its pane's edge."""
    return widget.isVisible() and widget.visibleRegion().boundingRect().size() == widget.size()


@pytest.fixture
def logged(window):
    """The window with a week of entries: every column and total has text."""
    for day, minutes, category in (("2026-11-23", 90, "advocacy"), ("2026-11-24", 45, "administration"),
                                   ("2026-11-25", 615, "group_facilitation")):
        window.store.add(validate({"worker": "PW-07", "date": day, "minutes": str(minutes), "category": category,
                                   "client_ref": "C-104", "note": "Housing office call about the tenancy"},
                                  window.taxonomy, today=window.today()))
    window.refresh()
    settle()
    return window


@pytest.mark.parametrize("scale", [1.0, 1.3, 1.5, 2.0])
def test_save_and_the_weeks_buttons_are_in_sight_at_every_text_size(logged, scale):
    window = logged
    window.apply_text_scale(scale)
    settle()
    assert_on_screen(window)
    form, view = window.form, window.week_view
    assert in_sight(form.save_button) and in_sight(form.clear_button)
    assert window.centralWidget() is window.area  # the window itself has no scroll bars
    if scale <= 1.5:  # the form and the whole width of the week side by side
        assert not window.area.week_scroll.horizontalScrollBar().isVisible()
        assert all(in_sight(b) for b in (view.prev_button, view.this_button, view.next_button))
    if scale > 1.0:  # the fields are taller than the pane: they scroll, their buttons stay
        assert window.area.form_scroll.verticalScrollBar().maximum() > 0
        activate(window)
        form.note_edit.setFocus()
        settle()
        note = form.note_edit  # the line being typed is brought into sight (Qt's own rule for a text box)
        assert note.viewport().visibleRegion().contains(note.cursorRect()) and in_sight(form.save_button)


def test_tab_goes_from_the_note_to_save_and_clear(qtbot, window):
    form = window.form
    activate(window)
    form.note_edit.setFocus()
    order = []
    for _ in range(2):
        window.focusNextChild()
        order.append(QApplication.focusWidget())
    assert order == [form.save_button, form.clear_button]


def test_a_placed_form_says_it_changed_once_an_edit(qtbot, window):
    """Placing the buttons outside the form orders Tab again, and nothing more: each field's edit
    still says "changed" (which starts the draft's save) once, not once more per placing."""
    form = window.form
    said = []
    form.changed.connect(lambda: said.append(1))
    form.minutes_edit.setText("45")
    form.note_edit.setPlainText("Housing office call")
    assert len(said) == 2


def test_the_days_totals_take_two_bands_where_one_row_does_not_fit(logged):
    window = logged
    totals = window.week_view.totals
    names = [*totals.day_labels, totals.week_total]

    def rows() -> int:
        return len({label.y() for label in totals.day_labels})

    assert rows() == 1
    window.apply_text_scale(2.0)
    settle()
    assert rows() == 2
    first, fifth = totals.day_labels[0], totals.day_labels[4]
    assert fifth.y() > first.y() and abs(fifth.geometry().center().x() - first.geometry().center().x()) <= 1
    for label in [*names, *totals.day_values]:  # nothing cut
        assert label.width() >= label.sizeHint().width(), label.text()
    assert in_sight(totals.week_total) or window.area.week_scroll.verticalScrollBar().maximum() > 0
    window.apply_text_scale(1.0)
    settle()
    assert rows() == 1


def test_the_weeks_buttons_go_under_its_title_where_both_do_not_fit(logged):
    window = logged
    view = window.week_view
    title, previous = view.week_label, view.prev_button

    def beside() -> bool:
        return title.geometry().top() <= previous.mapTo(view, previous.rect().center()).y() <= title.geometry().bottom()

    assert beside()
    window.apply_text_scale(2.0)
    settle()
    assert not beside() and previous.mapTo(view, previous.rect().topLeft()).y() >= title.geometry().bottom()
    assert title.height() <= title.fontMetrics().lineSpacing() * 2 + 4  # two lines at most, not one word a line
    window.apply_text_scale(1.0)
    settle()
    assert beside()


@pytest.mark.parametrize("scale", [1.0, 1.3, 1.5, 2.0])
def test_the_donuts_legend_shows_each_work_type_and_its_share_whole(logged, scale):
    """Qt shortens a legend label it has no room for ("Indirect 40%" became "Indir…" beside the
    donut at 130 and 150 %): the labels go on two lines, the name over its share, where one does
    not fit, and the room Qt gives the legend holds each of them, up to 150 %."""
    window = logged
    for day, minutes, category in (("2026-11-23", 600, "administration"), ("2026-11-24", 75, "legitimizing_role")):
        window.store.add(validate({"worker": "PW-07", "date": day, "minutes": str(minutes), "category": category},
                                  window.taxonomy, today=window.today()))
    window.refresh()
    window.apply_text_scale(scale)
    settle()
    card = window.week_view.week_chart
    labels = [piece.label() for piece in card.pie_series.slices()]
    assert [label.replace("<br>", " ") for label in labels] == ["Direct 49%", "Indirect 45%", "Role 5%"]
    if scale == 2.0:  # the donut is too small for any legend to hold them: the totals above it say each
        split = window.week_view.totals.split_label
        assert in_sight(split) and all(part in split.text().replace("\N{NO-BREAK SPACE}", " ")
                                       for part in ("Direct: ", "(49%)", "Indirect: ", "(45%)", "Role: ", "(5%)"))
        return
    assert_legend_whole(card)


@pytest.mark.parametrize("scale", [1.0, 1.3, 1.5, 2.0])
def test_the_how_tabs_bars_each_keep_their_label(logged, scale):
    """Qt shortens a bar's label taller than the bar's share of its axis to "…" (every other mode
    at 150 %): where the card is lower than the labels need, its two charts scroll inside it."""
    window = logged
    window.apply_text_scale(scale)
    view = window.week_view
    view.chart_tabs.setCurrentIndex(2)
    settle()
    how = view.how_chart
    assert_how_bars_named(how)
    assert window.centralWidget() is window.area and in_sight(window.form.save_button)
    scrolls = how.charts_scroll.verticalScrollBar().maximum() > 0
    assert scrolls == (scale == 2.0)  # the card on a 1366×768 screen is lower than its charts at 200 %
    if scrolls:  # the PNG has them whole
        image = how.render_image()
        assert image.height() >= how.mode_view.minimumHeight() > how.charts_scroll.viewport().height()
