"""`peerdesk server …` and `peerdesk sync` as IT and a worker type them, against a real server."""

from __future__ import annotations

import io
import json

import psycopg
from pgcluster import PASSWORD


def test_it_sets_the_server_up_and_a_worker_syncs_from_the_command_line(cli, server, tmp_path, monkeypatch):
    assert cli("server", "init", "--server", server.admin, "--notes", "keep").out.startswith("schema s0001 -> s0001")
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))  # a script gives the new role's password
    made = cli("server", "add-worker", "PW-01", "--team", "north", "--server", server.admin)
    assert (made.code, made.out.strip()) == (0, "worker PW-01 in team north")
    with server.passfile.open("a") as fh:
        fh.write(f"*:*:{server.name}:PW-01:{PASSWORD}\n")
    data = tmp_path / "ward"
    for minutes in ("30", "45"):
        assert cli("add", "--data-dir", data, "--date", "2026-11-23", "--minutes", minutes,
                   "--category", "advocacy", "--worker", "PW-01").code == 0
    url = server.url("PW-01")
    done = cli("sync", "--data-dir", data, "--server", url, "--json")
    assert done.code == 0, done.err
    assert json.loads(done.out) == {"sent": 2, "received": 0, "conflicts": 0, "waiting": 0, "notes_sent": False}
    assert json.loads((data / "settings.json").read_text())["server_url"] == url  # remembered
    assert cli("sync", "--data-dir", data).out.strip() == "synced: sent 0, received 0"
    assert "sync" in cli("audit", "--data-dir", data).out  # each sync is in the audit log
    with psycopg.connect(server.admin) as conn:
        assert conn.execute("SELECT count(*) FROM peerdesk.entries").fetchone() == (2,)
        assert conn.execute("SELECT count(*) FROM peerdesk.audit WHERE action = 'sync'").fetchone() == (2,)


def test_bad_urls_and_an_absent_server_are_told_in_one_line(cli, tmp_path):
    data = tmp_path / "ward"
    with_password = cli("sync", "--data-dir", data, "--server", "postgresql://PW-01:secret@localhost/peerdesk")
    assert with_password.code == 2 and "password file" in with_password.err
    none = cli("sync", "--data-dir", data)
    assert none.code == 2 and "no team server" in none.err
    gone = cli("sync", "--data-dir", data, "--server", "postgresql://PW-01@/peerdesk?host=/nonexistent&port=1")
    assert gone.code == 1 and "cannot reach the team server" in gone.err and "0 entries waiting" in gone.err
    assert len(gone.err.strip().splitlines()) == 1
