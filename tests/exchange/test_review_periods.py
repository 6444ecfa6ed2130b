"""Files that cover different days, reviewed together: every day counted once, none lost.

A worker's record (half a year of peerdesk.demo) is exported the way supervisors receive it,
month by month, as entries and as summaries, and over six months; whatever mix of those
files is reviewed, each week's total is the record's own total for the days the files cover.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter

import pytest

from peerdesk import demo
from peerdesk.domain import taxonomy as taxonomy_mod
from peerdesk.domain.weeks import Week
from peerdesk.exchange.csv_export import export_entries, export_summary
from peerdesk.exchange.csv_format import ENTRY_COLUMNS_V1, SUMMARY_COLUMNS
from peerdesk.exchange.review import read_files
from peerdesk.storage.store import Store

D = dt.date
SEPTEMBER = (D(2026, 9, 1), D(2026, 9, 30))
OCTOBER = (D(2026, 10, 1), D(2026, 10, 31))
NOVEMBER = (D(2026, 11, 1), D(2026, 11, 30))
SIX_MONTHS = (D(2026, 6, 8), D(2026, 12, 6))
W40 = "2026-W40"  # Mon 28 September to Sun 4 October: September's and October's
W49 = "2026-W49"  # Mon 30 November to Sun 6 December: November's Monday, then December


class Record:
    """One worker's half year in a store, and the files exported from it, made once per module."""

    def __init__(self, folder):
        self.folder = folder
        self.taxonomy = taxonomy_mod.load_default()
        self.store = Store(folder / "peerdesk.db")
        self.store.restore_many(demo.generate(seed=16, weeks=27, today=D(2026, 12, 6), worker="PW-07"))
        self.made: dict[tuple[str, dt.date, dt.date], object] = {}

    def file(self, kind: str, period: tuple[dt.date, dt.date]):
        """The export of *kind* ('entries' or 'summary') for *period*, as PeerDesk writes it."""
        key = (kind, *period)
        if key not in self.made:
            path = self.folder / f"{kind}_{period[0]}_{period[1]}.csv"
            write = export_entries if kind == "entries" else export_summary
            write(self.store, self.taxonomy, *period, path)
            self.made[key] = path
        return self.made[key]

    def minutes_by_week(self, *periods: tuple[dt.date, dt.date]) -> Counter:
        """The record's own minutes per week on the days of *periods*."""
        totals: Counter = Counter()
        for first, last in periods:
            for entry in self.store.entries_between(first, last):
                totals[str(Week.of(entry.date))] += entry.minutes
        return totals


@pytest.fixture(scope="module")
def record(tmp_path_factory):
    made = Record(tmp_path_factory.mktemp("record"))
    yield made
    made.store.close()


def reviewed_minutes(result) -> Counter:
    totals: Counter = Counter()
    for row in result.combined_summary():
        totals[row.week] += row.minutes
    return totals


def problems(result) -> list[str]:
    return [str(p) for p in result.problems]


@pytest.mark.parametrize(
    ("september", "october"),
    [("summary", "summary"), ("entries", "entries"), ("entries", "summary"), ("summary", "entries")],
)
def test_two_months_meeting_inside_a_week_are_both_counted(record, september, october):
    result = read_files([record.file(september, SEPTEMBER), record.file(october, OCTOBER)], record.taxonomy)
    assert problems(result) == []
    expected = record.minutes_by_week(SEPTEMBER, OCTOBER)
    assert expected[W40] > 0 and record.minutes_by_week(SEPTEMBER)[W40] > 0  # both months hold some of W40
    assert reviewed_minutes(result) == expected


def test_a_months_entries_beside_a_longer_summary_take_nothing_from_it(record):
    result = read_files([record.file("entries", NOVEMBER), record.file("summary", SIX_MONTHS)], record.taxonomy)
    assert problems(result) == []
    reviewed = reviewed_minutes(result)
    expected = record.minutes_by_week(SIX_MONTHS)
    assert reviewed[W49] == expected[W49] > record.minutes_by_week(NOVEMBER)[W49]  # the whole week, not its Monday
    assert reviewed == expected


