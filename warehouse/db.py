"""Opening the DuckDB warehouse: schema, migrations, clear errors."""
from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import duckdb

DEFAULT_DB = Path("data") / "news.duckdb"
# DuckDB would take 80% of RAM; big sorts and joins spill to disk beyond this instead
MEMORY_LIMIT = os.environ.get("VN_EDU_NEWS_DUCKDB_MEMORY", "3GB")


from .errors import WarehouseError  # noqa: E402  (defined apart: the index-only search imports no DuckDB)


# DuckDB lets one process write a database file, or several read it, not both at once. The
# processing stage writes in short transactions and closes the file between them, so a reader
# (search, the web app, a notebook) that finds it busy waits this long before giving up.
READ_WAIT_S = 30.0  # VN_EDU_NEWS_READ_WAIT overrides it
WRITE_WAIT_S = 120.0


def env_seconds(name: str, default: float, most: float = 86_400) -> float:
    """A number of seconds from the environment variable ``name`` (else ``default``), checked:
    a value that is no number of seconds is a WarehouseError naming it, not a traceback."""
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 <= value <= most:
        raise WarehouseError(f"{name}={raw!r}: a number of seconds from 0 to {most:g}")
    return value


def writer_waiting_marker(path: str | os.PathLike) -> Path:
    """The file a writer kept waiting for the database touches (``<db>.writer-waiting``): a reader
    that holds the file open between its reads (the web app, ``webapp.connection``) sees it and
    lets go, and keeps letting go between reads while a writer has touched it recently."""
    return Path(str(path) + ".writer-waiting")


def _signal_writer_waiting(path) -> None:
    try:
        writer_waiting_marker(path).touch()
    except OSError:  # a folder nobody may write: the database cannot be written either
        pass


def connect(path: str | os.PathLike = DEFAULT_DB, *, read_only: bool = False, create: bool = True,
            sandboxed: bool = False, wait: float | None = None) -> duckdb.DuckDBPyConnection:
    """Open the warehouse (creating it and bringing its schema up to date unless ``read_only``).
    ``sandboxed``: a read-only connection that cannot read or write other files, attach databases
    or load extensions (DuckDB's ``enable_external_access = false``), for SQL typed by a user.
    While another process holds the file, wait up to ``wait`` seconds (by default ``READ_WAIT_S``
    for readers, ``WRITE_WAIT_S`` for writers), then fail with "in use by another process"."""
    import time

    if wait is None:
        wait = env_seconds("VN_EDU_NEWS_READ_WAIT", READ_WAIT_S) if read_only or sandboxed else WRITE_WAIT_S
    deadline = time.monotonic() + wait
    pause = 0.02
    while True:
        try:
            return _connect_once(path, read_only=read_only, create=create, sandboxed=sandboxed)
        except _Busy:
            if not (read_only or sandboxed):
                _signal_writer_waiting(path)
            if time.monotonic() >= deadline:
                raise WarehouseError(f"--db {path}: in use by another process") from None
            time.sleep(pause)
            pause = min(pause * 2, 0.5)


class _Busy(Exception):
    """Another process holds the database file."""


