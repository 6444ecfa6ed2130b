"""A realistic, fictional record of one peer worker on an inpatient ward, for trainers.

Deterministic: the same seed, number of weeks and final week give the same
entries, ids and timestamps included. Weekdays only; a morning handover every
day; groups on Tuesday and Thursday; the weekly team meeting on Wednesday;
supervision every other Friday; phone, text and video contacts; one week of
annual leave. Notes are short and de-identified, in the style workers should
copy: no names, no dates of birth, nothing that points at one person.
"""

from __future__ import annotations

import random
import uuid
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from .domain.entry import Entry
from .domain.summary import weeks_ending
from .domain.weeks import Week
from .i18n import N_, _, language

DEMO_WORKER = "Demo worker"
DEFAULT_SEED = 2012
DEFAULT_WEEKS = 8


@dataclass(frozen=True)
class Slot:
    """One planned activity: start, minutes, category, mode, format, people range, notes to pick from
    (and the same notes in French, in the same order: the note of an entry generated while PeerDesk
    speaks French; the random draw is the same, so only the note's words change)."""

    start: str
    minutes: int
    category: str
    mode: str = "in_person"
    format: str = "individual"
    people: tuple[int, int] = (1, 1)
    notes: tuple[str, ...] = ("",)
    notes_fr: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    optional: float = 0.0  # chance the slot is skipped on a given day
    at_least: int = 5  # shortest length after the random jitter (a booked meeting is never cut short)


HANDOVER = Slot(
    "08:45", 30, "team_communication", format="group", people=(0, 0),
    notes=("Morning handover", "Handover; two new admissions overnight", "Handover with nursing team"),
    notes_fr=("Rapport de relève du matin", "Rapport de relève; deux nouvelles admissions cette nuit",
              "Rapport de relève avec l'équipe infirmière"),
)

