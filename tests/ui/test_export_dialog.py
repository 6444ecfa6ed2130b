"""File ▸ Export… (Ctrl+E), driven as a worker would: the dialog, the file choice, progress and cancel."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from peerdesk.domain.entry import validate
from peerdesk.exchange.csv_format import BOM
from peerdesk.exchange.csv_read import read_entries, read_summary
from peerdesk.ui.export_dialog import NOTES_WARNING, ExportDialog

TODAY = date(2026, 11, 25)  # the window fixture's today (see conftest): Wednesday of 2026-W48


@pytest.fixture
def saved(saved_in):
    return saved_in("exports", "chosen.csv")


@pytest.fixture
def entries(window):
    """Two entries this week (one with a risky note), one last week, one last month."""
    tax = window.taxonomy
    made = []
    for day, minutes, note in [
        ("2026-11-23", "90", '=HYPERLINK("x") and "quotes", commas'),
        ("2026-11-25", "30", "Zoë 🙂\nsecond line"),
        ("2026-11-17", "45", "last week"),
        ("2026-10-30", "20", "last month"),
    ]:
        entry = validate(
            {"worker": "PW-07", "date": day, "minutes": minutes, "category": "advocacy", "note": note},
            tax,
            today=TODAY,
        )
        made.append(window.store.add(entry))
    window.refresh()
    return made


def open_export(qtbot, window) -> ExportDialog:
    qtbot.keyClick(window, Qt.Key_E, Qt.ControlModifier)  # Ctrl+E
    dialog = window.export_dialog
    assert isinstance(dialog, ExportDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_ctrl_e_opens_the_dialog_on_this_week_without_notes(qtbot, window, entries):
    assert window.export_action.shortcut().toString() == "Ctrl+E"
    assert window.export_action.text() == "&Export…"
    dialog = open_export(qtbot, window)
    assert dialog.range_combo.currentText() == "This week"
    assert dialog.dates() == (date(2026, 11, 23), date(2026, 11, 29))
    assert not dialog.from_edit.isEnabled() and not dialog.to_edit.isEnabled()
    assert dialog.entries_radio.isChecked()
    assert not dialog.notes_check.isChecked()
    assert not dialog.notes_warning.isVisible()
    assert dialog.file_label.text() == "File name: peerdesk_PW-07_2026-11-23_2026-11-29.csv"
    leaves = dialog.leaves_label.text()
    assert leaves.startswith("What will leave this computer: 2 entries from 23 Nov 2026 to 29 Nov 2026")
    assert "(no notes)" in leaves


def test_ticking_notes_shows_the_plain_warning(qtbot, window, entries):
    dialog = open_export(qtbot, window)
    dialog.notes_check.setFocus()
    qtbot.keyClick(dialog.notes_check, Qt.Key_Space)
    assert dialog.notes_check.isChecked()
    assert dialog.notes_warning.isVisible()
    assert dialog.notes_warning.text() == NOTES_WARNING
    assert "identify clients" in NOTES_WARNING
    assert "and its note" in dialog.leaves_label.text()
    dialog.notes_check.setChecked(False)
    assert not dialog.notes_warning.isVisible()


def test_the_ranges_and_the_custom_dates(qtbot, window, entries):
    dialog = open_export(qtbot, window)
    expected = {
        "last_week": (date(2026, 11, 16), date(2026, 11, 22)),
        "this_month": (date(2026, 11, 1), date(2026, 11, 30)),
        "last_month": (date(2026, 10, 1), date(2026, 10, 31)),
        "this_week": (date(2026, 11, 23), date(2026, 11, 29)),
    }
    for key, span in expected.items():
        dialog.set_range(key)
        assert dialog.dates() == span
    dialog.set_range("last_month")
    assert "1 entry from 1 Oct 2026 to 31 Oct 2026" in dialog.leaves_label.text()
    assert dialog.file_label.text() == "File name: peerdesk_PW-07_2026-10-01_2026-10-31.csv"

    dialog.set_range("custom")
    assert dialog.from_edit.isEnabled() and dialog.to_edit.isEnabled()
    dialog.from_edit.setDate(QDate(2026, 12, 5))
    dialog.to_edit.setDate(QDate(2026, 12, 1))
    assert not dialog.export_button.isEnabled()
    assert dialog.range_error.isVisible() and "after the last day" in dialog.range_error.text()
    dialog.to_edit.setDate(QDate(2026, 12, 31))
    assert dialog.export_button.isEnabled() and not dialog.range_error.isVisible()


def test_summary_only_has_no_notes(qtbot, window, entries):
    dialog = open_export(qtbot, window)
    dialog.notes_check.setChecked(True)
    qtbot.mouseClick(dialog.summary_radio, Qt.LeftButton)
    assert not dialog.notes_check.isEnabled()
    assert not dialog.notes_warning.isVisible()
    assert not dialog.choice().include_notes
    assert dialog.file_label.text() == "File name: peerdesk_PW-07_2026-11-23_2026-11-29_summary.csv"
    assert "per week and category" in dialog.leaves_label.text()


def test_export_entries_through_the_save_seam(qtbot, window, entries, dialogs, saved):
    dialog = open_export(qtbot, window)
    qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    (_title, suggested, filters) = dialogs.save_asks[0]
    assert suggested.endswith("peerdesk_PW-07_2026-11-23_2026-11-29.csv")
    assert filters == "CSV files (*.csv)"
    target = saved / "chosen.csv"
    raw = target.read_bytes()
    assert raw.startswith(BOM) and raw.endswith(b"\r\n")
    rows = list(read_entries(target))
    assert [r["date"] for r in rows] == ["2026-11-23", "2026-11-25"]
    assert all(r["note"] == "" for r in rows)  # notes stay home by default
    assert dialogs.errors == []
    assert window.statusBar().currentMessage() == f"Exported 2 rows to {target}"
    assert sorted(p.name for p in saved.iterdir()) == ["chosen.csv"]
    button = window.statusBar().findChild(QPushButton, "open_export_folder")  # where the file went, one click away
    assert button is not None and button.text() == "Open folder" and button.toolTip() == str(saved)


def test_export_both_with_notes(qtbot, window, entries, dialogs, saved):
    dialog = open_export(qtbot, window)
    dialog.set_range("this_month")
    dialog.both_radio.setChecked(True)
    dialog.notes_check.setChecked(True)
    dialogs.save_answer = str(saved / "november")  # no .csv typed: added
    qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    assert sorted(p.name for p in saved.iterdir()) == ["november.csv", "november_summary.csv"]
    notes = [r["note"] for r in read_entries(saved / "november.csv")]
    assert notes == ["last week", '=HYPERLINK("x") and "quotes", commas', "Zoë 🙂\nsecond line"]
    weeks = [(r["week"], r["minutes"]) for r in read_summary(saved / "november_summary.csv")]
    assert weeks == [("2026-W47", 45), ("2026-W48", 120)]


def test_cancelling_the_progress_leaves_no_file_and_keeps_the_older_one(qtbot, window, entries, dialogs, saved):
    target = saved / "chosen.csv"
    target.write_bytes(b"last month's export")
    cancelled = []

    def cancel_soon():
        def cancel():
            progress = window.findChild(QProgressDialog)
            if progress is not None:
                progress.cancel()
                cancelled.append(True)

        QTimer.singleShot(0, cancel)  # runs inside the export, when its progress callback processes events

    dialogs.on_save = cancel_soon
    dialog = open_export(qtbot, window)
    qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    assert cancelled == [True]
    assert target.read_bytes() == b"last month's export"
    assert sorted(p.name for p in saved.iterdir()) == ["chosen.csv"]  # no temporary file left
    assert window.statusBar().currentMessage() == "Export cancelled; no file was written."
    assert dialogs.errors == []
    assert [r for r in window.store.audit_log() if r.action == "export"] == []


def test_closing_the_save_dialog_exports_nothing(qtbot, window, entries, dialogs, saved):
    dialogs.save_answer = None
    dialog = open_export(qtbot, window)
    qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    assert list(saved.iterdir()) == []
    assert dialogs.errors == []


def test_a_folder_that_cannot_be_written_is_explained(qtbot, window, entries, dialogs, saved):
    dialogs.save_answer = str(saved / "gone" / "out.csv")
    dialog = open_export(qtbot, window)
    qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    assert len(dialogs.errors) == 1
    title, text = dialogs.errors[0]
    assert title == "Export failed"
    assert "does not exist" in text and "No file was written." in text


def test_replacing_a_summary_beside_asks_first(qtbot, window, entries, dialogs, saved):
    (saved / "chosen_summary.csv").write_bytes(b"older summary")
    dialogs.confirm_answer = False
    dialog = open_export(qtbot, window)
    dialog.both_radio.setChecked(True)
    qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    assert dialogs.confirms and "chosen_summary.csv already exists" in dialogs.confirms[0][1]
    assert (saved / "chosen_summary.csv").read_bytes() == b"older summary"
    assert not (saved / "chosen.csv").exists()


def test_cancel_closes_the_dialog_without_asking_for_a_file(qtbot, window, entries, dialogs, saved):
    dialog = open_export(qtbot, window)
    qtbot.keyClick(dialog, Qt.Key_Escape)
    assert not dialog.isVisible()
    assert dialogs.save_asks == []


def test_ticking_include_notes_grows_the_dialog_and_squeezes_nothing(qtbot, window, entries):
    dialog = open_export(qtbot, window)
    before = dialog.height()
    dialog.notes_check.setChecked(True)
    qtbot.waitUntil(lambda: dialog.notes_warning.isVisible())
    QApplication.processEvents()
    assert dialog.height() > before
    warning = dialog.notes_warning
    assert warning.height() >= warning.heightForWidth(warning.width())  # every line of it shows
    for radio in (dialog.entries_radio, dialog.summary_radio, dialog.both_radio):
        assert radio.height() >= radio.minimumSizeHint().height()
