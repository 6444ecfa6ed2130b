"""The domain speaks French when PeerDesk does: validation, the quick line's reasons, weeks and
durations, days, periods and identifier findings (and English again afterwards)."""

from __future__ import annotations

from datetime import date

import pytest

from peerdesk import i18n
from peerdesk.domain.days import hint, parse_day
from peerdesk.domain.entry import FORMATS, MODES, ValidationError, format_minutes, parse_minutes, validate
from peerdesk.domain.identifiers import find_identifiers
from peerdesk.domain.periods import PERIODS, period
from peerdesk.domain.quick_entry import parse
from peerdesk.domain.report import period_weeks
from peerdesk.domain.stats import LABELS
from peerdesk.domain.taxonomy import load_default
from peerdesk.domain.weeks import Week

TODAY = date(2026, 11, 25)  # a Wednesday
NBSP = "\u00a0"
BAD = {"worker": "", "date": "2026-13-01", "start_time": "25:00", "minutes": "0", "category": "juggling",
       "mode": "fax", "format": "pair", "people": "many", "client_ref": "C\u202e102", "tags": "shiny",
       "note": "x" * 2001}


@pytest.fixture
def fr():
    assert i18n.set_language("fr") == "fr"
    yield
    i18n.set_language("en")


@pytest.fixture(scope="module")
def tax():
    return load_default()


def errors_of(raw, tax) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        validate(raw, tax, today=TODAY)
    return info.value.errors


def test_a_bad_entrys_messages_are_french_one_per_field(fr, tax):
    errors = errors_of(BAD, tax)
    assert list(errors) == ["worker", "date", "start_time", "minutes", "category", "mode", "format", "people",
                            "client_ref", "tags", "note"]
    assert errors["worker"].startswith(f"est obligatoire{NBSP}: votre nom ou votre code de pair aidant")
    assert errors["date"] == f"«{NBSP}2026-13-01{NBSP}» n'est pas une date; écrivez-la au format AAAA-MM-JJ, " \
                             "p. ex. 2026-11-25"
    assert "n'est pas une heure" in errors["start_time"]
    assert errors["minutes"] == (f"0 est hors des limites{NBSP}: entre 1 et 720 minutes (12 heures); "
                                 "tapez 90, 1h30 ou 1:30")
    assert errors["category"].startswith(f"catégorie inconnue «{NBSP}juggling{NBSP}»")
    assert errors["mode"] == f"mode inconnu «{NBSP}fax{NBSP}»; choisissez parmi{NBSP}: " \
                             "in_person, phone, text, video, other"  # the keys, as typed
    assert errors["format"].startswith("format inconnu")
    assert errors["people"] == f"«{NBSP}many{NBSP}» n'est pas un nombre entier de personnes"
    assert "caractère invisible" in errors["client_ref"]
    assert errors["tags"].startswith(f"manifestation inconnue «{NBSP}shiny{NBSP}»")
    assert errors["note"] == "compte 2\u202f001 caractères; au plus 2\u202f000 sont permis"
    first = ValidationError(errors).first()
    assert first == f"worker{NBSP}: " + errors["worker"]


def test_the_other_checks_are_french_too(fr, tax):
    raw = {"worker": "W", "date": "2026-11-27", "minutes": "", "category": "advocacy", "work_type": "indirect",
           "people": "0"}
    errors = errors_of(raw, tax)
    assert errors["date"] == "ne peut pas être postérieure à demain (2026-11-26)"
    assert errors["minutes"].startswith(f"est obligatoire{NBSP}: entre 1 et 720 minutes")
    assert errors["category"] == f"«{NBSP}advocacy{NBSP}» est du type de travail «{NBSP}direct{NBSP}», " \
                                 f"pas «{NBSP}indirect{NBSP}»"
    assert errors["people"].startswith("le travail direct rejoint au moins 1 personne")
    with pytest.raises(ValueError, match="n'est pas une durée"):
        parse_minutes("soon")
    assert ValidationError({}).first() == "entrée non valide"


def test_english_again_after_french(tax):
    i18n.set_language("fr")
    i18n.set_language("en")
    errors = errors_of(BAD, tax)
    assert errors["minutes"] == "0 is out of range: between 1 and 720 minutes (12 hours); type 90, 1h30 or 1:30"
    assert errors["note"] == "is 2,001 characters; at most 2,000 are allowed"


def test_quick_entry_reasons_are_french(fr, tax):
    def reason(line: str) -> str:
        [problem] = parse(line, tax, today=TODAY).problems
        return problem.reason

    assert reason("advocasy 30") == ("n'est ni une catégorie, ni un mode, ni une heure, ni une manifestation que "
                                     "PeerDesk connaît; vouliez-vous dire Défense des droits?")
    assert reason("juggling 30") == ("n'est ni une catégorie, ni un mode, ni une heure, ni une manifestation que "
                                     "PeerDesk connaît")
    assert reason("s 20").startswith(f"correspond à plusieurs catégories{NBSP}: Socialisation, estime de soi; ")
    assert reason("advocacy 30 @fax") == (f"n'est pas un mode; écrivez l'un de ceux-ci{NBSP}: "
                                          "@personne, @tél, @texto, @vidéo, @autre")
    assert reason("advocacy 30 #x").startswith(f"n'est pas une manifestation; manifestations{NBSP}: experience")
    assert reason("advocacy 30 #c").startswith("correspond à #collaboration, #challenge, #compromise;")
    assert reason("advocacy 11:00-10:00") == "se termine avant de commencer"
    assert reason('adv 45 ref:"C 102') == 'n\'a pas de " fermant; écrivez ref:"C 102"'
    [problem] = parse("advocasy 30", tax, today=TODAY).problems
    assert problem.problem().startswith(f"«{NBSP}advocasy{NBSP}» n'est ni une catégorie")