WEEK_PLAN: dict[int, tuple[Slot, ...]] = {
    0: (  # Monday
        Slot("09:30", 45, "relationship_building", tags=("presence",),
             notes=("Introduced myself to a new admission and explained what peer support is",
                    "Sat with a client who did not want to talk much; agreed to try again tomorrow",
                    "Second meeting; client asked how I got through my first weeks in hospital"),
             notes_fr=("Rencontre avec une personne nouvellement admise; présentation du soutien par les pairs",
                       "Moment passé avec une personne qui ne voulait pas trop parler; on réessaie demain",
                       "Deuxième rencontre; la personne m'a demandé comment j'avais traversé mes premières "
                       "semaines à l'hôpital")),
        Slot("10:30", 60, "skill_building_mentoring_goal_setting", tags=("collaboration",),
             notes=("Worked on a weekly budget together", "Goal for the week: one walk off the ward",
                    "Practised what to say at the housing interview"),
             notes_fr=("Budget de la semaine préparé ensemble",
                       "Objectif de la semaine\u00a0: une marche hors de l'unité",
                       "Pratique de ce qu'il faut dire à l'entrevue pour le logement")),
        Slot("13:00", 30, "administration", mode="other", people=(0, 0),
             notes=("Notes and e-mail", "Updated the group register", ""),
             notes_fr=("Notes et courriels", "Mise à jour du registre du groupe", "")),
        Slot("13:30", 45, "connecting_to_resources", mode="phone",
             notes=("Called the food bank with a client to book a first visit",
                    "Phoned the benefits office together; follow-up booked",
                    "Looked up community recovery groups near the client's home"),
             notes_fr=("Appel à la banque alimentaire avec une personne pour réserver une première visite",
                       "Appel ensemble au bureau des prestations; suivi prévu",
                       "Recherche de groupes de rétablissement près du domicile de la personne")),
        Slot("14:30", 60, "socialization_self_esteem", format="group", people=(3, 6),
             notes=("Card games in the lounge", "Coffee and a chat in the garden", "Art table in the day room"),
             notes_fr=("Jeux de cartes au salon", "Café et jasette au jardin", "Atelier d'art dans la salle commune")),
        Slot("15:45", 30, "information_gathering_verification", mode="other", people=(0, 0), optional=0.3,
             notes=("Checked the drop-in's new opening hours", "Confirmed the bus pass rules with the council"),
             notes_fr=("Vérification des nouvelles heures d'ouverture de la halte-accueil",
                       "Confirmation auprès de la municipalité des règles du laissez-passer d'autobus")),
    ),
    1: (  # Tuesday
        Slot("09:30", 45, "group_planning_development", people=(0, 0),
             notes=("Prepared today's recovery group", "Printed the session handouts and set up the room"),
             notes_fr=("Préparation du groupe de rétablissement d'aujourd'hui",
                       "Impression des documents de la séance et préparation de la salle")),
        Slot("10:30", 90, "group_facilitation", format="group", people=(4, 9), tags=("experience", "role_modeling"),
             notes=("Recovery group: hope and what helps", "Recovery group: early warning signs",
                    "Recovery group: planning for discharge", "Recovery group: sleep and routine"),
             notes_fr=("Groupe de rétablissement\u00a0: l'espoir et ce qui aide",
                       "Groupe de rétablissement\u00a0: les signes précurseurs",
                       "Groupe de rétablissement\u00a0: préparer son congé",
                       "Groupe de rétablissement\u00a0: sommeil et routine")),
        Slot("13:00", 40, "experiential_sharing", tags=("experience",),
             notes=("Shared how I dealt with side effects when a client raised it",
                    "Talked about my own first weeks after discharge",
                    "Shared what helped me with going back to college"),
             notes_fr=("J'ai raconté comment j'ai vécu les effets secondaires quand une personne en a parlé",
                       "J'ai parlé de mes propres premières semaines après mon congé",
                       "J'ai raconté ce qui a facilité mon retour aux études")),
        Slot("14:00", 60, "advocacy", tags=("approach",),
             notes=("Supported a client at their care review to say what they want from discharge",
                    "Went with a client to ask about leave arrangements",
                    "Helped a client write down questions for the doctor"),
             notes_fr=("Soutien à une personne, à la rencontre sur son plan de soins, pour dire ce qu'elle "
                       "souhaite pour son congé",
                       "Accompagnement d'une personne pour se renseigner sur ses sorties autorisées",
                       "Aide à une personne pour écrire ses questions au médecin")),
        Slot("15:15", 30, "administration", mode="other", people=(0, 0), notes=("Notes", "Time sheet and notes"),
             notes_fr=("Notes", "Feuille de temps et notes")),
    ),
    2: (  # Wednesday
        Slot("10:00", 60, "team_communication", format="group", people=(0, 0), at_least=60,
             notes=("Weekly team meeting", "Weekly team meeting; raised the group's suggestions"),
             notes_fr=("Réunion d'équipe hebdomadaire",
                       "Réunion d'équipe hebdomadaire; suggestions du groupe présentées")),
        Slot("11:15", 30, "staff_relationships", people=(0, 0),
             notes=("Coffee with the ward's new OT to talk about joint groups",
                    "Met the new charge nurse", "Talked with the psychologist about referrals"),
             notes_fr=("Café avec le nouvel ergothérapeute de l'unité pour parler de groupes à animer ensemble",
                       "Rencontre avec la nouvelle infirmière-chef",
                       "Discussion avec la psychologue au sujet des orientations")),
        Slot("13:00", 60, "building_community", format="group", people=(2, 3), tags=("presence",),
             notes=("Went with two clients to the community drop-in", "Visited the recovery college open day",
                    "Walked to the allotment project with clients"),
             notes_fr=("Accompagnement de deux personnes à la halte-accueil communautaire",
                       "Visite à la journée portes ouvertes du collège de rétablissement",
                       "Marche jusqu'au jardin communautaire avec des personnes")),
        Slot("14:15", 15, "relationship_building", mode="text",
             notes=("Check-in by text with a client on leave", "Text check-in after weekend leave"),
             notes_fr=("Prise de nouvelles par texto avec une personne en congé",
                       "Prise de nouvelles par texto après un congé de fin de semaine")),
        Slot("14:30", 30, "skill_building_mentoring_goal_setting", tags=("collaboration",),
             notes=("Helped a client set up a phone calendar for appointments",
                    "Practised a phone call to the GP surgery together"),
             notes_fr=("Aide à une personne pour noter ses rendez-vous dans le calendrier de son téléphone",
                       "Pratique ensemble d'un appel à la clinique du médecin de famille")),
        Slot("15:00", 30, "receiving_support", people=(0, 0),
             notes=("Peer workers' network call", "Debrief with a peer colleague after a hard morning"),
             notes_fr=("Appel du réseau des pairs aidants",
                       "Retour avec un collègue pair aidant sur une matinée difficile")),
    ),
    3: (  # Thursday
        Slot("10:30", 90, "group_facilitation", format="group", people=(3, 7), tags=("role_modeling",),
             notes=("Walking group in the park", "Wellness planning group", "Walking group; two first-timers"),
             notes_fr=("Groupe de marche au parc", "Groupe de planification du mieux-être",
                       "Groupe de marche; deux nouvelles personnes")),
        Slot("13:00", 60, "skill_building_mentoring_goal_setting", tags=("collaboration", "challenge"),
             notes=("Reviewed the goals set last week", "Practised using the bus route to the clinic",
                    "Planned a first week at home after discharge"),
             notes_fr=("Retour sur les objectifs fixés la semaine dernière",
                       "Pratique du trajet en autobus jusqu'à la clinique",
                       "Planification d'une première semaine à la maison après le congé")),
        Slot("12:00", 25, "group_planning_development", people=(0, 0),
             notes=("Wrote up the walking group and planned next week's route", "Group review with the OT"),
             notes_fr=("Compte rendu du groupe de marche et trajet de la semaine prochaine",
                       "Bilan du groupe avec l'ergothérapeute")),
        Slot("14:15", 45, "connecting_to_resources", mode="phone",
             notes=("Called the housing support team together", "Booked a peer mentor in the community team"),
             notes_fr=("Appel ensemble à l'équipe de soutien au logement",
                       "Rendez-vous pris avec un pair mentor de l'équipe communautaire")),
    ),
    4: (  # Friday
        Slot("11:00", 45, "advocacy", tags=("challenge",),
             notes=("Supported a client to ask for a second opinion",
                    "Helped a client raise a complaint about ward rules in their own words"),
             notes_fr=("Soutien à une personne pour demander un deuxième avis",
                       "Aide à une personne pour formuler, dans ses mots, une plainte sur les règles de l'unité")),
        Slot("13:00", 45, "administration", mode="other", people=(0, 0),
             notes=("Weekly activity summary", "Notes and planning for next week"),
             notes_fr=("Sommaire hebdomadaire des activités", "Notes et planification de la semaine prochaine")),
        Slot("14:00", 30, "connecting_to_resources", mode="video",
             notes=("Video call with the community team about a client's discharge plan",
                    "Video call with a day service to arrange a visit"),
             notes_fr=("Appel vidéo avec l'équipe communautaire au sujet du plan de congé d'une personne",
                       "Appel vidéo avec un centre de jour pour organiser une visite")),
        Slot("15:40", 20, "administration", mode="other", people=(0, 0), notes=("Planned next week", "Filed notes"),
             notes_fr=("Planification de la semaine prochaine", "Classement des notes")),
        Slot("15:00", 30, "experiential_sharing", tags=("experience",), optional=0.3,
             notes=("Answered a client's questions about living with a diagnosis", ""),
             notes_fr=("Réponses aux questions d'une personne sur la vie avec un diagnostic", "")),
    ),
}

