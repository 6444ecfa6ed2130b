"""Encryption at rest with SQLCipher (the ``sqlcipher3`` package, which bundles its own,
current SQLite).

The passphrase never reaches SQL. A 256-bit key is derived from it with scrypt
and a random 16-byte salt; SQLCipher is given the key and the salt as a raw hex
key (``x'<key><salt>'``: hex digits only), and stores the salt in the first 16
bytes of the database file. So the file carries its own salt, no other file is
needed to open it, and the same passphrase always gives the same key for it.
A forgotten passphrase cannot be recovered: there is no other copy of the key.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from ..i18n import _

SALT_BYTES = 16
KEY_BYTES = 32
# scrypt cost: about 0.1 s here, 32 MiB of memory
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
SQLITE_MAGIC = b"SQLite format 3\x00"


class CryptoError(Exception):
    pass


class WrongPassphrase(CryptoError):
    pass


def available() -> bool:
    try:
        import sqlcipher3  # noqa: F401
    except ImportError:
        return False
    return True


def dbapi():
    try:
        import sqlcipher3
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise CryptoError(_("encryption needs the sqlcipher3 package, which is not installed")) from exc
    return sqlcipher3


@dataclass(frozen=True)
class Cipher:
    key: bytes
    salt: bytes

    def __repr__(self) -> str:  # never print a key
        return "Cipher(<hidden>)"

    @classmethod
    def new(cls, passphrase: str) -> Cipher:
        salt = os.urandom(SALT_BYTES)
        return cls(derive_key(passphrase, salt), salt)

    @classmethod
    def for_file(cls, path: Path, passphrase: str) -> Cipher:
        """The cipher of an existing encrypted file: its salt is the file's first 16 bytes."""
        with path.open("rb") as fh:
            salt = fh.read(SALT_BYTES)
        if len(salt) != SALT_BYTES:
            raise CryptoError(_("{path} is too short to be an encrypted PeerDesk database").format(path=path))
        return cls(derive_key(passphrase, salt), salt)

    def pragma_value(self) -> str:
        """``x'…'``: hex digits only, so nothing a person typed is ever part of the SQL."""
        return f"x'{self.key.hex()}{self.salt.hex()}'"

    def matches(self, passphrase: str) -> bool:
        import hmac

        return hmac.compare_digest(derive_key(passphrase, self.salt), self.key)


def derive_key(passphrase: str, salt: bytes) -> bytes:
    if not passphrase:
        raise CryptoError(_("the passphrase is empty"))
    import hashlib  # OpenSSL (3 MB of memory) loads only for an encrypted store

    return hashlib.scrypt(
        passphrase.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, maxmem=64 * 1024 * 1024,
        dklen=KEY_BYTES,
    )


def looks_encrypted(path: Path) -> bool:
    """Starts like SQLCipher's pages: no plain SQLite header, and bytes that look random
    (a text file or a block of zeros is not an encrypted database)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(512)
    except OSError:
        return False
    return len(head) == 512 and not head.startswith(SQLITE_MAGIC) and len(set(head)) > 128


def connect(path: Path, mode: str, cipher: Cipher, *, timeout: float = 10.0, check: bool = True):
    """A sqlcipher3 connection opened with *cipher*; WrongPassphrase when the key does not fit."""
    sqlcipher3 = dbapi()
    conn = sqlcipher3.connect(
        f"file:{quote(str(path))}?mode={mode}", uri=True, isolation_level=None, check_same_thread=False,
        timeout=timeout,
    )
    with contextlib.suppress(sqlcipher3.Error):
        conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is reported by us, once
    conn.execute(f'PRAGMA key = "{cipher.pragma_value()}"')
    if check:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError as exc:
            conn.close()
            if "not a database" in str(exc):  # SQLITE_NOTADB: the first page does not decrypt with this key
                raise WrongPassphrase(_("the passphrase does not open {path}; nothing was changed").format(
                    path=path)) from None
            # the key fits (the first page decrypts and its HMAC holds) but the file is cut or damaged
            raise CryptoError(_("{path} is damaged ({why}); it was not changed").format(path=path, why=exc)) from None
    return conn


def export_copy(src_path: Path, target: Path, cipher: Cipher, target_cipher: Cipher | None = None) -> None:
    """An encrypted, consistent copy of *src_path* at *target* (same key and salt, or *target_cipher*'s)."""
    conn = connect(src_path, "ro", cipher)
    into = target_cipher or cipher
    try:
        conn.execute(f"ATTACH DATABASE ? AS copy KEY \"{into.pragma_value()}\"", (str(target),))
        conn.execute("SELECT sqlcipher_export('copy')")
        version = conn.execute("PRAGMA main.user_version").fetchone()[0]
        conn.execute(f"PRAGMA copy.user_version = {int(version)}")
        app_id = conn.execute("PRAGMA main.application_id").fetchone()[0]
        conn.execute(f"PRAGMA copy.application_id = {int(app_id)}")
        conn.execute("DETACH DATABASE copy")
    finally:
        conn.close()


def rekey(path: Path, old: Cipher, passphrase: str) -> Cipher:
    """Change the passphrase: same salt, a new key. The caller holds the write lock and has
    closed its own connections.

    The database is copied under the new key beside it, the copy checked, and renamed over
    the old file in one step: killed at any moment, the store is whole under exactly one of
    the two passphrases (SQLCipher's own ``PRAGMA rekey`` rewrites the file in place, and a
    kill late in it left a journal that a read-only open cannot roll back). Committed changes
    still in the WAL are moved into the file first, so no WAL of the old key stays beside
    the new file."""
    from ..files import StagedFile

    new = Cipher(derive_key(passphrase, old.salt), old.salt)
    conn = connect(path, "rw", old)
    try:
        busy, _frames, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        conn.close()
    wal = Path(f"{path}-wal")
    if busy or (wal.exists() and wal.stat().st_size):
        raise CryptoError(_("{path} is in use by another program; the passphrase was not changed, try again").format(
            path=path))
    try:
        with StagedFile(path, mode=None) as staged:
            export_copy(path, staged.path, old, new)
            check = connect(staged.path, "ro", new)
            try:
                result = check.execute("PRAGMA quick_check").fetchone()[0]
            finally:
                check.close()
            if result != "ok":
                raise CryptoError(_("the copy under the new passphrase did not check ({why}); nothing was "
                                    "changed").format(why=result))
    except OSError as exc:
        raise CryptoError(_os_reason(exc, path)) from None
    except dbapi().Error as exc:
        raise CryptoError(_sqlite_reason(exc, path)) from None
    return new


def _os_reason(exc: OSError, path: Path) -> str:
    import errno

    if exc.errno == errno.ENOSPC:
        return _disk_full(path)
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return _("{folder} cannot be written ({why}); the passphrase was not changed").format(
            folder=path.parent, why=exc.strerror)
    return _("the passphrase was not changed: {why}").format(why=exc.strerror or exc)


def _disk_full(path: Path) -> str:
    return _("the disk holding {folder} is full; the passphrase was not changed (free some space and try "
             "again)").format(folder=path.parent)


def _sqlite_reason(exc: Exception, path: Path) -> str:
    name = getattr(exc, "sqlite_errorname", "")
    if name == "SQLITE_FULL" or "database or disk is full" in str(exc):
        return _disk_full(path)
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN")):
        return _("{folder} cannot be written; the passphrase was not changed").format(folder=path.parent)
    return _("the passphrase was not changed: {why}").format(why=exc)


def plain_connect(path: Path, mode: str = "ro") -> sqlite3.Connection:
    return sqlite3.connect(f"file:{quote(str(path))}?mode={mode}", uri=True)
