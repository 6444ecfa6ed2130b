"""The quick line in French: French words are read beside the English ones, and a line written
in French reads back as the same entry."""

from __future__ import annotations

from datetime import date

import pytest

from peerdesk import i18n
from peerdesk.domain.quick_entry import match_category, modes_named, parse, to_line
from peerdesk.domain.taxonomy import load_default

TODAY = date(2026, 11, 25)  # a Wednesday


@pytest.fixture(scope="module")
def tax():
    return load_default()


@pytest.fixture
def fr():
    i18n.set_language("fr")
    yield
    i18n.set_language("en")


def understood(tax, line: str) -> dict:
    parsed = parse(line, tax, today=TODAY)
    assert parsed.problems == [], [p.problem() for p in parsed.problems]
    return parsed.raw


@pytest.mark.parametrize(("line", "expected"), [
    ("hier défense 45 @tél ref:C-102 // appel au bureau du logement",
     {"date": date(2026, 11, 24), "category": "advocacy", "minutes": 45, "mode": "phone", "client_ref": "C-102",
      "note": "appel au bureau du logement"}),
    ("aujourd'hui anim 90 x6 #pres", {"date": TODAY, "category": "group_facilitation", "format": "group",
                                      "people": 6, "tags": ["presence"]}),
    ("lun 14-14:45 sup", {"date": date(2026, 11, 23), "category": "supervision_training", "minutes": 45}),
    ("avant-hier communication 30 3 personnes", {"date": date(2026, 11, 23), "people": 3}),
    ("defense 45 @tex #remise", {"category": "advocacy", "mode": "text", "tags": ["challenge"]}),
    ("animation groupe 6 60", {"category": "group_facilitation", "format": "group", "people": 6, "minutes": 60}),
    ("dév 60 @e individuel", {"category": "skill_building_mentoring_goal_setting", "mode": "in_person",
                              "format": "individual"}),
    ("intégration 30 @vidéo", {"category": "building_community", "mode": "video"}),
    ("team 60", {"category": "team_communication"}),  # no French label fits: the English ones
    ("adv 45 @autre", {"category": "advocacy", "mode": "other"}),
])
def test_french_words_are_read(fr, tax, line, expected):
    raw = understood(tax, line)
    assert {k: raw.get(k) for k in expected} == expected


def test_french_mode_words_read_in_english_too(tax):
    assert understood(tax, "advocacy 45 @tél")["mode"] == "phone"
    assert understood(tax, "advocacy 45 @texto")["mode"] == "text"
    assert understood(tax, "advocacy 45 @p")["mode"] == "phone"  # as the English list shows it
    assert understood(tax, "advocacy 45 groupe 4")["people"] == 4


def test_french_days_are_not_read_in_english(tax):
    parsed = parse("hier advocacy 45", tax, today=TODAY)
    assert "date" not in parsed.raw and parsed.problems


def test_every_category_is_reached_by_a_short_start_of_its_french_label(fr, tax):
    longest = 0
    for cat in tax.categories.values():
        label = cat.label.lower()
        reached = next((label[:n] for n in range(1, len(label) + 1)
                        if label[:n].strip() and match_category(label[:n].split(), tax) == [cat.key]), None)
        assert reached is not None, cat.key
        longest = max(longest, len(reached))
    assert longest <= 6


def test_a_line_written_in_french_reads_back(fr, tax):
    for key in tax.categories:
        for mode in ("in_person", "phone", "text", "video", "other"):
            entry = {"category": key, "minutes": 50, "mode": mode, "format": "individual", "people": 1,
                     "tags": ("experience", "challenge"), "date": date(2026, 11, 20)}
            line = to_line(entry, tax, today=TODAY)
            raw = understood(tax, line)
            assert (raw["category"], raw["minutes"], raw.get("mode", "in_person"), raw["tags"]) == (
                key, 50, mode, ["experience", "challenge"]), line
            assert raw["date"] == date(2026, 11, 20)
    line = to_line({"category": "advocacy", "minutes": 30, "mode": "phone", "people": 1}, tax)
    assert line == "défense des droits 30 @tél"


def test_the_mode_words_offered_follow_the_language(tax):
    assert modes_named() == {"@person": "in_person", "@phone": "phone", "@text": "text", "@video": "video",
                             "@other": "other"}
    i18n.set_language("fr")
    assert modes_named() == {"@personne": "in_person", "@tél": "phone", "@texto": "text", "@vidéo": "video",
                             "@autre": "other"}
