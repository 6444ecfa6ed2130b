"""``peerdesk review``: --check (exit 0 / 1 and the lines it prints) and --summary-out (the file it writes)."""

from __future__ import annotations

import csv
import io

import pytest

from peerdesk.exchange.csv_format import BOM, SUMMARY_COLUMNS


def broken_copy(source, target, *, minutes_row: int = 3):
    """A copy of an export with a minutes cell of one row (spreadsheet numbering) set to 721."""
    lines = source.read_bytes()[len(BOM):].decode("utf-8").split("\r\n")
    cells = lines[minutes_row - 1].split(",")
    cells[5] = "721"
    lines[minutes_row - 1] = ",".join(cells)
    target.write_bytes(BOM + "\r\n".join(lines).encode("utf-8"))
    return cells[0]


def test_check_of_good_files_prints_the_summary_line_and_exits_0(cli, team_exports):
    t = team_exports
    result = cli("review", "--check", *t.entry_paths)
    assert result.code == 0, result.err
    assert result.out.splitlines() == [f"3 files, {len(t.entries)} entries, 0 problems"]
    assert result.err == ""


def test_check_prints_each_problem_then_the_summary_line_and_exits_1(cli, team_exports, tmp_path):
    t = team_exports
    bad = tmp_path / "bad.csv"
    broken_copy(t.entry_paths[0], bad)
    copy_twice = t.entry_paths[1]
    result = cli("review", "--check", bad, t.entry_paths[1], copy_twice, t.entry_paths[2])
    assert result.code == 1
    n_good = len(t.entries) - 1  # the bad row is left out; the file opened twice counts once
    assert result.out.splitlines() == [
        f"{bad}:3:minutes: 721 is out of range (1–720)",
        f"{copy_twice}:1:(file): is the same file as {copy_twice}, opened twice; its rows are counted once",
        f"4 files, {n_good} entries, 2 problems",
    ]


def test_check_of_a_file_that_is_not_an_export(cli, tmp_path):
    notes = tmp_path / "notes.csv"
    notes.write_text("Date,Hours\n2026-11-25,3\n", "utf-8")
    result = cli("review", "--check", notes)
    assert result.code == 1
    assert result.out.splitlines() == [
        f"{notes}:1:entry_id: wrong header: 'Date', 'Hours' are not the columns of a PeerDesk export (an entries file's"
        " header begins 'entry_id,worker,date', a summary's 'worker,week,week_start')",
        "1 file, 0 entries, 1 problem",
    ]


def test_summary_out_writes_the_combined_summary_with_bom_and_crlf(cli, team_exports, tmp_path):
    t = team_exports
    out = tmp_path / "team.csv"
    result = cli("review", "--summary-out", out, *t.entry_paths)
    assert result.code == 0, result.err
    data = out.read_bytes()
    assert data.startswith(BOM)
    assert data.endswith(b"\r\n")
    body = data[len(BOM):]
    assert body.count(b"\n") == body.count(b"\r\n")  # every line ends CRLF, no bare LF
    assert body.split(b"\r\n")[0] == ",".join(SUMMARY_COLUMNS).encode()
    assert data == t.team_summary_path.read_bytes()  # what PeerDesk writes for one database holding all three
    rows = body.count(b"\r\n") - 1
    assert result.out.splitlines() == [
        f"3 files, {len(t.entries)} entries, 0 problems",
        f"{rows} summary rows written to {out}",
    ]


def test_summary_out_of_summary_files_is_the_same(cli, team_exports, tmp_path):
    t = team_exports
    out = tmp_path / "team.csv"
    assert cli("review", "--summary-out", out, *t.summary_paths).code == 0
    assert out.read_bytes() == t.team_summary_path.read_bytes()


def test_summary_out_leaves_out_bad_rows_and_exits_1_with_or_without_check(cli, team_exports, tmp_path):
    t = team_exports
    bad = tmp_path / "bad.csv"
    broken_copy(t.entry_paths[0], bad)
    out = tmp_path / "team.csv"
    result = cli("review", "--summary-out", out, bad)
    assert result.code == 1  # a script must not take this summary for the worker's whole record
    assert result.out.splitlines()[0] == f"{bad}:3:minutes: 721 is out of range (1–720)"
    written = out.read_bytes().decode("utf-8-sig")
    minutes = sum(int(row["minutes"]) for row in csv.DictReader(io.StringIO(written)))
    worker_minutes = sum(e.minutes for e in t.entries.values() if e.worker == t.workers[0])
    bad_row = bad.read_bytes()[len(BOM):].decode("utf-8").split("\r\n")[2].split(",")
    original = t.entries[bad_row[0]].minutes
    assert minutes == worker_minutes - original  # the bad row alone is left out

    result = cli("review", "--check", "--summary-out", out, bad)
    assert result.code == 1
    assert out.exists()


