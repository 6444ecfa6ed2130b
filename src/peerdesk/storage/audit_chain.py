"""The audit log as a chain: each line carries a hash of itself and of the line before it.

A line changed, removed from the middle or inserted out of order breaks the chain from that
line on, and ``peerdesk check`` says which line and how. The database's own triggers refuse
UPDATE and DELETE on the log; their absence is reported too. In an encrypted store the hash
is an HMAC under a key derived from the store's key, so nobody without the passphrase can
forge a line whose hash fits. In a plain store anyone who can write the file could recompute
the chain: there it shows edits made by hand or by another tool, not by someone determined
(encryption is the answer to that).

What a chain cannot show: the newest lines cut off the end. Each line's time must also not
run backwards (a back-dated line inserted at the end is reported).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from ..i18n import _

START = "0" * 64  # the hash "before" the first line
COLUMNS = "id, at, worker, action, entry_id, detail, account"
TRIGGERS = ("audit_log_no_update", "audit_log_no_delete")


def chain_key(cipher_key: bytes | None) -> bytes | None:
    """The HMAC key of an encrypted store's chain (None for a plain store)."""
    if cipher_key is None:
        return None
    import hashlib  # (OpenSSL, 5 ms: loaded at the first line written or checked, not at the start)

    return hashlib.sha256(b"peerdesk audit chain\0" + cipher_key).digest()


def link(previous: str, row: Iterable[object], key: bytes | None) -> str:
    """The hash of one line (its columns in COLUMNS' order) after *previous*."""
    import hashlib
    import hmac

    text = json.dumps([None if v is None else str(v) for v in row], ensure_ascii=False, separators=(",", ":"))
    message = previous.encode("ascii") + text.encode("utf-8")
    if key is None:
        return hashlib.sha256(message).hexdigest()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class ChainReport:
    lines: int
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(conn, key: bytes | None) -> ChainReport:
    """Walk the whole log on *conn* (any DB-API connection to the store) and report what is wrong."""
    problems: list[str] = []
    triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    missing = [t for t in TRIGGERS if t not in triggers]
    if missing:
        problems.append(_("the triggers that keep the audit log append-only are gone ({triggers})").format(
            triggers=", ".join(missing)))
    previous, last_id, last_at, lines = START, 0, "", 0
    for *row, chain in conn.execute(f"SELECT {COLUMNS}, chain FROM audit_log ORDER BY id"):
        lines += 1
        line_id, at = row[0], str(row[1])
        if line_id != last_id + 1:
            if line_id == last_id + 2:
                problems.append(_("line {line} of the audit log is missing").format(line=last_id + 1))
            else:
                problems.append(_("lines {first}–{last} of the audit log are missing").format(
                    first=last_id + 1, last=line_id - 1))
        expected = link(previous, row, key)
        if chain != expected:
            problems.append(_("line {line} of the audit log ({action}, {at}) was changed or written by another "
                              "program: its hash does not follow from the lines before it").format(
                line=line_id, action=row[3], at=at))
            expected = chain or expected  # go on from what is there: one change is reported once
        if at < last_at:
            problems.append(_("line {line} of the audit log is dated {at}, before the line above it ({before})")
                            .format(line=line_id, at=at, before=last_at))
        previous, last_id, last_at = expected, line_id, max(last_at, at)
        if len(problems) >= 20:
            problems.append(_("(and possibly more: the check stopped at {count} problems)").format(count=20))
            break
    return ChainReport(lines, tuple(problems))


def seal_unchained(conn, key: bytes | None) -> int:
    """Give every line that has no hash yet (written before the chain existed) its hash, in order.
    Only for the upgrade that adds the chain: the append-only triggers are set aside for it and
    put back in the same transaction. Returns the number of lines sealed."""
    rows = list(conn.execute(f"SELECT {COLUMNS}, chain FROM audit_log ORDER BY id"))
    if not any(chain == "" for *_row, chain in rows):
        return 0
    conn.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    previous, sealed = START, 0
    for *row, chain in rows:
        if chain == "":
            chain = link(previous, row, key)
            conn.execute("UPDATE audit_log SET chain = ? WHERE id = ?", (chain, row[0]))
            sealed += 1
        previous = chain
    conn.execute(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    )
    return sealed
