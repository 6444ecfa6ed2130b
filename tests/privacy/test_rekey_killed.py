"""A passphrase change killed at any moment leaves a store that opens, with every entry, under
exactly one of the two passphrases; a journal left by a change killed midway is rolled back with
the key it belongs to. (A longer loop: tests/faults/kill_loops.py.)"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from datetime import UTC, date, datetime, timedelta

import pytest

from peerdesk.domain.entry import Entry
from peerdesk.storage import crypto
from peerdesk.storage.store import Store, WrongPassphrase

pytestmark = [
    pytest.mark.skipif(not crypto.available(), reason="sqlcipher3 is not installed"),
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL"),
]

OLD, NEW = "first passphrase", "second passphrase"
ENTRIES = 3000

REKEY = textwrap.dedent("""
    import sys
    from pathlib import Path
    from peerdesk.storage import crypto
    path = Path(sys.argv[1])
    print("start", flush=True)
    crypto.rekey(path, crypto.Cipher.for_file(path, sys.argv[2]), sys.argv[3])
    print("done", flush=True)
""")


def make_store(path) -> None:
    store = Store(path, cipher=crypto.Cipher.new(OLD))
    start = date(2026, 1, 1)
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    store.restore_many(
        Entry(id=f"e{n}", worker="PW", date=start + timedelta(days=n % 300), minutes=30, category="advocacy",
              note="n" * 200, created_at=stamp, updated_at=stamp)
        for n in range(ENTRIES)
    )
    store.close()


def opens_with(path) -> list[str]:
    """The passphrases the store opens with, each checked for every entry."""
    works = []
    for passphrase in (OLD, NEW):
        try:
            store = Store(path, cipher=crypto.Cipher.for_file(path, passphrase))
        except WrongPassphrase:
            continue
        try:
            assert store.count() == ENTRIES
        finally:
            store.close()
        works.append(passphrase)
    return works


def test_a_rekey_killed_at_any_moment_leaves_one_passphrase_and_every_entry(tmp_path):
    path = tmp_path / "peerdesk.db"
    make_store(path)
    started = time.monotonic()
    subprocess.run([sys.executable, "-c", REKEY, str(path), OLD, NEW], check=True, capture_output=True)
    whole = time.monotonic() - started  # start-up and the re-key itself
    assert opens_with(path) == [NEW]
    rnd = random.Random(48)
    tries = {OLD: 0, NEW: 0}
    current, other = NEW, OLD
    for _ in range(12):
        child = subprocess.Popen([sys.executable, "-c", REKEY, str(path), current, other],
                                 stdout=subprocess.PIPE, text=True)
        time.sleep(rnd.uniform(0.0, whole * 1.1))
        child.send_signal(signal.SIGKILL)
        child.wait()
        works = opens_with(path)
        assert len(works) == 1, works
        tries[works[0]] += 1
        if works[0] == other:
            current, other = other, current
    assert sum(tries.values()) == 12


ROLLBACK_KILLED = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from peerdesk.storage import crypto
    path = Path(sys.argv[1])
    conn = crypto.connect(path, "rw", crypto.Cipher.for_file(path, sys.argv[2]))
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA cache_size = 2")  # changed pages go to the file before the commit
    conn.execute("BEGIN")
    conn.execute("UPDATE entries SET minutes = 1, note = ''")
    os.kill(os.getpid(), signal.SIGKILL)  # the journal is hot: the file is half changed
""")


def test_a_journal_left_by_a_killed_change_is_rolled_back_with_its_key(tmp_path):
    path = tmp_path / "peerdesk.db"
    make_store(path)
    done = subprocess.run([sys.executable, "-c", ROLLBACK_KILLED, str(path), OLD], capture_output=True, check=False)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert os.path.getsize(f"{path}-journal") > 0
    with pytest.raises(WrongPassphrase):  # another key first: it must leave the journal as it is
        Store(path, cipher=crypto.Cipher.for_file(path, NEW))
    assert opens_with(path) == [OLD]  # not "does not open with this passphrase"
    store = Store(path, cipher=crypto.Cipher.for_file(path, OLD))
    try:
        assert {e.minutes for e in store.entries_between(date(2026, 1, 1), date(2026, 12, 31))} == {30}
    finally:
        store.close()
    assert not os.path.exists(f"{path}-journal") or os.path.getsize(f"{path}-journal") == 0
