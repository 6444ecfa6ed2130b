"""The one reader of PeerDesk's CSV files: every row checked against the contract.

A file is checked against the CSV contract (:mod:`.csv_format`): UTF-8 (the
byte-order mark may be missing), the header of an entries file or of a weekly
summary file (spaces around a column name are forgiven), and every cell of
every row as its :class:`~.csv_format.Column` describes it. A problem is a
:class:`Problem`, ``FILE:LINE:COLUMN: message``, LINE as a spreadsheet numbers
rows (the header is row 1, a note with line breaks is still one row) and
COLUMN as the column's name. Rows with a problem are left out; all the others
are kept, so one bad cell never hides a worker's month. Text cells lose one
leading ``'`` (a neutralised ``'=…`` reads back as ``=…``); number cells never do.

The review (:mod:`.review`) collects every problem of many files with it;
:mod:`.csv_read` is its strict mode, which stops at the first. A file's text
and header (its lines, a cut, the contract its header holds) are
:mod:`.csv_text`'s, and so is :class:`Problem`.

Speed: a team's year is 100,000 rows. An entries file is read a block of rows at
a time (its lines split at C speed where csv.reader would read them so:
:class:`.csv_text.LineRows`); a block whose every row passes is checked column by
column and taken at C speed (:meth:`Reading.take_entries`, :mod:`.entry_blocks`), the
cells that repeat together (a row's kind of work, its day) looked up once per key; a
block with any problem is read row by row by :class:`EntryChecker`, which names each
one. Both check by the same column descriptions and row rules, and a property test
holds them to the same answer.

A workbook's sheets come in by :meth:`Reading.read_table` (:mod:`.xlsx_read` turns their cells
into the contract's text): the same checks, with no ``'`` to strip, since a workbook's text is
never neutralised.
"""

from __future__ import annotations

import csv
import zlib
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any

from ..domain.entry import DIRECT
from ..domain.taxonomy import Taxonomy
from ..domain.weeks import Week
from ..i18n import _, ngettext
from . import csv_format as fmt
from .csv_text import (
    _BEYOND_ASCII,
    _BINARY,
    _LATIN_1,
    ENTRIES,
    FILE_COLUMN,
    SUMMARY,
    Layout,
    LineRows,
    Problem,
    cut_in_header,
    cut_short,
    header_problem,
    layout_of,
    lines,
    maybe_neutralised,
    quoted,
    same_bytes,
    undecodable_byte,
)
from .entry_blocks import UNIT, EntryBlocks, looked_up
from .review_rows import Collected, ReviewEntry, SummaryRow

BLOCK = 250  # rows of an entries file checked and taken together

_new = tuple.__new__  # a named tuple made from a tuple at C speed, without its Python __new__

ENTRY = {c.name: c for c in fmt.ENTRY_SPEC}


