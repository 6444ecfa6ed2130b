"""The team server under load: WORKERS worker PCs (processes) each syncing a year of entries
(the demo record, about 2,300 entries each) at the same moment, against one ``COPY`` of the same
rows into a table like the server's (same columns, keys and indexes; no triggers, no row-level
security) — the fastest any program could put those rows on that server. A throwaway cluster
on a Unix socket (tests/server/pgcluster.py), so on loopback only.

Each worker is a window that is open already: its store opened and checked (the full integrity
check a window begins once it has painted the week) before the start, and the process kept until
every worker has synced, so that what is timed, on CPUs the server shares, is the syncs: not the
opening of a store, nor 50 Python processes ending (about 45 ms of CPU each).

    python benchmarks/sync_bench.py [--workers 50] [--weeks 52] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "server"))
from pgcluster import PASSWORD, Cluster, binaries


def _worker(folder: str, url: str, passfile: str, barrier, results, finished) -> None:
    os.environ["PGPASSFILE"] = passfile
    import psycopg  # noqa: F401 - loaded before the start, as in a window that has synced before

    import peerdesk.teamserver.sync  # noqa: F401
    from peerdesk.operations import syncing
    from peerdesk.workspace import Workspace

    ws = Workspace(Path(folder))
    store = ws.open_store()
    store.await_full_check()  # begun and done now, as in a window open for a while
    barrier.wait()
    t, cpu = time.perf_counter(), time.process_time()
    try:
        report = syncing.sync_now(store, url)
        results.put((report.sent, time.perf_counter() - t, time.time(), time.process_time() - cpu))
    except Exception as exc:  # noqa: BLE001 - told to the parent, which fails the run
        results.put((f"{folder}: {exc}", 0.0, time.time(), 0.0))
    finally:
        finished.wait(timeout=600)  # the window stays open until every worker has synced
        ws.close()


def build(work: Path, cluster: Cluster, workers: int, weeks: int) -> tuple[str, str, str, list[Path], int]:
    from peerdesk import demo
    from peerdesk.teamserver import admin
    from peerdesk.workspace import Workspace

    db = f"bench_{os.getpid()}"
    admin_url = cluster.create_database(db)
    admin.init(admin_url)
    passfile = work / "pgpass"
    lines = []
    folders = []
    total = 0
    for n in range(workers):
        role = f"pw{n:02d}"
        admin.add_member(admin_url, role, "bench", "worker", PASSWORD)
        lines.append(f"*:*:{db}:{role}:{PASSWORD}")
        folder = work / f"ward-{n:02d}"
        ws = Workspace(folder)
        ws.settings.set("worker", role)
        ws.settings.save()
        store = ws.open_store()
        total += store.restore_many(demo.generate(seed=demo.DEFAULT_SEED + n, weeks=weeks, today=date.today(),
                                                  worker=f"PW-{n:02d}"))
        ws.close()
        folders.append(folder)
    passfile.write_text("\n".join(lines) + "\n")
    passfile.chmod(0o600)
    return db, admin_url, str(passfile), folders, total


def copy_floor(admin_url: str, folders: list[Path], runs: int = 3) -> float:
    """One COPY of every worker's rows into a table like the server's; the median of *runs*."""
    import psycopg

    from peerdesk.workspace import Workspace

    rows = []
    for folder in folders:
        ws = Workspace(folder)
        store = ws.open_store()
        for e in store.entries_between(date(2000, 1, 1), date(2100, 1, 1)):
            rows.append((e.id, e.worker, e.date, e.start_time, e.minutes, e.category, e.mode, e.format, e.people,
                         e.client_ref, ";".join(e.tags), "", e.created_at, e.updated_at, False, 1, "pw", "bench"))
        ws.close()
    times = []
    cols = ("id, worker, date, start_time, minutes, category, mode, format, people, client_ref, tags, note, "
            "created_at, updated_at, deleted, version, owner, team")
    with psycopg.connect(admin_url, autocommit=True) as conn:
        for run in range(runs):
            table = f"public.copy_floor_{run}"
            conn.execute(f"CREATE TABLE {table} (LIKE peerdesk.entries INCLUDING ALL)")
            conn.execute(f"ALTER TABLE {table} ALTER COLUMN txid SET DEFAULT pg_current_xact_id()")
            t = time.perf_counter()
            with conn.transaction(), conn.cursor() as cur, cur.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            times.append(time.perf_counter() - t)
    return sorted(times)[len(times) // 2]


def server_cpu(cluster: Cluster) -> float:
    """CPU seconds the server's processes have used, ended backends included (they are the
    postmaster's children once they exit)."""
    pid = (cluster.data / "postmaster.pid").read_text().split()[0]
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=50)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args(argv)
    bin_dir = binaries()
    if bin_dir is None:
        sys.exit("no PostgreSQL binaries under /usr/lib/postgresql (Debian: apt-get install postgresql)")
    pg = Path(tempfile.mkdtemp(prefix="peerdesk-pg-"))
    work = Path(tempfile.mkdtemp(prefix="peerdesk-sync-bench-"))
    cluster = Cluster(pg, bin_dir).start()
    try:
        t = time.perf_counter()
        db, admin_url, passfile, folders, total = build(work, cluster, args.workers, args.weeks)
        print(f"{args.workers} worker stores, {total:,} entries, made in {time.perf_counter() - t:.1f} s", flush=True)
        ctx = mp.get_context("spawn")
        barrier, results, finished = ctx.Barrier(args.workers + 1), ctx.Queue(), ctx.Event()
        procs = [ctx.Process(target=_worker, args=(str(f), cluster.url(f"pw{n:02d}", db), passfile, barrier, results,
                                                   finished)) for n, f in enumerate(folders)]
        for p in procs:
            p.start()
        barrier.wait()
        start, cpu_before = time.time(), server_cpu(cluster)
        done = [results.get(timeout=600) for _ in procs]
        time.sleep(0.5)  # the backends' ends reaped
        sync_cpu = server_cpu(cluster) - cpu_before
        finished.set()
        for p in procs:
            p.join()
        failed = [s for s, *_x in done if isinstance(s, str)]
        if failed:
            print("\n".join(failed))
            return 1
        # from the first worker's start (the parent, one of 51 processes woken at once, may run later)
        wall = max(end for _s, _d, end, _c in done) - min(start, *(end - d for _s, d, end, _c in done))
        client_cpu = sum(c for *_x, c in done)
        sent = sum(s for s, *_x in done)
        import psycopg

        with psycopg.connect(admin_url) as conn:
            on_server, distinct = conn.execute("SELECT count(*), count(DISTINCT id) FROM peerdesk.entries").fetchone()
        cpu_before = server_cpu(cluster)
        floor = copy_floor(admin_url, folders)
        time.sleep(0.5)
        copy_cpu = (server_cpu(cluster) - cpu_before) / 3  # three COPYs
        ratio = wall / floor
        print(f"sync of {args.workers} workers at once: {wall:.2f} s for {sent:,} entries sent "
              f"({on_server:,} rows on the server, {distinct:,} distinct); "
              f"one COPY of the same rows: {floor:.2f} s; "
              f"ratio {ratio:.2f} (target ≤ 3×); slowest worker {max(d for _s, d, _e, _c in done):.2f} s; "
              f"the workers' own CPU time {client_cpu:.1f} s in all, on the same {os.cpu_count()} CPUs as the server; "
              f"the server's CPU time {sync_cpu:.2f} s for the syncs, {copy_cpu:.2f} s for one COPY "
              f"(ratio {sync_cpu / copy_cpu:.2f})")
        if args.json:
            Path(args.json).write_text(json.dumps({"workers": args.workers, "entries": total, "sync_s": wall,
                                                   "copy_s": floor, "ratio": ratio, "client_cpu_s": client_cpu,
                                                   "server_cpu_sync_s": sync_cpu, "server_cpu_copy_s": copy_cpu},
                                                  indent=2) + "\n")
        return 0 if on_server == distinct == total == sent and ratio <= 3 else 1
    finally:
        cluster.stop("immediate")
        shutil.rmtree(pg, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
