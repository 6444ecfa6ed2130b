"""team server: an outbox of changed entries, written by triggers in the change's own transaction

Every insert, update and delete of an entry queues its id (a delete as a tombstone) in
``sync_outbox`` in the same transaction, so no way of changing an entry can miss the next sync;
a sync empties it only for what the server confirmed. Entries already in the file are queued,
so a worker's first sync sends their record. ``sync_versions`` holds the server's version and
a digest of each entry as last confirmed, ``sync_state`` the pull cursor and the last sync,
``sync_conflicts`` the side of a conflict that was not kept, for the worker to pick from.
While a sync writes what it received, a row in ``sync_state`` (key ``applying``) keeps the
triggers from queueing it again.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_QUIET = "NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'applying')"


def upgrade() -> None:
    op.create_table(
        "sync_outbox",
        sa.Column("entry_id", sa.String(36), primary_key=True),
        sa.Column("deleted", sa.Integer, nullable=False),
        sa.Column("queued_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "sync_versions",
        sa.Column("entry_id", sa.String(36), primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
    )
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(32), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "sync_conflicts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("entry_id", sa.String(36), nullable=False, index=True),
        sa.Column("found_at", sa.String(32), nullable=False),
        sa.Column("kept", sa.String(8), nullable=False),  # which side is in entries: local or server
        sa.Column("other", sa.Text, nullable=False),  # the side not kept, as JSON (deleted: true for a tombstone)
    )
    now = "strftime('%Y-%m-%d %H:%M:%f', 'now')"
    op.execute(f"INSERT INTO sync_outbox (entry_id, deleted, queued_at) SELECT id, 0, {now} FROM entries")
    for verb, row, deleted in (("INSERT", "NEW", 0), ("UPDATE", "NEW", 0), ("DELETE", "OLD", 1)):
        op.execute(
            f"CREATE TRIGGER sync_outbox_{verb.lower()} AFTER {verb} ON entries WHEN {_QUIET} BEGIN "
            f"INSERT OR REPLACE INTO sync_outbox (entry_id, deleted, queued_at) VALUES ({row}.id, {deleted}, {now}); "
            "END"
        )


def downgrade() -> None:
    for verb in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS sync_outbox_{verb}")
    for table in ("sync_conflicts", "sync_state", "sync_versions", "sync_outbox"):
        op.drop_table(table)
