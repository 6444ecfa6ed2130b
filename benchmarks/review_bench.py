"""Supervisor review: speed over 20 files × 5,000 entries, peak memory over 50 files × 52 weeks.

    python benchmarks/review_bench.py [--runs 5]          # speed
    python benchmarks/review_bench.py --memory [--runs 3]  # peak memory

Both sets of files are real exports: the demo record exported by PeerDesk,
then given worker names (PW-00, PW-01, …) and fresh ids.

Speed: 20 files of 5,000 entries (the demo record of 150 weeks, cut to 5,000
rows). The floor is csv.reader over the same files, decoded the same way, in
the same run.

Memory: 50 files, each a worker's 52 weeks (the demo record of 52 weeks, about
45 entries a week: 2,369 rows a file, 118,450 in all). Each side runs in a fresh
process (``--measure floor|review FILE …``), measured the same way: the peak
RSS growth, the process's peak RSS once the run is done minus its peak RSS
after the imports (a high-water mark, so nothing freed before the end hides
the peak). The peak is read as VmHWM from /proc/self/status, ``ru_maxrss``
where there is none: on Linux a child inherits its parent's ``ru_maxrss``
across fork and exec, so a child of a runner that built databases would start
from the runner's peak and hide its own growth below it. Both sides are then
run once more under tracemalloc, whose peaks (the Python heap alone, without
the allocator's slack) are printed beside.

* The floor, "a plain csv pass": each file's bytes read and decoded
  (utf-8-sig), csv.reader over its text, and every row kept as the list of
  strings csv gives, all files' rows held together at the end. A review keeps
  every row for as long as it stays open, so a floor that dropped the rows
  would measure only one file's text and csv's buffers (about 3 MB here), not
  the work; the rows as csv gives them are what any reader that keeps the rows
  holds before doing anything of its own (nothing shared, converted or
  dropped).
* PeerDesk: ``operations.reviewing.review_files(paths, taxonomy)`` and the
  team table (``result.team(result.combined_summary(), taxonomy.work_types)``),
  the result and the table kept alive at the peak, as the review window keeps
  them.

The target: PeerDesk's peak growth at most 3× the floor's.
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
MEMORY_FILES, MEMORY_WEEKS = 50, 52
MEMORY_TARGET = 3.0


def make_files(folder: Path, files: int = FILES, weeks: int = 150, per_file: int | None = PER_FILE) -> list[Path]:
    """*files* exports of the demo record of *weeks* weeks (cut to *per_file* rows), one worker each."""
    data = folder / "data"
    demo.create_demo_folder(data, weeks=weeks, today=date(2026, 11, 27))
    ws = Workspace(data)
    source = folder / "source.csv"
    export_entries(ws.open_store(), ws.taxonomy, date(2000, 1, 1), date(2026, 11, 30), source, include_notes=True)
    ws.close()
    text = source.read_text("utf-8-sig").splitlines(keepends=False)
    header, rows = text[0], text[1 : None if per_file is None else per_file + 1]
    assert per_file is None or len(rows) == per_file, len(rows)
    paths = []
    for i in range(files):
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


BAD_ROWS = 10_000_000
BAD_TARGET = 3.0


def make_bad_rows_file(folder: Path, rows: int = BAD_ROWS) -> Path:
    """An entries export's header over *rows* rows of one cell each (about 30 MB): every row a problem."""
    from peerdesk.exchange.csv_format import ENTRY_COLUMNS

    path = folder / "peerdesk_PW-01_bad_rows.csv"
    with path.open("wb") as out:
        out.write(("\ufeff" + ",".join(ENTRY_COLUMNS) + "\r\n").encode("utf-8"))
        block = b"x\r\n" * 100_000
        for _ in range(rows // 100_000):
            out.write(block)
    return path


def make_memory_files(folder: Path) -> list[Path]:
    """The memory case's files: 50 workers' exports of 52 weeks each."""
    return make_files(folder, MEMORY_FILES, MEMORY_WEEKS, None)


def floor_rows(paths: list[Path]) -> list[list[list[str]]]:
    """The memory floor: every file's rows, as csv gives them, kept."""
    kept = []
    for path in paths:
        text = path.read_bytes().decode("utf-8-sig")
        kept.append(list(csv.reader(io.StringIO(text, newline=""))))
    return kept


def review_kept(paths: list[Path]) -> tuple:
    """What the review window keeps: the review and its team table."""
    taxonomy = load_default()
    r = review_files(paths, taxonomy)
    if r.problems:
        raise SystemExit(r.summary_line())
    return r, r.team(r.combined_summary(), taxonomy.work_types)


def maxrss_kb() -> int:
    """The process's peak RSS in kB: VmHWM where there is one, as run.py's children read it.

    ru_maxrss is the fallback only: on Linux a child keeps its parent's ru_maxrss across
    fork and exec, so a child of a big runner would start from the runner's peak and hide
    its own growth below it; VmHWM is the new program's own."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux


def measure(side: str, paths: list[Path], traced: bool) -> dict[str, int]:
    """In a fresh process: the peak RSS growth (kB) of one side, or its tracemalloc peak (bytes)."""
    import gc
    import tracemalloc

    import peerdesk.exchange.review  # noqa: F401 - what review_files imports, before the baseline

    gc.collect()
    load_default()  # the taxonomy's files read, as the imports are, before the baseline
    before = maxrss_kb()
    if traced:
        tracemalloc.start()
    if side == "bad-floor":  # the file's text, held once (as the reader holds a file it reads)
        kept = [[path.read_bytes().decode("utf-8-sig") for path in paths]]
    elif side == "bad-review":
        kept = (review_files(paths, load_default()),)
    else:
        kept = floor_rows(paths) if side == "floor" else review_kept(paths)
    rows = len(kept[0].entries) if side in ("review", "bad-review") else sum(map(len, kept))
    out = {"rss_kb": maxrss_kb() - before, "rows": rows}
    if traced:
        out["traced_peak"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return out


def measured(side: str, paths: list[Path], traced: bool = False) -> dict[str, int]:
    import subprocess

    args = [sys.executable, __file__, "--measure", side, *(["--traced"] if traced else []), *map(str, paths)]
    out = subprocess.run(args, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def memory(
    paths: list[Path], runs: int, traced: bool = True, sides: tuple[str, str] = ("floor", "review")
) -> dict[str, list]:
    """Fresh processes for each of the two *sides* (the floor first), alternating: *runs* of each
    (RSS), then one each under tracemalloc."""
    out: dict[str, list] = {key: [] for side in sides for key in (side, side + "_traced")}
    for i in range(runs):
        for side in sides if i % 2 == 0 else sides[::-1]:
            out[side].append(measured(side, paths)["rss_kb"])
    if traced:
        for side in sides:
            out[side + "_traced"].append(measured(side, paths, True)["traced_peak"])
    return out


def memory_main(runs: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_memory_files(Path(tmp))
        entries = measured("review", paths)["rows"]
        got = memory(paths, runs)
    value, base = statistics.median(got["review"]) / 1024, statistics.median(got["floor"]) / 1024
    traced_value, traced_base = got["review_traced"][0] / 2**20, got["floor_traced"][0] / 2**20

    def runs_of(side: str) -> list[float]:
        return [round(kb / 1024, 1) for kb in got[side]]

    ratio = value / base
    ok = ratio <= MEMORY_TARGET
    print(f"review of {MEMORY_FILES} files × {MEMORY_WEEKS} weeks ({entries:,} entries), kept with its team table")
    print(f"  peak RSS growth {value:.1f} MB (runs {runs_of('review')})")
    print(f"floor, every file's csv rows kept: peak RSS growth {base:.1f} MB (runs {runs_of('floor')})")
    print(f"tracemalloc peaks: review {traced_value:.1f} MB, floor {traced_base:.1f} MB, "
          f"ratio {traced_value / traced_base:.2f}")
    print(f"ratio {ratio:.2f} (target ≤ {MEMORY_TARGET:g}): {'ok' if ok else 'MISSED'}")
    return 0 if ok else 1


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
    parser.add_argument("--memory", action="store_true", help="the peak memory case (50 files × 52 weeks)")
    parser.add_argument("--measure", choices=("floor", "review", "bad-floor", "bad-review"),
                        help="one side's peak memory; print JSON")
    parser.add_argument("--traced", action="store_true", help="with --measure: tracemalloc's peak as well")
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.files, args.traced)))
        return 0
    if args.memory:
        return memory_main(args.runs)
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
