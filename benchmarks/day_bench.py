"""The day's first start (run.py's ``day`` case): today's backup is due.

The window makes that backup once the store is open: it waits for the full integrity check,
then copies the whole file and checks the copy. Each run starts PeerDesk (``children.PEERDESK``
with ``PEERDESK_BENCH_DAY``) on a fresh copy of the 100,000-entry folder without its backups,
and takes two figures:

* cold start to ready to save, against the bare window's first paint (as run.py's ``rss`` case);
* the longest the window's event loop went without turning (a 10 ms timer) from ready until
  today's backup is made and the window has said so, against the bare window's event loop
  left idle for the same time (``PEERDESK_BENCH_IDLE_S``), in the same run. Target: under
  100 ms, the time a key can wait without the wait being felt.

Each run checks that the backup was made (the file, whole).
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import children
from results import Result, log, median, samples


def fresh_copy(many: Path, folder: Path) -> Path:
    """The folder as the day begins: *many*'s files without its backups (today's is due)."""
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(many, folder, ignore=shutil.ignore_patterns("backups", "*.lock", "*-shm", "*-wal"))
    return folder


def bench_day(many: Path, work: Path, runs: int, spawn, count: int) -> list[Result]:
    folder = work / "first-of-day"
    ready, stall, spans, bare_paint, bare_stall = [], [], [], [], []
    for i in range(runs + 1):
        for kind in ("bare", "day") if i % 2 == 0 else ("day", "bare"):
            if kind == "bare":
                idle = f"{median(spans) if spans else 2.0:.2f}"  # idle as long as the backups took
                marks = spawn(children.BARE, env={"PEERDESK_BENCH_IDLE_S": idle})
                if i:
                    bare_paint.append(marks["paint"][0])
                    bare_stall.append(marks["stall"][1] / 1e6)
                continue
            fresh_copy(many, folder)
            marks = spawn(children.PEERDESK, str(folder), env={"PEERDESK_BENCH_DAY": "1"})
            made = folder / "backups" / f"peerdesk-{date.today().isoformat()}.db"
            with sqlite3.connect(f"file:{made}?mode=ro", uri=True) as conn:
                if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                    raise SystemExit(f"today's backup {made} does not check")
            if i:
                ready.append(marks["ready"][0])
                stall.append(marks["stall"][1] / 1e6)
                spans.append(marks["stall"][0] - marks["ready"][0])
    shutil.rmtree(folder, ignore_errors=True)
    log(f"  the day's first start: ready {samples(ready)}; backup made {samples(spans)} after; "
        f"longest wait {samples(stall)}; "
        f"bare window's longest idle turn {samples(bare_stall)}")
    return [
        Result(f"the day's first start (backup due) to ready to save, {count:,} entries",
               median(ready), median(bare_paint), "≤ 2.5×", 2.5),
        Result("the day's first start: longest the window does not answer while the backup is made",
               median(stall), median(bare_stall), "< 100 ms", float("inf"), max_value=0.1),
    ]
