"""The audit log as a hash chain per organisation: ``audit_events.chain_hash``.

Events written before this revision are chained here, in the order they were written (by id),
with the same rule as every later one (storage/audit_chain.py).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from orientir.storage.audit_chain import CHAINED, GENESIS, link

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("chain_hash", sa.String(length=64), nullable=True))
    events = sa.table(
        "audit_events",
        sa.column("id", sa.BigInteger()),
        sa.column("chain_hash", sa.String()),
        *(sa.column(name) for name in CHAINED if name != "created_at"),
        sa.column("created_at", sa.DateTime()),
    )
    connection = op.get_bind()
    heads: dict[object, str] = {}  # org_id -> the chain's newest hash so far
    rows = connection.execute(sa.select(events).order_by(events.c.id)).mappings().all()
    for row in rows:
        chain_hash = link(heads.get(row["org_id"], GENESIS), row)
        heads[row["org_id"]] = chain_hash
        connection.execute(
            events.update().where(events.c.id == row["id"]).values(chain_hash=chain_hash)
        )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.alter_column("chain_hash", existing_type=sa.String(length=64), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_column("chain_hash")
