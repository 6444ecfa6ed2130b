"""What a text file parsed into, kept beside the data so the next start need not parse it again.

The taxonomy's TOML (the built-in file and an organisation's) is parsed at every start, before
the week can be shown: 6 ms of pure-Python parsing for the built-in file on a ward computer, where
reading the same data back from JSON takes a fortieth of that. A :class:`ParseCache` keeps, per
source, the parsed data with the length and two checksums (CRC-32 and Adler-32) of the text it
came from; :meth:`ParseCache.get` gives the data back only for that very text, so an edited or
upgraded file is parsed again, whatever its time stamps say.

What was parsed is written by :meth:`ParseCache.save`, which the workspace calls once its store
has opened: a folder whose database is refused is left as it was found.

The cache is only ever a shortcut: a file that cannot be read, is not JSON or does not hold what
is expected counts as empty; data that JSON cannot hold (TOML dates) is not kept; a cache that
cannot be written is left as it was. Errors in the text are the parser's to find and report, so
only what parsed is kept.
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path
from typing import Any

FORMAT = 1


def fingerprint(text: str) -> list[int]:
    """The text's length and checksums: a cached result is used only for the same three."""
    raw = text.encode("utf-8", "surrogatepass")
    return [len(raw), zlib.crc32(raw), zlib.adler32(raw)]


class ParseCache:
    """Parsed data per source name, kept in the JSON file at *path*."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._entries: dict[str, Any] | None = None
        self._changed = False

    def _read(self) -> dict[str, Any]:
        if self._entries is None:
            try:
                found = json.loads(self.path.read_bytes())
            except (OSError, ValueError):
                found = None
            ok = isinstance(found, dict) and found.get("format") == FORMAT and isinstance(found.get("sources"), dict)
            self._entries = dict(found["sources"]) if ok else {}
        return self._entries

    def get(self, source: str, text: str) -> dict[str, Any] | None:
        """The data *text* parsed into when it was kept under *source*; None when not kept for this text."""
        entry = self._read().get(source)
        if isinstance(entry, dict) and entry.get("text") == fingerprint(text) and isinstance(entry.get("data"), dict):
            return entry["data"]
        return None

    def put(self, source: str, text: str, data: dict[str, Any]) -> None:
        """Keep *data*, parsed from *text*, under *source*, to be written by :meth:`save`."""
        self._read()[source] = {"text": fingerprint(text), "data": data}
        self._changed = True

    def save(self) -> None:
        """Write what :meth:`put` kept since the file was read (nothing when nothing was put). Data
        that JSON cannot hold is left out; a file that cannot be written is left as it was."""
        if not self._changed:
            return
        self._changed = False
        entries = self._read()
        for source, entry in list(entries.items()):
            try:
                json.dumps(entry, allow_nan=False)
            except (TypeError, ValueError):  # a TOML date or time, say: parsed again next time
                del entries[source]
        body = json.dumps({"format": FORMAT, "sources": entries}, ensure_ascii=False)
        from .files import StagedFile

        try:
            with StagedFile(self.path) as staged:
                assert staged.fh is not None
                staged.fh.write(body)
        except OSError:  # a read-only folder: the shortcut is lost, nothing else
            pass
