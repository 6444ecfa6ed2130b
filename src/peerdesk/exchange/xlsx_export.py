"""Write the entries of a date range and their weekly summary to one Excel workbook.

Three sheets: **Entries** (the columns of the CSV entries export, the same rows
in the same order), **Weekly summary** (the summary export's columns and rows)
and **Charts** (the weekly summary's hours per week by work type and time by
category, as tables of formulas over the Weekly summary sheet and as native
spreadsheet charts of them).

The rows are the CSV export's own (:func:`.csv_export.entry_batches`,
:func:`.csv_export.summary_cells`), made *typed*: a workbook cell carries its
type, so nothing is neutralised. Dates (``date``, ``period_start``,
``week_start``, ``first_day``, …) are dates shown ``yyyy-mm-dd``; ``minutes``,
``people`` and ``entries`` are numbers; every other column is text, written as
text, so a client ref ``007`` or ``-12`` and a note ``=1+1`` are stored exactly
as typed, with no apostrophe, and never run as a formula. The start time is
text (``09:30``), as in the contract. Each sheet's header row is frozen and
has a filter; columns are sized to what they hold.

XlsxWriter writes it (fast, rows streamed with ``constant_memory``, native
charts); its scratch files go to a private folder removed afterwards. The
workbook is staged, recorded, committed and signed exactly as the CSV files are
(:func:`.csv_export.write_files`): a cancelled or failed export leaves nothing.
"""

from __future__ import annotations

import contextlib
import re
import tempfile
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xlsxwriter import Workbook
from xlsxwriter.exceptions import FileCreateError
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from ..domain.taxonomy import Taxonomy
from ..domain.weeks import Week
from ..files import StagedFile
from ..i18n import _
from .csv_export import (
    WORKBOOK,
    ExportError,
    ExportResult,
    Progress,
    _Tracker,
    checked_targets,
    entry_batches,
    summary_cells,
    write_files,
)
from .csv_format import DATE, ENTRY_SPEC, NUMBER, SUMMARY_COLUMNS, SUMMARY_SPEC, Column
from .csv_text import thousands

if TYPE_CHECKING:
    from ..storage.store import Store

