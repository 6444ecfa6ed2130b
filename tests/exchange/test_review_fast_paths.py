"""The review's quick paths give exactly what the plain ones give.

* A CSV file's lines are split at C speed where csv.reader would read them so
  (:func:`.csv_text.split_rows`): any text, read in blocks that way, gives
  csv.reader's rows, and its csv.Error at the same row.
* Entry ids are kept in a set, and an id met again names the entry taken first,
  however many were taken in between and in whichever way.
* The combined view is built column by column: it is the row-by-row build's.
* A client ref or note met again is held as the text first read.
* Reading makes no reference cycles, so a review's rows are frozen without a
  collection first (:func:`.reviewing.review_files`); a workbook's reader does
  leave some, and they are collected, not frozen.
"""

from __future__ import annotations

import csv
import gc
from datetime import date
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from peerdesk.domain.weeks import Week
from peerdesk.exchange import csv_text, reading
from peerdesk.exchange.csv_format import ENTRY_COLUMNS, ENTRY_COLUMNS_V1, SUMMARY_COLUMNS
from peerdesk.exchange.csv_text import LineRows, lines, split_rows
from peerdesk.exchange.review import SummaryRow, read_files
from peerdesk.operations.reviewing import review_closed, review_files

from .rows import entry_row, summary_row
from .test_review import awkward_files, outcome, problems, write_csv

WORKBOOK = Path(__file__).parents[1] / "fixtures" / "resaved" / "workbook_golden.xlsx"  # openpyxl leaves cycles

# ------------------------------------------------------------------ lines split as csv.reader reads them

# what a line may hold: cells, every kind of quote and line end, and characters csv has no rule for
TOKENS = ["a", "b c", " ", ",", ";", "\t", '"', '""', '"x,y"', "\r\n", "\n", "\r", "\0", "'", "é", "\u2028", "\x85"]


def csv_rows(text: str, delimiter: str) -> tuple[list[list[str]], bool]:
    """csv.reader's rows of *text*, and whether it stopped at a csv.Error."""
    rows: list[list[str]] = []
    try:
        rows.extend(csv.reader(lines(text), delimiter=delimiter, strict=True))
    except csv.Error:
        return rows, True
    return rows, False


def block_rows(text: str, delimiter: str, size: int) -> tuple[list[list[str]], bool]:
    """The rows of LineRows.blocks, checked to come *size* at a time, and whether it raised."""
    rows: list[list[str]] = []
    blocks = LineRows(lines(text), delimiter).blocks(size)
    try:
        for block in blocks:
            assert len(rows) % size == 0 and 0 < len(block) <= size  # only the last block is short
            rows += block
    except csv.Error:
        return rows, True
    return rows, False


@settings(max_examples=400, deadline=None)
@given(
    tokens=st.lists(st.sampled_from(TOKENS), max_size=60),
    delimiter=st.sampled_from([",", ";", "\t"]),
    size=st.integers(1, 4),
    limit=st.sampled_from([4, 131072]),
)
@example(tokens=['b"c', ",", '"x', "\r\n", 'y"', "\r\n"], delimiter=",", size=3, limit=131072)  # a stray quote
@example(tokens=["a", "\r\n", "\r\n", "a", "\r\n"], delimiter=",", size=2, limit=131072)  # an empty line
@example(tokens=['"x', "\r\n", 'y"', "\r\n"], delimiter=",", size=1, limit=131072)  # a row over two blocks' lines
@example(tokens=["a" * 5, ",", "b", "\r\n"], delimiter=",", size=2, limit=4)  # a cell csv finds too long
def test_lines_split_in_blocks_give_csv_readers_rows(tokens, delimiter, size, limit):
    text = "".join(tokens)
    before = csv.field_size_limit(limit)
    try:
        expected, failed = csv_rows(text, delimiter)
        got, raised = block_rows(text, delimiter, size)
    finally:
        csv.field_size_limit(before)
    assert raised == failed
    if failed:  # the rows before the block that csv.reader stopped in
        assert got == expected[: len(got)] and len(expected) - len(got) < size
    else:
        assert got == expected


