"""In French, the review's problems (what a supervisor reads about a team's files) and the
export's refusals read in French, while the place of a problem stays as tools read it:
``FILE:LINE:COLUMN`` of a CSV file (the column named as the contract names it), ``FILE:SHEET!CELL``
of a workbook. The same files in English give the English the other tests check."""

from __future__ import annotations

import re

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from peerdesk import i18n
from peerdesk.exchange.csv_export import ExportError, OutputUnwritable, export_both, export_entries
from peerdesk.exchange.csv_format import ENTRY_COLUMNS
from peerdesk.exchange.csv_read import CsvReadError, read_entries
from peerdesk.exchange.review import read_files
from peerdesk.exchange.team_views import file_status
from peerdesk.exchange.xlsx_export import export_workbook

NBSP = "\u00a0"
MINUTES = get_column_letter(ENTRY_COLUMNS.index("minutes") + 1)


@pytest.fixture
def french():
    """French from here to the end of the test (tests/conftest.py puts English back)."""
    assert i18n.set_language("fr") == "fr"


@pytest.fixture
def exported(golden_store, taxonomy, tmp_path, gold):
    entries, summary = tmp_path / "pw-07.csv", tmp_path / "pw-07_summary.csv"
    export_both(golden_store, taxonomy, gold.start, gold.end, entries, summary)
    return entries, summary


def spoil_cell(path, line: int, column: str, value: str) -> None:
    """Put *value* in *column* of the row at *line* (the header is line 1) of a CSV export."""
    rows = path.read_bytes().decode("utf-8-sig").split("\r\n")
    cells = rows[line - 1].split(",")
    cells[ENTRY_COLUMNS.index(column)] = value
    rows[line - 1] = ",".join(cells)
    path.write_bytes(("\ufeff" + "\r\n".join(rows)).encode("utf-8"))


def test_a_bad_cell_reads_in_french_at_the_same_file_line_and_column(exported, taxonomy, french):
    entries, _summary = exported
    spoil_cell(entries, 3, "minutes", "beaucoup")
    spoil_cell(entries, 4, "mode", "pigeon")
    result = read_files([entries], taxonomy)
    assert [str(p) for p in result.problems] == [
        f"{entries}:3:minutes: «{NBSP}beaucoup{NBSP}» n'est pas un nombre entier",
        f"{entries}:4:mode: mode inconnu{NBSP}: «{NBSP}pigeon{NBSP}» (valeurs permises{NBSP}: "
        "in_person, phone, text, video, other)",
    ]
    assert [(p.line, p.column) for p in result.problems] == [(3, "minutes"), (4, "mode")]
    assert result.summary_line() == "1 fichier, 4 entrées, 2 problèmes"
    (status,) = file_status(result)
    assert status.state() == "2 lignes écartées"


def test_the_same_bad_cell_in_english_is_as_before(exported, taxonomy):
    entries, _summary = exported
    spoil_cell(entries, 3, "minutes", "beaucoup")
    result = read_files([entries], taxonomy)
    assert [str(p) for p in result.problems] == [f"{entries}:3:minutes: 'beaucoup' is not a whole number"]
    assert result.summary_line() == "1 file, 5 entries, 1 problem"


def test_a_wrong_header_names_the_contracts_column_in_a_french_message(exported, taxonomy, french):
    entries, _summary = exported
    text = entries.read_bytes().decode("utf-8-sig").replace("minutes,", "duree,", 1)
    entries.write_bytes(("\ufeff" + text).encode("utf-8"))
    (problem,) = read_files([entries], taxonomy).problems
    assert str(problem) == (
        f"{entries}:1:minutes: en-tête incorrect{NBSP}: aucune colonne «{NBSP}minutes{NBSP}», et «{NBSP}duree{NBSP}» "
        f"n'est pas une colonne du format{NBSP}: si elle contient la donnée minutes, renommez-la «{NBSP}minutes{NBSP}»"
    )
    (status,) = file_status(read_files([entries], taxonomy))
    assert status.state().startswith(f"refusé{NBSP}: en-tête incorrect")


