"""Backups, the file check and restore, on real SQLite files and real processes (no mocks of SQLite).

Damaged files are made the way disks and people damage them: cut short, bytes
flipped in the middle, emptied, replaced by text or by another program's
database. Writers and backup makers are real processes ended with SIGKILL.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import queue
import random
import re
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from peerdesk import demo
from peerdesk.domain.entry import Entry
from peerdesk.storage import backups, migrations
from peerdesk.storage.backups import BackupError, check_file, daily_backup_if_due, make_backup, restore_backup
from peerdesk.storage.store import Store

POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="file modes, SIGKILL and read-only folders are POSIX")


# ---------------------------------------------------------------- helpers

STAMP = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


def entry(n: int, tag: str = "e") -> Entry:
    return Entry(
        id=f"{tag}-{n:06d}",
        worker="PW-07",
        date=dt.date(2026, 11, 2) + dt.timedelta(days=n % 20),
        minutes=5 + n % 600,
        category="advocacy",
        note=f"note {n}",
        created_at=STAMP,
        updated_at=STAMP,
    )


def fill(path: Path, count: int, tag: str = "e") -> None:
    """A closed PeerDesk database at *path* with *count* more entries."""
    store = Store(path)
    try:
        store.restore_many(entry(n, tag) for n in range(count))
    finally:
        store.close()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def count_rows(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> tuple[bytes, int]:
    """The bytes of a closed, realistic demo database (several weeks, many pages) and its entry count."""
    folder = tmp_path_factory.mktemp("demo") / "data"
    count = demo.create_demo_folder(folder, weeks=8)
    db = folder / "peerdesk.db"
    assert not Path(f"{db}-wal").exists()  # closed: everything is in the main file
    return db.read_bytes(), count


@pytest.fixture
def demo_db(data_dir, demo_template) -> tuple[Path, int]:
    data, count = demo_template
    db = data_dir / "peerdesk.db"
    db.write_bytes(data)
    return db, count


@pytest.fixture
def loose_umask():
    """A permissive umask (022), so the modes checked are PeerDesk's doing, not the test process's."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def foreign_db(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT, minutes INTEGER)")
    conn.execute("INSERT INTO recipes VALUES ('soup', 40)")
    conn.commit()
    conn.close()
    return path


