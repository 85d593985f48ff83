"""``orientir backup`` / ``orientir restore`` round-trip every row of every table: SQLite to
SQLite, PostgreSQL to PostgreSQL, and across engines; damaged archives, another schema and a
non-empty target are refused before anything is written."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from orientir.cli.main import app
from orientir.errors import AlreadyExists, InvalidInput, StorageError
from orientir.services.backup import (
    CHECKSUM,
    MANIFEST,
    backup_database,
    read_backup,
    restore_database,
)
from orientir.services.organisations import NewOrganisation, create_organisation
from orientir.storage.database import Database, open_database
from orientir.storage.tables import metadata, organisations, people, responses, waves
from tests.conftest import scratch_postgres
from tests.program.conftest import build_world
from tests.reliability.rows import dump, fill
from tests.zip_damage import damaged_archives


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def target_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A second empty, migrated database to restore into."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'restored.db'}"
        open_database(url).dispose()
        yield url
        return
    with scratch_postgres("orientir_r", request.getfixturevalue("postgres_template")) as url:
        yield url


def populated(db: Database, tmp_path: Path) -> None:
    """A realistic organisation (people, waves, answers, cases, outbox) plus two synthetic rows
    in every table, so that no table is empty and awkward values are present."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    world = build_world(db, tmp_path)
    world.answer("C1", nps=2, comment="Хочу вернуть деньги")
    world.answer("C2", nps=9)
    fill(db.engine, metadata=metadata)
    with db.engine.connect() as conn:
        empty = [t.name for t in metadata.sorted_tables if conn.execute(select(t)).first() is None]
    assert empty == []


def test_round_trip_keeps_every_row(
    db: Database, target_url: str, database_url: str, tmp_path: Path
) -> None:
    populated(db, tmp_path)
    before = dump(db.engine, metadata)
    archive = tmp_path / "backup.zip"
    written = backup_database(db, archive)
    assert written.manifest.rows == sum(len(rows) for rows in before.values())
    assert read_backup(archive).revision == written.manifest.revision
    target = open_database(target_url, migrate=True)
    try:
        restored = restore_database(target, archive)
        assert restored.manifest.rows == written.manifest.rows
        assert dump(target.engine, metadata) == before
        # The id sequences moved past the restored rows: new rows get fresh ids.
        create_organisation(target, NewOrganisation("После восстановления"), this_year=2026)
    finally:
        target.dispose()


def test_a_non_empty_database_is_refused_unless_forced(db: Database, tmp_path: Path) -> None:
    populated(db, tmp_path / "w")
    before = dump(db.engine, metadata)
    archive = tmp_path / "backup.zip"
    backup_database(db, archive)
    with pytest.raises(AlreadyExists, match="--force"):
        backup_database(db, archive)
    with pytest.raises(InvalidInput, match="not empty"):
        restore_database(db, archive)
    create_organisation(db, NewOrganisation("Лишняя"), this_year=2026)
    restore_database(db, archive, force=True)  # replaces everything
    assert dump(db.engine, metadata) == before


def _rewrite(archive: Path, out: Path, change: Any) -> None:
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            target.writestr(name, change(name, source.read(name)))