def test_a_line_is_split_only_where_csv_would_read_it_so():
    assert split_rows(["a,b\r\n", 'c,"d,e"\r\n', "f,\n"], ",") == [["a", "b"], ["c", "d,e"], ["f", ""]]
    assert split_rows(["a,b\r\n", "\r\n"], ",") is None  # csv gives an empty line no cell at all
    assert split_rows(['a,"b\r\n', 'c"\r\n'], ",") is None  # a row of two lines
    assert split_rows(['x,b"c,"d\r\n', "e,f\r\n", 'g"\r\n'], ",") is None  # a quote inside a cell, then a quoted cell


def test_review_reads_the_same_rows_with_or_without_the_quick_split(tmp_path, taxonomy, monkeypatch):
    good = entry_row(30)
    paths = [
        write_csv(tmp_path / "notes.csv", [
            entry_row(1, note="two\nlines, and a comma"),
            entry_row(2, note='a "quoted" word', category_label="Advocacy, with a comma"),
            [],
            entry_row(3, note="\r\n"),
            [""] * len(ENTRY_COLUMNS),
            entry_row(4, client_ref='b"c'),
            entry_row(5, minutes="721", note="line\rbreak"),
            entry_row(6)[:-1],
            entry_row(7),
        ]),
        tmp_path / "semicolons.csv",  # as a spreadsheet in a locale whose lists take ';' saves it
    ]
    with paths[1].open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(
            [ENTRY_COLUMNS, entry_row(8, note="a;b"), entry_row(9, note='x"y')])
    stray = tmp_path / "stray.csv"  # a quote inside an unquoted cell, then a quoted cell over two lines
    plain = write_csv(tmp_path / "g.csv", [good]).read_bytes()
    stray.write_bytes(plain.replace(b"C-1,experience;presence,,", b'C"1",experience;presence,"x\r\ny",', 1))
    paths.append(stray)
    read = {}
    for block in (1, 2, 3, 250):
        monkeypatch.setattr(reading, "BLOCK", block)
        read[block] = outcome(read_files(paths, taxonomy))
        with monkeypatch.context() as m:
            m.setattr(csv_text, "split_rows", lambda chunk, delimiter: None)
            assert outcome(read_files(paths, taxonomy)) == read[block]
        with monkeypatch.context() as m:
            m.setattr(reading.Reading, "take_entries", lambda *args: False)
            assert outcome(read_files(paths, taxonomy)) == read[block]
    assert read[1] == read[2] == read[3] == read[250]
    result = read_files(paths, taxonomy)
    assert [(e.line, e.note, e.client_ref) for e in result.entries if e.source == str(paths[0])] == [
        (2, "two\nlines, and a comma", "C-1"), (3, 'a "quoted" word', "C-1"), (5, "\r\n", "C-1"), (7, "", 'b"c'),
        (10, "", "C-1"),
    ]
    assert [e.note for e in result.entries if e.source == str(paths[1])] == ["a;b", 'x"y']
    assert [(e.client_ref, e.note) for e in result.entries if e.source == str(stray)] == [('C"1"', "x\r\ny")]
    assert problems(result) == [
        f"{paths[0]}:8:minutes: 721 is out of range (1–720)",
        f"{paths[0]}:9:period_end: the row has 16 cells; the header has 17",
        f"{paths[0]}:6:(file): note: 1 empty row skipped (the first here)",
        f"{paths[1]}:1:(file): note: has its cells separated by ';', not ','; read as such",
    ]


# ------------------------------------------------------------------ ids met again


