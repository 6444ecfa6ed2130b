"""The team server's fault loops: `peerdesk sync` killed (SIGKILL) at random moments, and the
server stopped with `pg_ctl stop -m immediate` in the middle of syncs; after each fault the PCs
sync again, and the server's rows must equal the union of the PCs' stores: no entry lost, none
twice, every PC holding the worker's whole record.

    python tests/faults/sync_faults.py [--kills 50] [--stops 10] [--seed 20]

Three PCs of one worker, each changing its entries (adds, edits, deletes) between faults. A
throwaway cluster on a Unix socket (tests/server/pgcluster.py). Linux (SIGKILL, runuser).
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "server"))
from pgcluster import PASSWORD, Cluster, binaries

PEERDESK = [sys.executable, "-m", "peerdesk"]
DAY = date(2026, 11, 23)


class Loop:
    def __init__(self, work: Path, cluster: Cluster, rnd: random.Random, pcs: int = 3) -> None:
        from peerdesk.teamserver import admin

        self.work, self.cluster, self.rnd = work, cluster, rnd
        self.admin = cluster.create_database(f"faults_{os.getpid()}")
        admin.init(self.admin)
        admin.add_member(self.admin, "pw-faults", "north", "worker", PASSWORD)
        passfile = work / "pgpass"
        passfile.write_text(f"*:*:faults_{os.getpid()}:pw-faults:{PASSWORD}\n")
        passfile.chmod(0o600)
        os.environ["PGPASSFILE"] = str(passfile)
        self.url = cluster.url("pw-faults", f"faults_{os.getpid()}")
        self.pcs = [work / f"ward-{n}" for n in range(pcs)]
        self.added = 0

    def change(self, folder: Path) -> None:
        """A few adds, edits and deletes on one PC, through the application layer."""
        from peerdesk.domain.entry import validate
        from peerdesk.domain.taxonomy import load_default
        from peerdesk.operations import entries as ops
        from peerdesk.workspace import Workspace

        tax = load_default()
        ws = Workspace(folder)
        ws.settings.set("worker", "PW-F")
        ws.settings.save()
        store = ws.open_store()
        try:
            made = []
            for _ in range(self.rnd.choice((5, 40, 1500))):  # now and then a week offline: a long sync
                raw = {"worker": "PW-F", "date": DAY - timedelta(days=self.rnd.randint(0, 60)),
                       "minutes": self.rnd.randint(5, 120), "category": self.rnd.choice(sorted(tax.categories))}
                now = datetime.now(UTC).replace(microsecond=0)
                made.append(validate(raw, tax, today=DAY).with_changes(created_at=now, updated_at=now))
            store.restore_many(made)  # queued for the server like any save (the triggers)
            self.added += len(made)
            present = store.entries_between(date(2026, 1, 1), DAY)
            for entry in self.rnd.sample(present, min(len(present), self.rnd.randint(0, 5))):
                if self.rnd.random() < 0.5:
                    ops.update_entry(store, entry.with_changes(minutes=self.rnd.randint(1, 720)))
                else:
                    ops.delete_entry(store, entry.id)
        finally:
            ws.close()

    def sync_args(self, folder: Path) -> list[str]:
        return [*PEERDESK, "sync", "--data-dir", str(folder), "--server", self.url]

    def sync(self, folder: Path) -> subprocess.CompletedProcess:
        return subprocess.run(self.sync_args(folder), capture_output=True, text=True, timeout=120, check=False)

    def settle(self) -> str | None:
        """Every PC syncs twice (the second round brings each the others' last changes); then
        the server's live rows, each PC's entries and their ids must agree. None, or what is wrong."""
        for _ in range(2):
            for folder in self.pcs:
                done = self.sync(folder)
                if done.returncode != 0:
                    return f"sync of {folder.name} failed: {done.stderr.strip()}"
        import psycopg

        with psycopg.connect(self.admin) as conn:
            rows = conn.execute("SELECT id::text, minutes, deleted FROM peerdesk.entries").fetchall()
        live = {(i, m) for i, m, deleted in rows if not deleted}
        if len(rows) != len({r[0] for r in rows}):
            return "an id twice on the server"
        for folder in self.pcs:
            here = local_rows(folder)
            if here != live:
                return f"{folder.name} holds {len(here)} entries, the server {len(live)} ({len(here ^ live)} differ)"
        return None


def local_rows(folder: Path) -> set[tuple[str, int]]:
    import sqlite3

    conn = sqlite3.connect(f"file:{folder / 'peerdesk.db'}?mode=ro", uri=True)
    try:
        return set(conn.execute("SELECT id, minutes FROM entries").fetchall())
    finally:
        conn.close()


def kill_loop(loop: Loop, tries: int) -> tuple[int, int, int]:
    """(tries, survived, kills that found the sync still running)."""
    survived = hits = 0
    for _ in range(tries):
        folder = loop.rnd.choice(loop.pcs)
        loop.change(folder)
        started = time.monotonic()
        loop.sync(folder)  # how long a sync takes here, start-up included: the kill comes within it
        length = time.monotonic() - started
        loop.change(folder)
        child = subprocess.Popen(loop.sync_args(folder), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(loop.rnd.uniform(0.5, 1.0) * length)
        hits += child.poll() is None
        child.send_signal(signal.SIGKILL)
        child.wait()
        problem = loop.settle()
        survived += problem is None
        if problem:
            print(f"  kill: {problem}", flush=True)
    return tries, survived, hits


def stop_loop(loop: Loop, tries: int) -> tuple[int, int, int]:
    """(tries, survived, stops that found a sync running)."""
    survived = hits = 0
    for _ in range(tries):
        for folder in loop.pcs:
            loop.change(folder)
        children = [subprocess.Popen(loop.sync_args(f), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    for f in loop.pcs]
        time.sleep(loop.rnd.uniform(0.2, 0.7))  # a sync process is under way 0.2 s after its start
        hits += any(c.poll() is None for c in children)
        loop.cluster.stop("immediate")
        for child in children:
            child.wait(timeout=120)  # each ends on its own: the connection is gone
        loop.cluster.start()
        problem = loop.settle()
        survived += problem is None
        if problem:
            print(f"  stop: {problem}", flush=True)
    return tries, survived, hits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--stops", type=int, default=10)
    parser.add_argument("--seed", type=int, default=20)
    args = parser.parse_args(argv)
    bin_dir = binaries()
    if bin_dir is None:
        sys.exit("no PostgreSQL binaries under /usr/lib/postgresql")
    pg = Path(tempfile.mkdtemp(prefix="peerdesk-pg-"))
    cluster = Cluster(pg, bin_dir).start()
    try:
        with tempfile.TemporaryDirectory(prefix="peerdesk-sync-faults-") as tmp:
            loop = Loop(Path(tmp), cluster, random.Random(args.seed))
            results = {"sync killed (SIGKILL)": kill_loop(loop, args.kills),
                       "server stopped (immediate) mid-sync": stop_loop(loop, args.stops)}
            for name, (tries, survived, hits) in results.items():
                print(f"{name}: {survived}/{tries} survived ({hits} faults hit a running sync); "
                      f"{loop.added} entries made in all")
            return 0 if all(s == t for t, s, _h in results.values()) else 1
    finally:
        cluster.stop("immediate")
        subprocess.run(["rm", "-rf", str(pg)], check=False)


if __name__ == "__main__":
    sys.exit(main())
