"""A team read from the team server for its supervisor (connecting as the supervisor's role:
row-level security shows the rows of the supervisor's teams and nothing else). Each worker's
rows become the text of an entries export, so the review reads and checks them exactly as it
reads a worker's exported file."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ..i18n import _
from ..storage.rows import EntryRow, db_time
from ..storage.server_migrations import SCHEMA
from .connection import ServerError, ServerRefused, connect, explain

if TYPE_CHECKING:
    from ..domain.taxonomy import Taxonomy

_READ = (f"SELECT id::text, worker, date, start_time, minutes, category, mode, format, people, client_ref, tags, "
         f"note, created_at, updated_at FROM {SCHEMA}.entries WHERE team = %s AND date BETWEEN %s AND %s "
         "AND NOT deleted ORDER BY worker, date, start_time NULLS FIRST, created_at")


def team_texts(url: str, team: str, start: date, end: date, taxonomy: Taxonomy) -> list[tuple[str, str]]:
    """(name, export text) for each worker of *team* with entries from *start* to *end*."""
    import psycopg

    from ..exchange.csv_export import entries_text

    with connect(url) as conn:
        try:
            teams = [r[0] for r in conn.execute(
                f"SELECT team FROM {SCHEMA}.members WHERE role = current_user AND kind = 'supervisor'")]
            if team not in teams:
                if not teams:
                    raise ServerRefused(_("this role supervises no team on the server, not {team}").format(team=team))
                raise ServerRefused(_("this role supervises {teams} on the server, not {team}").format(
                    teams=", ".join(teams), team=team))
            rows = conn.execute(_READ, (team, start, end)).fetchall()
            conn.execute(f"INSERT INTO {SCHEMA}.audit (action, detail) VALUES ('review', %s)",
                         (f"team {team}, {start} to {end}: {len(rows)} entries",))
            conn.commit()
        except psycopg.errors.InsufficientPrivilege as exc:
            raise ServerRefused(_("the server refused: {why}").format(why=explain(exc))) from None
        except psycopg.errors.UndefinedTable:
            raise ServerError(_("the server has no PeerDesk schema: ask IT to run peerdesk server init")) from None
    by_worker: dict[str, list[EntryRow]] = {}
    for r in rows:
        start_time = r[3].strftime("%H:%M:%S.%f") if r[3] is not None else None
        row = EntryRow._make((r[0], r[1], r[2].isoformat(), start_time, *r[4:12], db_time(r[12]), db_time(r[13])))
        by_worker.setdefault(row.worker, []).append(row)
    return [(f"server:{team}/{worker}", entries_text(rows_, taxonomy, start, end))
            for worker, rows_ in sorted(by_worker.items())]


def sign_off(url: str, team: str, start: date, end: date, *, by: str, comment: str) -> list[tuple[str, str]]:
    """The supervisor signs off every submitted week of *team* from *start* to *end* not signed
    off yet (row-level security lets a supervisor's role write only for its own team); the
    (worker, week) signed off."""
    import psycopg

    from ..domain.weeks import Week

    first, last = str(Week.of(start)), str(Week.of(end))
    with connect(url) as conn:
        try:
            with conn.transaction():
                rows = conn.execute(
                    f"SELECT w.owner, w.worker, w.week, w.submitted_at FROM {SCHEMA}.weeks w WHERE w.team = %s "
                    f"AND w.week BETWEEN %s AND %s AND NOT EXISTS (SELECT 1 FROM {SCHEMA}.signoffs s "
                    "WHERE s.owner = w.owner AND s.week = w.week AND s.submitted_at = w.submitted_at) "
                    "ORDER BY w.worker, w.week", (team, first, last)).fetchall()
                said = " ".join(comment.split())
                for owner, _worker, week, submitted_at in rows:
                    conn.execute(f"INSERT INTO {SCHEMA}.signoffs (owner, week, submitted_at, by_name, comment) "
                                 "VALUES (%s, %s, %s, %s, %s)", (owner, week, submitted_at, by, said))
                conn.execute(f"INSERT INTO {SCHEMA}.audit (action, detail) VALUES ('sign-off', %s)",
                             (f"team {team}: " + ", ".join(f"{w} {k}" for _o, w, k, _s in rows),))
        except psycopg.errors.InsufficientPrivilege as exc:
            raise ServerRefused(_("the server refused: {why}").format(why=explain(exc))) from None
    return [(worker, week) for _o, worker, week, _s in rows]
