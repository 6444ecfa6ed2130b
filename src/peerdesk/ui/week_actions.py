"""Edit ▸ Submit week… and Edit ▸ Reopen week…, for the week on screen, through
:mod:`peerdesk.operations.weeks` (as `peerdesk submit` and `peerdesk reopen`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain.entry import count_of, format_minutes

if TYPE_CHECKING:
    from .main_window import MainWindow


def submit_week(window: MainWindow) -> bool:
    from ..operations import weeks

    store, week = window.store, window.week
    if store is None:
        return False
    if weeks.state(store, week).locked:
        window.status(f"Week {week.number} is already submitted", 8000)
        return False
    rows = store.list_week(week)
    text = (f"Submit week {week.number} ({week.label()}): {count_of(len(rows), 'entry', 'entries')}, "
            f"{format_minutes(sum(e.minutes for e in rows))}?\n\nIts entries are then locked for your supervisor; "
            "Edit ▸ Reopen week… unlocks them again, with a reason kept in the audit log.")
    if not window.dialogs.confirm(window, "Submit week", text, ok="Submit"):
        return False
    weeks.submit_week(store, week)
    window.refresh()
    window.status(f"Week {week.number} submitted: its entries are locked", 8000)
    return True


def reopen_week(window: MainWindow) -> bool:
    from ..operations import weeks

    store, week = window.store, window.week
    if store is None:
        return False
    if not weeks.state(store, week).locked:
        window.status(f"Week {week.number} is open: there is nothing to reopen", 8000)
        return False
    reason = window.dialogs.ask_text(window, "Reopen week",
                                     f"Why is week {week.number} reopened? (kept in the audit log)")
    if reason is None:
        return False
    try:
        weeks.reopen_week(store, week, reason)
    except weeks.WeekStateError as exc:
        window.dialogs.error(window, "Reopen week", str(exc))
        return False
    window.refresh()
    window.status(f"Week {week.number} reopened: its entries can be changed again", 8000)
    return True


def open_receipt(window: MainWindow) -> bool:
    """File ▸ Open receipt…: a supervisor's sign-off; the weeks it covers show as reviewed."""
    from pathlib import Path

    from ..exchange.receipts import ReceiptError
    from ..operations import weeks

    if window.store is None:
        return False
    paths = window.dialogs.ask_open_paths(window, "Open a supervisor's receipt", "Receipts (*.receipt)")
    if not paths:
        return False
    try:
        done = weeks.import_receipt(window.store, Path(paths[0]))
    except ReceiptError as exc:
        window.dialogs.error(window, "Receipt not opened", f"{exc}. Nothing was changed.")
        return False
    window.week = done[0]
    window.refresh()
    window.status(f"Reviewed: week {', '.join(str(w.number) for w in done)}", 8000)
    return True


def files_sign_off(window: MainWindow, files: list[str]):
    """A review window's sign-off for exported files: each file signed by a worker this PC
    trusts, and intact, gets a receipt signed with this PC's key (in this store)."""
    from pathlib import Path

    from ..operations import weeks
    from ..operations.reviewing import trusted_keys

    def sign(by: str, comment: str) -> list[str]:
        if window.store is None:
            return []
        receipts = weeks.sign_off_files(window.store, [Path(f) for f in files], by=by, comment=comment,
                                        trusted=trusted_keys(window.workspace.data_dir), intact_only=True)
        return [str(target) for target in receipts]

    return sign
