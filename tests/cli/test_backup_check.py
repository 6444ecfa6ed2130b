"""`peerdesk backup` and `peerdesk check`, and every command refusing a damaged file.

Real files throughout: demo data folders, truncated and byte-flipped copies,
another program's database; real processes for the umask, a writer killed with
SIGKILL and a read-only folder.
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from peerdesk import demo
from peerdesk.storage import backups, migrations

POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="file modes, SIGKILL and read-only folders are POSIX")


@pytest.fixture(autouse=True)
def keep_umask():
    """main() sets the process umask to 077; give the next test back the one it had."""
    old = os.umask(0o022)
    os.umask(old)
    yield
    os.umask(old)


@pytest.fixture
def demo_folder(data_dir) -> tuple[Path, int]:
    count = demo.create_demo_folder(data_dir, weeks=4)
    return data_dir, count


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damage(db: Path, how: str) -> None:
    data = db.read_bytes()
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    if how == "truncated":
        db.write_bytes(data[: len(data) // 2])
    elif how == "flipped":  # the page-type byte of every page in the middle half: beyond repair
        out = bytearray(data)
        pages = len(data) // 4096
        for page in range(pages // 4, 3 * pages // 4):
            out[page * 4096] ^= 0xFF
        db.write_bytes(bytes(out))
    elif how == "empty":
        db.write_bytes(b"")
    elif how == "text":
        db.write_text("Monday: 2 groups, 1 home visit\n", "utf-8")
    elif how == "foreign":
        db.unlink()
        conn = sqlite3.connect(db)
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.commit()
        conn.close()
    else:
        raise AssertionError(how)
    assert not backups.check_file(db).ok


REASONS = {
    "truncated": "is damaged",
    "flipped": "is damaged",
    "empty": "is empty (0 bytes)",
    "text": "is not a SQLite database",
    "foreign": "is not a PeerDesk database",
}


def add_args(data_dir: Path, day) -> list[str]:
    return ["add", "--data-dir", str(data_dir), "--date", day.isoformat(), "--minutes", "30", "--category", "advocacy"]


# ---------------------------------------------------------------- peerdesk backup


def test_backup_prints_the_file_and_its_entries(cli, demo_folder):
    data_dir, count = demo_folder
    r = cli("backup", "--data-dir", data_dir)
    assert r.code == 0, r.err
    assert r.err == ""
    m = re.fullmatch(r"(.+) \((\d+) entries, checked\)\n", r.out)
    assert m, r.out
    path = Path(m.group(1))
    assert path.parent == data_dir / "backups"
    assert re.fullmatch(r"peerdesk-manual-\d{8}T\d{6}Z\.db", path.name)
    assert int(m.group(2)) == count
    check = backups.check_file(path)
    assert check.ok and check.entries == count
    assert [p.name for p in (data_dir / "backups").iterdir()] == [path.name]
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_backup_out_writes_the_named_file(cli, demo_folder, tmp_path):
    data_dir, count = demo_folder
    out = tmp_path / "usb stick" / "peerdesk copy.db"
    r = cli("backup", "--data-dir", data_dir, "--out", out)
    assert r.code == 0, r.err
    assert r.out == f"{out} ({count} entries, checked)\n"
    assert backups.check_file(out).entries == count
    assert not (data_dir / "backups").exists()  # nothing else was written
    assert sorted(p.name for p in out.parent.iterdir()) == ["peerdesk copy.db"]


def test_backup_out_replaces_an_older_copy_with_the_newer_data(cli, demo_folder, tmp_path, yesterday):
    data_dir, count = demo_folder
    out = tmp_path / "copy.db"
    assert cli("backup", "--data-dir", data_dir, "--out", out).code == 0
    assert cli(*add_args(data_dir, yesterday)).code == 0
    r = cli("backup", "--data-dir", data_dir, "--out", out)
    assert r.code == 0 and f"({count + 1} entries, checked)" in r.out
    assert backups.check_file(out).entries == count + 1


@POSIX_ONLY
def test_backup_out_into_a_read_only_folder_fails_with_a_message(demo_folder, tmp_path, run_peerdesk):
    data_dir, _count = demo_folder
    locked = tmp_path / "locked"
    locked.mkdir()
    os.chmod(locked, 0o500)
    try:
        r = run_peerdesk("backup", "--data-dir", data_dir, "--out", locked / "copy.db", honour_permissions=True)
    finally:
        os.chmod(locked, 0o700)
    assert r.code == 1, r.err
    assert r.out == ""
    assert r.err.startswith("peerdesk: ") and "failed" in r.err
    assert list(locked.iterdir()) == []


# ---------------------------------------------------------------- peerdesk check


def test_check_says_ok_on_a_good_folder(cli, demo_folder):
    data_dir, count = demo_folder
    r = cli("check", "--data-dir", data_dir)
    assert r.code == 0, r.err
    assert r.err == ""
    assert r.out.startswith(f"{data_dir / 'peerdesk.db'}: ok ({count} entries, schema {migrations.HEAD}")


def test_check_of_a_folder_without_a_database(cli, data_dir):
    r = cli("check", "--data-dir", data_dir)
    assert r.code == 1
    assert "does not exist" in r.err
    assert not (data_dir / "peerdesk.db").exists()


def make_backups_then_damage(cli, data_dir: Path, yesterday, how: str) -> tuple[Path, int]:
    """An older good backup, a newer good one, a newest damaged one; then the database is damaged."""
    folder = data_dir / "backups"
    older, newer = folder / "peerdesk-2026-11-20.db", folder / "peerdesk-2026-11-23.db"
    broken = folder / "peerdesk-manual-broken.db"
    assert cli("backup", "--data-dir", data_dir, "--out", older).code == 0
    assert cli(*add_args(data_dir, yesterday)).code == 0
    r = cli("backup", "--data-dir", data_dir, "--out", newer)
    assert r.code == 0
    entries = backups.check_file(newer).entries
    broken.write_bytes(newer.read_bytes()[:5000])
    for path, stamp in ((older, 1_790_000_000), (newer, 1_790_100_000), (broken, 1_790_200_000)):
        os.utime(path, (stamp, stamp))
    for daily in set(folder.glob("peerdesk-*.db")) - {older, newer, broken}:  # the add's daily backup
        os.utime(daily, (1_789_000_000, 1_789_000_000))  # older than the ones this test is about
    damage(data_dir / "peerdesk.db", how)
    return newer, entries


@pytest.mark.parametrize("how", ["truncated", "flipped", "empty", "foreign", "text"])
def test_check_of_a_damaged_file_names_the_reason_and_the_newest_good_backup(cli, demo_folder, yesterday, how):
    data_dir, _count = demo_folder
    newest_good, entries = make_backups_then_damage(cli, data_dir, yesterday, how)
    db = data_dir / "peerdesk.db"
    before = sha256(db)

    r = cli("check", "--data-dir", data_dir)

    assert r.code == 1
    assert r.out == ""
    assert r.err.startswith(f"peerdesk: {db} {REASONS[how]}")
    assert f"the newest good backup is {newest_good} ({entries} entries)" in r.err
    assert "peerdesk-manual-broken.db" not in r.err  # newer, but it fails its own check
    assert sha256(db) == before
    assert not list((data_dir / "backups").glob("peerdesk-before-restore-*"))


@pytest.mark.parametrize("how", ["truncated", "flipped"])
def test_check_of_a_damaged_file_without_backups(cli, demo_folder, how):
    data_dir, _count = demo_folder
    db = data_dir / "peerdesk.db"
    damage(db, how)
    before = sha256(db)
    r = cli("check", "--data-dir", data_dir)
    assert r.code == 1
    assert REASONS[how] in r.err and "backup" not in r.err
    assert sha256(db) == before


def _previous_revision() -> str | None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", migrations.SCRIPT_LOCATION)
    down = ScriptDirectory.from_config(cfg).get_revision(migrations.HEAD).down_revision
    return down if isinstance(down, str) else None


def test_check_of_an_older_schema_says_it_will_be_upgraded_and_changes_nothing(cli, data_dir):
    previous = _previous_revision()
    if previous is None:
        pytest.skip("the schema has only one revision")
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    db = data_dir / "peerdesk.db"
    cfg = Config()
    cfg.set_main_option("script_location", migrations.SCRIPT_LOCATION)
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, previous)
    engine.dispose()
    before = sha256(db)

    r = cli("check", "--data-dir", data_dir)

    assert r.code == 0, r.err
    assert f"schema revision {previous} will be upgraded to {migrations.HEAD}" in r.out
    assert sha256(db) == before
    assert not (data_dir / "backups").exists()


def test_check_of_a_newer_schema_fails(cli, demo_folder):
    data_dir, _count = demo_folder
    db = data_dir / "peerdesk.db"
    conn = sqlite3.connect(db)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    r = cli("check", "--data-dir", data_dir)
    assert r.code == 1 and "newer" in r.err


@POSIX_ONLY
def test_check_of_a_good_file_in_a_read_only_folder_is_ok(demo_folder, run_peerdesk):
    data_dir, count = demo_folder
    os.chmod(data_dir, 0o500)
    try:
        r = run_peerdesk("check", "--data-dir", data_dir, honour_permissions=True)
    finally:
        os.chmod(data_dir, 0o700)
    assert "damaged" not in r.err
    assert r.code == 0 and f"ok ({count} entries" in r.out


# ---------------------------------------------------------------- every other command refuses


@pytest.mark.parametrize("how", ["truncated", "flipped"])
@pytest.mark.parametrize("command", ["list", "add", "backup"])
def test_commands_refuse_a_damaged_file_and_leave_it_alone(cli, demo_folder, yesterday, how, command):
    data_dir, _count = demo_folder
    db = data_dir / "peerdesk.db"
    damage(db, how)
    before = sha256(db)
    args = {
        "list": ["list", "--data-dir", str(data_dir)],
        "add": add_args(data_dir, yesterday),
        "backup": ["backup", "--data-dir", str(data_dir)],
    }[command]

    r = cli(*args)

    assert r.code == 1
    assert r.out == ""
    assert r.err.startswith(f"peerdesk: {db} is damaged")
    assert "not changed" in r.err
    assert sha256(db) == before
    assert not (data_dir / "backups").exists()  # no backup of a damaged file, no migration backup


@pytest.mark.parametrize("how", ["empty", "text", "foreign"])
def test_backup_refuses_files_that_are_not_peerdesk_databases(cli, data_dir, how):
    db = data_dir / "peerdesk.db"
    db.write_bytes(b"x")  # replaced by damage()
    damage(db, how)
    before = sha256(db)
    r = cli("backup", "--data-dir", data_dir)
    assert r.code == 1 and r.out == ""
    assert r.err.startswith("peerdesk: ")
    assert sha256(db) == before
    assert not (data_dir / "backups").exists()


def damage_only_integrity_check_sees(db: Path) -> None:
    """Flip one byte of an entry id inside the id index: the b-trees stay well-formed, so
    PRAGMA quick_check says ok, but PRAGMA integrity_check finds the index and table disagree."""
    conn = sqlite3.connect(db)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'sqlite_autoindex_entries_1'").fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(db.read_bytes())
    assert data[(root - 1) * page_size] == 10  # one leaf page holds the whole index
    data[root * page_size - 1] ^= 0x01  # the last byte of the page: inside a cell's key
    db.write_bytes(bytes(data))
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    conn.close()
    assert "missing from index" in backups.check_file(db).message


def test_add_refuses_a_file_that_check_calls_damaged(cli, data_dir, yesterday):
    import datetime as dt

    from peerdesk.domain.entry import Entry
    from peerdesk.storage.store import Store

    db = data_dir / "peerdesk.db"
    stamp = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
    with Store(db) as store:
        store.restore_many(
            Entry(id=f"e-{n:04d}", worker="PW", date=yesterday, minutes=30, category="advocacy",
                  created_at=stamp, updated_at=stamp)
            for n in range(30)
        )
    damage_only_integrity_check_sees(db)
    assert cli("check", "--data-dir", data_dir).code == 1
    before = sha256(db)

    r = cli(*add_args(data_dir, yesterday))

    assert r.code == 1 and "damaged" in r.err
    assert sha256(db) == before


# ---------------------------------------------------------------- real processes


@POSIX_ONLY
def test_files_are_owner_only_even_with_a_permissive_umask(run_peerdesk, tmp_path, yesterday):
    data_dir = tmp_path / "new" / "data"
    out = tmp_path / "exports" / "copy.db"
    old = os.umask(0o022)  # inherited by the child: the owner-only modes must come from PeerDesk
    try:
        added = run_peerdesk(*add_args(data_dir, yesterday))
        made = run_peerdesk("backup", "--data-dir", data_dir)
        copied = run_peerdesk("backup", "--data-dir", data_dir, "--out", out)
    finally:
        os.umask(old)
    assert added.code == 0, added.err
    assert made.code == 0, made.err
    assert copied.code == 0, copied.err

    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((data_dir / "peerdesk.db").stat().st_mode) == 0o600
    backup = Path(made.out.split(" (")[0])
    assert backup.parent == data_dir / "backups"
    assert stat.S_IMODE(backup.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    for path in [*data_dir.rglob("*"), out.parent]:
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, f"{path} is readable by others"


WRITER = """
import datetime as dt, sys
from peerdesk.domain.entry import Entry
from peerdesk.storage.store import Store
store = Store(sys.argv[1])
for n in range(int(sys.argv[2])):
    store.add(Entry(id=f"w-{n:06d}", worker="PW", date=dt.date(2026, 11, 2), minutes=30, category="advocacy"))
print("saved", flush=True)
sys.stdin.read()  # hold the store open until killed
"""


@POSIX_ONLY
def test_check_and_backup_after_a_writer_was_killed(run_peerdesk, demo_folder):
    data_dir, count = demo_folder
    db = data_dir / "peerdesk.db"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), "30"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout.readline().strip() == "saved"
        os.kill(writer.pid, signal.SIGKILL)
        assert writer.wait(30) == -signal.SIGKILL
    finally:
        writer.kill()
        writer.wait()
    assert Path(f"{db}-wal").stat().st_size > 0  # the killed writer's entries are still in its WAL

    made = run_peerdesk("backup", "--data-dir", data_dir)
    checked = run_peerdesk("check", "--data-dir", data_dir)

    assert made.code == 0, made.err
    assert f"({count + 30} entries, checked)" in made.out
    assert checked.code == 0, checked.err
    assert f": ok ({count + 30} entries" in checked.out
