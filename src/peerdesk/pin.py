"""The PeerDesk PIN that unlocks an idle-locked window, kept only as a salted scrypt hash.

What it protects: the window's content from whoever walks up to a shared ward
computer after the worker has left it. What it does not: the database file
itself (anyone who can read the data folder can read an unencrypted store).
"""

from __future__ import annotations

import base64
import os

from .i18n import _

N, R, P = 2**14, 8, 1
MIN_LENGTH = 4


class PinError(ValueError):
    pass


def hash_pin(pin: str) -> str:
    if len(pin) < MIN_LENGTH or not pin.isdigit():
        raise PinError(_("a PIN is at least {n} digits").format(n=MIN_LENGTH))
    import hashlib  # OpenSSL (3 MB of memory) loads only when a PIN is set or checked

    salt = os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=N, r=R, p=P, dklen=32)
    return f"scrypt${N}${R}${P}${_b64(salt)}${_b64(digest)}"


def verify_pin(pin: str, stored: str) -> bool:
    import hashlib
    import hmac

    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            pin.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=len(expected)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")
