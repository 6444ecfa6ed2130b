"""Reading one PeerDesk CSV file strictly: the one reader, stopped at the first problem.

The file is read by :mod:`.reading`, the reader the supervisor's review uses,
so both accept and refuse the same files and cells. Where the review collects
every problem and keeps the good rows, this strict mode gives the rows before
the first problem and then raises :class:`CsvReadError` naming the file, the
line (as a spreadsheet numbers its rows: the header is line 1, and a note with
line breaks is still one line) and the column.

Rows come back as dicts keyed by the contract's column names: text cells as
text (one leading ``'`` restored), number cells as ``int``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..domain.taxonomy import Taxonomy, load_default
from ..i18n import _
from .csv_format import ENTRY_COLUMNS, SUMMARY_COLUMNS, TAG_SEPARATOR
from .reading import ENTRIES, FILE_COLUMN, SUMMARY, Collected, Reading, ReviewEntry, SummaryRow, header_problem


class CsvReadError(ValueError):
    """A file that is not a well-formed PeerDesk export: says which file, line and column, and why."""

    def __init__(self, path: str | Path, line: int | None, column: str | None, reason: str) -> None:
        self.path = Path(path)
        self.line = line
        self.column = column
        self.reason = reason
        if line is not None and column is not None:
            said = _("{path}, line {line}, column '{column}': {reason}")
        elif line is not None:
            said = _("{path}, line {line}: {reason}")
        elif column is not None:
            said = _("{path}, column '{column}': {reason}")
        else:
            said = "{path}: {reason}"
        super().__init__(said.format(path=path, line=line, column=column, reason=reason))


def read_entries(path: str | Path, taxonomy: Taxonomy | None = None) -> Iterator[dict[str, Any]]:
    """The rows of an entries file, one dict per entry (keys: :data:`ENTRY_COLUMNS`).

    Categories are checked against *taxonomy* (by default PeerDesk's own)."""
    return _strict(Path(path), ENTRIES, taxonomy)


def read_summary(path: str | Path, taxonomy: Taxonomy | None = None) -> Iterator[dict[str, Any]]:
    """The rows of a weekly summary file (keys: :data:`SUMMARY_COLUMNS`)."""
    return _strict(Path(path), SUMMARY, taxonomy)


def _strict(path: Path, kind: str, taxonomy: Taxonomy | None) -> Iterator[dict[str, Any]]:
    result = Collected()
    Reading(taxonomy or load_default(), result).read(path, str(path))
    problem = min(result.lost(), key=lambda p: p.line, default=None)
    found = result.kinds.get(str(path))
    if problem is None and found is not None and found != kind:
        columns = ENTRY_COLUMNS if kind == ENTRIES else SUMMARY_COLUMNS
        problem = header_problem(str(path), list(SUMMARY_COLUMNS if kind == ENTRIES else ENTRY_COLUMNS), columns)
    rows: list[ReviewEntry] | list[SummaryRow] = result.entries if kind == ENTRIES else result.summary_rows
    periods = result.periods.get(str(path), set())
    period = {}
    if len(periods) == 1:  # version 2: the days the file covers, as on each of its rows
        ((first, last),) = periods
        period = {"period_start": first.isoformat(), "period_end": last.isoformat()}
    for row in rows:
        if problem is not None and row.line >= problem.line:
            break
        yield _as_dict(row) | (period if kind == ENTRIES else {})
    if problem is not None:
        column = None if problem.column == FILE_COLUMN else problem.column
        raise CsvReadError(path, problem.line, column, problem.message)


def _as_dict(row: ReviewEntry | SummaryRow) -> dict[str, Any]:
    """The row as its cells read: dates, weeks and tags as the text they were written as."""
    out = row._asdict()
    del out["source"], out["line"]
    for name, value in out.items():
        if value is not None and hasattr(value, "isoformat"):
            out[name] = value.isoformat()
    if "tags" in out:
        out["tags"] = TAG_SEPARATOR.join(out["tags"])
    return out
