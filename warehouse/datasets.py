"""The warehouse's tables as Parquet datasets partitioned by source and year (Hive layout:
``<table>/source_id=<id>/year=<yyyy>/*.parquet``), which Spark, Dask, Polars, pyarrow or DuckDB
read without the DuckDB file; and the reverse, a new warehouse loaded from them.

Every export writes ``export.json`` beside the data: the format, the schema migrations of the
database it came from, each table's rows and where they are. The year of a row is the year of its
article's publication (else of its first dated event, else of its extraction) for articles and
their figures, officials and dates, and the year of fetching for pages. The derived tables (the
search index, the kept-ready series) are not exported: an import rebuilds them.
"""
from __future__ import annotations

import json
from pathlib import Path

import duckdb

from .db import WarehouseError

FORMAT = "vn-edu-news export 1"
MANIFEST = "export.json"
ARTICLE_YEAR = "year(coalesce(a.published, a.event_date, CAST(a.extracted_at AS DATE)))"
# table -> (query of its rows with source_id and year, the columns that are the table's own)
PARTITIONED = {
    "pages": "SELECT *, year(fetched_at) AS year FROM pages",
    "articles": f"SELECT *, {ARTICLE_YEAR} AS year FROM articles a",
    **{t: f"SELECT t.*, a.source_id, {ARTICLE_YEAR} AS year FROM {t} t LEFT JOIN articles a USING (article_id)"
       for t in ("figures", "officials", "dates")},
}
SINGLE = ("sources", "runs")                          # small: one file each
IMPORT_ORDER = ("sources", "runs", "pages", "articles", "figures", "officials", "dates")
HIVE_TYPES = "{'source_id': VARCHAR, 'year': BIGINT}"


def _quoted(path: Path) -> str:
    return Path(path).as_posix().replace("'", "''")


def write_partitioned(con, out_dir: Path) -> dict:
    """The tables (partitioned) and ``sources``/``runs`` (one file each) under ``out_dir``; returns
    the manifest's ``tables`` entry."""
    tables = {}
    for name in SINGLE:
        target = out_dir / f"{name}.parquet"
        con.execute(f"COPY (SELECT * FROM {name}) TO '{_quoted(target)}' (FORMAT parquet, COMPRESSION zstd)")
        tables[name] = {"rows": _count(con, name), "path": target.name}
    for name, query in PARTITIONED.items():
        target = out_dir / name
        con.execute(f"COPY ({query}) TO '{_quoted(target)}' (FORMAT parquet, COMPRESSION zstd, "
                    "PARTITION_BY (source_id, year), OVERWRITE true)")
        tables[name] = {"rows": _count(con, name), "path": f"{name}/", "partitioned_by": ["source_id", "year"],
                        "own_source_id": name in ("pages", "articles")}
    return tables


def write_flat(con, out_dir: Path, names, fmt: str) -> dict:
    """Each table or view as one file (the export's original layout)."""
    tables = {}
    for name in names:
        target = out_dir / f"{name}.{fmt}"
        option = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER"
        con.execute(f"COPY (SELECT * FROM {name}) TO '{_quoted(target)}' ({option})")
        tables[name] = {"rows": _count(con, name), "path": target.name}
    return tables


def _count(con, name: str) -> int:
    return con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]


def migrations_of(con) -> list[int]:
    return [v for (v,) in con.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()]


def write_manifest(out_dir: Path, manifest: dict) -> None:
    (out_dir / MANIFEST).write_text(json.dumps({"format": FORMAT, **manifest}, indent=2, ensure_ascii=False) + "\n",
                                    encoding="utf-8")


def first_line(exc: BaseException) -> str:
    """An error's first line, for an ``error:`` line naming a damaged file."""
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]