def test_an_id_met_again_names_the_entry_taken_first(tmp_path, taxonomy, monkeypatch):
    monkeypatch.setattr(reading, "BLOCK", 3)
    first = write_csv(tmp_path / "a.csv", [entry_row(n) for n in range(1, 11)])
    second = write_csv(tmp_path / "b.csv", [
        entry_row(11), entry_row(3),  # a's row 4, in a block of its own file
        *(entry_row(n) for n in range(12, 20)),  # taken after the entries were looked through for 3
        entry_row(15),  # b's own row 8, taken since
        entry_row(20), entry_row(20),  # twice in one block
        entry_row(1),
    ])
    result = read_files([first, second], taxonomy)
    assert problems(result) == [
        f"{second}:3:entry_id: entry 00000000-0000-4000-8000-000000000003 appears twice (also at {first}:4)",
        f"{second}:12:entry_id: entry 00000000-0000-4000-8000-000000000015 appears twice (also at {second}:7)",
        f"{second}:14:entry_id: entry 00000000-0000-4000-8000-000000000020 appears twice (also at {second}:13)",
        f"{second}:15:entry_id: entry 00000000-0000-4000-8000-000000000001 appears twice (also at {first}:2)",
    ]
    assert len(result.entries) == 20
    monkeypatch.setattr(reading.Reading, "take_entries", lambda *args: False)
    assert outcome(read_files([first, second], taxonomy)) == outcome(result)


# ------------------------------------------------------------------ the combined view


def combined_row_by_row(result) -> list[SummaryRow]:
    """The combined view as it was built before it was built column by column."""
    extra: dict = {}
    for s in result.summary_rows:
        if (s.worker, s.week, s.source) in result.dropped:
            continue
        row = extra.setdefault((s.worker, s.week, s.category, s.first_day, s.last_day),
                               [s.work_type, s.category_label, 0, 0, 0])
        row[2] += s.minutes
        row[3] += s.entries
        row[4] += s.people
    out = []
    for (worker, week, cat), (wt, label, m, n, p) in result.sums.items():
        if (worker, week) in result.replaced:
            continue
        days = Week.parse(week)
        covered = []
        for file in sorted(result.entry_files[worker, week]):
            periods = result.periods.get(file)
            if not periods:
                covered = None
                break
            covered += [(max(a, days.start), min(b, days.end)) for a, b in periods if a <= days.end and days.start <= b]
        first, last = (min(a for a, _ in covered), max(b for _, b in covered)) if covered else (None, None)
        out.append(SummaryRow(worker, week, days.start, wt, cat, label, m, n, p, "", 0, first, last))
    for (worker, week, cat, first, last), (wt, label, m, n, p) in extra.items():
        out.append(SummaryRow(worker, week, Week.parse(week).start, wt, cat, label, m, n, p, "", 0, first, last))
    return sorted(out, key=lambda r: (r.week, r.work_type, r.category, r.worker))


