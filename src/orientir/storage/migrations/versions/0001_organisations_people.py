"""Organisations, departments, people and contacts.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("slug", sa.String(200), nullable=False),
        sa.Column("founded", sa.Integer),
        sa.Column("headcount", sa.Integer),
        sa.Column("sector", sa.String(200)),
        sa.PrimaryKeyConstraint("id", name="pk_organisations"),
        sa.UniqueConstraint("name", name="uq_organisations_name"),
        sa.UniqueConstraint("slug", name="uq_organisations_slug"),
    )
    op.create_table(
        "departments",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("org_id", sa.Integer, nullable=False),
        sa.Column("parent_id", sa.Integer),
        sa.Column("path", sa.String(1000), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_departments"),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organisations.id"],
            ondelete="CASCADE",
            name="fk_departments_org_id_organisations",
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["departments.id"],
            ondelete="CASCADE",
            name="fk_departments_parent_id_departments",
        ),
        sa.UniqueConstraint("org_id", "path", name="uq_departments_org_id"),
    )
    op.create_table(
        "people",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("org_id", sa.Integer, nullable=False),
        sa.Column("external_id", sa.String(100), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("email", sa.String(320)),
        sa.Column("department_id", sa.Integer),
        sa.Column("manager_id", sa.Integer),
        sa.Column("hire_date", sa.Date),
        sa.Column("role", sa.String(200)),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_people"),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organisations.id"],
            ondelete="CASCADE",
            name="fk_people_org_id_organisations",
        ),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            ondelete="SET NULL",
            name="fk_people_department_id_departments",
        ),
        sa.ForeignKeyConstraint(
            ["manager_id"], ["people.id"], ondelete="SET NULL", name="fk_people_manager_id_people"
        ),
        sa.UniqueConstraint("org_id", "external_id", name="uq_people_org_id"),
    )
    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("org_id", sa.Integer, nullable=False),
        sa.Column("external_id", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("company", sa.String(300)),
        sa.Column("person", sa.String(300)),
        sa.Column("email", sa.String(320)),
        sa.PrimaryKeyConstraint("id", name="pk_contacts"),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organisations.id"],
            ondelete="CASCADE",
            name="fk_contacts_org_id_organisations",
        ),
        sa.UniqueConstraint("org_id", "external_id", name="uq_contacts_org_id"),
    )


def downgrade() -> None:
    op.drop_table("contacts")
    op.drop_table("people")
    op.drop_table("departments")
    op.drop_table("organisations")
