"""Typed SQLAlchemy 2 models. The schema itself is made by Alembic migrations."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, DateTime, Index, Integer, LargeBinary, MetaData, String, Text, Time
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Named constraints, so batch migrations on SQLite can find and alter them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class EntryModel(Base):
    __tablename__ = "entries"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    worker: Mapped[str] = mapped_column(String(80))
    date: Mapped[dt.date] = mapped_column(Date)
    start_time: Mapped[dt.time | None] = mapped_column(Time, nullable=True)
    minutes: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(64))
    mode: Mapped[str] = mapped_column(String(16))
    format: Mapped[str] = mapped_column(String(16))
    people: Mapped[int] = mapped_column(Integer)
    client_ref: Mapped[str] = mapped_column(String(40), default="")
    tags: Mapped[str] = mapped_column(String(255), default="")  # keys joined with ";"
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)  # UTC
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)  # UTC

    __table_args__ = (
        CheckConstraint("minutes BETWEEN 1 AND 720", name="minutes_range"),
        CheckConstraint("people >= 0", name="people_not_negative"),
        # Week views and charts aggregate over a date range, grouped by category.
        Index("ix_entries_date_category", "date", "category"),
        Index("ix_entries_category", "category"),
    )


class AuditModel(Base):
    """Append-only (triggers refuse UPDATE and DELETE): who did what to which entry, when."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)  # UTC
    worker: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(32))
    entry_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    detail: Mapped[str] = mapped_column(Text, default="")
    account: Mapped[str] = mapped_column(String(80), default="", server_default="")  # the OS login
    chain: Mapped[str] = mapped_column(String(64), default="", server_default="")  # see storage.audit_chain


class SyncOutboxModel(Base):
    """An entry changed since the team server last confirmed it (filled by triggers; see 0005)."""

    __tablename__ = "sync_outbox"

    entry_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    deleted: Mapped[int] = mapped_column(Integer)
    queued_at: Mapped[str] = mapped_column(String(32))


class SyncVersionModel(Base):
    """The server's version of an entry and a digest of it, as last confirmed."""

    __tablename__ = "sync_versions"

    entry_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    digest: Mapped[str] = mapped_column(String(64))


class SyncStateModel(Base):
    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SyncConflictModel(Base):
    """The side of a conflict that was not kept, for the worker to pick from."""

    __tablename__ = "sync_conflicts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entry_id: Mapped[str] = mapped_column(String(36), index=True)
    found_at: Mapped[str] = mapped_column(String(32))
    kept: Mapped[str] = mapped_column(String(8))
    other: Mapped[str] = mapped_column(Text)


class WeekStateModel(Base):
    """A submitted week (locked by triggers; see 0006), and its sign-off once reviewed."""

    __tablename__ = "week_states"

    week: Mapped[str] = mapped_column(String(8), primary_key=True)
    first_day: Mapped[str] = mapped_column(String(10))
    last_day: Mapped[str] = mapped_column(String(10))
    state: Mapped[str] = mapped_column(String(16))
    submitted_at: Mapped[str] = mapped_column(String(32))
    reviewed: Mapped[str] = mapped_column(Text, default="", server_default="")


class SigningKeyModel(Base):
    """The worker's Ed25519 key pair (raw bytes), made at the first submitted week."""

    __tablename__ = "signing_key"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    private: Mapped[bytes] = mapped_column(LargeBinary)
    public: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[str] = mapped_column(String(32))

    __table_args__ = (CheckConstraint("id = 1", name="one_key"),)
