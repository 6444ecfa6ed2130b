"""`peerdesk export`: the same files as the window, headless."""

from __future__ import annotations

import os

import pytest

from peerdesk.cli import EXIT_OK, EXIT_USAGE, main
from peerdesk.exchange.csv_read import read_entries
from peerdesk.storage.store import Store


@pytest.fixture
def data_dir(tmp_path, gold):
    folder = tmp_path / "data"
    store = Store(folder / "peerdesk.db")
    store.restore_many(gold.entries())
    store.close()
    return folder


def run(capsys, *args):
    capsys.readouterr()
    code = main([os.fspath(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def _export(data_dir, out, *extra):
    return ("export", "--data-dir", data_dir, "--from", "2026-11-23", "--to", "2027-01-03", "--out", out, *extra)


def test_export_writes_the_entries_file_and_says_where_and_how_many(capsys, data_dir, tmp_path, gold):
    out = tmp_path / "out.csv"
    code, stdout, stderr = run(capsys, *_export(data_dir, out))
    assert (code, stderr) == (EXIT_OK, "")
    assert stdout == f"{out} (6 rows)\n"
    assert out.read_bytes() == (gold.folder / "entries.csv").read_bytes()


def test_export_with_notes_and_the_summary(capsys, data_dir, tmp_path, gold):
    out = tmp_path / "notes.csv"
    assert run(capsys, *_export(data_dir, out, "--include-notes"))[0] == EXIT_OK
    assert out.read_bytes() == (gold.folder / "entries_with_notes.csv").read_bytes()
    summary = tmp_path / "summary.csv"
    code, stdout, _ = run(capsys, *_export(data_dir, summary, "--summary"))
    assert (code, stdout) == (EXIT_OK, f"{summary} (5 rows)\n")
    assert summary.read_bytes() == (gold.folder / "summary.csv").read_bytes()


def test_the_data_dir_may_come_before_the_command(capsys, data_dir, tmp_path):
    out = tmp_path / "out.csv"
    code, _, _ = run(
        capsys, "--data-dir", data_dir, "export", "--from", "2026-11-24", "--to", "2026-11-24", "--out", out
    )
    assert code == EXIT_OK
    assert [r["date"] for r in read_entries(out)] == ["2026-11-24"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "2026-11-30", "--to", "2026-11-23"), "peerdesk: --from: 2026-11-30 is after --to 2026-11-23"),
        (("--from", "2026-13-01", "--to", "2026-11-23"), "peerdesk: --from: '2026-13-01' is not a date"),
        (("--from", "2026-11-01", "--to", "30/11/2026"), "peerdesk: --to: '30/11/2026' is not a date"),
        (("--from", "2026-11-01", "--to", "2026-11-30", "--summary", "--include-notes"), "peerdesk: --include-notes:"),
    ],
)
def test_bad_input_is_a_usage_error_and_writes_nothing(capsys, data_dir, tmp_path, args, message):
    out = tmp_path / "out.csv"
    code, stdout, stderr = run(capsys, "export", "--data-dir", data_dir, *args, "--out", out)
    assert code == EXIT_USAGE
    assert stdout == ""
    assert stderr.startswith(message)
    assert len(stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_a_missing_folder_or_a_folder_as_out_is_a_usage_error(capsys, data_dir, tmp_path):
    code, _, stderr = run(capsys, *_export(data_dir, tmp_path / "nowhere" / "out.csv"))
    assert code == EXIT_USAGE and "--out: the folder" in stderr
    code, _, stderr = run(capsys, *_export(data_dir, tmp_path))
    assert code == EXIT_USAGE and "is a folder" in stderr


def test_a_missing_option_is_a_usage_error(capsys, data_dir, tmp_path):
    with pytest.raises(SystemExit) as exc:
        main(["export", "--data-dir", os.fspath(data_dir), "--from", "2026-11-23", "--out", os.fspath(tmp_path / "x")])
    assert exc.value.code == EXIT_USAGE
