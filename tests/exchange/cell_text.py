"""Hypothesis strategies for the text cells of an export: what validation accepts, often
starting with something a spreadsheet would run, or with quotes, commas and line breaks;
and the free fields of an entry drawn with them (:data:`ENTRY_TEXT_FIELDS`)."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from peerdesk.domain.entry import MAX_CLIENT_REF, MAX_NOTE, MAX_WORKER
from peerdesk.exchange.csv_format import DANGEROUS_PREFIXES

TODAY = dt.date(2030, 1, 1)  # validation's today for the drawn entries: every drawn day is before it

# What validate() lets through: no control characters but line breaks and tabs in notes, none at
# all in client refs and worker names. Surrogates cannot be stored as UTF-8 and are left out.
_NOT_STORED = {"Cs"}
_CONTROLS = [chr(c) for c in range(32)] + ["\x7f"]
note_chars = st.characters(
    codec="utf-8", exclude_categories=_NOT_STORED, exclude_characters=[c for c in _CONTROLS if c not in "\t\n\r"]
)
line_chars = st.characters(codec="utf-8", exclude_categories=_NOT_STORED, exclude_characters=_CONTROLS)
risky = st.sampled_from(
    [*DANGEROUS_PREFIXES, "'", "''", "'=", '"', ",", " ", "\r\n", "=SUM(A1)", "=cmd|' /C calc'!A0", "-1", "+1", "@x"]
)


def cell_text(chars, max_size: int):
    """Text of at most *max_size* characters drawn from *chars*, often with risky pieces in it."""
    plain = st.text(chars, max_size=max_size)
    prefixed = st.tuples(risky, plain).map(lambda t: (t[0] + t[1])[:max_size])
    mixed = st.lists(st.one_of(risky, plain), max_size=6).map(lambda parts: "".join(parts)[:max_size])
    return st.one_of(plain, prefixed, mixed)


# note, client ref, worker, day and start of an entry, for @given(**ENTRY_TEXT_FIELDS, ...)
ENTRY_TEXT_FIELDS = {
    "note": cell_text(note_chars, MAX_NOTE),
    "client_ref": cell_text(line_chars, MAX_CLIENT_REF),
    "worker": cell_text(line_chars, MAX_WORKER),
    "day": st.dates(min_value=dt.date(2000, 1, 1), max_value=TODAY),
    "start": st.one_of(st.none(), st.times().map(lambda t: t.replace(second=0, microsecond=0))),
}
