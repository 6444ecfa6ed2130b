"""Reaching the team server: a libpq URL (``postgresql://PW-07@db.example.org/peerdesk?sslmode=verify-full``)
that names the role and never holds a password. The password comes from the libpq password file
(``~/.pgpass``, or ``%APPDATA%\\postgresql\\pgpass.conf`` on Windows, or the file ``PGPASSFILE``
names), which libpq itself reads: no secret in PeerDesk's settings, its arguments or its memory
longer than a connection takes."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

CONNECT_TIMEOUT_S = 5


class ServerError(Exception):
    """The server cannot be used: the message says why and what to do."""


class ServerRefused(ServerError):
    """The server refused something this role may not do (row-level security, grants)."""


def check_url(url: str) -> str:
    """*url* if it is a PostgreSQL URL without a password; otherwise ServerError."""
    parts = urlsplit(url)
    if parts.scheme not in ("postgresql", "postgres"):
        raise ServerError(f"{url!r} is not a PostgreSQL URL; write postgresql://ROLE@HOST/DATABASE")
    if parts.password is not None or "password=" in parts.query:
        raise ServerError("the server URL holds a password; take it out and put it in the libpq password file "
                          "(~/.pgpass), which PeerDesk's README explains")
    return url


def role_of(url: str) -> str:
    user = urlsplit(url).username
    if not user:
        raise ServerError(f"{url!r} names no role; write postgresql://ROLE@HOST/DATABASE")
    return user


def connect(url: str, **kwargs: Any) -> Any:
    """A psycopg connection to *url*, or ServerError saying why there is none."""
    import psycopg

    check_url(url)
    try:
        return psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT_S, application_name="peerdesk", **kwargs)
    except psycopg.OperationalError as exc:
        raise ServerError(f"cannot reach the team server: {_first_line(exc)}") from None


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
