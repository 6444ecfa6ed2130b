"""Any entry the form can make, written in the quick-entry grammar, parses back to the same
entry (Hypothesis draws the entries: every category, mode, format, size, tag set, and client
references and notes with spaces, quotes, `//` and any printable character)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from peerdesk.domain.entry import EARLIEST_DATE, FUTURE_DAYS, MAX_CLIENT_REF, MAX_PEOPLE, MODES, validate
from peerdesk.domain.quick_entry import frequent, parse, to_line
from peerdesk.domain.taxonomy import load_default

TODAY = date(2026, 11, 25)
TAX = load_default()
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
one_line = st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters=BIDI)


@st.composite
def form_entries(draw):
    category = draw(st.sampled_from(sorted(TAX.categories)))
    direct = TAX.work_type_of(category) == "direct"
    fmt = draw(st.sampled_from(["individual", "group"]))
    return {
        "worker": "PW-07",
        "date": draw(st.dates(EARLIEST_DATE, TODAY + timedelta(days=FUTURE_DAYS))),
        "start_time": draw(st.none() | st.times().map(lambda t: time(t.hour, t.minute))),
        "minutes": draw(st.integers(1, 720)),
        "work_type": TAX.work_type_of(category),
        "category": category,
        "mode": draw(st.sampled_from(sorted(MODES))),
        "format": fmt,
        "people": draw(st.integers(1 if direct else 0, MAX_PEOPLE)),
        "client_ref": draw(st.text(one_line, max_size=MAX_CLIENT_REF)).strip(),
        "tags": draw(st.lists(st.sampled_from(sorted(TAX.tags)), unique=True)),
        "note": draw(st.text(one_line, max_size=200)),
    }


def same(entry):
    return replace(entry, id="")


@settings(max_examples=400, deadline=None)
@given(form_entries(), st.sampled_from(sorted(MODES)))
def test_any_form_entry_written_as_a_line_parses_back_to_the_same_entry(raw, default_mode):
    expected = same(validate(raw, TAX, today=TODAY))
    line = to_line(raw, TAX, default_mode=default_mode, today=TODAY)
    parsed = parse(line, TAX, today=TODAY)
    assert parsed.problems == [], (line, parsed.problems)
    back = validate({"worker": "PW-07", "date": TODAY, "mode": default_mode, **parsed.raw}, TAX, today=TODAY)
    assert same(back) == expected, line


def test_a_line_says_only_what_differs_from_a_new_entry():
    raw = {"date": TODAY, "minutes": 60, "category": "team_communication", "mode": "in_person",
           "format": "individual", "people": 0}
    assert to_line(raw, TAX, today=TODAY) == "team communication 60"
    raw |= {"date": TODAY - timedelta(days=1), "start_time": time(14), "mode": "phone", "tags": ["presence"],
            "client_ref": "C 102", "note": "called // back"}
    assert to_line(raw, TAX, today=TODAY) == (
        '2026-11-24 14:00 team communication 60 @phone #presence ref:"C 102" // called // back')


def test_the_most_usual_entries_first_each_as_a_line():
    made = [validate({"worker": "W", "date": TODAY, "minutes": m, "category": c, "mode": mode}, TAX, today=TODAY)
            for m, c, mode in [(60, "team_communication", "in_person")] * 3
            + [(45, "advocacy", "phone")] * 2 + [(20, "administration", "in_person")]]
    assert frequent(made, TAX) == [("team communication 60", 3), ("advocacy 45 @phone", 2)]
    assert frequent(made, TAX, default_mode="phone") == [("team communication 60 @person", 3), ("advocacy 45", 2)]
