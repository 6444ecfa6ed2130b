"""Read PeerDesk's own CSV files back (format in :mod:`.csv_format`).

A strict reader: the first problem stops it. The tests read exports back with
it; the supervisor's review (:mod:`.review`) reads the same format its own way,
collecting every problem and checking the values too. A file that is not a
version-1 PeerDesk export fails with :class:`CsvReadError`, naming the file,
the line (as a spreadsheet numbers its rows: the header is line 1, and a note
with line breaks is still one line) and the column.

Text cells come back as they were written: exactly one leading ``'`` is
stripped wherever there is one (:func:`.csv_format.restore`). Numeric cells
come back as ``int``. Checking the values themselves (dates, categories, …)
is left to the review.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .csv_format import (
    BOM,
    ENTRY_COLUMNS,
    ENTRY_NUMERIC_COLUMNS,
    FORMAT_VERSION,
    SUMMARY_COLUMNS,
    SUMMARY_NUMERIC_COLUMNS,
    restore,
)


_INTEGER = re.compile(r"-?[0-9]+")


class CsvReadError(ValueError):
    """A file that is not a well-formed PeerDesk export: says which file, line and column, and why."""

    def __init__(self, path: str | Path, line: int | None, column: str | None, reason: str) -> None:
        self.path = Path(path)
        self.line = line
        self.column = column
        self.reason = reason
        where = str(path)
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column '{column}'"
        super().__init__(f"{where}: {reason}")


def read_entries(path: str | Path) -> Iterator[dict[str, Any]]:
    """The rows of an entries file, one dict per entry (keys: :data:`ENTRY_COLUMNS`)."""
    return _read(path, ENTRY_COLUMNS, ENTRY_NUMERIC_COLUMNS, "entries")


def read_summary(path: str | Path) -> Iterator[dict[str, Any]]:
    """The rows of a weekly summary file (keys: :data:`SUMMARY_COLUMNS`)."""
    return _read(path, SUMMARY_COLUMNS, SUMMARY_NUMERIC_COLUMNS, "summary")


def _read(path: str | Path, columns: tuple[str, ...], numeric: frozenset[str], kind: str) -> Iterator[dict[str, Any]]:
    path = Path(path)
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise CsvReadError(path, None, None, f"cannot be read ({exc.strerror})") from None
    with fh:
        if fh.read(len(BOM)) != BOM:
            raise CsvReadError(
                path, 1, None, "does not start with the UTF-8 byte-order mark of a PeerDesk export"
            )
        text = _TextLines(fh, path)
        reader = csv.reader(text, strict=True)
        line = 0
        try:
            for cells in reader:
                line += 1
                text.line = line
                if line == 1:
                    _check_header(path, cells, columns, kind)
                    continue
                yield _row(path, line, cells, columns, numeric)
        except csv.Error as exc:
            raise CsvReadError(path, line + 1, None, f"not valid CSV ({exc})") from None
        if line == 0:
            raise CsvReadError(path, 1, None, "has no header row")


class _TextLines:
    """The file's lines as text (UTF-8, line ends kept), with undecodable bytes reported by line."""

    def __init__(self, fh, path: Path) -> None:
        self.fh = fh
        self.path = path
        self.line = 0

    def __iter__(self) -> Iterator[str]:
        for raw in self.fh:
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError:
                raise CsvReadError(self.path, self.line + 1, None, "is not UTF-8 text") from None


def _check_header(path: Path, cells: list[str], columns: tuple[str, ...], kind: str) -> None:
    if list(cells) == list(columns):
        return
    expected = f"a PeerDesk {kind} file (format version {FORMAT_VERSION}) starts with: {', '.join(columns)}"
    for i, name in enumerate(columns):
        if i >= len(cells):
            raise CsvReadError(path, 1, name, f"header is missing column '{name}'; {expected}")
        if cells[i] != name:
            raise CsvReadError(path, 1, name, f"header has '{cells[i]}' where '{name}' belongs; {expected}")
    raise CsvReadError(path, 1, cells[len(columns)], f"header has an extra column; {expected}")


def _row(path: Path, line: int, cells: list[str], columns: tuple[str, ...], numeric: frozenset[str]) -> dict:
    if len(cells) != len(columns):
        if len(cells) < len(columns):
            missing = columns[len(cells)]
            reason = f"{len(cells)} cells where {len(columns)} belong; '{missing}' and after are missing"
            raise CsvReadError(path, line, missing, reason)
        raise CsvReadError(path, line, None, f"{len(cells)} cells where {len(columns)} belong")
    row: dict[str, Any] = {}
    for name, cell in zip(columns, cells, strict=True):
        if name in numeric:
            if not _INTEGER.fullmatch(cell):
                raise CsvReadError(path, line, name, f"'{cell}' is not a whole number")
            row[name] = int(cell)
        else:
            row[name] = restore(cell)
    return row
