"""Everything the week view shows, read from the store in a few aggregate queries.

The window, the chart command and the screenshot all use :func:`load_week`, so
the table's totals and every chart come from the same SQL sums.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .domain.entry import FORMATS, MODES, Entry
from .domain.summary import (
    HowSummary,
    TrendWeek,
    WeekSummary,
    summarize_how,
    summarize_trend,
    summarize_week,
    weeks_ending,
)
from .domain.taxonomy import Taxonomy
from .domain.weeks import Week


@dataclass
class WeekData:
    week: Week
    entries: list[Entry]
    summary: WeekSummary
    trend: list[TrendWeek]
    how: HowSummary


def trend_weeks(selected: Week, count: int, today: date) -> list[Week]:
    """The weeks the trend shows: up to this week while the selected week is among
    them, so clicking a column does not shift the chart; otherwise up to the selected week."""
    current = Week.of(today)
    end = current if selected.shift(count - 1) >= current >= selected else selected
    return weeks_ending(end, count)


def load_trend(store, taxonomy: Taxonomy, selected: Week, count: int, today: date) -> list[TrendWeek]:
    weeks = trend_weeks(selected, count, today)
    return summarize_trend(weeks, store.totals_between(weeks[0].start, weeks[-1].end), taxonomy)


def load_week(store, taxonomy: Taxonomy, week: Week, *, trend_count: int, today: date) -> WeekData:
    rows = store.totals_between(week.start, week.end)
    return WeekData(
        week=week,
        entries=store.list_week(week),
        summary=summarize_week(week, rows, taxonomy),
        trend=load_trend(store, taxonomy, week, trend_count, today),
        how=summarize_how(store.mode_format_totals(week.start, week.end), MODES, FORMATS),
    )
