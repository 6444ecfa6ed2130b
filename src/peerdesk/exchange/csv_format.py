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
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

FORMAT_VERSION = 1

ENCODING = "utf-8-sig"  # UTF-8, with the byte-order mark written first
BOM = b"\xef\xbb\xbf"
LINE_END = "\r\n"
TAG_SEPARATOR = ";"

ENTRY_COLUMNS: tuple[str, ...] = (
    "entry_id",
    "worker",
    "date",
    "week",
    "start_time",
    "minutes",
    "work_type",
    "category",
    "category_label",
    "mode",
    "format",
    "people",
    "client_ref",
    "tags",
    "note",
)
ENTRY_NUMERIC_COLUMNS = frozenset({"minutes", "people"})

SUMMARY_COLUMNS: tuple[str, ...] = (
    "worker",
    "week",
    "week_start",
    "work_type",
    "category",
    "category_label",
    "minutes",
    "entries",
    "people",
)
SUMMARY_NUMERIC_COLUMNS = frozenset({"minutes", "entries", "people"})

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


def text_columns(columns: tuple[str, ...], numeric: frozenset[str]) -> tuple[str, ...]:
    return tuple(c for c in columns if c not in numeric)


# ---------------------------------------------------------------- file names

_UNSAFE = re.compile(r"[^\w.-]+")
MAX_NAME_PART = 40


def safe_name_part(text: str) -> str:
    """*text* as a part of a file name on any system: letters, digits, ``.``, ``_`` and ``-``."""
    normal = unicodedata.normalize("NFKC", text)
    part = _UNSAFE.sub("_", normal).strip("._-")[:MAX_NAME_PART].strip("._-")
    return part or "worker"


def suggested_filename(worker: str, start: date, end: date, *, summary: bool = False) -> str:
    """``peerdesk_<worker>_<from>_<to>.csv`` (``…_summary.csv`` for the weekly summary)."""
    name = f"peerdesk_{safe_name_part(worker)}_{start.isoformat()}_{end.isoformat()}"
    return name + ("_summary.csv" if summary else ".csv")


def summary_path_beside(entries_path: str | Path) -> Path:
    """Where the summary goes when both files are written: ``<name>_summary.csv`` beside the entries."""
    path = Path(entries_path)
    stem = path.stem if path.suffix.lower() == ".csv" else path.name
    return path.with_name(f"{stem}_summary.csv")
