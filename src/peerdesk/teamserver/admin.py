"""Setting the team server up, as IT does it once: the schema (Alembic, the server's own
history), the organisation's settings, teams, and one login role per worker and supervisor.
Connects as a role that may create roles and schemas (the database's owner, or ``postgres``)."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import _
from .connection import ServerError, connect, engine, explain

SETTINGS = {"notes": ("keep", "send"), "client_refs": ("send", "keep")}  # the first is the default


@dataclass(frozen=True)
class Initialised:
    revision_before: str | None
    revision: str
    settings: dict[str, str]


def init(url: str, *, settings: dict[str, str] | None = None) -> Initialised:
    """Create or upgrade the schema, then set the organisation's choices (only those given;
    a new server starts with notes kept on the PCs and client references sent)."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy import text

    from ..storage.server_migrations import SCHEMA, config

    for key, value in (settings or {}).items():
        if value not in SETTINGS[key]:
            raise ServerError(_("{setting} must be one of {choices}, not {value}").format(
                setting=key, choices=", ".join(SETTINGS[key]), value=repr(value)), usage=True)
    eng = engine(url)
    try:
        with eng.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}"))  # where Alembic keeps its version too
            before = MigrationContext.configure(conn, opts={"version_table_schema": SCHEMA}).get_current_revision()
            cfg = config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            after = MigrationContext.configure(conn, opts={"version_table_schema": SCHEMA}).get_current_revision()
            for key, (default, _other) in SETTINGS.items():
                chosen = (settings or {}).get(key)
                if chosen is not None:
                    upsert = "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"
                    conn.execute(text(f"INSERT INTO {SCHEMA}.settings VALUES (:k, :v) {upsert}"),
                                 {"k": key, "v": chosen})
                else:
                    conn.execute(text(f"INSERT INTO {SCHEMA}.settings VALUES (:k, :v) ON CONFLICT DO NOTHING"),
                                 {"k": key, "v": default})
            rows = conn.execute(text(f"SELECT key, value FROM {SCHEMA}.settings")).all()
            conn.execute(text(f"INSERT INTO {SCHEMA}.audit (action, detail) VALUES ('init', :d)"),
                         {"d": f"schema {before or 'none'} -> {after}"})
    except ServerError:
        raise
    except Exception as exc:  # noqa: BLE001 - the driver's and SQLAlchemy's errors, said in one line
        raise ServerError(_("the server's schema could not be made: {why}").format(
            why=explain(getattr(exc, "orig", exc)))) from None
    finally:
        eng.dispose()
    return Initialised(before, str(after), {k: v for k, v in rows})


def add_member(url: str, role: str, team: str, kind: str, password: str) -> None:
    """A login role for a worker (*kind* ``worker``) or a supervisor of *team* (made if new).
    The password is turned into a SCRAM verifier on this PC (libpq's own function), so the
    clear password never reaches the server, its log or its statistics."""
    import psycopg
    from psycopg import sql

    from ..storage.server_migrations import SCHEMA

    if kind not in ("worker", "supervisor"):
        raise ValueError(kind)
    if not role.strip() or not team.strip():
        raise ServerError(_("a role and a team are both needed"), usage=True)
    if len(password) < 8:
        raise ServerError(_("the password must have at least 8 characters"), usage=True)
    group = sql.Identifier(f"peerdesk_{kind}")
    who = sql.Identifier(role)
    with connect(url) as conn:
        try:
            verifier = conn.pgconn.encrypt_password(password.encode(), role.encode(), b"scram-sha-256").decode()
            with conn.transaction():
                exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
                verb = sql.SQL("ALTER") if exists else sql.SQL("CREATE")
                conn.execute(sql.SQL("{} ROLE {} LOGIN PASSWORD {}").format(verb, who, sql.Literal(verifier)))
                conn.execute(sql.SQL("GRANT {} TO {}").format(group, who))
                conn.execute(sql.SQL(f"INSERT INTO {SCHEMA}.teams VALUES (%s) ON CONFLICT DO NOTHING"), (team,))
                if kind == "worker":  # one team a worker (rows keep the team they were written in)
                    conn.execute(f"DELETE FROM {SCHEMA}.members WHERE role = %s AND kind = 'worker'", (role,))
                conn.execute(f"INSERT INTO {SCHEMA}.members VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
                             (role, team, kind))
                conn.execute(f"INSERT INTO {SCHEMA}.audit (action, detail) VALUES (%s, %s)",
                             (f"add-{kind}", f"{role} in team {team}"))
        except psycopg.errors.UndefinedTable:
            raise ServerError(_("the server has no PeerDesk schema yet: run peerdesk server init first")) from None
        except psycopg.Error as exc:
            raise ServerError(_("the role could not be made: {why}").format(why=explain(exc))) from None
