"""weeks: submitted weeks are locked by the database itself

``week_states`` holds a week the worker submitted (its first and last day, when, and reviewed
when a supervisor's sign-off came back). Triggers refuse adding, changing or deleting an entry
on a day of a submitted week, whichever program writes (PeerDesk checks first and says how to
reopen; the triggers are the backstop); a sync writing what the server sent is let through, as
the outbox triggers let it through (`sync_state` key ``applying``).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_LOCKED = ("EXISTS (SELECT 1 FROM week_states WHERE {row}.date BETWEEN first_day AND last_day) "
           "AND NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'applying')")


def upgrade() -> None:
    op.create_table(
        "week_states",
        sa.Column("week", sa.String(8), primary_key=True),  # 2026-W48
        sa.Column("first_day", sa.String(10), nullable=False),
        sa.Column("last_day", sa.String(10), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),  # submitted, reviewed
        sa.Column("submitted_at", sa.String(32), nullable=False),
        sa.Column("reviewed", sa.Text, nullable=False, server_default=""),  # the sign-off, as JSON
    )
    for verb, rows in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",))):
        when = " OR ".join(f"({_LOCKED.format(row=row)})" for row in rows)
        op.execute(
            f"CREATE TRIGGER week_locked_{verb.lower()} BEFORE {verb} ON entries WHEN {when} BEGIN "
            "SELECT RAISE(ABORT, 'the week is submitted: reopen it to change its entries'); END"
        )


def downgrade() -> None:
    for verb in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS week_locked_{verb}")
    op.drop_table("week_states")
