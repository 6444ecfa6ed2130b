"""A backup or an export killed midway leaves its unfinished file; the next start of PeerDesk
(for the data folder and its backups) and the next export into that folder (for the export's
folder) remove it, once it is older than the running process. Nothing unfinished stays behind,
not even an export that holds notes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from peerdesk import demo

KILLED_EXPORT = textwrap.dedent("""
    import os, signal, sys
    from datetime import date
    from pathlib import Path
    from peerdesk.exchange.csv_export import export_entries
    from peerdesk.workspace import Workspace
    ws = Workspace(sys.argv[1])
    def progress(done, total):
        if done > total // 2:
            os.kill(os.getpid(), signal.SIGKILL)  # killed halfway through the rows
        return True
    export_entries(ws.open_store(), ws.taxonomy, date(2020, 1, 1), date(2026, 12, 31), Path(sys.argv[2]),
                   include_notes=True, progress=progress)
""")

KILLED_BACKUP = textwrap.dedent("""
    import os, signal, sys
    from peerdesk.storage import backups
    from peerdesk.operations.safekeeping import back_up_now
    from peerdesk.workspace import Workspace
    ws = Workspace(sys.argv[1])
    def killed(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)  # the copy is written, not yet checked nor renamed
    backups.check_file = killed
    back_up_now(ws.open_store())
""")


def unfinished(folder):
    return sorted(p.name for p in folder.rglob("*") if p.name.startswith(".") and ".part" in p.name)


def age_all(folder, seconds=86_400):
    then = time.time() - seconds
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, (then, then))


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_backups_and_exports_leave_nothing_after_the_next_start(tmp_path, cli):
    data, outbox = tmp_path / "data", tmp_path / "outbox"
    outbox.mkdir()
    demo.create_demo_folder(data, weeks=26)
    for n in range(3):
        for code in (KILLED_EXPORT, KILLED_BACKUP):
            done = subprocess.run([sys.executable, "-c", code, str(data), str(outbox / f"export-{n}.csv")],
                                  capture_output=True, text=True, timeout=120, check=False)
            assert done.returncode == -signal.SIGKILL, done.stderr[-500:]
    left_in_data = unfinished(data)
    left_in_outbox = unfinished(outbox)
    assert len(left_in_outbox) == 3 and all("peerdesk-unfinished" in n for n in left_in_outbox)
    assert len(left_in_data) >= 1  # the unfinished backups (one name is reused within a second)

    age_all(tmp_path)  # minutes later, PeerDesk starts again
    assert subprocess.run([sys.executable, "-m", "peerdesk", "--data-dir", str(data), "list"],
                          capture_output=True, timeout=60, check=False).returncode == 0
    assert unfinished(data) == []
    assert unfinished(outbox) == left_in_outbox  # the start looks only in its own folders
    assert cli("export", "--data-dir", data, "--from", "2026-01-01", "--to", "2026-12-31",
               "--out", outbox / "december.csv").code == 0  # the next export into that folder
    assert unfinished(outbox) == []
    assert sorted(p.name for p in outbox.iterdir()) == ["december.csv"]
