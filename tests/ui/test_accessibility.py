"""Every window and dialog, walked through Qt's accessibility interface as a screen reader would:
no focusable control without a name, no chart without a text alternative."""

from __future__ import annotations

from datetime import date

import pytest

from peerdesk.domain.entry import validate

from .accessibility import charts_without_alternative, nameless


@pytest.fixture
def filled(window):
    for day, minutes, category in [("2026-11-23", "90", "advocacy"), ("2026-11-24", "30", "administration")]:
        window.store.add(validate({"worker": "PW-07", "date": day, "minutes": minutes, "category": category},
                                  window.taxonomy, today=date(2026, 11, 25)))
    window.refresh()
    return window


def shown(qtbot, widget):
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_main_window_on_each_chart_tab(qtbot, filled):
    tabs = filled.week_view.chart_tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        qtbot.wait(10)
        assert nameless(filled) == [], tabs.tabText(index)
        assert charts_without_alternative(filled) == [], tabs.tabText(index)


def test_the_main_windows_dialogs(qtbot, filled, workspace):
    from peerdesk.operations import safekeeping
    from peerdesk.storage import backups
    from peerdesk.ui.conflicts_dialog import ConflictsDialog
    from peerdesk.ui.entry_editing import EntryDialog
    from peerdesk.ui.export_dialog import ExportDialog
    from peerdesk.ui.history import HistoryDialog
    from peerdesk.ui.report_dialog import open_report_dialog
    from peerdesk.ui.restore_dialog import RestoreDialog
    from peerdesk.ui.settings_dialog import SettingsDialog
    from peerdesk.ui.team_review import TeamServerDialog

    safekeeping.back_up_now(filled.store)
    filled.open_guide()
    edit = EntryDialog(filled.taxonomy, filled)
    edit.form.set_values({"date": date(2026, 11, 24)})
    dialogs = {
        "export": ExportDialog(filled.worker(), date(2026, 11, 25), filled, count=filled.store.count_between),
        "edit entry": edit,
        "settings": SettingsDialog(workspace.settings, filled),
        "role guide": filled.guide,
        "history": HistoryDialog(filled.store.audit_log(), filled),
        "restore": RestoreDialog(backups.list_backups(workspace.db_path, workspace.cipher), filled),
        "report": open_report_dialog(filled),
        "conflicts": ConflictsDialog(filled),
        "team server": TeamServerDialog(date(2026, 11, 25), filled),
    }
    faults = {}
    for name, dialog in dialogs.items():
        shown(qtbot, dialog)
        found = nameless(dialog) + [f"chart {c}" for c in charts_without_alternative(dialog)]
        if found:
            faults[name] = found
        dialog.close()
    assert faults == {}


def test_the_review_window_and_its_dialogs(qtbot, team_exports, dialogs):
    from peerdesk.ui.figures_dialog import open_figures
    from peerdesk.ui.review_window import ReviewWindow

    review = shown(qtbot, ReviewWindow(taxonomy=team_exports.taxonomy, paths=team_exports.entry_paths,
                                       dialogs=dialogs))
    qtbot.addWidget(review)
    faults = {"review": nameless(review) + [f"chart {c}" for c in charts_without_alternative(review)]}
    for name, dialog in (("report", review.open_report()), ("figures", open_figures(review))):
        shown(qtbot, dialog)
        faults[name] = nameless(dialog)
    assert {k: v for k, v in faults.items() if v} == {}
