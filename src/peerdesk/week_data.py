"""Everything the week view shows, read from the store in a few aggregate queries.

The window, the chart command and the screenshot all use :class:`WeekLoader`
(or :func:`load_week`), so the table's totals and every chart come from the
same SQL sums.

Switching weeks is the view's busiest path, so the loader reads the week in
one transaction with plain SQL (:meth:`Store.week_rows`), leaves the entries
as plain rows until one is asked for (the table needs their text, not Entry
objects), and keeps the trend's per-week totals between switches: the weeks
either side of the one shown share all but one week of the trend. Those kept
totals are dropped as soon as the store's version (its audit log, which every
write adds to) moves on, whoever wrote.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import overload

from .domain.entry import FORMATS, MODES, Entry
from .domain.summary import (
    HowSummary,
    TotalRow,
    TrendWeek,
    WeekSummary,
    summarize_how,
    summarize_trend,
    summarize_week,
    weeks_ending,
)
from .domain.taxonomy import Taxonomy
from .domain.weeks import Week, month_abbreviation
from .i18n import _
from .storage.rows import EntryRow


class WeekEntries(Sequence[Entry]):
    """A week's entries as the store read them: :class:`EntryRow` rows, each made an
    :class:`Entry` only when asked for (the table needs their text, not Entry objects)."""

    def __init__(self, rows: list[EntryRow], make: Callable[[EntryRow], Entry] = EntryRow.to_entry) -> None:
        self.rows = rows
        self._make = make
        self._made: dict[int, Entry] = {}

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, index: int) -> Entry: ...
    @overload
    def __getitem__(self, index: slice) -> list[Entry]: ...
    def __getitem__(self, index: int | slice) -> Entry | list[Entry]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self.rows)))]
        if index < 0:
            index += len(self.rows)
        entry = self._made.get(index)
        if entry is None:
            entry = self._made[index] = self._make(self.rows[index])
        return entry

    def __iter__(self) -> Iterator[Entry]:
        return (self[i] for i in range(len(self.rows)))

    def __eq__(self, other: object) -> bool:  # the same rows, as stored (a quick C comparison)
        return self.rows == other.rows if isinstance(other, WeekEntries) else NotImplemented

    __hash__ = None  # type: ignore[assignment]  # (compared by value, so not hashable)


@dataclass
class WeekData:
    week: Week
    entries: Sequence[Entry]
    summary: WeekSummary
    trend: list[TrendWeek]
    how: HowSummary
    state: str = "open"  # open, submitted, reviewed (Edit ▸ Submit week…)
    reviewed_by: str = ""  # the supervisor's sign-off, when reviewed


def trend_weeks(selected: Week, count: int, today: date) -> list[Week]:
    """The weeks the trend shows: up to this week while the selected week is among
    them, so clicking a column does not shift the chart; otherwise up to the selected week."""
    current = Week.of(today)
    end = current if selected.shift(count - 1) >= current >= selected else selected
    return weeks_ending(end, count)


KEEP_WEEKS = 520  # trend totals kept at most (ten years of weeks), a few hundred bytes each


class WeekLoader:
    """Reads the week view's data from *store*, keeping the trend's per-week totals.

    One loader serves one store; make a new one for another store.
    """

    def __init__(self, store, taxonomy: Taxonomy) -> None:
        self.store = store
        self.taxonomy = taxonomy
        self._version: int | None = None
        self._weeks: dict[Week, dict[str, int]] = {}  # minutes per work type, per week

    def load(self, week: Week, *, trend_count: int, today: date) -> WeekData:
        """*week*'s entries and sums, and *trend_count* weeks of trend (0: none, no query)."""
        weeks = trend_weeks(week, trend_count, today)
        if len(self._weeks) > KEEP_WEEKS:
            self._weeks.clear()  # a long browse: start again rather than grow
        others = [w for w in weeks if w != week]  # the selected week's own totals are read anyway
        missing = [w for w in others if w not in self._weeks]
        version, rows, totals, how, trend_rows = self.store.week_rows(week.start, week.end, _span(missing))
        if version != self._version:  # written since the totals were kept: none of them counts
            self._version = version
            self._weeks.clear()
            if missing != others:
                missing = others
                trend_rows = self.store.week_rows(week.start, week.end, _span(missing))[4]
        self._keep(missing, trend_rows)
        self._keep([week], totals)
        return WeekData(
            week=week,
            entries=WeekEntries(rows),
            summary=summarize_week(week, totals, self.taxonomy),
            trend=[TrendWeek(w, dict(self._weeks[w])) for w in weeks],
            how=summarize_how(how, MODES, FORMATS),
            **_state(self.store, week),
        )

    def trend(self, selected: Week, count: int, today: date) -> list[TrendWeek]:
        """Only the trend (another number of weeks), from the kept totals where it can."""
        return self.load(selected, trend_count=count, today=today).trend

    def _keep(self, weeks: list[Week], rows: Iterable[TotalRow]) -> None:
        """Keep each of *weeks*' minutes per work type, from day × category rows."""
        for kept in summarize_trend(weeks, rows, self.taxonomy):
            self._weeks[kept.week] = kept.by_work_type


def _span(weeks: list[Week]) -> tuple[date, date] | None:
    return (min(weeks).start, max(weeks).end) if weeks else None


def _state(store, week: Week) -> dict[str, str]:
    """The week's state (a file from before submitted weeks has none: open)."""
    import json

    try:
        rows = store._rows("SELECT state, reviewed FROM week_states WHERE week = ?", (str(week),))
    except Exception:  # noqa: BLE001 - no such table: an older file, read before its upgrade
        return {}
    if not rows:
        return {}
    state, reviewed = rows[0]
    if not reviewed:
        return {"state": state}
    sign_off = json.loads(reviewed)  # "S. Khan on 4 Dec: good week"
    when = datetime.fromisoformat(sign_off["at"]).astimezone() if sign_off.get("at") else None
    said = str(sign_off.get("by", "?"))
    if when:
        # TRANSLATORS: who signed a week off and when: S. Khan on 4 Dec
        said = _("{name} on {day} {month}").format(name=said, day=when.day, month=month_abbreviation(when.month))
    if sign_off.get("comment"):
        # TRANSLATORS: the sign-off and the supervisor's comment: S. Khan on 4 Dec: good week
        said = _("{sign_off}: {comment}").format(sign_off=said, comment=sign_off["comment"])
    return {"state": state, "reviewed_by": said}


def load_week(store, taxonomy: Taxonomy, week: Week, *, trend_count: int, today: date) -> WeekData:
    """The week once, with no totals kept (the chart command, screenshots)."""
    return WeekLoader(store, taxonomy).load(week, trend_count=trend_count, today=today)
