"""`peerdesk server …` and `peerdesk sync` as IT and a worker type them, against a real server."""

from __future__ import annotations

import io
import json

import psycopg
from pgcluster import PASSWORD


def test_it_sets_the_server_up_and_a_worker_syncs_from_the_command_line(cli, server, tmp_path, monkeypatch):
    assert cli("server", "init", "--server", server.admin, "--notes", "keep").out.startswith("schema s0002 -> s0002")
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


def test_a_supervisor_reviews_the_team_from_the_server_as_from_files(cli, server, tmp_path):
    from datetime import date

    from peerdesk.domain.entry import validate
    from peerdesk.domain.taxonomy import load_default
    from peerdesk.operations import entries as ops
    from peerdesk.operations import syncing
    from peerdesk.workspace import Workspace

    tax = load_default()
    for role, team, minutes in (("pw01", "north", 30), ("pw02", "north", 45), ("pw09", "south", 60)):
        url = server.add("worker", role, team)
        ws = Workspace(tmp_path / role)
        store = ws.open_store()
        for day in (date(2026, 11, 23), date(2026, 11, 30)):  # W48 and W49
            ops.add_entry(store, validate({"worker": role.upper(), "date": day, "minutes": minutes,
                                           "category": "advocacy"}, tax, today=day))
        syncing.sync_now(store, url)
        ws.close()
    boss = server.add("supervisor", "sup_north", "north")
    out = tmp_path / "summary.csv"
    done = cli("review", "--server", boss, "--team", "north", "--from", "2026-11-23", "--to", "2026-11-29",
               "--summary-out", out)
    assert done.code == 0, done.err
    assert done.out.splitlines()[0] == "2 files, 2 entries, 0 problems"
    lines = out.read_text().splitlines()
    assert [line.split(",")[0] for line in lines[1:]] == ["PW01", "PW02"]  # the south's worker is not theirs
    report = tmp_path / "north.pdf"  # the team's report and figures, from the server's rows
    done = cli("review", "--server", boss, "--team", "north", "--from", "2026-11-23", "--to", "2026-11-29",
               "--report", report, "--stats")
    assert done.code == 0, done.err
    assert "Direct interactions" in done.out and "(2 entries)" in done.out
    from ..reports import pdf_tools

    text = pdf_tools.words(report)
    assert "Team report" in text and "PW01 30m" in text and "PW02 45m" in text and "PW09" not in text
    refused = cli("review", "--server", boss, "--team", "south", "--from", "2026-11-23", "--to", "2026-11-29",
                  "--check")
    assert refused.code == 1 and "supervises north on the server, not south" in refused.err


def test_what_it_must_mend_exits_2_and_what_the_server_refuses_exits_1(cli, server, tmp_path, monkeypatch):
    """`peerdesk server`: exit 2 for a mistake in what was typed (a role or team left empty, a
    password too short), whatever language the message is in; 1 when the server is the matter
    (here: no PeerDesk schema on it yet). A sync the server refuses exits 1: its queue waits."""
    assert cli("server", "init", "--server", server.admin).code == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    empty = cli("server", "add-worker", " ", "--team", "north", "--server", server.admin)
    assert empty.code == 2 and "a role and a team are both needed" in empty.err
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    short = cli("--lang", "fr", "server", "add-worker", "PW-09", "--team", "north", "--server", server.admin)
    assert short.code == 2 and "8" in short.err and "password" not in short.err  # said in French
    no_schema_db = server.cluster.create_database(f"{server.name}_bare")
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    no_schema = cli("server", "add-worker", "PW-10", "--team", "north", "--server", no_schema_db)
    assert no_schema.code == 1 and "peerdesk server init" in no_schema.err
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert cli("server", "add-worker", "PW-09", "--team", "north", "--server", server.admin).code == 0
    wrong = tmp_path / "pgpass"
    wrong.write_text(f"*:*:{server.name}:PW-09:not-the-password\n")
    wrong.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(wrong))
    refused = cli("--lang", "fr", "sync", "--data-dir", tmp_path / "ward", "--server", server.url("PW-09"))
    assert refused.code == 1 and refused.err.count("\n") == 1
