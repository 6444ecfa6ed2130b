"""A period's figures and reports, from the store or a review: the one door for `peerdesk stats`,
`peerdesk report`, `review --report`, and the windows' File ▸ Report….

The reports' numbers are worked out here, Qt-free (:mod:`peerdesk.domain.report`); drawing them
is :mod:`peerdesk.reports`' (Qt's PDF writer), handed in as *render* so that this layer stays
free of Qt. A report file appears only complete (written beside its place, then renamed), never
over PeerDesk's own files, and a worker's report is a line of the store's audit log.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.report import TeamReport, WorkerReport, team_report, worker_report
from ..domain.stats import figures
from ..i18n import _

if TYPE_CHECKING:
    from ..domain.taxonomy import Taxonomy
    from ..exchange.review import ReviewResult
    from ..storage.store import Store


class ReportError(Exception):
    """The report could not be written where asked; nothing was written."""


def period_figures(store: Store, taxonomy: Taxonomy, start: date, end: date) -> dict[str, Any]:
    if end < start:
        raise ValueError(_("the period ends ({end}) before it starts ({start})").format(end=end, start=start))
    store.await_full_check()  # figures for a funder are read only from a file found sound
    return {"from": start.isoformat(), "to": end.isoformat(), **figures(store.entries_between(start, end), taxonomy)}


def review_figures(result: ReviewResult, taxonomy: Taxonomy, start: date | None = None,
                   end: date | None = None) -> dict[str, Any]:
    """The same figures for a team under review (its entries files; summary rows hold no contacts)."""
    first, last = review_period(result)
    start, end = start or first, end or last
    rows = [e for e in result.entries if start <= e.date <= end]
    return {"from": start.isoformat(), "to": end.isoformat(), **figures(rows, taxonomy)}


def worker_report_of(store: Store, taxonomy: Taxonomy, start: date, end: date, *, worker: str = "",
                     contracted_hours: float = 0.0, entry_list: bool = False) -> WorkerReport:
    if end < start:
        raise ValueError(_("the period ends ({end}) before it starts ({start})").format(end=end, start=start))
    store.await_full_check()  # a report is read only from a file found sound
    return worker_report(store.entries_between(start, end), taxonomy, start, end, worker=worker,
                         contracted_hours=contracted_hours, keep_rows=entry_list)


def team_report_of(result: ReviewResult, taxonomy: Taxonomy, start: date | None = None, end: date | None = None,
                   *, entry_list: bool = False) -> TeamReport:
    """A team's report from the entries a review read (every worker it holds, even one with no
    entries in the period); the period defaults to the days its files cover."""
    first, last = review_period(result)
    start, end = start or first, end or last
    if end < start:
        raise ValueError(_("the period ends ({end}) before it starts ({start})").format(end=end, start=start))
    workers = {e.worker for e in result.entries} | {s.worker for s in result.summary_rows}
    return team_report(result.entries, taxonomy, start, end, workers=sorted(workers), keep_rows=entry_list)


def review_period(result: ReviewResult) -> tuple[date, date]:
    """The first and last day the review's files cover (their entries' days if they do not say; today if empty)."""
    spans = [span for periods in result.periods.values() for span in periods]
    days = [a for a, _b in spans] + [b for _a, b in spans] or [e.date for e in result.entries]
    days += [d for s in result.summary_rows for d in (s.first_day, s.last_day) if d is not None]
    return (min(days), max(days)) if days else (date.today(), date.today())


def write_report(
    path: str | Path,
    report: WorkerReport | TeamReport,
    render: Callable[[WorkerReport | TeamReport], bytes],
    *,
    store: Store | None = None,
    data_dir: Path | None = None,
    notes: bool = False,
    client_refs: bool = False,
) -> Path:
    """Draw *report* with *render* and write it to *path* once complete; a worker's report is
    recorded in *store*'s audit log. Raises ReportError naming the path (nothing written)."""
    from ..config import owned_by_peerdesk, owned_refusal
    from ..files import write_atomically

    target = Path(path)
    home = data_dir or (store.path.parent if store is not None else None)
    if home is not None and owned_by_peerdesk(target, home):
        raise ReportError(owned_refusal(target, home))
    if target.is_dir():
        raise ReportError(_("{target} is a folder; choose a file name").format(target=target))
    if not target.parent.is_dir():
        raise ReportError(_("{folder} does not exist; choose another folder").format(folder=target.parent))
    data = render(report)  # may raise ReportCancelled: nothing is written then
    try:
        written = write_atomically(target, data)
    except OSError as exc:
        raise ReportError(_("{target} could not be written ({why}); nothing was written").format(
            target=target, why=exc.strerror or exc)) from None
    if store is not None:
        from ..storage.store import StoreUnwritable

        with suppress(StoreUnwritable):  # a report of a store on a read-only drive is written, not logged
            listed = " and ".join(w for w, on in (("notes", notes), ("client refs", client_refs)) if on)
            store.record("report", f"{report.start.isoformat()} to {report.end.isoformat()}: PDF to {target.name}, "
                         + (f"{listed} included" if listed else "notes and client refs left out"))
    return written
