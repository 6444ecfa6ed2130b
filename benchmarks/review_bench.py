"""Supervisor review speed: 20 exported files × 5,000 entries, against plain csv parsing.

    python benchmarks/review_bench.py [--runs 5]

The files are real exports (the demo record of 125 weeks, exported by
PeerDesk, then given 20 worker names and fresh ids). The floor is csv.reader
over the same files, decoded the same way, in the same run.
"""

from __future__ import annotations

import argparse
import csv
import io
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

from peerdesk import demo
from peerdesk.domain.taxonomy import load_default
from peerdesk.domain.weeks import Week
from peerdesk.exchange.csv_export import export_entries
from peerdesk.operations.reviewing import review_closed, review_files
from peerdesk.workspace import Workspace

FILES, PER_FILE = 20, 5000


def make_files(folder: Path) -> list[Path]:
    data = folder / "data"
    demo.create_demo_folder(data, weeks=150, today=date(2026, 11, 27))
    ws = Workspace(data)
    source = folder / "source.csv"
    export_entries(ws.open_store(), ws.taxonomy, date(2000, 1, 1), date(2026, 11, 30), source, include_notes=True)
    ws.close()
    text = source.read_text("utf-8-sig").splitlines(keepends=False)
    header, rows = text[0], text[1 : PER_FILE + 1]
    assert len(rows) == PER_FILE, len(rows)
    paths = []
    for i in range(FILES):
        out = [header]
        for row in rows:
            old_id, rest = row.split(",", 1)
            new_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{i}-{old_id}"))
            out.append(new_id + "," + rest.replace("Demo worker", f"PW-{i:02d}", 1))
        path = folder / f"peerdesk_PW-{i:02d}.csv"
        path.write_text("\r\n".join(out) + "\r\n", encoding="utf-8-sig")
        paths.append(path)
    return paths


def floor(paths: list[Path]) -> int:
    n = 0
    for path in paths:
        text = path.read_bytes().decode("utf-8-sig")
        for _row in csv.reader(io.StringIO(text, newline="")):
            n += 1
    return n


def timed(fn, runs: int) -> float:
    fn()  # warm-up
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    taxonomy = load_default()
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_files(Path(tmp))
        result = review_files(paths, taxonomy)
        assert len(result.entries) == FILES * PER_FILE and not result.problems, result.summary_line()
        del result
        review_closed()

        def review_and_team():  # what opening a review does, then closing it
            r = review_files(paths, taxonomy)
            r.team(r.combined_summary(), taxonomy.work_types)
            review_closed()

        value = timed(review_and_team, args.runs)
        base = timed(lambda: floor(paths), args.runs)
    ratio = value / base
    print(f"review of {FILES} files × {PER_FILE} entries (read, check, team table): {value:.3f} s")
    print(f"floor, plain csv parsing of the same files:                         {base:.3f} s")
    print(f"ratio {ratio:.2f} (target ≤ 3.0, and under 2 s): {'ok' if ratio <= 3.0 and value < 2.0 else 'MISSED'}")
    _ = Week
    return 0 if ratio <= 3.0 and value < 2.0 else 1


if __name__ == "__main__":
    sys.exit(main())
