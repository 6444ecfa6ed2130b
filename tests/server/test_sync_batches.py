"""The sync's batches through a real PostgreSQL: a record sent in several server transactions
while another PC writes between them, a batch part of which the server holds already, an entry
changed here while the sync looks at it, and the indexes the sync's reads use."""

from __future__ import annotations

import time

import psycopg
from test_sync import server_rows, synced_and_forgotten

from peerdesk.operations import entries as ops
from peerdesk.operations import syncing
from peerdesk.storage.sync_local import Ledger
from peerdesk.teamserver import sync


def test_a_record_sent_in_several_batches_brings_back_what_another_pc_wrote_between_them(server, pcs,
                                                                                          monkeypatch):
    url = server.add("worker", "PW-01", "north")
    a, b = pcs
    theirs = [a.add(10), a.add(15)]
    syncing.sync_now(a.store, url)
    mine = [b.add(m) for m in (20, 25, 30)]
    monkeypatch.setattr(sync, "BATCH", 2)
    send, between = sync._send, []

    def send_then_another_pc_syncs(*args, **kwargs):
        send(*args, **kwargs)
        if not between:  # after b's first batch, a sends one more: its transaction comes between b's
            between.append(a.add(35))
            report = syncing.sync_now(a.store, url)
            assert (report.sent, report.received) == (1, 2)  # and b's first batch comes to a

    monkeypatch.setattr(sync, "_send", send_then_another_pc_syncs)
    report = syncing.sync_now(b.store, url)
    assert (report.sent, report.received, report.waiting, len(report.pushed_in)) == (3, 3, 0, 2)
    assert {r[0] for r in b.rows()} == {e.id for e in (*theirs, *mine, *between)}
    assert [v for *_x, v, _n in server_rows(server)] == [1] * 6
    again = syncing.sync_now(b.store, url)
    assert (again.sent, again.received) == (0, 0)
    assert syncing.sync_now(a.store, url).received == 1
    assert a.rows() == b.rows()


def test_a_batch_part_of_which_the_server_holds_already_sends_the_rest_once(server, pcs, tmp_path):
    url = server.add("worker", "PW-01", "north")
    a, _b = pcs
    for minutes in (10, 20):
        a.add(minutes)
    a.close()
    after = synced_and_forgotten(a, url, tmp_path)  # then one more entry
    try:
        after.add(30)
        report = syncing.sync_now(after.store, url)
        assert (report.sent, report.conflicts, report.waiting) == (3, 0, 0)
        assert sorted(m for _i, m, *_x in server_rows(server)) == [10, 20, 30]
        assert [v for *_x, v, _n in server_rows(server)] == [1, 1, 1]
    finally:
        after.close()


def test_an_entry_changed_here_while_the_sync_reconciles_it_waits_for_the_next_sync(server, pcs, monkeypatch):
    url = server.add("worker", "PW-01", "north")
    a, b = pcs
    entry = a.add(30)
    syncing.sync_now(a.store, url)
    syncing.sync_now(b.store, url)
    ops.update_entry(a.store, a.store.get(entry.id).with_changes(minutes=50))
    syncing.sync_now(a.store, url)  # the server's version moves on
    time.sleep(1.1)
    ops.update_entry(b.store, b.store.get(entry.id).with_changes(minutes=60))  # over the version before
    changes, edited = Ledger.changes, []

    def the_worker_edits_meanwhile(self, ids):
        if not edited:
            time.sleep(1.1)
            edited.append(ops.update_entry(b.store, b.store.get(entry.id).with_changes(minutes=70)))
        return changes(self, ids)

    monkeypatch.setattr(Ledger, "changes", the_worker_edits_meanwhile)
    report = syncing.sync_now(b.store, url)
    assert (report.sent, report.conflicts, report.waiting) == (0, 0, 1)  # left as it is for the next sync
    assert b.store.get(entry.id).minutes == 70  # not overwritten by the server's
    assert syncing.conflicts(b.store) == []
    monkeypatch.setattr(Ledger, "changes", changes)
    report = syncing.sync_now(b.store, url)  # the later change goes over the server's, shown as a conflict
    assert (report.sent, report.conflicts, report.waiting) == (1, 1, 0)
    assert [(conflict.kept, conflict.other["minutes"]) for conflict in syncing.conflicts(b.store)] == [("local", 50)]
    syncing.sync_now(a.store, url)
    assert a.store.get(entry.id).minutes == 70


def test_the_syncs_reads_of_a_workers_rows_use_the_indexes(server):
    url = server.add("worker", "pw01", "north")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET enable_seqscan = off")  # what the planner can use, whatever the table's size
        plan = "\n".join(r[0] for r in conn.execute(
            f"EXPLAIN {sync._READ} WHERE {sync._MINE} AND txid >= '0'::xid8 AND txid < '9'::xid8"))
        assert "Index Cond: ((owner = (CURRENT_USER)::name) AND" in plan, plan
        for table in ("weeks", "signoffs"):
            query = f"EXPLAIN SELECT week FROM peerdesk.{table} WHERE {sync._MINE}"
            plan = "\n".join(r[0] for r in conn.execute(query))
            assert "Index Cond: (owner = (CURRENT_USER)::name)" in plan, plan
