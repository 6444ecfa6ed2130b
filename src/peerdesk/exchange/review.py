"""The supervisor's review: many workers' exports read, checked and combined.

The files are read by the one reader of the CSV contract (:mod:`.reading`; a
workbook's sheets through :mod:`.xlsx_read`),
which keeps every good row and names every problem as ``FILE:LINE:COLUMN:
message``. This module combines what it read: the worker × week × category
view (entries summed, summary files' rows added), the team table, the charts'
figures for a selection, and the summary CSV a supervisor may save.

Pure Python and :mod:`csv`; the review window and ``peerdesk review`` sit on it.
"""

from __future__ import annotations

import csv
import gc
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from itertools import repeat
from operator import itemgetter
from pathlib import Path

from ..domain.entry import FORMATS, MODES, count_of
from ..domain.summary import (
    HowRow,
    HowSummary,
    TotalRow,
    TrendWeek,
    WeekSummary,
    summarize_how,
    summarize_trend,
    summarize_week,
)
from ..domain.taxonomy import Taxonomy
from ..domain.weeks import Week
from ..files import StagedFile
from ..i18n import _
from . import csv_format as fmt
from .csv_text import Problems
from .reading import (  # noqa: F401 - the names a review's reader uses, with the rows they name
    ENTRIES,
    FILE_COLUMN,
    SUMMARY,
    Collected,
    Problem,
    Reading,
    ReviewEntry,
    SummaryRow,
)
from .review_rows import Period

_new = tuple.__new__  # a named tuple made from a tuple at C speed, without its Python __new__


_TEAM_FIELDS = itemgetter(0, 1, 3, 6)  # worker, week, work_type, minutes of a SummaryRow
_EXPORT_ORDER = tuple(itemgetter(i) for i in (0, 4, 3, 1))  # worker, category, work_type, week of a SummaryRow


@dataclass(frozen=True)
class TeamRow:
    """One worker × week of the team table."""

    worker: str
    week: str
    by_work_type: dict[str, int]
    total: int

    def share(self, work_type: str = "direct") -> float:
        return 100.0 * self.by_work_type.get(work_type, 0) / self.total if self.total else 0.0