ENTRIES_SHEET, SUMMARY_SHEET, CHARTS_SHEET = "Entries", "Weekly summary", "Charts"
SUFFIX = ".xlsx"
DATE_FORMAT = "yyyy-mm-dd"
HOURS_FORMAT = "0.0"
MAX_ROWS = 1_048_576  # a sheet's rows, its header's included
_EPOCH = date(1899, 12, 30)  # day 0 of a spreadsheet's dates (true from 1 March 1900 on)
# The window's chart colours (ui/palette.py, Okabe–Ito): a hue per work type.
WORK_TYPE_HUES = {"direct": "#0072B2", "indirect": "#E69F00", "role": "#009E73"}
EXTRA_HUES = ("#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
UNKNOWN_HUE = "#999999"
_MAX_WIDTH = 60  # characters: a long note is cut in view, not in its cell


def export_workbook(
    store: Store,
    taxonomy: Taxonomy,
    start: date,
    end: date,
    path: str | Path,
    *,
    include_notes: bool = False,
    include_client_refs: bool = True,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the entries dated *start*..*end* (inclusive) and their weekly summary to the workbook
    *path*; notes only if asked for, client references unless asked to leave them out.

    Refused, cancelled and failed exports raise as :func:`.csv_export.export_entries` does."""
    checked_targets(store, start, end, path)
    summary = summary_cells(store.worker_day_totals(start, end), taxonomy, start, end, typed=True)
    tracker = _Tracker(progress, store.count_between(start, end) + len(summary))

    def fill(out: StagedFile) -> ExportResult:
        with tempfile.TemporaryDirectory(prefix="peerdesk-workbook-unfinished-", ignore_cleanup_errors=True) as tmp:
            book = Workbook(str(out.path), {"constant_memory": True, "tmpdir": tmp})
            closed = False
            try:
                book.set_properties({"title": _("PeerDesk export, {start} to {end}").format(
                    start=start.isoformat(), end=end.isoformat())})
                formats = _Formats(book)
                entries = _entries_sheet(book, formats, store, taxonomy, start, end, tracker,
                                         notes=include_notes, client_refs=include_client_refs)
                _table(_sheet(book, SUMMARY_SHEET), formats, SUMMARY_SPEC, [summary])
                tracker.advance(len(summary))
                _charts_sheet(book, formats, taxonomy, start, end, summary)
                try:
                    book.close()
                except FileCreateError as exc:  # an OSError inside: said as the CSV export says it
                    cause = exc.args[0] if exc.args else None
                    raise (cause if isinstance(cause, OSError) else OSError(str(exc))) from None
                closed = True
            finally:
                if not closed:
                    _abandon(book)
        return ExportResult(WORKBOOK, out.target, entries, summary_rows=len(summary))

    return write_files(store, [(path, False, fill)], tracker, start, end, include_notes, include_client_refs)[0]


# ---------------------------------------------------------------- sheets


class _TextSheet(Worksheet):
    """A worksheet whose text cells are text, whatever they hold.

    XlsxWriter takes a string that begins with ``<r>`` and ends with ``</r>`` for the XML of
    rich text and writes it unescaped: a note ``<r>a & b</r>`` would break the file, and a
    crafted one put its own XML in the sheet. PeerDesk writes no rich text, so such a string
    is written as the plain (escaped) text it is.
    """

    def _xml_rich_inline_string(self, string: str, attributes: Any = ()) -> None:
        self._xml_inline_string(string, _EDGE_SPACE.search(string) is not None, list(attributes))


_EDGE_SPACE = re.compile(r"^\s|\s$")  # a text with a space at either end keeps it (xml:space)


def _sheet(book: Workbook, name: str) -> Worksheet:
    return book.add_worksheet(name, worksheet_class=_TextSheet)


class _Formats:
    def __init__(self, book: Workbook) -> None:
        self.header = book.add_format({"bold": True, "bottom": 1})
        self.date = book.add_format({"num_format": DATE_FORMAT})
        self.hours = book.add_format({"num_format": HOURS_FORMAT})
        self.title = book.add_format({"bold": True, "font_size": 12})


def _entries_sheet(
    book: Workbook, formats: _Formats, store: Store, taxonomy: Taxonomy, start: date, end: date,
    tracker: _Tracker, *, notes: bool, client_refs: bool,
) -> int:
    batches = entry_batches(store, taxonomy, start, end, tracker, notes=notes, client_refs=client_refs, typed=True)
    with contextlib.closing(batches):
        return _table(_sheet(book, ENTRIES_SHEET), formats, ENTRY_SPEC, batches)


def _table(sheet: Worksheet, formats: _Formats, spec: tuple[Column, ...], batches: Iterable[list[tuple]]) -> int:
    """A header row (frozen, with a filter) and the rows of *batches*, each cell by its column's
    kind: a number, a date, or text (empty text is an empty cell). Returns the rows written."""
    for col, column in enumerate(spec):
        sheet.write_string(0, col, column.name, formats.header)
    numbers = [i for i, c in enumerate(spec) if c.kind == NUMBER]
    dates = [i for i, c in enumerate(spec) if c.kind == DATE]
    texts = [i for i, c in enumerate(spec) if c.kind not in (NUMBER, DATE)]
    widths = [len(c.name) for c in spec]
    serials: dict[date, int] = {}
    write_string, write_number, date_format = sheet.write_string, sheet.write_number, formats.date
    row = 0
    for batch in batches:
        if row + len(batch) >= MAX_ROWS:
            raise ExportError(
                _("more than {rows} rows do not fit on a sheet; export a shorter range, or as CSV files").format(
                    rows=thousands(MAX_ROWS - 1))
            )
        for cells in batch:
            row += 1
            for col in texts:
                text = cells[col]
                if text:
                    if write_string(row, col, text):  # -2: longer than a cell holds
                        raise ExportError(_("{column} of row {row} is longer than a workbook cell holds").format(
                            column=spec[col].name, row=row + 1))
                    if len(text) > widths[col]:
                        widths[col] = len(text)
            for col in numbers:
                write_number(row, col, cells[col])
            for col in dates:
                day = cells[col]
                serial = serials.get(day)
                if serial is None:
                    serial = serials[day] = (day - _EPOCH).days
                write_number(row, col, serial, date_format)
    for col, column in enumerate(spec):
        if column.kind == DATE:
            width = len(DATE_FORMAT) + 2  # right-aligned: kept clear of the text beside it
        elif column.kind == NUMBER:
            width = max(widths[col], 6)
        else:
            width = min(widths[col], _MAX_WIDTH)
        sheet.set_column(col, col, width + 2)
    last = xl_col_to_name(len(spec) - 1)
    sheet.freeze_panes(1, 0)
    sheet.repeat_rows(0)  # printed: the header on every page
    sheet.set_landscape()
    sheet.autofilter(0, 0, row, len(spec) - 1)
    if row:  # 007 and -12 are text on purpose: no "number stored as text" flag on every one
        sheet.ignore_errors({"number_stored_as_text": f"A2:{last}{row + 1}"})
    return row


def _abandon(book: Workbook) -> None:
    """A workbook given up before close(): its sheets' scratch files closed, so their folder goes."""
    for sheet in book.worksheets():
        handle = getattr(sheet, "row_data_fh", None)
        if handle is not None:
            with contextlib.suppress(OSError):
                handle.close()


# ---------------------------------------------------------------- charts


def _charts_sheet(
    book: Workbook, formats: _Formats, taxonomy: Taxonomy, start: date, end: date, summary: list[tuple]
) -> None:
    """Two tables of hours, each cell a SUMIFS over the Weekly summary sheet (its value computed
    here too, for readers that do not calculate), and a native chart of each."""
    sheet = _sheet(book, CHARTS_SHEET)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)  # printed: the tables and charts one page wide
    if not summary:
        sheet.write_string(0, 0, _("No entries from {start} to {end}.").format(start=start.isoformat(),
                                                                              end=end.isoformat()), formats.title)
        return
    col = {name: SUMMARY_COLUMNS.index(name) for name in ("week", "work_type", "category", "category_label", "minutes")}
    last = len(summary) + 1

    def source(name: str) -> str:
        letter = xl_col_to_name(col[name])
        return f"'{SUMMARY_SHEET}'!${letter}$2:${letter}${last}"

    def hours(criteria: list[tuple[str, str]], minutes: int) -> tuple[str, float]:
        """A SUMIFS of the summary's minutes, in hours; criteria are keys, weeks or cells (no quotes
        or operators: taxonomy keys are [a-z0-9_], weeks YYYY-Www)."""
        terms = ",".join(f"{source(name)},{value}" for name, value in criteria)
        return f"=SUMIFS({source('minutes')},{terms})/60", minutes / 60

    # -- hours per week, by work type
    work_types = list(taxonomy.work_types)
    work_types += sorted({r[col["work_type"]] for r in summary} - set(work_types))
    minutes: dict[tuple[str, str], int] = {}
    for r in summary:
        at = (r[col["week"]], r[col["work_type"]])
        minutes[at] = minutes.get(at, 0) + r[col["minutes"]]
    weeks, week = [], Week.of(start)
    while week.start <= end:
        weeks.append(str(week))
        week = week.next()
    # the sheets' names stay as they are (review finds them by name); what they show is in the user's language
    sheet.write_string(0, 0, _("Hours per week by work type, {start} to {end}").format(
        start=start.isoformat(), end=end.isoformat()), formats.title)
    sheet.write_string(1, 0, _("week"), formats.header)
    for j, work_type in enumerate(work_types, start=1):
        label = taxonomy.work_types[work_type].label if work_type in taxonomy.work_types else work_type
        sheet.write_string(1, j, label, formats.header)
    for i, week_text in enumerate(weeks, start=2):
        sheet.write_string(i, 0, week_text)
        for j, work_type in enumerate(work_types, start=1):
            cell = xl_rowcol_to_cell(i, 0, col_abs=True)
            formula, value = hours([("week", cell), ("work_type", f'"{work_type}"')],
                                   minutes.get((week_text, work_type), 0))
            sheet.write_formula(i, j, formula, formats.hours, value)
    first_row, last_row = 2, 1 + len(weeks)
    by_week = book.add_chart({"type": "column", "subtype": "stacked"})
    for j, work_type in enumerate(work_types, start=1):
        by_week.add_series({
            "name": [CHARTS_SHEET, 1, j],
            "categories": [CHARTS_SHEET, first_row, 0, last_row, 0],
            "values": [CHARTS_SHEET, first_row, j, last_row, j],
            "fill": {"color": _hue(taxonomy, work_type)},
            "gap": 50,
        })
    by_week.set_title({"name": _("Hours per week by work type")})
    by_week.set_y_axis({"name": _("hours"), "num_format": "0"})
    by_week.set_legend({"position": "bottom"})
    by_week.set_size({"width": 760, "height": 380})

    # -- time by category, over the whole period
    order = {key: n for n, key in enumerate(taxonomy.categories)}
    cats: dict[str, list[Any]] = {}
    for r in summary:
        cat = cats.setdefault(r[col["category"]], [r[col["work_type"]], r[col["category_label"]], 0])
        cat[2] += r[col["minutes"]]
    ranked = sorted(cats.items(), key=lambda kv: (
        work_types.index(kv[1][0]), order.get(kv[0], len(order)), kv[0]))
    top = last_row + 2
    sheet.write_string(top, 0, _("Time by category (hours)"), formats.title)
    for j, name in enumerate((_("category"), _("work type"), _("hours"))):
        sheet.write_string(top + 1, j, name, formats.header)
    for i, (key, (work_type, label, total)) in enumerate(ranked, start=top + 2):
        sheet.write_string(i, 0, label)
        sheet.write_string(i, 1, taxonomy.work_types[work_type].label if work_type in taxonomy.work_types
                           else work_type)
        formula, value = hours([("category", f'"{key}"')], total)
        sheet.write_formula(i, 2, formula, formats.hours, value)
    by_category = book.add_chart({"type": "bar"})
    by_category.add_series({
        "name": _("hours"),
        "categories": [CHARTS_SHEET, top + 2, 0, top + 1 + len(ranked), 0],
        "values": [CHARTS_SHEET, top + 2, 2, top + 1 + len(ranked), 2],
        "points": [{"fill": {"color": _hue(taxonomy, work_type)}} for _key, (work_type, *_rest) in ranked],
        "gap": 40,
    })
    by_category.set_title({"name": _("Time by category (hours)")})
    # the first category at the top, as in the table, and the hours along the bottom
    by_category.set_y_axis({"reverse": True, "crossing": "max"})
    by_category.set_x_axis({"name": _("hours")})
    by_category.set_legend({"none": True})
    by_category.set_size({"width": 760, "height": max(300, 60 + 24 * len(ranked))})

    sheet.set_column(0, 0, max(len(_("week")), *(len(label) for _k, (_w, label, _t) in ranked)) + 2)
    sheet.set_column(1, len(work_types), 11)
    anchor = len(work_types) + 2
    sheet.insert_chart(1, anchor, by_week)
    sheet.insert_chart(22, anchor, by_category)


def _hue(taxonomy: Taxonomy, work_type: str) -> str:
    if work_type in WORK_TYPE_HUES:
        return WORK_TYPE_HUES[work_type]
    extras = [k for k in taxonomy.work_types if k not in WORK_TYPE_HUES]
    if work_type in extras:
        return EXTRA_HUES[extras.index(work_type) % len(EXTRA_HUES)]
    return UNKNOWN_HUE
