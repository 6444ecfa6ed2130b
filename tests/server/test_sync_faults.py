"""The sync's faults, a few of each (the long loops: tests/faults/sync_faults.py): `peerdesk sync`
killed with SIGKILL part-way, and the server stopped with `pg_ctl stop -m immediate` during
syncs; after the next syncs the server and every PC hold the same entries, none twice."""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "faults"))
from sync_faults import Loop, kill_loop, stop_loop


@pytest.fixture
def own_cluster(cluster):
    """A cluster of this test's own (it is stopped and started again), beside the session's."""
    from pgcluster import Cluster

    folder = Path(tempfile.mkdtemp(prefix="peerdesk-pg-"))
    made = Cluster(folder, cluster.bin)
    made.port = cluster.port + 1
    yield made.start()
    made.stop("immediate")
    shutil.rmtree(folder, ignore_errors=True)


def test_a_killed_sync_or_a_stopped_server_loses_nothing_and_doubles_nothing(own_cluster, tmp_path, monkeypatch):
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass"))  # Loop writes it; kept out of the next tests
    loop = Loop(tmp_path, own_cluster, random.Random(7))
    tries, survived, _hits = kill_loop(loop, 3)
    assert survived == tries
    # a stop that came after all three syncs had ended tested nothing: again (the stops come 0.38,
    # 0.61, 0.49, 0.28 and 0.48 s after the syncs' start with this seed; a sync of a few entries, start-up
    # included, can be over within 0.4 s)
    for _ in range(5):
        tries, survived, hits = stop_loop(loop, 1)
        assert survived == tries
        if hits:
            break
    assert hits == 1
