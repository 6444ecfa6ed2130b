"""What the one reader (:mod:`.reading`) keeps of the files it reads: each good row of an
entries file (:class:`ReviewEntry`) or of a summary (:class:`SummaryRow`), and what a reading
collects (:class:`Collected`): the rows, the weekly sums and every problem."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from .csv_text import Problem, Problems


class ReviewEntry(NamedTuple):
    """One valid row of an entries file (a named tuple: 100,000 of them must be cheap)."""

    entry_id: str
    worker: str
    date: date
    week: str
    start_time: str
    minutes: int
    work_type: str
    category: str
    category_label: str
    mode: str
    format: str
    people: int
    client_ref: str
    tags: tuple[str, ...]
    note: str
    source: str
    line: int


class SummaryRow(NamedTuple):
    """worker × week × category: a summary file's row, or the combined view's (a named tuple:
    a team's year is tens of thousands of them, built each time the review opens)."""

    worker: str
    week: str
    week_start: date
    work_type: str
    category: str
    category_label: str
    minutes: int
    entries: int
    people: int
    source: str = ""
    line: int = 0
    first_day: date | None = None  # the days of its week the row holds (None: a version 1 file's)
    last_day: date | None = None


SumKey = tuple[str, str, str]  # worker, week, category
Period = tuple[date, date]  # the first and the last day a file (or a summary row) covers


@dataclass
class Collected:
    """What reading files gives: every good row and every problem, in the files' order."""

    files: list[str] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)  # file -> ENTRIES, SUMMARY or "workbook" (both)
    entries: list[ReviewEntry] = field(default_factory=list)
    summary_rows: list[SummaryRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=Problems)  # at most 1,000 listed per file
    # (worker, week, category) -> [work_type, category_label, minutes, entries, people] of the entries
    sums: dict[SumKey, list[Any]] = field(default_factory=dict)
    extra_columns: dict[str, list[str]] = field(default_factory=dict)  # file -> the columns it added
    periods: dict[str, set[Period]] = field(default_factory=dict)  # entries file -> the days it covers
    entry_files: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (worker, week) -> files

    def lost(self) -> list[Problem]:
        """The problems that left a row or a file out (not the notes on how a file was read)."""
        return [p for p in self.problems if not p.note]

    def lost_count(self) -> int:
        """How many problems left a row or a file out, those not listed one by one included."""
        return sum(p.more or 1 for p in self.problems if not p.note)
