"""Exporting entries and the weekly summary: the bytes of the contract, and files that are whole or absent."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import stat
from pathlib import Path

import pytest

from peerdesk.exchange import csv_export
from peerdesk.exchange.csv_export import (
    ExportCancelled,
    ExportError,
    export_both,
    export_entries,
    export_summary,
)
from peerdesk.exchange.csv_format import BOM, ENTRY_COLUMNS, SUMMARY_COLUMNS
from peerdesk.exchange.csv_read import CsvReadError, read_entries, read_summary


def _leftovers(folder: Path) -> list[str]:
    """Temporary files an export might have left behind."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") or p.suffix == ".part")


# ------------------------------------------------------------------ golden files


@pytest.mark.parametrize(("golden", "include_notes"), [("entries_with_notes.csv", True), ("entries.csv", False)])
def test_entries_export_matches_the_golden_file_byte_for_byte(
    golden_store, taxonomy, tmp_path, gold, golden, include_notes
):
    out = tmp_path / "out.csv"
    result = export_entries(golden_store, taxonomy, gold.start, gold.end, out, include_notes=include_notes)
    assert out.read_bytes() == (gold.folder / golden).read_bytes()
    assert result.rows == 6
    assert result.path == out


def test_summary_export_matches_the_golden_file_byte_for_byte(golden_store, taxonomy, tmp_path, gold):
    out = tmp_path / "summary.csv"
    result = export_summary(golden_store, taxonomy, gold.start, gold.end, out)
    assert out.read_bytes() == (gold.folder / "summary.csv").read_bytes()
    assert result.rows == 5


def test_golden_files_hold_what_the_contract_promises(gold):
    """Guards the golden files themselves, so a regenerated golden cannot drift from DESIGN.md §3."""
    raw = (gold.folder / "entries_with_notes.csv").read_bytes()
    assert raw.startswith(BOM + b"entry_id,worker,date,week,start_time,minutes,")
    body = raw[len(BOM):]
    assert body.endswith(b"\r\n")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    assert tuple(rows[0]) == ENTRY_COLUMNS
    # every physical row end outside a quoted note is CRLF; line breaks inside a note are the note's own
    assert body.count(b"\r\n") == len(rows)
    assert b'"Line one\nLine two, with a comma\nZo\xc3\xab \xf0\x9f\x99\x82"' in body
    assert b'"Helped with the housing form, ""urgent"" \xe2\x80\x94 caf\xc3\xa9 after"' in body
    assert b"\"'=HYPERLINK(" in body and b",'-12," in body and b",''quoted," in body
    assert b"2027-01-01,2026-W53," in body and b",experience;presence," in body
    assert "2027-01-04" not in body.decode() and "2026-11-22" not in body.decode()


# ------------------------------------------------------------------ notes


def test_notes_are_left_out_by_default_but_the_column_stays(golden_store, taxonomy, tmp_path, gold):
    out = tmp_path / "out.csv"
    export_entries(golden_store, taxonomy, gold.start, gold.end, out)
    text = out.read_bytes().decode("utf-8-sig")
    rows = list(read_entries(out))
    assert len(rows) == 6 and all(r["note"] == "" for r in rows)
    assert ",tags,note,period_start," in text.splitlines()[0]
    for entry in gold.entries():
        if entry.note:
            assert entry.note.splitlines()[0] not in text


def test_notes_are_in_the_file_when_asked_for(golden_store, taxonomy, tmp_path, gold):
    out = tmp_path / "out.csv"
    export_entries(golden_store, taxonomy, gold.start, gold.end, out, include_notes=True)
    by_id = {e.id: e for e in gold.entries()}
    for row in read_entries(out):
        assert row["note"] == by_id[row["entry_id"]].note


# ------------------------------------------------------------------ numbers and neutralisation in the file


