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
import json
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


MEMORY_FILES, MEMORY_WEEKS = 50, 52


def make_memory_files(folder: Path) -> list[Path]:
    """50 workers' exports of 52 weeks each: the demo record of 52 weeks exported by PeerDesk
    (with notes), then given each worker's name and fresh ids."""
    data = folder / "data"
    demo.create_demo_folder(data, weeks=MEMORY_WEEKS, today=date(2026, 11, 27))
    ws = Workspace(data)
    source = folder / "source.csv"
    export_entries(ws.open_store(), ws.taxonomy, date(2000, 1, 1), date(2026, 11, 30), source, include_notes=True)
    ws.close()
    lines = source.read_text("utf-8-sig").splitlines(keepends=False)
    header, rows = lines[0], lines[1:]
    paths = []
    for i in range(MEMORY_FILES):
        out = [header]
        for row in rows:
            old_id, rest = row.split(",", 1)
            new_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"m{i}-{old_id}"))
            out.append(new_id + "," + rest.replace("Demo worker", f"PW-{i:02d}", 1))
        path = folder / f"peerdesk_PW-{i:02d}_year.csv"
        path.write_text("\r\n".join(out) + "\r\n", encoding="utf-8-sig")
        paths.append(path)
    return paths


def peak_growth_mb(side: str, paths: list[Path]) -> float:
    """Run one side in this (fresh) process and return its peak RSS growth in MB: the peak
    during the work less the resident size after the imports (Linux). The floor keeps every row, as any reader
    that shows the rows must; PeerDesk's side keeps the review's result and its team table."""
    taxonomy = load_default()
    # the high-water mark is reset here: a process forked from a larger one (run.py) starts with
    # its parent's, which getrusage's ru_maxrss keeps after exec
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")
    base = _status_kb("VmRSS")
    if side == "pass":  # the plain csv pass: every file read and parsed, nothing kept
        rows = 0
        for path in paths:
            rows += sum(1 for _row in csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
        kept = [rows]
    elif side == "floor":
        kept = []
        for path in paths:
            text = path.read_bytes().decode("utf-8-sig")
            kept.append(list(csv.reader(io.StringIO(text, newline=""))))
            del text
    else:
        result = review_files(paths, taxonomy)
        kept = [result, result.team(result.combined_summary(), taxonomy.work_types)]
    peak = _status_kb("VmHWM")
    assert kept
    return (peak - base) / 1024


def _status_kb(field: str) -> int:
    """A memory figure of this process from /proc/self/status (Linux), in KiB."""
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith(field + ":"))


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


def review_and_team(paths: list[Path], taxonomy) -> None:
    """What opening a review does (read, check, the team table), then closing it."""
    r = review_files(paths, taxonomy)
    if len(r.entries) != FILES * PER_FILE or r.problems:
        raise SystemExit(r.summary_line())
    r.team(r.combined_summary(), taxonomy.work_types)
    review_closed()


def alternated(paths: list[Path], runs: int) -> dict[str, list[float]]:
    """One warm-up round, then *runs* timed rounds of the floor and the review, alternating."""
    taxonomy = load_default()
    out: dict[str, list[float]] = {"floor": [], "review": []}
    steps = (("floor", lambda: floor(paths)), ("review", lambda: review_and_team(paths, taxonomy)))
    for i in range(runs + 1):
        for name, fn in steps if i % 2 == 0 else steps[::-1]:
            t0 = time.perf_counter()
            fn()
            if i:
                out[name].append(time.perf_counter() - t0)
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--samples", type=int, metavar="RUNS", help="time the given files; print JSON (for run.py)")
    parser.add_argument(
        "--memory", choices=("pass", "floor", "review"), help="peak RSS growth of one side (MB; for run.py)"
    )
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    if args.memory:
        print(json.dumps(peak_growth_mb(args.memory, args.files)))
        return 0
    if args.samples:
        print(json.dumps(alternated(args.files, args.samples)))
        return 0
    taxonomy = load_default()
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_files(Path(tmp))
        value = timed(lambda: review_and_team(paths, taxonomy), args.runs)
        base = timed(lambda: floor(paths), args.runs)
    ratio = value / base
    print(f"review of {FILES} files × {PER_FILE} entries (read, check, team table): {value:.3f} s")
    print(f"floor, plain csv parsing of the same files:                         {base:.3f} s")
    print(f"ratio {ratio:.2f} (target ≤ 3.0, and under 2 s): {'ok' if ratio <= 3.0 and value < 2.0 else 'MISSED'}")
    _ = Week
    return 0 if ratio <= 3.0 and value < 2.0 else 1


if __name__ == "__main__":
    sys.exit(main())
