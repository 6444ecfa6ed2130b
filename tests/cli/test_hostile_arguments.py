"""Hostile and careless arguments: each documented bad input exits 2 with one line saying what
is wrong; every other failure exits 1 with one line; never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

ADD = ("add", "--date", "2026-11-30", "--minutes", "30", "--category", "advocacy")


def run(*args, data_dir, stdin=None, env=None) -> subprocess.CompletedProcess:
    """`peerdesk` as a shell runs it, with arguments as raw bytes."""
    argv = [sys.executable, "-m", "peerdesk", "--data-dir", os.fsencode(data_dir),
            *(a if isinstance(a, bytes) else os.fsencode(str(a)) for a in args)]
    return subprocess.run(argv, capture_output=True, timeout=60, check=False, env=env)


def one_line(done: subprocess.CompletedProcess) -> str:
    err = done.stderr.decode("utf-8", "replace").strip()
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if "propagateSizeHints" not in line]
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize("flag", ["--note", "--client-ref", "--worker"])
def test_bytes_that_are_not_utf8_are_refused(data_dir, flag):
    done = run(*ADD, flag, b"caf\xe9 \xff", data_dir=data_dir)
    assert done.returncode == 2
    assert one_line(done) == f"peerdesk: {flag}: is not valid text (its bytes are not UTF-8); type it again"


@pytest.mark.parametrize("week", ["9999-W52", "2026-w48", "2026W48", "2026-W5", "2025-W53"])
def test_a_week_not_written_as_documented_or_out_of_range(data_dir, week):
    done = run("list", "--week", week, data_dir=data_dir)
    assert done.returncode == 2
    assert one_line(done).startswith("peerdesk: --week: ")


@pytest.mark.parametrize("day", ["20261124", "2026-11-24T10:00", "2026-W48-2"])
def test_a_date_not_written_as_documented(data_dir, day):
    done = run("add", "--date", day, "--minutes", "30", "--category", "advocacy", data_dir=data_dir)
    assert done.returncode == 2
    assert "write it as YYYY-MM-DD" in one_line(done)


def test_a_folder_where_the_database_should_be(data_dir):
    (data_dir / "peerdesk.db").mkdir()
    done = run("list", data_dir=data_dir)
    assert done.returncode == 1
    assert one_line(done).endswith("is a folder or a device, not a database; PeerDesk leaves it as it is")


def test_a_taxonomy_nested_too_deeply(data_dir, tmp_path):
    deep = tmp_path / "deep.toml"
    deep.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n", "utf-8")
    done = run("--taxonomy", deep, "categories", data_dir=data_dir)
    assert done.returncode == 2
    assert one_line(done) == f"peerdesk: {deep}: nested too deeply to be a taxonomy (lists or tables inside each other)"


def test_output_cut_short_by_a_closed_pipe(data_dir):
    shell = f'"{sys.executable}" -m peerdesk --data-dir "{data_dir}" categories | head -c 10 > /dev/null'
    done = subprocess.run(["sh", "-c", f"set -o pipefail 2>/dev/null; {shell}"], capture_output=True, timeout=60)
    assert b"Traceback" not in done.stderr and b"BrokenPipe" not in done.stderr


def test_the_audit_log_dropped_by_another_program(data_dir):
    import sqlite3

    assert run(*ADD, data_dir=data_dir).returncode == 0
    conn = sqlite3.connect(data_dir / "peerdesk.db")
    conn.execute("DROP TABLE audit_log")
    conn.commit()
    conn.close()
    done = run("audit", data_dir=data_dir)
    assert done.returncode == 1
    assert "audit_log" in one_line(done)


def test_a_client_ref_with_a_direction_override_is_refused(data_dir):
    done = run(*ADD, "--client-ref", "C-\u202e201", data_dir=data_dir)
    assert done.returncode == 2
    assert "text-direction character" in one_line(done)


def test_a_passphrase_file_others_can_read_is_warned_about(data_dir, tmp_path):
    secret = tmp_path / "pass.txt"
    secret.write_text("correct horse battery\n", "utf-8")
    os.chmod(secret, 0o644)
    done = run("init", "--encrypt", "--passphrase-file", secret, data_dir=data_dir)
    assert done.returncode == 0
    assert f"other accounts on this computer can read {secret}" in done.stderr.decode()
    os.chmod(secret, 0o600)
    quiet = run("list", "--passphrase-file", secret, data_dir=data_dir)
    assert quiet.returncode == 0 and b"warning" not in quiet.stderr
