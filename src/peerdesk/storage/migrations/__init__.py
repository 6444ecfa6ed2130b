"""Alembic migrations of the PeerDesk database.

``HEAD`` names the newest revision so the store can tell, with one cheap
query, whether a file needs upgrading before it imports Alembic at all.
A test keeps it equal to Alembic's own head.
"""

from __future__ import annotations

from typing import Any

HEAD = "0007"
SCRIPT_LOCATION = "peerdesk.storage:migrations"


def script_directory() -> Any:
    """Alembic's view of PeerDesk's migrations (imports Alembic: only when a file is not at HEAD)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(config())


def config() -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    return cfg


def is_known(revision: str) -> bool:
    """Whether this PeerDesk's migrations know *revision*; an unknown one is a newer PeerDesk's."""
    if revision == HEAD:
        return True
    try:
        script_directory().get_revision(revision)
    except Exception:  # noqa: BLE001 - Alembic raises its own error types for an unknown revision
        return False
    return True
