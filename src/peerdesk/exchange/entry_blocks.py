"""The one reader's quick path (:mod:`.reading`): a block of an entries file's rows taken at once.

A block whose every row passes every check is taken column by column at C speed; if anything
at all is wrong, nothing is taken and the rows are read one by one by
:class:`.reading.EntryChecker`, which names each problem. Both check by the same column
descriptions and row rules, and a property test holds them to the same answer.

Speed: a team's year is 100,000 rows, and most of a row's cells hold one of a few values.
Cells that are checked together are looked up together, as one key per row: a row's kind of
work (its work type, category, label, mode, format and people: a few hundred such keys in a
year) and its day (its date, week and the days its file covers: one key a day). Each key is
checked once, the first time it is met, and its values kept; every other row costs one
look-up, not one per cell.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from itertools import chain, repeat
from typing import TYPE_CHECKING, Any

from ..domain.entry import DIRECT
from . import csv_format as fmt
from .csv_text import _UNDECODABLE, restored
from .review_rows import Period, ReviewEntry

if TYPE_CHECKING:
    from .reading import Reading

_new = tuple.__new__  # a named tuple made from a tuple at C speed, without its Python __new__

_ENTRY = {c.name: c for c in fmt.ENTRY_SPEC}
UNIT = "\x1f"  # the unit separator: no export holds it, and a file that does is keyed by tuples
_MODES = _ENTRY["mode"].table
_FORMATS = _ENTRY["format"].table

Kind = tuple[str, str, str, str, str, int]  # work type, category, label, mode, format, people
Day = tuple[date, str, Period | None]  # the date, its ISO week and the days its file covers (version 2)


def looked_up(table: Mapping[Any, Any], keys: Iterable[Any]) -> tuple[Any, ...] | None:
    """The value of each key in *table*, at C speed; None if one is not in it."""
    try:
        return tuple(map(table.__getitem__, keys))
    except KeyError:
        return None


class EntryBlocks:
    """The quick path of one reading (whose caches it shares): what it has checked so far, kept
    for the blocks to come."""

    def __init__(self) -> None:
        # (work_type, category, category_label, mode, format, people) cells -> their values
        self.kinds: dict[Any, Kind] = {}
        # (date, week[, period_start, period_end]) cells -> their values; a file's period is one object
        self.days: dict[Any, Day] = {}
        self.periods: dict[Period, Period] = {}
        # client refs and notes -> the first text object of each: a caseload's refs and a worker's
        # repeated notes are kept once, not once per entry
        self.texts: dict[str, str] = {}
        # whether the file being read holds no UNIT: then a row's cells are keyed joined by it
        self.joined = False

    def take(self, reading: Reading, block: list[list[str]], name: str, line: int, neutralised: bool) -> bool:
        """Take the rows of an entries file (from *line* on) at once if every one passes every check;
        False, with nothing taken, if one does not."""
        n = len(block)
        if not n:
            return True
        spec = reading.layout.spec
        try:
            columns = list(zip(*block, strict=True))
        except ValueError:  # rows of different widths
            return False
        if len(columns) != len(spec):
            return False
        if reading.undecodable and _UNDECODABLE.search("".join(chain.from_iterable(block))):
            return False
        if neutralised:
            columns = [restored(c) if col.restored else c for c, col in zip(columns, spec, strict=True)]
        ids, workers, day_texts, week_texts, starts, minutes_texts = columns[:6]
        client_refs, tags_texts, notes = columns[12:15]
        kinds = looked_up(self.kinds, self.keys(columns[6:12]))
        if kinds is None:
            kinds = self.new_kinds(reading, columns, name, line)
        days = looked_up(self.days, self.keys([day_texts, week_texts, *columns[15:]]))
        if days is None:
            days = self.new_days(reading, [day_texts, week_texts, *columns[15:]])
        minutes = reading.column_values("minutes", minutes_texts)
        start_times = reading.column_values("start_time", starts)
        first = workers[0]
        one_worker = workers.count(first) == n  # one worker's export, as a rule
        if (
            kinds is None or days is None or minutes is None or start_times is None
            or (not first if one_worker else "" in workers)
        ):
            return False
        # the last check: an id twice in these rows, an empty one, or one taken before
        ids_taken = reading.ids
        before = len(ids_taken)
        ids_taken.update(ids)
        if len(ids_taken) != before + n or "" in ids_taken:  # no entry taken has an empty id
            ids_taken.difference_update(ids)
            ids_taken.update(filter(reading.entries_by_id().__contains__, ids))  # those taken before
            return False
        # every row is good: the entries, the days their file covers and the weekly sums
        work_types, categories, labels, modes, forms, people = zip(*kinds, strict=True)
        dates, weeks, periods = zip(*days, strict=True)
        same = reading.same
        first = same.setdefault(first, first)
        workers = (first,) * n if one_worker else tuple(map(same.setdefault, workers, workers))
        tags = looked_up(reading.tags, tags_texts)
        if tags is None:
            for text in set(tags_texts).difference(reading.tags):
                reading.tags_of(text)
            tags = tuple(map(reading.tags.__getitem__, tags_texts))
        texts = self.texts
        refs_kept = map(texts.setdefault, client_refs, client_refs)
        notes_kept = map(texts.setdefault, notes, notes)
        result = reading.result
        result.entries += map(_new, repeat(ReviewEntry), zip(
            ids, workers, dates, weeks, start_times, minutes, work_types, categories, labels, modes, forms,
            people, refs_kept, tags, notes_kept, repeat(name), reading.line_numbers(line, n), strict=False,
        ))  # repeat() is endless
        period = periods[0]
        if period is not None:
            result.periods.setdefault(name, set()).update((period,) if periods.count(period) == n else periods)
        files_of = result.entry_files
        for worker_week in zip(repeat(first), set(weeks)) if one_worker else set(zip(workers, weeks, strict=True)):
            files = files_of.get(worker_week)
            if files is None:
                files_of[worker_week] = {name}
            else:
                files.add(name)
        sums = result.sums
        get = sums.get
        for key, work_type, label, m, p in zip(
            zip(workers, weeks, categories, strict=True), work_types, labels, minutes, people, strict=True
        ):
            acc = get(key)
            if acc is None:
                sums[key] = [work_type, label, m, 1, p]
            else:
                acc[2] += m
                acc[3] += 1
                acc[4] += p
        return True

    def keys(self, columns: list[tuple[str, ...]]) -> Iterable[Any]:
        """Each row's key for the cells of *columns*: the cells joined by a character the file does
        not hold (one text, hashed once, where a tuple would hash each cell), or their tuple."""
        cells = zip(*columns, strict=True)
        return map(UNIT.join, cells) if self.joined else cells

    def new_kinds(
        self, reading: Reading, columns: list[tuple[str, ...]], name: str, line: int
    ) -> tuple[Kind, ...] | None:
        """The block's kinds of work where one is new: each new one checked, and kept if good;
        None if one is not. A category the loaded taxonomy lacks is first read as the
        row-by-row checker would (:meth:`.reading.Reading.adopt`), by the first row holding it."""
        work_types, categories, labels = columns[6:9]
        work_type_of = reading.work_type_of
        unknown = set(categories).difference(work_type_of)
        for i, category in enumerate(categories if unknown else ()):
            if category in unknown:
                unknown.discard(category)
                reading.adopt(name, line + i, category, work_types[i], labels[i])
                if not unknown:
                    break
        keys = list(self.keys(columns[6:12]))
        kinds = self.kinds
        for key in set(keys).difference(kinds):
            cells = key.split(UNIT) if self.joined else key
            if len(cells) != 6:  # a cell holding UNIT, in a file said not to
                return None
            work_type, category, label, mode, form, people_text = cells
            expected = work_type_of.get(category)
            people = reading.value("people", people_text)
            if (
                expected is None or work_type != expected or mode not in _MODES or form not in _FORMATS
                or people is None or (people == 0 and expected == DIRECT)  # direct work reaches someone
            ):
                return None
            # known texts are kept as the taxonomy's and the column's own objects: one for each value
            known = reading.label_of[category]
            kinds[key] = (expected, reading.known_categories[category],
                          known if label == known else reading.same.setdefault(label, label),
                          _MODES[mode], _FORMATS[form], people)
        return tuple(map(kinds.__getitem__, keys))

    def new_days(self, reading: Reading, columns: list[tuple[str, ...]]) -> tuple[Day, ...] | None:
        """The block's days where one is new: each new one checked (a date, its week, and in a
        version 2 file a date inside the days the file covers), and kept if good; None if not."""
        keys = list(self.keys(columns))
        days = self.days
        for key in set(keys).difference(days):
            cells = key.split(UNIT) if self.joined else key
            if len(cells) != len(columns):  # a cell holding UNIT, in a file said not to
                return None
            day = reading.day_of(cells[0])
            # as written: 2026-W5 is not the week of a date, 2026-W05 is
            if day is None or cells[1] != reading.week(day):
                return None
            period = None
            if len(cells) > 2:
                first, last = reading.day_of(cells[2]), reading.day_of(cells[3])
                if first is None or last is None or not first <= day <= last:
                    return None
                period = self.periods.setdefault((first, last), (first, last))
            days[key] = (day, reading.week(day), period)
        return tuple(map(days.__getitem__, keys))
