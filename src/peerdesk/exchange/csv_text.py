"""The text and the header of a CSV file, as :mod:`.reading` reads them.

What a file's text is (its lines, whether it was cut short, whether a cell may
begin with a neutralising ``'``, bytes that are not UTF-8), which contract its
header holds (:class:`Layout`) and what is wrong with one that holds none; and
the :class:`Problem` every reader reports.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, compress, islice, repeat
from operator import itemgetter, not_
from pathlib import Path
from typing import Any

from ..i18n import _, language
from . import csv_format as fmt

FILE_COLUMN = "(file)"
ENTRIES = "entries"
SUMMARY = "summary"


@dataclass(frozen=True)
class Problem:
    """``FILE:LINE:COLUMN: message``; in a workbook's sheet ``FILE:SHEET!CELL: message`` (LINE is
    then the sheet's row, COLUMN still the column's name). A *note* says how a file was read (as
    Windows-1252, …) and loses nothing; every other problem left a row or a file out."""

    file: str
    line: int
    column: str
    message: str
    note: bool = False
    more: int = 0  # a count line: this many more problems of the file, not listed one by one
    sheet: str = ""  # the workbook's sheet the problem is in ("" in a CSV file)
    cell: str = ""  # and its cell there, as a spreadsheet names it (G14), or "" for the sheet as a whole

    def __str__(self) -> str:
        if self.sheet:
            where = f"{self.file}:{self.sheet}!{self.cell}" if self.cell else f"{self.file}:{self.sheet}"
        else:
            where = f"{self.file}:{self.line}:{self.column}"
        if self.note:
            # TRANSLATORS: a review's note on how a file was read (nothing was left out): "FILE:LINE:COLUMN: note:
            # MESSAGE". Keep "{where}:" first, as it is: editors and scripts read the place from it.
            return _("{where}: note: {message}").format(where=where, message=self.message)
        return f"{where}: {self.message}"


PROBLEMS_PER_FILE = 1000


class Problems(list):
    """The problems of a reading: every note, and at most PROBLEMS_PER_FILE problems listed for
    each file; the rest are counted (a file of ten million bad rows took 3.2 GB when every
    problem was kept). :meth:`close_file` adds the count line."""

    def __init__(self, *args: Problem) -> None:
        super().__init__(*args)
        self._listed: dict[str, int] = {}
        self._unlisted: dict[str, int] = {}

    def append(self, problem: Problem) -> None:
        if problem.note or problem.more:
            super().append(problem)
            return
        listed = self._listed.get(problem.file, 0)
        if listed < PROBLEMS_PER_FILE:
            self._listed[problem.file] = listed + 1
            super().append(problem)
        else:
            self._unlisted[problem.file] = self._unlisted.get(problem.file, 0) + 1

    def close_file(self, name: str) -> None:
        """The file is read: say how many of its problems were not listed."""
        more = self._unlisted.pop(name, 0)
        if more:
            super().append(Problem(
                name, 0, FILE_COLUMN,
                _("{more} more problems in this file are not listed one by one (the first {listed} are); each "
                  "left out its row").format(more=thousands(more), listed=thousands(PROBLEMS_PER_FILE)),
                more=more,
            ))


def thousands(n: int) -> str:
    """*n* with its thousands apart, as the user's language writes them: 12,000; 12 000 in French."""
    text = f"{n:,}"
    return text.replace(",", "\u00a0") if language() == "fr" else text


# ------------------------------------------------------------------ the file's text


def same_bytes(path: Path, raw: bytes) -> bool:
    """Whether the file at *path* (read before, of *raw*'s size and CRC-32) holds *raw*: read
    again to compare exactly; if it cannot be read now, size and CRC-32 alike decide."""
    try:
        return path.read_bytes() == raw
    except OSError:
        return True


_ODD_LINE_ENDS = "\v\f\x1c\x1d\x1e\x85\u2028\u2029"  # str.splitlines ends lines there; files do not


def lines(text: str) -> Iterable[str]:
    """The lines of *text*, ends kept, exactly as a file opened with ``newline=""`` gives them
    to csv.reader: str.splitlines is quicker, and splits at the same places unless the text
    holds a character that only it takes for a line end."""
    if any(c in text for c in _ODD_LINE_ENDS):
        return io.StringIO(text, newline="")
    if len(text) <= _CHUNK:
        return text.splitlines(keepends=True)
    return _lines_by_chunks(text)


_CHUNK = 1 << 20  # characters: a large file's lines are made a chunk at a time, not all at once


def _lines_by_chunks(text: str) -> Iterator[str]:
    """splitlines(keepends=True) of *text*, a chunk at a time: each chunk ends just after a line
    feed, so no line (nor a CR LF pair) is split between two, and the lines of ten million rows
    are never all in memory together (they took 560 MB for a 30 MB file). Python runs once a
    chunk (:func:`_chunks`), the lines are handed on at C speed."""
    return chain.from_iterable(map(str.splitlines, _chunks(text), repeat(True)))


