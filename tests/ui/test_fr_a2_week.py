"""The week view and its charts in French: table headers, day names, chart titles, axes, the
text alternative and "Show as table"; on a ward PC's 1366×768 screen nothing of the week view
is cut off on any chart tab, nor with a chart shown as a table.

Set PEERDESK_SHOTS=FOLDER to keep the pictures (they are for looking at)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QTabBar, QTableView

from peerdesk import demo, i18n
from peerdesk.domain.weeks import Week

from .accessibility import description_of, name_of
from .conftest import TODAY

NBSP = "\u00a0"


@pytest.fixture
def french():
    """French words, and QLocale's default in French (as start-up sets them for --lang fr)."""
    before = QLocale()
    i18n.set_language("fr")
    QLocale.setDefault(QLocale(QLocale.French, QLocale.Canada))
    yield
    QLocale.setDefault(before)  # (the language goes back to English by tests/conftest.py)


@pytest.fixture
def french_window(french, open_main_window, workspace):
    store = workspace.open_store()
    demo.seed_store(store, weeks=12, today=TODAY, end_week=Week.of(TODAY))
    store.close()
    window = open_main_window(workspace)
    window.fit_to_screen()
    return window


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("PEERDESK_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def cut_off(top) -> list[str]:
    """The labels, buttons, boxes, tabs and table headers of *top* narrower or lower than their text."""
    out = []
    for widget in top.findChildren(QLabel) + top.findChildren(QAbstractButton) + top.findChildren(QComboBox):
        if not widget.isVisibleTo(top) or widget.width() <= 0 or isinstance(widget.parent(), QTabBar):
            continue
        if isinstance(widget, QLabel) and (widget.wordWrap() or not widget.text()):
            continue
        need = widget.minimumSizeHint() if isinstance(widget, QComboBox) else widget.sizeHint()
        if need.width() > widget.width() + 1 or need.height() > widget.height() + 1:
            text = widget.currentText() if isinstance(widget, QComboBox) else widget.text()
            out.append(f"{type(widget).__name__} {text!r}: {widget.width()}×{widget.height()} < {need.width()}×"
                       f"{need.height()}")
    for bar in top.findChildren(QTabBar):
        if bar.isVisibleTo(top):
            out += [f"tab {bar.tabText(i)!r}" for i in range(bar.count())
                    if bar.tabRect(i).width() < bar.tabSizeHint(i).width() - 1]
    for table in top.findChildren(QTableView):
        if not table.isVisibleTo(top):
            continue
        header, model = table.horizontalHeader(), table.model()
        for section in range(header.count()):
            title = str(model.headerData(section, Qt.Horizontal) or "")
            if not header.isSectionHidden(section) and header.sectionSize(section) + 2 < (
                    header.fontMetrics().horizontalAdvance(title) + 8):
                out.append(f"{table.objectName()}: column {title!r}")
    return out


def test_the_week_and_its_charts_speak_french(french_window):
    view = french_window.week_view
    model = view.model
    assert [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())] == [
        "Jour", "Début", "Temps", "Type", "Catégorie", "Mode", "Format", "Pers.", "Code", "Manifestations", "Note"]
    # a header shortened to fit the screen: its full name in its tooltip, and for a screen reader
    assert [model.headerData(c, Qt.Horizontal, role) for c in (3, 7, 8)
            for role in (Qt.ToolTipRole, Qt.AccessibleTextRole)] == [
        "Type de travail", "Type de travail", "Personnes", "Personnes", "Code de la personne", "Code de la personne"]
    days = {model.data(model.index(r, 0)) for r in range(model.rowCount())}
    assert days & {"lun. 23 nov.", "mar. 24 nov.", "mer. 25 nov."}, days  # the language's names
    assert [view.chart_tabs.tabText(i) for i in range(3)] == ["Cette semaine", "Tendance", "Comment"]
    assert name_of(view.chart_tabs) == "Graphiques"
    assert name_of(view.table) == "Entrées de la semaine 48"
    assert view.totals.day_labels[0].text() == "lun. 23"

    week = view.week_chart
    assert week.bars_chart.title() == "Temps par catégorie · semaine 48"
    assert week.split_chart.title().startswith("Répartition · ")
    assert week.table_button.text() == "Afficher en tableau"
    assert name_of(week.bars_view) == "Temps par catégorie"
    assert f"{NBSP}%)" in description_of(week.split_view)  # « 82 % »
    week.show_table(True)
    assert week.table_headers() == ["Catégorie", "Type de travail", "Temps", "Part de la semaine"]
    assert name_of(week.table) == "Temps de cette semaine en tableau"
    assert week.table_cells()[-1][0] == "Total de la semaine"

    trend = view.trend_chart
    assert trend.chart.title() == "Heures par semaine · du 2026-W37 au 2026-W48"
    assert trend.weeks_combo.currentText() == "12 dernières semaines"
    assert "S48" in trend._x_axis.categories()
    assert {axis.titleText() for axis in trend.chart.axes()} >= {"Semaine ISO (semaine choisie plus foncée)", "Heures"}
    how = view.how_chart
    assert how.mode_chart.title() == "Par mode · semaine 48" and how.format_chart.title() == "Par format · semaine 48"
    how.show_table(True)
    assert how.table_headers() == ["Mode ou format", "Temps", "Entrées", "Personnes rejointes"]


def test_nothing_of_the_week_is_cut_off_in_french_at_1366x768(qtbot, french_window, shots):
    window, view = french_window, french_window.week_view
    assert window.screen().size().width() == 1366
    faults = {}
    for index, name in enumerate(("this-week", "trend", "how")):
        view.chart_tabs.setCurrentIndex(index)
        qtbot.wait(20)
        window.grab().save(str(shots / f"fr-main-{name}.png"), "PNG")
        faults[name] = cut_off(view)
    view.chart_tabs.setCurrentIndex(0)
    view.week_chart.table_button.click()
    qtbot.wait(20)
    window.grab().save(str(shots / "fr-main-this-week-as-table.png"), "PNG")
    view.week_chart.grab().save(str(shots / "fr-this-week-table.png"), "PNG")
    faults["this week as a table"] = cut_off(view)
    table = view.week_chart.table
    header = table.horizontalHeader()
    for column in range(table.columnCount()):  # (the first stretches: there is room for it)
        widest = max(table.sizeHintForColumn(column), header.sectionSizeHint(column))
        assert header.sectionSize(column) >= widest, table.horizontalHeaderItem(column).text()
    assert {k: v for k, v in faults.items() if v} == {}
