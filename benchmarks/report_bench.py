"""How long a printed report takes: a worker's year, and a team's quarter of 50 workers.

    python benchmarks/report_bench.py [--runs 5]

* **worker year**: ``peerdesk report``'s work for one demo worker's 52 weeks (about 2,200
  entries): the report's numbers from the store (``operations.reporting.worker_report_of``)
  and its pages drawn to a PDF in memory (``reports.pdf.pdf_bytes``), against the floor of
  reading the same rows from the store (``Store.entries_between``);
* **team quarter**: ``review FILES --report``'s work for 50 workers' exports of 13 weeks
  (about 28,000 entries): the files read and checked (``operations.reviewing.review_files``),
  the team's numbers and its 1 + 50 workers' pages drawn, against the floor of parsing the
  same files with plain ``csv``.

Runs alternate floor and report; medians are printed, with the ratio, and the page counts.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from peerdesk import demo
from peerdesk.domain.weeks import Week
from peerdesk.exchange.csv_export import export_entries
from peerdesk.operations.reporting import team_report_of, worker_report_of
from peerdesk.operations.reviewing import review_files
from peerdesk.reports.pdf import Options, pdf_bytes
from peerdesk.workspace import Workspace

TODAY = date(2026, 11, 27)
YEAR = (Week.of(TODAY).shift(-51).start, Week.of(TODAY).end)
QUARTER = (Week.of(TODAY).shift(-12).start, Week.of(TODAY).end)
WORKERS = 50


def timed(fn) -> tuple[float, object]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def pages(data: bytes) -> int:
    return data.count(b"/Type /Page\n") or data.count(b"/Type /Page ") or data.count(b"/Type/Page")


def team_files(folder: Path) -> list[Path]:
    """50 workers' exports of the quarter: the demo worker's, each under its own code and ids."""
    data = folder / "source"
    demo.create_demo_folder(data, weeks=13, today=TODAY)
    ws = Workspace(data)
    source = folder / "source.csv"
    export_entries(ws.open_store(), ws.taxonomy, *QUARTER, source)
    ws.close()
    header, *rows = source.read_text("utf-8-sig").splitlines()
    paths = []
    for i in range(WORKERS):
        out = [header]
        for row in rows:
            old_id, rest = row.split(",", 1)
            out.append(str(uuid.uuid5(uuid.NAMESPACE_URL, f"{i}-{old_id}")) + ","
                       + rest.replace("Demo worker", f"PW-{i:02d}", 1))
        path = folder / f"peerdesk_PW-{i:02d}.csv"
        path.write_text("\r\n".join(out) + "\r\n", encoding="utf-8-sig")
        paths.append(path)
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841 - fonts
    with tempfile.TemporaryDirectory(prefix="peerdesk-report-bench-") as tmp:
        folder = Path(tmp)
        data = folder / "year"
        demo.create_demo_folder(data, weeks=52, today=TODAY)
        ws = Workspace(data)
        store = ws.open_store()
        taxonomy = ws.taxonomy
        floors, values, count, page_count = [], [], 0, 0
        for _ in range(args.runs + 1):
            f, rows = timed(lambda: store.entries_between(*YEAR))
            v, data_ = timed(lambda: pdf_bytes(worker_report_of(store, taxonomy, *YEAR, contracted_hours=30),
                                               taxonomy, Options()))
            floors.append(f)
            values.append(v)
            count, page_count = len(rows), pages(data_)
        ws.close()
        f, v = statistics.median(floors[1:]), statistics.median(values[1:])
        print(f"worker year: {count:,} entries, {page_count} pages: report {v:.3f} s, "
              f"reading the rows {f:.3f} s ({v / f:.1f}×)")

        paths = team_files(folder)
        floors, values = [], []
        for _ in range(args.runs + 1):
            def floor() -> int:
                n = 0
                for p in paths:
                    with open(p, encoding="utf-8-sig", newline="") as fh:
                        n += sum(1 for _ in csv.reader(fh))
                return n

            f, _n = timed(floor)

            def team() -> tuple[int, bytes]:
                result = review_files(paths, taxonomy)
                return len(result.entries), pdf_bytes(team_report_of(result, taxonomy, *QUARTER), taxonomy, Options())

            v, (count, data_) = timed(team)
            floors.append(f)
            values.append(v)
            page_count = pages(data_)
        f, v = statistics.median(floors[1:]), statistics.median(values[1:])
        print(f"team quarter: {WORKERS} workers, {count:,} entries, {page_count} pages: review and report {v:.3f} s, "
              f"plain csv {f:.3f} s ({v / f:.1f}×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
