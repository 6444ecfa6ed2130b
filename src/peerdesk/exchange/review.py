"""Reading exported files back for a supervisor's review: validated, never trusted.

Each file is checked against the CSV contract (:mod:`.csv_format`): UTF-8,
the header of an entries file or of a weekly summary file, and every cell of
every row. A problem is reported as ``FILE:LINE:COLUMN: message``, LINE as a
spreadsheet numbers rows (the header is row 1, a note with line breaks is still
one row) and COLUMN as the column's name. Rows with a problem are left out;
all the others are kept, so one bad cell never hides a worker's month.
Neutralised text cells (``'=…``) are read back to their original text.

Pure Python and :mod:`csv`; the review window and ``peerdesk review`` sit on it.

Speed: a team's year is 100,000 rows. An entries file is read a block of rows at
a time; a block whose every row passes is checked column by column and taken at
C speed, values that repeat (dates, categories, …) looked up once; a block with
any problem is read row by row, which names each one exactly as before.
"""

from __future__ import annotations

import csv
import gc
import io
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, islice, repeat
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from ..domain.entry import FORMATS, MAX_MINUTES, MAX_PEOPLE, MIN_MINUTES, MODES, count_of
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
from . import csv_format as fmt

FILE_COLUMN = "(file)"
ENTRIES = "entries"
SUMMARY = "summary"

