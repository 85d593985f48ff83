"""The application's tables (SQLAlchemy Core). Alembic migrations must produce exactly these;
``tests/storage/test_migrations.py`` compares the two.

Every row that belongs to an organisation carries ``org_id``: tenant isolation is enforced by
each repository function taking ``org_id`` as a required keyword.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

# Deterministic constraint names, so migrations on SQLite (batch mode) and PostgreSQL agree.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

organisations = Table(
    "organisations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("slug", String(200), nullable=False, unique=True),
    Column("founded", Integer),
    Column("headcount", Integer),
    Column("sector", String(200)),
)

departments = Table(
    "departments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("org_id", ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    Column("parent_id", ForeignKey("departments.id", ondelete="CASCADE")),
    Column("path", String(1000), nullable=False),
    UniqueConstraint("org_id", "path"),
)

people = Table(
    "people",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("org_id", ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    Column("external_id", String(100), nullable=False),
    Column("name", String(300), nullable=False),
    Column("email", String(320)),
    Column("department_id", ForeignKey("departments.id", ondelete="SET NULL")),
    Column("manager_id", ForeignKey("people.id", ondelete="SET NULL")),
    Column("hire_date", Date),
    Column("role", String(200)),
    Column("active", Boolean, nullable=False, default=True),
    UniqueConstraint("org_id", "external_id"),
)

contacts = Table(
    "contacts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("org_id", ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    Column("external_id", String(100), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("company", String(300)),
    Column("person", String(300)),
    Column("email", String(320)),
    UniqueConstraint("org_id", "external_id"),
)

# ---- instruments, waves and responses ---------------------------------------------------------

instrument_versions = Table(
    "instrument_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("ref", String(120), nullable=False, unique=True),  # name@version
    Column("fingerprint", String(64), nullable=False),
    Column("content", Text, nullable=False),  # the canonical JSON form, frozen
)

waves = Table(
    "waves",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("org_id", ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    Column("label", String(100), nullable=False),
    Column("instrument_version_id", ForeignKey("instrument_versions.id"), nullable=False),
    Column("mode", String(20), nullable=False),  # anonymous | confidential | identified
    Column("audience", String(1000), nullable=False),
    Column("status", String(20), nullable=False),  # draft | open | closed
    Column("opens_on", Date),
    Column("closes_on", Date),
    # Anonymous waves have one shared link; only its hash is kept.
    Column("shared_token_hash", String(64), unique=True),
    UniqueConstraint("org_id", "label"),
)

invitations = Table(
    "invitations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("wave_id", ForeignKey("waves.id", ondelete="CASCADE"), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("person_id", ForeignKey("people.id", ondelete="SET NULL")),
    Column("contact_id", ForeignKey("contacts.id", ondelete="SET NULL")),
    Column("status", String(20), nullable=False),  # invited | started | completed
)

responses = Table(
    "responses",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("wave_id", ForeignKey("waves.id", ondelete="CASCADE"), nullable=False),
    # Confidential and identified waves: the invitation links the answer to a person or contact.
    # Anonymous waves: no invitation, no person, no time finer than the day.
    Column("invitation_id", ForeignKey("invitations.id", ondelete="SET NULL"), unique=True),
    # A respondent of an anonymous wave resumes with a key only they hold (hashed here).
    Column("resume_key_hash", String(64), unique=True),
    Column("department_id", ForeignKey("departments.id", ondelete="SET NULL")),
    Column("complete", Boolean, nullable=False),
    Column("answers", Text, nullable=False),  # JSON object: item id -> value
    Column("submitted_on", Date),
    Column("idempotency_key", String(100)),
    UniqueConstraint("wave_id", "idempotency_key"),
)
