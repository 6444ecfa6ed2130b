"""What a supervisor reads off a team's files, beyond the totals: each file's status, the
worker × week pivot, each worker's averages and the team's band of direct shares.

Qt-free: the Review window only shows these.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from ..domain.weeks import Week
from ..i18n import _, ngettext
from .reading import ENTRIES
from .review import ReviewResult, TeamRow

_KINDS = ("entries", "summary", "workbook")  # what a file opened holds: a workbook, both


@dataclass(frozen=True)
class FileStatus:
    """One file opened: what it holds and what became of its rows."""

    file: str
    kind: str  # "entries", "summary", "workbook" (both), or "" for a file refused before its kind was known
    workers: tuple[str, ...]
    period: tuple[date, date] | None  # the days it covers (format version 2), if it says
    kept: int  # rows counted
    left_out: int  # rows with a problem, left out
    notes: int  # how it was read (Windows-1252, a column of one's own …): nothing lost
    refused: str  # why nothing of it was read, or ""

    def period_text(self) -> str:
        if self.period is None:
            return ""
        first, last = self.period
        # TRANSLATORS: the days a file covers, ISO dates: "2026-10-19 to 2026-11-29"
        return first.isoformat() if first == last else _("{first} to {last}").format(
            first=first.isoformat(), last=last.isoformat())

    def state(self) -> str:
        if self.refused:
            return _("refused: {why}").format(why=self.refused)
        if self.left_out:
            return ngettext("{n} row left out", "{n} rows left out", self.left_out).format(n=self.left_out)
        return _("read")


def file_status(result: ReviewResult) -> list[FileStatus]:
    """Every file opened, in the order opened: its kind, workers, days, rows kept and left out."""
    kept: dict[str, int] = {}
    workers: dict[str, set[str]] = {}
    for source, worker in _sources(result):
        kept[source] = kept.get(source, 0) + 1
        workers.setdefault(source, set()).add(worker)
    left: dict[str, set[int]] = {}
    notes: dict[str, int] = {}
    refusal: dict[str, str] = {}
    more: dict[str, int] = {}
    for p in result.problems:
        if p.more:  # problems counted, not listed: each left out a row
            more[p.file] = more.get(p.file, 0) + p.more
        elif p.note:
            notes[p.file] = notes.get(p.file, 0) + 1
        elif p.line > 1:  # a row's (a cell, or the row a copy was cut short in)
            left.setdefault(p.file, set()).add(p.line)
        else:  # the file's own: empty, not a CSV file, a wrong header
            refusal.setdefault(p.file, p.message)
    out = []
    for name in dict.fromkeys([*result.files, *refusal]):
        periods = result.periods.get(name) or set()
        period = (min(a for a, _ in periods), max(b for _, b in periods)) if periods else None
        if period is None and name in workers and result.kinds.get(name) != ENTRIES:
            period = _summary_days(result, name)
        count = kept.get(name, 0)
        out.append(FileStatus(
            file=name,
            kind=result.kinds.get(name, "") if result.kinds.get(name) in _KINDS else "",
            workers=tuple(sorted(workers.get(name, ()))),
            period=period,
            kept=count,
            left_out=len(left.get(name, ())) + more.get(name, 0),
            notes=notes.get(name, 0),
            refused=refusal.get(name, "") if not count else "",
        ))
    return out


def _sources(result: ReviewResult) -> Iterable[tuple[str, str]]:
    for e in result.entries:
        yield e.source, e.worker
    for s in result.summary_rows:
        yield s.source, s.worker


def _summary_days(result: ReviewResult, name: str) -> tuple[date, date] | None:
    days = [(s.first_day, s.last_day) for s in result.summary_rows if s.source == name and s.first_day and s.last_day]
    if not days:
        return None
    return min(a for a, _ in days if a), max(b for _, b in days if b)


@dataclass(frozen=True)
class Pivot:
    """Workers down, weeks across; a cell is that worker's week (None: nothing that week)."""

    workers: list[str]
    weeks: list[str]
    cells: dict[tuple[str, str], TeamRow]

    def cell(self, worker: str, week: str) -> TeamRow | None:
        return self.cells.get((worker, week))


def pivot(team_rows: Iterable[TeamRow], weeks: Sequence[Week] = ()) -> Pivot:
    """The team rows as a worker × week grid; every week of *weeks* is a column, gaps included."""
    cells = {(t.worker, t.week): t for t in team_rows}
    columns = [str(w) for w in weeks] or sorted({week for _w, week in cells})
    return Pivot(sorted({worker for worker, _week in cells}), columns, cells)


@dataclass(frozen=True)
class Average:
    """One worker over the weeks chosen."""

    worker: str
    weeks_logged: int  # weeks with any time
    weeks: int  # weeks in the range
    minutes: int
    direct: int

    def hours_per_week_logged(self) -> float:
        return self.minutes / 60 / self.weeks_logged if self.weeks_logged else 0.0

    def hours_per_week(self) -> float:
        return self.minutes / 60 / self.weeks if self.weeks else 0.0

    def direct_share(self) -> float:
        return 100.0 * self.direct / self.minutes if self.minutes else 0.0


def averages(team_rows: Iterable[TeamRow], weeks: int, work_type: str = "direct") -> list[Average]:
    """Each worker's hours per week (over the weeks they logged, and over all *weeks* of the
    range: leave and gaps count as nothing) and direct share, by worker."""
    acc: dict[str, list[int]] = {}
    for t in team_rows:
        a = acc.setdefault(t.worker, [0, 0, 0])
        a[0] += 1 if t.total else 0
        a[1] += t.total
        a[2] += t.by_work_type.get(work_type, 0)
    return [Average(w, logged, max(weeks, logged), total, direct) for w, (logged, total, direct) in sorted(acc.items())]


@dataclass(frozen=True)
class Band:
    """The team's direct shares in one week: the quartiles over the workers who logged time."""

    week: str
    low: float  # first quartile
    median: float
    high: float  # third quartile
    workers: int


def share_band(shares: dict[str, dict[str, float]], weeks: Sequence[str]) -> list[Band]:
    """Per week, the spread of the workers' shares (from :func:`.review.shares`)."""
    out = []
    for week in weeks:
        values = sorted(by_week[week] for by_week in shares.values() if week in by_week)
        if not values:
            continue
        if len(values) == 1:
            low = median = high = values[0]
        else:
            low, median, high = statistics.quantiles(values, n=4, method="inclusive")
        out.append(Band(week, low, median, high, len(values)))
    return out
