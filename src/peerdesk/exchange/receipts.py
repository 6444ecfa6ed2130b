"""A supervisor's sign-off, offline: a small signed receipt file (``FILE.receipt``) the worker
opens to see "reviewed by S. Khan on 4 Dec: comment" in the week view.

The format (UTF-8, one ``name: value`` a line in this order, each ending ``\\n``)::

    PeerDesk receipt 1
    worker: PW-07
    worker-key: 3f2a 9c01 77be 4d10        the fingerprint of the key that signed the export
    weeks: 2026-W48@2026-12-04T06:20:00+00:00   as the export's signature names them
    file-sha256: the SHA-256 of the export that was reviewed
    reviewed-by: S. Khan
    reviewed-at: 2026-12-04T09:10:00+00:00
    comment: one line, may be empty
    public-key: the supervisor's Ed25519 public key, base64
    signature: Ed25519 over the lines above, base64

A receipt is refused (one line naming the file and what is wrong; nothing changes) when it is
for another worker or another key, when a week it names was reopened since (or was never
submitted here), and when it is malformed, cut short or altered.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..i18n import _

MAGIC = "PeerDesk receipt 1"
FIELDS = ("worker", "worker-key", "weeks", "file-sha256", "reviewed-by", "reviewed-at", "comment", "public-key")


class ReceiptError(ValueError):
    pass


@dataclass(frozen=True)
class Receipt:
    worker: str
    worker_key: str
    weeks: dict[str, str]  # week -> the submit it covers
    reviewed_by: str
    reviewed_at: str
    comment: str
    supervisor_key: str  # fingerprint


def write(target: Path, *, worker: str, worker_key: str, weeks: str, file_sha256: str, by: str, comment: str,
          private: bytes, public: bytes) -> Path:
    from nacl.signing import SigningKey

    from ..files import write_atomically

    one_line = " ".join(comment.split())
    body = "".join(f"{line}\n" for line in (
        MAGIC, f"worker: {worker}", f"worker-key: {worker_key}", f"weeks: {weeks}", f"file-sha256: {file_sha256}",
        f"reviewed-by: {by}", f"reviewed-at: {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')}",
        f"comment: {one_line}", f"public-key: {base64.b64encode(public).decode()}",
    ))
    signed = SigningKey(private).sign(body.encode()).signature
    return write_atomically(target, body + f"signature: {base64.b64encode(signed).decode()}\n")


def read(path: Path) -> Receipt:
    """The receipt at *path*, its signature checked; ReceiptError naming the file (and line)."""
    from nacl.exceptions import BadSignatureError
    from nacl.signing import VerifyKey

    from .signatures import fingerprint

    try:
        lines = path.read_bytes().decode("utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReceiptError(_("{file}: cannot be read as text ({why})").format(file=path, why=exc)) from None
    if lines[0] != MAGIC:
        raise ReceiptError(_("{file}:1: not a PeerDesk receipt (the first line must be '{magic}')").format(
            file=path, magic=MAGIC))
    values: dict[str, str] = {}
    for n, name in enumerate((*FIELDS, "signature"), start=2):
        line = lines[n - 1] if n - 1 < len(lines) else ""
        if not line.startswith(f"{name}: ") and line != f"{name}:":
            raise ReceiptError((_("{file}:{line}: expected '{name}: …'") if line else
                                _("{file}:{line}: expected '{name}: …' (the file is cut short)")).format(
                file=path, line=n, name=name))
        values[name] = line[len(name) + 2:]
    body = "".join(f"{line}\n" for line in lines[:len(FIELDS) + 1])
    try:
        public = base64.b64decode(values["public-key"], validate=True)
        VerifyKey(public).verify(body.encode(), base64.b64decode(values["signature"], validate=True))
    except (ValueError, BadSignatureError):  # (a key or signature of the wrong length: ValueError)
        raise ReceiptError(_("{file}: the signature does not match the receipt's lines (altered or cut)").format(
            file=path)) from None
    weeks = dict(token.split("@", 1) for token in values["weeks"].split() if "@" in token)
    return Receipt(values["worker"], values["worker-key"], weeks, values["reviewed-by"], values["reviewed-at"],
                   values["comment"], fingerprint(public))
