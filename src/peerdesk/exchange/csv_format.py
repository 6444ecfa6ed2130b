"""The CSV export format (version 1): the supervisor's contract, in one place.

Everything a reader of PeerDesk's CSV files may rely on is defined here and
documented in the README ("CSV export (format version 1)"):

* UTF-8 with a byte-order mark (so Excel reads accents right), CRLF at the end
  of every row, RFC 4180 quoting (a cell holding a comma, a double quote or a
  line break is wrapped in double quotes, and a double quote inside is doubled),
  one header row holding the column names below, in this order.
* Dates are ISO (``2026-11-25``), weeks ISO (``2026-W48``), times ``HH:MM``;
  tags are keys joined with ``;``.
* **Text** cells are every column except the numeric ones (``minutes``,
  ``people``, ``entries``). A text cell that begins with ``=``, ``+``, ``-``,
  ``@``, tab, carriage return, line feed or NUL is prefixed with ``'`` so a
  spreadsheet shows it as text instead of running it as a formula (OWASP's
  advice on CSV injection); so is a text cell that already begins with ``'``.
  A reader strips exactly one leading ``'`` from every text cell that has one
  (:func:`restore`), and every text comes back as it was.
* **Numeric** cells are plain integers, written as they are and never prefixed
  (a negative number is not text).

The version is carried by the header row: a later version that changes the
columns changes the header, and a reader of this version refuses it, naming
the first column that differs.

Each column is described once, by a :class:`Column` (text or number, the
values it allows, whether a leading ``'`` is restored): the one reader
(:mod:`.reading`) checks every cell by these descriptions, both on its quick
path for whole blocks of good rows and when it names a problem.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from ..domain.entry import FORMATS, MAX_MINUTES, MAX_PEOPLE, MIN_MINUTES, MODES
from ..domain.weeks import Week
from ..i18n import _

FORMAT_VERSION = 2  # 2 added the days a file covers; version 1 files are still read

ENCODING = "utf-8-sig"  # UTF-8, with the byte-order mark written first
BOM = b"\xef\xbb\xbf"
LINE_END = "\r\n"
TAG_SEPARATOR = ";"

TEXT, NUMBER, DATE, WEEK, TIME, TAGS = "text", "number", "date", "week", "time", "tags"


@dataclass(frozen=True)
class Column:
    """What one column's cells may hold.

    *kind* is ``number`` (a plain whole number from *low* to *high*, never
    prefixed) or a text kind: ``text``, ``date`` (YYYY-MM-DD), ``week``
    (YYYY-Www), ``time`` (HH:MM, or empty) or ``tags`` (keys joined with ``;``).
    A *required* cell may not be empty; *choices*, when given, are the only
    values allowed. Every text cell has one leading ``'`` restored (:func:`restore`).
    """

    name: str
    kind: str = TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    low: int = 0
    high: int | None = None

    @property
    def restored(self) -> bool:
        """Whether a reader strips one leading ``'`` from this column's cells (text does, numbers do not)."""
        return self.kind != NUMBER

    def read(self, text: str) -> Any:
        """The value of a cell (already restored), or ValueError saying what is wrong with it."""
        if not text:
            if self.required or self.kind == NUMBER:
                raise ValueError(_("is empty"))
            return () if self.kind == TAGS else ""
        if self.kind == NUMBER:
            # ASCII digits only: int() would also take ' 5', '+5', '5_0' and '²'
            digits = text[1:] if text[0] == "-" else text
            if not (digits.isascii() and digits.isdigit()):
                raise ValueError(_("'{text}' is not a whole number").format(text=text))
            value = int(text)
            if value < self.low or (self.high is not None and value > self.high):
                if self.high is None:
                    raise ValueError(_("{value} is out of range (at least {low})").format(value=value, low=self.low))
                raise ValueError(_("{value} is out of range ({low}–{high})").format(
                    value=value, low=self.low, high=self.high))
            return value
        if self.choices and text not in self.choices:
            # TRANSLATORS: {column} is the column's name as the file has it (mode, format): it stays as it is
            raise ValueError(_("unknown {column} '{text}' (one of: {choices})").format(
                column=self.name, text=text, choices=", ".join(self.choices)))
        if self.kind == DATE:
            # only YYYY-MM-DD: fromisoformat also takes week dates such as 2026-W48-3
            try:
                if len(text) == 10 and text[4] == text[7] == "-" and text.isascii():
                    return date.fromisoformat(text)
            except ValueError:
                pass
            raise ValueError(_("'{text}' is not a date (YYYY-MM-DD)").format(text=text))
        if self.kind == WEEK:
            try:
                return str(Week.parse(text))  # 2026-W5 and 2026w05 are 2026-W05
            except ValueError:
                raise ValueError(_("'{text}' is not a week (YYYY-Www)").format(text=text)) from None
        if self.kind == TIME:
            return text if text in self.table else _time(text)
        if self.kind == TAGS:
            return tuple(t for t in text.split(TAG_SEPARATOR) if t)
        return text

    @cached_property
    def table(self) -> Mapping[str, Any]:
        """Every text this column allows and its value, when they are few (numbers with a
        top, times, choices); empty otherwise. A reader looks cells up here at C speed."""
        if self.kind == NUMBER and self.high is not None:
            return {str(n): n for n in range(self.low, self.high + 1)}
        if self.kind == TIME:
            return {t: t for t in ["", *(f"{h:02d}:{m:02d}" for h in range(24) for m in range(60))]}
        return {c: c for c in self.choices}


# A time as PeerDesk writes it (09:30) or as a spreadsheet writes it back: 9:30, 09:30:00,
# 9:30 AM, 09:30:00 p.m.
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?")


def _time(text: str) -> str:
    """*text* as HH:MM, or ValueError: a time of day in whole minutes."""
    m = _TIME.fullmatch(text.strip())
    if m is None:
        raise ValueError(_("'{text}' is not a time (HH:MM)").format(text=text))
    hour, minute, second, half = int(m[1]), int(m[2]), m[3], m[4]
    if half is not None:  # 12 AM is midnight, 12 PM noon
        if not 1 <= hour <= 12:
            raise ValueError(_("'{text}' is not a time (HH:MM)").format(text=text))
        hour = hour % 12 + (12 if half in "Pp" else 0)
    if hour > 23 or minute > 59:
        raise ValueError(_("'{text}' is not a time (HH:MM)").format(text=text))
    if second is not None and int(second) != 0:
        raise ValueError(_("'{text}' has seconds; a start time is whole minutes (HH:MM)").format(text=text))
    return f"{hour:02d}:{minute:02d}"


ENTRY_SPEC: tuple[Column, ...] = (
    Column("entry_id", required=True),
    Column("worker", required=True),
    Column("date", DATE, required=True),
    Column("week", WEEK, required=True),  # and the week of the date
    Column("start_time", TIME),
    Column("minutes", NUMBER, low=MIN_MINUTES, high=MAX_MINUTES),
    Column("work_type", required=True),  # and the work type of the category
    Column("category", required=True),  # and in the reader's taxonomy
    Column("category_label"),
    Column("mode", required=True, choices=tuple(MODES)),
    Column("format", required=True, choices=tuple(FORMATS)),
    Column("people", NUMBER, high=MAX_PEOPLE),  # and at least 1 for direct work
    Column("client_ref"),
    Column("tags", TAGS),
    Column("note"),
    # version 2: the days the export covers (the same on every row), so that a review combines
    # files by the days they cover: two monthly exports meet inside a week without a gap or a twice
    Column("period_start", DATE, required=True),
    Column("period_end", DATE, required=True),
)

SUMMARY_SPEC: tuple[Column, ...] = (
    Column("worker", required=True),
    Column("week", WEEK, required=True),
    Column("week_start", DATE, required=True),  # and the Monday of the week
    Column("work_type", required=True),
    Column("category", required=True),
    Column("category_label"),
    Column("minutes", NUMBER),
    Column("entries", NUMBER),
    Column("people", NUMBER),
    # version 2: the days of its week the row holds (the week cut to the export's days)
    Column("first_day", DATE, required=True),
    Column("last_day", DATE, required=True),
)

# version 1 had the columns before the period's: its files are read, their partial weeks unknown
ENTRY_SPEC_V1 = ENTRY_SPEC[:15]
SUMMARY_SPEC_V1 = SUMMARY_SPEC[:9]
ENTRY_COLUMNS_V1: tuple[str, ...] = tuple(c.name for c in ENTRY_SPEC_V1)
SUMMARY_COLUMNS_V1: tuple[str, ...] = tuple(c.name for c in SUMMARY_SPEC_V1)
ENTRY_COLUMNS: tuple[str, ...] = tuple(c.name for c in ENTRY_SPEC)
ENTRY_NUMERIC_COLUMNS = frozenset(c.name for c in ENTRY_SPEC if c.kind == NUMBER)
SUMMARY_COLUMNS: tuple[str, ...] = tuple(c.name for c in SUMMARY_SPEC)
SUMMARY_NUMERIC_COLUMNS = frozenset(c.name for c in SUMMARY_SPEC if c.kind == NUMBER)

# A text cell starting with one of these is run (or mangled) by spreadsheets.
DANGEROUS_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")
ESCAPE = "'"
_NEEDS_ESCAPE: tuple[str, ...] = (*DANGEROUS_PREFIXES, ESCAPE)


def neutralise(text: str) -> str:
    """*text* as a safe text cell: ``'`` in front when it starts dangerously or with ``'``."""
    return ESCAPE + text if text.startswith(_NEEDS_ESCAPE) else text


def restore(text: str) -> str:
    """The original text of a text cell: exactly one leading ``'`` removed, if there is one."""
    return text[1:] if text.startswith(ESCAPE) else text


