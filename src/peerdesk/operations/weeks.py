"""A worker's weeks: submit one (its entries locked, the audit log says so), reopen it with a
reason, and what state each is in. The window, the command line and the entry operations
(which refuse to change a submitted week's entries) all come here."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ..domain.weeks import Week
from ..storage import week_states
from ..storage.store import StoreError, WeekLocked
from ..storage.week_states import WeekState

if TYPE_CHECKING:
    from ..storage.store import Store


class WeekStateError(StoreError):
    """A submit or reopen that does not apply (already submitted, not submitted, no reason)."""


def state(store: Store, week: Week) -> WeekState:
    return week_states.state_of(store, week)


def check_open(store: Store, *days: date) -> None:
    """WeekLocked, saying how to reopen, if any of *days* falls in a submitted week."""
    for day in days:
        week = Week.of(day)
        if state(store, week).locked:
            raise WeekLocked(f"week {week} ({week.label()}) is submitted, so its entries are locked; reopen it "
                             f"first (Edit ▸ Reopen week…, or peerdesk reopen --week {week} --reason TEXT)")


def submit_week(store: Store, week: Week) -> WeekState:
    if state(store, week).locked:
        raise WeekStateError(f"week {week} is already submitted")
    rows = store.list_week(week)
    week_states.submit(store, week, len(rows), sum(e.minutes for e in rows))
    from ..storage import signing_key

    signing_key.key_pair(store)  # made at the first submit: exports of submitted weeks are signed with it
    return state(store, week)


def reopen_week(store: Store, week: Week, reason: str) -> WeekState:
    reason = " ".join(reason.split())
    if not reason:
        raise WeekStateError("say why the week is reopened (--reason TEXT): it goes in the audit log")
    if not state(store, week).locked:
        raise WeekStateError(f"week {week} is not submitted; there is nothing to reopen")
    week_states.reopen(store, week, reason)
    return state(store, week)
