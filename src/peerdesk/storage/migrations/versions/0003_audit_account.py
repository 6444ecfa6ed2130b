"""audit log: the operating-system account beside the worker code

The worker column holds the worker code the user chose in PeerDesk; the account
is the login the computer was used under (on a shared ward PC, often one
account for several workers). Lines written before this revision have an empty
account.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN changes no row, so the append-only triggers do not fire
    op.add_column("audit_log", sa.Column("account", sa.String(80), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("account")
