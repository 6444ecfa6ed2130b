"""The period a dialog asks for (the export's, the report's): a list of periods (this week, last
month, …, Custom dates), the first and last day, and the message under them when they are the
wrong way round. The widgets are laid out by the dialog that asks; the periods are the domain's
(:mod:`peerdesk.domain.periods`)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel

from ..domain.entry import EARLIEST_DATE
from ..domain.periods import PERIODS, period
from ..i18n import _
from . import style
from .date_field import pydate, qdate
from .locale_text import locale

CUSTOM = "custom"


class PeriodFields:
    """The period's widgets: ``combo``, ``from_edit``, ``to_edit``, ``error`` and ``row`` (the two
    days on one line, *lead* before the first). *name* prefixes their object names."""

    def __init__(self, today: date, *, name: str, lead: str = "", description: str = "") -> None:
        self.today = today
        self.combo = QComboBox(objectName=f"{name}_range")
        for key, label in PERIODS.items():
            self.combo.addItem(_(label), key)  # the domain's names, marked N_ there
        self.combo.addItem(_("Custom dates"), CUSTOM)
        if description:
            self.combo.setAccessibleDescription(description)
        self.from_edit = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd", objectName=f"{name}_from")
        self.to_edit = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd", objectName=f"{name}_to")
        self.from_edit.setAccessibleName(_("First day"))
        self.to_edit.setAccessibleName(_("Last day"))
        for edit in (self.from_edit, self.to_edit):
            edit.setLocale(locale())  # the calendar's day and month names in the user's language
            edit.setMinimumDate(qdate(EARLIEST_DATE))
            edit.setAccessibleDescription(_("Year-month-day; used when the period is Custom dates"))
        self.row = QHBoxLayout()
        if lead:
            self.row.addWidget(QLabel(lead))
        self.row.addWidget(self.from_edit)
        # TRANSLATORS: between the first and the last day of a period: "2026-11-01 to 2026-11-30"
        self.row.addWidget(QLabel(_("to")))
        self.row.addWidget(self.to_edit)
        self.row.addStretch(1)
        self.error = QLabel(wordWrap=True, objectName=f"{name}_range_error")
        style.error(self.error)
        self.error.hide()

    def key(self) -> str:
        return self.combo.currentData()

    def choose(self, key: str) -> None:
        self.combo.setCurrentIndex(self.combo.findData(key))

    def set_custom(self, start: date, end: date) -> None:
        self.choose(CUSTOM)
        self.from_edit.setDate(qdate(start))
        self.to_edit.setDate(qdate(end))

    def dates(self) -> tuple[date, date]:
        return pydate(self.from_edit.date()), pydate(self.to_edit.date())

    def follow(self) -> None:
        """The chosen period's days in the fields (typed only for Custom dates)."""
        custom = self.key() == CUSTOM
        if not custom:
            start, end = period(self.key(), self.today)
            for edit, day in ((self.from_edit, start), (self.to_edit, end)):
                edit.blockSignals(True)
                edit.setDate(qdate(day))
                edit.blockSignals(False)
        self.from_edit.setEnabled(custom)
        self.to_edit.setEnabled(custom)

    def wrong_way_round(self) -> bool:
        """Whether the first day is after the last; the message under the days says so."""
        start, end = self.dates()
        bad = start > end
        self.error.setText(_("The first day is after the last day.") if bad else "")
        self.error.setVisible(bad)
        return bad
