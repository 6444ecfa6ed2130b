"""A write-ahead log that does not check is kept, not silently dropped.

SQLite reads a database's ``-wal`` file only while its header and frames check; a WAL whose
header was overwritten (a disk fault, a copy gone wrong, a tool that "repaired" it) is
ignored, so changes already acknowledged to the worker vanish, and the next close deletes
the evidence. Before a store is opened, a non-empty WAL whose header does not check is copied
aside into the backups folder, and the worker is told that recent changes may be missing and
where the copy is.

The WAL format (sqlite.org/fileformat2.html#walformat): a 32-byte header, magic 0x377f0682 or
0x377f0683 (checksums little- or big-endian), format 3007000, and a checksum of its first 24
bytes in its last 8. Frames after a valid header are not judged here: frames left from
before a checkpoint, or a frame torn by a crash before its commit, are normal and SQLite
leaves them out itself.
"""

from __future__ import annotations

import shutil
import struct
from datetime import UTC, datetime
from pathlib import Path

from ..i18n import _

MAGIC = (0x377F0682, 0x377F0683)
VERSION = 3007000
HEADER = 32


def _checksum(data: bytes, big_endian: bool) -> tuple[int, int]:
    words = struct.unpack((">" if big_endian else "<") + f"{len(data) // 4}I", data)
    s0 = s1 = 0
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def damage(db_path: Path) -> str | None:
    """What is wrong with the WAL beside *db_path*, or None (none, empty, or its header checks)."""
    wal = Path(f"{db_path}-wal")
    try:
        size = wal.stat().st_size
        if size == 0:
            return None
        with wal.open("rb") as fh:
            header = fh.read(HEADER)
    except OSError:
        return None
    if size < HEADER:
        return _("{name} is {size} bytes, shorter than a write-ahead log's header").format(name=wal.name, size=size)
    magic, version = struct.unpack(">II", header[:8])
    if magic not in MAGIC or version != VERSION:
        return _("{name} does not start as a write-ahead log does").format(name=wal.name)
    if _checksum(header[:24], bool(magic & 1)) != struct.unpack(">II", header[24:32]):
        return _("the header of {name} does not check").format(name=wal.name)
    return None


def keep_aside(db_path: Path, backups: Path, problem: str) -> tuple[Path, str]:
    """Copy the damaged WAL into *backups*; the copy's path and what to tell the worker."""
    wal = Path(f"{db_path}-wal")
    backups.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    copy = backups / f"{wal.name}.damaged-{stamp}"
    shutil.copy2(wal, copy)
    told = _("{problem}: the changes saved most recently (since the last checkpoint) may be missing. "
             "A copy of it is kept at {copy}; ask IT before deleting it").format(problem=problem, copy=copy)
    return copy, told