class Reading:
    """What the files of one reading share while they are read: the entry ids (and summary
    keys) taken so far, the files already read, and caches of the values that repeat from
    row to row and from file to file (a year has 365 dates, a team's export thousands of rows)."""

    def __init__(self, taxonomy: Taxonomy, result: Collected) -> None:
        self.taxonomy = taxonomy
        self.result = result
        # (worker, week, category, first day) -> its SummaryRow, which knows its file and line, for
        # the message about the second one; the ids of the entries taken (a set is quicker than a
        # dict of 100,000), and the entries by id, as far as one met again needed (see earlier)
        self.seen: dict[tuple[Any, ...], SummaryRow] = {}
        self.ids: set[str] = set()
        self.entry_of: dict[str, ReviewEntry] = {}
        # (size, CRC-32 of its whole bytes) -> (name, path) of every file read: only files alike in
        # both can be the same file, and comparing their bytes then is exact. Their bytes are not
        # kept (a team's year is tens of MB of them, held on top of its rows): the earlier file is
        # read again, and when it cannot be, size and CRC-32 decide. Not the CRC of its ends alone
        # (7 ms quicker over 20 exports of 1 MB): two exports of one worker's period, one entry
        # changed in between, are alike in size and at both ends.
        self.read_before: dict[tuple[int, int], list[tuple[str, Path]]] = {}
        self.dates: dict[str, date | None] = {}  # date text -> the date, None if not one
        self.week_of: dict[date, str] = {}  # date -> its ISO week (2026-W48)
        self.tags: dict[str, tuple[str, ...]] = {}  # tags cell -> its tag keys
        self.lines: list[int] = []  # 0, 1, 2, …: see line_numbers
        self.work_type_of = {k: c.work_type for k, c in taxonomy.categories.items()}
        self.known_categories = {k: k for k in taxonomy.categories}
        self.label_of = {k: c.label for k, c in taxonomy.categories.items()}
        self.same: dict[str, str] = {}  # a worker's name or a label -> its first text object
        self.undecodable = False  # the file being read holds bytes that are not UTF-8
        self.apostrophes = True  # its text cells may begin with a neutralising ' (CSV; not a workbook)
        # (worker, week) -> (first day, last day, file) of the summary rows read: other files' days
        self.summary_days: dict[tuple[str, str], list[tuple[date, date, str]]] = {}
        self.overlaps_named: set[tuple[str, str]] = set()
        self.layout = Layout(ENTRIES, fmt.ENTRY_COLUMNS, None, ())  # the file being read: its header
        self.blank_rows = self.first_blank_row = 0
        # minutes, people, start_time -> the cell texts met so far and their values (0720, a time
        # re-written as 8:45 AM too): the few a team writes, small enough to stay in the cache
        self.known: dict[str, dict[str, Any]] = {name: {} for name in ("minutes", "people", "start_time")}
        self.blocks = EntryBlocks()  # the quick path's own: what it checked, for the blocks to come

    # -- values that repeat

    def day_of(self, text: str) -> date | None:
        if text not in self.dates:
            try:
                self.dates[text] = ENTRY["date"].read(text)
            except ValueError:
                self.dates[text] = None
        return self.dates[text]

    def week(self, day: date) -> str:
        week = self.week_of.get(day)
        if week is None:
            week = self.week_of[day] = str(Week.of(day))
        return week

    def tags_of(self, text: str) -> tuple[str, ...]:
        tags = self.tags.get(text)
        if tags is None:
            tags = self.tags[text] = ENTRY["tags"].read(text)
        return tags

    def column_values(self, name: str, texts: tuple[str, ...]) -> tuple[Any, ...] | None:
        """The values of a column's cells, or None if one is not a value its column allows."""
        known = self.known[name]
        values = looked_up(known, texts)
        if values is None:  # a text not met before (an hour of the day, a number written 0720)
            for text in set(texts).difference(known):
                try:
                    known[text] = ENTRY[name].read(text)
                except ValueError:
                    return None
            values = tuple(map(known.__getitem__, texts))
        return values

    def value(self, name: str, text: str) -> Any:
        """The value of one cell of minutes, people or start_time, or None if its column does not allow it."""
        known = self.known[name]
        if text not in known:
            try:
                known[text] = ENTRY[name].read(text)
            except ValueError:
                return None
        return known[text]

    def adopt(self, name: str, line: int, category: str, work_type: str, label: str | None) -> bool:
        """Read a category the loaded taxonomy lacks (an organisation's own) by the row's own work
        type and label, with one note for the review; False if the work type is unknown too."""
        if not category or work_type not in self.taxonomy.work_types:
            return False
        label = label or category
        self.work_type_of[category] = work_type
        self.known_categories[category] = category
        self.label_of[category] = label
        self.result.problems.append(Problem(
            name, line, "category",
            _("'{category}' is not in the loaded taxonomy; counted as {work_type}, '{label}'").format(
                category=category, work_type=work_type, label=label), note=True,
        ))
        return True

    def take(self, entry: ReviewEntry) -> None:
        """One checked entry: kept, its id taken, and added to its week's sums
        (:meth:`take_entries` does the same for a whole block of good rows at once)."""
        self.ids.add(entry.entry_id)
        self.result.entries.append(entry)
        self.result.entry_files.setdefault((entry.worker, entry.week), set()).add(entry.source)
        key = (entry.worker, entry.week, entry.category)
        acc = self.result.sums.get(key)
        if acc is None:
            self.result.sums[key] = [entry.work_type, entry.category_label, entry.minutes, 1, entry.people]
        else:
            acc[2] += entry.minutes
            acc[3] += 1
            acc[4] += entry.people

    def earlier(self, entry_id: str) -> ReviewEntry:
        """The entry taken before with *entry_id*, one of :attr:`ids`. An id met again is rare: only
        then are the entries taken since the last time indexed by id (each id is in them once)."""
        return self.entries_by_id()[entry_id]

    def entries_by_id(self) -> dict[str, ReviewEntry]:
        """Every entry taken so far, by id: indexed as far as the last time, and then the rest."""
        entries, entry_of = self.result.entries, self.entry_of
        if len(entry_of) < len(entries):
            entry_of.update((e.entry_id, e) for e in entries[len(entry_of) :])
        return entry_of

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
        """Check one file and keep its good rows (problems go to the result)."""
        text = self.text_of(path, name)
        if text is not None:
            self.read_text(text, name)

    def read_text(self, text: str, name: str) -> None:
        """The same for text already read (a team server's rows written as an export)."""
        text, cut = cut_short(text)
        delimiter = ","
        reader = LineRows(lines(text))
        try:
            header = next(reader.reader, None)
            if header is not None and len(header) == 1 and layout_of(header) is None:
                # a spreadsheet in a locale whose lists take ';' (or a tab) saved it again
                for other in (";", "\t"):
                    cells = next(csv.reader(lines(text), delimiter=other, strict=True))
                    if layout_of(cells) is not None:
                        delimiter, header = other, cells
                        reader = LineRows(lines(text), other)
                        next(reader.reader)
                        said = (_("has its cells separated by a tab, not ','; read as such") if other == "\t" else
                                _("has its cells separated by '{separator}', not ','; read as such").format(
                                    separator=other))
                        self.result.problems.append(Problem(name, 1, FILE_COLUMN, said, note=True))
                        break
        except csv.Error as exc:
            self.problem(name, 1, FILE_COLUMN, _("is not a CSV file ({why})").format(why=exc))
            return
        if not header or header == [""]:
            self.problem(name, 1, FILE_COLUMN, _("is empty: no header row") if not cut else cut_in_header())
            return
        after = self.read_table(header, reader, name, text, delimiter)
        if cut and after is not None:
            if after > 2:
                said = _("ends inside this row, without the line break every export ends with: the file may have "
                         "been cut short; this row is left out and the rows up to line {line} are kept").format(
                    line=after - 1)
            else:
                said = _("ends inside this row, without the line break every export ends with: the file may have "
                         "been cut short; this row is left out and no row before it is complete")
            self.problem(name, after, FILE_COLUMN, said)

    def read_table(
        self, header: list[str], reader: Iterable[list[str]], name: str, text: str | None = None, delimiter: str = ","
    ) -> int | None:
        """The rows under *header*: a CSV file's (its *text*, for what a row that is not valid CSV
        needs), or with *text* None a workbook sheet's cells as text, which no ``'`` was put in
        front of. Returns the line after the last, or None if the header holds no contract."""
        self.apostrophes = text is not None
        self.blank_rows = 0
        layout = layout_of(header)
        if layout is None:
            self.result.problems.append(header_problem(name, header))
            return None
        kind = layout.kind
        self.layout = layout
        if layout.version == 1:
            self.result.problems.append(Problem(
                name, 1, FILE_COLUMN,
                _("is a format version 1 export: it does not say which days it covers, so a week it holds "
                  "only in part cannot be told from a whole one (export it again to combine it by days)"),
                note=True,
            ))
        if layout.extra:
            self.result.extra_columns[name] = list(layout.extra)
            names = ", ".join(quoted(c) for c in layout.extra)
            self.result.problems.append(Problem(
                name, 1, FILE_COLUMN,
                _("has columns of its own ({columns}): kept in the file, not counted").format(columns=names),
                note=True,
            ))
        self.result.kinds[name] = kind
        if kind == SUMMARY:
            after = self.read_summary(reader, name)
        else:
            after = self.read_entries(reader, text, name, delimiter)
        if self.blank_rows:
            self.result.problems.append(Problem(
                name, self.first_blank_row, FILE_COLUMN,
                ngettext("{n} empty row skipped (the first here)", "{n} empty rows skipped (the first here)",
                         self.blank_rows).format(n=self.blank_rows), note=True,
            ))
        return after

    def read_summary(self, reader: Iterable[list[str]], name: str) -> int:
        """The rows of a summary file, one by one; the line after the last."""
        check = SummaryChecker(name, self)
        line = 1
        for line, row in self.rows(reader, name):
            check(line, row)
        return line + 1

    def read_entries(self, reader: Iterable[list[str]], text: str | None, name: str, delimiter: str = ",") -> int:
        """The rows of an entries file, a block at a time; the line after the last.

        A block (small enough to stay in the processor's cache) is taken at once if every row
        of it passes, else read row by row, which names each problem. Either way the outcome is
        the same as reading the whole file row by row."""
        neutralised = text is not None and maybe_neutralised(text)
        self.blocks.joined = text is not None and UNIT not in text
        checker = EntryChecker(name, self)
        line = 2  # of the block's first row
        blocks = reader.blocks(BLOCK) if isinstance(reader, LineRows) else iter(lambda: list(islice(reader, BLOCK)), [])
        while True:
            try:
                block = next(blocks, [])
            except csv.Error:
                assert text is not None  # only a CSV file's reader raises it
                # read again, row by row from this block's first row, to name the spot
                again = islice(csv.reader(lines(text), delimiter=delimiter, strict=True), line - 1, None)
                for line, row in self.rows(again, name, line):  # noqa: B020
                    checker(line, row)
                return line + 1
            if not block:
                return line
            picked = self.picked(block)
            if picked is None or not self.take_entries(picked, name, line, neutralised):
                for at, row in self.rows(block, name, line):
                    checker(at, row)
            line += len(block)

    def picked(self, block: list[list[str]]) -> list[Any] | None:
        """The block's rows as the contract's cells, in its order (None if a row's width is off)."""
        pick = self.layout.pick
        if pick is None:
            return block
        if set(map(len, block)) != {self.layout.width}:
            return None
        return list(map(pick, block))

    def rows(self, reader: Iterable[list[str]], name: str, start: int = 2) -> Iterator[tuple[int, list[str]]]:
        """(line, the contract's cells) of every row with the header's number of cells; the others
        become problems, and rows with every cell empty (a row cleared in a spreadsheet) are skipped."""
        layout = self.layout
        width, pick = layout.width, layout.pick
        line = start - 1
        try:
            for line, row in enumerate(reader, start=start):
                if not any(row):
                    if len(row) > 1:  # a row of empty cells; the empty line spreadsheets add is not one
                        if not self.blank_rows:
                            self.first_blank_row = line
                        self.blank_rows += 1
                elif len(row) == width:
                    yield line, (list(pick(row)) if pick is not None else row)
                else:
                    where = layout.header[len(row)] if len(row) < width else "(extra)"
                    message = _("the row has {cells} cells; the header has {width}").format(cells=len(row), width=width)
                    self.result.problems.append(Problem(name, line, where, message))
        except csv.Error as exc:
            self.result.problems.append(Problem(
                name, line + 1, FILE_COLUMN, _("is not valid CSV here ({why})").format(why=exc)))

    def text_of(self, path: Path, name: str) -> str | None:
        """The file's text, or None with a problem: unreadable, opened twice, not UTF-8, binary."""
        try:
            raw = path.read_bytes()
        except OSError as exc:
            self.problem(name, 1, FILE_COLUMN, _("cannot be read ({why})").format(why=exc.strerror))
            return None
        if self.seen_before(path, raw, name):
            return None
        self.undecodable = False
        try:
            text = raw.decode(fmt.ENCODING)  # utf-8-sig: the byte-order mark is dropped if there is one
        except UnicodeDecodeError:
            if _BINARY.search(raw, 0, 1024):  # not text at all (random bytes took 440 MB to read as text)
                self.problem(name, 1, FILE_COLUMN, _("is not a CSV file (it holds binary data)"))
                return None
            text = raw.decode(fmt.ENCODING, errors="surrogateescape")
            if _BEYOND_ASCII.search(text):
                # UTF-8 around a few bytes that are not (a copy damaged, a file cut inside a
                # character): each costs its row (see Checker.values), the rest is read
                self.undecodable = True
            else:
                # no UTF-8 beyond ASCII anywhere: a spreadsheet on Windows saved it again
                text = raw.removeprefix(fmt.BOM).decode("cp1252", errors=_LATIN_1)
                self.result.problems.append(Problem(
                    name, 1, FILE_COLUMN,
                    _("is not UTF-8; read as Windows-1252, as spreadsheets on Windows save it"), note=True,
                ))
        header_end = text.find("\n")  # the header's text alone (partition would copy all the rest)
        if "\0" in text[: header_end if header_end >= 0 else None]:
            # a header holding NUL: a file of another kind (UTF-16, a spreadsheet's own format);
            # a NUL inside a later cell is that cell's text, and the format neutralises it
            self.problem(name, 1, FILE_COLUMN, _("is not a CSV file (it holds binary data)"))
            return None
        return text

    def seen_before(self, path: Path, raw: bytes, name: str) -> bool:
        """Whether a file of these bytes was read already (then said, and its rows not read again)."""
        alike = self.read_before.setdefault((len(raw), zlib.crc32(raw)), [])
        for other, other_path in alike:
            if same_bytes(other_path, raw):
                self.problem(
                    name, 1, FILE_COLUMN,
                    _("is the same file as {other}, opened twice; its rows are counted once").format(other=other),
                )
                return True
        alike.append((name, path))
        return False

    def take_entries(self, block: list[list[str]], name: str, line: int, neutralised: bool) -> bool:
        """Take the rows of an entries file (from *line* on) at once if every one passes every check
        (:mod:`.entry_blocks`). If anything at all is wrong, nothing is taken and False is returned:
        the rows are then read one by one, which names each problem."""
        return self.blocks.take(self, block, name, line, neutralised)


