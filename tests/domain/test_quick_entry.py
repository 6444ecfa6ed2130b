"""The quick-entry grammar: one line, understood as the README describes it."""

from __future__ import annotations

from datetime import date

import pytest

from peerdesk.domain.entry import validate
from peerdesk.domain.quick_entry import match_category, parse
from peerdesk.domain.taxonomy import load_default

TODAY = date(2026, 11, 25)  # a Wednesday


@pytest.fixture(scope="module")
def tax():
    return load_default()


def understood(tax, line):
    parsed = parse(line, tax, today=TODAY)
    assert parsed.problems == [], [(p.text, p.reason) for p in parsed.problems]
    return parsed.raw


def test_the_readmes_examples(tax):
    assert understood(tax, "team 60") == {"minutes": 60, "category": "team_communication", "work_type": "indirect"}
    assert understood(tax, "yesterday 10:30 1h30 group facilitation x6 #presence") == {
        "date": date(2026, 11, 24), "start_time": "10:30", "minutes": 90, "format": "group", "people": 6,
        "tags": ["presence"], "category": "group_facilitation", "work_type": "direct",
    }
    assert understood(tax, "mon advocacy 45 @phone ref:C-102 // called the housing office with them") == {
        "date": date(2026, 11, 23), "minutes": 45, "mode": "phone", "client_ref": "C-102",
        "note": "called the housing office with them", "category": "advocacy", "work_type": "direct",
    }
    assert understood(tax, "14:00-14:45 supervision") == {
        "start_time": "14:00", "minutes": 45, "category": "supervision_training", "work_type": "indirect",
    }


@pytest.mark.parametrize(("word", "day"), [
    ("today", TODAY), ("yesterday", date(2026, 11, 24)), ("wed", TODAY), ("thu", date(2026, 11, 19)),
    ("thursday", date(2026, 11, 19)), ("-2", date(2026, 11, 23)), ("2026-11-02", date(2026, 11, 2)),
])
def test_the_day_is_said_as_a_worker_says_it_never_in_the_future(tax, word, day):
    assert understood(tax, f"{word} advocacy 30")["date"] == day


@pytest.mark.parametrize(("word", "minutes"), [("45", 45), ("45m", 45), ("1h", 60), ("1h30", 90), ("2h", 120)])
def test_durations(tax, word, minutes):
    assert understood(tax, f"advocacy {word}")["minutes"] == minutes


@pytest.mark.parametrize(("words", "key"), [("adv", "advocacy"), ("sbmgs", "skill_building_mentoring_goal_setting"),
                                            ("skill", "skill_building_mentoring_goal_setting"),
                                            ("group plan", "group_planning_development"),
                                            ("legitimizing_role", "legitimizing_role"),
                                            ("housing", None)])
def test_a_category_by_the_start_of_its_words_its_key_or_its_initials(tax, words, key):
    found = match_category(words.split(), tax)
    assert found == ([key] if key else [])


def test_a_word_that_fits_several_categories_lists_them(tax):
    parsed = parse("s 20", tax, today=TODAY)
    [problem] = parsed.problems
    assert problem.text == "s" and problem.reason.startswith("matches several categories: Skill building, ")
    assert "skill_building_mentoring_goal_setting" in parsed.candidates


@pytest.mark.parametrize(("line", "word", "reason"), [
    ("advocacy 30 @fax", "@fax", "not a mode"),
    ("advocacy 30 #x", "#x", "is not a tag"),
    ("advocacy 11:00-10:00", "11:00-10:00", "ends before it starts"),
    ("juggling 30", "juggling", "is no category"),
])
def test_each_word_not_understood_is_named_with_the_reason(tax, line, word, reason):
    [problem] = parse(line, tax, today=TODAY).problems
    assert problem.text == word and reason in problem.reason
    assert line[problem.start:problem.end] == word  # where to underline it


def test_group_and_a_number_is_a_group_and_its_size(tax):
    raw = understood(tax, "group facilitation group 8 45")
    assert (raw["format"], raw["people"], raw["category"]) == ("group", 8, "group_facilitation")


def test_a_line_goes_through_the_same_checks_as_the_form(tax):
    raw = {"worker": "PW-07", "date": TODAY, **understood(tax, "mon advocacy 45 @phone")}
    entry = validate(raw, tax, today=TODAY)
    assert (entry.date, entry.minutes, entry.mode, entry.category) == (date(2026, 11, 23), 45, "phone", "advocacy")


def test_every_category_is_reached_by_a_short_unique_start_of_its_label(tax):
    longest = 0
    for cat in tax.categories.values():
        label = cat.label.lower()
        reached = next((label[:n] for n in range(1, len(label) + 1)
                        if label[:n].strip() and match_category(label[:n].split(), tax) == [cat.key]), None)
        assert reached is not None, cat.key
        longest = max(longest, len(reached))
    assert longest <= 12  # "building r", "group p": a few letters, never the whole label


@pytest.mark.parametrize(("line", "expected"), [
    ("14-14:45 sup", {"start_time": "14:00", "minutes": 45}),
    ("930-1030 adv", {"start_time": "09:30", "minutes": 60}),
    ("9-10 adv", {"start_time": "09:00", "minutes": 60}),
    ("adv 45 @p", {"mode": "phone"}),  # the first letter as the form's list shows it
    ("adv 45 @i", {"mode": "in_person"}),
    ("adv 45 @pe", {"mode": "in_person"}),
    ("adv 45 C-102", {"client_ref": "C-102"}),  # a code of letters and digits needs no ref:
    ('adv 45 ref:"C 1""02" // a // b', {"client_ref": 'C 1"02', "note": "a // b"}),
    ("adv 45 3p", {"people": 3}),
    ("adv 45 3 people", {"people": 3}),
    ("gf 90 x6 1:1", {"format": "individual", "people": 6}),
])
def test_the_shorter_ways_to_say_it(tax, line, expected):
    raw = understood(tax, line)
    assert {k: raw.get(k) for k in expected} == expected


def test_a_word_of_a_category_is_never_taken_for_a_client_reference(tax):
    from peerdesk.domain.taxonomy import Category, Taxonomy

    cats = dict(tax.categories) | {"twelve_step": Category("twelve_step", "indirect", "12-step group")}
    own = Taxonomy(tax.work_types, cats, tax.tags)
    assert understood(own, "12-step 60")["category"] == "twelve_step"


def test_a_quote_left_open_is_named(tax):
    [problem] = parse('adv 45 ref:"C 102', tax, today=TODAY).problems
    assert 'no closing "' in problem.reason


def test_a_misspelt_category_is_offered_never_taken(tax):
    parsed = parse("advocasy 30", tax, today=TODAY)
    [problem] = parsed.problems
    assert problem.reason.endswith("did you mean Advocacy?") and "category" not in parsed.raw
