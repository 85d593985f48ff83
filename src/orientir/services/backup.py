"""``orientir backup`` and ``orientir restore``: every table of the schema in one portable file.

The archive is a ZIP file (deflate) that any engine can read back::

    orientir-backup.json        the manifest: format, schema revision (Alembic), engine, time,
                                the organisation (or null for all), and per table its columns
                                with a portable type, its row count and the SHA-256 of its file
    orientir-backup.sha256      the SHA-256 of the manifest's bytes
    tables/<table>.jsonl        one JSON array per row, columns in the manifest's order

Values are portable JSON: integers, strings, booleans, floats (non-finite ones as the strings
``"NaN"``, ``"Infinity"``, ``"-Infinity"``), dates and times as ISO 8601 text, null. Rows are
read in one snapshot (a read-only repeatable-read transaction on PostgreSQL, a deferred read
transaction on SQLite's WAL, which blocks no writer) in primary-key order.

A restore checks everything before it writes: the checksums and row counts of every member,
the format, and that the target database is at the same schema revision. It refuses a target
that holds any row unless ``force`` is given, which replaces everything. It writes in one
transaction — all or nothing — inserting parents before children (rows that point to rows of
their own table get that column set afterwards), resets PostgreSQL's id sequences, and checks the
row counts before it commits.

``org`` backs up one organisation: its row, every row with its ``org_id``, rows that belong to
those (invitations, responses, milestones, case history), and the shared rows they refer to
(instrument versions, the users of its memberships and their API tokens). Such an archive
restores into an empty database.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import struct
import zipfile
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import (
    Boolean,
    Column,
    ColumnElement,
    Connection,
    Date,
    DateTime,
    Engine,
    Float,
    Integer,
    String,
    Table,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    select,
    text,
    true,
    union,
    update,
)
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from orientir import __version__
from orientir.errors import AlreadyExists, InvalidInput, NotFound, StorageError
from orientir.i18n import register, t
from orientir.services import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.storage.database import Database, current_revision
from orientir.storage.organisations import find_organisation
from orientir.storage.tables import metadata

FORMAT = "orientir-backup"
FORMAT_VERSION = 1
MANIFEST = "orientir-backup.json"
CHECKSUM = "orientir-backup.sha256"
_BATCH = 1000

register(
    {
        f"backup.{key}": {"en": en, "ru": ru}
        for key, (en, ru) in {
            "exists": (
                "{path} exists; choose another file or pass --force to overwrite it",
                "файл {path} уже существует; выберите другой или добавьте --force, "
                "чтобы перезаписать его",
            ),
            "unreadable": (
                "{path} is not an orientir backup: {reason}",
                "{path} — не резервная копия orientir: {reason}",
            ),
            "corrupt": (
                "the backup {path} is damaged: {reason}; nothing was written",
                "резервная копия {path} повреждена: {reason}; ничего не записано",
            ),
            "schema": (
                "the backup is of schema {archive}, this database is at schema {target}: restore "
                "it into a database of the same schema (the orientir version that wrote it), then "
                "run `orientir db upgrade`",
                "резервная копия сделана со схемой {archive}, а база данных — на схеме {target}: "
                "восстановите её в базу той же схемы (той версией orientir, что её записала), "
                "затем выполните `orientir db upgrade`",
            ),
            "tables": (
                "the backup's tables do not match this schema: {detail}",
                "таблицы резервной копии не совпадают со схемой: {detail}",
            ),
            "not_empty": (
                "the database is not empty ({rows} rows, e.g. {table}): restore into an empty "
                "database, or pass --force to replace everything in it",
                "база данных не пуста (строк: {rows}, например в {table}): восстанавливайте в "
                "пустую базу или добавьте --force, чтобы заменить всё её содержимое",
            ),
            "failed": (
                "the restore failed and was rolled back, nothing was written: {reason}",
                "восстановление не удалось и отменено, ничего не записано: {reason}",
            ),
            "type": (
                "column {table}.{column} has a type the backup cannot carry: {type}",
                "столбец {table}.{column} имеет тип, который резервная копия не переносит: {type}",
            ),
            "written": (
                "Backed up {tables} tables, {rows} rows (schema {schema}{org}) to {path} "
                "({size} bytes), manifest SHA-256 {checksum}.",
                "Сохранено таблиц: {tables}, строк: {rows} (схема {schema}{org}) в {path} "
                "({size} байт), SHA-256 манифеста {checksum}.",
            ),
            "restored": (
                "Restored {tables} tables, {rows} rows (schema {schema}{org}) from {path}.",
                "Восстановлено таблиц: {tables}, строк: {rows} (схема {schema}{org}) из {path}.",
            ),
            "of_org": (", organisation {org}", ", организация {org}"),
            "cannot_write": (
                "cannot write the backup {path}: {reason}",
                "не удалось записать резервную копию {path}: {reason}",
            ),
        }.items()
    }
)


@dataclass(frozen=True)
class TableEntry:
    name: str
    columns: tuple[tuple[str, str], ...]  # (name, portable type)
    rows: int
    sha256: str

    @property
    def member(self) -> str:
        return f"tables/{self.name}.jsonl"


@dataclass(frozen=True)
class Manifest:
    revision: str
    engine: str
    created_at: str
    org: str | None
    tables: tuple[TableEntry, ...]
    orientir: str = __version__

    @property
    def rows(self) -> int:
        return sum(entry.rows for entry in self.tables)

    def to_json(self) -> bytes:
        document = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "orientir": self.orientir,
            "schema_revision": self.revision,
            "engine": self.engine,
            "created_at": self.created_at,
            "org": self.org,
            "tables": [
                {
                    "name": e.name,
                    "columns": [{"name": n, "type": k} for n, k in e.columns],
                    "rows": e.rows,
                    "file": e.member,
                    "sha256": e.sha256,
                }
                for e in self.tables
            ],
        }
        return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        document = json.loads(raw.decode("utf-8"))
        if document.get("format") != FORMAT:
            raise ValueError("no orientir backup manifest")
        if document.get("format_version") != FORMAT_VERSION:
            raise ValueError(f"backup format {document.get('format_version')} is not supported")
        return cls(
            revision=str(document["schema_revision"]),
            engine=str(document["engine"]),
            created_at=str(document["created_at"]),
            org=document.get("org"),
            orientir=str(document.get("orientir", "")),
            tables=tuple(
                TableEntry(
                    name=str(e["name"]),
                    columns=tuple((str(c["name"]), str(c["type"])) for c in e["columns"]),
                    rows=int(e["rows"]),
                    sha256=str(e["sha256"]),
                )
                for e in document["tables"]
            ),
        )


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    manifest: Manifest
    size: int
    checksum: str  # SHA-256 of the manifest

    def message(self, lang: str, *, restored: bool = False) -> str:
        org = t("backup.of_org", lang, org=self.manifest.org) if self.manifest.org else ""
        common = {
            "tables": len(self.manifest.tables),
            "rows": self.manifest.rows,
            "schema": self.manifest.revision,
            "org": org,
            "path": self.path,
        }
        if restored:
            return t("backup.restored", lang, **common)
        return t("backup.written", lang, **common, size=self.size, checksum=self.checksum)


# ---- values -------------------------------------------------------------------------------------


def _kind(table: Table, column: Column[Any], lang: str) -> str:
    kind = column.type
    if isinstance(kind, Boolean):
        return "bool"
    if isinstance(kind, Integer):
        return "int"
    if isinstance(kind, Float):
        return "float"
    if isinstance(kind, DateTime):
        return "datetime"
    if isinstance(kind, Date):
        return "date"
    if isinstance(kind, String):  # Text too
        return "str"
    raise StorageError(t("backup.type", lang, table=table.name, column=column.name, type=kind))


def _encode(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _decode(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "datetime":
        return datetime.fromisoformat(value)
    if kind == "date":
        return date.fromisoformat(value)
    if kind == "float":
        return float(value)
    if kind == "bool":
        if not isinstance(value, bool):
            raise ValueError(f"{value!r} is not a boolean")
        return value
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{value!r} is not an integer")
        return value
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not text")
    return value


# ---- reading a consistent snapshot --------------------------------------------------------------


def _snapshot_engine(db: Database) -> Engine:
    """SQLite: a second engine whose transactions begin DEFERRED, so the backup reads a WAL
    snapshot without taking the write lock (the application's engine begins IMMEDIATE)."""

    engine = create_engine(db.engine.url, poolclass=NullPool)

    def connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA busy_timeout=10000")

    def begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN")

    event.listen(engine, "connect", connect)
    event.listen(engine, "begin", begin)
    return engine


def _scope(conn: Connection, org: str | None) -> dict[str, ColumnElement[bool]]:
    """Which rows of each table belong in the archive (see the module's docstring)."""
    tables = metadata.sorted_tables
    if org is None:
        return {table.name: true() for table in tables}
    org_id = find_organisation(conn, org).id
    scope: dict[str, ColumnElement[bool]] = {}
    for table in tables:  # parents before children
        if table.name == "organisations":
            scope[table.name] = table.c.id == org_id
        elif "org_id" in table.c:
            scope[table.name] = table.c.org_id == org_id
        else:
            for fk in table.foreign_keys:
                parent = fk.column.table
                if not fk.parent.nullable and parent.name in scope and parent is not table:
                    owned = select(fk.column).where(scope[parent.name])
                    scope[table.name] = fk.parent.in_(owned)
                    break
    owned_tables = dict(scope)
    for table in tables:  # shared rows the organisation's rows refer to
        if table.name in scope:
            continue
        referring = [
            select(fk.parent).where(owned_tables[child.name], fk.parent.is_not(None))
            for child in tables
            if child.name in owned_tables
            for fk in child.foreign_keys
            if fk.column.table is table
        ]
        if referring:
            key = next(iter(table.primary_key.columns))
            scope[table.name] = key.in_(union(*referring).scalar_subquery())
    for table in tables:  # rows that belong to those shared rows (a user's API tokens)
        if table.name in scope:
            continue
        for fk in table.foreign_keys:
            parent = fk.column.table
            if not fk.parent.nullable and parent.name in scope:
                scope[table.name] = fk.parent.in_(select(fk.column).where(scope[parent.name]))
                break
    return scope


def _ordered(table: Table) -> list[Column[Any]]:
    return list(table.primary_key.columns) or list(table.columns)


def backup_database(
    db: Database, path: Path, *, org: str | None = None, overwrite: bool = False, lang: str = "en"
) -> BackupSummary:
    """Write every table (or one organisation's rows) to ``path``; returns what was written."""
    path = Path(path)
    if path.exists() and not overwrite:
        raise AlreadyExists(t("backup.exists", lang, path=path))
    partial = path.with_name(f".{path.name}.partial")
    is_sqlite = db.engine.dialect.name == "sqlite"
    engine = _snapshot_engine(db) if is_sqlite else db.engine
    entries: list[TableEntry] = []
    try:
        with engine.connect() as conn:
            if not is_sqlite:
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                if not is_sqlite:
                    conn.exec_driver_sql("SET TRANSACTION READ ONLY")
                revision = current_revision_in(conn)
                scope = _scope(conn, org)
                with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                    for table in metadata.sorted_tables:
                        if table.name not in scope:
                            continue
                        entries.append(_write_table(conn, archive, table, scope[table.name], lang))
                    manifest = Manifest(
                        revision=revision,
                        engine=db.engine.dialect.name,
                        created_at=datetime.now().astimezone().isoformat(timespec="seconds"),
                        org=find_organisation(conn, org).slug if org is not None else None,
                        tables=tuple(entries),
                    )
                    raw = manifest.to_json()
                    checksum = hashlib.sha256(raw).hexdigest()
                    archive.writestr(MANIFEST, raw)
                    archive.writestr(CHECKSUM, f"{checksum}  {MANIFEST}\n")
        with partial.open("rb") as written:
            os.fsync(written.fileno())
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise InvalidInput(t("backup.cannot_write", lang, path=path, reason=exc.strerror)) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        if is_sqlite:
            engine.dispose()
    return BackupSummary(path, manifest, path.stat().st_size, checksum)


def current_revision_in(conn: Connection) -> str:
    found = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if found is None:
        raise StorageError(
            "the database has no schema revision: run `orientir db upgrade`",
            key="err.backup.database_no_schema_revision",
        )
    return str(found)


def _write_table(
    conn: Connection,
    archive: zipfile.ZipFile,
    table: Table,
    where: ColumnElement[bool],
    lang: str,
) -> TableEntry:
    columns = tuple((c.name, _kind(table, c, lang)) for c in table.columns)
    digest = hashlib.sha256()
    rows = 0
    query = select(table).where(where).order_by(*_ordered(table))
    result = conn.execution_options(stream_results=True, yield_per=_BATCH).execute(query)
    with archive.open(f"tables/{table.name}.jsonl", "w") as member:
        for row in result:
            line = json.dumps(
                [_encode(v) for v in row], ensure_ascii=False, separators=(",", ":")
            ).encode("utf-8")
            line += b"\n"
            digest.update(line)
            member.write(line)
            rows += 1
    return TableEntry(table.name, columns, rows, digest.hexdigest())


# ---- restoring -----------------------------------------------------------------------------------

# What ``zipfile`` raises for a damaged archive: besides BadZipFile, an unknown format version or
# compression method (NotImplementedError), a truncated record (EOFError, struct.error), deflate
# data that does not inflate (zlib.error) and bad header fields (ValueError, OSError).
DAMAGED_ARCHIVE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,
    EOFError,
    struct.error,
    zlib.error,
    ValueError,
    OSError,
)


