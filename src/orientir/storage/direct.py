"""SQLAlchemy statements run straight on the driver's cursor, for the hottest path.

A survey post runs three or four single-row statements. Through ``Connection.execute`` each
costs about 0.11 ms of SQLAlchemy's own work (execution context, result set-up, events) on
top of the driver's 0.015 ms (SQLite, measured in bench/web/cost.py's setting; "Survey posts"
in docs/benchmarks.md) — most of what a post costs. :class:`DirectStatement` keeps the
statement defined once with SQLAlchemy, compiles it once per dialect (and per set of columns
for an INSERT or UPDATE), and runs the compiled SQL on the cursor of the connection's own
DBAPI connection, inside the caller's transaction. SQLAlchemy's type processing is kept: each
bound value goes through its type's bind processor and each result column through its result
processor, obtained by the types' public ``bind_processor`` / ``result_processor``. A driver
error becomes SQLAlchemy's matching exception (``IntegrityError``, ``OperationalError``…),
with the parameters hidden: they may hold answers.

Only for statements whose columns have no Python-side defaults or ``onupdate`` (those are
applied by SQLAlchemy's execution, which this skips): :meth:`DirectStatement.check` refuses
any other.

:func:`driver_transaction` goes one step further for the same path: a transaction on a pooled
connection's driver, without SQLAlchemy's ``Connection`` and its transaction objects (about
0.1 ms of Python per transaction on SQLite, a fifth of a survey post). The pool is still
SQLAlchemy's, so a checkout pings PostgreSQL if the pool pings (:func:`run_on_driver` takes a
pool that does not, and retries instead) and a new SQLite connection still gets its pragmas;
driver errors still become SQLAlchemy's exceptions, and a connection the database dropped is
discarded from the pool, as ``Connection`` would. With ``single_write=True`` on
PostgreSQL it sends no ``BEGIN`` and no ``COMMIT`` at all (two of a survey post's five round
trips, each about 0.1 ms of the client's CPU and as much of the server's): see
:func:`driver_transaction`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError, StatementError
from sqlalchemy.sql.dml import UpdateBase
from sqlalchemy.sql.elements import ClauseElement

from orientir.storage import sqlite_writers

Processor = Callable[[Any], Any] | None


def _processed(processor: Processor, value: Any) -> Any:
    """``value`` through a type's processor; NULL passes as it is, as in SQLAlchemy."""
    return processor(value) if processor is not None and value is not None else value


@dataclass(frozen=True)
class _Compiled:
    sql: str
    positions: tuple[str, ...] | None  # the order of the parameters for a positional style
    binds: Mapping[str, Processor]  # bind name -> processor
    names: Mapping[str, str]  # bind name -> its name in the SQL (escaped for some drivers)
    compiled: Any  # the SQLCompiler, for construct_params
    columns: tuple[str, ...]  # result column names, in order
    results: tuple[Processor, ...]  # result processor per column


class DriverTransaction:
    """An open transaction on a pooled connection's driver (see :func:`driver_transaction`).

    ``autocommit``: each statement commits on its own, and only one may write.
    """

    __slots__ = ("autocommit", "cursor", "dialect", "driver_connection", "dropped", "wrote")

    def __init__(
        self,
        dialect: Dialect,
        driver_connection: Any,
        *,
        autocommit: bool = False,
        cursor: Any = None,
    ) -> None:
        self.dialect = dialect
        self.driver_connection = driver_connection
        self.autocommit = autocommit
        self.cursor = cursor  # one to reuse for every statement, or None: a new one each
        self.wrote = False  # a write was sent (or about to be)
        self.dropped = False  # the database had dropped the connection

    def note_write(self) -> None:
        """Called before each write: a second one without a transaction is refused (it would
        make the pair non-atomic), before it reaches the database."""
        if self.autocommit and self.wrote:
            raise RuntimeError(
                "a second write in a single-write driver transaction: "
                "make it one statement, or use driver_transaction(single_write=False)"
            )
        self.wrote = True


Runner = Connection | DriverTransaction  # what a DirectStatement runs on


def _driver_of(conn: Runner) -> Any:
    if isinstance(conn, DriverTransaction):
        return conn.driver_connection
    return conn.connection.driver_connection


def driver_error(sql: str, exc: Exception, dialect: Dialect) -> StatementError:
    """SQLAlchemy's exception for a driver error (``IntegrityError``, ``OperationalError``…),
    with the parameters hidden: they may hold answers."""
    return DBAPIError.instance(
        sql, None, exc, dialect.loaded_dbapi.Error, hide_parameters=True, dialect=dialect
    )