# Every other week (alternating): supervision or training on Friday, a talk or role work on Thursday.
SUPERVISION = Slot("09:30", 60, "supervision_training", people=(0, 0), notes=("Fortnightly supervision",),
                   notes_fr=("Supervision aux deux semaines",))
TRAINING = Slot("09:30", 90, "supervision_training", mode="video", people=(0, 0),
                notes=("Online training: trauma-informed practice", "Online training: safety planning"),
                notes_fr=("Formation en ligne\u00a0: approche tenant compte des traumatismes",
                          "Formation en ligne\u00a0: plan de sécurité"))
EDUCATION = Slot("15:15", 45, "education_awareness", format="group", people=(0, 0),
                 notes=("Talk to student nurses about peer support", "Recovery stall at the hospital open day"),
                 notes_fr=("Présentation sur le soutien par les pairs à des étudiantes et étudiants "
                           "en soins infirmiers",
                           "Kiosque sur le rétablissement à la journée portes ouvertes de l'hôpital"))
LEGITIMIZING = Slot("15:15", 30, "legitimizing_role", people=(0, 0), tags=("approach",),
                    notes=("Explained the peer role to the new junior doctors",
                           "Wrote a short piece on peer work for the staff newsletter"),
                    notes_fr=("Explication du rôle de pair aidant aux nouveaux médecins résidents",
                              "Court article sur le travail des pairs aidants pour le bulletin du personnel"))