def read_backup(path: Path, *, lang: str = "en") -> Manifest:
    """The manifest of the archive at ``path``, after checking every checksum and count."""
    path = Path(path)
    if not path.is_file():
        raise NotFound(t("backup.unreadable", lang, path=path, reason="no such file"))
    try:
        with zipfile.ZipFile(path) as archive:
            return _verified(archive, path, lang)
    except DAMAGED_ARCHIVE as exc:
        raise InvalidInput(t("backup.unreadable", lang, path=path, reason=exc)) from None


def _verified(archive: zipfile.ZipFile, path: Path, lang: str) -> Manifest:
    names = set(archive.namelist())
    if MANIFEST not in names or CHECKSUM not in names:
        raise InvalidInput(t("backup.unreadable", lang, path=path, reason="no manifest"))

    def corrupt(reason: str) -> StorageError:
        return StorageError(t("backup.corrupt", lang, path=path, reason=reason))

    try:
        raw = archive.read(MANIFEST)
        stated = archive.read(CHECKSUM).decode("ascii").split()[0]
    except (*DAMAGED_ARCHIVE, KeyError, UnicodeDecodeError, IndexError) as exc:
        raise corrupt(str(exc)) from None
    if hashlib.sha256(raw).hexdigest() != stated:
        raise corrupt("the manifest does not match its checksum")
    try:
        manifest = Manifest.from_json(raw)
    except (ValueError, KeyError, TypeError) as exc:
        raise InvalidInput(t("backup.unreadable", lang, path=path, reason=exc)) from None
    for entry in manifest.tables:
        digest = hashlib.sha256()
        lines = 0
        try:
            with archive.open(entry.member) as member:
                for line in member:
                    digest.update(line)
                    lines += 1
        except (*DAMAGED_ARCHIVE, KeyError) as exc:
            raise corrupt(f"{entry.member}: {exc}") from None
        if digest.hexdigest() != entry.sha256:
            raise corrupt(f"{entry.member} does not match its checksum")
        if lines != entry.rows:
            raise corrupt(f"{entry.member} has {lines} rows, the manifest says {entry.rows}")
    return manifest


