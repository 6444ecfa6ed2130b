"""Per-week aggregation.

The store sums minutes in SQL, grouped by day and category (over indexed
columns); this module turns those few rows into what the week view, its totals
and the charts show, so every view reads the same numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from ..i18n import _
from .taxonomy import Taxonomy
from .weeks import Week

UNKNOWN_WORK_TYPE = "unknown"


@dataclass(frozen=True)
class TotalRow:
    """Minutes, entries and people for one day and category (one SQL group)."""

    day: date
    category: str
    minutes: int
    entries: int
    people: int


@dataclass(frozen=True)
class HowRow:
    """Minutes, entries and people for one mode and format (one SQL group)."""

    mode: str
    format: str
    minutes: int
    entries: int
    people: int


@dataclass
class WeekSummary:
    week: Week
    by_day: dict[date, int]
    by_work_type: dict[str, int]
    by_category: dict[str, int]
    total: int = 0
    entries: int = 0
    people: int = 0
    work_type_labels: dict[str, str] = field(default_factory=dict)

    def percent(self, work_type: str) -> float:
        """Share of the week's minutes, 0–100; 0 for an empty week."""
        if not self.total:
            return 0.0
        return 100.0 * self.by_work_type.get(work_type, 0) / self.total

    def split(self) -> list[tuple[str, str, int, float]]:
        """(key, label, minutes, percent) for each work type, in taxonomy order."""
        return [
            (key, self.work_type_labels.get(key, key), minutes, self.percent(key))
            for key, minutes in self.by_work_type.items()
        ]


def summarize_week(week: Week, rows: Iterable[TotalRow], taxonomy: Taxonomy) -> WeekSummary:
    summary = WeekSummary(
        week=week,
        by_day={d: 0 for d in week.days()},
        by_work_type={k: 0 for k in taxonomy.work_types},
        by_category={},
        work_type_labels={k: wt.label for k, wt in taxonomy.work_types.items()},
    )
    for row in rows:
        if row.day not in week:
            continue
        cat = taxonomy.categories.get(row.category)
        wt = cat.work_type if cat else UNKNOWN_WORK_TYPE
        if wt not in summary.by_work_type:
            summary.by_work_type[wt] = 0
            summary.work_type_labels[wt] = _("Unknown")
        summary.by_day[row.day] += row.minutes
        summary.by_work_type[wt] += row.minutes
        summary.by_category[row.category] = summary.by_category.get(row.category, 0) + row.minutes
        summary.total += row.minutes
        summary.entries += row.entries
        summary.people += row.people
    return summary


@dataclass
class TrendWeek:
    week: Week
    by_work_type: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_work_type.values())


def summarize_trend(weeks: list[Week], rows: Iterable[TotalRow], taxonomy: Taxonomy) -> list[TrendWeek]:
    """Minutes per work type for each of *weeks* (oldest first), from day × category rows."""
    trend = {w: TrendWeek(w, {k: 0 for k in taxonomy.work_types}) for w in weeks}
    for row in rows:
        tw = trend.get(Week.of(row.day))
        if tw is None:
            continue
        cat = taxonomy.categories.get(row.category)
        wt = cat.work_type if cat else UNKNOWN_WORK_TYPE
        tw.by_work_type[wt] = tw.by_work_type.get(wt, 0) + row.minutes
    return [trend[w] for w in weeks]


def weeks_ending(week: Week, count: int) -> list[Week]:
    """The *count* weeks up to and including *week*, oldest first."""
    return [week.shift(-i) for i in range(count - 1, -1, -1)]


@dataclass(frozen=True)
class Tally:
    minutes: int = 0
    entries: int = 0
    people: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.minutes + other.minutes, self.entries + other.entries, self.people + other.people)


@dataclass
class HowSummary:
    """How the week's work was done: by mode and by format."""

    by_mode: dict[str, Tally]
    by_format: dict[str, Tally]

    @property
    def total(self) -> int:
        return sum(t.minutes for t in self.by_mode.values())


def summarize_how(rows: Iterable[HowRow], modes: Iterable[str], formats: Iterable[str]) -> HowSummary:
    """Totals per mode and per format; every known mode and format present, zero when unused."""
    how = HowSummary({m: Tally() for m in modes}, {f: Tally() for f in formats})
    for row in rows:
        t = Tally(row.minutes, row.entries, row.people)
        how.by_mode[row.mode] = how.by_mode.get(row.mode, Tally()) + t
        how.by_format[row.format] = how.by_format.get(row.format, Tally()) + t
    return how
