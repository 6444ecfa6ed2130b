"""peerdesk.files: a written file is always either the old file or the whole new one, owner-only.

Settings, the entry draft, exports, review summaries, backups and restored
databases are all written through StagedFile, so what is shown here holds for
every one of them.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from peerdesk.files import StagedFile, copy_atomically, write_atomically


@pytest.fixture
def open_umask():
    """No umask: a file is owner-only only because the writer made it so."""
    old = os.umask(0)
    yield
    os.umask(old)


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def mode_of(path: Path) -> int:
    return os.stat(path).st_mode & 0o777


def state(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


# ------------------------------------------------------------ old until commit, whole after


def test_the_target_is_the_old_file_until_commit_and_the_whole_new_one_after(tmp_path):
    target = tmp_path / "settings.json"
    target.write_text("old settings", "utf-8")
    staged = StagedFile(target)
    assert staged.path.parent == tmp_path and staged.path != target
    staged.fh.write('{"worker": "PW-07"}')
    staged.fh.flush()
    assert target.read_text("utf-8") == "old settings"  # written, not yet in place
    assert staged.path.read_text("utf-8") == '{"worker": "PW-07"}'

    assert staged.commit() == target
    assert target.read_text("utf-8") == '{"worker": "PW-07"}'
    assert not staged.path.exists()
    assert names(tmp_path) == ["settings.json"]
    staged.discard()  # after a commit: nothing to remove, the target stays
    assert target.read_text("utf-8") == '{"worker": "PW-07"}'


def test_in_a_with_block_the_target_changes_only_when_the_block_ends(tmp_path):
    target = tmp_path / "export.csv"
    target.write_bytes(b"old export\r\n")
    with StagedFile(target, newline="") as staged:
        staged.fh.write("entry_id,worker\r\n")
        staged.fh.flush()
        assert target.read_bytes() == b"old export\r\n"
        staged.fh.write("e-1,PW-07\r\n")
    assert target.read_bytes() == b"entry_id,worker\r\ne-1,PW-07\r\n"
    assert names(tmp_path) == ["export.csv"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("a\r\nb\nZoë ✓", "a\r\nb\nZoë ✓".encode()),  # text as given: no newline translation
        (b"\x00\x01\xff binary\r\n", b"\x00\x01\xff binary\r\n"),
    ],
    ids=["text", "bytes"],
)
def test_write_atomically_writes_the_whole_content_exactly(tmp_path, content, expected):
    target = tmp_path / "out"
    target.write_bytes(b"a much longer old content that must not survive at the end " * 20)
    assert write_atomically(target, content) == target
    assert target.read_bytes() == expected
    assert names(tmp_path) == ["out"]


def test_write_atomically_uses_the_encoding_asked_for(tmp_path):
    target = tmp_path / "legacy.csv"
    write_atomically(target, "Zoë;Café", encoding="cp1252")
    assert target.read_bytes() == "Zoë;Café".encode("cp1252")


def test_two_writers_never_share_a_temporary_file(tmp_path):
    target = tmp_path / "settings.json"
    first, second = StagedFile(target), StagedFile(target)
    assert first.path != second.path
    first.fh.write("first")
    second.fh.write("second")
    first.commit()
    second.commit()
    assert target.read_text("utf-8") == "second"  # the last one whole, never a mix
    assert names(tmp_path) == ["settings.json"]


def test_a_long_target_name_still_gets_a_temporary_name_the_file_system_takes(tmp_path):
    target = tmp_path / ("weekly summary " * 16 + ".csv")[:250]
    write_atomically(target, "ok")
    assert target.read_text("utf-8") == "ok"
    assert names(tmp_path) == [target.name]


# ------------------------------------------------------------ failures leave the target as it was


@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
@pytest.mark.parametrize("existing", [True, False], ids=["replacing", "new"])
def test_an_exception_inside_the_block_leaves_the_target_and_no_temporary_file(tmp_path, error, existing):
    target = tmp_path / "draft.json"
    if existing:
        target.write_text("the old draft", "utf-8")
        before = state(target)
    with pytest.raises(error), StagedFile(target) as staged:
        staged.fh.write("half of the new dra")
        staged.fh.flush()
        raise error("interrupted")
    if existing:
        assert state(target) == before
        assert names(tmp_path) == ["draft.json"]
    else:
        assert names(tmp_path) == []


def test_a_failed_commit_removes_the_temporary_file(tmp_path):
    target = tmp_path / "report.csv"
    target.mkdir()  # something in the way that a file cannot replace
    (target / "inside").write_text("kept", "utf-8")
    with pytest.raises(OSError), StagedFile(target) as staged:
        staged.fh.write("rows")
    assert names(tmp_path) == ["report.csv"]
    assert (target / "inside").read_text("utf-8") == "kept"


def test_a_missing_folder_is_an_error_and_creates_nothing(tmp_path):
    with pytest.raises(FileNotFoundError):
        StagedFile(tmp_path / "gone" / "settings.json")
    assert names(tmp_path) == []


# ------------------------------------------------------------ owner-only from the first byte


@pytest.mark.parametrize(
    "kwargs",
    [{}, {"mode": "wb", "encoding": None}, {"mode": None}, {"mode": None, "reuse_name": True}],
    ids=["text", "bytes", "filled-by-another-writer", "reused-name"],
)
def test_the_temporary_file_is_owner_only_from_the_start(tmp_path, open_umask, kwargs):
    target = tmp_path / "peerdesk-2026-11-25.db"
    target.write_bytes(b"old")
    os.chmod(target, 0o644)
    staged = StagedFile(target, **kwargs)
    assert mode_of(staged.path) == 0o600  # before a single byte is written
    if staged.fh is not None:
        staged.fh.write(b"new" if "b" in staged.fh.mode else "new")
    else:
        staged.path.write_bytes(b"new")
    staged.commit()
    assert target.read_bytes() == b"new"
    assert mode_of(target) == 0o600  # what replaced the old file is owner-only too


# ------------------------------------------------------------ a reused name


def test_a_reused_name_removes_what_a_killed_writer_left(tmp_path, open_umask):
    target = tmp_path / "peerdesk-2026-11-25.db"
    stale = tmp_path / ".peerdesk-2026-11-25.db.peerdesk-unfinished.part"
    journal = tmp_path / ".peerdesk-2026-11-25.db.peerdesk-unfinished.part-journal"
    stale.write_bytes(b"half a backup from a copy that was killed")
    os.chmod(stale, 0o644)
    journal.write_bytes(b"its rollback journal")

    staged = StagedFile(target, mode=None, reuse_name=True)
    assert staged.path == stale
    assert stale.stat().st_size == 0 and mode_of(stale) == 0o600  # a new, empty file, not the old one
    assert not journal.exists()
    staged.path.write_bytes(b"the whole new backup")
    staged.commit()
    assert target.read_bytes() == b"the whole new backup"
    assert names(tmp_path) == ["peerdesk-2026-11-25.db"]


def test_a_reused_name_is_removed_when_the_copy_fails(tmp_path):
    target = tmp_path / "peerdesk-2026-11-25.db"
    with pytest.raises(RuntimeError), StagedFile(target, mode="wb", encoding=None, reuse_name=True) as staged:
        staged.fh.write(b"part of a copy")
        raise RuntimeError("the copy failed")
    assert names(tmp_path) == []


# ------------------------------------------------------------ copy_atomically


def test_copy_atomically_copies_every_byte(tmp_path, open_umask):
    source = tmp_path / "peerdesk.db"
    content = os.urandom(5 * (1 << 19) + 3)  # 2.5 MiB and 3 bytes: several chunks, the last one short
    source.write_bytes(content)
    target = tmp_path / "copy.db"
    target.write_bytes(b"an older copy")
    assert copy_atomically(source, target) == target
    assert target.read_bytes() == content
    assert source.read_bytes() == content
    assert mode_of(target) == 0o600
    assert names(tmp_path) == ["copy.db", "peerdesk.db"]


def test_copy_atomically_of_an_empty_file(tmp_path):
    source = tmp_path / "empty.db"
    source.write_bytes(b"")
    copy_atomically(source, tmp_path / "copy.db")
    assert (tmp_path / "copy.db").read_bytes() == b""


def test_copy_atomically_of_a_missing_source_leaves_the_target(tmp_path):
    target = tmp_path / "copy.db"
    target.write_bytes(b"an older copy")
    before = state(target)
    with pytest.raises(FileNotFoundError):
        copy_atomically(tmp_path / "gone.db", target)
    assert state(target) == before
    assert names(tmp_path) == ["copy.db"]


# ------------------------------------------------------------ leftovers of a killed writer


def aged(path, seconds=86_400):
    """As if *path* was last written *seconds* ago (by a writer killed then)."""
    then = time.time() - seconds
    os.utime(path, (then, then))
    return path


def test_the_next_writer_in_a_folder_removes_what_a_killed_one_left(tmp_path, monkeypatch):
    import peerdesk.files as files

    monkeypatch.setattr(files, "STARTED", time.time())  # this process started after the kill
    left = tmp_path / ".november.csv.peerdesk-unfinished.k3j2x9.part"
    left.write_bytes(b"163,327 rows with notes")
    aged(left)
    busy = tmp_path / ".december.csv.peerdesk-unfinished.a1b2c3.part"  # another writer, still at work
    busy.write_bytes(b"being written now")
    theirs = tmp_path / ".download.part"  # not PeerDesk's
    theirs.write_bytes(b"a browser's")
    aged(theirs)
    write_atomically(tmp_path / "report.csv", "a,b\r\n")
    assert names(tmp_path) == sorted([".december.csv.peerdesk-unfinished.a1b2c3.part", ".download.part", "report.csv"])


def test_a_start_sweeps_the_data_folder_and_its_backups(tmp_path, monkeypatch):
    import peerdesk.files as files
    from peerdesk.workspace import Workspace

    data = tmp_path / "data"
    (data / "backups").mkdir(parents=True)
    old_style = data / "backups" / ".peerdesk-manual-20261201T101010Z.db.part"
    marked = data / ".settings.json.peerdesk-unfinished.zz9.part"
    for path in (old_style, marked, data / "backups" / ".peerdesk-2026-12-01.db.part-journal"):
        path.write_bytes(b"x" * 100)
        aged(path)
    monkeypatch.setattr(files, "STARTED", time.time())
    Workspace(data).close()
    assert sorted(p.name for p in data.rglob("*") if p.is_file()) == []
