"""The worker's signing key (Ed25519, with PyNaCl: libsodium), kept in the store (0007) as raw bytes."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store import Store


def public_key(store: Store) -> bytes | None:
    rows = store._rows("SELECT public FROM signing_key WHERE id = 1")
    return bytes(rows[0][0]) if rows else None


def key_pair(store: Store) -> tuple[bytes, bytes]:
    """(private, public) raw bytes; made and kept the first time (one transaction, audited)."""
    rows = store._rows("SELECT private, public FROM signing_key WHERE id = 1")
    if rows:
        return bytes(rows[0][0]), bytes(rows[0][1])
    from nacl.signing import SigningKey

    key = SigningKey.generate()
    private, public = bytes(key), bytes(key.verify_key)  # the 32-byte seed and public key of RFC 8032
    with store._write() as conn:
        conn.execute("INSERT INTO signing_key (id, private, public, created_at) VALUES (1, ?, ?, ?)",
                     (private, public, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")))
        from ..exchange.signatures import fingerprint

        store._audit(conn, "key", None, f"signing key made: {fingerprint(public)}")
    return private, public
