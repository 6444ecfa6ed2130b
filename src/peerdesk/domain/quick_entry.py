"""One line for one entry: the quick-entry grammar, shared by the window and the command line.

    team 60
    yesterday 10:30 1h30 group facilitation x6 #presence
    mon advocacy 45 @phone ref:C-102 // called the housing office with them
    14:00-14:45 supervision

Words, in any order (the note last):

* a day: ``today`` (the default), ``yesterday``, a weekday or its first three letters (the
  most recent such day, never a future one), ``-2`` (two days ago), ``2026-11-25`` (see
  :mod:`.days`);
* a time: ``09:30`` (the start) or a range, ``09:30-11:00``, ``14-14:45`` or ``930-1030`` (the
  start and the end: the minutes follow);
* a duration: ``45``, ``45m``, ``1h``, ``1h30``;
* the category: the other words, matched against every category's label and key (the start
  of a word, a part of the label, or its initials: ``sbmgs``); the work type follows from it;
* ``@phone``, ``@text``, ``@video``, ``@person``, ``@other``: the mode; its first letter as the
  form's list shows it will do (``@p`` Phone, ``@i`` In person, ``@t``, ``@v``, ``@o``);
* ``x6`` or ``group 6``: a group and its size; ``3p`` or ``3 people``: how many took part;
  ``1:1`` or ``individual``: one-to-one work;
* ``#presence``, ``#role`` …: enactment tags (a prefix will do when only one tag has it);
* ``ref:C-102`` (``ref:"C 102"`` when it holds a space): the client reference; a code of
  letters and digits such as ``C-102`` is taken as one without ``ref:``;
* ``//`` and everything after it: the note (one line; a longer note is written in the form).

When PeerDesk speaks French, French words are read too: the days of :mod:`.days`
(``aujourd'hui``, ``hier``, ``lun`` …), the categories' French labels (the English ones when no
French label fits), the tags' French labels after ``#``, and the first letters of the modes as
the French list shows them (``@e`` En personne, ``@tex`` Texto). The French words for a mode
(``@tél``, ``@texto``, ``@vidéo``, ``@personne``, ``@autre``), a group (``groupe 6``), people
(``3 personnes``) and one-to-one (``individuel``) are read in any language, so that a line
written in French reads back anywhere. Each reason is in the user's language;
:func:`to_line` and :func:`modes_named` write the user's language's mode words.

:func:`parse` gives the raw fields for :func:`.entry.validate` (the same checks as the form),
what it understood, and each word it could not place with the reason (and the candidates when
a word fits more than one category); :func:`to_line` writes an entry in the grammar, and
:func:`frequent` gives a worker's most usual entries as lines. Pure Python: no Qt.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..i18n import SOURCE_LANGUAGE, _, language
from .days import parse_day, without_accents
from .entry import MODES, parse_minutes, parse_time
from .taxonomy import Taxonomy

# a word: a quoted client reference, the note (from the first // outside a quote), or a run of
# non-space characters that stops before a //
_TOKEN = re.compile(r'(?P<ref>ref:"(?:[^"]|"")*"?)|(?P<note>//.*)|(?:(?!//)\S)+', re.IGNORECASE | re.DOTALL)
_CLOCK = r"\d{1,2}(?::?\d{2})?"
_TIME = re.compile(r"^\d{1,2}:\d{2}$")
_RANGE = re.compile(rf"^({_CLOCK})-({_CLOCK})$")
_DURATION = re.compile(r"^(\d{1,3}|\d{1,2}h(\d{1,2}m?)?|\d{1,3}m|\d{1,2}:\d{2}h)$", re.IGNORECASE)
_GROUP = re.compile(r"^x(\d{1,3})$", re.IGNORECASE)
_PEOPLE = re.compile(r"^(\d{1,3})p$", re.IGNORECASE)
_BARE_REF = re.compile(r"^(?=.*\d)(?=.*[a-z])[a-z0-9][a-z0-9._/-]*$", re.IGNORECASE)
# the words a mode is written with (exact, without accents, in any language), then the form's
# list, whose first letters name them
_MODE_WORDS = {"phone": "phone", "text": "text", "video": "video", "person": "in_person", "inperson": "in_person",
               "in_person": "in_person", "other": "other", "online": "video", "f2f": "in_person",
               "tel": "phone", "telephone": "phone", "texto": "text", "visio": "video", "personne": "in_person",
               "enpersonne": "in_person", "en_personne": "in_person", "autre": "other"}
_MODE_WRITTEN = {"in_person": "person", "phone": "phone", "text": "text", "video": "video", "other": "other"}
_MODE_WRITTEN_IN = {"fr": {"in_person": "personne", "phone": "tél", "text": "texto", "video": "vidéo",
                           "other": "autre"}}
_INDIVIDUAL = ("1:1", "individual", "individuel", "individuelle")
_GROUP_WORDS = ("group", "groupe")
_PEOPLE_WORDS = ("people", "persons", "clients", "personnes", "pers", "participants", "participantes")


@dataclass(frozen=True)
class Part:
    """One word of the line (its place in the text), and what it was taken as."""

    start: int
    end: int
    text: str
    kind: str  # day, time, minutes, category, mode, group, people, format, tag, ref, note, unknown
    reason: str = ""  # for an unknown word: why (in the user's language)

    def problem(self) -> str:
        """The word and why it was not understood, as one message: ``'advocasy' is no category…``."""
        # TRANSLATORS: a word of the quick-entry line that was not understood, and why
        return _("'{word}' {reason}").format(word=self.text.strip(), reason=self.reason)


@dataclass
class Parsed:
    raw: dict[str, Any] = field(default_factory=dict)  # for validate()
    parts: list[Part] = field(default_factory=list)
    candidates: list[str] = field(default_factory=list)  # category keys the words could name

    @property
    def problems(self) -> list[Part]:
        return [p for p in self.parts if p.kind == "unknown"]


@dataclass(frozen=True)
class _Label:
    key: str
    label: str  # lower case
    words: tuple[str, ...]
    initials: str


_INDEXES: dict[tuple[int, str], tuple[Taxonomy, tuple[tuple[_Label, ...], ...], frozenset[str]]] = {}


def _fold(text: str) -> str:
    """Lower case without accents, as words are matched: ``Défense`` → ``defense``."""
    return without_accents(text.lower()).replace("\u2019", "'")


def _labels(taxonomy: Taxonomy, lang: str) -> tuple[_Label, ...]:
    out = []
    for c in taxonomy.categories.values():
        label = _fold(c.label_in(lang))
        out.append(_Label(c.key, label, tuple(re.findall(r"[a-z0-9]+", label)),
                          "".join(w[0] for w in re.findall(r"[a-z]+", label))))
    return tuple(out)


def _index(taxonomy: Taxonomy) -> tuple[tuple[tuple[_Label, ...], ...], frozenset[str]]:
    """The categories' labels split once per taxonomy and language (parsing runs on every key
    typed): the user's language's labels, then the English ones when the language is another."""
    lang = language()
    held = _INDEXES.get((id(taxonomy), lang))
    if held is None or held[0] is not taxonomy:
        languages = [lang] + ([SOURCE_LANGUAGE] if lang != SOURCE_LANGUAGE else [])
        sets = tuple(_labels(taxonomy, code) for code in languages)
        words = frozenset(w for labels in sets for lab in labels
                          for w in (*lab.words, *lab.label.split(), lab.key.lower()))
        held = _INDEXES[(id(taxonomy), lang)] = (taxonomy, sets, words)
        if len(_INDEXES) > 8:
            _INDEXES.pop(next(iter(_INDEXES)))
    return held[1], held[2]


def match_category(words: list[str], taxonomy: Taxonomy) -> list[str]:
    """The category keys that *words* name: an exact key or label first, then labels whose words
    the words begin in order (`rel` is Relationship building, not Building relationships), then
    labels any of whose words each word begins, then labels that hold the words, then initials.
    The labels are the user's language's (accents optional); when none fits, the English ones."""
    query = _fold(" ".join(words).strip())
    if not query:
        return []
    sets, _words = _index(taxonomy)
    for labels in sets:
        found = _match(query, labels)
        if found:
            return found
    return []


def _match(query: str, labels: tuple[_Label, ...]) -> list[str]:
    exact = [lab.key for lab in labels if query in (lab.key.lower(), lab.label)]
    if exact:
        return exact
    qwords = re.findall(r"[a-z0-9]+", query)
    as_key = query.replace(" ", "_")

    def in_order(lab: _Label) -> bool:  # the words begin the label's words, first with first
        head = lab.words[: len(qwords)]
        return len(head) == len(qwords) and all(lw.startswith(w) for w, lw in zip(qwords, head, strict=True))

    def anywhere(lab: _Label) -> bool:
        return all(any(lw.startswith(w) for lw in lab.words) for w in qwords) or lab.key.lower().startswith(as_key)

    squeezed = query.replace(" ", "")
    for test in (in_order, anywhere, lambda lab: query in lab.label,
                 lambda lab: squeezed == lab.initials or lab.initials.startswith(squeezed)):
        found = [lab.key for lab in labels if test(lab)]
        if found:
            return found
    return []


def _mode(name: str) -> list[str]:
    """The modes ``@name`` may mean: its exact word, else the form's list by the start of its
    label (``@p`` Phone, ``@i`` In person; in French ``@e`` En personne), else the words that
    begin with it."""
    name = _fold(name)
    if name in _MODE_WORDS:
        return [_MODE_WORDS[name]]
    if not name:
        return []
    by_label = [key for key, label in MODES.items() if _fold(_(label)).startswith(name)]
    return by_label or sorted({v for k, v in _MODE_WORDS.items() if k.startswith(name)})


def _tags(name: str, taxonomy: Taxonomy) -> list[str]:
    """The tags ``#name`` may mean: a key, else the start of a key, else the start of a word of
    a tag's label in the user's language (``#remise`` Remise en question)."""
    found = [t for t in taxonomy.tags if t == name] or [t for t in taxonomy.tags if t.startswith(name)]
    if found or not name:
        return found
    folded = _fold(name)
    return [key for key, tag in taxonomy.tags.items()
            if any(w.startswith(folded) for w in re.findall(r"[a-z0-9]+", _fold(tag.label)))]


def _one_of(labels: list[str]) -> str:
    """``A``, ``A or B``, ``A, B or C``."""
    if len(labels) < 2:
        return "".join(labels)
    # TRANSLATORS: the last choice of a list: "Advocacy, Administration or Team communication"
    return _("{some} or {last}").format(some=", ".join(labels[:-1]), last=labels[-1])


def _clock(text: str) -> str | None:
    try:
        t = parse_time(text)
    except ValueError:
        return None
    return None if t is None else f"{t.hour:02d}:{t.minute:02d}"


def parse(text: str, taxonomy: Taxonomy, *, today: date) -> Parsed:
    out = Parsed()
    _sets, label_words = _index(taxonomy)
    category_words: list[tuple[int, int, str]] = []
    words = [(m.start(), m.end(), m.group(), m.lastgroup) for m in _TOKEN.finditer(text)]
    i = 0
    tags: list[str] = []
    while i < len(words):
        start, end, word, group = words[i]
        low = word.lower()
        nxt = words[i + 1][2] if i + 1 < len(words) and words[i + 1][3] is None else ""
        if group == "note":
            out.raw["note"] = word[2:].strip()
            out.parts.append(Part(start, end, word[2:], "note"))
        elif group == "ref":
            if word.count('"') % 2:  # a quote inside is written twice: an odd count is unclosed
                out.parts.append(Part(start, end, word, "unknown", _('has no closing "; write ref:"C 102"')))
            else:
                out.raw["client_ref"] = word[5:-1].replace('""', '"')
                out.parts.append(Part(start, end, word, "ref"))
        elif "date" not in out.raw and not _DURATION.match(low) and (day := parse_day(low, today)) is not None:
            out.raw["date"] = day
            out.parts.append(Part(start, end, word, "day"))
        elif _TIME.match(low) and (clock := _clock(low)):
            out.raw["start_time"] = clock
            out.parts.append(Part(start, end, word, "time"))
        elif (m := _RANGE.match(low)) and (begin := _clock(m.group(1))) and (finish := _clock(m.group(2))):
            length = _minutes_of(finish) - _minutes_of(begin)
            if length <= 0:
                out.parts.append(Part(start, end, word, "unknown", _("ends before it starts")))
            else:
                out.raw["start_time"], out.raw["minutes"] = begin, length
                out.parts.append(Part(start, end, word, "time"))
        elif _DURATION.match(low) and "minutes" not in out.raw:
            try:
                out.raw["minutes"] = parse_minutes(low)
                out.parts.append(Part(start, end, word, "minutes"))
            except ValueError as exc:
                out.parts.append(Part(start, end, word, "unknown", str(exc)))
        elif low.startswith("@"):
            modes = _mode(low[1:])
            if len(modes) == 1:
                out.raw["mode"] = modes[0]
                out.parts.append(Part(start, end, word, "mode"))
            else:
                options = ", ".join(modes_named())
                out.parts.append(Part(start, end, word, "unknown",
                                      _("not a mode; write one of {modes}").format(modes=options)))
        elif m := _GROUP.match(low):
            out.raw["format"], out.raw["people"] = "group", int(m.group(1))
            out.parts.append(Part(start, end, word, "group"))
        elif low in _GROUP_WORDS and nxt.isdigit():
            out.raw["format"], out.raw["people"] = "group", int(nxt)
            out.parts.append(Part(start, words[i + 1][1], text[start:words[i + 1][1]], "group"))
            i += 1
        elif m := _PEOPLE.match(low):
            out.raw["people"] = int(m.group(1))
            out.parts.append(Part(start, end, word, "people"))
        elif low.isdigit() and nxt.lower() in _PEOPLE_WORDS:
            out.raw["people"] = int(low)
            out.parts.append(Part(start, words[i + 1][1], text[start:words[i + 1][1]], "people"))
            i += 1
        elif low in _INDIVIDUAL:
            out.raw["format"] = "individual"
            out.parts.append(Part(start, end, word, "format"))
        elif low.startswith("#"):
            name = low[1:]
            found = _tags(name, taxonomy)
            if len(found) == 1 and name:
                tags.append(found[0])
                out.parts.append(Part(start, end, word, "tag"))
            else:
                keys = ", ".join(taxonomy.tags)
                if found:
                    why = _("fits {found}; tags: {keys}").format(found=", ".join("#" + t for t in found), keys=keys)
                else:
                    why = _("is not a tag; tags: {keys}").format(keys=keys)
                out.parts.append(Part(start, end, word, "unknown", why))
        elif low.startswith("ref:"):
            out.raw["client_ref"] = word[4:]
            out.parts.append(Part(start, end, word, "ref"))
        elif _BARE_REF.match(low) and not any(w.startswith(low) for w in label_words):
            out.raw["client_ref"] = word
            out.parts.append(Part(start, end, word, "ref"))
        else:
            category_words.append((start, end, word))
        i += 1
    if tags:
        out.raw["tags"] = tags
    if category_words:
        _place_category(out, text, category_words, taxonomy)
    out.parts.sort(key=lambda p: p.start)
    return out


def _minutes_of(clock: str) -> int:
    return int(clock[:2]) * 60 + int(clock[3:])


def _place_category(out: Parsed, text: str, words: list[tuple[int, int, str]], taxonomy: Taxonomy) -> None:
    keys = match_category([w for *_place, w in words], taxonomy)
    first, last = words[0][0], words[-1][1]
    phrase = text[first:last]
    if len(keys) == 1:
        out.raw["category"] = keys[0]
        out.raw["work_type"] = taxonomy.work_type_of(keys[0])
        out.parts.append(Part(first, last, phrase, "category"))
        return
    if keys:
        labels = "; ".join(taxonomy.category_label(k) for k in keys[:6]) + ("; …" if len(keys) > 6 else "")
        why = _("matches several categories: {labels}").format(labels=labels)
    else:
        keys = _near(words, taxonomy)
        if keys:
            why = _("is no category, mode, time or tag PeerDesk knows; did you mean {labels}?").format(
                labels=_one_of([taxonomy.category_label(k) for k in keys]))
        else:
            why = _("is no category, mode, time or tag PeerDesk knows")
    out.candidates = keys
    out.parts.append(Part(first, last, phrase, "unknown", why))


def _near(words: list[tuple[int, int, str]], taxonomy: Taxonomy) -> list[str]:
    """Categories with a word spelt much like one typed (``advocasy``): offered, never taken."""
    from difflib import get_close_matches

    sets, _words = _index(taxonomy)
    labels = [lab for one in sets for lab in one]
    vocabulary = sorted({w for lab in labels for w in lab.words if len(w) >= 4})
    close = {m for *_place, word in words if len(word) >= 4
             for m in get_close_matches(_fold(word), vocabulary, n=3, cutoff=0.8)}
    return list(dict.fromkeys(lab.key for lab in labels if close & set(lab.words)))[:3]


def _written() -> dict[str, str]:
    """Mode key → the word a line writes it with, in the user's language."""
    return _MODE_WRITTEN_IN.get(language(), _MODE_WRITTEN)


def modes_named() -> dict[str, str]:
    """The mode words the grammar takes, for completion lists: ``@phone`` → phone (in French
    ``@tél`` → phone)."""
    return {f"@{word}": key for key, word in _written().items()}


# ---------------------------------------------------------------- writing a line


def to_line(entry: Mapping[str, Any], taxonomy: Taxonomy, *, default_mode: str = "in_person",
            today: date | None = None) -> str:
    """*entry* (an :class:`.entry.Entry`'s fields, or a form's checked values) in the grammar,
    so that :func:`parse` gives it back: the day (left out when it is *today*, or when *today*
    is None), the start, the category, the minutes, then what differs from a new entry's
    defaults (*default_mode*, one-to-one, 1 person for direct work and 0 for indirect), the
    tags, the client reference and the note (one line): ``team communication 60``."""
    out: list[str] = []
    day = entry.get("date")
    dated = False
    if isinstance(day, date) and today is not None and day != today:
        out.append(day.isoformat())
        dated = True
    start = entry.get("start_time")
    if start:
        out.append(start if isinstance(start, str) else f"{start.hour:02d}:{start.minute:02d}")
    key = entry["category"]
    out.append(_category_words(key, taxonomy, dated=dated))
    out.append(str(entry["minutes"]))
    mode = entry.get("mode") or "in_person"
    if mode != default_mode:
        out.append("@" + _written()[mode])
    people = int(entry.get("people", 0) or 0)
    if (entry.get("format") or "individual") == "group":
        out.append(f"x{people}")
    elif people != (1 if taxonomy.work_type_of(key) == "direct" else 0):
        out.append(f"{people}p")
    out.extend("#" + t for t in entry.get("tags") or ())
    ref = str(entry.get("client_ref") or "")
    if ref:
        plain = not re.search(r'\s|//|^"', ref) and not ref.lower().startswith("ref:")
        out.append(f"ref:{ref}" if plain else 'ref:"' + ref.replace('"', '""') + '"')
    note = str(entry.get("note") or "")
    if note:
        out.append("// " + " ".join(note.split("\n")))
    return " ".join(out)


def _category_words(key: str, taxonomy: Taxonomy, *, dated: bool) -> str:
    """The category's label when the grammar reads it back as that category alone; else its key."""
    label = " ".join(taxonomy.category_label(key).lower().split())
    probe = ("2000-01-01 " if dated else "") + label + " 1"
    parsed = parse(probe, taxonomy, today=date(2000, 1, 2))
    if parsed.raw.get("category") == key and not parsed.problems and set(parsed.raw) <= {
        "date", "minutes", "category", "work_type"}:
        return label
    return key


def frequent(entries: Iterable[Any], taxonomy: Taxonomy, *, default_mode: str = "in_person",
             limit: int = 8) -> list[tuple[str, int]]:
    """A worker's most usual entries as lines without day, start, reference or note (``team
    communication 60``), most used first, with how often each was made."""
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for n, e in enumerate(entries):
        if e.category not in taxonomy.categories:
            continue
        line = to_line({"minutes": e.minutes, "category": e.category, "mode": e.mode, "format": e.format,
                        "people": e.people, "tags": e.tags}, taxonomy, default_mode=default_mode)
        counts[line] += 1
        first_seen.setdefault(line, n)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], first_seen[kv[0]]))
    return [(line, count) for line, count in ranked[:limit] if count > 1]
