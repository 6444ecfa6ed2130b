"""Opening older databases: Alembic upgrades, the HEAD constant, backups before a migration."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory

from peerdesk.storage import migrations
from peerdesk.storage.store import Store


def _script(location: str = migrations.SCRIPT_LOCATION) -> ScriptDirectory:
    cfg = Config()
    cfg.set_main_option("script_location", location)
    return ScriptDirectory.from_config(cfg)


def _older_revisions() -> list:
    head = _script().get_current_head()
    return [
        pytest.param(rev.revision, id=f"from-{rev.revision}")
        for rev in _script().walk_revisions()
        if rev.revision != head
    ]


ROW = (
    "baseline-row",
    "W-01",
    "2026-11-24",
    "09:30:00.000000",
    75,
    "advocacy",
    "phone",
    "individual",
    1,
    "C-7",
    "experience;presence",
    "written before\nthe store existed 🙂",
    "2026-11-24 09:31:00.000000",
    "2026-11-24 09:32:00.000000",
)


def _insert_row(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute(
            "INSERT INTO entries (id, worker, date, start_time, minutes, category, mode, format,"
            " people, client_ref, tags, note, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ROW,
        )
        conn.commit()
    finally:
        conn.close()


def _check_row(store: Store) -> None:
    got = store.get("baseline-row")
    assert got is not None
    assert got.worker == "W-01"
    assert got.date == dt.date(2026, 11, 24)
    assert got.start_time == dt.time(9, 30)
    assert (got.minutes, got.category, got.mode, got.format, got.people) == (75, "advocacy", "phone", "individual", 1)
    assert got.client_ref == "C-7"
    assert got.tags == ("experience", "presence")
    assert got.note == "written before\nthe store existed 🙂"
    assert got.created_at == dt.datetime(2026, 11, 24, 9, 31, tzinfo=dt.UTC)
    assert got.updated_at == dt.datetime(2026, 11, 24, 9, 32, tzinfo=dt.UTC)


def test_head_constant_matches_alembic():
    # The store's fast path compares against migrations.HEAD without importing Alembic.
    assert _script().get_current_head() == migrations.HEAD
    assert len(_script().get_heads()) == 1, "migrations must stay linear (one head)"


def test_every_revision_file_is_loadable():
    revisions = list(_script().walk_revisions())
    assert revisions
    assert revisions[-1].down_revision is None  # walk_revisions goes head → base
    assert {r.revision for r in revisions} >= {"0001", migrations.HEAD}


def test_open_database_at_baseline_revision(db_path, alembic_upgrade, run_sql):
    alembic_upgrade(db_path, "0001")
    assert run_sql(db_path, "SELECT version_num FROM alembic_version") == [("0001",)]
    _insert_row(db_path)

    with Store(db_path) as store:
        assert store.revision() == migrations.HEAD
        _check_row(store)
        assert store.count() == 1
    assert run_sql(db_path, "SELECT version_num FROM alembic_version") == [(migrations.HEAD,)]
    assert run_sql(db_path, "PRAGMA journal_mode") == [("wal",)]
    assert run_sql(db_path, "PRAGMA integrity_check") == [("ok",)]


@pytest.mark.parametrize("revision", _older_revisions())
def test_open_older_revision_backs_up_then_upgrades(revision, db_path, data_dir, alembic_upgrade, run_sql):
    """Runs once per revision older than head; none exist while 0001 is the only one."""
    alembic_upgrade(db_path, revision)
    before = db_path.read_bytes()

    with Store(db_path) as store:
        assert store.revision() == migrations.HEAD

    backups = sorted((data_dir / "backups").glob(f"{db_path.stem}-before-migration-{revision}-*.db"))
    assert len(backups) == 1
    assert run_sql(backups[0], "PRAGMA integrity_check") == [("ok",)]
    assert run_sql(backups[0], "SELECT version_num FROM alembic_version") == [(revision,)]
    assert db_path.read_bytes() != before
    assert not list((data_dir / "backups").glob("*.tmp"))


# ------------------------------------------------------------ a made-up next revision
#
# The failure path of a migration is exercised with a copy of the real script
# directory plus one extra revision after the real head, pointed to by patching
# migrations.HEAD and migrations.SCRIPT_LOCATION for the test. The database,
# SQLAlchemy and Alembic are all real.

REAL_HEAD = migrations.HEAD
NEXT = "9001"

NEXT_SCRIPT = f'''
revision = "{NEXT}"
down_revision = "{REAL_HEAD}"
branch_labels = None
depends_on = None

import sqlalchemy as sa
from alembic import op


def upgrade():
    op.add_column("entries", sa.Column("extra", sa.Text(), nullable=True))
'''
GOOD_NEXT = NEXT_SCRIPT + """    op.execute("UPDATE entries SET extra = 'migrated'")\n"""
FAILING_NEXT = NEXT_SCRIPT + (
    f"""    op.execute("DELETE FROM entries")\n    raise RuntimeError("migration {NEXT} failed half way")\n"""
)


@pytest.fixture
def next_revision(tmp_path, monkeypatch):
    def install(source: str) -> str:
        real = Path(migrations.__file__).parent
        location = tmp_path / "migrations"
        shutil.copytree(real, location, ignore=shutil.ignore_patterns("__pycache__"))
        (location / "versions" / f"{NEXT}_test.py").write_text(source)
        monkeypatch.setattr(migrations, "SCRIPT_LOCATION", str(location))
        monkeypatch.setattr(migrations, "HEAD", NEXT)
        assert _script(str(location)).get_current_head() == NEXT
        return str(location)

    return install


def _store_at_real_head_with_entries(db_path: Path, make_entry, n: int = 5) -> list:
    assert migrations.HEAD == REAL_HEAD
    with Store(db_path) as store:
        return [store.add(make_entry(minutes=str(10 + i), note=f"entry {i}")) for i in range(n)]


def test_migration_makes_a_checked_backup_first(db_path, data_dir, make_entry, next_revision, run_sql):
    added = _store_at_real_head_with_entries(db_path, make_entry)
    next_revision(GOOD_NEXT)

    with Store(db_path) as store:
        assert store.revision() == NEXT
        for entry in added:
            assert store.get(entry.id) == entry
    assert run_sql(db_path, "SELECT DISTINCT extra FROM entries") == [("migrated",)]

    backups = list((data_dir / "backups").iterdir())
    assert len(backups) == 1
    backup = backups[0]
    assert backup.name.startswith(f"peerdesk-before-migration-{REAL_HEAD}-") and backup.suffix == ".db"
    assert run_sql(backup, "PRAGMA integrity_check") == [("ok",)]
    assert run_sql(backup, "SELECT version_num FROM alembic_version") == [(REAL_HEAD,)]
    assert run_sql(backup, "SELECT count(*) FROM entries") == [(len(added),)]
    assert "extra" not in {row[1] for row in run_sql(backup, "PRAGMA table_info(entries)")}

    # Opening again at the new head makes no second backup.
    Store(db_path).close()
    assert len(list((data_dir / "backups").iterdir())) == 1


def test_failed_migration_leaves_the_file_as_it_was(db_path, data_dir, make_entry, next_revision, run_sql):
    added = _store_at_real_head_with_entries(db_path, make_entry)
    before = db_path.read_bytes()
    next_revision(FAILING_NEXT)

    with pytest.raises(RuntimeError, match="failed half way"):
        Store(db_path)

    assert db_path.read_bytes() == before
    assert run_sql(db_path, "SELECT version_num FROM alembic_version") == [(REAL_HEAD,)]
    assert run_sql(db_path, "SELECT count(*) FROM entries") == [(len(added),)]
    assert "extra" not in {row[1] for row in run_sql(db_path, "PRAGMA table_info(entries)")}
    assert run_sql(db_path, "PRAGMA integrity_check") == [("ok",)]
    # The backup was made before the attempt and is intact too.
    (backup,) = (data_dir / "backups").iterdir()
    assert run_sql(backup, "SELECT count(*) FROM entries") == [(len(added),)]
