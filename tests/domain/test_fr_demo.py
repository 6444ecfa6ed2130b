"""A French trainer's demo: the same record as in English, the notes in French."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from peerdesk import demo, i18n
from peerdesk.domain.identifiers import find_identifiers
from peerdesk.domain.weeks import Week

END_WEEK, TODAY = Week(2026, 48), date(2026, 11, 29)


def slots() -> list[demo.Slot]:
    return [demo.HANDOVER, *(s for day in demo.WEEK_PLAN.values() for s in day), demo.SUPERVISION, demo.TRAINING,
            demo.EDUCATION, demo.LEGITIMIZING, *demo.EXTRAS, demo.LATE_CONTACT, demo.EXTRA_GROUP]


def test_every_slot_has_its_notes_in_french_in_the_same_order():
    for slot in slots():
        assert len(slot.notes_fr) == len(slot.notes), slot
        assert [bool(n) for n in slot.notes_fr] == [bool(n) for n in slot.notes], slot
        assert len(set(slot.notes)) == len(slot.notes), slot  # a note names its French one
        assert all(fr != en for fr, en in zip(slot.notes_fr, slot.notes, strict=True) if en and en != "Notes")


def test_the_same_seed_gives_the_same_record_with_french_notes():
    for seed in (1, 2012, 77):
        english = list(demo.generate(seed=seed, weeks=8, end_week=END_WEEK, today=TODAY))
        i18n.set_language("fr")
        french = list(demo.generate(seed=seed, weeks=8, end_week=END_WEEK, today=TODAY))
        i18n.set_language("en")
        assert [replace(e, note="") for e in french] == [replace(e, note="") for e in english]
        notes_en = {n for s in slots() for n in s.notes}
        notes_fr = {n for s in slots() for n in s.notes_fr}
        assert {e.note for e in french} <= notes_fr
        assert {e.note for e in english} <= notes_en
        assert any(e.note and e.note not in notes_en for e in french)


def test_the_french_notes_are_de_identified():
    for slot in slots():
        for note in slot.notes_fr:
            assert find_identifiers(note, "", today=TODAY) == [], note