# ------------------------------------------------------------------ rows, one at a time


class Checker:
    """Names every problem of one row, by the columns' descriptions and the row rules."""

    spec: tuple[fmt.Column, ...] = ()

    def __init__(self, name: str, reading: Reading) -> None:
        self.name = name
        self.reading = reading
        self.seen = reading.seen
        self.spec = reading.layout.spec
        self.restoring = reading.apostrophes

    def problem(self, line: int, column: str, message: str) -> None:
        self.reading.problem(self.name, line, column, message)

    def values(self, line: int, row: list[str]) -> dict[str, Any]:
        """Every cell restored and read by its column; a bad cell is named and reads as None."""
        values: dict[str, Any] = {}
        for column, cell in zip(self.spec, row, strict=True):
            bad = undecodable_byte(cell) if self.reading.undecodable else None
            if bad is not None:
                self.problem(line, column.name, _("holds a byte that is not UTF-8 ({byte}); the row is left out")
                             .format(byte=f"0x{bad:02x}"))
                values[column.name] = None
                continue
            try:
                values[column.name] = column.read(fmt.restore(cell) if column.restored and self.restoring else cell)
            except ValueError as exc:
                self.problem(line, column.name, str(exc))
                values[column.name] = None
        return values

    def category(self, line: int, v: dict[str, Any]) -> bool:
        """The row's category is the loaded taxonomy's (or read as one: :meth:`Reading.adopt`),
        and the row's work type is the category's. A cell already named bad reads as None."""
        category, work_type = v["category"], v["work_type"]
        if category is None:
            return False
        reading = self.reading
        expected = reading.work_type_of.get(category)
        if expected is None:
            if work_type is None or not reading.adopt(self.name, line, category, work_type, v["category_label"]):
                if work_type is None:
                    said = _("unknown category '{category}' (not in the loaded taxonomy)").format(category=category)
                else:
                    said = _("unknown category '{category}' (not in the loaded taxonomy, and '{work_type}' is not one "
                             "of its work types either)").format(category=category, work_type=work_type)
                self.problem(line, "category", said)
                return False
            expected = work_type
        if work_type is None:
            return False
        if work_type != expected:
            self.problem(line, "work_type", _("'{work_type}' does not match category '{category}' ({expected})")
                         .format(work_type=work_type, category=category, expected=expected))
            return False
        return True


