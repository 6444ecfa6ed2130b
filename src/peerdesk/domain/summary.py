"""Per-week aggregation.

The store sums minutes in SQL, grouped by day and category (over indexed
columns); this module turns those few rows into what the week view, its totals
and the charts show, so every view reads the same numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

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
            summary.work_type_labels[wt] = "Unknown"
        summary.by_day[row.day] += row.minutes
        summary.by_work_type[wt] += row.minutes
        summary.by_category[row.category] = summary.by_category.get(row.category, 0) + row.minutes
        summary.total += row.minutes
        summary.entries += row.entries
        summary.people += row.people
    return summary