@dataclass
class ReviewResult(Collected):
    """Every file's good rows and problems (see :class:`.reading.Collected`), and the views of them."""

    replaced: set[tuple[str, str]] = field(default_factory=set)  # (worker, week) a summary counts instead
    dropped: set[tuple[str, str, str]] = field(default_factory=set)  # (worker, week, summary file) not counted
    _days: dict[tuple[str, str], list[Period] | None] = field(default_factory=dict, repr=False)
    _clips: dict[tuple[str, frozenset[Period]], list[Period]] = field(default_factory=dict, repr=False, compare=False)

    def summary_line(self) -> str:
        n_problems = self.lost_count()
        notes = sum(1 for p in self.problems if p.note)
        parts = [count_of(len(self.files), "file"), count_of(len(self.entries), "entry", "entries")]
        if self.summary_rows:
            parts.append(count_of(len(self.summary_rows), "summary row"))
        parts.append(count_of(n_problems, "problem"))
        if notes:
            parts.append(count_of(notes, "note"))
        return ", ".join(parts)

    # -- the combined view

    def reconcile(self) -> None:
        """For each worker's week that both an entries file and a summary file hold, decide by the
        days each covers (format version 2) which counts them; name a partial overlap.

        Days apart (September's entries, October's summary): both count. The entries hold the
        summary's days (an export beside its own summary): the entries count. The summary holds
        all the entries' days (November's entries beside a six-month summary): the summary counts.
        A version 1 file does not say its days: its entries count, as before.
        """
        self.replaced.clear()
        self.dropped.clear()
        seen: set[tuple[str, str, str]] = set()
        for s in self.summary_rows:
            key = (s.worker, s.week, s.source)
            files = self.entry_files.get((s.worker, s.week))
            if key in seen or not files:
                continue
            seen.add(key)
            covered = self.entry_days(s.worker, s.week)
            if s.first_day is None or s.last_day is None or covered is None:
                self.dropped.add(key)
                continue
            first, last = s.first_day, s.last_day
            if all(last < a or b < first for a, b in covered):
                continue
            if any(a <= first and last <= b for a, b in covered):
                self.dropped.add(key)
            elif all(first <= a and b <= last for a, b in covered):
                self.replaced.add((s.worker, s.week))
            else:
                self.dropped.add(key)
                # TRANSLATORS: the days a file covers, ISO dates: "2026-10-19 to 2026-11-29"
                spans = ", ".join(_("{first} to {last}").format(first=a, last=b) for a, b in covered)
                self.problems.append(Problem(
                    s.source, s.line, "first_day",
                    _("{worker}'s {week}: its days ({first} to {last}) and those of the entries in {files} "
                      "({spans}) overlap in part: the entries are counted, this file's rows for the week are not")
                    .format(worker=s.worker, week=s.week, first=first, last=last, files=", ".join(sorted(files)),
                            spans=spans),
                ))

    def entry_days(self, worker: str, week: str) -> list[Period] | None:
        """The days of *week* the entries files holding *worker*'s entries of it cover (None if
        one of them is a version 1 file, which does not say)."""
        key = (worker, week)
        if key in self._days:
            return self._days[key]
        covered: list[Period] = []
        for file in sorted(self.entry_files.get(key, ())):
            periods = self.periods.get(file)
            if not periods:
                self._days[key] = None
                return None
            covered += self._clipped(week, frozenset(periods))
        self._days[key] = covered
        return covered

    def _clipped(self, week: str, periods: frozenset[Period]) -> list[Period]:
        """The parts of *periods* inside *week*: the same for every worker whose file covers the
        same days (a team's exports of one period, as a rule), so worked out once for them all."""
        clipped = self._clips.get((week, periods))
        if clipped is None:
            days = Week.parse(week)
            clipped = self._clips[week, periods] = [
                (max(a, days.start), min(b, days.end)) for a, b in periods if a <= days.end and days.start <= b]
        return clipped

    def _spans(self, worker_weeks: list[tuple[str, str]]) -> dict[tuple[str, str], tuple[date | None, date | None]]:
        """The first and the last day each worker's week is held for by the entries (None, None
        where a version 1 file does not say). Where each of the weeks is in one file that says
        its days, as a rule, the spans are worked out once per week and file's days, at C speed."""
        files = list(map(self.entry_files.__getitem__, worker_weeks))
        if set(map(len, files)) == {1}:
            days = {file: frozenset(periods) for file, periods in self.periods.items() if periods}
            weeks = map(itemgetter(1), worker_weeks)
            try:
                held = list(zip(weeks, map(days.__getitem__, map(next, map(iter, files))), strict=True))
            except KeyError:  # a version 1 file
                pass
            else:
                span_of = {pair: _span(self._clipped(*pair)) for pair in set(held)}
                return dict(zip(worker_weeks, map(span_of.__getitem__, held), strict=True))
        return {worker_week: _span(self.entry_days(*worker_week)) for worker_week in worker_weeks}

    def combined_summary(self, keep: Callable[[SummaryRow], bool] | None = None) -> list[SummaryRow]:
        """worker × week × category: entries summed, summary files' rows added; sorted like an export.

        Which file counts a worker's week is decided by the days the files cover
        (:meth:`reconcile`), so no day is counted twice and none is lost. A row says which
        days of its week it holds (first_day, last_day; None where a version 1 file did not say).
        """
        with collector_waiting():
            return self._combined(keep)

    def _combined(self, keep: Callable[[SummaryRow], bool] | None) -> list[SummaryRow]:
        extra: dict[tuple[str, str, str, date | None, date | None], list] = {}
        dropped, replaced = self.dropped, self.replaced
        for s in self.summary_rows:
            if (s.worker, s.week, s.source) in dropped:
                continue
            key = (s.worker, s.week, s.category, s.first_day, s.last_day)
            row = extra.get(key)
            if row is None:
                row = extra[key] = [s.work_type, s.category_label, 0, 0, 0]
            row[2] += s.minutes
            row[3] += s.entries
            row[4] += s.people
        starts = {week: Week.parse(week).start for week in {key[1] for key in extra}}
        out: list[SummaryRow] = []
        sums = self.sums
        if replaced:
            sums = {key: sum_ for key, sum_ in sums.items() if key[:2] not in replaced}
        if sums:
            # column by column, at C speed: a team's year is tens of thousands of these rows
            workers, weeks, categories = zip(*sums, strict=True)
            work_types, labels, minutes, counts, people = zip(*sums.values(), strict=True)
            for week in set(weeks).difference(starts):
                starts[week] = Week.parse(week).start
            spans = self._spans(list(self.entry_files))  # the workers' weeks with entries
            firsts, lasts = zip(*map(spans.__getitem__, zip(workers, weeks, strict=True)), strict=True)
            out = list(map(_new, repeat(SummaryRow), zip(
                workers, weeks, map(starts.__getitem__, weeks), work_types, categories, labels, minutes, counts,
                people, repeat(""), repeat(0), firsts, lasts)))
        out += [
            _new(SummaryRow, (worker, week, starts[week], wt, cat, label, m, n, p, "", 0, first, last))
            for (worker, week, cat, first, last), (wt, label, m, n, p) in extra.items()
        ]
        if keep is not None:
            out = [r for r in out if keep(r)]
        # as csv_export.summary_cells: by week, work type, category and worker. Sorting is stable,
        # so one pass per field, the last first, gives that order; a pass compares single texts,
        # which is much faster than comparing tuples of four
        for by_field in _EXPORT_ORDER:
            out.sort(key=by_field)
        return out

    def team(self, rows: Iterable[SummaryRow], work_types: Iterable[str]) -> list[TeamRow]:
        """The team table: one row per worker × week with minutes per work type."""
        with collector_waiting():
            return self._team(rows, work_types)

    @staticmethod
    def _team(rows: Iterable[SummaryRow], work_types: Iterable[str]) -> list[TeamRow]:
        wts = list(work_types)
        acc: dict[tuple[str, str], dict[str, int]] = {}
        get = acc.get
        for worker, week, work_type, minutes in map(_TEAM_FIELDS, rows):
            key = (worker, week)
            by = get(key)
            if by is None:
                by = acc[key] = dict.fromkeys(wts, 0)
            by[work_type] = by.get(work_type, 0) + minutes
        return [
            TeamRow(worker, week, by, sum(by.values()))
            for (worker, week), by in sorted(acc.items(), key=lambda kv: (kv[0][1], kv[0][0]))
        ]

    # every entry taken is counted in self.sums: its keys name the entries' workers and weeks
    def workers(self) -> list[str]:
        return sorted({worker for worker, _week, _cat in self.sums} | {s.worker for s in self.summary_rows})

    def weeks(self) -> list[str]:
        return sorted({week for _worker, week, _cat in self.sums} | {s.week for s in self.summary_rows})