class EntryChecker(Checker):

    def __call__(self, line: int, row: list[str]) -> None:
        """Check one row of an entries file: taken if good, else each problem named."""
        v = self.values(line, row)
        ok = None not in v.values()
        entry_id, day = v["entry_id"], v["date"]
        if entry_id is not None and entry_id in self.reading.ids:
            other = self.reading.earlier(entry_id)
            self.problem(line, "entry_id", _("entry {entry_id} appears twice (also at {place})").format(
                entry_id=entry_id, place=f"{other.source}:{other.line}"))
            ok = False
        week = fmt.restore(row[3])  # as written: 2026-W5 is not the week of a date, 2026-W05 is
        if day is not None and v["week"] is not None and week != self.reading.week(day):
            self.problem(line, "week", _("'{week}' is not the week of {day} ({right})").format(
                week=week, day=day.isoformat(), right=self.reading.week(day)))
            ok = False
        if not self.category(line, v):
            ok = False
        elif v["work_type"] == DIRECT and v["people"] == 0:
            self.problem(line, "people", _("is 0: direct work reaches at least 1 person"))
            ok = False
        first, last = v.pop("period_start", None), v.pop("period_end", None)
        if first is not None and last is not None:
            if last < first:
                self.problem(line, "period_end", _("{last} is before period_start ({first})").format(
                    last=last, first=first))
                ok = False
            elif day is not None and not first <= day <= last:
                self.problem(line, "date", _("{day} is outside the days the file covers ({first} to {last})").format(
                    day=day, first=first, last=last))
                ok = False
        if ok:
            if first is not None and last is not None:
                self.reading.result.periods.setdefault(self.name, set()).add((first, last))
            self.reading.take(ReviewEntry(**v, source=self.name, line=line))