# ---------------------------------------------------------------- file names

_UNSAFE = re.compile(r"[^\w.-]+")
MAX_NAME_PART = 40


def safe_name_part(text: str) -> str:
    """*text* as a part of a file name on any system: letters, digits, ``.``, ``_`` and ``-``."""
    normal = unicodedata.normalize("NFKC", text)
    part = _UNSAFE.sub("_", normal).strip("._-")[:MAX_NAME_PART].strip("._-")
    return part or "worker"


def suggested_filename(worker: str, start: date, end: date, *, summary: bool = False, workbook: bool = False) -> str:
    """``peerdesk_<worker>_<from>_<to>.csv`` (``…_summary.csv`` for the weekly summary; ``….xlsx``
    for a workbook, which holds both)."""
    name = f"peerdesk_{safe_name_part(worker)}_{start.isoformat()}_{end.isoformat()}"
    if workbook:
        return name + ".xlsx"
    return name + ("_summary.csv" if summary else ".csv")


def summary_path_beside(entries_path: str | Path) -> Path:
    """Where the summary goes when both files are written: ``<name>_summary.csv`` beside the entries."""
    path = Path(entries_path)
    stem = path.stem if path.suffix.lower() == ".csv" else path.name
    return path.with_name(f"{stem}_summary.csv")
