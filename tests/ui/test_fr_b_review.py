"""The supervisor's side in French: the review window's menus, filters, tabs and table headers, the
report, figures and team-server dialogs; every control still named for a screen reader, every
Alt+letter still reaching one thing, and no text cut short."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel

from peerdesk import i18n
from peerdesk.domain.entry import MODES
from peerdesk.i18n import _

from .accessibility import nameless
from .test_keys_everywhere import assert_unique_and_alive


@pytest.fixture
def french_review(qtbot, team_exports, dialogs):
    from peerdesk.ui.review_window import ReviewWindow

    i18n.set_language("fr")
    win = ReviewWindow(taxonomy=team_exports.taxonomy, paths=team_exports.entry_paths, dialogs=dialogs)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def headers(model) -> list[str]:
    return [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())]


def french(text: str, english: str) -> bool:
    """*text* is *english*'s French (and not the English itself)."""
    return text == _(english) and text != english


def cut_short(top) -> list[str]:
    """Labels and buttons shown narrower than their text needs."""
    out = []
    for w in top.findChildren(QLabel) + top.findChildren(QAbstractButton):
        if not w.isVisibleTo(top) or (isinstance(w, QLabel) and w.wordWrap()) or not getattr(w, "text", lambda: "")():
            continue
        if w.width() < w.minimumSizeHint().width():
            out.append(f"{w.text()!r}: {w.width()} < {w.minimumSizeHint().width()}")
    return out


def test_the_review_windows_menus_filters_tabs_and_headers_are_french(french_review):
    win = french_review
    assert win.windowTitle().startswith("Révision PeerDesk — 3 ")
    menu = win.menuBar().actions()[0]
    assert menu.text() == "&Fichier"
    texts = [a.text() for a in menu.menu().actions()]
    for english in ("&Save summary CSV…", "&Report…", "&Funder's figures…", "Save &chart as PNG…",
                    "Sign &off the weeks…", "&Close"):
        assert _(english) in texts and _(english) != english, english
    assert "&Enregistrer le sommaire CSV…" in texts and "&Rapport…" in texts
    assert win.worker_combo.itemText(0) == "Tous les pairs aidants"
    assert french(win.week_from_combo.accessibleName(), "First week of the range")
    assert [win.chart_tabs.tabText(i) for i in range(win.chart_tabs.count())] == [
        "Temps par catégo&rie", "Se&maines", "C&omment", "Part &directe"]
    tabs = win.team_tabs
    assert all(french(tabs.tabText(i), english) for i, english in enumerate(
        ("Hours: worker × week", "Averages", "Worker-weeks", "Entries")))

    # table headers (the models' headerData): team, pivot, averages, entries, files
    team = headers(win.team_model)
    assert french(team[0], "Worker") and french(team[1], "Week")
    assert team[0] == "Pair aidant" and team[1] == "Semaine"
    pivot = headers(tabs.pivot_model)
    assert pivot[0] == "Pair aidant" and pivot[1] == f"S{win.result.weeks()[0].split('W')[1].lstrip('0')}"
    assert headers(tabs.averages_model) == [_("Worker"), _("Weeks logged"), _("h/week logged"), _("h/week in range"),
                                            _("Direct %")]
    assert headers(tabs.averages_model)[1] == "Semaines consignées"
    entries = headers(tabs.entries_model)
    assert entries[:4] == ["Date", "Pair aidant", "Début", "Minutes"] and entries[8] == "Code de la personne"
    model = tabs.entries_view.model()
    shown = {model.index(r, 4).data() for r in range(model.rowCount())}
    assert shown <= {c.label for c in win.taxonomy.categories.values()}  # the categories' French names
    assert {model.index(r, 5).data() for r in range(model.rowCount())} <= {_(m) for m in MODES.values()}
    files = headers(win.files_panel.files_model)
    assert files[:4] == ["Fichier", "Type", "Pair aidant", "Jours couverts"]
    assert win.files_panel.files_view.model().index(0, 1).data() == "entrées"  # the file's kind
    assert win.files_panel.files_view.model().index(0, 3).data().startswith("du 2026-")

    # numbers and texts in French writing
    assert tabs.entries_label.text().endswith(" entrées")
    assert "," in tabs.pivot_view.model().index(0, 1).data()  # hours with a decimal comma
    assert win.team_totals.text().endswith(" au total")
    assert "toutes les lignes ont passé les vérifications" in win.summary_label.text()


def test_the_french_review_is_named_for_a_screen_reader_and_its_keys_reach_one_thing(french_review, qtbot):
    win = french_review
    for index in range(win.team_tabs.count()):
        win.team_tabs.setCurrentIndex(index)
        qtbot.wait(10)
        assert nameless(win) == [], win.team_tabs.tabText(index)
    assert win.chart_tabs.accessibleName() == "Graphiques"
    assert win.files_panel.files_view.accessibleName() == "Fichiers"
    assert french(win.team_tabs.pivot_view.accessibleName(), "Hours: worker × week")
    assert win.worker_combo.accessibleName() == "Pair aidant"
    assert_unique_and_alive(win)
    assert cut_short(win) == []


def test_the_french_report_figures_and_team_server_dialogs(french_review, qtbot):
    from peerdesk.ui.figures_dialog import open_figures
    from peerdesk.ui.team_review import TeamServerDialog

    win = french_review
    report = win.open_report()
    qtbot.waitExposed(report)
    assert report.windowTitle() == "Rapport d'équipe"
    assert report.range_combo.itemText(report.range_combo.count() - 1) == "Dates personnalisées"
    assert report.save_button.text() == "&Enregistrer le PDF…" and report.paper_combo.itemText(1) == "Lettre"
    assert report.state_label.text().startswith("du 2026-")
    report.notes_check.setChecked(True)
    qtbot.wait(10)
    assert report.privacy_label.text().startswith("La liste montre ce que vous cochez")
    assert nameless(report) == [] and cut_short(report) == []
    assert_unique_and_alive(report)
    report.close()

    figures = open_figures(win)
    qtbot.waitExposed(figures)
    assert figures.windowTitle() == "Chiffres pour le bailleur de fonds"
    assert [figures.table.horizontalHeaderItem(c).text() for c in range(2)] == ["Chiffre", "Valeur"]
    assert any(what.startswith("Temps\u00a0: ") for what, _value in figures.rows)
    assert nameless(figures) == [] and cut_short(figures) == []
    figures.close()

    server = TeamServerDialog(date(2026, 11, 25), win)
    qtbot.addWidget(server)
    server.show()
    qtbot.waitExposed(server)
    assert server.windowTitle() == "Ouvrir le serveur d'équipe"
    assert server.url.accessibleName() == "Adresse du serveur d'équipe"
    assert server.start.text().endswith(" 2026") and "nov." in server.start.text()  # month names in French
    assert nameless(server) == [] and cut_short(server) == []
    assert_unique_and_alive(server)
    assert server.url.width() >= server.url.fontMetrics().horizontalAdvance(server.url.placeholderText())
