"""A file opened twice, found without keeping every file's bytes: size and CRC-32 pick the
files that may be the same, and their bytes decide."""

from __future__ import annotations

import shutil
import zlib

from peerdesk.exchange.review import read_files

SAME = "is the same file as"


def test_files_alike_in_size_and_crc_but_not_in_bytes_are_both_read(team_exports, tmp_path, monkeypatch):
    t = team_exports
    path = t.entry_paths[0]
    raw = path.read_bytes()
    other = tmp_path / "other.csv"
    other.write_bytes(raw[:-3] + (b"x\r\n" if raw[-3:] != b"x\r\n" else b"y\r\n"))  # same size, one byte apart
    monkeypatch.setattr(zlib, "crc32", lambda data, value=0: 0)  # every file alike in CRC-32
    result = read_files([path, other], t.taxonomy)
    assert not [p for p in result.problems if SAME in p.message]
    assert str(other) in result.kinds


def test_a_copy_is_found_when_the_first_file_is_gone(team_exports, tmp_path):
    t = team_exports
    first, copy = tmp_path / "first.csv", tmp_path / "copy.csv"
    shutil.copyfile(t.entry_paths[0], first)
    shutil.copyfile(t.entry_paths[0], copy)

    def gone(done: int, total: int) -> bool:
        if done == 1:
            first.unlink()  # cannot be read again: its size and CRC-32 decide
        return True

    result = read_files([first, copy], t.taxonomy, progress=gone)
    assert [str(p) for p in result.problems] == [
        f"{copy}:1:(file): is the same file as {first}, opened twice; its rows are counted once"
    ]