def _chunks(text: str) -> Iterator[str]:
    """*text* cut just after a line feed every _CHUNK characters or so."""
    start, end_of_text = 0, len(text)
    while start < end_of_text:
        cut = text.find("\n", start + _CHUNK)
        cut = end_of_text if cut < 0 else cut + 1
        yield text[start:cut]
        start = cut


class LineRows:
    """csv.reader (strict) over a file's lines (:func:`lines`), whose rows may also be taken a block
    at a time (:meth:`blocks`), faster and the same: iterating gives csv.reader itself."""

    def __init__(self, text_lines: Iterable[str], delimiter: str = ",") -> None:
        self.lines = iter(text_lines)
        self.delimiter = delimiter
        self.reader = csv.reader(self.lines, delimiter=delimiter, strict=True)

    def __iter__(self) -> Iterator[list[str]]:
        return self.reader

    def blocks(self, size: int) -> Iterator[list[list[str]]]:
        """The rows csv.reader gives, *size* at a time (the last block may be shorter), and
        csv.Error where it raises it. A block is *size* lines, each split as one row
        (:func:`split_rows`), unless a row may take more than one line or csv would refuse one:
        then csv.reader reads the block's rows from its first line on."""
        while True:
            chunk = list(islice(self.lines, size))
            if not chunk:
                return
            rows = split_rows(chunk, self.delimiter)
            if rows is None:
                reader = csv.reader(chain(chunk, self.lines), delimiter=self.delimiter, strict=True)
                rows = list(islice(reader, size))  # it reads a line only when it needs one
            yield rows


def split_rows(chunk: list[str], delimiter: str) -> list[list[str]] | None:
    """The rows csv.reader (strict, double quotes) reads from *chunk*, lines that each hold one whole
    row, or None if it cannot be told this way that they do.

    A line without a double quote is split at its delimiters, at C speed: csv.reader reads it so
    (a cell only ends at a delimiter or at the line's end, and no cell of it is quoted), unless
    it is empty (csv gives no cell, not one empty cell) or a cell may pass csv's field size
    limit (csv refuses it). A line with one quoted cell is split around it, at C speed too
    (:func:`split_quoted`). The other lines with a double quote are read by csv.reader, alone:
    each must give one row, which it does only if it ends outside quotes, as the line does in
    the file. So where None is not returned, the rows are csv.reader's over the whole file."""
    if max(map(len, chunk)) > csv.field_size_limit():
        return None
    quotes = list(map(str.__contains__, chunk, repeat('"')))
    if True not in quotes:
        rows = _split(chunk, delimiter)
        return None if [""] in rows else rows
    plain = _split(compress(chunk, map(not_, quotes)), delimiter)
    if [""] in plain:  # an empty line
        return None
    quoted = list(compress(chunk, quotes))
    parts = list(map(str.split, quoted, repeat('"')))
    counts = list(map(len, parts))
    if counts.count(3) == len(counts):  # two quotes in every line: one quoted cell, as a rule
        read = split_quoted(parts, delimiter)
        if read is not None:
            return _merged(quotes, plain, read)
    one = list(map((3).__eq__, counts))
    read = split_quoted(list(compress(parts, one)), delimiter) if True in one else []
    if read is None:
        read, one = [], [False] * len(quoted)
    others = list(compress(quoted, map(not_, one)))
    if others:
        try:
            rest = list(csv.reader(others, delimiter=delimiter, strict=True))
        except csv.Error:
            return None
        if len(rest) != len(others):  # a row took two lines or more
            return None
        read = _merged(one, rest, read)
    return _merged(quotes, plain, read)


def _split(text_lines: Iterable[str], delimiter: str) -> list[list[str]]:
    """Each line's cells, split at its delimiters."""
    return list(map(str.split, map(str.rstrip, text_lines, repeat("\r\n")), repeat(delimiter)))


def _merged(which: list[bool], false: list[list[str]], true: list[list[str]]) -> list[list[str]]:
    """The rows of *false* and *true* in one list, each taken in turn where *which* says so."""
    return list(map(next, map((iter(false), iter(true)).__getitem__, which)))


