"""The review reads Excel workbooks as it reads CSV files: PeerDesk's own (0 problems, the same
totals as the CSV files of the same export), one a spreadsheet saved again (LibreOffice headless),
and bad ones, each problem placed as FILE:SHEET!CELL by the same checks as a CSV row's."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from peerdesk.exchange.csv_export import export_both
from peerdesk.exchange.csv_format import ENTRY_COLUMNS, SUMMARY_COLUMNS
from peerdesk.exchange.review import read_files
from peerdesk.exchange.team_views import file_status
from peerdesk.exchange.xlsx_export import export_workbook

RESAVED = Path(__file__).parent.parent / "fixtures" / "resaved"
MINUTES = get_column_letter(ENTRY_COLUMNS.index("minutes") + 1)  # the letter of its column in the header
CLIENT_REF = get_column_letter(ENTRY_COLUMNS.index("client_ref") + 1)


def unplaced(rows):
    return [row._replace(source="", line=0) for row in rows]


@pytest.fixture
def exported(golden_store, taxonomy, tmp_path, gold):
    """The golden entries (with notes) as a workbook, and as the CSV files of the same export."""
    golden_store.restore(gold.entry(9, date=gold.start, client_ref="007", note="'quoted =1+1\n_x0041_"))
    book = tmp_path / "team.xlsx"
    export_workbook(golden_store, taxonomy, gold.start, gold.end, book, include_notes=True)
    entries, summary = tmp_path / "team.csv", tmp_path / "team_summary.csv"
    export_both(golden_store, taxonomy, gold.start, gold.end, entries, summary, include_notes=True)
    return book, entries, summary


def same_as_csv(result, csv_result) -> None:
    assert unplaced(result.entries) == unplaced(csv_result.entries)
    assert unplaced(result.summary_rows) == unplaced(csv_result.summary_rows)
    assert unplaced(result.combined_summary()) == unplaced(csv_result.combined_summary())
    assert sum(e.minutes for e in result.entries) == sum(e.minutes for e in csv_result.entries)


def test_a_peerdesk_workbook_reads_with_no_problem_and_the_csv_files_totals(exported, taxonomy):
    book, entries, summary = exported
    result = read_files([book], taxonomy)
    assert result.problems == []
    assert result.summary_line() == "1 file, 7 entries, 5 summary rows, 0 problems"
    csv_result = read_files([entries, summary], taxonomy)
    same_as_csv(result, csv_result)
    note = next(e.note for e in result.entries if e.entry_id.endswith("9"))
    assert note == "'quoted =1+1\n_x0041_"  # as typed: no ' taken off
    assert {e.line for e in result.entries} == set(range(2, 9))  # the sheet's rows
    (status,) = file_status(result)
    assert (status.kind, status.kept, status.left_out, status.state()) == ("workbook", 12, 0, "read")


def test_every_risky_text_comes_back_as_typed(golden_store, taxonomy, tmp_path, gold):
    from .test_xlsx_export import RISKY, _risky

    golden_store.restore_many(_risky(gold))
    book = tmp_path / "risky.xlsx"
    export_workbook(golden_store, taxonomy, gold.start, gold.end, book, include_notes=True)
    result = read_files([book], taxonomy)
    assert result.problems == []
    got = {int(e.entry_id[-2:]): (e.client_ref, e.note) for e in result.entries if e.entry_id[-2:] >= "10"}
    assert got == RISKY  # '-12', '007', '=1+1', "'quoted", <r>…</r>, _x0041_, a tab, a carriage return


def test_a_bad_minutes_cell_is_named_by_sheet_and_cell(exported, taxonomy):
    book = exported[0]
    wb = openpyxl.load_workbook(book)
    wb["Entries"][f"{MINUTES}4"] = 0
    wb["Entries"][f"{MINUTES}6"] = "45.5"
    wb["Weekly summary"]["G3"] = -5
    wb.save(book)
    result = read_files([book], taxonomy)
    assert [str(p) for p in result.problems] == [
        f"{book}:Entries!{MINUTES}4: 0 is out of range (1–720)",
        f"{book}:Entries!{MINUTES}6: '45.5' is not a whole number",
        f"{book}:Weekly summary!G3: -5 is out of range (at least 0)",
    ]
    assert [(p.line, p.column) for p in result.problems] == [(4, "minutes"), (6, "minutes"), (3, "minutes")]
    assert len(result.entries) == 5 and len(result.summary_rows) == 4  # only those rows left out


def test_a_sheet_found_by_its_header_and_columns_in_another_order(exported, taxonomy, tmp_path):
    """A supervisor's own workbook: the entries on a sheet named otherwise, columns moved, a column
    of their own, a sheet of notes: read by the header, the problem's letter where the column is."""
    source = openpyxl.load_workbook(exported[0], read_only=True)
    rows = [list(r) for r in source["Entries"].iter_rows(values_only=True)]
    source.close()
    order = [ENTRY_COLUMNS.index("minutes"), *(i for i in range(len(ENTRY_COLUMNS)) if ENTRY_COLUMNS[i] != "minutes")]
    wb = openpyxl.Workbook()
    wb.active.title = "My notes"
    wb.active["A1"] = "nothing to read here"
    sheet = wb.create_sheet("November")
    for n, row in enumerate(rows):
        sheet.append([row[i] for i in order] + (["checked"] if n == 0 else ["yes"]))
    sheet["A3"] = 721
    mine = tmp_path / "mine.xlsx"
    wb.save(mine)
    result = read_files([mine], taxonomy)
    assert [str(p) for p in result.problems] == [
        f"{mine}:November!A1: note: has columns of its own ('checked'): kept in the file, not counted",
        f"{mine}:November!A3: 721 is out of range (1–720)",
    ]
    assert len(result.entries) == 6