def _span(covered: list[Period] | None) -> tuple[date | None, date | None]:
    """The first and the last of the days *covered* (None, None if none, or not known)."""
    if not covered:
        return None, None
    if len(covered) == 1:
        return covered[0]
    return min(a for a, _ in covered), max(b for _, b in covered)


# ------------------------------------------------------------------ what the review window shows


@dataclass(frozen=True)
class Selection:
    """A worker (or all), a range of ISO weeks (inclusive), a work type and a category; None is "all"."""

    worker: str | None = None
    first_week: str | None = None
    last_week: str | None = None
    work_type: str | None = None
    category: str | None = None

    def keeps(self, row: SummaryRow | ReviewEntry) -> bool:
        # week texts are canonical (2026-W05), so they compare in calendar order
        return (
            (self.worker is None or row.worker == self.worker)
            and (self.first_week is None or row.week >= self.first_week)
            and (self.last_week is None or row.week <= self.last_week)
            and (self.work_type is None or row.work_type == self.work_type)
            and (self.category is None or row.category == self.category)
        )

    def weeks(self) -> list[Week]:
        """Every week of the range, gaps included (empty when the range is open)."""
        if self.first_week is None or self.last_week is None:
            return []
        week, last = Week.parse(self.first_week), Week.parse(self.last_week)
        out = []
        while week <= last:
            out.append(week)
            week = week.next()
        return out


def range_summary(rows: Iterable[SummaryRow], taxonomy: Taxonomy, week: Week) -> WeekSummary:
    """The rows, whatever their week, folded into one summary labelled *week* (for the week chart)."""
    acc: dict[str, list[int]] = {}
    for r in rows:  # summed first: a team's year is tens of thousands of rows, its categories a few
        t = acc.get(r.category)
        if t is None:
            acc[r.category] = [r.minutes, r.entries, r.people]
        else:
            t[0] += r.minutes
            t[1] += r.entries
            t[2] += r.people
    day = week.start
    return summarize_week(week, (TotalRow(day, cat, *t) for cat, t in acc.items()), taxonomy)


