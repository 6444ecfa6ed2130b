"""File ▸ Export… to an Excel workbook, driven as a worker would: the format picked with the
keyboard, the name that follows it, the workbook written through the save seam, and cancel."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from peerdesk.domain.entry import validate
from peerdesk.exchange.csv_format import ENTRY_COLUMNS
from peerdesk.ui.export_dialog import TITLE, ExportDialog

TODAY = dt.date(2026, 11, 25)  # the window fixture's today: Wednesday of 2026-W48


@pytest.fixture
def saved(saved_in):
    return saved_in("exports", "november.xlsx")


@pytest.fixture
def entries(window):
    for day, minutes, ref, note in [("2026-11-23", "90", "007", "=1+1"), ("2026-11-25", "30", "", "Zoë\nline two")]:
        entry = validate({"worker": "PW-07", "date": day, "minutes": minutes, "category": "advocacy",
                          "client_ref": ref, "note": note}, window.taxonomy, today=TODAY)
        window.store.add(entry)
    window.refresh()


def open_export(qtbot, window) -> ExportDialog:
    qtbot.keyClick(window, Qt.Key_E, Qt.ControlModifier)  # Ctrl+E
    dialog = window.export_dialog
    assert isinstance(dialog, ExportDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_the_format_is_picked_with_the_keyboard_and_the_name_follows(qtbot, window, entries):
    dialog = open_export(qtbot, window)
    assert dialog.windowTitle() == TITLE
    assert dialog.csv_radio.isChecked() and dialog.entries_radio.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.csv_radio.setFocus()
    qtbot.waitUntil(dialog.csv_radio.hasFocus)
    qtbot.keyClick(dialog.csv_radio, Qt.Key_Down)  # the arrow keys move within the format's choice
    assert dialog.xlsx_radio.isChecked() and dialog.xlsx_radio.hasFocus()
    assert dialog.file_label.text() == "File name: peerdesk_PW-07_2026-11-23_2026-11-29.xlsx"
    assert not dialog.entries_radio.isVisible()  # a workbook holds the entries and the summary: nothing to pick
    assert dialog.choice().workbook and dialog.choice().entries and dialog.choice().summary
    leaves = dialog.leaves_label.text()
    assert "2 entries from 23 Nov 2026" in leaves and "in one workbook with charts of them" in leaves
    qtbot.keyClick(dialog, Qt.Key_F, Qt.AltModifier)  # CSV &files (a mnemonic clicks once its press shows)
    qtbot.waitUntil(dialog.csv_radio.isChecked)
    assert dialog.entries_radio.isVisible()
    assert dialog.file_label.text() == "File name: peerdesk_PW-07_2026-11-23_2026-11-29.csv"
    qtbot.keyClick(dialog, Qt.Key_W, Qt.AltModifier)  # Excel &workbook
    qtbot.waitUntil(dialog.xlsx_radio.isChecked)


def test_export_a_workbook_through_the_save_seam(qtbot, window, entries, dialogs, saved):
    dialog = open_export(qtbot, window)
    dialog.xlsx_radio.setChecked(True)
    dialog.notes_check.setChecked(True)
    dialogs.save_answer = str(saved / "november")  # no .xlsx typed: added
    qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    (title, suggested, filters) = dialogs.save_asks[0]
    assert (title, filters) == (TITLE, "Excel workbooks (*.xlsx)")
    assert suggested.endswith("peerdesk_PW-07_2026-11-23_2026-11-29.xlsx")
    target = saved / "november.xlsx"
    assert sorted(p.name for p in saved.iterdir()) == ["november.xlsx"]
    assert dialogs.errors == []
    assert window.statusBar().currentMessage() == f"Exported 2 entries and 1 summary row to {target}"
    book = openpyxl.load_workbook(target, read_only=True)
    assert book.sheetnames == ["Entries", "Weekly summary", "Charts"]
    rows = list(book["Entries"].iter_rows(values_only=True))
    book.close()
    ref, note, day = (ENTRY_COLUMNS.index(c) for c in ("client_ref", "note", "date"))
    assert [(r[day], r[ref], r[note]) for r in rows[1:]] == [
        (dt.datetime(2026, 11, 23), "007", "=1+1"), (dt.datetime(2026, 11, 25), None, "Zoë\nline two"),
    ]


def test_cancelling_a_workbook_leaves_no_file(qtbot, window, entries, dialogs, saved):
    target = saved / "november.xlsx"
    target.write_bytes(b"an older workbook")

    def cancel_soon():
        def cancel():
            progress = window.findChild(QProgressDialog)
            if progress is not None:
                progress.cancel()

        QTimer.singleShot(0, cancel)

    dialogs.on_save = cancel_soon
    dialog = open_export(qtbot, window)
    dialog.xlsx_radio.setChecked(True)
    qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    QApplication.processEvents()
    assert target.read_bytes() == b"an older workbook"
    assert sorted(p.name for p in saved.iterdir()) == ["november.xlsx"]
    assert window.statusBar().currentMessage() == "Export cancelled; no file was written."
