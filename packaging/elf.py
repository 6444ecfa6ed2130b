"""Reading Linux shared libraries (64-bit little-endian ELF) for the spec and icu_data.py:
the libraries one names itself (DT_NEEDED), its soname, and the bytes of an exported symbol.

PyInstaller's own ``get_imports`` asks ``ldd``, which lists every library a file needs
through others too, the system's included: pruning with it would keep the libraries only a
library taken from the system needs (libsystemd behind libdbus, libXau behind libxcb).
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

SHT_DYNAMIC, SHT_DYNSYM = 6, 11
DT_NEEDED, DT_SONAME = 1, 14


def _sections(elf: bytes) -> list[tuple[int, int, int, int, int]]:
    """(type, address, offset, size, link) of each section."""
    if elf[:4] != b"\x7fELF" or elf[4] != 2 or elf[5] != 1:
        raise ValueError("not a 64-bit little-endian ELF file")
    (shoff,) = struct.unpack_from("<Q", elf, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", elf, 0x3A)
    out = []
    for i in range(shnum):
        _name, kind, _flags, addr, offset, size, link = struct.unpack_from("<IIQQQQI", elf, shoff + i * shentsize)
        out.append((kind, addr, offset, size, link))
    return out


def _cstr(elf: bytes, at: int) -> str:
    return elf[at : elf.index(b"\0", at)].decode("utf-8", "replace")


def _dynamic(elf: bytes) -> list[tuple[int, str]]:
    """The string entries of the dynamic section: (DT_NEEDED or DT_SONAME, name)."""
    sections = _sections(elf)
    out = []
    for kind, _addr, offset, size, link in sections:
        if kind != SHT_DYNAMIC:
            continue
        strtab = sections[link][2]
        for at in range(offset, offset + size, 16):
            tag, value = struct.unpack_from("<qQ", elf, at)
            if tag in (DT_NEEDED, DT_SONAME):
                out.append((tag, _cstr(elf, strtab + value)))
    return out


def needed(path: str | Path) -> list[str]:
    """The libraries *path* names itself (DT_NEEDED), not those they need in turn."""
    return [name for tag, name in _dynamic(Path(path).read_bytes()) if tag == DT_NEEDED]


def soname(path: str | Path) -> str:
    return next((name for tag, name in _dynamic(Path(path).read_bytes()) if tag == DT_SONAME), Path(path).name)


def exported_data(path: str | Path, pattern: str) -> tuple[str, bytes]:
    """(name, bytes) of the first exported symbol whose name matches *pattern* in full."""
    elf = Path(path).read_bytes()
    sections = _sections(elf)
    for kind, _addr, offset, size, link in sections:
        if kind != SHT_DYNSYM:
            continue
        strtab = sections[link][2]
        for at in range(offset, offset + size, 24):
            st_name, _info, _other, shndx, value, sym_size = struct.unpack_from("<IBBHQQ", elf, at)
            name = _cstr(elf, strtab + st_name)
            if shndx and re.fullmatch(pattern, name):
                _kind, addr, sec_offset, _size, _link = sections[shndx]
                start = value - addr + sec_offset
                return name, elf[start : start + sym_size]
    raise ValueError(f"{path} exports no symbol matching {pattern}")