# Short contacts added to each day, by chance, so weeks are not identical.
EXTRAS = (
    Slot("11:45", 20, "relationship_building", tags=("presence",),
         notes=("Quick chat in the corridor; client wanted to talk about the weekend", "Sat with a client at lunch"),
         notes_fr=("Brève jasette dans le corridor; la personne voulait parler de sa fin de semaine",
                   "Dîner en compagnie d'une personne")),
    Slot("12:15", 25, "socialization_self_esteem",
         notes=("Lunch with a client who is low in confidence; talked about their strengths", ""),
         notes_fr=("Dîner avec une personne qui manque de confiance; discussion sur ses forces", "")),
    Slot("16:15", 20, "relationship_building", mode="phone",
         notes=("Phone check-in with a client discharged last week", "Returned a client's call"),
         notes_fr=("Appel de suivi à une personne qui a eu son congé la semaine dernière",
                   "Retour d'appel à une personne")),
    Slot("16:15", 15, "socialization_self_esteem", mode="text",
         notes=("Text to encourage a client before an interview",),
         notes_fr=("Texto d'encouragement à une personne avant une entrevue",)),
    Slot("11:45", 30, "information_gathering_verification", mode="other", people=(0, 0),
         notes=("Checked eligibility for the leisure card scheme", ""),
         notes_fr=("Vérification de l'admissibilité à la carte loisirs", "")),
)


LATE_CONTACT = Slot("16:30", 20, "relationship_building", mode="phone",
                    notes=("End-of-day phone check-in with a client", "Returned a client's call"),
                    notes_fr=("Appel de suivi en fin de journée avec une personne", "Retour d'appel à une personne"))
MIN_WEEK_MINUTES = 26 * 60


def _uuid(rnd: random.Random) -> str:
    return str(uuid.UUID(int=rnd.getrandbits(128), version=4))


