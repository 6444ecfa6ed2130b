"""Opening a data folder's store (every outcome, on real files) and checking one without writing."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from pathlib import Path

import pytest

from peerdesk.operations.opening import (
    CheckFailed,
    Damaged,
    NeedsPassphrase,
    Opened,
    Refused,
    check_store,
    open_store,
)
from peerdesk.storage import backups, crypto, migrations
from peerdesk.storage.store import Store
from peerdesk.workspace import Workspace

from .helpers import entry, sql

needs_sqlcipher = pytest.mark.skipif(not crypto.available(), reason="sqlcipher3 is not installed")

PASSPHRASE = "correct horse battery"
LONG_NOTE = "walked to the drop-in together and talked on the way " * 9  # several pages of entries

# An organisation's taxonomy that replaces the built-in one and has no "advocacy".
WITHOUT_ADVOCACY = """\
extends = "none"

[work_types.direct]
label = "Direct"

[categories.harm_reduction]
work_type = "direct"
label = "Harm reduction"
"""


def db_state(path: Path) -> tuple[str, int]:
    """The database file as it is: its bytes (as a digest) and its modification time."""
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def folder_state(folder: Path) -> dict[str, str]:
    """Every file of a data folder, by name, with a digest of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def nothing_new_beside(path: Path, before: set[str]) -> bool:
    """Nothing holding data appeared beside the file: SQLite may leave an empty -wal and its
    -shm index behind a connection that could not check the file, but no saved page."""
    new = {p.name for p in path.parent.iterdir()} - before
    wal = path.parent / f"{path.name}-wal"
    return new <= {wal.name, f"{path.name}-shm"} and (not wal.exists() or wal.stat().st_size == 0)


def close(outcome) -> None:
    if isinstance(outcome, Opened):
        outcome.store.close()


# ------------------------------------------------------------ a folder with backups


def fill(store: Store, first: int, last: int) -> None:
    for n in range(first, last):
        store.add(entry(n, note=LONG_NOTE))


