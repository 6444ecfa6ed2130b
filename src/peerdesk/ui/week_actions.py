"""Edit ▸ Submit week… and Edit ▸ Reopen week…, for the week on screen, through
:mod:`peerdesk.operations.weeks` (as `peerdesk submit` and `peerdesk reopen`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain.entry import count_of, format_minutes
from ..i18n import _, ngettext

if TYPE_CHECKING:
    from .main_window import MainWindow


def submit_week(window: MainWindow) -> bool:
    from ..operations import weeks

    store, week = window.store, window.week
    if store is None:
        return False
    if weeks.state(store, week).locked:
        window.status(_("Week {number} is already submitted").format(number=week.number), 8000)
        return False
    rows = store.list_week(week)
    text = _("Submit week {number} ({week}): {entries}, {duration}?\n\nIts entries are then locked for your "
             "supervisor; Edit ▸ Reopen week… unlocks them again, with a reason kept in the audit log.").format(
        number=week.number, week=week.label(), entries=count_of(len(rows), "entry", "entries"),
        duration=format_minutes(sum(e.minutes for e in rows)))
    if not window.dialogs.confirm(window, _("Submit week"), text, ok=_("Submit")):
        return False
    weeks.submit_week(store, week)
    window.refresh()
    window.status(_("Week {number} submitted: its entries are locked").format(number=week.number), 8000)
    return True


def reopen_week(window: MainWindow) -> bool:
    from ..operations import weeks

    store, week = window.store, window.week
    if store is None:
        return False
    if not weeks.state(store, week).locked:
        window.status(_("Week {number} is open: there is nothing to reopen").format(number=week.number), 8000)
        return False
    reason = window.dialogs.ask_text(window, _("Reopen week"),
                                     _("Why is week {number} reopened? (kept in the audit log)").format(
                                         number=week.number))
    if reason is None:
        return False
    try:
        weeks.reopen_week(store, week, reason)
    except weeks.WeekStateError as exc:
        window.dialogs.error(window, _("Reopen week"), str(exc))
        return False
    window.refresh()
    window.status(_("Week {number} reopened: its entries can be changed again").format(number=week.number), 8000)
    return True


def open_receipt(window: MainWindow) -> bool:
    """File ▸ Open receipt…: a supervisor's sign-off; the weeks it covers show as reviewed."""
    from pathlib import Path

    from ..exchange.receipts import ReceiptError
    from ..operations import weeks

    if window.store is None:
        return False
    paths = window.dialogs.ask_open_paths(window, _("Open a supervisor's receipt"), _("Receipts (*.receipt)"))
    if not paths:
        return False
    try:
        done = weeks.import_receipt(window.store, Path(paths[0]))
    except ReceiptError as exc:
        window.dialogs.error(window, _("Receipt not opened"), _("{reason}. Nothing was changed.").format(reason=exc))
        return False
    window.week = done[0]
    window.refresh()
    window.status(ngettext("Reviewed: week {numbers}", "Reviewed: weeks {numbers}", len(done)).format(
        numbers=", ".join(str(w.number) for w in done)), 8000)
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
