"""A smaller ICU data library for the Linux bundle: ICU's data for the languages PeerDesk speaks.

Qt's Linux libraries use ICU, whose data library (``libicudata.so.73`` in PySide6 6.11) holds
one 32 MB blob, ``icudt73_dat``, with the data of every language. Qt calls four parts of ICU
(``nm -D --undefined-only libQt6Core.so.6``): collation (``ucol_*``, QCollator), case mapping
(``u_strToUpper``/``u_strToLower``: built into ICU's code, no data), calendars and time zones
(``ucal_*``: QTimeZone's names and IDs) and converters (``ucnv_*``: QStringConverter's encodings
beyond UTF-8/16/32 and Latin-1). PeerDesk speaks English and French, and sets QLocale's default
to one of them at start-up (``app.install_qt_language``), so:

- every data item not tied to a language is kept (the time zone database, likely subtags,
  calendars' supplemental data, numbering systems, plural rules, collation's root table, …),
  except the trees and files no Qt call reaches: break iterators and their dictionaries
  (``brkitr``: Qt finds text boundaries with its own tables), transliteration, spelled-out
  numbers (``rbnf``), measurement units, the names of currencies, languages and regions
  (a time zone's names are in the ``zone`` tree), character names, confusables, StringPrep
  and IDNA profiles (Qt has its own IDNA) and the NFKC tables (Qt normalises with its own);
- of the data per language (locales, collation, time zone names), only the root's,
  English's and French's are kept (``en``, ``en_GB``, ``fr_CA``, … with their parents);
  another language's collation or zone names fall back to the root's;
- of the converters, the single-byte ones (ISO-8859-*, Windows-125x, Mac, DOS and EBCDIC code
  pages) are kept; the multi-byte East Asian ones (Shift-JIS, EUC, GB 18030, Big5, KS C and
  the ISO-2022 and COMPOUND_TEXT tables) are left out. PeerDesk reads files with Python's own
  codecs (UTF-8 and Windows-1252), never with Qt's.

:func:`probe` calls those ICU functions through ctypes, and :func:`verify` checks that they
answer the same with the smaller data as with the whole for English, French and the root
(the spec fails the build otherwise). The new library is the same shared object Qt links to:
soname ``libicudata.so.73``, one exported symbol ``icudt73_dat``, made by the C compiler
(``cc``, or ``$CC``) from the filtered blob with ``.incbin``.

    python packaging/icu_data.py LIBICUDATA [OUT]    # what is kept and left out; write OUT

Linux only: the spec calls it for the Linux bundle, on the library PySide6's Linux wheel ships.
"""

from __future__ import annotations

import json
import os
import re
import struct
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import elf  # packaging/elf.py: this folder is on sys.path (as a script, in the spec, in the tests)

LANGUAGES = ("en", "fr")  # the languages PeerDesk speaks (resources/locale); with "root", every tree's fallback

# Trees and files that none of the ICU functions Qt calls reads: break iterators, transliteration,
# spelled-out numbers, units, and the names of currencies, languages and regions.
DROPPED_TREES = ("brkitr", "translit", "rbnf", "unit", "curr", "lang", "region")
DROPPED_FILES = (
    "unames.icu",  # character names (u_charName)
    "confusables.cfu",  # spoof checking (uspoof)
    "uts46.nrm", "nfkc.nrm", "nfkc_cf.nrm",  # IDNA and NFKC normalisation: Qt has its own
    "ulayout.icu", "uemoji.icu",  # Indic layout and emoji properties (u_hasBinaryProperty)
)
DROPPED_SUFFIXES = (".spp",)  # StringPrep profiles (usprep: IDNA 2003, LDAP, XMPP, …)

_LOCALE = re.compile(r"(root|[a-z]{2,3}(_[A-Za-z0-9]*)*)")
_NOT_LOCALES = {"res_index", "pool"}  # each tree's index and shared key pool: kept


# --------------------------------------------------------------------------- the common data blob


