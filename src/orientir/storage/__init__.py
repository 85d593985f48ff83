"""Application storage: SQL tables, repositories and Alembic migrations."""