def test_the_combined_view_is_the_row_by_row_one(tmp_path, taxonomy):
    september = {"period_start": "2026-09-01", "period_end": "2026-09-30"}
    october = {"period_start": "2026-10-01", "period_end": "2026-10-31"}
    admin = {"category": "administration", "work_type": "indirect", "category_label": "Administration", "people": "0"}
    # 2026-W40 is Monday 28 September to Sunday 4 October: both months' files hold some of it
    sept = write_csv(tmp_path / "sept.csv", [
        entry_row(1, date="2026-09-29", week="2026-W40", **september),
        entry_row(2, date="2026-09-14", week="2026-W38", **september),
    ])
    oct_ = write_csv(tmp_path / "oct.csv", [
        entry_row(3, date="2026-10-02", week="2026-W40", **october),
        entry_row(4, date="2026-10-02", week="2026-W40", **admin, **october),
        entry_row(5, worker="PW-08", date="2026-10-20", week="2026-W43", **october),
        entry_row(6, date="2026-10-27", week="2026-W44", **october),
    ])
    old = write_csv(tmp_path / "v1.csv", [entry_row(7, date="2026-10-21", week="2026-W43")[:15]],
                    header=ENTRY_COLUMNS_V1)
    summary = write_csv(tmp_path / "summary.csv", [
        # the days of the entries in sept.csv: dropped; beyond October's end: counted instead of its entries
        summary_row(week="2026-W38", week_start="2026-09-14", first_day="2026-09-14", last_day="2026-09-20"),
        summary_row(week="2026-W44", week_start="2026-10-26", first_day="2026-10-26", last_day="2026-11-01"),
        summary_row(worker="PW-09", week="2026-W43", week_start="2026-10-19", first_day="2026-10-19",
                    last_day="2026-10-25"),
    ], header=SUMMARY_COLUMNS)
    result = read_files([sept, oct_, old, summary], taxonomy)
    assert [p for p in result.problems if not p.note] == []
    assert result.replaced == {("PW-07", "2026-W44")} and len(result.dropped) == 1
    combined = result.combined_summary()
    assert combined == combined_row_by_row(result)
    spans = {(r.worker, r.week): (r.first_day, r.last_day) for r in combined}
    assert spans["PW-07", "2026-W40"] == (date(2026, 9, 28), date(2026, 10, 4))  # both files' days, one span
    assert spans["PW-07", "2026-W43"] == (None, None)  # a version 1 file does not say its days
    assert spans["PW-07", "2026-W44"] == (date(2026, 10, 26), date(2026, 11, 1))  # the summary's
    assert spans["PW-08", "2026-W43"] == (date(2026, 10, 19), date(2026, 10, 25))
    assert result.combined_summary(lambda r: r.worker == "PW-08") == [r for r in combined if r.worker == "PW-08"]


def test_the_combined_view_of_the_team_exports(team_exports):
    result = read_files(team_exports.entry_paths, team_exports.taxonomy)
    assert result.combined_summary() == combined_row_by_row(result)


def test_a_caseloads_refs_and_repeated_notes_are_held_once(team_exports):
    # a review holds a team's year: a client ref or a note met again is kept as the text first
    # read, not once per entry (the review's memory case measures what that saves)
    result = read_files(team_exports.entry_paths, team_exports.taxonomy)
    for field in ("client_ref", "note"):
        texts = [getattr(e, field) for e in result.entries if getattr(e, field)]
        assert len(texts) > len(set(texts)) > 1  # the demo record repeats them
        assert len(set(map(id, texts))) == len(set(texts))


# ------------------------------------------------------------------ no garbage frozen


def test_reading_makes_no_reference_cycles(tmp_path, taxonomy, team_exports):
    paths = [*awkward_files(tmp_path, team_exports), tmp_path / "missing.csv"]
    summary = write_csv(tmp_path / "s.csv", [summary_row(), summary_row(minutes="x")], header=SUMMARY_COLUMNS)
    gc.collect()
    collecting = gc.isenabled()
    gc.disable()
    try:
        result = read_files([*paths, summary], taxonomy)
        found = gc.collect()
    finally:
        if collecting:
            gc.enable()
    assert result.problems and result.entries
    assert found == 0  # so review_files may freeze what reading made without collecting it first


@pytest.mark.parametrize("workbook", [False, True])
def test_a_review_freezes_its_rows_and_no_garbage(taxonomy, team_exports, workbook):
    paths = [WORKBOOK] if workbook else team_exports.entry_paths
    gc.unfreeze()  # what a test before froze (a command's review) and left to become garbage there
    gc.collect()
    assert gc.isenabled()
    try:
        result = review_files(paths, taxonomy)
        assert gc.isenabled()
        assert gc.get_count()[0] < 100  # the rows were frozen, not left for the collector's next pass
    finally:
        review_closed()
    assert result.entries
    assert gc.collect() == 0  # nothing frozen was garbage: openpyxl's cycles were collected first


def test_a_review_leaves_the_collector_as_it_found_it(team_exports):
    gc.disable()
    try:
        review_files(team_exports.entry_paths[:1], team_exports.taxonomy)
        assert not gc.isenabled()
    finally:
        review_closed()
        gc.enable()
