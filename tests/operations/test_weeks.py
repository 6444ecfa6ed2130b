"""Submitting a week locks its entries; reopening (with a reason) unlocks them; both are in the
audit log, and the lock holds whatever program writes to the file."""

from __future__ import annotations

import sqlite3

import pytest

from peerdesk.domain.weeks import Week
from peerdesk.operations import entries as ops
from peerdesk.operations import weeks
from peerdesk.storage.store import WeekLocked

from .helpers import entry, stored

W48 = Week.parse("2026-W48")


def test_a_submitted_weeks_entries_cannot_be_added_changed_or_deleted(store):
    kept = ops.add_entry(store, entry(1)).entry  # Tue 24 Nov, week 48
    weeks.submit_week(store, W48)
    assert weeks.state(store, W48).state == "submitted"
    attempts = [lambda: ops.add_entry(store, entry(2)),
                lambda: ops.update_entry(store, kept.with_changes(minutes=90)),
                lambda: ops.delete_entry(store, kept.id),
                lambda: ops.update_entry(store, kept.with_changes(date=Week.parse("2026-W47").start))]
    for attempt in attempts:
        with pytest.raises(WeekLocked, match=r"week 2026-W48 .* is submitted, .* peerdesk reopen --week 2026-W48"):
            attempt()
    ops.add_entry(store, entry(3, day=Week.parse("2026-W47").start))  # another week is open
    [still] = [e for e in stored(store.path)[0] if e.id == kept.id]
    assert still.minutes == kept.minutes


def test_the_database_itself_refuses_a_locked_weeks_change(store):
    kept = ops.add_entry(store, entry(1)).entry
    weeks.submit_week(store, W48)
    conn = sqlite3.connect(store.path)  # another program, not PeerDesk
    try:
        with pytest.raises(sqlite3.IntegrityError, match="the week is submitted"):
            conn.execute("UPDATE entries SET minutes = 1 WHERE id = ?", (kept.id,))
        with pytest.raises(sqlite3.IntegrityError, match="the week is submitted"):
            conn.execute("DELETE FROM entries")
    finally:
        conn.close()


def test_reopening_needs_a_reason_and_both_steps_are_in_the_audit_log(store):
    ops.add_entry(store, entry(1))
    weeks.submit_week(store, W48)
    with pytest.raises(weeks.WeekStateError, match="already submitted"):
        weeks.submit_week(store, W48)
    with pytest.raises(weeks.WeekStateError, match="say why"):
        weeks.reopen_week(store, W48, "  ")
    weeks.reopen_week(store, W48, "forgot Friday's group")
    assert not weeks.state(store, W48).locked
    ops.add_entry(store, entry(2))
    audit = stored(store.path)[1]
    assert ("submit", None, "week 2026-W48: 1 entry, 31 minutes") in audit
    assert ("reopen", None, "week 2026-W48: forgot Friday's group") in audit
    with pytest.raises(weeks.WeekStateError, match="not submitted"):
        weeks.reopen_week(store, W48, "again")
