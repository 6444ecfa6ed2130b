"""What a printed report says, worked out before anything is drawn (pure Python).

A :class:`WorkerReport` is one worker's period: hours per ISO week against the
contracted hours, the split by work type, time by category (the role guide's
names), how the work was done (mode, format, people reached), the enactment
tags, and the funder's figures (:mod:`.stats`). A :class:`TeamReport` is the
same for each worker of a team plus the team's own page: worker × week hours,
direct share and averages. The PDF writer (:mod:`peerdesk.reports`) only draws
these numbers, so tests can hold the drawing to them.

Rows may be the store's :class:`~.entry.Entry` or the review's rows: anything
with ``worker``, ``date``, ``minutes``, ``category``, ``mode``, ``format``,
``people``, ``client_ref``, ``tags`` (and ``note`` / ``start_time`` when an
entry list is asked for).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ..i18n import _
from .entry import DIRECT, FORMATS, MODES
from .stats import Row, figures
from .summary import Tally
from .taxonomy import Taxonomy
from .weeks import Week

UNKNOWN = "unknown"



@dataclass(frozen=True)
class WeekLine:
    """One ISO week of the period (cut to it at either end)."""

    week: Week
    first: date  # the first and last day of the week inside the period
    last: date
    by_work_type: dict[str, int]
    entries: int

    @property
    def minutes(self) -> int:
        return sum(self.by_work_type.values())

    @property
    def whole(self) -> bool:
        return self.first == self.week.start and self.last == self.week.end

    @property
    def weekdays(self) -> int:
        """Monday to Friday inside the period: what contracted hours are counted against."""
        return sum(1 for i in range((self.last - self.first).days + 1) if (self.first + timedelta(i)).weekday() < 5)

    def expected_minutes(self, contracted_hours: float) -> int:
        return round(contracted_hours * 60 * self.weekdays / 5)


@dataclass(frozen=True)
class CategoryLine:
    key: str
    label: str
    work_type: str
    minutes: int
    entries: int


@dataclass
class WorkerReport:
    worker: str
    start: date
    end: date
    weeks: list[WeekLine]
    work_types: dict[str, str]  # key → label, in the taxonomy's order (and "unknown" if any)
    categories: list[CategoryLine]  # most time first
    by_mode: dict[str, Tally]
    by_format: dict[str, Tally]
    people_reached: int  # people taking part in direct work, counted per entry
    tags: dict[str, tuple[str, int]]  # key → (label, entries carrying it), most used first
    stats: dict[str, Any]
    contracted_hours: float = 0.0
    rows: list[Any] = field(default_factory=list)  # the entries themselves, when a list was asked for

    @property
    def minutes(self) -> int:
        return sum(w.minutes for w in self.weeks)

    @property
    def entries(self) -> int:
        return sum(w.entries for w in self.weeks)

    @property
    def empty(self) -> bool:
        return not self.entries

    def minutes_of(self, work_type: str) -> int:
        return sum(w.by_work_type.get(work_type, 0) for w in self.weeks)

    def share(self, work_type: str = DIRECT) -> float:
        return self.minutes_of(work_type) / self.minutes if self.minutes else 0.0

    @property
    def expected_minutes(self) -> int:
        return sum(w.expected_minutes(self.contracted_hours) for w in self.weeks)

    @property
    def average_week_minutes(self) -> float:
        """Minutes per week over the period's weeks (a week cut by the period counts for its weekdays)."""
        weekdays = sum(w.weekdays for w in self.weeks)
        return self.minutes * 5 / weekdays if weekdays else float(self.minutes)


@dataclass
class TeamReport:
    start: date
    end: date
    workers: list[WorkerReport]
    stats: dict[str, Any]
    work_types: dict[str, str]

    @property
    def weeks(self) -> list[WeekLine]:
        return self.workers[0].weeks if self.workers else period_weeks(self.start, self.end)

    @property
    def minutes(self) -> int:
        return sum(w.minutes for w in self.workers)

    @property
    def entries(self) -> int:
        return sum(w.entries for w in self.workers)

    @property
    def empty(self) -> bool:
        return not self.entries


def period_weeks(start: date, end: date) -> list[WeekLine]:
    if end < start:
        raise ValueError(_("the period ends ({end}) before it starts ({start})").format(end=end, start=start))
    weeks, week = [], Week.of(start)
    while week.start <= end:
        weeks.append(WeekLine(week, max(week.start, start), min(week.end, end), {}, 0))
        week = week.shift(1)
    return weeks


