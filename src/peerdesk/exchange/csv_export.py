"""Write entries, or their weekly summary, to CSV files (format in :mod:`.csv_format`).

Rows stream from the store in batches of plain tuples (no ORM objects, no full
list in memory) through ``csv.writer`` into a temporary file created beside the
target (owner-only). The rows are made here once for every writer: as CSV
cells (text neutralised) or typed (dates as dates, text as typed) for the
workbook of :mod:`.xlsx_export`, which shares this module's staging, audit
record and signature too (:func:`write_files`). Only a complete file is fsynced and renamed onto the
target, so a cancelled or failed export never leaves half a file and never
replaces an older one. Every export is recorded in the store's audit log
(what, which dates, how many rows, whether notes were in it) before the file
appears.

``progress(done, total)`` is called before the first row and after every
batch; returning ``False`` cancels the export (:class:`ExportCancelled`).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Generator, Iterable, Sequence
from contextlib import closing
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
from ..i18n import _
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


class OutputUnwritable(ExportError):
    """No file can be made where the export was to go (a folder, a missing or read-only folder)."""


class ExportCancelled(ExportError):
    """The export was cancelled; no file was left behind and an older one is untouched."""

    def __init__(self) -> None:
        super().__init__(_("the export was cancelled; no file was written"))


@dataclass(frozen=True)
class ExportResult:
    kind: str  # "entries", "summary" or "workbook" (both, on sheets of their own)
    path: Path
    rows: int  # data rows, not counting the header (a workbook's: its entries)
    unrecorded: str = ""  # why the audit log could not record the export (a read-only data folder), if so
    signature: Path | None = None  # FILE.sig beside it, when every week of the export is submitted
    summary_rows: int = 0  # a workbook's weekly summary rows

    def counted(self) -> str:
        """What the file holds, in words: ``6 rows``; a workbook's ``6 entries and 5 summary rows``."""
        if self.kind == WORKBOOK:
            # TRANSLATORS: what a workbook holds: "6 entries and 5 summary rows"
            return _("{entries} and {summary_rows}").format(entries=count_of(self.rows, "entry", "entries"),
                                                            summary_rows=count_of(self.summary_rows, "summary row"))
        return count_of(self.rows, "row")


WORKBOOK = "workbook"


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


def _as_typed(text: str) -> str:
    """A workbook's text cell: the text as it is (a workbook cell is text or a number by its type)."""
    return text


class _Cells(dict):
    """Text → its cell (neutralised for CSV, as typed when *typed*), worked out once per distinct
    value (None → empty)."""

    def __init__(self, typed: bool = False) -> None:
        super().__init__()
        self.cell = _as_typed if typed else neutralise

    def __missing__(self, key: str | None) -> str:
        cell = self[key] = "" if key is None else self.cell(key)
        return cell


class _DayCells(dict):
    """ISO date text → (date cell, week cell); the date cell a :class:`date` when *typed*."""

    def __init__(self, typed: bool = False) -> None:
        super().__init__()
        self.typed = typed

    def __missing__(self, key: str) -> tuple[Any, str]:
        day = date.fromisoformat(key)
        week = str(Week.of(day))
        cells = self[key] = (day, week) if self.typed else (neutralise(key), neutralise(week))
        return cells


class _CategoryCells(dict):
    """Category key → (work type cell, category cell, label cell)."""

    def __init__(self, taxonomy: Taxonomy, typed: bool = False) -> None:
        super().__init__()
        self.taxonomy = taxonomy
        self.cell = _as_typed if typed else neutralise

    def __missing__(self, key: str) -> tuple[str, str, str]:
        cat = self.taxonomy.categories.get(key)
        work_type = cat.work_type if cat else UNKNOWN_WORK_TYPE
        cell = self.cell
        cells = self[key] = (cell(work_type), cell(key), cell(cat.label if cat else key))
        return cells


