"""Backups through the application layer: now, once a day, and putting one back."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

import pytest

from peerdesk.operations.opening import Damaged, Opened, open_store
from peerdesk.operations.safekeeping import back_up_now, daily_backup, restore_backup
from peerdesk.storage import backups, crypto
from peerdesk.storage.backups import BackupError
from peerdesk.storage.store import Reader
from peerdesk.workspace import Workspace

from .helpers import WORKER, entry, mode_of, stored

NOW = dt.datetime(2026, 11, 25, 9, 30, 5, tzinfo=dt.UTC)
PASSPHRASE = "correct horse battery"


def ids_in(path: Path) -> list[str]:
    reader = Reader(path)
    try:
        return [e.id for e in reader.entries_between(dt.date(2000, 1, 1), dt.date(2100, 1, 1))]
    finally:
        reader.close()


def audit_rows(path: Path) -> list[tuple[str, str | None, str]]:
    return stored(path)[1]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ------------------------------------------------------------ back up now


def test_back_up_now_makes_a_checked_owner_only_copy_and_records_it(workspace):
    store = workspace.open_store()
    for n in (1, 2, 3):
        store.add(entry(n))
    made = back_up_now(store, now=NOW)
    folder = workspace.data_dir / "backups"
    assert made.path == folder / "peerdesk-manual-20261125T093005Z.db"
    assert made.entries == 3
    assert mode_of(made.path) == 0o600
    check = backups.check_file(made.path)
    assert check.ok and check.entries == 3
    assert ids_in(made.path) == ["e-1", "e-2", "e-3"]
    assert sorted(p.name for p in folder.iterdir()) == [made.path.name]  # no temporary copy left
    assert audit_rows(store.path)[-1] == ("backup", None, f"{made.path} (3 entries)")
    assert store.audit_log(1)[0].worker == WORKER


def test_back_up_now_to_a_chosen_file(workspace, tmp_path):
    store = workspace.open_store()
    store.add(entry(1))
    out = tmp_path / "usb stick" / "peerdesk copy.db"
    made = back_up_now(store, out)
    assert made.path == out and made.entries == 1
    assert ids_in(out) == ["e-1"] and mode_of(out) == 0o600
    assert not (workspace.data_dir / "backups").exists()  # only where it was asked for
    assert audit_rows(store.path)[-1] == ("backup", None, f"{out} (1 entries)")


def test_a_backup_that_cannot_be_written_says_so_and_records_nothing(workspace, tmp_path):
    store = workspace.open_store()
    store.add(entry(1))
    not_a_folder = tmp_path / "a file"
    not_a_folder.write_text("", "utf-8")
    before = stored(store.path)
    with pytest.raises(BackupError, match="cannot write in"):
        back_up_now(store, not_a_folder / "copy.db")
    assert stored(store.path) == before  # no audit line for a backup that was not made


@pytest.mark.skipif(not crypto.available(), reason="sqlcipher3 is not installed")
def test_the_backup_of_an_encrypted_store_is_encrypted_too(data_dir):
    ws = Workspace(data_dir)
    try:
        store = ws.create_encrypted(PASSPHRASE)
        store.add(entry(1, note="UNIQUE-NOTE-4411"))
        made = back_up_now(store, now=NOW)
        assert made.entries == 1
        assert b"UNIQUE-NOTE-4411" not in made.path.read_bytes()
        assert crypto.looks_encrypted(made.path)
        assert backups.check_file(made.path, crypto.Cipher.for_file(made.path, PASSPHRASE)).entries == 1
    finally:
        ws.close()


# ------------------------------------------------------------ daily backup


def test_the_daily_backup_is_made_once_a_day(workspace):
    store = workspace.open_store()
    store.add(entry(1))
    first = daily_backup(store)
    assert first == workspace.data_dir / "backups" / f"peerdesk-{dt.date.today().isoformat()}.db"
    assert backups.check_file(first).entries == 1 and mode_of(first) == 0o600
    assert audit_rows(store.path)[-1] == ("backup", None, f"automatic: {first.name}")
    made = first.stat().st_mtime_ns, digest(first)
    lines = len(audit_rows(store.path))

    store.add(entry(2))
    assert daily_backup(store) is None  # today's exists: not made again, not replaced
    assert (first.stat().st_mtime_ns, digest(first)) == made
    assert ids_in(first) == ["e-1"]
    assert len(audit_rows(store.path)) == lines + 1  # the entry's line only, no second backup line


# ------------------------------------------------------------ restore


def test_restore_puts_the_backups_entries_back_and_keeps_the_replaced_file(workspace):
    old = workspace.open_store()
    old.add(entry(1))
    old.add(entry(2))
    made = back_up_now(old, now=NOW)
    old.add(entry(3))
    old.delete("e-1")

    restored = restore_backup(workspace, made.path)
    assert restored.error == "" and (restored.source, restored.entries) == (made.path, 2)
    assert isinstance(restored.outcome, Opened)
    store = restored.outcome.store
    assert store is workspace.open_store() and store is not old
    assert ids_in(workspace.db_path) == ["e-1", "e-2"]
    assert [e.id for e in store.entries_between(dt.date(2000, 1, 1), dt.date(2100, 1, 1))] == ["e-1", "e-2"]
    # what it replaced is kept, checked and whole, beside the other backups
    kept = restored.kept
    assert kept is not None and kept.parent == workspace.data_dir / "backups"
    assert kept.name.startswith("peerdesk-before-restore-")
    assert ids_in(kept) == ["e-2", "e-3"] and mode_of(kept) == 0o600
    assert made.path.exists()  # the backup itself stays
    assert audit_rows(workspace.db_path)[-1] == (
        "restore_backup",
        None,
        f"from {made.path.name}; the previous file is kept as {kept.name}",
    )
    # and the reopened store writes
    store.add(entry(4))
    assert ids_in(workspace.db_path) == ["e-1", "e-2", "e-4"]


def test_restore_after_a_damaged_file_keeps_its_bytes(workspace):
    store = workspace.open_store()
    for n in range(30):
        store.add(entry(n, note="walked to the drop-in together " * 15))
    made = back_up_now(store, now=NOW)
    workspace.close()
    data = workspace.db_path.read_bytes()
    workspace.db_path.write_bytes(data[: len(data) // 2])
    damaged = digest(workspace.db_path)
    outcome = open_store(workspace)
    assert isinstance(outcome, Damaged) and outcome.newest_good.path == made.path

    restored = restore_backup(workspace, outcome.newest_good.path)
    assert isinstance(restored.outcome, Opened) and restored.error == ""
    assert restored.outcome.store.count() == 30
    assert restored.kept is not None and digest(restored.kept) == damaged  # as it was, for whoever looks into it
    assert audit_rows(workspace.db_path)[-1][0] == "restore_backup"


@pytest.mark.parametrize(
    "spoil",
    [lambda b: b[: len(b) // 2], lambda b: b"", lambda b: b"not a database at all\n" * 50],
    ids=["truncated", "empty", "not-sqlite"],
)
def test_a_backup_that_fails_its_check_changes_nothing(workspace, spoil):
    store = workspace.open_store()
    for n in range(30):
        store.add(entry(n, note="walked to the drop-in together " * 15))
    made = back_up_now(store, now=NOW)
    made.path.write_bytes(spoil(made.path.read_bytes()))
    store.add(entry(99))
    before, names = stored(workspace.db_path), sorted(os.listdir(made.path.parent))

    with pytest.raises(BackupError, match="nothing was changed"):
        restore_backup(workspace, made.path)
    assert stored(workspace.db_path) == before
    assert sorted(os.listdir(made.path.parent)) == names  # no copy of the current file was made
    # the store is still open, the same one, and still writes
    assert workspace.open_store() is store
    store.add(entry(100))
    assert "e-100" in ids_in(workspace.db_path)


@pytest.mark.skipif(not crypto.available(), reason="sqlcipher3 is not installed")
def test_restore_of_an_encrypted_store_whose_file_is_damaged(data_dir):
    made = Workspace(data_dir)
    store = made.create_encrypted(PASSPHRASE)
    for n in range(30):
        store.add(entry(n, note="walked to the drop-in together " * 15))
    backup = back_up_now(store, now=NOW)
    made.close()
    data = bytearray(made.db_path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 2000] = b"\x55" * 2000
    made.db_path.write_bytes(bytes(data))
    damaged = digest(made.db_path)

    ws = Workspace(data_dir)
    try:
        assert isinstance(open_store(ws, PASSPHRASE), Damaged)
        restored = restore_backup(ws, backup.path, passphrase=PASSPHRASE)  # as start-up offers it
        assert restored.error == "" and isinstance(restored.outcome, Opened)
        assert restored.outcome.store.cipher is not None and restored.outcome.store.count() == 30
        assert restored.kept is not None and digest(restored.kept) == damaged
        assert restored.outcome.store.audit_log(1)[0].action == "restore_backup"
    finally:
        ws.close()