class SummaryChecker(Checker):

    def __call__(self, line: int, row: list[str]) -> None:
        """Check one row of a summary file: kept if good, else each problem named."""
        v = self.values(line, row)
        ok = None not in v.values()
        week, start = v["week"], v["week_start"]
        if week is not None and start is not None and start != Week.parse(week).start:
            monday = Week.parse(week).start
            self.problem(line, "week_start", _("'{start}' is not the Monday of {week} ({monday})").format(
                start=start.isoformat(), week=week, monday=monday))
            ok = False
        if not self.category(line, v):
            ok = False
        first, last = v.get("first_day"), v.get("last_day")
        if week is not None and first is not None and last is not None:
            days = Week.parse(week)
            if not days.start <= first <= last <= days.end:
                self.problem(line, "last_day", _("{first} to {last} are not days of {week} in order").format(
                    first=first, last=last, week=week))
                ok = False
        if not ok:
            return
        summary = SummaryRow(**v, source=self.name, line=line)
        if first is not None and last is not None and self.overlaps(line, summary):
            return
        # shares the entry ids' dict: its keys are strings
        key = (summary.worker, summary.week, summary.category, summary.first_day)
        if key in self.seen:
            other = self.seen[key]
            self.problem(
                line, "week",
                _("{worker}'s {week} of '{category}' appears twice (also at {place})").format(
                    worker=summary.worker, week=summary.week, category=summary.category,
                    place=f"{other.source}:{other.line}"),
            )
            return
        self.seen[key] = summary
        self.reading.result.summary_rows.append(summary)

    def overlaps(self, line: int, row: SummaryRow) -> bool:
        """Whether another summary file already holds some of this row's days of its worker's week:
        then the row is not counted again, and the pair of files is named once."""
        assert row.first_day is not None and row.last_day is not None
        held = self.reading.summary_days.setdefault((row.worker, row.week), [])
        for first, last, other in held:
            if other != self.name and first <= row.last_day and row.first_day <= last:
                pair = (self.name, other)
                if pair not in self.reading.overlaps_named:
                    self.reading.overlaps_named.add(pair)
                    self.problem(
                        line, "first_day",
                        _("{worker}'s {week} ({first} to {last}) is also in {other}: the two files cover the same "
                          "days, so their rows for those days are counted once, from {other}").format(
                            worker=row.worker, week=row.week, first=max(first, row.first_day),
                            last=min(last, row.last_day), other=other),
                    )
                return True
        if (row.first_day, row.last_day, self.name) not in held:
            held.append((row.first_day, row.last_day, self.name))
        return False