class _EntryConverter:
    """Store rows (:class:`EntryRow`) → rows of :data:`ENTRY_COLUMNS`: CSV cells, every text cell
    neutralised; or, *typed*, a workbook's: dates as :class:`date`, text as typed, numbers as ints."""

    def __init__(
        self, taxonomy: Taxonomy, start: date, end: date, *, client_refs: bool = True, typed: bool = False
    ) -> None:
        self.client_refs = client_refs
        self.period: tuple[Any, Any] = (start, end) if typed else (start.isoformat(), end.isoformat())
        self.days = _DayCells(typed)
        self.categories = _CategoryCells(taxonomy, typed)
        self.text = _Cells(typed)  # workers, start times, modes, formats, tag lists: few distinct values
        self.escape: tuple[str, ...] = () if typed else _NEEDS_ESCAPE  # str.startswith(()) is False

    def __call__(self, batch: Sequence[EntryRow]) -> list[tuple]:
        if not self.client_refs:  # minimum necessary: the column stays, empty
            batch = [row._replace(client_ref="") for row in batch]
        days, categories, text, period = self.days, self.categories, self.text, self.period
        esc, q = self.escape, ESCAPE
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
    day_totals: Iterable[tuple[str, date, str, int, int, int]], taxonomy: Taxonomy, start: date, end: date,
    *, typed: bool = False,
) -> list[tuple]:
    """(worker, day, category, minutes, entries, people) rows → summary rows (:data:`SUMMARY_COLUMNS`):
    CSV cells, or *typed* a workbook's (dates as :class:`date`, text as typed).

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
    categories = _CategoryCells(taxonomy, typed)
    keyed = []
    for (worker, week, category), (minutes, entries, people) in totals.items():
        cat = taxonomy.categories.get(category)
        work_type = cat.work_type if cat else UNKNOWN_WORK_TYPE
        keyed.append(((week, work_type, category, worker), worker, week, category, minutes, entries, people))
    keyed.sort(key=lambda k: k[0])
    if typed:
        return [
            (worker, str(week), week.start, *categories[category], minutes, entries, people,
             max(week.start, start), min(week.end, end))
            for _key, worker, week, category, minutes, entries, people in keyed
        ]
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


def _staged(target: str | Path, *, text: bool = True) -> StagedFile:
    """A temporary, owner-only file beside *target* that replaces it only on commit(): a CSV
    file open as text, or (not *text*) an empty file another writer fills by its name."""
    target = Path(target)
    if target.is_dir():
        raise OutputUnwritable(_("{target} is a folder; choose a file name").format(target=target))
    if not target.parent.is_dir():
        raise OutputUnwritable(_("{folder} does not exist; choose another folder").format(folder=target.parent))
    try:
        if not text:
            return StagedFile(target, mode=None)
        return StagedFile(target, encoding=ENCODING, newline="", buffering=_BUFFER)
    except OSError as exc:
        raise OutputUnwritable(_("cannot write in {folder} ({why})").format(folder=target.parent, why=exc.strerror)
                               ) from None


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


def checked_targets(store: Store, start: date, end: date, *targets: str | Path | None) -> None:
    """Refuse a range that ends before it starts, two parts of an export going to one file, and a
    target that is PeerDesk's own (the store, its backups, anything in its data folder)."""
    if end < start:
        raise ValueError(_("the range ends ({end}) before it starts ({start})").format(end=end, start=start))
    chosen = [Path(t) for t in targets if t is not None]
    if len(set(chosen)) < len(chosen):
        raise ExportError(_("the entries and the summary cannot go to the same file"))
    for target in chosen:
        if owned_by_peerdesk(target, store.path.parent):
            raise OutputRefused(owned_refusal(target, store.path.parent))


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
    checked_targets(store, start, end, entries_path, summary_path)
    summary = store.worker_day_totals(start, end) if summary_path is not None else None
    summary_rows = summary_cells(summary, taxonomy, start, end) if summary is not None else []
    total = (store.count_between(start, end) if entries_path is not None else 0) + len(summary_rows)
    tracker = _Tracker(progress, total)

    def write_entries(out: StagedFile) -> ExportResult:
        rows = _write_entries(
            _csv_writer(out), store, taxonomy, start, end, include_notes, tracker, client_refs=include_client_refs
        )
        return ExportResult("entries", out.target, rows)

    def write_summary(out: StagedFile) -> ExportResult:
        writer = _csv_writer(out)
        writer.writerow(SUMMARY_COLUMNS)
        writer.writerows(summary_rows)
        tracker.advance(len(summary_rows))
        return ExportResult("summary", out.target, len(summary_rows))

    jobs: list[Job] = []
    if entries_path is not None:
        jobs.append((entries_path, True, write_entries))
    if summary_path is not None:
        jobs.append((summary_path, True, write_summary))
    return write_files(store, jobs, tracker, start, end, include_notes, include_client_refs)


