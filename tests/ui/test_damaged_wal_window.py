"""The window tells a worker when the write-ahead log beside their records was damaged."""

from __future__ import annotations

from peerdesk.storage.store import Store


def test_the_window_says_recent_changes_may_be_missing(qtbot, workspace, open_main_window, dialogs):
    Store(workspace.db_path).close()
    (workspace.data_dir / "peerdesk.db-wal").write_bytes(b"\x00garbage" * 1024)
    window = open_main_window(workspace)
    qtbot.waitUntil(lambda: bool(dialogs.errors), timeout=3000)
    [(title, text)] = dialogs.errors
    assert title == "Recent changes may be missing"
    assert "peerdesk.db-wal does not start as a write-ahead log does" in text and "backups" in text
    assert window.store is not None
