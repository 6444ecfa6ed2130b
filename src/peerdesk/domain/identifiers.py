"""Likely identifiers in a note or client reference, found before an entry is saved.

What is looked for: e-mail addresses, phone numbers, long digit runs (health-card,
case or record numbers), dates of birth, and a client reference that looks like
a person's name rather than a code. The rules are tuned for few false alarms on ordinary
notes: times ("2pm", "14:30"), counts ("group of 6"), durations and dates of
this year's appointments pass. A finding is a question for the worker, not a
verdict: the window asks to edit or confirm, the command line needs
``--accept-identifiers``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..i18n import N_, _

# What was found, in English: shown translated, _(finding.kind) or finding.label
EMAIL = N_("e-mail address")
PHONE = N_("phone number")
LONG_NUMBER = N_("long number (health-card, case or record number?)")
BIRTH_DATE = N_("date of birth")
FULL_NAME = N_("person's name")


@dataclass(frozen=True)
class Finding:
    field: str  # "note" or "client_ref"
    kind: str
    text: str
    start: int
    end: int

    @property
    def label(self) -> str:
        """What was found, in the user's language: ``phone number``."""
        return _(self.kind)

    def describe(self) -> str:
        """``phone number '613 555 0199'``, in the user's language."""
        # TRANSLATORS: what was found in a note, and the text found: phone number '613 555 0199'
        return _("{kind} '{text}'").format(kind=self.label, text=self.text)


_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# digits with the separators phone and card numbers use; at least 6 digits in all
_DIGITS_RE = re.compile(r"(?<![\w:/.])(\+?\(?\d[\d\s().-]*\d)(?![\w:/]|\.\d)")
_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|"
    "august|september|october|november|december"
)
_DATE_RES = (
    re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"),  # 1985-03-12
    re.compile(r"(?<!\d)(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})(?!\d)"),  # 12/03/1985, 12.3.85
    re.compile(rf"(?<!\w)(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTHS})\.?,?\s+(\d{{4}})(?!\d)", re.I),  # 12 March 1985
    re.compile(rf"(?<!\w)({_MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?!\d)", re.I),  # March 12, 1985
)
_NUMBER_CUE_RE = re.compile(
    r"\b(?:card|case|record|file|chart|mrn|nhs|ohip|medicare|id|no\.?|number|ref(?:erence)?)\b\W*$", re.I
)
_BIRTH_CUE_RE = re.compile(r"\b(?:dob|d\.o\.b\.?|born|birth ?day|date of birth|birthdate)\b", re.I)
_TITLE_RE = re.compile(r"^(?:mr|mrs|ms|miss|mx|dr)\.?\s+[A-Z][a-z'-]+", re.I)
# Words a client reference without digits may be made of and still not name anyone.
_NOT_NAMES = frozenset({
    "anon", "anonymous", "unknown", "none", "na", "tbc", "tba", "various", "group", "family", "carer", "carers",
    "client", "clients", "member", "members", "visitor", "visitors", "walk", "in", "walk-in", "self", "staff",
    "team", "other", "others", "new", "returning", "drop-in", "drop",
})
_WORD_SPLIT_RE = re.compile(r"[\s,]+")
_NAME_MARKS = str.maketrans("", "", "-'’.")


def find_in_note(note: str, *, today: date | None = None) -> list[Finding]:
    return _find(note, "note", today or date.today())


def find_in_client_ref(ref: str, *, today: date | None = None) -> list[Finding]:
    found = _find(ref, "client_ref", today or date.today())
    text = ref.strip()
    if text and (_TITLE_RE.match(text) or _name_shaped(text)):
        start = ref.index(text)
        found.append(Finding("client_ref", FULL_NAME, text, start, start + len(text)))
    return found


def _name_shaped(text: str) -> bool:
    """Whether a client reference is made like a name rather than a code: one to four words of
    letters (hyphens, apostrophes and an initial's full stop allowed; any case; any alphabet),
    no digit, and not only words such as 'anonymous' or 'walk-in'. An organisation's codes
    carry digits (C-102, PW7-33); initials in capitals (JS, ABC) pass as codes too."""
    if any(c.isdigit() for c in text):
        return False
    words = [w for w in _WORD_SPLIT_RE.split(text) if w]
    if not 1 <= len(words) <= 4:
        return False
    if not all(w.translate(_NAME_MARKS).isalpha() for w in words):
        return False  # another sign in it (/, #, _): a code
    if all(w.lower().strip(".") in _NOT_NAMES for w in words):
        return False
    if all(w.isupper() and len(w.translate(_NAME_MARKS)) <= 3 for w in words):
        return False  # initials or a short code in capitals
    return len(words) > 1 or len(words[0].translate(_NAME_MARKS)) >= 2


def find_identifiers(note: str, client_ref: str, *, today: date | None = None) -> list[Finding]:
    today = today or date.today()
    return find_in_client_ref(client_ref, today=today) + find_in_note(note, today=today)


def _find(text: str, field: str, today: date) -> list[Finding]:
    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, start: int, end: int) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        findings.append(Finding(field, kind, text[start:end], start, end))

    for m in _EMAIL_RE.finditer(text):
        add(EMAIL, m.start(), m.end())
    for pattern in _DATE_RES:
        for m in pattern.finditer(text):
            year = _year(m)
            if year is None:
                continue
            cue = _BIRTH_CUE_RE.search(text[max(0, m.start() - 25) : m.start()])
            # a full date whose year is a plausible birth year (not a recent appointment)
            if cue or 1900 <= year <= today.year - 12:
                add(BIRTH_DATE, m.start(), m.end())
            else:
                taken.append((m.start(), m.end()))  # an ordinary date: not a phone number either
    for m in _DIGITS_RE.finditer(text):
        raw = m.group(1)
        digits = re.sub(r"\D", "", raw)
        if len(digits) < 6:
            continue
        start, end = m.start(1), m.end(1)
        looks_like_phone = (
            raw.startswith(("+", "(", "0"))
            or (bool(re.search(r"\d[\s.-]\d", raw)) and 7 <= len(digits) <= 15)
        )
        number_cue = _NUMBER_CUE_RE.search(text[max(0, start - 25) : start])
        if looks_like_phone and len(digits) >= 7 and not number_cue:
            add(PHONE, start, end)
        else:
            add(LONG_NUMBER, start, end)
    findings.sort(key=lambda f: f.start)
    return findings


def _year(m: re.Match[str]) -> int | None:
    groups = m.groups()
    for g in (groups[0], groups[-1]):
        if g and g.isdigit() and len(g) == 4:
            return int(g)
    last = groups[-1]
    if last and last.isdigit() and len(last) == 2:
        return 1900 + int(last) if int(last) > 30 else 2000 + int(last)
    return None