def test_damaged_or_foreign_archives_write_nothing(
    db: Database, sqlite_url: str, tmp_path: Path
) -> None:
    populated(db, tmp_path / "w")
    archive = tmp_path / "backup.zip"
    backup_database(db, archive)
    empty = open_database(f"sqlite:///{tmp_path / 'empty.db'}")
    try:
        flipped = tmp_path / "flipped.zip"
        _rewrite(
            archive,
            flipped,
            lambda name, data: data.replace(b"2026", b"2027", 1) if "people" in name else data,
        )
        with pytest.raises(StorageError, match="damaged"):
            restore_database(empty, flipped)

        def other_schema(name: str, data: bytes) -> bytes:
            if name == MANIFEST:
                document = json.loads(data)
                document["schema_revision"] = "0001"
                return json.dumps(document).encode()
            if name == CHECKSUM:
                return b"0" * 64
            return data

        older = tmp_path / "older.zip"
        _rewrite(archive, older, other_schema)
        with pytest.raises(StorageError, match="damaged"):  # the manifest's checksum
            restore_database(empty, older)
        import hashlib

        def consistent(name: str, data: bytes) -> bytes:
            if name == CHECKSUM:
                with zipfile.ZipFile(older) as z:
                    return hashlib.sha256(z.read(MANIFEST)).hexdigest().encode()
            return other_schema(name, data)

        relabelled = tmp_path / "relabelled.zip"
        _rewrite(archive, relabelled, consistent)
        with pytest.raises(StorageError, match="schema 0001"):
            restore_database(empty, relabelled)
        truncated = tmp_path / "truncated.zip"
        truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
        with pytest.raises(InvalidInput, match="not an orientir backup"):
            restore_database(empty, truncated)
        for damage, content in damaged_archives(archive.read_bytes()).items():
            damaged = tmp_path / "damaged.zip"
            damaged.write_bytes(content)
            with pytest.raises((InvalidInput, StorageError)) as refused:
                restore_database(empty, damaged)
            assert "backup" in str(refused.value), damage
        with empty.engine.connect() as conn:
            assert conn.execute(select(organisations)).first() is None  # nothing written
    finally:
        empty.dispose()


def test_one_organisation(db: Database, target_url: str, tmp_path: Path) -> None:
    world = build_world(db, tmp_path)
    world.answer("C1", nps=2)
    other = create_organisation(db, NewOrganisation("Другая"), this_year=2026).slug
    staff = tmp_path / "other.csv"
    staff.write_text("id,name\nX1,Иной\n", encoding="utf-8")
    from orientir.services.people import import_people
    from tests.program.conftest import LIMITS

    import_people(db, org=other, path=staff, limits=LIMITS)
    archive = tmp_path / "org.zip"
    backup_database(db, archive, org=world.org)
    target = open_database(target_url, migrate=True)
    try:
        restore_database(target, archive)
        mine = dump(db.engine, metadata)
        theirs = dump(target.engine, metadata)
        org_id = next(r[0] for r in mine["organisations"] if r[2] == world.org)
        assert [r[0] for r in theirs["organisations"]] == [org_id]
        assert theirs["people"] == [r for r in mine["people"] if r[1] == org_id]
        with db.engine.connect() as conn:
            wave_ids = set(
                conn.execute(select(waves.c.id).where(waves.c.org_id == org_id)).scalars()
            )
        assert theirs["responses"] == [r for r in mine["responses"] if r[1] in wave_ids]
        assert theirs["responses"]
        assert theirs["outbox"] == [r for r in mine["outbox"] if r[1] == org_id]
        with target.engine.connect() as conn:
            assert conn.execute(select(people.c.external_id)).scalars().all().count("X1") == 0
            assert conn.execute(select(responses)).first() is not None
    finally:
        target.dispose()


def test_the_commands_speak_russian_and_english(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("the commands are the same on every engine")
    populated(db, tmp_path / "w")
    runner = CliRunner()
    archive = tmp_path / "cli.zip"
    result = runner.invoke(app, ["--db", database_url, "--lang", "ru", "backup", str(archive)])
    assert result.exit_code == 0, result.output
    assert "Сохранено таблиц" in result.output
    result = runner.invoke(app, ["--db", database_url, "--lang", "ru", "restore", str(archive)])
    assert result.exit_code == 1
    assert "база данных не пуста" in result.output
    target = tmp_path / "cli-restored.db"
    result = runner.invoke(app, ["--db", str(target), "--lang", "en", "restore", str(archive)])
    assert result.exit_code == 0, result.output
    assert "Restored" in result.output
    restored = open_database(f"sqlite:///{target}")
    try:
        assert dump(restored.engine, metadata) == dump(db.engine, metadata)
    finally:
        restored.dispose()


def test_an_unwritable_path_is_a_clear_error(db: Database, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="cannot write the backup"):
        backup_database(db, tmp_path / "no" / "such" / "folder" / "b.zip")
    with pytest.raises(InvalidInput, match="не удалось записать"):
        backup_database(db, tmp_path / "no" / "b.zip", lang="ru")
