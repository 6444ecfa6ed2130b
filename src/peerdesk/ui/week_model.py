"""A table model over one week's entries: entries in, cells out.

A busy week has a few hundred entries and the view asks for cells some
thousands of times (sizes, painting), each call crossing from Qt into Python:
so every cell's text is worked out once per week, from the store's
:class:`EntryRow` rows (see :class:`peerdesk.week_data.WeekEntries`), through
small caches of the texts that repeat (days, durations, categories); an
:class:`Entry` is made only for the row that is edited or deleted.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QLocale, QModelIndex, QPersistentModelIndex, Qt

from ..domain.entry import FORMATS, MODES, Entry, format_minutes
from ..domain.taxonomy import Taxonomy
from ..i18n import N_, _, language, ngettext
from ..storage.rows import EntryRow
from . import plain_text

# the columns' names (translated where shown: the header's tooltip and what a screen reader says);
# the code finds a column by its English name
COLUMNS = (
    N_("Day"), N_("Start"), N_("Time"), N_("Work type"), N_("Category"), N_("Mode"), N_("Format"), N_("People"),
    N_("Client ref"), N_("Tags"), N_("Note"),
)
# the headers shown: the same words, which a language may shorten where they are longer than
# the column's cells ("Code" for "Code de la personne": the table must fit a ward PC's screen).
# A msgid is "week table|Day": what comes before "|" is a context for translators (as glib's
# Q_()), never shown.
HEADERS = (
    # TRANSLATORS: a column header of the week's entries, as short as is clear (its tooltip and a screen
    # reader give the column's full name); translate only the words after "|"
    N_("week table|Day"), N_("week table|Start"), N_("week table|Time"), N_("week table|Work type"),
    # TRANSLATORS: a column header of the week's entries, as short as is clear; only the words after "|"
    N_("week table|Category"), N_("week table|Mode"), N_("week table|Format"), N_("week table|People"),
    # TRANSLATORS: a column header of the week's entries, as short as is clear; only the words after "|"
    N_("week table|Client ref"), N_("week table|Tags"), N_("week table|Note"),
)
ENTRY_ROLE = Qt.UserRole + 1

Index = QModelIndex | QPersistentModelIndex
# Qt's enum members looked up once: each ``Qt.X`` costs PySide a few microseconds, and the
# view asks data() some thousands of times for a busy week (sizes and painting)
_DISPLAY, _TOOLTIP, _ALIGNMENT = int(Qt.DisplayRole), int(Qt.ToolTipRole), int(Qt.TextAlignmentRole)
_ACCESSIBLE = int(Qt.AccessibleTextRole)
_ENTRY = int(ENTRY_ROLE)
_HORIZONTAL = Qt.Horizontal
_RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)
_TIME, _CATEGORY, _PEOPLE, _TAGS, _NOTE = (COLUMNS.index(c) for c in ("Time", "Category", "People", "Tags", "Note"))
_RIGHT_ALIGNED = frozenset({_TIME, _PEOPLE})


def _note_cell(note: str) -> str:
    first = note.split("\n", 1)[0]
    return first if len(first) <= 60 and "\n" not in note else first[:57].rstrip() + "…"


class WeekTableModel(QAbstractTableModel):
    def __init__(self, taxonomy: Taxonomy, parent=None) -> None:
        super().__init__(parent)
        self.taxonomy = taxonomy
        self._entries: Sequence[Entry] = []
        self._ids: list[str] = []
        self._cells: list[tuple[str, ...]] = []
        self._tips: list[tuple[int, str, str]] = []  # (minutes, category, note) per row
        # texts that repeat from row to row and week to week, worked out once
        self._days: dict[str, str] = {}
        self._durations: dict[int, str] = {}
        self._categories: dict[str, tuple[str, str]] = {}  # key -> (work type, category label)
        self._tags: dict[str, str] = {}
        self._language = language()  # the language of the texts above

    def set_entries(self, entries: Sequence[Entry]) -> None:
        rows: list[EntryRow] | None = getattr(entries, "rows", None)  # WeekEntries: the store's rows
        if rows is None:
            rows = [EntryRow.of(e) for e in entries]
        if self._language != language():  # worked out in another language: again
            self._language = language()
            for texts in (self._days, self._durations, self._categories, self._tags):
                texts.clear()
        self.beginResetModel()
        self._entries = entries
        self._ids = [r.id for r in rows]
        self._cells = [self._row_cells(r) for r in rows]
        self._tips = [(r.minutes, r.category, r.note) for r in rows]
        self.endResetModel()

    def column_texts(self, column: int) -> set[str]:
        """The distinct texts of one column (for its width)."""
        return {cells[column] for cells in self._cells}

    def entry(self, row: int) -> Entry:
        return self._entries[row]

    def row_of(self, entry_id: str) -> int:
        try:
            return self._ids.index(entry_id)
        except ValueError:
            return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._cells)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if orientation != _HORIZONTAL:
            return None
        if role == _DISPLAY:
            return header_text(section)
        if role in (_TOOLTIP, _ACCESSIBLE):
            return _(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.DisplayRole) -> Any:
        if role == _DISPLAY:
            return self._cells[index.row()][index.column()] if index.isValid() else None
        if role == _ALIGNMENT:
            return _RIGHT if index.column() in _RIGHT_ALIGNED else None
        if role == _TOOLTIP:
            return self._tooltip(index.row(), index.column()) if index.isValid() else None
        if role == _ENTRY and index.isValid():
            return self._entries[index.row()]
        return None

    def _tooltip(self, row: int, col: int) -> str | None:
        minutes, category, note = self._tips[row]
        if col == _CATEGORY:
            cat = self.taxonomy.categories.get(category)
            return plain_text.tip(cat.description) if cat else None
        if col == _NOTE and note:
            return plain_text.tip(note)  # a note with "<b>" in it is shown as typed
        if col == _TAGS:  # (a narrow column shortens them)
            return plain_text.tip(self._cells[row][col]) or None
        if col == _TIME:
            return ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes)
        return None

    def _row_cells(self, row: EntryRow) -> tuple[str, ...]:
        day, minutes, category, tags, note = row.date, row.minutes, row.category, row.tags, row.note
        day_text = self._days.get(day)
        if day_text is None:
            day_text = self._days[day] = _day_text(date.fromisoformat(day))
        duration = self._durations.get(minutes)
        if duration is None:
            duration = self._durations[minutes] = format_minutes(minutes)
        labels = self._categories.get(category)
        if labels is None:
            labels = self._categories[category] = self._category_labels(category)
        tag_text = self._tags.get(tags)
        if tag_text is None:
            tag_text = self._tags[tags] = self._tag_labels(tags)
        return (
            day_text,
            row.short_start(),
            duration,
            labels[0],
            labels[1],
            _(MODES[row.mode]) if row.mode in MODES else row.mode,
            _(FORMATS[row.format]) if row.format in FORMATS else row.format,
            str(row.people),
            row.client_ref,
            tag_text,
            _note_cell(note) if note else "",
        )

    def _category_labels(self, key: str) -> tuple[str, str]:
        cat = self.taxonomy.categories.get(key)
        wt = self.taxonomy.work_types.get(cat.work_type) if cat else None
        return (wt.label if wt else "?", self.taxonomy.category_label(key))

    def _tag_labels(self, tags: str) -> str:
        tax = self.taxonomy
        return ", ".join(tax.tags[t].label if t in tax.tags else t for t in tags.split(";") if t)


def header_text(column: int) -> str:
    """The header of *column* in the language (without the msgid's context)."""
    return _(HEADERS[column]).split("|", 1)[-1]


def _day_text(day: date) -> str:
    """``Tue 1 Dec`` (``mar. 1 déc.`` in French): as the form's date shows it (no leading zero),
    in the language's day and month names (QLocale's default, set at start-up)."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "ddd d MMM")
