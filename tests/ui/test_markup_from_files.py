"""A taxonomy file (or a worker name in an export) full of markup is shown as the text it is:
nothing in it is read as HTML, in the form, its tooltips, the week's table or the charts."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

from peerdesk.domain.entry import validate
from peerdesk.ui.main_window import MainWindow
from peerdesk.workspace import Workspace

LABEL = '<img src="/etc/hostname"><b>Outreach</b> & <a href="http://x">more</a>'
DESCRIPTION = "Visits <i>at home</i> & <script>alert(1)</script>"
TAXONOMY = f"""
extends = "default"

[categories.outreach]
work_type = "direct"
label = '{LABEL}'
description = '{DESCRIPTION}'
"""


def as_shown(text: str) -> str:
    """What Qt shows for *text* where it reads rich text (a tooltip, a chart label)."""
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


@pytest.fixture
def marked_up(qtbot, tmp_path, dialogs):
    taxonomy = tmp_path / "taxonomy.toml"
    taxonomy.write_text(TAXONOMY, "utf-8")
    ws = Workspace(tmp_path / "data", taxonomy)
    ws.settings.set("worker", "PW-07")
    ws.settings.save()
    today = date(2026, 11, 25)
    window = MainWindow(ws, dialogs=dialogs, today=lambda: today)
    qtbot.addWidget(window)
    window.set_store(ws.open_store())
    window.store.add(validate({"worker": "PW-07", "date": "2026-11-24", "minutes": "45", "category": "outreach"},
                              window.taxonomy, today=today))
    window.refresh()
    window.show()
    yield window
    ws.close()


def test_the_form_shows_a_category_as_written(marked_up):
    form = marked_up.form
    form.set_values({"category": "outreach"})
    assert form.category_combo.currentText() == LABEL
    assert form.category_hint.textFormat() == Qt.PlainText and form.category_hint.text() == DESCRIPTION
    assert as_shown(form.category_combo.toolTip()) == DESCRIPTION
    index = form.category_combo.findData("outreach")
    assert as_shown(form.category_combo.itemData(index, Qt.ToolTipRole)) == DESCRIPTION


def test_the_week_and_its_charts_show_a_category_as_written(marked_up):
    model = marked_up.week_view.model
    category = next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Horizontal) == "Category")
    assert model.index(0, category).data() == LABEL
    assert as_shown(model.index(0, category).data(Qt.ToolTipRole)) == DESCRIPTION
    chart = marked_up.week_view.week_chart
    axis_labels = [as_shown(text) for text in chart._y_axis.categories()]
    assert any(LABEL.startswith(text.rstrip("…")) for text in axis_labels)
    bar = next(b for b in chart.bar_series.barSets() if b.property("category") == "outreach")
    assert as_shown(bar.label()) == LABEL
