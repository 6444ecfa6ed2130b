"""Reading workers' exports for a review, and saving its summary, as the window and the command line do."""

from __future__ import annotations

import datetime as dt
import gc
import os
import stat

from peerdesk.exchange.csv_export import export_entries
from peerdesk.exchange.csv_read import read_summary
from peerdesk.exchange.review import read_files
from peerdesk.operations.reviewing import review_closed, review_files, save_summary

from .helpers import entry


def _export(store, taxonomy, folder, worker: str):
    for n in range(1, 4):
        store.add(entry(n, worker=worker, minutes=45))
    path = folder / f"{worker}.csv"
    export_entries(store, taxonomy, dt.date(2026, 11, 23), dt.date(2026, 11, 29), path)
    return path


def test_a_review_reads_what_the_reader_reads_and_keeps_no_garbage(store, taxonomy, tmp_path):
    path = _export(store, taxonomy, tmp_path, "PW-07")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(path.read_bytes().replace(b",45,", b",-5,", 1))
    try:
        result = review_files([path, bad], taxonomy)
        assert gc.get_freeze_count() > 0  # the rows are out of the collector's sight while the review is open
    finally:
        review_closed()
    assert gc.get_freeze_count() == 0
    plain = read_files([path, bad], taxonomy)
    assert [tuple(e) for e in result.entries] == [tuple(e) for e in plain.entries]
    assert [str(p) for p in result.problems] == [str(p) for p in plain.problems]
    # the copy holds the same entries (counted once) and one minutes cell changed to -5
    named = [(p.line, p.column) for p in result.problems]
    assert named == [(2, "minutes"), (2, "entry_id"), (3, "entry_id"), (4, "entry_id")]
    assert result.problems[0].message == "-5 is out of range (1–720)"
    assert len(result.entries) == 3


def test_a_review_that_is_stopped_keeps_the_files_read_so_far(store, taxonomy, tmp_path):
    paths = [_export(store, taxonomy, tmp_path, "PW-07"), tmp_path / "later.csv"]
    try:
        result = review_files(paths, taxonomy, progress=lambda done, total: False)
    finally:
        review_closed()
    assert result.files == [str(paths[0])]


def test_the_summary_is_saved_owner_only_and_reads_back(store, taxonomy, tmp_path):
    path = _export(store, taxonomy, tmp_path, "PW-07")
    try:
        result = review_files([path], taxonomy)
    finally:
        review_closed()
    out = tmp_path / "summary.csv"
    count = save_summary(result.combined_summary(), out)
    rows = list(read_summary(out))
    assert count == len(rows) > 0
    assert sum(r["minutes"] for r in rows) == sum(e.minutes for e in result.entries)
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left
