"""The demo record (``peerdesk.demo.generate``): deterministic, realistic, de-identified.

Every property is checked for many seeds, with a fixed final week and a fixed
"today", so nothing here depends on the day the tests run.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta

import pytest

from peerdesk import demo
from peerdesk.domain.entry import Entry, ValidationError, entry_to_raw, validate
from peerdesk.domain.summary import weeks_ending
from peerdesk.domain.taxonomy import load_default
from peerdesk.domain.weeks import Week

END_WEEK = Week(2026, 48)  # 23–29 Nov 2026
TODAY = date(2026, 11, 29)  # the Sunday that ends END_WEEK: every week is complete
WEEKS = 8
SEEDS = range(51)

TAXONOMY = load_default()

# Common first names, capitalised as a name would be written in a note.
FIRST_NAMES = {
    "John", "Mary", "James", "Sarah", "David", "Emma", "Michael", "Anna", "Tom", "Lisa", "Peter", "Paul",
    "Jane", "Chris", "Mark", "Laura", "Daniel", "Sophie", "Robert", "Kate", "Ahmed", "Fatima", "Mohammed",
    "Olivia", "Jack", "Emily", "Liam", "Chloe", "Ben", "Amy", "Sam", "Jo", "Alex", "Steve", "Claire",
}
PHONE = re.compile(r"\+?\d[\d ()-]{6,}\d")  # 8 or more digits, possibly spaced: a phone number
DATE_LIKE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b")  # e.g. a date of birth
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def generate(seed: int, *, today: date = TODAY, end_week: Week = END_WEEK, weeks: int = WEEKS) -> list[Entry]:
    return list(demo.generate(seed=seed, weeks=weeks, end_week=end_week, today=today))


@pytest.fixture(scope="module")
def records() -> dict[int, list[Entry]]:
    return {seed: generate(seed) for seed in SEEDS}


def by_week(entries: list[Entry]) -> dict[Week, list[Entry]]:
    out: dict[Week, list[Entry]] = defaultdict(list)
    for e in entries:
        out[Week.of(e.date)].append(e)
    return out


def worked_weeks(entries: list[Entry]) -> list[Week]:
    """The weeks of the range with any entry, oldest first."""
    weeks = by_week(entries)
    return [w for w in weeks_ending(END_WEEK, WEEKS) if weeks.get(w)]


def on(entries: list[Entry], week: Week, weekday: int) -> list[Entry]:
    day = week.start + timedelta(days=weekday)
    return [e for e in entries if e.date == day]


def row(e: Entry) -> tuple:
    """What a reader of the week sees: everything but the id and the timestamps."""
    return (e.worker, e.date, e.start_time, e.minutes, e.category, e.mode, e.format, e.people, e.tags, e.note)


# ------------------------------------------------------------------ determinism


def test_the_same_seed_gives_the_same_entries_ids_and_timestamps_included():
    first = generate(7)
    second = generate(7)
    assert first == second  # Entry equality covers every field: id, created_at, updated_at too
    assert [e.id for e in first] == [e.id for e in second]
    assert [(e.created_at, e.updated_at) for e in first] == [(e.created_at, e.updated_at) for e in second]
    assert all(e.created_at is not None and e.updated_at is not None for e in first)


def test_another_seed_gives_different_ids_and_different_rows():
    a, b = generate(7), generate(8)
    assert not {e.id for e in a} & {e.id for e in b}
    assert [row(e) for e in a] != [row(e) for e in b]


def test_ids_are_unique_uuids_within_a_record(records):
    for seed, entries in records.items():
        ids = [e.id for e in entries]
        assert len(ids) == len(set(ids)), f"seed {seed}: repeated ids"
        for entry_id in ids:
            assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", entry_id)


def test_the_past_does_not_depend_on_today():
    cut = date(2026, 11, 25)  # a Wednesday inside END_WEEK
    for seed in (0, 1, 2, demo.DEFAULT_SEED):
        up_to_cut = generate(seed, today=cut)
        later = generate(seed, today=cut + timedelta(days=3))
        assert up_to_cut == [e for e in later if e.date <= cut], f"seed {seed}"
        assert len(later) > len(up_to_cut)  # Thursday and Friday were added, nothing before changed


def test_nothing_is_dated_after_today():
    for today in (date(2026, 11, 23), date(2026, 11, 25), date(2026, 11, 27)):
        entries = generate(3, today=today)
        assert entries
        assert max(e.date for e in entries) == today  # today's work is there, tomorrow's is not


def test_entries_come_oldest_first_and_belong_to_the_demo_worker(records):
    for seed, entries in records.items():
        keys = [(e.date, e.start_time) for e in entries]
        assert keys == sorted(keys), f"seed {seed}"
        assert {e.worker for e in entries} == {demo.DEMO_WORKER}


# ------------------------------------------------------------------ shape of the record


def test_every_category_of_the_taxonomy_appears(records):
    for seed, entries in records.items():
        missing = sorted(set(TAXONOMY.categories) - {e.category for e in entries})
        assert not missing, f"seed {seed}: no entry in {missing}"


def test_a_full_week_totals_25_to_40_hours(records):
    for seed, entries in records.items():
        weeks = by_week(entries)
        for week in weeks_ending(END_WEEK, WEEKS):
            if not weeks.get(week):
                continue  # the leave week, checked below
            assert week.start + timedelta(days=4) <= TODAY  # Monday to Friday all in the past
            hours = sum(e.minutes for e in weeks[week]) / 60
            assert 25 <= hours <= 40, f"seed {seed}, {week}: {hours:.1f} hours"


def test_a_week_cut_short_by_today_is_not_topped_up_beyond_its_days():
    # Today is Tuesday of the last week: only Monday and Tuesday are there, and not padded to a full week.
    entries = generate(5, today=date(2026, 11, 24))
    last = by_week(entries)[END_WEEK]
    assert {e.date.weekday() for e in last} == {0, 1}
    assert sum(e.minutes for e in last) / 60 < 25


def test_exactly_one_week_is_annual_leave(records):
    for seed, entries in records.items():
        weeks = by_week(entries)
        empty = [w for w in weeks_ending(END_WEEK, WEEKS) if not weeks.get(w)]
        assert len(empty) == 1, f"seed {seed}: empty weeks {empty}"
        assert empty[0] not in (END_WEEK, END_WEEK.shift(-(WEEKS - 1))), "leave sits inside the range"
        assert set(weeks) <= set(weeks_ending(END_WEEK, WEEKS)), f"seed {seed}: entries outside the range"


def test_no_weekend_entries(records):
    for seed, entries in records.items():
        weekend = [e for e in entries if e.date.weekday() >= 5]
        assert not weekend, f"seed {seed}: {weekend[:1]}"


def test_every_worked_day_is_monday_to_friday_with_a_morning_handover(records):
    for seed, entries in records.items():
        for week in worked_weeks(entries):
            for weekday in range(5):
                day = on(entries, week, weekday)
                assert day, f"seed {seed}: nothing on {week.start + timedelta(days=weekday)}"
                assert any(e.category == "team_communication" for e in day)


def test_the_weekly_team_meeting_is_on_wednesday(records):
    for seed, entries in records.items():
        for week in worked_weeks(entries):
            meetings = [e for e in on(entries, week, 2) if e.category == "team_communication" and e.minutes >= 60]
            assert meetings, f"seed {seed}, {week}: no team meeting of an hour or more on Wednesday"


def test_supervision_every_other_friday_alternating_with_training(records):
    for seed, entries in records.items():
        kinds: dict[Week, str] = {}
        for week in worked_weeks(entries):
            friday = [e for e in on(entries, week, 4) if e.category == "supervision_training"]
            assert len(friday) == 1, f"seed {seed}, {week}: {friday}"
            note = friday[0].note.lower()
            assert ("supervision" in note) != ("training" in note), note
            kinds[week] = "supervision" if "supervision" in note else "training"
            # supervision_training never happens on another day of the week
            others = [e for e in by_week(entries)[week] if e.category == "supervision_training"]
            assert others == friday
        for week, kind in kinds.items():
            if week.next() in kinds:
                assert kinds[week.next()] != kind, f"seed {seed}: {kind} in both {week} and {week.next()}"
        assert list(kinds.values()).count("supervision") >= 3, f"seed {seed}"


def test_groups_on_tuesday_and_thursday(records):
    for seed, entries in records.items():
        for week in worked_weeks(entries):
            for weekday in (1, 3):
                groups = [
                    e
                    for e in on(entries, week, weekday)
                    if e.format == "group" and e.people > 1 and e.category == "group_facilitation"
                ]
                assert groups, f"seed {seed}, {week}: no client group on weekday {weekday}"


def test_phone_text_and_video_contacts(records):
    for seed, entries in records.items():
        modes = {e.mode for e in entries if TAXONOMY.work_type_of(e.category) == "direct"}
        assert {"in_person", "phone", "text", "video"} <= modes, f"seed {seed}: {modes}"


def test_every_entry_passes_the_same_validation_as_the_form(records):
    for seed, entries in records.items():
        for e in entries:
            try:
                checked = validate(entry_to_raw(e, TAXONOMY), TAXONOMY, today=TODAY, entry_id=e.id)
            except ValidationError as exc:  # pragma: no cover - the message names the field
                pytest.fail(f"seed {seed}: {e} is refused: {exc.errors}")
            assert row(checked) == row(e), "validation would change the entry"


def test_direct_work_reaches_people_and_indirect_work_does_not_count_clients(records):
    for seed, entries in records.items():
        for e in entries:
            if TAXONOMY.work_type_of(e.category) == "direct":
                assert e.people >= 1, f"seed {seed}: {e}"
            if e.format == "individual" and TAXONOMY.work_type_of(e.category) == "direct":
                assert e.people == 1, f"seed {seed}: {e}"


def test_notes_are_de_identified(records):
    notes = {e.note for entries in records.values() for e in entries if e.note}
    assert len(notes) > 20  # the check below has something to look at
    for note in notes:
        assert not PHONE.search(note), f"looks like a phone number: {note!r}"
        assert not DATE_LIKE.search(note), f"looks like a date: {note!r}"
        assert not EMAIL.search(note), f"looks like an e-mail address: {note!r}"
        assert "@" not in note, note
        words = set(re.findall(r"[A-Za-z]+", note))
        assert not words & FIRST_NAMES, f"a personal name in {note!r}"


def test_the_default_record_is_the_documented_default():
    # `peerdesk demo` with no options: DEFAULT_SEED, DEFAULT_WEEKS, ending this week.
    entries = list(demo.generate(end_week=END_WEEK, today=TODAY))
    assert entries == generate(demo.DEFAULT_SEED)
    assert demo.DEFAULT_WEEKS == WEEKS


def test_most_one_to_one_direct_work_names_a_fictional_client_code():
    from peerdesk.demo import CASELOAD, generate
    from peerdesk.domain.identifiers import find_identifiers
    from peerdesk.domain.taxonomy import load_default

    tax = load_default()
    entries = list(generate(weeks=8, today=date(2026, 11, 27)))
    one_to_one = [e for e in entries if tax.work_type_of(e.category) == "direct" and e.format == "individual"]
    named = [e for e in one_to_one if e.client_ref]
    assert 0.7 < len(named) / len(one_to_one) < 0.9  # a walk-in now and then has none
    assert {e.client_ref for e in named} <= {f"C-{n}" for n in range(100, 100 + CASELOAD)}
    assert not any(e.client_ref for e in entries if e not in one_to_one)
    assert not any(find_identifiers("", e.client_ref) for e in named)  # codes, never identifying
