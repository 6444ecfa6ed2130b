"""Reading an Excel workbook for the review, as its CSV files are read.

Each sheet named Entries or Weekly summary, and any other sheet whose first row
is an entries or a summary header (:func:`.csv_text.layout_of`), is read by the
one reader (:meth:`.reading.Reading.read_table`), with the same checks as a CSV
file; a sheet of one's own (PeerDesk's Charts, a supervisor's notes) is passed
over. Its cells become the contract's text first:

* text as it is: a workbook's text is never neutralised, so no ``'`` is taken
  off (a client ref ``'quoted`` stays ``'quoted``); the file format's escapes
  are undone: openpyxl undoes that of an underscore (``_x005F_``) in a shared
  string (LibreOffice's, Excel's) but not in an inline one (PeerDesk's, written
  with ``constant_memory``), so it is undone here for those, and then the
  escapes of control characters (``_x000D_``) in both;
* a date as ISO text (``2026-11-25``), a time of day as ``09:30``;
* a number in a number column (``minutes``, ``people``, ``entries``) as its
  value, ``45`` (a whole number written as ``45.0`` too; ``45.5`` stays
  ``45.5`` and is refused as the CSV cell would be);
* a number in a text column, which a spreadsheet makes of a client ref ``007``
  typed again without a leading ``'``, as the sheet shows it: its number
  format applied where it is zeros (``000`` shows 7 as ``007``), else the plain
  number (``7``). What a spreadsheet dropped cannot come back, so the review is
  told once per column, as a note (nothing is left out for it).

A problem names its place as a spreadsheet does, ``FILE:SHEET!CELL: message``
(``team.xlsx:Entries!F14: …``). A file that is not a workbook (a renamed text
file, a damaged zip) is one problem naming the file.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from ..i18n import _
from . import csv_format as fmt
from .csv_text import FILE_COLUMN, Problem, layout_of
from .reading import Reading

SUFFIX = ".xlsx"
ENTRIES_SHEET, SUMMARY_SHEET = "Entries", "Weekly summary"
WORKBOOK = "workbook"  # the kind of a file read with both an entries and a summary sheet
_COLUMNS = {c.name: c for c in (*fmt.ENTRY_SPEC, *fmt.SUMMARY_SPEC)}  # the same name is the same kind in both
_AS_TEXT = (fmt.TEXT, fmt.TAGS, fmt.WEEK)  # columns a spreadsheet may have turned into numbers or dates
# the file format's escape of a character no XML holds (_x000D_ is CR); an escaped underscore (_x005F_)
# is undone first, so an escape of any other character is a text that looks like one
_ESCAPED = re.compile(r"_x(00[01][0-9A-Fa-f]|[Ff][Ff][Ff][EeFf])_")
_ZEROS = re.compile(r"(0+)(?:\.(0+))?")  # number formats of zeros: 000, 0.00


def is_workbook(path: str | Path) -> bool:
    """Whether *path* is read as a workbook (by its name: ``.xlsx``)."""
    return Path(path).suffix.lower() == SUFFIX


def read_workbook(reading: Reading, path: Path, name: str) -> None:
    """Check every PeerDesk sheet of the workbook *path* and keep its good rows (problems go to
    the reading's result, named *name*)."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    damaged = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, ParseError, InvalidFileException,
               KeyError, ValueError, TypeError, IndexError, EOFError, OSError)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        reading.problem(name, 1, FILE_COLUMN, _("cannot be read ({why})").format(why=exc.strerror))
        return
    if reading.seen_before(path, raw, name):
        return
    problems = reading.result.problems
    mark = len(problems)
    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except damaged as exc:
        reading.problem(name, 1, FILE_COLUMN, _("is not an Excel workbook ({why})").format(why=_why(exc)))
        return
    kinds: list[str] = []
    try:
        for sheet in book.worksheets:
            kind = _read_sheet(reading, sheet, name)
            if kind is not None:
                kinds.append(kind)
    except damaged as exc:  # read_only reads each sheet's XML as its rows are asked for
        reading.problem(name, 1, FILE_COLUMN, _("is a damaged workbook ({why}); the rows after the damage are left "
                                                "out").format(why=_why(exc)))
    finally:
        book.close()
    if not kinds and len(problems) == mark:
        # TRANSLATORS: {entries} and {summary} are the sheets' names (Entries, Weekly summary): they stay as they are
        reading.problem(name, 1, FILE_COLUMN, _("holds no sheet of a PeerDesk export (none is named {entries} or "
                                                "{summary}, nor begins with an entries or summary header)").format(
            entries=ENTRIES_SHEET, summary=SUMMARY_SHEET))
    if len(set(kinds)) > 1:
        reading.result.kinds[name] = WORKBOOK


def _why(exc: BaseException) -> str:
    if isinstance(exc, zipfile.BadZipFile):
        return _("it is not a zip file, as every .xlsx workbook is; a file renamed, or damaged")
    return str(exc) or type(exc).__name__