def _rows(member: IO[bytes], entry: TableEntry) -> Iterator[dict[str, Any]]:
    names = [name for name, _ in entry.columns]
    kinds = [kind for _, kind in entry.columns]
    for line in io.TextIOWrapper(member, encoding="utf-8"):
        values = json.loads(line)
        if len(values) != len(names):
            raise ValueError(f"{entry.name}: a row of {len(values)} values, not {len(names)}")
        yield {n: _decode(v, k) for n, v, k in zip(names, values, kinds, strict=True)}


def _check_tables(manifest: Manifest, lang: str) -> None:
    declared = {table.name: table for table in metadata.sorted_tables}
    problems: list[str] = []
    for entry in manifest.tables:
        table = declared.get(entry.name)
        if table is None:
            problems.append(f"{entry.name} is not a table of this schema")
            continue
        expected = tuple((c.name, _kind(table, c, lang)) for c in table.columns)
        if entry.columns != expected:
            problems.append(f"{entry.name} has columns {list(entry.columns)}")
    if manifest.org is None and {e.name for e in manifest.tables} != set(declared):
        missing = sorted(set(declared) - {e.name for e in manifest.tables})
        problems.append(f"missing tables {missing}")
    if problems:
        raise StorageError(t("backup.tables", lang, detail="; ".join(problems)))


