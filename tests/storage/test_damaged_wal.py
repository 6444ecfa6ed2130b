"""A write-ahead log whose header was overwritten held five acknowledged adds; SQLite ignores such
a log and the next close deletes it. PeerDesk keeps a copy aside first and says so, in the
command line, the window and `check`."""

from __future__ import annotations

import shutil
import sqlite3

from peerdesk.storage import wal
from peerdesk.storage.rows import ENTRY_FIELDS
from peerdesk.storage.store import Store

ADD = ("add", "--date", "2026-11-30", "--minutes", "30", "--category", "advocacy")


def damaged_wal(cli, data_dir):
    """A WAL of five adds, put back beside the file after its close with its header overwritten."""
    assert cli(*ADD, "--data-dir", data_dir).code == 0
    db = data_dir / "peerdesk.db"
    holder = sqlite3.connect(db)  # keeps the WAL from being checkpointed and removed
    holder.execute("PRAGMA wal_autocheckpoint = 0")
    holder.execute("SELECT count(*) FROM entries").fetchone()
    for n in range(5):
        rest = ", ".join(f for f in ENTRY_FIELDS if f != "id")
        holder.execute(f"INSERT INTO entries (id, {rest}) SELECT ?, {rest} FROM entries LIMIT 1",
                       (f"00000000-0000-4000-8000-00000000000{n}",))
        holder.commit()
    snapshot = data_dir / "wal-as-left"
    shutil.copy(f"{db}-wal", snapshot)
    holder.close()  # (its close checkpoints; the crash is made by putting the WAL back)
    damaged = bytearray(snapshot.read_bytes())
    damaged[:32] = b"\xde\xad" * 16
    (data_dir / "peerdesk.db-wal").write_bytes(bytes(damaged))
    return bytes(damaged)


def test_a_damaged_wal_is_kept_aside_and_told(cli, data_dir):
    damaged = damaged_wal(cli, data_dir)
    assert wal.damage(data_dir / "peerdesk.db") == "peerdesk.db-wal does not start as a write-ahead log does"
    checked = cli("check", "--data-dir", data_dir)
    assert checked.code == 1 and "may be missing" in checked.err
    listed = cli("list", "--data-dir", data_dir, "--week", "2026-W49")
    assert listed.code == 0
    assert "warning: peerdesk.db-wal does not start as a write-ahead log does" in listed.err
    [copy] = (data_dir / "backups").glob("peerdesk.db-wal.damaged-*")
    assert copy.read_bytes() == damaged and str(copy) in listed.err


def test_an_intact_wal_is_left_to_sqlite(tmp_path):
    store = Store(tmp_path / "peerdesk.db")
    try:
        assert (tmp_path / "peerdesk.db-wal").exists()
        assert wal.damage(tmp_path / "peerdesk.db") is None and store.warnings == []
    finally:
        store.close()
