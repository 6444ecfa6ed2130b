"""Sign-off on the team server: a worker's PC sends its submitted weeks, the supervisor signs
them off, the worker's next sync shows them reviewed; row-level security keeps each to its own."""

from __future__ import annotations

from datetime import date

import psycopg
import pytest

from peerdesk.domain.entry import validate
from peerdesk.domain.taxonomy import load_default
from peerdesk.domain.weeks import Week
from peerdesk.operations import entries as ops
from peerdesk.operations import syncing, weeks
from peerdesk.workspace import Workspace

W48 = Week.parse("2026-W48")


def worker_pc(folder, role, url):
    ws = Workspace(folder)
    ws.settings.set("worker", role.upper())
    ws.settings.save()
    store = ws.open_store()
    ops.add_entry(store, validate({"worker": role.upper(), "date": date(2026, 11, 24), "minutes": 30,
                                   "category": "advocacy"}, load_default(), today=date(2026, 11, 25)))
    weeks.submit_week(store, W48)
    syncing.sync_now(store, url)
    return ws, store


def test_a_sign_off_on_the_server_reaches_the_workers_week(cli, server, tmp_path):
    url = server.add("worker", "pw01", "north")
    ws, store = worker_pc(tmp_path / "pw01", "pw01", url)
    try:
        boss = server.add("supervisor", "sup_north", "north")
        done = cli("review", "--server", boss, "--team", "north", "--from", "2026-11-23", "--to", "2026-11-29",
                   "--sign-off", "--by", "S. Khan", "--comment", "thanks")
        assert (done.code, done.out.strip()) == (0, "signed off: PW01 2026-W48"), done.err
        again = cli("review", "--server", boss, "--team", "north", "--from", "2026-11-23", "--to", "2026-11-29",
                    "--sign-off", "--by", "S. Khan")
        assert "nothing to sign off" in again.out
        report = syncing.sync_now(store, url)
        assert report.reviewed == ["2026-W48"]
        state = weeks.state(store, W48)
        assert (state.state, state.reviewed["by"], state.reviewed["comment"]) == ("reviewed", "S. Khan", "thanks")
    finally:
        ws.close()


def test_a_reopened_week_leaves_the_server_and_an_old_sign_off_does_not_apply(cli, server, tmp_path):
    url = server.add("worker", "pw01", "north")
    ws, store = worker_pc(tmp_path / "pw01", "pw01", url)
    try:
        boss = server.add("supervisor", "sup_north", "north")
        weeks.reopen_week(store, W48, "one more entry")
        syncing.sync_now(store, url)
        with psycopg.connect(server.admin) as conn:
            assert conn.execute("SELECT count(*) FROM peerdesk.weeks").fetchone() == (0,)
        weeks.submit_week(store, W48)
        syncing.sync_now(store, url)
        cli("review", "--server", boss, "--team", "north", "--from", "2026-11-23", "--to", "2026-11-29",
            "--sign-off", "--by", "S. Khan")
        assert syncing.sync_now(store, url).reviewed == ["2026-W48"]  # the submit now in place
    finally:
        ws.close()


def test_who_may_sign_off_what(server, tmp_path):
    north = server.add("worker", "pw01", "north")
    ws, _store = worker_pc(tmp_path / "pw01", "pw01", north)
    ws.close()
    south_boss = server.add("supervisor", "sup_south", "south")
    insert = ("INSERT INTO peerdesk.signoffs (owner, week, submitted_at, by_name) "
              "SELECT owner, week, submitted_at, 'X' FROM peerdesk.weeks")
    with psycopg.connect(south_boss, autocommit=True) as conn:  # another team's supervisor sees no week
        assert conn.execute("SELECT count(*) FROM peerdesk.weeks").fetchone() == (0,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO peerdesk.signoffs (owner, week, submitted_at, by_name) "
                         "VALUES ('pw01', '2026-W48', 'any', 'X')")
    with psycopg.connect(north, autocommit=True) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(insert)  # a worker signs off nothing, not even its own weeks
    north_boss = server.add("supervisor", "sup_north", "north")
    with psycopg.connect(north_boss, autocommit=True) as conn:
        conn.execute(insert)
        for statement in ("UPDATE peerdesk.signoffs SET comment = 'x'", "DELETE FROM peerdesk.signoffs",
                          "UPDATE peerdesk.weeks SET submitted_at = 'x'"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # a week not submitted: no sign-off
            conn.execute("INSERT INTO peerdesk.signoffs (owner, week, submitted_at, by_name) "
                         "VALUES ('pw01', '2026-W47', 'any', 'X')")
