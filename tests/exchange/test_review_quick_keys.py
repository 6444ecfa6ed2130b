"""The review's quick paths, on real files: what a supervisor sees is what reading row by row gives.

* A line with one quoted cell (a label or a note holding a comma) is split around it, not by
  csv.reader; a quote anywhere else sends its lines to csv.reader, which names the spot.
* A block's rows are checked by keys of their cells joined by a character the file does not
  hold (a row's kind of work, its day): a file that holds it is keyed by tuples, and reads the same.
* An id met again in a block takes nothing of the block, and leaves the ids taken before as
  they were, for the next files.
* A block of rows is taken exactly when the checker takes each of its rows, whatever days
  they cover, and to the same entries, sums and periods.
* A file is matched against those read before by its size and the CRC-32 of its bytes; files
  alike at both ends but not in between are both read, even when the first cannot be read again.
* Whether a file ends inside quotes is told by its quotes counted a quicker way: the same count.
"""

from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peerdesk.exchange import csv_text, reading
from peerdesk.exchange.csv_format import ENTRY_COLUMNS_V1
from peerdesk.exchange.csv_text import quote_count, split_quoted
from peerdesk.exchange.reading import Collected, EntryChecker, Reading
from peerdesk.exchange.review import read_files

from .rows import GOOD, entry_row
from .test_one_reader_property import checked, rows
from .test_review import outcome, problems, write_csv

GOOD_ID = GOOD["entry_id"]
SKILLS = {
    "work_type": "direct",
    "category": "skill_building_mentoring_goal_setting",
    "category_label": "Skill building, mentoring, goal setting",
}


def plain_outcomes(paths, taxonomy, monkeypatch) -> tuple[tuple, tuple]:
    """The outcome of reading *paths*, and that of reading them with no quick path at all."""
    quick = outcome(read_files(paths, taxonomy))
    with monkeypatch.context() as m:
        m.setattr(csv_text, "split_rows", lambda chunk, delimiter: None)
        m.setattr(reading.Reading, "take_entries", lambda *args: False)
        plain = outcome(read_files(paths, taxonomy))
    return quick, plain


def test_lines_with_a_quoted_label_or_note_read_as_csv_reads_them(tmp_path, taxonomy, monkeypatch):
    monkeypatch.setattr(reading, "BLOCK", 4)
    split_around = []  # the lines split around their quoted cell, not read by csv.reader

    def spied(parts, delimiter):
        rows = split_quoted(parts, delimiter)
        split_around.extend(rows or ())
        return rows

    monkeypatch.setattr(csv_text, "split_quoted", spied)
    path = write_csv(tmp_path / "quoted.csv", [
        entry_row(1, **SKILLS),
        entry_row(2, note="called back, no answer"),
        entry_row(3, **SKILLS, note="met, then walked"),  # two quoted cells
        entry_row(4, note='said "later"'),  # quotes doubled inside the cell
        entry_row(5, **SKILLS, minutes="721"),
        entry_row(6, client_ref="C,7"),
        entry_row(7, **SKILLS),
    ])
    old = write_csv(tmp_path / "v1.csv", [entry_row(8, note="last cell, quoted")[:15]], header=ENTRY_COLUMNS_V1)
    quick, plain = plain_outcomes([path, old], taxonomy, monkeypatch)
    assert quick == plain
    result = read_files([path, old], taxonomy)
    assert problems(result) == [
        f"{path}:6:minutes: 721 is out of range (1–720)",
        f"{old}:1:(file): note: is a format version 1 export: it does not say which days it covers, so a week "
        "it holds only in part cannot be told from a whole one (export it again to combine it by days)",
    ]
    assert [(e.line, e.category_label, e.note, e.client_ref) for e in result.entries] == [
        (2, "Skill building, mentoring, goal setting", "", "C-1"),
        (3, "Advocacy", "called back, no answer", "C-1"),
        (4, "Skill building, mentoring, goal setting", "met, then walked", "C-1"),
        (5, "Advocacy", 'said "later"', "C-1"),
        (7, "Advocacy", "", "C,7"),
        (8, "Skill building, mentoring, goal setting", "", "C-1"),
        (2, "Advocacy", "last cell, quoted", "C-1"),
    ]
    assert sum(e.minutes for e in result.entries) == 7 * 45
    # in each of the two readings: the three lines with only the label quoted, and the three with
    # only a note or a client ref quoted (one of them the last cell of a version 1 row)
    labels = [row[8] for row in split_around]
    assert labels.count("Skill building, mentoring, goal setting") == 3 * 2 and labels.count("Advocacy") == 3 * 2