def flip_middle_bytes(data: bytes, seed: int, flips: int = 8, page_size: int = 4096) -> bytes:
    """*flips* bytes inverted at random places in the middle half of the file's pages."""
    rnd = random.Random(seed)
    pages = len(data) // page_size
    lo, hi = (pages // 4) * page_size, (3 * pages // 4) * page_size
    out = bytearray(data)
    for _ in range(flips):
        out[rnd.randrange(lo, hi)] ^= 0xFF
    return bytes(out)


def run_without_write_access(honouring_permissions, code: str, *args: str) -> dict:
    """Run *code* in a real process that honours folder permissions (even as root); it prints JSON."""
    proc = honouring_permissions([sys.executable, "-c", code, *args])
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


# ---------------------------------------------------------------- make_backup


def test_backup_is_a_checked_copy_with_every_entry(demo_db, loose_umask):
    db, count = demo_db
    target = backups.backup_folder(db) / "peerdesk-manual.db"
    before = sha256(db)

    check = make_backup(db, target)

    assert check.ok and check.entries == count and check.revision == migrations.HEAD
    again = check_file(target)
    assert again.ok and again.entries == count
    assert count_rows(target) == count
    assert sorted(p.name for p in target.parent.iterdir()) == ["peerdesk-manual.db"]  # no temporary file left
    assert sha256(db) == before  # the source is only read
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700


def test_backup_of_an_open_store_includes_what_is_only_in_the_wal(data_dir):
    db = data_dir / "peerdesk.db"
    fill(db, 3)
    store = Store(db)  # left open: the new entries stay in peerdesk.db-wal
    try:
        store.restore_many(entry(n, "wal") for n in range(25))
        wal = Path(f"{db}-wal")
        assert wal.exists() and wal.stat().st_size > 0
        main_only = data_dir / "main-only"
        main_only.mkdir()
        (main_only / "peerdesk.db").write_bytes(db.read_bytes())
        assert check_file(main_only / "peerdesk.db").entries < 28  # the main file alone lacks them

        target = data_dir / "backups" / "peerdesk-manual.db"
        check = make_backup(db, target)

        assert check.ok and check.entries == 28 == store.count()
        assert check_file(target).entries == 28
        assert not Path(f"{target}-wal").exists()  # a backup is one self-contained file
    finally:
        store.close()


def test_an_older_backup_at_the_target_is_replaced_by_a_good_copy(data_dir, loose_umask):
    db = data_dir / "peerdesk.db"
    fill(db, 2)
    target = data_dir / "backups" / "peerdesk-2026-11-24.db"
    make_backup(db, target)
    assert check_file(target).entries == 2
    fill(db, 5, "more")

    check = make_backup(db, target)

    assert check.entries == 7 and check_file(target).entries == 7
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize("damage", ["truncated", "text", "foreign", "empty-tables"])
def test_a_failed_copy_never_replaces_the_older_backup(data_dir, demo_template, damage):
    data, count = demo_template
    good_source = data_dir / "good.db"
    good_source.write_bytes(data)
    target = data_dir / "backups" / "peerdesk-2026-11-24.db"
    make_backup(good_source, target)
    old = target.read_bytes()

    source = data_dir / "peerdesk.db"
    if damage == "truncated":
        source.write_bytes(data[: len(data) // 2])
    elif damage == "text":
        source.write_text("shopping list: milk, bread\n", "utf-8")
    elif damage == "foreign":
        foreign_db(source)
    else:  # a SQLite file with PeerDesk's tables missing
        sqlite3.connect(source).close()
        conn = sqlite3.connect(source)
        conn.execute("CREATE TABLE entries (id TEXT)")
        conn.commit()
        conn.close()
    source_before = source.read_bytes()

    with pytest.raises(BackupError):
        make_backup(source, target)

    assert target.read_bytes() == old  # the older backup is untouched
    assert check_file(target).ok and check_file(target).entries == count
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]  # the half-made copy is gone
    assert source.read_bytes() == source_before


@POSIX_ONLY
def test_backup_into_a_read_only_folder_fails_and_keeps_the_older_backup(data_dir, honouring_permissions):
    db = data_dir / "peerdesk.db"
    fill(db, 4)
    folder = data_dir / "backups"
    target = folder / "peerdesk-manual.db"
    make_backup(db, target)
    old = target.read_bytes()
    fill(db, 3, "more")
    os.chmod(folder, 0o500)
    try:
        result = run_without_write_access(
            honouring_permissions,
            "import json, sys\n"
            "from pathlib import Path\n"
            "from peerdesk.storage import backups\n"
            "try:\n"
            "    backups.make_backup(Path(sys.argv[1]), Path(sys.argv[2]))\n"
            "    print(json.dumps({'error': None}))\n"
            "except backups.BackupError as exc:\n"
            "    print(json.dumps({'error': str(exc)}))\n",
            str(db),
            str(target),
        )
    finally:
        os.chmod(folder, 0o700)
    assert result["error"] and "failed" in result["error"]
    assert target.read_bytes() == old
    assert sorted(p.name for p in folder.iterdir()) == [target.name]


# ---------------------------------------------------------------- real processes

WRITER = """
import datetime as dt, sys
from peerdesk.domain.entry import Entry
from peerdesk.storage.store import Store
store = Store(sys.argv[1])
for n in range(int(sys.argv[2])):
    store.add(Entry(id=f"w-{n:06d}", worker="PW", date=dt.date(2026, 11, 2), minutes=30, category="advocacy"))
    print(f"w-{n:06d}", flush=True)   # only after add() has returned
print("holding", flush=True)
sys.stdin.read()  # keep the store open (and the WAL unmerged) until killed
"""


def _spawn_writer(db: Path, count: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), str(count)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


@POSIX_ONLY
def test_backup_after_a_writer_was_killed_has_every_saved_entry(data_dir):
    db = data_dir / "peerdesk.db"
    Store(db).close()
    writer = _spawn_writer(db, 40)
    try:
        saved = [writer.stdout.readline().strip() for _ in range(40)]
        assert writer.stdout.readline().strip() == "holding"
        os.kill(writer.pid, signal.SIGKILL)
        assert writer.wait(30) == -signal.SIGKILL
    finally:
        writer.kill()
        writer.wait()
    assert Path(f"{db}-wal").stat().st_size > 0  # the killed process never merged its WAL
    before = sha256(db)

    check = make_backup(db, data_dir / "backups" / "after-kill.db")

    assert check.ok and check.entries == len(saved) == 40
    assert check_file(db).entries == 40
    conn = sqlite3.connect(data_dir / "backups" / "after-kill.db")
    assert sorted(r[0] for r in conn.execute("SELECT id FROM entries")) == saved
    conn.close()
    assert sha256(db) == before  # making a backup never writes the database


@POSIX_ONLY
def test_backups_made_while_another_process_writes_are_good_and_complete(data_dir):
    db = data_dir / "peerdesk.db"
    Store(db).close()
    writer = _spawn_writer(db, 100_000)
    confirmed: queue.Queue[str] = queue.Queue()

    def read() -> None:
        for line in writer.stdout:
            confirmed.put(line.strip())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    seen: list[str] = []
    counts = []
    try:
        for round_no in range(6):
            for _ in range(5):  # let the writer save a few more first (no sleeping: wait for its word)
                seen.append(confirmed.get(timeout=60))
            while not confirmed.empty():
                seen.append(confirmed.get_nowait())
            saved_before = len(seen)
            check = make_backup(db, data_dir / "backups" / f"during-{round_no}.db")
            assert check.ok, check.message
            assert check.entries >= saved_before  # every save confirmed before the backup is in it
            counts.append(check.entries)
    finally:
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait(30)
        reader.join(30)
    assert counts == sorted(counts) and counts[-1] > counts[0]  # the writer really was writing meanwhile
    assert check_file(db).ok


BACKER = """
import sys
from pathlib import Path
from peerdesk.storage.backups import make_backup
for n in range(1_000_000):
    make_backup(Path(sys.argv[1]), Path(sys.argv[2]))
    print(n, flush=True)
"""


@POSIX_ONLY
def test_a_backup_process_killed_at_any_moment_leaves_the_target_good(data_dir, demo_template):
    data, count = demo_template
    db = data_dir / "peerdesk.db"
    db.write_bytes(data)
    target = data_dir / "backups" / "peerdesk-manual.db"
    for round_no in range(8):
        proc = subprocess.Popen([sys.executable, "-c", BACKER, str(db), str(target)], stdout=subprocess.PIPE, text=True)
        try:
            for _ in range(1 + round_no % 3):
                assert proc.stdout.readline().strip().isdigit()
            os.kill(proc.pid, signal.SIGKILL)  # somewhere inside the next backup
            assert proc.wait(30) == -signal.SIGKILL
        finally:
            proc.kill()
            proc.wait()
        result = check_file(target)
        assert result.ok and result.entries == count, result.message
        # a half-made copy may be left under its temporary name, never under a backup's name
        assert [b.path.name for b in backups.list_backups(db)] == [target.name]
    make_backup(db, target)  # the next backup clears any temporary file left by the killed one
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]


# ---------------------------------------------------------------- check_file


def test_check_of_a_good_file_gives_its_entries_and_revision(demo_db):
    db, count = demo_db
    before = sha256(db)
    result = check_file(db)
    assert result.ok and result.message == "ok"
    assert result.entries == count and result.revision == migrations.HEAD
    assert sha256(db) == before


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "is empty (0 bytes)"),
        (b"Date,Minutes\n2026-11-25,30\n", "is not a SQLite database"),
        ("Notizen über die Woche\n".encode("utf-16"), "is not a SQLite database"),
        (b"SQLite format 3\x00" + b"\x00" * 20, "is damaged"),
    ],
    ids=["0-byte", "csv-text", "utf16-text", "header-only"],
)
def test_check_of_files_that_are_not_databases(data_dir, content, reason):
    path = data_dir / "peerdesk.db"
    path.write_bytes(content)
    result = check_file(path)
    assert not result.ok and result.entries is None
    assert result.message.startswith(reason)
    assert path.read_bytes() == content


