"""team server: submitted weeks and supervisors' sign-offs

A worker's PC sends the weeks it submitted (``weeks``: the week and the moment of its submit);
a supervisor signs off a submitted week of a worker of their own team (``signoffs``); the
worker's PC brings sign-offs back. Row-level security: a worker writes and reads only its own
weeks and reads its own sign-offs; a supervisor reads its teams' weeks and sign-offs and writes
a sign-off only for a week of its own team as it was submitted; nobody changes or deletes a
sign-off.

Revision ID: s0002
Revises: s0001
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "s0002"
down_revision = "s0001"
branch_labels = None
depends_on = None

S = "peerdesk"
_TEAMS = f"(SELECT team FROM {S}.members WHERE role = current_user AND kind = 'supervisor')"


def upgrade() -> None:
    op.create_table(
        "weeks",
        sa.Column("owner", sa.Text, primary_key=True, server_default=sa.text("current_user")),
        sa.Column("week", sa.Text, primary_key=True),  # 2026-W48
        sa.Column("submitted_at", sa.Text, nullable=False),
        sa.Column("worker", sa.Text, nullable=False),
        sa.Column("team", sa.Text, nullable=False),
        schema=S,
    )
    op.create_table(
        "signoffs",
        sa.Column("owner", sa.Text, primary_key=True),
        sa.Column("week", sa.Text, primary_key=True),
        sa.Column("submitted_at", sa.Text, primary_key=True),  # the submit it covers
        sa.Column("by_role", sa.Text, nullable=False, server_default=sa.text("current_user")),
        sa.Column("by_name", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("comment", sa.Text, nullable=False, server_default=""),
        schema=S,
    )
    for table in ("weeks", "signoffs"):
        op.execute(f"ALTER TABLE {S}.{table} ENABLE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY worker_weeks ON {S}.weeks FOR ALL TO peerdesk_worker USING (owner = current_user) "
               f"WITH CHECK (owner = current_user AND team = "
               f"(SELECT team FROM {S}.members WHERE role = current_user AND kind = 'worker' LIMIT 1))")
    op.execute(f"CREATE POLICY supervisor_weeks ON {S}.weeks FOR SELECT TO peerdesk_supervisor "
               f"USING (team IN {_TEAMS})")
    op.execute(f"CREATE POLICY worker_signoffs ON {S}.signoffs FOR SELECT TO peerdesk_worker "
               "USING (owner = current_user)")
    op.execute(f"CREATE POLICY supervisor_reads ON {S}.signoffs FOR SELECT TO peerdesk_supervisor USING "
               f"(EXISTS (SELECT 1 FROM {S}.weeks w WHERE w.owner = signoffs.owner AND w.team IN {_TEAMS}))")
    op.execute(f"CREATE POLICY supervisor_signs ON {S}.signoffs FOR INSERT TO peerdesk_supervisor WITH CHECK "
               f"(by_role = current_user AND EXISTS (SELECT 1 FROM {S}.weeks w WHERE w.owner = signoffs.owner "
               "AND w.week = signoffs.week AND w.submitted_at = signoffs.submitted_at "
               f"AND w.team IN {_TEAMS}))")
    op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {S}.weeks TO peerdesk_worker")  # a reopen deletes
    op.execute(f"GRANT SELECT ON {S}.weeks TO peerdesk_supervisor")
    op.execute(f"GRANT SELECT ON {S}.signoffs TO peerdesk_worker")
    op.execute(f"GRANT SELECT, INSERT ON {S}.signoffs TO peerdesk_supervisor")  # no UPDATE, no DELETE


def downgrade() -> None:
    op.drop_table("signoffs", schema=S)
    op.drop_table("weeks", schema=S)
