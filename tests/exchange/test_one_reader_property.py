"""Property: the reader's quick path for whole blocks and its row checker agree on every row.

An entries file is taken a block of rows at a time when every row passes
(Reading.take_entries), and read row by row by EntryChecker when one does not.
Both must accept exactly the same rows and read them to the same entries, or a
file's outcome would depend on which rows share its block.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from peerdesk.exchange.csv_format import ENTRY_COLUMNS, SUMMARY_COLUMNS
from peerdesk.exchange.reading import Collected, EntryChecker, Reading, SummaryChecker, layout_of

from .cell_text import risky
from .rows import GOOD

# Cells a column may meet: its good values, near misses and what spreadsheets and hands write.
CELLS = {
    "entry_id": ["", "'", "'x", "x", "=1"],
    "worker": ["", "'", "''", "'=PW", " ", "PW-08"],
    "date": ["", "2026-11-23", "2026-11-30", "'2026-11-25", "2026-13-01", "25/11/2026", "2026-W48-3", "20261125"],
    "week": ["", "2026-W49", "2026-W5", "'2026-W48", "2026-w48", "W48", "2026-W54"],
    "start_time": [
        "", "00:00", "23:59", "24:00", "9:30", "'09:30", "09:30:00", "08:45:00 AM", "8:45 pm", "12:15 AM",
        "12:00 p.m.", "13:00 PM", "0:30 AM", "08:45:30", "8:5", " 09:30", "9.30",
    ],
    "minutes": ["", "0", "1", "720", "721", "0720", "'45", "-5", "-0", "+5", "1.5", " 45", "4_5", "²", "٤٥"],
    "work_type": ["", "indirect", "'direct", "unknown", "role"],
    "category": ["", "administration", "'advocacy", "juggling", "experiential_sharing", "harm_reduction"],
    "category_label": ["", "'=x", "Other name"],
    "mode": ["", "phone", "'phone", "fax", "In_person"],
    "format": ["", "group", "'group", "crowd"],
    "people": ["", "0", "00", "2", "500", "501", "'1", "-1", "1.0"],
    "client_ref": ["", "'-12", "''", "=x"],
    "tags": [";", "experience;;presence;", "'=x"],
    "note": ["'", "''=note", "a\nb"],
}


def rows():
    """A good row with any of its cells changed (to a near miss or to risky text)."""
    changes = st.dictionaries(
        st.sampled_from(ENTRY_COLUMNS),
        st.one_of(st.sampled_from(sorted({c for cells in CELLS.values() for c in cells})), risky),
        max_size=4,
    )
    per_column = st.fixed_dictionaries({}, optional={c: st.sampled_from(v) for c, v in CELLS.items()})
    return st.tuples(per_column, changes).map(lambda t: [{**GOOD, **t[0], **t[1]}[c] for c in ENTRY_COLUMNS])


def quick(taxonomy, row: list[str]) -> tuple[bool, list]:
    reading = Reading(taxonomy, Collected())
    taken = reading.take_entries([list(row)], "x.csv", 2, neutralised=True)
    return taken, reading.result.entries


def checked(taxonomy, row: list[str]) -> tuple[bool, list, list]:
    reading = Reading(taxonomy, Collected())
    EntryChecker("x.csv", reading)(2, list(row))
    return not reading.result.lost(), reading.result.entries, reading.result.lost()


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(row=rows())
@example(row=[GOOD[c] for c in ENTRY_COLUMNS])
@example(row=[{**GOOD, "minutes": "0720"}[c] for c in ENTRY_COLUMNS])
@example(row=[{**GOOD, "people": "00"}[c] for c in ENTRY_COLUMNS])
@example(row=[{**GOOD, "minutes": "'45"}[c] for c in ENTRY_COLUMNS])
def test_the_quick_path_and_the_checker_accept_the_same_rows(taxonomy, row):
    fast, fast_entries = quick(taxonomy, row)
    ok, entries, problems = checked(taxonomy, row)
    assert fast == ok, (row, problems)
    assert [tuple(e) for e in fast_entries] == [tuple(e) for e in entries]
    assert ok == (entries != []) and ok != bool(problems)  # a refused row is named, an accepted one is kept


def test_a_summary_row_is_read_by_its_columns_too(taxonomy):
    good = ["PW-07", "2026-W48", "2026-11-23", "direct", "advocacy", "Advocacy", "90", "2", "3"]
    good += ["2026-11-23", "2026-11-29"]  # the days of the week it holds
    reading = Reading(taxonomy, Collected())
    reading.layout = layout_of(list(SUMMARY_COLUMNS))  # as reading a summary file's header does
    SummaryChecker("s.csv", reading)(2, [*good[:6], "'90", "2", "-3", *good[9:]])
    SummaryChecker("s.csv", reading)(3, ["'PW-07", *good[1:]])
    assert [(p.line, p.column, p.message) for p in reading.result.problems] == [
        (2, "minutes", "''90' is not a whole number"),
        (2, "people", "-3 is out of range (at least 0)"),
    ]
    (row,) = reading.result.summary_rows
    assert dict(zip(SUMMARY_COLUMNS, row, strict=False))["worker"] == "PW-07"
