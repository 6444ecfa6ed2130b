"""PeerDesk's benchmark runner: every figure of DESIGN.md §5 against a floor measured in the same run.

    python benchmarks/run.py [--runs 7] [--json FILE] [--only NAME ...] [--workdir DIR] [--no-compile]

Builds its databases with the demo generator in a temporary folder (or in
``--workdir``, where they are kept and reused), then runs each case once to
warm up and ``--runs`` times (at least 5), alternating the floor and PeerDesk,
and prints one table:

    figure | PeerDesk median | floor median | ratio | target | ok

With ``--json FILE`` it also writes a list of objects with the keys
``figure``, ``value_s``, ``floor_s``, ``ratio``, ``target`` (the target as
text, e.g. "≤ 1.3×") and ``ok``. In the memory rows ``value_s`` and
``floor_s`` are MB (peak RSS, peak RSS growth, the bundle's size), not seconds. Exits 1 when any target is
missed.

The cases (names for ``--only``):

* ``paint``: cold start to the first paint (first expose) of the main window,
  empty database, a fresh process each run, vs a fresh process showing a bare
  QApplication + QMainWindow with one QChartView (the "bare window");
* ``week``: cold start to the week shown (the window painted with the week's
  table and charts, read from the file: the first look of a read-only
  connection, or the store), five-year database of ~60,000 entries, vs the
  same bare window;
* ``rss``: cold start to ready to save over 100,000 entries (the store open and
  checked: ``quick_check`` of every page, the schema, the week read from it and
  painted again), and the peak RSS (VmHWM) of the window then, vs the bare
  window's first paint and its RSS once it has painted (same processes as above);
* ``day``: the day's first start, today's backup due, over a fresh copy of the same 100,000
  entries: cold start to ready to save, and the longest the window's event loop does not turn
  until the backup is made (target under 100 ms), vs the bare window's first paint and its
  event loop left idle as long (``benchmarks/day_bench.py``);
* ``save``: 95th percentile of 200 saves of validated entries through
  ``operations.entries.add_entry`` (what the window and ``peerdesk add`` call),
  vs plain ``sqlite3`` INSERT + COMMIT of the same entry row with the same
  PRAGMAs (WAL, synchronous=FULL), alternating, each in a copy of the
  five-year database (the save also writes its audit-log line, takes the
  write lock and reads the new data version: that is part of what it costs);
* ``switch``: week switch in a shown MainWindow over 100,000 entries
  (``show_week`` then events processed: the table and all three chart cards
  updated, each card made as once its tab has been shown, and what is on
  screen redrawn)
  vs plain ``sqlite3`` running the same week, day × category, 12-week and
  mode × format queries;
* ``export``: ``export_entries`` of 100,000 entries with notes vs plain
  ``sqlite3`` + ``csv.writer`` (``benchmarks/export_bench.py``'s floor);
* ``export-xlsx``: ``export_workbook`` of the last 52 weeks of the same database (a team's year)
  vs plain ``sqlite3`` + XlsxWriter ``write_row`` (``benchmarks/xlsx_bench.py``), the CSV export's time beside;
* ``review``: reading 20 exported files × 5,000 entries and the team table vs
  plain ``csv`` parsing (``benchmarks/review_bench.py``'s files and floor);
* ``review-bad-rows``: peak RSS growth of ``review_files`` on one file of ten million bad rows
  (30 MB), against holding the file's text once; at most 1,000 problems a file are kept
* ``review-memory``: peak RSS growth of ``review_files`` and the team table
  over 50 workers' exports of 52 weeks, kept as the review window keeps them,
  vs a plain ``csv`` pass keeping every row as csv gives it (a fresh process
  for each side, alternating; ``benchmarks/review_bench.py --memory``'s files,
  floor and measure). ``value_s`` and ``floor_s`` are MB here too.
* ``quick``: the quick-entry line's parse and category ranking, each prefix of ten typical
  lines timed alone (95th percentile), with 200 categories, vs splitting the same prefix into
  words and looking each up in a set (``benchmarks/quick_bench.py``); the target is absolute.
* ``sync``: 50 worker processes each syncing a demo year to a throwaway PostgreSQL cluster at
  once, vs one ``COPY`` of the same rows (``benchmarks/sync_bench.py``, in a process of its own;
  left out, with a line saying so, where there are no PostgreSQL binaries);
* ``bundle``: the one-folder bundle's size (``du -sb``; ``value_s`` and ``floor_s`` in MB), built
  and smoke-tested by ``packaging/build.sh`` when ``DIST`` (default ``dist/``) holds none; the
  floor is the Qt and shiboken libraries inside it; the target is absolute (120 MB).

The databases are realistic team records: several demo workers (different
seeds and worker codes) over the same 260 weeks, written through
``Store.restore_many``, the oldest entries of the last worker left out so the
count is exact. The weeks end with the current ISO week, which is filled to
its Sunday, so the week the window opens on is a full one. The machine is
shared: medians are reported, with the load average before each case.

Before anything is timed PeerDesk's modules are byte-compiled, as installing
PeerDesk does (``--no-compile`` leaves that out, to see what an editable
install under ``PYTHONDONTWRITEBYTECODE`` pays at every start).
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any Qt import, here and in every child
HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))  # children, export_bench, review_bench

import day_bench
from results import Result, alternate, load, log, machine, median, p95, samples, table

CASES = ("paint", "week", "rss", "day", "save", "switch", "export", "export-xlsx", "review", "review-memory",
         "review-bad-rows", "quick", "sync", "bundle")
FIVE_YEARS, MANY = 60_000, 100_000
WEEKS = 260
SAVES = 200
CHILD_TIMEOUT_S = 180

# ---------------------------------------------------------------- child processes

_CONFIG: list[str] = []


def child_config() -> str:
    """The children's own folder for Qt's settings (``XDG_CONFIG_HOME``), made once per run: the
    view settings a start reads (the text size, the form's width) are the benchmark's, written
    by its warm-up run as by a worker's first start, never the developer's (a text size left at
    130 % would be measured too)."""
    if not _CONFIG:
        _CONFIG.append(tempfile.mkdtemp(prefix="peerdesk-bench-config-"))
        atexit.register(shutil.rmtree, _CONFIG[0], True)
    return _CONFIG[0]


def spawn(code: str, *args: str, env: dict[str, str] | None = None) -> dict[str, tuple[float, int]]:
    """Run *code* in a fresh interpreter (*env* added to its environment); each printed
    ``mark kB`` → (seconds since spawn, peak RSS kB)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=child_config(), **(env or {}))
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True
    )
    marks: dict[str, tuple[float, int]] = {}
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            parts = line.split()
            if parts:
                marks[parts[0]] = (time.perf_counter() - t0, int(parts[1]) if len(parts) > 1 else 0)
        _out, err = proc.communicate(timeout=CHILD_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        _out, err = proc.communicate()
        raise SystemExit(f"child timed out after {CHILD_TIMEOUT_S} s: {err[-2000:]}") from None
    if proc.returncode:
        raise SystemExit(f"child exited {proc.returncode}: {err[-2000:]}")
    return marks


# ---------------------------------------------------------------- setup


def compile_bytecode() -> None:
    """Byte-compile PeerDesk's modules, as installing it does (pip, the bundle).

    An editable install under ``PYTHONDONTWRITEBYTECODE=1`` (as here) never
    keeps bytecode, so every cold start would compile PeerDesk's sources again:
    about 20 ms before the first paint, which no installed PeerDesk pays.
    The files go to the usual ``__pycache__`` folders; a stale one is ignored.
    """
    import compileall

    import peerdesk

    compileall.compile_dir(Path(peerdesk.__file__).parent, quiet=1)


# ---------------------------------------------------------------- databases


def this_week_end() -> date:
    from peerdesk.domain.weeks import Week

    return Week.of(date.today()).end


def team_entries(count: int, *, today: date) -> Iterator:
    """*count* demo entries of several workers over the same WEEKS weeks, newest weeks kept."""
    from peerdesk import demo

    left, worker = count, 0
    while left > 0:
        record = list(demo.generate(seed=demo.DEFAULT_SEED + worker, weeks=WEEKS, today=today,
                                    worker=f"PW-{worker:02d}"))
        take = record[-left:] if len(record) > left else record
        left -= len(take)
        worker += 1
        yield from take


def build_folder(folder: Path, count: int) -> Path:
    """A data folder (settings with a worker, so no first-run question) with *count* entries."""
    from peerdesk.workspace import Workspace

    if (folder / "peerdesk.db").exists():
        return folder  # kept from an earlier run (--workdir)
    tmp = folder.with_name(folder.name + ".part")
    shutil.rmtree(tmp, ignore_errors=True)
    ws = Workspace(tmp)
    try:
        ws.settings.set("worker", "PW-00")
        ws.settings.save()
        store = ws.open_store()
        if count:
            store.restore_many(team_entries(count, today=this_week_end()))
    finally:
        ws.close()
    tmp.rename(folder)
    return folder


def count_entries(folder: Path) -> int:
    conn = sqlite3.connect(f"file:{folder / 'peerdesk.db'}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    finally:
        conn.close()


# ---------------------------------------------------------------- cold start and memory


def cold_start(folders: dict[str, Path], runs: int, wanted: set[str]) -> list[Result]:
    import children

    log(f"cold start: {runs} runs after a warm-up, fresh processes, alternating ({load()})")
    kinds = [k for k, case in (("empty", "paint"), ("five", "week"), ("many", "rss")) if case in wanted]
    bare: list[tuple[float, int]] = []
    got: dict[str, list[dict[str, tuple[float, int]]]] = {k: [] for k in kinds}
    for i in range(runs + 1):
        order = ["bare", *kinds] if i % 2 == 0 else [*kinds, "bare"]
        for kind in order:
            if kind == "bare":
                marks = spawn(children.BARE)
                if i:
                    bare.append((marks["paint"][0], marks["painted"][1]))
            else:
                marks = spawn(children.PEERDESK, str(folders[kind]))
                if not {"paint", "shown", "ready"} <= marks.keys():
                    raise SystemExit(f"PeerDesk child on {kind} printed {marks}")
                if i:
                    got[kind].append(marks)
    bare_paint = median([t for t, _ in bare])
    bare_rss = median([kb for _, kb in bare]) / 1024
    log(f"  bare window: paint {samples([t for t, _ in bare])}; RSS {[kb // 1024 for _, kb in bare]} MB")
    for kind in kinds:
        log(
            f"  PeerDesk {kind}: paint {samples([m['paint'][0] for m in got[kind]])}; "
            f"week shown {samples([m['shown'][0] for m in got[kind]])}; "
            f"store open {samples([m['ready'][0] for m in got[kind]])}; "
            f"RSS at ready {[m['ready'][1] // 1024 for m in got[kind]]} MB"
        )
    out = []
    if "empty" in got:
        out.append(Result(
            "cold start to first paint, empty database",
            median([m["paint"][0] for m in got["empty"]]), bare_paint, "≤ 1.3×", 1.3,
        ))
    if "five" in got:
        n = count_entries(folders["five"])
        out.append(Result(
            f"cold start to the week shown, 5-year database ({n:,} entries)",
            median([m["shown"][0] for m in got["five"]]), bare_paint, "≤ 1.6×", 1.6,
        ))
    if "many" in got:
        n = count_entries(folders["many"])
        out.append(Result(
            f"cold start to ready to save, store open and checked, {n:,} entries",
            median([m["ready"][0] for m in got["many"]]), bare_paint, "≤ 2.5×", 2.5,
        ))
        out.append(Result(
            f"peak RSS (MB) at the week shown, store open, {n:,} entries",
            median([m["ready"][1] for m in got["many"]]) / 1024, bare_rss, "≤ 1.5×", 1.5, unit="MB",
        ))
    return out


# ---------------------------------------------------------------- saving


def bench_save(five: Path, work: Path, runs: int) -> Result:
    from peerdesk.domain.entry import entry_to_raw, validate
    from peerdesk.domain.taxonomy import load_default
    from peerdesk.operations.entries import add_entry
    from peerdesk.storage.rows import EntryRow
    from peerdesk.storage.store import Store

    log(f"save: p95 of {SAVES} saves each, alternating, after 10 warm-up saves ({load()})")
    tax = load_default()
    today = date.today()
    raws = []
    for e in team_entries(SAVES + 10, today=this_week_end()):
        raw = entry_to_raw(e, tax)
        raw["date"] = today.isoformat()
        raws.append(raw)
    entries = [validate(raw, tax, today=today) for raw in raws]  # validated, as the form saves them

    folder = work / "save"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    pd_db, floor_db = folder / "peerdesk.db", folder / "floor.db"
    shutil.copyfile(five / "peerdesk.db", pd_db)
    shutil.copyfile(five / "peerdesk.db", floor_db)
    store = Store(pd_db)
    store.actor = lambda: "PW-00"
    conn = sqlite3.connect(floor_db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    insert = "INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
    now = datetime.now().replace(microsecond=0)

    def floor_row(e) -> tuple:  # the same values, in the store's own storage format
        return EntryRow.of(e.with_changes(created_at=now, updated_at=now))

    rows = [floor_row(e) for e in entries]
    fs: list[float] = []
    vs: list[float] = []
    try:
        for i, (entry, row) in enumerate(zip(entries, rows, strict=True)):
            t0 = time.perf_counter()
            conn.execute("BEGIN")
            conn.execute(insert, row)
            conn.execute("COMMIT")
            t1 = time.perf_counter()
            add_entry(store, entry)
            t2 = time.perf_counter()
            if i >= 10:
                fs.append(t1 - t0)
                vs.append(t2 - t1)
    finally:
        conn.close()
        store.close()
    log(f"  floor: median {median(fs) * 1000:.2f} ms, p95 {p95(fs) * 1000:.2f} ms; "
        f"add_entry: median {median(vs) * 1000:.2f} ms, p95 {p95(vs) * 1000:.2f} ms")
    return Result(f"saving one entry (add_entry), p95 of {SAVES}", p95(vs), p95(fs), "≤ 3×", 3.0)


# ---------------------------------------------------------------- week switch


def _quiet_qt(mode, context, message: str) -> None:
    if "propagateSizeHints" not in message:  # the offscreen platform says so for every window
        sys.stderr.write(message + "\n")


WEEK_SQL = (
    "SELECT id, worker, date, start_time, minutes, category, mode, format, people, client_ref, tags, note,"
    " created_at, updated_at FROM entries WHERE date >= ? AND date <= ?"
    " ORDER BY date, start_time IS NULL, start_time, created_at"
)
TOTALS_SQL = (
    "SELECT date, category, sum(minutes), count(*), sum(people) FROM entries WHERE date >= ? AND date <= ?"
    " GROUP BY date, category ORDER BY date, category"
)
HOW_SQL = (
    "SELECT mode, format, sum(minutes), count(*), sum(people) FROM entries WHERE date >= ? AND date <= ?"
    " GROUP BY mode, format ORDER BY mode, format"
)


def bench_switch(many: Path, runs: int) -> Result:
    from PySide6.QtCore import QEvent, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from peerdesk.domain.weeks import Week
    from peerdesk.ui.dialogs import Dialogs
    from peerdesk.ui.main_window import MainWindow
    from peerdesk.week_data import trend_weeks
    from peerdesk.workspace import Workspace

    switches = max(runs, 5) * 4
    log(f"week switch: {switches} switches each after 4 warm-up, alternating ({load()})")
    qInstallMessageHandler(_quiet_qt)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    ws = Workspace(many)
    window = MainWindow(ws, dialogs=Dialogs())
    window.set_store(ws.open_store())
    window.show()
    app.processEvents()
    conn = sqlite3.connect(f"file:{many / 'peerdesk.db'}?mode=ro", uri=True)
    current = Week.of(date.today())
    weeks = [current.previous(), current]  # both full weeks
    state = {"i": 0, "rows": 0}
    # Every chart card made, as once each tab has been looked at (the trend and how cards
    # come with their tab's first showing): each switch then updates all three.
    window.week_view.charts  # noqa: B018
    trend_count = window.week_view.trend_weeks()

    def floor() -> None:
        week = weeks[state["i"] % 2]
        trend = trend_weeks(week, trend_count, date.today())
        a = conn.execute(WEEK_SQL, (week.start.isoformat(), week.end.isoformat())).fetchall()
        conn.execute(TOTALS_SQL, (week.start.isoformat(), week.end.isoformat())).fetchall()
        conn.execute(TOTALS_SQL, (trend[0].start.isoformat(), trend[-1].end.isoformat())).fetchall()
        conn.execute(HOW_SQL, (week.start.isoformat(), week.end.isoformat())).fetchall()
        state["rows"] = len(a)

    def peerdesk() -> None:
        window.show_week(weeks[state["i"] % 2])
        app.processEvents()  # the table and the charts are laid out and painted
        app.processEvents()
        # what deleteLater() left (old chart axes); the running event loop would delete it
        app.sendPostedEvents(None, QEvent.DeferredDelete)

    fs: list[float] = []
    vs: list[float] = []
    try:
        for i in range(4 + switches):
            state["i"] = i
            first, second = (floor, peerdesk) if i % 2 == 0 else (peerdesk, floor)
            times = {}
            for fn in (first, second):
                t = time.perf_counter()
                fn()
                times[fn] = time.perf_counter() - t
            if i >= 4:
                fs.append(times[floor])
                vs.append(times[peerdesk])
        rows = window.week_view.model.rowCount()
    finally:
        conn.close()
        window.close()
        ws.close()
        app.processEvents()
    log(f"  week of {rows} entries; floor median {median(fs) * 1000:.2f} ms; "
        f"show_week median {median(vs) * 1000:.2f} ms (runs: {samples(vs)})")
    return Result(
        f"week switch (query, table, charts), {count_entries(many):,} entries",
        median(vs), median(fs), "≤ 5×, < 50 ms", 5.0, max_value=0.050,
    )


# ---------------------------------------------------------------- export and review


def bench_export(many: Path, work: Path, runs: int) -> Result:
    import export_bench
    from peerdesk.domain.taxonomy import load_default
    from peerdesk.exchange.csv_export import export_entries
    from peerdesk.storage.store import Store

    log(f"export: {runs} runs after a warm-up, alternating ({load()})")
    tax = load_default()
    db = many / "peerdesk.db"
    expected = count_entries(many)
    store = Store(db)
    store.actor = lambda: "bench"
    out_floor, out_export = work / "floor.csv", work / "export.csv"

    def floor() -> None:
        if export_bench.floor(db, out_floor, True) != expected:
            raise SystemExit("the floor wrote a different number of rows")

    def export() -> None:
        r = export_entries(store, tax, export_bench.START, export_bench.END, out_export, include_notes=True)
        if r.rows != expected:
            raise SystemExit(f"export wrote {r.rows} rows, expected {expected}")

    try:
        fs, vs = alternate(floor, export, runs)
    finally:
        store.close()
        out_floor.unlink(missing_ok=True)
        out_export.unlink(missing_ok=True)
    log(f"  floor {samples(fs)}; export_entries {samples(vs)}")
    return Result(f"export of {expected:,} entries (with notes)", median(vs), median(fs), "≤ 1.5×", 1.5)


def bench_export_xlsx(many: Path, work: Path, runs: int) -> Result:
    import xlsx_bench

    log(f"export-xlsx: {runs} runs after a warm-up, alternating ({load()})")
    got = xlsx_bench.measure(many / "peerdesk.db", work, runs, alternate, this_week_end())
    log(f"  floor {samples(got.floor)}; export_workbook {samples(got.value)}; export_entries (CSV) {samples(got.csv)}")
    figure = f"workbook of a year, {got.rows:,} entries (with notes; CSV {median(got.csv):.2f} s)"
    return Result(figure, median(got.value), median(got.floor), "≤ 1.5×", 1.5)


def bench_review(work: Path, runs: int) -> Result:
    import review_bench

    folder = work / "review"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    paths = review_bench.make_files(folder)
    log(f"review: {runs} runs after a warm-up, alternating, in a fresh process ({load()})")
    # A fresh process holds what 'peerdesk review' holds: not this runner's databases, demo
    # records and windows of the cases before, which the review's garbage collection would walk.
    out = subprocess.run(
        [sys.executable, str(HERE / "review_bench.py"), "--samples", str(runs), *map(str, paths)],
        check=True, capture_output=True, text=True,
    )
    timed = json.loads(out.stdout)
    fs, vs = timed["floor"], timed["review"]
    log(f"  floor {samples(fs)}; review_files + team {samples(vs)}")
    figure = f"review of {review_bench.FILES} files × {review_bench.PER_FILE:,} entries"
    return Result(figure, median(vs), median(fs), "≤ 2.0×", 2.0)


def _memory_case(work: Path, name: str, make, sides: tuple[str, str], runs: int, what: tuple[str, str],
                 figure: str, target: float) -> Result:
    """A peak-memory case: *make(folder)* writes its files into a fresh folder; each side runs in
    fresh processes, alternating (review_bench.memory); *what* names the floor and PeerDesk's side."""
    import review_bench

    folder = work / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    paths = make(folder)
    log(f"{name}: {runs} fresh processes for each side, alternating ({load()})")
    got = review_bench.memory(paths, runs, traced=False, sides=sides)
    fs, vs = got[sides[0]], got[sides[1]]
    log(f"  {what[0]} {[round(kb / 1024, 1) for kb in fs]} MB; {what[1]} {[round(kb / 1024, 1) for kb in vs]} MB")
    return Result(figure, median(vs) / 1024, median(fs) / 1024, f"≤ {target:g}×", target, unit="MB")


def bench_review_memory(work: Path, runs: int) -> Result:
    import review_bench

    figure = f"review peak memory (RSS growth), {review_bench.MEMORY_FILES} files × {review_bench.MEMORY_WEEKS} weeks"
    return _memory_case(work, "review-memory", review_bench.make_memory_files, ("floor", "review"), runs,
                        ("floor", "review_files + team"), figure, review_bench.MEMORY_TARGET)


def bench_review_bad_rows(work: Path, runs: int) -> Result:
    import review_bench

    figure = f"review peak memory, one file of {review_bench.BAD_ROWS:,} bad rows vs its text held"
    return _memory_case(work, "review-bad-rows", lambda folder: [review_bench.make_bad_rows_file(folder)],
                        ("bad-floor", "bad-review"), runs, ("floor (the file's text held)", "review_files"),
                        figure, review_bench.BAD_TARGET)


# ---------------------------------------------------------------- main


def bench_quick(runs: int) -> Result:
    import quick_bench

    value, floor, keys = quick_bench.measure(runs)
    log(f"quick entry: {keys} keystrokes x {runs}; parse p95 {value * 1000:.3f} ms, floor p95 {floor * 1000:.4f} ms")
    return Result("quick entry: parse and rank per key (p95), 200 categories", value, floor, "< 5 ms",
                  float("inf"), max_value=0.005)


def bench_sync(work: Path) -> Result | None:
    """The team server under load (benchmarks/sync_bench.py, in a process of its own)."""
    sys.path.insert(0, str(HERE.parent / "tests" / "server"))
    from pgcluster import binaries

    if binaries() is None:
        log("sync: not measured: no PostgreSQL binaries under /usr/lib/postgresql (Debian: postgresql)")
        return None
    log(f"sync: 50 workers' years at once against one COPY, a throwaway cluster ({load()})")
    out = work / "sync.json"
    out.unlink(missing_ok=True)
    subprocess.run([sys.executable, str(HERE / "sync_bench.py"), "--workers", "50", "--json", str(out)], check=False)
    if not out.exists():
        raise SystemExit("sync: benchmarks/sync_bench.py ended without its figures (see above)")
    got = json.loads(out.read_text("utf-8"))
    figure = f"the team server: {got['workers']} workers syncing a year each ({got['entries']:,} entries) vs one COPY"
    return Result(figure, got["sync_s"], got["copy_s"], "≤ 3×", 3.0)


def bench_bundle() -> Result:
    """The one-folder bundle's size (``du -sb``), built by packaging/build.sh (which smoke-tests it)
    when DIST (default: the checkout's dist/) holds none; the floor is the Qt and shiboken libraries in it."""
    dist = Path(os.environ.get("DIST") or HERE.parent / "dist") / "PeerDesk"
    if not dist.is_dir():
        log(f"bundle: building {dist} with packaging/build.sh")
        subprocess.run(["bash", str(HERE.parent / "packaging" / "build.sh")], check=True)

    def size(path: Path) -> float:
        out = subprocess.run(["du", "-sb", str(path)], check=True, capture_output=True, text=True).stdout
        return int(out.split()[0]) / 1e6

    qt = sum(size(p) for p in (dist / "_internal" / "PySide6", dist / "_internal" / "shiboken6") if p.exists())
    total = size(dist)
    log(f"bundle: {dist}: {total:.1f} MB, of which the Qt and shiboken libraries {qt:.1f} MB")
    return Result("bundle (du -sb), MB (floor: its Qt libraries)", total, qt, "≤ 120 MB", float("inf"),
                  unit="MB", max_value=120.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each case after the warm-up (at least 5)")
    parser.add_argument("--json", metavar="FILE", help="also write the results to FILE as JSON")
    parser.add_argument("--only", nargs="+", choices=CASES, help="run only these cases")
    parser.add_argument("--workdir", metavar="DIR", help="build (and keep, and reuse) the databases in DIR")
    parser.add_argument("--no-compile", action="store_true", help="do not byte-compile PeerDesk's modules first")
    args = parser.parse_args(argv)
    runs = max(5, args.runs)
    wanted = set(args.only or CASES)

    log(machine())
    os.environ["XDG_CONFIG_HOME"] = child_config()  # this process's view settings too (the week switch)
    if not args.no_compile:
        compile_bytecode()
    with tempfile.TemporaryDirectory(prefix="peerdesk-bench-") as tmp:
        work = Path(args.workdir).resolve() if args.workdir else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        folders = {"empty": build_folder(work / "empty", 0)}
        if wanted & {"week", "save"}:
            folders["five"] = build_folder(work / "five-years", FIVE_YEARS)
        if wanted & {"rss", "day", "switch", "export", "export-xlsx"}:
            folders["many"] = build_folder(work / "many", MANY)
        log(f"databases ready in {time.perf_counter() - t0:.1f} s: "
            + ", ".join(f"{k} {count_entries(v):,} entries" for k, v in folders.items()))

        results: list[Result] = []
        if wanted & {"paint", "week", "rss"}:
            results += cold_start(folders, runs, wanted)
        if "day" in wanted:
            log(f"the day's first start: {runs} runs after a warm-up, fresh processes, alternating ({load()})")
            results += day_bench.bench_day(folders["many"], work, runs, spawn, count_entries(folders["many"]))
        if "save" in wanted:
            results.append(bench_save(folders["five"], work, runs))
        if "switch" in wanted:
            results.append(bench_switch(folders["many"], runs))
        if "export" in wanted:
            results.append(bench_export(folders["many"], work, runs))
        if "export-xlsx" in wanted:
            results.append(bench_export_xlsx(folders["many"], work, runs))
        if "review" in wanted:
            results.append(bench_review(work, runs))
        if "review-memory" in wanted:
            results.append(bench_review_memory(work, runs))
        if "review-bad-rows" in wanted:
            results.append(bench_review_bad_rows(work, runs))
        if "quick" in wanted:
            results.append(bench_quick(runs))
        if "sync" in wanted and (synced := bench_sync(work)) is not None:
            results.append(synced)
        if "bundle" in wanted:
            results.append(bench_bundle())

    log(f"\n{machine()}; {load()}")
    log(table(results))
    if args.json:
        text = json.dumps([r.as_json() for r in results], indent=2, ensure_ascii=False)
        Path(args.json).write_text(text + "\n", "utf-8")
    missed = [r.figure for r in results if not r.ok]
    if missed:
        log(f"missed: {'; '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
