"""Alembic environment of the team server: PeerDesk passes an open connection in."""

from alembic import context

from peerdesk.storage.server_migrations import SCHEMA

connection = context.config.attributes["connection"]
context.configure(connection=connection, version_table_schema=SCHEMA, include_schemas=True)
with context.begin_transaction():
    context.run_migrations()