def begin_immediate(driver_connection: Any, dialect: Dialect) -> None:
    """SQLite's ``BEGIN IMMEDIATE``: the write lock at the start (why: storage/database.py),
    after this connection's turn among the application's writers (storage/sqlite_writers.py)."""
    try:
        sqlite_writers.begin_immediate(driver_connection)
    except dialect.loaded_dbapi.Error as exc:  # "database is locked" after busy_timeout
        raise driver_error("BEGIN IMMEDIATE", exc, dialect) from exc


@contextmanager
def driver_transaction(
    engine: Engine, *, single_write: bool = False
) -> Iterator[DriverTransaction]:
    """A transaction on one of ``engine``'s pooled connections, committed when the block ends
    and rolled back if it raises. On SQLite it takes the write lock at once, like every
    transaction of the application; psycopg opens one with the first statement.

    ``single_write=True`` promises that the block writes with one statement at most (reads
    before it are free). On PostgreSQL the block then runs without a transaction: each
    statement commits on its own, which for a lone write statement is exactly as atomic, and
    the reads see what a READ COMMITTED transaction's would (PostgreSQL takes a new snapshot
    for every statement either way). That saves the ``BEGIN`` and ``COMMIT`` round trips. A
    second write raises ``RuntimeError`` before it is sent. On SQLite, where a transaction
    costs no round trip and must take the write lock first, nothing changes.
    """
    dialect = engine.dialect
    postgres = dialect.name == "postgresql"
    autocommit = single_write and postgres
    pooled = engine.raw_connection()  # the pool's checkout: a ping if it pings, pragmas…
    driver: Any = pooled.driver_connection
    # Idle after the checkout, so psycopg allows the switch; a pool made for these blocks
    # (Database.unpinged) hands out connections already in autocommit, and needs none.
    switched = postgres and driver.autocommit != autocommit
    tx = DriverTransaction(
        dialect, driver, autocommit=autocommit, cursor=_kept_cursor(pooled, dialect)
    )
    try:
        if dialect.name == "sqlite":
            begin_immediate(driver, dialect)
        elif switched:
            driver.autocommit = autocommit
        yield tx
        if not autocommit:
            try:
                driver.commit()
            except dialect.loaded_dbapi.Error as exc:
                raise driver_error("COMMIT", exc, dialect) from exc
    except BaseException as exc:
        tx.dropped = _abandon(pooled, dialect, exc)
        raise
    finally:
        if switched and not driver.closed:
            driver.autocommit = not autocommit  # as it came from the pool
        pooled.close()  # back to the pool


_CURSOR = "orientir.direct.cursor"


def _kept_cursor(pooled: Any, dialect: Dialect) -> Any:
    """psycopg's cursor of this pooled connection, made once and kept in the pool's per-connection
    ``info`` (dropped with the connection): making one costs about 10 µs, a sizeable part of a
    statement on the driver. None for sqlite3, whose cursors are cheap, and where one left on
    an unfinished SELECT would keep that statement open."""
    if dialect.driver != "psycopg":
        return None
    cursor = pooled.info.get(_CURSOR)
    if cursor is None or cursor.closed:
        cursor = pooled.info[_CURSOR] = pooled.driver_connection.cursor()
    return cursor


def _abandon(pooled: Any, dialect: Dialect, exc: BaseException) -> bool:
    """Roll back after ``exc``; a connection the database dropped leaves the pool instead
    (then True)."""
    original = exc.orig if isinstance(exc, DBAPIError) else exc
    if isinstance(original, dialect.loaded_dbapi.Error) and dialect.is_disconnect(
        original, pooled.driver_connection, None
    ):
        pooled.invalidate(original)
        return True
    try:
        pooled.rollback()
    except dialect.loaded_dbapi.Error:
        pooled.invalidate()  # a connection that cannot even roll back is not reused
    return False


_Result = TypeVar("_Result")


def run_on_driver(
    work: Callable[[DriverTransaction], _Result],
    *,
    engine: Engine,
    pinged: Engine | None = None,
    single_write: bool = False,
) -> _Result:
    """``work`` in a :func:`driver_transaction` on ``engine``, whose pool need not ping.

    A pool's ping on checkout costs a round trip on every transaction: on PostgreSQL, a fifth
    of a survey post's CPU (bench/web/cost.py). Without it, a connection the database dropped
    while it sat in the pool (a restart, a cut network) shows itself on the first statement
    instead. If that happens before ``work`` wrote anything, ``work`` runs once more, on
    ``pinged`` — the same database through a pool that pings, so the second try cannot meet
    another dead connection. Nothing is lost or written twice: the first try sent only reads.
    """
    tx: DriverTransaction | None = None
    try:
        with driver_transaction(engine, single_write=single_write) as tx:
            return work(tx)
    except DBAPIError:
        if pinged is None or tx is None or not tx.dropped or tx.wrote:
            raise
    with driver_transaction(pinged, single_write=single_write) as again:
        return work(again)