def _connect_once(path, *, read_only: bool, create: bool, sandboxed: bool) -> duckdb.DuckDBPyConnection:
    path = Path(path)
    read_only = read_only or sandboxed
    if path.exists() and path.is_dir():
        raise WarehouseError(f"--db {path}: is a directory, not a database file")
    if not path.exists():
        if not create or read_only:
            raise WarehouseError(f"--db {path}: no such database (run `pipeline.py run` first)")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WarehouseError(f"--db {path}: cannot create its folder ({exc.strerror})") from None
    try:
        config = {"enable_external_access": False} if sandboxed else {}
        con = duckdb.connect(str(path), read_only=read_only, config=config)
    except duckdb.IOException as exc:
        msg = str(exc).splitlines()[0]
        if "not a valid DuckDB database" in msg or "Could not read" in msg or "corrupt" in msg.lower():
            raise WarehouseError(f"--db {path}: not a valid DuckDB database file (corrupt or another format)") from None
        if "lock" in msg.lower():
            raise _Busy() from None
        raise WarehouseError(f"--db {path}: cannot open ({msg})") from None
    except (duckdb.Error, OSError) as exc:
        raise WarehouseError(f"--db {path}: cannot open ({str(exc).splitlines()[0]})") from None
    try:
        con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    except duckdb.Error as exc:
        con.close()
        raise WarehouseError(f"VN_EDU_NEWS_DUCKDB_MEMORY={MEMORY_LIMIT!r}: not a memory size DuckDB accepts "
                             f"({str(exc).splitlines()[0]})") from None
    if not read_only:
        try:
            ensure_schema(con)
        except duckdb.Error as exc:
            con.close()
            raise WarehouseError(f"--db {path}: cannot create the schema ({str(exc).splitlines()[0]})") from None
    else:
        if missing_migrations(con):
            con.close()
            raise WarehouseError(f"--db {path}: written by an older version of this tool; run "
                                 "`pipeline.py process` once to bring it up to date")
    return con


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Bring the database to the latest schema: every migration step not yet recorded in
    ``schema_migrations`` runs, in order, each in its own transaction; then the views."""
    from . import migrations

    con.execute("""CREATE TABLE IF NOT EXISTS schema_migrations (
                       version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)""")
    applied = {v for (v,) in con.execute("SELECT version FROM schema_migrations").fetchall()}
    adopted = not applied and _has_table(con, "articles")
    if adopted:
        _drop_derived_tables(con)
    for step in migrations.steps():
        if step.version in applied:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            step.apply(con)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [step.version, step.name])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    if adopted:  # the kept-ready series were dropped: every one is recomputed at the next load
        from .series_table import mark_all

        mark_all(con)
    con.execute(resources.files("warehouse").joinpath("views.sql").read_text(encoding="utf-8"))


def missing_migrations(con: duckdb.DuckDBPyConnection) -> list[int]:
    """The migration steps this database has not had (any, not only those past its highest: steps
    written on two branches at once may land in either order)."""
    from . import migrations

    applied = set()
    if _has_table(con, "schema_migrations"):
        applied = {v for (v,) in con.execute("SELECT version FROM schema_migrations").fetchall()}
    return [s.version for s in migrations.steps() if s.version not in applied]


def _has_table(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    # a literal, not a parameter: DuckDB imports pandas (a third of a second) to bind the first one
    return bool(con.execute(f"SELECT count(*) FROM duckdb_tables() WHERE table_name = {literal(table)}").fetchone()[0])


def literal(text: str) -> str:
    """A string as an SQL literal, for the few queries on the path of `pipeline.py search`: a bound
    parameter would make DuckDB import pandas (0.3 s) before running them."""
    return "'" + str(text).replace("'", "''") + "'"


def _drop_derived_tables(con: duckdb.DuckDBPyConnection) -> None:
    """A database written before migrations were versioned has the data tables of migration 1,
    but its kept-ready series may be of an older layout: they are dropped, and migration 1 and the
    next load rebuild them. (Its search index tables are dropped by migration 3 like any other.)"""
    con.execute("DROP TABLE IF EXISTS series_periods")
    con.execute("DROP SCHEMA IF EXISTS fts_main_search_docs CASCADE")


def arrow_table(rows: list[dict]):
    """Rows given as dicts as one Arrow table, a column for every key (in first-seen order; a row
    that leaves one out has null there)."""
    import pyarrow as pa

    columns = list(dict.fromkeys(key for row in rows for key in row))
    return pa.Table.from_pydict({c: [row.get(c) for row in rows] for c in columns})


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows, *, replace: bool = False) -> None:
    """Insert rows given as dicts or as an Arrow table, by column name (``INSERT … BY NAME``): a
    column added by a migration never shifts the others, and columns a row leaves out take their
    default. Arrow rather than a pandas frame: DuckDB scans it without converting each cell back
    from Python objects (measured: a fifth of the CPU of a frame for a partition's rows)."""
    if not len(rows):
        return
    import pyarrow as pa

    if not isinstance(rows, pa.Table):
        rows = arrow_table(rows)
    name = f"rows_{table}"
    con.register(name, rows)
    try:
        con.execute(f"INSERT {'OR REPLACE ' if replace else ''}INTO {table} BY NAME SELECT * FROM {name}")
    finally:
        con.unregister(name)
