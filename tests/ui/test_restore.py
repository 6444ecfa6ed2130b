"""File ▸ Back up now and File ▸ Restore from backup…, on the real window over real files."""

from __future__ import annotations

import os
import re
from pathlib import Path

from PySide6.QtCore import Qt

from peerdesk.storage import backups
from peerdesk.ui.restore_dialog import PATH_ROLE


def save_entries(qtbot, window, count: int, minutes: str = "30") -> None:
    """Type and save *count* entries with the keyboard, as a worker would."""
    form = window.form
    for _ in range(count):
        form.minutes_edit.setFocus()
        qtbot.keyClicks(form.minutes_edit, minutes)
        qtbot.keyClick(form.minutes_edit, Qt.Key_Return)
        assert form.minutes_edit.text() == "", "the entry was not saved"


def items(dialog):
    return [dialog.list.item(i) for i in range(dialog.list.count())]


def set_mtime(path: Path, stamp: int) -> None:
    os.utime(path, (stamp, stamp))


def backups_history(qtbot, window, workspace):
    """2 entries → an older backup; 3 entries → Back up now; 5 entries now; and a damaged backup, newest of all."""
    folder = workspace.data_dir / "backups"
    save_entries(qtbot, window, 2)
    older = folder / "peerdesk-2026-11-20.db"
    backups.make_backup(window.store.path, older)
    save_entries(qtbot, window, 1)

    window.backup_now()

    message = window.statusBar().currentMessage()
    m = re.fullmatch(r"Backed up 3 entries to (.+)", message)
    assert m, message
    manual = Path(m.group(1))
    assert manual.parent == folder and manual.name.startswith("peerdesk-manual-")
    assert backups.check_file(manual).entries == 3
    save_entries(qtbot, window, 2)
    assert window.store.count() == 5 and window.history.stack.count() == 5
    damaged = folder / "peerdesk-2026-11-24.db"
    damaged.write_bytes(manual.read_bytes()[:6000])
    set_mtime(older, 1_790_000_000)
    set_mtime(manual, 1_790_100_000)
    set_mtime(damaged, 1_790_200_000)
    return older, manual, damaged


def test_restore_lists_backups_newest_first_and_restores_the_chosen_one(qtbot, window, workspace, dialogs):
    older, manual, damaged = backups_history(qtbot, window, workspace)

    window.restore_action.trigger()  # File ▸ Restore from backup…

    dialog = window.restore_dialog
    assert dialog is not None and dialog.isVisible()
    rows = items(dialog)
    assert [r.data(PATH_ROLE).path for r in rows] == [damaged, manual, older]  # newest first
    assert "cannot be used" in rows[0].text() and damaged.name in rows[0].text()
    assert not rows[0].flags() & Qt.ItemIsEnabled  # listed, but cannot be chosen
    assert "— 3 entries —" in rows[1].text() and manual.name in rows[1].text()
    assert "— 2 entries —" in rows[2].text() and older.name in rows[2].text()
    assert all(r.flags() & Qt.ItemIsEnabled for r in rows[1:])
    assert dialog.list.currentRow() == 1  # the newest good one is offered
    assert dialog.restore_button.isEnabled()

    qtbot.mouseClick(dialog.restore_button, Qt.LeftButton)

    assert dialogs.errors == []
    assert window.store is not None and window.store.count() == 3
    assert window.week_view.model.rowCount() == 3  # the week table shows the restored data
    assert window.history.stack.count() == 0  # the undo history belonged to the replaced data
    assert window.form.isEnabled()
    kept = list((workspace.data_dir / "backups").glob("peerdesk-before-restore-*.db"))
    assert len(kept) == 1
    assert backups.check_file(kept[0]).ok and backups.check_file(kept[0]).entries == 5
    message = window.statusBar().currentMessage()
    assert f"Restored 3 entries from {manual.name}" in message and kept[0].name in message
    assert backups.check_file(workspace.db_path).entries == 3  # on disk, not only on screen


