"""Reaching the team server: a libpq URL (``postgresql://PW-07@db.example.org/peerdesk?sslmode=verify-full``)
that names the role and never holds a password. The password comes from the libpq password file
(``~/.pgpass``, or ``%APPDATA%\\postgresql\\pgpass.conf`` on Windows, or the file ``PGPASSFILE``
names), which libpq itself reads: no secret in PeerDesk's settings, its arguments or its memory
longer than a connection takes."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from ..i18n import _

CONNECT_TIMEOUT_S = 5


class ServerError(Exception):
    """The server cannot be used: the message says why and what to do. *usage*: the fault is in
    what was given (the URL, the password), not in the server (a command line exits 2 for it)."""

    def __init__(self, message: str, *, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage


class ServerRefused(ServerError):
    """The server refused something this role may not do (row-level security, grants)."""


def check_url(url: str) -> str:
    """*url* if it is a PostgreSQL URL without a password; otherwise ServerError."""
    parts = urlsplit(url)
    if parts.scheme not in ("postgresql", "postgres"):
        raise ServerError(_("{url} is not a PostgreSQL URL; write postgresql://ROLE@HOST/DATABASE").format(url=repr(url)),
                          usage=True)
    if parts.password is not None or "password=" in parts.query:
        raise ServerError(_("the server URL holds a password; take it out and put it in the libpq password file "
                            "(~/.pgpass), which PeerDesk's README explains"), usage=True)
    return url


def role_of(url: str) -> str:
    user = urlsplit(url).username
    if not user:
        raise ServerError(_("{url} names no role; write postgresql://ROLE@HOST/DATABASE").format(url=repr(url)),
                          usage=True)
    return user


def connect(url: str, **kwargs: Any) -> Any:
    """A psycopg connection to *url*, or ServerError saying why there is none."""
    import psycopg

    check_url(url)
    try:
        return psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT_S, application_name="peerdesk", **kwargs)
    except psycopg.OperationalError as exc:
        # a password refused (the server's SQLSTATE, in any language) or none given (libpq's own words)
        refused = getattr(exc, "sqlstate", None) in ("28P01", "28000") or "password" in str(exc)
        raise ServerError(_("cannot reach the team server: {why}").format(why=_first_line(exc)),
                          usage=refused) from None


def engine(url: str) -> Any:
    """A SQLAlchemy engine over psycopg 3 connecting with *url* exactly as libpq reads it."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    check_url(url)
    return create_engine("postgresql+psycopg://", creator=lambda: connect(url), poolclass=NullPool)


def explain(exc: BaseException) -> str:
    return _first_line(exc)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