def test_check_of_a_missing_file(data_dir):
    result = check_file(data_dir / "nowhere.db")
    assert not result.ok and "cannot be read" in result.message
    assert not (data_dir / "nowhere.db").exists()


def test_check_of_a_truncated_copy(data_dir, demo_template):
    data, _count = demo_template
    path = data_dir / "peerdesk.db"
    path.write_bytes(data[: len(data) // 2])
    result = check_file(path)
    assert not result.ok and result.message.startswith("is damaged")
    assert path.read_bytes() == data[: len(data) // 2]


def test_check_of_byte_flipped_copies_never_raises_and_never_misreports(data_dir, demo_template):
    data, count = demo_template
    noticed = 0
    for seed in range(12):
        path = data_dir / f"flipped-{seed}.db"
        flipped = flip_middle_bytes(data, seed)
        assert flipped != data
        path.write_bytes(flipped)
        result = check_file(path)  # must not raise, whatever the damage
        if result.ok:  # SQLite cannot see a flip in unused space or inside a note's text
            assert result.entries == count, f"seed {seed}: ok but {result.entries} entries"
        else:
            assert result.message.startswith("is damaged"), f"seed {seed}: {result.message}"
            assert result.entries is None
            noticed += 1
        assert path.read_bytes() == flipped, f"seed {seed}: the check changed the file"
    assert noticed >= 6  # most flips in the middle pages hit b-tree pages and are found


@pytest.mark.parametrize("tables", [["recipes"], ["entries"], ["alembic_version"]])
def test_check_of_another_programs_database(data_dir, tables):
    path = data_dir / "other.db"
    conn = sqlite3.connect(path)
    for name in tables:
        conn.execute(f"CREATE TABLE {name} (id TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    result = check_file(path)
    assert not result.ok and result.message == "is not a PeerDesk database"
    assert path.read_bytes() == before


@POSIX_ONLY
def test_check_of_a_good_file_in_a_read_only_folder_is_ok(data_dir, demo_template, honouring_permissions):
    """A WAL-mode file in a folder that cannot be written (so without -shm and -wal) is not damaged."""
    data, count = demo_template
    folder = data_dir / "readonly"
    folder.mkdir()
    db = folder / "peerdesk.db"
    db.write_bytes(data)
    assert data[18:20] == b"\x02\x02"  # the live database is in WAL mode
    os.chmod(folder, 0o500)
    try:
        result = run_without_write_access(
            honouring_permissions,
            "import json, sys\n"
            "from pathlib import Path\n"
            "from peerdesk.storage.backups import check_file\n"
            "r = check_file(Path(sys.argv[1]))\n"
            "print(json.dumps({'ok': r.ok, 'message': r.message, 'entries': r.entries}))\n",
            str(db),
        )
    finally:
        os.chmod(folder, 0o700)
    assert result == {"ok": True, "message": "ok", "entries": count}
    assert sorted(p.name for p in folder.iterdir()) == ["peerdesk.db"]
    assert db.read_bytes() == data


# ---------------------------------------------------------------- daily backups and rotation


def daily_names(folder: Path) -> set[str]:
    return {p.name for p in folder.glob("peerdesk-*.db") if re.fullmatch(r"peerdesk-\d{4}-\d{2}-\d{2}\.db", p.name)}


def expected_days(made: list[dt.date], keep_daily: int, keep_weekly: int) -> set[dt.date]:
    """Worked out independently: the last *keep_daily* days, then for each ISO week the latest
    day older than those, for the *keep_weekly* latest such weeks."""
    newest_first = sorted(made, reverse=True)
    daily = set(newest_first[:keep_daily])
    older = [d for d in made if d not in daily]
    latest_in_week: dict[tuple[int, int], dt.date] = {}
    for d in older:
        iso = d.isocalendar()
        key = (iso.year, iso.week)
        latest_in_week[key] = max(latest_in_week.get(key, d), d)
    weekly = sorted(latest_in_week.values(), reverse=True)[:keep_weekly]
    return daily | set(weekly)


def name_of(day: dt.date) -> str:
    return f"peerdesk-{day.isoformat()}.db"


def test_daily_backup_is_made_once_a_day(data_dir):
    db = data_dir / "peerdesk.db"
    fill(db, 3)
    today = dt.date(2026, 11, 25)

    made = daily_backup_if_due(db, today=today)

    assert made == data_dir / "backups" / "peerdesk-2026-11-25.db"
    assert check_file(made).ok and check_file(made).entries == 3
    first = (made.read_bytes(), made.stat().st_mtime_ns)
    fill(db, 2, "later")

    assert daily_backup_if_due(db, today=today) is None  # the second start that day
    assert sorted(p.name for p in made.parent.iterdir()) == ["peerdesk-2026-11-25.db"]
    assert (made.read_bytes(), made.stat().st_mtime_ns) == first

    tomorrow = daily_backup_if_due(db, today=today + dt.timedelta(days=1))
    assert tomorrow is not None and check_file(tomorrow).entries == 5


def test_sixty_days_keep_seven_daily_and_four_weekly(data_dir):
    db = data_dir / "peerdesk.db"
    fill(db, 2)
    folder = data_dir / "backups"
    start = dt.date(2026, 1, 1)
    made: list[dt.date] = []
    for i in range(60):
        day = start + dt.timedelta(days=i)
        assert daily_backup_if_due(db, today=day) == folder / name_of(day)
        made.append(day)
        assert daily_names(folder) == {name_of(d) for d in expected_days(made, 7, 4)}, f"after {day}"
    # The last day, 2026-03-01, is a Sunday: the seven daily backups are ISO week 9, the four
    # weekly ones the Sundays of weeks 5 to 8.
    assert sorted(daily_names(folder)) == [
        "peerdesk-2026-02-01.db",
        "peerdesk-2026-02-08.db",
        "peerdesk-2026-02-15.db",
        "peerdesk-2026-02-22.db",
        "peerdesk-2026-02-23.db",
        "peerdesk-2026-02-24.db",
        "peerdesk-2026-02-25.db",
        "peerdesk-2026-02-26.db",
        "peerdesk-2026-02-27.db",
        "peerdesk-2026-02-28.db",
        "peerdesk-2026-03-01.db",
    ]
    for path in folder.iterdir():
        assert check_file(path).ok


def test_rotation_counts_are_configurable(data_dir):
    db = data_dir / "peerdesk.db"
    fill(db, 1)
    folder = data_dir / "backups"
    start = dt.date(2026, 5, 6)  # a Wednesday: the daily window cuts a week in two
    made = []
    for i in range(30):
        day = start + dt.timedelta(days=i)
        daily_backup_if_due(db, today=day, keep_daily=3, keep_weekly=2)
        made.append(day)
        assert daily_names(folder) == {name_of(d) for d in expected_days(made, 3, 2)}, f"after {day}"
    assert len(daily_names(folder)) == 5
    for i in range(30, 35):
        daily_backup_if_due(db, today=start + dt.timedelta(days=i), keep_daily=2, keep_weekly=0)
    assert daily_names(folder) == {name_of(start + dt.timedelta(days=33)), name_of(start + dt.timedelta(days=34))}


def test_rotation_never_removes_other_files(data_dir):
    db = data_dir / "peerdesk.db"
    fill(db, 1)
    folder = data_dir / "backups"
    folder.mkdir()
    others = [
        "peerdesk-manual-20260101T090000Z.db",
        "peerdesk-before-restore-20260101T090000Z.db",
        f"peerdesk-before-migration-{migrations.HEAD}-20260101T090000Z.db",
        "peerdesk-2026-01-01-copy.db",
        "peerdesk-2026-01-01.db.bak",
        "my-notes.txt",
    ]
    for name in others:
        (folder / name).write_bytes(b"kept as it is: " + name.encode())
    for i in range(40):
        daily_backup_if_due(db, today=dt.date(2026, 1, 1) + dt.timedelta(days=i))
    for name in others:
        assert (folder / name).read_bytes() == b"kept as it is: " + name.encode()
    assert len(daily_names(folder)) == 11


# ---------------------------------------------------------------- listing


def test_list_backups_newest_first_with_their_checks(data_dir):
    db = data_dir / "peerdesk.db"
    fill(db, 2)
    folder = data_dir / "backups"
    make_backup(db, folder / "a.db")
    fill(db, 3, "b")
    make_backup(db, folder / "b.db")
    (folder / "c.db").write_bytes(b"")
    (folder / "notes.txt").write_text("not a backup")
    for name, stamp in (("a.db", 1_700_000_000), ("b.db", 1_700_000_100), ("c.db", 1_700_000_200)):
        os.utime(folder / name, (stamp, stamp))

    listed = backups.list_backups(db)

    assert [(b.path.name, b.check.ok, b.check.entries) for b in listed] == [
        ("c.db", False, None),
        ("b.db", True, 5),
        ("a.db", True, 2),
    ]
    assert listed[0].made == dt.datetime.fromtimestamp(1_700_000_200, dt.UTC)
    assert backups.newest_good_backup(db).path.name == "b.db"


def test_no_backup_folder_means_no_backups(data_dir):
    db = data_dir / "peerdesk.db"
    fill(db, 1)
    assert backups.list_backups(db) == []
    assert backups.newest_good_backup(db) is None
    assert not (data_dir / "backups").exists()


# ---------------------------------------------------------------- restore


def test_restore_replaces_the_database_and_keeps_the_current_one(data_dir, loose_umask):
    db = data_dir / "peerdesk.db"
    fill(db, 4)
    backup = data_dir / "backups" / "peerdesk-2026-11-24.db"
    make_backup(db, backup)
    store = Store(db)
    store.restore_many(entry(n, "new") for n in range(6))  # still in the WAL when the store closes?
    store.close()
    now = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)

    kept = restore_backup(db, backup, now=now)

    assert kept == data_dir / "backups" / "peerdesk-before-restore-20261125T093000Z.db"
    assert check_file(db).ok and check_file(db).entries == 4
    assert db.read_bytes() == backup.read_bytes()
    assert check_file(kept).ok and check_file(kept).entries == 10  # nothing of the replaced data is lost
    assert not Path(f"{db}-wal").exists() and not Path(f"{db}-shm").exists()
    assert not list(data_dir.glob(".*tmp"))
    if os.name == "posix":
        assert stat.S_IMODE(db.stat().st_mode) == 0o600
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    with Store(db) as reopened:  # PeerDesk opens the restored file as usual
        assert reopened.count() == 4


def test_restore_keeps_a_damaged_current_file_byte_for_byte(data_dir, demo_template):
    data, count = demo_template
    db = data_dir / "peerdesk.db"
    db.write_bytes(data)
    backup = data_dir / "backups" / "peerdesk-2026-11-24.db"
    make_backup(db, backup)
    damaged = data[: len(data) // 2]
    db.write_bytes(damaged)

    kept = restore_backup(db, backup)

    assert kept.name.startswith("peerdesk-before-restore-") and kept.suffix == ".db"
    assert kept.read_bytes() == damaged
    assert check_file(db).ok and check_file(db).entries == count
    if os.name == "posix":
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600


@pytest.mark.parametrize("damage", ["truncated", "flipped", "empty", "foreign", "missing"])
def test_restoring_a_damaged_backup_changes_nothing(data_dir, demo_template, damage):
    data, _count = demo_template
    db = data_dir / "peerdesk.db"
    fill(db, 3)
    folder = data_dir / "backups"
    folder.mkdir()
    backup = folder / "peerdesk-2026-11-24.db"
    if damage == "truncated":
        backup.write_bytes(data[: len(data) // 3])
    elif damage == "flipped":  # the page-type byte of every middle page: beyond repair
        pages = bytearray(data)
        for page in range(len(data) // 4096 // 4, 3 * len(data) // 4096 // 4):
            pages[page * 4096] ^= 0xFF
        backup.write_bytes(bytes(pages))
    elif damage == "empty":
        backup.write_bytes(b"")
    elif damage == "foreign":
        foreign_db(backup)
    before = db.read_bytes()

    def listing() -> list[str]:  # reading a WAL-mode file may leave its -wal and -shm beside it
        return sorted(p.name for p in data_dir.rglob("*") if not p.name.endswith(("-wal", "-shm")))

    files = listing()

    with pytest.raises(BackupError, match="nothing was changed"):
        restore_backup(db, backup)

    assert db.read_bytes() == before
    assert listing() == files  # no before-restore copy either


def test_two_restores_in_the_same_second_keep_both_replaced_files(data_dir):
    db = data_dir / "peerdesk.db"
    fill(db, 1)
    folder = data_dir / "backups"
    make_backup(db, folder / "one.db")
    fill(db, 1, "two")
    make_backup(db, folder / "two.db")
    fill(db, 1, "three")
    now = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)

    first = restore_backup(db, folder / "one.db", now=now)  # keeps the data with 3 entries
    second = restore_backup(db, folder / "two.db", now=now)  # keeps the data with 1 entry

    assert first != second
    assert check_file(first).entries == 3 and check_file(second).entries == 1
    assert check_file(db).entries == 2
