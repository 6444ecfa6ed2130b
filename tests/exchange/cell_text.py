"""Hypothesis strategies for the text cells of an export: what validation accepts, often
starting with something a spreadsheet would run, or with quotes, commas and line breaks."""

from __future__ import annotations

from hypothesis import strategies as st

from peerdesk.exchange.csv_format import DANGEROUS_PREFIXES

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