def leave_week_index(weeks: int, offset: int = 0) -> int | None:
    """Which of the weeks (0 = oldest) is annual leave: one in the middle, when there are at
    least four; a team's workers take theirs *offset* weeks apart (the last week is never leave)."""
    if weeks < 4:
        return None
    return (weeks // 2 + offset) % (weeks - 1)


@dataclass(frozen=True)
class Habit:
    """How one worker of a team works, against the plan every worker shares."""

    name: str  # in English: shown translated, _(habit.name)
    days: tuple[int, ...] = (0, 1, 2, 3, 4)  # the weekdays worked
    phone: float = 0.0  # the chance a one-to-one in person becomes a phone call (outreach)
    groups: int = 0  # group sessions added each week (a group-heavy worker)
    role: float = 1.0  # the chance a role-work slot is kept (some log little of it)


STEADY = Habit(N_("full-time, the plan as it is"))
TEAM_HABITS = (
    STEADY,
    Habit(N_("part-time, Monday to Wednesday"), days=(0, 1, 2)),
    Habit(N_("group-heavy"), groups=3),
    Habit(N_("outreach, mostly by phone"), phone=0.7),
    Habit(N_("logs little role work"), role=0.15),
)
ROLE_CATEGORIES = frozenset({"staff_relationships", "legitimizing_role"})
EXTRA_GROUP = Slot("16:00", 60, "group_facilitation", format="group", people=(3, 8), tags=("role_modeling",),
                   notes=("Extra afternoon group", "Peer recovery group, afternoon session"),
                   notes_fr=("Groupe supplémentaire en après-midi",
                             "Groupe de rétablissement entre pairs, séance de l'après-midi"))


def generate(
    *,
    seed: int = DEFAULT_SEED,
    weeks: int = DEFAULT_WEEKS,
    end_week: Week | None = None,
    today: date | None = None,
    worker: str = DEMO_WORKER,
    habit: Habit = STEADY,
    leave: int | None = -1,
    sick: int | None = None,
) -> Iterator[Entry]:
    """The demo entries, oldest first; nothing after *today*. *leave* and *sick* are the
    indexes (0 = oldest) of a week of annual leave (by default one in the middle) and of a
    week off sick (none by default)."""
    today = today or date.today()
    end_week = end_week or Week.of(today)
    rnd = random.Random(seed)
    leave = leave_week_index(weeks) if leave == -1 else leave
    for index, week in enumerate(weeks_ending(end_week, weeks)):
        if index in (leave, sick):
            continue
        fortnight = week.number % 2 == 0
        drawn: list[Entry] = []
        for weekday in range(5):
            day = week.start + timedelta(days=weekday)
            slots = [HANDOVER, *WEEK_PLAN[weekday]]
            if weekday == 4:
                slots.insert(1, SUPERVISION if fortnight else TRAINING)
            if weekday == 3:
                slots.append(EDUCATION if fortnight else LEGITIMIZING)
            for extra in EXTRAS:
                if rnd.random() < 0.55:
                    slots.append(extra)
            if habit is not STEADY:
                slots = _as_habit(slots, habit, weekday, rnd)
            slots.sort(key=lambda s: s.start)
            drawn += _one_after_another([e for e in (_draw(slot, rnd, day, worker) for slot in slots) if e is not None])
        # A full week is never under the floor: top it up with late-afternoon contacts.
        weekday = habit.days[0]
        floor = MIN_WEEK_MINUTES * len(habit.days) // 5
        while sum(e.minutes for e in drawn) < floor:
            top_up = _draw(LATE_CONTACT, rnd, week.start + timedelta(days=weekday), worker)
            if top_up is not None:
                drawn.append(top_up)
            weekday = habit.days[(habit.days.index(weekday) + 1) % len(habit.days)]
        drawn.sort(key=lambda e: (e.date, e.start_time))
        # every random number is drawn before the cut-off, so the past never depends on today
        yield from (e for e in drawn if e.date <= today)


def _as_habit(slots: list[Slot], habit: Habit, weekday: int, rnd: random.Random) -> list[Slot]:
    """A day's slots as a worker of *habit* works it."""
    if weekday not in habit.days:
        return []
    out = []
    for slot in slots:
        if slot.category in ROLE_CATEGORIES and rnd.random() >= habit.role:
            continue
        one_to_one = slot.mode == "in_person" and slot.format == "individual" and slot.people[0] >= 1
        if habit.phone and one_to_one and rnd.random() < habit.phone:
            slot = replace(slot, mode="phone")
        out.append(slot)
    if habit.groups and weekday < habit.groups:
        out.append(EXTRA_GROUP)
    return out


def _one_after_another(day_entries: list[Entry]) -> list[Entry]:
    """A worker does one thing at a time: each activity starts when the one before has ended."""
    placed: list[Entry] = []
    free_from = 0
    for entry in day_entries:
        assert entry.start_time is not None  # every demo entry has one
        start = entry.start_time.hour * 60 + entry.start_time.minute
        start = max(start, free_from)
        if start + entry.minutes > 18 * 60:  # nothing runs past six in the evening
            continue
        moved = entry.with_changes(start_time=time(start // 60, start % 60))
        placed.append(moved)
        free_from = start + entry.minutes + 5
    return placed


# The built-in direct categories: one-to-one work with one of them names its client by a code.
_DIRECT = frozenset({"advocacy", "connecting_to_resources", "experiential_sharing", "building_community",
                     "relationship_building", "skill_building_mentoring_goal_setting", "socialization_self_esteem"})
CASELOAD = 40  # clients a demo worker sees one to one: C-100 … C-139


def client_ref(entry_id: str, category: str, fmt: str) -> str:
    """A fictional client code for most one-to-one direct entries (a walk-in now and then has
    none), taken from the entry's id so the random stream, and so the record, stays as it was."""
    if category not in _DIRECT or fmt != "individual":
        return ""
    n = zlib.crc32(entry_id.encode())
    return "" if n % 10 >= 8 else f"C-{100 + (n // 10) % CASELOAD}"


def _draw(slot: Slot, rnd: random.Random, day: date, worker: str) -> Entry | None:
    skip = rnd.random() < slot.optional
    jitter = rnd.choice((-10, -5, 0, 0, 0, 5, 10, 15)) if slot.minutes >= 30 else 0
    people = rnd.randint(*slot.people)
    note = rnd.choice(slot.notes)
    if slot.notes_fr and language() == "fr":
        note = slot.notes_fr[slot.notes.index(note)]
    entry_id = _uuid(rnd)
    if skip:
        return None
    hours, minutes = (int(x) for x in slot.start.split(":"))
    start = time(hours, minutes)
    length = max(slot.at_least, slot.minutes + jitter)
    logged = datetime.combine(day, start, tzinfo=UTC) + timedelta(minutes=length + 5)
    return Entry(
        id=entry_id,
        worker=worker,
        date=day,
        start_time=start,
        minutes=length,
        category=slot.category,
        mode=slot.mode,
        format=slot.format,
        people=people,
        client_ref=client_ref(entry_id, slot.category, slot.format),
        tags=slot.tags,
        note=note,
        created_at=logged,
        updated_at=logged,
    )


def seed_store(store, **kwargs) -> int:
    """Write the demo entries into an open store in one transaction; returns how many."""
    return store.restore_many(generate(**kwargs))


class DemoFolderError(ValueError):
    pass


def create_demo_folder(
    folder,
    *,
    seed: int = DEFAULT_SEED,
    weeks: int = DEFAULT_WEEKS,
    today: date | None = None,
    worker: str = DEMO_WORKER,
    habit: Habit = STEADY,
    leave: int | None = -1,
    sick: int | None = None,
) -> int:
    """Write a demo data folder (database and settings marked as demo); refuses a folder that has data."""
    from pathlib import Path

    from .config import DB_FILENAME
    from .workspace import Workspace

    folder = Path(folder)
    if (folder / DB_FILENAME).exists():
        raise DemoFolderError(
            _("{folder} already holds a PeerDesk database; the demo is only written to a new folder").format(
                folder=folder))
    workspace = Workspace(folder)
    try:
        workspace.settings.set("worker", worker)
        workspace.settings.set("demo", True)
        workspace.settings.save()
        return seed_store(
            workspace.open_store(), seed=seed, weeks=weeks, today=today, worker=worker, habit=habit,
            leave=leave, sick=sick,
        )
    finally:
        workspace.close()


@dataclass(frozen=True)
class TeamMember:
    worker: str
    habit: Habit
    folder: object  # Path: the worker's demo data folder
    entries: int
    files: tuple  # the CSV files exported from it (entries, then the weekly summary)


def create_team(
    folder,
    size: int,
    *,
    seed: int = DEFAULT_SEED,
    weeks: int = DEFAULT_WEEKS,
    today: date | None = None,
    prefix: str = "PW",
) -> list[TeamMember]:
    """A team of *size* fictional workers for the Review window: for each, a demo data folder
    ``FOLDER/PREFIX-01`` … and the exports a worker would send (``FOLDER/peerdesk_PREFIX-01_FROM_TO.csv``
    and its ``_summary.csv``), written by the real exporter. Habits differ (see TEAM_HABITS, in
    turn), and so do the weeks of leave (three weeks apart) and, for every third worker, a week
    off sick. The same seed and *today* give the same files on any day."""
    from pathlib import Path

    from .domain.taxonomy import load_default
    from .exchange.csv_export import export_both
    from .exchange.csv_format import suggested_filename, summary_path_beside
    from .workspace import Workspace

    folder = Path(folder)
    today = today or date.today()
    first = weeks_ending(Week.of(today), weeks)[0].start
    taxonomy = load_default()
    team = []
    for n in range(1, size + 1):
        worker = f"{prefix}-{n:02d}"
        habit = TEAM_HABITS[(n - 1) % len(TEAM_HABITS)]
        leave = leave_week_index(weeks, offset=3 * (n - 1))
        sick = (weeks // 4 + 5 * n) % max(weeks - 1, 1) if n % 3 == 0 and weeks >= 6 else None
        home = folder / worker
        count = create_demo_folder(
            home, seed=seed + n, weeks=weeks, today=today, worker=worker, habit=habit,
            leave=leave, sick=None if sick == leave else sick,
        )
        entries_path = folder / suggested_filename(worker, first, today)
        summary_path = summary_path_beside(entries_path)
        workspace = Workspace(home)
        try:
            # the notes are fictional: exported, so the Review window's entries show them
            export_both(workspace.open_store(), taxonomy, first, today, entries_path, summary_path, include_notes=True)
        finally:
            workspace.close()
        team.append(TeamMember(worker, habit, home, count, (entries_path, summary_path)))
    return team