def make_backups(store: Store) -> dict[str, Path]:
    """Backups, oldest to newest: a good one of 40 entries, a good one of 41, then a damaged
    (truncated) one and an empty one, both newer than every good one."""
    folder = backups.backup_folder(store.path)
    fill(store, 0, 40)
    older = folder / "peerdesk-2026-11-20.db"
    backups.make_backup(store.path, older, store.cipher)
    fill(store, 40, 41)
    newer = folder / "peerdesk-2026-11-21.db"
    backups.make_backup(store.path, newer, store.cipher)
    truncated = folder / "peerdesk-2026-11-22.db"
    whole = newer.read_bytes()
    truncated.write_bytes(whole[: len(whole) // 2])
    empty = folder / "peerdesk-manual-20261123T090000Z.db"
    empty.write_bytes(b"")
    now = time.time()
    for age_days, path in ((4, older), (3, newer), (2, truncated), (1, empty)):
        os.utime(path, (now - age_days * 86400, now - age_days * 86400))
    # the newer bad copies really are bad, so finding the good one means something
    assert not backups.check_file(truncated, store.cipher).ok and not backups.check_file(empty, store.cipher).ok
    assert backups.check_file(newer, store.cipher).entries == 41
    fill(store, 41, 60)
    return {"older": older, "newer": newer, "truncated": truncated, "empty": empty}


def spoil_middle(path: Path) -> None:
    """Overwrite the start of a page in the middle of the file, as a failing disk might (its
    header: bytes in a page's free space are damage no check can see, nor needs to)."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536  # the page size, from the file's header
    middle = len(data) // 2 // page * page
    data[middle : middle + 2000] = b"\x55" * 2000
    path.write_bytes(bytes(data))


def empty(path: Path) -> None:
    path.write_bytes(b"")


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def foreign(path: Path) -> None:
    """Another program's SQLite file under PeerDesk's name."""
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('someone', '555 0100')")
    conn.commit()
    conn.close()


def text(path: Path) -> None:
    path.write_text("name,phone\nsomeone,555 0100\n" * 40, "utf-8")


SPOILERS = {
    "empty": (empty, "is empty (0 bytes)"),
    "truncated": (truncate, "damaged"),
    "damaged": (spoil_middle, "damaged"),
    "foreign": (foreign, "is not a PeerDesk database (it has tables contacts)"),
    "not-sqlite": (text, "is not a SQLite database"),
}


# ------------------------------------------------------------ open_store


def test_a_new_folder_gets_a_new_store(workspace):
    assert not workspace.db_path.exists()
    outcome = open_store(workspace)
    assert isinstance(outcome, Opened)
    assert workspace.db_path.exists() and outcome.store.path == workspace.db_path
    assert outcome.store.count() == 0 and outcome.store.cipher is None
    assert outcome.store is workspace.open_store()  # the workspace's own store, not a second one
    check = backups.check_file(workspace.db_path)
    assert check.ok and check.revision == migrations.HEAD


@needs_sqlcipher
def test_a_new_folder_on_a_shared_computer_gets_an_encrypted_store(workspace):
    outcome = open_store(workspace, PASSPHRASE, encrypt=True)
    assert isinstance(outcome, Opened) and outcome.store.cipher is not None
    outcome.store.add(entry(1))
    workspace.close()
    assert crypto.looks_encrypted(workspace.db_path)
    assert not workspace.db_path.read_bytes().startswith(b"SQLite format 3")


@needs_sqlcipher
def test_an_encrypted_store_needs_its_passphrase(data_dir):
    made = Workspace(data_dir)
    made.create_encrypted(PASSPHRASE).add(entry(1))
    made.close()
    before = folder_state(data_dir)

    ws = Workspace(data_dir)
    try:
        asked = open_store(ws)
        assert isinstance(asked, NeedsPassphrase) and not asked.wrong
        assert "needs its passphrase" in asked.message
        wrong = open_store(ws, "Correct horse battery")
        assert isinstance(wrong, NeedsPassphrase) and wrong.wrong
        assert "does not open" in wrong.message
        assert folder_state(data_dir) == before  # neither try changed a file
        right = open_store(ws, PASSPHRASE)
        assert isinstance(right, Opened) and right.store.cipher is not None
        assert [e.id for e in right.store.entries_between(entry(1).date, entry(1).date)] == ["e-1"]
    finally:
        ws.close()


@pytest.mark.parametrize("spoil", [s for s, _m in SPOILERS.values()], ids=SPOILERS.keys())
def test_a_file_that_cannot_be_used_is_left_as_it_is_and_the_newest_good_backup_is_named(workspace, spoil):
    made = make_backups(workspace.open_store())
    workspace.close()
    spoil(workspace.db_path)
    before, names = db_state(workspace.db_path), {p.name for p in workspace.data_dir.iterdir()}

    outcome = open_store(workspace)
    close(outcome)
    assert isinstance(outcome, Damaged), outcome
    assert SPOILERS[next(k for k, (s, _m) in SPOILERS.items() if s is spoil)][1] in outcome.message
    assert db_state(workspace.db_path) == before  # not a byte changed, not even its time
    assert nothing_new_beside(workspace.db_path, names)
    assert outcome.newest_good is not None
    assert outcome.newest_good.path == made["newer"]  # not the newer damaged or empty copies
    assert outcome.newest_good.check.entries == 41


def test_a_damaged_file_without_good_backups_names_none(workspace):
    fill(workspace.open_store(), 0, 30)
    workspace.close()
    truncate(workspace.db_path)
    outcome = open_store(workspace)
    assert isinstance(outcome, Damaged) and outcome.newest_good is None


ENCRYPTED_SPOILERS = [
    pytest.param(empty, id="empty"),
    pytest.param(truncate, id="truncated"),
    pytest.param(spoil_middle, id="damaged"),
]


@needs_sqlcipher
@pytest.mark.parametrize("spoil", ENCRYPTED_SPOILERS)
def test_an_encrypted_file_that_cannot_be_used_names_its_newest_good_backup(data_dir, spoil):
    made = Workspace(data_dir)
    good = make_backups(made.create_encrypted(PASSPHRASE))
    made.close()
    spoil(made.db_path)
    before = db_state(made.db_path)

    ws = Workspace(data_dir)
    try:
        outcome = open_store(ws, PASSPHRASE)
        close(outcome)
        assert isinstance(outcome, Damaged), outcome
        assert db_state(ws.db_path) == before
        assert outcome.newest_good is not None, "the encrypted backups were checked without their key"
        assert outcome.newest_good.path == good["newer"] and outcome.newest_good.check.entries == 41
    finally:
        ws.close()


def test_a_taxonomy_that_lacks_a_stored_category_is_refused(workspace, tmp_path):
    workspace.open_store().add(entry(1, category="advocacy"))
    workspace.close()
    before = db_state(workspace.db_path)
    taxonomy_file = tmp_path / "org-taxonomy.toml"
    taxonomy_file.write_text(WITHOUT_ADVOCACY, "utf-8")

    outcome = open_store(Workspace(workspace.data_dir, taxonomy_file))
    close(outcome)
    assert isinstance(outcome, Refused) and outcome.taxonomy, outcome
    assert "advocacy (1 entries)" in outcome.message and str(taxonomy_file) in outcome.message
    assert db_state(workspace.db_path) == before
    # restoring a backup would not help; the taxonomy that has the category opens it
    again = open_store(Workspace(workspace.data_dir))
    assert isinstance(again, Opened) and again.store.count() == 1
    close(again)


def test_a_taxonomy_file_that_cannot_be_read_is_refused_as_a_taxonomy_problem(workspace, tmp_path):
    broken = tmp_path / "org-taxonomy.toml"
    broken.write_text('[categories.harm_reduction]\nlabel = "unfinished\n', "utf-8")
    outcome = open_store(Workspace(workspace.data_dir, broken))
    assert isinstance(outcome, Refused) and outcome.taxonomy
    assert str(broken) in outcome.message


def test_a_file_from_a_newer_peerdesk_is_refused_and_left_as_it_is(workspace):
    workspace.open_store().add(entry(1))
    workspace.close()
    sql(workspace.db_path, "UPDATE alembic_version SET version_num = '9999'")
    before, names = db_state(workspace.db_path), {p.name for p in workspace.data_dir.iterdir()}

    outcome = open_store(workspace)
    close(outcome)
    assert isinstance(outcome, Refused) and not outcome.taxonomy, outcome
    assert "newer PeerDesk (schema revision 9999)" in outcome.message
    assert db_state(workspace.db_path) == before
    assert nothing_new_beside(workspace.db_path, names)  # no backup before a migration either
    assert not backups.backup_folder(workspace.db_path).exists()


# ------------------------------------------------------------ check_store


def test_check_of_a_good_file_reports_it_and_writes_nothing_to_it(workspace):
    fill(workspace.open_store(), 0, 5)
    workspace.close()
    before = db_state(workspace.db_path)
    report = check_store(Workspace(workspace.data_dir))
    assert (report.path, report.entries, report.revision, report.upgrade_due) == (
        workspace.db_path,
        5,
        migrations.HEAD,
        False,
    )
    assert db_state(workspace.db_path) == before


def test_check_of_a_good_file_leaves_no_file_beside_it(workspace):
    workspace.open_store().add(entry(1))
    workspace.close()
    names = sorted(p.name for p in workspace.data_dir.iterdir())
    check_store(Workspace(workspace.data_dir))
    assert sorted(p.name for p in workspace.data_dir.iterdir()) == names


def test_check_of_a_damaged_file_names_the_newest_good_backup(workspace):
    made = make_backups(workspace.open_store())
    workspace.close()
    truncate(workspace.db_path)
    before = db_state(workspace.db_path)
    with pytest.raises(CheckFailed) as failed:
        check_store(Workspace(workspace.data_dir))
    assert not failed.value.usage
    message = str(failed.value)
    assert "damaged" in message
    assert f"the newest good backup is {made['newer']} (41 entries)" in message
    assert db_state(workspace.db_path) == before


def test_check_of_a_missing_file_says_so_and_makes_none(workspace):
    with pytest.raises(CheckFailed, match="does not exist yet") as failed:
        check_store(workspace)
    assert not failed.value.usage and not workspace.db_path.exists()


@needs_sqlcipher
def test_check_of_an_encrypted_file_needs_its_passphrase(data_dir):
    made = Workspace(data_dir)
    made.create_encrypted(PASSPHRASE).add(entry(1))
    made.close()
    before = db_state(made.db_path)
    with pytest.raises(CheckFailed, match="--passphrase-file") as failed:
        check_store(Workspace(data_dir))
    assert failed.value.usage  # how the check was asked for, not the file
    with pytest.raises(CheckFailed, match="does not open") as wrong:
        check_store(Workspace(data_dir, passphrase="Correct horse battery"))
    assert not wrong.value.usage
    report = check_store(Workspace(data_dir, passphrase=PASSPHRASE))
    assert (report.entries, report.upgrade_due) == (1, False)
    assert db_state(made.db_path) == before


def test_check_of_an_older_schema_says_an_upgrade_is_due_and_does_not_do_it(workspace, alembic_upgrade):
    alembic_upgrade(workspace.db_path, "0001")
    assert migrations.HEAD != "0001"
    before = db_state(workspace.db_path)
    report = check_store(workspace)
    assert (report.revision, report.upgrade_due, report.entries) == ("0001", True, 0)
    assert db_state(workspace.db_path) == before
    assert sql(workspace.db_path, "SELECT version_num FROM alembic_version") == [("0001",)]
    # opening it is what upgrades it
    outcome = open_store(workspace)
    assert isinstance(outcome, Opened)
    workspace.close()
    assert check_store(Workspace(workspace.data_dir)).upgrade_due is False


def test_check_of_a_newer_schema_says_update_peerdesk(workspace):
    workspace.open_store().add(entry(1))
    workspace.close()
    sql(workspace.db_path, "UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(CheckFailed, match="newer PeerDesk"):
        check_store(Workspace(workspace.data_dir))


def test_check_with_a_taxonomy_that_lacks_a_stored_category_names_it(workspace, tmp_path):
    workspace.open_store().add(entry(1, category="advocacy"))
    workspace.close()
    taxonomy_file = tmp_path / "org-taxonomy.toml"
    taxonomy_file.write_text(WITHOUT_ADVOCACY, "utf-8")
    with pytest.raises(CheckFailed, match="categories the taxonomy lacks: advocacy"):
        check_store(Workspace(workspace.data_dir, taxonomy_file))
