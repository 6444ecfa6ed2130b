"""The demo banner and View ▸ Larger text (for a trainer's projector)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from peerdesk import demo
from peerdesk.domain.weeks import Week
from peerdesk.ui.main_window import MainWindow
from peerdesk.ui.text_size import TEXT_SCALES
from peerdesk.ui.view_settings import ui_settings
from peerdesk.workspace import Workspace

from .conftest import TODAY


@pytest.fixture
def demo_workspace(tmp_path):
    folder = tmp_path / "demo"
    demo.create_demo_folder(folder, seed=3, weeks=6, today=TODAY)
    ws = Workspace(folder)
    yield ws
    ws.close()


@pytest.fixture
def demo_window(demo_workspace, open_main_window):
    return open_main_window(demo_workspace)


def form_label(window: MainWindow, buddy) -> QLabel:
    """The form's label for a field, found by its buddy (the widget its shortcut focuses)."""
    labels = [lab for lab in window.form.findChildren(QLabel) if lab.buddy() is buddy]
    assert len(labels) == 1
    return labels[0]


def size(widget) -> float:
    return widget.font().pointSizeF()


# ------------------------------------------------------------------ banner


def test_a_demo_folder_shows_the_banner_over_its_sample_week(demo_window):
    assert demo_window.area.demo_banner.isVisible()
    assert "Demo — sample data" in demo_window.area.demo_banner.text()
    assert demo_window.worker() == "Demo worker"
    assert demo_window.week == Week.of(TODAY)
    # the sample week is there, not an empty window
    assert demo_window.week_view.model.rowCount() > 0


def test_a_normal_data_folder_has_no_banner(window):
    assert not window.area.demo_banner.isVisible()
    assert window.area.demo_banner.isHidden()


# ------------------------------------------------------------------ larger text


def test_larger_text_scales_the_whole_window_and_is_remembered(demo_window, demo_workspace, open_main_window):
    win = demo_window
    assert win.text_scale == 1.0
    app_before = QApplication.font().pointSizeF()
    date_label = form_label(win, win.form.date_edit)
    label_before = size(date_label)
    banner_before = size(win.area.demo_banner)
    week_before = size(win.week_view.week_label)
    assert label_before == pytest.approx(app_before)

    win.larger_action.trigger()
    win.larger_action.trigger()
    QApplication.processEvents()  # the font change reaches widgets through posted events

    assert win.text_scale == TEXT_SCALES[TEXT_SCALES.index(1.0) + 2]
    factor = win.text_scale
    assert factor > 1.0
    assert QApplication.font().pointSizeF() == pytest.approx(app_before * factor, rel=0.02)
    assert size(date_label) == pytest.approx(label_before * factor, rel=0.02)
    assert size(win.area.demo_banner) == pytest.approx(banner_before * factor, rel=0.02)
    assert win.area.demo_banner.font().bold()
    assert size(win.week_view.week_label) > week_before
    assert size(win.week_view.week_label) > size(date_label)  # still a title
    assert "Text size" in win.statusBar().currentMessage()

    # A new window (the next start) opens at the same size.
    again = open_main_window(demo_workspace)
    assert again.text_scale == factor
    assert QApplication.font().pointSizeF() == pytest.approx(app_before * factor, rel=0.02)
    assert ui_settings().value("view/text_scale", type=float) == pytest.approx(factor)

    win.smaller_action.trigger()
    assert win.text_scale == TEXT_SCALES[TEXT_SCALES.index(1.0) + 1]
    assert QApplication.font().pointSizeF() == pytest.approx(app_before * win.text_scale, rel=0.02)

    win.normal_text_action.trigger()
    assert win.text_scale == 1.0
    assert QApplication.font().pointSizeF() == pytest.approx(app_before)
    assert ui_settings().value("view/text_scale", type=float) == pytest.approx(1.0)


def test_text_size_stops_at_the_largest_and_smallest_steps(window):
    for _ in range(len(TEXT_SCALES) + 2):
        window.larger_action.trigger()
    assert window.text_scale == TEXT_SCALES[-1]
    for _ in range(len(TEXT_SCALES) + 2):
        window.smaller_action.trigger()
    assert window.text_scale == TEXT_SCALES[0]


def test_a_text_size_the_window_does_not_offer_is_brought_into_range(workspace, open_main_window):
    ui_settings().setValue("view/text_scale", 9.0)
    win = open_main_window(workspace)
    assert win.text_scale == TEXT_SCALES[-1]


def assert_form_fits_and_no_label_is_cut(win: MainWindow) -> None:
    """Every visible label of the form has the room its text asks for.

    The form sits in a scroll area, which is there for small screens. In a
    1600×1000 window there is room for the whole form, and the window widens
    the form's pane to the form's size hint whenever the text size changes, so
    the honest check is the strict one: the form fits its pane (no sideways
    scrolling) and each label is as wide as its text. A word-wrapped label
    (the category hint, error messages) wraps instead of widening: for it the
    height must hold the wrapped text.
    """
    scroll = win.area.form_scroll
    assert scroll.viewport().width() >= win.area.form_box.minimumSizeHint().width(), "the form is cut at the side"
    assert scroll.horizontalScrollBar().maximum() == 0
    labels = [lab for lab in win.form.findChildren(QLabel) if lab.isVisible() and lab.text()]
    assert len(labels) >= 11  # the field labels at least
    for lab in labels:
        if lab.wordWrap():
            assert lab.heightForWidth(lab.width()) <= lab.height() + 1, f"{lab.text()!r} is cut off"
        else:
            assert lab.sizeHint().width() <= lab.width() + 1, f"{lab.text()!r} is cut off"


def test_no_form_label_is_cut_off_at_the_largest_text(demo_window):
    win = demo_window
    win.resize(1600, 1000)
    while win.text_scale < TEXT_SCALES[-1]:  # one step at a time, as with Ctrl+=
        win.larger_action.trigger()
        QApplication.processEvents()
    assert win.text_scale == TEXT_SCALES[-1]
    assert form_label(win, win.form.date_edit).font().pointSizeF() == pytest.approx(
        QApplication.font().pointSizeF()
    )
    assert_form_fits_and_no_label_is_cut(win)


def test_a_window_that_starts_at_a_large_text_size_fits_its_form(demo_workspace, open_main_window):
    ui_settings().setValue("view/text_scale", TEXT_SCALES[-1])
    win = open_main_window(demo_workspace)
    win.resize(1600, 1000)
    QApplication.processEvents()
    assert win.text_scale == TEXT_SCALES[-1]
    assert_form_fits_and_no_label_is_cut(win)
