"""`pipeline.py search` answered by the index alone (warehouse/stored_search.py) when the index was
last seen in step with this very database file: the same results as the search that reads DuckDB,
never a result of a database that has changed since, and no DuckDB in the process."""
import subprocess
import sys

from conftest import ROOT
from test_search import QUERIES, load, sources

from warehouse import fulltext, queries, stored_search
from warehouse.db import connect
from warehouse.load import articles_changed


def written(tmp_path, count=300):
    path = tmp_path / "news.duckdb"
    con = connect(path)
    sources(con)
    load(con, count, national_every=5, undated_every=6)
    con.close()
    return path


def test_the_index_alone_answers_as_duckdb_does_once_duckdb_saw_it_in_step(tmp_path):
    path = written(tmp_path)
    assert stored_search.search(path, "hoc sinh") is None  # not yet seen in step with this file
    asked = [(q, {}) for q in QUERIES] + [
        ("hoc sinh", {"person": "nguyen"}), ("hoc sinh", {"person": "Văn kien"}),
        ("tốt nghiệp", {"since": "2019-01-01", "until": "2020-06-30"}), ("giao ban", {"limit": 3}),
        ("-hoc", {})]
    for query, kw in asked:
        through_duckdb = queries.search(path, query, **kw)
        assert stored_search.search(path, query, **kw) == through_duckdb, query
    assert any(len(queries.search(path, q)) >= 10 for q, _ in asked if q != "-hoc")  # results to compare


def test_a_change_to_the_database_sends_searches_back_to_duckdb_until_it_is_in_step(tmp_path):
    path = written(tmp_path)
    (first, *_) = queries.search(path, "hoc sinh")
    assert fulltext.stored_search_ready(path)
    con = connect(path)
    con.execute("BEGIN TRANSACTION")
    con.execute(f"UPDATE articles SET title = 'Khai giảng năm học mới ở Mường Nhé', "
                f"extracted_at = extracted_at + INTERVAL 1 SECOND WHERE article_id = '{first['article_id']}'")
    articles_changed(con)
    con.execute("COMMIT")
    assert stored_search.search(path, "hoc sinh") is None  # committed to the WAL, the file not written yet
    con.close()
    assert stored_search.search(path, "hoc sinh") is None  # the file changed since the index was in step
    (row,) = queries.search(path, '"Mường Nhé" khai giảng')  # DuckDB: the index brought in step
    assert row["article_id"] == first["article_id"]
    assert stored_search.search(path, '"Mường Nhé" khai giảng') == [row]


def _cli_search(path, query):
    code = (f"import sys, runpy\nsys.argv = ['pipeline.py', 'search', {query!r}, '--db', {str(path)!r}]\n"
            f"try:\n    runpy.run_path({str(ROOT / 'pipeline.py')!r}, run_name='__main__')\n"
            "except SystemExit as exc:\n    assert not exc.code, exc.code\n"
            "sys.stderr.write('duckdb imported: %s' % ('duckdb' in sys.modules))\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout, proc.stderr.strip().endswith("True")


def test_the_search_command_answers_without_duckdb_and_prints_the_same(tmp_path):
    path = written(tmp_path, 120)
    shown, with_duckdb = _cli_search(path, "Nguyễn Văn Kiên")
    assert with_duckdb and shown.count("\n") >= 30  # the first one reads DuckDB: ten results of three lines
    again, with_duckdb = _cli_search(path, "Nguyễn Văn Kiên")
    assert not with_duckdb and again == shown


def test_searches_on_an_open_connection_record_the_file_once_and_keep_the_open_index(tmp_path):
    path = written(tmp_path, 60)
    con = connect(path, read_only=True, create=False)
    try:
        queries.search(con, "hoc sinh")
        state = fulltext._index_dir(path) / "sync.json"
        written_at, index = state.stat().st_mtime_ns, fulltext.open_index(con)
        for _ in range(3):
            queries.search(con, "hoc sinh")
        assert state.stat().st_mtime_ns == written_at and fulltext.open_index(con) is index
    finally:
        con.close()
