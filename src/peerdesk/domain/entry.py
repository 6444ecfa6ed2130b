"""The Entry value and its validation.

``validate(raw, taxonomy, today=...)`` turns what a person typed (strings from
a form or the command line, or already-typed values) into an :class:`Entry`, or
raises :class:`ValidationError` carrying one message per field, each saying
what is allowed. The window shows each message next to its field; the command
line prints the first one, naming the field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from ..i18n import N_, _, ngettext
from .taxonomy import Taxonomy

# key -> label, in English: shown translated, _(MODES[key]) (the keys go on disk)
MODES: dict[str, str] = {
    "in_person": N_("In person"),
    "phone": N_("Phone"),
    "text": N_("Text"),
    "video": N_("Video"),
    "other": N_("Other"),
}
FORMATS: dict[str, str] = {"individual": N_("Individual"), "group": N_("Group")}

MIN_MINUTES = 1
MAX_MINUTES = 720
MAX_NOTE = 2000
MAX_CLIENT_REF = 40
MAX_WORKER = 80
MAX_PEOPLE = 500
DIRECT = "direct"  # the work type that reaches clients: at least one person takes part
EARLIEST_DATE = date(2000, 1, 1)
FUTURE_DAYS = 1

# Field names in the order the form shows them; error messages follow it.
FIELDS = (
    "worker",
    "date",
    "start_time",
    "minutes",
    "work_type",
    "category",
    "mode",
    "format",
    "people",
    "client_ref",
    "tags",
    "note",
)



def minutes_hint() -> str:
    """What the minutes may be, in the user's language."""
    return _("between {low} and {high} minutes (12 hours); type 90, 1h30 or 1:30").format(
        low=MIN_MINUTES, high=MAX_MINUTES)


@dataclass(frozen=True)
class Entry:
    id: str
    worker: str
    date: date
    minutes: int
    category: str
    mode: str = "in_person"
    format: str = "individual"
    people: int = 1
    start_time: time | None = None
    client_ref: str = ""
    tags: tuple[str, ...] = ()
    note: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def with_changes(self, **changes: Any) -> Entry:
        return replace(self, **changes)


@dataclass
class ValidationError(ValueError):
    """One message per field that is wrong, in form order."""

    errors: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__(self.first())

    def first(self) -> str:
        if not self.errors:
            return _("invalid entry")
        name, message = next(iter(self.errors.items()))
        # TRANSLATORS: a field's name (as the command line spells it: minutes, client_ref) and what is wrong
        return _("{field}: {message}").format(field=name, message=message)

    def __str__(self) -> str:
        return self.first()


def new_id() -> str:
    import uuid  # (and the platform module it loads) only once an entry is made

    return str(uuid.uuid4())


# ------------------------------------------------------------------ parsing

_HM_COLON = re.compile(r"^(\d{1,2}):([0-5]\d)$")
_HM_LETTERS = re.compile(r"^(?:(\d{1,2})\s*h(?:ours?|rs?)?)?\s*(?:(\d{1,4})\s*m(?:in(?:utes?|s)?)?)?$")
_H_ONLY_MIN = re.compile(r"^(\d{1,2})\s*h\s*([0-5]?\d)$")


def parse_minutes(value: str | int) -> int:
    """``90``, ``1h30``, ``1h 30m``, ``1:30``, ``2h``, ``45m`` → minutes.

    Raises ValueError with the allowed forms when *value* is none of them.
    Range is checked by :func:`validate`, not here.
    """
    if isinstance(value, bool):
        raise ValueError(_("must be a number of minutes, {hint}").format(hint=minutes_hint()))
    if isinstance(value, int):
        return value
    text = str(value).strip().lower()
    if not text:
        raise ValueError(_("is required: {hint}").format(hint=minutes_hint()))
    if text.isdigit():
        return int(text)
    m = _HM_COLON.match(text)
    if m:
        return int(m.group(1)) * 60 + int(m.group(2))
    m = _H_ONLY_MIN.match(text)
    if m:
        return int(m.group(1)) * 60 + int(m.group(2))
    m = _HM_LETTERS.match(text)
    if m and (m.group(1) or m.group(2)) and not (m.group(1) and int(m.group(2) or 0) >= 60):
        return int(m.group(1) or 0) * 60 + int(m.group(2) or 0)
    raise ValueError(_("'{value}' is not a duration; {hint}").format(value=value, hint=minutes_hint()))


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


def parse_date(value: str | date) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        raise ValueError(_("is required, as YYYY-MM-DD"))
    try:
        if not _ISO_DAY.match(text):  # exactly as documented: 20261124 is a number, not a date
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(_("'{text}' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-25").format(text=text)) \
            from None


