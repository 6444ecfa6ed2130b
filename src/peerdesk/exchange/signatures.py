"""Detached signatures of exports (``FILE.csv.sig``): what a supervisor checks to know a file
is the one a worker submitted, unchanged.

The format (UTF-8 text, one ``name: value`` a line, in this order, each line ending ``\\n``)::

    PeerDesk signature 1
    file: pw-07-2026-11.csv
    sha256: 64 hex digits of the file's bytes
    worker: PW-07
    weeks: 2026-W47@2026-11-30T09:12:00+00:00 2026-W48@2026-12-04T06:20:00+00:00
    public-key: the worker's Ed25519 public key, 32 bytes in base64
    signed-at: 2026-12-04T06:30:00+00:00
    signature: Ed25519 over the lines above (their bytes, as written), in base64

Each week is named with the moment it was submitted: a week reopened and submitted again is
another submit, which a supervisor's receipt for the first does not cover.

The fingerprint of a key (``peerdesk key --show``) is the first 16 hex digits of the SHA-256 of
its 32 bytes, in groups of four: ``3f2a 9c01 77be 4d10``.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..i18n import _

MAGIC = "PeerDesk signature 1"
FIELDS = ("file", "sha256", "worker", "weeks", "public-key", "signed-at")

INTACT, CHANGED, UNKNOWN_KEY, UNSIGNED, BAD = "intact", "changed", "unknown key", "not signed", "bad signature file"


class SignatureError(ValueError):
    """A signature file that cannot be read: the message names the file and the line."""


def fingerprint(public: bytes) -> str:
    digest = hashlib.sha256(public).hexdigest()[:16]
    return " ".join(digest[i:i + 4] for i in range(0, 16, 4))


def signature_path(path: Path) -> Path:
    return path.with_name(path.name + ".sig")


def sign(path: Path, *, private: bytes, public: bytes, worker: str, weeks: list[str]) -> Path:
    """Write *path*'s signature beside it (atomically, owner-only); its path."""
    from nacl.signing import SigningKey

    from ..files import StagedFile

    body = "".join(f"{line}\n" for line in (
        MAGIC,
        f"file: {path.name}",
        f"sha256: {hashlib.sha256(path.read_bytes()).hexdigest()}",
        f"worker: {worker}",
        f"weeks: {' '.join(weeks)}",
        f"public-key: {base64.b64encode(public).decode()}",
        f"signed-at: {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')}",
    ))
    signed = SigningKey(private).sign(body.encode()).signature
    target = signature_path(path)
    out = StagedFile(target, newline="")
    assert out.fh is not None
    out.fh.write(body + f"signature: {base64.b64encode(signed).decode()}\n")
    out.finish()
    out.commit()
    return target


@dataclass(frozen=True)
class Verdict:
    kind: str  # intact, changed, unknown key, not signed, bad signature file
    worker: str = ""
    weeks: str = ""
    message: str = ""

    @property
    def refused(self) -> bool:
        """Rows a review leaves out unless the supervisor accepts them."""
        return self.kind in (CHANGED, BAD)


def read(sig: Path) -> dict[str, str]:
    """The fields of a signature file, or SignatureError naming the file and line."""
    try:
        text = sig.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise SignatureError(_("{file}: not UTF-8 text").format(file=sig)) from None
    lines = text.split("\n")
    if not lines or lines[0] != MAGIC:
        raise SignatureError(_("{file}:1: not a PeerDesk signature (the first line must be '{magic}')").format(
            file=sig, magic=MAGIC))
    fields: dict[str, str] = {}
    for n, name in enumerate((*FIELDS, "signature"), start=2):
        line = lines[n - 1] if n - 1 < len(lines) else ""
        if not line.startswith(f"{name}: "):
            raise SignatureError((_("{file}:{line}: expected '{name}: …'") if line else
                                  _("{file}:{line}: expected '{name}: …' (the file is cut short)")).format(
                file=sig, line=n, name=name))
        fields[name] = line[len(name) + 2:]
    fields["_body"] = "".join(f"{line}\n" for line in lines[:len(FIELDS) + 1])
    return fields


def verify(path: Path, trusted: Mapping[str, str]) -> Verdict:
    """*path* against the signature beside it; *trusted* maps fingerprints to worker names."""
    sig = signature_path(path)
    if not sig.exists():
        return Verdict(UNSIGNED, message=_("not signed"))
    from nacl.exceptions import BadSignatureError
    from nacl.signing import VerifyKey

    try:
        fields = read(sig)
        public = base64.b64decode(fields["public-key"], validate=True)
        signature = base64.b64decode(fields["signature"], validate=True)
        VerifyKey(public).verify(fields["_body"].encode(), signature)
    except SignatureError as exc:
        return Verdict(BAD, message=str(exc))
    except (ValueError, BadSignatureError):  # (a key or signature of the wrong length: ValueError)
        return Verdict(BAD, message=_("{file}: the signature does not match its own lines (altered or cut)").format(
            file=sig))
    worker, weeks = fields["worker"], fields["weeks"]
    if fields["file"] != path.name:
        return Verdict(BAD, worker, weeks, _("{file}: signs {signed}, not {name}").format(
            file=sig, signed=fields["file"], name=path.name))
    known = trusted.get(fingerprint(public))
    if hashlib.sha256(path.read_bytes()).hexdigest() != fields["sha256"]:
        return Verdict(CHANGED, worker, weeks, _("changed after {worker} signed it").format(worker=worker))
    if known is None:
        return Verdict(UNKNOWN_KEY, worker, weeks,
                       _("signed by an unknown key ({fingerprint}), which says it is {worker}'s").format(
                           fingerprint=fingerprint(public), worker=worker))
    if known != worker:
        return Verdict(UNKNOWN_KEY, worker, weeks, _("signed with {known}'s key but names {worker}").format(
            known=known, worker=worker))
    names = " ".join(token.split("@")[0] for token in weeks.split())
    return Verdict(INTACT, worker, weeks, _("signed by {worker} and intact (weeks {weeks})").format(
        worker=worker, weeks=names))