def _read_sheet(reading: Reading, sheet: Any, name: str) -> str | None:
    """Read one sheet if it is PeerDesk's (its kind then), its problems placed in it."""
    rows = sheet.iter_rows()
    first = next(rows, None)
    header = _header(first or ())
    layout = layout_of(header)
    if layout is None and sheet.title not in (ENTRIES_SHEET, SUMMARY_SHEET):
        return None  # a sheet of one's own: not PeerDesk's to read
    problems = reading.result.problems
    mark = len(problems)
    if not header:
        reading.problem(name, 1, FILE_COLUMN, _("is empty: no header row"))
    else:
        cells = _Cells([_COLUMNS.get(h.strip()) for h in header])
        reading.read_table(header, cells.rows(rows), name)
        for column, at, shown in cells.as_text.values():
            problems.append(Problem(
                name, at, column.name,
                _("{column} holds numbers or dates, not text (the first here, read as '{shown}'): a spreadsheet "
                  "that took them for numbers may have changed them (007 becomes 7); each is read as the sheet "
                  "shows it").format(column=column.name, shown=shown), note=True,
            ))
    names = [h.strip() for h in header]
    for i in range(mark, len(problems)):
        p = problems[i]
        if p.file == name and not p.sheet:
            problems[i] = replace(p, sheet=sheet.title, cell=_cell(p, names))
    return layout.kind if layout is not None else None


def _header(row: Iterable[Any]) -> list[str]:
    """A first row's cells as text, the empty ones after the last dropped."""
    texts = [_plain(cell.value) for cell in row]
    while texts and not texts[-1]:
        texts.pop()
    return texts


def _cell(problem: Problem, names: list[str]) -> str:
    """Where *problem* is, as a spreadsheet names a cell: its column's letter and its row."""
    from openpyxl.utils import get_column_letter

    if problem.line <= 0:  # a count of the sheet's problems
        return ""
    if problem.column in names:
        index = names.index(problem.column)
    elif problem.column == "(extra)":
        index = len(names)
    else:  # the row's, or a column the header lacks
        index = 0
    return f"{get_column_letter(index + 1)}{problem.line}"


class _Cells:
    """A sheet's rows as the contract's text cells, by the columns their header names."""

    def __init__(self, columns: list[fmt.Column | None]) -> None:
        self.columns = columns
        self.width = len(columns)
        # column index -> (its column, the row of its first number or date, read as): for the note
        self.as_text: dict[int, tuple[fmt.Column, int, str]] = {}

    def rows(self, rows: Iterable[Any]) -> Iterator[list[str]]:
        """Each row (from the sheet's second) as text cells, as wide as the header unless more
        of its cells hold something; empty rows at the end of the sheet are not rows."""
        columns, width, text_of = self.columns, self.width, self.text_of
        empty: list[list[str]] = []
        for line, row in enumerate(rows, start=2):
            cells = []
            for i, cell in enumerate(row):
                value = cell.value
                if value.__class__ is str and "_x" not in value:
                    cells.append(value)
                else:
                    cells.append(text_of(cell, value, columns[i] if i < width else None, i, line))
            while len(cells) > width and not cells[-1]:
                cells.pop()
            if len(cells) < width:
                cells += [""] * (width - len(cells))
            if not any(cells):
                empty.append(cells)
                continue
            if empty:  # empty rows between rows: the reader counts them
                yield from empty
                empty.clear()
            yield cells

    def text_of(self, cell: Any, value: Any, column: fmt.Column | None, index: int, line: int) -> str:
        if value is None:
            return ""
        kind = column.kind if column is not None else fmt.TEXT
        if isinstance(value, str) or not isinstance(value, int | float | date | time | timedelta):
            return _plain(value)
        if kind == fmt.NUMBER or isinstance(value, bool):
            text = _plain(value)
        elif isinstance(value, int | float):
            text = _shown(value, cell.number_format)
        elif isinstance(value, datetime) and kind == fmt.TIME and value.date() <= date(1900, 1, 1):
            text = _clock(value.time())  # a time of day a spreadsheet keeps as a day of 1899
        else:
            text = _plain(value)
        if column is not None and kind in _AS_TEXT and index not in self.as_text:
            self.as_text[index] = (column, line, text)
        return text


def _plain(value: Any) -> str:
    """A cell's value as text: dates ISO, times HH:MM, whole numbers without a decimal point."""
    if value is None:
        return ""
    if isinstance(value, str):
        return _unescape(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.15g}"
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return f"{value.date().isoformat()} {_clock(value.time())}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return _clock(value)
    if isinstance(value, timedelta) and timedelta(0) <= value < timedelta(days=1):
        return _clock((datetime.min + value).time())
    return _unescape(str(value))


def _unescape(text: str) -> str:
    """A string cell's text: the file format's escapes undone, as openpyxl does for a shared string
    (``x005F_`` dropped: a shared string's twice over changes nothing) and then control characters."""
    if "_x" not in text:
        return text
    return _ESCAPED.sub(lambda m: chr(int(m[1], 16)), text.replace("x005F_", ""))


def _clock(moment: time) -> str:
    """HH:MM, and the seconds if there are any (which the reader then refuses)."""
    return f"{moment:%H:%M:%S}" if moment.second or moment.microsecond else f"{moment:%H:%M}"


def _shown(value: float, number_format: str) -> str:
    """A number as a sheet shows it: a format of zeros (000, 0.00) applied, else as it is."""
    zeros = _ZEROS.fullmatch(number_format or "")
    if zeros is None:
        return _plain(value)
    places = len(zeros[2] or "")
    whole, _, fraction = f"{abs(value):.{places}f}".partition(".")
    return ("-" if value < 0 else "") + whole.zfill(len(zeros[1])) + (f".{fraction}" if fraction else "")
