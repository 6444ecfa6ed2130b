"""Write entries, or their weekly summary, to CSV files (format in :mod:`.csv_format`).

Rows stream from the store in batches of plain tuples (no ORM objects, no full
list in memory) through ``csv.writer`` into a temporary file created beside the
target (owner-only). Only a complete file is fsynced and renamed onto the
target, so a cancelled or failed export never leaves half a file and never
replaces an older one. Every export is recorded in the store's audit log
(what, which dates, how many rows, whether notes were in it) before the file
appears.

``progress(done, total)`` is called before the first row and after every
batch; returning ``False`` cancels the export (:class:`ExportCancelled`).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import owned_by_peerdesk, owned_refusal
from ..domain.entry import count_of
from ..domain.summary import UNKNOWN_WORK_TYPE
from ..domain.taxonomy import Taxonomy
from ..domain.weeks import Week
from ..files import StagedFile
from ..storage.store import StoreUnwritable
from .csv_format import (
    _NEEDS_ESCAPE,
    ENCODING,
    ENTRY_COLUMNS,
    ESCAPE,
    LINE_END,
    SUMMARY_COLUMNS,
    neutralise,
)

if TYPE_CHECKING:
    from ..storage.rows import EntryRow
    from ..storage.store import Store

Progress = Callable[[int, int], bool]
BATCH = 2000
_BUFFER = 1 << 20


class ExportError(Exception):
    """The export could not be written; no file was left behind and an older one is untouched."""


class OutputRefused(ExportError):
    """The chosen file is PeerDesk's own (the store, its backups, anything in its data folder)."""


class ExportCancelled(ExportError):
    """The export was cancelled; no file was left behind and an older one is untouched."""

    def __init__(self) -> None:
        super().__init__("the export was cancelled; no file was written")


@dataclass(frozen=True)
class ExportResult:
    kind: str  # "entries" or "summary"
    path: Path
    rows: int  # data rows, not counting the header
    unrecorded: str = ""  # why the audit log could not record the export (a read-only data folder), if so
    signature: Path | None = None  # FILE.sig beside it, when every week of the export is submitted


# ---------------------------------------------------------------- public API