def test_numbers_are_plain_and_text_is_neutralised_in_the_file(store, taxonomy, tmp_path, gold):
    store.restore_many(
        [
            gold.entry(1, worker="=cmd|' /C calc'!A0", client_ref="+44", note="@SUM(1+1)", minutes=720, people=12),
            gold.entry(2, worker="-PW", client_ref="-5", note="\t=1", minutes=1, people=0),
        ]
    )
    out = tmp_path / "out.csv"
    export_entries(store, taxonomy, gold.start, gold.start, out, include_notes=True)
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))[1:]
    minutes, people = ENTRY_COLUMNS.index("minutes"), ENTRY_COLUMNS.index("people")
    assert [(r[minutes], r[people]) for r in rows] == [("720", "12"), ("1", "0")]
    worker, ref, note = (ENTRY_COLUMNS.index(c) for c in ("worker", "client_ref", "note"))
    assert [(r[worker], r[ref], r[note]) for r in rows] == [
        ("'=cmd|' /C calc'!A0", "'+44", "'@SUM(1+1)"),
        ("'-PW", "'-5", "'\t=1"),
    ]


# ------------------------------------------------------------------ ranges and order


def test_the_range_is_inclusive_and_nothing_outside_it_is_written(golden_store, taxonomy, tmp_path):
    out = tmp_path / "out.csv"
    result = export_entries(golden_store, taxonomy, dt.date(2026, 11, 24), dt.date(2026, 11, 26), out)
    assert [r["date"] for r in read_entries(out)] == ["2026-11-24", "2026-11-26"]
    assert result.rows == 2


def test_an_empty_range_writes_the_header_only(store, taxonomy, tmp_path, gold):
    out = tmp_path / "out.csv"
    result = export_entries(store, taxonomy, gold.start, gold.end, out)
    assert out.read_bytes() == BOM + (",".join(ENTRY_COLUMNS) + "\r\n").encode()
    assert result.rows == 0


def test_a_range_that_ends_before_it_starts_is_refused(store, taxonomy, tmp_path, gold):
    with pytest.raises(ValueError, match="before it starts"):
        export_entries(store, taxonomy, gold.end, gold.start, tmp_path / "out.csv")
    assert not (tmp_path / "out.csv").exists()


def test_a_category_missing_from_the_taxonomy_is_still_exported(store, taxonomy, tmp_path, gold):
    store.restore(gold.entry(1, category="harm_reduction"))
    out = tmp_path / "out.csv"
    export_entries(store, taxonomy, gold.start, gold.start, out)
    # written as it is; reading it back checks it against a taxonomy, which this one lacks
    cells = list(csv.reader(io.StringIO(out.read_text("utf-8-sig"), newline="")))[1]
    raw = dict(zip(ENTRY_COLUMNS, cells, strict=True))
    assert (raw["work_type"], raw["category"], raw["category_label"]) == ("unknown", "harm_reduction", "harm_reduction")
    with pytest.raises(CsvReadError, match="unknown category 'harm_reduction'"):
        list(read_entries(out))


# ------------------------------------------------------------------ summary


def test_summary_sums_equal_the_entries_and_rows_are_sorted(golden_store, taxonomy, tmp_path, gold):
    out = tmp_path / "summary.csv"
    export_summary(golden_store, taxonomy, gold.start, gold.end, out)
    rows = list(read_summary(out))
    assert tuple(rows[0]) == SUMMARY_COLUMNS
    keys = [(r["week"], r["work_type"], r["category"], r["worker"]) for r in rows]
    assert keys == sorted(keys)
    inside = [e for e in gold.entries() if gold.start <= e.date <= gold.end]
    assert sum(r["minutes"] for r in rows) == sum(e.minutes for e in inside)
    assert sum(r["entries"] for r in rows) == len(inside)
    assert sum(r["people"] for r in rows) == sum(e.people for e in inside)
    for r in rows:
        monday = dt.date.fromisoformat(r["week_start"])
        assert monday.isoweekday() == 1 and f"{monday.isocalendar().year}-W{monday.isocalendar().week:02d}" == r["week"]