def test_a_months_entries_beside_its_own_summary_count_once(record):
    result = read_files([record.file("entries", OCTOBER), record.file("summary", OCTOBER)], record.taxonomy)
    assert problems(result) == []
    assert reviewed_minutes(result) == record.minutes_by_week(OCTOBER)


def test_entries_for_the_rest_of_a_week_add_to_a_summary(record):
    weekdays = (D(2026, 11, 30), D(2026, 12, 2))  # Monday to Wednesday of W49, as a summary
    rest = (D(2026, 12, 3), D(2026, 12, 6))  # Thursday to Sunday, as entries
    result = read_files([record.file("summary", weekdays), record.file("entries", rest)], record.taxonomy)
    assert problems(result) == []
    assert reviewed_minutes(result) == record.minutes_by_week((D(2026, 11, 30), D(2026, 12, 6)))


def test_days_held_in_part_by_both_are_named_and_counted_from_the_entries(record):
    summary = record.file("summary", (D(2026, 6, 8), D(2026, 11, 18)))  # to Wednesday of W47
    entries = record.file("entries", (D(2026, 11, 17), D(2026, 12, 6)))  # from its Tuesday
    result = read_files([summary, entries], record.taxonomy)
    (problem,) = result.problems
    assert (problem.file, problem.column) == (str(summary), "first_day")
    assert problem.message == (
        f"PW-07's 2026-W47: its days (2026-11-16 to 2026-11-18) and those of the entries in {entries} "
        "(2026-11-17 to 2026-11-22) overlap in part: the entries are counted, this file's rows for the week are not"
    )
    reviewed = reviewed_minutes(result)
    assert reviewed["2026-W47"] == record.minutes_by_week((D(2026, 11, 17), D(2026, 11, 22)))["2026-W47"]
    assert reviewed["2026-W46"] == record.minutes_by_week(SIX_MONTHS)["2026-W46"]


def test_summaries_covering_the_same_days_are_named_once_and_counted_once(record):
    both_months = record.file("summary", (SEPTEMBER[0], OCTOBER[1]))
    september = record.file("summary", SEPTEMBER)
    result = read_files([both_months, september], record.taxonomy)
    (problem,) = result.problems  # one pair of files, however many of their rows share days
    assert problem.file == str(september) and f"is also in {both_months}" in problem.message
    assert reviewed_minutes(result) == record.minutes_by_week(SEPTEMBER, OCTOBER)


def test_the_combined_summary_written_says_which_days_each_row_holds(record, cli, tmp_path):
    out = tmp_path / "team.csv"
    result = cli("review", "--summary-out", out, record.file("summary", SEPTEMBER), record.file("summary", OCTOBER))
    assert result.code == 0, result.out + result.err
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert tuple(rows[0]) == SUMMARY_COLUMNS
    w40 = {(r["first_day"], r["last_day"]) for r in rows if r["week"] == W40}
    assert w40 == {("2026-09-28", "2026-09-30"), ("2026-10-01", "2026-10-04")}
    assert sum(int(r["minutes"]) for r in rows if r["week"] == W40) == record.minutes_by_week(SEPTEMBER, OCTOBER)[W40]
    # and the written file, reviewed again, gives the same weeks
    again = read_files([out], record.taxonomy)
    assert problems(again) == [] and reviewed_minutes(again) == record.minutes_by_week(SEPTEMBER, OCTOBER)


def test_a_version_1_file_is_read_with_a_note_and_its_entries_count(record, tmp_path):
    source = record.file("entries", OCTOBER)
    rows = list(csv.reader(io.StringIO(source.read_text("utf-8-sig"), newline="")))
    old = tmp_path / "version1.csv"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(row[: len(ENTRY_COLUMNS_V1)] for row in rows)
    old.write_text(buf.getvalue(), "utf-8-sig", newline="")
    result = read_files([old], record.taxonomy)
    (note,) = result.problems
    assert note.note and note.line == 1
    assert "format version 1" in note.message and "does not say which days it covers" in note.message
    assert not result.lost()
    assert reviewed_minutes(result) == record.minutes_by_week(OCTOBER)
