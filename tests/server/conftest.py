"""A real PostgreSQL for the team server's tests: one throwaway cluster for the session (see
pgcluster.py), a fresh database for each test, set up with `peerdesk server init`. Worker and
supervisor roles log in with passwords that libpq reads from a password file the tests write,
as a PC would. Without PostgreSQL's binaries these tests skip, unless PEERDESK_REQUIRE_POSTGRES
is set (CI sets it: there they must run)."""

from __future__ import annotations

import itertools
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from pgcluster import (
    PASSWORD,
    Cluster,
    binaries,
)

_databases = itertools.count(1)


@pytest.fixture(scope="session")
def cluster():
    bin_dir = binaries()
    if bin_dir is None:
        if os.environ.get("PEERDESK_REQUIRE_POSTGRES"):
            pytest.fail("PostgreSQL's binaries are missing (Debian: apt-get install postgresql)")
        pytest.skip("no PostgreSQL binaries under /usr/lib/postgresql")
    # not under pytest's temporary folder: that is its user's alone, and the server runs as postgres
    folder = Path(tempfile.mkdtemp(prefix="peerdesk-pg-"))
    running = Cluster(folder, bin_dir).start()
    yield running
    running.stop("immediate")
    shutil.rmtree(folder, ignore_errors=True)


class Server:
    """One test's database: its admin URL, and the URLs of the roles made in it."""

    def __init__(self, cluster: Cluster, name: str, passfile: Path) -> None:
        self.cluster, self.name, self.passfile = cluster, name, passfile
        self.admin = cluster.create_database(name)

    def url(self, role: str) -> str:
        return self.cluster.url(role, self.name)

    def add(self, kind: str, role: str, team: str) -> str:
        from peerdesk.teamserver import admin

        admin.add_member(self.admin, role, team, kind, PASSWORD)
        with self.passfile.open("a") as fh:  # host:port:database:user:password, as libpq reads it
            fh.write(f"*:*:{self.name}:{role.replace(':', chr(92) + ':')}:{PASSWORD}\n")
        return self.url(role)


@pytest.fixture
def server(cluster, tmp_path, monkeypatch):
    from peerdesk.teamserver import admin

    passfile = tmp_path / "pgpass"
    passfile.touch(mode=0o600)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    made = Server(cluster, f"peerdesk_{os.getpid()}_{next(_databases)}", passfile)
    admin.init(made.admin)
    return made


@pytest.fixture
def pcs(tmp_path):
    """Two ward PCs of one worker (test_sync.PC), each with its own data folder, closed afterwards."""
    from test_sync import PC

    made = [PC(tmp_path / "ward-a"), PC(tmp_path / "ward-b")]
    yield made
    for pc in made:
        pc.close()
