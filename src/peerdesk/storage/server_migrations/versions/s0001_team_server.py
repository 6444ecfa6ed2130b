"""team server: entries with owners, teams and versions; row-level security; append-only audit

Revision ID: s0001
Revises:
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from peerdesk.storage.models import EntryModel

revision = "s0001"
down_revision = None
branch_labels = None
depends_on = None

S = "peerdesk"


def upgrade() -> None:
    op.execute(f"CREATE SCHEMA IF NOT EXISTS {S}")
    for group in ("peerdesk_worker", "peerdesk_supervisor"):
        op.execute(f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{group}') "
                   f"THEN CREATE ROLE {group} NOLOGIN; END IF; END $$")
    op.create_table("teams", sa.Column("name", sa.Text, primary_key=True), schema=S)
    op.create_table(
        "members",
        sa.Column("role", sa.Text, primary_key=True),  # the login role
        sa.Column("team", sa.Text, sa.ForeignKey(f"{S}.teams.name"), primary_key=True),
        sa.Column("kind", sa.Text, nullable=False),
        sa.CheckConstraint("kind IN ('worker', 'supervisor')", name="members_kind"),
        schema=S,
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
        schema=S,
    )
    # the local file's entry columns (models.EntryModel), with a server's types for the ids and times
    local = [c._copy() for c in EntryModel.__table__.columns if c.name not in ("id", "created_at", "updated_at")]
    for c in local:
        c.primary_key = False
    op.create_table(
        "entries",
        sa.Column("id", postgresql.UUID(as_uuid=False), primary_key=True),
        *local,
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted", sa.Boolean, nullable=False, server_default=sa.false()),  # a tombstone
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        sa.Column("owner", sa.Text, nullable=False),  # the worker's login role
        sa.Column("team", sa.Text, nullable=False),
        sa.CheckConstraint("minutes BETWEEN 1 AND 720", name="entries_minutes_range"),
        sa.CheckConstraint("people >= 0", name="entries_people_not_negative"),
        schema=S,
    )
    # the transaction that last wrote the row: pulls read "since the oldest transaction still
    # running at the last pull", so a row committed late is never skipped (sequence numbers are not)
    op.execute(f"ALTER TABLE {S}.entries ADD COLUMN txid xid8 NOT NULL")
    op.create_index("ix_entries_owner_txid", "entries", ["owner", "txid"], schema=S)
    op.create_index("ix_entries_team_date", "entries", ["team", "date"], schema=S)
    op.create_table(
        "audit",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("role", sa.Text, nullable=False, server_default=sa.text("current_user")),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("detail", sa.Text, nullable=False, server_default=""),
        schema=S,
    )
    # the owner and the transaction come with every insert; an update always takes a new version
    # and the transaction that made it (cheap: no query per row; what needs a lookup is checked by
    # the policies below, whose lookups PostgreSQL runs once per statement)
    op.execute(f"ALTER TABLE {S}.entries ALTER COLUMN owner SET DEFAULT current_user")
    op.execute(f"ALTER TABLE {S}.entries ALTER COLUMN txid SET DEFAULT pg_current_xact_id()")
    op.execute(f"""
CREATE FUNCTION {S}.entry_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id <> OLD.id OR NEW.owner <> OLD.owner OR NEW.team <> OLD.team THEN
        RAISE EXCEPTION 'an entry keeps its id, owner and team' USING ERRCODE = 'insufficient_privilege';
    END IF;
    NEW.version := OLD.version + 1;
    NEW.txid := pg_current_xact_id();
    RETURN NEW;
END $$""")
    op.execute(f"CREATE TRIGGER entry_stamp BEFORE UPDATE ON {S}.entries "
               f"FOR EACH ROW EXECUTE FUNCTION {S}.entry_stamp()")
    op.execute(f"""
CREATE FUNCTION {S}.audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit table is append-only' USING ERRCODE = 'insufficient_privilege';
END $$""")
    op.execute(f"CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON {S}.audit "
               f"FOR EACH ROW EXECUTE FUNCTION {S}.audit_append_only()")
    op.execute(f"CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON {S}.audit "
               f"FOR EACH STATEMENT EXECUTE FUNCTION {S}.audit_append_only()")
    # who may do what: row-level security on every table a login role can read
    for table in ("entries", "members", "audit"):
        op.execute(f"ALTER TABLE {S}.{table} ENABLE ROW LEVEL SECURITY")
    setting = f"(SELECT value FROM {S}.settings WHERE key = '{{}}')"
    op.execute(f"CREATE POLICY worker_own ON {S}.entries FOR ALL TO peerdesk_worker USING (owner = current_user) "
               f"WITH CHECK (owner = current_user AND version >= 1 AND team = "
               f"(SELECT team FROM {S}.members WHERE role = current_user AND kind = 'worker' LIMIT 1) "
               f"AND (note = '' OR coalesce({setting.format('notes')}, 'keep') = 'send') "
               f"AND (client_ref = '' OR coalesce({setting.format('client_refs')}, 'send') = 'send'))")
    op.execute(f"CREATE POLICY supervisor_team ON {S}.entries FOR SELECT TO peerdesk_supervisor USING "
               f"(team IN (SELECT team FROM {S}.members WHERE role = current_user AND kind = 'supervisor'))")
    op.execute(f"CREATE POLICY own_membership ON {S}.members FOR SELECT TO peerdesk_worker, peerdesk_supervisor "
               "USING (role = current_user)")
    op.execute(f"CREATE POLICY own_lines ON {S}.audit FOR SELECT TO peerdesk_worker, peerdesk_supervisor "
               "USING (role = current_user)")
    op.execute(f"CREATE POLICY add_own_lines ON {S}.audit FOR INSERT TO peerdesk_worker, peerdesk_supervisor "
               "WITH CHECK (role = current_user)")
    op.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA {S} FROM PUBLIC")
    op.execute(f"GRANT USAGE ON SCHEMA {S} TO peerdesk_worker, peerdesk_supervisor")
    op.execute(f"GRANT SELECT, INSERT, UPDATE ON {S}.entries TO peerdesk_worker")  # no DELETE: tombstones
    op.execute(f"GRANT SELECT ON {S}.entries TO peerdesk_supervisor")
    op.execute(f"GRANT SELECT ON {S}.members, {S}.settings, {S}.teams TO peerdesk_worker, peerdesk_supervisor")
    op.execute(f"GRANT SELECT, INSERT ON {S}.audit TO peerdesk_worker, peerdesk_supervisor")


def downgrade() -> None:
    op.execute(f"DROP SCHEMA {S} CASCADE")
