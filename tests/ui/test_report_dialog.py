"""File ▸ Report… in the window (the worker's period) and in the review (the team), driven as a
user would: the dialog, the preview, the saved PDF."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtPrintSupport import QPrintPreviewWidget

from peerdesk.domain.entry import format_minutes, validate
from peerdesk.ui.report_dialog import ReportDialog
from peerdesk.ui.review_window import ReviewWindow

from ..reports import pdf_tools


@pytest.fixture
def saved(saved_in):
    return saved_in("reports", "chosen")  # no suffix: .pdf is added


@pytest.fixture
def october(window):
    for day, minutes, category in [("2026-10-05", "90", "advocacy"), ("2026-10-06", "30", "administration"),
                                   ("2026-11-02", "45", "advocacy")]:
        window.store.add(validate({"worker": "PW-07", "date": day, "minutes": minutes, "category": category,
                                   "note": "private words"}, window.taxonomy, today=date(2026, 11, 25)))
    window.refresh()


def open_dialog(qtbot, window) -> ReportDialog:
    window.report_action.trigger()
    dialog = window.report_dialog
    assert isinstance(dialog, ReportDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_file_report_saves_last_months_pdf(qtbot, window, october, saved, dialogs):
    dialog = open_dialog(qtbot, window)
    assert dialog.dates() == (date(2026, 10, 1), date(2026, 10, 31))  # last month, by default
    assert window.report_action.shortcut().toString()  # Print's key (Ctrl+P)
    dialog.organisation_edit.setText("Riverside Peer Services")
    path = dialog.save()
    assert path == saved / "chosen.pdf" and path.is_file()
    assert dialogs.save_asks[0][1].endswith("peerdesk_report_PW-07_2026-10-01_2026-10-31.pdf")
    text = pdf_tools.words(path)
    assert "Riverside Peer Services" in text and "Peer support work: PW-07" in text
    assert format_minutes(120) in text and "2 entries" in text and "private words" not in text
    assert "Saved chosen.pdf (2 entries)" in dialog.state_label.text()
    assert window.workspace.settings.get("organisation") == "Riverside Peer Services"  # kept for next time
    assert any(r.action == "report" and "chosen.pdf" in r.detail for r in window.store.audit_log())


def test_notes_are_listed_only_when_ticked_and_the_dialog_warns(qtbot, window, october, saved):
    dialog = open_dialog(qtbot, window)
    assert dialog.privacy_label.isHidden()
    dialog.notes_check.setChecked(True)
    assert not dialog.privacy_label.isHidden()
    assert "private words" in pdf_tools.words(dialog.save())


def test_the_preview_shows_the_reports_pages(qtbot, window, october):
    dialog = open_dialog(qtbot, window)
    preview = dialog.open_preview()
    qtbot.waitExposed(preview)
    widget = preview.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: widget.pageCount() >= 1)
    preview.close()


def test_a_custom_period_the_wrong_way_round_is_refused_at_the_field(qtbot, window, october):
    dialog = open_dialog(qtbot, window)
    dialog.set_dates(date(2026, 10, 31), date(2026, 10, 1))
    assert dialog.range_error.text() == "The first day is after the last day."
    assert not dialog.save_button.isEnabled() and not dialog.preview_button.isEnabled()


def test_a_cancelled_save_writes_nothing(qtbot, window, october, saved, dialogs):
    dialogs.save_answer = None
    dialog = open_dialog(qtbot, window)
    assert dialog.save() is None
    assert list(saved.iterdir()) == []


def test_the_review_reports_on_the_team_it_read(qtbot, team_exports, dialogs, saved):
    win = ReviewWindow(taxonomy=team_exports.taxonomy, paths=team_exports.entry_paths, dialogs=dialogs)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    dialog = win.open_report()
    qtbot.waitExposed(dialog)
    start, end = dialog.dates()
    assert start <= end and dialog.range_combo.currentData() == "custom"
    path = dialog.save()
    text = pdf_tools.words(path)
    assert "Team report" in text
    for worker in win.result.workers():
        assert f"Peer support work: {worker}" in text


def test_the_review_gives_the_funders_figures_of_the_weeks_shown(qtbot, team_exports, dialogs):
    from peerdesk.domain.stats import figures
    from peerdesk.ui.figures_dialog import FiguresDialog

    win = ReviewWindow(taxonomy=team_exports.taxonomy, paths=team_exports.entry_paths, dialogs=dialogs)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    weeks = sorted({e.week for e in win.result.entries})
    win.set_filters(first_week=weeks[-2], last_week=weeks[-1])
    win.figures_action.trigger()
    dialog = win.findChild(FiguresDialog)
    qtbot.waitExposed(dialog)
    shown = {dialog.table.item(i, 0).text(): dialog.table.item(i, 1).text() for i in range(dialog.table.rowCount())}
    kept = [e for e in win.result.entries if e.week in weeks[-2:]]
    want = figures(kept, team_exports.taxonomy)
    assert shown["Direct interactions"] == f"{want['direct_interactions']:,}"
    assert shown["Group attendance (people in them)"] == f"{want['group_attendance']:,}"
    assert shown["Individuals served (distinct client refs of direct work)"] == f"{want['individuals_served']:,}"
    dialog.copy()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text().startswith("Individuals served (distinct client refs of direct work)\t")