def test_a_refused_file_makes_summary_out_exit_1(cli, team_exports, tmp_path):
    refused = tmp_path / "notes.csv"
    refused.write_text("date,what\r\n2026-11-25,met a client\r\n", "utf-8")
    out = tmp_path / "team.csv"
    result = cli("review", "--summary-out", out, team_exports.entry_paths[0], refused)
    assert result.code == 1
    assert f"{refused}:1:" in result.out
    assert cli("review", "--summary-out", out, team_exports.entry_paths[0]).code == 0


def test_summary_out_into_a_missing_folder_fails_with_a_message(cli, team_exports, tmp_path):
    out = tmp_path / "no such folder" / "team.csv"
    result = cli("review", "--summary-out", out, team_exports.entry_paths[0])
    assert result.code == 1
    assert result.err.strip() == f"peerdesk: cannot write {out}: No such file or directory"
    assert not out.parent.exists()


def test_review_with_an_organisations_taxonomy(cli, tmp_path):
    org = tmp_path / "org.toml"
    org.write_text('[categories.harm_reduction]\nwork_type = "direct"\nlabel = "Harm reduction"\n', "utf-8")
    export = tmp_path / "x.csv"
    export.write_bytes(
        BOM
        + (
            b"entry_id,worker,date,week,start_time,minutes,work_type,category,category_label,mode,format,people,"
            b"client_ref,tags,note,period_start,period_end\r\n"
            b"e-1,PW-07,2026-11-25,2026-W48,,45,direct,harm_reduction,Harm reduction,in_person,individual,1,,,,"
            b"2026-11-23,2026-11-29\r\n"
        )
    )
    without = cli("review", "--check", export)
    assert without.code == 0  # counted by its own work type, with a note
    assert without.out.splitlines() == [
        f"{export}:2:category: note: 'harm_reduction' is not in the loaded taxonomy; "
        "counted as direct, 'Harm reduction'",
        "1 file, 1 entry, 0 problems, 1 note",
    ]
    with_org = cli("review", "--taxonomy", org, "--check", export)
    assert with_org.code == 0
    assert with_org.out.splitlines() == ["1 file, 1 entry, 0 problems"]


def test_review_never_opens_a_data_folder(cli, team_exports, tmp_path, monkeypatch):
    folder = tmp_path / "never made"
    monkeypatch.setenv("PEERDESK_DATA_DIR", str(folder))
    assert cli("review", "--check", *team_exports.entry_paths).code == 0
    assert cli("review", "--summary-out", tmp_path / "o.csv", *team_exports.entry_paths).code == 0
    assert not folder.exists()


def test_without_check_or_summary_out_the_window_opens(cli, team_exports, monkeypatch):
    import peerdesk.app

    calls = []
    monkeypatch.setattr(peerdesk.app, "run_review", lambda paths, taxonomy, **_kw: calls.append((paths, taxonomy)) or 0)
    paths = [str(p) for p in team_exports.entry_paths]
    assert cli("review", *paths).code == 0
    ((got_paths, taxonomy),) = calls
    assert got_paths == paths
    assert "advocacy" in taxonomy.categories


@pytest.mark.parametrize("flag", ["--check", "--summary-out"])
def test_review_needs_files(cli, flag, tmp_path):
    args = [flag] if flag == "--check" else [flag, str(tmp_path / "o.csv")]
    result = cli("review", *args)
    assert result.code == 2 and "give the exported files to review, or --server URL" in result.err


def test_check_end_to_end_exit_code(run_peerdesk, team_exports, tmp_path):
    bad = tmp_path / "bad.csv"
    broken_copy(team_exports.entry_paths[0], bad)
    result = run_peerdesk("review", "--check", bad)
    assert result.code == 1
    assert result.out.splitlines()[0] == f"{bad}:3:minutes: 721 is out of range (1–720)"
    ok = run_peerdesk("review", "--check", team_exports.entry_paths[1])
    assert ok.code == 0, ok.err