def worker_report(
    rows: Iterable[Row],
    taxonomy: Taxonomy,
    start: date,
    end: date,
    *,
    worker: str = "",
    contracted_hours: float = 0.0,
    keep_rows: bool = False,
) -> WorkerReport:
    """One worker's period from *rows* (rows outside *start*..*end* are not counted)."""
    rows = [r for r in rows if start <= r.date <= end]
    weeks = period_weeks(start, end)
    index = {w.week: i for i, w in enumerate(weeks)}
    by_week: list[Counter[str]] = [Counter() for _week in weeks]
    entries_by_week = [0] * len(weeks)
    by_category: Counter[str] = Counter()
    entries_by_category: Counter[str] = Counter()
    how: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])  # (mode|format, key) → sums
    tags: Counter[str] = Counter()
    people = 0
    week_of: dict[date, int] = {}
    for r in rows:
        cat = taxonomy.categories.get(r.category)
        work_type = cat.work_type if cat else UNKNOWN
        i = week_of.get(r.date)
        if i is None:
            i = week_of[r.date] = index[Week.of(r.date)]
        by_week[i][work_type] += r.minutes
        entries_by_week[i] += 1
        by_category[r.category] += r.minutes
        entries_by_category[r.category] += 1
        for sums in (how[("mode", r.mode)], how[("format", r.format)]):
            sums[0] += r.minutes
            sums[1] += 1
            sums[2] += r.people
        if work_type == DIRECT:
            people += r.people
        tags.update(r.tags)
    work_types = _work_types(taxonomy, (k for c in by_week for k in c))
    categories = [
        CategoryLine(
            key, taxonomy.category_label(key),
            taxonomy.categories[key].work_type if key in taxonomy.categories else UNKNOWN,
            minutes, entries_by_category[key],
        )
        for key, minutes in by_category.items()
    ]
    order = {k: i for i, k in enumerate(taxonomy.categories)}
    categories.sort(key=lambda c: (-c.minutes, order.get(c.key, len(order)), c.key))
    tag_lines = {
        key: (taxonomy.tags[key].label if key in taxonomy.tags else key, n)
        for key, n in sorted(tags.items(), key=lambda kv: (-kv[1], kv[0]))
    }
    by_mode = {m: Tally(*how[("mode", m)]) if ("mode", m) in how else Tally() for m in MODES}
    by_format = {f: Tally(*how[("format", f)]) if ("format", f) in how else Tally() for f in FORMATS}
    for (kind, key), sums in how.items():  # a mode or format the list does not know (a file's)
        (by_mode if kind == "mode" else by_format).setdefault(key, Tally(*sums))
    workers = {r.worker for r in rows}
    return WorkerReport(
        worker=worker or (workers.pop() if len(workers) == 1 else ""),
        start=start,
        end=end,
        weeks=[
            WeekLine(w.week, w.first, w.last, {k: c[k] for k in work_types if c[k]}, n)
            for w, c, n in zip(weeks, by_week, entries_by_week, strict=True)
        ],
        work_types=work_types,
        categories=categories,
        by_mode=by_mode,
        by_format=by_format,
        people_reached=people,
        tags=tag_lines,
        stats=figures(rows, taxonomy),
        contracted_hours=contracted_hours,
        rows=sorted(rows, key=_row_order) if keep_rows else [],
    )


def team_report(
    rows: Iterable[Row],
    taxonomy: Taxonomy,
    start: date,
    end: date,
    *,
    workers: Sequence[str] = (),
    contracted_hours: dict[str, float] | None = None,
    keep_rows: bool = False,
) -> TeamReport:
    """Each worker's report (every worker of *workers*, even one with no entries) and the team's figures."""
    by_worker: dict[str, list[Row]] = defaultdict(list)
    kept = []
    for r in rows:
        if start <= r.date <= end:
            by_worker[r.worker].append(r)
            kept.append(r)
    names = sorted(set(by_worker) | set(workers))
    hours = contracted_hours or {}
    reports = [
        worker_report(by_worker.get(name, []), taxonomy, start, end, worker=name,
                      contracted_hours=hours.get(name, 0.0), keep_rows=keep_rows)
        for name in names
    ]
    work_types = _work_types(taxonomy, (k for w in reports for k in w.work_types))
    return TeamReport(start, end, reports, figures(kept, taxonomy), work_types)


def _work_types(taxonomy: Taxonomy, used: Iterable[str]) -> dict[str, str]:
    """The taxonomy's work types, in its order, and 'unknown' last if a row had a category it does not know."""
    found = dict(taxonomy.work_types.items())
    out = {key: wt.label for key, wt in found.items()}
    if UNKNOWN in set(used):
        out[UNKNOWN] = _("Not in the taxonomy")
    return out


def _row_order(row: Any) -> tuple:
    start_time = getattr(row, "start_time", None)
    return (row.date, str(start_time or ""), row.category)