def parse_time(value: str | time | None) -> time | None:
    if value is None or isinstance(value, time):
        return value
    text = str(value).strip()
    if not text:
        return None
    m = re.match(r"^(\d{1,2})(?:[:.h]?(\d{2})|h?)$", text)  # 09:30, 9.30, 9h30, 0930, 930; 9 or 14h: on the hour
    if m and int(m.group(1)) < 24 and int(m.group(2) or 0) < 60:
        return time(int(m.group(1)), int(m.group(2) or 0))
    raise ValueError(
        _("'{text}' is not a time of day; write it as HH:MM (00:00–23:59), or leave it empty").format(text=text))


def parse_int(value: str | int, what: str) -> int:
    """A whole number of *what* (a noun in the user's language, e.g. _("people"))."""
    if isinstance(value, bool):
        raise ValueError(_("must be a whole number of {what}").format(what=what))
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if not re.fullmatch(r"\d+", text):
        raise ValueError(_("'{text}' is not a whole number of {what}").format(text=text, what=what))
    return int(text)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Text-direction controls: an override (U+202E) shows "C-201" as "102-C" in a spreadsheet. A client
# ref refuses every one; a note loses the ones that reorder text (embeddings, overrides, isolates)
# and keeps the marks (U+200E, U+200F, U+061C) that right-to-left writing needs.
_BIDI_ANY = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_BIDI_REORDER = re.compile("[\u202a-\u202e\u2066-\u2069]")
_CONTROL_ONE_LINE = re.compile(r"[\x00-\x1f\x7f]")


# --------------------------------------------------------------- validation


def validate(
    raw: Mapping[str, Any],
    taxonomy: Taxonomy,
    *,
    today: date,
    entry_id: str | None = None,
    created_at: datetime | None = None,
) -> Entry:
    """Check every field of *raw* and return an Entry, or raise ValidationError."""
    errors: dict[str, str] = {}
    out: dict[str, Any] = {}

    worker = str(raw.get("worker") or "").strip()
    if not worker:
        errors["worker"] = _("is required: your name or worker code (set it in Settings)")
    elif len(worker) > MAX_WORKER or _CONTROL_ONE_LINE.search(worker):
        errors["worker"] = _("must be one line of at most {n} characters").format(n=MAX_WORKER)
    out["worker"] = worker

    try:
        day = parse_date(raw.get("date") or "")
        latest = today + timedelta(days=FUTURE_DAYS)
        if day > latest:
            errors["date"] = _("cannot be later than tomorrow ({day})").format(day=latest.isoformat())
        elif day < EARLIEST_DATE:
            errors["date"] = _("cannot be before {day}").format(day=EARLIEST_DATE.isoformat())
        out["date"] = day
    except ValueError as exc:
        errors["date"] = str(exc)

    try:
        out["start_time"] = parse_time(raw.get("start_time"))
    except ValueError as exc:
        errors["start_time"] = str(exc)

    try:
        minutes = parse_minutes(raw.get("minutes", ""))
        if not MIN_MINUTES <= minutes <= MAX_MINUTES:
            errors["minutes"] = _("{minutes} is out of range: {hint}").format(minutes=minutes, hint=minutes_hint())
        out["minutes"] = minutes
    except ValueError as exc:
        errors["minutes"] = str(exc)

    category = str(raw.get("category") or "").strip()
    work_type = str(raw.get("work_type") or "").strip()
    if work_type and work_type not in taxonomy.work_types:
        errors["work_type"] = _("unknown work type '{work_type}'; choose one of: {keys}").format(
            work_type=work_type, keys=", ".join(taxonomy.work_types))
    if not category:
        errors["category"] = _("is required: choose what kind of work this was")
    elif category not in taxonomy.categories:
        errors["category"] = _(
            "unknown category '{category}'; choose one from the list (`peerdesk categories`)"
        ).format(category=category)
    elif work_type and taxonomy.work_type_of(category) != work_type:
        errors["category"] = _("'{category}' is {work_type} work, not {other}").format(
            category=category, work_type=taxonomy.work_type_of(category), other=work_type)
    out["category"] = category

    mode = str(raw.get("mode") or "in_person").strip()
    if mode not in MODES:
        errors["mode"] = _("unknown mode '{mode}'; choose one of: {keys}").format(mode=mode, keys=", ".join(MODES))
    out["mode"] = mode

    fmt = str(raw.get("format") or "individual").strip()
    if fmt not in FORMATS:
        errors["format"] = _("unknown format '{format}'; choose one of: {keys}").format(
            format=fmt, keys=", ".join(FORMATS))
    out["format"] = fmt

    is_direct = category in taxonomy.categories and taxonomy.work_type_of(category) == DIRECT
    people_raw = raw.get("people")
    if people_raw is None or (isinstance(people_raw, str) and not people_raw.strip()):
        people_raw = 1 if is_direct else 0
    try:
        # TRANSLATORS: in "must be a whole number of people"
        people = parse_int(people_raw, _("people"))
        if people > MAX_PEOPLE:
            errors["people"] = _("must be at most {n}").format(n=MAX_PEOPLE)
        elif people < 0:
            errors["people"] = _("cannot be negative; enter 0 to {n}").format(n=MAX_PEOPLE)
        elif is_direct and people < 1:
            errors["people"] = _("direct work reaches at least 1 person; enter how many clients took part")
        out["people"] = people
    except ValueError as exc:
        errors["people"] = str(exc)

    client_ref = str(raw.get("client_ref") or "").strip()
    if len(client_ref) > MAX_CLIENT_REF or _CONTROL_ONE_LINE.search(client_ref):
        errors["client_ref"] = _(
            "must be one line of at most {n} characters: a de-identified code, never a name"
        ).format(n=MAX_CLIENT_REF)
    elif _BIDI_ANY.search(client_ref):
        errors["client_ref"] = _(
            "holds an invisible text-direction character (it can make a code read backwards in a "
            "spreadsheet); type the code again"
        )
    out["client_ref"] = client_ref

    tags_raw = raw.get("tags") or ()
    if isinstance(tags_raw, str):
        tags_raw = [t for t in re.split(r"[;,\s]+", tags_raw) if t]
    tags = {str(t).strip() for t in tags_raw if str(t).strip()}
    unknown = sorted(tags - set(taxonomy.tags))
    if unknown:
        errors["tags"] = _("unknown tag '{tag}'; choose from: {keys}").format(
            tag=unknown[0], keys=", ".join(taxonomy.tags))
    out["tags"] = tuple(k for k in taxonomy.tags if k in tags)

    note = clean_note(str(raw.get("note") or ""))
    if len(note) > MAX_NOTE:
        errors["note"] = _("is {length} characters; at most {limit} are allowed").format(
            length=_thousands(len(note)), limit=_thousands(MAX_NOTE))
    elif _CONTROL.search(note):
        errors["note"] = _("contains control characters; only text, tabs and line breaks are allowed")
    out["note"] = note

    if errors:
        ordered = {k: errors[k] for k in FIELDS if k in errors}
        raise ValidationError(ordered)

    return Entry(
        id=entry_id or new_id(),
        created_at=created_at,
        **out,
    )


