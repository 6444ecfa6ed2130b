"""audit log: a hash on every line, chained to the line before it

Lines written before this revision get their hash from the store right after the upgrade
(an encrypted store's chain is keyed by its passphrase, which only the store knows).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN changes no row, so the append-only triggers do not fire
    op.add_column("audit_log", sa.Column("chain", sa.String(64), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("chain")
