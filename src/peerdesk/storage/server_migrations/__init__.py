"""Alembic migrations of the team server's schema (PostgreSQL), a history of their own beside the
local file's (:mod:`..migrations`): the same entry columns, and what only a server has (owners,
teams, versions, row-level security, the append-only audit table). Everything lives in the
schema ``peerdesk``, the version table too."""

from __future__ import annotations

from typing import Any

SCHEMA = "peerdesk"
SCRIPT_LOCATION = "peerdesk.storage:server_migrations"


def config() -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    return cfg
