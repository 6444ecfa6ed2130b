"""packaging/icu_data.py: the smaller ICU data library of the Linux bundle answers Qt's calls
as the whole one does for English and French (and packaging/elf.py, which reads the libraries)."""

from __future__ import annotations

import importlib
import os
import shutil
import struct
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"


@pytest.fixture(scope="module")
def icu_data():
    sys.path.insert(0, str(PACKAGING))
    try:
        yield importlib.import_module("icu_data")
    finally:
        sys.path.remove(str(PACKAGING))


def _qt_lib() -> Path | None:
    try:
        import PySide6
    except ImportError:
        return None
    lib = Path(PySide6.__file__).parent / "Qt" / "lib"
    return lib if sys.platform.startswith("linux") and any(lib.glob("libicudata.so.*")) else None


def _item(payload: bytes) -> bytes:
    """A data item as ICU writes one: its own 32-byte header, then the payload."""
    return struct.pack("<HBB", 32, 0xDA, 0x27) + bytes(28) + payload


def _header() -> bytes:
    info = struct.pack("<HHBBBB4s4s4s", 20, 0, 0, 0, 2, 0, b"CmnD", bytes([1, 0, 0, 0]), bytes(4))
    header = struct.pack("<HBB", 32, 0xDA, 0x27) + info
    return header + bytes(32 - len(header))


def test_a_package_reads_back_as_written(icu_data):
    items = [("icudt73l/root.res", _item(b"r" * 5)), ("icudt73l/coll/fr.res", _item(b"f" * 40)),
             ("icudt73l/zoneinfo64.res", _item(b"z"))]
    blob = icu_data.write_package(_header(), items)
    header, read = icu_data.read_package(blob)
    assert header == _header()
    assert [name for name, _data in read] == sorted(name for name, _data in items)  # ICU's binary search
    for name, data in read:
        assert data.rstrip(b"\xaa") == dict(items)[name].rstrip(b"\xaa")
        assert blob.index(data) % 16 == 0
    assert icu_data.write_package(header, read) == blob


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("icudt73l/root.res", True), ("icudt73l/fr_CA.res", True), ("icudt73l/en_001.res", True),
        ("icudt73l/coll/fr.res", True), ("icudt73l/coll/ucadata.icu", True), ("icudt73l/zone/en_GB.res", True),
        ("icudt73l/zoneinfo64.res", True), ("icudt73l/likelySubtags.res", True), ("icudt73l/pool.res", True),
        ("icudt73l/coll/res_index.res", True), ("icudt73l/cnvalias.icu", True),
        ("icudt73l/de.res", False), ("icudt73l/coll/zh.res", False), ("icudt73l/zone/ja.res", False),
        ("icudt73l/brkitr/line.brk", False), ("icudt73l/brkitr/cjdict.dict", False),
        ("icudt73l/translit/root.res", False), ("icudt73l/unames.icu", False), ("icudt73l/rfc3491.spp", False),
    ],
)
def test_what_is_kept(icu_data, name, kept):
    assert (icu_data.why_dropped(name, _item(b"")) is None) is kept


@pytest.mark.skipif(_qt_lib() is None, reason="needs PySide6's ICU data library (Linux)")
def test_elf_reads_qt_core():
    sys.path.insert(0, str(PACKAGING))
    try:
        elf = importlib.import_module("elf")
    finally:
        sys.path.remove(str(PACKAGING))
    core = next(_qt_lib().glob("libQt6Core.so.*"))
    assert any(name.startswith("libicuuc.so.") for name in elf.needed(core))
    assert elf.soname(core).startswith("libQt6Core.so.")


@pytest.mark.skipif(_qt_lib() is None, reason="needs PySide6's ICU data library (Linux)")
@pytest.mark.skipif(shutil.which(os.environ.get("CC", "cc")) is None, reason="needs a C compiler")
def test_the_smaller_library_answers_as_the_whole_one(icu_data, tmp_path):
    """The proof the spec runs at every build: collation, time zone names and IDs, converters
    and case mapping answer alike for English, French and the root; the multi-byte converters
    are gone."""
    full = next(_qt_lib().glob("libicudata.so.*"))
    small = tmp_path / full.name
    whole, kept, left_out = icu_data.make_small_library(full, small)  # raises on any difference
    assert kept < 5_000_000 < 25_000_000 < whole
    soname, symbol, blob = icu_data.read_library(small)
    assert (soname, symbol, len(blob)) == (full.name, f"icudt{full.name.rsplit('.', 1)[1]}_dat", kept)
    names = {name.split("/", 1)[1] for name, _data in icu_data.read_package(blob)[1]}
    assert {"coll/fr.res", "coll/ucadata.icu", "zone/fr.res", "zoneinfo64.res", "ibm-5348_P100-1997.cnv"} <= names
    assert not names & {"coll/de.res", "brkitr/cjdict.dict", "ibm-943_P15A-2003.cnv"}
    assert left_out["multi-byte converters"] > 0
