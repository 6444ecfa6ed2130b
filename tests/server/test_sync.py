"""Sync between PCs through a real PostgreSQL: a worker's entries on every PC they use, deletes
as tombstones, the later change kept and the other shown as a conflict, nothing sent twice."""

from __future__ import annotations

import shutil
import time
from datetime import date

import psycopg
import pytest

from peerdesk.domain.entry import validate
from peerdesk.domain.taxonomy import load_default
from peerdesk.operations import entries as ops
from peerdesk.operations import syncing
from peerdesk.workspace import Workspace

TAX = load_default()
DAY = date(2026, 11, 23)


class PC:
    """One ward PC: its own data folder and store, the same worker."""

    def __init__(self, folder, worker="PW-01") -> None:
        self.folder = folder
        self.ws = Workspace(folder)
        self.ws.settings.set("worker", worker)
        self.store = self.ws.open_store()

    def add(self, minutes, category="advocacy", **more):
        raw = {"worker": "PW-01", "date": DAY, "minutes": minutes, "category": category, **more}
        return ops.add_entry(self.store, validate(raw, TAX, today=DAY)).entry

    def rows(self):
        return {(e.id, e.minutes, e.category, e.note) for e in self.store.entries_between(date(2026, 1, 1), DAY)}

    def close(self):
        self.ws.close()


def server_rows(server, role=None):
    with psycopg.connect(server.admin) as conn:
        return conn.execute("SELECT id::text, minutes, deleted, version, note FROM peerdesk.entries "
                            "ORDER BY id").fetchall()


def test_a_workers_entries_reach_their_other_pc(server, pcs):
    url = server.add("worker", "PW-01", "north")
    a, b = pcs
    made = [a.add(30), a.add(45, "team_communication"), a.add(20, "administration", note="called back")]
    report = syncing.sync_now(a.store, url)
    assert (report.sent, report.received, report.conflicts, report.waiting) == (3, 0, 0, 0)
    report = syncing.sync_now(b.store, url)
    assert (report.sent, report.received) == (0, 3)
    assert {(e.id, e.minutes) for e in made} == {(i, m) for i, m, *_ in b.rows()}
    [noted] = [r for r in b.rows() if r[1] == 20]
    assert noted[3] == ""  # notes stay on the PC where they were written (the server's default)
    assert [r[4] for r in server_rows(server)] == ["", "", ""]
    again = syncing.sync_now(b.store, url)
    assert (again.sent, again.received) == (0, 0)  # nothing twice
    assert b.store.audit_log(1)[0].detail == "team server: sent 0, received 0"  # each sync in the audit log


def test_edits_and_deletes_go_both_ways_as_tombstones(server, pcs):
    url = server.add("worker", "PW-01", "north")
    a, b = pcs
    first, second = a.add(30), a.add(40)
    syncing.sync_now(a.store, url)
    syncing.sync_now(b.store, url)
    ops.update_entry(b.store, b.store.get(first.id).with_changes(minutes=35))
    ops.delete_entry(b.store, second.id)
    assert syncing.waiting(b.store) == 2
    assert syncing.sync_now(b.store, url).sent == 2
    assert syncing.sync_now(a.store, url).received == 2
    assert a.rows() == {(first.id, 35, "advocacy", "")}
    assert [(m, deleted) for _i, m, deleted, _v, _n in server_rows(server)] in ([(35, False), (40, True)],
                                                                                 [(40, True), (35, False)])


def changed_on_both(url, first, second, minutes_first, minutes_second):
    """One entry on both PCs, then changed offline on *first* and, a second later, on *second*."""
    entry = first.add(30)
    syncing.sync_now(first.store, url)
    syncing.sync_now(second.store, url)
    ops.update_entry(first.store, first.store.get(entry.id).with_changes(minutes=minutes_first))
    time.sleep(1.1)  # the PCs' clocks tell the changes apart to the second
    ops.update_entry(second.store, second.store.get(entry.id).with_changes(minutes=minutes_second))
    return entry


def test_the_same_entry_changed_on_two_pcs_keeps_the_later_change_and_shows_the_other(server, pcs):
    url = server.add("worker", "PW-01", "north")
    a, b = pcs
    changed_on_both(url, a, b, 50, 60)
    assert syncing.sync_now(a.store, url).conflicts == 0
    report = syncing.sync_now(b.store, url)  # B's is the later change: it goes over A's
    assert report.conflicts == 1
    [conflict] = syncing.conflicts(b.store)
    assert (conflict.kept, conflict.other["minutes"]) == ("local", 50)
    syncing.sync_now(a.store, url)
    assert {r[1] for r in a.rows()} == {60}
    syncing.take_other_side(b.store, conflict.id, worker="PW-01")  # the worker picks A's after all
    assert syncing.conflicts(b.store) == []
    syncing.sync_now(b.store, url)
    syncing.sync_now(a.store, url)
    assert {r[1] for r in a.rows()} == {r[1] for r in b.rows()} == {50}


def test_an_earlier_change_here_gives_way_and_is_kept_as_a_conflict(server, pcs):
    url = server.add("worker", "PW-01", "north")
    a, b = pcs
    changed_on_both(url, b, a, 15, 90)  # B first, offline
    syncing.sync_now(a.store, url)
    report = syncing.sync_now(b.store, url)
    assert report.conflicts == 1 and {r[1] for r in b.rows()} == {90}
    [conflict] = syncing.conflicts(b.store)
    assert (conflict.kept, conflict.other["minutes"]) == ("server", 15)  # nothing silently dropped


def synced_and_forgotten(pc: PC, url: str, tmp_path) -> PC:
    """*pc* (closed) synced, then put back as it was before: the server holds its changes and the
    PC never heard so (as if killed just after the server's commit). The PC, open again."""
    kept = tmp_path / "before-sync"
    shutil.copytree(pc.folder, kept)
    again = PC(pc.folder)
    syncing.sync_now(again.store, url)  # the server commits …
    again.close()
    shutil.rmtree(pc.folder)
    shutil.copytree(kept, pc.folder)  # … and the PC forgets it heard so
    return PC(pc.folder)


def test_a_sync_whose_confirmation_was_lost_sends_nothing_twice(server, pcs, tmp_path):
    url = server.add("worker", "PW-01", "north")
    a, _b = pcs
    for minutes in (10, 20, 30):
        a.add(minutes)
    a.close()
    after = synced_and_forgotten(a, url, tmp_path)
    try:
        report = syncing.sync_now(after.store, url)
        assert (report.sent, report.conflicts, report.waiting) == (3, 0, 0)
        assert [v for *_x, v, _n in server_rows(server)] == [1, 1, 1]  # confirmed, not written again
    finally:
        after.close()


def test_an_unreachable_server_changes_nothing_here(pcs):
    from peerdesk.teamserver.connection import ServerError

    a, _b = pcs
    a.add(30)
    with pytest.raises(ServerError, match="cannot reach the team server"):
        syncing.sync_now(a.store, "postgresql://PW-01@/peerdesk?host=/nonexistent&port=1")
    assert syncing.waiting(a.store) == 1