def trend(rows: Iterable[SummaryRow], taxonomy: Taxonomy, weeks: list[Week]) -> list[TrendWeek]:
    """Minutes per work type for each of *weeks* (for the weeks chart)."""
    acc: dict[tuple[date, str], int] = {}
    for r in rows:
        key = (r.week_start, r.category)
        acc[key] = acc.get(key, 0) + r.minutes
    return summarize_trend(weeks, (TotalRow(day, cat, minutes, 0, 0) for (day, cat), minutes in acc.items()), taxonomy)


def how(entries: Iterable[ReviewEntry], keep: Callable[[ReviewEntry], bool] | None = None) -> HowSummary:
    """Minutes by mode and by format of the entries kept (summary files have no such detail)."""
    acc: dict[tuple[str, str], list[int]] = {}
    for e in entries:
        if keep is not None and not keep(e):
            continue
        t = acc.get((e.mode, e.format))
        if t is None:
            acc[(e.mode, e.format)] = [e.minutes, 1, e.people]
        else:
            t[0] += e.minutes
            t[1] += 1
            t[2] += e.people
    return summarize_how((HowRow(m, f, *t) for (m, f), t in acc.items()), MODES, FORMATS)


def shares(team_rows: Iterable[TeamRow], work_type: str = "direct") -> dict[str, dict[str, float]]:
    """worker -> week -> percent of that week's minutes in *work_type* (weeks with no minutes left out)."""
    out: dict[str, dict[str, float]] = {}
    for t in team_rows:
        if t.total:
            out.setdefault(t.worker, {})[t.week] = t.share(work_type)
    return dict(sorted(out.items()))


# ------------------------------------------------------------------ reading


def read_files(
    paths: Iterable[str | os.PathLike[str]],
    taxonomy: Taxonomy,
    *,
    progress: Callable[[int, int], bool] | None = None,
) -> ReviewResult:
    """Read and check every file; *progress(done, total)* may return False to stop early."""
    files = [Path(p) for p in paths]
    return _read_all([(str(path), path) for path in files], taxonomy, progress)


def read_texts(texts: Iterable[tuple[str, str]], taxonomy: Taxonomy) -> ReviewResult:
    """Read and check texts in the export's format, each under a name (``server:north/PW-07``)."""
    return _read_all(list(texts), taxonomy, None)


@contextmanager
def collector_waiting() -> Iterator[None]:
    """The cyclic garbage collector waits while rows are made by the ten thousand and kept, and
    runs again as it was afterwards: reading allocates one tuple per row and frees almost
    nothing, and so does the combined view, and with no cycles among them the collector would
    only scan them again and again (a third of the time)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _read_all(sources: list[tuple[str, Path | str]], taxonomy: Taxonomy,
              progress: Callable[[int, int], bool] | None) -> ReviewResult:
    result = ReviewResult()
    reading = Reading(taxonomy, result)
    with collector_waiting():
        for i, (name, source) in enumerate(sources):
            result.files.append(name)
            if isinstance(source, Path) and source.suffix.lower() == ".xlsx":
                from .xlsx_read import read_workbook  # openpyxl only when a workbook is opened

                read_workbook(reading, source, name)
            elif isinstance(source, Path):
                reading.read(source, name)
            else:
                reading.read_text(source, name)
            if isinstance(result.problems, Problems):
                result.problems.close_file(name)
            if progress is not None and progress(i + 1, len(sources)) is False:
                break
    result.reconcile()
    return result


# ------------------------------------------------------------------ writing


def _days_of(row: SummaryRow) -> tuple[str, str]:
    """The days of its week a row holds; a version 1 file's rows, which do not say, the whole week."""
    first = row.first_day or row.week_start
    last = row.last_day or Week.parse(row.week).end
    return first.isoformat(), last.isoformat()


def write_summary(rows: Iterable[SummaryRow], path: str | os.PathLike[str]) -> int:
    """The combined view as a summary CSV of the export contract, written atomically (owner-only)."""
    count = 0
    with StagedFile(path, encoding=fmt.ENCODING, newline="") as staged:
        assert staged.fh is not None
        writer = csv.writer(staged.fh, lineterminator=fmt.LINE_END)
        writer.writerow(fmt.SUMMARY_COLUMNS)
        n = fmt.neutralise
        for row in rows:
            writer.writerow((
                n(row.worker), n(row.week), row.week_start.isoformat(), n(row.work_type), n(row.category),
                n(row.category_label), row.minutes, row.entries, row.people,
                *_days_of(row),
            ))
            count += 1
    return count
