"""Export of the tables and the raw page store as Parquet partitioned by source and year, readable
without DuckDB, and the import that builds a warehouse back from it."""
import pytest

from conftest import copy_database, search_results

COMPARED = ("sources", "articles", "figures", "officials", "dates", "runs")


def _rows(db, table, leave_out=()):
    from warehouse.db import connect

    con = connect(db, read_only=True)
    try:
        cols = [c for (c,) in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = ? "
                                          "ORDER BY column_index", [table]).fetchall() if c not in leave_out]
        return con.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY ALL").fetchall()
    finally:
        con.close()


def _all_but(db, column):
    """Every column of articles but ``column`` (to select that one alone)."""
    from warehouse.db import connect

    con = connect(db, read_only=True)
    try:
        return [c for (c,) in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = 'articles'")
                .fetchall() if c != column]
    finally:
        con.close()


@pytest.fixture(scope="module")
def exported(warehouse_db, tmp_path_factory):
    from click.testing import CliRunner

    from pipeline import cli

    out = tmp_path_factory.mktemp("export") / "out"
    result = CliRunner().invoke(cli, ["export", str(out), "--partitioned", "--page-store", "--db", str(warehouse_db)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


def test_partitioned_export_is_readable_without_duckdb(exported, warehouse_db):
    """Hive partitions by source and year that pyarrow reads on its own, with every row."""
    import pyarrow.dataset as ds

    articles = ds.dataset(exported / "articles", format="parquet", partitioning="hive").to_table()
    assert articles.num_rows == 5
    sources = set(articles.column("source_id").to_pylist())
    assert sources == {row[0] for row in _rows(warehouse_db, "articles", _all_but(warehouse_db, "source_id"))}
    folders = {p.relative_to(exported / "articles").parts[:2] for p in (exported / "articles").glob("*/*/*.parquet")}
    assert all(a.startswith("source_id=") and b.startswith("year=") for a, b in folders) and len(folders) >= 3
    figures = ds.dataset(exported / "figures", format="parquet", partitioning="hive").to_table()
    assert figures.num_rows == len(_rows(warehouse_db, "figures")) and "source_id" in figures.column_names
    pages = ds.dataset(exported / "page_store", format="parquet", partitioning="hive").to_table()
    assert pages.num_rows == 5 and all(pages.column("body").to_pylist())
    # the bodies as received, as the page store holds them
    import orchestration
    from crawler.page_store import read_body

    row = pages.slice(0, 1).to_pylist()[0]
    assert row["body"] == read_body(orchestration.page_store_dir(warehouse_db), row["warc_file"], row["warc_offset"])
    assert {"Content-Type"} <= {h["name"] for h in row["http_headers"]}


def test_import_gives_back_the_warehouse_and_its_page_store(exported, warehouse_db, tmp_path, cli):
    db = tmp_path / "imported.duckdb"
    out = cli("import", exported, "--db", db, check=True).stdout
    assert "articles: 5 rows" in out and "page store: 5 records" in out
    for table in COMPARED:
        assert _rows(db, table) == _rows(warehouse_db, table), table
    # page rows the same but for where their record now is
    moved = ("warc_file", "warc_offset", "warc_length")
    assert _rows(db, "pages", moved) == _rows(warehouse_db, "pages", moved)
    queries = ("dien bien giam doc so", "học sinh")
    assert search_results(db, queries) == search_results(warehouse_db, queries)
    # the bodies were written back: processing everything again gives the same rows
    import orchestration

    outcome = orchestration.process_stored(db, all_pages=True, jobs=1)
    assert outcome.report.articles == 5 and not outcome.report.skipped
    for table in ("articles", "figures", "officials", "dates"):
        assert _rows(db, table, ("run_id", "extracted_at")) == _rows(warehouse_db, table, ("run_id", "extracted_at"))


def test_a_flat_export_imports_too_and_says_the_bodies_are_missing(warehouse_db, tmp_path, cli):
    cli("export", tmp_path / "flat", "--db", warehouse_db, check=True)
    result = cli("import", tmp_path / "flat", "--db", tmp_path / "i.duckdb", check=True)
    assert "note: 5 pages point at WARC files this export did not carry" in result.stdout
    assert _rows(tmp_path / "i.duckdb", "figures") == _rows(warehouse_db, "figures")


@pytest.mark.parametrize("case", ["exists", "no manifest", "no folder", "csv partitioned", "csv import"])
def test_bad_import_and_export_are_one_error_line_and_leave_nothing(case, exported, warehouse_db, tmp_path, cli):
    target = tmp_path / "new.duckdb"
    if case == "exists":
        copy_database(warehouse_db, target)
        result = cli("import", exported, "--db", target)
        named = "already exists"
    elif case == "no manifest":
        (tmp_path / "empty").mkdir()
        result = cli("import", tmp_path / "empty", "--db", target)
        named = "no export.json"
    elif case == "no folder":
        result = cli("import", tmp_path / "nowhere", "--db", target)
        named = "no such folder"
    elif case == "csv partitioned":
        result = cli("export", tmp_path / "x", "--format", "csv", "--partitioned", "--db", warehouse_db)
        named = "--format parquet"
    else:
        cli("export", tmp_path / "c", "--format", "csv", "--db", warehouse_db, check=True)
        result = cli("import", tmp_path / "c", "--db", target)
        named = "CSV export cannot be imported"
    assert result.exit_code == 2 and result.stderr.startswith("error: ") and named in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1
    if case != "exists":
        assert not target.exists() and not (tmp_path / "x").exists()


def test_export_from_a_missing_database_leaves_no_folder_with_the_page_store(cli, tmp_path):
    target = tmp_path / "out"
    result = cli("export", target, "--partitioned", "--page-store", "--db", tmp_path / "missing.duckdb")
    assert result.exit_code == 2 and result.stderr.startswith("error: --db") and not target.exists()