# One file of an export: its target, whether it is written as text (CSV) or by name (a workbook),
# and what fills it, giving its result.
Job = tuple[str | Path, bool, Callable[[StagedFile], ExportResult]]


def write_files(
    store: Store, jobs: list[Job], tracker: _Tracker, start: date, end: date, notes: bool, client_refs: bool
) -> list[ExportResult]:
    """Each job's file written to a staged file beside its target; then, once all are complete,
    the export recorded in the audit log, every file put in its target's place, and signed when
    every week of it is submitted. Nothing is left behind when one fails or the export is cancelled."""
    staged: list[StagedFile] = []
    results: list[ExportResult] = []
    try:
        tracker.advance(0)
        for target, text, fill in jobs:
            out = _staged(target, text=text)
            staged.append(out)
            results.append(fill(out))
        for out in staged:
            out.finish()
        unrecorded = ""
        try:
            store.record("export", _audit_detail(results, start, end, notes, client_refs))
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
        where = failed or (staged[-1].target if staged else exc.filename or _("the export"))
        if isinstance(exc, PermissionError):
            said = _("{target} could not be written ({why}) (is it open in a spreadsheet? close it there first); "
                     "nothing was changed")
        else:
            said = _("{target} could not be written ({why}); nothing was changed")
        raise ExportError(said.format(target=where, why=exc.strerror or exc)) from exc
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


def entry_batches(
    store: Store, taxonomy: Taxonomy, start: date, end: date, tracker: _Tracker, *,
    notes: bool, client_refs: bool = True, typed: bool = False,
) -> Generator[list[tuple], None, None]:
    """The entries dated *start*..*end* as rows of :data:`ENTRY_COLUMNS`, a batch at a time, in the
    export's order: CSV cells, or *typed* a workbook's (:class:`_EntryConverter`). The tracker
    advances once a batch is written (when the next is asked for); close the iterator (or use
    it to its end) to give the store's connection back."""
    convert = _EntryConverter(taxonomy, start, end, client_refs=client_refs, typed=typed)
    batches = store.iter_entry_rows(start, end, notes=notes, batch=BATCH)
    try:
        for batch in batches:
            yield convert(batch)
            tracker.advance(len(batch))
    finally:
        batches.close()  # gives the connection back, also when cancelled


def _write_entries(
    writer, store: Store, taxonomy: Taxonomy, start: date, end: date, notes: bool, tracker, *, client_refs: bool = True
) -> int:
    writer.writerow(ENTRY_COLUMNS)
    rows = 0
    with closing(entry_batches(store, taxonomy, start, end, tracker, notes=notes, client_refs=client_refs)) as cells:
        for batch in cells:
            writer.writerows(batch)
            rows += len(batch)
    return rows


def _rows(n: int) -> str:
    """``1 row``, ``3 rows``: in English whatever the user's language (the audit log's words)."""
    return f"{n} row" if n == 1 else f"{n} rows"


def _audit_detail(results: list[ExportResult], start: date, end: date, notes: bool, client_refs: bool = True) -> str:
    """The export's line in the audit log: in English, as every line of it is (it is written, not shown)."""
    parts = [
        f"workbook (entries {_rows(r.rows)}, summary {_rows(r.summary_rows)}) to {r.path.name}"
        if r.kind == WORKBOOK else f"{r.kind} {_rows(r.rows)} to {r.path.name}"
        for r in results
    ]
    with_notes = any(r.kind in ("entries", WORKBOOK) for r in results)
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
