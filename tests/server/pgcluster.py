"""A throwaway PostgreSQL cluster in a temporary folder, on a Unix socket only, for the team
server's tests and benchmarks. Debian's binaries (``/usr/lib/postgresql/*/bin``); as root it runs
as the ``postgres`` user, because PostgreSQL refuses to run as root. The superuser ``postgres``
connects without a password (it sets the server up, as IT would); every other role must give
its password (SCRAM), read by libpq from the password file the tests write.

    python tests/server/pgcluster.py DIR     # start one and print its admin URL (stop: pg_ctl -D DIR/data stop)
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PASSWORD = "correct horse 7"  # the test roles' password, in the password file the tests write


def binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(found[-1]).parent if found else None


class Cluster:
    def __init__(self, folder: Path, bin_dir: Path) -> None:
        self.folder, self.bin = folder, bin_dir
        self.data, self.socket = folder / "data", folder / "sock"
        self.port = 5432
        self.as_root = os.geteuid() == 0
        self.options = ""  # more server options (TLS, a TCP address)
        self.hba = ""  # more lines for pg_hba.conf

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = ["runuser", "-u", "postgres", "--", *args] if self.as_root else list(args)
        return subprocess.run(cmd, check=check, capture_output=True, text=True, timeout=120)

    def start(self) -> Cluster:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.socket.mkdir(exist_ok=True)
        if self.as_root:
            os.chmod(self.folder, 0o755)
            shutil.chown(self.folder, "postgres")
            shutil.chown(self.socket, "postgres")
        if not (self.data / "PG_VERSION").exists():
            self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
                      "-E", "UTF8", "--no-locale")
            hba = "local all postgres trust\nlocal all all scram-sha-256\n" + self.hba
            (self.data / "pg_hba.conf").write_text(hba)
        listen = "" if "listen_addresses" in self.options else "-c listen_addresses=''"
        options = f"-k {self.socket} {listen} -p {self.port} -c fsync=on {self.options}"
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options,
                  "-l", str(self.folder / "server.log"), "-w", "start")
        return self

    def stop(self, mode: str = "fast") -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def url(self, user: str = "postgres", database: str = "peerdesk") -> str:
        return f"postgresql://{user}@/{database}?host={self.socket}&port={self.port}"

    def create_database(self, name: str = "peerdesk") -> str:
        self._run(str(self.bin / "createdb"), "-h", str(self.socket), "-p", str(self.port), "-U", "postgres", name)
        return self.url(database=name)


if __name__ == "__main__":
    bin_dir = binaries()
    if bin_dir is None:
        sys.exit("no PostgreSQL binaries under /usr/lib/postgresql")
    cluster = Cluster(Path(sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp()), bin_dir).start()
    print(cluster.create_database())
