"""The real ``peerdesk`` entry point, run as a subprocess (``python -m peerdesk``).

Kept to a handful of runs: each one starts a fresh interpreter.
"""

from __future__ import annotations

import json
import uuid

import peerdesk
from peerdesk.domain.weeks import Week


def test_version_prints_name_and_version_and_exits_0(run_peerdesk):
    r = run_peerdesk("--version")
    assert r.code == 0
    assert r.out == f"PeerDesk {peerdesk.__version__}\n"


def test_add_then_list_round_trip(run_peerdesk, data_dir, yesterday):
    note = "Café, naïve — talked about housing, then ✓ 東京"
    # --data-dir after the sub-command
    added = run_peerdesk(
        "add",
        "--data-dir", data_dir,
        "--worker", "Alex K.",
        "--date", yesterday.isoformat(),
        "--start", "09:05",
        "--minutes", "1h30",
        "--category", "advocacy",
        "--mode", "phone",
        "--format", "group",
        "--people", "3",
        "--client-ref", "C-042",
        "--tag", "presence",
        "--tag", "experience",
        "--note", note,
    )  # fmt: skip
    assert added.code == 0, added.err
    assert added.err == ""
    lines = added.out.splitlines()
    assert len(lines) == 1 and added.out.endswith("\n")
    entry_id = lines[0]
    assert str(uuid.UUID(entry_id)) == entry_id

    week = Week.of(yesterday)
    # --data-dir before the sub-command
    listed = run_peerdesk("--data-dir", data_dir, "list", "--week", str(week), "--json")
    assert listed.code == 0, listed.err
    entries = json.loads(listed.out)
    assert isinstance(entries, list) and len(entries) == 1
    e = entries[0]
    assert {
        "id", "worker", "date", "minutes", "work_type", "category", "mode", "format", "people", "note",
    } <= e.keys()  # fmt: skip
    assert e["id"] == entry_id
    assert e["worker"] == "Alex K."
    assert e["date"] == yesterday.isoformat()
    assert e["start_time"] == "09:05"
    assert e["minutes"] == 90
    assert e["work_type"] == "direct"
    assert e["category"] == "advocacy"
    assert e["mode"] == "phone"
    assert e["format"] == "group"
    assert e["people"] == 3
    assert e["client_ref"] == "C-042"
    assert sorted(e["tags"]) == ["experience", "presence"]
    assert e["note"] == note

    table = run_peerdesk("list", "--week", str(week), "--data-dir", data_dir)
    assert table.code == 0, table.err
    first, *rest = table.out.splitlines()
    assert first.startswith(f"Week {week.number} · ")
    assert first.endswith(f"({week})")
    row = next(line for line in rest if entry_id in line)
    assert yesterday.isoformat() in row
    assert "09:05" in row and "1h 30m" in row and "Advocacy" in row


def test_data_dir_from_environment(run_peerdesk, peerdesk_env, tmp_path, yesterday):
    env_dir = tmp_path / "from-env"  # does not exist yet: PeerDesk creates it
    env = dict(peerdesk_env, PEERDESK_DATA_DIR=str(env_dir))

    added = run_peerdesk(
        "add", "--date", yesterday.isoformat(), "--minutes", "20", "--category", "administration", env=env
    )
    assert added.code == 0, added.err
    assert (env_dir / "peerdesk.db").is_file()
    assert not (tmp_path / "peerdesk.db").exists()  # not in the working folder

    listed = run_peerdesk("list", "--week", str(Week.of(yesterday)), "--json", env=env)
    assert listed.code == 0, listed.err
    assert [e["id"] for e in json.loads(listed.out)] == [added.out.strip()]


def test_bad_input_exit_code_reaches_the_shell(run_peerdesk, data_dir, yesterday):
    r = run_peerdesk(
        "add", "--data-dir", data_dir, "--date", yesterday.isoformat(), "--minutes", "0", "--category", "advocacy"
    )
    assert r.code == 2
    assert r.out == ""
    assert len(r.err_lines) == 1 and "--minutes" in r.err_lines[0]
    listed = run_peerdesk("list", "--data-dir", data_dir, "--week", str(Week.of(yesterday)), "--json")
    assert json.loads(listed.out) == []


def test_empty_database_file_is_refused_and_left_alone(run_peerdesk, data_dir):
    db = data_dir / "peerdesk.db"
    db.touch()
    r = run_peerdesk("list", "--data-dir", data_dir)
    assert r.code == 1
    assert r.out == ""
    assert "empty" in r.err
    assert db.stat().st_size == 0
