"""Reading an export back: the original text, or an error naming file, line and column."""

from __future__ import annotations

import pytest

from peerdesk.exchange.csv_format import BOM, ENTRY_COLUMNS, SUMMARY_COLUMNS, SUMMARY_COLUMNS_V1
from peerdesk.exchange.csv_read import CsvReadError, read_entries, read_summary
from peerdesk.exchange.review import read_files

HEADER = ",".join(ENTRY_COLUMNS)
ROW = "id-1,PW-07,2026-11-23,2026-W48,09:30,90,direct,advocacy,Advocacy,in_person,individual,1,'-12,presence,"
END = ",2026-11-23,2026-11-29"  # after the note: the days the export covers


def _write(tmp_path, text: str, *, bom: bool = True):
    path = tmp_path / "in.csv"
    path.write_bytes((BOM if bom else b"") + text.encode("utf-8"))
    return path


def test_the_golden_files_read_back(gold):
    rows = list(read_entries(gold.folder / "entries_with_notes.csv"))
    by_id = {e.id: e for e in gold.entries()}
    assert len(rows) == 6
    for row in rows:
        entry = by_id[row["entry_id"]]
        assert row["worker"] == entry.worker
        assert row["client_ref"] == entry.client_ref
        assert row["note"] == entry.note
        assert row["minutes"] == entry.minutes and row["people"] == entry.people
        assert row["tags"] == ";".join(entry.tags)
    summary = list(read_summary(gold.folder / "summary.csv"))
    assert [r["minutes"] for r in summary] == [105, 120, 45, 30, 60]


def test_text_cells_lose_exactly_one_apostrophe_and_numbers_become_ints(tmp_path):
    path = _write(tmp_path, HEADER + "\r\n" + ROW + "\"''=note\"" + END + "\r\n")
    (row,) = read_entries(path)
    assert row["client_ref"] == "-12"
    assert row["note"] == "'=note"
    assert row["minutes"] == 90 and row["people"] == 1


def test_a_file_without_the_bom_and_a_header_with_spaces_are_read(tmp_path):
    # what a spreadsheet or a script may write when it saves the file again: the review takes it, and so does this
    spaced = HEADER.replace(",minutes,", ", minutes ,")
    path = _write(tmp_path, spaced + "\r\n" + ROW + END + "\r\n", bom=False)
    (row,) = read_entries(path)
    assert row["entry_id"] == "id-1" and row["minutes"] == 90


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("'45", "'\'45' is not a whole number"),  # a number cell is never neutralised, so never restored
        ("-5", "-5 is out of range (1–720)"),
        ("", "is empty"),
    ],
)
def test_a_minutes_cell_the_review_refuses_is_refused_here_too(tmp_path, taxonomy, cell, message):
    path = _write(tmp_path, HEADER + "\r\n" + ROW.replace(",90,", f",{cell},") + END + "\r\n")
    with pytest.raises(CsvReadError) as err:
        list(read_entries(path))
    assert (err.value.line, err.value.column, err.value.reason) == (2, "minutes", message)
    (problem,) = read_files([path], taxonomy).problems
    assert (problem.line, problem.column, problem.message) == (2, "minutes", message)


def test_direct_work_with_nobody_is_refused_by_both(tmp_path, taxonomy):
    path = _write(tmp_path, HEADER + "\r\n" + ROW.replace(",individual,1,", ",individual,0,") + END + "\r\n")
    with pytest.raises(CsvReadError) as err:
        list(read_entries(path))
    assert (err.value.line, err.value.column) == (2, "people")
    assert str(err.value).endswith("is 0: direct work reaches at least 1 person")
    assert [str(p) for p in read_files([path], taxonomy).problems] == [
        f"{path}:2:people: is 0: direct work reaches at least 1 person"
    ]


def test_a_wrong_header_names_line_1_and_the_column(tmp_path):
    path = _write(tmp_path, HEADER.replace("start_time", "start") + "\r\n")
    with pytest.raises(CsvReadError) as err:
        list(read_entries(path))
    assert (err.value.line, err.value.column) == (1, "start_time")
    where = f"{path}, line 1, column 'start_time'"
    assert str(err.value) == (
        f"{where}: wrong header: no column 'start_time', and 'start' is not a column of the format: "
        "if it holds the start_time, name it 'start_time' again"
    )


def test_a_summary_file_is_not_an_entries_file(gold):
    with pytest.raises(CsvReadError) as err:
        list(read_entries(gold.folder / "summary.csv"))
    assert (err.value.line, err.value.column) == (1, "entry_id")


def test_a_missing_and_an_extra_header_column(tmp_path):
    path = _write(tmp_path, ",".join(SUMMARY_COLUMNS_V1[:-1]) + "\r\n")
    with pytest.raises(CsvReadError, match="no column 'people', which a weekly summary file of format version 1 has"):
        list(read_summary(path))
    # a column of one's own is read past, in strict mode too
    row = "PW-07,2026-W48,2026-11-23,direct,advocacy,Advocacy,90,2,3,2026-11-23,2026-11-29,looked at"
    path = _write(tmp_path, ",".join(SUMMARY_COLUMNS) + ",extra\r\n" + row + "\r\n")
    (read,) = read_summary(path)
    assert read["minutes"] == 90 and "extra" not in read


def test_row_errors_count_lines_as_a_spreadsheet_does(tmp_path):
    # the note of line 2 holds two line breaks; the bad cell is on spreadsheet line 3
    good = ROW + '"one\ntwo\nthree"' + END
    bad = ROW.replace(",90,", ",ninety,") + END
    path = _write(tmp_path, "\r\n".join([HEADER, good, bad]) + "\r\n")
    rows = read_entries(path)
    assert next(rows)["note"] == "one\ntwo\nthree"
    with pytest.raises(CsvReadError) as err:
        next(rows)
    assert (err.value.line, err.value.column) == (3, "minutes")
    assert "'ninety' is not a whole number" in str(err.value)


def test_a_short_row_names_the_first_missing_column(tmp_path):
    path = _write(tmp_path, HEADER + "\r\n" + ROW.rsplit(",", 3)[0] + "\r\n")
    with pytest.raises(CsvReadError) as err:
        list(read_entries(path))
    assert (err.value.line, err.value.column) == (2, "client_ref")


def test_bad_quoting_and_bad_bytes_name_the_line(tmp_path):
    path = _write(tmp_path, HEADER + "\r\n" + ROW + END + "\r\n" + ROW + '"open quote\r\n')
    with pytest.raises(CsvReadError) as err:
        list(read_entries(path))
    assert err.value.line == 3
    path = tmp_path / "damaged.csv"
    second = ROW.replace("id-1", "id-2")
    first = (HEADER + "\r\n" + ROW + "Zoë" + END + "\r\n").encode()
    path.write_bytes(BOM + first + second.encode() + b"caf\xe9" + END.encode() + b"\r\n")
    with pytest.raises(CsvReadError, match="not UTF-8") as err:
        list(read_entries(path))
    assert (err.value.line, err.value.column) == (3, "note")


def test_an_empty_file_and_a_missing_file(tmp_path):
    with pytest.raises(CsvReadError, match="no header row"):
        list(read_entries(_write(tmp_path, "")))
    with pytest.raises(CsvReadError, match="cannot be read"):
        list(read_entries(tmp_path / "missing.csv"))
