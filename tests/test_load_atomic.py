"""A load is one transaction: a failure or a kill half-way leaves the database as it was, and
re-running reaches exactly the row counts of one clean load."""
import shutil
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from conftest import ROOT, run_cli

TABLES = ("articles", "figures", "officials", "dates", "search_docs")


def counts(db):
    con = duckdb.connect(str(db), read_only=True)
    try:  # the search index counts the articles it serves (re-indexed ones leave dead entries)
        return {t: con.execute(f"SELECT count(*) FROM {t}" + (" WHERE live" if t == "search_docs" else "")).fetchone()[0]
                for t in TABLES}
    finally:
        con.close()


def test_failure_inside_the_transaction_rolls_back(sample_db, tmp_path, monkeypatch):
    db = tmp_path / "copy.duckdb"
    shutil.copy(sample_db["db"], db)
    before = counts(db)
    import warehouse.load as load
    from warehouse.db import connect

    real_insert = load._bulk_insert

    def explode(con, table, rows):
        if table == "dates":  # the last insert of the batch: everything before it must go too
            raise RuntimeError("disk full (simulated)")
        real_insert(con, table, rows)

    monkeypatch.setattr(load, "_bulk_insert", explode)
    con = connect(db)
    with pytest.raises(RuntimeError):
        load.process_pages(con, "test-run", all_pages=True)
    con.close()
    assert counts(db) == before


def _with_many_pages(src, dst, copies):
    shutil.copy(src, dst)
    con = duckdb.connect(str(dst))
    con.execute(f"""INSERT INTO pages SELECT url || '?copy=' || i, source_id, fetched_url, status, outcome, error,
                    content_type, http_charset, fetched_at, body_sha1, body_zlib, parent_url, run_id
                    FROM pages, range(1, {copies + 1}) t(i) WHERE outcome = 'article'""")
    con.close()


def test_killed_process_leaves_a_clean_state(sample_db, tmp_path):
    clean = tmp_path / "clean.duckdb"
    _with_many_pages(sample_db["db"], clean, 30)
    run_cli("process", "--db", clean, check=True)
    expected = counts(clean)

    victim = tmp_path / "victim.duckdb"
    _with_many_pages(sample_db["db"], victim, 30)
    before = counts(victim)
    # one process: a SIGKILL cannot reach NLP workers, which would be left waiting on their queue
    proc = subprocess.Popen([sys.executable, str(ROOT / "pipeline.py"), "process", "--jobs", "1", "--db", str(victim)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(4)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert counts(victim) in (before, expected)  # all or nothing
    run_cli("process", "--db", victim, check=True)
    assert counts(victim) == expected
    run_cli("process", "--all", "--db", victim, check=True)
    assert counts(victim) == expected