_new = tuple.__new__  # a named tuple made from a tuple at C speed, without its Python __new__


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


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
class ReviewResult:
    files: list[str] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)
    entries: list[ReviewEntry] = field(default_factory=list)
    summary_rows: list[SummaryRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # (worker, week, category) -> [work_type, category_label, minutes, entries, people], kept while reading
    sums: dict[tuple[str, str, str], list] = field(default_factory=dict)

    def summary_line(self) -> str:
        n_files, n_entries, n_problems = len(self.files), len(self.entries), len(self.problems)
        parts = [count_of(n_files, "file"), count_of(n_entries, "entry", "entries")]
        if self.summary_rows:
            parts.append(count_of(len(self.summary_rows), "summary row"))
        parts.append(count_of(n_problems, "problem"))
        return ", ".join(parts)

    # -- the combined view

    def combined_summary(self, keep: Callable[[SummaryRow], bool] | None = None) -> list[SummaryRow]:
        """worker × week × category: entries summed, summary files' rows added; sorted like an export.

        A worker's week that an entries file holds is counted from its entries only: the
        rows of a summary file opened beside it (often that very export's summary) would
        count the same work twice.
        """
        # summary rows only ever add keys the entries lack, so self.sums is read, never copied
        extra: dict[tuple[str, str, str], list] = {}
        from_entries = {(worker, week) for worker, week, _cat in self.sums} if self.summary_rows else set()
        for s in self.summary_rows:
            if (s.worker, s.week) in from_entries:
                continue
            key = (s.worker, s.week, s.category)
            row = extra.get(key)
            if row is None:
                row = extra[key] = [s.work_type, s.category_label, 0, 0, 0]
            row[2] += s.minutes
            row[3] += s.entries
            row[4] += s.people
        starts = {week: Week.parse(week).start for week in {key[1] for key in chain(self.sums, extra)}}
        out = [
            _new(SummaryRow, (worker, week, starts[week], wt, cat, label, m, n, p, "", 0))
            for (worker, week, cat), (wt, label, m, n, p) in chain(self.sums.items(), extra.items())
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
    paths = [Path(p) for p in paths]
    result = ReviewResult()
    reading = _Reading(taxonomy, result)
    # Reading allocates one tuple per row and frees almost nothing: the cyclic garbage
    # collector would scan them again and again (a third of the time), so it waits.
    collecting = gc.isenabled()
    gc.disable()
    try:
        for i, path in enumerate(paths):
            name = str(path)
            result.files.append(name)
            reading.read(path, name)
            if progress is not None and progress(i + 1, len(paths)) is False:
                break
    finally:
        # The rows hold no reference cycles (reference counting frees them when the review
        # closes); moving them out of the collector's sight keeps its next passes short.
        gc.freeze()
        if collecting:
            gc.enable()
    return result


_VALID_MINUTES = {str(m): m for m in range(MIN_MINUTES, MAX_MINUTES + 1)}
_VALID_PEOPLE = {str(p): p for p in range(0, MAX_PEOPLE + 1)}
_MINUTES_TEXTS = frozenset(_VALID_MINUTES)
_PEOPLE_TEXTS = frozenset(_VALID_PEOPLE)
_VALID_STARTS = frozenset([""] + [f"{h:02d}:{m:02d}" for h in range(24) for m in range(60)])
_KNOWN_MODES = {m: m for m in MODES}
_KNOWN_FORMATS = {f: f for f in FORMATS}
_KNOWN_STARTS = {t: t for t in _VALID_STARTS}
_MODE_FORMS = frozenset((m, f) for m in MODES for f in FORMATS)
_ENTRY_WIDTH = {len(fmt.ENTRY_COLUMNS)}
_BLOCK = 250  # rows of an entries file checked and taken together


class _Reading:
    """What the files of one review share while they are read: the entry ids (and summary
    keys) taken so far, the files already read, and caches of the values that repeat from
    row to row and from file to file (a year has 365 dates, a team's export thousands of rows)."""

    def __init__(self, taxonomy: Taxonomy, result: ReviewResult) -> None:
        self.taxonomy = taxonomy
        self.result = result
        # entry id -> its ReviewEntry, (worker, week, category) -> its SummaryRow: each knows
        # its file and line, for the message about the second one
        self.seen: dict[str | tuple[str, str, str], ReviewEntry | SummaryRow] = {}
        # size -> (name, bytes) of every file read, until all are: only files of one size can be
        # the same file, and comparing their bytes then is exact (and no file is hashed for nothing)
        self.by_size: dict[int, list[tuple[str, bytes]]] = {}
        self.dates: dict[str, date | None] = {}  # date text -> the date, None if not one
        self.week_of: dict[date, str] = {}  # date -> its ISO week (2026-W48)
        self.week_of_text: dict[str, str] = {}  # valid date text -> its ISO week
        self.tags: dict[str, tuple[str, ...]] = {}  # tags cell -> its tag keys
        self.lines: list[int] = []  # 0, 1, 2, …: see line_numbers
        # (category, work_type) of every category of the loaded taxonomy, and category -> work_type
        self.pairs = frozenset((k, c.work_type) for k, c in taxonomy.categories.items())
        self.work_type_of = {k: c.work_type for k, c in taxonomy.categories.items()}
        self.known_categories = {k: k for k in taxonomy.categories}
        self.label_of = {k: c.label for k, c in taxonomy.categories.items()}
        self.same: dict[str, str] = {}  # a worker's name or a label -> its first text object

    # -- values that repeat

    def date(self, text: str) -> date | None:
        if text not in self.dates:
            try:
                # only YYYY-MM-DD: fromisoformat also takes week dates such as 2026-W48-3
                iso = len(text) == 10 and text[4] == text[7] == "-" and text.isascii()
                self.dates[text] = date.fromisoformat(text) if iso else None
            except ValueError:
                self.dates[text] = None
        return self.dates[text]

    def week(self, day: date) -> str:
        week = self.week_of.get(day)
        if week is None:
            iso = day.isocalendar()
            week = self.week_of[day] = f"{iso[0]}-W{iso[1]:02d}"
        return week

    def tags_of(self, text: str) -> tuple[str, ...]:
        tags = self.tags.get(text)
        if tags is None:
            tags = self.tags[text] = tuple(t for t in text.split(fmt.TAG_SEPARATOR) if t)
        return tags

    def take(self, entry: ReviewEntry) -> None:
        """One checked entry, row by row: kept, its id taken, and added to its week's sums
        (:meth:`take_entries` does the same for a whole block of good rows at once)."""
        self.seen[entry.entry_id] = entry
        self.result.entries.append(entry)
        acc = self.result.sums.get((entry.worker, entry.week, entry.category))
        if acc is None:
            self.result.sums[entry.worker, entry.week, entry.category] = [
                entry.work_type, entry.category_label, entry.minutes, 1, entry.people,
            ]
        else:
            acc[2] += entry.minutes
            acc[3] += 1
            acc[4] += entry.people

    def line_numbers(self, first: int, count: int) -> list[int]:
        """first, first + 1, …: the same int objects for every file (one per entry otherwise)."""
        numbers = self.lines
        if len(numbers) < first + count:
            numbers.extend(range(len(numbers), first + count))
        return numbers[first : first + count]

    # -- one file

    def problem(self, name: str, line: int, column: str, message: str) -> None:
        self.result.problems.append(Problem(name, line, column, message))

    def read(self, path: Path, name: str) -> None:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            self.problem(name, 1, FILE_COLUMN, f"cannot be read ({exc.strerror})")
            return
        same_size = self.by_size.setdefault(len(raw), [])
        for other, other_raw in same_size:
            if other_raw == raw:
                self.problem(
                    name, 1, FILE_COLUMN, f"is the same file as {other}, opened twice; its rows are counted once"
                )
                return
        same_size.append((name, raw))
        try:
            text = raw.decode(fmt.ENCODING)
        except UnicodeDecodeError as exc:
            # utf-8-sig counts from after the byte-order mark: exc.object is what it decoded
            offset = len(raw) - len(exc.object) + exc.start
            line = _row_holding_bad_byte(raw, offset)
            self.problem(
                name, line, FILE_COLUMN, f"is not UTF-8 text (byte 0x{raw[offset]:02x}); export it again from PeerDesk"
            )
            return
        if "\0" in text:
            line = text[: text.index("\0")].count("\n") + 1
            self.problem(name, line, FILE_COLUMN, "is not a CSV file (it holds binary data)")
            return
        reader = csv.reader(_lines(text), strict=True)
        try:
            header = next(reader, None)
        except csv.Error as exc:
            self.problem(name, 1, FILE_COLUMN, f"is not a CSV file ({exc})")
            return
        if not header or header == [""]:
            self.problem(name, 1, FILE_COLUMN, "is empty: no header row")
            return
        kind = _kind(header)
        if kind is None:
            self.result.problems.append(_header_problem(name, header))
            return
        self.result.kinds[name] = kind
        if kind == SUMMARY:
            check = _SummaryChecker(name, self)
            for line, row in _rows(reader, name, fmt.SUMMARY_COLUMNS, self.result):
                check(line, row)
            return
        # A block of rows at a time (small enough to stay in the processor's cache): taken at
        # once if every row of it passes, else read row by row, which names each problem.
        # Either way the outcome is the same as reading the whole file row by row.
        neutralised = _maybe_neutralised(text)
        checker = _EntryChecker(name, self)
        line = 2  # of the block's first row
        while True:
            try:
                rows = list(islice(reader, _BLOCK))
            except csv.Error:
                # read again, row by row from this block's first row, to name the spot
                reader = islice(csv.reader(_lines(text), strict=True), line - 1, None)
                _read_entries(_rows(reader, name, fmt.ENTRY_COLUMNS, self.result, line), checker, neutralised)
                return
            if not rows:
                return
            if not self.take_entries(rows, name, line, neutralised):
                _read_entries(_rows(rows, name, fmt.ENTRY_COLUMNS, self.result, line), checker, neutralised)
            line += len(rows)

    def take_entries(self, rows: list[list[str]], name: str, line: int, neutralised: bool) -> bool:
        """Take the rows of an entries file (from *line* on) at once if every one passes every check.

        The checks run column by column, on each column's distinct values where they repeat
        (a file has thousands of rows but a few hundred dates and a few dozen categories),
        at C speed. If anything at all is wrong, nothing is taken and False is returned: the
        rows are then read one by one, which names each problem in the order of the rows.
        """
        n = len(rows)
        if not n:
            return True
        if set(map(len, rows)) != _ENTRY_WIDTH:
            return False
        columns = list(zip(*rows))
        if neutralised:
            columns = [_restored(column) for column in columns]
        (ids, workers, day_texts, weeks, starts, minutes_texts, work_types, categories, labels,
         modes, forms, people_texts, client_refs, tags_texts, notes) = columns
        week_of_text = self.week_of_text
        for text in set(day_texts).difference(week_of_text):
            day = self.date(text)
            if day is None:
                return False
            week_of_text[text] = self.week(day)
        # A value that must be one of a known few is looked up, and its known text kept in its
        # place (an unknown value gives None, which differs): one check, and one text object
        # for each value instead of one for each cell. Workers' names and labels are kept once too.
        same = self.same
        checked = (
            (tuple(map(week_of_text.__getitem__, day_texts)), weeks),
            (tuple(map(_KNOWN_STARTS.get, starts)), starts),
            # an unknown category has no work type (None), so this checks the category too
            (tuple(map(self.work_type_of.get, categories)), work_types),
            (tuple(map(_KNOWN_MODES.get, modes)), modes),
            (tuple(map(_KNOWN_FORMATS.get, forms)), forms),
        )
        if (
            any(known != column for known, column in checked)
            or "" in workers
            or not set(minutes_texts) <= _MINUTES_TEXTS
            or not set(people_texts) <= _PEOPLE_TEXTS
        ):
            return False
        weeks, starts, work_types, modes, forms = (known for known, _column in checked)
        categories = tuple(map(self.known_categories.__getitem__, categories))
        first = workers[0]
        if workers.count(first) == n:  # one worker's export, as a rule
            workers = (same.setdefault(first, first),) * n
        else:
            workers = tuple(map(same.setdefault, workers, workers))
        labels_now = tuple(map(self.label_of.__getitem__, categories))
        # the loaded taxonomy's labels, as a rule; an export's own, if it was another's
        labels = labels_now if labels_now == labels else tuple(map(same.setdefault, labels, labels))
        minutes = list(map(_VALID_MINUTES.__getitem__, minutes_texts))
        people = list(map(_VALID_PEOPLE.__getitem__, people_texts))
        for text in set(tags_texts).difference(self.tags):
            self.tags_of(text)
        taken = list(map(_new, repeat(ReviewEntry), zip(
            ids, workers, map(self.dates.__getitem__, day_texts), weeks, starts, minutes, work_types,
            categories, labels, modes, forms, people, client_refs, map(self.tags.__getitem__, tags_texts), notes,
            repeat(name), self.line_numbers(line, n),
        )))
        by_id = dict(zip(ids, taken))
        if len(by_id) != n or "" in by_id or not self.seen.keys().isdisjoint(by_id):
            return False  # an id twice in these rows, an empty one, or one taken before
        # every row is good: the entries, their ids and the weekly sums
        self.seen.update(by_id)
        self.result.entries += taken
        sums = self.result.sums
        get = sums.get
        for key, work_type, label, m, p in zip(zip(workers, weeks, categories), work_types, labels, minutes, people):
            acc = get(key)
            if acc is None:
                sums[key] = [work_type, label, m, 1, p]
            else:
                acc[2] += m
                acc[3] += 1
                acc[4] += p
        return True


_ODD_LINE_ENDS = "\v\f\x1c\x1d\x1e\x85\u2028\u2029"  # str.splitlines ends lines there; files do not


def _lines(text: str) -> Iterable[str]:
    """The lines of *text*, ends kept, exactly as a file opened with ``newline=""`` gives them
    to csv.reader: str.splitlines is quicker, and splits at the same places unless the text
    holds a character that only it takes for a line end."""
    if any(c in text for c in _ODD_LINE_ENDS):
        return io.StringIO(text, newline="")
    return text.splitlines(keepends=True)


def _maybe_neutralised(text: str) -> bool:
    """False if no cell of the file begins with ``'``: a cell begins after a comma, a line
    end or an opening quote. Apostrophes are rare enough to visit one by one, and one
    inside a note ("client's") is no reason to look at every cell of the file."""
    i = text.find("'")
    while i >= 0:
        if i == 0 or text[i - 1] in _BEFORE_A_CELL:
            return True
        i = text.find("'", i + 1)
    return False


_BEFORE_A_CELL = ',\r\n"'


def _restored(column: tuple[str, ...]) -> tuple[str, ...]:
    """A column with one leading ``'`` stripped from each cell that has one (see fmt.restore)."""
    joined = "\0".join(column)  # no cell holds NUL: such files are refused before
    if joined[:1] != "'" and "\0'" not in joined:
        return column
    return tuple([c[1:] if c[:1] == "'" else c for c in column])


_UNDECODABLE = re.compile("[\udc80-\udcff]")  # bytes that are not UTF-8, as surrogateescape keeps them


def _row_holding_bad_byte(raw: bytes, offset: int) -> int:
    """The row (as a spreadsheet numbers it) of the first byte that is not UTF-8: a note
    with line breaks before it is still one row. Physical lines if the CSV is malformed too."""
    text = raw.decode(fmt.ENCODING, errors="surrogateescape")
    try:
        for row_number, row in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
            if any(_UNDECODABLE.search(cell) for cell in row):
                return row_number
    except csv.Error:
        pass
    return raw[:offset].count(b"\n") + 1


def _rows(reader, name: str, columns: tuple[str, ...], result: ReviewResult, start: int = 2):
    """(line, cells) of every row with the header's number of cells; the others become problems."""
    width = len(columns)
    line = start - 1
    try:
        for line, row in enumerate(reader, start=start):
            if len(row) == width:
                yield line, row
            elif row and row != [""]:  # a blank row, as spreadsheets sometimes add at the end, is skipped
                where = columns[len(row)] if len(row) < width else "(extra)"
                result.problems.append(Problem(name, line, where, f"the row has {len(row)} cells; the header has {width}"))
    except csv.Error as exc:
        result.problems.append(Problem(name, line + 1, FILE_COLUMN, f"is not valid CSV here ({exc})"))


def _read_entries(rows, checker: _EntryChecker, neutralised: bool) -> None:
    """Row by row, for rows :meth:`_Reading.take_entries` refused: a row that passes every
    check (a handful of dictionary look-ups) is taken at once and added to the running weekly
    sums; only a row that fails goes through the checker, which names each problem."""
    reading = checker.reading
    seen, dates, week_of, tag_of = reading.seen, reading.dates, reading.week_of, reading.tags
    pairs = reading.pairs
    minutes_of, people_of, starts = _VALID_MINUTES.get, _VALID_PEOPLE.get, _VALID_STARTS
    take = reading.take
    name = checker.name
    for line, row in rows:
        if neutralised and "'" in "".join(row):  # only then can a cell be neutralised
            row = [c[1:] if c[:1] == "'" else c for c in row]
        (entry_id, worker, day_text, week, start, minutes_text, work_type, category, label,
         mode, form, people_text, client_ref, tags, note) = row
        day = dates.get(day_text)
        if day is None:
            day = reading.date(day_text)
        minutes = minutes_of(minutes_text)
        people = people_of(people_text)
        if (
            day is not None
            and minutes is not None
            and people is not None
            and entry_id
            and worker
            and entry_id not in seen
            and (category, work_type) in pairs
            and (mode, form) in _MODE_FORMS
            and start in starts
            and (week_of.get(day) or reading.week(day)) == week
        ):
            take(_new(ReviewEntry, (
                entry_id, worker, day, week, start, minutes, work_type, category, label, mode, form,
                people, client_ref, tag_of[tags] if tags in tag_of else reading.tags_of(tags), note, name, line,
            )))
        else:
            checker(line, row)


def _kind(header: list[str]) -> str | None:
    cleaned = [h.strip() for h in header]
    if tuple(cleaned) == fmt.ENTRY_COLUMNS:
        return ENTRIES
    if tuple(cleaned) == fmt.SUMMARY_COLUMNS:
        return SUMMARY
    return None


def _header_problem(name: str, header: list[str]) -> Problem:
    cleaned = [h.strip() for h in header]
    # compare with whichever contract the header starts like
    expected = fmt.SUMMARY_COLUMNS if cleaned and cleaned[0] == "worker" else fmt.ENTRY_COLUMNS
    for i, want in enumerate(expected):
        got = cleaned[i] if i < len(cleaned) else None
        if got != want:
            found = f"'{got}'" if got is not None else "nothing"
            return Problem(
                name, 1, want,
                f"wrong header: expected column '{want}' here, found {found} "
                f"(not a PeerDesk export of format version {fmt.FORMAT_VERSION})",
            )
    extra = cleaned[len(expected)]
    return Problem(name, 1, extra, f"wrong header: unexpected extra column '{extra}'")


class _Checker:
    def __init__(self, name: str, reading: _Reading) -> None:
        self.name = name
        self.reading = reading
        self.seen = reading.seen
        self.date = reading.date
        self.week = reading.week

    def problem(self, line: int, column: str, message: str) -> None:
        self.reading.problem(self.name, line, column, message)

    @staticmethod
    def integer(text: str) -> int | None:
        return int(text) if text.isascii() and text.isdigit() else None  # not '²', which int() refuses

    def category(self, line: int, work_type: str, category: str) -> bool:
        cat = self.reading.taxonomy.categories.get(category)
        if cat is None:
            self.problem(line, "category", f"unknown category '{category}' (not in the loaded taxonomy)")
            return False
        if work_type != cat.work_type:
            self.problem(line, "work_type", f"'{work_type}' does not match category '{category}' ({cat.work_type})")
            return False
        return True


class _EntryChecker(_Checker):
    def __call__(self, line: int, row: list[str]) -> None:
        """Name every problem of a row the fast path refused (its cells are already restored)."""
        (entry_id, worker, day_text, week, start, minutes_text, work_type, category, label,
         mode, form, people_text, client_ref, tags, note) = row
        ok = True
        if not entry_id:
            self.problem(line, "entry_id", "is empty")
            ok = False
        elif entry_id in self.seen:
            other = self.seen[entry_id]
            self.problem(line, "entry_id", f"entry {entry_id} appears twice (also at {other.source}:{other.line})")
            ok = False
        if not worker:
            self.problem(line, "worker", "is empty")
            ok = False
        day = self.date(day_text)
        if day is None:
            self.problem(line, "date", f"'{day_text}' is not a date (YYYY-MM-DD)")
            ok = False
        elif week != self.week(day):
            self.problem(line, "week", f"'{week}' is not the week of {day_text} ({self.week(day)})")
            ok = False
        minutes = self.integer(minutes_text)
        if minutes is None:
            self.problem(line, "minutes", f"'{minutes_text}' is not a whole number")
            ok = False
        elif not MIN_MINUTES <= minutes <= MAX_MINUTES:
            self.problem(line, "minutes", f"{minutes} is out of range ({MIN_MINUTES}–{MAX_MINUTES})")
            ok = False
        people = self.integer(people_text)
        if people is None:
            self.problem(line, "people", f"'{people_text}' is not a whole number")
            ok = False
        elif people > MAX_PEOPLE:
            self.problem(line, "people", f"{people} is out of range (0–{MAX_PEOPLE})")
            ok = False
        if not self.category(line, work_type, category):
            ok = False
        if mode not in MODES:
            self.problem(line, "mode", f"unknown mode '{mode}'")
            ok = False
        if form not in FORMATS:
            self.problem(line, "format", f"unknown format '{form}'")
            ok = False
        if start not in _VALID_STARTS:  # the fast path's own test: 25:00 is not a time either
            self.problem(line, "start_time", f"'{start}' is not a time (HH:MM)")
            ok = False
        if not ok:
            return
        self.reading.take(ReviewEntry(
            entry_id, worker, day, week, start, minutes, work_type, category, label, mode, form, people,
            client_ref, self.reading.tags_of(tags), note, self.name, line,
        ))


class _SummaryChecker(_Checker):
    def __call__(self, line: int, row: list[str]) -> None:
        r = fmt.restore
        worker, week, week_start, work_type, category, label, minutes_text, entries_text, people_text = row
        worker, week, week_start = r(worker), r(week), r(week_start)
        work_type, category, label = r(work_type), r(category), r(label)
        ok = True
        if not worker:
            self.problem(line, "worker", "is empty")
            ok = False
        start = self.date(week_start)
        try:
            parsed = Week.parse(week)
        except ValueError:
            self.problem(line, "week", f"'{week}' is not a week (YYYY-Www)")
            ok = False
        else:
            if start is None or start != parsed.start:
                self.problem(line, "week_start", f"'{week_start}' is not the Monday of {week} ({parsed.start})")
                ok = False
            week = str(parsed)  # 2026-W5 and 2026w05 are 2026-W05, as in entries files
        values = []
        for column, text in (("minutes", minutes_text), ("entries", entries_text), ("people", people_text)):
            value = self.integer(text)
            if value is None:
                self.problem(line, column, f"'{text}' is not a whole number")
                ok = False
            values.append(value)
        if not self.category(line, work_type, category):
            ok = False
        if not ok:
            return
        key = (worker, week, category)  # shares the entry ids' dict: its keys are strings
        if key in self.seen:
            other = self.seen[key]
            self.problem(
                line, "week", f"{worker}'s {week} of '{category}' appears twice (also at {other.source}:{other.line})"
            )
            return
        row = SummaryRow(worker, week, start, work_type, category, label, *values, source=self.name, line=line)
        self.seen[key] = row
        self.reading.result.summary_rows.append(row)


# ------------------------------------------------------------------ writing


def write_summary(rows: Iterable[SummaryRow], path: str | os.PathLike[str]) -> int:
    """The combined view as a summary CSV of the export contract (atomic: temp file, then rename)."""
    target = Path(path)
    tmp = target.with_name(f".{target.name}.tmp")
    count = 0
    try:
        with open(tmp, "w", encoding=fmt.ENCODING, newline="") as fh:
            writer = csv.writer(fh, lineterminator=fmt.LINE_END)
            writer.writerow(fmt.SUMMARY_COLUMNS)
            n = fmt.neutralise
            for row in rows:
                writer.writerow((
                    n(row.worker), n(row.week), row.week_start.isoformat(), n(row.work_type), n(row.category),
                    n(row.category_label), row.minutes, row.entries, row.people,
                ))
                count += 1
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return count
