"""baseline: the entries table

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entries",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("worker", sa.String(80), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(64), nullable=False),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.Column("client_ref", sa.String(40), nullable=False),
        sa.Column("tags", sa.String(255), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("minutes BETWEEN 1 AND 720", name=op.f("ck_entries_minutes_range")),
        sa.CheckConstraint("people >= 0", name=op.f("ck_entries_people_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entries")),
    )
    op.create_index("ix_entries_date_category", "entries", ["date", "category"])
    op.create_index("ix_entries_category", "entries", ["category"])


def downgrade() -> None:
    op.drop_index("ix_entries_category", table_name="entries")
    op.drop_index("ix_entries_date_category", table_name="entries")
    op.drop_table("entries")