def test_a_quote_that_does_not_close_a_cell_is_left_to_csv(tmp_path, taxonomy, monkeypatch):
    monkeypatch.setattr(reading, "BLOCK", 3)
    # two quotes in a line, but inside an unquoted cell: characters of it
    unquoted = write_csv(tmp_path / "unquoted.csv", [entry_row(n) for n in range(1, 6)]).read_bytes()
    stray = tmp_path / "stray.csv"
    stray.write_bytes(unquoted.replace(b",C-1,", b',C"1",', 1))
    # a quoted cell closed before another character: an error, which csv.reader names
    good = write_csv(tmp_path / "good.csv", [entry_row(n, **SKILLS) for n in range(1, 6)]).read_bytes()
    broken = tmp_path / "broken.csv"
    broken.write_bytes(good.replace(b'"Skill building, mentoring, goal setting",', b'"Skill building"x,', 2))
    quick, plain = plain_outcomes([stray, broken], taxonomy, monkeypatch)
    assert quick == plain
    result = read_files([stray, broken], taxonomy)
    assert problems(result) == [f"{broken}:2:(file): is not valid CSV here (',' expected after '\"')"]
    assert [(e.source, e.client_ref) for e in result.entries][:2] == [(str(stray), 'C"1"'), (str(stray), "C-1")]
    assert len([e for e in result.entries if e.source == str(stray)]) == 5


def test_rows_are_keyed_by_tuples_in_a_file_holding_the_unit_separator(tmp_path, taxonomy, monkeypatch):
    monkeypatch.setattr(reading, "BLOCK", 2)
    odd = {"category": "peer\x1fgroup", "work_type": "indirect", "category_label": "Peer\x1fgroup", "people": "0"}
    path = write_csv(tmp_path / "unit.csv", [
        entry_row(1, **odd), entry_row(2, **odd), entry_row(3), entry_row(4, **odd, mode="fax"), entry_row(5),
    ])
    plain = write_csv(tmp_path / "plain.csv", [entry_row(n) for n in range(6, 10)])
    quick, by_rows = plain_outcomes([path, plain], taxonomy, monkeypatch)
    assert quick == by_rows
    result = read_files([path, plain], taxonomy)
    assert problems(result) == [
        f"{path}:2:category: note: 'peer\x1fgroup' is not in the loaded taxonomy; counted as indirect, 'Peer\x1fgroup'",
        f"{path}:5:mode: unknown mode 'fax' (one of: in_person, phone, text, video, other)",
    ]
    assert [e.line for e in result.entries if e.source == str(path)] == [2, 3, 4, 6]
    assert {key: sums[2:] for key, sums in result.sums.items()} == {
        ("PW-07", "2026-W48", "peer\x1fgroup"): [90, 2, 0],
        ("PW-07", "2026-W48", "advocacy"): [6 * 45, 6, 6],
    }


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(row=rows())
def test_rows_keyed_by_joined_cells_are_accepted_as_the_checker_accepts_them(taxonomy, row):
    reading = Reading(taxonomy, Collected())
    reading.blocks.joined = True  # as for a file that does not hold the unit separator
    taken = reading.take_entries([list(row)], "x.csv", 2, neutralised=True)
    ok, entries, said = checked(taxonomy, row)
    assert taken == ok, (row, said)
    assert [tuple(e) for e in reading.result.entries] == [tuple(e) for e in entries]


PERIODS = [("2026-01-01", "2026-12-31"), ("2026-11-01", "2026-11-30"), ("2026-11-26", "2026-12-31"), ("", "")]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(block=st.lists(st.tuples(rows(), st.sampled_from([None, *PERIODS])), min_size=1, max_size=4))
def test_a_block_is_taken_exactly_when_the_checker_takes_each_of_its_rows(taxonomy, block):
    cells = []
    for n, (row, period) in enumerate(block, start=1):
        row = list(row)
        if row[0] == GOOD_ID:  # rows of their own, unless the row was given another id
            row[0] = f"00000000-0000-4000-8000-{n:012d}"
        if period is not None:  # most blocks' rows cover the same days, some cover others
            row[15:17] = period
        cells.append(row)
    quick = Reading(taxonomy, Collected())
    quick.blocks.joined = True
    taken = quick.take_entries([list(row) for row in cells], "x.csv", 2, neutralised=True)
    by_rows = Reading(taxonomy, Collected())
    check = EntryChecker("x.csv", by_rows)
    for line, row in enumerate(cells, start=2):
        check(line, list(row))
    assert taken == (not by_rows.result.lost()), (cells, by_rows.result.lost())
    if taken:
        assert [tuple(e) for e in quick.result.entries] == [tuple(e) for e in by_rows.result.entries]
        assert quick.result.sums == by_rows.result.sums and quick.result.periods == by_rows.result.periods


@given(st.text(st.sampled_from('"a,\n\r\u00e9\u20ac\U0001f600\ud800\udc80'), max_size=40))
def test_quotes_are_counted_as_str_count_counts_them(text):
    assert quote_count(text) == text.count('"')  # a surrogate too: one kept by surrogateescape, or any


def test_quotes_are_counted_across_chunks(monkeypatch):
    monkeypatch.setattr(csv_text, "_CHUNK", 5)
    for text in ['', '"', 'ab"cd"ef"', '"' * 11, 'é"€"\ud800"\U0001f600' * 3]:
        assert quote_count(text) == text.count('"')


