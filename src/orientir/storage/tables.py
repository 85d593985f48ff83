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
