"""Opening the application database named by the settings."""

from __future__ import annotations

from orientir.config import Settings
from orientir.storage.database import (
    Database,
    create_database_engine,
    current_revision,
    head_revision,
    open_database,
    upgrade,
)


def open_app_database(settings: Settings) -> Database:
    """The database of ``settings``; an embedded SQLite file is made and migrated on first use."""
    return open_database(settings.database_url)


def upgrade_database(settings: Settings) -> tuple[str | None, str]:
    """Apply every pending migration; returns the revision before and after."""
    engine = create_database_engine(settings.database_url)
    try:
        before = current_revision(engine)
        after = upgrade(engine)
    finally:
        engine.dispose()
    return before, after


__all__ = ["Database", "head_revision", "open_app_database", "upgrade_database"]