def entry_to_raw(entry: Entry, taxonomy: Taxonomy | None = None) -> dict[str, Any]:
    """The fields of *entry* as a form would hold them (for editing)."""
    raw: dict[str, Any] = {
        "worker": entry.worker,
        "date": entry.date.isoformat(),
        "start_time": entry.start_time.strftime("%H:%M") if entry.start_time else "",
        "minutes": str(entry.minutes),
        "category": entry.category,
        "mode": entry.mode,
        "format": entry.format,
        "people": str(entry.people),
        "client_ref": entry.client_ref,
        "tags": list(entry.tags),
        "note": entry.note,
    }
    if taxonomy is not None and entry.category in taxonomy.categories:
        raw["work_type"] = taxonomy.work_type_of(entry.category)
    return raw


def count_of(n: int, one: str, many: str | None = None) -> str:
    """``1 entry``, ``3 entries``: a number with its noun, in the user's language
    (packaging/translations.py puts each call's ``{n} entry`` / ``{n} entries`` in the catalogue)."""
    # named, not literals in the call: extraction would take "{n} " alone for a message
    singular, plural = "{n} " + one, "{n} " + (many or one + "s")
    return ngettext(singular, plural, n).format(n=n)


def format_minutes(minutes: int) -> str:
    """``95`` → ``1h 35m``; ``45`` → ``45m``; ``120`` → ``2h`` (French: ``1 h 35 min``, ``45 min``, ``2 h``)."""
    h, m = divmod(int(minutes), 60)
    if not h:
        # TRANSLATORS: a duration under an hour, 45m (keep the unit on the number's line: a no-break space)
        return _("{minutes}m").format(minutes=m)
    if not m:
        # TRANSLATORS: a duration of whole hours, 2h
        return _("{hours}h").format(hours=h)
    # TRANSLATORS: a duration, 1h 35m (the minutes as two digits)
    return _("{hours}h {minutes:02d}m").format(hours=h, minutes=m)


def _thousands(n: int) -> str:
    """``2,000`` in English, ``2 000`` (a narrow no-break space) in French."""
    # TRANSLATORS: the thousands separator of a count of characters (French: a narrow no-break space, U+202F)
    return f"{n:,}".replace(",", _(","))


def clean_note(text: str) -> str:
    """A note as it is kept: one kind of line break, no blank space around it, no invisible
    character that reorders the text (its length is what the form's counter shows and what
    the limit applies to)."""
    return _BIDI_REORDER.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