def test_did_you_mean_lists_its_choices_in_the_language(tax):
    from peerdesk.domain.quick_entry import _one_of

    assert _one_of(["A", "B", "C"]) == "A, B or C"
    i18n.set_language("fr")
    assert _one_of(["A", "B", "C"]) == "A, B ou C"
    assert _one_of(["A"]) == "A"


@pytest.mark.parametrize(("week", "in_english", "in_french"), [  # not "english": the fixture's name
    (Week(2026, 48), "Week 48 · 23–29 Nov 2026", "Semaine 48 · 23–29 nov. 2026"),
    (Week(2026, 49), "Week 49 · 30 Nov – 6 Dec 2026", "Semaine 49 · 30 nov. – 6 déc. 2026"),
    (Week(2026, 53), "Week 53 · 28 Dec 2026 – 3 Jan 2027", "Semaine 53 · 28 déc. 2026 – 3 janv. 2027"),
    (Week(2026, 31), "Week 31 · 27 Jul – 2 Aug 2026", "Semaine 31 · 27 juill. – 2 août 2026"),
])
def test_a_weeks_label_follows_the_language(week, in_english, in_french):
    assert week.label() == in_english
    i18n.set_language("fr")
    assert week.label() == in_french
    i18n.set_language("en")
    assert week.label() == in_english


@pytest.mark.parametrize(("minutes", "in_english", "in_french"), [
    (95, "1h 35m", f"1{NBSP}h{NBSP}35{NBSP}min"),
    (45, "45m", f"45{NBSP}min"),
    (120, "2h", f"2{NBSP}h"),
    (605, "10h 05m", f"10{NBSP}h{NBSP}05{NBSP}min"),
])
def test_format_minutes_follows_the_language_and_reads_back(minutes, in_english, in_french):
    assert format_minutes(minutes) == in_english
    i18n.set_language("fr")
    assert format_minutes(minutes) == in_french
    assert parse_minutes(in_french) == minutes  # typed back as it is shown


def test_week_and_period_errors_are_french(fr):
    with pytest.raises(ValueError, match="2025 n'a pas de semaine 53 \\(elle en compte 52\\)"):
        Week(2025, 53)
    with pytest.raises(ValueError, match="n'est pas une semaine; écrivez-la comme 2026-W48"):
        Week.parse("next week")
    with pytest.raises(ValueError, match="période inconnue"):
        period("next_year", TODAY)
    with pytest.raises(ValueError, match="la période se termine"):
        period_weeks(TODAY, date(2026, 1, 1))


def test_constants_are_english_and_shown_translated(fr):
    # the constants stay English (N_): the places that show them translate them, _(MODES[key])
    assert MODES["phone"] == "Phone" and FORMATS["group"] == "Group" and PERIODS["this_week"] == "This week"
    assert [i18n._(MODES[k]) for k in MODES] == ["En personne", "Téléphone", "Texto", "Vidéo", "Autre"]
    assert [i18n._(FORMATS[k]) for k in FORMATS] == ["Individuel", "Groupe"]
    assert i18n._(PERIODS["last_month"]) == "Mois dernier"
    assert i18n._(LABELS["face_to_face"]) == "    en face à face (en personne)"
    assert all(i18n._(text) != text for text in LABELS.values())


def test_french_days_are_read_in_french_only():
    assert parse_day("hier", TODAY) is None and parse_day("me", TODAY) is None
    i18n.set_language("fr")
    assert parse_day("aujourd'hui", TODAY) == TODAY
    assert parse_day("Aujourd’hui", TODAY) == TODAY
    assert parse_day("hier", TODAY) == date(2026, 11, 24)
    assert parse_day("avant-hier", TODAY) == date(2026, 11, 23)
    assert parse_day("lun", TODAY) == date(2026, 11, 23)
    assert parse_day("mer", TODAY) == TODAY
    assert parse_day("jeudi", TODAY) == date(2026, 11, 19)
    assert parse_day("dim", TODAY) == date(2026, 11, 22)
    assert parse_day("sa", TODAY) == date(2026, 11, 21)  # samedi and saturday: the same day
    assert parse_day("mon", TODAY) == date(2026, 11, 23)  # English still
    assert parse_day("25 nov.", TODAY) == TODAY
    assert parse_day("1er déc 2025", TODAY) == date(2025, 12, 1)
    assert parse_day("mar. 3 févr. 2026", TODAY) == date(2026, 2, 3)  # as a French date field shows a day
    assert parse_day("15 aout", TODAY) == date(2026, 8, 15)
    assert parse_day("jui", TODAY) is None  # juin or juillet
    assert hint().startswith("aujourd'hui, hier, un jour de la semaine (lun)")


def test_identifier_findings_are_french(fr):
    [finding] = find_identifiers("called 613-555-0199 today", "", today=TODAY)
    assert finding.kind == "phone number"  # the constant stays English
    assert finding.label == "numéro de téléphone"
    assert finding.describe() == f"numéro de téléphone «{NBSP}613-555-0199{NBSP}»"
