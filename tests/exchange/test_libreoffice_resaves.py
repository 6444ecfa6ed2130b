"""Exports saved again by LibreOffice Calc 7.4 (headless, with the import and export options a
supervisor's dialog has; tests/fixtures/make_resaved.sh makes them from the golden exports):
every row comes back, with every value as PeerDesk wrote it, whatever the language, separator,
character set or "detect special numbers" the spreadsheet used."""

from __future__ import annotations

from pathlib import Path

import pytest

from peerdesk.exchange.review import read_files

HERE = Path(__file__).parent
RESAVED = HERE.parent / "fixtures" / "resaved"
GOLDEN = HERE / "golden"
WINDOWS_1252 = "is not UTF-8; read as Windows-1252, as spreadsheets on Windows save it"
SEMICOLONS = "has its cells separated by ';', not ','; read as such"
ENTRIES = {
    "entries_en-US_utf-8_plain.csv": [],
    "entries_en-GB_detect_utf-8.csv": [],
    "entries_en-US_detect_windows-1252.csv": [WINDOWS_1252],
    "entries_de-DE_detect_semicolons_windows-1252.csv": [WINDOWS_1252, SEMICOLONS],
}


def unplaced(rows):
    return [row._replace(source="", line=0) for row in rows]


def test_the_fixtures_were_written_by_libreoffice():
    assert (RESAVED / "LIBREOFFICE_VERSION").read_text().startswith("LibreOffice 7.4")
    # what "detect special numbers" did to the start times, as saved: LibreOffice's, not PeerDesk's
    assert ",09:30:00 AM," in (RESAVED / "entries_en-US_detect_windows-1252.csv").read_bytes().decode("cp1252")
    assert ";09:30:00;" in (RESAVED / "entries_de-DE_detect_semicolons_windows-1252.csv").read_bytes().decode("cp1252")


@pytest.mark.parametrize("name", list(ENTRIES))
def test_an_entries_file_saved_again_keeps_every_row_and_value(taxonomy, name):
    original = read_files([GOLDEN / "entries_with_notes.csv"], taxonomy)
    resaved = read_files([RESAVED / name], taxonomy)
    assert [p.message for p in resaved.problems] == ENTRIES[name]
    assert all(p.note for p in resaved.problems) and not resaved.lost()
    expected = unplaced(original.entries)
    if "windows-1252" in name:
        # Windows-1252 has no emoji: LibreOffice itself wrote '?' for it; everything else is as it was
        expected = [e._replace(note=e.note.replace("🙂", "?")) for e in expected]
    assert unplaced(resaved.entries) == expected  # ids, dates, times, '-12 and =… texts, notes, tags
    assert resaved.periods[str(RESAVED / name)] == original.periods[str(GOLDEN / "entries_with_notes.csv")]
    assert unplaced(resaved.combined_summary()) == unplaced(original.combined_summary())


def test_a_summary_saved_again_on_windows_keeps_every_row(taxonomy):
    original = read_files([GOLDEN / "summary.csv"], taxonomy)
    resaved = read_files([RESAVED / "summary_en-US_detect_windows-1252.csv"], taxonomy)
    assert [p.message for p in resaved.problems] == [WINDOWS_1252]
    assert unplaced(resaved.summary_rows) == unplaced(original.summary_rows)


def test_review_check_exits_0_on_a_german_resave(cli):
    path = RESAVED / "entries_de-DE_detect_semicolons_windows-1252.csv"
    result = cli("review", "--check", path)
    assert result.code == 0
    assert result.out.splitlines()[-1] == "1 file, 6 entries, 0 problems, 2 notes"