def test_restore_an_older_backup_picked_from_the_list(qtbot, window, workspace, dialogs):
    older, _manual, _damaged = backups_history(qtbot, window, workspace)
    window.restore_from_backup()
    dialog = window.restore_dialog
    dialog.list.setCurrentRow(2)
    assert dialog.chosen().path == older

    dialog.accept()

    assert window.store.count() == 2 and window.week_view.model.rowCount() == 2
    assert window.history.stack.count() == 0
    (kept,) = (workspace.data_dir / "backups").glob("peerdesk-before-restore-*.db")
    assert backups.check_file(kept).entries == 5
    # The replaced data can itself be restored: nothing is lost.
    window.restore_from_backup()
    again = window.restore_dialog
    row = next(i for i, item in enumerate(items(again)) if item.data(PATH_ROLE).path == kept)
    assert "— 5 entries —" in again.list.item(row).text()
    again.list.setCurrentRow(row)
    again.accept()
    assert window.store.count() == 5 and window.week_view.model.rowCount() == 5
    assert dialogs.errors == []


def test_cancel_changes_nothing(qtbot, window, workspace):
    backups_history(qtbot, window, workspace)
    before = workspace.db_path.read_bytes()
    store = window.store
    window.restore_from_backup()

    window.restore_dialog.reject()

    assert window.store is store and window.store.count() == 5
    assert window.history.stack.count() == 5
    assert not list((workspace.data_dir / "backups").glob("peerdesk-before-restore-*"))
    assert workspace.db_path.read_bytes() == before


def test_a_backup_damaged_after_it_was_listed_is_not_restored(qtbot, window, workspace, dialogs):
    _older, manual, _damaged = backups_history(qtbot, window, workspace)
    window.restore_from_backup()
    dialog = window.restore_dialog
    assert dialog.chosen().path == manual
    manual.write_bytes(manual.read_bytes()[: manual.stat().st_size // 2])  # the disk fails meanwhile

    dialog.accept()

    assert [title for title, _text in dialogs.errors] == ["Backup not restored"]
    assert "nothing was changed" in dialogs.errors[0][1]
    assert window.store is not None and window.store.count() == 5  # the current data is open again
    assert window.week_view.model.rowCount() == 5
    assert not list((workspace.data_dir / "backups").glob("peerdesk-before-restore-*"))


def test_only_damaged_backups_cannot_be_restored(qtbot, window, workspace):
    save_entries(qtbot, window, 2)
    folder = workspace.data_dir / "backups"
    folder.mkdir()
    (folder / "peerdesk-2026-11-23.db").write_bytes(b"")
    (folder / "peerdesk-2026-11-24.db").write_text("not a database", "utf-8")
    before = workspace.db_path.read_bytes()

    window.restore_from_backup()

    dialog = window.restore_dialog
    assert len(items(dialog)) == 2
    assert all(not item.flags() & Qt.ItemIsEnabled for item in items(dialog))
    assert not dialog.restore_button.isEnabled()
    assert dialog.chosen() is None
    dialog.accept()  # even if accepted somehow, nothing happens
    assert window.store.count() == 2 and window.history.stack.count() == 2
    assert workspace.db_path.read_bytes() == before
    assert not list(folder.glob("peerdesk-before-restore-*"))


def test_no_backups_yet(qtbot, window, dialogs):
    save_entries(qtbot, window, 1)
    window.restore_from_backup()
    assert [title for title, _text in dialogs.infos] == ["No backups yet"]
    assert window.restore_dialog is None
    assert window.store.count() == 1


def test_back_up_now_that_fails_says_so(qtbot, window, workspace, dialogs):
    save_entries(qtbot, window, 1)
    (workspace.data_dir / "backups").write_text("a file where the backup folder should be", "utf-8")

    window.backup_now()

    assert [title for title, _text in dialogs.errors] == ["Backup failed"]
    assert not window.statusBar().currentMessage().startswith("Backed up")
    assert window.store.count() == 1
