"""A worker's weeks: submit one (its entries locked, the audit log says so), reopen it with a
reason, and what state each is in. The window, the command line and the entry operations
(which refuse to change a submitted week's entries) all come here."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.weeks import Week
from ..i18n import _
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
            raise WeekLocked(_("week {week} ({label}) is submitted, so its entries are locked; reopen it first "
                               "(Edit ▸ Reopen week…, or peerdesk reopen --week {week} --reason TEXT)").format(
                week=week, label=week.label()))


def submit_week(store: Store, week: Week) -> WeekState:
    if state(store, week).locked:
        raise WeekStateError(_("week {week} is already submitted").format(week=week))
    rows = store.list_week(week)
    week_states.submit(store, week, len(rows), sum(e.minutes for e in rows))
    from ..storage import signing_key

    signing_key.key_pair(store)  # made at the first submit: exports of submitted weeks are signed with it
    return state(store, week)


def reopen_week(store: Store, week: Week, reason: str) -> WeekState:
    reason = " ".join(reason.split())
    if not reason:
        raise WeekStateError(_("say why the week is reopened (--reason TEXT): it goes in the audit log"))
    if not state(store, week).locked:
        raise WeekStateError(_("week {week} is not submitted; there is nothing to reopen").format(week=week))
    week_states.reopen(store, week, reason)
    return state(store, week)


def sign_off(export: Path, *, by: str, comment: str, trusted: dict[str, str],
             store: Store) -> Path:
    """A supervisor signs off a worker's signed, intact export: a receipt beside it
    (``FILE.receipt``), signed with the supervisor's key (kept in the supervisor's own store),
    a copy in the supervisor's data folder (``receipts/``) and a line in their audit log."""
    import hashlib

    from ..exchange import receipts
    from ..exchange.signatures import INTACT, fingerprint, read, signature_path, verify
    from ..files import copy_atomically
    from ..storage import signing_key

    verdict = verify(export, trusted)
    if verdict.kind != INTACT:
        raise WeekStateError(_("{file}: {verdict}; only a file signed by a trusted worker and intact is signed "
                               "off").format(file=export, verdict=verdict.message))
    fields = read(signature_path(export))
    import base64

    worker_key = fingerprint(base64.b64decode(fields["public-key"]))
    private, public = signing_key.key_pair(store)
    target = export.with_name(export.name + ".receipt")
    receipts.write(target, worker=verdict.worker, worker_key=worker_key, weeks=verdict.weeks,
                   file_sha256=hashlib.sha256(export.read_bytes()).hexdigest(), by=by, comment=comment,
                   private=private, public=public)
    kept = store.path.parent / "receipts"  # the supervisor's own copy, in their data folder
    kept.mkdir(exist_ok=True)
    copy_atomically(target, kept / target.name)
    names = " ".join(token.split("@")[0] for token in verdict.weeks.split())
    store.record("sign-off", f"{verdict.worker}'s weeks {names}: {target.name}")
    return target


def sign_off_files(store: Store, paths: Iterable[Path], *, by: str, comment: str, trusted: dict[str, str],
                   intact_only: bool = False) -> Iterator[Path]:
    """:func:`sign_off` for each export, giving each receipt as it is written (the command line
    says each at once); with *intact_only* a file not signed by a trusted worker, or changed, is
    passed over (a review of mixed files in the window) rather than refused."""
    from ..exchange.signatures import INTACT, verify

    for path in paths:
        if intact_only and not (path.is_file() and verify(path, trusted).kind == INTACT):
            continue
        yield sign_off(path, by=by, comment=comment, trusted=trusted, store=store)


def import_receipt(store: Store, path: Path) -> list[Week]:
    """A supervisor's receipt opened by the worker: each week it covers shown as reviewed. Refused
    (ReceiptError, nothing changed) for another worker or key, or a week reopened since."""
    from ..exchange import receipts
    from ..exchange.signatures import fingerprint
    from ..storage import signing_key

    receipt = receipts.read(path)
    public = signing_key.public_key(store)
    if receipt.worker != store.actor():
        raise receipts.ReceiptError(_("{file}: a receipt for {worker}, not for {you}").format(
            file=path, worker=receipt.worker, you=store.actor()))
    if public is None or receipt.worker_key != fingerprint(public):
        raise receipts.ReceiptError(_("{file}: for an export signed with another key than this PC's").format(
            file=path))
    weeks = [Week.parse(w) for w in receipt.weeks]
    for week in weeks:
        now = state(store, week)
        if not now.locked or now.submitted_at != receipt.weeks[str(week)]:
            raise receipts.ReceiptError(_("{file}: week {week} was reopened since it was reviewed (or is not "
                                          "submitted here); submit it again and ask for a new review").format(
                file=path, week=week))
    sign_off_record = {"by": receipt.reviewed_by, "at": receipt.reviewed_at, "comment": receipt.comment,
                       "key": receipt.supervisor_key}
    for week in weeks:
        week_states.mark_reviewed(store, week, sign_off_record)
    return weeks