def test_summary_has_one_row_per_worker_week_and_category(store, taxonomy, tmp_path, gold):
    # the same worker, week and category on different days fold into one row; other workers stay apart
    store.restore_many(
        [
            gold.entry(1, date=dt.date(2026, 11, 23), minutes=10, people=1),
            gold.entry(2, date=dt.date(2026, 11, 29), minutes=20, people=2),
            gold.entry(3, date=dt.date(2026, 11, 30), minutes=40, people=3),
            gold.entry(4, worker="Other", date=dt.date(2026, 11, 24), minutes=5, people=1),
        ]
    )
    out = tmp_path / "summary.csv"
    export_summary(store, taxonomy, dt.date(2026, 11, 1), dt.date(2026, 12, 31), out)
    got = [(r["worker"], r["week"], r["minutes"], r["entries"], r["people"]) for r in read_summary(out)]
    assert got == [("Other", "2026-W48", 5, 1, 1), ("PW-07", "2026-W48", 30, 2, 3), ("PW-07", "2026-W49", 40, 1, 3)]


def test_both_files_are_written_together(golden_store, taxonomy, tmp_path, gold):
    entries, summary = export_both(
        golden_store, taxonomy, gold.start, gold.end, tmp_path / "e.csv", tmp_path / "e_summary.csv"
    )
    assert (entries.rows, summary.rows) == (6, 5)
    assert (tmp_path / "e.csv").read_bytes() == (gold.folder / "entries.csv").read_bytes()
    assert (tmp_path / "e_summary.csv").read_bytes() == (gold.folder / "summary.csv").read_bytes()


# ------------------------------------------------------------------ whole files or none


def _many(store, gold, count: int) -> None:
    store.restore_many(
        gold.entry(i, date=gold.start + dt.timedelta(days=i % 7), note=f"note {i}") for i in range(1, count + 1)
    )


def test_a_cancelled_export_leaves_no_file(store, taxonomy, tmp_path, gold):
    _many(store, gold, csv_export.BATCH * 2 + 10)
    out = tmp_path / "out.csv"
    calls = []

    def progress(done, total):
        calls.append((done, total))
        return done < csv_export.BATCH  # cancel after the first batch has been written to the temporary file

    with pytest.raises(ExportCancelled):
        export_entries(store, taxonomy, gold.start, gold.end, out, progress=progress)
    assert calls == [(0, csv_export.BATCH * 2 + 10), (csv_export.BATCH, csv_export.BATCH * 2 + 10)]
    assert not out.exists()
    assert _leftovers(tmp_path) == []


def test_a_cancelled_export_keeps_an_older_file(store, taxonomy, tmp_path, gold):
    _many(store, gold, csv_export.BATCH + 10)
    out = tmp_path / "out.csv"
    out.write_bytes(b"the older export")
    with pytest.raises(ExportCancelled):
        export_entries(store, taxonomy, gold.start, gold.end, out, progress=lambda done, total: done == 0)
    assert out.read_bytes() == b"the older export"
    assert _leftovers(tmp_path) == []


