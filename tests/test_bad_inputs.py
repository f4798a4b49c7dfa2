"""Every bad input is one `error:` line naming it, exit code 2, no traceback, checked before any
work is done, and the database is as it was."""
import json

import duckdb
import pytest

from conftest import copy_database

GOOD_GOLD = '{"id": "a", "text": "Toàn huyện có 45 trường."}\n'


@pytest.fixture
def db(warehouse_db, tmp_path):
    copy = tmp_path / "copy.duckdb"
    copy_database(warehouse_db, copy)
    return copy


def _counts(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("pages", "articles", "figures", "runs")]
    finally:
        con.close()


CASES = [
    (["sql", ""], "nothing to run"),
    (["sql", "-- only a comment"], "nothing to run"),
    (["sql", "COPY articles TO '/tmp/vn-edu-news-copy.csv'"], "file system operations are disabled"),
    (["sql", "ATTACH '/tmp/vn-edu-news-x.duckdb' AS x"], "file system operations are disabled"),
    (["sql", "DELETE FROM articles"], "read-only"),
    (["series", "--province", "Điện Biên", "--metric", "institutions", "--plot", "/missing/dir/x.png"], "/missing/dir"),
    (["series", "--province", "Điện Biên", "--metric", "schools"], "'schools'"),
    (["search", "giao duc", "--limit", "0"], "--limit"),
    (["search", "giao duc", "--limit", "-1"], "--limit"),
    (["search", "giao duc", "--since", "2021-13-01"], "--since"),
    (["search", "giao duc", "--since", "last year"], "--since"),
    (["process", "--jobs", "0"], "--jobs"),
    (["run", "--jobs", "0"], "--jobs"),
    (["run", "--timeout", "0"], "--timeout"),
    (["run", "--max-pages", "0"], "--max-pages"),
    (["run", "--start-url", "ftp://example.vn/"], "ftp://example.vn/"),
    (["evaluate", "GOLD", "--min-f1", "bogus=0.5"], "bogus"),
    (["evaluate", "GOLD", "--min-f1", "figures=1.5"], "between 0 and 1"),
    (["extract", "GOLD", "--jobs", "0"], "--jobs"),
    (["bogus-command"], "bogus-command"),
]


@pytest.mark.parametrize("args, named", CASES, ids=[" ".join(a)[:50] for a, _ in CASES])
def test_bad_input_is_one_error_line_and_changes_nothing(cli, db, tmp_path, args, named):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(GOOD_GOLD, encoding="utf-8")
    args = [str(gold) if a == "GOLD" else a for a in args]
    before = _counts(db)
    with_db = args + (["--db", str(db)] if args[0] in ("sql", "series", "search", "process", "run") else [])
    result = cli(*with_db)
    assert result.exit_code == 2, result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and named in lines[0], result.stderr
    assert _counts(db) == before


@pytest.mark.parametrize("records, named", [
    ([{"id": "a", "title": "no text"}], "line 1 has no 'text'"),
    ([{"id": "a", "text": "Có 5 trường."}, {"id": "a", "text": "Có 6 trường."}], "line 2 has the id 'a' of line 1"),
    ([{"id": "a", "text": "x", "published": "2021-13-01"}], "'published' '2021-13-01' is not a date"),
])
def test_extract_checks_its_input_before_any_nlp(cli, tmp_path, records, named):
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    result = cli("extract", path)
    assert result.exit_code == 2 and named in result.stderr and result.stderr.count("\n") == 1


def test_export_from_a_missing_or_corrupt_database_leaves_no_folder(cli, tmp_path):
    corrupt = tmp_path / "corrupt.duckdb"
    corrupt.write_bytes(b"not a database" * 100)
    for db in (tmp_path / "missing.duckdb", corrupt):
        target = tmp_path / f"out-{db.stem}"
        result = cli("export", target, "--db", db)
        assert result.exit_code == 2 and result.stderr.startswith("error: --db")
        assert not target.exists()


@pytest.mark.parametrize("name, value", [("VN_EDU_NEWS_READ_WAIT", "soon"), ("VN_EDU_NEWS_READ_WAIT", "-5"),
                                         ("VN_EDU_NEWS_APP_HOLD_AFTER_WRITER", "x")])
def test_a_bad_waiting_time_in_the_environment_is_one_error_line(cli, db, monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    if name == "VN_EDU_NEWS_READ_WAIT":
        result = cli("search", "giáo viên", "--db", db)
        assert result.exit_code == 2 and result.stderr.count("\n") == 1 and name in result.stderr, result.stderr
    else:
        from warehouse.db import WarehouseError
        from webapp.app import create_app

        with pytest.raises(WarehouseError, match=name):
            create_app(db)