def test_a_note_keeps_its_place_and_says_note_in_french(exported, taxonomy, french):
    entries, _summary = exported
    text = entries.read_bytes().decode("utf-8-sig")
    lines = text.split("\r\n")
    lines = [lines[0] + ",remarks"] + [line + ",x" if line else line for line in lines[1:]]
    entries.write_bytes(("\ufeff" + "\r\n".join(lines)).encode("utf-8"))
    (note,) = read_files([entries], taxonomy).problems
    assert note.note
    assert str(note) == (
        f"{entries}:1:(file): note{NBSP}: a des colonnes qui lui sont propres («{NBSP}remarks{NBSP}»){NBSP}: "
        "conservées dans le fichier, non comptées"
    )


def test_the_strict_reader_says_file_line_and_column_in_french(exported, french):
    entries, _summary = exported
    spoil_cell(entries, 3, "minutes", "0")
    with pytest.raises(CsvReadError) as caught:
        list(read_entries(entries))
    assert str(caught.value) == (
        f"{entries}, ligne 3, colonne «{NBSP}minutes{NBSP}»{NBSP}: 0 est hors des limites (1–720)")
    assert (caught.value.line, caught.value.column) == (3, "minutes")


def test_a_workbooks_problem_keeps_file_sheet_and_cell_with_a_french_message(
        golden_store, taxonomy, tmp_path, gold, french):
    book = tmp_path / "team.xlsx"
    export_workbook(golden_store, taxonomy, gold.start, gold.end, book)
    wb = openpyxl.load_workbook(book)
    wb["Entries"][f"{MINUTES}4"] = 0
    wb["Entries"][f"{MINUTES}6"] = "45.5"
    wb.save(book)
    result = read_files([book], taxonomy)
    assert [str(p) for p in result.problems] == [
        f"{book}:Entries!{MINUTES}4: 0 est hors des limites (1–720)",
        f"{book}:Entries!{MINUTES}6: «{NBSP}45.5{NBSP}» n'est pas un nombre entier",
    ]


def test_a_file_that_is_not_a_workbook_is_refused_in_french(taxonomy, tmp_path, french):
    fake = tmp_path / "team.xlsx"
    fake.write_text("entry_id,worker\n", "utf-8")
    (problem,) = read_files([fake], taxonomy).problems
    assert str(problem) == (
        f"{fake}:1:(file): n'est pas un classeur Excel (ce n'est pas un fichier zip, comme l'est tout classeur "
        ".xlsx; un fichier renommé, ou endommagé)"
    )


def test_an_export_to_a_missing_folder_is_refused_in_french_naming_the_folder(
        golden_store, taxonomy, tmp_path, gold, french):
    nowhere = tmp_path / "nowhere"
    with pytest.raises(OutputUnwritable) as caught:
        export_entries(golden_store, taxonomy, gold.start, gold.end, nowhere / "pw-07.csv")
    assert isinstance(caught.value, ExportError)
    assert str(caught.value) == f"{nowhere} n'existe pas; choisissez un autre dossier"
    with pytest.raises(OutputUnwritable, match=re.escape(f"{nowhere} n'existe pas")):
        export_workbook(golden_store, taxonomy, gold.start, gold.end, nowhere / "pw-07.xlsx")
    assert not nowhere.exists()


def test_an_export_to_a_folder_is_refused_in_french(golden_store, taxonomy, tmp_path, gold, french):
    with pytest.raises(OutputUnwritable) as caught:
        export_entries(golden_store, taxonomy, gold.start, gold.end, tmp_path)
    assert str(caught.value) == f"{tmp_path} est un dossier; choisissez un nom de fichier"


def test_the_audit_log_stays_english_whatever_the_language(golden_store, taxonomy, tmp_path, gold, french):
    result = export_entries(golden_store, taxonomy, gold.start, gold.end, tmp_path / "pw-07.csv")
    assert result.counted() == "6 lignes"
    (record,) = [r for r in golden_store.audit_log() if r.action == "export"]
    assert record.detail == "2026-11-23 to 2027-01-03: entries 6 rows to pw-07.csv, notes left out"