def test_days_are_checked_by_their_own_period_when_a_block_holds_two(tmp_path, taxonomy, monkeypatch):
    monkeypatch.setattr(reading, "BLOCK", 4)
    march = {"date": "2026-03-04", "week": "2026-W10"}
    first_half = {"period_start": "2026-01-01", "period_end": "2026-06-30"}
    second_half = {"period_start": "2026-07-01", "period_end": "2026-12-31"}
    path = write_csv(tmp_path / "halves.csv", [
        entry_row(1, **march, **first_half), entry_row(2, **second_half),
        entry_row(3, **march, **first_half), entry_row(4, **second_half),
        entry_row(5, **march, **second_half),  # outside its own period
        entry_row(6, week="2026-W5", **second_half),
        entry_row(7, **second_half), entry_row(8, **march, **first_half),
    ])
    quick, plain = plain_outcomes([path], taxonomy, monkeypatch)
    assert quick == plain
    taken = []
    take = reading.Reading.take_entries
    monkeypatch.setattr(reading.Reading, "take_entries", lambda *args: taken.append(take(*args)) or taken[-1])
    result = read_files([path], taxonomy)
    assert taken == [True, False]  # the first block at once, both halves in it; the second row by row
    assert problems(result) == [
        f"{path}:6:date: 2026-03-04 is outside the days the file covers (2026-07-01 to 2026-12-31)",
        f"{path}:7:week: '2026-W5' is not the week of 2026-11-25 (2026-W48)",
    ]
    assert [e.line for e in result.entries] == [2, 3, 4, 5, 8, 9]
    assert {(str(a), str(b)) for a, b in result.periods[str(path)]} == {
        ("2026-01-01", "2026-06-30"), ("2026-07-01", "2026-12-31")}


@pytest.mark.parametrize("block", [3, 250])
def test_an_id_met_again_leaves_the_ids_taken_before_as_they_were(tmp_path, taxonomy, monkeypatch, block):
    monkeypatch.setattr(reading, "BLOCK", block)
    a = write_csv(tmp_path / "a.csv", [entry_row(n) for n in range(1, 7)])
    b = write_csv(tmp_path / "b.csv", [entry_row(11), entry_row(3), entry_row(12), entry_row(13), entry_row(14)])
    c = write_csv(tmp_path / "c.csv", [entry_row(12), entry_row(3), entry_row(15), entry_row(11), entry_row(16)])
    quick, plain = plain_outcomes([a, b, c], taxonomy, monkeypatch)
    assert quick == plain
    result = read_files([a, b, c], taxonomy)
    twice = "entry 00000000-0000-4000-8000-0000000000{n} appears twice (also at {place})"
    assert [(p.file, p.line, p.message) for p in result.problems] == [
        (str(b), 3, twice.format(n="03", place=f"{a}:4")),
        (str(c), 2, twice.format(n="12", place=f"{b}:4")),
        (str(c), 3, twice.format(n="03", place=f"{a}:4")),
        (str(c), 5, twice.format(n="11", place=f"{b}:2")),
    ]
    assert len(result.entries) == 6 + 4 + 2
    assert result.summary_line() == "3 files, 12 entries, 4 problems"


def test_files_alike_at_their_ends_but_not_in_between_are_both_read(tmp_path, taxonomy):
    first = write_csv(tmp_path / "first.csv", [entry_row(n, note="x" * 200) for n in range(1, 1200)])
    raw = first.read_bytes()  # far more than twice 64 KiB
    changed = tmp_path / "changed.csv"  # one minute more, in a row far from either end
    at = raw.index(b",45,", len(raw) // 2)
    changed.write_bytes(raw[:at] + b",46," + raw[at + 4 :])
    ends = 1 << 16
    assert changed.read_bytes()[:ends] == raw[:ends] and changed.read_bytes()[-ends:] == raw[-ends:]
    copy = tmp_path / "copy.csv"
    shutil.copyfile(first, copy)
    result = read_files([first, changed, copy], taxonomy)
    said = [(p.file, p.message) for p in result.problems]
    assert not [f for f, message in said if "is the same file" in message and f == str(changed)]
    assert said[0] == (str(changed), f"entry 00000000-0000-4000-8000-000000000001 appears twice (also at {first}:2)")
    assert said[-1] == (str(copy), f"is the same file as {first}, opened twice; its rows are counted once")
    assert result.lost_count() == 1199 + 1  # every row of the changed file is one already taken, and the copy
    assert len(result.entries) == 1199


def test_a_file_alike_at_its_ends_is_read_when_the_first_cannot_be_read_again(tmp_path, taxonomy):
    first = write_csv(tmp_path / "first.csv", [entry_row(n, note="x" * 200) for n in range(1, 1200)])
    raw = first.read_bytes()
    changed = tmp_path / "changed.csv"  # the same size, alike at both ends, one minute more between
    at = raw.index(b",45,", len(raw) // 2)
    changed.write_bytes(raw[:at] + b",46," + raw[at + 4 :])

    def gone(done: int, total: int) -> bool:
        if done == 1:
            first.unlink()  # size and CRC-32 decide now: the whole file's tells the two apart
        return True

    result = read_files([first, changed], taxonomy, progress=gone)
    assert not [p for p in result.problems if "is the same file" in p.message]
    assert result.lost_count() == 1199  # its rows read, each an id taken already
