"""A full disk, a read-only drive and a damaged file are told apart, each with what to do: the
first two are not "damaged" (a worker told "damaged" restores a backup and loses the day).
Read-only commands work on a read-only drive. Needs a small tmpfs mounted for the test (root,
as in CI); skipped where mounting is not allowed."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

ADD = ("add", "--date", "2026-11-30", "--minutes", "30", "--category", "advocacy")


def peerdesk(data, *args):
    done = subprocess.run([sys.executable, "-m", "peerdesk", "--data-dir", str(data), *map(str, args)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert "Traceback" not in done.stderr
    return done


@pytest.fixture
def small_disk(tmp_path):
    """A 3 MB file system of its own, unmounted afterwards."""
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root on Linux")
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"tmpfs cannot be mounted here: {made.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(mount)], capture_output=True)
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def fill(mount) -> None:
    with open(mount / "filler", "wb") as out:
        try:
            while True:
                out.write(b"\0" * 65536)
        except OSError:
            pass


def test_a_full_disk_is_told_as_a_full_disk(small_disk):
    data = small_disk / "data"
    assert peerdesk(data, *ADD).returncode == 0
    for extra in ("peerdesk.db-wal", "peerdesk.db-shm"):
        (data / extra).unlink(missing_ok=True)
    before = (data / "peerdesk.db").read_bytes()
    fill(small_disk)
    done = peerdesk(data, *ADD)
    assert done.returncode == 1
    assert "is full" in done.stderr and "not damaged" in done.stderr and "damaged or" not in done.stderr
    assert (data / "peerdesk.db").read_bytes() == before


def test_a_read_only_drive_is_told_as_one_and_can_still_be_read_and_exported(small_disk, tmp_path):
    data = small_disk / "data"
    assert peerdesk(data, *ADD).returncode == 0
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    done = peerdesk(data, *ADD)
    assert done.returncode == 1
    assert "can only be read" in done.stderr and "not damaged" in done.stderr
    listed = peerdesk(data, "list", "--week", "2026-W49")
    assert listed.returncode == 0 and "1 entry" in listed.stdout
    assert peerdesk(data, "check").returncode == 0
    out = tmp_path / "november.csv"
    exported = peerdesk(data, "export", "--from", "2026-11-01", "--to", "2026-11-30", "--out", out)
    assert exported.returncode == 0 and out.exists()
    assert "not in the audit log" in exported.stderr  # said, not hidden


def test_a_backup_from_a_read_only_drive_is_made_and_says_it_is_not_in_the_audit_log(small_disk, tmp_path):
    data = small_disk / "data"
    assert peerdesk(data, *ADD).returncode == 0
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    out = tmp_path / "copy.db"
    done = peerdesk(data, "backup", "--out", out)
    assert done.returncode == 0 and out.exists()  # success with its file, never failure beside a file
    assert str(out) in done.stdout and "not in the audit log" in done.stderr


def test_a_passphrase_change_on_a_full_disk_says_so_and_changes_nothing(small_disk, tmp_path):
    from peerdesk.storage import crypto

    if not crypto.available():
        pytest.skip("sqlcipher3 is not installed")
    data = small_disk / "data"
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    for path, text in ((old, "first passphrase"), (new, "second passphrase")):
        path.write_text(text + "\n", "utf-8")
        path.chmod(0o600)
    assert peerdesk(data, "init", "--encrypt", "--passphrase-file", old).returncode == 0
    assert peerdesk(data, "--passphrase-file", old, *ADD).returncode == 0
    for extra in ("peerdesk.db-wal", "peerdesk.db-shm"):
        (data / extra).unlink(missing_ok=True)
    before = (data / "peerdesk.db").read_bytes()
    fill(small_disk)
    done = peerdesk(data, "--passphrase-file", old, "passphrase", "--new-passphrase-file", new)
    assert done.returncode == 1
    assert "full" in done.stderr and "does not open" not in done.stderr and "PRAGMA" not in done.stderr
    (small_disk / "filler").unlink()
    assert (data / "peerdesk.db").read_bytes() == before
    assert peerdesk(data, "--passphrase-file", old, "list", "--week", "2026-W49").returncode == 0
