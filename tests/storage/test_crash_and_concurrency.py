"""Real processes: a writer killed with SIGKILL at random moments, and two writers at once."""

import multiprocessing
import os
import random
import signal
import sqlite3
import sys
import time
from datetime import date

import pytest

from peerdesk.domain.entry import Entry
from peerdesk.storage.locking import WriteLock
from peerdesk.storage.store import Store, StoreBusy

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and forkserver are POSIX")

CTX = multiprocessing.get_context("forkserver")
CTX.set_forkserver_preload(["peerdesk.storage.store"])


def _entry(n: int, tag: str) -> Entry:
    return Entry(
        id=f"{tag}-{n:08d}",
        worker="PW-crash",
        date=date(2026, 11, 2 + n % 20),
        minutes=1 + n % 700,
        category="advocacy",
        people=1,
        note="é" * (n % 50),
    )


def _writer(path: str, tag: str, conn, limit: int) -> None:
    store = Store(path)
    conn.send_bytes(b"ready")
    for n in range(limit):
        store.add(_entry(n, tag))
        conn.send_bytes(_entry(n, tag).id.encode())  # only after add() has returned
    conn.send_bytes(b"done")


def _drain(conn) -> list[str]:
    got = []
    while conn.poll(0):
        try:
            got.append(conn.recv_bytes().decode())
        except EOFError:
            break
    return got


def test_a_writer_killed_at_random_moments_never_loses_a_returned_save(tmp_path):
    path = str(tmp_path / "peerdesk.db")
    Store(path).close()
    rnd = random.Random(7)
    confirmed: set[str] = set()
    kills = 0
    for round_no in range(200):
        reader, writer = CTX.Pipe(duplex=False)
        proc = CTX.Process(target=_writer, args=(path, f"r{round_no:03d}", writer, 10_000))
        proc.start()
        writer.close()
        assert reader.poll(30), "writer did not start"
        assert reader.recv_bytes() == b"ready"
        time.sleep(rnd.uniform(0, 0.03))
        os.kill(proc.pid, signal.SIGKILL)
        proc.join(10)
        kills += proc.exitcode == -signal.SIGKILL
        confirmed.update(i for i in _drain(reader) if i not in ("ready", "done"))
        reader.close()
    assert kills == 200
    assert len(confirmed) > 200  # the writers really were writing when killed

    check = sqlite3.connect(path)
    try:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {r[0] for r in check.execute("SELECT id FROM entries")}
    finally:
        check.close()
    missing = confirmed - stored
    assert not missing, f"{len(missing)} saves that had returned are gone, e.g. {sorted(missing)[:3]}"


def test_two_processes_writing_at_once_keep_every_entry(tmp_path):
    path = str(tmp_path / "peerdesk.db")
    Store(path).close()
    pipes, procs = [], []
    for tag in ("window", "cli"):
        reader, writer = CTX.Pipe(duplex=False)
        proc = CTX.Process(target=_writer, args=(path, tag, writer, 300))
        proc.start()
        writer.close()
        pipes.append(reader)
        procs.append(proc)
    for proc in procs:
        proc.join(120)
        assert proc.exitcode == 0
    ids = set()
    for reader in pipes:
        ids.update(i for i in _drain(reader) if i not in ("ready", "done"))
    assert len(ids) == 600
    store = Store(path)
    try:
        assert store.count() == 600
    finally:
        store.close()
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    check.close()


def test_a_write_waits_for_the_lock_then_says_busy(tmp_path):
    path = tmp_path / "peerdesk.db"
    store = Store(path)
    store.write_lock.timeout = 0.3
    told = []
    store.on_busy = lambda: told.append("busy, retrying")
    other = WriteLock(path.with_name("peerdesk.db.lock"))  # another process's hold, as far as flock knows
    try:
        with other.hold(), pytest.raises(StoreBusy, match="busy"):
            store.add(_entry(1, "blocked"))
        assert told == ["busy, retrying"]
        assert store.count() == 0
        store.add(_entry(2, "after"))  # free again: the save goes through
        assert store.count() == 1
    finally:
        other.close()
        store.close()


HOLDER = """
import sys, time
from pathlib import Path
from peerdesk.storage.store import Store
store = Store(Path(sys.argv[1]))
with store.write_lock.hold():
    print("holding", flush=True)
    time.sleep(30)
"""


def test_deleting_the_lock_file_does_not_let_a_second_writer_in(tmp_path):
    """A writer in another process holds the lock; someone tidies the folder and deletes
    peerdesk.db.lock: the next writer must still wait, not take a fresh file's lock at once."""
    import subprocess
    import sys

    path = tmp_path / "peerdesk.db"
    Store(path).close()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        path.with_name("peerdesk.db.lock").unlink(missing_ok=True)
        store = Store(path)
        store.write_lock.timeout = 0.5
        try:
            with pytest.raises(StoreBusy):
                store.add(_entry(1, "second writer"))
            assert store.count() == 0
        finally:
            store.close()
    finally:
        holder.kill()
        holder.wait()
