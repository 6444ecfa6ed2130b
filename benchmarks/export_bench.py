"""CSV export of 100,000 entries vs plain ``sqlite3`` + ``csv.writer`` writing the same rows.

    python benchmarks/export_bench.py [--entries 100000] [--runs 5]

Builds a throwaway PeerDesk database (the real schema, made by the store) with
*entries* deterministic entries, then times, in the same process and the same
folder, alternating:

* the floor: one plain ``sqlite3`` SELECT of the same rows in the same order,
  written by ``csv.writer`` (UTF-8 with BOM, CRLF) with the same 17 columns,
  no conversion at all (the date column written twice, the category thrice, the
  period's two days bound as constants);
* ``peerdesk.exchange.csv_export.export_entries``: the real export (week
  strings, labels, neutralisation, temporary file, fsync, rename, audit record).

Both with notes and without (the floor then writes an empty note column).
One warm-up each, then *runs* timed runs each; prints the medians and the
ratio (target: at most 1.5). A last run under ``tracemalloc`` shows the
export's peak Python memory, to show it streams.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import tracemalloc
import uuid
from pathlib import Path

from peerdesk.domain.taxonomy import load_default
from peerdesk.exchange.csv_export import export_entries
from peerdesk.exchange.csv_format import ENCODING, ENTRY_COLUMNS, LINE_END
from peerdesk.storage.store import Store

TARGET = 1.5
START, END = dt.date(2000, 1, 1), dt.date(2100, 12, 31)
ORDER = "ORDER BY date, start_time IS NULL, start_time, created_at, id"
NOTES = [
    "",
    "",
    "Met at the café; talked about \"next steps\", housing and the bus pass.",
    "Group on coping skills, 6 came 🙂\nAsked for the handout again next week.",
    "=not a formula",
    "-follow up with the team on Tuesday",
    "Phoned back about the appointment letter. Zoë will join next time.",
    "Short check-in.",
]


def build(path: Path, count: int, seed: int = 1) -> None:
    Store(path).close()  # the real schema, by the store's own migrations
    tax = load_default()
    cats, tags = list(tax.categories), list(tax.tags)
    rnd = random.Random(seed)
    first = dt.date(2021, 1, 4)
    rows = []
    for i in range(count):
        day = first + dt.timedelta(days=rnd.randrange(5 * 365))
        hour, minute = rnd.randrange(7, 19), rnd.choice((0, 15, 30, 45))
        start = None if rnd.random() < 0.3 else f"{hour:02d}:{minute:02d}:00.000000"
        created = f"2026-01-01 10:{i // 6000 % 60:02d}:{i // 100 % 60:02d}.000000"
        rows.append((
            str(uuid.UUID(int=rnd.getrandbits(128), version=4)), "PW-07", day.isoformat(), start,
            rnd.randrange(5, 180), rnd.choice(cats), rnd.choice(("in_person", "phone", "text", "video")),
            rnd.choice(("individual", "group")), rnd.randrange(1, 9), rnd.choice(("", "", "C-102", "-12", "R 7")),
            ";".join(sorted(rnd.sample(tags, rnd.randrange(0, 3)))), rnd.choice(NOTES), created, created,
        ))
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    conn.close()


def floor(db: Path, out: Path, notes: bool) -> int:
    """The least any exporter must do: SELECT the rows in order, csv.writer them, BOM and CRLF."""
    note = "note" if notes else "''"
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        cur = conn.execute(
            "SELECT id, worker, date, date, start_time, minutes, category, category, category, mode, format,"
            f" people, client_ref, tags, {note}, ?, ? FROM entries WHERE date >= ? AND date <= ? {ORDER}",
            (START.isoformat(), END.isoformat()) * 2,
        )
        with open(out, "w", encoding=ENCODING, newline="") as fh:
            writer = csv.writer(fh, lineterminator=LINE_END)
            writer.writerow(ENTRY_COLUMNS)
            rows = 0
            while batch := cur.fetchmany(2000):
                writer.writerows(batch)
                rows += len(batch)
    finally:
        conn.close()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="peerdesk-export-bench-") as tmp:
        folder = Path(tmp)
        db = folder / "peerdesk.db"
        t0 = time.perf_counter()
        build(db, args.entries)
        print(f"built {args.entries:,} entries in {time.perf_counter() - t0:.1f} s ({db.stat().st_size / 1e6:.0f} MB)")
        tax = load_default()
        store = Store(db)
        store.actor = lambda: "bench"
        out_floor, out_export = folder / "floor.csv", folder / "export.csv"
        ok = True
        try:
            for notes in (True, False):
                times: dict[str, list[float]] = {"floor": [], "export": []}
                for run in range(args.runs + 1):  # run 0 is the warm-up
                    for name in ("floor", "export"):
                        t = time.perf_counter()
                        if name == "floor":
                            rows = floor(db, out_floor, notes)
                        else:
                            rows = export_entries(store, tax, START, END, out_export, include_notes=notes).rows
                        elapsed = time.perf_counter() - t
                        if rows != args.entries:
                            raise SystemExit(f"{name} wrote {rows} rows, expected {args.entries}")
                        if run:
                            times[name].append(elapsed)
                f, e = statistics.median(times["floor"]), statistics.median(times["export"])
                ratio = e / f
                ok &= ratio <= TARGET
                label = "with notes" if notes else "without notes"
                print(
                    f"{label:>14}: floor (sqlite3 + csv.writer) median {f:.3f} s, "
                    f"export_entries median {e:.3f} s, ratio {ratio:.2f} (target ≤ {TARGET}) "
                    f"{'ok' if ratio <= TARGET else 'TOO SLOW'}"
                )
                print(
                    f"{'':>14}  runs: floor {', '.join(f'{x:.3f}' for x in times['floor'])}; "
                    f"export {', '.join(f'{x:.3f}' for x in times['export'])}"
                )
            tracemalloc.start()
            export_entries(store, tax, START, END, out_export, include_notes=True)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            size = out_export.stat().st_size
            print(f"export peak Python memory (tracemalloc) {peak / 1e6:.1f} MB for a {size / 1e6:.1f} MB file")
        finally:
            store.close()
    print(f"python {sys.version.split()[0]}, sqlite {sqlite3.sqlite_version}, {os.cpu_count()} CPUs")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