def table_counts(conn: Connection) -> dict[str, int]:
    return {
        table.name: int(conn.execute(select(func.count()).select_from(table)).scalar_one())
        for table in metadata.sorted_tables
    }


def restore_database(
    db: Database, path: Path, *, force: bool = False, lang: str = "en"
) -> BackupSummary:
    """Load the archive at ``path`` into ``db`` (see the module's docstring)."""
    path = Path(path)
    manifest = read_backup(path, lang=lang)
    target = current_revision(db.engine)
    if target != manifest.revision:
        raise StorageError(
            t("backup.schema", lang, archive=manifest.revision, target=target or "none")
        )
    _check_tables(manifest, lang)
    by_name = {entry.name: entry for entry in manifest.tables}
    try:
        with zipfile.ZipFile(path) as archive, db.engine.begin() as conn:
            counts = table_counts(conn)
            if any(counts.values()) and not force:
                first = next(name for name, n in counts.items() if n)
                raise InvalidInput(
                    t("backup.not_empty", lang, rows=sum(counts.values()), table=first)
                )
            for table in reversed(metadata.sorted_tables):
                if counts[table.name]:
                    conn.execute(delete(table))
            for table in metadata.sorted_tables:
                entry = by_name.get(table.name)
                if entry is not None:
                    with archive.open(entry.member) as member:
                        _insert(conn, table, _rows(member, entry))
            _reset_sequences(conn)
            after = table_counts(conn)
            wrong = {
                e.name: (after[e.name], e.rows) for e in manifest.tables if after[e.name] != e.rows
            }
            if wrong:
                raise StorageError(t("backup.failed", lang, reason=f"row counts differ: {wrong}"))
    except (SQLAlchemyError, *DAMAGED_ARCHIVE) as exc:
        reason = getattr(exc, "orig", None) or exc
        raise StorageError(t("backup.failed", lang, reason=str(reason).strip())) from None
    with zipfile.ZipFile(path) as archive:
        checksum = hashlib.sha256(archive.read(MANIFEST)).hexdigest()
    return BackupSummary(path, manifest, path.stat().st_size, checksum)