class DirectStatement:
    """One SQLAlchemy statement, compiled per dialect and run on the driver's cursor."""

    def __init__(self, statement: ClauseElement) -> None:
        self.statement = statement
        self._compiled: dict[tuple[str, tuple[str, ...] | None], _Compiled] = {}
        self._writes = isinstance(statement, UpdateBase)
        self.check()

    def check(self) -> None:
        if isinstance(self.statement, UpdateBase):
            table: Any = self.statement.table
            for column in table.columns:
                if column.default is not None or column.onupdate is not None:
                    raise ValueError(
                        f"{table.name}.{column.name} has a Python-side default: "
                        "run this statement through Connection.execute"
                    )

    def _compile(self, dialect: Dialect, keys: tuple[str, ...] | None) -> _Compiled:
        cache_key = (dialect.name, keys)
        found = self._compiled.get(cache_key)
        if found is not None:
            return found
        compiled: Any = self.statement.compile(
            dialect=dialect, column_keys=list(keys) if keys is not None else None
        )
        binds = {
            name: bind.type.dialect_impl(dialect).bind_processor(dialect)
            for name, bind in compiled.binds.items()
        }
        if (
            compiled.has_out_parameters
            or compiled.literal_execute_params
            or compiled.post_compile_params
        ):
            # Expanding IN lists and literal-execute binds are rendered at execution time.
            raise ValueError("a statement with post-compiled parameters: use Connection.execute")
        escaped = compiled.escaped_bind_names or {}
        names = {name: escaped.get(name, name) for name in binds}
        columns: tuple[str, ...] = ()
        results: tuple[Processor, ...] = ()
        # A SELECT's columns, or what an INSERT … RETURNING returns.
        exported = getattr(self.statement, "exported_columns", None)
        selected_items = list(exported.items()) if exported is not None else []
        if selected_items:
            columns = tuple(key for key, _ in selected_items)
            results = tuple(
                column.type.dialect_impl(dialect).result_processor(dialect, None)
                for _, column in selected_items
            )
        positions = tuple(compiled.positiontup) if compiled.positional else None
        found = _Compiled(str(compiled), positions, binds, names, compiled, columns, results)
        self._compiled[cache_key] = found
        return found

    def _run(
        self, conn: Runner, params: Mapping[str, Any], keys: tuple[str, ...] | None
    ) -> tuple[Any, _Compiled, Any]:
        """The cursor that ran the statement, its compiled form, and the transaction's kept
        cursor (None if this one is the statement's own, to close after use)."""
        dialect = conn.dialect
        compiled = self._compile(dialect, keys)
        # Keyed by the binds' own names; the SQL's (escaped) names are applied below.
        values = compiled.compiled.construct_params(dict(params), escape_names=False)
        for name, processor in compiled.binds.items():
            if name in values:
                values[name] = _processed(processor, values[name])
        arguments: Sequence[Any] | dict[str, Any]
        if compiled.positions is not None:
            arguments = tuple(values[name] for name in compiled.positions)
        else:
            arguments = {compiled.names[name]: value for name, value in values.items()}
        kept = None
        if isinstance(conn, DriverTransaction):
            if self._writes:
                conn.note_write()
            kept = conn.cursor
        cursor = kept if kept is not None else _driver_of(conn).cursor()
        try:
            cursor.execute(compiled.sql, arguments)
        except dialect.loaded_dbapi.Error as exc:
            _done(cursor, kept)
            raise driver_error(compiled.sql, exc, dialect) from exc
        return cursor, compiled, kept

    def first(self, conn: Runner, params: Mapping[str, Any]) -> dict[str, Any] | None:
        """The first row as ``{column: value}`` with SQLAlchemy's result processing, or None."""
        cursor, compiled, kept = self._run(conn, params, None)
        try:
            row = cursor.fetchone()
        finally:
            _done(cursor, kept)
        if row is None:
            return None
        return {
            name: _processed(processor, value)
            for name, processor, value in zip(compiled.columns, compiled.results, row, strict=True)
        }

    def write(self, conn: Runner, params: Mapping[str, Any], *, values: Sequence[str]) -> None:
        """Run an INSERT or UPDATE that sets the columns ``values`` (named in ``params``)."""
        cursor, _, kept = self._run(conn, params, tuple(values))
        _done(cursor, kept)

    def returning(self, conn: Runner, params: Mapping[str, Any], *, values: Sequence[str]) -> Any:
        """Run an INSERT or UPDATE … RETURNING one column that sets ``values``; the returned
        value, or None when no row was written (an UPDATE whose WHERE matched nothing)."""
        cursor, compiled, kept = self._run(conn, params, tuple(values))
        try:
            row = cursor.fetchone()
        finally:
            _done(cursor, kept)
        return None if row is None else _processed(compiled.results[0], row[0])


def _done(cursor: Any, kept: Any) -> None:
    """Close a statement's own cursor; a transaction's kept one stays open."""
    if kept is None:
        cursor.close()
