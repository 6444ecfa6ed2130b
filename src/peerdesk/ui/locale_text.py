"""Dates, times and numbers as the worker's language writes them (QLocale), for the window's texts.

The language is PeerDesk's (:func:`peerdesk.i18n.language`); the region is the one start-up set
as QLocale's default when it speaks that language (``fr_CA`` on a Quebec desktop), else the
language's own (``fr`` → ``fr_FR``, ``en`` → ``en_US``). Qt's own ``QDate.toString(format)``
always writes English, so every day shown to a person goes through here. Files for other
programs (the CSV contract, ISO dates) never do.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

from .. import i18n

DAY = "ddd d MMM yyyy"  # Tue 1 Dec 2026 / mar. 1 déc. 2026
SHORT_DAY = "ddd d MMM"  # Tue 1 Dec
LONG_DAY = "dddd d MMMM"  # Tuesday 1 December
MOMENT = "ddd d MMM yyyy HH:mm"


def locale() -> QLocale:
    """The QLocale the window writes in: the default one when it speaks PeerDesk's language."""
    chosen = QLocale()
    language = i18n.language()
    if chosen.name().split("_")[0] == language:
        return chosen
    return QLocale(language)


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def day_text(day: date, fmt: str = DAY) -> str:
    """*day* written with *fmt* (Qt's date format) in the worker's language."""
    return locale().toString(qdate(day), fmt)


def moment_text(moment: datetime, fmt: str = MOMENT) -> str:
    """*moment* in this computer's time zone, written with *fmt* in the worker's language."""
    local = moment.astimezone()
    shown = QDateTime(qdate(local.date()), QTime(local.hour, local.minute, local.second))
    return locale().toString(shown, fmt)


def number(value: int) -> str:
    """A whole number with the language's digit grouping (2,000 / 2 000)."""
    return locale().toString(value)