def read_manifest(directory) -> dict:
    """The manifest of an export folder, checked: written by this tool, by a version whose schema
    this one knows."""
    from . import migrations

    folder = Path(directory)
    path = folder / MANIFEST
    if not folder.is_dir():
        raise WarehouseError(f"{folder}: no such folder")
    if not path.is_file():
        raise WarehouseError(f"{folder}: no {MANIFEST}; not a folder written by `pipeline.py export`")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise WarehouseError(f"{path}: not a valid manifest ({exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise WarehouseError(f"{path}: not a manifest of this tool's export ({FORMAT!r})")
    unknown = set(manifest.get("migrations", [])) - {s.version for s in migrations.steps()}
    if unknown:
        raise WarehouseError(f"{path}: exported by a newer version of this tool (schema steps "
                             f"{sorted(unknown)}); update this one first")
    if manifest.get("format_of_tables") == "csv":
        raise WarehouseError(f"{path}: a CSV export cannot be imported; export with --format parquet")
    entries = dict(manifest.get("tables") or {})
    if manifest.get("page_store"):
        entries["page_store"] = manifest["page_store"]
    for name, entry in entries.items():
        count = "records" if name == "page_store" else "rows"
        if not (isinstance(entry, dict) and isinstance(entry.get("path"), str) and isinstance(entry.get(count), int)):
            raise WarehouseError(f"{path}: the entry of {name} is damaged (it needs a path and its {count})")
    return manifest


def load_tables(con, directory, manifest: dict) -> dict[str, int]:
    """The exported tables inserted (by column name) into a new warehouse, in one transaction;
    returns the rows of each, checked against the manifest."""
    folder = Path(directory)
    loaded = {}
    con.execute("BEGIN TRANSACTION")
    try:
        for name in IMPORT_ORDER:
            entry = manifest.get("tables", {}).get(name)
            if entry is None:
                raise WarehouseError(f"{folder}: the export has no table {name}")
            path = folder / entry["path"]
            if entry.get("partitioned_by"):
                files = list(path.glob("**/*.parquet")) if path.is_dir() else []
                if not files:
                    if entry["rows"]:
                        raise WarehouseError(f"{path}: missing ({entry['rows']} rows expected)")
                    loaded[name] = 0
                    continue
                drop = "year" if entry.get("own_source_id") else "source_id, year"
                source = (f"SELECT * EXCLUDE ({drop}) FROM read_parquet('{_quoted(path)}/**/*.parquet', "
                          f"hive_partitioning = true, hive_types = {HIVE_TYPES})")
            else:
                if not path.is_file():
                    raise WarehouseError(f"{path}: missing")
                source = f"SELECT * FROM read_parquet('{_quoted(path)}')"
            try:
                con.execute(f"INSERT INTO {name} BY NAME {source}")
            except duckdb.Error as exc:  # a damaged or foreign file: one line naming it
                raise WarehouseError(f"{path}: cannot be imported ({first_line(exc)})") from None
            loaded[name] = _count(con, name)
            if loaded[name] != entry["rows"]:
                raise WarehouseError(f"{path}: {loaded[name]} rows read, the manifest says {entry['rows']}")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return loaded


def remap_pages(con, moved: list[tuple]) -> None:
    """Page rows pointed at the WARC records an import wrote: ``moved`` holds (old file, old
    offset, new file, new offset, new length); positions of the new files recorded as read."""
    import pandas as pd

    if not moved:
        return
    frame = pd.DataFrame(moved, columns=["old_file", "old_offset", "new_file", "new_offset", "new_length"])
    con.register("moved_records", frame)
    try:
        con.execute("""UPDATE pages SET warc_file = m.new_file, warc_offset = m.new_offset, warc_length = m.new_length
                       FROM moved_records m WHERE pages.warc_file = m.old_file AND pages.warc_offset = m.old_offset""")
        con.execute("""INSERT OR REPLACE INTO warc_files
                       SELECT new_file, max(new_offset + new_length) FROM moved_records GROUP BY new_file""")
    finally:
        con.unregister("moved_records")


def stale_pages(con) -> int:
    """Page rows that point at a WARC file the store does not have (after an import without the
    page store)."""
    return con.execute("""SELECT count(*) FROM pages WHERE warc_file IS NOT NULL
                          AND warc_file NOT IN (SELECT name FROM warc_files)""").fetchone()[0]