def test_a_number_in_a_text_column_is_read_as_the_sheet_shows_it(exported, taxonomy):
    book = exported[0]
    wb = openpyxl.load_workbook(book)
    refs = wb["Entries"]
    refs[f"{CLIENT_REF}2"] = 7  # 007 typed again in a spreadsheet, without a leading '
    refs[f"{CLIENT_REF}2"].number_format = "000"  # shown 007
    refs[f"{CLIENT_REF}3"] = 12  # shown 12: the leading zeros are gone
    wb.save(book)
    result = read_files([book], taxonomy)
    assert [e.client_ref for e in result.entries[:2]] == ["007", "12"]
    assert [str(p) for p in result.problems] == [
        f"{book}:Entries!{CLIENT_REF}2: note: client_ref holds numbers or dates, not text (the first here, read as "
        "'007'): a spreadsheet that took them for numbers may have changed them (007 becomes 7); each is read as "
        "the sheet shows it",
    ]
    assert not result.lost() and len(result.entries) == 7


def test_dates_and_times_typed_again_read_as_the_contract_writes_them(exported, taxonomy):
    import datetime as dt

    book = exported[0]
    wb = openpyxl.load_workbook(book)
    entries = wb["Entries"]
    start = get_column_letter(ENTRY_COLUMNS.index("start_time") + 1)
    entries[f"{start}2"] = dt.time(9, 30)  # a time of day, as "detect special numbers" makes it
    entries[f"{start}2"].number_format = "h:mm AM/PM"
    entries["C2"] = "2026-11-23"  # a date as text
    entries[f"{start}3"] = dt.time(9, 30, 15)
    wb.save(book)
    result = read_files([book], taxonomy)
    assert [str(p) for p in result.problems] == [
        f"{book}:Entries!{start}3: '09:30:15' has seconds; a start time is whole minutes (HH:MM)",
    ]
    assert result.entries[0].start_time == "09:30" and result.entries[0].date == dt.date(2026, 11, 23)


