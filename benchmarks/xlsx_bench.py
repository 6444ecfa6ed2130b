"""A year's entries as an Excel workbook vs plain ``sqlite3`` + XlsxWriter writing the same rows.

    python benchmarks/xlsx_bench.py DATABASE [--runs 5] [--weeks 52]

Times, in the same process and the same folder, alternating:

* the floor: one plain ``sqlite3`` SELECT of the same rows in the same order,
  written by XlsxWriter (``constant_memory``, as PeerDesk writes) with
  ``write_row``: one sheet, no conversion, no header styling, summary or
  charts (the date column written twice, the category thrice, the period's
  two days bound as constants, as ``export_bench.floor`` does for CSV);
* ``peerdesk.exchange.xlsx_export.export_workbook``: the real workbook
  (typed cells, the Weekly summary and Charts sheets, temporary file, fsync,
  rename, audit record);

and, for comparison, ``export_entries`` of the same days to a CSV file. ``run.py``
uses :func:`measure` for its ``export-xlsx`` case.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from export_bench import ORDER
from peerdesk.domain.taxonomy import load_default
from peerdesk.exchange.csv_export import export_entries
from peerdesk.exchange.csv_format import ENTRY_COLUMNS
from peerdesk.exchange.xlsx_export import export_workbook
from peerdesk.storage.store import Store


def floor(db: Path, out: Path, start: date, end: date) -> int:
    """The least a workbook writer must do: SELECT the rows in order and write them with XlsxWriter."""
    from xlsxwriter import Workbook

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        cur = conn.execute(
            "SELECT id, worker, date, date, start_time, minutes, category, category, category, mode, format,"
            f" people, client_ref, tags, note, ?, ? FROM entries WHERE date >= ? AND date <= ? {ORDER}",
            (start.isoformat(), end.isoformat()) * 2,
        )
        # text stays text, as PeerDesk writes it (write_row would otherwise take '=…' for a formula)
        book = Workbook(str(out), {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
        sheet = book.add_worksheet("Entries")
        sheet.write_row(0, 0, ENTRY_COLUMNS)
        rows = 0
        while batch := cur.fetchmany(2000):
            for row in batch:
                rows += 1
                sheet.write_row(rows, 0, row)
        book.close()
    finally:
        conn.close()
    return rows


@dataclass
class Measured:
    rows: int
    floor: list[float]
    value: list[float]
    csv: list[float]  # PeerDesk's CSV export of the same days


def measure(db: Path, work: Path, runs: int, alternate: Callable, last_day: date, weeks: int = 52) -> Measured:
    """*runs* timed runs (after a warm-up) of the floor and export_workbook alternating, over the
    *weeks* weeks that end on *last_day*, with notes; then as many of export_entries to CSV."""
    start, end = last_day - timedelta(weeks=weeks) + timedelta(days=1), last_day
    tax = load_default()
    store = Store(db)
    store.actor = lambda: "bench"
    expected = store.count_between(start, end)
    out_floor, out_book, out_csv = work / "floor.xlsx", work / "export.xlsx", work / "export.csv"

    def run_floor() -> None:
        if floor(db, out_floor, start, end) != expected:
            raise SystemExit("the workbook floor wrote a different number of rows")

    def run_export() -> None:
        if export_workbook(store, tax, start, end, out_book, include_notes=True).rows != expected:
            raise SystemExit("export_workbook wrote a different number of rows")

    csv_times = []
    try:
        fs, vs = alternate(run_floor, run_export, runs)
        for _ in range(runs):
            t = time.perf_counter()
            export_entries(store, tax, start, end, out_csv, include_notes=True)
            csv_times.append(time.perf_counter() - t)
    finally:
        store.close()
        for path in (out_floor, out_book, out_csv):
            path.unlink(missing_ok=True)
    return Measured(expected, fs, vs, csv_times)


def main() -> int:
    from run import alternate, this_week_end

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--weeks", type=int, default=52)
    args = parser.parse_args()
    import tempfile

    with tempfile.TemporaryDirectory(prefix="peerdesk-xlsx-bench-") as tmp:
        got = measure(args.database, Path(tmp), args.runs, alternate, this_week_end(), args.weeks)
    median = statistics.median
    print(f"{got.rows:,} entries: floor {median(got.floor):.3f} s, export_workbook {median(got.value):.3f} s "
          f"(ratio {median(got.value) / median(got.floor):.2f}), export_entries to CSV {median(got.csv):.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