def split_quoted(parts: list[list[str]], delimiter: str) -> list[list[str]] | None:
    """csv.reader's rows of lines each holding two double quotes, given split at them (the text
    before the first, between them and after the second), or None if one line's quotes are
    not around one whole cell.

    The first quote must open a cell (a delimiter comes before it) and the second close it (a
    delimiter or the line's end comes after it): the quoted text is then the cell, and the texts
    around it are split at their delimiters, as csv.reader reads them. Quotes anywhere else (in
    an unquoted cell, where they are characters of it; a closing quote before another character,
    which csv.reader refuses) give None: csv.reader reads those lines."""
    befores, cells, afters = zip(*parts, strict=True)
    if not all(map(str.endswith, befores, repeat(delimiter))) or not all(
            map(str.startswith, afters, repeat((delimiter, "\r", "\n")))):
        return None
    rows = _split(befores, delimiter)
    deque(map(list.pop, rows), 0)  # the empty text between the delimiter and the quote
    deque(map(list.append, rows, cells), 0)
    ends = _split(afters, delimiter)
    deque(map(list.pop, ends, repeat(0)), 0)  # the empty text between the quote and a delimiter
    deque(map(list.extend, rows, ends), 0)
    return rows


_BEFORE_A_CELL = ',\r\n"'


def cut_in_header() -> str:
    return _("ends inside its header row: the file was cut short before any row")


def cut_short(text: str) -> tuple[str, bool]:
    """*text* up to the end of its last complete row, and whether anything came after it.

    Every export ends its last row with a line break, outside any quoted cell (quotes
    inside a cell are doubled, so a line break is outside quotes where the quotes before
    it are even in number). What follows the last such line break is a row that was cut:
    a copy stopped short, a file truncated inside a note or a number."""
    if not text or (text.endswith(("\n", "\r")) and quote_count(text) % 2 == 0):
        return text, False
    quotes = quote_count(text)
    end = len(text)
    while True:
        end = max(text.rfind("\n", 0, end), text.rfind("\r", 0, end))
        if end < 0:
            return "", True
        if (quotes - text.count('"', end)) % 2 == 0:
            return text[: end + 1], True


def quote_count(text: str) -> int:
    """text.count('"'), quicker: str.count looks at every character (0.5 ms a 1 MB export),
    bytes.replace finds each quote with memchr. A quote is one byte in UTF-8, never part of
    another character's; the text is encoded a chunk at a time, so never held twice."""
    count = 0
    for start in range(0, len(text), _CHUNK):
        part = text[start : start + _CHUNK].encode("utf-8", "surrogatepass")
        count += len(part) - len(part.replace(b'"', b""))
    return count


def maybe_neutralised(text: str) -> bool:
    """False if no cell of the file begins with ``'``: a cell begins after a comma, a line
    end or an opening quote. Apostrophes are rare enough to visit one by one, and one
    inside a note ("client's") is no reason to look at every cell of the file."""
    i = text.find("'")
    while i >= 0:
        if i == 0 or text[i - 1] in _BEFORE_A_CELL:
            return True
        i = text.find("'", i + 1)
    return False


def restored(column: tuple[str, ...]) -> tuple[str, ...]:
    """A text column with one leading ``'`` stripped from each cell that has one (see fmt.restore)."""
    # one search of the joined column: a cell that starts with ' is first or follows the NUL joining
    # it (a NUL inside a cell may only make this look further, never miss one)
    joined = "\0".join(column)
    if joined[:1] != "'" and "\0'" not in joined:
        return column
    return tuple([c[1:] if c[:1] == "'" else c for c in column])


_UNDECODABLE = re.compile("[\udc80-\udcff]")  # bytes that are not UTF-8, as surrogateescape keeps them
_BEYOND_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")  # a character UTF-8 did decode, beyond ASCII
_LATIN_1 = "peerdesk-latin-1"  # the five bytes Windows-1252 leaves undefined, read as Latin-1 reads them
_BINARY = re.compile(b"[\x00-\x08\x0e-\x1a\x1c-\x1f]")  # control bytes no text file holds


def _as_latin_1(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start : exc.end].decode("latin-1"), exc.end


codecs.register_error(_LATIN_1, _as_latin_1)


def undecodable_byte(text: str) -> int | None:
    """The first byte of *text* that was not UTF-8 (kept by surrogateescape), if any."""
    found = _UNDECODABLE.search(text)
    return None if found is None else ord(found.group()) - 0xDC00


@dataclass(frozen=True)
class Layout:
    """Where a file's header puts the contract's columns."""

    kind: str  # ENTRIES or SUMMARY
    header: tuple[str, ...]  # the header's names, spaces around them dropped
    pick: Any  # an itemgetter giving a row's cells in the contract's order; None if they are in it
    extra: tuple[str, ...]  # the header's columns the contract does not have
    version: int = fmt.FORMAT_VERSION

    @property
    def spec(self) -> tuple[fmt.Column, ...]:
        """The contract's columns, as the file's format version has them."""
        if self.kind == ENTRIES:
            return fmt.ENTRY_SPEC if self.version == 2 else fmt.ENTRY_SPEC_V1
        return fmt.SUMMARY_SPEC if self.version == 2 else fmt.SUMMARY_SPEC_V1

    @property
    def width(self) -> int:
        return len(self.header)


