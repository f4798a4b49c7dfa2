"""Opening the DuckDB warehouse: schema, the FTS extension from its wheel, clear errors."""
from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import duckdb

DEFAULT_DB = Path("data") / "news.duckdb"


class WarehouseError(RuntimeError):
    """A problem with the database file, reported to the user in one line."""


def fts_extension_path() -> str:
    """DuckDB's ``INSTALL fts`` downloads; the ``duckdb-extension-fts`` wheel ships the file."""
    import duckdb_extension_fts

    base = Path(duckdb_extension_fts.__file__).parent / "extensions" / f"v{duckdb.__version__}"
    path = base / "fts.duckdb_extension"
    if not path.exists():
        raise WarehouseError(f"the FTS extension for DuckDB {duckdb.__version__} is not in {base}; "
                             "install duckdb-extension-fts with the same version as duckdb")
    return str(path)


def load_fts(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"LOAD '{fts_extension_path()}'")


def connect(path: str | os.PathLike = DEFAULT_DB, *, read_only: bool = False, create: bool = True) -> duckdb.DuckDBPyConnection:
    path = Path(path)
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
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        msg = str(exc).splitlines()[0]
        if "not a valid DuckDB database" in msg or "Could not read" in msg or "corrupt" in msg.lower():
            raise WarehouseError(f"--db {path}: not a valid DuckDB database file (corrupt or another format)") from None
        if "lock" in msg.lower():
            raise WarehouseError(f"--db {path}: in use by another process") from None
        raise WarehouseError(f"--db {path}: cannot open ({msg})") from None
    except (duckdb.Error, OSError) as exc:
        raise WarehouseError(f"--db {path}: cannot open ({str(exc).splitlines()[0]})") from None
    if not read_only:
        try:
            ensure_schema(con)
        except duckdb.Error as exc:
            con.close()
            raise WarehouseError(f"--db {path}: cannot create the schema ({str(exc).splitlines()[0]})") from None
    return con


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    sql = resources.files("warehouse").joinpath("schema.sql").read_text(encoding="utf-8")
    con.execute(sql)
