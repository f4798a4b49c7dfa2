"""``pipeline.py export`` and ``pipeline.py import``: the warehouse and the raw page store as
Parquet, and back.

- ``export DIR`` writes each table and view as one file (Parquet or CSV), as it always has;
- ``export DIR --partitioned`` writes the tables as Parquet datasets partitioned by source and
  year (``warehouse.datasets``), for a cluster or another tool to read without the DuckDB file;
- ``export DIR --page-store`` adds the raw page store: every page record of the WARC files
  (``crawler.page_store``) with its body as received and its headers, in
  ``DIR/page_store/source_id=<id>/year=<fetch year>/*.parquet``;
- ``import DIR --db NEW`` builds a new warehouse from such an export: the tables, the page store
  written back as WARC files beside it (records keep their WARC-Date and WARC-Record-ID; page rows
  point at them), the search index and the series rebuilt. ``process --all`` then runs on it as on
  the original.

This module reads the page store (crawler) and the warehouse: it is orchestration, like
``orchestration.py``, and the stages still do not know each other.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from orchestration import UserError, page_store_dir, search_index_dir

PAGE_STORE = "page_store"
PAGE_BATCH_BYTES = 64 * 1024 * 1024   # page store rows written per Parquet batch, at most about this much body


def export(db, directory, fmt: str = "parquet", *, partitioned: bool = False, page_store: bool = False,
           echo=None) -> list[tuple[str, str]]:
    """Write the export; returns (what, path) of each table, view and the page store."""
    from warehouse import datasets
    from warehouse.db import WarehouseError, connect
    from warehouse.queries import TABLES, VIEWS

    echo = echo or (lambda line: None)
    if fmt != "parquet" and (partitioned or page_store):
        raise UserError("--partitioned and --page-store write Parquet: use --format parquet")
    out_dir = Path(directory)
    con = connect(db, read_only=True, create=False)  # first: a missing or corrupt database leaves no folder behind
    written = []
    try:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WarehouseError(f"export folder {out_dir}: {exc.strerror}") from None
        if partitioned:
            tables = datasets.write_partitioned(con, out_dir)
            tables.update(datasets.write_flat(con, out_dir, VIEWS, fmt))
        else:
            tables = datasets.write_flat(con, out_dir, TABLES + VIEWS, fmt)
        migrations = datasets.migrations_of(con)
    finally:
        con.close()  # the page store is read from its files: the warehouse is free meanwhile
    written += [(name, str(out_dir / entry["path"])) for name, entry in tables.items()]
    manifest = {"migrations": migrations, "format_of_tables": fmt, "tables": tables, "page_store": None}
    if not page_store:  # an earlier export's page store would stay beside a manifest that has none
        shutil.rmtree(out_dir / PAGE_STORE, ignore_errors=True)
    if page_store:
        records = export_page_store(db, out_dir / PAGE_STORE)
        manifest["page_store"] = {"records": records, "path": f"{PAGE_STORE}/", "partitioned_by": ["source_id", "year"]}
        written.append((f"page store ({records} records)", str(out_dir / PAGE_STORE)))
    datasets.write_manifest(out_dir, manifest)
    return written


def _page_store_schema():
    import pyarrow as pa

    s = pa.string()
    return pa.schema([("url", s), ("source_id", s), ("fetched_url", s), ("outcome", s), ("status", pa.int32()),
                      ("error", s), ("content_type", s), ("http_charset", s), ("fetched_at", pa.timestamp("us")),
                      ("body_sha1", s), ("parent_url", s), ("run_id", s), ("warc_file", s),
                      ("warc_offset", pa.int64()), ("warc_length", pa.int64()), ("warc_date", s), ("record_id", s),
                      ("http_headers", pa.list_(pa.struct([("name", s), ("value", s)]))), ("body", pa.binary()),
                      ("year", pa.int32())])


def export_page_store(db, target: Path) -> int:
    """Every page record of the WARC files, oldest file first, as a Parquet dataset partitioned
    by source and fetch year; returns how many records."""
    import duckdb
    import pyarrow as pa

    from crawler.page_store import read_records, warc_files

    schema = _page_store_schema()
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    con = duckdb.connect()  # in memory: only to write partitioned Parquet
    rows, size, batch, count = [], 0, 0, 0

    def flush():
        nonlocal rows, size, batch
        if not rows:
            return
        con.register("page_batch", pa.Table.from_pylist(rows, schema=schema))
        try:
            con.execute(f"""COPY page_batch TO '{target.as_posix().replace("'", "''")}'
                            (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (source_id, year),
                             FILENAME_PATTERN 'batch{batch:05d}_{{i}}', OVERWRITE_OR_IGNORE true)""")
        finally:
            con.unregister("page_batch")
        rows, size, batch = [], 0, batch + 1

    try:
        for path in warc_files(page_store_dir(db)):
            for record, _ in read_records(path, 0, with_body=True):
                if record is None:
                    continue
                row = {k: getattr(record, k) for k in schema.names if k not in ("http_headers", "year")}
                row["http_headers"] = [{"name": k, "value": v} for k, v in record.http_headers or []] or None
                row["year"] = record.fetched_at.year
                rows.append(row)
                size += len(record.body or b"")
                count += 1
                if size >= PAGE_BATCH_BYTES or len(rows) >= 5000:
                    flush()
        flush()
    finally:
        con.close()
    return count


def import_export(directory, db, echo=None) -> dict:
    """A new warehouse (``db`` must not exist) from an export folder; returns what was loaded."""
    from warehouse import datasets
    from warehouse.db import WarehouseError, connect
    from warehouse.load import finish_load
    from warehouse.series_table import mark_all

    echo = echo or (lambda line: None)
    manifest = datasets.read_manifest(directory)
    db = Path(db)
    if db.exists() or page_store_dir(db).exists() or search_index_dir(db).exists():
        beside = next(p for p in (db, page_store_dir(db), search_index_dir(db)) if p.exists())
        raise UserError(f"--db {db}: {beside} already exists; import writes a new database")
    try:
        con = connect(db)
        try:
            loaded = datasets.load_tables(con, directory, manifest)
        finally:
            con.close()
        store = manifest.get("page_store")
        records = 0
        if store:
            moved = import_page_store(Path(directory) / store["path"], page_store_dir(db))
            records = len(moved)
            if records != store["records"]:
                raise WarehouseError(f"{Path(directory) / store['path']}: {records} records read, "
                                     f"the manifest says {store['records']}")
        con = connect(db)
        try:
            if store:
                datasets.remap_pages(con, moved)
            stale = datasets.stale_pages(con)
            mark_all(con)
            finish_load(con)
        finally:
            con.close()
    except BaseException:
        _remove(db)  # a failed import leaves nothing behind: run it again
        raise
    if stale:
        echo(f"note: {stale} pages point at WARC files this export did not carry (export with --page-store); "
             "`process` cannot re-read them")
    return {"tables": loaded, "page_records": records, "stale_pages": stale}


def import_page_store(source: Path, folder: Path) -> list[tuple]:
    """The exported page records written as WARC files into ``folder``, one new file (or more) per
    original file, records in their original order; returns (old file, old offset, new file, new
    offset, new length) of each."""
    import duckdb

    from crawler.items import PageItem
    from crawler.page_store import WarcWriterFile, write_page

    moved = []
    if not any(source.glob("**/*.parquet")):
        return moved
    con = duckdb.connect()
    out, current = None, None
    try:
        result = con.execute(f"""SELECT * EXCLUDE (year) FROM read_parquet('{source.as_posix().replace("'", "''")}/**/*.parquet',
                                     hive_partitioning = true, hive_types = {{'source_id': VARCHAR, 'year': BIGINT}})
                                 ORDER BY warc_file, warc_offset""")
        reader = result.to_arrow_reader(1000)
        for batch in reader:
            for r in batch.to_pylist():
                if r["warc_file"] != current:
                    if out is not None:
                        out.close()
                    current = r["warc_file"]
                    out = WarcWriterFile(folder, "import-" + current.split(".warc")[0])
                item = PageItem(r["url"], r["source_id"], r["fetched_url"], r["outcome"], status=r["status"],
                                error=r["error"], content_type=r["content_type"], http_charset=r["http_charset"],
                                body=r["body"], parent_url=r["parent_url"])
                headers = [(h["name"], h["value"]) for h in r["http_headers"]] if r["http_headers"] else None
                write_page(out, item, r["run_id"], headers,
                           {"WARC-Date": r["warc_date"], "WARC-Record-ID": r["record_id"]})
                moved.append((r["warc_file"], r["warc_offset"], *out.last))
    except (duckdb.Error, KeyError) as exc:  # a damaged or foreign file: one line naming it
        from warehouse.datasets import first_line
        from warehouse.db import WarehouseError

        raise WarehouseError(f"{source}: not a page store this tool exported ({first_line(exc)})") from None
    finally:
        if out is not None:
            out.close()
        con.close()
    return moved



def _remove(db: Path) -> None:
    for path in (db, Path(str(db) + ".wal")):
        path.unlink(missing_ok=True)
    shutil.rmtree(page_store_dir(db), ignore_errors=True)
    shutil.rmtree(search_index_dir(db), ignore_errors=True)
