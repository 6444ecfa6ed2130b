"""Every window and dialog fits a ward PC's screen at every text size: what does not fit
scrolls inside it, nothing is clipped (1366×768 here; the matrix script adds 1280×720)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from peerdesk.domain.entry import entry_to_raw, validate
from peerdesk.ui import text_size
from peerdesk.ui.entry_editing import EntryDialog
from peerdesk.ui.fitting import FRAME_GUESS, frame_of
from peerdesk.ui.review_window import ReviewWindow

MATRIX = Path(__file__).resolve().parents[2] / "docs" / "screen_matrix.py"


def assert_on_screen(window) -> None:
    room = window.screen().availableGeometry()
    outer = window.size() + frame_of(window)
    assert outer.width() <= room.width() and outer.height() <= room.height(), (
        f"{window.windowTitle()}: {outer.width()}×{outer.height()} with its frame, "
        f"the screen has {room.width()}×{room.height()}"
    )
    assert window.frameGeometry().top() >= room.top() and window.frameGeometry().left() >= room.left()


def assert_legend_whole(card) -> None:
    """The room Qt gives the donut's legend holds each label (Qt shortens one it has no room for)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFontMetrics

    legend = card.split_chart.legend()
    legend.layout().activate()
    metrics = QFontMetrics(legend.font())
    widths = [max(map(metrics.horizontalAdvance, piece.label().split("<br>"))) + metrics.height() * 2
              for piece in card.pie_series.slices()]  # a label's lines; the colour square and its gaps
    room = legend.geometry().width()
    if legend.alignment() == Qt.AlignBottom:  # side by side under the donut
        assert sum(widths) <= room, (widths, room)
    else:  # one under another beside it
        assert max(widths) <= room, (widths, room)


def assert_how_bars_named(how) -> None:
    """The How card's charts give each bar room for its label: Qt shortens a label taller than its
    bar's share of the axis to "…"."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFontMetrics

    for chart in (how.mode_chart, how.format_chart):
        (axis,) = chart.axes(Qt.Vertical)
        rows = len(axis.categories())
        # a label's box is its line and the text item's margin of 4 px above and below (measured:
        # rows of 24 px dropped 19 px labels at 130 %)
        label = QFontMetrics(axis.labelsFont()).height() + 8
        assert rows and chart.plotArea().height() / rows >= label, (chart.title(), chart.plotArea().height(), label)


@pytest.mark.parametrize("scale", [1.0, 1.3, 1.5, 2.0])
def test_the_review_window_fits_and_scrolls(qtbot, team_exports, dialogs, scale):
    text_size.apply_scale(scale)
    review = ReviewWindow(taxonomy=team_exports.taxonomy, paths=team_exports.entry_paths, dialogs=dialogs)
    qtbot.addWidget(review)
    review.show()
    QApplication.processEvents()
    assert_on_screen(review)
    # on a ward PC's 1366×768 it takes the whole free area, as the main window does: a window a
    # little narrower would only give up room its filters and tables need at larger text
    # (less only the frame guessed before the window manager framed it)
    room, outer = review.screen().availableGeometry(), review.size() + frame_of(review)
    assert 0 <= room.width() - outer.width() <= FRAME_GUESS.width()
    assert 0 <= room.height() - outer.height() <= FRAME_GUESS.height()
    content = review.centralWidget().widget()
    if scale == 2.0:  # more than the screen holds: the content scrolls, at its full size
        assert content.width() >= content.minimumSizeHint().width()
    else:  # the filters take a second row rather than the window scrolling sideways
        assert review.centralWidget().horizontalScrollBar().maximum() == 0
        assert_legend_whole(review.week_chart)  # beside the team table the donut is narrow
        # the How tab's two charts: one above the other where it is tall enough, else side by side
        review.chart_tabs.setCurrentWidget(review.how_chart)
        for _ in range(3):
            QApplication.processEvents()
        assert_how_bars_named(review.how_chart)
        assert review.centralWidget().verticalScrollBar().maximum() == 0
        review.chart_tabs.setCurrentIndex(0)
        combos = (review.worker_combo, review.category_combo)
        assert all(c.visibleRegion().boundingRect().size() == c.size() for c in combos)
    if scale <= 1.5:  # nor up and down (a wrapped note's height once made it; the How tab's two charts too)
        assert review.centralWidget().verticalScrollBar().maximum() == 0


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_edit_dialog_fits_and_its_form_scrolls(qtbot, window, scale):
    entry = window.store.add(validate({"worker": "PW-07", "date": "2026-11-24", "minutes": "45",
                                       "category": "advocacy", "note": "Housing office call"},
                                      window.taxonomy, today=window.today()))
    window.apply_text_scale(scale)
    dialog = EntryDialog(window.taxonomy, window)
    qtbot.addWidget(dialog)
    dialog.form.set_values(entry_to_raw(entry, window.taxonomy))
    dialog.show()
    QApplication.processEvents()
    assert_on_screen(dialog)
    bar = dialog.scroller.verticalScrollBar()
    save = dialog.form.save_button  # beside Cancel, below the fields: in sight however they scroll
    assert save.visibleRegion().boundingRect().size() == save.size()
    if scale == 2.0:
        assert bar.maximum() > 0  # the form is taller than the screen: it scrolls
    else:
        assert bar.maximum() == 0  # at the normal size the whole form shows
        assert dialog.form.note_edit.visibleRegion().boundingRect().height() == dialog.form.note_edit.height()


def test_the_screen_matrix_finds_nothing_cut_off(tmp_path):
    """The script that renders every window and dialog on both screens (docs/screen_matrix.py),
    for the smaller screen at the normal, the largest and the largest text that must not scroll
    sideways, and the larger at 1.5."""
    for screens, scales, language in (("1280x720", "1.0,1.5,2.0", "en"), ("1366x768", "1.5", "en"),
                                      ("1280x720", "1.0,2.0", "fr")):  # French text is longer
        done = subprocess.run(
            [sys.executable, str(MATRIX), str(tmp_path), "--screens", screens, "--scales", scales, "--lang", language],
            capture_output=True, text=True, timeout=300, check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    shots = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.png"))
    assert "1280x720/2.0/export-with-notes.png" in shots and "1366x768/1.5/review-how.png" in shots
    assert "fr/1280x720/2.0/report-with-notes.png" in shots
    assert len(shots) == 6 * 14  # 13 windows and dialogs, and the review's How tab
