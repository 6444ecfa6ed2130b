"""Durability smoke tests: many single-entry transactions, then SQLite's own checks."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap

from peerdesk.storage.store import Store


def test_fifty_entries_then_integrity_check(db_path, make_entry, run_sql):
    with Store(db_path) as store:
        ids = [store.add(make_entry(date=f"2026-11-{1 + i % 28:02d}", minutes=str(1 + i))).id for i in range(50)]
        assert store.count() == 50
        # Checked by a second connection while the store is still open (WAL not yet checkpointed)...
        assert run_sql(db_path, "PRAGMA integrity_check") == [("ok",)]
    # ...and after it closed.
    assert run_sql(db_path, "PRAGMA integrity_check") == [("ok",)]
    assert run_sql(db_path, "PRAGMA foreign_key_check") == []
    assert sorted(r[0] for r in run_sql(db_path, "SELECT id FROM entries")) == sorted(ids)


WRITER = textwrap.dedent(
    """
    import datetime as dt, json, os, signal, sys
    from peerdesk.domain.entry import Entry
    from peerdesk.storage.store import Store

    store = Store(sys.argv[1])
    ids = []
    for i in range(50):
        entry = Entry(id=f"e{i:02d}", worker="W-01", date=dt.date(2026, 11, 1 + i % 28),
                      minutes=1 + i, category="administration", people=0, note=f"note {i} \\U0001f642")
        ids.append(store.add(entry).id)
    print(json.dumps(ids), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)  # no close, no checkpoint, no atexit
    """
)


def test_committed_entries_survive_the_process_being_killed(db_path, run_sql):
    done = subprocess.run(
        [sys.executable, "-c", WRITER, str(db_path)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    ids = json.loads(done.stdout)
    assert len(ids) == 50

    # Another process (this one) finds every committed entry and a sound file.
    assert run_sql(db_path, "PRAGMA integrity_check") == [("ok",)]
    assert sorted(r[0] for r in run_sql(db_path, "SELECT id FROM entries")) == sorted(ids)
    with Store(db_path) as store:
        assert store.count() == 50
        assert store.get("e49").note == "note 49 \U0001f642"
