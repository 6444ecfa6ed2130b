"""signing key: the worker's Ed25519 key pair, kept inside the store

Made at the first submitted week; it signs the exports of submitted weeks. Inside the store, so
an encrypted store keeps it encrypted and a backup keeps it with the record it signs.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "signing_key",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("private", sa.LargeBinary, nullable=False),  # raw 32 bytes
        sa.Column("public", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.CheckConstraint("id = 1", name="one_key"),
    )


def downgrade() -> None:
    op.drop_table("signing_key")
