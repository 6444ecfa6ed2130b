"""The Excel workbook export, read back with openpyxl: every cell's value and type as stated (dates
as dates, numbers as numbers, text as typed), the sheets' header, filter and widths, native charts
of the weekly summary, and a file that is whole or absent, as the CSV export's."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import stat
import sys
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from peerdesk.exchange import csv_export
from peerdesk.exchange.csv_export import (
    ExportCancelled,
    OutputRefused,
    OutputUnwritable,
    export_entries,
    export_summary,
)
from peerdesk.exchange.csv_format import ENTRY_COLUMNS, ENTRY_SPEC, SUMMARY_COLUMNS, SUMMARY_SPEC
from peerdesk.exchange.xlsx_export import export_workbook
from peerdesk.storage.store import Store

# Texts a spreadsheet would change, run or hide, each stored as a client ref or a note of its own entry.
RISKY = {
    10: ("007", "=1+1"),
    11: ("-12", "'quoted"),
    12: ("+44 20", "line one\nline two, «Zoë» 🙂"),
    13: ("@x", "<r>a & b</r>"),  # XlsxWriter would take this for rich text's XML
    14: ("C_x0041_", "_x0041_ is not an A"),  # the file format's own escape, as text
    15: ("\tT", "carriage\rreturn"),
}


def _risky(gold) -> list:
    return [
        gold.entry(n, date=dt.date(2026, 11, 25), start_time=dt.time(8, n), minutes=n, client_ref=ref, note=note)
        for n, (ref, note) in RISKY.items()
    ]


@pytest.fixture
def risky_store(golden_store, gold):
    golden_store.restore_many(_risky(gold))
    return golden_store


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") or p.suffix == ".part")


def _scratch() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("peerdesk-workbook-unfinished-*")}


_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _shown(value):
    """A cell's value as a spreadsheet shows it: the file format's escapes (_x000D_ a carriage return,
    _x005F_ an underscore) undone, as Excel and LibreOffice do; openpyxl leaves them in an inline string."""
    return _ESCAPE.sub(lambda m: chr(int(m[1], 16)), value) if isinstance(value, str) else value


def _sheet_rows(path: Path, sheet: str) -> list[tuple]:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return [tuple(map(_shown, row)) for row in book[sheet].iter_rows(values_only=True)]
    finally:
        book.close()


def _csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def _typed(spec, cells: list[str]) -> tuple:
    """A CSV row's cells as the workbook must hold them: dates as datetimes (openpyxl's date
    cells), numbers as ints, text as typed (the CSV's one neutralising ' taken off), empty as None."""
    out = []
    for column, cell in zip(spec, cells, strict=True):
        if column.kind == "date":
            out.append(dt.datetime.combine(dt.date.fromisoformat(cell), dt.time()))
        elif column.kind == "number":
            out.append(int(cell))
        else:
            text = cell[1:] if cell.startswith("'") else cell
            out.append(text or None)
    return tuple(out)


# ------------------------------------------------------------------ every cell, its value and type


def test_the_entries_sheet_holds_the_csv_exports_rows_typed(risky_store, taxonomy, tmp_path, gold):
    book = tmp_path / "team.xlsx"
    result = export_workbook(risky_store, taxonomy, gold.start, gold.end, book, include_notes=True)
    export_entries(risky_store, taxonomy, gold.start, gold.end, tmp_path / "e.csv", include_notes=True)
    expected = _csv_rows(tmp_path / "e.csv")
    rows = _sheet_rows(book, "Entries")
    assert rows[0] == ENTRY_COLUMNS
    assert rows[1:] == [_typed(ENTRY_SPEC, cells) for cells in expected[1:]]  # same rows, same order
    assert (result.kind, result.rows, result.summary_rows) == ("workbook", 12, 5)
    for row in rows[1:]:
        for column, value in zip(ENTRY_SPEC, row, strict=True):
            expected_type = {"date": dt.datetime, "number": int}.get(column.kind, str)
            assert value is None or type(value) is expected_type, (column.name, value)


def test_text_is_stored_exactly_as_typed_with_no_apostrophe(risky_store, taxonomy, tmp_path, gold):
    book = tmp_path / "team.xlsx"
    export_workbook(risky_store, taxonomy, gold.start, gold.end, book, include_notes=True)
    rows = _sheet_rows(book, "Entries")
    ref, note, start = (ENTRY_COLUMNS.index(c) for c in ("client_ref", "note", "start_time"))
    by_id = {row[0]: row for row in rows[1:]}
    for n, (client_ref, text) in RISKY.items():
        row = by_id[f"00000000-0000-4000-8000-{n:012d}"]
        assert (row[ref], row[note], row[start]) == (client_ref, text, f"08:{n:02d}")
    golden = {row[0][-1]: row for row in rows[1:] if row[0].startswith("00000000-0000-4000-8000-00000000000")}
    assert golden["3"][ref] == "-12" and golden["4"][ref] == "'quoted"
    assert golden["3"][note] == "Line one\nLine two, with a comma\nZoë 🙂"
    assert golden["4"][ENTRY_COLUMNS.index("worker")] == "Zoë (PW-09)"
    assert golden["2"][note] == '=HYPERLINK("http://example.org","click")'
    # stored as text cells: no formula anywhere, and none of the text written with a ' in front
    with zipfile.ZipFile(book) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "&apos;=" not in sheet and ">'=" not in sheet
    assert 't="inlineStr"><is><t>007</t>' in sheet


def test_the_weekly_summary_sheet_holds_the_summary_exports_rows_typed(risky_store, taxonomy, tmp_path, gold):
    book = tmp_path / "team.xlsx"
    export_workbook(risky_store, taxonomy, gold.start, gold.end, book)
    export_summary(risky_store, taxonomy, gold.start, gold.end, tmp_path / "s.csv")
    rows = _sheet_rows(book, "Weekly summary")
    assert rows[0] == SUMMARY_COLUMNS
    assert rows[1:] == [_typed(SUMMARY_SPEC, cells) for cells in _csv_rows(tmp_path / "s.csv")[1:]]
    first = rows[1]
    assert [type(v) for v in first] == [str, str, dt.datetime, str, str, str, int, int, int, dt.datetime, dt.datetime]
    assert first[:3] == ("PW-07", "2026-W48", dt.datetime(2026, 11, 23))


def test_dates_show_as_dates_and_the_header_is_frozen_with_a_filter(risky_store, taxonomy, tmp_path, gold):
    book = tmp_path / "team.xlsx"
    export_workbook(risky_store, taxonomy, gold.start, gold.end, book, include_notes=True)
    wb = openpyxl.load_workbook(book)  # not read-only: the sheets' settings too
    assert wb.sheetnames == ["Entries", "Weekly summary", "Charts"]
    entries, summary = wb["Entries"], wb["Weekly summary"]
    last = get_column_letter(len(ENTRY_COLUMNS))
    assert (entries.freeze_panes, entries.auto_filter.ref) == ("A2", f"A1:{last}13")
    assert (summary.freeze_panes, summary.auto_filter.ref) == ("A2", f"A1:{get_column_letter(11)}6")
    date_cell = entries.cell(2, ENTRY_COLUMNS.index("date") + 1)
    assert date_cell.is_date and date_cell.number_format == "yyyy-mm-dd"
    assert entries.cell(2, ENTRY_COLUMNS.index("minutes") + 1).data_type == "n"
    assert all(cell.font.b for cell in entries[1])
    widths = {name: entries.column_dimensions[get_column_letter(i + 1)].width for i, name in enumerate(ENTRY_COLUMNS)}
    assert widths["entry_id"] >= 36 and widths["date"] >= 10 and widths["note"] <= 62
    assert widths["category_label"] > widths["minutes"]


def test_notes_and_client_refs_leave_only_when_asked(risky_store, taxonomy, tmp_path, gold):
    book = tmp_path / "team.xlsx"
    export_workbook(risky_store, taxonomy, gold.start, gold.end, book)  # notes left out by default
    rows = _sheet_rows(book, "Entries")
    assert rows[0][ENTRY_COLUMNS.index("note")] == "note"
    assert {row[ENTRY_COLUMNS.index("note")] for row in rows[1:]} == {None}
    assert "007" in {row[ENTRY_COLUMNS.index("client_ref")] for row in rows[1:]}
    export_workbook(risky_store, taxonomy, gold.start, gold.end, book, include_client_refs=False)
    assert {row[ENTRY_COLUMNS.index("client_ref")] for row in _sheet_rows(book, "Entries")[1:]} == {None}
    details = [r.detail for r in risky_store.audit_log() if r.action == "export"]
    assert details == [
        "2026-11-23 to 2027-01-03: workbook (entries 12 rows, summary 5 rows) to team.xlsx, notes left out, "
        "client refs left out",
        "2026-11-23 to 2027-01-03: workbook (entries 12 rows, summary 5 rows) to team.xlsx, notes left out",
    ]


# ------------------------------------------------------------------ charts


def test_the_charts_sheet_charts_the_weekly_summary(golden_store, taxonomy, tmp_path, gold):
    book = tmp_path / "team.xlsx"
    export_workbook(golden_store, taxonomy, gold.start, gold.end, book)
    with zipfile.ZipFile(book) as z:
        names = set(z.namelist())
        assert {"xl/charts/chart1.xml", "xl/charts/chart2.xml", "xl/drawings/drawing1.xml"} <= names
        by_week, by_category = (z.read(f"xl/charts/chart{n}.xml").decode() for n in (1, 2))
        assert "drawing1.xml" in z.read("xl/worksheets/_rels/sheet3.xml.rels").decode()  # on the Charts sheet
    assert '<c:grouping val="stacked"/>' in by_week and "<c:barDir val=\"col\"/>" in by_week
    assert by_week.count("<c:ser>") == 3  # direct, indirect, role
    assert "Charts!$A$3:$A$8" in by_week and "Charts!$B$3:$B$8" in by_week  # six weeks, W48 to W53
    assert '<c:barDir val="bar"/>' in by_category and "Charts!$C$12:$C$16" in by_category
    # each table cell is a formula over the Weekly summary sheet, its value worked out already
    wb = openpyxl.load_workbook(book)
    charts = wb["Charts"]
    assert [c.value for c in charts[2]][:4] == ["week", "Direct", "Indirect", "Role"]
    assert charts["A3"].value == "2026-W48"
    formula = charts["B3"].value
    assert formula == (
        "=SUMIFS('Weekly summary'!$G$2:$G$6,'Weekly summary'!$B$2:$B$6,$A3,"
        "'Weekly summary'!$D$2:$D$6,\"direct\")/60"
    )
    values = openpyxl.load_workbook(book, data_only=True)["Charts"]
    inside = [e for e in gold.entries() if gold.start <= e.date <= gold.end]
    week48 = sum(e.minutes for e in inside if e.date <= dt.date(2026, 11, 29) and e.category in
                 ("advocacy", "group_facilitation")) / 60
    assert values["B3"].value == pytest.approx(week48)
    assert [values.cell(r, 1).value for r in range(12, 17)] == [
        "Advocacy", "Group facilitation", "Team communication", "Supervision, training", "Legitimizing the peer role",
    ]
    assert sum(values.cell(r, 3).value for r in range(12, 17)) == pytest.approx(sum(e.minutes for e in inside) / 60)


def test_the_charts_sheet_speaks_the_workers_language_and_keeps_its_sheet_names(golden_store, tmp_path, gold):
    """In French the Charts sheet's titles, headers, axes and work types are French; the sheets
    keep their names (review finds them by name), as the CSV columns keep theirs."""
    from peerdesk import i18n
    from peerdesk.domain.taxonomy import load_default

    assert i18n.set_language("fr") == "fr"  # English again after the test (tests/conftest.py)
    book = tmp_path / "equipe.xlsx"
    export_workbook(golden_store, load_default(), gold.start, gold.end, book)
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames == ["Entries", "Weekly summary", "Charts"]
    charts = wb["Charts"]
    assert charts["A1"].value == "Heures par semaine selon le type de travail, du 2026-11-23 au 2027-01-03"
    assert [c.value for c in charts[2]][:4] == ["semaine", "Direct", "Indirect", "Rôle"]
    assert [c.value for c in charts[11]][:3] == ["catégorie", "type de travail", "heures"]
    assert charts["B12"].value == "Direct"  # the work type by its label, not its key
    assert charts["A10"].value == "Temps par catégorie (heures)"
    with zipfile.ZipFile(book) as z:
        by_week, by_category = (z.read(f"xl/charts/chart{n}.xml").decode() for n in (1, 2))
    assert "Heures par semaine selon le type de travail" in by_week and ">heures<" in by_week
    assert "Temps par catégorie (heures)" in by_category
    assert "Hours" not in by_week + by_category and "hours" not in by_week + by_category


def test_an_empty_range_gives_headers_and_says_so_on_the_charts_sheet(store, taxonomy, tmp_path, gold):
    book = tmp_path / "empty.xlsx"
    result = export_workbook(store, taxonomy, gold.start, gold.end, book)
    assert (result.rows, result.summary_rows) == (0, 0)
    assert _sheet_rows(book, "Entries") == [ENTRY_COLUMNS]
    assert _sheet_rows(book, "Weekly summary") == [SUMMARY_COLUMNS]
    assert _sheet_rows(book, "Charts") == [("No entries from 2026-11-23 to 2027-01-03.",)]


# ------------------------------------------------------------------ whole files or none


def _many(store, gold, count: int) -> None:
    store.restore_many(
        gold.entry(i, date=gold.start + dt.timedelta(days=i % 7), note=f"note {i}") for i in range(1, count + 1)
    )


def test_a_cancelled_workbook_leaves_no_file_and_keeps_the_older_one(store, taxonomy, tmp_path, gold):
    _many(store, gold, csv_export.BATCH * 2 + 10)
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"last month's workbook")
    before = _scratch()
    calls = []

    def progress(done, total):
        calls.append((done, total))
        return done < csv_export.BATCH  # after the first batch is on the sheet

    with pytest.raises(ExportCancelled):
        export_workbook(store, taxonomy, gold.start, gold.end, out, include_notes=True, progress=progress)
    total = csv_export.BATCH * 2 + 10 + 1  # the entries, and one summary row (one week, one category)
    assert calls == [(0, total), (csv_export.BATCH, total)]
    assert out.read_bytes() == b"last month's workbook"
    assert _leftovers(tmp_path) == [] and _scratch() == before  # nor XlsxWriter's scratch files
    assert [r for r in store.audit_log() if r.action == "export"] == []


def test_progress_counts_the_entries_then_the_summary(golden_store, taxonomy, tmp_path, gold):
    seen = []
    export_workbook(golden_store, taxonomy, gold.start, gold.end, tmp_path / "a.xlsx",
                    progress=lambda done, total: seen.append((done, total)) is None)
    assert seen == [(0, 11), (6, 11), (11, 11)]


def test_a_missing_folder_a_folder_and_a_data_folder_are_refused(golden_store, taxonomy, tmp_path, gold):
    with pytest.raises(OutputUnwritable, match=re.escape(f"{tmp_path / 'nowhere'} does not exist")):
        export_workbook(golden_store, taxonomy, gold.start, gold.end, tmp_path / "nowhere" / "out.xlsx")
    (tmp_path / "folder.xlsx").mkdir()
    with pytest.raises(OutputUnwritable, match="is a folder"):
        export_workbook(golden_store, taxonomy, gold.start, gold.end, tmp_path / "folder.xlsx")
    with pytest.raises(OutputRefused):
        export_workbook(golden_store, taxonomy, gold.start, gold.end, golden_store.path.parent / "peerdesk.xlsx")
    assert not (golden_store.path.parent / "peerdesk.xlsx").exists()


def test_an_unwritable_folder_is_an_export_error_naming_it(tmp_path, gold, honouring_permissions):
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    store = Store(tmp_path / "data" / "peerdesk.db")
    store.restore_many(gold.entries())
    store.close()
    probe = (
        "import sys, datetime as dt\n"
        "from peerdesk.domain.taxonomy import load_default\n"
        "from peerdesk.exchange.csv_export import OutputUnwritable\n"
        "from peerdesk.exchange.xlsx_export import export_workbook\n"
        "from peerdesk.storage.store import Store\n"
        "store = Store(sys.argv[1])\n"
        "try:\n"
        "    export_workbook(store, load_default(), dt.date(2026, 11, 23), dt.date(2027, 1, 3), sys.argv[2])\n"
        "except OutputUnwritable as exc:\n"
        "    print(exc)\n"
    )
    try:
        done = honouring_permissions(
            [sys.executable, "-c", probe, str(tmp_path / "data" / "peerdesk.db"), str(folder / "out.xlsx")]
        )
    finally:
        folder.chmod(0o700)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"cannot write in {folder} (Permission denied)"
    assert list(folder.iterdir()) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_workbook_is_owner_only(golden_store, taxonomy, tmp_path, gold):
    out = tmp_path / "out.xlsx"
    export_workbook(golden_store, taxonomy, gold.start, gold.end, out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert _leftovers(tmp_path) == []


# ------------------------------------------------------------------ the command line


def test_export_format_xlsx_writes_one_workbook(cli, tmp_path, gold):
    data = tmp_path / "data"
    store = Store(data / "peerdesk.db")
    store.restore_many(gold.entries())
    store.close()
    out = tmp_path / "november.xlsx"
    span = ("--from", "2026-11-23", "--to", "2027-01-03")
    done = cli("export", "--data-dir", data, *span, "--out", out, "--format", "xlsx", "--include-notes")
    assert (done.code, done.err) == (0, "")
    assert done.out == f"{out} (6 entries and 5 summary rows)\n"
    assert len(_sheet_rows(out, "Entries")) == 7
    inferred = cli("export", "--data-dir", data, *span, "--out", tmp_path / "b.xlsx")  # by the name
    assert inferred.code == 0 and _sheet_rows(tmp_path / "b.xlsx", "Weekly summary")[0] == SUMMARY_COLUMNS
    for extra, message in [
        (("--out", tmp_path / "c.xlsx", "--summary"), "peerdesk: --summary: a workbook holds the weekly summary"),
        (("--out", tmp_path / "c.csv", "--format", "xlsx"), "peerdesk: --out: c.csv does not end in .xlsx"),
        (("--out", tmp_path / "c.xlsx", "--format", "csv"), "peerdesk: --out: c.xlsx ends in .xlsx but --format csv"),
    ]:
        refused = cli("export", "--data-dir", data, *span, *extra)
        assert refused.code == 2 and refused.err.startswith(message), refused.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.xlsx", "data", "november.xlsx"]


def test_export_to_an_unwritable_folder_exits_2_naming_it(tmp_path, gold, run_peerdesk):
    data = tmp_path / "data"
    store = Store(data / "peerdesk.db")
    store.restore_many(gold.entries())
    store.close()
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        done = run_peerdesk("export", "--data-dir", data, "--from", "2026-11-23", "--to", "2027-01-03",
                            "--out", folder / "out.xlsx", honour_permissions=True)
    finally:
        folder.chmod(0o700)
    assert done.code == 2
    assert done.err.strip() == f"peerdesk: --out: cannot write in {folder} (Permission denied)"
    assert list(folder.iterdir()) == []


def test_a_workbook_of_submitted_weeks_is_signed(cli, tmp_path):
    from peerdesk.workspace import Workspace

    worker = tmp_path / "worker"
    ws = Workspace(worker)
    ws.settings.set("worker", "PW-07")
    ws.settings.save()
    assert cli("add", "--date", "2026-11-24", "--minutes", "30", "--category", "advocacy",
               "--data-dir", worker).code == 0
    assert cli("submit", "--week", "2026-W48", "--data-dir", worker).code == 0
    out = tmp_path / "pw07.xlsx"
    done = cli("export", "--from", "2026-11-23", "--to", "2026-11-29", "--out", out, "--data-dir", worker)
    assert done.code == 0 and done.out.splitlines() == [f"{out} (1 entry and 1 summary row)",
                                                        f"{out}.sig (signed with your key)"]
    key = tmp_path / "pw07.key"
    key.write_text(cli("key", "--show", "--data-dir", worker).out)
    checked = cli("review", "--check", out, "--trust-key", key, "--data-dir", tmp_path / "supervisor")
    assert checked.code == 0
    assert f"{out}:1:(file): note: signed by PW-07 and intact (weeks 2026-W48)" in checked.out
    assert checked.out.splitlines()[-1] == "1 file, 1 entry, 1 summary row, 0 problems, 1 note"