_LATER_COLUMNS = frozenset(fmt.ENTRY_COLUMNS[15:] + fmt.SUMMARY_COLUMNS[9:])  # what version 2 added


def layout_of(header: list[str]) -> Layout | None:
    """The contract the header holds (every column of it, once, in any order, among others), or None."""
    cleaned = tuple(h.strip() for h in header)
    contracts = (
        (ENTRIES, 2, fmt.ENTRY_COLUMNS), (ENTRIES, 1, fmt.ENTRY_COLUMNS_V1),
        (SUMMARY, 2, fmt.SUMMARY_COLUMNS), (SUMMARY, 1, fmt.SUMMARY_COLUMNS_V1),
    )
    for kind, version, columns in contracts:
        if version == 1 and not _LATER_COLUMNS.isdisjoint(cleaned):
            continue  # a version 2 header with one of its own columns lost is not a version 1 header
        if cleaned == columns:
            return Layout(kind, cleaned, None, (), version)
        if set(columns) <= set(cleaned) and all(cleaned.count(c) == 1 for c in columns):
            extra = tuple(h for h in cleaned if h not in columns)
            if kind == SUMMARY and "entry_id" in extra:
                continue  # an entries file's header with a column missing is not a summary
            return Layout(kind, cleaned, itemgetter(*map(cleaned.index, columns)), extra, version)
    return None


def header_problem(name: str, header: list[str], expected: tuple[str, ...] | None = None) -> Problem:
    """What is wrong with a header that holds no contract whole (*expected*, by default the one
    it holds more of), and the fix, in one line. Columns are found by name, so their order is
    never wrong; a column missing, a column twice or another tool's header is."""
    cleaned = [h.strip() for h in header]
    if expected is None:  # the contract the header has more of
        in_summary = len(set(cleaned) & set(fmt.SUMMARY_COLUMNS))
        in_entries = len(set(cleaned) & set(fmt.ENTRY_COLUMNS))
        expected = fmt.SUMMARY_COLUMNS if in_summary > in_entries else fmt.ENTRY_COLUMNS
    entries = expected[0] == fmt.ENTRY_COLUMNS[0]
    other = fmt.SUMMARY_COLUMNS_V1 if entries else fmt.ENTRY_COLUMNS_V1
    version = fmt.FORMAT_VERSION
    if _LATER_COLUMNS.isdisjoint(cleaned):  # none of version 2's own columns: judged as version 1
        expected, version = expected[: len(fmt.ENTRY_COLUMNS_V1 if entries else fmt.SUMMARY_COLUMNS_V1)], 1
    column = expected[0]
    if set(other) <= set(cleaned):
        message = (_("is a weekly summary file, not an entries file") if entries
                   else _("is an entries file, not a weekly summary file"))
    elif set(cleaned).isdisjoint(expected):
        shown = ", ".join(quoted(h) for h in cleaned[:3]) + (", …" if len(cleaned) > 3 else "")
        message = _(
            "{shown} are not the columns of a PeerDesk export (an entries file's header begins "
            "'entry_id,worker,date', a summary's 'worker,week,week_start')"
        ).format(shown=shown)
    elif twice := [c for c in expected if cleaned.count(c) > 1]:
        column = twice[0]
        message = _("column '{column}' appears {count} times: keep one, rename or delete the others").format(
            column=column, count=cleaned.count(column))
    else:
        missing = [c for c in expected if c not in cleaned]
        unknown = [h for h in cleaned if h not in _KNOWN_COLUMNS]
        column = missing[0]
        if len(missing) == 1 and len(unknown) == 1:
            message = _(
                "no column '{column}', and '{unknown}' is not a column of the format: "
                "if it holds the {column}, name it '{column}' again"
            ).format(column=column, unknown=unknown[0])
        elif len(missing) > 1:
            others = ", ".join(quoted(c) for c in missing[1:])
            message = (
                _("no column '{column}' (nor {others}), which an entries file of format version {version} has")
                if entries else
                _("no column '{column}' (nor {others}), which a weekly summary file of format version {version} has")
            ).format(column=column, others=others, version=version)
        else:
            message = (
                _("no column '{column}', which an entries file of format version {version} has") if entries
                else _("no column '{column}', which a weekly summary file of format version {version} has")
            ).format(column=column, version=version)
    return Problem(name, 1, column, _("wrong header: {problem}").format(problem=message))


def quoted(text: str) -> str:
    """*text* (a column's name, a cell) in quotes, as the user's language quotes: 'date', « date »."""
    # TRANSLATORS: a name or a value quoted inside a message: 'minutes'. French: « {text} » (no-break spaces)
    return _("'{text}'").format(text=text)


_KNOWN_COLUMNS = frozenset(fmt.ENTRY_COLUMNS + fmt.SUMMARY_COLUMNS)
