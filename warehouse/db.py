"""Opening the DuckDB warehouse: schema, migrations, clear errors."""
from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import duckdb

DEFAULT_DB = Path("data") / "news.duckdb"
# DuckDB would take 80% of RAM; big sorts and joins spill to disk beyond this instead
MEMORY_LIMIT = os.environ.get("VN_EDU_NEWS_DUCKDB_MEMORY", "3GB")


class WarehouseError(RuntimeError):
    """A problem with the database file, reported to the user in one line."""


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
    return con


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    _drop_old_search_index(con)
    had_figures, had_series, had_hidden = (
        con.execute(f"SELECT count(*) FROM duckdb_tables() WHERE table_name = '{name}'").fetchone()[0]
        for name in ("figures", "series_periods", "search_hidden"))
    _add_search_word_keys(con)  # before the schema, whose indexes need the columns
    sql = resources.files("warehouse").joinpath("schema.sql").read_text(encoding="utf-8")
    con.execute(sql)
    if had_figures and not had_series:  # a database from before series_periods: fill it at the next load
        from .series_table import mark_all

        mark_all(con)
    if not had_hidden:  # a search index from before search_hidden: fill it now
        from .search_index import refresh_hidden

        refresh_hidden(con)


def _has_column(con: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM duckdb_columns() WHERE table_name = ? AND column_name = ?",
                            [table, column]).fetchone()[0])


def _add_search_word_keys(con: duckdb.DuckDBPyConnection) -> None:
    """search_terms from before its word keys gets them (seconds at a million words, where
    rebuilding the index would take minutes)."""
    if not _has_column(con, "search_terms", "term_id") or _has_column(con, "search_terms", "term_key"):
        return
    import pandas as pd

    from .search_index import word_key

    rows = con.execute("SELECT term_id, term, folded FROM search_terms").fetchall()
    con.execute("ALTER TABLE search_terms ADD COLUMN term_key BIGINT")
    con.execute("ALTER TABLE search_terms ADD COLUMN folded_key BIGINT")
    if rows:
        con.register("word_keys", pd.DataFrame({"term_id": [r[0] for r in rows],
                                                "term_key": [word_key(r[1]) for r in rows],
                                                "folded_key": [word_key(r[2]) for r in rows]}))
        con.execute("""UPDATE search_terms SET term_key = k.term_key, folded_key = k.folded_key
                       FROM word_keys k WHERE search_terms.term_id = k.term_id""")
        con.unregister("word_keys")


def _drop_old_search_index(con: duckdb.DuckDBPyConnection) -> None:
    """Databases written with an older search index keep their articles; the derived search
    tables are dropped, and the next load rebuilds them. Older: DuckDB's FTS extension
    (search_docs.toned), postings in best-first order (search_postings.rank), or documents
    without the columns filters read (search_docs.day)."""
    def has(table: str, column: str) -> bool:
        return _has_column(con, table, column)

    if has("search_docs", "toned"):
        con.execute("DROP SCHEMA IF EXISTS fts_main_search_docs CASCADE")
        con.execute("DROP TABLE search_docs")
    if has("search_postings", "rank") or (has("search_docs", "doc_no") and not has("search_docs", "day")):
        for table in ("search_postings", "search_terms", "search_docs", "search_hidden"):
            con.execute(f"DROP TABLE IF EXISTS {table}")
