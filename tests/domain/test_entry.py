"""Entry validation: every rule, its edges, and the wording people see."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from peerdesk.domain.entry import (
    FIELDS,
    Entry,
    ValidationError,
    entry_to_raw,
    format_minutes,
    parse_minutes,
    validate,
)
from peerdesk.domain.taxonomy import load_default

TODAY = date(2026, 11, 25)  # a Wednesday; never the real clock


@pytest.fixture(scope="module")
def tax():
    return load_default()


def raw(**over):
    """A valid indirect-work form; each test changes what it is about."""
    base = {
        "worker": "Sam",
        "date": "2026-11-25",
        "minutes": "30",
        "category": "administration",
    }
    base.update(over)
    return base


def ok(tax, **over) -> Entry:
    return validate(raw(**over), tax, today=TODAY)


def errors_of(tax, **over) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        validate(raw(**over), tax, today=TODAY)
    return info.value.errors


def only_error(tax, field: str, **over) -> str:
    errs = errors_of(tax, **over)
    assert list(errs) == [field], errs
    return errs[field]


# ------------------------------------------------------------------ worker


@pytest.mark.parametrize("worker", ["", "   ", None])
def test_worker_is_required(tax, worker):
    msg = only_error(tax, "worker", worker=worker)
    assert "required" in msg


def test_worker_of_80_characters_is_accepted_81_refused(tax):
    assert ok(tax, worker="w" * 80).worker == "w" * 80
    msg = only_error(tax, "worker", worker="w" * 81)
    assert "80" in msg and "one line" in msg


def test_worker_with_a_newline_is_refused(tax):
    assert "one line" in only_error(tax, "worker", worker="Sam\nSmith")


def test_worker_is_trimmed(tax):
    assert ok(tax, worker="  Sam  ").worker == "Sam"


# ------------------------------------------------------------------ minutes


@pytest.mark.parametrize("minutes", [1, 720, "1", "720", "12:00", "12h"])
def test_minutes_in_range_are_accepted(tax, minutes):
    assert 1 <= ok(tax, minutes=minutes).minutes <= 720


@pytest.mark.parametrize("minutes, shown", [(0, "0"), (721, "721"), (1000, "1000"), ("0", "0"), ("12:01", "721")])
def test_minutes_out_of_range_are_refused_saying_the_range(tax, minutes, shown):
    msg = only_error(tax, "minutes", minutes=minutes)
    assert shown in msg
    assert "between 1 and 720" in msg


def test_minutes_missing_is_refused_as_required(tax):
    form = raw()
    del form["minutes"]
    with pytest.raises(ValidationError) as info:
        validate(form, tax, today=TODAY)
    assert list(info.value.errors) == ["minutes"]
    assert "required" in info.value.errors["minutes"]
    assert "between 1 and 720" in info.value.errors["minutes"]


def test_minutes_as_text_is_parsed(tax):
    assert ok(tax, minutes="1h30").minutes == 90


def test_minutes_boolean_is_refused(tax):
    assert "number of minutes" in only_error(tax, "minutes", minutes=True)


@pytest.mark.parametrize(
    "text, minutes",
    [
        ("90", 90),
        ("1h30", 90),
        ("1:30", 90),
        ("1h 30m", 90),
        ("2h", 120),
        ("45m", 45),
        ("1h05", 65),
        (" 1H30 ", 90),
        ("0:45", 45),
        ("1 hour 30 min", 90),
        (75, 75),
    ],
)
def test_parse_minutes_accepts(text, minutes):
    assert parse_minutes(text) == minutes


@pytest.mark.parametrize("text", ["abc", "1:75", "1h75", "1h 75m", "h", "1.5h", "-5", "90 seconds"])
def test_parse_minutes_refuses_with_the_allowed_forms(text):
    with pytest.raises(ValueError) as info:
        parse_minutes(text)
    msg = str(info.value)
    assert f"'{text}'" in msg
    assert "90, 1h30 or 1:30" in msg


def test_parse_minutes_refuses_empty_as_required():
    with pytest.raises(ValueError, match=r"required.*90, 1h30 or 1:30"):
        parse_minutes("")


# -------------------------------------------------------------------- date


def test_date_today_and_tomorrow_are_accepted(tax):
    assert ok(tax, date="2026-11-25").date == TODAY
    assert ok(tax, date="2026-11-26").date == date(2026, 11, 26)


def test_date_two_days_ahead_is_refused(tax):
    msg = only_error(tax, "date", date="2026-11-27")
    assert "cannot be later than tomorrow" in msg
    assert "2026-11-26" in msg


def test_tomorrow_is_relative_to_the_given_today(tax):
    # On the last day of the year, tomorrow is in the next year.
    e = validate(raw(date="2027-01-01"), tax, today=date(2026, 12, 31))
    assert e.date == date(2027, 1, 1)
    with pytest.raises(ValidationError) as info:
        validate(raw(date="2027-01-02"), tax, today=date(2026, 12, 31))
    assert "2027-01-01" in info.value.errors["date"]


@pytest.mark.parametrize("text", ["25/11/2026", "2026-13-01", "2026-02-30", "yesterday"])
def test_date_bad_text_is_refused_with_the_format(tax, text):
    msg = only_error(tax, "date", date=text)
    assert text in msg
    assert "YYYY-MM-DD" in msg


def test_date_missing_is_required(tax):
    msg = only_error(tax, "date", date="")
    assert "required" in msg and "YYYY-MM-DD" in msg


def test_date_before_2000_is_refused(tax):
    assert ok(tax, date="2000-01-01").date == date(2000, 1, 1)
    msg = only_error(tax, "date", date="1999-12-31")
    assert "cannot be before 2000-01-01" in msg


def test_date_objects_are_accepted(tax):
    assert ok(tax, date=date(2026, 11, 24)).date == date(2026, 11, 24)
    assert ok(tax, date=datetime(2026, 11, 24, 15, 0)).date == date(2026, 11, 24)


# -------------------------------------------------------------- start time


@pytest.mark.parametrize("text", ["9:30", "09:30", "930", "9.30", "9h30"])
def test_start_time_accepted(tax, text):
    assert ok(tax, start_time=text).start_time == time(9, 30)


@pytest.mark.parametrize(("text", "hour"), [("9", 9), ("14", 14), ("14h", 14), ("0", 0)])
def test_an_hour_alone_is_on_the_hour(tax, text, hour):
    assert ok(tax, start_time=text).start_time == time(hour, 0)


@pytest.mark.parametrize("value", ["", "  ", None])
def test_start_time_empty_is_none(tax, value):
    assert ok(tax, start_time=value).start_time is None


def test_start_time_absent_is_none(tax):
    assert ok(tax).start_time is None


@pytest.mark.parametrize("text", ["25:00", "12:60", "noon", "9:3", "24", "9h3"])
def test_start_time_invalid_is_refused(tax, text):
    msg = only_error(tax, "start_time", start_time=text)
    assert text in msg
    assert "HH:MM" in msg and "00:00–23:59" in msg and "empty" in msg


def test_start_time_edges(tax):
    assert ok(tax, start_time="00:00").start_time == time(0, 0)
    assert ok(tax, start_time="23:59").start_time == time(23, 59)


# ------------------------------------------------------- category/work type


def test_category_is_required(tax):
    assert "required" in only_error(tax, "category", category="")


def test_unknown_category_is_refused(tax):
    msg = only_error(tax, "category", category="juggling")
    assert "unknown category 'juggling'" in msg
    assert "peerdesk categories" in msg


def test_work_type_matching_the_category_is_accepted(tax):
    assert ok(tax, category="advocacy", work_type="direct").category == "advocacy"


def test_work_type_that_mismatches_the_category_is_refused(tax):
    msg = only_error(tax, "category", category="advocacy", work_type="indirect")
    assert "advocacy" in msg
    assert "direct" in msg and "indirect" in msg


def test_unknown_work_type_is_refused_listing_the_known_ones(tax):
    errs = errors_of(tax, category="administration", work_type="leisure")
    assert "work_type" in errs
    msg = errs["work_type"]
    assert "leisure" in msg
    for key in ("direct", "indirect", "role"):
        assert key in msg


# --------------------------------------------------------------- mode/format


def test_mode_and_format_default(tax):
    e = ok(tax)
    assert (e.mode, e.format) == ("in_person", "individual")


@pytest.mark.parametrize("mode", ["in_person", "phone", "text", "video", "other"])
def test_every_mode_is_accepted(tax, mode):
    assert ok(tax, mode=mode).mode == mode


def test_unknown_mode_is_refused_listing_the_modes(tax):
    msg = only_error(tax, "mode", mode="carrier_pigeon")
    assert "carrier_pigeon" in msg
    for mode in ("in_person", "phone", "text", "video", "other"):
        assert mode in msg


def test_format_group_is_accepted(tax):
    assert ok(tax, format="group").format == "group"


def test_unknown_format_is_refused_listing_the_formats(tax):
    msg = only_error(tax, "format", format="crowd")
    assert "crowd" in msg and "individual" in msg and "group" in msg


# ------------------------------------------------------------------- people


def test_people_zero_for_direct_work_is_refused(tax):
    msg = only_error(tax, "people", category="advocacy", people="0")
    assert "at least 1" in msg


def test_people_zero_for_indirect_work_is_accepted(tax):
    assert ok(tax, category="administration", people="0").people == 0


@pytest.mark.parametrize("people", [None, ""])
def test_people_default_is_one_for_direct(tax, people):
    assert ok(tax, category="group_facilitation", people=people).people == 1


@pytest.mark.parametrize("category", ["administration", "legitimizing_role"])
def test_people_default_is_zero_otherwise(tax, category):
    assert ok(tax, category=category).people == 0


@pytest.mark.parametrize("people", ["many", "2.5", "-3"])
def test_people_not_a_whole_number_is_refused(tax, people):
    msg = only_error(tax, "people", people=people)
    assert people in msg and "whole number" in msg


def test_people_negative_int_is_refused_even_for_indirect_work(tax):
    msg = only_error(tax, "people", category="administration", people=-1)
    assert "negative" in msg


def test_people_upper_bound(tax):
    assert ok(tax, category="group_facilitation", people="500").people == 500
    assert "at most 500" in only_error(tax, "people", category="group_facilitation", people="501")


def test_people_as_int_is_accepted(tax):
    assert ok(tax, category="group_facilitation", format="group", people=12).people == 12


# --------------------------------------------------------------- client_ref


def test_client_ref_of_40_is_accepted_41_refused(tax):
    assert ok(tax, client_ref="C" * 40).client_ref == "C" * 40
    msg = only_error(tax, "client_ref", client_ref="C" * 41)
    assert "40" in msg and "never a name" in msg


def test_client_ref_with_a_newline_is_refused(tax):
    msg = only_error(tax, "client_ref", client_ref="C-1\nC-2")
    assert "one line" in msg


def test_client_ref_is_optional_and_trimmed(tax):
    assert ok(tax).client_ref == ""
    assert ok(tax, client_ref="  C-17 ").client_ref == "C-17"


# --------------------------------------------------------------------- tags


def test_unknown_tag_is_refused_listing_the_known_tags(tax):
    msg = only_error(tax, "tags", tags=["presence", "bravado"])
    assert "bravado" in msg
    assert "presence" in msg and "compromise" in msg


def test_tags_are_deduplicated_and_in_taxonomy_order(tax):
    e = ok(tax, tags=["compromise", "experience", "compromise", "presence", " experience "])
    assert e.tags == ("experience", "presence", "compromise")


def test_tags_as_a_separated_string(tax):
    assert ok(tax, tags="presence;approach").tags == ("approach", "presence")
    assert ok(tax, tags="challenge, experience").tags == ("experience", "challenge")


def test_no_tags(tax):
    assert ok(tax).tags == ()
    assert ok(tax, tags="").tags == ()


# --------------------------------------------------------------------- note


def test_note_of_exactly_2000_is_accepted(tax):
    assert len(ok(tax, note="x" * 2000).note) == 2000


def test_note_of_2001_is_refused(tax):
    msg = only_error(tax, "note", note="x" * 2001)
    assert "2,001" in msg and "at most 2,000" in msg


def test_note_crlf_and_cr_become_lf(tax):
    assert ok(tax, note="one\r\ntwo\rthree").note == "one\ntwo\nthree"


def test_note_length_is_counted_after_crlf_normalisation(tax):
    # 1000 CRLF line breaks are 2000 characters as typed but 1000 once normalised.
    note = "a" + "\r\n" * 999 + "b" * 999
    assert len(note) == 2998
    assert len(ok(tax, note=note).note) == 1999


def test_note_keeps_tabs_and_line_breaks(tax):
    assert ok(tax, note="a\tb\nc").note == "a\tb\nc"


@pytest.mark.parametrize("ch", ["\x00", "\x07", "\x1b", "\x7f", "\x0b", "\x0c"])
def test_note_with_control_characters_is_refused(tax, ch):
    msg = only_error(tax, "note", note=f"before{ch}after")
    assert "control characters" in msg
    assert "tabs and line breaks" in msg


# ------------------------------------------------------- several / ordering


def test_several_errors_come_back_in_form_order(tax):
    form = {
        # given in reverse form order on purpose
        "note": "bad\x00",
        "tags": ["nope"],
        "client_ref": "x" * 41,
        "people": "lots",
        "format": "crowd",
        "mode": "fax",
        "category": "juggling",
        "minutes": "0",
        "start_time": "99:99",
        "date": "someday",
        "worker": "",
    }
    with pytest.raises(ValidationError) as info:
        validate(form, tax, today=TODAY)
    names = list(info.value.errors)
    assert names == [f for f in FIELDS if f in names]
    assert names == [
        "worker",
        "date",
        "start_time",
        "minutes",
        "category",
        "mode",
        "format",
        "people",
        "client_ref",
        "tags",
        "note",
    ]


def test_validation_error_first_names_the_field(tax):
    with pytest.raises(ValidationError) as info:
        validate(raw(minutes="0", note="x" * 3000), tax, today=TODAY)
    err = info.value
    assert err.first().startswith("minutes: ")
    assert "between 1 and 720" in err.first()
    assert str(err) == err.first()
    assert isinstance(err, ValueError)


def test_validation_error_first_when_empty():
    assert ValidationError({}).first() == "invalid entry"


# ---------------------------------------------------------------- the Entry


def test_valid_entry_has_every_field(tax):
    created = datetime(2026, 11, 25, 9, 0)
    e = validate(
        {
            "worker": "Sam",
            "date": "2026-11-24",
            "start_time": "14:05",
            "minutes": "1h15",
            "work_type": "direct",
            "category": "group_facilitation",
            "mode": "video",
            "format": "group",
            "people": "7",
            "client_ref": "G-3",
            "tags": "presence;collaboration",
            "note": "Walking group",
        },
        tax,
        today=TODAY,
        entry_id="fixed-id",
        created_at=created,
    )
    assert e == Entry(
        id="fixed-id",
        worker="Sam",
        date=date(2026, 11, 24),
        minutes=75,
        category="group_facilitation",
        mode="video",
        format="group",
        people=7,
        start_time=time(14, 5),
        client_ref="G-3",
        tags=("presence", "collaboration"),
        note="Walking group",
        created_at=created,
    )


def test_new_entries_get_distinct_ids(tax):
    a, b = ok(tax), ok(tax)
    assert a.id and b.id and a.id != b.id


@pytest.mark.parametrize("with_taxonomy", [True, False])
def test_entry_to_raw_round_trips(tax, with_taxonomy):
    created = datetime(2026, 11, 20, 8, 30)
    original = Entry(
        id="0b7e0b1c-0000-4000-8000-000000000001",
        worker="Sam",
        date=date(2026, 11, 24),
        minutes=95,
        category="advocacy",
        mode="phone",
        format="individual",
        people=2,
        start_time=time(9, 5),
        client_ref="C-17",
        tags=("experience", "challenge"),
        note="line one\nline two",
        created_at=created,
    )
    form = entry_to_raw(original, tax if with_taxonomy else None)
    if with_taxonomy:
        assert form["work_type"] == "direct"
    else:
        assert "work_type" not in form
    again = validate(form, tax, today=TODAY, entry_id=original.id, created_at=created)
    assert again == original


def test_entry_to_raw_round_trips_a_minimal_entry(tax):
    original = ok(tax)
    again = validate(entry_to_raw(original, tax), tax, today=TODAY, entry_id=original.id)
    assert again == original


def test_entry_to_raw_holds_form_text(tax):
    form = entry_to_raw(ok(tax, start_time="7:05", minutes="2h"), tax)
    assert form["start_time"] == "07:05"
    assert form["minutes"] == "120"
    assert form["date"] == "2026-11-25"


def test_with_changes_returns_a_new_entry(tax):
    e = ok(tax)
    changed = e.with_changes(minutes=45)
    assert changed.minutes == 45 and e.minutes == 30
    assert changed.id == e.id


# ---------------------------------------------------------- format_minutes


@pytest.mark.parametrize(
    "minutes, text",
    [
        (0, "0m"),
        (1, "1m"),
        (45, "45m"),
        (59, "59m"),
        (60, "1h"),
        (65, "1h 05m"),
        (95, "1h 35m"),
        (120, "2h"),
        (720, "12h"),
        (1441, "24h 01m"),
    ],
)
def test_format_minutes(minutes, text):
    assert format_minutes(minutes) == text


def test_format_minutes_is_read_back_by_parse_minutes():
    for minutes in (1, 45, 60, 65, 95, 120, 719, 720):
        assert parse_minutes(format_minutes(minutes)) == minutes


# -------------------------------------------------------------- text direction


@pytest.mark.parametrize("char", ["\u202e", "\u202d", "\u2066", "\u200f"])
def test_a_client_ref_with_a_text_direction_character_is_refused(tax, char):
    assert "text-direction" in only_error(tax, "client_ref", client_ref=f"C-{char}201")


def test_a_note_loses_the_characters_that_reorder_text_and_keeps_the_marks(tax):
    note = "met at \u202eseoh\u202c the drop-in \u05e9\u05dc\u05d5\u05dd\u200f ok"
    assert ok(tax, note=note).note == "met at seoh the drop-in \u05e9\u05dc\u05d5\u05dd\u200f ok"


@pytest.mark.parametrize("text", ["20261124", "2026-11-24T10:00", "2026-W48-2", "2026-11-24 "])
def test_a_date_is_read_only_as_documented(tax, text):
    if text.strip() == "2026-11-24":
        assert ok(tax, date=text).date.isoformat() == "2026-11-24"
    else:
        assert "YYYY-MM-DD" in only_error(tax, "date", date=text)
