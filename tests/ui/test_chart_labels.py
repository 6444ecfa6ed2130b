"""Every category of a busy week keeps its label on the chart, at every text size, on a ward
PC's screen: Qt drops every other label of a bar axis when its rows are closer than a line of
text, so the bars take a line per row and scroll inside their card instead."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, QPointF
from PySide6.QtGui import QHelpEvent, QTextDocument
from PySide6.QtWidgets import QApplication, QToolTip

from peerdesk.domain.entry import validate
from peerdesk.ui import text_size

TODAY = date(2026, 11, 25)
TEXT_ITEM = 8  # QGraphicsTextItem::Type: Qt's axis labels (a private subclass PySide shows as a plain item)


def unlabelled_rows(chart, rows: int) -> list[int]:
    """The rows (0 at the top) with no shown text item beside them, left of the plot."""
    plot = chart.plotArea()
    pitch = plot.height() / rows
    labelled = set()
    for item in chart.scene().items():
        if item.type() != TEXT_ITEM or not item.isVisible():
            continue
        box = item.sceneBoundingRect()
        if box.right() <= plot.left() + 1 and box.width() > 0 and plot.top() <= box.center().y() <= plot.bottom():
            labelled.add(int((box.center().y() - plot.top()) / pitch))
    return [row for row in range(rows) if row not in labelled]


@pytest.fixture
def busy_week(window):
    """A week with time in every category of the role guide (17 rows)."""
    tax = window.taxonomy
    keys = [c.key for wt in tax.work_types for c in tax.categories_of(wt)]
    for i, key in enumerate(keys):
        raw = {"worker": "PW-07", "date": TODAY, "minutes": 30 + 7 * i, "category": key}
        window.store.add(validate(raw, tax, today=TODAY))
    window.refresh()
    return keys


@pytest.mark.parametrize("scale", [1.0, 1.3, 1.5, 2.0])
def test_no_category_label_is_dropped(qapp, window, busy_week, scale):
    window.apply_text_scale(scale)
    window.fit_to_screen()
    qapp.processEvents()
    card = window.week_view.week_chart
    assert unlabelled_rows(card.bars_chart, len(busy_week)) == []
    assert card.rows_fit()
    screen = window.screen().availableGeometry()
    assert window.frameGeometry().height() <= screen.height()  # the bars scroll, the window does not grow


def test_a_shortened_label_shows_its_full_name_when_pointed_at(qapp, window, busy_week):
    card = window.week_view.week_chart
    qapp.processEvents()
    plot = card.bars_chart.plotArea()
    top_row = QPointF(plot.left() - 20, plot.top() + plot.height() / len(busy_week) / 2)  # the first category
    at = card.bars_view.mapFromScene(card.bars_chart.mapToScene(top_row))
    viewport = card.bars_view.viewport()
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.ToolTip, at, viewport.mapToGlobal(at)))
    first = window.taxonomy.category_label(busy_week[0])
    doc = QTextDocument()
    doc.setHtml(QToolTip.text())  # as Qt shows it
    assert doc.toPlainText().startswith(f"{first}: 30m")
    QToolTip.hideText()


def test_the_saved_png_has_every_row_even_when_the_bars_scroll(qapp, window, busy_week, tmp_path):
    window.apply_text_scale(text_size.TEXT_SCALES[-1])
    qapp.processEvents()
    card = window.week_view.week_chart
    assert card.bars_scroll.verticalScrollBar().maximum() > 0  # the rows are taller than the card
    image = card.render_image()
    assert image.height() >= card.bars_view.minimumHeight()
    assert image.height() > card.height()
