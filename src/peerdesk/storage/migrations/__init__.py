"""Alembic migrations of the PeerDesk database.

``HEAD`` names the newest revision so the store can tell, with one cheap
query, whether a file needs upgrading before it imports Alembic at all.
A test keeps it equal to Alembic's own head.
"""

HEAD = "0002"
SCRIPT_LOCATION = "peerdesk.storage:migrations"
