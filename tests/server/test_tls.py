"""The team server over TLS with `sslmode=verify-full`, as the README tells IT to set it up: a
PC that trusts the organisation's certificate authority syncs; one given another authority
refuses to talk to the server, and says so."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
from datetime import date
from pathlib import Path

import pytest
from pgcluster import PASSWORD, Cluster

from peerdesk.domain.entry import validate
from peerdesk.domain.taxonomy import load_default
from peerdesk.operations import entries as ops
from peerdesk.operations import syncing
from peerdesk.teamserver import admin
from peerdesk.teamserver.connection import ServerError
from peerdesk.workspace import Workspace


def openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def authority(folder: Path, name: str) -> Path:
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{name}.key", "-out", f"{name}.crt",
            "-days", "2", "-subj", f"/CN=PeerDesk test {name}", cwd=folder)
    return folder / f"{name}.crt"


@pytest.fixture
def tls_server(cluster, tmp_path, monkeypatch):
    if shutil.which("openssl") is None:
        pytest.skip("no openssl to make the certificates")
    folder = Path(tempfile.mkdtemp(prefix="peerdesk-pg-"))
    certs = folder / "certs"
    certs.mkdir()
    ca = authority(certs, "ca")
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
            "-subj", "/CN=localhost", cwd=certs)
    (certs / "san.ext").write_text("subjectAltName=DNS:localhost,IP:127.0.0.1\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "server.crt", "-days", "2", "-extfile", "san.ext", cwd=certs)
    (certs / "server.key").chmod(0o600)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    made = Cluster(folder, cluster.bin)
    made.port = port
    made.options = (f"-c listen_addresses=127.0.0.1 -c ssl=on -c ssl_cert_file={certs / 'server.crt'} "
                    f"-c ssl_key_file={certs / 'server.key'}")
    made.hba = "hostssl all all 127.0.0.1/32 scram-sha-256\n"
    if made.as_root:
        for path in certs.iterdir():
            shutil.chown(path, "postgres")
        shutil.chown(certs, "postgres")
    made.start()
    admin_url = made.create_database("peerdesk")
    admin.init(admin_url)
    admin.add_member(admin_url, "pw01", "north", "worker", PASSWORD)
    passfile = tmp_path / "pgpass"
    passfile.write_text(f"*:*:peerdesk:pw01:{PASSWORD}\n")
    passfile.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    other = authority(tmp_path, "other")
    yield port, ca, other
    made.stop("immediate")
    shutil.rmtree(folder, ignore_errors=True)


def test_a_pc_that_trusts_the_authority_syncs_one_that_does_not_refuses(tls_server, tmp_path):
    port, ca, other = tls_server
    ws = Workspace(tmp_path / "ward")
    store = ws.open_store()
    try:
        ops.add_entry(store, validate({"worker": "PW01", "date": date(2026, 11, 23), "minutes": 30,
                                       "category": "advocacy"}, load_default(), today=date(2026, 11, 25)))
        wrong = f"postgresql://pw01@localhost:{port}/peerdesk?sslmode=verify-full&sslrootcert={other}"
        with pytest.raises(ServerError, match=r"cannot reach the team server: .*certificate verify failed"):
            syncing.sync_now(store, wrong)
        assert syncing.waiting(store) == 1  # nothing went anywhere
        right = f"postgresql://pw01@localhost:{port}/peerdesk?sslmode=verify-full&sslrootcert={ca}"
        assert syncing.sync_now(store, right).sent == 1
    finally:
        ws.close()