def _insert(conn: Connection, table: Table, rows: Iterator[Mapping[str, Any]]) -> None:
    """Insert in batches; a column pointing into its own table is filled in afterwards, once
    every row it may point to exists."""
    own = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    key = next(iter(table.primary_key.columns)).name
    later: dict[str, list[dict[str, Any]]] = {name: [] for name in own}
    batch: list[dict[str, Any]] = []
    for row in rows:
        values = dict(row)
        for name in own:
            if values[name] is not None:
                later[name].append({"_key": values[key], "_value": values[name]})
                values[name] = None
        batch.append(values)
        if len(batch) >= _BATCH:
            conn.execute(table.insert(), batch)
            batch = []
    if batch:
        conn.execute(table.insert(), batch)
    for name, links in later.items():
        statement = (
            update(table)
            .where(table.c[key] == bindparam("_key"))
            .values({name: bindparam("_value")})
        )
        for start in range(0, len(links), _BATCH):
            conn.execute(statement, links[start : start + _BATCH])


def _reset_sequences(conn: Connection) -> None:
    """PostgreSQL hands out ids from sequences that explicit ids do not move: set each to the
    largest id restored, so the next row gets a fresh one."""
    if conn.dialect.name != "postgresql":
        return
    for table in metadata.sorted_tables:
        keys: Sequence[Column[Any]] = list(table.primary_key.columns)
        if len(keys) != 1 or not isinstance(keys[0].type, Integer):
            continue
        name = keys[0].name
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:table, :column), "
                f'COALESCE(MAX("{name}"), 1), MAX("{name}") IS NOT NULL) FROM "{table.name}"'
            ),
            {"table": table.name, "column": name},
        )