def read_package(blob: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """(header, [(name, data)]) of an ICU common data package (format "CmnD", what
    ``icupkg`` writes and ``icudt73_dat`` holds): a data header, then a table of contents
    (count; name and data offsets from the table's start), the names, the items."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", blob, 0)
    if (magic1, magic2) != (0xDA, 0x27) or blob[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    if blob[8] != 0:  # UDataInfo.isBigEndian
        raise ValueError("a big-endian ICU package")
    (count,) = struct.unpack_from("<I", blob, header_size)
    entries = [struct.unpack_from("<II", blob, header_size + 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_offset, data_offset) in enumerate(entries):
        start = header_size + name_offset
        name = blob[start : blob.index(b"\0", start)].decode("ascii")
        end = header_size + entries[i + 1][1] if i + 1 < count else len(blob)
        items.append((name, blob[header_size + data_offset : end]))
    return blob[:header_size], items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """The package holding *items* (in ICU's order: sorted by name, as its binary search
    needs), each item's data 16-byte aligned, as icupkg lays them out."""
    items = sorted(items, key=lambda item: item[0].encode("ascii"))
    if len(header) % 16:
        raise ValueError("the package header is not 16-byte aligned")
    names = b"".join(name.encode("ascii") + b"\0" for name, _data in items)
    toc_size = 4 + 8 * len(items)
    data_start = _align16(len(header) + toc_size + len(names)) - len(header)
    toc = [struct.pack("<I", len(items))]
    body = []
    name_offset, data_offset = toc_size, data_start
    for name, data in items:
        toc.append(struct.pack("<II", name_offset, data_offset))
        name_offset += len(name) + 1
        padded = data + _PAD * (_align16(len(data)) - len(data))
        body.append(padded)
        data_offset += len(padded)
    out = header + b"".join(toc) + names
    return out + _PAD * (len(header) + data_start - len(out)) + b"".join(body)


_PAD = b"\xaa"  # what icupkg pads with


def _align16(n: int) -> int:
    return (n + 15) & ~15


# --------------------------------------------------------------------------- what is kept


def _is_locale(base: str) -> bool:
    return base not in _NOT_LOCALES and _LOCALE.fullmatch(base) is not None


def _converter_max_bytes(data: bytes) -> int:
    """maxBytesPerChar of a converter table (.cnv): UConverterStaticData after the header."""
    (header_size,) = struct.unpack_from("<H", data, 0)
    return data[header_size + 4 + 60 + 4 + 3]  # structSize, name[60], codepage, platform, type, min, max


def why_dropped(name: str, data: bytes) -> str | None:
    """Why the item *name* ("icudt73l/coll/fr.res") is left out, or None when it is kept."""
    parts = name.split("/")[1:]
    tree = parts[0] if len(parts) > 1 else ""
    file = parts[-1]
    base, _, suffix = file.rpartition(".")
    if tree in DROPPED_TREES:
        return f"{tree}/"
    if not tree and (file in DROPPED_FILES or file.endswith(DROPPED_SUFFIXES)):
        return file
    if suffix == "res" and _is_locale(base) and base != "root" and base.split("_")[0] not in LANGUAGES:
        return f"{tree or 'locales'}: other languages"
    if suffix == "cnv" and _converter_max_bytes(data) > 1:
        return "multi-byte converters"
    return None


def filter_package(blob: bytes) -> tuple[bytes, Counter, Counter]:
    """The package without what PeerDesk's Qt never reads, with the bytes kept and left out
    by reason."""
    header, items = read_package(blob)
    kept, dropped = [], Counter()
    kept_sizes = Counter()
    for name, data in items:
        reason = why_dropped(name, data)
        if reason is None:
            kept.append((name, data))
            parts = name.split("/")[1:]
            kept_sizes[parts[0] + "/" if len(parts) > 1 else parts[-1].rpartition(".")[2]] += len(data)
        else:
            dropped[reason] += len(data)
    return write_package(header, kept), kept_sizes, dropped


# --------------------------------------------------------------------------- the shared library


def read_library(path: Path) -> tuple[str, str, bytes]:
    """(soname, data symbol, package) of an ICU data library such as libicudata.so.73."""
    symbol, blob = elf.exported_data(path, r"icudt\d+_dat")
    return elf.soname(path), symbol, blob


def build_library(package: bytes, soname: str, symbol: str, out: Path) -> None:
    """A shared library *soname* exporting *symbol*: the package, read-only, 16-byte aligned."""
    compiler = os.environ.get("CC", "cc")
    with tempfile.TemporaryDirectory(prefix="peerdesk-icu-") as tmp:
        dat = Path(tmp) / "icudata.dat"
        dat.write_bytes(package)
        asm = Path(tmp) / "icudata.S"
        asm.write_text(
            f'\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign 16\n{symbol}:\n'
            f'\t.incbin "{dat}"\n\t.size {symbol}, . - {symbol}\n\t.section .note.GNU-stack,"",@progbits\n',
            encoding="ascii",
        )
        try:
            subprocess.run([compiler, "-shared", "-nostdlib", f"-Wl,-soname,{soname}", "-o", str(out), str(asm)],
                           check=True, capture_output=True, text=True)
        except FileNotFoundError:
            raise RuntimeError(f"no C compiler ({compiler}) to make {soname}: install gcc "
                               "(Debian/Ubuntu: apt-get install gcc), or set CC") from None
        except subprocess.CalledProcessError as exc:
            raise RuntimeError(f"{compiler} could not make {soname}: {exc.stderr.strip()}") from None


# --------------------------------------------------------------------------- proof: the same answers

PROBED_LOCALES = ("", "root", "en", "en_US", "en_GB", "en_CA", "en_AU", "en_US_POSIX", "en-GB",
                  "fr", "fr_FR", "fr_CA", "fr_BE", "fr_CH", "fr-CA")
WORDS = ["cote", "côte", "coté", "côté", "Côte", "cotée", "eau", "Élodie", "élan", "Eve", "Ève", "zèbre",
         "œuvre", "Œdipe", "oeuvre", "ça", "cab", "Ça", "naïf", "naive", "Zoé", "zoo", "10", "9", "a-b", "ab",
         "straße", "strasse", "Ærø", "résumé", "resume", "ﬁn", "fin", "Ångström", "Angstrom", "x y", "xy"]
ZONES = ("Europe/Paris", "America/Montreal", "America/Toronto", "America/New_York", "America/Vancouver",
         "Europe/London", "Europe/Brussels", "Europe/Zurich", "Australia/Sydney", "Asia/Tokyo", "Africa/Abidjan",
         "Pacific/Noumea", "Indian/Reunion", "America/Martinique", "UTC", "Etc/GMT+5")
ZONE_ALIASES = ("US/Eastern", "Canada/Eastern", "Europe/Kiev", "Asia/Calcutta", "GMT", "Zulu", "EST5EDT")
CONVERTERS_KEPT = ("windows-1252", "ISO-8859-1", "ISO-8859-15", "macintosh", "IBM850", "IBM437", "IBM863",
                   "windows-1250", "windows-1251", "KOI8-R", "ISO-8859-2", "US-ASCII", "UTF-8", "UTF-16LE",
                   "UTF-7", "SCSU", "ibm-37")
CONVERTERS_LEFT_OUT = ("Shift_JIS", "EUC-JP", "GB18030", "GBK", "Big5", "EUC-KR", "ISO-2022-JP", "EUC-TW")
CONVERTER_TEXT = "Émilie a noté « 5 h ½ » — ça coûte 12 € ; Œuvre façade naïve"


def probe() -> dict[str, object]:
    """What the ICU functions Qt calls answer, in this process (whose libicudata is the one to
    probe: load it first, by path, with RTLD_GLOBAL, so libicuuc and libicui18n find it by soname)."""
    import ctypes
    import functools

    qt_lib = Path(os.environ["PEERDESK_ICU_LIBS"])
    uc = ctypes.CDLL(str(next(qt_lib.glob("libicuuc.so.*"))))
    i18n = ctypes.CDLL(str(next(qt_lib.glob("libicui18n.so.*"))))
    version = next(qt_lib.glob("libicuuc.so.*")).name.rsplit(".", 1)[1]

    def fn(lib, name, restype, *argtypes):
        f = getattr(lib, f"{name}_{version}")
        f.restype, f.argtypes = restype, list(argtypes)
        return f

    status_t = ctypes.POINTER(ctypes.c_int)
    u16 = ctypes.POINTER(ctypes.c_uint16)
    error_name = fn(uc, "u_errorName", ctypes.c_char_p, ctypes.c_int)

    def ustr(text: str):
        units = text.encode("utf-16-le")
        return (ctypes.c_uint16 * (len(units) // 2 + 1)).from_buffer_copy(units + b"\0\0"), len(units) // 2

    def text_of(buf, n: int) -> str:
        return bytes(ctypes.string_at(buf, 2 * n)).decode("utf-16-le")

    def err(status) -> str:
        return error_name(status.value).decode()

    out: dict[str, object] = {}

    ucol_open = fn(i18n, "ucol_open", ctypes.c_void_p, ctypes.c_char_p, status_t)
    ucol_close = fn(i18n, "ucol_close", None, ctypes.c_void_p)
    ucol_strcoll = fn(i18n, "ucol_strcoll", ctypes.c_int, ctypes.c_void_p, u16, ctypes.c_int32, u16, ctypes.c_int32)
    ucol_key = fn(i18n, "ucol_getSortKey", ctypes.c_int32, ctypes.c_void_p, u16, ctypes.c_int32,
                  ctypes.c_char_p, ctypes.c_int32)
    ucol_set = fn(i18n, "ucol_setAttribute", None, ctypes.c_void_p, ctypes.c_int, ctypes.c_int, status_t)
    for loc in PROBED_LOCALES:
        for numeric in (False, True):
            status = ctypes.c_int(0)
            coll = ucol_open(loc.encode(), ctypes.byref(status))
            key = f"collation {loc or '(default)'}{' numeric' if numeric else ''}"
            if not coll:
                out[key] = err(status)
                continue
            if numeric:  # as QCollator::setNumericMode, for the file dialog's natural sort
                ucol_set(coll, 7, 17, ctypes.byref(status))  # UCOL_NUMERIC_COLLATION, UCOL_ON
            words = {w: ustr(w) for w in WORDS}

            def cmp(a: str, b: str, coll=coll, words=words) -> int:
                (ba, na), (bb, nb) = words[a], words[b]
                return ucol_strcoll(coll, ba, na, bb, nb)

            order = sorted(WORDS, key=functools.cmp_to_key(cmp))
            keys = []
            for w in ("côte", "Élodie", "œuvre"):
                buf, n = words[w]
                size = ucol_key(coll, buf, n, None, 0)
                res = ctypes.create_string_buffer(size)
                ucol_key(coll, buf, n, res, size)
                keys.append(res.raw.hex())
            out[key] = {"status": err(status), "order": order, "keys": keys}
            ucol_close(coll)

    ucal_open = fn(i18n, "ucal_open", ctypes.c_void_p, u16, ctypes.c_int32, ctypes.c_char_p, ctypes.c_int, status_t)
    ucal_close = fn(i18n, "ucal_close", None, ctypes.c_void_p)
    ucal_name = fn(i18n, "ucal_getTimeZoneDisplayName", ctypes.c_int32, ctypes.c_void_p, ctypes.c_int,
                   ctypes.c_char_p, u16, ctypes.c_int32, status_t)
    ucal_canonical = fn(i18n, "ucal_getCanonicalTimeZoneID", ctypes.c_int32, u16, ctypes.c_int32, u16,
                        ctypes.c_int32, ctypes.POINTER(ctypes.c_int8), status_t)
    result = (ctypes.c_uint16 * 256)()
    for zone in ZONES + ZONE_ALIASES:
        buf, n = ustr(zone)
        status, system = ctypes.c_int(0), ctypes.c_int8(0)
        m = ucal_canonical(buf, n, result, 256, ctypes.byref(system), ctypes.byref(status))
        out[f"zone id {zone}"] = [text_of(result, m), system.value, err(status)]
    for loc in PROBED_LOCALES:
        for zone in ZONES:
            buf, n = ustr(zone)
            status = ctypes.c_int(0)
            cal = ucal_open(buf, n, loc.encode(), 0, ctypes.byref(status))  # UCAL_DEFAULT, as QTimeZone
            names = [err(status)]
            for kind in range(4):  # standard, short standard, daylight, short daylight
                status = ctypes.c_int(0)
                m = ucal_name(cal, kind, loc.encode(), result, 256, ctypes.byref(status))
                names.append(text_of(result, m) if status.value <= 0 else err(status))
            ucal_close(cal)
            out[f"zone names {loc or '(default)'} {zone}"] = names

    ucnv_open = fn(uc, "ucnv_open", ctypes.c_void_p, ctypes.c_char_p, status_t)
    ucnv_close = fn(uc, "ucnv_close", None, ctypes.c_void_p)
    ucnv_name = fn(uc, "ucnv_getName", ctypes.c_char_p, ctypes.c_void_p, status_t)
    ucnv_from = fn(uc, "ucnv_fromUChars", ctypes.c_int32, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int32, u16,
                   ctypes.c_int32, status_t)
    ucnv_to = fn(uc, "ucnv_toUChars", ctypes.c_int32, ctypes.c_void_p, u16, ctypes.c_int32, ctypes.c_char_p,
                 ctypes.c_int32, status_t)
    for name in CONVERTERS_KEPT + CONVERTERS_LEFT_OUT:
        status = ctypes.c_int(0)
        cnv = ucnv_open(name.encode(), ctypes.byref(status))
        if not cnv:
            out[f"converter {name}"] = err(status)
            continue
        buf, n = ustr(CONVERTER_TEXT)
        encoded = ctypes.create_string_buffer(1024)
        m = ucnv_from(cnv, encoded, 1024, buf, n, ctypes.byref(status))
        back = (ctypes.c_uint16 * 1024)()
        k = ucnv_to(cnv, back, 1024, encoded, m, ctypes.byref(status))
        out[f"converter {name}"] = [ucnv_name(cnv, ctypes.byref(status)).decode(), encoded.raw[:m].hex(),
                                    text_of(back, k), err(status)]
        ucnv_close(cnv)

    upper = fn(uc, "u_strToUpper", ctypes.c_int32, u16, ctypes.c_int32, u16, ctypes.c_int32, ctypes.c_char_p, status_t)
    lower = fn(uc, "u_strToLower", ctypes.c_int32, u16, ctypes.c_int32, u16, ctypes.c_int32, ctypes.c_char_p, status_t)
    for loc in ("", "en", "fr", "fr_CA", "tr", "lt", "el", "nl"):
        buf, n = ustr("Élodie a noté «ïi» ǆ ß ﬁ İstanbul ΌΣΟΣ")
        cases = []
        for f in (upper, lower):
            status = ctypes.c_int(0)
            m = f(result, 256, buf, n, loc.encode(), ctypes.byref(status))
            cases.append(text_of(result, m))
        out[f"case {loc or '(default)'}"] = cases
    return out


def _probe_with(library: Path, qt_lib: Path) -> dict[str, object]:
    """probe() in a fresh interpreter whose libicudata is *library*."""
    code = ("import ctypes, json, sys; ctypes.CDLL(sys.argv[1], mode=ctypes.RTLD_GLOBAL); "
            "sys.path.insert(0, sys.argv[2]); import icu_data; print(json.dumps(icu_data.probe()))")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "TZ": "UTC",
           "PEERDESK_ICU_LIBS": str(qt_lib)}
    done = subprocess.run([sys.executable, "-c", code, str(library), str(Path(__file__).resolve().parent)],
                          capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"probing ICU with {library} failed: {done.stderr.strip()}")
    return json.loads(done.stdout)


def verify(full: Path, small: Path) -> list[str]:
    """The probes whose answers differ between the whole data library *full* and *small*
    (beside it are libicuuc and libicui18n): none but the converters left out, or a list of
    differences."""
    qt_lib = full.parent
    before, after = _probe_with(full, qt_lib), _probe_with(small, qt_lib)
    differences = []
    for key, value in before.items():
        if key.startswith("converter ") and key.split(" ", 1)[1] in CONVERTERS_LEFT_OUT:
            if not str(after.get(key, "")).startswith("U_"):
                differences.append(f"{key}: still converts with the smaller data")
            continue
        if after.get(key) != value:
            differences.append(f"{key}: {value!r} became {after.get(key)!r}")
    return differences


def make_small_library(full: Path, out: Path, *, check: bool = True) -> tuple[int, int, Counter]:
    """Write the smaller copy of the ICU data library *full* to *out*; verify it (check):
    (bytes of data before, after, bytes left out by reason)."""
    soname, symbol, blob = read_library(full)
    small, _kept, dropped = filter_package(blob)
    build_library(small, soname, symbol, out)
    if check:
        differences = verify(full, out)
        if differences:
            raise RuntimeError("the smaller ICU data answers differently:\n  " + "\n  ".join(differences[:20]))
    return len(blob), len(small), dropped


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    full = Path(argv[0])
    _soname, _symbol, blob = read_library(full)
    small, kept, dropped = filter_package(blob)
    mb = 1e6
    print(f"{full}: {len(blob) / mb:.1f} MB of data, {len(small) / mb:.1f} MB kept")
    print("kept:")
    for what, size in kept.most_common():
        print(f"  {size / mb:6.2f} MB  {what}")
    print("left out:")
    for why, size in dropped.most_common():
        print(f"  {size / mb:6.2f} MB  {why}")
    if len(argv) > 1:
        make_small_library(full, Path(argv[1]))
        print(f"wrote {argv[1]} (same answers for {', '.join(LANGUAGES)} and the root)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
