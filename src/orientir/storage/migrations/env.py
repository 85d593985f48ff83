"""Alembic environment: runs on the engine orientir hands over, never on a URL in a file."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from orientir.storage.tables import metadata

engine = context.config.attributes.get("engine")
if not isinstance(engine, Engine):
    raise RuntimeError("orientir migrations run through orientir.storage.database.upgrade()")

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
