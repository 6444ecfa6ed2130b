"""The form's date: typed the way a worker says it, stepped a day at a time, never a surprise.

A QDateEdit steps the section under the cursor: Up on the weekday of Monday 30 November went
to Tuesday 24 November, Down on Tuesday 1 December to Monday 7 December (a future date), and
typing ``Mon`` picked a Monday of the same month. Here Up and Down step one day, Page Up and
Page Down a week, never past tomorrow; what is typed is read by the domain's one grammar
(``today``, ``yesterday``, ``mon``, ``-2``, ``25/11``, ``2026-11-25``); Alt+Down or F4 opens
a calendar that offers only the days an entry may have.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from ..domain.days import HINT, parse_day
from ..domain.entry import EARLIEST_DATE, FUTURE_DAYS
from ..i18n import _
from .form_icons import down_arrow
from .locale_text import DAY, day_text, locale

if TYPE_CHECKING:
    from PySide6.QtWidgets import QCalendarWidget

SHOWN = DAY  # Tue 1 Dec 2026; mar. 1 déc. 2026 in French (the language's QLocale)
_STEPS = {Qt.Key_Up: 1, Qt.Key_Down: -1, Qt.Key_PageUp: 7, Qt.Key_PageDown: -7}


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(qd: QDate) -> date:
    return date(qd.year(), qd.month(), qd.day())


class DateField(QLineEdit):
    """A day, typed or stepped; :meth:`date` and :meth:`setDate` as a QDateEdit's."""

    dateChanged = Signal(QDate)  # noqa: N815 - Qt's name, as QDateEdit has it
    problem = Signal(str)  # what is wrong with the text typed ("" once it names a day)

    def __init__(self, today: Callable[[], date] = date.today, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("date_edit")
        self.today = today
        self._day = today()
        self.setText(self._shown(self._day))
        self.setToolTip(self.hint())
        self.setAccessibleName(_("Date"))
        self.calendar: QCalendarWidget | None = None
        self.opener = opener = self.addAction(down_arrow(self.palette()), QLineEdit.TrailingPosition)
        opener.setToolTip(_("Choose on a calendar (Alt+Down or F4)"))
        opener.triggered.connect(self.open_calendar)
        self.editingFinished.connect(self.commit)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() == QEvent.PaletteChange:  # another theme: the arrow in its text colour
            self.opener.setIcon(down_arrow(self.palette()))

    # ------------------------------------------------------------ the day

    @staticmethod
    def hint() -> str:
        """What may be typed, and the keys."""
        return _("Type {hint}. Up/Down: a day; Page Up/Down: a week; Alt+Down or F4: a calendar.").format(
            hint=_(HINT))  # the domain's grammar, marked N_ there

    @staticmethod
    def _shown(day: date) -> str:
        return day_text(day, SHOWN)

    def latest(self) -> date:
        return self.today() + timedelta(days=FUTURE_DAYS)

    def typed(self) -> date | None:
        """The day the text names now (None: it names none). The day as shown is always read back,
        in whatever language it is written."""
        text = self.text()
        if text.strip() and text.strip() == self._shown(self._day).strip():
            return self._day
        return parse_day(text, self.today())

    def date(self) -> QDate:
        """The day the text names, or the last one it did."""
        day = self.typed()
        return qdate(day if day is not None else self._day)

    def text_or_day(self) -> date | str:
        """For validation: the day, or the text when it names none (validation then says so)."""
        day = self.typed()
        return day if day is not None else self.text()

    def setDate(self, qd: QDate) -> None:  # noqa: N802 - Qt's name
        self._set(pydate(qd))

    def _set(self, day: date) -> None:
        changed = day != self._day
        self._day = day
        if self.text() != self._shown(day):
            self.setText(self._shown(day))
        self.problem.emit("")
        if changed:
            self.dateChanged.emit(qdate(day))

    def commit(self) -> None:
        """The text typed read as a day, and shown as one; or what is wrong with it."""
        day = self.typed()
        if day is None:
            self.problem.emit(_("'{text}' is not a day: type {hint}").format(text=self.text().strip(), hint=_(HINT)))
            return
        self._set(day)

    # ------------------------------------------------------------ keys

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        key, mods = event.key(), event.modifiers() & ~Qt.KeypadModifier
        if (key == Qt.Key_F4 and not mods) or (key == Qt.Key_Down and mods == Qt.AltModifier):
            self.open_calendar()
            return
        step = _STEPS.get(Qt.Key(key))
        if step is not None and not mods:
            start = self.typed() or self._day
            day = min(max(start + timedelta(days=step), EARLIEST_DATE), self.latest())
            self._set(day)
            self.selectAll()
            return
        super().keyPressEvent(event)

    def open_calendar(self) -> None:
        """A calendar under the field: days after tomorrow (and before the earliest) cannot be chosen."""
        if self.calendar is None:
            from PySide6.QtWidgets import QCalendarWidget  # (at its first opening)

            self.calendar = QCalendarWidget(self, objectName="date_calendar")
            self.calendar.setLocale(locale())  # the language's month and day names
            self.calendar.setAccessibleName(_("Calendar: choose the day of the work"))
            self.calendar.setWindowFlags(Qt.Popup)
            self.calendar.setGridVisible(False)
            self.calendar.activated.connect(self._chosen)
            self.calendar.clicked.connect(self._chosen)
        self.calendar.setDateRange(qdate(EARLIEST_DATE), qdate(self.latest()))
        self.calendar.setSelectedDate(self.date())
        self.calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self.calendar.show()
        self.calendar.setFocus(Qt.PopupFocusReason)

    def _chosen(self, qd: QDate) -> None:
        if self.calendar is not None:
            self.calendar.hide()
        self._set(pydate(qd))
        self.setFocus(Qt.OtherFocusReason)
        self.selectAll()
