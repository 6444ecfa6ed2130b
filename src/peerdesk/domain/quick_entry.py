"""One line for one entry: the quick-entry grammar, shared by the window and the command line.

    team 60
    yesterday 10:30 1h30 group facilitation x6 #presence
    mon advocacy 45 @phone ref:C-102 // called the housing office with them
    14:00-14:45 supervision

Words, in any order (the note last):

* a day: ``today`` (the default), ``yesterday``, a weekday or its first three letters (the
  most recent such day, never a future one), ``-2`` (two days ago), ``2026-11-25`` (see
  :mod:`.days`);
* a time: ``09:30`` (the start) or ``09:30-11:00`` (the start and the end: the minutes follow);
* a duration: ``45``, ``45m``, ``1h``, ``1h30``;
* the category: the other words, matched against every category's label and key (the start
  of a word, a part of the label, or its initials: ``sbmgs``); the work type follows from it;
* ``@phone``, ``@text``, ``@video``, ``@person``, ``@other``: the mode;
* ``x6`` or ``group 6``: a group and its size;
* ``#presence``, ``#role`` …: enactment tags (a prefix will do when only one tag has it);
* ``ref:C-102``: the client reference;
* ``//`` and everything after it: the note.

:func:`parse` gives the raw fields for :func:`.entry.validate` (the same checks as the form),
what it understood, and each word it could not place with the reason (and the candidates when
a word fits more than one category). Pure Python: no Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .days import parse_day
from .entry import MODES, parse_minutes
from .taxonomy import Taxonomy

_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?:-(\d{1,2}):(\d{2}))?$")
_DURATION = re.compile(r"^(\d{1,3}|\d{1,2}h(\d{1,2}m?)?|\d{1,3}m|\d{1,2}:\d{2}h)$", re.IGNORECASE)
_GROUP = re.compile(r"^x(\d{1,3})$", re.IGNORECASE)
_MODE_WORDS = {"phone": "phone", "text": "text", "video": "video", "person": "in_person", "inperson": "in_person",
               "in_person": "in_person", "other": "other", "online": "video"}


@dataclass(frozen=True)
class Part:
    """One word of the line (its place in the text), and what it was taken as."""

    start: int
    end: int
    text: str
    kind: str  # day, time, minutes, category, mode, group, tag, ref, note, unknown
    reason: str = ""  # for an unknown word: why


@dataclass
class Parsed:
    raw: dict[str, Any] = field(default_factory=dict)  # for validate()
    parts: list[Part] = field(default_factory=list)
    candidates: list[str] = field(default_factory=list)  # category keys the words could name

    @property
    def problems(self) -> list[Part]:
        return [p for p in self.parts if p.kind == "unknown"]


def _words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", text)]


def _initials(label: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z]+", label)).lower()


def match_category(words: list[str], taxonomy: Taxonomy) -> list[str]:
    """The category keys that *words* name: an exact key or label first, then labels whose words
    the words begin in order (`rel` is Relationship building, not Building relationships), then
    labels any of whose words each word begins, then labels that hold the words, then initials."""
    query = " ".join(words).lower().strip()
    if not query:
        return []
    cats = list(taxonomy.categories.values())
    exact = [c.key for c in cats if query in (c.key.lower(), c.label.lower())]
    if exact:
        return exact
    def starts(label: str) -> bool:
        label_words = re.findall(r"[a-z0-9]+", label.lower())
        return all(any(lw.startswith(w) for lw in label_words) for w in re.findall(r"[a-z0-9]+", query))
    qwords = re.findall(r"[a-z0-9]+", query)

    def in_order(label: str) -> bool:  # the words begin the label's words, first with first
        label_words = re.findall(r"[a-z0-9]+", label.lower())
        head = label_words[: len(qwords)]
        return len(head) == len(qwords) and all(lw.startswith(w) for w, lw in zip(qwords, head, strict=True))

    for test in (lambda c: in_order(c.label),
                 lambda c: starts(c.label) or c.key.lower().startswith(query.replace(" ", "_")),
                 lambda c: query in c.label.lower(),
                 lambda c: query.replace(" ", "") == _initials(c.label) or _initials(c.label).startswith(query)):
        found = [c.key for c in cats if test(c)]
        if found:
            return found
    return []


def parse(text: str, taxonomy: Taxonomy, *, today: date) -> Parsed:
    out = Parsed()
    body, slash, note = text.partition("//")
    if slash:
        start = len(body) + 2
        out.raw["note"] = note.strip()
        out.parts.append(Part(start, len(text), note, "note"))
    category_words: list[tuple[int, int, str]] = []
    words = _words(body)
    i = 0
    tags: list[str] = []
    while i < len(words):
        start, end, word = words[i]
        low = word.lower()
        day = parse_day(low, today) if "date" not in out.raw and not _DURATION.match(low) else None
        if day is not None:
            out.raw["date"] = day
            out.parts.append(Part(start, end, word, "day"))
        elif m := _TIME.match(low):
            begin = (int(m.group(1)), int(m.group(2)))
            out.raw["start_time"] = f"{begin[0]:02d}:{begin[1]:02d}"
            if m.group(3):
                finish = int(m.group(3)) * 60 + int(m.group(4))
                length = finish - (begin[0] * 60 + begin[1])
                if length <= 0:
                    out.parts.append(Part(start, end, word, "unknown", "ends before it starts"))
                    i += 1
                    continue
                out.raw["minutes"] = length
            out.parts.append(Part(start, end, word, "time"))
        elif _DURATION.match(low) and "minutes" not in out.raw:
            try:
                out.raw["minutes"] = parse_minutes(low)
                out.parts.append(Part(start, end, word, "minutes"))
            except ValueError as exc:
                out.parts.append(Part(start, end, word, "unknown", str(exc)))
        elif low.startswith("@"):
            name = low[1:]
            modes = sorted({v for k, v in _MODE_WORDS.items() if k.startswith(name)}) if name else []
            if len(modes) == 1:
                out.raw["mode"] = modes[0]
                out.parts.append(Part(start, end, word, "mode"))
            else:
                options = ", ".join("@" + k for k in ("person", "phone", "text", "video", "other"))
                out.parts.append(Part(start, end, word, "unknown", f"not a mode; write one of {options}"))
        elif m := _GROUP.match(low):
            out.raw["format"], out.raw["people"] = "group", int(m.group(1))
            out.parts.append(Part(start, end, word, "group"))
        elif low == "group" and i + 1 < len(words) and words[i + 1][2].isdigit():
            out.raw["format"], out.raw["people"] = "group", int(words[i + 1][2])
            out.parts.append(Part(start, words[i + 1][1], body[start:words[i + 1][1]], "group"))
            i += 1
        elif low.startswith("#"):
            name = low[1:]
            found = [t for t in taxonomy.tags if t == name] or [t for t in taxonomy.tags if t.startswith(name)]
            if len(found) == 1 and name:
                tags.append(found[0])
                out.parts.append(Part(start, end, word, "tag"))
            else:
                why = f"fits {', '.join('#' + t for t in found)}" if found else "is not a tag"
                out.parts.append(Part(start, end, word, "unknown", f"{why}; tags: {', '.join(taxonomy.tags)}"))
        elif low.startswith("ref:"):
            out.raw["client_ref"] = word[4:]
            out.parts.append(Part(start, end, word, "ref"))
        else:
            category_words.append((start, end, word))
        i += 1
    if tags:
        out.raw["tags"] = tags
    if category_words:
        keys = match_category([w for *_, w in category_words], taxonomy)
        first, last = category_words[0][0], category_words[-1][1]
        phrase = body[first:last]
        if len(keys) == 1:
            out.raw["category"] = keys[0]
            out.raw["work_type"] = taxonomy.work_type_of(keys[0])
            out.parts.append(Part(first, last, phrase, "category"))
        else:
            out.candidates = keys
            why = ("matches several categories: " + "; ".join(taxonomy.category_label(k) for k in keys[:6])
                   + ("; …" if len(keys) > 6 else "") if keys
                   else "is no category, mode, time or tag PeerDesk knows")
            out.parts.append(Part(first, last, phrase, "unknown", why))
    out.parts.sort(key=lambda p: p.start)
    return out


def modes_named() -> dict[str, str]:
    """The mode words the grammar takes, for completion lists: ``@phone`` → phone."""
    return {f"@{k}": v for k, v in _MODE_WORDS.items() if v in MODES and "_" not in k and k != "inperson"}
