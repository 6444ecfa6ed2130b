"""A day as a worker types it: ``today``, ``yesterday``, ``mon``, ``-2``, ``25/11``, ``2026-11-25``…

One grammar for every place a day is typed (the form's date field, the command line). A
weekday means the most recent such day, today included, never one in the future; a date
without a year is the most recent one not after tomorrow. Day and month are written day
first (``3/11`` is 3 November), as the form shows them (``Tue 3 Nov 2026``).

When PeerDesk speaks French the French words are read too, accents optional (``aujourd'hui``,
``hier``, ``avant-hier``, ``demain``, ``lun`` … ``dim``, ``25 nov.``, ``1er déc``, ``mar. 3 nov. 2026``);
the English ones still work. In English only the English words are read, so that a French
weekday's first letters (``me``, ``di``) never take a word meant for something else.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from ..i18n import N_, _, language

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)
# the words read beside the English ones when PeerDesk speaks the language (without accents)
WEEKDAYS_IN = {"fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")}
MONTHS_IN = {"fr": ("janvier", "fevrier", "mars", "avril", "mai", "juin",
                    "juillet", "aout", "septembre", "octobre", "novembre", "decembre")}
OFFSETS_IN = {"fr": {"aujourd'hui": 0, "aujourdhui": 0, "auj": 0, "maintenant": 0, "hier": -1,
                     "avant-hier": -2, "demain": 1}}
# What may be typed (the words of the user's language): shown translated, _(HINT) or hint()
HINT = N_("today, yesterday, a weekday (mon), -2 (two days ago), 25/11, 25 Nov or 2026-11-25")


def hint() -> str:
    """:data:`HINT` in the user's language."""
    return _(HINT)


_OFFSET = re.compile(r"([-+])\s*(\d{1,3})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2}|\d{4}))?")
_WORDS = re.compile(r"(?:(\d{1,2})\s+([a-z]+)|([a-z]+)\s+(\d{1,2}))(?:,?\s+(\d{4}))?")


def parse_day(text: str, today: date) -> date | None:
    """The day *text* names, or None if it names none (the caller says what is allowed: :data:`HINT`)."""
    lang = language()
    t = " ".join(text.strip().lower().replace(",", " ").split()).rstrip(".")
    if lang in WEEKDAYS_IN:  # "mar. 3 nov. 2026", "déc", "aujourd’hui"
        t = re.sub(r"(?<=[a-z])\.", "", without_accents(t).replace("\u2019", "'"))
        t = re.sub(r"^(\d{1,2})er\b", r"\1", t)
        t = re.sub(r"(?<=[a-z] )(\d{1,2})er\b", r"\1", t)
    if not t:
        return None
    if t in ("today", "now"):
        return today
    if t in ("yesterday", "yday"):
        return today - timedelta(days=1)
    if t == "tomorrow":
        return today + timedelta(days=1)
    if (shift := OFFSETS_IN.get(lang, {}).get(t)) is not None:
        return today + timedelta(days=shift)
    if m := _OFFSET.fullmatch(t):
        days = int(m.group(2))
        return today - timedelta(days=days) if m.group(1) == "-" else today + timedelta(days=days)
    if (weekday := _weekday(t)) is not None:
        return today - timedelta(days=(today.weekday() - weekday) % 7)
    words = t.split(" ")
    if len(words) > 1 and _weekday(words[0]) is not None:  # "wed 25 nov 2026", as the form shows a day
        t = " ".join(words[1:])
    if m := _ISO.fullmatch(t):
        return _day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _NUMERIC.fullmatch(t):
        year = m.group(3)
        return _dated(int(m.group(1)), int(m.group(2)), _year(year) if year else None, today)
    if m := _WORDS.fullmatch(t):
        day, month = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        number = _month(month)
        if number is None:
            return None
        return _dated(int(day), number, int(m.group(5)) if m.group(5) else None, today)
    return None


def without_accents(text: str) -> str:
    """*text* without its accents: ``déc`` → ``dec``."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _weekday(word: str) -> int | None:
    """The weekday a word names: the whole name or its first letters (two or more, one day only)."""
    if len(word) < 2:
        return None
    names = [*enumerate(WEEKDAYS), *enumerate(WEEKDAYS_IN.get(language(), ()))]
    found = {i for i, name in names if name.startswith(word)}
    return found.pop() if len(found) == 1 else None


def _month(word: str) -> int | None:
    if len(word) < 3:
        return None
    names = [*enumerate(MONTHS), *enumerate(MONTHS_IN.get(language(), ()))]
    found = {i + 1 for i, name in names if name.startswith(word)}
    return found.pop() if len(found) == 1 else None


def _year(text: str) -> int:
    return int(text) + 2000 if len(text) == 2 else int(text)


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _dated(day: int, month: int, year: int | None, today: date) -> date | None:
    if year is not None:
        return _day(year, month, day)
    found = _day(today.year, month, day)
    if found is not None and found > today + timedelta(days=1):  # "28/12" typed in January: last December
        found = _day(today.year - 1, month, day)
    return found
