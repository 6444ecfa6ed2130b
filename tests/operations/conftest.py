"""Fixtures for the application layer's tests: real data folders and SQLite files under tmp_path.

Nothing here imports Qt: the operations are what the window, the command line and
start-up share, and they are tested as the command line uses them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from peerdesk.domain import taxonomy as taxonomy_mod
from peerdesk.storage.store import Store
from peerdesk.workspace import Workspace

from .helpers import WORKER


@pytest.fixture(scope="session")
def taxonomy() -> taxonomy_mod.Taxonomy:
    return taxonomy_mod.load_default()


@pytest.fixture
def workspace(data_dir: Path) -> Iterator[Workspace]:
    """A data folder with its worker set, its store not opened yet."""
    ws = Workspace(data_dir)
    ws.settings.set("worker", WORKER)
    ws.settings.save()
    yield ws
    ws.close()


@pytest.fixture
def store(workspace: Workspace) -> Store:
    """The workspace's store, opened (and made) the way start-up opens it."""
    return workspace.open_store()


@pytest.fixture
def alembic_upgrade() -> Callable[[Path, str], None]:
    """Bring a file to an older *revision* with Alembic alone (as an older PeerDesk left it)."""

    def upgrade(path: Path, revision: str) -> None:
        from alembic import command
        from sqlalchemy import create_engine

        from peerdesk.storage import migrations

        cfg = migrations.config()
        engine = create_engine(f"sqlite:///{path}")
        try:
            with engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, revision)
        finally:
            engine.dispose()

    return upgrade
