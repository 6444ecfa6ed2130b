"""Likely identifiers are found; ordinary notes pass (few false alarms)."""

from datetime import date

import pytest

from peerdesk.domain.identifiers import (
    BIRTH_DATE,
    EMAIL,
    FULL_NAME,
    LONG_NUMBER,
    PHONE,
    find_identifiers,
    find_in_client_ref,
    find_in_note,
)

TODAY = date(2026, 11, 25)

ORDINARY_NOTES = [
    "met at 2pm",
    "group of 6",
    "week 3 of the program",
    "Session 10:00-11:30 in room 4B",
    "Budget plan, week 2",
    "Walked 5 km to the park",
    "Appointment on 2026-12-01 at the GP",
    "Follow up 25/11/2026",
    "Took the 14:30 bus to the drop-in",
    "Spent $250 of the grant on the group",
    "1h30 with a client on housing forms",
    "Room 12, ward 3",
    "Scored 7/10 on the mood scale",
    "Group of 12 people, 3 new",
    "Discussed the 12-step meeting on Thursday",
    "Year 2025 review with supervisor",
    "Medication at 8.30am discussed with nurse",
    "Recovery group: session 4 of 8",
    "Called the food bank; first visit booked for next week",
    "Card games in the lounge with 5 people",
    "Introduced myself to a new admission",
    "Text check-in after weekend leave",
    "Planned week 47-48 rota",
    "Bus 101 then 22 to the clinic",
]


@pytest.mark.parametrize("note", ORDINARY_NOTES)
def test_ordinary_notes_pass(note):
    assert find_in_note(note, today=TODAY) == []


@pytest.mark.parametrize(
    ("note", "kind", "text"),
    [
        ("e-mailed john.doe@example.com about it", EMAIL, "john.doe@example.com"),
        ("call her on 0412 555 123 tomorrow", PHONE, "0412 555 123"),
        ("Phone +44 20 7946 0958", PHONE, "+44 20 7946 0958"),
        ("(555) 123-4567 is the number", PHONE, "(555) 123-4567"),
        ("mobile 07700900123", PHONE, "07700900123"),
        ("health card 1234-567-890 renewed", LONG_NUMBER, "1234-567-890"),
        ("case 00457812 reviewed", LONG_NUMBER, "00457812"),
        ("MRN: 4456789", LONG_NUMBER, "4456789"),
        ("reference 98765432 at the bank", LONG_NUMBER, "98765432"),
        ("DOB 12/03/1985", BIRTH_DATE, "12/03/1985"),
        ("born 1985-03-12 in the city", BIRTH_DATE, "1985-03-12"),
        ("Birthday 3 March 1990, wants a party", BIRTH_DATE, "3 March 1990"),
        ("date of birth: 04.05.72", BIRTH_DATE, "04.05.72"),
    ],
)
def test_identifiers_in_notes_are_found_with_their_kind_and_place(note, kind, text):
    found = find_in_note(note, today=TODAY)
    assert [(f.kind, f.text) for f in found] == [(kind, text)]
    assert note[found[0].start : found[0].end] == text
    assert found[0].field == "note"


@pytest.mark.parametrize(
    "ref",
    [
        "John Smith", "Smith, John", "Mr Jones", "Mary-Jane Watson", "dr Patel",
        # what a new user saved without a warning: every case and spelling of a name
        "Anne-Marie O'Neil", "john smith", "J. Smith", "Smith", "JOHN SMITH", "smith", "O’Brien",
        "Zoë Tremblay", "jean-françois", "Nguyen Van An", "J Smith",
    ],
)
def test_client_ref_that_looks_like_a_name_is_found(ref):
    assert [f.kind for f in find_in_client_ref(ref, today=TODAY)] == [FULL_NAME]


@pytest.mark.parametrize(
    "ref",
    [
        "C-102", "AB12", "client 7", "W3-0045", "peer-22", "JS", "PW7-33", "ABC", "J.S.", "anonymous",
        "walk-in", "Unknown", "n/a", "group", "x", "#12", "C_102", "",
    ],
)
def test_codes_pass_as_client_refs(ref):
    assert find_in_client_ref(ref, today=TODAY) == []


def test_findings_from_both_fields_in_one_list():
    found = find_identifiers("write to a@b.org", "Jane Doe", today=TODAY)
    assert [(f.field, f.kind) for f in found] == [("client_ref", FULL_NAME), ("note", EMAIL)]


def test_a_recent_date_is_not_a_birth_date_but_a_cued_one_is():
    assert find_in_note("seen on 12/03/2026", today=TODAY) == []
    assert [f.kind for f in find_in_note("DOB 12/03/2016", today=TODAY)] == [BIRTH_DATE]
