"""Who may do what on the team server: row-level security and grants, tried with real roles."""

from __future__ import annotations

import psycopg
import pytest

from peerdesk.teamserver import admin

ROW = ("11111111-1111-4111-8111-111111111111", "PW-01", "2026-11-23", None, 30, "advocacy", "in_person",
       "individual", 1, "", "", "", "2026-11-23 10:00+00", "2026-11-23 10:00+00")
TEAM = "(SELECT team FROM peerdesk.members WHERE role = current_user)"  # as PeerDesk's sync writes it
INSERT = ("INSERT INTO peerdesk.entries (id, worker, date, start_time, minutes, category, mode, format, people, "
          "client_ref, tags, note, created_at, updated_at, team) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, "
          f"%s, %s, %s, {TEAM})")


def connect(url):
    return psycopg.connect(url, autocommit=True)


def test_init_twice_upgrades_nothing_and_keeps_the_settings(server):
    again = admin.init(server.admin)
    assert (again.revision_before, again.revision) == ("s0002", "s0002")
    assert again.settings == {"notes": "keep", "client_refs": "send"}


def test_a_worker_reads_and_writes_only_their_own_rows(server):
    one = server.add("worker", "pw01", "north")
    two = server.add("worker", "pw02", "north")
    with connect(one) as conn:
        conn.execute(INSERT, ROW)
        owner, team = conn.execute("SELECT owner, team FROM peerdesk.entries").fetchone()
        assert (owner, team) == ("pw01", "north")
        for column, value in (("owner", "'pw02'"), ("team", "'south'")):  # as someone else, or elsewhere
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"UPDATE peerdesk.entries SET {column} = {value}")
    with connect(two) as conn:
        assert conn.execute("SELECT count(*) FROM peerdesk.entries").fetchone() == (0,)
        changed = conn.execute("UPDATE peerdesk.entries SET minutes = 1 WHERE id = %s", (ROW[0],))
        assert changed.rowcount == 0  # not even seen
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM peerdesk.entries")  # nobody deletes: tombstones
        with pytest.raises(psycopg.Error):  # the same id again: the row is pw01's
            conn.execute(INSERT + " ON CONFLICT (id) DO UPDATE SET minutes = 1", ROW)


def test_a_supervisor_reads_their_team_and_writes_nothing(server):
    north = server.add("worker", "pw01", "north")
    south = server.add("worker", "pw09", "south")
    boss = server.add("supervisor", "sup_north", "north")
    with connect(north) as conn:
        conn.execute(INSERT, ROW)
    with connect(south) as conn:
        conn.execute(INSERT, ("22222222-2222-4222-8222-222222222222", *ROW[1:]))
    with connect(boss) as conn:
        assert conn.execute("SELECT id::text FROM peerdesk.entries").fetchall() == [(ROW[0],)]
        for statement in ("UPDATE peerdesk.entries SET minutes = 1", "DELETE FROM peerdesk.entries"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(INSERT, ("33333333-3333-4333-8333-333333333333", *ROW[1:]))


def test_no_role_changes_the_audit_table_not_even_its_owner(server):
    worker = server.add("worker", "pw01", "north")
    for url in (worker, server.admin):
        with connect(url) as conn:
            for statement in ("UPDATE peerdesk.audit SET detail = 'x'", "DELETE FROM peerdesk.audit",
                              "TRUNCATE peerdesk.audit"):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(statement)
    with connect(server.admin) as conn:
        actions = [r[0] for r in conn.execute("SELECT action FROM peerdesk.audit ORDER BY id")]
    assert actions[:2] == ["init", "add-worker"]


def test_notes_stay_on_the_pcs_unless_the_server_says_otherwise(server):
    worker = server.add("worker", "pw01", "north")
    noted = (*ROW[:11], "called the housing office", *ROW[12:])
    with connect(worker) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(INSERT, noted)  # refused by the policy
    admin.init(server.admin, settings={"notes": "send"})
    with connect(worker) as conn:
        conn.execute(INSERT, noted)


def test_a_password_never_travels_in_the_url(server):
    from peerdesk.teamserver.connection import ServerError, check_url

    with pytest.raises(ServerError, match="password file"):
        check_url("postgresql://pw01:secret@db.example.org/peerdesk")
