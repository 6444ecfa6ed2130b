"""Submitted weeks, as the store keeps them (``week_states``, migration 0006): submitting locks a
week's entries (the triggers refuse any change to them), reopening unlocks it; each is a line
of the audit log, in the same transaction."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.weeks import Week

if TYPE_CHECKING:
    from .store import Store

OPEN, SUBMITTED, REVIEWED = "open", "submitted", "reviewed"


@dataclass(frozen=True)
class WeekState:
    week: str
    state: str  # open, submitted, reviewed
    submitted_at: str = ""
    reviewed: dict | None = None  # the supervisor's sign-off: by, at, comment

    @property
    def locked(self) -> bool:
        return self.state != OPEN


def state_of(store: Store, week: Week) -> WeekState:
    rows = store._rows("SELECT state, submitted_at, reviewed FROM week_states WHERE week = ?", (str(week),))
    if not rows:
        return WeekState(str(week), OPEN)
    state, at, reviewed = rows[0]
    return WeekState(str(week), state, at, json.loads(reviewed) if reviewed else None)


def states(store: Store) -> dict[str, WeekState]:
    """Every week that is not open, by its name."""
    return {w: WeekState(w, s, at, json.loads(r) if r else None)
            for w, s, at, r in store._rows("SELECT week, state, submitted_at, reviewed FROM week_states")}


def submit(store: Store, week: Week, entries: int, minutes: int) -> None:
    # to the microsecond: it names this submit (a receipt for an earlier one of the week does not apply)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    with store._write() as conn:
        conn.execute("INSERT INTO week_states (week, first_day, last_day, state, submitted_at, reviewed) "
                     "VALUES (?, ?, ?, ?, ?, '')", (str(week), week.start.isoformat(), week.end.isoformat(),
                                                   SUBMITTED, now))
        # in English, as every line of the audit log is (it is written, not shown)
        counted = f"{entries} entry" if entries == 1 else f"{entries} entries"
        store._audit(conn, "submit", None, f"week {week}: {counted}, {minutes} minutes")


def reopen(store: Store, week: Week, reason: str) -> None:
    with store._write() as conn:
        conn.execute("DELETE FROM week_states WHERE week = ?", (str(week),))
        store._audit(conn, "reopen", None, f"week {week}: {reason}")


def mark_reviewed(store: Store, week: Week, sign_off: dict) -> None:
    with store._write() as conn:
        conn.execute("UPDATE week_states SET state = ?, reviewed = ? WHERE week = ?",
                     (REVIEWED, json.dumps(sign_off, ensure_ascii=False), str(week)))
        store._audit(conn, "reviewed", None, f"week {week}: signed off by {sign_off.get('by', '?')}")