def test_what_is_not_a_workbook_is_one_problem_naming_the_file(exported, taxonomy, tmp_path):
    renamed = tmp_path / "renamed.xlsx"
    shutil.copy(exported[1], renamed)  # a CSV file given a workbook's name
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(exported[0].read_bytes()[:4000])  # a copy cut short
    other = tmp_path / "other.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "a budget"
    wb.save(other)
    empty = tmp_path / "empty.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Entries"
    wb.save(empty)
    result = read_files([renamed, damaged, other, empty], taxonomy)
    assert [str(p) for p in result.problems] == [
        f"{renamed}:1:(file): is not an Excel workbook (it is not a zip file, as every .xlsx workbook is; a file "
        "renamed, or damaged)",
        f"{damaged}:1:(file): is not an Excel workbook (it is not a zip file, as every .xlsx workbook is; a file "
        "renamed, or damaged)",
        f"{other}:1:(file): holds no sheet of a PeerDesk export (none is named Entries or Weekly summary, nor begins "
        "with an entries or summary header)",
        f"{empty}:Entries!A1: is empty: no header row",
    ]
    assert result.entries == [] and result.summary_rows == []


def test_a_damaged_sheet_inside_a_good_zip_is_one_problem(exported, taxonomy, tmp_path):
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(exported[0]) as src, zipfile.ZipFile(broken, "w") as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # the Entries sheet's XML ends mid-way
            out.writestr(item, data)
    result = read_files([broken], taxonomy)
    assert len(result.lost()) == 1
    (problem,) = result.lost()
    assert str(problem).startswith(f"{broken}:1:(file): is a damaged workbook (")


def test_the_same_workbook_twice_is_counted_once(exported, taxonomy, tmp_path):
    copy = tmp_path / "copy.xlsx"
    shutil.copy(exported[0], copy)
    result = read_files([exported[0], copy], taxonomy)
    assert [p.message for p in result.problems] == [
        f"is the same file as {exported[0]}, opened twice; its rows are counted once"
    ]
    assert len(result.entries) == 7


def test_review_check_on_the_command_line(cli, exported):
    book = exported[0]
    done = cli("review", "--check", book)
    assert (done.code, done.out) == (0, "1 file, 7 entries, 5 summary rows, 0 problems\n")
    wb = openpyxl.load_workbook(book)
    wb["Entries"][f"{MINUTES}5"] = "lots"
    wb.save(book)
    bad = cli("review", "--check", book)
    assert bad.code == 1
    assert bad.out.splitlines() == [
        f"{book}:Entries!{MINUTES}5: 'lots' is not a whole number",
        "1 file, 6 entries, 5 summary rows, 1 problem",
    ]


# ------------------------------------------------------------------ saved again by LibreOffice


def _libreoffice_resave(book: Path, folder: Path) -> Path:
    """*book* opened and saved again as a workbook by LibreOffice Calc headless (its own profile)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed; tests/fixtures/resaved/ holds its resave")
    out = folder / "resaved"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless", "--convert-to", "xlsx",
         "--outdir", str(out), str(book)],
        check=True, capture_output=True, timeout=180,
    )
    return out / book.name


def test_a_workbook_saved_again_by_libreoffice_reads_the_same(exported, taxonomy, tmp_path):
    book, entries, summary = exported
    resaved = _libreoffice_resave(book, tmp_path)
    assert resaved.read_bytes() != book.read_bytes()
    with zipfile.ZipFile(resaved) as z:
        assert "xl/sharedStrings.xml" in z.namelist()  # LibreOffice's own writing, not PeerDesk's
    result = read_files([resaved], taxonomy)
    assert result.problems == []
    same_as_csv(result, read_files([entries, summary], taxonomy))


def test_the_libreoffice_fixture_reads_as_the_golden_csv_files(taxonomy, gold):
    """tests/fixtures/resaved/workbook_golden.xlsx: the golden entries' workbook (with notes) saved
    again by LibreOffice 7.4 (tests/fixtures/make_resaved.sh), for machines without LibreOffice."""
    result = read_files([RESAVED / "workbook_golden.xlsx"], taxonomy)
    assert result.problems == []
    golden = read_files([gold.folder / "entries_with_notes.csv", gold.folder / "summary.csv"], taxonomy)
    same_as_csv(result, golden)
    assert tuple(openpyxl.load_workbook(RESAVED / "workbook_golden.xlsx", read_only=True)["Weekly summary"]
                 .iter_rows(max_row=1, values_only=True).__next__()) == SUMMARY_COLUMNS