def export_entries(
    store: Store,
    taxonomy: Taxonomy,
    start: date,
    end: date,
    path: str | Path,
    *,
    include_notes: bool = False,
    include_client_refs: bool = True,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the entries dated *start*..*end* (inclusive) to *path*; notes only if asked for,
    client references unless asked to leave them out."""
    return _export(
        store, taxonomy, start, end, entries_path=path, include_notes=include_notes,
        include_client_refs=include_client_refs, progress=progress,
    )[0]


def export_summary(
    store: Store,
    taxonomy: Taxonomy,
    start: date,
    end: date,
    path: str | Path,
    *,
    progress: Progress | None = None,
) -> ExportResult:
    """Write one row per worker × ISO week × category for *start*..*end* to *path*."""
    return _export(store, taxonomy, start, end, summary_path=path, progress=progress)[0]


def export_both(
    store: Store,
    taxonomy: Taxonomy,
    start: date,
    end: date,
    entries_path: str | Path,
    summary_path: str | Path,
    *,
    include_notes: bool = False,
    include_client_refs: bool = True,
    progress: Progress | None = None,
) -> tuple[ExportResult, ExportResult]:
    """Both files; neither appears unless both were written completely."""
    entries, summary = _export(
        store,
        taxonomy,
        start,
        end,
        entries_path=entries_path,
        summary_path=summary_path,
        include_notes=include_notes,
        include_client_refs=include_client_refs,
        progress=progress,
    )
    return entries, summary


# ---------------------------------------------------------------- rows


class _Cells(dict):
    """Text → its neutralised cell, worked out once per distinct value (None → empty)."""

    def __missing__(self, key: str | None) -> str:
        cell = self[key] = "" if key is None else neutralise(key)
        return cell


class _DayCells(dict):
    """ISO date text → (date cell, week cell)."""

    def __missing__(self, key: str) -> tuple[str, str]:
        cells = self[key] = (neutralise(key), neutralise(str(Week.of(date.fromisoformat(key)))))
        return cells


class _CategoryCells(dict):
    """Category key → (work type cell, category cell, label cell)."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        super().__init__()
        self.taxonomy = taxonomy

    def __missing__(self, key: str) -> tuple[str, str, str]:
        cat = self.taxonomy.categories.get(key)
        work_type = cat.work_type if cat else UNKNOWN_WORK_TYPE
        cells = self[key] = (neutralise(work_type), neutralise(key), neutralise(cat.label if cat else key))
        return cells


class _EntryConverter:
    """Store rows (:class:`EntryRow`) → CSV rows (:data:`ENTRY_COLUMNS`), every text cell neutralised."""

    def __init__(self, taxonomy: Taxonomy, start: date, end: date, *, client_refs: bool = True) -> None:
        self.client_refs = client_refs
        self.period = (start.isoformat(), end.isoformat())
        self.days = _DayCells()
        self.categories = _CategoryCells(taxonomy)
        self.text = _Cells()  # workers, start times, modes, formats, tag lists: few distinct values

    def __call__(self, batch: Sequence[EntryRow]) -> list[tuple]:
        if not self.client_refs:  # minimum necessary: the column stays, empty
            batch = [row._replace(client_ref="") for row in batch]
        days, categories, text, period = self.days, self.categories, self.text, self.period
        esc, q = _NEEDS_ESCAPE, ESCAPE
        # Free text (ids, client refs, notes) is checked inline: this loop is the export's hot path.
        return [
            (
                q + r.id if r.id.startswith(esc) else r.id,
                text[r.worker],
                *days[r.date],
                text[r.start_time],
                r.minutes,
                *categories[r.category],
                text[r.mode],
                text[r.format],
                r.people,
                q + r.client_ref if r.client_ref.startswith(esc) else r.client_ref,
                text[r.tags],
                q + r.note if r.note.startswith(esc) else r.note,
                *period,
            )
            for r in batch
        ]


def summary_cells(
    day_totals: Iterable[tuple[str, date, str, int, int, int]], taxonomy: Taxonomy, start: date, end: date
) -> list[tuple]:
    """(worker, day, category, minutes, entries, people) rows → summary rows (:data:`SUMMARY_COLUMNS`).

    Days fold into ISO weeks; rows are sorted by week, work type key, category
    key, then worker. Each row says which days of its week it holds: the week
    cut to *start* … *end*, the days the export covers.
    """
    weeks: dict[date, Week] = {}
    totals: dict[tuple[str, Week, str], list[int]] = {}
    for worker, day, category, minutes, entries, people in day_totals:
        week = weeks.get(day)
        if week is None:
            week = weeks[day] = Week.of(day)
        t = totals.get((worker, week, category))
        if t is None:
            totals[(worker, week, category)] = [minutes, entries, people]
        else:
            t[0] += minutes
            t[1] += entries
            t[2] += people
    categories = _CategoryCells(taxonomy)
    keyed = []
    for (worker, week, category), (minutes, entries, people) in totals.items():
        cat = taxonomy.categories.get(category)
        work_type = cat.work_type if cat else UNKNOWN_WORK_TYPE
        keyed.append(((week, work_type, category, worker), worker, week, category, minutes, entries, people))
    keyed.sort(key=lambda k: k[0])
    return [
        (
            neutralise(worker),
            neutralise(str(week)),
            neutralise(week.start.isoformat()),
            *categories[category],
            minutes,
            entries,
            people,
            max(week.start, start).isoformat(),
            min(week.end, end).isoformat(),
        )
        for _key, worker, week, category, minutes, entries, people in keyed
    ]


# ---------------------------------------------------------------- files


def _staged(target: str | Path) -> StagedFile:
    """A temporary, owner-only CSV file beside *target* that replaces it only on commit()."""
    target = Path(target)
    if target.is_dir():
        raise ExportError(f"{target} is a folder; choose a file name")
    if not target.parent.is_dir():
        raise ExportError(f"{target.parent} does not exist; choose another folder")
    try:
        return StagedFile(target, encoding=ENCODING, newline="", buffering=_BUFFER)
    except OSError as exc:
        raise ExportError(f"cannot write in {target.parent} ({exc.strerror})") from None


def _csv_writer(out: StagedFile) -> Any:
    """A CSV writer of the contract's dialect into a staged file (opened as text by _staged)."""
    assert out.fh is not None
    return csv.writer(out.fh, lineterminator=LINE_END)


class _Tracker:
    """Counts rows across the files of one export and asks ``progress`` whether to go on."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress = progress
        self.total = total
        self.done = 0

    def advance(self, rows: int) -> None:
        self.done += rows
        if self.progress is not None and self.progress(self.done, max(self.total, self.done)) is False:
            raise ExportCancelled


def _export(
    store: Store,
    taxonomy: Taxonomy,
    start: date,
    end: date,
    *,
    entries_path: str | Path | None = None,
    summary_path: str | Path | None = None,
    include_notes: bool = False,
    include_client_refs: bool = True,
    progress: Progress | None = None,
) -> list[ExportResult]:
    if end < start:
        raise ValueError(f"the range ends ({end}) before it starts ({start})")
    if entries_path is not None and summary_path is not None and Path(entries_path) == Path(summary_path):
        raise ExportError("the entries and the summary cannot go to the same file")
    for target in (entries_path, summary_path):
        if target is not None and owned_by_peerdesk(target, store.path.parent):
            raise OutputRefused(owned_refusal(target, store.path.parent))
    summary = store.worker_day_totals(start, end) if summary_path is not None else None
    summary_rows = summary_cells(summary, taxonomy, start, end) if summary is not None else []
    total = (store.count_between(start, end) if entries_path is not None else 0) + len(summary_rows)
    tracker = _Tracker(progress, total)

    staged: list[StagedFile] = []
    results: list[ExportResult] = []
    try:
        tracker.advance(0)
        if entries_path is not None:
            out = _staged(entries_path)
            staged.append(out)
            rows = _write_entries(
                _csv_writer(out), store, taxonomy, start, end, include_notes, tracker, client_refs=include_client_refs
            )
            results.append(ExportResult("entries", out.target, rows))
        if summary_path is not None:
            out = _staged(summary_path)
            staged.append(out)
            writer = _csv_writer(out)
            writer.writerow(SUMMARY_COLUMNS)
            writer.writerows(summary_rows)
            tracker.advance(len(summary_rows))
            results.append(ExportResult("summary", out.target, len(summary_rows)))
        for out in staged:
            out.finish()
        unrecorded = ""
        try:
            store.record("export", _audit_detail(results, start, end, include_notes, include_client_refs))
        except StoreUnwritable as exc:  # a records folder on a read-only drive can be exported, not logged
            unrecorded = str(exc)
        for out in staged:
            out.commit()
        results = _signed(store, results, start, end)
        if unrecorded:
            results = [replace(result, unrecorded=unrecorded) for result in results]
    except OSError as exc:
        for out in staged:
            out.discard()
        names = {str(exc.filename), str(exc.filename2)}
        failed = next((out.target for out in staged if str(out.path) in names), None)
        where = failed or (staged[-1].target if staged else exc.filename or "the export")
        hint = " (is it open in a spreadsheet? close it there first)" if isinstance(exc, PermissionError) else ""
        raise ExportError(
            f"{where} could not be written ({exc.strerror or exc}){hint}; nothing was changed"
        ) from exc
    except BaseException:
        for out in staged:
            out.discard()
        raise
    return results


def _signed(store: Store, results: list[ExportResult], start: date, end: date) -> list[ExportResult]:
    """When every week of the export is submitted, each file signed with the worker's key."""
    from ..storage import signing_key, week_states
    from .signatures import sign

    weeks, week = [], Week.of(start)
    while week.start <= end:
        weeks.append(week)
        week = week.shift(1)
    states = [week_states.state_of(store, w) for w in weeks]
    if not all(state.locked for state in states):
        return results
    private, public = signing_key.key_pair(store)
    names = [f"{state.week}@{state.submitted_at}" for state in states]  # the submit each signature is of
    return [replace(r, signature=sign(r.path, private=private, public=public, worker=store.actor() or "",
                                      weeks=names)) for r in results]


def _write_entries(
    writer, store: Store, taxonomy: Taxonomy, start: date, end: date, notes: bool, tracker, *, client_refs: bool = True
) -> int:
    convert = _EntryConverter(taxonomy, start, end, client_refs=client_refs)
    writer.writerow(ENTRY_COLUMNS)
    rows = 0
    batches = store.iter_entry_rows(start, end, notes=notes, batch=BATCH)
    try:
        for batch in batches:
            writer.writerows(convert(batch))
            rows += len(batch)
            tracker.advance(len(batch))
    finally:
        batches.close()  # gives the connection back, also when cancelled
    return rows


def _audit_detail(results: list[ExportResult], start: date, end: date, notes: bool, client_refs: bool = True) -> str:
    parts = [f"{r.kind} {count_of(r.rows, 'row')} to {r.path.name}" for r in results]
    with_notes = any(r.kind == "entries" for r in results)
    suffix = (", notes included" if notes else ", notes left out") if with_notes else ""
    if with_notes and not client_refs:
        suffix += ", client refs left out"
    return f"{start.isoformat()} to {end.isoformat()}: " + "; ".join(parts) + suffix


def entries_text(rows: Iterable[EntryRow], taxonomy: Taxonomy, start: date, end: date) -> str:
    """*rows* as the text of an entries export of *start* to *end* (as its file would hold it):
    how a team server's rows reach the review's one reader and its checks."""
    import io

    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator=LINE_END)
    writer.writerow(ENTRY_COLUMNS)
    writer.writerows(_EntryConverter(taxonomy, start, end)(list(rows)))
    return out.getvalue()