def test_cancelling_both_files_writes_neither(golden_store, taxonomy, tmp_path, gold):
    def progress(done, total):
        return done < total  # cancel at the very end, after both temporary files are full

    with pytest.raises(ExportCancelled):
        export_both(
            golden_store, taxonomy, gold.start, gold.end, tmp_path / "e.csv", tmp_path / "s.csv",
            progress=progress,
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_a_failing_export_leaves_no_file_and_keeps_an_older_one(golden_store, taxonomy, tmp_path, gold):
    out = tmp_path / "out.csv"
    out.write_bytes(b"the older export")

    def progress(done, total):
        if done:
            raise RuntimeError("the disk went away")
        return True

    with pytest.raises(RuntimeError, match="disk went away"):
        export_entries(golden_store, taxonomy, gold.start, gold.end, out, progress=progress)
    assert out.read_bytes() == b"the older export"
    assert _leftovers(tmp_path) == []


def test_a_missing_folder_or_a_folder_as_target_is_an_export_error(golden_store, taxonomy, tmp_path, gold):
    with pytest.raises(ExportError, match="does not exist"):
        export_entries(golden_store, taxonomy, gold.start, gold.end, tmp_path / "nowhere" / "out.csv")
    (tmp_path / "folder.csv").mkdir()
    with pytest.raises(ExportError, match="is a folder"):
        export_entries(golden_store, taxonomy, gold.start, gold.end, tmp_path / "folder.csv")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions and a non-root user")
def test_a_read_only_folder_is_an_export_error(golden_store, taxonomy, tmp_path, gold):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="cannot write"):
            export_entries(golden_store, taxonomy, gold.start, gold.end, folder / "out.csv")
    finally:
        folder.chmod(0o700)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_file_is_owner_only(golden_store, taxonomy, tmp_path, gold):
    out = tmp_path / "out.csv"
    export_entries(golden_store, taxonomy, gold.start, gold.end, out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_replacing_an_older_file_only_once_complete(golden_store, taxonomy, tmp_path, gold):
    out = tmp_path / "out.csv"
    out.write_bytes(b"the older export")
    seen = []

    def progress(done, total):
        seen.append(out.read_bytes())  # while writing, the target is still the older file
        return True

    export_entries(golden_store, taxonomy, gold.start, gold.end, out, progress=progress)
    assert seen and all(b == b"the older export" for b in seen)
    assert out.read_bytes() == (gold.folder / "entries.csv").read_bytes()


# ------------------------------------------------------------------ streaming and the audit log


def test_rows_stream_from_the_store_in_batches(store, taxonomy, gold):
    _many(store, gold, 25)
    batches = list(store.iter_entry_rows(gold.start, gold.end, batch=10))
    assert [len(b) for b in batches] == [10, 10, 5]
    assert all(row.note == "" for b in batches for row in b)  # notes are not even read unless asked for
    with_notes = [row for b in store.iter_entry_rows(gold.start, gold.end, notes=True, batch=10) for row in b]
    assert all(row.note.startswith("note ") for row in with_notes)


def test_every_export_is_in_the_audit_log(golden_store, taxonomy, tmp_path, gold):
    export_entries(golden_store, taxonomy, gold.start, gold.end, tmp_path / "a.csv", include_notes=True)
    export_summary(golden_store, taxonomy, gold.start, gold.end, tmp_path / "b.csv")
    exports = [r for r in golden_store.audit_log() if r.action == "export"]
    assert [r.detail for r in exports] == [
        "2026-11-23 to 2027-01-03: summary 5 rows to b.csv",
        "2026-11-23 to 2027-01-03: entries 6 rows to a.csv, notes included",
    ]
    assert all(r.worker == "PW-07" for r in exports)


def test_a_cancelled_export_is_not_in_the_audit_log(golden_store, taxonomy, tmp_path, gold):
    with pytest.raises(ExportCancelled):
        export_entries(golden_store, taxonomy, gold.start, gold.end, tmp_path / "a.csv", progress=lambda d, t: False)
    assert [r for r in golden_store.audit_log() if r.action == "export"] == []


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r", "\n", "\0", "'"])
def test_every_dangerous_first_character_is_neutralised_in_the_file_and_read_back(
    store, taxonomy, tmp_path, gold, prefix
):
    # stored directly (not through validation), so even characters validation refuses are covered
    text = prefix + "1+1"
    store.restore(gold.entry(1, worker=text, client_ref=text, note=text))
    out = tmp_path / "out.csv"
    export_entries(store, taxonomy, gold.start, gold.start, out, include_notes=True)
    raw = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))[1]
    for column in ("worker", "client_ref", "note"):
        assert raw[ENTRY_COLUMNS.index(column)] == "'" + text
    (row,) = read_entries(out)
    assert (row["worker"], row["client_ref"], row["note"]) == (text, text, text)
